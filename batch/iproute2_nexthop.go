package batch

import (
	"encoding/binary"
	"strconv"
	"strings"
)

// This file compiles `ip nexthop add|replace|delete` as iproute2 6.1
// does (ip/ipnexthop.c, and the MPLS part of ip/iproute_lwtunnel.c).

var (
	ipnhGroupType  = mustAttr("RTM_NEWNEXTHOP", "NHA_GROUP_TYPE")
	ipnhEncapType  = mustAttr("RTM_NEWNEXTHOP", "NHA_ENCAP_TYPE")
	ipnhEncap      = mustAttr("RTM_NEWNEXTHOP", "NHA_ENCAP")
	ipnhResGroup   = mustAttr("RTM_NEWNEXTHOP", "NHA_RES_GROUP")
	ipnhResBuckets = mustAttrIn("RTM_NEWNEXTHOP", "NHA_RES_GROUP", "NHA_RES_GROUP_BUCKETS")
	ipnhResIdle    = mustAttrIn("RTM_NEWNEXTHOP", "NHA_RES_GROUP", "NHA_RES_GROUP_IDLE_TIMER")
	ipnhResUnbal   = mustAttrIn("RTM_NEWNEXTHOP", "NHA_RES_GROUP", "NHA_RES_GROUP_UNBALANCED_TIMER")
)

const (
	rnbNlaFNested = 0x8000
	ipnhFOnlink   = 0x04
	ipnhEncapMPLS = 1
	ipnhMPLSDst   = 1 // MPLS_IPTUNNEL_DST
	ipnhMPLSTTL   = 2 // MPLS_IPTUNNEL_TTL
	ipnhGrpMpath  = 0
	ipnhGrpRes    = 1
	ipnhTimerUnit = 100 // iproute2 sends timers in centiseconds (USER_HZ)
)

var ipnhVerbs = []rnbVerb{
	{name: "add", cmd: CmdAdd, compiled: true},
	{name: "replace", cmd: CmdReplace, compiled: true},
	{name: "delete", cmd: CmdDel, compiled: true},
	{name: "list"}, {name: "show"}, {name: "lst"}, {name: "get"}, {name: "flush"}, {name: "bucket"}, {name: "help"},
}

// ipnhState is what the arguments of a nexthop command set in
// struct nhmsg.
type ipnhState struct {
	family, protocol uint8
	flags            uint32
}

var ipnhKeywords []rnbKeyword[ipnhState]

func init() { ipnhKeywords = ipnhKeywordRows() }

// ipnhKeywordRows are ipnh_modify's keywords; every attribute is
// added as its keyword is read.
func ipnhKeywordRows() []rnbKeyword[ipnhState] {
	return []rnbKeyword[ipnhState]{
		{"id", true, func(x *ipCtx, s *ipnhState, kw token) error {
			v, err := x.l.value(kw, "a nexthop id")
			if err != nil {
				return err
			}
			n, err := x.l.uintArg(v, "id", 32)
			if err != nil {
				return err
			}
			x.c.b.U32(nhaID, uint32(n))
			return nil
		}},
		{"dev", true, func(x *ipCtx, s *ipnhState, kw token) error {
			v, err := x.l.value(kw, "an interface name")
			if err != nil {
				return err
			}
			if err := x.c.ifindexAttr(nhaOIF, "dev", v.s, 0); err != nil {
				return x.l.errAt(v, "%v", err)
			}
			if s.family == afUnspec {
				s.family = afInet
			}
			return nil
		}},
		{"via", true, func(x *ipCtx, s *ipnhState, kw token) error {
			v, err := x.l.value(kw, "a gateway address")
			if err != nil {
				return err
			}
			family := s.family
			switch v.s {
			case "inet", "inet6":
				family = familyNames[v.s]
				if v, err = x.l.value(v, "an address"); err != nil {
					return err
				}
			case "link", "mpls", "bridge", "ipx":
				return x.l.errAt(v, "via %s: nlbatch compiles inet and inet6 gateways", v.s)
			}
			p, err := rnbAddr(x, v, family)
			if err != nil {
				return err
			}
			if s.family == afUnspec {
				s.family = p.family
			} else if s.family != p.family {
				return x.l.errAt(v, "via %s: the nexthop is %s", v.s, familyName(s.family))
			}
			var buf [16]byte
			x.c.b.Attr(nhaGateway, rnbAddrBytes(p.addr, &buf))
			return nil
		}},
		{"encap", true, ipnhEncapArg},
		{"blackhole", true, func(x *ipCtx, s *ipnhState, _ token) error {
			x.c.b.Flag(nhaBlackhole)
			if s.family == afUnspec {
				s.family = afInet
			}
			return nil
		}},
		{"fdb", true, func(x *ipCtx, s *ipnhState, _ token) error { x.c.b.Flag(nhaFDB); return nil }},
		{"onlink", true, func(x *ipCtx, s *ipnhState, _ token) error { s.flags |= ipnhFOnlink; return nil }},
		{"group", true, ipnhGroup},
		{"type", true, ipnhGroupTypeArg},
		{"protocol", false, func(x *ipCtx, s *ipnhState, kw token) error {
			v, err := x.l.value(kw, "a protocol (a name or 0-255)")
			if err != nil {
				return err
			}
			p, err := x.l.lookupName(v, "protocol", x.names.Protocols, 255)
			if err != nil {
				return err
			}
			s.protocol = uint8(p)
			return nil
		}},
	}
}

