package codec

import "encoding/binary"

// NodeKind tells what part of a message a Node is.
type NodeKind uint8

// Node kinds.
const (
	NodeField   NodeKind = iota // a field of a fixed struct (a leaf)
	NodeStruct                  // a struct: its fields are the children
	NodeAttr                    // an attribute: 4-byte header, then Data or Children
	NodeElem                    // an element of an array, or a record of Records
	NodeMessage                 // a message embedded in another (the request echoed by an error ack)
	NodeTail                    // bytes that form no valid item, kept raw with Err saying why
)

var nodeKindNames = [...]string{"field", "struct", "attr", "elem", "message", "tail"}

func (k NodeKind) String() string {
	if int(k) < len(nodeKindNames) {
		return nodeKindNames[k]
	}
	return "node"
}

// Node is one part of a decoded message: a struct field, an attribute, an
// array element, an embedded message or leftover bytes. Every byte of a
// message belongs to exactly one node (an attribute's 4-byte header and
// its alignment padding belong to the attribute), so encoding the nodes
// back gives the identical bytes.
//
// Nodes are kept small (decoding writes millions of them): value names,
// printing hints and padding are derived rather than stored.
type Node struct {
	Kind NodeKind
	Type Type // how Data (or Children) is read
	Big  bool // host-order integers in Data are big-endian
	// pad is 1 + the number of alignment bytes that follow Data in the
	// decoded buffer; 0 for a node not made by decoding.
	pad      uint8
	Num      uint16 // attribute type without NLA_F_* bits, or element index
	NLAFlags uint16 // NLA_F_NESTED and NLA_F_NET_BYTEORDER bits as found
	Offset   int    // byte offset of the node from the start of the outermost message
	Name     string // schema name; "" when the schema does not know the item
	// Data is the payload: a leaf's value bytes, or the bytes that the
	// children cover. It aliases the decoded buffer.
	Data     []byte
	Children []Node
	Def      *Attr  // attribute definition after selection (for array elements, the array's), or nil
	Field    *Field // struct field definition, or nil
	Err      string // why the node is kept raw, "" when it decoded cleanly
}

// Pad returns the alignment bytes that follow an attribute (or a struct
// inside a struct-then-attributes payload, or a record), as found; nil
// for a node not made by decoding, whose padding is zeros.
func (n *Node) Pad() []byte {
	if n.pad == 0 {
		return nil
	}
	return n.Data[len(n.Data) : len(n.Data)+int(n.pad)-1]
}

// Enum returns the names of the node's values, or nil.
func (n *Node) Enum() *Enum {
	if n.Field != nil {
		return n.Field.Enum
	}
	if n.Def != nil {
		return n.Def.Enum
	}
	return nil
}

// Flags returns the names of the node's bits, or nil.
func (n *Node) Flags() *Enum {
	if n.Field != nil {
		return n.Field.Flags
	}
	if n.Def != nil {
		return n.Def.Flags
	}
	return nil
}

// Len is the number of bytes the node covers, including an attribute's
// header and padding.
func (n *Node) Len() int {
	switch n.Kind {
	case NodeAttr:
		return AttrHeaderLen + len(n.Data) + len(n.Pad())
	}
	return len(n.Data) + len(n.Pad())
}

// Order returns the byte order of host-order integers in the node.
func (n *Node) Order() binary.ByteOrder {
	if n.Big {
		return binary.BigEndian
	}
	return binary.LittleEndian
}

// Uint returns the value of an unsigned (or signed, reinterpreted)
// integer node. ok is false when the node is not an integer of a valid
// size.
func (n *Node) Uint() (v uint64, ok bool) {
	d := n.Data
	var o binary.ByteOrder = binary.LittleEndian
	if n.Big {
		o = binary.BigEndian
	}
	switch n.Type {
	case BE16, BE32, BE64:
		o = binary.BigEndian
	case U8, U16, U32, U64, S8, S16, S32, S64, Uint, Sint:
	default:
		return 0, false
	}
	switch len(d) {
	case 1:
		return uint64(d[0]), true
	case 2:
		return uint64(o.Uint16(d)), true
	case 4:
		return uint64(o.Uint32(d)), true
	case 8:
		return o.Uint64(d), true
	}
	return 0, false
}

// Int returns the value of a signed integer node, sign-extended from its
// size.
func (n *Node) Int() (int64, bool) {
	u, ok := n.Uint()
	if !ok {
		return 0, false
	}
	switch len(n.Data) {
	case 1:
		return int64(int8(u)), true
	case 2:
		return int64(int16(u)), true
	case 4:
		return int64(int32(u)), true
	}
	return int64(u), true
}

// Text returns the value of a String node without the terminating NUL and
// anything after it.
func (n *Node) Text() string {
	return string(cstring(n.Data))
}

func cstring(b []byte) []byte {
	for i, c := range b {
		if c == 0 {
			return b[:i]
		}
	}
	return b
}

// Find returns the first child (depth-first, children before
// grandchildren at each level) named name, or nil.
func (n *Node) Find(name string) *Node { return findIn(n.Children, name) }

func findIn(nodes []Node, name string) *Node {
	for i := range nodes {
		if nodes[i].Name == name {
			return &nodes[i]
		}
	}
	for i := range nodes {
		if nodes[i].Kind == NodeMessage {
			continue // an echoed request is searched through Msg.Request
		}
		if f := findIn(nodes[i].Children, name); f != nil {
			return f
		}
	}
	return nil
}

