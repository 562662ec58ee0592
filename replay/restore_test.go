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

// restoreCases are objects an atomic rollback must make again from
// their dump when the batch deleted them (or delete when the batch made
// them), each a case the kernel lab's matrix found wrong: how the kernel
// dumps them is not how it takes them back. Kinds this kernel lacks are
// skipped; the lab's matrix covers every kind (lab/scenarios/matrix.sh).
var restoreCases = []struct {
	name  string
	setup []string // iproute2 commands, run in order
	line  string   // the batch's line, iproute2 syntax
	show  string   // what must read the same before and after
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
			if rep.Failed != 1 || rep.Rollback == nil || !rep.Rollback.Restored {
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
