package batch

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/nlbatch/nlbatch/codec"
)

func init() {
	pyroute2Methods["link"] = pyLink
	pyroute2Methods["brport"] = pyBrport
	pyroute2Methods["vlan_filter"] = pyVlanFilter
}

// pyLinkKind is what pyroute2 knows of a link kind: the prefix that
// makes keywords of attribute names and the attributes themselves.
type pyLinkKind struct {
	prefix string
	names  []string
}

// pyNestedFlag: the attributes pyroute2 writes with NLA_F_NESTED.
var pyNestedFlag = map[string]uint16{"IFLA_XDP": 0x8000, "IFLA_PROP_LIST": 0x8000, "IFLA_PROTINFO": 0x8000}

// pyBondModes are iproute2's bond mode names.
var pyBondModes = map[string]int64{"balance-rr": 0, "active-backup": 1, "balance-xor": 2, "broadcast": 3,
	"802.3ad": 4, "balance-tlb": 5, "balance-alb": 6}

// pyVlanFlags are pyroute2's vlan flag names (unknown names count as 1).
var pyVlanFlags = map[string]int64{"reorder_hdr": 1, "gvrp": 2, "loose_binding": 4, "mvrp": 8, "bridge_binding": 16}

// pyKernelName maps pyroute2's attribute names to the kernel's where
// they differ: ipip, sit and ip6tnl share IFLA_IPTUN_*, ip6gre uses
// IFLA_GRE_*.
func pyKernelName(name string) string {
	for _, p := range []string{"IFLA_IPIP_", "IFLA_SIT_", "IFLA_IP6TNL_"} {
		if strings.HasPrefix(name, p) {
			return "IFLA_IPTUN_" + name[len(p):]
		}
	}
	if strings.HasPrefix(name, "IFLA_MACVTAP_") {
		return "IFLA_MACVLAN_" + name[len("IFLA_MACVTAP_"):]
	}
	if strings.HasPrefix(name, "IFLA_IP6GRE_") {
		return "IFLA_GRE_" + name[len("IFLA_IP6GRE_"):]
	}
	return name
}

// linkSets returns the codec's IFLA_* set and the data set of a kind
// (the slave data set for *_slave kinds).
func linkSets(kind string) (top, data *codec.AttrSet) {
	m := codec.LookupProtocol(codec.ProtoRoute).ByName("RTM_NEWLINK")
	top = m.Attrs
	li := top.ByName("IFLA_LINKINFO")
	if li == nil || li.Set == nil || kind == "" {
		return top, nil
	}
	name := "IFLA_INFO_DATA"
	k := kind
	if strings.HasSuffix(kind, "_slave") {
		name, k = "IFLA_INFO_SLAVE_DATA", strings.TrimSuffix(kind, "_slave")
	}
	d := li.Set.ByName(name)
	if d == nil || d.Select == nil {
		return top, nil
	}
	if c := d.Select.ByString[k]; c != nil {
		return top, c.Set
	}
	if c := d.Select.ByString[kind]; c != nil {
		return top, c.Set
	}
	return top, nil
}

