package batch

import (
	"math"
	"strconv"
	"strings"

	"github.com/nlbatch/nlbatch/codec"
)

// tc actions (tc/m_action.c and tc/m_*.c) as filters carry them: a nest
// of the filter's ACT type holding one nest per action, numbered from 1,
// each with TCA_ACT_KIND and TCA_ACT_OPTIONS (flagged nested).

// Action control values (linux/pkt_cls.h TC_ACT_*).
const (
	tcActUnspec     = -1
	tcActOK         = 0
	tcActReclassify = 1
	tcActShot       = 2
	tcActPipe       = 3
	tcActStolen     = 4
	tcActTrap       = 8
	tcActJump       = 1 << 28
	tcActGotoChain  = 2 << 28
	tcActExtMask    = 0x0FFFFFFF
)

// tcActControls are action_a2n's names, in its order (a prefix selects
// the first).
var tcActControls = []struct {
	name string
	v    int32
}{
	{"continue", tcActUnspec}, {"drop", tcActShot}, {"shot", tcActShot}, {"pass", tcActOK},
	{"ok", tcActOK}, {"reclassify", tcActReclassify}, {"pipe", tcActPipe},
	{"goto", tcActGotoChain}, {"jump", tcActJump}, {"trap", tcActTrap},
}

func tcActControlNames() []string {
	out := make([]string, len(tcActControls))
	for i, c := range tcActControls {
		out[i] = c.name
	}
	return out
}

// tcActControlOf is action_a2n without numbers: ok false when the word
// names no control.
func tcActControlOf(s string) (int32, bool) {
	for _, c := range tcActControls {
		if matches(s, c.name) {
			return c.v, true
		}
	}
	return 0, false
}

// tcActControl is parse_action_control: a control word, and for goto
// "chain N", for jump a count. It takes the words.
func (x *ipCtx) tcActControl(t token) (int32, error) {
	l := x.l
	v, ok := tcActControlOf(t.s)
	if !ok {
		return 0, l.unknown(t, "action control", tcActControlNames())
	}
	switch v {
	case tcActGotoChain:
		c, err := l.value(t, "\"chain INDEX\"")
		if err != nil {
			return 0, err
		}
		if !matches(c.s, "chain") {
			return 0, l.errAt(c, "goto wants \"chain INDEX\", not %q", c.s)
		}
		n, err := l.value(c, "a chain index")
		if err != nil {
			return 0, err
		}
		idx, err := l.tcUint(n, "chain index", 10, 32)
		if err != nil || idx > tcActExtMask {
			return 0, l.errAt(n, "chain index %q: want a decimal number up to %d", n.s, tcActExtMask)
		}
		v |= int32(idx)
	case tcActJump:
		n, err := l.value(t, "a jump count")
		if err != nil {
			return 0, err
		}
		cnt, err := l.tcUint(n, "jump count", 10, 32)
		if err != nil || cnt > tcActExtMask {
			return 0, l.errAt(n, "jump count %q: want a decimal number up to %d", n.s, tcActExtMask)
		}
		v |= int32(cnt)
	}
	return v, nil
}

// tcActControlDefault is parse_action_control_dflt: a control word if
// the next word is one, else def.
func (x *ipCtx) tcActControlDefault(def int32) (int32, error) {
	l := x.l
	if !l.more() {
		return def, nil
	}
	if _, ok := tcActControlOf(l.peek().s); !ok {
		return def, nil
	}
	return x.tcActControl(l.next())
}

// tcActIndex reads an optional "index N" after an action.
func (x *ipCtx) tcActIndex(index *uint32) error {
	l := x.l
	if !l.more() || !matches(l.peek().s, "index") {
		return nil
	}
	t := l.next()
	v, err := x.tcValueUint(t, "index", 10, 32)
	if err != nil {
		return err
	}
	*index = uint32(v)
	return nil
}

// tcActControlIndex reads what most actions end with: a control
// (default def) and an optional "index N".
func (x *ipCtx) tcActControlIndex(def int32, index *uint32) (int32, error) {
	action, err := x.tcActControlDefault(def)
	if err != nil {
		return 0, err
	}
	return action, x.tcActIndex(index)
}

