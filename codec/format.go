package codec

import (
	"encoding/hex"
	"math/bits"
	"net/netip"
	"strconv"
	"unicode/utf8"
)

// Style chooses how values read.
type Style uint8

// Value styles.
const (
	// StyleSummary is for one-line summaries: short enum and flag names,
	// strings unquoted.
	StyleSummary Style = iota
	// StyleVerbose is for the full tree: full names with numbers, strings
	// quoted.
	StyleVerbose
)

const hexDigits = "0123456789abcdef"

// AppendValue appends the text form of a node's value to b. Containers
// (nests, structs, arrays) are written compactly on one line.
func AppendValue(b []byte, n *Node, style Style) []byte { return appendValue(b, n, style, nil) }

// appendValue is AppendValue with the interface names learned from the
// stream, used for DisplayIfindex values.
func appendValue(b []byte, n *Node, style Style, links map[uint32]string) []byte {
	if n.Err != "" || (n.Kind == NodeTail) {
		return appendHex(b, n.Data, style)
	}
	switch n.Type {
	case U8, U16, U32, U64, S8, S16, S32, S64, BE16, BE32, BE64, Uint, Sint:
		return appendInt(b, n, style, links)
	case Flag:
		return append(b, "true"...)
	case String:
		if n.Kind == NodeField {
			// A fixed char array: stop at the NUL.
			if style == StyleVerbose {
				return strconv.AppendQuote(b, string(cstring(n.Data)))
			}
			return append(b, cstring(n.Data)...)
		}
		s := n.Data
		if len(s) > 0 && s[len(s)-1] == 0 {
			s = s[:len(s)-1]
		}
		if style == StyleVerbose {
			return strconv.AppendQuote(b, string(s))
		}
		return appendPrintable(b, s)
	case IPAddr:
		return appendAddr(b, n.Data)
	case HWAddr:
		return appendMAC(b, n.Data)
	case Nested, StructAttrs, Records, Struct:
		return appendCompact(b, n.Children, style, ' ', links)
	case Array:
		return appendCompact(b, n.Children, style, ',', links)
	}
	return appendHex(b, n.Data, style)
}

// appendCompact writes children on one line: named ones as name=value.
func appendCompact(b []byte, kids []Node, style Style, sep byte, links map[uint32]string) []byte {
	first := true
	for i := range kids {
		k := &kids[i]
		if k.Field != nil && k.Field.Hidden() {
			continue
		}
		if style == StyleSummary && k.Kind == NodeField && k.Type.IsInt() && isZero(k.Data) {
			// Summaries leave out zero-valued struct fields.
			continue
		}
		if !first {
			b = append(b, sep)
		}
		first = false
		if k.Name != "" && (k.Kind != NodeElem || sep != ',') {
			b = append(b, k.Name...)
			b = append(b, '=')
		}
		if len(k.Children) > 0 && k.Type != Array {
			b = append(b, '{')
			b = appendCompact(b, k.Children, style, ' ', links)
			b = append(b, '}')
			continue
		}
		b = appendValue(b, k, style, links)
	}
	return b
}

func appendInt(b []byte, n *Node, style Style, links map[uint32]string) []byte {
	u, ok := n.Uint()
	if !ok {
		return appendHex(b, n.Data, style)
	}
	switch n.display() {
	case DisplayHandle:
		b = appendHandle(b, uint32(u))
		if style == StyleVerbose {
			b = append(b, " (0x"...)
			b = strconv.AppendUint(b, u, 16)
			b = append(b, ')')
		}
		return b
	case DisplayHex:
		b = append(b, "0x"...)
		return strconv.AppendUint(b, u, 16)
	case DisplayTCInfo:
		// The protocol half was stored with htons on the sending host.
		proto := uint64(uint16(u))
		if !n.Big {
			proto = uint64(bits.ReverseBytes16(uint16(u)))
		}
		b = append(b, "prio "...)
		b = strconv.AppendUint(b, u>>16, 10)
		b = append(b, " protocol "...)
		if name, ok := ethProtocols.Short(proto); ok && style == StyleSummary {
			return append(b, name...)
		}
		if name, ok := ethProtocols.Lookup(proto); ok {
			return append(b, name...)
		}
		b = append(b, "0x"...)
		return strconv.AppendUint(b, proto, 16)
	case DisplayIfindex:
		name, known := links[uint32(u)]
		switch {
		case known && style == StyleSummary:
			return append(b, name...)
		case known:
			b = strconv.AppendUint(b, u, 10)
			b = append(b, " ("...)
			b = append(b, name...)
			return append(b, ')')
		}
	}
	if enum := n.Enum(); enum != nil {
		var name string
		var found bool
		if style == StyleSummary {
			name, found = enum.Short(u)
		} else {
			name, found = enum.Lookup(u)
		}
		if found {
			if style == StyleVerbose {
				b = append(b, name...)
				b = append(b, " ("...)
				b = appendNumber(b, n, u)
				return append(b, ')')
			}
			return append(b, name...)
		}
	}
	if flags := n.Flags(); flags != nil {
		if style == StyleVerbose {
			b = append(b, "0x"...)
			b = strconv.AppendUint(b, u, 16)
			if u == 0 {
				return b
			}
			b = append(b, ' ')
		}
		return appendFlagNames(b, flags, u, style)
	}
	return appendNumber(b, n, u)
}

