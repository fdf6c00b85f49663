package corpus

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/zhixiao/zhixiao/internal/judgments"
	"github.com/zhixiao/zhixiao/internal/store"
)

// The 100,000-judgment benchmarks (scripts/bench_judgments.sh): the real
// texts of ../shared/data (501 criminal judgments of JuDGE and 1,000 fact
// paragraphs of CAIL2019-CJRC) replicated with varied 案号 up to
// $ZHIXIAO_BENCH_JUDGMENTS judgments (default 100,000), imported into a
// fresh SQLite file (or $ZHIXIAO_BENCH_PG), then queried.

func benchTexts(b *testing.B) []judgments.Judgment {
	b.Helper()
	dir := os.Getenv("ZHIXIAO_SHARED_DATA")
	if dir == "" {
		dir = filepath.Join("..", "..", "..", "..", "shared", "data")
	}
	f, err := os.Open(filepath.Join(dir, "judge_cn_judgment_generation", "test.jsonl"))
	if err != nil {
		b.Skip("../shared/data 不可用：", err)
	}
	defer f.Close()
	var base []judgments.Judgment
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		var d struct{ Fd string }
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			b.Fatal(err)
		}
		base = append(base, judgments.Judgment{Text: d.Fd})
	}
	set, err := judgments.LoadCJRC(dir)
	if err != nil {
		b.Fatal(err)
	}
	for _, d := range set.Docs {
		base = append(base, judgments.Judgment{Text: d.Judgment.Text})
	}
	return base
}

func benchSize() int {
	if n, err := strconv.Atoi(os.Getenv("ZHIXIAO_BENCH_JUDGMENTS")); err == nil && n > 0 {
		return n
	}
	return 100000
}

// replicate makes n judgments from the base texts, each with its own 案号;
// parsing is done once per base text (the replicas share it).
func replicate(base []judgments.Judgment, n int) []judgments.Judgment {
	parsed := make([]judgments.Judgment, len(base))
	for i := range base {
		parsed[i] = base[i]
		parsed[i].CaseNo = "x"
		judgments.Parse(&parsed[i])
	}
	out := make([]judgments.Judgment, n)
	for i := range out {
		j := parsed[i%len(parsed)]
		j.CaseNo = fmt.Sprintf("（%d）示%02d民初%d号", 2015+i%10, 1+i%50, i+1)
		j.Source = "bench"
		out[i] = j
	}
	return out
}

func benchDB(b *testing.B) (*store.DB, string) {
	b.Helper()
	if dsn := os.Getenv("ZHIXIAO_BENCH_PG"); dsn != "" {
		db, err := store.Open(context.Background(), dsn)
		if err != nil {
			b.Fatal(err)
		}
		return db, ""
	}
	path := filepath.Join(b.TempDir(), "judgments.db")
	db, err := store.Open(context.Background(), path)
	if err != nil {
		b.Fatal(err)
	}
	return db, path
}

// keptDB is the replicated corpus in a SQLite file kept between runs in
// $ZHIXIAO_BENCH_DIR (default $TMPDIR/zhixiao-bench), built on first use.
func keptDB(b *testing.B, js []judgments.Judgment) *store.DB {
	b.Helper()
	dir := os.Getenv("ZHIXIAO_BENCH_DIR")
	if dir == "" {
		dir = filepath.Join(os.TempDir(), "zhixiao-bench")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(dir, fmt.Sprintf("judgments_%d.db", len(js))))
	if err != nil {
		b.Fatal(err)
	}
	st, err := db.JudgmentStats(ctx)
	if err != nil {
		b.Fatal(err)
	}
	if st.Judgments != int64(len(js)) {
		if st.Judgments > 0 {
			b.Fatalf("%s holds %d judgments, not %d: remove it", dir, st.Judgments, len(js))
		}
		if err := Import(ctx, db, js, nil); err != nil {
			b.Fatal(err)
		}
	}
	return db
}

