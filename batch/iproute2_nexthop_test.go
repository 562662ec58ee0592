package batch_test

// Recorded commands of ip-nexthop.txt whose bytes nlbatch deliberately
// does not reproduce.
func init() {
	addDivergences(map[string]string{
		"ip-nexthop.txt:40": "iproute2 leaves the 3 padding bytes after MPLS_IPTUNNEL_TTL uninitialised (stack garbage from " +
			"lwt_parse_encap's buffer, 0x7f here); nlbatch pads with zeros as netlink specifies",
	})
}
