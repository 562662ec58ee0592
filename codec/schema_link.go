package codec

// rtnetlink LINK messages (RTM_NEWLINK/DELLINK/GETLINK/SETLINK, the
// LINKPROP messages) and link statistics (RTM_NEWSTATS/GETSTATS/SETSTATS).
//
// The kind-specific payloads under IFLA_LINKINFO (IFLA_INFO_DATA and
// IFLA_INFO_SLAVE_DATA) live in schema_linkkinds.go as linkKindData and
// linkSlaveKindData. Those tables point back at ifinfomsg and linkAttrs
// (the veth peer), so the selectors are attached in init() to keep package
// initialization free of cycles.

// linux/if.h: enum net_device_flags (IFF_*), ifi_flags and ifi_change.
var linkIffFlags = NewBitFlags("net_device_flags", 0,
	"IFF_UP", "IFF_BROADCAST", "IFF_DEBUG", "IFF_LOOPBACK",
	"IFF_POINTOPOINT", "IFF_NOTRAILERS", "IFF_RUNNING", "IFF_NOARP",
	"IFF_PROMISC", "IFF_ALLMULTI", "IFF_MASTER", "IFF_SLAVE",
	"IFF_MULTICAST", "IFF_PORTSEL", "IFF_AUTOMEDIA", "IFF_DYNAMIC",
	"IFF_LOWER_UP", "IFF_DORMANT", "IFF_ECHO",
)

// linux/if.h: IF_OPER_* (RFC 2863 operational states), IFLA_OPERSTATE.
var linkOperStates = NewEnum("if_oper", 0,
	"IF_OPER_UNKNOWN", "IF_OPER_NOTPRESENT", "IF_OPER_DOWN",
	"IF_OPER_LOWERLAYERDOWN", "IF_OPER_TESTING", "IF_OPER_DORMANT",
	"IF_OPER_UP",
)

// linux/if.h: IF_LINK_MODE_*, IFLA_LINKMODE.
var linkModes = NewEnum("if_link_mode", 0,
	"IF_LINK_MODE_DEFAULT", "IF_LINK_MODE_DORMANT", "IF_LINK_MODE_TESTING",
)

// linux/if_arp.h: ARPHRD_* device types, ifi_type. ARPHRD_HDLC is an alias
// of ARPHRD_CISCO and is left out so that 513 has one name.
var linkArphrdTypes = NewEnumMap("arphrd", map[uint64]string{
	0: "ARPHRD_NETROM", 1: "ARPHRD_ETHER", 2: "ARPHRD_EETHER",
	3: "ARPHRD_AX25", 4: "ARPHRD_PRONET", 5: "ARPHRD_CHAOS",
	6: "ARPHRD_IEEE802", 7: "ARPHRD_ARCNET", 8: "ARPHRD_APPLETLK",
	15: "ARPHRD_DLCI", 19: "ARPHRD_ATM", 23: "ARPHRD_METRICOM",
	24: "ARPHRD_IEEE1394", 27: "ARPHRD_EUI64", 32: "ARPHRD_INFINIBAND",
	256: "ARPHRD_SLIP", 257: "ARPHRD_CSLIP", 258: "ARPHRD_SLIP6",
	259: "ARPHRD_CSLIP6", 260: "ARPHRD_RSRVD", 264: "ARPHRD_ADAPT",
	270: "ARPHRD_ROSE", 271: "ARPHRD_X25", 272: "ARPHRD_HWX25",
	280: "ARPHRD_CAN", 290: "ARPHRD_MCTP",
	512: "ARPHRD_PPP", 513: "ARPHRD_CISCO", 516: "ARPHRD_LAPB",
	517: "ARPHRD_DDCMP", 518: "ARPHRD_RAWHDLC", 519: "ARPHRD_RAWIP",
	768: "ARPHRD_TUNNEL", 769: "ARPHRD_TUNNEL6", 770: "ARPHRD_FRAD",
	771: "ARPHRD_SKIP", 772: "ARPHRD_LOOPBACK", 773: "ARPHRD_LOCALTLK",
	774: "ARPHRD_FDDI", 775: "ARPHRD_BIF", 776: "ARPHRD_SIT",
	777: "ARPHRD_IPDDP", 778: "ARPHRD_IPGRE", 779: "ARPHRD_PIMREG",
	780: "ARPHRD_HIPPI", 781: "ARPHRD_ASH", 782: "ARPHRD_ECONET",
	783: "ARPHRD_IRDA", 784: "ARPHRD_FCPP", 785: "ARPHRD_FCAL",
	786: "ARPHRD_FCPL", 787: "ARPHRD_FCFABRIC",
	800: "ARPHRD_IEEE802_TR", 801: "ARPHRD_IEEE80211",
	802: "ARPHRD_IEEE80211_PRISM", 803: "ARPHRD_IEEE80211_RADIOTAP",
	804: "ARPHRD_IEEE802154", 805: "ARPHRD_IEEE802154_MONITOR",
	820: "ARPHRD_PHONET", 821: "ARPHRD_PHONET_PIPE", 822: "ARPHRD_CAIF",
	823: "ARPHRD_IP6GRE", 824: "ARPHRD_NETLINK", 825: "ARPHRD_6LOWPAN",
	826: "ARPHRD_VSOCKMON", 0xFFFE: "ARPHRD_NONE", 0xFFFF: "ARPHRD_VOID",
})

// linux/rtnetlink.h: struct ifinfomsg, the fixed header of LINK messages.
var ifinfomsg = NewStruct("ifinfomsg",
	FE("ifi_family", U8, addressFamilies),
	Pad("_ifi_pad", 1),
	FE("ifi_type", U16, linkArphrdTypes),
	F("ifi_index", S32),
	FF("ifi_flags", U32, linkIffFlags),
	FF("ifi_change", U32, linkIffFlags),
)

// linux/rtnetlink.h: RTEXT_FILTER_* bits of IFLA_EXT_MASK.
var linkRtextFilter = NewBitFlags("rtext_filter", 0,
	"RTEXT_FILTER_VF", "RTEXT_FILTER_BRVLAN", "RTEXT_FILTER_BRVLAN_COMPRESSED",
	"RTEXT_FILTER_SKIP_STATS", "RTEXT_FILTER_MRP", "RTEXT_FILTER_CFM_CONFIG",
	"RTEXT_FILTER_CFM_STATUS", "RTEXT_FILTER_MST",
)

// linux/if_link.h: struct rtnl_link_stats (IFLA_STATS).
var linkStats32 = NewStruct("rtnl_link_stats",
	F("rx_packets", U32), F("tx_packets", U32),
	F("rx_bytes", U32), F("tx_bytes", U32),
	F("rx_errors", U32), F("tx_errors", U32),
	F("rx_dropped", U32), F("tx_dropped", U32),
	F("multicast", U32), F("collisions", U32),
	F("rx_length_errors", U32), F("rx_over_errors", U32),
	F("rx_crc_errors", U32), F("rx_frame_errors", U32),
	F("rx_fifo_errors", U32), F("rx_missed_errors", U32),
	F("tx_aborted_errors", U32), F("tx_carrier_errors", U32),
	F("tx_fifo_errors", U32), F("tx_heartbeat_errors", U32),
	F("tx_window_errors", U32),
	F("rx_compressed", U32), F("tx_compressed", U32),
	F("rx_nohandler", U32),
)

// linux/if_link.h: struct rtnl_link_stats64 (IFLA_STATS64,
// IFLA_STATS_LINK_64, IFLA_OFFLOAD_XSTATS_CPU_HIT).
var linkStats64 = NewStruct("rtnl_link_stats64",
	F("rx_packets", U64), F("tx_packets", U64),
	F("rx_bytes", U64), F("tx_bytes", U64),
	F("rx_errors", U64), F("tx_errors", U64),
	F("rx_dropped", U64), F("tx_dropped", U64),
	F("multicast", U64), F("collisions", U64),
	F("rx_length_errors", U64), F("rx_over_errors", U64),
	F("rx_crc_errors", U64), F("rx_frame_errors", U64),
	F("rx_fifo_errors", U64), F("rx_missed_errors", U64),
	F("tx_aborted_errors", U64), F("tx_carrier_errors", U64),
	F("tx_fifo_errors", U64), F("tx_heartbeat_errors", U64),
	F("tx_window_errors", U64),
	F("rx_compressed", U64), F("tx_compressed", U64),
	F("rx_nohandler", U64),
	F("rx_otherhost_dropped", U64),
)

// linux/if_link.h: struct rtnl_hw_stats64 (IFLA_OFFLOAD_XSTATS_L3_STATS).
var linkHwStats64 = NewStruct("rtnl_hw_stats64",
	F("rx_packets", U64), F("tx_packets", U64),
	F("rx_bytes", U64), F("tx_bytes", U64),
	F("rx_errors", U64), F("tx_errors", U64),
	F("rx_dropped", U64), F("tx_dropped", U64),
	F("multicast", U64),
)

