package codec

import (
	"strconv"
	"strings"

	"golang.org/x/sys/unix"
)

// segment is one '|'-separated part of a summary template: literal text
// and placeholders, printed only when every placeholder resolves.
type segment []piece

type piece struct {
	lit  string
	path []string // nil for a literal
	// The first path element, resolved against the message definition:
	// a header field index or an attribute number (-1 when neither).
	hdrField int
	attrNum  int
}

// parseSummary compiles a Message.Summary template for def.
func parseSummary(tmpl string, def *Message) []segment {
	var segs []segment
	for _, part := range strings.Split(tmpl, "|") {
		var seg segment
		for part != "" {
			i := strings.IndexByte(part, '{')
			if i < 0 {
				seg = append(seg, piece{lit: part})
				break
			}
			j := strings.IndexByte(part[i:], '}')
			if j < 0 {
				seg = append(seg, piece{lit: part})
				break
			}
			if i > 0 {
				seg = append(seg, piece{lit: part[:i]})
			}
			p := piece{path: strings.Split(part[i+1:i+j], "."), hdrField: -1, attrNum: -1}
			if def.Header != nil {
				for k := range def.Header.Fields {
					if def.Header.Fields[k].Name == p.path[0] {
						p.hdrField = k
					}
				}
			}
			if a := def.Attrs.ByName(p.path[0]); a != nil && p.hdrField < 0 {
				p.attrNum = int(a.Num)
			}
			seg = append(seg, p)
			part = part[i+j+1:]
		}
		if len(seg) > 0 {
			segs = append(segs, seg)
		}
	}
	return segs
}

func (m *Message) segments() []segment {
	m.summaryOnce.Do(func() { m.summary = parseSummary(m.Summary, m) })
	return m.summary
}

// lookupPath finds the node a placeholder names: a field of the fixed
// header or a top-level attribute, then children by name.
func lookupPath(nodes []Node, path []string) *Node {
	var n *Node
	for i := range nodes {
		c := &nodes[i]
		if c.Kind == NodeStruct && c.Name != "nlmsghdr" {
			for j := range c.Children {
				if c.Children[j].Name == path[0] {
					n = &c.Children[j]
					break
				}
			}
		} else if c.Name == path[0] {
			n = c
		}
		if n != nil {
			break
		}
	}
	return descend(n, path[1:])
}

// descend follows names down from n through children, nil when a name
// is missing.
func descend(n *Node, names []string) *Node {
	for _, name := range names {
		if n == nil {
			return nil
		}
		var next *Node
		for j := range n.Children {
			if n.Children[j].Name == name {
				next = &n.Children[j]
				break
			}
		}
		n = next
	}
	return n
}

// topIndex locates a message's top-level attributes by number and its
// fixed header's fields, for resolving template placeholders.
type topIndex struct {
	attr [128]uint16 // 1 + node index, 0 when absent
	hdr  []Node
}

// resolveIndexed is resolve using a message's topIndex.
func (p *piece) resolveIndexed(nodes []Node, ix *topIndex) *Node {
	var n *Node
	switch {
	case p.hdrField >= 0:
		if p.hdrField >= len(ix.hdr) {
			return nil
		}
		n = &ix.hdr[p.hdrField]
	case p.attrNum >= 0 && p.attrNum < len(ix.attr):
		i := ix.attr[p.attrNum]
		if i == 0 {
			return nil
		}
		n = &nodes[i-1]
		if n.Name != p.path[0] {
			// Requests may number attributes differently
			// (Message.RequestAttrs): fall back to names.
			return lookupPath(nodes, p.path)
		}
	default:
		return p.resolve(nodes)
	}
	return descend(n, p.path[1:])
}

// resolve finds the node a compiled placeholder names, by header field
// index or attribute number where the template could resolve them, by
// name otherwise.
func (p *piece) resolve(nodes []Node) *Node {
	var n *Node
	switch {
	case p.hdrField >= 0:
		for i := range nodes {
			if c := &nodes[i]; c.Kind == NodeStruct && c.Name != "nlmsghdr" {
				if p.hdrField < len(c.Children) {
					n = &c.Children[p.hdrField]
				}
				break
			}
		}
	case p.attrNum >= 0:
		for i := range nodes {
			// The name check matters where requests number attributes
			// differently (Message.RequestAttrs).
			if c := &nodes[i]; c.Kind == NodeAttr && int(c.Num) == p.attrNum && c.Name == p.path[0] {
				n = c
				break
			}
		}
	default:
		return lookupPath(nodes, p.path)
	}
	return descend(n, p.path[1:])
}

