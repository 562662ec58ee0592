package batch

import (
	"net/netip"
	"strconv"
	"strings"
)

// More filter kinds (tc/f_cgroup.c, tc/f_flow.c, tc/f_route.c,
// tc/f_bpf.c): each reads the filter's handle and its words and writes
// TCA_OPTIONS into the open message.

// tcFilterHandle is the handle of the kinds that read it with get_u32
// base 0 into tcm_handle.
func (x *ipCtx) tcFilterHandle(handle token, kind string) error {
	if handle.s == "" {
		return nil
	}
	h, err := x.l.tcUint(handle, kind+" handle", 0, 32)
	if err != nil {
		return err
	}
	x.tcSetHandle(uint32(h))
	return nil
}

// tcValueClassid reads the class id after a keyword (classid, flowid,
// baseclass); it returns the value's word too, for later errors.
func (x *ipCtx) tcValueClassid(kw token, what string) (uint32, token, error) {
	v, err := x.l.value(kw, "a class id (1:10)")
	if err != nil {
		return 0, v, err
	}
	c, err := x.l.tcClassid(v, what)
	return c, v, err
}

// tcEmatchNotCompiled is the error for "match EMATCH_TREE", which the
// ematch kinds take and nlbatch does not compile.
func (l *cmdLine) tcEmatchNotCompiled(t token, kind string) error {
	return l.errAt(t, "%s %q (ematches): %w", kind, t.s, errNotCompiled)
}

var tcCgroupWords = []string{"match", "action", "police"}

// tcCgroup is cgroup_parse_opt: TCA_OPTIONS is always written, empty
// without words.
func tcCgroup(x *ipCtx, handle token) error {
	l := x.l
	b := x.c.b
	if err := x.tcFilterHandle(handle, "cgroup"); err != nil {
		return err
	}
	b.BeginNest(tcaOptions)
	for l.more() {
		t := l.next()
		switch {
		case matches(t.s, "match"):
			return l.tcEmatchNotCompiled(t, "cgroup")
		case matches(t.s, "action"):
			if err := x.tcActions(1); err != nil { // TCA_CGROUP_ACT
				return err
			}
		case matches(t.s, "police"):
			if err := x.tcPoliceIn(t, 2); err != nil { // TCA_CGROUP_POLICE
				return err
			}
		default:
			return l.tcWhat(t, "cgroup", tcCgroupWords)
		}
	}
	b.EndNest()
	return nil
}

// flow (TCA_FLOW_*, FLOW_KEY_*).
const (
	tcaFlowKeys      = 1
	tcaFlowMode      = 2
	tcaFlowBaseclass = 3
	tcaFlowRshift    = 4
	tcaFlowAddend    = 5
	tcaFlowMask      = 6
	tcaFlowXor       = 7
	tcaFlowDivisor   = 8
	tcaFlowAct       = 9
	tcaFlowPolice    = 10
	tcaFlowPerturb   = 12
)

// tcFlowKeys are the flow keys in bit order (FLOW_KEY_SRC is bit 0); a
// prefix selects the first it matches.
var tcFlowKeys = []string{
	"src", "dst", "proto", "proto-src", "proto-dst", "iif", "priority", "mark",
	"nfct", "nfct-src", "nfct-dst", "nfct-proto-src", "nfct-proto-dst",
	"rt-classid", "sk-uid", "sk-gid", "vlan-tag", "rxhash",
}

// In flow's words, checked in this order (a prefix selects the first).
var tcFlowWords = []string{
	"map", "hash", "keys", "and", "or", "xor", "rshift", "addend", "divisor",
	"baseclass", "perturb", "police", "action", "match",
}

// tcFlowAddendKeys is what get_addend tests before reading an address:
// FLOW_KEY_SRC|FLOW_KEY_DST|FLOW_KEY_NFCT_SRC|FLOW_KEY_NFCT_DST as
// plain numbers (0|1|9|10), not bits, so the keys src, dst and
// proto-src allow an address.
const tcFlowAddendKeys = 0 | 1 | 9 | 10

