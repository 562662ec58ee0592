package nlb

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"hash"
	"io"
	"maps"
	"os"
	"slices"
	"unsafe"
)

// Version is the format version this package writes and reads.
const Version = 1

// Magic is the first 8 bytes of every .nlb file. The 0x89 byte makes
// text tools treat the file as binary and catches 7-bit transfers.
const Magic = "\x89NLBATCH"

// Layout of a version 1 file; docs/format.md has the table.
const (
	headerLen   = 32                               // magic, version, flags, protocol, file length, section count, reserved
	entryLen    = 24                               // one section table entry: type, count, offset, length
	numSections = 4                                // messages, relocs, sources, meta
	tableEnd    = headerLen + numSections*entryLen // where the messages start
	relocLen    = 28                               // one relocation entry
	sourceMin   = 16                               // smallest source record: four u32
	metaMin     = 8                                // smallest meta record: two u32
	checksumLen = sha256.Size
	minFileLen  = tableEnd + checksumLen
	// maxFileLen bounds the file length a header may give (1 TiB): more
	// is refused before reading.
	maxFileLen = 1 << 40

	flagBigEndian = 1 << 0 // payload is big-endian
	knownFlags    = flagBigEndian

	// maxProtocol is the largest netlink protocol (MAX_LINKS-1).
	maxProtocol = 31
)

// Section types, in the order they appear in the table and the file.
const (
	secMessages = 1 + iota
	secRelocs
	secSources
	secMeta
)

var sectionNames = [numSections + 1]string{"", "messages", "relocs", "sources", "meta"}

var le = binary.LittleEndian

// layout is where Write puts each section of a batch.
type layout struct {
	off   [numSections + 1]int64 // by section type
	size  [numSections + 1]int64
	count [numSections + 1]uint64
	sum   int64 // offset of the checksum
	total int64 // file length
}

func align8(n int64) int64 { return (n + 7) &^ 7 }

// entryOff is the offset of the section table entry of section type t.
func entryOff(t int) int64 { return headerLen + int64(t-1)*entryLen }

func sourceLen(s *Source) int64 { return sourceMin + int64(len(s.File)) + int64(len(s.Text)) }

// layout computes the layout of b, which holds n messages.
func (b *Batch) layout(n int) (layout, error) {
	var l layout
	l.size[secMessages] = int64(len(b.Messages))
	l.count[secMessages] = uint64(n)
	l.size[secRelocs] = int64(len(b.Relocs)) * relocLen
	l.count[secRelocs] = uint64(len(b.Relocs))
	for i := range b.Sources {
		l.size[secSources] += sourceLen(&b.Sources[i])
	}
	l.count[secSources] = uint64(len(b.Sources))
	for k, v := range b.Meta {
		l.size[secMeta] += metaMin + int64(len(k)) + int64(len(v))
	}
	l.count[secMeta] = uint64(len(b.Meta))
	off := int64(tableEnd)
	for t := 1; t <= numSections; t++ {
		if l.count[t] > 1<<32-1 || l.size[t] > maxFileLen {
			return l, formatErr("sections", entryOff(t)+4, -1, "%s: %d entries in %d bytes is more than the format holds", sectionNames[t], l.count[t], l.size[t])
		}
		l.off[t] = off
		off = align8(off + l.size[t])
	}
	l.sum = off
	l.total = off + checksumLen
	if l.total > maxFileLen {
		return l, formatErr("header", 16, -1, "the file would have %d bytes, more than %d", l.total, int64(maxFileLen))
	}
	return l, nil
}

// Write verifies b and writes it to w as a .nlb file. Nothing is written
// when b does not verify. w receives a few large writes; errors from w
// are returned wrapped.
func Write(w io.Writer, b *Batch) error {
	if err := b.Verify(); err != nil {
		return err
	}
	l, err := b.layout(b.Count())
	if err != nil {
		return err
	}
	h := sha256.New()
	bw := bufio.NewWriterSize(hashWriter{w, h}, 64<<10)
	buf := appendHeader(make([]byte, 0, tableEnd), b, &l)
	bw.Write(buf)
	bw.Write(b.Messages)
	pad := func(t int) {
		var zero [8]byte
		end := l.off[t] + l.size[t]
		bw.Write(zero[:align8(end)-end])
	}
	pad(secMessages)
	for _, r := range b.Relocs {
		bw.Write(appendReloc(buf[:0], &r))
	}
	pad(secRelocs)
	for i := range b.Sources {
		s := &b.Sources[i]
		bw.Write(le.AppendUint32(buf[:0], uint32(len(s.File))))
		bw.WriteString(s.File)
		buf = le.AppendUint32(buf[:0], uint32(s.Line))
		buf = le.AppendUint32(buf, uint32(s.Col))
		bw.Write(le.AppendUint32(buf, uint32(len(s.Text))))
		bw.WriteString(s.Text)
	}
	pad(secSources)
	for _, k := range slices.Sorted(maps.Keys(b.Meta)) {
		v := b.Meta[k]
		bw.Write(le.AppendUint32(buf[:0], uint32(len(k))))
		bw.WriteString(k)
		bw.Write(le.AppendUint32(buf[:0], uint32(len(v))))
		bw.WriteString(v)
	}
	pad(secMeta)
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("nlb: write: %w", err)
	}
	if _, err := w.Write(h.Sum(buf[:0])); err != nil {
		return fmt.Errorf("nlb: write: %w", err)
	}
	return nil
}