// attrValue turns a pyroute2 value into an attribute of set by the
// schema's type: dicts give struct fields, {"attrs": [[name, value],
// ...]} gives nested attributes, lists give arrays.
func attrValue(set *codec.AttrSet, name string, v any) (codec.AttrValue, error) {
	av := codec.AttrValue{Name: name, NLAFlags: pyNestedFlag[name]}
	var def *codec.Attr
	if set != nil {
		def = set.ByName(name)
	}
	if def == nil {
		if d, ok := asDict(v); ok {
			return av, fmt.Errorf("%s: a scalar is expected, not %v", name, d)
		}
		av.Value = text(v)
		return av, nil
	}
	if d, ok := asDict(v); ok {
		if attrs, has := d.Get("attrs"); has && (def.Type == codec.Nested || def.Type == codec.StructAttrs) {
			l, _ := attrs.([]any)
			for _, a := range l {
				p, ok := a.([]any)
				if !ok || len(p) != 2 {
					return av, fmt.Errorf("%s: attrs are [name, value] pairs", name)
				}
				n, _ := p[0].(string)
				sub, err := attrValue(def.Set, n, p[1])
				if err != nil {
					return av, err
				}
				av.Attrs = append(av.Attrs, sub)
			}
			return av, nil
		}
		for i, kv := range d {
			name := kv.Key
			if def.Struct != nil && def.Struct.FieldByName(name) == nil {
				// pyroute2's names for struct fields: vlan_proto is
				// "proto"; a VF setting's value is named after the
				// setting (spoofchk, trust, ...).
				if def.Struct.FieldByName("vlan_"+name) != nil {
					name = "vlan_" + name
				} else if i == 1 && len(def.Struct.Fields) == 2 {
					name = def.Struct.Fields[1].Name
				}
			}
			av.Fields = append(av.Fields, codec.FieldValue{Name: name, Value: listText(kv.Value)})
		}
		return av, nil
	}
	switch def.Type {
	case codec.Flag:
		return av, nil
	case codec.Nested:
		// A list of values: members numbered from 1, as pyroute2 does
		// (bond ARP targets).
		if l, ok := v.([]any); ok && def.Set != nil && def.Set.Default != nil {
			for i, x := range l {
				raw, err := codec.AppendParsed(nil, def.Set.Default.Type, 0, nil, nil, text(x), false)
				if err != nil {
					return av, fmt.Errorf("%s: %v", name, err)
				}
				av.Attrs = append(av.Attrs, codec.AttrValue{Num: uint16(i + 1), Raw: raw})
			}
			return av, nil
		}
	}
	if def.AlsoFlag {
		return av, nil
	}
	if l, ok := v.([]any); ok {
		parts := make([]string, len(l))
		for i, x := range l {
			parts[i] = text(x)
		}
		av.Value = strings.Join(parts, ",")
		return av, nil
	}
	if b, ok := v.(bool); ok && def.Type.IsInt() {
		av.Value = text(b)
		return av, nil
	}
	av.Value = text(v)
	return av, nil
}

type linkFieldFilter struct{}

func (linkFieldFilter) filter(ctx chain, key string, value any) ([]KV, error) {
	key = stripPrefix(key, "IFLA_")
	switch key {
	case "index":
		if l, ok := value.([]any); ok && len(l) > 0 {
			value = l[0]
		}
	case "vxlan_link", "link", "master":
		if d, ok := asDict(value); ok {
			v, _ := d.Get("index")
			return []KV{{key, v}}, nil
		}
	case "address":
		if s, ok := value.(string); ok {
			s = strings.ToLower(s)
			if len(s) == 14 && s[4] == '.' && s[9] == '.' {
				var parts []string
				for _, x := range strings.Split(s, ".") {
					parts = append(parts, x[:2], x[2:])
				}
				s = strings.Join(parts, ":")
			}
			value = s
		}
	case "carrier", "carrier_changes", "info_slave_kind":
		return nil, nil
	case "mask":
		return []KV{{"change", value}}, nil
	case "info_kind":
		return []KV{{"kind", value}}, nil
	}
	return []KV{{key, value}}, nil
}

type linkIPRouteFilter struct{ command string }

func orFlag(ctx chain, key string, bit int64) any {
	if v, ok := ctx.get(key); ok && truthy(v) {
		return v
	}
	return bit
}

