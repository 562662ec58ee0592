package capture

import (
	"bufio"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"time"
	"unicode/utf8"

	"github.com/google/gopacket/pcapgo"
)

// Frame is one kernel buffer: one or more netlink messages.
type Frame struct {
	// Num is the 1-based number of the frame in the input: the record
	// number for pcap and pcapng (as tshark numbers them), the message
	// number for raw and rtmon input (NLMSG_TSTAMP records not counted),
	// the paragraph number for hex text. Frames that fail with a
	// FrameError use up their number.
	Num int
	// Time is the capture time: the record's time for pcap and pcapng,
	// the last NLMSG_TSTAMP before the message for rtmon (zero before the
	// first one), zero for raw and hex input.
	Time time.Time
	// Protocol is the netlink protocol (0 ROUTE, 16 GENERIC, ...): from
	// the nlmon header for pcap and pcapng; Options.Protocol for raw,
	// rtmon and hex input, which do not record it (callers that want
	// "unknown" there pass -1).
	Protocol int
	// Data holds the netlink messages. It is valid until the next call
	// to Next. For raw and rtmon input it is exactly one message,
	// without the alignment padding that follows it.
	Data []byte
	// Offset is the byte offset in the (decompressed) input where Data
	// starts; for hex text, the offset of the text of its first byte.
	Offset int64
	// WireLen is the length of the kernel buffer when it was captured.
	// It exceeds len(Data) when the capture cut the record short (its
	// snaplen was smaller than the buffer); otherwise it equals len(Data).
	WireLen int
}

// Format names an input format.
type Format string

// The formats NewReader knows.
const (
	// FormatPcap is a libpcap file of link type LINKTYPE_NETLINK (253),
	// as tcpdump writes it on an nlmon device: both byte orders, micro-
	// and nanosecond timestamps.
	FormatPcap Format = "pcap"
	// FormatPcapng is a pcapng file with LINKTYPE_NETLINK interfaces.
	FormatPcapng Format = "pcapng"
	// FormatRaw is netlink messages laid end to end, as pyroute2's
	// IPBatch.batch holds them or `nlbatch export --to raw` writes them.
	FormatRaw Format = "raw"
	// FormatRtmon is the file format of rtmon and `ip monitor file`:
	// messages each preceded by an NLMSG_TSTAMP record.
	FormatRtmon Format = "rtmon"
	// FormatHex is hexadecimal text: plain hex, hexdump -C, xxd and
	// strace dumps, one frame per paragraph.
	FormatHex Format = "hex"
)

// Options tunes a Reader. The zero value detects everything.
type Options struct {
	// Format forces a format instead of detecting it ("" = detect).
	Format Format
	// Protocol is the netlink protocol to assume for inputs that do not
	// record it (raw, rtmon, hex): Frame.Protocol is set from it. The
	// default, 0, is NETLINK_ROUTE.
	Protocol int
	// Order is the byte order of the netlink headers, used to split raw
	// and rtmon input into messages. nil detects it (see the package
	// documentation for the rule).
	Order binary.ByteOrder
}

// FrameError reports a malformed frame: its number and the byte offset
// in the (decompressed) input where the problem is. For formats that can
// resynchronise (pcap and pcapng records, hex paragraphs) Next can be
// called again after it; otherwise the next call returns io.EOF.
type FrameError struct {
	Frame  int
	Offset int64
	Err    error
}

// Error returns "frame N at byte OFFSET: what".
func (e *FrameError) Error() string {
	return fmt.Sprintf("frame %d at byte %d: %v", e.Frame, e.Offset, e.Err)
}

// Unwrap returns the underlying error.
func (e *FrameError) Unwrap() error { return e.Err }

// SyntaxError is the Err of a FrameError for malformed hex text. Line
// and Col are 1-based; Col counts bytes.
type SyntaxError struct {
	Line, Col int
	Msg       string
}

// Error returns "line L col C: what".
func (e *SyntaxError) Error() string {
	return fmt.Sprintf("line %d col %d: %s", e.Line, e.Col, e.Msg)
}

// ErrUnknownFormat is returned by NewReader for binary input that is
// neither a capture file nor plausible netlink messages.
var ErrUnknownFormat = errors.New("unrecognised input format")

const (
	// LinkTypeNetlink is LINKTYPE_NETLINK, the pcap link type of nlmon
	// captures.
	LinkTypeNetlink = 253
	// PcapSnaplen is the snapshot length PcapWriter declares, tcpdump's
	// default and the largest record Wireshark accepts for netlink.
	PcapSnaplen = 262144

	nlmonHeaderLen = 16
	arphrdNetlink  = 824
	nlmsgHeaderLen = 16
	nlmsgTstamp    = 15

	// maxFrame bounds every length read from the input (record, block,
	// message). Memory is spent only as the bytes actually arrive; the
	// bound rejects lengths that cannot be real (and keeps int
	// conversions safe).
	maxFrame = 1 << 30
	// bufSize is the read buffer, and how far detection and the raw
	// byte-order rule look ahead.
	bufSize = 64 << 10
)

