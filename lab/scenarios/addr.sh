# Addresses, rules, neighbours, FDB entries and generic netlink, in the
# full kernel.
capture lab-addr
run ip link add a0 type dummy
run ip link set a0 up
run ip addr add 192.0.2.1/24 brd + dev a0 label a0:one
run ip addr add 192.0.2.2/24 dev a0
run ip -6 addr add 2001:db8::1/64 dev a0 nodad
run ip -6 addr add 2001:db8::2/64 dev a0 valid_lft 300 preferred_lft 100 noprefixroute
run ip addr show dev a0
run ip addr del 192.0.2.2/24 dev a0
run ip addr add 192.0.2.1/24 dev a0
run ip rule add from 192.0.2.0/24 lookup 100 pref 1000
run ip rule add fwmark 0x10/0xff lookup 200 pref 1001
run ip -6 rule add from 2001:db8::/64 iif a0 lookup 300
run ip rule add to 198.51.100.0/24 uidrange 1000-2000 ipproto tcp dport 80 prohibit
run ip rule show
run ip rule del pref 1000
run ip neigh add 192.0.2.9 lladdr 02:00:00:00:00:09 dev a0 nud permanent
run ip -6 neigh add 2001:db8::9 lladdr 02:00:00:00:00:0a dev a0 router
run ip neigh show dev a0
run ip link add br1 type bridge
run ip link add a1 type dummy
run ip link set a1 master br1
run bridge fdb add 02:00:00:00:00:01 dev a1 master static vlan 1
run bridge fdb add 02:00:00:00:00:02 dev a1 self permanent
run bridge fdb show dev a1
run ip link add vx1 type vxlan id 7 dstport 4789 local 192.0.2.1
run bridge fdb add 00:00:00:00:00:00 dev vx1 dst 192.0.2.7 vni 7 self permanent
run ip netconf show dev a0
run genl ctrl list
run genl ctrl get name nlctrl
run ethtool -i a0
run ethtool -k a0
run ethtool -g a0
run ethtool -l a0
run ip -6 neigh add 2001:db8::99 lladdr zz dev a0
run ip rule add lookup nosuchtable
capture_end
