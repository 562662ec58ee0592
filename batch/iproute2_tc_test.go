package batch

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The tc conformance corpora (testdata/iproute2/tc-*.txt) match
// iproute2 6.1 byte for byte; no tc command is listed as a divergence.

// compileTC compiles one tc line.
func compileTC(t *testing.T, line string, opts Options) (*Compiler, error) {
	t.Helper()
	c := NewCompiler(opts)
	err := CompileIPRoute2(c, "t.tc", strings.NewReader(line+"\n"), IPRoute2Options{Syntax: "tc"})
	return c, err
}

func TestTCErrors(t *testing.T) {
	for _, tc := range []struct {
		line, col, want string
	}{
		{"qdisc add dev eth0 root tbf rate 10kbitz burst 10k latency 1ms", ":1:34:", `rate "10kbitz": unknown unit "kbitz" (want bit, kibit`},
		{"qdisc add dev eth0 root tbf rate fast burst 10k latency 1ms", ":1:34:", `rate "fast": want a rate, a number with a unit`},
		{"qdisc add dev eth0 root tbf rate 1mbit burst 10q latency 1ms", ":1:46:", `burst "10q": unknown unit "q"`},
		{"qdisc add dev eth0 root tbf rate 1mbit burst 10k latency 1h", ":1:58:", `latency "1h": unknown unit "h"`},
		{"qdisc add dev eth0 root tbf rate 1mbit latency 1ms", ":1:51:", `tbf: the "burst" parameter is mandatory`},
		{"qdisc add dev eth0 root tbf rate 10% burst 1k latency 1ms", ":1:34:", `rate "10%": a rate in percent is a share of the device's speed`},
		{"qdisc add dev eth0 root tbf rate 1mbit burst 1k latency 1ms limit 1k", ":1:61:", `give "latency" or "limit", not both`},
		{"qdisc add dev eth0 root handle 1: htb default", ":1:46:", `"default" needs a hex number after it`},
		{"qdisc add dev eth0 root handle 1: htb bogus 1", ":1:39:", `unknown htb option "bogus" (did you mean "debug"?)`},
		{"qdisc add dev eth0 root handle x: htb", ":1:32:", `handle "x:": want a qdisc handle`},
		{"qdisc add dev eth0 root htbb", ":1:25:", `unknown qdisc kind "htbb", or a kind nlbatch does not compile (did you mean "htb"?)`},
		{"qdisc add dev eth0 root mq limit 5", ":1:28:", `qdisc mq takes no options, not "limit"`},
		{"qdisc add dev eth0 root root htb", ":1:25:", `"root" is a duplicate parent`},
		{"qdisc add dev eth0 root handle 1: prio bands 3 priomap 0 1 2 3", ":1:62:", `priomap band 3 is out of bands (there are 3)`},
		{"qdisc add dev eth0 root netem delay 10parsecs", ":1:37:", `latency "10parsecs": unknown unit "parsecs"`},
		{"qdisc add dev eth0 root netem loss 101%", ":1:36:", `loss "101%" is not between 0% and 100%`},
		{"qdisc add dev eth0 root netem loss state 1", ":1:36:", `netem loss state: not compiled by nlbatch`},
		{"qdisc add dev eth0 root netem gap 5", ":1:36:", `netem: gap given without a reorder probability`},
		{"qdisc add dev eth0 root sfq perturb", ":1:36:", `"perturb" needs seconds after it`},
		{"qdisc add dev eth0 root estimator 10s 20s htb", ":1:35:", `estimator interval "10s" is out of range (at most 8s)`},
		{"qdisc show dev eth0", ":1:7:", `tc qdisc show: not compiled by nlbatch (it compiles add, change, replace, link, delete)`},
		{"qdisc frob dev eth0", ":1:7:", `unknown tc qdisc command "frob"`},
		{"class add dev eth0 parent 1: classid 1:1 htb ceil 10mbit", ":1:57:", `htb class: "rate" is required`},
		{"class add dev eth0 parent 1: classid 1:1 htb rate 1mbit burst 10k/3", ":1:63:", `burst "10k/3": the cell size after '/' must be a power of two`},
		{"class add dev eth0 parent 1: handle 1:1 htb rate 1mbit", ":1:30:", `a class is named by "classid", not "handle"`},
		{"class add dev eth0 parent 1: classid 1:1x htb rate 1mbit", ":1:38:", `classid "1:1x": want a class id, hex MAJOR:MINOR`},
		{"class add dev eth0 parent 1: classid 1:1 htb rate 1mbit linklayer token", ":1:67:", `unknown linklayer "token"`},
		{"filter add dev eth0 parent 1: protocol ipz u32 match u32 0 0", ":1:40:", `unknown protocol "ipz"`},
		{"filter add dev eth0 parent 1: prio 70000 u32 match u32 0 0", ":1:36:", `priority "70000" is out of range (at most 65535)`},
		{"filter add dev eth0 parent 1: u32 match ip dst 10.0.0.0/33", ":1:48:", `"10.0.0.0/33": prefix length "33" is not 0-32`},
		{"filter add dev eth0 parent 1: u32 match ip bogus 1", ":1:44:", `unknown match ip field "bogus"`},
		{"filter add dev eth0 parent 1: u32 match ip nofrag", ":1:44:", `match ip nofrag: incomplete`},
		{"filter add dev eth0 parent 1: u32 match u32 1 2 at 3", ":1:41:", `the key does not fit`},
		{"filter add dev eth0 parent 1: u32 divisor 3", ":1:43:", `divisor "3": want a power of two from 1 to 256`},
		{"filter add dev eth0 parent 1: u32 ht 800:x:", ":1:38:", `ht "800:x:": want a u32 handle`},
		{"filter add dev eth0 parent 1: u32 match tcp dport 80 0xffff", ":1:45:", `unknown match tcp field "dport" (did you mean "dst"?)`},
		{"filter add dev eth0 parent 1: u32 match mark 1 1", ":1:41:", `match "mark": not compiled by nlbatch`},
		{"filter add dev eth0 parent 1: handle 1 fw classid 1:10x", ":1:51:", `classid "1:10x": want a class id`},
		{"filter add dev eth0 ingress flower bogus 1", ":1:36:", `unknown flower option "bogus"`},
		{"filter add dev eth0 ingress flower vlan_id 5", ":1:36:", `flower vlan_id needs protocol 802.1Q or 802.1ad`},
		{"filter add dev eth0 ingress protocol ip flower dst_port 80", ":1:57:", `flower ports need ip_proto tcp, udp or sctp first`},
		{"filter add dev eth0 ingress protocol ip flower ip_proto tcp dst_port 80x", ":1:70:", `port "80x": want a decimal number`},
		{"filter add dev eth0 ingress protocol ip flower dst_mac 1:2:3", ":1:56:", `"1:2:3" is not a MAC address`},
		{"filter add dev eth0 ingress matchall skip_hw skip_sw", ":1:53:", `skip_hw and skip_sw are mutually exclusive`},
		{"filter add dev eth0 ingress matchall action bogus", ":1:45:", `unknown action "bogus", or one nlbatch does not compile`},
		{"filter add dev eth0 ingress matchall action", ":1:44:", `"action" needs an action after it`},
		{"filter add dev eth0 ingress matchall action mirred egress redirect", ":1:67:", `mirred needs egress|ingress mirror|redirect dev NAME`},
		{"filter add dev eth0 ingress matchall action vlan push", ":1:45:", `vlan push needs "id"`},
		{"filter add dev eth0 ingress matchall action vlan push id 5 protocol ipv6", ":1:69:", `vlan protocol "ipv6": want 802.1Q or 802.1ad`},
		{"filter add dev eth0 ingress matchall action police rate 1mbit", ":1:45:", `police: "rate" needs "burst"`},
		{"filter add dev eth0 ingress matchall action police rate 1mbit burst 1k conform-exceed drop/bogus", ":1:92:", `unknown action control "bogus"`},
		{"filter add dev eth0 ingress matchall action gact goto 5", ":1:55:", `goto wants "chain INDEX", not "5"`},
		{"filter add dev eth0 ingress matchall action gact drop random determ ok 10001", ":1:72:", `probability value "10001" is out of range (0 to 10000)`},
		{"filter add dev eth0 ingress matchall action skbedit", ":1:45:", `skbedit needs queue_mapping, priority, mark or ptype`},
		{"filter add dev eth0 ingress matchall action csum", ":1:45:", `csum needs what to update`},
		{"filter add dev eth0 ingress matchall action csum tcp ipx", ":1:54:", `unknown action "ipx"`},
		{"filter add dev eth0 ingress bpf obj x.o", ":1:33:", `bpf "obj": not compiled by nlbatch`},
		{"filter add dev eth0 ingress handle 5", ":1:36:", `a filter "handle" needs the filter's kind`},
		{"filter add dev eth0 ingress ingress matchall", ":1:29:", `"ingress" is a duplicate parent`},
		{"filter add dev eth0 ingress block 5 matchall", ":1:29:", `tc filter block: not compiled by nlbatch`},
	} {
		_, err := compileTC(t, tc.line, Options{})
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
		if !strings.Contains(msg, tc.want) || !strings.Contains(msg, "t.tc"+tc.col) {
			t.Errorf("%s:\n got  %s\n want %s at %s", tc.line, msg, tc.want, tc.col)
		}
		if inner := e.Err.Error(); inner != "" && inner[0] >= 'A' && inner[0] <= 'Z' {
			t.Errorf("%s: error %q does not start in lower case", tc.line, inner)
		}
	}
}

