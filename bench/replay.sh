#!/usr/bin/env bash
# nlbatch replay against ip -batch, ip -force -batch and a bare sendmsg
# loop, adding the same N IPv4 /24 routes via an on-link gateway.
#
# Builds nlbatch and bench/sendloop, writes the routes once as an
# `ip -batch` file and as pyroute2-form JSON compiled to an .nlb (compile
# time is not measured), then in BENCH_RUNS rounds times, each in a fresh
# network namespace set up the same way (a veth pair v0/v1, both up,
# 192.0.2.1/24 on v0), the apply step alone of:
#   nlbatch replay --netns NS --report json FILE.nlb
#   ip -n NS -batch FILE
#   ip -n NS -force -batch FILE
#   sendloop -netns NS RAW   (RAW from nlbatch replay --dry-run --emit-raw
#                             in that namespace, before the clock starts)
# After each run it checks that the namespace holds the N routes, and for
# nlbatch that its JSON report says applied == N and failed == 0. It
# prints a markdown table of the median of each method.
#
# Environment: BENCH_ROUTES (100000), BENCH_RUNS (3), BENCH_SETTLE_MAX
# (seconds to wait for the machine to go idle before each timed run, 20),
# TMPDIR (inputs: ~40 MB per 100000 routes), PYTHON (/usr/bin/python3).
# Needs root, go, awk and iproute2; python3 when there (else grep) reads
# nlbatch's JSON report. Never touches the root network namespace.
set -euo pipefail

N=${BENCH_ROUTES:-100000}
RUNS=${BENCH_RUNS:-3}
SETTLE_MAX=${BENCH_SETTLE_MAX:-20}
PY=${PYTHON:-/usr/bin/python3}

die() { echo "replay.sh: $*" >&2; exit 1; }

if [ "$(id -u)" != 0 ]; then
	echo "replay.sh: must run as root: it creates network namespaces and adds routes in them" >&2
	exit 2
fi
for tool in go ip awk sort; do
	command -v "$tool" >/dev/null || die "$tool is not installed"
done
case $N in '' | *[!0-9]*) die "BENCH_ROUTES must be a number, not '$N'" ;; esac
case $RUNS in '' | *[!0-9]*) die "BENCH_RUNS must be a number, not '$RUNS'" ;; esac
[ "$N" -ge 1 ] && [ "$N" -le 4194304 ] || die "BENCH_ROUTES must be between 1 and 4194304"
[ "$RUNS" -ge 1 ] || die "BENCH_RUNS must be at least 1"
[ -x "$PY" ] || PY=

cd "$(dirname "$0")/.."
tmp=$(mktemp -d "${TMPDIR:-/tmp}/nlreplay.XXXXXX")
namespaces=()
cleanup() {
	local ns
	for ns in "${namespaces[@]}"; do
		[ -e "/var/run/netns/$ns" ] && ip netns del "$ns" 2>/dev/null || true
	done
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "building nlbatch and sendloop" >&2
go build -o "$tmp/nlbatch" ./cmd/nlbatch
go build -o "$tmp/sendloop" ./bench/sendloop

# The same routes twice: prefixes 10.x.y.0/24, then 11.x.y.0/24 and on
# past 65536, all via 192.0.2.2 on v0 with iproute2's default protocol
# (boot).
echo "writing $N routes as an ip -batch file and as JSON" >&2
awk -v n="$N" 'BEGIN {
	for (i = 0; i < n; i++)
		printf "route add %d.%d.%d.0/24 via 192.0.2.2 dev v0\n", 10 + int(i / 65536), int(i / 256) % 256, i % 256
}' > "$tmp/routes.batch"
awk -v n="$N" 'BEGIN {
	for (i = 0; i < n; i++)
		printf "{\"route\": \"add\", \"dst\": \"%d.%d.%d.0/24\", \"gateway\": \"192.0.2.2\", \"oif\": \"v0\", \"proto\": \"boot\"}\n", 10 + int(i / 65536), int(i / 256) % 256, i % 256
}' > "$tmp/routes.json"
"$tmp/nlbatch" compile -o "$tmp/routes.nlb" "$tmp/routes.json" >&2

