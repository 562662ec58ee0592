package batch

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"math/bits"
	"net/netip"
	"strconv"
	"strings"

	"github.com/nlbatch/nlbatch/codec"
)

func init() { pyroute2Methods["route"] = pyRoute }

// pyroute2's name tables (pyroute2.netlink.rtnl).
var (
	pyRtProto = map[string]int64{"unspec": 0, "redirect": 1, "kernel": 2, "boot": 3, "static": 4,
		"gated": 8, "ra": 9, "mrt": 10, "zebra": 11, "bird": 12, "dnrouted": 13, "xorp": 14, "ntk": 15, "dhcp": 16}
	pyRtScope = map[string]int64{"universe": 0, "site": 200, "link": 253, "host": 254, "nowhere": 255}
	pyRtType  = map[string]int64{"unspec": 0, "unicast": 1, "local": 2, "broadcast": 3, "anycast": 4,
		"multicast": 5, "blackhole": 6, "unreachable": 7, "prohibit": 8, "throw": 9, "nat": 10, "xresolve": 11}
	pyEncapType = map[string]int64{"unspec": 0, "mpls": 1}
	pyRtTables  = map[string]int64{"unspec": 0, "compat": 252, "default": 253, "main": 254, "local": 255}
	pyRtnhFlags = map[string]int64{"dead": 1, "pervasive": 2, "onlink": 4, "offload": 8, "linkdown": 16}
	// encap_types of pyroute2.requests.route, by name (28, AF_MPLS, is also mpls).
	pyEncapTypes = map[string]int64{"mpls": 1, "seg6": 5, "bpf": 6, "seg6local": 7}
	// The RTAX_* names pyroute2 0.7.2 knows; others are dropped.
	pyRtax = map[string]bool{"RTAX_LOCK": true, "RTAX_MTU": true, "RTAX_WINDOW": true, "RTAX_RTT": true,
		"RTAX_RTTVAR": true, "RTAX_SSTHRESH": true, "RTAX_CWND": true, "RTAX_ADVMSS": true,
		"RTAX_REORDERING": true, "RTAX_HOPLIMIT": true, "RTAX_INITCWND": true, "RTAX_FEATURES": true,
		"RTAX_RTO_MIN": true, "RTAX_INITRWND": true, "RTAX_QUICKACK": true}
	pySeg6LocalActions = map[string]int64{"End": 1, "End.X": 2, "End.T": 3, "End.DX2": 4, "End.DX6": 5,
		"End.DX4": 6, "End.DT6": 7, "End.DT4": 8, "End.B6": 9, "End.B6.Encaps": 10, "End.BM": 11,
		"End.S": 12, "End.AS": 13, "End.AM": 14, "End.BPF": 15, "End.DT46": 16}
)

// routeAttrKinds: how pyroute2 0.7.2's rtmsg encodes each attribute it
// knows, by attribute name. Attributes it does not know are dropped, as
// pyroute2 drops them; RTA_NH_ID is our addition (0.7.2 drops it).
var routeAttrKinds = map[string]string{
	"RTA_DST": "target", "RTA_SRC": "target", "RTA_GATEWAY": "target", "RTA_PREFSRC": "target",
	"RTA_NEWDST": "target",
	"RTA_IIF":    "scalar", "RTA_OIF": "scalar", "RTA_PRIORITY": "scalar", "RTA_PROTOINFO": "scalar",
	"RTA_FLOW": "scalar", "RTA_TABLE": "scalar", "RTA_MARK": "scalar", "RTA_PREF": "scalar",
	"RTA_ENCAP_TYPE": "scalar", "RTA_NH_ID": "scalar",
	"RTA_METRICS": "metrics", "RTA_MULTIPATH": "multipath", "RTA_VIA": "via", "RTA_ENCAP": "encap",
}

// mplsTarget is pyroute2's MPLSTarget: one label stack entry.
type mplsTarget struct{ label, tc, bos, ttl int64 }

func (t mplsTarget) word() uint32 {
	return uint32(t.label)<<12 | uint32(t.tc&7)<<9 | uint32(t.bos&1)<<8 | uint32(t.ttl&0xff)
}

