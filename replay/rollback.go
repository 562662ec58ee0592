package replay

import (
	"bytes"
	"fmt"
	"sort"
	"syscall"

	"golang.org/x/sys/unix"

	"github.com/nlbatch/nlbatch/codec"
)

// snapshot is the target's state before an atomic replay.
type snapshot struct {
	state *state
}

// takeSnapshot dumps every kind of object messages of these types can
// change, directly or as a side effect.
func takeSnapshot(c *conn, types []uint16) (*snapshot, error) {
	s, err := dumpState(c, affected(types))
	if err != nil {
		return nil, err
	}
	return &snapshot{state: s}, nil
}

// Rollback is what an atomic replay did to undo a failed batch.
type Rollback struct {
	// Restored is true when a final dump found the target equal to the
	// snapshot taken before the replay (counters, timers and carrier
	// state aside).
	Restored bool
	// Rounds is the number of dump-compare-repair rounds.
	Rounds int
	// Sent is the number of messages sent to undo the batch.
	Sent int
	// Refused lists the undo messages the kernel refused, with its
	// error.
	Refused []string
	// Unrestored lists, one line per object, what still differs from
	// the snapshot: what could not be put back (a deleted physical
	// device, for one).
	Unrestored []string
}

// maxRounds bounds the repair rounds: each round repairs what the last
// dump shows, including side effects of the previous round (a link set
// down again drops routes that then need adding back).
const maxRounds = 4

// rollback puts the target back to the snapshot. It works from state,
// not from the batch: the target is dumped, compared with the snapshot,
// and every difference is undone (objects the batch added are deleted,
// objects it removed or replaced are added back from the snapshot, links
// it changed are set back), kinds in dependency order; then dumped
// again, until nothing differs. Side effects the batch's messages do
// not name (routes dropped with a link or an address) are restored the
// same way.
func (r *replayer) rollback() *Rollback {
	rb := &Rollback{}
	snap := r.snap.state
	for rb.Rounds < maxRounds {
		now, err := dumpState(r.c, snap.have)
		if err != nil {
			rb.Refused = append(rb.Refused, fmt.Sprintf("dumping the target: %v", err))
			break
		}
		d := diff(snap, now)
		if d.empty() {
			rb.Restored = true
			settleTC(r.c, snap, now)
			break
		}
		rb.Rounds++
		ops, notes := repairs(d, snap, now)
		for _, n := range notes {
			rb.Refused = appendOnce(rb.Refused, n)
		}
		if len(ops) == 0 {
			break // what differs cannot be repaired: another round would see the same
		}
		errs, err := r.exec(ops)
		rb.Sent += len(ops)
		if err != nil {
			rb.Refused = append(rb.Refused, fmt.Sprintf("sending undo messages: %v", err))
			break
		}
		for i, e := range errs {
			if e.errno == 0 || ops[i].tolerate(e) {
				continue
			}
			rb.Refused = appendOnce(rb.Refused, fmt.Sprintf("%s: %s%s", ops[i].what, errText(e), attrNote(ops[i].msg, e)))
		}
	}
	if !rb.Restored {
		now, err := dumpState(r.c, snap.have)
		if err == nil {
			d := diff(snap, now)
			rb.Restored = d.empty()
			rb.Unrestored = d.lines(snap.linkNames(), now.linkNames())
		}
	}
	if rb.Restored {
		for i, o := range r.report.Outcomes {
			if o == Applied || o == Unknown {
				r.report.Outcomes[i] = RolledBack
			}
		}
	}
	return rb
}

