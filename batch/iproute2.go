package batch

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/nlbatch/nlbatch/codec"
	"github.com/nlbatch/nlbatch/nlb"
)

// IPRoute2Options configure CompileIPRoute2.
type IPRoute2Options struct {
	// Syntax is the tool every line is written for when lines do not
	// name it: "ip", "tc" or "bridge". Empty means each line starts with
	// the tool's name ("ip route add ...").
	Syntax string
	// Names holds the name tables iproute2 reads from /etc/iproute2
	// (routing tables, protocols, scopes, realms, DS fields); nil means
	// iproute2's built-in names only. See LoadIPRoute2Names.
	Names *IPRoute2Names
}

// CompileIPRoute2 reads commands in the syntax of `ip -batch`,
// `tc -batch` and `bridge -batch` and adds the messages iproute2 would
// send for them to c: one command per line, `#` starts a comment (as in
// iproute2, anywhere on the line), a backslash at the end of a line
// continues it, and words are split at blanks, or quoted with ' or ".
//
// Interface names become relocations, resolved on the target at replay.
// The first bad command stops the compile with an *Error naming
// file:line:col; the messages of the commands before it stay in c (the
// command line tool writes nothing then).
func CompileIPRoute2(c *Compiler, name string, r io.Reader, opts IPRoute2Options) error {
	switch opts.Syntax {
	case "", "ip", "tc", "bridge":
	default:
		return fmt.Errorf("iproute2 syntax %q: want ip, tc or bridge", opts.Syntax)
	}
	names := opts.Names
	if names == nil {
		names = defaultIPRoute2Names
	}
	br := bufio.NewReaderSize(r, 64<<10)
	var (
		lineNo int
		text   []byte
		starts []int
		cl     cmdLine
		ctx    = &ipCtx{c: c, names: names}
	)
	for {
		start := lineNo + 1
		var err error
		text, starts, lineNo, err = readCommand(br, text[:0], starts[:0], lineNo)
		if err != nil && !errors.Is(err, io.EOF) {
			if errors.Is(err, errMissingContinuation) {
				return &Error{Source: nlb.Source{File: name, Line: lineNo, Col: 1}, Err: err}
			}
			return fmt.Errorf("reading %s: %w", name, err)
		}
		if len(text) > 0 {
			if perr := cl.split(name, start, text, starts); perr != nil {
				return perr
			}
			if len(cl.toks) > 0 {
				if cerr := ctx.command(&cl, opts.Syntax); cerr != nil {
					return cerr
				}
			}
		}
		if err != nil {
			return nil
		}
	}
}

var errMissingContinuation = errors.New("missing continuation line after a backslash")

// readCommand reads one command as iproute2's getcmdline does: a line,
// cut at its first '#' (a comment, newline included), joined with the
// next line while it ends with a backslash right before its newline. It
// returns the command without the newline and the number of the last
// line read.
func readCommand(br *bufio.Reader, buf []byte, starts []int, lineNo int) ([]byte, []int, int, error) {
	continued := false
	for {
		line, err := br.ReadSlice('\n')
		for errors.Is(err, bufio.ErrBufferFull) {
			// A line longer than the buffer: gather it.
			long := append([]byte(nil), line...)
			line, err = br.ReadSlice('\n')
			line = append(long, line...)
		}
		if len(line) == 0 && err != nil {
			if continued {
				return buf, starts, lineNo, errMissingContinuation
			}
			return buf, starts, lineNo, err
		}
		lineNo++
		starts = append(starts, len(buf))
		newline := false
		if i := bytes.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		} else if n := len(line); n > 0 && line[n-1] == '\n' {
			line, newline = line[:n-1], true
		}
		if newline && len(line) > 0 && line[len(line)-1] == '\\' {
			buf = append(buf, line[:len(line)-1]...)
			if err != nil {
				return buf, starts, lineNo, errMissingContinuation
			}
			continued = true
			continue
		}
		return append(buf, line...), starts, lineNo, err
	}
}

// token is one word of a command and where it starts.
type token struct {
	s    string
	line int // line of the file, for commands continued over lines
	col  int // 1-based byte column in that line
}

// cmdLine is a command split into words, with a cursor.
type cmdLine struct {
	file   string
	line   int    // first line of the command
	text   string // the command as written (continuations joined)
	toks   []token
	pos    int
	starts []int // offsets in text where each line of the command starts
}