// appendTemplate writes the summary of a message body from its
// definition's template.
func appendTemplate(b []byte, def *Message, nodes []Node, links map[uint32]string) []byte {
	if def == nil || def.Summary == "" {
		return b
	}
	// Index the top level once: attribute numbers (below 128, as nearly
	// all are) to their first node, and the fixed header's fields.
	var ix topIndex
	for i := range nodes {
		c := &nodes[i]
		switch {
		case c.Kind == NodeAttr && c.Num < uint16(len(ix.attr)) && ix.attr[c.Num] == 0:
			ix.attr[c.Num] = uint16(i + 1)
		case c.Kind == NodeStruct && c.Name != "nlmsghdr" && ix.hdr == nil:
			ix.hdr = c.Children
		}
	}
	first := true
	var found [8]*Node
	for _, seg := range def.segments() {
		ok := true
		k := 0
		for i := range seg {
			p := &seg[i]
			if p.path == nil {
				continue
			}
			n := p.resolveIndexed(nodes, &ix)
			if n == nil {
				ok = false
				break
			}
			if k < len(found) {
				found[k] = n
			}
			k++
		}
		if !ok {
			continue
		}
		if !first {
			b = append(b, ' ')
		}
		first = false
		k = 0
		for i := range seg {
			p := &seg[i]
			if p.path == nil {
				b = append(b, p.lit...)
				continue
			}
			var n *Node
			if k < len(found) {
				n = found[k]
			} else {
				n = p.resolveIndexed(nodes, &ix)
			}
			k++
			b = appendValue(b, n, StyleSummary, links)
		}
	}
	return b
}

// ProtocolName returns the short name of a netlink protocol.
func ProtocolName(proto int) string {
	if p := LookupProtocol(proto); p != nil {
		return p.Name
	}
	return "proto-" + strconv.Itoa(proto)
}

// TypeName returns the name of message type t in a protocol, or "" when
// unknown. Generic netlink family ids are named by the decoder, which
// learns them from the capture.
func TypeName(proto int, t uint16) string {
	if t < MinType {
		return controlNames[t]
	}
	p := LookupProtocol(proto)
	if p == nil {
		return ""
	}
	if m := p.Lookup(t); m != nil {
		return m.Name
	}
	if p.TypeName != nil {
		return p.TypeName(t)
	}
	return ""
}

// appendIntro writes "NAME seq=S pid=P [FLAGS]".
func appendIntro(b []byte, proto int, name string, h Header, kind MsgKind) []byte {
	if proto != ProtoRoute {
		b = append(b, ProtocolName(proto)...)
		b = append(b, ' ')
	}
	if name != "" {
		b = append(b, name...)
	} else {
		b = append(b, "type="...)
		b = strconv.AppendUint(b, uint64(h.Type), 10)
	}
	b = append(b, " seq="...)
	b = strconv.AppendUint(b, uint64(h.Seq), 10)
	b = append(b, " pid="...)
	b = strconv.AppendUint(b, uint64(h.PID), 10)
	if h.Flags != 0 {
		b = append(b, " ["...)
		b = appendFlagNames(b, FlagNames(kind, h.Type), uint64(h.Flags), StyleSummary)
		b = append(b, ']')
	}
	return b
}

// ErrnoName returns "ENOENT" style names for a netlink error code
// (negative errno), or "" for 0 and unknown codes.
func ErrnoName(code int32) string {
	if code >= 0 {
		return ""
	}
	if unix.Errno(-code) == unix.EOPNOTSUPP {
		// Same number as ENOTSUP; the kernel's netlink code says this.
		return "EOPNOTSUPP"
	}
	return unix.ErrnoName(unix.Errno(-code))
}

// AppendSummary appends the one-line text form of m (no newline), in the
// spirit of `ip monitor`.
func AppendSummary(b []byte, m *Msg) []byte {
	b = appendIntro(b, m.Protocol, m.Name, m.Header, m.Kind)
	switch m.Header.Type {
	case TypeError, TypeDone:
		return appendAckSummary(b, m)
	}
	start := len(b)
	b = append(b, ' ')
	b = appendTemplate(b, m.Def, m.Nodes, m.Links)
	if len(b) == start+1 {
		b = b[:start]
	}
	return b
}

