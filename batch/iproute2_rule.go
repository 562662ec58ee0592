package batch

import (
	"encoding/binary"
	"net/netip"
	"strconv"
	"strings"
	"sync"

	"github.com/nlbatch/nlbatch/codec"
)

// This file compiles `ip rule add|del` as iproute2 6.1 does
// (ip/iprule.c), and holds the helpers the other objects of this area
// (neigh, nexthop, bridge) share; their names start with rnb.

// rnbVerb is one command word of an object: the first word after the
// object's name ("add" of `ip rule add`). exact words are compared
// whole (iproute2's strcmp), the others select by prefix (matches()).
// A verb that nlbatch does not compile has compiled false.
type rnbVerb struct {
	name     string
	cmd      Cmd
	exact    bool
	compiled bool
}

// rnbPickVerb takes the command word of tool/object from the line.
func rnbPickVerb(x *ipCtx, object string, verbs []rnbVerb) (Cmd, error) {
	l := x.l
	compiled := func() string {
		var out []string
		for _, v := range verbs {
			if v.compiled {
				out = append(out, v.name)
			}
		}
		return strings.Join(out, ", ")
	}
	t := l.next()
	if t.s == "" {
		return 0, l.errAt(t, "%s %s: missing command (%s)", x.tool, object, compiled())
	}
	for _, v := range verbs {
		if (v.exact && t.s == v.name) || (!v.exact && matches(t.s, v.name)) {
			if !v.compiled {
				return 0, l.errAt(t, "%s %s %s: %w (it compiles %s)", x.tool, object, v.name, errNotCompiled, compiled())
			}
			return v.cmd, nil
		}
	}
	known := make([]string, 0, len(verbs))
	for _, v := range verbs {
		known = append(known, v.name)
	}
	return 0, l.unknown(t, x.tool+" "+object+" command", known)
}

// rnbKeyword is one keyword of a command's argument list, in iproute2's
// order of comparison: the first row a word selects wins.
type rnbKeyword[S any] struct {
	name  string
	exact bool // strcmp; otherwise matches() (an abbreviation selects it)
	run   func(x *ipCtx, s *S, kw token) error
}

// rnbFind returns the row a word selects, or nil.
func rnbFind[S any](rows []rnbKeyword[S], w string) *rnbKeyword[S] {
	for i := range rows {
		r := &rows[i]
		if (r.exact && w == r.name) || (!r.exact && matches(w, r.name)) {
			return r
		}
	}
	return nil
}

// rnbNames lists the keywords of a table, for suggestions.
func rnbNames[S any](rows []rnbKeyword[S]) []string {
	out := make([]string, 0, len(rows))
	for _, r := range rows {
		out = append(out, r.name)
	}
	return out
}

// The commands' argument states are pooled: the keyword handlers take
// them by pointer through function values, which would put one on the
// heap for every line.
var (
	ipruleStatePool  sync.Pool
	ipneighStatePool sync.Pool
	ipnhStatePool    sync.Pool
	brFdbStatePool   sync.Pool
	brVlanStatePool  sync.Pool
)

// rnbGet takes a state from a pool, or a new one.
func rnbGet[S any](p *sync.Pool) *S {
	if v, ok := p.Get().(*S); ok {
		return v
	}
	return new(S)
}

// rnbZeros are the zero bytes of a fixed header written before the
// arguments are read.
var rnbZeros [16]byte

// rnbHeader returns the fixed header of the open message, written as
// zeros at its start, to fill in once the arguments are read (iproute2
// fills its request header while it adds attributes in argument order).
func rnbHeader(x *ipCtx, n int) []byte {
	buf := x.c.b.Bytes()
	if len(buf) < codec.HeaderLen+n {
		return make([]byte, n) // the builder failed; commit reports it
	}
	return buf[codec.HeaderLen : codec.HeaderLen+n]
}

// rnbAddr reads an address (iproute2's get_addr) of the family given
// (afUnspec: any); "default", "any" and "all" are refused: they name no
// address here.
func rnbAddr(x *ipCtx, t token, family uint8) (ipPrefix, error) {
	switch t.s {
	case "default", "any", "all":
		return ipPrefix{}, x.l.errAt(t, "%q: an IPv4 or IPv6 address is expected", t.s)
	}
	return x.l.prefixArg(t, family, false)
}

