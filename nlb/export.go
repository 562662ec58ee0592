package nlb

import (
	"bufio"
	"fmt"
	"io"
	"time"

	"github.com/nlbatch/nlbatch/capture"
)

// WriteRaw verifies b and writes its messages as they are, the raw form
// that pyroute2's IPBatch.batch holds and that nldump reads. Relocations
// are not applied: their placeholders stay zero.
func (b *Batch) WriteRaw(w io.Writer) error {
	if err := b.Verify(); err != nil {
		return err
	}
	if _, err := w.Write(b.Messages); err != nil {
		return fmt.Errorf("nlb: write raw: %w", err)
	}
	return nil
}

// WritePcap verifies b and writes its messages as a pcap capture of
// LINKTYPE_NETLINK, one record per message, so that Wireshark, tcpdump
// and nldump open it: record N holds message N-1. Records carry the
// batch's protocol in their nlmon header and a zero timestamp (the Unix
// epoch). Relocations are not applied. A message too long for a pcap
// record (capture.PcapSnaplen less the 16-byte nlmon header) is an error,
// found before anything is written.
func (b *Batch) WritePcap(w io.Writer) error {
	if err := b.Verify(); err != nil {
		return err
	}
	const maxMsg = capture.PcapSnaplen - 16
	err := b.Each(func(i int, msg []byte) error {
		if len(msg) > maxMsg {
			return fmt.Errorf("nlb: write pcap: message %d has %d bytes, more than a pcap record holds (%d)", i, len(msg), maxMsg)
		}
		return nil
	})
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	pw, err := capture.NewPcapWriter(bw)
	if err != nil {
		return fmt.Errorf("nlb: write pcap: %w", err)
	}
	err = b.Each(func(i int, msg []byte) error {
		if err := pw.WriteFrame(time.Time{}, b.Protocol, msg); err != nil {
			return fmt.Errorf("nlb: write pcap: message %d: %w", i, err)
		}
		return nil
	})
	if err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("nlb: write pcap: %w", err)
	}
	return nil
}
