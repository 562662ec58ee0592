package codec

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// linkHeaders are the uapi headers the LINK tables mirror.
var linkHeaders = []string{
	"linux/if.h", "linux/if_arp.h", "linux/if_ether.h", "linux/if_link.h",
	"linux/rtnetlink.h", "linux/if_bridge.h", "linux/mrp_bridge.h",
	"linux/cfm_bridge.h", "linux/if_bonding.h", "linux/ip.h",
	"linux/ipv6.h", "linux/snmp.h", "linux/mpls.h", "linux/devlink.h",
}

// linkNewerNames are names the tables use that the installed (6.1)
// headers lack: enumerators added by later kernels, and the IFLA_INET6_FLAGS
// bits that only the kernel's internal net/if_inet6.h defines. Each maps to
// the value the tables must give it. Where a newer header is installed and
// knows the name, the compiler's value is checked as well.
var linkNewerNames = map[string]uint64{
	"IFLA_DEVLINK_PORT":               62,
	"IFLA_GSO_IPV4_MAX_SIZE":          63,
	"IFLA_GRO_IPV4_MAX_SIZE":          64,
	"IFLA_DPLL_PIN":                   65,
	"IFLA_MAX_PACING_OFFLOAD_HORIZON": 66,
	"IFLA_NETNS_IMMUTABLE":            67,
	"IFLA_HEADROOM":                   68,
	"IFLA_TAILROOM":                   69,
	"IFLA_BRPORT_MAB":                 40,
	"IFLA_BRPORT_MCAST_N_GROUPS":      41,
	"IFLA_BRPORT_MCAST_MAX_GROUPS":    42,
	"IFLA_BRPORT_NEIGH_VLAN_SUPPRESS": 43,
	"IFLA_BRPORT_BACKUP_NHID":         44,
	"IFLA_MCTP_PHYS_BINDING":          2,
	"DPLL_A_PIN_ID":                   1,
	"DEVCONF_FORCE_FORWARDING":        59,
	"IF_RS_SENT":                      0x10,
	"IF_RA_RCVD":                      0x20,
	"IF_RA_MANAGED":                   0x40,
	"IF_RA_OTHERCONF":                 0x80,
	"IF_READY":                        0x80000000,
}

// linkRoots are the attribute sets of the LINK and STATS messages.
func linkRoots() []*AttrSet {
	return []*AttrSet{linkAttrs, linkStatsAttrs, linkStatsGetSetAttrs}
}

// linkNamedValue is one name the tables give a number to.
type linkNamedValue struct {
	name  string
	value uint64
	where string
	// cValue turns the C value of name into the value the tables must
	// hold (identity unless the table is derived, e.g. shifted indexes).
	cValue func(uint64) uint64
}

// walkLink visits every attribute set, struct and enum reachable from the
// LINK roots, without descending into the kind tables of IFLA_INFO_DATA
// and IFLA_INFO_SLAVE_DATA (those are checked with their own file).
func walkLink(t *testing.T, set func(*AttrSet, string), st func(*StructDef, string), en func(*Enum, string)) {
	t.Helper()
	seenSet := map[*AttrSet]bool{}
	seenStruct := map[*StructDef]bool{}
	seenEnum := map[*Enum]bool{}
	visitEnum := func(e *Enum, where string) {
		if e == nil || seenEnum[e] || e == addressFamilies {
			return
		}
		seenEnum[e] = true
		en(e, where)
	}
	visitStruct := func(s *StructDef, where string) {
		if s == nil || seenStruct[s] {
			return
		}
		seenStruct[s] = true
		st(s, where)
		for i := range s.Fields {
			f := &s.Fields[i]
			visitEnum(f.Enum, where+"."+f.Name)
			visitEnum(f.Flags, where+"."+f.Name)
		}
	}
	var visitSet func(s *AttrSet, where string)
	var visitAttr func(a *Attr, where string)
	visitAttr = func(a *Attr, where string) {
		if a == nil {
			t.Errorf("%s: nil attribute definition", where)
			return
		}
		visitEnum(a.Enum, where)
		visitEnum(a.Flags, where)
		visitEnum(a.Index, where)
		visitStruct(a.Struct, where)
		if a.Set != nil {
			visitSet(a.Set, where)
		}
		if a.Select != nil && a != linkInfoData && a != linkInfoSlaveData {
			for k, c := range a.Select.ByInt {
				visitAttr(c, fmt.Sprintf("%s[%d]", where, k))
			}
			for k, c := range a.Select.ByString {
				visitAttr(c, fmt.Sprintf("%s[%q]", where, k))
			}
		}
	}
	visitSet = func(s *AttrSet, where string) {
		if seenSet[s] {
			return
		}
		seenSet[s] = true
		set(s, where)
		for _, a := range s.Attrs {
			visitAttr(a, where+"/"+a.Name)
		}
		if s.Default != nil {
			visitAttr(s.Default, where+"/default")
		}
	}
	visitStruct(ifinfomsg, "ifinfomsg")
	visitStruct(linkIfStatsMsg, "if_stats_msg")
	for _, r := range linkRoots() {
		visitSet(r, r.Name)
	}
}

