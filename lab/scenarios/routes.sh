# Routes the development machine cannot install: MPLS, VRF tables,
# seg6 encap; plus nexthops and errors.
capture lab-routes
run sysctl -qw net.mpls.platform_labels=1000
run ip link add r0 type dummy
run ip link set r0 up
run sysctl -qw net.mpls.conf.r0.input=1
run ip addr add 192.0.2.1/24 dev r0
run ip -6 addr add 2001:db8::1/64 dev r0 nodad
run ip route add 10.1.0.0/16 encap mpls 100/200 via 192.0.2.2 dev r0
run ip -f mpls route add 300 as 400 via inet 192.0.2.2 dev r0
run ip route add 10.2.0.0/16 encap seg6 mode encap segs 2001:db8::10,2001:db8::11 dev r0
run ip link add vrf-red type vrf table 20
run ip link set vrf-red up
run ip route add 10.3.0.0/16 via 192.0.2.2 dev r0 table 20
run ip nexthop add id 1 via 192.0.2.2 dev r0
run ip nexthop add id 2 encap mpls 500 via 192.0.2.3 dev r0
run ip nexthop add id 10 group 1/2
run ip route add 10.4.0.0/16 nhid 10
run ip route add 10.5.0.0/16 via 192.0.2.2 dev r0 mtu lock 1400 advmss 1360
run ip -6 route add 2001:db8:5::/48 via 2001:db8::2 dev r0 metric 50
run ip route add 10.6.0.0/16 via 198.51.100.1
run ip -f mpls route show
run ip route show table all
run ip nexthop show
capture_end
