package batch

import (
	"encoding/binary"
	"strings"
)

// More actions (tc/m_simple.c, tc/m_ctinfo.c, tc/m_gate.c, tc/m_ife.c,
// tc/m_pedit.c with tc/p_ip.c, tc/m_bpf.c). Each parser starts after the
// action's name, as iproute2's starts at it.

// tcSimpleDataLen is SIMP_MAX_DATA: TCA_DEF_DATA always has 32 bytes.
const tcSimpleDataLen = 32

// tcSimple is parse_simple: [sdata STRING] [CONTROL] [index N] (default
// control pipe). tc copies 32 bytes from where the string starts, so
// after a string shorter than 31 bytes it sends the bytes that follow it
// in its memory (the next words); nlbatch sends zeros, which the kernel
// reads the same (it stops at the NUL).
func tcSimple(x *ipCtx, first token) error {
	l := x.l
	var (
		data    token
		hasData bool
		ok      bool
		index   uint32
	)
	if !l.more() {
		return l.errAt(l.end(), "simple needs \"sdata STRING\" or \"index N\"")
	}
loop:
	for l.more() {
		t := l.peek()
		switch {
		case matches(t.s, "simple"):
			l.next()
			if !l.more() {
				return l.errAt(l.end(), "simple needs \"sdata STRING\" or \"index N\"")
			}
		case matches(t.s, "sdata"):
			l.next()
			v, err := l.value(t, "a string")
			if err != nil {
				return err
			}
			data, hasData, ok = v, true, true
		case matches(t.s, "help"):
			return l.errAt(t, "help sends nothing")
		default:
			break loop
		}
	}
	action, err := x.tcActControlDefault(tcActPipe)
	if err != nil {
		return err
	}
	if l.more() && matches(l.peek().s, "index") {
		if err := x.tcActIndex(&index); err != nil {
			return err
		}
		ok = true
	}
	if !ok {
		return l.errAt(first, "simple needs \"sdata STRING\" or \"index N\"")
	}
	if len(data.s) > tcSimpleDataLen-1 {
		return l.errAt(data, "simple sdata %q is %d bytes long (at most %d)", data.s, len(data.s), tcSimpleDataLen-1)
	}
	b := x.c.b
	b.BeginNest(tcaActOptions)
	x.tcActParms(2, index, action) // TCA_DEF_PARMS
	if hasData {
		var d [tcSimpleDataLen]byte
		copy(d[:], data.s)
		b.Attr(3, d[:]) // TCA_DEF_DATA
	}
	b.EndNest()
	return nil
}

// ctinfo (TCA_CTINFO_*).
const (
	tcaCtinfoAct           = 3
	tcaCtinfoZone          = 4
	tcaCtinfoDscpMask      = 5
	tcaCtinfoDscpStatemask = 6
	tcaCtinfoCpmarkMask    = 7
)

// tcCtinfo is parse_ctinfo: [dscp MASK [STATEMASK]] [cpmark [MASK]]
// [zone N] [CONTROL] [index N], in that order.
func tcCtinfo(x *ipCtx, first token) error {
	l := x.l
	var (
		dscpMask, stateMask, cpmarkMask, index uint32
		zone                                   uint16
		dscpTok                                token
	)
	for l.more() && matches(l.peek().s, "ctinfo") {
		l.next()
	}
	if l.more() && matches(l.peek().s, "help") {
		return l.errAt(l.peek(), "help sends nothing")
	}
	if l.more() && matches(l.peek().s, "dscp") {
		t := l.next()
		v, err := l.value(t, "a DSCP mask")
		if err != nil {
			return err
		}
		n, err := l.tcUint(v, "ctinfo dscp mask", 0, 32)
		if err != nil {
			return err
		}
		dscpMask, dscpTok = uint32(n), v
		l.tcOptionalU32(&stateMask)
	}
	if l.more() && matches(l.peek().s, "cpmark") {
		l.next()
		cpmarkMask = ^uint32(0)
		l.tcOptionalU32(&cpmarkMask)
	}
	if l.more() && matches(l.peek().s, "zone") {
		t := l.next()
		n, err := x.tcValueUint(t, "ctinfo zone", 10, 16)
		if err != nil {
			return err
		}
		zone = uint16(n)
	}
	action, err := x.tcActControlIndex(tcActPipe, &index)
	if err != nil {
		return err
	}
	if dscpMask&stateMask != 0 {
		return l.errAt(dscpTok, "ctinfo: the dscp mask and the state mask must not overlap")
	}
	if dscpMask != 0 {
		// ffs, and six contiguous bits from there.
		i := 0
		for dscpMask>>i&1 == 0 {
			i++
		}
		if dscpMask>>i != 0x3f {
			return l.errAt(dscpTok, "ctinfo dscp mask %#x must be 6 contiguous bits", dscpMask)
		}
	}
	b := x.c.b
	b.BeginNest(tcaActOptions)
	x.tcActParms(tcaCtinfoAct, index, action)
	b.U16(tcaCtinfoZone, zone)
	if dscpMask != 0 {
		b.U32(tcaCtinfoDscpMask, dscpMask)
	}
	if stateMask != 0 {
		b.U32(tcaCtinfoDscpStatemask, stateMask)
	}
	if cpmarkMask != 0 {
		b.U32(tcaCtinfoCpmarkMask, cpmarkMask)
	}
	b.EndNest()
	return nil
}