func newMPLSTarget(v any) (mplsTarget, error) {
	t := mplsTarget{label: 16, bos: 1}
	switch {
	case v == nil:
	case isStr(v):
		n, err := strconv.ParseInt(strings.TrimSpace(v.(string)), 10, 64)
		if err != nil {
			return t, fmt.Errorf("invalid MPLS label %q", v)
		}
		t.label = n
	case isInt(v):
		t.label, _ = pyInt(v)
	case isDict(v):
		d, _ := asDict(v)
		for _, f := range []struct {
			k string
			p *int64
		}{{"label", &t.label}, {"tc", &t.tc}, {"bos", &t.bos}, {"ttl", &t.ttl}} {
			if x, ok := d.Get(f.k); ok {
				n, ok := pyInt(x)
				if !ok {
					return t, fmt.Errorf("MPLS %s must be an integer", f.k)
				}
				*f.p = n
			}
		}
	default:
		return t, fmt.Errorf("invalid MPLS target %v", v)
	}
	return t, nil
}

// mplsStack is a label stack (a list of targets).
type mplsStack []mplsTarget

func (s mplsStack) text() string {
	parts := make([]string, len(s))
	for i, t := range s {
		parts[i] = strconv.FormatUint(uint64(t.word()), 10)
	}
	return strings.Join(parts, ",")
}

// encapAttrs is an RTA_ENCAP built from pyroute2's encap forms.
type encapAttrs []codec.AttrValue

// routeFieldFilter is pyroute2's RouteFieldFilter.
type routeFieldFilter struct{ addDefaults bool }

func (f routeFieldFilter) filter(ctx chain, key string, value any) ([]KV, error) {
	key = stripPrefix(key, "RTA_")
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
		return parseTarget(f.addDefaults, key, ctx, value)
	case "src", "via", "newdst", "gateway":
		return parseTarget(f.addDefaults, key, ctx, value)
	case "oif", "iif":
		if l, ok := value.([]any); ok && len(l) > 0 {
			value = l[0]
		}
		return []KV{{key, value}}, nil
	case "family":
		if n, ok := pyInt(value); ok && n == afMPLS {
			return []KV{{"family", int64(afMPLS)}, {"dst_len", int64(20)}, {"table", int64(254)}, {"type", int64(1)}}, nil
		}
	case "priority":
		fam, _ := ctx.get("family")
		if n, ok := pyInt(fam); ok && n == afInet6 {
			if p, ok := pyInt(value); ok && p == 0 && isInt(value) {
				return []KV{{"priority", int64(1024)}}, nil
			}
		}
	case "flags":
		fam, _ := ctx.get("family")
		if n, ok := pyInt(fam); ok && n == afMPLS {
			return nil, nil
		}
		if isStr(value) || isList(value) {
			n, err := names2flags(pyRtnhFlags, "RTNH_F_", value)
			if err != nil {
				return nil, err
			}
			return []KV{{"flags", n}}, nil
		}
	case "encap":
		if d, ok := asDict(value); ok {
			if t, _ := d.Get("type"); t == "mpls" {
				labels, _ := d.Get("labels")
				var list []any
				switch {
				case labels == nil:
				case isDict(labels) || isInt(labels):
					list = []any{labels}
				case isStr(labels):
					for _, s := range strings.Split(labels.(string), "/") {
						list = append(list, s)
					}
				case isList(labels):
					list = labels.([]any)
				default:
					return nil, errors.New("invalid MPLS labels")
				}
				if len(list) == 0 {
					return nil, errors.New("an MPLS encap needs labels (AttributeError in pyroute2)")
				}
				var st mplsStack
				for _, l := range list {
					t, err := newMPLSTarget(l)
					if err != nil {
						return nil, err
					}
					t.bos = 0
					st = append(st, t)
				}
				st[len(st)-1].bos = 1
				return []KV{{"encap_type", int64(1)}, {"encap", st}}, nil
			}
		}
	case "scope":
		v, err := lookupName(pyRtScope, "scope", value)
		return []KV{{key, v}}, err
	case "proto":
		v, err := lookupName(pyRtProto, "proto", value)
		return []KV{{key, v}}, err
	case "encap_type":
		v, err := lookupName(pyEncapType, "encap_type", value)
		return []KV{{key, v}}, err
	case "type":
		v, err := lookupName(pyRtType, "type", value)
		return []KV{{key, v}}, err
	}
	return []KV{{key, value}}, nil
}

