package codec

// Smaller rtnetlink families: namespace ids, netconf, the bridge multicast
// database, IPv6 address labels, prefix and ND user option notifications,
// and the bridge VLAN database.

// s32EnumKey is the enum key of a negative s32 value: enums are looked up
// by the attribute's bytes read as an unsigned integer of their width.
func s32EnumKey(v int32) uint64 { return uint64(uint32(v)) }

// ---------------------------------------------------------------------
// NSID (linux/net_namespace.h): RTM_NEWNSID/DELNSID/GETNSID.

// struct rtgenmsg (linux/rtnetlink.h) is one byte, but the kernel reserves
// NLMSG_ALIGN of it and its attributes start 4 bytes in, so the header
// covers the 3 alignment bytes too.
var nsidRtgenmsg = NewStruct("rtgenmsg",
	FE("rtgen_family", U8, addressFamilies),
	Pad("rtgen_pad", 3),
)

// NETNSA_NSID_NOT_ASSIGNED (linux/net_namespace.h).
var netnsaNsidValues = NewEnumMap("netnsa_nsid", map[uint64]string{
	s32EnumKey(-1): "NETNSA_NSID_NOT_ASSIGNED",
})

// Namespace id attributes (linux/net_namespace.h, NETNSA_*; NETNSA_NONE
// is the unused 0).
var netnsaAttrs = Seq("netnsa", 1,
	A(0, "NETNSA_NSID", S32).WithEnum(netnsaNsidValues),
	A(0, "NETNSA_PID", U32),
	A(0, "NETNSA_FD", U32),
	A(0, "NETNSA_TARGET_NSID", S32).WithEnum(netnsaNsidValues),
	A(0, "NETNSA_CURRENT_NSID", S32).WithEnum(netnsaNsidValues),
)

const nsidSummary = "nsid {NETNSA_NSID}|current-nsid {NETNSA_CURRENT_NSID}" +
	"|pid {NETNSA_PID}|fd {NETNSA_FD}|target-nsid {NETNSA_TARGET_NSID}"

// ---------------------------------------------------------------------
// NETCONF (linux/netconf.h): RTM_NEWNETCONF/DELNETCONF/GETNETCONF.

// struct netconfmsg is one byte; as with rtgenmsg the kernel aligns the
// attributes to 4 bytes after it.
var netconfmsg = NewStruct("netconfmsg",
	FE("ncm_family", U8, addressFamilies),
	Pad("ncm_pad", 3),
)

// Special NETCONFA_IFINDEX values (linux/netconf.h).
var netconfIfindexValues = NewEnumMap("netconfa_ifindex", map[uint64]string{
	s32EnumKey(-1): "NETCONFA_IFINDEX_ALL",
	s32EnumKey(-2): "NETCONFA_IFINDEX_DEFAULT",
})

// Netconf attributes (linux/netconf.h, NETCONFA_*): the kernel sends all
// of them as s32.
var netconfAttrs = Seq("netconfa", 1,
	A(0, "NETCONFA_IFINDEX", S32).WithEnum(netconfIfindexValues),
	A(0, "NETCONFA_FORWARDING", S32),
	A(0, "NETCONFA_RP_FILTER", S32),
	A(0, "NETCONFA_MC_FORWARDING", S32),
	A(0, "NETCONFA_PROXY_NEIGH", S32),
	A(0, "NETCONFA_IGNORE_ROUTES_WITH_LINKDOWN", S32),
	A(0, "NETCONFA_INPUT", S32),
	A(0, "NETCONFA_BC_FORWARDING", S32),
)

const netconfSummary = "{ncm_family}|dev {NETCONFA_IFINDEX}|forwarding {NETCONFA_FORWARDING}" +
	"|rp_filter {NETCONFA_RP_FILTER}|mc_forwarding {NETCONFA_MC_FORWARDING}" +
	"|proxy_neigh {NETCONFA_PROXY_NEIGH}" +
	"|ignore_routes_with_linkdown {NETCONFA_IGNORE_ROUTES_WITH_LINKDOWN}|input {NETCONFA_INPUT}"

// ---------------------------------------------------------------------
// MDB (linux/if_bridge.h): RTM_NEWMDB/DELMDB/GETMDB.

