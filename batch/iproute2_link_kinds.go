package batch

import (
	"encoding/binary"
	"strings"
)

// The options of `ip link ... type KIND`, written into IFLA_INFO_DATA
// as iproute2 6.1's link_util parsers write them: the data-driven kinds
// (bridge, bond) are rows of iplOpt; the others have a function each.

// iplKindParser reads a kind's options (the rest of the command) into
// the open IFLA_INFO_DATA.
// create tells whether the link is created; a veth returns its peer.
type iplKindParser func(x *ipCtx, create bool, kind string) (iplNewLink, error)

// iplKinds are the kinds nlbatch compiles options for; a kind with a
// nil parser takes no options (iproute2 ignores what follows).
var iplKinds map[string]iplKindParser

func init() {
	iplKinds = map[string]iplKindParser{
		"dummy": nil,
		"ifb":   nil,
		"veth":  iplVeth,
		"vlan":  iplVlan,
		"vxlan": iplVxlan,
		"bridge": func(x *ipCtx, create bool, kind string) (iplNewLink, error) {
			return iplNewLink{}, x.iplOpts("bridge", iplBridgeOpts)
		},
		"bond": func(x *ipCtx, create bool, kind string) (iplNewLink, error) {
			return iplNewLink{}, x.iplOpts("bond", iplBondOpts)
		},
		"bridge_slave": func(x *ipCtx, create bool, kind string) (iplNewLink, error) {
			return iplNewLink{}, x.iplOpts("bridge_slave", iplBridgeSlaveOpts)
		},
		"bond_slave": func(x *ipCtx, create bool, kind string) (iplNewLink, error) {
			return iplNewLink{}, x.iplOpts("bond_slave", iplBondSlaveOpts)
		},
		"macvlan":   iplMacvlan,
		"macvtap":   iplMacvlan,
		"ipvlan":    iplIpvlan,
		"ipvtap":    iplIpvlan,
		"gre":       iplGre,
		"gretap":    iplGre,
		"ipip":      iplIptun,
		"sit":       iplIptun,
		"ip6gre":    iplGre6,
		"ip6gretap": iplGre6,
		"ip6tnl":    iplIp6tnl,
		"vrf":       iplVrf,
		"geneve":    iplGeneve,
		"erspan":    iplGre,
		"ip6erspan": iplGre6,
		"vti":       iplVti,
		"vti6":      iplVti,
		"xfrm":      iplXfrm,
		"macsec":    iplMacsec,
		"vxcan":     iplVeth,
		"batadv":    iplBatadv,
		"bareudp":   iplBareudp,
		"amt":       iplAmt,
		"hsr":       iplHsr,
		// iproute2 has a link_util without a parser for these: it
		// ignores what follows the kind.
		"team":       nil,
		"team_slave": nil,
		"vcan":       nil,
		"nlmon":      nil,
		"netdevsim":  nil,
		"virt_wifi":  nil,
	}
}

// iplKind writes IFLA_LINKINFO: the kind and, when words follow, its
// options in IFLA_INFO_DATA (IFLA_INFO_SLAVE_DATA for *_slave kinds).
func (x *ipCtx) iplKind(r *iplReq) error {
	l, b := x.l, x.c.b
	kind := r.kind.s
	b.BeginNest(iplLinkinfo)
	b.Attr(iplInfoKind, []byte(kind))
	if l.more() {
		parse, ok := iplKinds[kind]
		if !ok {
			if matches(l.peek().s, "help") {
				return l.errAt(l.peek(), "\"help\" prints usage and sends nothing")
			}
			if kind == "wireguard" {
				// iproute2 has no link_util for it and refuses any word
				// after the kind; wg(8) configures it.
				return l.errAt(l.peek(), "link type wireguard takes no options in iproute2 (configure it with wg)")
			}
			return l.errAt(l.peek(), "options of link type %q: %w (it compiles those of %s)", kind, errNotCompiled, iplKindNames())
		}
		typ := uint16(iplInfoData)
		if strings.HasSuffix(kind, "_slave") {
			typ = iplInfoSlaveData
		}
		b.BeginNest(typ)
		if parse != nil {
			peer, err := parse(x, r.create, kind)
			if err != nil {
				return err
			}
			r.peer = peer
		} else {
			for l.more() {
				l.next()
			}
		}
		b.EndNest()
	}
	b.EndNest()
	return nil
}

func iplKindNames() string {
	return "veth, vxcan, vlan, vxlan, bridge, bridge_slave, bond, bond_slave, macvlan, macvtap, ipvlan, ipvtap, gre, gretap, erspan, ipip, sit, ip6gre, ip6gretap, ip6erspan, ip6tnl, vti, vti6, xfrm, macsec, vrf, geneve, batadv, bareudp, amt, hsr"
}

// iplNum takes the number after keyword t: unsigned, in base (0: C's
// prefixes), of at most bits bits.
func (x *ipCtx) iplNum(t token, base, bits int) (uint64, token, error) {
	v, err := x.l.value(t, "a number")
	if err != nil {
		return 0, v, err
	}
	n, ok := iplCUint(v.s, base, bits)
	if !ok {
		return 0, v, x.l.errAt(v, "invalid %s %q: want a number of at most %d bits", t.s, v.s, bits)
	}
	return n, v, nil
}

// iplDSField is iproute2's rtnl_dsfield_a2n: a name of rt_dsfield or a
// hex number up to 255.
func (x *ipCtx) iplDSField(v token) (uint8, error) {
	if n, ok := x.names.DSFields[v.s]; ok {
		return uint8(n), nil
	}
	n, ok := iplCUint(v.s, 16, 8)
	if !ok {
		return 0, x.l.errAt(v, "bad TOS value %q: want a hex number up to ff or inherit", v.s)
	}
	return uint8(n), nil
}

// iplEthProto is iproute2's ll_proto_a2n for the VLAN protocols: 802.1Q,
// 802.1ad (any case) or a number; network byte order.
func (x *ipCtx) iplEthProto(v token) (uint16, error) {
	switch {
	case strings.EqualFold(v.s, "802.1Q"):
		return 0x8100, nil
	case strings.EqualFold(v.s, "802.1ad"):
		return 0x88a8, nil
	}
	n, ok := iplCUint(v.s, 0, 16)
	if !ok {
		return 0, x.l.errAt(v, "protocol %q: want 802.1Q, 802.1ad or a number", v.s)
	}
	return uint16(n), nil
}

// iplAddr4 is iproute2's get_addr32: an IPv4 address or "any" (0).
func (x *ipCtx) iplAddr4(v token) ([4]byte, error) {
	var a [4]byte
	if v.s == "any" {
		return a, nil
	}
	p, err := x.l.prefixArg(v, afInet, false)
	if err != nil {
		return a, err
	}
	copy(a[:], p.bytes())
	return a, nil
}

// --- veth

// iplVeth reads `peer [OPTIONS]` of veth and vxcan: VETH_INFO_PEER (and
// VXCAN_INFO_PEER, the same number) holds the peer's ifinfomsg and its
// generic options.
func iplVeth(x *ipCtx, create bool, kind string) (iplNewLink, error) {
	l, b := x.l, x.c.b
	t := l.next()
	if t.s != "peer" {
		return iplNewLink{}, l.errAt(t, "%s: want \"peer\" and the peer's options, not %q", kind, t.s)
	}
	b.BeginNest(1) // VETH_INFO_PEER
	pr := iplReq{create: true, hdr: b.Offset()}
	var hdr [16]byte
	b.Raw(hdr[:])
	if err := x.iplParse(&pr, true); err != nil {
		return iplNewLink{}, err
	}
	if err := x.iplFinish(&pr); err != nil {
		return iplNewLink{}, err
	}
	b.EndNest()
	return iplNewLink{pr.hdr, pr.index, pr.ifname}, nil
}

// --- vlan

const (
	iplVlanID      = 1
	iplVlanFlags   = 2
	iplVlanEgress  = 3
	iplVlanIngress = 4
	iplVlanProto   = 5
	iplVlanMapping = 1
)

var iplVlanFlagNames = []string{"reorder_hdr", "gvrp", "loose_binding", "mvrp", "bridge_binding"}

func iplVlan(x *ipCtx, create bool, kind string) (iplNewLink, error) {
	return iplNewLink{}, iplVlanOpts(x, create, kind)
}

func iplVlanOpts(x *ipCtx, create bool, kind string) error {
	l, b := x.l, x.c.b
	var flags, mask uint32
	for l.more() {
		t := l.next()
		w := t.s
		switch {
		case matches(w, "protocol"):
			v, err := l.value(t, "a VLAN protocol (802.1Q, 802.1ad)")
			if err != nil {
				return err
			}
			p, err := x.iplEthProto(v)
			if err != nil {
				return err
			}
			b.BE16(iplVlanProto, p)
		case matches(w, "id"):
			n, _, err := x.iplNum(t, 0, 16)
			if err != nil {
				return err
			}
			b.U16(iplVlanID, uint16(n))
		case matches(w, "ingress-qos-map") || matches(w, "egress-qos-map"):
			typ := uint16(iplVlanIngress)
			if w[0] == 'e' {
				typ = iplVlanEgress
			}
			if !l.more() {
				return l.errAt(l.end(), "%q needs FROM:TO mappings after it", w)
			}
			b.BeginNest(typ)
			for l.more() {
				from, to, isMap := strings.Cut(l.peek().s, ":")
				if !isMap {
					break
				}
				v := l.next()
				f, ok1 := iplCUint(from, 0, 32)
				tt, ok2 := iplCUint(to, 0, 32)
				if !ok1 || !ok2 {
					return l.errAt(v, "invalid %s mapping %q: want FROM:TO numbers", w, v.s)
				}
				var m [8]byte
				o := byteOrder(x.c.opts.BigEndian)
				o.PutUint32(m[0:], uint32(f))
				o.PutUint32(m[4:], uint32(tt))
				b.Attr(iplVlanMapping, m[:])
			}
			b.EndNest()
		default:
			bit := -1
			for i, f := range iplVlanFlagNames {
				if matches(w, f) {
					bit = i
					break
				}
			}
			if bit < 0 {
				if matches(w, "help") {
					return l.errAt(t, "\"help\" prints usage and sends nothing")
				}
				return l.unknown(t, "vlan option", append([]string{"protocol", "id", "ingress-qos-map", "egress-qos-map"}, iplVlanFlagNames...))
			}
			on, err := x.iplOnOff(t)
			if err != nil {
				return err
			}
			mask |= 1 << bit
			if on {
				flags |= 1 << bit
			} else {
				flags &^= 1 << bit
			}
		}
	}
	if mask != 0 {
		var m [8]byte
		o := byteOrder(x.c.opts.BigEndian)
		o.PutUint32(m[0:], flags)
		o.PutUint32(m[4:], mask)
		b.Attr(iplVlanFlags, m[:])
	}
	return nil
}

// --- vxlan

const (
	vxID        = 1
	vxGroup     = 2
	vxLink      = 3
	vxLocal     = 4
	vxTTL       = 5
	vxTOS       = 6
	vxLearning  = 7
	vxAgeing    = 8
	vxLimit     = 9
	vxPortRange = 10
	vxProxy     = 11
	vxRSC       = 12
	vxL2Miss    = 13
	vxL3Miss    = 14
	vxPort      = 15
	vxGroup6    = 16
	vxLocal6    = 17
	vxUDPCsum   = 18
	vxZeroTx    = 19
	vxZeroRx    = 20
	vxRemTx     = 21
	vxRemRx     = 22
	vxGBP       = 23
	vxMetadata  = 25
	vxLabel     = 26
	vxGPE       = 27
	vxTTLInher  = 28
	vxDF        = 29
	vxVNIFilter = 30
)

// iplVxBools are vxlan's [no]WORD options: a u8 attribute written where
// the word is.
var iplVxBools = []struct {
	word string
	typ  uint16
}{
	{"proxy", vxProxy}, {"rsc", vxRSC}, {"l2miss", vxL2Miss}, {"l3miss", vxL3Miss},
	{"udpcsum", vxUDPCsum}, {"udp6zerocsumtx", vxZeroTx}, {"udp6zerocsumrx", vxZeroRx},
	{"remcsumtx", vxRemTx}, {"remcsumrx", vxRemRx},
}

var iplDFNames = []string{"unset", "set", "inherit"}

func iplVxlan(x *ipCtx, create bool, kind string) (iplNewLink, error) {
	return iplNewLink{}, iplVxlanOpts(x, create, kind)
}

