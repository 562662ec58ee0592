package batch

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"unsafe"

	"github.com/nlbatch/nlbatch/codec"
	"github.com/nlbatch/nlbatch/nlb"
)

// CompileJSON reads requests from JSON and adds them to c. The input is
// a list of objects (or one object per line), each a message in the form
// `nldump --format json` prints (docs/json.md):
//
//	{"type": "RTM_NEWROUTE", "flags": ["NLM_F_CREATE", "NLM_F_EXCL"],
//	 "header": {"rtm_family": "AF_INET", "rtm_dst_len": 24},
//	 "attrs": [{"name": "RTA_DST", "value": "198.51.100.0"},
//	           {"name": "RTA_OIF", "value": "eth0"}]}
//
// so that a decoded capture compiles back into the same messages. Keys
// that only describe a capture (frame, time, msg, offset, len, seq, pid,
// family) are ignored. Errors name file:line:col of the request.
func CompileJSON(c *Compiler, name string, r io.Reader) error {
	data, err := readAll(r)
	if err != nil {
		return fmt.Errorf("reading %s: %w", name, err)
	}
	pos := newLineIndex(data)
	src := func(off int64) nlb.Source {
		line, col := pos.at(off)
		return nlb.Source{File: name, Line: line, Col: col, Text: pos.lineText(line)}
	}
	// A list of requests, or a stream of objects (JSON Lines).
	first, err := firstByte(data)
	if err != nil {
		return &Error{Source: src(0), Err: err}
	}
	fast := &fastReader{data: data}
	fast.ws()
	inList := first == '['
	if inList {
		fast.pos++
	}
	for n := 0; ; n++ {
		// Separators: ',' between list items; nothing or ',' between
		// objects of a stream.
		c0 := fast.peek()
		if inList && c0 == ']' {
			fast.pos++
			if fast.peek() != 0 {
				return &Error{Source: src(int64(fast.pos)), Err: errors.New("unexpected data after the requests")}
			}
			return nil
		}
		if !inList && c0 == 0 {
			return nil
		}
		if n > 0 && c0 == ',' {
			fast.pos++
		} else if n > 0 && inList {
			return &Error{Source: src(int64(fast.pos)), Err: errors.New("reading JSON: expected ',' or ']' after a request")}
		}
		if inList && fast.peek() == 0 {
			return &Error{Source: src(int64(fast.pos)), Err: errors.New("reading JSON: unexpected end of input: the list is not closed")}
		}
		start := int64(fast.pos)
		s := src(start)
		if req, err := fast.request(); err == nil {
			if err := c.Add(req, s); err != nil {
				return err
			}
			continue
		}
		// The slow path: encoding/json reads the object, says what is
		// wrong with it, and handles the pyroute2 form.
		dec := json.NewDecoder(bytes.NewReader(data[start:]))
		dec.UseNumber()
		var obj map[string]any
		if err := dec.Decode(&obj); err != nil {
			return &Error{Source: src(start + errorOffset(err, 0)), Err: fmt.Errorf("reading JSON: %w", err)}
		}
		fast.pos = int(start + dec.InputOffset())
		// pyroute2 form: {"route": "add", "dst": ...} (batch/pyroute2.go):
		// a method name with a command string. nldump's form has no such
		// key; "type" may then be a keyword (route's type="blackhole").
		{
			if method, command, _, ok := pyroute2FromJSON(obj); ok {
				// Keyword order is attribute order: read it again, ordered.
				kw, err := pyroute2KwargsJSON(data[start:fast.pos], method)
				if err != nil {
					return &Error{Source: s, Err: err}
				}
				if err := c.CallKwargs(method, command, kw, s); err != nil {
					return err
				}
				continue
			}
		}
		req, err := requestFromJSON(obj)
		if err != nil {
			return &Error{Source: s, Err: err}
		}
		if err := c.Add(req, s); err != nil {
			return err
		}
	}
}

// readAll reads r whole, in one allocation when r knows its size (a
// file, a bytes.Reader) rather than growing a buffer by copies.
func readAll(r io.Reader) ([]byte, error) {
	size := -1
	switch v := r.(type) {
	case interface{ Len() int }:
		size = v.Len()
	case interface{ Stat() (os.FileInfo, error) }:
		if fi, err := v.Stat(); err == nil && fi.Mode().IsRegular() {
			size = int(fi.Size())
		}
	}
	if size < 0 {
		return io.ReadAll(r)
	}
	buf := make([]byte, 0, size+1)
	for {
		n, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return buf, err
		}
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
	}
}

func firstByte(data []byte) (byte, error) {
	for _, c := range data {
		switch c {
		case ' ', '\t', '\r', '\n':
			continue
		case '[', '{':
			return c, nil
		default:
			return 0, fmt.Errorf("expected a JSON list or object, found %q", c)
		}
	}
	return 0, errors.New("no requests")
}

func errorOffset(err error, fallback int64) int64 {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return se.Offset
	}
	var ue *json.UnmarshalTypeError
	if errors.As(err, &ue) {
		return ue.Offset
	}
	return fallback
}

