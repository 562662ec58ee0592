package batch

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/nlbatch/nlbatch/codec"
	"github.com/nlbatch/nlbatch/nlb"
)

// The pyroute2 front end: calls of pyroute2's IPRouteMixin request
// methods (route, addr, link, neigh, fdb, rule, ...) by transliteration,
// compiled into the messages pyroute2 0.7.2's IPBatch writes, byte for
// byte apart from the sequence numbers (and the deliberate divergences
// listed in docs/pyroute2.md).
//
// Keyword arguments are what JSON or YAML give: string, json.Number,
// float64 or int, bool, nil, []any, map[string]any or Kwargs. pyroute2
// writes attributes in the order of its keyword arguments; Call, which
// takes a map, orders them by name, and CallKwargs keeps the order given.

// KV is one keyword argument.
type KV struct {
	Key   string
	Value any
}

// Kwargs are keyword arguments in the order they were written.
type Kwargs []KV

// Get returns the value of key and whether it is present.
func (kw Kwargs) Get(key string) (any, bool) {
	for _, kv := range kw {
		if kv.Key == key {
			return kv.Value, true
		}
	}
	return nil, false
}

// KwargsFromMap orders a map's keys by name.
func KwargsFromMap(m map[string]any) Kwargs {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	kw := make(Kwargs, 0, len(keys))
	for _, k := range keys {
		kw = append(kw, KV{k, m[k]})
	}
	return kw
}

// DecodeKwargs reads a JSON object keeping the order of its keys, at
// every level: objects become Kwargs, arrays []any, numbers json.Number.
func DecodeKwargs(data []byte) (Kwargs, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	v, err := decodeOrdered(dec)
	if err != nil {
		return nil, err
	}
	kw, ok := v.(Kwargs)
	if !ok {
		return nil, errors.New("keyword arguments must be a JSON object")
	}
	return kw, nil
}

func decodeOrdered(dec *json.Decoder) (any, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	switch t := tok.(type) {
	case json.Delim:
		switch t {
		case '{':
			kw := Kwargs{}
			for dec.More() {
				k, err := dec.Token()
				if err != nil {
					return nil, err
				}
				v, err := decodeOrdered(dec)
				if err != nil {
					return nil, err
				}
				kw = append(kw, KV{k.(string), v})
			}
			_, err := dec.Token()
			return kw, err
		case '[':
			l := []any{}
			for dec.More() {
				v, err := decodeOrdered(dec)
				if err != nil {
					return nil, err
				}
				l = append(l, v)
			}
			_, err := dec.Token()
			return l, err
		}
	}
	return tok, nil
}

// pyroute2Methods are the methods Call knows, each giving the requests
// of one call.
var pyroute2Methods = map[string]func(command string, kw Kwargs) ([]*codec.Request, error){}

// IsPyroute2Method reports whether name is a pyroute2 method that Call
// compiles.
func IsPyroute2Method(name string) bool {
	switch name {
	case "route", "addr", "link", "neigh", "rule", "fdb", "brport", "vlan_filter", "tc":
		return true
	}
	return false
}

// Call compiles one pyroute2 call, e.g. ipr.route("add",
// dst="10.0.0.0/24", gateway="192.168.0.1"), into the messages pyroute2
// 0.7.2 would write, and adds them. Keyword names are pyroute2's (full
// attribute names such as "RTA_GATEWAY" or "IFLA_MTU" are accepted too);
// interface names may stand wherever pyroute2 wants an index and become
// relocations. The keywords of a map are taken in the order of their
// names; CallKwargs keeps the order of the call.
func (c *Compiler) Call(method, command string, kwargs map[string]any, src nlb.Source) error {
	return c.CallKwargs(method, command, KwargsFromMap(kwargs), src)
}

// CallKwargs is Call with ordered keyword arguments.
func (c *Compiler) CallKwargs(method, command string, kw Kwargs, src nlb.Source) error {
	reqs, err := Pyroute2Requests(method, command, kw)
	if err != nil {
		return &Error{Source: src, Err: err}
	}
	if c.opts.BigEndian {
		// Some payloads here (u32 selectors, ematches, SRHs, options
		// structs) are built as little-endian bytes: refuse rather than
		// send a big-endian target garbage.
		for _, r := range reqs {
			if name := rawAttr(r.Attrs); name != "" {
				return &Error{Source: src, Err: fmt.Errorf("%s %s: %s is built for little-endian targets only; write it in nldump's form or with the typed API for a big-endian target", method, command, name)}
			}
			filterProtocolToBigEndian(r)
		}
	}
	// A call is all or nothing: a later message that fails takes the
	// earlier ones of the same call back out.
	mark := c.mark()
	for _, r := range reqs {
		if err := c.Add(r, src); err != nil {
			c.restore(mark)
			return err
		}
	}
	return nil
}

