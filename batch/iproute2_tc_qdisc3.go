package batch

import (
	"encoding/binary"
	"math"
	"strconv"
	"strings"

	"github.com/nlbatch/nlbatch/codec"
)

// The RED family's remaining kinds (tc/q_choke.c, tc/q_gred.c), HHF and
// SFB (tc/q_hhf.c, tc/q_sfb.c) and the time-aware scheduler
// (tc/q_taprio.c).

// tcCUint reads a whole word as iproute2's get_unsigned, get_u32,
// get_u16 and get_u8 do with a base (C's strtoul: an optional sign, 0x
// for base 0 and 16, a leading 0 octal for base 0).
func (l *cmdLine) tcCUint(t token, what string, base, bits int) (uint64, error) {
	v, ok := cStrtoul(t.s, base)
	if !ok {
		return 0, l.errAt(t, "%s %q: want %s", what, t.s, tcNumberKind(base))
	}
	if bits < 64 && v>>uint(bits) != 0 {
		return 0, l.errAt(t, "%s %q is out of range (at most %d)", what, t.s, uint64(math.MaxUint64)>>(64-bits))
	}
	return v, nil
}

// tcValueCUint reads the word after a keyword with tcCUint.
func (x *ipCtx) tcValueCUint(kw token, what string, base, bits int) (uint64, error) {
	v, err := x.l.value(kw, "a number")
	if err != nil {
		return 0, err
	}
	return x.l.tcCUint(v, what, base, bits)
}

// tcValueSize reads the size after a keyword (get_size).
func (x *ipCtx) tcValueSize(kw token, what string) (uint32, error) {
	v, err := x.l.value(kw, "a size in bytes")
	if err != nil {
		return 0, err
	}
	return x.l.tcSize(v, what)
}

// tcValueBandwidth reads the RED family's "bandwidth" rate after its
// keyword (get_rate).
func (x *ipCtx) tcValueBandwidth(kw token) (uint32, error) {
	v, err := x.l.value(kw, "a rate (10mbit)")
	if err != nil {
		return 0, err
	}
	return x.l.tcRate32(v, "bandwidth")
}

// tcValueProb reads a probability as sscanf("%lg") does: a number at
// the start of the word, whatever follows it.
func (x *ipCtx) tcValueProb(kw token) (float64, error) {
	v, err := x.l.value(kw, "a probability (0.02)")
	if err != nil {
		return 0, err
	}
	p, _, ok := cStrtod(v.s)
	if !ok {
		return 0, x.l.errAt(v, "probability %q: want a number such as 0.02", v.s)
	}
	return p, nil
}

// tcStrtolU8 is C's strtol(s, NULL, 10) stored in a __u8, as gred's
// "prio" is read: no error, 0 when there is no number, the long
// clamped on overflow, then its low byte.
func tcStrtolU8(s string) uint8 {
	s = strings.TrimLeft(s, " \t\n\v\f\r")
	v, n, ok := cStrtoulPrefix(s, 10)
	if n == 0 {
		return 0
	}
	neg := s[0] == '-'
	mag := v
	if neg {
		mag = -v
	}
	switch {
	case !ok || (!neg && mag > math.MaxInt64):
		if neg {
			return 0 // LONG_MIN
		}
		return 0xFF // LONG_MAX
	case neg && mag > 1<<63:
		return 0
	}
	return uint8(v)
}

// tcREDMaxP is max_P as iproute2 computes it: probability * 2^32 in a
// __u32 (gcc's conversion on x86-64 keeps the low 32 bits).
func tcREDMaxP(prob float64) uint32 {
	maxP := prob * (1 << 32)
	if maxP < 1<<63 && maxP > -(1<<63) {
		return uint32(int64(maxP))
	}
	return 0
}

// tcREDTable is the RED parameters of struct tc_red_qopt (and
// tc_gred_qopt) iproute2 computes: the EWMA weight's log, the
// probability's log and the idle damping table with its cell log.
type tcREDTable struct {
	wlog, plog, slog uint8
	stab             [256]byte
}

