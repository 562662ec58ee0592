package codec

import "strconv"

// Netlink protocols other than NETLINK_ROUTE. Their bodies are not
// decoded; the tables only name message types so that captures of them
// read well. Protocols whose headers define no message types are
// registered with no names.

// enumTypeName returns a TypeName function that looks t up in e.
func enumTypeName(e *Enum) func(uint16) string {
	return func(t uint16) string {
		n, _ := e.Lookup(uint64(t))
		return n
	}
}

func noTypeNames(uint16) string { return "" }

// NETLINK_SOCK_DIAG (linux/sock_diag.h, linux/inet_diag.h).
var sockDiagTypes = NewEnumMap("sock_diag_type", map[uint64]string{
	18: "TCPDIAG_GETSOCK", 19: "DCCPDIAG_GETSOCK",
	20: "SOCK_DIAG_BY_FAMILY", 21: "SOCK_DESTROY",
})

// NETLINK_XFRM (linux/xfrm.h, XFRM_MSG_*).
var xfrmTypes = NewEnum("xfrm_msg", 0x10,
	"XFRM_MSG_NEWSA", "XFRM_MSG_DELSA", "XFRM_MSG_GETSA",
	"XFRM_MSG_NEWPOLICY", "XFRM_MSG_DELPOLICY", "XFRM_MSG_GETPOLICY",
	"XFRM_MSG_ALLOCSPI", "XFRM_MSG_ACQUIRE", "XFRM_MSG_EXPIRE",
	"XFRM_MSG_UPDPOLICY", "XFRM_MSG_UPDSA", "XFRM_MSG_POLEXPIRE",
	"XFRM_MSG_FLUSHSA", "XFRM_MSG_FLUSHPOLICY", "XFRM_MSG_NEWAE",
	"XFRM_MSG_GETAE", "XFRM_MSG_REPORT", "XFRM_MSG_MIGRATE",
	"XFRM_MSG_NEWSADINFO", "XFRM_MSG_GETSADINFO", "XFRM_MSG_NEWSPDINFO",
	"XFRM_MSG_GETSPDINFO", "XFRM_MSG_MAPPING", "XFRM_MSG_SETDEFAULT",
	"XFRM_MSG_GETDEFAULT")