func (f linkIPRouteFilter) filter(ctx chain, key string, value any) ([]KV, error) {
	const iffUp, iffNoarp = 1, 0x80
	switch key {
	case "altname":
		if f.command == "property_add" || f.command == "property_del" {
			l, ok := value.([]any)
			if !ok {
				l = []any{value}
			}
			var attrs []any
			for _, n := range l {
				attrs = append(attrs, []any{"IFLA_ALT_IFNAME", n})
			}
			return []KV{{"IFLA_PROP_LIST", Kwargs{{"attrs", attrs}}}}, nil
		}
		return []KV{{"IFLA_ALT_IFNAME", value}}, nil
	case "xdp_fd":
		return []KV{{"xdp", Kwargs{{"attrs", []any{[]any{"IFLA_XDP_FD", value}}}}}}, nil
	case "vf":
		l, ok := value.([]any)
		if !ok {
			l = []any{value}
		}
		var infos []any
		for _, e := range l {
			d, ok := asDict(e)
			if !ok {
				return nil, fmt.Errorf("vf: a dict or a list of dicts")
			}
			vf := odictFrom(d)
			vfid, ok := vf.pop("vf")
			if !ok {
				return nil, fmt.Errorf("vf: \"vf\" is mandatory (KeyError in pyroute2)")
			}
			var cfg []any
			if vlan, ok := vf.pop("vlan"); ok && vlan != nil {
				switch x := vlan.(type) {
				case []any:
					var vl []any
					for _, vs := range x {
						vd, _ := asDict(vs)
						vl = append(vl, []any{"IFLA_VF_VLAN_INFO", append(Kwargs{{"vf", vfid}}, vd...)})
					}
					cfg = append(cfg, []any{"IFLA_VF_VLAN_LIST", Kwargs{{"attrs", vl}}})
				default:
					if vd, ok := asDict(x); ok {
						cfg = append(cfg, []any{"IFLA_VF_VLAN", append(Kwargs{{"vf", vfid}}, vd...)})
					} else {
						cfg = append(cfg, []any{"IFLA_VF_VLAN", Kwargs{{"vf", vfid}, {"vlan", x}}})
					}
				}
			}
			if rate, ok := vf.pop("rate"); ok && rate != nil {
				rd, _ := asDict(rate)
				cfg = append(cfg, []any{"IFLA_VF_RATE", append(Kwargs{{"vf", vfid}}, rd...)})
			}
			for _, kv := range vf.items() {
				v := kv.Value
				if m, ok := v.(string); ok && kv.Key == "mac" {
					// struct ifla_vf_mac holds 32 bytes.
					for n := len(strings.Split(m, ":")); n < 32; n++ {
						m += ":00"
					}
					v = m
				}
				cfg = append(cfg, []any{nlaName("IFLA_VF_", kv.Key), Kwargs{{"vf", vfid}, {kv.Key, v}}})
			}
			infos = append(infos, []any{"IFLA_VF_INFO", Kwargs{{"attrs", cfg}}})
		}
		return []KV{{"IFLA_VFINFO_LIST", Kwargs{{"attrs", infos}}}}, nil
	case "state":
		if f.command == "dump" {
			return []KV{{"state", value}}, nil
		}
		var ret []KV
		if value == "up" {
			ret = append(ret, KV{"flags", orFlag(ctx, "flags", iffUp)})
		}
		return append(ret, KV{"change", orFlag(ctx, "change", iffUp)}), nil
	case "arp", "noarp":
		var ret []KV
		if (key == "arp") != truthy(value) {
			ret = append(ret, KV{"flags", orFlag(ctx, "flags", iffNoarp)})
		}
		return append(ret, KV{"change", orFlag(ctx, "change", iffNoarp)}), nil
	}
	return []KV{{key, value}}, nil
}

// linkInfo is the IFLA_LINKINFO that finalize builds.
type linkInfo struct {
	kind       string
	data       []KV // IFLA_INFO_DATA, by pyroute2 name
	slave      []KV // IFLA_INFO_SLAVE_DATA
	hasData    bool
	hasSlave   bool
	slaveFirst bool
}

// listText is a value as text, a list of names joined by ','.
func listText(v any) string {
	if l, ok := v.([]any); ok {
		parts := make([]string, len(l))
		for i, x := range l {
			parts[i] = text(x)
		}
		return strings.Join(parts, ",")
	}
	return text(v)
}

func pyLink(command string, kw Kwargs) ([]*codec.Request, error) {
	return pyLinkRequest(command, kw, false)
}

