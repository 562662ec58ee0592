package batch

import (
	"bufio"
	"errors"
	"fmt"
	"math"
	"net/netip"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// IPRoute2Names are the name tables iproute2 reads from /etc/iproute2:
// names for routing tables, route protocols, scopes, realms, DS fields
// and link groups, each mapping a name to its number.
type IPRoute2Names struct {
	Tables, Protocols, Scopes, Realms, DSFields, Groups map[string]uint32
}

// defaultIPRoute2Names are iproute2's built-in names, which it knows
// without any file.
var defaultIPRoute2Names = &IPRoute2Names{
	Tables:    map[string]uint32{"unspec": 0, "default": 253, "main": 254, "local": 255},
	Protocols: map[string]uint32{"unspec": 0, "redirect": 1, "kernel": 2, "boot": 3, "static": 4, "gated": 8, "ra": 9, "mrt": 10, "zebra": 11, "bird": 12, "dnrouted": 13, "xorp": 14, "ntk": 15, "dhcp": 16, "keepalived": 18, "babel": 42, "openr": 99, "bgp": 186, "isis": 187, "ospf": 188, "rip": 189, "eigrp": 192},
	Scopes:    map[string]uint32{"global": 0, "nowhere": 255, "host": 254, "link": 253, "site": 200},
	Realms:    map[string]uint32{"unknown": 0},
	DSFields:  map[string]uint32{},
	Groups:    map[string]uint32{"default": 0},
}

// LoadIPRoute2Names reads the name tables of an iproute2 configuration
// directory (normally /etc/iproute2: rt_tables, rt_protos, rt_scopes,
// rt_realms, rt_dsfield, group, and the .conf files of their .d
// directories) over iproute2's built-in names. Missing files are
// skipped, as iproute2 does.
func LoadIPRoute2Names(dir string) (*IPRoute2Names, error) {
	n := &IPRoute2Names{}
	copyMap := func(m map[string]uint32) map[string]uint32 {
		out := make(map[string]uint32, len(m))
		for k, v := range m {
			out[k] = v
		}
		return out
	}
	d := defaultIPRoute2Names
	n.Tables, n.Protocols, n.Scopes = copyMap(d.Tables), copyMap(d.Protocols), copyMap(d.Scopes)
	n.Realms, n.DSFields, n.Groups = copyMap(d.Realms), copyMap(d.DSFields), copyMap(d.Groups)
	for _, f := range []struct {
		name string
		into map[string]uint32
	}{
		{"rt_tables", n.Tables}, {"rt_protos", n.Protocols}, {"rt_scopes", n.Scopes},
		{"rt_realms", n.Realms}, {"rt_dsfield", n.DSFields}, {"group", n.Groups},
	} {
		files := []string{filepath.Join(dir, f.name)}
		more, _ := filepath.Glob(filepath.Join(dir, f.name+".d", "*.conf"))
		files = append(files, more...)
		for _, path := range files {
			if err := readNameTable(path, f.into); err != nil {
				return nil, err
			}
		}
	}
	return n, nil
}

// readNameTable reads "NUMBER NAME" lines (# comments) into m.
func readNameTable(path string, m map[string]uint32) error {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for line := 1; sc.Scan(); line++ {
		text := sc.Text()
		if i := strings.IndexByte(text, '#'); i >= 0 {
			text = text[:i]
		}
		fields := strings.Fields(text)
		if len(fields) == 0 {
			continue
		}
		if len(fields) < 2 {
			return fmt.Errorf("%s:%d: want a number and a name", path, line)
		}
		v, err := strconv.ParseUint(fields[0], 0, 32)
		if err != nil {
			return fmt.Errorf("%s:%d: %q is not a number", path, line, fields[0])
		}
		m[fields[1]] = uint32(v)
	}
	return sc.Err()
}

// lookupName is iproute2's rtnl_*_a2n: a name from the table, or a
// number (decimal, 0x hex or 0 octal) up to max.
func (l *cmdLine) lookupName(t token, what string, table map[string]uint32, max uint32) (uint32, error) {
	if v, ok := table[t.s]; ok {
		return v, nil
	}
	v, err := parseCUint(t.s, 32)
	if err != nil || uint32(v) > max {
		known := make([]string, 0, len(table))
		for k := range table {
			known = append(known, k)
		}
		if err == nil {
			return 0, l.errAt(t, "%s %s is out of range 0-%d", what, t.s, max)
		}
		return 0, l.unknown(t, what, known)
	}
	return uint32(v), nil
}

// parseCUint parses a whole word as iproute2's get_u8/u16/u32/u64 with
// base 0 do (C's strtoul: 0x hex, a leading 0 octal, else decimal, an
// optional sign), into at most bits bits.
func parseCUint(s string, bits int) (uint64, error) {
	v, ok := cStrtoul(s, 0)
	switch {
	case !ok:
		return 0, strconv.ErrSyntax
	case bits < 64 && v>>uint(bits) != 0:
		return 0, strconv.ErrRange
	}
	return v, nil
}

// cStrtoul is C's strtoul(s, &end, base) that must read all of s, as
// iproute2's get_u32, get_unsigned and the number fallback of its name
// tables: an optional sign, then digits; base 0 reads 0x as hex and a
// leading 0 as octal, base 16 allows a 0x. A '-' negates modulo 2^64,
// as C does (so "-1" is out of every range).
func cStrtoul(s string, base int) (uint64, bool) {
	v, n, ok := cStrtoulPrefix(s, base)
	return v, ok && n == len(s)
}

// cStrtoulPrefix reads the longest number at the start of s as
// strtoul does and returns how many bytes it read (0 when none; ok is
// false then and on overflow).
func cStrtoulPrefix(s string, base int) (v uint64, n int, ok bool) {
	i := 0
	neg := false
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		neg = s[i] == '-'
		i++
	}
	if (base == 0 || base == 16) && i+2 < len(s) && s[i] == '0' && s[i+1]|0x20 == 'x' && cDigit(s[i+2]) < 16 {
		base, i = 16, i+2
	} else if base == 0 {
		base = 10
		if i < len(s) && s[i] == '0' {
			base = 8
		}
	}
	start, b, overflow := i, uint64(base), false
	for ; i < len(s); i++ {
		d := cDigit(s[i])
		if d >= b {
			break
		}
		if v > (math.MaxUint64-d)/b {
			overflow = true
		}
		v = v*b + d
	}
	if i == start {
		return 0, 0, false
	}
	if neg {
		v = -v
	}
	return v, i, !overflow
}

