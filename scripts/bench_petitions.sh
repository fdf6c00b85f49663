#!/bin/sh
# bench_petitions.sh runs the benchmarks of issue 8 (群众诉求) and prints
# their lines (benchstat reads them) followed by a summary in milliseconds:
#   - internal/petitions: one feedback deadline on the holiday calendar, the
#     monthly bulletin over 10,000 requests, one tracking code with its hashes;
#   - internal/store: one request recorded at the window (SQLite and the
#     local PostgreSQL), one tracking lookup among 5,000 requests, the monthly
#     bulletin read from 5,000 stored requests, one escalation run.
# COUNT (default 3) repeats each benchmark; OUT (default
# $TMPDIR/zhixiao-bench/out) keeps the raw outputs.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
COUNT=${COUNT:-3}
OUT=${OUT:-${TMPDIR:-/tmp}/zhixiao-bench/out}
mkdir -p "$OUT"

echo "== 群众诉求 (issue 8)"
go test -run '^$' -bench . -benchmem -count "$COUNT" ./internal/petitions | tee "$OUT/petitions.txt"
go test -run '^$' -bench 'Petition' -benchtime 200x -count "$COUNT" ./internal/store | tee "$OUT/petitions_store.txt"

echo "== summary (mean per operation)"
cat "$OUT/petitions.txt" "$OUT/petitions_store.txt" | awk '
/^Benchmark/ { name = $1; sub(/-[0-9]+$/, "", name); sum[name] += $3; n[name]++ }
END {
	for (k in sum) printf "%-40s %12.3f ms\n", k, sum[k] / n[k] / 1e6
}' | sort