// pyBrport is brport: "set" is a link set of kind bridge_slave, "dump"
// a bridge-family link dump with an empty IFLA_PROTINFO.
func pyBrport(command string, kw Kwargs) ([]*codec.Request, error) {
	switch command {
	case "set":
		idx, ok := kw.Get("index")
		if !ok {
			idx = int64(0)
		}
		lk := Kwargs{{"index", idx}, {"kind", "bridge_slave"}}
		for _, kv := range kw {
			if kv.Key != "index" {
				lk = append(lk, kv)
			}
		}
		return pyLinkRequest("set", lk, false)
	case "dump", "show":
		r := newRequest("RTM_GETLINK", fReq|fDump)
		idx, ok := kw.Get("index")
		if !ok || idx == nil {
			idx = int64(0)
		}
		if l, ok := idx.([]any); ok {
			return nil, fmt.Errorf("index: a number is expected, not %v (struct.error in pyroute2)", l)
		}
		hdr(r, "ifi_family", int64(afBridge))
		hdr(r, "ifi_index", idx)
		pi := codec.AttrValue{Name: "IFLA_PROTINFO", NLAFlags: 0x8000}
		m, hasMatch := kw.Get("match")
		filter := kw
		if hasMatch {
			filter, _ = asDict(m)
		}
		for _, kv := range filter {
			// Only full IFLA_BRPORT_* names pass pyroute2's filter.
			if strings.HasPrefix(kv.Key, "IFLA_BRPORT_") && kv.Value != nil {
				pi.Attrs = append(pi.Attrs, codec.AttrValue{Name: kv.Key, Value: text(kv.Value)})
			}
		}
		r.Attrs = append(r.Attrs, pi)
		return []*codec.Request{r}, nil
	}
	return nil, fmt.Errorf("unknown command %q", command)
}

// pyVlanFilter is vlan_filter: a bridge-family RTM_SETLINK (add) or
// RTM_DELLINK (del) carrying IFLA_AF_SPEC.
func pyVlanFilter(command string, kw Kwargs) ([]*codec.Request, error) {
	if command != "add" && command != "del" {
		return nil, fmt.Errorf("unknown command %q", command)
	}
	k := append(Kwargs{}, kw...)
	found := false
	for i := range k {
		if k[i].Key == "family" {
			k[i].Value, found = int64(afBridge), true
		}
	}
	if !found {
		k = append(k, KV{"family", int64(afBridge)})
	}
	return pyLinkRequest(command, k, true)
}

// bridgeFieldFilter is pyroute2's BridgeFieldFilter.
type bridgeFieldFilter struct{}

func (bridgeFieldFilter) filter(ctx chain, key string, value any) ([]KV, error) {
	key = stripPrefix(key, "IFLA_")
	if key == "index" {
		if l, ok := value.([]any); ok && len(l) > 0 {
			value = l[0]
		}
	}
	return []KV{{key, value}}, nil
}

type noFilter struct{}

func (noFilter) filter(ctx chain, key string, value any) ([]KV, error) {
	return []KV{{key, value}}, nil
}

// afSpecBridge is an IFLA_AF_SPEC built by BridgeIPRouteFilter.
type afSpecBridge []KV

