package replay

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/nlbatch/nlbatch/internal/nltest"
	"github.com/nlbatch/nlbatch/nlb"
)

// atomicSetup is the namespace's state before each atomic replay: links,
// addresses, routes, a rule, a neighbour, a nexthop and a qdisc that the
// batch below changes, replaces or deletes.
var atomicSetup = [][]string{
	// Without duplicate address detection, IPv6 link-local addresses
	// and their local routes appear at once, so iproute2's view of the
	// namespace does not depend on when it is taken.
	{"sysctl", "-qw", "net.ipv6.conf.all.accept_dad=0", "net.ipv6.conf.default.accept_dad=0"},
	{"ip", "link", "add", "e0", "type", "veth", "peer", "name", "e1"},
	{"ip", "link", "add", "f0", "type", "veth", "peer", "name", "f1"},
	{"ip", "link", "add", "br0", "type", "bridge"},
	{"ip", "link", "set", "e0", "up"},
	{"ip", "link", "set", "e1", "up"},
	{"ip", "link", "set", "f0", "up"},
	{"ip", "link", "set", "br0", "up"},
	{"ip", "addr", "add", "10.9.0.1/24", "dev", "e0"},
	{"ip", "addr", "add", "10.9.0.11/24", "dev", "e0"},
	{"ip", "addr", "add", "10.8.0.1/24", "dev", "f0"},
	{"ip", "addr", "add", "2001:db8:9::1/64", "dev", "e0", "nodad"},
	{"ip", "route", "add", "10.50.0.0/16", "via", "10.9.0.2"},
	{"ip", "route", "add", "10.51.0.0/16", "via", "10.9.0.3", "metric", "5"},
	{"ip", "route", "add", "10.52.0.0/16", "via", "10.8.0.2", "table", "1000"},
	{"ip", "rule", "add", "pref", "100", "from", "10.9.0.0/24", "lookup", "100"},
	{"ip", "neigh", "add", "10.9.0.7", "lladdr", "02:00:00:00:00:07", "nud", "permanent", "dev", "e0"},
	{"ip", "nexthop", "add", "id", "1", "via", "10.9.0.2", "dev", "e0"},
	{"tc", "qdisc", "add", "dev", "e1", "root", "handle", "1:", "htb", "default", "10"},
	{"tc", "class", "add", "dev", "e1", "parent", "1:", "classid", "1:10", "htb", "rate", "10mbit"},
}

// atomicBatch creates, changes and deletes one of everything: new and
// existing links (a veth pair deleted outright), addresses (a primary
// IPv4 address whose removal takes routes along), routes (added,
// replaced, deleted), rules, neighbours, nexthops and qdiscs.
var atomicBatch = []string{
	`{"link": "add", "ifname": "v0", "kind": "veth", "peer": "v1"}`,
	`{"link": "set", "index": "v0", "state": "up"}`,
	`{"link": "set", "index": "v1", "state": "up"}`,
	`{"addr": "add", "index": "v0", "address": "10.77.0.1", "prefixlen": 24}`,
	`{"route": "add", "dst": "10.1.0.0/16", "gateway": "10.77.0.2", "oif": "v0"}`,
	`{"route": "replace", "dst": "10.50.0.0/16", "gateway": "10.77.0.2", "oif": "v0"}`,
	`{"route": "del", "dst": "10.51.0.0/16", "priority": 5}`,
	`{"neigh": "del", "dst": "10.9.0.7", "ifindex": "e0"}`,
	`{"addr": "del", "index": "e0", "address": "10.9.0.1", "prefixlen": 24}`,
	`{"link": "set", "index": "e0", "mtu": 1400}`,
	`{"link": "set", "index": "v1", "master": "br0"}`,
	`{"rule": "add", "priority": 200, "src": "10.77.0.0", "src_len": 24, "table": 200}`,
	`{"rule": "del", "priority": 100, "src": "10.9.0.0", "src_len": 24, "table": 100}`,
	`{"neigh": "add", "dst": "10.77.0.9", "lladdr": "02:00:00:00:00:09", "ifindex": "v0", "state": "permanent"}`,
	`{"type": "RTM_NEWNEXTHOP", "flags": ["NLM_F_CREATE", "NLM_F_EXCL"], "header": {"nh_family": "AF_INET"}, "attrs": [{"name": "NHA_ID", "value": 10}, {"name": "NHA_GATEWAY", "value": "10.77.0.2"}, {"name": "NHA_OIF", "value": "v0"}]}`,
	`{"route": "add", "dst": "10.2.0.0/16", "nh_id": 10}`,
	`{"tc": "add", "kind": "htb", "index": "v0", "handle": "1:"}`,
	`{"tc": "del", "kind": "htb", "index": "e1", "handle": "1:"}`,
	`{"link": "set", "index": "e1", "state": "down"}`,
	`{"link": "del", "index": "f0"}`,
}

// failing is a message the kernel refuses whatever the state.
const failing = `{"route": "add", "dst": "10.3.0.0/16", "gateway": "10.99.0.2", "oif": "lo"}`

