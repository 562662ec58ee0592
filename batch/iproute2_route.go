package batch

import (
	"math"
	"net/netip"
	"strings"

	"github.com/nlbatch/nlbatch/codec"
)

// `ip route` and the parsers it shares with `ip address` (iproute2
// 6.1's ip/iproute.c, lib/utils.c and lib/rt_names.c, rewritten): C
// number syntax, inet_prefix addresses, and the name tables.

// rtmsg attributes and constants (linux/rtnetlink.h, lwtunnel.h).
const (
	iprRtaDst          = 1
	iprRtaSrc          = 2
	iprRtaOIF          = 4
	iprRtaGateway      = 5
	iprRtaPriority     = 6
	iprRtaPrefsrc      = 7
	iprRtaMetrics      = 8
	iprRtaMultipath    = 9
	iprRtaFlow         = 11
	iprRtaTable        = 15
	iprRtaVia          = 18
	iprRtaNewdst       = 19
	iprRtaPref         = 20
	iprRtaEncapType    = 21
	iprRtaEncap        = 22
	iprRtaExpires      = 23
	iprRtaTTLPropagate = 26
	iprRtaNHID         = 30

	iprRtaxLock      = 1
	iprRtaxMTU       = 2
	iprRtaxWindow    = 3
	iprRtaxRTT       = 4
	iprRtaxRTTVar    = 5
	iprRtaxSSThresh  = 6
	iprRtaxCwnd      = 7
	iprRtaxAdvMSS    = 8
	iprRtaxReorder   = 9
	iprRtaxHoplimit  = 10
	iprRtaxInitCwnd  = 11
	iprRtaxFeatures  = 12
	iprRtaxRTOMin    = 13
	iprRtaxInitRwnd  = 14
	iprRtaxQuickack  = 15
	iprRtaxCCAlgo    = 16
	iprRtaxFastopen  = 17
	iprNlaFNested    = 0x8000
	iprRtnhFOnlink   = 4
	iprRtnUnicast    = 1
	iprRtnLocal      = 2
	iprRtnBroadcast  = 3
	iprRtnAnycast    = 4
	iprRtnMulticast  = 5
	iprRtnNAT        = 10
	iprScopeUniverse = 0
	iprScopeLink     = 253
	iprScopeHost     = 254
	iprScopeNowhere  = 255
	iprTableMain     = 254
	iprTableLocal    = 255
)

// iprMatch is iproute2's matches(): word is a prefix of keyword (an
// empty word is a prefix of every keyword, as in iproute2).
func iprMatch(word, keyword string) bool {
	return len(word) <= len(keyword) && keyword[:len(word)] == word
}

// iprNum is a number word (base 0) of at most max, or an error naming
// the keyword it follows.
func (l *cmdLine) iprNum(t token, what string, max uint64) (uint64, error) {
	v, ok := cStrtoul(t.s, 0)
	if !ok || v > max {
		return 0, l.errAt(t, "%s %q: want a number from 0 to %d", what, t.s, max)
	}
	return v, nil
}

// iprName is iproute2's rtnl_*_a2n: a name of the table, else a number
// (strtoul with base) of at most max.
func (l *cmdLine) iprName(t token, what string, table map[string]uint32, base int, max uint64) (uint32, error) {
	if v, ok := table[t.s]; ok {
		return v, nil
	}
	v, ok := cStrtoul(t.s, base)
	if ok && v <= max {
		return uint32(v), nil
	}
	if ok || (t.s != "" && t.s[0] >= '0' && t.s[0] <= '9') {
		return 0, l.errAt(t, "%s %q: want a name or a number from 0 to %d", what, t.s, max)
	}
	known := make([]string, 0, len(table))
	for k := range table {
		known = append(known, k)
	}
	return 0, l.unknown(t, what, known)
}

// iprScope reads a scope name or number. iproute2 6.1 knows no
// "universe" (the shared default table has it): refused here.
func (x *ipCtx) iprScope(t token) (uint8, error) {
	if t.s == "universe" && x.names == defaultIPRoute2Names {
		return 0, x.l.errAt(t, "unknown scope %q (did you mean global?)", t.s)
	}
	v, err := x.l.iprName(t, "scope", x.names.Scopes, 0, 255)
	return uint8(v), err
}

// iprAddr is iproute2's inet_prefix for IPv4, IPv6 and MPLS labels.
type iprAddr struct {
	family uint8
	n      uint16 // bytes of the address (iproute2's bytelen)
	bits   int16  // prefix length; -2 for default/any/all before get_prefix
	hasLen bool
	b      [256]byte
}

func (a *iprAddr) bytes() []byte { return a.b[:a.n] }

// iprAFBits is af_bit_len: the prefix length of a whole address.
func iprAFBits(family uint8) int16 {
	if family == afMPLS {
		return 20
	}
	return int16(iprAFBytes(family)) * 8
}

func iprAFBytes(family uint8) uint16 {
	switch family {
	case afInet:
		return 4
	case afInet6:
		return 16
	}
	return 0
}

