package batch

import (
	"encoding/binary"
	"strconv"
	"strings"
)

// More actions: nat (tc/m_nat.c), tunnel_key (tc/m_tunnel_key.c),
// sample (tc/m_sample.c), ct (tc/m_ct.c), skbmod (tc/m_skbmod.c) and
// mpls (tc/m_mpls.c).

// tcNat is parse_nat: "nat ingress|egress OLD[/LEN] NEW [CONTROL]
// [index N]" as struct tc_nat (default control ok).
func tcNat(x *ipCtx, first token) error {
	l := x.l
	var flags, oldAddr, newAddr, mask, index uint32
	for kw := first; ; kw = l.next() {
		dir, err := l.value(kw, "ingress or egress, then the old and the new address")
		if err != nil {
			return err
		}
		switch {
		case matches(dir.s, "egress"):
			flags = 1 // TCA_NAT_FLAG_EGRESS
		case matches(dir.s, "ingress"):
			flags = 0
		default:
			return l.unknown(dir, "nat direction", []string{"ingress", "egress"})
		}
		ov, err := l.value(dir, "the old address or prefix")
		if err != nil {
			return err
		}
		op, err := l.prefixArg(ov, afInet, true)
		if err != nil {
			return err
		}
		nv, err := l.value(ov, "the new address")
		if err != nil {
			return err
		}
		np, err := l.prefixArg(nv, afInet, true)
		if err != nil {
			return err
		}
		oldAddr, newAddr = tcIPv4Word(op), tcIPv4Word(np)
		bits := op.bits
		if !op.addr.IsValid() {
			bits = 0
		}
		// iproute2 shifts ~0 by 32 - LEN: by 32 for /0, which x86
		// takes as no shift.
		mask = 0xFFFFFFFF << ((32 - bits) & 31)
		// Another "nat" clause replaces this one, as in iproute2.
		if !l.more() || !matches(l.peek().s, "nat") {
			break
		}
	}
	action, err := x.tcActControlIndex(tcActOK, &index)
	if err != nil {
		return err
	}
	b := x.c.b
	b.BeginNest(tcaActOptions)
	var arr [36]byte
	p := x.tcGen(arr[:0], index, action)
	p = binary.BigEndian.AppendUint32(p, oldAddr)
	p = binary.BigEndian.AppendUint32(p, newAddr)
	p = binary.BigEndian.AppendUint32(p, mask)
	b.Attr(1, x.tcPut32(p, flags)) // TCA_NAT_PARMS
	b.EndNest()
	return nil
}

// tcIPv4Word is an IPv4 address as a number (zero for "default").
func tcIPv4Word(p ipPrefix) uint32 {
	if !p.addr.Is4() {
		return 0
	}
	a := p.addr.As4()
	return binary.BigEndian.Uint32(a[:])
}

// tunnel_key (linux/tc_act/tc_tunnel_key.h).
const (
	tcaTunnelKeyParms   = 2
	tcaTunnelKeyV4Src   = 3
	tcaTunnelKeyV4Dst   = 4
	tcaTunnelKeyV6Src   = 5
	tcaTunnelKeyV6Dst   = 6
	tcaTunnelKeyKeyID   = 7
	tcaTunnelKeyDstPort = 9
	tcaTunnelKeyNoCsum  = 10
	tcaTunnelKeyTOS     = 12
	tcaTunnelKeyTTL     = 13
)

