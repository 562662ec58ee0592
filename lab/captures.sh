#!/usr/bin/env bash
# Regenerates the lab's captures in testdata/pcaps: runs the capture
# scenarios in the kernel lab (lab/run.sh), copies each NAME.pcap they
# produce, and rewrites testdata/pcaps/MANIFEST with how they were made.
#
#   lab/captures.sh [SCENARIO...]     (default: links tc routes addr matrix)
#   LAB_ARCH=s390x lab/captures.sh [SCENARIO...]   (default: links tc routes addr)
#
# With LAB_ARCH=s390x the lab runs on a big-endian kernel (see lab/run.sh)
# and the captures are written as lab-be-NAME.pcap, beside the
# little-endian lab-NAME.pcap: netlink is in host order, so these hold what
# a big-endian kernel really sends. The matrix is left out by default: its
# capture is several MB.
set -euo pipefail
cd "$(dirname "$0")/.."
arch=${LAB_ARCH:-amd64}
scenarios=("$@")
if [ ${#scenarios[@]} -eq 0 ]; then
	scenarios=(links tc routes addr matrix)
	[ "$arch" = amd64 ] || scenarios=(links tc routes addr)
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# The matrix's scenario runs in one guest here, for one capture: longer
# than run.sh's default timeout.
LAB_TIMEOUT=${LAB_TIMEOUT:-1500} lab/run.sh -o "$tmp/out" "${scenarios[@]}"
kernel=$(cat "$tmp/out/guest-kernel.txt")
# The guest's iproute2 is the host's for amd64; for s390x, run.sh says
# which Debian package it unpacked.
if [ -f "$tmp/out/iproute2.txt" ]; then
	iproute2=$(cat "$tmp/out/iproute2.txt")
else
	iproute2=$(ip -V | sed -n 's/.*iproute2-\([0-9.]*\).*/\1/p')
fi
recorder='nlmon+tcpdump+ip-monitor(lab:qemu-tcg)'
[ "$arch" = amd64 ] || recorder="nlmon+tcpdump+ip-monitor(lab:qemu-tcg-$arch)"
mkdir -p "$tmp/meta"
for pcap in "$tmp"/out/*.pcap; do
	name=$(basename "$pcap" .pcap)
	[ "$arch" = amd64 ] || name=lab-be-${name#lab-}
	cp "$pcap" "testdata/pcaps/$name.pcap"
	printf 'scenario=%s\nkernel=%s\niproute2=%s\nrecorder=%s\n' \
		"$name" "$kernel" "$iproute2" "$recorder" > "$tmp/meta/$name.meta"
	[ "$arch" = amd64 ] || echo "note=big-endian-$arch-kernel" >> "$tmp/meta/$name.meta"
done
go run ./testdata/record/manifest -dir testdata/pcaps -meta "$tmp/meta"
echo "lab/captures.sh: $(cd "$tmp/meta" && ls | sed 's/\.meta$/.pcap/' | tr '\n' ' ')in testdata/pcaps" >&2
