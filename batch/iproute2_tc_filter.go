package batch

import (
	"encoding/binary"
	"strconv"
	"strings"
)

// Filter kinds (tc/f_*.c): each reads the filter's handle and its words
// and writes TCA_OPTIONS into the open message.

// Classifier flags (TCA_CLS_FLAGS_*).
const (
	tcClsSkipHW = 1
	tcClsSkipSW = 2
)

// u32 (TCA_U32_*).
const (
	tcaU32Classid = 1
	tcaU32Hash    = 2
	tcaU32Link    = 3
	tcaU32Divisor = 4
	tcaU32Sel     = 5
	tcaU32Police  = 6
	tcaU32Act     = 7
	tcaU32Indev   = 8
	tcaU32Flags   = 11
)

// tcU32Handle is get_u32_handle: "HT:HASH:NODE" in hex, any part empty,
// or a 0x number.
func (l *cmdLine) tcU32Handle(t token, what string) (uint32, error) {
	bad := func() (uint32, error) {
		return 0, l.errAt(t, "%s %q: want a u32 handle, hex HTID:HASH:NODE (800::, 2:5:, 800::100) or 0xNUMBER", what, t.s)
	}
	s := t.s
	if !strings.Contains(s, ":") {
		if strings.HasPrefix(s, "0x") {
			v, err := l.tcUint(t, what, 16, 32)
			return uint32(v), err
		}
		return bad()
	}
	parts := strings.SplitN(s, ":", 3)
	limits := []uint64{0x1000, 0x100, 0x1000}
	var vals [3]uint64
	for i, p := range parts {
		if p == "" {
			continue
		}
		v, n := tcStrtoul16(p)
		if n != len(p) || v >= limits[i] {
			return bad()
		}
		vals[i] = v
	}
	return uint32(vals[0]<<20 | vals[1]<<12 | vals[2]), nil
}

// tcU32Sel is struct tc_u32_sel with its keys.
type tcU32Sel struct {
	flags  uint8
	hoff   int16
	hmask  uint32 // network order value
	nkeys  int
	keys   [128]tcU32Key
	offset bool // an "offset" clause was given (not compiled)
}

type tcU32Key struct {
	mask, val uint32 // as host values of the network-order words
	off       int32
	offmask   int32
}

// pack is pack_key: merge with a key of the same offset, or add one.
func (s *tcU32Sel) pack(val, mask uint32, off, offmask int32) bool {
	val &= mask
	for i := 0; i < s.nkeys; i++ {
		k := &s.keys[i]
		if k.off == off && k.offmask == offmask {
			if (val^k.val)&(mask&k.mask) != 0 {
				return false
			}
			k.val |= val
			k.mask |= mask
			return true
		}
	}
	if s.nkeys >= 128 || off%4 != 0 {
		return false
	}
	s.keys[s.nkeys] = tcU32Key{mask: mask, val: val, off: off, offmask: offmask}
	s.nkeys++
	return true
}

// pack16 and pack8 are pack_key16 and pack_key8: the value placed in
// its 32-bit word by the offset's low bits.
func (s *tcU32Sel) pack16(val, mask uint32, off, offmask int32) bool {
	if val > 0xFFFF || mask > 0xFFFF {
		return false
	}
	if off&3 == 0 {
		val, mask = val<<16, mask<<16
	}
	return s.pack(val, mask, off&^3, offmask)
}

func (s *tcU32Sel) pack8(val, mask uint32, off, offmask int32) bool {
	if val > 0xFF || mask > 0xFF {
		return false
	}
	shift := (3 - uint(off&3)) * 8
	return s.pack(val<<shift, mask<<shift, off&^3, offmask)
}

// tcU32At is parse_at: "at [nexthdr+]OFFSET".
func (x *ipCtx) tcU32At(off, offmask *int32) error {
	l := x.l
	if !l.more() || l.peek().s != "at" {
		return nil
	}
	at := l.next()
	v, err := l.value(at, "an offset")
	if err != nil {
		return err
	}
	s := v.s
	if len(s) > len("nexthdr+") && strings.HasPrefix(s, "nexthdr+") {
		*offmask = -1
		s = s[len("nexthdr+"):]
	} else if matches(s, "nexthdr+") {
		*offmask = -1
		if v, err = l.value(v, "an offset"); err != nil {
			return err
		}
		s = v.s
	}
	n, err := strconv.ParseInt(s, 0, 32)
	if err != nil {
		return l.errAt(v, "offset %q: want a number", v.s)
	}
	*off = int32(n)
	return nil
}

// tcU32Match is parse_selector for u32/u16/u8 and ip (the common
// forms).
func (x *ipCtx) tcU32Match(sel *tcU32Sel, kw token) error {
	l := x.l
	what, err := l.value(kw, "a selector (u32, u16, u8, ip)")
	if err != nil {
		return err
	}
	illegal := func(t token, format string, args ...any) error {
		return l.errAt(t, "match: "+format, args...)
	}
	switch {
	case matches(what.s, "u32"), matches(what.s, "u16"), matches(what.s, "u8"):
		bits := 32
		switch {
		case matches(what.s, "u16"):
			bits = 16
		case matches(what.s, "u8"):
			bits = 8
		}
		vt, err := l.value(what, "a value and a mask")
		if err != nil {
			return err
		}
		val, err := l.tcUint(vt, "match value", 0, bits)
		if err != nil {
			return err
		}
		mt, err := l.value(vt, "a mask (hex)")
		if err != nil {
			return err
		}
		mask, err := l.tcUint(mt, "match mask", 16, bits)
		if err != nil {
			return err
		}
		var off, offmask int32
		if err := x.tcU32At(&off, &offmask); err != nil {
			return err
		}
		ok := false
		switch bits {
		case 32:
			ok = sel.pack(uint32(val), uint32(mask), off, offmask)
		case 16:
			ok = sel.pack16(uint32(val), uint32(mask), off, offmask)
		default:
			ok = sel.pack8(uint32(val), uint32(mask), off, offmask)
		}
		if !ok {
			return illegal(what, "the key does not fit: a 32-bit key must be at an offset that is a multiple of 4, and keys at one offset must agree")
		}
		return nil
	case matches(what.s, "ip"):
		return x.tcU32MatchIP(sel, what, tcU32IPFields, 12, 16, afInet)
	case matches(what.s, "ip6"):
		return x.tcU32MatchIP(sel, what, tcU32IP6Fields, 8, 24, afInet6)
	case matches(what.s, "udp"), matches(what.s, "tcp"):
		return x.tcU32MatchIP(sel, what, tcU32L4Fields, -1, -1, 0)
	case matches(what.s, "icmp"):
		return x.tcU32MatchIP(sel, what, tcU32ICMPFields, -1, -1, 0)
	case matches(what.s, "mark"), matches(what.s, "ether"):
		return l.errAt(what, "match %q: %w (it compiles match u32, u16, u8, ip, ip6, tcp, udp and icmp)", what.s, errNotCompiled)
	}
	return l.unknown(what, "u32 selector", []string{"u32", "u16", "u8", "ip", "ip6", "udp", "tcp", "icmp", "mark", "ether"})
}