// tcGen is struct tc_gen, the head of every action's parameters.
func (x *ipCtx) tcGen(p []byte, index uint32, action int32) []byte {
	p = x.tcPut32(p, index)
	p = x.tcPut32(p, 0) // capab
	p = x.tcPut32(p, uint32(action))
	p = x.tcPut32(p, 0) // refcnt
	return x.tcPut32(p, 0)
}

// tcActParms writes an action's parameters that are struct tc_gen
// alone, as attribute typ.
func (x *ipCtx) tcActParms(typ uint16, index uint32, action int32) {
	var arr [20]byte
	x.c.b.Attr(typ, x.tcGen(arr[:0], index, action))
}

// tcActKinds are the actions nlbatch compiles: each parser starts at the
// action's own word (its name, or a control word for gact) and writes
// TCA_ACT_OPTIONS.
var tcActKinds map[string]func(x *ipCtx, first token) error

func init() {
	tcActKinds = map[string]func(x *ipCtx, first token) error{
		"gact": tcGact, "mirred": tcMirred, "police": tcPolice, "vlan": tcVlanAct,
		"skbedit": tcSkbedit, "connmark": tcConnmark, "csum": tcCsum, "nat": tcNat,
		"tunnel_key": tcTunnelKey, "sample": tcSample, "ct": tcCt, "skbmod": tcSkbmod,
		"mpls": tcMpls, "simple": tcSimple, "ctinfo": tcCtinfo, "gate": tcGate, "ife": tcIfe,
		"pedit": tcPedit, "bpf": tcBpfAct,
	}
}

const (
	tcaActKind    = 1
	tcaActOptions = 2 | tcNested
)

// tcActions is parse_action: the actions after "action", up to the end,
// "flowid" or "classid".
func (x *ipCtx) tcActions(typ uint16) error {
	l := x.l
	b := x.c.b
	if !l.more() {
		return l.errAt(l.end(), "\"action\" needs an action after it")
	}
	b.BeginNest(typ)
	prio := uint16(0)
	pendingAction := false
	var cookie []byte // iproute2 keeps a cookie for the actions after it
	for l.more() {
		t := l.peek()
		switch t.s {
		case "action":
			l.next()
			pendingAction = true
			continue
		case "flowid", "classid":
			if pendingAction {
				return l.errAt(t, "\"action\" needs an action before %q", t.s)
			}
			b.EndNest()
			return nil
		case "help":
			return l.errAt(t, "help sends nothing")
		}
		if tcNewCmd(t.s) {
			// iproute2 ends the list at a word that starts a new
			// command; the filter reads it.
			b.EndNest()
			return nil
		}
		l.next()
		kind := t.s
		parse, ok := tcActKinds[kind]
		if !ok {
			if err := l.tcNotCompiled(t, "action", tcActNotCompiled, tcKindNamesAct()); err != nil {
				return err
			}
			// An unknown name is gact's: a prefix of "gact" or a
			// control word.
			if _, isControl := tcActControlOf(kind); !isControl && !matches(kind, "gact") {
				known := append(tcActControlNames(), tcKindNamesAct()...)
				return l.errAt(t, "unknown action %q, or one nlbatch does not compile%s", kind, codec.Suggest(kind, known))
			}
			kind, parse = "gact", tcGact
		}
		if prio == 32 {
			return l.errAt(t, "too many actions (at most 32)")
		}
		prio++
		b.BeginNest(prio)
		b.String(tcaActKind, kind)
		if err := parse(x, t); err != nil {
			return err
		}
		var err error
		if cookie, err = x.tcActTail(cookie); err != nil {
			return err
		}
		b.EndNest()
		pendingAction = false
	}
	if pendingAction {
		return l.errAt(l.end(), "\"action\" needs an action after it")
	}
	b.EndNest()
	return nil
}

// tcNewCmd is iproute2's new_cmd: a word that starts a command
// (a prefix of change, replace, delete, get or add).
func tcNewCmd(w string) bool {
	return matches(w, "change") || matches(w, "replace") || matches(w, "delete") || matches(w, "get") || matches(w, "add")
}

// Attributes of an action after its options.
const (
	tcaActCookie  = 6
	tcaActFlags   = 7
	tcaActHWStats = 8
)

