package fuzz

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"io"
	"os"
	"testing"
	"time"

	"github.com/google/gopacket"
	"github.com/google/gopacket/layers"
	"github.com/google/gopacket/pcapgo"

	"github.com/nlbatch/nlbatch/capture"
)

// captureFuzzMaxInput bounds the decompressed size of an input: gzip
// bombs are skipped, not decoded.
const captureFuzzMaxInput = 1 << 20

// captureFuzzMsg is a little netlink message with header in order o.
func captureFuzzMsg(o binary.ByteOrder, typ uint16, seq uint32, payload []byte) []byte {
	b := make([]byte, 16, 16+len(payload))
	o.PutUint32(b[0:], uint32(16+len(payload)))
	o.PutUint16(b[4:], typ)
	o.PutUint32(b[8:], seq)
	return append(b, payload...)
}

// captureFuzzSeeds returns a small valid file of each format.
func captureFuzzSeeds(tb testing.TB) [][]byte {
	le, be := binary.LittleEndian, binary.BigEndian
	getlink := captureFuzzMsg(le, 18, 1, []byte{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 7, 0, 3, 0, 'l', 'o', 0, 0})
	done := captureFuzzMsg(le, 3, 1, []byte{0, 0, 0, 0})
	t0 := time.Unix(1795776504, 691413000)

	var seeds [][]byte
	var pcap bytes.Buffer
	pw, err := capture.NewPcapWriter(&pcap)
	if err != nil {
		tb.Fatal(err)
	}
	pw.WriteFrame(t0, 0, getlink)
	pw.WriteFrame(t0, 0, append(append([]byte(nil), getlink...), done...))
	pw.WriteFrame(t0, 16, done)
	seeds = append(seeds, pcap.Bytes())

	// Big-endian nanosecond pcap, built from the file format description.
	nlmon := []byte{0, 4, 3, 0x38, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}
	rec := append(nlmon, captureFuzzMsg(be, 2, 1, make([]byte, 20))...)
	bep := []byte{0xa1, 0xb2, 0x3c, 0x4d, 0, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x40, 0, 0, 0, 253}
	bep = be.AppendUint32(be.AppendUint32(bep, 1), 2)
	bep = be.AppendUint32(be.AppendUint32(bep, uint32(len(rec))), uint32(len(rec)))
	seeds = append(seeds, append(bep, rec...))

	var ng bytes.Buffer
	nw, err := pcapgo.NewNgWriter(&ng, layers.LinkType(capture.LinkTypeNetlink))
	if err != nil {
		tb.Fatal(err)
	}
	rec = append(nlmon, getlink...)
	nw.WritePacket(gopacket.CaptureInfo{Timestamp: t0, CaptureLength: len(rec), Length: len(rec)}, rec)
	nw.WritePacket(gopacket.CaptureInfo{Timestamp: t0, CaptureLength: 20, Length: len(rec)}, rec[:20])
	nw.Flush()
	seeds = append(seeds, ng.Bytes())

	raw := append(append(append([]byte(nil), getlink...), done...), captureFuzzMsg(be, 16, 2, nil)...)
	seeds = append(seeds, raw)

	stamp := captureFuzzMsg(le, 15, 0, le.AppendUint32(le.AppendUint32(nil, 1795776434), 542362))
	seeds = append(seeds, append(append(append([]byte(nil), stamp...), getlink...), append(stamp, done...)...))

	seeds = append(seeds,
		[]byte("# comment\n30 00 00 00 10 00 05 06\n\n0x14, 0x00\n--\n3000 0000\n"),
		[]byte("00000000  14 00 00 00 03 00 02 00  01 00 00 00 00 00 00 00  |................|\n00000010  00 00 00 00                                       |....|\n00000014\n"),
		[]byte("00000000: 1400 0000 0300 0200 0100 0000 0000 0000  ................\n00000010: 0000 0000                                ....\n"),
		[]byte("sendmsg(3, {...}, 0) = 20\n * 20 bytes in buffer 0\n | 00000  14 00 00 00 03 00 02 00  01 00 00 00 00 00 00 00  ................ |\n | 00010  00 00 00 00                                       ....             |\n"),
	)
	for _, name := range []string{"unshare-lo.rtmon", "strace-ip-link.txt", "newaddr-routes.hexdump"} {
		if b, err := os.ReadFile("../capture/testdata/" + name); err == nil {
			seeds = append(seeds, b)
		}
	}
	for _, s := range seeds[:len(seeds):len(seeds)] {
		var z bytes.Buffer
		zw := gzip.NewWriter(&z)
		zw.Write(s)
		zw.Close()
		seeds = append(seeds, z.Bytes())
	}
	return seeds
}

