package codec

// Traffic control: qdiscs, classes, filters and chains (RTM_*QDISC,
// RTM_*TCLASS, RTM_*TFILTER, RTM_*CHAIN). Numbers and layouts follow
// linux/rtnetlink.h, linux/pkt_sched.h, linux/pkt_cls.h and
// linux/gen_stats.h, with the attributes added after 6.1 taken from the
// kernel's tc YNL spec and newer uapi headers. Actions live in
// schema_tc_act.go.

// struct tcmsg (linux/rtnetlink.h). tcm_info of a filter packs
// priority<<16 | protocol (network order); of a qdisc it is a refcount.
var tcMsg = NewStruct("tcmsg",
	FE("tcm_family", U8, addressFamilies),
	Pad("tcm__pad1", 1),
	Pad("tcm__pad2", 2),
	F("tcm_ifindex", S32),
	F("tcm_handle", U32),
	F("tcm_parent", U32),
	F("tcm_info", U32),
)

// tcFilterMsg is tcmsg as filter messages use it: tcm_info prints as
// "prio P protocol NAME".
var tcFilterMsg = tcMsg.WithDisplay("tcm_info", DisplayTCInfo)

// struct nla_bitfield32 (linux/netlink.h), with the bit names of the
// attribute that carries it.
func tcBitfield32(flags *Enum) *StructDef {
	return NewStruct("nla_bitfield32",
		FF("value", U32, flags),
		FF("selector", U32, flags),
	)
}

// Bits of TCA_DUMP_FLAGS (linux/rtnetlink.h).
var tcDumpFlags = NewBitFlags("tca_dump_flags", 0, "TCA_DUMP_FLAGS_TERSE")

// Generic statistics structs (linux/pkt_sched.h, linux/gen_stats.h).
var (
	tcStatsStruct = NewStruct("tc_stats",
		F("bytes", U64),
		F("packets", U32),
		F("drops", U32),
		F("overlimits", U32),
		F("bps", U32),
		F("pps", U32),
		F("qlen", U32),
		F("backlog", U32),
		Pad("pad", 4),
	)
	tcEstimator = NewStruct("tc_estimator",
		F("interval", S8),
		F("ewma_log", U8),
	)
	gnetStatsBasic = NewStruct("gnet_stats_basic",
		F("bytes", U64),
		F("packets", U32),
		Pad("pad", 4),
	)
	gnetStatsRateEst = NewStruct("gnet_stats_rate_est",
		F("bps", U32),
		F("pps", U32),
	)
	gnetStatsRateEst64 = NewStruct("gnet_stats_rate_est64",
		F("bps", U64),
		F("pps", U64),
	)
	gnetStatsQueue = NewStruct("gnet_stats_queue",
		F("qlen", U32),
		F("backlog", U32),
		F("drops", U32),
		F("requeues", U32),
		F("overlimits", U32),
	)
)

// enum tc_link_layer (linux/pkt_sched.h).
var tcLinkLayers = NewEnum("tc_link_layer", 0,
	"TC_LINKLAYER_UNAWARE", "TC_LINKLAYER_ETHERNET", "TC_LINKLAYER_ATM")

// struct tc_ratespec and struct tc_sizespec (linux/pkt_sched.h).
var (
	tcRatespec = NewStruct("tc_ratespec",
		F("cell_log", U8),
		FE("linklayer", U8, tcLinkLayers),
		F("overhead", U16),
		F("cell_align", S16),
		F("mpu", U16),
		F("rate", U32),
	)
	tcSizespec = NewStruct("tc_sizespec",
		F("cell_log", U8),
		F("size_log", U8),
		F("cell_align", S16),
		F("overhead", S32),
		FE("linklayer", U32, tcLinkLayers),
		F("mpu", U32),
		F("mtu", U32),
		F("tsize", U32),
	)
)

// linux/pkt_sched.h: TCA_STAB_*.
var tcStabAttrs = Set("tca_stab",
	S(1, "TCA_STAB_BASE", tcSizespec),
	Arr(2, "TCA_STAB_DATA", U16),
)

// linux/gen_stats.h: TCA_STATS_*. The application-specific block
// (TCA_STATS_APP) depends on the qdisc kind; actions carry none.
func tcStatsSet(name string, app *Attr) *AttrSet {
	return Set(name,
		S(1, "TCA_STATS_BASIC", gnetStatsBasic),
		S(2, "TCA_STATS_RATE_EST", gnetStatsRateEst),
		S(3, "TCA_STATS_QUEUE", gnetStatsQueue),
		app,
		S(5, "TCA_STATS_RATE_EST64", gnetStatsRateEst64),
		A(6, "TCA_STATS_PAD", Binary),
		S(7, "TCA_STATS_BASIC_HW", gnetStatsBasic),
		A(8, "TCA_STATS_PKT64", U64),
	)
}

var tcStatsAttrs = tcStatsSet("tca_stats",
	A(4, "TCA_STATS_APP", Binary).SelectBy("TCA_KIND", tcXstatsByKind))

// ---------------------------------------------------------------------
// Qdisc option structs and sets, in linux/pkt_sched.h order.

// FIFO, skbprio, prio, multiq and plug (linux/pkt_sched.h).
var (
	tcFifoQopt = NewStruct("tc_fifo_qopt", F("limit", U32))

	tcSkbprioQopt = NewStruct("tc_skbprio_qopt", F("limit", U32))

	// tc sends prio's options as a compat nest (nla_nest_compat): the
	// struct, then an attribute TCA_OPTIONS that nests TCA_PRIO_MQ.
	tcPrioCompatAttrs = Set("tca_prio_compat",
		N(2, "TCA_OPTIONS", Set("tca_prio", A(1, "TCA_PRIO_MQ", Flag))),
	)
	tcPrioQopt = NewStruct("tc_prio_qopt",
		F("bands", S32),
		FB("priomap", Binary, 16),
	)

	tcMultiqQopt = NewStruct("tc_multiq_qopt",
		F("bands", U16),
		F("max_bands", U16),
	)

	tcPlugActions = NewEnum("tcq_plug", 0,
		"TCQ_PLUG_BUFFER", "TCQ_PLUG_RELEASE_ONE",
		"TCQ_PLUG_RELEASE_INDEFINITE", "TCQ_PLUG_LIMIT")

	tcPlugQopt = NewStruct("tc_plug_qopt",
		FE("action", S32, tcPlugActions),
		F("limit", U32),
	)
)

// TBF: struct tc_tbf_qopt and TCA_TBF_* (linux/pkt_sched.h).
var (
	tcTbfQopt = NewStruct("tc_tbf_qopt",
		FS("rate", tcRatespec),
		FS("peakrate", tcRatespec),
		F("limit", U32),
		F("buffer", U32),
		F("mtu", U32),
	)
	tcTbfAttrs = Set("tca_tbf",
		S(1, "TCA_TBF_PARMS", tcTbfQopt),
		Arr(2, "TCA_TBF_RTAB", U32),
		Arr(3, "TCA_TBF_PTAB", U32),
		A(4, "TCA_TBF_RATE64", U64),
		A(5, "TCA_TBF_PRATE64", U64),
		A(6, "TCA_TBF_BURST", U32),
		A(7, "TCA_TBF_PBURST", U32),
		A(8, "TCA_TBF_PAD", Binary),
	)
)

// RED flag bits, shared by red, choke, sfq and gred (linux/pkt_sched.h).
var tcRedFlags = NewFlags("tc_red_flags", map[uint64]string{
	1: "TC_RED_ECN", 2: "TC_RED_HARDDROP", 4: "TC_RED_ADAPTATIVE", 8: "TC_RED_NODROP",
})

// SFQ: the kernel dumps struct tc_sfq_qopt_v1, which begins with
// struct tc_sfq_qopt; older tools send only the latter (linux/pkt_sched.h).
var (
	tcSfqQopt = NewStruct("tc_sfq_qopt",
		F("quantum", U32),
		F("perturb_period", S32),
		F("limit", U32),
		F("divisor", U32),
		F("flows", U32),
	)
	tcSfqredStats = NewStruct("tc_sfqred_stats",
		F("prob_drop", U32),
		F("forced_drop", U32),
		F("prob_mark", U32),
		F("forced_mark", U32),
		F("prob_mark_head", U32),
		F("forced_mark_head", U32),
	)
	tcSfqQoptV1 = NewStruct("tc_sfq_qopt_v1",
		FS("v0", tcSfqQopt),
		F("depth", U32),
		F("headdrop", U32),
		F("limit", U32),
		F("qth_min", U32),
		F("qth_max", U32),
		F("Wlog", U8),
		F("Plog", U8),
		F("Scell_log", U8),
		FF("flags", U8, tcRedFlags),
		F("max_P", U32),
		FS("stats", tcSfqredStats),
	)
	tcSfqXstats = NewStruct("tc_sfq_xstats", F("allot", S32))
)

// RED: struct tc_red_qopt and TCA_RED_* (linux/pkt_sched.h).
var (
	tcRedQopt = NewStruct("tc_red_qopt",
		F("limit", U32),
		F("qth_min", U32),
		F("qth_max", U32),
		F("Wlog", U8),
		F("Plog", U8),
		F("Scell_log", U8),
		FF("flags", U8, tcRedFlags),
	)
	tcRedXstats = NewStruct("tc_red_xstats",
		F("early", U32),
		F("pdrop", U32),
		F("other", U32),
		F("marked", U32),
	)
	tcRedAttrs = Set("tca_red",
		S(1, "TCA_RED_PARMS", tcRedQopt),
		Arr(2, "TCA_RED_STAB", U8),
		A(3, "TCA_RED_MAX_P", U32),
		S(4, "TCA_RED_FLAGS", tcBitfield32(tcRedFlags)),
		A(5, "TCA_RED_EARLY_DROP_BLOCK", U32),
		A(6, "TCA_RED_MARK_BLOCK", U32),
	)
)