// TestTCRefusedLeavesNothing checks that a refused command adds no
// message and that the lines before it stay.
func TestTCRefusedLeavesNothing(t *testing.T) {
	c := NewCompiler(Options{})
	err := CompileIPRoute2(c, "t.tc", strings.NewReader("tc qdisc add dev eth0 root handle 1: htb\ntc filter add dev eth0 parent 1: u32 match ip dst 10.0.0.0/8 flowid 1:1 action mirred egress redirect\n"), IPRoute2Options{})
	if err == nil {
		t.Fatal("compiled a bad second line")
	}
	if n := c.Batch().Count(); n != 1 {
		t.Fatalf("%d messages, want 1 (the first line's)", n)
	}
}

func TestTCUnits(t *testing.T) {
	l := &cmdLine{file: "u"}
	tok := func(s string) token { return token{s: s, line: 1, col: 1} }
	for _, tc := range []struct {
		in   string
		want uint64
	}{
		{"1mbit", 125000}, {"1Mbit", 125000}, {"8", 1}, {"100kibit", 12800}, {"5MBps", 5000000},
		{"1kbps", 1000}, {"2.5mbit", 312500}, {"1tbit", 125000000000}, {"1gibit", 134217728}, {"3KiBps", 3072},
	} {
		got, err := l.tcRate64(tok(tc.in), "rate")
		if err != nil || got != tc.want {
			t.Errorf("rate %s = %d, %v; want %d", tc.in, got, err, tc.want)
		}
	}
	for _, tc := range []struct {
		in   string
		want uint32
	}{
		{"1600", 1600}, {"10k", 10240}, {"10kb", 10240}, {"1m", 1048576}, {"32kbit", 4096},
		{"1mbit", 131072}, {"2g", 2147483648}, {"1gbit", 134217728}, {"7b", 7}, {"1.5k", 1536},
	} {
		got, err := l.tcSize(tok(tc.in), "size")
		if err != nil || got != tc.want {
			t.Errorf("size %s = %d, %v; want %d", tc.in, got, err, tc.want)
		}
	}
	for _, tc := range []struct {
		in   string
		want uint32
	}{
		{"1s", 1000000}, {"2sec", 2000000}, {"400ms", 400000}, {"20msec", 20000}, {"5000us", 5000},
		{"100usec", 100}, {"7", 7}, {"1.5ms", 1500},
	} {
		got, err := l.tcTime(tok(tc.in), "time")
		if err != nil || got != tc.want {
			t.Errorf("time %s = %d, %v; want %d", tc.in, got, err, tc.want)
		}
	}
	for _, tc := range []struct {
		in   string
		want uint32
	}{
		{"1:", 0x10000}, {"1:10", 0x10010}, {":5", 5}, {"root", 0xffffffff}, {"none", 0}, {"ffff:fff3", 0xfffffff3}, {"10", 0x10},
	} {
		got, err := l.tcClassid(tok(tc.in), "classid")
		if err != nil || got != tc.want {
			t.Errorf("classid %s = %#x, %v; want %#x", tc.in, got, err, tc.want)
		}
	}
	for _, tc := range []struct {
		in   string
		want uint32
	}{
		{"800::", 0x80000000}, {"2:5:", 0x00205000}, {"800::100", 0x80000100}, {"0x10", 0x10}, {"::1", 1},
	} {
		got, err := l.tcU32Handle(tok(tc.in), "handle")
		if err != nil || got != tc.want {
			t.Errorf("u32 handle %s = %#x, %v; want %#x", tc.in, got, err, tc.want)
		}
	}
	for _, tc := range []struct {
		in   string
		want uint32
	}{
		{"1%", 42949673}, {"25%", 0x40000000}, {"50%", 0x80000000}, {"0.1%", 4294967}, {"100%", 0xffffffff},
	} {
		got, err := l.tcPercent(tok(tc.in), "percent")
		if err != nil || got != tc.want {
			t.Errorf("percent %s = %#x, %v; want %#x", tc.in, got, err, tc.want)
		}
	}
}