// tcFlow is flow_parse_opt.
func tcFlow(x *ipCtx, handle token) error {
	l := x.l
	b := x.c.b
	if err := x.tcFilterHandle(handle, "flow"); err != nil {
		return err
	}
	var (
		mask, xor   uint32 = ^uint32(0), 0
		keys, nkeys uint32
		mode        uint32 // FLOW_MODE_MAP
		keysTok     token
	)
	bitop := func(m, v uint32) {
		xor = v ^ (xor & m)
		mask &= m
	}
	num := func(t token) (uint32, error) {
		n, err := x.tcValueUint(t, "flow "+t.s, 0, 32)
		return uint32(n), err
	}
	b.BeginNest(tcaOptions)
	for l.more() {
		t := l.next()
		word := ""
		for _, w := range tcFlowWords {
			if matches(t.s, w) {
				word = w
				break
			}
		}
		switch word {
		case "map":
			mode = 0
		case "hash":
			mode = 1
		case "keys":
			v, err := l.value(t, "a list of keys (src,dst,...)")
			if err != nil {
				return err
			}
			keys, nkeys = 0, 0
			col := v.col
			for _, k := range strings.Split(v.s, ",") {
				found := false
				for i, name := range tcFlowKeys {
					if matches(k, name) {
						keys |= 1 << i
						nkeys++
						found = true
						break
					}
				}
				if !found {
					return l.unknown(token{s: k, line: v.line, col: col}, "flow key", tcFlowKeys)
				}
				col += len(k) + 1
			}
			keysTok = v
			b.U32(tcaFlowKeys, keys)
		case "and", "or", "xor":
			n, err := num(t)
			if err != nil {
				return err
			}
			switch word {
			case "and":
				bitop(n, 0)
			case "or":
				bitop(^n, n)
			default:
				bitop(^uint32(0), n)
			}
		case "rshift", "divisor", "perturb":
			n, err := num(t)
			if err != nil {
				return err
			}
			typ := uint16(tcaFlowRshift)
			switch word {
			case "divisor":
				typ = tcaFlowDivisor
			case "perturb":
				typ = tcaFlowPerturb
			}
			b.U32(typ, n)
		case "addend":
			v, err := l.value(t, "a number or an address")
			if err != nil {
				return err
			}
			n, err := l.tcFlowAddend(v, keys)
			if err != nil {
				return err
			}
			b.U32(tcaFlowAddend, n)
		case "baseclass":
			c, v, err := x.tcValueClassid(t, "baseclass")
			if err != nil {
				return err
			}
			if c&0xFFFF == 0 {
				return l.errAt(v, "baseclass %q needs a minor number (1:10, not 1:)", v.s)
			}
			b.U32(tcaFlowBaseclass, c)
		case "police":
			if err := x.tcPoliceIn(t, tcaFlowPolice); err != nil {
				return err
			}
		case "action":
			if err := x.tcActions(tcaFlowAct); err != nil {
				return err
			}
		case "match":
			return l.tcEmatchNotCompiled(t, "flow")
		default:
			return l.tcWhat(t, "flow", tcFlowWords)
		}
	}
	if nkeys > 1 && mode != 1 {
		return l.errAt(keysTok, "flow: several keys need \"hash\" (\"map\" takes one key)")
	}
	b.U32(tcaFlowMode, mode)
	if mask != ^uint32(0) || xor != 0 {
		b.U32(tcaFlowMask, mask)
		b.U32(tcaFlowXor, xor)
	}
	b.EndNest()
	return nil
}

// tcFlowAddend is get_addend: [-]NUMBER, or [-]ADDRESS when the keys
// allow it (see tcFlowAddendKeys): the last 32 bits of the address.
func (l *cmdLine) tcFlowAddend(v token, keys uint32) (uint32, error) {
	s := v.s
	neg := strings.HasPrefix(s, "-")
	if neg {
		s = s[1:]
	}
	var n uint32
	if u, ok := cStrtoul(s, 0); ok && u <= 0xFFFFFFFF && s != "" && s[0] != '-' && s[0] != '+' {
		n = uint32(u)
	} else if a, err := netip.ParseAddr(s); err == nil && keys&tcFlowAddendKeys != 0 && a.Zone() == "" {
		p := a.AsSlice()
		p = p[len(p)-4:]
		n = uint32(p[0])<<24 | uint32(p[1])<<16 | uint32(p[2])<<8 | uint32(p[3])
	} else {
		return 0, l.errAt(v, "flow addend %q: want a number, or an address with the keys src, dst or proto-src", v.s)
	}
	if neg {
		n = -n
	}
	return n, nil
}

// route (TCA_ROUTE4_*).
const (
	tcaRoute4Classid = 1
	tcaRoute4To      = 2
	tcaRoute4From    = 3
	tcaRoute4IIF     = 4
	tcaRoute4Police  = 5
	tcaRoute4Act     = 6
)