// tcActTail reads what may follow an action's own words, in iproute2's
// order: cookie HEX, hw_stats immediate|delayed|disabled, no_percpu. A
// cookie stays for the actions after it (iproute2 does not clear it).
func (x *ipCtx) tcActTail(cookie []byte) ([]byte, error) {
	l := x.l
	b := x.c.b
	if l.more() && l.peek().s == "cookie" {
		t := l.next()
		v, err := l.value(t, "a hex string")
		if err != nil {
			return nil, err
		}
		if len(v.s)%2 != 0 || len(v.s) > 32 || len(v.s) == 0 {
			return nil, l.errAt(v, "cookie %q: want an even number of hex digits, at most 32", v.s)
		}
		c := make([]byte, len(v.s)/2)
		for i := range c {
			n, err := strconv.ParseUint(v.s[2*i:2*i+2], 16, 8)
			if err != nil {
				return nil, l.errAt(v, "cookie %q: want hex digits", v.s)
			}
			c[i] = byte(n)
		}
		cookie = c
	}
	if cookie != nil {
		b.Attr(tcaActCookie, cookie)
	}
	if l.more() && l.peek().s == "hw_stats" {
		t := l.next()
		v, err := l.value(t, "immediate, delayed or disabled")
		if err != nil {
			return nil, err
		}
		var hs uint32
		switch v.s {
		case "immediate":
			hs = 1
		case "delayed":
			hs = 2
		case "disabled":
		default:
			return nil, l.unknown(v, "hw_stats type", []string{"immediate", "delayed", "disabled"})
		}
		var arr [8]byte
		b.Attr(tcaActHWStats, x.tcPut32(x.tcPut32(arr[:0], hs), hs))
	}
	if l.more() && l.peek().s == "no_percpu" {
		l.next()
		var arr [8]byte
		b.Attr(tcaActFlags, x.tcPut32(x.tcPut32(arr[:0], 1), 1)) // TCA_ACT_FLAGS_NO_PERCPU_STATS
	}
	return cookie, nil
}

func tcKindNamesAct() []string {
	out := make([]string, 0, len(tcActKinds))
	for k := range tcActKinds {
		out = append(out, k)
	}
	return out
}

// gact (linux/tc_act/tc_gact.h).
const (
	tcaGactParms = 2
	tcaGactProb  = 3
)

// tcGact is parse_gact: [gact] CONTROL [random netrand|determ CONTROL
// VAL] [index N].
func tcGact(x *ipCtx, first token) error {
	l := x.l
	ctl := first
	if first.s == "gact" || (matches(first.s, "gact") && first.s != "") {
		v, err := l.value(first, "an action control (pass, drop, ok, continue, reclassify, pipe, goto chain N, jump N)")
		if err != nil {
			return err
		}
		ctl = v
	}
	action, err := x.tcActControl(ctl)
	if err != nil {
		return err
	}
	var (
		rd             bool
		ptype, pval    uint16
		paction        int32
		index          uint32
		randomKeywords = []string{"netrand", "determ"}
	)
	if l.more() && matches(l.peek().s, "random") {
		t := l.next()
		rd = true
		v, err := l.value(t, "netrand or determ")
		if err != nil {
			return err
		}
		switch {
		case matches(v.s, "netrand"):
			ptype = 1
		case matches(v.s, "determ"):
			ptype = 2
		default:
			return l.unknown(v, "random type", randomKeywords)
		}
		c, err := l.value(v, "an action control")
		if err != nil {
			return err
		}
		if paction, err = x.tcActControl(c); err != nil {
			return err
		}
		pv, err := l.value(c, "a probability value (0 to 10000)")
		if err != nil {
			return err
		}
		n, err := l.tcUint(pv, "probability value", 10, 16)
		if err != nil {
			return err
		}
		if n > 10000 {
			return l.errAt(pv, "probability value %q is out of range (0 to 10000)", pv.s)
		}
		pval = uint16(n)
	}
	if err := x.tcActIndex(&index); err != nil {
		return err
	}
	b := x.c.b
	b.BeginNest(tcaActOptions)
	x.tcActParms(tcaGactParms, index, action)
	if rd {
		var q [8]byte
		p := x.tcPut16(q[:0], ptype)
		p = x.tcPut16(p, pval)
		b.Attr(tcaGactProb, x.tcPut32(p, uint32(paction)))
	}
	b.EndNest()
	return nil
}

