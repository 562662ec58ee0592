package replay

// A matrix of real batches replayed into throw-away network namespaces.
// Every case checks what the kernel holds afterwards by dumping it with
// iproute2 (ip, tc, bridge), not by trusting the acknowledgements. A case
// the kernel cannot do (a link kind, qdisc, classifier or encapsulation it
// lacks) skips, told by the kernel's own error.

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os/exec"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/sys/unix"

	"github.com/nlbatch/nlbatch/batch"
	"github.com/nlbatch/nlbatch/internal/nltest"
	"github.com/nlbatch/nlbatch/nlb"
)

// matrixCase is one batch, the commands that prepare the namespace for
// it, and the checks of the namespace afterwards.
type matrixCase struct {
	name  string
	tools []string   // commands the checks need besides ip
	setup [][]string // run in the namespace before the replay
	batch string     // JSON requests, one per line
	check func(t *testing.T, ns *nltest.Namespace)
	// optional marks what kernels are often built without: TestMatrix
	// alone tries it.
	optional bool
}

func TestMatrix(t *testing.T) {
	for _, tc := range matrixCases {
		t.Run(tc.name, func(t *testing.T) { runMatrixCase(t, tc, Options{}) })
	}
}

// TestMatrixPerMessage replays the same batches one message per
// sendmsg: the outcome must not depend on how the batch is cut.
func TestMatrixPerMessage(t *testing.T) {
	for _, tc := range matrixCases {
		if !tc.optional {
			t.Run(tc.name, func(t *testing.T) { runMatrixCase(t, tc, Options{MaxSendmsg: 1}) })
		}
	}
}

func runMatrixCase(t *testing.T, tc matrixCase, opts Options) {
	for _, tool := range tc.tools {
		needTool(t, tool)
	}
	ns := nltest.NewNamespace(t)
	for _, cmd := range tc.setup {
		if out, err := mxTry(ns, cmd...); err != nil {
			t.Skipf("setup %v: %v: %s", cmd, err, strings.TrimSpace(out))
		}
	}
	rep := mxApplyOpts(t, ns, tc.batch, opts)
	if opts.MaxSendmsg == 1 && rep.Sendmsgs != len(rep.Outcomes) {
		t.Errorf("%d sendmsg calls for %d messages with MaxSendmsg 1", rep.Sendmsgs, len(rep.Outcomes))
	}
	if opts.MaxSendmsg == 0 && rep.Sendmsgs != 1 {
		t.Errorf("%d sendmsg calls for a small batch, want 1", rep.Sendmsgs)
	}
	tc.check(t, ns)
}

// mxVethUp is a veth pair v0-v1, both up, with an IPv4 and an IPv6
// address on v0 (no duplicate address detection: usable at once).
const mxVethUp = `{"link": "add", "ifname": "v0", "kind": "veth", "peer": "v1"}
{"link": "set", "index": "v0", "state": "up"}
{"link": "set", "index": "v1", "state": "up"}
{"addr": "add", "index": "v0", "address": "192.0.2.1", "prefixlen": 24}
{"addr": "add", "index": "v0", "address": "2001:db8::1", "prefixlen": 64, "flags": 2}
`