// linux/if_link.h: struct rtnl_link_ifmap (IFLA_MAP). The u64 members
// align the struct to 8, so 4 bytes of tail padding follow port.
var linkIfmap = NewStruct("rtnl_link_ifmap",
	F("mem_start", U64), F("mem_end", U64), F("base_addr", U64),
	F("irq", U16), F("dma", U8), F("port", U8),
	Pad("pad", 4),
)

// linux/if_link.h: IFLA_PROTO_DOWN_REASON_*.
var linkProtoDownReasonAttrs = Set("proto_down_reason",
	A(1, "IFLA_PROTO_DOWN_REASON_MASK", U32),
	A(2, "IFLA_PROTO_DOWN_REASON_VALUE", U32),
)

// linux/ip.h: IPV4_DEVCONF_*. IFLA_INET_CONF carries devconf id i+1 in
// element i, so the index names are shifted down by one.
var linkIPv4Devconf = NewEnum("ipv4_devconf", 0,
	"IPV4_DEVCONF_FORWARDING", "IPV4_DEVCONF_MC_FORWARDING",
	"IPV4_DEVCONF_PROXY_ARP", "IPV4_DEVCONF_ACCEPT_REDIRECTS",
	"IPV4_DEVCONF_SECURE_REDIRECTS", "IPV4_DEVCONF_SEND_REDIRECTS",
	"IPV4_DEVCONF_SHARED_MEDIA", "IPV4_DEVCONF_RP_FILTER",
	"IPV4_DEVCONF_ACCEPT_SOURCE_ROUTE", "IPV4_DEVCONF_BOOTP_RELAY",
	"IPV4_DEVCONF_LOG_MARTIANS", "IPV4_DEVCONF_TAG",
	"IPV4_DEVCONF_ARPFILTER", "IPV4_DEVCONF_MEDIUM_ID",
	"IPV4_DEVCONF_NOXFRM", "IPV4_DEVCONF_NOPOLICY",
	"IPV4_DEVCONF_FORCE_IGMP_VERSION", "IPV4_DEVCONF_ARP_ANNOUNCE",
	"IPV4_DEVCONF_ARP_IGNORE", "IPV4_DEVCONF_PROMOTE_SECONDARIES",
	"IPV4_DEVCONF_ARP_ACCEPT", "IPV4_DEVCONF_ARP_NOTIFY",
	"IPV4_DEVCONF_ACCEPT_LOCAL", "IPV4_DEVCONF_SRC_VMARK",
	"IPV4_DEVCONF_PROXY_ARP_PVLAN", "IPV4_DEVCONF_ROUTE_LOCALNET",
	"IPV4_DEVCONF_IGMPV2_UNSOLICITED_REPORT_INTERVAL",
	"IPV4_DEVCONF_IGMPV3_UNSOLICITED_REPORT_INTERVAL",
	"IPV4_DEVCONF_IGNORE_ROUTES_WITH_LINKDOWN",
	"IPV4_DEVCONF_DROP_UNICAST_IN_L2_MULTICAST",
	"IPV4_DEVCONF_DROP_GRATUITOUS_ARP", "IPV4_DEVCONF_BC_FORWARDING",
	"IPV4_DEVCONF_ARP_EVICT_NOCARRIER",
)

// linux/if_link.h: IFLA_INET_* (AF_INET inside IFLA_AF_SPEC). On output
// IFLA_INET_CONF is an array of u32; a SETLINK request carries a nest of
// {devconf id: u32} instead, which this table does not describe.
var linkInetAttrs = Set("inet",
	Arr(1, "IFLA_INET_CONF", U32).WithIndex(linkIPv4Devconf),
)

// linux/ipv6.h: DEVCONF_* (IFLA_INET6_CONF element i is DEVCONF id i).
// DEVCONF_FORCE_FORWARDING is newer than the installed header.
var linkIPv6Devconf = NewEnum("ipv6_devconf", 0,
	"DEVCONF_FORWARDING", "DEVCONF_HOPLIMIT", "DEVCONF_MTU6",
	"DEVCONF_ACCEPT_RA", "DEVCONF_ACCEPT_REDIRECTS", "DEVCONF_AUTOCONF",
	"DEVCONF_DAD_TRANSMITS", "DEVCONF_RTR_SOLICITS",
	"DEVCONF_RTR_SOLICIT_INTERVAL", "DEVCONF_RTR_SOLICIT_DELAY",
	"DEVCONF_USE_TEMPADDR", "DEVCONF_TEMP_VALID_LFT",
	"DEVCONF_TEMP_PREFERED_LFT", "DEVCONF_REGEN_MAX_RETRY",
	"DEVCONF_MAX_DESYNC_FACTOR", "DEVCONF_MAX_ADDRESSES",
	"DEVCONF_FORCE_MLD_VERSION", "DEVCONF_ACCEPT_RA_DEFRTR",
	"DEVCONF_ACCEPT_RA_PINFO", "DEVCONF_ACCEPT_RA_RTR_PREF",
	"DEVCONF_RTR_PROBE_INTERVAL", "DEVCONF_ACCEPT_RA_RT_INFO_MAX_PLEN",
	"DEVCONF_PROXY_NDP", "DEVCONF_OPTIMISTIC_DAD",
	"DEVCONF_ACCEPT_SOURCE_ROUTE", "DEVCONF_MC_FORWARDING",
	"DEVCONF_DISABLE_IPV6", "DEVCONF_ACCEPT_DAD", "DEVCONF_FORCE_TLLAO",
	"DEVCONF_NDISC_NOTIFY", "DEVCONF_MLDV1_UNSOLICITED_REPORT_INTERVAL",
	"DEVCONF_MLDV2_UNSOLICITED_REPORT_INTERVAL",
	"DEVCONF_SUPPRESS_FRAG_NDISC", "DEVCONF_ACCEPT_RA_FROM_LOCAL",
	"DEVCONF_USE_OPTIMISTIC", "DEVCONF_ACCEPT_RA_MTU",
	"DEVCONF_STABLE_SECRET", "DEVCONF_USE_OIF_ADDRS_ONLY",
	"DEVCONF_ACCEPT_RA_MIN_HOP_LIMIT",
	"DEVCONF_IGNORE_ROUTES_WITH_LINKDOWN",
	"DEVCONF_DROP_UNICAST_IN_L2_MULTICAST", "DEVCONF_DROP_UNSOLICITED_NA",
	"DEVCONF_KEEP_ADDR_ON_DOWN", "DEVCONF_RTR_SOLICIT_MAX_INTERVAL",
	"DEVCONF_SEG6_ENABLED", "DEVCONF_SEG6_REQUIRE_HMAC",
	"DEVCONF_ENHANCED_DAD", "DEVCONF_ADDR_GEN_MODE",
	"DEVCONF_DISABLE_POLICY", "DEVCONF_ACCEPT_RA_RT_INFO_MIN_PLEN",
	"DEVCONF_NDISC_TCLASS", "DEVCONF_RPL_SEG_ENABLED",
	"DEVCONF_RA_DEFRTR_METRIC", "DEVCONF_IOAM6_ENABLED",
	"DEVCONF_IOAM6_ID", "DEVCONF_IOAM6_ID_WIDE",
	"DEVCONF_NDISC_EVICT_NOCARRIER", "DEVCONF_ACCEPT_UNTRACKED_NA",
	"DEVCONF_ACCEPT_RA_MIN_LFT", "DEVCONF_FORCE_FORWARDING",
)

// linux/snmp.h: IPSTATS_MIB_* (IFLA_INET6_STATS). Element 0 is the count.
// Only the leading entries are named: the kernel reordered the rest of
// this enum after 6.1 (OUTREQUESTS added, ECN and OUTPKTS counters moved),
// so later positions mean different counters on different kernels.
var linkIPStatsMib = NewEnum("ipstats_mib", 0,
	"IPSTATS_MIB_NUM", "IPSTATS_MIB_INPKTS", "IPSTATS_MIB_INOCTETS",
	"IPSTATS_MIB_INDELIVERS",
)

// linux/snmp.h: ICMP6_MIB_* (IFLA_INET6_ICMP6STATS). Element 0 is the count.
var linkICMP6Mib = NewEnum("icmp6_mib", 0,
	"ICMP6_MIB_NUM", "ICMP6_MIB_INMSGS", "ICMP6_MIB_INERRORS",
	"ICMP6_MIB_OUTMSGS", "ICMP6_MIB_OUTERRORS", "ICMP6_MIB_CSUMERRORS",
	"ICMP6_MIB_RATELIMITHOST",
)

// net/if_inet6.h (kernel-internal, not in uapi): IF_RA_*, IF_RS_SENT and
// IF_READY, the bits of IFLA_INET6_FLAGS.
var linkInet6Flags = NewFlags("inet6_if_flags", map[uint64]string{
	0x10: "IF_RS_SENT", 0x20: "IF_RA_RCVD", 0x40: "IF_RA_MANAGED",
	0x80: "IF_RA_OTHERCONF", 0x80000000: "IF_READY",
})

// linux/if_link.h: enum in6_addr_gen_mode (IFLA_INET6_ADDR_GEN_MODE).
var linkIn6AddrGenModes = NewEnum("in6_addr_gen_mode", 0,
	"IN6_ADDR_GEN_MODE_EUI64", "IN6_ADDR_GEN_MODE_NONE",
	"IN6_ADDR_GEN_MODE_STABLE_PRIVACY", "IN6_ADDR_GEN_MODE_RANDOM",
)