// mirred (linux/tc_act/tc_mirred.h).
const (
	tcaMirredParms     = 2
	tcaEgressRedir     = 1
	tcaEgressMirror    = 2
	tcaIngressRedir    = 3
	tcaIngressMirror   = 4
	tcMirredWordsShort = "egress|ingress mirror|redirect dev NAME"
)

// tcMirred is parse_mirred: egress|ingress mirror|redirect dev NAME
// [CONTROL] [index N] (a control only after mirror).
func tcMirred(x *ipCtx, first token) error {
	l := x.l
	var (
		egress, ingress, mirror, redir bool
		index                          uint32
		eaction                        uint32
		action                         int32
		dev                            token
		indexSet                       bool
	)
	if !l.more() {
		return l.errAt(l.end(), "mirred needs %s", tcMirredWordsShort)
	}
loop:
	for l.more() {
		t := l.next()
		switch {
		case matches(t.s, "action"):
			return l.errAt(t, "mirred needs %s before another action", tcMirredWordsShort)
		case !egress && !ingress && matches(t.s, "egress"):
			egress = true
		case !egress && !ingress && matches(t.s, "ingress"):
			ingress = true
		case matches(t.s, "index") && !egress && !ingress:
			v, err := x.tcValueUint(t, "index", 10, 32)
			if err != nil {
				return err
			}
			index, indexSet = uint32(v), true
			break loop
		case !egress && !ingress:
			return l.errAt(t, "mirred: want egress or ingress, not %q", t.s)
		case !mirror && !redir && matches(t.s, "mirror"):
			mirror = true
			eaction, action = tcaIngressMirror, tcActPipe
			if egress {
				eaction = tcaEgressMirror
			}
		case !mirror && !redir && matches(t.s, "redirect"):
			redir = true
			eaction, action = tcaIngressRedir, tcActStolen
			if egress {
				eaction = tcaEgressRedir
			}
		case (mirror || redir) && matches(t.s, "dev"):
			v, err := l.value(t, "an interface name")
			if err != nil {
				return err
			}
			dev = v
			break loop
		default:
			return l.errAt(t, "mirred: unexpected %q (want %s)", t.s, tcMirredWordsShort)
		}
		if !l.more() {
			return l.errAt(l.end(), "mirred needs %s", tcMirredWordsShort)
		}
	}
	if (egress || ingress) && dev.s == "" {
		return l.errAt(l.end(), "mirred needs %s", tcMirredWordsShort)
	}
	if mirror {
		var err error
		if action, err = x.tcActControlDefault(action); err != nil {
			return err
		}
	}
	if l.more() && matches(l.peek().s, "index") {
		if indexSet {
			return l.errAt(l.peek(), "mirred: duplicate index")
		}
		if err := x.tcActIndex(&index); err != nil {
			return err
		}
	}
	b := x.c.b
	b.BeginNest(tcaActOptions)
	var arr [28]byte
	p := x.tcGen(arr[:0], index, action)
	p = x.tcPut32(p, eaction)
	if dev.s != "" {
		if err := x.c.ifname(b.Offset()+4+len(p), "dev", dev.s); err != nil {
			return l.errAt(dev, "%v", err)
		}
	}
	p = x.tcPut32(p, 0)
	b.Attr(tcaMirredParms, p)
	b.EndNest()
	return nil
}

// police (linux/tc_act/tc_police.h).
const (
	tcaPoliceTBF        = 1
	tcaPoliceRate       = 2
	tcaPolicePeakrate   = 3
	tcaPoliceAvrate     = 4
	tcaPoliceResult     = 5
	tcaPoliceRate64     = 8
	tcaPolicePeakrate64 = 9
	tcaPolicePktRate64  = 10
	tcaPolicePktBurst64 = 11
)

// tcPolice is act_parse_police as an action: its attributes in
// TCA_ACT_OPTIONS.
func tcPolice(x *ipCtx, first token) error { return x.tcPoliceIn(first, tcaActOptions) }