func iplVxlanOpts(x *ipCtx, create bool, kind string) error {
	l, b := x.l, x.c.b
	setOp := !create
	var (
		seen     uint64
		vni      uint64
		saddr    ipPrefix
		daddr    ipPrefix
		hasSaddr bool
		hasDaddr bool
		learning = true
		dstport  uint64
		metadata bool
	)
	once := func(t token, attr int) error {
		if seen&(1<<attr) != 0 {
			return l.errAt(t, "duplicate %q", t.s)
		}
		seen |= 1 << attr
		return nil
	}
	addr := func(t token, family uint8) (ipPrefix, token, error) {
		v, err := l.value(t, "an IP address")
		if err != nil {
			return ipPrefix{}, v, err
		}
		p, err := l.prefixArg(v, family, false)
		return p, v, err
	}
	for l.more() {
		t := l.next()
		w := t.s
		switch {
		case matches(w, "id") || matches(w, "vni"):
			if err := once(t, vxID); err != nil {
				return err
			}
			n, v, err := x.iplNum(t, 0, 32)
			if err != nil {
				return err
			}
			if n >= 1<<24 {
				return l.errAt(v, "invalid id %q: a VNI is 0-16777215", v.s)
			}
			vni = n
		case matches(w, "group") || matches(w, "remote"):
			group := matches(w, "group")
			if hasDaddr && group != daddr.addr.IsMulticast() {
				return l.errAt(t, "vxlan: both group and remote cannot be specified")
			}
			if err := once(t, vxGroup); err != nil {
				return err
			}
			fam := uint8(afUnspec)
			if hasSaddr {
				fam = saddr.family
			}
			p, v, err := addr(t, fam)
			if err != nil {
				return err
			}
			if p.addr.IsMulticast() != group || !p.addr.IsValid() {
				kind := "remote"
				if group {
					kind = "group"
				}
				return l.errAt(v, "invalid %s address %q", kind, v.s)
			}
			daddr, hasDaddr = p, true
		case matches(w, "local"):
			if err := once(t, vxLocal); err != nil {
				return err
			}
			fam := uint8(afUnspec)
			if hasDaddr {
				fam = daddr.family
			}
			p, v, err := addr(t, fam)
			if err != nil {
				return err
			}
			if !p.addr.IsValid() || p.addr.IsMulticast() {
				return l.errAt(v, "invalid local address %q", v.s)
			}
			saddr, hasSaddr = p, true
		case matches(w, "dev"):
			if err := once(t, vxLink); err != nil {
				return err
			}
			v, err := l.value(t, "a link name")
			if err != nil {
				return err
			}
			if err := x.c.ifindexAttr(vxLink, "dev", v.s, 0); err != nil {
				return l.errAt(v, "%v", err)
			}
		case matches(w, "ttl") || matches(w, "hoplimit"):
			if err := once(t, vxTTL); err != nil {
				return err
			}
			if err := x.iplTTL(t, vxTTL, vxTTLInher, true); err != nil {
				return err
			}
		case matches(w, "tos") || matches(w, "dsfield"):
			if err := once(t, vxTOS); err != nil {
				return err
			}
			if err := x.iplTOS(t, vxTOS); err != nil {
				return err
			}
		case matches(w, "df"):
			if err := once(t, vxDF); err != nil {
				return err
			}
			if err := x.iplDF(t, vxDF); err != nil {
				return err
			}
		case matches(w, "label") || matches(w, "flowlabel"):
			if err := once(t, vxLabel); err != nil {
				return err
			}
			n, v, err := x.iplNum(t, 0, 32)
			if err != nil {
				return err
			}
			if n > 0xfffff {
				return l.errAt(v, "invalid flowlabel %q: at most 0xfffff", v.s)
			}
			b.BE32(vxLabel, uint32(n))
		case matches(w, "ageing") || matches(w, "maxaddress"):
			typ, none := uint16(vxAgeing), "none"
			if w[0] == 'm' {
				typ, none = vxLimit, "unlimited"
			}
			if err := once(t, int(typ)); err != nil {
				return err
			}
			v, err := l.value(t, "a number or "+none)
			if err != nil {
				return err
			}
			var n uint64
			if v.s != none {
				var ok bool
				if n, ok = iplCUint(v.s, 0, 32); !ok {
					return l.errAt(v, "invalid %s %q: want a number or %s", w, v.s, none)
				}
			}
			b.U32(typ, uint32(n))
		case matches(w, "port") || matches(w, "srcport"):
			if err := once(t, vxPortRange); err != nil {
				return err
			}
			lo, v, err := x.iplNum(t, 0, 16)
			if err != nil {
				return err
			}
			hi, _, err := x.iplNum(v, 0, 16)
			if err != nil {
				return err
			}
			if lo != 0 || hi != 0 {
				var p [4]byte
				binary.BigEndian.PutUint16(p[0:], uint16(lo))
				binary.BigEndian.PutUint16(p[2:], uint16(hi))
				b.Attr(vxPortRange, p[:])
			}
		case matches(w, "dstport"):
			if err := once(t, vxPort); err != nil {
				return err
			}
			n, _, err := x.iplNum(t, 0, 16)
			if err != nil {
				return err
			}
			dstport = n
		case matches(w, "nolearning") || matches(w, "learning"):
			if err := once(t, vxLearning); err != nil {
				return err
			}
			learning = w[0] != 'n'
		case matches(w, "external") || matches(w, "noexternal"):
			if err := once(t, vxMetadata); err != nil {
				return err
			}
			metadata = w[0] == 'e'
			if metadata {
				learning = false
			}
			b.U8(vxMetadata, iplBool(metadata))
		case matches(w, "gbp"):
			if err := once(t, vxGBP); err != nil {
				return err
			}
			b.Flag(vxGBP)
		case matches(w, "gpe"):
			if err := once(t, vxGPE); err != nil {
				return err
			}
			b.Flag(vxGPE)
		case matches(w, "vnifilter") || matches(w, "novnifilter"):
			if err := once(t, vxVNIFilter); err != nil {
				return err
			}
			b.U8(vxVNIFilter, iplBool(w[0] == 'v'))
		default:
			found := false
			for _, o := range iplVxBools {
				on := !matches(w, "no"+o.word) && matches(w, o.word)
				if !on && !matches(w, "no"+o.word) {
					continue
				}
				if err := once(t, int(o.typ)); err != nil {
					return err
				}
				b.U8(o.typ, iplBool(on))
				found = true
				break
			}
			if !found {
				if matches(w, "help") {
					return l.errAt(t, "\"help\" prints usage and sends nothing")
				}
				return l.unknown(t, "vxlan option", iplVxlanWords)
			}
		}
	}
	if metadata && seen&(1<<vxID) != 0 {
		return l.errAt(l.end(), "vxlan: both 'external' and vni cannot be specified")
	}
	if !metadata && seen&(1<<vxID) == 0 && !setOp {
		return l.errAt(l.end(), "vxlan: missing virtual network identifier (id VNI)")
	}
	if hasDaddr && daddr.addr.IsMulticast() && seen&(1<<vxLink) == 0 {
		return l.errAt(l.end(), "vxlan: 'group' requires 'dev' to be specified")
	}
	if seen&(1<<vxPort) == 0 && seen&(1<<vxGPE) != 0 {
		dstport = 4790
	}
	if seen&(1<<vxID) != 0 {
		b.U32(vxID, uint32(vni))
	}
	if hasSaddr {
		if saddr.family == afInet {
			b.Attr(vxLocal, saddr.bytes())
		} else {
			b.Attr(vxLocal6, saddr.bytes())
		}
	}
	if hasDaddr {
		if daddr.family == afInet {
			b.Attr(vxGroup, daddr.bytes())
		} else {
			b.Attr(vxGroup6, daddr.bytes())
		}
	}
	if !setOp || seen&(1<<vxLearning) != 0 {
		b.U8(vxLearning, iplBool(learning))
	}
	if dstport != 0 {
		b.BE16(vxPort, uint16(dstport))
	}
	return nil
}

var iplVxlanWords = []string{
	"id", "vni", "group", "remote", "local", "dev", "ttl", "hoplimit", "tos", "dsfield",
	"df", "flowlabel", "ageing", "maxaddress", "srcport", "dstport", "learning",
	"nolearning", "proxy", "noproxy", "rsc", "norsc", "l2miss", "nol2miss", "l3miss",
	"nol3miss", "udpcsum", "noudpcsum", "udp6zerocsumtx", "noudp6zerocsumtx",
	"udp6zerocsumrx", "noudp6zerocsumrx", "remcsumtx", "noremcsumtx", "remcsumrx",
	"noremcsumrx", "external", "noexternal", "gbp", "gpe", "vnifilter", "novnifilter",
}

// iplTTL reads ttl for vxlan and geneve: inherit is the flag inherit
// (a flag attribute for vxlan, a u8 1 for geneve), auto is 0, else
// 0-255.
func (x *ipCtx) iplTTL(t token, typ, inherit uint16, inheritFlag bool) error {
	l, b := x.l, x.c.b
	v, err := l.value(t, "a TTL (1-255, auto, inherit)")
	if err != nil {
		return err
	}
	switch v.s {
	case "inherit":
		if inheritFlag {
			b.Flag(inherit)
		} else {
			b.U8(inherit, 1)
		}
		return nil
	case "auto":
		b.U8(typ, 0)
		return nil
	}
	n, ok := iplCUint(v.s, 0, 32)
	if !ok {
		return l.errAt(v, "invalid TTL %q: want 1-255, auto or inherit", v.s)
	}
	if n > 255 {
		return l.errAt(v, "invalid TTL %q: TTL must be <= 255", v.s)
	}
	b.U8(typ, uint8(n))
	return nil
}

// iplTOS reads tos: inherit is 1, else a DS field.
func (x *ipCtx) iplTOS(t token, typ uint16) error {
	tos, err := x.iplTOSValue(t)
	if err != nil {
		return err
	}
	x.c.b.U8(typ, tos)
	return nil
}

func (x *ipCtx) iplTOSValue(t token) (uint8, error) {
	v, err := x.l.value(t, "a TOS (a hex number or inherit)")
	if err != nil {
		return 0, err
	}
	if v.s == "inherit" {
		return 1, nil
	}
	return x.iplDSField(v)
}

// iplDF reads df: unset, set or inherit.
func (x *ipCtx) iplDF(t token, typ uint16) error {
	v, err := x.l.value(t, "unset, set or inherit")
	if err != nil {
		return err
	}
	for i, n := range iplDFNames {
		if v.s == n {
			x.c.b.U8(typ, uint8(i))
			return nil
		}
	}
	return x.l.unknown(v, "df value", iplDFNames)
}

// --- geneve

const (
	gnID       = 1
	gnRemote   = 2
	gnTTL      = 3
	gnTOS      = 4
	gnPort     = 5
	gnMetadata = 6
	gnRemote6  = 7
	gnUDPCsum  = 8
	gnZeroTx   = 9
	gnZeroRx   = 10
	gnLabel    = 11
	gnTTLInher = 12
	gnDF       = 13
	gnInner    = 14
)

var iplGeneveWords = []string{
	"id", "vni", "remote", "ttl", "hoplimit", "tos", "dsfield", "df", "flowlabel",
	"dstport", "external", "noexternal", "udpcsum", "noudpcsum", "udp6zerocsumtx",
	"noudp6zerocsumtx", "udp6zerocsumrx", "noudp6zerocsumrx", "innerprotoinherit",
}

func iplGeneve(x *ipCtx, create bool, kind string) (iplNewLink, error) {
	return iplNewLink{}, iplGeneveOpts(x, create, kind)
}

