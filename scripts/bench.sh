#!/bin/sh
# bench.sh runs the benchmarks of issue 4 (the indicator engine) on the demo
# data set of 3,000,000 cases and prints their lines (benchstat reads them)
# followed by the ratios the issue asks for:
#   - the engine's own benchmarks (internal/indicator: snapshot build, full
#     evaluation for every judge and court, one indicator for one unit);
#   - BenchmarkEngineVsSQL: the full evaluation by the engine and as one SQL
#     query (store.IndicatorQuery) on the local PostgreSQL and on SQLite;
#   - BenchmarkDuckDB (module bench/duckdb, cgo): the same query in DuckDB.
# The stored data sets are built on the first run (minutes) and kept: a SQLite
# file in $ZHIXIAO_BENCH_DIR (default $TMPDIR/zhixiao-bench) and the database
# zhixiao_bench_<cases>_s1 on the local PostgreSQL.
#
# COUNT (default 3) repeats each benchmark; ZHIXIAO_BENCH_CASES changes the
# size; SQLITE=0 leaves out the (slow) SQLite query; OUT (default
# $TMPDIR/zhixiao-bench/out) keeps the raw outputs for benchstat.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
COUNT=${COUNT:-3}
export ZHIXIAO_BENCH_CASES="${ZHIXIAO_BENCH_CASES:-3000000}"
export ZHIXIAO_BENCH_SQLITE="${SQLITE:-1}"
OUT=${OUT:-${TMPDIR:-/tmp}/zhixiao-bench/out}
mkdir -p "$OUT"

echo "== indicator engine, and the same indicators as one SQL query ($ZHIXIAO_BENCH_CASES demo cases)"
# run CMD... shows the output of CMD as it comes and fails when CMD fails.
run() {
	out=$1
	shift
	{ "$@" 2>&1; echo $? >"$OUT/status"; } | tee "$out"
	[ "$(cat "$OUT/status")" = 0 ] || { echo "bench.sh: $* failed" >&2; exit 1; }
}

run "$OUT/indicator.txt" go test -run '^$' -bench . -benchmem -count "$COUNT" -timeout 6h ./internal/indicator

echo "== the same query in DuckDB (in-process, cgo)"
run "$OUT/duckdb.txt" env CGO_ENABLED=1 go -C bench/duckdb test -run '^$' -bench DuckDB -count "$COUNT" -timeout 2h .

echo "== ratios (mean ns/op of the full evaluation: every indicator, every judge, 2025-01-01..2025-06-30)"
cat "$OUT/indicator.txt" "$OUT/duckdb.txt" | awk '
	/^BenchmarkEngineVsSQL\/engine/   { e += $3; ne++ }
	/^BenchmarkEngineVsSQL\/postgres/ { p += $3; np++ }
	/^BenchmarkEngineVsSQL\/sqlite/   { s += $3; ns++ }
	/^BenchmarkDuckDB/                { d += $3; nd++ }
	END {
		if (!ne) { print "no engine figure"; exit 1 }
		e /= ne
		printf "engine     %12.1f ms\n", e / 1e6
		if (np) printf "PostgreSQL %12.1f ms   %8.1f x the engine (issue 4 asks >= 30)\n", p / np / 1e6, p / np / e
		if (ns) printf "SQLite     %12.1f ms   %8.1f x the engine\n", s / ns / 1e6, s / ns / e
		if (nd) printf "DuckDB     %12.1f ms   %8.1f x the engine\n", d / nd / 1e6, d / nd / e
	}' | tee "$OUT/ratios.txt"
