package batch

import (
	"encoding/binary"
	"sort"
	"strings"

	"github.com/nlbatch/nlbatch/codec"
)

// tc's qdisc, class and filter commands (tc/tc_qdisc.c, tc/tc_class.c,
// tc/tc_filter.c): the words before the kind fill struct tcmsg and a few
// generic attributes, the kind's own parser the rest.

// rtnetlink message types of traffic control.
const (
	tcRtmNewQdisc  = 36
	tcRtmDelQdisc  = 37
	tcRtmNewClass  = 40
	tcRtmDelClass  = 41
	tcRtmNewFilter = 44
	tcRtmDelFilter = 45
)

// Generic TCA_* attributes (linux/rtnetlink.h).
const (
	tcaKind    = 1
	tcaOptions = 2
	tcaRate    = 5
	tcaChain   = 11
)

// tcNested is NLA_F_NESTED, which iproute2 sets on some nests.
const tcNested = 0x8000

// tcVerb is a command of an object: its message type and flags.
type tcVerb struct {
	name  string
	typ   uint16
	flags uint16
}

// The commands, in iproute2's order (the order decides abbreviations).
var (
	tcQdiscVerbs = []tcVerb{
		{"add", tcRtmNewQdisc, codec.FlagExcl | codec.FlagCreate},
		{"change", tcRtmNewQdisc, 0},
		{"replace", tcRtmNewQdisc, codec.FlagCreate | codec.FlagReplace},
		{"link", tcRtmNewQdisc, codec.FlagReplace},
		{"delete", tcRtmDelQdisc, 0},
	}
	tcClassVerbs = []tcVerb{
		{"add", tcRtmNewClass, codec.FlagExcl | codec.FlagCreate},
		{"change", tcRtmNewClass, 0},
		{"replace", tcRtmNewClass, codec.FlagCreate},
		{"delete", tcRtmDelClass, 0},
	}
	tcFilterVerbs = []tcVerb{
		{"add", tcRtmNewFilter, codec.FlagExcl | codec.FlagCreate},
		{"change", tcRtmNewFilter, 0},
		{"replace", tcRtmNewFilter, codec.FlagCreate},
		{"delete", tcRtmDelFilter, 0},
	}
	tcOtherVerbs = []string{"get", "list", "show", "lst", "help"}
)

// tcVerbArg reads the command word of an object.
func (x *ipCtx) tcVerbArg(object string, verbs []tcVerb) (*tcVerb, error) {
	l := x.l
	w := l.next()
	for i := range verbs {
		if w.s != "" && matches(w.s, verbs[i].name) {
			return &verbs[i], nil
		}
	}
	names := make([]string, len(verbs))
	for i, v := range verbs {
		names[i] = v.name
	}
	if w.s == "" {
		return nil, l.errAt(w, "tc %s: missing command (%s)", object, strings.Join(names, ", "))
	}
	for _, o := range tcOtherVerbs {
		if matches(w.s, o) {
			return nil, l.errAt(w, "tc %s %s: %w (it compiles %s)", object, o, errNotCompiled, strings.Join(names, ", "))
		}
	}
	return nil, l.unknown(w, "tc "+object+" command", names)
}

// tcHdr is what the words before the kind say.
type tcHdr struct {
	dev                  token
	handle, parent, info uint32
	est                  [2]byte
	kind                 token
	chain                uint32
	hasChain             bool
	fhandle              token // a filter's handle, for its kind to read
}

// tcBegin starts the message and writes struct tcmsg.
func (x *ipCtx) tcBegin(verb *tcVerb, h *tcHdr) (*codec.Builder, error) {
	b := x.c.begin(verb.typ, codec.FlagRequest|codec.FlagAck|verb.flags)
	var arr [20]byte
	p := arr[:0]
	p = append(p, 0, 0, 0, 0) // family AF_UNSPEC, padding
	if h.dev.s != "" {
		if err := x.c.ifname(b.Offset()+len(p), "dev", h.dev.s); err != nil {
			return nil, x.l.errAt(h.dev, "%v", err)
		}
	}
	p = append(p, 0, 0, 0, 0)
	p = x.tcPut32(p, h.handle)
	p = x.tcPut32(p, h.parent)
	p = x.tcPut32(p, h.info)
	b.Raw(p)
	return b, nil
}

