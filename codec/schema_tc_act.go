package codec

// Traffic control actions: the TCA_ACT_* set, each action kind's options
// (linux/pkt_cls.h, linux/tc_act/*.h, newer attributes from the kernel's
// tc YNL spec and uapi headers) and the RTM_*ACTION messages
// (linux/rtnetlink.h).

// Verdicts (TC_ACT_*, linux/pkt_cls.h). JUMP and GOTO_CHAIN carry a
// count or chain number in their low 28 bits, so only the bare opcodes
// get a name.
var tcActVerdicts = NewEnumMap("tc_act", map[uint64]string{
	0: "TC_ACT_OK", 1: "TC_ACT_RECLASSIFY", 2: "TC_ACT_SHOT", 3: "TC_ACT_PIPE",
	4: "TC_ACT_STOLEN", 5: "TC_ACT_QUEUED", 6: "TC_ACT_REPEAT", 7: "TC_ACT_REDIRECT",
	8: "TC_ACT_TRAP", 0x10000000: "TC_ACT_JUMP", 0x20000000: "TC_ACT_GOTO_CHAIN",
})

// Bits of TCA_ACT_FLAGS, TCA_ACT_HW_STATS and TCA_ROOT_FLAGS
// (linux/pkt_cls.h, linux/rtnetlink.h).
var (
	tcActFlags = NewBitFlags("tca_act_flags", 0,
		"TCA_ACT_FLAGS_NO_PERCPU_STATS", "TCA_ACT_FLAGS_SKIP_HW", "TCA_ACT_FLAGS_SKIP_SW")
	tcActHwStats = NewBitFlags("tca_act_hw_stats", 0,
		"TCA_ACT_HW_STATS_IMMEDIATE", "TCA_ACT_HW_STATS_DELAYED")
	tcRootFlags = NewBitFlags("tca_root_flags", 0,
		"TCA_ACT_FLAG_LARGE_DUMP_ON", "TCA_ACT_FLAG_TERSE_DUMP")
)

// struct tcf_t and struct tc_cnt (linux/pkt_cls.h).
var (
	tcfT = NewStruct("tcf_t",
		F("install", U64),
		F("lastuse", U64),
		F("expires", U64),
		F("firstuse", U64),
	)
	tcCnt = NewStruct("tc_cnt",
		F("refcnt", S32),
		F("bindcnt", S32),
	)
)

// tcGen returns the fields of the tc_gen macro that begins every action's
// parameter struct, followed by extra.
func tcGen(extra ...Field) []Field {
	return append([]Field{
		F("index", U32),
		F("capab", U32),
		FE("action", S32, tcActVerdicts),
		F("refcnt", S32),
		F("bindcnt", S32),
	}, extra...)
}

// police: struct tc_police and TCA_POLICE_* (linux/pkt_cls.h). RATE and
// PEAKRATE are 256-entry rate tables. Used as an action and as the
// legacy TCA_*_POLICE of classifiers.
var (
	tcPolice = NewStruct("tc_police",
		F("index", U32),
		FE("action", S32, tcActVerdicts),
		F("limit", U32),
		F("burst", U32),
		F("mtu", U32),
		FS("rate", tcRatespec),
		FS("peakrate", tcRatespec),
		F("refcnt", S32),
		F("bindcnt", S32),
		F("capab", U32),
	)
	tcPoliceAttrs = Set("tca_police",
		S(1, "TCA_POLICE_TBF", tcPolice),
		Arr(2, "TCA_POLICE_RATE", U32),
		Arr(3, "TCA_POLICE_PEAKRATE", U32),
		A(4, "TCA_POLICE_AVRATE", U32),
		A(5, "TCA_POLICE_RESULT", U32).WithEnum(tcActVerdicts),
		S(6, "TCA_POLICE_TM", tcfT),
		A(7, "TCA_POLICE_PAD", Binary),
		A(8, "TCA_POLICE_RATE64", U64),
		A(9, "TCA_POLICE_PEAKRATE64", U64),
		A(10, "TCA_POLICE_PKTRATE64", U64),
		A(11, "TCA_POLICE_PKTBURST64", U64),
	)
)

