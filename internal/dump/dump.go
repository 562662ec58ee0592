// Package dump is the nldump command: it reads captures and buffers
// through package capture, decodes them with package codec, filters and
// prints. It lives here, not in package main, so that tests and fuzz
// targets can run the whole pipeline in process.
package dump

import (
	"bufio"
	"encoding/binary"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strconv"
	"strings"

	"github.com/nlbatch/nlbatch/capture"
	"github.com/nlbatch/nlbatch/codec"
)

const usage = `usage: nldump [flags] [FILE...]

Decodes netlink messages from nlmon captures (pcap/pcapng, optionally
gzip'd), raw netlink buffers, rtmon files and hex text; the format is
detected from the content. With no FILE, or FILE "-", reads stdin.

Flags:
`

// listFlag collects a repeatable string flag.
type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(s string) error { *l = append(*l, s); return nil }

type options struct {
	format   string
	verbose  bool
	times    bool
	stats    bool
	errsOnly bool
	family   string
	types    listFlag
	seq      int64
	pid      int64
	order    string
	input    string
	protocol string
}

// Exit codes shared with nlbatch.
const (
	exitOK       = 0
	exitFailed   = 1
	exitUsageErr = 2
)

// Main runs nldump with the given arguments (without the program name)
// and returns the exit status: 0 when everything decoded, 1 when a frame
// was malformed, 2 for usage errors and unreadable input.
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("nldump", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, usage); fs.PrintDefaults() }
	var o options
	fs.StringVar(&o.format, "format", "text", "output: text, json or hex")
	fs.BoolVar(&o.verbose, "v", false, "text: print the full tree of every message")
	fs.BoolVar(&o.times, "t", false, "text: print the capture time of each frame")
	fs.BoolVar(&o.stats, "stats", false, "print counts per protocol and type, and errors by errno, instead of messages")
	fs.BoolVar(&o.errsOnly, "errors", false, "only failed acks (NLMSG_ERROR or NLMSG_DONE with a non-zero error)")
	fs.StringVar(&o.family, "family", "", "only this netlink protocol (route, generic, netfilter, ... or a number)")
	fs.Var(&o.types, "type", "only this message type, by name or number (repeatable)")
	fs.Int64Var(&o.seq, "seq", -1, "only messages with this sequence number")
	fs.Int64Var(&o.pid, "pid", -1, "only messages with this port id")
	fs.StringVar(&o.order, "order", "auto", "payload byte order: auto (per frame), little or big")
	fs.StringVar(&o.input, "input", "auto", "input format: auto, pcap, pcapng, raw, rtmon or hex")
	fs.StringVar(&o.protocol, "protocol", "route", "netlink protocol of inputs that do not record it (raw, rtmon, hex)")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsageErr
	}
	d, err := newDumper(o, stdout)
	if err != nil {
		fmt.Fprintf(stderr, "nldump: %v\n", err)
		return exitUsageErr
	}
	files := fs.Args()
	if len(files) == 0 {
		files = []string{"-"}
	}
	status := exitOK
	for _, name := range files {
		s := d.dumpFile(name, stdin, stderr)
		if s > status {
			status = s
		}
	}
	if o.stats {
		d.printStats()
	}
	if err := d.out.Flush(); err != nil {
		fmt.Fprintf(stderr, "nldump: %v\n", err)
		return exitUsageErr
	}
	return status
}

// dumper decodes and prints; it keeps one decoder and one output buffer
// for the whole run so that memory stays flat.
type dumper struct {
	o        options
	out      *bufio.Writer
	dec      *codec.Decoder
	buf      []byte
	protocol int
	family   int // -1: any
	types    []typeFilter
	copts    capture.Options
	stats    stats
	// The capture time of the current frame, formatted once per frame.
	stamp      []byte
	stampFrame int
	times      codec.TimeFormatter
}

type typeFilter struct {
	name string
	num  int // -1 when matched by name
}

