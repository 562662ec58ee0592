package batch

import (
	"strconv"
	"strings"
)

// Kinds whose options are u32 attributes in a fixed order (tc/q_pie.c,
// q_fq_pie.c, q_drr.c, q_qfq.c), read from a table, and the kinds with a
// small struct (q_skbprio.c, q_plug.c, q_cbs.c, q_etf.c).

// tcAttrOpt is one option of a table-driven kind: its word, what it
// reads ('u' number, 't' time in us, 's' size; 'b' a word that sets 1
// and off, its negation, 0), and its attribute.
type tcAttrOpt struct {
	word, off string
	typ       uint16
	kind      byte
}

// tcAttrKind is a kind's options in the order iproute2 writes them.
type tcAttrKind struct {
	name   string
	nested bool // TCA_OPTIONS flagged NLA_F_NESTED
	opts   []tcAttrOpt
}

var (
	tcPieKind = tcAttrKind{"pie", false, []tcAttrOpt{
		{word: "limit", typ: 2, kind: 'u'}, {word: "tupdate", typ: 3, kind: 't'}, {word: "target", typ: 1, kind: 't'},
		{word: "alpha", typ: 4, kind: 'u'}, {word: "beta", typ: 5, kind: 'u'}, {word: "ecn", off: "noecn", typ: 6, kind: 'b'},
		{word: "bytemode", off: "nobytemode", typ: 7, kind: 'b'},
		{word: "dq_rate_estimator", off: "no_dq_rate_estimator", typ: 8, kind: 'b'},
	}}
	tcFQPieKind = tcAttrKind{"fq_pie", true, []tcAttrOpt{
		{word: "limit", typ: 1, kind: 'u'}, {word: "flows", typ: 2, kind: 'u'}, {word: "target", typ: 3, kind: 't'},
		{word: "tupdate", typ: 4, kind: 't'}, {word: "alpha", typ: 5, kind: 'u'}, {word: "beta", typ: 6, kind: 'u'},
		{word: "quantum", typ: 7, kind: 's'}, {word: "memory_limit", typ: 8, kind: 's'}, {word: "ecn_prob", typ: 9, kind: 'u'},
		{word: "ecn", off: "noecn", typ: 10, kind: 'b'}, {word: "bytemode", off: "nobytemode", typ: 11, kind: 'b'},
		{word: "dq_rate_estimator", off: "no_dq_rate_estimator", typ: 12, kind: 'b'},
	}}
	tcDRRClassKind = tcAttrKind{"drr class", false, []tcAttrOpt{{word: "quantum", typ: 1, kind: 's'}}}
	tcQFQClassKind = tcAttrKind{"qfq class", false, []tcAttrOpt{{word: "weight", typ: 1, kind: 'u'}, {word: "maxpkt", typ: 2, kind: 'u'}}}
)

func tcPie(x *ipCtx) error      { return x.tcAttrOpts(&tcPieKind) }
func tcFQPie(x *ipCtx) error    { return x.tcAttrOpts(&tcFQPieKind) }
func tcDRRClass(x *ipCtx) error { return x.tcAttrOpts(&tcDRRClassKind) }
func tcQFQClass(x *ipCtx) error { return x.tcAttrOpts(&tcQFQClassKind) }

// tcAttrOpts reads a table-driven kind's words and writes TCA_OPTIONS:
// numbers when not zero, on/off words when given.
func (x *ipCtx) tcAttrOpts(k *tcAttrKind) error {
	l := x.l
	var val [16]uint32
	var set [16]bool
words:
	for l.more() {
		t := l.next()
		for i, o := range k.opts {
			switch {
			case o.kind == 'b' && t.s == o.word:
				val[i], set[i] = 1, true
			case o.kind == 'b' && t.s == o.off:
				val[i], set[i] = 0, true
			case o.kind != 'b' && t.s == o.word:
				v, err := l.value(t, "a value")
				if err != nil {
					return err
				}
				switch o.kind {
				case 'u':
					n, err := l.tcUint(v, o.word, 0, 32)
					if err != nil {
						return err
					}
					val[i] = uint32(n)
				case 't':
					if val[i], err = l.tcTime(v, o.word); err != nil {
						return err
					}
				case 's':
					if val[i], err = l.tcSize(v, o.word); err != nil {
						return err
					}
				}
				set[i] = val[i] != 0
			default:
				continue
			}
			continue words
		}
		known := make([]string, 0, 2*len(k.opts))
		for _, o := range k.opts {
			known = append(known, o.word)
			if o.off != "" {
				known = append(known, o.off)
			}
		}
		return l.tcWhat(t, k.name, known)
	}
	b := x.c.b
	typ := uint16(tcaOptions)
	if k.nested {
		typ |= tcNested
	}
	b.BeginNest(typ)
	for i, o := range k.opts {
		if set[i] {
			b.U32(o.typ, val[i])
		}
	}
	b.EndNest()
	return nil
}