// rnbAddrBytes is an address in network order, in buf (no allocation).
func rnbAddrBytes(a netip.Addr, buf *[16]byte) []byte {
	if a.Is4() {
		b := a.As4()
		copy(buf[:], b[:])
		return buf[:4]
	}
	*buf = a.As16()
	return buf[:]
}

// rnbIfname checks an interface name as iproute2's check_ifname does.
func rnbIfname(x *ipCtx, t token, kw string) error {
	if t.s == "" || len(t.s) >= 16 || strings.ContainsAny(t.s, "/ \t\n\r\v\f") {
		return x.l.errAt(t, "%s: %q is not a valid interface name (1-15 characters, no '/' or blanks)", kw, t.s)
	}
	return nil
}

// FIB rule constants (linux/fib_rules.h).
const (
	ipruleInvert = 0x02
	ipruleActNop = 3
	ipruleActNAT = 10
)

var (
	ipruleFlow         = mustAttr("RTM_NEWRULE", "FRA_FLOW")
	ipruleTunID        = mustAttr("RTM_NEWRULE", "FRA_TUN_ID")
	ipruleSuppressIfg  = mustAttr("RTM_NEWRULE", "FRA_SUPPRESS_IFGROUP")
	ipruleSuppressPlen = mustAttr("RTM_NEWRULE", "FRA_SUPPRESS_PREFIXLEN")
	ipruleL3mdev       = mustAttr("RTM_NEWRULE", "FRA_L3MDEV")
	ipruleUIDRange     = mustAttr("RTM_NEWRULE", "FRA_UID_RANGE")
	ipruleProtocol     = mustAttr("RTM_NEWRULE", "FRA_PROTOCOL")
	ipruleIPProto      = mustAttr("RTM_NEWRULE", "FRA_IP_PROTO")
	ipruleSport        = mustAttr("RTM_NEWRULE", "FRA_SPORT_RANGE")
	ipruleDport        = mustAttr("RTM_NEWRULE", "FRA_DPORT_RANGE")
	ipruleNATGateway   = mustAttr("RTM_NEWRULE", "FRA_UNUSED2") // RTA_GATEWAY, for the deprecated nat action
)

// ipruleState is the request being read: the fields of struct
// fib_rule_hdr that arguments set, written at the end.
type ipruleState struct {
	family, dstLen, srcLen, tos, table, action uint8
	flags                                      uint32
	tableSet, l3mdev                           bool
	tid                                        uint32
	tableTok                                   token
}

var ipruleVerbs = []rnbVerb{
	{name: "list"}, {name: "lst"}, {name: "show"}, {name: "save"}, {name: "restore"},
	{name: "add", cmd: CmdAdd, compiled: true}, {name: "delete", cmd: CmdDel, compiled: true},
	{name: "flush"}, {name: "help"},
}

// ipRule compiles `ip rule add|delete SELECTOR ACTION`.
func ipRule(x *ipCtx) error {
	cmd, err := rnbPickVerb(x, "rule", ipruleVerbs)
	if err != nil {
		return err
	}
	l := x.l
	if !l.more() {
		return l.errAt(l.end(), "ip rule %s needs a selector or an action", map[Cmd]string{CmdAdd: "add", CmdDel: "delete"}[cmd])
	}
	flags, _ := cmd.flags()
	typ := rtmNewrule
	s := rnbGet[ipruleState](&ipruleStatePool)
	defer ipruleStatePool.Put(s)
	*s = ipruleState{family: x.family}
	if cmd == CmdDel {
		typ = rtmDelrule
	} else {
		s.action = frActToTbl
	}
	b := x.c.begin(typ, flags)
	b.Raw(rnbZeros[:12])
	for l.more() {
		kw := l.next()
		row := rnbFind(ipruleKeywords, kw.s)
		if row == nil {
			// iproute2 reads any other word as a rule type.
			if err := ipruleAction(x, s, kw); err != nil {
				return err
			}
			continue
		}
		if err := row.run(x, s, kw); err != nil {
			return err
		}
	}
	if s.l3mdev && s.tid != 0 {
		return l.errAt(s.tableTok, "table: an l3mdev rule takes its table from the device; give no table")
	}
	if s.family == afUnspec {
		s.family = afInet
	}
	if !s.tableSet && cmd == CmdAdd {
		s.table = rtTableMain
	}
	h := rnbHeader(x, 12)
	h[0], h[1], h[2], h[3], h[4], h[7] = s.family, s.dstLen, s.srcLen, s.tos, s.table, s.action
	putNative32(h[8:], s.flags, x.c.opts.BigEndian)
	return x.c.commit(l.source(), false)
}

