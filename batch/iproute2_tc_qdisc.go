package batch

import (
	"math"
	"strconv"
)

// Qdisc and class kinds (tc/q_*.c): each reads its words and writes
// TCA_OPTIONS into the open message.

// tcDup is the error for a keyword given twice.
func (l *cmdLine) tcDup(t token) error { return l.errAt(t, "duplicate %q", t.s) }

// tcWhat is the error for a word a kind does not know.
func (l *cmdLine) tcWhat(t token, kind string, known []string) error {
	return l.unknown(t, kind+" option", known)
}

// HTB (linux/pkt_sched.h TCA_HTB_*).
const (
	tcaHTBParms      = 1
	tcaHTBInit       = 2
	tcaHTBCtab       = 3
	tcaHTBRtab       = 4
	tcaHTBDirectQlen = 5
	tcaHTBRate64     = 6
	tcaHTBCeil64     = 7
	tcaHTBOffload    = 9
)

var tcHTBQdiscWords = []string{"r2q", "default", "debug", "direct_qlen", "offload"}

// tcHTBQdisc is htb_parse_opt.
func tcHTBQdisc(x *ipCtx) error {
	l := x.l
	var (
		r2q, defcls, debug uint32 = 10, 0, 0
		directQlen         uint64 = math.MaxUint32
		offload            bool
	)
	for l.more() {
		t := l.next()
		switch {
		case matches(t.s, "r2q"):
			v, err := x.tcValueUint(t, "r2q", 10, 32)
			if err != nil {
				return err
			}
			r2q = uint32(v)
		case matches(t.s, "default"):
			v, err := x.tcValueUint(t, "default class (hex minor)", 16, 32)
			if err != nil {
				return err
			}
			defcls = uint32(v)
		case matches(t.s, "debug"):
			v, err := l.value(t, "debug levels")
			if err != nil {
				return err
			}
			for i := 0; i < 16 && i < len(v.s); i++ {
				if v.s[i] < '0' || v.s[i] > '3' {
					break
				}
				debug |= uint32(v.s[i]-'0') << (2 * i)
			}
		case matches(t.s, "direct_qlen"):
			v, err := x.tcValueUint(t, "direct_qlen", 10, 32)
			if err != nil {
				return err
			}
			directQlen = v
		case matches(t.s, "offload"):
			offload = true
		default:
			return l.tcWhat(t, "htb", tcHTBQdiscWords)
		}
	}
	b := x.c.b
	b.BeginNest(tcaOptions)
	var arr [20]byte
	p := x.tcPut32(arr[:0], 3) // version
	p = x.tcPut32(p, r2q)
	p = x.tcPut32(p, defcls)
	p = x.tcPut32(p, debug)
	p = x.tcPut32(p, 0) // direct_pkts
	b.Attr(tcaHTBInit, p)
	if directQlen != math.MaxUint32 {
		b.U32(tcaHTBDirectQlen, uint32(directQlen))
	}
	if offload {
		b.Flag(tcaHTBOffload)
	}
	b.EndNest()
	return nil
}

// tcValueUint reads the number after a keyword (get_u32 with a base).
func (x *ipCtx) tcValueUint(kw token, what string, base, bits int) (uint64, error) {
	desc := "a number"
	if base == 16 {
		desc = "a hex number"
	}
	v, err := x.l.value(kw, desc)
	if err != nil {
		return 0, err
	}
	return x.l.tcUint(v, what, base, bits)
}

var tcHTBClassWords = []string{"prio", "mtu", "mpu", "overhead", "linklayer", "quantum", "burst", "buffer", "maxburst", "cburst", "cbuffer", "cmaxburst", "ceil", "rate"}

// tcHTBClass is htb_parse_class_opt.
func tcHTBClass(x *ipCtx) error {
	l := x.l
	var (
		prio, quantum     uint32
		mtu               uint32 = 1600
		mpu, overhead     uint16
		linkLayer         uint8 = tcLinkEthernet
		buffer, cbuffer   uint32
		cellLog, ccellLog = -1, -1
		rate64, ceil64    uint64
	)
	for l.more() {
		t := l.next()
		switch {
		case matches(t.s, "prio"):
			v, err := x.tcValueUint(t, "prio", 10, 32)
			if err != nil {
				return err
			}
			prio = uint32(v)
		case matches(t.s, "mtu"):
			v, err := x.tcValueUint(t, "mtu", 10, 32)
			if err != nil {
				return err
			}
			mtu = uint32(v)
		case matches(t.s, "mpu"):
			v, err := x.tcValueUint(t, "mpu", 10, 16)
			if err != nil {
				return err
			}
			mpu = uint16(v)
		case matches(t.s, "overhead"):
			v, err := x.tcValueUint(t, "overhead", 10, 16)
			if err != nil {
				return err
			}
			overhead = uint16(v)
		case matches(t.s, "linklayer"):
			v, err := l.value(t, "a link layer (ethernet, atm)")
			if err != nil {
				return err
			}
			if linkLayer, err = l.tcLinkLayerArg(v); err != nil {
				return err
			}
		case matches(t.s, "quantum"):
			v, err := x.tcValueUint(t, "quantum", 10, 32)
			if err != nil {
				return err
			}
			quantum = uint32(v)
		case matches(t.s, "burst"), t.s == "buffer", t.s == "maxburst":
			v, err := l.value(t, "a size (15k)")
			if err != nil {
				return err
			}
			if buffer, cellLog, err = l.tcSizeCell(v, t.s); err != nil {
				return err
			}
		case matches(t.s, "cburst"), t.s == "cbuffer", t.s == "cmaxburst":
			v, err := l.value(t, "a size (15k)")
			if err != nil {
				return err
			}
			if cbuffer, ccellLog, err = l.tcSizeCell(v, t.s); err != nil {
				return err
			}
		case t.s == "ceil":
			if err := l.tcRateOnce(t, "a rate (10mbit)", "ceil", &ceil64); err != nil {
				return err
			}
		case t.s == "rate":
			if err := l.tcRateOnce(t, "a rate (10mbit)", "rate", &rate64); err != nil {
				return err
			}
		default:
			return l.tcWhat(t, "htb class", tcHTBClassWords)
		}
	}
	if rate64 == 0 {
		return l.errAt(l.end(), "htb class: \"rate\" is required (and must be at least 8bit)")
	}
	if ceil64 == 0 {
		ceil64 = rate64
	}
	sat := func(v uint64) uint32 {
		if v >= 1<<32 {
			return math.MaxUint32
		}
		return uint32(v)
	}
	rs := tcRateSpec{rate: sat(rate64), overhead: overhead, mpu: mpu}
	cs := tcRateSpec{rate: sat(ceil64), overhead: overhead, mpu: mpu}
	if buffer == 0 {
		buffer = uint32(rate64/tcHZ) + mtu
	}
	if cbuffer == 0 {
		cbuffer = uint32(ceil64/tcHZ) + mtu
	}
	var rtab, ctab [1024]byte
	x.tcRateTable(&rtab, &rs, cellLog, mtu, linkLayer, uint64(rs.rate))
	x.tcRateTable(&ctab, &cs, ccellLog, mtu, linkLayer, uint64(cs.rate))
	var arr [44]byte
	p := x.tcPutRateSpec(arr[:0], rs)
	p = x.tcPutRateSpec(p, cs)
	p = x.tcPut32(p, tcXmitTime(rate64, buffer))
	p = x.tcPut32(p, tcXmitTime(ceil64, cbuffer))
	p = x.tcPut32(p, quantum)
	p = x.tcPut32(p, 0) // level
	p = x.tcPut32(p, prio)
	b := x.c.b
	b.BeginNest(tcaOptions)
	if rate64 >= 1<<32 {
		b.U64(tcaHTBRate64, rate64)
	}
	if ceil64 >= 1<<32 {
		b.U64(tcaHTBCeil64, ceil64)
	}
	b.Attr(tcaHTBParms, p)
	b.Attr(tcaHTBRtab, rtab[:])
	b.Attr(tcaHTBCtab, ctab[:])
	b.EndNest()
	return nil
}