// Reader reads frames from a capture file or stream. It is not safe for
// concurrent use.
type Reader struct {
	opts   Options
	format Format
	cr     *countingReader // counts decompressed bytes
	br     *bufio.Reader   // over cr
	num    int             // number of the last frame handed out (or failed)
	done   bool            // no more frames: Next returns io.EOF
	frame  Frame

	// pcap and pcapng
	pcapOrder binary.ByteOrder // pcap record headers; pcapng: current section
	linkType  uint32
	pr        *pcapgo.Reader
	ng        *pcapgo.NgReader
	ifaces    []ngIface // interfaces of the current pcapng section
	run       []byte    // the record or block being handed to pcapgo
	src       runSource
	gate      *bufio.Reader // what pcapgo reads from: exactly the bytes of r.run

	// raw and rtmon
	win   window
	order binary.ByteOrder // fixed payload order (Options.Order or rtmon's); nil: per message
	last  binary.ByteOrder // order of the previous message
	stamp time.Time        // rtmon: the last NLMSG_TSTAMP

	// hex
	hex hexState
}

// NewReader returns a Reader over r. Input starting with the gzip magic
// (1f 8b) is decompressed transparently. The format is then detected
// from the first bytes unless opts.Format forces one; detection peeks
// and never seeks, so r may be a pipe. NewReader reads the file header
// of pcap and pcapng input and fails if it is malformed.
func NewReader(r io.Reader, opts Options) (*Reader, error) {
	rd := &Reader{opts: opts}
	rd.cr = &countingReader{r: r}
	rd.br = bufio.NewReaderSize(rd.cr, bufSize)
	if m, _ := rd.br.Peek(2); len(m) == 2 && m[0] == 0x1f && m[1] == 0x8b {
		zr, err := gzip.NewReader(rd.br)
		if err != nil {
			return nil, fmt.Errorf("capture: gzip: %w", err)
		}
		rd.cr = &countingReader{r: zr}
		rd.br = bufio.NewReaderSize(rd.cr, bufSize)
	}
	format := opts.Format
	var detected binary.ByteOrder
	if format == "" {
		var err error
		if format, detected, err = detect(rd.br); err != nil {
			return nil, fmt.Errorf("capture: %w", err)
		}
	}
	rd.format = format
	var err error
	switch format {
	case FormatPcap:
		err = rd.initPcap()
	case FormatPcapng:
		err = rd.initPcapng()
	case FormatRaw:
		rd.order = opts.Order
	case FormatRtmon:
		rd.order = opts.Order
		if rd.order == nil {
			rd.order = detected
		}
		if rd.order == nil {
			rd.order = rtmonOrder(rd.br)
		}
	case FormatHex:
	default:
		return nil, fmt.Errorf("capture: unknown format %q (want pcap, pcapng, raw, rtmon or hex)", format)
	}
	if err != nil {
		return nil, fmt.Errorf("capture: %s: %w", format, err)
	}
	return rd, nil
}

// Format returns the format of the input, detected or forced.
func (r *Reader) Format() Format { return r.format }

// Next returns the next frame. It returns io.EOF at the end of the
// input, and a *FrameError for a malformed frame (see FrameError for
// whether reading can go on). The Frame and its Data are reused by the
// next call.
func (r *Reader) Next() (*Frame, error) {
	if r.done {
		return nil, io.EOF
	}
	switch r.format {
	case FormatPcap:
		return r.nextPcap()
	case FormatPcapng:
		return r.nextPcapng()
	case FormatRaw, FormatRtmon:
		return r.nextMessage()
	default:
		return r.nextHex()
	}
}

// offset returns the offset in the decompressed input of the next byte
// r.br will return.
func (r *Reader) offset() int64 { return r.cr.n - int64(r.br.Buffered()) }

// fail reports a frame error after which reading cannot go on.
func (r *Reader) fail(frame int, off int64, err error) (*Frame, error) {
	r.done = true
	return nil, &FrameError{Frame: frame, Offset: off, Err: err}
}

// bad reports a frame error after which reading goes on.
func (r *Reader) bad(frame int, off int64, err error) (*Frame, error) {
	return nil, &FrameError{Frame: frame, Offset: off, Err: err}
}

// readError describes a failure to read n bytes, of which got arrived.
func readError(what string, got, n int, err error) error {
	if err == io.EOF || err == io.ErrUnexpectedEOF {
		return fmt.Errorf("truncated %s: %d of %d bytes: %w", what, got, n, io.ErrUnexpectedEOF)
	}
	return fmt.Errorf("reading %s: %w", what, err)
}

