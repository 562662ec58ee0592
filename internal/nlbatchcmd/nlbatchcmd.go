// Package nlbatchcmd is the nlbatch command: compile requests into an
// .nlb batch file, show it, export it, verify it, replay it. It lives outside
// package main so tests and fuzz targets can run it in process.
package nlbatchcmd

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/nlbatch/nlbatch/batch"
	"github.com/nlbatch/nlbatch/codec"
	"github.com/nlbatch/nlbatch/nlb"
)

// Exit codes shared with nldump.
const (
	exitOK    = 0
	exitFail  = 1
	exitUsage = 2
)

const usage = `usage: nlbatch COMMAND [flags] ...

Commands:
  compile [-o OUT] [--from json|yaml|iproute2|raw] INPUT...   compile requests into an .nlb batch
  show [--format text|json|hex] [-v] FILE       print a batch's messages, relocations and sources
  export --to raw|pcap -o OUT FILE              write the bare messages, or a pcap for Wireshark and nldump
  verify FILE                                   check a batch file: checksum, framing, relocations
  replay [--netns NS] [--atomic] [--dry-run] FILE   apply a batch to this host or a network namespace

Run "nlbatch COMMAND -h" for a command's flags.
`

// Main runs nlbatch with the given arguments (without the program name)
// and returns the exit status.
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "compile":
		return compile(rest, stdin, stdout, stderr)
	case "show":
		return show(rest, stdin, stdout, stderr)
	case "export":
		return export(rest, stdin, stdout, stderr)
	case "verify":
		return verify(rest, stdin, stdout, stderr)
	case "replay":
		return replayCmd(rest, stdin, stdout, stderr)
	case "-h", "-help", "--help", "help":
		fmt.Fprint(stdout, usage)
		return exitOK
	}
	fmt.Fprintf(stderr, "nlbatch: unknown command %q%s\n%s", cmd,
		codec.Suggest(cmd, []string{"compile", "show", "export", "verify", "replay"}), usage)
	return exitUsage
}

func newFlags(name string, stderr io.Writer, help string) *flag.FlagSet {
	fs := flag.NewFlagSet("nlbatch "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: nlbatch %s\n\nFlags:\n", help)
		fs.PrintDefaults()
	}
	return fs
}

func parse(fs *flag.FlagSet, args []string) (int, bool) {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK, false
		}
		return exitUsage, false
	}
	return 0, true
}

func open(name string, stdin io.Reader) (io.ReadCloser, error) {
	if name == "-" {
		return io.NopCloser(stdin), nil
	}
	return os.Open(name)
}