// TBF (TCA_TBF_*).
const (
	tcaTBFParms   = 1
	tcaTBFRtab    = 2
	tcaTBFPtab    = 3
	tcaTBFRate64  = 4
	tcaTBFPrate64 = 5
	tcaTBFBurst   = 6
	tcaTBFPburst  = 7
)

var tcTBFWords = []string{"limit", "latency", "burst", "buffer", "maxburst", "mtu", "minburst", "mpu", "rate", "peakrate", "overhead", "linklayer"}

// tcTBF is tbf_parse_opt.
func tcTBF(x *ipCtx) error {
	l := x.l
	var (
		limit, latency, buffer, mtu, mpu uint32
		rcell, pcell                     = -1, -1
		overhead                         uint16
		linkLayer                        uint8 = tcLinkEthernet
		rate64, prate64                  uint64
	)
	for l.more() {
		t := l.next()
		switch {
		case matches(t.s, "limit"):
			v, err := l.value(t, "a size in bytes")
			if err != nil {
				return err
			}
			if limit != 0 {
				return l.tcDup(t)
			}
			if latency != 0 {
				return l.errAt(t, "tbf: give \"latency\" or \"limit\", not both")
			}
			if limit, err = l.tcSize(v, "limit"); err != nil {
				return err
			}
		case matches(t.s, "latency"):
			v, err := l.value(t, "a time (50ms)")
			if err != nil {
				return err
			}
			if latency != 0 {
				return l.tcDup(t)
			}
			if limit != 0 {
				return l.errAt(t, "tbf: give \"latency\" or \"limit\", not both")
			}
			if latency, err = l.tcTime(v, "latency"); err != nil {
				return err
			}
		case matches(t.s, "burst"), t.s == "buffer", t.s == "maxburst":
			v, err := l.value(t, "a size (10kb)")
			if err != nil {
				return err
			}
			if buffer != 0 {
				return l.tcDup(t)
			}
			if buffer, rcell, err = l.tcSizeCell(v, t.s); err != nil {
				return err
			}
		case t.s == "mtu", t.s == "minburst":
			v, err := l.value(t, "a size (1514)")
			if err != nil {
				return err
			}
			if mtu != 0 {
				return l.tcDup(t)
			}
			if mtu, pcell, err = l.tcSizeCell(v, t.s); err != nil {
				return err
			}
		case t.s == "mpu":
			if err := l.tcSizeOnce(t, "a size", "mpu", &mpu); err != nil {
				return err
			}
		case t.s == "rate":
			if err := l.tcRateOnce(t, "a rate (1mbit)", "rate", &rate64); err != nil {
				return err
			}
		case matches(t.s, "peakrate"):
			if err := l.tcRateOnce(t, "a rate (2mbit)", "peakrate", &prate64); err != nil {
				return err
			}
		case matches(t.s, "overhead"):
			v, err := x.tcValueUint(t, "overhead", 10, 16)
			if err != nil {
				return err
			}
			if overhead != 0 {
				return l.tcDup(t)
			}
			overhead = uint16(v)
		case matches(t.s, "linklayer"):
			v, err := l.value(t, "a link layer (ethernet, atm)")
			if err != nil {
				return err
			}
			if linkLayer, err = l.tcLinkLayerArg(v); err != nil {
				return err
			}
		default:
			return l.tcWhat(t, "tbf", tcTBFWords)
		}
	}
	switch {
	case rate64 == 0:
		return l.errAt(l.end(), "tbf: the \"rate\" parameter is mandatory")
	case buffer == 0:
		return l.errAt(l.end(), "tbf: the \"burst\" parameter is mandatory")
	case prate64 != 0 && mtu == 0:
		return l.errAt(l.end(), "tbf: when \"peakrate\" is given, \"mtu\" must be too")
	case limit == 0 && latency == 0:
		return l.errAt(l.end(), "tbf: either \"limit\" or \"latency\" is required")
	}
	sat := func(v uint64) uint32 {
		if v >= 1<<32 {
			return math.MaxUint32
		}
		return uint32(v)
	}
	rs := tcRateSpec{rate: sat(rate64), mpu: uint16(mpu), overhead: overhead}
	ps := tcRateSpec{rate: sat(prate64)}
	if limit == 0 {
		lim := float64(rate64)*float64(latency)/1000000 + float64(buffer)
		if prate64 != 0 {
			lim2 := float64(prate64)*float64(latency)/1000000 + float64(mtu)
			if lim2 < lim {
				lim = lim2
			}
		}
		limit = tcCUint(lim)
	}
	var rtab, ptab [1024]byte
	x.tcRateTable(&rtab, &rs, rcell, mtu, linkLayer, uint64(rs.rate))
	rbuf := tcXmitTime(uint64(rs.rate), buffer)
	var pmtu uint32
	if ps.rate != 0 {
		ps.mpu, ps.overhead = uint16(mpu), overhead
		x.tcRateTable(&ptab, &ps, pcell, mtu, linkLayer, uint64(ps.rate))
		pmtu = tcXmitTime(uint64(ps.rate), mtu)
	}
	var arr [36]byte
	p := x.tcPutRateSpec(arr[:0], rs)
	p = x.tcPutRateSpec(p, ps)
	p = x.tcPut32(p, limit)
	p = x.tcPut32(p, rbuf)
	p = x.tcPut32(p, pmtu)
	b := x.c.b
	b.BeginNest(tcaOptions)
	b.Attr(tcaTBFParms, p)
	b.U32(tcaTBFBurst, buffer)
	if rate64 >= 1<<32 {
		b.U64(tcaTBFRate64, rate64)
	}
	b.Attr(tcaTBFRtab, rtab[:])
	if ps.rate != 0 {
		if prate64 >= 1<<32 {
			b.U64(tcaTBFPrate64, prate64)
		}
		b.U32(tcaTBFPburst, mtu)
		b.Attr(tcaTBFPtab, ptab[:])
	}
	b.EndNest()
	return nil
}