func iplGeneveOpts(x *ipCtx, create bool, kind string) error {
	l, b := x.l, x.c.b
	setOp := !create
	var (
		seen     uint64
		vni      uint64
		daddr    ipPrefix
		hasDaddr bool
		label    uint32
		ttl, tos uint8
		dstport  uint64
		metadata bool
		inner    bool
		csum     [3]uint8 // udpcsum, udp6zerocsumtx, udp6zerocsumrx
	)
	once := func(t token, attr int) error {
		if seen&(1<<attr) != 0 {
			return l.errAt(t, "duplicate %q", t.s)
		}
		seen |= 1 << attr
		return nil
	}
	csumWords := [3]string{"udpcsum", "udp6zerocsumtx", "udp6zerocsumrx"}
	csumAttrs := [3]int{gnUDPCsum, gnZeroTx, gnZeroRx}
	for l.more() {
		t := l.next()
		w := t.s
		switch {
		case matches(w, "id") || matches(w, "vni"):
			if err := once(t, gnID); err != nil {
				return err
			}
			n, v, err := x.iplNum(t, 0, 32)
			if err != nil {
				return err
			}
			if n >= 1<<24 {
				return l.errAt(v, "invalid id %q: a VNI is 0-16777215", v.s)
			}
			vni = n
		case matches(w, "remote"):
			if err := once(t, gnRemote); err != nil {
				return err
			}
			v, err := l.value(t, "an IP address")
			if err != nil {
				return err
			}
			p, err := l.prefixArg(v, afUnspec, false)
			if err != nil {
				return err
			}
			if !p.addr.IsValid() || p.addr.IsMulticast() {
				return l.errAt(v, "invalid remote address %q", v.s)
			}
			daddr, hasDaddr = p, true
		case matches(w, "ttl") || matches(w, "hoplimit"):
			if err := once(t, gnTTL); err != nil {
				return err
			}
			v, err := l.value(t, "a TTL (1-255, auto, inherit)")
			if err != nil {
				return err
			}
			switch v.s {
			case "inherit":
				b.U8(gnTTLInher, 1)
			case "auto":
				ttl = 0
			default:
				n, ok := iplCUint(v.s, 0, 32)
				if !ok || n > 255 {
					return l.errAt(v, "invalid TTL %q: want 1-255, auto or inherit", v.s)
				}
				ttl = uint8(n)
			}
		case matches(w, "tos") || matches(w, "dsfield"):
			if err := once(t, gnTOS); err != nil {
				return err
			}
			v, err := x.iplTOSValue(t)
			if err != nil {
				return err
			}
			tos = v
		case matches(w, "df"):
			if err := once(t, gnDF); err != nil {
				return err
			}
			if err := x.iplDF(t, gnDF); err != nil {
				return err
			}
		case matches(w, "label") || matches(w, "flowlabel"):
			if err := once(t, gnLabel); err != nil {
				return err
			}
			n, v, err := x.iplNum(t, 0, 32)
			if err != nil {
				return err
			}
			if n > 0xfffff {
				return l.errAt(v, "invalid flowlabel %q: at most 0xfffff", v.s)
			}
			label = uint32(n)
		case matches(w, "dstport"):
			if err := once(t, gnPort); err != nil {
				return err
			}
			n, _, err := x.iplNum(t, 0, 16)
			if err != nil {
				return err
			}
			dstport = n
		case matches(w, "external") || matches(w, "noexternal"):
			if err := once(t, gnMetadata); err != nil {
				return err
			}
			metadata = w[0] == 'e'
		case matches(w, "innerprotoinherit"):
			if err := once(t, gnInner); err != nil {
				return err
			}
			inner = true
		default:
			found := false
			for i, cw := range csumWords {
				on := matches(w, cw)
				if !on && !matches(w, "no"+cw) {
					continue
				}
				if err := once(t, csumAttrs[i]); err != nil {
					return err
				}
				csum[i] = iplBool(on)
				found = true
				break
			}
			if !found {
				if matches(w, "help") {
					return l.errAt(t, "\"help\" prints usage and sends nothing")
				}
				return l.unknown(t, "geneve option", iplGeneveWords)
			}
		}
	}
	if metadata && seen&(1<<gnID) != 0 {
		return l.errAt(l.end(), "geneve: both 'external' and vni cannot be specified")
	}
	if !metadata {
		if seen&(1<<gnID) == 0 {
			return l.errAt(l.end(), "geneve: missing virtual network identifier (id VNI)")
		}
		if !setOp && !hasDaddr {
			return l.errAt(l.end(), "geneve: remote link partner not specified (remote ADDR)")
		}
	}
	b.U32(gnID, uint32(vni))
	if hasDaddr {
		if daddr.family == afInet {
			b.Attr(gnRemote, daddr.bytes())
		} else {
			b.Attr(gnRemote6, daddr.bytes())
		}
	}
	if !setOp || seen&(1<<gnLabel) != 0 {
		b.BE32(gnLabel, label)
	}
	if !setOp || seen&(1<<gnTTL) != 0 {
		b.U8(gnTTL, ttl)
	}
	if !setOp || seen&(1<<gnTOS) != 0 {
		b.U8(gnTOS, tos)
	}
	if dstport != 0 {
		b.BE16(gnPort, uint16(dstport))
	}
	if metadata {
		b.Flag(gnMetadata)
	}
	if inner {
		b.Flag(gnInner)
	}
	for i, a := range csumAttrs {
		if seen&(1<<a) != 0 {
			b.U8(uint16(a), csum[i])
		}
	}
	return nil
}

// --- macvlan, macvtap

const (
	mvMode      = 1
	mvFlags     = 2
	mvAddrMode  = 3
	mvAddr      = 4
	mvAddrData  = 5
	mvBCQueue   = 7
	mvPassthru  = 8
	mvNoPromisc = 1
	mvNoDst     = 2
)

var (
	iplMacvlanModes     = []string{"private", "vepa", "bridge", "passthru", "source"}
	iplMacvlanModeVals  = []uint32{1, 2, 4, 8, 16}
	iplMacvlanAddrModes = []string{"add", "del", "flush", "set"}
)

func iplMacvlan(x *ipCtx, create bool, kind string) (iplNewLink, error) {
	return iplNewLink{}, iplMacvlanOpts(x, create, kind)
}

func iplMacvlanOpts(x *ipCtx, create bool, kind string) error {
	l, b := x.l, x.c.b
	var (
		mode     uint32
		flags    uint16
		hasFlags bool
	)
	for l.more() {
		t := l.next()
		w := t.s
		switch {
		case matches(w, "mode"):
			v, err := l.value(t, "a mode (private, vepa, bridge, passthru, source)")
			if err != nil {
				return err
			}
			i, ok := iplIndex(v.s, iplMacvlanModes)
			if !ok {
				return l.unknown(v, "macvlan mode", iplMacvlanModes)
			}
			mode = iplMacvlanModeVals[i]
		case matches(w, "flag"):
			v, err := l.value(t, "a flag (null, nopromisc, nodst)")
			if err != nil {
				return err
			}
			switch v.s {
			case "nopromisc":
				flags |= mvNoPromisc
			case "nodst":
				flags |= mvNoDst
			case "null":
			default:
				return l.unknown(v, "macvlan flag", []string{"null", "nopromisc", "nodst"})
			}
			hasFlags = true
		case matches(w, "nopromisc"):
			flags |= mvNoPromisc
			hasFlags = true
		case matches(w, "nodst"):
			flags |= mvNoDst
			hasFlags = true
		case matches(w, "macaddr"):
			v, err := l.value(t, "add, del, set or flush")
			if err != nil {
				return err
			}
			m, ok := iplIndex(v.s, iplMacvlanAddrModes)
			if !ok {
				return l.unknown(v, "macaddr command", iplMacvlanAddrModes)
			}
			b.U32(mvAddrMode, uint32(m))
			switch v.s {
			case "add", "del":
				a, err := l.value(v, "a MAC address")
				if err != nil {
					return err
				}
				if err := x.iplLLAddr(mvAddr, a); err != nil {
					return err
				}
			case "set":
				b.BeginNest(mvAddrData)
				for l.more() {
					if _, err := l.lladdrArg(l.peek()); err != nil {
						break
					}
					if err := x.iplLLAddr(mvAddr, l.next()); err != nil {
						return err
					}
				}
				b.EndNest()
			}
		case matches(w, "bcqueuelen"):
			n, _, err := x.iplNum(t, 0, 32)
			if err != nil {
				return err
			}
			b.U32(mvBCQueue, uint32(n))
		default:
			if matches(w, "help") {
				return l.errAt(t, "\"help\" prints usage and sends nothing")
			}
			return l.unknown(t, "macvlan option", []string{"mode", "flag", "nopromisc", "nodst", "macaddr", "bcqueuelen"})
		}
	}
	if mode != 0 {
		b.U32(mvMode, mode)
	}
	if hasFlags {
		if flags&mvNoPromisc != 0 && mode != mvPassthru {
			return l.errAt(l.end(), "macvlan: nopromisc flag only valid in passthru mode")
		}
		b.U16(mvFlags, flags)
	}
	return nil
}

// iplIndex finds s in names (exact).
func iplIndex(s string, names []string) (int, bool) {
	for i, n := range names {
		if s == n {
			return i, true
		}
	}
	return 0, false
}

// --- ipvlan, ipvtap

var (
	iplIpvlanModes = []string{"l2", "l3", "l3s"}
	iplIpvlanFlags = []string{"bridge", "private", "vepa"}
)

func iplIpvlan(x *ipCtx, create bool, kind string) (iplNewLink, error) {
	return iplNewLink{}, iplIpvlanOpts(x, create, kind)
}

func iplIpvlanOpts(x *ipCtx, create bool, kind string) error {
	l, b := x.l, x.c.b
	var mode, flags uint16
	hasMode := false
	for l.more() {
		t := l.next()
		w := t.s
		switch {
		case matches(w, "mode"):
			v, err := l.value(t, "a mode (l2, l3, l3s)")
			if err != nil {
				return err
			}
			i, ok := iplIndex(v.s, iplIpvlanModes)
			if !ok {
				return l.unknown(v, "ipvlan mode", iplIpvlanModes)
			}
			mode, hasMode = uint16(i), true
		case matches(w, "bridge"):
			flags = 0
		case matches(w, "private"):
			flags = 1
		case matches(w, "vepa"):
			flags = 2
		default:
			if matches(w, "help") {
				return l.errAt(t, "\"help\" prints usage and sends nothing")
			}
			return l.unknown(t, "ipvlan option", append([]string{"mode"}, iplIpvlanFlags...))
		}
	}
	if hasMode {
		b.U16(1, mode) // IFLA_IPVLAN_MODE
	}
	b.U16(2, flags) // IFLA_IPVLAN_FLAGS
	return nil
}

// --- vrf

func iplVrf(x *ipCtx, create bool, kind string) (iplNewLink, error) {
	return iplNewLink{}, iplVrfOpts(x, create, kind)
}

func iplVrfOpts(x *ipCtx, create bool, kind string) error {
	l, b := x.l, x.c.b
	for l.more() {
		t := l.next()
		if !matches(t.s, "table") {
			if matches(t.s, "help") {
				return l.errAt(t, "\"help\" prints usage and sends nothing")
			}
			return l.unknown(t, "vrf option", []string{"table"})
		}
		v, err := l.value(t, "a routing table (a number or a name of rt_tables)")
		if err != nil {
			return err
		}
		id, err := l.lookupName(v, "table", x.names.Tables, 0xffffffff)
		if err != nil {
			return err
		}
		b.U32(1, id) // IFLA_VRF_TABLE
	}
	return nil
}

// --- tunnels: gre, gretap, erspan, ip6gre, ip6gretap, ip6erspan, ipip,
// sit (ip6tnl below)

const (
	greLink      = 1
	greIFlags    = 2
	greOFlags    = 3
	greIKey      = 4
	greOKey      = 5
	greLocal     = 6
	greRemote    = 7
	greTTL       = 8
	greTOS       = 9
	grePMTU      = 10
	greEncLimit  = 11
	greFlowinfo  = 12
	greFlags     = 13
	greEncType   = 14
	greEncFlags  = 15
	greEncSport  = 16
	greEncDport  = 17
	greMetadata  = 18
	greIgnoreDF  = 19
	greFwmark    = 20
	greErspanIdx = 21
	greErspanVer = 22
	greErspanDir = 23
	greErspanHw  = 24

	greKeyFlag  = 0x2000
	greSeqFlag  = 0x1000
	greCsumFlag = 0x8000

	encapCsum    = 1
	encapCsum6   = 2
	encapRemCsum = 4
)

// iplTunEncap is the UDP encapsulation options tunnels share.
type iplTunEncap struct {
	typ, flags, sport, dport uint16
}

// iplEncapWord reads one of the encap options; false when w is none.
func (x *ipCtx) iplEncapWord(t token, e *iplTunEncap) (bool, error) {
	l := x.l
	switch t.s {
	case "noencap":
		e.typ = 0
	case "encap":
		v, err := l.value(t, "fou, gue or none")
		if err != nil {
			return true, err
		}
		i, ok := iplIndex(v.s, []string{"none", "fou", "gue"})
		if !ok {
			return true, l.unknown(v, "encap type", []string{"fou", "gue", "none"})
		}
		e.typ = uint16(i)
	case "encap-sport":
		v, err := l.value(t, "a port or auto")
		if err != nil {
			return true, err
		}
		if v.s == "auto" {
			e.sport = 0
		} else if n, ok := iplCUint(v.s, 0, 16); ok {
			e.sport = uint16(n)
		} else {
			return true, l.errAt(v, "invalid source port %q", v.s)
		}
	case "encap-dport":
		n, _, err := x.iplNum(t, 0, 16)
		if err != nil {
			return true, err
		}
		e.dport = uint16(n)
	case "encap-csum":
		e.flags |= encapCsum
	case "noencap-csum":
		e.flags &^= encapCsum
	case "encap-udp6-csum":
		e.flags |= encapCsum6
	case "noencap-udp6-csum":
		e.flags &^= encapCsum6
	case "encap-remcsum":
		e.flags |= encapRemCsum
	case "noencap-remcsum":
		e.flags &^= encapRemCsum
	default:
		return false, nil
	}
	return true, nil
}

// write appends the four encap attributes from type number first.
func (e *iplTunEncap) write(x *ipCtx, first uint16) {
	b := x.c.b
	b.U16(first, e.typ)
	b.U16(first+1, e.flags)
	b.BE16(first+2, e.sport)
	b.BE16(first+3, e.dport)
}