var matrixCases = []matrixCase{
	// Links.
	{
		name: "link/veth",
		batch: lines(
			`{"link": "add", "ifname": "v0", "kind": "veth", "peer": {"ifname": "v1", "mtu": 1400, "address": "02:00:5e:00:53:03"}}`,
			`{"link": "add", "ifname": "v2", "kind": "veth", "peer": "v3", "mtu": 9000}`,
		),
		check: func(t *testing.T, ns *nltest.Namespace) {
			links := ipJSON(t, ns, "ip", "-d", "link", "show")
			want := map[string]string{
				"v0": "kind veth peer v1 mtu 1500",
				"v1": "kind veth peer v0 mtu 1400 address 02:00:5e:00:53:03",
				"v2": "kind veth peer v3 mtu 9000",
				"v3": "kind veth peer v2 mtu 1500",
			}
			for name, w := range want {
				l := mxByKey(links, "ifname", name)
				if l == nil {
					t.Errorf("%s is missing: %v", name, mxNames(links, "ifname"))
					continue
				}
				got := fmt.Sprintf("kind %s peer %s mtu %s", mxGet(l, "linkinfo", "info_kind"), mxGet(l, "link"), mxGet(l, "mtu"))
				if strings.Contains(w, "address") {
					got += " address " + mxGet(l, "address")
				}
				if got != w {
					t.Errorf("%s: got %q, want %q", name, got, w)
				}
			}
		},
	},
	{
		name: "link/bridge",
		batch: lines(
			`{"link": "add", "ifname": "br0", "kind": "bridge", "br_forward_delay": 1500, "br_ageing_time": 30000, "br_priority": 4096, "br_hello_time": 300}`,
			`{"link": "set", "index": "br0", "state": "up"}`,
		),
		check: func(t *testing.T, ns *nltest.Namespace) {
			l := mxLink(t, ns, "br0")
			mxFields(t, "br0", l, map[string]string{
				"linkinfo.info_kind":                "bridge",
				"linkinfo.info_data.forward_delay":  "1500",
				"linkinfo.info_data.ageing_time":    "30000",
				"linkinfo.info_data.priority":       "4096",
				"linkinfo.info_data.hello_time":     "300",
				"linkinfo.info_data.vlan_filtering": "0",
			})
			if !mxHasFlag(l, "UP") {
				t.Errorf("br0 is not up: %v", l["flags"])
			}
		},
	},
	{
		name: "link/vxlan",
		batch: lines(
			`{"link": "add", "ifname": "v0", "kind": "veth", "peer": "v1"}`,
			`{"link": "add", "ifname": "vx0", "kind": "vxlan", "vxlan_id": 42, "vxlan_link": "v0", "vxlan_group": "239.1.1.1", "vxlan_local": "192.0.2.1", "vxlan_port": 4789, "vxlan_ttl": 16, "vxlan_learning": 0}`,
			`{"link": "add", "ifname": "vx1", "kind": "vxlan", "vxlan_id": 4242, "vxlan_local6": "2001:db8::1", "vxlan_group6": "2001:db8::2", "vxlan_port": 8472, "vxlan_port_range": {"low": 49152, "high": 65535}}`,
		),
		check: func(t *testing.T, ns *nltest.Namespace) {
			mxFields(t, "vx0", mxLink(t, ns, "vx0"), map[string]string{
				"linkinfo.info_kind":          "vxlan",
				"linkinfo.info_data.id":       "42",
				"linkinfo.info_data.link":     "v0",
				"linkinfo.info_data.group":    "239.1.1.1",
				"linkinfo.info_data.local":    "192.0.2.1",
				"linkinfo.info_data.port":     "4789",
				"linkinfo.info_data.ttl":      "16",
				"linkinfo.info_data.learning": "false",
			})
			mxFields(t, "vx1", mxLink(t, ns, "vx1"), map[string]string{
				"linkinfo.info_kind":                 "vxlan",
				"linkinfo.info_data.id":              "4242",
				"linkinfo.info_data.remote6":         "2001:db8::2",
				"linkinfo.info_data.local6":          "2001:db8::1",
				"linkinfo.info_data.port":            "8472",
				"linkinfo.info_data.port_range.low":  "49152",
				"linkinfo.info_data.port_range.high": "65535",
			})
		},
	},
	{
		name: "link/macvlan",
		batch: lines(
			`{"link": "add", "ifname": "v0", "kind": "veth", "peer": "v1"}`,
			`{"link": "add", "ifname": "mv0", "kind": "macvlan", "IFLA_LINK": "v0", "macvlan_mode": "bridge", "address": "02:00:5e:00:53:20"}`,
			`{"link": "add", "ifname": "mv1", "kind": "macvlan", "IFLA_LINK": "v0", "macvlan_mode": "private"}`,
			`{"link": "add", "ifname": "mv2", "kind": "macvlan", "IFLA_LINK": "v1", "mode": "vepa"}`,
		),
		check: func(t *testing.T, ns *nltest.Namespace) {
			links := ipJSON(t, ns, "ip", "-d", "link", "show")
			for _, w := range []string{
				"mv0 macvlan on v0 mode bridge address 02:00:5e:00:53:20",
				"mv1 macvlan on v0 mode private",
				"mv2 macvlan on v1 mode vepa",
			} {
				name := strings.Fields(w)[0]
				l := mxByKey(links, "ifname", name)
				if l == nil {
					t.Errorf("%s is missing: %v", name, mxNames(links, "ifname"))
					continue
				}
				got := fmt.Sprintf("%s %s on %s mode %s", name, mxGet(l, "linkinfo", "info_kind"), mxGet(l, "link"), mxGet(l, "linkinfo", "info_data", "mode"))
				if strings.Contains(w, "address") {
					got += " address " + mxGet(l, "address")
				}
				if got != w {
					t.Errorf("got %q, want %q", got, w)
				}
			}
		},
	},
	{
		// The kernel creates tun and tap devices only by ioctl on
		// /dev/net/tun: the namespace gets them from ip tuntap, and the
		// batch configures them. Creating one by netlink is refused
		// (checked in TestMatrixTunCreateRefused).
		name: "link/tuntap",
		setup: [][]string{
			{"ip", "tuntap", "add", "tun0", "mode", "tun"},
			{"ip", "tuntap", "add", "tap0", "mode", "tap"},
		},
		batch: lines(
			`{"link": "set", "index": "tun0", "mtu": 1300, "state": "up"}`,
			`{"link": "set", "index": "tap0", "mtu": 9000, "address": "02:00:5e:00:53:42", "state": "up"}`,
			`{"addr": "add", "index": "tun0", "address": "10.9.0.1", "local": "10.9.0.1", "prefixlen": 32}`,
			`{"addr": "add", "index": "tap0", "address": "10.10.0.1", "prefixlen": 24}`,
			`{"route": "add", "dst": "10.11.0.0/16", "oif": "tun0"}`,
		),
		check: func(t *testing.T, ns *nltest.Namespace) {
			mxFields(t, "tun0", mxLink(t, ns, "tun0"), map[string]string{
				"linkinfo.info_kind":      "tun",
				"linkinfo.info_data.type": "tun",
				"mtu":                     "1300",
			})
			tap := mxLink(t, ns, "tap0")
			mxFields(t, "tap0", tap, map[string]string{
				"linkinfo.info_kind":      "tun",
				"linkinfo.info_data.type": "tap",
				"mtu":                     "9000",
				"address":                 "02:00:5e:00:53:42",
			})
			if !mxHasFlag(tap, "UP") {
				t.Errorf("tap0 is not up: %v", tap["flags"])
			}
			mxContains(t, "addresses", mxAddrLines(t, ns), "tun0 inet 10.9.0.1/32 scope global label tun0", "tap0 inet 10.10.0.1/24 scope global label tap0")
			mxContains(t, "routes", mxRouteLines(t, ns, "-4"), "10.11.0.0/16 dev tun0 table main")
		},
	},
	{
		name: "link/set",
		batch: lines(
			`{"link": "add", "ifname": "br0", "kind": "bridge"}`,
			`{"link": "add", "ifname": "v0", "kind": "veth", "peer": "v1"}`,
			`{"link": "add", "ifname": "w0", "kind": "veth", "peer": "w1"}`,
			`{"link": "set", "index": "v1", "ifname": "up1"}`,
			`{"link": "set", "index": "up1", "mtu": 1280, "state": "up"}`,
			`{"link": "set", "index": "v0", "mtu": 1400}`,
			`{"link": "set", "index": "v0", "state": "up"}`,
			`{"link": "set", "index": "v0", "master": "br0"}`,
			`{"link": "set", "index": "w0", "master": "br0", "state": "up"}`,
			`{"link": "set", "index": "br0", "state": "up", "txqlen": 500, "ifalias": "matrix bridge"}`,
		),
		check: func(t *testing.T, ns *nltest.Namespace) {
			links := ipJSON(t, ns, "ip", "link", "show")
			got := mxLinkLines(links)
			mxContains(t, "links", got,
				"br0 mtu 1400 master - UP",
				"v0 mtu 1400 master br0 UP",
				"w0 mtu 1500 master br0 UP",
				"up1 mtu 1280 master - UP",
			)
			if l := mxByKey(links, "ifname", "v1"); l != nil {
				t.Errorf("v1 still exists after the rename: %v", l)
			}
			br := mxByKey(links, "ifname", "br0")
			mxFields(t, "br0", br, map[string]string{"txqlen": "500", "ifalias": "matrix bridge"})
			// Take v0 out of the bridge and down again; w0 leaves by
			// master 0 in nldump's form.
			mxApply(t, ns, lines(
				`{"link": "set", "index": "v0", "master": 0, "state": "down", "mtu": 9000}`,
				`{"type": "RTM_NEWLINK", "header": {"ifi_family": "AF_UNSPEC", "ifi_index": "w0"}, "attrs": [{"name": "IFLA_MASTER", "value": 0}]}`,
			))
			mxContains(t, "links after nomaster", mxLinkLines(ipJSON(t, ns, "ip", "link", "show")),
				"v0 mtu 9000 master - DOWN",
				"w0 mtu 1500 master - UP",
			)
			if out := ns.Run("ip", "link", "show", "master", "br0"); strings.TrimSpace(out) != "" {
				t.Errorf("br0 still has ports:\n%s", out)
			}
		},
	},

	// Addresses.
	{
		name: "addr/ipv4",
		batch: lines(
			`{"link": "add", "ifname": "v0", "kind": "veth", "peer": "v1"}`,
			`{"link": "set", "index": "v0", "state": "up"}`,
			`{"addr": "add", "index": "v0", "address": "192.0.2.1", "prefixlen": 24, "broadcast": true}`,
			`{"addr": "add", "index": "v0", "address": "198.51.100.33/27", "label": "v0:one"}`,
			`{"addr": "add", "index": "v0", "address": "203.0.113.1", "mask": 32, "scope": 253}`,
			`{"addr": "add", "index": "v1", "address": "192.0.2.2", "local": "192.0.2.2", "prefixlen": 24, "broadcast": "192.0.2.255"}`,
			`{"type": "RTM_NEWADDR", "flags": ["NLM_F_CREATE", "NLM_F_EXCL"], "header": {"ifa_family": "AF_INET", "ifa_prefixlen": 16, "ifa_index": "v1"}, "attrs": [{"name": "IFA_LOCAL", "value": "10.20.0.1"}, {"name": "IFA_ADDRESS", "value": "10.20.0.1"}]}`,
		),
		check: func(t *testing.T, ns *nltest.Namespace) {
			got := mxAddrLines(t, ns)
			mxContains(t, "IPv4 addresses", got,
				"v0 inet 192.0.2.1/24 brd 192.0.2.255 scope global label v0",
				"v0 inet 198.51.100.33/27 scope global label v0:one",
				"v0 inet 203.0.113.1/32 scope link label v0",
				"v1 inet 192.0.2.2/24 brd 192.0.2.255 scope global label v1",
				"v1 inet 10.20.0.1/16 scope global label v1",
			)
		},
	},
	{
		name: "addr/ipv6",
		batch: lines(
			`{"link": "add", "ifname": "v0", "kind": "veth", "peer": "v1"}`,
			`{"link": "set", "index": "v0", "state": "up"}`,
			`{"addr": "add", "index": "v0", "address": "2001:db8::1", "prefixlen": 64, "flags": 2}`,
			`{"addr": "add", "index": "v0", "address": "2001:db8:1::1/64", "flags": 770}`,
			`{"addr": "add", "index": "v0", "address": "2001:db8:2::1", "prefixlen": 64, "flags": 2, "preferred_lft": 1800, "valid_lft": 3600}`,
			`{"addr": "add", "index": "v1", "address": "fe80::42", "prefixlen": 64, "scope": 253, "flags": 2}`,
		),
		check: func(t *testing.T, ns *nltest.Namespace) {
			got := mxAddrLines(t, ns)
			mxContains(t, "IPv6 addresses", got,
				"v0 inet6 2001:db8::1/64 scope global nodad",
				"v0 inet6 2001:db8:1::1/64 scope global nodad noprefixroute",
				"v0 inet6 2001:db8:2::1/64 scope global nodad",
				"v1 inet6 fe80::42/64 scope link nodad",
			)
			// The lifetimes given, counting down.
			for _, l := range ipJSON(t, ns, "ip", "-6", "addr", "show", "dev", "v0") {
				for _, a := range mxList(l["addr_info"]) {
					if a["local"] != "2001:db8:2::1" {
						continue
					}
					valid, pref := mxNum(a["valid_life_time"]), mxNum(a["preferred_life_time"])
					if valid > 3600 || valid < 3500 || pref > 1800 || pref < 1700 {
						t.Errorf("2001:db8:2::1 lifetimes: valid %v, preferred %v; want about 3600 and 1800", valid, pref)
					}
				}
			}
			// noprefixroute: no 2001:db8:1::/64 route.
			for _, r := range ipJSON(t, ns, "ip", "-6", "route", "show") {
				if r["dst"] == "2001:db8:1::/64" {
					t.Errorf("noprefixroute address has a prefix route: %v", r)
				}
			}
		},
	},

	// Routes.
	{
		name: "route/ipv4",
		batch: mxVethUp + lines(
			`{"route": "add", "dst": "198.51.100.0/24", "gateway": "192.0.2.254", "oif": "v0"}`,
			`{"route": "add", "dst": "198.51.101.0/24", "gateway": "192.0.2.254", "table": 100}`,
			`{"route": "add", "dst": "198.51.102.0/24", "gateway": "192.0.2.254", "table": 1000}`,
			`{"route": "add", "dst": "198.51.103.0/24", "oif": "v0", "table": 70000, "metric": 50}`,
			`{"route": "add", "dst": "203.0.113.0/24", "type": "blackhole"}`,
			`{"route": "add", "dst": "203.0.114.0/24", "type": "unreachable", "table": 300}`,
			`{"route": "add", "dst": "10.0.0.0/8", "gateway": "192.0.2.254", "metrics": {"mtu": 1400}}`,
			`{"route": "add", "dst": "default", "gateway": "192.0.2.253"}`,
			`{"type": "RTM_NEWROUTE", "flags": ["NLM_F_CREATE", "NLM_F_EXCL"], "header": {"rtm_family": "AF_INET", "rtm_dst_len": 24, "rtm_table": "RT_TABLE_COMPAT", "rtm_protocol": "RTPROT_STATIC", "rtm_scope": "RT_SCOPE_UNIVERSE", "rtm_type": "RTN_UNICAST"}, "attrs": [{"name": "RTA_DST", "value": "198.51.104.0"}, {"name": "RTA_TABLE", "value": 4000000}, {"name": "RTA_GATEWAY", "value": "192.0.2.254"}, {"name": "RTA_OIF", "value": "v0"}]}`,
		),
		check: func(t *testing.T, ns *nltest.Namespace) {
			mxContains(t, "IPv4 routes", mxRouteLines(t, ns, "-4"),
				"198.51.100.0/24 via 192.0.2.254 dev v0 table main",
				"198.51.101.0/24 via 192.0.2.254 dev v0 table 100",
				"198.51.102.0/24 via 192.0.2.254 dev v0 table 1000",
				"198.51.103.0/24 dev v0 table 70000 metric 50",
				"blackhole 203.0.113.0/24 table main",
				"unreachable 203.0.114.0/24 table 300",
				"10.0.0.0/8 via 192.0.2.254 dev v0 table main mtu 1400",
				"default via 192.0.2.253 dev v0 table main",
				"198.51.104.0/24 via 192.0.2.254 dev v0 table 4000000",
			)
		},
	},
	{
		name: "route/ipv6",
		batch: mxVethUp + lines(
			`{"route": "add", "dst": "2001:db8:1::/48", "gateway": "2001:db8::ff"}`,
			`{"route": "add", "dst": "2001:db8:2::/64", "oif": "v0", "priority": 256}`,
			`{"route": "add", "dst": "2001:db8:7::/48", "gateway": "2001:db8::ff", "table": 10000}`,
			`{"route": "add", "dst": "2001:db8:8::/48", "type": "unreachable"}`,
			`{"route": "add", "dst": "2001:db8:9::/48", "gateway": "2001:db8::ff", "metrics": {"mtu": 1280}}`,
			`{"route": "add", "dst": "::/0", "gateway": "2001:db8::fe", "table": 300}`,
		),
		check: func(t *testing.T, ns *nltest.Namespace) {
			mxContains(t, "IPv6 routes", mxRouteLines(t, ns, "-6"),
				"2001:db8:1::/48 via 2001:db8::ff dev v0 table main metric 1024",
				"2001:db8:2::/64 dev v0 table main metric 256",
				"2001:db8:7::/48 via 2001:db8::ff dev v0 table 10000 metric 1024",
				"unreachable 2001:db8:8::/48 dev lo table main metric 1024",
				"2001:db8:9::/48 via 2001:db8::ff dev v0 table main metric 1024 mtu 1280",
				"default via 2001:db8::fe dev v0 table 300 metric 1024",
			)
		},
	},
	{
		name: "route/multipath-ipv4",
		batch: mxVethUp + lines(
			`{"link": "add", "ifname": "w0", "kind": "veth", "peer": "w1"}`,
			`{"link": "set", "index": "w0", "state": "up"}`,
			`{"link": "set", "index": "w1", "state": "up"}`,
			`{"addr": "add", "index": "w0", "address": "203.0.113.1", "prefixlen": 24}`,
			`{"route": "add", "dst": "198.51.100.0/24", "multipath": [{"gateway": "192.0.2.10", "oif": "v0", "hops": 1}, {"gateway": "203.0.113.10", "oif": "w0", "hops": 3}]}`,
			`{"route": "add", "dst": "198.51.101.0/24", "table": 5000, "multipath": [{"gateway": "192.0.2.11"}, {"gateway": "192.0.2.12", "hops": 5}]}`,
			`{"route": "add", "dst": "198.51.102.0/24", "multipath": [{"oif": "v0"}, {"oif": "w0"}]}`,
			`{"type": "RTM_NEWROUTE", "flags": ["NLM_F_CREATE", "NLM_F_EXCL"], "header": {"rtm_family": "AF_INET", "rtm_dst_len": 24, "rtm_table": "RT_TABLE_MAIN", "rtm_protocol": "RTPROT_STATIC", "rtm_scope": "RT_SCOPE_UNIVERSE", "rtm_type": "RTN_UNICAST"}, "attrs": [{"name": "RTA_DST", "value": "198.51.103.0"}, {"name": "RTA_MULTIPATH", "value": [{"header": {"rtnh_ifindex": "w0", "rtnh_hops": 0}, "attrs": [{"name": "RTA_GATEWAY", "value": "203.0.113.20"}]}, {"header": {"rtnh_ifindex": "v0", "rtnh_hops": 9}, "attrs": [{"name": "RTA_GATEWAY", "value": "192.0.2.20"}]}]}]}`,
		),
		check: func(t *testing.T, ns *nltest.Namespace) {
			mxContains(t, "IPv4 multipath routes", mxRouteLines(t, ns, "-4"),
				"198.51.100.0/24 table main nexthop via 192.0.2.10 dev v0 weight 2 nexthop via 203.0.113.10 dev w0 weight 4",
				"198.51.101.0/24 table 5000 nexthop via 192.0.2.11 dev v0 weight 1 nexthop via 192.0.2.12 dev v0 weight 6",
				"198.51.102.0/24 table main nexthop dev v0 weight 1 nexthop dev w0 weight 1",
				"198.51.103.0/24 table main nexthop via 203.0.113.20 dev w0 weight 1 nexthop via 192.0.2.20 dev v0 weight 10",
			)
		},
	},
	{
		name: "route/multipath-ipv6",
		batch: mxVethUp + lines(
			`{"link": "add", "ifname": "w0", "kind": "veth", "peer": "w1"}`,
			`{"link": "set", "index": "w0", "state": "up"}`,
			`{"link": "set", "index": "w1", "state": "up"}`,
			`{"addr": "add", "index": "w0", "address": "2001:db8:ff::1", "prefixlen": 64, "flags": 2}`,
			`{"route": "add", "dst": "2001:db8:10::/48", "multipath": [{"gateway": "2001:db8::10", "oif": "v0"}, {"gateway": "2001:db8:ff::10", "oif": "w0", "hops": 1}]}`,
			`{"route": "add", "dst": "2001:db8:11::/48", "table": 1000, "multipath": [{"gateway": "2001:db8::11", "oif": "v0"}, {"gateway": "2001:db8::12", "oif": "v0"}]}`,
		),
		check: func(t *testing.T, ns *nltest.Namespace) {
			mxContains(t, "IPv6 multipath routes", mxRouteLines(t, ns, "-6"),
				"2001:db8:10::/48 table main metric 1024 nexthop via 2001:db8::10 dev v0 weight 1 nexthop via 2001:db8:ff::10 dev w0 weight 2",
				"2001:db8:11::/48 table 1000 metric 1024 nexthop via 2001:db8::11 dev v0 weight 1 nexthop via 2001:db8::12 dev v0 weight 1",
			)
		},
	},

	// Rules.
	{
		name: "rule",
		batch: lines(
			`{"rule": "add", "table": 100, "priority": 1000, "src": "198.51.100.0/24"}`,
			`{"rule": "add", "table": 1001, "priority": 1001, "dst": "203.0.113.0/24"}`,
			`{"rule": "add", "table": 102, "priority": 1002, "fwmark": 10}`,
			`{"rule": "add", "table": 103, "priority": 1003, "fwmark": 256, "fwmask": 65280, "src": "192.0.2.0/24", "dst": "198.51.100.7"}`,
			`{"rule": "add", "priority": 1004, "action": "blackhole", "src": "10.0.0.0/8"}`,
			`{"rule": "add", "family": 10, "table": 40, "priority": 500, "src": "2001:db8::/32"}`,
			`{"rule": "add", "family": 10, "table": 70000, "priority": 501, "dst": "2001:db8::1", "fwmark": 7}`,
			`{"type": "RTM_NEWRULE", "flags": ["NLM_F_CREATE", "NLM_F_EXCL"], "header": {"family": "AF_INET", "dst_len": 16, "table": "RT_TABLE_UNSPEC", "action": "FR_ACT_TO_TBL"}, "attrs": [{"name": "FRA_DST", "value": "10.1.0.0"}, {"name": "FRA_PRIORITY", "value": 1005}, {"name": "FRA_TABLE", "value": 2000}]}`,
		),
		check: func(t *testing.T, ns *nltest.Namespace) {
			mxContains(t, "IPv4 rules", mxRuleLines(t, ns, "-4"),
				"1000 from 198.51.100.0/24 lookup 100",
				"1001 from all to 203.0.113.0/24 lookup 1001",
				"1002 from all fwmark 0xa lookup 102",
				"1003 from 192.0.2.0/24 to 198.51.100.7 fwmark 0x100/0xff00 lookup 103",
				"1004 from 10.0.0.0/8 blackhole",
				"1005 from all to 10.1.0.0/16 lookup 2000",
			)
			mxContains(t, "IPv6 rules", mxRuleLines(t, ns, "-6"),
				"500 from 2001:db8::/32 lookup 40",
				"501 from all to 2001:db8::1 fwmark 0x7 lookup 70000",
			)
		},
	},

	// Neighbours and FDB entries.
	{
		name: "neigh",
		batch: mxVethUp + lines(
			`{"neigh": "add", "dst": "192.0.2.5", "lladdr": "02:00:5e:00:53:05", "ifindex": "v0"}`,
			`{"neigh": "add", "dst": "192.0.2.6", "lladdr": "02:00:5e:00:53:06", "ifindex": "v0", "state": "reachable"}`,
			`{"neigh": "add", "dst": "192.0.2.7", "lladdr": "02:00:5e:00:53:07", "index": "v0", "state": "noarp"}`,
			`{"neigh": "add", "dst": "192.0.2.8", "lladdr": "02:00:5e:00:53:08", "ifindex": "v0", "state": "stale"}`,
			`{"neigh": "add", "dst": "2001:db8::5", "lladdr": "02:00:5e:00:53:15", "ifindex": "v0", "state": "permanent"}`,
			`{"neigh": "add", "dst": "2001:db8::6", "lladdr": "02:00:5e:00:53:16", "ifindex": "v0", "flags": 128}`,
			`{"neigh": "add", "dst": "fe80::7", "lladdr": "02:00:5e:00:53:17", "ifindex": "v0", "state": "stale"}`,
			`{"type": "RTM_NEWNEIGH", "flags": ["NLM_F_CREATE", "NLM_F_EXCL"], "header": {"ndm_family": "AF_INET", "ndm_ifindex": "v1", "ndm_state": ["NUD_PERMANENT"]}, "attrs": [{"name": "NDA_DST", "value": "192.0.2.9"}, {"name": "NDA_LLADDR", "value": "02:00:5e:00:53:09"}]}`,
		),
		check: func(t *testing.T, ns *nltest.Namespace) {
			got := mxNeighLines(t, ns)
			mxContains(t, "neighbours", got,
				"192.0.2.5 dev v0 lladdr 02:00:5e:00:53:05 PERMANENT",
				"192.0.2.7 dev v0 lladdr 02:00:5e:00:53:07 NOARP",
				"192.0.2.8 dev v0 lladdr 02:00:5e:00:53:08 STALE",
				"192.0.2.9 dev v1 lladdr 02:00:5e:00:53:09 PERMANENT",
				"2001:db8::5 dev v0 lladdr 02:00:5e:00:53:15 PERMANENT",
				"2001:db8::6 dev v0 lladdr 02:00:5e:00:53:16 router PERMANENT",
				"fe80::7 dev v0 lladdr 02:00:5e:00:53:17 STALE",
			)
			// A reachable entry ages (reachable, stale, delay, probe);
			// it must be there with its address.
			found := false
			for _, l := range got {
				if strings.HasPrefix(l, "192.0.2.6 dev v0 lladdr 02:00:5e:00:53:06 ") {
					found = true
				}
			}
			if !found {
				t.Errorf("192.0.2.6 is missing:\n%s", strings.Join(got, "\n"))
			}
		},
	},
	{
		name:  "fdb",
		tools: []string{"bridge"},
		batch: lines(
			`{"link": "add", "ifname": "br0", "kind": "bridge"}`,
			`{"link": "add", "ifname": "v0", "kind": "veth", "peer": "v1"}`,
			`{"link": "add", "ifname": "w0", "kind": "veth", "peer": "w1"}`,
			`{"link": "set", "index": "v0", "master": "br0", "state": "up"}`,
			`{"link": "set", "index": "w0", "master": "br0", "state": "up"}`,
			`{"link": "set", "index": "br0", "state": "up"}`,
			`{"link": "add", "ifname": "vx0", "kind": "vxlan", "vxlan_id": 100, "vxlan_local": "192.0.2.1", "vxlan_port": 4789, "vxlan_learning": 0}`,
			`{"fdb": "add", "ifindex": "v0", "lladdr": "02:00:5e:00:53:aa", "flags": 4}`,
			`{"fdb": "add", "ifindex": "w0", "lladdr": "02:00:5e:00:53:ab", "master": "br0", "flags": 4}`,
			`{"fdb": "add", "ifindex": "v0", "lladdr": "02:00:5e:00:53:ac", "flags": 4, "state": 64}`,
			`{"fdb": "append", "ifindex": "vx0", "lladdr": "00:00:00:00:00:00", "dst": "198.51.100.3"}`,
			`{"fdb": "append", "ifindex": "vx0", "lladdr": "00:00:00:00:00:00", "dst": "198.51.100.4"}`,
			`{"fdb": "add", "ifindex": "vx0", "lladdr": "02:00:5e:00:53:bb", "dst": "198.51.100.5", "vni": 600, "port": 5678}`,
			`{"type": "RTM_NEWNEIGH", "flags": ["NLM_F_CREATE", "NLM_F_EXCL"], "header": {"ndm_family": "AF_BRIDGE", "ndm_ifindex": "w0", "ndm_state": ["NUD_PERMANENT"], "ndm_flags": ["NTF_MASTER"]}, "attrs": [{"name": "NDA_LLADDR", "value": "02:00:5e:00:53:ad"}]}`,
		),
		check: func(t *testing.T, ns *nltest.Namespace) {
			got := mxFdbLines(t, ns)
			mxContains(t, "bridge FDB", got,
				"02:00:5e:00:53:aa dev v0 master br0 permanent",
				"02:00:5e:00:53:ab dev w0 master br0 permanent",
				"02:00:5e:00:53:ac dev v0 master br0 static",
				"02:00:5e:00:53:ad dev w0 master br0 permanent",
				"00:00:00:00:00:00 dev vx0 dst 198.51.100.3 self permanent",
				"00:00:00:00:00:00 dev vx0 dst 198.51.100.4 self permanent",
				"02:00:5e:00:53:bb dev vx0 dst 198.51.100.5 port 5678 vni 600 self permanent",
			)
		},
	},

	{
		name: "brport",
		batch: lines(
			`{"link": "add", "ifname": "br0", "kind": "bridge"}`,
			`{"link": "add", "ifname": "v0", "kind": "veth", "peer": "v1"}`,
			`{"link": "set", "index": "v0", "master": "br0"}`,
			`{"brport": "set", "index": "v0", "cost": 200, "priority": 16, "learning": 0, "unicast_flood": 0}`,
		),
		check: func(t *testing.T, ns *nltest.Namespace) {
			mxFields(t, "v0", mxLink(t, ns, "v0"), map[string]string{
				"master":                            "br0",
				"linkinfo.info_slave_kind":          "bridge",
				"linkinfo.info_slave_data.cost":     "200",
				"linkinfo.info_slave_data.priority": "16",
				"linkinfo.info_slave_data.learning": "false",
				"linkinfo.info_slave_data.flood":    "false",
			})
		},
	},

	// Nexthop objects.
	{
		name: "nexthop",
		batch: mxVethUp + lines(
			`{"link": "set", "index": "lo", "state": "up"}`,
			`{"type": "RTM_NEWNEXTHOP", "flags": ["NLM_F_CREATE", "NLM_F_EXCL"], "header": {"nh_family": "AF_INET"}, "attrs": [{"name": "NHA_ID", "value": 1}, {"name": "NHA_GATEWAY", "value": "192.0.2.10"}, {"name": "NHA_OIF", "value": "v0"}]}`,
			`{"type": "RTM_NEWNEXTHOP", "flags": ["NLM_F_CREATE", "NLM_F_EXCL"], "header": {"nh_family": "AF_INET"}, "attrs": [{"name": "NHA_ID", "value": 2}, {"name": "NHA_GATEWAY", "value": "192.0.2.11"}, {"name": "NHA_OIF", "value": "v0"}]}`,
			`{"type": "RTM_NEWNEXTHOP", "flags": ["NLM_F_CREATE", "NLM_F_EXCL"], "header": {"nh_family": "AF_INET"}, "attrs": [{"name": "NHA_ID", "value": 3}, {"name": "NHA_BLACKHOLE", "value": true}]}`,
			`{"type": "RTM_NEWNEXTHOP", "flags": ["NLM_F_CREATE", "NLM_F_EXCL"], "header": {"nh_family": "AF_INET6"}, "attrs": [{"name": "NHA_ID", "value": 4}, {"name": "NHA_GATEWAY", "value": "2001:db8::10"}, {"name": "NHA_OIF", "value": "v0"}]}`,
			`{"type": "RTM_NEWNEXTHOP", "flags": ["NLM_F_CREATE", "NLM_F_EXCL"], "header": {"nh_family": "AF_INET"}, "attrs": [{"name": "NHA_ID", "value": 5}, {"name": "NHA_OIF", "value": "v1"}]}`,
			`{"type": "RTM_NEWNEXTHOP", "flags": ["NLM_F_CREATE", "NLM_F_EXCL"], "header": {"nh_family": "AF_UNSPEC"}, "attrs": [{"name": "NHA_ID", "value": 10}, {"name": "NHA_GROUP", "value": [{"id": 1}, {"id": 2, "weight": 2}]}]}`,
			`{"type": "RTM_NEWNEXTHOP", "flags": ["NLM_F_CREATE", "NLM_F_EXCL"], "header": {"nh_family": "AF_UNSPEC"}, "attrs": [{"name": "NHA_ID", "value": 11}, {"name": "NHA_GROUP", "value": [{"id": 1}, {"id": 2}]}, {"name": "NHA_GROUP_TYPE", "value": "NEXTHOP_GRP_TYPE_RES"}, {"name": "NHA_RES_GROUP", "nested": true, "attrs": [{"name": "NHA_RES_GROUP_BUCKETS", "value": 32}]}]}`,
			`{"route": "add", "dst": "198.51.100.0/24", "nh_id": 10}`,
			`{"route": "add", "dst": "198.51.101.0/24", "nh_id": 1, "table": 1000}`,
			`{"route": "add", "dst": "198.51.102.0/24", "nh_id": 3}`,
			`{"route": "add", "dst": "2001:db8:5::/48", "nh_id": 4}`,
			`{"type": "RTM_NEWROUTE", "flags": ["NLM_F_CREATE", "NLM_F_EXCL"], "header": {"rtm_family": "AF_INET", "rtm_dst_len": 24, "rtm_table": "RT_TABLE_MAIN", "rtm_protocol": "RTPROT_STATIC", "rtm_scope": "RT_SCOPE_UNIVERSE", "rtm_type": "RTN_UNICAST"}, "attrs": [{"name": "RTA_DST", "value": "198.51.103.0"}, {"name": "RTA_NH_ID", "value": 11}]}`,
		),
		check: func(t *testing.T, ns *nltest.Namespace) {
			var got []string
			for _, nh := range ipJSON(t, ns, "ip", "nexthop", "show") {
				s := "id " + mxGet(nh, "id")
				if g := mxList(nh["group"]); len(g) > 0 {
					s += " group"
					for _, m := range g {
						s += " " + mxGet(m, "id")
						if w := mxGet(m, "weight"); w != "" {
							s += "," + w
						}
					}
					if ty := mxGet(nh, "type"); ty != "" {
						s += " type " + ty
					}
				}
				s += mxOpt(" via ", mxGet(nh, "gateway")) + mxOpt(" dev ", mxGet(nh, "dev"))
				if _, ok := nh["blackhole"]; ok { // a JSON null
					s += " blackhole"
				}
				got = append(got, s)
			}
			mxContains(t, "nexthops", got,
				"id 1 via 192.0.2.10 dev v0",
				"id 2 via 192.0.2.11 dev v0",
				"id 3 blackhole",
				"id 4 via 2001:db8::10 dev v0",
				"id 5 dev v1",
				"id 10 group 1 2,3",
				"id 11 group 1 2 type resilient",
			)
			routes := append(mxRouteLines(t, ns, "-4"), mxRouteLines(t, ns, "-6")...)
			mxContains(t, "routes through nexthops", routes,
				"198.51.100.0/24 nhid 10 table main nexthop via 192.0.2.10 dev v0 weight 1 nexthop via 192.0.2.11 dev v0 weight 3",
				"198.51.101.0/24 nhid 1 via 192.0.2.10 dev v0 table 1000",
				"blackhole 198.51.102.0/24 nhid 3 dev lo table main",
				"198.51.103.0/24 nhid 11 table main nexthop via 192.0.2.10 dev v0 weight 1 nexthop via 192.0.2.11 dev v0 weight 1",
				"2001:db8:5::/48 nhid 4 via 2001:db8::10 dev v0 table main metric 1024",
			)
		},
	},

	// Traffic control.
	{
		name:  "tc/htb",
		tools: []string{"tc"},
		batch: lines(
			`{"link": "add", "ifname": "v0", "kind": "veth", "peer": "v1"}`,
			`{"tc": "add", "kind": "htb", "index": "v0", "handle": "1:", "default": 32, "r2q": 5}`,
			`{"tc": "add-class", "kind": "htb", "index": "v0", "handle": "1:1", "parent": "1:", "rate": "100mbit"}`,
			`{"tc": "add-class", "kind": "htb", "index": "v0", "handle": "1:10", "parent": "1:1", "rate": "10mbit", "ceil": "50mbit"}`,
			`{"tc": "add-class", "kind": "htb", "index": "v0", "handle": "1:20", "parent": "1:1", "rate": "1mbit", "prio": 3}`,
			`{"tc": "add-class", "kind": "htb", "index": "v0", "handle": 65584, "parent": 65537, "rate": 125000}`,
			`{"tc": "add-filter", "kind": "u32", "index": "v0", "parent": "1:", "prio": 10, "protocol": 2048, "target": "1:10", "keys": ["0xc6336401/0xffffffff+16"]}`,
			`{"tc": "add-filter", "kind": "u32", "index": "v0", "parent": "1:", "prio": 20, "protocol": 2048, "target": "1:20", "keys": ["0x00060000/0x00ff0000+8", "0x00500000/0xffff0000+20"]}`,
		),
		check: func(t *testing.T, ns *nltest.Namespace) {
			q := mxQdisc(t, ns, "v0", "1:")
			mxFields(t, "qdisc 1:", q, map[string]string{
				"kind":            "htb",
				"root":            "true",
				"options.r2q":     "5",
				"options.default": "0x20",
			})
			mxContains(t, "htb classes", mxClassLines(t, ns, "v0"),
				"htb 1:1 root rate 100Mbit ceil 100Mbit",
				"htb 1:10 parent 1:1 prio 0 rate 10Mbit ceil 50Mbit",
				"htb 1:20 parent 1:1 prio 3 rate 1Mbit ceil 1Mbit",
				"htb 1:30 parent 1:1 prio 0 rate 1Mbit ceil 1Mbit",
			)
			mxContains(t, "u32 filters", mxU32Lines(t, ns, "v0"),
				"parent 1: pref 10 ip flowid 1:10 match c6336401/ffffffff at 16",
				// pyroute2 moves a key whose mask starts with a zero byte one
				// byte on: the same bytes are matched.
				"parent 1: pref 20 ip flowid 1:20 match 06000000/ff000000 at 9 match 00500000/ffff0000 at 20",
			)
		},
	},
	{
		name:  "tc/tbf",
		tools: []string{"tc"},
		batch: lines(
			`{"link": "add", "ifname": "v0", "kind": "veth", "peer": "v1"}`,
			`{"tc": "add", "kind": "tbf", "index": "v0", "handle": "1:", "rate": "10mbit", "burst": 10240, "latency": "50ms"}`,
			`{"tc": "add", "kind": "tbf", "index": "v1", "handle": "2:", "rate": "100kbit", "burst": 1600, "limit": 3000}`,
		),
		check: func(t *testing.T, ns *nltest.Namespace) {
			mxFields(t, "v0 qdisc 1:", mxQdisc(t, ns, "v0", "1:"), map[string]string{
				"kind":          "tbf",
				"root":          "true",
				"options.rate":  "1250000",
				"options.burst": "10240",
				"options.lat":   "50000",
			})
			mxFields(t, "v1 qdisc 2:", mxQdisc(t, ns, "v1", "2:"), map[string]string{
				"kind":          "tbf",
				"options.rate":  "12500",
				"options.burst": "1600",
				// tc shows the limit as the latency it gives:
				// (3000 - 1600) bytes at 12500 bytes/s.
				"options.lat": "112000",
			})
		},
	},
	{
		name:  "tc/ingress",
		tools: []string{"tc"},
		batch: lines(
			`{"link": "add", "ifname": "v0", "kind": "veth", "peer": "v1"}`,
			`{"tc": "add", "kind": "ingress", "index": "v0"}`,
			`{"tc": "add", "kind": "ingress", "index": "v1", "handle": "ffff:"}`,
			`{"tc": "add-filter", "kind": "u32", "index": "v0", "parent": "ffff:", "prio": 10, "protocol": 2048, "target": "1:10", "keys": ["0xc6336401/0xffffffff+16"]}`,
		),
		check: func(t *testing.T, ns *nltest.Namespace) {
			for _, dev := range []string{"v0", "v1"} {
				mxFields(t, dev+" qdisc ffff:", mxQdisc(t, ns, dev, "ffff:"), map[string]string{
					"kind":   "ingress",
					"parent": "ffff:fff1",
				})
			}
			mxContains(t, "ingress u32 filters", mxU32Lines(t, ns, "v0", "ingress"),
				"parent ffff: pref 10 ip flowid 1:10 match c6336401/ffffffff at 16",
			)
		},
	},
	{
		name:  "tc/clsact",
		tools: []string{"tc"},
		batch: lines(
			`{"link": "add", "ifname": "v0", "kind": "veth", "peer": "v1"}`,
			`{"tc": "add", "kind": "clsact", "index": "v0"}`,
			`{"tc": "add-filter", "kind": "u32", "index": "v0", "parent": "ffff:fff2", "prio": 10, "protocol": 2048, "target": "1:10", "keys": ["0xc6336401/0xffffffff+16"]}`,
			`{"tc": "add-filter", "kind": "u32", "index": "v0", "parent": "ffff:fff3", "prio": 20, "protocol": 2048, "target": "1:20", "keys": ["0xc0000200/0xffffff00+12"]}`,
		),
		check: func(t *testing.T, ns *nltest.Namespace) {
			mxFields(t, "qdisc ffff:", mxQdisc(t, ns, "v0", "ffff:"), map[string]string{
				"kind":   "clsact",
				"parent": "ffff:fff1",
			})
			mxContains(t, "clsact ingress filters", mxU32Lines(t, ns, "v0", "ingress"),
				"pref 10 ip flowid 1:10 match c6336401/ffffffff at 16",
			)
			mxContains(t, "clsact egress filters", mxU32Lines(t, ns, "v0", "egress"),
				"pref 20 ip flowid 1:20 match c0000200/ffffff00 at 12",
			)
		},
	},

	// Deleting and replacing, checked by what is left.
	{
		name:  "replace-and-delete",
		tools: []string{"tc", "bridge"},
		batch: mxVethUp + lines(
			`{"link": "set", "index": "lo", "state": "up"}`,
			`{"link": "add", "ifname": "gone0", "kind": "veth", "peer": "gone1"}`,
			`{"link": "add", "ifname": "br0", "kind": "bridge"}`,
			`{"link": "set", "index": "v1", "master": "br0"}`,
			`{"addr": "add", "index": "v0", "address": "192.0.2.99", "prefixlen": 24}`,
			`{"route": "add", "dst": "198.51.100.0/24", "gateway": "192.0.2.254"}`,
			`{"route": "add", "dst": "198.51.101.0/24", "gateway": "192.0.2.254", "table": 1000}`,
			`{"route": "add", "dst": "2001:db8:1::/48", "gateway": "2001:db8::ff"}`,
			`{"rule": "add", "table": 100, "priority": 1000, "src": "198.51.100.0/24"}`,
			`{"rule": "add", "table": 101, "priority": 1001, "fwmark": 5}`,
			`{"neigh": "add", "dst": "192.0.2.5", "lladdr": "02:00:5e:00:53:05", "ifindex": "v0"}`,
			`{"neigh": "add", "dst": "192.0.2.6", "lladdr": "02:00:5e:00:53:06", "ifindex": "v0"}`,
			`{"fdb": "add", "ifindex": "v1", "lladdr": "02:00:5e:00:53:aa", "flags": 4}`,
			`{"fdb": "add", "ifindex": "v1", "lladdr": "02:00:5e:00:53:ab", "flags": 4}`,
			`{"type": "RTM_NEWNEXTHOP", "flags": ["NLM_F_CREATE", "NLM_F_EXCL"], "header": {"nh_family": "AF_INET"}, "attrs": [{"name": "NHA_ID", "value": 1}, {"name": "NHA_GATEWAY", "value": "192.0.2.10"}, {"name": "NHA_OIF", "value": "v0"}]}`,
			`{"type": "RTM_NEWNEXTHOP", "flags": ["NLM_F_CREATE", "NLM_F_EXCL"], "header": {"nh_family": "AF_INET"}, "attrs": [{"name": "NHA_ID", "value": 2}, {"name": "NHA_GATEWAY", "value": "192.0.2.11"}, {"name": "NHA_OIF", "value": "v0"}]}`,
			`{"tc": "add", "kind": "htb", "index": "v0", "handle": "1:"}`,
			`{"tc": "add-class", "kind": "htb", "index": "v0", "handle": "1:10", "parent": "1:", "rate": "10mbit"}`,
			`{"tc": "add-class", "kind": "htb", "index": "v0", "handle": "1:20", "parent": "1:", "rate": "20mbit"}`,
			`{"tc": "add", "kind": "ingress", "index": "v1"}`,
			// Now replace and delete.
			`{"route": "replace", "dst": "198.51.100.0/24", "gateway": "192.0.2.253"}`,
			`{"route": "del", "dst": "198.51.101.0/24", "table": 1000}`,
			`{"route": "del", "dst": "2001:db8:1::/48"}`,
			`{"addr": "del", "index": "v0", "address": "192.0.2.99", "prefixlen": 24}`,
			`{"rule": "del", "table": 101, "priority": 1001, "fwmark": 5}`,
			`{"neigh": "del", "dst": "192.0.2.6", "ifindex": "v0"}`,
			`{"fdb": "del", "ifindex": "v1", "lladdr": "02:00:5e:00:53:ab", "flags": 4}`,
			`{"type": "RTM_DELNEXTHOP", "header": {"nh_family": "AF_UNSPEC"}, "attrs": [{"name": "NHA_ID", "value": 2}]}`,
			`{"tc": "del-class", "kind": "htb", "index": "v0", "handle": "1:20", "parent": "1:"}`,
			`{"tc": "del", "kind": "ingress", "index": "v1", "handle": "ffff:", "parent": "ffff:fff1"}`,
			`{"link": "set", "index": "v1", "master": 0}`,
			`{"link": "del", "index": "gone0"}`,
		),
		check: func(t *testing.T, ns *nltest.Namespace) {
			links := ipJSON(t, ns, "ip", "link", "show")
			for _, name := range []string{"gone0", "gone1"} {
				if mxByKey(links, "ifname", name) != nil {
					t.Errorf("%s is still there", name)
				}
			}
			if l := mxByKey(links, "ifname", "v1"); l == nil || mxGet(l, "master") != "" {
				t.Errorf("v1 is not out of the bridge: %v", l)
			}
			routes := append(mxRouteLines(t, ns, "-4"), mxRouteLines(t, ns, "-6")...)
			mxContains(t, "routes", routes, "198.51.100.0/24 via 192.0.2.253 dev v0 table main")
			mxLacks(t, "routes", routes, "198.51.100.0/24 via 192.0.2.254 dev v0 table main",
				"198.51.101.0/24 via 192.0.2.254 dev v0 table 1000", "2001:db8:1::/48 via 2001:db8::ff dev v0 table main metric 1024")
			addrs := mxAddrLines(t, ns)
			mxContains(t, "addresses", addrs, "v0 inet 192.0.2.1/24 scope global label v0")
			mxLacks(t, "addresses", addrs, "v0 inet 192.0.2.99/24 scope global label v0")
			rules := mxRuleLines(t, ns, "-4")
			mxContains(t, "rules", rules, "1000 from 198.51.100.0/24 lookup 100")
			mxLacks(t, "rules", rules, "1001 from all fwmark 0x5 lookup 101")
			neigh := mxNeighLines(t, ns)
			mxContains(t, "neighbours", neigh, "192.0.2.5 dev v0 lladdr 02:00:5e:00:53:05 PERMANENT")
			mxLacks(t, "neighbours", neigh, "192.0.2.6 dev v0 lladdr 02:00:5e:00:53:06 PERMANENT")
			fdb := mxFdbLines(t, ns)
			mxLacks(t, "bridge FDB", fdb, "02:00:5e:00:53:ab dev v1 master br0 permanent")
			var nhs []string
			for _, nh := range ipJSON(t, ns, "ip", "nexthop", "show") {
				nhs = append(nhs, "id "+mxGet(nh, "id"))
			}
			mxContains(t, "nexthops", nhs, "id 1")
			mxLacks(t, "nexthops", nhs, "id 2")
			classes := mxClassLines(t, ns, "v0")
			mxContains(t, "classes", classes, "htb 1:10 root prio 0 rate 10Mbit ceil 10Mbit")
			mxLacks(t, "classes", classes, "htb 1:20 root prio 0 rate 20Mbit ceil 20Mbit")
			if q := mxByKey(ipJSON(t, ns, "tc", "qdisc", "show", "dev", "v1"), "kind", "ingress"); q != nil {
				t.Errorf("v1's ingress qdisc is still there: %v", q)
			}
		},
	},

	// What this kernel may lack: each case skips on the kernel's error
	// saying so, and checks the result where the kernel has it.
	{
		name:     "link/dummy",
		optional: true,
		batch:    lines(`{"link": "add", "ifname": "d0", "kind": "dummy", "mtu": 9000}`),
		check: func(t *testing.T, ns *nltest.Namespace) {
			mxFields(t, "d0", mxLink(t, ns, "d0"), map[string]string{"linkinfo.info_kind": "dummy", "mtu": "9000"})
		},
	},
	{
		name:     "link/vlan",
		optional: true,
		batch: lines(
			`{"link": "add", "ifname": "v0", "kind": "veth", "peer": "v1"}`,
			`{"link": "add", "ifname": "v0.10", "kind": "vlan", "IFLA_LINK": "v0", "vlan_id": 10}`,
		),
		check: func(t *testing.T, ns *nltest.Namespace) {
			mxFields(t, "v0.10", mxLink(t, ns, "v0.10"), map[string]string{
				"linkinfo.info_kind": "vlan", "linkinfo.info_data.id": "10", "link": "v0",
			})
		},
	},
	{
		name:     "link/bond",
		optional: true,
		batch: lines(
			`{"link": "add", "ifname": "bond0", "kind": "bond", "bond_mode": "active-backup", "bond_miimon": 100}`,
		),
		check: func(t *testing.T, ns *nltest.Namespace) {
			mxFields(t, "bond0", mxLink(t, ns, "bond0"), map[string]string{
				"linkinfo.info_kind": "bond", "linkinfo.info_data.mode": "active-backup", "linkinfo.info_data.miimon": "100",
			})
		},
	},
	{
		name:     "link/vrf",
		optional: true,
		batch:    lines(`{"link": "add", "ifname": "vrf0", "kind": "vrf", "vrf_table": 1234}`),
		check: func(t *testing.T, ns *nltest.Namespace) {
			mxFields(t, "vrf0", mxLink(t, ns, "vrf0"), map[string]string{
				"linkinfo.info_kind": "vrf", "linkinfo.info_data.table": "1234",
			})
		},
	},
	{
		name:     "link/gre",
		optional: true,
		batch:    lines(`{"link": "add", "ifname": "gre1", "kind": "gre", "gre_local": "192.0.2.10", "gre_remote": "198.51.100.103", "gre_ttl": 64}`),
		check: func(t *testing.T, ns *nltest.Namespace) {
			mxFields(t, "gre1", mxLink(t, ns, "gre1"), map[string]string{
				"linkinfo.info_kind": "gre", "linkinfo.info_data.local": "192.0.2.10", "linkinfo.info_data.remote": "198.51.100.103",
			})
		},
	},
	{
		name:     "link/nlmon",
		optional: true,
		batch:    lines(`{"link": "add", "ifname": "nlmon0", "kind": "nlmon"}`),
		check: func(t *testing.T, ns *nltest.Namespace) {
			mxFields(t, "nlmon0", mxLink(t, ns, "nlmon0"), map[string]string{"linkinfo.info_kind": "nlmon"})
		},
	},
	{
		name:     "link/bridge-vlan-filtering",
		optional: true,
		batch:    lines(`{"link": "add", "ifname": "br0", "kind": "bridge", "br_vlan_filtering": 1, "br_vlan_default_pvid": 10}`),
		check: func(t *testing.T, ns *nltest.Namespace) {
			mxFields(t, "br0", mxLink(t, ns, "br0"), map[string]string{
				"linkinfo.info_kind": "bridge", "linkinfo.info_data.vlan_filtering": "1", "linkinfo.info_data.vlan_default_pvid": "10",
			})
		},
	},
	{
		name:     "tc/sfq",
		optional: true,
		tools:    []string{"tc"},
		batch: lines(
			`{"link": "add", "ifname": "v0", "kind": "veth", "peer": "v1"}`,
			`{"tc": "add", "kind": "sfq", "index": "v0", "handle": "1:", "perturb": 10}`,
		),
		check: func(t *testing.T, ns *nltest.Namespace) {
			mxFields(t, "qdisc 1:", mxQdisc(t, ns, "v0", "1:"), map[string]string{"kind": "sfq"})
		},
	},
	{
		name:     "tc/netem",
		optional: true,
		tools:    []string{"tc"},
		batch: lines(
			`{"link": "add", "ifname": "v0", "kind": "veth", "peer": "v1"}`,
			`{"tc": "add", "kind": "netem", "index": "v0", "handle": "1:", "delay": 100000, "limit": 500}`,
		),
		check: func(t *testing.T, ns *nltest.Namespace) {
			mxFields(t, "qdisc 1:", mxQdisc(t, ns, "v0", "1:"), map[string]string{"kind": "netem", "options.limit": "500"})
		},
	},
	{
		name:     "tc/fq_codel",
		optional: true,
		tools:    []string{"tc"},
		batch: lines(
			`{"link": "add", "ifname": "v0", "kind": "veth", "peer": "v1"}`,
			`{"tc": "add", "kind": "fq_codel", "index": "v0", "handle": "1:", "fqc_limit": 1000, "fqc_flows": 512}`,
		),
		check: func(t *testing.T, ns *nltest.Namespace) {
			mxFields(t, "qdisc 1:", mxQdisc(t, ns, "v0", "1:"), map[string]string{
				"kind": "fq_codel", "options.limit": "1000", "options.flows": "512",
			})
		},
	},
	{
		name:     "tc/matchall",
		optional: true,
		tools:    []string{"tc"},
		batch: lines(
			`{"link": "add", "ifname": "v0", "kind": "veth", "peer": "v1"}`,
			`{"tc": "add", "kind": "clsact", "index": "v0"}`,
			`{"tc": "add-filter", "kind": "matchall", "index": "v0", "parent": "ffff:fff2", "prio": 5, "classid": "1:10"}`,
		),
		check: func(t *testing.T, ns *nltest.Namespace) {
			if out := ns.Run("tc", "filter", "show", "dev", "v0", "ingress"); !strings.Contains(out, "matchall") || !strings.Contains(out, "flowid 1:10") {
				t.Errorf("no matchall filter to 1:10:\n%s", out)
			}
		},
	},
	{
		name:     "route/mpls-encap",
		optional: true,
		batch: mxVethUp + lines(
			`{"route": "add", "dst": "198.51.100.0/24", "gateway": "192.0.2.254", "encap": {"type": "mpls", "labels": "200/300"}}`,
		),
		check: func(t *testing.T, ns *nltest.Namespace) {
			if out := ns.Run("ip", "route", "show", "198.51.100.0/24"); !strings.Contains(out, "encap mpls  200/300") && !strings.Contains(out, "encap mpls 200/300") {
				t.Errorf("no MPLS encapsulation:\n%s", out)
			}
		},
	},
}

