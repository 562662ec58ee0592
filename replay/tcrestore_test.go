package replay

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/sys/unix"

	"github.com/nlbatch/nlbatch/codec"
)

// tcObject builds a dumped tc object of class k: a tcmsg (ifindex 2,
// handle, parent) and attributes.
func tcObject(t *testing.T, k objKind, typ uint16, handle, parent uint32, attrs func(b *codec.Builder)) *object {
	t.Helper()
	b := codec.NewBuilder(isBigHost())
	b.Begin(typ, codec.FlagMulti, 1, 0)
	hdr := make([]byte, 20)
	native.PutUint32(hdr[4:], 2)
	native.PutUint32(hdr[8:], handle)
	native.PutUint32(hdr[12:], parent)
	b.Raw(hdr)
	attrs(b)
	b.End()
	if err := b.Err(); err != nil {
		t.Fatal(err)
	}
	return &object{kind: k, msg: append([]byte(nil), b.Bytes()...)}
}

// nestedFlags lists the attributes of msg, by path, with NLA_F_NESTED.
func nestedFlags(t *testing.T, msg []byte) []string {
	t.Helper()
	m, err := codec.Decode(codec.ProtoRoute, native, msg)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	var walk func(prefix string, nodes []codec.Node)
	walk = func(prefix string, nodes []codec.Node) {
		for i := range nodes {
			n := &nodes[i]
			if n.Kind != codec.NodeAttr {
				continue
			}
			if n.NLAFlags&codec.NLANested != 0 {
				out = append(out, prefix+n.Name)
			}
			walk(prefix+n.Name+".", n.Children)
		}
	}
	walk("", m.Nodes)
	return out
}

func TestTCRequestSetsNested(t *testing.T) {
	ets := tcObject(t, kindQdisc, 36 /* RTM_NEWQDISC */, 0x10000, tcHRoot, func(b *codec.Builder) {
		b.String(1 /* TCA_KIND */, "ets")
		b.BeginNest(2 /* TCA_OPTIONS */)
		b.U8(1 /* TCA_ETS_NBANDS */, 3)
		b.U8(2 /* TCA_ETS_NSTRICT */, 1)
		b.BeginNest(3 /* TCA_ETS_QUANTA */)
		b.U32(4, 1500)
		b.U32(4, 1500)
		b.EndNest()
		b.EndNest()
	})
	if got := nestedFlags(t, ets.msg); len(got) != 0 {
		t.Fatalf("the test's dump has NLA_F_NESTED on %v", got)
	}
	req := tcRequest(ets, reuse(ets, 36, codec.FlagCreate|codec.FlagExcl, nil))
	want := []string{"TCA_OPTIONS", "TCA_OPTIONS.TCA_ETS_QUANTA"}
	if diff := cmp.Diff(want, nestedFlags(t, req)); diff != "" {
		t.Errorf("NLA_F_NESTED (-want +got):\n%s", diff)
	}
	// A struct in TCA_OPTIONS is no nest.
	pfifo := tcObject(t, kindQdisc, 36, 0x10000, tcHRoot, func(b *codec.Builder) {
		b.String(1, "pfifo")
		b.U32(2, 100)
	})
	if got := nestedFlags(t, tcRequest(pfifo, reuse(pfifo, 36, codec.FlagCreate|codec.FlagExcl, nil))); len(got) != 0 {
		t.Errorf("NLA_F_NESTED on %v of a pfifo", got)
	}
}

// attrNames lists the attributes of msg by path.
func attrNames(t *testing.T, msg []byte) []string {
	t.Helper()
	m, err := codec.Decode(codec.ProtoRoute, native, msg)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	var walk func(prefix string, nodes []codec.Node)
	walk = func(prefix string, nodes []codec.Node) {
		for i := range nodes {
			if n := &nodes[i]; n.Kind == codec.NodeAttr {
				out = append(out, prefix+n.Name)
				walk(prefix+n.Name+".", n.Children)
			}
		}
	}
	walk("", m.Nodes)
	return out
}

