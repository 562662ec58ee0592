package batch

import (
	"bytes"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nlbatch/nlbatch/capture"
	"github.com/nlbatch/nlbatch/codec"
	"github.com/nlbatch/nlbatch/internal/testcaps"
)

// TestJSONRoundTripOnCaptures prints every request of the bundled
// captures as nldump's JSON, reads it back as a request and encodes it:
// the bytes must be iproute2's own. So `nldump --format json` output is a
// faithful compiler input.
func TestJSONRoundTripOnCaptures(t *testing.T) {
	files := testcaps.Files(t, "../testdata/pcaps")
	n, exact := 0, 0
	for _, file := range files {
		testcaps.EachMessage(t, file, func(fr *capture.Frame, m *codec.Msg) {
			if m.Def == nil || m.Protocol != codec.ProtoRoute || m.Header.Flags&codec.FlagRequest == 0 {
				return
			}
			js := codec.AppendJSON(nil, m, codec.JSONContext{})
			dec := json.NewDecoder(bytes.NewReader(js))
			dec.UseNumber()
			var obj map[string]any
			if err := dec.Decode(&obj); err != nil {
				t.Fatal(err)
			}
			req, err := requestFromJSON(obj)
			if err != nil {
				t.Errorf("%s frame %d: %v\n%s", filepath.Base(file), fr.Num, err, js)
				return
			}
			req.Seq, req.PID = m.Header.Seq, m.Header.PID
			b := codec.NewBuilder(m.Big)
			if err := b.Request(req); err != nil {
				if strings.Contains(string(js), `"trailing"`) {
					return // bytes that are no attribute cannot be written as one
				}
				t.Errorf("%s frame %d: %v\n%s", filepath.Base(file), fr.Num, err, js)
				return
			}
			n++
			want := append(bytes.Clone(m.Raw), make([]byte, codec.Align(len(m.Raw))-len(m.Raw))...)
			got := b.Bytes()
			if bytes.Equal(got, want) {
				exact++
				return
			}
			// JSON does not say whether a string carried its NUL
			// (iproute2 sends some without); the compiler always
			// writes it. Anything else must decode the same.
			m2, err := codec.Decode(codec.ProtoRoute, m.Order(), got)
			if err != nil {
				t.Fatal(err)
			}
			if diff := sameTree(m.Nodes, m2.Nodes); diff != "" {
				t.Errorf("%s frame %d: %s: %s\n%s", filepath.Base(file), fr.Num, m.Name, diff, js)
			}
		})
	}
	if n < 300 {
		t.Fatalf("only %d requests round-tripped", n)
	}
	t.Logf("%d requests round-tripped through JSON, %d byte for byte", n, exact)
	if exact < n*9/10 {
		t.Errorf("only %d of %d requests came back byte for byte", exact, n)
	}
}

// sameTree compares two decoded messages node by node: kinds, numbers,
// names and bytes must match, except that strings compare by text (with
// or without their NUL).
func sameTree(a, b []codec.Node) string {
	if len(a) != len(b) {
		return fmt.Sprintf("%d nodes, rebuilt has %d", len(a), len(b))
	}
	for i := range a {
		x, y := &a[i], &b[i]
		if x.Kind != y.Kind || x.Num != y.Num || x.Name != y.Name || x.Type != y.Type {
			return fmt.Sprintf("node %q (%d) became %q (%d)", x.Name, x.Num, y.Name, y.Num)
		}
		if x.Name == "nlmsghdr" {
			continue
		}
		if x.Children == nil && y.Children == nil {
			if x.Type == codec.String {
				if x.Text() != y.Text() {
					return fmt.Sprintf("%s: %q became %q", x.Name, x.Text(), y.Text())
				}
			} else if !bytes.Equal(x.Data, y.Data) {
				return fmt.Sprintf("%s: %x became %x", x.Name, x.Data, y.Data)
			}
		}
		if d := sameTree(x.Children, y.Children); d != "" {
			return x.Name + "/" + d
		}
	}
	return ""
}