// linux/if_link.h: struct ifla_cacheinfo (IFLA_INET6_CACHEINFO).
var linkCacheinfo = NewStruct("ifla_cacheinfo",
	F("max_reasm_len", U32), F("tstamp", U32),
	F("reachable_time", U32), F("retrans_time", U32),
)

// linux/if_link.h: IFLA_INET6_* (AF_INET6 inside IFLA_AF_SPEC, and
// IFLA_PROTINFO of the AF_INET6 link messages sent by addrconf).
var linkInet6Attrs = Set("inet6",
	A(1, "IFLA_INET6_FLAGS", U32).WithFlags(linkInet6Flags),
	Arr(2, "IFLA_INET6_CONF", S32).WithIndex(linkIPv6Devconf),
	Arr(3, "IFLA_INET6_STATS", U64).WithIndex(linkIPStatsMib),
	A(4, "IFLA_INET6_MCAST", Binary),
	S(5, "IFLA_INET6_CACHEINFO", linkCacheinfo),
	Arr(6, "IFLA_INET6_ICMP6STATS", U64).WithIndex(linkICMP6Mib),
	A(7, "IFLA_INET6_TOKEN", IPAddr),
	A(8, "IFLA_INET6_ADDR_GEN_MODE", U8).WithEnum(linkIn6AddrGenModes),
	A(9, "IFLA_INET6_RA_MTU", U32),
)

// linux/if_link.h: IFLA_MCTP_* (AF_MCTP inside IFLA_AF_SPEC).
// IFLA_MCTP_PHYS_BINDING is newer than the installed header.
var linkMctpAttrs = Set("mctp",
	A(1, "IFLA_MCTP_NET", U32),
	A(2, "IFLA_MCTP_PHYS_BINDING", U8),
)

// IFLA_AF_SPEC of ordinary link messages: one nest per address family
// that registered link attributes (rtnl_af_ops with fill_link_af).
var linkAfSpecAttrs = Set("af_spec",
	N(2, "AF_INET", linkInetAttrs),
	N(10, "AF_INET6", linkInet6Attrs),
	N(45, "AF_MCTP", linkMctpAttrs),
)

// linux/if_bridge.h: BR_STATE_* (STP port states).
var linkBrStates = NewEnum("br_state", 0,
	"BR_STATE_DISABLED", "BR_STATE_LISTENING", "BR_STATE_LEARNING",
	"BR_STATE_FORWARDING", "BR_STATE_BLOCKING",
)

// linux/if_bridge.h: MDB_RTR_TYPE_* (IFLA_BRPORT_MULTICAST_ROUTER).
var linkMdbRtrTypes = NewEnum("mdb_rtr_type", 0,
	"MDB_RTR_TYPE_DISABLED", "MDB_RTR_TYPE_TEMP_QUERY",
	"MDB_RTR_TYPE_PERM", "MDB_RTR_TYPE_TEMP",
)

// linux/if_link.h: struct ifla_bridge_id (designated root/bridge).
var linkBridgeID = NewStruct("ifla_bridge_id",
	FB("prio", Binary, 2),
	FB("addr", HWAddr, 6),
)

// linux/if_link.h: IFLA_BRPORT_* (IFLA_PROTINFO of AF_BRIDGE link
// messages, and IFLA_INFO_SLAVE_DATA of bridge ports). Boolean port
// options are u8 0/1 on the wire, not flags; only IFLA_BRPORT_FLUSH is a
// flag. The entries after IFLA_BRPORT_LOCKED are newer than the installed
// header.
var brportAttrs = Set("brport",
	A(1, "IFLA_BRPORT_STATE", U8).WithEnum(linkBrStates),
	A(2, "IFLA_BRPORT_PRIORITY", U16),
	A(3, "IFLA_BRPORT_COST", U32),
	A(4, "IFLA_BRPORT_MODE", U8),
	A(5, "IFLA_BRPORT_GUARD", U8),
	A(6, "IFLA_BRPORT_PROTECT", U8),
	A(7, "IFLA_BRPORT_FAST_LEAVE", U8),
	A(8, "IFLA_BRPORT_LEARNING", U8),
	A(9, "IFLA_BRPORT_UNICAST_FLOOD", U8),
	A(10, "IFLA_BRPORT_PROXYARP", U8),
	A(11, "IFLA_BRPORT_LEARNING_SYNC", U8),
	A(12, "IFLA_BRPORT_PROXYARP_WIFI", U8),
	S(13, "IFLA_BRPORT_ROOT_ID", linkBridgeID),
	S(14, "IFLA_BRPORT_BRIDGE_ID", linkBridgeID),
	A(15, "IFLA_BRPORT_DESIGNATED_PORT", U16),
	A(16, "IFLA_BRPORT_DESIGNATED_COST", U16),
	A(17, "IFLA_BRPORT_ID", U16),
	A(18, "IFLA_BRPORT_NO", U16),
	A(19, "IFLA_BRPORT_TOPOLOGY_CHANGE_ACK", U8),
	A(20, "IFLA_BRPORT_CONFIG_PENDING", U8),
	A(21, "IFLA_BRPORT_MESSAGE_AGE_TIMER", U64),
	A(22, "IFLA_BRPORT_FORWARD_DELAY_TIMER", U64),
	A(23, "IFLA_BRPORT_HOLD_TIMER", U64),
	A(24, "IFLA_BRPORT_FLUSH", Flag),
	A(25, "IFLA_BRPORT_MULTICAST_ROUTER", U8).WithEnum(linkMdbRtrTypes),
	A(26, "IFLA_BRPORT_PAD", Binary),
	A(27, "IFLA_BRPORT_MCAST_FLOOD", U8),
	A(28, "IFLA_BRPORT_MCAST_TO_UCAST", U8),
	A(29, "IFLA_BRPORT_VLAN_TUNNEL", U8),
	A(30, "IFLA_BRPORT_BCAST_FLOOD", U8),
	A(31, "IFLA_BRPORT_GROUP_FWD_MASK", U16),
	A(32, "IFLA_BRPORT_NEIGH_SUPPRESS", U8),
	A(33, "IFLA_BRPORT_ISOLATED", U8),
	A(34, "IFLA_BRPORT_BACKUP_PORT", U32),
	A(35, "IFLA_BRPORT_MRP_RING_OPEN", U8),
	A(36, "IFLA_BRPORT_MRP_IN_OPEN", U8),
	A(37, "IFLA_BRPORT_MCAST_EHT_HOSTS_LIMIT", U32),
	A(38, "IFLA_BRPORT_MCAST_EHT_HOSTS_CNT", U32),
	A(39, "IFLA_BRPORT_LOCKED", U8),
	A(40, "IFLA_BRPORT_MAB", U8),
	A(41, "IFLA_BRPORT_MCAST_N_GROUPS", U32),
	A(42, "IFLA_BRPORT_MCAST_MAX_GROUPS", U32),
	A(43, "IFLA_BRPORT_NEIGH_VLAN_SUPPRESS", U8),
	A(44, "IFLA_BRPORT_BACKUP_NHID", U32),
)

// linux/if_bridge.h: BRIDGE_FLAGS_*, BRIDGE_MODE_* and BRIDGE_VLAN_INFO_*.
var (
	linkBridgeFlags = NewFlags("bridge_flags", map[uint64]string{
		1: "BRIDGE_FLAGS_MASTER", 2: "BRIDGE_FLAGS_SELF",
	})
	linkBridgeModes = NewEnumMap("bridge_mode", map[uint64]string{
		0: "BRIDGE_MODE_VEB", 1: "BRIDGE_MODE_VEPA", 0xFFFF: "BRIDGE_MODE_UNDEF",
	})
	linkBridgeVlanInfoFlags = NewBitFlags("bridge_vlan_info_flags", 0,
		"BRIDGE_VLAN_INFO_MASTER", "BRIDGE_VLAN_INFO_PVID",
		"BRIDGE_VLAN_INFO_UNTAGGED", "BRIDGE_VLAN_INFO_RANGE_BEGIN",
		"BRIDGE_VLAN_INFO_RANGE_END", "BRIDGE_VLAN_INFO_BRENTRY",
		"BRIDGE_VLAN_INFO_ONLY_OPTS",
	)
)

// linux/if_bridge.h: struct bridge_vlan_info (IFLA_BRIDGE_VLAN_INFO).
var linkBridgeVlanInfo = NewStruct("bridge_vlan_info",
	FF("flags", U16, linkBridgeVlanInfoFlags),
	F("vid", U16),
)

// linux/if_bridge.h: IFLA_BRIDGE_VLAN_TUNNEL_*.
var linkBridgeVlanTunnelAttrs = Set("bridge_vlan_tunnel",
	A(1, "IFLA_BRIDGE_VLAN_TUNNEL_ID", U32),
	A(2, "IFLA_BRIDGE_VLAN_TUNNEL_VID", U16),
	A(3, "IFLA_BRIDGE_VLAN_TUNNEL_FLAGS", U16).WithFlags(linkBridgeVlanInfoFlags),
)

