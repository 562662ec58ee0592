package codec

// Link kind tables: what IFLA_INFO_DATA and IFLA_INFO_SLAVE_DATA hold for
// each IFLA_INFO_KIND / IFLA_INFO_SLAVE_KIND. Numbers follow the uapi
// headers; attributes added after linux-libc-dev 6.1 come from the newer
// kernel's headers and rt-link spec, since captures from a 6.18 kernel
// carry them.

// Value names shared by several kinds.

// linux/if_tunnel.h enum tunnel_encap_types and TUNNEL_ENCAP_FLAG_*: the
// FOU/GUE encapsulation of ipip, sit, ip6tnl and gre tunnels.
var (
	kindTunnelEncapTypes = NewEnum("tunnel_encap_types", 0,
		"TUNNEL_ENCAP_NONE", "TUNNEL_ENCAP_FOU", "TUNNEL_ENCAP_GUE", "TUNNEL_ENCAP_MPLS")
	kindTunnelEncapFlags = NewBitFlags("tunnel_encap_flags", 0,
		"TUNNEL_ENCAP_FLAG_CSUM", "TUNNEL_ENCAP_FLAG_CSUM6", "TUNNEL_ENCAP_FLAG_REMCSUM")
)

// linux/ip6_tunnel.h IP6_TNL_F_*: flags of ip6tnl and ip6gre tunnels.
var kindIP6TnlFlags = NewBitFlags("ip6_tnl_flags", 0,
	"IP6_TNL_F_IGN_ENCAP_LIMIT", "IP6_TNL_F_USE_ORIG_TCLASS",
	"IP6_TNL_F_USE_ORIG_FLOWLABEL", "IP6_TNL_F_MIP6_DEV",
	"IP6_TNL_F_RCV_DSCP_COPY", "IP6_TNL_F_USE_ORIG_FWMARK",
	"IP6_TNL_F_ALLOW_LOCAL_REMOTE")

// Peers: veth, vxcan and netkit create their peer from a struct ifinfomsg
// followed by link attributes. Their Struct and Set are filled in by
// init(), since the link attributes lead back here through IFLA_INFO_DATA.
var (
	kindVethPeer   = &Attr{Num: 1, Name: "VETH_INFO_PEER", Type: StructAttrs}
	kindVxcanPeer  = &Attr{Num: 1, Name: "VXCAN_INFO_PEER", Type: StructAttrs}
	kindNetkitPeer = &Attr{Num: 1, Name: "IFLA_NETKIT_PEER_INFO", Type: StructAttrs}
)

func init() {
	for _, a := range []*Attr{kindVethPeer, kindVxcanPeer, kindNetkitPeer} {
		a.Struct = ifinfomsg
		a.Set = linkAttrs
	}
}

// linux/veth.h VETH_INFO_*
var kindVethAttrs = Seq("veth", 1, kindVethPeer)

// linux/can/vxcan.h VXCAN_INFO_*
var kindVxcanAttrs = Seq("vxcan", 1, kindVxcanPeer)

// Bridge.

// linux/if_link.h struct ifla_bridge_id: the priority is kept in network
// order in front of the MAC address.
var kindBridgeID = NewStruct("ifla_bridge_id",
	F("prio", BE16),
	FB("addr", HWAddr, 6),
)

// linux/if_bridge.h enum br_boolopt_id, as bits of struct br_boolopt_multi.
// MDB_OFFLOAD_FAIL_NOTIFICATION and FDB_LOCAL_VLAN_0 are newer than 6.1.
var kindBrBoolopts = NewBitFlags("br_boolopt_id", 0,
	"BR_BOOLOPT_NO_LL_LEARN", "BR_BOOLOPT_MCAST_VLAN_SNOOPING",
	"BR_BOOLOPT_MST_ENABLE", "BR_BOOLOPT_MDB_OFFLOAD_FAIL_NOTIFICATION",
	"BR_BOOLOPT_FDB_LOCAL_VLAN_0")

// linux/if_bridge.h struct br_boolopt_multi
var kindBrBooloptMulti = NewStruct("br_boolopt_multi",
	FF("optval", U32, kindBrBoolopts),
	FF("optmask", U32, kindBrBoolopts),
)

// linux/if_bridge.h MDB_RTR_TYPE_*: IFLA_BR_MCAST_ROUTER values.
var kindMdbRtrTypes = NewEnum("mdb_rtr_type", 0,
	"MDB_RTR_TYPE_DISABLED", "MDB_RTR_TYPE_TEMP_QUERY", "MDB_RTR_TYPE_PERM", "MDB_RTR_TYPE_TEMP")

// linux/if_bridge.h BRIDGE_QUERIER_*: the IFLA_BR_MCAST_QUERIER_STATE nest.
var kindBridgeQuerierAttrs = Seq("bridge_querier", 1,
	A(0, "BRIDGE_QUERIER_IP_ADDRESS", IPAddr),
	A(0, "BRIDGE_QUERIER_IP_PORT", U32),
	A(0, "BRIDGE_QUERIER_IP_OTHER_TIMER", U64),
	A(0, "BRIDGE_QUERIER_PAD", Binary),
	A(0, "BRIDGE_QUERIER_IPV6_ADDRESS", IPAddr),
	A(0, "BRIDGE_QUERIER_IPV6_PORT", U32),
	A(0, "BRIDGE_QUERIER_IPV6_OTHER_TIMER", U64),
)

