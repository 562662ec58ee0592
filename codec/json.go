package codec

import (
	"encoding/hex"
	"strconv"
	"time"
	"unicode/utf8"
	"unsafe"
)

// JSONContext carries what a message's JSON object says about where the
// message came from.
type JSONContext struct {
	Frame int       // frame number, from 1; 0 leaves the key out
	Time  time.Time // capture time; zero leaves the key out
	// Symbols, when set, names the interfaces whose indexes a batch
	// patches on the target (its relocations), by the offset of the
	// integer in the message: such a value is printed as the name, a
	// string, which the JSON front end compiles back into a relocation.
	Symbols map[int]string
	// Stamp, when set, is Time already formatted by AppendTime: a
	// frame's messages share it, so callers format it once per frame.
	Stamp []byte
}

// AppendTime formats a capture time as JSON output shows it: RFC 3339
// with nanoseconds, in UTC.
func AppendTime(b []byte, t time.Time) []byte { return t.UTC().AppendFormat(b, time.RFC3339Nano) }

// TimeFormatter is AppendTime for a stream of increasing times: it keeps
// the formatted date and time of the last second seen and only writes
// the fraction anew, since captures hold thousands of frames a second.
type TimeFormatter struct {
	sec    int64
	prefix []byte // "2006-01-02T15:04:05" of sec
}

// Append appends t as AppendTime does.
func (f *TimeFormatter) Append(b []byte, t time.Time) []byte {
	t = t.UTC()
	if f.prefix == nil || t.Unix() != f.sec {
		f.sec = t.Unix()
		f.prefix = t.Truncate(time.Second).AppendFormat(f.prefix[:0], "2006-01-02T15:04:05")
	}
	b = append(b, f.prefix...)
	if ns := t.Nanosecond(); ns != 0 {
		// RFC3339Nano's fraction: nine digits without trailing zeros.
		var d [10]byte
		d[0] = '.'
		for i := 9; i >= 1; i-- {
			d[i] = byte('0' + ns%10)
			ns /= 10
		}
		end := 10
		for d[end-1] == '0' {
			end--
		}
		b = append(b, d[:end]...)
	}
	return append(b, 'Z')
}

// AppendJSON appends m as one JSON object (no newline), in the form
// documented in docs/json.md.
func AppendJSON(b []byte, m *Msg, ctx JSONContext) []byte {
	b = append(b, '{')
	if ctx.Frame > 0 {
		b = append(b, `"frame":`...)
		b = strconv.AppendInt(b, int64(ctx.Frame), 10)
		b = append(b, ',')
	}
	if ctx.Stamp != nil {
		b = append(b, `"time":"`...)
		b = append(b, ctx.Stamp...)
		b = append(b, `",`...)
	} else if !ctx.Time.IsZero() {
		b = append(b, `"time":"`...)
		b = AppendTime(b, ctx.Time)
		b = append(b, `",`...)
	}
	b = append(b, `"msg":`...)
	b = strconv.AppendInt(b, int64(m.Index)+1, 10)
	b = append(b, `,"offset":`...)
	b = strconv.AppendInt(b, int64(m.Offset), 10)
	b = append(b, `,"family":`...)
	b = appendJSONString(b, ProtocolName(m.Protocol))
	if m.Big {
		b = append(b, `,"byte_order":"big"`...)
	}
	b = appendJSONMsgBody(b, m.Name, m.Header, m.Kind, m.Nodes, ctx.Symbols)
	if m.Header.Type == TypeError || m.Header.Type == TypeDone {
		b = appendJSONAck(b, m)
	}
	return append(b, '}')
}

