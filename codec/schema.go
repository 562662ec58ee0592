package codec

import (
	"fmt"
	"sort"
	"strings"
	"sync"
)

// Type is the data type of an attribute payload or of a struct field.
type Type uint8

// Data types known to the schema. Integer types without a BE prefix are in
// the byte order of the message (the host order of the machine that made
// it); BE types are always big-endian (network order).
const (
	Binary      Type = iota // opaque bytes, printed as hex
	U8                      // unsigned 8-bit
	U16                     // unsigned 16-bit, message byte order
	U32                     // unsigned 32-bit, message byte order
	U64                     // unsigned 64-bit, message byte order
	S8                      // signed 8-bit
	S16                     // signed 16-bit, message byte order
	S32                     // signed 32-bit, message byte order
	S64                     // signed 64-bit, message byte order
	BE16                    // unsigned 16-bit, big-endian
	BE32                    // unsigned 32-bit, big-endian
	BE64                    // unsigned 64-bit, big-endian
	Flag                    // no payload: presence is the value
	String                  // text, normally NUL-terminated
	IPAddr                  // IPv4 (4 bytes) or IPv6 (16 bytes) address, by length
	HWAddr                  // link-layer address, printed as colon-separated hex
	Nested                  // attributes of Attr.Set
	Struct                  // a C struct, Attr.Struct
	StructAttrs             // a C struct (Attr.Struct), then attributes of Attr.Set
	Array                   // repeated elements of type Attr.Elem (or Attr.Struct when Elem is Struct)
	Records                 // repeated records: Attr.Struct whose first field is a u16 record length, then attributes of Attr.Set (rtnexthop)
	Uint                    // unsigned integer of 1, 2, 4 or 8 bytes by length (NLA_UINT)
	Sint                    // signed integer of 1, 2, 4 or 8 bytes by length (NLA_SINT)
	numTypes
)

var typeNames = [numTypes]string{
	Binary: "binary", U8: "u8", U16: "u16", U32: "u32", U64: "u64",
	S8: "s8", S16: "s16", S32: "s32", S64: "s64",
	BE16: "be16", BE32: "be32", BE64: "be64",
	Flag: "flag", String: "string", IPAddr: "ipaddr", HWAddr: "hwaddr",
	Nested: "nested", Struct: "struct", StructAttrs: "struct+attrs",
	Array: "array", Records: "records", Uint: "uint", Sint: "sint",
}

// String returns the type's name as used in JSON and -v output.
func (t Type) String() string {
	if t < numTypes {
		return typeNames[t]
	}
	return fmt.Sprintf("type(%d)", uint8(t))
}

// Size is the fixed payload size of a scalar type, or 0 when the size is
// variable.
func (t Type) Size() int {
	switch t {
	case U8, S8:
		return 1
	case U16, S16, BE16:
		return 2
	case U32, S32, BE32:
		return 4
	case U64, S64, BE64:
		return 8
	}
	return 0
}

// IsInt reports whether t is an integer type.
func (t Type) IsInt() bool {
	switch t {
	case U8, U16, U32, U64, S8, S16, S32, S64, BE16, BE32, BE64, Uint, Sint:
		return true
	}
	return false
}

// Signed reports whether t is a signed integer type.
func (t Type) Signed() bool {
	switch t {
	case S8, S16, S32, S64, Sint:
		return true
	}
	return false
}

// Enum names integer values: either plain values (Bits false) or bit masks
// (Bits true) whose names are joined for a flags word.
type Enum struct {
	Name   string
	Bits   bool
	values []uint64
	names  []string
	once   sync.Once
	byVal  map[uint64]string
	byName map[string]uint64
	short  map[uint64]string
	folded map[string]uint64 // lower-case full and short names
	// Small values (most enums) are also looked up by index: printing
	// does it for every field.
	denseName, denseShort []string
}

const denseEnumMax = 1024

// NewEnum returns an enum of consecutive values starting at first. An empty
// name leaves a value unnamed (a gap).
func NewEnum(name string, first uint64, names ...string) *Enum {
	e := &Enum{Name: name}
	for i, n := range names {
		if n != "" {
			e.values = append(e.values, first+uint64(i))
			e.names = append(e.names, n)
		}
	}
	return e
}