// lineIndex maps byte offsets to 1-based line and column.
type lineIndex struct {
	data   []byte
	starts []int64
}

func newLineIndex(data []byte) *lineIndex {
	li := &lineIndex{data: data, starts: []int64{0}}
	for off := 0; ; {
		i := bytes.IndexByte(data[off:], '\n')
		if i < 0 {
			return li
		}
		off += i + 1
		li.starts = append(li.starts, int64(off))
	}
}

func (li *lineIndex) at(off int64) (line, col int) {
	lo, hi := 0, len(li.starts)-1
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if li.starts[mid] <= off {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return lo + 1, int(off-li.starts[lo]) + 1
}

func (li *lineIndex) lineText(line int) string {
	start := li.starts[line-1]
	end := int64(len(li.data))
	if line < len(li.starts) {
		end = li.starts[line] - 1
	}
	// The batch keeps these; they alias the input, which the compiler
	// owns and never changes, instead of copying every line.
	text := bytes.TrimSpace(li.data[start:end])
	if len(text) > 200 {
		text = text[:200]
	}
	return unsafe.String(unsafe.SliceData(text), len(text))
}

// requestFromJSON reads one message object.
func requestFromJSON(obj map[string]any) (*codec.Request, error) {
	typ, ok := obj["type"].(string)
	if !ok {
		return nil, errors.New(`a request needs "type", the message type name (e.g. "RTM_NEWROUTE")`)
	}
	req := &codec.Request{Type: typ}
	for key, v := range obj {
		switch key {
		case "type", "frame", "time", "msg", "offset", "len", "seq", "pid", "family", "byte_order":
		case "flags":
			f, err := flagsFromJSON(v)
			if err != nil {
				return nil, fmt.Errorf("flags: %w", err)
			}
			req.Flags = f
		case "header":
			fv, err := fieldsFromJSON(v)
			if err != nil {
				return nil, fmt.Errorf("header: %w", err)
			}
			req.Header = fv
		case "attrs":
			av, err := attrsFromJSON(v)
			if err != nil {
				return nil, err
			}
			req.Attrs = av
		default:
			return nil, fmt.Errorf("unknown key %q%s", key, codec.Suggest(key, []string{"type", "flags", "header", "attrs"}))
		}
	}
	return req, nil
}

var msgFlagNames = map[string]uint16{
	"NLM_F_REQUEST": codec.FlagRequest, "NLM_F_MULTI": codec.FlagMulti, "NLM_F_ACK": codec.FlagAck,
	"NLM_F_ECHO": codec.FlagEcho, "NLM_F_ROOT": codec.FlagRoot, "NLM_F_MATCH": codec.FlagMatch,
	"NLM_F_ATOMIC": codec.FlagAtomic, "NLM_F_DUMP": codec.FlagDump, "NLM_F_REPLACE": codec.FlagReplace,
	"NLM_F_EXCL": codec.FlagExcl, "NLM_F_CREATE": codec.FlagCreate, "NLM_F_APPEND": codec.FlagAppend,
	"NLM_F_NONREC": codec.FlagNonrec, "NLM_F_BULK": codec.FlagBulk,
}

func flagsFromJSON(v any) (uint16, error) {
	switch v := v.(type) {
	case json.Number, int, int64, uint64, float64:
		text, err := scalarText(v)
		if err != nil {
			return 0, err
		}
		n, err := strconv.ParseUint(text, 0, 16)
		return uint16(n), err
	case []any:
		var f uint16
		for _, e := range v {
			s, ok := e.(string)
			if !ok {
				return 0, fmt.Errorf("flag %v is not a name", e)
			}
			if bit, ok := msgFlagNames[strings.ToUpper(s)]; ok {
				f |= bit
				continue
			}
			if n, err := strconv.ParseUint(s, 0, 16); err == nil {
				f |= uint16(n)
				continue
			}
			names := make([]string, 0, len(msgFlagNames))
			for n := range msgFlagNames {
				names = append(names, n)
			}
			return 0, fmt.Errorf("unknown flag %q%s", s, codec.Suggest(s, names))
		}
		return f, nil
	}
	return 0, fmt.Errorf("want a list of flag names, got %T", v)
}

// scalarText turns a JSON scalar (or a list of flag names) into the
// text form codec values take.
func scalarText(v any) (string, error) {
	switch v := v.(type) {
	case string:
		return v, nil
	case json.Number:
		return v.String(), nil
	case bool:
		if v {
			return "true", nil
		}
		return "", errors.New("a flag attribute is given as true, or left out")
	case int:
		return strconv.Itoa(v), nil
	case int64:
		return strconv.FormatInt(v, 10), nil
	case uint64:
		return strconv.FormatUint(v, 10), nil
	case float64:
		if v != float64(int64(v)) {
			return "", fmt.Errorf("%v is not a whole number", v)
		}
		return strconv.FormatInt(int64(v), 10), nil
	case []any:
		parts := make([]string, 0, len(v))
		for _, e := range v {
			s, err := scalarText(e)
			if err != nil {
				return "", err
			}
			parts = append(parts, s)
		}
		return strings.Join(parts, ","), nil
	}
	return "", fmt.Errorf("unexpected %T value", v)
}

func fieldsFromJSON(v any) ([]codec.FieldValue, error) {
	obj, ok := v.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("want an object of fields, got %T", v)
	}
	var out []codec.FieldValue
	for name, fv := range obj {
		if name == "_elems" {
			list, ok := fv.([]any)
			if !ok {
				return nil, errors.New("_elems: want a list")
			}
			for _, e := range list {
				if inner, ok := e.(map[string]any); ok {
					f, err := fieldsFromJSON(inner)
					if err != nil {
						return nil, fmt.Errorf("_elems: %w", err)
					}
					out = append(out, codec.FieldValue{Name: "_elems", Fields: f})
					continue
				}
				s, err := scalarText(e)
				if err != nil {
					return nil, fmt.Errorf("_elems: %w", err)
				}
				out = append(out, codec.FieldValue{Name: "_elems", Value: s})
			}
			continue
		}
		if inner, ok := fv.(map[string]any); ok {
			f, err := fieldsFromJSON(inner)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", name, err)
			}
			out = append(out, codec.FieldValue{Name: name, Fields: f})
			continue
		}
		s, err := scalarText(fv)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		out = append(out, codec.FieldValue{Name: name, Value: s})
	}
	return out, nil
}

