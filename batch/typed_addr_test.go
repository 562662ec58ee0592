package batch_test

import (
	"fmt"
	"net/netip"
	"testing"

	"github.com/nlbatch/nlbatch/batch"
	"github.com/nlbatch/nlbatch/codec"
	"github.com/nlbatch/nlbatch/nlb"
)

func addrCase(name string, cmd batch.Cmd, a batch.Addr, byName *codec.Request) typedCase {
	return typedCase{name: name, add: func(c *batch.Compiler) error { return c.AddAddr(cmd, &a, nlb.Source{}) }, byName: byName}
}

func TestAddAddrMatchesRequestByNames(t *testing.T) {
	const add = codec.FlagAck | codec.FlagCreate | codec.FlagExcl
	checkTyped(t, []typedCase{
		addrCase("ipv4 with computed broadcast", batch.CmdAdd,
			batch.Addr{Dev: "eth0", Prefix: netip.MustParsePrefix("192.0.2.10/24"), BroadcastAuto: true, Label: "eth0:1"},
			&codec.Request{Type: "RTM_NEWADDR", Flags: add,
				Header: []codec.FieldValue{{Name: "ifa_family", Value: "AF_INET"}, {Name: "ifa_prefixlen", Value: "24"}, {Name: "ifa_index", Value: "eth0"}},
				Attrs: []codec.AttrValue{{Name: "IFA_ADDRESS", Value: "192.0.2.10"}, {Name: "IFA_LOCAL", Value: "192.0.2.10"},
					{Name: "IFA_LABEL", Value: "eth0:1"}, {Name: "IFA_BROADCAST", Value: "192.0.2.255"}}}),
		addrCase("ipv4 point-to-point", batch.CmdReplace,
			batch.Addr{Index: 3, Prefix: netip.MustParsePrefix("10.0.0.1/32"), Peer: netip.MustParseAddr("10.0.0.2"), Scope: 253},
			&codec.Request{Type: "RTM_NEWADDR", Flags: codec.FlagAck | codec.FlagCreate | codec.FlagReplace,
				Header: []codec.FieldValue{{Name: "ifa_family", Value: "AF_INET"}, {Name: "ifa_prefixlen", Value: "32"}, {Name: "ifa_scope", Value: "link"}, {Name: "ifa_index", Value: "3"}},
				Attrs:  []codec.AttrValue{{Name: "IFA_ADDRESS", Value: "10.0.0.2"}, {Name: "IFA_LOCAL", Value: "10.0.0.1"}}}),
		addrCase("ipv6 with lifetimes and flags", batch.CmdAdd,
			batch.Addr{Dev: "v0", Prefix: netip.MustParsePrefix("2001:db8::5/64"), Flags: 0x02 | 0x200, ValidLft: 600, PreferredLft: 300},
			&codec.Request{Type: "RTM_NEWADDR", Flags: add,
				Header: []codec.FieldValue{{Name: "ifa_family", Value: "AF_INET6"}, {Name: "ifa_prefixlen", Value: "64"}, {Name: "ifa_flags", Value: "IFA_F_NODAD"}, {Name: "ifa_index", Value: "v0"}},
				Attrs: []codec.AttrValue{{Name: "IFA_ADDRESS", Value: "2001:db8::5"},
					{Name: "IFA_CACHEINFO", Fields: []codec.FieldValue{{Name: "ifa_prefered", Value: "300"}, {Name: "ifa_valid", Value: "600"}}},
					{Name: "IFA_FLAGS", Value: "IFA_F_NODAD,IFA_F_NOPREFIXROUTE"}}}),
		addrCase("valid lifetime only", batch.CmdAdd,
			batch.Addr{Index: 2, Prefix: netip.MustParsePrefix("198.51.100.1/24"), ValidLft: 60, Broadcast: netip.MustParseAddr("198.51.100.255")},
			&codec.Request{Type: "RTM_NEWADDR", Flags: add,
				Header: []codec.FieldValue{{Name: "ifa_family", Value: "AF_INET"}, {Name: "ifa_prefixlen", Value: "24"}, {Name: "ifa_index", Value: "2"}},
				Attrs: []codec.AttrValue{{Name: "IFA_ADDRESS", Value: "198.51.100.1"}, {Name: "IFA_LOCAL", Value: "198.51.100.1"}, {Name: "IFA_BROADCAST", Value: "198.51.100.255"},
					{Name: "IFA_CACHEINFO", Fields: []codec.FieldValue{{Name: "ifa_prefered", Value: "60"}, {Name: "ifa_valid", Value: "60"}}}}}),
		addrCase("delete", batch.CmdDel,
			batch.Addr{Dev: "eth0", Prefix: netip.MustParsePrefix("192.0.2.10/24")},
			&codec.Request{Type: "RTM_DELADDR", Flags: codec.FlagAck,
				Header: []codec.FieldValue{{Name: "ifa_family", Value: "AF_INET"}, {Name: "ifa_prefixlen", Value: "24"}, {Name: "ifa_index", Value: "eth0"}},
				Attrs:  []codec.AttrValue{{Name: "IFA_ADDRESS", Value: "192.0.2.10"}, {Name: "IFA_LOCAL", Value: "192.0.2.10"}}}),
	})
}