// GRED: TCA_GRED_*, TCA_GRED_VQ_ENTRY, TCA_GRED_VQ_* and its structs
// (linux/pkt_sched.h). A dump carries TCA_GRED_PARMS as an array of
// MAX_DPs structs; a request carries one.
var (
	tcGredQopt = NewStruct("tc_gred_qopt",
		F("limit", U32),
		F("qth_min", U32),
		F("qth_max", U32),
		F("DP", U32),
		F("backlog", U32),
		F("qave", U32),
		F("forced", U32),
		F("early", U32),
		F("other", U32),
		F("pdrop", U32),
		F("Wlog", U8),
		F("Plog", U8),
		F("Scell_log", U8),
		F("prio", U8),
		F("packets", U32),
		F("bytesin", U32),
	)
	tcGredSopt = NewStruct("tc_gred_sopt",
		F("DPs", U32),
		F("def_DP", U32),
		F("grio", U8),
		FF("flags", U8, tcRedFlags),
		Pad("pad1", 2),
	)
	tcGredVqAttrs = Set("tca_gred_vq",
		A(1, "TCA_GRED_VQ_PAD", Binary),
		A(2, "TCA_GRED_VQ_DP", U32),
		A(3, "TCA_GRED_VQ_STAT_BYTES", U64),
		A(4, "TCA_GRED_VQ_STAT_PACKETS", U32),
		A(5, "TCA_GRED_VQ_STAT_BACKLOG", U32),
		A(6, "TCA_GRED_VQ_STAT_PROB_DROP", U32),
		A(7, "TCA_GRED_VQ_STAT_PROB_MARK", U32),
		A(8, "TCA_GRED_VQ_STAT_FORCED_DROP", U32),
		A(9, "TCA_GRED_VQ_STAT_FORCED_MARK", U32),
		A(10, "TCA_GRED_VQ_STAT_PDROP", U32),
		A(11, "TCA_GRED_VQ_STAT_OTHER", U32),
		A(12, "TCA_GRED_VQ_FLAGS", U32).WithFlags(tcRedFlags),
	)
	tcGredVqListAttrs = Set("tca_gred_vq_list",
		N(1, "TCA_GRED_VQ_ENTRY", tcGredVqAttrs),
	)
	tcGredAttrs = Set("tca_gred",
		SArr(1, "TCA_GRED_PARMS", tcGredQopt),
		Arr(2, "TCA_GRED_STAB", U8),
		S(3, "TCA_GRED_DPS", tcGredSopt),
		Arr(4, "TCA_GRED_MAX_P", U32),
		A(5, "TCA_GRED_LIMIT", U32),
		N(6, "TCA_GRED_VQ_LIST", tcGredVqListAttrs),
	)
)

// CHOKe: struct tc_choke_qopt and TCA_CHOKE_* (linux/pkt_sched.h).
var (
	tcChokeQopt = NewStruct("tc_choke_qopt",
		F("limit", U32),
		F("qth_min", U32),
		F("qth_max", U32),
		F("Wlog", U8),
		F("Plog", U8),
		F("Scell_log", U8),
		FF("flags", U8, tcRedFlags),
	)
	tcChokeXstats = NewStruct("tc_choke_xstats",
		F("early", U32),
		F("pdrop", U32),
		F("other", U32),
		F("marked", U32),
		F("matched", U32),
	)
	tcChokeAttrs = Set("tca_choke",
		S(1, "TCA_CHOKE_PARMS", tcChokeQopt),
		Arr(2, "TCA_CHOKE_STAB", U8),
		A(3, "TCA_CHOKE_MAX_P", U32),
	)
)

// HTB: structs and TCA_HTB_* (linux/pkt_sched.h). CTAB and RTAB are the
// 256-entry rate tables.
var (
	tcHtbOpt = NewStruct("tc_htb_opt",
		FS("rate", tcRatespec),
		FS("ceil", tcRatespec),
		F("buffer", U32),
		F("cbuffer", U32),
		F("quantum", U32),
		F("level", U32),
		F("prio", U32),
	)
	tcHtbGlob = NewStruct("tc_htb_glob",
		F("version", U32),
		F("rate2quantum", U32),
		F("defcls", U32),
		F("debug", U32),
		F("direct_pkts", U32),
	)
	tcHtbXstats = NewStruct("tc_htb_xstats",
		F("lends", U32),
		F("borrows", U32),
		F("giants", U32),
		F("tokens", S32),
		F("ctokens", S32),
	)
	tcHtbAttrs = Set("tca_htb",
		S(1, "TCA_HTB_PARMS", tcHtbOpt),
		S(2, "TCA_HTB_INIT", tcHtbGlob),
		Arr(3, "TCA_HTB_CTAB", U32),
		Arr(4, "TCA_HTB_RTAB", U32),
		A(5, "TCA_HTB_DIRECT_QLEN", U32),
		A(6, "TCA_HTB_RATE64", U64),
		A(7, "TCA_HTB_CEIL64", U64),
		A(8, "TCA_HTB_PAD", Binary),
		A(9, "TCA_HTB_OFFLOAD", Flag),
	)
)

// HFSC: the qdisc's options are struct tc_hfsc_qopt, a class's are
// TCA_HFSC_* service curves (linux/pkt_sched.h).
var (
	tcHfscQopt     = NewStruct("tc_hfsc_qopt", F("defcls", U16))
	tcServiceCurve = NewStruct("tc_service_curve", F("m1", U32), F("d", U32), F("m2", U32))
	tcHfscStats    = NewStruct("tc_hfsc_stats",
		F("work", U64),
		F("rtwork", U64),
		F("period", U32),
		F("level", U32),
	)
	tcHfscAttrs = Set("tca_hfsc",
		S(1, "TCA_HFSC_RSC", tcServiceCurve),
		S(2, "TCA_HFSC_FSC", tcServiceCurve),
		S(3, "TCA_HFSC_USC", tcServiceCurve),
	)
)

// CBQ (retired in 6.3, kept for old captures): structs and TCA_CBQ_*
// (linux/pkt_sched.h).
var (
	tcCbqLssFlags = NewFlags("tcf_cbq_lss_flags", map[uint64]string{
		1: "TCF_CBQ_LSS_BOUNDED", 2: "TCF_CBQ_LSS_ISOLATED",
	})
	tcCbqLssChange = NewFlags("tcf_cbq_lss_change", map[uint64]string{
		0x1: "TCF_CBQ_LSS_FLAGS", 0x2: "TCF_CBQ_LSS_EWMA", 0x4: "TCF_CBQ_LSS_MAXIDLE",
		0x8: "TCF_CBQ_LSS_MINIDLE", 0x10: "TCF_CBQ_LSS_OFFTIME", 0x20: "TCF_CBQ_LSS_AVPKT",
	})
	tcCbqOvlStrategies = NewEnum("tc_cbq_ovl", 0,
		"TC_CBQ_OVL_CLASSIC", "TC_CBQ_OVL_DELAY", "TC_CBQ_OVL_LOWPRIO",
		"TC_CBQ_OVL_DROP", "TC_CBQ_OVL_RCLASSIC")
	tcCbqLssopt = NewStruct("tc_cbq_lssopt",
		FF("change", U8, tcCbqLssChange),
		FF("flags", U8, tcCbqLssFlags),
		F("ewma_log", U8),
		F("level", U8),
		F("maxidle", U32),
		F("minidle", U32),
		F("offtime", U32),
		F("avpkt", U32),
	)
	tcCbqWrropt = NewStruct("tc_cbq_wrropt",
		F("flags", U8),
		F("priority", U8),
		F("cpriority", U8),
		Pad("_reserved", 1),
		F("allot", U32),
		F("weight", U32),
	)
	tcCbqOvl = NewStruct("tc_cbq_ovl",
		FE("strategy", U8, tcCbqOvlStrategies),
		F("priority2", U8),
		Pad("pad", 2),
		F("penalty", U32),
	)
	tcCbqPolice = NewStruct("tc_cbq_police",
		F("police", U8),
		Pad("_res1", 1),
		Pad("_res2", 2),
	)
	tcCbqFopt = NewStruct("tc_cbq_fopt",
		F("split", U32),
		F("defmap", U32),
		F("defchange", U32),
	)
	tcCbqXstats = NewStruct("tc_cbq_xstats",
		F("borrows", U32),
		F("overactions", U32),
		F("avgidle", S32),
		F("undertime", S32),
	)
	tcCbqAttrs = Set("tca_cbq",
		S(1, "TCA_CBQ_LSSOPT", tcCbqLssopt),
		S(2, "TCA_CBQ_WRROPT", tcCbqWrropt),
		S(3, "TCA_CBQ_FOPT", tcCbqFopt),
		S(4, "TCA_CBQ_OVL_STRATEGY", tcCbqOvl),
		S(5, "TCA_CBQ_RATE", tcRatespec),
		Arr(6, "TCA_CBQ_RTAB", U32),
		S(7, "TCA_CBQ_POLICE", tcCbqPolice),
	)
)

// dsmark and ATM (retired in 6.3, kept for old captures): TCA_DSMARK_*
// and TCA_ATM_* (linux/pkt_sched.h).
var (
	tcDsmarkAttrs = Set("tca_dsmark",
		A(1, "TCA_DSMARK_INDICES", U16),
		A(2, "TCA_DSMARK_DEFAULT_INDEX", U16),
		A(3, "TCA_DSMARK_SET_TC_INDEX", Flag),
		A(4, "TCA_DSMARK_MASK", U8),
		A(5, "TCA_DSMARK_VALUE", U8),
	)
	tcAtmAttrs = Set("tca_atm",
		A(1, "TCA_ATM_FD", U32),
		A(2, "TCA_ATM_PTR", Binary),
		A(3, "TCA_ATM_HDR", Binary),
		A(4, "TCA_ATM_EXCESS", U32),
		A(5, "TCA_ATM_ADDR", Binary),
		A(6, "TCA_ATM_STATE", U32),
	)
)

// netem: struct tc_netem_qopt, then TCA_NETEM_* with NETEM_LOSS_* and
// their structs (linux/pkt_sched.h). PRNG_SEED is newer than 6.1.
var (
	tcNetemQopt = NewStruct("tc_netem_qopt",
		F("latency", U32),
		F("limit", U32),
		F("loss", U32),
		F("gap", U32),
		F("duplicate", U32),
		F("jitter", U32),
	)
	tcNetemCorr = NewStruct("tc_netem_corr",
		F("delay_corr", U32),
		F("loss_corr", U32),
		F("dup_corr", U32),
	)
	tcNetemReorder = NewStruct("tc_netem_reorder",
		F("probability", U32),
		F("correlation", U32),
	)
	tcNetemCorrupt = NewStruct("tc_netem_corrupt",
		F("probability", U32),
		F("correlation", U32),
	)
	tcNetemRate = NewStruct("tc_netem_rate",
		F("rate", U32),
		F("packet_overhead", S32),
		F("cell_size", U32),
		F("cell_overhead", S32),
	)
	tcNetemSlot = NewStruct("tc_netem_slot",
		F("min_delay", S64),
		F("max_delay", S64),
		F("max_packets", S32),
		F("max_bytes", S32),
		F("dist_delay", S64),
		F("dist_jitter", S64),
	)
	tcNetemGimodel = NewStruct("tc_netem_gimodel",
		F("p13", U32),
		F("p31", U32),
		F("p32", U32),
		F("p14", U32),
		F("p23", U32),
	)
	tcNetemGemodel = NewStruct("tc_netem_gemodel",
		F("p", U32),
		F("r", U32),
		F("h", U32),
		F("k1", U32),
	)
	tcNetemLossAttrs = Set("netem_loss",
		S(1, "NETEM_LOSS_GI", tcNetemGimodel),
		S(2, "NETEM_LOSS_GE", tcNetemGemodel),
	)
	tcNetemAttrs = Set("tca_netem",
		S(1, "TCA_NETEM_CORR", tcNetemCorr),
		Arr(2, "TCA_NETEM_DELAY_DIST", S16),
		S(3, "TCA_NETEM_REORDER", tcNetemReorder),
		S(4, "TCA_NETEM_CORRUPT", tcNetemCorrupt),
		N(5, "TCA_NETEM_LOSS", tcNetemLossAttrs),
		S(6, "TCA_NETEM_RATE", tcNetemRate),
		A(7, "TCA_NETEM_ECN", U32),
		A(8, "TCA_NETEM_RATE64", U64),
		A(9, "TCA_NETEM_PAD", Binary),
		A(10, "TCA_NETEM_LATENCY64", S64),
		A(11, "TCA_NETEM_JITTER64", S64),
		S(12, "TCA_NETEM_SLOT", tcNetemSlot),
		Arr(13, "TCA_NETEM_SLOT_DIST", S16),
		A(14, "TCA_NETEM_PRNG_SEED", U64),
	)
)

