package codec

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// Tests for the address, route (with lightweight tunnel encaps), rule and
// nexthop tables.

var rtHeaders = []string{
	"linux/rtnetlink.h", "linux/if_addr.h", "linux/fib_rules.h",
	"linux/nexthop.h", "linux/lwtunnel.h", "linux/mpls_iptunnel.h",
	"linux/ila.h", "linux/seg6.h", "linux/seg6_iptunnel.h",
	"linux/seg6_local.h", "linux/rpl.h", "linux/rpl_iptunnel.h",
	"linux/ioam6.h", "linux/ioam6_iptunnel.h", "linux/icmpv6.h",
}

// rtNewerThanHeaders lists names from kernels newer than the 6.1 uapi
// headers these tables are checked against; a probe that does not compile
// is only forgiven for these.
var rtNewerThanHeaders = map[string]bool{
	"RTM_NEWMULTICAST": true, "RTM_DELMULTICAST": true,
	"RTM_NEWANYCAST": true, "RTM_DELANYCAST": true,
	"RTA_FLOWLABEL": true, "RTPROT_OVN": true,
	"IPPROTO_AGGFRAG": true, "IPPROTO_SMC": true,
	"FRA_DSCP": true, "FRA_FLOWLABEL": true, "FRA_FLOWLABEL_MASK": true,
	"FRA_SPORT_MASK": true, "FRA_DPORT_MASK": true, "FRA_DSCP_MASK": true,
	"NHA_OP_FLAGS": true, "NHA_GROUP_STATS": true,
	"NHA_HW_STATS_ENABLE": true, "NHA_HW_STATS_USED": true,
	"NHA_GROUP_STATS_ENTRY": true, "NHA_GROUP_STATS_ENTRY_ID": true,
	"NHA_GROUP_STATS_ENTRY_PACKETS": true, "NHA_GROUP_STATS_ENTRY_PACKETS_HW": true,
	"NHA_OP_FLAG_DUMP_STATS": true, "NHA_OP_FLAG_DUMP_HW_STATS": true,
	"NHA_OP_FLAG_RESP_GRP_RESVD_0": true,
	"IOAM6_IPTUNNEL_SRC":           true,
	"nexthop_grp.weight_high":      true,
}

var rtMessageTypes = map[uint16]string{
	20: "RTM_NEWADDR", 21: "RTM_DELADDR", 22: "RTM_GETADDR",
	56: "RTM_NEWMULTICAST", 57: "RTM_DELMULTICAST", 58: "RTM_GETMULTICAST",
	60: "RTM_NEWANYCAST", 61: "RTM_DELANYCAST", 62: "RTM_GETANYCAST",
	24: "RTM_NEWROUTE", 25: "RTM_DELROUTE", 26: "RTM_GETROUTE",
	32: "RTM_NEWRULE", 33: "RTM_DELRULE", 34: "RTM_GETRULE",
	104: "RTM_NEWNEXTHOP", 105: "RTM_DELNEXTHOP", 106: "RTM_GETNEXTHOP",
	116: "RTM_NEWNEXTHOPBUCKET", 117: "RTM_DELNEXTHOPBUCKET", 118: "RTM_GETNEXTHOPBUCKET",
}

// rtSets returns every attribute set reachable from these messages and
// from the encap cases, each once, with a path for messages.
func rtSets() map[*AttrSet]string {
	seen := map[*AttrSet]string{}
	var walk func(s *AttrSet, path string)
	walkAttr := func(a *Attr, path string) {
		if a.Set != nil {
			walk(a.Set, path+"/"+a.Name)
		}
		if a.Select != nil {
			for _, c := range a.Select.ByInt {
				if c != nil && c.Set != nil {
					walk(c.Set, path+"/"+a.Name+"[case]")
				}
			}
			for _, c := range a.Select.ByString {
				if c != nil && c.Set != nil {
					walk(c.Set, path+"/"+a.Name+"[case]")
				}
			}
		}
	}
	walk = func(s *AttrSet, path string) {
		if _, ok := seen[s]; ok {
			return
		}
		seen[s] = path
		for _, a := range s.Attrs {
			walkAttr(a, path)
		}
	}
	for _, s := range []*AttrSet{addrAttrs, routeAttrs, ruleAttrs, nexthopAttrs} {
		walk(s, s.Name)
	}
	for v, c := range lwtEncapCases {
		if c != nil && c.Set != nil {
			walk(c.Set, fmt.Sprintf("encap%d", v))
		}
	}
	return seen
}