// iprParseAddr is iproute2's get_addr_1 for unspec, inet, inet6 and
// mpls: "default" (zeros of the family's length), "any"/"all" (no
// bytes), IPv6 (with a ':'), MPLS labels (for the mpls family), or IPv4
// with strtoul parts ("10.1" is 10.1.0.0, "012" octal). It reports
// false where iproute2 fails.
func iprParseAddr(s string, family uint8) (iprAddr, bool) {
	var a iprAddr
	switch s {
	case "default", "any", "all":
		if family == afMPLS {
			return a, false
		}
		a.family, a.bits = family, -2
		if s == "default" {
			a.n = iprAFBytes(family)
		}
		return a, true
	}
	if strings.IndexByte(s, ':') >= 0 {
		if family != afUnspec && family != afInet6 {
			return a, false
		}
		ip, err := netip.ParseAddr(s)
		if err != nil || !ip.Is6() || ip.Zone() != "" {
			return a, false
		}
		a16 := ip.As16()
		copy(a.b[:], a16[:])
		a.family, a.n, a.bits = afInet6, 16, -1
		return a, true
	}
	if family == afMPLS {
		n, ok := iprMPLSLabels(s, &a.b)
		a.family, a.n, a.bits = afMPLS, uint16(n), 20
		return a, ok
	}
	if family != afUnspec && family != afInet {
		return a, false
	}
	rest := s
	for i := 0; i < 4; i++ {
		v, n, ok := cStrtoulPrefix(rest, 0)
		if n == 0 || (!ok && n > 0) || v > 255 {
			return a, false
		}
		a.b[i] = byte(v)
		rest = rest[n:]
		if rest == "" {
			break
		}
		if i == 3 || rest[0] != '.' {
			return a, false
		}
		rest = rest[1:]
	}
	a.family, a.n, a.bits = afInet, 4, -1
	return a, true
}

// iprParsePrefix is iproute2's get_prefix_1: an address, then maybe
// "/LEN" (a number, base 0, or a dotted IPv4 netmask).
func iprParsePrefix(s string, family uint8) (iprAddr, bool) {
	addr, plen, slash := strings.Cut(s, "/")
	a, ok := iprParseAddr(addr, family)
	if !ok {
		return a, false
	}
	max := iprAFBits(a.family)
	if !slash {
		if a.bits == -2 {
			a.bits = 0
		} else {
			a.bits = max
		}
		return a, true
	}
	if a.bits == -2 {
		return a, false
	}
	v, ok := cStrtoul(plen, 0)
	if !ok || v > math.MaxUint32 {
		m, mok := iprParseAddr(plen, afInet)
		if !mok || m.family != afInet {
			return a, false
		}
		bits, cok := iprMaskBits(m.b[:4])
		if !cok {
			return a, false
		}
		v = uint64(bits)
	}
	if v > uint64(max) {
		return a, false
	}
	a.bits, a.hasLen = int16(v), true
	return a, true
}

// iprMaskBits is the length of a contiguous netmask.
func iprMaskBits(m []byte) (int, bool) {
	v := uint32(m[0])<<24 | uint32(m[1])<<16 | uint32(m[2])<<8 | uint32(m[3])
	n := 0
	for n < 32 && v&(1<<(31-n)) != 0 {
		n++
	}
	if n < 32 && v<<n != 0 {
		return 0, false
	}
	return n, true
}

func iprFamilyWord(f uint8) string {
	switch f {
	case afMPLS:
		return "an MPLS (label[/label...])"
	case afInet:
		return "an IPv4 (inet)"
	case afInet6:
		return "an IPv6 (inet6)"
	}
	return "an IPv4 or IPv6"
}

// addrArg is get_addr: an address of the family (afUnspec: either).
func (l *cmdLine) iprAddrArg(t token, family uint8) (iprAddr, error) {
	a, ok := iprParseAddr(t.s, family)
	if !ok {
		return a, l.errAt(t, "%q: want %s address", t.s, iprFamilyWord(family))
	}
	return a, nil
}

// prefixArg is get_prefix: a prefix of the family (afUnspec: either).
func (l *cmdLine) iprPrefixArg(t token, family uint8) (iprAddr, error) {
	a, ok := iprParsePrefix(t.s, family)
	if !ok {
		return a, l.errAt(t, "%q: want %s prefix (ADDRESS[/LEN])", t.s, iprFamilyWord(family))
	}
	return a, nil
}

// iprFamilyOK refuses the preferred families ip address and ip route
// are not compiled for (mpls is for routes only).
func (x *ipCtx) iprFamilyOK(what string, mpls bool) error {
	switch x.family {
	case afUnspec, afInet, afInet6:
		return nil
	case afMPLS:
		if mpls {
			return nil
		}
	}
	return x.l.errAt(x.l.peek(), "%s: family %s is not compiled by nlbatch", what, familyName(x.family))
}

// iprCmd is one command of ip route or ip address: its words (in
// iproute2's matching order), message type and flags.
type iprCmd struct {
	word  string
	exact bool // strcmp rather than matches
	typ   uint16
	flags uint16
}

