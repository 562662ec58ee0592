#!/usr/bin/env bash
# record.sh: record real kernel netlink traffic as LINKTYPE_NETLINK (253)
# pcap files in testdata/pcaps/, and regenerate testdata/pcaps/MANIFEST.
#
#   testdata/record/record.sh            # every scenario
#   testdata/record/record.sh route tc   # only these (MANIFEST keeps the rest)
#
# Scenarios are testdata/record/scenarios/NAME.sh: plain shell files of
# ip/tc/bridge/genl/ethtool commands, one per line. Each runs in a fresh,
# throw-away network namespace (nlrec-PID-NAME), under the recording shim
# nltap.c (LD_PRELOAD), which appends every netlink buffer the commands send
# and receive to NAME.pcap. Commands may fail: rejected requests and their
# error acks are wanted, and failures are only listed. `ip monitor all` and
# `tc monitor` run under the shim in the same namespace for the whole
# scenario, so multicast notifications are recorded too. (`bridge monitor`
# is not run: it joins the groups `ip monitor all` joins, so it would only
# duplicate records.)
#
# The scenario "be-basic" is different: a small Go program (be/) built for
# s390x runs under qemu-s390x-static in a namespace and writes the capture
# itself, in big-endian order (see be/main.go). It is skipped when
# qemu-s390x-static is missing (Debian package qemu-user-static).
#
# Needs root (namespaces), gcc, go, iproute2; ethtool for genl.sh; tshark,
# when installed, checks every capture and its MANIFEST counts. Nothing is
# changed outside the namespaces this script creates and deletes.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
OUT=$ROOT/testdata/pcaps
SCENARIOS=$HERE/scenarios
MAX_BYTES=204800

die() { echo "record.sh: $*" >&2; exit 2; }

[ "$(id -u)" = 0 ] || die "must run as root: it creates network namespaces"
for tool in ip tc bridge gcc go; do
	command -v "$tool" >/dev/null || die "$tool not found"
done

names=()
if [ $# -gt 0 ]; then
	for n in "$@"; do
		n=${n%.sh}
		[ "$n" = be-basic ] || [ -f "$SCENARIOS/$n.sh" ] || die "no scenario $n"
		names+=("$n")
	done
else
	for f in "$SCENARIOS"/*.sh; do
		names+=("$(basename "$f" .sh)")
	done
	names+=(be-basic)
fi

TMP=$(mktemp -d -t nlrec.XXXXXX)
NAMESPACES=()
MONITORS=()
cleanup() {
	local p ns
	for p in "${MONITORS[@]}"; do
		kill "$p" 2>/dev/null || true
	done
	for ns in "${NAMESPACES[@]}"; do
		ip netns del "$ns" 2>/dev/null || true
	done
	rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

KERNEL=$(uname -r)
IPROUTE2=$(ip -V | sed -n 's/.*iproute2-\([^, ]*\).*/\1/p')
mkdir -p "$OUT" "$TMP/meta"

gcc -shared -fPIC -O2 -Wall -o "$TMP/nltap.so" "$HERE/nltap.c" -ldl
(cd "$ROOT" && go build -o "$TMP/manifest" ./testdata/record/manifest)

# run.sh sources a scenario and lists each command that fails.
cat >"$TMP/run.sh" <<'EOF'
on_err() {
	case $2 in
	'source "$NLREC_SCENARIO"') ;;
	*) echo "failed (rc $1): $2" >&2 ;;
	esac
}
trap 'on_err $? "$BASH_COMMAND"' ERR
source "$NLREC_SCENARIO"
EOF

# pcap_header FILE: the 24-byte pcap file header in host order: magic
# 0xa1b2c3d4, version 2.4, zone 0, sigfigs 0, snaplen 262144, linktype 253.
pcap_header() {
	if [ "$(printf '\001\000' | od -An -tu2 | tr -d ' ')" = 1 ]; then
		printf '\324\303\262\241\002\000\004\000\000\000\000\000\000\000\000\000\000\000\004\000\375\000\000\000' >"$1"
	else
		printf '\241\262\303\324\000\002\000\004\000\000\000\000\000\000\000\000\000\004\000\000\000\000\000\375' >"$1"
	fi
}