// act_bpf: struct tc_act_bpf and TCA_ACT_BPF_* (linux/tc_act/tc_bpf.h).
var (
	tcActBpf      = NewStruct("tc_act_bpf", tcGen()...)
	tcActBpfAttrs = Set("tca_act_bpf",
		S(1, "TCA_ACT_BPF_TM", tcfT),
		S(2, "TCA_ACT_BPF_PARMS", tcActBpf),
		A(3, "TCA_ACT_BPF_OPS_LEN", U16),
		SArr(4, "TCA_ACT_BPF_OPS", tcSockFilter),
		A(5, "TCA_ACT_BPF_FD", U32),
		A(6, "TCA_ACT_BPF_NAME", String),
		A(7, "TCA_ACT_BPF_PAD", Binary),
		A(8, "TCA_ACT_BPF_TAG", Binary),
		A(9, "TCA_ACT_BPF_ID", U32),
	)
)

// connmark: struct tc_connmark and TCA_CONNMARK_*
// (linux/tc_act/tc_connmark.h).
var (
	tcConnmark = NewStruct("tc_connmark", tcGen(
		F("zone", U16),
		Pad("pad", 2),
	)...)
	tcConnmarkAttrs = Set("tca_connmark",
		S(1, "TCA_CONNMARK_PARMS", tcConnmark),
		S(2, "TCA_CONNMARK_TM", tcfT),
		A(3, "TCA_CONNMARK_PAD", Binary),
	)
)

// csum: TCA_CSUM_*, TCA_CSUM_UPDATE_FLAG_* and struct tc_csum
// (linux/tc_act/tc_csum.h).
var (
	tcCsumUpdateFlags = NewBitFlags("tca_csum_update_flags", 0,
		"TCA_CSUM_UPDATE_FLAG_IPV4HDR", "TCA_CSUM_UPDATE_FLAG_ICMP",
		"TCA_CSUM_UPDATE_FLAG_IGMP", "TCA_CSUM_UPDATE_FLAG_TCP",
		"TCA_CSUM_UPDATE_FLAG_UDP", "TCA_CSUM_UPDATE_FLAG_UDPLITE",
		"TCA_CSUM_UPDATE_FLAG_SCTP")
	tcCsum      = NewStruct("tc_csum", tcGen(FF("update_flags", U32, tcCsumUpdateFlags))...)
	tcCsumAttrs = Set("tca_csum",
		S(1, "TCA_CSUM_PARMS", tcCsum),
		S(2, "TCA_CSUM_TM", tcfT),
		A(3, "TCA_CSUM_PAD", Binary),
	)
)

// ct: TCA_CT_*, TCA_CT_ACT_* and struct tc_ct (linux/tc_act/tc_ct.h).
// The HELPER attributes are newer than 6.1.
var (
	tcCtActFlags = NewBitFlags("tca_ct_act", 0,
		"TCA_CT_ACT_COMMIT", "TCA_CT_ACT_FORCE", "TCA_CT_ACT_CLEAR",
		"TCA_CT_ACT_NAT", "TCA_CT_ACT_NAT_SRC", "TCA_CT_ACT_NAT_DST")
	tcCt      = NewStruct("tc_ct", tcGen()...)
	tcCtAttrs = Set("tca_ct",
		S(1, "TCA_CT_PARMS", tcCt),
		S(2, "TCA_CT_TM", tcfT),
		A(3, "TCA_CT_ACTION", U16).WithFlags(tcCtActFlags),
		A(4, "TCA_CT_ZONE", U16),
		A(5, "TCA_CT_MARK", U32),
		A(6, "TCA_CT_MARK_MASK", U32),
		A(7, "TCA_CT_LABELS", Binary),
		A(8, "TCA_CT_LABELS_MASK", Binary),
		A(9, "TCA_CT_NAT_IPV4_MIN", IPAddr),
		A(10, "TCA_CT_NAT_IPV4_MAX", IPAddr),
		A(11, "TCA_CT_NAT_IPV6_MIN", IPAddr),
		A(12, "TCA_CT_NAT_IPV6_MAX", IPAddr),
		A(13, "TCA_CT_NAT_PORT_MIN", BE16),
		A(14, "TCA_CT_NAT_PORT_MAX", BE16),
		A(15, "TCA_CT_PAD", Binary),
		A(16, "TCA_CT_HELPER_NAME", String),
		A(17, "TCA_CT_HELPER_FAMILY", U8).WithEnum(addressFamilies),
		A(18, "TCA_CT_HELPER_PROTO", U8),
	)
)