// tcPrio is prio_parse_opt: struct tc_prio_qopt in TCA_OPTIONS, then a
// nested TCA_OPTIONS that holds TCA_PRIO_MQ when "multiqueue" is given
// (iproute2's addattr_nest_compat).
func tcPrio(x *ipCtx) error {
	l := x.l
	bands := int32(3)
	priomap := [16]byte{1, 2, 2, 2, 1, 2, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1}
	pmap, mq, idx := false, false, 0
	for l.more() {
		t := l.next()
		switch {
		case t.s == "bands":
			if pmap {
				return l.errAt(t, "prio: \"bands\" must come before \"priomap\"")
			}
			v, err := l.value(t, "a number of bands")
			if err != nil {
				return err
			}
			if bands, err = l.tcIntBase(v, "bands", 10); err != nil {
				return err
			}
		case t.s == "priomap":
			if pmap {
				return l.errAt(t, "duplicate \"priomap\"")
			}
			pmap = true
		case t.s == "multiqueue":
			mq = true
		default:
			if !pmap {
				return l.tcWhat(t, "prio", []string{"bands", "priomap", "multiqueue"})
			}
			band, err := l.tcUint(t, "priomap band", 10, 32)
			if err != nil {
				return err
			}
			if int64(band) >= int64(bands) {
				return l.errAt(t, "priomap band %s is out of bands (there are %d)", t.s, bands)
			}
			if idx >= 16 {
				return l.errAt(t, "priomap has at most 16 bands")
			}
			priomap[idx] = byte(band)
			idx++
		}
	}
	b := x.c.b
	var arr [20]byte
	p := x.tcPut32(arr[:0], uint32(bands))
	p = append(p, priomap[:]...)
	b.BeginNest(tcaOptions)
	b.Raw(p)
	b.BeginNest(tcaOptions)
	if mq {
		b.Flag(1) // TCA_PRIO_MQ
	}
	b.EndNest()
	b.EndNest()
	return nil
}

// tcIntBase is get_integer with a base.
func (l *cmdLine) tcIntBase(t token, what string, base int) (int32, error) {
	v, err := strconv.ParseInt(t.s, base, 32)
	if err != nil {
		return 0, l.errAt(t, "%s %q: want a number", what, t.s)
	}
	return int32(v), nil
}

// tcFifo is fifo_parse_opt (pfifo, bfifo, pfifo_head_drop).
func tcFifo(x *ipCtx) error {
	l := x.l
	var limit uint32
	ok := false
	for l.more() {
		t := l.next()
		if t.s != "limit" {
			return l.tcWhat(t, "fifo", []string{"limit"})
		}
		v, err := l.value(t, "a limit")
		if err != nil {
			return err
		}
		if limit, err = l.tcSize(v, "limit"); err != nil {
			return err
		}
		ok = true
	}
	if ok {
		var arr [4]byte
		x.c.b.Attr(tcaOptions, x.tcPut32(arr[:0], limit))
	}
	return nil
}

// tcMultiq is multiq_parse_opt: struct tc_multiq_qopt, zero.
func tcMultiq(x *ipCtx) error {
	if x.l.more() {
		return x.l.tcWhat(x.l.peek(), "multiq", nil)
	}
	x.c.b.Attr(tcaOptions, []byte{0, 0, 0, 0})
	return nil
}

var tcSFQWords = []string{"quantum", "perturb", "limit", "divisor", "flows", "depth", "headdrop", "ecn", "harddrop"}