// struct br_port_msg: the compiler aligns ifindex to 4.
var brPortMsg = NewStruct("br_port_msg",
	FE("family", U8, addressFamilies),
	Pad("pad", 3),
	F("ifindex", U32),
)

// MDB entry states in br_mdb_entry.state (linux/if_bridge.h).
var mdbStates = NewEnum("mdb_state", 0, "MDB_TEMPORARY", "MDB_PERMANENT")

// MDB entry flags in br_mdb_entry.flags (linux/if_bridge.h).
var mdbEntryFlags = NewBitFlags("mdb_flags", 0,
	"MDB_FLAGS_OFFLOAD", "MDB_FLAGS_FAST_LEAVE", "MDB_FLAGS_STAR_EXCL",
	"MDB_FLAGS_BLOCKED")

// Source filter modes (linux/in.h, MCAST_*).
var mcastFilterModes = NewEnum("mcast_filter_mode", 0, "MCAST_EXCLUDE", "MCAST_INCLUDE")

// Multicast router port types (linux/if_bridge.h, MDB_RTR_TYPE_*).
var mdbRtrTypes = NewEnum("mdb_rtr_type", 0,
	"MDB_RTR_TYPE_DISABLED", "MDB_RTR_TYPE_TEMP_QUERY", "MDB_RTR_TYPE_PERM",
	"MDB_RTR_TYPE_TEMP")

// The anonymous addr member of struct br_mdb_entry. Its union u holds a
// __be32 ip4, an in6_addr ip6 or a 6-byte MAC at its start, told apart
// only by proto, and the schema cannot select a struct field by a sibling
// field. It is read as a 16-byte address: IPv6 groups print as such; an
// IPv4 group (proto ETH_P_IP) is its first 4 bytes and a MAC group
// (proto 0) its first 6, the rest being zero.
var brMdbEntryAddr = NewStruct("br_mdb_entry_addr",
	FB("u", IPAddr, 16),
	FE("proto", BE16, ethProtocols),
	Pad("pad", 2),
)

// struct br_mdb_entry (linux/if_bridge.h).
var brMdbEntry = NewStruct("br_mdb_entry",
	F("ifindex", U32),
	FE("state", U8, mdbStates),
	FF("flags", U8, mdbEntryFlags),
	F("vid", U16),
	FS("addr", brMdbEntryAddr),
)

// Per-source attributes (linux/if_bridge.h, MDBA_MDB_SRCATTR_*).
var mdbaMdbSrcattrAttrs = Seq("mdba_mdb_srcattr", 1,
	A(0, "MDBA_MDB_SRCATTR_ADDRESS", IPAddr),
	A(0, "MDBA_MDB_SRCATTR_TIMER", U32),
)

// Source list (linux/if_bridge.h, MDBA_MDB_SRCLIST_*).
var mdbaMdbSrclistAttrs = Seq("mdba_mdb_srclist", 1,
	N(0, "MDBA_MDB_SRCLIST_ENTRY", mdbaMdbSrcattrAttrs),
)

// Per-entry attributes after the br_mdb_entry in MDBA_MDB_ENTRY_INFO
// (linux/if_bridge.h, MDBA_MDB_EATTR_*). DST..SRC_VNI (VXLAN MDB) are
// newer than the 6.1 headers; DST_PORT, VNI and SRC_VNI are host order.
var mdbaMdbEattrAttrs = Seq("mdba_mdb_eattr", 1,
	A(0, "MDBA_MDB_EATTR_TIMER", U32),
	N(0, "MDBA_MDB_EATTR_SRC_LIST", mdbaMdbSrclistAttrs),
	A(0, "MDBA_MDB_EATTR_GROUP_MODE", U8).WithEnum(mcastFilterModes),
	A(0, "MDBA_MDB_EATTR_SOURCE", IPAddr),
	A(0, "MDBA_MDB_EATTR_RTPROT", U8).WithEnum(rtProtocols),
	A(0, "MDBA_MDB_EATTR_DST", IPAddr),
	A(0, "MDBA_MDB_EATTR_DST_PORT", U16),
	A(0, "MDBA_MDB_EATTR_VNI", U32),
	A(0, "MDBA_MDB_EATTR_IFINDEX", U32),
	A(0, "MDBA_MDB_EATTR_SRC_VNI", U32),
)

