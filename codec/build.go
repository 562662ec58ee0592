package codec

import (
	"encoding/binary"
	"errors"
	"fmt"
)

// Builder appends netlink messages to a buffer: headers, attributes and
// nests, with lengths patched when a message or nest ends. Like
// mdlayher/netlink's AttributeEncoder, its error is sticky: the first
// problem is kept, later calls do nothing, and Err reports it, so a
// message is built without checking every call.
//
// A Builder does not allocate once its buffer has grown: reuse it with
// Reset.
type Builder struct {
	buf      []byte
	big      bool
	msgStart int   // offset of the open message's nlmsghdr, -1 when none
	nests    []int // offsets of the open nests' headers
	err      error

	// Symbol, when set, lets Request take an interface name wherever
	// the schema expects an interface index (DisplayIfindex): the index
	// is written as zero and Symbol is told where (offset from the
	// message's nlmsghdr, width in bytes) and which name, so the caller
	// can record a relocation. Without it, a name there is an error.
	Symbol func(offset, width int, name string)

	scratch scratch
}

// NewBuilder returns a builder writing in the given payload byte order.
func NewBuilder(bigEndian bool) *Builder { return &Builder{big: bigEndian, msgStart: -1} }

// Reset empties the buffer and clears the error, keeping the memory.
func (b *Builder) Reset() {
	b.buf, b.nests, b.err, b.msgStart = b.buf[:0], b.nests[:0], nil, -1
}

// Bytes returns the messages built so far. It aliases the builder's
// buffer until the next call that changes it.
func (b *Builder) Bytes() []byte { return b.buf }

// Err returns the first error of the builder.
func (b *Builder) Err() error { return b.err }

// BigEndian reports the builder's payload byte order.
func (b *Builder) BigEndian() bool { return b.big }

func (b *Builder) fail(err error) {
	if b.err == nil {
		b.err = err
	}
}

func (b *Builder) put16(at int, v uint16) {
	if b.big {
		binary.BigEndian.PutUint16(b.buf[at:], v)
	} else {
		binary.LittleEndian.PutUint16(b.buf[at:], v)
	}
}

func (b *Builder) put32(at int, v uint32) {
	if b.big {
		binary.BigEndian.PutUint32(b.buf[at:], v)
	} else {
		binary.LittleEndian.PutUint32(b.buf[at:], v)
	}
}

// Begin starts a message; End finishes it.
func (b *Builder) Begin(typ, flags uint16, seq, pid uint32) {
	if b.err != nil {
		return
	}
	if b.msgStart >= 0 {
		b.fail(errors.New("codec: message begun inside another"))
		return
	}
	b.msgStart = len(b.buf)
	b.buf = append(b.buf, make16...)
	b.put16(b.msgStart+4, typ)
	b.put16(b.msgStart+6, flags)
	b.put32(b.msgStart+8, seq)
	b.put32(b.msgStart+12, pid)
}

var make16 = make([]byte, HeaderLen)

// End finishes the open message: patches nlmsg_len and pads to 4 bytes.
func (b *Builder) End() {
	if b.err != nil {
		return
	}
	if b.msgStart < 0 {
		b.fail(errors.New("codec: End without Begin"))
		return
	}
	if len(b.nests) > 0 {
		b.fail(fmt.Errorf("codec: message ended with %d nest(s) open", len(b.nests)))
		return
	}
	l := len(b.buf) - b.msgStart
	b.put32(b.msgStart, uint32(l))
	b.pad()
	b.msgStart = -1
}

func (b *Builder) pad() {
	for len(b.buf)%4 != 0 {
		b.buf = append(b.buf, 0)
	}
}

// Raw appends bytes to the open message as they are (a fixed header).
func (b *Builder) Raw(p []byte) {
	if b.err == nil {
		b.buf = append(b.buf, p...)
	}
}

// attrHeader appends an attribute header with a length to patch and
// returns its offset.
func (b *Builder) attrHeader(typ uint16) int {
	at := len(b.buf)
	b.buf = append(b.buf, 0, 0, 0, 0)
	b.put16(at+2, typ)
	return at
}