// iplGreKey is iproute2's tnl_parse_key: a dotted quad or a number,
// network order.
func (x *ipCtx) iplGreKey(t token) (uint32, error) {
	v, err := x.l.value(t, "a key (a number or a dotted quad)")
	if err != nil {
		return 0, err
	}
	if strings.Contains(v.s, ".") {
		a, ok := parseIPv4Short(v.s)
		if !ok || strings.Count(v.s, ".") != 3 {
			return 0, x.l.errAt(v, "invalid value for %q: %q", t.s, v.s)
		}
		b := a.As4()
		return binary.BigEndian.Uint32(b[:]), nil
	}
	n, ok := iplCUint(v.s, 0, 32)
	if !ok {
		return 0, x.l.errAt(v, "invalid value for %q: %q", t.s, v.s)
	}
	return uint32(n), nil
}

// iplGreFlagWord reads the [no][i|o]key, [no][i|o]seq, [no][i|o]csum
// words of gre and ip6gre; false when w is none of them.
func (x *ipCtx) iplGreFlagWord(t token, iflags, oflags *uint16, ikey, okey *uint32) (bool, error) {
	w := t.s
	no := false
	base := w
	if strings.HasPrefix(w, "no") && len(w) > 2 {
		for _, k := range []string{"key", "ikey", "okey", "seq", "iseq", "oseq", "csum", "icsum", "ocsum"} {
			if w[2:] == k {
				no, base = true, k
				break
			}
		}
	}
	var in, out bool
	var flag uint16
	switch {
	case !no && matches(base, "key"), no && base == "key":
		in, out, flag = true, true, greKeyFlag
	case !no && matches(base, "ikey"), no && base == "ikey":
		in, flag = true, greKeyFlag
	case !no && matches(base, "okey"), no && base == "okey":
		out, flag = true, greKeyFlag
	case !no && matches(base, "seq"), no && base == "seq":
		in, out, flag = true, true, greSeqFlag
	case !no && matches(base, "iseq"), no && base == "iseq":
		in, flag = true, greSeqFlag
	case !no && matches(base, "oseq"), no && base == "oseq":
		out, flag = true, greSeqFlag
	case !no && matches(base, "csum"), no && base == "csum":
		in, out, flag = true, true, greCsumFlag
	case !no && matches(base, "icsum"), no && base == "icsum":
		in, flag = true, greCsumFlag
	case !no && matches(base, "ocsum"), no && base == "ocsum":
		out, flag = true, greCsumFlag
	default:
		return false, nil
	}
	var key uint32
	if flag == greKeyFlag && !no {
		var err error
		if key, err = x.iplGreKey(t); err != nil {
			return true, err
		}
	}
	if in {
		if no {
			*iflags &^= flag
			if flag == greKeyFlag {
				*ikey = 0
			}
		} else {
			*iflags |= flag
			if flag == greKeyFlag {
				*ikey = key
			}
		}
	}
	if out {
		if no {
			*oflags &^= flag
			if flag == greKeyFlag {
				*okey = 0
			}
		} else {
			*oflags |= flag
			if flag == greKeyFlag {
				*okey = key
			}
		}
	}
	return true, nil
}

// iplGre is gre, gretap and erspan (IPv4; link_gre.c).
func iplGre(x *ipCtx, create bool, kind string) (iplNewLink, error) {
	return iplNewLink{}, iplGreOpts(x, create, kind)
}

func iplGreOpts(x *ipCtx, create bool, kind string) error {
	l, b := x.l, x.c.b
	if !create {
		return l.errAt(l.peek(), "options of a %s link: %w", kind, errIPLinkGetFirst)
	}
	var (
		iflags, oflags uint16
		ikey, okey     uint32
		saddr, daddr   [4]byte
		link           token
		hasLink        bool
		pmtudisc       uint8 = 1
		ttl, tos       uint8
		enc            iplTunEncap
		metadata       bool
		ignoreDF       uint8
		fwmark         uint32
		ers            = iplErspan{ver: 1}
		isErspan       = kind == "erspan"
	)
	for l.more() {
		t := l.next()
		w := t.s
		if ok, err := x.iplGreFlagWord(t, &iflags, &oflags, &ikey, &okey); ok || err != nil {
			if err != nil {
				return err
			}
			continue
		}
		switch {
		case matches(w, "nopmtudisc"):
			pmtudisc = 0
		case matches(w, "pmtudisc"):
			pmtudisc = 1
		case matches(w, "remote") || matches(w, "local"):
			v, err := l.value(t, "an IPv4 address or any")
			if err != nil {
				return err
			}
			a, err := x.iplAddr4(v)
			if err != nil {
				return err
			}
			if w[0] == 'r' {
				daddr = a
			} else {
				saddr = a
			}
		case matches(w, "dev"):
			v, err := l.value(t, "a link name")
			if err != nil {
				return err
			}
			link, hasLink = v, true
		case matches(w, "ttl") || matches(w, "hoplimit") || matches(w, "hlim"):
			v, err := l.value(t, "a TTL (0-255 or inherit)")
			if err != nil {
				return err
			}
			ttl = 0
			if v.s != "inherit" {
				n, ok := iplCUint(v.s, 0, 8)
				if !ok {
					return l.errAt(v, "invalid TTL %q", v.s)
				}
				ttl = uint8(n)
			}
		case matches(w, "tos") || matches(w, "tclass") || matches(w, "dsfield"):
			v, err := x.iplTOSValue(t)
			if err != nil {
				return err
			}
			tos = v
		case w == "external":
			metadata = true
		case w == "ignore-df":
			ignoreDF = 1
		case w == "noignore-df":
			ignoreDF = 2
		case w == "fwmark":
			n, _, err := x.iplNum(t, 0, 32)
			if err != nil {
				return err
			}
			fwmark = uint32(n)
		default:
			if ok, err := x.iplEncapWord(t, &enc); ok || err != nil {
				if err != nil {
					return err
				}
				continue
			}
			// Only erspan links take the erspan options (gre_is_erspan).
			if isErspan {
				if ok, err := ers.word(x, t); ok || err != nil {
					if err != nil {
						return err
					}
					continue
				}
				return l.unknown(t, kind+" option", append(iplGreWords[:len(iplGreWords):len(iplGreWords)], iplErspanWords...))
			}
			return l.unknown(t, kind+" option", iplGreWords)
		}
	}
	multicast := daddr[0]&0xf0 == 0xe0
	if multicast {
		if ikey == 0 {
			ikey, iflags = binary.BigEndian.Uint32(daddr[:]), iflags|greKeyFlag
		}
		if okey == 0 {
			okey, oflags = binary.BigEndian.Uint32(daddr[:]), oflags|greKeyFlag
		}
		if saddr == [4]byte{} {
			return l.errAt(l.end(), "a broadcast tunnel requires a source address (local ADDR)")
		}
	}
	if metadata {
		b.Flag(greMetadata)
		return nil
	}
	b.BE32(greIKey, ikey)
	b.BE32(greOKey, okey)
	b.BE16(greIFlags, iflags)
	b.BE16(greOFlags, oflags)
	if saddr != [4]byte{} {
		b.Attr(greLocal, saddr[:])
	}
	if daddr != [4]byte{} {
		b.Attr(greRemote, daddr[:])
	}
	b.U8(grePMTU, pmtudisc)
	if ignoreDF != 0 {
		b.U8(greIgnoreDF, ignoreDF&1)
	}
	b.U8(greTOS, tos)
	if hasLink {
		if err := x.c.ifindexAttr(greLink, "dev", link.s, 0); err != nil {
			return l.errAt(link, "%v", err)
		}
	}
	b.U8(greTTL, ttl)
	b.U32(greFwmark, fwmark)
	if isErspan {
		ers.write(x)
	}
	enc.write(x, greEncType)
	return nil
}

var iplGreWords = []string{
	"remote", "local", "key", "ikey", "okey", "nokey", "seq", "iseq", "oseq", "noseq",
	"csum", "icsum", "ocsum", "nocsum", "ttl", "hoplimit", "tos", "tclass", "pmtudisc",
	"nopmtudisc", "ignore-df", "noignore-df", "dev", "fwmark", "external", "noencap",
	"encap", "encap-sport", "encap-dport", "encap-csum", "noencap-csum",
	"encap-udp6-csum", "noencap-udp6-csum", "encap-remcsum", "noencap-remcsum",
}

// IPv6 tunnel flags (linux/ip6_tunnel.h).
const (
	ip6tIgnEncapLimit = 0x1
	ip6tOrigTclass    = 0x2
	ip6tOrigFlowlabel = 0x4
	ip6tRcvDSCPCopy   = 0x10
	ip6tOrigFwmark    = 0x20
	ip6tAllowLocalRem = 0x40
)

// iplGre6 is ip6gre, ip6gretap and ip6erspan (link_gre6.c).
func iplGre6(x *ipCtx, create bool, kind string) (iplNewLink, error) {
	return iplNewLink{}, iplGre6Opts(x, create, kind)
}

func iplGre6Opts(x *ipCtx, create bool, kind string) error {
	l, b := x.l, x.c.b
	if !create {
		return l.errAt(l.peek(), "options of a %s link: %w", kind, errIPLinkGetFirst)
	}
	var (
		iflags, oflags uint16
		ikey, okey     uint32
		saddr, daddr   [16]byte
		link           token
		hasLink        bool
		tun            = newIPL6Tun()
		enc            = iplTunEncap{flags: encapCsum6}
		metadata       bool
		ers            = iplErspan{ver: 1}
	)
	for l.more() {
		t := l.next()
		w := t.s
		if ok, err := x.iplGreFlagWord(t, &iflags, &oflags, &ikey, &okey); ok || err != nil {
			if err != nil {
				return err
			}
			continue
		}
		switch {
		case matches(w, "remote") || matches(w, "local"):
			v, err := l.value(t, "an IPv6 address")
			if err != nil {
				return err
			}
			var a [16]byte
			if v.s != "any" {
				p, err := l.prefixArg(v, afInet6, false)
				if err != nil {
					return err
				}
				copy(a[:], p.bytes())
			}
			if w[0] == 'r' {
				daddr = a
			} else {
				saddr = a
			}
		case matches(w, "dev"):
			v, err := l.value(t, "a link name")
			if err != nil {
				return err
			}
			link, hasLink = v, true
		case w == "external":
			metadata = true
		default:
			if key := ipl6TunKey(ipl6GreWords, w); key != "" {
				if err := tun.set(l, t, key); err != nil {
					return err
				}
				continue
			}
			if ok, err := x.iplEncapWord(t, &enc); ok || err != nil {
				if err != nil {
					return err
				}
				continue
			}
			// link_gre6.c takes the erspan options for every kind.
			if ok, err := ers.word(x, t); ok || err != nil {
				if err != nil {
					return err
				}
				continue
			}
			return l.unknown(t, kind+" option", iplGre6Words)
		}
	}
	if metadata {
		b.Flag(greMetadata)
		return nil
	}
	b.BE32(greIKey, ikey)
	b.BE32(greOKey, okey)
	b.BE16(greIFlags, iflags)
	b.BE16(greOFlags, oflags)
	if saddr != [16]byte{} {
		b.Attr(greLocal, saddr[:])
	}
	if daddr != [16]byte{} {
		b.Attr(greRemote, daddr[:])
	}
	if hasLink {
		if err := x.c.ifindexAttr(greLink, "dev", link.s, 0); err != nil {
			return l.errAt(link, "%v", err)
		}
	}
	b.U8(greTTL, tun.hopLimit)
	b.U8(greEncLimit, tun.encapLimit)
	b.BE32(greFlowinfo, tun.flowinfo)
	b.U32(greFlags, tun.flags)
	b.U32(greFwmark, tun.fwmark)
	ers.write(x)
	enc.write(x, greEncType)
	return nil
}

var iplGre6Words = []string{
	"remote", "local", "key", "ikey", "okey", "nokey", "seq", "iseq", "oseq", "noseq",
	"csum", "icsum", "ocsum", "nocsum", "hoplimit", "encaplimit", "tclass", "flowlabel",
	"dscp", "dev", "fwmark", "allow-localremote", "noallow-localremote", "external",
	"noencap", "encap", "encap-sport", "encap-dport", "encap-csum", "noencap-csum",
	"encap-udp6-csum", "noencap-udp6-csum", "encap-remcsum", "noencap-remcsum",
	"erspan", "erspan_ver", "erspan_dir", "erspan_hwid",
}

const (
	itLink      = 1
	itLocal     = 2
	itRemote    = 3
	itTTL       = 4
	itTOS       = 5
	itFlags     = 8
	itProto     = 9
	itPMTU      = 10
	it6rdPrefix = 11
	it6rdRelay  = 12
	it6rdPLen   = 13
	it6rdRLen   = 14
	itEncType   = 15
	itMetadata  = 19
	itFwmark    = 20

	sitISATAP = 0x1
)