// TestTCBigEndian compiles commands for a big-endian target: the host
// fields of struct tcmsg and of the options swap, the network-order ones
// do not.
func TestTCBigEndian(t *testing.T) {
	c, err := compileTC(t, "filter add dev eth0 parent 1: protocol ip prio 3 u32 match ip dst 10.0.0.0/8 flowid 1:10", Options{BigEndian: true})
	if err != nil {
		t.Fatal(err)
	}
	msg := c.Batch().MessageAt(0)
	// tcm_parent 1: and tcm_info prio 3, protocol 0x0800 (network order).
	if got := msg[28:36]; string(got) != "\x00\x01\x00\x00\x00\x03\x08\x00" {
		t.Errorf("tcm_parent, tcm_info = % x", got)
	}
	for _, line := range []string{
		"qdisc add dev eth0 root handle 1: htb default 10",
		"class add dev eth0 parent 1: classid 1:1 htb rate 10mbit",
		"qdisc add dev eth0 root netem delay 10ms 1ms 10% rate 1mbit",
		"filter add dev eth0 ingress protocol ip flower ip_proto tcp dst_port 80 action police rate 1mbit burst 10k",
	} {
		if _, err := compileTC(t, line, Options{BigEndian: true}); err != nil {
			t.Errorf("%s: %v", line, err)
		}
	}
}