// tcU32Field is a field of a selector: a byte or half-word at an
// offset of the header; prefix marks the names iproute2 takes
// abbreviated, nexthdr the fields of the next header (offmask -1).
type tcU32Field struct {
	name    string
	bits    int
	off     int32
	prefix  bool
	nexthdr bool
}

// The fields of parse_ip (IPv4, ports just after a 20-byte header),
// parse_ip6, parse_tcp/parse_udp and parse_icmp.
var (
	tcU32IPFields = []tcU32Field{
		{name: "tos", bits: 8, off: 1}, {name: "dsfield", bits: 8, off: 1, prefix: true},
		{name: "precedence", bits: 8, off: 1, prefix: true}, {name: "ihl", bits: 8, off: 0},
		{name: "protocol", bits: 8, off: 9}, {name: "dport", bits: 16, off: 22}, {name: "sport", bits: 16, off: 20},
		{name: "icmp_type", bits: 8, off: 20}, {name: "icmp_code", bits: 8, off: 21},
	}
	tcU32IP6Fields = []tcU32Field{
		{name: "protocol", bits: 8, off: 6}, {name: "dport", bits: 16, off: 42}, {name: "sport", bits: 16, off: 40},
		{name: "icmp_type", bits: 8, off: 40}, {name: "icmp_code", bits: 8, off: 41},
	}
	tcU32L4Fields = []tcU32Field{
		{name: "src", bits: 16, off: 0, nexthdr: true}, {name: "dst", bits: 16, off: 2, nexthdr: true},
	}
	tcU32ICMPFields = []tcU32Field{
		{name: "type", bits: 8, off: 0, nexthdr: true}, {name: "code", bits: 8, off: 1, nexthdr: true},
	}
)

// tcU32IPFlags are parse_ip's fragment flags: a 16-bit key at offset 6.
var tcU32IPFlags = []struct {
	name      string
	val, mask uint32
}{
	{"nofrag", 0, 0x3FFF}, {"firstfrag", 0x2000, 0x3FFF}, {"df", 0x4000, 0x4000}, {"mf", 0x2000, 0x2000},
}

// tcU32MatchIP is parse_ip, parse_ip6, parse_tcp, parse_udp and
// parse_icmp: the address fields src and dst (srcOff < 0: none), the
// IPv4 fragment flags, and the fields of the table.
func (x *ipCtx) tcU32MatchIP(sel *tcU32Sel, ip token, fields []tcU32Field, srcOff, dstOff int32, family uint8) error {
	l := x.l
	known := func() []string {
		var k []string
		if srcOff >= 0 {
			k = append(k, "src", "dst")
		}
		for _, f := range fields {
			k = append(k, f.name)
		}
		if family == afInet {
			for _, f := range tcU32IPFlags {
				k = append(k, f.name)
			}
		}
		return k
	}
	if l.pos+2 > len(l.toks) {
		if !l.more() {
			return l.errAt(l.end(), "match %s needs a field (%s) and its value", ip.s, strings.Join(known(), ", "))
		}
		return l.errAt(l.peek(), "match %s %s: incomplete (iproute2 wants two more words here)", ip.s, l.peek().s)
	}
	f := l.next()
	if srcOff >= 0 && (f.s == "src" || f.s == "dst") {
		v, err := l.value(f, "an address or prefix")
		if err != nil {
			return err
		}
		p, err := l.prefixArg(v, family, true)
		if err != nil {
			return err
		}
		off, offmask := srcOff, int32(0)
		if f.s == "dst" {
			off = dstOff
		}
		if err := x.tcU32At(&off, &offmask); err != nil {
			return err
		}
		bits := p.bits
		if !p.addr.IsValid() {
			bits = 0
		}
		var addr [16]byte
		if p.addr.IsValid() {
			addr = p.addr.As16()
			if family == afInet {
				copy(addr[:], addr[12:])
			}
		}
		// One key per 32-bit word the prefix covers.
		for i := 0; i < bits; i += 32 {
			mask := uint32(0xFFFFFFFF)
			if bits-i < 32 {
				mask <<= 32 - (bits - i)
			}
			if !sel.pack(binary.BigEndian.Uint32(addr[i/8:]), mask, off+int32(i/8), offmask) {
				return l.errAt(v, "match %s %s: the key does not fit with the others at its offset", ip.s, f.s)
			}
		}
		if bits == 0 && family == afInet && !sel.pack(0, 0, off, offmask) {
			return l.errAt(v, "match %s %s: the key does not fit with the others at its offset", ip.s, f.s)
		}
		return nil
	}
	if family == afInet {
		for _, fl := range tcU32IPFlags {
			if f.s == fl.name {
				if !sel.pack16(fl.val, fl.mask, 6, 0) {
					return l.errAt(f, "match ip %s: the key does not fit with the others at its offset", f.s)
				}
				return nil
			}
		}
	}
	for _, fd := range fields {
		if f.s == fd.name || (fd.prefix && matches(f.s, fd.name)) {
			vt, err := l.value(f, "a value and a mask")
			if err != nil {
				return err
			}
			val, err := l.tcUint(vt, "match "+ip.s+" "+fd.name, 0, fd.bits)
			if err != nil {
				return err
			}
			mt, err := l.value(vt, "a mask (hex)")
			if err != nil {
				return err
			}
			mask, err := l.tcUint(mt, "match "+ip.s+" "+fd.name+" mask", 16, fd.bits)
			if err != nil {
				return err
			}
			off, offmask := fd.off, int32(0)
			if fd.nexthdr {
				offmask = -1
			}
			if err := x.tcU32At(&off, &offmask); err != nil {
				return err
			}
			ok := false
			if fd.bits == 16 {
				ok = sel.pack16(uint32(val), uint32(mask), off, offmask)
			} else {
				ok = sel.pack8(uint32(val), uint32(mask), off, offmask)
			}
			if !ok {
				return l.errAt(vt, "match %s %s: the key does not fit with the others at its offset", ip.s, f.s)
			}
			return nil
		}
	}
	return l.unknown(f, "match "+ip.s+" field", known())
}

