package codec

// Routes (RTM_NEWROUTE, RTM_DELROUTE, RTM_GETROUTE) and the lightweight
// tunnel encapsulations that RTA_ENCAP and NHA_ENCAP carry. The value
// enums at the top (scopes, protocols, route types, tables, IP protocols)
// are shared with the address, rule, nexthop, neighbour and tc tables.

// linux/rtnetlink.h: enum rt_scope_t.
var rtScopes = NewEnumMap("rt_scope_t", map[uint64]string{
	0:   "RT_SCOPE_UNIVERSE",
	200: "RT_SCOPE_SITE",
	253: "RT_SCOPE_LINK",
	254: "RT_SCOPE_HOST",
	255: "RT_SCOPE_NOWHERE",
})

// linux/rtnetlink.h: RTPROT_* (rtm_protocol). RTPROT_OVN is newer than 6.1.
var rtProtocols = NewEnumMap("rtprot", map[uint64]string{
	0:   "RTPROT_UNSPEC",
	1:   "RTPROT_REDIRECT",
	2:   "RTPROT_KERNEL",
	3:   "RTPROT_BOOT",
	4:   "RTPROT_STATIC",
	8:   "RTPROT_GATED",
	9:   "RTPROT_RA",
	10:  "RTPROT_MRT",
	11:  "RTPROT_ZEBRA",
	12:  "RTPROT_BIRD",
	13:  "RTPROT_DNROUTED",
	14:  "RTPROT_XORP",
	15:  "RTPROT_NTK",
	16:  "RTPROT_DHCP",
	17:  "RTPROT_MROUTED",
	18:  "RTPROT_KEEPALIVED",
	42:  "RTPROT_BABEL",
	84:  "RTPROT_OVN",
	99:  "RTPROT_OPENR",
	186: "RTPROT_BGP",
	187: "RTPROT_ISIS",
	188: "RTPROT_OSPF",
	189: "RTPROT_RIP",
	192: "RTPROT_EIGRP",
})

// linux/rtnetlink.h: RTN_* (rtm_type).
var rtTypes = NewEnum("rtm_type", 0,
	"RTN_UNSPEC", "RTN_UNICAST", "RTN_LOCAL", "RTN_BROADCAST", "RTN_ANYCAST",
	"RTN_MULTICAST", "RTN_BLACKHOLE", "RTN_UNREACHABLE", "RTN_PROHIBIT",
	"RTN_THROW", "RTN_NAT", "RTN_XRESOLVE")

// linux/rtnetlink.h: enum rt_class_t, the reserved table ids. RT_TABLE_MAX
// is a bound, not a table.
var rtTables = NewEnumMap("rt_class_t", map[uint64]string{
	0:   "RT_TABLE_UNSPEC",
	252: "RT_TABLE_COMPAT",
	253: "RT_TABLE_DEFAULT",
	254: "RT_TABLE_MAIN",
	255: "RT_TABLE_LOCAL",
})

// linux/in.h IPPROTO_* and linux/in6.h IPv6 extension headers.
// IPPROTO_HOPOPTS shares 0 with IPPROTO_IP and is left out; AGGFRAG and SMC
// are newer than 6.1.
var ipProtocols = NewEnumMap("ipproto", map[uint64]string{
	0:   "IPPROTO_IP",
	1:   "IPPROTO_ICMP",
	2:   "IPPROTO_IGMP",
	4:   "IPPROTO_IPIP",
	6:   "IPPROTO_TCP",
	8:   "IPPROTO_EGP",
	12:  "IPPROTO_PUP",
	17:  "IPPROTO_UDP",
	22:  "IPPROTO_IDP",
	29:  "IPPROTO_TP",
	33:  "IPPROTO_DCCP",
	41:  "IPPROTO_IPV6",
	43:  "IPPROTO_ROUTING",
	44:  "IPPROTO_FRAGMENT",
	46:  "IPPROTO_RSVP",
	47:  "IPPROTO_GRE",
	50:  "IPPROTO_ESP",
	51:  "IPPROTO_AH",
	58:  "IPPROTO_ICMPV6",
	59:  "IPPROTO_NONE",
	60:  "IPPROTO_DSTOPTS",
	92:  "IPPROTO_MTP",
	94:  "IPPROTO_BEETPH",
	98:  "IPPROTO_ENCAP",
	103: "IPPROTO_PIM",
	108: "IPPROTO_COMP",
	115: "IPPROTO_L2TP",
	132: "IPPROTO_SCTP",
	135: "IPPROTO_MH",
	136: "IPPROTO_UDPLITE",
	137: "IPPROTO_MPLS",
	143: "IPPROTO_ETHERNET",
	144: "IPPROTO_AGGFRAG",
	255: "IPPROTO_RAW",
	256: "IPPROTO_SMC",
	262: "IPPROTO_MPTCP",
})

