package batch

import (
	"errors"
	"fmt"
	"strings"

	"github.com/nlbatch/nlbatch/codec"
	"github.com/nlbatch/nlbatch/nlb"
)

// `ip link add|set|change|replace|delete`, as iproute2 6.1 builds them:
// one RTM_NEWLINK or RTM_DELLINK whose generic attributes come in the
// order the words were written, then IFLA_NEW_IFINDEX, IFLA_LINK and
// IFLA_IFNAME, then IFLA_LINKINFO with the kind's options
// (iproute2_link_kinds.go).

// IFLA_* attribute numbers of rtnetlink links (linux/if_link.h).
const (
	iplAddress       = 1
	iplBroadcast     = 2
	iplIfname        = 3
	iplMTU           = 4
	iplLink          = 5
	iplMaster        = 10
	iplTxqlen        = 13
	iplOperstate     = 16
	iplLinkmode      = 17
	iplLinkinfo      = 18
	iplNetNSPid      = 19
	iplIfalias       = 20
	iplAFSpec        = 26
	iplGroup         = 27
	iplXDP           = 43
	iplNumTxQueues   = 31
	iplNumRxQueues   = 32
	iplCarrier       = 33
	iplLinkNetnsid   = 37
	iplProtoDown     = 39
	iplGSOMaxSegs    = 40
	iplGSOMaxSize    = 41
	iplNewIfindex    = 49
	iplProtoDownWhy  = 55
	iplParentDevName = 56
	iplGROMaxSize    = 58

	iplInfoKind      = 1
	iplInfoData      = 2
	iplInfoSlaveData = 5

	iplInet6AddrGenMode = 8 // IFLA_INET6_ADDR_GEN_MODE in IFLA_AF_SPEC/AF_INET6

	iplNested = 0x8000 // NLA_F_NESTED

	iplRTMNewlink = 16
	iplRTMDellink = 17
)

// Interface flags ip link sets in ifi_flags/ifi_change.
const (
	iplIffUp         = 0x1
	iplIffNoTrailers = 0x20
	iplIffNoARP      = 0x80
	iplIffPromisc    = 0x100
	iplIffAllMulti   = 0x200
	iplIffMulticast  = 0x1000
	iplIffDynamic    = 0x8000
)

// iplVerb is a subcommand of ip link that sends a request.
type iplVerb struct {
	name  string
	typ   uint16
	flags uint16
}

// iplVerbs in iproute2's order (do_iplink): a prefix selects the first.
var iplVerbs = []iplVerb{
	{"add", iplRTMNewlink, codec.FlagCreate | codec.FlagExcl},
	{"set", iplRTMNewlink, 0},
	{"change", iplRTMNewlink, 0},
	{"replace", iplRTMNewlink, codec.FlagCreate | codec.FlagReplace},
	{"delete", iplRTMDellink, 0},
}

// iplOtherVerbs are ip link's subcommands that send no request nlbatch
// compiles.
var iplOtherVerbs = []string{"show", "lst", "list", "xstats", "afstats", "property", "help"}

// iplReq is what the generic part of one link (or a veth peer) holds
// while its words are read.
type iplReq struct {
	create  bool // NLM_F_CREATE: the link is created
	hdr     int  // offset of the ifinfomsg in the message
	flags   uint32
	change  uint32
	index   int64
	name    token
	dev     token
	link    token
	hasName bool
	hasDev  bool
	hasLink bool
	hasIdx  bool
	group   bool
	netns   bool
	kind    token
	hasKind bool
	seen    uint32     // duplicate checks, iplSeen* bits
	ifname  string     // the IFLA_IFNAME written, if any
	peer    iplNewLink // a veth peer
}

// iplNewLink is where a link a request creates is numbered, and its
// name.
type iplNewLink struct {
	hdr    int // offset of its ifinfomsg
	index  int64
	ifname string
}

const (
	iplSeenQlen = 1 << iota
	iplSeenMTU
	iplSeenNetns
	iplSeenTxq
	iplSeenRxq
	iplSeenNetnsid
	iplSeenGroup
)

