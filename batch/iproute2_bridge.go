package batch

import (
	"strconv"
	"strings"

	"github.com/nlbatch/nlbatch/codec"
)

// This file compiles `bridge fdb add|append|replace|del`, `bridge vlan
// add|del` and `bridge link set` as iproute2 6.1 does (bridge/fdb.c,
// bridge/vlan.c, bridge/link.c).

var (
	brNdaIfindex   = mustAttr("RTM_NEWNEIGH", "NDA_IFINDEX")
	brNdaSrcVNI    = mustAttr("RTM_NEWNEIGH", "NDA_SRC_VNI")
	brNdaNHID      = mustAttr("RTM_NEWNEIGH", "NDA_NH_ID")
	brRtmSetlink   = mustMsg("RTM_SETLINK")
	brIflaAFSpec   = mustAttr("RTM_NEWLINK", "IFLA_AF_SPEC")
	brIflaProtinfo = mustAttr("RTM_NEWLINK", "IFLA_PROTINFO")
)

// linux/if_bridge.h and linux/if_link.h numbers.
const (
	brFlagsMaster    = 1
	brFlagsSelf      = 2
	brVlanPVID       = 0x02
	brVlanUntagged   = 0x04
	brVlanRangeBegin = 0x08
	brVlanRangeEnd   = 0x10

	brIflaFlags        = 0 // IFLA_BRIDGE_FLAGS, in IFLA_AF_SPEC
	brIflaMode         = 1 // IFLA_BRIDGE_MODE
	brIflaVlanInfo     = 2 // IFLA_BRIDGE_VLAN_INFO
	brIflaTunnelInfo   = 3 // IFLA_BRIDGE_VLAN_TUNNEL_INFO
	brIflaTunnelID     = 1 // IFLA_BRIDGE_VLAN_TUNNEL_ID
	brIflaTunnelVID    = 2 // IFLA_BRIDGE_VLAN_TUNNEL_VID
	brIflaTunnelFlags  = 3 // IFLA_BRIDGE_VLAN_TUNNEL_FLAGS
	brBrportBackupPort = 34
)

// ---- bridge fdb ----

var brFdbVerbs = []rnbVerb{
	{name: "add", cmd: CmdAdd, compiled: true},
	{name: "append", cmd: CmdAppend, compiled: true},
	{name: "replace", cmd: CmdReplace, compiled: true},
	{name: "delete", cmd: CmdDel, compiled: true},
	{name: "get"}, {name: "show"}, {name: "lst"}, {name: "list"}, {name: "flush"}, {name: "help"},
}

// brFdbState is what the arguments of an fdb command set.
type brFdbState struct {
	state           uint16
	flags           uint8
	addr, dev, via  token
	dst             ipPrefix
	hasDst          bool
	vlan            int // -1: none
	vlanTok         token
	port            uint16
	vni, srcVNI     int64 // -1: none
	nhid            uint32
	dstTok, nhidTok token
}

var brFdbKeywords []rnbKeyword[brFdbState]

func init() { brFdbKeywords = brFdbKeywordRows() }

// brFdbFlag is a keyword that sets an NTF_* flag.
func brFdbFlag(name string, exact bool, f uint8) rnbKeyword[brFdbState] {
	return rnbKeyword[brFdbState]{name, exact, func(x *ipCtx, s *brFdbState, _ token) error { s.flags |= f; return nil }}
}