// ipruleKeywords are iproute2's rule keywords in the order it compares
// them (ip/iprule.c, iprule_modify); the action words follow in
// ipruleAction.
var ipruleKeywords []rnbKeyword[ipruleState]

func init() { ipruleKeywords = ipruleKeywordRows() }

func ipruleKeywordRows() []rnbKeyword[ipruleState] {
	return []rnbKeyword[ipruleState]{
		{"not", true, func(x *ipCtx, s *ipruleState, _ token) error { s.flags |= ipruleInvert; return nil }},
		{"from", true, func(x *ipCtx, s *ipruleState, kw token) error { return iprulePrefix(x, s, kw, fraSrc, &s.srcLen) }},
		{"to", true, func(x *ipCtx, s *ipruleState, kw token) error { return iprulePrefix(x, s, kw, fraDst, &s.dstLen) }},
		{"preference", false, iprulePref},
		{"order", false, iprulePref},
		{"priority", false, iprulePref},
		{"tos", true, ipruleTOS},
		{"dsfield", false, ipruleTOS},
		{"fwmark", true, ipruleFwmark},
		{"realms", false, func(x *ipCtx, s *ipruleState, kw token) error {
			v, err := x.l.value(kw, "realms ([SRCREALM/]DSTREALM)")
			if err != nil {
				return err
			}
			r, err := rnbRealms(x, v)
			if err != nil {
				return err
			}
			x.c.b.U32(ipruleFlow, r)
			return nil
		}},
		{"protocol", false, func(x *ipCtx, s *ipruleState, kw token) error {
			v, err := x.l.value(kw, "a protocol (a name or 0-255)")
			if err != nil {
				return err
			}
			p, err := x.l.lookupName(v, "protocol", x.names.Protocols, 255)
			if err != nil {
				return err
			}
			x.c.b.U8(ipruleProtocol, uint8(p))
			return nil
		}},
		{"tun_id", false, func(x *ipCtx, s *ipruleState, kw token) error {
			v, err := x.l.value(kw, "a tunnel id")
			if err != nil {
				return err
			}
			n, err := x.l.uintArg(v, "tun_id", 64)
			if err != nil {
				return err
			}
			x.c.b.Attr(ipruleTunID, binary.BigEndian.AppendUint64(nil, n))
			return nil
		}},
		{"table", false, ipruleTable},
		{"lookup", true, ipruleTable},
		{"suppress_prefixlength", false, ipruleSuppressPrefix},
		{"sup_pl", true, ipruleSuppressPrefix},
		{"suppress_ifgroup", false, ipruleSuppressGroup},
		{"sup_group", true, ipruleSuppressGroup},
		{"dev", true, func(x *ipCtx, s *ipruleState, kw token) error { return ipruleIfname(x, kw, fraIIfname) }},
		{"iif", true, func(x *ipCtx, s *ipruleState, kw token) error { return ipruleIfname(x, kw, fraIIfname) }},
		{"oif", true, func(x *ipCtx, s *ipruleState, kw token) error { return ipruleIfname(x, kw, fraOIfname) }},
		{"l3mdev", true, func(x *ipCtx, s *ipruleState, _ token) error {
			x.c.b.U8(ipruleL3mdev, 1)
			s.tableSet, s.l3mdev = true, true
			return nil
		}},
		{"uidrange", true, func(x *ipCtx, s *ipruleState, kw token) error {
			v, err := x.l.value(kw, "a uid range (START-END)")
			if err != nil {
				return err
			}
			lo, hi, ok := strings.Cut(v.s, "-")
			a, err1 := strconv.ParseUint(lo, 10, 32)
			z, err2 := strconv.ParseUint(hi, 10, 32)
			if !ok || err1 != nil || err2 != nil {
				return x.l.errAt(v, "uidrange %q: want START-END, two decimal uids", v.s)
			}
			var p [8]byte
			putNative32(p[0:], uint32(a), x.c.opts.BigEndian)
			putNative32(p[4:], uint32(z), x.c.opts.BigEndian)
			x.c.b.Attr(ipruleUIDRange, p[:])
			return nil
		}},
		{"nat", true, ipruleNAT},
		{"map-to", false, ipruleNAT},
		{"ipproto", true, func(x *ipCtx, s *ipruleState, kw token) error {
			v, err := x.l.value(kw, "an IP protocol (a name or 0-255)")
			if err != nil {
				return err
			}
			p, err := rnbIPProto(x, v)
			if err != nil {
				return err
			}
			x.c.b.U8(ipruleIPProto, p)
			return nil
		}},
		{"sport", true, func(x *ipCtx, s *ipruleState, kw token) error { return iprulePorts(x, kw, ipruleSport) }},
		{"dport", true, func(x *ipCtx, s *ipruleState, kw token) error { return iprulePorts(x, kw, ipruleDport) }},
		{"type", true, func(x *ipCtx, s *ipruleState, kw token) error {
			v, err := x.l.value(kw, "a rule type (goto, nop, blackhole, unreachable, prohibit, ...)")
			if err != nil {
				return err
			}
			return ipruleAction(x, s, v)
		}},
	}
}

