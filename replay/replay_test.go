package replay

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/sys/unix"

	"github.com/nlbatch/nlbatch/batch"
	"github.com/nlbatch/nlbatch/internal/nltest"
)

// labBatch creates a veth pair, addresses and routes that refer to the
// links by name: every relocation kind is exercised.
const labBatch = `{"link": "add", "ifname": "v0", "kind": "veth", "peer": "v1"}
{"link": "set", "index": "v0", "state": "up"}
{"link": "set", "index": "v1", "state": "up"}
{"addr": "add", "index": "v0", "address": "10.77.0.1", "prefixlen": 24}
{"addr": "add", "index": "v0", "address": "2001:db8:77::1", "prefixlen": 64}
{"route": "add", "dst": "10.1.0.0/16", "gateway": "10.77.0.2", "oif": "v0"}
{"route": "add", "dst": "10.2.0.0/16", "gateway": "10.77.0.2", "table": 1000}
{"route": "add", "dst": "2001:db8:1::/48", "gateway": "2001:db8:77::2", "oif": "v0"}
`

func TestReplayLab(t *testing.T) {
	ns := nltest.NewNamespace(t)
	b := compile(t, labBatch)
	rep := replayIn(t, ns, b, Options{})
	if !rep.OK() {
		var buf bytes.Buffer
		rep.WriteText(&buf, b)
		t.Fatalf("not every message applied:\n%s", buf.String())
	}
	if rep.Sendmsgs != 1 {
		t.Errorf("Sendmsgs = %d, want 1 for a small batch", rep.Sendmsgs)
	}
	if diff := cmp.Diff([]string{"v0", "v1"}, keysOf(rep.Resolution.Created)); diff != "" {
		t.Errorf("created interfaces (-want +got):\n%s", diff)
	}
	routes := ipJSON(t, ns, "ip", "-4", "route", "show", "table", "all")
	var got []string
	for _, r := range routes {
		if r["gateway"] != nil {
			got = append(got, fmt.Sprintf("%v via %v dev %v table %v", r["dst"], r["gateway"], r["dev"], orMain(r["table"])))
		}
	}
	sortStrings(got)
	want := []string{
		"10.1.0.0/16 via 10.77.0.2 dev v0 table main",
		"10.2.0.0/16 via 10.77.0.2 dev v0 table 1000",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("IPv4 routes with a gateway (-want +got):\n%s", diff)
	}
	r6 := ipJSON(t, ns, "ip", "-6", "route", "show", "2001:db8:1::/48")
	if len(r6) != 1 || r6[0]["gateway"] != "2001:db8:77::2" || r6[0]["dev"] != "v0" {
		t.Errorf("IPv6 route: %v", r6)
	}
}

func orMain(v any) any {
	if v == nil {
		return "main"
	}
	return v
}

func keysOf(m map[string]uint32) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sortStrings(out)
	return out
}

func TestReplayErrors(t *testing.T) {
	ns := nltest.NewNamespace(t)
	ns.Run("ip", "link", "add", "e0", "type", "veth", "peer", "name", "e1")
	ns.Run("ip", "link", "set", "e0", "up")
	ns.Run("ip", "addr", "add", "10.77.0.1/24", "dev", "e0")
	b := compile(t, lines(
		`{"route": "add", "dst": "10.1.0.0/16", "gateway": "10.77.0.2", "oif": "e0"}`,
		`{"route": "add", "dst": "10.1.0.0/16", "gateway": "10.77.0.2", "oif": "e0"}`,
		`{"route": "add", "dst": "10.3.0.0/16", "gateway": "10.99.0.2", "oif": "e0"}`,
		`{"link": "add", "ifname": "x0", "kind": "nosuchkind"}`,
		`{"link": "del", "index": 4242}`,
		`{"addr": "add", "index": "e0", "address": "10.77.0.9", "prefixlen": 24}`,
		`{"type": "RTM_NEWROUTE", "flags": ["NLM_F_CREATE"], "header": {"rtm_family": "AF_INET", "rtm_dst_len": 16, "rtm_table": "main", "rtm_protocol": "static", "rtm_type": "unicast"}, "attrs": [{"name": "RTA_DST", "value": "10.4.0.0"}, {"type": 4, "raw": "0100"}]}`,
		`{"link": "add", "ifname": "x1", "kind": "vxlan", "vxlan_id": 16777216}`,
	))
	rep := replayIn(t, ns, b, Options{})
	var got []string
	for i := range rep.Results {
		got = append(got, rep.Line(b, &rep.Results[i]))
	}
	want := []string{
		`test.json:2:1: {"route": "add", "dst": "10.1.0.0/16", "gateway": "10.77.0.2", "oif": "e0"}: EEXIST (file exists)`,
		`test.json:3:1: {"route": "add", "dst": "10.3.0.0/16", "gateway": "10.99.0.2", "oif": "e0"}: ENETUNREACH: Nexthop has invalid gateway`,
		`test.json:4:1: {"link": "add", "ifname": "x0", "kind": "nosuchkind"}: EOPNOTSUPP: Unknown device type`,
		`test.json:5:1: {"link": "del", "index": 4242}: ENODEV (no such device)`,
		`test.json:7:1: {"type": "RTM_NEWROUTE", "flags": ["NLM_F_CREATE"], "header": {"rtm_family": "AF_INET", "rtm_dst_len": 16, "rtm_table": "main", "rtm_protocol": "static", "rt...: ERANGE: Attribute failed policy validation (RTA_OIF)`,
		`test.json:8:1: {"link": "add", "ifname": "x1", "kind": "vxlan", "vxlan_id": 16777216}: ERANGE: VXLAN ID must be lower than 16777216 (IFLA_VXLAN_ID)`,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("failure lines (-want +got):\n%s", diff)
	}
	wantOutcomes := []Outcome{Applied, Failed, Failed, Failed, Failed, Applied, Failed, Failed}
	if diff := cmp.Diff(wantOutcomes, rep.Outcomes); diff != "" {
		t.Errorf("outcomes (-want +got):\n%s", diff)
	}
	if rep.Applied != 2 || rep.Failed != 6 {
		t.Errorf("counts: %d applied, %d failed; want 2, 6", rep.Applied, rep.Failed)
	}
}