const (
	iprReq     = codec.FlagRequest | codec.FlagAck
	iprCreate  = codec.FlagCreate
	iprExcl    = codec.FlagExcl
	iprReplace = codec.FlagReplace
	iprAppend  = codec.FlagAppend
)

// iprRouteCmds is do_iproute's table: typ 0 marks commands that read
// state (list, flush, get...), which nlbatch does not compile.
var iprRouteCmds = []iprCmd{
	{"add", false, rtmNewroute, iprCreate | iprExcl},
	{"change", false, rtmNewroute, iprReplace}, {"chg", true, rtmNewroute, iprReplace},
	{"replace", false, rtmNewroute, iprCreate | iprReplace},
	{"prepend", false, rtmNewroute, iprCreate},
	{"append", false, rtmNewroute, iprCreate | iprAppend},
	{"test", false, rtmNewroute, iprExcl},
	{"delete", false, rtmDelroute, 0},
	{"list", false, 0, 0}, {"show", false, 0, 0}, {"lst", false, 0, 0},
	{"get", false, 0, 0}, {"flush", false, 0, 0}, {"save", false, 0, 0},
	{"restore", false, 0, 0}, {"showdump", false, 0, 0}, {"help", false, 0, 0},
}

// iprSubcommand reads the command word of an object.
func (x *ipCtx) iprSubcommand(object string, cmds []iprCmd) (iprCmd, error) {
	l := x.l
	if !l.more() {
		return iprCmd{}, l.errAt(l.end(), "ip %s: listing is not compiled by nlbatch; want a command (add, delete, replace, change...)", object)
	}
	w := l.next()
	for _, c := range cmds {
		if c.word == w.s || (!c.exact && iprMatch(w.s, c.word)) {
			if c.typ == 0 {
				return c, l.errAt(w, "ip %s %s: not compiled by nlbatch (it reads or dumps state)", object, c.word)
			}
			return c, nil
		}
	}
	known := make([]string, 0, len(cmds))
	for _, c := range cmds {
		known = append(known, c.word)
	}
	return iprCmd{}, l.unknown(w, "ip "+object+" command", known)
}

// iprRouteTypes is rtnl_rtntype_a2n's table, in its order.
var iprRouteTypes = []struct {
	word  string
	exact bool
	typ   uint8
}{
	{"local", true, iprRtnLocal}, {"nat", true, iprRtnNAT},
	{"broadcast", false, iprRtnBroadcast}, {"brd", true, iprRtnBroadcast},
	{"anycast", false, iprRtnAnycast}, {"multicast", false, iprRtnMulticast},
	{"prohibit", false, 8}, {"unreachable", false, 7}, {"blackhole", false, 6},
	{"xresolve", false, 11}, {"unicast", false, iprRtnUnicast}, {"throw", true, 9},
}

// iprRouteType reads a route type word (not a number: iproute2 only
// tries words that do not start with a digit).
func iprRouteType(w string) (uint8, bool) {
	if w != "" && w[0] >= '0' && w[0] <= '9' {
		return 0, false
	}
	for _, t := range iprRouteTypes {
		if t.word == w || (!t.exact && iprMatch(w, t.word)) {
			return t.typ, true
		}
	}
	if v, ok := cStrtoul(w, 0); ok && v <= 255 {
		return uint8(v), true
	}
	return 0, false
}

// iprMetric is one metric of RTA_METRICS, in the order written.
type iprMetric struct {
	typ uint16
	val uint32
	str string // congctl
}

// iprRoute is the state of one ip route command.
type iprRoute struct {
	x        *ipCtx
	b        *codec.Builder
	family   uint8
	dstLen   uint8
	srcLen   uint8
	tos      uint8
	table    uint8
	protocol uint8
	scope    uint8
	rtype    uint8
	flags    uint32
	dev      token
	hasDev   bool
	gwOK     bool
	dstOK    bool
	nhsOK    bool
	scopeOK  bool
	tableOK  bool
	typeOK   bool
	nhid     bool
	raw      bool
	devErr   error
	lock     uint32
	nmetrics int
	metrics  [24]iprMetric
	more     []iprMetric
}

func (r *iprRoute) addMetric(m iprMetric) {
	if r.nmetrics < len(r.metrics) {
		r.metrics[r.nmetrics] = m
		r.nmetrics++
		return
	}
	r.more = append(r.more, m)
}

// ipRoute compiles `ip route add|change|replace|prepend|append|test|delete`.
func ipRoute(x *ipCtx) error {
	if err := x.iprFamilyOK("ip route", true); err != nil {
		return err
	}
	cmd, err := x.iprSubcommand("route", iprRouteCmds)
	if err != nil {
		return err
	}
	var r iprRoute
	r.x = x
	r.family = x.family
	r.table = iprTableMain
	r.scope = iprScopeNowhere
	if cmd.typ != rtmDelroute {
		r.protocol, r.scope, r.rtype = 3, iprScopeUniverse, iprRtnUnicast
	}
	r.b = x.c.begin(cmd.typ, iprReq|cmd.flags)
	r.b.Raw(make([]byte, 12))
	if err := r.parse(); err != nil {
		return err
	}
	return r.finish(cmd.typ == rtmDelroute)
}