// linux/if_link.h IFLA_BR_*. Delays, times and timers are in clock_t
// units (centiseconds), as the kernel reports them.
var kindBridgeAttrs = Seq("bridge", 1,
	A(0, "IFLA_BR_FORWARD_DELAY", U32),
	A(0, "IFLA_BR_HELLO_TIME", U32),
	A(0, "IFLA_BR_MAX_AGE", U32),
	A(0, "IFLA_BR_AGEING_TIME", U32),
	A(0, "IFLA_BR_STP_STATE", U32),
	A(0, "IFLA_BR_PRIORITY", U16),
	A(0, "IFLA_BR_VLAN_FILTERING", U8),
	A(0, "IFLA_BR_VLAN_PROTOCOL", BE16).WithEnum(ethProtocols),
	A(0, "IFLA_BR_GROUP_FWD_MASK", U16),
	S(0, "IFLA_BR_ROOT_ID", kindBridgeID),
	S(0, "IFLA_BR_BRIDGE_ID", kindBridgeID),
	A(0, "IFLA_BR_ROOT_PORT", U16),
	A(0, "IFLA_BR_ROOT_PATH_COST", U32),
	A(0, "IFLA_BR_TOPOLOGY_CHANGE", U8),
	A(0, "IFLA_BR_TOPOLOGY_CHANGE_DETECTED", U8),
	A(0, "IFLA_BR_HELLO_TIMER", U64),
	A(0, "IFLA_BR_TCN_TIMER", U64),
	A(0, "IFLA_BR_TOPOLOGY_CHANGE_TIMER", U64),
	A(0, "IFLA_BR_GC_TIMER", U64),
	A(0, "IFLA_BR_GROUP_ADDR", HWAddr),
	A(0, "IFLA_BR_FDB_FLUSH", Flag),
	A(0, "IFLA_BR_MCAST_ROUTER", U8).WithEnum(kindMdbRtrTypes),
	A(0, "IFLA_BR_MCAST_SNOOPING", U8),
	A(0, "IFLA_BR_MCAST_QUERY_USE_IFADDR", U8),
	A(0, "IFLA_BR_MCAST_QUERIER", U8),
	A(0, "IFLA_BR_MCAST_HASH_ELASTICITY", U32),
	A(0, "IFLA_BR_MCAST_HASH_MAX", U32),
	A(0, "IFLA_BR_MCAST_LAST_MEMBER_CNT", U32),
	A(0, "IFLA_BR_MCAST_STARTUP_QUERY_CNT", U32),
	A(0, "IFLA_BR_MCAST_LAST_MEMBER_INTVL", U64),
	A(0, "IFLA_BR_MCAST_MEMBERSHIP_INTVL", U64),
	A(0, "IFLA_BR_MCAST_QUERIER_INTVL", U64),
	A(0, "IFLA_BR_MCAST_QUERY_INTVL", U64),
	A(0, "IFLA_BR_MCAST_QUERY_RESPONSE_INTVL", U64),
	A(0, "IFLA_BR_MCAST_STARTUP_QUERY_INTVL", U64),
	A(0, "IFLA_BR_NF_CALL_IPTABLES", U8),
	A(0, "IFLA_BR_NF_CALL_IP6TABLES", U8),
	A(0, "IFLA_BR_NF_CALL_ARPTABLES", U8),
	A(0, "IFLA_BR_VLAN_DEFAULT_PVID", U16),
	A(0, "IFLA_BR_PAD", Binary),
	A(0, "IFLA_BR_VLAN_STATS_ENABLED", U8),
	A(0, "IFLA_BR_MCAST_STATS_ENABLED", U8),
	A(0, "IFLA_BR_MCAST_IGMP_VERSION", U8),
	A(0, "IFLA_BR_MCAST_MLD_VERSION", U8),
	A(0, "IFLA_BR_VLAN_STATS_PER_PORT", U8),
	S(0, "IFLA_BR_MULTI_BOOLOPT", kindBrBooloptMulti),
	N(0, "IFLA_BR_MCAST_QUERIER_STATE", kindBridgeQuerierAttrs),
	A(0, "IFLA_BR_FDB_N_LEARNED", U32),
	A(0, "IFLA_BR_FDB_MAX_LEARNED", U32),
)

// VLAN.

// linux/if_vlan.h enum vlan_flags
var kindVlanFlagBits = NewFlags("vlan_flags", map[uint64]string{
	0x1: "VLAN_FLAG_REORDER_HDR", 0x2: "VLAN_FLAG_GVRP",
	0x4: "VLAN_FLAG_LOOSE_BINDING", 0x8: "VLAN_FLAG_MVRP",
	0x10: "VLAN_FLAG_BRIDGE_BINDING",
})

// linux/if_link.h struct ifla_vlan_flags: only the bits in mask change.
var kindVlanFlags = NewStruct("ifla_vlan_flags",
	FF("flags", U32, kindVlanFlagBits),
	FF("mask", U32, kindVlanFlagBits),
)

// linux/if_link.h struct ifla_vlan_qos_mapping: skb priority <-> 802.1p.
var kindVlanQosMapping = NewStruct("ifla_vlan_qos_mapping",
	F("from", U32),
	F("to", U32),
)

// linux/if_link.h IFLA_VLAN_QOS_*
var kindVlanQosAttrs = Seq("vlan_qos", 1,
	S(0, "IFLA_VLAN_QOS_MAPPING", kindVlanQosMapping),
)

// linux/if_link.h IFLA_VLAN_*
var kindVlanAttrs = Seq("vlan", 1,
	A(0, "IFLA_VLAN_ID", U16),
	S(0, "IFLA_VLAN_FLAGS", kindVlanFlags),
	N(0, "IFLA_VLAN_EGRESS_QOS", kindVlanQosAttrs),
	N(0, "IFLA_VLAN_INGRESS_QOS", kindVlanQosAttrs),
	A(0, "IFLA_VLAN_PROTOCOL", BE16).WithEnum(ethProtocols),
)

// MACVLAN / MACVTAP.

// linux/if_link.h enum macvlan_mode: one mode at a time, though the
// values are bits.
var kindMacvlanModes = NewEnumMap("macvlan_mode", map[uint64]string{
	1: "MACVLAN_MODE_PRIVATE", 2: "MACVLAN_MODE_VEPA", 4: "MACVLAN_MODE_BRIDGE",
	8: "MACVLAN_MODE_PASSTHRU", 16: "MACVLAN_MODE_SOURCE",
})

// linux/if_link.h enum macvlan_macaddr_mode
var kindMacvlanMacaddrModes = NewEnum("macvlan_macaddr_mode", 0,
	"MACVLAN_MACADDR_ADD", "MACVLAN_MACADDR_DEL", "MACVLAN_MACADDR_FLUSH", "MACVLAN_MACADDR_SET")

