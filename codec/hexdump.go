package codec

import (
	"encoding/binary"
	"strconv"
)

// AppendHex appends an annotated hexdump of m: every header field,
// attribute header, payload and padding on its own line(s) with its
// offset from the start of the message.
func AppendHex(b []byte, m *Msg) []byte {
	b = appendIntro(b, m.Protocol, m.Name, m.Header, m.Kind)
	b = append(b, " len="...)
	b = strconv.AppendUint(b, uint64(m.Header.Len), 10)
	b = append(b, " offset="...)
	b = strconv.AppendInt(b, int64(m.Offset), 10)
	b = append(b, '\n')
	h := hexPrinter{links: m.Links, proto: m.Protocol, kind: m.Kind, name: m.Name}
	b = h.nodes(b, m.Nodes, 0, "")
	if len(m.Pad) > 0 {
		b = h.row(b, len(m.Raw), m.Pad, 0, labelText("message padding"))
	}
	return b
}

const hexCols = 16

type hexPrinter struct {
	links map[uint32]string
	proto int
	kind  MsgKind // of the top-level message, for its flag names
	name  string  // of the top-level message
}

// label appends a row's annotation.
type label func(b []byte) []byte

func labelText(s string) label { return func(b []byte) []byte { return append(b, s...) } }

func (h hexPrinter) nodes(b []byte, nodes []Node, depth int, prefix string) []byte {
	for i := range nodes {
		b = h.node(b, &nodes[i], depth, prefix)
	}
	return b
}

func (h hexPrinter) node(b []byte, n *Node, depth int, prefix string) []byte {
	switch n.Kind {
	case NodeAttr:
		// Rebuild the header bytes (the tree keeps lengths implicit).
		var raw [AttrHeaderLen]byte
		if n.Big {
			binary.BigEndian.PutUint16(raw[0:], uint16(AttrHeaderLen+len(n.Data)))
			binary.BigEndian.PutUint16(raw[2:], n.Num|n.NLAFlags)
		} else {
			binary.LittleEndian.PutUint16(raw[0:], uint16(AttrHeaderLen+len(n.Data)))
			binary.LittleEndian.PutUint16(raw[2:], n.Num|n.NLAFlags)
		}
		b = h.row(b, n.Offset, raw[:], depth, func(b []byte) []byte {
			b = appendNodeLabel(b, n)
			b = append(b, " len="...)
			return strconv.AppendInt(b, int64(AttrHeaderLen+len(n.Data)), 10)
		})
		if len(n.Children) > 0 && n.Err == "" {
			b = h.nodes(b, n.Children, depth+1, "")
		} else if len(n.Data) > 0 {
			b = h.leaf(b, n, depth+1, "")
		}
		if len(n.Pad()) > 0 {
			b = h.row(b, n.Offset+AttrHeaderLen+len(n.Data), n.Pad(), depth+1, labelText("padding"))
		}
		return b
	case NodeStruct:
		if n.Name == "nlmsghdr" && n.Children == nil {
			return h.msgHeader(b, n, depth)
		}
		// Field labels carry the struct's name: "ifinfomsg.ifi_index".
		b = h.structFields(b, n, depth, prefix)
		if len(n.Pad()) > 0 {
			b = h.row(b, n.Offset+len(n.Data), n.Pad(), depth, labelText("padding"))
		}
		return b
	case NodeMessage:
		b = h.row(b, n.Offset, nil, depth, func(b []byte) []byte {
			b = append(b, "echoed request "...)
			return append(b, n.Name...)
		})
		inner := h
		inner.name, inner.kind = n.Name, KindOther
		if hd, ok := ParseHeader(n.Data, n.Order()); ok {
			if p := LookupProtocol(h.proto); p != nil && h.proto != ProtoGeneric {
				if def := p.Lookup(hd.Type); def != nil {
					inner.kind = def.Kind
				}
			}
		}
		b = inner.nodes(b, n.Children, depth+1, "")
		if len(n.Pad()) > 0 {
			b = h.row(b, n.Offset+len(n.Data), n.Pad(), depth, labelText("padding"))
		}
		return b
	case NodeElem:
		if len(n.Children) > 0 {
			b = h.row(b, n.Offset, nil, depth, func(b []byte) []byte { return appendNodeLabel(b, n) })
			b = h.nodes(b, n.Children, depth+1, "")
			if len(n.Pad()) > 0 {
				b = h.row(b, n.Offset+len(n.Data), n.Pad(), depth+1, labelText("padding"))
			}
			return b
		}
	}
	return h.leaf(b, n, depth, prefix)
}

