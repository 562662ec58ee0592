package capture

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strconv"
)

// maxHexLine bounds a line of hex text.
const maxHexLine = 1 << 20

// hexState is the hex reader's position in its input.
type hexState struct {
	line int    // number of the last line read
	long []byte // a line longer than the read buffer
	data []byte // the frame being assembled
}

// hexOffsets tracks the offset column of a paragraph.
type hexOffsets struct {
	lines  int    // data lines seen in the paragraph
	has    bool   // the paragraph's lines start with an offset
	next   uint64 // the offset the next line should have
	counts bool   // has, and next is meaningful
}

// Kinds of line.
const (
	hexData = iota // bytes (possibly none)
	hexSkip        // comment, strace's "* N bytes in buffer K"
	hexSep         // blank, "--", strace's syscall lines: ends a frame
)

// nextHex returns the next paragraph of hex text as a frame.
func (r *Reader) nextHex() (*Frame, error) {
	h := &r.hex
	data := h.data[:0]
	var offs hexOffsets
	first := int64(-1)
	num := r.num + 1
	for {
		line, start, err := r.hexLine()
		if err == io.EOF {
			r.done = true
			if len(data) > 0 {
				break
			}
			return nil, io.EOF
		}
		if err != nil {
			if se, ok := err.(*SyntaxError); ok {
				r.num = num
				r.hexSkipParagraph()
				return r.bad(num, start, se)
			}
			return r.fail(num, start, err)
		}
		n0 := len(data)
		kind, col, msg := parseHexLine(line, &data, &offs, h.line == 1)
		if msg != "" {
			r.num = num
			h.data = data
			err := &SyntaxError{Line: h.line, Col: col, Msg: msg}
			r.hexSkipParagraph()
			return r.bad(num, start+int64(col-1), err)
		}
		if kind == hexSep {
			if len(data) > 0 {
				break
			}
			offs = hexOffsets{}
			continue
		}
		if first < 0 && len(data) > n0 {
			first = start + int64(col-1)
		}
	}
	h.data = data
	r.num = num
	r.frame = Frame{Num: num, Protocol: r.opts.Protocol, Data: data, Offset: first, WireLen: len(data)}
	return &r.frame, nil
}

// hexLine reads the next line, without its line ending, and returns the
// offset where it starts. A line longer than maxHexLine is a
// *SyntaxError (the line is skipped).
func (r *Reader) hexLine() ([]byte, int64, error) {
	h := &r.hex
	start := r.offset()
	b, err := r.br.ReadSlice('\n')
	if err == bufio.ErrBufferFull {
		long, tooLong := append(h.long[:0], b...), false
		for err == bufio.ErrBufferFull {
			b, err = r.br.ReadSlice('\n')
			if len(long)+len(b) > maxHexLine {
				tooLong = true
			} else if !tooLong {
				long = append(long, b...)
			}
		}
		h.long, b = long, long
		if tooLong && (err == nil || err == io.EOF) {
			h.line++
			return nil, start, &SyntaxError{Line: h.line, Col: 1, Msg: "line longer than 1 MiB"}
		}
	}
	if err != nil && (err != io.EOF || len(b) == 0) {
		if err != io.EOF {
			err = fmt.Errorf("reading input: %w", err)
		}
		return nil, start, err
	}
	h.line++
	b = bytes.TrimSuffix(b, []byte("\n"))
	b = bytes.TrimSuffix(b, []byte("\r"))
	return b, start, nil
}

// hexSkipParagraph skips lines up to the end of the current paragraph.
func (r *Reader) hexSkipParagraph() {
	for {
		line, _, err := r.hexLine()
		if err == io.EOF {
			r.done = true
			return
		}
		if _, ok := err.(*SyntaxError); ok {
			continue
		}
		if err != nil {
			r.done = true
			return
		}
		if t := bytes.TrimSpace(line); hexClass(t) == hexSep || isStraceCall(t) {
			return
		}
	}
}

// hexClass classifies a trimmed line that carries no bytes, or returns
// hexData. Lines that fail to parse are also checked with isStraceCall.
func hexClass(t []byte) int {
	switch {
	case len(t) == 0 || string(t) == "--":
		return hexSep
	case t[0] == '#' || isStraceNote(t):
		return hexSkip
	}
	return hexData
}