var tcU32Words = []string{"match", "offset", "hashkey", "classid", "flowid", "divisor", "order", "link", "ht", "sample", "indev", "action", "police", "skip_hw", "skip_sw"}

// tcU32 is u32_parse_opt.
func tcU32(x *ipCtx, handle token) error {
	l := x.l
	b := x.c.b
	if handle.s != "" {
		h, err := l.tcU32Handle(handle, "handle")
		if err != nil {
			return err
		}
		x.tcSetHandle(h)
	}
	if !l.more() {
		return nil
	}
	var sel tcU32Sel
	var (
		selOK, terminal bool
		htid, order     uint32
		flags           uint32
	)
	b.BeginNest(tcaOptions)
	for l.more() {
		t := l.next()
		switch {
		case matches(t.s, "match"):
			if err := x.tcU32Match(&sel, t); err != nil {
				return err
			}
			selOK = true
		case matches(t.s, "hashkey"):
			if !l.more() {
				return l.errAt(l.end(), "hashkey needs mask M at OFFSET")
			}
			for l.more() {
				w := l.peek()
				switch {
				case matches(w.s, "mask"):
					l.next()
					v, err := x.tcValueUint(w, "hashkey mask", 16, 32)
					if err != nil {
						return err
					}
					sel.hmask = uint32(v)
					continue
				case matches(w.s, "at"):
					l.next()
					v, err := l.value(w, "an offset")
					if err != nil {
						return err
					}
					n, err := strconv.ParseInt(v.s, 0, 32)
					if err != nil || n%4 != 0 {
						return l.errAt(v, "hashkey offset %q: want a multiple of 4", v.s)
					}
					sel.hoff = int16(n)
					continue
				}
				break
			}
		case matches(t.s, "classid"), t.s == "flowid":
			c, _, err := x.tcValueClassid(t, t.s)
			if err != nil {
				return err
			}
			b.U32(tcaU32Classid, c)
			sel.flags |= 1 // TC_U32_TERMINAL
		case matches(t.s, "divisor"):
			v, err := l.value(t, "a divisor (a power of two, at most 256)")
			if err != nil {
				return err
			}
			d, err := l.tcUint(v, "divisor", 0, 32)
			if err != nil || d == 0 || d > 0x100 || (d-1)&d != 0 {
				return l.errAt(v, "divisor %q: want a power of two from 1 to 256", v.s)
			}
			b.U32(tcaU32Divisor, uint32(d))
		case matches(t.s, "order"):
			v, err := x.tcValueUint(t, "order", 0, 32)
			if err != nil {
				return err
			}
			order = uint32(v)
		case t.s == "link":
			v, err := l.value(t, "a hash table handle (2:)")
			if err != nil {
				return err
			}
			h, err := l.tcU32Handle(v, "link")
			if err != nil {
				return err
			}
			if h&0xFFF != 0 {
				return l.errAt(v, "link %q must be a hash table, not a node", v.s)
			}
			b.U32(tcaU32Link, h)
		case t.s == "ht":
			v, err := l.value(t, "a hash table handle (800:)")
			if err != nil {
				return err
			}
			h, err := l.tcU32Handle(v, "ht")
			if err != nil {
				return err
			}
			if handle.s != "" && h&0xFFF != 0 {
				return l.errAt(v, "ht %q must be a hash table, not a node", v.s)
			}
			htid = h & 0xFFFFF000
		case t.s == "indev":
			v, err := l.value(t, "an interface name")
			if err != nil {
				return err
			}
			b.String(tcaU32Indev, v.s)
		case matches(t.s, "action"):
			if err := x.tcActions(tcaU32Act); err != nil {
				return err
			}
			terminal = true
		case t.s == "skip_hw":
			flags |= tcClsSkipHW
		case t.s == "skip_sw":
			flags |= tcClsSkipSW
		case matches(t.s, "police"):
			if err := x.tcPoliceIn(t, tcaU32Police); err != nil {
				return err
			}
			terminal = true
		case matches(t.s, "offset"), t.s == "sample":
			return l.errAt(t, "u32 %q: %w", t.s, errNotCompiled)
		default:
			return l.tcWhat(t, "u32", tcU32Words)
		}
	}
	if terminal {
		sel.flags |= 1
	}
	if order != 0 {
		h := x.tcHandle()
		if h&0xFFF != 0 && order != h&0xFFF {
			return l.errAt(l.end(), "u32: \"order\" %d contradicts the handle", order)
		}
		x.tcSetHandle(h | order)
	}
	if htid != 0 {
		b.U32(tcaU32Hash, htid)
	}
	if selOK {
		var buf [16 + 16*8]byte // room for 8 keys on the stack
		p := append(buf[:0], sel.flags, 0, uint8(sel.nkeys), 0)
		p = append(p, 0, 0, 0, 0) // offmask, off
		p = x.tcPut16(p, 0)       // offoff
		p = x.tcPut16(p, uint16(sel.hoff))
		p = binary.BigEndian.AppendUint32(p, sel.hmask)
		for i := 0; i < sel.nkeys; i++ {
			k := sel.keys[i]
			p = binary.BigEndian.AppendUint32(p, k.mask)
			p = binary.BigEndian.AppendUint32(p, k.val)
			p = x.tcPut32(p, uint32(k.off))
			p = x.tcPut32(p, uint32(k.offmask))
		}
		b.Attr(tcaU32Sel, p)
	}
	if flags != 0 {
		if flags == tcClsSkipHW|tcClsSkipSW {
			return l.errAt(l.end(), "skip_hw and skip_sw are mutually exclusive")
		}
		b.U32(tcaU32Flags, flags)
	}
	b.EndNest()
	return nil
}

