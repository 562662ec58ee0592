package batch

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// TestIPRoute2RuleNeighNexthopBridgeErrors checks the messages of the
// commands nlbatch refuses in ip rule, ip neigh, ip nexthop and bridge:
// each names the word (file:line:col), is lower-case, and says what
// was expected.
func TestIPRoute2RuleNeighNexthopBridgeErrors(t *testing.T) {
	tests := []struct {
		line string
		want string // "col: message" fragment
	}{
		// ip rule
		{"ip rule", "1:8: ip rule: missing command (add, delete)"},
		{"ip rule show", "1:9: ip rule show: not compiled by nlbatch (it compiles add, delete)"},
		{"ip rule frob", `1:9: unknown ip rule command "frob"`},
		{"ip rule add", "1:12: ip rule add needs a selector or an action"},
		{"ip rule del", "1:12: ip rule delete needs a selector or an action"},
		{"ip rule add from 10.0.0.0/33 table 1", `1:18: "10.0.0.0/33": prefix length "33" is not 0-32`},
		{"ip rule add foo table 1", `1:13: unknown ip rule keyword or rule type "foo"`},
		{"ip rule add fwmark xyz table 1", `1:20: fwmark "xyz": want a number`},
		{"ip rule add fwmark 1/xyz table 1", `1:22: fwmark mask "xyz": want a number`},
		{"ip rule add l3mdev table 10", "1:26: table: an l3mdev rule takes its table from the device; give no table"},
		{"ip rule add ipproto bogus table 1", `1:21: unknown IP protocol "bogus"`},
		{"ip rule add uidrange 100 table 1", `1:22: uidrange "100": want START-END, two decimal uids`},
		{"ip rule add sport 1-x table 1", `1:19: sport "1-x": want a port or START-END (decimal, 0-65535)`},
		{"ip rule add table", `1:18: "table" needs a table (a name or a number) after it`},
		{"ip rule add table nosuchtable", `1:19: unknown table "nosuchtable"`},
		{"ip -6 rule add from 10.0.0.0/8 table 1", `1:21: "10.0.0.0/8" is an IPv4 (inet) address, and the command is for IPv6 (inet6)`},
		{"ip rule add tos 1ff table 1", `1:17: tos "1ff": want a DS field name or a hex number 00-ff`},
		{"ip rule add iif a/b table 1", `1:17: iif: "a/b" is not a valid interface name`},
		{"ip rule add nat 2001:db8::1", `1:17: "2001:db8::1" is an IPv6 (inet6) address, and the command is for IPv4 (inet)`},
		{"ip rule add goto", `1:17: "goto" needs the preference of the rule to go to after it`},
		{"ip rule add realms a/b", `1:20: unknown realm "a"`},
		{"ip rule add help", "1:13: ip rule: help is not a command nlbatch compiles"},

		// ip neigh
		{"ip neigh", "1:9: ip neigh: missing command (add, change, chg, replace, delete)"},
		{"ip neigh show", "1:10: ip neigh show: not compiled by nlbatch"},
		{"ip neigh add 10.0.0.1 lladdr 00:11:22:33:44:55", "1:47: ip neigh: a device (dev DEV) and an address are required"},
		{"ip neigh add lladdr 00:11:22:33:44:55 dev veth0", "1:48: ip neigh: a device (dev DEV) and an address are required"},
		{"ip neigh add 10.0.0.1 lladdr zz:11 dev veth0", `1:30: "zz:11" is not a link-layer address`},
		{"ip neigh add 10.0.0.1 dev veth0 nud bogus", `1:37: unknown NUD state "bogus"`},
		{"ip neigh add 10.0.0.1 dev veth0 nud 3", "1:37: nud 3: a state number is 0 or a single bit below 0x100"},
		{"ip neigh add 10.0.0.1 10.0.0.2 dev veth0", `1:23: "10.0.0.2": the address is already given (10.0.0.1); or an unknown keyword`},
		{"ip neigh add 10.0.0.1 rotuer dev veth0", `1:23: "rotuer": the address is already given (10.0.0.1); or an unknown keyword (did you mean "router"?)`},
		{"ip -6 neigh add 10.0.0.1 dev veth0", `1:17: "10.0.0.1" is an IPv4 (inet) address, and the command is for IPv6 (inet6)`},
		{"ip neigh add 10.0.0.1 dev veth0 lladdr 0:1 lladdr 0:2", "1:51: lladdr: given twice"},
		{"ip neigh add 10.0.0.1 dev veth0 protocol nosuch", `1:42: unknown protocol "nosuch"`},
		{"ip neigh add 10.0.0.1/24 dev veth0", `1:14: "10.0.0.1/24": an address is expected here, not a prefix`},
		{"ip neigh add default dev veth0", `1:14: "default": an IPv4 or IPv6 address is expected`},
		{"ip neigh add 10.0.0.1 dev", `1:26: "dev" needs an interface name after it`},

		// ip nexthop
		{"ip nexthop", "1:11: ip nexthop: missing command (add, replace, delete)"},
		{"ip nexthop flush", "1:12: ip nexthop flush: not compiled by nlbatch"},
		{"ip nexthop add id abc blackhole", `1:19: id "abc": want a number`},
		{"ip nexthop add id 1 bogus", `1:21: unknown ip nexthop keyword "bogus"`},
		{"ip nexthop add id 1 dev veth0 via 2001:db8::5", `1:35: "2001:db8::5" is an IPv6 (inet6) address, and the command is for IPv4 (inet)`},
		{"ip -6 nexthop add id 1 via 192.0.2.1", `1:28: "192.0.2.1" is an IPv4 (inet) address, and the command is for IPv6 (inet6)`},
		{"ip nexthop add id 1 group 1,0/2", `1:27: group member "1,0": the weight is 1-256`},
		{"ip nexthop add id 1 group 1/2,257", `1:29: group member "2,257": the weight is 1-256`},
		{"ip nexthop add id 1 group 1//2", `1:29: group member "": want ID[,WEIGHT] (the id a number)`},
		{"ip nexthop add id 1 group 1/2 type bogus", `1:36: unknown nexthop group type "bogus"`},
		{"ip nexthop add id 1 group 1/2 type resilient idle_timer 50000000", "1:57: idle_timer 50000000: at most 42949671 seconds"},
		{"ip nexthop add id 1 group 1/2 type resilient buckets 70000", `1:54: buckets "70000" is out of range (at most 65535)`},
		{"ip nexthop add id 1 encap mpls 100", `1:35: encap mpls 100: iproute2 wants more words after the labels (a gateway or a device)`},
		{"ip nexthop add id 1 encap ip id 5 dst 10.0.0.1 dev veth0", "1:27: encap ip: not compiled by nlbatch (it compiles encap mpls)"},
		{"ip nexthop add id 1 encap bogus 5 dev veth0", `1:27: unknown encapsulation type "bogus"`},
		{"ip nexthop add id 1 encap mpls 1048576 via 192.0.2.1", `1:32: "1048576": an MPLS label is a number below 1048576`},
		{"ip nexthop add id 1 encap mpls 1/2/3/4/5/6/7/8/9 dev veth0", `1:32: "1/2/3/4/5/6/7/8/9": at most 8 MPLS labels`},
		{"ip nexthop add id 1 encap mpls 5 ttl 1 ttl 2 dev veth0", "1:44: ttl: given twice"},
		{"ip nexthop add id 1 via link 00:11 dev veth0", "1:25: via link: nlbatch compiles inet and inet6 gateways"},

		// bridge fdb
		{"bridge fdb", "1:11: bridge fdb: missing command (add, append, replace, delete)"},
		{"bridge fdb show", "1:12: bridge fdb show: not compiled by nlbatch"},
		{"bridge fdb add 00:11:22:33:44:71", "1:33: bridge fdb: a device (dev DEV) and a MAC address are required"},
		{"bridge fdb add 00:11:22:33:44 dev veth0", `1:16: "00:11:22:33:44" is not a MAC address (six hex bytes separated by ':')`},
		{"bridge fdb add 00:11:22:33:44:55:66 dev veth0", `1:16: "00:11:22:33:44:55:66" is not a MAC address`},
		{"bridge fdb add 00:11:22:33:44:72 dev vx0 nhid 5 dst 192.0.2.9", "1:47: nhid: dst, port and vni can not be given with a nexthop id"},
		{"bridge fdb add 00:11:22:33:44:73 dev vx0 vni 16777216", `1:46: vni "16777216" is out of range (at most 16777215)`},
		{"bridge fdb add 00:11:22:33:44:74 dev vx0 port 70000", `1:47: port "70000" is out of range (at most 65535)`},
		{"bridge fdb add 00:11:22:33:44:75 dev veth0 vlan 1 vlan 2", "1:51: vlan: given twice"},
		{"bridge fdb add 00:11:22:33:44:75 dev veth0 vlan 0x10", `1:49: vlan "0x10": want a decimal number`},
		{"bridge fdb add 00:11:22:33:44:75 dev veth0 mastr", `1:44: "mastr": the address is already given (00:11:22:33:44:75); or an unknown keyword (did you mean "master"?)`},

		// bridge vlan
		{"bridge vlan set vid 10 dev veth0 state 3", "1:13: bridge vlan set: not compiled by nlbatch (it compiles add, delete)"},
		{"bridge vlan add vid 4096 dev veth0", "1:21: vid 4096: a VLAN id is below 4096"},
		{"bridge vlan add vid 200-100 dev veth0", "1:21: vid 200-100: want START-END with START < END < 4096"},
		{"bridge vlan add vid 10-20 dev veth0 pvid", "1:37: pvid: a VLAN range can not be the pvid"},
		{"bridge vlan add vid 10", "1:23: bridge vlan: a device (dev DEV) and a VLAN id (vid VID) are required"},
		{"bridge vlan add dev veth0", "1:26: bridge vlan: a device (dev DEV) and a VLAN id (vid VID) are required"},
		{"bridge vlan add vid 10 dev veth0 untaged", `1:34: unknown bridge vlan keyword "untaged" (did you mean "untagged"?)`},
		{"bridge vlan add vid 10 dev veth0 tunnel_info 5", `1:46: tunnel_info: want id TUNNEL_ID, not "5"`},
		{"bridge vlan add vid x dev veth0", `1:21: vid "x": want a decimal number`},

		// bridge link
		{"bridge link show", "1:13: bridge link show: not compiled by nlbatch (it compiles set, change)"},
		{"bridge link set cost 10", "1:24: bridge link set: a device (dev DEV) is required"},
		{"bridge link set dev veth0 learning maybe", `1:36: learning: want on or off, not "maybe"`},
		{"bridge link set dev veth0 state bogus", `1:33: unknown STP port state "bogus"`},
		{"bridge link set dev veth0 hwmode bogus", `1:34: hwmode: want vepa or veb, not "bogus"`},
		{"bridge link set dev veth0 bogus on", `1:27: unknown bridge link set keyword "bogus"`},
		{"bridge link set dev veth0 cost 0x10", `1:32: cost "0x10": want a decimal number`},
		{"bridge link set dev veth0 priority 40000", `1:36: priority "40000" is out of range (at most 32767)`},
	}
	for _, tc := range tests {
		c := NewCompiler(Options{})
		err := CompileIPRoute2(c, "t.ip", strings.NewReader(tc.line+"\n"), IPRoute2Options{})
		if err == nil {
			t.Errorf("%s: compiled, want error %q", tc.line, tc.want)
			continue
		}
		var e *Error
		if !errors.As(err, &e) {
			t.Errorf("%s: error %v is not an *Error", tc.line, err)
			continue
		}
		msg := err.Error()
		if !strings.Contains(msg, "t.ip:"+tc.want) {
			t.Errorf("%s:\n got  %s\n want t.ip:%s", tc.line, msg, tc.want)
		}
		text := e.Err.Error()
		if text != "" && strings.ToLower(text[:1]) != text[:1] && text[0] != '"' {
			t.Errorf("%s: message %q does not start lower-case", tc.line, text)
		}
		if c.Batch().Count() != 0 {
			t.Errorf("%s: a refused command left %d message(s)", tc.line, c.Batch().Count())
		}
	}
}