// ctinfo: struct tc_ctinfo and TCA_CTINFO_* (linux/tc_act/tc_ctinfo.h).
var (
	tcCtinfo      = NewStruct("tc_ctinfo", tcGen()...)
	tcCtinfoAttrs = Set("tca_ctinfo",
		A(1, "TCA_CTINFO_PAD", Binary),
		S(2, "TCA_CTINFO_TM", tcfT),
		S(3, "TCA_CTINFO_ACT", tcCtinfo),
		A(4, "TCA_CTINFO_ZONE", U16),
		A(5, "TCA_CTINFO_PARMS_DSCP_MASK", U32),
		A(6, "TCA_CTINFO_PARMS_DSCP_STATEMASK", U32),
		A(7, "TCA_CTINFO_PARMS_CPMARK_MASK", U32),
		A(8, "TCA_CTINFO_STATS_DSCP_SET", U64),
		A(9, "TCA_CTINFO_STATS_DSCP_ERROR", U64),
		A(10, "TCA_CTINFO_STATS_CPMARK_SET", U64),
	)
)

// simple: struct tc_defact and TCA_DEF_* (linux/tc_act/tc_defact.h).
var (
	tcDefact      = NewStruct("tc_defact", tcGen()...)
	tcDefactAttrs = Set("tca_def",
		S(1, "TCA_DEF_TM", tcfT),
		S(2, "TCA_DEF_PARMS", tcDefact),
		A(3, "TCA_DEF_DATA", String),
		A(4, "TCA_DEF_PAD", Binary),
	)
)

// gact: struct tc_gact, struct tc_gact_p with PGACT_* and TCA_GACT_*
// (linux/tc_act/tc_gact.h).
var (
	tcGact     = NewStruct("tc_gact", tcGen()...)
	tcGactPTyp = NewEnum("pgact", 0, "PGACT_NONE", "PGACT_NETRAND", "PGACT_DETERM")
	tcGactP    = NewStruct("tc_gact_p",
		FE("ptype", U16, tcGactPTyp),
		F("pval", U16),
		FE("paction", S32, tcActVerdicts),
	)
	tcGactAttrs = Set("tca_gact",
		S(1, "TCA_GACT_TM", tcfT),
		S(2, "TCA_GACT_PARMS", tcGact),
		S(3, "TCA_GACT_PROB", tcGactP),
		A(4, "TCA_GACT_PAD", Binary),
	)
)

// gate: struct tc_gate, TCA_GATE_ENTRY_*, TCA_GATE_ONE_ENTRY and
// TCA_GATE_* (linux/tc_act/tc_gate.h).
var (
	tcGate           = NewStruct("tc_gate", tcGen()...)
	tcGateEntryAttrs = Set("tca_gate_entry",
		A(1, "TCA_GATE_ENTRY_INDEX", U32),
		A(2, "TCA_GATE_ENTRY_GATE", Flag),
		A(3, "TCA_GATE_ENTRY_INTERVAL", U32),
		A(4, "TCA_GATE_ENTRY_IPV", S32),
		A(5, "TCA_GATE_ENTRY_MAX_OCTETS", S32),
	)
	tcGateEntryListAttrs = Set("tca_gate_one_entry",
		N(1, "TCA_GATE_ONE_ENTRY", tcGateEntryAttrs),
	)
	tcGateAttrs = Set("tca_gate",
		S(1, "TCA_GATE_TM", tcfT),
		S(2, "TCA_GATE_PARMS", tcGate),
		A(3, "TCA_GATE_PAD", Binary),
		A(4, "TCA_GATE_PRIORITY", S32),
		N(5, "TCA_GATE_ENTRY_LIST", tcGateEntryListAttrs),
		A(6, "TCA_GATE_BASE_TIME", U64),
		A(7, "TCA_GATE_CYCLE_TIME", U64),
		A(8, "TCA_GATE_CYCLE_TIME_EXT", U64),
		A(9, "TCA_GATE_FLAGS", U32),
		A(10, "TCA_GATE_CLOCKID", S32),
	)
)