// ipLink compiles one `ip link` command.
func ipLink(x *ipCtx) error {
	l := x.l
	w := l.next()
	if w.s == "" {
		return l.errAt(w, "ip link: missing command (add, set, change, replace, delete): `ip link show` sends nothing nlbatch compiles")
	}
	var verb *iplVerb
	for i := range iplVerbs {
		if matches(w.s, iplVerbs[i].name) {
			verb = &iplVerbs[i]
			break
		}
	}
	if verb == nil {
		for _, o := range iplOtherVerbs {
			if matches(w.s, o) {
				return l.errAt(w, "ip link %s: %w (it compiles add, set, change, replace and delete)", o, errNotCompiled)
			}
		}
		known := []string{"add", "set", "change", "replace", "delete"}
		return l.unknown(w, "ip link command", known)
	}
	b := x.c.begin(verb.typ, codec.FlagRequest|codec.FlagAck|verb.flags)
	r := iplReq{create: verb.flags&codec.FlagCreate != 0, hdr: b.Offset()}
	var hdr [16]byte
	hdr[0] = x.family
	b.Raw(hdr[:])
	if err := x.iplParse(&r, false); err != nil {
		return err
	}
	if err := x.iplFinish(&r); err != nil {
		return err
	}
	if r.hasKind {
		if err := x.iplKind(&r); err != nil {
			return err
		}
	} else if r.create && !r.group {
		return l.errAt(l.end(), "ip link %s: a type is required (type dummy, veth, bridge, ...)", verb.name)
	}
	if verb.typ != iplRTMNewlink || !r.create {
		return x.c.commit(l.source(), false)
	}
	return x.iplCommitNew(&r)
}

// iplCommitNew commits an RTM_NEWLINK that creates links: the link and
// a veth peer that are named and not numbered by the request get a
// RelocNewIfindex, as Compiler.newInterfaces finds them by decoding the
// message; ip link knows where they are, which spares the decoding.
func (x *ipCtx) iplCommitNew(r *iplReq) error {
	c, l := x.c, x.l
	news := [2]iplNewLink{{r.hdr, r.index, r.ifname}, r.peer}
	var syms [2]string
	for i, n := range news {
		if n.index != 0 || n.ifname == "" || nlb.CheckSymbol(n.ifname) != nil {
			continue
		}
		if j, ok := c.created[n.ifname]; ok {
			return &Error{Source: l.source(), Err: fmt.Errorf("interface %q is created twice in one batch (also by message %d); split the batch where it is deleted and created again", n.ifname, j+1)}
		}
		if i == 1 && syms[0] == n.ifname {
			return &Error{Source: l.source(), Err: fmt.Errorf("interface %q is created twice by this request", n.ifname)}
		}
		syms[i] = n.ifname
		c.pending = append(c.pending, nlb.Reloc{Offset: uint32(n.hdr + 4), Width: 4, Kind: nlb.RelocNewIfindex, Symbol: n.ifname})
	}
	msg := c.nb.Len()
	if err := c.commit(l.source(), false); err != nil {
		return err
	}
	for _, s := range syms {
		if s == "" {
			continue
		}
		if c.created == nil {
			c.created = map[string]int{}
		}
		c.created[s] = msg
	}
	return nil
}

// iplPatchHeader writes the flags, change mask and index of the
// ifinfomsg at r.hdr.
func (x *ipCtx) iplPatchHeader(r *iplReq, index uint32) {
	buf := x.c.b.Bytes()
	o := byteOrder(x.c.opts.BigEndian)
	h := buf[r.hdr : r.hdr+16]
	o.PutUint32(h[4:], index)
	o.PutUint32(h[8:], r.flags)
	o.PutUint32(h[12:], r.change)
}