// NewEnumMap returns an enum from explicit value/name pairs.
func NewEnumMap(name string, m map[uint64]string) *Enum {
	e := &Enum{Name: name}
	for v, n := range m {
		e.values = append(e.values, v)
		e.names = append(e.names, n)
	}
	e.sortByValue()
	return e
}

// NewFlags returns a set of bit names; masks[i] is the bit (or bits) named
// names[i].
func NewFlags(name string, pairs map[uint64]string) *Enum {
	e := NewEnumMap(name, pairs)
	e.Bits = true
	return e
}

// NewBitFlags returns a set of bit names where names[i] is bit (first+i):
// NewBitFlags("x", 0, "A", "B") names 0x1 "A" and 0x2 "B".
func NewBitFlags(name string, first uint, names ...string) *Enum {
	e := &Enum{Name: name, Bits: true}
	for i, n := range names {
		if n != "" {
			e.values = append(e.values, uint64(1)<<(first+uint(i)))
			e.names = append(e.names, n)
		}
	}
	return e
}

func (e *Enum) sortByValue() {
	idx := make([]int, len(e.values))
	for i := range idx {
		idx[i] = i
	}
	sort.Slice(idx, func(a, b int) bool { return e.values[idx[a]] < e.values[idx[b]] })
	v := make([]uint64, len(idx))
	n := make([]string, len(idx))
	for i, j := range idx {
		v[i], n[i] = e.values[j], e.names[j]
	}
	e.values, e.names = v, n
}

func (e *Enum) init() {
	e.once.Do(func() {
		e.byVal = make(map[uint64]string, len(e.values))
		e.byName = make(map[string]uint64, len(e.values))
		for i, v := range e.values {
			if _, dup := e.byVal[v]; !dup {
				e.byVal[v] = e.names[i]
			}
			e.byName[e.names[i]] = v
		}
		e.folded = make(map[string]uint64, 2*len(e.names))
		e.short = make(map[uint64]string, len(e.byVal))
		prefix := commonPrefix(e.names)
		for v, n := range e.byVal {
			short := strings.TrimPrefix(n, prefix)
			if !e.Bits {
				short = strings.ToLower(short)
			}
			e.short[v] = short
		}
		if !e.Bits {
			max := uint64(0)
			for v := range e.byVal {
				if v > max {
					max = v
				}
			}
			if max < denseEnumMax {
				e.denseName = make([]string, max+1)
				e.denseShort = make([]string, max+1)
				for v, n := range e.byVal {
					e.denseName[v] = n
					e.denseShort[v] = e.short[v]
				}
			}
		}
		for i, n := range e.names {
			e.folded[strings.ToLower(n)] = e.values[i]
		}
		for v, short := range e.short {
			if _, taken := e.folded[strings.ToLower(short)]; !taken {
				e.folded[strings.ToLower(short)] = v
			}
		}
	})
}

// Lookup returns the name of value v.
func (e *Enum) Lookup(v uint64) (string, bool) {
	e.init()
	if v < uint64(len(e.denseName)) {
		n := e.denseName[v]
		return n, n != ""
	}
	n, ok := e.byVal[v]
	return n, ok
}

// Short returns the name of v without the prefix that the enum's names
// share, for one-line summaries: values in lower case ("RTN_UNICAST" ->
// "unicast"), bits in upper case ("IFF_UP" -> "UP"), as iproute2 prints
// them.
func (e *Enum) Short(v uint64) (string, bool) {
	e.init()
	if v < uint64(len(e.denseShort)) {
		n := e.denseShort[v]
		return n, n != ""
	}
	n, ok := e.short[v]
	return n, ok
}

// commonPrefix returns the longest prefix ending in '_' that more than
// half of the names share ("AF_" among AF_* and two RTNL_FAMILY_*
// names). Names without it keep their full form.
func commonPrefix(names []string) string {
	if len(names) == 0 {
		return ""
	}
	count := map[string]int{}
	for _, n := range names {
		for i := 0; i < len(n)-1; i++ {
			if n[i] == '_' {
				count[n[:i+1]]++
			}
		}
	}
	best := ""
	for p, c := range count {
		if 2*c > len(names) && len(p) > len(best) {
			best = p
		}
	}
	return best
}

