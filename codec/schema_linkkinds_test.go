package codec

import (
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
)

func TestLinkKindStructSizes(t *testing.T) {
	checkSizes(t, []string{"linux/if_link.h", "linux/if_bridge.h"}, map[string]*StructDef{
		"struct ifla_bridge_id":        kindBridgeID,
		"struct br_boolopt_multi":      kindBrBooloptMulti,
		"struct ifla_vlan_flags":       kindVlanFlags,
		"struct ifla_vlan_qos_mapping": kindVlanQosMapping,
		"struct ifla_vxlan_port_range": kindVxlanPortRange,
		"struct ifla_rmnet_flags":      kindRmnetFlags,
	})
	// Not in the 6.1 headers: two __be16 members.
	if got := kindGenevePortRange.Size(); got != 4 {
		t.Errorf("struct ifla_geneve_port_range: table size %d, want 4", got)
	}
}

func TestLinkKindsPresent(t *testing.T) {
	kinds := []string{
		"veth", "bridge", "bond", "vlan", "vxlan", "macvlan", "macvtap",
		"ipvlan", "ipvtap", "gre", "gretap", "ip6gre", "ip6gretap", "erspan",
		"ip6erspan", "ipip", "sit", "ip6tnl", "vti", "vti6", "vrf", "geneve",
		"tun", "xfrm", "bareudp", "macsec", "hsr", "gtp", "netkit",
		"wireguard", "dummy", "ifb", "nlmon", "vcan",
	}
	for _, k := range kinds {
		if linkKindData[k] == nil {
			t.Errorf("link kind %q has no IFLA_INFO_DATA definition", k)
		}
	}
	for _, k := range []string{"bridge", "bond", "vrf"} {
		if linkSlaveKindData[k] == nil {
			t.Errorf("slave kind %q has no IFLA_INFO_SLAVE_DATA definition", k)
		}
	}
	// Kinds that share a kernel attribute set share one table, so that a
	// fix to one reaches all.
	shared := [][]string{
		{"gre", "gretap", "erspan", "ip6gre", "ip6gretap", "ip6erspan"},
		{"macvlan", "macvtap"}, {"ipvlan", "ipvtap"}, {"ipip", "sit"}, {"vti", "vti6"},
	}
	for _, group := range shared {
		for _, k := range group[1:] {
			if linkKindData[k].Set != linkKindData[group[0]].Set {
				t.Errorf("kinds %q and %q should share one attribute set", group[0], k)
			}
		}
	}
}

// isForeignSet reports whether s belongs to the link core tables, which
// the kind tables point into but do not own.
func isForeignSet(s *AttrSet) bool { return s == linkAttrs || s == brportAttrs }

// kindTableSets returns every attribute set reachable from the kind maps,
// stopping at the link core's sets.
func kindTableSets() []*AttrSet {
	seen := map[*AttrSet]bool{}
	var out []*AttrSet
	var walk func(s *AttrSet)
	walk = func(s *AttrSet) {
		if s == nil || seen[s] || isForeignSet(s) {
			return
		}
		seen[s] = true
		out = append(out, s)
		for _, a := range s.Attrs {
			walk(a.Set)
		}
		if s.Default != nil {
			walk(s.Default.Set)
		}
	}
	for _, m := range []map[string]*Attr{linkKindData, linkSlaveKindData} {
		for _, a := range m {
			if a != nil {
				walk(a.Set)
			}
		}
	}
	return out
}

// checkAttrDef reports what a definition of type a.Type lacks.
func checkAttrDef(t *testing.T, where string, a *Attr) {
	t.Helper()
	if a == nil {
		t.Errorf("%s: nil definition", where)
		return
	}
	switch a.Type {
	case Nested:
		if a.Set == nil {
			t.Errorf("%s: nested without a set", where)
		}
	case Struct:
		if a.Struct == nil {
			t.Errorf("%s: struct without a definition", where)
		}
	case StructAttrs, Records:
		if a.Struct == nil || a.Set == nil {
			t.Errorf("%s: %v needs both a struct and a set", where, a.Type)
		}
	case Array:
		if a.Elem == Struct && a.Struct == nil {
			t.Errorf("%s: array of structs without a struct", where)
		}
	}
	if a.Struct != nil {
		for _, f := range a.Struct.Fields {
			if f.Type == Struct && f.Struct == nil {
				t.Errorf("%s: field %s.%s has no struct definition", where, a.Struct.Name, f.Name)
			}
			if f.Width() <= 0 {
				t.Errorf("%s: field %s.%s has no width", where, a.Struct.Name, f.Name)
			}
		}
	}
}

