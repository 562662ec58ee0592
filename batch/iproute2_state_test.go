package batch_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/nlbatch/nlbatch/batch"
	"github.com/nlbatch/nlbatch/internal/nltest"
	"github.com/nlbatch/nlbatch/replay"
)

// corpusSegment is a run of a corpus's commands in one namespace: the
// @setup commands, then those up to the next @reset.
type corpusSegment struct {
	setup []string
	cmds  []corpusCmd
}

type corpusCmd struct {
	line int
	text string
}

func readCorpus(t *testing.T, path string) []corpusSegment {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var setup []string
	segs := []corpusSegment{{}}
	for i, line := range strings.Split(string(data), "\n") {
		if j := strings.IndexByte(line, '#'); j >= 0 {
			line = line[:j]
		}
		line = strings.TrimSpace(line)
		switch {
		case line == "":
		case strings.HasPrefix(line, "@setup "):
			setup = append(setup, strings.TrimPrefix(line, "@setup "))
		case line == "@reset":
			segs = append(segs, corpusSegment{})
		default:
			segs[len(segs)-1].cmds = append(segs[len(segs)-1].cmds, corpusCmd{line: i + 1, text: line})
		}
	}
	for i := range segs {
		segs[i].setup = setup
	}
	return segs
}

// TestIPRoute2State runs every corpus twice, in two namespaces set up
// alike: once command by command with iproute2 itself, once compiled by
// nlbatch into one batch and replayed. Afterwards the two namespaces
// must hold the same links, addresses, routes, rules, neighbours,
// nexthops, qdiscs and classes. Commands nlbatch does not compile are
// left out of both runs; commands the kernel rejects fail in both.
func TestIPRoute2State(t *testing.T) {
	files, _ := filepath.Glob("../testdata/iproute2/*.txt")
	if len(files) == 0 {
		t.Skip("no corpus in testdata/iproute2")
	}
	for _, f := range files {
		for si, seg := range readCorpus(t, f) {
			if len(seg.cmds) == 0 {
				continue
			}
			t.Run(fmt.Sprintf("%s/%d", filepath.Base(f), si), func(t *testing.T) {
				iproute2NS := stateNamespace(t, seg.setup)
				nlbatchNS := stateNamespace(t, seg.setup)
				c := batch.NewCompiler(batch.Options{})
				kept := 0
				for _, cmd := range seg.cmds {
					m := c.Len()
					if err := batch.CompileIPRoute2(c, filepath.Base(f), strings.NewReader(cmd.text+"\n"), batch.IPRoute2Options{}); err != nil {
						if c.Len() != m {
							t.Fatalf("line %d: a refused command left messages behind", cmd.line)
						}
						continue
					}
					kept++
					// iproute2 runs it on its own; failures are part of the
					// comparison.
					args := append([]string{"netns", "exec", iproute2NS.Name}, splitCmd(cmd.text)...)
					_ = exec.Command("ip", args...).Run()
				}
				if kept == 0 {
					t.Skip("nlbatch compiles none of these commands")
				}
				if _, err := replay.Replay(context.Background(), c.Batch(), replay.Options{NetNS: nlbatchNS.Name, AllowDumps: true}); err != nil {
					t.Fatalf("replay: %v", err)
				}
				want, got := nsSnapshot(t, iproute2NS), nsSnapshot(t, nlbatchNS)
				if diff := cmp.Diff(want, got); diff != "" {
					t.Errorf("%d commands: the namespaces differ (-iproute2 +nlbatch):\n%s", kept, diff)
				}
			})
		}
	}
}

// splitCmd splits a corpus command as the shell would for these simple
// lines (words, single or double quotes).
func splitCmd(s string) []string {
	var out []string
	for s = strings.TrimSpace(s); s != ""; s = strings.TrimSpace(s) {
		if s[0] == '"' || s[0] == '\'' {
			end := strings.IndexByte(s[1:], s[0])
			if end < 0 {
				return append(out, s[1:])
			}
			out = append(out, s[1:1+end])
			s = s[end+2:]
			continue
		}
		end := strings.IndexAny(s, " \t")
		if end < 0 {
			return append(out, s)
		}
		out = append(out, s[:end])
		s = s[end:]
	}
	return out
}

// stateNamespace is a namespace without duplicate address detection
// (link-local addresses and their routes appear at once), set up with
// the corpus's @setup commands.
func stateNamespace(t *testing.T, setup []string) *nltest.Namespace {
	ns := nltest.NewNamespace(t)
	ns.Run("sysctl", "-qw", "net.ipv6.conf.all.accept_dad=0", "net.ipv6.conf.default.accept_dad=0")
	ns.Run("ip", "link", "set", "lo", "up")
	for _, s := range setup {
		ns.Run(splitCmd(s)...)
	}
	return ns
}