// linux/if_link.h MACVLAN_FLAG_*
var kindMacvlanFlags = NewBitFlags("macvlan_flags", 0,
	"MACVLAN_FLAG_NOPROMISC", "MACVLAN_FLAG_NODST")

// IFLA_MACVLAN_MACADDR_DATA holds one IFLA_MACVLAN_MACADDR per source MAC
// of a source-mode macvlan.
var kindMacvlanMacaddrAttrs = Set("macvlan_macaddr",
	A(4, "IFLA_MACVLAN_MACADDR", HWAddr),
)

// linux/if_link.h IFLA_MACVLAN_*
var kindMacvlanAttrs = Seq("macvlan", 1,
	A(0, "IFLA_MACVLAN_MODE", U32).WithEnum(kindMacvlanModes),
	A(0, "IFLA_MACVLAN_FLAGS", U16).WithFlags(kindMacvlanFlags),
	A(0, "IFLA_MACVLAN_MACADDR_MODE", U32).WithEnum(kindMacvlanMacaddrModes),
	A(0, "IFLA_MACVLAN_MACADDR", HWAddr),
	N(0, "IFLA_MACVLAN_MACADDR_DATA", kindMacvlanMacaddrAttrs),
	A(0, "IFLA_MACVLAN_MACADDR_COUNT", U32),
	A(0, "IFLA_MACVLAN_BC_QUEUE_LEN", U32),
	A(0, "IFLA_MACVLAN_BC_QUEUE_LEN_USED", U32),
	A(0, "IFLA_MACVLAN_BC_CUTOFF", S32),
)

// VRF.

// linux/if_link.h IFLA_VRF_*
var kindVrfAttrs = Seq("vrf", 1,
	A(0, "IFLA_VRF_TABLE", U32),
)

// linux/if_link.h IFLA_VRF_PORT_*
var kindVrfPortAttrs = Seq("vrf_port", 1,
	A(0, "IFLA_VRF_PORT_TABLE", U32),
)

// MACsec.

// linux/if_macsec.h MACSEC_CIPHER_ID_*: MACSEC_DEFAULT_CIPHER_ALT is the
// same value as GCM_AES_128 and is left out.
var kindMacsecCiphers = NewEnumMap("macsec_cipher_id", map[uint64]string{
	0x0080C20001000001: "MACSEC_CIPHER_ID_GCM_AES_128",
	0x0080C20001000002: "MACSEC_CIPHER_ID_GCM_AES_256",
	0x0080C20001000003: "MACSEC_CIPHER_ID_GCM_AES_XPN_128",
	0x0080C20001000004: "MACSEC_CIPHER_ID_GCM_AES_XPN_256",
	0x0080020001000001: "MACSEC_DEFAULT_CIPHER_ID",
})

// linux/if_link.h enum macsec_validation_type and enum macsec_offload
var (
	kindMacsecValidation = NewEnum("macsec_validation_type", 0,
		"MACSEC_VALIDATE_DISABLED", "MACSEC_VALIDATE_CHECK", "MACSEC_VALIDATE_STRICT")
	kindMacsecOffload = NewEnum("macsec_offload", 0,
		"MACSEC_OFFLOAD_OFF", "MACSEC_OFFLOAD_PHY", "MACSEC_OFFLOAD_MAC")
)

// linux/if_link.h IFLA_MACSEC_*. The SCI is the MAC address then the port,
// in network order, so it reads as a big-endian number; the port alone is
// big-endian too.
var kindMacsecAttrs = Seq("macsec", 1,
	A(0, "IFLA_MACSEC_SCI", BE64),
	A(0, "IFLA_MACSEC_PORT", BE16),
	A(0, "IFLA_MACSEC_ICV_LEN", U8),
	A(0, "IFLA_MACSEC_CIPHER_SUITE", U64).WithEnum(kindMacsecCiphers),
	A(0, "IFLA_MACSEC_WINDOW", U32),
	A(0, "IFLA_MACSEC_ENCODING_SA", U8),
	A(0, "IFLA_MACSEC_ENCRYPT", U8),
	A(0, "IFLA_MACSEC_PROTECT", U8),
	A(0, "IFLA_MACSEC_INC_SCI", U8),
	A(0, "IFLA_MACSEC_ES", U8),
	A(0, "IFLA_MACSEC_SCB", U8),
	A(0, "IFLA_MACSEC_REPLAY_PROTECT", U8),
	A(0, "IFLA_MACSEC_VALIDATION", U8).WithEnum(kindMacsecValidation),
	A(0, "IFLA_MACSEC_PAD", Binary),
	A(0, "IFLA_MACSEC_OFFLOAD", U8).WithEnum(kindMacsecOffload),
)

// XFRM interfaces.

// linux/if_link.h IFLA_XFRM_*
var kindXfrmAttrs = Seq("xfrm", 1,
	A(0, "IFLA_XFRM_LINK", U32),
	A(0, "IFLA_XFRM_IF_ID", U32),
	A(0, "IFLA_XFRM_COLLECT_METADATA", Flag),
)

// IPVLAN / IPVTAP.

// linux/if_link.h enum ipvlan_mode and IPVLAN_F_*
var (
	kindIpvlanModes = NewEnum("ipvlan_mode", 0,
		"IPVLAN_MODE_L2", "IPVLAN_MODE_L3", "IPVLAN_MODE_L3S")
	kindIpvlanFlags = NewBitFlags("ipvlan_flags", 0, "IPVLAN_F_PRIVATE", "IPVLAN_F_VEPA")
)

// linux/if_link.h IFLA_IPVLAN_*
var kindIpvlanAttrs = Seq("ipvlan", 1,
	A(0, "IFLA_IPVLAN_MODE", U16).WithEnum(kindIpvlanModes),
	A(0, "IFLA_IPVLAN_FLAGS", U16).WithFlags(kindIpvlanFlags),
)

// netkit.

// linux/if_link.h enum netkit_action (NETKIT_NEXT is -1 in a u32),
// enum netkit_mode and enum netkit_scrub
var (
	kindNetkitActions = NewEnumMap("netkit_action", map[uint64]string{
		0: "NETKIT_PASS", 2: "NETKIT_DROP", 7: "NETKIT_REDIRECT", 0xFFFFFFFF: "NETKIT_NEXT",
	})
	kindNetkitModes  = NewEnum("netkit_mode", 0, "NETKIT_L2", "NETKIT_L3")
	kindNetkitScrubs = NewEnum("netkit_scrub", 0, "NETKIT_SCRUB_NONE", "NETKIT_SCRUB_DEFAULT")
)