// tcTunnelKey is parse_tunnel_key: set|unset, then src_ip, dst_ip, id,
// dst_port, tos, ttl, csum|nocsum written as they come, then
// TCA_TUNNEL_KEY_NO_CSUM and the parameters.
func tcTunnelKey(x *ipCtx, first token) error {
	l := x.l
	b := x.c.b
	var (
		tAction        uint32
		hasSrc, hasDst bool
		csum           = true
		index          uint32
	)
	b.BeginNest(tcaActOptions)
loop:
	for l.more() {
		t := l.peek()
		switch {
		case matches(t.s, "unset"), matches(t.s, "set"):
			l.next()
			if tAction != 0 {
				return l.errAt(t, "tunnel_key: unexpected %q, set or unset is already given", t.s)
			}
			tAction = 1 // TCA_TUNNEL_KEY_ACT_SET
			if matches(t.s, "unset") {
				tAction = 2
			}
		case matches(t.s, "src_ip"), matches(t.s, "dst_ip"):
			l.next()
			v, err := l.value(t, "an IPv4 or IPv6 address")
			if err != nil {
				return err
			}
			p, err := l.prefixArg(v, afUnspec, false)
			if err != nil {
				return err
			}
			if !p.addr.IsValid() {
				return l.errAt(v, "tunnel_key %s %q: want an address", t.s, v.s)
			}
			src := matches(t.s, "src_ip")
			typ := uint16(tcaTunnelKeyV4Dst)
			switch {
			case p.family == afInet && src:
				typ = tcaTunnelKeyV4Src
			case p.family == afInet6 && src:
				typ = tcaTunnelKeyV6Src
			case p.family == afInet6:
				typ = tcaTunnelKeyV6Dst
			}
			b.Attr(typ, p.bytes())
			if src {
				hasSrc = true
			} else {
				hasDst = true
			}
		case matches(t.s, "id"):
			l.next()
			v, err := x.tcValueUint(t, "tunnel id", 10, 32)
			if err != nil {
				return err
			}
			b.BE32(tcaTunnelKeyKeyID, uint32(v))
		case matches(t.s, "dst_port"):
			l.next()
			v, err := x.tcValueUint(t, "dst_port", 10, 16)
			if err != nil {
				return err
			}
			b.BE16(tcaTunnelKeyDstPort, uint16(v))
		case matches(t.s, "tos"), matches(t.s, "ttl"):
			l.next()
			v, err := x.tcValueUint(t, t.s, 0, 8)
			if err != nil {
				return err
			}
			typ := uint16(tcaTunnelKeyTOS)
			if matches(t.s, "ttl") {
				typ = tcaTunnelKeyTTL
			}
			b.U8(typ, uint8(v))
		case matches(t.s, "csum"):
			l.next()
			csum = true
		case matches(t.s, "nocsum"):
			l.next()
			csum = false
		case matches(t.s, "geneve_opts"), matches(t.s, "vxlan_opts"), matches(t.s, "erspan_opts"):
			return l.errAt(t, "tunnel_key %q: %w", t.s, errNotCompiled)
		default:
			break loop
		}
	}
	noCsum := uint8(0)
	if !csum {
		noCsum = 1
	}
	b.U8(tcaTunnelKeyNoCsum, noCsum)
	action, err := x.tcActControlIndex(tcActPipe, &index)
	if err != nil {
		return err
	}
	switch {
	case tAction == 0:
		return l.errAt(first, "tunnel_key needs set or unset")
	case tAction == 1 && (!hasSrc || !hasDst):
		return l.errAt(first, "tunnel_key set needs src_ip and dst_ip")
	}
	var arr [24]byte
	b.Attr(tcaTunnelKeyParms, x.tcPut32(x.tcGen(arr[:0], index, action), tAction))
	b.EndNest()
	return nil
}

// tcSample is parse_sample: rate N group N [trunc N] [CONTROL] [index
// N] (default control pipe).
func tcSample(x *ipCtx, first token) error {
	l := x.l
	var rate, group, trunc, index uint32
	var hasRate, hasGroup, hasTrunc bool
loop:
	for l.more() {
		t := l.peek()
		var dst *uint32
		switch {
		case matches(t.s, "rate"):
			dst, hasRate = &rate, true
		case matches(t.s, "group"):
			dst, hasGroup = &group, true
		case matches(t.s, "trunc"):
			dst, hasTrunc = &trunc, true
		default:
			break loop
		}
		l.next()
		v, err := x.tcValueUint(t, "sample "+t.s, 10, 32)
		if err != nil {
			return err
		}
		*dst = uint32(v)
	}
	action, err := x.tcActControlIndex(tcActPipe, &index)
	if err != nil {
		return err
	}
	if !hasRate || !hasGroup {
		return l.errAt(first, "sample needs rate and group")
	}
	b := x.c.b
	b.BeginNest(tcaActOptions)
	x.tcActParms(2, index, action) // TCA_SAMPLE_PARMS
	b.U32(3, rate)                 // TCA_SAMPLE_RATE
	b.U32(5, group)                // TCA_SAMPLE_PSAMPLE_GROUP
	if hasTrunc {
		b.U32(4, trunc) // TCA_SAMPLE_TRUNC_SIZE
	}
	b.EndNest()
	return nil
}

// ct (linux/tc_act/tc_ct.h).
const (
	tcaCtParms      = 1
	tcaCtAction     = 3
	tcaCtZone       = 4
	tcaCtMark       = 5
	tcaCtNatIPv4Min = 9
	tcaCtNatIPv6Min = 11
	tcaCtNatPortMin = 13

	tcCtCommit  = 1
	tcCtForce   = 2
	tcCtClear   = 4
	tcCtNat     = 8
	tcCtNatSrc  = 16
	tcCtNatDst  = 32
	tcCtNatMask = tcCtNatSrc | tcCtNatDst
)

