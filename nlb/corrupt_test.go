package nlb

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"runtime"
	"testing"

	"github.com/nlbatch/nlbatch/codec"
)

// samples are files compiled from captured requests, in both payload
// byte orders, with relocations of both kinds, sources and metadata.
func samples(t *testing.T) map[string][]byte {
	return map[string][]byte{
		"link (little-endian)":    encode(t, batchOf(t, "link.pcap", codec.ProtoRoute, 40)),
		"be-basic (big-endian)":   encode(t, batchOf(t, "be-basic.pcap", codec.ProtoRoute, 0)),
		"small (hand-made, 560B)": encode(t, small()),
	}
}

// errorKind sorts a Read error for the tallies.
func errorKind(err error) string {
	for _, s := range []error{ErrChecksum, ErrTruncated, ErrMagic, ErrVersion} {
		if errors.Is(err, s) {
			return s.Error()
		}
	}
	var fe *FormatError
	if errors.As(err, &fe) {
		return "other (" + fe.Section + ")"
	}
	return "not a FormatError"
}

// TestBitFlips flips every bit of every byte of each sample in turn:
// Read must refuse every one of them.
func TestBitFlips(t *testing.T) {
	for name, data := range samples(t) {
		tally := map[string]int{}
		mutated := bytes.Clone(data)
		for i := range mutated {
			for bit := range 8 {
				mutated[i] ^= 1 << bit
				_, err := Read(bytes.NewReader(mutated))
				mutated[i] ^= 1 << bit
				if err == nil {
					t.Fatalf("%s: flipping bit %d of byte %d went undetected", name, bit, i)
				}
				tally[errorKind(err)]++
			}
		}
		if n := tally["not a FormatError"]; n > 0 {
			t.Errorf("%s: %d errors are not *FormatError", name, n)
		}
		t.Logf("%s: %d bytes, %d bit flips, all detected: %v", name, len(data), len(data)*8, tally)
	}
}

// TestTruncation cuts each sample at every length, and appends bytes:
// Read must refuse every one, as truncated.
func TestTruncation(t *testing.T) {
	for name, data := range samples(t) {
		for n := range len(data) {
			_, err := Read(bytes.NewReader(data[:n]))
			if !errors.Is(err, ErrTruncated) {
				t.Fatalf("%s cut to %d bytes: %v, want ErrTruncated", name, n, err)
			}
			if _, err2 := Parse(data[:n]); err2 == nil || err2.Error() != err.Error() {
				t.Fatalf("%s cut to %d bytes: Parse says %v, Read %v", name, n, err2, err)
			}
		}
		for _, tail := range [][]byte{{0}, {0xff}, make([]byte, 32), data} {
			if _, err := Read(bytes.NewReader(append(bytes.Clone(data), tail...))); err == nil {
				t.Fatalf("%s with %d bytes appended was accepted", name, len(tail))
			}
		}
		t.Logf("%s: %d truncations and 4 extensions detected", name, len(data))
	}
}

// TestCanonical sets each byte of each sample to other values and
// recomputes the checksum and length, as a forger (or a broken writer)
// would. Read either refuses the file or accepts a batch that writes back
// to exactly the same bytes: a batch has one encoding, so nothing in a
// file can change without changing the batch.
func TestCanonical(t *testing.T) {
	for name, data := range samples(t) {
		body := len(data) - checksumLen
		accepted, refused := 0, 0
		mutated := bytes.Clone(data)
		for i := range body {
			for _, v := range []byte{data[i] ^ 0x01, data[i] ^ 0x80, data[i] + 4, 0x00, 0xff} {
				if v == data[i] {
					continue
				}
				copy(mutated, data)
				mutated[i] = v
				reseal(mutated)
				b, err := Read(bytes.NewReader(mutated))
				if err != nil {
					refused++
					continue
				}
				accepted++
				var out bytes.Buffer
				if err := Write(&out, b); err != nil {
					t.Fatalf("%s: byte %d = %#x: read, but Write fails: %v", name, i, v, err)
				}
				if !bytes.Equal(out.Bytes(), mutated) {
					t.Fatalf("%s: byte %d = %#x: accepted, but writes back differently", name, i, v)
				}
			}
		}
		t.Logf("%s: %d resealed byte changes refused by the layout and Verify checks, %d accepted as different batches (message payloads, strings)", name, refused, accepted)
	}
}