var tcRouteWords = []string{"to", "from", "fromif", "classid", "flowid", "police", "action", "order"}

// tcRoute is route_parse_opt. Without a handle, tc writes one made of
// the realms, the input interface and the order (the kernel checks that
// a given handle is that one).
func tcRoute(x *ipCtx, handle token) error {
	l := x.l
	b := x.c.b
	if err := x.tcFilterHandle(handle, "route"); err != nil {
		return err
	}
	if !l.more() {
		return nil
	}
	fh := uint32(0xFFFF8000)
	var order uint32
	b.BeginNest(tcaOptions)
	for l.more() {
		t := l.next()
		switch {
		case matches(t.s, "to"), matches(t.s, "from"):
			v, err := l.value(t, "a realm (a name or a number up to 255)")
			if err != nil {
				return err
			}
			id, err := l.lookupName(v, "realm", x.names.Realms, 255)
			if err != nil {
				return err
			}
			if matches(t.s, "to") {
				b.U32(tcaRoute4To, id)
				fh = fh&^0x80FF | id&0xFF
			} else {
				b.U32(tcaRoute4From, id)
				fh = fh&0xFFFF | id<<16
			}
		case matches(t.s, "fromif"):
			v, err := l.value(t, "an interface name")
			if err != nil {
				return err
			}
			if handle.s == "" {
				// The handle holds the interface's index, which only
				// the target knows.
				return l.errAt(t, "route fromif needs the filter's \"handle\": tc writes the interface's index into the handle it makes, and nlbatch does not know the index on the target")
			}
			if err := x.c.ifname(b.Offset()+4, "fromif", v.s); err != nil {
				return l.errAt(v, "%v", err)
			}
			b.U32(tcaRoute4IIF, 0)
		case matches(t.s, "classid"), t.s == "flowid":
			c, _, err := x.tcValueClassid(t, "classid")
			if err != nil {
				return err
			}
			b.U32(tcaRoute4Classid, c)
		case matches(t.s, "police"):
			if err := x.tcPoliceIn(t, tcaRoute4Police); err != nil {
				return err
			}
			continue
		case matches(t.s, "action"):
			if err := x.tcActions(tcaRoute4Act); err != nil {
				return err
			}
			continue
		case matches(t.s, "order"):
			n, err := x.tcValueUint(t, "order", 0, 32)
			if err != nil {
				return err
			}
			order = uint32(n)
		default:
			return l.tcWhat(t, "route", tcRouteWords)
		}
	}
	b.EndNest()
	if order != 0 {
		fh = fh&^0x7F00 | order<<8&0x7F00
	}
	if x.tcHandle() == 0 {
		x.tcSetHandle(fh)
	}
	return nil
}

// bpf (TCA_BPF_*).
const (
	tcaBpfAct      = 1
	tcaBpfPolice   = 2
	tcaBpfClassid  = 3
	tcaBpfOpsLen   = 4
	tcaBpfOps      = 5
	tcaBpfFlags    = 8
	tcaBpfFlagsGen = 9

	tcBpfMaxInsns = 4096 // BPF_MAXINSNS
)

var tcBpfWords = []string{"run", "classid", "flowid", "direct-action", "da", "skip_hw", "skip_sw", "action", "police"}

// tcBpfMode is bpf_do_parse's mode word ("bytecode"/"bc" is the only
// one nlbatch compiles): the bytecode after it as struct sock_filter
// array, host order.
func (x *ipCtx) tcBpfMode(t token) ([]byte, uint16, error) {
	l := x.l
	switch {
	case matches(t.s, "bytecode"), t.s == "bc":
	case matches(t.s, "bytecode-file"), t.s == "bcf", matches(t.s, "object-file"), t.s == "obj",
		matches(t.s, "object-pinned"), matches(t.s, "pinned"), matches(t.s, "fd"):
		// A file or a loaded program of the compiling machine, or a
		// file descriptor: nothing a batch can carry.
		return nil, 0, l.errAt(t, "bpf %q: %w (only classic BPF given inline: bytecode \"N,c t f k,...\")", t.s, errNotCompiled)
	default:
		return nil, 0, l.unknown(t, "bpf mode", []string{"bytecode", "bc"})
	}
	v, err := l.value(t, "classic BPF bytecode (\"N,c t f k,c t f k,...\")")
	if err != nil {
		return nil, 0, err
	}
	return x.tcBpfBytecode(v)
}

