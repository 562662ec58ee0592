package replay

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"golang.org/x/sys/unix"

	"github.com/nlbatch/nlbatch/codec"
)

// Restoring tc objects: an atomic rollback puts back a deleted qdisc,
// class or filter by sending its dump back as a request. The kernel
// takes most dumps back as they are; the exceptions are rows here
// (tcFixes), rebuild steps (tcRebuilds), and the kinds no dump can make
// again (tcUnrestorableKind).

// tcFix is a spot where a tc object's dump and the request that makes
// it again spell a value differently: the u32 at attribute path (under
// TCA_OPTIONS) of objects of kind, in messages of class objKind, gets
// clear bits cleared and, when it equals from, becomes to.
type tcFix struct {
	class    objKind
	kind     string
	path     []uint16
	clear    uint32
	from, to uint32
}

// tcClsFlagsStatus are TCA_CLS_FLAGS_IN_HW and TCA_CLS_FLAGS_NOT_IN_HW:
// where a filter is, reported in dumps and refused in requests
// ("Invalid filter flags").
const tcClsFlagsStatus = 1<<2 | 1<<3

var tcFixes = []tcFix{
	// htb reports its version (TCA_HTB_INIT's first field) as 0x30011
	// (HTB_VER) and wants 3 (HTB_VER >> 16) back.
	{class: kindQdisc, kind: "htb", path: []uint16{2 /* TCA_HTB_INIT */}, from: 0x30011, to: 3},
	{class: kindFilter, kind: "u32", path: []uint16{11 /* TCA_U32_FLAGS */}, clear: tcClsFlagsStatus},
	{class: kindFilter, kind: "flower", path: []uint16{22 /* TCA_FLOWER_FLAGS */}, clear: tcClsFlagsStatus},
	{class: kindFilter, kind: "matchall", path: []uint16{3 /* TCA_MATCHALL_FLAGS */}, clear: tcClsFlagsStatus},
	{class: kindFilter, kind: "bpf", path: []uint16{9 /* TCA_BPF_FLAGS_GEN */}, clear: tcClsFlagsStatus},
}

// tcRebuild is a step that turns the options of a dumped tc object of
// one kind into what the kernel needs to make the same object again.
// fn gets the TCA_OPTIONS payload and returns the new one.
type tcRebuild struct {
	class objKind
	kind  string
	fn    func(opts []byte) []byte
}

var tcRebuilds = []tcRebuild{
	{kindQdisc, "sfq", sfqOptions},
	// codel keeps its times as nanoseconds >> 10 and dumps them as
	// microseconds rounded down: 5ms is dumped as 4999us, which would
	// make 4998us. Send a value that is dumped as the snapshot's.
	{kindQdisc, "codel", roundTrip(codelTime, 1 /* TCA_CODEL_TARGET */, 3 /* TCA_CODEL_INTERVAL */, 5 /* TCA_CODEL_CE_THRESHOLD */)},
	{kindQdisc, "fq_codel", roundTrip(codelTime, 1 /* TCA_FQ_CODEL_TARGET */, 3 /* TCA_FQ_CODEL_INTERVAL */, 7 /* TCA_FQ_CODEL_CE_THRESHOLD */)},
	// pie and fq_pie keep their target in 64ns ticks.
	{kindQdisc, "pie", roundTrip(pieTime, 1 /* TCA_PIE_TARGET */)},
	{kindQdisc, "fq_pie", roundTrip(pieTime, 3 /* TCA_FQ_PIE_TARGET */)},
	// gred refuses virtual queue settings when it is created; without
	// virtual queues (tcUnrestorable catches those) its table
	// definition and limit are all there is.
	{kindQdisc, "gred", keepOnly(3 /* TCA_GRED_DPS */, 5 /* TCA_GRED_LIMIT */)},
}

// tcRequest rebuilds a dumped tc object (reuse's request) as the request
// that makes it again: tcFixes, tcRebuilds, then setNested.
func tcRequest(o *object, msg []byte) []byte {
	fixed := codec.HeaderLen + fixedLen[o.kind]
	kind, _ := attrString(msg[fixed:], unix.TCA_KIND)
	for _, f := range tcFixes {
		if f.class != o.kind || f.kind != kind {
			continue
		}
		a := findAttr(msg[fixed:], unix.TCA_OPTIONS)
		for _, t := range f.path {
			if a == nil {
				break
			}
			a = findAttr(a[4:], t)
		}
		if len(a) < 8 {
			continue
		}
		v := native.Uint32(a[4:]) &^ f.clear // the first u32 of the payload
		if f.from != 0 && v == f.from {
			v = f.to
		}
		native.PutUint32(a[4:], v)
	}
	for _, r := range tcRebuilds {
		if r.class == o.kind && r.kind == kind {
			msg = replaceOptions(msg, fixed, r.fn)
		}
	}
	return setNested(msg)
}