// linux/rtnetlink.h: RTNH_F_* nexthop flags. Route dumps also copy them
// into rtm_flags, so rtmFlags below includes them.
var rtnhFlags = NewFlags("rtnh_flags", map[uint64]string{
	0x01: "RTNH_F_DEAD",
	0x02: "RTNH_F_PERVASIVE",
	0x04: "RTNH_F_ONLINK",
	0x08: "RTNH_F_OFFLOAD",
	0x10: "RTNH_F_LINKDOWN",
	0x20: "RTNH_F_UNRESOLVED",
	0x40: "RTNH_F_TRAP",
})

// linux/rtnetlink.h: RTM_F_* (rtm_flags), plus the RTNH_F_* low bits.
var rtmFlags = NewFlags("rtm_flags", map[uint64]string{
	0x01:       "RTNH_F_DEAD",
	0x02:       "RTNH_F_PERVASIVE",
	0x04:       "RTNH_F_ONLINK",
	0x08:       "RTNH_F_OFFLOAD",
	0x10:       "RTNH_F_LINKDOWN",
	0x20:       "RTNH_F_UNRESOLVED",
	0x40:       "RTNH_F_TRAP",
	0x100:      "RTM_F_NOTIFY",
	0x200:      "RTM_F_CLONED",
	0x400:      "RTM_F_EQUALIZE",
	0x800:      "RTM_F_PREFIX",
	0x1000:     "RTM_F_LOOKUP_TABLE",
	0x2000:     "RTM_F_FIB_MATCH",
	0x4000:     "RTM_F_OFFLOAD",
	0x8000:     "RTM_F_TRAP",
	0x20000000: "RTM_F_OFFLOAD_FAILED",
})

// linux/rtnetlink.h: struct rtmsg.
var rtmsg = NewStruct("rtmsg",
	FE("rtm_family", U8, addressFamilies),
	F("rtm_dst_len", U8),
	F("rtm_src_len", U8),
	F("rtm_tos", U8),
	FE("rtm_table", U8, rtTables),
	FE("rtm_protocol", U8, rtProtocols),
	FE("rtm_scope", U8, rtScopes),
	FE("rtm_type", U8, rtTypes),
	FF("rtm_flags", U32, rtmFlags),
)

// linux/rtnetlink.h: struct rtnexthop, one record of RTA_MULTIPATH.
var rtnexthop = NewStruct("rtnexthop",
	F("rtnh_len", U16),
	FF("rtnh_flags", U8, rtnhFlags),
	F("rtnh_hops", U8),
	F("rtnh_ifindex", S32),
)

// linux/rtnetlink.h: struct rtvia. The address takes the rest of the
// payload (4 bytes for AF_INET, 16 for AF_INET6).
var rtvia = &StructDef{
	Name:     "rtvia",
	Fields:   []Field{FE("rtvia_family", U16, addressFamilies)},
	Trailing: &Field{Name: "rtvia_addr", Type: IPAddr},
}

// linux/rtnetlink.h: struct rta_cacheinfo.
var rtaCacheinfo = NewStruct("rta_cacheinfo",
	F("rta_clntref", U32),
	F("rta_lastuse", U32),
	F("rta_expires", S32),
	F("rta_error", U32),
	F("rta_used", U32),
	F("rta_id", U32),
	F("rta_ts", U32),
	F("rta_tsage", U32),
)

