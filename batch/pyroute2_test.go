package batch

import (
	"bytes"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/nlbatch/nlbatch/nlb"
)

// pyroute2Divergences are the corpus cases where we deliberately differ
// from pyroute2 0.7.2, each documented in docs/pyroute2.md (the test
// checks that every name here appears there).
var pyroute2Divergences = map[string]string{
	"route/add/metric-keyword":              "metric is the route priority (RTA_PRIORITY); pyroute2 drops it",
	"route/add/nh-id-keyword":               "nh_id is RTA_NH_ID; pyroute2 0.7.2 drops it",
	"route/add/encap-seg6local-end-dt46":    "End.DT46 is action 16; pyroute2 writes 0",
	"link/add/bond-ad-actor":                "bond_ad_actor_system is the 6-byte MAC; pyroute2 writes the text",
	"link/add/vxlan-tos-label":              "IFLA_VXLAN_LABEL is big-endian; pyroute2 writes host order",
	"link/add/ipvlan-mode-name":             "mode names are accepted; pyroute2 raises",
	"link/add/ip6gre-keyed":                 "ip6gre flags are big-endian as for gre; pyroute2 writes host order",
	"link/add/ip6gre-keyed-grekey":          "ip6gre flags are big-endian as for gre; pyroute2 writes host order",
	"link/add/ipip-flags":                   "IFLA_IPTUN_FLAGS is u16 for ipip; pyroute2 writes u32",
	"link/add/sit-proto-flags":              "IFLA_IPTUN_FLAGS is u16 for sit; pyroute2 writes u32",
	"link/add/geneve-csum-label":            "IFLA_GENEVE_DF is u8; pyroute2 writes u16",
	"vlan_filter/add/vlan-info-list":        "a list of vlan_info gives one entry each; pyroute2 writes one entry with vid 0",
	"vlan_filter/del/vlan-info-list":        "a list of vlan_info gives one entry each; pyroute2 writes one entry with vid 0",
	"tc/add/tbf-peak":                       "the peak rate is written, with its table; pyroute2 drops it",
	"tc/add-filter/matchall-classid":        "TCA_MATCHALL_CLASSID in host order; pyroute2 writes big-endian",
	"tc/add-filter/matchall-skip-sw":        "TCA_MATCHALL_FLAGS in host order; pyroute2 writes big-endian",
	"tc/add/opts-passthrough":               "raw opts of a kind without a plugin are encoded by the schema; pyroute2 raises",
	"tc/add/bfifo-unknown-kind":             "bfifo's limit is sent (tc_fifo_qopt); pyroute2 drops it",
	"tc/add/fq-unknown-kind":                "fq's flow_limit is sent (TCA_FQ_FLOW_PLIMIT); pyroute2 drops it",
	"tc/add/mqprio-unknown-kind":            "mqprio's num_tc is sent (tc_mqprio_qopt); pyroute2 drops it",
	"tc/add-filter/flower-options-dropped":  "flower keys, prio, protocol and actions are sent; pyroute2 drops them",
	"tc/add-filter/flower-classid":          "flower classid and dst_mac are sent; pyroute2 drops them",
	"tc/add-filter/flower-mirred":           "flower src_ip and the mirred action are sent; pyroute2 drops them",
	"tc/change-filter/flower":               "flower ip_proto and prio are sent; pyroute2 drops them",
	"tc/replace-filter/flower":              "flower ip_proto and prio are sent; pyroute2 drops them",
	"tc/del-filter/flower":                  "flower ip_proto and prio are sent; pyroute2 drops them",
	"tc/add-filter/unknown-kind":            "route filter's to and classid are sent; pyroute2 drops them",
	"link/set/vf-vlan-list":                 "IFLA_VF_VLAN_INFO is the kernel's 16-byte struct; pyroute2 writes 14 bytes",
	"link/add/bond-mode-name":               "bond_mode by iproute2's name; pyroute2 raises",
	"addr/add/v4-scope-name":                "scope by name; pyroute2 raises",
	"addr/add/v6-flags-names":               "IFA_F_* names; pyroute2 raises",
	"route/add/table-name":                  "table by name; pyroute2 raises",
	"neigh/add/flags-name":                  "NTF_* names; pyroute2 raises",
	"fdb/add/state-name":                    "state by name; pyroute2 raises",
	"fdb/add/flags-name":                    "flags by name; pyroute2 raises",
	"tc/add-filter/fw-classid-string":       "classid as major:minor; pyroute2 raises",
	"tc/add-filter/matchall-classid-string": "classid as major:minor; pyroute2 raises",
	"tc/add-filter/flow-baseclass-string":   "baseclass as major:minor; pyroute2 raises",
	"tc/add-filter/basic-classid-string":    "classid as major:minor; pyroute2 raises",
	"tc/add-filter/matchall-gact-pass":      "iproute2's gact verdict names; pyroute2 raises",
	"tc/add-filter/matchall-gact-continue":  "iproute2's gact verdict names; pyroute2 raises",
	"tc/add-filter/matchall-gact-trap":      "iproute2's gact verdict names; pyroute2 raises",
	"addr/add/v4-lifetimes":                 "lifetimes given are written; pyroute2 writes forever",
	"addr/add/v4-valid-only":                "lifetimes given are written; pyroute2 writes forever",
	"addr/add/v6-lifetimes":                 "lifetimes given are written; pyroute2 writes forever",
	"addr/replace/v4-lifetimes":             "lifetimes given are written; pyroute2 writes forever",
}

