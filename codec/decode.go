package codec

import (
	"encoding/binary"
	"fmt"
)

// DecodeError reports a message that cannot be framed: its nlmsghdr is
// truncated or its length does not fit the buffer. Offset is the byte
// offset in the buffer given to the decoder.
type DecodeError struct {
	Offset int
	Index  int // index of the message in the buffer, from 0 (printed from 1)
	Reason string
}

func (e *DecodeError) Error() string {
	return fmt.Sprintf("message %d at byte %d: %s", e.Index+1, e.Offset, e.Reason)
}

// Decoder turns netlink buffers into trees of Nodes using the schema.
//
// A Decoder reuses its memory: the *Msg passed to the callback of
// DecodeFrame is valid only until the callback returns. Decoding a
// message does not allocate once the decoder is warm. A Decoder also
// learns generic netlink family ids from nlctrl replies, so decode the
// frames of one capture with one Decoder, in order. It is not safe for
// concurrent use.
type Decoder struct {
	// Order forces the payload byte order; nil detects it per frame
	// (DetectOrder).
	Order binary.ByteOrder

	// Keep makes every decoded message own its memory, for callers that
	// keep *Msg values after the callback returns.
	Keep bool

	chunks  [][]Node
	chunk   int // index of the chunk being filled
	used    int // nodes used in that chunk
	stack   []level
	msg     Msg
	links   map[uint32]string
	genl    map[uint16]*genlDef
	genlIDs map[string]uint16
	big     bool
}

// level is one enclosing attribute list during decoding: selectors look
// for sibling values here, innermost first.
type level struct {
	nodes []Node
	hdr   []Node // fields of the nearest fixed header, for header selectors
}

const chunkSize = 4096

// NewDecoder returns a decoder that detects the payload byte order.
func NewDecoder() *Decoder { return &Decoder{} }

// learnLink remembers the interface name of an RTM_NEWLINK message, so
// that later messages print "dev eth0" rather than "dev 2".
func (d *Decoder) learnLink(m *Msg) {
	const rtmNewlink = 16
	if m.Header.Type != rtmNewlink || len(m.Nodes) < 2 {
		return
	}
	idx := m.Nodes[1].Find("ifi_index")
	name := m.Find("IFLA_IFNAME")
	if idx == nil || name == nil {
		return
	}
	v, ok := idx.Uint()
	if !ok || v == 0 {
		return
	}
	if d.links == nil {
		d.links = make(map[uint32]string)
	}
	if cur, ok := d.links[uint32(v)]; ok && cur == string(cstring(name.Data)) {
		return
	}
	d.links[uint32(v)] = name.Text()
}

// Decode decodes the single message at the start of b, in the given
// protocol and byte order (nil to detect). The result owns its nodes.
func Decode(protocol int, order binary.ByteOrder, b []byte) (*Msg, error) {
	d := &Decoder{Order: order, Keep: true}
	var out *Msg
	err := d.DecodeFrame(protocol, b, func(m *Msg) error {
		if out == nil {
			out = m
		}
		return nil
	})
	if out == nil && err == nil {
		err = &DecodeError{Reason: "empty buffer"}
	}
	return out, err
}

// DecodeAll decodes every message of b; the results own their nodes.
func DecodeAll(protocol int, order binary.ByteOrder, b []byte) ([]*Msg, error) {
	d := &Decoder{Order: order, Keep: true}
	var out []*Msg
	err := d.DecodeFrame(protocol, b, func(m *Msg) error {
		out = append(out, m)
		return nil
	})
	return out, err
}

