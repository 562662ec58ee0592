package codec

// Netlink protocol numbers (linux/netlink.h).
const (
	ProtoRoute     = 0
	ProtoUsersock  = 2
	ProtoFirewall  = 3
	ProtoSockDiag  = 4
	ProtoNflog     = 5
	ProtoXfrm      = 6
	ProtoSelinux   = 7
	ProtoIscsi     = 8
	ProtoAudit     = 9
	ProtoFibLookup = 10
	ProtoConnector = 11
	ProtoNetfilter = 12
	ProtoIP6Fw     = 13
	ProtoDnrtmsg   = 14
	ProtoKobject   = 15
	ProtoGeneric   = 16
	ProtoScsiTrans = 18
	ProtoEcryptfs  = 19
	ProtoRdma      = 20
	ProtoCrypto    = 21
	ProtoSmc       = 22
)

// routeProtocol is NETLINK_ROUTE. The schema files append their messages
// to it from init functions; lookups are built on first use.
var routeProtocol = &Protocol{Num: ProtoRoute, Name: "route"}

// addRouteMessages appends rtnetlink message definitions.
func addRouteMessages(msgs ...*Message) {
	routeProtocol.Messages = append(routeProtocol.Messages, msgs...)
}

func init() { registerProtocol(routeProtocol) }

// Address families (linux/socket.h), used by many headers.
var addressFamilies = NewEnumMap("address_family", map[uint64]string{
	0: "AF_UNSPEC", 1: "AF_UNIX", 2: "AF_INET", 3: "AF_AX25", 4: "AF_IPX",
	5: "AF_APPLETALK", 6: "AF_NETROM", 7: "AF_BRIDGE", 8: "AF_ATMPVC",
	9: "AF_X25", 10: "AF_INET6", 11: "AF_ROSE", 12: "AF_DECnet",
	13: "AF_NETBEUI", 14: "AF_SECURITY", 15: "AF_KEY", 16: "AF_NETLINK",
	17: "AF_PACKET", 18: "AF_ASH", 19: "AF_ECONET", 20: "AF_ATMSVC",
	21: "AF_RDS", 22: "AF_SNA", 23: "AF_IRDA", 24: "AF_PPPOX",
	25: "AF_WANPIPE", 26: "AF_LLC", 27: "AF_IB", 28: "AF_MPLS", 29: "AF_CAN",
	30: "AF_TIPC", 31: "AF_BLUETOOTH", 32: "AF_IUCV", 33: "AF_RXRPC",
	34: "AF_ISDN", 35: "AF_PHONET", 36: "AF_IEEE802154", 37: "AF_CAIF",
	38: "AF_ALG", 39: "AF_NFC", 40: "AF_VSOCK", 41: "AF_KCM", 42: "AF_QIPCRTR",
	43: "AF_SMC", 44: "AF_XDP", 45: "AF_MCTP",
	// rtnetlink's multicast routing families share the family fields.
	128: "RTNL_FAMILY_IPMR", 129: "RTNL_FAMILY_IP6MR",
})

// AddressFamilies names AF_* values.
func AddressFamilies() *Enum { return addressFamilies }

// Ethertypes (linux/if_ether.h ETH_P_*) that netlink messages carry: VLAN
// protocols, bareudp and tc filter protocols, MDB group address kinds.
var ethProtocols = NewEnumMap("eth_proto", map[uint64]string{
	0x0003: "ETH_P_ALL", 0x0800: "ETH_P_IP", 0x0806: "ETH_P_ARP",
	0x6558: "ETH_P_TEB", 0x8100: "ETH_P_8021Q", 0x86DD: "ETH_P_IPV6",
	0x8847: "ETH_P_MPLS_UC", 0x8848: "ETH_P_MPLS_MC", 0x88A8: "ETH_P_8021AD",
	0x88CC: "ETH_P_LLDP", 0x8906: "ETH_P_FCOE",
})
