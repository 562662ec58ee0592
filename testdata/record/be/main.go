//go:build linux

// Command be is a test tool for recording netlink traffic in the byte order
// of the machine it runs on. Built for a big-endian CPU (GOARCH=s390x
// CGO_ENABLED=0) and run under qemu-user inside a throw-away network
// namespace, it produces a LINKTYPE_NETLINK capture whose payload is
// big-endian, as an nlmon capture made on a big-endian machine would be.
//
// It encodes a fixed sequence of rtnetlink requests itself, in its native
// byte order (this is deliberately a small stand-alone encoder, not the
// project's codec), sends each with one sendto, receives until the request's
// ack or NLMSG_DONE, and writes every buffer it sent and every buffer it
// received, as it saw them, to a pcap file (file and record headers in
// native order, nlmon header big-endian, payload as is).
//
// The namespace must hold a veth pair named veth0/veth1 (made beforehand).
//
// qemu-user translates NETLINK_ROUTE traffic between the guest's and the
// host's byte order only for the message types and attributes it knows.
// Requests therefore use only what qemu converts (ifinfomsg flags,
// ifaddrmsg, rtmsg, IFA_LOCAL/IFA_ADDRESS, RTA_DST/RTA_GATEWAY/RTA_OIF/
// RTA_PRIORITY), and the socket sets NETLINK_CAP_ACK so error acks carry no
// echoed payload (which qemu would leave in host order). Replies can still
// hold attributes qemu does not know; their payload stays in host order.
// Run qemu with -d unimp to list them.
//
// Usage: be OUT.pcap
package main

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"net"
	"os"
	"syscall"
	"time"
)

var ne = binary.NativeEndian

const (
	solNetlink       = 270
	netlinkCapAck    = 10
	nlmsgError       = 2
	nlmsgDone        = 3
	rtmNewLink       = 16
	rtmGetLink       = 18
	rtmNewAddr       = 20
	rtmDelAddr       = 21
	rtmGetAddr       = 22
	rtmNewRoute      = 24
	rtmDelRoute      = 25
	rtmGetRoute      = 26
	fRequest         = 0x1
	fAck             = 0x4
	fDump            = 0x300
	fReplace         = 0x100
	fExcl            = 0x200
	fCreate          = 0x400
	iflaIfname       = 3
	ifaAddress       = 1
	ifaLocal         = 2
	rtaDst           = 1
	rtaOif           = 4
	rtaGateway       = 5
	rtaPriority      = 6
	iffUp            = 0x1
	ifaFNodad        = 0x2
	rtTableMain      = 254
	rtprotStatic     = 4
	rtScopeUniverse  = 0
	rtnUnicast       = 1
	pcapSnaplen      = 262144
	linktypeNetlink  = 253
	arphrdNetlink    = 824
	netlinkRouteProt = 0
)

// msg builds one netlink message in native byte order.
type msg struct{ b []byte }

func newMsg(typ, flags uint16, seq uint32, fixed []byte) *msg {
	m := &msg{b: make([]byte, 16, 256)}
	ne.PutUint16(m.b[4:], typ)
	ne.PutUint16(m.b[6:], flags)
	ne.PutUint32(m.b[8:], seq)
	m.b = append(m.b, fixed...)
	m.pad()
	return m
}

func (m *msg) pad() {
	for len(m.b)%4 != 0 {
		m.b = append(m.b, 0)
	}
}

func (m *msg) attr(typ uint16, data []byte) *msg {
	h := make([]byte, 4)
	ne.PutUint16(h, uint16(4+len(data)))
	ne.PutUint16(h[2:], typ)
	m.b = append(m.b, h...)
	m.b = append(m.b, data...)
	m.pad()
	return m
}

func (m *msg) u32(typ uint16, v uint32) *msg {
	b := make([]byte, 4)
	ne.PutUint32(b, v)
	return m.attr(typ, b)
}

func (m *msg) bytes() []byte {
	ne.PutUint32(m.b, uint32(len(m.b)))
	return m.b
}