// ipruleActionWords are the rule types iproute2 knows by name
// (rtnl_rtntype_a2n), with their RTN_* number, which is the FR_ACT_*
// action; exact ones are compared whole.
var ipruleActionWords = []struct {
	name  string
	exact bool
	num   uint8
}{
	{"local", true, 2}, {"nat", true, 10}, {"broadcast", false, 3}, {"brd", true, 3},
	{"anycast", false, 4}, {"multicast", false, 5}, {"prohibit", false, 8},
	{"unreachable", false, 7}, {"blackhole", false, 6}, {"xresolve", false, 11},
	{"unicast", false, 1}, {"throw", true, 9},
}

// ipruleAction reads an action word: goto, nop, a rule type by name or
// number.
func ipruleAction(x *ipCtx, s *ipruleState, t token) error {
	l := x.l
	switch {
	case matches(t.s, "help"):
		return l.errAt(t, "ip rule: help is not a command nlbatch compiles")
	case matches(t.s, "goto"):
		v, err := l.value(t, "the preference of the rule to go to")
		if err != nil {
			return err
		}
		n, err := l.uintArg(v, "goto target", 32)
		if err != nil {
			return err
		}
		x.c.b.U32(fraGoto, uint32(n))
		s.action = frActGoto
	case matches(t.s, "nop"):
		s.action = ipruleActNop
	default:
		found := false
		for _, w := range ipruleActionWords {
			if (w.exact && t.s == w.name) || (!w.exact && matches(t.s, w.name)) {
				s.action, found = w.num, true
				break
			}
		}
		if !found {
			n, err := strconv.ParseUint(t.s, 0, 8)
			if err != nil || strings.Contains(t.s, "_") {
				known := rnbNames(ipruleKeywords)
				known = append(known, "goto", "nop")
				for _, w := range ipruleActionWords {
					known = append(known, w.name)
				}
				return l.unknown(t, "ip rule keyword or rule type", known)
			}
			s.action = uint8(n)
		}
	}
	s.tableSet = true
	return nil
}

func iprulePrefix(x *ipCtx, s *ipruleState, kw token, attr uint16, bits *uint8) error {
	v, err := x.l.value(kw, "a prefix")
	if err != nil {
		return err
	}
	p, err := x.l.prefixArg(v, s.family, true)
	if err != nil {
		return err
	}
	if p.word != "" {
		// iproute2 sends an empty address for default, any and all.
		*bits = 0
		x.c.b.Attr(attr, nil)
		return nil
	}
	*bits = uint8(p.bits)
	var buf [16]byte
	x.c.b.Attr(attr, rnbAddrBytes(p.addr, &buf))
	return nil
}

func iprulePref(x *ipCtx, s *ipruleState, kw token) error {
	v, err := x.l.value(kw, "a preference (0-4294967295)")
	if err != nil {
		return err
	}
	n, err := x.l.uintArg(v, "preference", 32)
	if err != nil {
		return err
	}
	x.c.b.U32(fraPriority, uint32(n))
	return nil
}

func ipruleTOS(x *ipCtx, s *ipruleState, kw token) error {
	v, err := x.l.value(kw, "a TOS (a name or hex 00-ff)")
	if err != nil {
		return err
	}
	n, err := rnbDSField(x, v)
	if err != nil {
		return err
	}
	s.tos = n
	return nil
}

