package dump

import (
	"encoding/json"
	"math/bits"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestBigEndianLabAgreesWithLittleEndian checks the values, not only the
// framing, of the big-endian decode. The kernel lab runs the same
// scenarios on amd64 (lab-NAME.pcap) and on s390x (lab-be-NAME.pcap) with
// the same iproute2, so the requests iproute2 sends are the same messages
// written in the two byte orders: decoded, they must be equal, field by
// field, once what differs by nature is set aside (sequence numbers, port
// ids, interface indexes). A field read in the wrong order on either side
// shows as a difference.
//
// tcm_info of a filter holds the protocol as the sending host stored it
// (htons in a host-order u32), so its raw value differs between the two
// machines: it is compared as the priority and protocol it means.
//
// The captures start while the scenario's first command may already be
// running, so either may lack the first few requests: messages missing
// before the first common one are allowed, no other difference is. When
// a scenario changes, both captures are to be made again
// (lab/captures.sh, then LAB_ARCH=s390x lab/captures.sh).
func TestBigEndianLabAgreesWithLittleEndian(t *testing.T) {
	bes, err := filepath.Glob("../../testdata/pcaps/lab-be-*.pcap")
	if err != nil {
		t.Fatal(err)
	}
	if len(bes) == 0 {
		t.Skip("no big-endian lab captures")
	}
	for _, be := range bes {
		le := filepath.Join(filepath.Dir(be), "lab-"+strings.TrimPrefix(filepath.Base(be), "lab-be-"))
		if _, err := os.Stat(le); err != nil {
			continue // a scenario recorded on s390x only
		}
		t.Run(filepath.Base(be), func(t *testing.T) {
			a, b := labRequests(t, le, "little"), labRequests(t, be, "big")
			if len(a) == 0 || len(b) == 0 {
				t.Fatalf("%d little-endian and %d big-endian requests", len(a), len(b))
			}
			// Skip what only one side has at the start, then require the
			// rest to be the same sequence.
			i, j := firstCommon(a, b)
			if i < 0 {
				t.Fatalf("no request in common between %s and %s", le, be)
			}
			a, b = a[i:], b[j:]
			n := min(len(a), len(b))
			for k := 0; k < n; k++ {
				if a[k] != b[k] {
					t.Fatalf("request %d after the first common one differs (-little +big; a scenario"+
						" changed since one of the two was made?):\n%s", k, cmp.Diff(indent(a[k]), indent(b[k])))
				}
			}
			if len(a) != len(b) {
				t.Errorf("%d little-endian and %d big-endian requests after the first common one", len(a), len(b))
			}
			t.Logf("%d requests agree (%d and %d skipped at the start)", n, i, j)
		})
	}
}

// labRequests decodes a capture with nldump --format json and returns its
// rtnetlink requests, normalised, one JSON text each. Every message must
// be in the byte order given.
func labRequests(t *testing.T, file, order string) []string {
	t.Helper()
	out, errs, status := runDump(t, nil, "--format", "json", file)
	if status != 0 {
		t.Fatalf("%s: exit %d: %.300s", file, status, errs)
	}
	var reqs []string
	for _, o := range jsonLines(t, out) {
		// nldump leaves byte_order out for little-endian messages.
		if got, _ := o["byte_order"].(string); got != order && (got != "" || order != "little") {
			t.Fatalf("%s: message not %s-endian: %v", file, order, o)
		}
		if o["family"] != "route" || !hasFlag(o, "NLM_F_REQUEST") {
			continue
		}
		for _, k := range []string{"frame", "time", "msg", "offset", "byte_order", "seq", "pid"} {
			delete(o, k)
		}
		if h, ok := o["header"].(map[string]any); ok {
			for k := range h {
				if strings.HasSuffix(k, "index") {
					h[k] = "N"
				}
			}
			if v, ok := h["tcm_info"].(float64); ok && strings.HasSuffix(o["type"].(string), "TFILTER") {
				info := uint32(v)
				proto := uint16(info)
				if order == "little" {
					proto = bits.ReverseBytes16(proto)
				}
				h["tcm_info"] = map[string]any{"prio": info >> 16, "protocol": proto}
			}
		}
		s, err := json.Marshal(o)
		if err != nil {
			t.Fatal(err)
		}
		reqs = append(reqs, string(s))
	}
	return reqs
}

func hasFlag(o map[string]any, flag string) bool {
	flags, _ := o["flags"].([]any)
	for _, f := range flags {
		if f == flag {
			return true
		}
	}
	return false
}

// maxSkipped is how many requests at the start of a capture may be
// missing from the other one.
const maxSkipped = 10

// firstCommon returns how many requests to skip at the start of a and of
// b (at most maxSkipped each) so that the longest run of equal requests
// follows, or -1, -1 when no request is common there.
func firstCommon(a, b []string) (int, int) {
	bi, bj, best := -1, -1, 0
	for i := 0; i <= maxSkipped && i < len(a); i++ {
		for j := 0; j <= maxSkipped && j < len(b); j++ {
			n := 0
			for i+n < len(a) && j+n < len(b) && a[i+n] == b[j+n] {
				n++
			}
			if n > best {
				bi, bj, best = i, j, n
			}
		}
	}
	return bi, bj
}

func indent(s string) string {
	var v any
	if json.Unmarshal([]byte(s), &v) != nil {
		return s
	}
	b, _ := json.MarshalIndent(v, "", "  ")
	return string(b)
}
