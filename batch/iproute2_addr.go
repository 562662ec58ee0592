package batch

import (
	"math"

	"github.com/nlbatch/nlbatch/codec"
)

// `ip address` (iproute2 6.1's ip/ipaddress.c ipaddr_modify, rewritten).

// ifaddrmsg attributes and flags (linux/if_addr.h).
const (
	iprIfaAddress    = 1
	iprIfaLocal      = 2
	iprIfaLabel      = 3
	iprIfaBroadcast  = 4
	iprIfaAnycast    = 5
	iprIfaCacheinfo  = 6
	iprIfaFlags      = 8
	iprIfaRtPriority = 9

	iprIfaFNodad         = 0x02
	iprIfaFOptimistic    = 0x04
	iprIfaFHomeaddress   = 0x10
	iprIfaFManagetmpaddr = 0x100
	iprIfaFNoprefixroute = 0x200
	iprIfaFMcautojoin    = 0x400
)

// iprAddrCmds is do_ipaddr's table (typ 0: not compiled).
var iprAddrCmds = []iprCmd{
	{"add", false, rtmNewaddr, iprCreate | iprExcl},
	{"change", false, rtmNewaddr, iprReplace}, {"chg", true, rtmNewaddr, iprReplace},
	{"replace", false, rtmNewaddr, iprCreate | iprReplace},
	{"delete", false, rtmDeladdr, 0},
	{"list", false, 0, 0}, {"show", false, 0, 0}, {"lst", false, 0, 0},
	{"flush", false, 0, 0}, {"save", false, 0, 0}, {"showdump", false, 0, 0},
	{"restore", false, 0, 0}, {"help", false, 0, 0},
}

// iprAddrFlagWords are the flag keywords; v6 marks those iproute2 sets
// only when the family is already IPv6 (else it warns and drops them).
var iprAddrFlagWords = []struct {
	word string
	flag uint32
	v6   bool
}{
	{"home", iprIfaFHomeaddress, true}, {"nodad", iprIfaFNodad, true},
	{"optimistic", iprIfaFOptimistic, true}, {"mngtmpaddr", iprIfaFManagetmpaddr, true},
	{"noprefixroute", iprIfaFNoprefixroute, false}, {"autojoin", iprIfaFMcautojoin, false},
}