// tcREDCompute runs tc_red_eval_ewma, tc_red_eval_P and
// tc_red_eval_idle_damping; kind names the qdisc in errors, which point
// at the end of the line (the values come from several words).
func (l *cmdLine) tcREDCompute(kind string, ewmaMin, pMin, pMax, burst, avpkt, rate uint32, prob float64) (*tcREDTable, error) {
	var r tcREDTable
	w := tcREDEwma(ewmaMin, burst, avpkt)
	if w < 0 {
		return nil, l.errAt(l.end(), "%s: burst %d is too small for min and avpkt %d (no EWMA weight fits)", kind, burst, avpkt)
	}
	p := tcREDP(pMin, pMax, prob)
	if p < 0 {
		return nil, l.errAt(l.end(), "%s: probability %g is out of range", kind, prob)
	}
	s := tcREDIdle(w, avpkt, rate, &r.stab)
	if s < 0 {
		return nil, l.errAt(l.end(), "%s: bandwidth and avpkt give no idle damping table", kind)
	}
	r.wlog, r.plog, r.slog = uint8(w), uint8(p), uint8(s)
	return &r, nil
}

// CHOKe (TCA_CHOKE_*).
const (
	tcaChokeParms = 1
	tcaChokeStab  = 2
	tcaChokeMaxP  = 3
)

var tcChokeWords = []string{"limit", "bandwidth", "ecn", "min", "max", "burst", "avpkt", "probability"}

// tcChoke is choke_parse_opt: limit, min and max count packets, and the
// RED computations run on them times avpkt.
func tcChoke(x *ipCtx) error {
	l := x.l
	var (
		burst uint32
		o     = tcREDOpts{avpkt: 1000, prob: 0.02}
		ecn   bool
	)
	for l.more() {
		t := l.next()
		switch t.s {
		case "limit", "min", "max", "burst":
			v, err := x.tcValueCUint(t, t.s, 0, 32)
			if err != nil {
				return err
			}
			switch t.s {
			case "limit":
				o.limit = uint32(v)
			case "min":
				o.qmin = uint32(v)
			case "max":
				o.qmax = uint32(v)
			default:
				burst = uint32(v)
			}
		case "ecn":
			ecn = true
		default:
			if err := o.word(x, t, "choke", tcChokeWords); err != nil {
				return err
			}
		}
	}
	limit, qmin, qmax, avpkt, rate, prob := o.limit, o.qmin, o.qmax, o.avpkt, o.rate, o.prob
	if rate == 0 || limit == 0 {
		return l.errAt(l.end(), "choke needs bandwidth and limit")
	}
	// Sally Floyd's defaults, as iproute2 computes them.
	if qmax == 0 {
		qmax = limit / 4
	}
	if qmin == 0 {
		qmin = qmax / 3
	}
	if burst == 0 {
		burst = (2*qmin + qmax) / 3
	}
	if qmax > limit {
		return l.errAt(l.end(), "choke: max (%d) is above limit (%d)", qmax, limit)
	}
	if qmin >= qmax {
		return l.errAt(l.end(), "choke: min (%d) must be below max (%d)", qmin, qmax)
	}
	r, err := l.tcREDCompute("choke", qmin*avpkt, qmin*avpkt, qmax*avpkt, burst, avpkt, rate, prob)
	if err != nil {
		return err
	}
	var flags uint8
	if ecn {
		flags = tcREDECN
	}
	var arr [16]byte
	p := x.tcPut32(arr[:0], limit)
	p = x.tcPut32(p, qmin)
	p = x.tcPut32(p, qmax)
	p = append(p, r.wlog, r.plog, r.slog, flags)
	b := x.c.b
	b.BeginNest(tcaOptions)
	b.Attr(tcaChokeParms, p)
	b.Attr(tcaChokeStab, r.stab[:])
	b.U32(tcaChokeMaxP, tcREDMaxP(prob))
	b.EndNest()
	return nil
}

// GRED (TCA_GRED_*).
const (
	tcaGredParms  = 1
	tcaGredStab   = 2
	tcaGredDPs    = 3
	tcaGredMaxP   = 4
	tcaGredLimit  = 5
	tcaGredVQList = 6

	tcaGredVQEntry = 1
	tcaGredVQDP    = 2
	tcaGredVQFlags = 12

	tcGredMaxDPs = 16
)