// DecodeFrame decodes every message in b (one kernel buffer: a capture
// frame, or a whole raw batch) and calls fn for each. A framing error
// stops the frame and is returned as a *DecodeError after fn has seen the
// messages before it. An error from fn stops decoding and is returned.
func (d *Decoder) DecodeFrame(protocol int, b []byte, fn func(*Msg) error) error {
	applyHints()
	order := d.Order
	if order == nil {
		order, _ = DetectOrder(b)
	}
	d.big = isBigEndian(order)
	for off, idx := 0, 0; off < len(b); idx++ {
		rest := b[off:]
		if len(rest) < HeaderLen {
			return &DecodeError{Offset: off, Index: idx, Reason: fmt.Sprintf("truncated header: %d bytes left, need %d", len(rest), HeaderLen)}
		}
		h, _ := ParseHeader(rest, order)
		if h.Len < HeaderLen {
			return &DecodeError{Offset: off, Index: idx, Reason: fmt.Sprintf("nlmsg_len %d is shorter than the header", h.Len)}
		}
		if uint64(h.Len) > uint64(len(rest)) {
			return &DecodeError{Offset: off, Index: idx, Reason: fmt.Sprintf("nlmsg_len %d runs past the buffer (%d bytes left)", h.Len, len(rest))}
		}
		end := Align(int(h.Len))
		if end > len(rest) {
			end = len(rest)
		}
		if end < len(rest) && isZero(rest[end:]) {
			// iproute2 sends some requests in a buffer larger than the
			// message; the kernel stops at the zeros, and so do we: they
			// are this message's padding.
			end = len(rest)
		}
		d.reset()
		m := &d.msg
		if d.Keep {
			m = new(Msg)
		}
		*m = Msg{
			Protocol: protocol, Header: h, Index: idx, Offset: off, Big: d.big,
			Raw: rest[:h.Len], Pad: rest[h.Len:end],
		}
		m.Name, m.Def, m.Kind, m.Nodes = d.decodeMessage(protocol, m.Raw, 0)
		switch protocol {
		case ProtoGeneric:
			d.learnGenl(m)
		case ProtoRoute:
			d.learnLink(m)
		}
		m.Links = d.links
		if err := fn(m); err != nil {
			return err
		}
		off += end
	}
	return nil
}

func (d *Decoder) reset() {
	if d.Keep {
		d.chunks, d.chunk, d.used = nil, 0, 0
		return
	}
	d.chunk, d.used = 0, 0
}

// alloc returns n nodes from the arena, to be assigned whole. Slices never move once
// handed out, so children can be filled while their parents are held.
func (d *Decoder) alloc(n int) []Node {
	if n == 0 {
		return nil
	}
	for {
		if d.chunk < len(d.chunks) {
			c := d.chunks[d.chunk]
			if d.used+n <= len(c) {
				// Not cleared: every caller assigns each node whole.
				s := c[d.used : d.used+n : d.used+n]
				d.used += n
				return s
			}
			if d.used == 0 && n > len(c) {
				// A huge level: give it its own chunk in place of this one.
				d.chunks[d.chunk] = make([]Node, n)
				continue
			}
			d.chunk++
			d.used = 0
			continue
		}
		size := chunkSize
		if d.Keep {
			// Decode and DecodeAll hand the nodes to the caller: grow
			// from a small chunk, as most messages have a few dozen
			// nodes, instead of zeroing 4096 for each.
			size = 64 << min(len(d.chunks), 6)
		}
		if n > size {
			size = n
		}
		d.chunks = append(d.chunks, make([]Node, size))
	}
}