// cpuSeconds is the user and system time of the process so far: on a
// shared machine it tells the work apart from the waiting.
func cpuSeconds() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()).Seconds()
}

func fileSize(path string) int64 {
	var n int64
	for _, p := range []string{path, path + "-wal"} {
		if st, err := os.Stat(p); err == nil {
			n += st.Size()
		}
	}
	return n
}

// BenchmarkJudgmentsIndex imports the replicated corpus with its index:
// the time of `judgments import` on that many judgments, and the sizes.
func BenchmarkJudgmentsIndex(b *testing.B) {
	base := benchTexts(b)
	n := benchSize()
	js := replicate(base, n)
	judgments.Preload()
	for i := 0; i < b.N; i++ {
		db, path := benchDB(b)
		start, cpu0 := time.Now(), cpuSeconds()
		if err := Import(context.Background(), db, js, nil); err != nil {
			b.Fatal(err)
		}
		sec := time.Since(start).Seconds()
		b.ReportMetric(cpuSeconds()-cpu0, "cpu-s/import")
		st, err := db.JudgmentStats(context.Background())
		if err != nil {
			b.Fatal(err)
		}
		db.Close()
		b.ReportMetric(sec, "s/import")
		b.ReportMetric(float64(n)/sec, "judgments/s")
		b.ReportMetric(float64(st.IndexDiskBytes)/(1<<20), "index-MB")
		b.ReportMetric(float64(st.PostingBytes)/(1<<20), "postings-MB")
		b.ReportMetric(float64(st.TextBytes)/(1<<20), "text-MB")
		if path != "" {
			b.ReportMetric(float64(fileSize(path))/(1<<20), "db-file-MB")
		}
	}
}

// BenchmarkJudgmentsQuery loads the index of the replicated corpus from the
// database and runs queries (whole judgments by 案号, and short
// descriptions): ns/op is one query with its explanation; p50 and p95 are
// reported, with the load time and the heap the index holds.
func BenchmarkJudgmentsQuery(b *testing.B) {
	base := benchTexts(b)
	n := benchSize()
	js := replicate(base, n)
	db := keptDB(b, js)
	defer db.Close()
	ctx := context.Background()
	runtime.GC()
	var m0, m1 runtime.MemStats
	runtime.ReadMemStats(&m0)
	c := New(db)
	start := time.Now()
	ix, err := c.Index(ctx)
	if err != nil {
		b.Fatal(err)
	}
	load := time.Since(start).Seconds()
	runtime.GC()
	runtime.ReadMemStats(&m1)
	descriptions := []string{"被告借款后到期未还，原告持借条起诉要求归还借款本息", "被告人醉酒驾驶机动车被查获", "被告人秘密窃取他人手机", "交通事故致原告受伤，保险公司赔偿医疗费误工费", "夫妻感情破裂要求离婚，子女抚养"}
	var queries []string
	for i := 0; i < 40; i++ {
		queries = append(queries, "case:"+js[(i*7919)%len(js)].CaseNo)
	}
	queries = append(queries, descriptions...)
	var times []time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		q := queries[i%len(queries)]
		t0 := time.Now()
		var jq judgments.Query
		if len(q) > 5 && q[:5] == "case:" {
			if jq, _, err = QueryForCase(ctx, db, q[5:]); err != nil {
				b.Fatal(err)
			}
		} else {
			jq = judgments.QueryFromText(q)
		}
		hits, err := c.Search(ctx, jq)
		if err != nil || len(hits) == 0 {
			b.Fatalf("query %q: %d hits, %v", q, len(hits), err)
		}
		times = append(times, time.Since(t0))
	}
	b.StopTimer()
	sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
	b.ReportMetric(float64(times[len(times)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(times[len(times)*95/100].Microseconds())/1000, "p95-ms")
	b.ReportMetric(load, "load-s")
	b.ReportMetric(float64(int64(m1.HeapAlloc)-int64(m0.HeapAlloc))/(1<<20), "index-heap-MB")
	b.ReportMetric(float64(ix.Len()), "judgments")
}