// DRR: TCA_DRR_* and struct tc_drr_stats (linux/pkt_sched.h).
var (
	tcDrrAttrs = Set("tca_drr", A(1, "TCA_DRR_QUANTUM", U32))
	tcDrrStats = NewStruct("tc_drr_stats", F("deficit", U32))
)

// MQPRIO: struct tc_mqprio_qopt, then TCA_MQPRIO_* (linux/pkt_sched.h).
// TC_ENTRY and the TC_FP_* values are newer than 6.1.
var (
	tcMqprioHw = NewEnum("tc_mqprio_hw", 0,
		"TC_MQPRIO_HW_OFFLOAD_NONE", "TC_MQPRIO_HW_OFFLOAD_TCS")
	tcMqprioModes = NewEnum("tc_mqprio_mode", 0,
		"TC_MQPRIO_MODE_DCB", "TC_MQPRIO_MODE_CHANNEL")
	tcMqprioShapers = NewEnum("tc_mqprio_shaper", 0,
		"TC_MQPRIO_SHAPER_DCB", "TC_MQPRIO_SHAPER_BW_RATE")
	tcFpStates = NewEnum("tc_fp", 1, "TC_FP_EXPRESS", "TC_FP_PREEMPTIBLE")

	tcMqprioQopt = NewStruct("tc_mqprio_qopt",
		F("num_tc", U8),
		FB("prio_tc_map", Binary, 16),
		FE("hw", U8, tcMqprioHw),
		FB("count", Binary, 32),
		FB("offset", Binary, 32),
	)
	tcMqprioMinRateAttrs = Set("tca_mqprio_min_rate64",
		A(3, "TCA_MQPRIO_MIN_RATE64", U64),
	)
	tcMqprioMaxRateAttrs = Set("tca_mqprio_max_rate64",
		A(4, "TCA_MQPRIO_MAX_RATE64", U64),
	)
	tcMqprioTcEntryAttrs = Set("tca_mqprio_tc_entry",
		A(1, "TCA_MQPRIO_TC_ENTRY_INDEX", U32),
		A(2, "TCA_MQPRIO_TC_ENTRY_FP", U32).WithEnum(tcFpStates),
	)
	tcMqprioAttrs = Set("tca_mqprio",
		A(1, "TCA_MQPRIO_MODE", U16).WithEnum(tcMqprioModes),
		A(2, "TCA_MQPRIO_SHAPER", U16).WithEnum(tcMqprioShapers),
		N(3, "TCA_MQPRIO_MIN_RATE64", tcMqprioMinRateAttrs),
		N(4, "TCA_MQPRIO_MAX_RATE64", tcMqprioMaxRateAttrs),
		N(5, "TCA_MQPRIO_TC_ENTRY", tcMqprioTcEntryAttrs),
	)
)

// SFB: TCA_SFB_* and its structs (linux/pkt_sched.h).
var (
	tcSfbQopt = NewStruct("tc_sfb_qopt",
		F("rehash_interval", U32),
		F("warmup_time", U32),
		F("max", U32),
		F("bin_size", U32),
		F("increment", U32),
		F("decrement", U32),
		F("limit", U32),
		F("penalty_rate", U32),
		F("penalty_burst", U32),
	)
	tcSfbXstats = NewStruct("tc_sfb_xstats",
		F("earlydrop", U32),
		F("penaltydrop", U32),
		F("bucketdrop", U32),
		F("queuedrop", U32),
		F("childdrop", U32),
		F("marked", U32),
		F("maxqlen", U32),
		F("maxprob", U32),
		F("avgprob", U32),
	)
	tcSfbAttrs = Set("tca_sfb", S(1, "TCA_SFB_PARMS", tcSfbQopt))
)

// QFQ: TCA_QFQ_* and struct tc_qfq_stats (linux/pkt_sched.h).
var (
	tcQfqAttrs = Set("tca_qfq",
		A(1, "TCA_QFQ_WEIGHT", U32),
		A(2, "TCA_QFQ_LMAX", U32),
	)
	tcQfqStats = NewStruct("tc_qfq_stats", F("weight", U32), F("lmax", U32))
)

// CoDel: TCA_CODEL_* and struct tc_codel_xstats (linux/pkt_sched.h).
var (
	tcCodelAttrs = Set("tca_codel",
		A(1, "TCA_CODEL_TARGET", U32),
		A(2, "TCA_CODEL_LIMIT", U32),
		A(3, "TCA_CODEL_INTERVAL", U32),
		A(4, "TCA_CODEL_ECN", U32),
		A(5, "TCA_CODEL_CE_THRESHOLD", U32),
	)
	tcCodelXstats = NewStruct("tc_codel_xstats",
		F("maxpacket", U32),
		F("count", U32),
		F("lastcount", U32),
		F("ldelay", U32),
		F("drop_next", S32),
		F("drop_overlimit", U32),
		F("ecn_mark", U32),
		F("dropping", U32),
		F("ce_mark", U32),
	)
)

// FQ_CoDel: TCA_FQ_CODEL_* (linux/pkt_sched.h). Its xstats are a union
// chosen by a leading type word and stay binary.
var tcFqCodelAttrs = Set("tca_fq_codel",
	A(1, "TCA_FQ_CODEL_TARGET", U32),
	A(2, "TCA_FQ_CODEL_LIMIT", U32),
	A(3, "TCA_FQ_CODEL_INTERVAL", U32),
	A(4, "TCA_FQ_CODEL_ECN", U32),
	A(5, "TCA_FQ_CODEL_FLOWS", U32),
	A(6, "TCA_FQ_CODEL_QUANTUM", U32),
	A(7, "TCA_FQ_CODEL_CE_THRESHOLD", U32),
	A(8, "TCA_FQ_CODEL_DROP_BATCH_SIZE", U32),
	A(9, "TCA_FQ_CODEL_MEMORY_LIMIT", U32),
	A(10, "TCA_FQ_CODEL_CE_THRESHOLD_SELECTOR", U8),
	A(11, "TCA_FQ_CODEL_CE_THRESHOLD_MASK", U8),
)

// FQ: TCA_FQ_* and struct tc_fq_qd_stats (linux/pkt_sched.h). PRIOMAP,
// WEIGHTS, OFFLOAD_HORIZON and the stats after horizon_caps are newer
// than 6.1; the stats struct is the current kernel's (older kernels send
// a shorter one, which the decoder keeps).
var (
	tcFqAttrs = Set("tca_fq",
		A(1, "TCA_FQ_PLIMIT", U32),
		A(2, "TCA_FQ_FLOW_PLIMIT", U32),
		A(3, "TCA_FQ_QUANTUM", U32),
		A(4, "TCA_FQ_INITIAL_QUANTUM", U32),
		A(5, "TCA_FQ_RATE_ENABLE", U32),
		A(6, "TCA_FQ_FLOW_DEFAULT_RATE", U32),
		A(7, "TCA_FQ_FLOW_MAX_RATE", U32),
		A(8, "TCA_FQ_BUCKETS_LOG", U32),
		A(9, "TCA_FQ_FLOW_REFILL_DELAY", U32),
		A(10, "TCA_FQ_ORPHAN_MASK", U32),
		A(11, "TCA_FQ_LOW_RATE_THRESHOLD", U32),
		A(12, "TCA_FQ_CE_THRESHOLD", U32),
		A(13, "TCA_FQ_TIMER_SLACK", U32),
		A(14, "TCA_FQ_HORIZON", U32),
		A(15, "TCA_FQ_HORIZON_DROP", U8),
		S(16, "TCA_FQ_PRIOMAP", tcPrioQopt),
		Arr(17, "TCA_FQ_WEIGHTS", S32),
		A(18, "TCA_FQ_OFFLOAD_HORIZON", U32),
	)
	tcFqQdStats = NewStruct("tc_fq_qd_stats",
		F("gc_flows", U64),
		F("highprio_packets", U64),
		F("tcp_retrans", U64),
		F("throttled", U64),
		F("flows_plimit", U64),
		F("pkts_too_long", U64),
		F("allocation_errors", U64),
		F("time_next_delayed_flow", S64),
		F("flows", U32),
		F("inactive_flows", U32),
		F("throttled_flows", U32),
		F("unthrottle_latency_ns", U32),
		F("ce_mark", U64),
		F("horizon_drops", U64),
		F("horizon_caps", U64),
		F("fastpath_packets", U64),
		FB("band_drops", Binary, 24),
		FB("band_pkt_count", Binary, 12),
		Pad("pad", 4),
	)
)

// HHF: TCA_HHF_* and struct tc_hhf_xstats (linux/pkt_sched.h).
var (
	tcHhfAttrs = Set("tca_hhf",
		A(1, "TCA_HHF_BACKLOG_LIMIT", U32),
		A(2, "TCA_HHF_QUANTUM", U32),
		A(3, "TCA_HHF_HH_FLOWS_LIMIT", U32),
		A(4, "TCA_HHF_RESET_TIMEOUT", U32),
		A(5, "TCA_HHF_ADMIT_BYTES", U32),
		A(6, "TCA_HHF_EVICT_TIMEOUT", U32),
		A(7, "TCA_HHF_NON_HH_WEIGHT", U32),
	)
	tcHhfXstats = NewStruct("tc_hhf_xstats",
		F("drop_overlimit", U32),
		F("hh_overlimit", U32),
		F("hh_tot_count", U32),
		F("hh_cur_count", U32),
	)
)