// tcSFQ is sfq_parse_opt without the RED options: struct
// tc_sfq_qopt_v1 when any option is given.
func tcSFQ(x *ipCtx) error {
	l := x.l
	var quantum, limit, divisor, flows, depth, headdrop uint32
	var perturb int32
	var flags uint8
	ok := false
	for l.more() {
		t := l.next()
		ok = true
		switch t.s {
		case "quantum":
			v, err := l.value(t, "a size")
			if err != nil {
				return err
			}
			if quantum, err = l.tcSize(v, "quantum"); err != nil {
				return err
			}
		case "perturb":
			v, err := l.value(t, "seconds")
			if err != nil {
				return err
			}
			if perturb, err = l.tcInt(v, "perturb"); err != nil {
				return err
			}
		case "limit":
			v, err := x.tcValueUint(t, "limit", 0, 32)
			if err != nil {
				return err
			}
			if v < 2 {
				return l.errAt(l.toks[l.pos-1], "sfq limit must be more than 1")
			}
			limit = uint32(v)
		case "divisor", "flows", "depth":
			v, err := x.tcValueUint(t, t.s, 0, 32)
			if err != nil {
				return err
			}
			switch t.s {
			case "divisor":
				divisor = uint32(v)
			case "flows":
				flows = uint32(v)
			default:
				depth = uint32(v)
			}
		case "headdrop":
			headdrop = 1
		case "ecn":
			flags |= 1
		case "harddrop":
			flags |= 2
		case "redflowlimit", "min", "max", "burst", "avpkt", "probability":
			return l.errAt(t, "sfq %q (RED): %w", t.s, errNotCompiled)
		default:
			return l.tcWhat(t, "sfq", tcSFQWords)
		}
	}
	if !ok {
		return nil
	}
	var arr [72]byte
	p := x.tcPut32(arr[:0], quantum)
	p = x.tcPut32(p, uint32(perturb))
	p = x.tcPut32(p, limit)
	p = x.tcPut32(p, divisor)
	p = x.tcPut32(p, flows)
	p = x.tcPut32(p, depth)
	p = x.tcPut32(p, headdrop)
	p = x.tcPut32(p, 0) // limit (RED)
	p = x.tcPut32(p, 0) // qth_min
	p = x.tcPut32(p, 0) // qth_max
	p = append(p, 0, 0, 0, flags)
	p = p[:72] // max_P and the RED statistics: zero (arr is zeroed)
	x.c.b.Attr(tcaOptions, p)
	return nil
}

// fq_codel (TCA_FQ_CODEL_*).
const (
	tcaFQCodelTarget      = 1
	tcaFQCodelLimit       = 2
	tcaFQCodelInterval    = 3
	tcaFQCodelECN         = 4
	tcaFQCodelFlows       = 5
	tcaFQCodelQuantum     = 6
	tcaFQCodelCEThreshold = 7
	tcaFQCodelDropBatch   = 8
	tcaFQCodelMemLimit    = 9
)

var tcFQCodelWords = []string{"limit", "flows", "quantum", "drop_batch", "target", "ce_threshold", "memory_limit", "interval", "ecn", "noecn"}

// tcFQCodel is fq_codel_parse_opt.
func tcFQCodel(x *ipCtx) error {
	l := x.l
	var limit, flows, quantum, dropBatch, target, interval uint32
	ce, memory := uint32(math.MaxUint32), uint32(math.MaxUint32)
	ecn := -1
	for l.more() {
		t := l.next()
		var err error
		switch t.s {
		case "limit", "flows", "quantum", "drop_batch":
			var v uint64
			if v, err = x.tcValueUint(t, t.s, 0, 32); err != nil {
				return err
			}
			switch t.s {
			case "limit":
				limit = uint32(v)
			case "flows":
				flows = uint32(v)
			case "quantum":
				quantum = uint32(v)
			default:
				dropBatch = uint32(v)
			}
		case "target", "ce_threshold", "interval":
			v, err := l.value(t, "a time (5ms)")
			if err != nil {
				return err
			}
			d, err := l.tcTime(v, t.s)
			if err != nil {
				return err
			}
			switch t.s {
			case "target":
				target = d
			case "interval":
				interval = d
			default:
				ce = d
			}
		case "memory_limit":
			v, err := l.value(t, "a size (32mb)")
			if err != nil {
				return err
			}
			if memory, err = l.tcSize(v, "memory_limit"); err != nil {
				return err
			}
		case "ecn":
			ecn = 1
		case "noecn":
			ecn = 0
		case "ce_threshold_selector":
			return l.errAt(t, "fq_codel %q: %w", t.s, errNotCompiled)
		default:
			return l.tcWhat(t, "fq_codel", tcFQCodelWords)
		}
	}
	b := x.c.b
	b.BeginNest(tcaOptions)
	if limit != 0 {
		b.U32(tcaFQCodelLimit, limit)
	}
	if flows != 0 {
		b.U32(tcaFQCodelFlows, flows)
	}
	if quantum != 0 {
		b.U32(tcaFQCodelQuantum, quantum)
	}
	if interval != 0 {
		b.U32(tcaFQCodelInterval, interval)
	}
	if target != 0 {
		b.U32(tcaFQCodelTarget, target)
	}
	if ecn != -1 {
		b.U32(tcaFQCodelECN, uint32(ecn))
	}
	if ce != math.MaxUint32 {
		b.U32(tcaFQCodelCEThreshold, ce)
	}
	if memory != math.MaxUint32 {
		b.U32(tcaFQCodelMemLimit, memory)
	}
	if dropBatch != 0 {
		b.U32(tcaFQCodelDropBatch, dropBatch)
	}
	b.EndNest()
	return nil
}

// fq (TCA_FQ_*): the options in the order fq_parse_opt writes them.
var tcFQOpts = [...]struct {
	name string
	typ  uint16
	kind byte // 'u' number, 'r' rate, 't' time, 'T' 64-bit time
}{
	{"limit", 1, 'u'}, {"flow_limit", 2, 'u'}, {"quantum", 3, 'u'}, {"initial_quantum", 4, 'u'},
	{"maxrate", 7, 'r'}, {"low_rate_threshold", 11, 'r'}, {"defrate", 6, 'r'},
	{"refill_delay", 9, 't'}, {"orphan_mask", 10, 'u'}, {"ce_threshold", 12, 't'},
	{"timer_slack", 13, 'T'}, {"horizon", 14, 't'},
}