// tcSkbprio is skbprio_parse_opt: struct tc_skbprio_qopt when "limit"
// is given.
func tcSkbprio(x *ipCtx) error {
	l := x.l
	var limit uint32
	ok := false
	for l.more() {
		t := l.next()
		if t.s != "limit" {
			return l.tcWhat(t, "skbprio", []string{"limit"})
		}
		v, err := x.tcValueUint(t, "limit", 10, 32)
		if err != nil {
			return err
		}
		limit, ok = uint32(v), true
	}
	if ok {
		var arr [4]byte
		x.c.b.Attr(tcaOptions, x.tcPut32(arr[:0], limit))
	}
	return nil
}

// tcPlug is plug_parse_opt: struct tc_plug_qopt (an action, a limit).
func tcPlug(x *ipCtx) error {
	l := x.l
	action, limit := int32(-1), uint32(0)
	for l.more() {
		t := l.next()
		switch t.s {
		case "block":
			action = 0 // TCQ_PLUG_BUFFER
		case "release":
			action = 1 // TCQ_PLUG_RELEASE_ONE
		case "release_indefinite":
			action = 2 // TCQ_PLUG_RELEASE_INDEFINITE
		case "limit":
			action = 3 // TCQ_PLUG_LIMIT
			v, err := l.value(t, "a size")
			if err != nil {
				return err
			}
			if limit, err = l.tcSize(v, "limit"); err != nil {
				return err
			}
		default:
			return l.tcWhat(t, "plug", []string{"block", "release", "release_indefinite", "limit"})
		}
	}
	if action < 0 {
		return l.errAt(l.end(), "plug needs block, release, release_indefinite or limit")
	}
	var arr [8]byte
	x.c.b.Attr(tcaOptions, x.tcPut32(x.tcPut32(arr[:0], uint32(action)), limit))
	return nil
}

// tcCBS is cbs_parse_opt: struct tc_cbs_qopt in TCA_CBS_PARMS.
func tcCBS(x *ipCtx) error {
	l := x.l
	var offload uint8
	var vals [4]int32 // hicredit, locredit, idleslope, sendslope
	names := []string{"hicredit", "locredit", "idleslope", "sendslope"}
words:
	for l.more() {
		t := l.next()
		if t.s == "offload" {
			v, err := x.tcValueUint(t, "offload", 10, 8)
			if err != nil {
				return err
			}
			offload = uint8(v)
			continue
		}
		for i, n := range names {
			if t.s == n {
				v, err := l.value(t, "a number")
				if err != nil {
					return err
				}
				if vals[i], err = l.tcIntBase(v, n, 10); err != nil {
					return err
				}
				continue words
			}
		}
		return l.tcWhat(t, "cbs", append(names, "offload"))
	}
	var arr [20]byte
	p := append(arr[:0], offload, 0, 0, 0)
	for _, v := range vals {
		p = x.tcPut32(p, uint32(v))
	}
	b := x.c.b
	b.BeginNest(tcaOptions)
	b.Attr(1, p) // TCA_CBS_PARMS
	b.EndNest()
	return nil
}

// tcETFClocks are etf's clock names (their numbers are refused, as in
// iproute2).
var tcETFClocks = []struct {
	name string
	id   int32
}{{"CLOCK_REALTIME", 0}, {"CLOCK_MONOTONIC", 1}, {"CLOCK_BOOTTIME", 7}, {"CLOCK_TAI", 11}}

