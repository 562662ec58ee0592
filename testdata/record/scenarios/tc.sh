# Traffic control: htb qdisc and classes, tbf/pfifo/bfifo leaves, ingress and
# clsact, u32 filters, actions (this kernel has mirred but not gact or
# police: those requests fail), show and stats dumps, deletes, unknown kinds.
# Every tc command starts with a dump of all links, so the namespace holds
# only lo and one tap device (tap0), to keep the capture small.
ip link set lo up
ip tuntap add dev tap0 mode tap
ip link set tap0 up
tc qdisc add dev tap0 root handle 1: htb default 20 r2q 10
tc class add dev tap0 parent 1: classid 1:1 htb rate 100mbit ceil 100mbit burst 15k
tc class add dev tap0 parent 1:1 classid 1:10 htb rate 40mbit ceil 100mbit burst 15k cburst 15k prio 1
tc class add dev tap0 parent 1:1 classid 1:20 htb rate 20mbit ceil 50mbit prio 2
tc class add dev tap0 parent 1:1 classid 1:30 htb rate 10mbit ceil 20mbit quantum 1500
tc class change dev tap0 parent 1:1 classid 1:20 htb rate 30mbit ceil 60mbit
tc qdisc add dev tap0 parent 1:10 handle 10: tbf rate 40mbit burst 32kb latency 50ms
tc qdisc add dev tap0 parent 1:20 handle 20: bfifo limit 150000
tc qdisc add dev tap0 parent 1:30 handle 30: pfifo limit 100
tc qdisc replace dev tap0 parent 1:30 handle 30: tbf rate 10mbit burst 16kb limit 30000
tc filter add dev tap0 parent 1: protocol ip prio 1 u32 match ip dst 198.51.100.0/24 flowid 1:10
tc filter add dev tap0 parent 1: protocol ip prio 2 u32 match ip src 192.0.2.0/24 match ip dport 80 0xffff flowid 1:20
tc filter add dev tap0 parent 1: protocol ip prio 3 u32 match ip sport 53 0xffff match ip protocol 17 0xff flowid 1:30
tc qdisc add dev lo ingress
tc filter add dev lo parent ffff: protocol ip prio 1 u32 match ip src 198.51.100.1/32 action drop
tc filter add dev lo parent ffff: protocol all prio 3 u32 match u32 0 0 action mirred egress redirect dev tap0
tc filter add dev lo parent ffff: protocol ip prio 4 u32 match ip dst 203.0.113.0/24 police rate 1mbit burst 10k conform-exceed drop
tc filter add dev lo parent ffff: protocol ip prio 5 u32 match ip dst 203.0.113.0/24 action mirred egress mirror dev tap0
tc actions add action mirred egress redirect dev tap0 index 100
tc actions list action mirred
tc actions del action mirred index 100
tc qdisc add dev lo root sfq
tc qdisc add dev lo root netem delay 10ms
tc qdisc show
tc filter show dev tap0
tc -s qdisc show dev tap0
tc -s class show dev tap0
tc -s filter show dev lo parent ffff:
tc filter del dev tap0 parent 1: prio 3
tc filter del dev lo parent ffff: prio 99
tc qdisc del dev tap0 parent 1:20 handle 20:
tc qdisc del dev lo ingress
tc qdisc add dev lo clsact
tc filter add dev lo egress protocol ip prio 1 u32 match ip dst 192.0.2.1/32 action mirred egress redirect dev tap0
tc filter add dev lo ingress protocol ip prio 1 u32 match ip src 192.0.2.2/32 action gact pass
tc -d filter show dev lo egress
tc qdisc del dev lo clsact
tc qdisc del dev tap0 root
tc qdisc del dev tap0 root