var (
	tcGredWords      = []string{"setup", "vq", "DP", "limit", "min", "max", "avpkt", "burst", "probability", "prio", "bandwidth", "ecn", "harddrop"}
	tcGredSetupWords = []string{"vqs", "DPs", "default", "grio", "limit", "ecn", "harddrop"}
)

// tcGred is gred_parse_opt: "setup ..." configures the table (vqs,
// default), anything else one virtual queue.
func tcGred(x *ipCtx) error {
	l := x.l
	var (
		burst, flags uint32
		dp           uint32 = tcGredMaxDPs
		prio         uint8
		o            = tcREDOpts{prob: 0.02}
		ok           bool
	)
	for l.more() {
		t := l.next()
		switch t.s {
		case "setup":
			if ok {
				return l.errAt(t, "gred: \"setup\" must come first, before a virtual queue's options")
			}
			return x.tcGredSetup()
		case "vq", "DP":
			v, w, err := x.tcGredNum(t, "a virtual queue number", "vq")
			if err != nil {
				return err
			}
			if v >= tcGredMaxDPs {
				return l.errAt(w, "gred: vq %d is out of range (0 to %d)", v, tcGredMaxDPs-1)
			}
			dp = uint32(v)
		case "burst":
			v, err := x.tcValueCUint(t, "burst", 0, 32)
			if err != nil {
				return err
			}
			burst = uint32(v)
		case "prio":
			v, err := l.value(t, "a priority")
			if err != nil {
				return err
			}
			prio = tcStrtolU8(v.s)
		case "ecn":
			flags |= tcREDECN
			continue
		case "harddrop":
			flags |= tcREDHarddrop
			continue
		default:
			if err := o.word(x, t, "gred", tcGredWords); err != nil {
				return err
			}
		}
		ok = true
	}
	limit, qmin, qmax, avpkt, rate, prob := o.limit, o.qmin, o.qmax, o.avpkt, o.rate, o.prob
	if !ok {
		return l.errAt(l.end(), "gred needs \"setup vqs N default D\" or a virtual queue's options (vq, limit, min, max, avpkt)")
	}
	if dp == tcGredMaxDPs || limit == 0 || qmin == 0 || qmax == 0 || avpkt == 0 {
		return l.errAt(l.end(), "gred: vq, limit, min, max and avpkt are required")
	}
	if burst == 0 {
		burst = (2*qmin + qmax) / (3 * avpkt)
	}
	if rate == 0 {
		rate = 10000000 / 8
	}
	r, err := l.tcREDCompute("gred", qmin, qmin, qmax, burst, avpkt, rate, prob)
	if err != nil {
		return err
	}
	// struct tc_gred_qopt: the counters after DP are the kernel's.
	var arr [52]byte
	p := x.tcPut32(arr[:0], limit)
	p = x.tcPut32(p, qmin)
	p = x.tcPut32(p, qmax)
	p = x.tcPut32(p, dp)
	p = append(p, make([]byte, 24)...)
	p = append(p, r.wlog, r.plog, r.slog, prio)
	p = append(p, make([]byte, 8)...)
	b := x.c.b
	b.BeginNest(tcaOptions)
	b.Attr(tcaGredParms, p)
	b.Attr(tcaGredStab, r.stab[:])
	b.U32(tcaGredMaxP, tcREDMaxP(prob))
	b.BeginNest(tcaGredVQList)
	b.BeginNest(tcaGredVQEntry)
	b.U32(tcaGredVQDP, dp)
	b.U32(tcaGredVQFlags, flags)
	b.EndNest()
	b.EndNest()
	b.EndNest()
	return nil
}

// tcGredNum reads the decimal number (tcCUint, base 10) after one of
// gred's virtual queue keywords; it returns the value's word too, for
// the range errors.
func (x *ipCtx) tcGredNum(kw token, desc, what string) (uint64, token, error) {
	w, err := x.l.value(kw, desc)
	if err != nil {
		return 0, w, err
	}
	v, err := x.l.tcCUint(w, what, 10, 32)
	return v, w, err
}