// iplParse reads the generic options of a link up to `type KIND` (or
// the end), writing their attributes as it goes; peer marks a veth
// peer's options, which end the command.
func (x *ipCtx) iplParse(r *iplReq, peer bool) error {
	l := x.l
	b := x.c.b
	for l.more() {
		t := l.next()
		w := t.s
		switch {
		case w == "up":
			r.change |= iplIffUp
			r.flags |= iplIffUp
		case w == "down":
			r.change |= iplIffUp
			r.flags &^= iplIffUp
		case w == "name":
			v, err := l.value(t, "a link name")
			if err != nil {
				return err
			}
			if r.hasName {
				return l.errAt(v, "duplicate \"name\": %q is the second value", v.s)
			}
			if err := iplCheckIfname(l, v, 16); err != nil {
				return err
			}
			r.name, r.hasName = v, true
			if !r.hasDev {
				r.dev, r.hasDev = v, true
			}
		case w == "index":
			v, err := l.value(t, "an interface index")
			if err != nil {
				return err
			}
			if r.hasIdx {
				return l.errAt(v, "duplicate \"index\": %q is the second value", v.s)
			}
			n := iplAtoi(v.s)
			if n <= 0 {
				return l.errAt(v, "index %q: want a number above 0", v.s)
			}
			r.index, r.hasIdx = n, true
		case matches(w, "link"):
			v, err := l.value(t, "the lower link's name")
			if err != nil {
				return err
			}
			r.link, r.hasLink = v, true
		case matches(w, "address"):
			v, err := l.value(t, "a link-layer address")
			if err != nil {
				return err
			}
			if err := x.iplLLAddr(iplAddress, v); err != nil {
				return err
			}
		case matches(w, "broadcast") || w == "brd":
			v, err := l.value(t, "a link-layer address")
			if err != nil {
				return err
			}
			if err := x.iplLLAddr(iplBroadcast, v); err != nil {
				return err
			}
		case matches(w, "txqueuelen") || w == "qlen" || matches(w, "txqlen"):
			if err := x.iplInt32Once(r, t, iplSeenQlen, "txqueuelen", iplTxqlen); err != nil {
				return err
			}
		case w == "mtu":
			if err := x.iplInt32Once(r, t, iplSeenMTU, "mtu", iplMTU); err != nil {
				return err
			}
		case w == "xdpgeneric" || w == "xdpdrv" || w == "xdpoffload" || w == "xdp":
			v, err := l.value(t, "off (loading a program is not compiled)")
			if err != nil {
				return err
			}
			if v.s != "off" {
				return l.errAt(v, "%s %q: loading a BPF program from a file or a pinned path: %w (only \"%s off\" is)", w, v.s, errNotCompiled, w)
			}
			// IFLA_XDP: IFLA_XDP_FD -1 and IFLA_XDP_FLAGS, with
			// XDP_FLAGS_UPDATE_IF_NOEXIST (no -force) and the mode.
			flags := uint32(1)
			switch w {
			case "xdpgeneric":
				flags |= 2
			case "xdpdrv":
				flags |= 4
			case "xdpoffload":
				flags |= 8
			}
			b.BeginNest(iplXDP)
			b.U32(1, 0xffffffff)
			b.U32(3, flags)
			b.EndNest()
		case w == "netns":
			v, err := l.value(t, "a process id (a namespace name needs its file descriptor)")
			if err != nil {
				return err
			}
			if r.seen&iplSeenNetns != 0 {
				return l.errAt(v, "duplicate \"netns\": %q is the second value", v.s)
			}
			r.seen |= iplSeenNetns
			pid, ok := iplCInt(v.s, 0, 32)
			if !ok {
				return l.errAt(v, "netns %q: nlbatch takes a process id; a named namespace is a file descriptor that only exists when iproute2 runs", v.s)
			}
			b.U32(iplNetNSPid, uint32(pid))
			r.netns = true
		case w == "multicast":
			if err := x.iplFlag(r, t, iplIffMulticast, false); err != nil {
				return err
			}
		case w == "allmulticast":
			if err := x.iplFlag(r, t, iplIffAllMulti, false); err != nil {
				return err
			}
		case w == "promisc":
			if err := x.iplFlag(r, t, iplIffPromisc, false); err != nil {
				return err
			}
		case w == "trailers":
			if err := x.iplFlag(r, t, iplIffNoTrailers, true); err != nil {
				return err
			}
		case w == "arp":
			if err := x.iplFlag(r, t, iplIffNoARP, true); err != nil {
				return err
			}
		case w == "carrier":
			on, err := x.iplOnOff(t)
			if err != nil {
				return err
			}
			b.U8(iplCarrier, iplBool(on))
		case w == "vf":
			return l.errAt(t, "\"vf\": %w (its rates depend on the device's current settings)", errNotCompiled)
		case matches(w, "master"):
			v, err := l.value(t, "the master link's name")
			if err != nil {
				return err
			}
			if err := x.c.ifindexAttr(iplMaster, "master", v.s, 0); err != nil {
				return l.errAt(v, "%v", err)
			}
		case w == "vrf":
			v, err := l.value(t, "a VRF link's name")
			if err != nil {
				return err
			}
			if err := x.c.ifindexAttr(iplMaster, "vrf", v.s, 0); err != nil {
				return l.errAt(v, "%v", err)
			}
		case matches(w, "nomaster"):
			b.U32(iplMaster, 0)
		case matches(w, "dynamic"):
			if err := x.iplFlag(r, t, iplIffDynamic, false); err != nil {
				return err
			}
		case matches(w, "type"):
			v, err := l.value(t, "a link type (dummy, veth, bridge, vlan, vxlan, ...)")
			if err != nil {
				return err
			}
			if peer {
				return l.errAt(v, "duplicate \"type\": %q is the second value", v.s)
			}
			r.kind, r.hasKind = v, true
			return nil
		case matches(w, "alias"):
			v, err := l.value(t, "an alias")
			if err != nil {
				return err
			}
			if len(v.s) >= 256 {
				return l.errAt(v, "alias %q is too long (at most 255 bytes)", v.s)
			}
			b.Attr(iplIfalias, []byte(v.s))
		case w == "group":
			v, err := l.value(t, "a link group (a number or a name of /etc/iproute2/group)")
			if err != nil {
				return err
			}
			if r.seen&iplSeenGroup != 0 {
				return l.errAt(v, "duplicate \"group\": %q is the second value", v.s)
			}
			r.seen |= iplSeenGroup
			g, err := l.lookupName(v, "group", x.names.Groups, 0xffffffff)
			if err != nil {
				return err
			}
			b.U32(iplGroup, g)
			r.group = true
		case w == "mode":
			v, err := l.value(t, "a link mode (default, dormant)")
			if err != nil {
				return err
			}
			m, ok := iplFold(v.s, iplLinkModes)
			if !ok {
				return l.unknown(v, "link mode", iplLinkModes)
			}
			b.U8(iplLinkmode, uint8(m))
		case w == "state":
			v, err := l.value(t, "an operational state (up, down, dormant, ...)")
			if err != nil {
				return err
			}
			m, ok := iplFold(v.s, iplOperStates)
			if !ok {
				return l.unknown(v, "operational state", iplOperStates)
			}
			b.U8(iplOperstate, uint8(m))
		case matches(w, "numtxqueues"):
			if err := x.iplInt32Once(r, t, iplSeenTxq, "numtxqueues", iplNumTxQueues); err != nil {
				return err
			}
		case matches(w, "numrxqueues"):
			if err := x.iplInt32Once(r, t, iplSeenRxq, "numrxqueues", iplNumRxQueues); err != nil {
				return err
			}
		case matches(w, "addrgenmode"):
			v, err := l.value(t, "an address generation mode (eui64, none, stable_secret, random)")
			if err != nil {
				return err
			}
			m, ok := iplFold(v.s, iplAddrGenModes)
			if !ok {
				return l.unknown(v, "address generation mode", iplAddrGenModes)
			}
			b.BeginNest(iplAFSpec)
			b.BeginNest(afInet6)
			b.U8(iplInet6AddrGenMode, uint8(m))
			b.EndNest()
			b.EndNest()
		case matches(w, "link-netns"):
			return l.errAt(t, "\"link-netns\" names a namespace by its file descriptor: %w (use link-netnsid)", errNotCompiled)
		case matches(w, "link-netnsid"):
			if err := x.iplInt32Once(r, t, iplSeenNetnsid, "link-netnsid", iplLinkNetnsid); err != nil {
				return err
			}
		case w == "protodown":
			on, err := x.iplOnOff(t)
			if err != nil {
				return err
			}
			b.U8(iplProtoDown, iplBool(on))
		case w == "protodown_reason":
			v, err := l.value(t, "a protodown reason (0-31)")
			if err != nil {
				return err
			}
			n, ok := iplCUint(v.s, 0, 32)
			if !ok || n > 31 {
				return l.errAt(v, "protodown_reason %q: want a reason number 0-31", v.s)
			}
			o, err := l.value(v, "on or off")
			if err != nil {
				return err
			}
			var on bool
			switch {
			case matches(o.s, "on"):
				on = true
			case matches(o.s, "off"):
			default:
				return l.errAt(o, "protodown_reason: want on or off, not %q", o.s)
			}
			mask := uint32(1) << n
			b.BeginNest(iplProtoDownWhy | iplNested)
			b.U32(1, mask)
			if on {
				b.U32(2, mask)
			} else {
				b.U32(2, 0)
			}
			b.EndNest()
		case w == "gso_max_size" || w == "gso_max_segs" || w == "gro_max_size":
			v, err := l.value(t, "a number")
			if err != nil {
				return err
			}
			n, ok := iplCUint(v.s, 0, 32)
			if !ok {
				return l.errAt(v, "%s %q: want a number", w, v.s)
			}
			typ := uint16(iplGSOMaxSize)
			if w == "gso_max_segs" {
				typ = iplGSOMaxSegs
			} else if w == "gro_max_size" {
				typ = iplGROMaxSize
			}
			b.U32(typ, uint32(n))
		case w == "parentdev":
			v, err := l.value(t, "a parent device name")
			if err != nil {
				return err
			}
			b.String(iplParentDevName, v.s)
		default:
			if matches(w, "help") {
				return l.errAt(t, "\"help\" prints usage and sends nothing")
			}
			v := t
			if w == "dev" {
				var err error
				if v, err = l.value(t, "a link name"); err != nil {
					return err
				}
			}
			if r.hasDev && !(r.hasName && r.dev == r.name) {
				return l.unknown(v, "ip link option (or a second device name)", iplGenericKeywords)
			}
			if err := iplCheckIfname(l, v, 128); err != nil {
				return err
			}
			r.dev, r.hasDev = v, true
		}
	}
	return nil
}

