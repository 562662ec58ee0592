package nlb

import (
	"bytes"
	"encoding/binary"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/nlbatch/nlbatch/codec"
)

// where is the place a *FormatError names.
type where struct {
	Section string
	Offset  int64
	Message int
}

// checkFormatError fails unless err is a *FormatError at w whose text
// contains text.
func checkFormatError(t *testing.T, err error, w where, text string) {
	t.Helper()
	var fe *FormatError
	if !errors.As(err, &fe) {
		t.Fatalf("error %v (%T), want a *FormatError", err, err)
	}
	if diff := cmp.Diff(w, where{fe.Section, fe.Offset, fe.Message}); diff != "" {
		t.Errorf("%v: place (-want +got):\n%s", err, diff)
	}
	if !strings.Contains(err.Error(), text) {
		t.Errorf("error %q does not say %q", err, text)
	}
}

// setMsg changes a header field of message i of the small batch (whose
// messages start at 0, 44 and 80 of Messages).
func setMsg(b *Batch, i, field int, v uint32) {
	off := [3]int{0, 44, 80}[i] + field
	le := binary.LittleEndian
	switch field {
	case 4, 6:
		le.PutUint16(b.Messages[off:], uint16(v))
	default:
		le.PutUint32(b.Messages[off:], v)
	}
}