// TestAtomicRollback replays the batch with a failing message inserted
// at every position in turn, into one namespace: after each replay the
// namespace must be exactly as set up, as iproute2 dumps it.
func TestAtomicRollback(t *testing.T) {
	needTool(t, "tc")
	ns := nltest.NewNamespace(t)
	for _, cmd := range atomicSetup {
		ns.Run(cmd...)
	}
	before := nsState(t, ns)

	// The batch as a whole applies: check that, then start again.
	whole := compile(t, lines(atomicBatch...))
	if rep := replayIn(t, ns, whole, Options{Atomic: true}); !rep.OK() || rep.Rollback != nil {
		t.Fatalf("the batch without a failure: %s\n%s", rep.Tally(), atomicReport(rep, whole))
	}
	if diff := cmp.Diff(before, nsState(t, ns)); diff == "" {
		t.Fatal("the batch changed nothing")
	}
	resetNS(t, &ns)
	before = nsState(t, ns)

	for k := 0; k <= len(atomicBatch); k++ {
		reqs := append(append(append([]string(nil), atomicBatch[:k]...), failing), atomicBatch[k:]...)
		b := compile(t, lines(reqs...))
		rep := replayIn(t, ns, b, Options{Atomic: true})
		if rep.Failed == 0 {
			t.Fatalf("k=%d: nothing failed: %s", k, rep.Tally())
		}
		if rep.Rollback == nil || !rep.Rollback.Restored {
			t.Errorf("k=%d: not restored:\n%s", k, atomicReport(rep, b))
		}
		if rep.Outcomes[k] != Failed {
			t.Errorf("k=%d: the failing message's outcome is %v", k, rep.Outcomes[k])
		}
		for i, o := range rep.Outcomes {
			if i != k && o != RolledBack && o != NotSent {
				t.Errorf("k=%d: message %d is %v, want rolled back or not sent", k, i, o)
			}
		}
		if diff := cmp.Diff(before, nsState(t, ns)); diff != "" {
			t.Fatalf("k=%d: the namespace differs from before the replay (-before +after):\n%s\nreport:\n%s", k, diff, atomicReport(rep, b))
		}
	}
}

// resetNS replaces the namespace with a fresh one set up as before.
func resetNS(t *testing.T, ns **nltest.Namespace) {
	*ns = nltest.NewNamespace(t)
	for _, cmd := range atomicSetup {
		(*ns).Run(cmd...)
	}
}

func atomicReport(rep *Report, b *nlb.Batch) string {
	var buf bytes.Buffer
	rep.WriteText(&buf, b)
	return buf.String() + rollbackText(rep)
}

func rollbackText(rep *Report) string {
	rb := rep.Rollback
	if rb == nil {
		return ""
	}
	return fmt.Sprintf("\nrollback: restored=%v rounds=%d sent=%d\nrefused:\n  %s\nunrestored:\n  %s", rb.Restored, rb.Rounds, rb.Sent,
		strings.Join(rb.Refused, "\n  "), strings.Join(rb.Unrestored, "\n  "))
}

// nsState is what iproute2 shows of a namespace, without what changes on
// its own (counters, carrier and DAD state, lifetimes), one sorted line
// per object.
func nsState(t *testing.T, ns *nltest.Namespace) []string {
	t.Helper()
	var out []string
	add := func(prefix string, objs []map[string]any, drop ...string) {
		for _, o := range objs {
			for _, d := range drop {
				delete(o, d)
			}
			b, _ := json.Marshal(o)
			out = append(out, prefix+" "+string(b))
		}
	}
	links := ipJSON(t, ns, "ip", "-d", "link", "show")
	for _, l := range links {
		l["flags"] = dropFlags(l["flags"], "LOWER_UP", "NO-CARRIER", "M-DOWN")
		if li, ok := l["linkinfo"].(map[string]any); ok {
			for _, k := range []string{"info_data", "info_slave_data"} {
				if d, ok := li[k].(map[string]any); ok {
					for key := range d {
						// Derived: a bridge's ids follow its ports.
						if strings.HasSuffix(key, "_timer") || key == "state" || key == "bridge_id" || key == "root_id" {
							delete(d, key)
						}
					}
				}
			}
		}
	}
	add("link", links, "operstate", "stats64", "stats", "linkmode", "carrier_changes", "carrier_up_count", "carrier_down_count", "inet6_addr_gen_mode", "promiscuity", "allmulti",
		"tso_max_size", "tso_max_segs", "gso_max_size", "gso_max_segs", "gro_max_size", "gso_ipv4_max_size", "gro_ipv4_max_size")
	for _, a := range ipJSON(t, ns, "ip", "addr", "show") {
		infos, _ := a["addr_info"].([]any)
		for _, i := range infos {
			m := i.(map[string]any)
			for _, k := range []string{"valid_life_time", "preferred_life_time", "tentative", "dadfailed"} {
				delete(m, k)
			}
			m["dev"] = a["ifname"]
			b, _ := json.Marshal(m)
			out = append(out, "addr "+string(b))
		}
	}
	for _, fam := range []string{"-4", "-6"} {
		routes := ipJSON(t, ns, "ip", fam, "route", "show", "table", "all")
		for _, r := range routes {
			r["flags"] = dropFlags(r["flags"], "linkdown")
		}
		add("route"+fam, routes, "expires")
		add("rule"+fam, ipJSON(t, ns, "ip", fam, "rule", "show"))
	}
	neigh := ipJSON(t, ns, "ip", "neigh", "show", "nud", "permanent")
	add("neigh", neigh)
	add("nexthop", ipJSON(t, ns, "ip", "nexthop", "show"))
	qd := ipJSON(t, ns, "tc", "qdisc", "show")
	add("qdisc", qd, "refcnt")
	for _, l := range links {
		// tc -j prints htb classes as text.
		for _, line := range strings.Split(ns.Run("tc", "class", "show", "dev", fmt.Sprint(l["ifname"])), "\n") {
			if line = strings.TrimSpace(line); line != "" {
				out = append(out, fmt.Sprintf("class %v %s", l["ifname"], line))
			}
		}
	}
	sort.Strings(out)
	return out
}

func dropFlags(v any, drop ...string) any {
	list, ok := v.([]any)
	if !ok {
		return v
	}
	var out []any
	for _, f := range list {
		keep := true
		for _, d := range drop {
			if f == d {
				keep = false
			}
		}
		if keep {
			out = append(out, f)
		}
	}
	return out
}