// iplFinish checks what the generic options left and writes the header
// and the trailing attributes: IFLA_NEW_IFINDEX, IFLA_LINK, IFLA_IFNAME.
func (x *ipCtx) iplFinish(r *iplReq) error {
	l := x.l
	b := x.c.b
	// "name" and "dev" name the same link unless both are given.
	name, dev := r.name, r.dev
	hasName, hasDev := r.hasName, r.hasDev
	switch {
	case !hasName:
		name, hasName = dev, hasDev
	case !hasDev:
		dev, hasDev = name, true
	}
	same := hasName && hasDev && name.s == dev.s
	if r.hasIdx && !r.create && !r.netns {
		return l.errAt(l.end(), "index can be used only when creating links or when moving a link to another netns")
	}
	if r.group && !hasDev {
		if r.hasKind && l.more() {
			return l.errAt(l.peek(), "unexpected %q: a command on a link group takes no type options", l.peek().s)
		}
		if r.create {
			return l.errAt(l.end(), "group cannot be used when creating links")
		}
		r.hasKind = false
		x.iplPatchHeader(r, 0)
		return nil
	}
	if !r.create {
		if !hasDev {
			return l.errAt(l.end(), "not enough information: a link name (dev NAME) is required")
		}
		if err := x.c.ifname(r.hdr+4, "dev", dev.s); err != nil {
			return l.errAt(dev, "%v", err)
		}
		x.iplPatchHeader(r, 0)
		if same {
			hasName = false
		}
		if r.hasIdx {
			b.U32(iplNewIfindex, uint32(r.index))
		}
	} else {
		if hasName && !same {
			return l.errAt(name, "both \"name\" and \"dev\" cannot be used when creating links")
		}
		if r.hasLink {
			if err := x.c.ifindexAttr(iplLink, "link", r.link.s, 0); err != nil {
				return l.errAt(r.link, "%v", err)
			}
		}
		x.iplPatchHeader(r, uint32(r.index))
	}
	if hasName {
		b.String(iplIfname, name.s)
		r.ifname = name.s
	}
	return nil
}