func TestVerify(t *testing.T) {
	const (
		lenF, typeF, flagsF, seqF = 0, 4, 6, 8
	)
	tests := []struct {
		name   string
		change func(b *Batch)
		where  where
		text   string
	}{
		{"protocol out of range", func(b *Batch) { b.Protocol = 32 }, where{"header", 12, -1}, "netlink protocol 32 out of range 0-31"},
		{"negative protocol", func(b *Batch) { b.Protocol = -1 }, where{"header", 12, -1}, "out of range"},
		{"nlmsg_len below 16", func(b *Batch) { setMsg(b, 1, lenF, 8) }, where{"messages", 172, 1}, "nlmsg_len 8 is shorter than the nlmsghdr"},
		{"nlmsg_len past the end", func(b *Batch) { setMsg(b, 2, lenF, 200) }, where{"messages", 208, 2}, "nlmsg_len 200 runs past the end of the messages (32 bytes left)"},
		{"truncated nlmsghdr", func(b *Batch) { b.Messages = append(b.Messages, 16, 0, 0, 0) }, where{"messages", 240, 3}, "truncated nlmsghdr: 4 bytes left"},
		{"padding missing", func(b *Batch) {
			setMsg(b, 2, lenF, 30)
			b.Messages = b.Messages[:110]
		}, where{"messages", 238, 2}, "padding to a multiple of 4 is missing"},
		{"padding not zero", func(b *Batch) { setMsg(b, 2, lenF, 29) }, where{"messages", 239, 2}, "padding byte 0x01 after the message is not zero"},
		{"control message", func(b *Batch) { setMsg(b, 1, typeF, codec.TypeDone) }, where{"messages", 176, 1}, "type 3 is a netlink control message"},
		{"not a request", func(b *Batch) { setMsg(b, 2, flagsF, codec.FlagAck) }, where{"messages", 214, 2}, "NLM_F_REQUEST is not set"},
		{"seq not increasing", func(b *Batch) { setMsg(b, 1, seqF, 1) }, where{"messages", 180, 1}, "nlmsg_seq is 1, want 2"},
		{"seq from 0", func(b *Batch) { setMsg(b, 0, seqF, 0) }, where{"messages", 136, 0}, "nlmsg_seq is 0, want 1"},
		{"reloc of no message", func(b *Batch) { b.Relocs[2].Message = 3 }, where{"relocs", 296, 3}, "reloc 2: no such message (the batch has 3)"},
		{"reloc kind", func(b *Batch) { b.Relocs[1].Kind = 9 }, where{"relocs", 277, 1}, "reloc 1: unknown kind 9"},
		{"reloc kind zero", func(b *Batch) { b.Relocs[1].Kind = 0 }, where{"relocs", 277, 1}, "unknown kind 0"},
		{"reloc width", func(b *Batch) { b.Relocs[1].Width = 3 }, where{"relocs", 276, 1}, "reloc 1: width 3, want 1, 2, 4 or 8"},
		{"reloc in nlmsghdr", func(b *Batch) { b.Relocs[1].Offset = 8 }, where{"relocs", 272, 1}, "reloc 1: offset 8 inside the nlmsghdr"},
		{"symbol with slash", func(b *Batch) { b.Relocs[2].Symbol = "a/b" }, where{"relocs", 306, 2}, `interface name "a/b" has byte 0x2f at 1`},
		{"symbol too long", func(b *Batch) { b.Relocs[2].Symbol = "abcdefghijklmnop" }, where{"relocs", 306, 2}, "has 16 bytes, more than 15"},
		{"empty symbol", func(b *Batch) { b.Relocs[0].Symbol = "" }, where{"relocs", 250, 0}, "empty interface name"},
		{"relocs out of order", func(b *Batch) { b.Relocs[0], b.Relocs[1] = b.Relocs[1], b.Relocs[0] }, where{"relocs", 268, 0}, "reloc 1: out of order: offset 20 comes after message 1 offset 32"},
		{"relocs overlap", func(b *Batch) {
			b.Relocs = append(b.Relocs[:2], Reloc{Message: 1, Offset: 34, Width: 2, Kind: RelocIfindex, Symbol: "x"}, b.Relocs[2])
		}, where{"relocs", 300, 1}, "reloc 2: offset 34 overlaps reloc 1 (offset 32, width 4)"},
		{"same place twice", func(b *Batch) {
			b.Relocs = append(b.Relocs[:2], b.Relocs[1], b.Relocs[2])
		}, where{"relocs", 300, 1}, "overlaps reloc 1"},
		{"reloc past the message", func(b *Batch) { b.Relocs[2].Offset = 30 }, where{"relocs", 300, 2}, "reloc 2: offset 30 width 4 runs past the end of the message (nlmsg_len 32)"},
		{"reloc in the padding", func(b *Batch) {
			setMsg(b, 0, lenF, 42)
			b.Relocs[0].Offset, b.Relocs[0].Width = 40, 4
			b.Messages[40] = 0
		}, where{"relocs", 244, 0}, "runs past the end of the message (nlmsg_len 42)"},
		{"placeholder not zero", func(b *Batch) { b.Messages[44+33] = 7 }, where{"messages", 205, 1}, `placeholder of reloc 1 (ifindex "veth0") is not zero`},
		{"new-ifindex width", func(b *Batch) { b.Relocs[0].Width = 2 }, where{"relocs", 248, 0}, "new-ifindex of width 2, want 4"},
		{"new-ifindex not in RTM_NEWLINK", func(b *Batch) { b.Relocs[2].Kind = RelocNewIfindex }, where{"relocs", 305, 2}, "new-ifindex in a message of type 20, want RTM_NEWLINK (16)"},
		{"new-ifindex without NLM_F_CREATE", func(b *Batch) {
			setMsg(b, 0, flagsF, codec.FlagRequest|codec.FlagAck)
		}, where{"relocs", 249, 0}, "new-ifindex in an RTM_NEWLINK without NLM_F_CREATE"},
		{"new-ifindex outside NETLINK_ROUTE", func(b *Batch) { b.Protocol = codec.ProtoGeneric }, where{"relocs", 249, 0}, "not NETLINK_ROUTE"},
		{"interface created twice", func(b *Batch) { b.Relocs[1].Kind = RelocNewIfindex }, where{"relocs", 280, 1}, `interface "veth0" is created twice (also by message 0)`},
		{"too few sources", func(b *Batch) { b.Sources = b.Sources[:2] }, where{"sections", 84, -1}, "2 sources for 3 messages"},
		{"too many sources", func(b *Batch) { b.Sources = append(b.Sources, Source{}) }, where{"sections", 84, -1}, "4 sources for 3 messages"},
		{"negative line", func(b *Batch) { b.Sources[1].Line = -1 }, where{"sources", 380, 1}, "line -1 out of range"},
		{"negative column", func(b *Batch) { b.Sources[2].Col = -3 }, where{"sources", 435, 2}, "column -3 out of range"},
		{"empty meta key", func(b *Batch) { b.Meta[""] = "x" }, where{"meta", 472, -1}, "empty key"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := small()
			tt.change(b)
			checkFormatError(t, b.Verify(), tt.where, tt.text)
			// Write refuses it without writing; a file with the same
			// content (checksum and all) is refused by Read at the same
			// place, when it can be written at all.
			var out bytes.Buffer
			if err := Write(&out, b); err == nil || out.Len() != 0 {
				t.Errorf("Write: %v, %d bytes written", err, out.Len())
			}
		})
	}
	if err := small().Verify(); err != nil {
		t.Fatalf("the base batch does not verify: %v", err)
	}
}