// MDB entry (linux/if_bridge.h, MDBA_MDB_ENTRY_*): the kernel writes the
// struct without an attribute header, then the MDBA_MDB_EATTR_* attributes,
// all inside MDBA_MDB_ENTRY_INFO.
var mdbaMdbEntryAttrs = Seq("mdba_mdb_entry", 1,
	&Attr{Name: "MDBA_MDB_ENTRY_INFO", Type: StructAttrs, Struct: brMdbEntry, Set: mdbaMdbEattrAttrs},
)

// linux/if_bridge.h, MDBA_MDB_*.
var mdbaMdbAttrs = Seq("mdba_mdb", 1,
	N(0, "MDBA_MDB_ENTRY", mdbaMdbEntryAttrs),
)

// Router port attributes (linux/if_bridge.h, MDBA_ROUTER_PATTR_*).
var mdbaRouterPattrAttrs = Seq("mdba_router_pattr", 1,
	A(0, "MDBA_ROUTER_PATTR_TIMER", U32),
	A(0, "MDBA_ROUTER_PATTR_TYPE", U8).WithEnum(mdbRtrTypes),
	A(0, "MDBA_ROUTER_PATTR_INET_TIMER", U32),
	A(0, "MDBA_ROUTER_PATTR_INET6_TIMER", U32),
	A(0, "MDBA_ROUTER_PATTR_VID", U16),
)

// MDBA_ROUTER_PORT starts with the port's u32 ifindex (no C struct names
// it), followed by MDBA_ROUTER_PATTR_* attributes.
var mdbaRouterPort = NewStruct("mdba_router_port", F("ifindex", U32))

// linux/if_bridge.h, MDBA_ROUTER_*.
var mdbaRouterAttrs = Seq("mdba_router", 1,
	&Attr{Name: "MDBA_ROUTER_PORT", Type: StructAttrs, Struct: mdbaRouterPort, Set: mdbaRouterPattrAttrs},
)

// MDB attributes of what the kernel sends (linux/if_bridge.h, MDBA_*):
// notifications (RTM_NEWMDB/RTM_DELMDB) and dump replies, which the
// kernel types RTM_GETMDB. Requests reuse numbers 1 and 2 with other
// payloads: the messages give mdbaSetEntryAttrs and mdbaGetEntryAttrs as
// their RequestAttrs, read when NLM_F_REQUEST is set.
var mdbaAttrs = Seq("mdba", 1,
	N(0, "MDBA_MDB", mdbaMdbAttrs),
	N(0, "MDBA_ROUTER", mdbaRouterAttrs),
)

// Source entry attributes of a request (linux/if_bridge.h, MDBE_SRCATTR_*).
var mdbeSrcattrAttrs = Seq("mdbe_srcattr", 1,
	A(0, "MDBE_SRCATTR_ADDRESS", IPAddr),
)

// linux/if_bridge.h, MDBE_SRC_LIST_*.
var mdbeSrcListAttrs = Seq("mdbe_src_list", 1,
	N(0, "MDBE_SRC_LIST_ENTRY", mdbeSrcattrAttrs),
)

// Entry attributes of requests (linux/if_bridge.h, MDBE_ATTR_*).
// Everything after MDBE_ATTR_SOURCE is newer than the 6.1 headers.
var mdbeAttrs = Seq("mdbe_attr", 1,
	A(0, "MDBE_ATTR_SOURCE", IPAddr),
	N(0, "MDBE_ATTR_SRC_LIST", mdbeSrcListAttrs),
	A(0, "MDBE_ATTR_GROUP_MODE", U8).WithEnum(mcastFilterModes),
	A(0, "MDBE_ATTR_RTPROT", U8).WithEnum(rtProtocols),
	A(0, "MDBE_ATTR_DST", IPAddr),
	A(0, "MDBE_ATTR_DST_PORT", U16),
	A(0, "MDBE_ATTR_VNI", U32),
	A(0, "MDBE_ATTR_IFINDEX", S32),
	A(0, "MDBE_ATTR_SRC_VNI", U32),
	A(0, "MDBE_ATTR_STATE_MASK", U8).WithEnum(mdbStates),
)

