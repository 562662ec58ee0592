#!/usr/bin/env bash
# nldump against tshark on two large netlink captures, in the same run.
#
# Builds nldump, mkcapture and the netlink tap testdata/record/nltap.c,
# and records two captures in throw-away network namespaces:
#   dump:   BENCH_ROUTES IPv4 routes (default 100000) dumped back, one
#           frame per kernel buffer of ~530 messages;
#   events: the requests and acks of `ip -batch` adding BENCH_EVENT_ROUTES
#           routes (default 20000), recorded through the tap: one message
#           per frame, as nlmon shows configuration traffic.
# Times nldump (--format text, --format json, -v) and tshark -V on each
# and prints a table per capture. Then measures nldump's peak RSS on a
# capture of BENCH_BIG_SIZE (default 1G) made of the dump capture's frames
# repeated; set BENCH_BIG=0 to skip that part.
#
# Environment: BENCH_ROUTES (100000), BENCH_EVENT_ROUTES (20000),
# BENCH_RUNS (10 timed runs per command, after one warm-up run), BENCH_BIG
# (1), BENCH_BIG_SIZE (1G), BENCH_HYPERFINE (1; 0 times with a shell loop
# even when hyperfine is installed), TMPDIR (where the captures go: ~10 MB,
# plus BENCH_BIG_SIZE).
# Needs root, go, gcc, iproute2 and tshark; uses hyperfine and
# /usr/bin/time (GNU time) when installed.
set -euo pipefail

ROUTES=${BENCH_ROUTES:-100000}
EVENT_ROUTES=${BENCH_EVENT_ROUTES:-20000}
RUNS=${BENCH_RUNS:-10}
BIG=${BENCH_BIG:-1}
BIG_SIZE=${BENCH_BIG_SIZE:-1G}