func TestAddAddrRefused(t *testing.T) {
	for name, a := range map[string]batch.Addr{
		"no prefix":          {Dev: "eth0"},
		"no interface":       {Prefix: netip.MustParsePrefix("192.0.2.1/24")},
		"ipv6 broadcast":     {Dev: "eth0", Prefix: netip.MustParsePrefix("2001:db8::1/64"), BroadcastAuto: true},
		"bad interface name": {Dev: "a/b", Prefix: netip.MustParsePrefix("192.0.2.1/24")},
		"ipv4-mapped":        {Dev: "eth0", Prefix: netip.MustParsePrefix("::ffff:192.0.2.1/120")},
	} {
		checkRefused(t, name, func(c *batch.Compiler) error { return c.AddAddr(batch.CmdAdd, &a, nlb.Source{}) })
	}
}

func TestTypedErrorSource(t *testing.T) {
	c := batch.NewCompiler(batch.Options{})
	err := c.AddAddr(batch.CmdAdd, &batch.Addr{Dev: "eth0"}, nlb.Source{File: "net.json", Line: 3, Col: 5})
	if err == nil || err.Error() != "net.json:3:5: addr: no prefix" {
		t.Errorf("error %v", err)
	}
}

// BenchmarkAddAddr measures the typed address path: messages per second
// on one core, and allocations per message.
func BenchmarkAddAddr(b *testing.B) {
	b.ReportAllocs()
	c := batch.NewCompiler(batch.Options{})
	for i := 0; i < b.N; i++ {
		if i%100000 == 0 {
			c = batch.NewCompiler(batch.Options{})
		}
		a := batch.Addr{Index: 3, Prefix: netip.PrefixFrom(netip.AddrFrom4([4]byte{10, byte(i >> 16), byte(i >> 8), byte(i)}), 16), BroadcastAuto: true}
		if err := c.AddAddr(batch.CmdAdd, &a, nlb.Source{}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "msgs/s")
}

// ExampleCompiler_AddAddr adds an IPv4 address with its broadcast
// computed, and an IPv6 address, on an interface named on the target.
func ExampleCompiler_AddAddr() {
	c := batch.NewCompiler(batch.Options{})
	for _, a := range []batch.Addr{
		{Dev: "eth0", Prefix: netip.MustParsePrefix("192.0.2.10/24"), BroadcastAuto: true},
		{Dev: "eth0", Prefix: netip.MustParsePrefix("2001:db8::10/64"), ValidLft: 3600},
	} {
		if err := c.AddAddr(batch.CmdAdd, &a, nlb.Source{}); err != nil {
			fmt.Println(err)
			return
		}
	}
	printBatch(c)
	// Output:
	// RTM_NEWADDR seq=1 pid=0 [REQUEST,ACK,EXCL,CREATE] 0: inet 192.0.2.10/24 local 192.0.2.10 brd 192.0.2.255 scope universe
	// RTM_NEWADDR seq=2 pid=0 [REQUEST,ACK,EXCL,CREATE] 0: inet6 2001:db8::10/64 scope universe
	// message 0 byte 20: ifindex eth0
	// message 1 byte 20: ifindex eth0
}