func TestLinkStructSizes(t *testing.T) {
	structs := map[string]*StructDef{}
	walkLink(t, func(*AttrSet, string) {}, func(s *StructDef, _ string) {
		structs["struct "+s.Name] = s
	}, func(*Enum, string) {})
	if len(structs) < 20 {
		t.Fatalf("only %d structs reachable from the LINK tables", len(structs))
	}
	checkSizes(t, linkHeaders, structs)
}

func TestLinkSetsWellFormed(t *testing.T) {
	walkLink(t, func(s *AttrSet, where string) {
		nums := map[uint16]string{}
		names := map[string]bool{}
		for _, a := range s.Attrs {
			if prev, dup := nums[a.Num]; dup {
				t.Errorf("%s: number %d used by %s and %s", where, a.Num, prev, a.Name)
			}
			nums[a.Num] = a.Name
			if names[a.Name] {
				t.Errorf("%s: name %s listed twice", where, a.Name)
			}
			names[a.Name] = true
			switch a.Type {
			case Nested:
				if a.Set == nil {
					t.Errorf("%s/%s: nested without a set", where, a.Name)
				}
			case Struct:
				if a.Struct == nil {
					t.Errorf("%s/%s: struct without a definition", where, a.Name)
				}
			case Array:
				if a.Elem.Size() == 0 && a.Elem != Struct {
					t.Errorf("%s/%s: array of %v", where, a.Name, a.Elem)
				}
			}
			if a.Select != nil && len(a.Select.ByInt)+len(a.Select.ByString) == 0 {
				t.Errorf("%s/%s: select without cases", where, a.Name)
			}
			if a.Select != nil && a.Select.Header != "" && ifinfomsg.FieldByName(a.Select.Header) == nil {
				t.Errorf("%s/%s: selects on unknown header field %q", where, a.Name, a.Select.Header)
			}
		}
	}, func(s *StructDef, where string) {
		names := map[string]bool{}
		for _, f := range s.Fields {
			if names[f.Name] {
				t.Errorf("struct %s: field %s twice", s.Name, f.Name)
			}
			names[f.Name] = true
		}
	}, func(e *Enum, where string) {
		seen := map[string]bool{}
		for _, n := range e.Names() {
			if seen[n] {
				t.Errorf("enum %s (%s): %s twice", e.Name, where, n)
			}
			seen[n] = true
		}
	})
}

// TestLinkKindSelectors checks the init-time wiring to the kind tables: a
// later reassignment of linkKindData would leave the selector on a stale map.
func TestLinkKindSelectors(t *testing.T) {
	for _, c := range []struct {
		a       *Attr
		sibling string
		cases   map[string]*Attr
	}{
		{linkInfoData, "IFLA_INFO_KIND", linkKindData},
		{linkInfoSlaveData, "IFLA_INFO_SLAVE_KIND", linkSlaveKindData},
	} {
		if c.a.Select == nil {
			t.Errorf("%s: no selector", c.a.Name)
			continue
		}
		if c.a.Select.Sibling != c.sibling {
			t.Errorf("%s: selected by %q, want %q", c.a.Name, c.a.Select.Sibling, c.sibling)
		}
		if reflect.ValueOf(c.a.Select.ByString).Pointer() != reflect.ValueOf(c.cases).Pointer() {
			t.Errorf("%s: selector does not use the current kind table", c.a.Name)
		}
		if linkInfoAttrs.ByName(c.sibling) == nil {
			t.Errorf("%s: sibling %s missing from IFLA_INFO_*", c.a.Name, c.sibling)
		}
	}
}

// linkEnumValue says how an enum's values relate to the C values of its
// names.
func linkEnumValue(e *Enum) func(uint64) uint64 {
	switch e {
	case linkIPv4Devconf:
		return func(c uint64) uint64 { return c - 1 }
	case linkStatsFilter, linkOffloadXstatsFilter:
		return func(c uint64) uint64 { return 1 << (c - 1) }
	}
	return func(c uint64) uint64 { return c }
}

