package nlb

import (
	"cmp"
	"encoding/binary"
	"fmt"
	"slices"

	"github.com/nlbatch/nlbatch/codec"
)

// Batch is a compiled batch: the messages exactly as they will be sent,
// and what the replayer needs to send them.
type Batch struct {
	// Protocol is the netlink protocol of every message (0 =
	// NETLINK_ROUTE, 16 = NETLINK_GENERIC...), from 0 to 31.
	Protocol int
	// BigEndian is the payload byte order: the host order of the target,
	// little-endian on nearly every machine.
	BigEndian bool
	// Messages holds the netlink messages laid end to end, each padded
	// with zeros to a multiple of 4 bytes, with sequence numbers
	// increasing from 1.
	Messages []byte
	// Relocs lists the places to patch on the target before sending,
	// sorted by message and offset.
	Relocs []Reloc
	// Sources says where each message came from: one per message, or
	// none.
	Sources []Source
	// Meta is compiler metadata: tool, version, created (RFC 3339),
	// input files... Keys are not empty.
	Meta map[string]string
}

// RelocKind says how the replayer fills in a relocation.
type RelocKind uint8

// Relocation kinds.
const (
	// RelocIfindex is a u32/s32 interface index of an existing interface
	// named Symbol, resolved on the target from one RTM_GETLINK dump.
	RelocIfindex RelocKind = iota + 1
	// RelocNewIfindex is the ifi_index of an RTM_NEWLINK that creates
	// interface Symbol: the replayer picks a free index and writes it
	// here; later RelocIfindex entries with the same Symbol get the same
	// index.
	RelocNewIfindex
)

// String returns "ifindex", "new-ifindex" or "RelocKind(N)".
func (k RelocKind) String() string {
	switch k {
	case RelocIfindex:
		return "ifindex"
	case RelocNewIfindex:
		return "new-ifindex"
	}
	return fmt.Sprintf("RelocKind(%d)", uint8(k))
}

// Reloc is a place in a message that the replayer patches on the target
// before sending. The bytes it covers hold zero (the placeholder) in the
// batch.
type Reloc struct {
	Message uint32 // index of the message, from 0
	Offset  uint32 // byte offset from the start of that message's nlmsghdr
	Width   uint8  // bytes to patch: 1, 2, 4 or 8 (interface indexes are 4)
	Kind    RelocKind
	Symbol  string // interface name: 1 to 15 bytes (IFNAMSIZ-1), see CheckSymbol
}

// Source says where the request that became a message was written.
type Source struct {
	File      string // input file name
	Line, Col int    // 1-based position; 0 when unknown
	Text      string // the request's source text: one line or a short excerpt
}

// ifnamsiz is IFNAMSIZ: interface names have at most 15 bytes and a NUL.
const ifnamsiz = 16

// CheckSymbol reports whether name can be the symbol of a relocation: a
// name the kernel accepts for an interface (dev_valid_name): 1 to 15
// bytes, not "." or "..", without '/', ':', NUL or white space (the
// kernel's isspace, which includes 0xa0).
func CheckSymbol(name string) error {
	switch {
	case name == "":
		return fmt.Errorf("empty interface name")
	case len(name) >= ifnamsiz:
		return fmt.Errorf("interface name %q has %d bytes, more than %d", name, len(name), ifnamsiz-1)
	case name == "." || name == "..":
		return fmt.Errorf("interface name %q is not allowed", name)
	}
	for i := 0; i < len(name); i++ {
		switch c := name[i]; c {
		case 0, '/', ':', ' ', '\t', '\n', '\v', '\f', '\r', 0xa0:
			return fmt.Errorf("interface name %q has byte %#02x at %d", name, c, i)
		}
	}
	return nil
}

// order returns the payload byte order of the batch.
func (b *Batch) order() binary.ByteOrder { return payloadOrder(b.BigEndian) }

func payloadOrder(big bool) binary.ByteOrder {
	if big {
		return binary.BigEndian
	}
	return binary.LittleEndian
}

// walk frames msgs and calls fn with each message's index, its offset in
// msgs and its nlmsg_len bytes. Framing requires a nlmsghdr of 16 bytes,
// nlmsg_len of at least 16 within msgs, and the padding to the next
// multiple of 4 present. A framing failure is a *FormatError of section
// "messages" whose offset is base plus the offset in msgs; an error from
// fn is returned as is.
func walk(msgs []byte, order binary.ByteOrder, base int64, fn func(i, off int, msg []byte) error) error {
	for i, off := 0, 0; off < len(msgs); i++ {
		rest := msgs[off:]
		fail := func(at int, format string, args ...any) error {
			return &FormatError{Section: "messages", Offset: base + int64(at), Message: i, Err: fmt.Errorf(format, args...)}
		}
		if len(rest) < codec.HeaderLen {
			return fail(off, "truncated nlmsghdr: %d bytes left, need %d", len(rest), codec.HeaderLen)
		}
		l := order.Uint32(rest) // nlmsg_len
		switch {
		case l < codec.HeaderLen:
			return fail(off, "nlmsg_len %d is shorter than the nlmsghdr", l)
		case uint64(l) > uint64(len(rest)):
			return fail(off, "nlmsg_len %d runs past the end of the messages (%d bytes left)", l, len(rest))
		case codec.Align(int(l)) > len(rest):
			return fail(off+int(l), "nlmsg_len %d: the padding to a multiple of 4 is missing", l)
		}
		if fn != nil {
			if err := fn(i, off, rest[:l:l]); err != nil {
				return err
			}
		}
		off += codec.Align(int(l))
	}
	return nil
}

