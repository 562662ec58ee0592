// Command mkcapture builds a large, realistic LINKTYPE_NETLINK capture
// for benchmarks. In a fresh network namespace it creates a veth pair and
// adds N IPv4 routes with `ip -batch`; what it records depends on -mode:
//
//   - dump (the default): after the routes are added, it dumps the routes
//     and the links through a netlink socket opened inside the namespace
//     and writes every buffer sent and received as one pcap record, as an
//     nlmon tap would show them. A route dump buffer holds ~530 messages.
//   - events: it records the `ip -batch` itself, through the LD_PRELOAD
//     netlink tap testdata/record/nltap.c (built as a shared library and
//     given with -nltap): every RTM_NEWROUTE request and every ack is its
//     own frame, one message per frame, as in nlmon captures of
//     configuration traffic.
//
// Usage:
//
//	mkcapture [-mode dump|events] [-nltap LIB] [-routes N] [-size SIZE] [-netns NAME] -o FILE
//
// -routes defaults to 100000 with -mode dump and 20000 with -mode events.
// With -size (e.g. 1G, 500M), the recorded frames are written again and
// again, with increasing timestamps, until the file reaches SIZE bytes.
// FILE ending in .gz is gzip'd. mkcapture must run as root; it changes
// nothing outside the namespace it creates, and deletes the namespace
// when it ends, also on SIGINT and SIGTERM.
package main

import (
	"bufio"
	"compress/gzip"
	"crypto/rand"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"golang.org/x/sys/unix"

	"github.com/nlbatch/nlbatch/capture"
	"github.com/nlbatch/nlbatch/internal/nltest"
)

const maxRoutes = (224 - 11) << 16 // 11.0.0.0/24 up to 223.255.255.0/24

const usage = "usage: mkcapture [-mode dump|events] [-nltap LIB] [-routes N] [-size SIZE] [-netns NAME] -o FILE"

func main() {
	mode := flag.String("mode", "dump", "what to record: `dump` (the routes and links dumped after adding them) or events (the requests and acks of adding them, through -nltap)")
	nltap := flag.String("nltap", "", "with -mode events: the netlink tap testdata/record/nltap.c built as a shared library (gcc -shared -fPIC -o nltap.so nltap.c -ldl)")
	routes := flag.Int("routes", -1, "number of IPv4 routes to add (default 100000 with -mode dump, 20000 with -mode events)")
	out := flag.String("o", "", "output file (required); gzip'd when it ends in .gz")
	sizeFlag := flag.String("size", "", "repeat the recorded frames until the file reaches this size (bytes, or with a K, M or G suffix)")
	netns := flag.String("netns", "", "name of the network namespace to create (default: nlbench-RANDOM); it must not exist")
	flag.Parse()
	if *out == "" || flag.NArg() != 0 {
		fmt.Fprintln(os.Stderr, usage)
		os.Exit(2)
	}
	switch *mode {
	case "dump":
		if *nltap != "" {
			fatalf("-nltap is only for -mode events")
		}
		if *routes < 0 {
			*routes = 100000
		}
	case "events":
		if *nltap == "" {
			fatalf("-mode events needs -nltap, the tap library built from testdata/record/nltap.c")
		}
		lib, err := filepath.Abs(*nltap)
		if err != nil {
			fatalf("-nltap: %v", err)
		}
		if _, err := os.Stat(lib); err != nil {
			fatalf("-nltap: %v", err)
		}
		*nltap = lib
		if *routes < 0 {
			*routes = 20000
		}
	default:
		fatalf("-mode must be dump or events, not %q", *mode)
	}
	if *routes > maxRoutes {
		fatalf("-routes must be between 0 and %d", maxRoutes)
	}
	size, err := parseSize(*sizeFlag)
	if err != nil {
		fatalf("-size: %v", err)
	}
	if os.Geteuid() != 0 {
		fatalf("must run as root: it creates a network namespace")
	}
	name := *netns
	if name == "" {
		var rnd [4]byte
		if _, err := rand.Read(rnd[:]); err != nil {
			fatalf("%v", err)
		}
		name = "nlbench-" + hex.EncodeToString(rnd[:])
	}
	if err := run(name, *mode, *nltap, *routes, *out, size); err != nil {
		fatalf("%v", err)
	}
}