func compile(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := newFlags("compile", stderr, "compile [-o OUT] [--from json|yaml|iproute2|raw] [--syntax ip|tc|bridge] INPUT...")
	out := fs.String("o", "", "output .nlb file (default: the first input's name with .nlb; - for stdout)")
	from := fs.String("from", "", "input format: json, yaml, iproute2 or raw (default: from the extension; .json, .jsonl, .yaml, .yml, .ip, .tc, .bridge, .batch, .raw, .bin)")
	syntax := fs.String("syntax", "", "iproute2 input: the tool every line is for when lines do not start with ip, tc or bridge (default: from the extension .ip, .tc, .bridge)")
	rtNames := fs.String("iproute2-names", "/etc/iproute2", "iproute2 input: the directory of the name tables (rt_tables, rt_protos...) read over iproute2's built-in names; empty for the built-in names only")
	big := fs.Bool("big-endian", false, "write payloads big-endian, for big-endian targets")
	if s, ok := parse(fs, args); !ok {
		return s
	}
	switch *syntax {
	case "", "ip", "tc", "bridge":
	default:
		fmt.Fprintf(stderr, "nlbatch compile: unknown --syntax %q (want ip, tc or bridge)\n", *syntax)
		return exitUsage
	}
	var names *batch.IPRoute2Names
	loadNames := func() error {
		if names != nil || *rtNames == "" {
			return nil
		}
		var err error
		names, err = batch.LoadIPRoute2Names(*rtNames)
		return err
	}
	inputs := fs.Args()
	if len(inputs) == 0 {
		fmt.Fprintln(stderr, "nlbatch compile: no input (give files, or - for stdin)")
		return exitUsage
	}
	if *out == "" {
		if inputs[0] == "-" {
			fmt.Fprintln(stderr, "nlbatch compile: reading stdin: give -o OUT (or -o - for stdout)")
			return exitUsage
		}
		*out = strings.TrimSuffix(inputs[0], filepath.Ext(inputs[0])) + ".nlb"
	}
	c := batch.NewCompiler(batch.Options{BigEndian: *big, Meta: map[string]string{
		"tool":    "nlbatch compile",
		"created": time.Now().UTC().Format(time.RFC3339),
		"inputs":  strings.Join(inputs, " "),
	}})
	for _, in := range inputs {
		format := *from
		if format == "" {
			switch strings.ToLower(filepath.Ext(in)) {
			case ".json", ".jsonl":
				format = "json"
			case ".yaml", ".yml":
				format = "yaml"
			case ".raw", ".bin":
				format = "raw"
			case ".ip", ".tc", ".bridge", ".batch":
				format = "iproute2"
			default:
				fmt.Fprintf(stderr, "nlbatch compile: %s: cannot tell the format from the name; give --from json|yaml|iproute2|raw\n", in)
				return exitUsage
			}
		}
		lineSyntax := *syntax
		if format == "iproute2" && lineSyntax == "" {
			switch ext := strings.ToLower(filepath.Ext(in)); ext {
			case ".ip", ".tc", ".bridge":
				lineSyntax = ext[1:]
			}
		}
		f, err := open(in, stdin)
		if err != nil {
			fmt.Fprintf(stderr, "nlbatch compile: %v\n", err)
			return exitUsage
		}
		name := in
		if in == "-" {
			name = "stdin"
		}
		switch format {
		case "json":
			err = batch.CompileJSON(c, name, f)
		case "yaml":
			err = batch.CompileYAML(c, name, f)
		case "raw":
			err = compileRaw(c, name, f)
		case "iproute2":
			if err = loadNames(); err == nil {
				err = batch.CompileIPRoute2(c, name, f, batch.IPRoute2Options{Syntax: lineSyntax, Names: names})
			}
		default:
			err = fmt.Errorf("unknown --from %q (want json, yaml, iproute2 or raw)", format)
		}
		f.Close()
		if err != nil {
			fmt.Fprintf(stderr, "nlbatch compile: %v\n", err)
			return exitFail
		}
	}
	b := c.Batch()
	var buf bytes.Buffer
	if err := nlb.Write(&buf, b); err != nil {
		fmt.Fprintf(stderr, "nlbatch compile: %v\n", err)
		return exitFail
	}
	if err := writeOut(*out, buf.Bytes(), stdout); err != nil {
		fmt.Fprintf(stderr, "nlbatch compile: %v\n", err)
		return exitUsage
	}
	if *out != "-" {
		fmt.Fprintf(stderr, "nlbatch compile: wrote %s: %d messages, %d relocations\n", *out, b.Count(), len(b.Relocs))
	}
	return exitOK
}

