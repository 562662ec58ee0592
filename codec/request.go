package codec

import (
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Request is a netlink message written by names: a message type, header
// fields and attributes by their schema names with values as text (the
// forms AppendParsed reads). It is the one generic request under the
// batch compiler's front ends; Builder.Request checks it against the
// schema and encodes it.
type Request struct {
	Protocol int    // netlink protocol; 0 is NETLINK_ROUTE
	Type     string // message type name, e.g. "RTM_NEWROUTE"
	Flags    uint16 // nlmsg_flags
	Seq, PID uint32
	Header   []FieldValue // fields of the fixed header by name; missing ones are zero
	Attrs    []AttrValue
}

// FieldValue is one struct field by name. A struct's trailing elements
// (u32 selector keys, SRv6 segments) are given by repeating the trailing
// field's name.
type FieldValue struct {
	Name  string
	Value string
	// Fields give a field (or trailing element) that is itself a struct
	// (tc_ratespec inside tc_htb_opt, u32 keys).
	Fields []FieldValue
}

// AttrValue is one attribute: a text Value for scalars and arrays
// (elements separated by ','), Fields for struct payloads, Attrs for
// nests and for the attributes after a struct, Records for RTA_MULTIPATH
// style payloads. Raw, when not nil, is the exact payload and wins. An
// attribute the schema does not name is given by Num with Raw.
type AttrValue struct {
	Name     string
	Num      uint16 // used when Name is empty
	NLAFlags uint16 // NLA_F_NESTED / NLA_F_NET_BYTEORDER bits to set
	Value    string
	Raw      []byte
	Fields   []FieldValue
	Attrs    []AttrValue
	Records  []AttrValue // each with Fields (the record's struct, length filled in) and Attrs
}

// EncodeError reports a request that does not fit the schema; Path names
// the place ("RTM_NEWROUTE/RTA_METRICS/RTAX_MTU").
type EncodeError struct {
	Path string
	Err  error
}

func (e *EncodeError) Error() string { return e.Path + ": " + e.Err.Error() }
func (e *EncodeError) Unwrap() error { return e.Err }

// Request appends the encoding of r as one message. On error nothing is
// appended and the builder's error is set.
func (b *Builder) Request(r *Request) error {
	if b.err != nil {
		return b.err
	}
	start := len(b.buf)
	err := b.request(r)
	if err != nil {
		b.buf, b.nests, b.msgStart = b.buf[:start], b.nests[:0], -1
		b.fail(err)
	}
	return err
}

func (b *Builder) request(r *Request) error {
	applyHints()
	b.scratch.reset()
	p := LookupProtocol(r.Protocol)
	if p == nil {
		return &EncodeError{Path: r.Type, Err: fmt.Errorf("unknown netlink protocol %d", r.Protocol)}
	}
	def := p.ByName(r.Type)
	if def == nil {
		var names []string
		for _, m := range p.Messages {
			names = append(names, m.Name)
		}
		return &EncodeError{Path: r.Type, Err: fmt.Errorf("unknown message type%s", suggest(r.Type, names))}
	}
	b.Begin(def.Type, r.Flags, r.Seq, r.PID)
	if def.Header != nil {
		if err := b.structValue(b.newPath(b.newPath(nil, 0, def.Name, 0), '/', def.Header.Name, 0), def.Header, r.Header); err != nil {
			return err
		}
	} else if len(r.Header) > 0 {
		return &EncodeError{Path: def.Name, Err: errors.New("message has no fixed header")}
	}
	set := def.Attrs
	if def.RequestAttrs != nil && r.Flags&FlagRequest != 0 {
		set = def.RequestAttrs
	}
	if len(r.Attrs) > 0 && set == nil {
		return &EncodeError{Path: def.Name, Err: errors.New("message takes no attributes")}
	}
	ctx := b.newCtx(encodeCtx{header: def.Header, values: r.Header})
	if err := b.attrValues(b.newPath(nil, 0, def.Name, 0), set, r.Attrs, ctx, nil); err != nil {
		return err
	}
	b.End()
	return b.err
}

// encPath names the place being encoded, for errors; it is built into a
// string only when an error needs it.
type encPath struct {
	parent *encPath
	sep    byte
	name   string
	num    uint16 // shown when name is empty
}

func (p *encPath) String() string {
	if p == nil {
		return ""
	}
	s := p.name
	if s == "" {
		s = strconv.Itoa(int(p.num))
	}
	if p.parent == nil {
		return s
	}
	return p.parent.String() + string(p.sep) + s
}

// scratch holds the bookkeeping of one Request (paths for errors,
// selector levels and contexts) in chunks that are reused, so encoding
// by names does not allocate per attribute.
type scratch struct {
	paths      []*[64]encPath
	levels     []*[64]levelValues
	ctxs       []*[16]encodeCtx
	np, nl, nc int
}

func (s *scratch) reset() { s.np, s.nl, s.nc = 0, 0, 0 }

func (b *Builder) newPath(parent *encPath, sep byte, name string, num uint16) *encPath {
	s := &b.scratch
	if s.np/64 == len(s.paths) {
		s.paths = append(s.paths, new([64]encPath))
	}
	p := &s.paths[s.np/64][s.np%64]
	s.np++
	*p = encPath{parent: parent, sep: sep, name: name, num: num}
	return p
}

func (b *Builder) newLevel(v levelValues) *levelValues {
	s := &b.scratch
	if s.nl/64 == len(s.levels) {
		s.levels = append(s.levels, new([64]levelValues))
	}
	p := &s.levels[s.nl/64][s.nl%64]
	s.nl++
	*p = v
	return p
}

func (b *Builder) newCtx(v encodeCtx) *encodeCtx {
	s := &b.scratch
	if s.nc/16 == len(s.ctxs) {
		s.ctxs = append(s.ctxs, new([16]encodeCtx))
	}
	p := &s.ctxs[s.nc/16][s.nc%16]
	s.nc++
	*p = v
	return p
}

// encodeCtx is what selectors read while encoding: the header's values
// and the enclosing levels' attribute values.
type encodeCtx struct {
	header *StructDef
	values []FieldValue
}

type levelValues struct {
	set    *AttrSet
	attrs  []AttrValue
	parent *levelValues
}

func (b *Builder) attrValues(path *encPath, set *AttrSet, attrs []AttrValue, ctx *encodeCtx, parent *levelValues) error {
	lv := b.newLevel(levelValues{set: set, attrs: attrs, parent: parent})
	for i := range attrs {
		if err := b.attrValue(path, set, &attrs[i], ctx, lv); err != nil {
			return err
		}
	}
	return nil
}

func (b *Builder) attrValue(path *encPath, set *AttrSet, av *AttrValue, ctx *encodeCtx, lv *levelValues) error {
	var def *Attr
	var num uint16
	switch {
	case av.Name == "":
		num = av.Num
		def = set.Lookup(num)
		if av.Raw == nil {
			return &EncodeError{Path: path.String() + "/" + strconv.Itoa(int(num)), Err: errors.New("an attribute given by number needs raw bytes")}
		}
	default:
		def = set.ByName(av.Name)
		if def == nil && set != nil && set.Default != nil && av.Name == set.Default.Name {
			// A member of an indexed list: its number is its index.
			def = set.Default
			num = av.Num
			break
		}
		if def == nil {
			if set != nil && set.Default != nil {
				return &EncodeError{Path: path.String() + "/" + av.Name, Err: fmt.Errorf("members of this list are %s, given by number", set.Default.Name)}
			}
			return &EncodeError{Path: path.String() + "/" + av.Name, Err: fmt.Errorf("unknown attribute%s", suggest(av.Name, setNames(set)))}
		}
		num = def.Num
	}
	here := b.newPath(path, '/', av.Name, num)
	if b.err != nil {
		return b.err
	}
	at := b.attrHeader(num | av.NLAFlags)
	if av.Raw != nil {
		b.buf = append(b.buf, av.Raw...)
		b.endAttr(at)
		return b.err
	}
	if def.Select != nil {
		def = selectForEncode(def, ctx, lv)
	}
	if err := b.payload(here, def, av, ctx, lv); err != nil {
		return err
	}
	b.endAttr(at)
	return b.err
}

func setNames(s *AttrSet) []string {
	if s == nil {
		return nil
	}
	names := make([]string, 0, len(s.Attrs))
	for _, a := range s.Attrs {
		names = append(names, a.Name)
	}
	return names
}

// selectForEncode resolves a selected attribute from the values being
// encoded, the way the decoder does from decoded siblings.
func selectForEncode(def *Attr, ctx *encodeCtx, lv *levelValues) *Attr {
	sel := def.Select
	var keyText string
	var keyDef *Attr
	found := false
	if sel.Header != "" {
		for _, fv := range ctx.values {
			if fv.Name == sel.Header {
				keyText, found = fv.Value, true
			}
		}
		if f := ctx.header.FieldByName(sel.Header); f != nil {
			keyDef = &Attr{Type: f.Type, Enum: f.Enum, Flags: f.Flags}
		}
		if !found {
			keyText, found = "0", true
		}
	} else {
		for _, sib := range [2]string{sel.Sibling, sel.Or} {
			if found || sib == "" {
				continue
			}
			for l := lv; l != nil && !found; l = l.parent {
				for i := range l.attrs {
					if l.attrs[i].Name == sib {
						keyText, found = l.attrs[i].Value, true
						if l.attrs[i].Raw != nil {
							// A key given as bytes (a kind without its NUL).
							keyText = string(cstring(l.attrs[i].Raw))
						}
						keyDef = l.set.ByName(sib)
						break
					}
				}
			}
		}
	}
	if !found {
		return def
	}
	var c *Attr
	if sel.ByString != nil {
		c = sel.ByString[keyText]
	} else if keyDef != nil {
		if v, err := ParseInt(keyText, keyDef.Type, keyDef.Enum, keyDef.Flags); err == nil {
			c = sel.ByInt[v]
		}
	}
	if c == nil {
		return def
	}
	return c
}

// payload encodes an attribute's payload according to its definition.
func (b *Builder) payload(path *encPath, def *Attr, av *AttrValue, ctx *encodeCtx, lv *levelValues) error {
	if (len(av.Attrs) > 0 && def.Type != Nested && def.Type != StructAttrs) ||
		(len(av.Fields) > 0 && def.Type != Struct && def.Type != StructAttrs && def.Type != Array) ||
		(len(av.Records) > 0 && def.Type != Records && !(def.Type == Array && def.Elem == Struct)) {
		if def.Select != nil {
			return &EncodeError{Path: path.String(), Err: fmt.Errorf("its contents depend on %s%s, and the schema has no layout for the value given", def.Select.Sibling, def.Select.Header)}
		}
		return &EncodeError{Path: path.String(), Err: fmt.Errorf("a %s attribute takes a value, not attributes or fields", def.Type)}
	}
	switch def.Type {
	case Nested:
		return b.attrValues(path, def.Set, av.Attrs, ctx, lv)
	case Struct:
		return b.structValue(path, def.Struct, av.Fields)
	case StructAttrs:
		if err := b.structValue(path, def.Struct, av.Fields); err != nil {
			return err
		}
		b.pad()
		inner := b.newCtx(encodeCtx{header: def.Struct, values: av.Fields})
		return b.attrValues(path, def.Set, av.Attrs, inner, lv)
	case Records:
		for i := range av.Records {
			rec := &av.Records[i]
			start := len(b.buf)
			if err := b.structValue(path, def.Struct, rec.Fields); err != nil {
				return err
			}
			inner := b.newCtx(encodeCtx{header: def.Struct, values: rec.Fields})
			if err := b.attrValues(path, def.Set, rec.Attrs, inner, lv); err != nil {
				return err
			}
			b.put16(start, uint16(len(b.buf)-start))
			b.pad()
		}
		return nil
	case Array:
		if def.Elem == Struct {
			// Elements given as records holding the struct's fields.
			for i := range av.Records {
				if err := b.structValue(path, def.Struct, av.Records[i].Fields); err != nil {
					return err
				}
			}
			return nil
		}
		if len(av.Fields) > 0 {
			return b.namedArray(path, def, av.Fields)
		}
		if av.Value == "" {
			return nil
		}
		for _, elem := range strings.Split(av.Value, ",") {
			var err error
			if b.buf, err = AppendParsed(b.buf, def.Elem, 0, def.Enum, def.Flags, strings.TrimSpace(elem), b.big); err != nil {
				return &EncodeError{Path: path.String(), Err: err}
			}
		}
		return nil
	case String:
		b.buf = append(b.buf, av.Value...)
		b.buf = append(b.buf, 0)
		return nil
	}
	if ok, err := b.symbol(path, def.Display, def.Type, 0, av.Value); ok || err != nil {
		return err
	}
	if def.AlsoFlag && (av.Value == "" || av.Value == "true") {
		return nil // the request form: presence only
	}
	var err error
	if b.buf, err = AppendParsed(b.buf, def.Type, 0, def.Enum, def.Flags, av.Value, b.big); err != nil {
		return &EncodeError{Path: path.String(), Err: err}
	}
	return nil
}

// symbol writes a placeholder for an interface name given where an index
// is expected, and reports it through Builder.Symbol.
func (b *Builder) symbol(path *encPath, d Display, t Type, size int, text string) (bool, error) {
	if d != DisplayIfindex && d != DisplayOwnIfindex || text == "" || text[0] >= '0' && text[0] <= '9' || text[0] == '-' {
		return false, nil
	}
	w := t.Size()
	if w == 0 {
		w = size
	}
	if w != 4 {
		return false, nil
	}
	if b.Symbol == nil {
		return true, &EncodeError{Path: path.String(), Err: fmt.Errorf("interface %q given by name where an index is expected, and nothing resolves names here", text)}
	}
	if err := checkIfname(text); err != nil {
		return true, &EncodeError{Path: path.String(), Err: err}
	}
	b.Symbol(b.Offset(), w, text)
	b.buf = append(b.buf, 0, 0, 0, 0)
	return true, nil
}

// checkIfname applies the kernel's rules for interface names
// (dev_valid_name): 1 to 15 bytes, not "." or "..", no '/', ':' or
// white space.
func checkIfname(s string) error {
	if len(s) == 0 || len(s) > 15 || s == "." || s == ".." {
		return fmt.Errorf("%q is not a valid interface name (1 to 15 bytes)", s)
	}
	for _, c := range []byte(s) {
		if c == '/' || c == ':' || c <= ' ' || c == 0x7f {
			return fmt.Errorf("%q is not a valid interface name (no '/', ':' or white space)", s)
		}
	}
	return nil
}

// namedArray appends an array given as elements by name (the names of
// the attribute's Index, or decimal indexes), in index order; elements
// not given are zero up to the highest given.
func (b *Builder) namedArray(path *encPath, def *Attr, fields []FieldValue) error {
	vals := make(map[uint64]string, len(fields))
	max := -1
	for _, fv := range fields {
		i, err := strconv.ParseUint(fv.Name, 10, 16)
		if err != nil {
			var ok bool
			if def.Index == nil {
				return &EncodeError{Path: path.String() + "." + fv.Name, Err: errors.New("elements of this array are given by index")}
			}
			if i, ok = def.Index.Value(fv.Name); !ok {
				return &EncodeError{Path: path.String() + "." + fv.Name, Err: fmt.Errorf("unknown element%s", suggest(fv.Name, def.Index.Names()))}
			}
		}
		vals[i] = fv.Value
		if int(i) > max {
			max = int(i)
		}
	}
	for i := 0; i <= max; i++ {
		text, ok := vals[uint64(i)]
		if !ok {
			text = "0"
		}
		var err error
		if b.buf, err = AppendParsed(b.buf, def.Elem, 0, def.Enum, def.Flags, text, b.big); err != nil {
			return &EncodeError{Path: path.String(), Err: fmt.Errorf("element %d: %w", i, err)}
		}
	}
	return nil
}

// structValue appends struct st with the given field values.
func (b *Builder) structValue(path *encPath, st *StructDef, values []FieldValue) error {
	// Which value goes to which field, in one pass over the values.
	lay := st.layout()
	var given [32]int16 // 1 + index in values, by field
	indexed := len(st.Fields) <= len(given)
	if indexed {
		for vi := range values {
			if fi, ok := lay.byName[values[vi].Name]; ok && given[fi] == 0 {
				given[fi] = int16(vi + 1)
			}
		}
	}
	used := 0
	for i := range st.Fields {
		f := &st.Fields[i]
		var fv FieldValue
		var ok bool
		if indexed {
			if g := given[i]; g != 0 {
				fv, ok = values[g-1], true
			}
		} else {
			fv, ok = fieldValue(values, f.Name)
		}
		text := fv.Value
		if ok {
			used++
		}
		if ok && f.Type == Struct && fv.Fields != nil {
			if err := b.structValue(b.newPath(path, '.', f.Name, 0), f.Struct, fv.Fields); err != nil {
				return err
			}
			continue
		}
		if !ok || f.Type == Struct {
			if ok && text != "" {
				var err error
				if b.buf, err = appendHexText(b.buf, text, f.Width()); err != nil {
					return &EncodeError{Path: path.String() + "." + f.Name, Err: err}
				}
				continue
			}
			b.buf = append(b.buf, make([]byte, f.Width())...)
			continue
		}
		if f.Display == DisplayIfindex || f.Display == DisplayOwnIfindex {
			if ok, err := b.symbol(b.newPath(path, '.', f.Name, 0), f.Display, f.Type, f.Width(), text); ok || err != nil {
				if err != nil {
					return err
				}
				continue
			}
		}
		var err error
		if b.buf, err = AppendParsed(b.buf, f.Type, f.Width(), f.Enum, f.Flags, text, b.big); err != nil {
			return &EncodeError{Path: path.String() + "." + f.Name, Err: err}
		}
	}
	if st.Trailing != nil {
		for _, fv := range values {
			if fv.Name != st.Trailing.Name && fv.Name != "_elems" {
				continue
			}
			used++
			if st.Trailing.Type == Struct {
				if err := b.structValue(b.newPath(path, '.', st.Trailing.Name, 0), st.Trailing.Struct, fv.Fields); err != nil {
					return err
				}
				continue
			}
			var err error
			if b.buf, err = AppendParsed(b.buf, st.Trailing.Type, st.Trailing.Width(), st.Trailing.Enum, st.Trailing.Flags, fv.Value, b.big); err != nil {
				return &EncodeError{Path: path.String() + "." + fv.Name, Err: err}
			}
		}
	}
	if st.Rest != nil {
		if fv, ok := fieldValue(values, st.Rest.Name); ok {
			used++
			var err error
			if b.buf, err = appendHexText(b.buf, fv.Value, 0); err != nil {
				return &EncodeError{Path: path.String() + "." + fv.Name, Err: err}
			}
		}
	}
	if used != len(values) {
		var names []string
		for i := range st.Fields {
			names = append(names, st.Fields[i].Name)
		}
		for _, fv := range values {
			if st.FieldByName(fv.Name) == nil && (st.Trailing == nil || fv.Name != st.Trailing.Name && fv.Name != "_elems") && (st.Rest == nil || fv.Name != st.Rest.Name) {
				return &EncodeError{Path: path.String() + "." + fv.Name, Err: fmt.Errorf("unknown field of %s%s", st.Name, suggest(fv.Name, names))}
			}
		}
		return &EncodeError{Path: path.String(), Err: errors.New("a field is given twice")}
	}
	return nil
}

func fieldValue(values []FieldValue, name string) (FieldValue, bool) {
	for _, fv := range values {
		if fv.Name == name {
			return fv, true
		}
	}
	return FieldValue{}, false
}

// RequestOf writes a decoded message back as a Request: every value as
// text that Builder.Request reads, so that encoding the result gives the
// message's bytes again. Parts the text forms cannot carry exactly (a
// string without its NUL, a malformed payload) are kept as Raw.
func RequestOf(m *Msg) (*Request, error) {
	if m.Def == nil {
		return nil, fmt.Errorf("message type %d is not in the schema", m.Header.Type)
	}
	r := &Request{Protocol: m.Protocol, Type: m.Def.Name, Flags: m.Header.Flags, Seq: m.Header.Seq, PID: m.Header.PID}
	for i := range m.Nodes {
		n := &m.Nodes[i]
		switch {
		case n.Kind == NodeStruct && n.Name == "nlmsghdr":
		case n.Kind == NodeStruct:
			fv, ok := fieldsOf(n.Children)
			if !ok {
				return nil, errors.New("the fixed header is malformed")
			}
			r.Header = fv
		case n.Kind == NodeAttr:
			r.Attrs = append(r.Attrs, attrOf(n))
		default:
			return nil, fmt.Errorf("bytes at offset %d do not form an attribute", n.Offset)
		}
	}
	return r, nil
}

func fieldsOf(nodes []Node) ([]FieldValue, bool) {
	var out []FieldValue
	for i := range nodes {
		n := &nodes[i]
		if n.Kind == NodeTail {
			return nil, false
		}
		if n.Type == Struct && n.Children != nil {
			inner, ok := fieldsOf(n.Children)
			if !ok {
				return nil, false
			}
			name := n.Name
			if n.Kind == NodeElem {
				name = n.Field.Name
			}
			out = append(out, FieldValue{Name: name, Fields: inner})
			continue
		}
		name := n.Name
		if n.Kind == NodeElem && n.Field != nil {
			name = n.Field.Name
		}
		out = append(out, FieldValue{Name: name, Value: exactText(n)})
	}
	return out, true
}

// exactText is a leaf's value as text that parses back to the same bytes.
func exactText(n *Node) string {
	switch n.Type {
	case U8, U16, U32, U64, BE16, BE32, BE64, Uint:
		if v, ok := n.Uint(); ok {
			return strconv.FormatUint(v, 10)
		}
	case S8, S16, S32, S64, Sint:
		if v, ok := n.Int(); ok {
			return strconv.FormatInt(v, 10)
		}
	case IPAddr:
		return string(appendAddr(nil, n.Data))
	case HWAddr:
		return string(appendMAC(nil, n.Data))
	case String:
		return n.Text()
	}
	return hex.EncodeToString(n.Data)
}

func attrOf(n *Node) AttrValue {
	av := AttrValue{Name: n.Name, Num: n.Num, NLAFlags: n.NLAFlags}
	if n.Def == nil || n.Err != "" || n.Name == "" {
		av.Name, av.Num, av.Raw = "", n.Num, append([]byte{}, n.Data...)
		return av
	}
	raw := func() AttrValue {
		av.Raw = append([]byte{}, n.Data...)
		return av
	}
	switch n.Type {
	case Nested:
		for i := range n.Children {
			c := &n.Children[i]
			if c.Kind == NodeTail || c.Name == "" {
				return raw()
			}
			av.Attrs = append(av.Attrs, attrOf(c))
		}
	case Struct:
		if st := n.Def.Struct; st != nil && st.Size() > 0 && len(n.Data) < st.Size() {
			// An older kernel's shorter struct (the stats of a qdisc
			// that grew fields since): fields would encode it whole.
			return raw()
		}
		fv, ok := fieldsOf(n.Children)
		if !ok {
			return raw()
		}
		av.Fields = fv
	case StructAttrs:
		if len(n.Children) == 0 || len(n.Children[0].Pad()) > 0 && !isZero(n.Children[0].Pad()) {
			return raw()
		}
		fv, ok := fieldsOf(n.Children[0].Children)
		if !ok {
			return raw()
		}
		av.Fields = fv
		for i := range n.Children[1:] {
			c := &n.Children[1+i]
			if c.Kind == NodeTail || c.Name == "" {
				return raw()
			}
			av.Attrs = append(av.Attrs, attrOf(c))
		}
	case Records:
		for i := range n.Children {
			c := &n.Children[i]
			if c.Kind == NodeTail || len(c.Children) == 0 {
				return raw()
			}
			fv, ok := fieldsOf(c.Children[0].Children)
			if !ok {
				return raw()
			}
			rec := AttrValue{Fields: fv}
			for j := range c.Children[1:] {
				a := &c.Children[1+j]
				if a.Kind == NodeTail || a.Name == "" {
					return raw()
				}
				rec.Attrs = append(rec.Attrs, attrOf(a))
			}
			av.Records = append(av.Records, rec)
		}
	case Array:
		if n.Def.Elem == Struct {
			for i := range n.Children {
				c := &n.Children[i]
				if c.Kind == NodeTail {
					return raw()
				}
				fv, ok := fieldsOf(c.Children)
				if !ok {
					return raw()
				}
				av.Records = append(av.Records, AttrValue{Fields: fv})
			}
			if len(av.Records) == 0 {
				return raw()
			}
			return av
		}
		var parts []string
		for i := range n.Children {
			if n.Children[i].Kind == NodeTail {
				return raw()
			}
			parts = append(parts, exactText(&n.Children[i]))
		}
		av.Value = strings.Join(parts, ",")
		if len(parts) == 0 {
			return raw()
		}
	case String:
		if len(n.Data) == 0 || n.Data[len(n.Data)-1] != 0 || len(cstring(n.Data)) != len(n.Data)-1 {
			return raw()
		}
		av.Value = n.Text()
	default:
		if len(n.Data) == 0 {
			// An empty address or number (a neighbour deleted before it
			// resolved has a zero-length NDA_LLADDR): no text says it.
			return raw()
		}
		av.Value = exactText(n)
	}
	return av
}