func cDigit(c byte) uint64 {
	switch {
	case c >= '0' && c <= '9':
		return uint64(c - '0')
	case c|0x20 >= 'a' && c|0x20 <= 'z':
		return uint64(c|0x20-'a') + 10
	}
	return 99
}

// cStrtod reads the longest prefix of s that is a decimal number as
// C's strtod does (sign, digits, a fraction, an exponent); it returns
// the value and the rest of s, or ok false when s does not start with a
// number.
func cStrtod(s string) (v float64, rest string, ok bool) {
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	digits := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
		digits++
	}
	if i < len(s) && s[i] == '.' {
		i++
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
			digits++
		}
	}
	if digits == 0 {
		return 0, s, false
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		j := i + 1
		if j < len(s) && (s[j] == '+' || s[j] == '-') {
			j++
		}
		k := j
		for k < len(s) && s[k] >= '0' && s[k] <= '9' {
			k++
		}
		if k > j {
			i = k
		}
	}
	v, err := strconv.ParseFloat(s[:i], 64)
	if err != nil {
		return 0, s, false
	}
	return v, s[i:], true
}

// uintArg is iproute2's get_u32/get_u16/get_u8 with base 0 (decimal,
// 0x hex, 0 octal): a number of at most bits bits.
func (l *cmdLine) uintArg(t token, what string, bits int) (uint64, error) {
	v, err := parseCUint(t.s, bits)
	if err != nil {
		if errors.Is(err, strconv.ErrRange) {
			return 0, l.errAt(t, "%s %q is out of range (at most %d)", what, t.s, uint64(math.MaxUint64)>>(64-bits))
		}
		return 0, l.errAt(t, "%s %q: want a number", what, t.s)
	}
	return v, nil
}

// decArg is a decimal number of at most bits bits (iproute2's get_u32
// with base 10, get_unsigned).
func (l *cmdLine) decArg(t token, what string, bits int) (uint64, error) {
	var v uint64
	err := strconv.ErrSyntax
	if strings.IndexByte(t.s, '_') < 0 {
		v, err = strconv.ParseUint(t.s, 10, bits)
	}
	if err != nil {
		if errors.Is(err, strconv.ErrRange) {
			return 0, l.errAt(t, "%s %q is out of range (at most %d)", what, t.s, uint64(math.MaxUint64)>>(64-bits))
		}
		return 0, l.errAt(t, "%s %q: want a decimal number", what, t.s)
	}
	return v, nil
}

// ipPrefix is iproute2's inet_prefix: an address, maybe a prefix
// length, or one of the words "default", "any", "all".
type ipPrefix struct {
	family uint8 // afInet, afInet6 (afUnspec for "default"/"any"/"all" with no family)
	addr   netip.Addr
	bits   int  // prefix length
	hasLen bool // a "/N" was written (iproute2's PREFIXLEN_SPECIFIED)
	word   string
}