func ifinfomsg(family uint8, index int32, flags, change uint32) []byte {
	b := make([]byte, 16)
	b[0] = family
	ne.PutUint32(b[4:], uint32(index))
	ne.PutUint32(b[8:], flags)
	ne.PutUint32(b[12:], change)
	return b
}

func ifaddrmsg(family, prefix, flags, scope uint8, index uint32) []byte {
	b := []byte{family, prefix, flags, scope, 0, 0, 0, 0}
	ne.PutUint32(b[4:], index)
	return b
}

func rtmsg(family, dstLen, table, proto, scope, typ uint8) []byte {
	return []byte{family, dstLen, 0, 0, table, proto, scope, typ, 0, 0, 0, 0}
}

type recorder struct {
	fd  int
	w   *bufio.Writer
	seq uint32
}

func (r *recorder) record(b []byte) {
	var h [32]byte
	now := time.Now()
	n := len(b) + 16
	incl := min(n, pcapSnaplen)
	ne.PutUint32(h[0:], uint32(now.Unix()))
	ne.PutUint32(h[4:], uint32(now.Nanosecond()/1000))
	ne.PutUint32(h[8:], uint32(incl))
	ne.PutUint32(h[12:], uint32(n))
	binary.BigEndian.PutUint16(h[16:], 4)
	binary.BigEndian.PutUint16(h[18:], arphrdNetlink)
	binary.BigEndian.PutUint16(h[30:], netlinkRouteProt)
	r.w.Write(h[:])
	r.w.Write(b[:incl-16])
}

// do sends one request and receives until its ack or the end of its dump.
// It returns the received messages of the request's sequence number.
func (r *recorder) do(what string, typ, flags uint16, fixed []byte, attrs func(*msg)) [][]byte {
	r.seq++
	m := newMsg(typ, fRequest|flags, r.seq, fixed)
	if attrs != nil {
		attrs(m)
	}
	b := m.bytes()
	if err := syscall.Sendto(r.fd, b, 0, &syscall.SockaddrNetlink{Family: syscall.AF_NETLINK}); err != nil {
		fmt.Fprintf(os.Stderr, "be: %s: sendto: %v\n", what, err)
		return nil
	}
	r.record(b)
	var out [][]byte
	buf := make([]byte, 65536)
	for {
		n, _, err := syscall.Recvfrom(r.fd, buf, 0)
		if err != nil {
			fmt.Fprintf(os.Stderr, "be: %s: recvfrom: %v\n", what, err)
			return out
		}
		r.record(buf[:n])
		done := false
		for p := buf[:n]; len(p) >= 16; {
			l := int(ne.Uint32(p))
			if l < 16 || l > len(p) {
				fmt.Fprintf(os.Stderr, "be: %s: bad nlmsg_len %d\n", what, l)
				return out
			}
			t := ne.Uint16(p[4:])
			if ne.Uint32(p[8:]) == r.seq {
				switch t {
				case nlmsgError:
					e := int32(ne.Uint32(p[16:]))
					if e != 0 {
						fmt.Printf("be: %s: error %d (%v)\n", what, e, syscall.Errno(-e))
					} else {
						fmt.Printf("be: %s: ok\n", what)
					}
					done = true
				case nlmsgDone:
					fmt.Printf("be: %s: %d messages\n", what, len(out))
					done = true
				default:
					out = append(out, append([]byte(nil), p[:l]...))
				}
			}
			p = p[min((l+3)&^3, len(p)):]
		}
		if done {
			return out
		}
	}
}

