#!/usr/bin/env bash
# Runs the conformance matrix in the kernel lab (lab/scenarios/matrix.sh)
# and writes its table into README.md, between the lab-matrix markers.
#
#   lab/matrix.sh
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
lab/run.sh -o "$tmp/out" matrix
go run ./lab/matrixtable -tsv "$tmp/out/matrix.tsv" -pcap "$tmp/out/lab-matrix.pcap" > "$tmp/table.md"
kernel=$(cat "$tmp/out/guest-kernel.txt")
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
