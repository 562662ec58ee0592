package nlb

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/nlbatch/nlbatch/capture"
	"github.com/nlbatch/nlbatch/codec"
)

// small is a hand-made three-message batch whose layout the tests know
// byte by byte:
//
//	128 message 0: RTM_NEWLINK create veth0 (44 bytes), new-ifindex at 20
//	172 message 1: RTM_NEWROUTE with RTA_OIF (36 bytes), ifindex at 32
//	208 message 2: RTM_NEWADDR (32 bytes), ifindex (ifa_index) at 20
//	240 relocs: 3 x 28 bytes, then 4 bytes of padding
//	328 sources: 3 records (44, 51 and 49 bytes)
//	472 meta: created (35 bytes), tool (16 bytes), then 5 bytes of padding
//	528 checksum
func small() *Batch {
	le := binary.LittleEndian
	ifname := []byte{10, 0, 3, 0, 'v', 'e', 't', 'h', '0', 0, 0, 0} // IFLA_IFNAME "veth0"
	link := nlmsg(le, rtmNewlink, codec.FlagRequest|codec.FlagAck|codec.FlagCreate|codec.FlagExcl, 1,
		append(make([]byte, 16), ifname...))
	rtmsg := []byte{2, 24, 0, 0, 254, 4, 0, 1, 0, 0, 0, 0} // inet /24 main static universe unicast
	oif := []byte{8, 0, 4, 0, 0, 0, 0, 0}                  // RTA_OIF placeholder
	route := nlmsg(le, 24, codec.FlagRequest|codec.FlagAck|codec.FlagCreate, 2, append(rtmsg, oif...))
	ifa := []byte{2, 24, 0, 0, 0, 0, 0, 0, 8, 0, 2, 0, 10, 0, 0, 1} // ifaddrmsg, IFA_LOCAL 10.0.0.1
	addr := nlmsg(le, 20, codec.FlagRequest|codec.FlagAck, 3, ifa)
	return &Batch{
		Messages: bytes.Join([][]byte{link, route, addr}, nil),
		Relocs: []Reloc{
			{Message: 0, Offset: 20, Width: 4, Kind: RelocNewIfindex, Symbol: "veth0"},
			{Message: 1, Offset: 32, Width: 4, Kind: RelocIfindex, Symbol: "veth0"},
			{Message: 2, Offset: 20, Width: 4, Kind: RelocIfindex, Symbol: "eth0"},
		},
		Sources: []Source{
			{File: "b.ip", Line: 1, Col: 1, Text: "link add veth0 type veth"},
			{File: "b.ip", Line: 2, Col: 1, Text: "route add 10.9.0.0/24 dev veth0"},
			{File: "b.ip", Line: 3, Col: 1, Text: "addr add 10.0.0.1/24 dev eth0"},
		},
		Meta: map[string]string{"created": "2026-11-27T10:48:24Z", "tool": "test"},
	}
}

// clone returns a deep copy of b.
func clone(b *Batch) *Batch {
	c := *b
	c.Messages = bytes.Clone(b.Messages)
	c.Relocs = append([]Reloc(nil), b.Relocs...)
	c.Sources = append([]Source(nil), b.Sources...)
	if b.Meta != nil {
		c.Meta = make(map[string]string)
		for k, v := range b.Meta {
			c.Meta[k] = v
		}
	}
	return &c
}

func TestSmallLayout(t *testing.T) {
	data := encode(t, small())
	if len(data) != 560 {
		t.Fatalf("file has %d bytes, want 560", len(data))
	}
	want := []byte("\x89NLBATCH\x01\x00\x00\x00\x00\x00\x00\x00\x30\x02\x00\x00\x00\x00\x00\x00\x04\x00\x00\x00\x00\x00\x00\x00")
	if diff := cmp.Diff(want, data[:headerLen]); diff != "" {
		t.Errorf("header (-want +got):\n%s", diff)
	}
	le := binary.LittleEndian
	for _, e := range []struct {
		typ, count uint32
		off, size  uint64
	}{{1, 3, 128, 112}, {2, 3, 240, 84}, {3, 3, 328, 144}, {4, 2, 472, 51}} {
		at := entryOff(int(e.typ))
		got := [4]uint64{uint64(le.Uint32(data[at:])), uint64(le.Uint32(data[at+4:])), le.Uint64(data[at+8:]), le.Uint64(data[at+16:])}
		if got != [4]uint64{uint64(e.typ), uint64(e.count), e.off, e.size} {
			t.Errorf("section %d: got type, count, offset, length %v", e.typ, got)
		}
	}
}