// PIE and FQ-PIE: TCA_PIE_*, TCA_FQ_PIE_* and their xstats
// (linux/pkt_sched.h).
var (
	tcPieAttrs = Set("tca_pie",
		A(1, "TCA_PIE_TARGET", U32),
		A(2, "TCA_PIE_LIMIT", U32),
		A(3, "TCA_PIE_TUPDATE", U32),
		A(4, "TCA_PIE_ALPHA", U32),
		A(5, "TCA_PIE_BETA", U32),
		A(6, "TCA_PIE_ECN", U32),
		A(7, "TCA_PIE_BYTEMODE", U32),
		A(8, "TCA_PIE_DQ_RATE_ESTIMATOR", U32),
	)
	tcPieXstats = NewStruct("tc_pie_xstats",
		F("prob", U64),
		F("delay", U32),
		F("avg_dq_rate", U32),
		F("dq_rate_estimating", U32),
		F("packets_in", U32),
		F("dropped", U32),
		F("overlimit", U32),
		F("maxq", U32),
		F("ecn_mark", U32),
	)
	tcFqPieAttrs = Set("tca_fq_pie",
		A(1, "TCA_FQ_PIE_LIMIT", U32),
		A(2, "TCA_FQ_PIE_FLOWS", U32),
		A(3, "TCA_FQ_PIE_TARGET", U32),
		A(4, "TCA_FQ_PIE_TUPDATE", U32),
		A(5, "TCA_FQ_PIE_ALPHA", U32),
		A(6, "TCA_FQ_PIE_BETA", U32),
		A(7, "TCA_FQ_PIE_QUANTUM", U32),
		A(8, "TCA_FQ_PIE_MEMORY_LIMIT", U32),
		A(9, "TCA_FQ_PIE_ECN_PROB", U32),
		A(10, "TCA_FQ_PIE_ECN", U32),
		A(11, "TCA_FQ_PIE_BYTEMODE", U32),
		A(12, "TCA_FQ_PIE_DQ_RATE_ESTIMATOR", U32),
	)
	tcFqPieXstats = NewStruct("tc_fq_pie_xstats",
		F("packets_in", U32),
		F("dropped", U32),
		F("overlimit", U32),
		F("overmemory", U32),
		F("ecn_mark", U32),
		F("new_flow_count", U32),
		F("new_flows_len", U32),
		F("old_flows_len", U32),
		F("memory_usage", U32),
	)
)

// CBS and ETF: their qopt structs and TCA_CBS_*, TCA_ETF_*
// (linux/pkt_sched.h).
var (
	tcCbsQopt = NewStruct("tc_cbs_qopt",
		F("offload", U8),
		Pad("pad", 3),
		F("hicredit", S32),
		F("locredit", S32),
		F("idleslope", S32),
		F("sendslope", S32),
	)
	tcCbsAttrs = Set("tca_cbs", S(1, "TCA_CBS_PARMS", tcCbsQopt))

	tcEtfFlags = NewBitFlags("tc_etf_flags", 0,
		"TC_ETF_DEADLINE_MODE_ON", "TC_ETF_OFFLOAD_ON", "TC_ETF_SKIP_SOCK_CHECK")
	tcEtfQopt = NewStruct("tc_etf_qopt",
		F("delta", S32),
		F("clockid", S32),
		FF("flags", U32, tcEtfFlags),
	)
	tcEtfAttrs = Set("tca_etf", S(1, "TCA_ETF_PARMS", tcEtfQopt))
)

// CAKE: TCA_CAKE_*, its value enums, and the TCA_CAKE_STATS_* and
// TCA_CAKE_TIN_STATS_* sets of its xstats (linux/pkt_sched.h).
var (
	tcCakeFlowModes = NewEnum("cake_flow_mode", 0,
		"CAKE_FLOW_NONE", "CAKE_FLOW_SRC_IP", "CAKE_FLOW_DST_IP", "CAKE_FLOW_HOSTS",
		"CAKE_FLOW_FLOWS", "CAKE_FLOW_DUAL_SRC", "CAKE_FLOW_DUAL_DST", "CAKE_FLOW_TRIPLE")
	tcCakeDiffservModes = NewEnum("cake_diffserv_mode", 0,
		"CAKE_DIFFSERV_DIFFSERV3", "CAKE_DIFFSERV_DIFFSERV4", "CAKE_DIFFSERV_DIFFSERV8",
		"CAKE_DIFFSERV_BESTEFFORT", "CAKE_DIFFSERV_PRECEDENCE")
	tcCakeAckFilters = NewEnum("cake_ack_filter", 0,
		"CAKE_ACK_NONE", "CAKE_ACK_FILTER", "CAKE_ACK_AGGRESSIVE")
	tcCakeAtmModes = NewEnum("cake_atm", 0,
		"CAKE_ATM_NONE", "CAKE_ATM_ATM", "CAKE_ATM_PTM")

	tcCakeAttrs = Set("tca_cake",
		A(1, "TCA_CAKE_PAD", Binary),
		A(2, "TCA_CAKE_BASE_RATE64", U64),
		A(3, "TCA_CAKE_DIFFSERV_MODE", U32).WithEnum(tcCakeDiffservModes),
		A(4, "TCA_CAKE_ATM", U32).WithEnum(tcCakeAtmModes),
		A(5, "TCA_CAKE_FLOW_MODE", U32).WithEnum(tcCakeFlowModes),
		A(6, "TCA_CAKE_OVERHEAD", S32),
		A(7, "TCA_CAKE_RTT", U32),
		A(8, "TCA_CAKE_TARGET", U32),
		A(9, "TCA_CAKE_AUTORATE", U32),
		A(10, "TCA_CAKE_MEMORY", U32),
		A(11, "TCA_CAKE_NAT", U32),
		A(12, "TCA_CAKE_RAW", U32),
		A(13, "TCA_CAKE_WASH", U32),
		A(14, "TCA_CAKE_MPU", U32),
		A(15, "TCA_CAKE_INGRESS", U32),
		A(16, "TCA_CAKE_ACK_FILTER", U32).WithEnum(tcCakeAckFilters),
		A(17, "TCA_CAKE_SPLIT_GSO", U32),
		A(18, "TCA_CAKE_FWMARK", U32),
	)
	tcCakeTinStatsAttrs = Set("tca_cake_tin_stats",
		A(1, "TCA_CAKE_TIN_STATS_PAD", Binary),
		A(2, "TCA_CAKE_TIN_STATS_SENT_PACKETS", U32),
		A(3, "TCA_CAKE_TIN_STATS_SENT_BYTES64", U64),
		A(4, "TCA_CAKE_TIN_STATS_DROPPED_PACKETS", U32),
		A(5, "TCA_CAKE_TIN_STATS_DROPPED_BYTES64", U64),
		A(6, "TCA_CAKE_TIN_STATS_ACKS_DROPPED_PACKETS", U32),
		A(7, "TCA_CAKE_TIN_STATS_ACKS_DROPPED_BYTES64", U64),
		A(8, "TCA_CAKE_TIN_STATS_ECN_MARKED_PACKETS", U32),
		A(9, "TCA_CAKE_TIN_STATS_ECN_MARKED_BYTES64", U64),
		A(10, "TCA_CAKE_TIN_STATS_BACKLOG_PACKETS", U32),
		A(11, "TCA_CAKE_TIN_STATS_BACKLOG_BYTES", U32),
		A(12, "TCA_CAKE_TIN_STATS_THRESHOLD_RATE64", U64),
		A(13, "TCA_CAKE_TIN_STATS_TARGET_US", U32),
		A(14, "TCA_CAKE_TIN_STATS_INTERVAL_US", U32),
		A(15, "TCA_CAKE_TIN_STATS_WAY_INDIRECT_HITS", U32),
		A(16, "TCA_CAKE_TIN_STATS_WAY_MISSES", U32),
		A(17, "TCA_CAKE_TIN_STATS_WAY_COLLISIONS", U32),
		A(18, "TCA_CAKE_TIN_STATS_PEAK_DELAY_US", U32),
		A(19, "TCA_CAKE_TIN_STATS_AVG_DELAY_US", U32),
		A(20, "TCA_CAKE_TIN_STATS_BASE_DELAY_US", U32),
		A(21, "TCA_CAKE_TIN_STATS_SPARSE_FLOWS", U32),
		A(22, "TCA_CAKE_TIN_STATS_BULK_FLOWS", U32),
		A(23, "TCA_CAKE_TIN_STATS_UNRESPONSIVE_FLOWS", U32),
		A(24, "TCA_CAKE_TIN_STATS_MAX_SKBLEN", U32),
		A(25, "TCA_CAKE_TIN_STATS_FLOW_QUANTUM", U32),
	)
	// Tins are numbered 1..n; there is no C name for one tin.
	tcCakeTinList = &AttrSet{
		Name:    "tca_cake_tins",
		Default: N(0, "TCA_CAKE_TIN", tcCakeTinStatsAttrs),
	}
	tcCakeStatsAttrs = Set("tca_cake_stats",
		A(1, "TCA_CAKE_STATS_PAD", Binary),
		A(2, "TCA_CAKE_STATS_CAPACITY_ESTIMATE64", U64),
		A(3, "TCA_CAKE_STATS_MEMORY_LIMIT", U32),
		A(4, "TCA_CAKE_STATS_MEMORY_USED", U32),
		A(5, "TCA_CAKE_STATS_AVG_NETOFF", U32),
		A(6, "TCA_CAKE_STATS_MIN_NETLEN", U32),
		A(7, "TCA_CAKE_STATS_MAX_NETLEN", U32),
		A(8, "TCA_CAKE_STATS_MIN_ADJLEN", U32),
		A(9, "TCA_CAKE_STATS_MAX_ADJLEN", U32),
		N(10, "TCA_CAKE_STATS_TIN_STATS", tcCakeTinList),
		A(11, "TCA_CAKE_STATS_DEFICIT", S32),
		A(12, "TCA_CAKE_STATS_COBALT_COUNT", U32),
		A(13, "TCA_CAKE_STATS_DROPPING", U32),
		A(14, "TCA_CAKE_STATS_DROP_NEXT_US", S32),
		A(15, "TCA_CAKE_STATS_P_DROP", U32),
		A(16, "TCA_CAKE_STATS_BLUE_TIMER_US", S32),
	)
)

