#!/usr/bin/env bash
# Regenerates the lab's captures in testdata/pcaps: runs the capture
# scenarios in the kernel lab (lab/run.sh), copies each NAME.pcap they
# produce, and rewrites testdata/pcaps/MANIFEST with how they were made.
#
#   lab/captures.sh [SCENARIO...]     (default: links tc routes addr matrix)
set -euo pipefail
cd "$(dirname "$0")/.."
scenarios=("$@")
[ ${#scenarios[@]} -gt 0 ] || scenarios=(links tc routes addr matrix)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
lab/run.sh -o "$tmp/out" "${scenarios[@]}"
kernel=$(cat "$tmp/out/guest-kernel.txt")
iproute2=$(ip -V | sed -n 's/.*iproute2-\([0-9.]*\).*/\1/p')
mkdir -p "$tmp/meta"
for pcap in "$tmp"/out/*.pcap; do
	name=$(basename "$pcap" .pcap)
	cp "$pcap" testdata/pcaps/
	printf 'scenario=%s\nkernel=%s\niproute2=%s\nrecorder=nlmon+tcpdump+ip-monitor(lab:qemu-tcg)\n' \
		"$name" "$kernel" "$iproute2" > "$tmp/meta/$name.meta"
done
go run ./testdata/record/manifest -dir testdata/pcaps -meta "$tmp/meta"
echo "lab/captures.sh: $(cd "$tmp/out" && ls *.pcap | tr '\n' ' ')in testdata/pcaps" >&2
