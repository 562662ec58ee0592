package batch_test

import (
	"fmt"
	"net/netip"
	"testing"

	"github.com/nlbatch/nlbatch/batch"
	"github.com/nlbatch/nlbatch/codec"
	"github.com/nlbatch/nlbatch/nlb"
)

func linkCase(name string, cmd batch.Cmd, l batch.Link, byName *codec.Request) typedCase {
	return typedCase{name: name, add: func(c *batch.Compiler) error { return c.AddLink(cmd, &l, nlb.Source{}) }, byName: byName}
}

func TestAddLinkMatchesRequestByNames(t *testing.T) {
	const add = codec.FlagAck | codec.FlagCreate | codec.FlagExcl
	up := []codec.FieldValue{{Name: "ifi_flags", Value: "IFF_UP"}, {Name: "ifi_change", Value: "IFF_UP"}}
	checkTyped(t, []typedCase{
		linkCase("dummy, up", batch.CmdAdd,
			batch.Link{Name: "d0", Kind: "dummy", MTU: 9000, TxQLen: 100, Address: mustMAC("02:00:00:00:00:01"), Alias: "test", State: batch.LinkUp},
			&codec.Request{Type: "RTM_NEWLINK", Flags: add, Header: up,
				Attrs: []codec.AttrValue{{Name: "IFLA_IFNAME", Value: "d0"}, {Name: "IFLA_MTU", Value: "9000"}, {Name: "IFLA_TXQLEN", Value: "100"},
					{Name: "IFLA_ADDRESS", Value: "02:00:00:00:00:01"}, {Name: "IFLA_IFALIAS", Value: "test"},
					{Name: "IFLA_LINKINFO", Attrs: []codec.AttrValue{{Name: "IFLA_INFO_KIND", Value: "dummy"}}}}}),
		linkCase("bridge", batch.CmdAdd,
			batch.Link{Name: "br0", Kind: "bridge"},
			&codec.Request{Type: "RTM_NEWLINK", Flags: add,
				Attrs: []codec.AttrValue{{Name: "IFLA_IFNAME", Value: "br0"}, {Name: "IFLA_LINKINFO", Attrs: []codec.AttrValue{{Name: "IFLA_INFO_KIND", Value: "bridge"}}}}}),
		linkCase("veth pair", batch.CmdAdd,
			batch.Link{Name: "v0", Kind: "veth", Peer: "v1", Master: "br0"},
			&codec.Request{Type: "RTM_NEWLINK", Flags: add,
				Attrs: []codec.AttrValue{{Name: "IFLA_IFNAME", Value: "v0"}, {Name: "IFLA_MASTER", Value: "br0"},
					{Name: "IFLA_LINKINFO", Attrs: []codec.AttrValue{{Name: "IFLA_INFO_KIND", Value: "veth"},
						{Name: "IFLA_INFO_DATA", Attrs: []codec.AttrValue{{Name: "VETH_INFO_PEER", Attrs: []codec.AttrValue{{Name: "IFLA_IFNAME", Value: "v1"}}}}}}}}}),
		linkCase("vlan", batch.CmdAdd,
			batch.Link{Name: "eth0.10", Kind: "vlan", Link: "eth0", VlanID: 10, VlanProtocol: 0x88a8},
			&codec.Request{Type: "RTM_NEWLINK", Flags: add,
				Attrs: []codec.AttrValue{{Name: "IFLA_IFNAME", Value: "eth0.10"}, {Name: "IFLA_LINK", Value: "eth0"},
					{Name: "IFLA_LINKINFO", Attrs: []codec.AttrValue{{Name: "IFLA_INFO_KIND", Value: "vlan"},
						{Name: "IFLA_INFO_DATA", Attrs: []codec.AttrValue{{Name: "IFLA_VLAN_ID", Value: "10"}, {Name: "IFLA_VLAN_PROTOCOL", Value: "ETH_P_8021AD"}}}}}}}),
		linkCase("vxlan", batch.CmdAdd,
			batch.Link{Name: "vx0", Kind: "vxlan", VNI: 100, Port: 4789, Local: netip.MustParseAddr("192.0.2.1"), Remote: netip.MustParseAddr("198.51.100.2"), Link: "eth0"},
			&codec.Request{Type: "RTM_NEWLINK", Flags: add,
				Attrs: []codec.AttrValue{{Name: "IFLA_IFNAME", Value: "vx0"},
					{Name: "IFLA_LINKINFO", Attrs: []codec.AttrValue{{Name: "IFLA_INFO_KIND", Value: "vxlan"},
						{Name: "IFLA_INFO_DATA", Attrs: []codec.AttrValue{{Name: "IFLA_VXLAN_ID", Value: "100"}, {Name: "IFLA_VXLAN_GROUP", Value: "198.51.100.2"},
							{Name: "IFLA_VXLAN_LINK", Value: "eth0"}, {Name: "IFLA_VXLAN_LOCAL", Value: "192.0.2.1"}, {Name: "IFLA_VXLAN_PORT", Value: "4789"}}}}}}}),
		linkCase("vxlan ipv6 group", batch.CmdAdd,
			batch.Link{Name: "vx6", Kind: "vxlan", VNI: 7, Group: netip.MustParseAddr("ff05::100"), LinkIndex: 2},
			&codec.Request{Type: "RTM_NEWLINK", Flags: add,
				Attrs: []codec.AttrValue{{Name: "IFLA_IFNAME", Value: "vx6"},
					{Name: "IFLA_LINKINFO", Attrs: []codec.AttrValue{{Name: "IFLA_INFO_KIND", Value: "vxlan"},
						{Name: "IFLA_INFO_DATA", Attrs: []codec.AttrValue{{Name: "IFLA_VXLAN_ID", Value: "7"}, {Name: "IFLA_VXLAN_GROUP6", Value: "ff05::100"},
							{Name: "IFLA_VXLAN_LINK", Value: "2"}}}}}}}),
		linkCase("macvlan", batch.CmdAdd,
			batch.Link{Name: "mv0", Kind: "macvlan", LinkIndex: 2, MacvlanMode: 4},
			&codec.Request{Type: "RTM_NEWLINK", Flags: add,
				Attrs: []codec.AttrValue{{Name: "IFLA_IFNAME", Value: "mv0"}, {Name: "IFLA_LINK", Value: "2"},
					{Name: "IFLA_LINKINFO", Attrs: []codec.AttrValue{{Name: "IFLA_INFO_KIND", Value: "macvlan"},
						{Name: "IFLA_INFO_DATA", Attrs: []codec.AttrValue{{Name: "IFLA_MACVLAN_MODE", Value: "MACVLAN_MODE_BRIDGE"}}}}}}}),
		linkCase("set: rename, down, enslave", batch.CmdSet,
			batch.Link{Dev: "eth1", Name: "lan0", State: batch.LinkDown, Master: "br0"},
			&codec.Request{Type: "RTM_NEWLINK", Flags: codec.FlagAck,
				Header: []codec.FieldValue{{Name: "ifi_index", Value: "eth1"}, {Name: "ifi_change", Value: "IFF_UP"}},
				Attrs:  []codec.AttrValue{{Name: "IFLA_IFNAME", Value: "lan0"}, {Name: "IFLA_MASTER", Value: "br0"}}}),
		linkCase("set by index", batch.CmdSet,
			batch.Link{Index: 7, MTU: 1400, State: batch.LinkUp},
			&codec.Request{Type: "RTM_NEWLINK", Flags: codec.FlagAck,
				Header: []codec.FieldValue{{Name: "ifi_index", Value: "7"}, {Name: "ifi_flags", Value: "IFF_UP"}, {Name: "ifi_change", Value: "IFF_UP"}},
				Attrs:  []codec.AttrValue{{Name: "IFLA_MTU", Value: "1400"}}}),
		linkCase("delete", batch.CmdDel,
			batch.Link{Dev: "v0"},
			&codec.Request{Type: "RTM_DELLINK", Flags: codec.FlagAck,
				Header: []codec.FieldValue{{Name: "ifi_index", Value: "v0"}}}),
	})
}

