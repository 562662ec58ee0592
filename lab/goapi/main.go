// Command goapi is the conformance matrix's Go API column: for a kind of
// the matrix it compiles, with package batch's Go API, the request the
// kind's iproute2 line makes, and writes the batch as an .nlb file.
//
//	goapi [-big-endian] -o FILE CATEGORY KIND
//
// It prints the form it used: "typed" (Compiler.AddLink and friends) or
// "pyroute2" (Compiler.CallKwargs with pyroute2's keywords). A kind with
// neither form exits with status 3 and prints "-": those kinds are
// compiled from JSON or with Compiler.Add and a codec.Request, which the
// matrix's JSON column covers.
//
// The requests say what the iproute2 line says, no more: iproute2 sends
// defaults of its own for some kinds (tunnels' encapsulation limit and
// hop limit, routes' protocol boot where pyroute2 writes static), which
// the Go forms spell out where the kernel's defaults differ, since the
// matrix compares the state both leave.
package main

import (
	"flag"
	"fmt"
	"net"
	"net/netip"
	"os"

	"github.com/nlbatch/nlbatch/batch"
	"github.com/nlbatch/nlbatch/nlb"
	"golang.org/x/sys/unix"
)

// form compiles one kind's request.
type form struct {
	name  string // "typed" or "pyroute2"
	build func(c *batch.Compiler, src nlb.Source) error
}

func typed(build func(c *batch.Compiler, src nlb.Source) error) form {
	return form{name: "typed", build: build}
}

func link(l batch.Link) form {
	return typed(func(c *batch.Compiler, src nlb.Source) error { return c.AddLink(batch.CmdAdd, &l, src) })
}

func call(method, command string, kw batch.Kwargs) form {
	return form{name: "pyroute2", build: func(c *batch.Compiler, src nlb.Source) error {
		return c.CallKwargs(method, command, kw, src)
	}}
}

// linkCall is pyroute2's link("add", ifname="m0", kind=KIND, ...).
func linkCall(kind string, kw ...batch.KV) form {
	return call("link", "add", append(batch.Kwargs{{Key: "ifname", Value: "m0"}, {Key: "kind", Value: kind}}, kw...))
}

// tcCall is pyroute2's tc(command, kind, index="q0", ...).
func tcCall(command, kind string, kw ...batch.KV) form {
	return call("tc", command, append(batch.Kwargs{{Key: "kind", Value: kind}, {Key: "index", Value: "q0"}}, kw...))
}

// action is a matchall filter on clsact's hook carrying one action, as
// the action rows of the matrix write them.
func action(hook string, act batch.Kwargs) form {
	return tcCall("add-filter", "matchall", kv("parent", hook), kv("action", []any{act}))
}

func kv(k string, v any) batch.KV { return batch.KV{Key: k, Value: v} }

const (
	ethPIP        = 0x0800
	greKey        = 0x2000 // GRE_KEY in the be16 i/oflags
	clsactIngress = "ffff:fff2"
	clsactEgress  = "ffff:fff3"
	// linux/if_bridge.h: BRIDGE_VLAN_INFO_PVID and _UNTAGGED (not in
	// x/sys/unix).
	bridgeVlanPvid     = 0x2
	bridgeVlanUntagged = 0x4
)

func route(r batch.Route) form {
	return typed(func(c *batch.Compiler, src nlb.Source) error { return c.AddRoute(batch.CmdAdd, &r, src) })
}

func mac(s string) net.HardwareAddr {
	a, err := net.ParseMAC(s)
	if err != nil {
		panic(err)
	}
	return a
}

// ip6greCall adds an ip6gre or ip6gretap link from 2001:db8::1 with the
// hop limit and encapsulation limit iproute2 writes when the line says
// nothing (the kernel's own defaults are inherit and none).
func ip6greCall(kind, remote string) form {
	return linkCall(kind, kv("ip6gre_local", "2001:db8::1"), kv("ip6gre_remote", remote),
		kv("ip6gre_ttl", 64), kv("ip6gre_encap_limit", 4))
}

