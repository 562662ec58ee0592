package batch

import (
	"encoding/binary"
	"errors"
	"net/netip"

	"github.com/nlbatch/nlbatch/nlb"
)

// Addr is an interface address request (RTM_NEWADDR, RTM_DELADDR).
// Zero fields are left out of the message.
type Addr struct {
	Dev    string       // interface by name: resolved on the target
	Index  uint32       // interface by index, when Dev is empty
	Prefix netip.Prefix // the address and its prefix length, e.g. 192.0.2.1/24

	// Local is IFA_LOCAL; for IPv4 it defaults to Prefix's address, as
	// iproute2 and pyroute2 write it.
	Local netip.Addr
	// Peer is the far end of a point-to-point link: IFA_ADDRESS, with
	// Prefix's address in IFA_LOCAL.
	Peer netip.Addr

	Broadcast netip.Addr // IFA_BROADCAST
	// BroadcastAuto computes IFA_BROADCAST from Prefix (every host bit
	// set), as pyroute2's broadcast=True; IPv4 only.
	BroadcastAuto bool

	Label string // IFA_LABEL, e.g. "eth0:1"
	Scope uint8  // RT_SCOPE_*; 0 is universe
	Flags uint32 // IFA_F_*; bits above the first 8 go in IFA_FLAGS

	// ValidLft and PreferredLft are lifetimes in seconds (IFA_CACHEINFO),
	// written when either is set: a zero ValidLft means forever
	// (0xffffffff) and a zero PreferredLft means ValidLft, as pyroute2
	// fills them in.
	ValidLft, PreferredLft uint32
}

var (
	ifaAddress   = mustAttr("RTM_NEWADDR", "IFA_ADDRESS")
	ifaLocal     = mustAttr("RTM_NEWADDR", "IFA_LOCAL")
	ifaLabel     = mustAttr("RTM_NEWADDR", "IFA_LABEL")
	ifaBroadcast = mustAttr("RTM_NEWADDR", "IFA_BROADCAST")
	ifaCacheinfo = mustAttr("RTM_NEWADDR", "IFA_CACHEINFO")
	ifaFlags     = mustAttr("RTM_NEWADDR", "IFA_FLAGS")
	rtmNewaddr   = mustMsg("RTM_NEWADDR")
	rtmDeladdr   = mustMsg("RTM_DELADDR")
)

// AddAddr compiles an address request: CmdAdd, CmdReplace or CmdDel
// (the other commands are NEW messages with their flags).
func (c *Compiler) AddAddr(cmd Cmd, a *Addr, src nlb.Source) error {
	flags, err := cmd.flags()
	if err != nil {
		return &Error{Source: src, Err: err}
	}
	if !a.Prefix.IsValid() {
		return &Error{Source: src, Err: errors.New("addr: no prefix")}
	}
	if a.Prefix.Addr().Is4In6() {
		return &Error{Source: src, Err: errors.New("addr: an IPv4-mapped IPv6 prefix; give the IPv4 form")}
	}
	addr := a.Prefix.Addr()
	family := familyOf(addr)
	if a.BroadcastAuto && family != typedAFInet {
		return &Error{Source: src, Err: errors.New("addr: a computed broadcast is for IPv4 only")}
	}
	if a.Dev == "" && a.Index == 0 {
		return &Error{Source: src, Err: errors.New("addr: no interface (Dev or Index)")}
	}
	typ := rtmNewaddr
	if cmd == CmdDel {
		typ = rtmDeladdr
	}
	b := c.begin(typ, flags)
	if a.Dev != "" {
		if err := c.ifname(b.Offset()+4, "addr dev", a.Dev); err != nil {
			return &Error{Source: src, Err: err}
		}
	}
	idx := a.Index
	if a.Dev != "" {
		idx = 0
	}
	var hdr [8]byte
	hdr[0], hdr[1], hdr[2], hdr[3] = family, uint8(a.Prefix.Bits()), uint8(a.Flags), a.Scope
	putNative32(hdr[4:], idx, c.opts.BigEndian)
	b.Raw(hdr[:])

	local := a.Local
	if !local.IsValid() && (family == typedAFInet || a.Peer.IsValid()) {
		local = addr
	}
	address := addr
	if a.Peer.IsValid() {
		address = a.Peer
	}
	b.Attr(ifaAddress, address.AsSlice())
	if local.IsValid() {
		b.Attr(ifaLocal, local.AsSlice())
	}
	if a.Label != "" {
		b.String(ifaLabel, a.Label)
	}
	switch {
	case a.Broadcast.IsValid():
		b.Attr(ifaBroadcast, a.Broadcast.AsSlice())
	case a.BroadcastAuto:
		v4 := addr.As4()
		host := uint32(1<<(32-a.Prefix.Bits())) - 1
		if a.Prefix.Bits() == 0 {
			host = 0xffffffff
		}
		v := uint32(v4[0])<<24 | uint32(v4[1])<<16 | uint32(v4[2])<<8 | uint32(v4[3]) | host
		b.Attr(ifaBroadcast, []byte{byte(v >> 24), byte(v >> 16), byte(v >> 8), byte(v)})
	}
	if a.ValidLft != 0 || a.PreferredLft != 0 {
		valid, pref := a.ValidLft, a.PreferredLft
		if valid == 0 {
			valid = 0xffffffff
		}
		if pref == 0 {
			pref = valid
		}
		var ci [16]byte
		putNative32(ci[0:], pref, c.opts.BigEndian)
		putNative32(ci[4:], valid, c.opts.BigEndian)
		b.Attr(ifaCacheinfo, ci[:])
	}
	if a.Flags > 0xff {
		b.U32(ifaFlags, a.Flags)
	}
	return c.commit(src, false)
}

// putNative32 writes v in the payload byte order.
func putNative32(p []byte, v uint32, big bool) {
	if big {
		binary.BigEndian.PutUint32(p, v)
	} else {
		binary.LittleEndian.PutUint32(p, v)
	}
}

// putNative16 writes v in the payload byte order.
func putNative16(p []byte, v uint16, big bool) {
	if big {
		binary.BigEndian.PutUint16(p, v)
	} else {
		binary.LittleEndian.PutUint16(p, v)
	}
}