// readAppend appends the next n bytes of input to dst. Memory grows with
// the bytes that actually arrive, so a hostile length costs nothing
// until the input backs it. On a short read it returns what arrived and
// the error (io.ErrUnexpectedEOF at the end of input).
func (r *Reader) readAppend(dst []byte, n int) ([]byte, error) {
	for n > 0 {
		if len(dst) == cap(dst) {
			grow := max(cap(dst), 4096)
			dst = append(dst[:cap(dst)], make([]byte, min(grow, n))...)[:len(dst)]
		}
		k := min(n, cap(dst)-len(dst))
		m, err := io.ReadFull(r.br, dst[len(dst):len(dst)+k])
		dst = dst[:len(dst)+m]
		n -= m
		if err != nil {
			if err == io.EOF {
				err = io.ErrUnexpectedEOF
			}
			return dst, err
		}
	}
	return dst, nil
}

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// Magic numbers of the pcap and pcapng file headers, as libpcap and the
// pcapng specification document them; files store them in their own
// byte order.
const (
	pcapMagicMicro    = 0xa1b2c3d4
	pcapMagicNano     = 0xa1b23c4d
	pcapMagicModified = 0xa1b2cd34 // Kuznetzov's patched libpcap
	pcapngSHB         = 0x0a0d0d0a
	pcapngBOM         = 0x1a2b3c4d
)

// detect guesses the format from the first bytes of br. For rtmon it
// also returns the byte order of the first NLMSG_TSTAMP.
func detect(br *bufio.Reader) (Format, binary.ByteOrder, error) {
	head, err := br.Peek(24)
	if err != nil && err != io.EOF {
		return "", nil, fmt.Errorf("reading input: %w", err)
	}
	if len(head) == 0 {
		return FormatRaw, nil, nil // empty: no frames
	}
	if len(head) >= 4 {
		le, be := binary.LittleEndian.Uint32(head), binary.BigEndian.Uint32(head)
		switch {
		case le == pcapMagicMicro || le == pcapMagicNano || be == pcapMagicMicro || be == pcapMagicNano:
			return FormatPcap, nil, nil
		case le == pcapMagicModified || be == pcapMagicModified:
			return "", nil, errors.New("modified (Kuznetzov) pcap is not supported: convert it with editcap -F pcap")
		case le == pcapngSHB && len(head) >= 12 &&
			(binary.LittleEndian.Uint32(head[8:]) == pcapngBOM || binary.BigEndian.Uint32(head[8:]) == pcapngBOM):
			return FormatPcapng, nil, nil
		}
	}
	if o := tstampOrder(head); o != nil {
		return FormatRtmon, o, nil
	}
	// Whatever arrived with the first read decides text or binary.
	if sample, _ := br.Peek(br.Buffered()); isText(sample) {
		return FormatHex, nil, nil
	}
	if len(head) >= 4 {
		le, be := binary.LittleEndian.Uint32(head), binary.BigEndian.Uint32(head)
		if !plausibleLen(le) && !plausibleLen(be) {
			return "", nil, fmt.Errorf("%w (first bytes % x)", ErrUnknownFormat, head[:min(len(head), 16)])
		}
	}
	return FormatRaw, nil, nil
}

func plausibleLen(n uint32) bool { return n >= nlmsgHeaderLen && n <= maxFrame }

// tstampOrder returns the byte order in which head starts with an
// NLMSG_TSTAMP record (nlmsg_len 24, nlmsg_type 15), or nil.
func tstampOrder(head []byte) binary.ByteOrder {
	if len(head) < nlmsgHeaderLen {
		return nil
	}
	for _, o := range []binary.ByteOrder{binary.LittleEndian, binary.BigEndian} {
		if o.Uint32(head) == 24 && o.Uint16(head[4:]) == nlmsgTstamp {
			return o
		}
	}
	return nil
}

// rtmonOrder is tstampOrder on the first bytes of br, for forced rtmon.
func rtmonOrder(br *bufio.Reader) binary.ByteOrder {
	head, _ := br.Peek(nlmsgHeaderLen)
	return tstampOrder(head)
}

// isText reports whether b looks like text: UTF-8 (b may end inside a
// character) without control characters but tab, newline, vertical tab,
// form feed and carriage return.
func isText(b []byte) bool {
	if len(b) == 0 {
		return false
	}
	for len(b) > 0 {
		c, n := utf8.DecodeRune(b)
		switch {
		case c == utf8.RuneError && n <= 1:
			return !utf8.FullRune(b) // only a cut final character
		case c < 0x20 && c != '\t' && c != '\n' && c != '\v' && c != '\f' && c != '\r' || c == 0x7f:
			return false
		}
		b = b[n:]
	}
	return true
}
