package codec_test

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/nlbatch/nlbatch/codec"
)

// msg frames a message by hand; malformed inputs cannot come from the
// kernel, so these tests build them.
func msg(order binary.ByteOrder, typ, flags uint16, body ...[]byte) []byte {
	var payload []byte
	for _, b := range body {
		payload = append(payload, b...)
	}
	b := make([]byte, 16, 16+len(payload))
	order.PutUint32(b[0:], uint32(16+len(payload)))
	order.PutUint16(b[4:], typ)
	order.PutUint16(b[6:], flags)
	order.PutUint32(b[8:], 7)
	order.PutUint32(b[12:], 99)
	return append(b, payload...)
}

func attr(order binary.ByteOrder, typ uint16, payload []byte) []byte {
	b := make([]byte, 4, 4+len(payload)+3)
	order.PutUint16(b[0:], uint16(4+len(payload)))
	order.PutUint16(b[2:], typ)
	b = append(b, payload...)
	for len(b)%4 != 0 {
		b = append(b, 0)
	}
	return b
}

var le = binary.LittleEndian

func ifinfomsg(index uint32) []byte {
	b := make([]byte, 16)
	le.PutUint32(b[4:], index)
	return b
}

func TestDecodeFramingErrors(t *testing.T) {
	good := msg(le, 16, 0, ifinfomsg(1), attr(le, 3, []byte("lo\x00")))
	tests := []struct {
		name   string
		in     []byte
		msgs   int
		offset int // of the error; -1 for none
	}{
		{"one good message", good, 1, -1},
		{"short header", good[:10], 0, 0},
		{"length below header", func() []byte { b := bytes.Clone(good); le.PutUint32(b, 8); return b }(), 0, 0},
		{"length past buffer", func() []byte { b := bytes.Clone(good); le.PutUint32(b, 4096); return b }(), 0, 0},
		{"second message truncated", append(bytes.Clone(good), good[:20]...), 1, len(good)},
		{"trailing junk after a message", append(bytes.Clone(good), 1, 2, 3), 1, len(good)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			msgs, err := codec.DecodeAll(codec.ProtoRoute, le, tt.in)
			if len(msgs) != tt.msgs {
				t.Fatalf("%d messages, want %d", len(msgs), tt.msgs)
			}
			var de *codec.DecodeError
			switch {
			case tt.offset < 0 && err != nil:
				t.Fatalf("unexpected error %v", err)
			case tt.offset >= 0 && !errors.As(err, &de):
				t.Fatalf("error %v, want a *DecodeError", err)
			case tt.offset >= 0 && de.Offset != tt.offset:
				t.Fatalf("error at %d, want %d (%v)", de.Offset, tt.offset, err)
			}
			for _, m := range msgs {
				roundTrip(t, m)
			}
		})
	}
}

// roundTrip checks the decoding invariants on one message.
func roundTrip(t *testing.T, m *codec.Msg) {
	t.Helper()
	if err := codec.CheckCoverage(m); err != nil {
		t.Errorf("coverage: %v", err)
	}
	want := append(bytes.Clone(m.Raw), m.Pad...)
	if got := codec.AppendMsg(nil, m); !bytes.Equal(got, want) {
		t.Errorf("re-encoding differs:\n got %x\nwant %x", got, want)
	}
	js := codec.AppendJSON(nil, m, codec.JSONContext{Frame: 1})
	if !json.Valid(js) {
		t.Errorf("invalid JSON: %s", js)
	}
	_ = codec.AppendTree(nil, m, "")
	_ = codec.AppendHex(nil, m)
	_ = codec.AppendSummary(nil, m)
}