// iplGenericKeywords are the generic options, for suggestions.
var iplGenericKeywords = []string{
	"up", "down", "name", "index", "link", "address", "broadcast", "txqueuelen",
	"mtu", "netns", "multicast", "allmulticast", "promisc", "trailers", "arp",
	"carrier", "master", "vrf", "nomaster", "dynamic", "type", "alias", "group",
	"mode", "state", "numtxqueues", "numrxqueues", "addrgenmode", "link-netnsid",
	"protodown", "protodown_reason", "gso_max_size", "gso_max_segs",
	"gro_max_size", "parentdev", "dev",
}

var (
	iplLinkModes    = []string{"default", "dormant"}
	iplOperStates   = []string{"unknown", "notpresent", "down", "lowerlayerdown", "testing", "dormant", "up"}
	iplAddrGenModes = []string{"eui64", "none", "stable_secret", "random"}
)

// iplFold finds s in names ignoring case, as iproute2's strcasecmp.
func iplFold(s string, names []string) (int, bool) {
	for i, n := range names {
		if strings.EqualFold(s, n) {
			return i, true
		}
	}
	return 0, false
}

// iplCheckIfname refuses what iproute2's check_ifname refuses: an empty
// name, one of max bytes or more, or one with '/', ':' or blanks.
func iplCheckIfname(l *cmdLine, t token, max int) error {
	if t.s == "" || len(t.s) >= max {
		return l.errAt(t, "%q is not a valid link name (1 to %d bytes)", t.s, max-1)
	}
	if strings.ContainsAny(t.s, "/: \t\n\r\v\f") {
		return l.errAt(t, "%q is not a valid link name (no '/', ':' or blanks)", t.s)
	}
	return nil
}