func TestRoundTrip(t *testing.T) {
	tests := []struct {
		name  string
		batch func(t *testing.T) *Batch
	}{
		{"small", func(*testing.T) *Batch { return small() }},
		{"route", func(t *testing.T) *Batch { return batchOf(t, "route.pcap", codec.ProtoRoute, 0) }},
		{"link", func(t *testing.T) *Batch { return batchOf(t, "link.pcap", codec.ProtoRoute, 0) }},
		{"big-endian", func(t *testing.T) *Batch { return batchOf(t, "be-basic.pcap", codec.ProtoRoute, 0) }},
		{"generic", func(t *testing.T) *Batch { return batchOf(t, "genl.pcap", codec.ProtoGeneric, 0) }},
		{"tc", func(t *testing.T) *Batch { return batchOf(t, "tc.pcap", codec.ProtoRoute, 0) }},
		{"nexthop", func(t *testing.T) *Batch { return batchOf(t, "nexthop.pcap", codec.ProtoRoute, 0) }},
		{"raw import", func(t *testing.T) *Batch {
			b := batchOf(t, "neigh.pcap", codec.ProtoRoute, 0)
			b.Relocs, b.Sources, b.Meta = nil, nil, nil
			return b
		}},
		{"empty", func(*testing.T) *Batch { return &Batch{} }},
		{"empty big-endian generic", func(*testing.T) *Batch {
			return &Batch{Protocol: codec.ProtoGeneric, BigEndian: true, Meta: map[string]string{"note": "nothing to do"}}
		}},
		{"zero sources", func(*testing.T) *Batch {
			b := small()
			b.Sources = make([]Source, 3)
			return b
		}},
		{"odd strings", func(*testing.T) *Batch {
			b := small()
			b.Sources[1] = Source{File: "", Line: 0, Col: 0, Text: "multi\nline\x00 text ✓"}
			b.Meta = map[string]string{"é": "", "\x00": "nul key", "input": "a.json,b.yaml"}
			return b
		}},
		{"widths", func(*testing.T) *Batch {
			b := small()
			b.Relocs[1].Width = 2
			b.Relocs = append(b.Relocs[:2], Reloc{Message: 1, Offset: 34, Width: 1, Kind: RelocIfindex, Symbol: "x"}, b.Relocs[2])
			return b
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := tt.batch(t)
			data := encode(t, want)
			got, err := Read(bytes.NewReader(data))
			if err != nil {
				t.Fatalf("Read: %v", err)
			}
			if diff := cmp.Diff(want, got, cmpopts.EquateEmpty()); diff != "" {
				t.Fatalf("Read(Write(b)) (-want +got):\n%s", diff)
			}
			parsed, err := Parse(data)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if diff := cmp.Diff(got, parsed); diff != "" {
				t.Errorf("Parse differs from Read (-want +got):\n%s", diff)
			}
			if again := encode(t, got); !bytes.Equal(again, data) {
				t.Errorf("Write(Read(f)) differs from f")
			}
			order := binary.ByteOrder(binary.LittleEndian)
			if got.BigEndian {
				order = binary.BigEndian
			}
			msgs, err := codec.DecodeAll(got.Protocol, order, got.Messages)
			if err != nil {
				t.Fatalf("DecodeAll: %v", err)
			}
			if len(msgs) != got.Count() {
				t.Fatalf("DecodeAll found %d messages, Count %d", len(msgs), got.Count())
			}
			for i, m := range msgs {
				if m.Header.Seq != uint32(i+1) || !bytes.Equal(m.Raw, got.MessageAt(i)) {
					t.Fatalf("message %d: seq %d, raw equal %v", i, m.Header.Seq, bytes.Equal(m.Raw, got.MessageAt(i)))
				}
			}
			t.Logf("%d messages, %d relocs, %d bytes", got.Count(), len(got.Relocs), len(data))
		})
	}
}

// TestRelocPlaces checks that the relocations of a batch compiled from a
// capture sit on the interface indexes: decoding a message and looking
// up the node at each relocation finds an index field or attribute.
func TestRelocPlaces(t *testing.T) {
	for _, name := range []string{"route.pcap", "link.pcap", "be-basic.pcap"} {
		b := batchOf(t, name, codec.ProtoRoute, 0)
		kinds := map[RelocKind]int{}
		for _, r := range b.Relocs {
			m, err := codec.Decode(b.Protocol, b.order(), b.MessageAt(int(r.Message)))
			if err != nil {
				t.Fatal(err)
			}
			found := ""
			for _, f := range ifindexFields {
				n := m.Find(f)
				if n == nil {
					continue
				}
				off := n.Offset
				if n.Kind == codec.NodeAttr {
					off += codec.AttrHeaderLen
				}
				if off == int(r.Offset) {
					found = f
				}
			}
			if found == "" {
				t.Errorf("%s: %+v points at no interface index", name, r)
			}
			kinds[r.Kind]++
		}
		if name != "be-basic.pcap" && (kinds[RelocIfindex] == 0 || kinds[RelocNewIfindex] == 0) {
			t.Errorf("%s: relocations by kind %v, want both kinds", name, kinds)
		}
	}
}

