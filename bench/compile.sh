#!/usr/bin/env bash
# Times the batch compiler and pyroute2's IPBatch on the same N IPv4 route
# adds, in one run. Needs Go and Debian's python3-pyroute2 (0.7.2).
set -euo pipefail
cd "$(dirname "$0")/.."
N=${BENCH_ROUTES:-100000}
PY=${PYTHON:-/usr/bin/python3}
if ! "$PY" -c 'import pyroute2' 2>/dev/null; then
	echo "compile.sh: $PY cannot import pyroute2 (apt-get install python3-pyroute2)" >&2
	exit 2
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/compilebench" ./bench/compilebench
"$tmp/compilebench" -routes "$N" > "$tmp/go.tsv"
"$PY" - "$N" > "$tmp/py.tsv" <<'PYEOF'
import sys, time
from pyroute2 import IPBatch
n = int(sys.argv[1])
best = None
for _ in range(3):
    b = IPBatch()
    start = time.perf_counter()
    for i in range(n):
        b.route('add', dst='11.%d.%d.0/24' % ((i >> 16) & 255, (i >> 8) & 255), gateway='10.255.0.2', oif=2)
    d = time.perf_counter() - start
    best = d if best is None or d < best else best
print('pyroute2\t%d\t%.4f\t%.0f' % (n, best, n / best))
PYEOF
py=$(cut -f4 "$tmp/py.tsv")
echo "route adds: $N; best of several runs; $(nproc) CPUs; $(go version | cut -d' ' -f3); pyroute2 $(dpkg-query -W -f='${Version}' python3-pyroute2 2>/dev/null || echo unknown)"
printf '| %-30s | %12s | %14s | %12s |\n' compiler seconds messages/s "vs pyroute2"
printf '|%s|%s|%s|%s|\n' "--------------------------------" "-------------:" "---------------:" "-------------:"
while IFS=$'\t' read -r name n secs rate; do
	case $name in
	typed) label="nlbatch, typed Go API" ;;
	json) label="nlbatch, from JSON" ;;
	*) label="pyroute2 IPBatch.route('add')" ;;
	esac
	ratio=$(awk -v a="$rate" -v b="$py" 'BEGIN { printf "%.0fx", a / b }')
	printf '| %-30s | %12s | %14s | %12s |\n' "$label" "$secs" "$rate" "$ratio"
done < <(cat "$tmp/go.tsv" "$tmp/py.tsv")