func rtStructs() map[string]*StructDef {
	return map[string]*StructDef{
		"struct ifaddrmsg":           ifaddrmsg,
		"struct ifa_cacheinfo":       ifaCacheinfo,
		"struct rtmsg":               rtmsg,
		"struct rtnexthop":           rtnexthop,
		"struct rtvia":               rtvia,
		"struct rta_cacheinfo":       rtaCacheinfo,
		"struct rta_mfc_stats":       rtaMfcStats,
		"struct ipv6_sr_hdr":         ipv6SrHdr,
		"struct ipv6_rpl_sr_hdr":     ipv6RplSrHdr,
		"struct ioam6_trace_hdr":     ioam6TraceHdr,
		"struct fib_rule_hdr":        fibRuleHdr,
		"struct fib_rule_uid_range":  fibRuleUIDRange,
		"struct fib_rule_port_range": fibRulePortRange,
		"struct nhmsg":               nhmsg,
		"struct nexthop_grp":         nexthopGrp,
	}
}

func TestRouteStructSizes(t *testing.T) {
	checkSizes(t, rtHeaders, rtStructs())
	// seg6_iptunnel_encap is flattened with the SRH that follows it.
	sz := cSizeof(t, rtHeaders, []string{"struct seg6_iptunnel_encap", "struct ipv6_sr_hdr"})
	if got, want := seg6IptunnelEncap.Size(), sz["struct seg6_iptunnel_encap"]+sz["struct ipv6_sr_hdr"]; got != want {
		t.Errorf("seg6_iptunnel_encap+ipv6_sr_hdr: table size %d, C size %d", got, want)
	}
}

type rtProbe struct {
	what string // name checked, for messages
	expr string // C integer expression
	want int64
	// newer is the key looked up in rtNewerThanHeaders when the probe
	// does not compile.
	newer string
}