// Offsets of struct tcmsg's fields in the open message.
const (
	tcmHandleAt = codec.HeaderLen + 8
	tcmParentAt = codec.HeaderLen + 12
	tcmInfoAt   = codec.HeaderLen + 16
)

// tcField reads a u32 field of struct tcmsg of the open message (filter
// kinds read and rewrite tcm_handle, read tcm_parent and tcm_info).
func (x *ipCtx) tcField(at int) uint32 {
	buf := x.c.b.Bytes()[at : at+4]
	if x.c.opts.BigEndian {
		return binary.BigEndian.Uint32(buf)
	}
	return binary.LittleEndian.Uint32(buf)
}

// tcSetField rewrites a u32 field of struct tcmsg of the open message.
func (x *ipCtx) tcSetField(at int, v uint32) {
	buf := x.c.b.Bytes()[at : at+4]
	if x.c.opts.BigEndian {
		binary.BigEndian.PutUint32(buf, v)
	} else {
		binary.LittleEndian.PutUint32(buf, v)
	}
}

// tcSetHandle rewrites tcm_handle of the open message.
func (x *ipCtx) tcSetHandle(v uint32) { x.tcSetField(tcmHandleAt, v) }

// tcHandle reads tcm_handle of the open message.
func (x *ipCtx) tcHandle() uint32 { return x.tcField(tcmHandleAt) }

// tcDev reads "dev NAME".
func (x *ipCtx) tcDev(h *tcHdr, kw token) error {
	v, err := x.l.value(kw, "an interface name")
	if err != nil {
		return err
	}
	if h.dev.s != "" {
		return x.l.errAt(v, "duplicate \"dev\": %q, and %q before", v.s, h.dev.s)
	}
	if v.s == "" || len(v.s) >= 16 || strings.ContainsAny(v.s, "/ \t\n") {
		return x.l.errAt(v, "dev %q is not a valid interface name", v.s)
	}
	h.dev = v
	return nil
}

// tcParent reads "parent CLASSID".
func (x *ipCtx) tcParent(h *tcHdr, kw token) error {
	v, err := x.l.value(kw, "a parent class id (1:, 1:10, root)")
	if err != nil {
		return err
	}
	if h.parent != 0 {
		return x.l.errAt(kw, "duplicate parent: %q, and a parent before", v.s)
	}
	h.parent, err = x.l.tcClassid(v, "parent")
	return err
}

func (x *ipCtx) tcSetParent(h *tcHdr, kw token, parent uint32) error {
	if h.parent != 0 {
		return x.l.errAt(kw, "%q is a duplicate parent", kw.s)
	}
	h.parent = parent
	return nil
}

// tcQdiscKinds are the qdiscs nlbatch compiles: the parser of their
// options, nil for those iproute2 sends with no options.
var tcQdiscKinds map[string]func(x *ipCtx) error

func init() {
	tcQdiscKinds = map[string]func(x *ipCtx) error{
		"htb": tcHTBQdisc, "tbf": tcTBF, "prio": tcPrio, "pfifo": tcFifo, "bfifo": tcFifo,
		"pfifo_head_drop": tcFifo, "pfifo_fast": nil, "sfq": tcSFQ, "fq_codel": tcFQCodel,
		"netem": tcNetem, "fq": tcFQ, "ingress": tcIngressOpts, "clsact": tcNoOpts,
		"noqueue": nil, "mq": nil, "multiq": tcMultiq, "codel": tcCodel, "red": tcRED,
		"hfsc": tcHFSCQdisc, "cake": tcCake, "pie": tcPie, "fq_pie": tcFQPie, "drr": tcNoOpts,
		"qfq": tcNoOpts, "skbprio": tcSkbprio, "plug": tcPlug, "cbs": tcCBS, "etf": tcETF,
		"mqprio": tcMqprio, "ets": tcETS,
		"choke": tcChoke, "gred": tcGred, "hhf": tcHHF, "sfb": tcSFB, "taprio": tcTaprio,
	}
}

// tcKindsNotCompiled are iproute2's kinds that nlbatch refuses by name
// (their own parsers are not written yet).
var (
	tcQdiscNotCompiled  = []string{"atm", "cbq", "dsmark"}
	tcFilterNotCompiled = []string{"rsvp", "rsvp6", "tcindex"}
	tcActNotCompiled    = []string{"ipt", "xt"}
)