// TestMatrixTunCreateRefused: tun and tap devices cannot be created by
// netlink. The compiler refuses pyroute2's "tuntap" kind, and an
// RTM_NEWLINK of kind "tun" in nldump's form is sent and reported
// failed, and the dump agrees: nothing was created.
func TestMatrixTunCreateRefused(t *testing.T) {
	c := batch.NewCompiler(batch.Options{})
	if err := batch.CompileJSON(c, "test.json", strings.NewReader(lines(`{"link": "add", "ifname": "tap0", "kind": "tuntap", "mode": "tap"}`))); err == nil {
		t.Errorf(`the compiler accepted kind "tuntap"`)
	}
	ns := nltest.NewNamespace(t)
	b := compile(t, lines(
		`{"link": "add", "ifname": "v0", "kind": "veth", "peer": "v1"}`,
		`{"type": "RTM_NEWLINK", "flags": ["NLM_F_CREATE", "NLM_F_EXCL"], "header": {"ifi_family": "AF_UNSPEC"}, "attrs": [{"name": "IFLA_IFNAME", "value": "tun9"}, {"name": "IFLA_LINKINFO", "attrs": [{"name": "IFLA_INFO_KIND", "value": "tun"}]}]}`,
		`{"link": "set", "index": "v0", "mtu": 1400}`,
	))
	rep := replayIn(t, ns, b, Options{})
	if want := []Outcome{Applied, Failed, Applied}; !reflect.DeepEqual(rep.Outcomes, want) {
		t.Fatalf("outcomes %v, want %v:\n%s", rep.Outcomes, want, mxReportText(rep, b))
	}
	if r := mxResultOf(rep, 1); r == nil || r.Errno != unix.EOPNOTSUPP {
		t.Errorf("creating a tun device: %+v, want EOPNOTSUPP", r)
	}
	links := ipJSON(t, ns, "ip", "link", "show")
	if mxByKey(links, "ifname", "tun9") != nil {
		t.Errorf("tun9 exists although its creation failed")
	}
	if l := mxByKey(links, "ifname", "v0"); l == nil || mxGet(l, "mtu") != "1400" {
		t.Errorf("v0 after the failed message: %v", l)
	}
}

