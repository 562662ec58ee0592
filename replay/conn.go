package replay

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/mdlayher/netlink"
	"golang.org/x/sys/unix"

	"github.com/nlbatch/nlbatch/codec"
)

// native is the byte order of this host's kernel: the order every
// message sent and received here uses.
var native = binary.NativeEndian

// byteOrder is the byte order of a batch's payload.
func byteOrder(big bool) binary.ByteOrder {
	if big {
		return binary.BigEndian
	}
	return binary.LittleEndian
}

// nsGetNSType is NS_GET_NSTYPE (linux/nsfs.h): _IO(0xb7, 0x3).
const nsGetNSType = 0xb703

// netnsPath returns the file of a network namespace given by name (a
// file in /run/netns) or by path (anything with a slash, such as
// /proc/PID/ns/net).
func netnsPath(netns string) string {
	if strings.ContainsRune(netns, '/') {
		return netns
	}
	// iproute2 keeps them in /run/netns (/var/run/netns on systems where
	// /var/run is not a link to /run).
	for _, dir := range []string{"/run/netns", "/var/run/netns"} {
		if p := filepath.Join(dir, netns); fileExists(p) {
			return p
		}
	}
	return filepath.Join("/run/netns", netns)
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

// openNetNS opens a network namespace file and checks that it is one.
func openNetNS(netns string) (*os.File, error) {
	if netns == "." || netns == ".." || netns == "" {
		return nil, fmt.Errorf("network namespace %q: not a name or a path", netns)
	}
	path := netnsPath(netns)
	f, err := os.Open(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) && !strings.ContainsRune(netns, '/') {
			return nil, fmt.Errorf("network namespace %q: no %s (see ip netns list)", netns, path)
		}
		return nil, fmt.Errorf("network namespace: %w", err)
	}
	var st unix.Statfs_t
	if err := unix.Fstatfs(int(f.Fd()), &st); err != nil {
		f.Close()
		return nil, fmt.Errorf("network namespace %s: %w", path, err)
	}
	if st.Type != unix.NSFS_MAGIC {
		f.Close()
		return nil, fmt.Errorf("network namespace %s: not a namespace file (nsfs)", path)
	}
	typ, err := unix.IoctlRetInt(int(f.Fd()), nsGetNSType)
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("network namespace %s: NS_GET_NSTYPE: %w", path, err)
	}
	if typ != unix.CLONE_NEWNET {
		f.Close()
		return nil, fmt.Errorf("network namespace %s: a namespace of another type (%#x), not a network namespace", path, typ)
	}
	return f, nil
}

// conn is a NETLINK_ROUTE socket in the target namespace. It is opened
// with mdlayher/netlink (which enters the namespace for socket() only),
// and used through its raw file descriptor: the replayer sends its
// prepared buffer as is and parses acknowledgements itself (the
// library's parser stops at the first error of a datagram and loses
// extended-ack text with NETLINK_CAP_ACK).
type conn struct {
	nl  *netlink.Conn
	raw syscall.RawConn
	// buf receives one datagram at a time; dump datagrams are at most a
	// few pages.
	buf []byte
	// seq numbers the replayer's own requests (dumps, probes), above
	// the batch's 1..N.
	seq uint32
	// capped is true when NETLINK_CAP_ACK is on: error acks echo the
	// request's header only.
	capped bool
	// rcvbuf and sndbuf are the sizes the kernel reports after setup.
	rcvbuf, sndbuf int
	// timeout bounds each wait for the kernel.
	timeout time.Duration
}

// dial opens a NETLINK_ROUTE socket in the namespace netns ("" for the
// current one) with extended acknowledgements and capped acks on.
func dial(netns string, timeout time.Duration) (*conn, error) {
	cfg := &netlink.Config{}
	if netns != "" {
		f, err := openNetNS(netns)
		if err != nil {
			return nil, err
		}
		defer f.Close() // only socket() runs in the namespace
		cfg.NetNS = int(f.Fd())
	}
	nl, err := netlink.Dial(unix.NETLINK_ROUTE, cfg)
	if err != nil {
		return nil, fmt.Errorf("opening a netlink socket: %w", err)
	}
	c := &conn{nl: nl, buf: make([]byte, 1<<18), timeout: timeout}
	if c.raw, err = nl.SyscallConn(); err != nil {
		nl.Close()
		return nil, fmt.Errorf("netlink socket: %w", err)
	}
	if err := nl.SetOption(netlink.ExtendedAcknowledge, true); err != nil {
		nl.Close()
		return nil, fmt.Errorf("netlink socket: enabling NETLINK_EXT_ACK: %w", err)
	}
	// Capped acks keep an error's charge against the receive buffer
	// small whatever the request's size; the replayer has the request.
	c.capped = nl.SetOption(netlink.CapAcknowledge, true) == nil
	return c, nil
}

