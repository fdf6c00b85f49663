#!/bin/sh
# bench_supervision.sh measures the 督办 module (issue 7) and prints its
# benchmark lines (benchstat reads them) followed by the figures the issue
# asks for:
#   - BenchmarkSupervisionNightly: the nightly warning job (read the pending
#     cases, evaluate the rules in memory, write what changed, open / close /
#     escalate 督办单) on the 3,000,000-case demo data in SQLite; target < 10 s.
#     It runs on a copy of the data set of scripts/bench.sh
#     ($ZHIXIAO_BENCH_DIR/demo_<cases>_s1.db), built with `zhixiao demo` when
#     missing (minutes); the copy is removed afterwards.
#   - BenchmarkSupervisionBoard: the 作战图 of a plan with 500 measures,
#     server time p50/p99; target < 200 ms.
# COUNT (default 3) repeats each benchmark.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
COUNT=${COUNT:-3}
CASES=${ZHIXIAO_BENCH_CASES:-3000000}
DIR=${ZHIXIAO_BENCH_DIR:-${TMPDIR:-/tmp}/zhixiao-bench}
OUT=${OUT:-$DIR/out}
mkdir -p "$DIR" "$OUT"
src="$DIR/demo_${CASES}_s1.db"
if [ ! -f "$src" ]; then
	echo "== building $src ($CASES demo cases)"
	go build -o "$DIR/zhixiao" ./cmd/zhixiao
	"$DIR/zhixiao" demo --db "$src" --cases "$CASES" --seed 1
fi
work="$DIR/supervision_${CASES}.db"
cp "$src" "$work"
rm -f "$work-wal" "$work-shm"
trap 'rm -f "$work" "$work-wal" "$work-shm"' EXIT

echo "== 督办: nightly warning job on $CASES cases (SQLite)"
ZHIXIAO_BENCH_DB="$work" go test -run '^$' -bench 'BenchmarkSupervisionNightly' -benchtime 3x -count "$COUNT" -timeout 1h ./internal/store | tee "$OUT/supervision_nightly.txt"
echo "== 督办: 作战图 of a plan with 500 measures"
go test -run '^$' -bench 'BenchmarkSupervisionBoard' -benchtime 50x -count "$COUNT" -timeout 30m ./internal/web | tee "$OUT/supervision_board.txt"

echo "== 督办: figures (issue 7 targets: nightly job < 10 s on 3M cases; 作战图 of 500 measures < 200 ms)"
cat "$OUT/supervision_nightly.txt" "$OUT/supervision_board.txt" | awk '
	/^BenchmarkSupervisionNightly/ { n++; t += $3; for (i = 4; i < NF; i++) if ($(i+1) == "first-run-ms") f += $i }
	/^BenchmarkSupervisionBoard/   { m++; for (i = 4; i < NF; i++) { if ($(i+1) == "p50-ms") p50 += $i; if ($(i+1) == "p99-ms") p99 += $i } }
	END {
		if (n) printf "nightly warning job  %8.2f s a night (first run, writing every warning: %.2f s)\n", t / n / 1e9, f / n / 1000
		if (m) printf "作战图 500 measures   p50 %6.1f ms   p99 %6.1f ms\n", p50 / m, p99 / m
	}'