func names2flags(table map[string]int64, prefix string, v any) (int64, error) {
	var names []any
	switch x := v.(type) {
	case string:
		names = []any{x}
	case []any:
		names = x
	}
	var n int64
	for _, nm := range names {
		s, ok := nm.(string)
		if !ok {
			return 0, fmt.Errorf("flag names must be strings")
		}
		f, ok := table[strings.ToLower(s)]
		if !ok {
			return 0, fmt.Errorf("unknown flag %s%s (KeyError in pyroute2)", prefix, strings.ToUpper(s))
		}
		n |= f
	}
	return n, nil
}

// parseTarget is pyroute2's IPTargets.parse_target.
func parseTarget(addDefaults bool, key string, ctx chain, value any) ([]KV, error) {
	if isInt(value) {
		t, err := newMPLSTarget(value)
		return []KV{{"family", int64(afMPLS)}, {key, t}}, err
	}
	if l, ok := value.([]any); ok {
		var st mplsStack
		for _, spec := range l {
			t, err := newMPLSTarget(spec)
			if err != nil {
				return nil, err
			}
			t.bos = 0
			st = append(st, t)
		}
		if len(st) == 0 {
			return nil, nil
		}
		st[len(st)-1].bos = 1
		return []KV{{"family", int64(afMPLS)}, {key, st}}, nil
	}
	if d, ok := asDict(value); ok {
		if l, _ := d.Get("label"); truthy(l) {
			t, err := newMPLSTarget(value)
			return []KV{{"family", int64(afMPLS)}, {key, t}}, err
		}
		return []KV{{key, value}}, nil
	}
	s, ok := value.(string)
	if !ok {
		return []KV{{key, value}}, nil
	}
	// pyroute2 tries the string as JSON first: "100" is a label.
	var j any
	d := json.NewDecoder(strings.NewReader(s))
	d.UseNumber()
	if d.Decode(&j) == nil && !d.More() {
		switch x := j.(type) {
		case json.Number:
			if isInt(x) {
				return parseTarget(addDefaults, key, ctx, x)
			}
		case []any:
			return parseTarget(addDefaults, key, ctx, x)
		case map[string]any:
			return parseTarget(addDefaults, key, ctx, x)
		}
	}
	if s == "" {
		return nil, nil
	}
	ret := []KV{{key, s}}
	setFullMask := false
	labels := strings.Split(s, "/")
	if len(labels) > 1 {
		// A label stack "16/24" first, as pyroute2 tries it.
		var l []any
		for _, x := range labels {
			l = append(l, x)
		}
		if st, err := parseTarget(addDefaults, key, ctx, l); err == nil {
			return st, nil
		}
		if len(labels) != 2 {
			return nil, fmt.Errorf("%s %q: too many values to unpack (ValueError in pyroute2)", key, s)
		}
		s = labels[0]
		ret[0].Value = s
		if addDefaults {
			p := labels[1]
			var n int64
			switch {
			case strings.Index(p, ".") > 0:
				a, err := netip.ParseAddr(p)
				if err != nil || !a.Is4() {
					return nil, fmt.Errorf("%s: invalid mask %q", key, p)
				}
				n = countBits(a.AsSlice())
			case strings.Contains(p, ":"):
				a, err := netip.ParseAddr(p)
				if err != nil || !a.Is6() {
					return nil, fmt.Errorf("%s: invalid mask %q", key, p)
				}
				n = countBits(a.AsSlice())
			default:
				v, err := strconv.ParseInt(strings.TrimSpace(p), 10, 64)
				if err != nil {
					return nil, fmt.Errorf("%s: invalid prefix length %q (ValueError in pyroute2)", key, p)
				}
				n = v
			}
			ret = append(ret, KV{key + "_len", n})
		}
	} else if addDefaults && (key == "dst" || key == "src") {
		if _, ok := ctx.get(key + "_len"); !ok {
			setFullMask = true
		}
	}
	if addDefaults {
		fam := addressFamily(s)
		ret = append(ret, KV{"family", fam})
		if fam == afInet6 {
			a, err := netip.ParseAddr(s)
			if err != nil {
				return nil, fmt.Errorf("%s: %q does not appear to be an IPv6 address (ValueError in pyroute2)", key, s)
			}
			ret[0].Value = a.String()
		}
		if setFullMask {
			if fam == afInet6 {
				ret = append(ret, KV{key + "_len", int64(128)})
			} else {
				ret = append(ret, KV{key + "_len", int64(32)})
			}
		}
	}
	return ret, nil
}