// brFdbKeywordRows are fdb_modify's keywords in its order; any other word
// is the MAC address.
func brFdbKeywordRows() []rnbKeyword[brFdbState] {
	return []rnbKeyword[brFdbState]{
		{"dev", true, func(x *ipCtx, s *brFdbState, kw token) error {
			v, err := x.l.value(kw, "an interface name")
			s.dev = v
			return err
		}},
		{"dst", true, func(x *ipCtx, s *brFdbState, kw token) error {
			v, err := x.l.value(kw, "an IP address")
			if err != nil {
				return err
			}
			if s.hasDst {
				return x.l.errAt(v, "dst: given twice")
			}
			p, err := rnbAddr(x, v, x.family)
			if err != nil {
				return err
			}
			s.dst, s.hasDst, s.dstTok = p, true, v
			return nil
		}},
		{"nhid", true, func(x *ipCtx, s *brFdbState, kw token) error {
			v, err := x.l.value(kw, "a nexthop id")
			if err != nil {
				return err
			}
			n, err := x.l.uintArg(v, "nhid", 32)
			s.nhid, s.nhidTok = uint32(n), v
			return err
		}},
		{"port", true, func(x *ipCtx, s *brFdbState, kw token) error {
			v, err := x.l.value(kw, "a UDP port")
			if err != nil {
				return err
			}
			n, err := x.l.uintArg(v, "port", 16)
			s.port = uint16(n)
			return err
		}},
		{"vni", true, func(x *ipCtx, s *brFdbState, kw token) error { return brFdbVNI(x, kw, &s.vni) }},
		{"src_vni", true, func(x *ipCtx, s *brFdbState, kw token) error { return brFdbVNI(x, kw, &s.srcVNI) }},
		{"via", true, func(x *ipCtx, s *brFdbState, kw token) error {
			v, err := x.l.value(kw, "an interface name")
			s.via = v
			return err
		}},
		brFdbFlag("self", true, ntfSelf),
		brFdbFlag("master", false, ntfMaster),
		brFdbFlag("router", false, rnbNtfRouter),
		{"local", false, brFdbPermanent},
		{"permanent", false, brFdbPermanent},
		{"temp", false, brFdbStatic},
		{"static", false, brFdbStatic},
		{"dynamic", false, func(x *ipCtx, s *brFdbState, _ token) error {
			s.state = (s.state | nudReachable) &^ nudNoarp
			return nil
		}},
		{"vlan", false, func(x *ipCtx, s *brFdbState, kw token) error {
			if s.vlan >= 0 {
				return x.l.errAt(kw, "vlan: given twice")
			}
			v, err := x.l.value(kw, "a VLAN id")
			if err != nil {
				return err
			}
			n, err := x.l.decArg(v, "vlan", 15)
			s.vlan, s.vlanTok = int(n), v
			return err
		}},
		brFdbFlag("use", false, rnbNtfUse),
		brFdbFlag("extern_learn", false, rnbNtfExtLearned),
		brFdbFlag("sticky", false, rnbNtfSticky),
	}
}

func brFdbPermanent(x *ipCtx, s *brFdbState, _ token) error { s.state |= nudPermanent; return nil }
func brFdbStatic(x *ipCtx, s *brFdbState, _ token) error    { s.state |= nudReachable; return nil }

func brFdbVNI(x *ipCtx, kw token, out *int64) error {
	v, err := x.l.value(kw, "a VNI (0-16777215)")
	if err != nil {
		return err
	}
	n, err := x.l.uintArg(v, kw.s, 24)
	*out = int64(n)
	return err
}