// replaceOptions rebuilds msg with fn's TCA_OPTIONS payload.
func replaceOptions(msg []byte, fixed int, fn func([]byte) []byte) []byte {
	out := append([]byte(nil), msg[:fixed]...)
	for b := msg[fixed:]; len(b) >= 4; {
		l := int(native.Uint16(b))
		if l < 4 || l > len(b) {
			break
		}
		if native.Uint16(b[2:])&codec.NLATypeMask == unix.TCA_OPTIONS {
			out = appendAttr(out, native.Uint16(b[2:]), fn(append([]byte(nil), b[4:l]...)))
		} else {
			out = appendAttr(out, native.Uint16(b[2:]), b[4:l])
		}
		b = b[min(codec.Align(l), len(b)):]
	}
	native.PutUint32(out, uint32(len(out)))
	return out
}

// appendAttr appends an attribute (type with its NLA_F_* bits) and its
// padding.
func appendAttr(b []byte, typ uint16, payload []byte) []byte {
	b = native.AppendUint16(b, uint16(4+len(payload)))
	b = native.AppendUint16(b, typ)
	b = append(b, payload...)
	for len(b)%4 != 0 {
		b = append(b, 0)
	}
	return b
}

// keepOnly is a rebuild step that keeps only the options attributes
// numbered nums.
func keepOnly(nums ...uint16) func([]byte) []byte {
	return func(opts []byte) []byte {
		var out []byte
		for b := opts; len(b) >= 4; {
			l := int(native.Uint16(b))
			if l < 4 || l > len(b) {
				break
			}
			for _, n := range nums {
				if native.Uint16(b[2:])&codec.NLATypeMask == n {
					out = appendAttr(out, native.Uint16(b[2:]), b[4:l])
				}
			}
			b = b[min(codec.Align(l), len(b)):]
		}
		return out
	}
}

// roundTrip is a rebuild step for u32 options the kernel stores in
// another unit and dumps rounded: dumped(v) is what the kernel dumps
// after being sent v. It replaces each dumped value d with the
// smallest v from d up that is dumped as d again (a value that comes
// back as itself stays).
func roundTrip(dumped func(uint32) uint32, nums ...uint16) func([]byte) []byte {
	return func(opts []byte) []byte {
		for _, n := range nums {
			a := findAttr(opts, n)
			if len(a) != 8 {
				continue
			}
			d := native.Uint32(a[4:])
			for v := uint64(d); v <= uint64(d)+4 && v <= 0xffffffff; v++ {
				if dumped(uint32(v)) == d {
					native.PutUint32(a[4:], uint32(v))
					break
				}
			}
		}
		return opts
	}
}

// codelTime is what codel and fq_codel dump for a time sent as us
// microseconds: stored as nanoseconds >> CODEL_SHIFT (10) in a u32,
// dumped as (t << 10) / 1000 (codel_time_to_us).
func codelTime(us uint32) uint32 {
	t := uint32(uint64(us) * 1000 >> 10)
	return uint32(uint64(t) << 10 / 1000)
}

// pieTime is what pie and fq_pie dump for a target sent as us
// microseconds: stored as nanoseconds >> 6 (PSCHED_NS2TICKS), dumped as
// u32(ticks << 6) / 1000.
func pieTime(us uint32) uint32 {
	ticks := uint64(us) * 1000 >> 6
	return uint32(ticks<<6) / 1000
}

// sfqOptions fixes sfq's limit. The kernel applies a request's flows,
// then its limit, clamping flows to the limit; a new sfq's limit
// defaults to 127 packets and its flows to 128, and its dump says so.
// Sent back, that limit would take flows down to 127: a dumped limit
// below the flows was never set, and goes back as 0 (the default).
func sfqOptions(opts []byte) []byte {
	// struct tc_sfq_qopt: quantum, perturb_period, limit, divisor, flows.
	if len(opts) >= 20 && native.Uint32(opts[8:]) < native.Uint32(opts[16:]) {
		native.PutUint32(opts[8:], 0)
	}
	return opts
}