// linux/if_link.h IFLA_NETKIT_*
var kindNetkitAttrs = Seq("netkit", 1,
	kindNetkitPeer,
	A(0, "IFLA_NETKIT_PRIMARY", U8),
	A(0, "IFLA_NETKIT_POLICY", U32).WithEnum(kindNetkitActions),
	A(0, "IFLA_NETKIT_PEER_POLICY", U32).WithEnum(kindNetkitActions),
	A(0, "IFLA_NETKIT_MODE", U32).WithEnum(kindNetkitModes),
	A(0, "IFLA_NETKIT_SCRUB", U32).WithEnum(kindNetkitScrubs),
	A(0, "IFLA_NETKIT_PEER_SCRUB", U32).WithEnum(kindNetkitScrubs),
	A(0, "IFLA_NETKIT_HEADROOM", U16),
	A(0, "IFLA_NETKIT_TAILROOM", U16),
)

// VXLAN.

// linux/if_link.h struct ifla_vxlan_port_range: UDP source port range.
var kindVxlanPortRange = NewStruct("ifla_vxlan_port_range",
	F("low", BE16),
	F("high", BE16),
)

// linux/if_link.h enum ifla_vxlan_df and enum ifla_vxlan_label_policy
var (
	kindVxlanDF = NewEnum("ifla_vxlan_df", 0,
		"VXLAN_DF_UNSET", "VXLAN_DF_SET", "VXLAN_DF_INHERIT")
	kindVxlanLabelPolicy = NewEnum("ifla_vxlan_label_policy", 0,
		"VXLAN_LABEL_FIXED", "VXLAN_LABEL_INHERIT")
)

// linux/if_link.h IFLA_VXLAN_*. Most on/off options are u8; GBP, GPE and
// REMCSUM_NOPARTIAL are presence flags. TTL_INHERIT is asymmetric: the
// kernel reports it as a u8 but accepts it in requests only as a
// zero-length flag; the table follows what the kernel sends. RESERVED_BITS
// is a raw VXLAN header mask and stays bytes.
var kindVxlanAttrs = Seq("vxlan", 1,
	A(0, "IFLA_VXLAN_ID", U32),
	A(0, "IFLA_VXLAN_GROUP", IPAddr),
	A(0, "IFLA_VXLAN_LINK", U32),
	A(0, "IFLA_VXLAN_LOCAL", IPAddr),
	A(0, "IFLA_VXLAN_TTL", U8),
	A(0, "IFLA_VXLAN_TOS", U8),
	A(0, "IFLA_VXLAN_LEARNING", U8),
	A(0, "IFLA_VXLAN_AGEING", U32),
	A(0, "IFLA_VXLAN_LIMIT", U32),
	S(0, "IFLA_VXLAN_PORT_RANGE", kindVxlanPortRange),
	A(0, "IFLA_VXLAN_PROXY", U8),
	A(0, "IFLA_VXLAN_RSC", U8),
	A(0, "IFLA_VXLAN_L2MISS", U8),
	A(0, "IFLA_VXLAN_L3MISS", U8),
	A(0, "IFLA_VXLAN_PORT", BE16),
	A(0, "IFLA_VXLAN_GROUP6", IPAddr),
	A(0, "IFLA_VXLAN_LOCAL6", IPAddr),
	A(0, "IFLA_VXLAN_UDP_CSUM", U8),
	A(0, "IFLA_VXLAN_UDP_ZERO_CSUM6_TX", U8),
	A(0, "IFLA_VXLAN_UDP_ZERO_CSUM6_RX", U8),
	A(0, "IFLA_VXLAN_REMCSUM_TX", U8),
	A(0, "IFLA_VXLAN_REMCSUM_RX", U8),
	A(0, "IFLA_VXLAN_GBP", Flag),
	A(0, "IFLA_VXLAN_REMCSUM_NOPARTIAL", Flag),
	A(0, "IFLA_VXLAN_COLLECT_METADATA", U8),
	A(0, "IFLA_VXLAN_LABEL", BE32),
	A(0, "IFLA_VXLAN_GPE", Flag),
	&Attr{Name: "IFLA_VXLAN_TTL_INHERIT", Type: U8, AlsoFlag: true},
	A(0, "IFLA_VXLAN_DF", U8).WithEnum(kindVxlanDF),
	A(0, "IFLA_VXLAN_VNIFILTER", U8),
	A(0, "IFLA_VXLAN_LOCALBYPASS", U8),
	A(0, "IFLA_VXLAN_LABEL_POLICY", U32).WithEnum(kindVxlanLabelPolicy),
	A(0, "IFLA_VXLAN_RESERVED_BITS", Binary),
	A(0, "IFLA_VXLAN_MC_ROUTE", U8),
)

// GENEVE.

// linux/if_link.h struct ifla_geneve_port_range
var kindGenevePortRange = NewStruct("ifla_geneve_port_range",
	F("low", BE16),
	F("high", BE16),
)

// linux/if_link.h enum ifla_geneve_df
var kindGeneveDF = NewEnum("ifla_geneve_df", 0,
	"GENEVE_DF_UNSET", "GENEVE_DF_SET", "GENEVE_DF_INHERIT")

// linux/if_link.h IFLA_GENEVE_*
var kindGeneveAttrs = Seq("geneve", 1,
	A(0, "IFLA_GENEVE_ID", U32),
	A(0, "IFLA_GENEVE_REMOTE", IPAddr),
	A(0, "IFLA_GENEVE_TTL", U8),
	A(0, "IFLA_GENEVE_TOS", U8),
	A(0, "IFLA_GENEVE_PORT", BE16),
	A(0, "IFLA_GENEVE_COLLECT_METADATA", Flag),
	A(0, "IFLA_GENEVE_REMOTE6", IPAddr),
	A(0, "IFLA_GENEVE_UDP_CSUM", U8),
	A(0, "IFLA_GENEVE_UDP_ZERO_CSUM6_TX", U8),
	A(0, "IFLA_GENEVE_UDP_ZERO_CSUM6_RX", U8),
	A(0, "IFLA_GENEVE_LABEL", BE32),
	A(0, "IFLA_GENEVE_TTL_INHERIT", U8),
	A(0, "IFLA_GENEVE_DF", U8).WithEnum(kindGeneveDF),
	A(0, "IFLA_GENEVE_INNER_PROTO_INHERIT", Flag),
	S(0, "IFLA_GENEVE_PORT_RANGE", kindGenevePortRange),
)

