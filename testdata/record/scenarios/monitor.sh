# A mixed sequence whose multicast notifications `ip monitor all` and
# `tc monitor` record: links, addresses, routes, neighbours, rules,
# nexthops, qdiscs, and one `ip -batch` run, then teardown.
ip link set lo up
ip link add veth0 type veth peer name veth1
ip link add br0 type bridge
ip link set veth1 master br0
ip link set veth0 up
ip link set veth1 up
ip link set br0 up
ip addr add 198.51.100.1/24 dev veth0
ip addr add 2001:db8:1::1/64 dev veth0 nodad
ip route add 203.0.113.0/24 via 198.51.100.254
ip -6 route add 2001:db8:10::/48 via 2001:db8:1::fe
ip neigh add 198.51.100.254 lladdr 02:00:00:00:00:fe dev veth0 nud permanent
ip rule add from 198.51.100.0/24 table 100 pref 100
ip nexthop add id 1 via 198.51.100.254 dev veth0
ip route add 198.18.0.0/24 nhid 1
tc qdisc add dev veth0 root handle 1: htb default 10
tc class add dev veth0 parent 1: classid 1:10 htb rate 10mbit
tc filter add dev veth0 parent 1: protocol ip prio 1 u32 match ip dst 203.0.113.0/24 flowid 1:10
bridge fdb add 02:00:00:00:01:01 dev veth1 master static
ip -batch - <<'BATCH'
link set veth0 mtu 1400
address add 198.51.100.2/24 dev veth0
route replace 203.0.113.0/24 via 198.51.100.253
link set veth0 alias batch
BATCH
tc qdisc del dev veth0 root
ip route del 198.18.0.0/24
ip nexthop del id 1
ip rule del pref 100
ip neigh del 198.51.100.254 dev veth0
ip addr del 198.51.100.2/24 dev veth0
ip link set veth0 down
ip link set veth0 up
ip link set veth1 nomaster
ip link del br0
ip link del veth0
