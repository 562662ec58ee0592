// Package testcaps gives tests the bundled real captures: their frames,
// and every message decoded, so that each test states what it checks
// rather than how it reads pcaps.
package testcaps

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/nlbatch/nlbatch/capture"
	"github.com/nlbatch/nlbatch/codec"
)

// Files returns the captures under dir (testdata/pcaps, relative to the
// test), including those of the kernel lab in subdirectories. It skips
// the test when there are none.
func Files(t testing.TB, dir string) []string {
	t.Helper()
	var files []string
	for _, pattern := range []string{"*.pcap*", "*/*.pcap*"} {
		m, err := filepath.Glob(filepath.Join(dir, pattern))
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	if len(files) == 0 {
		t.Skipf("no captures in %s", dir)
	}
	return files
}

// Frames reads every frame of a capture; the frames own their data.
func Frames(t testing.TB, file string) []capture.Frame {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r, err := capture.NewReader(f, capture.Options{})
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	var out []capture.Frame
	for {
		fr, err := r.Next()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		c := *fr
		c.Data = bytes.Clone(fr.Data)
		out = append(out, c)
	}
}

// EachMessage decodes every frame of file with one decoder (so generic
// netlink families and link names are learned in order) and calls fn for
// every message; the message is valid only during the call. A frame that
// does not decode fails the test.
func EachMessage(t testing.TB, file string, fn func(fr *capture.Frame, m *codec.Msg)) {
	t.Helper()
	d := codec.NewDecoder()
	frames := Frames(t, file)
	for i := range frames {
		fr := &frames[i]
		if err := d.DecodeFrame(fr.Protocol, fr.Data, func(m *codec.Msg) error {
			fn(fr, m)
			return nil
		}); err != nil {
			t.Errorf("%s frame %d: %v", filepath.Base(file), fr.Num, err)
		}
	}
}