// rtEval compiles and runs probes against the system headers. Probes that
// fail to compile are dropped if their key is known to be newer than the
// headers, and reported otherwise.
func rtEval(t *testing.T, probes []rtProbe) {
	t.Helper()
	cc, err := exec.LookPath("gcc")
	if err != nil {
		if cc, err = exec.LookPath("cc"); err != nil {
			t.Skip("no C compiler: values cannot be checked against the headers")
		}
	}
	dir := t.TempDir()
	cfile := filepath.Join(dir, "probe.c")
	bin := filepath.Join(dir, "probe")
	errLine := regexp.MustCompile(`probe\.c:(\d+):\d+: error`)
	for attempt := 0; ; attempt++ {
		var src strings.Builder
		src.WriteString("#include <stdio.h>\n#include <stddef.h>\n#include <linux/in.h>\n#include <linux/in6.h>\n")
		for _, h := range rtHeaders {
			fmt.Fprintf(&src, "#include <%s>\n", h)
		}
		src.WriteString("int main(void) {\n")
		first := strings.Count(src.String(), "\n") + 1
		for _, p := range probes {
			fmt.Fprintf(&src, "\tprintf(\"%%lld\\n\", (long long)(%s));\n", p.expr)
		}
		src.WriteString("\treturn 0;\n}\n")
		if err := os.WriteFile(cfile, []byte(src.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command(cc, "-w", "-o", bin, cfile).CombinedOutput()
		if err == nil {
			break
		}
		if strings.Contains(string(out), "No such file or directory") {
			t.Skipf("uapi headers missing: %s", out)
		}
		bad := map[int]bool{}
		for _, m := range errLine.FindAllStringSubmatch(string(out), -1) {
			n, _ := strconv.Atoi(m[1])
			if i := n - first; i >= 0 && i < len(probes) {
				bad[i] = true
			}
		}
		if len(bad) == 0 || attempt > 3 {
			t.Fatalf("compiling probe: %v\n%s", err, out)
		}
		var kept []rtProbe
		for i, p := range probes {
			if !bad[i] {
				kept = append(kept, p)
			} else if !rtNewerThanHeaders[p.newer] {
				t.Errorf("%s: not in the headers (%s)", p.what, p.expr)
			}
		}
		probes = kept
	}
	out, err := exec.Command(bin).Output()
	if err != nil {
		t.Fatalf("running probe: %v", err)
	}
	vals := strings.Fields(string(out))
	if len(vals) != len(probes) {
		t.Fatalf("probe printed %d values for %d probes", len(vals), len(probes))
	}
	for i, p := range probes {
		got, err := strconv.ParseInt(vals[i], 10, 64)
		if err != nil {
			t.Fatal(err)
		}
		if got != p.want {
			t.Errorf("%s: table has %d, headers %d", p.what, p.want, got)
		}
	}
}

// TestRouteNumbersMatchHeaders checks every attribute number, enum value,
// message type and struct member offset against the C headers.
func TestRouteNumbersMatchHeaders(t *testing.T) {
	var probes []rtProbe
	name := func(n string, v int64) {
		probes = append(probes, rtProbe{what: n, expr: n, want: v, newer: n})
	}
	for s := range rtSets() {
		for _, a := range s.Attrs {
			name(a.Name, int64(a.Num))
		}
	}
	for typ, n := range rtMessageTypes {
		name(n, int64(typ))
	}
	// Enums whose values are the C constants.
	for _, e := range []*Enum{
		rtScopes, rtProtocols, rtTypes, rtTables, ipProtocols, rtnhFlags,
		rtmFlags, rtaxFeatures, icmpv6RouterPrefs, lwtEncapTypes,
		ilaCsumModes, ilaIdentTypes, ilaHookTypes, ilaDirs, sr6Flags,
		seg6IptunModes, seg6LocalActions, ioam6IptunnelModes, ifaFlags,
		ifaProtocols, fibRuleFlags, fibRuleActions, nexthopGrpTypes,
	} {
		for _, n := range e.Names() {
			v, _ := e.Value(n)
			name(n, int64(v))
		}
	}
	// Masks whose bits are numbered by the C constants.
	for _, e := range []*Enum{rtaxLockFlags, seg6LocalFlvOps} {
		for _, n := range e.Names() {
			v, _ := e.Value(n)
			probes = append(probes, rtProbe{what: e.Name + " " + n, expr: "1LL << " + n, want: int64(v), newer: n})
		}
	}
	// Member offsets: the names are the C member names and the layout adds up.
	for tag, st := range rtStructs() {
		off := 0
		for _, f := range st.Fields {
			if !f.Hidden() {
				key := strings.TrimPrefix(tag, "struct ") + "." + f.Name
				probes = append(probes, rtProbe{what: key, expr: fmt.Sprintf("offsetof(%s, %s)", tag, f.Name), want: int64(off), newer: key})
			}
			off += f.Width()
		}
		if tr := st.Trailing; tr != nil {
			key := strings.TrimPrefix(tag, "struct ") + "." + tr.Name
			probes = append(probes, rtProbe{what: key, expr: fmt.Sprintf("offsetof(%s, %s)", tag, tr.Name), want: int64(off), newer: key})
		}
	}
	off := 0
	for i, f := range seg6IptunnelEncap.Fields {
		expr := "offsetof(struct seg6_iptunnel_encap, mode)"
		if i > 0 {
			expr = "offsetof(struct seg6_iptunnel_encap, srh) + offsetof(struct ipv6_sr_hdr, " + f.Name + ")"
		}
		probes = append(probes, rtProbe{what: "seg6_iptunnel_encap." + f.Name, expr: expr, want: int64(off)})
		off += f.Width()
	}
	probes = append(probes, rtProbe{what: "seg6_iptunnel_encap.segments",
		expr: "offsetof(struct seg6_iptunnel_encap, srh) + offsetof(struct ipv6_sr_hdr, segments)", want: int64(off)})
	rtEval(t, probes)
}

func TestRouteSetsWellFormed(t *testing.T) {
	checkAttr := func(where string, a *Attr) {
		switch a.Type {
		case Nested:
			if a.Set == nil && a.Index == nil {
				t.Errorf("%s: nested without a set", where)
			}
		case Struct:
			if a.Struct == nil {
				t.Errorf("%s: struct without a definition", where)
			}
		case Records, StructAttrs:
			if a.Struct == nil || a.Set == nil {
				t.Errorf("%s: %v needs a struct and a set", where, a.Type)
			}
		case Array:
			if a.Elem == Struct && a.Struct == nil || a.Elem != Struct && a.Elem.Size() == 0 && a.Elem != IPAddr && a.Elem != HWAddr {
				t.Errorf("%s: array of %v without a fixed element", where, a.Elem)
			}
		}
	}
	for s, path := range rtSets() {
		nums := map[uint16]string{}
		names := map[string]bool{}
		for _, a := range s.Attrs {
			where := path + "/" + a.Name
			if prev, dup := nums[a.Num]; dup {
				t.Errorf("%s: number %d also used by %s", where, a.Num, prev)
			}
			nums[a.Num] = a.Name
			if names[a.Name] {
				t.Errorf("%s: name used twice", where)
			}
			names[a.Name] = true
			checkAttr(where, a)
			if a.Select != nil {
				for k, c := range a.Select.ByInt {
					if c == nil {
						t.Errorf("%s: case %d is nil", where, k)
						continue
					}
					checkAttr(fmt.Sprintf("%s[%d]", where, k), c)
				}
			}
		}
	}
	// Every encapsulation type has a layout.
	for _, n := range lwtEncapTypes.Names() {
		v, _ := lwtEncapTypes.Value(n)
		if v == 0 {
			continue
		}
		if c := lwtEncapCases[v]; c == nil || c.Set == nil {
			t.Errorf("%s (%d): no encap layout", n, v)
		}
	}
	for _, a := range []*Attr{routeAttrs.ByName("RTA_ENCAP"), nexthopAttrs.ByName("NHA_ENCAP")} {
		if a == nil || a.Select == nil || len(a.Select.ByInt) != len(lwtEncapCases) {
			t.Errorf("%v: not selected by the encap type", a)
		}
	}
	if routeAttrs.ByName("RTA_MULTIPATH").Set != routeAttrs {
		t.Error("RTA_MULTIPATH hops do not carry RTA_* attributes")
	}
}

// TestRouteSummaries checks that every message is registered and that each
// summary placeholder names a header field or an attribute that exists.
func TestRouteSummaries(t *testing.T) {
	ph := regexp.MustCompile(`\{([^}]*)\}`)
	for typ, name := range rtMessageTypes {
		m := routeProtocol.Lookup(typ)
		if m == nil || m.Name != name {
			t.Errorf("message %d: got %v, want %s", typ, m, name)
			continue
		}
		if m.Header == nil || m.Attrs == nil || m.Summary == "" {
			t.Errorf("%s: missing header, attributes or summary", name)
			continue
		}
		for _, p := range ph.FindAllStringSubmatch(m.Summary, -1) {
			ref := p[1]
			if m.Header.FieldByName(ref) != nil {
				continue
			}
			set := m.Attrs
			var a *Attr
			for _, part := range strings.Split(ref, ".") {
				if set == nil {
					a = nil
					break
				}
				a = set.ByName(part)
				if a == nil {
					break
				}
				set = a.Set
			}
			if a == nil {
				t.Errorf("%s: summary placeholder {%s} names nothing", name, ref)
			}
		}
	}
}