// split breaks a command into words as iproute2's makeargs does: blanks
// (space, tab, CR) separate words; a word starting with ' or " runs to
// the next same quote, which ends it.
func (l *cmdLine) split(file string, line int, text []byte, starts []int) error {
	l.file, l.line, l.text, l.pos = file, line, string(text), 0
	l.starts = append(l.starts[:0], starts...)
	l.toks = l.toks[:0]
	s := l.text
	for i := 0; i < len(s); {
		c := s[i]
		if c == ' ' || c == '\t' || c == '\r' || c == '\n' {
			i++
			continue
		}
		if c == '\'' || c == '"' {
			end := strings.IndexByte(s[i+1:], c)
			if end < 0 {
				return l.errAt(l.at(i, s[i:]), "unterminated quoted string")
			}
			l.toks = append(l.toks, l.at(i, s[i+1:i+1+end]))
			i += end + 2
			continue
		}
		j := i
		for j < len(s) && s[j] != ' ' && s[j] != '\t' && s[j] != '\r' && s[j] != '\n' {
			j++
		}
		l.toks = append(l.toks, l.at(i, s[i:j]))
		i = j
	}
	return nil
}

// at is a token of text w starting at offset off of the command.
func (l *cmdLine) at(off int, w string) token {
	k := 0
	for k+1 < len(l.starts) && l.starts[k+1] <= off {
		k++
	}
	start := 0
	if k < len(l.starts) {
		start = l.starts[k]
	}
	return token{s: w, line: l.line + k, col: off - start + 1}
}

// more reports whether words are left.
func (l *cmdLine) more() bool { return l.pos < len(l.toks) }

// peek returns the next word without taking it ("" at the end).
func (l *cmdLine) peek() token {
	if l.pos < len(l.toks) {
		return l.toks[l.pos]
	}
	return l.end()
}

// next takes the next word ("" at the end).
func (l *cmdLine) next() token {
	t := l.peek()
	if l.pos < len(l.toks) {
		l.pos++
	}
	return t
}

// end is a pseudo-token just after the last word, for errors about
// what is missing.
func (l *cmdLine) end() token { return l.at(len(l.text), "") }

// value takes the word that must follow keyword (iproute2's NEXT_ARG);
// what names it in the error when it is missing.
func (l *cmdLine) value(keyword token, what string) (token, error) {
	if !l.more() {
		return token{}, l.errAt(l.end(), "%q needs %s after it", keyword.s, what)
	}
	return l.next(), nil
}

// errAt is an *Error at a word.
func (l *cmdLine) errAt(t token, format string, args ...any) error {
	return &Error{Source: nlb.Source{File: l.file, Line: t.line, Col: t.col, Text: l.text}, Err: fmt.Errorf(format, args...)}
}

// unknown is the error for a word that is not one of the keywords
// known at that place, suggesting the closest one.
func (l *cmdLine) unknown(t token, what string, known []string) error {
	return l.errAt(t, "unknown %s %q%s", what, t.s, codec.Suggest(t.s, known))
}

// source is the source record of the command's messages: its first
// line, column 1, and its text.
func (l *cmdLine) source() nlb.Source {
	return nlb.Source{File: l.file, Line: l.line, Col: 1, Text: l.text}
}

// matches is iproute2's matches(): a word selects a keyword when it is a
// non-empty prefix of it ("ro" for "route").
func matches(word, keyword string) bool {
	return word != "" && len(word) <= len(keyword) && keyword[:len(word)] == word
}

// ipCtx is the compile of one command.
type ipCtx struct {
	c      *Compiler
	names  *IPRoute2Names
	l      *cmdLine
	tool   string
	family uint8 // preferred family: -4, -6, -0, -family; 0 for AF_UNSPEC
}

// order is the byte order of the batch's payload, for fixed headers
// written with the builder's Raw.
func (x *ipCtx) order() binary.AppendByteOrder {
	if x.c.opts.BigEndian {
		return binary.BigEndian
	}
	return binary.LittleEndian
}

// ipObject is one object of a tool ("route" of ip), its handler, and the
// position of its name in iproute2's table: a word selects the first
// object in table order that it is a prefix of.
type ipObject struct {
	name string
	run  func(x *ipCtx) error
}

