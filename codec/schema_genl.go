package codec

// Generic netlink (linux/genetlink.h): the fixed header every family's
// messages start with, and the controller family nlctrl, which has the
// fixed id GENL_ID_CTRL (16) and names every other family's id.

// struct genlmsghdr (linux/genetlink.h).
var genlmsghdr = NewStruct("genlmsghdr",
	F("cmd", U8),
	F("version", U8),
	F("reserved", U16),
)

// Controller commands (linux/genetlink.h, CTRL_CMD_*).
var ctrlCommands = NewEnum("ctrl_cmd", 1,
	"CTRL_CMD_NEWFAMILY", "CTRL_CMD_DELFAMILY", "CTRL_CMD_GETFAMILY",
	"CTRL_CMD_NEWOPS", "CTRL_CMD_DELOPS", "CTRL_CMD_GETOPS",
	"CTRL_CMD_NEWMCAST_GRP", "CTRL_CMD_DELMCAST_GRP", "CTRL_CMD_GETMCAST_GRP",
	"CTRL_CMD_GETPOLICY")

// Operation flags in CTRL_ATTR_OP_FLAGS (linux/genetlink.h, GENL_*).
var genlOpFlags = NewFlags("genl_op_flags", map[uint64]string{
	0x01: "GENL_ADMIN_PERM", 0x02: "GENL_CMD_CAP_DO", 0x04: "GENL_CMD_CAP_DUMP",
	0x08: "GENL_CMD_CAP_HASPOL", 0x10: "GENL_UNS_ADMIN_PERM",
})

// Attribute types a policy reports (linux/netlink.h, enum
// netlink_attribute_type). SINT and UINT are newer than the 6.1 headers.
var nlAttrTypes = NewEnum("netlink_attribute_type", 0,
	"NL_ATTR_TYPE_INVALID", "NL_ATTR_TYPE_FLAG",
	"NL_ATTR_TYPE_U8", "NL_ATTR_TYPE_U16", "NL_ATTR_TYPE_U32", "NL_ATTR_TYPE_U64",
	"NL_ATTR_TYPE_S8", "NL_ATTR_TYPE_S16", "NL_ATTR_TYPE_S32", "NL_ATTR_TYPE_S64",
	"NL_ATTR_TYPE_BINARY", "NL_ATTR_TYPE_STRING", "NL_ATTR_TYPE_NUL_STRING",
	"NL_ATTR_TYPE_NESTED", "NL_ATTR_TYPE_NESTED_ARRAY", "NL_ATTR_TYPE_BITFIELD32",
	"NL_ATTR_TYPE_SINT", "NL_ATTR_TYPE_UINT")

// One attribute's policy (linux/netlink.h, NL_POLICY_TYPE_ATTR_*). The
// same set describes policies in extended acks (NLMSGERR_ATTR_POLICY).
var nlPolicyTypeAttrs = Seq("nl_policy_type_attr", 1,
	A(0, "NL_POLICY_TYPE_ATTR_TYPE", U32).WithEnum(nlAttrTypes),
	A(0, "NL_POLICY_TYPE_ATTR_MIN_VALUE_S", S64),
	A(0, "NL_POLICY_TYPE_ATTR_MAX_VALUE_S", S64),
	A(0, "NL_POLICY_TYPE_ATTR_MIN_VALUE_U", U64),
	A(0, "NL_POLICY_TYPE_ATTR_MAX_VALUE_U", U64),
	A(0, "NL_POLICY_TYPE_ATTR_MIN_LENGTH", U32),
	A(0, "NL_POLICY_TYPE_ATTR_MAX_LENGTH", U32),
	A(0, "NL_POLICY_TYPE_ATTR_POLICY_IDX", U32),
	A(0, "NL_POLICY_TYPE_ATTR_POLICY_MAXTYPE", U32),
	A(0, "NL_POLICY_TYPE_ATTR_BITFIELD32_MASK", U32),
	A(0, "NL_POLICY_TYPE_ATTR_PAD", Binary),
	A(0, "NL_POLICY_TYPE_ATTR_MASK", U64),
)

// One operation (linux/genetlink.h, CTRL_ATTR_OP_*).
var ctrlOpAttrs = Seq("ctrl_attr_op", 1,
	A(0, "CTRL_ATTR_OP_ID", U32),
	A(0, "CTRL_ATTR_OP_FLAGS", U32).WithFlags(genlOpFlags),
)

// One multicast group (linux/genetlink.h, CTRL_ATTR_MCAST_GRP_*).
var ctrlMcastGrpAttrs = Seq("ctrl_attr_mcast_grp", 1,
	A(0, "CTRL_ATTR_MCAST_GRP_NAME", String),
	A(0, "CTRL_ATTR_MCAST_GRP_ID", U32),
)

// Policies of one operation (linux/genetlink.h, CTRL_ATTR_POLICY_*):
// policy indexes into CTRL_ATTR_POLICY.
var ctrlOpPolicyAttrs = Seq("ctrl_attr_policy", 1,
	A(0, "CTRL_ATTR_POLICY_DO", U32),
	A(0, "CTRL_ATTR_POLICY_DUMP", U32),
)

// The list-valued controller attributes number their children by
// position, policy index, attribute number or command, not by an enum:
// these sets name no attribute and define every child through Default.
var (
	ctrlOpsList = &AttrSet{Name: "ctrl_ops",
		Default: &Attr{Type: Nested, Set: ctrlOpAttrs}}
	ctrlMcastGroupsList = &AttrSet{Name: "ctrl_mcast_groups",
		Default: &Attr{Type: Nested, Set: ctrlMcastGrpAttrs}}
	// CTRL_ATTR_POLICY: policy index -> attribute number -> policy.
	ctrlPolicyAttrList = &AttrSet{Name: "ctrl_policy_attrs",
		Default: &Attr{Type: Nested, Set: nlPolicyTypeAttrs}}
	ctrlPolicyList = &AttrSet{Name: "ctrl_policies",
		Default: &Attr{Type: Nested, Set: ctrlPolicyAttrList}}
	// CTRL_ATTR_OP_POLICY: command -> its do/dump policies.
	ctrlOpPolicyList = &AttrSet{Name: "ctrl_op_policies",
		Default: &Attr{Type: Nested, Set: ctrlOpPolicyAttrs}}
)

// Controller attributes (linux/genetlink.h, CTRL_ATTR_*).
var ctrlAttrs = Seq("ctrl_attr", 1,
	A(0, "CTRL_ATTR_FAMILY_ID", U16),
	A(0, "CTRL_ATTR_FAMILY_NAME", String),
	A(0, "CTRL_ATTR_VERSION", U32),
	A(0, "CTRL_ATTR_HDRSIZE", U32),
	A(0, "CTRL_ATTR_MAXATTR", U32),
	N(0, "CTRL_ATTR_OPS", ctrlOpsList),
	N(0, "CTRL_ATTR_MCAST_GROUPS", ctrlMcastGroupsList),
	N(0, "CTRL_ATTR_POLICY", ctrlPolicyList),
	N(0, "CTRL_ATTR_OP_POLICY", ctrlOpPolicyList),
	A(0, "CTRL_ATTR_OP", U32),
)

// nlctrl is the controller family; the decoder fills "cmd" from the
// genlmsghdr.
var nlctrlFamily = &GenlFamily{
	Name:     "nlctrl",
	Commands: ctrlCommands,
	Attrs:    ctrlAttrs,
	Summary:  "{cmd}|{CTRL_ATTR_FAMILY_NAME}|id {CTRL_ATTR_FAMILY_ID}",
}

func init() { registerGenl(nlctrlFamily) }
