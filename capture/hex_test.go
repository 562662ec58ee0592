package capture

import (
	"bytes"
	"encoding/binary"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestHexDumps(t *testing.T) {
	raw, err := os.ReadFile("testdata/newaddr-routes.raw")
	if err != nil {
		t.Fatal(err)
	}
	// Made by hexdump -C, xxd and xxd -p from the raw file.
	// Made by hexdump -C, xxd and xxd -p from the raw file; the first
	// byte's text is at the given offset.
	for name, first := range map[string]int{"newaddr-routes.hexdump": 10, "newaddr-routes.xxd": 10, "newaddr-routes.xxdp": 0} {
		t.Run(name, func(t *testing.T) {
			in, err := os.ReadFile("testdata/" + name)
			if err != nil {
				t.Fatal(err)
			}
			got, r := readAll(t, in, Options{})
			if r == nil || r.Format() != FormatHex {
				t.Fatalf("not hex: %v", got.Final)
			}
			want := result{Frames: []Frame{{Num: 1, Data: raw, Offset: int64(first), WireLen: len(raw)}}}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestHexStrace(t *testing.T) {
	in, err := os.ReadFile("testdata/strace-ip-link.txt")
	if err != nil {
		t.Fatal(err)
	}
	got, r := readAll(t, in, Options{})
	if r == nil || r.Format() != FormatHex || got.Errs != nil || got.Final != "" {
		t.Fatalf("read: %+v", got)
	}
	// strace decoded the three sendto/sendmsg buffers as nlmsg_len=32, 48
	// and 48: one frame each, whose first message fills it.
	var lens []int
	for _, f := range got.Frames {
		lens = append(lens, len(f.Data))
		if n := binary.LittleEndian.Uint32(f.Data); int(n) != len(f.Data) {
			t.Errorf("frame %d: nlmsg_len %d in %d bytes", f.Num, n, len(f.Data))
		}
	}
	if diff := cmp.Diff([]int{32, 48, 48}, lens); diff != "" {
		t.Errorf("frame lengths (-want +got):\n%s", diff)
	}
	// ip link show sent "lo" as IFLA_IFNAME.
	if !bytes.Contains(got.Frames[2].Data, []byte{7, 0, 3, 0, 'l', 'o', 0}) {
		t.Errorf("frame 3 lacks IFLA_IFNAME lo: % x", got.Frames[2].Data)
	}
}

func hexFrame(num int, off int64, data ...byte) Frame {
	return Frame{Num: num, Data: data, Offset: off, WireLen: len(data)}
}

func TestHexText(t *testing.T) {
	tests := []struct {
		name, in string
		want     result
	}{
		{"plain, one line", "30000000", result{Frames: []Frame{hexFrame(1, 0, 0x30, 0, 0, 0)}}},
		{"paragraphs, comments, CRLF, --", "# a comment\r\n30 00 # len\r\n0a0b\r\n\r\n\r\n01 02\n--\n0x03, 0x04,0X05\n", result{Frames: []Frame{
			hexFrame(1, 13, 0x30, 0, 0x0a, 0x0b),
			hexFrame(2, 36, 1, 2),
			hexFrame(3, 45, 3, 4, 5),
		}}},
		{"colon offsets", "0000: 30 00 00 00\n0004: 10 00\n", result{Frames: []Frame{hexFrame(1, 6, 0x30, 0, 0, 0, 0x10, 0)}}},
		{"Wireshark hex dump", "0000   30 00 00 00 10 00   0.....\n0006   05 06               ..\n", result{Frames: []Frame{hexFrame(1, 7, 0x30, 0, 0, 0, 0x10, 0, 5, 6)}}},
		{"hexdump -C with end offset, two dumps", "00000000  41 42  |AB|\n00000002\n\n00000000  43 0a  |C.|\n00000002\n", result{Frames: []Frame{
			hexFrame(1, 10, 'A', 'B'),
			hexFrame(2, 42, 'C', '\n'),
		}}},
		{"xxd with ASCII of hex letters", "00000000: 6162 6364 28  abcd(\n", result{Frames: []Frame{hexFrame(1, 10, 'a', 'b', 'c', 'd', '(')}}},
		{"ASCII column that starts with a space byte", "00000000  20 30  | 0|\n", result{Frames: []Frame{hexFrame(1, 10, ' ', '0')}}},
		{"strace, two iovecs make one frame", "sendmsg(3, {...}, 0) = 6\n * 4 bytes in buffer 0\n | 00000  30 00 00 00                                       0...             |\n * 2 bytes in buffer 1\n | 00000  10 00                                             ..               |\n+++ exited with 0 +++\n", result{Frames: []Frame{
			hexFrame(1, 58, 0x30, 0, 0, 0, 0x10, 0),
		}}},
		{"bad digit, then the next paragraph", "30 00\n30 0g 00\n11\n\n22\n", result{
			Errs:   []string{"frame 1 at byte 10: line 2 col 5: 'g' is not a hex digit"},
			Frames: []Frame{hexFrame(2, 19, 0x22)},
		}},
		{"odd digits", "300\n", result{Errs: []string{"frame 1 at byte 0: line 1 col 1: odd number of hex digits in \"300\""}}},
		{"missing line", "00000000  30 00 00 00 00 00 00 00  00 00 00 00 00 00 00 00\n00000020  30 00\n", result{Errs: []string{
			"frame 1 at byte 59: line 2 col 1: offset 0x20 does not follow the line before (expected 0x10): is a line missing?",
		}}},
		{"offset column missing on a later line", "0000: 30 00\n10 00\n", result{Errs: []string{
			"frame 1 at byte 12: line 2 col 1: line has no offset column, unlike the lines before it",
		}}},
		{"text that is not hex", "hello world\n", result{Errs: []string{"frame 1 at byte 0: line 1 col 1: 'h' is not a hex digit"}}},
		{"only comments", "# nothing\n\n", result{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, r := readAll(t, []byte(tc.in), Options{})
			if r == nil || r.Format() != FormatHex {
				t.Fatalf("not hex: %v", got.Final)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestHexSqueezed(t *testing.T) {
	in, err := os.ReadFile("testdata/newlink-squeezed.hexdump")
	if err != nil {
		t.Fatal(err)
	}
	r, err := NewReader(bytes.NewReader(in), Options{})
	if err != nil {
		t.Fatal(err)
	}
	_, err = r.Next()
	var se *SyntaxError
	if !errors.As(err, &se) || se.Line != 20 || se.Col != 1 || !strings.Contains(se.Msg, "hexdump -v") {
		t.Errorf("Next: %v, want a syntax error at line 20 col 1 about hexdump -v", err)
	}
}

func TestHexLongLine(t *testing.T) {
	in := append(bytes.Repeat([]byte("00"), maxHexLine), "\n\n30 00\n"...)
	got, _ := readAll(t, in, Options{})
	want := result{
		Errs:   []string{"frame 1 at byte 0: line 1 col 1: line longer than 1 MiB"},
		Frames: []Frame{hexFrame(2, int64(2*maxHexLine+2), 0x30, 0)},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestHexPlainWithDoubleSpaces(t *testing.T) {
	got, _ := readAll(t, []byte("3000  0000\n1000  0506\n"), Options{})
	want := result{Frames: []Frame{hexFrame(1, 0, 0x30, 0, 0, 0, 0x10, 0, 5, 6)}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// Text built to make a naive ASCII-column search quadratic: a long line
// of bytes whose rendering matches the hex that follows them.
func TestHexHostileLine(t *testing.T) {
	line := strings.Repeat("34 31 20 20 ", 60000) + strings.Repeat(" 41  ", 50000) + "\n"
	start := time.Now()
	got, _ := readAll(t, []byte(line), Options{})
	if len(got.Frames) != 1 || len(got.Frames[0].Data) != 290000 {
		t.Errorf("got %d frames, errors %v", len(got.Frames), got.Errs)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("took %v", d)
	}
}