// Bare UDP.

// linux/if_link.h IFLA_BAREUDP_*
var kindBareudpAttrs = Seq("bareudp", 1,
	A(0, "IFLA_BAREUDP_PORT", BE16),
	A(0, "IFLA_BAREUDP_ETHERTYPE", BE16).WithEnum(ethProtocols),
	A(0, "IFLA_BAREUDP_SRCPORT_MIN", U16),
	A(0, "IFLA_BAREUDP_MULTIPROTO_MODE", Flag),
)

// PPP.

// linux/if_link.h IFLA_PPP_*
var kindPppAttrs = Seq("ppp", 1,
	A(0, "IFLA_PPP_DEV_FD", S32),
)

// GTP.

// linux/if_link.h enum ifla_gtp_role
var kindGtpRoles = NewEnum("ifla_gtp_role", 0, "GTP_ROLE_GGSN", "GTP_ROLE_SGSN")

// linux/if_link.h IFLA_GTP_*
var kindGtpAttrs = Seq("gtp", 1,
	A(0, "IFLA_GTP_FD0", U32),
	A(0, "IFLA_GTP_FD1", U32),
	A(0, "IFLA_GTP_PDP_HASHSIZE", U32),
	A(0, "IFLA_GTP_ROLE", U32).WithEnum(kindGtpRoles),
	A(0, "IFLA_GTP_CREATE_SOCKETS", U8),
	A(0, "IFLA_GTP_RESTART_COUNT", U8),
	A(0, "IFLA_GTP_LOCAL", IPAddr),
	A(0, "IFLA_GTP_LOCAL6", IPAddr),
)

// Bonding.

// linux/if_bonding.h BOND_MODE_*
var kindBondModes = NewEnum("bond_mode", 0,
	"BOND_MODE_ROUNDROBIN", "BOND_MODE_ACTIVEBACKUP", "BOND_MODE_XOR",
	"BOND_MODE_BROADCAST", "BOND_MODE_8023AD", "BOND_MODE_TLB", "BOND_MODE_ALB")

// linux/if_bonding.h BOND_XMIT_POLICY_*
var kindBondXmitPolicies = NewEnum("bond_xmit_policy", 0,
	"BOND_XMIT_POLICY_LAYER2", "BOND_XMIT_POLICY_LAYER34", "BOND_XMIT_POLICY_LAYER23",
	"BOND_XMIT_POLICY_ENCAP23", "BOND_XMIT_POLICY_ENCAP34", "BOND_XMIT_POLICY_VLAN_SRCMAC")

// linux/if_bonding.h BOND_STATE_*, BOND_LINK_* and LACP_STATE_*: a slave's
// role, its MII link state and its 802.3ad port state bits.
var (
	kindBondSlaveStates = NewEnum("bond_state", 0, "BOND_STATE_ACTIVE", "BOND_STATE_BACKUP")
	kindBondLinkStates  = NewEnum("bond_link", 0,
		"BOND_LINK_UP", "BOND_LINK_FAIL", "BOND_LINK_DOWN", "BOND_LINK_BACK")
	kindLacpStates = NewBitFlags("lacp_state", 0,
		"LACP_STATE_LACP_ACTIVITY", "LACP_STATE_LACP_TIMEOUT", "LACP_STATE_AGGREGATION",
		"LACP_STATE_SYNCHRONIZATION", "LACP_STATE_COLLECTING", "LACP_STATE_DISTRIBUTING",
		"LACP_STATE_DEFAULTED", "LACP_STATE_EXPIRED")
)

// The target lists are nests whose children are numbered by slot (from 0)
// and carry one address each.
var (
	kindBondArpTargets = &AttrSet{Name: "bond_arp_ip_target", Default: &Attr{Type: IPAddr}}
	kindBondNsTargets  = &AttrSet{Name: "bond_ns_ip6_target", Default: &Attr{Type: IPAddr}}
)

// linux/if_link.h IFLA_BOND_AD_INFO_*
var kindBondAdInfoAttrs = Seq("bond_ad_info", 1,
	A(0, "IFLA_BOND_AD_INFO_AGGREGATOR", U16),
	A(0, "IFLA_BOND_AD_INFO_NUM_PORTS", U16),
	A(0, "IFLA_BOND_AD_INFO_ACTOR_KEY", U16),
	A(0, "IFLA_BOND_AD_INFO_PARTNER_KEY", U16),
	A(0, "IFLA_BOND_AD_INFO_PARTNER_MAC", HWAddr),
)

