package batch

import "strings"

// `encap TYPE ...` of ip route and its nexthops (iproute2 6.1's
// ip/iproute_lwtunnel.c, rewritten): mpls, ip, ip6 and seg6.

// iprEncapTypes are read_encap_type's names and LWTUNNEL_ENCAP_* values.
var iprEncapTypes = []struct {
	name     string
	typ      uint16
	compiled bool
}{
	{"mpls", 1, true}, {"ip", 2, true}, {"ip6", 4, true}, {"ila", 3, false},
	{"bpf", 6, false}, {"seg6", 5, true}, {"seg6local", 7, false}, {"rpl", 8, false},
	{"ioam6", 9, false}, {"xfrm", 10, false},
}

// iprSeg6Modes are the seg6 modes (SEG6_IPTUN_MODE_*), by number.
var iprSeg6Modes = []string{"inline", "encap", "l2encap", "encap.red", "l2encap.red"}

const (
	iprMPLSTunnelDst = 1
	iprMPLSTunnelTTL = 2
	iprSeg6TunnelSRH = 1
)

// iprEncap reads `encap TYPE ARGS` (t is "encap") into RTA_ENCAP and
// RTA_ENCAP_TYPE.
func (x *ipCtx) iprEncap(t token) error {
	l, b := x.l, x.c.b
	tw, err := l.value(t, "an encap type (mpls, seg6...)")
	if err != nil {
		return err
	}
	typ, compiled := uint16(0), false
	for _, e := range iprEncapTypes {
		if e.name == tw.s {
			typ, compiled = e.typ, e.compiled
		}
	}
	if typ == 0 {
		known := make([]string, 0, len(iprEncapTypes))
		for _, e := range iprEncapTypes {
			known = append(known, e.name)
		}
		return l.unknown(tw, "encap type", known)
	}
	if !compiled {
		return l.errAt(tw, "encap %s: not compiled by nlbatch (it compiles mpls, ip, ip6 and seg6)", tw.s)
	}
	// iproute2 wants a word after the encap's first one.
	if len(l.toks)-l.pos <= 1 {
		return l.errAt(l.end(), "encap %s needs its arguments and more words after them (iproute2 refuses an encap that ends the line)", tw.s)
	}
	b.BeginNest(iprRtaEncap | iprNlaFNested)
	switch typ {
	case 1:
		err = x.iprEncapMPLS()
	case 5:
		err = x.iprEncapSeg6()
	case 2:
		err = x.iprEncapIP(afInet, iprEncapIPWords)
	case 4:
		err = x.iprEncapIP(afInet6, iprEncapIP6Words)
	}
	if err != nil {
		return err
	}
	b.EndNest()
	b.U16(iprRtaEncapType, typ)
	return nil
}

// iprMPLSLabels is mpls_pton: labels separated by '/', each at most
// 2^20-1, as label stack entries with the bottom-of-stack bit on the
// last.
func iprMPLSLabels(s string, out *[256]byte) (int, bool) {
	n := 0
	for {
		if n == len(out) {
			return 0, false
		}
		v, m, ok := cStrtoulPrefix(s, 0)
		if !ok || v > 1<<20-1 {
			return 0, false
		}
		e := uint32(v) << 12
		s = s[m:]
		last := s == "" || s[0] == ' '
		if last {
			e |= 1 << 8
		} else if s[0] != '/' {
			return 0, false
		}
		out[n], out[n+1], out[n+2], out[n+3] = byte(e>>24), byte(e>>16), byte(e>>8), byte(e)
		n += 4
		if last {
			return n, true
		}
		s = s[1:]
	}
}

func (x *ipCtx) iprEncapMPLS() error {
	l, b := x.l, x.c.b
	t := l.next()
	var labels [256]byte
	n, ok := iprMPLSLabels(t.s, &labels)
	if !ok {
		return l.errAt(t, "%q: want MPLS labels (LABEL[/LABEL...], each 0-1048575)", t.s)
	}
	b.Attr(iprMPLSTunnelDst, labels[:n])
	ttlSeen := false
	for l.more() && l.peek().s == "ttl" {
		k := l.next()
		v, err := l.value(k, "a TTL (0-255)")
		if err != nil {
			return err
		}
		if ttlSeen {
			return l.errAt(v, "a second \"ttl\"")
		}
		ttlSeen = true
		ttl, err := l.iprNum(v, "ttl", 255)
		if err != nil {
			return err
		}
		b.U8(iprMPLSTunnelTTL, uint8(ttl))
	}
	return nil
}