// tcOptionalU32 takes the next word into dst when get_u32 (base 0)
// reads it, as ctinfo's optional masks are read; else it leaves both
// alone.
func (l *cmdLine) tcOptionalU32(dst *uint32) {
	if !l.more() {
		return
	}
	if n, err := parseCUint(l.peek().s, 32); err == nil {
		l.next()
		*dst = uint32(n)
	}
}

// gate (TCA_GATE_*, TCA_GATE_ENTRY_*).
const (
	tcaGateParms        = 2
	tcaGatePriority     = 4
	tcaGateEntryList    = 5
	tcaGateBaseTime     = 6
	tcaGateCycleTime    = 7
	tcaGateCycleTimeExt = 8
	tcaGateFlags        = 9
	tcaGateClockid      = 10

	tcaGateOneEntry        = 1
	tcaGateEntryGate       = 2
	tcaGateEntryInterval   = 3
	tcaGateEntryIPV        = 4
	tcaGateEntryMaxOctets  = 5
	tcGateSchedEntryFormat = "sched-entry open|close INTERVAL [IPV MAX-OCTETS]"
)

var tcGateWords = []string{"index", "priority", "base-time", "cycle-time", "cycle-time-ext", "clockid", "flags", "sched-entry"}

// tcClockids are get_clockid's names (after an optional CLOCK_ prefix,
// any case), for gate and taprio.
var tcClockids = []struct {
	name string
	id   int32
}{{"REALTIME", 0}, {"TAI", 11}, {"BOOTTIME", 7}, {"MONOTONIC", 1}}

// tcClockid is get_clockid; what names the option in errors. Like tc,
// it drops the first six bytes of a word that holds "CLOCK_" anywhere.
func (l *cmdLine) tcClockid(v token, what string) (int32, error) {
	s := v.s
	if strings.Contains(strings.ToUpper(s), "CLOCK_") {
		s = s[len("CLOCK_"):]
	}
	for _, c := range tcClockids {
		if strings.EqualFold(s, c.name) {
			return c.id, nil
		}
	}
	return 0, l.unknown(v, what, []string{"CLOCK_TAI", "CLOCK_REALTIME", "CLOCK_BOOTTIME", "CLOCK_MONOTONIC"})
}

// tcGateEntry is one sched-entry.
type tcGateEntry struct {
	open           bool
	interval       uint32
	ipv, maxOctets int32
}

// tcGateTime is gate's times: a signed decimal number of nanoseconds,
// else get_time64.
func (l *cmdLine) tcGateTime(v token, what string) (int64, error) {
	if n, err := l.tcS64Dec(v); err == nil {
		return n, nil
	}
	return l.tcTime64(v, what)
}

// tcS64Dec is get_s64 base 10 (strtoll: an optional sign).
func (l *cmdLine) tcS64Dec(v token) (int64, error) {
	s := v.s
	neg := strings.HasPrefix(s, "-")
	if neg || strings.HasPrefix(s, "+") {
		s = s[1:]
	}
	u, ok := cStrtoul(s, 10)
	if !ok || s == "" || s[0] == '-' || s[0] == '+' || (!neg && u > 1<<63-1) || (neg && u > 1<<63) {
		return 0, l.errAt(v, "%q is not a decimal number", v.s)
	}
	if neg {
		return -int64(u), nil
	}
	return int64(u), nil
}

// tcS32 is get_s32 base 0 without an error message; ok false when the
// word is not one.
func tcS32(s string) (int32, bool) {
	t := s
	neg := strings.HasPrefix(t, "-")
	if neg || strings.HasPrefix(t, "+") {
		t = t[1:]
	}
	if t == "" || t[0] == '-' || t[0] == '+' {
		return 0, false
	}
	u, ok := cStrtoul(t, 0)
	if !ok || (!neg && u > 1<<31-1) || (neg && u > 1<<31) {
		return 0, false
	}
	if neg {
		return int32(-int64(u)), true
	}
	return int32(u), true
}

