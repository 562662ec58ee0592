# Links of the kinds this project's development machine lacks: created,
# changed, enslaved, dumped, deleted; and the errors on the way.
capture lab-links
run ip link add d0 type dummy
run ip link add d1 type dummy
run ip link set d0 up mtu 1400
run ip link add link d0 name d0.10 type vlan id 10
run ip link add link d0 name d0.20 type vlan id 20 protocol 802.1ad
run ip link set d0.10 type vlan egress-qos-map 0:1 1:2
run ip link add b0 type bond mode 802.3ad miimon 100
run ip link set d1 master b0
run ip link add b1 type bond mode active-backup
run ip link add vrf-blue type vrf table 10
run ip link set vrf-blue up
run ip link add d2 type dummy
run ip link set d2 master vrf-blue
run ip link add gre1 type gre local 192.0.2.1 remote 192.0.2.2 ttl 64 key 5
run ip link add gretap1 type gretap local 192.0.2.1 remote 192.0.2.3
run ip link add ipip1 type ipip local 192.0.2.1 remote 192.0.2.4
run ip link add sit1 type sit local 192.0.2.1 remote 192.0.2.5
run ip link add ip6gre1 type ip6gre local 2001:db8::1 remote 2001:db8::2
run ip link add ip6tnl1 type ip6tnl local 2001:db8::1 remote 2001:db8::3 mode any
run ip link add gnv0 type geneve id 5 remote 192.0.2.9
run ip link add vx0 type vxlan id 42 dstport 4789 local 192.0.2.1 remote 192.0.2.2
run ip link add mv0 link d0 type macvlan mode bridge
run ip link add ipv0 link d0 type ipvlan mode l2
run ip link add ifb0 type ifb
run ip link add br0 type bridge vlan_filtering 1 stp_state 0
run ip link add d3 type dummy
run ip link set d3 master br0
run bridge vlan add dev d3 vid 10-20
run bridge vlan add dev d3 vid 30 pvid untagged
run bridge link set dev d3 cost 10 learning off
run ip -d link show
run bridge -d vlan show
run ip link del gre1
run ip link del b1
run ip link add x0 type bogus
run ip link add d0 type dummy
run ip link set nosuchdev up
capture_end