// linux/rtnetlink.h: struct rta_mfc_stats (multicast routes).
var rtaMfcStats = NewStruct("rta_mfc_stats",
	F("mfcs_packets", U64),
	F("mfcs_bytes", U64),
	F("mfcs_wrong_if", U64),
)

// linux/rtnetlink.h: RTAX_LOCK is a mask with bit (1 << RTAX_x) set for
// each locked metric.
var rtaxLockFlags = NewBitFlags("rtax_lock", 2,
	"RTAX_MTU", "RTAX_WINDOW", "RTAX_RTT", "RTAX_RTTVAR", "RTAX_SSTHRESH",
	"RTAX_CWND", "RTAX_ADVMSS", "RTAX_REORDERING", "RTAX_HOPLIMIT",
	"RTAX_INITCWND", "RTAX_FEATURES", "RTAX_RTO_MIN", "RTAX_INITRWND",
	"RTAX_QUICKACK", "RTAX_CC_ALGO", "RTAX_FASTOPEN_NO_COOKIE")

// linux/rtnetlink.h: RTAX_FEATURE_*.
var rtaxFeatures = NewBitFlags("rtax_features", 0,
	"RTAX_FEATURE_ECN", "RTAX_FEATURE_SACK", "RTAX_FEATURE_TIMESTAMP",
	"RTAX_FEATURE_ALLFRAG")

// linux/rtnetlink.h: RTAX_* inside RTA_METRICS.
var rtaxAttrs = Set("rtax",
	A(1, "RTAX_LOCK", U32).WithFlags(rtaxLockFlags),
	A(2, "RTAX_MTU", U32),
	A(3, "RTAX_WINDOW", U32),
	A(4, "RTAX_RTT", U32),
	A(5, "RTAX_RTTVAR", U32),
	A(6, "RTAX_SSTHRESH", U32),
	A(7, "RTAX_CWND", U32),
	A(8, "RTAX_ADVMSS", U32),
	A(9, "RTAX_REORDERING", U32),
	A(10, "RTAX_HOPLIMIT", U32),
	A(11, "RTAX_INITCWND", U32),
	A(12, "RTAX_FEATURES", U32).WithFlags(rtaxFeatures),
	A(13, "RTAX_RTO_MIN", U32),
	A(14, "RTAX_INITRWND", U32),
	A(15, "RTAX_QUICKACK", U32),
	A(16, "RTAX_CC_ALGO", String),
	A(17, "RTAX_FASTOPEN_NO_COOKIE", U32),
)

// linux/icmpv6.h: ICMPV6_ROUTER_PREF_* (RTA_PREF).
var icmpv6RouterPrefs = NewEnumMap("icmpv6_router_pref", map[uint64]string{
	0: "ICMPV6_ROUTER_PREF_MEDIUM",
	1: "ICMPV6_ROUTER_PREF_HIGH",
	2: "ICMPV6_ROUTER_PREF_INVALID",
	3: "ICMPV6_ROUTER_PREF_LOW",
})

// linux/lwtunnel.h: enum lwtunnel_encap_types (RTA_ENCAP_TYPE,
// NHA_ENCAP_TYPE).
var lwtEncapTypes = NewEnum("lwtunnel_encap_types", 0,
	"LWTUNNEL_ENCAP_NONE", "LWTUNNEL_ENCAP_MPLS", "LWTUNNEL_ENCAP_IP",
	"LWTUNNEL_ENCAP_ILA", "LWTUNNEL_ENCAP_IP6", "LWTUNNEL_ENCAP_SEG6",
	"LWTUNNEL_ENCAP_BPF", "LWTUNNEL_ENCAP_SEG6_LOCAL", "LWTUNNEL_ENCAP_RPL",
	"LWTUNNEL_ENCAP_IOAM6", "LWTUNNEL_ENCAP_XFRM")

// Lightweight tunnel encapsulations, one set per LWTUNNEL_ENCAP_* type.
// MPLS label stack entries (label, TC, S, TTL: linux/mpls.h) are kept as
// whole big-endian words.

