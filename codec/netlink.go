package codec

import "encoding/binary"

// Framing constants (linux/netlink.h).
const (
	HeaderLen     = 16 // sizeof(struct nlmsghdr)
	AttrHeaderLen = 4  // sizeof(struct nlattr)

	NLANested       = 1 << 15 // NLA_F_NESTED
	NLANetByteOrder = 1 << 14 // NLA_F_NET_BYTEORDER
	NLATypeMask     = ^uint16(NLANested | NLANetByteOrder)
)

// Control message types shared by every netlink protocol.
const (
	TypeNoop    = 0x1 // NLMSG_NOOP
	TypeError   = 0x2 // NLMSG_ERROR
	TypeDone    = 0x3 // NLMSG_DONE
	TypeOverrun = 0x4 // NLMSG_OVERRUN
	TypeTstamp  = 15  // NLMSG_TSTAMP, written by rtmon between messages
	MinType     = 0x10
)

// Message flags (linux/netlink.h).
const (
	FlagRequest  = 0x01
	FlagMulti    = 0x02
	FlagAck      = 0x04
	FlagEcho     = 0x08
	FlagDumpIntr = 0x10
	FlagFiltered = 0x20

	FlagRoot   = 0x100 // GET requests
	FlagMatch  = 0x200
	FlagAtomic = 0x400
	FlagDump   = FlagRoot | FlagMatch

	FlagReplace = 0x100 // NEW requests
	FlagExcl    = 0x200
	FlagCreate  = 0x400
	FlagAppend  = 0x800

	FlagNonrec = 0x100 // DEL requests
	FlagBulk   = 0x200

	FlagCapped  = 0x100 // NLMSG_ERROR and NLMSG_DONE
	FlagAckTLVs = 0x200
)

// Align rounds n up to the netlink alignment of 4 bytes.
func Align(n int) int { return (n + 3) &^ 3 }

// nlmsghdrDef is struct nlmsghdr; its fields become the first nodes of
// every decoded message.
var nlmsghdrDef = NewStruct("nlmsghdr",
	F("nlmsg_len", U32),
	F("nlmsg_type", U16),
	F("nlmsg_flags", U16),
	F("nlmsg_seq", U32),
	F("nlmsg_pid", U32),
)

// The low flag bits mean the same for every message; the high byte
// depends on the message kind.
var (
	flagsCommon = map[uint64]string{
		FlagRequest: "NLM_F_REQUEST", FlagMulti: "NLM_F_MULTI", FlagAck: "NLM_F_ACK",
		FlagEcho: "NLM_F_ECHO", FlagDumpIntr: "NLM_F_DUMP_INTR", FlagFiltered: "NLM_F_DUMP_FILTERED",
	}
	flagsGet   = withFlags(flagsCommon, map[uint64]string{FlagRoot: "NLM_F_ROOT", FlagMatch: "NLM_F_MATCH", FlagAtomic: "NLM_F_ATOMIC"})
	flagsNew   = withFlags(flagsCommon, map[uint64]string{FlagReplace: "NLM_F_REPLACE", FlagExcl: "NLM_F_EXCL", FlagCreate: "NLM_F_CREATE", FlagAppend: "NLM_F_APPEND"})
	flagsDel   = withFlags(flagsCommon, map[uint64]string{FlagNonrec: "NLM_F_NONREC", FlagBulk: "NLM_F_BULK"})
	flagsAck   = withFlags(flagsCommon, map[uint64]string{FlagCapped: "NLM_F_CAPPED", FlagAckTLVs: "NLM_F_ACK_TLVS"})
	flagsOther = NewFlags("nlmsg_flags", flagsCommon)
)

func withFlags(base, extra map[uint64]string) *Enum {
	m := make(map[uint64]string, len(base)+len(extra))
	for k, v := range base {
		m[k] = v
	}
	for k, v := range extra {
		m[k] = v
	}
	return NewFlags("nlmsg_flags", m)
}