// tcFQ is fq_parse_opt.
func tcFQ(x *ipCtx) error {
	l := x.l
	var (
		set     [len(tcFQOpts)]bool
		val     [len(tcFQOpts)]uint32
		buckets uint32
		pacing  = -1
		hdrop   = -1
	)
words:
	for l.more() {
		t := l.next()
		switch t.s {
		case "buckets":
			v, err := x.tcValueUint(t, "buckets", 0, 32)
			if err != nil {
				return err
			}
			buckets = uint32(v)
			continue
		case "pacing":
			pacing = 1
			continue
		case "nopacing":
			pacing = 0
			continue
		case "horizon_drop":
			hdrop = 1
			continue
		case "horizon_cap":
			hdrop = 0
			continue
		}
		for i, o := range tcFQOpts {
			if t.s != o.name {
				continue
			}
			v, err := l.value(t, "a value")
			if err != nil {
				return err
			}
			switch o.kind {
			case 'u':
				n, err := l.tcUint(v, o.name, 0, 32)
				if err != nil {
					return err
				}
				val[i] = uint32(n)
			case 'r':
				if val[i], err = l.tcRate32(v, o.name); err != nil {
					return err
				}
			case 't':
				if val[i], err = l.tcTime(v, o.name); err != nil {
					return err
				}
			case 'T':
				ns, err := l.tcTime64(v, o.name)
				if err != nil {
					return err
				}
				if ns > math.MaxUint32 {
					return l.errAt(v, "%s %q is out of range", o.name, v.s)
				}
				val[i] = uint32(ns)
			}
			set[i] = true
			continue words
		}
		known := []string{"buckets", "pacing", "nopacing", "horizon_drop", "horizon_cap"}
		for _, o := range tcFQOpts {
			known = append(known, o.name)
		}
		return l.tcWhat(t, "fq", known)
	}
	b := x.c.b
	b.BeginNest(tcaOptions)
	if buckets != 0 {
		log, v := uint32(0), buckets-1
		for v != 0 {
			log++
			v >>= 1
		}
		b.U32(8, log) // TCA_FQ_BUCKETS_LOG
	}
	for i, o := range tcFQOpts {
		if o.name == "maxrate" && pacing != -1 {
			b.U32(5, uint32(pacing)) // TCA_FQ_RATE_ENABLE
		}
		if set[i] {
			b.U32(o.typ, val[i])
		}
	}
	if hdrop != -1 {
		b.U8(15, uint8(hdrop)) // TCA_FQ_HORIZON_DROP
	}
	b.EndNest()
	return nil
}

// netem (struct tc_netem_qopt and TCA_NETEM_*).
const (
	tcaNetemCorr    = 1
	tcaNetemReorder = 3
	tcaNetemCorrupt = 4
	tcaNetemRate    = 6
	tcaNetemECN     = 7
	tcaNetemRate64  = 8
)

var tcNetemWords = []string{"limit", "latency", "delay", "loss", "drop", "ecn", "reorder", "corrupt", "gap", "duplicate", "rate"}

