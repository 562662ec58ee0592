package nlb

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/nlbatch/nlbatch/capture"
	"github.com/nlbatch/nlbatch/codec"
)

// request is a request captured on an nlmon device.
type request struct {
	msg   *codec.Msg // decoded; Raw is a private copy
	frame int        // capture frame number
}

// capturedRequests returns the requests (NLM_F_REQUEST set, not control
// messages) of netlink protocol proto in a bundled capture, in order.
// One decoder reads the whole capture, so Msg.Links names the interfaces
// that the kernel announced before each request.
func capturedRequests(t testing.TB, name string, proto int) []request {
	t.Helper()
	f, err := os.Open(filepath.Join("..", "testdata", "pcaps", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r, err := capture.NewReader(f, capture.Options{})
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	d := &codec.Decoder{Keep: true}
	var out []request
	for {
		fr, err := r.Next()
		if err != nil {
			break
		}
		if fr.Protocol != proto {
			continue
		}
		err = d.DecodeFrame(proto, bytes.Clone(fr.Data), func(m *codec.Msg) error {
			if m.Header.Flags&codec.FlagRequest != 0 && m.Header.Type >= codec.MinType {
				out = append(out, request{msg: m, frame: fr.Num})
			}
			return nil
		})
		if err != nil {
			t.Fatalf("%s frame %d: %v", name, fr.Num, err)
		}
	}
	if len(out) == 0 {
		t.Fatalf("%s: no requests of protocol %d", name, proto)
	}
	return out
}

// ifindexFields are the interface indexes that batchOf turns into
// relocations: header fields and attributes.
var ifindexFields = []string{"ifi_index", "ifa_index", "ndm_ifindex", "RTA_OIF", "RTA_IIF", "IFLA_LINK", "IFLA_MASTER"}

// batchOf compiles the first max (0: all) captured requests of protocol
// proto into a batch, as the compiler would: sources from the capture,
// metadata, and every interface index turned into a relocation with a
// zero placeholder: the ifi_index of an RTM_NEWLINK that creates an
// interface becomes a RelocNewIfindex, other indexes a RelocIfindex of
// the name the kernel gave that index in the capture ("ifN" if unknown).
func batchOf(t testing.TB, name string, proto int, max int) *Batch {
	t.Helper()
	reqs := capturedRequests(t, name, proto)
	if max > 0 && len(reqs) > max {
		reqs = reqs[:max]
	}
	bld := &Builder{Protocol: proto, BigEndian: reqs[0].msg.Big, Meta: map[string]string{
		"tool": "nlb.test", "created": "2026-11-27T10:48:24Z", "input": name,
	}}
	created := map[string]bool{}
	type fix struct {
		off  int
		kind RelocKind
		sym  string
	}
	for _, rq := range reqs {
		m := rq.msg
		if m.Big != bld.BigEndian {
			t.Fatalf("%s frame %d: mixed byte orders", name, rq.frame)
		}
		msg := bytes.Clone(m.Raw)
		order := m.Order()
		var fixes []fix
		for _, field := range ifindexFields {
			n := m.Find(field)
			if n == nil || len(n.Data) != 4 || proto != codec.ProtoRoute {
				continue
			}
			off := n.Offset
			if n.Kind == codec.NodeAttr {
				off += codec.AttrHeaderLen
			}
			v := order.Uint32(msg[off:])
			if field == "ifi_index" && m.Header.Type == rtmNewlink && m.Header.Flags&codec.FlagCreate != 0 {
				ifn := m.Find("IFLA_IFNAME")
				if v != 0 || ifn == nil || CheckSymbol(ifn.Text()) != nil || created[ifn.Text()] {
					continue
				}
				created[ifn.Text()] = true
				fixes = append(fixes, fix{off, RelocNewIfindex, ifn.Text()})
				continue
			}
			if v == 0 {
				continue
			}
			sym := m.Links[v]
			if CheckSymbol(sym) != nil {
				sym = fmt.Sprintf("if%d", v)
			}
			fixes = append(fixes, fix{off, RelocIfindex, sym})
		}
		for _, f := range fixes {
			clear(msg[f.off : f.off+4])
		}
		i := bld.Append(msg, Source{File: name, Line: rq.frame, Col: m.Index + 1, Text: string(codec.AppendSummary(nil, m))})
		for _, f := range fixes {
			bld.AddReloc(i, f.off, 4, f.kind, f.sym)
		}
	}
	return bld.Batch()
}

// encode writes b and fails the test on error.
func encode(t testing.TB, b *Batch) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, b); err != nil {
		t.Fatalf("Write: %v", err)
	}
	return buf.Bytes()
}

// reseal sets the file length field to len(data) and recomputes the
// checksum, so that a modified file reaches the checks after them.
func reseal(data []byte) []byte {
	if len(data) < headerLen+checksumLen {
		return data
	}
	binary.LittleEndian.PutUint64(data[16:], uint64(len(data)))
	sum := sha256.Sum256(data[:len(data)-checksumLen])
	copy(data[len(data)-checksumLen:], sum[:])
	return data
}

// nlmsg builds a request: header in order o, then payload, padded.
func nlmsg(o binary.ByteOrder, typ, flags uint16, seq uint32, payload []byte) []byte {
	b := make([]byte, 16, 16+len(payload)+3)
	o.PutUint32(b[0:], uint32(16+len(payload)))
	o.PutUint16(b[4:], typ)
	o.PutUint16(b[6:], flags)
	o.PutUint32(b[8:], seq)
	o.PutUint32(b[12:], 4242)
	b = append(b, payload...)
	for len(b)%4 != 0 {
		b = append(b, 0)
	}
	return b
}
