package capture

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/google/gopacket/pcapgo"
)

// pcap and pcapng records are parsed by pcapgo, but pcapgo never reads
// the input directly. pcapgo v1.1.19 trusts the lengths it reads: its
// ReadPacketData allocates the record's claimed length before reading it,
// and ZeroCopyReadPacketData allocates max(snaplen, claimed length), so
// a file header with a 4 GiB snaplen, or a record claiming 4 GiB, makes
// it allocate 4 GiB; its pcapng reader also divides by zero on some
// if_tsresol values and loses its place on inconsistent lengths. So the
// Reader frames the input itself: it reads each record or block (memory
// growing only as its bytes arrive), checks the lengths pcapgo will rely
// on, and hands pcapgo exactly that record or block through a gate (a
// bufio.Reader over r.run, which pcapgo adopts as its own buffer). pcapgo
// cannot read past it, and any disagreement shows up as bytes left over.

// errRunDry is what the gate returns once pcapgo has read the whole run.
var errRunDry = errors.New("capture: end of record")

// runSource serves the bytes of one record or block to pcapgo.
type runSource struct{ b []byte }

func (s *runSource) Read(p []byte) (int, error) {
	if len(s.b) == 0 {
		return 0, errRunDry
	}
	n := copy(p, s.b)
	s.b = s.b[n:]
	return n, nil
}

// feed makes b the only bytes pcapgo can read next.
func (r *Reader) feed(b []byte) {
	if r.gate == nil {
		// 4096 is bufio's default size: pcapgo's bufio.NewReader(gate)
		// then returns the gate itself instead of buffering on top.
		r.gate = bufio.NewReaderSize(&r.src, 4096)
	}
	r.src.b = b
	r.gate.Reset(&r.src)
}

// drained reports whether pcapgo consumed everything fed to it.
func (r *Reader) drained() bool { return len(r.src.b) == 0 && r.gate.Buffered() == 0 }

// initPcap reads the 24-byte pcap file header.
func (r *Reader) initPcap() error {
	hdr, err := r.readAppend(r.run[:0], 24)
	r.run = hdr
	if err != nil {
		return readError("file header", len(hdr), 24, err)
	}
	switch binary.LittleEndian.Uint32(hdr) {
	case pcapMagicMicro, pcapMagicNano:
		r.pcapOrder = binary.LittleEndian
	default:
		r.pcapOrder = binary.BigEndian
	}
	r.linkType = r.pcapOrder.Uint32(hdr[20:])
	r.feed(hdr)
	r.pr, err = pcapgo.NewReader(r.gate)
	if err != nil {
		return err
	}
	if !r.drained() {
		return errors.New("file header not consumed")
	}
	return nil
}

// nextPcap returns the next pcap record. The file header's snaplen is
// not a limit: like tcpdump and Wireshark, the Reader takes records
// longer than it (up to 1 GiB) and tells pcapgo the record's own length
// as the snaplen, so pcapgo accepts it and allocates exactly that.
func (r *Reader) nextPcap() (*Frame, error) {
	start := r.offset()
	num := r.num + 1
	h, err := r.br.Peek(16)
	if len(h) < 16 {
		r.done = true
		if len(h) == 0 && err == io.EOF {
			return nil, io.EOF
		}
		return r.fail(num, start, readError("record header", len(h), 16, err))
	}
	caplen, origlen := r.pcapOrder.Uint32(h[8:]), r.pcapOrder.Uint32(h[12:])
	if caplen > maxFrame {
		return r.fail(num, start, fmt.Errorf("record header claims %d captured bytes", caplen))
	}
	r.num = num
	n := 16 + int(caplen)
	r.run, err = r.readAppend(r.run[:0], n)
	if err != nil {
		return r.fail(num, start, readError("record", len(r.run), n, err))
	}
	data := start + 16
	switch {
	case r.linkType&0xffff != LinkTypeNetlink:
		return r.bad(num, data, fmt.Errorf("link type %d is not LINKTYPE_NETLINK (253)", r.linkType&0xffff))
	case caplen > origlen:
		return r.bad(num, start, fmt.Errorf("captured length %d exceeds the original length %d", caplen, origlen))
	case caplen < nlmonHeaderLen:
		return r.bad(num, data, fmt.Errorf("record of %d bytes is shorter than the 16-byte nlmon header", caplen))
	}
	r.feed(r.run)
	r.pr.SetSnaplen(caplen)
	pkt, ci, err := r.pr.ZeroCopyReadPacketData()
	if err != nil || !r.drained() || len(pkt) != int(caplen) {
		return r.bad(num, start, fmt.Errorf("pcapgo disagrees on the record: %v", err))
	}
	return r.nlmonFrame(num, data, pkt, ci.Timestamp, int(origlen))
}