// linux/if_link.h IFLA_BOND_*
var kindBondAttrs = Seq("bond", 1,
	A(0, "IFLA_BOND_MODE", U8).WithEnum(kindBondModes),
	A(0, "IFLA_BOND_ACTIVE_SLAVE", U32),
	A(0, "IFLA_BOND_MIIMON", U32),
	A(0, "IFLA_BOND_UPDELAY", U32),
	A(0, "IFLA_BOND_DOWNDELAY", U32),
	A(0, "IFLA_BOND_USE_CARRIER", U8),
	A(0, "IFLA_BOND_ARP_INTERVAL", U32),
	N(0, "IFLA_BOND_ARP_IP_TARGET", kindBondArpTargets),
	A(0, "IFLA_BOND_ARP_VALIDATE", U32),
	A(0, "IFLA_BOND_ARP_ALL_TARGETS", U32),
	A(0, "IFLA_BOND_PRIMARY", U32),
	A(0, "IFLA_BOND_PRIMARY_RESELECT", U8),
	A(0, "IFLA_BOND_FAIL_OVER_MAC", U8),
	A(0, "IFLA_BOND_XMIT_HASH_POLICY", U8).WithEnum(kindBondXmitPolicies),
	A(0, "IFLA_BOND_RESEND_IGMP", U32),
	A(0, "IFLA_BOND_NUM_PEER_NOTIF", U8),
	A(0, "IFLA_BOND_ALL_SLAVES_ACTIVE", U8),
	A(0, "IFLA_BOND_MIN_LINKS", U32),
	A(0, "IFLA_BOND_LP_INTERVAL", U32),
	A(0, "IFLA_BOND_PACKETS_PER_SLAVE", U32),
	A(0, "IFLA_BOND_AD_LACP_RATE", U8),
	A(0, "IFLA_BOND_AD_SELECT", U8),
	N(0, "IFLA_BOND_AD_INFO", kindBondAdInfoAttrs),
	A(0, "IFLA_BOND_AD_ACTOR_SYS_PRIO", U16),
	A(0, "IFLA_BOND_AD_USER_PORT_KEY", U16),
	A(0, "IFLA_BOND_AD_ACTOR_SYSTEM", HWAddr),
	A(0, "IFLA_BOND_TLB_DYNAMIC_LB", U8),
	A(0, "IFLA_BOND_PEER_NOTIF_DELAY", U32),
	A(0, "IFLA_BOND_AD_LACP_ACTIVE", U8),
	A(0, "IFLA_BOND_MISSED_MAX", U8),
	N(0, "IFLA_BOND_NS_IP6_TARGET", kindBondNsTargets),
	A(0, "IFLA_BOND_COUPLED_CONTROL", U8),
	A(0, "IFLA_BOND_BROADCAST_NEIGH", U8),
)

// linux/if_link.h IFLA_BOND_SLAVE_*
var kindBondSlaveAttrs = Seq("bond_slave", 1,
	A(0, "IFLA_BOND_SLAVE_STATE", U8).WithEnum(kindBondSlaveStates),
	A(0, "IFLA_BOND_SLAVE_MII_STATUS", U8).WithEnum(kindBondLinkStates),
	A(0, "IFLA_BOND_SLAVE_LINK_FAILURE_COUNT", U32),
	A(0, "IFLA_BOND_SLAVE_PERM_HWADDR", HWAddr),
	A(0, "IFLA_BOND_SLAVE_QUEUE_ID", U16),
	A(0, "IFLA_BOND_SLAVE_AD_AGGREGATOR_ID", U16),
	A(0, "IFLA_BOND_SLAVE_AD_ACTOR_OPER_PORT_STATE", U8).WithFlags(kindLacpStates),
	A(0, "IFLA_BOND_SLAVE_AD_PARTNER_OPER_PORT_STATE", U16).WithFlags(kindLacpStates),
	A(0, "IFLA_BOND_SLAVE_PRIO", S32),
	A(0, "IFLA_BOND_SLAVE_ACTOR_PORT_PRIO", U16),
	A(0, "IFLA_BOND_SLAVE_AD_CHURN_ACTOR_STATE", U8),
	A(0, "IFLA_BOND_SLAVE_AD_CHURN_PARTNER_STATE", U8),
)

// IPoIB.

// linux/if_link.h IPOIB_MODE_*
var kindIpoibModes = NewEnum("ipoib_mode", 0, "IPOIB_MODE_DATAGRAM", "IPOIB_MODE_CONNECTED")

// linux/if_link.h IFLA_IPOIB_*
var kindIpoibAttrs = Seq("ipoib", 1,
	A(0, "IFLA_IPOIB_PKEY", U16),
	A(0, "IFLA_IPOIB_MODE", U16).WithEnum(kindIpoibModes),
	A(0, "IFLA_IPOIB_UMCAST", U16),
)

// HSR / PRP.

// linux/if_link.h HSR_PROTOCOL_*
var kindHsrProtocols = NewEnum("hsr_protocol", 0, "HSR_PROTOCOL_HSR", "HSR_PROTOCOL_PRP")

// linux/if_link.h IFLA_HSR_*
var kindHsrAttrs = Seq("hsr", 1,
	A(0, "IFLA_HSR_SLAVE1", U32),
	A(0, "IFLA_HSR_SLAVE2", U32),
	A(0, "IFLA_HSR_MULTICAST_SPEC", U8),
	A(0, "IFLA_HSR_SUPERVISION_ADDR", HWAddr),
	A(0, "IFLA_HSR_SEQ_NR", U16),
	A(0, "IFLA_HSR_VERSION", U8),
	A(0, "IFLA_HSR_PROTOCOL", U8).WithEnum(kindHsrProtocols),
	A(0, "IFLA_HSR_INTERLINK", U32),
)

// TUN / TAP.

// linux/if_tun.h IFF_TUN / IFF_TAP: the device type.
var kindTunTypes = NewEnumMap("tun_type", map[uint64]string{1: "IFF_TUN", 2: "IFF_TAP"})

// linux/if_link.h IFLA_TUN_*
var kindTunAttrs = Seq("tun", 1,
	A(0, "IFLA_TUN_OWNER", U32),
	A(0, "IFLA_TUN_GROUP", U32),
	A(0, "IFLA_TUN_TYPE", U8).WithEnum(kindTunTypes),
	A(0, "IFLA_TUN_PI", U8),
	A(0, "IFLA_TUN_VNET_HDR", U8),
	A(0, "IFLA_TUN_PERSIST", U8),
	A(0, "IFLA_TUN_MULTI_QUEUE", U8),
	A(0, "IFLA_TUN_NUM_QUEUES", U32),
	A(0, "IFLA_TUN_NUM_DISABLED_QUEUES", U32),
)

// rmnet.

// linux/if_link.h RMNET_FLAGS_*
var kindRmnetFlagBits = NewBitFlags("rmnet_flags", 0,
	"RMNET_FLAGS_INGRESS_DEAGGREGATION", "RMNET_FLAGS_INGRESS_MAP_COMMANDS",
	"RMNET_FLAGS_INGRESS_MAP_CKSUMV4", "RMNET_FLAGS_EGRESS_MAP_CKSUMV4",
	"RMNET_FLAGS_INGRESS_MAP_CKSUMV5", "RMNET_FLAGS_EGRESS_MAP_CKSUMV5")