// ife: struct tc_ife and TCA_IFE_* (linux/tc_act/tc_ife.h), with the
// IFE_META_* list of linux/ife.h. A metadata entry is empty when it only
// names an allowed field and holds a value otherwise, so entries stay
// binary.
var (
	tcIfeModes = NewEnum("ife_mode", 0, "IFE_DECODE", "IFE_ENCODE")
	tcIfe      = NewStruct("tc_ife", tcGen(
		FE("flags", U16, tcIfeModes),
		Pad("pad", 2),
	)...)
	tcIfeMetaAttrs = Set("ife_meta",
		A(1, "IFE_META_SKBMARK", Binary),
		A(2, "IFE_META_HASHID", Binary),
		A(3, "IFE_META_PRIO", Binary),
		A(4, "IFE_META_QMAP", Binary),
		A(5, "IFE_META_TCINDEX", Binary),
	)
	tcIfeAttrs = Set("tca_ife",
		S(1, "TCA_IFE_PARMS", tcIfe),
		S(2, "TCA_IFE_TM", tcfT),
		A(3, "TCA_IFE_DMAC", HWAddr),
		A(4, "TCA_IFE_SMAC", HWAddr),
		A(5, "TCA_IFE_TYPE", U16),
		N(6, "TCA_IFE_METALST", tcIfeMetaAttrs),
		A(7, "TCA_IFE_PAD", Binary),
	)
)

// ipt and xt (retired from recent kernels, kept for old captures): TCA_IPT_*
// (linux/tc_act/tc_ipt.h). The target is a struct xt_entry_target of
// variable size and stays binary.
var tcIptAttrs = Set("tca_ipt",
	A(1, "TCA_IPT_TABLE", String),
	A(2, "TCA_IPT_HOOK", U32),
	A(3, "TCA_IPT_INDEX", U32),
	S(4, "TCA_IPT_CNT", tcCnt),
	S(5, "TCA_IPT_TM", tcfT),
	A(6, "TCA_IPT_TARG", Binary),
	A(7, "TCA_IPT_PAD", Binary),
)

// mirred: TCA_*_REDIR/MIRROR, struct tc_mirred and TCA_MIRRED_*
// (linux/tc_act/tc_mirred.h). BLOCKID is newer than 6.1.
var (
	tcMirredActions = NewEnum("tca_mirred_eaction", 1,
		"TCA_EGRESS_REDIR", "TCA_EGRESS_MIRROR", "TCA_INGRESS_REDIR", "TCA_INGRESS_MIRROR")
	tcMirred = NewStruct("tc_mirred", tcGen(
		FE("eaction", S32, tcMirredActions),
		F("ifindex", U32),
	)...)
	tcMirredAttrs = Set("tca_mirred",
		S(1, "TCA_MIRRED_TM", tcfT),
		S(2, "TCA_MIRRED_PARMS", tcMirred),
		A(3, "TCA_MIRRED_PAD", Binary),
		A(4, "TCA_MIRRED_BLOCKID", U32),
	)
)

// mpls: TCA_MPLS_ACT_*, struct tc_mpls and TCA_MPLS_*
// (linux/tc_act/tc_mpls.h).
var (
	tcMplsActions = NewEnum("tca_mpls_act", 1,
		"TCA_MPLS_ACT_POP", "TCA_MPLS_ACT_PUSH", "TCA_MPLS_ACT_MODIFY",
		"TCA_MPLS_ACT_DEC_TTL", "TCA_MPLS_ACT_MAC_PUSH")
	tcMpls      = NewStruct("tc_mpls", tcGen(FE("m_action", S32, tcMplsActions))...)
	tcMplsAttrs = Set("tca_mpls",
		S(1, "TCA_MPLS_TM", tcfT),
		S(2, "TCA_MPLS_PARMS", tcMpls),
		A(3, "TCA_MPLS_PAD", Binary),
		A(4, "TCA_MPLS_PROTO", BE16),
		A(5, "TCA_MPLS_LABEL", U32),
		A(6, "TCA_MPLS_TC", U8),
		A(7, "TCA_MPLS_TTL", U8),
		A(8, "TCA_MPLS_BOS", U8),
	)
)

