#!/usr/bin/env bash
# Runs the conformance matrix in the kernel lab (lab/scenarios/matrix.sh)
# and writes its table into README.md, between the lab-matrix markers.
#
#   lab/matrix.sh                 run it and update README.md
#   lab/matrix.sh -o DIR          run it only: DIR/matrix.tsv, DIR/lab-matrix-N.pcap
#
# The rows of lab/scenarios/matrix/*.list are split between LAB_JOBS
# guests (default 2, one per CPU of the machines this runs on) that run
# at the same time, each on its own share, in order; their results are
# joined in the rows' order.
set -euo pipefail
cd "$(dirname "$0")/.."
out=""
if [ "${1:-}" = "-o" ]; then
	out=$2
	shift 2
fi
jobs=${LAB_JOBS:-2}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cat lab/scenarios/matrix/*.list | grep -v -e '^#' -e '^$' > "$tmp/all.list"
rows=$(wc -l < "$tmp/all.list")
per=$(( (rows + jobs - 1) / jobs ))
split -d -l "$per" "$tmp/all.list" "$tmp/part-"
pids=()
n=0
for part in "$tmp"/part-*; do
	LAB_MATRIX_LIST=$part LAB_TIMEOUT=${LAB_TIMEOUT:-900} lab/run.sh -o "$tmp/out$n" matrix > "$tmp/log$n" 2>&1 &
	pids+=($!)
	n=$((n + 1))
done
failed=0
for i in "${!pids[@]}"; do
	if ! wait "${pids[$i]}"; then
		echo "lab/matrix.sh: guest $i failed:" >&2
		cat "$tmp/log$i" >&2
		failed=1
	fi
done
[ $failed = 0 ] || exit 1
mkdir -p "$tmp/joined"
head -1 "$tmp/out0/matrix.tsv" > "$tmp/joined/matrix.tsv"
pcaps=""
for i in $(seq 0 $((n - 1))); do
	tail -n +2 "$tmp/out$i/matrix.tsv" >> "$tmp/joined/matrix.tsv"
	cp "$tmp/out$i/lab-matrix.pcap" "$tmp/joined/lab-matrix-$i.pcap"
	cat "$tmp/out$i/console.log" >> "$tmp/joined/console.log"
	pcaps=$pcaps${pcaps:+,}$tmp/joined/lab-matrix-$i.pcap
done
cp "$tmp/out0/guest-kernel.txt" "$tmp/joined/"
if [ -n "$out" ]; then
	mkdir -p "$out"
	cp "$tmp"/joined/* "$out/"
	exit 0
fi
go run ./lab/matrixtable -tsv "$tmp/joined/matrix.tsv" -pcap "$pcaps" > "$tmp/table.md"
kernel=$(cat "$tmp/joined/guest-kernel.txt")
{
	sed '/<!-- lab-matrix:begin -->/q' README.md
	echo
	echo "Run of $(date -u +%Y-%m-%d) on Linux $kernel (\`lab/matrix.sh\`):"
	echo
	cat "$tmp/table.md"
	echo
	sed -n '/<!-- lab-matrix:end -->/,$p' README.md
} > "$tmp/README.md"
mv "$tmp/README.md" README.md
echo "lab/matrix.sh: README.md updated" >&2