// tcGate is parse_gate: the options in any order, then a control
// (default pipe); there is no "index" after the control.
func tcGate(x *ipCtx, first token) error {
	l := x.l
	var (
		index, flags                   uint32
		prio                           int32 = -1
		clockid                        int32 = -1
		baseTime, cycleTime, cycleTExt int64
		entries                        []tcGateEntry
	)
	if !l.more() {
		return l.errAt(l.end(), "gate needs at least one %q", tcGateSchedEntryFormat)
	}
loop:
	for l.more() {
		t := l.peek()
		switch {
		case matches(t.s, "index"):
			// t is the next word: tcActIndex takes it and its number.
			if err := x.tcActIndex(&index); err != nil {
				return err
			}
		case matches(t.s, "priority"):
			l.next()
			v, err := l.value(t, "a priority (a signed number)")
			if err != nil {
				return err
			}
			p, ok := tcS32(v.s)
			if !ok {
				return l.errAt(v, "gate priority %q: want a signed 32-bit number", v.s)
			}
			prio = p
		case matches(t.s, "base-time"), matches(t.s, "cycle-time"), matches(t.s, "cycle-time-ext"):
			l.next()
			v, err := l.value(t, "a time (nanoseconds, or with a unit)")
			if err != nil {
				return err
			}
			n, err := l.tcGateTime(v, t.s)
			if err != nil {
				return err
			}
			switch {
			case matches(t.s, "base-time"):
				baseTime = n
			case matches(t.s, "cycle-time"):
				cycleTime = n
			default:
				cycleTExt = n
			}
		case matches(t.s, "clockid"):
			l.next()
			v, err := l.value(t, "a clock (CLOCK_TAI, CLOCK_REALTIME, CLOCK_BOOTTIME, CLOCK_MONOTONIC)")
			if err != nil {
				return err
			}
			if clockid, err = l.tcClockid(v, "clockid"); err != nil {
				return err
			}
		case matches(t.s, "flags"):
			l.next()
			n, err := x.tcValueUint(t, "gate flags", 0, 32)
			if err != nil {
				return err
			}
			flags = uint32(n)
		case matches(t.s, "sched-entry"):
			l.next()
			e, err := x.tcGateSchedEntry(t)
			if err != nil {
				return err
			}
			entries = append(entries, e)
		case matches(t.s, "help"):
			return l.errAt(t, "help sends nothing")
		default:
			break loop
		}
	}
	action, err := x.tcActControlDefault(tcActPipe)
	if err != nil {
		return err
	}
	if len(entries) == 0 && index == 0 {
		return l.errAt(first, "gate needs at least one %q", tcGateSchedEntryFormat)
	}
	b := x.c.b
	b.BeginNest(tcaActOptions)
	x.tcActParms(tcaGateParms, index, action)
	if prio != -1 {
		b.U32(tcaGatePriority, uint32(prio))
	}
	if flags != 0 {
		b.U32(tcaGateFlags, flags)
	}
	x.tcSchedTimes([3]uint16{tcaGateBaseTime, tcaGateCycleTime, tcaGateCycleTimeExt}, [3]int64{baseTime, cycleTime, cycleTExt})
	if clockid != -1 {
		b.U32(tcaGateClockid, uint32(clockid))
	}
	b.BeginNest(tcaGateEntryList | tcNested)
	for _, e := range entries {
		b.BeginNest(tcaGateOneEntry | tcNested)
		if e.open {
			b.Flag(tcaGateEntryGate)
		}
		b.U32(tcaGateEntryInterval, e.interval)
		b.U32(tcaGateEntryIPV, uint32(e.ipv))
		b.U32(tcaGateEntryMaxOctets, uint32(e.maxOctets))
		b.EndNest()
	}
	b.EndNest()
	b.EndNest()
	return nil
}

// tcSchedTimes writes the base time, cycle time and cycle time
// extension of gate and taprio as u64 attributes of types typs, those
// that are 0 left out.
func (x *ipCtx) tcSchedTimes(typs [3]uint16, times [3]int64) {
	for i, v := range times {
		if v != 0 {
			x.c.b.U64(typs[i], uint64(v))
		}
	}
}

// tcGateSchedEntry reads "open|close INTERVAL [IPV [MAX-OCTETS]]" after
// sched-entry: the optional numbers are taken when they are numbers,
// and a closed gate has neither.
func (x *ipCtx) tcGateSchedEntry(kw token) (tcGateEntry, error) {
	l := x.l
	e := tcGateEntry{ipv: -1, maxOctets: -1}
	st, err := l.value(kw, "open or close")
	if err != nil {
		return e, err
	}
	switch {
	case strings.EqualFold(st.s, "open"):
		e.open = true
	case strings.EqualFold(st.s, "close"):
	default:
		return e, l.unknown(st, "gate state", []string{"open", "close"})
	}
	iv, err := l.value(st, "an interval (nanoseconds, or with a unit)")
	if err != nil {
		return e, err
	}
	if n, err := parseCUint(iv.s, 32); err == nil {
		e.interval = uint32(n)
	} else {
		ns, err := l.tcTime64(iv, "sched-entry interval")
		if err != nil {
			return e, err
		}
		if ns > 0xFFFFFFFF {
			return e, l.errAt(iv, "sched-entry interval %q is too large (at most 4294967295 ns)", iv.s)
		}
		if ns != 0 {
			e.interval = uint32(ns)
		}
	}
	if !l.more() {
		return e, nil
	}
	ipv, ok := tcS32(l.peek().s)
	if !ok {
		return e, nil
	}
	l.next()
	if e.open {
		e.ipv = ipv
	}
	if !l.more() {
		return e, nil
	}
	mo := l.peek()
	if n, ok := tcS32(mo.s); ok {
		l.next()
		e.maxOctets = n
	} else if sz, err := l.tcSize(mo, "max-octets"); err == nil {
		l.next()
		if sz > 1<<31-1 {
			return e, l.errAt(mo, "sched-entry max-octets %q is too large", mo.s)
		}
		if sz != 0 {
			e.maxOctets = int32(sz)
		}
	}
	if !e.open {
		e.maxOctets = -1
	}
	return e, nil
}