// TestMatrixCreatedLinks: links the batch creates and refers to by name
// afterwards, in the ways resolution can go wrong. Each case checks by
// dumping which interface got what.
func TestMatrixCreatedLinks(t *testing.T) {
	t.Run("explicit-index-referred-to", func(t *testing.T) {
		// A link numbered by its own request ("index": 200), then
		// referred to by name.
		ns := nltest.NewNamespace(t)
		b := compile(t, lines(
			`{"link": "add", "ifname": "b0", "kind": "bridge", "index": 200}`,
			`{"link": "set", "index": "b0", "mtu": 1400}`,
		))
		rep, err := Replay(t.Context(), b, Options{NetNS: ns.Name})
		if err != nil {
			t.Fatalf("Replay: %v", err)
		}
		if !rep.OK() {
			t.Fatalf("not every message applied:\n%s", mxReportText(rep, b))
		}
		mxFields(t, "b0", mxLink(t, ns, "b0"), map[string]string{"ifindex": "200", "mtu": "1400"})
	})
	t.Run("explicit-index-beside-numbered", func(t *testing.T) {
		// b0 takes index 2 by its request; a0 is created unnumbered and
		// referred to later, so the replayer numbers it: it must not
		// pick b0's index.
		ns := nltest.NewNamespace(t)
		b := compile(t, lines(
			`{"link": "add", "ifname": "b0", "kind": "bridge", "index": 2}`,
			`{"link": "add", "ifname": "a0", "kind": "bridge"}`,
			`{"link": "set", "index": "a0", "mtu": 1400}`,
		))
		rep := replayIn(t, ns, b, Options{})
		links := ipJSON(t, ns, "ip", "link", "show")
		b0, a0 := mxByKey(links, "ifname", "b0"), mxByKey(links, "ifname", "a0")
		if !rep.OK() {
			t.Fatalf("not every message applied:\n%s", mxReportText(rep, b))
		}
		mxFields(t, "b0", b0, map[string]string{"ifindex": "2", "mtu": "1500"})
		mxFields(t, "a0", a0, map[string]string{"mtu": "1400"})
	})
	t.Run("deleted-and-created-again", func(t *testing.T) {
		// e1 exists on the target; the batch deletes it, creates a new
		// e1 and sets its mtu: "a name refers to the target's interface
		// until the batch creates an interface of that name, and to the
		// created one after".
		ns := nltest.NewNamespace(t)
		ns.Run("ip", "link", "add", "e0", "type", "veth", "peer", "name", "e1")
		b := compile(t, lines(
			`{"link": "del", "index": "e1"}`,
			`{"link": "add", "ifname": "e1", "kind": "veth", "peer": "e7"}`,
			`{"link": "set", "index": "e1", "mtu": 1444}`,
		))
		rep := replayIn(t, ns, b, Options{})
		if !rep.OK() {
			t.Fatalf("not every message applied:\n%s", mxReportText(rep, b))
		}
		mxFields(t, "e1", mxLink(t, ns, "e1"), map[string]string{"mtu": "1444", "link": "e7"})
	})
	t.Run("renamed", func(t *testing.T) {
		// Renames of a created and of an existing link, and a new link
		// taking the old name: each name follows its interface.
		ns := nltest.NewNamespace(t)
		ns.Run("ip", "link", "add", "e0", "type", "veth", "peer", "name", "e1")
		b := compile(t, lines(
			`{"link": "add", "ifname": "br0", "kind": "bridge"}`,
			`{"link": "add", "ifname": "b0", "kind": "veth", "peer": "b1", "master": "br0"}`,
			`{"link": "set", "index": "b0", "ifname": "b0new"}`,
			`{"link": "set", "index": "b0new", "mtu": 1400}`,
			`{"link": "set", "index": "e0", "ifname": "e5"}`,
			`{"link": "add", "ifname": "e0", "kind": "bridge"}`,
			`{"link": "set", "index": "e0", "mtu": 1234}`,
			`{"link": "set", "index": "e5", "mtu": 1300, "master": "br0"}`,
		))
		rep := replayIn(t, ns, b, Options{})
		if !rep.OK() {
			t.Fatalf("not every message applied:\n%s", mxReportText(rep, b))
		}
		mxContains(t, "links", mxLinkLines(ipJSON(t, ns, "ip", "link", "show")),
			"b0new mtu 1400 master br0 DOWN",
			"b1 mtu 1500 master - DOWN",
			"e5 mtu 1300 master br0 DOWN",
			"e0 mtu 1234 master - DOWN",
			"e1 mtu 1500 master - DOWN",
		)
		mxFields(t, "e5", mxLink(t, ns, "e5"), map[string]string{"link": "e1", "linkinfo.info_kind": "veth"})
		mxFields(t, "e0", mxLink(t, ns, "e0"), map[string]string{"linkinfo.info_kind": "bridge"})
	})
}