// parseHexLine appends the bytes of one line to *data. It returns the
// line's kind, and for a data line the column of its first byte; or the
// column and description of an error. A line that is not hex but looks
// like one of strace's system call lines separates frames.
func parseHexLine(s []byte, data *[]byte, offs *hexOffsets, firstLine bool) (kind, col int, msg string) {
	base := 0 // index in s of the text
	if firstLine && bytes.HasPrefix(s, []byte("\xef\xbb\xbf")) {
		base = 3 // UTF-8 byte-order mark
	}
	t := bytes.TrimSpace(s[base:])
	if k := hexClass(t); k != hexData {
		if isStraceNote(t) {
			offs.counts = false // the next buffer restarts at offset 0
		}
		return k, 0, ""
	}
	if string(t) == "*" {
		return 0, bytes.IndexByte(s, '*') + 1, "hexdump squeezed repeated lines into '*': dump with hexdump -v (or xxd)"
	}
	n0, o0 := len(*data), *offs
	kind, col, msg = parseHexBytes(s, base, t[0] == '|', data, offs)
	if msg != "" && isStraceCall(t) {
		*data, *offs = (*data)[:n0], o0
		return hexSep, 0, ""
	}
	return kind, col, msg
}

// parseHexBytes parses a data line: s[base:] is its text, strace tells
// whether it is a strace dump line.
func parseHexBytes(s []byte, base int, strace bool, data *[]byte, offs *hexOffsets) (kind, col int, msg string) {
	body := s[base:]
	if strace { // strace: " | 00000  30 00 ...  0....... |"
		i := bytes.IndexByte(body, '|')
		base += i + 1
		body = body[i+1:]
		if e := bytes.TrimRight(body, " \t"); len(e) > 0 && e[len(e)-1] == '|' {
			body = e[:len(e)-1]
		}
	}
	lineBytes := len(*data)
	firstCol := 0
	p := 0
	tok := func() (start, end, gap int) { // next token of body from p
		start = p
		for start < len(body) && (body[start] == ' ' || body[start] == '\t' || body[start] == ',') {
			start++
		}
		for k := start - 1; k >= p && (body[k] == ' ' || body[k] == '\t'); k-- {
			gap++
		}
		end = start
		for end < len(body) && body[end] != ' ' && body[end] != '\t' && body[end] != ',' {
			end++
		}
		return start, end, gap
	}

	// The offset column.
	s0, e0, _ := tok()
	p = e0
	s1, e1, g1 := tok()
	p = s0
	w := body[s0:e0]
	isOff := false
	switch {
	case strace:
		if !isHex(w) || len(w) > 16 {
			return 0, base + s0 + 1, fmt.Sprintf("strace dump line without an offset: %q", w)
		}
		isOff = true
	case len(w) > 1 && w[len(w)-1] == ':' && isHex(w[:len(w)-1]) && len(w) <= 17:
		isOff, w = true, w[:len(w)-1]
	case offs.lines == 0 || offs.has:
		// hexdump -C, Wireshark: 4 to 8 digits, then two spaces or more
		// and single bytes; hexdump's last line holds the end offset alone.
		alone := s1 >= len(body)
		isOff = len(w) >= 4 && len(w) <= 8 && isHex(w) && (g1 >= 2 && e1-s1 == 2 || alone && offs.has)
	}
	if offs.has && !isOff {
		return 0, base + s0 + 1, "line has no offset column, unlike the lines before it"
	}
	if isOff {
		if offs.lines > 0 && !offs.has {
			return 0, base + s0 + 1, "offset column in a paragraph whose first line had none"
		}
		v, _ := strconv.ParseUint(string(w), 16, 64)
		switch {
		case !offs.counts || v == 0:
			offs.next = v
		case v != offs.next:
			return 0, base + s0 + 1, fmt.Sprintf("offset %#x does not follow the line before (expected %#x): is a line missing?", v, offs.next)
		}
		offs.has, offs.counts = true, true
		p = e0
	}
	offs.lines++

	// The bytes, up to an ASCII column or a comment.
	tail := bytes.TrimRight(body, " \t")
	for {
		ts, te, gap := tok()
		if ts >= len(body) {
			break
		}
		if n := len(*data) - lineBytes; gap >= 2 && n > 0 && n <= maxASCIIColumn && asciiColumn(tail, ts-gap+2, ts, (*data)[lineBytes:]) {
			break
		}
		if body[ts] == '#' || body[ts] == '|' {
			break // a comment, or hexdump -C's ASCII column
		}
		d := ts
		if te-ts > 2 && body[ts] == '0' && (body[ts+1] == 'x' || body[ts+1] == 'X') {
			d += 2
		}
		end := d
		for end < te && body[end] != '#' {
			if unhex(body[end]) < 0 {
				return 0, base + end + 1, fmt.Sprintf("%q is not a hex digit", body[end])
			}
			end++
		}
		if (end-d)%2 != 0 {
			return 0, base + ts + 1, fmt.Sprintf("odd number of hex digits in %q", body[ts:end])
		}
		if firstCol == 0 && end > d {
			firstCol = base + ts + 1
		}
		for k := d; k < end; k += 2 {
			*data = append(*data, byte(unhex(body[k])<<4|unhex(body[k+1])))
		}
		if end < te {
			break // '#' inside the token starts a comment
		}
		p = te
	}
	offs.next += uint64(len(*data) - lineBytes)
	return hexData, firstCol, ""
}

