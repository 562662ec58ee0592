package batch

import (
	"encoding/binary"
	"math"
	"strconv"
	"strings"
)

// The units and number forms of tc's arguments (tc/tc_util.c,
// tc/tc_core.c, lib/utils.c), as tables: a word is a number as C's
// strtod reads it, then a unit matched without regard to case.

// tcUnit is one unit of a table: its name and what one of it is worth.
type tcUnit struct {
	name  string
	scale float64
}

// tcRateUnits are get_rate's units, in bits per second; a rate without
// a unit is in bits per second.
var tcRateUnits = []tcUnit{
	{"bit", 1}, {"kibit", 1024}, {"kbit", 1000}, {"mibit", 1024 * 1024}, {"mbit", 1e6},
	{"gibit", 1024 * 1024 * 1024}, {"gbit", 1e9}, {"tibit", 1024 * 1024 * 1024 * 1024}, {"tbit", 1e12},
	{"bps", 8}, {"kibps", 8 * 1024}, {"kbps", 8000}, {"mibps", 8 * 1024 * 1024}, {"mbps", 8e6},
	{"gibps", 8 * 1024 * 1024 * 1024}, {"gbps", 8e9}, {"tibps", 8 * 1024 * 1024 * 1024 * 1024}, {"tbps", 8e12},
}

// tcSizeUnits are get_size's units, in bytes; a size without a unit is
// in bytes. The bit units are iproute2's integer arithmetic
// (1024*1024/8).
var tcSizeUnits = []tcUnit{
	{"b", 1}, {"k", 1024}, {"kb", 1024}, {"m", 1024 * 1024}, {"mb", 1024 * 1024},
	{"g", 1024 * 1024 * 1024}, {"gb", 1024 * 1024 * 1024},
	{"kbit", 1024 / 8}, {"mbit", 1024 * 1024 / 8}, {"gbit", 1024 * 1024 * 1024 / 8},
}

// tcTimeUnits are get_time's units, in microseconds; a time without a
// unit is in microseconds.
var tcTimeUnits = []tcUnit{
	{"s", 1e6}, {"sec", 1e6}, {"secs", 1e6},
	{"ms", 1e3}, {"msec", 1e3}, {"msecs", 1e3},
	{"us", 1}, {"usec", 1}, {"usecs", 1},
}

// tcTime64Units are get_time64's units, in nanoseconds.
var tcTime64Units = []tcUnit{
	{"s", 1e9}, {"sec", 1e9}, {"secs", 1e9},
	{"ms", 1e6}, {"msec", 1e6}, {"msecs", 1e6},
	{"us", 1e3}, {"usec", 1e3}, {"usecs", 1e3},
	{"ns", 1}, {"nsec", 1}, {"nsecs", 1},
}

func tcUnitNames(units []tcUnit) string {
	names := make([]string, len(units))
	for i, u := range units {
		names[i] = u.name
	}
	return strings.Join(names, ", ")
}

// tcScaled reads a number with a unit of the table (def when there is
// none).
func tcScaled(s string, units []tcUnit, def float64) (float64, string, bool) {
	v, rest, ok := cStrtod(s)
	if !ok {
		return 0, "", false
	}
	if rest == "" {
		return v * def, "", true
	}
	for _, u := range units {
		if strings.EqualFold(rest, u.name) {
			return v * u.scale, "", true
		}
	}
	return 0, rest, false
}

// tcRate64 is get_rate64: a rate in bytes per second. A rate with '%'
// is a share of the device's speed, which iproute2 reads from sysfs:
// an offline compiler cannot know it.
func (l *cmdLine) tcRate64(t token, what string) (uint64, error) {
	if strings.Contains(t.s, "%") {
		return 0, l.errAt(t, "%s %q: a rate in percent is a share of the device's speed, which tc reads from the running system; nlbatch compiles offline: give the rate in bits per second", what, t.s)
	}
	bits, unit, ok := tcScaled(t.s, tcRateUnits, 1)
	if !ok {
		if unit != "" {
			return 0, l.errAt(t, "%s %q: unknown unit %q (want %s)", what, t.s, unit, tcUnitNames(tcRateUnits))
		}
		return 0, l.errAt(t, "%s %q: want a rate, a number with a unit (%s)", what, t.s, tcUnitNames(tcRateUnits))
	}
	bps := bits / 8
	if bps < 0 || bps >= 1<<64 || math.IsNaN(bps) {
		return 0, l.errAt(t, "%s %q is out of range", what, t.s)
	}
	return uint64(bps), nil
}

