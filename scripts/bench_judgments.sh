#!/bin/sh
# bench_judgments.sh runs the benchmarks of issue 10 (类案推送) and prints
# their lines (benchstat reads them) followed by the figures the issue asks
# for, against its targets:
#   - BenchmarkJudgmentsIndex: `judgments import` of 100,000 judgments (the
#     real texts of ../shared/data replicated with varied 案号) into a fresh
#     SQLite file, with the index; the index's size on disk;
#   - BenchmarkJudgmentsQuery: queries against that corpus (whole judgments
#     by 案号 and short descriptions), p50 and p95 with the explanation.
# ZHIXIAO_BENCH_JUDGMENTS changes the size (default 100000); COUNT repeats
# the import (default 1); the queried corpus is kept in $ZHIXIAO_BENCH_DIR
# (default $TMPDIR/zhixiao-bench) between runs; OUT keeps the raw output.
# ZHIXIAO_BENCH_PG=postgres://... runs the import on PostgreSQL instead (an
# empty database).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
COUNT=${COUNT:-1}
export ZHIXIAO_BENCH_JUDGMENTS="${ZHIXIAO_BENCH_JUDGMENTS:-100000}"
OUT=${OUT:-${TMPDIR:-/tmp}/zhixiao-bench/out}
mkdir -p "$OUT"
if [ ! -f ../shared/data/judge_cn_judgment_generation/test.jsonl ] && [ -z "${ZHIXIAO_SHARED_DATA:-}" ]; then
	echo "bench_judgments.sh: ../shared/data missing (set ZHIXIAO_SHARED_DATA): skipped"
	exit 0
fi

echo "== 类案推送: import and index $ZHIXIAO_BENCH_JUDGMENTS judgments, then query them"
go test -run '^$' -bench 'BenchmarkJudgmentsIndex' -benchtime 1x -count "$COUNT" -timeout 2h ./internal/judgments/corpus | tee "$OUT/judgments_index.txt"
go test -run '^$' -bench 'BenchmarkJudgmentsQuery' -benchtime 300x -count 1 -timeout 2h ./internal/judgments/corpus | tee "$OUT/judgments_query.txt"

echo "== figures (targets: import < 300 s, query p50 < 50 ms)"
awk '
/^BenchmarkJudgmentsIndex/ { for (i = 3; i < NF; i++) v[$(i+1)] = $i
	printf "import: %.1f s for %s judgments (%.0f judgments/s, %.1f s of CPU), target < 300 s: %s\n", v["s/import"], ENVIRON["ZHIXIAO_BENCH_JUDGMENTS"], v["judgments/s"], v["cpu-s/import"], (v["s/import"] < 300 ? "met" : "NOT MET")
	printf "index on disk: %.1f MB (postings and segments tables with their keys; %.1f MB of encoded postings and terms); database file %.1f MB (texts %.1f MB)\n", v["index-MB"], v["postings-MB"], v["db-file-MB"], v["text-MB"] }
/^BenchmarkJudgmentsQuery/ { for (i = 3; i < NF; i++) q[$(i+1)] = $i
	printf "query: p50 %.2f ms, p95 %.2f ms, target p50 < 50 ms: %s\n", q["p50-ms"], q["p95-ms"], (q["p50-ms"] < 50 ? "met" : "NOT MET")
	printf "index load: %.1f s; index in memory: %.0f MB\n", q["load-s"], q["index-heap-MB"] }
' "$OUT/judgments_index.txt" "$OUT/judgments_query.txt"