// TestMatrixAtomicFirstUp: an atomic replay that brings up a link that
// was never up, then fails, must put the link back down; the kernel has
// meanwhile given the link its default root qdisc (noqueue for a veth),
// which it does not let anyone delete.
func TestMatrixAtomicFirstUp(t *testing.T) {
	ns := nltest.NewNamespace(t)
	ns.Run("ip", "link", "add", "e0", "type", "veth", "peer", "name", "e1")
	b := compile(t, lines(
		`{"link": "set", "index": "e0", "state": "up", "mtu": 1400}`,
		`{"route": "add", "dst": "10.3.0.0/16", "gateway": "10.99.0.2", "oif": "lo"}`,
	))
	rep := replayIn(t, ns, b, Options{Atomic: true})
	if rep.Rollback == nil {
		t.Fatalf("no rollback:\n%s", mxReportText(rep, b))
	}
	// What can be put back was put back.
	e0 := mxLink(t, ns, "e0")
	if mxHasFlag(e0, "UP") || mxGet(e0, "mtu") != "1500" {
		t.Errorf("e0 after the rollback: flags %v, mtu %s; want down, 1500", e0["flags"], mxGet(e0, "mtu"))
	}
	if !rep.Rollback.Restored {
		t.Fatalf("rollback incomplete:\n%s", mxReportText(rep, b))
	}
}