// NETLINK_AUDIT (linux/audit.h): requests 1000-1099, record types above.
// The range markers (AUDIT_FIRST_*/AUDIT_LAST_*) are not message types.
// 1420-1426 are newer than the 6.1 headers.
var auditTypes = NewEnumMap("audit_type", map[uint64]string{
	1000: "AUDIT_GET", 1001: "AUDIT_SET", 1002: "AUDIT_LIST", 1003: "AUDIT_ADD",
	1004: "AUDIT_DEL", 1005: "AUDIT_USER", 1006: "AUDIT_LOGIN",
	1007: "AUDIT_WATCH_INS", 1008: "AUDIT_WATCH_REM", 1009: "AUDIT_WATCH_LIST",
	1010: "AUDIT_SIGNAL_INFO", 1011: "AUDIT_ADD_RULE", 1012: "AUDIT_DEL_RULE",
	1013: "AUDIT_LIST_RULES", 1014: "AUDIT_TRIM", 1015: "AUDIT_MAKE_EQUIV",
	1016: "AUDIT_TTY_GET", 1017: "AUDIT_TTY_SET", 1018: "AUDIT_SET_FEATURE",
	1019: "AUDIT_GET_FEATURE",

	1107: "AUDIT_USER_AVC", 1124: "AUDIT_USER_TTY",

	1200: "AUDIT_DAEMON_START", 1201: "AUDIT_DAEMON_END",
	1202: "AUDIT_DAEMON_ABORT", 1203: "AUDIT_DAEMON_CONFIG",

	1300: "AUDIT_SYSCALL", 1302: "AUDIT_PATH", 1303: "AUDIT_IPC",
	1304: "AUDIT_SOCKETCALL", 1305: "AUDIT_CONFIG_CHANGE", 1306: "AUDIT_SOCKADDR",
	1307: "AUDIT_CWD", 1309: "AUDIT_EXECVE", 1311: "AUDIT_IPC_SET_PERM",
	1312: "AUDIT_MQ_OPEN", 1313: "AUDIT_MQ_SENDRECV", 1314: "AUDIT_MQ_NOTIFY",
	1315: "AUDIT_MQ_GETSETATTR", 1316: "AUDIT_KERNEL_OTHER", 1317: "AUDIT_FD_PAIR",
	1318: "AUDIT_OBJ_PID", 1319: "AUDIT_TTY", 1320: "AUDIT_EOE",
	1321: "AUDIT_BPRM_FCAPS", 1322: "AUDIT_CAPSET", 1323: "AUDIT_MMAP",
	1324: "AUDIT_NETFILTER_PKT", 1325: "AUDIT_NETFILTER_CFG", 1326: "AUDIT_SECCOMP",
	1327: "AUDIT_PROCTITLE", 1328: "AUDIT_FEATURE_CHANGE", 1329: "AUDIT_REPLACE",
	1330: "AUDIT_KERN_MODULE", 1331: "AUDIT_FANOTIFY", 1332: "AUDIT_TIME_INJOFFSET",
	1333: "AUDIT_TIME_ADJNTPVAL", 1334: "AUDIT_BPF", 1335: "AUDIT_EVENT_LISTENER",
	1336: "AUDIT_URINGOP", 1337: "AUDIT_OPENAT2", 1338: "AUDIT_DM_CTRL",
	1339: "AUDIT_DM_EVENT",

	1400: "AUDIT_AVC", 1401: "AUDIT_SELINUX_ERR", 1402: "AUDIT_AVC_PATH",
	1403: "AUDIT_MAC_POLICY_LOAD", 1404: "AUDIT_MAC_STATUS",
	1405: "AUDIT_MAC_CONFIG_CHANGE", 1406: "AUDIT_MAC_UNLBL_ALLOW",
	1407: "AUDIT_MAC_CIPSOV4_ADD", 1408: "AUDIT_MAC_CIPSOV4_DEL",
	1409: "AUDIT_MAC_MAP_ADD", 1410: "AUDIT_MAC_MAP_DEL",
	1411: "AUDIT_MAC_IPSEC_ADDSA", 1412: "AUDIT_MAC_IPSEC_DELSA",
	1413: "AUDIT_MAC_IPSEC_ADDSPD", 1414: "AUDIT_MAC_IPSEC_DELSPD",
	1415: "AUDIT_MAC_IPSEC_EVENT", 1416: "AUDIT_MAC_UNLBL_STCADD",
	1417: "AUDIT_MAC_UNLBL_STCDEL", 1418: "AUDIT_MAC_CALIPSO_ADD",
	1419: "AUDIT_MAC_CALIPSO_DEL", 1420: "AUDIT_IPE_ACCESS",
	1421: "AUDIT_IPE_CONFIG_CHANGE", 1422: "AUDIT_IPE_POLICY_LOAD",
	1423: "AUDIT_LANDLOCK_ACCESS", 1424: "AUDIT_LANDLOCK_DOMAIN",
	1425: "AUDIT_MAC_TASK_CONTEXTS", 1426: "AUDIT_MAC_OBJ_CONTEXTS",

	1700: "AUDIT_ANOM_PROMISCUOUS", 1701: "AUDIT_ANOM_ABEND",
	1702: "AUDIT_ANOM_LINK", 1703: "AUDIT_ANOM_CREAT",

	1800: "AUDIT_INTEGRITY_DATA", 1801: "AUDIT_INTEGRITY_METADATA",
	1802: "AUDIT_INTEGRITY_STATUS", 1803: "AUDIT_INTEGRITY_HASH",
	1804: "AUDIT_INTEGRITY_PCR", 1805: "AUDIT_INTEGRITY_RULE",
	1806: "AUDIT_INTEGRITY_EVM_XATTR", 1807: "AUDIT_INTEGRITY_POLICY_RULE",

	2000: "AUDIT_KERNEL",
})

// NETLINK_NETFILTER subsystems (linux/netfilter/nfnetlink.h,
// NFNL_SUBSYS_*): the high byte of the message type.
var nfnlSubsystems = NewEnum("nfnl_subsys", 0,
	"NFNL_SUBSYS_NONE", "NFNL_SUBSYS_CTNETLINK", "NFNL_SUBSYS_CTNETLINK_EXP",
	"NFNL_SUBSYS_QUEUE", "NFNL_SUBSYS_ULOG", "NFNL_SUBSYS_OSF",
	"NFNL_SUBSYS_IPSET", "NFNL_SUBSYS_ACCT", "NFNL_SUBSYS_CTNETLINK_TIMEOUT",
	"NFNL_SUBSYS_CTHELPER", "NFNL_SUBSYS_NFTABLES", "NFNL_SUBSYS_NFT_COMPAT",
	"NFNL_SUBSYS_HOOK")

// Batch delimiters (linux/netfilter/nfnetlink.h): subsystem 0.
var nfnlBatchTypes = NewEnum("nfnl_batch", 0x10,
	"NFNL_MSG_BATCH_BEGIN", "NFNL_MSG_BATCH_END")

