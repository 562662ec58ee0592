package replay

import (
	"encoding/binary"
	"errors"
	"fmt"
	"sort"
	"strings"

	"golang.org/x/sys/unix"

	"github.com/nlbatch/nlbatch/codec"
)

// objKind is a kind of kernel object the replayer dumps: to snapshot a
// target before an atomic replay, to compare it after, and to settle
// outcomes whose acknowledgements were lost.
type objKind uint8

const (
	kindLink objKind = iota
	kindVlan         // bridge port VLANs (RTM_GETVLAN: one message per port)
	kindAddr
	kindNexthop
	kindRoute
	kindRule
	kindNeigh
	kindQdisc
	kindClass
	kindFilter
	numKinds
)

// kinds in creation order: an object can depend on the ones before it.
var kindNames = [numKinds]string{"link", "bridge vlan", "addr", "nexthop", "route", "rule", "neigh", "qdisc", "class", "filter"}

func (k objKind) String() string { return kindNames[k] }

// kindOfType maps a rtnetlink message type to the kind of object it acts
// on (RTM_BASE 16, four types per object: NEW, DEL, GET, SET).
func kindOfType(t uint16) (objKind, bool) {
	switch t &^ 3 {
	case unix.RTM_NEWLINK:
		return kindLink, true
	case unix.RTM_NEWADDR:
		return kindAddr, true
	case unix.RTM_NEWROUTE:
		return kindRoute, true
	case unix.RTM_NEWNEIGH:
		return kindNeigh, true
	case unix.RTM_NEWRULE:
		return kindRule, true
	case unix.RTM_NEWQDISC:
		return kindQdisc, true
	case unix.RTM_NEWTCLASS:
		return kindClass, true
	case unix.RTM_NEWTFILTER:
		return kindFilter, true
	case unix.RTM_NEWNEXTHOP:
		return kindNexthop, true
	case unix.RTM_NEWVLAN:
		return kindVlan, true
	}
	return 0, false
}

// affected returns the kinds whose state messages of these types can
// change, side effects included: a link going down drops its routes,
// deleting an address drops the routes through it, deleting a nexthop
// drops its routes, deleting a qdisc drops its classes and filters.
func affected(types []uint16) [numKinds]bool {
	var direct, out [numKinds]bool
	for _, t := range types {
		if k, ok := kindOfType(t); ok {
			direct[k] = true
		}
	}
	mark := func(ks ...objKind) {
		for _, k := range ks {
			out[k] = true
		}
	}
	for k, on := range direct {
		if !on {
			continue
		}
		switch objKind(k) {
		case kindLink:
			// Bridge-family RTM_SETLINK and RTM_DELLINK carry VLANs.
			mark(kindLink, kindVlan, kindAddr, kindNexthop, kindRoute, kindRule, kindNeigh, kindQdisc, kindClass, kindFilter)
		case kindAddr:
			mark(kindAddr, kindRoute, kindNexthop)
		case kindNexthop:
			mark(kindNexthop, kindRoute)
		case kindQdisc, kindClass:
			mark(kindQdisc, kindClass, kindFilter)
		default:
			mark(objKind(k))
		}
	}
	return out
}

// object is one dumped kernel object.
type object struct {
	kind  objKind
	msg   []byte // the dumped message, copied
	key   string // canonical form: the message without volatile parts
	index uint32 // interface index, for links
	// bridge marks a bridge's own VLANs (kindVlan), set with
	// BRIDGE_FLAGS_SELF.
	bridge bool
}

// state is what a target holds of some kinds of object.
type state struct {
	have [numKinds]bool
	objs [numKinds][]object
}

