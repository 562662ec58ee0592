package batch

import (
	"encoding/binary"

	"github.com/nlbatch/nlbatch/codec"
	"github.com/nlbatch/nlbatch/nlb"
)

const rtmNewlink = 16

func byteOrder(big bool) binary.ByteOrder {
	if big {
		return binary.BigEndian
	}
	return binary.LittleEndian
}

// newInterfaces finds the interfaces an RTM_NEWLINK request creates (the
// link itself, and a veth-style peer) that the request leaves unnumbered
// (ifi_index 0) and names, and returns a RelocNewIfindex for each: the
// replayer gives them free indexes up front so that later messages can
// refer to them by name.
func newInterfaces(msg []byte, big bool) ([]nlb.Reloc, error) {
	h, ok := codec.ParseHeader(msg, byteOrder(big))
	if !ok || h.Type != rtmNewlink || h.Flags&codec.FlagCreate == 0 {
		return nil, nil
	}
	m, err := codec.Decode(codec.ProtoRoute, byteOrder(big), msg)
	if err != nil {
		return nil, err
	}
	var out []nlb.Reloc
	define := func(hdr *codec.Node, attrs []codec.Node) {
		if hdr == nil || hdr.Name != "ifinfomsg" {
			return
		}
		idx := hdr.Find("ifi_index")
		var name *codec.Node
		for i := range attrs {
			if attrs[i].Name == "IFLA_IFNAME" {
				name = &attrs[i]
			}
		}
		if idx == nil || name == nil {
			return
		}
		if v, _ := idx.Uint(); v != 0 {
			return // numbered by the request itself
		}
		if nlb.CheckSymbol(name.Text()) != nil {
			return
		}
		out = append(out, nlb.Reloc{Offset: uint32(idx.Offset), Width: 4, Kind: nlb.RelocNewIfindex, Symbol: name.Text()})
	}
	if len(m.Nodes) > 1 {
		define(&m.Nodes[1], m.Nodes[2:])
	}
	var walk func(nodes []codec.Node)
	walk = func(nodes []codec.Node) {
		for i := range nodes {
			n := &nodes[i]
			if n.Kind == codec.NodeAttr && n.Type == codec.StructAttrs && len(n.Children) > 0 {
				define(&n.Children[0], n.Children[1:])
			}
			walk(n.Children)
		}
	}
	walk(m.Nodes[1:])
	return out, nil
}