func TestReplayRefusesBeforeSending(t *testing.T) {
	ns := nltest.NewNamespace(t)
	tests := []struct {
		name  string
		batch string
		opts  Options
		want  string
	}{
		{
			name:  "unknown interface",
			batch: lines(`{"route": "add", "dst": "10.1.0.0/16", "oif": "lo"}`, `{"route": "add", "dst": "10.2.0.0/16", "oif": "eth9"}`),
			want:  `replay resolve: test.json:2:1: message 1: interface "eth9" does not exist on the target`,
		},
		{
			name:  "dump",
			batch: lines(`{"route": "add", "dst": "10.1.0.0/16", "oif": "lo"}`, `{"type": "RTM_GETLINK", "flags": ["NLM_F_DUMP"]}`),
			want:  `replay policy: test.json:2:1: message 1: refused: RTM_GETLINK is a dump request (allow with --allow-dumps)`,
		},
		{
			name:  "type not allowed",
			batch: lines(`{"route": "add", "dst": "10.1.0.0/16", "oif": "lo"}`, `{"link": "add", "ifname": "x0", "kind": "veth", "peer": "x1"}`),
			opts:  Options{Allow: []string{"route", "addr"}},
			want:  `replay policy: test.json:2:1: message 1: refused: RTM_NEWLINK is not among the allowed message types (route,addr)`,
		},
		{
			name:  "unknown allow word",
			batch: lines(`{"route": "add", "dst": "10.1.0.0/16", "oif": "lo"}`),
			opts:  Options{Allow: []string{"rout"}},
			want:  `replay policy: --allow: unknown object kind "rout" (did you mean "route"?)`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := compile(t, tt.batch)
			tt.opts.NetNS = ns.Name
			rep, err := Replay(context.Background(), b, tt.opts)
			if err == nil {
				t.Fatalf("Replay succeeded: %s", rep.Tally())
			}
			if !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("error:\n got %s\nwant %s...", err, tt.want)
			}
			var re *Error
			if !errors.As(err, &re) {
				t.Errorf("error %T is not a *replay.Error", err)
			}
			// Nothing was sent: the first route is not there.
			if out := ns.Run("ip", "route", "show", "10.1.0.0/16"); strings.TrimSpace(out) != "" {
				t.Errorf("a refused batch changed the target: %s", out)
			}
		})
	}
}

func TestReplayDumpAllowed(t *testing.T) {
	ns := nltest.NewNamespace(t)
	b := compile(t, lines(
		`{"link": "add", "ifname": "d0", "kind": "veth", "peer": "d1"}`,
		`{"type": "RTM_GETLINK", "flags": ["NLM_F_DUMP"]}`,
		`{"link": "set", "index": "d0", "state": "up"}`,
	))
	rep := replayIn(t, ns, b, Options{AllowDumps: true})
	if !rep.OK() {
		t.Fatalf("%s: %v", rep.Tally(), failures(rep))
	}
	if rep.Sendmsgs != 3 {
		t.Errorf("Sendmsgs = %d, want 3 (the dump goes alone)", rep.Sendmsgs)
	}
	if len(rep.Results) != 1 || rep.Results[0].Replies != 3 {
		t.Errorf("results = %+v, want the dump with 3 replies (lo, d0, d1)", rep.Results)
	}
}