// dumpState dumps the kinds asked for.
func dumpState(c *conn, kinds [numKinds]bool) (*state, error) {
	s := &state{have: kinds}
	dec := codec.NewDecoder()
	dec.Order = native
	ownAddrs := map[string]bool{} // the links' own addresses, once dumped
	bridges := map[uint32]bool{}  // the indexes of bridges, once dumped
	collect := func(k objKind, typ uint16, body []byte) error {
		return c.dump(typ, body, func(h codec.Header, m []byte) error {
			if h.Type&^3 != typ&^3 || h.Type&3 != 0 {
				return nil
			}
			if k == kindRoute && mirrorsAddress(m) {
				return nil
			}
			if k == kindQdisc && isLinkDefaultQdisc(m) {
				// A link's default qdisc (handle 0): the kernel
				// attaches and replaces it as the link comes up or
				// gets a qdisc of its own; nobody configures or
				// deletes it.
				return nil
			}
			if k == kindFilter && isChainHead(m) {
				return nil
			}
			if k == kindNeigh && derivedFDB(m, ownAddrs) {
				return nil
			}
			o := object{kind: k, msg: append([]byte(nil), m...)}
			if k == kindVlan && len(m) >= codec.HeaderLen+8 {
				o.bridge = bridges[native.Uint32(m[codec.HeaderLen+4:])]
			}
			if err := canonical(dec, &o); err != nil {
				return err
			}
			s.objs[k] = append(s.objs[k], o)
			return nil
		})
	}
	family := func(f byte, size int) []byte {
		b := make([]byte, size)
		b[0] = f
		return b
	}
	linkBody := append(make([]byte, 16), 8, 0, unix.IFLA_EXT_MASK, 0)
	linkBody = native.AppendUint32(linkBody, rtextFilterSkipStats)
	// Classes and filters are dumped per interface (and per parent),
	// so the links and qdiscs are needed to find them.
	needLinks := kinds[kindLink] || kinds[kindClass] || kinds[kindFilter] || kinds[kindNeigh] || kinds[kindVlan]
	needQdiscs := kinds[kindQdisc] || kinds[kindFilter]
	var links, qdiscs []object
	if needLinks {
		if err := collect(kindLink, unix.RTM_GETLINK, linkBody); err != nil {
			return nil, fmt.Errorf("dumping links: %w", err)
		}
		links = s.objs[kindLink]
		for _, l := range links {
			// Not the loopback's zeros: a VXLAN's default destination
			// entry is 00:00:00:00:00:00.
			if a := findAttr(l.msg[codec.HeaderLen+16:], unix.IFLA_ADDRESS); len(a) > 4 && !allZero(a[4:]) {
				ownAddrs[string(a[4:])] = true
			}
			if li := findAttr(l.msg[codec.HeaderLen+16:], unix.IFLA_LINKINFO); len(li) > 4 {
				if k, _ := attrString(li[4:], unix.IFLA_INFO_KIND); k == "bridge" {
					bridges[l.index] = true
				}
			}
		}
	}
	steps := []struct {
		k    objKind
		typ  uint16
		body []byte
	}{
		{kindAddr, unix.RTM_GETADDR, family(unix.AF_UNSPEC, 8)},
		{kindNexthop, unix.RTM_GETNEXTHOP, family(unix.AF_UNSPEC, 8)},
		{kindRoute, unix.RTM_GETROUTE, family(unix.AF_UNSPEC, 12)},
		{kindRule, unix.RTM_GETRULE, family(unix.AF_UNSPEC, 12)},
		{kindNeigh, unix.RTM_GETNEIGH, family(unix.AF_UNSPEC, 12)},
		// An AF_UNSPEC neighbour dump is the IP families'; bridge and
		// VXLAN forwarding entries come with AF_BRIDGE.
		{kindNeigh, unix.RTM_GETNEIGH, family(unix.AF_BRIDGE, 12)},
		{kindVlan, unix.RTM_GETVLAN, family(unix.AF_BRIDGE, 8)},
	}
	for _, st := range steps {
		if !kinds[st.k] {
			continue
		}
		if err := collect(st.k, st.typ, st.body); err != nil {
			if (st.k == kindNexthop || st.k == kindVlan) && isErrno(err, unix.EOPNOTSUPP, unix.EINVAL) {
				continue // a kernel without nexthop objects, or without the VLAN database
			}
			return nil, fmt.Errorf("dumping %ss: %w", st.k, err)
		}
	}
	if needQdiscs {
		if err := collect(kindQdisc, unix.RTM_GETQDISC, make([]byte, 20)); err != nil {
			return nil, fmt.Errorf("dumping qdiscs: %w", err)
		}
		qdiscs = s.objs[kindQdisc]
	}
	tcm := func(ifindex int32, parent uint32) []byte {
		b := make([]byte, 20)
		native.PutUint32(b[4:], uint32(ifindex))
		native.PutUint32(b[12:], parent)
		return b
	}
	if kinds[kindClass] || kinds[kindFilter] {
		for _, l := range links {
			if err := collect(kindClass, unix.RTM_GETTCLASS, tcm(int32(l.index), 0)); err != nil && !isErrno(err, unix.ENODEV) {
				return nil, fmt.Errorf("dumping classes of interface %d: %w", l.index, err)
			}
		}
	}
	if kinds[kindFilter] {
		// Filters hang off qdiscs (parent = handle), off classes (parent
		// = class handle), and off the ingress and egress points of
		// ingress and clsact qdiscs.
		type point struct {
			ifindex int32
			parent  uint32
		}
		var points []point
		for _, q := range qdiscs {
			ifi, handle := int32(native.Uint32(q.msg[20:])), native.Uint32(q.msg[24:])
			if handle == 0 {
				continue
			}
			if handle == 0xffff0000 {
				// An ingress qdisc has one block, which every minor
				// names; clsact has two, at ffff:fff2 (ingress) and
				// ffff:fff3 (egress), and no other.
				if tcKind(&q) == "clsact" {
					points = append(points, point{ifi, 0xfffffff2}, point{ifi, 0xfffffff3})
				} else {
					points = append(points, point{ifi, 0xfffffff1})
				}
				continue
			}
			points = append(points, point{ifi, handle})
		}
		for _, cl := range s.objs[kindClass] {
			points = append(points, point{int32(native.Uint32(cl.msg[20:])), native.Uint32(cl.msg[24:])})
		}
		for _, p := range points {
			err := collect(kindFilter, unix.RTM_GETTFILTER, tcm(p.ifindex, p.parent))
			if err != nil && !isErrno(err, unix.EINVAL, unix.ENOENT, unix.ENODEV, unix.EOPNOTSUPP) {
				return nil, fmt.Errorf("dumping filters of interface %d parent %x: %w", p.ifindex, p.parent, err)
			}
		}
	}
	if !kinds[kindLink] {
		s.objs[kindLink] = nil
	}
	if !kinds[kindQdisc] {
		s.objs[kindQdisc] = nil
	}
	if !kinds[kindClass] {
		s.objs[kindClass] = nil
	}
	for k := range s.objs {
		sort.Slice(s.objs[k], func(i, j int) bool { return s.objs[k][i].key < s.objs[k][j].key })
	}
	return s, nil
}