// tcRate32 is get_rate: a rate in bytes per second that fits 32 bits.
func (l *cmdLine) tcRate32(t token, what string) (uint32, error) {
	v, err := l.tcRate64(t, what)
	if err != nil {
		return 0, err
	}
	if v > math.MaxUint32 {
		return 0, l.errAt(t, "%s %q is more than 32 bits of bytes per second (34.3gbit)", what, t.s)
	}
	return uint32(v), nil
}

// tcSize is get_size: a size in bytes.
func (l *cmdLine) tcSize(t token, what string) (uint32, error) {
	v, unit, ok := tcScaled(t.s, tcSizeUnits, 1)
	if !ok {
		if unit != "" {
			return 0, l.errAt(t, "%s %q: unknown unit %q (want %s)", what, t.s, unit, tcUnitNames(tcSizeUnits))
		}
		return 0, l.errAt(t, "%s %q: want a size, a number with a unit (%s)", what, t.s, tcUnitNames(tcSizeUnits))
	}
	if v < 0 || v > math.MaxUint32 || math.IsNaN(v) {
		return 0, l.errAt(t, "%s %q is out of range (0 to 4g)", what, t.s)
	}
	return uint32(v), nil
}

// tcSizeCell is get_size_and_cell: "SIZE[/CELL]", the cell a power of
// two; cellLog is -1 when no cell is given.
func (l *cmdLine) tcSizeCell(t token, what string) (size uint32, cellLog int, err error) {
	sizeText, cellText, hasCell := strings.Cut(t.s, "/")
	size, err = l.tcSize(token{s: sizeText, line: t.line, col: t.col}, what)
	if err != nil {
		return 0, 0, err
	}
	if !hasCell {
		return size, -1, nil
	}
	cell, perr := strconv.ParseInt(cellText, 0, 32)
	if perr == nil {
		for i := 0; i < 32; i++ {
			if int64(1)<<i == cell {
				return size, i, nil
			}
		}
	}
	return 0, 0, l.errAt(t, "%s %q: the cell size after '/' must be a power of two", what, t.s)
}

// tcTime is get_time: a time in microseconds.
func (l *cmdLine) tcTime(t token, what string) (uint32, error) {
	v, unit, ok := tcScaled(t.s, tcTimeUnits, 1)
	if !ok {
		if unit != "" {
			return 0, l.errAt(t, "%s %q: unknown unit %q (want %s)", what, t.s, unit, tcUnitNames(tcTimeUnits))
		}
		return 0, l.errAt(t, "%s %q: want a time, a number with a unit (%s)", what, t.s, tcUnitNames(tcTimeUnits))
	}
	if v < 0 || v > math.MaxUint32 || math.IsNaN(v) {
		return 0, l.errAt(t, "%s %q is out of range (0 to about 71 minutes)", what, t.s)
	}
	return uint32(v), nil
}

// tcTime64 is get_time64: a time in nanoseconds.
func (l *cmdLine) tcTime64(t token, what string) (int64, error) {
	v, unit, ok := tcScaled(t.s, tcTime64Units, 1)
	if !ok {
		if unit != "" {
			return 0, l.errAt(t, "%s %q: unknown unit %q (want %s)", what, t.s, unit, tcUnitNames(tcTime64Units))
		}
		return 0, l.errAt(t, "%s %q: want a time, a number with a unit (%s)", what, t.s, tcUnitNames(tcTime64Units))
	}
	if v < 0 || v >= math.MaxInt64 || math.IsNaN(v) {
		return 0, l.errAt(t, "%s %q is out of range", what, t.s)
	}
	return int64(v), nil
}

// tcPercent is netem's get_percent: "N%" (or N) as a share of 2^32-1.
func (l *cmdLine) tcPercent(t token, what string) (uint32, error) {
	v, rest, ok := cStrtod(t.s)
	if !ok || (rest != "" && rest != "%") {
		return 0, l.errAt(t, "%s %q: want a percentage such as 1%% or 0.5%%", what, t.s)
	}
	v /= 100
	if v > 1 || v < 0 {
		return 0, l.errAt(t, "%s %q is not between 0%% and 100%%", what, t.s)
	}
	return uint32(math.RoundToEven(v * math.MaxUint32)), nil
}

// tcIsNumber is iproute2's NEXT_IS_NUMBER: the next word starts with a
// digit.
func (l *cmdLine) tcNextIsNumber() bool {
	if !l.more() {
		return false
	}
	s := l.peek().s
	return s != "" && s[0] >= '0' && s[0] <= '9'
}

