package batch_test

import (
	"bytes"
	"fmt"
	"net/netip"
	"testing"

	"github.com/nlbatch/nlbatch/batch"
	"github.com/nlbatch/nlbatch/codec"
	"github.com/nlbatch/nlbatch/nlb"
)

// TestAddRouteMatchesRequestByNames compiles the same routes through the
// typed API and through a Request written by names: the schema-driven
// encoder is the reference for the hand-rolled fast path.
func TestAddRouteMatchesRequestByNames(t *testing.T) {
	tests := []struct {
		name   string
		cmd    batch.Cmd
		route  batch.Route
		byName *codec.Request
	}{
		{
			name:  "via gateway and dev",
			cmd:   batch.CmdAdd,
			route: batch.Route{Dst: netip.MustParsePrefix("198.51.100.0/24"), Gateway: netip.MustParseAddr("192.0.2.1"), Dev: "eth0", Priority: 10},
			byName: &codec.Request{Type: "RTM_NEWROUTE", Flags: codec.FlagAck | codec.FlagCreate | codec.FlagExcl,
				Header: []codec.FieldValue{{Name: "rtm_family", Value: "AF_INET"}, {Name: "rtm_dst_len", Value: "24"}, {Name: "rtm_table", Value: "main"}, {Name: "rtm_protocol", Value: "boot"}, {Name: "rtm_type", Value: "unicast"}},
				Attrs:  []codec.AttrValue{{Name: "RTA_DST", Value: "198.51.100.0"}, {Name: "RTA_GATEWAY", Value: "192.0.2.1"}, {Name: "RTA_OIF", Value: "eth0"}, {Name: "RTA_PRIORITY", Value: "10"}}},
		},
		{
			name:  "ipv6 in a big table",
			cmd:   batch.CmdReplace,
			route: batch.Route{Dst: netip.MustParsePrefix("2001:db8:1::/48"), Gateway: netip.MustParseAddr("2001:db8::1"), Table: 1000},
			byName: &codec.Request{Type: "RTM_NEWROUTE", Flags: codec.FlagAck | codec.FlagCreate | codec.FlagReplace,
				Header: []codec.FieldValue{{Name: "rtm_family", Value: "AF_INET6"}, {Name: "rtm_dst_len", Value: "48"}, {Name: "rtm_table", Value: "RT_TABLE_COMPAT"}, {Name: "rtm_protocol", Value: "boot"}, {Name: "rtm_type", Value: "unicast"}},
				Attrs:  []codec.AttrValue{{Name: "RTA_TABLE", Value: "1000"}, {Name: "RTA_DST", Value: "2001:db8:1::"}, {Name: "RTA_GATEWAY", Value: "2001:db8::1"}}},
		},
		{
			name:  "delete",
			cmd:   batch.CmdDel,
			route: batch.Route{Dst: netip.MustParsePrefix("198.51.100.7/24"), NHID: 5},
			byName: &codec.Request{Type: "RTM_DELROUTE", Flags: codec.FlagAck,
				Header: []codec.FieldValue{{Name: "rtm_family", Value: "AF_INET"}, {Name: "rtm_dst_len", Value: "24"}, {Name: "rtm_table", Value: "main"}, {Name: "rtm_scope", Value: "nowhere"}},
				Attrs:  []codec.AttrValue{{Name: "RTA_DST", Value: "198.51.100.0"}, {Name: "RTA_NH_ID", Value: "5"}}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			typed := batch.NewCompiler(batch.Options{})
			if err := typed.AddRoute(tt.cmd, &tt.route, nlb.Source{}); err != nil {
				t.Fatal(err)
			}
			named := batch.NewCompiler(batch.Options{})
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

// BenchmarkAddRoute measures the typed hot path: route messages per
// second on one core, and allocations per message.
func BenchmarkAddRoute(b *testing.B) {
	gw := netip.MustParseAddr("10.255.0.2")
	b.ReportAllocs()
	c := batch.NewCompiler(batch.Options{})
	for i := 0; i < b.N; i++ {
		if i%100000 == 0 {
			c = batch.NewCompiler(batch.Options{})
		}
		r := batch.Route{Dst: netip.PrefixFrom(netip.AddrFrom4([4]byte{11, byte(i >> 16), byte(i >> 8), 0}), 24), Gateway: gw, OIF: 3}
		if err := c.AddRoute(batch.CmdAdd, &r, nlb.Source{}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "msgs/s")
}

// ExampleCompiler_AddRoute compiles two routes through an interface
// named on the target, and shows them with nldump's printer.
func ExampleCompiler_AddRoute() {
	c := batch.NewCompiler(batch.Options{})
	for _, dst := range []string{"198.51.100.0/24", "203.0.113.0/24"} {
		r := batch.Route{Dst: netip.MustParsePrefix(dst), Gateway: netip.MustParseAddr("192.0.2.1"), Dev: "eth0"}
		if err := c.AddRoute(batch.CmdAdd, &r, nlb.Source{}); err != nil {
			fmt.Println(err)
			return
		}
	}
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
	// Output:
	// RTM_NEWROUTE seq=1 pid=0 [REQUEST,ACK,EXCL,CREATE] inet unicast 198.51.100.0/24 via 192.0.2.1 dev 0 proto boot scope universe
	// RTM_NEWROUTE seq=2 pid=0 [REQUEST,ACK,EXCL,CREATE] inet unicast 203.0.113.0/24 via 192.0.2.1 dev 0 proto boot scope universe
	// message 0 byte 48: ifindex eth0
	// message 1 byte 48: ifindex eth0
}
