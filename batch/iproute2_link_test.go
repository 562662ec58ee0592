package batch

import (
	"encoding/binary"
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/nlbatch/nlbatch/nlb"
)

// TestIPRoute2LinkErrors checks the messages of the ip link commands
// nlbatch refuses: each names the word (file:line:col), is lower-case,
// and says what was expected.
func TestIPRoute2LinkErrors(t *testing.T) {
	tests := []struct {
		line string
		want string // "col: message" fragment
	}{
		{"ip link", "1:8: ip link: missing command (add, set, change, replace, delete)"},
		{"ip link show", "1:9: ip link show: not compiled by nlbatch"},
		{"ip link frob dev veth0", `1:9: unknown ip link command "frob"`},
		{"ip link add dummy0", "1:19: ip link add: a type is required"},
		{"ip link add dummy0 type", `1:24: "type" needs a link type`},
		{"ip link add a0 name b0 type dummy", `1:21: both "name" and "dev" cannot be used when creating links`},
		{"ip link add d0 mtu big type dummy", `1:20: mtu "big": want a number`},
		{"ip link add d0 mtu 1 mtu 2 type dummy", `1:26: duplicate "mtu": "2" is the second value`},
		{"ip link add d0 txqlen 1 qlen 2 type dummy", `1:30: duplicate "txqueuelen": "2" is the second value`},
		{"ip link add d0 index -3 type dummy", `1:22: index "-3": want a number above 0`},
		{"ip link add d0 index 1 index 2 type dummy", `1:30: duplicate "index": "2" is the second value`},
		{"ip link add d0 address 02:zz type dummy", `1:24: "02:zz" is not a link-layer address`},
		{"ip link add group 3 type dummy", "1:31: group cannot be used when creating links"},
		{"ip link add d0 d1 type dummy", `1:16: unknown ip link option (or a second device name) "d1"`},
		{"ip link add d0/x type dummy", `1:13: "d0/x" is not a valid link name`},
		{"ip link add name abcdefghijklmnopq type dummy", `1:18: "abcdefghijklmnopq" is not a valid link name (1 to 15 bytes)`},
		{"ip link add d0 type foo opt", `1:25: options of link type "foo": not compiled by nlbatch`},
		{"ip link set veth0 promisc maybe", `1:27: promisc: want on or off, not "maybe"`},
		{"ip link set veth0 multicast", `1:28: "multicast" needs on or off after it`},
		{"ip link set veth0 master", `1:25: "master" needs the master link's name after it`},
		{"ip link set veth0 index 10", "1:27: index can be used only when creating links or when moving a link to another netns"},
		{"ip link set veth0 netns blue", `1:25: netns "blue": nlbatch takes a process id`},
		{"ip link set mtu 1400", "1:21: not enough information: a link name (dev NAME) is required"},
		{"ip link set dev veth0 dev veth1", `1:27: unknown ip link option (or a second device name) "veth1"`},
		{"ip link set veth0 mode sleepy", `1:24: unknown link mode "sleepy"`},
		{"ip link set veth0 state happy", `1:25: unknown operational state "happy"`},
		{"ip link set veth0 addrgenmode eui48", `1:31: unknown address generation mode "eui48" (did you mean "eui64"?)`},
		{"ip link set veth0 vf 0 mac 00:11:22:33:44:55", `1:19: "vf": not compiled by nlbatch`},
		{"ip link set veth0 xdp obj prog.o", `1:23: xdp "obj": loading a BPF program from a file or a pinned path: not compiled by nlbatch`},
		{"ip link set veth0 link-netns blue", `1:19: "link-netns" names a namespace by its file descriptor: not compiled by nlbatch`},
		{"ip link set veth0 protodown_reason 40 on", `1:36: protodown_reason "40": want a reason number 0-31`},
		{"ip link set veth0 protodown_reason 3 maybe", `1:38: protodown_reason: want on or off, not "maybe"`},
		{"ip link set veth0 help", `1:19: "help" prints usage and sends nothing`},
		{"ip link set veth0 group nosuch", `1:25: unknown group "nosuch"`},

		// veth
		{"ip link add v0 type veth nopeer x", `1:26: veth: want "peer" and the peer's options, not "nopeer"`},
		{"ip link add v0 type veth peer name v1 type veth", `1:44: duplicate "type": "veth" is the second value`},
		{"ip link add v0 type veth peer group 1", "1:38: group cannot be used when creating links"},

		// vlan
		{"ip link add link veth0 v0 type vlan id 5000000", `1:40: invalid id "5000000": want a number of at most 16 bits`},
		{"ip link add link veth0 v0 type vlan id 5 protocol 802.1x", `1:51: protocol "802.1x": want 802.1Q, 802.1ad or a number`},
		{"ip link add link veth0 v0 type vlan id 5 gvrp maybe", `1:47: gvrp: want on or off, not "maybe"`},
		{"ip link add link veth0 v0 type vlan id 5 ingress-qos-map 1:x", `1:58: invalid ingress-qos-map mapping "1:x"`},
		{"ip link add link veth0 v0 type vlan id 5 bogus", `1:42: unknown vlan option "bogus"`},

		// vxlan
		{"ip link add vx0 type vxlan dstport 4789", "1:40: vxlan: missing virtual network identifier (id VNI)"},
		{"ip link add vx0 type vxlan id 16777216", `1:31: invalid id "16777216": a VNI is 0-16777215`},
		{"ip link add vx0 type vxlan id 1 id 2", `1:33: duplicate "id"`},
		{"ip link add vx0 type vxlan id 1 group 239.1.1.1", "1:48: vxlan: 'group' requires 'dev' to be specified"},
		{"ip link add vx0 type vxlan id 1 remote 239.1.1.1", `1:40: invalid remote address "239.1.1.1"`},
		{"ip link add vx0 type vxlan id 1 group 10.0.0.1 dev veth0", `1:39: invalid group address "10.0.0.1"`},
		{"ip link add vx0 type vxlan id 1 remote 10.0.0.2 group 239.1.1.1", "1:49: vxlan: both group and remote cannot be specified"},
		{"ip link add vx0 type vxlan id 1 local 2001:db8::1 remote 10.0.0.2", `1:58: "10.0.0.2" is an IPv4 (inet) address, and the command is for IPv6 (inet6)`},
		{"ip link add vx0 type vxlan id 1 ttl 300", `1:37: invalid TTL "300": TTL must be <= 255`},
		{"ip link add vx0 type vxlan id 1 df maybe", `1:36: unknown df value "maybe"`},
		{"ip link add vx0 type vxlan id 1 flowlabel 0x100000", `1:43: invalid flowlabel "0x100000": at most 0xfffff`},
		{"ip link add vx0 type vxlan external id 1", "1:41: vxlan: both 'external' and vni cannot be specified"},
		{"ip link add vx0 type vxlan id 1 leaning", `1:33: unknown vxlan option "leaning" (did you mean "learning"?)`},

		// bridge, bond
		{"ip link add br0 type bridge stp_state x", `1:39: invalid stp_state "x": want a number of at most 32 bits`},
		{"ip link add br0 type bridge vlan_filtering 2000", `1:44: invalid vlan_filtering "2000": want a number of at most 8 bits`},
		{"ip link add br0 type bridge bogus 1", `1:29: unknown bridge option "bogus"`},
		{"ip link add b0 type bond mode fast", `1:31: invalid mode "fast" (want balance-rr, active-backup, balance-xor, broadcast, 802.3ad, balance-tlb, balance-alb)`},
		{"ip link add b0 type bond miimon", `1:32: "miimon" needs a value after it`},
		{"ip link add b0 type bond arp_ip_target 10.0.0.1,x", `1:40: "x" is not a valid IPv4 address`},

		{"ip link set veth0 type bridge_slave learning maybe", `1:46: learning: want on or off, not "maybe"`},
		{"ip link set veth0 type bridge_slave state forwarding", `1:43: invalid state "forwarding": want a number of at most 8 bits`},
		{"ip link set veth0 type bond_slave queue_id x", `1:44: invalid queue_id "x": want a number of at most 16 bits`},

		// macvlan, ipvlan, vrf
		{"ip link add link veth0 m0 type macvlan mode nosuch", `1:45: unknown macvlan mode "nosuch" (did you mean "source"?)`},
		{"ip link add link veth0 m0 type macvlan mode vepa nopromisc", "1:59: macvlan: nopromisc flag only valid in passthru mode"},
		{"ip link add link veth0 m0 type macvlan flag bogus", `1:45: unknown macvlan flag "bogus"`},
		{"ip link add link veth0 i0 type ipvlan mode l4", `1:44: unknown ipvlan mode "l4" (did you mean "l2"?)`},
		{"ip link add vrf0 type vrf table 10 extra", `1:36: unknown vrf option "extra"`},
		{"ip link add vrf0 type vrf table nosuch", `1:33: unknown table "nosuch"`},

		// tunnels
		{"ip link add sit0 type sit ttl 64 nopmtudisc", "1:44: ttl != 0 and nopmtudisc are incompatible"},
		{"ip link add t0 type ipip mode ip6ip", `1:31: cannot guess tunnel mode "ip6ip" (ipip, mplsip, any)`},
		{"ip link add g0 type gre remote 239.1.1.1", "1:41: a broadcast tunnel requires a source address (local ADDR)"},
		{"ip link add g0 type gre key 1.2.3", `1:29: invalid value for "key": "1.2.3"`},
		{"ip link add g0 type gre encap udp", `1:31: unknown encap type "udp"`},
		{"ip link add g0 type gre frob", `1:25: unknown gre option "frob"`},
		{"ip link add g0 type ip6gre remote 10.0.0.1", `1:35: "10.0.0.1" is an IPv4 (inet) address, and the command is for IPv6 (inet6)`},
		{"ip link add g0 type ip6gre dscp 3", `1:33: dscp: want inherit, not "3"`},
		{"ip link set g0 type gre remote 10.0.0.3", "1:25: options of a gre link: iproute2 reads the tunnel's current settings from the kernel first"},

		// geneve
		{"ip link add g0 type geneve id 14", "1:33: geneve: remote link partner not specified (remote ADDR)"},
		{"ip link add g0 type geneve remote 10.0.0.2", "1:43: geneve: missing virtual network identifier (id VNI)"},
		{"ip link add g0 type geneve id 1 remote 239.1.1.1", `1:40: invalid remote address "239.1.1.1"`},

		// erspan, ip6erspan
		{"ip link add e0 type erspan remote 10.0.0.2 erspan_vr 2", `1:44: unknown erspan option "erspan_vr" (did you mean "erspan_ver"?)`},
		{"ip link add e0 type erspan erspan_ver 3", `1:39: erspan version "3" must be 0, 1 or 2`},
		{"ip link add e0 type ip6erspan erspan 0x100000", `1:38: erspan index "0x100000" must be > 0 and fit in 20 bits`},
		{"ip link add e0 type ip6erspan erspan_dir up", `1:42: unknown erspan direction "up"`},
		{"ip link add g0 type gretap erspan 5", `1:28: unknown gretap option "erspan"`},

		// vti, xfrm
		{"ip link add v0 type vti ttl 64", `1:25: unknown vti option "ttl"`},
		{"ip link add v0 type vti6 remote 10.0.0.1", `1:33: "10.0.0.1" is an IPv4 (inet) address, and the command is for IPv6 (inet6)`},
		{"ip link set v0 type vti key 5", "1:25: options of a vti link: iproute2 reads the tunnel's current settings from the kernel first"},
		{"ip link add x0 type xfrm dev veth0", "1:35: xfrm: if_id is required (or external)"},
		{"ip link add x0 type xfrm if_id 0", "1:32: if_id must not be 0"},
		{"ip link add x0 type xfrm if_id 5 external", "1:34: xfrm: external excludes if_id and dev"},
		{"ip link add x0 type xfrm if_id 5 extrnal", `1:34: unknown xfrm option "extrnal" (did you mean "external"?)`},

		// macsec
		{"ip link add link veth0 m0 type macsec encrpyt on", `1:39: unknown macsec option "encrpyt" (did you mean "encrypt"?)`},
		{"ip link add link veth0 m0 type macsec encrypt yes", `1:47: unknown encrypt value "yes" (want off, on)`},
		{"ip link add link veth0 m0 type macsec port 0", `1:44: macsec port must not be 0`},
		{"ip link add link veth0 m0 type macsec encrypt on port 5", `1:50: unknown macsec option "port"`},
		{"ip link add link veth0 m0 type macsec cipher gcm", `1:46: unknown cipher "gcm"`},
		{"ip link add link veth0 m0 type macsec icvlen 17", `1:46: invalid icvlen "17": an ICV length is 8..16`},
		{"ip link add link veth0 m0 type macsec window 10", `1:48: macsec: a replay window needs "replay on"`},
		{"ip link add link veth0 m0 type macsec end_station on scb on", `1:54: macsec: send_sci, end_station and scb exclude each other`},

		// vxcan, batadv, bareudp, amt, hsr, wireguard
		{"ip link add c0 type vxcan name c1", `1:27: vxcan: want "peer" and the peer's options, not "name"`},
		{"ip link add b0 type batadv algo BATMAN_V", `1:28: unknown batadv option "algo"`},
		{"ip link add b0 type bareudp dstport 6635", "1:41: bareudp: ethertype is required"},
		{"ip link add b0 type bareudp dstport 1 dstport 2", `1:39: duplicate "dstport"`},
		{"ip link add b0 type bareudp dstport 1 ethertype bogus", `1:49: unknown ethertype "bogus"`},
		{"ip link add a0 type amt mode router", `1:30: unknown amt mode "router" (did you mean "relay"?)`},
		{"ip link add a0 type amt discovery 2001:db8::2 local 10.0.0.1", `1:53: "10.0.0.1" is an IPv4 (inet) address, and the command is for IPv6 (inet6)`},
		{"ip link add h0 type hsr slave1 veth0 interlink veth1", `1:38: unknown hsr option "interlink"`},
		{"ip link add h0 type hsr supervision 256", `1:37: invalid supervision "256": want a number of at most 8 bits`},
		{"ip link add w0 type wireguard listen-port 1", "1:31: link type wireguard takes no options in iproute2"},
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

// TestIPRoute2LinkRelocations checks that every interface name becomes
// a relocation where its index goes, and that created links (and a veth
// peer) are marked for numbering.
func TestIPRoute2LinkRelocations(t *testing.T) {
	tests := []struct {
		line string
		want []string // "kind symbol@offset"
	}{
		{"ip link set dev veth0 master br0", []string{"ifindex veth0@20", "ifindex br0@36"}},
		{"ip link add link eth0 name eth0.5 type vlan id 5", []string{"new eth0.5@20", "ifindex eth0@36"}},
		{"ip link add v0 type veth peer name v1", []string{"new v0@20", "new v1@64"}},
		{"ip link add vx0 type vxlan id 1 dev eth0 dstport 4789", []string{"new vx0@20", "ifindex eth0@64"}},
		{"ip link add b0 type bond primary eth1", []string{"new b0@20", "ifindex eth1@60"}},
		{"ip link add d0 index 7 type dummy", nil},
	}
	for _, tc := range tests {
		c := NewCompiler(Options{})
		if err := CompileIPRoute2(c, "t.ip", strings.NewReader(tc.line+"\n"), IPRoute2Options{}); err != nil {
			t.Errorf("%s: %v", tc.line, err)
			continue
		}
		b := c.Batch()
		var got []string
		for _, r := range b.Relocs {
			kind := "ifindex"
			if r.Kind == nlb.RelocNewIfindex {
				kind = "new"
			}
			got = append(got, kind+" "+r.Symbol+"@"+strconv.Itoa(int(r.Offset)))
		}
		if strings.Join(got, ",") != strings.Join(tc.want, ",") {
			t.Errorf("%s: relocations %v, want %v", tc.line, got, tc.want)
		}
	}
}

// TestIPRoute2LinkBigEndian checks that ifinfomsg's host-order fields
// follow the batch's byte order.
func TestIPRoute2LinkBigEndian(t *testing.T) {
	c := NewCompiler(Options{BigEndian: true})
	if err := CompileIPRoute2(c, "t.ip", strings.NewReader("ip link add d0 index 7 up type dummy\n"), IPRoute2Options{}); err != nil {
		t.Fatal(err)
	}
	msg := c.Batch().MessageAt(0)
	if got := binary.BigEndian.Uint32(msg[20:]); got != 7 {
		t.Errorf("ifi_index %d, want 7", got)
	}
	if got := binary.BigEndian.Uint32(msg[24:]); got != 1 {
		t.Errorf("ifi_flags %#x, want IFF_UP", got)
	}
}

// BenchmarkIPRoute2Link compiles a mix of ip link lines.
func BenchmarkIPRoute2Link(b *testing.B) {
	var sb strings.Builder
	for i := 0; i < 1000; i++ {
		n := strconv.Itoa(i)
		switch i % 6 {
		case 0:
			sb.WriteString("ip link add v" + n + " type veth peer name p" + n)
		case 1:
			sb.WriteString("ip link set dev eth0 up mtu 1400 master br0")
		case 2:
			sb.WriteString("ip link add link eth0 name e" + n + " type vlan id 10 protocol 802.1Q")
		case 3:
			sb.WriteString("ip link add vx" + n + " type vxlan id 42 dstport 4789 local 10.0.0.1 remote 10.0.0.2 dev eth0")
		case 4:
			sb.WriteString("ip link add br" + n + " type bridge stp_state 1 vlan_filtering 1")
		case 5:
			sb.WriteString("ip link delete eth1")
		}
		sb.WriteByte('\n')
	}
	text := sb.String()
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		c := NewCompiler(Options{})
		if err := CompileIPRoute2(c, "b.ip", strings.NewReader(text), IPRoute2Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// TestIPRoute2LinkNoPanic compiles random sequences of ip link's words
// and values: every one compiles or is refused, none panics, and a
// refused command leaves nothing behind.
func TestIPRoute2LinkNoPanic(t *testing.T) {
	words := append([]string{}, iplGenericKeywords...)
	for _, ws := range [][]string{iplVxlanWords, iplGeneveWords, iplGreWords, iplGre6Words, iplIptunWords, iplVlanFlagNames} {
		words = append(words, ws...)
	}
	for _, o := range iplBondOpts {
		words = append(words, o.word)
	}
	for _, o := range iplBridgeOpts {
		words = append(words, o.word)
	}
	values := []string{"", "0", "1", "-1", "0x10", "4096", "99999999999", "on", "off", "inherit", "auto", "any",
		"10.0.0.1", "239.1.1.1", "2001:db8::1", "ff05::1", "02:00:00:00:00:01", "veth0", "1:2", "peer", "type",
		"dummy", "veth", "vxlan", "gre", "bond", "bridge", "ip6gre", "sit", "geneve", "vlan", "macvlan", "ipvlan", "vrf",
		"none", "set", "l2", "802.1Q", "source", "add", "flush", "10.0.0.0/8", "2001:db8::/32", `""`}
	verbs := []string{"add", "set", "replace", "delete", "change"}
	seed := uint32(1)
	rnd := func(n int) int {
		seed = seed*1664525 + 1013904223
		return int(seed>>8) % n
	}
	for i := 0; i < 20000; i++ {
		var sb strings.Builder
		sb.WriteString("ip link " + verbs[rnd(len(verbs))] + " x0")
		for j := rnd(10); j > 0; j-- {
			if rnd(3) == 0 {
				sb.WriteString(" " + values[rnd(len(values))])
			} else {
				sb.WriteString(" " + words[rnd(len(words))])
			}
		}
		line := sb.String()
		func() {
			defer func() {
				if p := recover(); p != nil {
					t.Fatalf("%s: panic: %v", line, p)
				}
			}()
			c := NewCompiler(Options{})
			if err := CompileIPRoute2(c, "t.ip", strings.NewReader(line+"\n"), IPRoute2Options{}); err != nil && c.Batch().Count() != 0 {
				t.Errorf("%s: refused (%v) but left %d message(s)", line, err, c.Batch().Count())
			}
		}()
	}
}