// tcPoliceIn is act_parse_police: the policer's attributes in a nest of
// type typ (a filter's own POLICE attribute for the old "police" form).
func (x *ipCtx) tcPoliceIn(first token, typ uint16) error {
	l := x.l
	var (
		index, buffer, mtu, mpu, avrate uint32
		action                          int32 = tcActReclassify
		presult                         int32
		overhead                        uint16
		linkLayer                       uint8 = tcLinkEthernet
		rcell, pcell                          = -1, -1
		rate64, prate64, pps, ppsBurst  uint64
	)
	if !l.more() {
		return l.errAt(l.end(), "police needs rate and burst, avrate, mtu or pkts_rate")
	}
	for l.more() {
		t := l.peek()
		var err error
		switch {
		case matches(t.s, "index"):
			// t is the next word: tcActIndex takes it and its number.
			if err := x.tcActIndex(&index); err != nil {
				return err
			}
		case matches(t.s, "burst"), t.s == "buffer", t.s == "maxburst":
			l.next()
			v, err := l.value(t, "a size (10k)")
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
			l.next()
			v, err := l.value(t, "a size")
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
			l.next()
			if err := l.tcSizeOnce(t, "a size", "mpu", &mpu); err != nil {
				return err
			}
		case t.s == "rate":
			l.next()
			if err := l.tcRateOnce(t, "a rate (1mbit)", "rate", &rate64); err != nil {
				return err
			}
		case t.s == "avrate":
			l.next()
			v, err := l.value(t, "a rate")
			if err != nil {
				return err
			}
			if avrate != 0 {
				return l.tcDup(t)
			}
			if avrate, err = l.tcRate32(v, "avrate"); err != nil {
				return err
			}
		case matches(t.s, "peakrate"):
			l.next()
			if err := l.tcRateOnce(t, "a rate", "peakrate", &prate64); err != nil {
				return err
			}
		case matches(t.s, "reclassify"), matches(t.s, "drop"), matches(t.s, "shot"),
			matches(t.s, "continue"), matches(t.s, "pass"), matches(t.s, "ok"),
			matches(t.s, "pipe"), matches(t.s, "goto"):
			l.next()
			if action, err = x.tcActControl(t); err != nil {
				return err
			}
		case t.s == "conform-exceed":
			l.next()
			v, err := l.value(t, "CONFORM[/EXCEED] actions")
			if err != nil {
				return err
			}
			if action, presult, err = x.tcActControlSlash(v); err != nil {
				return err
			}
		case matches(t.s, "overhead"):
			l.next()
			v, err := x.tcValueUint(t, "overhead", 10, 16)
			if err != nil {
				return err
			}
			overhead = uint16(v)
		case matches(t.s, "linklayer"):
			l.next()
			v, err := l.value(t, "a link layer")
			if err != nil {
				return err
			}
			if linkLayer, err = l.tcLinkLayerArg(v); err != nil {
				return err
			}
		case matches(t.s, "pkts_rate"), matches(t.s, "pkts_burst"):
			l.next()
			n, err := x.tcValueUint(t, t.s, 10, 64)
			if err != nil {
				return err
			}
			if matches(t.s, "pkts_rate") {
				if pps != 0 {
					return l.tcDup(t)
				}
				pps = n
			} else {
				if ppsBurst != 0 {
					return l.tcDup(t)
				}
				ppsBurst = n
			}
		default:
			goto done
		}
	}
done:
	if prate64 != 0 && mtu == 0 {
		return l.errAt(first, "police: \"peakrate\" needs \"mtu\"")
	}
	if rate64 == 0 && avrate == 0 && index == 0 && mtu == 0 && pps == 0 {
		return l.errAt(first, "police: \"rate\", \"avrate\", \"mtu\" or \"pkts_rate\" must be given")
	}
	if rate64 != 0 && buffer == 0 && avrate == 0 {
		return l.errAt(first, "police: \"rate\" needs \"burst\"")
	}
	if pps != 0 && ppsBurst == 0 {
		return l.errAt(first, "police: \"pkts_rate\" needs \"pkts_burst\"")
	}
	if (rate64 != 0 || prate64 != 0) && pps != 0 {
		return l.errAt(first, "police: \"pkts_rate\" cannot be given with \"rate\" or \"peakrate\"")
	}
	sat := func(v uint64) uint32 {
		if v >= 1<<32 {
			return math.MaxUint32
		}
		return uint32(v)
	}
	var rtab, ptab [1024]byte
	rs := tcRateSpec{}
	ps := tcRateSpec{}
	var burst uint32
	if rate64 != 0 {
		rs = tcRateSpec{rate: sat(rate64), mpu: uint16(mpu), overhead: overhead}
		x.tcRateTable(&rtab, &rs, rcell, mtu, linkLayer, rate64)
		burst = tcXmitTime(rate64, buffer)
	}
	if prate64 != 0 {
		ps = tcRateSpec{rate: sat(prate64), mpu: uint16(mpu), overhead: overhead}
		x.tcRateTable(&ptab, &ps, pcell, mtu, linkLayer, prate64)
	}
	var arr [56]byte
	p := x.tcPut32(arr[:0], index)
	p = x.tcPut32(p, uint32(action))
	p = x.tcPut32(p, 0) // limit
	p = x.tcPut32(p, burst)
	p = x.tcPut32(p, mtu)
	p = x.tcPutRateSpec(p, rs)
	p = x.tcPutRateSpec(p, ps)
	p = append(p, make([]byte, 12)...) // refcnt, bindcnt, capab
	b := x.c.b
	b.BeginNest(typ)
	b.Attr(tcaPoliceTBF, p)
	if rate64 != 0 {
		b.Attr(tcaPoliceRate, rtab[:])
		if rate64 >= 1<<32 {
			b.U64(tcaPoliceRate64, rate64)
		}
	}
	if prate64 != 0 {
		b.Attr(tcaPolicePeakrate, ptab[:])
		if prate64 >= 1<<32 {
			b.U64(tcaPolicePeakrate64, prate64)
		}
	}
	if avrate != 0 {
		b.U32(tcaPoliceAvrate, avrate)
	}
	if presult != 0 {
		b.U32(tcaPoliceResult, uint32(presult))
	}
	if pps != 0 {
		b.U64(tcaPolicePktRate64, pps)
		b.U64(tcaPolicePktBurst64, uint64(tcXmitTime(pps, uint32(ppsBurst))))
	}
	b.EndNest()
	return nil
}