func pyLinkRequest(command string, kw Kwargs, bridge bool) ([]*codec.Request, error) {
	const base = fReq | fAck
	commands := map[string]struct {
		typ   string
		flags uint16
	}{
		"set": {"RTM_NEWLINK", base}, "update": {"RTM_SETLINK", base | fCreate | fExcl},
		"add": {"RTM_NEWLINK", base | fCreate | fExcl}, "del": {"RTM_DELLINK", base},
		"property_add": {"RTM_NEWLINKPROP", base | fCreate | fExcl | fAppend},
		"property_del": {"RTM_DELLINKPROP", base}, "remove": {"RTM_DELLINK", base},
		"delete": {"RTM_DELLINK", base}, "dump": {"RTM_GETLINK", fReq | fDump}, "get": {"RTM_GETLINK", fReq},
	}
	cmd, ok := commands[command]
	if bridge {
		// vlan_filter: add is RTM_SETLINK, del RTM_DELLINK, both REQUEST|ACK.
		cmd.typ, cmd.flags = map[string]string{"add": "RTM_SETLINK", "del": "RTM_DELLINK"}[command], base
		ok = true
	}
	if !ok {
		return nil, fmt.Errorf("unknown command %q", command)
	}
	kwarg := odictFrom(kw)
	if command == "dump" {
		kwarg = dumpFilter(kwarg)
	}
	req := newODict()
	var li *linkInfo
	if len(kwarg.keys) > 0 {
		rp := newRequestProcessor(kwarg)
		if bridge {
			if err := rp.apply(bridgeFieldFilter{}); err != nil {
				return nil, err
			}
			if err := rp.apply(noFilter{}); err != nil {
				return nil, err
			}
			// BridgeIPRouteFilter.finalize.
			ctx := chain{rp.d, kwarg}
			var spec afSpecBridge
			for _, key := range []string{"vlan_info", "mode", "vlan_flags"} {
				v, ok := ctx.get(key)
				if !ok {
					continue
				}
				if spec == nil {
					if _, has := ctx.get("IFLA_AF_SPEC"); has {
						return nil, fmt.Errorf("af_spec together with %s is not supported", key)
					}
				}
				spec = append(spec, KV{map[string]string{"vlan_info": "IFLA_BRIDGE_VLAN_INFO", "mode": "IFLA_BRIDGE_MODE", "vlan_flags": "IFLA_BRIDGE_FLAGS"}[key], v})
				rp.d.del(key)
				if !rp.d.has("IFLA_AF_SPEC") {
					rp.d.set("IFLA_AF_SPEC", nil)
				}
			}
			if spec != nil {
				rp.d.set("IFLA_AF_SPEC", spec)
			}
		} else {
			if err := rp.apply(linkFieldFilter{}); err != nil {
				return nil, err
			}
			if err := rp.apply(linkIPRouteFilter{command}); err != nil {
				return nil, err
			}
			var err error
			if li, err = linkFinalize(rp, kwarg, command); err != nil {
				return nil, err
			}
		}
		req = rp.d
	}
	r := newRequest(cmd.typ, cmd.flags)
	for _, f := range []string{"family", "ifi_type", "index", "flags", "change"} {
		v, ok := req.pop(f)
		if !ok {
			v = int64(0)
		}
		if f != "index" && !isInt(v) {
			return nil, fmt.Errorf("%s %s: required argument is not an integer (struct.error in pyroute2)", f, pyRepr(v))
		}
		name := "ifi_" + f
		if f == "ifi_type" {
			name = "ifi_type"
		}
		hdr(r, name, v)
	}
	top, _ := linkSets("")
	for _, kv := range req.items() {
		nla := nlaName("IFLA_", kv.Key)
		if !pyIflaNLAs[nla] || kv.Value == nil {
			continue
		}
		if nla == "IFLA_LINKINFO" {
			if li == nil {
				// An explicit IFLA_LINKINFO {"attrs": [...]}.
				av, err := attrValue(top, nla, kv.Value)
				if err != nil {
					return nil, err
				}
				r.Attrs = append(r.Attrs, av)
				continue
			}
			av, err := li.attr()
			if err != nil {
				return nil, err
			}
			r.Attrs = append(r.Attrs, av)
			continue
		}
		if nla == "IFLA_AF_SPEC" {
			av, err := afSpec(top, r, kv.Value)
			if err != nil {
				return nil, err
			}
			r.Attrs = append(r.Attrs, av)
			continue
		}
		av, err := attrValue(top, nla, kv.Value)
		if err != nil {
			return nil, err
		}
		r.Attrs = append(r.Attrs, av)
	}
	return []*codec.Request{r}, nil
}