// Count returns the number of messages: those that frame, up to the
// first framing error (there is none in a verified batch).
func (b *Batch) Count() int {
	n := 0
	walk(b.Messages, b.order(), tableEnd, func(int, int, []byte) error { n++; return nil })
	return n
}

// Each calls fn for each message in order, with its index and its
// nlmsg_len bytes (without padding; the slice aliases Messages). It stops
// at the first error from fn and returns it, or at the first framing
// error, returned as a *FormatError.
func (b *Batch) Each(fn func(i int, msg []byte) error) error {
	return walk(b.Messages, b.order(), tableEnd, func(i, _ int, msg []byte) error { return fn(i, msg) })
}

// MessageAt returns the nlmsg_len bytes of message i (aliasing
// Messages), or nil when there is no message i. It walks the messages
// from the first: use Each to visit them all.
func (b *Batch) MessageAt(i int) []byte {
	if i < 0 {
		return nil
	}
	var out []byte
	walk(b.Messages, b.order(), tableEnd, func(j, _ int, msg []byte) error {
		if j == i {
			out = msg
			return errStop
		}
		return nil
	})
	return out
}

// Renumber sets the nlmsg_seq of the messages in msgs (netlink messages
// laid end to end, each padded to a multiple of 4 bytes) to 1, 2, 3...,
// in the given payload byte order. A framing failure is a *FormatError
// whose Offset counts from the start of msgs; the messages before it are
// renumbered.
func Renumber(msgs []byte, bigEndian bool) error {
	order := payloadOrder(bigEndian)
	return walk(msgs, order, 0, func(i, off int, _ []byte) error {
		order.PutUint32(msgs[off+8:], uint32(i+1))
		return nil
	})
}

// Builder assembles a Batch message by message. The zero value builds a
// little-endian NETLINK_ROUTE batch.
type Builder struct {
	Protocol  int               // Batch.Protocol of the result
	BigEndian bool              // payload byte order of the messages appended
	Meta      map[string]string // Batch.Meta of the result (not copied)

	msgs    []byte
	n       int
	relocs  []Reloc
	sources []Source
	hasSrc  bool
}

// Append adds a message (its nlmsghdr with nlmsg_len set, then its body)
// and where it came from, and returns its index. The message is copied
// and padded with zeros to a multiple of 4 bytes, and its nlmsg_seq is
// set to its index plus 1. Nothing else is checked here: Write and Verify
// do.
func (b *Builder) Append(msg []byte, src Source) (index int) {
	index = b.n
	start := len(b.msgs)
	b.msgs = append(b.msgs, msg...)
	for len(b.msgs)%4 != 0 {
		b.msgs = append(b.msgs, 0)
	}
	if len(msg) >= codec.HeaderLen {
		payloadOrder(b.BigEndian).PutUint32(b.msgs[start+8:], uint32(index+1))
	}
	// Sources are kept only once one is given: a generated batch with
	// none costs no memory (or garbage-collector time) for them.
	if src != (Source{}) {
		if !b.hasSrc {
			b.sources = make([]Source, b.n, b.n+1)
			b.hasSrc = true
		}
	}
	if b.hasSrc {
		b.sources = append(b.sources, src)
	}
	b.n++
	return index
}

// AddReloc records a relocation in message msg (an index Append
// returned) at offset bytes from its nlmsghdr. The placeholder bytes in
// the message must be zero.
func (b *Builder) AddReloc(msg, offset int, width uint8, kind RelocKind, symbol string) {
	b.relocs = append(b.relocs, Reloc{Message: uint32(msg), Offset: uint32(offset), Width: width, Kind: kind, Symbol: symbol})
}

// Truncate removes the messages from index n on, with their relocations
// and sources: a caller that compiles several messages as one unit takes
// them back when a later one fails.
func (b *Builder) Truncate(n int) {
	if n < 0 || n >= b.n {
		return
	}
	off := 0
	order := payloadOrder(b.BigEndian)
	for i := 0; i < n && off+codec.HeaderLen <= len(b.msgs); i++ {
		off += codec.Align(int(order.Uint32(b.msgs[off:])))
	}
	b.msgs = b.msgs[:off]
	kept := b.relocs[:0]
	for _, r := range b.relocs {
		if int(r.Message) < n {
			kept = append(kept, r)
		}
	}
	b.relocs = kept
	if b.hasSrc && len(b.sources) > n {
		b.sources = b.sources[:n]
	}
	b.n = n
}

// Len returns the number of messages appended.
func (b *Builder) Len() int { return b.n }

// Batch returns the batch built so far, with the relocations sorted by
// message and offset, and no sources if every Source given was zero. The
// batch shares its messages and sources with the Builder; later calls to
// Append do not change them.
func (b *Builder) Batch() *Batch {
	relocs := slices.Clone(b.relocs)
	slices.SortStableFunc(relocs, func(x, y Reloc) int {
		if c := cmp.Compare(x.Message, y.Message); c != 0 {
			return c
		}
		return cmp.Compare(x.Offset, y.Offset)
	})
	out := &Batch{
		Protocol:  b.Protocol,
		BigEndian: b.BigEndian,
		Messages:  b.msgs[:len(b.msgs):len(b.msgs)],
		Relocs:    relocs,
		Meta:      b.Meta,
	}
	if b.hasSrc {
		out.Sources = b.sources[:len(b.sources):len(b.sources)]
	}
	return out
}