// iprRouteAct is what a keyword of ip route does.
type iprRouteAct uint8

const (
	iprActPrefsrc iprRouteAct = iota + 1
	iprActNewdst
	iprActVia
	iprActFrom
	iprActTos
	iprActU32 // a u32 attribute, base 0
	iprActScope
	iprActMetric   // [lock] NUMBER into RTA_METRICS
	iprActTime     // [lock] TIME into RTA_METRICS
	iprActRTOMin   // TIME, always locked
	iprActFeatures // ecn
	iprActBool     // 0 or 1 into RTA_METRICS
	iprActCongctl  // [lock] NAME into RTA_METRICS
	iprActRealms   // RTA_FLOW
	iprActOnlink   // RTNH_F_ONLINK
	iprActNexthop  // the multipath hops
	iprActNHID     // RTA_NH_ID
	iprActProtocol // rtm_protocol
	iprActTable    // rtm_table or RTA_TABLE
	iprActVRF      // refused: needs a lookup
	iprActDev      // RTA_OIF
	iprActPref     // RTA_PREF
	iprActEncap    // RTA_ENCAP
	iprActTTLProp  // RTA_TTL_PROPAGATE
)

// iprRouteWord is one keyword of ip route: exact words are compared
// whole (strcmp), the others match any prefix (matches()); attr is the
// attribute or RTAX_ metric, max the largest value (0: u32), scale
// what a time with a unit is multiplied by.
type iprRouteWord struct {
	word  string
	exact bool
	act   iprRouteAct
	attr  uint16
	max   uint32
	scale uint32
}

// iprRouteWords are iproute_modify's keywords in its order, which
// decides what an abbreviation means ("r" is reordering, "pr"
// priority, "pre" pref).
var iprRouteWords = []iprRouteWord{
	{word: "src", exact: true, act: iprActPrefsrc},
	{word: "as", exact: true, act: iprActNewdst},
	{word: "via", exact: true, act: iprActVia},
	{word: "from", exact: true, act: iprActFrom},
	{word: "tos", exact: true, act: iprActTos},
	{word: "dsfield", act: iprActTos},
	{word: "expires", exact: true, act: iprActU32, attr: iprRtaExpires},
	{word: "metric", act: iprActU32, attr: iprRtaPriority},
	{word: "priority", act: iprActU32, attr: iprRtaPriority},
	{word: "preference", exact: true, act: iprActU32, attr: iprRtaPriority},
	{word: "scope", exact: true, act: iprActScope},
	{word: "mtu", exact: true, act: iprActMetric, attr: iprRtaxMTU},
	{word: "hoplimit", exact: true, act: iprActMetric, attr: iprRtaxHoplimit, max: 255},
	{word: "advmss", exact: true, act: iprActMetric, attr: iprRtaxAdvMSS},
	{word: "reordering", act: iprActMetric, attr: iprRtaxReorder},
	{word: "rtt", exact: true, act: iprActTime, attr: iprRtaxRTT, scale: 8},
	{word: "rto_min", exact: true, act: iprActRTOMin, attr: iprRtaxRTOMin, scale: 1},
	{word: "window", act: iprActMetric, attr: iprRtaxWindow},
	{word: "cwnd", act: iprActMetric, attr: iprRtaxCwnd},
	{word: "initcwnd", act: iprActMetric, attr: iprRtaxInitCwnd},
	{word: "initrwnd", act: iprActMetric, attr: iprRtaxInitRwnd},
	{word: "features", act: iprActFeatures, attr: iprRtaxFeatures},
	{word: "quickack", act: iprActBool, attr: iprRtaxQuickack},
	{word: "congctl", act: iprActCongctl, attr: iprRtaxCCAlgo},
	{word: "rttvar", act: iprActTime, attr: iprRtaxRTTVar, scale: 4},
	{word: "ssthresh", act: iprActMetric, attr: iprRtaxSSThresh},
	{word: "realms", act: iprActRealms},
	{word: "onlink", exact: true, act: iprActOnlink},
	{word: "nexthop", exact: true, act: iprActNexthop},
	{word: "nhid", exact: true, act: iprActNHID},
	{word: "protocol", act: iprActProtocol},
	{word: "table", act: iprActTable},
	{word: "vrf", act: iprActVRF},
	{word: "dev", exact: true, act: iprActDev},
	{word: "oif", exact: true, act: iprActDev},
	{word: "pref", act: iprActPref},
	{word: "encap", exact: true, act: iprActEncap},
	{word: "ttl-propagate", exact: true, act: iprActTTLProp},
	{word: "fastopen_no_cookie", act: iprActBool, attr: iprRtaxFastopen},
}