// nat: TCA_NAT_*, TCA_NAT_FLAG_EGRESS and struct tc_nat
// (linux/tc_act/tc_nat.h).
var (
	tcNatFlags = NewFlags("tca_nat_flags", map[uint64]string{1: "TCA_NAT_FLAG_EGRESS"})
	tcNat      = NewStruct("tc_nat", tcGen(
		FB("old_addr", IPAddr, 4),
		FB("new_addr", IPAddr, 4),
		FB("mask", IPAddr, 4),
		FF("flags", U32, tcNatFlags),
	)...)
	tcNatAttrs = Set("tca_nat",
		S(1, "TCA_NAT_PARMS", tcNat),
		S(2, "TCA_NAT_TM", tcfT),
		A(3, "TCA_NAT_PAD", Binary),
	)
)

// pedit: TCA_PEDIT_*, TCA_PEDIT_KEY_EX_* with their value enums, and
// struct tc_pedit_sel followed by its keys (linux/tc_act/tc_pedit.h).
var (
	tcPeditHdrTypes = NewEnum("pedit_header_type", 0,
		"TCA_PEDIT_KEY_EX_HDR_TYPE_NETWORK", "TCA_PEDIT_KEY_EX_HDR_TYPE_ETH",
		"TCA_PEDIT_KEY_EX_HDR_TYPE_IP4", "TCA_PEDIT_KEY_EX_HDR_TYPE_IP6",
		"TCA_PEDIT_KEY_EX_HDR_TYPE_TCP", "TCA_PEDIT_KEY_EX_HDR_TYPE_UDP")
	tcPeditCmds = NewEnum("pedit_cmd", 0,
		"TCA_PEDIT_KEY_EX_CMD_SET", "TCA_PEDIT_KEY_EX_CMD_ADD")
	tcPeditKey = NewStruct("tc_pedit_key",
		F("mask", U32),
		F("val", U32),
		F("off", U32),
		F("at", U32),
		F("offmask", U32),
		F("shift", U32),
	)
	tcPeditSel = &StructDef{
		Name: "tc_pedit_sel",
		Fields: tcGen(
			F("nkeys", U8),
			F("flags", U8),
			Pad("pad", 2),
		),
		Trailing: &Field{Name: "keys", Type: Struct, Struct: tcPeditKey},
	}
	tcPeditKeyExAttrs = Set("tca_pedit_key_ex",
		A(1, "TCA_PEDIT_KEY_EX_HTYPE", U16).WithEnum(tcPeditHdrTypes),
		A(2, "TCA_PEDIT_KEY_EX_CMD", U16).WithEnum(tcPeditCmds),
	)
	tcPeditKeysExAttrs = Set("tca_pedit_keys_ex",
		N(6, "TCA_PEDIT_KEY_EX", tcPeditKeyExAttrs),
	)
	tcPeditAttrs = Set("tca_pedit",
		S(1, "TCA_PEDIT_TM", tcfT),
		S(2, "TCA_PEDIT_PARMS", tcPeditSel),
		A(3, "TCA_PEDIT_PAD", Binary),
		S(4, "TCA_PEDIT_PARMS_EX", tcPeditSel),
		N(5, "TCA_PEDIT_KEYS_EX", tcPeditKeysExAttrs),
		N(6, "TCA_PEDIT_KEY_EX", tcPeditKeyExAttrs),
	)
)

// sample: struct tc_sample and TCA_SAMPLE_* (linux/tc_act/tc_sample.h).
var (
	tcSample      = NewStruct("tc_sample", tcGen()...)
	tcSampleAttrs = Set("tca_sample",
		S(1, "TCA_SAMPLE_TM", tcfT),
		S(2, "TCA_SAMPLE_PARMS", tcSample),
		A(3, "TCA_SAMPLE_RATE", U32),
		A(4, "TCA_SAMPLE_TRUNC_SIZE", U32),
		A(5, "TCA_SAMPLE_PSAMPLE_GROUP", U32),
		A(6, "TCA_SAMPLE_PAD", Binary),
	)
)