// appendJSONMsgBody writes the keys shared by top-level and echoed
// messages: len, type, flags, seq, pid, header, attrs.
func appendJSONMsgBody(b []byte, name string, h Header, kind MsgKind, nodes []Node, syms map[int]string) []byte {
	b = append(b, `,"len":`...)
	b = strconv.AppendUint(b, uint64(h.Len), 10)
	b = append(b, `,"type":`...)
	if name != "" {
		b = appendJSONString(b, name)
	} else {
		b = strconv.AppendUint(b, uint64(h.Type), 10)
	}
	b = append(b, `,"flags":`...)
	b = appendJSONFlags(b, FlagNames(kind, h.Type), uint64(h.Flags))
	b = append(b, `,"seq":`...)
	b = strconv.AppendUint(b, uint64(h.Seq), 10)
	b = append(b, `,"pid":`...)
	b = strconv.AppendUint(b, uint64(h.PID), 10)
	firstAttr := true
	for i := range nodes {
		n := &nodes[i]
		switch {
		case n.Kind == NodeStruct && n.Name == "nlmsghdr":
		case n.Kind == NodeStruct:
			b = append(b, `,"header":`...)
			b = appendJSONStruct(b, n.Children, syms)
		case n.Kind == NodeAttr || n.Kind == NodeTail:
			if firstAttr {
				b = append(b, `,"attrs":[`...)
			} else {
				b = append(b, ',')
			}
			firstAttr = false
			b = appendJSONAttr(b, n, syms)
		}
	}
	if !firstAttr {
		b = append(b, ']')
	}
	return b
}

func appendJSONAck(b []byte, m *Msg) []byte {
	if code, ok := m.Error(); ok {
		b = append(b, `,"error":`...)
		b = strconv.AppendInt(b, int64(code), 10)
		if name := ErrnoName(code); name != "" {
			b = append(b, `,"errno":`...)
			b = appendJSONName(b, name)
		}
	}
	if e, ok := m.ExtAck(); ok {
		b = append(b, `,"ext_ack":{`...)
		sep := false
		key := func(k string) {
			if sep {
				b = append(b, ',')
			}
			sep = true
			b = appendJSONString(b, k)
			b = append(b, ':')
		}
		if e.Msg != "" {
			key("msg")
			b = appendJSONString(b, e.Msg)
		}
		if e.HasOffset {
			key("offset")
			b = strconv.AppendUint(b, uint64(e.Offset), 10)
			if e.Attr != "" {
				key("attr")
				b = appendJSONString(b, e.Attr)
			}
		}
		if e.Cookie != nil {
			key("cookie")
			b = appendJSONHex(b, e.Cookie)
		}
		if e.HasMiss {
			key("miss_type")
			b = strconv.AppendUint(b, uint64(e.MissType), 10)
			if e.MissAttr != "" {
				key("miss_attr")
				b = appendJSONName(b, e.MissAttr)
			}
		}
		if e.HasNest {
			key("miss_nest")
			b = strconv.AppendUint(b, uint64(e.MissNest), 10)
		}
		b = append(b, '}')
	}
	if req := m.Request(); req != nil {
		h, _ := ParseHeader(req.Data, req.Order())
		kind := KindOther
		if def := m.RequestDef(); def != nil {
			kind = def.Kind
		}
		b = append(b, `,"request":{"offset":`...)
		b = strconv.AppendInt(b, int64(req.Offset), 10)
		b = appendJSONMsgBody(b, req.Name, h, kind, req.Children, nil)
		if req.Err != "" {
			b = append(b, `,"error":`...)
			b = appendJSONString(b, req.Err)
		}
		b = append(b, '}')
	}
	return b
}