// decodeMessage decodes one message (b holds exactly nlmsg_len bytes).
// base is the offset of b from the start of the outermost message.
func (d *Decoder) decodeMessage(protocol int, b []byte, base int) (string, *Message, MsgKind, []Node) {
	order := d.order()
	h, _ := ParseHeader(b, order)
	body := b[HeaderLen:]
	bodyOff := base + HeaderLen

	if h.Type < MinType {
		return d.decodeControl(protocol, h, b, base)
	}

	var (
		name  string
		def   *Message
		kind  MsgKind
		hdrSt *StructDef
		set   *AttrSet
	)
	switch {
	case protocol == ProtoGeneric:
		g := d.genlFamily(h.Type)
		name, hdrSt, set, def = g.name, g.header, g.attrs, g.msg
		if len(body) > 0 {
			kind = g.cmdKind(body[0])
		}
	default:
		if p := LookupProtocol(protocol); p != nil {
			if def = p.Lookup(h.Type); def != nil {
				name, kind, hdrSt, set = def.Name, def.Kind, def.Header, def.Attrs
				if def.RequestAttrs != nil && h.Flags&FlagRequest != 0 {
					set = def.RequestAttrs
				}
			} else if p.TypeName != nil {
				name = p.TypeName(h.Type)
			}
		}
	}

	var hdrNodes []Node
	hdrSize := 0
	if hdrSt != nil {
		hdrSize = hdrSt.Size()
	}
	nAttrs, attrEnd := 0, 0
	attrStart := Align(hdrSize)
	if attrStart > len(body) {
		attrStart = len(body)
	}
	if set != nil {
		nAttrs, attrEnd = countAttrs(body[attrStart:], order)
		attrEnd += attrStart
	} else {
		attrEnd = attrStart
	}
	n := 1 + nAttrs
	if hdrSt != nil {
		n++
	}
	tail := attrEnd < len(body)
	if tail {
		n++
	}
	nodes := d.alloc(n)
	i := 0
	nodes[i] = d.msgHeader(b, base)
	i++
	if hdrSt != nil {
		hb := body[:attrStart]
		nodes[i] = d.structNode(hdrSt.Name, hdrSt, hb, bodyOff)
		hdrNodes = nodes[i].Children
		i++
	}
	if set != nil {
		d.fillAttrs(nodes[i:i+nAttrs], body[attrStart:attrEnd], bodyOff+attrStart, set)
		d.push(nodes[i:i+nAttrs], hdrNodes)
		for j := i; j < i+nAttrs; j++ {
			d.decodeAttr(&nodes[j])
		}
		d.pop()
		i += nAttrs
	}
	if tail {
		reason := ""
		if set != nil || hdrSt != nil {
			reason = "bytes after the last attribute do not form an attribute"
		}
		if set == nil && hdrSt == nil {
			reason = "body not decoded"
			if name == "" {
				reason = "unknown message type"
			}
		}
		nodes[i] = d.tail(body[attrEnd:], bodyOff+attrEnd, reason)
	}
	return name, def, kind, nodes
}

// orderProbe is read by isBigEndian; a package variable, so that the
// call through the interface allocates nothing.
var orderProbe = [2]byte{0, 1}

// isBigEndian tells by what an order does, not which value it is:
// binary.NativeEndian on a big-endian host is big-endian too.
func isBigEndian(order binary.ByteOrder) bool {
	switch order {
	case binary.BigEndian:
		return true
	case binary.LittleEndian:
		return false
	}
	return order.Uint16(orderProbe[:]) == 1
}

func (d *Decoder) order() binary.ByteOrder {
	if d.big {
		return binary.BigEndian
	}
	return binary.LittleEndian
}

// msgHeader is the node of a message's nlmsghdr: a struct without field
// nodes, since Msg.Header holds the values (every message has one, so
// this saves five nodes a message). The hex printer shows its fields.
func (d *Decoder) msgHeader(b []byte, base int) Node {
	return Node{Kind: NodeStruct, Name: "nlmsghdr", Type: Struct, Offset: base, Data: b[:HeaderLen], Big: d.big}
}

// decodeControl decodes NLMSG_NOOP, NLMSG_ERROR, NLMSG_DONE,
// NLMSG_OVERRUN and NLMSG_TSTAMP bodies.
func (d *Decoder) decodeControl(protocol int, h Header, b []byte, base int) (string, *Message, MsgKind, []Node) {
	order := d.order()
	name := controlNames[h.Type]
	body := b[HeaderLen:]
	bodyOff := base + HeaderLen
	var parts [5]Node
	np := 0
	add := func(n Node) { parts[np] = n; np++ }

	off := 0
	switch h.Type {
	case TypeError, TypeDone:
		if len(body) >= 4 {
			add(d.leaf(NodeField, "error", S32, body[:4], bodyOff))
			off = 4
		}
		if h.Type == TypeError && len(body)-off >= HeaderLen {
			eh, _ := ParseHeader(body[off:], order)
			echoLen := int(eh.Len)
			if h.Flags&FlagCapped != 0 || echoLen < HeaderLen {
				echoLen = HeaderLen
			}
			if echoLen > len(body)-off {
				echoLen = len(body) - off
			}
			reqBytes := body[off : off+echoLen]
			rn := Node{Kind: NodeMessage, Offset: bodyOff + off, Data: reqBytes, Big: d.big}
			rn.Name, _, _, rn.Children = d.decodeMessage(protocol, reqBytes, bodyOff+off)
			if int(eh.Len) > echoLen && h.Flags&FlagCapped == 0 && eh.Len >= HeaderLen {
				rn.Err = fmt.Sprintf("echoed request truncated: nlmsg_len %d, %d bytes present", eh.Len, echoLen)
			}
			end := off + Align(echoLen)
			if end > len(body) {
				end = len(body)
			}
			rn.pad = uint8(end-off-echoLen) + 1
			add(rn)
			off = end
		}
		if h.Flags&FlagAckTLVs != 0 && off < len(body) {
			cnt, aend := countAttrs(body[off:], order)
			attrs := d.alloc(cnt)
			d.fillAttrs(attrs, body[off:off+aend], bodyOff+off, errAttrs)
			for j := range attrs {
				d.decodeAttr(&attrs[j])
			}
			total := np + cnt
			if off+aend < len(body) {
				total++
			}
			nodes := d.alloc(total)
			copy(nodes, parts[:np])
			copy(nodes[np:], attrs)
			if off+aend < len(body) {
				nodes[total-1] = d.tail(body[off+aend:], bodyOff+off+aend, "bytes after the extended-ack attributes")
			}
			return d.finishControl(name, h, b, base, nodes)
		}
	case TypeTstamp:
		if len(body) >= 8 {
			add(d.leaf(NodeField, "sec", U32, body[:4], bodyOff))
			add(d.leaf(NodeField, "usec", U32, body[4:8], bodyOff+4))
			off = 8
		}
	}
	if off < len(body) {
		reason := "unexpected bytes in a control message"
		if h.Type == TypeOverrun || h.Type == TypeNoop || name == "" {
			reason = "body not decoded"
		}
		add(d.tail(body[off:], bodyOff+off, reason))
	}
	nodes := d.alloc(np)
	copy(nodes, parts[:np])
	return d.finishControl(name, h, b, base, nodes)
}

