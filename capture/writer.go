package capture

import (
	"encoding/binary"
	"fmt"
	"io"
	"time"

	"github.com/google/gopacket"
	"github.com/google/gopacket/layers"
	"github.com/google/gopacket/pcapgo"
)

// PcapWriter writes netlink frames as a pcap file like tcpdump's on an
// nlmon device: little-endian, microsecond timestamps, link type
// LINKTYPE_NETLINK (253), snaplen PcapSnaplen. It makes two writes per
// frame; give it a buffered writer.
type PcapWriter struct {
	w   *pcapgo.Writer
	buf []byte
}

// NewPcapWriter writes the pcap file header to w and returns a writer
// for the frames.
func NewPcapWriter(w io.Writer) (*PcapWriter, error) {
	pw := pcapgo.NewWriter(w)
	if err := pw.WriteFileHeader(PcapSnaplen, layers.LinkType(LinkTypeNetlink)); err != nil {
		return nil, err
	}
	return &PcapWriter{w: pw}, nil
}

// WriteFrame writes one kernel buffer (one or more netlink messages) of
// the given netlink protocol, captured at t, as one record: the 16-byte
// nlmon header (packet type 4, ARPHRD_NETLINK, no address, protocol)
// then data. A zero t is written as the Unix epoch, so that output does
// not depend on the clock. Frames that do not fit the snaplen (more than
// PcapSnaplen-16 bytes of data) are refused: Wireshark rejects such
// records, so split the buffer between messages instead.
func (p *PcapWriter) WriteFrame(t time.Time, protocol int, data []byte) error {
	if protocol < 0 || protocol > 0xffff {
		return fmt.Errorf("capture: netlink protocol %d out of range", protocol)
	}
	n := nlmonHeaderLen + len(data)
	if n > PcapSnaplen {
		return fmt.Errorf("capture: frame of %d bytes does not fit the %d-byte pcap snaplen", len(data), PcapSnaplen)
	}
	if t.IsZero() {
		t = time.Unix(0, 0)
	}
	b := append(p.buf[:0], make([]byte, nlmonHeaderLen)...)
	binary.BigEndian.PutUint16(b[0:], 4) // packet type, as libpcap writes it
	binary.BigEndian.PutUint16(b[2:], arphrdNetlink)
	binary.BigEndian.PutUint16(b[14:], uint16(protocol))
	b = append(b, data...)
	p.buf = b
	return p.w.WritePacket(gopacket.CaptureInfo{Timestamp: t, CaptureLength: n, Length: n}, b)
}
