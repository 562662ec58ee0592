# Queueing disciplines, classes, filters and actions this project's
# development machine lacks.
capture lab-tc
run ip link add t0 type dummy
run ip link set t0 up
run tc qdisc add dev t0 root handle 1: prio
run tc qdisc add dev t0 parent 1:1 handle 10: sfq perturb 10
run tc qdisc add dev t0 parent 1:2 handle 20: netem delay 10ms 2ms loss 1% duplicate 0.5%
run tc qdisc add dev t0 parent 1:3 handle 30: fq_codel limit 1000 flows 256 target 5ms ecn
run tc qdisc show dev t0
run tc qdisc del dev t0 root
run tc qdisc add dev t0 root handle 1: htb default 10
run tc class add dev t0 parent 1: classid 1:10 htb rate 10mbit ceil 20mbit
run tc qdisc add dev t0 parent 1:10 handle 10: fq
run tc qdisc add dev t0 clsact
run tc filter add dev t0 ingress matchall action drop
run tc filter add dev t0 egress protocol ip flower ip_proto tcp dst_port 80 action mirred egress redirect dev t0
run tc filter add dev t0 egress protocol ip flower dst_ip 10.0.0.0/8 action vlan push id 100 action pass
run tc filter add dev t0 egress protocol ip flower src_ip 10.1.0.0/16 action police rate 1mbit burst 10k conform-exceed drop
run tc filter add dev t0 egress protocol all matchall action skbedit mark 5
run tc filter add dev t0 parent 1: protocol ip prio 1 u32 match ip dst 10.0.0.0/8 flowid 1:10
run tc filter add dev t0 parent 1: protocol ip prio 2 handle 5 fw classid 1:10
run tc qdisc add dev t0 parent 1:10 handle 11: red limit 400000 min 30000 max 90000 avpkt 1000 burst 55 probability 0.02
run tc -s qdisc show dev t0
run tc filter show dev t0 egress
run tc filter show dev t0 ingress
run tc class show dev t0
run tc filter add dev t0 egress protocol ip flower ip_proto tcp action nosuchaction
run tc qdisc add dev t0 root handle 1: bogusqdisc
capture_end