func fatalf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "mkcapture: "+format+"\n", args...)
	os.Exit(1)
}

// parseSize reads 1G, 500M, 64k or a plain number of bytes (powers of
// 1024). The empty string is 0: no repetition.
func parseSize(s string) (int64, error) {
	if s == "" {
		return 0, nil
	}
	mult := int64(1)
	switch strings.ToUpper(s[len(s)-1:]) {
	case "K":
		mult = 1 << 10
	case "M":
		mult = 1 << 20
	case "G":
		mult = 1 << 30
	}
	if mult != 1 {
		s = s[:len(s)-1]
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 {
		return 0, fmt.Errorf("invalid size %q", s)
	}
	return n * mult, nil
}

// frame is one recorded buffer.
type frame struct {
	t    time.Time
	data []byte
}

func run(ns, mode, nltap string, routes int, out string, size int64) error {
	if out, err := exec.Command("ip", "netns", "add", ns).CombinedOutput(); err != nil {
		return fmt.Errorf("ip netns add %s: %v: %s", ns, err, out)
	}
	// The tap's file, in events mode; removed on the way out.
	var tapFile string
	cleanup := func() {
		_ = exec.Command("ip", "netns", "del", ns).Run()
		if tapFile != "" {
			_ = os.Remove(tapFile)
		}
	}
	defer cleanup()
	if mode == "events" {
		f, err := os.CreateTemp("", "mkcapture-*.pcap")
		if err != nil {
			return err
		}
		tapFile = f.Name()
		f.Close()
	}
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGINT, syscall.SIGTERM)
	go func() {
		s := <-sig
		cleanup()
		_ = os.Remove(out)
		fmt.Fprintf(os.Stderr, "mkcapture: %v: namespace %s deleted\n", s, ns)
		os.Exit(1)
	}()

	setup := [][]string{
		{"link", "add", "veth0", "type", "veth", "peer", "name", "veth1"},
		{"link", "set", "lo", "up"},
		{"link", "set", "veth0", "up"},
		{"link", "set", "veth1", "up"},
		{"addr", "add", "10.255.0.1/24", "dev", "veth0"},
		{"addr", "add", "10.255.0.2/24", "dev", "veth1"},
		{"-6", "addr", "add", "2001:db8:ff::1/64", "dev", "veth0", "nodad"},
	}
	for _, args := range setup {
		if err := ip(ns, nil, args...); err != nil {
			return err
		}
	}

	var frames []frame
	if mode == "events" {
		var err error
		if frames, err = recordEvents(ns, nltap, tapFile, routes); err != nil {
			return err
		}
	} else {
		start := time.Now()
		if err := ip(ns, batch(routes), "-batch", "-"); err != nil {
			return err
		}
		fmt.Fprintf(os.Stderr, "mkcapture: %d routes added in %.1fs\n", routes, time.Since(start).Seconds())
		var err error
		if frames, err = record(ns); err != nil {
			return err
		}
	}
	return write(out, frames, size)
}

// pcapHeader is the pcap file header the tap expects to find, in host
// order, as testdata/record/record.sh writes it: magic 0xa1b2c3d4
// (microseconds), version 2.4, zone 0, sigfigs 0, snaplen 262144, link
// type 253 (LINKTYPE_NETLINK).
func pcapHeader() []byte {
	h := make([]byte, 24)
	binary.NativeEndian.PutUint32(h[0:], 0xa1b2c3d4)
	binary.NativeEndian.PutUint16(h[4:], 2)
	binary.NativeEndian.PutUint16(h[6:], 4)
	binary.NativeEndian.PutUint32(h[16:], capture.PcapSnaplen)
	binary.NativeEndian.PutUint32(h[20:], capture.LinkTypeNetlink)
	return h
}