// linux/mpls_iptunnel.h: MPLS_IPTUNNEL_*.
var mplsIptunnelAttrs = Set("mpls_iptunnel",
	Arr(1, "MPLS_IPTUNNEL_DST", BE32),
	A(2, "MPLS_IPTUNNEL_TTL", U8),
)

// linux/lwtunnel.h: LWTUNNEL_IP_OPT_GENEVE_*.
var lwtIPOptGeneveAttrs = Set("lwtunnel_ip_opt_geneve",
	A(1, "LWTUNNEL_IP_OPT_GENEVE_CLASS", BE16),
	A(2, "LWTUNNEL_IP_OPT_GENEVE_TYPE", U8),
	A(3, "LWTUNNEL_IP_OPT_GENEVE_DATA", Binary),
)

// linux/lwtunnel.h: LWTUNNEL_IP_OPT_VXLAN_*.
var lwtIPOptVxlanAttrs = Set("lwtunnel_ip_opt_vxlan",
	A(1, "LWTUNNEL_IP_OPT_VXLAN_GBP", U32),
)

// linux/lwtunnel.h: LWTUNNEL_IP_OPT_ERSPAN_*.
var lwtIPOptErspanAttrs = Set("lwtunnel_ip_opt_erspan",
	A(1, "LWTUNNEL_IP_OPT_ERSPAN_VER", U8),
	A(2, "LWTUNNEL_IP_OPT_ERSPAN_INDEX", BE32),
	A(3, "LWTUNNEL_IP_OPT_ERSPAN_DIR", U8),
	A(4, "LWTUNNEL_IP_OPT_ERSPAN_HWID", U8),
)

// linux/lwtunnel.h: LWTUNNEL_IP_OPTS_*.
var lwtIPOptsAttrs = Set("lwtunnel_ip_opts",
	N(1, "LWTUNNEL_IP_OPTS_GENEVE", lwtIPOptGeneveAttrs),
	N(2, "LWTUNNEL_IP_OPTS_VXLAN", lwtIPOptVxlanAttrs),
	N(3, "LWTUNNEL_IP_OPTS_ERSPAN", lwtIPOptErspanAttrs),
)

// linux/lwtunnel.h: enum lwtunnel_ip_t. The id and the tunnel flags are
// written in network order by the kernel.
var lwtIPAttrs = Set("lwtunnel_ip",
	A(1, "LWTUNNEL_IP_ID", BE64),
	A(2, "LWTUNNEL_IP_DST", IPAddr),
	A(3, "LWTUNNEL_IP_SRC", IPAddr),
	A(4, "LWTUNNEL_IP_TTL", U8),
	A(5, "LWTUNNEL_IP_TOS", U8),
	A(6, "LWTUNNEL_IP_FLAGS", BE16),
	A(7, "LWTUNNEL_IP_PAD", Binary),
	N(8, "LWTUNNEL_IP_OPTS", lwtIPOptsAttrs),
)

// linux/lwtunnel.h: enum lwtunnel_ip6_t.
var lwtIP6Attrs = Set("lwtunnel_ip6",
	A(1, "LWTUNNEL_IP6_ID", BE64),
	A(2, "LWTUNNEL_IP6_DST", IPAddr),
	A(3, "LWTUNNEL_IP6_SRC", IPAddr),
	A(4, "LWTUNNEL_IP6_HOPLIMIT", U8),
	A(5, "LWTUNNEL_IP6_TC", U8),
	A(6, "LWTUNNEL_IP6_FLAGS", BE16),
	A(7, "LWTUNNEL_IP6_PAD", Binary),
	N(8, "LWTUNNEL_IP6_OPTS", lwtIPOptsAttrs),
)