// TestVerifyInFile writes batches that break a rule Verify checks into
// files by hand (patching a valid file and resealing it), and checks that
// Read reports them at the same place as Verify.
func TestVerifyInFile(t *testing.T) {
	tests := []struct {
		name  string
		patch func(data []byte)
		where where
		text  string
	}{
		{"seq", func(d []byte) { d[180] = 9 }, where{"messages", 180, 1}, "nlmsg_seq is 9, want 2"},
		{"request flag", func(d []byte) { d[214] = 0 }, where{"messages", 214, 2}, "NLM_F_REQUEST is not set"},
		{"reloc width", func(d []byte) { d[276] = 16 }, where{"relocs", 276, 1}, "width 16"},
		{"reloc kind", func(d []byte) { d[277] = 0 }, where{"relocs", 277, 1}, "unknown kind 0"},
		{"symbol", func(d []byte) { d[280] = '/' }, where{"relocs", 278, 1}, "has byte 0x2f"},
		{"symbol with NUL", func(d []byte) { d[281] = 0 }, where{"relocs", 278, 1}, "has byte 0x00"},
		{"reloc offset", func(d []byte) { d[272] = 15 }, where{"relocs", 272, 1}, "offset 15 inside the nlmsghdr"},
		{"reloc message", func(d []byte) { d[296] = 7 }, where{"relocs", 296, 7}, "no such message"},
		{"placeholder", func(d []byte) { d[172+32] = 1 }, where{"messages", 204, 1}, "placeholder"},
		{"protocol", func(d []byte) { d[12] = 32 }, where{"header", 12, -1}, "netlink protocol 32"},
		{"byte order", func(d []byte) { d[10] = 1 }, where{"messages", 128, 0}, "nlmsg_len 738197504 runs past the end"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := encode(t, small())
			tt.patch(data)
			_, err := Read(bytes.NewReader(reseal(data)))
			checkFormatError(t, err, tt.where, tt.text)
		})
	}
}