// tcNextIsSigned is NEXT_IS_SIGNED_NUMBER: a digit or '-'.
func (l *cmdLine) tcNextIsSigned() bool {
	if !l.more() {
		return false
	}
	s := l.peek().s
	return s != "" && (s[0] >= '0' && s[0] <= '9' || s[0] == '-')
}

// Timing: the kernel's packet scheduler clock as /proc/net/psched
// describes it. iproute2 reads it at start-up; every kernel since 2.6.31
// with high-resolution timers shows "000003e8 00000040 000f4240
// 3b9aca00" (the values this machine shows too), so nlbatch assumes
// them: 15.625 ticks a microsecond, a clock of 10^9 Hz.
const (
	tcTicksPerUsec = 1000.0 / 64
	tcHZ           = 1000000000
)

// tcCUint is C's conversion of a double to a 32-bit unsigned int, as
// gcc does it on x86-64 for values in range.
func tcCUint(v float64) uint32 { return uint32(int64(v)) }

// tcTime2Tick is tc_core_time2tick.
func tcTime2Tick(usec uint32) uint32 { return tcCUint(float64(usec) * tcTicksPerUsec) }

// tcXmitTime is tc_calc_xmittime: the ticks size bytes take at rate
// bytes per second.
func tcXmitTime(rate uint64, size uint32) uint32 {
	return tcTime2Tick(tcCUint(1000000 * (float64(size) / float64(rate))))
}

// tcLinkLayer values (enum link_layer).
const (
	tcLinkEthernet = 1
	tcLinkATM      = 2
)

// tcRateSpec is struct tc_ratespec.
type tcRateSpec struct {
	cellLog   uint8
	linkLayer uint8
	overhead  uint16
	cellAlign int16
	mpu       uint16
	rate      uint32
}

func (x *ipCtx) tcPutRateSpec(p []byte, r tcRateSpec) []byte {
	p = append(p, r.cellLog, r.linkLayer)
	p = x.tcPut16(p, r.overhead)
	p = x.tcPut16(p, uint16(r.cellAlign))
	p = x.tcPut16(p, r.mpu)
	return x.tcPut32(p, r.rate)
}

// tcRateTable is tc_calc_rtable_64: the 256 transmit times of a rate
// table (in the payload's byte order, ready for an attribute), filling
// the cell fields of r; cellLog -1 derives it from mtu.
func (x *ipCtx) tcRateTable(tab *[1024]byte, r *tcRateSpec, cellLog int, mtu uint32, linkLayer uint8, rate uint64) {
	if mtu == 0 {
		mtu = 2047
	}
	if cellLog < 0 {
		cellLog = 0
		for (mtu >> cellLog) > 255 {
			cellLog++
		}
	}
	p := tab[:0]
	for i := 0; i < 256; i++ {
		sz := uint32(i+1) << cellLog
		if sz < uint32(r.mpu) {
			sz = uint32(r.mpu)
		}
		if linkLayer == tcLinkATM {
			cells := sz / 48
			if sz%48 > 0 {
				cells++
			}
			sz = cells * 53
		}
		p = x.tcPut32(p, tcXmitTime(rate, sz))
	}
	r.cellAlign = -1
	r.cellLog = uint8(cellLog)
	r.linkLayer = linkLayer & 0x0f
}

// tcLinkLayerArg is get_linklayer.
func (l *cmdLine) tcLinkLayerArg(t token) (uint8, error) {
	switch {
	case matches(t.s, "ethernet"):
		return tcLinkEthernet, nil
	case matches(t.s, "atm"), matches(t.s, "adsl"):
		return tcLinkATM, nil
	}
	return 0, l.unknown(t, "linklayer", []string{"ethernet", "atm", "adsl"})
}

// Handles (linux/pkt_sched.h); TC_H_ROOT and TC_H_INGRESS are
// tcHRoot and tcHIngress of pyroute2_tc.go.
const (
	tcHMinIngress = 0xFFF2
	tcHMinEgress  = 0xFFF3
)

// tcStrtoul16 is C's strtoul(s, &p, 16) on the digits it accepts: an
// optional sign and 0x, then hex digits; an overflow gives the largest
// value, as strtoul does. n is how many bytes it read (0: none).
func tcStrtoul16(s string) (v uint64, n int) {
	v, n, ok := cStrtoulPrefix(s, 16)
	if !ok && n > 0 {
		v = math.MaxUint64
	}
	return v, n
}

func tcIsHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