// linux/ila.h: ILA_CSUM_*, ILA_ATYPE_*, ILA_HOOK_*, ILA_DIR_*.
var (
	ilaCsumModes = NewEnum("ila_csum", 0,
		"ILA_CSUM_ADJUST_TRANSPORT", "ILA_CSUM_NEUTRAL_MAP",
		"ILA_CSUM_NO_ACTION", "ILA_CSUM_NEUTRAL_MAP_AUTO")
	ilaIdentTypes = NewEnumMap("ila_atype", map[uint64]string{
		0:  "ILA_ATYPE_IID",
		1:  "ILA_ATYPE_LUID",
		2:  "ILA_ATYPE_VIRT_V4",
		3:  "ILA_ATYPE_VIRT_UNI_V6",
		4:  "ILA_ATYPE_VIRT_MULTI_V6",
		5:  "ILA_ATYPE_NONLOCAL_ADDR",
		6:  "ILA_ATYPE_RSVD_1",
		7:  "ILA_ATYPE_RSVD_2",
		32: "ILA_ATYPE_USE_FORMAT",
	})
	ilaHookTypes = NewEnum("ila_hook", 0,
		"ILA_HOOK_ROUTE_OUTPUT", "ILA_HOOK_ROUTE_INPUT")
	ilaDirs = NewBitFlags("ila_dir", 0, "ILA_DIR_IN", "ILA_DIR_OUT")
)

// linux/ila.h: ILA_ATTR_*, as used by the ILA encapsulation. Locators and
// identifiers are 64-bit address halves in network order.
var lwtIlaAttrs = Set("ila_attr",
	A(1, "ILA_ATTR_LOCATOR", BE64),
	A(2, "ILA_ATTR_IDENTIFIER", BE64),
	A(3, "ILA_ATTR_LOCATOR_MATCH", BE64),
	A(4, "ILA_ATTR_IFINDEX", S32),
	A(5, "ILA_ATTR_DIR", U32).WithFlags(ilaDirs),
	A(6, "ILA_ATTR_PAD", Binary),
	A(7, "ILA_ATTR_CSUM_MODE", U8).WithEnum(ilaCsumModes),
	A(8, "ILA_ATTR_IDENT_TYPE", U8).WithEnum(ilaIdentTypes),
	A(9, "ILA_ATTR_HOOK_TYPE", U8).WithEnum(ilaHookTypes),
)

// linux/seg6.h: SR6_FLAG1_* (ipv6_sr_hdr.flags).
var sr6Flags = NewFlags("sr6_flag1", map[uint64]string{
	1 << 3: "SR6_FLAG1_HMAC",
	1 << 4: "SR6_FLAG1_ALERT",
	1 << 5: "SR6_FLAG1_OAM",
	1 << 6: "SR6_FLAG1_PROTECTED",
})

// linux/seg6.h: struct ipv6_sr_hdr, then its segments. The header is a
// packet header, so tag is in network order.
var ipv6SrHdr = &StructDef{
	Name: "ipv6_sr_hdr",
	Fields: []Field{
		F("nexthdr", U8),
		F("hdrlen", U8),
		F("type", U8),
		F("segments_left", U8),
		F("first_segment", U8),
		FF("flags", U8, sr6Flags),
		F("tag", BE16),
	},
	Trailing:      &Field{Name: "segments", Type: IPAddr, Size: 16},
	TrailingCount: "first_segment",
	TrailingBias:  1,
	Rest:          &Field{Name: "tlvs", Type: Binary},
}

// linux/seg6_iptunnel.h: SEG6_IPTUN_MODE_*.
var seg6IptunModes = NewEnum("seg6_iptun_mode", 0,
	"SEG6_IPTUN_MODE_INLINE", "SEG6_IPTUN_MODE_ENCAP", "SEG6_IPTUN_MODE_L2ENCAP",
	"SEG6_IPTUN_MODE_ENCAP_RED", "SEG6_IPTUN_MODE_L2ENCAP_RED")

// linux/seg6_iptunnel.h: struct seg6_iptunnel_encap, flattened with the
// struct ipv6_sr_hdr that follows mode, so that its size is
// sizeof(seg6_iptunnel_encap) + sizeof(ipv6_sr_hdr).
var seg6IptunnelEncap = &StructDef{
	Name:          "seg6_iptunnel_encap",
	Fields:        append([]Field{FE("mode", S32, seg6IptunModes)}, ipv6SrHdr.Fields...),
	Trailing:      ipv6SrHdr.Trailing,
	TrailingCount: ipv6SrHdr.TrailingCount,
	TrailingBias:  ipv6SrHdr.TrailingBias,
	Rest:          ipv6SrHdr.Rest,
}