// MDB attributes of RTM_NEWMDB/RTM_DELMDB requests (linux/if_bridge.h,
// MDBA_SET_ENTRY_*), for building and reading `bridge mdb add/del`.
var mdbaSetEntryAttrs = Seq("mdba_set_entry", 1,
	S(0, "MDBA_SET_ENTRY", brMdbEntry),
	N(0, "MDBA_SET_ENTRY_ATTRS", mdbeAttrs),
)

// MDB attributes of RTM_GETMDB single-entry requests (linux/if_bridge.h,
// MDBA_GET_ENTRY_*, newer than the 6.1 headers); dump requests carry
// none.
var mdbaGetEntryAttrs = Seq("mdba_get_entry", 1,
	S(0, "MDBA_GET_ENTRY", brMdbEntry),
	N(0, "MDBA_GET_ENTRY_ATTRS", mdbeAttrs),
)

const (
	mdbSummary = "dev {ifindex}" +
		"|port {MDBA_MDB.MDBA_MDB_ENTRY.MDBA_MDB_ENTRY_INFO.br_mdb_entry.ifindex}" +
		"|grp {MDBA_MDB.MDBA_MDB_ENTRY.MDBA_MDB_ENTRY_INFO.br_mdb_entry.addr.u}" +
		"|{MDBA_MDB.MDBA_MDB_ENTRY.MDBA_MDB_ENTRY_INFO.br_mdb_entry.state}" +
		"|vid {MDBA_MDB.MDBA_MDB_ENTRY.MDBA_MDB_ENTRY_INFO.br_mdb_entry.vid}" +
		"|router port {MDBA_ROUTER.MDBA_ROUTER_PORT.mdba_router_port.ifindex}"
)

// ---------------------------------------------------------------------
// ADDRLABEL (linux/if_addrlabel.h): RTM_NEWADDRLABEL/DELADDRLABEL/GETADDRLABEL.

// struct ifaddrlblmsg (linux/if_addrlabel.h).
var ifaddrlblmsg = NewStruct("ifaddrlblmsg",
	FE("ifal_family", U8, addressFamilies),
	Pad("_ifal_reserved", 1),
	F("ifal_prefixlen", U8),
	F("ifal_flags", U8),
	F("ifal_index", U32),
	F("ifal_seq", U32),
)

// Address label attributes (linux/if_addrlabel.h, IFAL_*).
var ifalAttrs = Seq("ifal", 1,
	A(0, "IFAL_ADDRESS", IPAddr),
	A(0, "IFAL_LABEL", U32),
)

const addrlabelSummary = "prefix {IFAL_ADDRESS}/{ifal_prefixlen}|dev {ifal_index}|label {IFAL_LABEL}"

// ---------------------------------------------------------------------
// RTM_NEWPREFIX (linux/rtnetlink.h): IPv6 prefixes learnt from router
// advertisements.

// struct prefixmsg (linux/rtnetlink.h). prefix_flags carries the
// IF_PREFIX_ONLINK/AUTOCONF bits, which the uapi headers do not name.
var prefixmsg = NewStruct("prefixmsg",
	FE("prefix_family", U8, addressFamilies),
	Pad("prefix_pad1", 1),
	Pad("prefix_pad2", 2),
	F("prefix_ifindex", S32),
	F("prefix_type", U8),
	F("prefix_len", U8),
	F("prefix_flags", U8),
	Pad("prefix_pad3", 1),
)

// struct prefix_cacheinfo (linux/rtnetlink.h): lifetimes in seconds.
var prefixCacheinfo = NewStruct("prefix_cacheinfo",
	F("preferred_time", U32),
	F("valid_time", U32),
)

// Prefix attributes (linux/rtnetlink.h, PREFIX_*).
var prefixAttrs = Seq("prefix", 1,
	A(0, "PREFIX_ADDRESS", IPAddr),
	S(0, "PREFIX_CACHEINFO", prefixCacheinfo),
)

const prefixSummary = "prefix {PREFIX_ADDRESS}/{prefix_len}|dev {prefix_ifindex}|flags {prefix_flags}" +
	"|valid {PREFIX_CACHEINFO.valid_time}|preferred {PREFIX_CACHEINFO.preferred_time}"

// ---------------------------------------------------------------------
// RTM_NEWNDUSEROPT (linux/rtnetlink.h): ND options passed to user space.