// linux/mrp_bridge.h: MRP roles and states (all u32 on the wire).
var (
	linkMrpRingRoles = NewEnum("br_mrp_ring_role", 0,
		"BR_MRP_RING_ROLE_DISABLED", "BR_MRP_RING_ROLE_MRC",
		"BR_MRP_RING_ROLE_MRM", "BR_MRP_RING_ROLE_MRA")
	linkMrpInRoles = NewEnum("br_mrp_in_role", 0,
		"BR_MRP_IN_ROLE_DISABLED", "BR_MRP_IN_ROLE_MIC", "BR_MRP_IN_ROLE_MIM")
	linkMrpRingStates = NewEnum("br_mrp_ring_state", 0,
		"BR_MRP_RING_STATE_OPEN", "BR_MRP_RING_STATE_CLOSED")
	linkMrpInStates = NewEnum("br_mrp_in_state", 0,
		"BR_MRP_IN_STATE_OPEN", "BR_MRP_IN_STATE_CLOSED")
	linkMrpPortStates = NewEnum("br_mrp_port_state", 0,
		"BR_MRP_PORT_STATE_DISABLED", "BR_MRP_PORT_STATE_BLOCKED",
		"BR_MRP_PORT_STATE_FORWARDING", "BR_MRP_PORT_STATE_NOT_CONNECTED")
	linkMrpPortRoles = NewEnum("br_mrp_port_role", 0,
		"BR_MRP_PORT_ROLE_PRIMARY", "BR_MRP_PORT_ROLE_SECONDARY",
		"BR_MRP_PORT_ROLE_INTER")
)

// linux/if_bridge.h: IFLA_BRIDGE_MRP_* and the sets nested in it; types
// from the kernel's policies (net/bridge/br_mrp_netlink.c).
var (
	linkMrpInstanceAttrs = Set("bridge_mrp_instance",
		A(1, "IFLA_BRIDGE_MRP_INSTANCE_RING_ID", U32),
		A(2, "IFLA_BRIDGE_MRP_INSTANCE_P_IFINDEX", U32),
		A(3, "IFLA_BRIDGE_MRP_INSTANCE_S_IFINDEX", U32),
		A(4, "IFLA_BRIDGE_MRP_INSTANCE_PRIO", U16),
	)
	linkMrpPortStateAttrs = Set("bridge_mrp_port_state",
		A(1, "IFLA_BRIDGE_MRP_PORT_STATE_STATE", U32).WithEnum(linkMrpPortStates),
	)
	linkMrpPortRoleAttrs = Set("bridge_mrp_port_role",
		A(1, "IFLA_BRIDGE_MRP_PORT_ROLE_ROLE", U32).WithEnum(linkMrpPortRoles),
	)
	linkMrpRingStateAttrs = Set("bridge_mrp_ring_state",
		A(1, "IFLA_BRIDGE_MRP_RING_STATE_RING_ID", U32),
		A(2, "IFLA_BRIDGE_MRP_RING_STATE_STATE", U32).WithEnum(linkMrpRingStates),
	)
	linkMrpRingRoleAttrs = Set("bridge_mrp_ring_role",
		A(1, "IFLA_BRIDGE_MRP_RING_ROLE_RING_ID", U32),
		A(2, "IFLA_BRIDGE_MRP_RING_ROLE_ROLE", U32).WithEnum(linkMrpRingRoles),
	)
	linkMrpStartTestAttrs = Set("bridge_mrp_start_test",
		A(1, "IFLA_BRIDGE_MRP_START_TEST_RING_ID", U32),
		A(2, "IFLA_BRIDGE_MRP_START_TEST_INTERVAL", U32),
		A(3, "IFLA_BRIDGE_MRP_START_TEST_MAX_MISS", U32),
		A(4, "IFLA_BRIDGE_MRP_START_TEST_PERIOD", U32),
		A(5, "IFLA_BRIDGE_MRP_START_TEST_MONITOR", U32),
	)
	linkMrpInfoAttrs = Set("bridge_mrp_info",
		A(1, "IFLA_BRIDGE_MRP_INFO_RING_ID", U32),
		A(2, "IFLA_BRIDGE_MRP_INFO_P_IFINDEX", U32),
		A(3, "IFLA_BRIDGE_MRP_INFO_S_IFINDEX", U32),
		A(4, "IFLA_BRIDGE_MRP_INFO_PRIO", U16),
		A(5, "IFLA_BRIDGE_MRP_INFO_RING_STATE", U32).WithEnum(linkMrpRingStates),
		A(6, "IFLA_BRIDGE_MRP_INFO_RING_ROLE", U32).WithEnum(linkMrpRingRoles),
		A(7, "IFLA_BRIDGE_MRP_INFO_TEST_INTERVAL", U32),
		A(8, "IFLA_BRIDGE_MRP_INFO_TEST_MAX_MISS", U32),
		A(9, "IFLA_BRIDGE_MRP_INFO_TEST_MONITOR", U32),
		A(10, "IFLA_BRIDGE_MRP_INFO_I_IFINDEX", U32),
		A(11, "IFLA_BRIDGE_MRP_INFO_IN_STATE", U32).WithEnum(linkMrpInStates),
		A(12, "IFLA_BRIDGE_MRP_INFO_IN_ROLE", U32).WithEnum(linkMrpInRoles),
		A(13, "IFLA_BRIDGE_MRP_INFO_IN_TEST_INTERVAL", U32),
		A(14, "IFLA_BRIDGE_MRP_INFO_IN_TEST_MAX_MISS", U32),
	)
	linkMrpInStateAttrs = Set("bridge_mrp_in_state",
		A(1, "IFLA_BRIDGE_MRP_IN_STATE_IN_ID", U32),
		A(2, "IFLA_BRIDGE_MRP_IN_STATE_STATE", U32).WithEnum(linkMrpInStates),
	)
	linkMrpInRoleAttrs = Set("bridge_mrp_in_role",
		A(1, "IFLA_BRIDGE_MRP_IN_ROLE_RING_ID", U32),
		A(2, "IFLA_BRIDGE_MRP_IN_ROLE_IN_ID", U16),
		A(3, "IFLA_BRIDGE_MRP_IN_ROLE_ROLE", U32).WithEnum(linkMrpInRoles),
		A(4, "IFLA_BRIDGE_MRP_IN_ROLE_I_IFINDEX", U32),
	)
	linkMrpStartInTestAttrs = Set("bridge_mrp_start_in_test",
		A(1, "IFLA_BRIDGE_MRP_START_IN_TEST_IN_ID", U32),
		A(2, "IFLA_BRIDGE_MRP_START_IN_TEST_INTERVAL", U32),
		A(3, "IFLA_BRIDGE_MRP_START_IN_TEST_MAX_MISS", U32),
		A(4, "IFLA_BRIDGE_MRP_START_IN_TEST_PERIOD", U32),
	)
	linkMrpAttrs = Set("bridge_mrp",
		N(1, "IFLA_BRIDGE_MRP_INSTANCE", linkMrpInstanceAttrs),
		N(2, "IFLA_BRIDGE_MRP_PORT_STATE", linkMrpPortStateAttrs),
		N(3, "IFLA_BRIDGE_MRP_PORT_ROLE", linkMrpPortRoleAttrs),
		N(4, "IFLA_BRIDGE_MRP_RING_STATE", linkMrpRingStateAttrs),
		N(5, "IFLA_BRIDGE_MRP_RING_ROLE", linkMrpRingRoleAttrs),
		N(6, "IFLA_BRIDGE_MRP_START_TEST", linkMrpStartTestAttrs),
		N(7, "IFLA_BRIDGE_MRP_INFO", linkMrpInfoAttrs),
		N(8, "IFLA_BRIDGE_MRP_IN_ROLE", linkMrpInRoleAttrs),
		N(9, "IFLA_BRIDGE_MRP_IN_STATE", linkMrpInStateAttrs),
		N(10, "IFLA_BRIDGE_MRP_START_IN_TEST", linkMrpStartInTestAttrs),
	)
)

// linux/cfm_bridge.h: CFM MEP domain, direction and CCM interval (u32).
var (
	linkCfmDomains    = NewEnum("br_cfm_domain", 0, "BR_CFM_PORT", "BR_CFM_VLAN")
	linkCfmDirections = NewEnum("br_cfm_mep_direction", 0,
		"BR_CFM_MEP_DIRECTION_DOWN", "BR_CFM_MEP_DIRECTION_UP")
	linkCfmCcmIntervals = NewEnum("br_cfm_ccm_interval", 0,
		"BR_CFM_CCM_INTERVAL_NONE", "BR_CFM_CCM_INTERVAL_3_3_MS",
		"BR_CFM_CCM_INTERVAL_10_MS", "BR_CFM_CCM_INTERVAL_100_MS",
		"BR_CFM_CCM_INTERVAL_1_SEC", "BR_CFM_CCM_INTERVAL_10_SEC",
		"BR_CFM_CCM_INTERVAL_1_MIN", "BR_CFM_CCM_INTERVAL_10_MIN")
)