func TestReplayNetNSValidation(t *testing.T) {
	if _, err := Replay(context.Background(), compile(t, lines(`{"route": "add", "dst": "10.1.0.0/16", "oif": "lo"}`)), Options{NetNS: "/proc/self/ns/uts"}); err == nil || !strings.Contains(err.Error(), "not a network namespace") {
		t.Errorf("a UTS namespace as target: %v", err)
	}
	if _, err := Replay(context.Background(), compile(t, lines(`{"route": "add", "dst": "10.1.0.0/16", "oif": "lo"}`)), Options{NetNS: "/etc/passwd"}); err == nil || !strings.Contains(err.Error(), "not a namespace file") {
		t.Errorf("a plain file as target: %v", err)
	}
	if _, err := Replay(context.Background(), compile(t, lines(`{"route": "add", "dst": "10.1.0.0/16", "oif": "lo"}`)), Options{NetNS: "nlbt-does-not-exist"}); err == nil || !strings.Contains(err.Error(), "ip netns list") {
		t.Errorf("a missing namespace: %v", err)
	}
}

var _ = unix.ENOENT

// TestReplayOverflowSettled shrinks the receive buffer so that the
// kernel drops error acknowledgements (ENOBUFS): the messages whose
// outcome was lost are settled by dumping the routes, and every outcome
// still comes out right.
func TestReplayOverflowSettled(t *testing.T) {
	ns := nltest.NewNamespace(t)
	ns.Run("ip", "link", "add", "e0", "type", "veth", "peer", "name", "e1")
	ns.Run("ip", "link", "set", "e0", "up")
	ns.Run("ip", "addr", "add", "10.77.0.1/24", "dev", "e0")
	const n = 2000
	var reqs []string
	for i := 0; i < n; i++ {
		gw := "10.77.0.2"
		if i%2 == 1 {
			gw = "10.99.0.2" // not on-link: ENETUNREACH
		}
		reqs = append(reqs, fmt.Sprintf(`{"route": "add", "dst": "10.%d.%d.0/24", "gateway": "%s", "oif": "e0"}`, 100+i/256, i%256, gw))
	}
	b := compile(t, lines(reqs...))
	rep := replayIn(t, ns, b, Options{rcvbuf: 4096, ackCharge: 1})
	if rep.Overflows == 0 {
		t.Fatalf("no overflow with a 4 KiB receive buffer: %s", rep.Tally())
	}
	settled := 0
	for i, o := range rep.Outcomes {
		want := Applied
		if i%2 == 1 {
			want = Failed
		}
		if o != want {
			t.Errorf("message %d: %v, want %v", i, o, want)
		}
	}
	for _, r := range rep.Results {
		if r.Settled {
			settled++
		}
	}
	if settled == 0 {
		t.Errorf("no outcome settled by dump: %s", rep.Tally())
	}
	if rep.Unknown != 0 {
		t.Errorf("%d outcomes unknown", rep.Unknown)
	}
	t.Logf("%s; %d settled by dump", rep.Tally(), settled)
}

// TestReplayChunks sends a batch larger than MaxSendmsg: several
// sendmsg calls, every outcome accounted for, failures tied to the
// right messages across chunk boundaries.
func TestReplayChunks(t *testing.T) {
	ns := nltest.NewNamespace(t)
	ns.Run("ip", "link", "add", "e0", "type", "veth", "peer", "name", "e1")
	ns.Run("ip", "link", "set", "e0", "up")
	ns.Run("ip", "addr", "add", "10.77.0.1/24", "dev", "e0")
	const n = 3000
	var reqs []string
	for i := 0; i < n; i++ {
		gw := "10.77.0.2"
		if i%97 == 0 {
			gw = "10.99.0.2"
		}
		reqs = append(reqs, fmt.Sprintf(`{"route": "add", "dst": "10.%d.%d.0/24", "gateway": "%s", "oif": "e0"}`, 100+i/256, i%256, gw))
	}
	b := compile(t, lines(reqs...))
	rep := replayIn(t, ns, b, Options{MaxSendmsg: 16 << 10})
	if rep.Sendmsgs < 10 {
		t.Errorf("Sendmsgs = %d for %d bytes in 16 KiB calls", rep.Sendmsgs, len(b.Messages))
	}
	for i, o := range rep.Outcomes {
		want := Applied
		if i%97 == 0 {
			want = Failed
		}
		if o != want {
			t.Errorf("message %d: %v, want %v", i, o, want)
		}
	}
	out := ns.Run("ip", "-4", "route", "show", "proto", "static")
	if got, want := strings.Count(out, "via 10.77.0.2"), n-(n+96)/97; got != want {
		t.Errorf("%d routes in the namespace, want %d", got, want)
	}
}