// derivedFDB reports whether a dumped neighbour is a forwarding entry
// the kernel keeps for a device's own addresses: the local entries of a
// bridge and its ports (their MAC addresses, per VLAN), and the "self
// permanent" entries of a device's unicast and multicast address lists
// (33:33:00:00:00:01 for IPv6...). They come and go with the devices and
// their addresses; nobody configures them.
func derivedFDB(m []byte, own map[string]bool) bool {
	const fixed = codec.HeaderLen + 12
	if len(m) < fixed || m[codec.HeaderLen] != unix.AF_BRIDGE {
		return false
	}
	ll := findAttr(m[fixed:], unix.NDA_LLADDR)
	if len(ll) < 5 {
		return false
	}
	mac := ll[4:]
	return mac[0]&1 != 0 || own[string(mac)]
}

// isChainHead reports whether a dumped filter is the header the kernel
// prints before the filters of one priority and protocol (handle 0, no
// options): it exists while they do, and no request makes it.
func isChainHead(m []byte) bool {
	fixed := codec.HeaderLen + 20
	return len(m) >= fixed && native.Uint32(m[codec.HeaderLen+8:]) == 0 && findAttr(m[fixed:], unix.TCA_OPTIONS) == nil
}

// mirrorsAddress reports whether a dumped route is the local or anycast
// route the kernel keeps for an IPv6 address. It appears only once the
// address has passed duplicate address detection, a second or so after
// the address (or its link) comes up, so two dumps of one configuration
// differ in it; the address itself is compared, tentative or not.
func mirrorsAddress(m []byte) bool {
	if len(m) < codec.HeaderLen+12 {
		return false
	}
	r := m[codec.HeaderLen:]
	return r[0] == unix.AF_INET6 && r[5] == unix.RTPROT_KERNEL && (r[7] == unix.RTN_LOCAL || r[7] == unix.RTN_ANYCAST)
}