// rnbDSField is iproute2's rtnl_dsfield_a2n: a name of rt_dsfield, or
// a number in hex (with or without 0x) up to ff.
func rnbDSField(x *ipCtx, t token) (uint8, error) {
	if v, ok := x.names.DSFields[t.s]; ok && v <= 255 {
		return uint8(v), nil
	}
	h := strings.TrimPrefix(strings.TrimPrefix(t.s, "0x"), "0X")
	n, err := strconv.ParseUint(h, 16, 8)
	if err != nil || h == "" {
		return 0, x.l.errAt(t, "tos %q: want a DS field name or a hex number 00-ff", t.s)
	}
	return uint8(n), nil
}

func ipruleFwmark(x *ipCtx, s *ipruleState, kw token) error {
	v, err := x.l.value(kw, "a mark (MARK[/MASK])")
	if err != nil {
		return err
	}
	mark, mask, hasMask := strings.Cut(v.s, "/")
	n, err := x.l.uintArg(token{s: mark, line: v.line, col: v.col}, "fwmark", 32)
	if err != nil {
		return err
	}
	x.c.b.U32(fraFwmark, uint32(n))
	if hasMask {
		m, err := x.l.uintArg(token{s: mask, line: v.line, col: v.col + len(mark) + 1}, "fwmark mask", 32)
		if err != nil {
			return err
		}
		x.c.b.U32(fraFwmask, uint32(m))
	}
	return nil
}

// rnbRealms is iproute2's get_rt_realms_or_raw: a number, or
// [SRCREALM/]DSTREALM by name or number (each 0-255).
func rnbRealms(x *ipCtx, t token) (uint32, error) {
	if n, err := strconv.ParseUint(t.s, 0, 32); err == nil && !strings.Contains(t.s, "_") {
		return uint32(n), nil
	}
	src, dst, hasSrc := strings.Cut(t.s, "/")
	var out uint32
	if hasSrc {
		v, err := x.l.lookupName(token{s: src, line: t.line, col: t.col}, "realm", x.names.Realms, 255)
		if err != nil {
			return 0, err
		}
		out = v << 16
	} else {
		dst = src
	}
	if dst != "" {
		v, err := x.l.lookupName(token{s: dst, line: t.line, col: t.col + len(t.s) - len(dst)}, "realm", x.names.Realms, 255)
		if err != nil {
			return 0, err
		}
		out |= v
	}
	return out, nil
}

func ipruleTable(x *ipCtx, s *ipruleState, kw token) error {
	v, err := x.l.value(kw, "a table (a name or a number)")
	if err != nil {
		return err
	}
	n, err := x.l.lookupName(v, "table", x.names.Tables, 0xffffffff)
	if err != nil {
		return err
	}
	s.tid, s.tableTok = n, v
	if n < 256 {
		s.table = uint8(n)
	} else {
		s.table = 0
		x.c.b.U32(fraTable, n)
	}
	s.tableSet = true
	return nil
}

func ipruleSuppressPrefix(x *ipCtx, s *ipruleState, kw token) error {
	v, err := x.l.value(kw, "a prefix length")
	if err != nil {
		return err
	}
	n, err := x.l.uintArg(v, "suppress_prefixlength", 31)
	if err != nil {
		return err
	}
	x.c.b.U32(ipruleSuppressPlen, uint32(n))
	return nil
}

func ipruleSuppressGroup(x *ipCtx, s *ipruleState, kw token) error {
	v, err := x.l.value(kw, "an interface group (a name or a number)")
	if err != nil {
		return err
	}
	n, err := x.l.lookupName(v, "interface group", x.names.Groups, 0x7fffffff)
	if err != nil {
		return err
	}
	x.c.b.U32(ipruleSuppressIfg, n)
	return nil
}

func ipruleIfname(x *ipCtx, kw token, attr uint16) error {
	v, err := x.l.value(kw, "an interface name")
	if err != nil {
		return err
	}
	if err := rnbIfname(x, v, kw.s); err != nil {
		return err
	}
	x.c.b.String(attr, v.s)
	return nil
}

func ipruleNAT(x *ipCtx, s *ipruleState, kw token) error {
	v, err := x.l.value(kw, "an IPv4 address")
	if err != nil {
		return err
	}
	p, err := rnbAddr(x, v, afInet)
	if err != nil {
		return err
	}
	var buf [16]byte
	x.c.b.Attr(ipruleNATGateway, rnbAddrBytes(p.addr, &buf))
	s.action = ipruleActNAT
	return nil
}