// iplFlag reads on/off for an interface flag; inverted flags (NOARP,
// NOTRAILERS) are set by off.
func (x *ipCtx) iplFlag(r *iplReq, t token, flag uint32, inverted bool) error {
	on, err := x.iplOnOff(t)
	if err != nil {
		return err
	}
	r.change |= flag
	if on != inverted {
		r.flags |= flag
	} else {
		r.flags &^= flag
	}
	return nil
}

// iplOnOff takes the on/off value after keyword t.
func (x *ipCtx) iplOnOff(t token) (bool, error) {
	v, err := x.l.value(t, "on or off")
	if err != nil {
		return false, err
	}
	return x.l.onOff(v, t.s)
}

func iplBool(b bool) uint8 {
	if b {
		return 1
	}
	return 0
}

// iplInt32Once reads a signed 32-bit number (get_integer) given once,
// into a u32 attribute.
func (x *ipCtx) iplInt32Once(r *iplReq, t token, bit uint32, what string, typ uint16) error {
	l := x.l
	v, err := l.value(t, "a number")
	if err != nil {
		return err
	}
	if r.seen&bit != 0 {
		return l.errAt(v, "duplicate %q: %q is the second value", what, v.s)
	}
	r.seen |= bit
	n, ok := iplCInt(v.s, 0, 32)
	if !ok {
		return l.errAt(v, "%s %q: want a number", what, v.s)
	}
	x.c.b.U32(typ, uint32(n))
	return nil
}

// iplLLAddr writes a link-layer address attribute.
func (x *ipCtx) iplLLAddr(typ uint16, v token) error {
	a, err := x.l.lladdrArg(v)
	if err != nil {
		return err
	}
	x.c.b.Attr(typ, a)
	return nil
}

// iplCUint parses an unsigned number as C's strtoul (iproute2's get_u8,
// get_u16, get_u32, get_u64): base 0 takes 0x hex and 0 octal; the
// value must fit bits bits.
func iplCUint(s string, base, bits int) (uint64, bool) {
	v, ok := cStrtoul(s, base)
	if !ok || bits < 64 && v>>uint(bits) != 0 {
		return 0, false
	}
	return v, true
}

// iplCInt parses a signed number as C's strtol (iproute2's
// get_integer, get_s32).
func iplCInt(s string, base, bits int) (int64, bool) {
	neg := strings.HasPrefix(s, "-")
	if neg {
		s = s[1:]
		if strings.HasPrefix(s, "+") {
			return 0, false
		}
	}
	u, ok := iplCUint(s, base, 64)
	if !ok {
		return 0, false
	}
	lim := uint64(1) << uint(bits-1)
	if neg {
		if u > lim {
			return 0, false
		}
		return -int64(u), true
	}
	if u >= lim {
		return 0, false
	}
	return int64(u), true
}

// iplAtoi is C's atoi: the leading decimal digits, 0 when none.
func iplAtoi(s string) int64 {
	neg := false
	if s != "" && (s[0] == '-' || s[0] == '+') {
		neg = s[0] == '-'
		s = s[1:]
	}
	var v int64
	for i := 0; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
		v = v*10 + int64(s[i]-'0')
		if v > 1<<31 {
			break
		}
	}
	if neg {
		return -v
	}
	return v
}

var errIPLinkGetFirst = errors.New("iproute2 reads the tunnel's current settings from the kernel first; nlbatch compiles its options only when the link is created (add, replace)")