// iprRouteWordOf is the first keyword row w selects, or nil (a
// destination). Keywords never start with a digit.
func iprRouteWordOf(w string) *iprRouteWord {
	if w != "" && w[0] >= '0' && w[0] <= '9' {
		return nil
	}
	for i := range iprRouteWords {
		k := &iprRouteWords[i]
		if w == k.word || (!k.exact && iprMatch(w, k.word)) {
			return k
		}
	}
	return nil
}

func (r *iprRoute) parse() error {
	l := r.x.l
	for l.more() {
		t := l.next()
		k := iprRouteWordOf(t.s)
		if k == nil {
			if err := r.dst(t); err != nil {
				return err
			}
			continue
		}
		if k.act == iprActNexthop {
			r.nhsOK = true
			r.endMain()
			return r.nexthops(t)
		}
		if err := r.word(t, k); err != nil {
			return err
		}
	}
	r.endMain()
	return nil
}

// word compiles one keyword (t) and its values.
func (r *iprRoute) word(t token, k *iprRouteWord) error {
	x, l, b := r.x, r.x.l, r.b
	switch k.act {
	case iprActPrefsrc, iprActNewdst:
		v, err := l.value(t, "an address")
		if err != nil {
			return err
		}
		if k.act == iprActNewdst && v.s == "to" {
			if v, err = l.value(v, "an address"); err != nil {
				return err
			}
		}
		a, err := r.addr(v)
		if err != nil {
			return err
		}
		attr := uint16(iprRtaPrefsrc)
		if k.act == iprActNewdst {
			attr = iprRtaNewdst
		}
		b.Attr(attr, a.bytes())
	case iprActVia:
		if r.gwOK {
			return l.errAt(t, "a second \"via\": give several gateways with nexthop")
		}
		r.gwOK = true
		return r.via(t, b)
	case iprActFrom:
		v, err := l.value(t, "a source prefix")
		if err != nil {
			return err
		}
		a, err := l.iprPrefixArg(v, r.family)
		if err != nil {
			return err
		}
		if r.family == afUnspec {
			r.family = a.family
		}
		if a.n > 0 {
			b.Attr(iprRtaSrc, a.bytes())
		}
		r.srcLen = uint8(a.bits)
	case iprActTos:
		v, err := l.value(t, "a DS field (hex number or name)")
		if err != nil {
			return err
		}
		n, err := l.iprName(v, "tos", x.names.DSFields, 16, 255)
		if err != nil {
			return err
		}
		r.tos = uint8(n)
	case iprActU32, iprActNHID:
		v, err := l.value(t, "a number")
		if err != nil {
			return err
		}
		n, err := l.iprNum(v, k.word, math.MaxUint32)
		if err != nil {
			return err
		}
		attr := k.attr
		if k.act == iprActNHID {
			r.nhid, attr = true, iprRtaNHID
		}
		b.U32(attr, uint32(n))
	case iprActScope:
		v, err := l.value(t, "a scope (global, link, host or a number)")
		if err != nil {
			return err
		}
		if r.scope, err = x.iprScope(v); err != nil {
			return err
		}
		r.scopeOK = true
	case iprActMetric:
		return r.metric(t, k.attr, uint64(k.max))
	case iprActTime:
		return r.timeMetric(t, k.attr, k.scale, true)
	case iprActRTOMin:
		r.lock |= 1 << k.attr
		return r.timeMetric(t, k.attr, k.scale, false)
	case iprActFeatures:
		v, err := l.value(t, "a feature (ecn)")
		if err != nil {
			return err
		}
		if v.s != "ecn" {
			return l.unknown(v, "route feature", []string{"ecn"})
		}
		r.addMetric(iprMetric{typ: k.attr, val: 1})
	case iprActBool:
		return r.boolMetric(t, k.attr)
	case iprActCongctl:
		v, err := l.value(t, "a congestion control algorithm")
		if err != nil {
			return err
		}
		if v.s == "lock" {
			r.lock |= 1 << k.attr
			if v, err = l.value(v, "a congestion control algorithm"); err != nil {
				return err
			}
		}
		r.addMetric(iprMetric{typ: k.attr, str: v.s})
	case iprActRealms:
		v, err := l.value(t, "a realm (FROM/TO or a number)")
		if err != nil {
			return err
		}
		n, err := x.iprRealms(v)
		if err != nil {
			return err
		}
		b.U32(iprRtaFlow, n)
	case iprActOnlink:
		r.flags |= iprRtnhFOnlink
	case iprActProtocol:
		v, err := l.value(t, "a protocol (name or number)")
		if err != nil {
			return err
		}
		n, err := l.iprName(v, "protocol", x.names.Protocols, 0, 255)
		if err != nil {
			return err
		}
		r.protocol = uint8(n)
	case iprActTable:
		v, err := l.value(t, "a table (name or number)")
		if err != nil {
			return err
		}
		n, err := l.iprName(v, "table", x.names.Tables, 0, math.MaxUint32)
		if err != nil {
			return err
		}
		if n < 256 {
			r.table = uint8(n)
		} else {
			r.table = 0
			b.U32(iprRtaTable, n)
		}
		r.tableOK = true
	case iprActVRF:
		return l.errAt(t, "\"vrf\" needs the table of a VRF device, which nlbatch cannot look up offline; give its table")
	case iprActDev:
		v, err := l.value(t, "an interface name")
		if err != nil {
			return err
		}
		r.dev, r.hasDev = v, true
	case iprActPref:
		v, err := l.value(t, "a preference (low, medium, high)")
		if err != nil {
			return err
		}
		var p uint64
		switch v.s {
		case "low":
			p = 3
		case "medium":
			p = 0
		case "high":
			p = 1
		default:
			if p, err = l.iprNum(v, "pref", 255); err != nil {
				return l.unknown(v, "route preference", []string{"low", "medium", "high"})
			}
		}
		b.U8(iprRtaPref, uint8(p))
	case iprActEncap:
		return x.iprEncap(t)
	case iprActTTLProp:
		v, err := l.value(t, "enabled or disabled")
		if err != nil {
			return err
		}
		switch {
		case iprMatch(v.s, "enabled"):
			b.U8(iprRtaTTLPropagate, 1)
		case iprMatch(v.s, "disabled"):
			b.U8(iprRtaTTLPropagate, 0)
		default:
			return l.unknown(v, "ttl-propagate value", []string{"enabled", "disabled"})
		}
	}
	return nil
}

