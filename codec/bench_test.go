package codec_test

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/nlbatch/nlbatch/capture"
	"github.com/nlbatch/nlbatch/codec"
)

type benchFrame struct {
	proto int
	data  []byte
}

// benchFrames loads every frame of the bundled captures: real kernel
// traffic of every family, from small acks to 1.5 KB link messages.
func benchFrames(b *testing.B) (frames []benchFrame, msgs, size int) {
	b.Helper()
	files, _ := filepath.Glob("../testdata/pcaps/*.pcap")
	if len(files) == 0 {
		b.Skip("no captures in testdata/pcaps")
	}
	for _, name := range files {
		f, err := os.Open(name)
		if err != nil {
			b.Fatal(err)
		}
		r, err := capture.NewReader(f, capture.Options{})
		if err != nil {
			b.Fatal(err)
		}
		for {
			fr, err := r.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			frames = append(frames, benchFrame{fr.Protocol, bytes.Clone(fr.Data)})
			size += len(fr.Data)
		}
		f.Close()
	}
	d := codec.NewDecoder()
	for _, fr := range frames {
		_ = d.DecodeFrame(fr.proto, fr.data, func(*codec.Msg) error { msgs++; return nil })
	}
	return frames, msgs, size
}

// BenchmarkDecode measures decoding alone and decoding with each printer.
// It reports messages per second and allocations per message; a warm
// decoder allocates nothing per message.
func BenchmarkDecode(b *testing.B) {
	frames, msgs, size := benchFrames(b)
	printers := []struct {
		name  string
		print func([]byte, *codec.Msg) []byte
	}{
		{"decode", nil},
		{"summary", codec.AppendSummary},
		{"tree", func(out []byte, m *codec.Msg) []byte { return codec.AppendTree(out, m, "") }},
		{"json", func(out []byte, m *codec.Msg) []byte { return codec.AppendJSON(out, m, codec.JSONContext{Frame: 1}) }},
		{"hex", codec.AppendHex},
	}
	for _, p := range printers {
		b.Run(p.name, func(b *testing.B) {
			d := codec.NewDecoder()
			var out []byte
			fn := func(m *codec.Msg) error {
				if p.print != nil {
					out = p.print(out[:0], m)
				}
				return nil
			}
			// Warm up the arena and output buffer.
			for _, fr := range frames {
				_ = d.DecodeFrame(fr.proto, fr.data, fn)
			}
			b.SetBytes(int64(size))
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				for _, fr := range frames {
					_ = d.DecodeFrame(fr.proto, fr.data, fn)
				}
			}
			b.StopTimer()
			total := float64(msgs) * float64(b.N)
			b.ReportMetric(total/b.Elapsed().Seconds(), "msgs/s")
			allocs := testing.AllocsPerRun(1, func() {
				for _, fr := range frames {
					_ = d.DecodeFrame(fr.proto, fr.data, fn)
				}
			})
			b.ReportMetric(allocs/float64(msgs), "allocs/msg")
		})
	}
}

// TestDecodeDoesNotAllocatePerMessage holds the hot path to its promise.
func TestDecodeDoesNotAllocatePerMessage(t *testing.T) {
	files, _ := filepath.Glob("../testdata/pcaps/route.pcap")
	if len(files) == 0 {
		t.Skip("no capture")
	}
	data, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	r, err := capture.NewReader(bytes.NewReader(data), capture.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var frames []benchFrame
	for {
		fr, err := r.Next()
		if err != nil {
			break
		}
		frames = append(frames, benchFrame{fr.Protocol, bytes.Clone(fr.Data)})
	}
	d := codec.NewDecoder()
	var out []byte
	msgs := 0
	run := func() {
		for _, fr := range frames {
			_ = d.DecodeFrame(fr.proto, fr.data, func(m *codec.Msg) error {
				msgs++
				out = codec.AppendSummary(out[:0], m)
				out = codec.AppendJSON(out[:0], m, codec.JSONContext{})
				return nil
			})
		}
	}
	run()
	perRun := msgs
	allocs := testing.AllocsPerRun(3, run)
	if perMsg := allocs / float64(perRun); perMsg > 0.05 {
		t.Fatalf("%.2f allocations per message decoded and printed, want none", perMsg)
	}
}