// hashWriter writes to w, then hashes what w took.
type hashWriter struct {
	w io.Writer
	h hash.Hash
}

func (hw hashWriter) Write(p []byte) (int, error) {
	n, err := hw.w.Write(p)
	hw.h.Write(p[:n])
	return n, err
}

func appendHeader(buf []byte, b *Batch, l *layout) []byte {
	buf = append(buf, Magic...)
	buf = le.AppendUint16(buf, Version)
	var flags uint16
	if b.BigEndian {
		flags |= flagBigEndian
	}
	buf = le.AppendUint16(buf, flags)
	buf = le.AppendUint32(buf, uint32(b.Protocol))
	buf = le.AppendUint64(buf, uint64(l.total))
	buf = le.AppendUint32(buf, numSections)
	buf = le.AppendUint32(buf, 0) // reserved
	for t := 1; t <= numSections; t++ {
		buf = le.AppendUint32(buf, uint32(t))
		buf = le.AppendUint32(buf, uint32(l.count[t]))
		buf = le.AppendUint64(buf, uint64(l.off[t]))
		buf = le.AppendUint64(buf, uint64(l.size[t]))
	}
	return buf
}

func appendReloc(buf []byte, r *Reloc) []byte {
	buf = le.AppendUint32(buf, r.Message)
	buf = le.AppendUint32(buf, r.Offset)
	buf = append(buf, r.Width, uint8(r.Kind), uint8(len(r.Symbol)), 0)
	var sym [ifnamsiz]byte
	copy(sym[:], r.Symbol)
	return append(buf, sym[:]...)
}

// Read reads a .nlb file from r to its end and verifies it entirely: its
// header, length and checksum, the layout of every section, then the
// batch (Verify). Errors in the file are *FormatError values; errors
// from r are returned wrapped. Read allocates in proportion to the bytes
// r actually delivers, whatever lengths the file claims.
func Read(r io.Reader) (*Batch, error) {
	var hdr [headerLen]byte
	n, err := io.ReadFull(r, hdr[:])
	if err != nil && err != io.EOF && err != io.ErrUnexpectedEOF {
		return nil, fmt.Errorf("nlb: read: %w", err)
	}
	size, ferr := checkStart(hdr[:n])
	if ferr != nil {
		return nil, ferr
	}
	// Grow the buffer as bytes arrive, not to the length the header
	// claims, unless a file says it has that many bytes.
	initial := min(size, 4<<10)
	if st, ok := r.(interface{ Stat() (os.FileInfo, error) }); ok {
		if fi, err := st.Stat(); err == nil && fi.Mode().IsRegular() && fi.Size() >= size {
			initial = size
		}
	}
	buf := make([]byte, headerLen, initial)
	copy(buf, hdr[:])
	for int64(len(buf)) < size {
		if len(buf) == cap(buf) {
			nb := make([]byte, len(buf), min(size, 2*int64(cap(buf))))
			copy(nb, buf)
			buf = nb
		}
		m, err := io.ReadFull(r, buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+m]
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			return nil, truncated(buf, size)
		}
		if err != nil {
			return nil, fmt.Errorf("nlb: read: %w", err)
		}
	}
	var one [1]byte
	m, err := io.ReadFull(r, one[:])
	if m > 0 {
		return nil, trailing(size)
	}
	if err != nil && err != io.EOF {
		return nil, fmt.Errorf("nlb: read: %w", err)
	}
	return parse(buf, true)
}

// Parse decodes and verifies a .nlb file held in data, as Read does. The
// Messages of the batch alias data.
func Parse(data []byte) (*Batch, error) {
	size, err := checkStart(data[:min(len(data), headerLen)])
	if err != nil {
		return nil, err
	}
	switch {
	case int64(len(data)) < size:
		return nil, truncated(data, size)
	case int64(len(data)) > size:
		return nil, trailing(size)
	}
	return parse(data, false)
}