// dst reads the destination: [to] [TYPE] PREFIX.
func (r *iprRoute) dst(t token) error {
	l := r.x.l
	var err error
	if t.s == "to" {
		if t, err = l.value(t, "a destination prefix"); err != nil {
			return err
		}
	}
	if typ, ok := iprRouteType(t.s); ok {
		if t, err = l.value(t, "a destination prefix"); err != nil {
			return err
		}
		r.rtype, r.typeOK = typ, true
	}
	if iprMatch(t.s, "help") {
		return l.errAt(t, "%q: help is not a route", t.s)
	}
	if r.dstOK {
		if !iprLooksLikeAddr(t.s) {
			return l.unknown(t, "ip route keyword", iprRouteKeywords)
		}
		return l.errAt(t, "%q: a second destination (or an unknown keyword)", t.s)
	}
	a, err := l.iprPrefixArg(t, r.family)
	if err != nil {
		if !iprLooksLikeAddr(t.s) {
			return l.unknown(t, "ip route keyword", iprRouteKeywords)
		}
		return err
	}
	if r.family == afUnspec {
		r.family = a.family
	}
	r.dstLen = uint8(a.bits)
	r.dstOK = true
	if a.n > 0 {
		r.b.Attr(iprRtaDst, a.bytes())
	}
	return nil
}

// addr reads an address of the route's family, fixing it when unset.
func (r *iprRoute) addr(v token) (iprAddr, error) {
	a, err := r.x.l.iprAddrArg(v, r.family)
	if err == nil && r.family == afUnspec {
		r.family = a.family
	}
	return a, err
}

// via reads `via [FAMILY] ADDRESS` into RTA_GATEWAY, or RTA_VIA for
// another family.
func (r *iprRoute) via(t token, b *codec.Builder) error {
	l := r.x.l
	v, err := l.value(t, "a gateway address")
	if err != nil {
		return err
	}
	family := r.family
	switch v.s {
	case "inet", "inet6", "mpls":
		family = afInet
		switch v.s {
		case "inet6":
			family = afInet6
		case "mpls":
			family = afMPLS
		}
		if v, err = l.value(v, "a gateway address"); err != nil {
			return err
		}
	case "link", "ipx", "bridge":
		return l.errAt(v, "via %s: not compiled by nlbatch (only inet, inet6 and mpls gateways)", v.s)
	}
	a, err := l.iprAddrArg(v, family)
	if err != nil {
		return err
	}
	if r.family == afUnspec {
		r.family = a.family
	}
	if a.family == r.family {
		b.Attr(iprRtaGateway, a.bytes())
		return nil
	}
	var buf [2 + len(iprAddr{}.b)]byte
	putNative16(buf[:], uint16(a.family), r.x.c.opts.BigEndian)
	copy(buf[2:], a.bytes())
	b.Attr(iprRtaVia, buf[:2+a.n])
	return nil
}

// metric reads `KEYWORD [lock] NUMBER` (get_unsigned, base 0); max 0
// means any u32.
func (r *iprRoute) metric(t token, typ uint16, max uint64) error {
	v, err := r.lockValue(t, typ)
	if err != nil {
		return err
	}
	if max == 0 {
		max = math.MaxUint32
	}
	n, err := r.x.l.iprNum(v, t.s, max)
	if err != nil {
		return err
	}
	r.addMetric(iprMetric{typ: typ, val: uint32(n)})
	return nil
}

func (r *iprRoute) lockValue(t token, typ uint16) (token, error) {
	l := r.x.l
	v, err := l.value(t, "a number")
	if err != nil {
		return v, err
	}
	if v.s == "lock" {
		r.lock |= 1 << typ
		return l.value(v, "a number")
	}
	return v, nil
}

