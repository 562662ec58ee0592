package codec

// Nexthop objects and groups (RTM_NEWNEXTHOP, RTM_DELNEXTHOP,
// RTM_GETNEXTHOP) and the buckets of resilient groups
// (RTM_NEWNEXTHOPBUCKET, RTM_DELNEXTHOPBUCKET, RTM_GETNEXTHOPBUCKET).

// linux/nexthop.h: struct nhmsg.
var nhmsg = NewStruct("nhmsg",
	FE("nh_family", U8, addressFamilies),
	FE("nh_scope", U8, rtScopes),
	FE("nh_protocol", U8, rtProtocols),
	F("resvd", U8),
	FF("nh_flags", U32, rtnhFlags),
)

// linux/nexthop.h: struct nexthop_grp. The weight is 16 bits split in two
// bytes, minus one; 6.1 still calls weight_high resvd1.
var nexthopGrp = NewStruct("nexthop_grp",
	F("id", U32),
	F("weight", U8),
	F("weight_high", U8),
	F("resvd2", U16),
)

// linux/nexthop.h: NEXTHOP_GRP_TYPE_*.
var nexthopGrpTypes = NewEnum("nexthop_grp_type", 0,
	"NEXTHOP_GRP_TYPE_MPATH", "NEXTHOP_GRP_TYPE_RES")

// linux/nexthop.h: NHA_OP_FLAG_* (NHA_OP_FLAGS); newer than 6.1.
var nhaOpFlags = NewFlags("nha_op_flags", map[uint64]string{
	1 << 0:  "NHA_OP_FLAG_DUMP_STATS",
	1 << 1:  "NHA_OP_FLAG_DUMP_HW_STATS",
	1 << 31: "NHA_OP_FLAG_RESP_GRP_RESVD_0",
})

// linux/nexthop.h: NHA_RES_GROUP_*. The pad attribute is number 0.
var nhaResGroupAttrs = Set("nha_res_group",
	A(0, "NHA_RES_GROUP_PAD", Binary),
	A(1, "NHA_RES_GROUP_BUCKETS", U16),
	A(2, "NHA_RES_GROUP_IDLE_TIMER", U32),
	A(3, "NHA_RES_GROUP_UNBALANCED_TIMER", U32),
	A(4, "NHA_RES_GROUP_UNBALANCED_TIME", U64),
)

// linux/nexthop.h: NHA_RES_BUCKET_*. The pad attribute is number 0.
var nhaResBucketAttrs = Set("nha_res_bucket",
	A(0, "NHA_RES_BUCKET_PAD", Binary),
	A(1, "NHA_RES_BUCKET_INDEX", U16),
	A(2, "NHA_RES_BUCKET_IDLE_TIME", U64),
	A(3, "NHA_RES_BUCKET_NH_ID", U32),
)

// linux/nexthop.h: NHA_GROUP_STATS_ENTRY_*; newer than 6.1.
var nhaGroupStatsEntryAttrs = Set("nha_group_stats_entry",
	A(1, "NHA_GROUP_STATS_ENTRY_ID", U32),
	A(2, "NHA_GROUP_STATS_ENTRY_PACKETS", Uint),
	A(3, "NHA_GROUP_STATS_ENTRY_PACKETS_HW", Uint),
)

// linux/nexthop.h: NHA_GROUP_STATS_*, one entry per group member.
var nhaGroupStatsAttrs = Set("nha_group_stats",
	N(1, "NHA_GROUP_STATS_ENTRY", nhaGroupStatsEntryAttrs),
)

// linux/nexthop.h: NHA_*. NHA_OP_FLAGS and later are newer than 6.1.
// NHA_ENCAP is laid out like RTA_ENCAP.
var nexthopAttrs = Set("nha",
	A(1, "NHA_ID", U32),
	SArr(2, "NHA_GROUP", nexthopGrp),
	A(3, "NHA_GROUP_TYPE", U16).WithEnum(nexthopGrpTypes),
	A(4, "NHA_BLACKHOLE", Flag),
	A(5, "NHA_OIF", U32),
	A(6, "NHA_GATEWAY", IPAddr),
	A(7, "NHA_ENCAP_TYPE", U16).WithEnum(lwtEncapTypes),
	A(8, "NHA_ENCAP", Binary).SelectByInt("NHA_ENCAP_TYPE", lwtEncapCases),
	A(9, "NHA_GROUPS", Flag),
	A(10, "NHA_MASTER", U32),
	A(11, "NHA_FDB", Flag),
	N(12, "NHA_RES_GROUP", nhaResGroupAttrs),
	N(13, "NHA_RES_BUCKET", nhaResBucketAttrs),
	A(14, "NHA_OP_FLAGS", U32).WithFlags(nhaOpFlags),
	N(15, "NHA_GROUP_STATS", nhaGroupStatsAttrs),
	A(16, "NHA_HW_STATS_ENABLE", U32),
	A(17, "NHA_HW_STATS_USED", U32),
)

const (
	nexthopSummary = "{nh_family}|id {NHA_ID}|group {NHA_GROUP}|type {NHA_GROUP_TYPE}" +
		"|via {NHA_GATEWAY}|dev {NHA_OIF}|blackhole {NHA_BLACKHOLE}|encap {NHA_ENCAP_TYPE}" +
		"|fdb {NHA_FDB}|scope {nh_scope}|proto {nh_protocol}"
	nexthopBucketSummary = "id {NHA_ID}|index {NHA_RES_BUCKET.NHA_RES_BUCKET_INDEX}" +
		"|idle_time {NHA_RES_BUCKET.NHA_RES_BUCKET_IDLE_TIME}" +
		"|nhid {NHA_RES_BUCKET.NHA_RES_BUCKET_NH_ID}"
)

func init() {
	msg := func(t uint16, name string, kind MsgKind, summary string) *Message {
		return &Message{Type: t, Name: name, Kind: kind, Header: nhmsg, Attrs: nexthopAttrs, Summary: summary}
	}
	addRouteMessages(
		msg(104, "RTM_NEWNEXTHOP", KindNew, nexthopSummary),
		msg(105, "RTM_DELNEXTHOP", KindDel, nexthopSummary),
		msg(106, "RTM_GETNEXTHOP", KindGet, nexthopSummary),
		msg(116, "RTM_NEWNEXTHOPBUCKET", KindNew, nexthopBucketSummary),
		msg(117, "RTM_DELNEXTHOPBUCKET", KindDel, nexthopBucketSummary),
		msg(118, "RTM_GETNEXTHOPBUCKET", KindGet, nexthopBucketSummary),
	)
}
