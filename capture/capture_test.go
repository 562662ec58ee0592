package capture

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"testing"
	"testing/iotest"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestDetect(t *testing.T) {
	le, be := binary.LittleEndian, binary.BigEndian
	rtmon, err := os.ReadFile("testdata/unshare-lo.rtmon")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		in   []byte
		want Format
		err  string
	}{
		{"pcap micro little-endian", pcapHeader(le, false, 1, 253), FormatPcap, ""},
		{"pcap nano big-endian", pcapHeader(be, true, 1, 253), FormatPcap, ""},
		{"pcapng", cat(mkSHB(be)), FormatPcapng, ""},
		{"rtmon", rtmon, FormatRtmon, ""},
		{"rtmon gzip", gzipped(rtmon), FormatRtmon, ""},
		{"raw", m48le(), FormatRaw, ""},
		{"raw big-endian", nlmsg(be, 2, 0, 0, nil), FormatRaw, ""},
		{"raw, shorter than a header", []byte{1, 2}, FormatRaw, ""},
		{"empty", nil, FormatRaw, ""},
		{"hex", []byte("30 00 00 00"), FormatHex, ""},
		{"hex with UTF-8 comment", []byte("# café\n30 00\n"), FormatHex, ""},
		{"hex gzip", gzipped([]byte("30 00 00 00\n")), FormatHex, ""},
		{"jpeg", []byte{0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 'J', 'F', 'I', 'F'}, "", "capture: unrecognised input format (first bytes ff d8 ff e0 00 10 4a 46 49 46)"},
		{"broken gzip", []byte{0x1f, 0x8b, 1}, "", "capture: gzip: unexpected EOF"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := NewReader(bytes.NewReader(tc.in), Options{})
			if tc.err != "" {
				if err == nil || err.Error() != tc.err {
					t.Fatalf("NewReader: %v, want %s", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if r.Format() != tc.want {
				t.Errorf("format %s, want %s", r.Format(), tc.want)
			}
		})
	}
	if _, err := NewReader(bytes.NewReader([]byte{0xff, 0xd8, 0xff, 0xe0}), Options{}); !errors.Is(err, ErrUnknownFormat) {
		t.Errorf("not ErrUnknownFormat: %v", err)
	}
}

func TestFrameError(t *testing.T) {
	err := error(&FrameError{Frame: 12, Offset: 4096, Err: fmt.Errorf("x: %w", io.ErrUnexpectedEOF)})
	if got := err.Error(); got != "frame 12 at byte 4096: x: unexpected EOF" {
		t.Errorf("Error() = %q", got)
	}
	if !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Error("does not unwrap")
	}
	se := &SyntaxError{Line: 3, Col: 17, Msg: "bad"}
	if got := (&FrameError{Frame: 1, Err: se}).Error(); got != "frame 1 at byte 0: line 3 col 17: bad" {
		t.Errorf("Error() = %q", got)
	}
}

// corpus returns a small valid file of each format.
func corpus(t *testing.T) map[string][]byte {
	t.Helper()
	ss := samples()
	files := map[string][]byte{
		"pcap":          writeWithPcapWriter(t, ss),
		"pcap big nano": writeByHand(binary.BigEndian, true, ss),
		"pcapng":        writeWithNgWriter(t, ss),
		"pcapng hand":   writeNgByHand(binary.BigEndian, ss),
		"raw":           cat(pad(nlmsg(binary.LittleEndian, 20, 0, 1, []byte{1})), m48le(), getlink(binary.LittleEndian, 5)),
	}
	for _, name := range []string{"unshare-lo.rtmon", "newaddr-routes.hexdump", "newaddr-routes.xxd", "strace-ip-link.txt"} {
		b, err := os.ReadFile("testdata/" + name)
		if err != nil {
			t.Fatal(err)
		}
		if len(b) > 2000 {
			b = b[:2000] // keep the prefix loop quick
			if name == "unshare-lo.rtmon" {
				b = b[:1516] // whole messages
			}
		}
		files[name] = b
	}
	return files
}

