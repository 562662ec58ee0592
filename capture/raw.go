package capture

import (
	"encoding/binary"
	"fmt"
	"io"
	"time"
)

// window is the read buffer for raw and rtmon input: buf[lo:hi] holds
// bytes read but not consumed yet.
type window struct {
	buf    []byte
	lo, hi int
	eof    bool  // the input ended
	err    error // the input failed
}

// fill makes at least n unconsumed bytes available in r.win, fewer only
// at the end of input or on a read error, and returns how many there
// are. When the buffer is full it slides its contents to the front if at
// least half of it was consumed (so sliding costs O(1) per byte), else
// doubles: it grows only while at least half full of unconsumed input, so
// a hostile length costs memory only as the input backs it.
func (r *Reader) fill(n int) int {
	w := &r.win
	for w.hi-w.lo < n && !w.eof && w.err == nil {
		if w.hi == len(w.buf) {
			if w.lo > 0 && w.lo >= len(w.buf)/2 {
				copy(w.buf, w.buf[w.lo:w.hi])
			} else {
				nb := make([]byte, max(2*len(w.buf), bufSize))
				copy(nb, w.buf[w.lo:w.hi])
				w.buf = nb
			}
			w.hi -= w.lo
			w.lo = 0
		}
		m, err := r.br.Read(w.buf[w.hi:])
		w.hi += m
		if err == io.EOF {
			w.eof = true
		} else if err != nil {
			w.err = err
		}
	}
	return w.hi - w.lo
}

// winOffset returns the input offset of the first unconsumed byte.
func (r *Reader) winOffset() int64 { return r.offset() - int64(r.win.hi-r.win.lo) }

func align4(n int) int { return (n + 3) &^ 3 }

// nextMessage returns the next netlink message of raw or rtmon input.
// rtmon's NLMSG_TSTAMP records set the time of the messages after them
// and are not frames themselves.
func (r *Reader) nextMessage() (*Frame, error) {
	w := &r.win
	for {
		start := r.winOffset()
		num := r.num + 1
		avail := r.fill(nlmsgHeaderLen)
		if avail < nlmsgHeaderLen {
			if w.err != nil {
				return r.fail(num, start, fmt.Errorf("reading input: %w", w.err))
			}
			if avail == 0 {
				r.done = true
				return nil, io.EOF
			}
			return r.fail(num, start, fmt.Errorf("truncated message: %d bytes left, a netlink header needs 16: %w", avail, io.ErrUnexpectedEOF))
		}
		n, order, err := r.msgLen()
		if err != nil {
			if w.err != nil {
				err = fmt.Errorf("reading input: %w", w.err)
			}
			return r.fail(num, start, err)
		}
		// Load the padding too if it is there; consume it either way.
		adv := min(align4(n), r.fill(align4(n)))
		msg := w.buf[w.lo : w.lo+n]
		w.lo += adv
		r.last = order
		if r.format == FormatRtmon && n == 24 && order.Uint16(msg[4:]) == nlmsgTstamp {
			sec, usec := order.Uint32(msg[16:]), order.Uint32(msg[20:])
			r.stamp = time.Unix(int64(sec), int64(usec)*1000).UTC()
			continue
		}
		r.num = num
		r.frame = Frame{Num: num, Time: r.stamp, Protocol: r.opts.Protocol, Data: msg, Offset: start, WireLen: n}
		return &r.frame, nil
	}
}

