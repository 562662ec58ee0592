# Policy routing rules, IPv4 and IPv6: selectors, actions, dumps, delete.
ip link set lo up
ip rule add from 198.51.100.0/24 table 1000 pref 100
ip rule add to 203.0.113.0/24 table 1001 pref 110
ip rule add iif lo table 1002 pref 120
ip rule add oif lo table 1003 pref 130
ip rule add fwmark 0x10/0xff table 1004 pref 140
ip rule add from 198.51.100.0/24 ipproto tcp sport 1000-2000 dport 80 table 1005 pref 150
ip rule add uidrange 1000-2000 table 1006 pref 160
ip rule add not from 192.0.2.0/24 table 1007 pref 170
ip rule add from 192.0.2.0/24 goto 200 pref 180
ip rule add blackhole from 192.0.2.128/25 pref 190
ip rule add prohibit from 192.0.2.64/26 pref 195
ip rule add from all lookup main suppress_prefixlength 0 pref 200
ip rule add tos 0x10 table 1008 pref 210
ip rule add from 198.51.100.0/24 table 1000 pref 100
ip rule add from 192.0.2.0/24 goto 50 pref 230
ip -6 rule add from 2001:db8::/32 table 1000 pref 100
ip -6 rule add to 2001:db8:1::/48 fwmark 0x1 table 1001 pref 110
ip -6 rule add iif lo ipproto udp dport 53 table 1002 pref 120
ip -6 rule add blackhole from 2001:db8:dead::/48 pref 130
ip rule show
ip -6 rule show
ip rule show table 1000
ip rule del pref 100
ip rule del from 192.0.2.0/24 goto 200 pref 180
ip rule del pref 9999
ip -6 rule del pref 130
ip rule flush
ip rule show
ip -6 rule show