func TestBuilder(t *testing.T) {
	be := binary.BigEndian
	bld := &Builder{BigEndian: true, Meta: map[string]string{"tool": "t"}}
	m0 := nlmsg(be, 18, codec.FlagRequest|codec.FlagDump, 77, []byte{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0})
	m1 := nlmsg(be, 24, codec.FlagRequest, 77, []byte{10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 8, 0, 4, 0, 0, 0, 0, 0, 5, 0, 9, 0, 1})
	if i := bld.Append(m0, Source{}); i != 0 {
		t.Fatalf("Append = %d, want 0", i)
	}
	m1len := 16 + 25
	if i := bld.Append(m1[:m1len], Source{}); i != 1 {
		t.Fatalf("Append = %d, want 1", i)
	}
	bld.AddReloc(1, 32, 4, RelocIfindex, "eth1")
	bld.AddReloc(0, 20, 4, RelocIfindex, "eth0")
	got := bld.Batch()
	want := &Batch{
		BigEndian: true,
		Messages:  append(append([]byte(nil), m0...), m1...),
		Relocs: []Reloc{
			{Message: 0, Offset: 20, Width: 4, Kind: RelocIfindex, Symbol: "eth0"},
			{Message: 1, Offset: 32, Width: 4, Kind: RelocIfindex, Symbol: "eth1"},
		},
		Meta: map[string]string{"tool": "t"},
	}
	be.PutUint32(want.Messages[8:], 1)
	be.PutUint32(want.Messages[len(m0)+8:], 2)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("Batch() (-want +got):\n%s", diff)
	}
	if err := got.Verify(); err != nil {
		t.Fatal(err)
	}
	bld.Append(m0, Source{File: "x", Line: 3})
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Append changed an earlier batch (-want +got):\n%s", diff)
	}
	if got := bld.Batch().Sources; len(got) != 3 || got[2].File != "x" {
		t.Errorf("Sources = %+v, want 3 with the last from x", got)
	}
}

func TestRenumber(t *testing.T) {
	for _, name := range []string{"route.pcap", "be-basic.pcap"} {
		reqs := capturedRequests(t, name, codec.ProtoRoute)
		var raw []byte
		bld := &Builder{BigEndian: reqs[0].msg.Big}
		for _, rq := range reqs {
			raw = append(raw, rq.msg.Raw...)
			for len(raw)%4 != 0 {
				raw = append(raw, 0)
			}
			bld.Append(rq.msg.Raw, Source{})
		}
		if err := Renumber(raw, bld.BigEndian); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(bld.Batch().Messages, raw); diff != "" {
			t.Errorf("%s: Renumber (-want +got):\n%s", name, diff)
		}
	}
	bad := append(nlmsg(binary.LittleEndian, 16, 1, 9, nil), 20, 0, 0, 0)
	err := Renumber(bad, false)
	var fe *FormatError
	if !errors.As(err, &fe) || fe.Offset != 16 || fe.Message != 1 {
		t.Fatalf("Renumber of a truncated buffer: %v, want a FormatError at byte 16, message 1", err)
	}
	if seq := binary.LittleEndian.Uint32(bad[8:]); seq != 1 {
		t.Errorf("first message renumbered to %d, want 1", seq)
	}
}

func TestEach(t *testing.T) {
	b := small()
	var lens []int
	err := b.Each(func(i int, msg []byte) error {
		if !bytes.Equal(msg, b.MessageAt(i)) {
			t.Errorf("Each and MessageAt differ at %d", i)
		}
		lens = append(lens, len(msg))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]int{44, 36, 32}, lens); diff != "" {
		t.Errorf("lengths (-want +got):\n%s", diff)
	}
	if b.Count() != 3 || b.MessageAt(3) != nil || b.MessageAt(-1) != nil {
		t.Errorf("Count = %d, MessageAt(3) = %v, MessageAt(-1) = %v", b.Count(), b.MessageAt(3), b.MessageAt(-1))
	}
	stop := errors.New("stop here")
	n := 0
	if err := b.Each(func(int, []byte) error { n++; return stop }); err != stop || n != 1 {
		t.Errorf("Each returned %v after %d calls, want the callback's error after 1", err, n)
	}
	b.Messages = b.Messages[:100]
	var fe *FormatError
	if err := b.Each(func(int, []byte) error { return nil }); !errors.As(err, &fe) || fe.Message != 2 || fe.Offset != 208 {
		t.Errorf("Each on a cut batch: %v, want message 2 at byte 208", err)
	}
	if b.Count() != 2 {
		t.Errorf("Count of a cut batch = %d, want the 2 whole messages", b.Count())
	}
}