// ife (TCA_IFE_*, IFE_META_*).
const (
	tcaIfeParms   = 1
	tcaIfeDMAC    = 3
	tcaIfeSMAC    = 4
	tcaIfeType    = 5
	tcaIfeMetaLst = 6

	tcIfeMetaSkbmark = 1
	tcIfeMetaPrio    = 3
	tcIfeMetaTcindex = 5
)

var (
	tcIfeWords     = []string{"decode", "encode", "allow", "use", "type", "dst", "src"}
	tcIfeMetaWords = []string{"mark", "prio", "tcindex"}
)

// tcIfe is parse_ife: decode|encode, allow|use ATTR, type, dst, src,
// then a control (default pipe) and index. Only encode writes the
// addresses, the type and the metadata list.
func tcIfe(x *ipCtx, first token) error {
	l := x.l
	var (
		ok, encode bool
		allow      [6]bool   // by IFE_META_*
		useVal     [6]uint32 // by IFE_META_*, 0 for none
		ifeType    uint16
		userType   bool
		dmac, smac []byte
		index      uint32
	)
	mac := func(t token) ([]byte, error) {
		v, err := l.value(t, "a MAC address")
		if err != nil {
			return nil, err
		}
		parts := strings.Split(v.s, ":")
		if len(parts) != 6 {
			return nil, l.errAt(v, "ife %s %q: want a MAC address (aa:bb:cc:dd:ee:ff)", t.s, v.s)
		}
		out := make([]byte, 6)
		for i, p := range parts {
			n, ok := cStrtoul(p, 16)
			if !ok || p == "" || n > 0xFF {
				return nil, l.errAt(v, "ife %s %q: want a MAC address (aa:bb:cc:dd:ee:ff)", t.s, v.s)
			}
			out[i] = byte(n)
		}
		return out, nil
	}
	meta := func(v token) (int, error) {
		switch {
		case matches(v.s, "mark"):
			return tcIfeMetaSkbmark, nil
		case matches(v.s, "prio"):
			return tcIfeMetaPrio, nil
		case matches(v.s, "tcindex"):
			return tcIfeMetaTcindex, nil
		}
		return 0, l.unknown(v, "ife metadata", tcIfeMetaWords)
	}
loop:
	for l.more() {
		t := l.peek()
		switch {
		case matches(t.s, "ife"):
			l.next()
			if !l.more() {
				return l.errAt(l.end(), "ife needs decode or encode")
			}
			continue
		case matches(t.s, "decode"):
			encode, ok = false, true
		case matches(t.s, "encode"):
			encode, ok = true, true
		case matches(t.s, "allow"):
			l.next()
			v, err := l.value(t, "mark, prio or tcindex")
			if err != nil {
				return err
			}
			m, err := meta(v)
			if err != nil {
				return err
			}
			allow[m] = true
			continue
		case matches(t.s, "use"):
			l.next()
			v, err := l.value(t, "mark, prio or tcindex and a value")
			if err != nil {
				return err
			}
			m, err := meta(v)
			if err != nil {
				return err
			}
			bits := 32
			if m == tcIfeMetaTcindex {
				bits = 16
			}
			n, err := x.tcValueUint(v, "ife "+v.s+" value", 0, bits)
			if err != nil {
				return err
			}
			useVal[m] = uint32(n)
			continue
		case matches(t.s, "type"):
			l.next()
			n, err := x.tcValueUint(t, "ife type", 0, 16)
			if err != nil {
				return err
			}
			ifeType, userType = uint16(n), true
			continue
		case matches(t.s, "dst"), matches(t.s, "src"):
			l.next()
			m, err := mac(t)
			if err != nil {
				return err
			}
			if matches(t.s, "dst") {
				dmac = m
			} else {
				smac = m
			}
			continue
		case matches(t.s, "help"):
			return l.errAt(t, "help sends nothing")
		default:
			break loop
		}
		l.next()
	}
	action, err := x.tcActControlDefault(tcActPipe)
	if err != nil {
		return err
	}
	if l.more() && matches(l.peek().s, "index") {
		t := l.next()
		n, err := x.tcValueUint(t, "index", 0, 32)
		if err != nil {
			return err
		}
		index, ok = uint32(n), true
	}
	if !ok {
		return l.errAt(first, "ife needs decode or encode")
	}
	b := x.c.b
	b.BeginNest(tcaActOptions)
	var arr [24]byte
	p := x.tcGen(arr[:0], index, action)
	flags := uint16(0)
	if encode {
		flags = 1 // IFE_ENCODE
	}
	p = x.tcPut16(p, flags)
	b.Attr(tcaIfeParms, append(p, 0, 0))
	if encode {
		if dmac != nil {
			b.Attr(tcaIfeDMAC, dmac)
		}
		if userType {
			b.U16(tcaIfeType, ifeType)
		}
		if smac != nil {
			b.Attr(tcaIfeSMAC, smac)
		}
		b.BeginNest(tcaIfeMetaLst)
		for _, m := range []int{tcIfeMetaSkbmark, tcIfeMetaPrio, tcIfeMetaTcindex} {
			switch {
			case useVal[m] != 0 && m == tcIfeMetaTcindex:
				b.U16(uint16(m), uint16(useVal[m]))
			case useVal[m] != 0:
				b.U32(uint16(m), useVal[m])
			case allow[m]:
				b.Attr(uint16(m), nil)
			}
		}
		b.EndNest()
	}
	b.EndNest()
	return nil
}

