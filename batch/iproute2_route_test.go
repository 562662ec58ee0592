package batch

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// compileIPRoute2Line compiles one line and returns the error text.
func compileIPRoute2Line(line string) error {
	c := NewCompiler(Options{})
	return CompileIPRoute2(c, "t.ip", strings.NewReader(line+"\n"), IPRoute2Options{})
}

func TestIPRoute2RouteErrors(t *testing.T) {
	for _, tc := range []struct{ line, want string }{
		{"ip route add 10.0.0.0/8 via 10.0.0.1 via 10.0.0.2", `t.ip:1:38: a second "via": give several gateways with nexthop`},
		{"ip route add 10.0.0.0/8 10.1.0.0/16", `t.ip:1:25: "10.1.0.0/16": a second destination (or an unknown keyword)`},
		{"ip route add via 10.0.0.1", `t.ip:1:26: ip route: missing destination (a prefix, or default)`},
		{"ip route add 10.0.0.0/33 dev eth0", `t.ip:1:14: "10.0.0.0/33": want an IPv4 or IPv6 prefix (ADDRESS[/LEN])`},
		{"ip route add 10.0.0.0/8 dev eth0 bogus", `t.ip:1:34: unknown ip route keyword "bogus"`},
		{"ip route add 10.0.0.0/8 dev", `t.ip:1:28: "dev" needs an interface name after it`},
		{"ip route add 10.0.0.0/8 dev eth0 metric -1", `t.ip:1:41: metric "-1": want a number from 0 to 4294967295`},
		{"ip route add 10.0.0.0/8 dev eth0 table nosuch", `t.ip:1:40: unknown table "nosuch"`},
		{"ip route add 10.0.0.0/8 dev eth0 proto 256", `t.ip:1:40: protocol "256": want a name or a number from 0 to 255`},
		{"ip route add 10.0.0.0/8 dev eth0 scope universe", `t.ip:1:40: unknown scope "universe" (did you mean global?)`},
		{"ip route add 10.0.0.0/8 via 10.0.0.1 hoplimit 256", `t.ip:1:47: hoplimit "256": want a number from 0 to 255`},
		{"ip route add 10.0.0.0/8 via 10.0.0.1 quickack 2", `t.ip:1:47: quickack "2": want 0 or 1`},
		{"ip route add 10.0.0.0/8 via 10.0.0.1 rtt 5x", `t.ip:1:42: rtt "5x": want a time (NUMBER, NUMBERs or NUMBERms)`},
		{"ip route add 10.0.0.0/8 via 10.0.0.1 features foo", `t.ip:1:47: unknown route feature "foo"`},
		{"ip route add 10.0.0.0/8 nexthop via 10.0.0.1 weight 0", `t.ip:1:53: weight "0": want a number from 1 to 256`},
		{"ip route add 10.0.0.0/8 nexthop via 10.0.0.1 metric 5", `t.ip:1:46: "nexthop" or the end of the line is expected, not "metric"`},
		{"ip route add 10.0.0.0/8 nexthop", `t.ip:1:32: "nexthop" needs a next hop after it (via, dev, weight...)`},
		{"ip route add 10.0.0.0/8 dev eth0 encap mpls 100", `t.ip:1:48: encap mpls needs its arguments and more words after them (iproute2 refuses an encap that ends the line)`},
		{"ip route add 10.0.0.0/8 encap mpls 1048576 dev eth0", `t.ip:1:36: "1048576": want MPLS labels (LABEL[/LABEL...], each 0-1048575)`},
		{"ip route add 10.0.0.0/8 encap bogus 1 dev eth0", `t.ip:1:31: unknown encap type "bogus"`},
		{"ip route add 10.0.0.0/8 encap bpf in x dev eth0", `t.ip:1:31: encap bpf: not compiled by nlbatch`},
		{"ip route add 2001:db8::/64 encap seg6 segs 2001:db8::1 dev eth0", `t.ip:1:44: seg6: "segs" must come after "mode"`},
		{"ip route add 2001:db8::/64 encap seg6 mode bogus dev eth0", `t.ip:1:44: unknown seg6 mode "bogus"`},
		{"ip route add 2001:db8::/64 encap seg6 mode encap segs 2001:db8::1,10.0.0.1 dev eth0", `seg6 segment "10.0.0.1": want an IPv6 address`},
		{"ip route add 2001:db8::/64 via 10.0.0.1", `t.ip:1:32: "10.0.0.1": want an IPv6 (inet6) address`},
		{"ip -6 route add 10.0.0.0/8 dev eth0", `t.ip:1:17: "10.0.0.0/8": want an IPv6 (inet6) prefix (ADDRESS[/LEN])`},
		{"ip route add 10.0.0.0/8 dev eth0 vrf red", `t.ip:1:34: "vrf" needs the table of a VRF device`},
		{"ip route add 10.0.0.0/8 via link 00:11:22:33:44:55", `t.ip:1:29: via link: not compiled by nlbatch`},
		{"ip route frob 10.0.0.0/8", `t.ip:1:10: unknown ip route command "frob"`},
		{"ip route show", `t.ip:1:10: ip route show: not compiled by nlbatch`},
		{"ip route", `t.ip:1:9: ip route: listing is not compiled by nlbatch`},
		{"ip route add 10.0.0.0/8 help", `t.ip:1:25: "help": help is not a route`},
		{"ip route add 10.0.0.0/8 dev eth0 realms /7", `t.ip:1:41: realms "/7": want a realm`},
		{"ip route add 10.0.0.0/8 dev eth0 tos 256", `t.ip:1:38: tos "256": want a name or a number from 0 to 255`},
		{"ip route add 2001:db8::/64 dev eth0 pref bogus", `t.ip:1:42: unknown route preference "bogus"`},
		{"ip -0 route add 10.0.0.0/8 dev eth0", `ip route: family family 17 is not compiled by nlbatch`},
		{"ip -M route add default via inet 10.0.0.1 dev eth0", `t.ip:1:17: "default": want an MPLS (label[/label...]) prefix (ADDRESS[/LEN])`},
		{"ip -M route add 100 via 10.0.0.1 dev eth0", `t.ip:1:25: "10.0.0.1": want an MPLS (label[/label...]) address`},
		{"ip -M addr add 10.0.0.1/8 dev eth0", `ip address: family MPLS is not compiled by nlbatch`},
	} {
		err := compileIPRoute2Line(tc.line)
		if err == nil {
			t.Errorf("%s: compiled, want error %q", tc.line, tc.want)
			continue
		}
		if !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s:\n got %v\nwant %s", tc.line, err, tc.want)
		}
	}
}

