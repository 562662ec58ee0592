// Package nltest gives tests a throw-away network namespace and a raw
// netlink socket inside it, so they exercise the real kernel without
// touching the host's own network configuration.
package nltest

import (
	"crypto/rand"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"testing"

	"golang.org/x/sys/unix"
)

// Namespace is a network namespace created for one test.
type Namespace struct {
	Name string
	t    testing.TB
}

// NewNamespace creates a network namespace named after a random suffix
// and deletes it when the test ends. It skips the test when not root or
// when `ip` is missing.
func NewNamespace(t testing.TB) *Namespace {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("needs root to create a network namespace")
	}
	if _, err := exec.LookPath("ip"); err != nil {
		t.Skip("needs iproute2's ip to create a network namespace")
	}
	var rnd [4]byte
	if _, err := rand.Read(rnd[:]); err != nil {
		t.Fatal(err)
	}
	name := "nlbt-" + hex.EncodeToString(rnd[:])
	if out, err := exec.Command("ip", "netns", "add", name).CombinedOutput(); err != nil {
		t.Fatalf("ip netns add %s: %v: %s", name, err, out)
	}
	t.Cleanup(func() { _ = exec.Command("ip", "netns", "del", name).Run() })
	return &Namespace{Name: name, t: t}
}

// Run runs a command inside the namespace and fails the test on error.
func (ns *Namespace) Run(args ...string) string {
	ns.t.Helper()
	out, err := exec.Command("ip", append([]string{"netns", "exec", ns.Name}, args...)...).CombinedOutput()
	if err != nil {
		ns.t.Fatalf("%v: %v: %s", args, err, out)
	}
	return string(out)
}

// Conn is a raw netlink socket.
type Conn struct {
	fd  int
	seq uint32
}

// Dial opens a netlink socket of the given protocol inside the
// namespace. Only socket() runs in the namespace: the socket stays bound
// to it afterwards.
func (ns *Namespace) Dial(protocol int) (*Conn, error) {
	f, err := os.Open("/var/run/netns/" + ns.Name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fdc := make(chan int, 1)
	errc := make(chan error, 1)
	go func() {
		runtime.LockOSThread()
		orig, err := os.Open("/proc/thread-self/ns/net")
		if err != nil {
			errc <- err
			return
		}
		defer orig.Close()
		if err := unix.Setns(int(f.Fd()), unix.CLONE_NEWNET); err != nil {
			errc <- fmt.Errorf("setns: %w", err)
			runtime.UnlockOSThread()
			return
		}
		fd, serr := unix.Socket(unix.AF_NETLINK, unix.SOCK_RAW|unix.SOCK_CLOEXEC, protocol)
		if err := unix.Setns(int(orig.Fd()), unix.CLONE_NEWNET); err != nil {
			// Leave the thread locked: it dies with the goroutine
			// instead of serving others in the wrong namespace.
			errc <- fmt.Errorf("restoring namespace: %w", err)
			return
		}
		runtime.UnlockOSThread()
		if serr != nil {
			errc <- serr
			return
		}
		fdc <- fd
	}()
	select {
	case fd := <-fdc:
		if err := unix.Bind(fd, &unix.SockaddrNetlink{Family: unix.AF_NETLINK}); err != nil {
			unix.Close(fd)
			return nil, err
		}
		_ = unix.SetsockoptInt(fd, unix.SOL_NETLINK, unix.NETLINK_EXT_ACK, 1)
		return &Conn{fd: fd}, nil
	case err := <-errc:
		return nil, err
	}
}

// Close closes the socket.
func (c *Conn) Close() error { return unix.Close(c.fd) }

// Request sends one request (header fields are filled in: length, type,
// flags, a fresh sequence number) and returns every buffer the kernel
// answers until the ack, the error or NLMSG_DONE. The first returned
// buffer is the request as sent.
func (c *Conn) Request(typ, flags uint16, body []byte) (sent []byte, replies [][]byte, err error) {
	c.seq++
	msg := make([]byte, 16, 16+len(body))
	binary.NativeEndian.PutUint32(msg[0:], uint32(16+len(body)))
	binary.NativeEndian.PutUint16(msg[4:], typ)
	binary.NativeEndian.PutUint16(msg[6:], flags|unix.NLM_F_REQUEST|unix.NLM_F_ACK)
	binary.NativeEndian.PutUint32(msg[8:], c.seq)
	msg = append(msg, body...)
	if err := unix.Sendto(c.fd, msg, 0, &unix.SockaddrNetlink{Family: unix.AF_NETLINK}); err != nil {
		return nil, nil, err
	}
	buf := make([]byte, 1<<20)
	for {
		n, _, err := unix.Recvfrom(c.fd, buf, 0)
		if err != nil {
			return msg, replies, err
		}
		reply := append([]byte(nil), buf[:n]...)
		replies = append(replies, reply)
		done := false
		for off := 0; off+16 <= n; {
			l := int(binary.NativeEndian.Uint32(reply[off:]))
			t := binary.NativeEndian.Uint16(reply[off+4:])
			if t == unix.NLMSG_DONE || t == unix.NLMSG_ERROR {
				done = true
			}
			if l < 16 {
				break
			}
			off += (l + 3) &^ 3
		}
		if done {
			return msg, replies, nil
		}
	}
}