// bytes is the address in network order ("default" is all zeros of
// the family's length).
func (p ipPrefix) bytes() []byte {
	if p.addr.IsValid() {
		return p.addr.AsSlice()
	}
	if p.family == afInet6 {
		return make([]byte, 16)
	}
	return make([]byte, 4)
}

// prefixArg parses an address or prefix as iproute2's get_prefix (with
// slash allowed) or get_addr (without) does, for the family given
// (afUnspec: from the text). IPv4 accepts iproute2's short forms
// ("10/8" is 10.0.0.0/8).
func (l *cmdLine) prefixArg(t token, family uint8, allowLen bool) (ipPrefix, error) {
	s := t.s
	switch s {
	case "default", "any", "all":
		p := ipPrefix{family: family, word: s}
		if s == "default" && allowLen {
			p.hasLen = false
		}
		return p, nil
	}
	addrText, lenText, hasLen := strings.Cut(s, "/")
	if hasLen && !allowLen {
		return ipPrefix{}, l.errAt(t, "%q: an address is expected here, not a prefix", s)
	}
	var p ipPrefix
	if strings.ContainsRune(addrText, ':') {
		a, err := netip.ParseAddr(addrText)
		if err != nil || !a.Is6() || a.Zone() != "" {
			return ipPrefix{}, l.errAt(t, "%q is not a valid IPv6 address", addrText)
		}
		p = ipPrefix{family: afInet6, addr: a, bits: 128}
	} else {
		a, ok := parseIPv4Short(addrText)
		if !ok {
			return ipPrefix{}, l.errAt(t, "%q is not a valid IPv4 address", addrText)
		}
		p = ipPrefix{family: afInet, addr: a, bits: 32}
	}
	if family != afUnspec && family != p.family {
		return ipPrefix{}, l.errAt(t, "%q is an %s address, and the command is for %s", s, familyName(p.family), familyName(family))
	}
	if hasLen {
		n, err := strconv.ParseUint(lenText, 10, 8)
		if err != nil || int(n) > p.bits {
			return ipPrefix{}, l.errAt(t, "%q: prefix length %q is not 0-%d", s, lenText, p.bits)
		}
		p.bits, p.hasLen = int(n), true
	}
	return p, nil
}

// parseIPv4Short reads dotted decimal with 1 to 4 parts, the missing
// ones zero ("10.1" is 10.1.0.0), as iproute2's get_addr_ipv4.
func parseIPv4Short(s string) (netip.Addr, bool) {
	var b [4]byte
	part, digits, v := 0, 0, 0
	for i := 0; i <= len(s); i++ {
		if i == len(s) || s[i] == '.' {
			if digits == 0 || part == 4 {
				return netip.Addr{}, false
			}
			b[part] = byte(v)
			part, digits, v = part+1, 0, 0
			continue
		}
		c := s[i]
		if c < '0' || c > '9' || digits == 3 {
			return netip.Addr{}, false
		}
		v = v*10 + int(c-'0')
		digits++
		if v > 255 {
			return netip.Addr{}, false
		}
	}
	return netip.AddrFrom4(b), true
}

func familyName(f uint8) string {
	switch f {
	case afInet:
		return "IPv4 (inet)"
	case afInet6:
		return "IPv6 (inet6)"
	case afBridge:
		return "bridge"
	case afMPLS:
		return "MPLS"
	}
	return fmt.Sprintf("family %d", f)
}

// lladdrArg parses a link-layer address: hex bytes separated by ':'
// (iproute2's ll_addr_a2n), at most 32 bytes.
func (l *cmdLine) lladdrArg(t token) ([]byte, error) {
	parts := strings.Split(t.s, ":")
	if len(parts) > 32 {
		return nil, l.errAt(t, "%q: a link-layer address has at most 32 bytes", t.s)
	}
	out := make([]byte, 0, len(parts))
	for _, p := range parts {
		v, err := strconv.ParseUint(p, 16, 8)
		if err != nil || p == "" {
			return nil, l.errAt(t, "%q is not a link-layer address (hex bytes separated by ':')", t.s)
		}
		out = append(out, byte(v))
	}
	return out, nil
}

// onOff parses iproute2's "on"/"off" values.
func (l *cmdLine) onOff(t token, keyword string) (bool, error) {
	switch t.s {
	case "on":
		return true, nil
	case "off":
		return false, nil
	}
	return false, l.errAt(t, "%s: want on or off, not %q", keyword, t.s)
}

// errNotCompiled marks a command form nlbatch does not compile yet.
var errNotCompiled = errors.New("not compiled by nlbatch")
