package batch

import (
	"fmt"
	"strings"

	"github.com/nlbatch/nlbatch/codec"
)

func init() {
	pyroute2Methods["neigh"] = pyNeigh
	pyroute2Methods["fdb"] = pyFdb
	pyroute2Methods["rule"] = pyRule
}

var (
	pyNudStates = map[string]int64{"NUD_INCOMPLETE": 1, "NUD_REACHABLE": 2, "NUD_STALE": 4, "NUD_DELAY": 8,
		"NUD_PROBE": 16, "NUD_FAILED": 32, "NUD_NOARP": 64, "NUD_PERMANENT": 128, "NUD_NONE": 0}
	// The NDA_* attributes pyroute2 0.7.2's ndmsg knows.
	pyNdaNLAs = map[string]bool{"NDA_DST": true, "NDA_LLADDR": true, "NDA_CACHEINFO": true, "NDA_PROBES": true,
		"NDA_VLAN": true, "NDA_PORT": true, "NDA_VNI": true, "NDA_IFINDEX": true, "NDA_MASTER": true}
	pyFrActNames = map[string]int64{"FR_ACT_UNSPEC": 0, "FR_ACT_TO_TBL": 1, "FR_ACT_GOTO": 2, "FR_ACT_NOP": 3,
		"FR_ACT_BLACKHOLE": 6, "FR_ACT_UNREACHABLE": 7, "FR_ACT_PROHIBIT": 8}
	// The FRA_* attributes pyroute2 0.7.2's fibmsg knows, with their
	// encodings.
	pyFraNLAs = map[string]string{"FRA_DST": "addr", "FRA_SRC": "addr", "FRA_IIFNAME": "str", "FRA_GOTO": "int",
		"FRA_PRIORITY": "int", "FRA_FWMARK": "int", "FRA_FLOW": "int", "FRA_TUN_ID": "int",
		"FRA_SUPPRESS_IFGROUP": "int", "FRA_SUPPRESS_PREFIXLEN": "int", "FRA_TABLE": "int", "FRA_FWMASK": "int",
		"FRA_OIFNAME": "str", "FRA_PAD": "hex", "FRA_L3MDEV": "int", "FRA_UID_RANGE": "range",
		"FRA_PROTOCOL": "int", "FRA_IP_PROTO": "int", "FRA_SPORT_RANGE": "range", "FRA_DPORT_RANGE": "range"}
)

// pyNtfFlags are pyroute2's ndmsg flag names.
var pyNtfFlags = map[string]int64{"use": 1, "self": 2, "master": 4, "proxy": 8, "ext_learned": 16, "router": 128}

// ntfFlags reads neighbour flags by name: "router", ["self", "master"],
// "NTF_ROUTER".
func ntfFlags(v any) (int64, error) {
	var names []any
	switch x := v.(type) {
	case string:
		for _, n := range strings.Split(x, ",") {
			names = append(names, n)
		}
	case []any:
		names = x
	}
	var n int64
	for _, nm := range names {
		s := strings.TrimPrefix(strings.ToLower(strings.TrimSpace(text(nm))), "ntf_")
		f, ok := pyNtfFlags[s]
		if !ok {
			return 0, fmt.Errorf("unknown neighbour flag %q", s)
		}
		n |= f
	}
	return n, nil
}

// statesA2N is ndmsg.states_a2n: "permanent,noarp" -> 192.
func statesA2N(s string) (int64, error) {
	var n int64
	for _, st := range strings.Split(s, ",") {
		st = strings.ToUpper(st)
		if !strings.HasPrefix(st, "NUD_") {
			st = "NUD_" + st
		}
		v, ok := pyNudStates[st]
		if !ok {
			return 0, fmt.Errorf("unknown neighbour state %s (KeyError in pyroute2)", st)
		}
		n |= v
	}
	return n, nil
}

type neighFieldFilter struct{}

func (neighFieldFilter) filter(ctx chain, key string, value any) ([]KV, error) {
	switch key {
	case "index", "ifindex":
		if l, ok := value.([]any); ok && len(l) > 0 {
			value = l[0]
		}
		return []KV{{"ifindex", value}}, nil
	case "nud", "state":
		if s, ok := value.(string); ok {
			n, err := statesA2N(s)
			return []KV{{"state", n}}, err
		}
		return []KV{{"state", value}}, nil
	}
	return []KV{{key, value}}, nil
}

type neighIPRouteFilter struct{}

func (neighIPRouteFilter) filter(ctx chain, key string, value any) ([]KV, error) {
	if key == "dst" {
		ret := []KV{{"dst", value}}
		if _, ok := ctx.get("family"); !ok {
			ret = append(ret, KV{"family", addressFamily(text(value))})
		}
		return ret, nil
	}
	return []KV{{key, value}}, nil
}