// finishControl prepends the nlmsghdr node to a control message's nodes.
func (d *Decoder) finishControl(name string, h Header, b []byte, base int, body []Node) (string, *Message, MsgKind, []Node) {
	nodes := d.alloc(1 + len(body))
	nodes[0] = d.msgHeader(b, base)
	copy(nodes[1:], body)
	return name, nil, KindOther, nodes
}

func (d *Decoder) leaf(kind NodeKind, name string, t Type, data []byte, off int) Node {
	return Node{Kind: kind, Name: name, Type: t, Data: data, Offset: off, Big: d.big}
}

func (d *Decoder) tail(data []byte, off int, reason string) Node {
	return Node{Kind: NodeTail, Type: Binary, Data: data, Offset: off, Err: reason, Big: d.big}
}

func (d *Decoder) push(nodes, hdr []Node) { d.stack = append(d.stack, level{nodes: nodes, hdr: hdr}) }
func (d *Decoder) pop()                   { d.stack = d.stack[:len(d.stack)-1] }

// countAttrs counts the well-formed attributes at the start of b and
// returns where they end (including the last one's padding, as far as b
// has it).
func countAttrs(b []byte, order binary.ByteOrder) (count, end int) {
	return countRecords(b, order, AttrHeaderLen)
}

// countRecords counts the well-formed length-prefixed records at the
// start of b: each begins with a u16 length of at least min that fits b,
// and the next begins at the length aligned to 4.
func countRecords(b []byte, order binary.ByteOrder, min int) (count, end int) {
	off := 0
	for len(b)-off >= min && min >= 2 {
		l := int(order.Uint16(b[off:]))
		if l < min || l > len(b)-off {
			break
		}
		count++
		next := off + Align(l)
		if next > len(b) {
			next = len(b)
		}
		off = next
	}
	return count, off
}

// fillAttrs frames the attributes of b (which countAttrs has measured)
// into nodes, without decoding payloads.
func (d *Decoder) fillAttrs(nodes []Node, b []byte, base int, set *AttrSet) {
	order := d.order()
	off := 0
	for i := range nodes {
		l := int(order.Uint16(b[off:]))
		t := order.Uint16(b[off+2:])
		next := off + Align(l)
		if next > len(b) {
			next = len(b)
		}
		num := t & NLATypeMask
		nodes[i] = Node{
			Kind: NodeAttr, Num: num, NLAFlags: t &^ NLATypeMask, Type: Binary,
			Offset: base + off, Data: b[off+AttrHeaderLen : off+l], pad: uint8(next-off-l) + 1,
			Def: set.Lookup(num), Big: d.big,
		}
		off = next
	}
}