// allocated returns the bytes allocated while f runs.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// zeros is an endless stream of zero bytes.
type zeros struct{}

func (zeros) Read(p []byte) (int, error) { clear(p); return len(p), nil }

// TestHostile feeds headers and tables that claim huge sizes: each must
// fail at once, allocating in proportion to the input, not to the claim.
func TestHostile(t *testing.T) {
	le := binary.LittleEndian
	valid := encode(t, small())
	header := func(size uint64) []byte {
		h := bytes.Clone(valid[:headerLen])
		le.PutUint64(h[16:], size)
		return h
	}
	patched := func(at int, v uint64, width int) []byte {
		d := bytes.Clone(valid)
		if width == 4 {
			le.PutUint32(d[at:], uint32(v))
		} else {
			le.PutUint64(d[at:], v)
		}
		return reseal(d)
	}
	tests := []struct {
		name  string
		input func() io.Reader
		limit uint64 // bytes Read may allocate
	}{
		{"100 bytes claiming 4 GiB", func() io.Reader {
			return bytes.NewReader(append(header(4<<30), make([]byte, 68)...))
		}, 16 << 10},
		{"header claiming 1 TiB", func() io.Reader {
			return bytes.NewReader(header(maxFileLen))
		}, 16 << 10},
		{"header claiming 2^64-1", func() io.Reader {
			return bytes.NewReader(header(1<<64 - 1))
		}, 16 << 10},
		{"1 MiB of input claiming 1 TiB", func() io.Reader {
			return io.MultiReader(bytes.NewReader(header(maxFileLen)), io.LimitReader(zeros{}, 1<<20))
		}, 5 << 20}, // the buffer doubles as bytes arrive: at most about 4 times the input
		{"section count 2^32-1", func() io.Reader { return bytes.NewReader(patched(24, 1<<32-1, 4)) }, 16 << 10},
		{"messages 2^63 bytes long", func() io.Reader { return bytes.NewReader(patched(48, 1<<63, 8)) }, 16 << 10},
		{"section offset 2^64-1", func() io.Reader { return bytes.NewReader(patched(64, 1<<64-1, 8)) }, 16 << 10},
		{"2^32-1 relocations", func() io.Reader { return bytes.NewReader(patched(60, 1<<32-1, 4)) }, 16 << 10},
		{"2^32-1 sources", func() io.Reader { return bytes.NewReader(patched(84, 1<<32-1, 4)) }, 16 << 10},
		{"2^32-1 meta records", func() io.Reader { return bytes.NewReader(patched(108, 1<<32-1, 4)) }, 16 << 10},
		{"string of 2^32-1 bytes", func() io.Reader { return bytes.NewReader(patched(328, 1<<32-1, 4)) }, 16 << 10},
		{"meta value of 2^32-1 bytes", func() io.Reader { return bytes.NewReader(patched(483, 1<<32-1, 4)) }, 16 << 10},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var err error
			n := allocated(func() { _, err = Read(tt.input()) })
			if err == nil {
				t.Fatal("Read accepted it")
			}
			if n > tt.limit {
				t.Errorf("Read allocated %d bytes (limit %d) before: %v", n, tt.limit, err)
			}
			t.Logf("%d bytes allocated: %v", n, err)
		})
	}
}

// TestBigFileChecksumFirst covers files large enough to be hashed while
// they are parsed: a damaged byte anywhere still reports the checksum,
// never a structural error found meanwhile, and an intact file reads.
func TestBigFileChecksumFirst(t *testing.T) {
	var nb Builder
	for i := 0; nb.Len() == 0 || len(nb.msgs) < 2*parallelHash; i++ {
		msg := nlmsg(binary.LittleEndian, 24, 0x601, uint32(i+1), make([]byte, 240))
		nb.Append(msg, Source{File: "big.json", Line: i + 1, Text: "route add"})
	}
	data := encode(t, nb.Batch())
	if len(data) < parallelHash {
		t.Fatalf("file of %d bytes, want at least %d", len(data), parallelHash)
	}
	if _, err := Parse(data); err != nil {
		t.Fatalf("intact file: %v", err)
	}
	for _, at := range []int{10, 40, 200, len(data) / 2, len(data) - 100} {
		bad := bytes.Clone(data)
		bad[at] ^= 0x40
		_, err := Parse(bad)
		if !errors.Is(err, ErrChecksum) {
			t.Errorf("byte %d flipped: %v, want the checksum error", at, err)
		}
	}
}