// fw (TCA_FW_*).
const (
	tcaFWClassid = 1
	tcaFWIndev   = 3
	tcaFWAct     = 4
	tcaFWMask    = 5
)

// tcFW is fw_parse_opt: "handle MARK[/MASK] fw [classid X] [action ...]".
func tcFW(x *ipCtx, handle token) error {
	l := x.l
	b := x.c.b
	var mask uint32
	maskSet := false
	if handle.s != "" {
		ht, mt, slash := strings.Cut(handle.s, "/")
		h, err := l.tcUint(token{s: ht, line: handle.line, col: handle.col}, "fw handle", 0, 32)
		if err != nil {
			return err
		}
		x.tcSetHandle(uint32(h))
		if slash {
			m, err := l.tcUint(token{s: mt, line: handle.line, col: handle.col + len(ht) + 1}, "fw mask", 0, 32)
			if err != nil {
				return err
			}
			mask, maskSet = uint32(m), true
		}
	}
	if !l.more() {
		return nil
	}
	b.BeginNest(tcaOptions)
	if maskSet {
		b.U32(tcaFWMask, mask)
	}
	for l.more() {
		t := l.next()
		switch {
		case matches(t.s, "classid"), matches(t.s, "flowid"):
			c, _, err := x.tcValueClassid(t, "classid")
			if err != nil {
				return err
			}
			b.U32(tcaFWClassid, c)
		case matches(t.s, "action"):
			if err := x.tcActions(tcaFWAct); err != nil {
				return err
			}
		case t.s == "indev":
			v, err := l.value(t, "an interface name")
			if err != nil {
				return err
			}
			b.String(tcaFWIndev, v.s)
		case matches(t.s, "police"):
			if err := x.tcPoliceIn(t, 2); err != nil { // TCA_FW_POLICE
				return err
			}
		default:
			return l.tcWhat(t, "fw", []string{"classid", "flowid", "action", "indev", "police"})
		}
	}
	b.EndNest()
	return nil
}

// tcMatchall is matchall_parse_opt.
func tcMatchall(x *ipCtx, handle token) error {
	l := x.l
	b := x.c.b
	if err := x.tcFilterHandle(handle, "matchall"); err != nil {
		return err
	}
	if !l.more() {
		return nil
	}
	var flags uint32
	b.BeginNest(tcaOptions)
	for l.more() {
		t := l.next()
		switch {
		case matches(t.s, "classid"), matches(t.s, "flowid"):
			c, _, err := x.tcValueClassid(t, "classid")
			if err != nil {
				return err
			}
			b.U32(1, c) // TCA_MATCHALL_CLASSID
		case matches(t.s, "action"):
			if err := x.tcActions(2); err != nil { // TCA_MATCHALL_ACT
				return err
			}
		case t.s == "skip_hw":
			flags |= tcClsSkipHW
		case t.s == "skip_sw":
			flags |= tcClsSkipSW
		default:
			return l.tcWhat(t, "matchall", []string{"classid", "flowid", "action", "skip_hw", "skip_sw"})
		}
	}
	if flags != 0 {
		if flags == tcClsSkipHW|tcClsSkipSW {
			return l.errAt(l.end(), "skip_hw and skip_sw are mutually exclusive")
		}
		b.U32(3, flags) // TCA_MATCHALL_FLAGS
	}
	b.EndNest()
	return nil
}

// tcBasic is basic_parse_opt without ematches.
func tcBasic(x *ipCtx, handle token) error {
	l := x.l
	b := x.c.b
	if err := x.tcFilterHandle(handle, "basic"); err != nil {
		return err
	}
	if !l.more() {
		return nil
	}
	b.BeginNest(tcaOptions)
	for l.more() {
		t := l.next()
		switch {
		case matches(t.s, "classid"), t.s == "flowid":
			c, _, err := x.tcValueClassid(t, "classid")
			if err != nil {
				return err
			}
			b.U32(1, c) // TCA_BASIC_CLASSID
		case matches(t.s, "action"):
			if err := x.tcActions(3); err != nil { // TCA_BASIC_ACT
				return err
			}
		case matches(t.s, "match"), matches(t.s, "police"):
			return l.errAt(t, "basic %q: %w", t.s, errNotCompiled)
		default:
			return l.tcWhat(t, "basic", []string{"classid", "flowid", "action", "match", "police"})
		}
	}
	b.EndNest()
	return nil
}