// Value returns the value named name.
func (e *Enum) Value(name string) (uint64, bool) {
	e.init()
	v, ok := e.byName[name]
	return v, ok
}

// Names returns the enum's names in value order.
func (e *Enum) Names() []string { return e.names }

// Field is one member of a C struct.
type Field struct {
	Name   string
	Type   Type       // an integer type, IPAddr, HWAddr, String (fixed char array), Binary or Struct
	Size   int        // bytes, for IPAddr, HWAddr, String and Binary
	Struct *StructDef // for Type Struct
	Enum   *Enum      // value names
	Flags  *Enum      // bit names
	// Display says how to print the value; set from displayHints.
	Display Display

	jsonKey string // `"name":`, set by prepareSchema
}

// Display is a printing hint for integers whose plain number reads
// poorly.
type Display uint8

// Printing hints.
const (
	DisplayPlain   Display = iota
	DisplayIfindex         // an interface index: printed with the interface's name when known
	DisplayHandle          // a tc handle: "1:10", "root", "ingress"
	DisplayHex             // a mark, mask or id: 0x...
	DisplayTCInfo          // a filter's tcm_info: priority<<16 | protocol in network order
	// DisplayOwnIfindex is the index a link message is about
	// (ifi_index): it takes a name when encoding, like DisplayIfindex,
	// but prints as a number since the message names the link itself.
	DisplayOwnIfindex
)

// Width is the number of bytes the field occupies.
func (f *Field) Width() int {
	if f.Type == Struct {
		return f.Struct.Size()
	}
	if s := f.Type.Size(); s != 0 {
		return s
	}
	return f.Size
}

// Hidden reports whether the field is padding (its name starts with "_"):
// kept for byte accounting, hidden from summaries.
func (f *Field) Hidden() bool { return len(f.Name) > 0 && f.Name[0] == '_' }

// StructDef is a C struct laid out field after field with no implicit padding:
// padding is written as explicit fields named "_...".
type StructDef struct {
	Name   string
	Fields []Field
	// Trailing, when set, repeats after the fixed fields up to the end of
	// the payload (u32 selector keys, SRv6 segments). A Trailing field of
	// no fixed width (an IPAddr or HWAddr without Size) takes all the
	// remaining bytes as one element (the address of struct rtvia).
	Trailing *Field
	// TrailingCount names the field that says how many Trailing elements
	// there are (that value plus TrailingBias: SRv6's first_segment
	// counts from 0); without it they run to the end.
	TrailingCount string
	TrailingBias  int
	// Rest, when set, takes the bytes after the trailing elements (the
	// TLVs after an SRH's segments).
	Rest     *Field
	size     int
	sizeOnce sync.Once

	layoutOnce sync.Once
	lay        structLayout
}

// structLayout is what the decoder precomputes for a struct: field
// offsets and widths, and the field nodes to copy for each decode.
type structLayout struct {
	offs, widths []int
	flat         bool   // no field is itself a struct
	tmpl         []Node // field nodes without Offset, Data and Big
	byName       map[string]int
}

func (s *StructDef) layout() *structLayout {
	s.layoutOnce.Do(func() {
		l := &s.lay
		l.flat = true
		l.byName = make(map[string]int, len(s.Fields))
		for i := range s.Fields {
			if _, dup := l.byName[s.Fields[i].Name]; !dup {
				l.byName[s.Fields[i].Name] = i
			}
		}
		off := 0
		for i := range s.Fields {
			f := &s.Fields[i]
			w := f.Width()
			l.offs = append(l.offs, off)
			l.widths = append(l.widths, w)
			off += w
			t := f.Type
			if t == Struct {
				l.flat = false
			}
			if t == IPAddr && w != 4 && w != 16 {
				t = Binary
			}
			l.tmpl = append(l.tmpl, Node{Kind: NodeField, Name: f.Name, Type: t, Field: f})
		}
	})
	return &s.lay
}