// nsSnapshot is what iproute2 shows of a namespace, one sorted line per
// object, without what differs between two namespaces set up alike:
// interface indexes, random MAC addresses and what derives from them
// (link-local IPv6 addresses and routes, bridge ids), counters and
// carrier state.
func nsSnapshot(t *testing.T, ns *nltest.Namespace) []string {
	t.Helper()
	var out []string
	run := func(args ...string) []map[string]any {
		cmd := exec.Command("ip", append([]string{"netns", "exec", ns.Name}, args...)...)
		var stdout bytes.Buffer
		cmd.Stdout = &stdout
		if err := cmd.Run(); err != nil {
			t.Fatalf("%v: %v", args, err)
		}
		var v []map[string]any
		if s := strings.TrimSpace(stdout.String()); s != "" {
			if err := json.Unmarshal([]byte(s), &v); err != nil {
				return []map[string]any{{"text": s}}
			}
		}
		return v
	}
	add := func(kind string, objs []map[string]any, drop ...string) {
		for _, o := range objs {
			for _, d := range drop {
				delete(o, d)
			}
			b, _ := json.Marshal(o)
			out = append(out, kind+" "+string(b))
		}
	}
	links := run("ip", "-d", "-j", "link", "show")
	for _, l := range links {
		l["flags"] = withoutFlags(l["flags"], "LOWER_UP", "NO-CARRIER", "M-DOWN")
		if li, ok := l["linkinfo"].(map[string]any); ok {
			for _, k := range []string{"info_data", "info_slave_data"} {
				if d, ok := li[k].(map[string]any); ok {
					for key := range d {
						if strings.HasSuffix(key, "_timer") || strings.HasSuffix(key, "_id") || key == "state" {
							delete(d, key)
						}
					}
				}
			}
		}
	}
	add("link", links, "ifindex", "link_index", "address", "broadcast", "permaddr", "operstate", "linkmode",
		"stats", "stats64", "carrier_changes", "carrier_up_count", "carrier_down_count", "promiscuity", "allmulti",
		"inet6_addr_gen_mode", "tso_max_size", "tso_max_segs", "gso_max_size", "gso_max_segs", "gro_max_size",
		"gso_ipv4_max_size", "gro_ipv4_max_size", "link_netnsid")
	for _, a := range run("ip", "-j", "addr", "show") {
		infos, _ := a["addr_info"].([]any)
		for _, i := range infos {
			m := i.(map[string]any)
			if strings.HasPrefix(fmt.Sprint(m["local"]), "fe80:") {
				continue
			}
			delete(m, "valid_life_time")
			delete(m, "preferred_life_time")
			m["dev"] = a["ifname"]
			b, _ := json.Marshal(m)
			out = append(out, "addr "+string(b))
		}
	}
	for _, fam := range []string{"-4", "-6"} {
		routes := run("ip", fam, "-j", "route", "show", "table", "all")
		var keep []map[string]any
		for _, r := range routes {
			if dst := fmt.Sprint(r["dst"]); strings.HasPrefix(dst, "fe80:") || strings.HasPrefix(dst, "fe80::") {
				continue
			}
			r["flags"] = withoutFlags(r["flags"], "linkdown")
			keep = append(keep, r)
		}
		add("route"+fam, keep, "expires")
		add("rule"+fam, run("ip", fam, "-j", "rule", "show"))
	}
	add("neigh", run("ip", "-j", "neigh", "show", "nud", "permanent"))
	add("nexthop", run("ip", "-j", "nexthop", "show"))
	add("fdb", run("bridge", "-j", "fdb", "show", "static"))
	qdiscs := run("tc", "-j", "qdisc", "show")
	for _, q := range qdiscs {
		// Handles the kernel picks (8001:, 8002:...) come from a counter
		// of its own, shared by every namespace.
		if h := fmt.Sprint(q["handle"]); len(h) == 5 && h[0] == '8' && h[4] == ':' {
			q["handle"] = "auto:"
		}
	}
	add("qdisc", qdiscs, "refcnt")
	for _, l := range links {
		add("class "+fmt.Sprint(l["ifname"]), run("tc", "-j", "class", "show", "dev", fmt.Sprint(l["ifname"])))
	}
	sort.Strings(out)
	return out
}

func withoutFlags(v any, drop ...string) any {
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