// isErrno reports whether err is one of the errnos.
func isErrno(err error, errnos ...unix.Errno) bool {
	for _, e := range errnos {
		if errors.Is(err, e) {
			return true
		}
	}
	return false
}

// volatileAttrs are attributes whose values change on their own
// (counters, timers, carrier and DAD state) or only describe others:
// two dumps of an unchanged target may differ in them.
var volatileAttrs = map[string]bool{
	"IFLA_STATS": true, "IFLA_STATS64": true, "IFLA_CARRIER_CHANGES": true,
	"IFLA_CARRIER_UP_COUNT": true, "IFLA_CARRIER_DOWN_COUNT": true,
	"IFLA_OPERSTATE": true, "IFLA_CARRIER": true, "IFLA_EVENT": true,
	"IFLA_INET6_FLAGS": true, "IFLA_INFO_XSTATS": true,
	"IFLA_BR_FDB_N_LEARNED": true, "IFLA_BR_MCAST_QUERIER_STATE": true,
	"IFLA_BRPORT_MCAST_N_GROUPS": true, "IFLA_INET6_RA_MTU": true,
	"RTA_EXPIRES": true, "NDA_PROBES": true, "TCA_U32_PCNT": true,
	// The address a device had when it registered: a tunnel's follows
	// its local address, a macvlan's or an ipvlan's its lower device's,
	// and a device made again gets it anew.
	"IFLA_PERM_ADDRESS":      true,
	"TCA_FLOWER_IN_HW_COUNT": true, "TCA_ACT_IN_HW_COUNT": true,
	// Derived from other devices, not configured: a bridge's id and
	// root id follow its ports' addresses (and keep a departed port's),
	// a bridge's or a VLAN's offload limits follow its lower devices.
	"IFLA_BR_BRIDGE_ID": true, "IFLA_BR_ROOT_ID": true,
	"IFLA_TSO_MAX_SIZE": true, "IFLA_TSO_MAX_SEGS": true,
	"IFLA_GSO_MAX_SIZE": true, "IFLA_GSO_MAX_SEGS": true,
	"IFLA_GRO_MAX_SIZE": true, "IFLA_GSO_IPV4_MAX_SIZE": true, "IFLA_GRO_IPV4_MAX_SIZE": true,
	// The name of the root qdisc: the qdiscs are compared themselves.
	"IFLA_QDISC": true,
	// Packet counters among tc options.
	"TCA_CTINFO_STATS_DSCP_SET": true, "TCA_CTINFO_STATS_DSCP_ERROR": true, "TCA_CTINFO_STATS_CPMARK_SET": true,
	"TCA_GRED_VQ_STAT_BYTES": true, "TCA_GRED_VQ_STAT_PACKETS": true, "TCA_GRED_VQ_STAT_BACKLOG": true,
	"TCA_GRED_VQ_STAT_PROB_DROP": true, "TCA_GRED_VQ_STAT_PROB_MARK": true, "TCA_GRED_VQ_STAT_FORCED_DROP": true,
	"TCA_GRED_VQ_STAT_FORCED_MARK": true, "TCA_GRED_VQ_STAT_PDROP": true, "TCA_GRED_VQ_STAT_OTHER": true,
	// Configuration despite its suffix: the hardware statistics an
	// action asks for (TCA_ACT_USED_HW_STATS, which the driver used, is
	// volatile).
	"TCA_ACT_HW_STATS": false,
}