// afSpec encodes IFLA_AF_SPEC in the set the header's family selects.
func afSpec(top *codec.AttrSet, r *codec.Request, v any) (codec.AttrValue, error) {
	av := codec.AttrValue{Name: "IFLA_AF_SPEC", NLAFlags: pyNestedFlag["IFLA_AF_SPEC"]}
	def := top.ByName("IFLA_AF_SPEC")
	fam := int64(0)
	for _, f := range r.Header {
		if f.Name == "ifi_family" {
			fam, _ = pyInt(json.Number(f.Value))
		}
	}
	var set *codec.AttrSet
	if def != nil && def.Select != nil {
		if c := def.Select.ByInt[uint64(fam)]; c != nil {
			set = c.Set
		}
	}
	if set == nil {
		return av, fmt.Errorf("IFLA_AF_SPEC: no layout for family %d", fam)
	}
	var pairs []KV
	switch x := v.(type) {
	case afSpecBridge:
		for _, kv := range x {
			// Beyond pyroute2 (which writes one entry with vid 0): a list
			// of vlan_info gives one IFLA_BRIDGE_VLAN_INFO each.
			if l, ok := kv.Value.([]any); ok && kv.Key == "IFLA_BRIDGE_VLAN_INFO" {
				for _, e := range l {
					pairs = append(pairs, KV{kv.Key, e})
				}
				continue
			}
			pairs = append(pairs, kv)
		}
	default:
		d, ok := asDict(v)
		attrs, _ := d.Get("attrs")
		l, isL := attrs.([]any)
		if !ok || !isL {
			return av, fmt.Errorf("IFLA_AF_SPEC: {\"attrs\": [[name, value], ...]} expected")
		}
		for _, a := range l {
			p, ok := a.([]any)
			if !ok || len(p) != 2 {
				return av, fmt.Errorf("IFLA_AF_SPEC: attrs are [name, value] pairs")
			}
			n, _ := p[0].(string)
			pairs = append(pairs, KV{n, p[1]})
		}
	}
	for _, kv := range pairs {
		sub, err := attrValue(set, kv.Key, kv.Value)
		if err != nil {
			return av, err
		}
		av.Attrs = append(av.Attrs, sub)
	}
	return av, nil
}

// linkFinalize is LinkIPRouteFilter.finalize: it gathers the kind's
// attributes into IFLA_LINKINFO.
func linkFinalize(rp *requestProcessor, kwarg *odict, command string) (*linkInfo, error) {
	kv, ok := rp.d.pop("kind")
	if !ok || kv == nil {
		return nil, nil
	}
	kind, isS := kv.(string)
	if !isS {
		return nil, fmt.Errorf("kind must be a string")
	}
	if command == "dump" {
		return nil, nil
	}
	specific := map[string]string{}
	if k, ok := pyLinkKinds[kind]; ok {
		for _, n := range k.names {
			specific[n] = n
			if len(n) >= len(k.prefix) {
				specific[strings.ToLower(n[len(k.prefix):])] = n
			}
		}
	}
	ctx := chain{rp.d, kwarg}
	for _, k := range []string{"index", "change", "flags"} {
		if _, ok := ctx.get(k); !ok {
			rp.d.set(k, int64(0))
		}
	}
	li := &linkInfo{kind: kind}
	rp.d.set("IFLA_LINKINFO", li)
	// ChainMap order: the call's keywords first, then keys only in the
	// request.
	var keys []string
	seen := map[string]bool{}
	for _, k := range kwarg.keys {
		keys = append(keys, k)
		seen[k] = true
	}
	for _, k := range rp.d.keys {
		if !seen[k] {
			keys = append(keys, k)
		}
	}
	for _, key := range keys {
		value, _ := ctx.get(key)
		pushed, err := li.push(kind, specific, key, value)
		if err != nil {
			return nil, err
		}
		if pushed {
			rp.d.del(key)
		}
	}
	return li, nil
}

func (li *linkInfo) add(name string, v any, slave bool) {
	if slave {
		if !li.hasSlave && !li.hasData {
			li.slaveFirst = true
		}
		li.hasSlave = true
		li.slave = append(li.slave, KV{name, v})
		return
	}
	li.hasData = true
	li.data = append(li.data, KV{name, v})
}

