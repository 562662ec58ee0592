package capture

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"io"
	"testing"
	"time"
)

// nlmsg builds a netlink message: header in order o, then payload.
func nlmsg(o binary.ByteOrder, typ, flags uint16, seq uint32, payload []byte) []byte {
	b := make([]byte, 16, 16+len(payload))
	o.PutUint32(b[0:], uint32(16+len(payload)))
	o.PutUint16(b[4:], typ)
	o.PutUint16(b[6:], flags)
	o.PutUint32(b[8:], seq)
	o.PutUint32(b[12:], 1234)
	return append(b, payload...)
}

// getlink is an RTM_GETLINK request (ifinfomsg + IFLA_IFNAME) with the
// given sequence number, so that every sample is unique.
func getlink(o binary.ByteOrder, seq uint32) []byte {
	p := make([]byte, 16) // struct ifinfomsg
	attr := make([]byte, 8)
	o.PutUint16(attr[0:], 7)
	o.PutUint16(attr[2:], 3) // IFLA_IFNAME
	copy(attr[4:], "lo")
	return nlmsg(o, 18, 0x0301, seq, append(p, attr...))
}

// nlmonHeader is the 16-byte LINKTYPE_NETLINK record header, built
// from the field table of the nlmon framing notes.
func nlmonHeader(protocol uint16) []byte {
	h := make([]byte, 16)
	binary.BigEndian.PutUint16(h[0:], 4)   // packet type
	binary.BigEndian.PutUint16(h[2:], 824) // ARPHRD_NETLINK
	binary.BigEndian.PutUint16(h[14:], protocol)
	return h
}

// sample is one frame to write into a test file.
type sample struct {
	t     time.Time
	proto int
	data  []byte
}

func samples() []sample {
	t0 := time.Date(2026, 11, 27, 10, 48, 24, 691413000, time.UTC)
	return []sample{
		{t0, 0, getlink(binary.LittleEndian, 1)},
		{t0.Add(31 * time.Microsecond), 0, append(getlink(binary.LittleEndian, 2), getlink(binary.LittleEndian, 3)...)},
		{t0.Add(time.Second), 16, nlmsg(binary.LittleEndian, 0x10, 5, 4, []byte{3, 1, 0, 0})},
	}
}

// wantFrames is what reading a file holding ss should give: offsets are
// found by looking for each record's bytes in the file.
func wantFrames(t *testing.T, file []byte, ss []sample, res time.Duration) []Frame {
	t.Helper()
	var out []Frame
	for i, s := range ss {
		rec := append(nlmonHeader(uint16(s.proto)), s.data...)
		at := bytes.Index(file, rec)
		if at < 0 {
			t.Fatalf("sample %d not in file", i)
		}
		out = append(out, Frame{Num: i + 1, Time: s.t.Truncate(res), Protocol: s.proto, Data: s.data, Offset: int64(at + 16), WireLen: len(s.data)})
	}
	return out
}

// result is what reading an input gave.
type result struct {
	Frames []Frame
	Errs   []string // FrameError texts
	Final  string   // the last error, other than io.EOF
}

// readAll reads every frame of in; frames are copied.
func readAll(t *testing.T, in []byte, opts Options) (result, *Reader) {
	t.Helper()
	r, err := NewReader(bytes.NewReader(in), opts)
	if err != nil {
		return result{Final: err.Error()}, nil
	}
	return drain(t, r, len(in)), r
}

// drain reads r to the end, failing the test if it does not end within a
// number of calls bounded by the input length.
func drain(t *testing.T, r *Reader, inputLen int) result {
	t.Helper()
	var res result
	for calls := 0; ; calls++ {
		if calls > inputLen+10 {
			t.Fatalf("more than %d calls to Next for %d bytes", calls, inputLen)
		}
		f, err := r.Next()
		if err == io.EOF {
			return res
		}
		if err != nil {
			var fe *FrameError
			if !errors.As(err, &fe) {
				res.Final = err.Error()
				return res
			}
			res.Errs = append(res.Errs, err.Error())
			continue
		}
		c := *f
		c.Data = append([]byte(nil), f.Data...)
		res.Frames = append(res.Frames, c)
	}
}