func (c *conn) Close() error { return c.nl.Close() }

// setBuffers raises the send and receive buffers (SO_*BUFFORCE when
// permitted, else within the system limits) and returns the sizes the
// kernel grants: it doubles what is asked, and Linux charges each
// datagram's true size against these.
func (c *conn) setBuffers(snd, rcv int) error {
	if snd > 0 {
		if err := c.nl.SetWriteBuffer(snd); err != nil {
			return fmt.Errorf("setting the send buffer: %w", err)
		}
	}
	if rcv > 0 {
		if err := c.nl.SetReadBuffer(rcv); err != nil {
			return fmt.Errorf("setting the receive buffer: %w", err)
		}
	}
	var err error
	if c.sndbuf, err = c.nl.WriteBuffer(); err != nil {
		return err
	}
	c.rcvbuf, err = c.nl.ReadBuffer()
	return err
}

// send writes one buffer in one sendmsg.
func (c *conn) send(b []byte) error {
	var serr error
	err := c.raw.Write(func(fd uintptr) bool {
		serr = unix.Sendto(int(fd), b, 0, &unix.SockaddrNetlink{Family: unix.AF_NETLINK})
		return serr != unix.EAGAIN
	})
	if err == nil {
		err = serr
	}
	if err != nil {
		return fmt.Errorf("sendmsg of %d bytes: %w", len(b), err)
	}
	return nil
}

// recv reads one datagram, waiting at most the connection's timeout. It
// returns unix.ENOBUFS when the kernel dropped messages because the
// receive buffer was full.
func (c *conn) recv() ([]byte, error) {
	if err := c.nl.SetReadDeadline(time.Now().Add(c.timeout)); err != nil {
		return nil, err
	}
	var (
		n, flags int
		rerr     error
	)
	err := c.raw.Read(func(fd uintptr) bool {
		n, _, flags, _, rerr = unix.Recvmsg(int(fd), c.buf, nil, unix.MSG_DONTWAIT)
		return rerr != unix.EAGAIN
	})
	if err == nil {
		err = rerr
	}
	if err != nil {
		if errors.Is(err, os.ErrDeadlineExceeded) {
			return nil, fmt.Errorf("no answer from the kernel in %v", c.timeout)
		}
		if err == unix.ENOBUFS {
			return nil, err
		}
		return nil, fmt.Errorf("recvmsg: %w", err)
	}
	if flags&unix.MSG_TRUNC != 0 {
		return nil, fmt.Errorf("recvmsg: datagram larger than %d bytes", len(c.buf))
	}
	return c.buf[:n], nil
}

// tryRecv reads one datagram if one is queued; it returns nil, nil
// when none is.
func (c *conn) tryRecv() ([]byte, error) {
	var (
		n, flags int
		rerr     error
	)
	err := c.raw.Read(func(fd uintptr) bool {
		n, _, flags, _, rerr = unix.Recvmsg(int(fd), c.buf, nil, unix.MSG_DONTWAIT)
		return true
	})
	if err == nil {
		err = rerr
	}
	switch {
	case err == unix.EAGAIN:
		return nil, nil
	case err == unix.ENOBUFS:
		return nil, err
	case err != nil:
		return nil, fmt.Errorf("recvmsg: %w", err)
	case flags&unix.MSG_TRUNC != 0:
		return nil, fmt.Errorf("recvmsg: datagram larger than %d bytes", len(c.buf))
	}
	return c.buf[:n], nil
}

// nextSeq returns a sequence number for the replayer's own requests.
func (c *conn) nextSeq() uint32 {
	c.seq++
	return c.seq
}

// ack is one NLMSG_ERROR (an error, or an acknowledgement with error 0)
// as received.
type ack struct {
	seq     uint32
	errno   int32 // 0 or a negative errno
	msg     string
	offset  uint32
	hasOffs bool
	tlvs    []byte // every ext-ack TLV, for naming attributes
}