// tcETF is etf_parse_opt: struct tc_etf_qopt in TCA_ETF_PARMS.
func tcETF(x *ipCtx) error {
	l := x.l
	var delta int32
	clockid := int32(-1)
	var flags uint32
	for l.more() {
		t := l.next()
		switch t.s {
		case "delta":
			v, err := l.value(t, "nanoseconds")
			if err != nil {
				return err
			}
			if delta, err = l.tcIntBase(v, "delta", 10); err != nil {
				return err
			}
		case "clockid":
			v, err := l.value(t, "a clock (CLOCK_TAI, CLOCK_REALTIME, CLOCK_MONOTONIC, CLOCK_BOOTTIME)")
			if err != nil {
				return err
			}
			found := false
			for _, c := range tcETFClocks {
				if v.s == c.name {
					clockid, found = c.id, true
				}
			}
			if !found {
				return l.unknown(v, "etf clockid", []string{"CLOCK_TAI", "CLOCK_REALTIME", "CLOCK_MONOTONIC", "CLOCK_BOOTTIME"})
			}
		case "deadline_mode":
			flags |= 1
		case "offload":
			flags |= 2
		case "skip_sock_check":
			flags |= 4
		default:
			return l.tcWhat(t, "etf", []string{"delta", "clockid", "deadline_mode", "offload", "skip_sock_check"})
		}
	}
	var arr [12]byte
	p := x.tcPut32(arr[:0], uint32(delta))
	p = x.tcPut32(p, uint32(clockid))
	b := x.c.b
	b.BeginNest(tcaOptions)
	b.Attr(1, x.tcPut32(p, flags)) // TCA_ETF_PARMS
	b.EndNest()
	return nil
}