// TestMatrixRootNamespaceUntouched replays a batch touching every kind of
// object into a namespace and checks that the root namespace did not
// change: its links, addresses, routes, rules and nexthops read the same
// before and after. Only read-only commands run in the root namespace.
func TestMatrixRootNamespaceUntouched(t *testing.T) {
	ns := nltest.NewNamespace(t)
	before := mxRootState(t)
	b := compile(t, mxVethUp+lines(
		`{"link": "add", "ifname": "nlbm-br0", "kind": "bridge"}`,
		`{"link": "set", "index": "v1", "master": "nlbm-br0", "mtu": 1400}`,
		`{"link": "set", "index": "lo", "state": "up"}`,
		`{"addr": "add", "index": "lo", "address": "127.0.0.99", "prefixlen": 8, "scope": 254}`,
		`{"route": "add", "dst": "198.51.100.0/24", "gateway": "192.0.2.254", "oif": "v0"}`,
		`{"route": "add", "dst": "198.51.101.0/24", "gateway": "192.0.2.254", "table": 4242}`,
		`{"route": "add", "dst": "2001:db8:1::/48", "gateway": "2001:db8::ff", "table": 4242}`,
		`{"route": "add", "dst": "default", "gateway": "192.0.2.254", "table": 254, "metric": 4242}`,
		`{"rule": "add", "table": 4242, "priority": 4242, "src": "198.51.100.0/24"}`,
		`{"rule": "add", "family": 10, "table": 4242, "priority": 4242, "src": "2001:db8::/32"}`,
		`{"neigh": "add", "dst": "192.0.2.5", "lladdr": "02:00:5e:00:53:05", "ifindex": "v0"}`,
		`{"type": "RTM_NEWNEXTHOP", "flags": ["NLM_F_CREATE", "NLM_F_EXCL"], "header": {"nh_family": "AF_INET"}, "attrs": [{"name": "NHA_ID", "value": 4242}, {"name": "NHA_GATEWAY", "value": "192.0.2.10"}, {"name": "NHA_OIF", "value": "v0"}]}`,
		`{"tc": "add", "kind": "htb", "index": "v0", "handle": "1:", "default": 16}`,
	))
	rep := replayIn(t, ns, b, Options{})
	if !rep.OK() {
		t.Fatalf("not every message applied:\n%s", mxReportText(rep, b))
	}
	// Names were resolved against the namespace's links (only lo),
	// not the root namespace's.
	if got := rep.Resolution.Created["v0"]; got != 2 {
		t.Errorf("v0 was numbered %d, want 2 (the namespace has only lo): %+v", got, rep.Resolution)
	}
	mxFields(t, "v0", mxLink(t, ns, "v0"), map[string]string{"ifindex": "2"})
	// An interface only the root namespace has is unknown to the target.
	for _, name := range mxRootLinkNames(t) {
		if name == "lo" || mxByKey(ipJSON(t, ns, "ip", "link", "show"), "ifname", name) != nil {
			continue
		}
		b := compile(t, lines(`{"route": "add", "dst": "10.1.0.0/16", "oif": "`+name+`"}`))
		if _, err := Replay(t.Context(), b, Options{NetNS: ns.Name}); err == nil || !strings.Contains(err.Error(), "does not exist on the target") {
			t.Errorf("a route through the root namespace's %s: %v, want refused", name, err)
		}
		break
	}
	// The namespace got it all.
	mxContains(t, "namespace routes", mxRouteLines(t, ns, "-4"),
		"198.51.101.0/24 via 192.0.2.254 dev v0 table 4242",
		"default via 192.0.2.254 dev v0 table main metric 4242",
	)
	mxContains(t, "namespace rules", mxRuleLines(t, ns, "-4"), "4242 from 198.51.100.0/24 lookup 4242")
	mxContains(t, "namespace addresses", mxAddrLines(t, ns), "lo inet 127.0.0.99/8 scope host label lo")
	after := mxRootState(t)
	for _, k := range mxSortedKeys(before) {
		if before[k] != after[k] {
			t.Errorf("the root namespace's %q changed:\nbefore: %s\nafter:  %s", k, before[k], after[k])
		}
	}
}