func TestAddLinkRefused(t *testing.T) {
	for name, l := range map[string]batch.Link{
		"unknown kind":     {Name: "x0", Kind: "nosuchkind"},
		"no link named":    {Kind: "dummy"},
		"bad master":       {Name: "x0", Kind: "dummy", Master: "a/b"},
		"bad lower dev":    {Name: "x0", Kind: "vxlan", VNI: 1, Link: "a b"},
		"remote and group": {Name: "x0", Kind: "vxlan", VNI: 1, Remote: netip.MustParseAddr("192.0.2.1"), Group: netip.MustParseAddr("239.1.1.1")},
	} {
		checkRefused(t, name, func(c *batch.Compiler) error { return c.AddLink(batch.CmdAdd, &l, nlb.Source{}) })
	}
	c := batch.NewCompiler(batch.Options{})
	if err := c.AddLink(batch.CmdAdd, &batch.Link{Name: "d0", Kind: "dummy"}, nlb.Source{}); err != nil {
		t.Fatal(err)
	}
	if err := c.AddLink(batch.CmdAdd, &batch.Link{Name: "d0", Kind: "dummy"}, nlb.Source{}); err == nil || c.Len() != 1 {
		t.Errorf("a link created twice: err %v, %d messages", err, c.Len())
	}
}