// tcMqprio is mqprio_parse_opt: struct tc_mqprio_qopt (padded to 4
// bytes, as iproute2's length includes the padding) as TCA_OPTIONS'
// payload, then mode, shaper and the per-class rates. As in iproute2 6.1,
// "mode" and "shaper" are keywords only while hw is not 0, and
// "min_rate" and "max_rate" only after "shaper bw_rlimit".
func tcMqprio(x *ipCtx) error {
	l := x.l
	numTC, hw := uint8(8), uint8(1)
	prioMap := [16]uint8{0, 1, 2, 3, 4, 5, 6, 7, 0, 1, 1, 1, 3, 3, 3, 3}
	var count, offset [16]uint16
	var minRate, maxRate [16]uint64
	var mode, shaper uint16
	var hasMode, hasShaper, hasMin, hasMax bool
	pairs := 0
	words := []string{"num_tc", "map", "queues", "hw", "mode", "shaper", "min_rate", "max_rate"}
	// The lists (map, queues, min_rate, max_rate) end at the first word
	// that is not one of their values, as in iproute2.
	for l.more() {
		t := l.next()
		switch {
		case t.s == "num_tc":
			v, err := x.tcValueUint(t, "num_tc", 10, 8)
			if err != nil {
				return err
			}
			numTC = uint8(v)
		case t.s == "map":
			i := 0
			for ; i < 16 && l.more(); i++ {
				v, err := strconvParseUint8(l.peek().s)
				if err != nil {
					break
				}
				l.next()
				prioMap[i] = v
			}
			for ; i < 16; i++ {
				prioMap[i] = 0
			}
		case t.s == "queues":
			for i := 0; i < 16 && l.more(); i++ {
				c, o, ok := tcCountOffset(l.peek().s)
				if !ok {
					break
				}
				l.next()
				count[i], offset[i] = c, o
				pairs++
			}
		case t.s == "hw":
			v, err := x.tcValueUint(t, "hw", 10, 8)
			if err != nil {
				return err
			}
			hw = uint8(v)
		case t.s == "mode" && hw != 0:
			v, err := l.value(t, "dcb or channel")
			if err != nil {
				return err
			}
			switch {
			case matches(v.s, "dcb"):
				mode = 0
			case matches(v.s, "channel"):
				mode, hasMode = 1, true
			default:
				return l.unknown(v, "mqprio mode", []string{"dcb", "channel"})
			}
		case t.s == "shaper" && hw != 0:
			v, err := l.value(t, "dcb or bw_rlimit")
			if err != nil {
				return err
			}
			switch {
			case matches(v.s, "dcb"):
				shaper = 0
			case matches(v.s, "bw_rlimit"):
				if !l.more() {
					return l.errAt(l.end(), "mqprio: \"shaper bw_rlimit\" needs min_rate or max_rate after it")
				}
				shaper, hasShaper = 1, true
			default:
				return l.unknown(v, "mqprio shaper", []string{"dcb", "bw_rlimit"})
			}
		case (t.s == "min_rate" || t.s == "max_rate") && shaper == 1:
			rates := &minRate
			if t.s == "max_rate" {
				rates, hasMax = &maxRate, true
			} else {
				hasMin = true
			}
			i := 0
			for ; i < 16 && l.more(); i++ {
				w := l.peek()
				if _, _, ok := tcScaled(w.s, tcRateUnits, 1); !ok || strings.Contains(w.s, "%") {
					break
				}
				v, err := l.tcRate64(l.next(), t.s)
				if err != nil {
					return err
				}
				rates[i] = v
			}
			if i < int(numTC) && !l.more() {
				return l.errAt(l.end(), "mqprio: %s has %d values, fewer than num_tc %d", t.s, i, numTC)
			}
		case (t.s == "mode" || t.s == "shaper") && hw == 0:
			return l.errAt(t, "mqprio %q: only with hw offload (iproute2 reads it only while hw is not 0)", t.s)
		case t.s == "min_rate" || t.s == "max_rate":
			return l.errAt(t, "mqprio %q: only after \"shaper bw_rlimit\"", t.s)
		default:
			return l.tcWhat(t, "mqprio", words)
		}
	}
	if pairs > int(numTC) {
		return l.errAt(l.end(), "mqprio: %d queue count@offset pairs, more than num_tc %d", pairs, numTC)
	}
	var arr [84]byte
	p := append(x.tcMqprioQopt(arr[:0], numTC, &prioMap, hw, &count, &offset), 0, 0)
	b := x.c.b
	b.BeginNest(tcaOptions)
	b.Raw(p)
	if hasMode {
		b.U16(1, mode) // TCA_MQPRIO_MODE
	}
	if hasShaper {
		b.U16(2, shaper) // TCA_MQPRIO_SHAPER
	}
	for i, rates := range [][16]uint64{minRate, maxRate} {
		if (i == 0 && !hasMin) || (i == 1 && !hasMax) {
			continue
		}
		typ := uint16(3 + i) // TCA_MQPRIO_MIN_RATE64, TCA_MQPRIO_MAX_RATE64
		b.BeginNest(typ | tcNested)
		for _, r := range rates {
			b.U64(typ, r)
		}
		b.EndNest()
	}
	b.EndNest()
	return nil
}

// tcMqprioQopt appends struct tc_mqprio_qopt (82 bytes), which mqprio
// and taprio send.
func (x *ipCtx) tcMqprioQopt(p []byte, numTC uint8, prioMap *[16]uint8, hw uint8, count, offset *[16]uint16) []byte {
	p = append(p, numTC)
	p = append(p, prioMap[:]...)
	p = append(p, hw)
	for _, c := range count {
		p = x.tcPut16(p, c)
	}
	for _, o := range offset {
		p = x.tcPut16(p, o)
	}
	return p
}

// strconvParseUint8 is get_u8 base 10.
func strconvParseUint8(s string) (uint8, error) {
	v, err := strconv.ParseUint(s, 10, 8)
	return uint8(v), err
}

// tcCountOffset reads mqprio's "COUNT@OFFSET" (decimal).
func tcCountOffset(s string) (uint16, uint16, bool) {
	cs, ofs, ok := strings.Cut(s, "@")
	if !ok {
		return 0, 0, false
	}
	c, err1 := strconv.ParseUint(cs, 10, 16)
	o, err2 := strconv.ParseUint(ofs, 10, 16)
	return uint16(c), uint16(o), err1 == nil && err2 == nil
}

// ETS (TCA_ETS_*).
const (
	tcaETSNBands      = 1
	tcaETSNStrict     = 2
	tcaETSQuanta      = 3
	tcaETSQuantaBand  = 4
	tcaETSPriomap     = 5
	tcaETSPriomapBand = 6
)

