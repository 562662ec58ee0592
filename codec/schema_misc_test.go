package codec

import (
	"fmt"
	"strings"
	"testing"
)

// Tables of schema_neigh.go, schema_misc.go, schema_genl.go and
// schema_other.go, checked against the C compiler and the uapi headers.

var miscIncludes = []string{
	"linux/netlink.h", "linux/rtnetlink.h", "linux/neighbour.h",
	"linux/net_namespace.h", "linux/netconf.h", "linux/if_ether.h",
	"linux/in.h", "linux/if_bridge.h", "linux/if_addrlabel.h",
	"linux/genetlink.h", "linux/sock_diag.h", "linux/inet_diag.h",
	"linux/xfrm.h", "linux/audit.h", "linux/selinux_netlink.h",
	"linux/cryptouser.h", "rdma/rdma_netlink.h",
	"linux/netfilter/nfnetlink.h", "linux/netfilter/nfnetlink_conntrack.h",
	"linux/netfilter/nfnetlink_queue.h", "linux/netfilter/nfnetlink_log.h",
	"linux/netfilter/nfnetlink_osf.h", "linux/netfilter/ipset/ip_set.h",
	"linux/netfilter/nfnetlink_acct.h", "linux/netfilter/nfnetlink_cttimeout.h",
	"linux/netfilter/nfnetlink_cthelper.h", "linux/netfilter/nf_tables.h",
	"linux/netfilter/nf_tables_compat.h", "linux/netfilter/nfnetlink_hook.h",
}

// miscMessageTypes are the rtnetlink messages these files define.
var miscMessageTypes = []uint16{
	28, 29, 30, 52, 64, 66, 67, 68, 72, 73, 74, 80, 81, 82,
	84, 85, 86, 88, 89, 90, 112, 113, 114,
}

// miscNewerNames are names the tables carry for the running kernel that
// the build machine's headers (6.1) may lack; their values cannot be
// checked by the compiler.
var miscNewerNames = map[string]bool{}

func init() {
	for _, n := range strings.Fields(`
		NTF_EXT_LOCKED NTF_EXT_EXT_VALIDATED RTPROT_OVN
		MDBA_MDB_EATTR_DST MDBA_MDB_EATTR_DST_PORT MDBA_MDB_EATTR_VNI
		MDBA_MDB_EATTR_IFINDEX MDBA_MDB_EATTR_SRC_VNI
		MDBE_ATTR_SRC_LIST MDBE_ATTR_GROUP_MODE MDBE_ATTR_RTPROT MDBE_ATTR_DST
		MDBE_ATTR_DST_PORT MDBE_ATTR_VNI MDBE_ATTR_IFINDEX MDBE_ATTR_SRC_VNI
		MDBE_ATTR_STATE_MASK MDBE_SRC_LIST_ENTRY MDBE_SRCATTR_ADDRESS
		MDBA_GET_ENTRY MDBA_GET_ENTRY_ATTRS
		BRIDGE_VLANDB_ENTRY_MCAST_N_GROUPS BRIDGE_VLANDB_ENTRY_MCAST_MAX_GROUPS
		BRIDGE_VLANDB_ENTRY_NEIGH_SUPPRESS
		NL_ATTR_TYPE_SINT NL_ATTR_TYPE_UINT
		AUDIT_IPE_ACCESS AUDIT_IPE_CONFIG_CHANGE AUDIT_IPE_POLICY_LOAD
		AUDIT_LANDLOCK_ACCESS AUDIT_LANDLOCK_DOMAIN AUDIT_MAC_TASK_CONTEXTS
		AUDIT_MAC_OBJ_CONTEXTS
		NFT_MSG_GETRULE_RESET NFT_MSG_DESTROYTABLE NFT_MSG_DESTROYCHAIN
		NFT_MSG_DESTROYRULE NFT_MSG_DESTROYSET NFT_MSG_DESTROYSETELEM
		NFT_MSG_DESTROYOBJ NFT_MSG_DESTROYFLOWTABLE NFT_MSG_GETSETELEM_RESET
		NFT_MSG_NEWDEV NFT_MSG_DELDEV
		RDMA_NLDEV_CMD_RES_SRQ_GET_RAW RDMA_NLDEV_CMD_NEWDEV
		RDMA_NLDEV_CMD_DELDEV RDMA_NLDEV_CMD_MONITOR`) {
		miscNewerNames[n] = true
	}
}

