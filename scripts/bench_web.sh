#!/bin/sh
# bench_web.sh measures the web app (issue 5): the dashboard's server time
# (go benchmark, p50/p99) and a load test with wrk from a second process
# (50 connections, 30 s, logged in) against `zhixiao serve` on the demo data.
# Only 127.0.0.1 is targeted. CASES sets the size of the demo data
# (default 150000); DURATION the wrk run (default 30s).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
CASES=${CASES:-150000}
DURATION=${DURATION:-30s}
PORT=${PORT:-18181}
work=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT INT TERM

command -v wrk >/dev/null 2>&1 || { echo "bench_web.sh: wrk missing (apt-get install wrk)" >&2; exit 1; }
go build -o "$work/zhixiao" ./cmd/zhixiao
"$work/zhixiao" demo --db "$work/bench.db" --cases "$CASES" >/dev/null
echo "== dashboard server time, $CASES cases (go benchmark)"
ZHIXIAO_BENCH_DB="$work/bench.db" go test -run XXX -bench BenchmarkDashboard -benchtime 100x ./internal/web | grep Benchmark

"$work/zhixiao" serve --db "$work/bench.db" --addr "127.0.0.1:$PORT" --demo-accounts >"$work/serve.log" 2>&1 &
pid=$!
base="http://127.0.0.1:$PORT"
for _ in $(seq 1 120); do
	grep -q "指标快照已载入" "$work/serve.log" 2>/dev/null && break
	sleep 1
done
jar="$work/cookies"
token=$(curl -s -c "$jar" -b "$jar" "$base/login" | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -1)
curl -s -c "$jar" -b "$jar" -o /dev/null --data-urlencode login=yuanzhang --data-urlencode password=zhixiao-demo1 \
	--data-urlencode csrf="$token" "$base/login"
session=$(awk '$6 == "zx_session" { print $7 }' "$jar")
[ -n "$session" ] || { echo "bench_web.sh: login failed" >&2; cat "$work/serve.log" >&2; exit 1; }
url="$base/units/court/1?p=year"
code=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: zx_session=$session" "$url")
[ "$code" = 200 ] || { echo "bench_web.sh: dashboard answered $code" >&2; exit 1; }
echo "== wrk: 50 connections, $DURATION, logged in, $url"
wrk -t2 -c50 -d"$DURATION" --latency -H "Cookie: zx_session=$session" "$url"