// tcCt is parse_ct: zone, mark, nat [src|dst addr A[-B] [port P[-Q]]],
// clear, commit, force, index, then a control (default pipe); the keys
// are written as they come, then TCA_CT_ACTION and the parameters.
func tcCt(x *ipCtx, first token) error {
	l := x.l
	b := x.c.b
	var ctAction uint16
	var index uint32
	b.BeginNest(tcaActOptions)
loop:
	for l.more() {
		t := l.peek()
		switch {
		case matches(t.s, "zone"):
			l.next()
			v, err := x.tcValueUint(t, "ct zone", 0, 16)
			if err != nil {
				return err
			}
			b.U16(tcaCtZone, uint16(v))
		case matches(t.s, "nat"):
			l.next()
			ctAction |= tcCtNat
			v, err := l.value(t, "src, dst or the next word")
			if err != nil {
				return err
			}
			switch {
			case matches(v.s, "src"):
				ctAction |= tcCtNatSrc
			case matches(v.s, "dst"):
				ctAction |= tcCtNatDst
			default:
				// Not consumed: the loop reads it.
				l.pos--
				continue
			}
			a, err := l.value(v, "addr")
			if err != nil {
				return err
			}
			if !matches(a.s, "addr") {
				return l.errAt(a, "ct nat %s: want \"addr\", not %q", v.s, a.s)
			}
			r, err := l.value(a, "an address or a range A-B")
			if err != nil {
				return err
			}
			if err := x.tcCtAddrRange(r); err != nil {
				return err
			}
			pt, err := l.value(r, "port or the next word")
			if err != nil {
				return err
			}
			if !matches(pt.s, "port") {
				l.pos--
				continue
			}
			pr, err := l.value(pt, "a port or a range P-Q")
			if err != nil {
				return err
			}
			lo, hi, isRange := strings.Cut(pr.s, "-")
			if !isRange {
				hi = lo
			}
			pmin, err1 := strconv.ParseUint(lo, 10, 16)
			pmax, err2 := strconv.ParseUint(hi, 10, 16)
			if err1 != nil || err2 != nil {
				return l.errAt(pr, "ct nat port %q: want a port or a range P-Q", pr.s)
			}
			b.BE16(tcaCtNatPortMin, uint16(pmin))
			b.BE16(tcaCtNatPortMin+1, uint16(pmax))
		case matches(t.s, "clear"):
			l.next()
			ctAction |= tcCtClear
		case matches(t.s, "commit"):
			l.next()
			ctAction |= tcCtCommit
		case matches(t.s, "force"):
			l.next()
			ctAction |= tcCtForce
		case matches(t.s, "index"):
			// t is the next word: tcActIndex takes it and its number.
			if err := x.tcActIndex(&index); err != nil {
				return err
			}
		case matches(t.s, "mark"):
			l.next()
			v, err := l.value(t, "a mark[/mask]")
			if err != nil {
				return err
			}
			val, mask, err := l.tcValueMask(v, "ct mark", 0, 32)
			if err != nil {
				return err
			}
			b.U32(tcaCtMark, uint32(val))
			b.U32(tcaCtMark+1, uint32(mask))
		case matches(t.s, "label"):
			l.next()
			v, err := l.value(t, "a 128-bit hex label[/mask]")
			if err != nil {
				return err
			}
			if err := x.tcCtLabels(v); err != nil {
				return err
			}
		case matches(t.s, "helper"):
			return l.errAt(t, "ct %q: %w", t.s, errNotCompiled)
		default:
			break loop
		}
	}
	switch {
	case ctAction&tcCtClear != 0 && ctAction&^tcCtClear != 0:
		return l.errAt(first, "ct: clear can only be used alone")
	case ctAction&tcCtNatMask == tcCtNatMask:
		return l.errAt(first, "ct: src and dst nat cannot be used together")
	case ctAction&tcCtCommit != 0 && ctAction&tcCtNat != 0 && ctAction&tcCtNatMask == 0:
		return l.errAt(first, "ct: commit with nat needs nat src or nat dst")
	}
	action, err := x.tcActControlDefault(tcActPipe)
	if err != nil {
		return err
	}
	b.U16(tcaCtAction, ctAction)
	x.tcActParms(tcaCtParms, index, action)
	b.EndNest()
	return nil
}

