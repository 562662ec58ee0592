#!/usr/bin/env bash
# The kernel lab: boots Debian's full kernel (every driver a module) under
# qemu in software emulation, runs scenarios in it, and brings their
# results back: nlmon captures of real kernel traffic, and whatever else a
# scenario writes to /out.
#
#   lab/run.sh [-o OUTDIR] SCENARIO...     (default OUTDIR: lab/out)
#
# A scenario is a file lab/scenarios/NAME.sh, sourced by busybox sh inside
# the guest after the modules are loaded. It may use:
#   capture NAME      start tcpdump on an nlmon device, writing /out/NAME.pcap
#   capture_end       stop it (every byte is flushed)
#   run CMD...        run a command, echo it, and carry on when it fails
# Every file the scenarios leave in /out comes back to OUTDIR, together
# with console.log (the guest's console) and kernel.txt (its version).
#
# The lab installs what it needs when missing (Debian: linux-image-amd64,
# qemu-system-x86, busybox-static, tcpdump, iproute2), builds the
# project's commands statically (CGO_ENABLED=0) into the guest, and cleans
# up its work directory. Needs root for apt only; runs anywhere qemu does,
# without KVM. Environment: LAB_TIMEOUT (seconds for the guest, 300),
# LAB_MEM (MiB, 1024), LAB_MATRIX_LIST (a list file for the matrix
# scenario instead of lab/scenarios/matrix/*.list).
set -euo pipefail
cd "$(dirname "$0")/.."
out=lab/out
if [ "${1:-}" = "-o" ]; then
	out=$2
	shift 2
