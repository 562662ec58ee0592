// Command sendloop is the floor bench/replay.sh compares nlbatch replay
// against: the smallest loop that gets a file of netlink requests into
// the kernel. It reads the raw messages `nlbatch replay --dry-run
// --emit-raw FILE` writes (relocations resolved, this host's byte order),
// opens a NETLINK_ROUTE socket in a network namespace, and sends the
// messages in sendmsg calls of at most -chunk bytes, cut at message
// boundaries, with NLM_F_ACK on the last message of each call only. After
// each call it reads until that acknowledgement, counting the error acks
// on the way. It keeps no per-message state.
//
// It prints the time taken by the send and receive loop (socket set-up
// and reading the file excluded) in seconds and the number of error
// acks, tab-separated:
//
//	0.812345	0
//
// It exits 1 on a socket error (a lost acknowledgement included), not on
// error acks.
package main

import (
	"encoding/binary"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"golang.org/x/sys/unix"
)

var native = binary.NativeEndian

// ackBudget is what one error acknowledgement may cost against the
// receive buffer (capped, with extended-ack text), as in package replay.
const ackBudget = 2048

func main() {
	netns := flag.String("netns", "", "network namespace: a name from ip netns list, or a path (default: this process's)")
	chunk := flag.Int("chunk", 1<<20, "largest sendmsg in bytes")
	verbose := flag.Bool("v", false, "print messages, sendmsg calls and bytes on stderr")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: sendloop [-netns NAME] [-chunk BYTES] [-v] RAW-FILE")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() != 1 || *chunk < 16 {
		flag.Usage()
		os.Exit(2)
	}
	buf, err := os.ReadFile(flag.Arg(0))
	if err != nil {
		fail(err)
	}

	// Cut the buffer into chunks at message boundaries and put NLM_F_ACK
	// on the last message of each only.
	type span struct {
		start, end int    // bytes of buf
		lastSeq    uint32 // seq of the message carrying NLM_F_ACK
		msgs       int
	}
	var spans []span
	msgs := 0
	for off := 0; off < len(buf); {
		s := span{start: off}
		for off < len(buf) {
			if len(buf)-off < unix.NLMSG_HDRLEN {
				fail(fmt.Errorf("%s: %d trailing bytes at offset %d", flag.Arg(0), len(buf)-off, off))
			}
			l := int(native.Uint32(buf[off:]))
			if l < unix.NLMSG_HDRLEN || off+l > len(buf) {
				fail(fmt.Errorf("%s: bad nlmsg_len %d at offset %d", flag.Arg(0), l, off))
			}
			next := min(off+(l+3)&^3, len(buf))
			if s.msgs > 0 && next-s.start > *chunk {
				break
			}
			native.PutUint16(buf[off+6:], native.Uint16(buf[off+6:])&^unix.NLM_F_ACK)
			s.lastSeq = native.Uint32(buf[off+8:])
			s.end, s.msgs, off = next, s.msgs+1, next
		}
		last := s.start
		for p := s.start; p < s.end; p += (int(native.Uint32(buf[p:])) + 3) &^ 3 {
			last = p
		}
		native.PutUint16(buf[last+6:], native.Uint16(buf[last+6:])|unix.NLM_F_ACK)
		spans = append(spans, s)
		msgs += s.msgs
	}
	most, biggest := 0, 0
	for _, s := range spans {
		most, biggest = max(most, s.msgs), max(biggest, s.end-s.start)
	}

	fd, err := socketIn(*netns)
	if err != nil {
		fail(err)
	}
	// The kernel doubles these, and refuses a sendmsg longer than the
	// send buffer less 32 bytes. The receive buffer can hold an error
	// for every message of a call.
	for _, o := range []struct {
		opt, v int
	}{
		{unix.SO_SNDBUFFORCE, biggest/2 + 1024},
		{unix.SO_RCVBUFFORCE, (most*ackBudget + 1<<16) / 2},
	} {
		if err := unix.SetsockoptInt(fd, unix.SOL_SOCKET, o.opt, o.v); err != nil {
			fail(fmt.Errorf("setsockopt: %w (needs CAP_NET_ADMIN)", err))
		}
	}
	// As nlbatch replay sets its socket: extended and capped acks. They
	// change nothing for acks without an error.
	_ = unix.SetsockoptInt(fd, unix.SOL_NETLINK, unix.NETLINK_EXT_ACK, 1)
	_ = unix.SetsockoptInt(fd, unix.SOL_NETLINK, unix.NETLINK_CAP_ACK, 1)
	if err := unix.Bind(fd, &unix.SockaddrNetlink{Family: unix.AF_NETLINK}); err != nil {
		fail(fmt.Errorf("bind: %w", err))
	}
	to := &unix.SockaddrNetlink{Family: unix.AF_NETLINK}
	rbuf := make([]byte, 1<<18)

	errs := 0
	start := time.Now()
	for _, s := range spans {
		if err := unix.Sendto(fd, buf[s.start:s.end], 0, to); err != nil {
			fail(fmt.Errorf("sendmsg of %d bytes: %w", s.end-s.start, err))
		}
		for done := false; !done; {
			n, _, err := unix.Recvfrom(fd, rbuf, 0)
			if err == unix.EINTR {
				continue
			}
			if err != nil {
				fail(fmt.Errorf("recvmsg: %w", err))
			}
			for d := rbuf[:n]; len(d) >= unix.NLMSG_HDRLEN; {
				l := int(native.Uint32(d))
				if l < unix.NLMSG_HDRLEN || l > len(d) {
					fail(fmt.Errorf("malformed reply: nlmsg_len %d with %d bytes left", l, len(d)))
				}
				if native.Uint16(d[4:]) == unix.NLMSG_ERROR && l >= unix.NLMSG_HDRLEN+4 {
					if native.Uint32(d[16:]) != 0 {
						errs++
					}
					if native.Uint32(d[8:]) == s.lastSeq {
						done = true
					}
				}
				d = d[min((l+3)&^3, len(d)):]
			}
		}
	}
	elapsed := time.Since(start)
	fmt.Printf("%.6f\t%d\n", elapsed.Seconds(), errs)
	if *verbose {
		fmt.Fprintf(os.Stderr, "sendloop: %d messages, %d sendmsg, %d bytes, %.0f messages/s\n", msgs, len(spans), len(buf), float64(msgs)/elapsed.Seconds())
	}
}

