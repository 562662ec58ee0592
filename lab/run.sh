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
# scenario instead of lab/scenarios/matrix/*.list), LAB_ARCH (amd64, the
# default, or s390x: see below).
#
# LAB_ARCH=s390x runs the same guest on a big-endian machine, where
# netlink (host-endian) carries big-endian payloads: Debian's s390x kernel,
# busybox-static, iproute2, tcpdump and ethtool under qemu-system-s390x
# (qemu-system-misc). The s390x packages, and the shared libraries they
# load, are fetched once with apt-get download (adding the s390x
# architecture to dpkg) and unpacked into $XDG_CACHE_HOME/nlbatch-lab/s390x
# ($HOME/.cache when unset): later runs need no network. Remove that
# directory to fetch a newer kernel.
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

arch=${LAB_ARCH:-amd64}
case $arch in
amd64 | s390x) ;;
*) echo "lab: LAB_ARCH=$arch: amd64 or s390x" >&2; exit 2 ;;
esac
tools=(ip tc bridge tcpdump ethtool genl)

# The guest's own tree for s390x (empty for amd64, whose guest takes the
# host's files): Debian's packages unpacked, modules.dep made by depmod.
sys=
s390x_cache=${XDG_CACHE_HOME:-$HOME/.cache}/nlbatch-lab/s390x