// TestReadLayout patches the layout of a valid file (resealing it, so
// that the checksum does not catch the change first) and checks each
// rule of the layout is enforced.
func TestReadLayout(t *testing.T) {
	le := binary.LittleEndian
	tests := []struct {
		name  string
		patch func(data []byte) []byte
		where where
		text  string
	}{
		{"unknown flag", func(d []byte) []byte { d[10] = 2; return d }, where{"header", 10, -1}, "unknown flags 0x2 (version 1 defines 0x1)"},
		{"reserved", func(d []byte) []byte { d[30] = 1; return d }, where{"header", 28, -1}, "reserved field is 0x10000, not zero"},
		{"section count 3", func(d []byte) []byte { d[24] = 3; return d }, where{"header", 24, -1}, "3 sections; version 1 files have 4 (missing meta)"},
		{"section count 5", func(d []byte) []byte { d[24] = 5; return d }, where{"sections", 128, -1}, "section 4 has type 44, unknown in format version 1"},
		{"huge section count", func(d []byte) []byte { le.PutUint32(d[24:], 1<<31); return d }, where{"header", 24, -1}, "2147483648 sections do not fit in a 560-byte file"},
		{"unknown section type", func(d []byte) []byte { d[80] = 9; return d }, where{"sections", 80, -1}, "section 2 has type 9, unknown in format version 1"},
		{"optional-looking section type", func(d []byte) []byte { d[83] = 0x80; return d }, where{"sections", 80, -1}, "type 2147483651, unknown"},
		{"sections swapped", func(d []byte) []byte { d[56], d[80] = 3, 2; return d }, where{"sections", 56, -1}, "section 1 has type 3 (sources)"},
		{"section moved", func(d []byte) []byte { d[40] = 136; return d }, where{"sections", 40, -1}, "section messages starts at byte 136, want 128"},
		{"section overlaps", func(d []byte) []byte { d[64] = 232; return d }, where{"sections", 64, -1}, "section relocs starts at byte 232, want 240"},
		{"section too long", func(d []byte) []byte { le.PutUint64(d[120:], 1<<62); return d }, where{"sections", 120, -1}, "section meta: 4611686018427387904 bytes from byte 472 run past the checksum at byte 528"},
		{"padding past the checksum", func(d []byte) []byte {
			d[120] = 57
			return append(d[:528:528], append(make([]byte, 4), d[528:]...)...)
		}, where{"sections", 120, -1}, "section meta: its padding to a multiple of 8 runs past the checksum at byte 532"},
		{"gap before the checksum", func(d []byte) []byte {
			return append(d[:528:528], append(make([]byte, 8), d[528:]...)...)
		}, where{"checksum", 536, -1}, "checksum at byte 536, want 528"},
		{"padding not zero", func(d []byte) []byte { d[325] = 1; return d }, where{"relocs", 325, -1}, "padding byte 0x01 after the section is not zero"},
		{"message count", func(d []byte) []byte { d[36] = 2; return d }, where{"sections", 36, -1}, "the table counts 2 messages, the section holds 3"},
		{"reloc count", func(d []byte) []byte { d[60] = 4; return d }, where{"sections", 60, -1}, "relocs: 4 entries of 28 bytes, but the section has 84 bytes"},
		{"huge reloc count", func(d []byte) []byte { le.PutUint32(d[60:], 1<<32-1); return d }, where{"sections", 60, -1}, "relocs: 4294967295 entries"},
		{"symbol length 0", func(d []byte) []byte { d[250] = 0; return d }, where{"relocs", 250, 0}, "reloc 0: symbol length 0 out of range 1-15"},
		{"symbol length 16", func(d []byte) []byte { d[250] = 16; return d }, where{"relocs", 250, 0}, "symbol length 16"},
		{"reloc reserved", func(d []byte) []byte { d[251] = 1; return d }, where{"relocs", 251, 0}, "reserved byte is 0x01"},
		{"symbol padding", func(d []byte) []byte { d[257] = 'x'; return d }, where{"relocs", 257, 0}, "byte 0x78 after the 5-byte symbol is not zero"},
		{"huge source count", func(d []byte) []byte { le.PutUint32(d[84:], 1<<32-1); return d }, where{"sections", 84, -1}, "sources: 4294967295 records cannot fit in 144 bytes"},
		{"source count low", func(d []byte) []byte { d[84] = 2; return d }, where{"sources", 423, -1}, "49 bytes after the last of 2 records"},
		{"source count high", func(d []byte) []byte { d[84] = 4; return d }, where{"sources", 472, -1}, "record 3: file name length: the section ends 0 bytes into its 4 bytes"},
		{"source file too long", func(d []byte) []byte { d[328] = 200; return d }, where{"sources", 328, -1}, "record 0: file name of 200 bytes runs past the end of the section (140 bytes left)"},
		{"source text too long", func(d []byte) []byte { le.PutUint32(d[344:], 1<<32-1); return d }, where{"sources", 344, -1}, "record 0: text of 4294967295 bytes runs past"},
		{"no sources but bytes", func(d []byte) []byte { d[84] = 0; return d }, where{"sources", 328, -1}, "144 bytes in a section of no records"},
		{"huge meta count", func(d []byte) []byte { le.PutUint32(d[108:], 1<<30); return d }, where{"sections", 108, -1}, "meta: 1073741824 records cannot fit in 51 bytes"},
		{"meta keys unsorted", func(d []byte) []byte { copy(d[511:], "crea"); return d }, where{"meta", 507, -1}, `record 1: key "crea" is not after "created"`},
		{"meta keys equal", func(d []byte) []byte {
			copy(d[476:], "tool")
			le.PutUint32(d[472:], 4)
			le.PutUint32(d[480:], 23)
			return d
		}, where{"meta", 507, -1}, `record 1: key "tool" is not after "tool"`},
		{"meta count low", func(d []byte) []byte { d[108] = 1; return d }, where{"meta", 507, -1}, "16 bytes after the last of 1 records"},
		{"no meta but bytes", func(d []byte) []byte { d[108] = 0; return d }, where{"meta", 472, -1}, "51 bytes in a section of no records"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := tt.patch(encode(t, small()))
			_, err := Read(bytes.NewReader(reseal(data)))
			checkFormatError(t, err, tt.where, tt.text)
		})
	}
}