// writeOut writes data to name atomically (a temporary file renamed), or
// to stdout for "-": nothing is left behind on error.
func writeOut(name string, data []byte, stdout io.Writer) error {
	if name == "-" {
		_, err := stdout.Write(data)
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(name), "."+filepath.Base(name)+".*")
	if err != nil {
		return err
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return os.Rename(tmp.Name(), name)
}

// compileRaw imports concatenated netlink messages (pyroute2's
// IPBatch.batch, `nlbatch export --to raw`).
func compileRaw(c *batch.Compiler, name string, r io.Reader) error {
	data, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	msgs, err := codec.DecodeAll(codec.ProtoRoute, nil, data)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	for _, m := range msgs {
		src := nlb.Source{File: name, Text: fmt.Sprintf("message %d at byte %d", m.Index+1, m.Offset)}
		if err := c.AddRaw(m.Raw, src); err != nil {
			return fmt.Errorf("%s: message %d at byte %d: %w", name, m.Index+1, m.Offset, err)
		}
	}
	return nil
}

// load reads and verifies a batch file.
func load(name string, stdin io.Reader) (*nlb.Batch, error) {
	f, err := open(name, stdin)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	// Unbuffered: nlb.Read sizes its buffer from a file's Stat.
	b, err := nlb.Read(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return b, nil
}

func show(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := newFlags("show", stderr, "show [--format text|json|hex] [-v] FILE")
	format := fs.String("format", "text", "output: text, json or hex (as nldump prints them)")
	verbose := fs.Bool("v", false, "text: the full tree of every message")
	if s, ok := parse(fs, args); !ok {
		return s
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(stderr, "nlbatch show: give one batch file")
		return exitUsage
	}
	switch *format {
	case "text", "json", "hex":
	default:
		fmt.Fprintf(stderr, "nlbatch show: unknown --format %q (want text, json or hex)\n", *format)
		return exitUsage
	}
	b, err := load(fs.Arg(0), stdin)
	if err != nil {
		fmt.Fprintf(stderr, "nlbatch show: %v\n", err)
		return exitUsage
	}
	w := bufio.NewWriter(stdout)
	defer w.Flush()
	relocs := map[int][]nlb.Reloc{}
	for _, r := range b.Relocs {
		relocs[int(r.Message)] = append(relocs[int(r.Message)], r)
	}
	d := codec.NewDecoder()
	d.Order = byteOrder(b.BigEndian)
	var out []byte
	status := exitOK
	err = b.Each(func(i int, msg []byte) error {
		return d.DecodeFrame(b.Protocol, msg, func(m *codec.Msg) error {
			out = out[:0]
			switch *format {
			case "json":
				// Interface names where the batch has relocations, so
				// that the output compiles back into the same batch.
				var syms map[int]string
				for _, r := range relocs[i] {
					if r.Kind == nlb.RelocIfindex {
						if syms == nil {
							syms = map[int]string{}
						}
						syms[int(r.Offset)] = r.Symbol
					}
				}
				out = codec.AppendJSON(out, m, codec.JSONContext{Symbols: syms})
				out = append(out, '\n')
			default:
				out = strconv.AppendInt(out, int64(i+1), 10)
				out = append(out, ' ')
				if i < len(b.Sources) && b.Sources[i].File != "" {
					s := b.Sources[i]
					out = fmt.Appendf(out, "%s:%d:%d ", s.File, s.Line, s.Col)
				}
				switch {
				case *format == "hex":
					out = codec.AppendHex(out, m)
				case *verbose:
					out = codec.AppendTree(out, m, "")
				default:
					out = codec.AppendSummary(out, m)
					out = append(out, '\n')
				}
				for _, r := range relocs[i] {
					out = fmt.Appendf(out, "    relocation at byte %d (%d bytes): %s %q\n", r.Offset, r.Width, r.Kind, r.Symbol)
				}
			}
			_, err := w.Write(out)
			return err
		})
	})
	if err != nil {
		fmt.Fprintf(stderr, "nlbatch show: %v\n", err)
		status = exitFail
	}
	return status
}

func export(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := newFlags("export", stderr, "export --to raw|pcap -o OUT FILE")
	to := fs.String("to", "", "raw (the bare messages, as pyroute2's IPBatch.batch holds them) or pcap (LINKTYPE_NETLINK)")
	out := fs.String("o", "", "output file (- for stdout)")
	if s, ok := parse(fs, args); !ok {
		return s
	}
	if fs.NArg() != 1 || *out == "" {
		fmt.Fprintln(stderr, "nlbatch export: give --to, -o OUT and one batch file")
		return exitUsage
	}
	b, err := load(fs.Arg(0), stdin)
	if err != nil {
		fmt.Fprintf(stderr, "nlbatch export: %v\n", err)
		return exitUsage
	}
	var buf bytes.Buffer
	switch *to {
	case "raw":
		err = b.WriteRaw(&buf)
	case "pcap":
		err = b.WritePcap(&buf)
	default:
		fmt.Fprintf(stderr, "nlbatch export: unknown --to %q (want raw or pcap)\n", *to)
		return exitUsage
	}
	if err == nil {
		err = writeOut(*out, buf.Bytes(), stdout)
	}
	if err != nil {
		fmt.Fprintf(stderr, "nlbatch export: %v\n", err)
		return exitFail
	}
	return exitOK
}

func verify(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := newFlags("verify", stderr, "verify FILE")
	if s, ok := parse(fs, args); !ok {
		return s
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(stderr, "nlbatch verify: give one batch file")
		return exitUsage
	}
	b, err := load(fs.Arg(0), stdin)
	if err != nil {
		fmt.Fprintf(stderr, "nlbatch verify: %v\n", err)
		return exitUsage
	}
	// Every message must also decode cleanly.
	bad := 0
	dec := codec.NewDecoder()
	dec.Order = byteOrder(b.BigEndian)
	_ = b.Each(func(i int, msg []byte) error {
		err := dec.DecodeFrame(b.Protocol, msg, func(m *codec.Msg) error { return codec.CheckCoverage(m) })
		if err != nil {
			fmt.Fprintf(stderr, "nlbatch verify: %s: message %d: %v\n", fs.Arg(0), i+1, err)
			bad++
		}
		return nil
	})
	if bad > 0 {
		return exitUsage
	}
	fmt.Fprintf(stdout, "%s: ok: %d messages, %d relocations, %d sources\n", fs.Arg(0), b.Count(), len(b.Relocs), len(b.Sources))
	return exitOK
}

func byteOrder(big bool) binary.ByteOrder {
	if big {
		return binary.BigEndian
	}
	return binary.LittleEndian
}
