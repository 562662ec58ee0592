# Bridge forwarding database: entries on a bridge port (master) and on a
# vxlan device (self, with dst/vni/port), add/append/replace/del, dumps.
# Every bridge command dumps all links first: the namespace holds lo, br0,
# a tap port and a vxlan port only.
ip link add br0 type bridge
ip tuntap add dev tap0 mode tap
ip link set tap0 master br0
ip addr add 198.51.100.1/24 dev br0
ip link set br0 up
ip link add vx0 type vxlan id 42 dstport 4789 local 198.51.100.1 nolearning
ip link set vx0 master br0
ip link set vx0 up
bridge fdb add 02:00:00:00:01:01 dev tap0 master static
bridge fdb add 02:00:00:00:01:02 dev tap0 master vlan 10
bridge fdb add 02:00:00:00:01:03 dev tap0 self permanent
bridge fdb add 02:00:00:00:01:04 dev vx0 master static
bridge fdb add 00:00:00:00:00:00 dev vx0 dst 198.51.100.2 self permanent
bridge fdb append 00:00:00:00:00:00 dev vx0 dst 198.51.100.3 self permanent
bridge fdb add 02:00:00:00:02:01 dev vx0 dst 198.51.100.4 vni 100 port 4790 self permanent
bridge fdb replace 02:00:00:00:02:01 dev vx0 dst 198.51.100.5 self permanent
bridge fdb add 02:00:00:00:02:01 dev vx0 dst 198.51.100.4 self permanent
bridge fdb show
bridge fdb show br br0
bridge fdb show dev vx0
bridge fdb del 02:00:00:00:01:01 dev tap0 master
bridge fdb del 00:00:00:00:00:00 dev vx0 dst 198.51.100.3 self
bridge fdb del 02:00:00:00:09:09 dev tap0 master
bridge fdb show dev vx0