// tcCtAddrRange writes a NAT range's minimum and maximum (the minimum
// again when no maximum is given).
func (x *ipCtx) tcCtAddrRange(r token) error {
	l := x.l
	lo, hi, isRange := strings.Cut(r.s, "-")
	pmin, err := l.prefixArg(token{s: lo, line: r.line, col: r.col}, afUnspec, false)
	if err != nil {
		return err
	}
	pmax := pmin
	if isRange {
		if pmax, err = l.prefixArg(token{s: hi, line: r.line, col: r.col + len(lo) + 1}, pmin.family, false); err != nil {
			return err
		}
	}
	if !pmin.addr.IsValid() || !pmax.addr.IsValid() {
		return l.errAt(r, "ct nat addr %q: want addresses", r.s)
	}
	typ := uint16(tcaCtNatIPv4Min)
	if pmin.family == afInet6 {
		typ = tcaCtNatIPv6Min
	}
	b := x.c.b
	b.Attr(typ, pmin.bytes())
	b.Attr(typ+1, pmax.bytes())
	return nil
}

// tcCtLabels is ct_parse_labels: hex label and mask, each at most 32
// digits; as iproute2 does, a value takes its whole bytes (an odd last
// digit is dropped), and the mask is 16 bytes of ones when not given.
func (x *ipCtx) tcCtLabels(v token) error {
	l := x.l
	val, mask, hasMask := strings.Cut(v.s, "/")
	if len(val) > 32 || len(mask) > 32 {
		return l.errAt(v, "ct label %q: a label is 128 bits, at most 32 hex digits", v.s)
	}
	hexBytes := func(s string) ([]byte, bool) {
		out := make([]byte, len(s)/2)
		for i := range out {
			n, err := strconv.ParseUint(s[2*i:2*i+2], 16, 8)
			if err != nil {
				return nil, false
			}
			out[i] = byte(n)
		}
		return out, true
	}
	lb, ok := hexBytes(val)
	if !ok {
		return l.errAt(v, "ct label %q: want hex digits", v.s)
	}
	mb := []byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff}
	if hasMask {
		if mb, ok = hexBytes(mask); !ok {
			return l.errAt(v, "ct label mask %q: want hex digits", mask)
		}
	}
	b := x.c.b
	b.Attr(7, lb) // TCA_CT_LABELS
	b.Attr(8, mb) // TCA_CT_LABELS_MASK
	return nil
}

// tcSkbmod is parse_skbmod: set dmac|smac|etype X, swap mac, then a
// control (default pipe) and index.
func tcSkbmod(x *ipCtx, first token) error {
	l := x.l
	var (
		flags        uint64
		dmac, smac   []byte
		etype        uint16
		index        uint32
		hasEtype, ok bool
	)
loop:
	for l.more() {
		t := l.peek()
		switch {
		case matches(t.s, "set"):
			l.next()
			w, err := l.value(t, "dmac, smac or etype")
			if err != nil {
				return err
			}
			v, err := l.value(w, "a value")
			if err != nil {
				return err
			}
			switch {
			case matches(w.s, "dmac"), matches(w.s, "smac"):
				mac, err := l.lladdrArg(v)
				if err != nil || len(mac) != 6 {
					return l.errAt(v, "%q is not a MAC address", v.s)
				}
				if matches(w.s, "dmac") {
					dmac, flags = mac, flags|1 // SKBMOD_F_DMAC
				} else {
					smac, flags = mac, flags|2 // SKBMOD_F_SMAC
				}
			case matches(w.s, "etype"):
				n, err := l.tcUint(v, "etype", 0, 16)
				if err != nil {
					return err
				}
				etype, hasEtype, flags = uint16(n), true, flags|4 // SKBMOD_F_ETYPE
			default:
				return l.unknown(w, "skbmod set field", []string{"dmac", "smac", "etype"})
			}
			ok = true
		case matches(t.s, "swap"):
			l.next()
			w, err := l.value(t, "mac")
			if err != nil {
				return err
			}
			if !matches(w.s, "mac") {
				return l.errAt(w, "skbmod swap: want mac, not %q", w.s)
			}
			flags |= 8 // SKBMOD_F_SWAPMAC
			ok = true
		default:
			break loop
		}
	}
	action, err := x.tcActControlIndex(tcActPipe, &index)
	if err != nil {
		return err
	}
	if !ok {
		return l.errAt(first, "skbmod needs set dmac|smac|etype or swap mac")
	}
	b := x.c.b
	b.BeginNest(tcaActOptions)
	var arr [32]byte
	p := append(x.tcGen(arr[:0], index, action), 0, 0, 0, 0) // padding before the u64
	if x.c.opts.BigEndian {
		p = binary.BigEndian.AppendUint64(p, flags)
	} else {
		p = binary.LittleEndian.AppendUint64(p, flags)
	}
	b.Attr(2, p) // TCA_SKBMOD_PARMS
	if dmac != nil {
		b.Attr(3, dmac) // TCA_SKBMOD_DMAC
	}
	if hasEtype {
		b.U16(5, etype) // TCA_SKBMOD_ETYPE
	}
	if smac != nil {
		b.Attr(4, smac) // TCA_SKBMOD_SMAC
	}
	b.EndNest()
	return nil
}

