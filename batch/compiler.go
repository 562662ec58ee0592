package batch

import (
	"fmt"

	"github.com/nlbatch/nlbatch/codec"
	"github.com/nlbatch/nlbatch/nlb"
)

// Options configure a Compiler.
type Options struct {
	// BigEndian writes payloads in big-endian order, for targets that
	// are big-endian; the default is little-endian.
	BigEndian bool
	// Meta is copied into the batch's metadata.
	Meta map[string]string
}

// Compiler turns requests into a batch: netlink messages in one buffer
// with sequence numbers from 1, relocations wherever an interface is
// named instead of numbered, and the source of every message.
//
// A request that fails leaves the batch as it was: nothing of it is
// written.
type Compiler struct {
	opts    Options
	b       *codec.Builder
	nb      *nlb.Builder
	pending []nlb.Reloc    // relocations of the request being added
	created map[string]int // interfaces the batch creates: name -> message index
}

// NewCompiler returns an empty compiler.
func NewCompiler(opts Options) *Compiler {
	c := &Compiler{
		opts: opts,
		b:    codec.NewBuilder(opts.BigEndian),
		nb:   &nlb.Builder{Protocol: codec.ProtoRoute, BigEndian: opts.BigEndian, Meta: opts.Meta},
	}
	c.b.Symbol = func(off, width int, name string) {
		c.pending = append(c.pending, nlb.Reloc{Offset: uint32(off), Width: uint8(width), Kind: nlb.RelocIfindex, Symbol: name})
	}
	return c
}

// Error is a request the compiler refused, with where it came from.
type Error struct {
	Source nlb.Source
	Err    error
}

func (e *Error) Error() string {
	if e.Source.File == "" && e.Source.Line == 0 {
		return e.Err.Error()
	}
	return fmt.Sprintf("%s:%d:%d: %v", e.Source.File, e.Source.Line, e.Source.Col, e.Err)
}

func (e *Error) Unwrap() error { return e.Err }

// Add compiles one request. Its sequence number and port id are set by
// the compiler (the next sequence number; pid 0), and NLM_F_REQUEST is
// always set.
func (c *Compiler) Add(req *codec.Request, src nlb.Source) error {
	if req.Protocol != codec.ProtoRoute {
		return &Error{Source: src, Err: fmt.Errorf("protocol %d: only rtnetlink requests are compiled", req.Protocol)}
	}
	r := *req
	r.Seq = uint32(c.nb.Len() + 1)
	r.PID = 0
	r.Flags |= codec.FlagRequest
	c.pending = c.pending[:0]
	c.b.Reset()
	if err := c.b.Request(&r); err != nil {
		return &Error{Source: src, Err: err}
	}
	msg := c.b.Bytes()
	defs, err := c.newInterfaces(msg)
	if err != nil {
		return &Error{Source: src, Err: err}
	}
	idx := c.nb.Append(msg, src)
	for _, rl := range c.pending {
		c.nb.AddReloc(idx, int(rl.Offset), rl.Width, rl.Kind, rl.Symbol)
	}
	for _, rl := range defs {
		c.nb.AddReloc(idx, int(rl.Offset), rl.Width, rl.Kind, rl.Symbol)
	}
	return nil
}

// AddRaw adds an already encoded message (an import from a raw buffer).
// Its sequence number is rewritten; it must be a request.
func (c *Compiler) AddRaw(msg []byte, src nlb.Source) error {
	m, err := codec.Decode(codec.ProtoRoute, byteOrder(c.opts.BigEndian), msg)
	if err != nil {
		return &Error{Source: src, Err: err}
	}
	if m.Header.Flags&codec.FlagRequest == 0 {
		return &Error{Source: src, Err: fmt.Errorf("%s without NLM_F_REQUEST: the kernel would ack it without acting", m.Name)}
	}
	if err := codec.CheckCoverage(m); err != nil {
		return &Error{Source: src, Err: err}
	}
	raw := append([]byte(nil), m.Raw...)
	for len(raw)%4 != 0 {
		raw = append(raw, 0)
	}
	order := byteOrder(c.opts.BigEndian)
	order.PutUint32(raw[8:], uint32(c.nb.Len()+1))
	order.PutUint32(raw[12:], 0)
	defs, err := c.newInterfaces(raw)
	if err != nil {
		return &Error{Source: src, Err: err}
	}
	idx := c.nb.Append(raw, src)
	for _, rl := range defs {
		c.nb.AddReloc(idx, int(rl.Offset), rl.Width, rl.Kind, rl.Symbol)
	}
	return nil
}

// newInterfaces finds the interfaces a message creates and refuses a
// name the batch creates twice: the replayer numbers created interfaces
// before sending anything, so one name must mean one interface.
func (c *Compiler) newInterfaces(msg []byte) ([]nlb.Reloc, error) {
	defs, err := newInterfaces(msg, c.opts.BigEndian)
	if err != nil || len(defs) == 0 {
		return defs, err
	}
	seen := map[string]bool{}
	for _, d := range defs {
		if i, ok := c.created[d.Symbol]; ok {
			return nil, fmt.Errorf("interface %q is created twice in one batch (also by message %d); split the batch where it is deleted and created again", d.Symbol, i+1)
		}
		if seen[d.Symbol] {
			return nil, fmt.Errorf("interface %q is created twice by this request", d.Symbol)
		}
		seen[d.Symbol] = true
	}
	if c.created == nil {
		c.created = map[string]int{}
	}
	for _, d := range defs {
		c.created[d.Symbol] = c.nb.Len()
	}
	return defs, nil
}

// compilerMark is the state of a compiler to return to.
type compilerMark struct {
	messages int
	created  []string
}

func (c *Compiler) mark() compilerMark { return compilerMark{messages: c.nb.Len()} }

// restore removes the messages added since m, and forgets the
// interfaces they created.
func (c *Compiler) restore(m compilerMark) {
	for name, i := range c.created {
		if i >= m.messages {
			delete(c.created, name)
		}
	}
	c.nb.Truncate(m.messages)
}

// Len is the number of messages compiled so far.
func (c *Compiler) Len() int { return c.nb.Len() }

// Batch returns the compiled batch.
func (c *Compiler) Batch() *nlb.Batch { return c.nb.Batch() }
