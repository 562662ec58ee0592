package replay

import (
	"os/exec"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/nlbatch/nlbatch/batch"
	"github.com/nlbatch/nlbatch/internal/nltest"
	"github.com/nlbatch/nlbatch/nlb"
)

// restoreCases are objects an atomic rollback must delete, or make
// again from their dump when the batch deleted them, each a case the
// kernel lab's matrix found wrong: how the kernel dumps them is not how
// it takes them back. Kinds this kernel lacks are skipped, with the
// kernel's words; the lab's matrix covers every kind
// (lab/scenarios/matrix.sh).
var restoreCases = []struct {
	name  string
	setup []string // iproute2 commands, run in order
	line  string   // the batch's line, iproute2 syntax
	show  string   // what must read the same before and after
	// lost, when set, is a text the rollback must give as the reason it
	// cannot restore the object (and the rollback is then incomplete).
	lost string
}{{
	// IFLA_VXLAN_TTL_INHERIT is dumped as a u8 and must go back as a
	// flag; IFLA_VXLAN_REMCSUM_RX at 0 clashes with the dumped reserved
	// bits.
	name:  "vxlan deleted",
	setup: []string{"ip link add m0 type vxlan id 42 dstport 4789 local 192.0.2.1 remote 192.0.2.2 ttl 64"},
	line:  "ip link del m0",
	show:  "ip -d link show m0",
}, {
	name:  "vxlan with ttl inherit deleted",
	setup: []string{"ip link add m0 type vxlan id 43 dstport 4789 ttl inherit remcsumrx"},
	line:  "ip link del m0",
	show:  "ip -d link show m0",
}, {
	// FDB entries are dumped with AF_BRIDGE only; the all-zero default
	// destination is not the loopback's address.
	name:  "vxlan fdb added",
	setup: []string{"ip link add p0 type vxlan id 1 dstport 4789 local 192.0.2.1"},
	line:  "bridge fdb append 00:00:00:00:00:00 dev p0 dst 192.0.2.9 self permanent",
	show:  "bridge fdb show dev p0",
}, {
	name: "vxlan fdb deleted",
	setup: []string{"ip link add p0 type vxlan id 1 dstport 4789 local 192.0.2.1",
		"bridge fdb append 00:00:00:00:00:00 dev p0 dst 192.0.2.9 self permanent"},
	line: "bridge fdb del 00:00:00:00:00:00 dev p0 dst 192.0.2.9 self permanent",
	show: "bridge fdb show dev p0",
}, {
	// Filters at clsact's egress hook; u32's dumped flags carry
	// not_in_hw, which a request may not.
	name: "u32 at egress deleted",
	setup: []string{"ip link add q0 type veth peer name q1", "tc qdisc add dev q0 clsact",
		"tc filter add dev q0 egress protocol ip prio 1 u32 match ip dst 10.0.0.0/8 flowid 1:1"},
	line: "tc filter del dev q0 egress",
	show: "tc filter show dev q0 egress",
}, {
	name:  "u32 at egress added",
	setup: []string{"ip link add q0 type veth peer name q1", "tc qdisc add dev q0 clsact"},
	line:  "tc filter add dev q0 egress protocol ip prio 1 u32 match ip dst 10.0.0.0/8 flowid 1:1",
	show:  "tc filter show dev q0 egress",
}, {
	// An action's bind and reference counts: the filter put back binds
	// to the old action until the deleted filter lets go of it.
	name: "u32 with a mirred action deleted",
	setup: []string{"ip link add q0 type veth peer name q1", "tc qdisc add dev q0 clsact",
		"tc filter add dev q0 ingress protocol all prio 1 u32 match u32 0 0 action mirred egress redirect dev q1"},
	line: "tc filter del dev q0 ingress",
	show: "tc -d filter show dev q0 ingress",
}, {
	name: "u32 with a mirred action with a cookie and hw stats deleted",
	setup: []string{"ip link add q0 type veth peer name q1", "tc qdisc add dev q0 clsact",
		"tc filter add dev q0 ingress protocol all prio 1 u32 match u32 0 0 action mirred egress redirect dev q1 cookie 1234abcd hw_stats immediate"},
	line: "tc filter del dev q0 ingress",
	show: "tc -d filter show dev q0 ingress",
}, {
	name: "htb with a class deleted",
	setup: []string{"ip link add q0 type veth peer name q1", "tc qdisc add dev q0 root handle 1: htb default 10 r2q 5",
		"tc class add dev q0 parent 1: classid 1:10 htb rate 10mbit ceil 20mbit burst 15k"},
	line: "tc qdisc del dev q0 root",
	show: "tc -d class show dev q0",
}, {
	// Dumped as tc_sfq_qopt_v1 with limit 127 below flows 128: sent
	// back, the limit would clamp the flows.
	name:  "sfq deleted",
	setup: []string{"ip link add q0 type veth peer name q1", "tc qdisc add dev q0 root sfq perturb 10 quantum 1514"},
	line:  "tc qdisc del dev q0 root",
	show:  "tc -d qdisc show dev q0",
}, {
	// Times kept as nanoseconds >> 10 and dumped in microseconds,
	// rounded down: 5ms reads 4999us.
	name:  "fq_codel deleted",
	setup: []string{"ip link add q0 type veth peer name q1", "tc qdisc add dev q0 root fq_codel limit 1000 flows 256 target 5ms ecn"},
	line:  "tc qdisc del dev q0 root",
	show:  "tc -d qdisc show dev q0",
}, {
	name:  "codel deleted",
	setup: []string{"ip link add q0 type veth peer name q1", "tc qdisc add dev q0 root codel limit 500 target 4ms interval 80ms ecn"},
	line:  "tc qdisc del dev q0 root",
	show:  "tc -d qdisc show dev q0",
}, {
	// ets parses its options strictly: nests need NLA_F_NESTED, which
	// dumps leave out.
	name:  "ets deleted",
	setup: []string{"ip link add q0 type veth peer name q1", "tc qdisc add dev q0 root handle 1: ets bands 3 strict 1 quanta 1500 1500"},
	line:  "tc qdisc del dev q0 root",
	show:  "tc -d class show dev q0",
}, {
	name: "gred without virtual queues deleted",
	setup: []string{"ip link add q0 type veth peer name q1",
		"tc qdisc add dev q0 root handle 1: gred setup vqs 4 default 1 grio limit 100k ecn"},
	line: "tc qdisc del dev q0 root",
	show: "tc -d qdisc show dev q0",
}, {
	// cgroup finds no filter by handle: it is deleted by priority.
	name: "cgroup added",
	setup: []string{"ip link add q0 type veth peer name q1", "tc qdisc add dev q0 root handle 1: htb default 10",
		"tc class add dev q0 parent 1: classid 1:10 htb rate 10mbit"},
	line: "tc filter add dev q0 parent 1: protocol ip prio 4 handle 1 cgroup action drop",
	show: "tc filter show dev q0",
}, {
	name:  "matchall with a ct action deleted",
	setup: []string{"ip link add q0 type veth peer name q1", "tc qdisc add dev q0 clsact", "tc filter add dev q0 ingress matchall action ct zone 3"},
	line:  "tc filter del dev q0 ingress",
	show:  "tc -d filter show dev q0 ingress",
}, {
	// A qdisc replacing an mqprio's default child: deleting it leaves
	// noop; making the mqprio again brings the default back.
	name: "cbs under mqprio added",
	setup: []string{"ip link add q0 numtxqueues 4 type veth peer name q1",
		"tc qdisc add dev q0 root handle 100: mqprio num_tc 2 map 0 0 1 1 queues 2@0 2@2 hw 0"},
	line: "tc qdisc replace dev q0 parent 100:1 handle 10: cbs idleslope 20000 sendslope -980000 hicredit 30 locredit -1470",
	show: "tc -d qdisc show dev q0",
}, {
	name:  "red deleted",
	setup: []string{"ip link add q0 type veth peer name q1", "tc qdisc add dev q0 root red limit 400000 min 30000 max 90000 avpkt 1000 burst 55 probability 0.02"},
	line:  "tc qdisc del dev q0 root",
	show:  "tc -d qdisc show dev q0",
	lost:  "cannot restore red qdisc 8",
}}

