package batch

import (
	"encoding/hex"
	"errors"
	"strconv"
	"strings"
	"unsafe"

	"github.com/nlbatch/nlbatch/codec"
)

// fastReader reads request objects in nldump's JSON form straight into
// codec.Requests, without building maps: compiling generated JSON is a
// hot path. Strings without escapes alias the input (the requests are
// encoded before the input goes away). Anything it does not expect
// makes it give up on that object (errSlowPath), and CompileJSON reads
// the object again with encoding/json, which also words the errors.
type fastReader struct {
	data []byte
	pos  int
	req  codec.Request // reused: its slices keep their memory
	// pools of reused slices, reset per request
	attrs  [][]codec.AttrValue
	fields [][]codec.FieldValue
	nAttr  int
	nField int
}

var errSlowPath = errors.New("take the slow path")

func (r *fastReader) ws() {
	for r.pos < len(r.data) {
		switch r.data[r.pos] {
		case ' ', '\t', '\r', '\n':
			r.pos++
			continue
		}
		return
	}
}

func (r *fastReader) peek() byte {
	r.ws()
	if r.pos < len(r.data) {
		return r.data[r.pos]
	}
	return 0
}

func (r *fastReader) expect(c byte) error {
	if r.peek() != c {
		return errSlowPath
	}
	r.pos++
	return nil
}

// str reads a string; escaped ones are decoded (and allocate).
func (r *fastReader) str() (string, error) {
	if r.peek() != '"' {
		return "", errSlowPath
	}
	r.pos++
	start := r.pos
	for r.pos < len(r.data) {
		c := r.data[r.pos]
		switch {
		case c == '"':
			s := r.data[start:r.pos]
			r.pos++
			return unsafe.String(unsafe.SliceData(s), len(s)), nil
		case c == '\\':
			return r.escaped(start)
		case c < 0x20:
			return "", errSlowPath
		}
		r.pos++
	}
	return "", errSlowPath
}

func (r *fastReader) escaped(start int) (string, error) {
	// Find the end, then let strconv unquote it.
	i := r.pos
	for i < len(r.data) {
		if r.data[i] == '\\' {
			i += 2
			continue
		}
		if r.data[i] == '"' {
			break
		}
		i++
	}
	if i >= len(r.data) {
		return "", errSlowPath
	}
	s, err := strconv.Unquote(string(r.data[start-1 : i+1]))
	if err != nil {
		return "", errSlowPath
	}
	r.pos = i + 1
	return s, nil
}

// scalar reads a string, number, true or null as text.
func (r *fastReader) scalar() (string, error) {
	switch c := r.peek(); {
	case c == '"':
		return r.str()
	case c == '-' || c >= '0' && c <= '9':
		start := r.pos
		for r.pos < len(r.data) {
			c := r.data[r.pos]
			if c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E' || c >= '0' && c <= '9' {
				r.pos++
				continue
			}
			break
		}
		s := r.data[start:r.pos]
		for _, c := range s {
			if c == '.' || c == 'e' || c == 'E' {
				return "", errSlowPath // not a whole number: let the slow path say so
			}
		}
		return unsafe.String(unsafe.SliceData(s), len(s)), nil
	case c == 't':
		if strings.HasPrefix(string(r.data[r.pos:min(r.pos+4, len(r.data))]), "true") {
			r.pos += 4
			return "true", nil
		}
	}
	return "", errSlowPath
}

// scalarOrList reads a scalar or a list of scalars joined by ','.
func (r *fastReader) scalarOrList() (string, error) {
	if r.peek() != '[' {
		return r.scalar()
	}
	r.pos++
	var parts []string
	if r.peek() == ']' {
		r.pos++
		return "", nil
	}
	for {
		s, err := r.scalar()
		if err != nil {
			return "", err
		}
		parts = append(parts, s)
		switch r.peek() {
		case ',':
			r.pos++
		case ']':
			r.pos++
			if len(parts) == 1 {
				return parts[0], nil
			}
			return strings.Join(parts, ","), nil
		default:
			return "", errSlowPath
		}
	}
}

// object calls fn for each key of an object.
func (r *fastReader) object(fn func(key string) error) error {
	if err := r.expect('{'); err != nil {
		return err
	}
	if r.peek() == '}' {
		r.pos++
		return nil
	}
	for {
		key, err := r.str()
		if err != nil {
			return err
		}
		if err := r.expect(':'); err != nil {
			return err
		}
		if err := fn(key); err != nil {
			return err
		}
		switch r.peek() {
		case ',':
			r.pos++
		case '}':
			r.pos++
			return nil
		default:
			return errSlowPath
		}
	}
}

// list calls fn for each element of a list.
func (r *fastReader) list(fn func() error) error {
	if err := r.expect('['); err != nil {
		return err
	}
	if r.peek() == ']' {
		r.pos++
		return nil
	}
	for {
		if err := fn(); err != nil {
			return err
		}
		switch r.peek() {
		case ',':
			r.pos++
		case ']':
			r.pos++
			return nil
		default:
			return errSlowPath
		}
	}
}

// newAttrs hands out a reused slice for a nest's attributes; keepAttrs
// stores it back, grown, under its slot.
func (r *fastReader) newAttrs() (int, []codec.AttrValue) {
	if r.nAttr == len(r.attrs) {
		r.attrs = append(r.attrs, nil)
	}
	r.nAttr++
	return r.nAttr - 1, r.attrs[r.nAttr-1][:0]
}

func (r *fastReader) keepAttrs(slot int, a []codec.AttrValue) { r.attrs[slot] = a }

