package codec

// Interface addresses (RTM_NEWADDR, RTM_DELADDR, RTM_GETADDR) and the
// multicast/anycast address messages that share their header and set.

// linux/if_addr.h: IFA_F_* (ifa_flags and IFA_FLAGS). IFA_F_TEMPORARY is
// an alias of IFA_F_SECONDARY (IPv6 calls the same bit temporary).
var ifaFlags = NewFlags("ifa_flags", map[uint64]string{
	0x01:  "IFA_F_SECONDARY",
	0x02:  "IFA_F_NODAD",
	0x04:  "IFA_F_OPTIMISTIC",
	0x08:  "IFA_F_DADFAILED",
	0x10:  "IFA_F_HOMEADDRESS",
	0x20:  "IFA_F_DEPRECATED",
	0x40:  "IFA_F_TENTATIVE",
	0x80:  "IFA_F_PERMANENT",
	0x100: "IFA_F_MANAGETEMPADDR",
	0x200: "IFA_F_NOPREFIXROUTE",
	0x400: "IFA_F_MCAUTOJOIN",
	0x800: "IFA_F_STABLE_PRIVACY",
})

// linux/if_addr.h: IFAPROT_* (IFA_PROTO).
var ifaProtocols = NewEnum("ifa_proto", 0,
	"IFAPROT_UNSPEC", "IFAPROT_KERNEL_LO", "IFAPROT_KERNEL_RA",
	"IFAPROT_KERNEL_LL")

// linux/if_addr.h: struct ifaddrmsg.
var ifaddrmsg = NewStruct("ifaddrmsg",
	FE("ifa_family", U8, addressFamilies),
	F("ifa_prefixlen", U8),
	FF("ifa_flags", U8, ifaFlags),
	FE("ifa_scope", U8, rtScopes),
	F("ifa_index", U32),
)

// linux/if_addr.h: struct ifa_cacheinfo.
var ifaCacheinfo = NewStruct("ifa_cacheinfo",
	F("ifa_prefered", U32),
	F("ifa_valid", U32),
	F("cstamp", U32),
	F("tstamp", U32),
)

// linux/if_addr.h: IFA_*.
var addrAttrs = Set("ifa",
	A(1, "IFA_ADDRESS", IPAddr),
	A(2, "IFA_LOCAL", IPAddr),
	A(3, "IFA_LABEL", String),
	A(4, "IFA_BROADCAST", IPAddr),
	A(5, "IFA_ANYCAST", IPAddr),
	S(6, "IFA_CACHEINFO", ifaCacheinfo),
	A(7, "IFA_MULTICAST", IPAddr),
	A(8, "IFA_FLAGS", U32).WithFlags(ifaFlags),
	A(9, "IFA_RT_PRIORITY", U32),
	A(10, "IFA_TARGET_NETNSID", S32),
	A(11, "IFA_PROTO", U8).WithEnum(ifaProtocols),
)

const (
	addrSummary = "{ifa_index}:|{IFA_LABEL}|{ifa_family} {IFA_ADDRESS}/{ifa_prefixlen}" +
		"|local {IFA_LOCAL}|brd {IFA_BROADCAST}|scope {ifa_scope}|flags {IFA_FLAGS}" +
		"|metric {IFA_RT_PRIORITY}|proto {IFA_PROTO}"
	mcaddrSummary = "{ifa_index}:|{ifa_family} {IFA_MULTICAST}"
	acaddrSummary = "{ifa_index}:|{ifa_family} {IFA_ANYCAST}"
)

func init() {
	msg := func(t uint16, name string, kind MsgKind, summary string) *Message {
		return &Message{Type: t, Name: name, Kind: kind, Header: ifaddrmsg, Attrs: addrAttrs, Summary: summary}
	}
	addRouteMessages(
		msg(20, "RTM_NEWADDR", KindNew, addrSummary),
		msg(21, "RTM_DELADDR", KindDel, addrSummary),
		msg(22, "RTM_GETADDR", KindGet, addrSummary),
		// linux/rtnetlink.h: the NEW/DEL multicast and anycast
		// notifications are newer than 6.1 (only the GETs are in it).
		msg(56, "RTM_NEWMULTICAST", KindNew, mcaddrSummary),
		msg(57, "RTM_DELMULTICAST", KindDel, mcaddrSummary),
		msg(58, "RTM_GETMULTICAST", KindGet, mcaddrSummary),
		msg(60, "RTM_NEWANYCAST", KindNew, acaddrSummary),
		msg(61, "RTM_DELANYCAST", KindDel, acaddrSummary),
		msg(62, "RTM_GETANYCAST", KindGet, acaddrSummary),
	)
}
