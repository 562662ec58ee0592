# Nexthop objects: gateways, devices, blackhole, groups with weights,
# resilient groups, fdb nexthops; routes using nhid; replace; delete; dumps.
ip link set lo up
ip link add veth0 type veth peer name veth1
ip link add veth2 type veth peer name veth3
ip link set veth0 up
ip link set veth1 up
ip link set veth2 up
ip link set veth3 up
ip addr add 198.51.100.1/24 dev veth0
ip addr add 192.0.2.1/24 dev veth2
ip addr add 2001:db8:1::1/64 dev veth0 nodad
ip nexthop add id 1 via 198.51.100.254 dev veth0
ip nexthop add id 2 via 192.0.2.254 dev veth2
ip nexthop add id 3 dev veth0
ip nexthop add id 4 blackhole
ip nexthop add id 5 via 2001:db8:1::fe dev veth0
ip nexthop add id 6 via 198.51.100.253 dev veth0 proto static
ip nexthop add id 10 group 1/2
ip nexthop add id 11 group 1,3/2,1
ip nexthop add id 12 group 1/2 type resilient buckets 32 idle_timer 60
ip nexthop add id 20 via 198.51.100.10 fdb
ip nexthop add id 21 via 198.51.100.11 fdb
ip nexthop add id 22 group 20/21 fdb
ip link add vx0 type vxlan id 42 dstport 4789 local 198.51.100.1 nolearning
ip link set vx0 up
bridge fdb add 02:00:00:00:00:42 dev vx0 self static nhid 22
ip route add 198.18.0.0/24 nhid 1
ip route add 198.18.1.0/24 nhid 10
ip route add 198.18.2.0/24 nhid 4
ip route add 198.18.3.0/24 nhid 12
ip -6 route add 2001:db8:10::/48 nhid 5
ip nexthop replace id 1 via 198.51.100.253 dev veth0
ip nexthop replace id 10 group 1,2/2,2
ip nexthop add id 1 via 198.51.100.254 dev veth0
ip nexthop add id 30 via 203.0.113.9 dev veth0
ip nexthop add id 31 group 1/99
ip nexthop add id 32 group 1/20
ip route add 198.18.9.0/24 nhid 99
ip nexthop show
ip nexthop show id 10
ip nexthop show groups
ip nexthop show fdb
ip nexthop bucket show id 12
ip route show
ip -6 route show
bridge fdb show dev vx0
ip nexthop del id 10
ip nexthop del id 99
ip nexthop del id 4
ip route show
ip nexthop flush
ip nexthop show