func (r *fastReader) newFields() (int, []codec.FieldValue) {
	if r.nField == len(r.fields) {
		r.fields = append(r.fields, nil)
	}
	r.nField++
	return r.nField - 1, r.fields[r.nField-1][:0]
}

func (r *fastReader) keepFields(slot int, f []codec.FieldValue) { r.fields[slot] = f }

// nestedFields reads an object of fields into a pooled slice.
func (r *fastReader) nestedFields() ([]codec.FieldValue, error) {
	slot, buf := r.newFields()
	f, err := r.fieldsObj(buf)
	r.keepFields(slot, f)
	return f, err
}

// nestedAttrs reads a list of attributes into a pooled slice.
func (r *fastReader) nestedAttrs() ([]codec.AttrValue, error) {
	slot, buf := r.newAttrs()
	a, err := r.attrList(buf)
	r.keepAttrs(slot, a)
	return a, err
}

// request reads one request object at the current position.
func (r *fastReader) request() (*codec.Request, error) {
	r.nAttr, r.nField = 0, 0
	req := &r.req
	*req = codec.Request{Header: req.Header[:0], Attrs: req.Attrs[:0]}
	haveType := false
	err := r.object(func(key string) error {
		switch key {
		case "type":
			s, err := r.str()
			req.Type, haveType = s, true
			return err
		case "flags":
			var f uint16
			err := r.list(func() error {
				s, err := r.str()
				if err != nil {
					return err
				}
				bit, ok := msgFlagNames[s]
				if !ok {
					return errSlowPath
				}
				f |= bit
				return nil
			})
			req.Flags = f
			return err
		case "header":
			fv, err := r.fieldsObj(req.Header[:0])
			req.Header = fv
			return err
		case "attrs":
			av, err := r.attrList(req.Attrs[:0])
			req.Attrs = av
			return err
		case "frame", "msg", "offset", "len", "seq", "pid":
			_, err := r.scalar()
			return err
		case "time", "family", "byte_order":
			_, err := r.str()
			return err
		}
		return errSlowPath
	})
	if err != nil {
		return nil, err
	}
	if !haveType {
		return nil, errSlowPath
	}
	return req, nil
}

func (r *fastReader) fieldsObj(out []codec.FieldValue) ([]codec.FieldValue, error) {
	err := r.object(func(key string) error {
		if key == "_elems" {
			return r.list(func() error {
				fv, err := r.fieldValue("_elems")
				out = append(out, fv)
				return err
			})
		}
		fv, err := r.fieldValue(key)
		out = append(out, fv)
		return err
	})
	return out, err
}

func (r *fastReader) fieldValue(name string) (codec.FieldValue, error) {
	if r.peek() == '{' {
		inner, err := r.nestedFields()
		return codec.FieldValue{Name: name, Fields: inner}, err
	}
	s, err := r.scalarOrList()
	return codec.FieldValue{Name: name, Value: s}, err
}

func (r *fastReader) attrList(out []codec.AttrValue) ([]codec.AttrValue, error) {
	err := r.list(func() error {
		av, err := r.attr()
		out = append(out, av)
		return err
	})
	return out, err
}

func (r *fastReader) attr() (codec.AttrValue, error) {
	var av codec.AttrValue
	err := r.object(func(key string) error {
		switch key {
		case "name":
			s, err := r.str()
			av.Name = s
			return err
		case "type":
			s, err := r.scalar()
			if err != nil {
				return err
			}
			n, err := strconv.ParseUint(s, 10, 16)
			if err != nil {
				return errSlowPath
			}
			av.Num = uint16(n)
		case "nested", "net_byteorder":
			s, err := r.scalar()
			if err != nil || s != "true" {
				return errSlowPath
			}
			if key == "nested" {
				av.NLAFlags |= codec.NLANested
			} else {
				av.NLAFlags |= codec.NLANetByteOrder
			}
		case "raw":
			s, err := r.str()
			if err != nil {
				return err
			}
			b, err := hex.DecodeString(s)
			if err != nil {
				return errSlowPath
			}
			if b == nil {
				b = []byte{}
			}
			av.Raw = b
		case "attrs":
			a, err := r.nestedAttrs()
			av.Attrs = a
			return err
		case "value":
			switch r.peek() {
			case '{':
				f, err := r.nestedFields()
				av.Fields = f
				return err
			case '[':
				save := r.pos
				r.pos++
				if r.peek() == '{' {
					r.pos = save
					return r.records(&av)
				}
				r.pos = save
			}
			s, err := r.scalarOrList()
			av.Value = s
			return err
		default:
			return errSlowPath
		}
		return nil
	})
	if av.Raw != nil {
		av.Value, av.Attrs, av.Fields, av.Records = "", nil, nil, nil
	}
	return av, err
}

// records reads RTA_MULTIPATH-style records or an array of structs.
func (r *fastReader) records(av *codec.AttrValue) error {
	return r.list(func() error {
		var rec codec.AttrValue
		save := r.pos
		isRecord := false
		err := r.object(func(key string) error {
			switch key {
			case "header":
				isRecord = true
				f, err := r.nestedFields()
				rec.Fields = f
				return err
			case "attrs":
				isRecord = true
				a, err := r.nestedAttrs()
				rec.Attrs = a
				return err
			}
			return errSlowPath
		})
		if err != nil && !isRecord {
			r.pos = save
			f, ferr := r.nestedFields()
			if ferr != nil {
				return ferr
			}
			rec.Fields = f
			err = nil
		}
		av.Records = append(av.Records, rec)
		return err
	})
}
