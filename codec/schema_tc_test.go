package codec

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math/bits"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/nlbatch/nlbatch/internal/nltest"
	"golang.org/x/sys/unix"
)

// Headers the tc tables mirror, in an order that compiles.
var tcHeaders = []string{
	"linux/netlink.h", "linux/rtnetlink.h", "linux/pkt_sched.h", "linux/pkt_cls.h",
	"linux/gen_stats.h", "linux/filter.h", "linux/if_packet.h", "linux/ife.h",
	"linux/tc_act/tc_bpf.h", "linux/tc_act/tc_connmark.h", "linux/tc_act/tc_csum.h",
	"linux/tc_act/tc_ct.h", "linux/tc_act/tc_ctinfo.h", "linux/tc_act/tc_defact.h",
	"linux/tc_act/tc_gact.h", "linux/tc_act/tc_gate.h", "linux/tc_act/tc_ife.h",
	"linux/tc_act/tc_ipt.h", "linux/tc_act/tc_mirred.h", "linux/tc_act/tc_mpls.h",
	"linux/tc_act/tc_nat.h", "linux/tc_act/tc_pedit.h", "linux/tc_act/tc_sample.h",
	"linux/tc_act/tc_skbedit.h", "linux/tc_act/tc_skbmod.h",
	"linux/tc_act/tc_tunnel_key.h", "linux/tc_act/tc_vlan.h",
}

// Structs whose layout is newer than the installed (6.1) headers, with
// their sizes in the current kernel's uapi.
var tcNewerStructs = map[string]int{
	"tc_fq_qd_stats":    152, // + fastpath_packets, band_drops[3], band_pkt_count[3], pad
	"tc_dualpi2_xstats": 48,
}

// tcWalk visits every attribute set, attribute and struct reachable from
// the tc messages, including Select cases and Default children.
type tcWalk struct {
	sets    []*AttrSet
	attrs   []*Attr
	structs []*StructDef
	seenSet map[*AttrSet]bool
	seenSt  map[*StructDef]bool
}

func newTCWalk() *tcWalk {
	w := &tcWalk{seenSet: map[*AttrSet]bool{}, seenSt: map[*StructDef]bool{}}
	for _, m := range append(append([]*Message{}, tcMessages...), tcActionMessages...) {
		w.structDef(m.Header)
		w.set(m.Attrs)
	}
	return w
}

func (w *tcWalk) set(s *AttrSet) {
	if s == nil || w.seenSet[s] {
		return
	}
	w.seenSet[s] = true
	w.sets = append(w.sets, s)
	for _, a := range s.Attrs {
		w.attr(a)
	}
	w.attr(s.Default)
}

func (w *tcWalk) attr(a *Attr) {
	if a == nil {
		return
	}
	w.attrs = append(w.attrs, a)
	w.set(a.Set)
	w.structDef(a.Struct)
	if a.Select != nil {
		for _, k := range tcSortedKeys(a.Select.ByString) {
			w.attr(a.Select.ByString[k])
		}
	}
}

func (w *tcWalk) structDef(s *StructDef) {
	if s == nil || w.seenSt[s] {
		return
	}
	w.seenSt[s] = true
	w.structs = append(w.structs, s)
	for i := range s.Fields {
		w.structDef(s.Fields[i].Struct)
	}
	if s.Trailing != nil {
		w.structDef(s.Trailing.Struct)
	}
}