# newns NAME: a fresh namespace with the veth pair, both ends up and
# 192.0.2.1/24 on v0; checks that v0 has the same index as in the first.
v0index=
newns() {
	local ns=$1 idx
	namespaces+=("$ns")
	ip netns add "$ns"
	ip -n "$ns" link add v0 type veth peer name v1
	ip -n "$ns" link set v0 up
	ip -n "$ns" link set v1 up
	ip -n "$ns" addr add 192.0.2.1/24 dev v0
	idx=$(ip -n "$ns" -o link show dev v0 | cut -d: -f1)
	if [ -z "$v0index" ]; then
		v0index=$idx
	elif [ "$idx" != "$v0index" ]; then
		die "namespace $ns: v0 has index $idx, not $v0index as before"
	fi
}

# settle waits (at most SETTLE_MAX seconds) until the CPUs are at least
# 80% idle over half a second, so that the teardown of the previous
# namespace (freeing its routes runs in kernel workers) is not timed.
settle() {
	local deadline=$((SECONDS + SETTLE_MAX)) a b
	while [ "$SECONDS" -lt "$deadline" ]; do
		a=$(head -1 /proc/stat)
		sleep 0.5
		b=$(head -1 /proc/stat)
		if awk -v a="$a" -v b="$b" 'BEGIN {
			split(a, x); split(b, y); total = 0
			for (i = 2; i <= 9; i++) total += y[i] - x[i]
			idle = (y[5] - x[5]) + (y[6] - x[6])
			exit !(total > 0 && idle / total >= 0.8)
		}'; then
			return 0
		fi
	done
	echo "replay.sh: the machine did not go idle in ${SETTLE_MAX}s; timing anyway" >&2
}

# check NS METHOD: the namespace holds the N routes via 192.0.2.2.
check() {
	local got
	got=$(ip -n "$1" -4 route show | grep -c ' via 192.0.2.2 ' || true)
	[ "$got" = "$N" ] || die "$2: namespace $1 holds $got routes via 192.0.2.2, want $N"
}