// setNested rebuilds msg's attributes with NLA_F_NESTED on every one the
// codec's schema reads as a nest of attributes, and without the
// counters, timestamps and padding the kernel dumps inside nests (an
// action's TCA_*_TM, TCA_ACT_STATS). Dumps leave NLA_F_NESTED out
// (nla_nest_start_noflag), and the kinds that parse their options
// strictly refuse a nest without it ("NLA_F_NESTED is missing") and any
// attribute their policy lacks ("Unsupported attribute"); the kernel's
// lenient parsers ignore both.
func setNested(msg []byte) []byte {
	m, err := codec.Decode(codec.ProtoRoute, native, msg)
	if err != nil {
		return msg
	}
	raw := func(n *codec.Node) []byte {
		return msg[n.Offset : n.Offset+codec.AttrHeaderLen+len(n.Data)]
	}
	var appendNode func(out []byte, n *codec.Node) []byte
	appendNode = func(out []byte, n *codec.Node) []byte {
		if n.Name != "" && (volatile(n.Name) || strings.HasSuffix(n.Name, "_PAD")) {
			return out
		}
		if n.Type != codec.Nested || n.Err != "" {
			return appendAttr(out, native.Uint16(raw(n)[2:]), n.Data)
		}
		payload := []byte{}
		if len(n.Children) == 0 {
			payload = append(payload, n.Data...)
		}
		for i := range n.Children {
			c := &n.Children[i]
			if c.Kind != codec.NodeAttr {
				// Bytes the schema does not read as attributes: the
				// nest goes as it was, flagged.
				payload = append(payload[:0], n.Data...)
				break
			}
			payload = appendNode(payload, c)
		}
		return appendAttr(out, n.Num|n.NLAFlags|codec.NLANested, payload)
	}
	var out []byte
	for i := range m.Nodes {
		n := &m.Nodes[i]
		if n.Kind != codec.NodeAttr {
			continue
		}
		if out == nil {
			out = append(out, msg[:n.Offset]...) // the headers
		}
		out = appendNode(out, n)
	}
	if out == nil {
		return msg
	}
	native.PutUint32(out, uint32(len(out)))
	return out
}

// tcKind is the TCA_KIND of a dumped tc object.
func tcKind(o *object) string {
	k, _ := attrString(o.msg[codec.HeaderLen+fixedLen[o.kind]:], unix.TCA_KIND)
	return k
}

// tcOptions is the TCA_OPTIONS payload of a dumped tc object, or nil.
func tcOptions(o *object) []byte {
	if a := findAttr(o.msg[codec.HeaderLen+fixedLen[o.kind]:], unix.TCA_OPTIONS); len(a) >= 4 {
		return a[4:]
	}
	return nil
}

// tcParent is the tcmsg parent of a tc object.
func tcParent(o *object) uint32 { return native.Uint32(o.msg[codec.HeaderLen+12:]) }

// tcIfindex is the tcmsg interface index of a tc object.
func tcIfindex(o *object) uint32 { return native.Uint32(o.msg[codec.HeaderLen+4:]) }

// tcUnrestorableKind says why a dumped qdisc cannot be made again from
// its dump, or "". red and choke refuse a request without their
// idle-damping table (TCA_RED_STAB, TCA_CHOKE_STAB: 256 bytes tc
// computes from the average packet size and the bandwidth), which they
// never dump; gred wants one per virtual queue (TCA_GRED_STAB).
func tcUnrestorableKind(o *object) string {
	if o.kind != kindQdisc {
		return ""
	}
	switch tcKind(o) {
	case "red":
		return "the kernel does not dump its idle-damping table (TCA_RED_STAB), which a request must carry"
	case "choke":
		return "the kernel does not dump its idle-damping table (TCA_CHOKE_STAB), which a request must carry"
	case "gred":
		if vqs := findAttr(tcOptions(o), 6 /* TCA_GRED_VQ_LIST */); len(vqs) > 4 && hasAttr(vqs[4:], 1 /* TCA_GRED_VQ_ENTRY */) {
			return "the kernel does not dump the idle-damping tables of its virtual queues (TCA_GRED_STAB), which a request must carry"
		}
	}
	return ""
}