// flower (TCA_FLOWER_*).
const (
	tcaFlowerClassid       = 1
	tcaFlowerIndev         = 2
	tcaFlowerAct           = 3
	tcaFlowerEthDst        = 4
	tcaFlowerEthDstMask    = 5
	tcaFlowerEthSrc        = 6
	tcaFlowerEthSrcMask    = 7
	tcaFlowerEthType       = 8
	tcaFlowerIPProto       = 9
	tcaFlowerIPv4Src       = 10
	tcaFlowerIPv4SrcMask   = 11
	tcaFlowerIPv4Dst       = 12
	tcaFlowerIPv4DstMask   = 13
	tcaFlowerIPv6Src       = 14
	tcaFlowerIPv6SrcMask   = 15
	tcaFlowerIPv6Dst       = 16
	tcaFlowerIPv6DstMask   = 17
	tcaFlowerFlags         = 22
	tcaFlowerVlanID        = 23
	tcaFlowerVlanPrio      = 24
	tcaFlowerVlanEthType   = 25
	tcaFlowerIPTos         = 73 // mask: +1
	tcaFlowerIPTTL         = 75 // mask: +1
	tcaFlowerPortSrcMin    = 87
	tcaFlowerPortDstMin    = 89
	tcaFlowerEncKeyID      = 26
	tcaFlowerEncIPv4Src    = 27
	tcaFlowerEncIPv4Dst    = 29
	tcaFlowerEncIPv6Src    = 31
	tcaFlowerEncIPv6Dst    = 33
	tcaFlowerEncUDPDstPort = 45
	tcaFlowerKeyFlags      = 47 // mask: +1
	tcaFlowerICMPv4Code    = 49 // mask +1, type +2, type mask +3
	tcaFlowerICMPv6Code    = 53
	tcaFlowerTCPFlags      = 71 // mask: +1
	tcaFlowerEncIPTos      = 80
	tcaFlowerEncIPTTL      = 82
	tcaFlowerCtState       = 91 // mask: +1
	tcaFlowerCtZone        = 93
	tcaFlowerCtMark        = 95
)

// tcFlowerAddrTypes are the attributes of an address key: IPv4 value
// and mask, IPv6 value and mask.
type tcFlowerAddrTypes [4]uint16

var (
	tcFlowerIPSrc  = tcFlowerAddrTypes{tcaFlowerIPv4Src, tcaFlowerIPv4SrcMask, tcaFlowerIPv6Src, tcaFlowerIPv6SrcMask}
	tcFlowerIPDst  = tcFlowerAddrTypes{tcaFlowerIPv4Dst, tcaFlowerIPv4DstMask, tcaFlowerIPv6Dst, tcaFlowerIPv6DstMask}
	tcFlowerEncSrc = tcFlowerAddrTypes{tcaFlowerEncIPv4Src, tcaFlowerEncIPv4Src + 1, tcaFlowerEncIPv6Src, tcaFlowerEncIPv6Src + 1}
	tcFlowerEncDst = tcFlowerAddrTypes{tcaFlowerEncIPv4Dst, tcaFlowerEncIPv4Dst + 1, tcaFlowerEncIPv6Dst, tcaFlowerEncIPv6Dst + 1}
)

// tcFlowerCtStates are ct_state's names and bits
// (TCA_FLOWER_KEY_CT_FLAGS_*), in iproute2's order.
var tcFlowerCtStates = []struct {
	name string
	bit  uint16
}{{"trk", 8}, {"new", 1}, {"est", 2}, {"inv", 16}, {"rpl", 32}, {"rel", 4}}

// tcFlowerCtState reads "+NAME-NAME...": the state and its mask.
func (l *cmdLine) tcFlowerCtState(v token) (state, mask uint16, err error) {
	s := v.s
	if s == "" {
		return 0, 0, l.errAt(v, "ct_state: want +STATE or -STATE (trk, new, est, inv, rpl, rel)")
	}
outer:
	for s != "" {
		if s[0] != '+' && s[0] != '-' {
			return 0, 0, l.errAt(v, "ct_state %q: each state starts with + or -", v.s)
		}
		neg := s[0] == '-'
		s = s[1:]
		for _, st := range tcFlowerCtStates {
			if strings.HasPrefix(s, st.name) {
				mask |= st.bit
				if !neg {
					state |= st.bit
				}
				s = s[len(st.name):]
				continue outer
			}
		}
		return 0, 0, l.errAt(v, "ct_state %q: unknown state (want trk, new, est, inv, rpl, rel)", v.s)
	}
	return state, mask, nil
}

// tcValueMask reads "VALUE[/MASK]" (mask all ones when not given).
func (l *cmdLine) tcValueMask(v token, what string, base, bits int) (uint64, uint64, error) {
	vt, mt, slash := strings.Cut(v.s, "/")
	val, err := l.tcUint(token{s: vt, line: v.line, col: v.col}, what, base, bits)
	if err != nil {
		return 0, 0, err
	}
	mask := uint64(1)<<bits - 1
	if slash {
		if mask, err = l.tcUint(token{s: mt, line: v.line, col: v.col + len(vt) + 1}, what+" mask", base, bits); err != nil {
			return 0, 0, err
		}
	}
	return val, mask, nil
}

// tcFlowerTosTTL is flower_parse_ip_tos_ttl: a value (decimal, else
// hex) and a hex mask, 0xff when not given; the mask's attribute
// follows the value's.
func (x *ipCtx) tcFlowerTosTTL(v token, what string, typ uint16) error {
	l := x.l
	vt, mt, slash := strings.Cut(v.s, "/")
	n, err := tcFlowerU8(vt)
	if err != nil {
		return l.errAt(v, "%s %q: want a number from 0 to 255", what, v.s)
	}
	b := x.c.b
	b.U8(typ, n)
	m := uint8(0xff)
	if slash {
		mv, err := strconv.ParseUint(strings.TrimPrefix(mt, "0x"), 16, 8)
		if err != nil {
			return l.errAt(v, "%s mask %q: want a hex number from 0 to ff", what, mt)
		}
		m = uint8(mv)
	}
	b.U8(typ+1, m)
	return nil
}

