package batch

import (
	"errors"
	"net/netip"

	"github.com/nlbatch/nlbatch/nlb"
)

// Nexthop is a nexthop object request (RTM_NEWNEXTHOP, RTM_DELNEXTHOP):
// a gateway and/or device, a blackhole, or a group of other nexthops.
// Zero fields are left out of the message.
type Nexthop struct {
	ID uint32 // NHA_ID; 0 lets the kernel choose (add only)
	// Family is taken from Gateway when zero; AF_UNSPEC for groups and
	// deletes, AF_INET otherwise (a device only, a blackhole), as
	// iproute2 does.
	Family    uint8
	Gateway   netip.Addr // NHA_GATEWAY
	Dev       string     // NHA_OIF by name: resolved on the target
	OIF       uint32     // NHA_OIF by index, when Dev is empty
	Blackhole bool       // NHA_BLACKHOLE
	Group     []NexthopGroupMember
	FDB       bool   // NHA_FDB: a nexthop for the bridge FDB (VXLAN)
	Protocol  uint8  // nh_protocol, RTPROT_*
	Flags     uint32 // nh_flags, RTNH_F_*
}

// NexthopGroupMember is one member of a nexthop group: a nexthop id and
// its weight (1 to 256; 0 means 1).
type NexthopGroupMember struct {
	ID     uint32
	Weight uint16
}

var (
	nhaID        = mustAttr("RTM_NEWNEXTHOP", "NHA_ID")
	nhaGroup     = mustAttr("RTM_NEWNEXTHOP", "NHA_GROUP")
	nhaBlackhole = mustAttr("RTM_NEWNEXTHOP", "NHA_BLACKHOLE")
	nhaOIF       = mustAttr("RTM_NEWNEXTHOP", "NHA_OIF")
	nhaGateway   = mustAttr("RTM_NEWNEXTHOP", "NHA_GATEWAY")
	nhaFDB       = mustAttr("RTM_NEWNEXTHOP", "NHA_FDB")
	rtmNewnh     = mustMsg("RTM_NEWNEXTHOP")
	rtmDelnh     = mustMsg("RTM_DELNEXTHOP")
)

// AddNexthop compiles a nexthop request: CmdAdd, CmdReplace or CmdDel
// (a delete needs only the ID).
func (c *Compiler) AddNexthop(cmd Cmd, n *Nexthop, src nlb.Source) error {
	flags, err := cmd.flags()
	if err != nil {
		return &Error{Source: src, Err: err}
	}
	family := n.Family
	switch {
	case family != 0 || cmd == CmdDel || len(n.Group) > 0:
	case n.Gateway.IsValid():
		family = familyOf(n.Gateway)
	default:
		family = typedAFInet // the kernel wants one for a device or a blackhole
	}
	if cmd == CmdDel && n.ID == 0 {
		return &Error{Source: src, Err: errors.New("nexthop: delete without an id")}
	}
	for _, m := range n.Group {
		if m.Weight > 256 {
			return &Error{Source: src, Err: errors.New("nexthop: group weight above 256")}
		}
	}
	typ := rtmNewnh
	if cmd == CmdDel {
		typ = rtmDelnh
	}
	b := c.begin(typ, flags)
	var hdr [8]byte
	hdr[0], hdr[2] = family, n.Protocol
	putNative32(hdr[4:], n.Flags, c.opts.BigEndian)
	b.Raw(hdr[:])
	if n.ID != 0 {
		b.U32(nhaID, n.ID)
	}
	if len(n.Group) > 0 {
		b.BeginNest(nhaGroup) // an array of struct nexthop_grp, not a nest: the header is the same
		for _, m := range n.Group {
			w := m.Weight
			if w == 0 {
				w = 1
			}
			var g [8]byte
			putNative32(g[0:], m.ID, c.opts.BigEndian)
			g[4], g[5] = uint8(w-1), uint8((w-1)>>8)
			b.Raw(g[:])
		}
		b.EndNest()
	}
	if n.Blackhole {
		b.Flag(nhaBlackhole)
	}
	if err := c.ifindexAttr(nhaOIF, "nexthop dev", n.Dev, n.OIF); err != nil {
		return &Error{Source: src, Err: err}
	}
	if n.Gateway.IsValid() {
		b.Attr(nhaGateway, n.Gateway.Unmap().AsSlice())
	}
	if n.FDB {
		b.Flag(nhaFDB)
	}
	return c.commit(src, false)
}