// struct nduseroptmsg (linux/rtnetlink.h). It is followed by
// nduseropt_opts_len bytes of raw ND options and then NDUSEROPT_SRCADDR;
// attributes at an offset given by a header field cannot be expressed, so
// the body stays opaque.
var nduseroptmsg = NewStruct("nduseroptmsg",
	FE("nduseropt_family", U8, addressFamilies),
	Pad("nduseropt_pad1", 1),
	F("nduseropt_opts_len", U16),
	F("nduseropt_ifindex", S32),
	F("nduseropt_icmp_type", U8),
	F("nduseropt_icmp_code", U8),
	Pad("nduseropt_pad2", 2),
	Pad("nduseropt_pad3", 4),
)

const nduseroptSummary = "{nduseropt_family}|dev {nduseropt_ifindex}|icmp type {nduseropt_icmp_type}|opts_len {nduseropt_opts_len}"

// ---------------------------------------------------------------------
// Bridge VLAN database (linux/if_bridge.h): RTM_NEWVLAN/DELVLAN/GETVLAN.

// struct br_vlan_msg (linux/if_bridge.h).
var brVlanMsg = NewStruct("br_vlan_msg",
	FE("family", U8, addressFamilies),
	Pad("reserved1", 1),
	Pad("reserved2", 2),
	F("ifindex", U32),
)

// Port STP states (linux/if_bridge.h, BR_STATE_*).
var vlandbBrStates = NewEnum("br_state", 0,
	"BR_STATE_DISABLED", "BR_STATE_LISTENING", "BR_STATE_LEARNING",
	"BR_STATE_FORWARDING", "BR_STATE_BLOCKING")

// VLAN flags in bridge_vlan_info.flags (linux/if_bridge.h,
// BRIDGE_VLAN_INFO_*).
var vlandbVlanInfoFlags = NewBitFlags("bridge_vlan_info_flags", 0,
	"BRIDGE_VLAN_INFO_MASTER", "BRIDGE_VLAN_INFO_PVID",
	"BRIDGE_VLAN_INFO_UNTAGGED", "BRIDGE_VLAN_INFO_RANGE_BEGIN",
	"BRIDGE_VLAN_INFO_RANGE_END", "BRIDGE_VLAN_INFO_BRENTRY",
	"BRIDGE_VLAN_INFO_ONLY_OPTS")

// struct bridge_vlan_info (linux/if_bridge.h).
var vlandbBridgeVlanInfo = NewStruct("bridge_vlan_info",
	FF("flags", U16, vlandbVlanInfoFlags),
	F("vid", U16),
)

// Dump request flags (linux/if_bridge.h, BRIDGE_VLANDB_DUMPF_*).
var vlandbDumpFlags = NewBitFlags("bridge_vlandb_dumpf", 0,
	"BRIDGE_VLANDB_DUMPF_STATS", "BRIDGE_VLANDB_DUMPF_GLOBAL")

// RTM_GETVLAN dump request attributes (linux/if_bridge.h,
// BRIDGE_VLANDB_DUMP_*).
var vlandbDumpAttrs = Seq("bridge_vlandb_dump", 1,
	A(0, "BRIDGE_VLANDB_DUMP_FLAGS", U32).WithFlags(vlandbDumpFlags),
)

// BRIDGE_VLANDB_TINFO_CMD takes a link message type.
var vlandbTinfoCmds = NewEnumMap("bridge_vlandb_tinfo_cmd", map[uint64]string{
	17: "RTM_DELLINK", 19: "RTM_SETLINK",
})

// Tunnel mapping of a VLAN (linux/if_bridge.h, BRIDGE_VLANDB_TINFO_*).
var vlandbTinfoAttrs = Seq("bridge_vlandb_tinfo", 1,
	A(0, "BRIDGE_VLANDB_TINFO_ID", U32),
	A(0, "BRIDGE_VLANDB_TINFO_CMD", U32).WithEnum(vlandbTinfoCmds),
)

// Per-VLAN counters (linux/if_bridge.h, BRIDGE_VLANDB_STATS_*).
var vlandbStatsAttrs = Seq("bridge_vlandb_stats", 1,
	A(0, "BRIDGE_VLANDB_STATS_RX_BYTES", U64),
	A(0, "BRIDGE_VLANDB_STATS_RX_PACKETS", U64),
	A(0, "BRIDGE_VLANDB_STATS_TX_BYTES", U64),
	A(0, "BRIDGE_VLANDB_STATS_TX_PACKETS", U64),
	A(0, "BRIDGE_VLANDB_STATS_PAD", Binary),
)