// TAPRIO: TCA_TAPRIO_ATTR_*, TCA_TAPRIO_SCHED_*, TCA_TAPRIO_SCHED_ENTRY_*,
// TCA_TAPRIO_TC_ENTRY_* and TCA_TAPRIO_OFFLOAD_STATS_* (linux/pkt_sched.h).
// ADMIN_SCHED nests the taprio set itself (closed in init).
var (
	tcTaprioCmds = NewEnum("tc_taprio_cmd", 0,
		"TC_TAPRIO_CMD_SET_GATES", "TC_TAPRIO_CMD_SET_AND_HOLD", "TC_TAPRIO_CMD_SET_AND_RELEASE")
	tcTaprioFlags = NewBitFlags("tca_taprio_attr_flags", 0,
		"TCA_TAPRIO_ATTR_FLAG_TXTIME_ASSIST", "TCA_TAPRIO_ATTR_FLAG_FULL_OFFLOAD")

	tcTaprioSchedEntryAttrs = Set("tca_taprio_sched_entry",
		A(1, "TCA_TAPRIO_SCHED_ENTRY_INDEX", U32),
		A(2, "TCA_TAPRIO_SCHED_ENTRY_CMD", U8).WithEnum(tcTaprioCmds),
		A(3, "TCA_TAPRIO_SCHED_ENTRY_GATE_MASK", U32),
		A(4, "TCA_TAPRIO_SCHED_ENTRY_INTERVAL", U32),
	)
	tcTaprioSchedAttrs = Set("tca_taprio_sched",
		N(1, "TCA_TAPRIO_SCHED_ENTRY", tcTaprioSchedEntryAttrs),
	)
	tcTaprioTcEntryAttrs = Set("tca_taprio_tc_entry",
		A(1, "TCA_TAPRIO_TC_ENTRY_INDEX", U32),
		A(2, "TCA_TAPRIO_TC_ENTRY_MAX_SDU", U32),
		A(3, "TCA_TAPRIO_TC_ENTRY_FP", U32).WithEnum(tcFpStates),
	)
	tcTaprioOffloadStatsAttrs = Set("tca_taprio_offload_stats",
		A(1, "TCA_TAPRIO_OFFLOAD_STATS_PAD", Binary),
		A(2, "TCA_TAPRIO_OFFLOAD_STATS_WINDOW_DROPS", U64),
		A(3, "TCA_TAPRIO_OFFLOAD_STATS_TX_OVERRUNS", U64),
	)
	tcTaprioAdminSched = A(7, "TCA_TAPRIO_ATTR_ADMIN_SCHED", Nested)
	tcTaprioAttrs      = Set("tca_taprio",
		S(1, "TCA_TAPRIO_ATTR_PRIOMAP", tcMqprioQopt),
		N(2, "TCA_TAPRIO_ATTR_SCHED_ENTRY_LIST", tcTaprioSchedAttrs),
		A(3, "TCA_TAPRIO_ATTR_SCHED_BASE_TIME", S64),
		N(4, "TCA_TAPRIO_ATTR_SCHED_SINGLE_ENTRY", tcTaprioSchedEntryAttrs),
		A(5, "TCA_TAPRIO_ATTR_SCHED_CLOCKID", S32),
		A(6, "TCA_TAPRIO_PAD", Binary),
		tcTaprioAdminSched,
		A(8, "TCA_TAPRIO_ATTR_SCHED_CYCLE_TIME", S64),
		A(9, "TCA_TAPRIO_ATTR_SCHED_CYCLE_TIME_EXTENSION", S64),
		A(10, "TCA_TAPRIO_ATTR_FLAGS", U32).WithFlags(tcTaprioFlags),
		A(11, "TCA_TAPRIO_ATTR_TXTIME_DELAY", U32),
		N(12, "TCA_TAPRIO_ATTR_TC_ENTRY", tcTaprioTcEntryAttrs),
	)
)

func init() { tcTaprioAdminSched.Set = tcTaprioAttrs }

// ETS: TCA_ETS_* (linux/pkt_sched.h). QUANTA and PRIOMAP hold repeated
// QUANTA_BAND and PRIOMAP_BAND attributes of the same enum.
var tcEtsAttrs = Set("tca_ets",
	A(1, "TCA_ETS_NBANDS", U8),
	A(2, "TCA_ETS_NSTRICT", U8),
	N(3, "TCA_ETS_QUANTA", Set("tca_ets_quanta", A(4, "TCA_ETS_QUANTA_BAND", U32))),
	A(4, "TCA_ETS_QUANTA_BAND", U32),
	N(5, "TCA_ETS_PRIOMAP", Set("tca_ets_priomap", A(6, "TCA_ETS_PRIOMAP_BAND", U8))),
	A(6, "TCA_ETS_PRIOMAP_BAND", U8),
)

// DualPI2 (6.17): TCA_DUALPI2_*, its value enums and struct
// tc_dualpi2_xstats (newer uapi linux/pkt_sched.h).
var (
	tcDualpi2DropOverload = NewEnum("tc_dualpi2_drop_overload", 0,
		"TCA_DUALPI2_DROP_OVERLOAD_OVERFLOW", "TCA_DUALPI2_DROP_OVERLOAD_DROP")
	tcDualpi2DropEarly = NewEnum("tc_dualpi2_drop_early", 0,
		"TCA_DUALPI2_DROP_EARLY_DROP_DEQUEUE", "TCA_DUALPI2_DROP_EARLY_DROP_ENQUEUE")
	tcDualpi2EcnMask = NewEnum("tc_dualpi2_ecn_mask", 1,
		"TCA_DUALPI2_ECN_MASK_L4S_ECT", "TCA_DUALPI2_ECN_MASK_CLA_ECT", "TCA_DUALPI2_ECN_MASK_ANY_ECT")
	tcDualpi2SplitGso = NewEnum("tc_dualpi2_split_gso", 0,
		"TCA_DUALPI2_SPLIT_GSO_NO_SPLIT_GSO", "TCA_DUALPI2_SPLIT_GSO_SPLIT_GSO")

	tcDualpi2Attrs = Set("tca_dualpi2",
		A(1, "TCA_DUALPI2_LIMIT", U32),
		A(2, "TCA_DUALPI2_MEMORY_LIMIT", U32),
		A(3, "TCA_DUALPI2_TARGET", U32),
		A(4, "TCA_DUALPI2_TUPDATE", U32),
		A(5, "TCA_DUALPI2_ALPHA", U32),
		A(6, "TCA_DUALPI2_BETA", U32),
		A(7, "TCA_DUALPI2_STEP_THRESH_PKTS", U32),
		A(8, "TCA_DUALPI2_STEP_THRESH_US", U32),
		A(9, "TCA_DUALPI2_MIN_QLEN_STEP", U32),
		A(10, "TCA_DUALPI2_COUPLING", U8),
		A(11, "TCA_DUALPI2_DROP_OVERLOAD", U8).WithEnum(tcDualpi2DropOverload),
		A(12, "TCA_DUALPI2_DROP_EARLY", U8).WithEnum(tcDualpi2DropEarly),
		A(13, "TCA_DUALPI2_C_PROTECTION", U8),
		A(14, "TCA_DUALPI2_ECN_MASK", U8).WithEnum(tcDualpi2EcnMask),
		A(15, "TCA_DUALPI2_SPLIT_GSO", U8).WithEnum(tcDualpi2SplitGso),
		A(16, "TCA_DUALPI2_PAD", Binary),
	)
	tcDualpi2Xstats = NewStruct("tc_dualpi2_xstats",
		F("prob", U32),
		F("delay_c", U32),
		F("delay_l", U32),
		F("packets_in_c", U32),
		F("packets_in_l", U32),
		F("maxq", U32),
		F("ecn_mark", U32),
		F("step_marks", U32),
		F("credit", S32),
		F("memory_used", U32),
		F("max_memory_used", U32),
		F("memory_limit", U32),
	)
)

// Qdiscs that take no options still send an empty TCA_OPTIONS nest.
var tcNoOptions = Set("tc_no_options")

// tcQdiscOptionsByKind maps a qdisc kind to its TCA_OPTIONS payload in
// RTM_*QDISC messages.
var tcQdiscOptionsByKind = map[string]*Attr{
	"atm":             Data(Nested, tcAtmAttrs),
	"bfifo":           StructData(tcFifoQopt),
	"cake":            Data(Nested, tcCakeAttrs),
	"cbq":             Data(Nested, tcCbqAttrs),
	"cbs":             Data(Nested, tcCbsAttrs),
	"choke":           Data(Nested, tcChokeAttrs),
	"clsact":          Data(Nested, tcNoOptions),
	"codel":           Data(Nested, tcCodelAttrs),
	"drr":             Data(Nested, tcDrrAttrs),
	"dsmark":          Data(Nested, tcDsmarkAttrs),
	"dualpi2":         Data(Nested, tcDualpi2Attrs),
	"etf":             Data(Nested, tcEtfAttrs),
	"ets":             Data(Nested, tcEtsAttrs),
	"fq":              Data(Nested, tcFqAttrs),
	"fq_codel":        Data(Nested, tcFqCodelAttrs),
	"fq_pie":          Data(Nested, tcFqPieAttrs),
	"gred":            Data(Nested, tcGredAttrs),
	"hfsc":            StructData(tcHfscQopt),
	"hhf":             Data(Nested, tcHhfAttrs),
	"htb":             Data(Nested, tcHtbAttrs),
	"ingress":         Data(Nested, tcNoOptions),
	"mq":              Data(Nested, tcNoOptions),
	"mqprio":          StructAttrsData(tcMqprioQopt, tcMqprioAttrs),
	"multiq":          StructData(tcMultiqQopt),
	"netem":           StructAttrsData(tcNetemQopt, tcNetemAttrs),
	"pfifo":           StructData(tcFifoQopt),
	"pfifo_fast":      StructData(tcPrioQopt),
	"pfifo_head_drop": StructData(tcFifoQopt),
	"pie":             Data(Nested, tcPieAttrs),
	"plug":            StructData(tcPlugQopt),
	"prio":            StructAttrsData(tcPrioQopt, tcPrioCompatAttrs),
	"qfq":             Data(Nested, tcQfqAttrs),
	"red":             Data(Nested, tcRedAttrs),
	"sfb":             Data(Nested, tcSfbAttrs),
	"sfq":             StructData(tcSfqQoptV1),
	"skbprio":         StructData(tcSkbprioQopt),
	"taprio":          Data(Nested, tcTaprioAttrs),
	"tbf":             Data(Nested, tcTbfAttrs),
}

// tcClassOptionsByKind is tcQdiscOptionsByKind for RTM_*TCLASS messages:
// the same kinds, except that an HFSC class carries service curves where
// the qdisc carries a struct.
var tcClassOptionsByKind = func() map[string]*Attr {
	m := make(map[string]*Attr, len(tcQdiscOptionsByKind))
	for k, v := range tcQdiscOptionsByKind {
		m[k] = v
	}
	m["hfsc"] = Data(Nested, tcHfscAttrs)
	return m
}()

// tcXstatsByKind maps a qdisc kind to the payload of TCA_XSTATS and
// TCA_STATS_APP (the same bytes, sent twice for old tools). Qdisc and
// class statistics of one kind share a layout, except fq_codel whose
// union stays binary.
var tcXstatsByKind = map[string]*Attr{
	"cake":    Data(Nested, tcCakeStatsAttrs),
	"cbq":     StructData(tcCbqXstats),
	"choke":   StructData(tcChokeXstats),
	"codel":   StructData(tcCodelXstats),
	"drr":     StructData(tcDrrStats),
	"dualpi2": StructData(tcDualpi2Xstats),
	"fq":      StructData(tcFqQdStats),
	"fq_pie":  StructData(tcFqPieXstats),
	"hfsc":    StructData(tcHfscStats),
	"hhf":     StructData(tcHhfXstats),
	"htb":     StructData(tcHtbXstats),
	"pie":     StructData(tcPieXstats),
	"qfq":     StructData(tcQfqStats),
	"red":     StructData(tcRedXstats),
	"sfb":     StructData(tcSfbXstats),
	"sfq":     StructData(tcSfqXstats),
	"taprio":  Data(Nested, tcTaprioOffloadStatsAttrs),
}

