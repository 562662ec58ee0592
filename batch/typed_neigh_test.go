package batch_test

import (
	"fmt"
	"net"
	"net/netip"
	"testing"

	"github.com/nlbatch/nlbatch/batch"
	"github.com/nlbatch/nlbatch/codec"
	"github.com/nlbatch/nlbatch/nlb"
)

func neighCase(name string, cmd batch.Cmd, n batch.Neigh, byName *codec.Request) typedCase {
	return typedCase{name: name, add: func(c *batch.Compiler) error { return c.AddNeigh(cmd, &n, nlb.Source{}) }, byName: byName}
}

func mustMAC(s string) net.HardwareAddr {
	m, err := net.ParseMAC(s)
	if err != nil {
		panic(err)
	}
	return m
}

func TestAddNeighMatchesRequestByNames(t *testing.T) {
	checkTyped(t, []typedCase{
		neighCase("arp entry", batch.CmdReplace,
			batch.Neigh{Dst: netip.MustParseAddr("192.0.2.7"), LLAddr: mustMAC("02:00:00:00:00:07"), Dev: "eth0", State: 0x80},
			&codec.Request{Type: "RTM_NEWNEIGH", Flags: codec.FlagAck | codec.FlagCreate | codec.FlagReplace,
				Header: []codec.FieldValue{{Name: "ndm_family", Value: "AF_INET"}, {Name: "ndm_ifindex", Value: "eth0"}, {Name: "ndm_state", Value: "NUD_PERMANENT"}},
				Attrs:  []codec.AttrValue{{Name: "NDA_DST", Value: "192.0.2.7"}, {Name: "NDA_LLADDR", Value: "02:00:00:00:00:07"}}}),
		neighCase("ipv6 proxy by index", batch.CmdAdd,
			batch.Neigh{Dst: netip.MustParseAddr("2001:db8::7"), Index: 4, Flags: 0x08},
			&codec.Request{Type: "RTM_NEWNEIGH", Flags: codec.FlagAck | codec.FlagCreate | codec.FlagExcl,
				Header: []codec.FieldValue{{Name: "ndm_family", Value: "AF_INET6"}, {Name: "ndm_ifindex", Value: "4"}, {Name: "ndm_flags", Value: "NTF_PROXY"}},
				Attrs:  []codec.AttrValue{{Name: "NDA_DST", Value: "2001:db8::7"}}}),
		neighCase("vxlan fdb with pyroute2 defaults", batch.CmdAppend,
			batch.Neigh{FDB: true, LLAddr: mustMAC("00:00:00:00:00:00"), Dev: "vx0", Dst: netip.MustParseAddr("198.51.100.2"), VNI: 100, Port: 4789, Vlan: 10},
			&codec.Request{Type: "RTM_NEWNEIGH", Flags: codec.FlagAck | codec.FlagCreate | codec.FlagAppend,
				Header: []codec.FieldValue{{Name: "ndm_family", Value: "AF_BRIDGE"}, {Name: "ndm_ifindex", Value: "vx0"}, {Name: "ndm_state", Value: "NUD_NOARP,NUD_PERMANENT"}, {Name: "ndm_flags", Value: "NTF_SELF"}},
				Attrs: []codec.AttrValue{{Name: "NDA_DST", Value: "198.51.100.2"}, {Name: "NDA_LLADDR", Value: "00:00:00:00:00:00"},
					{Name: "NDA_VLAN", Value: "10"}, {Name: "NDA_PORT", Value: "4789"}, {Name: "NDA_VNI", Value: "100"}}}),
		neighCase("bridge fdb on the master", batch.CmdDel,
			batch.Neigh{FDB: true, LLAddr: mustMAC("02:00:00:00:00:08"), Dev: "veth0", Flags: 0x04, Master: "br0"},
			&codec.Request{Type: "RTM_DELNEIGH", Flags: codec.FlagAck,
				Header: []codec.FieldValue{{Name: "ndm_family", Value: "AF_BRIDGE"}, {Name: "ndm_ifindex", Value: "veth0"}, {Name: "ndm_state", Value: "NUD_NOARP,NUD_PERMANENT"}, {Name: "ndm_flags", Value: "NTF_MASTER"}},
				Attrs:  []codec.AttrValue{{Name: "NDA_LLADDR", Value: "02:00:00:00:00:08"}, {Name: "NDA_MASTER", Value: "br0"}}}),
	})
	checkRefused(t, "no family", func(c *batch.Compiler) error {
		return c.AddNeigh(batch.CmdAdd, &batch.Neigh{LLAddr: mustMAC("02:00:00:00:00:07"), Dev: "eth0"}, nlb.Source{})
	})
	checkRefused(t, "bad master name", func(c *batch.Compiler) error {
		return c.AddNeigh(batch.CmdAdd, &batch.Neigh{FDB: true, Dev: "eth0", Master: "a b"}, nlb.Source{})
	})
}

// ExampleCompiler_AddNeigh adds a permanent ARP entry and a VXLAN FDB
// entry, both on interfaces named on the target.
func ExampleCompiler_AddNeigh() {
	c := batch.NewCompiler(batch.Options{})
	for _, n := range []batch.Neigh{
		{Dst: netip.MustParseAddr("192.0.2.7"), LLAddr: mustMAC("02:00:00:00:00:07"), Dev: "eth0", State: 0x80},
		{FDB: true, LLAddr: mustMAC("00:00:00:00:00:00"), Dev: "vx0", Dst: netip.MustParseAddr("198.51.100.2")},
	} {
		if err := c.AddNeigh(batch.CmdAppend, &n, nlb.Source{}); err != nil {
			fmt.Println(err)
			return
		}
	}
	printBatch(c)
	// Output:
	// RTM_NEWNEIGH seq=1 pid=0 [REQUEST,ACK,CREATE,APPEND] 192.0.2.7 lladdr 02:00:00:00:00:07 dev 0 PERMANENT
	// RTM_NEWNEIGH seq=2 pid=0 [REQUEST,ACK,CREATE,APPEND] 198.51.100.2 lladdr 00:00:00:00:00:00 dev 0 NOARP,PERMANENT
	// message 0 byte 20: ifindex eth0
	// message 1 byte 20: ifindex vx0
}