func gzipped(b []byte) []byte {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(b)
	zw.Close()
	return buf.Bytes()
}

// pcapHeader hand-builds a pcap file header per the pcap file format
// (libpcap's documented magic numbers, version 2.4).
func pcapHeader(o binary.ByteOrder, nano bool, snaplen, linkType uint32) []byte {
	h := make([]byte, 24)
	magic := uint32(0xa1b2c3d4)
	if nano {
		magic = 0xa1b23c4d
	}
	o.PutUint32(h[0:], magic)
	o.PutUint16(h[4:], 2)
	o.PutUint16(h[6:], 4)
	o.PutUint32(h[16:], snaplen)
	o.PutUint32(h[20:], linkType)
	return h
}

// pcapRecord hand-builds a pcap record.
func pcapRecord(o binary.ByteOrder, nano bool, t time.Time, data []byte, origLen int) []byte {
	h := make([]byte, 16, 16+len(data))
	o.PutUint32(h[0:], uint32(t.Unix()))
	frac := t.Nanosecond() / 1000
	if nano {
		frac = t.Nanosecond()
	}
	o.PutUint32(h[4:], uint32(frac))
	o.PutUint32(h[8:], uint32(len(data)))
	o.PutUint32(h[12:], uint32(origLen))
	return append(h, data...)
}

// ngBlock hand-builds a pcapng block per the pcapng specification:
// type, total length, body padded to 4, total length again.
func mkBlock(o order, typ uint32, body []byte) []byte {
	n := 12 + (len(body)+3)&^3
	b := make([]byte, 8, n)
	o.PutUint32(b[0:], typ)
	o.PutUint32(b[4:], uint32(n))
	b = append(b, body...)
	b = append(b, make([]byte, n-4-len(b))...)
	return o.AppendUint32(b, uint32(n))
}

func mkOption(o order, code uint16, value []byte) []byte {
	b := o.AppendUint16(nil, code)
	b = o.AppendUint16(b, uint16(len(value)))
	b = append(b, value...)
	return append(b, make([]byte, (4-len(value)%4)%4)...)
}

func mkSHB(o order, opts ...[]byte) []byte {
	body := o.AppendUint32(nil, 0x1a2b3c4d)
	body = o.AppendUint16(body, 1)
	body = o.AppendUint16(body, 0)
	body = o.AppendUint64(body, ^uint64(0)) // section length unknown
	for _, op := range opts {
		body = append(body, op...)
	}
	return mkBlock(o, 0x0a0d0d0a, body)
}

func mkIDB(o order, linkType uint16, snaplen uint32, opts ...[]byte) []byte {
	body := o.AppendUint16(nil, linkType)
	body = o.AppendUint16(body, 0)
	body = o.AppendUint32(body, snaplen)
	for _, op := range opts {
		body = append(body, op...)
	}
	if len(opts) > 0 {
		body = append(body, 0, 0, 0, 0) // opt_endofopt
	}
	return mkBlock(o, 1, body)
}

// ngEPB builds an enhanced packet block with a microsecond timestamp
// (the default if_tsresol).
func mkEPB(o order, iface uint32, t time.Time, data []byte, origLen int) []byte {
	ts := uint64(t.UnixMicro())
	body := o.AppendUint32(nil, iface)
	body = o.AppendUint32(body, uint32(ts>>32))
	body = o.AppendUint32(body, uint32(ts))
	body = o.AppendUint32(body, uint32(len(data)))
	body = o.AppendUint32(body, uint32(origLen))
	return mkBlock(o, 6, append(body, data...))
}

func mkSPB(o order, data []byte, origLen int) []byte {
	return mkBlock(o, 3, append(o.AppendUint32(nil, uint32(origLen)), data...))
}

// order is a byte order that can also append.
type order interface {
	binary.ByteOrder
	binary.AppendByteOrder
}

func cat(parts ...[]byte) []byte { return bytes.Join(parts, nil) }