// tcBpfBytecode is bpf_ops_parse: "N,c t f k,c t f k,..." with N the
// number of instructions (1 to 4096) and each instruction four decimal
// numbers; one comma may end the list. Numbers out of their field's
// range and words after an instruction's four numbers are refused (tc
// wraps the first and ignores the second).
func (x *ipCtx) tcBpfBytecode(v token) ([]byte, uint16, error) {
	l := x.l
	head, rest, ok := strings.Cut(v.s, ",")
	n, err := strconv.ParseUint(head, 10, 16)
	if !ok || err != nil || head == "" || head[0] == '+' {
		return nil, 0, l.errAt(v, "bpf bytecode %q: want \"N,c t f k,...\" (N the number of instructions)", v.s)
	}
	if n == 0 || n > tcBpfMaxInsns {
		return nil, 0, l.errAt(v, "bpf bytecode %q: the number of instructions must be 1 to %d", v.s, tcBpfMaxInsns)
	}
	rest = strings.TrimSuffix(rest, ",")
	insns := strings.Split(rest, ",")
	if rest == "" {
		insns = nil
	}
	if uint64(len(insns)) != n {
		return nil, 0, l.errAt(v, "bpf bytecode %q: %d instruction(s) for a length of %d", v.s, len(insns), n)
	}
	out := make([]byte, 0, 8*len(insns))
	for i, ins := range insns {
		f := strings.Fields(ins)
		var vals [4]uint64
		bits := [4]int{16, 8, 8, 32}
		bad := len(f) != 4
		for j := 0; !bad && j < 4; j++ {
			vals[j], err = strconv.ParseUint(f[j], 10, bits[j])
			bad = err != nil
		}
		if bad {
			return nil, 0, l.errAt(v, "bpf bytecode %q: instruction %d %q: want \"code jt jf k\" (decimal, within 16, 8, 8 and 32 bits)", v.s, i, ins)
		}
		out = x.tcPut16(out, uint16(vals[0]))
		out = append(out, byte(vals[1]), byte(vals[2]))
		out = x.tcPut32(out, uint32(vals[3]))
	}
	return out, uint16(n), nil
}

// tcBpf is bpf_parse_opt for classic BPF: the bytecode is written
// after the other options (bpf_load_common), an empty program when no
// bytecode was given.
func tcBpf(x *ipCtx, handle token) error {
	l := x.l
	b := x.c.b
	if err := x.tcFilterHandle(handle, "bpf"); err != nil {
		return err
	}
	if !l.more() {
		return nil
	}
	var (
		ops             []byte
		nops            uint16
		seenRun         bool
		genFlags, flags uint32
		runTok          token
	)
	b.BeginNest(tcaOptions)
	for l.more() {
		t := l.next()
		mode := t
		switch {
		case matches(t.s, "run"):
			v, err := l.value(t, "a mode (bytecode)")
			if err != nil {
				return err
			}
			if seenRun {
				return l.errAt(t, "duplicate \"run\" (the program is %q)", runTok.s)
			}
			mode = v
		case matches(t.s, "classid"), matches(t.s, "flowid"):
			c, _, err := x.tcValueClassid(t, "classid")
			if err != nil {
				return err
			}
			b.U32(tcaBpfClassid, c)
			continue
		case matches(t.s, "direct-action"), matches(t.s, "da"):
			flags |= 1 // TCA_BPF_FLAG_ACT_DIRECT
			continue
		case matches(t.s, "skip_hw"):
			genFlags |= tcClsSkipHW
			continue
		case matches(t.s, "skip_sw"):
			genFlags |= tcClsSkipSW
			continue
		case matches(t.s, "action"):
			if err := x.tcActions(tcaBpfAct); err != nil {
				return err
			}
			continue
		case matches(t.s, "police"):
			if err := x.tcPoliceIn(t, tcaBpfPolice); err != nil {
				return err
			}
			continue
		case seenRun:
			return l.tcWhat(t, "bpf", tcBpfWords)
		}
		var err error
		if ops, nops, err = x.tcBpfMode(mode); err != nil {
			return err
		}
		seenRun, runTok = true, mode
	}
	b.U16(tcaBpfOpsLen, nops)
	b.Attr(tcaBpfOps, ops)
	if genFlags != 0 {
		b.U32(tcaBpfFlagsGen, genFlags)
	}
	if flags != 0 {
		b.U32(tcaBpfFlags, flags)
	}
	b.EndNest()
	return nil
}