// appendJSONAttr writes one attribute (or trailing bytes) object.
func appendJSONAttr(b []byte, n *Node, syms map[int]string) []byte {
	if n.Kind == NodeTail {
		b = append(b, `{"trailing":`...)
		b = appendJSONHex(b, n.Data)
		b = append(b, `,"offset":`...)
		b = strconv.AppendInt(b, int64(n.Offset), 10)
		if n.Err != "" {
			b = append(b, `,"error":`...)
			b = appendJSONString(b, n.Err)
		}
		return append(b, '}')
	}
	if n.Def != nil && n.Def.jsonHead != "" && n.Name == n.Def.Name && n.Num == n.Def.Num {
		// `{"name":"X","type":N` prepared once per definition.
		b = append(b, n.Def.jsonHead...)
	} else {
		b = append(b, '{')
		if n.Name != "" {
			b = append(b, `"name":`...)
			b = appendJSONName(b, n.Name)
			b = append(b, ',')
		}
		b = append(b, `"type":`...)
		b = strconv.AppendUint(b, uint64(n.Num), 10)
	}
	if n.NLAFlags&NLANested != 0 {
		b = append(b, `,"nested":true`...)
	}
	if n.NLAFlags&NLANetByteOrder != 0 {
		b = append(b, `,"net_byteorder":true`...)
	}
	switch {
	case n.Def == nil || n.Err != "":
		b = append(b, `,"raw":`...)
		b = appendJSONHex(b, n.Data)
		if n.Err != "" {
			b = append(b, `,"error":`...)
			b = appendJSONString(b, n.Err)
		}
	case n.Type == Nested:
		b = append(b, `,"attrs":`...)
		b = appendJSONAttrList(b, n.Children, syms)
	case n.Type == StructAttrs:
		if len(n.Children) > 0 {
			b = append(b, `,"value":`...)
			b = appendJSONStruct(b, n.Children[0].Children, syms)
			b = append(b, `,"attrs":`...)
			b = appendJSONAttrList(b, n.Children[1:], syms)
		}
	default:
		b = append(b, `,"value":`...)
		b = appendJSONValue(b, n, syms)
	}
	return append(b, '}')
}

func appendJSONAttrList(b []byte, nodes []Node, syms map[int]string) []byte {
	b = append(b, '[')
	for i := range nodes {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONAttr(b, &nodes[i], syms)
	}
	return append(b, ']')
}

// appendJSONStruct writes struct fields as an object; padding fields are
// left out unless they hold non-zero bytes, trailing bytes appear under
// "_trailing".
func appendJSONStruct(b []byte, fields []Node, syms map[int]string) []byte {
	b = append(b, '{')
	first := true
	elems := 0
	for i := range fields {
		f := &fields[i]
		if f.Kind == NodeElem {
			elems++
			continue
		}
		if f.Field != nil && f.Field.Hidden() && isZero(f.Data) {
			continue
		}
		if !first {
			b = append(b, ',')
		}
		first = false
		switch f.Kind {
		case NodeTail:
			b = append(b, `"_trailing":`...)
			b = appendJSONHex(b, f.Data)
		default:
			if f.Field != nil && f.Field.jsonKey != "" && f.Name == f.Field.Name {
				b = append(b, f.Field.jsonKey...)
			} else {
				b = appendJSONName(b, f.Name)
				b = append(b, ':')
			}
			b = appendJSONValue(b, f, syms)
		}
	}
	if elems > 0 {
		if !first {
			b = append(b, ',')
		}
		b = append(b, `"_elems":[`...)
		j := 0
		for i := range fields {
			if fields[i].Kind != NodeElem {
				continue
			}
			if j > 0 {
				b = append(b, ',')
			}
			j++
			b = appendJSONValue(b, &fields[i], syms)
		}
		b = append(b, ']')
	}
	return append(b, '}')
}