func (b *Builder) endAttr(at int) {
	l := len(b.buf) - at
	if l > 0xffff {
		b.fail(fmt.Errorf("codec: attribute type %d is %d bytes, more than an attribute can hold", b.typeAt(at), l))
		return
	}
	b.put16(at, uint16(l))
	b.pad()
}

func (b *Builder) typeAt(at int) uint16 {
	if b.big {
		return binary.BigEndian.Uint16(b.buf[at+2:])
	}
	return binary.LittleEndian.Uint16(b.buf[at+2:])
}

// Attr appends an attribute with payload p.
func (b *Builder) Attr(typ uint16, p []byte) {
	if b.err != nil {
		return
	}
	at := b.attrHeader(typ)
	b.buf = append(b.buf, p...)
	b.endAttr(at)
}

// Flag appends an attribute without payload.
func (b *Builder) Flag(typ uint16) { b.Attr(typ, nil) }

// U8 appends a u8 attribute.
func (b *Builder) U8(typ uint16, v uint8) { b.Attr(typ, []byte{v}) }

// U16 appends a u16 attribute in the payload byte order.
func (b *Builder) U16(typ uint16, v uint16) {
	if b.err != nil {
		return
	}
	at := b.attrHeader(typ)
	b.buf = append(b.buf, 0, 0)
	b.put16(at+4, v)
	b.endAttr(at)
}

// U32 appends a u32 attribute in the payload byte order.
func (b *Builder) U32(typ uint16, v uint32) {
	if b.err != nil {
		return
	}
	at := b.attrHeader(typ)
	b.buf = append(b.buf, 0, 0, 0, 0)
	b.put32(at+4, v)
	b.endAttr(at)
}

// U64 appends a u64 attribute in the payload byte order.
func (b *Builder) U64(typ uint16, v uint64) {
	if b.err != nil {
		return
	}
	at := b.attrHeader(typ)
	if b.big {
		b.buf = binary.BigEndian.AppendUint64(b.buf, v)
	} else {
		b.buf = binary.LittleEndian.AppendUint64(b.buf, v)
	}
	b.endAttr(at)
}

// BE16 appends a big-endian u16 attribute (ports, ethertypes).
func (b *Builder) BE16(typ uint16, v uint16) {
	if b.err != nil {
		return
	}
	at := b.attrHeader(typ)
	b.buf = binary.BigEndian.AppendUint16(b.buf, v)
	b.endAttr(at)
}

// BE32 appends a big-endian u32 attribute.
func (b *Builder) BE32(typ uint16, v uint32) {
	if b.err != nil {
		return
	}
	at := b.attrHeader(typ)
	b.buf = binary.BigEndian.AppendUint32(b.buf, v)
	b.endAttr(at)
}

// String appends a NUL-terminated string attribute.
func (b *Builder) String(typ uint16, s string) {
	if b.err != nil {
		return
	}
	at := b.attrHeader(typ)
	b.buf = append(b.buf, s...)
	b.buf = append(b.buf, 0)
	b.endAttr(at)
}

// BeginNest opens a nested attribute; EndNest closes it.
func (b *Builder) BeginNest(typ uint16) {
	if b.err != nil {
		return
	}
	b.nests = append(b.nests, b.attrHeader(typ))
}

// EndNest closes the innermost open nest.
func (b *Builder) EndNest() {
	if b.err != nil {
		return
	}
	if len(b.nests) == 0 {
		b.fail(errors.New("codec: EndNest without BeginNest"))
		return
	}
	at := b.nests[len(b.nests)-1]
	b.nests = b.nests[:len(b.nests)-1]
	b.endAttr(at)
}

// Offset returns the offset of the next byte from the start of the open
// message (for relocations), or -1 when no message is open.
func (b *Builder) Offset() int {
	if b.msgStart < 0 {
		return -1
	}
	return len(b.buf) - b.msgStart
}
