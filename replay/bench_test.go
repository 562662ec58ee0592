package replay

import (
	"bytes"
	"context"
	"net/netip"
	"os"
	"testing"

	"github.com/nlbatch/nlbatch/batch"
	"github.com/nlbatch/nlbatch/internal/nltest"
	"github.com/nlbatch/nlbatch/nlb"
)

// benchRoutes is the size of BenchmarkReplayRoutes's batch.
const benchRoutes = 10000

// BenchmarkReplayRoutes replays benchRoutes IPv4 /24 route adds via an
// on-link gateway (the interface by name, resolved on the target) into a
// fresh namespace per iteration, as bench/replay.sh does with
// `nlbatch replay`. Only Replay is timed: compiling, creating the
// namespace and checking the report are not.
func BenchmarkReplayRoutes(b *testing.B) {
	if os.Geteuid() != 0 {
		b.Skip("needs root: every iteration creates a network namespace and adds routes in it")
	}
	c := batch.NewCompiler(batch.Options{})
	gw := netip.MustParseAddr("192.0.2.2")
	for i := range benchRoutes {
		r := batch.Route{Dst: netip.PrefixFrom(netip.AddrFrom4([4]byte{10, byte(i >> 8), byte(i), 0}), 24), Gateway: gw, Dev: "v0"}
		if err := c.AddRoute(batch.CmdAdd, &r, nlb.Source{}); err != nil {
			b.Fatal(err)
		}
	}
	bt := c.Batch()
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		// The namespaces go at the end of the run (nltest's cleanup),
		// not here: tearing one down frees its routes in kernel
		// workers, which would compete with the next timed replay.
		ns := nltest.NewNamespace(b)
		ns.Run("ip", "link", "add", "v0", "type", "veth", "peer", "name", "v1")
		ns.Run("ip", "link", "set", "v0", "up")
		ns.Run("ip", "link", "set", "v1", "up")
		ns.Run("ip", "addr", "add", "192.0.2.1/24", "dev", "v0")
		b.StartTimer()
		rep, err := Replay(context.Background(), bt, Options{NetNS: ns.Name})
		b.StopTimer()
		if err != nil {
			b.Fatalf("Replay: %v", err)
		}
		if !rep.OK() || rep.Applied != benchRoutes {
			var buf bytes.Buffer
			rep.WriteText(&buf, bt)
			b.Fatalf("applied %d of %d routes (failed %d, unknown %d):\n%s", rep.Applied, benchRoutes, rep.Failed, rep.Unknown, buf.String())
		}
		for i, o := range rep.Outcomes {
			if o != Applied {
				b.Fatalf("route %d: %v", i, o)
			}
		}
		b.StartTimer()
	}
	b.StopTimer()
	b.ReportMetric(float64(benchRoutes*b.N)/b.Elapsed().Seconds(), "routes/s")
}