fi
[ $# -gt 0 ] || { echo "usage: lab/run.sh [-o OUTDIR] SCENARIO..." >&2; exit 2; }
for s in "$@"; do
	[ -f "lab/scenarios/$s.sh" ] || { echo "lab: no scenario lab/scenarios/$s.sh" >&2; exit 2; }
done

need=()
command -v qemu-system-x86_64 >/dev/null || need+=(qemu-system-x86)
[ -x /bin/busybox ] || command -v busybox >/dev/null || need+=(busybox-static)
command -v tcpdump >/dev/null || need+=(tcpdump)
command -v tc >/dev/null || need+=(iproute2)
ls /boot/vmlinuz-*-amd64 >/dev/null 2>&1 || need+=(linux-image-amd64)
if [ ${#need[@]} -gt 0 ]; then
	echo "lab: installing ${need[*]}" >&2
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	apt-get install -y -qq "${need[@]}" >/dev/null
fi
busybox=$(command -v busybox)
# Not a pipe into grep -q: under pipefail, busybox's SIGPIPE when grep
# stops early would read as a failure.
applets=$("$busybox" --list)
if ! grep -qx insmod <<< "$applets"; then
	echo "lab: $busybox has no insmod; install busybox-static" >&2
	exit 2
fi
kernel=$(ls /boot/vmlinuz-*-amd64 | sort -V | tail -1)
kver=${kernel#/boot/vmlinuz-}
moddir=/lib/modules/$kver
[ -f "$moddir/modules.dep" ] || { echo "lab: no $moddir/modules.dep for $kernel" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
root=$work/root
mkdir -p "$root"/{bin,sbin,lib,lib64,usr/bin,usr/sbin,etc,proc,sys,dev,tmp,out,run}

# Commands: busybox for the shell and utilities, iproute2 and tcpdump with
# their shared libraries, and the project's own, static.
cp "$busybox" "$root/bin/busybox"
copy_bin() {
	local src=$1 dst=$root$1 lib
	mkdir -p "$(dirname "$dst")"
	cp -L "$src" "$dst"
	for lib in $(ldd "$src" 2>/dev/null | grep -o '/[^ ]*'); do
		[ -e "$root$lib" ] && continue
		mkdir -p "$root$(dirname "$lib")"
		cp -L "$lib" "$root$lib"
	done
}
for b in ip tc bridge tcpdump ethtool genl; do
	p=$(command -v "$b" || true)
	[ -n "$p" ] && copy_bin "$(readlink -f "$p")" && [ "$(readlink -f "$p")" != "$p" ] && ln -sf "$(readlink -f "$p")" "$root$p"
done
CGO_ENABLED=0 go build -o "$root/usr/bin/nlbatch" ./cmd/nlbatch
CGO_ENABLED=0 go build -o "$root/usr/bin/nldump" ./cmd/nldump
CGO_ENABLED=0 go build -o "$root/usr/bin/goapi" ./lab/goapi
printf 'root:x:0:0:root:/root:/bin/sh\ntcpdump:x:0:0::/:/bin/sh\n' > "$root/etc/passwd"
printf 'root:x:0:\ntcpdump:x:0:\n' > "$root/etc/group"
cp -r /etc/iproute2 "$root/etc/" 2>/dev/null || true

# Modules: those the scenarios name, and what they depend on, in load
# order (modules.dep lists a module's dependencies after it).
modules=$(cat lab/modules.txt | sed 's/#.*//' | tr -s ' \n' ' ')
declare -A path_of seen
while IFS=: read -r mod _; do
	base=$(basename "$mod" .ko)
	path_of[${base//-/_}]=$mod
done < "$moddir/modules.dep"
order=()
add_module() {
	local name=${1//-/_} mod dep
	mod=${path_of[$name]:-}
	[ -n "$mod" ] || { echo "lab: module $1 not in $moddir (built in?)" >&2; return 0; }
	[ -n "${seen[$mod]:-}" ] && return 0
	seen[$mod]=1
	for dep in $(grep "^$mod:" "$moddir/modules.dep" | cut -d: -f2); do
		add_module "$(basename "$dep" .ko)"
	done
	order+=("$mod")
}
for m in $modules; do add_module "$m"; done
mkdir -p "$root/lib/modules"
: > "$root/modules.order"
for mod in "${order[@]}"; do
	cp "$moddir/$mod" "$root/lib/modules/"
	echo "$(basename "$mod")" >> "$root/modules.order"
done

mkdir -p "$root/scenarios"
# A scenario's list is lab/scenarios/NAME/*.list joined in name order;
# LAB_MATRIX_LIST names a file to use for the matrix instead (a few
# kinds while working on them).
for s in "$@"; do
	cp "lab/scenarios/$s.sh" "$root/scenarios/"
	if [ "$s" = matrix ] && [ -n "${LAB_MATRIX_LIST:-}" ]; then
		cp "$LAB_MATRIX_LIST" "$root/scenarios/matrix.list"
	elif [ -d "lab/scenarios/$s" ]; then
		cat "lab/scenarios/$s"/*.list > "$root/scenarios/$s.list"
	fi
done
echo "$*" > "$root/scenarios.list"
cp lab/init "$root/init"
chmod +x "$root/init"
(cd "$root" && find . | cpio -o -H newc --quiet | gzip -1) > "$work/initramfs.gz"

echo "lab: booting $kver with ${#order[@]} modules for: $*" >&2
timeout "${LAB_TIMEOUT:-300}" qemu-system-x86_64 -accel tcg -m "${LAB_MEM:-1024}" -smp 1 -nographic -no-reboot \
	-kernel "$kernel" -initrd "$work/initramfs.gz" \
	-append "console=ttyS0 quiet panic=-1 rdinit=/init" > "$work/console.raw" 2>&1 || {
	echo "lab: qemu failed or timed out; console:" >&2
	tail -40 "$work/console.raw" >&2
	exit 1
}
tr -d '\r' < "$work/console.raw" > "$work/console.log"
grep -q '^=====LAB-DONE=====' "$work/console.log" || {
	echo "lab: the guest did not finish; console:" >&2
	tail -40 "$work/console.log" >&2
	exit 1
}

# Results: base64 blocks between =====BEGIN NAME===== and =====END=====.
mkdir -p "$out"
for name in $(sed -n 's/^=====BEGIN \(.*\)=====$/\1/p' "$work/console.log"); do
	sed -n "/^=====BEGIN $name=====\$/,/^=====END=====\$/p" "$work/console.log" | sed '1d;$d' | base64 -d > "$out/$name"
done
sed '/^=====BEGIN /,/^=====END=====/d' "$work/console.log" > "$out/console.log"
echo "$kver" > "$out/kernel.txt"
echo "lab: results in $out: $(cd "$out" && ls | tr '\n' ' ')" >&2