// nlmonFrame checks the 16-byte nlmon header at the start of pkt, which
// starts at offset off, and returns the frame behind it.
func (r *Reader) nlmonFrame(num int, off int64, pkt []byte, t time.Time, wire int) (*Frame, error) {
	if ha := binary.BigEndian.Uint16(pkt[2:]); ha != arphrdNetlink {
		return r.bad(num, off+2, fmt.Errorf("ARPHRD type %d in the nlmon header, want 824 (ARPHRD_NETLINK)", ha))
	}
	r.frame = Frame{
		Num:      num,
		Time:     t,
		Protocol: int(binary.BigEndian.Uint16(pkt[14:])),
		Data:     pkt[nlmonHeaderLen:],
		Offset:   off + nlmonHeaderLen,
		WireLen:  max(wire-nlmonHeaderLen, len(pkt)-nlmonHeaderLen),
	}
	return &r.frame, nil
}

// pcapng block types.
const (
	ngIDB = 1 // interface description
	ngPB  = 2 // packet (obsolete)
	ngSPB = 3 // simple packet
	ngEPB = 6 // enhanced packet
)

// ngIface is what the Reader tracks of a pcapng interface.
type ngIface struct {
	linkType uint16
	snaplen  uint32
}

// initPcapng reads the first section header block.
func (r *Reader) initPcapng() error {
	_, n, err := r.ngHeader()
	if err != nil {
		if err == io.EOF {
			err = io.ErrUnexpectedEOF
		}
		return err
	}
	if err := r.ngReadBlock(n); err != nil {
		return err
	}
	if err := r.ngCheckSHB(); err != nil {
		return err
	}
	r.feed(r.run)
	r.ng, err = pcapgo.NewNgReader(r.gate, pcapgo.NgReaderOptions{WantMixedLinkType: true})
	if err != nil {
		return err
	}
	if !r.drained() {
		return errors.New("section header not consumed")
	}
	return nil
}

// ngHeader peeks at the next block's type and total length, checks the
// length, and for a section header switches to its byte order. It
// returns io.EOF at a clean end of input.
func (r *Reader) ngHeader() (typ uint32, n int, err error) {
	h, err := r.br.Peek(12)
	if len(h) < 8 {
		if len(h) == 0 && err == io.EOF {
			return 0, 0, io.EOF
		}
		return 0, 0, readError("block header", len(h), 8, err)
	}
	order := r.pcapOrder
	if binary.LittleEndian.Uint32(h) == pcapngSHB {
		typ = pcapngSHB
		if len(h) < 12 {
			return 0, 0, readError("section header", len(h), 12, err)
		}
		switch {
		case binary.LittleEndian.Uint32(h[8:]) == pcapngBOM:
			order = binary.LittleEndian
		case binary.BigEndian.Uint32(h[8:]) == pcapngBOM:
			order = binary.BigEndian
		default:
			return 0, 0, fmt.Errorf("section header with byte-order magic % x", h[8:12])
		}
		r.pcapOrder = order
	} else if order == nil {
		return 0, 0, fmt.Errorf("first block (% x) is not a section header", h[:4])
	} else {
		typ = order.Uint32(h)
	}
	blen := order.Uint32(h[4:])
	min := uint32(12)
	switch typ {
	case pcapngSHB:
		min = 28
	case ngIDB, ngSPB:
		min = 20
		if typ == ngSPB {
			min = 16
		}
	case ngEPB, ngPB:
		min = 32
	}
	if blen < min || blen%4 != 0 || blen > maxFrame {
		return 0, 0, fmt.Errorf("block of type %#x has length %d", typ, blen)
	}
	return typ, int(blen), nil
}