// ---------------------------------------------------------------------
// Classifiers, in linux/pkt_cls.h order.

// Bits of TCA_*_FLAGS of classifiers (TCA_CLS_FLAGS_*, linux/pkt_cls.h).
var tcClsFlags = NewBitFlags("tca_cls_flags", 0,
	"TCA_CLS_FLAGS_SKIP_HW", "TCA_CLS_FLAGS_SKIP_SW", "TCA_CLS_FLAGS_IN_HW",
	"TCA_CLS_FLAGS_NOT_IN_HW", "TCA_CLS_FLAGS_VERBOSE")

// u32: TCA_U32_*, struct tc_u32_sel followed by its keys, and the
// counters (linux/pkt_cls.h).
var (
	tcU32SelFlags = NewFlags("tc_u32_flags", map[uint64]string{
		1: "TC_U32_TERMINAL", 2: "TC_U32_OFFSET", 4: "TC_U32_VAROFFSET", 8: "TC_U32_EAT",
	})
	tcU32Key = NewStruct("tc_u32_key",
		F("mask", BE32),
		F("val", BE32),
		F("off", S32),
		F("offmask", S32),
	)
	tcU32Sel = &StructDef{
		Name: "tc_u32_sel",
		Fields: []Field{
			FF("flags", U8, tcU32SelFlags),
			F("offshift", U8),
			F("nkeys", U8),
			Pad("pad", 1),
			F("offmask", BE16),
			F("off", U16),
			F("offoff", S16),
			F("hoff", S16),
			F("hmask", BE32),
		},
		Trailing:      &Field{Name: "keys", Type: Struct, Struct: tcU32Key},
		TrailingCount: "nkeys",
	}
	tcU32Mark = NewStruct("tc_u32_mark",
		F("val", U32),
		F("mask", U32),
		F("success", U32),
	)
	tcU32Pcnt = &StructDef{
		Name:     "tc_u32_pcnt",
		Fields:   []Field{F("rcnt", U64), F("rhit", U64)},
		Trailing: &Field{Name: "kcnts", Type: U64},
	}
	tcU32Attrs = Set("tca_u32",
		A(1, "TCA_U32_CLASSID", U32),
		A(2, "TCA_U32_HASH", U32),
		A(3, "TCA_U32_LINK", U32),
		A(4, "TCA_U32_DIVISOR", U32),
		S(5, "TCA_U32_SEL", tcU32Sel),
		N(6, "TCA_U32_POLICE", tcPoliceAttrs),
		N(7, "TCA_U32_ACT", tcActList),
		A(8, "TCA_U32_INDEV", String),
		S(9, "TCA_U32_PCNT", tcU32Pcnt),
		S(10, "TCA_U32_MARK", tcU32Mark),
		A(11, "TCA_U32_FLAGS", U32).WithFlags(tcClsFlags),
		A(12, "TCA_U32_PAD", Binary),
	)
)

// RSVP (retired in 6.3, kept for old captures): TCA_RSVP_* and its
// structs (linux/pkt_cls.h).
var (
	tcRsvpGpi = NewStruct("tc_rsvp_gpi",
		F("key", U32),
		F("mask", U32),
		F("offset", S32),
	)
	tcRsvpPinfo = NewStruct("tc_rsvp_pinfo",
		FS("dpi", tcRsvpGpi),
		FS("spi", tcRsvpGpi),
		F("protocol", U8),
		F("tunnelid", U8),
		F("tunnelhdr", U8),
		Pad("pad", 1),
	)
	tcRsvpAttrs = Set("tca_rsvp",
		A(1, "TCA_RSVP_CLASSID", U32),
		A(2, "TCA_RSVP_DST", IPAddr),
		A(3, "TCA_RSVP_SRC", IPAddr),
		S(4, "TCA_RSVP_PINFO", tcRsvpPinfo),
		N(5, "TCA_RSVP_POLICE", tcPoliceAttrs),
		N(6, "TCA_RSVP_ACT", tcActList),
	)
)

// route: TCA_ROUTE4_* (linux/pkt_cls.h). TO and FROM are realms.
var tcRoute4Attrs = Set("tca_route4",
	A(1, "TCA_ROUTE4_CLASSID", U32),
	A(2, "TCA_ROUTE4_TO", U32),
	A(3, "TCA_ROUTE4_FROM", U32),
	A(4, "TCA_ROUTE4_IIF", U32),
	N(5, "TCA_ROUTE4_POLICE", tcPoliceAttrs),
	N(6, "TCA_ROUTE4_ACT", tcActList),
)

// fw: TCA_FW_* (linux/pkt_cls.h).
var tcFwAttrs = Set("tca_fw",
	A(1, "TCA_FW_CLASSID", U32),
	N(2, "TCA_FW_POLICE", tcPoliceAttrs),
	A(3, "TCA_FW_INDEV", String),
	N(4, "TCA_FW_ACT", tcActList),
	A(5, "TCA_FW_MASK", U32),
)

// tcindex (retired in 6.3, kept for old captures): TCA_TCINDEX_*
// (linux/pkt_cls.h).
var tcTcindexAttrs = Set("tca_tcindex",
	A(1, "TCA_TCINDEX_HASH", U32),
	A(2, "TCA_TCINDEX_MASK", U16),
	A(3, "TCA_TCINDEX_SHIFT", U32),
	A(4, "TCA_TCINDEX_FALL_THROUGH", U32),
	A(5, "TCA_TCINDEX_CLASSID", U32),
	N(6, "TCA_TCINDEX_POLICE", tcPoliceAttrs),
	N(7, "TCA_TCINDEX_ACT", tcActList),
)

// Extended matches: TCA_EMATCH_TREE_* and struct tcf_ematch_tree_hdr
// (linux/pkt_cls.h). The list holds numbered matches, each a struct
// tcf_ematch_hdr and kind-specific bytes; it stays binary.
var (
	tcfEmatchTreeHdr = NewStruct("tcf_ematch_tree_hdr",
		F("nmatches", U16),
		F("progid", U16),
	)
	tcEmatchTreeAttrs = Set("tca_ematch_tree",
		S(1, "TCA_EMATCH_TREE_HDR", tcfEmatchTreeHdr),
		A(2, "TCA_EMATCH_TREE_LIST", Binary),
	)
)

// flow: TCA_FLOW_*, with the FLOW_KEY_* bits of TCA_FLOW_KEYS and the
// FLOW_MODE_* values (linux/pkt_cls.h).
var (
	tcFlowKeys = NewBitFlags("flow_keys", 0,
		"FLOW_KEY_SRC", "FLOW_KEY_DST", "FLOW_KEY_PROTO", "FLOW_KEY_PROTO_SRC",
		"FLOW_KEY_PROTO_DST", "FLOW_KEY_IIF", "FLOW_KEY_PRIORITY", "FLOW_KEY_MARK",
		"FLOW_KEY_NFCT", "FLOW_KEY_NFCT_SRC", "FLOW_KEY_NFCT_DST",
		"FLOW_KEY_NFCT_PROTO_SRC", "FLOW_KEY_NFCT_PROTO_DST", "FLOW_KEY_RTCLASSID",
		"FLOW_KEY_SKUID", "FLOW_KEY_SKGID", "FLOW_KEY_VLAN_TAG", "FLOW_KEY_RXHASH")
	tcFlowModes = NewEnum("flow_mode", 0, "FLOW_MODE_MAP", "FLOW_MODE_HASH")
	tcFlowAttrs = Set("tca_flow",
		A(1, "TCA_FLOW_KEYS", U32).WithFlags(tcFlowKeys),
		A(2, "TCA_FLOW_MODE", U32).WithEnum(tcFlowModes),
		A(3, "TCA_FLOW_BASECLASS", U32),
		A(4, "TCA_FLOW_RSHIFT", U32),
		A(5, "TCA_FLOW_ADDEND", U32),
		A(6, "TCA_FLOW_MASK", U32),
		A(7, "TCA_FLOW_XOR", U32),
		A(8, "TCA_FLOW_DIVISOR", U32),
		N(9, "TCA_FLOW_ACT", tcActList),
		N(10, "TCA_FLOW_POLICE", tcPoliceAttrs),
		N(11, "TCA_FLOW_EMATCHES", tcEmatchTreeAttrs),
		A(12, "TCA_FLOW_PERTURB", U32),
	)
)

// basic: TCA_BASIC_* and struct tc_basic_pcnt (linux/pkt_cls.h).
var (
	tcBasicPcnt  = NewStruct("tc_basic_pcnt", F("rcnt", U64), F("rhit", U64))
	tcBasicAttrs = Set("tca_basic",
		A(1, "TCA_BASIC_CLASSID", U32),
		N(2, "TCA_BASIC_EMATCHES", tcEmatchTreeAttrs),
		N(3, "TCA_BASIC_ACT", tcActList),
		N(4, "TCA_BASIC_POLICE", tcPoliceAttrs),
		S(5, "TCA_BASIC_PCNT", tcBasicPcnt),
		A(6, "TCA_BASIC_PAD", Binary),
	)
)

// cgroup: TCA_CGROUP_* (linux/pkt_cls.h).
var tcCgroupAttrs = Set("tca_cgroup",
	N(1, "TCA_CGROUP_ACT", tcActList),
	N(2, "TCA_CGROUP_POLICE", tcPoliceAttrs),
	N(3, "TCA_CGROUP_EMATCHES", tcEmatchTreeAttrs),
)

// Classic BPF instruction, struct sock_filter (linux/filter.h), for
// TCA_BPF_OPS and TCA_ACT_BPF_OPS.
var tcSockFilter = NewStruct("sock_filter",
	F("code", U16),
	F("jt", U8),
	F("jf", U8),
	F("k", U32),
)

// bpf classifier: TCA_BPF_* (linux/pkt_cls.h).
var (
	tcBpfFlags = NewBitFlags("tca_bpf_flags", 0, "TCA_BPF_FLAG_ACT_DIRECT")
	tcBpfAttrs = Set("tca_bpf",
		N(1, "TCA_BPF_ACT", tcActList),
		N(2, "TCA_BPF_POLICE", tcPoliceAttrs),
		A(3, "TCA_BPF_CLASSID", U32),
		A(4, "TCA_BPF_OPS_LEN", U16),
		SArr(5, "TCA_BPF_OPS", tcSockFilter),
		A(6, "TCA_BPF_FD", U32),
		A(7, "TCA_BPF_NAME", String),
		A(8, "TCA_BPF_FLAGS", U32).WithFlags(tcBpfFlags),
		A(9, "TCA_BPF_FLAGS_GEN", U32).WithFlags(tcClsFlags),
		A(10, "TCA_BPF_TAG", Binary),
		A(11, "TCA_BPF_ID", U32),
	)
)