// tcGredSetup is init_gred: struct tc_gred_sopt and the qdisc's limit.
// iproute2 adds NLM_F_CREATE to whatever the command asked for.
func (x *ipCtx) tcGredSetup() error {
	l := x.l
	var (
		dps, limit uint32
		def        uint32 = tcGredMaxDPs
		grio       uint8
		flags      uint8
	)
	for l.more() {
		t := l.next()
		switch t.s {
		case "vqs", "DPs":
			v, w, err := x.tcGredNum(t, "a number of virtual queues", "vqs")
			if err != nil {
				return err
			}
			if v > tcGredMaxDPs {
				return l.errAt(w, "gred: %d virtual queues, more than the %d there can be", v, tcGredMaxDPs)
			}
			dps = uint32(v)
		case "default":
			if dps == 0 {
				return l.errAt(t, "gred: \"default\" must come after \"vqs\"")
			}
			v, w, err := x.tcGredNum(t, "the default virtual queue", "default")
			if err != nil {
				return err
			}
			if v >= uint64(dps) {
				return l.errAt(w, "gred: default %d must be less than vqs (%d)", v, dps)
			}
			def = uint32(v)
		case "grio":
			grio = 1
		case "limit":
			v, err := x.tcValueSize(t, "limit")
			if err != nil {
				return err
			}
			limit = v
		case "ecn":
			flags |= tcREDECN
		case "harddrop":
			flags |= tcREDHarddrop
		default:
			return l.tcWhat(t, "gred setup", tcGredSetupWords)
		}
	}
	if dps == 0 || def == tcGredMaxDPs {
		return l.errAt(l.end(), "gred setup needs vqs and default")
	}
	b := x.c.b
	x.tcOrHeaderFlags(codec.FlagCreate)
	var arr [12]byte
	p := x.tcPut32(arr[:0], dps)
	p = x.tcPut32(p, def)
	p = append(p, grio, flags, 0, 0)
	b.BeginNest(tcaOptions)
	b.Attr(tcaGredDPs, p)
	if limit != 0 {
		b.U32(tcaGredLimit, limit)
	}
	b.EndNest()
	return nil
}

// tcOrHeaderFlags adds flags to nlmsg_flags of the open message.
func (x *ipCtx) tcOrHeaderFlags(f uint16) {
	p := x.c.b.Bytes()[6:8]
	if x.c.opts.BigEndian {
		binary.BigEndian.PutUint16(p, binary.BigEndian.Uint16(p)|f)
	} else {
		binary.LittleEndian.PutUint16(p, binary.LittleEndian.Uint16(p)|f)
	}
}

// HHF: its options are u32 attributes sent when not zero, in the order
// of their numbers (TCA_HHF_*).
var tcHHFKind = tcAttrKind{"hhf", false, []tcAttrOpt{
	{word: "limit", typ: 1, kind: 'u'}, {word: "quantum", typ: 2, kind: 'u'}, {word: "hh_limit", typ: 3, kind: 'u'},
	{word: "reset_timeout", typ: 4, kind: 't'}, {word: "admit_bytes", typ: 5, kind: 'u'},
	{word: "evict_timeout", typ: 6, kind: 't'}, {word: "non_hh_weight", typ: 7, kind: 'u'},
}}

func tcHHF(x *ipCtx) error { return x.tcAttrOpts(&tcHHFKind) }

// SFB: struct tc_sfb_qopt in TCA_SFB_PARMS, iproute2's defaults filled
// in.
const (
	tcaSFBParms  = 1
	tcSFBMaxProb = 0xFFFF
)

var tcSFBWords = []string{"rehash", "db", "limit", "max", "target", "increment", "decrement", "penalty_rate", "penalty_burst"}