func attrsFromJSON(v any) ([]codec.AttrValue, error) {
	list, ok := v.([]any)
	if !ok {
		return nil, fmt.Errorf("attrs: want a list, got %T", v)
	}
	out := make([]codec.AttrValue, 0, len(list))
	for i, e := range list {
		obj, ok := e.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("attrs[%d]: want an object", i)
		}
		av, err := attrFromJSON(obj)
		if err != nil {
			name, _ := obj["name"].(string)
			if name == "" {
				name = fmt.Sprintf("attrs[%d]", i)
			}
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		out = append(out, av)
	}
	return out, nil
}

func attrFromJSON(obj map[string]any) (codec.AttrValue, error) {
	var av codec.AttrValue
	av.Name, _ = obj["name"].(string)
	if t, ok := obj["type"]; ok {
		text, err := scalarText(t)
		if err != nil {
			return av, fmt.Errorf("type: %w", err)
		}
		v, err := strconv.ParseUint(text, 10, 16)
		if err != nil {
			return av, fmt.Errorf("type: %w", err)
		}
		av.Num = uint16(v)
	}
	if b, _ := obj["nested"].(bool); b {
		av.NLAFlags |= codec.NLANested
	}
	if b, _ := obj["net_byteorder"].(bool); b {
		av.NLAFlags |= codec.NLANetByteOrder
	}
	if raw, ok := obj["raw"].(string); ok {
		b, err := hex.DecodeString(raw)
		if err != nil {
			return av, fmt.Errorf("raw: %w", err)
		}
		av.Raw = b
		if b == nil {
			av.Raw = []byte{}
		}
		return av, nil
	}
	if attrs, ok := obj["attrs"]; ok {
		a, err := attrsFromJSON(attrs)
		if err != nil {
			return av, err
		}
		av.Attrs = a
	}
	value, ok := obj["value"]
	if !ok {
		return av, nil
	}
	switch v := value.(type) {
	case map[string]any:
		f, err := fieldsFromJSON(v)
		if err != nil {
			return av, err
		}
		av.Fields = f
	case []any:
		if len(v) > 0 {
			if _, isObj := v[0].(map[string]any); isObj {
				recs, err := recordsFromJSON(v)
				if err != nil {
					return av, err
				}
				av.Records = recs
				return av, nil
			}
		}
		s, err := scalarText(v)
		if err != nil {
			return av, err
		}
		av.Value = s
	default:
		s, err := scalarText(v)
		if err != nil {
			return av, err
		}
		av.Value = s
	}
	return av, nil
}

// recordsFromJSON reads RTA_MULTIPATH-style records ({"header": {...},
// "attrs": [...]}) and arrays of structs (objects of fields).
func recordsFromJSON(list []any) ([]codec.AttrValue, error) {
	out := make([]codec.AttrValue, 0, len(list))
	for i, e := range list {
		obj, _ := e.(map[string]any)
		var rec codec.AttrValue
		if _, isRecord := obj["header"]; !isRecord {
			f, err := fieldsFromJSON(obj)
			if err != nil {
				return nil, fmt.Errorf("element %d: %w", i, err)
			}
			rec.Fields = f
			out = append(out, rec)
			continue
		}
		if h, ok := obj["header"]; ok {
			f, err := fieldsFromJSON(h)
			if err != nil {
				return nil, fmt.Errorf("record %d: %w", i, err)
			}
			rec.Fields = f
		}
		if a, ok := obj["attrs"]; ok {
			attrs, err := attrsFromJSON(a)
			if err != nil {
				return nil, fmt.Errorf("record %d: %w", i, err)
			}
			rec.Attrs = attrs
		}
		out = append(out, rec)
	}
	return out, nil
}