// ngReadBlock reads the n-byte block at the current position into r.run
// and checks its trailing length.
func (r *Reader) ngReadBlock(n int) error {
	var err error
	r.run, err = r.readAppend(r.run[:0], n)
	if err != nil {
		return readError("block", len(r.run), n, err)
	}
	if t := r.pcapOrder.Uint32(r.run[n-4:]); t != uint32(n) {
		return fmt.Errorf("block length %d, but %d at its end", n, t)
	}
	return nil
}

// ngSkipBlock skips the n-byte block at the current position without
// buffering it, checking its trailing length.
func (r *Reader) ngSkipBlock(n int) error {
	if k, err := r.br.Discard(n - 4); err != nil {
		return readError("block", k, n, err)
	}
	var t [4]byte
	if k, err := io.ReadFull(r.br, t[:]); err != nil {
		return readError("block", n-4+k, n, err)
	}
	if v := r.pcapOrder.Uint32(t[:]); v != uint32(n) {
		return fmt.Errorf("block length %d, but %d at its end", n, v)
	}
	return nil
}

// nextPcapng returns the next packet block. Section headers and
// interface descriptions are checked and fed to pcapgo one at a time
// (pcapgo keeps the interfaces; it is expected to stop at the end of the
// block, asking for more); other blocks (statistics, name resolution,
// custom) are skipped unread.
func (r *Reader) nextPcapng() (*Frame, error) {
	for {
		start := r.offset()
		num := r.num + 1
		typ, n, err := r.ngHeader()
		if err == io.EOF {
			r.done = true
			return nil, io.EOF
		}
		if err != nil {
			return r.fail(num, start, err)
		}
		switch typ {
		case pcapngSHB, ngIDB:
			if err := r.ngReadBlock(n); err != nil {
				return r.fail(num, start, err)
			}
			check := r.ngCheckIDB
			if typ == pcapngSHB {
				check = r.ngCheckSHB
			}
			if err := check(); err != nil {
				return r.fail(num, start, err)
			}
			r.feed(r.run)
			if _, _, err := r.ng.ReadPacketData(); !errors.Is(err, errRunDry) || !r.drained() {
				return r.fail(num, start, fmt.Errorf("pcapgo disagrees on block of type %#x: %v", typ, err))
			}
		case ngEPB, ngPB, ngSPB:
			r.num = num
			if err := r.ngReadBlock(n); err != nil {
				return r.fail(num, start, err)
			}
			body, caplen, origlen, iface, err := r.ngPacket(typ)
			if err != nil {
				return r.bad(num, start, err)
			}
			data := start + int64(body)
			if lt := r.ifaces[iface].linkType; lt != LinkTypeNetlink {
				return r.bad(num, data, fmt.Errorf("interface %d has link type %d, not LINKTYPE_NETLINK (253)", iface, lt))
			}
			if caplen < nlmonHeaderLen {
				return r.bad(num, data, fmt.Errorf("packet of %d bytes is shorter than the 16-byte nlmon header", caplen))
			}
			r.feed(r.run)
			pkt, ci, err := r.ng.ReadPacketData()
			if err != nil || !r.drained() || len(pkt) != caplen {
				return r.fail(num, start, fmt.Errorf("pcapgo disagrees on the packet block: %v", err))
			}
			return r.nlmonFrame(num, data, pkt, ci.Timestamp, origlen)
		default:
			if err := r.ngSkipBlock(n); err != nil {
				return r.fail(num, start, err)
			}
		}
	}
}