// socketIn opens a NETLINK_ROUTE socket in a network namespace: only
// socket() runs there, on a locked thread; the socket stays bound to the
// namespace afterwards.
func socketIn(netns string) (int, error) {
	if netns == "" {
		return unix.Socket(unix.AF_NETLINK, unix.SOCK_RAW|unix.SOCK_CLOEXEC, unix.NETLINK_ROUTE)
	}
	path := netns
	if !strings.ContainsRune(netns, '/') {
		path = filepath.Join("/var/run/netns", netns)
	}
	target, err := os.Open(path)
	if err != nil {
		return -1, fmt.Errorf("network namespace: %w", err)
	}
	defer target.Close()
	type result struct {
		fd  int
		err error
	}
	ch := make(chan result, 1)
	go func() {
		runtime.LockOSThread()
		orig, err := os.Open("/proc/thread-self/ns/net")
		if err != nil {
			runtime.UnlockOSThread()
			ch <- result{-1, err}
			return
		}
		defer orig.Close()
		if err := unix.Setns(int(target.Fd()), unix.CLONE_NEWNET); err != nil {
			runtime.UnlockOSThread()
			ch <- result{-1, fmt.Errorf("setns %s: %w", path, err)}
			return
		}
		fd, serr := unix.Socket(unix.AF_NETLINK, unix.SOCK_RAW|unix.SOCK_CLOEXEC, unix.NETLINK_ROUTE)
		if err := unix.Setns(int(orig.Fd()), unix.CLONE_NEWNET); err != nil {
			// The thread stays locked and dies with this goroutine
			// rather than run others in the wrong namespace.
			if serr == nil {
				unix.Close(fd)
			}
			ch <- result{-1, fmt.Errorf("restoring the namespace: %w", err)}
			return
		}
		runtime.UnlockOSThread()
		ch <- result{fd, serr}
	}()
	r := <-ch
	if r.err != nil {
		return -1, fmt.Errorf("socket: %w", r.err)
	}
	return r.fd, nil
}

func fail(err error) {
	var errno unix.Errno
	if errors.As(err, &errno) && errno == unix.ENOBUFS {
		err = fmt.Errorf("%w: an acknowledgement was lost (receive buffer full)", err)
	}
	fmt.Fprintln(os.Stderr, "sendloop:", err)
	os.Exit(1)
}