// tcUnrestorable takes out of d the qdiscs of the snapshot that cannot
// be made again from their dumps, with their classes, and returns why,
// one line per qdisc. A qdisc the batch changed and the rollback cannot
// make again as it was is left as it is rather than deleted.
func tcUnrestorable(d *delta, names map[uint32]string) []string {
	type qkey struct{ ifindex, handle uint32 }
	lost := map[qkey]string{} // the qdiscs that cannot be made again, and their kinds
	var notes []string
	keep := d.missing[kindQdisc][:0]
	for _, o := range d.missing[kindQdisc] {
		why := tcUnrestorableKind(o)
		if why == "" {
			keep = append(keep, o)
			continue
		}
		lost[qkey{tcIfindex(o), tcHandle(o)}] = tcKind(o)
		notes = append(notes, fmt.Sprintf("cannot restore %s qdisc %s: %s", tcKind(o), tcWhere(o, names), why))
	}
	d.missing[kindQdisc] = keep
	if len(lost) == 0 {
		return nil
	}
	extra := d.extra[kindQdisc][:0]
	for _, o := range d.extra[kindQdisc] {
		// The same qdisc, changed: left as it is rather than deleted.
		if lost[qkey{tcIfindex(o), tcHandle(o)}] != tcKind(o) {
			extra = append(extra, o)
		}
	}
	d.extra[kindQdisc] = extra
	for _, k := range []objKind{kindClass} {
		missing := d.missing[k][:0]
		for _, o := range d.missing[k] {
			if lost[qkey{tcIfindex(o), tcHandle(o) & 0xffff0000}] == "" {
				missing = append(missing, o)
			}
		}
		d.missing[k] = missing
		extra := d.extra[k][:0]
		for _, o := range d.extra[k] {
			if lost[qkey{tcIfindex(o), tcHandle(o) & 0xffff0000}] == "" {
				extra = append(extra, o)
			}
		}
		d.extra[k] = extra
	}
	return notes
}

// tcWhere names a qdisc for a report: "8001: dev eth0 root".
func tcWhere(o *object, names map[uint32]string) string {
	dev := names[tcIfindex(o)]
	if dev == "" {
		dev = fmt.Sprint("index ", tcIfindex(o))
	}
	parent := "root"
	if p := tcParent(o); p != tcHRoot {
		parent = fmt.Sprintf("parent %x:%x", p>>16, p&0xffff)
	}
	return fmt.Sprintf("%x: dev %s %s", tcHandle(o)>>16, dev, parent)
}

// isLinkDefaultQdisc reports whether a dumped qdisc is one the kernel
// attaches to a link by itself (handle 0 at the root, or under a
// default root such as a multiqueue device's mq): it comes and goes
// with the link's state. The default qdiscs a configured mq, mqprio or
// taprio makes for its classes (handle 0 under a parent with a handle)
// are the configured qdisc's state, and compared.
func isLinkDefaultQdisc(m []byte) bool {
	if len(m) < codec.HeaderLen+16 || native.Uint32(m[codec.HeaderLen+8:]) != 0 {
		return false
	}
	parent := native.Uint32(m[codec.HeaderLen+12:])
	return parent == tcHRoot || parent&0xffff0000 == 0
}

// tcRecreateParents brings back the default qdiscs of classes of a
// configured qdisc (an mqprio's fq_codel children, handle 0) that the
// batch deleted or replaced: no request makes a qdisc of handle 0, but
// making the parent again does. The parent is deleted and added back
// from the snapshot; whatever else hung under it is put back by the next
// rounds, from the snapshot.
func tcRecreateParents(d *delta, snap, now *state, names map[uint32]string) []op {
	type qkey struct{ ifindex, handle uint32 }
	missing := map[qkey]bool{}
	for _, o := range d.missing[kindQdisc] {
		missing[qkey{tcIfindex(o), tcHandle(o)}] = true
	}
	done := map[qkey]bool{}
	var ops []op
	for _, o := range d.missing[kindQdisc] {
		if tcHandle(o) != 0 || isLinkDefaultQdisc(o.msg) {
			continue
		}
		pk := qkey{tcIfindex(o), tcParent(o) & 0xffff0000}
		if done[pk] || missing[pk] {
			continue // a parent put back in this round brings its defaults along
		}
		was, cur := findQdisc(snap, pk.ifindex, pk.handle), findQdisc(now, pk.ifindex, pk.handle)
		if was == nil || cur == nil {
			continue
		}
		done[pk] = true
		del, _ := removal(cur, names)
		add, ok := addition(was, names)
		if !ok {
			continue
		}
		add.what = "undo: make again, for its default qdiscs, " + strings.TrimPrefix(add.what, "undo: add ")
		ops = append(ops, del, add)
	}
	return ops
}