// tcQdiscHandle is get_qdisc_handle: "MAJ:" (hex; what follows the
// colon is ignored) or "none".
func (l *cmdLine) tcQdiscHandle(t token, what string) (uint32, error) {
	if t.s == "none" {
		return 0, nil
	}
	maj, n := tcStrtoul16(t.s)
	if n == 0 || maj >= 1<<16 || (n < len(t.s) && t.s[n] != ':') {
		return 0, l.errAt(t, "%s %q: want a qdisc handle, hex MAJOR followed by ':' (1:, ffff:)", what, t.s)
	}
	return uint32(maj) << 16, nil
}

// tcClassid is get_tc_classid: "MAJ:MIN" in hex, "MAJ:", ":MIN", a
// single hex number, "root" or "none".
func (l *cmdLine) tcClassid(t token, what string) (uint32, error) {
	switch t.s {
	case "root":
		return tcHRoot, nil
	case "none":
		return 0, nil
	}
	bad := func() (uint32, error) {
		return 0, l.errAt(t, "%s %q: want a class id, hex MAJOR:MINOR (1:10), \"root\" or \"none\"", what, t.s)
	}
	s := t.s
	maj, n := tcStrtoul16(s)
	if n == 0 && (s == "" || s[0] != ':') {
		return bad()
	}
	rest := s[n:]
	if rest == "" {
		if maj > math.MaxUint32 {
			return bad()
		}
		return uint32(maj), nil
	}
	if rest[0] != ':' || maj >= 1<<16 {
		return bad()
	}
	minText := rest[1:]
	min, m := tcStrtoul16(minText)
	if m != len(minText) || min >= 1<<16 {
		return bad()
	}
	return uint32(maj)<<16 | uint32(min), nil
}

// tcUint is get_u32/get_u16/get_u8 with a base (0: C's prefixes; 16
// also takes 0x).
func (l *cmdLine) tcUint(t token, what string, base, bits int) (uint64, error) {
	s, origBase := t.s, base
	if base == 16 && len(s) > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') {
		s = s[2:]
	}
	if base == 0 {
		switch {
		case len(s) > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X'):
			s, base = s[2:], 16
		case len(s) > 1 && s[0] == '0':
			s, base = s[1:], 8
		default:
			base = 10
		}
	}
	v, err := strconv.ParseUint(s, base, bits)
	if err != nil || s == "" {
		if err != nil && strings.Contains(err.Error(), "range") {
			return 0, l.errAt(t, "%s %q is out of range (at most %d)", what, t.s, uint64(math.MaxUint64)>>(64-bits))
		}
		return 0, l.errAt(t, "%s %q: want %s", what, t.s, tcNumberKind(origBase))
	}
	return v, nil
}

// tcNumberKind says what a number of base is, for errors.
func tcNumberKind(base int) string {
	switch base {
	case 10:
		return "a decimal number"
	case 16:
		return "a hex number"
	}
	return "a number"
}

// tcInt is get_integer/get_s32: a signed number (base 0).
func (l *cmdLine) tcInt(t token, what string) (int32, error) {
	v, err := strconv.ParseInt(t.s, 0, 32)
	if err != nil {
		return 0, l.errAt(t, "%s %q: want a signed 32-bit number", what, t.s)
	}
	return int32(v), nil
}

// tcEstimator is parse_estimator and tc_setup_estimator: "estimator
// INTERVAL TIME-CONSTANT" as struct tc_estimator.
func (x *ipCtx) tcEstimator(kw token) ([2]byte, error) {
	l := x.l
	it, err := l.value(kw, "an interval (250ms, 1s ... 8s)")
	if err != nil {
		return [2]byte{}, err
	}
	a, err := l.tcTime(it, "estimator interval")
	if err != nil {
		return [2]byte{}, err
	}
	ct, err := l.value(it, "a time constant")
	if err != nil {
		return [2]byte{}, err
	}
	tc, err := l.tcTime(ct, "estimator time constant")
	if err != nil {
		return [2]byte{}, err
	}
	interval := 0
	for ; interval <= 5; interval++ {
		if float64(a) <= float64(int(1)<<interval)*(1000000/4) {
			break
		}
	}
	if interval > 5 {
		return [2]byte{}, l.errAt(it, "estimator interval %q is out of range (at most 8s)", it.s)
	}
	interval -= 2
	ewma := 1
	for ; ewma < 32; ewma++ {
		w := 1.0 - 1.0/float64(uint64(1)<<ewma)
		if float64(a)/(-math.Log(w)) > float64(tc) {
			break
		}
	}
	ewma--
	if ewma == 0 || ewma >= 31 {
		return [2]byte{}, l.errAt(ct, "estimator time constant %q is out of range for interval %q", ct.s, it.s)
	}
	return [2]byte{byte(int8(interval)), byte(ewma)}, nil
}