func TestDecodeMalformedAttributesKeepEveryByte(t *testing.T) {
	mtu := make([]byte, 4)
	le.PutUint32(mtu, 1500)
	tests := []struct {
		name  string
		attrs []byte
		check func(t *testing.T, m *codec.Msg)
	}{
		{
			name:  "attribute length below header",
			attrs: append(attr(le, 3, []byte("lo\x00")), 3, 0, 4, 0, 9, 9, 9, 9),
			check: func(t *testing.T, m *codec.Msg) {
				last := m.Nodes[len(m.Nodes)-1]
				if last.Kind != codec.NodeTail || len(last.Data) != 8 {
					t.Errorf("last node %v with %d bytes, want 8 trailing bytes", last.Kind, len(last.Data))
				}
			},
		},
		{
			name:  "u32 with three bytes",
			attrs: attr(le, 4, []byte{1, 2, 3}),
			check: func(t *testing.T, m *codec.Msg) {
				n := m.Find("IFLA_MTU")
				if n == nil || n.Err == "" || n.Type != codec.Binary {
					t.Fatalf("IFLA_MTU = %+v, want a raw node with an error", n)
				}
			},
		},
		{
			name:  "non-zero padding",
			attrs: append(append(attr(le, 3, []byte("ab\x00"))[:7], 0xee), attr(le, 4, mtu)...),
			check: func(t *testing.T, m *codec.Msg) {
				n := m.Find("IFLA_IFNAME")
				if diff := cmp.Diff([]byte{0xee}, n.Pad()); diff != "" {
					t.Errorf("padding (-want +got):\n%s", diff)
				}
			},
		},
		{
			name:  "nested attribute overrunning its parent",
			attrs: attr(le, 18|codec.NLANested, []byte{12, 0, 1, 0, 'v', 'e', 't', 'h'}),
			check: func(t *testing.T, m *codec.Msg) {
				li := m.Find("IFLA_LINKINFO")
				if li == nil || len(li.Children) != 1 || li.Children[0].Kind != codec.NodeTail {
					t.Fatalf("IFLA_LINKINFO = %+v, want one trailing child", li)
				}
			},
		},
		{
			name:  "unknown attribute",
			attrs: attr(le, 0x3ff, []byte{1, 2, 3, 4}),
			check: func(t *testing.T, m *codec.Msg) {
				last := m.Nodes[len(m.Nodes)-1]
				if last.Name != "" || last.Num != 0x3ff || !bytes.Equal(last.Data, []byte{1, 2, 3, 4}) {
					t.Errorf("unknown attribute decoded as %+v", last)
				}
				js := string(codec.AppendJSON(nil, m, codec.JSONContext{}))
				if !strings.Contains(js, `{"type":1023,"raw":"01020304"}`) {
					t.Errorf("JSON %s lacks the raw unknown attribute", js)
				}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := msg(le, 16, 0, ifinfomsg(1), tt.attrs)
			m, err := codec.Decode(codec.ProtoRoute, le, in)
			if err != nil {
				t.Fatal(err)
			}
			roundTrip(t, m)
			tt.check(t, m)
		})
	}
}

func TestDetectOrder(t *testing.T) {
	be := binary.BigEndian
	beMsg := msg(be, 16, 1, make([]byte, 16), attr(be, 3, []byte("eth0\x00")))
	leMsg := msg(le, 16, 1, make([]byte, 16), attr(le, 3, []byte("eth0\x00")))
	for _, tt := range []struct {
		name string
		in   []byte
		want binary.ByteOrder
	}{
		{"little", leMsg, binary.LittleEndian},
		{"big", beMsg, binary.BigEndian},
		{"two big", append(bytes.Clone(beMsg), beMsg...), binary.BigEndian},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := codec.DetectOrder(tt.in)
			if !ok || got != tt.want {
				t.Fatalf("DetectOrder = %v, %v; want %v", got, ok, tt.want)
			}
			m, err := codec.Decode(codec.ProtoRoute, nil, tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if n := m.Find("IFLA_IFNAME"); n == nil || n.Text() != "eth0" {
				t.Fatalf("IFLA_IFNAME = %v", n)
			}
			roundTrip(t, m)
		})
	}
}

// TestSchemaNamesAreIdentifiers guards the JSON printer's shortcut of
// writing schema names without escaping.
func TestSchemaNamesAreIdentifiers(t *testing.T) {
	bad := codec.WalkNames(func(name string) bool {
		for _, c := range name {
			if !(c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
				return false
			}
		}
		return true
	})
	if len(bad) > 0 {
		t.Fatalf("names that are not identifiers: %q", bad)
	}
}

func TestTimeFormatterMatchesAppendTime(t *testing.T) {
	var f codec.TimeFormatter
	base := time.Date(2026, 11, 27, 11, 4, 18, 0, time.UTC)
	for _, d := range []time.Duration{0, 1, 10, 136507000, 999999999, time.Second, time.Second + 120, 61 * time.Second, 24 * time.Hour} {
		ts := base.Add(d)
		if got, want := string(f.Append(nil, ts)), string(codec.AppendTime(nil, ts)); got != want {
			t.Errorf("%v: %s, want %s", d, got, want)
		}
	}
}