// tcSFB is sfb_parse_opt.
func tcSFB(x *ipCtx) error {
	l := x.l
	// rehash_interval, warmup_time (ms), max, bin_size, increment,
	// decrement, limit, penalty_rate, penalty_burst.
	vals := [9]uint32{600 * 1000, 60 * 1000, 0, 0, (tcSFBMaxProb + 1000) / 2000, (tcSFBMaxProb + 10000) / 20000, 0, 10, 20}
	index := map[string]int{"rehash": 0, "db": 1, "max": 2, "target": 3, "increment": 4, "decrement": 5, "limit": 6, "penalty_rate": 7, "penalty_burst": 8}
	for l.more() {
		t := l.next()
		i, ok := index[t.s]
		if !ok {
			return l.tcWhat(t, "sfb", tcSFBWords)
		}
		if t.s == "increment" || t.s == "decrement" {
			v, err := l.value(t, "a probability between 0 and 1")
			if err != nil {
				return err
			}
			d, _, ok := cStrtod(v.s)
			if !ok || d < 0 || d > 1 {
				return l.errAt(v, "%s %q: want a probability between 0 and 1", t.s, v.s)
			}
			vals[i] = uint32(int64(d*tcSFBMaxProb + 0.5))
			continue
		}
		v, err := x.tcValueCUint(t, t.s, 0, 32)
		if err != nil {
			return err
		}
		vals[i] = uint32(v)
	}
	if vals[2] == 0 {
		if vals[3] >= 1 {
			vals[2] = (vals[3]*5 + 1) / 4
		} else {
			vals[2] = 25
		}
	}
	if vals[3] == 0 {
		vals[3] = (vals[2]*4 + 3) / 5
	}
	var arr [36]byte
	p := arr[:0]
	for _, v := range vals {
		p = x.tcPut32(p, v)
	}
	b := x.c.b
	b.BeginNest(tcaOptions)
	b.Attr(tcaSFBParms, p)
	b.EndNest()
	return nil
}

// TAPRIO (TCA_TAPRIO_ATTR_*, TCA_TAPRIO_SCHED_*).
const (
	tcaTaprioPriomap       = 1
	tcaTaprioEntryList     = 2
	tcaTaprioBaseTime      = 3
	tcaTaprioClockid       = 5
	tcaTaprioCycleTime     = 8
	tcaTaprioCycleTimeExt  = 9
	tcaTaprioFlags         = 10
	tcaTaprioTxtimeDelay   = 11
	tcaTaprioSchedEntry    = 1
	tcaTaprioEntryCmd      = 2
	tcaTaprioEntryGateMask = 3
	tcaTaprioEntryInterval = 4
)

var tcTaprioWords = []string{"num_tc", "map", "queues", "sched-entry", "base-time", "cycle-time", "cycle-time-extension", "clockid", "flags", "txtime-delay"}

// tcTaprioEntry is a sched-entry: its command, gate mask and interval.
type tcTaprioEntry struct {
	cmd            uint8
	mask, interval uint32
}

// tcCS64 is get_s64 with base 10.
func tcCS64(s string) (int64, bool) {
	if strings.HasPrefix(s, "+") && !strings.HasPrefix(s, "+-") && !strings.HasPrefix(s, "++") {
		s = s[1:]
	}
	v, err := strconv.ParseInt(s, 10, 64)
	return v, err == nil && !strings.Contains(s, "_")
}