// ipNexthop compiles `ip nexthop add|replace|delete ...`.
func ipNexthop(x *ipCtx) error {
	cmd, err := rnbPickVerb(x, "nexthop", ipnhVerbs)
	if err != nil {
		return err
	}
	l := x.l
	flags, _ := cmd.flags()
	typ := rtmNewnh
	if cmd == CmdDel {
		typ = rtmDelnh
	}
	b := x.c.begin(typ, flags)
	b.Raw(rnbZeros[:8])
	s := rnbGet[ipnhState](&ipnhStatePool)
	defer ipnhStatePool.Put(s)
	*s = ipnhState{family: x.family}
	for l.more() {
		kw := l.next()
		row := rnbFind(ipnhKeywords, kw.s)
		if row == nil {
			if kw.s == "help" {
				return l.errAt(kw, "ip nexthop: help is not a command nlbatch compiles")
			}
			return l.unknown(kw, "ip nexthop keyword", rnbNames(ipnhKeywords))
		}
		if err := row.run(x, s, kw); err != nil {
			return err
		}
	}
	h := rnbHeader(x, 8)
	h[0], h[2] = s.family, s.protocol
	putNative32(h[4:], s.flags, x.c.opts.BigEndian)
	return x.c.commit(l.source(), false)
}

// ipnhGroup reads ID[,WEIGHT]/ID[,WEIGHT]/... into NHA_GROUP, an
// array of struct nexthop_grp (weight 1-256, sent less one).
func ipnhGroup(x *ipCtx, s *ipnhState, kw token) error {
	v, err := x.l.value(kw, "a group (ID[,WEIGHT]/...)")
	if err != nil {
		return err
	}
	if v.s == "" {
		return x.l.errAt(v, "group: no member")
	}
	b := x.c.b
	b.BeginNest(nhaGroup) // an array of structs: the attribute header is the same
	off := 0
	for rest, more := v.s, true; more; {
		var m string
		m, rest, more = strings.Cut(rest, "/")
		mt := token{s: m, line: v.line, col: v.col + off}
		off += len(m) + 1
		idText, wText, hasW := strings.Cut(m, ",")
		id, err := strconv.ParseUint(idText, 0, 32)
		if err != nil || idText == "" || strings.Contains(idText, "_") {
			return x.l.errAt(mt, "group member %q: want ID[,WEIGHT] (the id a number)", m)
		}
		w := uint64(1)
		if hasW {
			w, err = strconv.ParseUint(wText, 0, 32)
			if err != nil || w == 0 || w > 256 || strings.Contains(wText, "_") {
				return x.l.errAt(mt, "group member %q: the weight is 1-256", m)
			}
		}
		var g [8]byte
		putNative32(g[0:], uint32(id), x.c.opts.BigEndian)
		g[4] = uint8(w - 1)
		b.Raw(g[:])
	}
	b.EndNest()
	return nil
}