// Per-subsystem messages: the low byte of the message type.
var nfnlMessages = map[uint64]*Enum{
	// linux/netfilter/nfnetlink_conntrack.h, enum cntl_msg_types.
	1: NewEnum("cntl_msg_types", 0,
		"IPCTNL_MSG_CT_NEW", "IPCTNL_MSG_CT_GET", "IPCTNL_MSG_CT_DELETE",
		"IPCTNL_MSG_CT_GET_CTRZERO", "IPCTNL_MSG_CT_GET_STATS_CPU",
		"IPCTNL_MSG_CT_GET_STATS", "IPCTNL_MSG_CT_GET_DYING",
		"IPCTNL_MSG_CT_GET_UNCONFIRMED"),
	// linux/netfilter/nfnetlink_conntrack.h, enum ctnl_exp_msg_types.
	2: NewEnum("ctnl_exp_msg_types", 0,
		"IPCTNL_MSG_EXP_NEW", "IPCTNL_MSG_EXP_GET", "IPCTNL_MSG_EXP_DELETE",
		"IPCTNL_MSG_EXP_GET_STATS_CPU"),
	// linux/netfilter/nfnetlink_queue.h, enum nfqnl_msg_types.
	3: NewEnum("nfqnl_msg_types", 0,
		"NFQNL_MSG_PACKET", "NFQNL_MSG_VERDICT", "NFQNL_MSG_CONFIG",
		"NFQNL_MSG_VERDICT_BATCH"),
	// linux/netfilter/nfnetlink_log.h, enum nfulnl_msg_types.
	4: NewEnum("nfulnl_msg_types", 0, "NFULNL_MSG_PACKET", "NFULNL_MSG_CONFIG"),
	// linux/netfilter/nfnetlink_osf.h, enum nf_osf_msg_types.
	5: NewEnum("nf_osf_msg_types", 0, "OSF_MSG_ADD", "OSF_MSG_REMOVE"),
	// linux/netfilter/ipset/ip_set.h, enum ipset_cmd (IPSET_CMD_NONE is
	// not sent).
	6: NewEnum("ipset_cmd", 1,
		"IPSET_CMD_PROTOCOL", "IPSET_CMD_CREATE", "IPSET_CMD_DESTROY",
		"IPSET_CMD_FLUSH", "IPSET_CMD_RENAME", "IPSET_CMD_SWAP",
		"IPSET_CMD_LIST", "IPSET_CMD_SAVE", "IPSET_CMD_ADD", "IPSET_CMD_DEL",
		"IPSET_CMD_TEST", "IPSET_CMD_HEADER", "IPSET_CMD_TYPE",
		"IPSET_CMD_GET_BYNAME", "IPSET_CMD_GET_BYINDEX"),
	// linux/netfilter/nfnetlink_acct.h, enum nfnl_acct_msg_types.
	7: NewEnum("nfnl_acct_msg_types", 0,
		"NFNL_MSG_ACCT_NEW", "NFNL_MSG_ACCT_GET", "NFNL_MSG_ACCT_GET_CTRZERO",
		"NFNL_MSG_ACCT_DEL", "NFNL_MSG_ACCT_OVERQUOTA"),
	// linux/netfilter/nfnetlink_cttimeout.h, enum ctnl_timeout_msg_types.
	8: NewEnum("ctnl_timeout_msg_types", 0,
		"IPCTNL_MSG_TIMEOUT_NEW", "IPCTNL_MSG_TIMEOUT_GET",
		"IPCTNL_MSG_TIMEOUT_DELETE", "IPCTNL_MSG_TIMEOUT_DEFAULT_SET",
		"IPCTNL_MSG_TIMEOUT_DEFAULT_GET"),
	// linux/netfilter/nfnetlink_cthelper.h, enum nfnl_cthelper_msg_types.
	9: NewEnum("nfnl_cthelper_msg_types", 0,
		"NFNL_MSG_CTHELPER_NEW", "NFNL_MSG_CTHELPER_GET", "NFNL_MSG_CTHELPER_DEL"),
	// linux/netfilter/nf_tables.h, enum nf_tables_msg_types. Everything
	// from NFT_MSG_GETRULE_RESET on is newer than the 6.1 headers.
	10: NewEnum("nf_tables_msg_types", 0,
		"NFT_MSG_NEWTABLE", "NFT_MSG_GETTABLE", "NFT_MSG_DELTABLE",
		"NFT_MSG_NEWCHAIN", "NFT_MSG_GETCHAIN", "NFT_MSG_DELCHAIN",
		"NFT_MSG_NEWRULE", "NFT_MSG_GETRULE", "NFT_MSG_DELRULE",
		"NFT_MSG_NEWSET", "NFT_MSG_GETSET", "NFT_MSG_DELSET",
		"NFT_MSG_NEWSETELEM", "NFT_MSG_GETSETELEM", "NFT_MSG_DELSETELEM",
		"NFT_MSG_NEWGEN", "NFT_MSG_GETGEN", "NFT_MSG_TRACE",
		"NFT_MSG_NEWOBJ", "NFT_MSG_GETOBJ", "NFT_MSG_DELOBJ",
		"NFT_MSG_GETOBJ_RESET", "NFT_MSG_NEWFLOWTABLE", "NFT_MSG_GETFLOWTABLE",
		"NFT_MSG_DELFLOWTABLE", "NFT_MSG_GETRULE_RESET", "NFT_MSG_DESTROYTABLE",
		"NFT_MSG_DESTROYCHAIN", "NFT_MSG_DESTROYRULE", "NFT_MSG_DESTROYSET",
		"NFT_MSG_DESTROYSETELEM", "NFT_MSG_DESTROYOBJ",
		"NFT_MSG_DESTROYFLOWTABLE", "NFT_MSG_GETSETELEM_RESET",
		"NFT_MSG_NEWDEV", "NFT_MSG_DELDEV"),
	// linux/netfilter/nf_tables_compat.h.
	11: NewEnum("nfnl_compat_msg_types", 0, "NFNL_MSG_COMPAT_GET"),
	// linux/netfilter/nfnetlink_hook.h, enum nfnl_hook_msg_types.
	12: NewEnum("nfnl_hook_msg_types", 0, "NFNL_MSG_HOOK_GET"),
}

