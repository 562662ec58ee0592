package batch

import (
	"strconv"
	"strings"

	"github.com/nlbatch/nlbatch/codec"
)

// This file compiles `ip neigh add|del|change|replace` as iproute2 6.1
// does (ip/ipneigh.c).

var (
	ipneighNdaProtocol = mustAttr("RTM_NEWNEIGH", "NDA_PROTOCOL")
	ipneighNdaFlagsExt = mustAttr("RTM_NEWNEIGH", "NDA_FLAGS_EXT")
)

// NTF_* and NUD_* bits iproute2's neighbour and FDB commands set
// (linux/neighbour.h).
const (
	rnbNtfUse         = 0x01
	rnbNtfProxy       = 0x08
	rnbNtfExtLearned  = 0x10
	rnbNtfSticky      = 0x40
	rnbNtfRouter      = 0x80
	rnbNtfExtManaged  = 0x01 // in NDA_FLAGS_EXT
	ipneighNudDefault = nudPermanent
)

var ipneighVerbs = []rnbVerb{
	{name: "add", cmd: CmdAdd, compiled: true},
	{name: "change", cmd: CmdChange, compiled: true},
	{name: "chg", cmd: CmdChange, exact: true, compiled: true},
	{name: "replace", cmd: CmdReplace, compiled: true},
	{name: "delete", cmd: CmdDel, compiled: true},
	{name: "get"}, {name: "show"}, {name: "lst"}, {name: "list"}, {name: "flush"}, {name: "help"},
}

// ipneighState is what the arguments of a neighbour command set.
type ipneighState struct {
	state    uint16
	flags    uint8
	extFlags uint32
	dst      ipPrefix
	dstTok   token
	hasDst   bool
	lladdr   token
	hasLL    bool
	dev      token
	hasDev   bool // a dev was given, or proxy (which needs none)
}

// ipneighStates are the NUD states by name (nud_state_a2n); exact names
// are compared whole.
var ipneighStates = []struct {
	name  string
	exact bool
	state uint16
}{
	{"permanent", false, 0x80}, {"reachable", false, 0x02}, {"noarp", true, 0x40},
	{"none", true, 0x00}, {"stale", true, 0x04}, {"incomplete", true, 0x01},
	{"delay", true, 0x08}, {"probe", true, 0x10}, {"failed", false, 0x20},
}

var ipneighKeywords []rnbKeyword[ipneighState]

func init() { ipneighKeywords = ipneighKeywordRows() }

// ipneighKeywordRows are ipneigh_modify's keywords in its order; any other
// word is the address.
func ipneighKeywordRows() []rnbKeyword[ipneighState] {
	return []rnbKeyword[ipneighState]{
		{"lladdr", false, func(x *ipCtx, s *ipneighState, kw token) error {
			v, err := x.l.value(kw, "a link-layer address")
			if err != nil {
				return err
			}
			if s.hasLL {
				return x.l.errAt(v, "lladdr: given twice")
			}
			s.lladdr, s.hasLL = v, true
			return nil
		}},
		{"nud", true, func(x *ipCtx, s *ipneighState, kw token) error {
			v, err := x.l.value(kw, "a NUD state")
			if err != nil {
				return err
			}
			st, err := ipneighNUD(x, v)
			if err != nil {
				return err
			}
			s.state = st
			return nil
		}},
		{"proxy", false, func(x *ipCtx, s *ipneighState, kw token) error {
			v, err := x.l.value(kw, "an address")
			if err != nil {
				return err
			}
			if matches(v.s, "help") {
				return x.l.errAt(v, "ip neigh: help is not a command nlbatch compiles")
			}
			if s.hasDst {
				return x.l.errAt(v, "proxy: the address is given twice")
			}
			if err := ipneighDst(x, s, v); err != nil {
				return err
			}
			s.hasDev = true
			s.flags |= rnbNtfProxy
			return nil
		}},
		{"router", true, func(x *ipCtx, s *ipneighState, _ token) error { s.flags |= rnbNtfRouter; return nil }},
		{"use", true, func(x *ipCtx, s *ipneighState, _ token) error { s.flags |= rnbNtfUse; return nil }},
		{"managed", true, func(x *ipCtx, s *ipneighState, _ token) error {
			s.extFlags |= rnbNtfExtManaged
			s.state = 0
			return nil
		}},
		{"extern_learn", false, func(x *ipCtx, s *ipneighState, _ token) error { s.flags |= rnbNtfExtLearned; return nil }},
		{"dev", true, func(x *ipCtx, s *ipneighState, kw token) error {
			v, err := x.l.value(kw, "an interface name")
			if err != nil {
				return err
			}
			s.dev, s.hasDev = v, true
			return nil
		}},
		{"protocol", false, func(x *ipCtx, s *ipneighState, kw token) error {
			v, err := x.l.value(kw, "a protocol (a name or 0-255)")
			if err != nil {
				return err
			}
			p, err := x.l.lookupName(v, "protocol", x.names.Protocols, 255)
			if err != nil {
				return err
			}
			x.c.b.U8(ipneighNdaProtocol, uint8(p))
			return nil
		}},
	}
}