// ipAddress compiles `ip address add|change|replace|delete`.
func ipAddress(x *ipCtx) error {
	if err := x.iprFamilyOK("ip address", false); err != nil {
		return err
	}
	cmd, err := x.iprSubcommand("address", iprAddrCmds)
	if err != nil {
		return err
	}
	l := x.l
	del := cmd.typ == rtmDeladdr
	b := x.c.begin(cmd.typ, iprReq|cmd.flags)
	b.Raw(make([]byte, 8))
	var (
		family           = x.family
		prefixLen, scope uint8
		scoped           bool
		dev              token
		hasDev           bool
		local, peer      iprAddr

		localLen, peerLen   uint16
		brdLen, anyLen      int
		validSeen, prefSeen bool
		valid, preferred    = uint32(math.MaxUint32), uint32(math.MaxUint32)
		flags               uint32
		peerSet             bool
	)
	for l.more() {
		t := l.next()
		w := t.s
		switch {
		case w == "peer" || w == "remote":
			v, err := l.value(t, "a peer address")
			if err != nil {
				return err
			}
			if peerLen != 0 {
				return l.errAt(v, "a second \"peer\"")
			}
			if peer, err = l.iprPrefixArg(v, family); err != nil {
				return err
			}
			peerSet = true
			peerLen = peer.n
			if family == afUnspec {
				family = peer.family
			}
			b.Attr(iprIfaAddress, peer.bytes())
			prefixLen = uint8(peer.bits)
		case iprMatch(w, "broadcast") || w == "brd":
			v, err := l.value(t, "a broadcast address, + or -")
			if err != nil {
				return err
			}
			if brdLen != 0 {
				return l.errAt(v, "a second \"broadcast\"")
			}
			switch v.s {
			case "+":
				brdLen = -1
			case "-":
				brdLen = -2
			default:
				a, err := l.iprAddrArg(v, family)
				if err != nil {
					return err
				}
				if family == afUnspec {
					family = a.family
				}
				b.Attr(iprIfaBroadcast, a.bytes())
				brdLen = int(a.n)
			}
		case w == "anycast":
			v, err := l.value(t, "an anycast address")
			if err != nil {
				return err
			}
			if anyLen != 0 {
				return l.errAt(v, "a second \"anycast\"")
			}
			a, err := l.iprAddrArg(v, family)
			if err != nil {
				return err
			}
			if family == afUnspec {
				family = a.family
			}
			b.Attr(iprIfaAnycast, a.bytes())
			anyLen = int(a.n)
		case w == "scope":
			v, err := l.value(t, "a scope (global, link, host or a number)")
			if err != nil {
				return err
			}
			if scope, err = x.iprScope(v); err != nil {
				return err
			}
			scoped = true
		case w == "dev":
			v, err := l.value(t, "an interface name")
			if err != nil {
				return err
			}
			dev, hasDev = v, true
		case w == "label":
			// iproute2 6.1 does not check the label against dev.
			v, err := l.value(t, "a label")
			if err != nil {
				return err
			}
			b.String(iprIfaLabel, v.s)
		case iprMatch(w, "metric") || iprMatch(w, "priority") || iprMatch(w, "preference"):
			v, err := l.value(t, "a number")
			if err != nil {
				return err
			}
			n, err := l.iprNum(v, "metric", math.MaxUint32)
			if err != nil {
				return err
			}
			b.U32(iprIfaRtPriority, uint32(n))
		case iprMatch(w, "valid_lft") || iprMatch(w, "preferred_lft"):
			isValid := iprMatch(w, "valid_lft")
			seen, into, name := &prefSeen, &preferred, "preferred_lft"
			if isValid {
				seen, into, name = &validSeen, &valid, "valid_lft"
			}
			if *seen {
				return l.errAt(t, "a second %q", name)
			}
			v, err := l.value(t, "a lifetime in seconds or forever")
			if err != nil {
				return err
			}
			*seen = true
			if v.s == "forever" {
				*into = math.MaxUint32
			} else {
				n, ok := cStrtoul(v.s, 0)
				if !ok || n > math.MaxUint32 {
					return l.errAt(v, "%s %q: want seconds (a number) or forever", name, v.s)
				}
				*into = uint32(n)
			}
		default:
			if f, ok := iprAddrFlag(w); ok {
				if !f.v6 || family == afInet6 {
					flags |= f.flag
				}
				continue
			}
			if w == "local" {
				v, err := l.value(t, "an address")
				if err != nil {
					return err
				}
				t = v
			}
			if iprMatch(t.s, "help") {
				return l.errAt(t, "%q: help is not an address", t.s)
			}
			if localLen != 0 {
				if !iprLooksLikeAddr(t.s) {
					return l.unknown(t, "ip address keyword", iprAddrKeywords)
				}
				return l.errAt(t, "%q: a second local address (or an unknown keyword)", t.s)
			}
			a, err := l.iprPrefixArg(t, family)
			if err != nil {
				if !iprLooksLikeAddr(t.s) {
					return l.unknown(t, "ip address keyword", iprAddrKeywords)
				}
				return err
			}
			local = a
			if family == afUnspec {
				family = a.family
			}
			b.Attr(iprIfaLocal, a.bytes())
			localLen = a.n
		}
	}
	if flags > 0xff {
		b.U32(iprIfaFlags, flags)
	}
	if !hasDev {
		return l.errAt(l.end(), "ip address: \"dev\" is required")
	}
	if flags&iprIfaFMcautojoin != 0 && !iprMulticast(&local) {
		return l.errAt(l.end(), "autojoin needs a multicast address")
	}
	if peerLen == 0 && localLen != 0 {
		if del && local.family == afInet && !local.hasLen {
			// iproute2's wildcard deletion: no IFA_ADDRESS.
		} else {
			peer, peerSet = local, true
			b.Attr(iprIfaAddress, local.bytes())
		}
	}
	if prefixLen == 0 {
		prefixLen = uint8(local.bits)
	}
	if brdLen < 0 && !del {
		if family != afInet {
			return l.errAt(l.end(), "a computed broadcast (+ or -) is for IPv4 addresses only")
		}
		if peerSet && peer.bits <= 30 {
			brd := peer.b
			for i := 31; i >= int(peer.bits); i-- {
				bit := byte(1) << (7 - i%8)
				if brdLen == -1 {
					brd[i/8] |= bit
				} else {
					brd[i/8] &^= bit
				}
			}
			b.Attr(iprIfaBroadcast, brd[:4])
		}
	}
	if !scoped && !del && local.family == afInet && local.n >= 1 && local.b[0] == 127 {
		scope = iprScopeHost
	}
	if validSeen || prefSeen {
		if valid == 0 {
			return l.errAt(l.end(), "valid_lft is zero")
		}
		if valid < preferred {
			return l.errAt(l.end(), "preferred_lft (%d) is greater than valid_lft (%d); a lifetime not given is forever", preferred, valid)
		}
		var ci [16]byte
		putNative32(ci[0:], preferred, x.c.opts.BigEndian)
		putNative32(ci[4:], valid, x.c.opts.BigEndian)
		b.Attr(iprIfaCacheinfo, ci[:])
	}
	if b.Err() == nil {
		h := b.Bytes()[codec.HeaderLen:]
		h[0], h[1], h[3] = family, prefixLen, scope
		if flags <= 0xff {
			h[2] = uint8(flags)
		}
	}
	if err := x.c.ifname(codec.HeaderLen+4, "dev", dev.s); err != nil {
		return l.errAt(dev, "%v", err)
	}
	return x.c.commit(l.source(), false)
}

func iprAddrFlag(w string) (struct {
	word string
	flag uint32
	v6   bool
}, bool) {
	for _, f := range iprAddrFlagWords {
		if f.word == w {
			return f, true
		}
	}
	return iprAddrFlagWords[0], false
}

// iprAddrKeywords are the words of ip address, for suggestions.
var iprAddrKeywords = []string{"dev", "peer", "remote", "broadcast", "brd", "label", "scope", "metric",
	"valid_lft", "preferred_lft", "home", "nodad", "optimistic", "mngtmpaddr", "noprefixroute",
	"autojoin", "anycast", "local"}

// iprMulticast reports a multicast address (for autojoin).
func iprMulticast(a *iprAddr) bool {
	switch a.family {
	case afInet:
		return a.n == 4 && a.b[0]&0xf0 == 0xe0
	case afInet6:
		return a.n == 16 && a.b[0] == 0xff
	}
	return false
}