// bridgeFdb compiles `bridge fdb add|append|replace|delete LLADDR dev
// DEV ...`.
func bridgeFdb(x *ipCtx) error {
	cmd, err := rnbPickVerb(x, "fdb", brFdbVerbs)
	if err != nil {
		return err
	}
	l := x.l
	s := rnbGet[brFdbState](&brFdbStatePool)
	defer brFdbStatePool.Put(s)
	*s = brFdbState{state: nudNoarp, vlan: -1, vni: -1, srcVNI: -1}
	for l.more() {
		kw := l.next()
		if row := rnbFind(brFdbKeywords, kw.s); row != nil {
			if err := row.run(x, s, kw); err != nil {
				return err
			}
			continue
		}
		v := kw
		if kw.s == "to" {
			if v, err = l.value(kw, "a MAC address"); err != nil {
				return err
			}
		}
		if matches(v.s, "help") {
			return l.errAt(v, "bridge fdb: help is not a command nlbatch compiles")
		}
		if s.addr.s != "" {
			return l.errAt(v, "%q: the address is already given (%s); or an unknown keyword%s", v.s, s.addr.s, codec.Suggest(v.s, rnbNames(brFdbKeywords)))
		}
		s.addr = v
	}
	if s.dev.s == "" || s.addr.s == "" {
		return l.errAt(l.end(), "bridge fdb: a device (dev DEV) and a MAC address are required")
	}
	if s.nhid != 0 && (s.hasDst || s.port != 0 || s.vni >= 0) {
		return l.errAt(s.nhidTok, "nhid: dst, port and vni can not be given with a nexthop id")
	}
	if s.flags&(ntfSelf|ntfMaster) == 0 {
		s.flags |= ntfSelf
	}
	if s.state&(nudPermanent|nudReachable) == 0 {
		s.state |= nudPermanent
	}
	mac, err := rnbMAC(x, s.addr)
	if err != nil {
		return err
	}
	flags, _ := cmd.flags()
	typ := rtmNewneigh
	if cmd == CmdDel {
		typ = rtmDelneigh
	}
	b := x.c.begin(typ, flags)
	var hdr [12]byte
	hdr[0] = afBridgeNum
	putNative16(hdr[8:], s.state, x.c.opts.BigEndian)
	hdr[10] = s.flags
	if err := x.c.ifname(b.Offset()+4, "dev", s.dev.s); err != nil {
		return l.errAt(s.dev, "%v", err)
	}
	b.Raw(hdr[:])
	b.Attr(ndaLLAddr, mac[:])
	if s.hasDst {
		var buf [16]byte
		b.Attr(ndaDst, rnbAddrBytes(s.dst.addr, &buf))
	}
	if s.vlan >= 0 {
		b.U16(ndaVlan, uint16(s.vlan))
	}
	if s.nhid > 0 {
		b.U32(brNdaNHID, s.nhid)
	}
	if s.port != 0 {
		b.BE16(ndaPort, s.port)
	}
	if s.vni >= 0 {
		b.U32(ndaVNI, uint32(s.vni))
	}
	if s.srcVNI >= 0 {
		b.U32(brNdaSrcVNI, uint32(s.srcVNI))
	}
	if s.via.s != "" {
		if err := x.c.ifindexAttr(brNdaIfindex, "via", s.via.s, 0); err != nil {
			return l.errAt(s.via, "%v", err)
		}
	}
	return x.c.commit(l.source(), false)
}

// rnbMAC reads a MAC address: six hex bytes separated by ':'.
func rnbMAC(x *ipCtx, t token) ([6]byte, error) {
	var out [6]byte
	i := 0
	for rest, more := t.s, true; more; i++ {
		var p string
		p, rest, more = strings.Cut(rest, ":")
		v, err := strconv.ParseUint(p, 16, 8)
		if i == 6 || err != nil || p == "" || p[0] == '+' {
			i = -1
			break
		}
		out[i] = byte(v)
	}
	if i != 6 {
		return out, x.l.errAt(t, "%q is not a MAC address (six hex bytes separated by ':')", t.s)
	}
	return out, nil
}

// ---- bridge vlan ----

var brVlanVerbs = []rnbVerb{
	{name: "add", cmd: CmdAdd, compiled: true},
	{name: "delete", cmd: CmdDel, compiled: true},
	{name: "set"}, {name: "show"}, {name: "lst"}, {name: "list"}, {name: "tunnelshow"}, {name: "global"}, {name: "help"},
}

type brVlanState struct {
	dev, vidTok              token
	vid, vidEnd              int // -1: none
	flags                    uint16
	info                     uint16
	tunnel                   bool
	tunStart, tunEnd         uint32
	pvidTok                  token
	hasTunnelRange, hasRange bool
}

var brVlanKeywords []rnbKeyword[brVlanState]

func init() { brVlanKeywords = brVlanKeywordRows() }