# new_ns NAME: create a namespace, check that it is not ours, print its name.
new_ns() {
	local ns=nlrec-$$-$1
	ip netns add "$ns"
	NAMESPACES+=("$ns")
	if [ "$(ip netns exec "$ns" readlink /proc/self/ns/net)" = "$(readlink /proc/self/ns/net)" ]; then
		die "namespace $ns is the current namespace"
	fi
}

del_ns() {
	ip netns del "$1"
	local keep=() ns
	for ns in "${NAMESPACES[@]}"; do
		[ "$ns" = "$1" ] || keep+=("$ns")
	done
	NAMESPACES=("${keep[@]}")
}

# nl_sockets PID: lines of /proc/PID/net/netlink for the sockets PID holds.
nl_sockets() {
	local pid=$1 inodes
	inodes=$(for fd in /proc/"$pid"/fd/*; do readlink "$fd"; done 2>/dev/null |
		sed -n 's/^socket:\[\([0-9]*\)\]$/\1/p' | tr '\n' ' ')
	[ -n "$inodes" ] || return 0
	awk -v inodes=" $inodes" 'NR > 1 && index(inodes, " " $10 " ")' /proc/"$pid"/net/netlink 2>/dev/null
}

# wait_subscribed PID: until PID holds a netlink socket bound to groups.
wait_subscribed() {
	local i
	for i in $(seq 200); do
		if nl_sockets "$1" | awk '$4 != "00000000" { f = 1 } END { exit !f }'; then
			return 0
		fi
		sleep 0.05
	done
	echo "record.sh: monitor $1 did not subscribe" >&2
	return 1
}

# wait_drained PID: until PID's netlink sockets have nothing left to read.
wait_drained() {
	local i
	for i in $(seq 100); do
		if ! nl_sockets "$1" | awk '$5 != 0 { f = 1 } END { exit !f }'; then
			return 0
		fi
		sleep 0.05
	done
}

# record NAME: run scenarios/NAME.sh in a fresh namespace under the shim.
record() {
	local name=$1 ns=nlrec-$$-$1 pcap=$OUT/$1.pcap p failed
	new_ns "$name"
	pcap_header "$pcap"
	local env=(env LD_PRELOAD="$TMP/nltap.so" NLTAP_FILE="$pcap")

	MONITORS=()
	ip netns exec "$ns" "${env[@]}" ip monitor all >"$TMP/$name.ipmonitor" 2>&1 &
	MONITORS+=($!)
	ip netns exec "$ns" "${env[@]}" tc monitor >"$TMP/$name.tcmonitor" 2>&1 &
	MONITORS+=($!)
	for p in "${MONITORS[@]}"; do
		wait_subscribed "$p"
		wait_drained "$p"
	done

	echo "== $name"
	# Each failing command is listed; the scenario carries on.
	(cd "$TMP" && ip netns exec "$ns" "${env[@]}" NLREC_SCENARIO="$SCENARIOS/$name.sh" \
		timeout 300 bash --norc --noprofile "$TMP/run.sh") >"$TMP/$name.out" 2>"$TMP/$name.err" || true
	failed=$(grep -c '^failed (rc' "$TMP/$name.err" || true)
	sed 's/^/   /' "$TMP/$name.err"

	for p in "${MONITORS[@]}"; do
		wait_drained "$p"
	done
	sleep 0.2
	for p in "${MONITORS[@]}"; do
		kill "$p" 2>/dev/null || true
		wait "$p" 2>/dev/null || true
	done
	MONITORS=()
	del_ns "$ns"

	{
		echo "scenario=$name"
		echo "kernel=$KERNEL"
		echo "iproute2=$IPROUTE2"
		echo "recorder=nltap+ip-monitor+tc-monitor"
	} >"$TMP/meta/$name.meta"
	echo "   $(stat -c %s "$pcap") bytes, $failed failed commands"
}

# record_be: the big-endian capture, made under qemu-user.
record_be() {
	local name=be-basic ns=nlrec-$$-be-basic qemu
	echo "== $name"
	if ! qemu=$(command -v qemu-s390x-static); then
		echo "   skipped: qemu-s390x-static not installed (apt-get install qemu-user-static)"
		return 0
	fi
	(cd "$ROOT" && GOARCH=s390x CGO_ENABLED=0 go build -o "$TMP/be" ./testdata/record/be)
	new_ns "$name"
	ip -n "$ns" link add veth0 type veth peer name veth1
	ip netns exec "$ns" "$qemu" -d unimp -D "$TMP/be.qemu.log" "$TMP/be" "$OUT/$name.pcap" >"$TMP/$name.out"
	sed -n 's/^be: \(.*error.*\)/   \1/p' "$TMP/$name.out"
	del_ns "$ns"
	# Attribute types qemu passed through without converting their payload.
	local left
	left=$(sed -n 's/^Unknown host \(.*\) type: \([0-9]*\)$/\1:\2/p' "$TMP/be.qemu.log" |
		sed 's/QEMU_//' | sort -t: -k1,1 -k2,2n -u |
		awk -F: '{ t = $2 + 0; printf "%s%s:%d%s", (NR > 1 ? "," : ""), $1, t % 32768, (t >= 32768 ? "(nested)" : "") }')
	{
		echo "scenario=$name"
		echo "kernel=$KERNEL"
		echo "iproute2=$IPROUTE2"
		echo "recorder=be/s390x+qemu-s390x-static-$("$qemu" --version | sed -n '1s/.*version \([^ ]*\).*/\1/p')"
		[ -z "$left" ] || echo "note=payload-of-attrs-left-in-host-order:$left"
	} >"$TMP/meta/$name.meta"
	echo "   $(stat -c %s "$OUT/$name.pcap") bytes; qemu left these attribute payloads in host order: ${left:-none}"
}