func appendAckSummary(b []byte, m *Msg) []byte {
	code, ok := m.Error()
	if !ok {
		return b
	}
	b = append(b, ' ')
	switch {
	case code == 0 && m.Header.Type == TypeError:
		b = append(b, "ack"...)
	case code == 0:
		b = append(b, "done"...)
	default:
		if name := ErrnoName(code); name != "" {
			b = append(b, name...)
			b = append(b, ' ')
		}
		b = append(b, '(')
		b = strconv.AppendInt(b, int64(code), 10)
		b = append(b, ')')
	}
	if e, ok := m.ExtAck(); ok {
		if e.Msg != "" {
			b = append(b, ' ')
			b = strconv.AppendQuote(b, e.Msg)
		}
		if e.HasOffset {
			b = append(b, " at offset "...)
			b = strconv.AppendUint(b, uint64(e.Offset), 10)
			if e.Attr != "" {
				b = append(b, " ("...)
				b = append(b, e.Attr...)
				b = append(b, ')')
			}
		}
		if e.HasMiss {
			b = append(b, " missing attribute "...)
			if e.MissAttr != "" {
				b = append(b, e.MissAttr...)
			} else {
				b = strconv.AppendUint(b, uint64(e.MissType), 10)
			}
		}
	}
	if req := m.Request(); req != nil {
		h, _ := ParseHeader(req.Data, req.Order())
		b = append(b, " for "...)
		if req.Name != "" {
			b = append(b, req.Name...)
		} else {
			b = append(b, "type="...)
			b = strconv.AppendUint(b, uint64(h.Type), 10)
		}
		b = append(b, " seq="...)
		b = strconv.AppendUint(b, uint64(h.Seq), 10)
		if def := m.RequestDef(); def != nil && len(req.Children) > 1 {
			start := len(b)
			b = append(b, ": "...)
			b = appendTemplate(b, def, req.Children, m.Links)
			if len(b) == start+2 {
				b = b[:start]
			}
		}
	}
	return b
}

// AppendTree appends the full tree of m, one node per line, each line
// starting with indent.
func AppendTree(b []byte, m *Msg, indent string) []byte {
	b = append(b, indent...)
	b = appendIntro(b, m.Protocol, m.Name, m.Header, m.Kind)
	b = append(b, " len="...)
	b = strconv.AppendUint(b, uint64(m.Header.Len), 10)
	b = append(b, '\n')
	if m.Header.Type == TypeError || m.Header.Type == TypeDone {
		b = append(b, indent...)
		b = append(b, " "...)
		b = appendAckSummary(b, m)
		b = append(b, '\n')
	}
	return appendTreeNodes(b, m.Nodes, indent, 1, true, m.Links)
}

func appendTreeNodes(b []byte, nodes []Node, indent string, depth int, top bool, links map[uint32]string) []byte {
	for i := range nodes {
		n := &nodes[i]
		if top && n.Kind == NodeStruct && n.Name == "nlmsghdr" {
			continue
		}
		if n.Field != nil && n.Field.Hidden() && n.Err == "" && isZero(n.Data) {
			continue
		}
		b = append(b, indent...)
		b = appendIndent(b, depth)
		b = appendNodeLabel(b, n)
		switch {
		case n.Kind == NodeMessage:
			h, _ := ParseHeader(n.Data, n.Order())
			b = append(b, ": "...)
			b = appendIntro(b, ProtoRoute, n.Name, h, KindOther)
			b = append(b, '\n')
			b = appendTreeNodes(b, n.Children, indent, depth+1, true, links)
		case len(n.Children) > 0 && n.Err == "":
			b = append(b, ":\n"...)
			b = appendTreeNodes(b, n.Children, indent, depth+1, false, links)
		default:
			b = append(b, ": "...)
			b = appendValue(b, n, StyleVerbose, links)
			if n.Err != "" {
				b = append(b, "  !! "...)
				b = append(b, n.Err...)
			}
			b = append(b, '\n')
		}
	}
	return b
}

// appendNodeLabel writes a node's name, with its number for attributes.
func appendNodeLabel(b []byte, n *Node) []byte {
	switch n.Kind {
	case NodeAttr:
		switch {
		case n.Name != "":
			b = append(b, n.Name...)
			b = append(b, " ("...)
		case n.Def != nil:
			// A member of an indexed list (actions by priority, ops).
			b = append(b, "["...)
		default:
			b = append(b, "unknown ("...)
		}
		b = strconv.AppendUint(b, uint64(n.Num), 10)
		if n.NLAFlags&NLANested != 0 {
			b = append(b, ",nested"...)
		}
		if n.NLAFlags&NLANetByteOrder != 0 {
			b = append(b, ",net"...)
		}
		if n.Name == "" && n.Def != nil {
			return append(b, ']')
		}
		return append(b, ')')
	case NodeElem:
		b = append(b, '[')
		b = strconv.AppendUint(b, uint64(n.Num), 10)
		b = append(b, ']')
		if n.Name != "" {
			b = append(b, ' ')
			b = append(b, n.Name...)
		}
		return b
	case NodeTail:
		return append(b, "(trailing bytes)"...)
	case NodeMessage:
		return append(b, "request"...)
	}
	if n.Name == "" {
		return append(b, "(struct)"...)
	}
	return append(b, n.Name...)
}

func isZero(b []byte) bool {
	for _, c := range b {
		if c != 0 {
			return false
		}
	}
	return true
}