func TestTCRequestAction(t *testing.T) {
	// A matchall filter with a ct action, as dumped: no NLA_F_NESTED,
	// the action's timestamps and statistics. ct parses its options
	// strictly and refuses both.
	f := tcObject(t, kindFilter, 44 /* RTM_NEWTFILTER */, 1, 0xfffffff2, func(b *codec.Builder) {
		b.String(1 /* TCA_KIND */, "matchall")
		b.BeginNest(2 /* TCA_OPTIONS */)
		b.BeginNest(2 /* TCA_MATCHALL_ACT */)
		b.BeginNest(1 /* priority 1 */)
		b.String(1 /* TCA_ACT_KIND */, "ct")
		b.BeginNest(4 /* TCA_ACT_STATS */)
		b.Attr(1 /* TCA_STATS_BASIC */, make([]byte, 16))
		b.EndNest()
		b.BeginNest(2 /* TCA_ACT_OPTIONS */)
		b.Attr(1 /* TCA_CT_PARMS */, make([]byte, 20))
		b.Attr(2 /* TCA_CT_TM */, make([]byte, 32))
		b.U16(4 /* TCA_CT_ZONE */, 3)
		b.EndNest()
		b.EndNest()
		b.EndNest()
		b.U32(3 /* TCA_MATCHALL_FLAGS */, 8 /* not in hw */)
		b.EndNest()
	})
	req := tcRequest(f, reuse(f, 44, codec.FlagCreate|codec.FlagExcl, nil))
	want := []string{"TCA_KIND", "TCA_OPTIONS", "TCA_OPTIONS.TCA_MATCHALL_ACT", "TCA_OPTIONS.TCA_MATCHALL_ACT.TCA_ACT_PRIO",
		"TCA_OPTIONS.TCA_MATCHALL_ACT.TCA_ACT_PRIO.TCA_ACT_KIND", "TCA_OPTIONS.TCA_MATCHALL_ACT.TCA_ACT_PRIO.TCA_ACT_OPTIONS",
		"TCA_OPTIONS.TCA_MATCHALL_ACT.TCA_ACT_PRIO.TCA_ACT_OPTIONS.TCA_CT_PARMS",
		"TCA_OPTIONS.TCA_MATCHALL_ACT.TCA_ACT_PRIO.TCA_ACT_OPTIONS.TCA_CT_ZONE", "TCA_OPTIONS.TCA_MATCHALL_FLAGS"}
	if diff := cmp.Diff(want, attrNames(t, req)); diff != "" {
		t.Errorf("attributes (-want +got):\n%s", diff)
	}
	wantNested := []string{"TCA_OPTIONS", "TCA_OPTIONS.TCA_MATCHALL_ACT", "TCA_OPTIONS.TCA_MATCHALL_ACT.TCA_ACT_PRIO",
		"TCA_OPTIONS.TCA_MATCHALL_ACT.TCA_ACT_PRIO.TCA_ACT_OPTIONS"}
	if diff := cmp.Diff(wantNested, nestedFlags(t, req)); diff != "" {
		t.Errorf("NLA_F_NESTED (-want +got):\n%s", diff)
	}
	if flags := findAttr(findAttr(req[codec.HeaderLen+20:], 2)[4:], 3); len(flags) != 8 || native.Uint32(flags[4:]) != 0 {
		t.Errorf("TCA_MATCHALL_FLAGS %x, want 0", flags)
	}
	if native.Uint32(req) != uint32(len(req)) {
		t.Errorf("nlmsg_len %d, message %d bytes", native.Uint32(req), len(req))
	}
}

func TestTCRoundTrips(t *testing.T) {
	for _, c := range []struct {
		name   string
		dumped func(uint32) uint32
	}{{"codel", codelTime}, {"pie", pieTime}} {
		fix := roundTrip(c.dumped, 1)
		for us := uint32(0); us < 3_000_000; us += 997 {
			d := c.dumped(us)
			opts := appendAttr(nil, 1, native.AppendUint32(nil, d))
			v := native.Uint32(fix(opts)[4:])
			if got := c.dumped(v); got != d {
				t.Fatalf("%s: %dus is dumped as %d; sending %d back is dumped as %d", c.name, us, d, v, got)
			}
		}
	}
	if got := codelTime(5000); got != 4999 {
		t.Errorf("codel dumps 5000us as %d, want 4999", got)
	}
}