func countBits(b []byte) int64 {
	n := 0
	for _, c := range b {
		n += bits.OnesCount8(c)
	}
	return int64(n)
}

// routeIPRouteFilter is pyroute2's RouteIPRouteFilter.
type routeIPRouteFilter struct{}

func (routeIPRouteFilter) filter(ctx chain, key string, value any) ([]KV, error) {
	switch key {
	case "metrics":
		d, ok := asDict(value)
		if !ok || len(d) == 0 {
			return nil, nil
		}
		if _, has := d.Get("attrs"); has {
			return nil, nil
		}
		var m []KV
		for _, kv := range d {
			if kv.Value != nil {
				m = append(m, KV{nlaName("RTAX_", kv.Key), kv.Value})
			}
		}
		if len(m) == 0 {
			return nil, nil
		}
		return []KV{{"metrics", Kwargs(m)}}, nil
	case "multipath":
		l, ok := value.([]any)
		if !ok || len(l) == 0 {
			return nil, nil
		}
		var hops []nhop
		for _, h := range l {
			v, ok := asDict(h)
			if !ok {
				return nil, errors.New("multipath: each hop is a dict")
			}
			hop := nhop{}
			for _, f := range []struct {
				k string
				p *any
			}{{"flags", &hop.flags}, {"hops", &hop.hops}, {"oif", &hop.oif}} {
				if x, ok := v.Get(f.k); ok && x != nil {
					*f.p = x
				} else {
					*f.p = int64(0)
				}
			}
			if attrs, ok := v.Get("attrs"); ok {
				al, _ := attrs.([]any)
				for _, a := range al {
					p, ok := a.([]any)
					if !ok || len(p) != 2 {
						return nil, errors.New("multipath attrs: pairs of name and value")
					}
					n, _ := p[0].(string)
					hop.attrs = append(hop.attrs, KV{n, p[1]})
				}
				hops = append(hops, hop)
				continue
			}
			for _, kv := range v {
				if kv.Key == "flags" || kv.Key == "hops" || kv.Key == "oif" || kv.Value == nil {
					continue
				}
				switch {
				case kv.Key == "encap" && isDict(kv.Value):
					ed, _ := asDict(kv.Value)
					t, _ := ed.Get("type")
					lb, _ := ed.Get("labels")
					if t == nil || lb == nil {
						continue
					}
					ea, err := encapHeader(ed)
					if err != nil {
						return nil, err
					}
					hop.attrs = append(hop.attrs, KV{"RTA_ENCAP_TYPE", encapTypeNumber(t)}, KV{"RTA_ENCAP", ea})
				case kv.Key == "newdst":
					st, err := mplsRTA(kv.Value)
					if err != nil {
						return nil, err
					}
					hop.attrs = append(hop.attrs, KV{"RTA_NEWDST", st})
				default:
					hop.attrs = append(hop.attrs, KV{nlaName("RTA_", kv.Key), kv.Value})
				}
			}
			hops = append(hops, hop)
		}
		return []KV{{"multipath", hops}}, nil
	case "encap":
		if st, ok := value.(mplsStack); ok {
			if et, _ := ctx.get("encap_type"); isInt(et) && mustInt(et) == 1 {
				return []KV{{"encap", encapAttrs{{Name: "MPLS_IPTUNNEL_DST", Value: st.text()}}}}, nil
			}
			return nil, nil
		}
		if l, ok := value.([]any); ok {
			if et, _ := ctx.get("encap_type"); isInt(et) && mustInt(et) == 1 {
				st, err := labelList(l)
				if err != nil {
					return nil, err
				}
				return []KV{{"encap", encapAttrs{{Name: "MPLS_IPTUNNEL_DST", Value: st.text()}}}}, nil
			}
			return nil, nil
		}
		d, ok := asDict(value)
		if !ok {
			return nil, nil
		}
		has := func(k string) bool { _, ok := d.Get(k); return ok }
		if has("type") && (has("labels") || has("mode") && has("segs") || has("in") || has("out") || has("xmit") || has("action")) {
			t, _ := d.Get("type")
			ea, err := encapHeader(d)
			if err != nil {
				return nil, err
			}
			return []KV{{"encap_type", encapTypeNumber(t)}, {"encap", ea}}, nil
		}
		return nil, nil
	}
	return []KV{{key, value}}, nil
}