// recordEvents runs `ip -batch` adding the routes inside the namespace
// under the netlink tap nltap (LD_PRELOAD), which appends every buffer ip
// sends and receives to tapFile, and returns those buffers: the
// RTM_NEWROUTE requests and their acks, one message each (and the link
// lookup ip makes to resolve the device name).
func recordEvents(ns, nltap, tapFile string, routes int) ([]frame, error) {
	if err := os.WriteFile(tapFile, pcapHeader(), 0o600); err != nil {
		return nil, err
	}
	cmd := exec.Command("ip", "netns", "exec", ns,
		"env", "LD_PRELOAD="+nltap, "NLTAP_FILE="+tapFile, "ip", "-batch", "-")
	cmd.Stdin = batch(routes)
	start := time.Now()
	out, err := cmd.CombinedOutput()
	if err != nil {
		return nil, fmt.Errorf("ip netns exec %s ip -batch - (LD_PRELOAD=%s): %v: %s", ns, nltap, err, out)
	}
	elapsed := time.Since(start)

	f, err := os.Open(tapFile)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r, err := capture.NewReader(bufio.NewReaderSize(f, 1<<20), capture.Options{Format: capture.FormatPcap})
	if err != nil {
		return nil, fmt.Errorf("reading the tap's capture: %w", err)
	}
	var frames []frame
	msgs := 0
	for {
		fr, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("reading the tap's capture: %w", err)
		}
		if err := checkReply(fr.Data); err != nil {
			return nil, fmt.Errorf("frame %d: %w", fr.Num, err)
		}
		msgs += countMsgs(fr.Data)
		frames = append(frames, frame{fr.Time, append([]byte(nil), fr.Data...)})
	}
	// A request and its ack per route, at least. ld.so only warns when
	// it cannot preload the library, and ip runs without it.
	if len(frames) < 2*routes {
		return nil, fmt.Errorf("the tap recorded %d frames for %d routes (LD_PRELOAD=%s): %s", len(frames), routes, nltap, out)
	}
	fmt.Fprintf(os.Stderr, "mkcapture: %d routes added in %.1fs under the tap: %d frames, %d messages\n",
		routes, elapsed.Seconds(), len(frames), msgs)
	return frames, nil
}

// ip runs `ip -n NS args...` with stdin.
func ip(ns string, stdin io.Reader, args ...string) error {
	cmd := exec.Command("ip", append([]string{"-n", ns}, args...)...)
	cmd.Stdin = stdin
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("ip -n %s %s: %v: %s", ns, strings.Join(args, " "), err, out)
	}
	return nil
}

// batch returns `ip -batch` input for n routes, 11.0.0.0/24 onwards, via
// the peer's address, with the variety a routing table has: protocols,
// metrics, a few device routes and blackholes.
func batch(n int) io.Reader {
	var b strings.Builder
	b.Grow(n * 64)
	for i := 0; i < n; i++ {
		dst := fmt.Sprintf("%d.%d.%d.0/24", 11+i>>16, i>>8&0xff, i&0xff)
		switch {
		case i%50 == 49:
			fmt.Fprintf(&b, "route add blackhole %s proto static\n", dst)
		case i%10 == 9:
			fmt.Fprintf(&b, "route add %s dev veth0 scope link proto static metric 20\n", dst)
		case i%4 == 3:
			fmt.Fprintf(&b, "route add %s via 10.255.0.2 dev veth0 proto bgp metric 100\n", dst)
		default:
			fmt.Fprintf(&b, "route add %s via 10.255.0.2 dev veth0 proto static\n", dst)
		}
	}
	return strings.NewReader(b.String())
}