func appendOnce(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

// errText is "EEXIST: text" for an acknowledgement.
func errText(a ack) string {
	e := syscall.Errno(-a.errno)
	if a.msg != "" {
		return fmt.Sprintf("%s: %s", errnoName(e), a.msg)
	}
	return fmt.Sprintf("%s (%v)", errnoName(e), e)
}

// attrNote names the attribute of an undo message the kernel pointed
// at, or the one it missed, as failures of the batch's own messages do.
func attrNote(req []byte, a ack) string {
	attr, missing := nameAttrs(req, a)
	switch {
	case attr != "":
		return " (at " + attr + ")"
	case missing != "":
		return " (missing " + missing + ")"
	}
	return ""
}

// op is one repair message.
type op struct {
	msg  []byte
	what string // for reports
	// ok lists errnos that mean "already as wanted": deleting what a
	// cascade already removed, adding what a restored address already
	// brought back.
	ok []syscall.Errno
}

func (o *op) tolerate(a ack) bool {
	for _, e := range o.ok {
		if syscall.Errno(-a.errno) == e {
			return true
		}
	}
	return false
}

var (
	delOK = []syscall.Errno{unix.ENOENT, unix.ESRCH, unix.ENODEV, unix.EADDRNOTAVAIL, unix.ENXIO}
	addOK = []syscall.Errno{unix.EEXIST}
)

// fixedLen is the size of each kind's fixed header after the nlmsghdr.
var fixedLen = [numKinds]int{kindLink: 16, kindVlan: 8, kindAddr: 8, kindNexthop: 8, kindRoute: 12, kindRule: 12, kindNeigh: 12, kindQdisc: 20, kindClass: 20, kindFilter: 20}

// reuse rebuilds a dumped message as a request: type, flags, and only
// the top-level attributes keep allows (nil keeps every one that is
// not volatile).
func reuse(o *object, typ, flags uint16, keep func(name string) bool) []byte {
	fixed := codec.HeaderLen + fixedLen[o.kind]
	out := append([]byte(nil), o.msg[:fixed]...)
	native.PutUint16(out[4:], typ)
	native.PutUint16(out[6:], flags|codec.FlagRequest|codec.FlagAck)
	native.PutUint32(out[12:], 0)
	set := attrSetOf(o)
	for b := o.msg[fixed:]; len(b) >= 4; {
		l := int(native.Uint16(b))
		if l < 4 || l > len(b) {
			break
		}
		num := native.Uint16(b[2:]) & 0x3fff
		name := ""
		if a := set.Lookup(num); a != nil {
			name = a.Name
		}
		if !volatile(name) && (keep == nil || keep(name)) {
			out = append(out, b[:l]...)
			for len(out)%4 != 0 {
				out = append(out, 0)
			}
		}
		b = b[min(codec.Align(l), len(b)):]
	}
	native.PutUint32(out, uint32(len(out)))
	return out
}

// attrSetOf returns the schema's attribute set of a dumped object.
func attrSetOf(o *object) *codec.AttrSet {
	h, _ := codec.ParseHeader(o.msg, native)
	if def := codec.LookupProtocol(codec.ProtoRoute).Lookup(h.Type); def != nil {
		return def.Attrs
	}
	return nil
}

// repairs turns a delta into undo messages, in the order they must go:
// removals from the leaves up (filters before qdiscs, routes before
// addresses, links last: deleting a link takes everything on it along),
// then links set back or recreated, then additions from the roots down.
func repairs(d *delta, snap, now *state) (ops []op, notes []string) {
	snapNames, nowNames := snap.linkNames(), now.linkNames()
	notes = append(notes, tcUnrestorable(d, snapNames)...)
	for k := numKinds - 1; ; k-- {
		for _, o := range d.extra[k] {
			if x, ok := removal(o, nowNames); ok {
				ops = append(ops, x)
			}
		}
		if k == 0 {
			break
		}
	}
	// Links: recreate the missing ones, then set back what changed
	// (names, masters, up/down last).
	for _, o := range d.missing[kindLink] {
		x, err := recreateLink(o, snap, snapNames)
		if err != nil {
			notes = append(notes, err.Error())
			continue
		}
		ops = append(ops, x)
	}
	for _, c := range d.changed {
		ops = append(ops, restoreLink(c.was, c.now, snapNames)...)
	}
	for _, o := range d.missing[kindLink] {
		if x, ok := linkState(o, snapNames); ok {
			ops = append(ops, x)
		}
	}
	ops = append(ops, tcRecreateParents(d, snap, now, snapNames)...)
	for k := kindLink + 1; k < numKinds; k++ {
		missing := d.missing[k]
		if k == kindNexthop {
			// Groups after the nexthops they hold.
			sort.SliceStable(missing, func(i, j int) bool { return !isGroup(missing[i]) && isGroup(missing[j]) })
		}
		for _, o := range missing {
			if x, ok := addition(o, snapNames); ok {
				ops = append(ops, x)
			}
		}
	}
	return ops, notes
}

func isGroup(o *object) bool {
	return hasAttr(o.msg[codec.HeaderLen+fixedLen[kindNexthop]:], unix.NHA_GROUP)
}

func hasAttr(b []byte, typ uint16) bool {
	for len(b) >= 4 {
		l := int(native.Uint16(b))
		if l < 4 || l > len(b) {
			return false
		}
		if native.Uint16(b[2:])&0x3fff == typ {
			return true
		}
		b = b[min(codec.Align(l), len(b)):]
	}
	return false
}

// tcHandle is the tcmsg handle of a tc object.
func tcHandle(o *object) uint32 { return native.Uint32(o.msg[codec.HeaderLen+8:]) }

// removal is the message that deletes an object the snapshot lacks.
func removal(o *object, names map[uint32]string) (op, bool) {
	what := "undo: delete " + describe(o, names)
	typ := native.Uint16(o.msg[4:]) + 1 // RTM_NEWx -> RTM_DELx
	switch o.kind {
	case kindLink:
		msg := append([]byte(nil), o.msg[:codec.HeaderLen+16]...)
		native.PutUint16(msg[4:], unix.RTM_DELLINK)
		native.PutUint16(msg[6:], codec.FlagRequest|codec.FlagAck)
		native.PutUint32(msg, uint32(len(msg)))
		return op{msg: msg, what: what, ok: delOK}, true
	case kindQdisc:
		if tcHandle(o) == 0 {
			return op{}, false // a default qdisc: the kernel manages it
		}
		return op{msg: reuse(o, typ, 0, keepNames("TCA_KIND")), what: what, ok: delOK}, true
	case kindClass:
		return op{msg: reuse(o, typ, 0, keepNames("TCA_KIND")), what: what, ok: delOK}, true
	case kindFilter:
		return op{msg: tcDelRequest(o, reuse(o, typ, 0, keepNames("TCA_KIND", "TCA_CHAIN"))), what: what, ok: delOK}, true
	case kindNexthop:
		// A delete carries the id only, under an empty header.
		msg := reuse(o, typ, 0, keepNames("NHA_ID"))
		clear(msg[codec.HeaderLen+1 : codec.HeaderLen+8])
		return op{msg: msg, what: what, ok: delOK}, true
	case kindRoute:
		return op{msg: routeRequest(o, typ, 0), what: what, ok: delOK}, true
	case kindVlan:
		msg := vlanRequest(o, unix.RTM_DELLINK, o.bridge)
		return op{msg: msg, what: what, ok: delOK}, msg != nil
	}
	return op{msg: reuse(o, typ, 0, nil), what: what, ok: delOK}, true
}

// routeRequest rebuilds a dumped route as a request: without the state
// bits the kernel refuses in requests (dead, linkdown, offload), and,
// for a route through a nexthop object, without the nexthop details the
// dump adds (a request gives the id or the details, not both).
func routeRequest(o *object, typ, flags uint16) []byte {
	var keep func(string) bool
	if hasAttr(o.msg[codec.HeaderLen+fixedLen[kindRoute]:], rtaNHID) {
		keep = func(n string) bool {
			switch n {
			case "RTA_GATEWAY", "RTA_OIF", "RTA_MULTIPATH", "RTA_VIA", "RTA_ENCAP", "RTA_ENCAP_TYPE", "RTA_FLOW", "RTA_NEWDST":
				return false
			}
			return true
		}
	}
	msg := reuse(o, typ, flags, keep)
	f := msg[codec.HeaderLen+8:]
	native.PutUint32(f, native.Uint32(f)&^uint32(volatileBits["rtm_flags"]))
	return msg
}

// findAttr returns attribute typ among the attributes b (header
// included, aliasing b), or nil.
func findAttr(b []byte, typ uint16) []byte {
	for len(b) >= 4 {
		l := int(native.Uint16(b))
		if l < 4 || l > len(b) {
			return nil
		}
		if native.Uint16(b[2:])&0x3fff == typ {
			return b[:l]
		}
		b = b[min(codec.Align(l), len(b)):]
	}
	return nil
}

func keepNames(names ...string) func(string) bool {
	return func(n string) bool {
		for _, k := range names {
			if n == k {
				return true
			}
		}
		return false
	}
}

// addition is the message that puts back an object the snapshot had.
func addition(o *object, names map[uint32]string) (op, bool) {
	what := "undo: add " + describe(o, names)
	typ := native.Uint16(o.msg[4:])
	flags := uint16(codec.FlagCreate | codec.FlagExcl)
	switch o.kind {
	case kindNeigh:
		state := native.Uint16(o.msg[codec.HeaderLen+8:])
		if state&nudStatic == 0 {
			return op{}, false // learned, not configured
		}
	case kindQdisc:
		if tcHandle(o) == 0 {
			return op{}, false
		}
	}
	switch o.kind {
	case kindRoute:
		return op{msg: routeRequest(o, typ, flags), what: what, ok: addOK}, true
	case kindNexthop:
		msg := reuse(o, typ, flags, nil)
		msg[codec.HeaderLen+1] = 0 // nh_scope: the kernel derives it
		f := msg[codec.HeaderLen+4:]
		native.PutUint32(f, native.Uint32(f)&^uint32(volatileBits["nh_flags"]))
		return op{msg: msg, what: what, ok: addOK}, true
	case kindQdisc, kindClass, kindFilter:
		return op{msg: tcRequest(o, reuse(o, typ, flags, nil)), what: what, ok: addOK}, true
	case kindVlan:
		msg := vlanRequest(o, unix.RTM_SETLINK, o.bridge)
		return op{msg: msg, what: what, ok: addOK}, msg != nil
	}
	return op{msg: reuse(o, typ, flags, nil), what: what, ok: addOK}, true
}

// linkReadOnly are link attributes a dump reports and a request cannot
// set (or sets only at creation and never differently).
var linkReadOnly = map[string]bool{
	"IFLA_QDISC": true, "IFLA_PERM_ADDRESS": true, "IFLA_PARENT_DEV_NAME": true,
	"IFLA_PARENT_DEV_BUS_NAME": true, "IFLA_NUM_VF": true, "IFLA_PROMISCUITY": true,
	"IFLA_ALLMULTI": true, "IFLA_LINKMODE": true, "IFLA_MAP": true, "IFLA_XDP": true,
	"IFLA_AF_SPEC": true, "IFLA_PROP_LIST": true, "IFLA_MIN_MTU": true, "IFLA_MAX_MTU": true,
	"IFLA_TSO_MAX_SIZE": true, "IFLA_TSO_MAX_SEGS": true, "IFLA_PROTO_DOWN_REASON": true,
	"IFLA_NUM_TX_QUEUES": true, "IFLA_NUM_RX_QUEUES": true, "IFLA_BROADCAST": true,
	"IFLA_LINK_NETNSID": true, "IFLA_GRO_MAX_SIZE": true, "IFLA_GSO_MAX_SIZE": true,
	"IFLA_GSO_MAX_SEGS": true, "IFLA_GSO_IPV4_MAX_SIZE": true, "IFLA_GRO_IPV4_MAX_SIZE": true,
	"IFLA_ALLMULTI_COUNT": true, "IFLA_DEVLINK_PORT": true, "IFLA_NETNS_IMMUTABLE": true,
	"IFLA_MAX_PACING_OFFLOAD_HORIZON": true, "IFLA_HEADROOM": true, "IFLA_TAILROOM": true,
	"IFLA_BR_ROOT_ID": true, "IFLA_BR_BRIDGE_ID": true, "IFLA_BR_ROOT_PORT": true,
	"IFLA_BR_ROOT_PATH_COST": true, "IFLA_BR_TOPOLOGY_CHANGE": true,
	"IFLA_BR_TOPOLOGY_CHANGE_DETECTED": true, "IFLA_BRPORT_ROOT_ID": true,
	"IFLA_BRPORT_BRIDGE_ID": true, "IFLA_BRPORT_DESIGNATED_PORT": true,
	"IFLA_BRPORT_DESIGNATED_COST": true, "IFLA_BRPORT_ID": true, "IFLA_BRPORT_NO": true,
	"IFLA_BRPORT_TOPOLOGY_CHANGE_ACK": true, "IFLA_BRPORT_CONFIG_PENDING": true,
	"IFLA_BRPORT_DESIGNATED_ROOT": true, "IFLA_BRPORT_DESIGNATED_BRIDGE": true,
	"IFLA_MACVLAN_MACADDR_COUNT": true, "IFLA_MACVLAN_BC_QUEUE_LEN_USED": true,
	"IFLA_VXLAN_LINK": false,
}

// linkOmitZero are kind attributes whose presence means something even
// at 0, unlike their absence: a dumped 0 is left out. IFLA_VXLAN_REMCSUM_RX
// present marks the header bits it uses as used, whatever its value, and
// then the dumped IFLA_VXLAN_RESERVED_BITS overlaps them (EINVAL).
var linkOmitZero = map[string]bool{
	"IFLA_VXLAN_REMCSUM_RX": true,
}

// linkDumpedAsU8 are the kind attributes a dump writes as a u8 (0 or 1)
// where a request must give a flag (NLA_FLAG: no payload, present when
// set): the kernel refuses the dumped form with ERANGE.
var linkDumpedAsU8 = map[string]bool{
	"IFLA_VXLAN_TTL_INHERIT": true,
}

// linkKindFixes rewrite a kind attribute of a dumped link into what a
// request must say (the whole attribute, header included; nil drops it).
var linkKindFixes = map[string]func(a []byte) []byte{
	// struct ifla_vlan_flags {flags, mask}: dumps write mask ~0, and a
	// request whose mask has bits beyond the flags vlan knows is refused
	// (EINVAL); the known bits set every flag as dumped.
	"IFLA_VLAN_FLAGS": func(a []byte) []byte {
		if len(a) >= 12 {
			native.PutUint32(a[8:], vlanFlagsKnown)
		}
		return a
	},
}

// vlanFlagsKnown are VLAN_FLAG_REORDER_HDR, _GVRP, _LOOSE_BINDING, _MVRP
// and _BRIDGE_BINDING (linux/if_vlan.h).
const vlanFlagsKnown = 0x1f

// bondModes are the bonding modes (IFLA_BOND_MODE: 0 balance-rr,
// 1 active-backup, 2 balance-xor, 3 broadcast, 4 802.3ad, 5 balance-tlb,
// 6 balance-alb) in which the kernel takes a bond option, for the
// options not taken in every mode (drivers/net/bonding/bond_options.c,
// unsuppmodes): a bond dumps them all, and a request that gives one in
// another mode is refused (EACCES, "option not supported in mode").
var bondModes = map[string]uint8{
	"IFLA_BOND_PACKETS_PER_SLAVE": 1 << 0,
	"IFLA_BOND_ARP_INTERVAL":      1<<0 | 1<<1 | 1<<2 | 1<<3,
	"IFLA_BOND_ARP_VALIDATE":      1<<0 | 1<<1 | 1<<2 | 1<<3,
	"IFLA_BOND_MISSED_MAX":        1<<0 | 1<<1 | 1<<2 | 1<<3,
	"IFLA_BOND_NS_IP6_TARGET":     1<<0 | 1<<1 | 1<<2 | 1<<3,
	"IFLA_BOND_AD_LACP_RATE":      1 << 4,
	"IFLA_BOND_AD_ACTOR_SYS_PRIO": 1 << 4,
	"IFLA_BOND_AD_ACTOR_SYSTEM":   1 << 4,
	"IFLA_BOND_AD_USER_PORT_KEY":  1 << 4,
	"IFLA_BOND_COUPLED_CONTROL":   1 << 4,
	"IFLA_BOND_BROADCAST_NEIGH":   1 << 4,
	"IFLA_BOND_TLB_DYNAMIC_LB":    1<<5 | 1<<6,
	"IFLA_BOND_PRIMARY":           1<<1 | 1<<5 | 1<<6,
	"IFLA_BOND_ACTIVE_SLAVE":      1<<1 | 1<<5 | 1<<6,
}

// bondAtCreate drops, from a dumped bond's options, those its mode does
// not take, and those naming ports: a bond is made again before its
// ports are back (the ports' own IFLA_MASTER brings them back).
func bondAtCreate(data map[string][]byte) {
	mode := uint8(0)
	if a := data["IFLA_BOND_MODE"]; len(a) >= 5 {
		mode = a[4]
	}
	for name, modes := range bondModes {
		if modes&(1<<mode) == 0 {
			delete(data, name)
		}
	}
	delete(data, "IFLA_BOND_ACTIVE_SLAVE")
	delete(data, "IFLA_BOND_PRIMARY")
}

// linkAttrs are the parts of a link dump a rollback can set back.
type linkAttrs struct {
	top       map[string][]byte // top-level attribute -> raw attribute bytes
	kind      string
	data      map[string][]byte // IFLA_INFO_DATA members
	dataNum   map[string]uint16
	slaveKind string
	slave     map[string][]byte
	slaveNum  map[string]uint16
	peer      []byte // veth: the peer's index from IFLA_LINK
	flags     uint32
	index     uint32
}

// parseLink splits a dumped link into what can be set back.
func parseLink(o *object) *linkAttrs {
	la := &linkAttrs{top: map[string][]byte{}, data: map[string][]byte{}, slave: map[string][]byte{}, dataNum: map[string]uint16{}, slaveNum: map[string]uint16{}}
	la.index = native.Uint32(o.msg[20:])
	la.flags = native.Uint32(o.msg[24:])
	m, err := codec.Decode(codec.ProtoRoute, native, o.msg)
	if err != nil {
		return la
	}
	raw := func(n *codec.Node) []byte {
		return append([]byte(nil), o.msg[n.Offset:n.Offset+codec.AttrHeaderLen+len(n.Data)]...)
	}
	for i := range m.Nodes {
		n := &m.Nodes[i]
		if n.Kind != codec.NodeAttr || n.Name == "" {
			continue
		}
		if n.Name != "IFLA_LINKINFO" {
			if !volatile(n.Name) && !linkReadOnly[n.Name] {
				la.top[n.Name] = raw(n)
			}
			continue
		}
		for j := range n.Children {
			c := &n.Children[j]
			switch c.Name {
			case "IFLA_INFO_KIND":
				la.kind = c.Text()
			case "IFLA_INFO_SLAVE_KIND":
				la.slaveKind = c.Text()
			case "IFLA_INFO_DATA", "IFLA_INFO_SLAVE_DATA":
				into, nums := la.data, la.dataNum
				if c.Name == "IFLA_INFO_SLAVE_DATA" {
					into, nums = la.slave, la.slaveNum
				}
				for k := range c.Children {
					e := &c.Children[k]
					if e.Kind != codec.NodeAttr || e.Name == "" || volatile(e.Name) || linkReadOnly[e.Name] {
						continue
					}
					if linkOmitZero[e.Name] && len(e.Data) == 1 && e.Data[0] == 0 {
						continue
					}
					if linkDumpedAsU8[e.Name] {
						if len(e.Data) == 1 && e.Data[0] != 0 {
							into[e.Name] = []byte{4, 0, byte(e.Num), byte(e.Num >> 8)}
							if isBigHost() {
								into[e.Name][2], into[e.Name][3] = byte(e.Num>>8), byte(e.Num)
							}
							nums[e.Name] = e.Num
						}
						continue
					}
					into[e.Name] = raw(e)
					if fix := linkKindFixes[e.Name]; fix != nil {
						if into[e.Name] = fix(into[e.Name]); into[e.Name] == nil {
							delete(into, e.Name)
							continue
						}
					}
					nums[e.Name] = e.Num
				}
			}
		}
	}
	return la
}

// linkMsg is a link request being built.
type linkMsg struct{ b *codec.Builder }

func newLinkMsg(flags uint16, index, ifiFlags, change uint32) *linkMsg {
	b := codec.NewBuilder(isBigHost())
	b.Begin(unix.RTM_NEWLINK, flags|codec.FlagRequest|codec.FlagAck, 0, 0)
	hdr := make([]byte, 16)
	native.PutUint32(hdr[4:], index)
	native.PutUint32(hdr[8:], ifiFlags)
	native.PutUint32(hdr[12:], change)
	b.Raw(hdr)
	return &linkMsg{b: b}
}

func isBigHost() bool { return native.Uint16([]byte{0, 1}) == 1 }

// rawAttr appends a complete attribute (header included) as is.
func (l *linkMsg) rawAttr(a []byte) {
	if len(a) < 4 {
		return
	}
	l.b.Attr(native.Uint16(a[2:]), a[4:])
}

func (l *linkMsg) done() []byte {
	l.b.End()
	return append([]byte(nil), l.b.Bytes()...)
}

// linkPeerKinds are the kinds made in pairs: IFLA_LINK names the peer,
// and the request that makes one again makes both (the peer's ifinfomsg
// and attributes nested in the kind's data as attribute 1).
var linkPeerKinds = map[string]bool{"veth": true, "vxcan": true}

// recreateLink is the RTM_NEWLINK that brings back a deleted virtual
// link with its old index, name, kind and settings (a veth with its
// peer). Masters and up/down follow in linkState, once every link is
// back.
func recreateLink(o *object, snap *state, names map[uint32]string) (op, error) {
	la := parseLink(o)
	name := names[la.index]
	if la.kind == "" {
		return op{}, fmt.Errorf("cannot restore link %s (index %d): a device without IFLA_LINKINFO (physical, or created by a driver) cannot be recreated", name, la.index)
	}
	l := newLinkMsg(codec.FlagCreate|codec.FlagExcl, la.index, 0, 0)
	for _, n := range []string{"IFLA_IFNAME", "IFLA_MTU", "IFLA_TXQLEN", "IFLA_ADDRESS", "IFLA_GROUP", "IFLA_IFALIAS", "IFLA_LINK"} {
		if a, ok := la.top[n]; ok && !(n == "IFLA_LINK" && linkPeerKinds[la.kind]) {
			l.rawAttr(a)
		}
	}
	l.b.BeginNest(unix.IFLA_LINKINFO)
	l.b.String(unix.IFLA_INFO_KIND, la.kind)
	if linkPeerKinds[la.kind] {
		peer := findLink(snap, uint32(linkU32(la.top["IFLA_LINK"])))
		if peer == nil {
			l.b.EndNest()
			return op{}, fmt.Errorf("cannot restore %s %s (index %d): its peer was in another namespace", la.kind, name, la.index)
		}
		pa := parseLink(peer)
		l.b.BeginNest(unix.IFLA_INFO_DATA)
		l.b.BeginNest(1) // VETH_INFO_PEER, VXCAN_INFO_PEER: an ifinfomsg, then attributes
		hdr := make([]byte, 16)
		native.PutUint32(hdr[4:], pa.index)
		l.b.Raw(hdr)
		for _, n := range []string{"IFLA_IFNAME", "IFLA_MTU", "IFLA_TXQLEN", "IFLA_ADDRESS", "IFLA_GROUP", "IFLA_IFALIAS"} {
			if a, ok := pa.top[n]; ok {
				l.rawAttr(a)
			}
		}
		l.b.EndNest()
		l.b.EndNest()
	} else if len(la.data) > 0 {
		if la.kind == "bond" {
			bondAtCreate(la.data)
		}
		l.b.BeginNest(unix.IFLA_INFO_DATA)
		for _, n := range sortedKeys(la.data) {
			l.rawAttr(la.data[n])
		}
		l.b.EndNest()
	}
	l.b.EndNest()
	if err := l.b.Err(); err != nil {
		return op{}, fmt.Errorf("cannot restore link %s: %w", name, err)
	}
	return op{msg: l.done(), what: "undo: recreate link " + name + " (" + la.kind + ")", ok: addOK}, nil
}

func linkU32(a []byte) uint32 {
	if len(a) < 8 {
		return 0
	}
	return native.Uint32(a[4:])
}

func findLink(s *state, index uint32) *object {
	for i := range s.objs[kindLink] {
		if s.objs[kindLink][i].index == index {
			return &s.objs[kindLink][i]
		}
	}
	return nil
}

func sortedKeys(m map[string][]byte) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// linkState sets a recreated link's master and up/down state.
func linkState(o *object, names map[uint32]string) (op, bool) {
	la := parseLink(o)
	if la.kind == "" {
		return op{}, false
	}
	l := newLinkMsg(0, la.index, la.flags&unix.IFF_UP, unix.IFF_UP)
	if a, ok := la.top["IFLA_MASTER"]; ok {
		l.rawAttr(a)
	}
	if len(la.slave) > 0 && la.slaveKind != "" {
		l.b.BeginNest(unix.IFLA_LINKINFO)
		l.b.String(unix.IFLA_INFO_SLAVE_KIND, la.slaveKind)
		l.b.BeginNest(unix.IFLA_INFO_SLAVE_DATA)
		for _, n := range sortedKeys(la.slave) {
			l.rawAttr(la.slave[n])
		}
		l.b.EndNest()
		l.b.EndNest()
	}
	return op{msg: l.done(), what: "undo: set link " + names[la.index] + " master and state"}, true
}

// restoreLink sets a changed link back: first everything but the up
// state (taking it down when it must be renamed), then up if it was.
func restoreLink(was, now *object, names map[uint32]string) []op {
	w, n := parseLink(was), parseLink(now)
	name := names[w.index]
	renamed := !bytes.Equal(w.top["IFLA_IFNAME"], n.top["IFLA_IFNAME"])
	wasUp, isUp := w.flags&unix.IFF_UP != 0, n.flags&unix.IFF_UP != 0
	var ops []op
	var flags, change uint32
	if renamed && isUp {
		change = unix.IFF_UP // down first: a running device cannot be renamed
	}
	l := newLinkMsg(0, w.index, flags, change)
	for _, k := range []string{"IFLA_IFNAME", "IFLA_MTU", "IFLA_TXQLEN", "IFLA_ADDRESS", "IFLA_GROUP", "IFLA_IFALIAS", "IFLA_MASTER", "IFLA_PROTO_DOWN"} {
		a, had := w.top[k]
		b, has := n.top[k]
		switch {
		case had && !bytes.Equal(a, b):
			l.rawAttr(a)
		case !had && has && k == "IFLA_MASTER":
			l.b.U32(unix.IFLA_MASTER, 0)
		case !had && has && k == "IFLA_IFALIAS":
			l.b.Attr(unix.IFLA_IFALIAS, nil)
		}
	}
	if w.kind != "" && w.kind == n.kind {
		if changed := changedMembers(w.data, n.data); len(changed) > 0 {
			l.b.BeginNest(unix.IFLA_LINKINFO)
			l.b.String(unix.IFLA_INFO_KIND, w.kind)
			l.b.BeginNest(unix.IFLA_INFO_DATA)
			for _, k := range changed {
				l.rawAttr(w.data[k])
			}
			l.b.EndNest()
			l.b.EndNest()
		}
	}
	if w.slaveKind != "" && w.slaveKind == n.slaveKind {
		if changed := changedMembers(w.slave, n.slave); len(changed) > 0 {
			l.b.BeginNest(unix.IFLA_LINKINFO)
			l.b.String(unix.IFLA_INFO_SLAVE_KIND, w.slaveKind)
			l.b.BeginNest(unix.IFLA_INFO_SLAVE_DATA)
			for _, k := range changed {
				l.rawAttr(w.slave[k])
			}
			l.b.EndNest()
			l.b.EndNest()
		}
	}
	ops = append(ops, op{msg: l.done(), what: "undo: set link " + name + " back"})
	if wasUp != isUp || (renamed && isUp) {
		up := newLinkMsg(0, w.index, w.flags&unix.IFF_UP, unix.IFF_UP)
		state := "down"
		if wasUp {
			state = "up"
		}
		ops = append(ops, op{msg: up.done(), what: "undo: set link " + name + " " + state})
	}
	return ops
}

// changedMembers lists the members of was that now lacks or holds with
// other bytes.
func changedMembers(was, now map[string][]byte) []string {
	var out []string
	for _, k := range sortedKeys(was) {
		if !bytes.Equal(was[k], now[k]) {
			out = append(out, k)
		}
	}
	return out
}

// exec sends undo messages, each with NLM_F_ACK, in as few sendmsg
// calls as the socket's buffers allow, and returns every message's
// acknowledgement.
func (r *replayer) exec(ops []op) ([]ack, error) {
	acks := make([]ack, len(ops))
	capacity := max(1, (r.c.rcvbuf-1<<16)/r.opts.ackCharge)
	maxBytes := max(r.c.sndbuf-32, 4096)
	for first := 0; first < len(ops); {
		base := r.c.seq + 1
		var buf []byte
		end := first
		for end < len(ops) && end-first < capacity && (end == first || len(buf)+len(ops[end].msg) <= maxBytes) {
			m := ops[end].msg
			native.PutUint32(m[8:], r.c.nextSeq())
			buf = append(buf, m...)
			end++
		}
		if err := r.c.send(buf); err != nil {
			return acks, err
		}
		got := 0
		for got < end-first {
			d, err := r.c.recv()
			if err != nil {
				return acks, err
			}
			err = walkMessages(d, func(h codec.Header, m []byte) error {
				if h.Type != codec.TypeError || h.Seq < base || h.Seq >= base+uint32(end-first) {
					return nil
				}
				a, err := parseAck(m, r.c.capped)
				if err != nil {
					return err
				}
				acks[first+int(h.Seq-base)] = a
				got++
				return nil
			})
			if err != nil {
				return acks, err
			}
		}
		first = end
	}
	return acks, nil
}

// rtaNHID is RTA_NH_ID (linux/rtnetlink.h), which x/sys/unix lacks.
const rtaNHID = 30
