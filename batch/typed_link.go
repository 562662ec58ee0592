package batch

import (
	"errors"
	"fmt"
	"maps"
	"net"
	"net/netip"
	"slices"

	"github.com/nlbatch/nlbatch/codec"
	"github.com/nlbatch/nlbatch/nlb"
)

// CmdSet changes an existing link: RTM_NEWLINK without CREATE, as
// `ip link set` and pyroute2's link("set"). Only AddLink takes it.
const CmdSet = CmdDel + 1

// LinkState is the administrative state a link request sets.
type LinkState uint8

// Link states; LinkStateKeep leaves IFF_UP alone.
const (
	LinkStateKeep LinkState = iota
	LinkUp                  // IFF_UP set in ifi_flags and ifi_change
	LinkDown                // IFF_UP cleared, set in ifi_change
)

// Link is a link request (RTM_NEWLINK, RTM_DELLINK): the link's common
// attributes and, with Kind, the options of the kinds listed in
// LinkKinds. Zero fields are left out of the message, and so are the
// options of kinds other than Kind.
type Link struct {
	// Name is IFLA_IFNAME: the name of the link to create, or the new
	// name of the link Dev or Index names. A created link with a Name is
	// numbered by the replayer, so later requests may use the name.
	Name  string
	Dev   string // an existing link by name (ifi_index, resolved on the target)
	Index uint32 // an existing link by index, when Dev is empty
	Kind  string // IFLA_INFO_KIND: "dummy", "bridge", "veth", "vlan", "vxlan", "macvlan"

	MTU         uint32           // IFLA_MTU
	TxQLen      uint32           // IFLA_TXQLEN, the transmit queue length
	Address     net.HardwareAddr // IFLA_ADDRESS
	Alias       string           // IFLA_IFALIAS
	Master      string           // IFLA_MASTER by name, e.g. a bridge
	MasterIndex uint32           // IFLA_MASTER by index, when Master is empty
	// Link is the lower device by name: IFLA_LINK for vlan and macvlan,
	// IFLA_VXLAN_LINK for vxlan.
	Link      string
	LinkIndex uint32 // the lower device by index, when Link is empty
	State     LinkState

	Peer         string     // veth: the peer's name (VETH_INFO_PEER)
	VlanID       uint16     // vlan: IFLA_VLAN_ID
	VlanProtocol uint16     // vlan: IFLA_VLAN_PROTOCOL, e.g. 0x8100 or 0x88a8
	VNI          uint32     // vxlan: IFLA_VXLAN_ID
	Port         uint16     // vxlan: IFLA_VXLAN_PORT (UDP destination port)
	Local        netip.Addr // vxlan: IFLA_VXLAN_LOCAL or IFLA_VXLAN_LOCAL6
	Remote       netip.Addr // vxlan: IFLA_VXLAN_GROUP(6) holding a unicast remote
	Group        netip.Addr // vxlan: IFLA_VXLAN_GROUP(6), a multicast group
	MacvlanMode  uint32     // macvlan: IFLA_MACVLAN_MODE, MACVLAN_MODE_*
}

// linkEnc is how a kind's attribute is encoded.
type linkEnc uint8

const (
	encU16 linkEnc = iota
	encU32
	encBE16
	encAddr  // IPv4 in num, IPv6 in num6
	encPeer  // a veth peer: ifinfomsg and IFLA_IFNAME
	encIndex // an interface index, by name (a relocation) or number
)

// linkField names the Link field a kind's attribute comes from.
type linkField uint8

const (
	fieldPeer linkField = iota
	fieldVlanID
	fieldVlanProtocol
	fieldVNI
	fieldGroup
	fieldRemote
	fieldLower
	fieldLocal
	fieldPort
	fieldMacvlanMode
)

// value returns field f of l: an integer, an address or a name, zero
// when unset.
func (f linkField) value(l *Link) (u uint64, a netip.Addr, s string) {
	switch f {
	case fieldPeer:
		s = l.Peer
	case fieldVlanID:
		u = uint64(l.VlanID)
	case fieldVlanProtocol:
		u = uint64(l.VlanProtocol)
	case fieldVNI:
		u = uint64(l.VNI)
	case fieldGroup:
		a = l.Group
	case fieldRemote:
		a = l.Remote
	case fieldLower:
		s, u = l.Link, uint64(l.LinkIndex)
	case fieldLocal:
		a = l.Local
	case fieldPort:
		u = uint64(l.Port)
	case fieldMacvlanMode:
		u = uint64(l.MacvlanMode)
	}
	return u, a, s
}