// linux/if_bridge.h: IFLA_BRIDGE_CFM_* and its nested sets; each *_INFO
// attribute of a dump holds the set of the matching configuration
// attribute. Types from net/bridge/br_cfm_netlink.c.
var (
	linkCfmMepCreateAttrs = Set("bridge_cfm_mep_create",
		A(1, "IFLA_BRIDGE_CFM_MEP_CREATE_INSTANCE", U32),
		A(2, "IFLA_BRIDGE_CFM_MEP_CREATE_DOMAIN", U32).WithEnum(linkCfmDomains),
		A(3, "IFLA_BRIDGE_CFM_MEP_CREATE_DIRECTION", U32).WithEnum(linkCfmDirections),
		A(4, "IFLA_BRIDGE_CFM_MEP_CREATE_IFINDEX", U32),
	)
	linkCfmMepDeleteAttrs = Set("bridge_cfm_mep_delete",
		A(1, "IFLA_BRIDGE_CFM_MEP_DELETE_INSTANCE", U32),
	)
	linkCfmMepConfigAttrs = Set("bridge_cfm_mep_config",
		A(1, "IFLA_BRIDGE_CFM_MEP_CONFIG_INSTANCE", U32),
		A(2, "IFLA_BRIDGE_CFM_MEP_CONFIG_UNICAST_MAC", HWAddr),
		A(3, "IFLA_BRIDGE_CFM_MEP_CONFIG_MDLEVEL", U32),
		A(4, "IFLA_BRIDGE_CFM_MEP_CONFIG_MEPID", U32),
	)
	linkCfmCcConfigAttrs = Set("bridge_cfm_cc_config",
		A(1, "IFLA_BRIDGE_CFM_CC_CONFIG_INSTANCE", U32),
		A(2, "IFLA_BRIDGE_CFM_CC_CONFIG_ENABLE", U32),
		A(3, "IFLA_BRIDGE_CFM_CC_CONFIG_EXP_INTERVAL", U32).WithEnum(linkCfmCcmIntervals),
		A(4, "IFLA_BRIDGE_CFM_CC_CONFIG_EXP_MAID", Binary),
	)
	linkCfmCcPeerMepAttrs = Set("bridge_cfm_cc_peer_mep",
		A(1, "IFLA_BRIDGE_CFM_CC_PEER_MEP_INSTANCE", U32),
		A(2, "IFLA_BRIDGE_CFM_CC_PEER_MEPID", U32),
	)
	linkCfmCcRdiAttrs = Set("bridge_cfm_cc_rdi",
		A(1, "IFLA_BRIDGE_CFM_CC_RDI_INSTANCE", U32),
		A(2, "IFLA_BRIDGE_CFM_CC_RDI_RDI", U32),
	)
	linkCfmCcCcmTxAttrs = Set("bridge_cfm_cc_ccm_tx",
		A(1, "IFLA_BRIDGE_CFM_CC_CCM_TX_INSTANCE", U32),
		A(2, "IFLA_BRIDGE_CFM_CC_CCM_TX_DMAC", HWAddr),
		A(3, "IFLA_BRIDGE_CFM_CC_CCM_TX_SEQ_NO_UPDATE", U32),
		A(4, "IFLA_BRIDGE_CFM_CC_CCM_TX_PERIOD", U32),
		A(5, "IFLA_BRIDGE_CFM_CC_CCM_TX_IF_TLV", U32),
		A(6, "IFLA_BRIDGE_CFM_CC_CCM_TX_IF_TLV_VALUE", U8),
		A(7, "IFLA_BRIDGE_CFM_CC_CCM_TX_PORT_TLV", U32),
		A(8, "IFLA_BRIDGE_CFM_CC_CCM_TX_PORT_TLV_VALUE", U8),
	)
	linkCfmMepStatusAttrs = Set("bridge_cfm_mep_status",
		A(1, "IFLA_BRIDGE_CFM_MEP_STATUS_INSTANCE", U32),
		A(2, "IFLA_BRIDGE_CFM_MEP_STATUS_OPCODE_UNEXP_SEEN", U32),
		A(3, "IFLA_BRIDGE_CFM_MEP_STATUS_VERSION_UNEXP_SEEN", U32),
		A(4, "IFLA_BRIDGE_CFM_MEP_STATUS_RX_LEVEL_LOW_SEEN", U32),
	)
	linkCfmCcPeerStatusAttrs = Set("bridge_cfm_cc_peer_status",
		A(1, "IFLA_BRIDGE_CFM_CC_PEER_STATUS_INSTANCE", U32),
		A(2, "IFLA_BRIDGE_CFM_CC_PEER_STATUS_PEER_MEPID", U32),
		A(3, "IFLA_BRIDGE_CFM_CC_PEER_STATUS_CCM_DEFECT", U32),
		A(4, "IFLA_BRIDGE_CFM_CC_PEER_STATUS_RDI", U32),
		A(5, "IFLA_BRIDGE_CFM_CC_PEER_STATUS_PORT_TLV_VALUE", U8),
		A(6, "IFLA_BRIDGE_CFM_CC_PEER_STATUS_IF_TLV_VALUE", U8),
		A(7, "IFLA_BRIDGE_CFM_CC_PEER_STATUS_SEEN", U32),
		A(8, "IFLA_BRIDGE_CFM_CC_PEER_STATUS_TLV_SEEN", U32),
		A(9, "IFLA_BRIDGE_CFM_CC_PEER_STATUS_SEQ_UNEXP_SEEN", U32),
	)
	linkCfmAttrs = Set("bridge_cfm",
		N(1, "IFLA_BRIDGE_CFM_MEP_CREATE", linkCfmMepCreateAttrs),
		N(2, "IFLA_BRIDGE_CFM_MEP_DELETE", linkCfmMepDeleteAttrs),
		N(3, "IFLA_BRIDGE_CFM_MEP_CONFIG", linkCfmMepConfigAttrs),
		N(4, "IFLA_BRIDGE_CFM_CC_CONFIG", linkCfmCcConfigAttrs),
		N(5, "IFLA_BRIDGE_CFM_CC_PEER_MEP_ADD", linkCfmCcPeerMepAttrs),
		N(6, "IFLA_BRIDGE_CFM_CC_PEER_MEP_REMOVE", linkCfmCcPeerMepAttrs),
		N(7, "IFLA_BRIDGE_CFM_CC_RDI", linkCfmCcRdiAttrs),
		N(8, "IFLA_BRIDGE_CFM_CC_CCM_TX", linkCfmCcCcmTxAttrs),
		N(9, "IFLA_BRIDGE_CFM_MEP_CREATE_INFO", linkCfmMepCreateAttrs),
		N(10, "IFLA_BRIDGE_CFM_MEP_CONFIG_INFO", linkCfmMepConfigAttrs),
		N(11, "IFLA_BRIDGE_CFM_CC_CONFIG_INFO", linkCfmCcConfigAttrs),
		N(12, "IFLA_BRIDGE_CFM_CC_RDI_INFO", linkCfmCcRdiAttrs),
		N(13, "IFLA_BRIDGE_CFM_CC_CCM_TX_INFO", linkCfmCcCcmTxAttrs),
		N(14, "IFLA_BRIDGE_CFM_CC_PEER_MEP_INFO", linkCfmCcPeerMepAttrs),
		N(15, "IFLA_BRIDGE_CFM_MEP_STATUS_INFO", linkCfmMepStatusAttrs),
		N(16, "IFLA_BRIDGE_CFM_CC_PEER_STATUS_INFO", linkCfmCcPeerStatusAttrs),
	)
)

// linux/if_bridge.h: IFLA_BRIDGE_MST_* (per-MSTI port states).
var (
	linkMstEntryAttrs = Set("bridge_mst_entry",
		A(1, "IFLA_BRIDGE_MST_ENTRY_MSTI", U16),
		A(2, "IFLA_BRIDGE_MST_ENTRY_STATE", U8).WithEnum(linkBrStates),
	)
	linkMstAttrs = Set("bridge_mst",
		N(1, "IFLA_BRIDGE_MST_ENTRY", linkMstEntryAttrs),
	)
)

// linux/if_bridge.h: IFLA_BRIDGE_* (IFLA_AF_SPEC of AF_BRIDGE link
// messages). This enum has no UNSPEC: IFLA_BRIDGE_FLAGS is 0.
var linkBridgeAfSpecAttrs = Set("bridge_af_spec",
	A(0, "IFLA_BRIDGE_FLAGS", U16).WithFlags(linkBridgeFlags),
	A(1, "IFLA_BRIDGE_MODE", U16).WithEnum(linkBridgeModes),
	S(2, "IFLA_BRIDGE_VLAN_INFO", linkBridgeVlanInfo),
	N(3, "IFLA_BRIDGE_VLAN_TUNNEL_INFO", linkBridgeVlanTunnelAttrs),
	N(4, "IFLA_BRIDGE_MRP", linkMrpAttrs),
	N(5, "IFLA_BRIDGE_CFM", linkCfmAttrs),
	N(6, "IFLA_BRIDGE_MST", linkMstAttrs),
)