// iprulePorts reads PORT or START-END into a struct fib_rule_port_range.
func iprulePorts(x *ipCtx, kw token, attr uint16) error {
	v, err := x.l.value(kw, "a port or a port range (START-END)")
	if err != nil {
		return err
	}
	lo, hi, isRange := strings.Cut(v.s, "-")
	a, err := strconv.ParseUint(lo, 10, 16)
	z := a
	if err == nil && isRange {
		z, err = strconv.ParseUint(hi, 10, 16)
	}
	if err != nil {
		return x.l.errAt(v, "%s %q: want a port or START-END (decimal, 0-65535)", kw.s, v.s)
	}
	var p [4]byte
	putNative16(p[0:], uint16(a), x.c.opts.BigEndian)
	putNative16(p[2:], uint16(z), x.c.opts.BigEndian)
	x.c.b.Attr(attr, p[:])
	return nil
}

// rnbIPProtoNames are the protocol names of a usual /etc/protocols
// (iproute2 looks them up with getprotobyname), with their aliases.
var rnbIPProtoNames = map[string]uint8{
	"ip": 0, "IP": 0, "hopopt": 0, "HOPOPT": 0, "icmp": 1, "ICMP": 1, "igmp": 2, "IGMP": 2,
	"ggp": 3, "GGP": 3, "ipencap": 4, "IP-ENCAP": 4, "st": 5, "ST": 5, "tcp": 6, "TCP": 6,
	"egp": 8, "EGP": 8, "igp": 9, "IGP": 9, "pup": 12, "PUP": 12, "udp": 17, "UDP": 17,
	"hmp": 20, "HMP": 20, "xns-idp": 22, "XNS-IDP": 22, "rdp": 27, "RDP": 27,
	"iso-tp4": 29, "ISO-TP4": 29, "dccp": 33, "DCCP": 33, "xtp": 36, "XTP": 36, "ddp": 37, "DDP": 37,
	"idpr-cmtp": 38, "IDPR-CMTP": 38, "ipv6": 41, "IPv6": 41, "ipv6-route": 43, "IPv6-Route": 43,
	"ipv6-frag": 44, "IPv6-Frag": 44, "idrp": 45, "IDRP": 45, "rsvp": 46, "RSVP": 46,
	"gre": 47, "GRE": 47, "esp": 50, "IPSEC-ESP": 50, "ah": 51, "IPSEC-AH": 51, "skip": 57, "SKIP": 57,
	"ipv6-icmp": 58, "IPv6-ICMP": 58, "ipv6-nonxt": 59, "IPv6-NoNxt": 59, "ipv6-opts": 60, "IPv6-Opts": 60,
	"rspf": 73, "RSPF": 73, "CPHB": 73, "vmtp": 81, "VMTP": 81, "eigrp": 88, "EIGRP": 88,
	"ospf": 89, "OSPFIGP": 89, "ax.25": 93, "AX.25": 93, "ipip": 94, "IPIP": 94,
	"etherip": 97, "ETHERIP": 97, "encap": 98, "ENCAP": 98, "pim": 103, "PIM": 103,
	"ipcomp": 108, "IPCOMP": 108, "vrrp": 112, "VRRP": 112, "l2tp": 115, "L2TP": 115,
	"isis": 124, "ISIS": 124, "sctp": 132, "SCTP": 132, "fc": 133, "FC": 133,
	"mobility-header": 135, "Mobility-Header": 135, "udplite": 136, "UDPLite": 136,
	"mpls-in-ip": 137, "MPLS-in-IP": 137, "manet": 138, "hip": 139, "HIP": 139,
	"shim6": 140, "Shim6": 140, "wesp": 141, "WESP": 141, "rohc": 142, "ROHC": 142,
	"ethernet": 143, "Ethernet": 143,
}

// rnbIPProto is iproute2's inet_proto_a2n: a decimal number 0-255 or a
// protocol name.
func rnbIPProto(x *ipCtx, t token) (uint8, error) {
	if n, err := strconv.ParseUint(t.s, 10, 8); err == nil {
		return uint8(n), nil
	}
	if v, ok := rnbIPProtoNames[t.s]; ok {
		return v, nil
	}
	known := make([]string, 0, len(rnbIPProtoNames))
	for k := range rnbIPProtoNames {
		known = append(known, k)
	}
	return 0, x.l.unknown(t, "IP protocol", known)
}