func mustInt(v any) int64 { n, _ := pyInt(v); return n }

func encapTypeNumber(t any) any {
	if s, ok := t.(string); ok {
		if n, ok := pyEncapTypes[s]; ok {
			return n
		}
		return s
	}
	if n, ok := pyInt(t); ok && n == afMPLS {
		return int64(1)
	}
	return t
}

// nhop is one RTA_MULTIPATH hop.
type nhop struct {
	flags, hops, oif any
	attrs            []KV
}

// mplsRTA is pyroute2's mpls_rta: a label or a list of labels.
func mplsRTA(v any) (mplsStack, error) {
	l, ok := v.([]any)
	if !ok {
		l = []any{v}
	}
	var st mplsStack
	for _, x := range l {
		t, err := newMPLSTarget(x)
		if err != nil {
			return nil, err
		}
		st = append(st, t)
	}
	if len(st) > 0 {
		st[len(st)-1].bos = 1
	}
	return st, nil
}

// labelList reads encap_header's labels: dicts are taken as they are
// (and then bos is not rewritten), other labels get bos 0 and the last
// bos 1.
func labelList(l []any) (mplsStack, error) {
	override := true
	var st mplsStack
	for _, x := range l {
		if isDict(x) {
			override = false
			t, err := newMPLSTarget(x)
			if err != nil {
				return nil, err
			}
			d, _ := asDict(x)
			if _, ok := d.Get("bos"); !ok {
				t.bos = 0
			}
			st = append(st, t)
			continue
		}
		if s, ok := x.(string); ok {
			n, err := strconv.ParseInt(s, 10, 64)
			if err != nil {
				return nil, fmt.Errorf("invalid MPLS label %q (ValueError in pyroute2)", s)
			}
			x = n
		}
		n, ok := pyInt(x)
		if !ok {
			return nil, fmt.Errorf("invalid MPLS label %v", x)
		}
		st = append(st, mplsTarget{label: n})
	}
	if override && len(st) > 0 {
		st[len(st)-1].bos = 1
	}
	return st, nil
}