// iplIptunModes are ipip's and sit's mode words and their protocols.
var iplIptunModes = []struct {
	word  string
	proto uint8
	sit   bool // sit only
}{
	{"ipv6/ipv4", 41, true}, {"ip6ip", 41, true},
	{"ipv4/ipv4", 4, false}, {"ipip", 4, false}, {"ip4ip4", 4, false},
	{"mpls/ipv4", 137, false}, {"mplsip", 137, false},
	{"any/ipv4", 0, false}, {"any", 0, false},
}

// iplIptun is ipip and sit.
func iplIptun(x *ipCtx, create bool, kind string) (iplNewLink, error) {
	return iplNewLink{}, iplIptunOpts(x, create, kind)
}

func iplIptunOpts(x *ipCtx, create bool, kind string) error {
	l, b := x.l, x.c.b
	if !create {
		return l.errAt(l.peek(), "options of a %s link: %w", kind, errIPLinkGetFirst)
	}
	sit := kind == "sit"
	var (
		laddr, raddr [4]byte
		link         token
		hasLink      bool
		ttl, tos     uint8
		pmtudisc     uint8 = 1
		iflags       uint16
		proto        uint8
		prefix6      [16]byte
		prefix6Len   uint16
		relay        [4]byte
		relayLen     uint16
		enc          iplTunEncap
		metadata     bool
		fwmark       uint32
	)
	for l.more() {
		t := l.next()
		w := t.s
		switch {
		case w == "remote" || w == "local":
			v, err := l.value(t, "an IPv4 address or any")
			if err != nil {
				return err
			}
			a, err := x.iplAddr4(v)
			if err != nil {
				return err
			}
			if w == "remote" {
				raddr = a
			} else {
				laddr = a
			}
		case matches(w, "dev"):
			v, err := l.value(t, "a link name")
			if err != nil {
				return err
			}
			link, hasLink = v, true
		case w == "ttl" || w == "hoplimit" || w == "hlim":
			v, err := l.value(t, "a TTL (0-255 or inherit)")
			if err != nil {
				return err
			}
			ttl = 0
			if v.s != "inherit" {
				n, ok := iplCUint(v.s, 0, 8)
				if !ok {
					return l.errAt(v, "invalid TTL %q", v.s)
				}
				ttl = uint8(n)
			}
		case w == "tos" || w == "tclass" || matches(w, "dsfield"):
			v, err := x.iplTOSValue(t)
			if err != nil {
				return err
			}
			tos = v
		case w == "nopmtudisc":
			pmtudisc = 0
		case w == "pmtudisc":
			pmtudisc = 1
		case sit && w == "isatap":
			iflags |= sitISATAP
		case w == "mode":
			v, err := l.value(t, "a tunnel mode")
			if err != nil {
				return err
			}
			found := false
			for _, m := range iplIptunModes {
				if v.s == m.word && (sit || !m.sit) {
					proto, found = m.proto, true
					break
				}
			}
			if !found {
				return l.errAt(v, "cannot guess tunnel mode %q (ipip, mplsip, any%s)", v.s, map[bool]string{true: ", ip6ip", false: ""}[sit])
			}
		case w == "external":
			metadata = true
		case w == "6rd-prefix":
			v, err := l.value(t, "an IPv6 prefix")
			if err != nil {
				return err
			}
			p, err := l.prefixArg(v, afInet6, true)
			if err != nil {
				return err
			}
			copy(prefix6[:], p.bytes())
			prefix6Len = uint16(p.bits)
		case w == "6rd-relay_prefix":
			v, err := l.value(t, "an IPv4 prefix")
			if err != nil {
				return err
			}
			p, err := l.prefixArg(v, afInet, true)
			if err != nil {
				return err
			}
			copy(relay[:], p.bytes())
			relayLen = uint16(p.bits)
		case w == "6rd-reset":
			prefix6 = [16]byte{0x20, 0x02}
			prefix6Len = 16
			relay, relayLen = [4]byte{}, 0
		case w == "fwmark":
			n, _, err := x.iplNum(t, 0, 32)
			if err != nil {
				return err
			}
			fwmark = uint32(n)
		default:
			if ok, err := x.iplEncapWord(t, &enc); ok || err != nil {
				if err != nil {
					return err
				}
				continue
			}
			return l.unknown(t, kind+" option", iplIptunWords)
		}
	}
	if ttl != 0 && pmtudisc == 0 {
		return l.errAt(l.end(), "ttl != 0 and nopmtudisc are incompatible")
	}
	b.U8(itProto, proto)
	if metadata {
		b.Flag(itMetadata)
		return nil
	}
	if laddr != [4]byte{} {
		b.Attr(itLocal, laddr[:])
	}
	if raddr != [4]byte{} {
		b.Attr(itRemote, raddr[:])
	}
	b.U8(itPMTU, pmtudisc)
	b.U8(itTOS, tos)
	b.U8(itTTL, ttl)
	if hasLink {
		if err := x.c.ifindexAttr(itLink, "dev", link.s, 0); err != nil {
			return l.errAt(link, "%v", err)
		}
	} else {
		b.U32(itLink, 0)
	}
	b.U32(itFwmark, fwmark)
	enc.write(x, itEncType)
	if sit {
		b.U16(itFlags, iflags)
		if prefix6Len != 0 {
			b.Attr(it6rdPrefix, prefix6[:])
			b.U16(it6rdPLen, prefix6Len)
			b.Attr(it6rdRelay, relay[:])
			b.U16(it6rdRLen, relayLen)
		}
	}
	return nil
}

var iplIptunWords = []string{
	"remote", "local", "dev", "ttl", "hoplimit", "tos", "tclass", "pmtudisc",
	"nopmtudisc", "isatap", "mode", "external", "6rd-prefix", "6rd-relay_prefix",
	"6rd-reset", "fwmark", "noencap", "encap", "encap-sport", "encap-dport",
	"encap-csum", "noencap-csum", "encap-udp6-csum", "noencap-udp6-csum",
	"encap-remcsum", "noencap-remcsum",
}

// --- ip6tnl

const (
	itEncLimit = 6
	itFlowinfo = 7
)

// iplIp6tnlModes are ip6tnl's mode words and their protocols.
var iplIp6tnlModes = []struct {
	word  string
	proto uint8
}{
	{"ipv6/ipv6", 41}, {"ip6ip6", 41},
	{"ip/ipv6", 4}, {"ipv4/ipv6", 4}, {"ipip6", 4}, {"ip4ip6", 4},
	{"any/ipv6", 0}, {"any", 0},
}

// iplIp6tnl is ip6tnl (link_ip6tnl.c): IFLA_IPTUN_* with IPv6
// addresses, an encapsulation limit and flow information.
func iplIp6tnl(x *ipCtx, create bool, kind string) (iplNewLink, error) {
	return iplNewLink{}, iplIp6tnlOpts(x, create, kind)
}

func iplIp6tnlOpts(x *ipCtx, create bool, kind string) error {
	l, b := x.l, x.c.b
	if !create {
		return l.errAt(l.peek(), "options of a %s link: %w", kind, errIPLinkGetFirst)
	}
	var (
		laddr, raddr [16]byte
		link         token
		hasLink      bool
		tun          = newIPL6Tun()
		proto        uint8
		enc          = iplTunEncap{flags: encapCsum6}
		metadata     bool
	)
	for l.more() {
		t := l.next()
		w := t.s
		switch {
		case w == "mode":
			v, err := l.value(t, "a tunnel mode")
			if err != nil {
				return err
			}
			found := false
			for _, m := range iplIp6tnlModes {
				if v.s == m.word {
					proto, found = m.proto, true
					break
				}
			}
			if !found {
				return l.errAt(v, "cannot guess tunnel mode %q (ip6ip6, ipip6, any)", v.s)
			}
		case w == "remote" || w == "local":
			a, err := x.iplAddr6(t)
			if err != nil {
				return err
			}
			if w == "remote" {
				raddr = a
			} else {
				laddr = a
			}
		case matches(w, "dev"):
			v, err := l.value(t, "a link name")
			if err != nil {
				return err
			}
			link, hasLink = v, true
		case w == "external":
			metadata = true
		default:
			if key := ipl6TunKey(ipl6TnlWords, w); key != "" {
				if err := tun.set(l, t, key); err != nil {
					return err
				}
				continue
			}
			if ok, err := x.iplEncapWord(t, &enc); ok || err != nil {
				if err != nil {
					return err
				}
				continue
			}
			return l.unknown(t, kind+" option", iplIp6tnlWords)
		}
	}
	b.U8(itProto, proto)
	if metadata {
		b.Flag(itMetadata)
		return nil
	}
	// iproute2 6.1 leaves an unspecified (all-zero) address out.
	if laddr != [16]byte{} {
		b.Attr(itLocal, laddr[:])
	}
	if raddr != [16]byte{} {
		b.Attr(itRemote, raddr[:])
	}
	b.U8(itTTL, tun.hopLimit)
	b.U8(itEncLimit, tun.encapLimit)
	b.BE32(itFlowinfo, tun.flowinfo)
	b.U32(itFlags, tun.flags)
	if hasLink {
		if err := x.c.ifindexAttr(itLink, "dev", link.s, 0); err != nil {
			return l.errAt(link, "%v", err)
		}
	} else {
		b.U32(itLink, 0)
	}
	b.U32(itFwmark, tun.fwmark)
	enc.write(x, itEncType)
	return nil
}

// iplAddr6 is ip6tnl's get_addr(AF_INET6) after keyword t: an IPv6
// address, or any, all or default (zero).
func (x *ipCtx) iplAddr6(t token) ([16]byte, error) {
	var a [16]byte
	v, err := x.l.value(t, "an IPv6 address")
	if err != nil {
		return a, err
	}
	switch v.s {
	case "any", "all", "default":
		return a, nil
	}
	p, err := x.l.prefixArg(v, afInet6, false)
	if err != nil {
		return a, err
	}
	copy(a[:], p.bytes())
	return a, nil
}

var iplIp6tnlWords = []string{
	"mode", "remote", "local", "dev", "encaplimit", "hoplimit", "ttl", "tclass",
	"flowlabel", "dscp", "fwmark", "allow-localremote", "noallow-localremote",
	"external", "noencap", "encap", "encap-sport", "encap-dport", "encap-csum",
	"noencap-csum", "encap-udp6-csum", "noencap-udp6-csum", "encap-remcsum",
	"noencap-remcsum",
}

// --- data-driven kinds: bridge, bond

// iplEnc is how an iplOpt's value is read and written.
type iplEnc uint8

const (
	iplU8       iplEnc = iota // get_u8, u8
	iplU16                    // get_u16, u16
	iplU32                    // get_u32, u32
	iplU64                    // get_u64, u64
	iplProto16                // ll_proto_a2n, be16
	iplLLA                    // a link-layer address
	iplFlagOpt                // no value, a flag attribute
	iplBoolOpt                // get_u8 (get_u32 for some), a bit of IFLA_BR_MULTI_BOOLOPT
	iplEnum8                  // a name of names (or its index), u8
	iplEnum32                 // a name of names (or its index), u32
	iplIfidx                  // a link name, u32 index (a relocation)
	iplZero32                 // no value, u32 0
	iplIPv4List               // comma-separated IPv4 addresses, nested u32s
	iplIPv6List               // comma-separated IPv6 addresses, nested
	iplOnOffU8                // on or off, u8 1 or 0
	iplS32                    // get_s32, u32
)

// iplOpt is one option of a data-driven kind: a keyword (matched as
// iproute2's matches, in table order), its attribute and encoding.
type iplOpt struct {
	word  string
	typ   uint16
	enc   iplEnc
	names []string
}

const iplBrMultiBoolopt = 46

var iplBridgeOpts = []iplOpt{
	{"fdb_flush", 21, iplFlagOpt, nil},
	{"forward_delay", 1, iplU32, nil},
	{"hello_time", 2, iplU32, nil},
	{"max_age", 3, iplU32, nil},
	{"ageing_time", 4, iplU32, nil},
	{"stp_state", 5, iplU32, nil},
	{"priority", 6, iplU16, nil},
	{"vlan_filtering", 7, iplU8, nil},
	{"vlan_protocol", 8, iplProto16, nil},
	{"group_fwd_mask", 9, iplU16, nil},
	{"group_address", 20, iplLLA, nil},
	{"no_linklocal_learn", 0, iplBoolOpt, nil},
	{"vlan_default_pvid", 39, iplU16, nil},
	{"vlan_stats_enabled", 41, iplU8, nil},
	{"vlan_stats_per_port", 45, iplU8, nil},
	{"mcast_router", 22, iplU8, nil},
	{"mcast_snooping", 23, iplU8, nil},
	{"mcast_vlan_snooping", 1, iplBoolOpt, nil},
	{"mcast_query_use_ifaddr", 24, iplU8, nil},
	{"mcast_querier", 25, iplU8, nil},
	{"mcast_hash_elasticity", 26, iplU32, nil},
	{"mcast_hash_max", 27, iplU32, nil},
	{"mcast_last_member_count", 28, iplU32, nil},
	{"mcast_startup_query_count", 29, iplU32, nil},
	{"mcast_last_member_interval", 30, iplU64, nil},
	{"mcast_membership_interval", 31, iplU64, nil},
	{"mcast_querier_interval", 32, iplU64, nil},
	{"mcast_query_interval", 33, iplU64, nil},
	{"mcast_query_response_interval", 34, iplU64, nil},
	{"mcast_startup_query_interval", 35, iplU64, nil},
	{"mcast_stats_enabled", 42, iplU8, nil},
	{"mcast_igmp_version", 43, iplU8, nil},
	{"mcast_mld_version", 44, iplU8, nil},
	{"nf_call_iptables", 36, iplU8, nil},
	{"nf_call_ip6tables", 37, iplU8, nil},
	{"nf_call_arptables", 38, iplU8, nil},
}