// Msg is one decoded netlink message.
type Msg struct {
	Protocol int
	Header   Header
	Index    int    // position of the message in its frame, from 0
	Offset   int    // byte offset of the message in its frame
	Name     string // type name ("RTM_NEWLINK", "NLMSG_ERROR", a generic netlink family), "" when unknown
	Def      *Message
	Kind     MsgKind
	Big      bool   // payload is big-endian
	Raw      []byte // the nlmsg_len bytes of the message; aliases the input
	Pad      []byte // alignment bytes after the message, as found
	// Nodes are the top level: the nlmsghdr struct, the fixed header
	// struct, then attributes (or the fields of a control message).
	Nodes []Node
	// Links maps interface indexes to the names the decoder has seen in
	// RTM_NEWLINK messages so far; printers use it. It belongs to the
	// decoder: read it, do not change it.
	Links map[uint32]string
}

// Order returns the byte order of the message's host-order integers.
func (m *Msg) Order() binary.ByteOrder {
	if m.Big {
		return binary.BigEndian
	}
	return binary.LittleEndian
}

// Find returns the first node named name (header fields, then
// attributes, searching nests depth-first), or nil.
func (m *Msg) Find(name string) *Node {
	for i := range m.Nodes {
		n := &m.Nodes[i]
		if n.Name == name {
			return n
		}
		if n.Kind == NodeStruct && n.Name != "nlmsghdr" {
			if f := findIn(n.Children, name); f != nil {
				return f
			}
		}
	}
	for i := range m.Nodes {
		if m.Nodes[i].Kind == NodeAttr {
			if f := findIn(m.Nodes[i].Children, name); f != nil {
				return f
			}
		}
	}
	return nil
}

// Error returns the error code of an NLMSG_ERROR or NLMSG_DONE message
// (0 for an ack). ok is false for other messages.
func (m *Msg) Error() (code int32, ok bool) {
	if m.Header.Type != TypeError && m.Header.Type != TypeDone {
		return 0, false
	}
	for i := range m.Nodes {
		if m.Nodes[i].Name == "error" {
			v, ok := m.Nodes[i].Int()
			return int32(v), ok
		}
	}
	return 0, false
}

// Request returns the request echoed by an NLMSG_ERROR message, or nil.
func (m *Msg) Request() *Node {
	for i := range m.Nodes {
		if m.Nodes[i].Kind == NodeMessage {
			return &m.Nodes[i]
		}
	}
	return nil
}

// RequestDef returns the definition of the request echoed by an
// NLMSG_ERROR message, or nil.
func (m *Msg) RequestDef() *Message {
	req := m.Request()
	if req == nil || len(req.Data) < HeaderLen {
		return nil
	}
	if m.Protocol == ProtoGeneric {
		if req.Name == "" {
			return nil
		}
		return genlDefFor(req.Name).msg
	}
	p := LookupProtocol(m.Protocol)
	if p == nil {
		return nil
	}
	h, _ := ParseHeader(req.Data, req.Order())
	return p.Lookup(h.Type)
}

// ExtAck is the extended acknowledgement of an NLMSG_ERROR or NLMSG_DONE.
type ExtAck struct {
	Msg       string
	Offset    uint32 // offset of the offending attribute from the request's nlmsghdr
	HasOffset bool
	Attr      string // name of the attribute at Offset, "" when unresolved
	Cookie    []byte
	MissType  uint32
	HasMiss   bool
	MissAttr  string // name of the missing attribute, "" when unresolved
	MissNest  uint32
	HasNest   bool
}

// ExtAck returns the extended-ack TLVs of an error or done message.
func (m *Msg) ExtAck() (ExtAck, bool) {
	var e ExtAck
	found := false
	for i := range m.Nodes {
		n := &m.Nodes[i]
		if n.Kind != NodeAttr || n.Def == nil {
			continue
		}
		found = true
		switch n.Name {
		case "NLMSGERR_ATTR_MSG":
			e.Msg = n.Text()
		case "NLMSGERR_ATTR_OFFS":
			if v, ok := n.Uint(); ok {
				e.Offset, e.HasOffset = uint32(v), true
			}
		case "NLMSGERR_ATTR_COOKIE":
			e.Cookie = n.Data
		case "NLMSGERR_ATTR_MISS_TYPE":
			if v, ok := n.Uint(); ok {
				e.MissType, e.HasMiss = uint32(v), true
			}
		case "NLMSGERR_ATTR_MISS_NEST":
			if v, ok := n.Uint(); ok {
				e.MissNest, e.HasNest = uint32(v), true
			}
		}
	}
	req := m.Request()
	if e.HasOffset && req != nil {
		if a := AttrAt(req, req.Offset+int(e.Offset)); a != nil {
			e.Attr = a.Name
		}
	}
	if e.HasMiss {
		e.MissAttr = m.missingName(req, e)
	}
	return e, found
}

// missingName names the attribute an extended ack reports missing: in
// the nest at MISS_NEST when given, else at the request's top level.
func (m *Msg) missingName(req *Node, e ExtAck) string {
	var set *AttrSet
	switch {
	case e.HasNest && req != nil:
		if a := AttrAt(req, req.Offset+int(e.MissNest)); a != nil && a.Def != nil {
			set = a.Def.Set
		}
	case !e.HasNest:
		if def := m.RequestDef(); def != nil {
			set = def.Attrs
		}
	}
	if a := set.Lookup(uint16(e.MissType)); a != nil {
		return a.Name
	}
	return ""
}

// AttrAt returns the innermost attribute node of n whose header starts at
// message offset off, or nil.
func AttrAt(n *Node, off int) *Node {
	var best *Node
	for i := range n.Children {
		c := &n.Children[i]
		end := c.Offset + c.Len()
		if off < c.Offset || off >= end {
			continue
		}
		if c.Kind == NodeAttr && c.Offset == off {
			best = c
		}
		if inner := AttrAt(c, off); inner != nil {
			return inner
		}
		return best
	}
	return best
}
