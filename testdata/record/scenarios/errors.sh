# A compact set of failing requests, each after what makes it fail.
ip link set lo up
ip link add veth0 type veth peer name veth1
ip link set veth0 up
ip link set veth1 up
ip addr add 198.51.100.1/24 dev veth0
ip link add veth0 type veth peer name veth2
ip link add foo0 type dummy
ip link add vl0 link veth0 type vlan id 10
ip link add bo0 type bond
ip link add br0 type bridge vlan_filtering 1
ip link set veth0 mtu 10
ip link set veth0 mtu 70000
ip link set veth0 gso_max_size 10
ip link set nosuch0 up
ip link del nosuch0
ip link set veth0 netns 999999
ip addr add 198.51.100.1/24 dev veth0
ip addr del 192.0.2.1/24 dev veth0
ip route add 198.18.0.0/24 via 203.0.113.1
ip route add 198.18.0.0/24 via 198.51.100.254 dev veth1
ip route add 198.18.1.0/24 dev nosuch0
ip route del 198.18.9.0/24
ip -6 route add 2001:db8::/64 via fe80::1
ip rule add pref 100 from 192.0.2.0/24 goto 50
ip nexthop add id 1 via 203.0.113.1 dev veth0
ip nexthop add id 2 group 1/9
ip route add 198.18.2.0/24 nhid 77
ip neigh del 198.51.100.77 dev veth0
bridge fdb add 02:00:00:00:00:01 dev veth1 master vlan 5000
tc qdisc add dev veth0 root sfq
tc qdisc add dev veth0 root fq_codel
tc filter add dev veth0 parent ffff: protocol ip u32 match ip dst 192.0.2.4
tc qdisc add dev veth0 clsact
tc filter add dev veth0 ingress matchall action drop
tc filter add dev veth0 ingress u32 match u32 0 0 action police rate 1mbit burst 10k drop
tc qdisc del dev veth1 root