func tcSortedKeys(m map[string]*Attr) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// tcCValues compiles a probe against the system headers and returns the
// value of each C integer expression. It skips when no compiler or
// headers are available.
func tcCValues(t *testing.T, exprs []string) map[string]int64 {
	t.Helper()
	cc, err := exec.LookPath("gcc")
	if err != nil {
		if cc, err = exec.LookPath("cc"); err != nil {
			t.Skip("no C compiler")
		}
	}
	var src strings.Builder
	src.WriteString("#include <stdio.h>\n#include <stddef.h>\n#include <sys/socket.h>\n#include <netinet/in.h>\n")
	for _, h := range tcHeaders {
		fmt.Fprintf(&src, "#include <%s>\n", h)
	}
	src.WriteString("int main(void) {\n")
	for _, e := range exprs {
		fmt.Fprintf(&src, "\tprintf(\"%%lld\\n\", (long long)(%s));\n", e)
	}
	src.WriteString("\treturn 0;\n}\n")
	dir := t.TempDir()
	cfile, bin := filepath.Join(dir, "probe.c"), filepath.Join(dir, "probe")
	if err := os.WriteFile(cfile, []byte(src.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(cc, "-o", bin, cfile).CombinedOutput(); err != nil {
		if strings.Contains(string(out), "No such file or directory") {
			t.Skipf("uapi headers missing: %s", out)
		}
		t.Fatalf("compiling probe: %v\n%s", err, out)
	}
	out, err := exec.Command(bin).Output()
	if err != nil {
		t.Fatalf("running probe: %v", err)
	}
	lines := strings.Fields(string(out))
	if len(lines) != len(exprs) {
		t.Fatalf("probe printed %d values for %d expressions", len(lines), len(exprs))
	}
	vals := make(map[string]int64, len(exprs))
	for i, e := range exprs {
		v, err := strconv.ParseInt(lines[i], 10, 64)
		if err != nil {
			t.Fatal(err)
		}
		vals[e] = v
	}
	return vals
}

// tcHeaderIdents returns the identifiers defined or declared in the
// installed headers (comments stripped), or nil when they are missing.
func tcHeaderIdents(t *testing.T) map[string]bool {
	t.Helper()
	comments := regexp.MustCompile(`(?s)/\*.*?\*/|//[^\n]*`)
	ident := regexp.MustCompile(`[A-Za-z_][A-Za-z0-9_]*`)
	ids := map[string]bool{}
	for _, h := range tcHeaders {
		b, err := os.ReadFile(filepath.Join("/usr/include", h))
		if err != nil {
			return nil
		}
		for _, id := range ident.FindAllString(comments.ReplaceAllString(string(b), " "), -1) {
			ids[id] = true
		}
	}
	return ids
}

func TestTCStructSizes(t *testing.T) {
	w := newTCWalk()
	structs := map[string]*StructDef{}
	for _, s := range w.structs {
		if want, ok := tcNewerStructs[s.Name]; ok {
			if got := s.Size(); got != want {
				t.Errorf("%s: table size %d, current uapi size %d", s.Name, got, want)
			}
			continue
		}
		structs["struct "+s.Name] = s
	}
	if len(structs) < 80 {
		t.Fatalf("only %d structs reachable from the tc messages", len(structs))
	}
	checkSizes(t, tcHeaders, structs)
}

// TestTCStructOffsets checks every named field's offset with offsetof,
// which also proves the field names are the C member names.
func TestTCStructOffsets(t *testing.T) {
	w := newTCWalk()
	type probe struct {
		expr string
		want int
	}
	var probes []probe
	for _, s := range w.structs {
		off := 0
		for i := range s.Fields {
			f := &s.Fields[i]
			if s.Name == "tc_fq_qd_stats" && f.Name == "fastpath_packets" {
				// The 6.1 struct ends here.
				probes = append(probes, probe{"sizeof(struct tc_fq_qd_stats)", off})
				break
			}
			if s.Name == "tc_dualpi2_xstats" {
				break
			}
			if !f.Hidden() {
				probes = append(probes, probe{fmt.Sprintf("offsetof(struct %s, %s)", s.Name, f.Name), off})
			}
			off += f.Width()
		}
		if s.Trailing != nil {
			probes = append(probes, probe{fmt.Sprintf("offsetof(struct %s, %s)", s.Name, s.Trailing.Name), s.Size()})
		}
	}
	exprs := make([]string, len(probes))
	for i, p := range probes {
		exprs[i] = p.expr
	}
	got := tcCValues(t, exprs)
	for _, p := range probes {
		if int(got[p.expr]) != p.want {
			t.Errorf("%s = %d, table says %d", p.expr, got[p.expr], p.want)
		}
	}
}

// TestTCNumbers compares every attribute number and enum value whose name
// the installed headers know with the compiler's value. Names newer than
// the headers are only counted.
func TestTCNumbers(t *testing.T) {
	ids := tcHeaderIdents(t)
	if ids == nil {
		t.Skip("uapi headers missing")
	}
	w := newTCWalk()
	want := map[string]int64{}
	var newer []string
	check := func(name string, v int64) {
		if !ids[name] {
			if !strings.HasPrefix(name, "AF_") { // defined in libc's socket headers
				newer = append(newer, name)
			}
			return
		}
		if old, ok := want[name]; ok && old != v {
			t.Errorf("%s given as both %d and %d", name, old, v)
		}
		want[name] = v
	}
	// TCA_FLOW_KEYS is a mask of 1<<FLOW_KEY_*: C names the bit numbers.
	bitNumbers := map[*Enum]bool{tcFlowKeys: true}
	enums := map[*Enum]bool{}
	addEnum := func(e *Enum) {
		if e == nil || enums[e] {
			return
		}
		enums[e] = true
		for _, n := range e.Names() {
			v, _ := e.Value(n)
			if bitNumbers[e] {
				v = uint64(bits.TrailingZeros64(v))
			}
			check(n, int64(v))
		}
	}
	for _, a := range w.attrs {
		if a.Name != "" && a.Num != 0 {
			check(a.Name, int64(a.Num))
		}
		addEnum(a.Enum)
		addEnum(a.Flags)
	}
	for _, s := range w.structs {
		for _, f := range s.Fields {
			addEnum(f.Enum)
			addEnum(f.Flags)
		}
	}
	names := make([]string, 0, len(want))
	for n := range want {
		names = append(names, n)
	}
	sort.Strings(names)
	got := tcCValues(t, names)
	for _, n := range names {
		if got[n] != want[n] {
			t.Errorf("%s: table %d, header %d", n, want[n], got[n])
		}
	}
	if len(names) < 500 {
		t.Errorf("only %d names checked against the headers", len(names))
	}
	sort.Strings(newer)
	t.Logf("%d names checked against the headers; newer than them: %s", len(names), strings.Join(newer, " "))
}

// TestTCSetsWellFormed checks every reachable set for duplicate numbers
// and names, and every attribute, kind-map case and struct for a complete
// definition.
func TestTCSetsWellFormed(t *testing.T) {
	w := newTCWalk()
	for _, s := range w.sets {
		nums := map[uint16]string{}
		names := map[string]bool{}
		for _, a := range s.Attrs {
			if a == nil {
				t.Errorf("%s: nil attribute", s.Name)
				continue
			}
			if a.Num == 0 || a.Name == "" {
				t.Errorf("%s: attribute %q has number %d", s.Name, a.Name, a.Num)
			}
			if prev, dup := nums[a.Num]; dup {
				t.Errorf("%s: number %d used by %s and %s", s.Name, a.Num, prev, a.Name)
			}
			if names[a.Name] {
				t.Errorf("%s: name %s used twice", s.Name, a.Name)
			}
			nums[a.Num], names[a.Name] = a.Name, true
		}
		if len(s.Attrs) == 0 && s.Default == nil && s != tcNoOptions {
			t.Errorf("%s: empty set", s.Name)
		}
	}
	for _, a := range w.attrs {
		tcCheckAttr(t, a.Name, a)
	}
	kindMaps := map[string]map[string]*Attr{
		"qdisc": tcQdiscOptionsByKind, "class": tcClassOptionsByKind,
		"filter": tcFilterOptionsByKind, "xstats": tcXstatsByKind, "action": tcActOptionsByKind,
	}
	for mapName, m := range kindMaps {
		if len(m) < 10 {
			t.Errorf("%s kinds: only %d", mapName, len(m))
		}
		for kind, a := range m {
			if a == nil {
				t.Errorf("%s kind %q: nil definition", mapName, kind)
				continue
			}
			if a.Name != "" || a.Num != 0 {
				t.Errorf("%s kind %q: case names itself %s/%d", mapName, kind, a.Name, a.Num)
			}
			tcCheckAttr(t, mapName+" "+kind, a)
		}
	}
	for _, kind := range []string{"htb", "tbf", "sfq", "netem", "fq_codel", "codel", "fq", "prio",
		"pfifo", "bfifo", "pfifo_fast", "ingress", "clsact", "red", "mqprio", "cake", "hfsc",
		"drr", "multiq", "plug", "choke", "sfb", "hhf", "pie", "fq_pie", "cbs", "etf",
		"taprio", "ets", "skbprio"} {
		if tcQdiscOptionsByKind[kind] == nil || tcClassOptionsByKind[kind] == nil {
			t.Errorf("qdisc kind %s missing", kind)
		}
	}
	for _, kind := range []string{"u32", "fw", "matchall", "flower", "bpf", "basic", "route", "flow", "cgroup"} {
		if tcFilterOptionsByKind[kind] == nil {
			t.Errorf("filter kind %s missing", kind)
		}
	}
	for _, kind := range []string{"gact", "mirred", "police", "skbedit", "vlan", "tunnel_key",
		"csum", "pedit", "nat", "sample", "connmark", "ct", "bpf", "mpls", "skbmod"} {
		if tcActOptionsByKind[kind] == nil {
			t.Errorf("action kind %s missing", kind)
		}
	}
	if tcClassOptionsByKind["hfsc"].Type != Nested || tcQdiscOptionsByKind["hfsc"].Type != Struct {
		t.Error("hfsc: a class takes service curves, the qdisc a struct")
	}
}

func tcCheckAttr(t *testing.T, where string, a *Attr) {
	t.Helper()
	switch a.Type {
	case Nested:
		if a.Set == nil {
			t.Errorf("%s: nested without a set", where)
		}
	case Struct:
		if a.Struct == nil {
			t.Errorf("%s: struct without a definition", where)
		}
	case StructAttrs:
		if a.Struct == nil || a.Set == nil {
			t.Errorf("%s: struct+attrs without struct or set", where)
		}
	case Array:
		if (a.Elem == Struct) != (a.Struct != nil) || (a.Elem != Struct && a.Elem.Size() == 0) {
			t.Errorf("%s: array of %v", where, a.Elem)
		}
	}
	if a.Select != nil {
		if a.Select.Sibling == "" || len(a.Select.ByString) == 0 {
			t.Errorf("%s: select without sibling or cases", where)
		}
		for k, c := range a.Select.ByString {
			if c == nil {
				t.Errorf("%s: case %q is nil", where, k)
			}
		}
	}
	for _, s := range []*StructDef{a.Struct} {
		if s == nil {
			continue
		}
		for _, f := range s.Fields {
			switch f.Type {
			case Binary, String, HWAddr:
				if f.Size <= 0 {
					t.Errorf("%s: %s.%s has no size", where, s.Name, f.Name)
				}
			case IPAddr:
				if f.Size != 4 && f.Size != 16 {
					t.Errorf("%s: %s.%s address of %d bytes", where, s.Name, f.Name, f.Size)
				}
			case Struct:
				if f.Struct == nil {
					t.Errorf("%s: %s.%s struct without a definition", where, s.Name, f.Name)
				}
			}
		}
	}
}

// TestTCMessages checks that the messages are registered under their
// numbers and that every summary placeholder names a header field or an
// attribute path of the message.
func TestTCMessages(t *testing.T) {
	want := map[uint16]string{
		36: "RTM_NEWQDISC", 37: "RTM_DELQDISC", 38: "RTM_GETQDISC",
		40: "RTM_NEWTCLASS", 41: "RTM_DELTCLASS", 42: "RTM_GETTCLASS",
		44: "RTM_NEWTFILTER", 45: "RTM_DELTFILTER", 46: "RTM_GETTFILTER",
		48: "RTM_NEWACTION", 49: "RTM_DELACTION", 50: "RTM_GETACTION",
		100: "RTM_NEWCHAIN", 101: "RTM_DELCHAIN", 102: "RTM_GETCHAIN",
	}
	placeholder := regexp.MustCompile(`\{([^}]*)\}`)
	for typ, name := range want {
		m := routeProtocol.Lookup(typ)
		if m == nil || m.Name != name {
			t.Errorf("message %d: want %s, registered %v", typ, name, m)
			continue
		}
		if m.Header == nil || m.Attrs == nil || m.Summary == "" {
			t.Errorf("%s: incomplete definition", name)
		}
		for _, ph := range placeholder.FindAllStringSubmatch(m.Summary, -1) {
			if !tcResolves(m, ph[1]) {
				t.Errorf("%s: summary placeholder {%s} names nothing", name, ph[1])
			}
		}
	}
}

func tcResolves(m *Message, path string) bool {
	parts := strings.Split(path, ".")
	if len(parts) == 1 && m.Header.FieldByName(parts[0]) != nil {
		return true
	}
	set := m.Attrs
	for i, p := range parts {
		var a *Attr
		if a = set.ByName(p); a == nil && set.Default != nil && set.Default.Name == p {
			a = set.Default
		}
		if a == nil {
			return false
		}
		if i == len(parts)-1 {
			return true
		}
		if set = a.Set; set == nil {
			return false
		}
	}
	return false
}

// TestTCKernelDumps builds qdiscs, a class, filters and an action in a
// throw-away namespace and decodes the kernel's dumps of them: every byte
// must be named by the tables, re-encode exactly, and the kind-selected
// parts must be found.
func TestTCKernelDumps(t *testing.T) {
	ns := nltest.NewNamespace(t)
	run := func(cmd string) string {
		args := append([]string{"netns", "exec", ns.Name}, strings.Fields(cmd)...)
		out, err := exec.Command("ip", args...).CombinedOutput()
		if err != nil {
			t.Skipf("%s: %v: %s (kernel or tc lacks a module)", cmd, err, out)
		}
		return string(out)
	}
	for _, cmd := range []string{
		"ip link add v0 type veth peer name v1",
		"ip link set v0 up",
		"tc qdisc add dev v0 root handle 1: htb default 10",
		"tc class add dev v0 parent 1: classid 1:10 htb rate 10mbit ceil 20mbit",
		"tc filter add dev v0 parent 1: protocol ip prio 1 u32 match ip dst 10.20.0.0/16 flowid 1:10",
		"tc qdisc add dev v0 clsact",
		"tc filter add dev v0 ingress protocol ip prio 2 u32 match ip src 10.1.0.0/16 action mirred egress redirect dev v1",
		"tc qdisc add dev v1 root handle 2: tbf rate 1mbit burst 32kbit latency 400ms",
		"tc actions add action mirred egress mirror dev v1 index 7",
	} {
		run(cmd)
	}
	ifindex, err := strconv.Atoi(strings.SplitN(run("ip -o link show dev v0"), ":", 2)[0])
	if err != nil {
		t.Fatal(err)
	}
	c, err := ns.Dial(unix.NETLINK_ROUTE)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()

	tcmsg := func(parent uint32) []byte {
		b := make([]byte, 20)
		binary.NativeEndian.PutUint32(b[4:], uint32(ifindex))
		binary.NativeEndian.PutUint32(b[12:], parent)
		return b
	}
	nla := func(typ uint16, payload []byte) []byte {
		b := binary.NativeEndian.AppendUint16(nil, uint16(4+len(payload)))
		b = binary.NativeEndian.AppendUint16(b, typ)
		b = append(b, payload...)
		for len(b)%4 != 0 {
			b = append(b, 0)
		}
		return b
	}
	// tcamsg, then TCA_ROOT_TAB { 1 { TCA_ACT_KIND "mirred" } }.
	getActions := append([]byte{0, 0, 0, 0}, nla(1, nla(1, nla(1, []byte("mirred\x00"))))...)

	seen := map[string]bool{}
	requests := []struct {
		typ  uint16
		body []byte
	}{
		{unix.RTM_GETQDISC, make([]byte, 20)},
		{unix.RTM_GETTCLASS, tcmsg(0)},
		{unix.RTM_GETTFILTER, tcmsg(0)},
		{unix.RTM_GETTFILTER, tcmsg(0xFFFFFFF2)}, // clsact ingress
		{unix.RTM_GETACTION, getActions},
	}
	for _, r := range requests {
		sent, replies, err := c.Request(r.typ, unix.NLM_F_DUMP, r.body)
		if err != nil {
			t.Fatal(err)
		}
		for _, buf := range append([][]byte{sent}, replies...) {
			msgs, err := DecodeAll(ProtoRoute, binary.NativeEndian, buf)
			if err != nil {
				t.Fatalf("decode: %v", err)
			}
			for _, m := range msgs {
				tcCheckKernelMsg(t, m, seen)
			}
		}
	}
	for _, name := range []string{
		"RTM_NEWQDISC", "RTM_NEWTCLASS", "RTM_NEWTFILTER", "TCA_ROOT_TAB", "TCA_ACT_PRIO",
		"TCA_HTB_INIT", "TCA_HTB_PARMS", "TCA_TBF_PARMS", "TCA_U32_SEL",
		"TCA_MIRRED_PARMS", "TCA_MIRRED_TM", "TCA_ACT_STATS", "TCA_STATS_BASIC", "TCA_ROOT_COUNT",
		"htb:TCA_STATS_APP", "htb:TCA_XSTATS",
	} {
		if !seen[name] {
			t.Errorf("no %s decoded from the dumps", name)
		}
	}
}

func tcCheckKernelMsg(t *testing.T, m *Msg, seen map[string]bool) {
	t.Helper()
	seen[m.Name] = true
	if err := CheckCoverage(m); err != nil {
		t.Errorf("%s: %v", m.Name, err)
	}
	raw := append(append([]byte(nil), m.Raw...), m.Pad...)
	if got := AppendMsg(nil, m); !bytes.Equal(got, raw) {
		t.Errorf("%s: re-encoding differs\n got %x\nwant %x", m.Name, got, raw)
	}
	if strings.HasPrefix(m.Name, "RTM_NEW") && len(AppendSummary(nil, m)) == 0 {
		t.Errorf("%s: empty summary", m.Name)
	}
	kind := ""
	var rec func(path string, nodes []Node)
	rec = func(path string, nodes []Node) {
		for i := range nodes {
			n := &nodes[i]
			p := path + "/" + n.Name
			switch {
			case n.Kind == NodeTail:
				t.Errorf("%s: %s: trailing bytes %x: %s", m.Name, p, n.Data, n.Err)
			case n.Err != "":
				t.Errorf("%s: %s: %s", m.Name, p, n.Err)
			case n.Kind == NodeAttr && n.Name == "":
				t.Errorf("%s: %s: unknown attribute %d (%d bytes)", m.Name, p, n.Num, len(n.Data))
			}
			if n.Name == "TCA_KIND" {
				kind = strings.TrimRight(string(n.Data), "\x00")
			}
			seen[n.Name] = true
			if n.Kind == NodeAttr && n.Type == Struct {
				seen[kind+":"+n.Name] = true
			}
			rec(p, n.Children)
		}
	}
	rec("", m.Nodes)
}