// tcNotCompiled is the error for a kind iproute2 knows and nlbatch does
// not compile, or nil.
func (l *cmdLine) tcNotCompiled(t token, what string, list []string, compiled []string) error {
	for _, k := range list {
		if t.s == k {
			sort.Strings(compiled)
			return l.errAt(t, "%s %q: %w (it compiles %s)", what, t.s, errNotCompiled, strings.Join(compiled, ", "))
		}
	}
	return nil
}

func tcKindNames(m map[string]func(x *ipCtx) error) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

// tcQdisc compiles `tc qdisc add|change|replace|link|delete`.
func tcQdisc(x *ipCtx) error {
	l := x.l
	verb, err := x.tcVerbArg("qdisc", tcQdiscVerbs)
	if err != nil {
		return err
	}
	var h tcHdr
	hasEst := false
words:
	for l.more() {
		t := l.next()
		switch {
		case t.s == "dev":
			if err := x.tcDev(&h, t); err != nil {
				return err
			}
		case t.s == "handle":
			v, err := l.value(t, "a qdisc handle (1:)")
			if err != nil {
				return err
			}
			if h.handle != 0 {
				return l.errAt(v, "duplicate \"handle\" %q", v.s)
			}
			if h.handle, err = l.tcQdiscHandle(v, "handle"); err != nil {
				return err
			}
		case t.s == "root":
			if err := x.tcSetParent(&h, t, tcHRoot); err != nil {
				return err
			}
		case t.s == "clsact", t.s == "ingress":
			if err := x.tcSetParent(&h, t, tcHIngress); err != nil {
				return err
			}
			h.kind, h.handle = t, 0xFFFF0000
			break words
		case t.s == "parent":
			if err := x.tcParent(&h, t); err != nil {
				return err
			}
		case matches(t.s, "estimator"):
			if hasEst {
				return l.errAt(t, "duplicate \"estimator\"")
			}
			if h.est, err = x.tcEstimator(t); err != nil {
				return err
			}
			hasEst = true
		case matches(t.s, "stab"), matches(t.s, "ingress_block"), matches(t.s, "egress_block"):
			return l.errAt(t, "tc qdisc %q: %w", t.s, errNotCompiled)
		case matches(t.s, "help"):
			return l.errAt(t, "tc qdisc help sends nothing")
		default:
			h.kind = t
			break words
		}
	}
	var parse func(x *ipCtx) error
	if h.kind.s != "" {
		p, ok := tcQdiscKinds[h.kind.s]
		if !ok {
			if err := l.tcNotCompiled(h.kind, "qdisc", tcQdiscNotCompiled, tcKindNames(tcQdiscKinds)); err != nil {
				return err
			}
			return l.errAt(h.kind, "unknown qdisc kind %q, or a kind nlbatch does not compile%s", h.kind.s, codec.Suggest(h.kind.s, tcKindNames(tcQdiscKinds)))
		}
		parse = p
	}
	if parse == nil && l.more() {
		if h.kind.s == "" {
			return l.errAt(l.peek(), "unexpected %q: tc qdisc wants a kind first", l.peek().s)
		}
		return l.errAt(l.peek(), "qdisc %s takes no options, not %q", h.kind.s, l.peek().s)
	}
	b, err := x.tcBegin(verb, &h)
	if err != nil {
		return err
	}
	if h.kind.s != "" {
		b.String(tcaKind, h.kind.s)
	}
	if h.est[1] != 0 {
		b.Attr(tcaRate, h.est[:])
	}
	if parse != nil {
		if err := parse(x); err != nil {
			return err
		}
	}
	return x.c.commit(l.source(), false)
}

// tcNoOpts is a kind that takes no options (clsact).
func tcNoOpts(x *ipCtx) error {
	if x.l.more() {
		return x.l.errAt(x.l.peek(), "unexpected %q: this kind takes no options", x.l.peek().s)
	}
	return nil
}