// tcTaprio is taprio_parse_opt (iproute2 6.1: no max-sdu nor fp). As
// in iproute2, a base-time or cycle-time that is not a number ends the
// options: the words after it are not read.
func tcTaprio(x *ipCtx) error {
	l := x.l
	var (
		numTC                     uint8
		prioMap                   [16]uint8
		count, offset             [16]uint16
		clockid                   int32 = -1
		flags, txtimeDelay        uint32
		baseTime, cycle, cycleExt int64
		entries                   []tcTaprioEntry
	)
words:
	for l.more() {
		t := l.next()
		switch t.s {
		case "num_tc":
			v, err := x.tcValueCUint(t, "num_tc", 10, 8)
			if err != nil {
				return err
			}
			numTC = uint8(v)
		case "map":
			i := 0
			for ; i < 16 && l.more(); i++ {
				v, ok := cStrtoul(l.peek().s, 10)
				if !ok || v > 0xFF {
					break
				}
				l.next()
				prioMap[i] = uint8(v)
			}
			for ; i < 16; i++ {
				prioMap[i] = 0
			}
		case "queues":
			for i := 0; i < 16 && l.more(); i++ {
				c, o, ok := tcStrtokCountOffset(l.peek().s)
				if !ok {
					break
				}
				l.next()
				count[i], offset[i] = c, o
			}
		case "sched-entry":
			ct, err := l.value(t, "a command (S)")
			if err != nil {
				return err
			}
			if ct.s != "S" {
				return l.errAt(ct, "taprio sched-entry: unknown command %q (want S, set gates)", ct.s)
			}
			mt, err := l.value(ct, "a gate mask (hex)")
			if err != nil {
				return err
			}
			mask, err := l.tcCUint(mt, "sched-entry gate mask", 16, 32)
			if err != nil {
				return err
			}
			it, err := l.value(mt, "an interval in nanoseconds")
			if err != nil {
				return err
			}
			interval, err := l.tcCUint(it, "sched-entry interval", 0, 32)
			if err != nil {
				return err
			}
			entries = append(entries, tcTaprioEntry{cmd: 0, mask: uint32(mask), interval: uint32(interval)})
		case "base-time", "cycle-time", "cycle-time-extension":
			v, err := l.value(t, "a time in nanoseconds")
			if err != nil {
				return err
			}
			dst := &baseTime
			switch t.s {
			case "cycle-time":
				dst = &cycle
			case "cycle-time-extension":
				dst = &cycleExt
			}
			if t.s != "base-time" && *dst != 0 {
				return l.tcDup(t)
			}
			n, ok := tcCS64(v.s)
			if !ok {
				break words
			}
			*dst = n
		case "clockid":
			v, err := l.value(t, "a clock (CLOCK_TAI, CLOCK_REALTIME, CLOCK_BOOTTIME, CLOCK_MONOTONIC)")
			if err != nil {
				return err
			}
			if clockid != -1 {
				return l.tcDup(t)
			}
			if clockid, err = l.tcClockid(v, "taprio clockid"); err != nil {
				return err
			}
		case "flags", "txtime-delay":
			dst := &flags
			if t.s == "txtime-delay" {
				dst = &txtimeDelay
			}
			v, err := l.value(t, "a number")
			if err != nil {
				return err
			}
			if *dst != 0 {
				return l.tcDup(t)
			}
			n, err := l.tcCUint(v, t.s, 0, 32)
			if err != nil {
				return err
			}
			*dst = uint32(n)
		case "fp", "max-sdu":
			return l.errAt(t, "taprio %q: iproute2 6.1 has no such option (it came later), and nlbatch follows 6.1", t.s)
		default:
			return l.tcWhat(t, "taprio", tcTaprioWords)
		}
	}
	b := x.c.b
	b.BeginNest(tcaOptions)
	if clockid != -1 {
		b.U32(tcaTaprioClockid, uint32(clockid))
	}
	if flags != 0 {
		b.U32(tcaTaprioFlags, flags)
	}
	if numTC > 0 {
		// hw stays 0.
		var arr [82]byte
		b.Attr(tcaTaprioPriomap, x.tcMqprioQopt(arr[:0], numTC, &prioMap, 0, &count, &offset))
	}
	if txtimeDelay != 0 {
		b.U32(tcaTaprioTxtimeDelay, txtimeDelay)
	}
	x.tcSchedTimes([3]uint16{tcaTaprioBaseTime, tcaTaprioCycleTime, tcaTaprioCycleTimeExt}, [3]int64{baseTime, cycle, cycleExt})
	b.BeginNest(tcaTaprioEntryList | tcNested)
	for _, e := range entries {
		b.BeginNest(tcaTaprioSchedEntry)
		b.U8(tcaTaprioEntryCmd, e.cmd)
		b.U32(tcaTaprioEntryGateMask, e.mask)
		b.U32(tcaTaprioEntryInterval, e.interval)
		b.EndNest()
	}
	b.EndNest()
	b.EndNest()
	return nil
}

// tcStrtokCountOffset reads "COUNT@OFFSET" as taprio does, with strtok:
// empty fields between '@'s are skipped and a third field is ignored;
// both numbers are get_u16 base 10.
func tcStrtokCountOffset(s string) (uint16, uint16, bool) {
	var fields []string
	for _, f := range strings.Split(s, "@") {
		if f != "" {
			fields = append(fields, f)
		}
	}
	if len(fields) < 2 {
		return 0, 0, false
	}
	c, ok1 := cStrtoul(fields[0], 10)
	o, ok2 := cStrtoul(fields[1], 10)
	if !ok1 || !ok2 || c > 0xFFFF || o > 0xFFFF {
		return 0, 0, false
	}
	return uint16(c), uint16(o), true
}