// msgLen returns the length of the message at the start of r.win, and
// the byte order it was read in, after making sure all of it is loaded.
//
// With a fixed order (Options.Order, or rtmon's from its first
// NLMSG_TSTAMP) nlmsg_len is read in that order. Otherwise it is read
// both ways, as Wireshark does for nlmon captures. A reading is a
// candidate if it is at least 16 (at most 1 GiB) and the input holds
// that many bytes.
// One candidate wins; none is an error. With two, the one whose message
// (with its padding) ends exactly at the end of input wins, else the
// byte order of the previous message (one file comes from one host),
// else the smaller reading: a wrong small reading fails at the next
// header, a wrong large one would swallow the messages after it, and the
// wrong reading of a real length is usually 16 MiB or more. To learn
// where the input ends the reader looks at most 64 KiB ahead; beyond
// that, a reading counts as fitting until reading it hits the end.
func (r *Reader) msgLen() (int, binary.ByteOrder, error) {
	w := &r.win
	hdr := w.buf[w.lo : w.lo+4]
	if r.order != nil {
		n := r.order.Uint32(hdr)
		if n < nlmsgHeaderLen || n > maxFrame {
			return 0, nil, fmt.Errorf("nlmsg_len %d (%s) is not a message length", n, orderName(r.order))
		}
		if got := r.fill(int(n)); got < int(n) {
			return 0, nil, fmt.Errorf("nlmsg_len %d (%s) does not fit the %d bytes left: %w", n, orderName(r.order), got, io.ErrUnexpectedEOF)
		}
		return int(n), r.order, nil
	}
	le, be := binary.LittleEndian.Uint32(hdr), binary.BigEndian.Uint32(hdr)
	okLE, okBE := plausibleLen(le), plausibleLen(be)
	if le == be {
		okBE = false
	}
	if !okLE && !okBE {
		return 0, nil, fmt.Errorf("nlmsg_len reads %d little-endian, %d big-endian: neither is a message length", le, be)
	}
	if !okLE || !okBE {
		o, n := binary.ByteOrder(binary.LittleEndian), int(le)
		if okBE {
			o, n = binary.BigEndian, int(be)
		}
		if got := r.fill(n); got < n {
			return 0, nil, fmt.Errorf("nlmsg_len reads %d little-endian, %d big-endian: neither fits the %d bytes left: %w", le, be, got, io.ErrUnexpectedEOF)
		}
		return n, o, nil
	}
	// Both readings are lengths: small and large.
	sn, so, ln, lo := int(le), binary.ByteOrder(binary.LittleEndian), int(be), binary.ByteOrder(binary.BigEndian)
	if sn > ln {
		sn, so, ln, lo = ln, lo, sn, so
	}
	look := min(align4(ln), bufSize) + 1
	got := r.fill(look)
	if got < look { // the end of input is in sight
		return pickLen(sn, so, ln, lo, got, r.last)
	}
	if align4(ln) < look || r.last != lo { // both fit, or the small one is preferred anyway
		if r.last == lo {
			return ln, lo, nil
		}
		if got = r.fill(sn); got < sn {
			return pickLen(sn, so, ln, lo, got, r.last)
		}
		return sn, so, nil
	}
	// The previous message prefers the large reading, beyond the look-ahead.
	if got = r.fill(ln); got < ln {
		return pickLen(sn, so, ln, lo, got, r.last)
	}
	return ln, lo, nil
}

// pickLen applies the byte-order rule when the remaining input (rem
// bytes, all loaded) is known.
func pickLen(sn int, so binary.ByteOrder, ln int, lo binary.ByteOrder, rem int, last binary.ByteOrder) (int, binary.ByteOrder, error) {
	ends := func(n int) bool { return n <= rem && rem <= align4(n) }
	switch {
	case sn > rem:
		le, be := sn, ln
		if so != binary.ByteOrder(binary.LittleEndian) {
			le, be = ln, sn
		}
		return 0, nil, fmt.Errorf("nlmsg_len reads %d little-endian, %d big-endian: neither fits the %d bytes left: %w", le, be, rem, io.ErrUnexpectedEOF)
	case ln > rem, ends(sn):
		return sn, so, nil
	case ends(ln), last == lo:
		return ln, lo, nil
	}
	return sn, so, nil
}

func orderName(o binary.ByteOrder) string {
	switch o {
	case binary.ByteOrder(binary.LittleEndian):
		return "little-endian"
	case binary.ByteOrder(binary.BigEndian):
		return "big-endian"
	}
	return o.String()
}