// tcFlowerPorts are the port attributes by IP protocol: source, its
// mask, destination, its mask.
var tcFlowerPorts = map[uint8][4]uint16{
	6:   {18, 35, 19, 36}, // TCP
	17:  {20, 37, 21, 38}, // UDP
	132: {41, 39, 42, 40}, // SCTP
}

var tcFlowerWords = []string{"classid", "flowid", "hw_tc", "ip_flags", "verbose", "skip_hw", "skip_sw", "ct_state", "ct_zone", "ct_mark", "indev", "vlan_id", "vlan_prio", "vlan_ethtype", "dst_mac", "src_mac", "ip_proto", "ip_tos", "ip_ttl", "dst_ip", "src_ip", "dst_port", "src_port", "tcp_flags", "type", "code", "enc_dst_ip", "enc_src_ip", "enc_key_id", "enc_dst_port", "enc_tos", "enc_ttl", "action"}

// tcFlower is flower_parse_opt for the common keys.
func tcFlower(x *ipCtx, handle token) error {
	l := x.l
	b := x.c.b
	if err := x.tcFilterHandle(handle, "flower"); err != nil {
		return err
	}
	info := x.tcInfoProto()
	tcProto := info
	ethType := tcProto
	var vlanEthType uint16
	ipProto := uint8(0xff)
	var flags, mtf, mtfMask uint32
	b.BeginNest(tcaOptions)
	for l.more() {
		t := l.next()
		switch {
		case matches(t.s, "classid"), matches(t.s, "flowid"):
			c, _, err := x.tcValueClassid(t, "classid")
			if err != nil {
				return err
			}
			b.U32(tcaFlowerClassid, c)
		case matches(t.s, "hw_tc"):
			v, err := x.tcValueUint(t, "hw_tc", 10, 32)
			if err != nil {
				return err
			}
			if v > 15 {
				return l.errAt(l.toks[l.pos-1], "hw_tc %d is out of range (0 to 15)", v)
			}
			b.U32(tcaFlowerClassid, x.tcField(tcmParentAt)&0xFFFF0000|(0xFFE0+uint32(v)))
		case matches(t.s, "ip_flags"):
			v, err := l.value(t, "flags ([no]frag, [no]firstfrag, separated by /)")
			if err != nil {
				return err
			}
			for _, f := range strings.Split(v.s, "/") {
				name, no := strings.CutPrefix(f, "no")
				var bit uint32
				switch name {
				case "frag":
					bit = 1 // TCA_FLOWER_KEY_FLAGS_IS_FRAGMENT
				case "firstfrag":
					bit = 2 // TCA_FLOWER_KEY_FLAGS_FRAG_IS_FIRST
				default:
					return l.errAt(v, "ip_flags %q: unknown flag %q (want [no]frag, [no]firstfrag)", v.s, f)
				}
				if no {
					mtf &^= bit
				} else {
					mtf |= bit
				}
				mtfMask |= bit
			}
		case matches(t.s, "ct_state"):
			v, err := l.value(t, "states such as +trk+est")
			if err != nil {
				return err
			}
			state, mask, err := l.tcFlowerCtState(v)
			if err != nil {
				return err
			}
			b.U16(tcaFlowerCtState, state)
			b.U16(tcaFlowerCtState+1, mask)
		case matches(t.s, "ct_zone"), matches(t.s, "ct_mark"):
			v, err := l.value(t, "a value[/mask]")
			if err != nil {
				return err
			}
			bits, typ := 16, uint16(tcaFlowerCtZone)
			if matches(t.s, "ct_mark") {
				bits, typ = 32, tcaFlowerCtMark
			}
			val, mask, err := l.tcValueMask(v, t.s, 0, bits)
			if err != nil {
				return err
			}
			if bits == 16 {
				b.U16(typ, uint16(val))
				b.U16(typ+1, uint16(mask))
			} else {
				b.U32(typ, uint32(val))
				b.U32(typ+1, uint32(mask))
			}
		case matches(t.s, "ct_label"), matches(t.s, "mpls"), matches(t.s, "cvlan_id"),
			matches(t.s, "cvlan_prio"), matches(t.s, "cvlan_ethtype"):
			return l.errAt(t, "flower %q: %w", t.s, errNotCompiled)
		case matches(t.s, "verbose"):
			flags |= 16 // TCA_CLS_FLAGS_VERBOSE
		case matches(t.s, "skip_hw"):
			flags |= tcClsSkipHW
		case matches(t.s, "skip_sw"):
			flags |= tcClsSkipSW
		case matches(t.s, "indev"):
			v, err := l.value(t, "an interface name")
			if err != nil {
				return err
			}
			b.String(tcaFlowerIndev, v.s)
		case matches(t.s, "vlan_id"), matches(t.s, "vlan_prio"):
			id := matches(t.s, "vlan_id")
			name, what, bits, most := "vlan_prio", "a VLAN priority (0 to 7)", 8, uint64(7)
			if id {
				name, what, bits, most = "vlan_id", "a VLAN id (0 to 4095)", 16, 0xfff
			}
			v, err := l.value(t, what)
			if err != nil {
				return err
			}
			if tcProto != tcEth8021Q && tcProto != tcEth8021AD {
				return l.errAt(t, "flower %s needs protocol 802.1Q or 802.1ad", name)
			}
			n, err := l.tcUint(v, name, 10, bits)
			if err != nil || n > most {
				return l.errAt(v, "%s %q: want 0 to %d", name, v.s, most)
			}
			if id {
				b.U16(tcaFlowerVlanID, uint16(n))
			} else {
				b.U8(tcaFlowerVlanPrio, uint8(n))
			}
		case matches(t.s, "vlan_ethtype"):
			v, err := l.value(t, "a protocol")
			if err != nil {
				return err
			}
			if ethType != tcEth8021Q && ethType != tcEth8021AD {
				return l.errAt(t, "flower vlan_ethtype needs protocol 802.1Q or 802.1ad")
			}
			p, err := l.tcEthProto(v, "vlan_ethtype")
			if err != nil {
				return err
			}
			b.BE16(tcaFlowerVlanEthType, p)
			vlanEthType, ethType = p, p
		case matches(t.s, "dst_mac"), matches(t.s, "src_mac"):
			v, err := l.value(t, "a MAC address[/mask]")
			if err != nil {
				return err
			}
			typ, mtyp := uint16(tcaFlowerEthDst), uint16(tcaFlowerEthDstMask)
			if matches(t.s, "src_mac") {
				typ, mtyp = tcaFlowerEthSrc, tcaFlowerEthSrcMask
			}
			if err := x.tcFlowerMAC(v, typ, mtyp); err != nil {
				return err
			}
		case matches(t.s, "ip_proto"):
			v, err := l.value(t, "an IP protocol (tcp, udp, sctp, icmp, icmpv6, hex number)")
			if err != nil {
				return err
			}
			if ethType != tcEthIP && ethType != tcEthIPv6 {
				return l.errAt(t, "flower ip_proto needs protocol ip or ipv6")
			}
			switch {
			case matches(v.s, "tcp"):
				ipProto = 6
			case matches(v.s, "udp"):
				ipProto = 17
			case matches(v.s, "sctp"):
				ipProto = 132
			case matches(v.s, "icmp"):
				if ethType != tcEthIP {
					return l.errAt(v, "flower ip_proto icmp needs protocol ip")
				}
				ipProto = 1
			case matches(v.s, "icmpv6"):
				if ethType != tcEthIPv6 {
					return l.errAt(v, "flower ip_proto icmpv6 needs protocol ipv6")
				}
				ipProto = 58
			default:
				n, err := l.tcUint(v, "ip_proto (hex)", 16, 8)
				if err != nil {
					return err
				}
				ipProto = uint8(n)
			}
			b.U8(tcaFlowerIPProto, ipProto)
		case matches(t.s, "ip_tos"), matches(t.s, "ip_ttl"):
			v, err := l.value(t, "a value[/mask]")
			if err != nil {
				return err
			}
			typ := uint16(tcaFlowerIPTos)
			if matches(t.s, "ip_ttl") {
				typ = tcaFlowerIPTTL
			}
			if err := x.tcFlowerTosTTL(v, t.s, typ); err != nil {
				return err
			}
		case matches(t.s, "dst_ip"), matches(t.s, "src_ip"):
			v, err := l.value(t, "an address or prefix")
			if err != nil {
				return err
			}
			et := ethType
			if vlanEthType != 0 {
				et = vlanEthType
			}
			types := tcFlowerIPDst
			if matches(t.s, "src_ip") {
				types = tcFlowerIPSrc
			}
			if err := x.tcFlowerIP(v, et, types); err != nil {
				return err
			}
		case matches(t.s, "dst_port"), matches(t.s, "src_port"):
			v, err := l.value(t, "a port, PORT/MASK or MIN-MAX")
			if err != nil {
				return err
			}
			if err := x.tcFlowerPort(v, ipProto, matches(t.s, "src_port")); err != nil {
				return err
			}
		case matches(t.s, "tcp_flags"):
			v, err := l.value(t, "flags[/mask] in hex")
			if err != nil {
				return err
			}
			val, mask, err := l.tcValueMask(v, "tcp_flags", 16, 16)
			if !strings.Contains(v.s, "/") {
				mask = 0xfff
			}
			if err != nil || val > 0xfff || mask > 0xfff {
				return l.errAt(v, "tcp_flags %q: want hex flags[/mask] up to fff", v.s)
			}
			b.BE16(tcaFlowerTCPFlags, uint16(val))
			b.BE16(tcaFlowerTCPFlags+1, uint16(mask))
		case matches(t.s, "type"), matches(t.s, "code"):
			v, err := l.value(t, "a number[/mask]")
			if err != nil {
				return err
			}
			var typ uint16
			switch {
			case ethType == tcEthIP && ipProto == 1:
				typ = tcaFlowerICMPv4Code
			case ethType == tcEthIPv6 && ipProto == 58:
				typ = tcaFlowerICMPv6Code
			default:
				return l.errAt(t, "flower %s needs ip_proto icmp (protocol ip) or icmpv6 (protocol ipv6) first", t.s)
			}
			if matches(t.s, "type") {
				typ += 2
			}
			val, mask, err := l.tcValueMask(v, "icmp "+t.s, 10, 8)
			if err != nil {
				return err
			}
			b.U8(typ, uint8(val))
			b.U8(typ+1, uint8(mask))
		case matches(t.s, "enc_dst_ip"), matches(t.s, "enc_src_ip"):
			v, err := l.value(t, "an address or prefix")
			if err != nil {
				return err
			}
			types := tcFlowerEncDst
			if matches(t.s, "enc_src_ip") {
				types = tcFlowerEncSrc
			}
			if err := x.tcFlowerIP(v, 0, types); err != nil {
				return err
			}
		case matches(t.s, "enc_key_id"):
			v, err := x.tcValueUint(t, "enc_key_id", 10, 32)
			if err != nil {
				return err
			}
			b.BE32(tcaFlowerEncKeyID, uint32(v))
		case matches(t.s, "enc_dst_port"):
			v, err := x.tcValueUint(t, "enc_dst_port", 10, 16)
			if err != nil {
				return err
			}
			b.BE16(tcaFlowerEncUDPDstPort, uint16(v))
		case matches(t.s, "enc_tos"), matches(t.s, "enc_ttl"):
			v, err := l.value(t, "a value[/mask]")
			if err != nil {
				return err
			}
			typ := uint16(tcaFlowerEncIPTos)
			if matches(t.s, "enc_ttl") {
				typ = tcaFlowerEncIPTTL
			}
			if err := x.tcFlowerTosTTL(v, t.s, typ); err != nil {
				return err
			}
		case matches(t.s, "action"):
			if err := x.tcActions(tcaFlowerAct); err != nil {
				return err
			}
		default:
			return l.tcWhat(t, "flower", tcFlowerWords)
		}
	}
	b.U32(tcaFlowerFlags, flags)
	if mtfMask != 0 {
		b.BE32(tcaFlowerKeyFlags, mtf)
		b.BE32(tcaFlowerKeyFlags+1, mtfMask)
	}
	if tcProto != tcEthAll {
		b.BE16(tcaFlowerEthType, tcProto)
	}
	b.EndNest()
	return nil
}