// brVlanKeywordRows are vlan_modify's keywords. iproute2 ignores words it
// does not know; nlbatch refuses them.
func brVlanKeywordRows() []rnbKeyword[brVlanState] {
	return []rnbKeyword[brVlanState]{
		{"dev", true, func(x *ipCtx, s *brVlanState, kw token) error {
			v, err := x.l.value(kw, "an interface name")
			s.dev = v
			return err
		}},
		{"vid", true, func(x *ipCtx, s *brVlanState, kw token) error {
			v, err := x.l.value(kw, "a VLAN id or range (VID or START-END)")
			if err != nil {
				return err
			}
			lo, hi, isRange := strings.Cut(v.s, "-")
			a, err := x.l.decArg(token{s: lo, line: v.line, col: v.col}, "vid", 15)
			if err != nil {
				return err
			}
			s.vid, s.vidEnd, s.vidTok, s.hasRange = int(a), -1, v, isRange
			if isRange {
				z, err := x.l.decArg(token{s: hi, line: v.line, col: v.col + len(lo) + 1}, "vid range end", 15)
				if err != nil {
					return err
				}
				s.vidEnd = int(z)
				s.info |= brVlanRangeBegin
			}
			return nil
		}},
		{"self", true, func(x *ipCtx, s *brVlanState, _ token) error { s.flags |= brFlagsSelf; return nil }},
		{"master", true, func(x *ipCtx, s *brVlanState, _ token) error { s.flags |= brFlagsMaster; return nil }},
		{"pvid", true, func(x *ipCtx, s *brVlanState, kw token) error { s.info |= brVlanPVID; s.pvidTok = kw; return nil }},
		{"untagged", true, func(x *ipCtx, s *brVlanState, _ token) error { s.info |= brVlanUntagged; return nil }},
		{"tunnel_info", true, func(x *ipCtx, s *brVlanState, kw token) error {
			w, err := x.l.value(kw, "id TUNNEL_ID")
			if err != nil {
				return err
			}
			if !matches(w.s, "id") {
				return x.l.errAt(w, "tunnel_info: want id TUNNEL_ID, not %q", w.s)
			}
			v, err := x.l.value(w, "a tunnel id or range (ID or START-END)")
			if err != nil {
				return err
			}
			lo, hi, isRange := strings.Cut(v.s, "-")
			a, err := x.l.uintArg(token{s: lo, line: v.line, col: v.col}, "tunnel id", 24)
			if err != nil {
				return err
			}
			s.tunStart, s.tunnel, s.hasTunnelRange = uint32(a), true, isRange
			if isRange {
				z, err := x.l.uintArg(token{s: hi, line: v.line, col: v.col + len(lo) + 1}, "tunnel id", 24)
				if err != nil {
					return err
				}
				s.tunEnd = uint32(z)
			}
			return nil
		}},
	}
}