// skbedit: SKBEDIT_F_*, struct tc_skbedit and TCA_SKBEDIT_*
// (linux/tc_act/tc_skbedit.h); PTYPE takes PACKET_* (linux/if_packet.h).
var (
	tcSkbeditFlags = NewBitFlags("skbedit_flags", 0,
		"SKBEDIT_F_PRIORITY", "SKBEDIT_F_QUEUE_MAPPING", "SKBEDIT_F_MARK",
		"SKBEDIT_F_PTYPE", "SKBEDIT_F_MASK", "SKBEDIT_F_INHERITDSFIELD",
		"SKBEDIT_F_TXQ_SKBHASH")
	tcPacketTypes = NewEnum("packet_type", 0,
		"PACKET_HOST", "PACKET_BROADCAST", "PACKET_MULTICAST", "PACKET_OTHERHOST",
		"PACKET_OUTGOING", "PACKET_LOOPBACK", "PACKET_USER", "PACKET_KERNEL")
	tcSkbedit      = NewStruct("tc_skbedit", tcGen()...)
	tcSkbeditAttrs = Set("tca_skbedit",
		S(1, "TCA_SKBEDIT_TM", tcfT),
		S(2, "TCA_SKBEDIT_PARMS", tcSkbedit),
		A(3, "TCA_SKBEDIT_PRIORITY", U32),
		A(4, "TCA_SKBEDIT_QUEUE_MAPPING", U16),
		A(5, "TCA_SKBEDIT_MARK", U32),
		A(6, "TCA_SKBEDIT_PAD", Binary),
		A(7, "TCA_SKBEDIT_PTYPE", U16).WithEnum(tcPacketTypes),
		A(8, "TCA_SKBEDIT_MASK", U32),
		A(9, "TCA_SKBEDIT_FLAGS", U64).WithFlags(tcSkbeditFlags),
		A(10, "TCA_SKBEDIT_QUEUE_MAPPING_MAX", U16),
	)
)

// skbmod: SKBMOD_F_*, struct tc_skbmod and TCA_SKBMOD_*
// (linux/tc_act/tc_skbmod.h). ETYPE is host order.
var (
	tcSkbmodFlags = NewBitFlags("skbmod_flags", 0,
		"SKBMOD_F_DMAC", "SKBMOD_F_SMAC", "SKBMOD_F_ETYPE", "SKBMOD_F_SWAPMAC", "SKBMOD_F_ECN")
	tcSkbmod = NewStruct("tc_skbmod", tcGen(
		Pad("pad", 4),
		FF("flags", U64, tcSkbmodFlags),
	)...)
	tcSkbmodAttrs = Set("tca_skbmod",
		S(1, "TCA_SKBMOD_TM", tcfT),
		S(2, "TCA_SKBMOD_PARMS", tcSkbmod),
		A(3, "TCA_SKBMOD_DMAC", HWAddr),
		A(4, "TCA_SKBMOD_SMAC", HWAddr),
		A(5, "TCA_SKBMOD_ETYPE", U16),
		A(6, "TCA_SKBMOD_PAD", Binary),
	)
)

