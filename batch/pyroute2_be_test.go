package batch

import (
	"strings"
	"testing"

	"github.com/nlbatch/nlbatch/nlb"
)

// TestPyroute2FilterProtocolBigEndian checks a filter's protocol in
// tcm_info for a big-endian target against the iproute2 front end's,
// which the s390x kernel lab checks against a big-endian kernel: pyroute2
// swaps it with htons on a little-endian host, a big-endian target takes
// it as it is.
func TestPyroute2FilterProtocolBigEndian(t *testing.T) {
	const tcmInfo = 16 + 16 // nlmsghdr, then tcmsg's family, ifindex, handle, parent
	for _, big := range []bool{false, true} {
		ip := NewCompiler(Options{BigEndian: big})
		if err := CompileIPRoute2(ip, "t.tc", strings.NewReader("tc filter add dev q0 parent 1: protocol ip prio 2 handle 5 fw classid 1:10\n"), IPRoute2Options{}); err != nil {
			t.Fatal(err)
		}
		py := NewCompiler(Options{BigEndian: big})
		kw := Kwargs{{"kind", "fw"}, {"index", "q0"}, {"parent", "1:"}, {"protocol", 0x0800}, {"prio", 2}, {"handle", 5}, {"classid", "1:10"}}
		if err := py.CallKwargs("tc", "add-filter", kw, nlb.Source{File: "t.go", Line: 1}); err != nil {
			t.Fatal(err)
		}
		want := ip.Batch().MessageAt(0)[tcmInfo : tcmInfo+4]
		got := py.Batch().MessageAt(0)[tcmInfo : tcmInfo+4]
		if string(got) != string(want) {
			t.Errorf("big-endian %v: tcm_info % x, iproute2 writes % x", big, got, want)
		}
	}
}