// mpls (linux/tc_act/tc_mpls.h): the actions, in parse_mpls' order.
var tcMplsActions = []struct {
	name string
	v    uint32
}{{"pop", 1}, {"push", 2}, {"mac_push", 5}, {"modify", 3}, {"dec_ttl", 4}}

// tcMpls is parse_mpls.
func tcMpls(x *ipCtx, first token) error {
	l := x.l
	var (
		mAction, index uint32
		label          = uint32(0xffffffff)
		proto          uint16
		tc, bos        = uint8(0xff), uint8(0xff)
		ttl            uint8
	)
	pushes := func() bool { return mAction == 2 || mAction == 5 || mAction == 3 }
loop:
	for l.more() {
		t := l.peek()
		for _, a := range tcMplsActions {
			if matches(t.s, a.name) {
				l.next()
				if mAction != 0 {
					return l.errAt(t, "mpls: unexpected %q, the action is already given", t.s)
				}
				mAction = a.v
				continue loop
			}
		}
		switch {
		case matches(t.s, "label"), matches(t.s, "tc"), matches(t.s, "ttl"), matches(t.s, "bos"):
			l.next()
			if !pushes() {
				return l.errAt(t, "mpls: %q is only valid for push, mac_push and modify", t.s)
			}
			v, err := l.value(t, "a number")
			if err != nil {
				return err
			}
			n, err := l.tcUint(v, "mpls "+t.s, 0, 32)
			if err != nil {
				return err
			}
			switch {
			case matches(t.s, "label"):
				if n > 0xfffff {
					return l.errAt(v, "mpls label %q: at most 1048575", v.s)
				}
				label = uint32(n)
			case matches(t.s, "tc"):
				if n > 7 {
					return l.errAt(v, "mpls tc %q: want 0 to 7", v.s)
				}
				tc = uint8(n)
			case matches(t.s, "ttl"):
				if n == 0 || n > 255 {
					return l.errAt(v, "mpls ttl %q: want 1 to 255", v.s)
				}
				ttl = uint8(n)
			default:
				if n > 1 {
					return l.errAt(v, "mpls bos %q: want 0 or 1", v.s)
				}
				bos = uint8(n)
			}
		case matches(t.s, "protocol"):
			l.next()
			if mAction != 1 && mAction != 2 && mAction != 5 {
				return l.errAt(t, "mpls: \"protocol\" is only valid for pop, push and mac_push")
			}
			v, err := l.value(t, "a protocol")
			if err != nil {
				return err
			}
			if proto, err = l.tcEthProto(v, "mpls protocol"); err != nil {
				return err
			}
		default:
			break loop
		}
	}
	if mAction == 0 {
		return l.errAt(first, "mpls needs pop, push, mac_push, modify or dec_ttl")
	}
	action, err := x.tcActControlIndex(tcActPipe, &index)
	if err != nil {
		return err
	}
	switch {
	case (mAction == 2 || mAction == 5) && label == 0xffffffff:
		return l.errAt(first, "mpls push needs \"label\"")
	case mAction == 2 && proto != 0 && proto != 0x8847 && proto != 0x8848:
		return l.errAt(first, "mpls push: protocol must be mpls_uc or mpls_mc")
	case mAction == 1 && proto == 0:
		return l.errAt(first, "mpls pop needs \"protocol\"")
	}
	b := x.c.b
	b.BeginNest(tcaActOptions)
	var arr [24]byte
	b.Attr(2, x.tcPut32(x.tcGen(arr[:0], index, action), mAction)) // TCA_MPLS_PARMS
	if label != 0xffffffff {
		b.U32(5, label) // TCA_MPLS_LABEL
	}
	if proto != 0 {
		b.BE16(4, proto) // TCA_MPLS_PROTO
	}
	if tc != 0xff {
		b.U8(6, tc) // TCA_MPLS_TC
	}
	if ttl != 0 {
		b.U8(7, ttl) // TCA_MPLS_TTL
	}
	if bos != 0xff {
		b.U8(8, bos) // TCA_MPLS_BOS
	}
	b.EndNest()
	return nil
}