// linkDataAttr is one attribute of a kind's IFLA_INFO_DATA and the Link
// field it comes from.
type linkDataAttr struct {
	num, num6 uint16
	enc       linkEnc
	field     linkField
}

// linkKind is what a kind writes: its IFLA_INFO_DATA attributes, and
// whether the lower device goes in IFLA_LINK.
type linkKind struct {
	lowerInLink bool
	data        []linkDataAttr
}

var (
	iflaAddress  = mustAttr("RTM_NEWLINK", "IFLA_ADDRESS")
	iflaIfname   = mustAttr("RTM_NEWLINK", "IFLA_IFNAME")
	iflaMTU      = mustAttr("RTM_NEWLINK", "IFLA_MTU")
	iflaLink     = mustAttr("RTM_NEWLINK", "IFLA_LINK")
	iflaMaster   = mustAttr("RTM_NEWLINK", "IFLA_MASTER")
	iflaTxqlen   = mustAttr("RTM_NEWLINK", "IFLA_TXQLEN")
	iflaIfalias  = mustAttr("RTM_NEWLINK", "IFLA_IFALIAS")
	iflaLinkinfo = mustAttr("RTM_NEWLINK", "IFLA_LINKINFO")
	iflaInfoKind = mustAttrIn("RTM_NEWLINK", "IFLA_LINKINFO", "IFLA_INFO_KIND")
	iflaInfoData = mustAttrIn("RTM_NEWLINK", "IFLA_LINKINFO", "IFLA_INFO_DATA")
	rtmNewlinkT  = mustMsg("RTM_NEWLINK")
	rtmDellink   = mustMsg("RTM_DELLINK")
)

// linkKinds maps a kind to its attributes.
var linkKinds = map[string]linkKind{
	"dummy":  {},
	"bridge": {},
	"veth": {data: []linkDataAttr{
		{num: mustKindAttr("veth", "VETH_INFO_PEER"), enc: encPeer, field: fieldPeer},
	}},
	"vlan": {lowerInLink: true, data: []linkDataAttr{
		{num: mustKindAttr("vlan", "IFLA_VLAN_ID"), enc: encU16, field: fieldVlanID},
		{num: mustKindAttr("vlan", "IFLA_VLAN_PROTOCOL"), enc: encBE16, field: fieldVlanProtocol},
	}},
	"vxlan": {data: []linkDataAttr{
		{num: mustKindAttr("vxlan", "IFLA_VXLAN_ID"), enc: encU32, field: fieldVNI},
		{num: mustKindAttr("vxlan", "IFLA_VXLAN_GROUP"), num6: mustKindAttr("vxlan", "IFLA_VXLAN_GROUP6"), enc: encAddr, field: fieldGroup},
		{num: mustKindAttr("vxlan", "IFLA_VXLAN_GROUP"), num6: mustKindAttr("vxlan", "IFLA_VXLAN_GROUP6"), enc: encAddr, field: fieldRemote},
		{num: mustKindAttr("vxlan", "IFLA_VXLAN_LINK"), enc: encIndex, field: fieldLower},
		{num: mustKindAttr("vxlan", "IFLA_VXLAN_LOCAL"), num6: mustKindAttr("vxlan", "IFLA_VXLAN_LOCAL6"), enc: encAddr, field: fieldLocal},
		{num: mustKindAttr("vxlan", "IFLA_VXLAN_PORT"), enc: encBE16, field: fieldPort},
	}},
	"macvlan": {lowerInLink: true, data: []linkDataAttr{
		{num: mustKindAttr("macvlan", "IFLA_MACVLAN_MODE"), enc: encU32, field: fieldMacvlanMode},
	}},
}

// LinkKinds lists, sorted, the kinds a Link request takes.
func LinkKinds() []string { return slices.Sorted(maps.Keys(linkKinds)) }

const iffUp = 1