func pyNeigh(command string, kw Kwargs) ([]*codec.Request, error) {
	const base = fReq | fAck
	commands := map[string]struct {
		typ   string
		flags uint16
	}{
		"add": {"RTM_NEWNEIGH", base | fCreate | fExcl}, "set": {"RTM_NEWNEIGH", base | fReplace | fCreate},
		"replace": {"RTM_NEWNEIGH", base | fReplace | fCreate}, "change": {"RTM_NEWNEIGH", base | fReplace},
		"del": {"RTM_DELNEIGH", base}, "remove": {"RTM_DELNEIGH", base}, "delete": {"RTM_DELNEIGH", base},
		"dump": {"RTM_GETNEIGH", fReq | fDump}, "get": {"RTM_GETNEIGH", base},
		"append": {"RTM_NEWNEIGH", base | fCreate | fAppend},
	}
	cmd, ok := commands[command]
	if !ok {
		return nil, fmt.Errorf("unknown command %q", command)
	}
	kwarg := odictFrom(kw)
	if command == "dump" {
		kwarg = dumpFilter(kwarg)
	}
	rp := newRequestProcessor(kwarg)
	if err := rp.apply(neighFieldFilter{}); err != nil {
		return nil, err
	}
	if err := rp.apply(neighIPRouteFilter{}); err != nil {
		return nil, err
	}
	ctx := chain{rp.d, kwarg}
	if command != "dump" && command != "get" {
		if _, ok := ctx.get("state"); !ok {
			rp.d.set("state", int64(128))
		}
	}
	if _, ok := ctx.get("family"); !ok {
		rp.d.set("family", int64(afInet))
	}
	req := rp.d
	r := newRequest(cmd.typ, cmd.flags)
	for _, f := range []string{"family", "ifindex", "state", "flags", "ndm_type"} {
		v, ok := req.pop(f)
		if !ok {
			v = int64(0)
		}
		if f == "flags" && (isStr(v) || isList(v)) {
			// Beyond pyroute2 (struct.error): NTF_* names.
			n, err := ntfFlags(v)
			if err != nil {
				return nil, err
			}
			v = n
		}
		if f != "ifindex" && !isInt(v) {
			return nil, fmt.Errorf("%s %s: required argument is not an integer (struct.error in pyroute2)", f, pyRepr(v))
		}
		name := "ndm_" + f
		if f == "ndm_type" {
			name = f
		}
		hdr(r, name, v)
	}
	for _, kv := range req.items() {
		nla := nlaName("NDA_", kv.Key)
		if !pyNdaNLAs[nla] || kv.Value == nil {
			continue
		}
		if isList(kv.Value) || isDict(kv.Value) {
			return nil, fmt.Errorf("%s: a scalar is expected", nla)
		}
		r.Attrs = append(r.Attrs, codec.AttrValue{Name: nla, Value: text(kv.Value)})
	}
	return []*codec.Request{r}, nil
}

// dumpFilter is pyroute2's get_dump_filter: what a dump sends (the
// family only, unless a match is given).
func dumpFilter(kwarg *odict) *odict {
	if kwarg.has("match") {
		kwarg.pop("match")
		return kwarg
	}
	nk := newODict()
	if v, ok := kwarg.get("family"); ok {
		nk.set("family", v)
	}
	return nk
}

func pyFdb(command string, kw Kwargs) ([]*codec.Request, error) {
	kwarg := odictFrom(kw)
	if command == "dump" {
		kwarg = dumpFilter(kwarg)
	}
	kwarg.set("family", int64(afBridge))
	if v, ok := kwarg.pop("nud"); ok {
		kwarg.set("state", v)
	}
	// Beyond pyroute2 (TypeError): state and flags by name.
	if st, ok := kwarg.get("state"); ok && isStr(st) {
		n, err := statesA2N(st.(string))
		if err != nil {
			return nil, err
		}
		kwarg.set("state", n)
	}
	if fl, ok := kwarg.get("flags"); ok && (isStr(fl) || isList(fl)) {
		n, err := ntfFlags(fl)
		if err != nil {
			return nil, err
		}
		kwarg.set("flags", n)
	}
	switch command {
	case "add", "del", "append":
		st, ok := kwarg.get("state")
		if !ok {
			st = int64(0)
		}
		n, isN := pyInt(st)
		if !isN || isStr(st) {
			return nil, fmt.Errorf("fdb state %s: a number is expected (TypeError in pyroute2)", pyRepr(st))
		}
		if n&64 == 0 {
			kwarg.pop("state")
			n |= 64
			if n&(128|2) == 0 {
				n |= 128
			}
			kwarg.set("state", n)
			fl, ok := kwarg.get("flags")
			if !ok {
				fl = int64(0)
			}
			f, isN := pyInt(fl)
			if !isN || isStr(fl) {
				return nil, fmt.Errorf("fdb flags %s: a number is expected (TypeError in pyroute2)", pyRepr(fl))
			}
			if f&(2|4) == 0 {
				kwarg.set("flags", f|2)
			}
		}
	}
	var out Kwargs
	for _, kv := range kwarg.items() {
		out = append(out, kv)
	}
	return pyNeigh(command, out)
}

type ruleFieldFilter struct{}

