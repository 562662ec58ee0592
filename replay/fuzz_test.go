package replay

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"strings"
	"testing"

	"github.com/nlbatch/nlbatch/batch"
	"github.com/nlbatch/nlbatch/codec"
	"github.com/nlbatch/nlbatch/nlb"
)

// fuzzLinks is the target the fuzzed batches resolve against.
func fuzzLinks() *linkTable {
	t := &linkTable{byName: map[string]uint32{"lo": 1, "eth0": 2, "br0": 7}, used: map[uint32]bool{1: true, 2: true, 7: true}, max: 7}
	return t
}

// fuzzSeedBatches are .nlb files of the kinds of batches the replayer
// sees: created links referred to later, renames, dumps.
func fuzzSeedBatches(f *testing.F) {
	seeds := []string{
		labBatch,
		lines(`{"route": "add", "dst": "10.1.0.0/16", "oif": "eth0"}`, `{"type": "RTM_GETLINK", "flags": ["NLM_F_DUMP"]}`),
		lines(`{"link": "set", "index": "eth0", "ifname": "wan0"}`, `{"route": "add", "dst": "10.1.0.0/16", "oif": "wan0"}`),
		lines(`{"link": "add", "ifname": "eth0", "kind": "veth", "peer": "p0"}`, `{"addr": "add", "index": "p0", "address": "10.0.0.1", "prefixlen": 8}`),
	}
	for _, s := range seeds {
		c := batch.NewCompiler(batch.Options{})
		if err := batch.CompileJSON(c, "seed.json", strings.NewReader(s)); err != nil {
			f.Fatal(err)
		}
		var buf bytes.Buffer
		if err := nlb.Write(&buf, c.Batch()); err != nil {
			f.Fatal(err)
		}
		f.Add(buf.Bytes())
	}
}

// FuzzResolve runs the replayer's checks and name resolution on any
// batch that nlb accepts. Invariants: no panic; a batch that passes the
// policy holds only known rtnetlink requests (dumps only when allowed);
// resolution patches exactly the relocations' bytes, every existing
// interface to its index, every created one to a fresh index or leaves
// it 0, never one index for two created interfaces.
func FuzzResolve(f *testing.F) {
	fuzzSeedBatches(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		// Mutations rarely keep the checksum right: seal the file again
		// so that they reach the replayer.
		if len(data) >= 160 {
			data = bytes.Clone(data)
			binary.LittleEndian.PutUint64(data[16:], uint64(len(data)))
			sum := sha256.Sum256(data[:len(data)-32])
			copy(data[len(data)-32:], sum[:])
		}
		b, err := nlb.Parse(data)
		if err != nil {
			return
		}
		for policy := range 4 {
			fuzzResolveOne(t, b, policy)
		}
	})
}

func fuzzResolveOne(t *testing.T, b *nlb.Batch, policy int) {
	{
		opts := Options{AllowDumps: policy&1 != 0}
		if policy&2 != 0 {
			opts.Allow = []string{"route", "addr", "link"}
		}
		p, err := prepare(b, &opts)
		if err != nil {
			return
		}
		route := codec.LookupProtocol(codec.ProtoRoute)
		for i, off := range p.offsets {
			h, _ := codec.ParseHeader(p.msgs[off:], native)
			def := route.Lookup(h.Type)
			if def == nil || h.Flags&codec.FlagRequest == 0 || (isDump(def, h.Flags) && !opts.AllowDumps) {
				t.Fatalf("message %d (type %d flags %#x) passed the policy", i, h.Type, h.Flags)
			}
		}
		links := fuzzLinks()
		res, err := resolve(b, p.msgs, p.offsets, links)
		if err != nil {
			var re *Error
			if !errors.As(err, &re) || re.Message < 0 {
				t.Fatalf("resolve error %v does not name a message", err)
			}
			return
		}
		// Outside the relocation slots, the bytes are the batch's.
		patched := make([]bool, len(p.msgs))
		for _, r := range b.Relocs {
			start := p.offsets[r.Message] + int(r.Offset)
			for j := start; j < start+int(r.Width); j++ {
				patched[j] = true
			}
		}
		for j := range p.msgs {
			if !patched[j] && p.msgs[j] != b.Messages[j] {
				t.Fatalf("byte %d changed outside every relocation", j)
			}
		}
		seen := map[uint32]string{}
		for name, idx := range res.Created {
			if idx == 0 || (fuzzLinks().used[idx]) {
				t.Fatalf("created %q got index %d, in use on the target", name, idx)
			}
			if other, dup := seen[idx]; dup {
				t.Fatalf("%q and %q both got index %d", name, other, idx)
			}
			seen[idx] = name
		}
		for name, idx := range res.Existing {
			if idx == 0 {
				t.Fatalf("existing %q resolved to 0", name)
			}
		}
	}
}

// FuzzAck parses any bytes as the kernel's replies: no panic, and the
// attribute naming copes with any TLVs against any request.
func FuzzAck(f *testing.F) {
	f.Add([]byte("\x34\x00\x00\x00\x02\x00\x00\x03\x01\x00\x00\x00\x00\x00\x00\x00\x9b\xff\xff\xff\x24\x00\x00\x00\x18\x00\x05\x06\x01\x00\x00\x00\x00\x00\x00\x00\x08\x00\x02\x00\x24\x00\x00\x00"), []byte("\x24\x00\x00\x00\x18\x00\x05\x06\x01\x00\x00\x00\x00\x00\x00\x00\x02\x10\x00\x00\x00\x00\x00\x00\x08\x00\x04\x00\x01\x00\x00\x00"))
	f.Fuzz(func(t *testing.T, reply, req []byte) {
		_ = walkMessages(reply, func(h codec.Header, m []byte) error {
			if int(h.Len) != len(m) {
				t.Fatalf("walk gave %d bytes for nlmsg_len %d", len(m), h.Len)
			}
			if h.Type != codec.TypeError {
				return nil
			}
			a, err := parseAck(m, true)
			if err != nil {
				return nil
			}
			if strings.ContainsRune(a.msg, 0) {
				t.Fatalf("ext-ack text %q keeps a NUL", a.msg)
			}
			nameAttrs(req, a)
			return nil
		})
	})
}