// ipnhGroupTypeArg reads `type mpath` or `type resilient [buckets N]
// [idle_timer S] [unbalanced_timer S]`.
func ipnhGroupTypeArg(x *ipCtx, s *ipnhState, kw token) error {
	l := x.l
	v, err := l.value(kw, "a group type (mpath or resilient)")
	if err != nil {
		return err
	}
	b := x.c.b
	var gt uint16
	switch v.s {
	case "mpath":
		gt = ipnhGrpMpath
	case "resilient":
		gt = ipnhGrpRes
		if l.more() {
			b.BeginNest(ipnhResGroup | rnbNlaFNested)
			for l.more() {
				w := l.peek()
				var attr uint16
				switch w.s {
				case "buckets":
					attr = ipnhResBuckets
				case "idle_timer":
					attr = ipnhResIdle
				case "unbalanced_timer":
					attr = ipnhResUnbal
				}
				if attr == 0 {
					break
				}
				l.next()
				n, err := l.value(w, "a number")
				if err != nil {
					return err
				}
				if attr == ipnhResBuckets {
					c, err := l.uintArg(n, "buckets", 16)
					if err != nil {
						return err
					}
					b.U16(attr, uint16(c))
					continue
				}
				t, err := l.uintArg(n, w.s, 32)
				if err != nil {
					return err
				}
				if t >= 0xffffffff/ipnhTimerUnit {
					return l.errAt(n, "%s %s: at most %d seconds", w.s, n.s, 0xffffffff/ipnhTimerUnit-1)
				}
				b.U32(attr, uint32(t)*ipnhTimerUnit)
			}
			b.EndNest()
		}
	default:
		return l.unknown(v, "nexthop group type", []string{"mpath", "resilient"})
	}
	b.U16(ipnhGroupType, gt)
	return nil
}

// ipnhEncapTypes are the encapsulations iproute2 knows; nlbatch
// compiles mpls.
var ipnhEncapTypes = []string{"mpls", "ip", "ila", "ip6", "bpf", "seg6", "seg6local", "rpl", "ioam6", "xfrm"}

// ipnhEncapArg reads `encap mpls LABEL[/LABEL...] [ttl TTL]`: an
// NHA_ENCAP nest, then NHA_ENCAP_TYPE.
func ipnhEncapArg(x *ipCtx, s *ipnhState, kw token) error {
	l := x.l
	t, err := l.value(kw, "an encapsulation type (mpls)")
	if err != nil {
		return err
	}
	if t.s != "mpls" {
		for _, e := range ipnhEncapTypes {
			if e == t.s {
				return l.errAt(t, "encap %s: %w (it compiles encap mpls)", t.s, errNotCompiled)
			}
		}
		return l.unknown(t, "encapsulation type", ipnhEncapTypes)
	}
	labels, err := l.value(t, "MPLS labels (LABEL[/LABEL...])")
	if err != nil {
		return err
	}
	if !l.more() {
		return l.errAt(l.end(), "encap mpls %s: iproute2 wants more words after the labels (a gateway or a device)", labels.s)
	}
	var buf [32]byte
	stack, err := rnbMPLSLabels(x, labels, buf[:])
	if err != nil {
		return err
	}
	b := x.c.b
	b.BeginNest(ipnhEncap | rnbNlaFNested)
	b.Attr(ipnhMPLSDst, stack)
	ttlSet := false
	for l.peek().s == "ttl" {
		w := l.next()
		v, err := l.value(w, "a TTL (0-255)")
		if err != nil {
			return err
		}
		if ttlSet {
			return l.errAt(v, "ttl: given twice")
		}
		n, err := l.uintArg(v, "ttl", 8)
		if err != nil {
			return err
		}
		b.U8(ipnhMPLSTTL, uint8(n))
		ttlSet = true
	}
	b.EndNest()
	b.U16(ipnhEncapType, ipnhEncapMPLS)
	return nil
}

// rnbMPLSLabels reads a label stack LABEL[/LABEL...] (each below 2^20,
// at most 8) into MPLS label entries, the last with the bottom of stack
// bit.
func rnbMPLSLabels(x *ipCtx, t token, buf []byte) ([]byte, error) {
	out := buf[:0]
	for rest, more := t.s, true; more; {
		var p string
		p, rest, more = strings.Cut(rest, "/")
		if len(out) == 8*4 {
			return nil, x.l.errAt(t, "%q: at most 8 MPLS labels", t.s)
		}
		n, err := strconv.ParseUint(p, 0, 32)
		if err != nil || n >= 1<<20 || strings.Contains(p, "_") {
			return nil, x.l.errAt(t, "%q: an MPLS label is a number below 1048576", p)
		}
		e := uint32(n) << 12
		if !more {
			e |= 1 << 8 // bottom of stack
		}
		out = binary.BigEndian.AppendUint32(out, e)
	}
	return out, nil
}