# checkreport FILE: nlbatch's JSON report accounts for every route.
checkreport() {
	local counts
	if [ -n "$PY" ]; then
		counts=$("$PY" -c 'import json, sys
r = json.load(open(sys.argv[1]))
print(r["messages"], r["applied"], r["failed"], r["unknown"], r["not_sent"], r["overflows"], r["duration_ns"])' "$1") ||
			die "nlbatch replay: cannot read its JSON report $1"
	else
		counts=$(for k in messages applied failed unknown not_sent overflows duration_ns; do
			grep -o "\"$k\":[0-9]*" "$1" | head -1 | cut -d: -f2
		done | tr '\n' ' ')
	fi
	read -r msgs applied failed unknown notsent overflows durns <<<"$counts"
	[ "$msgs" = "$N" ] && [ "$applied" = "$N" ] && [ "$failed" = 0 ] && [ "$unknown" = 0 ] && [ "$notsent" = 0 ] ||
		die "nlbatch replay: report says messages=$msgs applied=$applied failed=$failed unknown=$unknown not_sent=$notsent, want $N applied and none failed"
	[ "$overflows" = 0 ] || echo "replay.sh: nlbatch replay: $overflows receive-buffer overflows" >&2
	echo "$durns"
}

# elapsed START END: seconds between two $EPOCHREALTIME readings.
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.6f", b - a }'; }

methods=(nlbatch ip ipforce sendloop)
declare -A times
for ((round = 1; round <= RUNS; round++)); do
	for ((k = 0; k < ${#methods[@]}; k++)); do
		# Each round starts with another method, so none is always
		# first after a build or last before the next round.
		m=${methods[$(((k + round - 1) % ${#methods[@]}))]}
		ns=nlreplay-$$-$round-$m
		newns "$ns"
		if [ "$m" = sendloop ]; then
			"$tmp/nlbatch" replay --netns "$ns" --dry-run --emit-raw "$tmp/routes.raw" --progress never "$tmp/routes.nlb" >/dev/null ||
				die "nlbatch replay --dry-run failed in $ns"
		fi
		settle
		case $m in
		nlbatch)
			start=$EPOCHREALTIME
			"$tmp/nlbatch" replay --netns "$ns" --report json --progress never "$tmp/routes.nlb" >"$tmp/report.json" ||
				die "nlbatch replay failed (exit $?); report in $tmp/report.json: $(head -c 2000 "$tmp/report.json")"
			end=$EPOCHREALTIME
			durns=$(checkreport "$tmp/report.json")
			times[nlbatch-inner]+="$(awk -v d="$durns" 'BEGIN { printf "%.6f", d / 1e9 }') "
			;;
		ip)
			start=$EPOCHREALTIME
			ip -n "$ns" -batch "$tmp/routes.batch" || die "ip -batch failed"
			end=$EPOCHREALTIME
			;;
		ipforce)
			start=$EPOCHREALTIME
			ip -n "$ns" -force -batch "$tmp/routes.batch" || die "ip -force -batch failed"
			end=$EPOCHREALTIME
			;;
		sendloop)
			start=$EPOCHREALTIME
			out=$("$tmp/sendloop" -netns "$ns" "$tmp/routes.raw") || die "sendloop failed"
			end=$EPOCHREALTIME
			IFS=$'\t' read -r loop errs <<<"$out"
			[ "$errs" = 0 ] || die "sendloop: $errs error acks"
			times[sendloop-inner]+="$loop "
			;;
		esac
		t=$(elapsed "$start" "$end")
		times[$m]+="$t "
		check "$ns" "$m"
		echo "round $round/$RUNS: $m: ${t}s" >&2
		ip netns del "$ns"
	done
done

# median of the numbers in $1
median() {
	tr ' ' '\n' <<<"$1" | grep . | sort -g | awk '{ v[NR] = $1 } END {
		if (NR % 2) printf "%.3f", v[(NR + 1) / 2]; else printf "%.3f", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
declare -A med
for m in "${methods[@]}" nlbatch-inner sendloop-inner; do
	med[$m]=$(median "${times[$m]}")
done
rate() { awk -v n="$N" -v s="$1" 'BEGIN { printf "%.0f", n / s }'; }
ipr=$(rate "${med[ip]}")
floor=$(rate "${med[sendloop-inner]}")

echo "$N routes, $RUNS runs (median), $(nproc) CPUs, Linux $(uname -r), $(ip -V | sed 's/^ip utility, //'), $(go version | cut -d' ' -f3)"
echo
printf '| %-44s | %9s | %10s | %12s | %12s |\n' method seconds routes/s "vs ip -batch" "vs sendloop"
printf '|%s|%s|%s|%s|%s|\n' "----------------------------------------------" "----------:" "-----------:" "-------------:" "-------------:"
for m in nlbatch nlbatch-inner ip ipforce sendloop sendloop-inner; do
	case $m in
	nlbatch) label="nlbatch replay --report json" ;;
	nlbatch-inner) label="  its Report.Duration (sendmsg to last ack)" ;;
	ip) label="ip -batch" ;;
	ipforce) label="ip -force -batch" ;;
	sendloop) label="sendloop" ;;
	sendloop-inner) label="  its send/receive loop only" ;;
	esac
	r=$(rate "${med[$m]}")
	printf '| %-44s | %9s | %10s | %12s | %12s |\n' "$label" "${med[$m]}" "$r" \
		"$(awk -v a="$r" -v b="$ipr" 'BEGIN { printf "%.2fx", a / b }')" \
		"$(awk -v a="$r" -v b="$floor" 'BEGIN { printf "%.2fx", a / b }')"
done
