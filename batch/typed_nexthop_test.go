package batch_test

import (
	"fmt"
	"net/netip"
	"testing"

	"github.com/nlbatch/nlbatch/batch"
	"github.com/nlbatch/nlbatch/codec"
	"github.com/nlbatch/nlbatch/nlb"
)

func nexthopCase(name string, cmd batch.Cmd, n batch.Nexthop, byName *codec.Request) typedCase {
	return typedCase{name: name, add: func(c *batch.Compiler) error { return c.AddNexthop(cmd, &n, nlb.Source{}) }, byName: byName}
}

func TestAddNexthopMatchesRequestByNames(t *testing.T) {
	const add = codec.FlagAck | codec.FlagCreate | codec.FlagExcl
	checkTyped(t, []typedCase{
		nexthopCase("gateway and dev", batch.CmdAdd,
			batch.Nexthop{ID: 1, Gateway: netip.MustParseAddr("192.0.2.1"), Dev: "eth0"},
			&codec.Request{Type: "RTM_NEWNEXTHOP", Flags: add,
				Header: []codec.FieldValue{{Name: "nh_family", Value: "AF_INET"}},
				Attrs:  []codec.AttrValue{{Name: "NHA_ID", Value: "1"}, {Name: "NHA_OIF", Value: "eth0"}, {Name: "NHA_GATEWAY", Value: "192.0.2.1"}}}),
		nexthopCase("ipv6 fdb by index", batch.CmdReplace,
			batch.Nexthop{ID: 2, Gateway: netip.MustParseAddr("2001:db8::2"), FDB: true, Protocol: 4},
			&codec.Request{Type: "RTM_NEWNEXTHOP", Flags: codec.FlagAck | codec.FlagCreate | codec.FlagReplace,
				Header: []codec.FieldValue{{Name: "nh_family", Value: "AF_INET6"}, {Name: "nh_protocol", Value: "static"}},
				Attrs:  []codec.AttrValue{{Name: "NHA_ID", Value: "2"}, {Name: "NHA_GATEWAY", Value: "2001:db8::2"}, {Name: "NHA_FDB"}}}),
		nexthopCase("weighted group", batch.CmdAdd,
			batch.Nexthop{ID: 10, Group: []batch.NexthopGroupMember{{ID: 1}, {ID: 2, Weight: 3}, {ID: 3, Weight: 256}}},
			&codec.Request{Type: "RTM_NEWNEXTHOP", Flags: add,
				Attrs: []codec.AttrValue{{Name: "NHA_ID", Value: "10"}, {Name: "NHA_GROUP", Records: []codec.AttrValue{
					{Fields: []codec.FieldValue{{Name: "id", Value: "1"}}},
					{Fields: []codec.FieldValue{{Name: "id", Value: "2"}, {Name: "weight", Value: "2"}}},
					{Fields: []codec.FieldValue{{Name: "id", Value: "3"}, {Name: "weight", Value: "255"}}},
				}}}}),
		nexthopCase("blackhole", batch.CmdAdd,
			batch.Nexthop{ID: 4, Blackhole: true},
			&codec.Request{Type: "RTM_NEWNEXTHOP", Flags: add,
				Header: []codec.FieldValue{{Name: "nh_family", Value: "AF_INET"}},
				Attrs:  []codec.AttrValue{{Name: "NHA_ID", Value: "4"}, {Name: "NHA_BLACKHOLE"}}}),
		nexthopCase("device only, ipv6", batch.CmdAdd,
			batch.Nexthop{ID: 5, Family: 10, OIF: 3},
			&codec.Request{Type: "RTM_NEWNEXTHOP", Flags: add,
				Header: []codec.FieldValue{{Name: "nh_family", Value: "AF_INET6"}},
				Attrs:  []codec.AttrValue{{Name: "NHA_ID", Value: "5"}, {Name: "NHA_OIF", Value: "3"}}}),
		nexthopCase("delete", batch.CmdDel,
			batch.Nexthop{ID: 4},
			&codec.Request{Type: "RTM_DELNEXTHOP", Flags: codec.FlagAck,
				Attrs: []codec.AttrValue{{Name: "NHA_ID", Value: "4"}}}),
	})
	checkRefused(t, "delete without id", func(c *batch.Compiler) error {
		return c.AddNexthop(batch.CmdDel, &batch.Nexthop{}, nlb.Source{})
	})
	checkRefused(t, "weight too big", func(c *batch.Compiler) error {
		return c.AddNexthop(batch.CmdAdd, &batch.Nexthop{ID: 1, Group: []batch.NexthopGroupMember{{ID: 2, Weight: 257}}}, nlb.Source{})
	})
}

// ExampleCompiler_AddNexthop makes two gateways and a group of them, and
// a route through the group.
func ExampleCompiler_AddNexthop() {
	c := batch.NewCompiler(batch.Options{})
	for _, n := range []batch.Nexthop{
		{ID: 1, Gateway: netip.MustParseAddr("192.0.2.1"), Dev: "eth0"},
		{ID: 2, Gateway: netip.MustParseAddr("192.0.2.2"), Dev: "eth0"},
		{ID: 10, Group: []batch.NexthopGroupMember{{ID: 1}, {ID: 2, Weight: 2}}},
	} {
		if err := c.AddNexthop(batch.CmdAdd, &n, nlb.Source{}); err != nil {
			fmt.Println(err)
			return
		}
	}
	r := batch.Route{Dst: netip.MustParsePrefix("198.51.100.0/24"), NHID: 10}
	if err := c.AddRoute(batch.CmdAdd, &r, nlb.Source{}); err != nil {
		fmt.Println(err)
		return
	}
	printBatch(c)
	// Output:
	// RTM_NEWNEXTHOP seq=1 pid=0 [REQUEST,ACK,EXCL,CREATE] inet id 1 via 192.0.2.1 dev 0 scope universe proto unspec
	// RTM_NEWNEXTHOP seq=2 pid=0 [REQUEST,ACK,EXCL,CREATE] inet id 2 via 192.0.2.2 dev 0 scope universe proto unspec
	// RTM_NEWNEXTHOP seq=3 pid=0 [REQUEST,ACK,EXCL,CREATE] unspec id 10 group {id=1},{id=2 weight=1} scope universe proto unspec
	// RTM_NEWROUTE seq=4 pid=0 [REQUEST,ACK,EXCL,CREATE] inet unicast 198.51.100.0/24 proto boot scope universe nhid 10
	// message 0 byte 36: ifindex eth0
	// message 1 byte 36: ifindex eth0
}