// captureFuzzOptions turns the fuzzer's mode byte into reader options:
// detection, or a forced format or byte order.
func captureFuzzOptions(mode byte) capture.Options {
	switch mode % 8 {
	case 1:
		return capture.Options{Format: capture.FormatRaw}
	case 2:
		return capture.Options{Format: capture.FormatRtmon}
	case 3:
		return capture.Options{Format: capture.FormatHex}
	case 4:
		return capture.Options{Format: capture.FormatPcap}
	case 5:
		return capture.Options{Format: capture.FormatPcapng}
	case 6:
		return capture.Options{Order: binary.BigEndian}
	case 7:
		return capture.Options{Format: capture.FormatRtmon, Order: binary.LittleEndian}
	}
	return capture.Options{}
}

// FuzzCaptureReader feeds arbitrary input to capture.Reader. Invariants:
// no panic; Next makes progress (it ends within a number of calls bounded
// by the input length, then keeps returning io.EOF); its errors are
// *FrameError naming a place inside the input; frames lie inside the
// (decompressed) input, their Data adds up to no more than it, WireLen
// is at least len(Data); frame and error numbers strictly increase.
func FuzzCaptureReader(f *testing.F) {
	for _, s := range captureFuzzSeeds(f) {
		f.Add(s, byte(0))
	}
	f.Add([]byte{0x14, 0, 0, 0, 3, 0, 2, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, byte(1))
	f.Add([]byte("30 00"), byte(3))
	f.Fuzz(captureFuzzOne)
}

func captureFuzzOne(t *testing.T, data []byte, mode byte) {
	{
		size := int64(len(data))
		if len(data) >= 2 && data[0] == 0x1f && data[1] == 0x8b {
			zr, err := gzip.NewReader(bytes.NewReader(data))
			if err != nil {
				size = 0
			} else {
				n, _ := io.Copy(io.Discard, io.LimitReader(zr, captureFuzzMaxInput+1))
				if n > captureFuzzMaxInput {
					t.Skip("decompresses to more than 1 MiB")
				}
				size = n
			}
		}
		r, err := capture.NewReader(bytes.NewReader(data), captureFuzzOptions(mode))
		if err != nil {
			return
		}
		var total int64
		last := 0
		for calls := int64(0); ; calls++ {
			if calls > size+2 {
				t.Fatalf("no end after %d calls for %d bytes", calls, size)
			}
			fr, err := r.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				var fe *capture.FrameError
				if !errors.As(err, &fe) {
					t.Fatalf("error is not a *FrameError: %v", err)
				}
				if fe.Offset < 0 || fe.Offset > size {
					t.Fatalf("%v: offset outside the %d-byte input", err, size)
				}
				if fe.Frame <= last {
					t.Fatalf("%v after frame %d", err, last)
				}
				last = fe.Frame
				continue
			}
			if fr.Num <= last {
				t.Fatalf("frame %d after frame %d", fr.Num, last)
			}
			last = fr.Num
			if fr.Offset < 0 || fr.Offset+int64(len(fr.Data)) > size {
				t.Fatalf("frame %d: %d bytes at %d, outside the %d-byte input", fr.Num, len(fr.Data), fr.Offset, size)
			}
			if fr.WireLen < len(fr.Data) {
				t.Fatalf("frame %d: WireLen %d < %d bytes", fr.Num, fr.WireLen, len(fr.Data))
			}
			total += int64(len(fr.Data))
			if total > size {
				t.Fatalf("%d bytes of frames from %d bytes of input", total, size)
			}
		}
		for i := 0; i < 2; i++ {
			if _, err := r.Next(); err != io.EOF {
				t.Fatalf("after io.EOF: %v", err)
			}
		}
	}
}
