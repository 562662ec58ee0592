package replay

import (
	"golang.org/x/sys/unix"

	"github.com/nlbatch/nlbatch/codec"
)

// Bridge VLANs are snapshotted with RTM_GETVLAN: one message per port
// (and one for a bridge's own VLANs), each VLAN or range of VLANs a
// BRIDGE_VLANDB_ENTRY. They are set back the way `bridge vlan` sets
// them, with bridge-family RTM_SETLINK and RTM_DELLINK messages whose
// IFLA_AF_SPEC lists struct bridge_vlan_info entries: the kernel's
// RTM_NEWVLAN takes entries only for VLANs a port already has.

// linux/if_bridge.h.
const (
	brVlanInfoPvid       = 1 << 1
	brVlanInfoUntagged   = 1 << 2
	brVlanInfoRangeBegin = 1 << 3
	brVlanInfoRangeEnd   = 1 << 4
	brFlagsSelf          = 1 << 1
	bridgeFlags          = 0 // IFLA_BRIDGE_FLAGS
	bridgeVlanInfo       = 2 // IFLA_BRIDGE_VLAN_INFO
	vlandbEntry          = 1 // BRIDGE_VLANDB_ENTRY
	vlandbEntryInfo      = 1
	vlandbEntryRange     = 2
)

// vlanRange is one entry of a port's VLANs: vids first..last with flags.
type vlanRange struct {
	flags       uint16
	first, last uint16
}

// vlanEntries reads the entries of a dumped RTM_NEWVLAN message.
func vlanEntries(msg []byte) []vlanRange {
	var out []vlanRange
	b := msg[min(len(msg), codec.HeaderLen+fixedLen[kindVlan]):]
	for len(b) >= 4 {
		l := int(native.Uint16(b))
		if l < 4 || l > len(b) {
			break
		}
		if native.Uint16(b[2:])&0x3fff == vlandbEntry {
			info := findAttr(b[4:l], vlandbEntryInfo)
			if len(info) >= 8 {
				r := vlanRange{flags: native.Uint16(info[4:]), first: native.Uint16(info[6:])}
				r.last = r.first
				if rg := findAttr(b[4:l], vlandbEntryRange); len(rg) >= 6 {
					r.last = native.Uint16(rg[4:])
				}
				out = append(out, r)
			}
		}
		b = b[min(codec.Align(l), len(b)):]
	}
	return out
}

// vlanRequest is the bridge-family link message that adds (RTM_SETLINK)
// or deletes (RTM_DELLINK) a dumped port's VLANs; self marks a bridge's
// own VLANs. It is nil when the port has none.
func vlanRequest(o *object, typ uint16, self bool) []byte {
	entries := vlanEntries(o.msg)
	if len(entries) == 0 || len(o.msg) < codec.HeaderLen+8 {
		return nil
	}
	b := codec.NewBuilder(isBigHost())
	b.Begin(typ, codec.FlagRequest|codec.FlagAck, 0, 0)
	hdr := make([]byte, 16)
	hdr[0] = unix.AF_BRIDGE
	native.PutUint32(hdr[4:], native.Uint32(o.msg[codec.HeaderLen+4:]))
	b.Raw(hdr)
	b.BeginNest(unix.IFLA_AF_SPEC)
	if self {
		b.U16(bridgeFlags, brFlagsSelf)
	}
	info := func(flags, vid uint16) {
		v := make([]byte, 4)
		native.PutUint16(v, flags)
		native.PutUint16(v[2:], vid)
		b.Attr(bridgeVlanInfo, v)
	}
	for _, r := range entries {
		flags := r.flags & (brVlanInfoPvid | brVlanInfoUntagged)
		if r.last == r.first {
			info(flags, r.first)
			continue
		}
		info(flags|brVlanInfoRangeBegin, r.first)
		info(flags|brVlanInfoRangeEnd, r.last)
	}
	b.EndNest()
	b.End()
	if b.Err() != nil {
		return nil
	}
	return append([]byte(nil), b.Bytes()...)
}
