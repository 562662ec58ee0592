# Neighbours: IPv4/IPv6 entries with lladdr, nud states, router flag, proxy
# entries; add/replace/change/del/flush; dumps; failures (no lladdr for a
# noarp entry, EEXIST, ENOENT).
# (Bridge fdb entries are in fdb.sh: every command dumps all links first.)
ip link add veth0 type veth peer name veth1
ip link set veth0 up
ip link set veth1 up
ip addr add 198.51.100.1/24 dev veth0
ip addr add 2001:db8:1::1/64 dev veth0 nodad
ip neigh add 198.51.100.2 lladdr 02:00:00:00:00:02 dev veth0 nud permanent
ip neigh add 198.51.100.3 lladdr 02:00:00:00:00:03 dev veth0 nud reachable
ip neigh add 198.51.100.4 lladdr 02:00:00:00:00:04 dev veth0 nud stale
ip neigh add 198.51.100.5 lladdr 02:00:00:00:00:05 dev veth0 nud noarp
ip neigh add 198.51.100.6 dev veth0 nud noarp
ip neigh replace 198.51.100.3 lladdr 02:00:00:00:00:33 dev veth0 nud permanent
ip neigh change 198.51.100.4 lladdr 02:00:00:00:00:44 dev veth0
ip -6 neigh add 2001:db8:1::2 lladdr 02:00:00:00:00:12 dev veth0 router nud permanent
ip neigh add proxy 198.51.100.50 dev veth0
ip -6 neigh add proxy 2001:db8:1::50 dev veth0
ip neigh add 198.51.100.2 lladdr 02:00:00:00:00:02 dev veth0
ip neigh show
ip -6 neigh show nud permanent
ip neigh show proxy
ip neigh del 198.51.100.4 dev veth0
ip neigh del 198.51.100.99 dev veth0
ip neigh del proxy 198.51.100.50 dev veth0
ip neigh flush dev veth0
ip neigh show