// The tools' object tables, in iproute2's order (ip/ip.c, tc/tc.c,
// bridge/bridge.c): the order decides what an abbreviation means ("n"
// is neighbour, not nexthop). Objects nlbatch does not compile are
// listed so that they are refused by name rather than misread.
var (
	ipObjects = []ipObject{
		{"address", ipAddress}, {"addrlabel", nil}, {"maddress", nil},
		{"route", ipRoute}, {"rule", ipRule}, {"neighbor", ipNeigh}, {"neighbour", ipNeigh},
		{"ntable", nil}, {"ntbl", nil}, {"link", ipLink}, {"l2tp", nil}, {"fou", nil},
		{"ila", nil}, {"macsec", nil}, {"tunnel", nil}, {"tunl", nil}, {"tuntap", nil},
		{"tap", nil}, {"token", nil}, {"tcpmetrics", nil}, {"tcp_metrics", nil},
		{"monitor", nil}, {"xfrm", nil}, {"mroute", nil}, {"mrule", nil}, {"netns", nil},
		{"netconf", nil}, {"vrf", nil}, {"sr", nil}, {"nexthop", ipNexthop},
		{"mptcp", nil}, {"ioam", nil}, {"stats", nil},
	}
	tcObjects = []ipObject{
		{"qdisc", tcQdisc}, {"class", tcClass}, {"filter", tcFilter},
		{"chain", nil}, {"actions", nil}, {"monitor", nil}, {"exec", nil},
	}
	bridgeObjects = []ipObject{
		{"link", bridgeLink}, {"fdb", bridgeFdb}, {"mdb", nil}, {"vlan", bridgeVlan},
		{"vni", nil}, {"monitor", nil},
	}
)

// command compiles one command line. A command that fails leaves the
// compiler as it was.
func (x *ipCtx) command(l *cmdLine, syntax string) error {
	x.l, x.family = l, 0
	tool := syntax
	if first := l.peek().s; first == "ip" || first == "tc" || first == "bridge" {
		tool = first
		l.next()
	} else if tool == "" {
		return l.errAt(l.peek(), "a command starts with ip, tc or bridge (or give the syntax: a .ip, .tc or .bridge file, --syntax)")
	}
	x.tool = tool
	if err := x.options(); err != nil {
		return err
	}
	objects := ipObjects
	switch tool {
	case "tc":
		objects = tcObjects
	case "bridge":
		objects = bridgeObjects
	}
	word := l.next()
	if word.s == "" {
		return l.errAt(word, "%s: missing object (%s)", tool, objectNames(objects))
	}
	for _, o := range objects {
		if !matches(word.s, o.name) {
			continue
		}
		if o.run == nil {
			return l.errAt(word, "%s %s: not compiled by nlbatch (it compiles %s)", tool, o.name, objectNames(objects))
		}
		m := x.c.mark()
		if err := o.run(x); err != nil {
			x.c.restore(m)
			return err
		}
		return nil
	}
	known := make([]string, 0, len(objects))
	for _, o := range objects {
		known = append(known, o.name)
	}
	return l.unknown(word, tool+" object", known)
}

func objectNames(objects []ipObject) string {
	var out []string
	for _, o := range objects {
		if o.run != nil && (len(out) == 0 || out[len(out)-1] != o.name) {
			out = append(out, o.name)
		}
	}
	return strings.Join(out, ", ")
}

// options reads the tool's options that change what a command sends
// (-4, -6, -0, -family), and refuses the others by name.
func (x *ipCtx) options() error {
	l := x.l
	for l.more() && strings.HasPrefix(l.peek().s, "-") {
		t := l.next()
		opt := t.s
		if strings.HasPrefix(opt, "--") {
			opt = opt[1:]
		}
		switch {
		case opt == "-4":
			x.family = afInet
		case opt == "-6":
			x.family = afInet6
		case opt == "-0":
			x.family = afPacket
		case opt == "-M":
			x.family = afMPLS
		case opt == "-B":
			x.family = afBridge
		case len(opt) > 1 && matches(opt, "-family"):
			v, err := l.value(t, "a family (inet, inet6, bridge, mpls, link)")
			if err != nil {
				return err
			}
			f, ok := familyNames[v.s]
			if !ok {
				return l.unknown(v, "family", []string{"inet", "inet6", "bridge", "mpls", "link"})
			}
			x.family = f
		case x.tool == "ip" && (matches(opt, "-details") || matches(opt, "-statistics") || matches(opt, "-stats") || matches(opt, "-oneline") || matches(opt, "-resolve")):
			// Display options: nothing to send differs.
		default:
			return l.errAt(t, "option %q changes nothing nlbatch compiles, or is not supported in a batch line", t.s)
		}
	}
	return nil
}

// afPacket is AF_PACKET (the other families are in pyroute2.go).
const afPacket = 17

var familyNames = map[string]uint8{"inet": afInet, "inet6": afInet6, "bridge": afBridge, "mpls": afMPLS, "link": afPacket}
