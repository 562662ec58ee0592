package batch

import (
	"fmt"
	"math/big"
	"net/netip"
	"strconv"
	"strings"

	"github.com/nlbatch/nlbatch/codec"
)

func init() { pyroute2Methods["addr"] = pyAddr }

// The IFA_* attributes pyroute2 0.7.2's ifaddrmsg knows; other keywords
// are dropped.
var pyIfaNLAs = map[string]bool{"IFA_ADDRESS": true, "IFA_LOCAL": true, "IFA_LABEL": true,
	"IFA_BROADCAST": true, "IFA_ANYCAST": true, "IFA_CACHEINFO": true, "IFA_MULTICAST": true, "IFA_FLAGS": true}

// addressFieldFilter is pyroute2's AddressFieldFilter.
type addressFieldFilter struct{}

func (addressFieldFilter) filter(ctx chain, key string, value any) ([]KV, error) {
	key = stripPrefix(key, "IFA_")
	switch key {
	case "index":
		if l, ok := value.([]any); ok && len(l) > 0 {
			value = l[0]
		}
		return []KV{{"index", value}}, nil
	case "prefixlen":
		v, err := addrPrefixlen(value)
		return []KV{{"prefixlen", v}}, err
	case "address":
		if !truthy(value) {
			return nil, nil
		}
		ret := []KV{{"address", value}}
		if s, ok := value.(string); ok {
			spec := strings.Split(s, "/")
			ret[0].Value = spec[0]
			if len(spec) > 1 {
				p, err := addrPrefixlen(spec[1])
				if err != nil {
					return nil, err
				}
				ret = append(ret, KV{"prefixlen", p})
			}
			if strings.Contains(spec[0], ":") {
				a, err := netip.ParseAddr(spec[0])
				if err != nil {
					return nil, fmt.Errorf("address %q (ValueError in pyroute2)", spec[0])
				}
				ret[0].Value = a.String()
			}
		}
		return ret, nil
	case "local":
		if !truthy(value) {
			return nil, nil
		}
	case "mask":
		return []KV{{"prefixlen", value}}, nil
	case "preferred_lft", "preferred":
		return []KV{{"preferred", value}, {"cacheinfo", Kwargs{}}}, nil
	case "valid_lft", "valid":
		return []KV{{"valid", value}, {"cacheinfo", Kwargs{}}}, nil
	}
	return []KV{{key, value}}, nil
}

func addrPrefixlen(value any) (any, error) {
	s, ok := value.(string)
	if !ok {
		return value, nil
	}
	if strings.Contains(s, ".") {
		a, err := netip.ParseAddr(s)
		if err != nil || !a.Is4() {
			return nil, fmt.Errorf("prefixlen %q (OSError in pyroute2)", s)
		}
		return countBits(a.AsSlice()), nil
	}
	n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	if err != nil {
		return nil, fmt.Errorf("prefixlen %q (ValueError in pyroute2)", s)
	}
	return n, nil
}

// addressIPRouteFilter is pyroute2's AddressIPRouteFilter.
type addressIPRouteFilter struct{ command string }

func (f addressIPRouteFilter) filter(ctx chain, key string, value any) ([]KV, error) {
	switch key {
	case "cacheinfo":
		if f.command == "dump" {
			return nil, nil
		}
		// Beyond pyroute2 0.7.2, which always writes "forever": the
		// lifetimes given.
		// Like iproute2, a valid lifetime alone is also the preferred one.
		forever := any(int64(1<<32 - 1))
		valid, ok := ctx.get("valid")
		if !ok || valid == nil {
			valid = forever
		}
		pref, ok := ctx.get("preferred")
		if !ok || pref == nil {
			pref = valid
		}
		ci := Kwargs{{"ifa_preferred", pref}, {"ifa_valid", valid}}
		return []KV{{"cacheinfo", ci}}, nil
	case "broadcast":
		b, isBool := value.(bool)
		if f.command == "dump" || !isBool {
			return []KV{{"broadcast", value}}, nil
		}
		var ret []KV
		addr, hasA := ctx.get("address")
		plen, hasP := ctx.get("prefixlen")
		if b && hasA && hasP {
			var fam int64
			if fv, ok := ctx.get("family"); ok {
				fam, _ = pyInt(fv)
			} else {
				fam = addressFamily(text(addr))
				ret = append(ret, KV{"family", fam})
			}
			bc, err := broadcastOf(text(addr), mustInt(plen), fam)
			if err != nil {
				return nil, err
			}
			ret = append(ret, KV{"broadcast", bc})
		}
		return ret, nil
	}
	return []KV{{key, value}}, nil
}