// linux/seg6_iptunnel.h: SEG6_IPTUNNEL_*.
var seg6IptunnelAttrs = Set("seg6_iptunnel",
	S(1, "SEG6_IPTUNNEL_SRH", seg6IptunnelEncap),
)

// linux/lwtunnel.h: LWT_BPF_PROG_*.
var lwtBpfProgAttrs = Set("lwt_bpf_prog",
	A(1, "LWT_BPF_PROG_FD", U32),
	A(2, "LWT_BPF_PROG_NAME", String),
)

// linux/lwtunnel.h: LWT_BPF_*.
var lwtBpfAttrs = Set("lwt_bpf",
	N(1, "LWT_BPF_IN", lwtBpfProgAttrs),
	N(2, "LWT_BPF_OUT", lwtBpfProgAttrs),
	N(3, "LWT_BPF_XMIT", lwtBpfProgAttrs),
	A(4, "LWT_BPF_XMIT_HEADROOM", U32),
)

// linux/seg6_local.h: SEG6_LOCAL_ACTION_*.
var seg6LocalActions = NewEnum("seg6_local_action", 0,
	"SEG6_LOCAL_ACTION_UNSPEC", "SEG6_LOCAL_ACTION_END", "SEG6_LOCAL_ACTION_END_X",
	"SEG6_LOCAL_ACTION_END_T", "SEG6_LOCAL_ACTION_END_DX2",
	"SEG6_LOCAL_ACTION_END_DX6", "SEG6_LOCAL_ACTION_END_DX4",
	"SEG6_LOCAL_ACTION_END_DT6", "SEG6_LOCAL_ACTION_END_DT4",
	"SEG6_LOCAL_ACTION_END_B6", "SEG6_LOCAL_ACTION_END_B6_ENCAP",
	"SEG6_LOCAL_ACTION_END_BM", "SEG6_LOCAL_ACTION_END_S",
	"SEG6_LOCAL_ACTION_END_AS", "SEG6_LOCAL_ACTION_END_AM",
	"SEG6_LOCAL_ACTION_END_BPF", "SEG6_LOCAL_ACTION_END_DT46")

// linux/seg6_local.h: SEG6_LOCAL_BPF_PROG_*.
var seg6LocalBpfProgAttrs = Set("seg6_local_bpf_prog",
	A(1, "SEG6_LOCAL_BPF_PROG", U32),
	A(2, "SEG6_LOCAL_BPF_PROG_NAME", String),
)

// linux/seg6_local.h: SEG6_LOCAL_CNT_*.
var seg6LocalCntAttrs = Set("seg6_local_cnt",
	A(1, "SEG6_LOCAL_CNT_PAD", Binary),
	A(2, "SEG6_LOCAL_CNT_PACKETS", U64),
	A(3, "SEG6_LOCAL_CNT_BYTES", U64),
	A(4, "SEG6_LOCAL_CNT_ERRORS", U64),
)

// linux/seg6_local.h: SEG6_LOCAL_FLV_OPERATION is a mask with bit
// (1 << SEG6_LOCAL_FLV_OP_x) set for each flavor.
var seg6LocalFlvOps = NewBitFlags("seg6_local_flv_op", 1,
	"SEG6_LOCAL_FLV_OP_PSP", "SEG6_LOCAL_FLV_OP_USP", "SEG6_LOCAL_FLV_OP_USD",
	"SEG6_LOCAL_FLV_OP_NEXT_CSID")

// linux/seg6_local.h: SEG6_LOCAL_FLV_*.
var seg6LocalFlvAttrs = Set("seg6_local_flv",
	A(1, "SEG6_LOCAL_FLV_OPERATION", U32).WithFlags(seg6LocalFlvOps),
	A(2, "SEG6_LOCAL_FLV_LCBLOCK_BITS", U8),
	A(3, "SEG6_LOCAL_FLV_LCNODE_FN_BITS", U8),
)