// timeMetric reads rtt, rttvar and rto_min: get_time_rtt's NUMBER[s|ms]
// in milliseconds, times scale when a unit is given (a bare number is
// sent as it is).
func (r *iprRoute) timeMetric(t token, typ uint16, scale uint32, lockable bool) error {
	l := r.x.l
	var v token
	var err error
	if lockable {
		v, err = r.lockValue(t, typ)
	} else {
		v, err = l.value(t, "a time")
	}
	if err != nil {
		return err
	}
	ms, raw, ok := iprTimeRTT(v.s)
	if !ok {
		return l.errAt(v, "%s %q: want a time (NUMBER, NUMBERs or NUMBERms)", t.s, v.s)
	}
	if !raw && scale > 1 {
		ms *= scale
	}
	r.addMetric(iprMetric{typ: typ, val: ms})
	return nil
}

// iprTimeRTT is get_time_rtt: a number (a decimal fraction when it has
// a '.'), rounded up, with an optional unit (s, sec, secs: times 1000;
// ms, msec, msecs); raw reports a number without unit.
func iprTimeRTT(s string) (val uint32, raw, ok bool) {
	var t float64
	var n int
	if strings.IndexByte(s, '.') >= 0 {
		f, rest, ok := cStrtod(s)
		if !ok || f < 0 {
			return 0, false, false
		}
		t, n = f, len(s)-len(rest)
	} else {
		v, m, ok := cStrtoulPrefix(s, 0)
		if m == 0 || !ok {
			return 0, false, false
		}
		t, n = float64(v), m
	}
	raw = true
	if unit := strings.ToLower(s[n:]); unit != "" {
		raw = false
		switch unit {
		case "s", "sec", "secs":
			t *= 1000
		case "ms", "msec", "msecs":
		default:
			return 0, false, false
		}
	}
	if t >= 1<<32 {
		t = 1<<32 - 1
	}
	val = uint32(t)
	if float64(val) < t {
		val++
	}
	return val, raw, true
}

// boolMetric reads quickack and fastopen_no_cookie: 0 or 1.
func (r *iprRoute) boolMetric(t token, typ uint16) error {
	l := r.x.l
	v, err := l.value(t, "0 or 1")
	if err != nil {
		return err
	}
	n, ok := cStrtoul(v.s, 0)
	if !ok || n > 1 {
		return l.errAt(v, "%s %q: want 0 or 1", t.s, v.s)
	}
	r.addMetric(iprMetric{typ: typ, val: uint32(n)})
	return nil
}

// iprRealms is get_rt_realms_or_raw: a number, or [FROM/]TO realms
// (names or numbers up to 255).
func (x *ipCtx) iprRealms(v token) (uint32, error) {
	if n, ok := cStrtoul(v.s, 0); ok && n <= math.MaxUint32 {
		return uint32(n), nil
	}
	from, to, slash := strings.Cut(v.s, "/")
	var out uint32
	realm := func(s string) (uint32, bool) {
		if n, ok := x.names.Realms[s]; ok {
			return n, true
		}
		n, ok := cStrtoul(s, 0)
		return uint32(n), ok && n <= 255
	}
	if !slash {
		to = from
	} else {
		n, ok := realm(from)
		if !ok {
			return 0, x.l.errAt(v, "realms %q: want a realm (FROM/TO, names or numbers 0-255)", v.s)
		}
		out = n << 16
	}
	if to != "" {
		n, ok := realm(to)
		if !ok {
			return 0, x.l.errAt(v, "realms %q: want a realm (FROM/TO, names or numbers 0-255)", v.s)
		}
		out |= n
	}
	return out, nil
}

// endMain writes what iproute2 adds after the words before any
// nexthop: the output interface and the metrics.
func (r *iprRoute) endMain() {
	b := r.b
	if r.hasDev {
		if err := r.x.c.ifname(b.Offset()+codec.AttrHeaderLen, "dev", r.dev.s); err != nil {
			b.U32(iprRtaOIF, 0)
			r.devErr = r.x.l.errAt(r.dev, "%v", err)
			return
		}
		b.U32(iprRtaOIF, 0)
	}
	if r.nmetrics == 0 && len(r.more) == 0 {
		return
	}
	b.BeginNest(iprRtaMetrics)
	for _, m := range r.metrics[:r.nmetrics] {
		r.writeMetric(m)
	}
	for _, m := range r.more {
		r.writeMetric(m)
	}
	if r.lock != 0 {
		b.U32(iprRtaxLock, r.lock)
	}
	b.EndNest()
}

func (r *iprRoute) writeMetric(m iprMetric) {
	if m.typ == iprRtaxCCAlgo {
		r.b.Attr(m.typ, []byte(m.str))
		return
	}
	r.b.U32(m.typ, m.val)
}