func TestTCRebuilds(t *testing.T) {
	sfq := func(limit, flows uint32) []byte {
		o := make([]byte, 20)
		native.PutUint32(o[8:], limit)
		native.PutUint32(o[16:], flows)
		return native.AppendUint32(o, 0) // the rest of tc_sfq_qopt_v1, shortened
	}
	if got := native.Uint32(sfqOptions(sfq(127, 128))[8:]); got != 0 {
		t.Errorf("sfq limit 127 flows 128: limit %d, want 0", got)
	}
	if got := native.Uint32(sfqOptions(sfq(200, 128))[8:]); got != 200 {
		t.Errorf("sfq limit 200 flows 128: limit %d, want 200", got)
	}

	gred := func(vq bool) *object {
		return tcObject(t, kindQdisc, 36, 0x10000, tcHRoot, func(b *codec.Builder) {
			b.String(1, "gred")
			b.BeginNest(2)
			b.Attr(3 /* TCA_GRED_DPS */, make([]byte, 12))
			b.Attr(4 /* TCA_GRED_MAX_P */, make([]byte, 64))
			b.U32(5 /* TCA_GRED_LIMIT */, 100000)
			b.Attr(1 /* TCA_GRED_PARMS */, make([]byte, 16))
			b.BeginNest(6 /* TCA_GRED_VQ_LIST */)
			if vq {
				b.BeginNest(1 /* TCA_GRED_VQ_ENTRY */)
				b.U32(2 /* TCA_GRED_VQ_DP */, 1)
				b.EndNest()
			}
			b.EndNest()
			b.EndNest()
		})
	}
	if why := tcUnrestorableKind(gred(false)); why != "" {
		t.Errorf("gred without virtual queues: %s", why)
	}
	if why := tcUnrestorableKind(gred(true)); !strings.Contains(why, "TCA_GRED_STAB") {
		t.Errorf("gred with a virtual queue: %q", why)
	}
	g := gred(false)
	req := tcRequest(g, reuse(g, 36, codec.FlagCreate|codec.FlagExcl, nil))
	opts := findAttr(req[codec.HeaderLen+20:], 2)
	var nums []uint16
	for b := opts[4:]; len(b) >= 4; b = b[codec.Align(int(native.Uint16(b))):] {
		nums = append(nums, native.Uint16(b[2:]))
	}
	if diff := cmp.Diff([]uint16{3, 5}, nums); diff != "" {
		t.Errorf("gred's request options (-want +got):\n%s", diff)
	}

	red := tcObject(t, kindQdisc, 36, 0x80010000, tcHRoot, func(b *codec.Builder) {
		b.String(1, "red")
		b.BeginNest(2)
		b.Attr(1 /* TCA_RED_PARMS */, make([]byte, 16))
		b.EndNest()
	})
	d := &delta{}
	d.missing[kindQdisc] = []*object{red}
	notes := tcUnrestorable(d, map[uint32]string{2: "q0"})
	if len(notes) != 1 || !strings.Contains(notes[0], "cannot restore red qdisc 8001: dev q0 root") || !strings.Contains(notes[0], "TCA_RED_STAB") || len(d.missing[kindQdisc]) != 0 {
		t.Errorf("red: notes %q, still to add %d", notes, len(d.missing[kindQdisc]))
	}

	cg := tcObject(t, kindFilter, 44 /* RTM_NEWTFILTER */, 1, 0x10000, func(b *codec.Builder) { b.String(1, "cgroup") })
	if del := tcDelRequest(cg, reuse(cg, 45, 0, keepNames("TCA_KIND"))); tcHandle(&object{kind: kindFilter, msg: del}) != 0 {
		t.Error("a cgroup filter's delete carries its handle")
	}
}

