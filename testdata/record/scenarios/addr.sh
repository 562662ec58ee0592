# Addresses: IPv4 with broadcast/label/scope/peer, IPv6 with flags and
# lifetimes; replace, change, delete, flush; dumps; EEXIST and EADDRNOTAVAIL.
ip link set lo up
ip link add veth0 type veth peer name veth1
ip link set veth0 up
ip link set veth1 up
ip addr add 198.51.100.1/24 broadcast 198.51.100.255 label veth0:main scope global dev veth0
ip addr add 198.51.100.2/24 brd + dev veth0
ip addr add 192.0.2.1/32 peer 192.0.2.2/32 dev veth0
ip addr add 203.0.113.1/24 scope link label veth0:lnk dev veth0
ip addr add 2001:db8:1::1/64 dev veth0 nodad
ip addr add 2001:db8:2::1/64 dev veth0 nodad noprefixroute valid_lft 3600 preferred_lft 1800
ip addr add 2001:db8:3::1/64 dev veth0 nodad home
ip addr add 2001:db8:4::1/64 dev veth1
ip addr add 198.51.100.1/24 dev veth0
ip -6 addr add 2001:db8:1::1/64 dev veth0 nodad
ip addr replace 198.51.100.2/24 dev veth0 valid_lft 600 preferred_lft 300
ip addr change 2001:db8:2::1/64 dev veth0 nodad noprefixroute valid_lft 7200 preferred_lft 3600
ip addr add 198.51.100.9/24 dev nosuch0
ip addr show
ip -4 addr show dev veth0
ip -6 addr show
ip addr show dev veth0 label 'veth0:*'
ip addr del 192.0.2.1/32 peer 192.0.2.2/32 dev veth0
ip addr del 203.0.113.1/24 dev veth0
ip addr del 203.0.113.1/24 dev veth0
ip addr del 2001:db8:1::1/64 dev veth0
ip -6 addr flush dev veth1
ip addr show