// appendJSONValue writes a node's value: a number, a name, a list of
// flag names, a string, an object or a list.
func appendJSONValue(b []byte, n *Node, syms map[int]string) []byte {
	if syms != nil {
		off := n.Offset
		if n.Kind == NodeAttr {
			off += AttrHeaderLen
		}
		if name, ok := syms[off]; ok {
			return appendJSONString(b, name)
		}
	}
	if n.Err != "" || n.Kind == NodeTail {
		return appendJSONHex(b, n.Data)
	}
	switch n.Type {
	case U8, U16, U32, U64, S8, S16, S32, S64, BE16, BE32, BE64, Uint, Sint:
		u, ok := n.Uint()
		if !ok {
			return appendJSONHex(b, n.Data)
		}
		if enum := n.Enum(); enum != nil {
			if name, ok := enum.Lookup(u); ok {
				return appendJSONName(b, name)
			}
		}
		if flags := n.Flags(); flags != nil {
			return appendJSONFlags(b, flags, u)
		}
		if n.Type.Signed() {
			v, _ := n.Int()
			return strconv.AppendInt(b, v, 10)
		}
		return strconv.AppendUint(b, u, 10)
	case Flag:
		return append(b, "true"...)
	case String:
		return appendJSONStringBytes(b, cstring(n.Data))
	case IPAddr:
		b = append(b, '"')
		b = appendAddr(b, n.Data)
		return append(b, '"')
	case HWAddr:
		b = append(b, '"')
		b = appendMAC(b, n.Data)
		return append(b, '"')
	case Struct:
		return appendJSONStruct(b, n.Children, syms)
	case Array:
		named := len(n.Children) > 0 && n.Children[0].Name != ""
		if named {
			b = append(b, '{')
		} else {
			b = append(b, '[')
		}
		for i := range n.Children {
			c := &n.Children[i]
			if i > 0 {
				b = append(b, ',')
			}
			if named {
				name := c.Name
				if name == "" {
					name = strconv.Itoa(int(c.Num))
				}
				if c.Kind == NodeTail {
					name = "_trailing"
				}
				b = appendJSONName(b, name)
				b = append(b, ':')
			}
			if c.Kind == NodeElem && c.Type == Struct || len(c.Children) > 0 {
				b = appendJSONStruct(b, c.Children, syms)
			} else {
				b = appendJSONValue(b, c, syms)
			}
		}
		if named {
			return append(b, '}')
		}
		return append(b, ']')
	case Records:
		b = append(b, '[')
		for i := range n.Children {
			c := &n.Children[i]
			if i > 0 {
				b = append(b, ',')
			}
			if c.Kind == NodeTail {
				b = appendJSONAttr(b, c, syms)
				continue
			}
			b = append(b, `{"header":`...)
			if len(c.Children) > 0 {
				b = appendJSONStruct(b, c.Children[0].Children, syms)
				b = append(b, `,"attrs":`...)
				b = appendJSONAttrList(b, c.Children[1:], syms)
			} else {
				b = append(b, "{}"...)
			}
			b = append(b, '}')
		}
		return append(b, ']')
	case Nested:
		return appendJSONAttrList(b, n.Children, syms)
	}
	return appendJSONHex(b, n.Data)
}

func appendJSONFlags(b []byte, e *Enum, u uint64) []byte {
	b = append(b, '[')
	first := true
	rest := e.eachBit(u, func(i int, _ uint64) {
		if !first {
			b = append(b, ',')
		}
		first = false
		b = appendJSONName(b, e.names[i])
	})
	if rest != 0 {
		if !first {
			b = append(b, ',')
		}
		b = append(b, `"0x`...)
		b = strconv.AppendUint(b, rest, 16)
		b = append(b, '"')
	}
	return append(b, ']')
}

func appendJSONHex(b []byte, d []byte) []byte {
	b = append(b, '"')
	b = hex.AppendEncode(b, d)
	return append(b, '"')
}

// appendJSONName writes a schema name (attribute, field, enum, flag or
// errno name): identifiers that need no escaping, which a test checks
// for every name in the tables.
func appendJSONName(b []byte, s string) []byte {
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}

func appendJSONString(b []byte, s string) []byte {
	// The bytes are only read: no copy needed.
	return appendJSONStringBytes(b, unsafe.Slice(unsafe.StringData(s), len(s)))
}

// appendJSONStringBytes writes s as a JSON string; invalid UTF-8 becomes
// U+FFFD so the output always parses.
func appendJSONStringBytes(b []byte, s []byte) []byte {
	b = append(b, '"')
	for len(s) > 0 {
		// Copy the longest run that needs no escaping in one go.
		i := 0
		for i < len(s) && jsonSafe[s[i]] {
			i++
		}
		b = append(b, s[:i]...)
		s = s[i:]
		if len(s) == 0 {
			break
		}
		c := s[0]
		if c < utf8.RuneSelf {
			if c == '"' || c == '\\' {
				b = append(b, '\\', c)
			} else {
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&15])
			}
			s = s[1:]
			continue
		}
		r, size := utf8.DecodeRune(s)
		if r == utf8.RuneError && size == 1 {
			b = append(b, `\ufffd`...)
		} else {
			b = append(b, s[:size]...)
		}
		s = s[size:]
	}
	return append(b, '"')
}

// jsonSafe marks the ASCII bytes that appear in a JSON string as they are.
var jsonSafe = func() (t [256]bool) {
	for c := 0x20; c < 0x7f; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()