// linux/if_link.h struct ifla_rmnet_flags
var kindRmnetFlags = NewStruct("ifla_rmnet_flags",
	FF("flags", U32, kindRmnetFlagBits),
	FF("mask", U32, kindRmnetFlagBits),
)

// linux/if_link.h IFLA_RMNET_*
var kindRmnetAttrs = Seq("rmnet", 1,
	A(0, "IFLA_RMNET_MUX_ID", U16),
	S(0, "IFLA_RMNET_FLAGS", kindRmnetFlags),
)

// DSA user ports.

// linux/if_link.h IFLA_DSA_* (IFLA_DSA_CONDUIT in newer headers, same
// number)
var kindDsaAttrs = Seq("dsa", 1,
	A(0, "IFLA_DSA_MASTER", U32),
)

// OpenVPN data channel offload.

// linux/if_link.h enum ovpn_mode
var kindOvpnModes = NewEnum("ovpn_mode", 0, "OVPN_MODE_P2P", "OVPN_MODE_MP")

// linux/if_link.h IFLA_OVPN_*
var kindOvpnAttrs = Seq("ovpn", 1,
	A(0, "IFLA_OVPN_MODE", U8).WithEnum(kindOvpnModes),
)

// IP tunnels.

// linux/if_tunnel.h SIT_ISATAP: sit keeps it in a __be16 but compares it
// with the host-order constant, so the attribute is host order on the wire.
var kindSitFlags = NewFlags("sit_flags", map[uint64]string{0x1: "SIT_ISATAP"})

// kindIPTunSet builds the linux/if_tunnel.h IFLA_IPTUN_* set; only
// IFLA_IPTUN_FLAGS differs between ipip/sit (u16) and ip6tnl (u32).
func kindIPTunSet(name string, flags *Attr) *AttrSet {
	return Seq(name, 1,
		A(0, "IFLA_IPTUN_LINK", U32),
		A(0, "IFLA_IPTUN_LOCAL", IPAddr),
		A(0, "IFLA_IPTUN_REMOTE", IPAddr),
		A(0, "IFLA_IPTUN_TTL", U8),
		A(0, "IFLA_IPTUN_TOS", U8),
		A(0, "IFLA_IPTUN_ENCAP_LIMIT", U8),
		A(0, "IFLA_IPTUN_FLOWINFO", BE32),
		flags,
		A(0, "IFLA_IPTUN_PROTO", U8).WithEnum(ipProtocols),
		A(0, "IFLA_IPTUN_PMTUDISC", U8),
		A(0, "IFLA_IPTUN_6RD_PREFIX", IPAddr),
		A(0, "IFLA_IPTUN_6RD_RELAY_PREFIX", IPAddr),
		A(0, "IFLA_IPTUN_6RD_PREFIXLEN", U16),
		A(0, "IFLA_IPTUN_6RD_RELAY_PREFIXLEN", U16),
		A(0, "IFLA_IPTUN_ENCAP_TYPE", U16).WithEnum(kindTunnelEncapTypes),
		A(0, "IFLA_IPTUN_ENCAP_FLAGS", U16).WithFlags(kindTunnelEncapFlags),
		A(0, "IFLA_IPTUN_ENCAP_SPORT", BE16),
		A(0, "IFLA_IPTUN_ENCAP_DPORT", BE16),
		A(0, "IFLA_IPTUN_COLLECT_METADATA", Flag),
		A(0, "IFLA_IPTUN_FWMARK", U32),
	)
}

var (
	kindIPTunAttrs  = kindIPTunSet("iptun", A(0, "IFLA_IPTUN_FLAGS", U16).WithFlags(kindSitFlags))
	kindIP6TnlAttrs = kindIPTunSet("ip6tnl", A(0, "IFLA_IPTUN_FLAGS", U32).WithFlags(kindIP6TnlFlags))
)

// linux/if_tunnel.h GRE_*: the GRE header flag bits, compared in network
// order. The multi-bit GRE_REC, GRE_FLAGS and GRE_VERSION fields are left
// out so that a value never reads as a partial match.
var kindGreFlags = NewFlags("gre_flags", map[uint64]string{
	0x8000: "GRE_CSUM", 0x4000: "GRE_ROUTING", 0x2000: "GRE_KEY",
	0x1000: "GRE_SEQ", 0x0800: "GRE_STRICT", 0x0080: "GRE_ACK",
})

// linux/if_tunnel.h IFLA_GRE_*: one set for gre, gretap, erspan and their
// IPv6 variants, addresses being read by length.
var kindGreAttrs = Seq("gre", 1,
	A(0, "IFLA_GRE_LINK", U32),
	A(0, "IFLA_GRE_IFLAGS", BE16).WithFlags(kindGreFlags),
	A(0, "IFLA_GRE_OFLAGS", BE16).WithFlags(kindGreFlags),
	A(0, "IFLA_GRE_IKEY", BE32),
	A(0, "IFLA_GRE_OKEY", BE32),
	A(0, "IFLA_GRE_LOCAL", IPAddr),
	A(0, "IFLA_GRE_REMOTE", IPAddr),
	A(0, "IFLA_GRE_TTL", U8),
	A(0, "IFLA_GRE_TOS", U8),
	A(0, "IFLA_GRE_PMTUDISC", U8),
	A(0, "IFLA_GRE_ENCAP_LIMIT", U8),
	A(0, "IFLA_GRE_FLOWINFO", BE32),
	A(0, "IFLA_GRE_FLAGS", U32).WithFlags(kindIP6TnlFlags),
	A(0, "IFLA_GRE_ENCAP_TYPE", U16).WithEnum(kindTunnelEncapTypes),
	A(0, "IFLA_GRE_ENCAP_FLAGS", U16).WithFlags(kindTunnelEncapFlags),
	A(0, "IFLA_GRE_ENCAP_SPORT", BE16),
	A(0, "IFLA_GRE_ENCAP_DPORT", BE16),
	A(0, "IFLA_GRE_COLLECT_METADATA", Flag),
	A(0, "IFLA_GRE_IGNORE_DF", U8),
	A(0, "IFLA_GRE_FWMARK", U32),
	A(0, "IFLA_GRE_ERSPAN_INDEX", U32),
	A(0, "IFLA_GRE_ERSPAN_VER", U8),
	A(0, "IFLA_GRE_ERSPAN_DIR", U8),
	A(0, "IFLA_GRE_ERSPAN_HWID", U16),
)

