package batch

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"testing"

	"github.com/nlbatch/nlbatch/capture"
	"github.com/nlbatch/nlbatch/codec"
	"github.com/nlbatch/nlbatch/internal/testcaps"
)

// TestFastReaderMatchesEncodingJSON reads every capture request's JSON
// with the fast reader and with encoding/json: both must encode to the
// same bytes, and the fast reader must handle all of them itself.
func TestFastReaderMatchesEncodingJSON(t *testing.T) {
	files := testcaps.Files(t, "../testdata/pcaps")
	var fr fastReader
	n, slow := 0, 0
	for _, file := range files {
		testcaps.EachMessage(t, file, func(frame *capture.Frame, m *codec.Msg) {
			if m.Def == nil || m.Protocol != codec.ProtoRoute || m.Header.Flags&codec.FlagRequest == 0 {
				return
			}
			js := codec.AppendJSON(nil, m, codec.JSONContext{Frame: frame.Num})
			dec := json.NewDecoder(bytes.NewReader(js))
			dec.UseNumber()
			var obj map[string]any
			if err := dec.Decode(&obj); err != nil {
				t.Fatal(err)
			}
			want, err := requestFromJSON(obj)
			if err != nil {
				return // not expressible as a request (trailing bytes)
			}
			fr.data, fr.pos = js, 0
			got, err := fr.request()
			if err != nil {
				slow++
				return
			}
			n++
			a, b := codec.NewBuilder(m.Big), codec.NewBuilder(m.Big)
			errA, errB := a.Request(want), b.Request(got)
			if (errA == nil) != (errB == nil) || !bytes.Equal(a.Bytes(), b.Bytes()) {
				t.Errorf("%s frame %d: fast %v %x\nslow %v %x\n%s", filepath.Base(file), frame.Num, errB, b.Bytes(), errA, a.Bytes(), js)
			}
		})
	}
	if slow > n/100 {
		t.Errorf("the fast reader gave up on %d of %d requests", slow, n+slow)
	}
	t.Logf("%d requests read by the fast reader, %d left to encoding/json", n, slow)
}