// mxRootState reads the root namespace with read-only commands, without
// the fields that change by themselves (address lifetimes, route
// expiry).
func mxRootState(t *testing.T) map[string]string {
	t.Helper()
	cmds := map[string][]string{
		"ip -j link":                    {"ip", "-j", "link", "show"},
		"ip -j addr":                    {"ip", "-j", "addr", "show"},
		"ip -j route show table all":    {"ip", "-j", "route", "show", "table", "all"},
		"ip -j -6 route show table all": {"ip", "-j", "-6", "route", "show", "table", "all"},
		"ip -j rule":                    {"ip", "-j", "rule", "show"},
		"ip -j -6 rule":                 {"ip", "-j", "-6", "rule", "show"},
		"ip -j nexthop":                 {"ip", "-j", "nexthop", "show"},
	}
	state := map[string]string{}
	for k, cmd := range cmds {
		out, err := exec.Command(cmd[0], cmd[1:]...).Output()
		if err != nil {
			if k == "ip -j nexthop" {
				continue // a kernel without nexthop objects
			}
			t.Fatalf("%s: %v", k, err)
		}
		var v any
		if len(bytes.TrimSpace(out)) > 0 {
			if err := json.Unmarshal(out, &v); err != nil {
				t.Fatalf("%s: %v: %s", k, err, out)
			}
		}
		v = mxDropKeys(v, "valid_life_time", "preferred_life_time", "expires")
		norm, _ := json.Marshal(v)
		state[k] = string(norm)
	}
	return state
}

// mxRootLinkNames lists the root namespace's interfaces (read-only).
func mxRootLinkNames(t *testing.T) []string {
	t.Helper()
	out, err := exec.Command("ip", "-j", "link", "show").Output()
	if err != nil {
		t.Fatalf("ip -j link show: %v", err)
	}
	var links []map[string]any
	if err := json.Unmarshal(out, &links); err != nil {
		t.Fatalf("ip -j link show: %v", err)
	}
	return mxNames(links, "ifname")
}

func mxDropKeys(v any, keys ...string) any {
	switch x := v.(type) {
	case map[string]any:
		for _, k := range keys {
			delete(x, k)
		}
		for k, e := range x {
			x[k] = mxDropKeys(e, keys...)
		}
	case []any:
		for i, e := range x {
			x[i] = mxDropKeys(e, keys...)
		}
	}
	return v
}

func mxSortedKeys(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sortStrings(out)
	return out
}

// mxApply compiles text, replays it into ns and checks that every
// message applied. When a message failed because the kernel lacks what
// it asks for (an unknown link kind, qdisc, classifier, action, address
// family or encapsulation), the test skips with the kernel's words;
// other failures fail the test with the report.
func mxApply(t *testing.T, ns *nltest.Namespace, text string) *Report {
	t.Helper()
	return mxApplyOpts(t, ns, text, Options{})
}

func mxApplyOpts(t *testing.T, ns *nltest.Namespace, text string, opts Options) *Report {
	t.Helper()
	b := compile(t, text)
	rep := replayIn(t, ns, b, opts)
	if rep.OK() {
		return rep
	}
	if why := mxKernelLacks(rep, b); why != "" {
		t.Skipf("the kernel lacks a feature:\n%s", why)
	}
	t.Fatalf("not every message applied:\n%s", mxReportText(rep, b))
	return nil
}

// mxKernelLacks returns the report lines of the failed messages when every
// failure is the kernel saying it lacks a feature, and "" otherwise.
func mxKernelLacks(rep *Report, b *nlb.Batch) string {
	var why []string
	for i := range rep.Results {
		r := &rep.Results[i]
		if r.Outcome != Failed {
			continue
		}
		if !mxMissingFeature(r) {
			return ""
		}
		why = append(why, rep.Line(b, r))
	}
	if rep.Failed == 0 || rep.Unknown > 0 || len(why) != rep.Failed {
		return ""
	}
	return strings.Join(why, "\n")
}

// mxMissingFeature says whether a failure is the kernel saying it has no
// support for what the message asks.
func mxMissingFeature(r *Result) bool {
	text := strings.ToLower(r.ExtAck)
	switch r.Errno {
	case unix.EOPNOTSUPP, unix.EAFNOSUPPORT, unix.EPROTONOSUPPORT:
		// "Unknown device type", "lwt encapsulation type not
		// supported", or no text at all (bridge VLAN filtering).
		return true
	case unix.ENOENT:
		for _, s := range []string{"kind is unknown", "classifier not found", "action module", "not supported"} {
			if strings.Contains(text, s) {
				return true
			}
		}
	}
	return false
}

// mxReportText is the report as WriteText writes it.
func mxReportText(rep *Report, b *nlb.Batch) string {
	var buf bytes.Buffer
	if err := rep.WriteText(&buf, b); err != nil {
		return fmt.Sprintf("(writing the report: %v)", err)
	}
	return buf.String()
}

func mxResultOf(rep *Report, index int) *Result {
	for i := range rep.Results {
		if rep.Results[i].Index == index {
			return &rep.Results[i]
		}
	}
	return nil
}

// mxTry runs a command in the namespace and returns its error.
func mxTry(ns *nltest.Namespace, args ...string) (string, error) {
	out, err := exec.Command("ip", append([]string{"netns", "exec", ns.Name}, args...)...).CombinedOutput()
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return string(out), fmt.Errorf("exit status %d", ee.ExitCode())
	}
	return string(out), err
}

// mxGet walks a decoded JSON object by keys and returns the value as
// text: numbers without exponents, "" when absent.
func mxGet(v any, keys ...string) string {
	for _, k := range keys {
		m, ok := v.(map[string]any)
		if !ok {
			return ""
		}
		if v, ok = m[k]; !ok {
			return ""
		}
	}
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case bool:
		return strconv.FormatBool(x)
	default:
		b, _ := json.Marshal(x)
		return string(b)
	}
}