// nfnlTypeName names a netfilter message "SUBSYSTEM/MESSAGE"; a message
// the tables do not know keeps its number after the subsystem.
func nfnlTypeName(t uint16) string {
	subsys, msg := uint64(t>>8), uint64(t&0xff)
	if subsys == 0 {
		n, _ := nfnlBatchTypes.Lookup(msg)
		return n
	}
	sn, ok := nfnlSubsystems.Lookup(subsys)
	if !ok {
		return ""
	}
	if e := nfnlMessages[subsys]; e != nil {
		if mn, ok := e.Lookup(msg); ok {
			return sn + "/" + mn
		}
	}
	return sn + "/" + strconv.FormatUint(msg, 10)
}

// NETLINK_SELINUX (linux/selinux_netlink.h, SELNL_MSG_*).
var selinuxTypes = NewEnum("selnl_msg", 0x10,
	"SELNL_MSG_SETENFORCE", "SELNL_MSG_POLICYLOAD")

// NETLINK_CRYPTO (linux/cryptouser.h, CRYPTO_MSG_*).
var cryptoTypes = NewEnum("crypto_msg", 0x10,
	"CRYPTO_MSG_NEWALG", "CRYPTO_MSG_DELALG", "CRYPTO_MSG_UPDATEALG",
	"CRYPTO_MSG_GETALG", "CRYPTO_MSG_DELRNG", "CRYPTO_MSG_GETSTAT")

// NETLINK_RDMA clients (rdma/rdma_netlink.h, RDMA_NL_*): the message type
// is client<<10 | operation (RDMA_NL_GET_TYPE).
var rdmaClients = NewEnumMap("rdma_nl_client", map[uint64]string{
	2: "RDMA_NL_IWCM", 3: "RDMA_NL_RSVD", 4: "RDMA_NL_LS", 5: "RDMA_NL_NLDEV",
})