// Size is the size of the fixed part of the struct.
func (s *StructDef) Size() int {
	s.sizeOnce.Do(func() {
		n := 0
		for i := range s.Fields {
			n += s.Fields[i].Width()
		}
		s.size = n
	})
	return s.size
}

// WithDisplay returns a copy of s whose field named field prints with
// display d, for a struct that one family of messages reads differently.
func (s *StructDef) WithDisplay(field string, d Display) *StructDef {
	c := &StructDef{Name: s.Name, Fields: append([]Field(nil), s.Fields...), Trailing: s.Trailing}
	if f := c.FieldByName(field); f != nil {
		f.Display = d
	}
	return c
}

// FieldByName returns the field named name.
func (s *StructDef) FieldByName(name string) *Field {
	for i := range s.Fields {
		if s.Fields[i].Name == name {
			return &s.Fields[i]
		}
	}
	return nil
}

// Select chooses an attribute's definition from the value of a sibling
// attribute (looked for at the same level, then in enclosing levels) or of
// a field of the message's fixed header.
type Select struct {
	Sibling string // attribute name, e.g. "IFLA_INFO_KIND"
	// Or names a sibling to read when Sibling is absent (a bridge port's
	// data under IFLA_INFO_KIND "bridge_slave" when no
	// IFLA_INFO_SLAVE_KIND is sent, as pyroute2 does).
	Or       string
	Header   string           // or header field name, e.g. "ifi_family"
	ByString map[string]*Attr // cases for string-valued keys
	ByInt    map[uint64]*Attr // cases for integer-valued keys
}

// Attr defines one netlink attribute.
type Attr struct {
	Num    uint16
	Name   string
	Type   Type
	Elem   Type       // element type of an Array
	Set    *AttrSet   // for Nested, StructAttrs and Records
	Struct *StructDef // for Struct, StructAttrs, Records and Arrays of structs
	Enum   *Enum      // value names of an integer
	Flags  *Enum      // bit names of an integer
	Index  *Enum      // names of Array elements (and of Nested children) by index
	Select *Select    // definition chosen by a sibling or header value; Type etc. are the fallback
	Doc    string     // short description, optional
	// AlsoFlag marks an integer that requests may send as a flag (no
	// payload) while the kernel reports it as a value
	// (IFLA_VXLAN_TTL_INHERIT).
	AlsoFlag bool

	jsonHead string // `{"name":"X","type":N`, set by prepareSchema
	// Display says how to print the value; set from displayHints.
	Display Display
}

// AttrSet is a namespace of attribute numbers, e.g. IFLA_* or RTA_*.
type AttrSet struct {
	Name  string
	Attrs []*Attr
	// Default defines every attribute number the set does not list, for
	// sets whose children are indexes (TCA_ACT_* priorities, AF_SPEC).
	Default *Attr

	once   sync.Once
	byNum  []*Attr
	sparse map[uint16]*Attr
	byName map[string]*Attr
}

func (s *AttrSet) init() {
	s.once.Do(func() {
		max := 0
		for _, a := range s.Attrs {
			if int(a.Num) > max {
				max = int(a.Num)
			}
		}
		s.byName = make(map[string]*Attr, len(s.Attrs))
		if max < 512 {
			s.byNum = make([]*Attr, max+1)
		} else {
			s.sparse = make(map[uint16]*Attr, len(s.Attrs))
		}
		for _, a := range s.Attrs {
			if s.byNum != nil {
				s.byNum[a.Num] = a
			} else {
				s.sparse[a.Num] = a
			}
			s.byName[a.Name] = a
		}
	})
}

// Lookup returns the definition of attribute number n, or nil.
func (s *AttrSet) Lookup(n uint16) *Attr {
	if s == nil {
		return nil
	}
	s.init()
	if s.byNum != nil {
		if int(n) < len(s.byNum) && s.byNum[n] != nil {
			return s.byNum[n]
		}
	} else if a := s.sparse[n]; a != nil {
		return a
	}
	return s.Default
}

// ByName returns the attribute named name, or nil.
func (s *AttrSet) ByName(name string) *Attr {
	if s == nil {
		return nil
	}
	s.init()
	return s.byName[name]
}