// filterProtocolToBigEndian redoes a filter's htons for a big-endian
// target. tcm_info holds the protocol in network order in its low 16
// bits, and pyroute2 computes it with htons on its own (little-endian)
// host: a swap. On a big-endian target network order is host order, so
// the protocol goes in as it is.
func filterProtocolToBigEndian(r *codec.Request) {
	switch r.Type {
	case "RTM_NEWTFILTER", "RTM_DELTFILTER", "RTM_GETTFILTER":
	default:
		return
	}
	for i := range r.Header {
		f := &r.Header[i]
		if f.Name != "tcm_info" {
			continue
		}
		v, err := strconv.ParseUint(f.Value, 0, 32)
		if err != nil {
			return
		}
		v = v&0xffff0000 | (v&0xff)<<8 | (v>>8)&0xff
		f.Value = strconv.FormatUint(v, 10)
	}
}

// Pyroute2Requests translates one pyroute2 call into requests, without
// encoding them.
func Pyroute2Requests(method, command string, kw Kwargs) ([]*codec.Request, error) {
	f := pyroute2Methods[method]
	if f == nil {
		if IsPyroute2Method(method) {
			return nil, fmt.Errorf("pyroute2 %s(): not supported yet", method)
		}
		var names []string
		for n := range pyroute2Methods {
			names = append(names, n)
		}
		return nil, fmt.Errorf("unknown pyroute2 method %q%s", method, codec.Suggest(method, names))
	}
	reqs, err := f(command, kw)
	if err != nil {
		return nil, fmt.Errorf("%s(%q): %w", method, command, err)
	}
	return reqs, nil
}

// pyroute2FromJSON reads an object of the pyroute2 form:
// {"<method>": "<command>", keyword: value, ...}.
func pyroute2FromJSON(obj map[string]any) (method, command string, kw map[string]any, ok bool) {
	for k, v := range obj {
		if !IsPyroute2Method(k) {
			continue
		}
		s, isStr := v.(string)
		if !isStr {
			continue
		}
		if method != "" {
			return "", "", nil, false
		}
		method, command = k, s
	}
	if method == "" {
		return "", "", nil, false
	}
	kw = make(map[string]any, len(obj)-1)
	for k, v := range obj {
		if k != method {
			kw[k] = v
		}
	}
	return method, command, kw, true
}

// pyroute2KwargsJSON reads the keyword arguments of a pyroute2-form
// object in their order, without the method key.
func pyroute2KwargsJSON(obj []byte, method string) (Kwargs, error) {
	all, err := DecodeKwargs(obj)
	if err != nil {
		return nil, err
	}
	kw := make(Kwargs, 0, len(all))
	for _, kv := range all {
		if kv.Key != method {
			kw = append(kw, kv)
		}
	}
	return kw, nil
}

// --- values as pyroute2 sees them ---

// pyInt reads an integer (json.Number, float64 with no fraction, int
// types, bool).
func pyInt(v any) (int64, bool) {
	switch x := v.(type) {
	case json.Number:
		i, err := x.Int64()
		if err != nil {
			f, err := x.Float64()
			if err != nil || f != math.Trunc(f) {
				return 0, false
			}
			return int64(f), true
		}
		return i, true
	case float64:
		if x != math.Trunc(x) {
			return 0, false
		}
		return int64(x), true
	case int:
		return int64(x), true
	case int64:
		return x, true
	case uint32:
		return int64(x), true
	case int32:
		return int64(x), true
	case uint64:
		if x > math.MaxInt64 {
			return 0, false
		}
		return int64(x), true
	case uint:
		return int64(x), true
	case bool:
		if x {
			return 1, true
		}
		return 0, true
	}
	return 0, false
}

func isInt(v any) bool {
	if _, ok := v.(bool); ok {
		return false
	}
	_, ok := pyInt(v)
	return ok
}

func isStr(v any) bool { _, ok := v.(string); return ok }

func isList(v any) bool { _, ok := v.([]any); return ok }

// asDict reads an object, from a map (keys by name) or Kwargs.
func asDict(v any) (Kwargs, bool) {
	switch x := v.(type) {
	case Kwargs:
		return x, true
	case map[string]any:
		return KwargsFromMap(x), true
	}
	return nil, false
}

func isDict(v any) bool { _, ok := asDict(v); return ok }

// truthy is Python's truth value.
func truthy(v any) bool {
	switch x := v.(type) {
	case nil:
		return false
	case string:
		return x != ""
	case bool:
		return x
	case []any:
		return len(x) > 0
	case Kwargs:
		return len(x) > 0
	case map[string]any:
		return len(x) > 0
	}
	if i, ok := pyInt(v); ok {
		return i != 0
	}
	return true
}

// text is a scalar as the codec reads it.
func text(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case bool:
		if x {
			return "1"
		}
		return "0"
	case nil:
		return ""
	}
	if i, ok := pyInt(v); ok {
		return strconv.FormatInt(i, 10)
	}
	return fmt.Sprint(v)
}

func pyRepr(v any) string {
	switch x := v.(type) {
	case string:
		return strconv.Quote(x)
	case nil:
		return "None"
	}
	return text(v)
}

// odict is a Python dict: insertion ordered.
type odict struct {
	keys []string
	vals map[string]any
}

func newODict() *odict { return &odict{vals: map[string]any{}} }