// encapHeader is pyroute2's encap_header.
func encapHeader(h Kwargs) (encapAttrs, error) {
	t, _ := h.Get("type")
	if isInt(t) || t == "mpls" {
		labels, _ := h.Get("labels")
		var l []any
		switch x := labels.(type) {
		case string:
			for _, s := range strings.Split(x, "/") {
				l = append(l, s)
			}
		case []any:
			l = x
		default:
			l = []any{labels}
		}
		st, err := labelList(l)
		if err != nil {
			return nil, err
		}
		return encapAttrs{{Name: "MPLS_IPTUNNEL_DST", Value: st.text()}}, nil
	}
	switch t {
	case "seg6":
		segs, err := segList(h, "segs")
		if err != nil {
			return nil, err
		}
		mode, _ := h.Get("mode")
		hmac, _ := h.Get("hmac")
		return encapAttrs{{Name: "SEG6_IPTUNNEL_SRH", Raw: srh(true, mode == "inline", mode != "inline", segs, hmac)}}, nil
	case "bpf":
		var out encapAttrs
		for _, kv := range h {
			name := map[string]string{"in": "LWT_BPF_IN", "out": "LWT_BPF_OUT", "xmit": "LWT_BPF_XMIT"}[kv.Key]
			if name == "" {
				continue
			}
			p, ok := asDict(kv.Value)
			if !ok {
				return nil, fmt.Errorf("bpf %s: a dict with fd and name", kv.Key)
			}
			fd, _ := p.Get("fd")
			nm, _ := p.Get("name")
			out = append(out, codec.AttrValue{Name: name, Attrs: []codec.AttrValue{
				{Name: "LWT_BPF_PROG_FD", Value: text(fd)}, {Name: "LWT_BPF_PROG_NAME", Value: text(nm)}}})
			if kv.Key == "xmit" {
				if hr, ok := p.Get("headroom"); ok {
					out = append(out, codec.AttrValue{Name: "LWT_BPF_XMIT_HEADROOM", Value: text(hr)})
				}
			}
		}
		return out, nil
	case "seg6local":
		act, _ := h.Get("action")
		an, ok := pySeg6LocalActions[text(act)]
		if !ok {
			return nil, fmt.Errorf("unknown seg6local action %v", act)
		}
		out := encapAttrs{{Name: "SEG6_LOCAL_ACTION", Value: strconv.FormatInt(an, 10)}}
		get := func(k string) (any, error) {
			v, ok := h.Get(k)
			if !ok {
				return nil, fmt.Errorf("seg6local %v needs %s (KeyError in pyroute2)", act, k)
			}
			return v, nil
		}
		var table, vrf, nh4, nh6, oif any
		var srhRaw []byte
		var bpf Kwargs
		var err error
		switch act {
		case "End.X", "End.DX6":
			nh6, err = get("nh6")
		case "End.T", "End.DT6":
			table, err = get("table")
		case "End.DX2":
			oif, err = get("oif")
		case "End.DX4":
			nh4, err = get("nh4")
		case "End.DT4":
			vrf, err = get("vrf_table")
		case "End.B6", "End.B6.Encaps":
			var s any
			if s, err = get("srh"); err == nil {
				sd, _ := asDict(s)
				var segs []string
				if segs, err = segList(sd, "segs"); err == nil {
					hmac, _ := h.Get("hmac")
					srhRaw = srh(false, act == "End.B6", false, segs, hmac)
				}
			}
		case "End.BPF":
			var b any
			if b, err = get("bpf"); err == nil {
				bpf, _ = asDict(b)
			}
		}
		if err != nil {
			return nil, err
		}
		for _, x := range []struct {
			name string
			v    any
		}{{"SEG6_LOCAL_TABLE", table}, {"SEG6_LOCAL_VRFTABLE", vrf}, {"SEG6_LOCAL_NH4", nh4}, {"SEG6_LOCAL_NH6", nh6}, {"SEG6_LOCAL_OIF", oif}} {
			if truthy(x.v) {
				out = append(out, codec.AttrValue{Name: x.name, Value: text(x.v)})
			}
		}
		if srhRaw != nil {
			out = append(out, codec.AttrValue{Name: "SEG6_LOCAL_SRH", Raw: srhRaw})
		}
		if bpf != nil {
			fd, _ := bpf.Get("fd")
			nm, _ := bpf.Get("name")
			if truthy(fd) && truthy(nm) {
				out = append(out, codec.AttrValue{Name: "SEG6_LOCAL_BPF", Attrs: []codec.AttrValue{
					{Name: "SEG6_LOCAL_BPF_PROG", Value: text(fd)}, {Name: "SEG6_LOCAL_BPF_PROG_NAME", Value: text(nm)}}})
			}
		}
		return out, nil
	}
	return nil, fmt.Errorf("unknown encap type %v", t)
}

func segList(h Kwargs, key string) ([]string, error) {
	v, ok := h.Get(key)
	if !ok {
		return nil, fmt.Errorf("seg6 needs %s (KeyError in pyroute2)", key)
	}
	var segs []string
	switch x := v.(type) {
	case string:
		for _, s := range strings.Split(x, ",") {
			if s != "" {
				segs = append(segs, s)
			}
		}
	case []any:
		for _, s := range x {
			segs = append(segs, text(s))
		}
	default:
		return nil, fmt.Errorf("seg6 %s: a list or a comma-separated string", key)
	}
	return segs, nil
}

// srh encodes pyroute2's ipv6_sr_hdr (with the tunnel's mode first when
// withMode): segments in the order given, "::" first for inline mode, and
// an HMAC TLV when hmac is set.
func srh(withMode, inline, encapMode bool, segs []string, hmac any) []byte {
	var b []byte
	if inline {
		segs = append([]string{"::"}, segs...)
	}
	if withMode {
		m := uint32(1)
		if inline {
			m = 0
		}
		b = binary.LittleEndian.AppendUint32(b, m)
	}
	hasHMAC := truthy(hmac)
	l := len(segs) * 16
	if hasHMAC {
		l += 40
	}
	flags := byte(0)
	if hasHMAC {
		flags = 8
	}
	n := byte(len(segs) - 1)
	b = append(b, 0, byte(l>>3), 4, n, n, flags, 0, 0)
	for _, s := range segs {
		a, err := netip.ParseAddr(s)
		if err != nil {
			a = netip.IPv6Unspecified()
		}
		a16 := a.As16()
		b = append(b, a16[:]...)
	}
	if hasHMAC {
		b = append(b, 5, 38, 0, 0)
		b = binary.BigEndian.AppendUint32(b, uint32(mustInt(hmac)))
		b = append(b, make([]byte, 32)...)
	}
	return b
}