// bridgeVlan compiles `bridge vlan add|delete vid VID dev DEV ...`.
func bridgeVlan(x *ipCtx) error {
	cmd, err := rnbPickVerb(x, "vlan", brVlanVerbs)
	if err != nil {
		return err
	}
	l := x.l
	s := rnbGet[brVlanState](&brVlanStatePool)
	defer brVlanStatePool.Put(s)
	*s = brVlanState{vid: -1, vidEnd: -1}
	for l.more() {
		kw := l.next()
		row := rnbFind(brVlanKeywords, kw.s)
		if row == nil {
			return l.unknown(kw, "bridge vlan keyword", rnbNames(brVlanKeywords))
		}
		if err := row.run(x, s, kw); err != nil {
			return err
		}
	}
	if s.dev.s == "" || s.vid < 0 {
		return l.errAt(l.end(), "bridge vlan: a device (dev DEV) and a VLAN id (vid VID) are required")
	}
	if s.vid >= 4096 {
		return l.errAt(s.vidTok, "vid %d: a VLAN id is below 4096", s.vid)
	}
	if s.info&brVlanRangeBegin != 0 {
		if s.vidEnd >= 4096 || s.vid >= s.vidEnd {
			return l.errAt(s.vidTok, "vid %s: want START-END with START < END < 4096", s.vidTok.s)
		}
		if s.info&brVlanPVID != 0 {
			return l.errAt(s.pvidTok, "pvid: a VLAN range can not be the pvid")
		}
	}
	typ := brRtmSetlink
	if cmd == CmdDel {
		typ = rtmDellink
	}
	b := x.c.begin(typ, codec.FlagRequest|codec.FlagAck)
	if err := rnbIfinfoHeader(x, s.dev); err != nil {
		return err
	}
	b.BeginNest(brIflaAFSpec)
	if s.flags != 0 {
		b.U16(brIflaFlags, s.flags)
	}
	vinfo := func(flags uint16, vid int) {
		var p [4]byte
		putNative16(p[0:], flags, x.c.opts.BigEndian)
		putNative16(p[2:], uint16(vid), x.c.opts.BigEndian)
		b.Attr(brIflaVlanInfo, p[:])
	}
	tinfo := func(vid int, id uint32, flags uint16) {
		b.BeginNest(brIflaTunnelInfo)
		b.U32(brIflaTunnelID, id)
		b.U16(brIflaTunnelVID, uint16(vid))
		b.U16(brIflaTunnelFlags, flags)
		b.EndNest()
	}
	switch {
	case s.tunnel && s.vidEnd != -1 && s.vidEnd > s.vid:
		tinfo(s.vid, s.tunStart, brVlanRangeBegin)
		tinfo(s.vidEnd, s.tunEnd, brVlanRangeEnd)
	case s.tunnel:
		tinfo(s.vid, s.tunStart, 0)
	case s.vidEnd != -1:
		vinfo(s.info, s.vid)
		vinfo(s.info&^brVlanRangeBegin|brVlanRangeEnd, s.vidEnd)
	default:
		vinfo(s.info, s.vid)
	}
	b.EndNest()
	return x.c.commit(l.source(), false)
}

// rnbIfinfoHeader writes a struct ifinfomsg of family AF_BRIDGE for
// the interface named by dev (a relocation).
func rnbIfinfoHeader(x *ipCtx, dev token) error {
	b := x.c.b
	if err := x.c.ifname(b.Offset()+4, "dev", dev.s); err != nil {
		return x.l.errAt(dev, "%v", err)
	}
	var hdr [16]byte
	hdr[0] = afBridgeNum
	b.Raw(hdr[:])
	return nil
}

// ---- bridge link ----

var brLinkVerbs = []rnbVerb{
	{name: "set", cmd: CmdChange, compiled: true},
	{name: "change", cmd: CmdChange, compiled: true},
	{name: "show"}, {name: "lst"}, {name: "list"}, {name: "help"},
}

// brLinkSettings are the on/off port settings, in the order iproute2 6.1
// sends them inside IFLA_PROTINFO, with their IFLA_BRPORT_* number.
var brLinkSettings = [...]struct {
	name string
	attr uint16
}{
	{"guard", 5}, {"hairpin", 4}, {"fastleave", 7}, {"root_block", 6}, {"flood", 9},
	{"mcast_router", 25}, // a number, in this place
	{"mcast_flood", 27}, {"bcast_flood", 30}, {"mcast_to_unicast", 28},
	{"learning", 8}, {"learning_sync", 11},
	{"cost", 3}, {"priority", 2}, {"state", 1}, // numbers, in this place
	{"neigh_suppress", 32}, {"vlan_tunnel", 29}, {"isolated", 33}, {"locked", 39},
}

// brLinkStates are the STP port states by name, their value the index.
var brLinkStates = []string{"disabled", "listening", "learning", "forwarding", "blocking"}

type brLinkState struct {
	dev       token
	set       [len(brLinkSettings)]int64 // by index of brLinkSettings: -1 unset
	backup    token
	hasBackup bool
	noBackup  bool
	flags     uint16
	mode      int // -1: none
}