// tcNetem is netem_parse_opt for delay, loss (random), duplicate,
// corrupt, reorder, gap, limit, ecn and rate.
func tcNetem(x *ipCtx) error {
	l := x.l
	var (
		latency, jitter, loss, gap, duplicate, limit uint32 = 0, 0, 0, 0, 0, 1000
		delayCorr, lossCorr, dupCorr                 uint32
		reorderProb, reorderCorr                     uint32
		corruptProb, corruptCorr                     uint32
		hasCorr, hasReorder, hasCorrupt, hasECN      bool
		hasRate                                      bool
		rate64                                       uint64
		packetOverhead, cellOverhead                 int32
		cellSize                                     uint32
		lossSet                                      bool
	)
	pct := func(kw token, what string) (uint32, error) {
		v, err := l.value(kw, "a percentage")
		if err != nil {
			return 0, err
		}
		return l.tcPercent(v, what)
	}
	nextPct := func(what string, into *uint32) (bool, error) {
		if !l.tcNextIsNumber() {
			return false, nil
		}
		v, err := l.tcPercent(l.next(), what)
		*into = v
		return true, err
	}
	ticks := func(v token, what string) (uint32, error) {
		us, err := l.tcTime(v, what)
		if err != nil {
			return 0, err
		}
		t := float64(us) * tcTicksPerUsec
		if t > math.MaxUint32 {
			return 0, l.errAt(v, "%s %q is more than netem's 32-bit time (about 4.5 minutes): %w", what, v.s, errNotCompiled)
		}
		return tcTime2Tick(us), nil
	}
	for l.more() {
		t := l.next()
		var err error
		switch {
		case matches(t.s, "limit"):
			v, err := l.value(t, "a limit in packets")
			if err != nil {
				return err
			}
			if limit, err = l.tcSize(v, "limit"); err != nil {
				return err
			}
		case matches(t.s, "latency"), matches(t.s, "delay"):
			v, err := l.value(t, "a time (100ms)")
			if err != nil {
				return err
			}
			if latency, err = ticks(v, "latency"); err != nil {
				return err
			}
			if l.tcNextIsNumber() {
				if jitter, err = ticks(l.next(), "jitter"); err != nil {
					return err
				}
				got, err := nextPct("delay correlation", &delayCorr)
				if err != nil {
					return err
				}
				hasCorr = hasCorr || got
			}
		case matches(t.s, "loss"), matches(t.s, "drop"):
			if lossSet {
				return l.tcDup(t)
			}
			v, err := l.value(t, "a percentage, or random PERCENT")
			if err != nil {
				return err
			}
			if v.s == "random" {
				if v, err = l.value(v, "a percentage"); err != nil {
					return err
				}
			} else if v.s == "" || v.s[0] < '0' || v.s[0] > '9' {
				if v.s == "state" || v.s == "gemodel" {
					return l.errAt(v, "netem loss %s: %w", v.s, errNotCompiled)
				}
				return l.unknown(v, "netem loss model", []string{"random", "state", "gemodel"})
			}
			if loss, err = l.tcPercent(v, "loss"); err != nil {
				return err
			}
			got, err := nextPct("loss correlation", &lossCorr)
			if err != nil {
				return err
			}
			hasCorr, lossSet = hasCorr || got, true
		case matches(t.s, "ecn"):
			hasECN = true
		case matches(t.s, "reorder"):
			hasReorder = true
			if reorderProb, err = pct(t, "reorder"); err != nil {
				return err
			}
			got, err := nextPct("reorder correlation", &reorderCorr)
			if err != nil {
				return err
			}
			hasCorr = hasCorr || got
		case matches(t.s, "corrupt"):
			hasCorrupt = true
			if corruptProb, err = pct(t, "corrupt"); err != nil {
				return err
			}
			got, err := nextPct("corrupt correlation", &corruptCorr)
			if err != nil {
				return err
			}
			hasCorr = hasCorr || got
		case matches(t.s, "gap"):
			v, err := x.tcValueUint(t, "gap", 0, 32)
			if err != nil {
				return err
			}
			gap = uint32(v)
		case matches(t.s, "duplicate"):
			if duplicate, err = pct(t, "duplicate"); err != nil {
				return err
			}
			// iproute2 reads a duplicate correlation but sends it
			// only when another correlation is given.
			if _, err := nextPct("duplicate correlation", &dupCorr); err != nil {
				return err
			}
		case matches(t.s, "rate"):
			hasRate = true
			v, err := l.value(t, "a rate (1mbit)")
			if err != nil {
				return err
			}
			if rate64, err = l.tcRate64(v, "rate"); err != nil {
				return err
			}
			if l.tcNextIsSigned() {
				if packetOverhead, err = l.tcInt(l.next(), "packet overhead"); err != nil {
					return err
				}
			}
			if l.tcNextIsNumber() {
				c, err := l.tcUint(l.next(), "cell size", 0, 32)
				if err != nil {
					return err
				}
				cellSize = uint32(c)
			}
			if l.tcNextIsSigned() {
				if cellOverhead, err = l.tcInt(l.next(), "cell overhead"); err != nil {
					return err
				}
			}
		case matches(t.s, "distribution"), matches(t.s, "slot"), matches(t.s, "seed"):
			return l.errAt(t, "netem %q: %w", t.s, errNotCompiled)
		default:
			return l.tcWhat(t, "netem", tcNetemWords)
		}
	}
	if reorderProb != 0 {
		if latency == 0 {
			return l.errAt(l.end(), "netem: reordering is not possible without some delay")
		}
		if gap == 0 {
			gap = 1
		}
	} else if gap > 0 {
		return l.errAt(l.end(), "netem: gap given without a reorder probability")
	}
	if hasECN && loss == 0 {
		return l.errAt(l.end(), "netem: ecn given without a loss model")
	}
	b := x.c.b
	var arr [24]byte
	p := x.tcPut32(arr[:0], latency)
	p = x.tcPut32(p, limit)
	p = x.tcPut32(p, loss)
	p = x.tcPut32(p, gap)
	p = x.tcPut32(p, duplicate)
	p = x.tcPut32(p, jitter)
	b.BeginNest(tcaOptions)
	b.Raw(p)
	var a [16]byte
	if hasCorr {
		q := x.tcPut32(a[:0], delayCorr)
		q = x.tcPut32(q, lossCorr)
		b.Attr(tcaNetemCorr, x.tcPut32(q, dupCorr))
	}
	if hasReorder {
		q := x.tcPut32(a[:0], reorderProb)
		b.Attr(tcaNetemReorder, x.tcPut32(q, reorderCorr))
	}
	if hasECN {
		b.U32(tcaNetemECN, 1)
	}
	if hasCorrupt {
		q := x.tcPut32(a[:0], corruptProb)
		b.Attr(tcaNetemCorrupt, x.tcPut32(q, corruptCorr))
	}
	if hasRate {
		r := uint32(rate64)
		if rate64 >= 1<<32 {
			b.U64(tcaNetemRate64, rate64)
			r = math.MaxUint32
		}
		q := x.tcPut32(a[:0], r)
		q = x.tcPut32(q, uint32(packetOverhead))
		q = x.tcPut32(q, cellSize)
		b.Attr(tcaNetemRate, x.tcPut32(q, uint32(cellOverhead)))
	}
	b.EndNest()
	return nil
}

// codel (TCA_CODEL_*).
const (
	tcaCodelTarget      = 1
	tcaCodelLimit       = 2
	tcaCodelInterval    = 3
	tcaCodelECN         = 4
	tcaCodelCEThreshold = 5
)

// tcCodel is codel_parse_opt.
func tcCodel(x *ipCtx) error {
	l := x.l
	var limit, target, interval uint32
	ce := uint32(math.MaxUint32)
	ecn := -1
	for l.more() {
		t := l.next()
		switch t.s {
		case "limit":
			v, err := x.tcValueUint(t, "limit", 0, 32)
			if err != nil {
				return err
			}
			limit = uint32(v)
		case "target", "ce_threshold", "interval":
			v, err := l.value(t, "a time (5ms)")
			if err != nil {
				return err
			}
			d, err := l.tcTime(v, t.s)
			if err != nil {
				return err
			}
			switch t.s {
			case "target":
				target = d
			case "interval":
				interval = d
			default:
				ce = d
			}
		case "ecn":
			ecn = 1
		case "noecn":
			ecn = 0
		default:
			return l.tcWhat(t, "codel", []string{"limit", "target", "ce_threshold", "interval", "ecn", "noecn"})
		}
	}
	b := x.c.b
	b.BeginNest(tcaOptions)
	if limit != 0 {
		b.U32(tcaCodelLimit, limit)
	}
	if interval != 0 {
		b.U32(tcaCodelInterval, interval)
	}
	if target != 0 {
		b.U32(tcaCodelTarget, target)
	}
	if ecn != -1 {
		b.U32(tcaCodelECN, uint32(ecn))
	}
	if ce != math.MaxUint32 {
		b.U32(tcaCodelCEThreshold, ce)
	}
	b.EndNest()
	return nil
}

// RED (TCA_RED_*, TC_RED_* flags).
const (
	tcaREDParms = 1
	tcaREDStab  = 2
	tcaREDMaxP  = 3
	tcaREDFlags = 4

	tcREDECN        = 1
	tcREDHarddrop   = 2
	tcREDAdaptative = 4
	tcREDNodrop     = 8
	tcREDHistoric   = tcREDECN | tcREDHarddrop | tcREDAdaptative // with nodrop, the selector iproute2 sends
)

