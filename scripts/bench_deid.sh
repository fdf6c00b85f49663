#!/bin/sh
# bench_deid.sh measures de-identification (issue 9, part 3) on the 501 real
# judgments of ../shared/data/judge_cn_judgment_generation: the time per
# judgment and the speed in MB of text per second (the issue asks >= 1 MB/s),
# for both settings, for one 1 MB document, and for a DOCX of 100 judgments.
# The benchmark lines are benchstat's input; COUNT (default 5) repeats them;
# OUT (default $TMPDIR/zhixiao-bench/out) keeps the raw output.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
COUNT=${COUNT:-5}
OUT=${OUT:-${TMPDIR:-/tmp}/zhixiao-bench/out}
mkdir -p "$OUT"

echo "== de-identification (internal/deid) on the 501 JuDGE judgments"
go test -run '^$' -bench 'BenchmarkDeid' -benchmem -count "$COUNT" -timeout 30m ./internal/deid | tee "$OUT/deid.txt"

echo "== summary (mean of $COUNT runs; issue 9 asks >= 1 MB/s)"
awk '
	/^BenchmarkDeid/ {
		name = $1; sub(/-[0-9]+$/, "", name)
		for (i = 2; i <= NF; i++) {
			if ($i == "MB/s") { mbs[name] += $(i-1) }
			if ($i == "ns/judgment") { nsj[name] += $(i-1) }
		}
		n[name]++
	}
	END {
		for (k in n) {
			line = sprintf("%-34s %8.2f MB/s", k, mbs[k] / n[k])
			if (nsj[k]) line = line sprintf("   %8.3f ms per judgment", nsj[k] / n[k] / 1e6)
			line = line ((mbs[k] / n[k] >= 1) ? "   (>= 1 MB/s: ok)" : "   (below 1 MB/s)")
			print line
		}
	}' "$OUT/deid.txt" | sort | tee "$OUT/deid_summary.txt"