// bpf action (TCA_ACT_BPF_*).
const (
	tcaActBpfParms  = 2
	tcaActBpfOpsLen = 3
	tcaActBpfOps    = 4
)

// tcBpfAct is bpf_parse_opt of m_bpf.c for classic BPF: [run]
// bytecode "...", [CONTROL] (default pipe) [index N]; the program is
// written where it is read, before the parameters.
func tcBpfAct(x *ipCtx, first token) error {
	l := x.l
	b := x.c.b
	if !l.more() {
		return l.errAt(l.end(), "bpf needs a program: bytecode \"N,c t f k,...\"")
	}
	b.BeginNest(tcaActOptions)
	seenRun := false
	for l.more() {
		t := l.peek()
		mode := t
		switch {
		case matches(t.s, "run"):
			l.next()
			v, err := l.value(t, "a mode (bytecode)")
			if err != nil {
				return err
			}
			if seenRun {
				return l.errAt(t, "duplicate \"run\"")
			}
			mode = v
		case matches(t.s, "help"):
			return l.errAt(t, "help sends nothing")
		case matches(t.s, "index"), seenRun:
			goto done
		default:
			l.next()
		}
		ops, n, err := x.tcBpfMode(mode)
		if err != nil {
			return err
		}
		b.U16(tcaActBpfOpsLen, n)
		b.Attr(tcaActBpfOps, ops)
		seenRun = true
	}
done:
	var index uint32
	action, err := x.tcActControlIndex(tcActPipe, &index)
	if err != nil {
		return err
	}
	x.tcActParms(tcaActBpfParms, index, action)
	b.EndNest()
	return nil
}

// pedit (TCA_PEDIT_*, TCA_PEDIT_KEY_EX_*).
const (
	tcaPeditParms   = 2
	tcaPeditParmsEx = 4
	tcaPeditKeysEx  = 5
	tcaPeditKeyEx   = 6

	tcPeditMaxKeys  = 128 // MAX_OFFS
	tcPeditCmdSet   = 0
	tcPeditCmdAdd   = 1
	tcPeditWordsCmd = "clear, invert, set VAL, add VAL, decrement, preserve"
)

// Header types (TCA_PEDIT_KEY_EX_HDR_TYPE_*).
const (
	tcPeditHdrNet = iota
	tcPeditHdrEth
	tcPeditHdrIP4
	tcPeditHdrIP6
	tcPeditHdrTCP
	tcPeditHdrUDP
)

// tcPeditKey is struct m_pedit_key: a key being built; val and mask are
// numbers here, written most significant byte first (tc stores them
// with htonl).
type tcPeditKey struct {
	mask, val, off, at, offmask, shift uint32
	htype, cmd                         uint16
}

// tcPeditSel is struct m_pedit_sel: the keys so far.
type tcPeditSel struct {
	extended bool
	keys     []tcPeditKey
}

// How parse_val reads a munge's value.
const (
	tcPeditU32 = iota
	tcPeditIPv4
	tcPeditIPv6
	tcPeditMAC
)

// tcPeditField is a field of a layered munge (tc/p_*.c): its offset in
// the header, its length in bytes, the bits it keeps (retain), how its
// value is read, whether "decrement" applies, whether it lies past the
// IPv4 header (the legacy form only) and whether it is traffic_class
// (shifted by 4 bits).
type tcPeditField struct {
	name                  string
	prefix                bool // matched as a prefix (iproute2's matches), else whole
	off, len, retain      uint32
	typ                   int
	dec, outside, tclass4 bool
}

// tcPeditHeader is a layered munge's header: its fields, its header
// type, and whether it needs "pedit ex".
type tcPeditHeader struct {
	htype  uint16
	exOnly bool
	fields []tcPeditField
}