func findQdisc(s *state, ifindex, handle uint32) *object {
	for i := range s.objs[kindQdisc] {
		o := &s.objs[kindQdisc][i]
		if tcIfindex(o) == ifindex && tcHandle(o) == handle {
			return o
		}
	}
	return nil
}

// tcDelWhole are the classifiers that find no filter by handle (their
// get() returns nothing, so a delete by handle fails with ENOENT): one
// filter per priority and protocol, deleted with its handle 0.
var tcDelWhole = map[string]bool{"cgroup": true}

// tcDelRequest adjusts a filter's delete request (reuse's) for the
// classifiers of tcDelWhole.
func tcDelRequest(o *object, msg []byte) []byte {
	if o.kind == kindFilter && tcDelWhole[tcKind(o)] {
		native.PutUint32(msg[codec.HeaderLen+8:], 0)
	}
	return msg
}

// tcCounts are the reference and bind counts of the actions of a
// dumped filter, in order: how many filters (and the action table)
// hold each action. They are left out of comparisons (volatileFields),
// since they count other objects, but they lag: a deleted filter lets go
// of its actions only after an RCU grace period, and a filter put back
// before that binds to the old action, whose counts then read one
// higher for a while.
func tcCounts(o *object) string {
	m, err := codec.Decode(codec.ProtoRoute, native, o.msg)
	if err != nil {
		return ""
	}
	var b strings.Builder
	var walk func(nodes []codec.Node)
	walk = func(nodes []codec.Node) {
		for i := range nodes {
			n := &nodes[i]
			if n.Kind == codec.NodeField && (n.Name == "refcnt" || n.Name == "bindcnt") {
				v, _ := n.Uint()
				fmt.Fprintf(&b, "%s=%d;", n.Name, v)
			}
			walk(n.Children)
		}
	}
	walk(m.Nodes)
	return b.String()
}

// tcCountsList lists every filter's key with its action counts, sorted.
func tcCountsList(s *state) []string {
	out := make([]string, 0, len(s.objs[kindFilter]))
	for i := range s.objs[kindFilter] {
		o := &s.objs[kindFilter][i]
		out = append(out, o.key+"\x00"+tcCounts(o))
	}
	sort.Strings(out)
	return out
}

// tcSettleWait bounds how long a restored target waits for deleted
// filters to let go of their actions.
const tcSettleWait = 2 * time.Second

// settleTC waits, after a rollback restored the target, until the
// filters' action counts read as in the snapshot again (the old filters'
// deferred release has run), for at most tcSettleWait: what follows the
// replay then sees the counts it saw before.
func settleTC(c *conn, snap, now *state) {
	if !snap.have[kindFilter] {
		return
	}
	want := tcCountsList(snap)
	same := func(s *state) bool {
		got := tcCountsList(s)
		if len(got) != len(want) {
			return false
		}
		for i := range got {
			if got[i] != want[i] {
				return false
			}
		}
		return true
	}
	if same(now) {
		return
	}
	var kinds [numKinds]bool
	kinds[kindFilter] = true
	for deadline := time.Now().Add(tcSettleWait); time.Now().Before(deadline); {
		time.Sleep(20 * time.Millisecond)
		s, err := dumpState(c, kinds)
		if err != nil || same(s) {
			return
		}
	}
}

// tcHRoot is TC_H_ROOT (linux/pkt_sched.h), the parent of a root qdisc.
const tcHRoot = 0xffffffff

// atomicWarnings lists the qdiscs of an atomic replay's snapshot that its
// rollback could not make again (tcUnrestorableKind), when the batch has
// messages that can take them away: a qdisc deleted or replaced, a link
// deleted. Said before anything is sent, so that a user learns it from
// a replay that succeeds too.
func atomicWarnings(snap *state, types []uint16) []string {
	risky := false
	for _, t := range types {
		switch t {
		case unix.RTM_DELQDISC, unix.RTM_NEWQDISC, unix.RTM_DELLINK:
			risky = true
		}
	}
	if !risky {
		return nil
	}
	names := snap.linkNames()
	var out []string
	for i := range snap.objs[kindQdisc] {
		o := &snap.objs[kindQdisc][i]
		if why := tcUnrestorableKind(o); why != "" {
			out = append(out, fmt.Sprintf("atomic: a rollback could not make %s qdisc %s again if this batch deleted or replaced it: %s", tcKind(o), tcWhere(o, names), why))
		}
	}
	return out
}
