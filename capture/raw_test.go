package capture

import (
	"bytes"
	"encoding/binary"
	"io"
	"os"
	"runtime"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// splitLE splits concatenated little-endian messages, for reference.
func splitLE(b []byte) [][]byte {
	var out [][]byte
	for len(b) >= 16 {
		n := int(binary.LittleEndian.Uint32(b))
		out = append(out, b[:n])
		b = b[min(len(b), (n+3)&^3):]
	}
	return out
}

func rawFrames(msgs [][]byte, proto int) []Frame {
	var out []Frame
	off := 0
	for i, m := range msgs {
		out = append(out, Frame{Num: i + 1, Protocol: proto, Data: m, Offset: int64(off), WireLen: len(m)})
		off += (len(m) + 3) &^ 3
	}
	return out
}

func pad(m []byte) []byte { return append(m, make([]byte, (4-len(m)%4)%4)...) }

func TestRaw(t *testing.T) {
	le, be := binary.LittleEndian, binary.BigEndian
	real, err := os.ReadFile("testdata/rtmon-messages.raw")
	if err != nil {
		t.Fatal(err)
	}
	// Lengths as a separate script counted them (see testdata/README.md).
	var lens []int
	for _, m := range splitLE(real) {
		lens = append(lens, len(m))
	}
	if diff := cmp.Diff([]int{1468, 1468, 76, 60, 60, 60, 80, 116, 740, 76, 60, 60, 60, 60}, lens); diff != "" {
		t.Fatalf("testdata lengths (-want +got):\n%s", diff)
	}
	odd := nlmsg(le, 20, 0, 1, []byte{1})           // 17 bytes, 3 of padding
	big := nlmsg(le, 16, 0, 2, make([]byte, 65520)) // 65536 = 00 00 01 00: big-endian 256
	m256 := nlmsg(le, 16, 0, 3, make([]byte, 240))  // 256 = 00 01 00 00: big-endian 65536
	m48 := nlmsg(le, 16, 0, 4, make([]byte, 32))
	beMsgs := [][]byte{nlmsg(be, 24, 0x405, 1, make([]byte, 28)), nlmsg(be, 2, 0, 1, make([]byte, 20))}
	tests := []struct {
		name string
		in   []byte
		opts Options
		want result
	}{
		{"real little-endian", real, Options{}, result{Frames: rawFrames(splitLE(real), 0)}},
		{"real, protocol option", real[:1468], Options{Protocol: 16}, result{Frames: rawFrames(splitLE(real[:1468]), 16)}},
		{"big-endian", cat(beMsgs...), Options{}, result{Frames: rawFrames(beMsgs, 0)}},
		{"unaligned length, padding skipped", cat(pad(odd), m48, odd), Options{}, result{Frames: rawFrames([][]byte{odd, m48, odd}, 0)}},
		{"65536 bytes ending at EOF beats 256", big, Options{}, result{Frames: rawFrames([][]byte{big}, 0)}},
		{"256 then more: smaller reading", cat(m256, m48, m48), Options{}, result{Frames: rawFrames([][]byte{m256, m48, m48}, 0)}},
		{"previous order beats smaller", cat(m48, big, m48), Options{}, result{Frames: rawFrames([][]byte{m48, big, m48}, 0)}},
		{"Order option", cat(beMsgs...), Options{Order: be}, result{Frames: rawFrames(beMsgs, 0)}},
		{"wrong Order option", cat(beMsgs...), Options{Order: le}, result{Errs: []string{
			"frame 1 at byte 0: nlmsg_len 738197504 (little-endian) does not fit the 80 bytes left: unexpected EOF",
		}}},
		{"truncated: error, then EOF", cat(m48, m48[:40]), Options{}, result{
			Frames: rawFrames([][]byte{m48}, 0),
			Errs:   []string{"frame 2 at byte 48: nlmsg_len reads 48 little-endian, 805306368 big-endian: neither fits the 40 bytes left: unexpected EOF"},
		}},
		{"length fits neither way", cat(m48, []byte{8, 0, 0, 0}, m48[4:]), Options{}, result{
			Frames: rawFrames([][]byte{m48}, 0),
			Errs:   []string{"frame 2 at byte 48: nlmsg_len reads 8 little-endian, 134217728 big-endian: neither fits the 48 bytes left: unexpected EOF"},
		}},
		{"short tail", cat(m48, []byte{1, 2, 3}), Options{}, result{
			Frames: rawFrames([][]byte{m48}, 0),
			Errs:   []string{"frame 2 at byte 48: truncated message: 3 bytes left, a netlink header needs 16: unexpected EOF"},
		}},
		{"empty", nil, Options{}, result{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, r := readAll(t, tc.in, tc.opts)
			if r == nil || r.Format() != FormatRaw {
				t.Fatalf("not raw: %v", got.Final)
			}
			if diff := cmp.Diff(tc.want, got, timeZero); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestRtmon(t *testing.T) {
	le, be := binary.LittleEndian, binary.BigEndian
	file, err := os.ReadFile("testdata/unshare-lo.rtmon")
	if err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile("testdata/rtmon-messages.raw")
	if err != nil {
		t.Fatal(err)
	}
	// The stamps as `ip monitor file` printed them ("Timestamp: ... us").
	usecs := []int{542362, 844367, 844388, 844389, 844391, 844392, 844394, 844395, 844397, 848675, 848697, 848699, 848722, 850124}
	var want []Frame
	off := 0
	for i, m := range splitLE(raw) {
		off += 24 // the NLMSG_TSTAMP before each message
		want = append(want, Frame{Num: i + 1, Time: time.Unix(1795776434, int64(usecs[i])*1000), Data: m, Offset: int64(off), WireLen: len(m)})
		off += (len(m) + 3) &^ 3
	}
	stamp := func(o order, sec, usec uint32) []byte {
		return nlmsg(o, 15, 0, 0, o.AppendUint32(o.AppendUint32(nil, sec), usec))
	}
	m1, m2 := nlmsg(be, 16, 0, 0, make([]byte, 16)), nlmsg(be, 20, 0, 0, make([]byte, 8))
	tests := []struct {
		name string
		in   []byte
		opts Options
		want result
	}{
		{"rtmon of ip link set lo up and more", file, Options{}, result{Frames: want}},
		{"gzip", gzipped(file), Options{}, result{Frames: want}},
		{"big-endian, two messages after one stamp", cat(stamp(be, 100, 7), m1, m2, stamp(be, 101, 0), m1), Options{}, result{Frames: []Frame{
			{Num: 1, Time: time.Unix(100, 7000), Data: m1, Offset: 24, WireLen: 32},
			{Num: 2, Time: time.Unix(100, 7000), Data: m2, Offset: 56, WireLen: 24},
			{Num: 3, Time: time.Unix(101, 0), Data: m1, Offset: 104, WireLen: 32},
		}}},
		{"forced, no stamp first", cat(m2, stamp(be, 5, 0), m1), Options{Format: FormatRtmon}, result{Frames: []Frame{
			{Num: 1, Data: m2, WireLen: 24},
			{Num: 2, Time: time.Unix(5, 0), Data: m1, Offset: 48, WireLen: 32},
		}}},
		{"truncated after a stamp", cat(stamp(le, 1, 0), m48le()[:20]), Options{}, result{Errs: []string{
			"frame 1 at byte 24: nlmsg_len 48 (little-endian) does not fit the 20 bytes left: unexpected EOF",
		}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, r := readAll(t, tc.in, tc.opts)
			if r == nil || r.Format() != FormatRtmon {
				t.Fatalf("not rtmon: %v", got.Final)
			}
			if diff := cmp.Diff(tc.want, got, timeZero); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func m48le() []byte { return nlmsg(binary.LittleEndian, 16, 0, 4, make([]byte, 32)) }

// A raw stream of many messages reads in flat memory and reuses its
// buffer.
func TestRawStreamsFlat(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	m := nlmsg(binary.LittleEndian, 24, 0x405, 1, make([]byte, 44))
	const n = 200000 // 12 MB
	src := &repeatReader{b: m, n: n}
	r, err := NewReader(src, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var m0, m1 runtime.MemStats
	runtime.ReadMemStats(&m0)
	for i := 0; i < n; i++ {
		f, err := r.Next()
		if err != nil || !bytes.Equal(f.Data, m) {
			t.Fatalf("frame %d: %v", i+1, err)
		}
	}
	runtime.ReadMemStats(&m1)
	if allocs := m1.Mallocs - m0.Mallocs; allocs > 50 {
		t.Errorf("%d allocations for %d messages", allocs, n)
	}
	if _, err := r.Next(); err != io.EOF {
		t.Errorf("after the last message: %v", err)
	}
}

type repeatReader struct {
	b   []byte
	n   int
	off int
}

func (r *repeatReader) Read(p []byte) (int, error) {
	k := 0
	for k < len(p) && r.n > 0 {
		c := copy(p[k:], r.b[r.off:])
		k += c
		r.off += c
		if r.off == len(r.b) {
			r.off = 0
			r.n--
		}
	}
	if k == 0 {
		return 0, io.EOF
	}
	return k, nil
}