// tunnel_key: TCA_TUNNEL_KEY_ACT_*, struct tc_tunnel_key, TCA_TUNNEL_KEY_*
// and its ENC_OPTS sets (linux/tc_act/tc_tunnel_key.h). ENC_KEY_ID is a
// be32 despite the header comment; NO_FRAG is newer than 6.1.
var (
	tcTunnelKeyActions = NewEnum("tca_tunnel_key_act", 1,
		"TCA_TUNNEL_KEY_ACT_SET", "TCA_TUNNEL_KEY_ACT_RELEASE")
	tcTunnelKey = NewStruct("tc_tunnel_key", tcGen(
		FE("t_action", S32, tcTunnelKeyActions),
	)...)
	tcTunnelKeyGeneveAttrs = Set("tca_tunnel_key_enc_opt_geneve",
		A(1, "TCA_TUNNEL_KEY_ENC_OPT_GENEVE_CLASS", BE16),
		A(2, "TCA_TUNNEL_KEY_ENC_OPT_GENEVE_TYPE", U8),
		A(3, "TCA_TUNNEL_KEY_ENC_OPT_GENEVE_DATA", Binary),
	)
	tcTunnelKeyVxlanAttrs = Set("tca_tunnel_key_enc_opt_vxlan",
		A(1, "TCA_TUNNEL_KEY_ENC_OPT_VXLAN_GBP", U32),
	)
	tcTunnelKeyErspanAttrs = Set("tca_tunnel_key_enc_opt_erspan",
		A(1, "TCA_TUNNEL_KEY_ENC_OPT_ERSPAN_VER", U8),
		A(2, "TCA_TUNNEL_KEY_ENC_OPT_ERSPAN_INDEX", BE32),
		A(3, "TCA_TUNNEL_KEY_ENC_OPT_ERSPAN_DIR", U8),
		A(4, "TCA_TUNNEL_KEY_ENC_OPT_ERSPAN_HWID", U8),
	)
	tcTunnelKeyEncOptsAttrs = Set("tca_tunnel_key_enc_opts",
		N(1, "TCA_TUNNEL_KEY_ENC_OPTS_GENEVE", tcTunnelKeyGeneveAttrs),
		N(2, "TCA_TUNNEL_KEY_ENC_OPTS_VXLAN", tcTunnelKeyVxlanAttrs),
		N(3, "TCA_TUNNEL_KEY_ENC_OPTS_ERSPAN", tcTunnelKeyErspanAttrs),
	)
	tcTunnelKeyAttrs = Set("tca_tunnel_key",
		S(1, "TCA_TUNNEL_KEY_TM", tcfT),
		S(2, "TCA_TUNNEL_KEY_PARMS", tcTunnelKey),
		A(3, "TCA_TUNNEL_KEY_ENC_IPV4_SRC", IPAddr),
		A(4, "TCA_TUNNEL_KEY_ENC_IPV4_DST", IPAddr),
		A(5, "TCA_TUNNEL_KEY_ENC_IPV6_SRC", IPAddr),
		A(6, "TCA_TUNNEL_KEY_ENC_IPV6_DST", IPAddr),
		A(7, "TCA_TUNNEL_KEY_ENC_KEY_ID", BE32),
		A(8, "TCA_TUNNEL_KEY_PAD", Binary),
		A(9, "TCA_TUNNEL_KEY_ENC_DST_PORT", BE16),
		A(10, "TCA_TUNNEL_KEY_NO_CSUM", U8),
		N(11, "TCA_TUNNEL_KEY_ENC_OPTS", tcTunnelKeyEncOptsAttrs),
		A(12, "TCA_TUNNEL_KEY_ENC_TOS", U8),
		A(13, "TCA_TUNNEL_KEY_ENC_TTL", U8),
		A(14, "TCA_TUNNEL_KEY_NO_FRAG", Flag),
	)
)

// vlan: TCA_VLAN_ACT_*, struct tc_vlan and TCA_VLAN_*
// (linux/tc_act/tc_vlan.h).
var (
	tcVlanActions = NewEnum("tca_vlan_act", 1,
		"TCA_VLAN_ACT_POP", "TCA_VLAN_ACT_PUSH", "TCA_VLAN_ACT_MODIFY",
		"TCA_VLAN_ACT_POP_ETH", "TCA_VLAN_ACT_PUSH_ETH")
	tcVlan      = NewStruct("tc_vlan", tcGen(FE("v_action", S32, tcVlanActions))...)
	tcVlanAttrs = Set("tca_vlan",
		S(1, "TCA_VLAN_TM", tcfT),
		S(2, "TCA_VLAN_PARMS", tcVlan),
		A(3, "TCA_VLAN_PUSH_VLAN_ID", U16),
		A(4, "TCA_VLAN_PUSH_VLAN_PROTOCOL", BE16),
		A(5, "TCA_VLAN_PAD", Binary),
		A(6, "TCA_VLAN_PUSH_VLAN_PRIORITY", U8),
		A(7, "TCA_VLAN_PUSH_ETH_DST", HWAddr),
		A(8, "TCA_VLAN_PUSH_ETH_SRC", HWAddr),
	)
)