func mxNum(v any) float64 {
	f, _ := v.(float64)
	return f
}

func mxList(v any) []map[string]any {
	l, _ := v.([]any)
	var out []map[string]any
	for _, e := range l {
		if m, ok := e.(map[string]any); ok {
			out = append(out, m)
		}
	}
	return out
}

func mxOpt(prefix, v string) string {
	if v == "" {
		return ""
	}
	return prefix + v
}

func mxByKey(list []map[string]any, key, value string) map[string]any {
	for _, m := range list {
		if mxGet(m, key) == value {
			return m
		}
	}
	return nil
}

func mxNames(list []map[string]any, key string) []string {
	var out []string
	for _, m := range list {
		out = append(out, mxGet(m, key))
	}
	return out
}

func mxHasFlag(l map[string]any, flag string) bool {
	for _, f := range l["flags"].([]any) {
		if f == flag {
			return true
		}
	}
	return false
}

// mxLink dumps one link with its details.
func mxLink(t *testing.T, ns *nltest.Namespace, name string) map[string]any {
	t.Helper()
	l := mxByKey(ipJSON(t, ns, "ip", "-d", "link", "show"), "ifname", name)
	if l == nil {
		t.Fatalf("%s does not exist:\n%s", name, ns.Run("ip", "link", "show"))
	}
	return l
}

// mxFields compares fields of a decoded object, named by dotted
// paths.
func mxFields(t *testing.T, what string, obj map[string]any, want map[string]string) {
	t.Helper()
	var keys []string
	for k := range want {
		keys = append(keys, k)
	}
	sortStrings(keys)
	for _, k := range keys {
		if got := mxGet(obj, strings.Split(k, ".")...); got != want[k] {
			t.Errorf("%s: %s = %q, want %q", what, k, got, want[k])
		}
	}
}

// mxContains checks that every wanted line is among got.
func mxContains(t *testing.T, what string, got []string, want ...string) {
	t.Helper()
	have := map[string]bool{}
	for _, g := range got {
		have[g] = true
	}
	var missing []string
	for _, w := range want {
		if !have[w] {
			missing = append(missing, w)
		}
	}
	if len(missing) > 0 {
		t.Errorf("%s: missing\n  %s\namong\n  %s", what, strings.Join(missing, "\n  "), strings.Join(got, "\n  "))
	}
}

// mxLacks checks that no unwanted line is among got.
func mxLacks(t *testing.T, what string, got []string, unwanted ...string) {
	t.Helper()
	for _, g := range got {
		for _, u := range unwanted {
			if g == u {
				t.Errorf("%s: still there: %s", what, u)
			}
		}
	}
}

// mxLinkLines: "NAME mtu MTU master MASTER|- UP|DOWN".
func mxLinkLines(links []map[string]any) []string {
	var out []string
	for _, l := range links {
		master := mxGet(l, "master")
		if master == "" {
			master = "-"
		}
		state := "DOWN"
		if mxHasFlag(l, "UP") {
			state = "UP"
		}
		out = append(out, fmt.Sprintf("%s mtu %s master %s %s", mxGet(l, "ifname"), mxGet(l, "mtu"), master, state))
	}
	return out
}

// mxAddrLines: "DEV FAMILY ADDR/LEN [brd B] scope S [label L] [nodad] [noprefixroute]".
func mxAddrLines(t *testing.T, ns *nltest.Namespace) []string {
	t.Helper()
	var out []string
	for _, l := range ipJSON(t, ns, "ip", "addr", "show") {
		for _, a := range mxList(l["addr_info"]) {
			s := fmt.Sprintf("%s %s %s/%s", mxGet(l, "ifname"), mxGet(a, "family"), mxGet(a, "local"), mxGet(a, "prefixlen"))
			s += mxOpt(" brd ", mxGet(a, "broadcast")) + " scope " + mxGet(a, "scope") + mxOpt(" label ", mxGet(a, "label"))
			for _, f := range []string{"nodad", "noprefixroute"} {
				if a[f] == true {
					s += " " + f
				}
			}
			out = append(out, s)
		}
	}
	return out
}

// mxRouteLines: "[TYPE ]DST [nhid N] [via GW] [dev DEV] table T [metric M]
// [mtu MTU] [nexthop via GW dev DEV weight W ...]", over every table.
func mxRouteLines(t *testing.T, ns *nltest.Namespace, family string) []string {
	t.Helper()
	var out []string
	for _, r := range ipJSON(t, ns, "ip", family, "route", "show", "table", "all") {
		var s string
		if ty := mxGet(r, "type"); ty != "" && ty != "unicast" {
			s = ty + " "
		}
		table := mxGet(r, "table")
		if table == "" {
			table = "main"
		}
		s += mxGet(r, "dst") + mxOpt(" nhid ", mxGet(r, "nhid")) + mxOpt(" via ", mxGet(r, "gateway")) + mxOpt(" dev ", mxGet(r, "dev")) + " table " + table + mxOpt(" metric ", mxGet(r, "metric"))
		for _, m := range mxList(r["metrics"]) {
			s += mxOpt(" mtu ", mxGet(m, "mtu"))
		}
		for _, nh := range mxList(r["nexthops"]) {
			s += " nexthop" + mxOpt(" via ", mxGet(nh, "gateway")) + mxOpt(" dev ", mxGet(nh, "dev")) + mxOpt(" weight ", mxGet(nh, "weight"))
		}
		out = append(out, s)
	}
	return out
}

// mxRuleLines: "PRIO from SRC[/LEN] [to DST[/LEN]] [fwmark M[/MASK]] lookup T|ACTION".
func mxRuleLines(t *testing.T, ns *nltest.Namespace, family string) []string {
	t.Helper()
	var out []string
	for _, r := range ipJSON(t, ns, "ip", family, "rule", "show") {
		s := mxGet(r, "priority") + " from " + mxGet(r, "src") + mxOpt("/", mxGet(r, "srclen"))
		s += mxOpt(" to ", mxGet(r, "dst")) + mxOpt("/", mxGet(r, "dstlen"))
		s += mxOpt(" fwmark ", mxGet(r, "fwmark")) + mxOpt("/", mxGet(r, "fwmask"))
		if tbl := mxGet(r, "table"); tbl != "" {
			s += " lookup " + tbl
		} else {
			s += " " + mxGet(r, "action")
		}
		out = append(out, s)
	}
	return out
}

// mxNeighLines: "DST dev DEV lladdr L [router] STATE".
func mxNeighLines(t *testing.T, ns *nltest.Namespace) []string {
	t.Helper()
	var out []string
	for _, n := range ipJSON(t, ns, "ip", "neigh", "show", "nud", "all") {
		s := mxGet(n, "dst") + mxOpt(" dev ", mxGet(n, "dev")) + mxOpt(" lladdr ", mxGet(n, "lladdr"))
		if _, ok := n["router"]; ok {
			s += " router"
		}
		var states []string
		for _, st := range n["state"].([]any) {
			states = append(states, fmt.Sprint(st))
		}
		out = append(out, s+" "+strings.Join(states, ","))
	}
	return out
}

// mxFdbLines: "MAC dev DEV [dst D] [port P] [vni V] [master M|self] STATE".
func mxFdbLines(t *testing.T, ns *nltest.Namespace) []string {
	t.Helper()
	var out []string
	for _, e := range ipJSON(t, ns, "bridge", "fdb", "show") {
		s := mxGet(e, "mac") + mxOpt(" dev ", mxGet(e, "ifname")) + mxOpt(" dst ", mxGet(e, "dst")) + mxOpt(" port ", mxGet(e, "port")) + mxOpt(" vni ", mxGet(e, "vni"))
		if m := mxGet(e, "master"); m != "" {
			s += " master " + m
		}
		for _, f := range e["flags"].([]any) {
			if f == "self" {
				s += " self"
			}
		}
		st := mxGet(e, "state")
		if st == "" {
			st = "reachable"
		}
		out = append(out, s+" "+st)
	}
	return out
}

// mxQdisc returns the qdisc of the device with that handle.
func mxQdisc(t *testing.T, ns *nltest.Namespace, dev, handle string) map[string]any {
	t.Helper()
	qs := ipJSON(t, ns, "tc", "qdisc", "show", "dev", dev)
	if q := mxByKey(qs, "handle", handle); q != nil {
		return q
	}
	t.Fatalf("%s has no qdisc %s:\n%s", dev, handle, ns.Run("tc", "qdisc", "show", "dev", dev))
	return nil
}

var mxClassRE = regexp.MustCompile(`^class (\S+ \S+ (?:root|parent \S+)(?: leaf \S+)?(?: prio \d+)? rate \S+ ceil \S+)`)

// mxClassLines reads "tc class show" in text (iproute2 6.1's tc prints
// htb classes as text even with -j): "KIND HANDLE root|parent P [prio N]
// rate R ceil C".
func mxClassLines(t *testing.T, ns *nltest.Namespace, dev string) []string {
	t.Helper()
	var out []string
	for _, l := range strings.Split(ns.Run("tc", "class", "show", "dev", dev), "\n") {
		if m := mxClassRE.FindStringSubmatch(strings.TrimSpace(l)); m != nil {
			s := m[1]
			// leaf qdiscs are the kernel's choice: leave them out.
			s = regexp.MustCompile(` leaf \S+`).ReplaceAllString(s, "")
			out = append(out, s)
		}
	}
	return out
}

// mxU32Lines reads "tc filter show" in text (iproute2 6.1's JSON
// repeats the key "match" in one object and drops the zero padding of
// the values): "[parent P ]pref N PROTO flowid C match V/M at O ..." for
// every u32 filter with keys.
func mxU32Lines(t *testing.T, ns *nltest.Namespace, dev string, where ...string) []string {
	t.Helper()
	var out []string
	cur := -1
	for _, l := range strings.Split(ns.Run(append([]string{"tc", "filter", "show", "dev", dev}, where...)...), "\n") {
		f := strings.Fields(l)
		switch {
		case len(f) > 0 && f[0] == "filter" && mxU32FlowRE.MatchString(l):
			s := ""
			if m := mxU32ParentRE.FindStringSubmatch(l); m != nil {
				s = "parent " + m[1] + " "
			}
			pref := mxU32PrefRE.FindStringSubmatch(l)
			proto := mxU32ProtoRE.FindStringSubmatch(l)
			if pref == nil || proto == nil {
				t.Fatalf("unexpected filter line %q", l)
			}
			s += "pref " + pref[1] + " " + proto[1] + " flowid " + mxU32FlowRE.FindStringSubmatch(l)[1]
			out = append(out, s)
			cur = len(out) - 1
		case len(f) > 0 && f[0] == "filter":
			cur = -1
		case len(f) == 4 && f[0] == "match" && f[2] == "at" && cur >= 0:
			out[cur] += " match " + f[1] + " at " + f[3]
		}
	}
	return out
}

var (
	mxU32FlowRE   = regexp.MustCompile(`\*?flowid (\S+)`)
	mxU32ParentRE = regexp.MustCompile(`^filter parent (\S+)`)
	mxU32PrefRE   = regexp.MustCompile(` pref (\d+)`)
	mxU32ProtoRE  = regexp.MustCompile(` protocol (\S+)`)
)
