package batch_test

import (
	"strings"
	"testing"

	"github.com/nlbatch/nlbatch/batch"
)

// The divergences of ip-route.txt and ip-addr.txt (this file is in
// package batch_test, where addDivergences is).
func init() {
	addDivergences(map[string]string{
		"ip-route.txt:119": "iproute2 leaves the 2 padding bytes after an RTA_VIA in a nexthop uninitialized (stack garbage); nlbatch writes zeros",
		"ip-route.txt:366": "iproute2 leaves the 2 padding bytes after an RTA_VIA in a nexthop uninitialized (stack garbage); nlbatch writes zeros",
		"ip-route.txt:140": "iproute2 leaves the padding after RTA_ENCAP_TYPE uninitialized (stack garbage in lwt_parse_encap's buffer); nlbatch writes zeros",
		"ip-route.txt:300": "iproute2 leaves the padding after MPLS_IPTUNNEL_TTL uninitialized (stack garbage in lwt_parse_encap's buffer); nlbatch writes zeros",
		"ip-route.txt:303": "iproute2 leaves the padding after RTA_ENCAP_TYPE uninitialized (stack garbage in lwt_parse_encap's buffer); nlbatch writes zeros",
		"ip-route.txt:304": "iproute2 leaves the padding after the u8 LWTUNNEL_IP_TTL/TOS and RTA_ENCAP_TYPE uninitialized (stack garbage); nlbatch writes zeros",
		"ip-route.txt:359": "iproute2 reads DS field names (CS1) from this machine's /etc/iproute2/rt_dsfield; the test compiles with the built-in names (IPRoute2Options.Names from LoadIPRoute2Names gives the same bytes)",
		"ip-route.txt:305": "iproute2 leaves the padding after the u8 LWTUNNEL_IP6_HOPLIMIT uninitialized (stack garbage); nlbatch writes zeros",
	})
}

func TestIPRoute2AddrErrors(t *testing.T) {
	for _, tc := range []struct{ line, want string }{
		{"ip addr add 10.0.0.1/24", `t.ip:1:24: ip address: "dev" is required`},
		{"ip addr add 10.0.0.1/33 dev eth0", `t.ip:1:13: "10.0.0.1/33": want an IPv4 or IPv6 prefix (ADDRESS[/LEN])`},
		{"ip addr add 10.0.0.1/24 10.0.0.2/24 dev eth0", `t.ip:1:25: "10.0.0.2/24": a second local address (or an unknown keyword)`},
		{"ip addr add 10.0.0.1/24 dev eth0 bogus", `t.ip:1:34: unknown ip address keyword "bogus"`},
		{"ip addr add 10.0.0.1/24 peer 10.0.0.2 peer 10.0.0.3 dev eth0", `t.ip:1:44: a second "peer"`},
		{"ip addr add 10.0.0.1/24 brd + broadcast 10.0.0.255 dev eth0", `t.ip:1:41: a second "broadcast"`},
		{"ip addr add 10.0.0.1/24 scope bogus dev eth0", `t.ip:1:31: unknown scope "bogus"`},
		{"ip addr add 10.0.0.1/24 scope universe dev eth0", `t.ip:1:31: unknown scope "universe" (did you mean global?)`},
		{"ip addr add 10.0.0.1/24 valid_lft 100 dev eth0", `preferred_lft (4294967295) is greater than valid_lft (100)`},
		{"ip addr add 10.0.0.1/24 valid_lft 0 dev eth0", `valid_lft is zero`},
		{"ip addr add 10.0.0.1/24 valid_lft bogus dev eth0", `t.ip:1:35: valid_lft "bogus": want seconds (a number) or forever`},
		{"ip addr add 10.0.0.1/24 valid_lft 5 valid_lft 6 dev eth0", `t.ip:1:37: a second "valid_lft"`},
		{"ip addr add 10.0.0.1/24 metric 4294967296 dev eth0", `t.ip:1:32: metric "4294967296": want a number from 0 to 4294967295`},
		{"ip addr add 10.0.0.1/24 autojoin dev eth0", `autojoin needs a multicast address`},
		{"ip addr add 2001:db8::1/64 broadcast + dev eth0", `a computed broadcast (+ or -) is for IPv4 addresses only`},
		{"ip -4 addr add 2001:db8::1/64 dev eth0", `t.ip:1:16: "2001:db8::1/64": want an IPv4 (inet) prefix (ADDRESS[/LEN])`},
		{"ip addr add 10.0.0.1/24 dev", `t.ip:1:28: "dev" needs an interface name after it`},
		{"ip addr frob 10.0.0.1/24 dev eth0", `t.ip:1:9: unknown ip address command "frob"`},
		{"ip addr flush dev eth0", `t.ip:1:9: ip address flush: not compiled by nlbatch`},
		{"ip addr add 10.0.0.1/24 proto 5 dev eth0", `t.ip:1:25: unknown ip address keyword "proto"`},
	} {
		c := batch.NewCompiler(batch.Options{})
		err := batch.CompileIPRoute2(c, "t.ip", strings.NewReader(tc.line+"\n"), batch.IPRoute2Options{})
		if err == nil {
			t.Errorf("%s: compiled, want error %q", tc.line, tc.want)
			continue
		}
		if !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s:\n got %v\nwant %s", tc.line, err, tc.want)
		}
	}
}