func (x *ipCtx) iprEncapSeg6() error {
	l, b := x.l, x.c.b
	mode := -1
	var segs string
	var hmac uint32
	var modeSeen, segsSeen, hmacSeen bool
	dup := func(seen *bool, k, v token) error {
		if *seen {
			return l.errAt(v, "a second %q", k.s)
		}
		*seen = true
		return nil
	}
loop:
	for l.more() {
		k := l.peek()
		switch k.s {
		case "mode":
			l.next()
			v, err := l.value(k, "a mode (encap, inline, l2encap)")
			if err != nil {
				return err
			}
			if err := dup(&modeSeen, k, v); err != nil {
				return err
			}
			mode = -1
			for i, m := range iprSeg6Modes {
				if m == v.s {
					mode = i
				}
			}
			if mode < 0 {
				return l.unknown(v, "seg6 mode", iprSeg6Modes)
			}
		case "segs":
			l.next()
			v, err := l.value(k, "segments (ADDR,ADDR...)")
			if err != nil {
				return err
			}
			if err := dup(&segsSeen, k, v); err != nil {
				return err
			}
			if mode == -1 {
				return l.errAt(v, "seg6: \"segs\" must come after \"mode\"")
			}
			segs = v.s
			if len(segs) > 1023 {
				segs = segs[:1023]
			}
		case "hmac":
			l.next()
			v, err := l.value(k, "an HMAC key id")
			if err != nil {
				return err
			}
			if err := dup(&hmacSeen, k, v); err != nil {
				return err
			}
			// iproute2 ignores a bad number here (the key id stays 0).
			if n, ok := cStrtoul(v.s, 0); ok && n <= 1<<32-1 {
				hmac = uint32(n)
			}
		default:
			break loop
		}
	}
	nsegs := strings.Count(segs, ",") + 1
	if mode == 0 {
		nsegs++
	}
	srhLen := 8 + 16*nsegs
	if hmac != 0 {
		srhLen += 40
	}
	p := make([]byte, 4+srhLen)
	putNative32(p, uint32(int32(mode)), x.c.opts.BigEndian)
	srh := p[4:]
	srh[1] = byte(srhLen>>3 - 1)
	srh[2] = 4
	srh[3], srh[4] = byte(nsegs-1), byte(nsegs-1)
	i := nsegs - 1
	for _, s := range strings.Split(segs, ",") {
		if s == "" {
			continue
		}
		a, ok := iprParseAddr(s, afInet6)
		if !ok {
			return l.errAt(l.toks[l.pos-1], "seg6 segment %q: want an IPv6 address", s)
		}
		copy(srh[8+16*i:], a.b[:16])
		i--
	}
	if hmac != 0 {
		srh[5] |= 1 << 3
		tlv := srh[srhLen-40:]
		tlv[0], tlv[1] = 5, 38
		tlv[4], tlv[5], tlv[6], tlv[7] = byte(hmac>>24), byte(hmac>>16), byte(hmac>>8), byte(hmac)
	}
	b.Attr(iprSeg6TunnelSRH, p)
	return nil
}

// iprEncapIPWord is one keyword of encap ip and ip6: the attribute
// (LWTUNNEL_IP_*, LWTUNNEL_IP6_*) and how its value is read; a flag
// keyword has no value and sets bits of LWTUNNEL_IP_FLAGS (a be16).
type iprEncapIPWord struct {
	word string
	attr uint16
	kind byte // 'i' id (be64), 'a' address, 'd' DS field (u8), '8' u8, 'f' flag
	flag uint16
}

var (
	iprEncapIPWords = []iprEncapIPWord{
		{"id", 1, 'i', 0}, {"dst", 2, 'a', 0}, {"src", 3, 'a', 0}, {"tos", 5, 'd', 0}, {"ttl", 4, '8', 0},
		{"key", 0, 'f', 0x04}, {"csum", 0, 'f', 0x01}, {"seq", 0, 'f', 0x08},
	}
	iprEncapIP6Words = []iprEncapIPWord{
		{"id", 1, 'i', 0}, {"dst", 2, 'a', 0}, {"src", 3, 'a', 0}, {"tc", 5, 'd', 0}, {"hoplimit", 4, '8', 0},
		{"key", 0, 'f', 0x04}, {"csum", 0, 'f', 0x01}, {"seq", 0, 'f', 0x08},
	}
)

const iprLwtIPFlags = 6

// iprEncapIP reads encap ip and encap ip6 (parse_encap_ip, _ip6).
func (x *ipCtx) iprEncapIP(family uint8, words []iprEncapIPWord) error {
	l, b := x.l, x.c.b
	var seen uint32
	var flags uint16
	for l.more() {
		k := l.peek()
		if k.s == "geneve_opts" || k.s == "vxlan_opts" || k.s == "erspan_opts" {
			return l.errAt(k, "encap %s: not compiled by nlbatch", k.s)
		}
		i := -1
		for j, w := range words {
			if w.word == k.s {
				i = j
			}
		}
		if i < 0 {
			break
		}
		l.next()
		w := words[i]
		if seen&(1<<i) != 0 {
			return l.errAt(k, "a second %q", k.s)
		}
		seen |= 1 << i
		if w.kind == 'f' {
			flags |= w.flag
			continue
		}
		v, err := l.value(k, "a value")
		if err != nil {
			return err
		}
		switch w.kind {
		case 'i':
			n, ok := cStrtoul(v.s, 0)
			if !ok {
				return l.errAt(v, "id %q: want a number", v.s)
			}
			var p [8]byte
			for j := range 8 {
				p[j] = byte(n >> (56 - 8*j))
			}
			b.Attr(w.attr, p[:])
		case 'a':
			a, err := l.iprAddrArg(v, family)
			if err != nil {
				return err
			}
			b.Attr(w.attr, a.bytes())
		case 'd':
			n, err := l.iprName(v, k.s, x.names.DSFields, 16, 255)
			if err != nil {
				return err
			}
			b.U8(w.attr, uint8(n))
		case '8':
			n, err := l.iprNum(v, k.s, 255)
			if err != nil {
				return err
			}
			b.U8(w.attr, uint8(n))
		}
	}
	if flags != 0 {
		b.BE16(iprLwtIPFlags, flags)
	}
	return nil
}