// checkStart checks the first bytes of a file (up to headerLen): magic,
// version and the file length, which it returns.
func checkStart(p []byte) (int64, error) {
	n := min(len(p), len(Magic))
	if !bytes.Equal(p[:n], []byte(Magic)[:n]) {
		return 0, &FormatError{Section: "header", Message: -1, Err: fmt.Errorf("%w (it starts with % x)", ErrMagic, p[:n])}
	}
	if len(p) < headerLen {
		return 0, &FormatError{Section: "header", Offset: int64(len(p)), Message: -1,
			Err: fmt.Errorf("%w: the input ends after %d bytes, inside the %d-byte header", ErrTruncated, len(p), headerLen)}
	}
	if v := le.Uint16(p[8:]); v != Version {
		return 0, &FormatError{Section: "header", Offset: 8, Message: -1,
			Err: fmt.Errorf("%w %d (this reader knows version %d)", ErrVersion, v, Version)}
	}
	size := le.Uint64(p[16:])
	if size < minFileLen || size > maxFileLen {
		return 0, formatErr("header", 16, -1, "file length %d out of range (%d to %d)", size, minFileLen, int64(maxFileLen))
	}
	return int64(size), nil
}

// truncated reports a file that ends early, naming the section where it
// ends as far as the section table (if present) tells.
func truncated(data []byte, size int64) error {
	got := int64(len(data))
	section := "sections"
	if got >= size-checksumLen {
		section = "checksum"
	} else if got >= tableEnd {
		section = "messages"
		for t := 1; t <= numSections; t++ {
			off := le.Uint64(data[entryOff(t)+8:])
			typ := le.Uint32(data[entryOff(t):])
			if typ >= 1 && typ <= numSections && off <= uint64(got) {
				section = sectionNames[typ]
			}
		}
	}
	return &FormatError{Section: section, Offset: got, Message: -1,
		Err: fmt.Errorf("%w: the input ends after %d of the %d bytes the header gives", ErrTruncated, got, size)}
}

func trailing(size int64) error {
	return formatErr("checksum", size, -1, "data after the end of the file (the header gives its length as %d bytes)", size)
}

// parse decodes a whole file, whose length matches its header's and whose
// first bytes checkStart accepted.
// owned says data is Read's own buffer, which nothing else writes: the
// source map's strings can then point into it instead of being copied.
func parse(data []byte, owned bool) (*Batch, error) {
	sumAt := int64(len(data)) - checksumLen
	checksum := func(sum [sha256.Size]byte) error {
		if bytes.Equal(sum[:], data[sumAt:]) {
			return nil
		}
		return &FormatError{Section: "checksum", Offset: sumAt, Message: -1,
			Err: fmt.Errorf("%w: the file gives %x..., its content hashes to %x...", ErrChecksum, data[sumAt:sumAt+8], sum[:8])}
	}
	if len(data) < parallelHash {
		if err := checksum(sha256.Sum256(data[:sumAt])); err != nil {
			return nil, err
		}
		return parseBody(data, owned)
	}
	// A big file: hash it on another core while the structure is
	// parsed. A checksum mismatch still wins over every other error,
	// and nothing parsed is returned before the checksum matched.
	sums := make(chan [sha256.Size]byte, 1)
	go func() { sums <- sha256.Sum256(data[:sumAt]) }()
	b, err := parseBody(data, owned)
	if cerr := checksum(<-sums); cerr != nil {
		return nil, cerr
	}
	return b, err
}

// parallelHash is the file size from which parse hashes concurrently.
const parallelHash = 1 << 20