// pyroute2Refusals are corpus cases where pyroute2 0.7.2 writes a
// message and we deliberately refuse the call (documented in
// docs/pyroute2.md): Call must fail.
var pyroute2Refusals = map[string]string{
	"tc/add/red-unknown-kind":   "red needs its whole parameter set (TCA_RED_PARMS); pyroute2 sends a red qdisc without options",
	"tc/del/index-zero-no-kind": "tc del without an interface; pyroute2 sends an RTM_GETLINK dump",
	"tc/del/index-zero-kind":    "tc del without an interface; pyroute2 sends an RTM_GETLINK dump",
	"link/add/tuntap-tap":       "the kernel has no tuntap link kind",
	"link/add/tuntap-tun-owner": "the kernel has no tuntap link kind",
	"link/add/tuntap-ifr":       "the kernel has no tuntap link kind",
}

// pyroute2Unsupported are corpus cases of supported methods that Call
// does not handle yet; they are reported, not claimed.
var pyroute2Unsupported = map[string]string{}

type pyroute2Case struct {
	Name       string          `json:"name"`
	Method     string          `json:"method"`
	Command    string          `json:"command"`
	Kwargs     json.RawMessage `json:"kwargs"`
	Hex        string          `json:"hex"`
	Messages   int             `json:"messages"`
	Exception  string          `json:"exception"`
	Message    string          `json:"message"`
	PartialHex string          `json:"partial_hex"`
}

// clearSeqPID zeroes nlmsg_seq and nlmsg_pid of every message.
func clearSeqPID(b []byte) []byte {
	b = append([]byte(nil), b...)
	for off := 0; off+16 <= len(b); {
		l := int(binary.LittleEndian.Uint32(b[off:]))
		copy(b[off+8:off+16], make([]byte, 8))
		if l < 16 {
			break
		}
		off += (l + 3) &^ 3
	}
	return b
}