// flower: TCA_FLOWER_* and its nested option sets (linux/pkt_cls.h).
// Attributes from L2_MISS on, the PFCP options and the tunnel key flag
// bits are newer than 6.1. VLAN ids and the MPLS label are host order in
// spite of the header comments (the kernel reads them with nla_get_u16
// and nla_get_u32).
var (
	tcFlowerKeyFlags = NewBitFlags("tca_flower_key_flags", 0,
		"TCA_FLOWER_KEY_FLAGS_IS_FRAGMENT", "TCA_FLOWER_KEY_FLAGS_FRAG_IS_FIRST",
		"TCA_FLOWER_KEY_FLAGS_TUNNEL_CSUM", "TCA_FLOWER_KEY_FLAGS_TUNNEL_DONT_FRAGMENT",
		"TCA_FLOWER_KEY_FLAGS_TUNNEL_OAM", "TCA_FLOWER_KEY_FLAGS_TUNNEL_CRIT_OPT")
	tcFlowerCtFlags = NewBitFlags("tca_flower_key_ct_flags", 0,
		"TCA_FLOWER_KEY_CT_FLAGS_NEW", "TCA_FLOWER_KEY_CT_FLAGS_ESTABLISHED",
		"TCA_FLOWER_KEY_CT_FLAGS_RELATED", "TCA_FLOWER_KEY_CT_FLAGS_TRACKED",
		"TCA_FLOWER_KEY_CT_FLAGS_INVALID", "TCA_FLOWER_KEY_CT_FLAGS_REPLY")

	tcFlowerGeneveAttrs = Set("tca_flower_key_enc_opt_geneve",
		A(1, "TCA_FLOWER_KEY_ENC_OPT_GENEVE_CLASS", BE16),
		A(2, "TCA_FLOWER_KEY_ENC_OPT_GENEVE_TYPE", U8),
		A(3, "TCA_FLOWER_KEY_ENC_OPT_GENEVE_DATA", Binary),
	)
	tcFlowerVxlanAttrs = Set("tca_flower_key_enc_opt_vxlan",
		A(1, "TCA_FLOWER_KEY_ENC_OPT_VXLAN_GBP", U32),
	)
	tcFlowerErspanAttrs = Set("tca_flower_key_enc_opt_erspan",
		A(1, "TCA_FLOWER_KEY_ENC_OPT_ERSPAN_VER", U8),
		A(2, "TCA_FLOWER_KEY_ENC_OPT_ERSPAN_INDEX", BE32),
		A(3, "TCA_FLOWER_KEY_ENC_OPT_ERSPAN_DIR", U8),
		A(4, "TCA_FLOWER_KEY_ENC_OPT_ERSPAN_HWID", U8),
	)
	tcFlowerGtpAttrs = Set("tca_flower_key_enc_opt_gtp",
		A(1, "TCA_FLOWER_KEY_ENC_OPT_GTP_PDU_TYPE", U8),
		A(2, "TCA_FLOWER_KEY_ENC_OPT_GTP_QFI", U8),
	)
	tcFlowerPfcpAttrs = Set("tca_flower_key_enc_opt_pfcp",
		A(1, "TCA_FLOWER_KEY_ENC_OPT_PFCP_TYPE", U8),
		A(2, "TCA_FLOWER_KEY_ENC_OPT_PFCP_SEID", BE64),
	)
	tcFlowerEncOptsAttrs = Set("tca_flower_key_enc_opts",
		N(1, "TCA_FLOWER_KEY_ENC_OPTS_GENEVE", tcFlowerGeneveAttrs),
		N(2, "TCA_FLOWER_KEY_ENC_OPTS_VXLAN", tcFlowerVxlanAttrs),
		N(3, "TCA_FLOWER_KEY_ENC_OPTS_ERSPAN", tcFlowerErspanAttrs),
		N(4, "TCA_FLOWER_KEY_ENC_OPTS_GTP", tcFlowerGtpAttrs),
		N(5, "TCA_FLOWER_KEY_ENC_OPTS_PFCP", tcFlowerPfcpAttrs),
	)
	tcFlowerMplsLseAttrs = Set("tca_flower_key_mpls_opt_lse",
		A(1, "TCA_FLOWER_KEY_MPLS_OPT_LSE_DEPTH", U8),
		A(2, "TCA_FLOWER_KEY_MPLS_OPT_LSE_TTL", U8),
		A(3, "TCA_FLOWER_KEY_MPLS_OPT_LSE_BOS", U8),
		A(4, "TCA_FLOWER_KEY_MPLS_OPT_LSE_TC", U8),
		A(5, "TCA_FLOWER_KEY_MPLS_OPT_LSE_LABEL", U32),
	)
	tcFlowerMplsOptsAttrs = Set("tca_flower_key_mpls_opts",
		N(1, "TCA_FLOWER_KEY_MPLS_OPTS_LSE", tcFlowerMplsLseAttrs),
	)
	tcFlowerCfmAttrs = Set("tca_flower_key_cfm",
		A(1, "TCA_FLOWER_KEY_CFM_MD_LEVEL", U8),
		A(2, "TCA_FLOWER_KEY_CFM_OPCODE", U8),
	)

	tcFlowerAttrs = Set("tca_flower",
		A(1, "TCA_FLOWER_CLASSID", U32),
		A(2, "TCA_FLOWER_INDEV", String),
		N(3, "TCA_FLOWER_ACT", tcActList),
		A(4, "TCA_FLOWER_KEY_ETH_DST", HWAddr),
		A(5, "TCA_FLOWER_KEY_ETH_DST_MASK", HWAddr),
		A(6, "TCA_FLOWER_KEY_ETH_SRC", HWAddr),
		A(7, "TCA_FLOWER_KEY_ETH_SRC_MASK", HWAddr),
		A(8, "TCA_FLOWER_KEY_ETH_TYPE", BE16),
		A(9, "TCA_FLOWER_KEY_IP_PROTO", U8),
		A(10, "TCA_FLOWER_KEY_IPV4_SRC", IPAddr),
		A(11, "TCA_FLOWER_KEY_IPV4_SRC_MASK", IPAddr),
		A(12, "TCA_FLOWER_KEY_IPV4_DST", IPAddr),
		A(13, "TCA_FLOWER_KEY_IPV4_DST_MASK", IPAddr),
		A(14, "TCA_FLOWER_KEY_IPV6_SRC", IPAddr),
		A(15, "TCA_FLOWER_KEY_IPV6_SRC_MASK", IPAddr),
		A(16, "TCA_FLOWER_KEY_IPV6_DST", IPAddr),
		A(17, "TCA_FLOWER_KEY_IPV6_DST_MASK", IPAddr),
		A(18, "TCA_FLOWER_KEY_TCP_SRC", BE16),
		A(19, "TCA_FLOWER_KEY_TCP_DST", BE16),
		A(20, "TCA_FLOWER_KEY_UDP_SRC", BE16),
		A(21, "TCA_FLOWER_KEY_UDP_DST", BE16),
		A(22, "TCA_FLOWER_FLAGS", U32).WithFlags(tcClsFlags),
		A(23, "TCA_FLOWER_KEY_VLAN_ID", U16),
		A(24, "TCA_FLOWER_KEY_VLAN_PRIO", U8),
		A(25, "TCA_FLOWER_KEY_VLAN_ETH_TYPE", BE16),
		A(26, "TCA_FLOWER_KEY_ENC_KEY_ID", BE32),
		A(27, "TCA_FLOWER_KEY_ENC_IPV4_SRC", IPAddr),
		A(28, "TCA_FLOWER_KEY_ENC_IPV4_SRC_MASK", IPAddr),
		A(29, "TCA_FLOWER_KEY_ENC_IPV4_DST", IPAddr),
		A(30, "TCA_FLOWER_KEY_ENC_IPV4_DST_MASK", IPAddr),
		A(31, "TCA_FLOWER_KEY_ENC_IPV6_SRC", IPAddr),
		A(32, "TCA_FLOWER_KEY_ENC_IPV6_SRC_MASK", IPAddr),
		A(33, "TCA_FLOWER_KEY_ENC_IPV6_DST", IPAddr),
		A(34, "TCA_FLOWER_KEY_ENC_IPV6_DST_MASK", IPAddr),
		A(35, "TCA_FLOWER_KEY_TCP_SRC_MASK", BE16),
		A(36, "TCA_FLOWER_KEY_TCP_DST_MASK", BE16),
		A(37, "TCA_FLOWER_KEY_UDP_SRC_MASK", BE16),
		A(38, "TCA_FLOWER_KEY_UDP_DST_MASK", BE16),
		A(39, "TCA_FLOWER_KEY_SCTP_SRC_MASK", BE16),
		A(40, "TCA_FLOWER_KEY_SCTP_DST_MASK", BE16),
		A(41, "TCA_FLOWER_KEY_SCTP_SRC", BE16),
		A(42, "TCA_FLOWER_KEY_SCTP_DST", BE16),
		A(43, "TCA_FLOWER_KEY_ENC_UDP_SRC_PORT", BE16),
		A(44, "TCA_FLOWER_KEY_ENC_UDP_SRC_PORT_MASK", BE16),
		A(45, "TCA_FLOWER_KEY_ENC_UDP_DST_PORT", BE16),
		A(46, "TCA_FLOWER_KEY_ENC_UDP_DST_PORT_MASK", BE16),
		A(47, "TCA_FLOWER_KEY_FLAGS", BE32).WithFlags(tcFlowerKeyFlags),
		A(48, "TCA_FLOWER_KEY_FLAGS_MASK", BE32).WithFlags(tcFlowerKeyFlags),
		A(49, "TCA_FLOWER_KEY_ICMPV4_CODE", U8),
		A(50, "TCA_FLOWER_KEY_ICMPV4_CODE_MASK", U8),
		A(51, "TCA_FLOWER_KEY_ICMPV4_TYPE", U8),
		A(52, "TCA_FLOWER_KEY_ICMPV4_TYPE_MASK", U8),
		A(53, "TCA_FLOWER_KEY_ICMPV6_CODE", U8),
		A(54, "TCA_FLOWER_KEY_ICMPV6_CODE_MASK", U8),
		A(55, "TCA_FLOWER_KEY_ICMPV6_TYPE", U8),
		A(56, "TCA_FLOWER_KEY_ICMPV6_TYPE_MASK", U8),
		A(57, "TCA_FLOWER_KEY_ARP_SIP", IPAddr),
		A(58, "TCA_FLOWER_KEY_ARP_SIP_MASK", IPAddr),
		A(59, "TCA_FLOWER_KEY_ARP_TIP", IPAddr),
		A(60, "TCA_FLOWER_KEY_ARP_TIP_MASK", IPAddr),
		A(61, "TCA_FLOWER_KEY_ARP_OP", U8),
		A(62, "TCA_FLOWER_KEY_ARP_OP_MASK", U8),
		A(63, "TCA_FLOWER_KEY_ARP_SHA", HWAddr),
		A(64, "TCA_FLOWER_KEY_ARP_SHA_MASK", HWAddr),
		A(65, "TCA_FLOWER_KEY_ARP_THA", HWAddr),
		A(66, "TCA_FLOWER_KEY_ARP_THA_MASK", HWAddr),
		A(67, "TCA_FLOWER_KEY_MPLS_TTL", U8),
		A(68, "TCA_FLOWER_KEY_MPLS_BOS", U8),
		A(69, "TCA_FLOWER_KEY_MPLS_TC", U8),
		A(70, "TCA_FLOWER_KEY_MPLS_LABEL", U32),
		A(71, "TCA_FLOWER_KEY_TCP_FLAGS", BE16),
		A(72, "TCA_FLOWER_KEY_TCP_FLAGS_MASK", BE16),
		A(73, "TCA_FLOWER_KEY_IP_TOS", U8),
		A(74, "TCA_FLOWER_KEY_IP_TOS_MASK", U8),
		A(75, "TCA_FLOWER_KEY_IP_TTL", U8),
		A(76, "TCA_FLOWER_KEY_IP_TTL_MASK", U8),
		A(77, "TCA_FLOWER_KEY_CVLAN_ID", U16),
		A(78, "TCA_FLOWER_KEY_CVLAN_PRIO", U8),
		A(79, "TCA_FLOWER_KEY_CVLAN_ETH_TYPE", BE16),
		A(80, "TCA_FLOWER_KEY_ENC_IP_TOS", U8),
		A(81, "TCA_FLOWER_KEY_ENC_IP_TOS_MASK", U8),
		A(82, "TCA_FLOWER_KEY_ENC_IP_TTL", U8),
		A(83, "TCA_FLOWER_KEY_ENC_IP_TTL_MASK", U8),
		N(84, "TCA_FLOWER_KEY_ENC_OPTS", tcFlowerEncOptsAttrs),
		N(85, "TCA_FLOWER_KEY_ENC_OPTS_MASK", tcFlowerEncOptsAttrs),
		A(86, "TCA_FLOWER_IN_HW_COUNT", U32),
		A(87, "TCA_FLOWER_KEY_PORT_SRC_MIN", BE16),
		A(88, "TCA_FLOWER_KEY_PORT_SRC_MAX", BE16),
		A(89, "TCA_FLOWER_KEY_PORT_DST_MIN", BE16),
		A(90, "TCA_FLOWER_KEY_PORT_DST_MAX", BE16),
		A(91, "TCA_FLOWER_KEY_CT_STATE", U16).WithFlags(tcFlowerCtFlags),
		A(92, "TCA_FLOWER_KEY_CT_STATE_MASK", U16).WithFlags(tcFlowerCtFlags),
		A(93, "TCA_FLOWER_KEY_CT_ZONE", U16),
		A(94, "TCA_FLOWER_KEY_CT_ZONE_MASK", U16),
		A(95, "TCA_FLOWER_KEY_CT_MARK", U32),
		A(96, "TCA_FLOWER_KEY_CT_MARK_MASK", U32),
		A(97, "TCA_FLOWER_KEY_CT_LABELS", Binary),
		A(98, "TCA_FLOWER_KEY_CT_LABELS_MASK", Binary),
		N(99, "TCA_FLOWER_KEY_MPLS_OPTS", tcFlowerMplsOptsAttrs),
		A(100, "TCA_FLOWER_KEY_HASH", U32),
		A(101, "TCA_FLOWER_KEY_HASH_MASK", U32),
		A(102, "TCA_FLOWER_KEY_NUM_OF_VLANS", U8),
		A(103, "TCA_FLOWER_KEY_PPPOE_SID", BE16),
		A(104, "TCA_FLOWER_KEY_PPP_PROTO", BE16),
		A(105, "TCA_FLOWER_KEY_L2TPV3_SID", BE32),
		A(106, "TCA_FLOWER_L2_MISS", U8),
		N(107, "TCA_FLOWER_KEY_CFM", tcFlowerCfmAttrs),
		A(108, "TCA_FLOWER_KEY_SPI", BE32),
		A(109, "TCA_FLOWER_KEY_SPI_MASK", BE32),
		A(110, "TCA_FLOWER_KEY_ENC_FLAGS", BE32).WithFlags(tcFlowerKeyFlags),
		A(111, "TCA_FLOWER_KEY_ENC_FLAGS_MASK", BE32).WithFlags(tcFlowerKeyFlags),
	)
)

