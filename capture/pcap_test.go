package capture

import (
	"bytes"
	"encoding/binary"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/gopacket"
	"github.com/google/gopacket/layers"
	"github.com/google/gopacket/pcapgo"
)

func writeWithPcapWriter(t *testing.T, ss []sample) []byte {
	var buf bytes.Buffer
	w, err := NewPcapWriter(&buf)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range ss {
		if err := w.WriteFrame(s.t, s.proto, s.data); err != nil {
			t.Fatal(err)
		}
	}
	return buf.Bytes()
}

func writeWithPcapgo(t *testing.T, ss []sample, nano bool) []byte {
	var buf bytes.Buffer
	w := pcapgo.NewWriter(&buf)
	if nano {
		w = pcapgo.NewWriterNanos(&buf)
	}
	if err := w.WriteFileHeader(65535, layers.LinkType(253)); err != nil {
		t.Fatal(err)
	}
	for _, s := range ss {
		rec := append(nlmonHeader(uint16(s.proto)), s.data...)
		if err := w.WritePacket(gopacket.CaptureInfo{Timestamp: s.t, CaptureLength: len(rec), Length: len(rec)}, rec); err != nil {
			t.Fatal(err)
		}
	}
	return buf.Bytes()
}

func writeWithNgWriter(t *testing.T, ss []sample) []byte {
	var buf bytes.Buffer
	w, err := pcapgo.NewNgWriter(&buf, layers.LinkType(253))
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range ss {
		rec := append(nlmonHeader(uint16(s.proto)), s.data...)
		if err := w.WritePacket(gopacket.CaptureInfo{Timestamp: s.t, CaptureLength: len(rec), Length: len(rec)}, rec); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// writeByHand builds a pcap file of byte order o from the format
// specification alone.
func writeByHand(o binary.ByteOrder, nano bool, ss []sample) []byte {
	f := pcapHeader(o, nano, 262144, 253)
	for _, s := range ss {
		rec := append(nlmonHeader(uint16(s.proto)), s.data...)
		f = append(f, pcapRecord(o, nano, s.t, rec, len(rec))...)
	}
	return f
}

// writeNgByHand builds a pcapng file of byte order o: a section with an
// interface, a statistics block and a custom block to skip, and the
// first sample as a simple packet block (no timestamp).
func writeNgByHand(o order, ss []sample) []byte {
	f := cat(mkSHB(o, mkOption(o, 4, []byte("hand")), []byte{0, 0, 0, 0}),
		mkIDB(o, 253, 0, mkOption(o, 2, []byte("nlmon0")), mkOption(o, 9, []byte{6})))
	for i, s := range ss {
		rec := append(nlmonHeader(uint16(s.proto)), s.data...)
		if i == 0 {
			f = append(f, mkSPB(o, rec, len(rec))...)
			continue
		}
		f = append(f, mkEPB(o, 0, s.t, rec, len(rec))...)
		f = append(f, mkBlock(o, 5, make([]byte, 12))...)          // interface statistics
		f = append(f, mkBlock(o, 0x40000bad, []byte("custom"))...) // custom block
	}
	return f
}

func TestPcapRoundTrip(t *testing.T) {
	ss := samples()
	tests := []struct {
		name   string
		file   []byte
		format Format
		res    time.Duration
	}{
		{"PcapWriter", writeWithPcapWriter(t, ss), FormatPcap, time.Microsecond},
		{"pcapgo micro", writeWithPcapgo(t, ss, false), FormatPcap, time.Microsecond},
		{"pcapgo nano", writeWithPcapgo(t, ss, true), FormatPcap, time.Nanosecond},
		{"hand little-endian micro", writeByHand(binary.LittleEndian, false, ss), FormatPcap, time.Microsecond},
		{"hand big-endian micro", writeByHand(binary.BigEndian, false, ss), FormatPcap, time.Microsecond},
		{"hand big-endian nano", writeByHand(binary.BigEndian, true, ss), FormatPcap, time.Nanosecond},
		{"pcapgo NgWriter", writeWithNgWriter(t, ss), FormatPcapng, time.Nanosecond},
		{"hand pcapng little-endian", writeNgByHand(binary.LittleEndian, ss), FormatPcapng, time.Microsecond},
		{"hand pcapng big-endian", writeNgByHand(binary.BigEndian, ss), FormatPcapng, time.Microsecond},
	}
	for _, tc := range tests {
		want := wantFrames(t, tc.file, ss, tc.res)
		if strings.HasPrefix(tc.name, "hand pcapng") {
			want[0].Time = time.Time{} // simple packet blocks carry no time
		}
		for _, gz := range []bool{false, true} {
			name, in := tc.name, tc.file
			if gz {
				name, in = name+" gzip", gzipped(in)
			}
			t.Run(name, func(t *testing.T) {
				got, r := readAll(t, in, Options{})
				if r == nil || r.Format() != tc.format {
					t.Fatalf("format: %v, want %s", got.Final, tc.format)
				}
				if diff := cmp.Diff(result{Frames: want}, got, timeZero); diff != "" {
					t.Errorf("frames (-want +got):\n%s", diff)
				}
			})
		}
	}
}

// timeZero compares times by instant (pcapgo returns UTC; a zero time
// stays zero).
var timeZero = cmp.Comparer(func(a, b time.Time) bool { return a.Equal(b) })

func TestPcapRecords(t *testing.T) {
	le := binary.LittleEndian
	t0 := time.Unix(1795776504, 691413000).UTC()
	msg := getlink(le, 7)
	rec := append(nlmonHeader(0), msg...)
	good := pcapRecord(le, false, t0, rec, len(rec))
	frame := func(num int, off int64) Frame {
		return Frame{Num: num, Time: t0, Data: msg, Offset: off, WireLen: len(msg)}
	}
	badHatype := append([]byte(nil), rec...)
	badHatype[3] = 1 // ARPHRD 769
	cut := pcapRecord(le, false, t0, rec[:20], len(rec))
	long := append(nlmonHeader(16), bytes.Repeat(msg, 10)...)
	tests := []struct {
		name string
		in   []byte
		want result
	}{{
		name: "record longer than the file's snaplen",
		in:   cat(pcapHeader(le, false, 64, 253), pcapRecord(le, false, t0, long, len(long))),
		want: result{Frames: []Frame{{Num: 1, Time: t0, Protocol: 16, Data: long[16:], Offset: 56, WireLen: len(long) - 16}}},
	}, {
		name: "link type ethernet: every record fails, reading goes on",
		in:   cat(pcapHeader(le, false, 65535, 1), good, good),
		want: result{Errs: []string{
			"frame 1 at byte 40: link type 1 is not LINKTYPE_NETLINK (253)",
			"frame 2 at byte 112: link type 1 is not LINKTYPE_NETLINK (253)",
		}},
	}, {
		name: "short record, bad ARPHRD, caplen > len, then a good one",
		in: cat(pcapHeader(le, false, 65535, 253),
			pcapRecord(le, false, t0, rec[:10], 10),
			pcapRecord(le, false, t0, badHatype, len(rec)),
			pcapRecord(le, false, t0, rec, 3),
			good),
		want: result{
			Errs: []string{
				"frame 1 at byte 40: record of 10 bytes is shorter than the 16-byte nlmon header",
				"frame 2 at byte 68: ARPHRD type 769 in the nlmon header, want 824 (ARPHRD_NETLINK)",
				"frame 3 at byte 122: captured length 56 exceeds the original length 3",
			},
			Frames: []Frame{frame(4, 226)},
		},
	}, {
		name: "record cut by the capture's snaplen",
		in:   cat(pcapHeader(le, false, 20, 253), cut),
		want: result{Frames: []Frame{{Num: 1, Time: t0, Data: msg[:4], Offset: 56, WireLen: len(msg)}}},
	}, {
		name: "truncated record: error, then the end",
		in:   cat(pcapHeader(le, false, 65535, 253), good, good[:30]),
		want: result{
			Frames: []Frame{frame(1, 56)},
			Errs:   []string{"frame 2 at byte 96: truncated record: 30 of 72 bytes: unexpected EOF"},
		},
	}, {
		name: "truncated record header",
		in:   cat(pcapHeader(le, false, 65535, 253), good[:9]),
		want: result{Errs: []string{"frame 1 at byte 24: truncated record header: 9 of 16 bytes: unexpected EOF"}},
	}, {
		name: "hostile caplen",
		in:   cat(pcapHeader(le, false, 0xffffffff, 253), pcapRecord(le, false, t0, nil, 0), []byte{0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0, 0xf0, 0xff, 0xff, 0xff, 0xf0, 0xff, 0xff, 0xff}),
		want: result{Errs: []string{
			"frame 1 at byte 40: record of 0 bytes is shorter than the 16-byte nlmon header",
			"frame 2 at byte 40: record header claims 4294967280 captured bytes",
		}},
	}}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, _ := readAll(t, tc.in, Options{})
			if diff := cmp.Diff(tc.want, got, timeZero); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestPcapngBlocks(t *testing.T) {
	le := binary.LittleEndian
	t0 := time.Unix(1795776504, 691413000).UTC()
	msg := getlink(le, 9)
	rec := append(nlmonHeader(0), msg...)
	shb, idb := mkSHB(le), mkIDB(le, 253, 0)
	epb := mkEPB(le, 0, t0, rec, len(rec))
	frame := func(num int, off int64) Frame {
		return Frame{Num: num, Time: t0, Data: msg, Offset: off, WireLen: len(msg)}
	}
	badLen := append([]byte(nil), epb...)
	le.PutUint32(badLen[20:], 200) // captured length beyond the block
	tests := []struct {
		name string
		in   []byte
		want result
	}{{
		name: "ethernet and netlink interfaces",
		in:   cat(shb, mkIDB(le, 1, 0), idb, mkEPB(le, 0, t0, rec, len(rec)), mkEPB(le, 1, t0, rec, len(rec))),
		want: result{
			Errs:   []string{"frame 1 at byte 96: interface 0 has link type 1, not LINKTYPE_NETLINK (253)"},
			Frames: []Frame{frame(2, 200)},
		},
	}, {
		name: "second section resets interfaces and byte order",
		in: cat(shb, idb, epb,
			mkSHB(binary.BigEndian), mkIDB(binary.BigEndian, 253, 0), mkEPB(binary.BigEndian, 0, t0, rec, len(rec)),
			mkEPB(binary.BigEndian, 1, t0, rec, len(rec))),
		want: result{
			Frames: []Frame{frame(1, 92), frame(2, 228)},
			Errs:   []string{"frame 3 at byte 272: packet block for interface 1; the section has 1"},
		},
	}, {
		name: "captured length beyond the block, then a good block",
		in:   cat(shb, idb, badLen, epb),
		want: result{
			Errs:   []string{"frame 1 at byte 48: packet block of 88 bytes claims 200 captured bytes"},
			Frames: []Frame{frame(2, 180)},
		},
	}, {
		name: "packet before any interface",
		in:   cat(shb, epb),
		want: result{Errs: []string{"frame 1 at byte 28: packet block before any interface description block"}},
	}, {
		name: "trailing length mismatch is fatal",
		in:   cat(shb, idb, epb[:len(epb)-4], []byte{1, 0, 0, 0}, epb),
		want: result{Errs: []string{"frame 1 at byte 48: block length 88, but 1 at its end"}},
	}, {
		name: "if_tsresol pcapgo would divide by zero with",
		in:   cat(shb, mkIDB(le, 253, 0, mkOption(le, 9, []byte{64})), epb),
		want: result{Errs: []string{"frame 1 at byte 28: interface description: if_tsresol 0x40 is out of range"}},
	}, {
		name: "option overrunning its block",
		in:   cat(shb, mkIDB(le, 253, 0, []byte{2, 0, 200, 0}), epb),
		want: result{Errs: []string{"frame 1 at byte 28: interface description: option 2 of 200 bytes overruns the block"}},
	}, {
		name: "nanosecond and binary resolutions, time offset",
		in: cat(shb,
			mkIDB(le, 253, 0, mkOption(le, 9, []byte{9}), mkOption(le, 14, le.AppendUint64(nil, 100))),
			mkIDB(le, 253, 0, mkOption(le, 9, []byte{0x80 | 10})),
			mkBlock(le, 6, cat(le.AppendUint32(nil, 0), le.AppendUint32(nil, 0), le.AppendUint32(nil, 1500000000), le.AppendUint32(nil, uint32(len(rec))), le.AppendUint32(nil, uint32(len(rec))), rec)),
			mkBlock(le, 6, cat(le.AppendUint32(nil, 1), le.AppendUint32(nil, 0), le.AppendUint32(nil, 3*1024+512), le.AppendUint32(nil, uint32(len(rec))), le.AppendUint32(nil, uint32(len(rec))), rec))),
		want: result{Frames: []Frame{
			{Num: 1, Time: time.Unix(101, 500000000), Data: msg, Offset: 148, WireLen: len(msg)},
			// pcapgo scales 2^-10 s ticks by the integer 1e9/1024.
			{Num: 2, Time: time.Unix(3, 499999744), Data: msg, Offset: 236, WireLen: len(msg)},
		}},
	}, {
		name: "truncated block",
		in:   cat(shb, idb, epb[:50]),
		want: result{Errs: []string{"frame 1 at byte 48: truncated block: 50 of 88 bytes: unexpected EOF"}},
	}}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, r := readAll(t, tc.in, Options{})
			if r != nil && r.Format() != FormatPcapng {
				t.Fatalf("format %s", r.Format())
			}
			if diff := cmp.Diff(tc.want, got, timeZero); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestPcapHeaderErrors(t *testing.T) {
	le := binary.LittleEndian
	bad := pcapHeader(le, false, 65535, 253)
	le.PutUint16(bad[4:], 3) // version 3.4
	tests := []struct {
		name, want string
		in         []byte
		opts       Options
	}{
		{"truncated pcap header", "capture: pcap: truncated file header: 10 of 24 bytes: unexpected EOF", pcapHeader(le, false, 1, 253)[:10], Options{}},
		{"pcap version", "capture: pcap: Unknown major version 3", bad, Options{}},
		{"forced pcap on text", "capture: pcap: Unknown magic 30203033", []byte("30 00 00 00 10 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"), Options{Format: FormatPcap}},
		{"pcapng version", "capture: pcapng: pcapng version 2.0 is not supported (want 1.0)", func() []byte {
			b := mkSHB(le)
			le.PutUint16(b[12:], 2)
			return b
		}(), Options{}},
		{"modified pcap", "capture: modified (Kuznetzov) pcap is not supported: convert it with editcap -F pcap", []byte{0x34, 0xcd, 0xb2, 0xa1, 2, 0, 4, 0}, Options{}},
		{"unknown format", "capture: unknown format \"json\" (want pcap, pcapng, raw, rtmon or hex)", nil, Options{Format: "json"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := NewReader(bytes.NewReader(tc.in), tc.opts)
			if err == nil || err.Error() != tc.want {
				t.Errorf("NewReader: %v, want %s", err, tc.want)
			}
		})
	}
}

func TestPcapWriter(t *testing.T) {
	var buf bytes.Buffer
	w, err := NewPcapWriter(&buf)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		proto int
		data  []byte
		want  string
	}{
		{-1, nil, "capture: netlink protocol -1 out of range"},
		{65536, nil, "capture: netlink protocol 65536 out of range"},
		{0, make([]byte, PcapSnaplen-15), "capture: frame of 262129 bytes does not fit the 262144-byte pcap snaplen"},
	} {
		if err := w.WriteFrame(time.Time{}, tc.proto, tc.data); err == nil || err.Error() != tc.want {
			t.Errorf("WriteFrame(%d, %d bytes): %v, want %s", tc.proto, len(tc.data), err, tc.want)
		}
	}
	msg := getlink(binary.LittleEndian, 1)
	if err := w.WriteFrame(time.Time{}, 0, msg); err != nil {
		t.Fatal(err)
	}
	if err := w.WriteFrame(time.Time{}, 0, make([]byte, PcapSnaplen-16)); err != nil {
		t.Fatal(err)
	}
	// The header as libpcap documents it, then a record at the epoch.
	want := cat(pcapHeader(binary.LittleEndian, false, 262144, 253), pcapRecord(binary.LittleEndian, false, time.Unix(0, 0), append(nlmonHeader(0), msg...), 16+len(msg)))
	if got := buf.Bytes()[:len(want)]; !bytes.Equal(got, want) {
		t.Errorf("file starts\n% x\nwant\n% x", got, want)
	}
	got, _ := readAll(t, buf.Bytes(), Options{})
	if len(got.Frames) != 2 || got.Errs != nil || !got.Frames[0].Time.Equal(time.Unix(0, 0)) {
		t.Errorf("read back %d frames, errors %v, first at %v", len(got.Frames), got.Errs, got.Frames[0].Time)
	}
}

// pcapgo must not see more than one record: check that a reader over a
// pipe-like source (one byte per Read) gives the same frames.
func TestPcapOneByteReads(t *testing.T) {
	ss := samples()
	for name, file := range map[string][]byte{
		"pcap":   writeWithPcapWriter(t, ss),
		"pcapng": writeWithNgWriter(t, ss),
	} {
		t.Run(name, func(t *testing.T) {
			want, _ := readAll(t, file, Options{})
			r, err := NewReader(oneByte{bytes.NewReader(file)}, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, drain(t, r, len(file)), timeZero); diff != "" {
				t.Errorf("(-bulk +one byte at a time):\n%s", diff)
			}
		})
	}
}

// oneByte reads one byte at a time, like a slow pipe.
type oneByte struct{ r io.Reader }

func (o oneByte) Read(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	return o.r.Read(p[:1])
}