// tcREDEwma is tc_red_eval_ewma: the EWMA weight's log for a burst.
func tcREDEwma(qmin, burst, avpkt uint32) int {
	w := 0.5
	a := float64(burst) + 1 - float64(qmin)/float64(avpkt)
	if a < 1 {
		return -1
	}
	for wlog := 1; wlog < 32; wlog, w = wlog+1, w/2 {
		if a <= (1-math.Pow(1-w, float64(burst)))/w {
			return wlog
		}
	}
	return -1
}

// tcREDP is tc_red_eval_P: the log of the probability's scale.
func tcREDP(qmin, qmax uint32, prob float64) int {
	i := int(qmax) - int(qmin)
	if i == 0 {
		return 0
	}
	if i < 0 {
		return -1
	}
	prob /= float64(i)
	for i = 0; i < 32; i++ {
		if prob > 1 {
			break
		}
		prob *= 2
	}
	if i >= 32 {
		return -1
	}
	return i
}

// tcREDIdle is tc_red_eval_idle_damping: the idle-time table and its
// cell log.
func tcREDIdle(wlog int, avpkt, rate uint32, sbuf *[256]byte) int {
	xmit := float64(tcXmitTime(uint64(rate), avpkt))
	lW := -math.Log(1-1/float64(uint64(1)<<wlog)) / xmit
	maxtime := 31 / lW
	clog := 0
	for ; clog < 32; clog++ {
		if maxtime/float64(uint64(1)<<clog) < 512 {
			break
		}
	}
	if clog >= 32 {
		return -1
	}
	sbuf[0] = 0
	for i := 1; i < 255; i++ {
		v := float64(int32(i)<<clog) * lW
		c := byte(0)
		if v < 1<<31 {
			c = byte(int64(v)) // C's conversion to __u8
		}
		if c > 31 {
			c = 31
		}
		sbuf[i] = c
	}
	sbuf[255] = 31
	return clog
}

// tcREDOpts are the options red, gred and choke read alike: limit,
// min, max and avpkt as sizes (choke reads its first three itself, as
// packets), probability and bandwidth.
type tcREDOpts struct {
	limit, qmin, qmax, avpkt, rate uint32
	prob                           float64
}

// word reads one of the shared options; any other word is refused as
// an unknown option of kind, whose words known lists.
func (o *tcREDOpts) word(x *ipCtx, t token, kind string, known []string) error {
	var err error
	switch t.s {
	case "limit":
		o.limit, err = x.tcValueSize(t, t.s)
	case "min":
		o.qmin, err = x.tcValueSize(t, t.s)
	case "max":
		o.qmax, err = x.tcValueSize(t, t.s)
	case "avpkt":
		o.avpkt, err = x.tcValueSize(t, t.s)
	case "probability":
		o.prob, err = x.tcValueProb(t)
	case "bandwidth":
		o.rate, err = x.tcValueBandwidth(t)
	default:
		return x.l.tcWhat(t, kind, known)
	}
	return err
}

var tcREDWords = []string{"limit", "min", "max", "burst", "avpkt", "probability", "bandwidth", "ecn", "harddrop", "nodrop", "adaptive", "adaptative"}

// tcRED is red_parse_opt (without qevents).
func tcRED(x *ipCtx) error {
	l := x.l
	var (
		burst, flags uint32
		o            = tcREDOpts{prob: 0.02}
	)
	for l.more() {
		t := l.next()
		switch t.s {
		case "burst":
			v, err := x.tcValueUint(t, "burst (packets)", 0, 32)
			if err != nil {
				return err
			}
			burst = uint32(v)
		case "ecn":
			flags |= tcREDECN
		case "harddrop":
			flags |= tcREDHarddrop
		case "nodrop":
			flags |= tcREDNodrop
		case "adaptative", "adaptive":
			flags |= tcREDAdaptative
		case "qevent":
			return l.errAt(t, "red qevent: %w", errNotCompiled)
		default:
			if err := o.word(x, t, "red", tcREDWords); err != nil {
				return err
			}
		}
	}
	limit, qmin, qmax, avpkt, rate, prob := o.limit, o.qmin, o.qmax, o.avpkt, o.rate, o.prob
	if rate == 0 {
		rate = 10000000 / 8
	}
	if qmin == 0 || qmax == 0 || limit == 0 || avpkt == 0 {
		return l.errAt(l.end(), "red: min, max, limit and avpkt are required")
	}
	if burst == 0 {
		burst = (2*qmin + qmax) / (3 * avpkt)
	}
	if qmax > limit {
		return l.errAt(l.end(), "red: max (%d) is above limit (%d)", qmax, limit)
	}
	if qmin >= qmax {
		return l.errAt(l.end(), "red: min (%d) must be below max (%d)", qmin, qmax)
	}
	wlog := tcREDEwma(qmin, burst, avpkt)
	if wlog < 0 {
		return l.errAt(l.end(), "red: burst %d is too small for min %d and avpkt %d", burst, qmin, avpkt)
	}
	plog := tcREDP(qmin, qmax, prob)
	if plog < 0 {
		return l.errAt(l.end(), "red: probability %g is out of range", prob)
	}
	var sbuf [256]byte
	slog := tcREDIdle(wlog, avpkt, rate, &sbuf)
	if slog < 0 {
		return l.errAt(l.end(), "red: bandwidth and avpkt give no idle damping")
	}
	var arr [16]byte
	p := x.tcPut32(arr[:0], limit)
	p = x.tcPut32(p, qmin)
	p = x.tcPut32(p, qmax)
	p = append(p, byte(wlog), byte(plog), byte(slog), 0) // flags: in TCA_RED_FLAGS
	b := x.c.b
	b.BeginNest(tcaOptions)
	b.Attr(tcaREDParms, p)
	b.Attr(tcaREDStab, sbuf[:])
	b.U32(tcaREDMaxP, tcREDMaxP(prob))
	var q [8]byte
	bf := x.tcPut32(q[:0], flags)
	b.Attr(tcaREDFlags, x.tcPut32(bf, tcREDHistoric|tcREDNodrop))
	b.EndNest()
	return nil
}