// tcInfoProto reads the protocol half of tcm_info of the open message
// (iproute2 stores it in network order; this is its value).
func (x *ipCtx) tcInfoProto() uint16 {
	return x.tcHtons(uint16(x.tcField(tcmInfoAt)))
}

// tcFlowerU8 is flower's get_u8 base 10, then base 16.
func tcFlowerU8(s string) (uint8, error) {
	v, err := strconv.ParseUint(s, 10, 8)
	if err == nil {
		return uint8(v), nil
	}
	v, err = strconv.ParseUint(strings.TrimPrefix(strings.TrimPrefix(s, "0x"), "0X"), 16, 8)
	return uint8(v), err
}

// tcFlowerMAC is flower_parse_eth_addr: an address and its mask
// ("/BITS", "/MAC", or all ones).
func (x *ipCtx) tcFlowerMAC(v token, typ, mtyp uint16) error {
	l := x.l
	at, mt, slash := strings.Cut(v.s, "/")
	addr, err := l.lladdrArg(token{s: at, line: v.line, col: v.col})
	if err != nil || len(addr) != 6 {
		return l.errAt(v, "%q is not a MAC address", v.s)
	}
	b := x.c.b
	b.Attr(typ, addr)
	mask := []byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff}
	if slash {
		if bits, err := strconv.ParseUint(mt, 10, 32); err == nil {
			var m uint64
			switch {
			case bits == 0:
				// What iproute2 6.1 sends for /0 (its shift is out
				// of range).
				m = 0x0000ffffffff
			case bits <= 48:
				m = uint64(0xffffffffffff) << (48 - bits) & 0xffffffffffff
			default:
				return l.errAt(v, "MAC mask /%s: at most 48 bits", mt)
			}
			for i := 0; i < 6; i++ {
				mask[i] = byte(m >> (40 - 8*i))
			}
		} else {
			m, err := l.lladdrArg(token{s: mt, line: v.line, col: v.col + len(at) + 1})
			if err != nil || len(m) != 6 {
				return l.errAt(v, "MAC mask %q: want a bit count or a MAC address", mt)
			}
			mask = m
		}
	}
	b.Attr(mtyp, mask)
	return nil
}