// TestReadHeader covers the checks made before the checksum: they need
// no resealing.
func TestReadHeader(t *testing.T) {
	le := binary.LittleEndian
	tests := []struct {
		name  string
		patch func(data []byte) []byte
		is    error
		where where
		text  string
	}{
		{"magic", func(d []byte) []byte { d[1] = 'n'; return d }, ErrMagic, where{"header", 0, -1}, "not an nlb file (it starts with 89 6e 4c 42 41 54 43 48)"},
		{"pcap", func([]byte) []byte { return []byte("\xd4\xc3\xb2\xa1\x02\x00\x04\x00") }, ErrMagic, where{"header", 0, -1}, "not an nlb file"},
		{"text", func([]byte) []byte { return []byte("link add") }, ErrMagic, where{"header", 0, -1}, "it starts with 6c 69 6e 6b"},
		{"empty", func([]byte) []byte { return nil }, ErrTruncated, where{"header", 0, -1}, "the input ends after 0 bytes, inside the 32-byte header"},
		{"magic only", func(d []byte) []byte { return d[:8] }, ErrTruncated, where{"header", 8, -1}, "inside the 32-byte header"},
		{"version 2", func(d []byte) []byte { d[8] = 2; return d }, ErrVersion, where{"header", 8, -1}, "unsupported format version 2 (this reader knows version 1)"},
		{"version 0", func(d []byte) []byte { d[8] = 0; return d }, ErrVersion, where{"header", 8, -1}, "format version 0"},
		{"file length below minimum", func(d []byte) []byte { le.PutUint64(d[16:], 100); return d }, nil, where{"header", 16, -1}, "file length 100 out of range (160 to 1099511627776)"},
		{"file length above maximum", func(d []byte) []byte { le.PutUint64(d[16:], 1<<62); return d }, nil, where{"header", 16, -1}, "file length 4611686018427387904 out of range"},
		{"file length longer", func(d []byte) []byte { d[16] += 8; return d }, ErrTruncated, where{"checksum", 560, -1}, "the input ends after 560 of the 568 bytes the header gives"},
		{"file length shorter", func(d []byte) []byte { d[16] -= 8; return d }, nil, where{"checksum", 552, -1}, "data after the end of the file (the header gives its length as 552 bytes)"},
		{"appended byte", func(d []byte) []byte { return append(d, 0) }, nil, where{"checksum", 560, -1}, "data after the end of the file"},
		{"cut in the messages", func(d []byte) []byte { return d[:200] }, ErrTruncated, where{"messages", 200, -1}, "the input ends after 200 of the 560 bytes"},
		{"cut in the sources", func(d []byte) []byte { return d[:400] }, ErrTruncated, where{"sources", 400, -1}, "truncated"},
		{"cut in the table", func(d []byte) []byte { return d[:100] }, ErrTruncated, where{"sections", 100, -1}, "truncated"},
		{"cut in the checksum", func(d []byte) []byte { return d[:550] }, ErrTruncated, where{"checksum", 550, -1}, "truncated"},
		{"checksum", func(d []byte) []byte { d[559] ^= 1; return d }, ErrChecksum, where{"checksum", 528, -1}, "checksum mismatch: the file gives"},
		{"content", func(d []byte) []byte { d[300] ^= 1; return d }, ErrChecksum, where{"checksum", 528, -1}, "checksum mismatch"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := tt.patch(encode(t, small()))
			for _, read := range []func([]byte) (*Batch, error){
				func(d []byte) (*Batch, error) { return Read(bytes.NewReader(d)) },
				Parse,
			} {
				_, err := read(bytes.Clone(data))
				checkFormatError(t, err, tt.where, tt.text)
				if tt.is != nil && !errors.Is(err, tt.is) {
					t.Errorf("errors.Is(%v, %v) is false", err, tt.is)
				}
			}
		})
	}
}