// Per-client operations (rdma/rdma_netlink.h).
var rdmaOps = map[uint64]*Enum{
	// RDMA_NL_IWPM_* (iWarp port mapper, used by RDMA_NL_IWCM).
	2: NewEnum("rdma_nl_iwpm", 0,
		"RDMA_NL_IWPM_REG_PID", "RDMA_NL_IWPM_ADD_MAPPING",
		"RDMA_NL_IWPM_QUERY_MAPPING", "RDMA_NL_IWPM_REMOVE_MAPPING",
		"RDMA_NL_IWPM_REMOTE_INFO", "RDMA_NL_IWPM_HANDLE_ERR",
		"RDMA_NL_IWPM_MAPINFO", "RDMA_NL_IWPM_MAPINFO_NUM", "RDMA_NL_IWPM_HELLO"),
	// RDMA_NL_LS_OP_*.
	4: NewEnum("rdma_nl_ls_op", 0,
		"RDMA_NL_LS_OP_RESOLVE", "RDMA_NL_LS_OP_SET_TIMEOUT",
		"RDMA_NL_LS_OP_IP_RESOLVE"),
	// enum rdma_nldev_command (8 is unused); everything after
	// RDMA_NLDEV_CMD_STAT_GET_STATUS is newer than the 6.1 headers.
	5: NewEnumMap("rdma_nldev_command", map[uint64]string{
		1: "RDMA_NLDEV_CMD_GET", 2: "RDMA_NLDEV_CMD_SET",
		3: "RDMA_NLDEV_CMD_NEWLINK", 4: "RDMA_NLDEV_CMD_DELLINK",
		5: "RDMA_NLDEV_CMD_PORT_GET", 6: "RDMA_NLDEV_CMD_SYS_GET",
		7: "RDMA_NLDEV_CMD_SYS_SET", 9: "RDMA_NLDEV_CMD_RES_GET",
		10: "RDMA_NLDEV_CMD_RES_QP_GET", 11: "RDMA_NLDEV_CMD_RES_CM_ID_GET",
		12: "RDMA_NLDEV_CMD_RES_CQ_GET", 13: "RDMA_NLDEV_CMD_RES_MR_GET",
		14: "RDMA_NLDEV_CMD_RES_PD_GET", 15: "RDMA_NLDEV_CMD_GET_CHARDEV",
		16: "RDMA_NLDEV_CMD_STAT_SET", 17: "RDMA_NLDEV_CMD_STAT_GET",
		18: "RDMA_NLDEV_CMD_STAT_DEL", 19: "RDMA_NLDEV_CMD_RES_QP_GET_RAW",
		20: "RDMA_NLDEV_CMD_RES_CQ_GET_RAW", 21: "RDMA_NLDEV_CMD_RES_MR_GET_RAW",
		22: "RDMA_NLDEV_CMD_RES_CTX_GET", 23: "RDMA_NLDEV_CMD_RES_SRQ_GET",
		24: "RDMA_NLDEV_CMD_STAT_GET_STATUS", 25: "RDMA_NLDEV_CMD_RES_SRQ_GET_RAW",
		26: "RDMA_NLDEV_CMD_NEWDEV", 27: "RDMA_NLDEV_CMD_DELDEV",
		28: "RDMA_NLDEV_CMD_MONITOR",
	}),
}

// rdmaTypeName names an RDMA message "CLIENT/OPERATION", keeping the
// operation's number when the tables do not know it.
func rdmaTypeName(t uint16) string {
	client, op := uint64(t>>10), uint64(t&0x3ff)
	cn, ok := rdmaClients.Lookup(client)
	if !ok {
		return ""
	}
	if e := rdmaOps[client]; e != nil {
		if on, ok := e.Lookup(op); ok {
			return cn + "/" + on
		}
	}
	return cn + "/" + strconv.FormatUint(op, 10)
}

// genlTypeName names only the controller's fixed id (linux/genetlink.h,
// GENL_ID_CTRL); other ids are assigned at run time and the decoder learns
// them from CTRL_CMD_NEWFAMILY.
func genlTypeName(t uint16) string {
	if t == 16 {
		return "GENL_ID_CTRL"
	}
	return ""
}

// otherProtocols lists every protocol this file registers.
var otherProtocols = []*Protocol{
	{Num: ProtoUsersock, Name: "usersock", TypeName: noTypeNames},
	{Num: ProtoSockDiag, Name: "sock_diag", TypeName: enumTypeName(sockDiagTypes)},
	{Num: ProtoNflog, Name: "nflog", TypeName: noTypeNames},
	{Num: ProtoXfrm, Name: "xfrm", TypeName: enumTypeName(xfrmTypes)},
	{Num: ProtoSelinux, Name: "selinux", TypeName: enumTypeName(selinuxTypes)},
	{Num: ProtoAudit, Name: "audit", TypeName: enumTypeName(auditTypes)},
	{Num: ProtoFibLookup, Name: "fib_lookup", TypeName: noTypeNames},
	{Num: ProtoConnector, Name: "connector", TypeName: noTypeNames},
	{Num: ProtoNetfilter, Name: "netfilter", TypeName: nfnlTypeName},
	{Num: ProtoKobject, Name: "kobject_uevent", TypeName: noTypeNames},
	{Num: ProtoGeneric, Name: "generic", TypeName: genlTypeName},
	{Num: ProtoRdma, Name: "rdma", TypeName: rdmaTypeName},
	{Num: ProtoCrypto, Name: "crypto", TypeName: enumTypeName(cryptoTypes)},
	{Num: ProtoSmc, Name: "smc", TypeName: noTypeNames},
}

func init() {
	for _, p := range otherProtocols {
		registerProtocol(p)
	}
}