// tcFlowerIP is flower_parse_ip_addr: an address of the protocol's
// family (any for 0) and its mask.
func (x *ipCtx) tcFlowerIP(v token, ethType uint16, types tcFlowerAddrTypes) error {
	l := x.l
	family := uint8(afUnspec)
	switch ethType {
	case tcEthIP:
		family = afInet
	case tcEthIPv6:
		family = afInet6
	case 0:
	default:
		return l.errAt(v, "flower addresses need protocol ip or ipv6")
	}
	p, err := l.prefixArg(v, family, true)
	if err != nil {
		return err
	}
	if !p.addr.IsValid() {
		return l.errAt(v, "flower address %q: want an address, not %q", v.s, p.word)
	}
	addr := p.bytes()
	b := x.c.b
	typ, mtyp := types[0], types[1]
	if p.family == afInet6 {
		typ, mtyp = types[2], types[3]
	}
	b.Attr(typ, addr)
	var marr [16]byte
	mask := marr[:len(addr)]
	for i := range mask {
		bits := p.bits - 8*i
		switch {
		case bits >= 8:
			mask[i] = 0xff
		case bits > 0:
			mask[i] = byte(0xff << (8 - bits))
		}
	}
	b.Attr(mtyp, mask)
	return nil
}

// tcFlowerPort is flower_parse_port: "PORT", "PORT/MASK" or "MIN-MAX".
func (x *ipCtx) tcFlowerPort(v token, ipProto uint8, src bool) error {
	l := x.l
	b := x.c.b
	attrs, ok := tcFlowerPorts[ipProto]
	if !ok {
		return l.errAt(v, "flower ports need ip_proto tcp, udp or sctp first")
	}
	if lo, hi, ok := strings.Cut(v.s, "-"); ok {
		mn, err1 := strconv.ParseUint(lo, 10, 16)
		mx, err2 := strconv.ParseUint(hi, 10, 16)
		if err1 != nil || err2 != nil || mn >= mx {
			return l.errAt(v, "port range %q: want decimal MIN-MAX with MIN < MAX", v.s)
		}
		typ := uint16(tcaFlowerPortDstMin)
		if src {
			typ = tcaFlowerPortSrcMin
		}
		b.BE16(typ, uint16(mn))
		b.BE16(typ+1, uint16(mx))
		return nil
	}
	typ, mtyp := attrs[2], attrs[3]
	if src {
		typ, mtyp = attrs[0], attrs[1]
	}
	pt, mt, slash := strings.Cut(v.s, "/")
	port, err := l.tcUint(token{s: pt, line: v.line, col: v.col}, "port", 10, 16)
	if err != nil {
		return err
	}
	b.BE16(typ, uint16(port))
	if slash {
		m, err := l.tcUint(token{s: mt, line: v.line, col: v.col + len(pt) + 1}, "port mask", 0, 16)
		if err != nil {
			return err
		}
		b.BE16(mtyp, uint16(m))
	}
	return nil
}