var iplBridgeSlaveOpts = []iplOpt{
	{"fdb_flush", 24, iplFlagOpt, nil},
	{"state", 1, iplU8, nil},
	{"priority", 2, iplU16, nil},
	{"cost", 3, iplU32, nil},
	{"hairpin", 4, iplOnOffU8, nil},
	{"guard", 5, iplOnOffU8, nil},
	{"root_block", 6, iplOnOffU8, nil},
	{"fastleave", 7, iplOnOffU8, nil},
	{"learning", 8, iplOnOffU8, nil},
	{"flood", 9, iplOnOffU8, nil},
	{"mcast_flood", 27, iplOnOffU8, nil},
	{"bcast_flood", 30, iplOnOffU8, nil},
	{"mcast_to_unicast", 28, iplOnOffU8, nil},
	{"proxy_arp", 10, iplOnOffU8, nil},
	{"proxy_arp_wifi", 12, iplOnOffU8, nil},
	{"mcast_router", 25, iplU8, nil},
	{"mcast_fast_leave", 7, iplOnOffU8, nil},
	{"neigh_suppress", 32, iplOnOffU8, nil},
	{"group_fwd_mask", 31, iplU16, nil},
	{"vlan_tunnel", 29, iplOnOffU8, nil},
	{"isolated", 33, iplOnOffU8, nil},
	{"locked", 39, iplOnOffU8, nil},
	{"backup_port", 34, iplIfidx, nil},
	{"nobackup_port", 34, iplZero32, nil},
}

var iplBondSlaveOpts = []iplOpt{
	{"queue_id", 5, iplU16, nil},
	{"prio", 9, iplS32, nil},
}

var iplBondOpts = []iplOpt{
	{"mode", 1, iplEnum8, []string{"balance-rr", "active-backup", "balance-xor", "broadcast", "802.3ad", "balance-tlb", "balance-alb"}},
	{"active_slave", 2, iplIfidx, nil},
	{"clear_active_slave", 2, iplZero32, nil},
	{"miimon", 3, iplU32, nil},
	{"updelay", 4, iplU32, nil},
	{"downdelay", 5, iplU32, nil},
	{"peer_notify_delay", 28, iplU32, nil},
	{"use_carrier", 6, iplU8, nil},
	{"arp_interval", 7, iplU32, nil},
	{"arp_ip_target", 8, iplIPv4List, nil},
	{"ns_ip6_target", 31, iplIPv6List, nil},
	{"arp_validate", 9, iplEnum32, []string{"none", "active", "backup", "all", "filter", "filter_active", "filter_backup"}},
	{"arp_all_targets", 10, iplEnum32, []string{"any", "all"}},
	{"arp_missed_max", 30, iplU8, nil},
	{"primary", 11, iplIfidx, nil},
	{"primary_reselect", 12, iplEnum8, []string{"always", "better", "failure"}},
	{"fail_over_mac", 13, iplEnum8, []string{"none", "active", "follow"}},
	{"xmit_hash_policy", 14, iplEnum8, []string{"layer2", "layer3+4", "layer2+3", "encap2+3", "encap3+4", "vlan+srcmac"}},
	{"resend_igmp", 15, iplU32, nil},
	{"num_grat_arp", 16, iplU8, nil},
	{"num_unsol_na", 16, iplU8, nil},
	{"all_slaves_active", 17, iplU8, nil},
	{"min_links", 18, iplU32, nil},
	{"lp_interval", 19, iplU32, nil},
	{"packets_per_slave", 20, iplU32, nil},
	{"lacp_active", 29, iplEnum8, []string{"off", "on"}},
	{"lacp_rate", 21, iplEnum8, []string{"slow", "fast"}},
	{"ad_select", 22, iplEnum8, []string{"stable", "bandwidth", "count"}},
	{"ad_user_port_key", 25, iplU16, nil},
	{"ad_actor_sys_prio", 24, iplU16, nil},
	{"ad_actor_system", 26, iplLLA, nil},
	{"tlb_dynamic_lb", 27, iplU8, nil},
}

// iplOpts reads the options of a data-driven kind.
func (x *ipCtx) iplOpts(kind string, opts []iplOpt) error {
	l, b := x.l, x.c.b
	var boolVal, boolMask uint32
	for l.more() {
		t := l.next()
		var o *iplOpt
		for i := range opts {
			if matches(t.s, opts[i].word) {
				o = &opts[i]
				break
			}
		}
		if o == nil {
			if matches(t.s, "help") {
				return l.errAt(t, "\"help\" prints usage and sends nothing")
			}
			known := make([]string, len(opts))
			for i := range opts {
				known[i] = opts[i].word
			}
			return l.unknown(t, kind+" option", known)
		}
		switch o.enc {
		case iplFlagOpt:
			b.Flag(o.typ)
			continue
		case iplZero32:
			b.U32(o.typ, 0)
			continue
		case iplIPv4List, iplIPv6List:
			b.BeginNest(o.typ)
			if l.more() {
				v := l.next()
				for i, s := range strings.Split(v.s, ",") {
					if i >= 16 || s == "" {
						break
					}
					st := token{s: s, line: v.line, col: v.col}
					if o.enc == iplIPv4List {
						a, err := x.iplAddr4(st)
						if err != nil {
							return err
						}
						b.Attr(uint16(i), a[:])
					} else {
						p, err := l.prefixArg(st, afInet6, false)
						if err != nil {
							return err
						}
						b.Attr(uint16(i), p.bytes())
					}
				}
			}
			b.EndNest()
			continue
		}
		v, err := l.value(t, "a value")
		if err != nil {
			return err
		}
		bits := 32
		switch o.enc {
		case iplU8, iplBoolOpt:
			bits = 8
		case iplU16:
			bits = 16
		case iplU64:
			bits = 64
		}
		switch o.enc {
		case iplOnOffU8:
			on, err := l.onOff(v, o.word)
			if err != nil {
				return err
			}
			b.U8(o.typ, iplBool(on))
		case iplS32:
			n, ok := iplCInt(v.s, 0, 32)
			if !ok {
				return l.errAt(v, "invalid %s %q: want a number", o.word, v.s)
			}
			b.U32(o.typ, uint32(n))
		case iplProto16:
			p, err := x.iplEthProto(v)
			if err != nil {
				return err
			}
			b.BE16(o.typ, p)
		case iplLLA:
			if err := x.iplLLAddr(o.typ, v); err != nil {
				return err
			}
		case iplIfidx:
			if err := x.c.ifindexAttr(o.typ, t.s, v.s, 0); err != nil {
				return l.errAt(v, "%v", err)
			}
		case iplEnum8, iplEnum32:
			i := -1
			if n, ok := iplCInt(v.s, 10, 32); ok && n >= 0 && int(n) < len(o.names) {
				i = int(n)
			} else if j, ok := iplIndex(v.s, o.names); ok {
				i = j
			}
			if i < 0 {
				return l.errAt(v, "invalid %s %q%s", o.word, v.s, iplWant(v.s, o.names))
			}
			if o.enc == iplEnum8 {
				b.U8(o.typ, uint8(i))
			} else {
				b.U32(o.typ, uint32(i))
			}
		default:
			n, ok := iplCUint(v.s, 0, bits)
			if !ok {
				return l.errAt(v, "invalid %s %q: want a number of at most %d bits", o.word, v.s, bits)
			}
			switch o.enc {
			case iplU8:
				b.U8(o.typ, uint8(n))
			case iplU16:
				b.U16(o.typ, uint16(n))
			case iplU32:
				b.U32(o.typ, uint32(n))
			case iplU64:
				b.U64(o.typ, n)
			case iplBoolOpt:
				bit := uint32(1) << o.typ
				boolMask |= bit
				if n != 0 {
					boolVal |= bit
				} else {
					boolVal &^= bit
				}
			}
		}
	}
	if boolMask != 0 {
		var m [8]byte
		o := byteOrder(x.c.opts.BigEndian)
		o.PutUint32(m[0:], boolVal)
		o.PutUint32(m[4:], boolMask)
		b.Attr(iplBrMultiBoolopt, m[:])
	}
	return nil
}

// iplWant lists the names an enumerated value takes.
func iplWant(s string, names []string) string {
	return " (want " + strings.Join(names, ", ") + ")"
}

// ipl6Tun holds the settings ip6gre and ip6tnl read alike (iproute2's
// link_gre6.c and link_ip6tnl.c share them).
type ipl6Tun struct {
	hopLimit, encapLimit    uint8
	flowinfo, flags, fwmark uint32
}

func newIPL6Tun() ipl6Tun { return ipl6Tun{hopLimit: 64, encapLimit: 4} }

// ipl6TunWord spells a shared IPv6 tunnel option: the word, whether a
// prefix of it is enough (iproute2's matches), and its key for set.
type ipl6TunWord struct {
	word   string
	prefix bool
	key    string
}

// How ip6gre (link_gre6.c) and ip6tnl (link_ip6tnl.c) spell the options
// they share.
var (
	ipl6GreWords = []ipl6TunWord{
		{"ttl", true, "hoplimit"}, {"hoplimit", true, "hoplimit"}, {"hlim", true, "hoplimit"},
		{"tos", true, "tclass"}, {"tclass", true, "tclass"}, {"dsfield", true, "tclass"},
		{"flowlabel", false, "flowlabel"}, {"fl", false, "flowlabel"}, {"dscp", false, "dscp"},
		{"fwmark", false, "fwmark"}, {"encaplimit", false, "encaplimit"},
		{"allow-localremote", false, "allow-localremote"}, {"noallow-localremote", false, "noallow-localremote"},
	}
	ipl6TnlWords = []ipl6TunWord{
		{"ttl", false, "hoplimit"}, {"hoplimit", false, "hoplimit"}, {"hlim", false, "hoplimit"},
		{"encaplimit", false, "encaplimit"},
		{"tclass", false, "tclass"}, {"tc", false, "tclass"}, {"tos", false, "tclass"}, {"dsfield", true, "tclass"},
		{"flowlabel", false, "flowlabel"}, {"fl", false, "flowlabel"}, {"dscp", false, "dscp"},
		{"fwmark", false, "fwmark"},
		{"allow-localremote", false, "allow-localremote"}, {"noallow-localremote", false, "noallow-localremote"},
	}
)

// ipl6TunKey is the key of the shared option w spells, in table order,
// or "".
func ipl6TunKey(words []ipl6TunWord, w string) string {
	for _, r := range words {
		if w == r.word || r.prefix && matches(w, r.word) {
			return r.key
		}
	}
	return ""
}

// ipl6TunWants says what each shared option takes.
var ipl6TunWants = map[string]string{
	"hoplimit": "a hop limit (0-255 or inherit)", "tclass": "a traffic class (hex) or inherit",
	"flowlabel": "a flow label (hex) or inherit", "dscp": "inherit",
	"fwmark": "a mark or inherit", "encaplimit": "none or 0-255",
}