// decodeAttr decodes the payload of a framed attribute node according to
// its definition, resolving kind selectors against its siblings.
func (d *Decoder) decodeAttr(n *Node) {
	def := n.Def
	if def == nil {
		return
	}
	n.Name = def.Name
	if def.Select != nil {
		def = d.resolve(def)
		n.Def = def
	}
	d.decodePayload(n, def, n.Offset+AttrHeaderLen)
}

// resolve picks the definition of a selected attribute.
func (d *Decoder) resolve(def *Attr) *Attr {
	sel := def.Select
	var key *Node
	if sel.Header != "" {
		for i := len(d.stack) - 1; i >= 0 && key == nil; i-- {
			for j := range d.stack[i].hdr {
				if d.stack[i].hdr[j].Name == sel.Header {
					key = &d.stack[i].hdr[j]
					break
				}
			}
		}
	} else {
		key = d.sibling(sel.Sibling)
		if key == nil && sel.Or != "" {
			key = d.sibling(sel.Or)
		}
	}
	if key == nil {
		return def
	}
	var c *Attr
	if sel.ByString != nil {
		c = sel.ByString[string(cstring(key.Data))]
	} else if sel.ByInt != nil {
		tmp := *key
		if tmp.Type == Binary && key.Def != nil {
			tmp.Type = key.Def.Type
		}
		if v, ok := tmp.Uint(); ok {
			c = sel.ByInt[v]
		}
	}
	if c == nil {
		return def
	}
	return c
}

// sibling finds the attribute named name at the innermost level that has
// one.
func (d *Decoder) sibling(name string) *Node {
	for i := len(d.stack) - 1; i >= 0; i-- {
		for j := range d.stack[i].nodes {
			if c := &d.stack[i].nodes[j]; c.Def != nil && c.Def.Name == name {
				return c
			}
		}
	}
	return nil
}

// decodePayload decodes n.Data as def says; off is the message offset of
// n.Data. On any mismatch the node stays Binary with Err set, which keeps
// every byte.
func (d *Decoder) decodePayload(n *Node, def *Attr, off int) {
	data := n.Data
	switch t := def.Type; t {
	case Binary:
		n.Type = Binary
	case U8, U16, U32, U64, S8, S16, S32, S64, BE16, BE32, BE64:
		if len(data) == 0 && def.AlsoFlag {
			n.Type = Flag
			return
		}
		if len(data) != t.Size() {
			n.Err = fmt.Sprintf("%s needs %d bytes, payload has %d", t, t.Size(), len(data))
			return
		}
		n.Type = t
	case Uint, Sint:
		switch len(data) {
		case 1, 2, 4, 8:
			n.Type = t
		default:
			n.Err = fmt.Sprintf("%s needs 1, 2, 4 or 8 bytes, payload has %d", t, len(data))
		}
	case Flag:
		if len(data) != 0 {
			n.Err = fmt.Sprintf("flag has a %d-byte payload", len(data))
			return
		}
		n.Type = Flag
	case String:
		n.Type = String
	case IPAddr:
		if len(data) != 4 && len(data) != 16 {
			n.Err = fmt.Sprintf("address needs 4 or 16 bytes, payload has %d", len(data))
			return
		}
		n.Type = IPAddr
	case HWAddr:
		n.Type = HWAddr
	case Nested:
		n.Type = Nested
		cnt, end := countAttrs(data, d.order())
		tail := end < len(data)
		k := cnt
		if tail {
			k++
		}
		kids := d.alloc(k)
		d.fillAttrs(kids[:cnt], data[:end], off, def.Set)
		if def.Index != nil {
			for i := range kids[:cnt] {
				if kids[i].Def == nil {
					if name, ok := def.Index.Lookup(uint64(kids[i].Num)); ok {
						kids[i].Name = name
					}
				}
			}
		}
		var hdr []Node
		if len(d.stack) > 0 {
			hdr = d.stack[len(d.stack)-1].hdr
		}
		d.push(kids[:cnt], hdr)
		for i := range kids[:cnt] {
			d.decodeAttr(&kids[i])
		}
		d.pop()
		if tail {
			kids[cnt] = d.tail(data[end:], off+end, "bytes after the last attribute do not form an attribute")
		}
		n.Children = kids
	case Struct:
		if def.Struct == nil {
			return
		}
		n.Type = Struct
		n.Children = d.structFields(def.Struct, data, off)
	case StructAttrs:
		if def.Struct == nil {
			return
		}
		n.Type = StructAttrs
		size := def.Struct.Size()
		if len(data) < size {
			n.Children = d.alloc(1)
			n.Children[0] = d.structNode(def.Struct.Name, def.Struct, data, off)
			return
		}
		start := Align(size)
		if start > len(data) {
			start = len(data)
		}
		cnt, end := countAttrs(data[start:], d.order())
		end += start
		tail := end < len(data)
		k := 1 + cnt
		if tail {
			k++
		}
		kids := d.alloc(k)
		kids[0] = d.structNode(def.Struct.Name, def.Struct, data[:size], off)
		kids[0].pad = uint8(start-size) + 1
		d.fillAttrs(kids[1:1+cnt], data[start:end], off+start, def.Set)
		d.push(kids[1:1+cnt], kids[0].Children)
		for i := 1; i <= cnt; i++ {
			d.decodeAttr(&kids[i])
		}
		d.pop()
		if tail {
			kids[k-1] = d.tail(data[end:], off+end, "bytes after the last attribute do not form an attribute")
		}
		n.Children = kids
	case Array:
		n.Type = Array
		n.Children = d.arrayElems(def, data, off)
	case Records:
		if def.Struct == nil {
			return
		}
		n.Type = Records
		n.Children = d.records(def, data, off)
	}
}