func TestPyroute2Conformance(t *testing.T) {
	data, err := os.ReadFile("../testdata/pyroute2/cases.json")
	if err != nil {
		t.Fatal(err)
	}
	var corpus struct {
		Cases []pyroute2Case `json:"cases"`
	}
	if err := json.Unmarshal(data, &corpus); err != nil {
		t.Fatal(err)
	}
	doc, err := os.ReadFile("../docs/pyroute2.md")
	if err != nil {
		t.Fatal(err)
	}
	for name := range pyroute2Refusals {
		if !bytes.Contains(doc, []byte("`"+name+"`")) {
			t.Errorf("refusal %s is not documented in docs/pyroute2.md", name)
		}
	}
	for name := range pyroute2Divergences {
		if !bytes.Contains(doc, []byte("`"+name+"`")) {
			t.Errorf("divergence %s is not documented in docs/pyroute2.md", name)
		}
	}
	// Every case named in the document's divergence list is in the table.
	for _, m := range regexp.MustCompile("`((?:route|addr|link|neigh|fdb|rule|brport|vlan_filter|tc)/[^`]+)`").FindAllSubmatch(doc, -1) {
		_, refused := pyroute2Refusals[string(m[1])]
		if _, ok := pyroute2Divergences[string(m[1])]; !ok && !refused {
			t.Errorf("docs/pyroute2.md lists %s, which the test's divergence table lacks", m[1])
		}
	}
	total := map[string]int{}
	passed := map[string]int{}
	seen := map[string]bool{}
	unsupported := map[string]int{}
	for _, tc := range corpus.Cases {
		total[tc.Method]++
		seen[tc.Name] = true
		if _, ok := pyroute2Methods[tc.Method]; !ok {
			continue
		}
		kw, err := DecodeKwargs(tc.Kwargs)
		if err != nil {
			t.Fatalf("%s: %v", tc.Name, err)
		}
		if why, ok := pyroute2Unsupported[tc.Name]; ok {
			t.Logf("not supported yet %s: %s", tc.Name, why)
			unsupported[tc.Method]++
			continue
		}
		if why, ok := pyroute2Refusals[tc.Name]; ok {
			t.Logf("divergence %s (refused): %s", tc.Name, why)
			if err := NewCompiler(Options{}).CallKwargs(tc.Method, tc.Command, kw, nlb.Source{}); err == nil {
				t.Errorf("%s (a refusal) compiles", tc.Name)
			}
			continue
		}
		if why, ok := pyroute2Divergences[tc.Name]; ok {
			t.Logf("divergence %s: %s", tc.Name, why)
			if err := NewCompiler(Options{}).CallKwargs(tc.Method, tc.Command, kw, nlb.Source{}); err != nil {
				t.Errorf("%s (a divergence) does not compile: %v", tc.Name, err)
			}
			continue
		}
		c := NewCompiler(Options{})
		err = c.CallKwargs(tc.Method, tc.Command, kw, nlb.Source{})
		if tc.Exception != "" {
			if err == nil {
				t.Errorf("%s: pyroute2 raised %s (%s), Call succeeded", tc.Name, tc.Exception, tc.Message)
				continue
			}
			passed[tc.Method]++
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", tc.Name, err)
			continue
		}
		want, _ := hex.DecodeString(tc.Hex)
		got := clearSeqPID(c.Batch().Messages)
		if !bytes.Equal(got, want) {
			t.Errorf("%s %s %s:\n got %x\nwant %x", tc.Name, tc.Command, tc.Kwargs, got, want)
			continue
		}
		// The same call as a JSON request object gives the same bytes
		// (unless a keyword has the method's name: link's "link" is
		// written IFLA_LINK there).
		if _, clash := kw.Get(tc.Method); clash {
			passed[tc.Method]++
			continue
		}
		obj := `{"` + tc.Method + `": "` + tc.Command + `"`
		if kws := bytes.TrimSpace(tc.Kwargs); len(kws) > 2 {
			obj += ", " + string(kws[1:len(kws)-1])
		}
		obj += "}"
		cj := NewCompiler(Options{})
		if err := CompileJSON(cj, tc.Name, strings.NewReader("["+obj+"]")); err != nil {
			t.Errorf("%s as JSON: %v", tc.Name, err)
			continue
		}
		if gj := clearSeqPID(cj.Batch().Messages); !bytes.Equal(gj, want) {
			t.Errorf("%s as JSON %s:\n got %x\nwant %x", tc.Name, obj, gj, want)
			continue
		}
		passed[tc.Method]++
	}
	for name := range pyroute2Refusals {
		if !seen[name] {
			t.Errorf("refusal %s names no case of the corpus", name)
		}
	}
	for name := range pyroute2Divergences {
		if !seen[name] {
			t.Errorf("divergence %s names no case of the corpus", name)
		}
	}
	var methods []string
	for m := range total {
		methods = append(methods, m)
	}
	sort.Strings(methods)
	var sb strings.Builder
	for _, m := range methods {
		div := 0
		for name := range pyroute2Divergences {
			if strings.HasPrefix(name, m+"/") {
				div++
			}
		}
		for name := range pyroute2Refusals {
			if strings.HasPrefix(name, m+"/") {
				div++
			}
		}
		sb.WriteString("\n  " + m + ": ")
		sb.WriteString(strings.Join([]string{itoa(passed[m]), "/", itoa(total[m]), " match"}, ""))
		if div > 0 {
			sb.WriteString(", " + itoa(div) + " divergences")
		}
		if _, ok := pyroute2Methods[m]; !ok {
			sb.WriteString(" (method not supported yet)")
		} else if unsupported[m] > 0 {
			sb.WriteString(", " + itoa(unsupported[m]) + " not supported yet")
		}
	}
	t.Logf("pyroute2 corpus coverage (cases matching pyroute2, or erring where it raised):%s", sb.String())
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}