func TestLinkKindDefinitions(t *testing.T) {
	for _, m := range []struct {
		name  string
		cases map[string]*Attr
	}{{"IFLA_INFO_DATA", linkKindData}, {"IFLA_INFO_SLAVE_DATA", linkSlaveKindData}} {
		for kind, a := range m.cases {
			checkAttrDef(t, m.name+"["+kind+"]", a)
		}
	}
	for _, s := range kindTableSets() {
		for _, a := range s.Attrs {
			checkAttrDef(t, s.Name+"/"+a.Name, a)
			if a.Name == "" {
				t.Errorf("set %s: attribute %d has no name", s.Name, a.Num)
			}
		}
		if s.Default != nil {
			checkAttrDef(t, s.Name+"/default", s.Default)
		}
	}
	for _, p := range []*Attr{kindVethPeer, kindVxcanPeer, kindNetkitPeer} {
		if p.Struct != ifinfomsg || p.Set != linkAttrs {
			t.Errorf("%s: peer is not ifinfomsg followed by link attributes", p.Name)
		}
	}
}

func TestLinkKindSetsUnique(t *testing.T) {
	for _, s := range kindTableSets() {
		nums := map[uint16]string{}
		names := map[string]bool{}
		for _, a := range s.Attrs {
			if prev, dup := nums[a.Num]; dup {
				t.Errorf("set %s: number %d used by %s and %s", s.Name, a.Num, prev, a.Name)
			}
			nums[a.Num] = a.Name
			if names[a.Name] {
				t.Errorf("set %s: name %s used twice", s.Name, a.Name)
			}
			names[a.Name] = true
		}
	}
}

// Header cross-check: every attribute, enum and flag name of the kind
// tables that the installed uapi headers know must have the headers'
// value. Names newer than the installed headers are only counted.

var kindHeaders = []string{
	"linux/if_link.h", "linux/if_tunnel.h", "linux/if_bridge.h", "linux/veth.h",
	"linux/if_bonding.h", "linux/if_tun.h", "linux/ip6_tunnel.h", "linux/in.h",
	"linux/if_ether.h", "linux/if_macsec.h", "linux/if_vlan.h", "linux/amt.h",
	"linux/can/vxcan.h", "linux/batman_adv.h", "linux/wwan.h",
}

var (
	cCommentRE = regexp.MustCompile(`(?s)/\*.*?\*/|//[^\n]*`)
	cEnumRE    = regexp.MustCompile(`(?s)enum\s*[A-Za-z0-9_]*\s*\{([^}]*)\}`)
	cDefineRE  = regexp.MustCompile(`(?m)^\s*#\s*define\s+([A-Za-z_][A-Za-z0-9_]*)[ \t]+([^\n]+)$`)
	cIdentRE   = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)
)

// evalCExpr evaluates the constant expressions the uapi headers use for
// these values: literals, earlier names, shifts, sums, differences and
// __cpu_to_be16/32 (taken as the plain number, since BE attributes are
// read as numbers).
func evalCExpr(expr string, known map[string]int64) (int64, bool) {
	e := strings.TrimSpace(expr)
	for _, wrap := range []string{"__cpu_to_be16", "__cpu_to_be32", "(__be16)", "(__be32)"} {
		e = strings.TrimSpace(strings.TrimPrefix(e, wrap))
	}
	for strings.HasPrefix(e, "(") && strings.HasSuffix(e, ")") {
		e = strings.TrimSpace(e[1 : len(e)-1])
	}
	for _, op := range []string{"|", "<<", "+", " - "} {
		if i := strings.Index(e, op); i > 0 {
			l, ok1 := evalCExpr(e[:i], known)
			r, ok2 := evalCExpr(e[i+len(op):], known)
			if !ok1 || !ok2 {
				return 0, false
			}
			switch op {
			case "|":
				return l | r, true
			case "<<":
				return l << uint(r), true
			case "+":
				return l + r, true
			default:
				return l - r, true
			}
		}
	}
	if cIdentRE.MatchString(e) {
		v, ok := known[e]
		return v, ok
	}
	lit := strings.TrimRight(e, "uUlL")
	if v, err := strconv.ParseInt(lit, 0, 64); err == nil {
		return v, true
	}
	if v, err := strconv.ParseUint(lit, 0, 64); err == nil {
		return int64(v), true
	}
	return 0, false
}