// volatileFields are fields of fixed structs that count rather than
// configure.
var volatileFields = map[string]bool{
	"direct_pkts": true, // htb's packets sent past its classes
	// An action's references and binds: how many filters hold it,
	// which are compared themselves (and a deleted filter lets go of
	// its actions only after an RCU grace period).
	"refcnt": true, "bindcnt": true,
	// sfq's RED counters, dumped in its options (tc_sfqred_stats).
	"prob_drop": true, "forced_drop": true, "prob_mark": true, "forced_mark": true,
	"prob_mark_head": true, "forced_mark_head": true,
}

// volatileSuffixes catch the counters and timers of every family.
var volatileSuffixes = []string{"_STATS", "_STATS64", "_XSTATS", "_STATS2", "_CACHEINFO", "_TIMER", "_TM", "_PCNT", "_ICMP6STATS"}

func volatile(name string) bool {
	if v, ok := volatileAttrs[name]; ok {
		return v
	}
	for _, s := range volatileSuffixes {
		if strings.HasSuffix(name, s) {
			return true
		}
	}
	return false
}

// volatileBits are header and attribute bits that follow carrier, DAD or
// hardware state rather than configuration.
var volatileBits = map[string]uint64{
	"ifi_flags":  unix.IFF_RUNNING | unix.IFF_LOWER_UP | unix.IFF_DORMANT,
	"ifi_change": 0xffffffff,
	"ifa_flags":  unix.IFA_F_TENTATIVE | unix.IFA_F_OPTIMISTIC | unix.IFA_F_DADFAILED | unix.IFA_F_DEPRECATED,
	"IFA_FLAGS":  unix.IFA_F_TENTATIVE | unix.IFA_F_OPTIMISTIC | unix.IFA_F_DADFAILED | unix.IFA_F_DEPRECATED,
	"rtm_flags":  unix.RTNH_F_DEAD | unix.RTNH_F_LINKDOWN | unix.RTNH_F_OFFLOAD | unix.RTNH_F_TRAP | 0x80, /* RTM_F_OFFLOAD_FAILED... */
	"rtnh_flags": unix.RTNH_F_DEAD | unix.RTNH_F_LINKDOWN | unix.RTNH_F_OFFLOAD | unix.RTNH_F_TRAP,
	"nh_flags":   unix.RTNH_F_DEAD | unix.RTNH_F_LINKDOWN | unix.RTNH_F_OFFLOAD | unix.RTNH_F_TRAP,
}

// nudStatic are the neighbour states that configuration sets and time
// does not change.
const nudStatic = unix.NUD_PERMANENT | unix.NUD_NOARP

// canonical fills o.key (and o.index): the decoded message with the
// nlmsghdr, volatile attributes and volatile bits left out, as a string
// two dumps of the same configuration agree on.
func canonical(dec *codec.Decoder, o *object) error {
	return dec.DecodeFrame(codec.ProtoRoute, o.msg, func(m *codec.Msg) error {
		var b []byte
		b = append(b, byte(o.kind))
		for i := range m.Nodes {
			n := &m.Nodes[i]
			if n.Kind == codec.NodeStruct && n.Name == "nlmsghdr" {
				continue
			}
			b = appendCanon(b, n, o.kind)
		}
		if o.kind == kindLink && len(o.msg) >= 24 {
			o.index = native.Uint32(o.msg[20:])
		}
		o.key = string(b)
		return nil
	})
}