var tcPeditHeaders = map[string]tcPeditHeader{
	"ip": {tcPeditHdrIP4, false, []tcPeditField{
		{name: "src", off: 12, len: 4, retain: 0xFFFFFFFF, typ: tcPeditIPv4},
		{name: "dst", off: 16, len: 4, retain: 0xFFFFFFFF, typ: tcPeditIPv4},
		{name: "tos", off: 1, len: 1, retain: 0xFF},
		{name: "dsfield", prefix: true, off: 1, len: 1, retain: 0xFF},
		{name: "ihl", off: 0, len: 1, retain: 0x0F},
		{name: "ttl", off: 8, len: 1, retain: 0xFF, dec: true},
		{name: "protocol", off: 9, len: 1, retain: 0xFF},
		{name: "precedence", prefix: true, off: 1, len: 1, retain: 0xFF},
		{name: "nofrag", off: 6, len: 1, retain: 0x3F},
		{name: "firstfrag", off: 6, len: 1, retain: 0x1F},
		{name: "ce", off: 6, len: 1, retain: 0x80},
		{name: "df", off: 6, len: 1, retain: 0x40},
		{name: "mf", off: 6, len: 1, retain: 0x20},
		{name: "dport", off: 22, len: 2, retain: 0xFFFF, outside: true},
		{name: "sport", off: 20, len: 2, retain: 0xFFFF, outside: true},
		{name: "icmp_type", off: 20, len: 1, retain: 0xFF, outside: true},
		{name: "icmp_code", off: 20, len: 1, retain: 0xFF, outside: true},
	}},
	"ip6": {tcPeditHdrIP6, true, []tcPeditField{
		{name: "src", off: 8, len: 16, retain: 0xFFFFFFFF, typ: tcPeditIPv6},
		{name: "dst", off: 24, len: 16, retain: 0xFFFFFFFF, typ: tcPeditIPv6},
		{name: "flow_lbl", off: 0, len: 4, retain: 0x0007FFFF},
		{name: "payload_len", off: 4, len: 2, retain: 0xFFFF},
		{name: "nexthdr", off: 6, len: 1, retain: 0xFF},
		{name: "hoplimit", off: 7, len: 1, retain: 0xFF, dec: true},
		{name: "traffic_class", off: 1, len: 1, retain: 0xFF, tclass4: true},
	}},
	"tcp": {tcPeditHdrTCP, true, []tcPeditField{
		{name: "sport", off: 0, len: 2, retain: 0xFFFF},
		{name: "dport", off: 2, len: 2, retain: 0xFFFF},
		{name: "flags", off: 13, len: 1, retain: 0xFF},
	}},
	"udp": {tcPeditHdrUDP, true, []tcPeditField{
		{name: "sport", off: 0, len: 2, retain: 0xFFFF},
		{name: "dport", off: 2, len: 2, retain: 0xFFFF},
	}},
	"eth": {tcPeditHdrEth, false, []tcPeditField{
		{name: "type", off: 12, len: 2, retain: 0xFFFF},
		{name: "dst", off: 0, len: 6, retain: 0xFFFFFFFF, typ: tcPeditMAC},
		{name: "src", off: 6, len: 6, retain: 0xFFFFFFFF, typ: tcPeditMAC},
	}},
}

// tcPedit is parse_pedit: pedit [ex] munge MUNGE... [CONTROL] (default
// ok) [index N]. A munge is "offset OFF u8|u16|u32 [at AT OFFMASK SHIFT]
// CMD" or "HEADER FIELD CMD" with HEADER ip, ip6, tcp, udp or eth.
func tcPedit(x *ipCtx, first token) error {
	l := x.l
	var (
		sel   tcPeditSel
		index uint32
	)
	if !l.more() {
		return l.errAt(l.end(), "pedit needs [ex] munge ...")
	}
	if matches(l.peek().s, "ex") {
		l.next()
		sel.extended = true
		if !l.more() {
			return l.errAt(l.end(), "pedit ex needs munge ...")
		}
	}
loop:
	for l.more() {
		t := l.peek()
		switch {
		case matches(t.s, "pedit"):
			l.next()
			if !l.more() {
				return l.errAt(l.end(), "pedit needs [ex] munge ...")
			}
			if matches(l.peek().s, "ex") {
				return l.errAt(l.peek(), "pedit: \"ex\" must come before the first \"munge\"")
			}
		case matches(t.s, "help"):
			return l.errAt(t, "help sends nothing")
		case matches(t.s, "munge"):
			l.next()
			if !l.more() {
				return l.errAt(l.end(), "munge needs offset ... or HEADER FIELD ...")
			}
			if err := x.tcPeditMunge(&sel); err != nil {
				return err
			}
		default:
			break loop
		}
	}
	action, err := x.tcActControlIndex(tcActOK, &index)
	if err != nil {
		return err
	}
	b := x.c.b
	b.BeginNest(tcaActOptions)
	p := make([]byte, 0, 24+24*len(sel.keys))
	p = x.tcGen(p, index, action)
	p = append(p, byte(len(sel.keys)), 0, 0, 0) // nkeys, flags, padding
	for _, k := range sel.keys {
		p = binary.BigEndian.AppendUint32(p, k.mask)
		p = binary.BigEndian.AppendUint32(p, k.val)
		p = x.tcPut32(p, k.off)
		p = x.tcPut32(p, k.at)
		p = x.tcPut32(p, k.offmask)
		p = x.tcPut32(p, k.shift)
	}
	if !sel.extended {
		b.Attr(tcaPeditParms, p)
	} else {
		b.Attr(tcaPeditParmsEx, p)
		b.BeginNest(tcaPeditKeysEx | tcNested)
		for _, k := range sel.keys {
			b.BeginNest(tcaPeditKeyEx | tcNested)
			b.U16(1, k.htype) // TCA_PEDIT_KEY_EX_HTYPE
			b.U16(2, k.cmd)   // TCA_PEDIT_KEY_EX_CMD
			b.EndNest()
		}
		b.EndNest()
	}
	b.EndNest()
	return nil
}