// maxASCIIColumn is the longest ASCII column looked for (xxd -c 256).
const maxASCIIColumn = 256

// asciiColumn reports whether the text of tail (a line without its
// trailing blanks) from some position in [from, to] is the ASCII
// rendering of b, as hexdump -C, xxd and strace print it after the
// bytes: printable bytes as themselves, others as '.'; trailing spaces
// may be trimmed, and hexdump's |...| are accepted. The column is no
// longer than b (plus the bars), which bounds the positions tried.
func asciiColumn(tail []byte, from, to int, b []byte) bool {
	for at := max(from, len(tail)-len(b)-2); at <= to; at++ {
		if renders(b, tail[at:]) {
			return true
		}
	}
	return false
}

func renders(b, text []byte) bool {
	if len(text) >= 2 && text[0] == '|' && text[len(text)-1] == '|' {
		text = text[1 : len(text)-1]
	}
	if len(text) == 0 || len(text) > len(b) {
		return false
	}
	for i, c := range text {
		if c != '.' && (c != b[i] || b[i] < 0x20 || b[i] >= 0x7f) {
			return false
		}
	}
	for _, x := range b[len(text):] {
		if x != ' ' {
			return false
		}
	}
	return true
}

func isHex(b []byte) bool {
	if len(b) == 0 {
		return false
	}
	for _, c := range b {
		if unhex(c) < 0 {
			return false
		}
	}
	return true
}

func unhex(c byte) int {
	switch {
	case '0' <= c && c <= '9':
		return int(c - '0')
	case 'a' <= c && c <= 'f':
		return int(c - 'a' + 10)
	case 'A' <= c && c <= 'F':
		return int(c - 'A' + 10)
	}
	return -1
}

// isStraceNote matches strace's " * 48 bytes in buffer 0" (trimmed),
// which precedes the dump of each iovec of a sendmsg.
func isStraceNote(t []byte) bool {
	rest, ok := bytes.CutPrefix(t, []byte("* "))
	if !ok {
		return false
	}
	rest, n := skipDigits(rest)
	if n == 0 {
		return false
	}
	rest, ok = bytes.CutPrefix(rest, []byte(" bytes in buffer "))
	if !ok {
		return false
	}
	rest, n = skipDigits(rest)
	return n > 0 && len(rest) == 0
}

func skipDigits(b []byte) ([]byte, int) {
	n := 0
	for n < len(b) && '0' <= b[n] && b[n] <= '9' {
		n++
	}
	return b[n:], n
}

// isStraceCall matches the lines strace prints between its dumps: a
// system call ("sendmsg(3, ...) = 48", maybe after a pid and timestamps,
// or "[pid 12] "), "<... sendmsg resumed>", "+++ exited with 0 +++" and
// "--- SIGCHLD ... ---". They end a frame.
func isStraceCall(t []byte) bool {
	if rest, ok := bytes.CutPrefix(t, []byte("[pid ")); ok {
		i := bytes.IndexByte(rest, ']')
		if i < 0 {
			return false
		}
		t = bytes.TrimLeft(rest[i+1:], " \t")
	}
	for { // pids and timestamps
		j := 0
		for j < len(t) && ('0' <= t[j] && t[j] <= '9' || t[j] == '.' || t[j] == ':') {
			j++
		}
		if j == 0 || j == len(t) || t[j] != ' ' && t[j] != '\t' {
			break
		}
		t = bytes.TrimLeft(t[j:], " \t")
	}
	for _, p := range []string{"+++ ", "--- ", "<... "} {
		if bytes.HasPrefix(t, []byte(p)) {
			return true
		}
	}
	j := 0
	for j < len(t) && (t[j] == '_' || 'a' <= t[j] && t[j] <= 'z' || 'A' <= t[j] && t[j] <= 'Z' || j > 0 && '0' <= t[j] && t[j] <= '9') {
		j++
	}
	return j > 0 && j < len(t) && t[j] == '('
}
