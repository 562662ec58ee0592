package fuzz

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nlbatch/nlbatch/internal/dump"
)

var nldumpModes = [][]string{
	{"--format", "text"},
	{"-v"},
	{"--format", "json"},
	{"--format", "hex"},
	{"--stats"},
	{"--format", "json", "--input", "raw"},
	{"--format", "json", "--input", "hex"},
	{"--format", "json", "--protocol", "generic", "--input", "raw"},
}

// FuzzNldump runs the whole nldump pipeline (format detection, capture
// framing, decoding, printing) on arbitrary input in each output mode.
// Invariants: it returns an exit status of 0, 1 or 2; JSON output is one
// valid object per line; every problem reported on stderr names where it
// is; output stays proportional to the input.
func FuzzNldump(f *testing.F) {
	files, _ := filepath.Glob("../testdata/pcaps/*.pcap")
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		// Whole small captures, and the head of larger ones.
		if len(data) > 4096 {
			data = data[:4096]
		}
		f.Add(data, uint8(0))
	}
	f.Add([]byte("# hex\n10 00 00 00 03 00 02 00 01 00 00 00 00 00 00 00\n"), uint8(6))
	f.Fuzz(func(t *testing.T, data []byte, mode uint8) {
		args := nldumpModes[int(mode)%len(nldumpModes)]
		var out, errb bytes.Buffer
		status := dump.Main(args, bytes.NewReader(data), &out, &errb)
		if status < 0 || status > 2 {
			t.Fatalf("exit status %d", status)
		}
		if limit := 64*len(data) + 1<<16; out.Len() > limit {
			t.Fatalf("%d bytes of output for %d bytes of input", out.Len(), len(data))
		}
		if args[len(args)-1] == "json" || (len(args) > 1 && args[1] == "json") {
			for i, line := range strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n") {
				if line != "" && !json.Valid([]byte(line)) {
					t.Fatalf("line %d is not JSON: %s", i+1, line)
				}
			}
		}
		for _, line := range strings.Split(strings.TrimSuffix(errb.String(), "\n"), "\n") {
			if line == "" {
				continue
			}
			if !strings.HasPrefix(line, "nldump: ") {
				t.Fatalf("stderr line without the program name: %q", line)
			}
			if status == 1 && !strings.Contains(line, "frame") && !strings.Contains(line, "byte") && !strings.Contains(line, "line") {
				t.Fatalf("malformed input reported without a place: %q", line)
			}
		}
	})
}