// ngPacket checks the packet block in r.run and returns where its data
// starts in the block, the captured and original lengths, and the
// interface index.
func (r *Reader) ngPacket(typ uint32) (body, caplen, origlen, iface int, err error) {
	b, o := r.run, r.pcapOrder
	if len(r.ifaces) == 0 {
		return 0, 0, 0, 0, errors.New("packet block before any interface description block")
	}
	switch typ {
	case ngSPB:
		body, origlen = 12, int(o.Uint32(b[8:]))
		caplen = origlen
		if s := int(r.ifaces[0].snaplen); s != 0 && caplen > s {
			caplen = s
		}
	case ngEPB:
		body, iface = 28, int(o.Uint32(b[8:]))
		caplen, origlen = int(o.Uint32(b[20:])), int(o.Uint32(b[24:]))
	default: // ngPB
		body, iface = 28, int(o.Uint16(b[8:]))
		caplen, origlen = int(o.Uint32(b[20:])), int(o.Uint32(b[24:]))
	}
	if iface >= len(r.ifaces) {
		return 0, 0, 0, 0, fmt.Errorf("packet block for interface %d; the section has %d", iface, len(r.ifaces))
	}
	if caplen > len(b)-body-4 {
		return 0, 0, 0, 0, fmt.Errorf("packet block of %d bytes claims %d captured bytes", len(b), caplen)
	}
	return body, caplen, origlen, iface, nil
}

// ngCheckSHB checks the section header block in r.run and starts a new
// section.
func (r *Reader) ngCheckSHB() error {
	b, o := r.run, r.pcapOrder
	if major, minor := o.Uint16(b[12:]), o.Uint16(b[14:]); major != 1 || minor != 0 {
		return fmt.Errorf("pcapng version %d.%d is not supported (want 1.0)", major, minor)
	}
	if err := ngCheckOptions(b[24:len(b)-4], o, false); err != nil {
		return fmt.Errorf("section header: %w", err)
	}
	r.ifaces = r.ifaces[:0]
	return nil
}

// ngCheckIDB checks the interface description block in r.run and records
// the interface.
func (r *Reader) ngCheckIDB() error {
	b, o := r.run, r.pcapOrder
	if err := ngCheckOptions(b[16:len(b)-4], o, true); err != nil {
		return fmt.Errorf("interface description: %w", err)
	}
	r.ifaces = append(r.ifaces, ngIface{linkType: o.Uint16(b[8:]), snaplen: o.Uint32(b[12:])})
	return nil
}

// ngCheckOptions checks an options area the way pcapgo will walk it, so
// that it stays inside the block: each option's header and padded value
// fit, end-of-options has no value, and values are short enough for
// pcapgo's 16-bit bookkeeping. For interface descriptions, if_tsresol
// must be one byte with an exponent pcapgo can use (it divides by
// 10^exp or 2^exp computed in 64 bits) and if_tsoffset eight bytes.
func ngCheckOptions(b []byte, o binary.ByteOrder, idb bool) error {
	for len(b) > 0 {
		if len(b) < 4 {
			return fmt.Errorf("%d stray bytes after the options", len(b))
		}
		code, vlen := o.Uint16(b), int(o.Uint16(b[2:]))
		b = b[4:]
		if code == 0 {
			if vlen != 0 {
				return fmt.Errorf("end-of-options with a %d-byte value", vlen)
			}
			return nil
		}
		padded := (vlen + 3) &^ 3
		if vlen > 0xfffc || padded > len(b) {
			return fmt.Errorf("option %d of %d bytes overruns the block", code, vlen)
		}
		if idb {
			switch code {
			case 9: // if_tsresol
				if vlen != 1 {
					return fmt.Errorf("if_tsresol of %d bytes", vlen)
				}
				if v := b[0]; v&0x80 != 0 && v&0x7f > 63 || v&0x80 == 0 && v > 19 {
					return fmt.Errorf("if_tsresol %#x is out of range", v)
				}
			case 14: // if_tsoffset
				if vlen != 8 {
					return fmt.Errorf("if_tsoffset of %d bytes", vlen)
				}
			}
		}
		b = b[padded:]
	}
	return nil
}