// tcIngressOpts is ingress's parser: it skips "handle X".
func tcIngressOpts(x *ipCtx) error {
	l := x.l
	for l.more() {
		t := l.next()
		if t.s != "handle" {
			return l.errAt(t, "ingress: unexpected %q (only \"handle ffff:\")", t.s)
		}
		if _, err := l.value(t, "a handle"); err != nil {
			return err
		}
	}
	return nil
}

// tcClassKinds are the classes nlbatch compiles.
var tcClassKinds map[string]func(x *ipCtx) error

func init() {
	tcClassKinds = map[string]func(x *ipCtx) error{"htb": tcHTBClass, "hfsc": tcHFSCClass, "drr": tcDRRClass, "qfq": tcQFQClass, "ets": tcETSClass}
}

// tcClass compiles `tc class add|change|replace|delete`.
func tcClass(x *ipCtx) error {
	l := x.l
	verb, err := x.tcVerbArg("class", tcClassVerbs)
	if err != nil {
		return err
	}
	var h tcHdr
	hasEst := false
words:
	for l.more() {
		t := l.next()
		switch {
		case t.s == "dev":
			if err := x.tcDev(&h, t); err != nil {
				return err
			}
		case t.s == "classid":
			v, err := l.value(t, "a class id (1:10)")
			if err != nil {
				return err
			}
			if h.handle != 0 {
				return l.errAt(v, "duplicate \"classid\" %q", v.s)
			}
			if h.handle, err = l.tcClassid(v, "classid"); err != nil {
				return err
			}
		case t.s == "handle":
			return l.errAt(t, "a class is named by \"classid\", not \"handle\"")
		case t.s == "root":
			if err := x.tcSetParent(&h, t, tcHRoot); err != nil {
				return err
			}
		case t.s == "parent":
			if err := x.tcParent(&h, t); err != nil {
				return err
			}
		case matches(t.s, "estimator"):
			if hasEst {
				return l.errAt(t, "duplicate \"estimator\"")
			}
			if h.est, err = x.tcEstimator(t); err != nil {
				return err
			}
			hasEst = true
		case matches(t.s, "help"):
			return l.errAt(t, "tc class help sends nothing")
		default:
			h.kind = t
			break words
		}
	}
	var parse func(x *ipCtx) error
	if h.kind.s != "" {
		p, ok := tcClassKinds[h.kind.s]
		if !ok {
			if err := l.tcNotCompiled(h.kind, "class", tcQdiscNotCompiled, tcKindNames(tcClassKinds)); err != nil {
				return err
			}
			return l.errAt(h.kind, "unknown class kind %q, or a kind nlbatch does not compile%s", h.kind.s, codec.Suggest(h.kind.s, tcKindNames(tcClassKinds)))
		}
		parse = p
	}
	if parse == nil && l.more() {
		return l.errAt(l.peek(), "unexpected %q: tc class wants a kind first", l.peek().s)
	}
	b, err := x.tcBegin(verb, &h)
	if err != nil {
		return err
	}
	if h.kind.s != "" {
		b.String(tcaKind, h.kind.s)
	}
	if h.est[1] != 0 {
		b.Attr(tcaRate, h.est[:])
	}
	if parse != nil {
		if err := parse(x); err != nil {
			return err
		}
	}
	return x.c.commit(l.source(), false)
}

// tcFilterKinds are the filters nlbatch compiles; each reads the
// filter's handle (may be empty) and its options.
var tcFilterKinds map[string]func(x *ipCtx, handle token) error

func init() {
	tcFilterKinds = map[string]func(x *ipCtx, handle token) error{
		"u32": tcU32, "fw": tcFW, "matchall": tcMatchall, "flower": tcFlower, "basic": tcBasic,
		"cgroup": tcCgroup, "flow": tcFlow, "route": tcRoute, "bpf": tcBpf,
	}
}