// bridgeLink compiles `bridge link set dev DEV ...`.
func bridgeLink(x *ipCtx) error {
	if _, err := rnbPickVerb(x, "link", brLinkVerbs); err != nil {
		return err
	}
	l := x.l
	s := brLinkState{mode: -1}
	for i := range s.set {
		s.set[i] = -1
	}
	for l.more() {
		kw := l.next()
		if err := brLinkWord(x, &s, kw); err != nil {
			return err
		}
	}
	if s.dev.s == "" {
		return l.errAt(l.end(), "bridge link set: a device (dev DEV) is required")
	}
	b := x.c.begin(brRtmSetlink, codec.FlagRequest|codec.FlagAck)
	if err := rnbIfinfoHeader(x, s.dev); err != nil {
		return err
	}
	b.BeginNest(brIflaProtinfo | rnbNlaFNested)
	for i, o := range brLinkSettings {
		v := s.set[i]
		switch {
		case v < 0:
		case o.name == "cost":
			if v > 0 {
				b.U32(o.attr, uint32(v))
			}
		case o.name == "priority":
			b.U16(o.attr, uint16(v))
		default:
			b.U8(o.attr, uint8(v))
		}
	}
	switch {
	case s.hasBackup:
		if err := x.c.ifindexAttr(brBrportBackupPort, "backup_port", s.backup.s, 0); err != nil {
			return l.errAt(s.backup, "%v", err)
		}
	case s.noBackup:
		b.U32(brBrportBackupPort, 0)
	}
	b.EndNest()
	if s.mode >= 0 || s.flags > 0 {
		b.BeginNest(brIflaAFSpec)
		if s.flags > 0 {
			b.U16(brIflaFlags, s.flags)
		}
		if s.mode >= 0 {
			b.U16(brIflaMode, uint16(s.mode))
		}
		b.EndNest()
	}
	return x.c.commit(l.source(), false)
}

// brLinkWord reads one keyword of `bridge link set`.
func brLinkWord(x *ipCtx, s *brLinkState, kw token) error {
	l := x.l
	switch kw.s {
	case "dev":
		v, err := l.value(kw, "an interface name")
		s.dev = v
		return err
	case "hwmode":
		v, err := l.value(kw, "vepa or veb")
		if err != nil {
			return err
		}
		s.flags = brFlagsSelf
		switch v.s {
		case "vepa":
			s.mode = 1
		case "veb":
			s.mode = 0
		default:
			return l.errAt(v, "hwmode: want vepa or veb, not %q", v.s)
		}
		return nil
	case "self":
		s.flags |= brFlagsSelf
		return nil
	case "master":
		s.flags |= brFlagsMaster
		return nil
	case "backup_port":
		v, err := l.value(kw, "an interface name")
		s.backup, s.hasBackup, s.noBackup = v, err == nil, false
		return err
	case "nobackup_port":
		s.hasBackup, s.noBackup = false, true
		return nil
	}
	for i, o := range brLinkSettings {
		if kw.s != o.name {
			continue
		}
		v, err := l.value(kw, "a value")
		if err != nil {
			return err
		}
		var n uint64
		switch o.name {
		case "cost":
			n, err = l.decArg(v, "cost", 31)
		case "priority":
			n, err = l.decArg(v, "priority", 15)
		case "mcast_router":
			n, err = l.decArg(v, "mcast_router", 8)
		case "state":
			n, err = brLinkPortState(x, v)
		default:
			var on bool
			on, err = l.onOff(v, o.name)
			if on {
				n = 1
			}
		}
		if err != nil {
			return err
		}
		s.set[i] = int64(n)
		return nil
	}
	known := []string{"dev", "hwmode", "self", "master", "backup_port", "nobackup_port"}
	for _, o := range brLinkSettings {
		known = append(known, o.name)
	}
	return l.unknown(kw, "bridge link set keyword", known)
}

// brLinkPortState reads an STP port state: a decimal number or a name.
func brLinkPortState(x *ipCtx, t token) (uint64, error) {
	if n, err := strconv.ParseUint(t.s, 10, 7); err == nil {
		return n, nil
	}
	for i, n := range brLinkStates {
		if t.s == n {
			return uint64(i), nil
		}
	}
	return 0, x.l.unknown(t, "STP port state", brLinkStates)
}