// tcPeditMunge is parse_munge after "munge".
func (x *ipCtx) tcPeditMunge(sel *tcPeditSel) error {
	l := x.l
	t := l.next()
	var k tcPeditKey
	if matches(t.s, "offset") {
		v, err := l.value(t, "an offset")
		if err != nil {
			return err
		}
		off, err := l.tcInt(v, "pedit offset")
		if err != nil {
			return err
		}
		k.off = uint32(off)
		w, err := l.value(v, "u8, u16 or u32")
		if err != nil {
			return err
		}
		f := tcPeditField{typ: tcPeditU32}
		switch {
		case matches(w.s, "u32"):
			f.len, f.retain = 4, 0xFFFFFFFF
		case matches(w.s, "u16"):
			f.len, f.retain = 2, 0xFFFF
		case matches(w.s, "u8"):
			f.len, f.retain = 1, 0xFF
		default:
			return l.unknown(w, "pedit offset size", []string{"u8", "u16", "u32"})
		}
		if !l.more() {
			return l.errAt(l.end(), "pedit offset needs a command (%s)", tcPeditWordsCmd)
		}
		if matches(l.peek().s, "at") {
			at := l.next()
			var vals [3]uint64
			for i, spec := range []struct {
				what string
				base int
			}{{"at", 0}, {"offmask (hex)", 16}, {"shift", 0}} {
				v, err := l.value(at, "at AT OFFMASK SHIFT")
				if err != nil {
					return err
				}
				if vals[i], err = l.tcUint(v, "pedit "+spec.what, spec.base, 32); err != nil {
					return err
				}
				at = v
			}
			k.at, k.offmask, k.shift = uint32(vals[0]), uint32(vals[1]), uint32(vals[2])
			if !l.more() {
				return l.errAt(l.end(), "pedit offset needs a command (%s)", tcPeditWordsCmd)
			}
		}
		return x.tcPeditCmd(sel, &k, f)
	}
	hdr, ok := tcPeditHeaders[t.s]
	if !ok {
		if t.s == "icmp" {
			// p_icmp.c parses nothing.
			return l.errAt(t, "pedit munge icmp: tc knows no icmp field (use ip icmp_type, or offset)")
		}
		return l.unknown(t, "pedit munge", []string{"offset", "ip", "ip6", "tcp", "udp", "eth"})
	}
	if !l.more() {
		return l.errAt(l.end(), "pedit munge %s needs a field", t.s)
	}
	fw := l.next()
	if !l.more() {
		return l.errAt(l.end(), "pedit munge %s %s needs a command (%s)", t.s, fw.s, tcPeditWordsCmd)
	}
	if hdr.exOnly && !sel.extended {
		return l.errAt(t, "pedit munge %s needs \"pedit ex\"", t.s)
	}
	k.htype = hdr.htype
	if t.s == "ip" && !sel.extended {
		k.htype = tcPeditHdrNet
	}
	names := make([]string, 0, len(hdr.fields))
	for _, f := range hdr.fields {
		names = append(names, f.name)
		if fw.s != f.name && !(f.prefix && matches(fw.s, f.name)) {
			continue
		}
		if f.outside && sel.extended {
			return l.errAt(fw, "pedit ex munge ip %q: a field past the IP header is addressed by its own header (tcp, udp)", fw.s)
		}
		k.off = f.off
		return x.tcPeditCmd(sel, &k, f)
	}
	return l.unknown(fw, "pedit "+t.s+" field", names)
}

