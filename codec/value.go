package codec

import (
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"math"
	"net/netip"
	"strconv"
	"strings"
)

// AppendParsed appends the encoding of a value written as text, read as
// type t of size bytes (size matters for fixed struct fields and
// variable-width types; 0 means the type's own size), to dst. It accepts
// what the printers write, so decoded values can be written back:
//
//   - integers: decimal, 0x hex, a name of enum (full, or the short form
//     summaries print, case-insensitive), or for flag words names joined
//     by '|' or ',' with an optional 0x remainder;
//   - strings: the text (String attributes get their NUL from the caller);
//   - addresses: IPv4 or IPv6 text; link-layer addresses: aa:bb:...;
//   - binary: hex digits, optionally "0x"-prefixed, spaces and ':' allowed;
//   - flags: "true" or "" (presence).
func AppendParsed(dst []byte, t Type, size int, enum, flags *Enum, text string, big bool) ([]byte, error) {
	switch t {
	case U8, U16, U32, U64, S8, S16, S32, S64, BE16, BE32, BE64, Uint, Sint:
		v, err := ParseInt(text, t, enum, flags)
		if err != nil {
			return dst, err
		}
		w := t.Size()
		if t == Uint || t == Sint {
			w = size
			if w == 0 {
				w = 4
				if v > math.MaxUint32 && t == Uint {
					w = 8
				}
			}
		}
		if size != 0 && size != w {
			return dst, fmt.Errorf("%s field of %d bytes", t, size)
		}
		if err := checkRange(v, t, w); err != nil {
			return dst, err
		}
		if w == 1 {
			return append(dst, byte(v)), nil
		}
		if big || t == BE16 || t == BE32 || t == BE64 {
			return appendUint(dst, binary.BigEndian, w, v), nil
		}
		return appendUint(dst, binary.LittleEndian, w, v), nil
	case Flag:
		if text != "" && !strings.EqualFold(text, "true") {
			return dst, fmt.Errorf("a flag is present or absent, not %q", text)
		}
		return dst, nil
	case String:
		if size > 0 {
			if len(text) >= size {
				return dst, fmt.Errorf("%q is longer than %d bytes", text, size-1)
			}
			dst = append(dst, text...)
			return append(dst, make([]byte, size-len(text))...), nil
		}
		return append(dst, text...), nil
	case IPAddr:
		a, err := netip.ParseAddr(text)
		if err != nil {
			return dst, fmt.Errorf("not an IP address: %q", text)
		}
		switch {
		case size == 16 || size == 0 && a.Is6() && !a.Is4In6():
			b := a.As16()
			return append(dst, b[:]...), nil
		case a.Is4():
			b := a.As4()
			return append(dst, b[:]...), nil
		}
		return dst, fmt.Errorf("%q does not fit a %d-byte address", text, size)
	case HWAddr:
		var out []byte
		for _, part := range strings.Split(text, ":") {
			v, err := strconv.ParseUint(part, 16, 8)
			if err != nil || len(part) == 0 || len(part) > 2 {
				return dst, fmt.Errorf("not a link-layer address: %q", text)
			}
			out = append(out, byte(v))
		}
		if size > 0 && len(out) != size {
			return dst, fmt.Errorf("link-layer address %q is not %d bytes", text, size)
		}
		return append(dst, out...), nil
	}
	return appendHexText(dst, text, size)
}

func appendUint(dst []byte, o binary.AppendByteOrder, w int, v uint64) []byte {
	switch w {
	case 2:
		return o.AppendUint16(dst, uint16(v))
	case 4:
		return o.AppendUint32(dst, uint32(v))
	}
	return o.AppendUint64(dst, v)
}

func appendHexText(dst []byte, text string, size int) ([]byte, error) {
	clean := strings.NewReplacer(" ", "", ":", "", "\t", "").Replace(strings.TrimPrefix(text, "0x"))
	b, err := hex.DecodeString(clean)
	if err != nil {
		return dst, fmt.Errorf("not hex bytes: %q", text)
	}
	if size > 0 && len(b) != size {
		return dst, fmt.Errorf("%d bytes of hex for a %d-byte field", len(b), size)
	}
	return append(dst, b...), nil
}

// ParseInt reads an integer as text: a number, an enum name or flag names.
func ParseInt(text string, t Type, enum, flags *Enum) (uint64, error) {
	s := strings.TrimSpace(text)
	if s == "" {
		if flags != nil {
			return 0, nil // no flag set
		}
		return 0, fmt.Errorf("empty %s", t)
	}
	if c := s[0]; c >= '0' && c <= '9' || c == '-' {
		if v, err := parseNumber(s, t.Signed()); err == nil {
			return v, nil
		}
	}
	if enum != nil {
		if v, ok := enum.valueOf(s); ok {
			return v, nil
		}
	}
	if flags != nil {
		var v uint64
		for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == '|' || r == ',' || r == ' ' }) {
			if c := part[0]; c >= '0' && c <= '9' {
				if n, err := parseNumber(part, false); err == nil {
					v |= n
					continue
				}
			}
			bit, ok := flags.valueOf(part)
			if !ok {
				return 0, fmt.Errorf("unknown flag %q%s", part, suggest(part, flags.Names()))
			}
			v |= bit
		}
		return v, nil
	}
	if enum != nil {
		return 0, fmt.Errorf("unknown value %q%s", s, suggest(s, enum.Names()))
	}
	return 0, fmt.Errorf("not a number: %q", s)
}

func parseNumber(s string, signed bool) (uint64, error) {
	if signed && strings.HasPrefix(s, "-") {
		v, err := strconv.ParseInt(s, 0, 64)
		return uint64(v), err
	}
	return strconv.ParseUint(s, 0, 64)
}

// valueOf finds a value by its full or short name, ignoring case.
func (e *Enum) valueOf(s string) (uint64, bool) {
	e.init()
	if v, ok := e.byName[s]; ok {
		return v, true
	}
	v, ok := e.folded[strings.ToLower(s)]
	return v, ok
}

// checkRange rejects values that do not fit w bytes.
func checkRange(v uint64, t Type, w int) error {
	if w >= 8 {
		return nil
	}
	bits := uint(8 * w)
	if t.Signed() {
		s := int64(v)
		lo, hi := -int64(1)<<(bits-1), int64(1)<<(bits-1)-1
		if s < lo || s > hi {
			return fmt.Errorf("%d does not fit %s", s, t)
		}
		return nil
	}
	if v>>bits != 0 {
		return fmt.Errorf("%d does not fit %s", v, t)
	}
	return nil
}

// suggest returns ` (did you mean "X"?)` for the known name closest to
// name, or "".
func suggest(name string, known []string) string {
	best, bestD := "", 1<<30
	up := strings.ToUpper(name)
	for _, k := range known {
		// Compare with the name and with each of its '_' suffixes, so
		// "unicats" finds RTN_UNICAST.
		K := strings.ToUpper(k)
		d := editDistance(up, K)
		for i := 0; i < len(K); i++ {
			if K[i] == '_' {
				if s := editDistance(up, K[i+1:]); s < d {
					d = s
				}
			}
		}
		// Ties go to the first name in order: known often comes from a
		// map, and the same mistake should get the same suggestion.
		if d < bestD || d == bestD && k < best {
			best, bestD = k, d
		}
	}
	if best == "" || bestD > len(name)/2+2 {
		return ""
	}
	return fmt.Sprintf(" (did you mean %q?)", best)
}

// Suggest is suggest for other packages: the closest of known to name,
// as a parenthesised hint, or "".
func Suggest(name string, known []string) string { return suggest(name, known) }

// editDistance is the Levenshtein distance of a and b.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
