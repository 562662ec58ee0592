package batch

import (
	"errors"
	"net"
	"net/netip"

	"github.com/nlbatch/nlbatch/nlb"
)

// Neigh is a neighbour request (RTM_NEWNEIGH, RTM_DELNEIGH): an ARP or
// NDP entry, or with FDB a bridge forwarding database entry. Zero fields
// are left out of the message.
type Neigh struct {
	Family uint8      // AF_INET or AF_INET6, taken from Dst when zero; AF_BRIDGE with FDB
	Dst    netip.Addr // the neighbour's address (for FDB: a VXLAN remote)
	LLAddr net.HardwareAddr
	Dev    string // interface by name: resolved on the target
	Index  uint32 // interface by index, when Dev is empty
	State  uint16 // NUD_*
	Flags  uint8  // NTF_*

	// FDB makes it a bridge forwarding database entry (AF_BRIDGE). For
	// add and del, as pyroute2's fdb: NUD_NOARP is added to State, with
	// NUD_PERMANENT unless State has NUD_REACHABLE or NUD_PERMANENT, and
	// NTF_SELF to Flags unless Flags has NTF_SELF or NTF_MASTER.
	FDB         bool
	Vlan        uint16 // NDA_VLAN
	VNI         uint32 // NDA_VNI
	Port        uint16 // NDA_PORT, the VXLAN UDP port
	Master      string // NDA_MASTER: the bridge by name
	MasterIndex uint32 // NDA_MASTER by index, when Master is empty
}

// NUD_* and NTF_* bits the FDB defaults use.
const (
	nudReachable = 0x02
	nudNoarp     = 0x40
	nudPermanent = 0x80
	ntfSelf      = 0x02
	ntfMaster    = 0x04
	afBridgeNum  = 7
)

var (
	ndaDst      = mustAttr("RTM_NEWNEIGH", "NDA_DST")
	ndaLLAddr   = mustAttr("RTM_NEWNEIGH", "NDA_LLADDR")
	ndaVlan     = mustAttr("RTM_NEWNEIGH", "NDA_VLAN")
	ndaPort     = mustAttr("RTM_NEWNEIGH", "NDA_PORT")
	ndaVNI      = mustAttr("RTM_NEWNEIGH", "NDA_VNI")
	ndaMaster   = mustAttr("RTM_NEWNEIGH", "NDA_MASTER")
	rtmNewneigh = mustMsg("RTM_NEWNEIGH")
	rtmDelneigh = mustMsg("RTM_DELNEIGH")
)

// AddNeigh compiles a neighbour or FDB request: CmdAdd, CmdReplace,
// CmdChange, CmdAppend or CmdDel.
func (c *Compiler) AddNeigh(cmd Cmd, n *Neigh, src nlb.Source) error {
	flags, err := cmd.flags()
	if err != nil {
		return &Error{Source: src, Err: err}
	}
	family := n.Family
	state, ntf := n.State, n.Flags
	switch {
	case n.FDB:
		family = afBridgeNum
		if (cmd == CmdAdd || cmd == CmdAppend || cmd == CmdDel) && state&nudNoarp == 0 {
			state |= nudNoarp
			if state&(nudPermanent|nudReachable) == 0 {
				state |= nudPermanent
			}
			if ntf&(ntfSelf|ntfMaster) == 0 {
				ntf |= ntfSelf
			}
		}
	case family != 0:
	case n.Dst.IsValid():
		family = familyOf(n.Dst)
	default:
		return &Error{Source: src, Err: errors.New("neigh: no family and no destination")}
	}
	typ := rtmNewneigh
	if cmd == CmdDel {
		typ = rtmDelneigh
	}
	b := c.begin(typ, flags)
	idx := n.Index
	if n.Dev != "" {
		if err := c.ifname(b.Offset()+4, "neigh dev", n.Dev); err != nil {
			return &Error{Source: src, Err: err}
		}
		idx = 0
	}
	var hdr [12]byte
	hdr[0] = family
	putNative32(hdr[4:], idx, c.opts.BigEndian)
	putNative16(hdr[8:], state, c.opts.BigEndian)
	hdr[10] = ntf
	b.Raw(hdr[:])
	if n.Dst.IsValid() {
		b.Attr(ndaDst, n.Dst.Unmap().AsSlice())
	}
	if len(n.LLAddr) > 0 {
		b.Attr(ndaLLAddr, n.LLAddr)
	}
	if n.Vlan != 0 {
		b.U16(ndaVlan, n.Vlan)
	}
	if n.Port != 0 {
		b.BE16(ndaPort, n.Port)
	}
	if n.VNI != 0 {
		b.U32(ndaVNI, n.VNI)
	}
	if err := c.ifindexAttr(ndaMaster, "neigh master", n.Master, n.MasterIndex); err != nil {
		return &Error{Source: src, Err: err}
	}
	return c.commit(src, false)
}