// Every prefix of every sample: no panic, a bounded number of calls, the
// frames fully contained in the prefix come back as they do from the
// whole file, and anything else is an error naming a place in the input.
func TestTruncatedPrefixes(t *testing.T) {
	for name, file := range corpus(t) {
		t.Run(name, func(t *testing.T) {
			full, r := readAll(t, file, Options{})
			if r == nil || full.Errs != nil || full.Final != "" || len(full.Frames) == 0 {
				t.Fatalf("whole file: %+v", full)
			}
			hex := r.Format() == FormatHex
			for _, gz := range []bool{false, true} {
				for n := 0; n < len(file); n++ {
					in := file[:n]
					if gz {
						in = gzipped(in)
					}
					got, _ := readAll(t, in, Options{})
					for i, f := range got.Frames {
						if f.Offset+int64(len(f.Data)) > int64(n) {
							t.Fatalf("prefix %d: frame %d runs past the input", n, f.Num)
						}
						if hex && i == len(got.Frames)-1 {
							break // a cut line of text may mean other bytes
						}
						if i >= len(full.Frames) || f.Num != full.Frames[i].Num || f.Offset != full.Frames[i].Offset || !bytes.Equal(full.Frames[i].Data, f.Data) {
							t.Fatalf("prefix %d: frame %d at %d is not the whole file's", n, f.Num, f.Offset)
						}
					}
					for _, e := range got.Errs {
						var off int64
						var fr int
						if _, err := fmt.Sscanf(e, "frame %d at byte %d:", &fr, &off); err != nil || off > int64(n) {
							t.Fatalf("prefix %d: error %q names no place in the input", n, e)
						}
					}
				}
			}
		})
	}
}

// A reader that hands out one byte per Read, or fails mid-way, as pipes
// and broken media do.
func TestSlowAndFailingReaders(t *testing.T) {
	for name, file := range corpus(t) {
		t.Run(name, func(t *testing.T) {
			want, _ := readAll(t, file, Options{})
			r, err := NewReader(iotest.OneByteReader(bytes.NewReader(file)), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, drain(t, r, len(file)), timeZero); diff != "" {
				t.Errorf("one byte per read (-want +got):\n%s", diff)
			}
			boom := errors.New("boom")
			r, err = NewReader(io.MultiReader(bytes.NewReader(file[:len(file)*2/3]), iotest.ErrReader(boom)), Options{})
			if err != nil {
				return // the header did not make it
			}
			got := drain(t, r, len(file))
			if len(got.Errs) == 0 || !strings.Contains(got.Errs[len(got.Errs)-1], "boom") {
				t.Errorf("failing reader: %+v", got)
			}
		})
	}
}

// Lengths in the input never allocate beyond what the input holds.
func TestHostileLengths(t *testing.T) {
	le := binary.LittleEndian
	tests := []struct {
		name string
		in   []byte
	}{
		{"pcap: 4 GiB snaplen, 1 GiB record", cat(pcapHeader(le, false, 0xffffffff, 253), []byte{1, 0, 0, 0, 0, 0, 0, 0, 0xf0, 0xff, 0xff, 0x3f, 0xf0, 0xff, 0xff, 0x3f}, make([]byte, 100))},
		{"pcapng: 1 GiB block", cat(mkSHB(le), mkIDB(le, 253, 0xffffffff), []byte{6, 0, 0, 0, 0, 0, 0, 0x40}, make([]byte, 100))},
		{"raw: 1 GiB message", cat([]byte{0xf0, 0xff, 0xff, 0x3f, 16, 0}, make([]byte, 100))},
		{"rtmon: 1 GiB message", cat(nlmsg(le, 15, 0, 0, make([]byte, 8)), []byte{0xf0, 0xff, 0xff, 0x3f, 16, 0}, make([]byte, 100))},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var m0, m1 runtime.MemStats
			runtime.ReadMemStats(&m0)
			got, _ := readAll(t, tc.in, Options{})
			runtime.ReadMemStats(&m1)
			if len(got.Errs) != 1 || !strings.Contains(got.Errs[0], "unexpected EOF") {
				t.Errorf("got %+v, want one truncation error", got)
			}
			if a := m1.TotalAlloc - m0.TotalAlloc; a > 1<<20 {
				t.Errorf("allocated %d bytes for %d bytes of input", a, len(tc.in))
			}
		})
	}
}

// Frame.Data is reused: the Reader does not allocate per frame.
func TestBufferReuse(t *testing.T) {
	ss := make([]sample, 1000)
	for i := range ss {
		ss[i] = sample{time.Unix(int64(i), 0), 0, getlink(binary.LittleEndian, uint32(i))}
	}
	file := writeWithPcapWriter(t, ss)
	r, err := NewReader(bytes.NewReader(file), Options{})
	if err != nil {
		t.Fatal(err)
	}
	var m0, m1 runtime.MemStats
	runtime.ReadMemStats(&m0)
	n := 0
	for {
		_, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		n++
	}
	runtime.ReadMemStats(&m1)
	if n != len(ss) {
		t.Fatalf("%d frames", n)
	}
	if a := m1.Mallocs - m0.Mallocs; a > 50 {
		t.Errorf("%d allocations for %d pcap records", a, n)
	}
}