// miscStruct is a table struct and the C object it mirrors: C names the
// struct type, Prefix the member path inside it (for anonymous members).
type miscStruct struct {
	C, Prefix string
	Def       *StructDef
}

var miscStructs = []miscStruct{
	{"struct ndmsg", "", ndmsg},
	{"struct nda_cacheinfo", "", ndaCacheinfo},
	{"struct ndtmsg", "", ndtmsg},
	{"struct ndt_config", "", ndtConfig},
	{"struct ndt_stats", "", ndtStats},
	{"struct br_port_msg", "", brPortMsg},
	{"struct br_mdb_entry", "", brMdbEntry},
	{"struct br_mdb_entry", "addr.", brMdbEntryAddr},
	{"struct ifaddrlblmsg", "", ifaddrlblmsg},
	{"struct prefixmsg", "", prefixmsg},
	{"struct prefix_cacheinfo", "", prefixCacheinfo},
	{"struct nduseroptmsg", "", nduseroptmsg},
	{"struct br_vlan_msg", "", brVlanMsg},
	{"struct bridge_vlan_info", "", vlandbBridgeVlanInfo},
	{"struct genlmsghdr", "", genlmsghdr},
	{"struct rtgenmsg", "", nsidRtgenmsg},
	{"struct netconfmsg", "", netconfmsg},
}

func TestMiscStructSizes(t *testing.T) {
	checkSizes(t, miscIncludes, map[string]*StructDef{
		"struct ndmsg":                     ndmsg,
		"struct nda_cacheinfo":             ndaCacheinfo,
		"struct ndtmsg":                    ndtmsg,
		"struct ndt_config":                ndtConfig,
		"struct ndt_stats":                 ndtStats,
		"struct br_port_msg":               brPortMsg,
		"struct br_mdb_entry":              brMdbEntry,
		"((struct br_mdb_entry *)0)->addr": brMdbEntryAddr,
		"struct ifaddrlblmsg":              ifaddrlblmsg,
		"struct prefixmsg":                 prefixmsg,
		"struct prefix_cacheinfo":          prefixCacheinfo,
		"struct nduseroptmsg":              nduseroptmsg,
		"struct br_vlan_msg":               brVlanMsg,
		"struct bridge_vlan_info":          vlandbBridgeVlanInfo,
		"struct genlmsghdr":                genlmsghdr,
		// The kernel puts attributes NLMSG_ALIGN(sizeof) after these
		// one-byte headers; the tables cover the alignment.
		"char[NLMSG_ALIGN(sizeof(struct rtgenmsg))]":   nsidRtgenmsg,
		"char[NLMSG_ALIGN(sizeof(struct netconfmsg))]": netconfmsg,
		"__u32": mdbaRouterPort,
	})
}

// TestMiscStructFields checks the offset and size of every named field
// against the C struct member of the same name.
func TestMiscStructFields(t *testing.T) {
	type want struct {
		what       string
		off, width int
	}
	var exprs []string
	var wants []want
	for _, s := range miscStructs {
		off := 0
		for i := range s.Def.Fields {
			f := &s.Def.Fields[i]
			if !f.Hidden() {
				member := s.Prefix + f.Name
				offExpr := fmt.Sprintf("__builtin_offsetof(%s, %s)", s.C, member)
				if s.Prefix != "" {
					offExpr += fmt.Sprintf(" - __builtin_offsetof(%s, %s)", s.C, strings.TrimSuffix(s.Prefix, "."))
				}
				exprs = append(exprs,
					"char["+offExpr+"]",
					fmt.Sprintf("((%s *)0)->%s", s.C, member))
				wants = append(wants, want{s.C + "." + member, off, f.Width()})
			}
			off += f.Width()
		}
	}
	got := cSizeof(t, miscIncludes, exprs)
	for i, w := range wants {
		if o := got[exprs[2*i]]; o != w.off {
			t.Errorf("%s: table offset %d, C offset %d", w.what, w.off, o)
		}
		if n := got[exprs[2*i+1]]; n != w.width {
			t.Errorf("%s: table width %d, C size %d", w.what, w.width, n)
		}
	}
}

