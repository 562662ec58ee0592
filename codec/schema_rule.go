package codec

// Policy routing rules (RTM_NEWRULE, RTM_DELRULE, RTM_GETRULE).

// linux/fib_rules.h: FIB_RULE_* (fib_rule_hdr.flags). FIB_RULE_DEV_DETACHED
// is an alias of FIB_RULE_IIF_DETACHED.
var fibRuleFlags = NewFlags("fib_rule_flags", map[uint64]string{
	0x01:    "FIB_RULE_PERMANENT",
	0x02:    "FIB_RULE_INVERT",
	0x04:    "FIB_RULE_UNRESOLVED",
	0x08:    "FIB_RULE_IIF_DETACHED",
	0x10:    "FIB_RULE_OIF_DETACHED",
	0x10000: "FIB_RULE_FIND_SADDR",
})

// linux/fib_rules.h: FR_ACT_* (fib_rule_hdr.action).
var fibRuleActions = NewEnum("fr_act", 0,
	"FR_ACT_UNSPEC", "FR_ACT_TO_TBL", "FR_ACT_GOTO", "FR_ACT_NOP",
	"FR_ACT_RES3", "FR_ACT_RES4", "FR_ACT_BLACKHOLE", "FR_ACT_UNREACHABLE",
	"FR_ACT_PROHIBIT")

// linux/fib_rules.h: struct fib_rule_hdr.
var fibRuleHdr = NewStruct("fib_rule_hdr",
	FE("family", U8, addressFamilies),
	F("dst_len", U8),
	F("src_len", U8),
	F("tos", U8),
	FE("table", U8, rtTables),
	F("res1", U8),
	F("res2", U8),
	FE("action", U8, fibRuleActions),
	FF("flags", U32, fibRuleFlags),
)

// linux/fib_rules.h: struct fib_rule_uid_range.
var fibRuleUIDRange = NewStruct("fib_rule_uid_range",
	F("start", U32),
	F("end", U32),
)

// linux/fib_rules.h: struct fib_rule_port_range (host order).
var fibRulePortRange = NewStruct("fib_rule_port_range",
	F("start", U16),
	F("end", U16),
)

// linux/fib_rules.h: FRA_*. FRA_DSCP and everything after it are newer
// than 6.1; the flow label and its mask are big-endian like RTA_FLOWLABEL.
var ruleAttrs = Set("fra",
	A(1, "FRA_DST", IPAddr),
	A(2, "FRA_SRC", IPAddr),
	A(3, "FRA_IIFNAME", String),
	A(4, "FRA_GOTO", U32),
	A(5, "FRA_UNUSED2", Binary),
	A(6, "FRA_PRIORITY", U32),
	A(7, "FRA_UNUSED3", Binary),
	A(8, "FRA_UNUSED4", Binary),
	A(9, "FRA_UNUSED5", Binary),
	A(10, "FRA_FWMARK", U32),
	A(11, "FRA_FLOW", U32),
	A(12, "FRA_TUN_ID", BE64),
	A(13, "FRA_SUPPRESS_IFGROUP", U32),
	A(14, "FRA_SUPPRESS_PREFIXLEN", U32),
	A(15, "FRA_TABLE", U32).WithEnum(rtTables),
	A(16, "FRA_FWMASK", U32),
	A(17, "FRA_OIFNAME", String),
	A(18, "FRA_PAD", Binary),
	A(19, "FRA_L3MDEV", U8),
	S(20, "FRA_UID_RANGE", fibRuleUIDRange),
	A(21, "FRA_PROTOCOL", U8).WithEnum(rtProtocols),
	A(22, "FRA_IP_PROTO", U8).WithEnum(ipProtocols),
	S(23, "FRA_SPORT_RANGE", fibRulePortRange),
	S(24, "FRA_DPORT_RANGE", fibRulePortRange),
	A(25, "FRA_DSCP", U8),
	A(26, "FRA_FLOWLABEL", BE32),
	A(27, "FRA_FLOWLABEL_MASK", BE32),
	A(28, "FRA_SPORT_MASK", U16),
	A(29, "FRA_DPORT_MASK", U16),
	A(30, "FRA_DSCP_MASK", U8),
)

const ruleSummary = "{family}|{FRA_PRIORITY}:|from {FRA_SRC}/{src_len}|to {FRA_DST}/{dst_len}" +
	"|iif {FRA_IIFNAME}|oif {FRA_OIFNAME}|fwmark {FRA_FWMARK}/{FRA_FWMASK}" +
	"|ipproto {FRA_IP_PROTO}|lookup {FRA_TABLE}|goto {FRA_GOTO}|{action}"

func init() {
	addRouteMessages(
		&Message{Type: 32, Name: "RTM_NEWRULE", Kind: KindNew, Header: fibRuleHdr, Attrs: ruleAttrs, Summary: ruleSummary},
		&Message{Type: 33, Name: "RTM_DELRULE", Kind: KindDel, Header: fibRuleHdr, Attrs: ruleAttrs, Summary: ruleSummary},
		&Message{Type: 34, Name: "RTM_GETRULE", Kind: KindGet, Header: fibRuleHdr, Attrs: ruleAttrs, Summary: ruleSummary},
	)
}