func TestTCNotCompiled(t *testing.T) {
	for _, tc := range []struct{ line, want string }{
		{"qdisc add dev eth0 root cbq bandwidth 10mbit avpkt 1000", `qdisc "cbq": not compiled by nlbatch (it compiles bfifo, cake, cbs, choke, clsact, codel, drr, etf, ets, fq, fq_codel, fq_pie, gred, hfsc, hhf, htb, ingress, mq, mqprio, multiq, netem, noqueue, pfifo, pfifo_fast, pfifo_head_drop, pie, plug, prio, qfq, red, sfb, sfq, skbprio, taprio, tbf)`},
		{"class add dev eth0 parent 1: classid 1:1 cbq rate 1mbit", `class "cbq": not compiled by nlbatch (it compiles drr, ets, hfsc, htb, qfq)`},
		{"filter add dev eth0 ingress bpf obj x.o", `bpf "obj": not compiled by nlbatch`},
		{"filter add dev eth0 ingress rsvp session 10.0.0.1", `filter "rsvp": not compiled by nlbatch`},
		{"filter add dev eth0 ingress matchall action xt -j ACCEPT", `action "xt": not compiled by nlbatch`},
	} {
		_, err := compileTC(t, tc.line, Options{})
		if err == nil || !strings.Contains(err.Error(), tc.want) || !errors.Is(err, errNotCompiled) {
			t.Errorf("%s:\n got  %v\n want %s", tc.line, err, tc.want)
		}
	}
}