// tcFilter compiles `tc filter add|change|replace|delete`.
func tcFilter(x *ipCtx) error {
	l := x.l
	verb, err := x.tcVerbArg("filter", tcFilterVerbs)
	if err != nil {
		return err
	}
	var (
		h                     tcHdr
		prio                  uint32
		proto                 uint16
		protoSet, hasEst      bool
		handleSet, chainToken bool
	)
	if verb.typ == tcRtmNewFilter && verb.flags&codec.FlagCreate != 0 {
		proto = tcEthAll
	}
words:
	for l.more() {
		t := l.next()
		switch {
		case t.s == "dev":
			if err := x.tcDev(&h, t); err != nil {
				return err
			}
		case matches(t.s, "block"):
			return l.errAt(t, "tc filter block: %w", errNotCompiled)
		case t.s == "root":
			if err := x.tcSetParent(&h, t, tcHRoot); err != nil {
				return err
			}
		case t.s == "ingress":
			if err := x.tcSetParent(&h, t, 0xFFFF0000|tcHMinIngress); err != nil {
				return err
			}
		case t.s == "egress":
			if err := x.tcSetParent(&h, t, 0xFFFF0000|tcHMinEgress); err != nil {
				return err
			}
		case t.s == "parent":
			if err := x.tcParent(&h, t); err != nil {
				return err
			}
		case t.s == "handle":
			v, err := l.value(t, "a filter handle")
			if err != nil {
				return err
			}
			if handleSet {
				return l.errAt(v, "duplicate \"handle\" %q", v.s)
			}
			h.fhandle, handleSet = v, true
		case matches(t.s, "preference"), matches(t.s, "priority"):
			v, err := l.value(t, "a priority (1 to 65535)")
			if err != nil {
				return err
			}
			if prio != 0 {
				return l.errAt(v, "duplicate priority %q", v.s)
			}
			p, err := l.tcUint(v, "priority", 0, 32)
			if err != nil {
				return err
			}
			if p > 0xFFFF {
				return l.errAt(v, "priority %q is out of range (at most 65535)", v.s)
			}
			prio = uint32(p)
		case matches(t.s, "protocol"):
			v, err := l.value(t, "a protocol (ip, ipv6, all, 802.1Q, a number)")
			if err != nil {
				return err
			}
			if protoSet {
				return l.errAt(v, "duplicate protocol %q", v.s)
			}
			if proto, err = l.tcEthProto(v, "protocol"); err != nil {
				return err
			}
			protoSet = true
		case matches(t.s, "chain"):
			v, err := l.value(t, "a chain index")
			if err != nil {
				return err
			}
			if chainToken {
				return l.errAt(v, "duplicate chain %q", v.s)
			}
			c, err := l.tcUint(v, "chain", 0, 32)
			if err != nil {
				return err
			}
			h.chain, h.hasChain, chainToken = uint32(c), true, true
		case matches(t.s, "estimator"):
			if hasEst {
				return l.errAt(t, "duplicate \"estimator\"")
			}
			if h.est, err = x.tcEstimator(t); err != nil {
				return err
			}
			hasEst = true
		case matches(t.s, "help"):
			return l.errAt(t, "tc filter help sends nothing")
		default:
			h.kind = t
			break words
		}
	}
	h.info = prio<<16 | uint32(x.tcHtons(proto))
	var parse func(x *ipCtx, handle token) error
	if h.kind.s != "" {
		p, ok := tcFilterKinds[h.kind.s]
		if !ok {
			if err := l.tcNotCompiled(h.kind, "filter", tcFilterNotCompiled, tcFilterKindNames()); err != nil {
				return err
			}
			return l.errAt(h.kind, "unknown filter kind %q, or a kind nlbatch does not compile%s", h.kind.s, codec.Suggest(h.kind.s, tcFilterKindNames()))
		}
		parse = p
	} else {
		if handleSet {
			return l.errAt(h.fhandle, "a filter \"handle\" needs the filter's kind (u32, fw, flower ...)")
		}
		if l.more() {
			return l.errAt(l.peek(), "unexpected %q: tc filter wants a kind first", l.peek().s)
		}
	}
	b, err := x.tcBegin(verb, &h)
	if err != nil {
		return err
	}
	if h.hasChain {
		b.U32(tcaChain, h.chain)
	}
	if h.kind.s != "" {
		b.String(tcaKind, h.kind.s)
	}
	if parse != nil {
		if err := parse(x, h.fhandle); err != nil {
			return err
		}
	}
	if h.est[1] != 0 {
		b.Attr(tcaRate, h.est[:])
	}
	return x.c.commit(l.source(), false)
}

func tcFilterKindNames() []string {
	out := make([]string, 0, len(tcFilterKinds))
	for k := range tcFilterKinds {
		out = append(out, k)
	}
	return out
}