// parseUapiConstants collects enumerator and simple #define values from
// the headers.
func parseUapiConstants(t *testing.T, dir string, headers []string) map[string]int64 {
	t.Helper()
	known := map[string]int64{}
	for _, h := range headers {
		b, err := os.ReadFile(filepath.Join(dir, h))
		if err != nil {
			t.Logf("header %s: %v", h, err)
			continue
		}
		src := cCommentRE.ReplaceAllString(string(b), "")
		for _, m := range cDefineRE.FindAllStringSubmatch(src, -1) {
			if v, ok := evalCExpr(m[2], known); ok {
				known[m[1]] = v
			}
		}
		var lines []string
		for _, l := range strings.Split(src, "\n") {
			if !strings.HasPrefix(strings.TrimSpace(l), "#") {
				lines = append(lines, l)
			}
		}
		for _, m := range cEnumRE.FindAllStringSubmatch(strings.Join(lines, "\n"), -1) {
			next, valid := int64(0), true
			for _, item := range strings.Split(m[1], ",") {
				item = strings.TrimSpace(item)
				if item == "" {
					continue
				}
				name, expr, explicit := strings.Cut(item, "=")
				name = strings.TrimSpace(name)
				if explicit {
					next, valid = evalCExpr(expr, known)
				}
				if valid {
					known[name] = next
				}
				next++
			}
		}
	}
	return known
}

func TestLinkKindNumbersMatchHeaders(t *testing.T) {
	const dir = "/usr/include"
	if _, err := os.Stat(filepath.Join(dir, "linux/if_link.h")); err != nil {
		t.Skip("uapi headers missing (install linux-libc-dev)")
	}
	known := parseUapiConstants(t, dir, kindHeaders)
	if _, ok := known["IFLA_BR_FORWARD_DELAY"]; !ok {
		t.Fatal("header parser found no IFLA_BR_* values")
	}
	// Flag sets whose header enumerates bit positions rather than masks.
	bitIndex := map[*Enum]bool{kindBrBoolopts: true}
	checked := 0
	newer := map[string]bool{}
	checkEnum := func(where string, e *Enum) {
		if e == nil {
			return
		}
		for i, name := range e.names {
			hv, ok := known[name]
			if !ok {
				newer[name] = true
				continue
			}
			checked++
			want := uint64(hv)
			if hv < 0 {
				want = uint64(uint32(hv))
			}
			if bitIndex[e] {
				want = 1 << uint64(hv)
			}
			if e.values[i] != want {
				t.Errorf("%s: %s is %#x, header says %#x", where, name, e.values[i], want)
			}
		}
	}
	enums := map[*Enum]string{}
	for _, s := range kindTableSets() {
		for _, a := range s.Attrs {
			hv, ok := known[a.Name]
			if !ok {
				newer[a.Name] = true
			} else {
				checked++
				if int64(a.Num) != hv {
					t.Errorf("set %s: %s is %d, header says %d", s.Name, a.Name, a.Num, hv)
				}
			}
			for _, e := range []*Enum{a.Enum, a.Flags, a.Index} {
				if e != nil {
					enums[e] = s.Name + "/" + a.Name
				}
			}
			if a.Struct != nil && a.Struct != ifinfomsg {
				for _, f := range a.Struct.Fields {
					for _, e := range []*Enum{f.Enum, f.Flags} {
						if e != nil {
							enums[e] = a.Struct.Name + "." + f.Name
						}
					}
				}
			}
		}
	}
	for e, where := range enums {
		checkEnum(where, e)
	}
	var names []string
	for n := range newer {
		names = append(names, n)
	}
	sort.Strings(names)
	t.Logf("%d names checked against the headers; %d newer than them: %s",
		checked, len(names), strings.Join(names, " "))
	if checked < 300 {
		t.Errorf("only %d names found in the headers: the parser or the tables are off", checked)
	}
}