# needed FILE: the sonames an ELF file of any architecture names, read
# with readelf since the host's ldd cannot run a foreign binary.
needed() { readelf -d "$1" | sed -n 's/.*(NEEDED).*\[\(.*\)\]$/\1/p'; }
# find_lib SYSROOT SONAME: the library's path in the guest, where its
# loader (no ld.so.cache there) looks: the multiarch directories first.
find_lib() {
	local d
	for d in /lib/s390x-linux-gnu /usr/lib/s390x-linux-gnu /lib /usr/lib; do
		[ -e "$1$d/$2" ] && { echo "$d/$2"; return 0; }
	done
	return 1
}
# tool_path SYSROOT NAME: where a package put a command (a file, not one
# of the compatibility symlinks such as /sbin/ip -> /bin/ip).
tool_path() {
	local d
	for d in /usr/sbin /usr/bin /sbin /bin; do
		[ -f "$1$d/$2" ] && [ ! -L "$1$d/$2" ] && { echo "$d/$2"; return 0; }
	done
	return 1
}
# elf_closure SYSROOT FILE...: the loader and every library the files
# load, directly or not, one path a line; "missing SONAME" for those not
# in the sysroot.
elf_closure() {
	local sr=$1 f lib so
	shift
	local -A done_=()
	local queue=("$@")
	while [ ${#queue[@]} -gt 0 ]; do
		f=${queue[0]}
		queue=("${queue[@]:1}")
		for so in $(needed "$sr$f"); do
			[ -n "${done_[$so]:-}" ] && continue
			done_[$so]=1
			if lib=$(find_lib "$sr" "$so"); then
				echo "$lib"
				queue+=("$lib")
			else
				echo "missing $so"
			fi
		done
	done
	readelf -l "$sr$1" | sed -n 's/.*\[Requesting program interpreter: \(.*\)\]$/\1/p'
}
# fetch_s390x: downloads and unpacks the s390x packages into the cache.
# The libraries are found from the missing sonames: each round fetches
# the library packages (lib*, zlib1g) that the fetched ones depend on,
# until nothing the commands load is missing.
fetch_s390x() {
	local new=$s390x_cache.new kpkg round deb dep missing paths=() t p archs deps kernels
	local -A have=()
	# Here-strings, not pipes into grep -q or head: under pipefail, the
	# writer's SIGPIPE when the reader stops early would read as a failure.
	archs=$(dpkg --print-foreign-architectures)
	if ! grep -qx s390x <<< "$archs"; then
		echo "lab: adding the s390x architecture to dpkg" >&2
		dpkg --add-architecture s390x
		apt-get update -qq
	fi
	apt-cache show busybox-static:s390x >/dev/null 2>&1 || apt-get update -qq
	deps=$(apt-cache depends linux-image-s390x:s390x)
	kpkg=$(sed -n 's/^ *Depends: \(linux-image-[0-9][^:]*\).*/\1/p' <<< "$deps" | sed -n 1p)
	[ -n "$kpkg" ] || { echo "lab: no kernel package behind linux-image-s390x" >&2; exit 2; }
	rm -rf "$new"
	mkdir -p "$new/debs" "$new/root"
	local want=("$kpkg" busybox-static iproute2 tcpdump ethtool)
	for round in 1 2 3 4 5 6 7 8; do
		echo "lab: fetching s390x ${want[*]}" >&2
		mkdir -p "$new/round"
		# As root, apt's download sandbox user cannot write here: say
		# so rather than have apt warn.
		(cd "$new/round" && apt-get download -qq -o APT::Sandbox::User=root "${want[@]/%/:s390x}")
		for deb in "$new/round"/*.deb; do
			dpkg-deb -x "$deb" "$new/root"
			mv "$deb" "$new/debs/"
		done
		rmdir "$new/round"
		for dep in "${want[@]}"; do have[$dep]=1; done
		paths=()
		for t in "${tools[@]}"; do
			p=$(tool_path "$new/root" "$t") || { echo "lab: no $t in the s390x packages" >&2; exit 2; }
			paths+=("$p")
		done
		missing=$(elf_closure "$new/root" "${paths[@]}" | sed -n 's/^missing //p')
		[ -z "$missing" ] && break
		want=()
		for dep in $(for deb in "$new/debs"/*.deb; do dpkg-deb -f "$deb" Depends Pre-Depends | sed 's/^[^:]*://' | tr ',' '\n'; done |
			sed 's/|.*//; s/(.*//; s/:any//; s/ //g' | grep -E '^(lib|zlib)' | sort -u); do
			[ -n "${have[$dep]:-}" ] && continue
			have[$dep]=1
			# Architecture: all packages (libtirpc-common...) hold no
			# library, and apt has no s390x candidate for them.
			[ "$(apt-cache show --no-all-versions "$dep:s390x" 2>/dev/null | sed -n 's/^Architecture: //p')" = s390x ] &&
				want+=("$dep")
		done
		[ ${#want[@]} -gt 0 ] || { echo "lab: s390x libraries not found in any dependency: $missing" >&2; exit 2; }
	done
	[ -z "$missing" ] || { echo "lab: s390x libraries still missing: $missing" >&2; exit 2; }
	kernels=("$new/root"/boot/vmlinuz-*)
	depmod -b "$new/root" "${kernels[0]##*/vmlinuz-}"
	rm -rf "$s390x_cache"
	mv "$new" "$s390x_cache"
}

if [ "$arch" = s390x ]; then
	need=()
	command -v qemu-system-s390x >/dev/null || need+=(qemu-system-misc)
	for t in readelf:binutils depmod:kmod dpkg-deb:dpkg; do
		command -v "${t%%:*}" >/dev/null || need+=("${t#*:}")
	done
	if [ ${#need[@]} -gt 0 ]; then
		echo "lab: installing ${need[*]}" >&2
		export DEBIAN_FRONTEND=noninteractive
		apt-get update -qq
		apt-get install -y -qq "${need[@]}" >/dev/null
	fi
	[ -d "$s390x_cache/root" ] || fetch_s390x
	sys=$s390x_cache/root
	# busybox-static from Debian has every applet the guest uses.
	busybox=$sys/bin/busybox
	kernel=$(ls "$sys"/boot/vmlinuz-*-s390x | sort -V | tail -1)
	kver=${kernel##*/vmlinuz-}
	moddir=$sys/lib/modules/$kver
else
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
fi
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
if [ -n "$sys" ]; then
	# From the s390x tree, at the paths the packages use, with the
	# libraries and the loader (/lib/ld64.so.1) that readelf names.
	paths=()
	for b in "${tools[@]}"; do paths+=("$(tool_path "$sys" "$b")"); done
	for p in "${paths[@]}" $(elf_closure "$sys" "${paths[@]}"); do
		mkdir -p "$root$(dirname "$p")"
		cp -L "$sys$p" "$root$p"
	done
else
	for b in "${tools[@]}"; do
		p=$(command -v "$b" || true)
		[ -n "$p" ] && copy_bin "$(readlink -f "$p")" && [ "$(readlink -f "$p")" != "$p" ] && ln -sf "$(readlink -f "$p")" "$root$p"
	done
fi
CGO_ENABLED=0 GOARCH=$arch go build -o "$root/usr/bin/nlbatch" ./cmd/nlbatch
CGO_ENABLED=0 GOARCH=$arch go build -o "$root/usr/bin/nldump" ./cmd/nldump
CGO_ENABLED=0 GOARCH=$arch go build -o "$root/usr/bin/goapi" ./lab/goapi
printf 'root:x:0:0:root:/root:/bin/sh\ntcpdump:x:0:0::/:/bin/sh\n' > "$root/etc/passwd"
printf 'root:x:0:\ntcpdump:x:0:\n' > "$root/etc/group"
cp -r "$sys/etc/iproute2" "$root/etc/" 2>/dev/null || true

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
if [ "$arch" = s390x ]; then
	# The SCLP line console is what -nographic puts on stdio.
	qemu=(qemu-system-s390x -M s390-ccw-virtio -cpu max -append "console=ttysclp0 quiet panic=-1 rdinit=/init")
else
	qemu=(qemu-system-x86_64 -accel tcg -append "console=ttyS0 quiet panic=-1 rdinit=/init")
fi
timeout "${LAB_TIMEOUT:-300}" "${qemu[@]}" -m "${LAB_MEM:-1024}" -smp 1 -nographic -no-reboot \
	-kernel "$kernel" -initrd "$work/initramfs.gz" > "$work/console.raw" 2>&1 || {
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
# The guest's iproute2 is not the host's there: say which it was.
[ -z "$sys" ] || dpkg-deb -f "$s390x_cache"/debs/iproute2_*.deb Version | sed 's/-[^-]*$//' > "$out/iproute2.txt"
echo "lab: results in $out: $(cd "$out" && ls | tr '\n' ' ')" >&2