die() { echo "nldump.sh: $*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || die "must run as root: mkcapture creates network namespaces"
for tool in go gcc ip tshark awk; do
	command -v "$tool" >/dev/null || die "$tool is not installed"
done

cd "$(dirname "$0")/.."
tmp=$(mktemp -d "${TMPDIR:-/tmp}/nlbench.XXXXXX")
ns=nlbench-$$
cleanup() {
	ip netns del "$ns" 2>/dev/null || true
	ip netns del "$ns-events" 2>/dev/null || true
	ip netns del "$ns-big" 2>/dev/null || true
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "building nldump, mkcapture and the netlink tap" >&2
go build -o "$tmp/nldump" ./cmd/nldump
go build -o "$tmp/mkcapture" ./bench/mkcapture
gcc -shared -fPIC -O2 -Wall -o "$tmp/nltap.so" testdata/record/nltap.c -ldl

dump=$tmp/routes.pcap
events=$tmp/events.pcap
"$tmp/mkcapture" -mode dump -routes "$ROUTES" -netns "$ns" -o "$dump"
"$tmp/mkcapture" -mode events -nltap "$tmp/nltap.so" -routes "$EVENT_ROUTES" \
	-netns "$ns-events" -o "$events"

# tshark stops dissecting a frame after gui.max_tree_depth (500) protocol
# layers, one per netlink message: a 32 KB dump buffer holds ~530 routes,
# and by default tshark marks the frame malformed after 498 of them.
# Raise the limit so that it decodes every message.
TSHARK="tshark -o gui.max_tree_depth:20000"

# count CAP: prints "frames messages" from nldump --stats, after checking
# that tshark reads as many frames and decodes as many messages. tshark
# shows a netlink header for every message and one more inside each ack
# or error (the request's header, echoed), and reads zero-length
# "headers" in padding: messages are headers of at least 16 bytes less
# error fields.
count() {
	local cap=$1 frames msgs tframes tmsgs
	read -r frames msgs < <("$tmp/nldump" --stats "$cap" |
		sed -n 's/^frames \([0-9]*\), messages \([0-9]*\),.*/\1 \2/p')
	[ -n "${msgs:-}" ] && [ "$msgs" -gt 0 ] || die "nldump --stats found no messages in $cap"
	tframes=$($TSHARK -r "$cap" -T fields -e frame.number 2>/dev/null | wc -l)
	[ "$tframes" = "$frames" ] || die "$cap: tshark reads $tframes frames, nldump $frames"
	tmsgs=$($TSHARK -r "$cap" -T fields -E occurrence=a -e netlink.hdr_len -e netlink.error 2>/dev/null |
		awk -F'\t' '{ n = split($1, a, ","); for (i = 1; i <= n; i++) if (a[i] >= 16) h++
			if ($2 != "") e += split($2, b, ",") } END { print h - e }')
	[ "$tmsgs" = "$msgs" ] || die "$cap: tshark decodes $tmsgs messages, nldump $msgs"
	echo "$frames $msgs"
}

read -r dump_frames dump_msgs < <(count "$dump")
read -r events_frames events_msgs < <(count "$events")

modes=("nldump|--format text" "nldump|--format json" "nldump|-v" "tshark|-V")
use_hyperfine=0
if [ "${BENCH_HYPERFINE:-1}" != 0 ] && command -v hyperfine >/dev/null; then
	use_hyperfine=1
	timer="hyperfine, mean of $RUNS runs after 1 warm-up"
else
	timer="date +%s.%N, mean of $RUNS runs after 1 warm-up"
fi

# timeit NAME CAP: writes to $tmp/NAME.secs the mean wall-clock seconds of
# each of the four commands on CAP, one line each, in the order of modes.
timeit() {
	local name=$1 cap=$2 i total t0 t1
	local cmds=(
		"$tmp/nldump --format text $cap"
		"$tmp/nldump --format json $cap"
		"$tmp/nldump -v $cap"
		"$TSHARK -r $cap -V"
	)
	if [ "$use_hyperfine" = 1 ]; then
		local args=()
		for i in "${!cmds[@]}"; do
			args+=(-n "$name: ${modes[$i]/|/ }" "${cmds[$i]}")
		done
		hyperfine --style basic --warmup 1 --runs "$RUNS" --output null \
			--export-csv "$tmp/$name.csv" "${args[@]}" >&2
		# Columns: command,mean,stddev,median,user,system,min,max; rows
		# in command order.
		awk -F, 'NR > 1 { print $2 }' "$tmp/$name.csv" >"$tmp/$name.secs"
	else
		: >"$tmp/$name.secs"
		for i in "${!cmds[@]}"; do
			echo "timing $name: ${modes[$i]/|/ }" >&2
			${cmds[$i]} >/dev/null 2>&1 # warm-up
			total=0
			for _ in $(seq "$RUNS"); do
				t0=$(date +%s.%N)
				${cmds[$i]} >/dev/null 2>&1
				t1=$(date +%s.%N)
				total=$(awk -v a="$total" -v b="$t0" -v c="$t1" 'BEGIN { printf "%.6f", a + c - b }')
			done
			awk -v t="$total" -v n="$RUNS" 'BEGIN { printf "%.6f\n", t / n }' >>"$tmp/$name.secs"
		done
	fi
	[ "$(wc -l <"$tmp/$name.secs")" = "${#cmds[@]}" ] || die "timing $name failed"
}

# table NAME MSGS: the table of NAME's timings; the last row is tshark's.
table() {
	local name=$1 msgs=$2 i
	local secs
	mapfile -t secs <"$tmp/$name.secs"
	local tshark_secs=${secs[$((${#secs[@]} - 1))]}
	printf '| %-6s | %-13s | %9s | %12s | %12s |\n' tool mode seconds messages/s "vs tshark -V"
	printf '|%s|%s|%s|%s|%s|\n' -------- --------------- ----------: -------------: -------------:
	for i in "${!secs[@]}"; do
		awk -v mode="${modes[$i]}" -v s="${secs[$i]}" -v m="$msgs" -v ts="$tshark_secs" 'BEGIN {
			split(mode, p, "|")
			printf "| %-6s | %-13s | %9.2f | %12.0f | %11.1fx |\n", p[1], p[2], s, m / s, ts / s
		}'
	done
}

timeit dump "$dump"
timeit events "$events"

perframe() { awk -v m="$1" -v f="$2" 'BEGIN { printf "%.0f", m / f }'; }

echo
echo "machine: $(nproc) CPUs, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1), Linux $(uname -r)"
echo "versions: $(go version | cut -d' ' -f3), $(tshark --version 2>/dev/null | head -1), iproute2 $(ip -V | sed -n 's/.*iproute2-\([^, ]*\).*/\1/p')"
echo "timing: $timer, output to /dev/null"
echo
echo "dump capture: $ROUTES routes dumped, $dump_frames frames, $dump_msgs messages" \
	"($(perframe "$dump_msgs" "$dump_frames") per frame), $(stat -c %s "$dump") bytes"
table dump "$dump_msgs"
echo
echo "events capture: $EVENT_ROUTES routes added by ip -batch (requests and acks), $events_frames frames," \
	"$events_msgs messages ($(perframe "$events_msgs" "$events_frames") per frame), $(stat -c %s "$events") bytes"
table events "$events_msgs"

if [ "$BIG" = 0 ]; then
	exit 0
fi
if [ ! -x /usr/bin/time ]; then
	echo
	echo "peak RSS: skipped, /usr/bin/time (GNU time) is not installed (Debian: apt-get install time)"
	exit 0
fi
echo >&2
big=$tmp/big.pcap
"$tmp/mkcapture" -mode dump -routes "$ROUTES" -netns "$ns-big" -size "$BIG_SIZE" -o "$big"
bigsize=$(stat -c %s "$big")
echo
echo "peak RSS on a $bigsize-byte capture (the dump capture's frames repeated; GNU time -v):"
printf '| %-22s | %9s | %12s | %13s |\n' "nldump mode" seconds messages/s "peak RSS MiB"
printf '|%s|%s|%s|%s|\n' ------------------------ ----------: -------------: --------------:
bigmsgs=
for mode in "--stats" "--format text" "--format json" "-v"; do
	out=/dev/null
	[ "$mode" = --stats ] && out=$tmp/stats.txt
	# shellcheck disable=SC2086 # mode holds two words on purpose
	/usr/bin/time -v -o "$tmp/time.txt" "$tmp/nldump" $mode "$big" >"$out"
	if [ "$mode" = --stats ]; then
		bigmsgs=$(sed -n 's/^frames [0-9]*, messages \([0-9]*\),.*/\1/p' "$out")
	fi
	awk -v mode="$mode" -v m="$bigmsgs" '
		/Maximum resident set size/ { rss = $NF }
		/Elapsed \(wall clock\) time/ {
			n = split($NF, t, ":"); s = 0
			for (i = 1; i <= n; i++) s = s * 60 + t[i]
		}
		END { printf "| %-22s | %9.2f | %12.0f | %13.1f |\n", "nldump " mode, s, m / s, rss / 1024 }
	' "$tmp/time.txt"
done