// AddLink compiles a link request: CmdAdd creates (RTM_NEWLINK with
// CREATE|EXCL), CmdSet changes, CmdDel deletes; CmdReplace and
// CmdChange are RTM_NEWLINK with their flags.
func (c *Compiler) AddLink(cmd Cmd, l *Link, src nlb.Source) error {
	var flags uint16
	if cmd == CmdSet {
		flags = codec.FlagRequest | codec.FlagAck
	} else {
		var err error
		if flags, err = cmd.flags(); err != nil {
			return &Error{Source: src, Err: err}
		}
	}
	var kind linkKind
	if l.Kind != "" {
		var ok bool
		if kind, ok = linkKinds[l.Kind]; !ok {
			return &Error{Source: src, Err: fmt.Errorf("link kind %q: the typed request knows %v", l.Kind, LinkKinds())}
		}
	}
	if l.Remote.IsValid() && l.Group.IsValid() {
		return &Error{Source: src, Err: errors.New("link: Remote and Group are the same attribute; give one")}
	}
	if l.Name == "" && l.Dev == "" && l.Index == 0 {
		return &Error{Source: src, Err: errors.New("link: no Name, Dev or Index")}
	}
	typ := rtmNewlinkT
	if cmd == CmdDel {
		typ = rtmDellink
	}
	b := c.begin(typ, flags)
	idx := l.Index
	if l.Dev != "" {
		if err := c.ifname(b.Offset()+4, "link dev", l.Dev); err != nil {
			return &Error{Source: src, Err: err}
		}
		idx = 0
	}
	var ifi, change uint32
	switch l.State {
	case LinkUp:
		ifi, change = iffUp, iffUp
	case LinkDown:
		change = iffUp
	}
	var hdr [16]byte
	putNative32(hdr[4:], idx, c.opts.BigEndian)
	putNative32(hdr[8:], ifi, c.opts.BigEndian)
	putNative32(hdr[12:], change, c.opts.BigEndian)
	b.Raw(hdr[:])
	if l.Name != "" {
		b.String(iflaIfname, l.Name)
	}
	if l.MTU != 0 {
		b.U32(iflaMTU, l.MTU)
	}
	if l.TxQLen != 0 {
		b.U32(iflaTxqlen, l.TxQLen)
	}
	if len(l.Address) > 0 {
		b.Attr(iflaAddress, l.Address)
	}
	if l.Alias != "" {
		b.String(iflaIfalias, l.Alias)
	}
	if err := c.ifindexAttr(iflaMaster, "link master", l.Master, l.MasterIndex); err != nil {
		return &Error{Source: src, Err: err}
	}
	if kind.lowerInLink {
		if err := c.ifindexAttr(iflaLink, "link lower device", l.Link, l.LinkIndex); err != nil {
			return &Error{Source: src, Err: err}
		}
	}
	if l.Kind != "" {
		b.BeginNest(iflaLinkinfo)
		b.String(iflaInfoKind, l.Kind)
		if err := c.linkData(l, kind.data); err != nil {
			return &Error{Source: src, Err: err}
		}
		b.EndNest()
	}
	return c.commit(src, typ == rtmNewlinkT && flags&codec.FlagCreate != 0)
}

// linkData writes IFLA_INFO_DATA from a kind's table, when any of its
// attributes is set.
func (c *Compiler) linkData(l *Link, data []linkDataAttr) error {
	b := c.b
	open := false
	for i := range data {
		d := &data[i]
		u, a, s := d.field.value(l)
		if u == 0 && !a.IsValid() && s == "" {
			continue
		}
		if !open {
			b.BeginNest(iflaInfoData)
			open = true
		}
		switch d.enc {
		case encU16:
			b.U16(d.num, uint16(u))
		case encU32:
			b.U32(d.num, uint32(u))
		case encBE16:
			b.BE16(d.num, uint16(u))
		case encAddr:
			a = a.Unmap()
			if a.Is4() {
				b.Attr(d.num, a.AsSlice())
			} else {
				b.Attr(d.num6, a.AsSlice())
			}
		case encIndex:
			if err := c.ifindexAttr(d.num, "link lower device", s, uint32(u)); err != nil {
				return err
			}
		case encPeer:
			b.BeginNest(d.num)
			var peer [16]byte
			b.Raw(peer[:])
			b.String(iflaIfname, s)
			b.EndNest()
		}
	}
	if open {
		b.EndNest()
	}
	return nil
}