func appendNumber(b []byte, n *Node, u uint64) []byte {
	if n.Type.Signed() {
		v, _ := n.Int()
		return strconv.AppendInt(b, v, 10)
	}
	return strconv.AppendUint(b, u, 10)
}

// appendFlagNames writes the names of the bits set in u, joined by ','
// (summary, short names) or '|' (verbose), and any unnamed bits in hex.
func appendFlagNames(b []byte, e *Enum, u uint64, style Style) []byte {
	e.init()
	sep := byte('|')
	if style == StyleSummary {
		sep = ','
	}
	first := true
	rest := e.eachBit(u, func(i int, v uint64) {
		if !first {
			b = append(b, sep)
		}
		first = false
		if style == StyleSummary {
			b = append(b, e.short[v]...)
		} else {
			b = append(b, e.names[i]...)
		}
	})
	if rest != 0 || first && style == StyleVerbose {
		if !first {
			b = append(b, sep)
		}
		b = append(b, "0x"...)
		b = strconv.AppendUint(b, rest, 16)
	}
	return b
}

// eachBit calls fn for each named bit (or multi-bit mask) set in u, in
// value order, and returns the bits no name covers.
func (e *Enum) eachBit(u uint64, fn func(i int, v uint64)) (rest uint64) {
	e.init()
	rest = u
	for i, v := range e.values {
		if v == 0 || u&v != v || rest&v == 0 {
			continue
		}
		fn(i, v)
		rest &^= v
	}
	return rest
}

func appendAddr(b []byte, d []byte) []byte {
	switch len(d) {
	case 4:
		return netip.AddrFrom4([4]byte(d)).AppendTo(b)
	case 16:
		return netip.AddrFrom16([16]byte(d)).AppendTo(b)
	}
	return appendHex(b, d, StyleVerbose)
}

func appendMAC(b []byte, d []byte) []byte {
	for i, c := range d {
		if i > 0 {
			b = append(b, ':')
		}
		b = append(b, hexDigits[c>>4], hexDigits[c&15])
	}
	return b
}

// appendHex writes bytes as hex; summaries cut long values.
func appendHex(b []byte, d []byte, style Style) []byte {
	if len(d) == 0 {
		return append(b, "(empty)"...)
	}
	cut := false
	if style == StyleSummary && len(d) > 32 {
		d, cut = d[:32], true
	}
	b = hex.AppendEncode(b, d)
	if cut {
		b = append(b, "..."...)
	}
	return b
}

// appendPrintable writes s, escaping what a terminal should not see raw.
func appendPrintable(b []byte, s []byte) []byte {
	for len(s) > 0 {
		r, size := utf8.DecodeRune(s)
		if r == utf8.RuneError && size == 1 || r < 0x20 || r == 0x7f {
			b = append(b, '\\', 'x', hexDigits[s[0]>>4], hexDigits[s[0]&15])
		} else {
			b = append(b, s[:size]...)
		}
		s = s[size:]
	}
	return b
}

// appendHandle writes a tc handle as tc prints it: "1:10", "1:", "root",
// "ingress" (TC_H_INGRESS, also clsact's parent).
func appendHandle(b []byte, h uint32) []byte {
	switch h {
	case 0xffffffff:
		return append(b, "root"...)
	case 0xfffffff1:
		return append(b, "ingress"...)
	}
	b = strconv.AppendUint(b, uint64(h>>16), 16)
	b = append(b, ':')
	if minor := h & 0xffff; minor != 0 {
		b = strconv.AppendUint(b, uint64(minor), 16)
	}
	return b
}