// MsgKind tells how the request flags of a message read: GET-style
// requests use ROOT/MATCH/ATOMIC, NEW-style requests REPLACE/EXCL/CREATE/
// APPEND, DEL-style NONREC/BULK.
type MsgKind uint8

// Message kinds.
const (
	KindOther MsgKind = iota
	KindNew
	KindDel
	KindGet
	KindSet
)

// Message defines a message type of a netlink protocol.
type Message struct {
	Type   uint16
	Name   string
	Kind   MsgKind
	Header *StructDef // fixed header after nlmsghdr, or nil
	Attrs  *AttrSet   // attributes after the header, or nil for an opaque body
	// RequestAttrs, when set, is the attribute set of requests
	// (NLM_F_REQUEST), for the few messages whose requests number their
	// attributes differently from the kernel's messages (MDB).
	RequestAttrs *AttrSet
	// Summary is the one-line text form: segments separated by '|', each
	// printed only when every {placeholder} in it resolves. A placeholder
	// names a header field or an attribute; "a.b" descends into nests.
	Summary string

	summaryOnce sync.Once
	summary     []segment
}

// Protocol is a netlink protocol (the third argument of socket(2)) and its
// message types.
type Protocol struct {
	Num      int
	Name     string
	Messages []*Message
	// TypeName names message types that have no Message entry (for
	// protocols whose bodies are not decoded).
	TypeName func(t uint16) string

	once   sync.Once
	byType []*Message // indexed by type: message types are small numbers
	byName map[string]*Message
}

func (p *Protocol) init() {
	p.once.Do(func() {
		max := 0
		for _, m := range p.Messages {
			if int(m.Type) > max {
				max = int(m.Type)
			}
		}
		p.byType = make([]*Message, max+1)
		p.byName = make(map[string]*Message, len(p.Messages))
		for _, m := range p.Messages {
			p.byType[m.Type] = m
			p.byName[m.Name] = m
		}
	})
}

// Lookup returns the definition of message type t, or nil.
func (p *Protocol) Lookup(t uint16) *Message {
	p.init()
	if int(t) < len(p.byType) {
		return p.byType[t]
	}
	return nil
}

// ByName returns the definition of the message type named name, or nil.
func (p *Protocol) ByName(name string) *Message {
	p.init()
	return p.byName[name]
}

var (
	protocolsMu sync.Mutex
	protocols   = map[int]*Protocol{}
	// protocolTable indexes protocols by number (netlink has 32).
	protocolTable [32]*Protocol
)

// registerProtocol adds p to the protocol registry; tables call it from
// init functions.
func registerProtocol(p *Protocol) {
	protocolsMu.Lock()
	defer protocolsMu.Unlock()
	if _, dup := protocols[p.Num]; dup {
		panic(fmt.Sprintf("codec: protocol %d registered twice", p.Num))
	}
	protocols[p.Num] = p
	protocolTable[p.Num] = p
}

// LookupProtocol returns the definition of netlink protocol num, or nil.
// Protocols are registered by init functions only, so lookups need no
// lock.
func LookupProtocol(num int) *Protocol {
	if num < 0 || num >= len(protocolTable) {
		return nil
	}
	return protocolTable[num]
}

// GenlFamily defines a generic netlink family by name.
type GenlFamily struct {
	Name     string
	Commands *Enum    // command names
	Attrs    *AttrSet // attribute set of the family's messages
	Summary  string   // as Message.Summary
}

var (
	genlMu       sync.RWMutex
	genlFamilies = map[string]*GenlFamily{}
)

func registerGenl(f *GenlFamily) {
	genlMu.Lock()
	defer genlMu.Unlock()
	genlFamilies[f.Name] = f
}

// LookupGenl returns the definition of the generic netlink family named
// name, or nil.
func LookupGenl(name string) *GenlFamily {
	genlMu.RLock()
	defer genlMu.RUnlock()
	return genlFamilies[name]
}

// Constructors that keep the tables short. Each returns a new *Attr.

// A defines a scalar attribute.
func A(num uint16, name string, t Type) *Attr { return &Attr{Num: num, Name: name, Type: t} }