// miscRootSets are the attribute sets reachable from these files.
func miscRootSets() []*AttrSet {
	sets := []*AttrSet{mdbaSetEntryAttrs, mdbaGetEntryAttrs, ctrlAttrs}
	for _, typ := range miscMessageTypes {
		if m := routeProtocol.Lookup(typ); m != nil && m.Attrs != nil {
			sets = append(sets, m.Attrs)
		}
	}
	return sets
}

// walkSets calls fn for every set reachable from roots, once each.
func miscWalkSets(roots []*AttrSet, fn func(*AttrSet)) {
	seen := map[*AttrSet]bool{}
	var visit func(*AttrSet)
	var visitAttr func(*Attr)
	visitAttr = func(a *Attr) {
		if a == nil {
			return
		}
		visit(a.Set)
		if a.Select != nil {
			for _, c := range a.Select.ByString {
				visitAttr(c)
			}
			for _, c := range a.Select.ByInt {
				visitAttr(c)
			}
		}
	}
	visit = func(s *AttrSet) {
		if s == nil || seen[s] {
			return
		}
		seen[s] = true
		fn(s)
		for _, a := range s.Attrs {
			visitAttr(a)
		}
		visitAttr(s.Default)
	}
	for _, s := range roots {
		visit(s)
	}
}

func miscCheckAttrShape(t *testing.T, where string, a *Attr) {
	t.Helper()
	switch a.Type {
	case Nested, StructAttrs, Records:
		if a.Set == nil {
			t.Errorf("%s: %v without a set", where, a.Type)
		}
	}
	switch a.Type {
	case Struct, StructAttrs, Records:
		if a.Struct == nil {
			t.Errorf("%s: %v without a struct", where, a.Type)
		}
	}
	if a.Type == Array && a.Elem == Struct && a.Struct == nil {
		t.Errorf("%s: array of structs without a struct", where)
	}
}

func TestMiscSets(t *testing.T) {
	n := 0
	miscWalkSets(miscRootSets(), func(s *AttrSet) {
		n++
		nums := map[uint16]string{}
		names := map[string]bool{}
		for _, a := range s.Attrs {
			where := s.Name + "." + a.Name
			if a.Num == 0 || a.Name == "" {
				t.Errorf("%s: attribute %d %q has no number or no name", s.Name, a.Num, a.Name)
			}
			if prev, dup := nums[a.Num]; dup {
				t.Errorf("%s: number %d used by %s and %s", s.Name, a.Num, prev, a.Name)
			}
			if names[a.Name] {
				t.Errorf("%s: name %s used twice", s.Name, a.Name)
			}
			nums[a.Num], names[a.Name] = a.Name, true
			miscCheckAttrShape(t, where, a)
			if a.Select != nil {
				for k, c := range a.Select.ByString {
					if c == nil {
						t.Errorf("%s: case %q is nil", where, k)
					}
				}
				for k, c := range a.Select.ByInt {
					if c == nil {
						t.Errorf("%s: case %d is nil", where, k)
					}
				}
			}
		}
		if s.Default != nil {
			miscCheckAttrShape(t, s.Name+".default", s.Default)
		}
		if len(s.Attrs) == 0 && s.Default == nil {
			t.Errorf("%s: empty set", s.Name)
		}
	})
	if n < 30 {
		t.Errorf("walked only %d sets", n)
	}
}

func TestMiscMessages(t *testing.T) {
	seen := map[uint16]int{}
	for _, m := range routeProtocol.Messages {
		seen[m.Type]++
	}
	for _, typ := range miscMessageTypes {
		m := routeProtocol.Lookup(typ)
		if m == nil {
			t.Errorf("message %d not registered", typ)
			continue
		}
		if seen[typ] != 1 {
			t.Errorf("message %d (%s) registered %d times", typ, m.Name, seen[typ])
		}
		if m.Header == nil || m.Summary == "" {
			t.Errorf("%s: no header or no summary", m.Name)
		}
	}
	if g := LookupGenl("nlctrl"); g != nlctrlFamily || g.Attrs == nil || g.Commands == nil {
		t.Errorf("nlctrl not registered as defined")
	}
}