// appendCanon appends a node's canonical bytes: its number and either
// its children's canonical bytes or its masked data.
func appendCanon(b []byte, n *codec.Node, k objKind) []byte {
	if (n.Kind == codec.NodeAttr && volatile(n.Name)) || (n.Kind == codec.NodeField && volatileFields[n.Name]) {
		return b
	}
	switch {
	case k == kindQdisc && n.Name == "tcm_info":
		return b // the qdisc's reference count
	case k == kindNeigh && n.Name == "ndm_state":
		if v, ok := n.Uint(); ok && v&nudStatic == 0 {
			return b // reachable, stale, delay...: changes with traffic
		}
	}
	b = binary.LittleEndian.AppendUint16(b, n.Num)
	b = append(b, byte(n.Kind))
	if len(n.Children) > 0 {
		b = append(b, '{')
		for i := range n.Children {
			b = appendCanon(b, &n.Children[i], k)
		}
		return append(b, '}')
	}
	data := n.Data
	if mask, ok := volatileBits[n.Name]; ok {
		if v, ok := n.Uint(); ok {
			v &^= mask
			data = binary.LittleEndian.AppendUint64(nil, v)
		}
	}
	b = binary.LittleEndian.AppendUint32(b, uint32(len(data)))
	return append(b, data...)
}

// describe is a one-line text form of a dumped object for reports.
func describe(o *object, names map[uint32]string) string {
	m, err := codec.Decode(codec.ProtoRoute, native, o.msg)
	if err != nil {
		return fmt.Sprintf("%s (%d bytes)", o.kind, len(o.msg))
	}
	m.Links = names
	return strings.TrimSpace(string(codec.AppendSummary(nil, m)))
}

// linkNames maps interface indexes to names from a state's links.
func (s *state) linkNames() map[uint32]string {
	out := map[uint32]string{}
	for _, l := range s.objs[kindLink] {
		if n, ok := attrString(l.msg[32:], unix.IFLA_IFNAME); ok {
			out[l.index] = n
		}
	}
	return out
}

// delta is how a target's state differs from a snapshot, per kind:
// objects to remove (present, not in the snapshot) and objects to put
// back (in the snapshot, not present). Links are matched by interface
// index: one present with other attributes is changed.
type delta struct {
	extra, missing [numKinds][]*object
	changed        []linkChange
}

type linkChange struct{ was, now *object }

func (d *delta) empty() bool {
	if len(d.changed) > 0 {
		return false
	}
	for k := range d.extra {
		if len(d.extra[k]) > 0 || len(d.missing[k]) > 0 {
			return false
		}
	}
	return true
}

// diff compares the kinds snap holds.
func diff(snap, now *state) *delta {
	d := &delta{}
	for k := objKind(0); k < numKinds; k++ {
		if !snap.have[k] {
			continue
		}
		if k == kindLink {
			was := map[uint32]*object{}
			for i := range snap.objs[k] {
				was[snap.objs[k][i].index] = &snap.objs[k][i]
			}
			seen := map[uint32]bool{}
			for i := range now.objs[k] {
				o := &now.objs[k][i]
				seen[o.index] = true
				w, ok := was[o.index]
				switch {
				case !ok:
					d.extra[k] = append(d.extra[k], o)
				case w.key != o.key:
					d.changed = append(d.changed, linkChange{w, o})
				}
			}
			for i := range snap.objs[k] {
				if !seen[snap.objs[k][i].index] {
					d.missing[k] = append(d.missing[k], &snap.objs[k][i])
				}
			}
			continue
		}
		// Both sides are sorted by key: a merge finds the differences
		// of the two multisets.
		a, b := snap.objs[k], now.objs[k]
		i, j := 0, 0
		for i < len(a) || j < len(b) {
			switch {
			case j == len(b) || (i < len(a) && a[i].key < b[j].key):
				d.missing[k] = append(d.missing[k], &a[i])
				i++
			case i == len(a) || b[j].key < a[i].key:
				d.extra[k] = append(d.extra[k], &b[j])
				j++
			default:
				i++
				j++
			}
		}
	}
	return d
}