// Per-port VLAN entry (linux/if_bridge.h, BRIDGE_VLANDB_ENTRY_*).
// MCAST_N_GROUPS, MCAST_MAX_GROUPS and NEIGH_SUPPRESS are newer than the
// 6.1 headers.
var vlandbEntryAttrs = Seq("bridge_vlandb_entry", 1,
	S(0, "BRIDGE_VLANDB_ENTRY_INFO", vlandbBridgeVlanInfo),
	A(0, "BRIDGE_VLANDB_ENTRY_RANGE", U16),
	A(0, "BRIDGE_VLANDB_ENTRY_STATE", U8).WithEnum(vlandbBrStates),
	N(0, "BRIDGE_VLANDB_ENTRY_TUNNEL_INFO", vlandbTinfoAttrs),
	N(0, "BRIDGE_VLANDB_ENTRY_STATS", vlandbStatsAttrs),
	A(0, "BRIDGE_VLANDB_ENTRY_MCAST_ROUTER", U8).WithEnum(mdbRtrTypes),
	A(0, "BRIDGE_VLANDB_ENTRY_MCAST_N_GROUPS", U32),
	A(0, "BRIDGE_VLANDB_ENTRY_MCAST_MAX_GROUPS", U32),
	A(0, "BRIDGE_VLANDB_ENTRY_NEIGH_SUPPRESS", U8),
)

// Global per-VLAN options (linux/if_bridge.h, BRIDGE_VLANDB_GOPTS_*):
// intervals are u64 clock ticks. MCAST_ROUTER_PORTS holds MDBA_ROUTER_PORT
// entries as in MDB dumps.
var vlandbGoptsAttrs = Seq("bridge_vlandb_gopts", 1,
	A(0, "BRIDGE_VLANDB_GOPTS_ID", U16),
	A(0, "BRIDGE_VLANDB_GOPTS_RANGE", U16),
	A(0, "BRIDGE_VLANDB_GOPTS_MCAST_SNOOPING", U8),
	A(0, "BRIDGE_VLANDB_GOPTS_MCAST_IGMP_VERSION", U8),
	A(0, "BRIDGE_VLANDB_GOPTS_MCAST_MLD_VERSION", U8),
	A(0, "BRIDGE_VLANDB_GOPTS_MCAST_LAST_MEMBER_CNT", U32),
	A(0, "BRIDGE_VLANDB_GOPTS_MCAST_STARTUP_QUERY_CNT", U32),
	A(0, "BRIDGE_VLANDB_GOPTS_MCAST_LAST_MEMBER_INTVL", U64),
	A(0, "BRIDGE_VLANDB_GOPTS_PAD", Binary),
	A(0, "BRIDGE_VLANDB_GOPTS_MCAST_MEMBERSHIP_INTVL", U64),
	A(0, "BRIDGE_VLANDB_GOPTS_MCAST_QUERIER_INTVL", U64),
	A(0, "BRIDGE_VLANDB_GOPTS_MCAST_QUERY_INTVL", U64),
	A(0, "BRIDGE_VLANDB_GOPTS_MCAST_QUERY_RESPONSE_INTVL", U64),
	A(0, "BRIDGE_VLANDB_GOPTS_MCAST_STARTUP_QUERY_INTVL", U64),
	A(0, "BRIDGE_VLANDB_GOPTS_MCAST_QUERIER", U8),
	N(0, "BRIDGE_VLANDB_GOPTS_MCAST_ROUTER_PORTS", mdbaRouterAttrs),
	N(0, "BRIDGE_VLANDB_GOPTS_MCAST_QUERIER_STATE", kindBridgeQuerierAttrs),
	A(0, "BRIDGE_VLANDB_GOPTS_MSTI", U16),
)

// VLAN database attributes (linux/if_bridge.h, BRIDGE_VLANDB_*).
var vlandbAttrs = Seq("bridge_vlandb", 1,
	N(0, "BRIDGE_VLANDB_ENTRY", vlandbEntryAttrs),
	N(0, "BRIDGE_VLANDB_GLOBAL_OPTIONS", vlandbGoptsAttrs),
)