// linux/if_link.h: IFLA_INFO_* (IFLA_LINKINFO). The DATA and SLAVE_DATA
// selectors are attached in init().
var (
	linkInfoData      = A(2, "IFLA_INFO_DATA", Binary)
	linkInfoSlaveData = A(5, "IFLA_INFO_SLAVE_DATA", Binary)
	linkInfoAttrs     = Set("linkinfo",
		A(1, "IFLA_INFO_KIND", String),
		linkInfoData,
		A(3, "IFLA_INFO_XSTATS", Binary),
		A(4, "IFLA_INFO_SLAVE_KIND", String),
		linkInfoSlaveData,
	)
)

func init() {
	linkInfoData.SelectBy("IFLA_INFO_KIND", linkKindData)
	linkInfoSlaveData.SelectBy("IFLA_INFO_SLAVE_KIND", linkSlaveKindData)
	linkInfoSlaveData.Select.Or = "IFLA_INFO_KIND"
}

// linux/if_link.h: SR-IOV VF structs, IFLA_VF_LINK_STATE_* and the vlan
// protocols of struct ifla_vf_vlan_info (ethProtocols).
var (
	linkVfLinkStates = NewEnum("ifla_vf_link_state", 0,
		"IFLA_VF_LINK_STATE_AUTO", "IFLA_VF_LINK_STATE_ENABLE",
		"IFLA_VF_LINK_STATE_DISABLE")
	linkVfMac = NewStruct("ifla_vf_mac",
		F("vf", U32), FB("mac", HWAddr, 32))
	linkVfBroadcast = NewStruct("ifla_vf_broadcast",
		FB("broadcast", HWAddr, 32))
	linkVfVlan = NewStruct("ifla_vf_vlan",
		F("vf", U32), F("vlan", U32), F("qos", U32))
	linkVfVlanInfo = NewStruct("ifla_vf_vlan_info",
		F("vf", U32), F("vlan", U32), F("qos", U32),
		FE("vlan_proto", BE16, ethProtocols), Pad("pad", 2))
	linkVfTxRate = NewStruct("ifla_vf_tx_rate",
		F("vf", U32), F("rate", U32))
	linkVfRate = NewStruct("ifla_vf_rate",
		F("vf", U32), F("min_tx_rate", U32), F("max_tx_rate", U32))
	linkVfSpoofchk = NewStruct("ifla_vf_spoofchk",
		F("vf", U32), F("setting", U32))
	linkVfGUID = NewStruct("ifla_vf_guid",
		F("vf", U32), Pad("pad", 4), F("guid", U64))
	linkVfLinkState = NewStruct("ifla_vf_link_state",
		F("vf", U32), FE("link_state", U32, linkVfLinkStates))
	linkVfRssQueryEn = NewStruct("ifla_vf_rss_query_en",
		F("vf", U32), F("setting", U32))
	linkVfTrust = NewStruct("ifla_vf_trust",
		F("vf", U32), F("setting", U32))
)

// linux/if_link.h: IFLA_VF_STATS_* (0-based; PAD aligns the u64s).
var linkVfStatsAttrs = Set("vf_stats",
	A(0, "IFLA_VF_STATS_RX_PACKETS", U64),
	A(1, "IFLA_VF_STATS_TX_PACKETS", U64),
	A(2, "IFLA_VF_STATS_RX_BYTES", U64),
	A(3, "IFLA_VF_STATS_TX_BYTES", U64),
	A(4, "IFLA_VF_STATS_BROADCAST", U64),
	A(5, "IFLA_VF_STATS_MULTICAST", U64),
	A(6, "IFLA_VF_STATS_PAD", Binary),
	A(7, "IFLA_VF_STATS_RX_DROPPED", U64),
	A(8, "IFLA_VF_STATS_TX_DROPPED", U64),
)

// linux/if_link.h: IFLA_VF_VLAN_INFO_* (IFLA_VF_VLAN_LIST).
var linkVfVlanListAttrs = Set("vf_vlan_list",
	S(1, "IFLA_VF_VLAN_INFO", linkVfVlanInfo),
)

// linux/if_link.h: IFLA_VF_* (one IFLA_VF_INFO per virtual function).
var linkVfInfoAttrs = Set("vf_info",
	S(1, "IFLA_VF_MAC", linkVfMac),
	S(2, "IFLA_VF_VLAN", linkVfVlan),
	S(3, "IFLA_VF_TX_RATE", linkVfTxRate),
	S(4, "IFLA_VF_SPOOFCHK", linkVfSpoofchk),
	S(5, "IFLA_VF_LINK_STATE", linkVfLinkState),
	S(6, "IFLA_VF_RATE", linkVfRate),
	S(7, "IFLA_VF_RSS_QUERY_EN", linkVfRssQueryEn),
	N(8, "IFLA_VF_STATS", linkVfStatsAttrs),
	S(9, "IFLA_VF_TRUST", linkVfTrust),
	S(10, "IFLA_VF_IB_NODE_GUID", linkVfGUID),
	S(11, "IFLA_VF_IB_PORT_GUID", linkVfGUID),
	N(12, "IFLA_VF_VLAN_LIST", linkVfVlanListAttrs),
	S(13, "IFLA_VF_BROADCAST", linkVfBroadcast),
)

// linux/if_link.h: IFLA_VF_INFO_* (IFLA_VFINFO_LIST).
var linkVfInfoListAttrs = Set("vfinfo_list",
	N(1, "IFLA_VF_INFO", linkVfInfoAttrs),
)

// linux/if_link.h: PORT_REQUEST_*, PORT_VDP_RESPONSE_* and
// PORT_PROFILE_RESPONSE_*, struct ifla_port_vsi.
var (
	linkPortRequests = NewEnum("port_request", 0,
		"PORT_REQUEST_PREASSOCIATE", "PORT_REQUEST_PREASSOCIATE_RR",
		"PORT_REQUEST_ASSOCIATE", "PORT_REQUEST_DISASSOCIATE")
	linkPortResponses = NewEnumMap("port_response", map[uint64]string{
		0:     "PORT_VDP_RESPONSE_SUCCESS",
		1:     "PORT_VDP_RESPONSE_INVALID_FORMAT",
		2:     "PORT_VDP_RESPONSE_INSUFFICIENT_RESOURCES",
		3:     "PORT_VDP_RESPONSE_UNUSED_VTID",
		4:     "PORT_VDP_RESPONSE_VTID_VIOLATION",
		5:     "PORT_VDP_RESPONSE_VTID_VERSION_VIOALTION",
		6:     "PORT_VDP_RESPONSE_OUT_OF_SYNC",
		0x100: "PORT_PROFILE_RESPONSE_SUCCESS",
		0x101: "PORT_PROFILE_RESPONSE_INPROGRESS",
		0x102: "PORT_PROFILE_RESPONSE_INVALID",
		0x103: "PORT_PROFILE_RESPONSE_BADSTATE",
		0x104: "PORT_PROFILE_RESPONSE_INSUFFICIENT_RESOURCES",
		0x105: "PORT_PROFILE_RESPONSE_ERROR",
	})
	linkPortVsi = NewStruct("ifla_port_vsi",
		F("vsi_mgr_id", U8), FB("vsi_type_id", Binary, 3),
		F("vsi_type_version", U8), Pad("pad", 3))
)

// linux/if_link.h: IFLA_PORT_* (IFLA_PORT_SELF and each IFLA_VF_PORT).
var linkPortAttrs = Set("port",
	A(1, "IFLA_PORT_VF", U32),
	A(2, "IFLA_PORT_PROFILE", String),
	S(3, "IFLA_PORT_VSI_TYPE", linkPortVsi),
	A(4, "IFLA_PORT_INSTANCE_UUID", Binary),
	A(5, "IFLA_PORT_HOST_UUID", Binary),
	A(6, "IFLA_PORT_REQUEST", U8).WithEnum(linkPortRequests),
	A(7, "IFLA_PORT_RESPONSE", U16).WithEnum(linkPortResponses),
)

// linux/if_link.h: IFLA_VF_PORT_* (IFLA_VF_PORTS).
var linkVfPortsAttrs = Set("vf_ports",
	N(1, "IFLA_VF_PORT", linkPortAttrs),
)

// linux/if_link.h: XDP_ATTACHED_*, XDP_FLAGS_* and IFLA_XDP_*.
var (
	linkXdpAttached = NewEnum("xdp_attached", 0,
		"XDP_ATTACHED_NONE", "XDP_ATTACHED_DRV", "XDP_ATTACHED_SKB",
		"XDP_ATTACHED_HW", "XDP_ATTACHED_MULTI")
	linkXdpFlags = NewBitFlags("xdp_flags", 0,
		"XDP_FLAGS_UPDATE_IF_NOEXIST", "XDP_FLAGS_SKB_MODE",
		"XDP_FLAGS_DRV_MODE", "XDP_FLAGS_HW_MODE", "XDP_FLAGS_REPLACE")
	linkXdpAttrs = Set("xdp",
		A(1, "IFLA_XDP_FD", S32),
		A(2, "IFLA_XDP_ATTACHED", U8).WithEnum(linkXdpAttached),
		A(3, "IFLA_XDP_FLAGS", U32).WithFlags(linkXdpFlags),
		A(4, "IFLA_XDP_PROG_ID", U32),
		A(5, "IFLA_XDP_DRV_PROG_ID", U32),
		A(6, "IFLA_XDP_SKB_PROG_ID", U32),
		A(7, "IFLA_XDP_HW_PROG_ID", U32),
		A(8, "IFLA_XDP_EXPECTED_FD", S32),
	)
)