// tcActControlSlash is parse_action_control_slash: "A/B" or "A [/ B]"
// (numbers allowed).
func (x *ipCtx) tcActControlSlash(t token) (int32, int32, error) {
	l := x.l
	ctl := func(w token) (int32, error) {
		if v, ok := tcActControlOf(w.s); ok && v != tcActGotoChain && v != tcActJump {
			return v, nil
		}
		n, err := l.tcInt(w, "action control")
		if err != nil {
			return 0, l.unknown(w, "action control", tcActControlNames())
		}
		return n, nil
	}
	if a, bText, ok := strings.Cut(t.s, "/"); ok {
		r1, err := ctl(token{s: a, line: t.line, col: t.col})
		if err != nil {
			return 0, 0, err
		}
		r2, err := ctl(token{s: bText, line: t.line, col: t.col + len(a) + 1})
		return r1, r2, err
	}
	r1, err := x.tcActControlNum(t)
	if err != nil {
		return 0, 0, err
	}
	var r2 int32
	if l.more() && l.peek().s == "/" {
		slash := l.next()
		v, err := l.value(slash, "an action control")
		if err != nil {
			return 0, 0, err
		}
		if r2, err = x.tcActControlNum(v); err != nil {
			return 0, 0, err
		}
	}
	return r1, r2, nil
}

// tcActControlNum is parse_action_control with numbers allowed.
func (x *ipCtx) tcActControlNum(t token) (int32, error) {
	if _, ok := tcActControlOf(t.s); ok {
		return x.tcActControl(t)
	}
	n, err := x.l.tcInt(t, "action control")
	if err != nil {
		return 0, x.l.unknown(t, "action control", tcActControlNames())
	}
	return n, nil
}

// vlan (linux/tc_act/tc_vlan.h).
const (
	tcaVlanParms    = 2
	tcaVlanPushID   = 3
	tcaVlanPushProt = 4
	tcaVlanPushPrio = 6
)