func (li *linkInfo) push(kind string, specific map[string]string, key string, value any) (bool, error) {
	if kind == "vlan" && key == "vlan_flags" {
		switch x := value.(type) {
		case []any:
			if len(x) == 2 && isInt(x[0]) && isInt(x[1]) {
				value = Kwargs{{"flags", x[0]}, {"mask", x[1]}}
			} else {
				var n int64
				for _, f := range x {
					b, ok := pyVlanFlags[text(f)]
					if !ok {
						b = 1
					}
					n |= b
				}
				value = Kwargs{{"flags", n}, {"mask", n}}
			}
		case string:
			b, ok := pyVlanFlags[x]
			if !ok {
				b = 1
			}
			value = Kwargs{{"flags", b}, {"mask", b}}
		default:
			if isInt(x) {
				value = Kwargs{{"flags", x}, {"mask", x}}
			} else if !isDict(x) {
				return false, fmt.Errorf("vlan_flags: a name, a list, a number or a dict (ValueError in pyroute2)")
			}
		}
	}
	if n, ok := specific[key]; ok {
		li.add(n, value, strings.HasSuffix(kind, "_slave"))
		return true, nil
	}
	if key == "peer" && kind == "veth" {
		var attrs []any
		if d, ok := asDict(value); ok {
			for _, kv := range d {
				attrs = append(attrs, []any{nlaName("IFLA_", kv.Key), kv.Value})
			}
		} else {
			attrs = []any{[]any{"IFLA_IFNAME", value}}
		}
		li.add("VETH_INFO_PEER", Kwargs{{"attrs", attrs}}, false)
		return true, nil
	}
	if key == "mode" {
		if kind == "tuntap" {
			li.add("IFTUN_MODE", value, false)
		} else {
			li.add("IFLA_"+strings.ToUpper(kind)+"_MODE", value, false)
		}
		return true, nil
	}
	return false, nil
}

// attr encodes the IFLA_LINKINFO.
func (li *linkInfo) attr() (codec.AttrValue, error) {
	av := codec.AttrValue{Name: "IFLA_LINKINFO", Attrs: []codec.AttrValue{{Name: "IFLA_INFO_KIND", Value: li.kind}}}
	_, set := linkSets(li.kind)
	if (li.hasData || li.hasSlave) && set == nil {
		return av, fmt.Errorf("link kind %q: the kernel has no such kind with data", li.kind)
	}
	enc := func(name string, kvs []KV) (codec.AttrValue, error) {
		out := codec.AttrValue{Name: name}
		for _, kv := range kvs {
			n := pyKernelName(kv.Key)
			if set.ByName(n) == nil {
				return out, fmt.Errorf("%s: not an attribute of link kind %q", kv.Key, li.kind)
			}
			if kv.Key == "VETH_INFO_PEER" {
				sub, err := vethPeer(kv.Value)
				if err != nil {
					return out, err
				}
				out.Attrs = append(out.Attrs, sub)
				continue
			}
			v := kv.Value
			if s, ok := v.(string); ok && n == "IFLA_BOND_MODE" {
				// Beyond pyroute2 (struct.error): iproute2's mode names.
				if m, ok := pyBondModes[s]; ok {
					v = m
				}
			}
			a, err := attrValue(set, n, v)
			if err != nil {
				return out, err
			}
			out.Attrs = append(out.Attrs, a)
		}
		return out, nil
	}
	var parts []codec.AttrValue
	if li.hasData {
		d, err := enc("IFLA_INFO_DATA", li.data)
		if err != nil {
			return av, err
		}
		parts = append(parts, d)
	}
	if li.hasSlave {
		s, err := enc("IFLA_INFO_SLAVE_DATA", li.slave)
		if err != nil {
			return av, err
		}
		if li.slaveFirst {
			parts = append([]codec.AttrValue{s}, parts...)
		} else {
			parts = append(parts, s)
		}
	}
	av.Attrs = append(av.Attrs, parts...)
	return av, nil
}

// vethPeer encodes VETH_INFO_PEER: an ifinfomsg (zero) and the peer's
// IFLA_* attributes that pyroute2 knows.
func vethPeer(v any) (codec.AttrValue, error) {
	out := codec.AttrValue{Name: "VETH_INFO_PEER"}
	top, _ := linkSets("")
	d, _ := asDict(v)
	attrs, _ := d.Get("attrs")
	l, _ := attrs.([]any)
	for _, a := range l {
		p, ok := a.([]any)
		if !ok || len(p) != 2 {
			return out, fmt.Errorf("veth peer: attrs are [name, value] pairs")
		}
		n, _ := p[0].(string)
		if !pyIflaNLAs[n] {
			continue
		}
		sub, err := attrValue(top, n, p[1])
		if err != nil {
			return out, err
		}
		out.Attrs = append(out.Attrs, sub)
	}
	return out, nil
}