func (ruleFieldFilter) filter(ctx chain, key string, value any) ([]KV, error) {
	key = stripPrefix(key, "FRA_")
	switch key {
	case "dst":
		if s, ok := value.(string); ok {
			switch s {
			case "", "default":
				return []KV{{"dst", ""}}, nil
			case "0", "0.0.0.0":
				return []KV{{"dst", ""}, {"family", int64(afInet)}}, nil
			case "::", "::/0":
				return []KV{{"dst", ""}, {"family", int64(afInet6)}}, nil
			}
		}
		return parseTarget(true, key, ctx, value)
	case "src", "via", "newdst", "gateway":
		return parseTarget(true, key, ctx, value)
	case "index":
		if l, ok := value.([]any); ok && len(l) > 0 {
			value = l[0]
		}
	}
	return []KV{{key, value}}, nil
}

type ruleIPRouteFilter struct{}

func (ruleIPRouteFilter) filter(ctx chain, key string, value any) ([]KV, error) {
	if key == "action" {
		if s, ok := value.(string); ok {
			if n, ok := pyFrActNames[s]; ok {
				return []KV{{key, n}}, nil
			}
			if n, ok := pyFrActNames["FR_ACT_"+strings.ToUpper(s)]; ok {
				return []KV{{key, n}}, nil
			}
		}
	}
	return []KV{{key, value}}, nil
}

func pyRule(command string, kw Kwargs) ([]*codec.Request, error) {
	const base = fReq | fAck
	commands := map[string]struct {
		typ   string
		flags uint16
	}{
		"add": {"RTM_NEWRULE", base | fCreate | fExcl}, "del": {"RTM_DELRULE", base},
		"remove": {"RTM_DELRULE", base}, "delete": {"RTM_DELRULE", base},
		"dump": {"RTM_GETRULE", fReq | codec.FlagRoot | codec.FlagAtomic},
	}
	if command == "set" {
		// pyroute2 0.7.2 sends nothing.
		return nil, nil
	}
	cmd, ok := commands[command]
	if !ok {
		return nil, fmt.Errorf("unknown command %q", command)
	}
	kwarg := odictFrom(kw)
	if !(command == "dump") || kwarg.has("match") {
		kwarg.pop("match")
	}
	rp := newRequestProcessor(kwarg)
	if err := rp.apply(ruleFieldFilter{}); err != nil {
		return nil, err
	}
	if err := rp.apply(ruleIPRouteFilter{}); err != nil {
		return nil, err
	}
	ctx := chain{rp.d, kwarg}
	if command != "dump" {
		if _, ok := ctx.get("family"); !ok {
			rp.d.set("family", int64(afInet))
		}
		if _, ok := ctx.get("priority"); !ok {
			rp.d.set("priority", int64(32000))
		}
		_, hasT := ctx.get("table")
		if _, hasA := ctx.get("action"); hasT && !hasA {
			rp.d.set("action", int64(1))
		}
		for _, k := range []string{"src_len", "dst_len"} {
			v, _ := ctx.get(k)
			if _, has := ctx.get(k[:3]); v == nil && has {
				fv, _ := ctx.get("family")
				switch mustInt(fv) {
				case afInet6:
					rp.d.set(k, int64(128))
				case afInet:
					rp.d.set(k, int64(32))
				default:
					return nil, fmt.Errorf("family %v (KeyError in pyroute2)", fv)
				}
			}
		}
	}
	req := rp.d
	r := newRequest(cmd.typ, cmd.flags)
	table, ok := req.get("table")
	if !ok {
		table = int64(0)
	}
	tn, ok := pyInt(table)
	if !ok || isStr(table) {
		return nil, fmt.Errorf("table %s: an integer is required (TypeError in pyroute2)", pyRepr(table))
	}
	if tn > 255 {
		tn = 252
	}
	hdr(r, "table", tn)
	for _, f := range []string{"family", "src_len", "dst_len", "action", "tos", "flags"} {
		v, ok := req.pop(f)
		if !ok {
			v = int64(0)
		}
		if !isInt(v) {
			return nil, fmt.Errorf("%s %s: required argument is not an integer (struct.error in pyroute2)", f, pyRepr(v))
		}
		hdr(r, f, v)
	}
	for _, kv := range req.items() {
		nla := nlaName("FRA_", kv.Key)
		kind, known := pyFraNLAs[nla]
		if !known || kv.Value == nil {
			continue
		}
		av := codec.AttrValue{Name: nla}
		switch kind {
		case "range":
			s := text(kv.Value)
			parts := strings.Split(s, ":")
			if len(parts) != 2 || !isDecimal(parts[0]) || !isDecimal(parts[1]) {
				return nil, fmt.Errorf("%s %q: \"start:end\" expected (ValueError in pyroute2)", nla, s)
			}
			av.Fields = []codec.FieldValue{{Name: "start", Value: parts[0]}, {Name: "end", Value: parts[1]}}
		default:
			if isList(kv.Value) || isDict(kv.Value) {
				return nil, fmt.Errorf("%s: a scalar is expected", nla)
			}
			av.Value = text(kv.Value)
		}
		r.Attrs = append(r.Attrs, av)
	}
	return []*codec.Request{r}, nil
}

func isDecimal(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}
