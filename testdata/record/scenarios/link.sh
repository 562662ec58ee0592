# Links: veth, bridge, vxlan, macvlan, tuntap; set attributes; dumps; delete.
ip link set lo up
ip link add veth0 type veth peer name veth1
ip link add vethA address 02:00:00:00:0a:01 mtu 1400 type veth peer name vethB address 02:00:00:00:0b:01
ip link add br0 type bridge stp_state 1 forward_delay 400 hello_time 200 max_age 2000 priority 16384
ip link set br0 type bridge ageing_time 1000 stp_state 0 mcast_snooping 0
ip link set veth0 master br0
bridge link set dev veth0 cost 10 priority 5 learning off
ip addr add 198.51.100.1/24 dev vethA
ip link add vx0 type vxlan id 42 dstport 4789 local 198.51.100.1 remote 198.51.100.2 dev vethA ttl 64
ip link add vx6 type vxlan id 44 dstport 4790 local 2001:db8:1::1 remote 2001:db8:1::2 dev vethA nolearning
ip link add mv0 link vethA type macvlan mode bridge
ip link add mv1 link vethA type macvlan mode private
ip link add mv2 link vethA type macvlan mode vepa
ip link add mv3 link vethB type macvlan mode passthru
ip tuntap add dev tap0 mode tap
ip tuntap add dev tun0 mode tun multi_queue
ip link set veth0 up
ip link set br0 up
ip link set vethA up
ip link set vx0 up
ip link set vethA mtu 1450
ip link set vethA address 02:00:00:00:0a:02
ip link set vethA alias "uplink A"
ip link set vethA txqueuelen 500
ip link set mv0 mtu 1300
ip link set vethA down
ip link set dev vethA name vethC
ip -d link show
ip -d link show dev vx0
ip link show master br0
ip link show dev nosuch0
ip link set veth0 nomaster
ip link del mv1
ip link del vx6
ip link del veth0
ip tuntap del dev tap0 mode tap
ip link del nosuch0
ip link show dev vethC