// msgHeader writes the fields of a nlmsghdr, which the decoder keeps as
// one node (Msg.Header has the values).
func (h hexPrinter) msgHeader(b []byte, n *Node, depth int) []byte {
	hd, _ := ParseHeader(n.Data, n.Order())
	for i := range nlmsghdrDef.Fields {
		f := &nlmsghdrDef.Fields[i]
		w := f.Width()
		off := 0
		for j := 0; j < i; j++ {
			off += nlmsghdrDef.Fields[j].Width()
		}
		fn := Node{Kind: NodeField, Name: f.Name, Type: f.Type, Field: f, Offset: n.Offset + off, Data: n.Data[off : off+w], Big: n.Big}
		b = h.row(b, fn.Offset, fn.Data, depth, func(b []byte) []byte {
			b = append(b, "nlmsghdr."...)
			b = append(b, f.Name...)
			b = append(b, " = "...)
			switch f.Name {
			case "nlmsg_type":
				b = strconv.AppendUint(b, uint64(hd.Type), 10)
				if h.name != "" {
					b = append(b, ' ')
					b = append(b, h.name...)
				}
				return b
			case "nlmsg_flags":
				b = append(b, "0x"...)
				b = strconv.AppendUint(b, uint64(hd.Flags), 16)
				if hd.Flags != 0 {
					b = append(b, ' ')
					b = appendFlagNames(b, FlagNames(h.kind, hd.Type), uint64(hd.Flags), StyleVerbose)
				}
				return b
			}
			return appendValue(b, &fn, StyleVerbose, nil)
		})
	}
	return b
}

func (h hexPrinter) structFields(b []byte, n *Node, depth int, prefix string) []byte {
	for i := range n.Children {
		c := &n.Children[i]
		if c.Kind == NodeStruct {
			b = h.structFields(b, c, depth, n.Name)
			continue
		}
		b = h.leafNamed(b, c, depth, prefix, n.Name)
	}
	return b
}

func (h hexPrinter) leaf(b []byte, n *Node, depth int, prefix string) []byte {
	return h.leafNamed(b, n, depth, "", prefix)
}

// leafNamed writes a leaf's bytes labelled "outer.inner.name = value".
func (h hexPrinter) leafNamed(b []byte, n *Node, depth int, outer, inner string) []byte {
	off := n.Offset
	if n.Kind == NodeAttr {
		off += AttrHeaderLen
	}
	return h.row(b, off, n.Data, depth, func(b []byte) []byte {
		if n.Kind != NodeAttr {
			for _, p := range [2]string{outer, inner} {
				if p != "" {
					b = append(b, p...)
					b = append(b, '.')
				}
			}
			b = appendNodeLabel(b, n)
			b = append(b, " = "...)
		} else {
			b = append(b, "= "...)
		}
		b = appendValue(b, n, StyleVerbose, h.links)
		if n.Err != "" {
			b = append(b, "  !! "...)
			b = append(b, n.Err...)
		}
		return b
	})
}

// row writes data from off in rows of 16 bytes, the label on the first
// row; nil data writes a row with the label only.
func (h hexPrinter) row(b []byte, off int, data []byte, depth int, lbl label) []byte {
	for row := 0; row < len(data) || row == 0; row += hexCols {
		end := row + hexCols
		if end > len(data) {
			end = len(data)
		}
		b = append(b, "  "...)
		b = appendOffset(b, off+row)
		b = append(b, "  "...)
		for i := row; i < row+hexCols; i++ {
			if i < end {
				c := data[i]
				b = append(b, hexDigits[c>>4], hexDigits[c&15], ' ')
			} else {
				b = append(b, "   "...)
			}
		}
		if row == 0 {
			b = appendIndent(b, depth)
			b = lbl(b)
		}
		b = append(b, '\n')
		if len(data) == 0 {
			break
		}
	}
	return b
}

func appendIndent(b []byte, depth int) []byte {
	for ; depth > 0; depth-- {
		b = append(b, ' ', ' ')
	}
	return b
}

func appendOffset(b []byte, off int) []byte {
	var tmp [16]byte
	s := strconv.AppendInt(tmp[:0], int64(off), 16)
	for i := len(s); i < 4; i++ {
		b = append(b, '0')
	}
	return append(b, s...)
}