// TestIPRoute2NeighRelocations checks that interface names become
// relocations where an index goes: the header of ip neigh and bridge
// fdb, NHA_OIF of a nexthop, NDA_IFINDEX of an fdb entry, and
// IFLA_BRPORT_BACKUP_PORT.
func TestIPRoute2NeighRelocations(t *testing.T) {
	tests := []struct {
		line    string
		symbols []string // symbol@offset
	}{
		{"ip neigh add 10.0.0.1 lladdr 0:1:2:3:4:5 dev veth0", []string{"veth0@20"}},
		{"ip neigh add proxy 10.0.0.1", nil},
		{"ip nexthop add id 1 via 192.0.2.1 dev eth1", []string{"eth1@44"}},
		{"bridge fdb add 00:11:22:33:44:55 dev vx0 dst 192.0.2.4 via veth1", []string{"vx0@20", "veth1@52"}},
		{"bridge link set dev veth0 backup_port veth2", []string{"veth0@20", "veth2@40"}},
		{"bridge vlan add vid 10 dev veth0", []string{"veth0@20"}},
		{"ip rule add iif veth0 table 1", nil}, // FRA_IIFNAME is a name
	}
	for _, tc := range tests {
		c := NewCompiler(Options{})
		if err := CompileIPRoute2(c, "t", strings.NewReader(tc.line+"\n"), IPRoute2Options{}); err != nil {
			t.Errorf("%s: %v", tc.line, err)
			continue
		}
		b := c.Batch()
		var got []string
		for _, r := range b.Relocs {
			got = append(got, fmt.Sprintf("%s@%d", r.Symbol, r.Offset))
		}
		if strings.Join(got, ",") != strings.Join(tc.symbols, ",") {
			t.Errorf("%s: relocations %v, want %v", tc.line, got, tc.symbols)
		}
	}
}