// forms are the Go forms of the matrix's kinds, by category and kind;
// each says what the kind's line in lab/scenarios/matrix says.
var forms = map[[2]string]form{
	{"link", "dummy"}:   link(batch.Link{Name: "m0", Kind: "dummy"}),
	{"link", "ifb"}:     linkCall("ifb"),
	{"link", "veth"}:    link(batch.Link{Name: "m0", Kind: "veth", Peer: "m1"}),
	{"link", "vlan"}:    link(batch.Link{Name: "m0", Kind: "vlan", Link: "p0", VlanID: 10, VlanProtocol: 0x88a8}),
	{"link", "bond"}:    linkCall("bond", kv("bond_mode", 4), kv("bond_miimon", 100)),
	{"link", "bridge"}:  linkCall("bridge", kv("br_stp_state", 1), kv("br_vlan_filtering", 1)),
	{"link", "vrf"}:     linkCall("vrf", kv("vrf_table", 10)),
	{"link", "macvlan"}: link(batch.Link{Name: "m0", Kind: "macvlan", Link: "p0", MacvlanMode: 4}),
	{"link", "macvtap"}: linkCall("macvtap", kv("link", "p0"), kv("macvtap_mode", 2)),
	{"link", "ipvlan"}:  linkCall("ipvlan", kv("link", "p0"), kv("ipvlan_mode", 1)),
	{"link", "vxlan"}: linkCall("vxlan", kv("vxlan_id", 42), kv("vxlan_port", 4789), kv("vxlan_local", "192.0.2.1"),
		kv("vxlan_group", "192.0.2.2"), kv("vxlan_ttl", 64)),
	{"link", "geneve"}: linkCall("geneve", kv("geneve_id", 5), kv("geneve_remote", "192.0.2.9"), kv("geneve_port", 6081)),
	{"link", "gre"}: linkCall("gre", kv("gre_local", "192.0.2.1"), kv("gre_remote", "192.0.2.2"), kv("gre_ttl", 64),
		kv("gre_ikey", 5), kv("gre_okey", 5), kv("gre_iflags", greKey), kv("gre_oflags", greKey)),
	{"link", "gretap"}:    linkCall("gretap", kv("gre_local", "192.0.2.1"), kv("gre_remote", "192.0.2.3")),
	{"link", "ipip"}:      linkCall("ipip", kv("ipip_local", "192.0.2.1"), kv("ipip_remote", "192.0.2.4"), kv("ipip_proto", 0)),
	{"link", "sit"}:       linkCall("sit", kv("sit_local", "192.0.2.1"), kv("sit_remote", "192.0.2.5"), kv("sit_proto", 0), kv("sit_ttl", 0)),
	{"link", "ip6gre"}:    ip6greCall("ip6gre", "2001:db8::2"),
	{"link", "ip6gretap"}: ip6greCall("ip6gretap", "2001:db8::4"),
	{"link", "ip6tnl"}: linkCall("ip6tnl", kv("ip6tnl_local", "2001:db8::1"), kv("ip6tnl_remote", "2001:db8::3"),
		kv("ip6tnl_proto", 0), kv("ip6tnl_ttl", 64), kv("ip6tnl_encap_limit", 4)),
	{"link", "nlmon"}: linkCall("nlmon"),
	{"link", "vti6"}: linkCall("vti6", kv("vti_local", "2001:db8::1"), kv("vti_remote", "2001:db8::6"),
		kv("vti_ikey", 7), kv("vti_okey", 7), kv("vti_fwmark", 4)),
	{"link", "xfrm"}:      linkCall("xfrm", kv("xfrm_link", "p0"), kv("xfrm_if_id", 5)),
	{"link", "vcan"}:      linkCall("vcan", kv("mtu", 72)),
	{"link", "team"}:      linkCall("team", kv("txqlen", 100)),
	{"link", "wireguard"}: linkCall("wireguard", kv("mtu", 1400)),

	{"qdisc", "htb"}:   tcCall("add", "htb", kv("handle", "1:"), kv("default", 0x10), kv("r2q", 5)),
	{"qdisc", "tbf"}:   tcCall("add", "tbf", kv("rate", "1mbit"), kv("burst", 10240), kv("latency", "50ms")),
	{"qdisc", "pfifo"}: tcCall("add", "pfifo", kv("limit", 100)),
	// tc's default priomap, which pyroute2 wants spelled out.
	{"qdisc", "prio"}: tcCall("add", "prio", kv("handle", "1:"), kv("bands", 4),
		kv("priomap", []any{1, 2, 2, 2, 1, 2, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1})),
	{"qdisc", "plug"}:     tcCall("add", "plug", kv("action", "TCQ_PLUG_LIMIT"), kv("limit", 1000)),
	{"qdisc", "sfq"}:      tcCall("add", "sfq", kv("perturb", 10), kv("quantum", 1514)),
	{"qdisc", "fq_codel"}: tcCall("add", "fq_codel", kv("fqc_limit", 1000), kv("fqc_flows", 256), kv("fqc_target", "5ms"), kv("fqc_ecn", 1)),
	{"qdisc", "codel"}:    tcCall("add", "codel", kv("cdl_limit", 500), kv("cdl_target", "4ms"), kv("cdl_interval", "80ms"), kv("cdl_ecn", 1)),
	{"qdisc", "netem"}:    tcCall("add", "netem", kv("delay", 10000), kv("jitter", 2000), kv("loss", 1)),
	{"qdisc", "ingress"}:  tcCall("add", "ingress"),
	{"qdisc", "clsact"}:   tcCall("add", "clsact"),
	{"qdisc", "hfsc"}:     tcCall("add", "hfsc", kv("handle", "1:"), kv("default", 0x10)),
	{"qdisc", "drr"}:      tcCall("add", "drr", kv("handle", "1:")),
	{"qdisc", "choke"}: tcCall("add", "choke", kv("limit", 1000), kv("bandwith", "10mbit"), kv("min", 100), kv("max", 300),
		kv("burst", 150), kv("avpkt", 1500), kv("probability", 0.05), kv("ecn", true)),
	{"qdisc", "cake"}: tcCall("add", "cake", kv("bandwidth", "100mbit"), kv("diffserv_mode", "besteffort")),

	{"class", "htb"}: tcCall("add-class", "htb", kv("handle", "1:10"), kv("parent", "1:"), kv("rate", "10mbit"),
		kv("ceil", "20mbit"), kv("burst", 15360)),
	{"class", "hfsc"}: tcCall("add-class", "hfsc", kv("handle", "1:10"), kv("parent", "1:"),
		kv("rsc", batch.Kwargs{{Key: "m2", Value: "10mbit"}}), kv("fsc", batch.Kwargs{{Key: "m2", Value: "10mbit"}}),
		kv("usc", batch.Kwargs{{Key: "m2", Value: "20mbit"}})),
	{"class", "drr"}: tcCall("add-class", "drr", kv("handle", "1:10"), kv("parent", "1:"), kv("quantum", 1500)),

	{"filter", "u32"}: tcCall("add-filter", "u32", kv("parent", "1:"), kv("protocol", ethPIP), kv("prio", 1),
		kv("target", "1:10"), kv("keys", []any{"0x0a000000/0xff000000+16"})),
	{"filter", "fw"}: tcCall("add-filter", "fw", kv("parent", "1:"), kv("protocol", ethPIP), kv("prio", 2),
		kv("handle", 5), kv("classid", "1:10")),
	{"filter", "matchall"}: tcCall("add-filter", "matchall", kv("parent", clsactIngress), kv("action", "drop")),
	{"filter", "flow"}: tcCall("add-filter", "flow", kv("parent", "1:"), kv("protocol", ethPIP), kv("prio", 5), kv("handle", 1),
		kv("mode", "hash"), kv("keys", []any{"src", "dst", "proto"}), kv("divisor", 1024), kv("perturb", 10),
		kv("baseclass", "1:10")),
	{"filter", "basic"}: tcCall("add-filter", "basic", kv("parent", "1:"), kv("protocol", ethPIP), kv("prio", 3),
		kv("classid", "1:10")),

	{"action", "gact"}: action(clsactIngress, batch.Kwargs{{Key: "kind", Value: "gact"}, {Key: "action", Value: "drop"}}),
	{"action", "mirred"}: action(clsactEgress, batch.Kwargs{{Key: "kind", Value: "mirred"}, {Key: "direction", Value: "egress"},
		{Key: "action", Value: "redirect"}, {Key: "ifindex", Value: "q0"}}),
	{"action", "vlan"}: action(clsactEgress, batch.Kwargs{{Key: "kind", Value: "vlan"}, {Key: "v_action", Value: "push"},
		{Key: "id", Value: 100}}),
	{"action", "skbedit"}:  action(clsactEgress, batch.Kwargs{{Key: "kind", Value: "skbedit"}, {Key: "mark", Value: 5}}),
	{"action", "connmark"}: action(clsactIngress, batch.Kwargs{{Key: "kind", Value: "connmark"}, {Key: "zone", Value: 5}}),
	{"object", "addr"}: typed(func(c *batch.Compiler, src nlb.Source) error {
		return c.AddAddr(batch.CmdAdd, &batch.Addr{Dev: "p0", Prefix: netip.MustParsePrefix("192.0.2.10/24"),
			BroadcastAuto: true, Label: "p0:1"}, src)
	}),
	{"object", "addr6"}: typed(func(c *batch.Compiler, src nlb.Source) error {
		return c.AddAddr(batch.CmdAdd, &batch.Addr{Dev: "p0", Prefix: netip.MustParsePrefix("2001:db8::10/64"),
			Flags: unix.IFA_F_NODAD}, src)
	}),
	{"object", "route"}: route(batch.Route{Dst: netip.MustParsePrefix("198.51.100.0/24"),
		Gateway: netip.MustParseAddr("192.0.2.254"), Dev: "p0", Priority: 10, Table: 100}),
	{"object", "route6"}: route(batch.Route{Dst: netip.MustParsePrefix("2001:db8:100::/48"),
		Gateway: netip.MustParseAddr("2001:db8::ff"), Dev: "p0", Priority: 20}),
	{"object", "vrf-route"}: route(batch.Route{Dst: netip.MustParsePrefix("198.51.100.0/24"),
		Gateway: netip.MustParseAddr("192.0.2.254"), Table: 10}),
	{"object", "route-multipath"}: call("route", "add", batch.Kwargs{kv("dst", "198.51.100.0/24"), kv("multipath", []any{
		batch.Kwargs{kv("gateway", "192.0.2.253"), kv("oif", "p0"), kv("hops", 0)},
		batch.Kwargs{kv("gateway", "192.0.2.254"), kv("oif", "p0"), kv("hops", 2)},
	})}),
	{"object", "route-mpls-encap"}: call("route", "add", batch.Kwargs{kv("dst", "198.51.100.0/24"),
		kv("gateway", "192.0.2.254"), kv("oif", "p0"), kv("proto", unix.RTPROT_BOOT),
		kv("encap", batch.Kwargs{kv("type", "mpls"), kv("labels", "100/200")})}),
	// pyroute2's segs are the SRH's segment list as stored, last segment
	// first; iproute2's are in the order of the path.
	{"object", "route-seg6"}: call("route", "add", batch.Kwargs{kv("dst", "2001:db8:200::/48"), kv("oif", "p0"),
		kv("proto", unix.RTPROT_BOOT),
		kv("encap", batch.Kwargs{kv("type", "seg6"), kv("mode", "encap"), kv("segs", "2001:db8::6,2001:db8::5")})}),
	{"object", "mpls"}: call("route", "add", batch.Kwargs{kv("family", unix.AF_MPLS), kv("oif", "p0"), kv("dst", 100),
		kv("proto", unix.RTPROT_BOOT),
		kv("newdst", []any{200}), kv("via", batch.Kwargs{kv("family", unix.AF_INET), kv("addr", "192.0.2.254")})}),
	{"object", "neigh"}: typed(func(c *batch.Compiler, src nlb.Source) error {
		return c.AddNeigh(batch.CmdAdd, &batch.Neigh{Dst: netip.MustParseAddr("192.0.2.7"),
			LLAddr: mac("02:00:00:00:00:07"), Dev: "p0", State: unix.NUD_PERMANENT}, src)
	}),
	{"object", "fdb"}: typed(func(c *batch.Compiler, src nlb.Source) error {
		return c.AddNeigh(batch.CmdAppend, &batch.Neigh{FDB: true, Dst: netip.MustParseAddr("192.0.2.9"),
			LLAddr: mac("00:00:00:00:00:00"), Dev: "p0", State: unix.NUD_PERMANENT, Flags: unix.NTF_SELF}, src)
	}),
	{"object", "rule"}: typed(func(c *batch.Compiler, src nlb.Source) error {
		return c.AddRule(batch.CmdAdd, &batch.Rule{Src: netip.MustParsePrefix("10.0.0.0/8"), Table: 100, Priority: 1234}, src)
	}),
	{"object", "nexthop"}: typed(func(c *batch.Compiler, src nlb.Source) error {
		return c.AddNexthop(batch.CmdAdd, &batch.Nexthop{ID: 10, Gateway: netip.MustParseAddr("192.0.2.254"), Dev: "p0"}, src)
	}),
	{"object", "nexthop-group"}: typed(func(c *batch.Compiler, src nlb.Source) error {
		return c.AddNexthop(batch.CmdAdd, &batch.Nexthop{ID: 20, Group: []batch.NexthopGroupMember{{ID: 1}, {ID: 2}}}, src)
	}),
	{"object", "bridge-vlan"}: call("vlan_filter", "add", batch.Kwargs{kv("index", "p0"),
		kv("vlan_info", batch.Kwargs{kv("vid", 10), kv("flags", bridgeVlanPvid|bridgeVlanUntagged)})}),

	{"action", "police"}: action(clsactIngress, batch.Kwargs{{Key: "kind", Value: "police"}, {Key: "rate", Value: "1mbit"},
		{Key: "burst", Value: 10240}, {Key: "action", Value: "drop"}}),
}

func main() {
	out := flag.String("o", "", "the .nlb file to write")
	big := flag.Bool("big-endian", false, "write payloads big-endian, for big-endian targets")
	flag.Parse()
	if *out == "" || flag.NArg() != 2 {
		fmt.Fprintln(os.Stderr, "usage: goapi -o FILE CATEGORY KIND")
		os.Exit(2)
	}
	f, ok := forms[[2]string{flag.Arg(0), flag.Arg(1)}]
	if !ok {
		fmt.Println("-")
		os.Exit(3)
	}
	if err := compile(f, *out, flag.Arg(0)+" "+flag.Arg(1), *big); err != nil {
		fmt.Fprintln(os.Stderr, "goapi:", err)
		os.Exit(1)
	}
	fmt.Println(f.name)
}

func compile(f form, path, what string, big bool) error {
	c := batch.NewCompiler(batch.Options{BigEndian: big})
	if err := f.build(c, nlb.Source{File: "goapi", Line: 1, Col: 1, Text: what}); err != nil {
		return err
	}
	w, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := nlb.Write(w, c.Batch()); err != nil {
		w.Close()
		return err
	}
	return w.Close()
}