func pyRoute(command string, kw Kwargs) ([]*codec.Request, error) {
	const base = fReq | fAck
	commands := map[string]struct {
		typ   string
		flags uint16
	}{
		"add": {"RTM_NEWROUTE", base | fCreate | fExcl}, "set": {"RTM_NEWROUTE", base | fReplace | fCreate},
		"replace": {"RTM_NEWROUTE", base | fReplace | fCreate}, "change": {"RTM_NEWROUTE", base | fReplace},
		"append": {"RTM_NEWROUTE", base | fCreate | fAppend},
		"del":    {"RTM_DELROUTE", base}, "remove": {"RTM_DELROUTE", base}, "delete": {"RTM_DELROUTE", base},
		"get": {"RTM_GETROUTE", fReq}, "show": {"RTM_GETROUTE", fReq | fDump}, "dump": {"RTM_GETROUTE", fReq | fDump},
	}
	cmd, ok := commands[command]
	if !ok {
		return nil, fmt.Errorf("unknown command %q", command)
	}
	kwarg := odictFrom(kw)
	switch command {
	case "add", "set", "replace", "change", "append":
		if v, ok := kwarg.get("proto"); !ok || !truthy(v) {
			kwarg.set("proto", "static")
		}
		if v, ok := kwarg.get("type"); !ok || !truthy(v) {
			kwarg.set("type", "unicast")
		}
	}
	if !(command == "dump" || command == "show") || kwarg.has("match") {
		kwarg.pop("match")
	}
	kwarg.pop("callback")
	// Beyond pyroute2 0.7.2 (which drops both): metric is the route's
	// priority, nh_id is RTA_NH_ID.
	if v, ok := kwarg.get("metric"); ok {
		if _, has := kwarg.get("priority"); !has {
			renameKey(kwarg, "metric", "priority", v)
		}
	}
	rp := newRequestProcessor(kwarg)
	if err := rp.apply(routeFieldFilter{addDefaults: true}); err != nil {
		return nil, err
	}
	if err := rp.apply(routeIPRouteFilter{}); err != nil {
		return nil, err
	}
	rp.finalize()
	req := rp.d

	r := newRequest(cmd.typ, cmd.flags)
	table := any(int64(254))
	if t, ok := req.get("table"); ok {
		table = t
	}
	if name, ok := table.(string); ok {
		// Beyond pyroute2 (TypeError): the table by name.
		n, ok := pyRtTables[name]
		if !ok {
			return nil, fmt.Errorf("table %q: a number or one of unspec, compat, default, main, local", name)
		}
		table = n
		req.set("table", n)
	}
	tn, ok := pyInt(table)
	if !ok {
		return nil, fmt.Errorf("table %s: an integer is required (TypeError in pyroute2)", pyRepr(table))
	}
	if tn > 255 {
		tn = 252
	}
	pop := func(k string, def any) any {
		if v, ok := req.pop(k); ok {
			return v
		}
		return def
	}
	famV := pop("family", int64(afInet))
	fam, famOK := pyInt(famV)
	scope := pop("scope", 0)
	dl := pop("dst_len", nil)
	if !truthy(dl) {
		dl = pop("mask", 0)
	}
	srcLen, tos, flags := pop("src_len", 0), pop("tos", 0), pop("flags", 0)
	typ, proto := pop("type", 0), pop("proto", 0)
	if famOK && fam == afMPLS {
		// rtmsg.encode forces these for MPLS routes.
		dl, tn, typ = int64(20), 254, int64(1)
	}
	hdr(r, "rtm_table", tn)
	hdr(r, "rtm_family", famV)
	hdr(r, "rtm_scope", scope)
	hdr(r, "rtm_dst_len", dl)
	hdr(r, "rtm_src_len", srcLen)
	hdr(r, "rtm_tos", tos)
	hdr(r, "rtm_flags", flags)
	hdr(r, "rtm_type", typ)
	hdr(r, "rtm_protocol", proto)
	if famOK && fam == afMPLS {
		for _, kv := range req.items() {
			switch kv.Key {
			case "dst", "newdst", "via", "multipath", "oif":
			default:
				req.del(kv.Key)
			}
		}
	}
	famIdx := 0
	for i := range r.Header {
		if r.Header[i].Name == "rtm_family" {
			famIdx = i
		}
	}
	for _, kv := range req.items() {
		nla := nlaName("RTA_", kv.Key)
		if nla == "RTA_DST" && !truthy(kv.Value) {
			continue
		}
		if kv.Value == nil {
			continue
		}
		if famOK && (fam == afUnspec || fam == 255) && kv.Key == "multipath" {
			if hops, ok := kv.Value.([]nhop); ok && len(hops) > 0 {
				for _, a := range hops[0].attrs {
					if a.Key == "RTA_GATEWAY" {
						fam = addressFamily(text(a.Value))
						r.Header[famIdx].Value = strconv.FormatInt(fam, 10)
						break
					}
				}
			}
		}
		av, ok, err := routeAttr(fam, nla, kv.Value)
		if err != nil {
			return nil, err
		}
		if ok {
			r.Attrs = append(r.Attrs, av)
		}
	}
	return []*codec.Request{r}, nil
}

