# Generic netlink: nlctrl, ethtool's netlink interface, and iproute2
# commands that talk to genl families (tcp_metrics, mptcp_pm, SEG6, IOAM6).
# `ethtool -i` uses an ioctl, not netlink. This kernel has no devlink family.
ip link set lo up
ip link add veth0 type veth peer name veth1
ip link set veth0 up
genl ctrl list
genl ctrl get name nlctrl
genl ctrl get name ethtool
genl ctrl get name nosuchfamily
ethtool veth0
ethtool -i veth0
ethtool -k veth0
ethtool -K veth0 tso off gro on
ethtool -l veth0
ethtool -L veth0 rx 1 tx 1
ethtool -g veth0
ethtool --json -k veth1
ethtool nosuch0
ip tcp_metrics show
ip mptcp limits set subflows 2 add_addr_accepted 2
ip mptcp limits show
ip mptcp endpoint add 198.51.100.1 id 1 signal
ip mptcp endpoint show
ip mptcp endpoint del id 1
ip mptcp endpoint del id 7
ip sr tunsrc set 2001:db8::1
ip sr tunsrc show
ip ioam namespace add 1 data 42
ip ioam namespace show
ip ioam namespace del 1
devlink dev
