package fuzz

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/nlbatch/nlbatch/capture"
	"github.com/nlbatch/nlbatch/codec"
	"github.com/nlbatch/nlbatch/nlb"
)

// nlbFuzzMinFile is the length of the smallest .nlb file: header, section
// table and checksum (docs/format.md).
const nlbFuzzMinFile = 160

// nlbFuzzRequests returns up to max requests of protocol proto from a
// bundled capture, and whether they are big-endian.
func nlbFuzzRequests(tb testing.TB, name string, proto, max int) ([][]byte, bool) {
	f, err := os.Open("../testdata/pcaps/" + name)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	r, err := capture.NewReader(f, capture.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	var out [][]byte
	big := false
	for len(out) < max {
		fr, err := r.Next()
		if err != nil {
			break
		}
		if fr.Protocol != proto {
			continue
		}
		msgs, _ := codec.DecodeAll(proto, nil, fr.Data)
		for _, m := range msgs {
			if m.Header.Flags&codec.FlagRequest != 0 && m.Header.Type >= codec.MinType && len(out) < max {
				out = append(out, bytes.Clone(m.Raw))
				big = m.Big
			}
		}
	}
	return out, big
}

// nlbFuzzSeeds writes a few batches: captured requests in both byte
// orders and of two protocols, a hand-made batch with relocations of both
// kinds, and an empty one.
func nlbFuzzSeeds(tb testing.TB) [][]byte {
	var seeds [][]byte
	add := func(b *nlb.Batch) {
		var buf bytes.Buffer
		if err := nlb.Write(&buf, b); err != nil {
			tb.Fatalf("seed: %v", err)
		}
		seeds = append(seeds, buf.Bytes())
	}
	for _, c := range []struct {
		file  string
		proto int
	}{{"route.pcap", codec.ProtoRoute}, {"be-basic.pcap", codec.ProtoRoute}, {"genl.pcap", codec.ProtoGeneric}} {
		msgs, big := nlbFuzzRequests(tb, c.file, c.proto, 12)
		bld := &nlb.Builder{Protocol: c.proto, BigEndian: big, Meta: map[string]string{"tool": "fuzz", "input": c.file}}
		for i, m := range msgs {
			bld.Append(m, nlb.Source{File: c.file, Line: i + 1, Col: 1, Text: "request"})
		}
		add(bld.Batch())
	}

	le := binary.LittleEndian
	msg := func(typ, flags uint16, payload []byte) []byte {
		b := le.AppendUint32(nil, uint32(16+len(payload)))
		b = le.AppendUint16(b, typ)
		b = le.AppendUint16(b, flags)
		return append(append(b, make([]byte, 8)...), payload...)
	}
	ifname := []byte{9, 0, 3, 0, 'v', 'e', 't', 'h', 0, 0, 0, 0}
	bld := &nlb.Builder{}
	i := bld.Append(msg(16, codec.FlagRequest|codec.FlagCreate, append(make([]byte, 16), ifname...)), nlb.Source{File: "b.ip", Line: 1, Col: 1, Text: "link add veth type veth"})
	bld.AddReloc(i, 20, 4, nlb.RelocNewIfindex, "veth")
	i = bld.Append(msg(24, codec.FlagRequest|codec.FlagCreate, []byte{2, 24, 0, 0, 254, 4, 0, 1, 0, 0, 0, 0, 8, 0, 4, 0, 0, 0, 0, 0}), nlb.Source{File: "b.ip", Line: 2, Col: 1, Text: "route add 10.0.0.0/24 dev veth"})
	bld.AddReloc(i, 32, 4, nlb.RelocIfindex, "veth")
	add(bld.Batch())
	add(&nlb.Batch{})
	return seeds
}

// nlbFuzzReseal makes data's header length and checksum match its
// content, so that mutations reach the checks after the checksum.
func nlbFuzzReseal(data []byte) []byte {
	binary.LittleEndian.PutUint64(data[16:], uint64(len(data)))
	sum := sha256.Sum256(data[:len(data)-sha256.Size])
	copy(data[len(data)-sha256.Size:], sum[:])
	return data
}

// FuzzNLBRead feeds .nlb files to nlb.Read, as they are and resealed
// (length and checksum recomputed, as a forger would). Invariants: Read
// never panics; it fails with a *nlb.FormatError, and Parse fails the
// same way; a file it accepts verifies, writes back to the identical
// bytes (the format has one encoding per batch), reads back to a batch
// equal to the first, and its messages decode with codec.DecodeAll
// without a framing error, one decoded message per message of the
// batch, each with the bytes MessageAt gives.
func FuzzNLBRead(f *testing.F) {
	for _, s := range nlbFuzzSeeds(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		nlbFuzzOne(t, data)
		if len(data) >= nlbFuzzMinFile {
			nlbFuzzOne(t, nlbFuzzReseal(bytes.Clone(data)))
		}
	})
}

