package codec

// Neighbour entries and neighbour tables (linux/neighbour.h), carried by
// RTM_NEWNEIGH/DELNEIGH/GETNEIGH and RTM_NEWNEIGHTBL/GETNEIGHTBL/SETNEIGHTBL.
// The same messages serve `ip neigh` (AF_INET/AF_INET6) and `bridge fdb`
// (AF_BRIDGE).

// Neighbour cache entry states (linux/neighbour.h, NUD_*). NUD_NONE is 0
// and so has no bit to name.
var nudStates = NewFlags("nud_state", map[uint64]string{
	0x01: "NUD_INCOMPLETE", 0x02: "NUD_REACHABLE", 0x04: "NUD_STALE",
	0x08: "NUD_DELAY", 0x10: "NUD_PROBE", 0x20: "NUD_FAILED",
	0x40: "NUD_NOARP", 0x80: "NUD_PERMANENT",
})

// Neighbour entry flags in ndm_flags (linux/neighbour.h, NTF_*).
var ntfFlags = NewBitFlags("ntf_flags", 0,
	"NTF_USE", "NTF_SELF", "NTF_MASTER", "NTF_PROXY", "NTF_EXT_LEARNED",
	"NTF_OFFLOADED", "NTF_STICKY", "NTF_ROUTER")

// Extended flags in NDA_FLAGS_EXT (linux/neighbour.h, NTF_EXT_*).
// NTF_EXT_LOCKED and NTF_EXT_EXT_VALIDATED are newer than the 6.1 headers.
var ntfExtFlags = NewBitFlags("ntf_ext_flags", 0,
	"NTF_EXT_MANAGED", "NTF_EXT_LOCKED", "NTF_EXT_EXT_VALIDATED")

// FDB activity notification bits in NFEA_ACTIVITY_NOTIFY
// (linux/neighbour.h).
var fdbNotifyFlags = NewFlags("fdb_notify", map[uint64]string{
	1: "FDB_NOTIFY_BIT", 2: "FDB_NOTIFY_INACTIVE_BIT",
})

// struct ndmsg (linux/neighbour.h).
var ndmsg = NewStruct("ndmsg",
	FE("ndm_family", U8, addressFamilies),
	Pad("ndm_pad1", 1),
	Pad("ndm_pad2", 2),
	F("ndm_ifindex", S32),
	FF("ndm_state", U16, nudStates),
	FF("ndm_flags", U8, ntfFlags),
	FE("ndm_type", U8, rtTypes),
)

// struct nda_cacheinfo (linux/neighbour.h): times in clock ticks.
var ndaCacheinfo = NewStruct("nda_cacheinfo",
	F("ndm_confirmed", U32),
	F("ndm_used", U32),
	F("ndm_updated", U32),
	F("ndm_refcnt", U32),
)

// FDB extension attributes nested in NDA_FDB_EXT_ATTRS (linux/neighbour.h,
// NFEA_*).
var nfeaAttrs = Seq("nfea", 1,
	A(0, "NFEA_ACTIVITY_NOTIFY", U8).WithFlags(fdbNotifyFlags),
	A(0, "NFEA_DONT_REFRESH", Flag),
)

// Neighbour attributes (linux/neighbour.h, NDA_*). NDA_DST is an IP
// address for every family, including AF_BRIDGE where it is the VXLAN
// remote; NDA_PORT is the VXLAN UDP port in network order while NDA_VNI
// and NDA_SRC_VNI are host order.
var neighAttrs = Seq("neigh", 1,
	A(0, "NDA_DST", IPAddr),
	A(0, "NDA_LLADDR", HWAddr),
	S(0, "NDA_CACHEINFO", ndaCacheinfo),
	A(0, "NDA_PROBES", U32),
	A(0, "NDA_VLAN", U16),
	A(0, "NDA_PORT", BE16),
	A(0, "NDA_VNI", U32),
	A(0, "NDA_IFINDEX", U32),
	A(0, "NDA_MASTER", U32),
	A(0, "NDA_LINK_NETNSID", S32),
	A(0, "NDA_SRC_VNI", U32),
	A(0, "NDA_PROTOCOL", U8).WithEnum(rtProtocols),
	A(0, "NDA_NH_ID", U32),
	N(0, "NDA_FDB_EXT_ATTRS", nfeaAttrs),
	A(0, "NDA_FLAGS_EXT", U32).WithFlags(ntfExtFlags),
	A(0, "NDA_NDM_STATE_MASK", U16).WithFlags(nudStates),
	A(0, "NDA_NDM_FLAGS_MASK", U8).WithFlags(ntfFlags),
)

// struct ndtmsg (linux/neighbour.h).
var ndtmsg = NewStruct("ndtmsg",
	FE("ndtm_family", U8, addressFamilies),
	Pad("ndtm_pad1", 1),
	Pad("ndtm_pad2", 2),
)