// broadcastOf is pyroute2's getbroadcast.
func broadcastOf(addr string, plen, family int64) (string, error) {
	a, err := netip.ParseAddr(addr)
	if err != nil || family == afInet && !a.Is4() || family == afInet6 && !a.Is6() || family != afInet && family != afInet6 {
		return "", fmt.Errorf("broadcast: illegal address %q for family %d (OSError in pyroute2)", addr, family)
	}
	bitsLen := int64(a.BitLen())
	if plen < 0 || plen > bitsLen {
		return "", fmt.Errorf("broadcast: prefix length %d out of range", plen)
	}
	n := new(big.Int).SetBytes(a.AsSlice())
	host := new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), uint(bitsLen-plen)), big.NewInt(1))
	n.Or(n, host)
	b := n.FillBytes(make([]byte, bitsLen/8))
	out, _ := netip.AddrFromSlice(b)
	return out.String(), nil
}

func pyAddr(command string, kw Kwargs) ([]*codec.Request, error) {
	const base = fReq | fAck
	commands := map[string]struct {
		typ   string
		flags uint16
	}{
		"add": {"RTM_NEWADDR", base | fCreate | fExcl}, "del": {"RTM_DELADDR", base},
		"remove": {"RTM_DELADDR", base}, "delete": {"RTM_DELADDR", base},
		"replace": {"RTM_NEWADDR", base | fReplace | fCreate}, "dump": {"RTM_GETADDR", fReq | fDump},
	}
	if command == "get" || command == "set" {
		// pyroute2 0.7.2 sends nothing for these.
		return nil, nil
	}
	cmd, ok := commands[command]
	if !ok {
		return nil, fmt.Errorf("unknown command %q", command)
	}
	kwarg := odictFrom(kw)
	if command == "dump" {
		// Keyword filters apply to the replies; only family is sent.
		if kwarg.has("match") {
			kwarg.pop("match")
		} else {
			nk := newODict()
			if v, ok := kwarg.get("family"); ok {
				nk.set("family", v)
			}
			kwarg = nk
		}
	}
	rp := newRequestProcessor(kwarg)
	if err := rp.apply(addressFieldFilter{}); err != nil {
		return nil, err
	}
	if err := rp.apply(addressIPRouteFilter{command}); err != nil {
		return nil, err
	}
	ctx := chain{rp.d, kwarg}
	if command != "dump" {
		_, hasFam := ctx.get("family")
		addr, hasAddr := ctx.get("address")
		if !hasFam && hasAddr {
			rp.d.set("family", addressFamily(text(addr)))
		}
		if _, ok := ctx.get("prefixlen"); !ok {
			fv, ok := ctx.get("family")
			if !ok {
				return nil, fmt.Errorf("no address and no family (KeyError 'family' in pyroute2)")
			}
			switch mustInt(fv) {
			case afInet:
				rp.d.set("prefixlen", int64(32))
			case afInet6:
				rp.d.set("prefixlen", int64(128))
			}
		}
		if _, ok := ctx.get("local"); !ok && hasAddr {
			fv, ok := ctx.get("family")
			if !ok {
				return nil, fmt.Errorf("no family (KeyError 'family' in pyroute2)")
			}
			if mustInt(fv) == afInet {
				rp.d.set("local", addr)
			}
		}
	}
	req := rp.d
	r := newRequest(cmd.typ, cmd.flags)
	for _, f := range []string{"family", "prefixlen", "scope", "index"} {
		v, ok := req.pop(f)
		if !ok {
			v = int64(0)
		}
		if name, ok := v.(string); ok && f == "scope" {
			// Beyond pyroute2 (struct.error): the scope by name.
			n, ok := pyRtScope[name]
			if !ok {
				return nil, fmt.Errorf("unknown scope %q", name)
			}
			v = n
		}
		if f != "index" && !isInt(v) {
			return nil, fmt.Errorf("%s %s: required argument is not an integer (struct.error in pyroute2)", f, pyRepr(v))
		}
		hdr(r, "ifa_"+f, v)
	}
	for _, kv := range req.items() {
		nla := nlaName("IFA_", kv.Key)
		if !pyIfaNLAs[nla] || kv.Value == nil {
			continue
		}
		av := codec.AttrValue{Name: nla}
		switch nla {
		case "IFA_CACHEINFO":
			ci, _ := kv.Value.(Kwargs)
			for _, c := range ci {
				name := c.Key
				if name == "ifa_preferred" {
					name = "ifa_prefered"
				}
				av.Fields = append(av.Fields, codec.FieldValue{Name: name, Value: text(c.Value)})
			}
		case "IFA_FLAGS":
			// Beyond pyroute2 (struct.error): IFA_F_* names too.
			if !isInt(kv.Value) && !isStr(kv.Value) && !isList(kv.Value) {
				return nil, fmt.Errorf("flags %s: a number or IFA_F_* names", pyRepr(kv.Value))
			}
			av.Value = listText(kv.Value)
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