// TestPyroute2JSON compiles pyroute2-form objects through CompileJSON,
// with interface names where pyroute2 wants indexes: they become
// relocations, and errors name the request's line.
func TestPyroute2JSON(t *testing.T) {
	in := `[
 {"link": "add", "ifname": "br0", "kind": "bridge"},
 {"link": "set", "index": "eth1", "master": "br0", "state": "up"},
 {"addr": "add", "index": "br0", "address": "192.0.2.1/24", "broadcast": true},
 {"route": "add", "dst": "198.51.100.0/24", "gateway": "192.0.2.254", "oif": "br0", "metrics": {"mtu": 1400}},
 {"neigh": "add", "dst": "192.0.2.7", "lladdr": "02:00:5e:00:53:07", "ifindex": "br0", "nud": "reachable"},
 {"tc": "add", "kind": "htb", "index": "br0", "handle": "1:", "default": "1:10"},
 {"type": "RTM_GETLINK", "flags": ["NLM_F_DUMP"]}
]`
	c := NewCompiler(Options{})
	if err := CompileJSON(c, "lab.json", strings.NewReader(in)); err != nil {
		t.Fatal(err)
	}
	b := c.Batch()
	if b.Count() != 7 {
		t.Fatalf("%d messages, want 7", b.Count())
	}
	syms := map[string]int{}
	for _, r := range b.Relocs {
		syms[r.Symbol]++
	}
	if syms["eth1"] != 1 || syms["br0"] < 5 {
		t.Errorf("relocations by symbol: %v", syms)
	}
	if len(b.Sources) != 7 || b.Sources[3].Line != 5 {
		t.Errorf("sources: %+v", b.Sources)
	}
	err := CompileJSON(NewCompiler(Options{}), "bad.json", strings.NewReader(`[
 {"route": "add", "dst": "198.51.100.0/24", "table": "nosuch"}
]`))
	if err == nil || !strings.Contains(err.Error(), "bad.json:2:2") {
		t.Errorf("error %v, want one at bad.json:2:2", err)
	}
	// Call with a map: keywords ordered by name.
	c = NewCompiler(Options{})
	if err := c.Call("route", "add", map[string]any{"dst": "10.0.0.0/24", "gateway": "192.0.2.1"}, nlb.Source{}); err != nil {
		t.Fatal(err)
	}
	if err := c.Call("nosuch", "add", nil, nlb.Source{}); err == nil {
		t.Error("unknown method accepted")
	}
}

// A pyroute2 script, transliterated: ipr.link("add", ifname="br0",
// kind="bridge"); ipr.route("add", dst="10.0.0.0/24", gateway=...,
// oif=...), with an interface name where pyroute2 wants an index.
func ExampleCompiler_Call() {
	c := NewCompiler(Options{})
	src := nlb.Source{File: "setup.py", Line: 1}
	if err := c.Call("link", "add", map[string]any{"ifname": "br0", "kind": "bridge"}, src); err != nil {
		fmt.Println(err)
	}
	src.Line = 2
	if err := c.Call("route", "add", map[string]any{
		"dst": "10.0.0.0/24", "gateway": "192.0.2.1", "oif": "br0", "metrics": map[string]any{"mtu": 1400},
	}, src); err != nil {
		fmt.Println(err)
	}
	b := c.Batch()
	fmt.Println(b.Count(), "messages")
	for _, r := range b.Relocs {
		fmt.Println("message", r.Message, "offset", r.Offset, r.Kind, r.Symbol)
	}
	// Output:
	// 2 messages
	// message 0 offset 20 new-ifindex br0
	// message 1 offset 60 ifindex br0
}