// linux/if_link.h: IFLA_EVENT_* (IFLA_EVENT).
var linkEvents = NewEnum("ifla_event", 0,
	"IFLA_EVENT_NONE", "IFLA_EVENT_REBOOT", "IFLA_EVENT_FEATURES",
	"IFLA_EVENT_BONDING_FAILOVER", "IFLA_EVENT_NOTIFY_PEERS",
	"IFLA_EVENT_IGMP_RESEND", "IFLA_EVENT_BONDING_OPTIONS",
)

// IFLA_PROP_LIST holds the alternative names, each an IFLA_ALT_IFNAME.
var linkPropListAttrs = Set("link_prop_list",
	A(53, "IFLA_ALT_IFNAME", String),
)

// linux/devlink.h: the devlink port handle in IFLA_DEVLINK_PORT.
var linkDevlinkPortAttrs = Set("devlink_port_handle",
	A(1, "DEVLINK_ATTR_BUS_NAME", String),
	A(2, "DEVLINK_ATTR_DEV_NAME", String),
	A(3, "DEVLINK_ATTR_PORT_INDEX", U32),
)

// linux/dpll.h (newer than the installed headers): the pin handle in
// IFLA_DPLL_PIN.
var linkDpllPinAttrs = Set("dpll_pin_handle",
	A(1, "DPLL_A_PIN_ID", U32),
)

// linux/if_link.h: IFLA_* (enum up to IFLA_ALLMULTI in the installed
// header; IFLA_DEVLINK_PORT..IFLA_TAILROOM are from newer kernels).
// IFLA_PROTINFO and IFLA_AF_SPEC depend on ifi_family: AF_BRIDGE messages
// carry bridge port and bridge VLAN attributes, AF_INET6 messages from
// addrconf carry IPv6 device attributes in IFLA_PROTINFO.
var linkAttrs = Set("link",
	A(1, "IFLA_ADDRESS", HWAddr),
	A(2, "IFLA_BROADCAST", HWAddr),
	A(3, "IFLA_IFNAME", String),
	A(4, "IFLA_MTU", U32),
	A(5, "IFLA_LINK", U32),
	A(6, "IFLA_QDISC", String),
	S(7, "IFLA_STATS", linkStats32),
	A(8, "IFLA_COST", Binary),
	A(9, "IFLA_PRIORITY", Binary),
	A(10, "IFLA_MASTER", U32),
	A(11, "IFLA_WIRELESS", Binary),
	A(12, "IFLA_PROTINFO", Binary).SelectByHeader("ifi_family", map[uint64]*Attr{
		7:  Data(Nested, brportAttrs),
		10: Data(Nested, linkInet6Attrs),
	}),
	A(13, "IFLA_TXQLEN", U32),
	S(14, "IFLA_MAP", linkIfmap),
	A(15, "IFLA_WEIGHT", U32),
	A(16, "IFLA_OPERSTATE", U8).WithEnum(linkOperStates),
	A(17, "IFLA_LINKMODE", U8).WithEnum(linkModes),
	N(18, "IFLA_LINKINFO", linkInfoAttrs),
	A(19, "IFLA_NET_NS_PID", U32),
	A(20, "IFLA_IFALIAS", String),
	A(21, "IFLA_NUM_VF", U32),
	N(22, "IFLA_VFINFO_LIST", linkVfInfoListAttrs),
	S(23, "IFLA_STATS64", linkStats64),
	N(24, "IFLA_VF_PORTS", linkVfPortsAttrs),
	N(25, "IFLA_PORT_SELF", linkPortAttrs),
	N(26, "IFLA_AF_SPEC", linkAfSpecAttrs).SelectByHeader("ifi_family", map[uint64]*Attr{
		7: Data(Nested, linkBridgeAfSpecAttrs),
	}),
	A(27, "IFLA_GROUP", U32),
	A(28, "IFLA_NET_NS_FD", U32),
	A(29, "IFLA_EXT_MASK", U32).WithFlags(linkRtextFilter),
	A(30, "IFLA_PROMISCUITY", U32),
	A(31, "IFLA_NUM_TX_QUEUES", U32),
	A(32, "IFLA_NUM_RX_QUEUES", U32),
	A(33, "IFLA_CARRIER", U8),
	A(34, "IFLA_PHYS_PORT_ID", Binary),
	A(35, "IFLA_CARRIER_CHANGES", U32),
	A(36, "IFLA_PHYS_SWITCH_ID", Binary),
	A(37, "IFLA_LINK_NETNSID", S32),
	A(38, "IFLA_PHYS_PORT_NAME", String),
	A(39, "IFLA_PROTO_DOWN", U8),
	A(40, "IFLA_GSO_MAX_SEGS", U32),
	A(41, "IFLA_GSO_MAX_SIZE", U32),
	A(42, "IFLA_PAD", Binary),
	N(43, "IFLA_XDP", linkXdpAttrs),
	A(44, "IFLA_EVENT", U32).WithEnum(linkEvents),
	A(45, "IFLA_NEW_NETNSID", S32),
	A(46, "IFLA_TARGET_NETNSID", S32), // alias IFLA_IF_NETNSID
	A(47, "IFLA_CARRIER_UP_COUNT", U32),
	A(48, "IFLA_CARRIER_DOWN_COUNT", U32),
	A(49, "IFLA_NEW_IFINDEX", S32),
	A(50, "IFLA_MIN_MTU", U32),
	A(51, "IFLA_MAX_MTU", U32),
	N(52, "IFLA_PROP_LIST", linkPropListAttrs),
	A(53, "IFLA_ALT_IFNAME", String),
	A(54, "IFLA_PERM_ADDRESS", HWAddr),
	N(55, "IFLA_PROTO_DOWN_REASON", linkProtoDownReasonAttrs),
	A(56, "IFLA_PARENT_DEV_NAME", String),
	A(57, "IFLA_PARENT_DEV_BUS_NAME", String),
	A(58, "IFLA_GRO_MAX_SIZE", U32),
	A(59, "IFLA_TSO_MAX_SIZE", U32),
	A(60, "IFLA_TSO_MAX_SEGS", U32),
	A(61, "IFLA_ALLMULTI", U32),
	N(62, "IFLA_DEVLINK_PORT", linkDevlinkPortAttrs),
	A(63, "IFLA_GSO_IPV4_MAX_SIZE", U32),
	A(64, "IFLA_GRO_IPV4_MAX_SIZE", U32),
	N(65, "IFLA_DPLL_PIN", linkDpllPinAttrs),
	A(66, "IFLA_MAX_PACING_OFFLOAD_HORIZON", Uint),
	A(67, "IFLA_NETNS_IMMUTABLE", U8),
	A(68, "IFLA_HEADROOM", U16),
	A(69, "IFLA_TAILROOM", U16),
)

// linux/if_link.h: struct if_stats_msg, the fixed header of STATS messages.
// filter_mask has bit (n-1) for each IFLA_STATS_* attribute n.
var (
	linkStatsFilter = NewBitFlags("ifla_stats_filter", 0,
		"IFLA_STATS_LINK_64", "IFLA_STATS_LINK_XSTATS",
		"IFLA_STATS_LINK_XSTATS_SLAVE", "IFLA_STATS_LINK_OFFLOAD_XSTATS",
		"IFLA_STATS_AF_SPEC")
	linkIfStatsMsg = NewStruct("if_stats_msg",
		FE("family", U8, addressFamilies),
		Pad("pad1", 1),
		Pad("pad2", 2),
		F("ifindex", U32),
		FF("filter_mask", U32, linkStatsFilter),
	)
)

// linux/if_bridge.h: BRIDGE_XSTATS_* (LINK_XSTATS_TYPE_BRIDGE) and its
// structs. br_mcast_stats holds u64[2] rx/tx pairs, kept as 16-byte
// fields under their C names.
var (
	linkBridgeVlanXstats = NewStruct("bridge_vlan_xstats",
		F("rx_bytes", U64), F("rx_packets", U64),
		F("tx_bytes", U64), F("tx_packets", U64),
		F("vid", U16), FF("flags", U16, linkBridgeVlanInfoFlags),
		Pad("pad2", 4),
	)
	linkBridgeStpXstats = NewStruct("bridge_stp_xstats",
		F("transition_blk", U64), F("transition_fwd", U64),
		F("rx_bpdu", U64), F("tx_bpdu", U64),
		F("rx_tcn", U64), F("tx_tcn", U64),
	)
	linkBrMcastStats = NewStruct("br_mcast_stats",
		FB("igmp_v1queries", Binary, 16), FB("igmp_v2queries", Binary, 16),
		FB("igmp_v3queries", Binary, 16), FB("igmp_leaves", Binary, 16),
		FB("igmp_v1reports", Binary, 16), FB("igmp_v2reports", Binary, 16),
		FB("igmp_v3reports", Binary, 16), F("igmp_parse_errors", U64),
		FB("mld_v1queries", Binary, 16), FB("mld_v2queries", Binary, 16),
		FB("mld_leaves", Binary, 16), FB("mld_v1reports", Binary, 16),
		FB("mld_v2reports", Binary, 16), F("mld_parse_errors", U64),
		FB("mcast_bytes", Binary, 16), FB("mcast_packets", Binary, 16),
	)
	linkBridgeXstatsAttrs = Set("bridge_xstats",
		S(1, "BRIDGE_XSTATS_VLAN", linkBridgeVlanXstats),
		S(2, "BRIDGE_XSTATS_MCAST", linkBrMcastStats),
		A(3, "BRIDGE_XSTATS_PAD", Binary),
		S(4, "BRIDGE_XSTATS_STP", linkBridgeStpXstats),
	)
)

