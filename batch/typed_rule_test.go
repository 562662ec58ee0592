package batch_test

import (
	"fmt"
	"net/netip"
	"testing"

	"github.com/nlbatch/nlbatch/batch"
	"github.com/nlbatch/nlbatch/codec"
	"github.com/nlbatch/nlbatch/nlb"
)

func ruleCase(name string, cmd batch.Cmd, r batch.Rule, byName *codec.Request) typedCase {
	return typedCase{name: name, add: func(c *batch.Compiler) error { return c.AddRule(cmd, &r, nlb.Source{}) }, byName: byName}
}

func TestAddRuleMatchesRequestByNames(t *testing.T) {
	const add = codec.FlagAck | codec.FlagCreate | codec.FlagExcl
	checkTyped(t, []typedCase{
		ruleCase("from a prefix to a big table", batch.CmdAdd,
			batch.Rule{Src: netip.MustParsePrefix("10.1.0.0/16"), Table: 1000, Priority: 100},
			&codec.Request{Type: "RTM_NEWRULE", Flags: add,
				Header: []codec.FieldValue{{Name: "family", Value: "AF_INET"}, {Name: "src_len", Value: "16"}, {Name: "table", Value: "252"}, {Name: "action", Value: "FR_ACT_TO_TBL"}},
				Attrs:  []codec.AttrValue{{Name: "FRA_SRC", Value: "10.1.0.0"}, {Name: "FRA_PRIORITY", Value: "100"}, {Name: "FRA_TABLE", Value: "1000"}}}),
		ruleCase("fwmark and interfaces", batch.CmdAdd,
			batch.Rule{Family: 10, Dst: netip.MustParsePrefix("2001:db8::/32"), IIf: "eth0", OIf: "vrf-blue", FwMark: 0x10, FwMask: 0xff, Table: 100, Flags: 0x02},
			&codec.Request{Type: "RTM_NEWRULE", Flags: add,
				Header: []codec.FieldValue{{Name: "family", Value: "AF_INET6"}, {Name: "dst_len", Value: "32"}, {Name: "table", Value: "100"}, {Name: "action", Value: "FR_ACT_TO_TBL"}, {Name: "flags", Value: "FIB_RULE_INVERT"}},
				Attrs: []codec.AttrValue{{Name: "FRA_DST", Value: "2001:db8::"}, {Name: "FRA_IIFNAME", Value: "eth0"}, {Name: "FRA_OIFNAME", Value: "vrf-blue"},
					{Name: "FRA_FWMARK", Value: "0x10"}, {Name: "FRA_FWMASK", Value: "0xff"}}}),
		ruleCase("goto", batch.CmdAdd,
			batch.Rule{Goto: 500, Priority: 10},
			&codec.Request{Type: "RTM_NEWRULE", Flags: add,
				Header: []codec.FieldValue{{Name: "family", Value: "AF_INET"}, {Name: "action", Value: "FR_ACT_GOTO"}},
				Attrs:  []codec.AttrValue{{Name: "FRA_GOTO", Value: "500"}, {Name: "FRA_PRIORITY", Value: "10"}}}),
		ruleCase("delete a blackhole", batch.CmdDel,
			batch.Rule{Dst: netip.MustParsePrefix("192.0.2.0/24"), Action: 6},
			&codec.Request{Type: "RTM_DELRULE", Flags: codec.FlagAck,
				Header: []codec.FieldValue{{Name: "family", Value: "AF_INET"}, {Name: "dst_len", Value: "24"}, {Name: "action", Value: "FR_ACT_BLACKHOLE"}},
				Attrs:  []codec.AttrValue{{Name: "FRA_DST", Value: "192.0.2.0"}}}),
	})
	checkRefused(t, "ipv4-mapped", func(c *batch.Compiler) error {
		return c.AddRule(batch.CmdAdd, &batch.Rule{Src: netip.MustParsePrefix("::ffff:10.0.0.0/104")}, nlb.Source{})
	})
	checkRefused(t, "mixed families", func(c *batch.Compiler) error {
		return c.AddRule(batch.CmdAdd, &batch.Rule{Src: netip.MustParsePrefix("10.0.0.0/8"), Dst: netip.MustParsePrefix("2001:db8::/32")}, nlb.Source{})
	})
}

// ExampleCompiler_AddRule sends traffic from a prefix, and traffic
// entering an interface with a mark, to their own tables.
func ExampleCompiler_AddRule() {
	c := batch.NewCompiler(batch.Options{})
	for _, r := range []batch.Rule{
		{Src: netip.MustParsePrefix("10.1.0.0/16"), Table: 1000, Priority: 100},
		{IIf: "eth1", FwMark: 0x10, FwMask: 0xff, Table: 100, Priority: 200},
	} {
		if err := c.AddRule(batch.CmdAdd, &r, nlb.Source{}); err != nil {
			fmt.Println(err)
			return
		}
	}
	printBatch(c)
	// Output:
	// RTM_NEWRULE seq=1 pid=0 [REQUEST,ACK,EXCL,CREATE] inet 100: from 10.1.0.0/16 lookup 1000 to_tbl
	// RTM_NEWRULE seq=2 pid=0 [REQUEST,ACK,EXCL,CREATE] inet 200: iif eth1 fwmark 0x10/0xff to_tbl
}