// parseBody decodes and verifies everything but the checksum.
func parseBody(data []byte, owned bool) (*Batch, error) {
	n := int64(len(data))
	sumAt := n - checksumLen
	flags := le.Uint16(data[10:])
	if flags&^knownFlags != 0 {
		return nil, formatErr("header", 10, -1, "unknown flags %#x (version %d defines %#x)", flags&^knownFlags, Version, knownFlags)
	}
	protocol := le.Uint32(data[12:])
	if protocol > maxProtocol {
		return nil, formatErr("header", 12, -1, "netlink protocol %d out of range 0-%d", protocol, maxProtocol)
	}
	if r := le.Uint32(data[28:]); r != 0 {
		return nil, formatErr("header", 28, -1, "reserved field is %#x, not zero", r)
	}
	b := &Batch{Protocol: int(protocol), BigEndian: flags&flagBigEndian != 0}

	// The section table: the four sections, once each, in order, each
	// right after the previous one at a multiple of 8.
	count := le.Uint32(data[24:])
	if uint64(count) > uint64(sumAt-headerLen)/entryLen {
		return nil, formatErr("header", 24, -1, "%d sections do not fit in a %d-byte file", count, n)
	}
	for i := range int64(count) {
		at := headerLen + i*entryLen
		switch t := le.Uint32(data[at:]); {
		case t < 1 || t > numSections:
			return nil, formatErr("sections", at, -1, "section %d has type %d, unknown in format version %d (known: 1 messages, 2 relocs, 3 sources, 4 meta)", i, t, Version)
		case int64(t) != i+1:
			return nil, formatErr("sections", at, -1, "section %d has type %d (%s); version %d files have sections messages, relocs, sources and meta, once each, in this order", i, t, sectionNames[t], Version)
		}
	}
	if count != numSections {
		return nil, formatErr("header", 24, -1, "%d sections; version %d files have %d (missing %s)", count, Version, numSections, sectionNames[count+1])
	}
	var sec [numSections + 1][]byte
	var cnt [numSections + 1]uint64
	var at [numSections + 1]int64
	want := int64(tableEnd)
	for t := 1; t <= numSections; t++ {
		e := entryOff(t)
		cnt[t] = uint64(le.Uint32(data[e+4:]))
		off, size := le.Uint64(data[e+8:]), le.Uint64(data[e+16:])
		if off != uint64(want) {
			return nil, formatErr("sections", e+8, -1, "section %s starts at byte %d, want %d (sections follow each other, each at a multiple of 8)", sectionNames[t], off, want)
		}
		if size > uint64(sumAt-want) {
			return nil, formatErr("sections", e+16, -1, "section %s: %d bytes from byte %d run past the checksum at byte %d", sectionNames[t], size, off, sumAt)
		}
		end := want + int64(size)
		sec[t], at[t] = data[want:end:end], want
		want = align8(end)
		if want > sumAt {
			return nil, formatErr("sections", e+16, -1, "section %s: its padding to a multiple of 8 runs past the checksum at byte %d", sectionNames[t], sumAt)
		}
		for i := end; i < want; i++ {
			if data[i] != 0 {
				return nil, formatErr(sectionNames[t], i, -1, "padding byte %#02x after the section is not zero", data[i])
			}
		}
	}
	if want != sumAt {
		return nil, formatErr("checksum", sumAt, -1, "checksum at byte %d, want %d (right after the last section, at a multiple of 8)", sumAt, want)
	}

	if len(sec[secMessages]) > 0 {
		b.Messages = sec[secMessages]
	}
	var err error
	if b.Relocs, err = parseRelocs(sec[secRelocs], cnt[secRelocs], at[secRelocs]); err != nil {
		return nil, err
	}
	if b.Sources, err = parseSources(sec[secSources], cnt[secSources], at[secSources], owned); err != nil {
		return nil, err
	}
	if b.Meta, err = parseMeta(sec[secMeta], cnt[secMeta], at[secMeta]); err != nil {
		return nil, err
	}
	got, err := b.verify()
	if err != nil {
		return nil, err
	}
	if uint64(got) != cnt[secMessages] {
		return nil, formatErr("sections", entryOff(secMessages)+4, -1, "the table counts %d messages, the section holds %d", cnt[secMessages], got)
	}
	return b, nil
}

func parseRelocs(p []byte, count uint64, base int64) ([]Reloc, error) {
	if uint64(len(p)) != count*relocLen {
		return nil, formatErr("sections", entryOff(secRelocs)+4, -1, "relocs: %d entries of %d bytes, but the section has %d bytes", count, relocLen, len(p))
	}
	if count == 0 {
		return nil, nil
	}
	out := make([]Reloc, count)
	// Batches name few interfaces many times: one string per name.
	symbols := map[string]string{}
	for i := range out {
		e := p[i*relocLen : (i+1)*relocLen]
		at := base + int64(i)*relocLen
		r := Reloc{Message: le.Uint32(e), Offset: le.Uint32(e[4:]), Width: e[8], Kind: RelocKind(e[9])}
		n := int(e[10])
		switch {
		case n < 1 || n >= ifnamsiz:
			return nil, formatErr("relocs", at+10, int(r.Message), "reloc %d: symbol length %d out of range 1-%d", i, n, ifnamsiz-1)
		case e[11] != 0:
			return nil, formatErr("relocs", at+11, int(r.Message), "reloc %d: reserved byte is %#02x, not zero", i, e[11])
		}
		sym := e[12:]
		for j := n; j < ifnamsiz; j++ {
			if sym[j] != 0 {
				return nil, formatErr("relocs", at+12+int64(j), int(r.Message), "reloc %d: byte %#02x after the %d-byte symbol is not zero", i, sym[j], n)
			}
		}
		sb := sym[:n]
		if known, ok := symbols[string(sb)]; ok {
			r.Symbol = known
		} else {
			r.Symbol = string(sb)
			symbols[r.Symbol] = r.Symbol
		}
		out[i] = r
	}
	return out, nil
}