// TestReplayAllFailNoOverflow checks the receive-buffer budget: when
// every message of a sendmsg fails with extended-ack text, every error
// still arrives.
func TestReplayAllFailNoOverflow(t *testing.T) {
	ns := nltest.NewNamespace(t)
	ns.Run("ip", "link", "add", "e0", "type", "veth", "peer", "name", "e1")
	ns.Run("ip", "link", "set", "e0", "up")
	const n = 8000
	var reqs []string
	for i := 0; i < n; i++ {
		reqs = append(reqs, fmt.Sprintf(`{"route": "add", "dst": "10.%d.%d.0/24", "gateway": "10.99.0.2", "oif": "e0"}`, 100+i/256, i%256))
	}
	b := compile(t, lines(reqs...))
	rep := replayIn(t, ns, b, Options{})
	if rep.Overflows != 0 || rep.Failed != n {
		t.Errorf("%s, want %d failed and no overflow", rep.Tally(), n)
	}
	for _, r := range rep.Results {
		if r.Settled || r.ExtAck != "Nexthop has invalid gateway" {
			t.Fatalf("result %+v, want the kernel's own error", r)
		}
	}
}

// TestReplayNetNSPath targets a namespace by path, as /proc/PID/ns/net
// would be given.
func TestReplayNetNSPath(t *testing.T) {
	ns := nltest.NewNamespace(t)
	b := compile(t, lines(`{"link": "add", "ifname": "p0", "kind": "veth", "peer": "p1"}`))
	rep, err := Replay(context.Background(), b, Options{NetNS: "/var/run/netns/" + ns.Name})
	if err != nil || !rep.OK() {
		t.Fatalf("Replay by path: %v", err)
	}
	if out := ns.Run("ip", "-o", "link", "show", "p0"); !strings.Contains(out, "p0@p1") {
		t.Errorf("p0 not in the namespace: %q", out)
	}
}

// TestResolveIsDryRun checks that Resolve against a target's link table
// gives the bytes a dry run on that target emits (the conformance test
// of the iproute2 front end relies on it), but for NLM_F_ACK, which the
// dry run places on the last message of each sendmsg only.
func TestResolveIsDryRun(t *testing.T) {
	ns := nltest.NewNamespace(t)
	ns.Run("ip", "link", "add", "e0", "type", "veth", "peer", "name", "e1")
	c := batch.NewCompiler(batch.Options{})
	text := "ip link add v0 type veth peer name v1\nip link set v0 up\nip addr add 192.0.2.1/24 dev e0\n" +
		"ip route add 10.0.0.0/8 via 192.0.2.2 dev e0 table 100\ntc qdisc add dev v1 root handle 1: htb\n"
	if err := batch.CompileIPRoute2(c, "t.batch", strings.NewReader(text), batch.IPRoute2Options{}); err != nil {
		t.Fatal(err)
	}
	b := c.Batch()
	var raw bytes.Buffer
	if _, err := Replay(context.Background(), b, Options{NetNS: ns.Name, DryRun: true, EmitRaw: &raw}); err != nil {
		t.Fatal(err)
	}
	links := map[string]uint32{}
	for _, l := range ipJSON(t, ns, "ip", "link", "show") {
		links[fmt.Sprint(l["ifname"])] = uint32(l["ifindex"].(float64))
	}
	got, _, err := Resolve(b, links, Options{})
	if err != nil {
		t.Fatal(err)
	}
	dry := raw.Bytes()
	if len(dry) != len(got) {
		t.Fatalf("dry run emitted %d bytes, Resolve gave %d", len(dry), len(got))
	}
	for off := 0; off < len(got); {
		n := int(native.Uint32(got[off:]))
		a, b := bytes.Clone(got[off:off+n]), bytes.Clone(dry[off:off+n])
		a[6] &^= 0x04 // NLM_F_ACK
		b[6] &^= 0x04
		if !bytes.Equal(a, b) {
			t.Errorf("message at byte %d:\n Resolve %x\n dry run %x", off, a, b)
		}
		off += (n + 3) &^ 3
	}
}