// matchall: TCA_MATCHALL_* and struct tc_matchall_pcnt (linux/pkt_cls.h).
var (
	tcMatchallPcnt  = NewStruct("tc_matchall_pcnt", F("rhit", U64))
	tcMatchallAttrs = Set("tca_matchall",
		A(1, "TCA_MATCHALL_CLASSID", U32),
		N(2, "TCA_MATCHALL_ACT", tcActList),
		A(3, "TCA_MATCHALL_FLAGS", U32).WithFlags(tcClsFlags),
		S(4, "TCA_MATCHALL_PCNT", tcMatchallPcnt),
		A(5, "TCA_MATCHALL_PAD", Binary),
	)
)

// tcFilterOptionsByKind maps a classifier kind to its TCA_OPTIONS payload
// in RTM_*TFILTER and RTM_*CHAIN (template) messages.
var tcFilterOptionsByKind = map[string]*Attr{
	"basic":    Data(Nested, tcBasicAttrs),
	"bpf":      Data(Nested, tcBpfAttrs),
	"cgroup":   Data(Nested, tcCgroupAttrs),
	"flow":     Data(Nested, tcFlowAttrs),
	"flower":   Data(Nested, tcFlowerAttrs),
	"fw":       Data(Nested, tcFwAttrs),
	"matchall": Data(Nested, tcMatchallAttrs),
	"route":    Data(Nested, tcRoute4Attrs),
	"rsvp":     Data(Nested, tcRsvpAttrs),
	"rsvp6":    Data(Nested, tcRsvpAttrs),
	"tcindex":  Data(Nested, tcTcindexAttrs),
	"u32":      Data(Nested, tcU32Attrs),
}

// ---------------------------------------------------------------------
// Message level.

// linux/rtnetlink.h: TCA_*. The three sets differ only in the kinds that
// select TCA_OPTIONS.
func tcAttrSet(name string, options map[string]*Attr) *AttrSet {
	return Set(name,
		A(1, "TCA_KIND", String),
		A(2, "TCA_OPTIONS", Binary).SelectBy("TCA_KIND", options),
		S(3, "TCA_STATS", tcStatsStruct),
		A(4, "TCA_XSTATS", Binary).SelectBy("TCA_KIND", tcXstatsByKind),
		S(5, "TCA_RATE", tcEstimator),
		A(6, "TCA_FCNT", U32),
		N(7, "TCA_STATS2", tcStatsAttrs),
		N(8, "TCA_STAB", tcStabAttrs),
		A(9, "TCA_PAD", Binary),
		A(10, "TCA_DUMP_INVISIBLE", Flag),
		A(11, "TCA_CHAIN", U32),
		A(12, "TCA_HW_OFFLOAD", U8),
		A(13, "TCA_INGRESS_BLOCK", U32),
		A(14, "TCA_EGRESS_BLOCK", U32),
		S(15, "TCA_DUMP_FLAGS", tcBitfield32(tcDumpFlags)),
		A(16, "TCA_EXT_WARN_MSG", String),
	)
}

var (
	tcQdiscAttrs  = tcAttrSet("tca_qdisc", tcQdiscOptionsByKind)
	tcClassAttrs  = tcAttrSet("tca_class", tcClassOptionsByKind)
	tcFilterAttrs = tcAttrSet("tca_filter", tcFilterOptionsByKind)
)

// Summaries in the spirit of `tc qdisc/class/filter/chain show`.
const (
	tcQdiscSummary  = "{TCA_KIND}|handle {tcm_handle}|parent {tcm_parent}|dev {tcm_ifindex}|ingress_block {TCA_INGRESS_BLOCK}|egress_block {TCA_EGRESS_BLOCK}"
	tcClassSummary  = "{TCA_KIND}|classid {tcm_handle}|parent {tcm_parent}|dev {tcm_ifindex}"
	tcFilterSummary = "{TCA_KIND}|handle {tcm_handle}|parent {tcm_parent}|dev {tcm_ifindex}|{tcm_info}|chain {TCA_CHAIN}"
	tcChainSummary  = "chain {TCA_CHAIN}|{TCA_KIND}|parent {tcm_parent}|dev {tcm_ifindex}"
)

func tcMessage(typ uint16, name string, kind MsgKind, attrs *AttrSet, summary string) *Message {
	hdr := tcMsg
	if attrs == tcFilterAttrs {
		hdr = tcFilterMsg
	}
	return &Message{Type: typ, Name: name, Kind: kind, Header: hdr, Attrs: attrs, Summary: summary}
}

// RTM_*QDISC, RTM_*TCLASS, RTM_*TFILTER and RTM_*CHAIN (linux/rtnetlink.h).
var tcMessages = []*Message{
	tcMessage(36, "RTM_NEWQDISC", KindNew, tcQdiscAttrs, tcQdiscSummary),
	tcMessage(37, "RTM_DELQDISC", KindDel, tcQdiscAttrs, tcQdiscSummary),
	tcMessage(38, "RTM_GETQDISC", KindGet, tcQdiscAttrs, tcQdiscSummary),
	tcMessage(40, "RTM_NEWTCLASS", KindNew, tcClassAttrs, tcClassSummary),
	tcMessage(41, "RTM_DELTCLASS", KindDel, tcClassAttrs, tcClassSummary),
	tcMessage(42, "RTM_GETTCLASS", KindGet, tcClassAttrs, tcClassSummary),
	tcMessage(44, "RTM_NEWTFILTER", KindNew, tcFilterAttrs, tcFilterSummary),
	tcMessage(45, "RTM_DELTFILTER", KindDel, tcFilterAttrs, tcFilterSummary),
	tcMessage(46, "RTM_GETTFILTER", KindGet, tcFilterAttrs, tcFilterSummary),
	tcMessage(100, "RTM_NEWCHAIN", KindNew, tcFilterAttrs, tcChainSummary),
	tcMessage(101, "RTM_DELCHAIN", KindDel, tcFilterAttrs, tcChainSummary),
	tcMessage(102, "RTM_GETCHAIN", KindGet, tcFilterAttrs, tcChainSummary),
}

func init() { addRouteMessages(tcMessages...) }