// miscEnums are the value names these files define.
var miscEnums = []*Enum{
	rtTypes, rtProtocols, nudStates, ntfFlags, ntfExtFlags,
	fdbNotifyFlags, netnsaNsidValues, netconfIfindexValues, mdbStates,
	mdbEntryFlags, ethProtocols, mcastFilterModes, mdbRtrTypes, vlandbBrStates,
	vlandbVlanInfoFlags, vlandbDumpFlags, vlandbTinfoCmds, ctrlCommands,
	genlOpFlags, nlAttrTypes, sockDiagTypes, xfrmTypes, auditTypes,
	nfnlSubsystems, nfnlBatchTypes, selinuxTypes, cryptoTypes, rdmaClients,
}

func init() {
	for _, e := range nfnlMessages {
		miscEnums = append(miscEnums, e)
	}
	for _, e := range rdmaOps {
		miscEnums = append(miscEnums, e)
	}
}

// TestMiscValuesMatchHeaders has the C compiler evaluate every name the
// tables use (attribute numbers, enum values, message types) and compares.
func TestMiscValuesMatchHeaders(t *testing.T) {
	vals := map[string]int64{}
	add := func(name string, v int64) {
		if miscNewerNames[name] {
			return
		}
		if old, ok := vals[name]; ok && old != v {
			t.Errorf("%s: two values in the tables, %d and %d", name, old, v)
		}
		vals[name] = v
	}
	for _, e := range miscEnums {
		names := map[string]bool{}
		for _, n := range e.Names() {
			if names[n] {
				t.Errorf("enum %s: name %s twice", e.Name, n)
			}
			names[n] = true
			v, _ := e.Value(n)
			add(n, int64(v))
		}
	}
	miscWalkSets(miscRootSets(), func(s *AttrSet) {
		for _, a := range s.Attrs {
			add(a.Name, int64(a.Num))
		}
	})
	for _, typ := range miscMessageTypes {
		if m := routeProtocol.Lookup(typ); m != nil {
			add(m.Name, int64(m.Type))
		}
	}
	add("GENL_ID_CTRL", 16)

	// Composite names of netfilter and RDMA message types.
	composite := map[string]int64{}
	for _, p := range []struct {
		num  int
		expr string
	}{{ProtoNetfilter, "((%s) << 8 | (%s))"}, {ProtoRdma, "RDMA_NL_GET_TYPE(%s, %s)"}} {
		proto := LookupProtocol(p.num)
		for typ := 0; typ < 1<<16; typ++ {
			a, b, ok := strings.Cut(proto.TypeName(uint16(typ)), "/")
			if !ok || miscNewerNames[b] || strings.Trim(b, "0123456789") == "" {
				continue
			}
			composite[fmt.Sprintf(p.expr, a, b)] = int64(typ)
		}
	}

	var exprs []string
	var want []int64
	for n, v := range vals {
		exprs = append(exprs, fmt.Sprintf("char[(%s) + 16]", n))
		want = append(want, v)
	}
	for e, v := range composite {
		exprs = append(exprs, fmt.Sprintf("char[%s + 16]", e))
		want = append(want, v)
	}
	got := cSizeof(t, miscIncludes, exprs)
	for i, e := range exprs {
		// Negative s32 values are keyed by their 32-bit pattern.
		if g := int64(got[e]) - 16; g != want[i] && !(want[i]>>32 == 0 && int64(int32(want[i])) == g) {
			t.Errorf("%s: table %d, header %d", e, want[i], g)
		}
	}
	if len(exprs) < 400 {
		t.Errorf("checked only %d names", len(exprs))
	}
}