// HFSC (TCA_HFSC_*).
const (
	tcaHFSCRsc = 1
	tcaHFSCFsc = 2
	tcaHFSCUsc = 3
)

// tcHFSCQdisc is hfsc_parse_opt: struct tc_hfsc_qopt (the default
// class).
func tcHFSCQdisc(x *ipCtx) error {
	l := x.l
	var defcls uint16
	for l.more() {
		t := l.next()
		if !matches(t.s, "default") {
			return l.tcWhat(t, "hfsc", []string{"default"})
		}
		v, err := x.tcValueUint(t, "default class (hex minor)", 16, 16)
		if err != nil {
			return err
		}
		defcls = uint16(v)
	}
	var arr [2]byte
	x.c.b.Attr(tcaOptions, x.order().AppendUint16(arr[:0], defcls))
	return nil
}

// tcHFSCCurve is hfsc_get_sc: "[m1 RATE] [d TIME] m2 RATE" or "[umax
// BYTES] [dmax TIME] rate RATE", as struct tc_service_curve.
func (x *ipCtx) tcHFSCCurve(kw token) ([3]uint32, error) {
	l := x.l
	var sc [3]uint32
	if !l.more() {
		return sc, l.errAt(l.end(), "%q needs a service curve ([m1 RATE d TIME] m2 RATE, or [umax BYTES dmax TIME] rate RATE)", kw.s)
	}
	rateArg := func(t token, what string) (uint32, error) {
		v, err := l.value(t, "a rate")
		if err != nil {
			return 0, err
		}
		return l.tcRate32(v, what)
	}
	timeArg := func(t token, what string) (uint32, error) {
		v, err := l.value(t, "a time")
		if err != nil {
			return 0, err
		}
		return l.tcTime(v, what)
	}
	first := l.peek()
	if matches(first.s, "m1") || first.s == "d" || matches(first.s, "m2") {
		var m1, d uint32
		var err error
		if t := l.peek(); matches(t.s, "m1") {
			l.next()
			if m1, err = rateArg(t, "m1"); err != nil {
				return sc, err
			}
		}
		if t := l.peek(); t.s == "d" {
			l.next()
			if d, err = timeArg(t, "d"); err != nil {
				return sc, err
			}
		}
		t := l.peek()
		if !matches(t.s, "m2") {
			return sc, l.errAt(t, "service curve: want m2 RATE here, not %q", t.s)
		}
		l.next()
		m2, err := rateArg(t, "m2")
		if err != nil {
			return sc, err
		}
		sc = [3]uint32{m1, d, m2}
	} else {
		var umax, dmax uint32
		if t := l.peek(); matches(t.s, "umax") {
			l.next()
			v, err := l.value(t, "a size")
			if err != nil {
				return sc, err
			}
			if umax, err = l.tcSize(v, "umax"); err != nil {
				return sc, err
			}
		}
		if t := l.peek(); matches(t.s, "dmax") {
			l.next()
			var err error
			if dmax, err = timeArg(t, "dmax"); err != nil {
				return sc, err
			}
		}
		t := l.peek()
		if !matches(t.s, "rate") {
			return sc, l.errAt(t, "service curve: want \"m2 RATE\" or \"rate RATE\" here, not %q", t.s)
		}
		l.next()
		rate, err := rateArg(t, "rate")
		if err != nil {
			return sc, err
		}
		if umax != 0 && dmax == 0 {
			return sc, l.errAt(t, "service curve: umax given but dmax is zero")
		}
		if dmax != 0 && math.Ceil(float64(umax)*1000000/float64(dmax)) > float64(rate) {
			sc = [3]uint32{tcCUint(math.Ceil(float64(umax) * 1000000 / float64(dmax))), dmax, rate}
		} else {
			if rate == 0 {
				return sc, l.errAt(t, "service curve: rate 0")
			}
			// iproute2's unsigned arithmetic, overflow and all.
			sc = [3]uint32{0, dmax - umax*1000000/rate, rate}
		}
	}
	if sc[0] == 0 && sc[2] == 0 {
		return sc, l.errAt(kw, "service curve %q has two zero slopes", kw.s)
	}
	return sc, nil
}

// tcHFSCClass is hfsc_parse_class_opt.
func tcHFSCClass(x *ipCtx) error {
	l := x.l
	var rsc, fsc, usc [3]uint32
	var rok, fok, uok bool
	for l.more() {
		t := l.next()
		var err error
		switch {
		case matches(t.s, "rt"):
			rsc, err = x.tcHFSCCurve(t)
			rok = true
		case matches(t.s, "ls"):
			fsc, err = x.tcHFSCCurve(t)
			fok = true
		case matches(t.s, "sc"):
			rsc, err = x.tcHFSCCurve(t)
			fsc, rok, fok = rsc, true, true
		case matches(t.s, "ul"):
			usc, err = x.tcHFSCCurve(t)
			uok = true
		default:
			return l.tcWhat(t, "hfsc class", []string{"rt", "ls", "sc", "ul"})
		}
		if err != nil {
			return err
		}
	}
	if !rok && !fok && !uok {
		return l.errAt(l.end(), "hfsc class: no service curve given (rt, ls, sc, ul)")
	}
	if uok && !fok {
		return l.errAt(l.end(), "hfsc class: an upper-limit curve (ul) needs a link-share curve (ls or sc)")
	}
	put := func(typ uint16, sc [3]uint32) {
		var arr [12]byte
		p := x.tcPut32(arr[:0], sc[0])
		p = x.tcPut32(p, sc[1])
		x.c.b.Attr(typ, x.tcPut32(p, sc[2]))
	}
	b := x.c.b
	b.BeginNest(tcaOptions)
	if rok {
		put(tcaHFSCRsc, rsc)
	}
	if fok {
		put(tcaHFSCFsc, fsc)
	}
	if uok {
		put(tcaHFSCUsc, usc)
	}
	b.EndNest()
	return nil
}
