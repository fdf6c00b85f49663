#!/bin/sh
# bench_assessment.sh measures the 绩效考核 (issue 6) on the demo data set
# (default 3,000,000 cases, generated in memory; its courts and people in a
# fresh SQLite file):
#   - BenchmarkAssessmentMonth: computing and storing one month's scores of
#     every person of every court under the default schemes (target: 5,000
#     people in under 2 s);
#   - BenchmarkAssessmentExplanation: the server time of one score's
#     explanation page (target: under 100 ms), p50 and p99.
# The benchmark lines are benchstat-friendly. COUNT (default 3) repeats
# them; ZHIXIAO_BENCH_CASES changes the size; OUT keeps the raw output.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
COUNT=${COUNT:-3}
export ZHIXIAO_BENCH_CASES="${ZHIXIAO_BENCH_CASES:-3000000}"
OUT=${OUT:-${TMPDIR:-/tmp}/zhixiao-bench/out}
mkdir -p "$OUT"
echo "== 绩效考核: a month's scores and the explanation page ($ZHIXIAO_BENCH_CASES demo cases)"
go test -run '^$' -bench 'Assessment' -benchtime 5x -count "$COUNT" -timeout 2h ./internal/web | tee "$OUT/assessment.txt"
awk '
	/^BenchmarkAssessmentMonth/       { for (i = 1; i < NF; i++) { if ($(i+1) == "ms/month") m += $i; if ($(i+1) == "people") p = $i }; nm++ }
	/^BenchmarkAssessmentExplanation/ { for (i = 1; i < NF; i++) { if ($(i+1) == "p50-ms") e += $i; if ($(i+1) == "p99-ms") q += $i }; ne++ }
	END {
		if (nm) printf "month:       %d people, %.0f ms (issue 6 asks 5,000 people under 2000 ms)\n", p, m / nm
		if (ne) printf "explanation: p50 %.2f ms, p99 %.2f ms (issue 6 asks under 100 ms)\n", e / ne, q / ne
	}' "$OUT/assessment.txt"
