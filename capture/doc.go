// Package capture reads netlink traffic from files and streams as a
// sequence of frames, each one kernel buffer of one or more netlink
// messages. It only frames its input; package codec decodes the
// messages.
//
// # Formats and detection
//
// NewReader first decompresses gzip input (magic 1f 8b), then, unless
// Options.Format forces a format, looks at the first bytes:
//
//   - pcap: the libpcap magic a1b2c3d4 (microseconds) or a1b23c4d
//     (nanoseconds), in either byte order. Records of link type
//     LINKTYPE_NETLINK (253), as tcpdump writes them on an nlmon device,
//     start with a 16-byte header (packet type, ARPHRD_NETLINK = 824,
//     address length, 8-byte address, netlink protocol, all big-endian)
//     followed by the messages.
//   - pcapng: a section header block (0a 0d 0d 0a) with a valid
//     byte-order magic. Packet blocks (enhanced, simple, obsolete) on
//     LINKTYPE_NETLINK interfaces are frames.
//   - rtmon: a first message of type NLMSG_TSTAMP (15) and length 24 in
//     either byte order, as rtmon and `ip monitor file` write. The
//     stamp's byte order is the file's.
//   - hex: text (no control bytes but tab, newline and carriage return)
//     in what the first read returned.
//   - raw: anything else whose first four bytes read as a plausible
//     nlmsg_len (16 bytes to 1 GiB) in either byte order, and empty
//     input. Other binary input is ErrUnknownFormat.
//
// # pcap and pcapng
//
// Both are parsed by github.com/google/gopacket/pcapgo, but the Reader
// frames the input itself and hands pcapgo one checked record or block
// at a time: pcapgo v1.1.19 allocates whatever length a record claims
// before reading it (ZeroCopyReadPacketData even max(snaplen, length),
// so a 4 GiB snaplen costs 4 GiB), divides by zero on some pcapng
// if_tsresol values and loses its place on inconsistent lengths. The
// Frame is the
// record minus its nlmon header; Frame.Protocol comes from that header,
// Frame.Time from the record. Records of another link type, shorter
// than the nlmon header, with a wrong ARPHRD type or inconsistent
// lengths are FrameErrors, and reading goes on with the next record.
// The pcap file header's snaplen is not a limit on record size (tcpdump
// and Wireshark ignore it too); records up to 1 GiB are read. A record
// cut short by the capture's snaplen has Frame.WireLen > len(Data).
// pcapng must be version 1.0 (pcapgo's limit); statistics, name
// resolution and unknown blocks are skipped.
//
// # raw and rtmon
//
// Each message is a frame, split by nlmsg_len and aligned to 4 bytes.
// Neither format records the byte order of its headers (the host's that
// wrote them). Options.Order fixes it; rtmon takes it from its first
// NLMSG_TSTAMP; otherwise it is detected per message: nlmsg_len is read
// both ways, a reading is a candidate if it is at least 16 (and at most
// 1 GiB) and the input holds that many bytes; with two candidates the one whose message
// ends exactly at the end of input wins, else the previous message's
// order, else the smaller reading (the wrong reading of a real length is
// usually 16 MiB or more, and a wrong small one fails at the next
// header while a wrong large one would swallow messages). Finding the
// end of input looks at most 64 KiB ahead. rtmon's NLMSG_TSTAMP records
// (seconds and microseconds) set Frame.Time of the messages after them
// and are not frames. A length that fits neither way is a FrameError
// after which Next returns io.EOF: nothing marks where the next message
// starts.
//
// # hex
//
// Hex text is read line by line; a blank line, a line "--" or one of
// strace's system call lines ends a frame, so each paragraph is one
// frame (one kernel buffer, split into messages by the decoder). A line
// may be:
//
//   - plain hex, any grouping: "300000001000", "30 00 00 00",
//     "3000 0000", "0x30, 0x00";
//   - a dump line with an offset column: "0000: 30 00 ..." or
//     "00000010  30 00 ..." (hexdump -C, xxd, Wireshark); offsets must
//     follow on from line to line (0 restarts), and an ASCII column at
//     the end is recognised because it renders the line's bytes
//     (hexdump -C's |...| too);
//   - strace's " | 00000  30 00 ...  0....... |" (strace -e write=all or
//     -e read=all); its " * 48 bytes in buffer 0" lines are skipped, so
//     the iovecs of one sendmsg make one frame;
//   - a comment from '#' to the end of the line.
//
// Bad text is a FrameError whose Err is a *SyntaxError naming the line
// and column; the rest of the paragraph is skipped and reading goes on.
// hexdump's '*' (squeezed repeated lines) is refused: use hexdump -v.
//
// # Streaming and memory
//
// The Reader never reads its whole input and never seeks: it works on
// pipes and memory stays flat. Frame.Data is reused from frame to frame.
// Lengths read from the input never allocate beyond what the input
// actually holds: buffers grow only as bytes arrive, so a message or
// record claiming 4 GiB in a short file fails at the end of input having
// used little memory. Frame.Offset and FrameError.Offset count bytes of
// the decompressed input.
//
// # Writing
//
// PcapWriter writes frames as a pcap file that tcpdump, Wireshark and
// this package read.
package capture