// linux/if_tunnel.h IFLA_VTI_*: shared by vti and vti6.
var kindVtiAttrs = Seq("vti", 1,
	A(0, "IFLA_VTI_LINK", U32),
	A(0, "IFLA_VTI_IKEY", BE32),
	A(0, "IFLA_VTI_OKEY", BE32),
	A(0, "IFLA_VTI_LOCAL", IPAddr),
	A(0, "IFLA_VTI_REMOTE", IPAddr),
	A(0, "IFLA_VTI_FWMARK", U32),
)

// AMT.

// linux/amt.h enum ifla_amt_mode
var kindAmtModes = NewEnum("ifla_amt_mode", 0, "AMT_MODE_GATEWAY", "AMT_MODE_RELAY")

// linux/amt.h IFLA_AMT_*
var kindAmtAttrs = Seq("amt", 1,
	A(0, "IFLA_AMT_MODE", U32).WithEnum(kindAmtModes),
	A(0, "IFLA_AMT_RELAY_PORT", BE16),
	A(0, "IFLA_AMT_GATEWAY_PORT", BE16),
	A(0, "IFLA_AMT_LINK", U32),
	A(0, "IFLA_AMT_LOCAL_IP", IPAddr),
	A(0, "IFLA_AMT_REMOTE_IP", IPAddr),
	A(0, "IFLA_AMT_DISCOVERY_IP", IPAddr),
	A(0, "IFLA_AMT_MAX_TUNNELS", U32),
)

// batman-adv and WWAN.

// linux/batman_adv.h enum batadv_ifla_attrs
var kindBatadvAttrs = Seq("batadv", 1,
	A(0, "IFLA_BATADV_ALGO_NAME", String),
)

// linux/wwan.h IFLA_WWAN_*
var kindWwanAttrs = Seq("wwan", 1,
	A(0, "IFLA_WWAN_LINK_ID", U32),
)

// kindNoAttrs stands for kinds whose IFLA_INFO_DATA the kernel neither
// sends nor parses: if one shows up anyway its attributes are kept raw.
var kindNoAttrs = Set("none")

// linkKindData maps IFLA_INFO_KIND to the definition of IFLA_INFO_DATA.
var linkKindData = map[string]*Attr{
	"amt":       Data(Nested, kindAmtAttrs),
	"bareudp":   Data(Nested, kindBareudpAttrs),
	"batadv":    Data(Nested, kindBatadvAttrs),
	"bond":      Data(Nested, kindBondAttrs),
	"bridge":    Data(Nested, kindBridgeAttrs),
	"dsa":       Data(Nested, kindDsaAttrs),
	"erspan":    Data(Nested, kindGreAttrs),
	"geneve":    Data(Nested, kindGeneveAttrs),
	"gre":       Data(Nested, kindGreAttrs),
	"gretap":    Data(Nested, kindGreAttrs),
	"gtp":       Data(Nested, kindGtpAttrs),
	"hsr":       Data(Nested, kindHsrAttrs),
	"ip6erspan": Data(Nested, kindGreAttrs),
	"ip6gre":    Data(Nested, kindGreAttrs),
	"ip6gretap": Data(Nested, kindGreAttrs),
	"ip6tnl":    Data(Nested, kindIP6TnlAttrs),
	"ipip":      Data(Nested, kindIPTunAttrs),
	"ipoib":     Data(Nested, kindIpoibAttrs),
	"ipvlan":    Data(Nested, kindIpvlanAttrs),
	"ipvtap":    Data(Nested, kindIpvlanAttrs),
	"macsec":    Data(Nested, kindMacsecAttrs),
	"macvlan":   Data(Nested, kindMacvlanAttrs),
	"macvtap":   Data(Nested, kindMacvlanAttrs),
	"netkit":    Data(Nested, kindNetkitAttrs),
	"ovpn":      Data(Nested, kindOvpnAttrs),
	"ppp":       Data(Nested, kindPppAttrs),
	"rmnet":     Data(Nested, kindRmnetAttrs),
	"sit":       Data(Nested, kindIPTunAttrs),
	"tun":       Data(Nested, kindTunAttrs),
	"veth":      Data(Nested, kindVethAttrs),
	"vlan":      Data(Nested, kindVlanAttrs),
	"vrf":       Data(Nested, kindVrfAttrs),
	"vti":       Data(Nested, kindVtiAttrs),
	"vti6":      Data(Nested, kindVtiAttrs),
	"vxcan":     Data(Nested, kindVxcanAttrs),
	"vxlan":     Data(Nested, kindVxlanAttrs),
	"wwan":      Data(Nested, kindWwanAttrs),
	"xfrm":      Data(Nested, kindXfrmAttrs),

	"dummy":     Data(Nested, kindNoAttrs),
	"ifb":       Data(Nested, kindNoAttrs),
	"nlmon":     Data(Nested, kindNoAttrs),
	"team":      Data(Nested, kindNoAttrs),
	"vcan":      Data(Nested, kindNoAttrs),
	"virt_wifi": Data(Nested, kindNoAttrs),
	"wireguard": Data(Nested, kindNoAttrs),
}

// linkSlaveKindData maps IFLA_INFO_SLAVE_KIND (the master's kind) to the
// definition of IFLA_INFO_SLAVE_DATA.
var linkSlaveKindData = map[string]*Attr{
	"bond":   Data(Nested, kindBondSlaveAttrs),
	"bridge": Data(Nested, brportAttrs),
	"vrf":    Data(Nested, kindVrfPortAttrs),
	// IFLA_INFO_KIND values that name a port's data when a request sends
	// no IFLA_INFO_SLAVE_KIND (pyroute2's brport set; the kernel picks
	// the table from the master).
	"bridge_slave": Data(Nested, brportAttrs),
	"bond_slave":   Data(Nested, kindBondSlaveAttrs),
}
