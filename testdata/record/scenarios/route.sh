# Routes: IPv4/IPv6 via gateway and dev, table 1000, metrics, multipath,
# blackhole/unreachable/prohibit, onlink, src, proto; replace/append/change/
# del; ip route get; dumps; failures (invalid gateway, missing device, ...).
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
ip addr add 2001:db8:2::1/64 dev veth2 nodad
ip route add 203.0.113.0/24 via 198.51.100.254
ip route add 203.0.113.128/25 dev veth2 src 192.0.2.1 proto static
ip route add 198.18.0.0/24 via 198.51.100.254 table 1000
ip route add default via 198.51.100.254 table 1000
ip route add 198.18.1.0/24 via 198.51.100.254 mtu 1400 advmss 1360
ip route add 198.18.2.0/24 via 198.51.100.254 mtu lock 1300 hoplimit 32
ip route add 198.18.3.0/24 nexthop via 198.51.100.254 dev veth0 weight 1 nexthop via 192.0.2.254 dev veth2 weight 3
ip route add blackhole 198.18.4.0/24
ip route add unreachable 198.18.5.0/24
ip route add prohibit 198.18.6.0/24 metric 50
ip route add 198.18.7.0/24 via 203.0.113.77 dev veth0 onlink
ip route add 198.18.8.0/24 via 198.51.100.254 proto 99 metric 10
ip route append 198.18.8.0/24 via 192.0.2.254 proto 99 metric 10
ip route replace 198.18.1.0/24 via 192.0.2.254
ip route change 198.18.2.0/24 via 198.51.100.253 mtu lock 1300
ip -6 route add 2001:db8:10::/48 via 2001:db8:1::fe
ip -6 route add 2001:db8:11::/48 dev veth2 metric 2048 mtu 1400
ip -6 route add 2001:db8:12::/48 nexthop via 2001:db8:1::fe dev veth0 weight 2 nexthop via 2001:db8:2::fe dev veth2
ip -6 route add blackhole 2001:db8:13::/48
ip -6 route add 2001:db8:14::/48 via 2001:db8:1::fe table 1000 proto static pref high
ip -6 route replace 2001:db8:10::/48 via 2001:db8:2::fe
ip route get 198.18.1.5
ip route get fibmatch 198.18.3.1
ip route get 198.18.2.7 from 198.51.100.1 oif veth0 mark 0x10
ip route get 198.18.99.1
ip -6 route get 2001:db8:10::1
ip route add 198.18.20.0/24 via 203.0.113.99
ip route add 198.18.21.0/24 via 198.51.100.254 dev veth2
ip route add 198.18.22.0/24 dev nosuch0
ip route add 203.0.113.0/24 via 198.51.100.254
ip route del 198.18.99.0/24
ip -6 route add 2001:db8:15::/48 via fe80::1
ip route show
ip route show table all
ip route show table 1000
ip -6 route show
ip -d route show proto 99
ip route del 198.18.4.0/24
ip route del 198.18.3.0/24
ip -6 route del 2001:db8:12::/48
ip route flush table 1000
ip route show table all