func nlbFuzzOne(t *testing.T, data []byte) {
	b, err := nlb.Read(bytes.NewReader(data))
	_, perr := nlb.Parse(data)
	if (err == nil) != (perr == nil) || err != nil && err.Error() != perr.Error() {
		t.Fatalf("Read says %v, Parse %v", err, perr)
	}
	if err != nil {
		var fe *nlb.FormatError
		if !errorsAs(err, &fe) {
			t.Fatalf("error %v (%T) is not a *nlb.FormatError", err, err)
		}
		return
	}
	if err := b.Verify(); err != nil {
		t.Fatalf("Read accepted a batch that does not verify: %v", err)
	}
	var out bytes.Buffer
	if err := nlb.Write(&out, b); err != nil {
		t.Fatalf("Write of a batch Read accepted: %v", err)
	}
	if !bytes.Equal(out.Bytes(), data) {
		t.Fatalf("Write(Read(f)) differs from f:\n got %x\nwant %x", out.Bytes(), data)
	}
	again, err := nlb.Read(bytes.NewReader(out.Bytes()))
	if err != nil {
		t.Fatalf("Read(Write(Read(f))): %v", err)
	}
	if diff := cmp.Diff(b, again); diff != "" {
		t.Fatalf("Read(Write(b)) (-want +got):\n%s", diff)
	}
	var order binary.ByteOrder = binary.LittleEndian
	if b.BigEndian {
		order = binary.BigEndian
	}
	msgs, err := codec.DecodeAll(b.Protocol, order, b.Messages)
	if err != nil {
		t.Fatalf("messages of a verified batch do not decode: %v", err)
	}
	if len(msgs) != b.Count() {
		t.Fatalf("DecodeAll found %d messages, Count %d", len(msgs), b.Count())
	}
	for i, m := range msgs {
		if !bytes.Equal(m.Raw, b.MessageAt(i)) || m.Header.Seq != uint32(i+1) {
			t.Fatalf("message %d: decoded %x (seq %d), MessageAt %x", i, m.Raw, m.Header.Seq, b.MessageAt(i))
		}
	}
}

// nlbFuzzSymbols are the relocation symbols FuzzNLBWrite draws from,
// valid and not.
var nlbFuzzSymbols = []string{"eth0", "veth0", "veth0", "a", "123456789012345", "", "1234567890123456", "a/b", ".", "x y", "\xa0"}

// FuzzNLBWrite builds batches from arbitrary messages and relocation
// tables (sequence numbers renumbered and placeholders cleared on
// request, so that valid batches are common) and checks: Write succeeds
// exactly when Verify does; when it fails it writes nothing and the error
// is a *nlb.FormatError; when it succeeds, Read gives the batch back and
// Write(Read(f)) gives f back.
func FuzzNLBWrite(f *testing.F) {
	for _, s := range nlbFuzzSeeds(f) {
		b, err := nlb.Read(bytes.NewReader(s))
		if err != nil {
			f.Fatal(err)
		}
		var table []byte
		for _, r := range b.Relocs {
			table = append(table, byte(r.Message), byte(r.Offset), byte(r.Offset>>8), r.Width, byte(r.Kind), 1+2*byte(len(r.Symbol)%3))
		}
		f.Add(b.Messages, byte(b.Protocol), b.BigEndian, table, byte(3), "tool")
	}
	f.Fuzz(func(t *testing.T, msgs []byte, proto byte, big bool, table []byte, mode byte, meta string) {
		b := &nlb.Batch{Protocol: int(proto % 40), BigEndian: big, Messages: bytes.Clone(msgs)}
		if mode&1 != 0 {
			nlb.Renumber(b.Messages, big)
		}
		n := b.Count()
		for len(table) >= 6 {
			e := table[:6]
			table = table[6:]
			r := nlb.Reloc{
				Message: uint32(int(e[0]) % (n + 1)),
				Offset:  uint32(e[1]) | uint32(e[2])<<8,
				Width:   e[3],
				Kind:    nlb.RelocKind(e[4] % 4),
				Symbol:  nlbFuzzSymbols[int(e[5])%len(nlbFuzzSymbols)],
			}
			b.Relocs = append(b.Relocs, r)
			if mode&2 != 0 {
				if m := b.MessageAt(int(r.Message)); m != nil && int(r.Offset)+int(r.Width) <= len(m) {
					clear(m[r.Offset : int(r.Offset)+int(r.Width)])
				}
			}
		}
		if mode&4 != 0 {
			b.Sources = make([]nlb.Source, n)
			for i := range b.Sources {
				b.Sources[i] = nlb.Source{File: meta, Line: i, Col: int(mode), Text: meta}
			}
		}
		if mode&8 != 0 {
			b.Meta = map[string]string{meta: meta, "tool": "fuzz"}
		}
		verr := b.Verify()
		var out bytes.Buffer
		werr := nlb.Write(&out, b)
		if (verr == nil) != (werr == nil) {
			t.Fatalf("Verify says %v, Write %v", verr, werr)
		}
		if werr != nil {
			var fe *nlb.FormatError
			if !errorsAs(werr, &fe) || out.Len() != 0 {
				t.Fatalf("Write failed with %v (%T) after writing %d bytes", werr, werr, out.Len())
			}
			return
		}
		got, err := nlb.Read(bytes.NewReader(out.Bytes()))
		if err != nil {
			t.Fatalf("Read(Write(b)): %v", err)
		}
		if diff := cmp.Diff(b, got, cmpopts.EquateEmpty()); diff != "" {
			t.Fatalf("Read(Write(b)) (-want +got):\n%s", diff)
		}
		nlbFuzzOne(t, out.Bytes())
	})
}