// parseAck reads an NLMSG_ERROR message (the whole message, header
// included).
func parseAck(m []byte, capped bool) (ack, error) {
	h, _ := codec.ParseHeader(m, native)
	a := ack{seq: h.Seq}
	if len(m) < codec.HeaderLen+4 {
		return a, fmt.Errorf("NLMSG_ERROR of %d bytes", len(m))
	}
	a.errno = int32(native.Uint32(m[16:]))
	if h.Flags&codec.FlagAckTLVs == 0 {
		return a, nil
	}
	off := 20 + codec.HeaderLen
	if h.Flags&codec.FlagCapped == 0 && len(m) >= 20+codec.HeaderLen {
		off = 20 + codec.Align(int(native.Uint32(m[20:])))
	}
	if off > len(m) {
		return a, fmt.Errorf("NLMSG_ERROR: echoed request runs past the message")
	}
	a.tlvs = m[off:]
	for p := a.tlvs; len(p) >= 4; {
		l := int(native.Uint16(p))
		if l < 4 || l > len(p) {
			break
		}
		typ, v := native.Uint16(p[2:])&0x3fff, p[4:l]
		switch typ {
		case unix.NLMSGERR_ATTR_MSG:
			// A C string: the text ends at the first NUL.
			if i := bytes.IndexByte(v, 0); i >= 0 {
				v = v[:i]
			}
			a.msg = string(v)
		case unix.NLMSGERR_ATTR_OFFS:
			if len(v) == 4 {
				a.offset, a.hasOffs = native.Uint32(v), true
			}
		}
		p = p[min(codec.Align(l), len(p)):]
	}
	return a, nil
}

// walkMessages calls fn for every netlink message of a datagram.
func walkMessages(d []byte, fn func(h codec.Header, m []byte) error) error {
	for len(d) >= codec.HeaderLen {
		h, _ := codec.ParseHeader(d, native)
		if h.Len < codec.HeaderLen || int(h.Len) > len(d) {
			return fmt.Errorf("malformed reply from the kernel: nlmsg_len %d with %d bytes left", h.Len, len(d))
		}
		if err := fn(h, d[:h.Len]); err != nil {
			return err
		}
		d = d[min(codec.Align(int(h.Len)), len(d)):]
	}
	return nil
}

// errStopDump ends a dump walk early.
var errStopDump = errors.New("stop")

// dump sends a dump request (the body after the nlmsghdr) and calls fn
// for every reply message; it returns the kernel's error if the dump
// fails.
func (c *conn) dump(typ uint16, body []byte, fn func(h codec.Header, m []byte) error) error {
	seq := c.nextSeq()
	req := codec.AppendHeader(make([]byte, 0, codec.HeaderLen+len(body)), native, codec.Header{
		Len: uint32(codec.HeaderLen + len(body)), Type: typ,
		Flags: codec.FlagRequest | codec.FlagRoot | codec.FlagMatch, Seq: seq,
	})
	req = append(req, body...)
	if err := c.send(req); err != nil {
		return err
	}
	var ferr error
	for {
		d, err := c.recv()
		if err != nil {
			return err
		}
		done := false
		werr := walkMessages(d, func(h codec.Header, m []byte) error {
			if h.Seq != seq {
				return nil // a straggler from an earlier request
			}
			switch h.Type {
			case codec.TypeDone:
				done = true
				if len(m) >= codec.HeaderLen+4 {
					if e := int32(native.Uint32(m[16:])); e < 0 {
						return kernelError(e, "")
					}
				}
				return nil
			case codec.TypeError:
				a, err := parseAck(m, c.capped)
				if err != nil {
					return err
				}
				done = true
				if a.errno != 0 {
					return kernelError(a.errno, a.msg)
				}
				return nil
			}
			if ferr == nil {
				if err := fn(h, m); err != nil {
					ferr = err
				}
			}
			return nil
		})
		if werr != nil {
			return werr
		}
		if done {
			if errors.Is(ferr, errStopDump) {
				return nil
			}
			return ferr
		}
	}
}

// kernelError is an error the kernel returned: its errno and
// extended-ack text.
func kernelError(errno int32, msg string) error {
	e := syscall.Errno(-errno)
	if msg != "" {
		return fmt.Errorf("%s: %s: %w", errnoName(e), msg, e)
	}
	return fmt.Errorf("%s: %w", errnoName(e), e)
}

// errnoName is the kernel's name for an errno: "EOPNOTSUPP" for 95,
// where the C library's table says "ENOTSUP".
func errnoName(e syscall.Errno) string {
	if e == unix.EOPNOTSUPP {
		return "EOPNOTSUPP"
	}
	if n := unix.ErrnoName(e); n != "" {
		return n
	}
	return fmt.Sprintf("errno %d", int(e))
}