// tcEthProtos are iproute2's link-layer protocol names (lib/ll_proto.c),
// matched without regard to case, with their ETH_P_* numbers.
var tcEthProtos = []struct {
	name string
	id   uint16
}{
	{"loop", 0x0060}, {"pup", 0x0200}, {"pupat", 0x0201}, {"ip", 0x0800}, {"x25", 0x0805},
	{"arp", 0x0806}, {"bpq", 0x08ff}, {"ieeepup", 0x0a00}, {"ieeepupat", 0x0a01}, {"dec", 0x6000},
	{"dna_dl", 0x6001}, {"dna_rc", 0x6002}, {"dna_rt", 0x6003}, {"lat", 0x6004}, {"diag", 0x6005},
	{"cust", 0x6006}, {"sca", 0x6007}, {"rarp", 0x8035}, {"atalk", 0x809b}, {"aarp", 0x80f3},
	{"ipx", 0x8137}, {"ipv6", 0x86dd}, {"ppp_disc", 0x8863}, {"ppp_ses", 0x8864}, {"atmmpoa", 0x884c},
	{"atmfate", 0x8884}, {"802_3", 0x0001}, {"ax25", 0x0002}, {"all", 0x0003}, {"802_2", 0x0004},
	{"snap", 0x0005}, {"ddcmp", 0x0006}, {"wan_ppp", 0x0007}, {"ppp_mp", 0x0008}, {"localtalk", 0x0009},
	{"can", 0x000c}, {"ppptalk", 0x0010}, {"tr_802_2", 0x0011}, {"mobitex", 0x0015}, {"control", 0x0016},
	{"irda", 0x0017}, {"econet", 0x0018}, {"tipc", 0x88ca}, {"aoe", 0x88a2}, {"802.1Q", 0x8100},
	{"802.1ad", 0x88a8}, {"mpls_uc", 0x8847}, {"mpls_mc", 0x8848}, {"teb", 0x6558},
	{"lldp", 0x88cc}, {"ipv4", 0x0800},
}

// Ethernet protocol numbers used by the parsers.
const (
	tcEthAll    = 0x0003
	tcEthIP     = 0x0800
	tcEthIPv6   = 0x86dd
	tcEth8021Q  = 0x8100
	tcEth8021AD = 0x88a8
)

// tcEthProto is ll_proto_a2n: a protocol name or number (host value;
// iproute2 stores it in network order).
func (l *cmdLine) tcEthProto(t token, what string) (uint16, error) {
	for _, p := range tcEthProtos {
		if strings.EqualFold(p.name, t.s) {
			return p.id, nil
		}
	}
	v, err := strconv.ParseUint(t.s, 0, 16)
	if err != nil {
		known := make([]string, len(tcEthProtos))
		for i, p := range tcEthProtos {
			known[i] = p.name
		}
		return 0, l.unknown(t, what, known)
	}
	return uint16(v), nil
}

// tcHtons is a 16-bit value in network order, read as a host value of
// the payload's byte order (tcm_info's protocol half).
func (x *ipCtx) tcHtons(v uint16) uint16 {
	if x.c.opts.BigEndian {
		return v
	}
	return v<<8 | v>>8
}

// tcPut16 and tcPut32 append host-order numbers in the payload's byte
// order (without an interface call, so that buffers stay on the stack).
func (x *ipCtx) tcPut16(p []byte, v uint16) []byte {
	if x.c.opts.BigEndian {
		return binary.BigEndian.AppendUint16(p, v)
	}
	return binary.LittleEndian.AppendUint16(p, v)
}

func (x *ipCtx) tcPut32(p []byte, v uint32) []byte {
	if x.c.opts.BigEndian {
		return binary.BigEndian.AppendUint32(p, v)
	}
	return binary.LittleEndian.AppendUint32(p, v)
}

// tcRateOnce reads the rate after keyword t into *dst, once: tc refuses
// a rate given twice (a set rate is never 0).
func (l *cmdLine) tcRateOnce(t token, want, what string, dst *uint64) error {
	v, err := l.value(t, want)
	if err != nil {
		return err
	}
	if *dst != 0 {
		return l.tcDup(t)
	}
	*dst, err = l.tcRate64(v, what)
	return err
}

// tcSizeOnce is tcRateOnce for a size.
func (l *cmdLine) tcSizeOnce(t token, want, what string, dst *uint32) error {
	v, err := l.value(t, want)
	if err != nil {
		return err
	}
	if *dst != 0 {
		return l.tcDup(t)
	}
	*dst, err = l.tcSize(v, what)
	return err
}