func TestIsLinkDefaultQdisc(t *testing.T) {
	for _, c := range []struct {
		handle, parent uint32
		want           bool
	}{
		{0, tcHRoot, true},           // noqueue, fq_codel, mq at a link's root
		{0, 0x00000001, true},        // a default mq's children (parent :1)
		{0, 0x01000001, false},       // a configured mqprio 100:'s children
		{0x80010000, tcHRoot, false}, // a configured qdisc
	} {
		o := tcObject(t, kindQdisc, 36, c.handle, c.parent, func(b *codec.Builder) { b.String(1, "fq_codel") })
		if got := isLinkDefaultQdisc(o.msg); got != c.want {
			t.Errorf("handle %x parent %x: %v, want %v", c.handle, c.parent, got, c.want)
		}
	}
}

// tcState makes a state of qdiscs from objects, keyed as dumpState
// keys them.
func tcState(t *testing.T, objs ...*object) *state {
	t.Helper()
	s := &state{}
	s.have[kindQdisc] = true
	dec := codec.NewDecoder()
	dec.Order = native
	for _, o := range objs {
		if err := canonical(dec, o); err != nil {
			t.Fatal(err)
		}
		s.objs[kindQdisc] = append(s.objs[kindQdisc], *o)
	}
	sort.Slice(s.objs[kindQdisc], func(i, j int) bool { return s.objs[kindQdisc][i].key < s.objs[kindQdisc][j].key })
	return s
}

func TestTCRecreateParents(t *testing.T) {
	qdisc := func(kind string, handle, parent uint32) *object {
		return tcObject(t, kindQdisc, 36, handle, parent, func(b *codec.Builder) { b.String(1, kind) })
	}
	// An mqprio 100: whose default child at 100:1 the batch replaced
	// with a cbs.
	snap := tcState(t, qdisc("mqprio", 0x01000000, tcHRoot), qdisc("fq_codel", 0, 0x01000001), qdisc("fq_codel", 0, 0x01000002))
	now := tcState(t, qdisc("mqprio", 0x01000000, tcHRoot), qdisc("cbs", 0x00100000, 0x01000001), qdisc("fq_codel", 0, 0x01000002))
	ops, notes := repairs(diff(snap, now), snap, now)
	var got []string
	for _, o := range ops {
		got = append(got, fmt.Sprintf("%s %x %s", map[uint16]string{36: "add", 37: "del"}[native.Uint16(o.msg[4:])],
			native.Uint32(o.msg[codec.HeaderLen+8:]), tcKind(&object{kind: kindQdisc, msg: o.msg})))
	}
	want := []string{"del 100000 cbs", "del 1000000 mqprio", "add 1000000 mqprio"}
	if diff := cmp.Diff(want, got); diff != "" || len(notes) != 0 {
		t.Errorf("repairs (-want +got):\n%s\nnotes: %q", diff, notes)
	}
}

// TestAtomicWarnings checks that an atomic replay says up front which
// qdiscs it could not make again, and only when the batch can take them
// away.
func TestAtomicWarnings(t *testing.T) {
	red := tcObject(t, kindQdisc, unix.RTM_NEWQDISC, 0x80010000, tcHRoot, func(b *codec.Builder) {
		b.String(1, "red")
		b.BeginNest(2)
		b.Attr(1 /* TCA_RED_PARMS */, make([]byte, 16))
		b.EndNest()
	})
	htb := tcObject(t, kindQdisc, unix.RTM_NEWQDISC, 0x10000, tcHRoot, func(b *codec.Builder) { b.String(1, "htb") })
	snap := tcState(t, red, htb)
	for _, tc := range []struct {
		types []uint16
		want  int
	}{
		{[]uint16{unix.RTM_NEWROUTE, unix.RTM_NEWADDR}, 0},
		{[]uint16{unix.RTM_DELQDISC}, 1},
		{[]uint16{unix.RTM_NEWQDISC}, 1},
		{[]uint16{unix.RTM_NEWROUTE, unix.RTM_DELLINK}, 1},
	} {
		got := atomicWarnings(snap, tc.types)
		if len(got) != tc.want {
			t.Errorf("types %v: %d warnings %q, want %d", tc.types, len(got), got, tc.want)
			continue
		}
		if tc.want > 0 && !strings.Contains(got[0], "red") || tc.want > 0 && !strings.Contains(got[0], "TCA_RED_STAB") {
			t.Errorf("types %v: warning %q does not name red and why", tc.types, got[0])
		}
	}
}