// tcPeditCmd is parse_cmd: the command, an optional "retain R", and the
// key or keys it makes (pack_key8/16/32, pack_mac, pack_ipv6).
func (x *ipCtx) tcPeditCmd(sel *tcPeditSel, k *tcPeditKey, f tcPeditField) error {
	l := x.l
	retain := f.retain
	var o uint32 = 0xFF
	switch f.len {
	case 2:
		o = 0xFFFF
	case 4:
		o = 0xFFFFFFFF
	}
	// val and mask of parse_cmd: four u32 of the machine's order, which
	// an address or a MAC address fills as bytes.
	var v, m uint32
	var raw []byte
	c := l.next()
	switch {
	case matches(c.s, "invert"):
		v, m = o, o
	case matches(c.s, "set"), matches(c.s, "add"):
		if !matches(c.s, "set") {
			k.cmd = tcPeditCmdAdd
		}
		if !sel.extended && k.cmd != tcPeditCmdSet {
			return l.errAt(c, "pedit %q needs \"pedit ex\" (without it only \"set\" is allowed)", c.s)
		}
		w, err := l.value(c, "a value")
		if err != nil {
			return err
		}
		switch f.typ {
		case tcPeditIPv4:
			pfx, err := l.prefixArg(w, afInet, true)
			if err != nil {
				return err
			}
			v = tcIPv4Word(pfx)
		case tcPeditIPv6:
			pfx, err := l.prefixArg(w, afInet6, true)
			if err != nil {
				return err
			}
			raw = pfx.bytes()
		case tcPeditMAC:
			mac, err := l.lladdrArg(w)
			if err != nil {
				return err
			}
			if len(mac) != 6 {
				return l.errAt(w, "pedit: %q is not a MAC address (6 bytes)", w.s)
			}
			raw = mac
		default:
			u, err := l.tcUint(w, "pedit value", 0, 32)
			if err != nil {
				return err
			}
			v = uint32(u)
		}
	case matches(c.s, "decrement"):
		if !f.dec {
			return l.errAt(c, "pedit: \"decrement\" is only for ip ttl and ip6 hoplimit")
		}
		if !sel.extended {
			return l.errAt(c, "pedit %q needs \"pedit ex\" (without it only \"set\" is allowed)", c.s)
		}
		k.cmd = tcPeditCmdAdd
		v = retain // an addition that overflows
	case matches(c.s, "preserve"):
		retain = 0
	case matches(c.s, "clear"):
	default:
		return l.unknown(c, "pedit command", []string{"clear", "invert", "set", "add", "decrement", "preserve"})
	}
	if l.more() && matches(l.peek().s, "retain") {
		t := l.next()
		r, err := x.tcValueUint(t, "pedit retain", 0, 32)
		if err != nil {
			return err
		}
		retain = uint32(r)
	}
	if f.len > 4 && retain != 0xFFFFFFFF {
		return l.errAt(c, "pedit: \"retain\" and \"preserve\" are for fields of at most 32 bits")
	}
	if raw == nil && (f.typ == tcPeditIPv6 || f.typ == tcPeditMAC) {
		raw = x.tcPut32(nil, v) // the first u32, as the machine stores it
	}
	switch f.typ {
	case tcPeditMAC:
		raw = append(raw, make([]byte, 6)...)
		be32 := binary.BigEndian.Uint32
		be16 := func(b []byte) uint32 { return uint32(binary.BigEndian.Uint16(b)) }
		switch {
		case k.off&3 == 0:
			if err := x.tcPeditPack(sel, c, *k, 4, be32(raw), 0, 0xFFFFFFFF); err != nil {
				return err
			}
			k.off += 4
			return x.tcPeditPack(sel, c, *k, 2, be16(raw[4:]), 0, 0xFFFFFFFF)
		case k.off&1 == 0:
			if err := x.tcPeditPack(sel, c, *k, 2, be16(raw), 0, 0xFFFFFFFF); err != nil {
				return err
			}
			k.off = k.off&^3 + 4
			return x.tcPeditPack(sel, c, *k, 4, be32(raw[2:]), 0, 0xFFFFFFFF)
		}
		return l.errAt(c, "pedit: a MAC address must start at an even offset")
	case tcPeditIPv6:
		raw = append(raw, make([]byte, 16)...)
		if k.off&3 != 0 {
			return l.errAt(c, "pedit: an IPv6 address must start at a multiple of 4")
		}
		for i := 0; i < 4; i++ {
			if err := x.tcPeditPack(sel, c, *k, 4, binary.BigEndian.Uint32(raw[4*i:]), 0, 0xFFFFFFFF); err != nil {
				return err
			}
			k.off += 4
		}
		return nil
	}
	if err := x.tcPeditPack(sel, c, *k, f.len, v, m, retain); err != nil {
		return err
	}
	if f.tclass4 {
		last := &sel.keys[len(sel.keys)-1]
		last.mask = last.mask<<4 | 0xF
		last.val <<= 4
	}
	return nil
}

// tcPeditPack is pack_key8, pack_key16 and pack_key32, then pack_key:
// the value and mask placed in the field's 32-bit word.
func (x *ipCtx) tcPeditPack(sel *tcPeditSel, c token, k tcPeditKey, n, val, mask, retain uint32) error {
	l := x.l
	switch n {
	case 1, 2:
		max := uint32(0xFF)
		ind := k.off & 3
		stride := 8 * (3 - ind)
		masks := [4]uint32{0x00FFFFFF, 0xFF00FFFF, 0xFFFF00FF, 0xFFFFFF00}
		if n == 2 {
			max = 0xFFFF
			if ind == 3 {
				return l.errAt(c, "pedit: a 16-bit field cannot start at the last byte of a 32-bit word (offset %d)", int32(k.off))
			}
			stride = 8 * (2 - ind)
			masks = [4]uint32{0x0000FFFF, 0xFF0000FF, 0xFFFF0000, 0}
		}
		if val > max || mask > max {
			return l.errAt(c, "pedit: value %#x does not fit the %d-bit field", val, 8*n)
		}
		k.val = (val & retain) << stride
		k.mask = (mask|^retain)<<stride | masks[ind]
		k.off &^= 3
	default:
		if k.off&3 != 0 {
			return l.errAt(c, "pedit: a 32-bit field must start at a multiple of 4 (offset %d)", int32(k.off))
		}
		k.val = val & retain
		k.mask = mask | ^retain
	}
	if len(sel.keys) >= tcPeditMaxKeys {
		return l.errAt(c, "pedit: too many keys (at most %d)", tcPeditMaxKeys)
	}
	if !sel.extended && (k.htype != tcPeditHdrNet || k.cmd != tcPeditCmdSet) {
		return l.errAt(c, "pedit: this munge needs \"pedit ex\"")
	}
	sel.keys = append(sel.keys, k)
	return nil
}