func (d *odict) has(k string) bool { _, ok := d.vals[k]; return ok }

func (d *odict) get(k string) (any, bool) { v, ok := d.vals[k]; return v, ok }

func (d *odict) set(k string, v any) {
	if _, ok := d.vals[k]; !ok {
		d.keys = append(d.keys, k)
	}
	d.vals[k] = v
}

func (d *odict) del(k string) {
	if _, ok := d.vals[k]; !ok {
		return
	}
	delete(d.vals, k)
	for i, kk := range d.keys {
		if kk == k {
			d.keys = append(d.keys[:i:i], d.keys[i+1:]...)
			break
		}
	}
}

func (d *odict) pop(k string) (any, bool) {
	v, ok := d.vals[k]
	d.del(k)
	return v, ok
}

func (d *odict) items() []KV {
	out := make([]KV, len(d.keys))
	for i, k := range d.keys {
		out[i] = KV{k, d.vals[k]}
	}
	return out
}

func odictFrom(kw Kwargs) *odict {
	d := newODict()
	for _, kv := range kw {
		d.set(kv.Key, kv.Value)
	}
	return d
}

// chain is pyroute2's ChainMap of the request being built and the call's
// keywords.
type chain struct{ a, b *odict }

func (c chain) get(k string) (any, bool) {
	if v, ok := c.a.get(k); ok {
		return v, true
	}
	return c.b.get(k)
}

// fieldFilter is one of pyroute2's field filters: it maps a key and its
// value to the keys and values that replace it.
type fieldFilter interface {
	filter(ctx chain, key string, value any) ([]KV, error)
}

// requestProcessor replicates pyroute2's RequestProcessor: a dict whose
// items go through the filters, in place.
type requestProcessor struct {
	d   *odict
	ctx *odict
}

func newRequestProcessor(ctx *odict) *requestProcessor {
	rp := &requestProcessor{d: newODict(), ctx: ctx}
	for _, kv := range ctx.items() {
		if kv.Value != nil {
			rp.d.set(kv.Key, kv.Value)
		}
	}
	return rp
}

func (rp *requestProcessor) apply(f fieldFilter) error {
	for _, kv := range rp.d.items() {
		if kv.Value == nil {
			continue
		}
		rp.d.del(kv.Key)
		out, err := f.filter(chain{rp.d, rp.ctx}, kv.Key, kv.Value)
		if err != nil {
			return err
		}
		for _, o := range out {
			rp.d.set(o.Key, o.Value)
		}
	}
	return nil
}

// finalize drops empty strings and None, as the route and address
// filters do.
func (rp *requestProcessor) finalize() {
	for _, kv := range rp.d.items() {
		if s, ok := kv.Value.(string); (ok && s == "") || kv.Value == nil {
			rp.d.del(kv.Key)
		}
	}
}

// request is a message being assembled.
func newRequest(typ string, flags uint16) *codec.Request {
	return &codec.Request{Type: typ, Flags: flags}
}

func hdr(r *codec.Request, name string, v any) {
	r.Header = append(r.Header, codec.FieldValue{Name: name, Value: text(v)})
}

const (
	fReq     = codec.FlagRequest
	fAck     = codec.FlagAck
	fCreate  = codec.FlagCreate
	fExcl    = codec.FlagExcl
	fReplace = codec.FlagReplace
	fAppend  = codec.FlagAppend
	fDump    = codec.FlagRoot | codec.FlagMatch
)

// Address families.
const (
	afUnspec = 0
	afInet   = 2
	afBridge = 7
	afInet6  = 10
	afMPLS   = 28
)

func addressFamily(s string) int64 {
	if strings.Contains(s, ":") {
		return afInet6
	}
	return afInet
}

// stripPrefix turns "RTA_GATEWAY" into "gateway" (pyroute2's
// NLAKeyTransform).
func stripPrefix(key, prefix string) string {
	if strings.HasPrefix(key, prefix) {
		return strings.ToLower(key[len(prefix):])
	}
	return key
}

// nlaName is pyroute2's name2nla: "gateway" -> "RTA_GATEWAY".
func nlaName(prefix, name string) string {
	n := strings.ToUpper(name)
	if !strings.Contains(n, prefix) {
		n = prefix + n
	}
	return n
}

func lookupName(table map[string]int64, what string, v any) (any, error) {
	s, ok := v.(string)
	if !ok {
		return v, nil
	}
	n, ok := table[s]
	if !ok {
		return nil, fmt.Errorf("unknown %s %q (KeyError in pyroute2)", what, s)
	}
	return n, nil
}

// rawAttr returns the name of the first attribute given as raw bytes.
func rawAttr(attrs []codec.AttrValue) string {
	for _, a := range attrs {
		if a.Raw != nil {
			if a.Name != "" {
				return a.Name
			}
			return fmt.Sprintf("attribute %d", a.Num)
		}
		if n := rawAttr(a.Attrs); n != "" {
			return n
		}
		for _, r := range a.Records {
			if n := rawAttr(r.Attrs); n != "" {
				return n
			}
		}
	}
	return ""
}