// tcVlanAct is parse_vlan for pop, push and modify.
func tcVlanAct(x *ipCtx, first token) error {
	l := x.l
	var (
		vAction                  uint32
		id                       uint16
		proto                    uint16
		prio                     uint8
		idSet, protoSet, prioSet bool
		index                    uint32
	)
	if !l.more() {
		return l.errAt(l.end(), "vlan needs pop, push or modify")
	}
	push := func() bool { return vAction == 2 || vAction == 3 }
loop:
	for l.more() {
		t := l.peek()
		switch {
		case matches(t.s, "pop"), matches(t.s, "push"), matches(t.s, "modify"):
			l.next()
			if vAction != 0 {
				return l.errAt(t, "vlan: unexpected %q, the action is already given", t.s)
			}
			switch {
			case matches(t.s, "pop"):
				vAction = 1
			case matches(t.s, "push"):
				vAction = 2
			default:
				vAction = 3
			}
		case matches(t.s, "pop_eth"), matches(t.s, "push_eth"), matches(t.s, "dst_mac"), matches(t.s, "src_mac"):
			return l.errAt(t, "vlan %q: %w", t.s, errNotCompiled)
		case matches(t.s, "id"), matches(t.s, "protocol"), matches(t.s, "priority"):
			l.next()
			if !push() {
				return l.errAt(t, "vlan: %q is only valid for push and modify", t.s)
			}
			v, err := l.value(t, "a value")
			if err != nil {
				return err
			}
			switch {
			case matches(t.s, "id"):
				n, err := l.tcUint(v, "vlan id", 0, 16)
				if err != nil {
					return err
				}
				id, idSet = uint16(n), true
			case matches(t.s, "protocol"):
				if proto, err = l.tcEthProto(v, "vlan protocol"); err != nil {
					return err
				}
				if proto != tcEth8021Q && proto != tcEth8021AD {
					return l.errAt(v, "vlan protocol %q: want 802.1Q or 802.1ad", v.s)
				}
				protoSet = true
			default:
				n, err := l.tcUint(v, "vlan priority", 0, 8)
				if err != nil || n > 7 {
					return l.errAt(v, "vlan priority %q: want 0 to 7", v.s)
				}
				prio, prioSet = uint8(n), true
			}
		default:
			break loop
		}
	}
	action, err := x.tcActControlIndex(tcActPipe, &index)
	if err != nil {
		return err
	}
	if vAction == 0 {
		return l.errAt(first, "vlan needs pop, push or modify")
	}
	if vAction == 2 && !idSet {
		return l.errAt(first, "vlan push needs \"id\"")
	}
	b := x.c.b
	b.BeginNest(tcaActOptions)
	var arr [24]byte
	b.Attr(tcaVlanParms, x.tcPut32(x.tcGen(arr[:0], index, action), vAction))
	if idSet {
		b.U16(tcaVlanPushID, id)
	}
	if protoSet {
		b.BE16(tcaVlanPushProt, proto)
	}
	if prioSet {
		b.U8(tcaVlanPushPrio, prio)
	}
	b.EndNest()
	return nil
}

// skbedit (linux/tc_act/tc_skbedit.h).
const (
	tcaSkbeditParms    = 2
	tcaSkbeditPriority = 3
	tcaSkbeditQueue    = 4
	tcaSkbeditMark     = 5
	tcaSkbeditPtype    = 7
	tcaSkbeditMask     = 8
	tcaSkbeditFlags    = 9
)

var tcPacketTypes = []struct {
	name string
	v    uint16
}{{"host", 0}, {"broadcast", 1}, {"multicast", 2}, {"otherhost", 3}}