// nexthops reads `nexthop NH [nexthop NH]...` (parse_nexthops), first
// being the first "nexthop".
func (r *iprRoute) nexthops(first token) error {
	l, b := r.x.l, r.b
	b.BeginNest(iprRtaMultipath)
	t := first
	for {
		if !l.more() {
			return l.errAt(l.end(), "%q needs a next hop after it (via, dev, weight...)", t.s)
		}
		hop := b.Offset()
		b.Raw(make([]byte, 8))
		var flags, hops uint8
		var dev token
		hasDev := false
	words:
		for l.more() {
			w := l.peek()
			switch {
			case w.s == "via":
				l.next()
				if err := r.via(w, b); err != nil {
					return err
				}
			case w.s == "dev":
				l.next()
				v, err := l.value(w, "an interface name")
				if err != nil {
					return err
				}
				dev, hasDev = v, true
			case w.s == "weight":
				l.next()
				v, err := l.value(w, "a weight (1-256)")
				if err != nil {
					return err
				}
				n, ok := cStrtoul(v.s, 0)
				if !ok || n == 0 || n > 256 {
					return l.errAt(v, "weight %q: want a number from 1 to 256", v.s)
				}
				hops = uint8(n - 1)
			case w.s == "onlink":
				l.next()
				flags |= iprRtnhFOnlink
			case iprMatch(w.s, "realms"):
				l.next()
				v, err := l.value(w, "a realm (FROM/TO or a number)")
				if err != nil {
					return err
				}
				n, err := r.x.iprRealms(v)
				if err != nil {
					return err
				}
				b.U32(iprRtaFlow, n)
			case w.s == "encap":
				l.next()
				if err := r.x.iprEncap(w); err != nil {
					return err
				}
			case w.s == "as":
				l.next()
				v, err := l.value(w, "an address")
				if err != nil {
					return err
				}
				if v.s == "to" {
					if v, err = l.value(v, "an address"); err != nil {
						return err
					}
				}
				a, err := l.iprAddrArg(v, r.family)
				if err != nil {
					return err
				}
				b.Attr(iprRtaNewdst, a.bytes())
			default:
				break words
			}
		}
		if b.Err() == nil {
			buf := b.Bytes()
			putNative16(buf[hop:], uint16(b.Offset()-hop), r.x.c.opts.BigEndian)
			buf[hop+2], buf[hop+3] = flags, hops
		}
		if hasDev {
			if err := r.x.c.ifname(hop+4, "nexthop dev", dev.s); err != nil {
				return l.errAt(dev, "%v", err)
			}
		}
		if !l.more() {
			break
		}
		t = l.next()
		if t.s != "nexthop" {
			return l.errAt(t, "\"nexthop\" or the end of the line is expected, not %q (options go before the first nexthop)", t.s)
		}
	}
	b.EndNest()
	return nil
}

// finish fills in iproute2's defaults, the header, and commits.
func (r *iprRoute) finish(del bool) error {
	x, l := r.x, r.x.l
	if r.devErr != nil {
		return r.devErr
	}
	if !r.dstOK {
		return l.errAt(l.end(), "ip route: missing destination (a prefix, or default)")
	}
	if r.family == afUnspec {
		r.family = afInet
	}
	if !r.tableOK {
		switch r.rtype {
		case iprRtnLocal, iprRtnBroadcast, iprRtnNAT, iprRtnAnycast:
			r.table = iprTableLocal
		}
	}
	if !r.scopeOK {
		switch {
		case r.family == afInet6 || r.family == afMPLS:
			r.scope = iprScopeUniverse
		case r.rtype == iprRtnLocal || r.rtype == iprRtnNAT:
			r.scope = iprScopeHost
		case r.rtype == iprRtnBroadcast || r.rtype == iprRtnMulticast || r.rtype == iprRtnAnycast:
			r.scope = iprScopeLink
		case r.rtype == iprRtnUnicast || r.rtype == 0:
			if del {
				r.scope = iprScopeNowhere
			} else if !r.gwOK && !r.nhsOK && !r.nhid {
				r.scope = iprScopeLink
			}
		}
	}
	if !r.typeOK && r.family == afMPLS {
		r.rtype = iprRtnUnicast
	}
	b := r.b
	if b.Err() == nil {
		h := b.Bytes()[codec.HeaderLen:]
		h[0], h[1], h[2], h[3] = r.family, r.dstLen, r.srcLen, r.tos
		h[4], h[5], h[6], h[7] = r.table, r.protocol, r.scope, r.rtype
		putNative32(h[8:], r.flags, x.c.opts.BigEndian)
	}
	return x.c.commit(l.source(), false)
}

// iprRouteKeywords are the words of ip route, for suggestions.
var iprRouteKeywords = func() []string {
	out := []string{"to", "lock"}
	for _, k := range iprRouteWords {
		out = append(out, k.word)
	}
	return out
}()

// iprLooksLikeAddr reports a word that may be meant as an address or
// prefix (default, any, all, a digit first, or a '.', ':' or '/'), for
// error messages.
func iprLooksLikeAddr(s string) bool {
	if s == "default" || s == "any" || s == "all" || (s != "" && s[0] >= '0' && s[0] <= '9') {
		return true
	}
	return strings.ContainsAny(s, ".:/")
}