func TestIPRoute2Strtoul(t *testing.T) {
	for _, tc := range []struct {
		s    string
		base int
		v    uint64
		ok   bool
	}{
		{"10", 0, 10, true}, {"0x10", 0, 16, true}, {"010", 0, 8, true}, {"10", 16, 16, true},
		{"0x10", 16, 16, true}, {"+5", 0, 5, true}, {"-0", 0, 0, true}, {"-1", 0, 1<<64 - 1, true},
		{"", 0, 0, false}, {"0x", 0, 0, false}, {"1_0", 0, 0, false}, {"0b1", 0, 0, false},
		{"08", 0, 0, false}, {"18446744073709551616", 0, 0, false},
	} {
		v, ok := cStrtoul(tc.s, tc.base)
		if ok != tc.ok || (ok && v != tc.v) {
			t.Errorf("cStrtoul(%q, %d) = %d, %v; want %d, %v", tc.s, tc.base, v, ok, tc.v, tc.ok)
		}
	}
}

func TestIPRoute2RouteAllocs(t *testing.T) {
	c := NewCompiler(Options{})
	x := &ipCtx{c: c, names: defaultIPRoute2Names}
	var l cmdLine
	text := []byte("ip route add 10.1.2.0/24 via 10.0.0.1 dev eth0 metric 10 proto static")
	// Warm up the buffers.
	for range 100 {
		_ = l.split("t", 1, text, []int{0})
		if err := x.command(&l, ""); err != nil {
			t.Fatal(err)
		}
	}
	allocs := testing.AllocsPerRun(1000, func() {
		_ = l.split("t", 1, text, []int{0})
		_ = x.command(&l, "")
	})
	if allocs > 1 {
		t.Errorf("ip route add: %.1f allocations a line, want at most 1 (the line's text)", allocs)
	}
}

func BenchmarkIPRoute2RouteAdd(b *testing.B) {
	var sb strings.Builder
	for i := range 10000 {
		sb.WriteString("ip route add 10.")
		sb.WriteString(strconv.Itoa(i / 256 % 256))
		sb.WriteString(".")
		sb.WriteString(strconv.Itoa(i % 256))
		sb.WriteString(".0/24 via 10.0.0.1 dev eth0 metric 10 proto static\n")
	}
	text := sb.String()
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	for range b.N {
		c := NewCompiler(Options{})
		if err := CompileIPRoute2(c, "bench.ip", strings.NewReader(text), IPRoute2Options{}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)*10000/b.Elapsed().Seconds(), "lines/s")
}

// TestIPRoute2RouteNames checks the name tables reach ip route: DS
// field names (iproute2 reads them from rt_dsfield), tables and
// protocols.
func TestIPRoute2RouteNames(t *testing.T) {
	dir := t.TempDir()
	for name, text := range map[string]string{
		"rt_dsfield": "0x20 CS1\n",
		"rt_tables":  "100 isp1\n",
		"rt_protos":  "77 mine\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	names, err := LoadIPRoute2Names(dir)
	if err != nil {
		t.Fatal(err)
	}
	c := NewCompiler(Options{})
	line := "ip route add 10.1.0.0/16 dev eth0 tos CS1 table isp1 proto mine\n"
	if err := CompileIPRoute2(c, "t.ip", strings.NewReader(line), IPRoute2Options{Names: names}); err != nil {
		t.Fatal(err)
	}
	msg := c.Batch().MessageAt(0)
	if len(msg) < 28 {
		t.Fatalf("message too short: %x", msg)
	}
	if got := msg[16:24]; got[3] != 0x20 || got[4] != 100 || got[5] != 77 {
		t.Errorf("rtmsg %x: want tos 0x20, table 100, protocol 77", got)
	}
}