// BenchmarkTCCompile compiles a mix of tc lines.
func BenchmarkTCCompile(b *testing.B) {
	lines := strings.Repeat(`tc qdisc add dev eth0 root handle 1: htb default 10
tc class add dev eth0 parent 1: classid 1:10 htb rate 10mbit ceil 100mbit
tc qdisc add dev eth0 parent 1:10 handle 10: netem delay 10ms 1ms loss 1%
tc filter add dev eth0 parent 1: protocol ip prio 1 u32 match ip dst 10.0.0.0/8 match ip dport 80 0xffff flowid 1:10
tc filter add dev eth0 ingress protocol ip flower ip_proto tcp dst_port 80 action mirred egress redirect dev eth1
`, 20)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		c := NewCompiler(Options{})
		if err := CompileIPRoute2(c, "b.tc", strings.NewReader(lines), IPRoute2Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// TestTCNoPanic compiles random word salads made of tc's words: each
// must compile or fail with an *Error, never panic.
func TestTCNoPanic(t *testing.T) {
	words := strings.Fields(`qdisc class filter add del change replace link dev eth0 root ingress egress clsact parent handle
		1: 1:1 ffff: 800:: 2:5: classid flowid prio 5 protocol ip ipv6 802.1Q all chain estimator 1s 8s
		htb tbf prio pfifo bfifo sfq fq_codel netem fq red cake codel hfsc mq multiq noqueue default r2q
		rate ceil burst cburst latency limit peakrate mtu mpu overhead linklayer atm quantum 10mbit 10k 1ms 1% 25%
		delay loss random duplicate corrupt reorder gap bands priomap 0 1 2 sc rt ls ul m1 m2 d umax dmax
		u32 fw matchall flower basic match u8 u16 ip ip6 tcp udp icmp src dst sport dport tos at nexthdr+ 0xff 0xffff
		hashkey mask divisor 256 ht link order 10.0.0.0/8 2001:db8::/32 skip_hw skip_sw ip_proto dst_port src_port
		dst_ip src_ip dst_mac 00:11:22:33:44:55 vlan_id vlan_prio vlan_ethtype ip_tos ip_ttl action gact drop pass ok
		continue pipe goto jump reclassify mirred mirror redirect police conform-exceed drop/ok vlan push pop modify id
		skbedit mark queue_mapping ptype host connmark zone csum iph index cookie 0a hw_stats no_percpu - / 100-200`)
	seed := uint64(1)
	rnd := func(n int) int {
		seed = seed*6364136223846793005 + 1442695040888963407
		return int(seed>>33) % n
	}
	for i := 0; i < 20000; i++ {
		n := 2 + rnd(14)
		line := make([]string, 0, n+2)
		line = append(line, []string{"qdisc", "class", "filter"}[rnd(3)], []string{"add", "replace", "del"}[rnd(3)])
		for j := 0; j < n; j++ {
			line = append(line, words[rnd(len(words))])
		}
		text := strings.Join(line, " ")
		func() {
			defer func() {
				if r := recover(); r != nil {
					t.Fatalf("%s: panic %v", text, r)
				}
			}()
			_, err := compileTC(t, text, Options{BigEndian: i%2 == 1})
			var e *Error
			if err != nil && !errors.As(err, &e) {
				t.Fatalf("%s: error %v is not an *Error", text, err)
			}
		}()
	}
}

// TestTCCorpusMutations compiles the tc corpora's commands cut short,
// with a word dropped or repeated: no panic, and errors are *Error.
func TestTCCorpusMutations(t *testing.T) {
	files, _ := filepath.Glob("../testdata/iproute2/tc-*.txt")
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(string(data), "\n") {
			if !strings.HasPrefix(line, "tc ") {
				continue
			}
			w := strings.Fields(line)
			var variants []string
			for i := 2; i < len(w); i++ {
				variants = append(variants,
					strings.Join(w[:i], " "),
					strings.Join(append(append([]string{}, w[:i]...), w[i+1:]...), " "),
					strings.Join(append(append([]string{}, w[:i+1]...), w[i:]...), " "))
			}
			for _, v := range variants {
				func() {
					defer func() {
						if r := recover(); r != nil {
							t.Fatalf("%s: panic %v", v, r)
						}
					}()
					c := NewCompiler(Options{})
					err := CompileIPRoute2(c, "m.tc", strings.NewReader(v+"\n"), IPRoute2Options{})
					var e *Error
					if err != nil && !errors.As(err, &e) {
						t.Fatalf("%s: error %v is not an *Error", v, err)
					}
					if err != nil {
						if msg := e.Err.Error(); msg[0] >= 'A' && msg[0] <= 'Z' {
							t.Errorf("%s: error %q does not start in lower case", v, msg)
						}
						if os.Getenv("TC_SHOW_ERRORS") != "" {
							t.Logf("%s\n    %v", v, err)
						}
					}
				}()
			}
		}
	}
}