// BenchmarkAddLinkSet measures the typed link path for changes to
// existing links (no interface created): messages per second and
// allocations per message.
func BenchmarkAddLinkSet(b *testing.B) {
	b.ReportAllocs()
	c := batch.NewCompiler(batch.Options{})
	for i := 0; i < b.N; i++ {
		if i%100000 == 0 {
			c = batch.NewCompiler(batch.Options{})
		}
		l := batch.Link{Index: uint32(i%1000 + 1), MTU: 1500, State: batch.LinkUp, Master: "br0"}
		if err := c.AddLink(batch.CmdSet, &l, nlb.Source{}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "msgs/s")
}

// ExampleCompiler_AddLink creates a bridge and a veth pair, enslaves one
// end and brings both up: the created interfaces get RelocNewIfindex, so
// the later messages can name them.
func ExampleCompiler_AddLink() {
	c := batch.NewCompiler(batch.Options{})
	for _, r := range []struct {
		cmd  batch.Cmd
		link batch.Link
	}{
		{batch.CmdAdd, batch.Link{Name: "br0", Kind: "bridge"}},
		{batch.CmdAdd, batch.Link{Name: "v0", Kind: "veth", Peer: "v1"}},
		{batch.CmdSet, batch.Link{Dev: "v0", Master: "br0", State: batch.LinkUp}},
		{batch.CmdSet, batch.Link{Dev: "br0", State: batch.LinkUp}},
	} {
		if err := c.AddLink(r.cmd, &r.link, nlb.Source{}); err != nil {
			fmt.Println(err)
			return
		}
	}
	printBatch(c)
	// Output:
	// RTM_NEWLINK seq=1 pid=0 [REQUEST,ACK,EXCL,CREATE] 0: br0 <> kind bridge
	// RTM_NEWLINK seq=2 pid=0 [REQUEST,ACK,EXCL,CREATE] 0: v0 <> kind veth
	// RTM_NEWLINK seq=3 pid=0 [REQUEST,ACK] 0: <UP> master 0
	// RTM_NEWLINK seq=4 pid=0 [REQUEST,ACK] 0: <UP>
	// message 0 byte 20: new-ifindex br0
	// message 1 byte 20: new-ifindex v0
	// message 1 byte 68: new-ifindex v1
	// message 2 byte 20: ifindex v0
	// message 2 byte 36: ifindex br0
	// message 3 byte 20: ifindex br0
}