// set reads the shared option key (each caller matches its own
// spellings of the keyword t): hoplimit, tclass, flowlabel, dscp,
// fwmark, encaplimit, allow-localremote, noallow-localremote.
func (s *ipl6Tun) set(l *cmdLine, t token, key string) error {
	switch key {
	case "allow-localremote":
		s.flags |= ip6tAllowLocalRem
		return nil
	case "noallow-localremote":
		s.flags &^= ip6tAllowLocalRem
		return nil
	}
	v, err := l.value(t, ipl6TunWants[key])
	if err != nil {
		return err
	}
	switch key {
	case "hoplimit":
		s.hopLimit = 0
		if v.s != "inherit" {
			n, ok := iplCUint(v.s, 0, 8)
			if !ok {
				return l.errAt(v, "invalid hop limit %q", v.s)
			}
			s.hopLimit = uint8(n)
		}
	case "tclass":
		s.flowinfo &^= 0x0ff00000
		if v.s == "inherit" {
			s.flags |= ip6tOrigTclass
			return nil
		}
		n, ok := iplCUint(v.s, 16, 8)
		if !ok {
			return l.errAt(v, "invalid traffic class %q", v.s)
		}
		s.flowinfo |= uint32(n) << 20
		s.flags &^= ip6tOrigTclass
	case "flowlabel":
		s.flowinfo &^= 0x000fffff
		if v.s == "inherit" {
			s.flags |= ip6tOrigFlowlabel
			return nil
		}
		n, ok := iplCUint(v.s, 16, 32)
		if !ok || n > 0xfffff {
			return l.errAt(v, "invalid flow label %q", v.s)
		}
		s.flowinfo |= uint32(n)
		s.flags &^= ip6tOrigFlowlabel
	case "dscp":
		if v.s != "inherit" {
			return l.errAt(v, "dscp: want inherit, not %q", v.s)
		}
		s.flags |= ip6tRcvDSCPCopy
	case "fwmark":
		if v.s == "inherit" {
			s.flags |= ip6tOrigFwmark
			s.fwmark = 0
			return nil
		}
		n, ok := iplCUint(v.s, 0, 32)
		if !ok {
			return l.errAt(v, "invalid fwmark %q", v.s)
		}
		s.fwmark = uint32(n)
		s.flags &^= ip6tOrigFwmark
	case "encaplimit":
		if v.s == "none" {
			s.flags |= ip6tIgnEncapLimit
			return nil
		}
		// iproute2 never rejects a bad value here (it tests get_u8 < -1)
		// and sends whatever was on its stack; nlbatch refuses it.
		n, ok := iplCUint(v.s, 0, 8)
		if !ok {
			return l.errAt(v, "invalid encaplimit %q", v.s)
		}
		s.encapLimit = uint8(n)
		s.flags &^= ip6tIgnEncapLimit
	}
	return nil
}

// --- erspan options (erspan in link_gre.c, every kind in link_gre6.c)

// iplErspan holds the erspan options; ver starts at 1, as in iproute2.
type iplErspan struct {
	ver  uint8
	idx  uint32
	dir  uint8
	hwid uint16
}

var iplErspanWords = []string{"erspan", "erspan_ver", "erspan_dir", "erspan_hwid"}

// word reads one erspan option; false when t is none of them.
func (e *iplErspan) word(x *ipCtx, t token) (bool, error) {
	l := x.l
	switch t.s {
	case "erspan":
		n, v, err := x.iplNum(t, 0, 32)
		if err != nil {
			return true, err
		}
		if n == 0 || n>>20 != 0 {
			return true, l.errAt(v, "erspan index %q must be > 0 and fit in 20 bits", v.s)
		}
		e.idx = uint32(n)
	case "erspan_ver":
		n, v, err := x.iplNum(t, 0, 8)
		if err != nil {
			return true, err
		}
		if n > 2 {
			return true, l.errAt(v, "erspan version %q must be 0, 1 or 2", v.s)
		}
		e.ver = uint8(n)
	case "erspan_dir":
		v, err := l.value(t, "ingress or egress")
		if err != nil {
			return true, err
		}
		switch {
		case matches(v.s, "ingress"):
			e.dir = 0
		case matches(v.s, "egress"):
			e.dir = 1
		default:
			return true, l.unknown(v, "erspan direction", []string{"ingress", "egress"})
		}
	case "erspan_hwid":
		n, _, err := x.iplNum(t, 0, 16)
		if err != nil {
			return true, err
		}
		e.hwid = uint16(n)
	default:
		return false, nil
	}
	return true, nil
}

// write appends the version and what it uses: the index for version
// 1 (when set), the direction and hardware ID for version 2.
func (e *iplErspan) write(x *ipCtx) {
	b := x.c.b
	b.U8(greErspanVer, e.ver)
	switch {
	case e.ver == 1 && e.idx != 0:
		b.U32(greErspanIdx, e.idx)
	case e.ver == 2:
		b.U8(greErspanDir, e.dir)
		b.U16(greErspanHw, e.hwid)
	}
}

// iplTunAddr is get_addr for a tunnel endpoint of family (afUnspec:
// either): the address, or nil when it is unspecified (any, all,
// default or zeros), which the tunnel parsers leave out.
func (x *ipCtx) iplTunAddr(v token, family uint8) (ipPrefix, []byte, error) {
	p, err := x.l.prefixArg(v, family, false)
	if err != nil {
		return p, nil, err
	}
	if p.word != "" {
		return p, nil, nil
	}
	a := p.bytes()
	for _, c := range a {
		if c != 0 {
			return p, a, nil
		}
	}
	return p, nil, nil
}

// --- vti, vti6 (IFLA_VTI_*)

const (
	vtiLink   = 1
	vtiIKey   = 2
	vtiOKey   = 3
	vtiLocal  = 4
	vtiRemote = 5
	vtiFwmark = 6
)

var iplVtiWords = []string{"remote", "local", "key", "ikey", "okey", "dev", "fwmark"}

// iplVti is vti and vti6 (link_vti.c, link_vti6.c): the same options,
// with addresses of their family.
func iplVti(x *ipCtx, create bool, kind string) (iplNewLink, error) {
	l, b := x.l, x.c.b
	if !create {
		return iplNewLink{}, l.errAt(l.peek(), "options of a %s link: %w", kind, errIPLinkGetFirst)
	}
	family := uint8(afInet)
	if kind == "vti6" {
		family = afInet6
	}
	var (
		ikey, okey   uint32
		saddr, daddr []byte
		link         token
		hasLink      bool
		fwmark       uint32
	)
	for l.more() {
		t := l.next()
		w := t.s
		switch {
		case matches(w, "key"), matches(w, "ikey"), matches(w, "okey"):
			k, err := x.iplGreKey(t)
			if err != nil {
				return iplNewLink{}, err
			}
			switch {
			case matches(w, "key"):
				ikey, okey = k, k
			case matches(w, "ikey"):
				ikey = k
			default:
				okey = k
			}
		case matches(w, "remote"), matches(w, "local"):
			v, err := l.value(t, "an address")
			if err != nil {
				return iplNewLink{}, err
			}
			_, a, err := x.iplTunAddr(v, family)
			if err != nil {
				return iplNewLink{}, err
			}
			if w[0] == 'r' {
				daddr = a
			} else {
				saddr = a
			}
		case matches(w, "dev"):
			v, err := l.value(t, "a link name")
			if err != nil {
				return iplNewLink{}, err
			}
			link, hasLink = v, true
		case w == "fwmark":
			n, _, err := x.iplNum(t, 0, 32)
			if err != nil {
				return iplNewLink{}, err
			}
			fwmark = uint32(n)
		default:
			return iplNewLink{}, l.unknown(t, kind+" option", iplVtiWords)
		}
	}
	b.BE32(vtiIKey, ikey)
	b.BE32(vtiOKey, okey)
	if saddr != nil {
		b.Attr(vtiLocal, saddr)
	}
	if daddr != nil {
		b.Attr(vtiRemote, daddr)
	}
	b.U32(vtiFwmark, fwmark)
	if hasLink {
		if err := x.c.ifindexAttr(vtiLink, "dev", link.s, 0); err != nil {
			return iplNewLink{}, l.errAt(link, "%v", err)
		}
	}
	return iplNewLink{}, nil
}

// --- xfrm (IFLA_XFRM_*)

var iplXfrmWords = []string{"dev", "if_id", "external"}

// iplXfrm is link_xfrm.c: each if_id is written as it is read, the
// link and the external flag at the end.
func iplXfrm(x *ipCtx, create bool, kind string) (iplNewLink, error) {
	l, b := x.l, x.c.b
	var (
		link     token
		hasLink  bool
		hasID    bool
		metadata token
		external bool
	)
	for l.more() {
		t := l.next()
		w := t.s
		switch {
		case matches(w, "dev"):
			v, err := l.value(t, "a link name")
			if err != nil {
				return iplNewLink{}, err
			}
			link, hasLink = v, true
		case matches(w, "if_id"):
			n, v, err := x.iplNum(t, 0, 32)
			if err != nil {
				return iplNewLink{}, err
			}
			if n == 0 {
				return iplNewLink{}, l.errAt(v, "if_id must not be 0")
			}
			b.U32(2, uint32(n)) // IFLA_XFRM_IF_ID
			hasID = true
		case w == "external":
			metadata, external = t, true
		default:
			return iplNewLink{}, l.unknown(t, "xfrm option", iplXfrmWords)
		}
	}
	switch {
	case external && (hasLink || hasID):
		return iplNewLink{}, l.errAt(metadata, "xfrm: external excludes if_id and dev")
	case !external && !hasID:
		return iplNewLink{}, l.errAt(l.end(), "xfrm: if_id is required (or external)")
	}
	if hasLink {
		if err := x.c.ifindexAttr(1, "dev", link.s, 0); err != nil { // IFLA_XFRM_LINK
			return iplNewLink{}, l.errAt(link, "%v", err)
		}
	}
	if external {
		b.Flag(3) // IFLA_XFRM_COLLECT_METADATA
	}
	return iplNewLink{}, nil
}

// --- macsec (IFLA_MACSEC_*)

const (
	macsecSCI      = 1
	macsecPort     = 2
	macsecICVLen   = 3
	macsecCipher   = 4
	macsecWindow   = 5
	macsecEncSA    = 6
	macsecEncrypt  = 7
	macsecProtect  = 8
	macsecIncSCI   = 9
	macsecES       = 10
	macsecSCB      = 11
	macsecReplay   = 12
	macsecValidate = 13
	macsecOffload  = 15
)

// iplMacsecCiphers are the cipher names ipmacsec.c takes (in lower or
// upper case) and their suite IDs.
var iplMacsecCiphers = []struct {
	name string
	id   uint64
}{
	{"default", 0x0080020001000001},
	{"gcm-aes-128", 0x0080C20001000001},
	{"gcm-aes-256", 0x0080C20001000002},
	{"gcm-aes-xpn-128", 0x0080C20001000003},
	{"gcm-aes-xpn-256", 0x0080C20001000004},
}

var (
	iplMacsecWords = []string{
		"cipher", "icvlen", "encrypt", "send_sci", "end_station", "scb", "protect",
		"replay", "window", "validate", "encodingsa", "offload",
	}
	iplMacsecOnOff    = []string{"off", "on"}
	iplMacsecValidate = []string{"disabled", "check", "strict"}
	iplMacsecOffload  = []string{"off", "phy", "mac"}
)

// iplOneOf is iproute2's parse_one_of: the index of the first of names
// the value is a prefix of.
func (x *ipCtx) iplOneOf(t token, names []string) (uint8, error) {
	v, err := x.l.value(t, "one of "+strings.Join(names, ", "))
	if err != nil {
		return 0, err
	}
	for i, n := range names {
		if matches(v.s, n) {
			return uint8(i), nil
		}
	}
	return 0, x.l.errAt(v, "unknown %s value %q%s", t.s, v.s, iplWant(v.s, names))
}

// iplMacsec is ipmacsec.c's link options: the SCI (sci, or port with an
// optional address before it) first, the rest in any order.
func iplMacsec(x *ipCtx, create bool, kind string) (iplNewLink, error) {
	l, b := x.l, x.c.b
	if err := x.iplMacsecSCI(); err != nil {
		return iplNewLink{}, err
	}
	var (
		cipher       uint64
		icvLen       uint8
		es, scb, sci bool
		window       uint32 = 0xffffffff // iproute2's -1: not given
		replay              = -1
		encSA        uint8
		hasEncSA     bool
		lastFlag     token // the last of send_sci, end_station, scb
	)
	for l.more() {
		t := l.next()
		switch t.s {
		case "cipher":
			v, err := l.value(t, "a cipher suite")
			if err != nil {
				return iplNewLink{}, err
			}
			if cipher != 0 {
				return iplNewLink{}, l.errAt(v, "duplicate \"cipher\"")
			}
			names := make([]string, len(iplMacsecCiphers))
			for i, c := range iplMacsecCiphers {
				names[i] = c.name
				if v.s == c.name || c.name != "default" && v.s == strings.ToUpper(c.name) {
					cipher = c.id
				}
			}
			if cipher == 0 {
				return iplNewLink{}, l.unknown(v, "cipher", names)
			}
		case "icvlen":
			n, v, err := x.iplNum(t, 10, 8)
			if err != nil {
				return iplNewLink{}, err
			}
			if icvLen != 0 {
				return iplNewLink{}, l.errAt(v, "duplicate \"icvlen\"")
			}
			if n < 8 || n > 16 {
				return iplNewLink{}, l.errAt(v, "invalid icvlen %q: an ICV length is 8..16", v.s)
			}
			icvLen = uint8(n)
		case "encrypt", "send_sci", "end_station", "scb", "protect", "replay":
			on, err := x.iplOneOf(t, iplMacsecOnOff)
			if err != nil {
				return iplNewLink{}, err
			}
			switch t.s {
			case "encrypt":
				b.U8(macsecEncrypt, on)
			case "send_sci":
				sci, lastFlag = on == 1, t
				b.U8(macsecIncSCI, on)
			case "end_station":
				es, lastFlag = on == 1, t
				b.U8(macsecES, on)
			case "scb":
				scb, lastFlag = on == 1, t
				b.U8(macsecSCB, on)
			case "protect":
				b.U8(macsecProtect, on)
			case "replay":
				replay = int(on)
			}
		case "window":
			n, _, err := x.iplNum(t, 0, 32)
			if err != nil {
				return iplNewLink{}, err
			}
			window = uint32(n)
		case "validate":
			n, err := x.iplOneOf(t, iplMacsecValidate)
			if err != nil {
				return iplNewLink{}, err
			}
			b.U8(macsecValidate, n)
		case "encodingsa":
			if hasEncSA {
				return iplNewLink{}, l.errAt(t, "duplicate \"encodingsa\"")
			}
			n, v, err := x.iplNum(t, 0, 8)
			if err != nil {
				return iplNewLink{}, err
			}
			if n > 3 {
				return iplNewLink{}, l.errAt(v, "encodingsa %q: want an association number 0..3", v.s)
			}
			encSA, hasEncSA = uint8(n), true
		case "offload":
			n, err := x.iplOneOf(t, iplMacsecOffload)
			if err != nil {
				return iplNewLink{}, err
			}
			b.U8(macsecOffload, n)
		default:
			return iplNewLink{}, l.unknown(t, "macsec option", iplMacsecWords)
		}
	}
	if sci && (es || scb) || es && scb {
		return iplNewLink{}, l.errAt(lastFlag, "macsec: send_sci, end_station and scb exclude each other")
	}
	switch {
	case window != 0xffffffff && replay == -1:
		return iplNewLink{}, l.errAt(l.end(), "macsec: a replay window needs \"replay on\"")
	case window == 0xffffffff && replay == 1:
		return iplNewLink{}, l.errAt(l.end(), "macsec: \"replay on\" needs a window (window 0..4294966294)")
	}
	if cipher != 0 {
		b.U64(macsecCipher, cipher)
	}
	if icvLen != 0 {
		b.U8(macsecICVLen, icvLen)
	}
	if replay != -1 {
		b.U32(macsecWindow, window)
		b.U8(macsecReplay, uint8(replay))
	}
	if hasEncSA {
		b.U8(macsecEncSA, encSA)
	}
	return iplNewLink{}, nil
}