func renameKey(d *odict, from, to string, v any) {
	i := -1
	for j, k := range d.keys {
		if k == from {
			i = j
		}
	}
	delete(d.vals, from)
	d.keys[i] = to
	d.vals[to] = v
}

// routeAttr encodes one of rtmsg's attributes as pyroute2 does.
func routeAttr(family int64, nla string, v any) (codec.AttrValue, bool, error) {
	kind, ok := routeAttrKinds[nla]
	if !ok {
		return codec.AttrValue{}, false, nil
	}
	av := codec.AttrValue{Name: nla}
	switch kind {
	case "target":
		switch x := v.(type) {
		case mplsTarget:
			if family != afMPLS {
				return av, false, fmt.Errorf("%s: an MPLS label in a family %d route (TypeError in pyroute2)", nla, family)
			}
			av.Value = mplsStack{x}.text()
		case mplsStack:
			if family != afMPLS {
				return av, false, fmt.Errorf("%s: an MPLS label stack in a family %d route (TypeError in pyroute2)", nla, family)
			}
			av.Value = x.text()
		case string:
			a, err := netip.ParseAddr(x)
			if err != nil || family == afInet && !a.Is4() || family == afInet6 && !(a.Is6() && !a.Is4In6()) || family == afMPLS {
				return av, false, fmt.Errorf("%s %q: illegal IP address string for family %d (OSError in pyroute2)", nla, x, family)
			}
			av.Value = x
		default:
			return av, false, fmt.Errorf("%s: %v is not an address (TypeError in pyroute2)", nla, v)
		}
	case "scalar":
		if l, ok := v.([]any); ok {
			return av, false, fmt.Errorf("%s: a list where a number is expected (struct.error in pyroute2): %v", nla, l)
		}
		if d := isDict(v); d {
			return av, false, fmt.Errorf("%s: a dict where a number is expected", nla)
		}
		av.Value = text(v)
	case "metrics":
		m, _ := v.(Kwargs)
		for _, kv := range m {
			if !pyRtax[kv.Key] {
				continue
			}
			av.Attrs = append(av.Attrs, codec.AttrValue{Name: kv.Key, Value: text(kv.Value)})
		}
	case "via":
		d, ok := asDict(v)
		if !ok {
			return av, false, fmt.Errorf("RTA_VIA: a dict with family and addr")
		}
		f, _ := d.Get("family")
		a, _ := d.Get("addr")
		av.Fields = []codec.FieldValue{{Name: "rtvia_family", Value: text(f)}, {Name: "rtvia_addr", Value: text(a)}}
	case "encap":
		ea, ok := v.(encapAttrs)
		if !ok {
			return av, false, nil
		}
		av.Attrs = ea
	case "multipath":
		hops, _ := v.([]nhop)
		for _, h := range hops {
			rec := codec.AttrValue{Fields: []codec.FieldValue{
				{Name: "rtnh_flags", Value: text(h.flags)}, {Name: "rtnh_hops", Value: text(h.hops)}, {Name: "rtnh_ifindex", Value: text(h.oif)}}}
			for _, a := range h.attrs {
				sub, ok, err := routeAttr(family, a.Key, a.Value)
				if err != nil {
					return av, false, err
				}
				if ok {
					rec.Attrs = append(rec.Attrs, sub)
				}
			}
			av.Records = append(av.Records, rec)
		}
	}
	return av, true, nil
}
