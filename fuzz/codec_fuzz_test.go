package fuzz

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/nlbatch/nlbatch/codec"
)

// seedFrames adds the netlink payloads of the bundled captures, and a few
// hand-framed edge cases, to a corpus.
func seedFrames(f *testing.F, add func([]byte)) {
	files, _ := filepath.Glob("../testdata/pcaps/*.pcap")
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		for _, frame := range pcapFrames(data) {
			add(frame)
		}
	}
	le := binary.LittleEndian
	hdr := func(l uint32, typ, flags uint16) []byte {
		b := make([]byte, 16)
		le.PutUint32(b, l)
		le.PutUint16(b[4:], typ)
		le.PutUint16(b[6:], flags)
		return b
	}
	add(hdr(16, 3, 2))
	add(append(hdr(36, 2, 0x100), make([]byte, 20)...))
	add(append(hdr(20, 16, 0), 1, 2, 3, 4))
}

// pcapFrames splits a microsecond pcap of LINKTYPE_NETLINK into netlink
// payloads, without the capture package, so that the codec target does
// not depend on it.
func pcapFrames(data []byte) [][]byte {
	if len(data) < 24 {
		return nil
	}
	var order binary.ByteOrder
	switch {
	case binary.LittleEndian.Uint32(data) == 0xa1b2c3d4:
		order = binary.LittleEndian
	case binary.BigEndian.Uint32(data) == 0xa1b2c3d4:
		order = binary.BigEndian
	default:
		return nil
	}
	var out [][]byte
	for off := 24; off+16 <= len(data); {
		n := int(order.Uint32(data[off+8:]))
		off += 16
		if n < 16 || off+n > len(data) {
			break
		}
		out = append(out, data[off+16:off+n])
		off += n
	}
	return out
}

// FuzzDecode decodes arbitrary bytes as a netlink buffer of several
// protocols and checks, for every message decoded: every byte is in
// exactly one node; encoding gives the message back byte for byte; a
// second decode of that encoding prints the same JSON; every printer
// terminates and the JSON parses.
func FuzzDecode(f *testing.F) {
	seedFrames(f, func(b []byte) {
		f.Add(b, uint8(codec.ProtoRoute))
		f.Add(b, uint8(codec.ProtoGeneric))
	})
	f.Fuzz(func(t *testing.T, data []byte, proto uint8) {
		protocol := int(proto % 24)
		d := codec.NewDecoder()
		again := codec.NewDecoder()
		var js []byte
		err := d.DecodeFrame(protocol, data, func(m *codec.Msg) error {
			if err := codec.CheckCoverage(m); err != nil {
				t.Fatalf("coverage: %v", err)
			}
			want := append(bytes.Clone(m.Raw), m.Pad...)
			enc := codec.AppendMsg(nil, m)
			if !bytes.Equal(enc, want) {
				t.Fatalf("re-encoding differs:\n got %x\nwant %x", enc, want)
			}
			js = codec.AppendJSON(js[:0], m, codec.JSONContext{Frame: 1})
			if !json.Valid(js) {
				t.Fatalf("invalid JSON: %s", js)
			}
			first := string(js)
			_ = codec.AppendSummary(nil, m)
			_ = codec.AppendTree(nil, m, "")
			_ = codec.AppendHex(nil, m)

			// The order decoded must be the order re-decoded: force it,
			// since a lone message may read both ways.
			again.Order = m.Order()
			var second string
			if err := again.DecodeFrame(protocol, m.Raw, func(m2 *codec.Msg) error {
				m2.Index, m2.Offset = m.Index, m.Offset
				second = string(codec.AppendJSON(nil, m2, codec.JSONContext{Frame: 1}))
				return nil
			}); err != nil {
				t.Fatalf("re-decoding the message: %v", err)
			}
			if second != first {
				t.Fatalf("decode is not stable:\nfirst  %s\nsecond %s", first, second)
			}
			return nil
		})
		var de *codec.DecodeError
		if err != nil && !errorsAs(err, &de) {
			t.Fatalf("unexpected error type %T: %v", err, err)
		}
	})
}