// tcActOptionsByKind maps an action kind to its TCA_ACT_OPTIONS payload.
var tcActOptionsByKind = map[string]*Attr{
	"bpf":        Data(Nested, tcActBpfAttrs),
	"connmark":   Data(Nested, tcConnmarkAttrs),
	"csum":       Data(Nested, tcCsumAttrs),
	"ct":         Data(Nested, tcCtAttrs),
	"ctinfo":     Data(Nested, tcCtinfoAttrs),
	"gact":       Data(Nested, tcGactAttrs),
	"gate":       Data(Nested, tcGateAttrs),
	"ife":        Data(Nested, tcIfeAttrs),
	"ipt":        Data(Nested, tcIptAttrs),
	"mirred":     Data(Nested, tcMirredAttrs),
	"mpls":       Data(Nested, tcMplsAttrs),
	"nat":        Data(Nested, tcNatAttrs),
	"pedit":      Data(Nested, tcPeditAttrs),
	"police":     Data(Nested, tcPoliceAttrs),
	"sample":     Data(Nested, tcSampleAttrs),
	"simple":     Data(Nested, tcDefactAttrs),
	"skbedit":    Data(Nested, tcSkbeditAttrs),
	"skbmod":     Data(Nested, tcSkbmodAttrs),
	"tunnel_key": Data(Nested, tcTunnelKeyAttrs),
	"vlan":       Data(Nested, tcVlanAttrs),
	"xt":         Data(Nested, tcIptAttrs),
}

// Action statistics are the generic TCA_STATS_* set; actions have no
// application-specific block.
var tcActStatsAttrs = tcStatsSet("tca_act_stats", A(4, "TCA_STATS_APP", Binary))

// linux/pkt_cls.h: TCA_ACT_*.
var tcActAttrs = Set("tca_act",
	A(1, "TCA_ACT_KIND", String),
	A(2, "TCA_ACT_OPTIONS", Binary).SelectBy("TCA_ACT_KIND", tcActOptionsByKind),
	A(3, "TCA_ACT_INDEX", U32),
	N(4, "TCA_ACT_STATS", tcActStatsAttrs),
	A(5, "TCA_ACT_PAD", Binary),
	A(6, "TCA_ACT_COOKIE", Binary),
	S(7, "TCA_ACT_FLAGS", tcBitfield32(tcActFlags)),
	S(8, "TCA_ACT_HW_STATS", tcBitfield32(tcActHwStats)),
	S(9, "TCA_ACT_USED_HW_STATS", tcBitfield32(tcActHwStats)),
	A(10, "TCA_ACT_IN_HW_COUNT", U32),
)

// tcActList is a list of actions: its children are numbered by priority
// (1..TCA_ACT_MAX_PRIO) and each holds one TCA_ACT_* set. Classifiers'
// TCA_*_ACT and TCA_ROOT_TAB carry it.
var tcActList = &AttrSet{
	Name:    "tc_act_list",
	Default: N(0, "TCA_ACT_PRIO", tcActAttrs),
}

// struct tcamsg (linux/rtnetlink.h).
var tcaMsg = NewStruct("tcamsg",
	FE("tca_family", U8, addressFamilies),
	Pad("tca__pad1", 1),
	Pad("tca__pad2", 2),
)

// linux/rtnetlink.h: TCA_ROOT_* (TCA_ROOT_TAB is also spelt TCA_ACT_TAB).
var tcRootAttrs = Set("tca_root",
	N(1, "TCA_ROOT_TAB", tcActList),
	S(2, "TCA_ROOT_FLAGS", tcBitfield32(tcRootFlags)),
	A(3, "TCA_ROOT_COUNT", U32),
	A(4, "TCA_ROOT_TIME_DELTA", U32),
	A(5, "TCA_ROOT_EXT_WARN_MSG", String),
)

const tcActionSummary = "{TCA_ROOT_TAB.TCA_ACT_PRIO.TCA_ACT_KIND}|index {TCA_ROOT_TAB.TCA_ACT_PRIO.TCA_ACT_INDEX}|count {TCA_ROOT_COUNT}"

// RTM_*ACTION (linux/rtnetlink.h).
var tcActionMessages = []*Message{
	{Type: 48, Name: "RTM_NEWACTION", Kind: KindNew, Header: tcaMsg, Attrs: tcRootAttrs, Summary: tcActionSummary},
	{Type: 49, Name: "RTM_DELACTION", Kind: KindDel, Header: tcaMsg, Attrs: tcRootAttrs, Summary: tcActionSummary},
	{Type: 50, Name: "RTM_GETACTION", Kind: KindGet, Header: tcaMsg, Attrs: tcRootAttrs, Summary: tcActionSummary},
}

func init() { addRouteMessages(tcActionMessages...) }