// linux/if_bonding.h: BOND_XSTATS_* (LINK_XSTATS_TYPE_BOND) and the
// 0-based BOND_3AD_STAT_* counters.
var (
	linkBond3adStatsAttrs = Set("bond_3ad_stats",
		A(0, "BOND_3AD_STAT_LACPDU_RX", U64),
		A(1, "BOND_3AD_STAT_LACPDU_TX", U64),
		A(2, "BOND_3AD_STAT_LACPDU_UNKNOWN_RX", U64),
		A(3, "BOND_3AD_STAT_LACPDU_ILLEGAL_RX", U64),
		A(4, "BOND_3AD_STAT_MARKER_RX", U64),
		A(5, "BOND_3AD_STAT_MARKER_TX", U64),
		A(6, "BOND_3AD_STAT_MARKER_RESP_RX", U64),
		A(7, "BOND_3AD_STAT_MARKER_RESP_TX", U64),
		A(8, "BOND_3AD_STAT_MARKER_UNKNOWN_RX", U64),
		A(9, "BOND_3AD_STAT_PAD", Binary),
	)
	linkBondXstatsAttrs = Set("bond_xstats",
		N(1, "BOND_XSTATS_3AD", linkBond3adStatsAttrs),
	)
)

// linux/if_link.h: LINK_XSTATS_TYPE_* (IFLA_STATS_LINK_XSTATS and
// IFLA_STATS_LINK_XSTATS_SLAVE).
var linkXstatsAttrs = Set("link_xstats",
	N(1, "LINK_XSTATS_TYPE_BRIDGE", linkBridgeXstatsAttrs),
	N(2, "LINK_XSTATS_TYPE_BOND", linkBondXstatsAttrs),
)

// linux/if_link.h: IFLA_OFFLOAD_XSTATS_* (IFLA_STATS_LINK_OFFLOAD_XSTATS).
// IFLA_OFFLOAD_XSTATS_HW_S_INFO holds one nest per offload stats type,
// numbered by that type, each with IFLA_OFFLOAD_XSTATS_HW_S_INFO_*.
var (
	linkOffloadXstatsFilter = NewBitFlags("ifla_offload_xstats_filter", 0,
		"IFLA_OFFLOAD_XSTATS_CPU_HIT", "IFLA_OFFLOAD_XSTATS_HW_S_INFO",
		"IFLA_OFFLOAD_XSTATS_L3_STATS")
	linkHwSInfoOneAttrs = Set("offload_xstats_hw_s_info_one",
		A(1, "IFLA_OFFLOAD_XSTATS_HW_S_INFO_REQUEST", U8),
		A(2, "IFLA_OFFLOAD_XSTATS_HW_S_INFO_USED", U8),
	)
	linkHwSInfoAttrs = Set("offload_xstats_hw_s_info",
		N(3, "IFLA_OFFLOAD_XSTATS_L3_STATS", linkHwSInfoOneAttrs),
	)
	linkOffloadXstatsAttrs = Set("offload_xstats",
		S(1, "IFLA_OFFLOAD_XSTATS_CPU_HIT", linkStats64),
		N(2, "IFLA_OFFLOAD_XSTATS_HW_S_INFO", linkHwSInfoAttrs),
		S(3, "IFLA_OFFLOAD_XSTATS_L3_STATS", linkHwStats64),
	)
)

// linux/mpls.h: MPLS_STATS_* and struct mpls_link_stats. MPLS registers
// only statistics, so AF_MPLS appears in IFLA_STATS_AF_SPEC and never in
// the IFLA_AF_SPEC of link messages.
var (
	linkMplsLinkStats = NewStruct("mpls_link_stats",
		F("rx_packets", U64), F("tx_packets", U64),
		F("rx_bytes", U64), F("tx_bytes", U64),
		F("rx_errors", U64), F("tx_errors", U64),
		F("rx_dropped", U64), F("tx_dropped", U64),
		F("rx_noroute", U64),
	)
	linkMplsStatsAttrs = Set("mpls_stats",
		S(1, "MPLS_STATS_LINK", linkMplsLinkStats),
	)
	linkStatsAfSpecAttrs = Set("stats_af_spec",
		N(28, "AF_MPLS", linkMplsStatsAttrs),
	)
)

// linux/if_link.h: IFLA_STATS_* (RTM_NEWSTATS).
var linkStatsAttrs = Set("stats",
	S(1, "IFLA_STATS_LINK_64", linkStats64),
	N(2, "IFLA_STATS_LINK_XSTATS", linkXstatsAttrs),
	N(3, "IFLA_STATS_LINK_XSTATS_SLAVE", linkXstatsAttrs),
	N(4, "IFLA_STATS_LINK_OFFLOAD_XSTATS", linkOffloadXstatsAttrs),
	N(5, "IFLA_STATS_AF_SPEC", linkStatsAfSpecAttrs),
)

// linux/if_link.h: IFLA_STATS_GETSET_* (RTM_GETSTATS and RTM_SETSTATS
// requests). IFLA_STATS_GET_FILTERS holds per-group filter masks keyed by
// IFLA_STATS_* number; the kernel accepts one for the offload group only.
var (
	linkStatsGetFiltersAttrs = Set("stats_get_filters",
		A(4, "IFLA_STATS_LINK_OFFLOAD_XSTATS", U32).WithFlags(linkOffloadXstatsFilter),
	)
	linkStatsGetSetAttrs = Set("stats_getset",
		N(1, "IFLA_STATS_GET_FILTERS", linkStatsGetFiltersAttrs),
		A(2, "IFLA_STATS_SET_OFFLOAD_XSTATS_L3_STATS", U8),
	)
)

// Summaries in the style of `ip monitor link`.
const (
	linkSummary = "{ifi_index}:|{IFLA_IFNAME}|<{ifi_flags}>|mtu {IFLA_MTU}|" +
		"master {IFLA_MASTER}|state {IFLA_OPERSTATE}|" +
		"kind {IFLA_LINKINFO.IFLA_INFO_KIND}|link/{ifi_type} {IFLA_ADDRESS}"
	linkGetSummary  = "{ifi_family}|index {ifi_index}|{IFLA_IFNAME}|{IFLA_ALT_IFNAME}|mask {IFLA_EXT_MASK}"
	linkPropSummary = "{ifi_index}:|{IFLA_IFNAME}|altname {IFLA_PROP_LIST.IFLA_ALT_IFNAME}"
	statsSummary    = "{family}|ifindex {ifindex}|filter {filter_mask}"
)

func init() {
	addRouteMessages(
		&Message{Type: 16, Name: "RTM_NEWLINK", Kind: KindNew, Header: ifinfomsg, Attrs: linkAttrs, Summary: linkSummary},
		&Message{Type: 17, Name: "RTM_DELLINK", Kind: KindDel, Header: ifinfomsg, Attrs: linkAttrs, Summary: linkSummary},
		&Message{Type: 18, Name: "RTM_GETLINK", Kind: KindGet, Header: ifinfomsg, Attrs: linkAttrs, Summary: linkGetSummary},
		&Message{Type: 19, Name: "RTM_SETLINK", Kind: KindSet, Header: ifinfomsg, Attrs: linkAttrs, Summary: linkSummary},
		&Message{Type: 92, Name: "RTM_NEWSTATS", Kind: KindNew, Header: linkIfStatsMsg, Attrs: linkStatsAttrs, Summary: statsSummary},
		&Message{Type: 94, Name: "RTM_GETSTATS", Kind: KindGet, Header: linkIfStatsMsg, Attrs: linkStatsGetSetAttrs, Summary: statsSummary},
		&Message{Type: 95, Name: "RTM_SETSTATS", Kind: KindSet, Header: linkIfStatsMsg, Attrs: linkStatsGetSetAttrs, Summary: statsSummary},
		&Message{Type: 108, Name: "RTM_NEWLINKPROP", Kind: KindNew, Header: ifinfomsg, Attrs: linkAttrs, Summary: linkPropSummary},
		&Message{Type: 109, Name: "RTM_DELLINKPROP", Kind: KindDel, Header: ifinfomsg, Attrs: linkAttrs, Summary: linkPropSummary},
		&Message{Type: 110, Name: "RTM_GETLINKPROP", Kind: KindGet, Header: ifinfomsg, Attrs: linkAttrs, Summary: linkPropSummary},
	)
}