// struct ndt_config (linux/neighbour.h).
var ndtConfig = NewStruct("ndt_config",
	F("ndtc_key_len", U16),
	F("ndtc_entry_size", U16),
	F("ndtc_entries", U32),
	F("ndtc_last_flush", U32),
	F("ndtc_last_rand", U32),
	F("ndtc_hash_rnd", U32),
	F("ndtc_hash_mask", U32),
	F("ndtc_hash_chain_gc", U32),
	F("ndtc_proxy_qlen", U32),
)

// struct ndt_stats (linux/neighbour.h).
var ndtStats = NewStruct("ndt_stats",
	F("ndts_allocs", U64),
	F("ndts_destroys", U64),
	F("ndts_hash_grows", U64),
	F("ndts_res_failed", U64),
	F("ndts_lookups", U64),
	F("ndts_hits", U64),
	F("ndts_rcv_probes_mcast", U64),
	F("ndts_rcv_probes_ucast", U64),
	F("ndts_periodic_gc_runs", U64),
	F("ndts_forced_gc_runs", U64),
	F("ndts_table_fulls", U64),
)

// Neighbour table parameters nested in NDTA_PARMS (linux/neighbour.h,
// NDTPA_*); times are u64 milliseconds, counts u32.
var ndtpaAttrs = Seq("ndtpa", 1,
	A(0, "NDTPA_IFINDEX", U32),
	A(0, "NDTPA_REFCNT", U32),
	A(0, "NDTPA_REACHABLE_TIME", U64),
	A(0, "NDTPA_BASE_REACHABLE_TIME", U64),
	A(0, "NDTPA_RETRANS_TIME", U64),
	A(0, "NDTPA_GC_STALETIME", U64),
	A(0, "NDTPA_DELAY_PROBE_TIME", U64),
	A(0, "NDTPA_QUEUE_LEN", U32),
	A(0, "NDTPA_APP_PROBES", U32),
	A(0, "NDTPA_UCAST_PROBES", U32),
	A(0, "NDTPA_MCAST_PROBES", U32),
	A(0, "NDTPA_ANYCAST_DELAY", U64),
	A(0, "NDTPA_PROXY_DELAY", U64),
	A(0, "NDTPA_PROXY_QLEN", U32),
	A(0, "NDTPA_LOCKTIME", U64),
	A(0, "NDTPA_QUEUE_LENBYTES", U32),
	A(0, "NDTPA_MCAST_REPROBES", U32),
	A(0, "NDTPA_PAD", Binary),
	A(0, "NDTPA_INTERVAL_PROBE_TIME_MS", U64),
)

// Neighbour table attributes (linux/neighbour.h, NDTA_*).
var ndtaAttrs = Seq("ndta", 1,
	A(0, "NDTA_NAME", String),
	A(0, "NDTA_THRESH1", U32),
	A(0, "NDTA_THRESH2", U32),
	A(0, "NDTA_THRESH3", U32),
	S(0, "NDTA_CONFIG", ndtConfig),
	N(0, "NDTA_PARMS", ndtpaAttrs),
	S(0, "NDTA_STATS", ndtStats),
	A(0, "NDTA_GC_INTERVAL", U64),
	A(0, "NDTA_PAD", Binary),
)

const (
	neighSummary    = "{NDA_DST}|lladdr {NDA_LLADDR}|dev {ndm_ifindex}|vlan {NDA_VLAN}|master {NDA_MASTER}|{ndm_state}"
	neighTblSummary = "{ndtm_family}|{NDTA_NAME}|dev {NDTA_PARMS.NDTPA_IFINDEX}"
)

func init() {
	addRouteMessages(
		&Message{Type: 28, Name: "RTM_NEWNEIGH", Kind: KindNew, Header: ndmsg, Attrs: neighAttrs, Summary: neighSummary},
		&Message{Type: 29, Name: "RTM_DELNEIGH", Kind: KindDel, Header: ndmsg, Attrs: neighAttrs, Summary: neighSummary},
		&Message{Type: 30, Name: "RTM_GETNEIGH", Kind: KindGet, Header: ndmsg, Attrs: neighAttrs, Summary: neighSummary},
		&Message{Type: 64, Name: "RTM_NEWNEIGHTBL", Kind: KindNew, Header: ndtmsg, Attrs: ndtaAttrs, Summary: neighTblSummary},
		&Message{Type: 66, Name: "RTM_GETNEIGHTBL", Kind: KindGet, Header: ndtmsg, Attrs: ndtaAttrs, Summary: neighTblSummary},
		&Message{Type: 67, Name: "RTM_SETNEIGHTBL", Kind: KindSet, Header: ndtmsg, Attrs: ndtaAttrs, Summary: neighTblSummary},
	)
}