// structNode decodes b as struct st into a NodeStruct.
func (d *Decoder) structNode(name string, st *StructDef, b []byte, off int) Node {
	return Node{Kind: NodeStruct, Name: name, Type: Struct, Offset: off, Data: b, Children: d.structFields(st, b, off), Big: d.big}
}

// structFields decodes the fields of st from b. Missing bytes end the
// fields early; extra bytes become Trailing elements or a tail node.
func (d *Decoder) structFields(st *StructDef, b []byte, off int) []Node {
	lay := st.layout()
	if lay.flat && st.Trailing == nil && len(b) == st.Size() {
		// The common case (every fixed header): copy the prepared field
		// nodes and point them at the bytes.
		kids := d.alloc(len(lay.tmpl))
		copy(kids, lay.tmpl)
		for i := range kids {
			o := lay.offs[i]
			kids[i].Offset = off + o
			kids[i].Data = b[o : o+lay.widths[i]]
			kids[i].Big = d.big
		}
		return kids
	}
	// Count first so the children are one allocation.
	n, pos := 0, 0
	for i := range st.Fields {
		w := lay.widths[i]
		if pos+w > len(b) {
			break
		}
		pos += w
		n++
	}
	trailing, tw := 0, 0
	if n == len(st.Fields) && st.Trailing != nil && len(b) > pos {
		if tw = st.Trailing.Width(); tw > 0 {
			trailing = (len(b) - pos) / tw
			if st.TrailingCount != "" {
				if c := d.countField(st, lay, b); c < trailing {
					trailing = c
				}
			}
		} else {
			trailing, tw = 1, len(b)-pos
		}
	}
	end := pos + trailing*tw
	tail := end < len(b)
	rest := tail && st.Rest != nil && n == len(st.Fields)
	total := n + trailing
	if tail {
		total++
	}
	kids := d.alloc(total)
	pos = 0
	for i := 0; i < n; i++ {
		w := lay.widths[i]
		kids[i] = d.fieldNode(&st.Fields[i], b[pos:pos+w], off+pos)
		pos += w
	}
	for i := 0; i < trailing; i++ {
		kids[n+i] = d.fieldNode(st.Trailing, b[pos:pos+tw], off+pos)
		kids[n+i].Kind = elemKind(kids[n+i].Kind)
		kids[n+i].Num = uint16(i)
		pos += tw
	}
	if rest {
		kids[total-1] = d.fieldNode(st.Rest, b[pos:], off+pos)
		return kids
	}
	if tail {
		reason := fmt.Sprintf("%s: %d bytes beyond its %d-byte layout", st.Name, len(b)-pos, pos)
		if n < len(st.Fields) {
			reason = fmt.Sprintf("%s: short, %d of %d bytes", st.Name, len(b), st.Size())
		}
		kids[total-1] = d.tail(b[pos:], off+pos, reason)
	}
	return kids
}