// iplMacsecSCI is get_sci_portaddr: sci, or port (1..65535) with an
// address before it, read until either is complete; an SCI when it
// has one, else the port (zero when only an address was given).
func (x *ipCtx) iplMacsecSCI() error {
	l := x.l
	var (
		sciv    uint64
		port    uint16
		addr    [6]byte
		s, p, a bool
	)
	for l.more() && !s && !p {
		t := l.peek()
		switch t.s {
		case "sci":
			l.next()
			if p || a {
				return l.errAt(t, "macsec: sci excludes address and port")
			}
			v, err := l.value(t, "an SCI (64-bit hex)")
			if err != nil {
				return err
			}
			n, ok := iplCUint(v.s, 16, 64)
			if !ok {
				return l.errAt(v, "invalid sci %q: want a 64-bit hex number", v.s)
			}
			sciv, s = n, true
		case "port":
			l.next()
			n, v, err := x.iplNum(t, 0, 16)
			if err != nil {
				return err
			}
			if n == 0 {
				return l.errAt(v, "macsec port must not be 0")
			}
			port, p = uint16(n), true
		case "address":
			l.next()
			v, err := l.value(t, "a link-layer address")
			if err != nil {
				return err
			}
			ll, err := l.lladdrArg(v)
			if err != nil {
				return err
			}
			if len(ll) > len(addr) {
				return l.errAt(v, "invalid address %q: want 6 bytes", v.s)
			}
			copy(addr[:], ll)
			a = true
		default:
			return x.iplMacsecWriteSCI(s, p, a, sciv, port, addr)
		}
	}
	return x.iplMacsecWriteSCI(s, p, a, sciv, port, addr)
}

func (x *ipCtx) iplMacsecWriteSCI(s, p, a bool, sciv uint64, port uint16, addr [6]byte) error {
	b := x.c.b
	if !s && !p && !a {
		return nil
	}
	var raw [8]byte
	switch {
	case p && a:
		copy(raw[:6], addr[:])
		binary.BigEndian.PutUint16(raw[6:], port)
	case s:
		binary.BigEndian.PutUint64(raw[:], sciv)
	}
	if raw != [8]byte{} {
		b.Attr(macsecSCI, raw[:])
	} else {
		b.BE16(macsecPort, port)
	}
	return nil
}

// --- batadv (IFLA_BATADV_*)

// iplBatadv is iplink_batadv.c: ra NAME, the routing algorithm, sent
// as given (the kernel checks it).
func iplBatadv(x *ipCtx, create bool, kind string) (iplNewLink, error) {
	l, b := x.l, x.c.b
	for l.more() {
		t := l.next()
		if !matches(t.s, "ra") {
			return iplNewLink{}, l.unknown(t, "batadv option", []string{"ra"})
		}
		v, err := l.value(t, "a routing algorithm (BATMAN_IV or BATMAN_V)")
		if err != nil {
			return iplNewLink{}, err
		}
		b.String(1, v.s) // IFLA_BATADV_ALGO_NAME
	}
	return iplNewLink{}, nil
}

// --- bareudp (IFLA_BAREUDP_*)

var iplBareudpWords = []string{"dstport", "ethertype", "srcportmin", "multiproto", "nomultiproto"}

// iplBareudp is iplink_bareudp.c: dstport and ethertype are required,
// and no option may be given twice.
func iplBareudp(x *ipCtx, create bool, kind string) (iplNewLink, error) {
	l, b := x.l, x.c.b
	var (
		seen               [5]bool // by attribute type
		dstport, ethertype uint16
		srcportmin         uint16
		multiproto         bool
	)
	once := func(t token, typ int) error {
		if seen[typ] {
			return l.errAt(t, "duplicate %q", t.s)
		}
		seen[typ] = true
		return nil
	}
	for l.more() {
		t := l.next()
		w := t.s
		switch {
		case matches(w, "dstport"), matches(w, "srcportmin"):
			v, err := l.value(t, "a UDP port")
			if err != nil {
				return iplNewLink{}, err
			}
			typ, what, dst := 1, "dstport", &dstport
			if !matches(w, "dstport") {
				typ, what, dst = 3, "srcportmin", &srcportmin
			}
			if err := once(t, typ); err != nil {
				return iplNewLink{}, err
			}
			n, ok := iplCUint(v.s, 0, 16)
			if !ok {
				return iplNewLink{}, l.errAt(v, "invalid %s %q", what, v.s)
			}
			*dst = uint16(n)
		case matches(w, "ethertype"):
			v, err := l.value(t, "an ethertype (a name or a number)")
			if err != nil {
				return iplNewLink{}, err
			}
			if err := once(t, 2); err != nil {
				return iplNewLink{}, err
			}
			p, err := l.tcEthProto(v, "ethertype")
			if err != nil {
				return iplNewLink{}, err
			}
			ethertype = p
		case matches(w, "multiproto"), matches(w, "nomultiproto"):
			if err := once(t, 4); err != nil {
				return iplNewLink{}, err
			}
			multiproto = matches(w, "multiproto")
		default:
			return iplNewLink{}, l.unknown(t, "bareudp option", iplBareudpWords)
		}
	}
	switch {
	case !seen[1]:
		return iplNewLink{}, l.errAt(l.end(), "bareudp: dstport is required")
	case !seen[2]:
		return iplNewLink{}, l.errAt(l.end(), "bareudp: ethertype is required")
	}
	b.BE16(1, dstport)   // IFLA_BAREUDP_PORT
	b.BE16(2, ethertype) // IFLA_BAREUDP_ETHERTYPE
	if seen[3] {
		b.U16(3, srcportmin) // IFLA_BAREUDP_SRCPORT_MIN
	}
	if multiproto {
		b.Flag(4) // IFLA_BAREUDP_MULTIPROTO_MODE
	}
	return iplNewLink{}, nil
}

// --- amt (IFLA_AMT_*)

var iplAmtWords = []string{"mode", "relay_port", "gateway_port", "max_tunnels", "dev", "local", "discovery"}

// iplAmt is iplink_amt.c: each option is written as it is read; local
// and discovery may be given once each, local in discovery's family
// when discovery came first.
func iplAmt(x *ipCtx, create bool, kind string) (iplNewLink, error) {
	l, b := x.l, x.c.b
	var (
		hasLocal, hasDisc bool
		discFamily        uint8 = afUnspec
	)
	for l.more() {
		t := l.next()
		switch t.s {
		case "mode":
			v, err := l.value(t, "gateway or relay")
			if err != nil {
				return iplNewLink{}, err
			}
			i, ok := iplIndex(v.s, []string{"gateway", "relay"})
			if !ok {
				return iplNewLink{}, l.unknown(v, "amt mode", []string{"gateway", "relay"})
			}
			b.U32(1, uint32(i)) // IFLA_AMT_MODE
		case "relay_port", "gateway_port":
			n, _, err := x.iplNum(t, 0, 16)
			if err != nil {
				return iplNewLink{}, err
			}
			typ := uint16(2) // IFLA_AMT_RELAY_PORT
			if t.s == "gateway_port" {
				typ = 3 // IFLA_AMT_GATEWAY_PORT
			}
			b.BE16(typ, uint16(n))
		case "max_tunnels":
			n, _, err := x.iplNum(t, 0, 32)
			if err != nil {
				return iplNewLink{}, err
			}
			b.U32(8, uint32(n)) // IFLA_AMT_MAX_TUNNELS
		case "dev":
			v, err := l.value(t, "a link name")
			if err != nil {
				return iplNewLink{}, err
			}
			if err := x.c.ifindexAttr(4, "dev", v.s, 0); err != nil { // IFLA_AMT_LINK
				return iplNewLink{}, l.errAt(v, "%v", err)
			}
		case "local", "discovery":
			v, err := l.value(t, "an IP address")
			if err != nil {
				return iplNewLink{}, err
			}
			seen, typ := &hasLocal, uint16(5) // IFLA_AMT_LOCAL_IP
			if t.s == "discovery" {
				seen, typ = &hasDisc, 7 // IFLA_AMT_DISCOVERY_IP
			}
			if *seen {
				return iplNewLink{}, l.errAt(t, "duplicate %q", t.s)
			}
			*seen = true
			p, err := l.prefixArg(v, discFamily, false)
			if err != nil {
				return iplNewLink{}, err
			}
			if t.s == "discovery" {
				discFamily = p.family
			}
			// iproute2 writes what get_addr left: no bytes for any and
			// all, zeros of the family's length for default; nothing for
			// these words when no family is known (not an inet address).
			switch {
			case p.word != "" && p.family == afUnspec:
			case p.word == "":
				b.Attr(typ, p.bytes())
			case p.word == "default":
				b.Attr(typ, make([]byte, map[uint8]int{afInet: 4, afInet6: 16}[p.family]))
			default:
				b.Attr(typ, nil)
			}
		default:
			return iplNewLink{}, l.unknown(t, "amt option", iplAmtWords)
		}
	}
	return iplNewLink{}, nil
}

// --- hsr (IFLA_HSR_*)

// iplHsrOpts are hsr's options in iplink_hsr.c's order (a prefix
// selects the first): a u8, or a link for the slaves, and their
// IFLA_HSR_* types.
var iplHsrOpts = []struct {
	word string
	typ  uint16
	link bool
}{
	{"supervision", 3, false}, // IFLA_HSR_MULTICAST_SPEC
	{"version", 6, false},     // IFLA_HSR_VERSION
	{"proto", 7, false},       // IFLA_HSR_PROTOCOL
	{"slave1", 1, true},       // IFLA_HSR_SLAVE1
	{"slave2", 2, true},       // IFLA_HSR_SLAVE2
}

// iplHsr is iplink_hsr.c (6.1: no interlink): each option is written as
// it is read. version and proto take any byte: iproute2 means to check
// for 0 or 1 but compares get_u8's return code.
func iplHsr(x *ipCtx, create bool, kind string) (iplNewLink, error) {
	l, b := x.l, x.c.b
	for l.more() {
		t := l.next()
		i := 0
		for i < len(iplHsrOpts) && !matches(t.s, iplHsrOpts[i].word) {
			i++
		}
		if i == len(iplHsrOpts) {
			known := make([]string, len(iplHsrOpts))
			for i, o := range iplHsrOpts {
				known[i] = o.word
			}
			return iplNewLink{}, l.unknown(t, "hsr option", known)
		}
		o := iplHsrOpts[i]
		if !o.link {
			n, _, err := x.iplNum(t, 0, 8)
			if err != nil {
				return iplNewLink{}, err
			}
			b.U8(o.typ, uint8(n))
			continue
		}
		v, err := l.value(t, "a link name")
		if err != nil {
			return iplNewLink{}, err
		}
		if err := x.c.ifindexAttr(o.typ, o.word, v.s, 0); err != nil {
			return iplNewLink{}, l.errAt(v, "%v", err)
		}
	}
	return iplNewLink{}, nil
}