// N defines a nested attribute holding set.
func N(num uint16, name string, set *AttrSet) *Attr {
	return &Attr{Num: num, Name: name, Type: Nested, Set: set}
}

// S defines an attribute holding struct st.
func S(num uint16, name string, st *StructDef) *Attr {
	return &Attr{Num: num, Name: name, Type: Struct, Struct: st}
}

// Arr defines an array of elem (an integer, IPAddr or HWAddr type).
func Arr(num uint16, name string, elem Type) *Attr {
	return &Attr{Num: num, Name: name, Type: Array, Elem: elem}
}

// SArr defines an array of structs.
func SArr(num uint16, name string, st *StructDef) *Attr {
	return &Attr{Num: num, Name: name, Type: Array, Elem: Struct, Struct: st}
}

// WithEnum names the attribute's values.
func (a *Attr) WithEnum(e *Enum) *Attr { a.Enum = e; return a }

// WithFlags names the attribute's bits.
func (a *Attr) WithFlags(e *Enum) *Attr { a.Flags = e; return a }

// WithIndex names array elements or nested children by index.
func (a *Attr) WithIndex(e *Enum) *Attr { a.Index = e; return a }

// SelectBy makes the attribute's definition depend on the string value of
// the sibling attribute named sibling; cases maps each value to its
// definition (whose Num and Name are taken from a).
func (a *Attr) SelectBy(sibling string, cases map[string]*Attr) *Attr {
	a.Select = &Select{Sibling: sibling, ByString: cases}
	return a
}

// SelectByInt makes the definition depend on an integer sibling.
func (a *Attr) SelectByInt(sibling string, cases map[uint64]*Attr) *Attr {
	a.Select = &Select{Sibling: sibling, ByInt: cases}
	return a
}

// SelectByHeader makes the definition depend on an integer field of the
// message's fixed header.
func (a *Attr) SelectByHeader(field string, cases map[uint64]*Attr) *Attr {
	a.Select = &Select{Header: field, ByInt: cases}
	return a
}

// Set builds an attribute set.
func Set(name string, attrs ...*Attr) *AttrSet { return &AttrSet{Name: name, Attrs: attrs} }

// Seq builds an attribute set whose attributes are numbered
// consecutively from first, for sets that mirror a C enum without gaps.
// Where the enum has gaps, use Set with explicit numbers.
func Seq(name string, first uint16, attrs ...*Attr) *AttrSet {
	for i, a := range attrs {
		a.Num = first + uint16(i)
	}
	return Set(name, attrs...)
}

// Data returns the definition for kind-selected data: an Attr whose Num
// and Name are filled in by the selecting attribute.
func Data(t Type, set *AttrSet) *Attr { return &Attr{Type: t, Set: set} }

// StructData is Data for a struct payload.
func StructData(st *StructDef) *Attr { return &Attr{Type: Struct, Struct: st} }

// StructAttrsData is Data for a struct followed by attributes.
func StructAttrsData(st *StructDef, set *AttrSet) *Attr {
	return &Attr{Type: StructAttrs, Struct: st, Set: set}
}

// F defines a struct field of an integer type.
func F(name string, t Type) Field { return Field{Name: name, Type: t} }

// FE defines an integer struct field with named values.
func FE(name string, t Type, e *Enum) Field { return Field{Name: name, Type: t, Enum: e} }

// FF defines an integer struct field with named bits.
func FF(name string, t Type, e *Enum) Field { return Field{Name: name, Type: t, Flags: e} }

// FB defines a struct field of size bytes of type t (Binary, IPAddr,
// HWAddr or String).
func FB(name string, t Type, size int) Field { return Field{Name: name, Type: t, Size: size} }

// FS defines a struct field that is itself a struct.
func FS(name string, st *StructDef) Field { return Field{Name: name, Type: Struct, Struct: st} }

// Pad defines n bytes of padding.
func Pad(name string, n int) Field { return Field{Name: "_" + name, Type: Binary, Size: n} }

// NewStruct builds a struct definition.
func NewStruct(name string, fields ...Field) *StructDef {
	return &StructDef{Name: name, Fields: fields}
}
