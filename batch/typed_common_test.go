package batch_test

import (
	"bytes"
	"fmt"
	"net"
	"net/netip"
	"testing"

	"github.com/nlbatch/nlbatch/batch"
	"github.com/nlbatch/nlbatch/codec"
	"github.com/nlbatch/nlbatch/nlb"
)

// typedCase is one request through a typed method and the same request
// written by names.
type typedCase struct {
	name   string
	add    func(c *batch.Compiler) error
	byName *codec.Request
}

// checkTyped compiles every case both ways, in both byte orders, and
// requires the same messages and relocations.
func checkTyped(t *testing.T, cases []typedCase) {
	t.Helper()
	for _, tt := range cases {
		for _, big := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s/big=%v", tt.name, big), func(t *testing.T) {
				typed := batch.NewCompiler(batch.Options{BigEndian: big})
				if err := tt.add(typed); err != nil {
					t.Fatal(err)
				}
				named := batch.NewCompiler(batch.Options{BigEndian: big})
				if err := named.Add(tt.byName, nlb.Source{}); err != nil {
					t.Fatal(err)
				}
				a, b := typed.Batch(), named.Batch()
				if !bytes.Equal(a.Messages, b.Messages) {
					t.Fatalf("typed and by-name encodings differ\ntyped %x\nnamed %x", a.Messages, b.Messages)
				}
				if fmt.Sprint(a.Relocs) != fmt.Sprint(b.Relocs) {
					t.Fatalf("relocations differ: typed %v, named %v", a.Relocs, b.Relocs)
				}
				if err := a.Verify(); err != nil {
					t.Fatal(err)
				}
			})
		}
	}
}

// checkRefused requires a typed request to fail without writing anything.
func checkRefused(t *testing.T, name string, add func(c *batch.Compiler) error) {
	t.Helper()
	c := batch.NewCompiler(batch.Options{})
	if err := add(c); err == nil {
		t.Errorf("%s: accepted", name)
	}
	if c.Len() != 0 || len(c.Batch().Relocs) != 0 {
		t.Errorf("%s: refused request left %d messages, %d relocations", name, c.Len(), len(c.Batch().Relocs))
	}
}

// printBatch prints a batch's messages with nldump's summary printer, and
// its relocations.
func printBatch(c *batch.Compiler) {
	b := c.Batch()
	_ = b.Each(func(i int, msg []byte) error {
		m, err := codec.Decode(codec.ProtoRoute, nil, msg)
		if err != nil {
			return err
		}
		fmt.Println(string(codec.AppendSummary(nil, m)))
		return nil
	})
	for _, r := range b.Relocs {
		fmt.Printf("message %d byte %d: %s %s\n", r.Message, r.Offset, r.Kind, r.Symbol)
	}
}

// TestTypedZeroAllocs checks that the typed requests that create no
// interface do not allocate per message once the buffers have grown.
func TestTypedZeroAllocs(t *testing.T) {
	mac := net.HardwareAddr{2, 0, 0, 0, 0, 7}
	addr := batch.Addr{Dev: "eth0", Prefix: netip.MustParsePrefix("192.0.2.10/24"), BroadcastAuto: true, Label: "eth0:1", ValidLft: 60}
	neigh := batch.Neigh{FDB: true, LLAddr: mac, Dev: "vx0", Dst: netip.MustParseAddr("2001:db8::2"), VNI: 100, Master: "br0"}
	rule := batch.Rule{Src: netip.MustParsePrefix("10.1.0.0/16"), IIf: "eth0", Table: 1000, Priority: 100}
	nh := batch.Nexthop{ID: 10, Group: []batch.NexthopGroupMember{{ID: 1}, {ID: 2, Weight: 3}}}
	nhDev := batch.Nexthop{ID: 1, Gateway: netip.MustParseAddr("192.0.2.1"), Dev: "eth0"}
	link := batch.Link{Dev: "vx0", Kind: "vxlan", VNI: 5, Remote: netip.MustParseAddr("2001:db8::9"), Link: "eth0", Master: "br0", State: batch.LinkUp}
	for name, add := range map[string]func(c *batch.Compiler) error{
		"addr":    func(c *batch.Compiler) error { return c.AddAddr(batch.CmdAdd, &addr, nlb.Source{}) },
		"neigh":   func(c *batch.Compiler) error { return c.AddNeigh(batch.CmdAppend, &neigh, nlb.Source{}) },
		"rule":    func(c *batch.Compiler) error { return c.AddRule(batch.CmdAdd, &rule, nlb.Source{}) },
		"nexthop": func(c *batch.Compiler) error { return c.AddNexthop(batch.CmdAdd, &nh, nlb.Source{}) },
		"nh dev":  func(c *batch.Compiler) error { return c.AddNexthop(batch.CmdAdd, &nhDev, nlb.Source{}) },
		"link":    func(c *batch.Compiler) error { return c.AddLink(batch.CmdSet, &link, nlb.Source{}) },
	} {
		c := batch.NewCompiler(batch.Options{})
		for i := 0; i < 10000; i++ { // grow the buffers
			if err := add(c); err != nil {
				t.Fatal(err)
			}
		}
		if n := testing.AllocsPerRun(1000, func() { _ = add(c) }); n > 0 {
			t.Errorf("%s: %v allocations per message", name, n)
		}
	}
}