// linkIndexes reads IFLA_IFNAME of every RTM_NEWLINK of a dump.
func linkIndexes(msgs [][]byte) map[string]int32 {
	idx := map[string]int32{}
	for _, m := range msgs {
		if len(m) < 32 || ne.Uint16(m[4:]) != rtmNewLink {
			continue
		}
		index := int32(ne.Uint32(m[20:]))
		for a := m[32:]; len(a) >= 4; {
			l := int(ne.Uint16(a))
			if l < 4 || l > len(a) {
				break
			}
			if ne.Uint16(a[2:])&0x3fff == iflaIfname {
				s := a[4:l]
				for i, c := range s {
					if c == 0 {
						s = s[:i]
						break
					}
				}
				idx[string(s)] = index
			}
			a = a[min((l+3)&^3, len(a)):]
		}
	}
	return idx
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: be OUT.pcap")
		os.Exit(2)
	}
	f, err := os.Create(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, "be:", err)
		os.Exit(2)
	}
	w := bufio.NewWriter(f)
	var fh [24]byte
	ne.PutUint32(fh[0:], 0xa1b2c3d4)
	ne.PutUint16(fh[4:], 2)
	ne.PutUint16(fh[6:], 4)
	ne.PutUint32(fh[16:], pcapSnaplen)
	ne.PutUint32(fh[20:], linktypeNetlink)
	w.Write(fh[:])

	fd, err := syscall.Socket(syscall.AF_NETLINK, syscall.SOCK_RAW|syscall.SOCK_CLOEXEC, syscall.NETLINK_ROUTE)
	if err != nil {
		fmt.Fprintln(os.Stderr, "be: socket:", err)
		os.Exit(1)
	}
	if err := syscall.SetsockoptInt(fd, solNetlink, netlinkCapAck, 1); err != nil {
		fmt.Fprintln(os.Stderr, "be: NETLINK_CAP_ACK:", err)
	}
	if err := syscall.Bind(fd, &syscall.SockaddrNetlink{Family: syscall.AF_NETLINK}); err != nil {
		fmt.Fprintln(os.Stderr, "be: bind:", err)
		os.Exit(1)
	}
	r := &recorder{fd: fd, w: w}

	links := linkIndexes(r.do("dump links", rtmGetLink, fDump, ifinfomsg(syscall.AF_UNSPEC, 0, 0, 0), nil))
	lo, veth0, veth1 := links["lo"], links["veth0"], links["veth1"]
	if lo == 0 || veth0 == 0 || veth1 == 0 {
		fmt.Fprintf(os.Stderr, "be: lo/veth0/veth1 not found in %v\n", links)
		os.Exit(1)
	}
	for _, i := range []int32{lo, veth0, veth1} {
		r.do(fmt.Sprintf("set link %d up", i), rtmNewLink, fAck, ifinfomsg(syscall.AF_UNSPEC, i, iffUp, iffUp), nil)
	}
	r.do("set link veth1 up by name", rtmNewLink, fAck, ifinfomsg(syscall.AF_UNSPEC, 0, iffUp, iffUp), func(m *msg) {
		m.attr(iflaIfname, []byte("veth1\x00"))
	})
	r.do("set missing link up", rtmNewLink, fAck, ifinfomsg(syscall.AF_UNSPEC, 9999, iffUp, iffUp), nil)

	v4 := func(s string) []byte { return net.ParseIP(s).To4() }
	v6 := func(s string) []byte { return net.ParseIP(s).To16() }
	addr4 := func(m *msg) {
		m.attr(ifaLocal, v4("198.51.100.1"))
		m.attr(ifaAddress, v4("198.51.100.1"))
	}
	r.do("add 198.51.100.1/24", rtmNewAddr, fAck|fCreate|fExcl, ifaddrmsg(syscall.AF_INET, 24, 0, 0, uint32(veth0)), addr4)
	r.do("add 198.51.100.1/24 again", rtmNewAddr, fAck|fCreate|fExcl, ifaddrmsg(syscall.AF_INET, 24, 0, 0, uint32(veth0)), addr4)
	r.do("add 198.51.100.2/24 on veth1", rtmNewAddr, fAck|fCreate|fExcl, ifaddrmsg(syscall.AF_INET, 24, 0, 0, uint32(veth1)), func(m *msg) {
		m.attr(ifaLocal, v4("198.51.100.2"))
		m.attr(ifaAddress, v4("198.51.100.2"))
	})
	r.do("add 2001:db8:1::1/64 nodad", rtmNewAddr, fAck|fCreate|fExcl, ifaddrmsg(syscall.AF_INET6, 64, ifaFNodad, 0, uint32(veth0)), func(m *msg) {
		m.attr(ifaAddress, v6("2001:db8:1::1"))
	})
	r.do("add address on missing link", rtmNewAddr, fAck|fCreate|fExcl, ifaddrmsg(syscall.AF_INET, 32, 0, 0, 9999), func(m *msg) {
		m.attr(ifaLocal, v4("192.0.2.9"))
	})

	route := func(dst string, plen uint8, gw string, oif int32, prio uint32) func(*msg) {
		return func(m *msg) {
			if ip := net.ParseIP(dst); ip.To4() != nil {
				m.attr(rtaDst, ip.To4())
			} else {
				m.attr(rtaDst, ip.To16())
			}
			if gw != "" {
				if ip := net.ParseIP(gw); ip.To4() != nil {
					m.attr(rtaGateway, ip.To4())
				} else {
					m.attr(rtaGateway, ip.To16())
				}
			}
			if oif != 0 {
				m.u32(rtaOif, uint32(oif))
			}
			if prio != 0 {
				m.u32(rtaPriority, prio)
			}
		}
	}
	rt4 := func(plen uint8) []byte {
		return rtmsg(syscall.AF_INET, plen, rtTableMain, rtprotStatic, rtScopeUniverse, rtnUnicast)
	}
	rt6 := func(plen uint8) []byte {
		return rtmsg(syscall.AF_INET6, plen, rtTableMain, rtprotStatic, rtScopeUniverse, rtnUnicast)
	}
	r.do("add route 203.0.113.0/24 via 198.51.100.2", rtmNewRoute, fAck|fCreate|fExcl, rt4(24), route("203.0.113.0", 24, "198.51.100.2", veth0, 100))
	r.do("add route 203.0.113.0/24 again", rtmNewRoute, fAck|fCreate|fExcl, rt4(24), route("203.0.113.0", 24, "198.51.100.2", veth0, 100))
	r.do("replace route 203.0.113.0/24 metric 100", rtmNewRoute, fAck|fCreate|fReplace, rt4(24), route("203.0.113.0", 24, "198.51.100.2", veth0, 100))
	r.do("add route 2001:db8:2::/64 via 2001:db8:1::2", rtmNewRoute, fAck|fCreate|fExcl, rt6(64), route("2001:db8:2::", 64, "2001:db8:1::2", veth0, 1024))
	r.do("add route via off-link gateway", rtmNewRoute, fAck|fCreate|fExcl, rt4(24), route("192.0.2.0", 24, "203.0.113.254", 0, 0))
	r.do("add route on missing link", rtmNewRoute, fAck|fCreate|fExcl, rt4(24), route("192.0.2.0", 24, "", 9999, 0))

	r.do("dump addresses", rtmGetAddr, fDump, ifaddrmsg(syscall.AF_UNSPEC, 0, 0, 0, 0), nil)
	r.do("dump IPv4 routes", rtmGetRoute, fDump, rtmsg(syscall.AF_INET, 0, 0, 0, 0, 0), nil)
	r.do("dump IPv6 routes", rtmGetRoute, fDump, rtmsg(syscall.AF_INET6, 0, 0, 0, 0, 0), nil)

	r.do("del route 203.0.113.0/24", rtmDelRoute, fAck, rt4(24), route("203.0.113.0", 24, "198.51.100.2", veth0, 100))
	r.do("del route 203.0.113.0/24 again", rtmDelRoute, fAck, rt4(24), route("203.0.113.0", 24, "198.51.100.2", veth0, 100))
	r.do("del 198.51.100.1/24", rtmDelAddr, fAck, ifaddrmsg(syscall.AF_INET, 24, 0, 0, uint32(veth0)), addr4)
	r.do("dump links", rtmGetLink, fDump, ifinfomsg(syscall.AF_UNSPEC, 0, 0, 0), nil)

	if err := w.Flush(); err != nil {
		fmt.Fprintln(os.Stderr, "be:", err)
		os.Exit(1)
	}
	if err := f.Close(); err != nil {
		fmt.Fprintln(os.Stderr, "be:", err)
		os.Exit(1)
	}
}