// lines lists the differences for people, one per object.
func (d *delta) lines(snapNames, nowNames map[uint32]string) []string {
	var out []string
	for _, c := range d.changed {
		out = append(out, fmt.Sprintf("link %s changed: %s", nowNames[c.now.index], strings.Join(changedPaths(c.was, c.now), ", ")))
	}
	for k := objKind(0); k < numKinds; k++ {
		// A missing and an extra object with one identity are one
		// object that changed: say what changed.
		extra := map[string]*object{}
		for _, o := range d.extra[k] {
			extra[identKey(k, o)] = o
		}
		paired := map[*object]bool{}
		for _, o := range d.missing[k] {
			if x := extra[identKey(k, o)]; x != nil && !paired[x] && (identity[k] != nil || k == kindVlan) {
				paired[x] = true
				out = append(out, fmt.Sprintf("%s changed: %s: %s", k, describe(o, snapNames), strings.Join(changedPaths(o, x), ", ")))
				continue
			}
			out = append(out, fmt.Sprintf("%s missing: %s", k, describe(o, snapNames)))
		}
		for _, o := range d.extra[k] {
			if !paired[o] {
				out = append(out, fmt.Sprintf("%s extra: %s", k, describe(o, nowNames)))
			}
		}
	}
	return out
}

// identKey is an object's identity (settle's identity fields) as a map
// key.
func identKey(k objKind, o *object) string {
	if k == kindVlan && len(o.msg) >= codec.HeaderLen+8 {
		return fmt.Sprint("port ", native.Uint32(o.msg[codec.HeaderLen+4:]))
	}
	id := identOf(k, o.msg, false)
	names := make([]string, 0, len(id))
	for n := range id {
		names = append(names, n)
	}
	sort.Strings(names)
	var b strings.Builder
	for _, n := range names {
		fmt.Fprintf(&b, "%s=%x;", n, id[n])
	}
	return b.String()
}

// changedPaths names the fields and attributes that differ between two
// dumps of one object ("ifi_flags", "IFLA_LINKINFO.IFLA_INFO_DATA.IFLA_BR_...").
func changedPaths(was, now *object) []string {
	a, b := leaves(was), leaves(now)
	var out []string
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			out = append(out, k)
		}
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}

// leaves maps the path of every non-volatile leaf of a dumped object to
// its canonical bytes.
func leaves(o *object) map[string]string {
	out := map[string]string{}
	m, err := codec.Decode(codec.ProtoRoute, native, o.msg)
	if err != nil {
		return out
	}
	var walk func(prefix string, nodes []codec.Node)
	walk = func(prefix string, nodes []codec.Node) {
		for i := range nodes {
			n := &nodes[i]
			if n.Name == "nlmsghdr" || (n.Kind == codec.NodeAttr && volatile(n.Name)) || (n.Kind == codec.NodeField && volatileFields[n.Name]) {
				continue
			}
			name := n.Name
			if name == "" {
				name = fmt.Sprint(n.Num)
			}
			if n.Kind == codec.NodeStruct && prefix == "" {
				name = "" // the fixed header's fields go by their own names
			}
			path := name
			if prefix != "" {
				path = prefix + "." + name
			} else if name == "" {
				path = ""
			}
			if len(n.Children) > 0 {
				walk(path, n.Children)
				continue
			}
			c := appendCanon(nil, n, o.kind)
			if len(c) > 0 {
				out[path] = string(c)
			}
		}
	}
	walk("", m.Nodes)
	return out
}