// tcETS is ets_parse_opt: bands, strict, the quanta list and the
// priomap list, in nests flagged NLA_F_NESTED.
func tcETS(x *ipCtx) error {
	l := x.l
	var (
		nbands, nstrict      uint8
		hasBands, hasStrict  bool
		quanta               []uint32
		priomap              []uint8
		quantaMode, prioMode bool
		quantaSeen, prioSeen bool
	)
	for l.more() {
		t := l.next()
		switch {
		case t.s == "bands", t.s == "strict":
			if (t.s == "bands" && hasBands) || (t.s == "strict" && hasStrict) {
				return l.tcDup(t)
			}
			v, err := x.tcValueUint(t, t.s, 10, 8)
			if err != nil {
				return err
			}
			if t.s == "bands" {
				nbands, hasBands = uint8(v), true
			} else {
				nstrict, hasStrict = uint8(v), true
			}
			quantaMode, prioMode = false, false
		case t.s == "quanta" || t.s == "priomap":
			if (t.s == "quanta" && quantaSeen) || (t.s == "priomap" && prioSeen) {
				return l.tcDup(t)
			}
			if !l.more() {
				return l.errAt(l.end(), "%q needs numbers after it", t.s)
			}
			quantaMode, prioMode = t.s == "quanta", t.s == "priomap"
			quantaSeen, prioSeen = quantaSeen || quantaMode, prioSeen || prioMode
		case quantaMode:
			v, err := l.tcUint(t, "quantum", 10, 32)
			if err != nil {
				return err
			}
			if len(quanta) == 16 {
				return l.errAt(t, "ets has at most 16 bands")
			}
			quanta = append(quanta, uint32(v))
		case prioMode:
			v, err := l.tcUint(t, "priomap band", 10, 32)
			if err != nil {
				return err
			}
			if len(priomap) == 16 {
				return l.errAt(t, "priomap has at most 16 entries")
			}
			priomap = append(priomap, uint8(v))
		default:
			return l.tcWhat(t, "ets", []string{"bands", "strict", "quanta", "priomap"})
		}
	}
	if nbands == 0 {
		nbands = uint8(len(quanta)) + nstrict
	}
	switch {
	case nbands == 0:
		return l.errAt(l.end(), "ets needs bands, quanta or strict")
	case nbands > 16:
		return l.errAt(l.end(), "ets has at most 16 bands, not %d", nbands)
	case int(nstrict)+len(quanta) > int(nbands):
		return l.errAt(l.end(), "ets: strict and quanta bands (%d) are more than bands (%d)", int(nstrict)+len(quanta), nbands)
	}
	for _, p := range priomap {
		if p >= nbands {
			return l.errAt(l.end(), "ets: priomap band %d is out of bands (there are %d)", p, nbands)
		}
	}
	b := x.c.b
	b.BeginNest(tcaOptions | tcNested)
	b.U8(tcaETSNBands, nbands)
	if nstrict != 0 {
		b.U8(tcaETSNStrict, nstrict)
	}
	if len(quanta) > 0 {
		b.BeginNest(tcaETSQuanta | tcNested)
		for _, q := range quanta {
			b.U32(tcaETSQuantaBand, q)
		}
		b.EndNest()
	}
	if len(priomap) > 0 {
		b.BeginNest(tcaETSPriomap | tcNested)
		for _, p := range priomap {
			b.U8(tcaETSPriomapBand, p)
		}
		b.EndNest()
	}
	b.EndNest()
	return nil
}

// tcETSClass is ets_parse_copt: "quantum N".
func tcETSClass(x *ipCtx) error {
	l := x.l
	var quantum uint32
	has := false
	for l.more() {
		t := l.next()
		if t.s != "quantum" {
			return l.tcWhat(t, "ets class", []string{"quantum"})
		}
		v, err := x.tcValueUint(t, "quantum", 10, 32)
		if err != nil {
			return err
		}
		quantum, has = uint32(v), true
	}
	b := x.c.b
	b.BeginNest(tcaOptions | tcNested)
	if has {
		b.U32(tcaETSQuantaBand, quantum)
	}
	b.EndNest()
	return nil
}
