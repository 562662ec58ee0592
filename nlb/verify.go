package nlb

import (
	"maps"
	"math"
	"slices"

	"github.com/nlbatch/nlbatch/codec"
)

// rtmNewlink is RTM_NEWLINK, the only message a RelocNewIfindex may patch.
const rtmNewlink = 16

// maxPos is the largest Source line or column (the format stores u32;
// the bound keeps int conversions exact on 32-bit machines).
const maxPos = math.MaxInt32

// Verify checks everything a replayer relies on, and returns the first
// failure as a *FormatError naming the section, the byte offset (as
// Write would lay the batch out) and the message where there is one:
//
//   - Protocol is a netlink protocol (0 to 31).
//   - Messages is a whole number of messages: each has a 16-byte
//     nlmsghdr, nlmsg_len of at least 16 and within Messages, and is
//     followed by zero padding to a multiple of 4 bytes; the next message
//     starts right after, and the last one ends at the end of Messages.
//     (The kernel silently drops the rest of a buffer after a bad
//     nlmsg_len.)
//   - Every message is a request: NLM_F_REQUEST is set (the kernel acks
//     other messages without executing them) and its type is not a
//     netlink control type (below NLMSG_MIN_TYPE, 16).
//   - Sequence numbers are 1, 2, 3... in message order.
//   - Relocations are sorted by message then offset, and do not overlap;
//     each names an existing message, has a known Kind, a Width of 1, 2,
//     4 or 8, a Symbol that CheckSymbol accepts, and lies inside its
//     message after the nlmsghdr (Offset >= 16, Offset+Width <=
//     nlmsg_len) over bytes that are zero (the placeholder).
//   - A RelocNewIfindex is 4 bytes wide in an RTM_NEWLINK request with
//     NLM_F_CREATE of a NETLINK_ROUTE batch, and no two of them create
//     the same Symbol.
//   - Sources has one entry per message, or none; lines and columns are
//     from 0 to 2^31-1.
//   - Meta keys are not empty; the file holds at most 1 TiB, every
//     string at most 2^32-1 bytes.
func (b *Batch) Verify() error {
	_, err := b.verify()
	return err
}

// verify is Verify, also returning the number of messages.
func (b *Batch) verify() (int, error) {
	if b.Protocol < 0 || b.Protocol > maxProtocol {
		return 0, formatErr("header", 12, -1, "netlink protocol %d out of range 0-%d", b.Protocol, maxProtocol)
	}
	order := b.order()
	n := 0
	err := walk(b.Messages, order, tableEnd, func(i, off int, msg []byte) error {
		at := int64(tableEnd + off)
		end := off + len(msg)
		for k, c := range b.Messages[end : off+codec.Align(len(msg))] {
			if c != 0 {
				return formatErr("messages", at+int64(len(msg)+k), i, "padding byte %#02x after the message is not zero", c)
			}
		}
		h, _ := codec.ParseHeader(msg, order)
		switch {
		case h.Type < codec.MinType:
			return formatErr("messages", at+4, i, "type %d is a netlink control message, not a request", h.Type)
		case h.Flags&codec.FlagRequest == 0:
			return formatErr("messages", at+6, i, "NLM_F_REQUEST is not set (flags %#x): the kernel would ack the message without executing it", h.Flags)
		case uint64(h.Seq) != uint64(i)+1:
			return formatErr("messages", at+8, i, "nlmsg_seq is %d, want %d (sequence numbers increase from 1)", h.Seq, uint64(i)+1)
		}
		n++
		return nil
	})
	if err != nil {
		return 0, err
	}
	l, err := b.layout(n)
	if err != nil {
		return 0, err
	}
	if err := b.verifyRelocs(n, &l); err != nil {
		return 0, err
	}
	if len(b.Sources) != 0 && len(b.Sources) != n {
		return 0, formatErr("sections", entryOff(secSources)+4, -1, "%d sources for %d messages (want one per message, or none)", len(b.Sources), n)
	}
	at := l.off[secSources]
	for i := range b.Sources {
		s := &b.Sources[i]
		switch {
		case uint64(len(s.File)) > math.MaxUint32:
			return 0, formatErr("sources", at, i, "file name of %d bytes is too long", len(s.File))
		case s.Line < 0 || s.Line > maxPos:
			return 0, formatErr("sources", at+4+int64(len(s.File)), i, "line %d out of range 0-%d", s.Line, maxPos)
		case s.Col < 0 || s.Col > maxPos:
			return 0, formatErr("sources", at+8+int64(len(s.File)), i, "column %d out of range 0-%d", s.Col, maxPos)
		case uint64(len(s.Text)) > math.MaxUint32:
			return 0, formatErr("sources", at+12+int64(len(s.File)), i, "text of %d bytes is too long", len(s.Text))
		}
		at += sourceLen(s)
	}
	at = l.off[secMeta]
	for _, k := range slices.Sorted(maps.Keys(b.Meta)) {
		v := b.Meta[k]
		switch {
		case k == "":
			return 0, formatErr("meta", at, -1, "empty key")
		case uint64(len(k)) > math.MaxUint32 || uint64(len(v)) > math.MaxUint32:
			return 0, formatErr("meta", at, -1, "key %.20q: %d+%d bytes is too long", k, len(k), len(v))
		}
		at += metaMin + int64(len(k)) + int64(len(v))
	}
	return n, nil
}