// tcSkbedit is parse_skbedit.
func tcSkbedit(x *ipCtx, first token) error {
	l := x.l
	var (
		queue, ptype                     uint16
		priority, mark, mask, index      uint32
		hasQueue, hasPrio, hasMark       bool
		hasMask, hasPtype, inheritDS, ok bool
	)
loop:
	for l.more() {
		t := l.peek()
		switch {
		case matches(t.s, "queue_mapping"):
			l.next()
			v, err := x.tcValueUint(t, "queue_mapping", 10, 16)
			if err != nil {
				return err
			}
			queue, hasQueue = uint16(v), true
		case matches(t.s, "priority"):
			l.next()
			v, err := l.value(t, "a priority (MAJ:MIN)")
			if err != nil {
				return err
			}
			if priority, err = l.tcClassid(v, "priority"); err != nil {
				return err
			}
			hasPrio = true
		case matches(t.s, "mark"):
			l.next()
			v, err := l.value(t, "a mark[/mask]")
			if err != nil {
				return err
			}
			mt, mk, slash := strings.Cut(v.s, "/")
			n, err := l.tcUint(token{s: mt, line: v.line, col: v.col}, "mark", 0, 32)
			if err != nil {
				return err
			}
			mark, hasMark = uint32(n), true
			if slash {
				n, err := l.tcUint(token{s: mk, line: v.line, col: v.col + len(mt) + 1}, "mark mask", 0, 32)
				if err != nil {
					return err
				}
				mask, hasMask = uint32(n), true
			}
		case matches(t.s, "ptype"):
			l.next()
			v, err := l.value(t, "a packet type (host, broadcast, multicast, otherhost)")
			if err != nil {
				return err
			}
			found := false
			for _, pt := range tcPacketTypes {
				if matches(v.s, pt.name) {
					ptype, found = pt.v, true
					break
				}
			}
			if !found {
				return l.unknown(v, "packet type", []string{"host", "broadcast", "multicast", "otherhost"})
			}
			hasPtype = true
		case matches(t.s, "inheritdsfield"):
			l.next()
			inheritDS = true
			continue
		default:
			break loop
		}
		ok = true
	}
	action, err := x.tcActControlIndex(tcActPipe, &index)
	if err != nil {
		return err
	}
	if !ok {
		return l.errAt(first, "skbedit needs queue_mapping, priority, mark or ptype")
	}
	b := x.c.b
	b.BeginNest(tcaActOptions)
	x.tcActParms(tcaSkbeditParms, index, action)
	if hasQueue {
		b.U16(tcaSkbeditQueue, queue)
	}
	if hasPrio {
		b.U32(tcaSkbeditPriority, priority)
	}
	if hasMark {
		b.U32(tcaSkbeditMark, mark)
	}
	if hasMask {
		b.U32(tcaSkbeditMask, mask)
	}
	if hasPtype {
		b.U16(tcaSkbeditPtype, ptype)
	}
	if inheritDS {
		b.U64(tcaSkbeditFlags, 0x20) // SKBEDIT_F_INHERITDSFIELD
	}
	b.EndNest()
	return nil
}

// tcConnmark is parse_connmark: [zone N] [CONTROL] [index N].
func tcConnmark(x *ipCtx, first token) error {
	l := x.l
	var zone uint16
	var index uint32
	for l.more() && matches(l.peek().s, "zone") {
		t := l.next()
		v, err := x.tcValueUint(t, "zone", 10, 16)
		if err != nil {
			return err
		}
		zone = uint16(v)
	}
	action, err := x.tcActControlIndex(tcActPipe, &index)
	if err != nil {
		return err
	}
	b := x.c.b
	b.BeginNest(tcaActOptions)
	var arr [24]byte
	p := x.tcPut16(x.tcGen(arr[:0], index, action), zone)
	b.Attr(1, append(p, 0, 0)) // TCA_CONNMARK_PARMS
	b.EndNest()
	return nil
}

// csum's targets (TCA_CSUM_UPDATE_FLAG_*), in parse_csum_args' order.
var tcCsumTargets = []struct {
	name string
	flag uint32
}{
	{"iph", 1}, {"ip4h", 1}, {"icmp", 2}, {"igmp", 4}, {"tcp", 8}, {"udp", 16},
	{"udplite", 32}, {"sctp", 64}, {"and", 0}, {"or", 0}, {"+", 0},
}

// tcCsum is parse_csum: targets, [CONTROL] (default ok) [index N].
func tcCsum(x *ipCtx, first token) error {
	l := x.l
	var flags, index uint32
loop:
	for l.more() {
		t := l.peek()
		for _, c := range tcCsumTargets {
			if matches(t.s, c.name) {
				l.next()
				flags |= c.flag
				continue loop
			}
		}
		break
	}
	if flags == 0 {
		known := make([]string, 0, len(tcCsumTargets))
		for _, c := range tcCsumTargets[:8] {
			known = append(known, c.name)
		}
		if l.more() {
			return l.unknown(l.peek(), "csum target", known)
		}
		return l.errAt(first, "csum needs what to update (%s)", strings.Join(known, ", "))
	}
	action, err := x.tcActControlIndex(tcActOK, &index)
	if err != nil {
		return err
	}
	b := x.c.b
	b.BeginNest(tcaActOptions)
	var arr [24]byte
	b.Attr(1, x.tcPut32(x.tcGen(arr[:0], index, action), flags)) // TCA_CSUM_PARMS
	b.EndNest()
	return nil
}
