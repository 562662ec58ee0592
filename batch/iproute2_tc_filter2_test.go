package batch_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/nlbatch/nlbatch/batch"
)

// Recorded commands of tc-filter2.txt whose bytes nlbatch deliberately
// does not reproduce.
func init() {
	addDivergences(map[string]string{
		"tc-filter2.txt:53": "without a handle, tc makes the route filter's handle from the index of the fromif " +
			"interface on the machine it runs on; nlbatch refuses it (an explicit handle compiles)",
		"tc-filter2.txt:79": "tc copies 32 bytes from where the simple action's string starts, so after a string " +
			"shorter than 31 bytes it sends the words and environment that follow it in its memory; nlbatch sends zeros",
	})
}

// TestTCFilter2Errors checks the errors of the filter and action kinds
// of iproute2_tc_filter2.go and iproute2_tc_action3.go: the position of
// the word and what they suggest.
func TestTCFilter2Errors(t *testing.T) {
	for _, tc := range []struct {
		line, col, want string
		notCompiled     bool
	}{
		{"filter add dev eth0 parent 1: cgroup classid 1:10", ":1:38:", `unknown cgroup option "classid"`, false},
		{"filter add dev eth0 parent 1: cgroup match u32 match ip dst 10.0.0.1", ":1:38:", `cgroup "match" (ematches): not compiled`, true},
		{"filter add dev eth0 parent 1: flow hash keys src,bogus divisor 4", ":1:50:", `unknown flow key "bogus"`, false},
		{"filter add dev eth0 parent 1: flow hash keys src divisr 4", ":1:50:", `unknown flow option "divisr" (did you mean "divisor"?)`, false},
		{"filter add dev eth0 parent 1: flow map keys src,dst", ":1:45:", `several keys need "hash"`, false},
		{"filter add dev eth0 parent 1: flow map keys src baseclass 1:", ":1:59:", `baseclass "1:" needs a minor number`, false},
		{"filter add dev eth0 parent 1: flow map keys mark addend 10.0.0.1", ":1:57:", `want a number, or an address`, false},
		{"filter add dev eth0 parent 1: route to 256", ":1:40:", `realm 256 is out of range 0-255`, false},
		{"filter add dev eth0 parent 1: route tos 1", ":1:37:", `unknown route option "tos" (did you mean "to"?)`, false},
		{"filter add dev eth0 parent 1: route fromif eth1", ":1:37:", `route fromif needs the filter's "handle"`, false},
		{"filter add dev eth0 parent 1: bpf bytecode \"3,6 0 0 0\"", ":1:44:", `1 instruction(s) for a length of 3`, false},
		{"filter add dev eth0 parent 1: bpf bytecode \"1,6 0 0\"", ":1:44:", `instruction 0 "6 0 0": want "code jt jf k"`, false},
		{"filter add dev eth0 parent 1: bpf bytecode \"0,\"", ":1:44:", `the number of instructions must be 1 to 4096`, false},
		{"filter add dev eth0 parent 1: bpf bytecod2 x", ":1:35:", `unknown bpf mode "bytecod2" (did you mean "bytecode"?)`, false},
		{"filter add dev eth0 parent 1: bpf object-file x.o", ":1:35:", `bpf "object-file": not compiled`, true},
		{"filter add dev eth0 parent 1: bpf bc \"1,6 0 0 0\" classid 1:1 frob", ":1:62:", `unknown bpf option "frob"`, false},
		{"filter add dev eth0 parent 1: matchall action simple sdata 0123456789abcdefghijklmnopqrstuv", ":1:60:", `is 32 bytes long (at most 31)`, false},
		{"filter add dev eth0 parent 1: matchall action simple drop", ":1:47:", `simple needs "sdata STRING" or "index N"`, false},
		{"filter add dev eth0 parent 1: matchall action ctinfo dscp 0xf0000000", ":1:59:", `must be 6 contiguous bits`, false},
		{"filter add dev eth0 parent 1: matchall action ctinfo dscp 0xfc000000 0x0c000000", ":1:59:", `must not overlap`, false},
		{"filter add dev eth0 parent 1: matchall action gate sched-entry half 1000", ":1:64:", `unknown gate state "half"`, false},
		{"filter add dev eth0 parent 1: matchall action gate clockid CLOCK_FOO sched-entry open 1", ":1:60:", `unknown clockid "CLOCK_FOO"`, false},
		{"filter add dev eth0 parent 1: matchall action gate sched-entry open 5000000000", ":1:69:", `is too large`, false},
		{"filter add dev eth0 parent 1: matchall action ife encode allow color", ":1:64:", `unknown ife metadata "color"`, false},
		{"filter add dev eth0 parent 1: matchall action ife allow mark", ":1:47:", `ife needs decode or encode`, false},
		{"filter add dev eth0 parent 1: matchall action pedit munge ip ttl add 1", ":1:66:", `needs "pedit ex"`, false},
		{"filter add dev eth0 parent 1: matchall action pedit ex munge ip tos decrement", ":1:69:", `"decrement" is only for ip ttl`, false},
		{"filter add dev eth0 parent 1: matchall action pedit munge ip hoplimt set 3", ":1:62:", `unknown pedit ip field "hoplimt"`, false},
		{"filter add dev eth0 parent 1: matchall action pedit munge tcp dport set 3", ":1:59:", `pedit munge tcp needs "pedit ex"`, false},
		{"filter add dev eth0 parent 1: matchall action pedit ex munge ip6 hoplimt set 3", ":1:66:", `unknown pedit ip6 field "hoplimt" (did you mean "hoplimit"?)`, false},
		{"filter add dev eth0 parent 1: matchall action pedit ex munge eth src preserve", ":1:70:", `"retain" and "preserve" are for fields of at most 32 bits`, false},
		{"filter add dev eth0 parent 1: matchall action pedit munge offset 0 u64 set 1", ":1:68:", `unknown pedit offset size "u64"`, false},
		{"filter add dev eth0 parent 1: matchall action bpf drop", ":1:51:", `unknown bpf mode "drop"`, false},
		{"filter add dev eth0 parent 1: matchall action bpf object-pinned /x", ":1:51:", `bpf "object-pinned": not compiled`, true},
	} {
		c := batch.NewCompiler(batch.Options{})
		err := batch.CompileIPRoute2(c, "t.tc", strings.NewReader(tc.line+"\n"), batch.IPRoute2Options{Syntax: "tc"})
		if err == nil || !strings.Contains(err.Error(), "t.tc"+tc.col) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s:\n got  %v\n want t.tc%s ... %s", tc.line, err, tc.col, tc.want)
			continue
		}
		if nc := strings.Contains(err.Error(), "not compiled by nlbatch"); nc != tc.notCompiled {
			t.Errorf("%s: %v: not compiled %v, want %v", tc.line, err, nc, tc.notCompiled)
		}
		var e *batch.Error
		if !errors.As(err, &e) {
			t.Errorf("%s: %T is not a *batch.Error", tc.line, err)
		}
	}
}