// verifyRelocs checks the relocations of a batch of n messages whose
// framing is verified.
func (b *Batch) verifyRelocs(n int, l *layout) error {
	relocAt := func(j int) int64 { return l.off[secRelocs] + int64(j)*relocLen }
	var created map[string]uint32
	for j := range b.Relocs {
		r := &b.Relocs[j]
		at, m := relocAt(j), int(r.Message)
		if r.Message > math.MaxInt32 {
			m = -1
		}
		switch {
		case uint64(r.Message) >= uint64(n):
			return formatErr("relocs", at, m, "reloc %d: no such message (the batch has %d)", j, n)
		case r.Kind != RelocIfindex && r.Kind != RelocNewIfindex:
			return formatErr("relocs", at+9, m, "reloc %d: unknown kind %d", j, uint8(r.Kind))
		case r.Width != 1 && r.Width != 2 && r.Width != 4 && r.Width != 8:
			return formatErr("relocs", at+8, m, "reloc %d: width %d, want 1, 2, 4 or 8", j, r.Width)
		case r.Offset < codec.HeaderLen:
			return formatErr("relocs", at+4, m, "reloc %d: offset %d inside the nlmsghdr", j, r.Offset)
		}
		if err := CheckSymbol(r.Symbol); err != nil {
			return formatErr("relocs", at+10, m, "reloc %d: %v", j, err)
		}
		if j > 0 {
			p := &b.Relocs[j-1]
			switch {
			case r.Message < p.Message || r.Message == p.Message && r.Offset < p.Offset:
				return formatErr("relocs", at, m, "reloc %d: out of order: offset %d comes after message %d offset %d (relocations are sorted by message, then offset)", j, r.Offset, p.Message, p.Offset)
			case r.Message == p.Message && uint64(p.Offset)+uint64(p.Width) > uint64(r.Offset):
				return formatErr("relocs", at+4, m, "reloc %d: offset %d overlaps reloc %d (offset %d, width %d)", j, r.Offset, j-1, p.Offset, p.Width)
			}
		}
		if r.Kind == RelocNewIfindex {
			switch {
			case b.Protocol != codec.ProtoRoute:
				return formatErr("relocs", at+9, m, "reloc %d: %s in a batch of netlink protocol %d, not NETLINK_ROUTE", j, r.Kind, b.Protocol)
			case r.Width != 4:
				return formatErr("relocs", at+8, m, "reloc %d: %s of width %d, want 4 (ifi_index)", j, r.Kind, r.Width)
			}
			if prev, ok := created[r.Symbol]; ok {
				return formatErr("relocs", at+12, m, "reloc %d: interface %q is created twice (also by message %d)", j, r.Symbol, prev)
			}
			if created == nil {
				created = make(map[string]uint32)
			}
			created[r.Symbol] = r.Message
		}
	}
	if len(b.Relocs) == 0 {
		return nil
	}
	// Relocations are sorted: visit them alongside their messages.
	order := b.order()
	j := 0
	return walk(b.Messages, order, tableEnd, func(i, off int, msg []byte) error {
		for ; j < len(b.Relocs) && int(b.Relocs[j].Message) == i; j++ {
			r := &b.Relocs[j]
			if uint64(r.Offset)+uint64(r.Width) > uint64(len(msg)) {
				return formatErr("relocs", relocAt(j)+4, i, "reloc %d: offset %d width %d runs past the end of the message (nlmsg_len %d)", j, r.Offset, r.Width, len(msg))
			}
			for k, c := range msg[r.Offset : r.Offset+uint32(r.Width)] {
				if c != 0 {
					return formatErr("messages", int64(tableEnd+off)+int64(r.Offset)+int64(k), i, "placeholder of reloc %d (%s %q) is not zero", j, r.Kind, r.Symbol)
				}
			}
			if r.Kind == RelocNewIfindex {
				h, _ := codec.ParseHeader(msg, order)
				switch {
				case h.Type != rtmNewlink:
					return formatErr("relocs", relocAt(j)+9, i, "reloc %d: %s in a message of type %d, want RTM_NEWLINK (%d)", j, r.Kind, h.Type, rtmNewlink)
				case h.Flags&codec.FlagCreate == 0:
					return formatErr("relocs", relocAt(j)+9, i, "reloc %d: %s in an RTM_NEWLINK without NLM_F_CREATE", j, r.Kind)
				}
			}
		}
		return nil
	})
}
