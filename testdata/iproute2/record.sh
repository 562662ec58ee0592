#!/usr/bin/env bash
# Records what iproute2 sends for each command of a corpus, for the
# conformance test of nlbatch's iproute2 front end
# (batch/iproute2_conformance_test.go).
#
#   sudo testdata/iproute2/record.sh testdata/iproute2/ip-route.txt ...
#
# For CORPUS.txt it writes CORPUS.jsonl beside it. A corpus is a list of
# commands, one per line, each starting with ip, tc or bridge, run in
# order in one throw-away network namespace:
#
#   # a comment
#   @setup ip link add veth0 type veth peer name veth1   (run, not recorded)
#   @reset          (a fresh namespace: the corpus's @setup lines run again)
#   ip route add 10.0.0.0/8 dev veth0                     (recorded)
#
# Each recorded command gets one JSON line:
#   {"file": "ip-route.txt", "line": 12, "cmd": "ip route add ...",
#    "links": {"lo": 1, "veth0": 2, ...},   (the namespace's interfaces before it)
#    "sent": ["34000000180005060000...", ...],   (every request it sent, hex)
#    "exit": 0, "stderr": "..."}
# "sent" holds every netlink message the command sent that is not a GET
# request (iproute2 looks interface names up with RTM_GETLINK first),
# nlmsg_len bytes each, as strace saw them; commands the kernel rejects
# are recorded the same way, since iproute2 sends them anyway.
#
# Needs root, strace, python3 and iproute2. Never touches the root
# namespace.
set -euo pipefail
if [ "$(id -u)" != 0 ]; then
	echo "record.sh: must run as root (it creates network namespaces)" >&2
	exit 2
fi
for tool in strace python3 ip tc bridge; do
	command -v "$tool" >/dev/null || { echo "record.sh: $tool is not installed" >&2; exit 2; }
done
[ $# -gt 0 ] || { echo "usage: record.sh CORPUS.txt..." >&2; exit 2; }

ns=""
tmp=$(mktemp -d)
cleanup() {
	[ -n "$ns" ] && ip netns del "$ns" 2>/dev/null || true
	rm -rf "$tmp"
}
trap cleanup EXIT

fresh() {
	[ -n "$ns" ] && ip netns del "$ns" 2>/dev/null || true
	ns="nlbrec-$$-$RANDOM"
	ip netns add "$ns"
	ip -n "$ns" link set lo up
	local s
	for s in "${setup[@]}"; do
		# shellcheck disable=SC2086
		ip netns exec "$ns" $s >/dev/null 2>&1 || { echo "record.sh: setup failed: $s" >&2; exit 1; }
	done
}

for corpus in "$@"; do
	out="${corpus%.txt}.jsonl"
	setup=()
	while IFS= read -r line; do
		case $line in "@setup "*) setup+=("${line#@setup }") ;; esac
	done < "$corpus"
	fresh
	: > "$tmp/out"
	lineno=0
	while IFS= read -r line || [ -n "$line" ]; do
		lineno=$((lineno + 1))
		cmd="${line%%#*}"
		cmd="$(echo "$cmd" | sed -e 's/[[:space:]]*$//' -e 's/^[[:space:]]*//')"
		case $cmd in
		"" | "@setup "*) continue ;;
		"@reset") fresh; continue ;;
		esac
		ip -n "$ns" -o link show > "$tmp/links"
		status=0
		# sh splits the words and honours quotes, as iproute2's makeargs
		# does for these lines.
		ip netns exec "$ns" strace -f -qq -e trace=sendmsg,sendto -e write=all -o "$tmp/trace" sh -c "exec $cmd" \
			> /dev/null 2> "$tmp/stderr" || status=$?
		python3 - "$(basename "$corpus")" "$lineno" "$cmd" "$status" "$tmp/links" "$tmp/trace" "$tmp/stderr" >> "$tmp/out" <<'PY'
import json, re, struct, sys
name, lineno, cmd, status, links_f, trace_f, stderr_f = sys.argv[1:]
links = {}
for l in open(links_f):
    m = re.match(r'^(\d+):\s+([^:@\s]+)', l)
    if m:
        links[m.group(2)] = int(m.group(1))
# Hex dumps follow each sendmsg/sendto: " | 00000  34 00 ...  text |".
bufs, cur = [], None
for l in open(trace_f):
    if re.match(r'^(\d+\s+)?(sendmsg|sendto)\(', l):
        cur = bytearray()
        bufs.append(cur)
        continue
    m = re.match(r'^ \| [0-9a-f]{5}  (.{48})', l)
    if m and cur is not None:
        cur += bytes.fromhex(''.join(re.findall(r'[0-9a-f]{2}', m.group(1))))
sent = []
for b in bufs:
    off = 0
    while off + 16 <= len(b):
        n, typ, flags = struct.unpack_from('<IHH', b, off)
        if n < 16 or off + n > len(b):
            break
        # Requests only; not GET lookups (RTM_GET* is type % 4 == 2).
        if typ >= 16 and flags & 1 and typ % 4 != 2:
            sent.append(bytes(b[off:off + n]).hex())
        off += (n + 3) & ~3
print(json.dumps({"file": name, "line": int(lineno), "cmd": cmd, "links": links,
                  "sent": sent, "exit": int(status),
                  "stderr": open(stderr_f, errors='replace').read().strip()}))
PY
	done < "$corpus"
	mv "$tmp/out" "$out"
	echo "record.sh: wrote $out ($(wc -l < "$out") commands)" >&2
done