// linux/seg6_local.h: SEG6_LOCAL_*.
var seg6LocalAttrs = Set("seg6_local",
	A(1, "SEG6_LOCAL_ACTION", U32).WithEnum(seg6LocalActions),
	S(2, "SEG6_LOCAL_SRH", ipv6SrHdr),
	A(3, "SEG6_LOCAL_TABLE", U32).WithEnum(rtTables),
	A(4, "SEG6_LOCAL_NH4", IPAddr),
	A(5, "SEG6_LOCAL_NH6", IPAddr),
	A(6, "SEG6_LOCAL_IIF", U32),
	A(7, "SEG6_LOCAL_OIF", U32),
	N(8, "SEG6_LOCAL_BPF", seg6LocalBpfProgAttrs),
	A(9, "SEG6_LOCAL_VRFTABLE", U32).WithEnum(rtTables),
	N(10, "SEG6_LOCAL_COUNTERS", seg6LocalCntAttrs),
	N(11, "SEG6_LOCAL_FLAVORS", seg6LocalFlvAttrs),
)

// linux/rpl.h: struct ipv6_rpl_sr_hdr (packed). The 32-bit word after
// segments_left holds the cmpri/cmpre/pad bit fields, which have no single
// member name; the kernel stores uncompressed 16-byte segments.
var ipv6RplSrHdr = &StructDef{
	Name: "ipv6_rpl_sr_hdr",
	Fields: []Field{
		F("nexthdr", U8),
		F("hdrlen", U8),
		F("type", U8),
		F("segments_left", U8),
		Pad("cmpri_cmpre_pad", 4),
	},
	Trailing: &Field{Name: "segments", Type: IPAddr, Size: 16},
}

// linux/rpl_iptunnel.h: RPL_IPTUNNEL_*.
var rplIptunnelAttrs = Set("rpl_iptunnel",
	S(1, "RPL_IPTUNNEL_SRH", ipv6RplSrHdr),
)

// linux/ioam6.h: struct ioam6_trace_hdr (packed). The second and third
// bytes are the overflow/nodelen/remlen bit fields.
var ioam6TraceHdr = NewStruct("ioam6_trace_hdr",
	F("namespace_id", BE16),
	Pad("overflow_nodelen_remlen", 2),
	F("type_be32", BE32),
)

// linux/ioam6_iptunnel.h: IOAM6_IPTUNNEL_MODE_*.
var ioam6IptunnelModes = NewEnum("ioam6_iptunnel_mode", 1,
	"IOAM6_IPTUNNEL_MODE_INLINE", "IOAM6_IPTUNNEL_MODE_ENCAP",
	"IOAM6_IPTUNNEL_MODE_AUTO")

// linux/ioam6_iptunnel.h: IOAM6_IPTUNNEL_*. IOAM6_IPTUNNEL_SRC is newer
// than 6.1.
var ioam6IptunnelAttrs = Set("ioam6_iptunnel",
	A(1, "IOAM6_IPTUNNEL_MODE", U8).WithEnum(ioam6IptunnelModes),
	A(2, "IOAM6_IPTUNNEL_DST", IPAddr),
	S(3, "IOAM6_IPTUNNEL_TRACE", ioam6TraceHdr),
	A(4, "IOAM6_IPTUNNEL_FREQ_K", U32),
	A(5, "IOAM6_IPTUNNEL_FREQ_N", U32),
	A(6, "IOAM6_IPTUNNEL_SRC", IPAddr),
)

// linux/lwtunnel.h: LWT_XFRM_*.
var lwtXfrmAttrs = Set("lwt_xfrm",
	A(1, "LWT_XFRM_IF_ID", U32),
	A(2, "LWT_XFRM_LINK", U32),
)

// lwtEncapCases maps each LWTUNNEL_ENCAP_* value to the layout of
// RTA_ENCAP / NHA_ENCAP; the nexthop table selects from the same map.
var lwtEncapCases = map[uint64]*Attr{
	1:  Data(Nested, mplsIptunnelAttrs),
	2:  Data(Nested, lwtIPAttrs),
	3:  Data(Nested, lwtIlaAttrs),
	4:  Data(Nested, lwtIP6Attrs),
	5:  Data(Nested, seg6IptunnelAttrs),
	6:  Data(Nested, lwtBpfAttrs),
	7:  Data(Nested, seg6LocalAttrs),
	8:  Data(Nested, rplIptunnelAttrs),
	9:  Data(Nested, ioam6IptunnelAttrs),
	10: Data(Nested, lwtXfrmAttrs),
}