// TestTCFilter2BigEndian checks the byte order of the new kinds' fixed
// fields for a big-endian target: classic BPF instructions and pedit's
// offsets are host-order numbers, pedit's values and masks network
// order.
func TestTCFilter2BigEndian(t *testing.T) {
	for _, tc := range []struct {
		line   string
		le, be string
	}{
		{"filter add dev eth0 parent 1: bpf bytecode \"1,6 0 0 65535\" classid 1:1",
			"\x06\x00\x00\x00\xff\xff\x00\x00", "\x00\x06\x00\x00\x00\x00\xff\xff"},
		{"filter add dev eth0 parent 1: matchall action pedit munge offset 8 u32 set 0x01020304",
			"\x00\x00\x00\x00\x01\x02\x03\x04\x08\x00\x00\x00", "\x00\x00\x00\x00\x01\x02\x03\x04\x00\x00\x00\x08"},
	} {
		for _, be := range []bool{false, true} {
			c := batch.NewCompiler(batch.Options{BigEndian: be})
			if err := batch.CompileIPRoute2(c, "t.tc", strings.NewReader(tc.line+"\n"), batch.IPRoute2Options{Syntax: "tc"}); err != nil {
				t.Fatalf("%s: %v", tc.line, err)
			}
			want := tc.le
			if be {
				want = tc.be
			}
			if msg := c.Batch().MessageAt(0); !bytes.Contains(msg, []byte(want)) {
				t.Errorf("%s (big endian %v): % x does not hold % x", tc.line, be, msg, want)
			}
		}
	}
}

// TestTCFilter2NoPanic compiles random lines made of the new kinds'
// words after a filter's head: each must compile or fail with an
// *Error, never panic.
func TestTCFilter2NoPanic(t *testing.T) {
	heads := []string{
		"filter add dev eth0 parent 1: cgroup", "filter add dev eth0 parent 1: handle 1 flow",
		"filter add dev eth0 parent 1: route", "filter add dev eth0 parent 1: handle 0x80028000 route",
		"filter add dev eth0 parent 1: bpf", "filter add dev eth0 parent 1: matchall action",
	}
	words := strings.Fields(`action police rate 1mbit burst 10k drop pass pipe continue goto chain 1 index 3 classid flowid 1:10 1:
		match map hash keys src,dst mark src dst and or xor rshift addend divisor perturb baseclass 5 -5 10.0.0.1 2001:db8::1
		to from fromif eth1 order run bytecode bc "1,6 0 0 0" "2,40 0 0 12,6 0 0 0" "1,6 0 0" "0," da skip_hw skip_sw
		simple sdata hello 0123456789abcdefghijklmnopqrstuvwxyz ctinfo dscp 0xfc000000 0x01000000 cpmark zone
		gate sched-entry open close 1ms 200000000 -1 8000 1k base-time cycle-time cycle-time-ext clockid CLOCK_TAI tai flags priority
		ife encode decode allow use prio tcindex type 0xed3e 02:00:00:00:00:01
		pedit ex munge offset 8 u8 u16 u32 at 0x0f set add invert clear preserve decrement retain ip ip6 tcp udp eth icmp
		ttl tos dsfield ihl protocol precedence nofrag ce df mf sport dport icmp_type hoplimit traffic_class flow_lbl
		payload_len nexthdr flags`)
	seed := uint64(7)
	rnd := func(n int) int {
		seed = seed*6364136223846793005 + 1442695040888963407
		return int(seed>>33) % n
	}
	for i := 0; i < 20000; i++ {
		line := []string{heads[rnd(len(heads))]}
		for n := 1 + rnd(12); n > 0; n-- {
			line = append(line, words[rnd(len(words))])
		}
		text := strings.Join(line, " ")
		func() {
			defer func() {
				if r := recover(); r != nil {
					t.Fatalf("%s: panic %v", text, r)
				}
			}()
			c := batch.NewCompiler(batch.Options{BigEndian: i%2 == 1})
			err := batch.CompileIPRoute2(c, "t.tc", strings.NewReader(text+"\n"), batch.IPRoute2Options{Syntax: "tc"})
			var e *batch.Error
			if err != nil && !errors.As(err, &e) {
				t.Fatalf("%s: error %v is not an *Error", text, err)
			}
		}()
	}
}
