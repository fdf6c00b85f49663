package indicator

import (
	"context"
	"os"
	"runtime"
	"strconv"
	"sync"
	"testing"

	"github.com/zhixiao/zhixiao/internal/demo"
)

// The benchmarks run on 示例市 with 3,000,000 cases (a province's year), or
// ZHIXIAO_BENCH_CASES cases; the data set is generated once per run.
var bench struct {
	once   sync.Once
	src    *memSource
	engine *Engine
}

// benchQuery is the period of the benchmarks: the first half of 2025.
var benchQuery = Query{Period: period("2025-01-01", "2025-06-30")}

func benchSource(b *testing.B) *memSource {
	bench.once.Do(func() {
		n := 3_000_000
		if v, err := strconv.Atoi(os.Getenv("ZHIXIAO_BENCH_CASES")); err == nil && v > 0 {
			n = v
		}
		ds := demo.Generate(demo.Config{Seed: 1, Cases: n})
		bench.src = &memSource{courts: ds.Courts, people: ds.People, cases: ds.Cases, funds: ds.Funds, meds: ds.Mediations}
	})
	return bench.src
}

// benchEngine builds the engine once and then lets the data set go, so that
// the evaluations run with the heap a server has: the snapshot, not the
// cases it was built from.
func benchEngine(b *testing.B) *Engine {
	if bench.engine == nil {
		e, err := New(context.Background(), benchSource(b), nil)
		if err != nil {
			b.Fatal(err)
		}
		if err := e.Prepare(benchQuery); err != nil {
			b.Fatal(err)
		}
		bench.engine = e
		bench.src, bench.once = nil, sync.Once{}
		runtime.GC()
	}
	return bench.engine
}

// BenchmarkSnapshotBuild builds the snapshot and compiles the plan in force
// (the Source is in memory, so its own time is nil).
func BenchmarkSnapshotBuild(b *testing.B) {
	src := benchSource(b)
	b.ResetTimer()
	c0 := processCPU()
	var e *Engine
	for range b.N {
		var err error
		if e, err = New(context.Background(), src, nil); err != nil {
			b.Fatal(err)
		}
		if err := e.Prepare(benchQuery); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(processCPU()-c0)/float64(b.N)/1e6, "cpu-ms/op")
	s := e.Snapshot()
	b.ReportMetric(float64(s.MemoryBytes())/float64(s.Len()), "bytes/case")
	b.ReportMetric(float64(s.Len()), "cases")
}

// evaluate runs q b.N times and reports, besides the wall time, the CPU
// time of an evaluation (both cores together): on a shared machine the wall
// time says as much about the neighbours as about the engine.
func evaluate(b *testing.B, e *Engine, q Query) {
	b.ResetTimer()
	c0 := processCPU()
	for range b.N {
		if _, err := e.Evaluate(q); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(processCPU()-c0)/float64(b.N)/1e6, "cpu-ms/op")
}

// BenchmarkEvaluateAllJudges evaluates every indicator for every judge unit.
func BenchmarkEvaluateAllJudges(b *testing.B) {
	e := benchEngine(b)
	q := benchQuery
	q.By = ByJudge
	evaluate(b, e, q)
}

// BenchmarkEvaluateAllCourts evaluates every indicator for every court.
func BenchmarkEvaluateAllCourts(b *testing.B) {
	e := benchEngine(b)
	q := benchQuery
	q.By = ByCourt
	evaluate(b, e, q)
}

// BenchmarkOneIndicatorOneUnit is what a dashboard tile asks: one indicator
// for one unit (a basic court, a judge, and the whole data set).
func BenchmarkOneIndicatorOneUnit(b *testing.B) {
	e := benchEngine(b)
	courts := e.Units(ByCourt)
	judges := e.Units(ByJudge)
	for _, c := range []struct{ name, unit, id string }{
		{"court/closure_rate", courts[len(courts)-1].Name, "closure_rate"},
		{"court/median_days", courts[len(courts)-1].Name, "median_days"},
		{"judge/weighted_closed", judges[len(judges)/2].Name, "weighted_closed"},
		{"all/closure_rate", AllUnit, "closure_rate"},
	} {
		b.Run(c.name, func(b *testing.B) {
			q := benchQuery
			q.Unit, q.Indicators = c.unit, []string{c.id}
			evaluate(b, e, q)
		})
	}
}

// BenchmarkDrillDown lists the cases behind a court's closure rate.
func BenchmarkDrillDown(b *testing.B) {
	e := benchEngine(b)
	q := benchQuery
	q.Unit = e.Units(ByCourt)[1].Name
	for range b.N {
		if _, err := e.DrillDown(q, "closure_rate", PartNumerator); err != nil {
			b.Fatal(err)
		}
	}
}