// AF_MPLS routes put a label stack entry where other families put an
// address; by length alone it would print as an IPv4 address.
var rtaMplsLabels = map[uint64]*Attr{
	28: {Type: Array, Elem: BE32},
}

// rtaMultipath's hops carry RTA_* attributes themselves; init closes the
// cycle.
var rtaMultipath = &Attr{Num: 9, Name: "RTA_MULTIPATH", Type: Records, Struct: rtnexthop}

// linux/rtnetlink.h: enum rtattr_type_t. RTA_FLOWLABEL is newer than 6.1.
var routeAttrs = Set("rta",
	A(1, "RTA_DST", IPAddr).SelectByHeader("rtm_family", rtaMplsLabels),
	A(2, "RTA_SRC", IPAddr),
	A(3, "RTA_IIF", U32),
	A(4, "RTA_OIF", U32),
	A(5, "RTA_GATEWAY", IPAddr),
	A(6, "RTA_PRIORITY", U32),
	A(7, "RTA_PREFSRC", IPAddr),
	N(8, "RTA_METRICS", rtaxAttrs),
	rtaMultipath,
	A(10, "RTA_PROTOINFO", Binary),
	A(11, "RTA_FLOW", U32),
	S(12, "RTA_CACHEINFO", rtaCacheinfo),
	A(13, "RTA_SESSION", Binary),
	A(14, "RTA_MP_ALGO", Binary),
	A(15, "RTA_TABLE", U32).WithEnum(rtTables),
	A(16, "RTA_MARK", U32),
	S(17, "RTA_MFC_STATS", rtaMfcStats),
	S(18, "RTA_VIA", rtvia),
	Arr(19, "RTA_NEWDST", BE32),
	A(20, "RTA_PREF", U8).WithEnum(icmpv6RouterPrefs),
	A(21, "RTA_ENCAP_TYPE", U16).WithEnum(lwtEncapTypes),
	A(22, "RTA_ENCAP", Binary).SelectByInt("RTA_ENCAP_TYPE", lwtEncapCases),
	A(23, "RTA_EXPIRES", U32),
	A(24, "RTA_PAD", Binary),
	A(25, "RTA_UID", U32),
	A(26, "RTA_TTL_PROPAGATE", U8),
	A(27, "RTA_IP_PROTO", U8).WithEnum(ipProtocols),
	A(28, "RTA_SPORT", BE16),
	A(29, "RTA_DPORT", BE16),
	A(30, "RTA_NH_ID", U32),
	A(31, "RTA_FLOWLABEL", BE32),
)

const routeSummary = "{rtm_family}|{rtm_type}|{RTA_DST}/{rtm_dst_len}|from {RTA_SRC}/{rtm_src_len}" +
	"|as to {RTA_NEWDST}|via {RTA_GATEWAY}|via {RTA_VIA}|dev {RTA_OIF}|iif {RTA_IIF}" +
	"|table {RTA_TABLE}|proto {rtm_protocol}|scope {rtm_scope}|src {RTA_PREFSRC}" +
	"|metric {RTA_PRIORITY}|nhid {RTA_NH_ID}|encap {RTA_ENCAP_TYPE}"

func init() {
	rtaMultipath.Set = routeAttrs
	addRouteMessages(
		&Message{Type: 24, Name: "RTM_NEWROUTE", Kind: KindNew, Header: rtmsg, Attrs: routeAttrs, Summary: routeSummary},
		&Message{Type: 25, Name: "RTM_DELROUTE", Kind: KindDel, Header: rtmsg, Attrs: routeAttrs, Summary: routeSummary},
		&Message{Type: 26, Name: "RTM_GETROUTE", Kind: KindGet, Header: rtmsg, Attrs: routeAttrs, Summary: routeSummary},
	)
}