// record dumps the IPv4 routes and the links through a socket inside the
// namespace and returns the request and every reply buffer.
func record(ns string) ([]frame, error) {
	c, err := (&nltest.Namespace{Name: ns}).Dial(unix.NETLINK_ROUTE)
	if err != nil {
		return nil, fmt.Errorf("netlink socket in %s: %w", ns, err)
	}
	defer c.Close()
	rtmsg := make([]byte, unix.SizeofRtMsg)
	rtmsg[0] = unix.AF_INET
	ifinfomsg := make([]byte, unix.SizeofIfInfomsg)
	var frames []frame
	for _, req := range []struct {
		typ  uint16
		body []byte
	}{
		{unix.RTM_GETROUTE, rtmsg},
		{unix.RTM_GETLINK, ifinfomsg},
	} {
		t := time.Now()
		sent, replies, err := c.Request(req.typ, unix.NLM_F_DUMP, req.body)
		if err != nil {
			return nil, fmt.Errorf("dump (type %d): %w", req.typ, err)
		}
		frames = append(frames, frame{t, sent})
		// The socket does not timestamp the replies: spread them over
		// the time the dump took.
		step := time.Since(t) / time.Duration(len(replies)+1)
		for i, r := range replies {
			if err := checkReply(r); err != nil {
				return nil, fmt.Errorf("dump (type %d): %w", req.typ, err)
			}
			frames = append(frames, frame{t.Add(step * time.Duration(i+1)), r})
		}
	}
	return frames, nil
}

// checkReply fails on an error ack.
func checkReply(b []byte) error {
	for off := 0; off+16 <= len(b); {
		l := int(binary.NativeEndian.Uint32(b[off:]))
		if binary.NativeEndian.Uint16(b[off+4:]) == unix.NLMSG_ERROR && off+20 <= len(b) {
			if code := int32(binary.NativeEndian.Uint32(b[off+16:])); code != 0 {
				return fmt.Errorf("kernel error: %v", unix.Errno(-code))
			}
		}
		if l < 16 {
			break
		}
		off += (l + 3) &^ 3
	}
	return nil
}

// countMsgs returns the number of netlink messages in b.
func countMsgs(b []byte) int {
	n := 0
	for off := 0; off+16 <= len(b); {
		l := int(binary.NativeEndian.Uint32(b[off:]))
		if l < 16 {
			break
		}
		n++
		off += (l + 3) &^ 3
	}
	return n
}

// countWriter counts the bytes written to the file.
type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// write writes the frames to out, repeated until out has size bytes.
func write(out string, frames []frame, size int64) (err error) {
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}()
	cw := &countWriter{w: f}
	bw := bufio.NewWriterSize(cw, 1<<20)
	var w io.Writer = bw
	var zw *gzip.Writer
	if strings.HasSuffix(out, ".gz") {
		zw = gzip.NewWriter(bw)
		w = zw
	}
	pw, err := capture.NewPcapWriter(w)
	if err != nil {
		return err
	}
	if len(frames) == 0 {
		return errors.New("nothing recorded")
	}
	span := frames[len(frames)-1].t.Sub(frames[0].t) + time.Millisecond
	nframes, reps := 0, 0
	for {
		shift := span * time.Duration(reps)
		for _, fr := range frames {
			if err := pw.WriteFrame(fr.t.Add(shift), unix.NETLINK_ROUTE, fr.data); err != nil {
				return err
			}
			nframes++
		}
		reps++
		if size <= 0 {
			break
		}
		// cw counts what reached the file; the buffers hold the rest.
		pending := int64(bw.Buffered())
		if cw.n+pending >= size {
			break
		}
	}
	if zw != nil {
		if err := zw.Close(); err != nil {
			return err
		}
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "mkcapture: wrote %s: %d frames (%d recorded, written %d times), %d bytes\n",
		out, nframes, len(frames), reps, cw.n)
	return nil
}