func newDumper(o options, w io.Writer) (*dumper, error) {
	d := &dumper{o: o, out: bufio.NewWriterSize(w, 64<<10), dec: codec.NewDecoder(), family: -1}
	switch o.format {
	case "text", "json", "hex":
	default:
		return nil, fmt.Errorf("unknown --format %q (want text, json or hex)", o.format)
	}
	switch o.order {
	case "auto":
	case "little", "le":
		d.dec.Order = binary.LittleEndian
		d.copts.Order = binary.LittleEndian
	case "big", "be":
		d.dec.Order = binary.BigEndian
		d.copts.Order = binary.BigEndian
	default:
		return nil, fmt.Errorf("unknown --order %q (want auto, little or big)", o.order)
	}
	switch o.input {
	case "auto":
	case "pcap", "pcapng", "raw", "rtmon", "hex":
		d.copts.Format = capture.Format(o.input)
	default:
		return nil, fmt.Errorf("unknown --input %q (want auto, pcap, pcapng, raw, rtmon or hex)", o.input)
	}
	p, err := parseProtocol(o.protocol)
	if err != nil {
		return nil, fmt.Errorf("--protocol: %w", err)
	}
	d.protocol = p
	d.copts.Protocol = p
	if o.family != "" {
		if d.family, err = parseProtocol(o.family); err != nil {
			return nil, fmt.Errorf("--family: %w", err)
		}
	}
	for _, t := range o.types {
		if n, err := strconv.ParseUint(t, 0, 16); err == nil {
			d.types = append(d.types, typeFilter{num: int(n)})
		} else {
			d.types = append(d.types, typeFilter{name: strings.ToUpper(t), num: -1})
		}
	}
	d.stats.byType = map[statKey]int{}
	d.stats.byErrno = map[string]int{}
	return d, nil
}

// protocolNames are the names --family and --protocol accept.
var protocolNames = map[string]int{
	"route": codec.ProtoRoute, "rtnetlink": codec.ProtoRoute, "usersock": codec.ProtoUsersock,
	"sock_diag": codec.ProtoSockDiag, "sockdiag": codec.ProtoSockDiag, "nflog": codec.ProtoNflog,
	"xfrm": codec.ProtoXfrm, "selinux": codec.ProtoSelinux, "audit": codec.ProtoAudit,
	"fib_lookup": codec.ProtoFibLookup, "connector": codec.ProtoConnector,
	"netfilter": codec.ProtoNetfilter, "kobject_uevent": codec.ProtoKobject,
	"generic": codec.ProtoGeneric, "genl": codec.ProtoGeneric, "rdma": codec.ProtoRdma,
	"crypto": codec.ProtoCrypto, "smc": codec.ProtoSmc,
}

func parseProtocol(s string) (int, error) {
	if n, err := strconv.Atoi(s); err == nil && n >= 0 && n < 32 {
		return n, nil
	}
	if n, ok := protocolNames[strings.ToLower(s)]; ok {
		return n, nil
	}
	names := make([]string, 0, len(protocolNames))
	for k := range protocolNames {
		names = append(names, k)
	}
	sort.Strings(names)
	return 0, fmt.Errorf("unknown netlink protocol %q (want a number or one of %s)", s, strings.Join(names, ", "))
}

// dumpFile decodes one input and returns its exit status.
func (d *dumper) dumpFile(name string, stdin io.Reader, stderr io.Writer) int {
	var r io.Reader = stdin
	label := "stdin"
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			fmt.Fprintf(stderr, "nldump: %v\n", err)
			return exitUsageErr
		}
		defer f.Close()
		r, label = f, name
	}
	cr, err := capture.NewReader(r, d.copts)
	if err != nil {
		fmt.Fprintf(stderr, "nldump: %s: %v\n", label, err)
		return exitUsageErr
	}
	status := exitOK
	for {
		fr, err := cr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			var fe *capture.FrameError
			if errors.As(err, &fe) {
				d.flushQuiet()
				fmt.Fprintf(stderr, "nldump: %s: %v\n", label, err)
				d.stats.malformed++
				status = exitFailed
				continue
			}
			d.flushQuiet()
			fmt.Fprintf(stderr, "nldump: %s: %v\n", label, err)
			return exitUsageErr
		}
		proto := fr.Protocol
		if proto < 0 {
			proto = d.protocol
		}
		d.stats.frames++
		err = d.dec.DecodeFrame(proto, fr.Data, func(m *codec.Msg) error {
			d.message(fr, m)
			return nil
		})
		if err != nil {
			var de *codec.DecodeError
			if errors.As(err, &de) {
				d.flushQuiet()
				fmt.Fprintf(stderr, "nldump: %s: frame %d at byte %d: message %d at frame offset %d: %s\n",
					label, fr.Num, fr.Offset+int64(de.Offset), de.Index+1, de.Offset, de.Reason)
				d.stats.malformed++
				status = exitFailed
				continue
			}
			fmt.Fprintf(stderr, "nldump: %s: %v\n", label, err)
			return exitUsageErr
		}
	}
	return status
}