func TestAtomicRestoresFromDumps(t *testing.T) {
	needTool(t, "tc")
	needTool(t, "bridge")
	for _, tc := range restoreCases {
		t.Run(tc.name, func(t *testing.T) {
			ns := nltest.NewNamespace(t)
			for _, s := range tc.setup {
				args := append([]string{"netns", "exec", ns.Name}, strings.Fields(s)...)
				if out, err := exec.Command("ip", args...).CombinedOutput(); err != nil {
					t.Skipf("this kernel cannot run %q: %s", s, strings.TrimSpace(string(out)))
				}
			}
			show := strings.Fields(tc.show)
			before := ns.Run(show...)
			b := compileIPRoute2(t, tc.line+"\nip link add nlbfail0 type nlb-no-such-kind\n")
			rep := replayIn(t, ns, b, Options{Atomic: true})
			if rep.Failed != 1 && len(failures(rep)) > 0 && !strings.Contains(failures(rep)[0], "nlbfail0") {
				t.Skipf("this kernel cannot run %q:\n%s", tc.line, atomicReport(rep, b))
			}
			if tc.lost != "" {
				if rep.Rollback == nil || rep.Rollback.Restored || !strings.Contains(strings.Join(rep.Rollback.Refused, "\n"), tc.lost) {
					t.Fatalf("want an incomplete rollback saying %q:\n%s", tc.lost, atomicReport(rep, b))
				}
				for _, r := range rep.Rollback.Refused {
					if strings.Contains(r, "EINVAL") {
						t.Errorf("a request the kernel refuses was sent: %s", r)
					}
				}
				return
			}
			if rep.Rollback == nil || !rep.Rollback.Restored {
				t.Fatalf("not rolled back: %s\n%s", rep.Tally(), atomicReport(rep, b))
			}
			if diff := cmp.Diff(before, ns.Run(show...)); diff != "" {
				t.Errorf("%s differs after the rollback (-before +after):\n%s\n%s", tc.show, diff, atomicReport(rep, b))
			}
		})
	}
}

func compileIPRoute2(t testing.TB, text string) *nlb.Batch {
	t.Helper()
	c := batch.NewCompiler(batch.Options{})
	if err := batch.CompileIPRoute2(c, "test.batch", strings.NewReader(text), batch.IPRoute2Options{}); err != nil {
		t.Fatalf("compiling: %v", err)
	}
	return c.Batch()
}