// countField reads the struct's TrailingCount field; a count that is not
// readable or negative gives 0 elements.
func (d *Decoder) countField(st *StructDef, lay *structLayout, b []byte) int {
	for i := range st.Fields {
		if st.Fields[i].Name != st.TrailingCount {
			continue
		}
		n := Node{Type: st.Fields[i].Type, Data: b[lay.offs[i] : lay.offs[i]+lay.widths[i]], Big: d.big}
		v, ok := n.Uint()
		if !ok {
			return 0
		}
		c := int(v) + st.TrailingBias
		if v > 1<<20 || c < 0 {
			return 0
		}
		return c
	}
	return 0
}

func elemKind(k NodeKind) NodeKind {
	if k == NodeField || k == NodeStruct {
		return NodeElem
	}
	return k
}

func (d *Decoder) fieldNode(f *Field, b []byte, off int) Node {
	if f.Type == Struct && f.Struct != nil {
		n := d.structNode(f.Name, f.Struct, b, off)
		n.Field = f
		return n
	}
	t := f.Type
	if t == IPAddr && len(b) != 4 && len(b) != 16 {
		t = Binary
	}
	return Node{Kind: NodeField, Name: f.Name, Type: t, Data: b, Offset: off, Field: f, Big: d.big}
}

// arrayElems decodes an Array payload.
func (d *Decoder) arrayElems(def *Attr, b []byte, off int) []Node {
	w := def.Elem.Size()
	var st *StructDef
	if def.Elem == Struct {
		st = def.Struct
		if st != nil {
			w = st.Size()
		}
	}
	if w == 0 {
		return []Node{d.tail(b, off, "array element size unknown")}[:1:1]
	}
	cnt := len(b) / w
	tail := cnt*w < len(b)
	total := cnt
	if tail {
		total++
	}
	kids := d.alloc(total)
	for i := 0; i < cnt; i++ {
		e := b[i*w : (i+1)*w]
		if st != nil {
			kids[i] = d.structNode("", st, e, off+i*w)
			kids[i].Kind = NodeElem
		} else {
			kids[i] = d.leaf(NodeElem, "", def.Elem, e, off+i*w)
			kids[i].Def = def
		}
		kids[i].Num = uint16(i)
		if def.Index != nil {
			if name, ok := def.Index.Lookup(uint64(i)); ok {
				kids[i].Name = name
			}
		}
	}
	if tail {
		kids[cnt] = d.tail(b[cnt*w:], off+cnt*w, fmt.Sprintf("%d bytes left over after %d elements of %d bytes", len(b)-cnt*w, cnt, w))
	}
	return kids
}

// records decodes a Records payload: a struct whose first field is the
// record length, then attributes, repeated (struct rtnexthop).
func (d *Decoder) records(def *Attr, b []byte, off int) []Node {
	order := d.order()
	size := def.Struct.Size()
	cnt, pos := countRecords(b, order, size)
	tail := pos < len(b)
	total := cnt
	if tail {
		total++
	}
	kids := d.alloc(total)
	pos = 0
	for i := 0; i < cnt; i++ {
		l := int(order.Uint16(b[pos:]))
		next := pos + Align(l)
		if next > len(b) {
			next = len(b)
		}
		rec := b[pos : pos+l]
		ac, aend := countAttrs(rec[size:], order)
		aend += size
		rtail := aend < len(rec)
		k := 1 + ac
		if rtail {
			k++
		}
		rk := d.alloc(k)
		rk[0] = d.structNode(def.Struct.Name, def.Struct, rec[:size], off+pos)
		d.fillAttrs(rk[1:1+ac], rec[size:aend], off+pos+size, def.Set)
		d.push(rk[1:1+ac], rk[0].Children)
		for j := 1; j <= ac; j++ {
			d.decodeAttr(&rk[j])
		}
		d.pop()
		if rtail {
			rk[k-1] = d.tail(rec[aend:], off+pos+aend, "bytes after the last attribute do not form an attribute")
		}
		kids[i] = Node{Kind: NodeElem, Num: uint16(i), Type: Records, Offset: off + pos, Data: rec, pad: uint8(next-pos-l) + 1, Children: rk, Big: d.big}
		pos = next
	}
	if tail {
		kids[cnt] = d.tail(b[pos:], off+pos, "bytes do not form a record")
	}
	return kids
}
