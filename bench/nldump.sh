#!/usr/bin/env bash
# nldump against tshark on the same large netlink capture, in the same run.
#
# Builds nldump and mkcapture, records a capture of BENCH_ROUTES IPv4
# routes (default 100000) dumped from a throw-away network namespace,
# times nldump (--format text, --format json, -v) and tshark -V on it,
# and prints a table. Then measures nldump's peak RSS on a capture of
# BENCH_BIG_SIZE (default 1G) made of the same frames repeated; set
# BENCH_BIG=0 to skip that part.
#
# Environment: BENCH_ROUTES (100000), BENCH_RUNS (10 timed runs per
# command, after one warm-up run), BENCH_BIG (1), BENCH_BIG_SIZE (1G),
# BENCH_HYPERFINE (1; 0 times with a shell loop even when hyperfine is
# installed), TMPDIR (where the captures go: ~6 MB, plus BENCH_BIG_SIZE).
# Needs root, go, iproute2 and tshark; uses hyperfine and /usr/bin/time
# (GNU time) when installed.
set -euo pipefail

ROUTES=${BENCH_ROUTES:-100000}
RUNS=${BENCH_RUNS:-10}
BIG=${BENCH_BIG:-1}
BIG_SIZE=${BENCH_BIG_SIZE:-1G}

die() { echo "nldump.sh: $*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || die "must run as root: mkcapture creates a network namespace"
for tool in go ip tshark awk; do
	command -v "$tool" >/dev/null || die "$tool is not installed"
done

cd "$(dirname "$0")/.."
tmp=$(mktemp -d "${TMPDIR:-/tmp}/nlbench.XXXXXX")
ns=nlbench-$$
cleanup() {
	ip netns del "$ns" 2>/dev/null || true
	ip netns del "$ns-big" 2>/dev/null || true
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "building nldump and mkcapture" >&2
go build -o "$tmp/nldump" ./cmd/nldump
go build -o "$tmp/mkcapture" ./bench/mkcapture

cap=$tmp/routes.pcap
"$tmp/mkcapture" -routes "$ROUTES" -netns "$ns" -o "$cap"

# Message and frame counts, from nldump --stats.
read -r frames msgs < <("$tmp/nldump" --stats "$cap" |
	sed -n 's/^frames \([0-9]*\), messages \([0-9]*\),.*/\1 \2/p')
[ -n "${msgs:-}" ] && [ "$msgs" -gt 0 ] || die "nldump --stats found no messages"

# tshark stops dissecting a frame after gui.max_tree_depth (500) protocol
# layers, one per netlink message: a 32 KB dump buffer holds ~530 routes,
# and by default tshark marks the frame malformed after 498 of them.
# Raise the limit so that it decodes every message, and check that it
# does: the capture holds no error acks, so every nlmsghdr tshark shows
# is a message.
TSHARK="tshark -o gui.max_tree_depth:20000"
tshark_frames=$($TSHARK -r "$cap" -T fields -e frame.number 2>/dev/null | wc -l)
[ "$tshark_frames" = "$frames" ] || die "tshark reads $tshark_frames frames, nldump $frames"
tshark_msgs=$($TSHARK -r "$cap" -T fields -E occurrence=a -e netlink.hdr_len 2>/dev/null | tr , '\n' | grep -c .)
[ "$tshark_msgs" = "$msgs" ] || die "tshark decodes $tshark_msgs messages, nldump $msgs"

modes=("nldump|--format text" "nldump|--format json" "nldump|-v" "tshark|-V")
cmds=(
	"$tmp/nldump --format text $cap"
	"$tmp/nldump --format json $cap"
	"$tmp/nldump -v $cap"
	"$TSHARK -r $cap -V"
)

# secs[i]: mean wall-clock seconds of cmds[i] over RUNS runs.
secs=()
if [ "${BENCH_HYPERFINE:-1}" != 0 ] && command -v hyperfine >/dev/null; then
	args=()
	for i in "${!cmds[@]}"; do
		args+=(-n "${modes[$i]}" "${cmds[$i]}")
	done
	hyperfine --style basic --warmup 1 --runs "$RUNS" --output null \
		--export-csv "$tmp/times.csv" "${args[@]}" >&2
	# Columns: command,mean,stddev,median,user,system,min,max; rows in
	# command order.
	mapfile -t secs < <(awk -F, 'NR > 1 { print $2 }' "$tmp/times.csv")
	timer="hyperfine, mean of $RUNS runs after 1 warm-up"
else
	for i in "${!cmds[@]}"; do
		echo "timing ${modes[$i]}" >&2
		${cmds[$i]} >/dev/null 2>&1 # warm-up
		total=0
		for _ in $(seq "$RUNS"); do
			t0=$(date +%s.%N)
			${cmds[$i]} >/dev/null 2>&1
			t1=$(date +%s.%N)
			total=$(awk -v a="$total" -v b="$t0" -v c="$t1" 'BEGIN { printf "%.6f", a + c - b }')
		done
		secs+=("$(awk -v t="$total" -v n="$RUNS" 'BEGIN { printf "%.6f", t / n }')")
	done
	timer="date +%s.%N, mean of $RUNS runs after 1 warm-up"
fi
[ "${#secs[@]}" = "${#cmds[@]}" ] || die "timing failed"

tshark_secs=${secs[$((${#secs[@]} - 1))]}
size=$(stat -c %s "$cap")

echo
echo "capture: $ROUTES routes dumped, $frames frames, $msgs messages, $size bytes"
echo "machine: $(nproc) CPUs, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1), Linux $(uname -r)"
echo "versions: $(go version | cut -d' ' -f3), $(tshark --version 2>/dev/null | head -1)"
echo "timing: $timer, output to /dev/null"
echo
printf '| %-6s | %-13s | %9s | %12s | %12s |\n' tool mode seconds messages/s "vs tshark -V"
printf '|%s|%s|%s|%s|%s|\n' -------- --------------- ----------: -------------: -------------:
for i in "${!cmds[@]}"; do
	awk -v mode="${modes[$i]}" -v s="${secs[$i]}" -v m="$msgs" -v ts="$tshark_secs" 'BEGIN {
		split(mode, p, "|")
		printf "| %-6s | %-13s | %9.2f | %12.0f | %11.1fx |\n", p[1], p[2], s, m / s, ts / s
	}'
done

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
"$tmp/mkcapture" -routes "$ROUTES" -netns "$ns-big" -size "$BIG_SIZE" -o "$big"
bigsize=$(stat -c %s "$big")
echo
echo "peak RSS on a $bigsize-byte capture (the frames above repeated; GNU time -v):"
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