// FlagNames returns the names for the nlmsg_flags of a message of the
// given kind and type: GET-style, NEW-style, DEL-style or ack-style.
func FlagNames(kind MsgKind, msgType uint16) *Enum {
	switch {
	case msgType == TypeError || msgType == TypeDone:
		return flagsAck
	case kind == KindGet:
		return flagsGet
	case kind == KindNew || kind == KindSet:
		return flagsNew
	case kind == KindDel:
		return flagsDel
	}
	return flagsOther
}

// controlMessages are the types below NLMSG_MIN_TYPE, valid in every
// protocol. Their bodies are decoded by code in decode.go because they
// embed another message.
var controlNames = map[uint16]string{
	TypeNoop: "NLMSG_NOOP", TypeError: "NLMSG_ERROR", TypeDone: "NLMSG_DONE",
	TypeOverrun: "NLMSG_OVERRUN", TypeTstamp: "NLMSG_TSTAMP",
}

// Extended-ack TLVs after an echoed request (enum nlmsgerr_attrs).
var errAttrs = Set("nlmsgerr_attrs",
	A(1, "NLMSGERR_ATTR_MSG", String),
	A(2, "NLMSGERR_ATTR_OFFS", U32),
	A(3, "NLMSGERR_ATTR_COOKIE", Binary),
	N(4, "NLMSGERR_ATTR_POLICY", nlPolicyTypeAttrs),
	A(5, "NLMSGERR_ATTR_MISS_TYPE", U32),
	A(6, "NLMSGERR_ATTR_MISS_NEST", U32),
)

// Header holds the fields of struct nlmsghdr.
type Header struct {
	Len   uint32
	Type  uint16
	Flags uint16
	Seq   uint32
	PID   uint32
}

// ParseHeader reads a nlmsghdr from the first 16 bytes of b.
func ParseHeader(b []byte, order binary.ByteOrder) (Header, bool) {
	if len(b) < HeaderLen {
		return Header{}, false
	}
	return Header{
		Len:   order.Uint32(b[0:4]),
		Type:  order.Uint16(b[4:6]),
		Flags: order.Uint16(b[6:8]),
		Seq:   order.Uint32(b[8:12]),
		PID:   order.Uint32(b[12:16]),
	}, true
}

// AppendHeader appends h to b in the given byte order.
func AppendHeader(b []byte, order binary.AppendByteOrder, h Header) []byte {
	b = order.AppendUint32(b, h.Len)
	b = order.AppendUint16(b, h.Type)
	b = order.AppendUint16(b, h.Flags)
	b = order.AppendUint32(b, h.Seq)
	return order.AppendUint32(b, h.PID)
}

// DetectOrder guesses the payload byte order of a buffer of netlink
// messages, as Wireshark does: nlmsg_len is read both ways and the reading
// that fits the buffer wins. When both fit, the one that tiles the whole
// buffer into well-formed messages wins; when that does not decide,
// little-endian (the order of nearly every machine) wins. ok is false
// when neither reading fits.
func DetectOrder(b []byte) (order binary.ByteOrder, ok bool) {
	if len(b) < HeaderLen {
		return binary.LittleEndian, false
	}
	le := fits(binary.LittleEndian.Uint32(b), len(b))
	be := fits(binary.BigEndian.Uint32(b), len(b))
	switch {
	case le && !be:
		return binary.LittleEndian, true
	case be && !le:
		return binary.BigEndian, true
	case !le && !be:
		return binary.LittleEndian, false
	}
	if !tiles(b, binary.LittleEndian) && tiles(b, binary.BigEndian) {
		return binary.BigEndian, true
	}
	return binary.LittleEndian, true
}

func fits(l uint32, n int) bool { return l >= HeaderLen && uint64(l) <= uint64(n) }

// tiles reports whether b splits exactly into messages read in order.
func tiles(b []byte, order binary.ByteOrder) bool {
	for len(b) > 0 {
		if len(b) < HeaderLen {
			return false
		}
		l := order.Uint32(b)
		if !fits(l, len(b)) {
			return false
		}
		n := Align(int(l))
		if n > len(b) {
			n = len(b)
		}
		b = b[n:]
	}
	return true
}