func TestExport(t *testing.T) {
	b := batchOf(t, "be-basic.pcap", codec.ProtoRoute, 0)
	var raw bytes.Buffer
	if err := b.WriteRaw(&raw); err != nil || !bytes.Equal(raw.Bytes(), b.Messages) {
		t.Fatalf("WriteRaw: %v, equal %v", err, bytes.Equal(raw.Bytes(), b.Messages))
	}
	var pcap bytes.Buffer
	if err := b.WritePcap(&pcap); err != nil {
		t.Fatal(err)
	}
	for _, in := range []struct {
		name string
		data []byte
		opts capture.Options
	}{{"pcap", pcap.Bytes(), capture.Options{}}, {"raw", raw.Bytes(), capture.Options{Order: binary.BigEndian}}} {
		r, err := capture.NewReader(bytes.NewReader(in.data), in.opts)
		if err != nil {
			t.Fatal(err)
		}
		if got := string(r.Format()); got != in.name {
			t.Errorf("%s detected as %s", in.name, got)
		}
		var got [][]byte
		for {
			fr, err := r.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("%s: %v", in.name, err)
			}
			if fr.Protocol != b.Protocol {
				t.Errorf("%s frame %d: protocol %d", in.name, fr.Num, fr.Protocol)
			}
			got = append(got, bytes.Clone(fr.Data))
		}
		var want [][]byte
		b.Each(func(_ int, msg []byte) error { want = append(want, msg); return nil })
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s frames (-want +got):\n%s", in.name, diff)
		}
	}
	var out bytes.Buffer
	bad := small()
	bad.Relocs[0].Width = 3
	if bad.WritePcap(&out) == nil || bad.WriteRaw(&out) == nil || out.Len() != 0 {
		t.Errorf("export of an invalid batch wrote %d bytes", out.Len())
	}
}

func TestCheckSymbol(t *testing.T) {
	tests := []struct {
		name string
		ok   bool
	}{
		{"eth0", true}, {"veth-peer.100", true}, {"a", true}, {"123456789012345", true}, {"ünï", true},
		{"", false}, {"1234567890123456", false}, {".", false}, {"..", false}, {"a/b", false},
		{"a:1", false}, {"a b", false}, {"a\tb", false}, {"a\x00", false}, {"\xa0", false}, {"x\n", false},
	}
	for _, tt := range tests {
		if err := CheckSymbol(tt.name); (err == nil) != tt.ok {
			t.Errorf("CheckSymbol(%q) = %v, want ok %v", tt.name, err, tt.ok)
		}
	}
}

func TestErrorText(t *testing.T) {
	b := small()
	b.Relocs[1].Offset = 8
	err := b.Verify()
	want := "nlb: relocs at byte 272: message 1: reloc 1: offset 8 inside the nlmsghdr"
	if err == nil || err.Error() != want {
		t.Fatalf("Verify() = %v, want %s", err, want)
	}
	var out bytes.Buffer
	if err := Write(&out, b); err == nil || out.Len() != 0 {
		t.Errorf("Write of an invalid batch: %v, wrote %d bytes", err, out.Len())
	}
}

type failWriter struct{ n int }

func (w *failWriter) Write(p []byte) (int, error) {
	if w.n <= 0 {
		return 0, errors.New("disk full")
	}
	w.n--
	return len(p), nil
}

func TestWriteError(t *testing.T) {
	for n := range 2 {
		err := Write(&failWriter{n: n}, small())
		if err == nil || !strings.HasPrefix(err.Error(), "nlb: write: ") || !strings.Contains(err.Error(), "disk full") {
			t.Errorf("Write after %d writes: %v", n, err)
		}
	}
}

func TestReadError(t *testing.T) {
	data := encode(t, small())
	r := io.MultiReader(bytes.NewReader(data[:200]), &failReader{})
	if _, err := Read(r); err == nil || !strings.Contains(err.Error(), "nlb: read: ") {
		t.Errorf("Read from a failing reader: %v", err)
	}
}

type failReader struct{}

func (*failReader) Read([]byte) (int, error) { return 0, errors.New("i/o error") }