// ipneighNUD reads a NUD state: a name, or a number that is 0 or one
// bit below 0x100.
func ipneighNUD(x *ipCtx, t token) (uint16, error) {
	for _, n := range ipneighStates {
		if (n.exact && t.s == n.name) || (!n.exact && matches(t.s, n.name)) {
			return n.state, nil
		}
	}
	if v, err := strconv.ParseUint(t.s, 0, 32); err == nil && !strings.Contains(t.s, "_") {
		if v < 0x100 && v&(v-1) == 0 {
			return uint16(v), nil
		}
		return 0, x.l.errAt(t, "nud %s: a state number is 0 or a single bit below 0x100", t.s)
	}
	known := make([]string, 0, len(ipneighStates))
	for _, n := range ipneighStates {
		known = append(known, n.name)
	}
	return 0, x.l.unknown(t, "NUD state", known)
}

func ipneighDst(x *ipCtx, s *ipneighState, v token) error {
	p, err := rnbAddr(x, v, x.family)
	if err != nil {
		return err
	}
	s.dst, s.dstTok, s.hasDst = p, v, true
	return nil
}

// ipNeigh compiles `ip neigh add|change|replace|delete ADDR ...`.
func ipNeigh(x *ipCtx) error {
	cmd, err := rnbPickVerb(x, "neigh", ipneighVerbs)
	if err != nil {
		return err
	}
	l := x.l
	flags, _ := cmd.flags()
	typ := rtmNewneigh
	if cmd == CmdDel {
		typ = rtmDelneigh
	}
	b := x.c.begin(typ, flags)
	b.Raw(rnbZeros[:12])
	s := rnbGet[ipneighState](&ipneighStatePool)
	defer ipneighStatePool.Put(s)
	*s = ipneighState{state: ipneighNudDefault}
	for l.more() {
		kw := l.next()
		if row := rnbFind(ipneighKeywords, kw.s); row != nil {
			if err := row.run(x, s, kw); err != nil {
				return err
			}
			continue
		}
		v := kw
		if kw.s == "to" {
			if v, err = l.value(kw, "an address"); err != nil {
				return err
			}
		}
		if matches(v.s, "help") {
			return l.errAt(v, "ip neigh: help is not a command nlbatch compiles")
		}
		if s.hasDst {
			known := append(rnbNames(ipneighKeywords), "to")
			return l.errAt(v, "%q: the address is already given (%s); or an unknown keyword%s", v.s, s.dstTok.s, codec.Suggest(v.s, known))
		}
		if err := ipneighDst(x, s, v); err != nil {
			return err
		}
	}
	if !s.hasDev || !s.hasDst {
		return l.errAt(l.end(), "ip neigh: a device (dev DEV) and an address are required")
	}
	family := s.dst.family
	var buf [16]byte
	b.Attr(ndaDst, rnbAddrBytes(s.dst.addr, &buf))
	if s.extFlags != 0 {
		b.U32(ipneighNdaFlagsExt, s.extFlags)
	}
	if s.hasLL && s.lladdr.s != "null" {
		var llbuf [20]byte
		ll, err := rnbLLAddr(x, s.lladdr, llbuf[:])
		if err != nil {
			return err
		}
		b.Attr(ndaLLAddr, ll)
	}
	if s.dev.s != "" {
		if err := x.c.ifname(codec.HeaderLen+4, "dev", s.dev.s); err != nil {
			return l.errAt(s.dev, "%v", err)
		}
	}
	h := rnbHeader(x, 12)
	h[0] = family
	putNative16(h[8:], s.state, x.c.opts.BigEndian)
	h[10] = s.flags
	return x.c.commit(l.source(), false)
}

// rnbLLAddr is iproute2's ll_addr_a2n: an IPv4 address (a tunnel's
// link-layer address) when the word has a dot, else hex bytes separated
// by ':', at most len(buf) of them, read into buf.
func rnbLLAddr(x *ipCtx, t token, buf []byte) ([]byte, error) {
	bad := func() ([]byte, error) {
		return nil, x.l.errAt(t, "%q is not a link-layer address (an IPv4 address or hex bytes separated by ':')", t.s)
	}
	if strings.Contains(t.s, ".") {
		a, ok := parseIPv4Short(t.s)
		if !ok {
			return bad()
		}
		b := a.As4()
		return append(buf[:0], b[:]...), nil
	}
	out := buf[:0]
	for rest, more := t.s, true; more; {
		var p string
		p, rest, more = strings.Cut(rest, ":")
		v, err := strconv.ParseUint(p, 16, 8)
		if err != nil || p == "" || p[0] == '+' {
			return bad()
		}
		if len(out) == len(buf) {
			return nil, x.l.errAt(t, "%q: a link-layer address has at most %d bytes here", t.s, len(buf))
		}
		out = append(out, byte(v))
	}
	return out, nil
}