for name in "${names[@]}"; do
	if [ "$name" = be-basic ]; then
		record_be
	else
		record "$name"
	fi
done

status=0
"$TMP/manifest" -dir "$OUT" -meta "$TMP/meta" || status=1

total=$(cat "$OUT"/*.pcap | wc -c)
echo "== total $total bytes in $(ls "$OUT"/*.pcap | wc -l) captures"
for f in "$OUT"/*.pcap; do
	if [ "$(stat -c %s "$f")" -gt "$MAX_BYTES" ]; then
		echo "record.sh: $(basename "$f") is larger than $MAX_BYTES bytes" >&2
	fi
done

# Cross-check with tshark: every frame decodes, and the number of netlink
# headers it finds (less the headers echoed inside error messages, and the
# zero length "headers" it reads in the padding iproute2 sends after some
# dump requests) matches the MANIFEST's message count.
if command -v tshark >/dev/null; then
	for name in "${names[@]}"; do
		f=$OUT/$name.pcap
		[ -f "$f" ] || continue
		want=$(awk -v f="$name.pcap" '$1 == f { for (i = 2; i <= NF; i++) if ($i ~ /^messages=/) { sub(/^messages=/, "", $i); print $i } }' "$OUT/MANIFEST")
		got=$(tshark -r "$f" -T fields -e netlink.hdr_len -e netlink.error 2>/dev/null |
			awk -F'\t' '{ n = split($1, a, ","); for (i = 1; i <= n; i++) if (a[i] >= 16) h++
				if ($2 != "") e += split($2, b, ",") } END { print h - e }')
		bad=$(tshark -r "$f" -V 2>/dev/null | grep -c -E 'Malformed Packet|Expert Info \(Error' || true)
		if [ "$got" != "$want" ] || [ "$bad" != 0 ]; then
			echo "record.sh: tshark check of $name.pcap: $got messages (MANIFEST $want), $bad decode errors" >&2
			status=1
		else
			echo "   tshark: $name.pcap $got messages, no decode errors"
		fi
	done
fi
exit $status
