package batch

import (
	"errors"
	"fmt"
	"net/netip"

	"github.com/nlbatch/nlbatch/codec"
	"github.com/nlbatch/nlbatch/nlb"
)

// Cmd is what a typed request does: the message type's verb and the
// NLM_F_* flags iproute2 and pyroute2 use for it.
type Cmd uint8

// Commands.
const (
	CmdAdd     Cmd = iota + 1 // NEW with CREATE|EXCL: fail if it exists
	CmdReplace                // NEW with CREATE|REPLACE: create or overwrite
	CmdChange                 // NEW with REPLACE: overwrite, fail if missing
	CmdAppend                 // NEW with CREATE|APPEND
	CmdDel                    // DEL
)

// flags returns the nlmsg_flags of a command; every request is acked.
func (c Cmd) flags() (uint16, error) {
	base := uint16(codec.FlagRequest | codec.FlagAck)
	switch c {
	case CmdAdd:
		return base | codec.FlagCreate | codec.FlagExcl, nil
	case CmdReplace:
		return base | codec.FlagCreate | codec.FlagReplace, nil
	case CmdChange:
		return base | codec.FlagReplace, nil
	case CmdAppend:
		return base | codec.FlagCreate | codec.FlagAppend, nil
	case CmdDel:
		return base, nil
	}
	return 0, fmt.Errorf("unknown command %d", c)
}

// Route is a route request. Zero fields are left out of the message
// (Table 0 means the main table, as iproute2 defaults it).
type Route struct {
	Dst      netip.Prefix // destination; the zero prefix is the default route of Family
	Family   uint8        // AF_INET or AF_INET6; taken from Dst or Gateway when zero
	Gateway  netip.Addr
	Dev      string // output interface by name: resolved on the target
	OIF      uint32 // output interface by index, when Dev is empty
	Src      netip.Addr
	Table    uint32 // routing table; >255 goes in RTA_TABLE
	Priority uint32 // metric
	Protocol uint8  // RTPROT_*; 0 means RTPROT_BOOT for adds, as iproute2
	Scope    uint8  // RT_SCOPE_*; 0 is universe
	Type     uint8  // RTN_*; 0 means RTN_UNICAST for adds
	NHID     uint32 // a nexthop object (RTA_NH_ID)
}

// The attribute numbers the typed requests write, looked up by name in
// the codec's schema once, so a table change cannot silently desync them.
var (
	rtaDst      = mustAttr("RTM_NEWROUTE", "RTA_DST")
	rtaGateway  = mustAttr("RTM_NEWROUTE", "RTA_GATEWAY")
	rtaOIF      = mustAttr("RTM_NEWROUTE", "RTA_OIF")
	rtaPrefsrc  = mustAttr("RTM_NEWROUTE", "RTA_PREFSRC")
	rtaTable    = mustAttr("RTM_NEWROUTE", "RTA_TABLE")
	rtaPriority = mustAttr("RTM_NEWROUTE", "RTA_PRIORITY")
	rtaNHID     = mustAttr("RTM_NEWROUTE", "RTA_NH_ID")
	rtmNewroute = mustMsg("RTM_NEWROUTE")
	rtmDelroute = mustMsg("RTM_DELROUTE")
)

func mustMsg(name string) uint16 {
	m := codec.LookupProtocol(codec.ProtoRoute).ByName(name)
	if m == nil {
		panic("batch: schema has no message " + name)
	}
	return m.Type
}

func mustAttr(msg, name string) uint16 {
	m := codec.LookupProtocol(codec.ProtoRoute).ByName(msg)
	if m == nil || m.Attrs.ByName(name) == nil {
		panic("batch: schema has no attribute " + msg + "/" + name)
	}
	return m.Attrs.ByName(name).Num
}

const (
	typedAFInet   = 2
	typedAFInet6  = 10
	rtTableMain   = 254
	rtTableCompat = 252 // RT_TABLE_COMPAT: rtm_table when the real table is in RTA_TABLE
	rtprotBoot    = 3
	rtnUnicast    = 1
	rtScopeNowh   = 255
)

// AddRoute compiles a route request without going through names: the
// hot path for generated configuration (no allocation per message once
// the buffers have grown).
func (c *Compiler) AddRoute(cmd Cmd, r *Route, src nlb.Source) error {
	flags, err := cmd.flags()
	if err != nil {
		return &Error{Source: src, Err: err}
	}
	family := r.Family
	switch {
	case family != 0:
	case r.Dst.IsValid():
		family = familyOf(r.Dst.Addr())
	case r.Gateway.IsValid():
		family = familyOf(r.Gateway)
	default:
		return &Error{Source: src, Err: errors.New("route: no family, destination or gateway")}
	}
	typ := rtmNewroute
	proto, rtype, scope := r.Protocol, r.Type, r.Scope
	if cmd == CmdDel {
		typ = rtmDelroute
		if scope == 0 {
			scope = rtScopeNowh
		}
	} else {
		if proto == 0 {
			proto = rtprotBoot
		}
		if rtype == 0 {
			rtype = rtnUnicast
		}
	}
	table := r.Table
	if table == 0 {
		table = rtTableMain
	}
	hdrTable := uint8(table)
	if table > 255 {
		hdrTable = rtTableCompat
	}
	b := c.b
	b.Reset()
	c.pending = c.pending[:0]
	b.Begin(typ, flags, uint32(c.nb.Len()+1), 0)
	dstLen := 0
	if r.Dst.IsValid() {
		dstLen = r.Dst.Bits()
	}
	b.Raw([]byte{family, uint8(dstLen), 0, 0, hdrTable, proto, scope, rtype, 0, 0, 0, 0})
	if table > 255 {
		b.U32(rtaTable, table)
	}
	if dstLen > 0 {
		b.Attr(rtaDst, r.Dst.Masked().Addr().AsSlice())
	}
	if r.Gateway.IsValid() {
		b.Attr(rtaGateway, r.Gateway.AsSlice())
	}
	if r.Src.IsValid() {
		b.Attr(rtaPrefsrc, r.Src.AsSlice())
	}
	switch {
	case r.Dev != "":
		if err := nlb.CheckSymbol(r.Dev); err != nil {
			return &Error{Source: src, Err: fmt.Errorf("route dev: %w", err)}
		}
		c.pending = append(c.pending, nlb.Reloc{Offset: uint32(b.Offset() + codec.AttrHeaderLen), Width: 4, Kind: nlb.RelocIfindex, Symbol: r.Dev})
		b.U32(rtaOIF, 0)
	case r.OIF != 0:
		b.U32(rtaOIF, r.OIF)
	}
	if r.Priority != 0 {
		b.U32(rtaPriority, r.Priority)
	}
	if r.NHID != 0 {
		b.U32(rtaNHID, r.NHID)
	}
	b.End()
	if err := b.Err(); err != nil {
		return &Error{Source: src, Err: err}
	}
	idx := c.nb.Append(b.Bytes(), src)
	for _, rl := range c.pending {
		c.nb.AddReloc(idx, int(rl.Offset), rl.Width, rl.Kind, rl.Symbol)
	}
	return nil
}

func familyOf(a netip.Addr) uint8 {
	if a.Is4() || a.Is4In6() {
		return typedAFInet
	}
	return typedAFInet6
}