func (d *dumper) flushQuiet() { _ = d.out.Flush() }

// match applies the filters.
func (d *dumper) match(m *codec.Msg) bool {
	if d.family >= 0 && m.Protocol != d.family {
		return false
	}
	if d.o.seq >= 0 && int64(m.Header.Seq) != d.o.seq {
		return false
	}
	if d.o.pid >= 0 && int64(m.Header.PID) != d.o.pid {
		return false
	}
	if d.o.errsOnly {
		code, ok := m.Error()
		if !ok || code == 0 {
			return false
		}
	}
	if len(d.types) > 0 {
		ok := false
		for _, t := range d.types {
			if t.num >= 0 && int(m.Header.Type) == t.num || t.num < 0 && strings.EqualFold(m.Name, t.name) {
				ok = true
				break
			}
		}
		if !ok {
			return false
		}
	}
	return true
}

func (d *dumper) message(fr *capture.Frame, m *codec.Msg) {
	if !d.match(m) {
		return
	}
	if d.o.stats {
		d.stats.add(m)
		return
	}
	b := d.buf[:0]
	switch d.o.format {
	case "json":
		if d.stampFrame != fr.Num {
			d.stampFrame, d.stamp = fr.Num, d.stamp[:0]
			if !fr.Time.IsZero() {
				d.stamp = d.times.Append(d.stamp, fr.Time)
			}
		}
		ctx := codec.JSONContext{Frame: fr.Num}
		if len(d.stamp) > 0 {
			ctx.Stamp = d.stamp
		}
		b = codec.AppendJSON(b, m, ctx)
		b = append(b, '\n')
	case "hex":
		b = d.prefix(b, fr, m)
		b = codec.AppendHex(b, m)
	default:
		b = d.prefix(b, fr, m)
		if d.o.verbose {
			b = codec.AppendTree(b, m, "")
		} else {
			b = codec.AppendSummary(b, m)
			b = append(b, '\n')
		}
	}
	d.buf = b
	_, _ = d.out.Write(b)
}

// prefix writes "FRAME.MSG " (and the time with -t).
func (d *dumper) prefix(b []byte, fr *capture.Frame, m *codec.Msg) []byte {
	if d.o.times && !fr.Time.IsZero() {
		b = fr.Time.UTC().AppendFormat(b, "15:04:05.000000 ")
	}
	b = strconv.AppendInt(b, int64(fr.Num), 10)
	b = append(b, '.')
	b = strconv.AppendInt(b, int64(m.Index+1), 10)
	return append(b, ' ')
}

type statKey struct {
	proto int
	name  string
}

type stats struct {
	frames, messages, malformed int
	byType                      map[statKey]int
	byErrno                     map[string]int
}

func (s *stats) add(m *codec.Msg) {
	s.messages++
	name := m.Name
	if name == "" {
		name = "type " + strconv.Itoa(int(m.Header.Type))
	}
	s.byType[statKey{m.Protocol, name}]++
	if code, ok := m.Error(); ok && code != 0 {
		e := codec.ErrnoName(code)
		if e == "" {
			e = strconv.Itoa(int(code))
		}
		s.byErrno[e]++
	}
}

func (d *dumper) printStats() {
	s := &d.stats
	fmt.Fprintf(d.out, "frames %d, messages %d, malformed frames %d\n", s.frames, s.messages, s.malformed)
	keys := make([]statKey, 0, len(s.byType))
	for k := range s.byType {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].proto != keys[j].proto {
			return keys[i].proto < keys[j].proto
		}
		return keys[i].name < keys[j].name
	})
	for _, k := range keys {
		fmt.Fprintf(d.out, "%-10s %-28s %d\n", codec.ProtocolName(k.proto), k.name, s.byType[k])
	}
	if len(s.byErrno) > 0 {
		errs := make([]string, 0, len(s.byErrno))
		for e := range s.byErrno {
			errs = append(errs, e)
		}
		sort.Strings(errs)
		fmt.Fprintln(d.out, "errors:")
		for _, e := range errs {
			fmt.Fprintf(d.out, "  %-16s %d\n", e, s.byErrno[e])
		}
	}
}
