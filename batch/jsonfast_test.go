package batch

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/nlbatch/nlbatch/capture"
	"github.com/nlbatch/nlbatch/codec"
)

// TestFastReaderMatchesEncodingJSON reads every capture request's JSON
// with the fast reader and with encoding/json: both must encode to the
// same bytes, and the fast reader must handle all of them itself.
func TestFastReaderMatchesEncodingJSON(t *testing.T) {
	files, _ := filepath.Glob("../testdata/pcaps/*.pcap")
	if len(files) == 0 {
		t.Skip("no captures")
	}
	var fr fastReader
	n, slow := 0, 0
	for _, file := range files {
		f, err := os.Open(file)
		if err != nil {
			t.Fatal(err)
		}
		r, err := capture.NewReader(f, capture.Options{})
		if err != nil {
			t.Fatal(err)
		}
		d := codec.NewDecoder()
		for {
			frame, err := r.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
			_ = d.DecodeFrame(frame.Protocol, frame.Data, func(m *codec.Msg) error {
				if m.Def == nil || m.Protocol != codec.ProtoRoute || m.Header.Flags&codec.FlagRequest == 0 {
					return nil
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
					return nil // not expressible as a request (trailing bytes)
				}
				fr.data, fr.pos = js, 0
				got, err := fr.request()
				if err != nil {
					slow++
					return nil
				}
				n++
				a, b := codec.NewBuilder(m.Big), codec.NewBuilder(m.Big)
				errA, errB := a.Request(want), b.Request(got)
				if (errA == nil) != (errB == nil) || !bytes.Equal(a.Bytes(), b.Bytes()) {
					t.Errorf("%s frame %d: fast %v %x\nslow %v %x\n%s", filepath.Base(file), frame.Num, errB, b.Bytes(), errA, a.Bytes(), js)
				}
				return nil
			})
		}
		f.Close()
	}
	if slow > n/100 {
		t.Errorf("the fast reader gave up on %d of %d requests", slow, n+slow)
	}
	t.Logf("%d requests read by the fast reader, %d left to encoding/json", n, slow)
}