const (
	vlanSummary = "dev {ifindex}" +
		"|vlan {BRIDGE_VLANDB_ENTRY.BRIDGE_VLANDB_ENTRY_INFO.vid}" +
		"|range {BRIDGE_VLANDB_ENTRY.BRIDGE_VLANDB_ENTRY_RANGE}" +
		"|{BRIDGE_VLANDB_ENTRY.BRIDGE_VLANDB_ENTRY_INFO.flags}" +
		"|state {BRIDGE_VLANDB_ENTRY.BRIDGE_VLANDB_ENTRY_STATE}" +
		"|global vlan {BRIDGE_VLANDB_GLOBAL_OPTIONS.BRIDGE_VLANDB_GOPTS_ID}" +
		"|range {BRIDGE_VLANDB_GLOBAL_OPTIONS.BRIDGE_VLANDB_GOPTS_RANGE}"
	vlanGetSummary = "dev {ifindex}|{BRIDGE_VLANDB_DUMP_FLAGS}"
)

func init() {
	addRouteMessages(
		&Message{Type: 52, Name: "RTM_NEWPREFIX", Kind: KindNew, Header: prefixmsg, Attrs: prefixAttrs, Summary: prefixSummary},

		&Message{Type: 68, Name: "RTM_NEWNDUSEROPT", Kind: KindNew, Header: nduseroptmsg, Summary: nduseroptSummary},

		&Message{Type: 72, Name: "RTM_NEWADDRLABEL", Kind: KindNew, Header: ifaddrlblmsg, Attrs: ifalAttrs, Summary: addrlabelSummary},
		&Message{Type: 73, Name: "RTM_DELADDRLABEL", Kind: KindDel, Header: ifaddrlblmsg, Attrs: ifalAttrs, Summary: addrlabelSummary},
		&Message{Type: 74, Name: "RTM_GETADDRLABEL", Kind: KindGet, Header: ifaddrlblmsg, Attrs: ifalAttrs, Summary: addrlabelSummary},

		&Message{Type: 80, Name: "RTM_NEWNETCONF", Kind: KindNew, Header: netconfmsg, Attrs: netconfAttrs, Summary: netconfSummary},
		&Message{Type: 81, Name: "RTM_DELNETCONF", Kind: KindDel, Header: netconfmsg, Attrs: netconfAttrs, Summary: netconfSummary},
		&Message{Type: 82, Name: "RTM_GETNETCONF", Kind: KindGet, Header: netconfmsg, Attrs: netconfAttrs, Summary: netconfSummary},

		&Message{Type: 84, Name: "RTM_NEWMDB", Kind: KindNew, Header: brPortMsg, Attrs: mdbaAttrs, RequestAttrs: mdbaSetEntryAttrs, Summary: mdbSummary},
		&Message{Type: 85, Name: "RTM_DELMDB", Kind: KindDel, Header: brPortMsg, Attrs: mdbaAttrs, RequestAttrs: mdbaSetEntryAttrs, Summary: mdbSummary},
		&Message{Type: 86, Name: "RTM_GETMDB", Kind: KindGet, Header: brPortMsg, Attrs: mdbaAttrs, RequestAttrs: mdbaGetEntryAttrs, Summary: mdbSummary},

		&Message{Type: 88, Name: "RTM_NEWNSID", Kind: KindNew, Header: nsidRtgenmsg, Attrs: netnsaAttrs, Summary: nsidSummary},
		&Message{Type: 89, Name: "RTM_DELNSID", Kind: KindDel, Header: nsidRtgenmsg, Attrs: netnsaAttrs, Summary: nsidSummary},
		&Message{Type: 90, Name: "RTM_GETNSID", Kind: KindGet, Header: nsidRtgenmsg, Attrs: netnsaAttrs, Summary: nsidSummary},

		&Message{Type: 112, Name: "RTM_NEWVLAN", Kind: KindNew, Header: brVlanMsg, Attrs: vlandbAttrs, Summary: vlanSummary},
		&Message{Type: 113, Name: "RTM_DELVLAN", Kind: KindDel, Header: brVlanMsg, Attrs: vlandbAttrs, Summary: vlanSummary},
		&Message{Type: 114, Name: "RTM_GETVLAN", Kind: KindGet, Header: brVlanMsg, Attrs: vlandbDumpAttrs, Summary: vlanGetSummary},
	)
}