// TestLinkNamesMatchHeaders compiles every attribute and value name of the
// LINK tables against the uapi headers and compares the numbers.
func TestLinkNamesMatchHeaders(t *testing.T) {
	var vals []linkNamedValue
	ident := func(c uint64) uint64 { return c }
	walkLink(t, func(s *AttrSet, where string) {
		for _, a := range s.Attrs {
			vals = append(vals, linkNamedValue{a.Name, uint64(a.Num), where, ident})
		}
	}, func(*StructDef, string) {}, func(e *Enum, where string) {
		conv := linkEnumValue(e)
		for _, n := range e.Names() {
			v, _ := e.Value(n)
			vals = append(vals, linkNamedValue{n, v, where + " (" + e.Name + ")", conv})
		}
	})
	if len(vals) < 500 {
		t.Fatalf("only %d names reachable from the LINK tables", len(vals))
	}

	known := linkHeaderIdents(t)
	var probe []string
	inProbe := map[string]bool{}
	for _, v := range vals {
		if known[v.name] {
			if !inProbe[v.name] {
				inProbe[v.name] = true
				probe = append(probe, v.name)
			}
			continue
		}
		want, ok := linkNewerNames[v.name]
		if !ok {
			t.Errorf("%s: %s is not in the uapi headers", v.where, v.name)
		} else if v.value != want {
			t.Errorf("%s: %s = %d, want %d", v.where, v.name, v.value, want)
		}
	}
	cvals := linkCValues(t, probe)
	for _, v := range vals {
		c, ok := cvals[v.name]
		if !ok {
			continue
		}
		if want := v.cValue(c); v.value != want {
			t.Errorf("%s: %s = %d, header says %d", v.where, v.name, v.value, want)
		}
		if w, ok := linkNewerNames[v.name]; ok && w != v.value {
			t.Errorf("%s: %s = %d, but linkNewerNames says %d", v.where, v.name, v.value, w)
		}
	}
}

func linkCompiler(t *testing.T) string {
	t.Helper()
	for _, cc := range []string{"gcc", "cc"} {
		if p, err := exec.LookPath(cc); err == nil {
			return p
		}
	}
	t.Skip("no C compiler: names cannot be checked against the headers")
	return ""
}

func linkProbeSource(body string) string {
	var b strings.Builder
	b.WriteString("#include <stdio.h>\n#include <sys/socket.h>\n#include <netinet/in.h>\n")
	for _, h := range linkHeaders {
		fmt.Fprintf(&b, "#include <%s>\n", h)
	}
	b.WriteString(body)
	return b.String()
}