func TestMiscProtocols(t *testing.T) {
	nums := map[int]bool{}
	names := map[string]bool{}
	for _, p := range otherProtocols {
		if p.Num == ProtoRoute {
			t.Errorf("%s: NETLINK_ROUTE belongs to the route tables", p.Name)
		}
		if nums[p.Num] || names[p.Name] {
			t.Errorf("protocol %d %s listed twice", p.Num, p.Name)
		}
		nums[p.Num], names[p.Name] = true, true
		if LookupProtocol(p.Num) != p {
			t.Errorf("LookupProtocol(%d) does not return %s", p.Num, p.Name)
		}
		if p.TypeName == nil {
			t.Errorf("%s: no TypeName", p.Name)
			continue
		}
		byName := map[string]int{}
		for typ := 0; typ < 1<<16; typ++ {
			n := p.TypeName(uint16(typ))
			if n == "" {
				continue
			}
			if prev, dup := byName[n]; dup {
				t.Errorf("%s: %s names both %d and %d", p.Name, n, prev, typ)
			}
			byName[n] = typ
		}
	}
	for _, c := range []struct {
		proto int
		typ   uint16
		name  string
	}{
		{ProtoNetfilter, 10<<8 | 6, "NFNL_SUBSYS_NFTABLES/NFT_MSG_NEWRULE"},
		{ProtoNetfilter, 0x10, "NFNL_MSG_BATCH_BEGIN"},
		{ProtoNetfilter, 1<<8 | 200, "NFNL_SUBSYS_CTNETLINK/200"},
		{ProtoNetfilter, 3, ""},
		{ProtoGeneric, 16, "GENL_ID_CTRL"},
		{ProtoGeneric, 30, ""},
		{ProtoRdma, 5<<10 | 1, "RDMA_NL_NLDEV/RDMA_NLDEV_CMD_GET"},
		{ProtoSockDiag, 20, "SOCK_DIAG_BY_FAMILY"},
		{ProtoXfrm, 0x10, "XFRM_MSG_NEWSA"},
		{ProtoAudit, 1000, "AUDIT_GET"},
		{ProtoKobject, 20, ""},
	} {
		if got := LookupProtocol(c.proto).TypeName(c.typ); got != c.name {
			t.Errorf("protocol %d type %#x: %q, want %q", c.proto, c.typ, got, c.name)
		}
	}
}

// miscResolve follows a summary placeholder path through the schema: a
// header field or attribute, then nested attributes, struct names (of
// struct-then-attributes payloads) and struct fields.
func miscResolve(hdr *StructDef, set *AttrSet, path []string) bool {
	var st *StructDef
	if hdr != nil {
		if f := hdr.FieldByName(path[0]); f != nil {
			if len(path) == 1 {
				return true
			}
			if f.Type != Struct {
				return false
			}
			return miscResolve(f.Struct, nil, path[1:])
		}
	}
	a := set.ByName(path[0])
	if a == nil {
		return false
	}
	if len(path) == 1 {
		return true
	}
	switch a.Type {
	case Struct:
		st = a.Struct
	case StructAttrs:
		if path[1] == a.Struct.Name {
			if len(path) == 2 {
				return true
			}
			return miscResolve(a.Struct, nil, path[2:])
		}
	}
	return miscResolve(st, a.Set, path[1:])
}

func TestMiscSummaries(t *testing.T) {
	type item struct {
		name, tmpl string
		hdr        *StructDef
		set        *AttrSet
	}
	var items []item
	for _, typ := range miscMessageTypes {
		if m := routeProtocol.Lookup(typ); m != nil {
			items = append(items, item{m.Name, m.Summary, m.Header, m.Attrs})
		}
	}
	items = append(items, item{"nlctrl", nlctrlFamily.Summary, genlmsghdr, ctrlAttrs})
	for _, it := range items {
		rest := it.tmpl
		for {
			i := strings.IndexByte(rest, '{')
			if i < 0 {
				break
			}
			j := strings.IndexByte(rest[i:], '}')
			if j < 0 {
				t.Errorf("%s: unclosed placeholder in %q", it.name, it.tmpl)
				break
			}
			ph := rest[i+1 : i+j]
			if !miscResolve(it.hdr, it.set, strings.Split(ph, ".")) {
				t.Errorf("%s: placeholder {%s} names nothing in the schema", it.name, ph)
			}
			rest = rest[i+j+1:]
		}
	}
}