// reader reads length-prefixed records of a section.
type reader struct {
	p []byte
	// text is p as one string: the strings read are slices of it, one
	// allocation for the whole section.
	text    string
	off     int
	base    int64
	section string
	rec     int
	err     error
}

func (r *reader) u32(what string) uint32 { return r.u32Of(what, "") }

// u32Of reads a u32 named what+suffix in errors (concatenated only
// then: this runs once per record).
func (r *reader) u32Of(what, suffix string) uint32 {
	if r.err != nil {
		return 0
	}
	if len(r.p)-r.off < 4 {
		r.fail("record %d: %s%s: the section ends %d bytes into its 4 bytes", r.rec, what, suffix, len(r.p)-r.off)
		return 0
	}
	v := le.Uint32(r.p[r.off:])
	r.off += 4
	return v
}

// str reads a u32 length then that many bytes; prev is returned instead
// of a new string when the bytes are equal to it.
func (r *reader) str(what, prev string) string {
	start := r.off
	n := r.u32Of(what, " length")
	if r.err != nil {
		return ""
	}
	if uint64(n) > uint64(len(r.p)-r.off) {
		r.off = start
		r.fail("record %d: %s of %d bytes runs past the end of the section (%d bytes left)", r.rec, what, n, len(r.p)-r.off-4)
		return ""
	}
	b := r.p[r.off : r.off+int(n)]
	r.off += int(n)
	if string(b) == prev {
		return prev
	}
	if r.text != "" {
		return r.text[r.off-int(n) : r.off]
	}
	return string(b)
}

func (r *reader) fail(format string, args ...any) {
	r.err = formatErr(r.section, r.base+int64(r.off), -1, format, args...)
}

func parseSources(p []byte, count uint64, base int64, owned bool) ([]Source, error) {
	if count > uint64(len(p))/sourceMin {
		return nil, formatErr("sections", entryOff(secSources)+4, -1, "sources: %d records cannot fit in %d bytes (each has at least %d)", count, len(p), sourceMin)
	}
	if count == 0 {
		if len(p) != 0 {
			return nil, formatErr("sources", base, -1, "%d bytes in a section of no records", len(p))
		}
		return nil, nil
	}
	out := make([]Source, count)
	r := &reader{p: p, base: base, section: "sources"}
	if owned && len(p) > 0 {
		// Read's buffer: the messages before this section are a slice
		// capped at their end, so nothing writes these bytes again.
		r.text = unsafe.String(&p[0], len(p))
	} else {
		r.text = string(p)
	}
	var file string
	for i := range out {
		r.rec = i
		s := &out[i]
		s.File = r.str("file name", file)
		file = s.File
		s.Line = int(r.u32("line"))
		s.Col = int(r.u32("column"))
		s.Text = r.str("text", "")
		if r.err != nil {
			return nil, r.err
		}
	}
	if r.off != len(p) {
		return nil, formatErr("sources", base+int64(r.off), -1, "%d bytes after the last of %d records", len(p)-r.off, count)
	}
	return out, nil
}

func parseMeta(p []byte, count uint64, base int64) (map[string]string, error) {
	if count > uint64(len(p))/metaMin {
		return nil, formatErr("sections", entryOff(secMeta)+4, -1, "meta: %d records cannot fit in %d bytes (each has at least %d)", count, len(p), metaMin)
	}
	if count == 0 {
		if len(p) != 0 {
			return nil, formatErr("meta", base, -1, "%d bytes in a section of no records", len(p))
		}
		return nil, nil
	}
	out := make(map[string]string, count)
	r := &reader{p: p, base: base, section: "meta"}
	prev := ""
	for i := range int(count) {
		r.rec = i
		at := base + int64(r.off)
		k := r.str("key", "")
		v := r.str("value", "")
		if r.err != nil {
			return nil, r.err
		}
		if i > 0 && k <= prev {
			return nil, formatErr("meta", at, -1, "record %d: key %q is not after %q (keys are sorted, each once)", i, k, prev)
		}
		out[k], prev = v, k
	}
	if r.off != len(p) {
		return nil, formatErr("meta", base+int64(r.off), -1, "%d bytes after the last of %d records", len(p)-r.off, count)
	}
	return out, nil
}
