package batch

import (
	"encoding/binary"
	"errors"
	"strings"
	"testing"

	"github.com/nlbatch/nlbatch/codec"
)

// The bytes of choke, gred, hhf, sfb and taprio are checked against
// iproute2 by the conformance corpus (testdata/iproute2/tc-qdisc2.txt);
// these tests check where errors point and what the corpus cannot see.

func TestTCQdisc3Errors(t *testing.T) {
	for _, tc := range []struct {
		line, col, want string
	}{
		{"qdisc add dev eth0 root choke limit 100 bandwith 1mbit", ":1:41:", `unknown choke option "bandwith" (did you mean "bandwidth"?)`},
		{"qdisc add dev eth0 root choke limit 100", ":1:40:", `choke needs bandwidth and limit`},
		{"qdisc add dev eth0 root handle 1: gred setup vqs 4 defualt 1", ":1:52:", `unknown gred setup option "defualt" (did you mean "default"?)`},
		{"qdisc add dev eth0 root handle 1: gred setup default 1 vqs 4", ":1:46:", `"default" must come after "vqs"`},
		{"qdisc add dev eth0 root handle 1: gred setup vqs 17 default 1", ":1:50:", `17 virtual queues, more than the 16`},
		{"qdisc change dev eth0 root gred vq 16 limit 60000 min 15000 max 45000 avpkt 1000", ":1:36:", `vq 16 is out of range`},
		{"qdisc change dev eth0 root gred vq 0 limit 60000 setup vqs 4 default 0", ":1:50:", `"setup" must come first`},
		{"qdisc add dev eth0 root hhf hh_limt 5", ":1:29:", `unknown hhf option "hh_limt" (did you mean "hh_limit"?)`},
		{"qdisc add dev eth0 root sfb increment 1.5", ":1:39:", `want a probability between 0 and 1`},
		{"qdisc add dev eth0 root taprio clockid TIA", ":1:40:", `unknown taprio clockid "TIA" (did you mean "CLOCK_TAI"?)`},
		{"qdisc add dev eth0 root taprio sched-entry S zz 100", ":1:46:", `sched-entry gate mask "zz": want a hex number`},
		{"qdisc add dev eth0 root taprio flags 1 flags 2", ":1:40:", `duplicate "flags"`},
		{"qdisc add dev eth0 root taprio num_tc 2 max-sdu 100", ":1:41:", `iproute2 6.1 has no such option`},
		{"qdisc add dev eth0 root mqprio num_tc 2 hw 0 mode channel", ":1:46:", `only with hw offload`},
	} {
		_, err := compileTC(t, tc.line, Options{})
		var e *Error
		if !errors.As(err, &e) {
			t.Errorf("%s: error %v, want an *Error", tc.line, err)
			continue
		}
		if msg := err.Error(); !strings.Contains(msg, tc.want) || !strings.Contains(msg, "t.tc"+tc.col) {
			t.Errorf("%s:\n got  %s\n want %s at %s", tc.line, msg, tc.want, tc.col)
		}
	}
}

// TestTCGredSetupCreate checks that "gred setup" adds NLM_F_CREATE to
// the command's own flags, as iproute2 does, in either byte order.
func TestTCGredSetupCreate(t *testing.T) {
	for _, tc := range []struct {
		verb string
		want uint16
	}{
		{"change", codec.FlagRequest | codec.FlagAck | codec.FlagCreate},
		{"add", codec.FlagRequest | codec.FlagAck | codec.FlagExcl | codec.FlagCreate},
	} {
		for _, big := range []bool{false, true} {
			c, err := compileTC(t, "qdisc "+tc.verb+" dev eth0 root handle 1: gred setup vqs 4 default 1", Options{BigEndian: big})
			if err != nil {
				t.Fatal(err)
			}
			msg := c.Batch().MessageAt(0)
			var order binary.ByteOrder = binary.LittleEndian
			if big {
				order = binary.BigEndian
			}
			if got := order.Uint16(msg[6:8]); got != tc.want {
				t.Errorf("%s (big endian %v): nlmsg_flags %#x, want %#x", tc.verb, big, got, tc.want)
			}
		}
	}
}

// TestTCQdisc3BigEndian compiles each new kind for a big-endian target
// and decodes it back.
func TestTCQdisc3BigEndian(t *testing.T) {
	for _, line := range []string{
		"qdisc add dev eth0 root choke limit 1000 bandwidth 10mbit ecn",
		"qdisc change dev eth0 root gred vq 1 limit 100k min 10k max 30k avpkt 1000 prio 3 harddrop",
		"qdisc add dev eth0 root hhf limit 1000 reset_timeout 40ms",
		"qdisc add dev eth0 root sfb limit 500 increment 0.001",
		"qdisc add dev eth0 root taprio num_tc 2 map 0 1 queues 1@0 1@1 sched-entry S 3 1000000 base-time 5 clockid CLOCK_TAI",
	} {
		c, err := compileTC(t, line, Options{BigEndian: true})
		if err != nil {
			t.Fatalf("%s: %v", line, err)
		}
		if _, err := codec.Decode(codec.ProtoRoute, binary.BigEndian, c.Batch().MessageAt(0)); err != nil {
			t.Errorf("%s: decode: %v", line, err)
		}
	}
}