// linkHeaderIdents returns every identifier the headers define or use,
// from the preprocessor output with macro definitions kept.
func linkHeaderIdents(t *testing.T) map[string]bool {
	t.Helper()
	cc := linkCompiler(t)
	dir := t.TempDir()
	src := filepath.Join(dir, "idents.c")
	if err := os.WriteFile(src, []byte(linkProbeSource("")), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(cc, "-E", "-dD", src).Output()
	if err != nil {
		t.Skipf("preprocessing the uapi headers failed (linux-libc-dev missing?): %v", err)
	}
	idents := map[string]bool{}
	for _, id := range regexp.MustCompile(`[A-Za-z_][A-Za-z0-9_]*`).FindAll(out, -1) {
		idents[string(id)] = true
	}
	return idents
}

// linkCValues compiles and runs a program printing the value of each name.
func linkCValues(t *testing.T, names []string) map[string]uint64 {
	t.Helper()
	cc := linkCompiler(t)
	var body strings.Builder
	body.WriteString("int main(void) {\n")
	for _, n := range names {
		fmt.Fprintf(&body, "\tprintf(\"%%llu\\n\", (unsigned long long)(%s));\n", n)
	}
	body.WriteString("\treturn 0;\n}\n")
	dir := t.TempDir()
	src := filepath.Join(dir, "values.c")
	bin := filepath.Join(dir, "values")
	if err := os.WriteFile(src, []byte(linkProbeSource(body.String())), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(cc, "-o", bin, src).CombinedOutput(); err != nil {
		t.Fatalf("compiling the value probe: %v\n%s", err, out)
	}
	out, err := exec.Command(bin).Output()
	if err != nil {
		t.Fatalf("running the value probe: %v", err)
	}
	lines := strings.Fields(string(out))
	if len(lines) != len(names) {
		t.Fatalf("value probe printed %d values for %d names", len(lines), len(names))
	}
	vals := make(map[string]uint64, len(names))
	for i, n := range names {
		v, err := strconv.ParseUint(lines[i], 10, 64)
		if err != nil {
			t.Fatalf("value probe output %q: %v", lines[i], err)
		}
		vals[n] = v
	}
	return vals
}

func TestLinkMessages(t *testing.T) {
	want := map[uint16]struct {
		name   string
		kind   MsgKind
		header *StructDef
		attrs  *AttrSet
	}{
		16:  {"RTM_NEWLINK", KindNew, ifinfomsg, linkAttrs},
		17:  {"RTM_DELLINK", KindDel, ifinfomsg, linkAttrs},
		18:  {"RTM_GETLINK", KindGet, ifinfomsg, linkAttrs},
		19:  {"RTM_SETLINK", KindSet, ifinfomsg, linkAttrs},
		92:  {"RTM_NEWSTATS", KindNew, linkIfStatsMsg, linkStatsAttrs},
		94:  {"RTM_GETSTATS", KindGet, linkIfStatsMsg, linkStatsGetSetAttrs},
		95:  {"RTM_SETSTATS", KindSet, linkIfStatsMsg, linkStatsGetSetAttrs},
		108: {"RTM_NEWLINKPROP", KindNew, ifinfomsg, linkAttrs},
		109: {"RTM_DELLINKPROP", KindDel, ifinfomsg, linkAttrs},
		110: {"RTM_GETLINKPROP", KindGet, ifinfomsg, linkAttrs},
	}
	count := map[uint16]int{}
	for _, m := range LookupProtocol(ProtoRoute).Messages {
		count[m.Type]++
	}
	for typ, w := range want {
		if count[typ] != 1 {
			t.Errorf("message type %d registered %d times", typ, count[typ])
		}
		m := LookupProtocol(ProtoRoute).Lookup(typ)
		if m == nil {
			t.Errorf("message type %d (%s) not registered", typ, w.name)
			continue
		}
		if m.Name != w.name || m.Kind != w.kind || m.Header != w.header || m.Attrs != w.attrs {
			t.Errorf("message type %d: got %s kind %d, want %s kind %d with its header and attributes",
				typ, m.Name, m.Kind, w.name, w.kind)
		}
		linkCheckSummary(t, m)
	}
}

// linkCheckSummary makes sure every summary placeholder names a header
// field or an attribute path of the message.
func linkCheckSummary(t *testing.T, m *Message) {
	t.Helper()
	if m.Summary == "" {
		t.Errorf("%s: no summary", m.Name)
		return
	}
	for _, ph := range regexp.MustCompile(`\{([^}]*)\}`).FindAllStringSubmatch(m.Summary, -1) {
		name := ph[1]
		if m.Header != nil && m.Header.FieldByName(name) != nil {
			continue
		}
		set := m.Attrs
		ok := true
		for _, part := range strings.Split(name, ".") {
			a := set.ByName(part)
			if a == nil {
				ok = false
				break
			}
			set = a.Set
		}
		if !ok {
			t.Errorf("%s: summary placeholder {%s} resolves to nothing", m.Name, name)
		}
	}
}

// TestLinkSelectors pins the family-dependent payloads.
func TestLinkSelectors(t *testing.T) {
	prot := linkAttrs.ByName("IFLA_PROTINFO")
	if prot.Select == nil || prot.Select.Header != "ifi_family" ||
		prot.Select.ByInt[7].Set != brportAttrs || prot.Select.ByInt[10].Set != linkInet6Attrs {
		t.Error("IFLA_PROTINFO: want AF_BRIDGE -> IFLA_BRPORT_*, AF_INET6 -> IFLA_INET6_* by ifi_family")
	}
	af := linkAttrs.ByName("IFLA_AF_SPEC")
	if af.Select == nil || af.Select.Header != "ifi_family" ||
		af.Select.ByInt[7].Set != linkBridgeAfSpecAttrs || af.Set != linkAfSpecAttrs {
		t.Error("IFLA_AF_SPEC: want AF_BRIDGE -> IFLA_BRIDGE_*, otherwise per-family nests")
	}
	if a := linkAfSpecAttrs.Lookup(2); a == nil || a.Set.ByName("IFLA_INET_CONF") == nil {
		t.Error("IFLA_AF_SPEC: AF_INET nest missing IFLA_INET_CONF")
	}
	if a := linkAfSpecAttrs.Lookup(10); a == nil || a.Set != linkInet6Attrs {
		t.Error("IFLA_AF_SPEC: AF_INET6 nest is not IFLA_INET6_*")
	}
	// IFLA_INET_CONF element i is IPV4_DEVCONF id i+1.
	if n, _ := linkIPv4Devconf.Lookup(0); n != "IPV4_DEVCONF_FORWARDING" {
		t.Errorf("IFLA_INET_CONF element 0 named %q", n)
	}
	if n, _ := linkIPv6Devconf.Lookup(0); n != "DEVCONF_FORWARDING" {
		t.Errorf("IFLA_INET6_CONF element 0 named %q", n)
	}
}
