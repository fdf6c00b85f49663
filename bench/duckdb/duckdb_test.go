package duckdb

import (
	"context"
	"fmt"
	"math"
	"os"
	"testing"

	"github.com/zhixiao/zhixiao/internal/court"
	"github.com/zhixiao/zhixiao/internal/demo"
	"github.com/zhixiao/zhixiao/internal/importer"
	"github.com/zhixiao/zhixiao/internal/store"
	"github.com/zhixiao/zhixiao/internal/store/storetest"
)

// TestDuckDBAgreesWithPostgres checks the DuckDB dialect of the query: on a
// small demo data set, DuckDB must give PostgreSQL's figures.
func TestDuckDBAgreesWithPostgres(t *testing.T) {
	ctx := context.Background()
	dsn := storetest.DSN(t, store.DialectPostgres)
	pg, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer pg.Close()
	ds := demo.Generate(demo.Config{Seed: 3, Cases: 5000})
	if _, err := importer.Load(ctx, pg, importer.Dataset{Courts: ds.Courts, People: ds.People, Cases: ds.Cases,
		Funds: ds.Funds, Mediations: ds.Mediations}, "demo", "duckdb"); err != nil {
		t.Fatal(err)
	}
	duck, err := Load(ctx, dsn, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer duck.Close()
	p := court.Period{From: court.DateOf(2025, 1, 1), To: court.DateOf(2025, 6, 30)}
	for _, by := range []store.SQLGrouping{store.GroupAll, store.GroupCourt, store.GroupDepartment, store.GroupJudge} {
		for _, f := range []store.SQLFilter{{}, {Kind: "民事"}} {
			want, err := pg.IndicatorsSQL(ctx, p, by, f)
			if err != nil {
				t.Fatal(err)
			}
			q, err := store.IndicatorQuery(store.DialectDuckDB, p, by, f)
			if err != nil {
				t.Fatal(err)
			}
			rows, err := duck.QueryContext(ctx, q)
			if err != nil {
				t.Fatalf("%s: %v", by, err)
			}
			got, err := store.ScanIndicators(rows, p, by)
			rows.Close()
			if err != nil {
				t.Fatal(err)
			}
			compare(t, fmt.Sprintf("%s %v", by, f), got, want)
		}
	}
}

func compare(t *testing.T, name string, got, want []store.SQLResult) {
	t.Helper()
	key := func(r store.SQLResult) string { return r.Unit + " " + r.Indicator }
	m := map[string]store.SQLResult{}
	for _, r := range want {
		m[key(r)] = r
	}
	if len(got) != len(want) || len(want) == 0 {
		t.Errorf("%s: DuckDB %d results, PostgreSQL %d", name, len(got), len(want))
	}
	bad := 0
	for _, g := range got {
		w, ok := m[key(g)]
		if !ok || !same(g.Numerator, w.Numerator) || !same(g.Denominator, w.Denominator) || !same(g.Value, w.Value) {
			if bad++; bad <= 10 {
				t.Errorf("%s: %s: DuckDB %v, PostgreSQL %v", name, key(g), show(g), show(w))
			}
		}
	}
}

func same(a, b *float64) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return math.Abs(*a-*b) <= 1e-9*math.Max(1, math.Abs(*b))
}

func show(r store.SQLResult) string {
	f := func(p *float64) string {
		if p == nil {
			return "—"
		}
		return fmt.Sprint(*p)
	}
	return f(r.Numerator) + "/" + f(r.Denominator) + "=" + f(r.Value)
}

// BenchmarkDuckDB runs the indicator query (every indicator, every judge, the
// first half of 2025) in DuckDB on a copy of the PostgreSQL benchmark
// database zhixiao_bench_<cases>_s1 that the main module's
// BenchmarkEngineVsSQL builds (run it first; scripts/bench.sh does).
func BenchmarkDuckDB(b *testing.B) {
	ctx := context.Background()
	n := 3_000_000
	if v := os.Getenv("ZHIXIAO_BENCH_CASES"); v != "" {
		fmt.Sscan(v, &n)
	}
	dsn := os.Getenv("ZHIXIAO_BENCH_PG_DB")
	if dsn == "" {
		dsn = fmt.Sprintf("postgres://postgres@127.0.0.1:5432/zhixiao_bench_%d_s1?sslmode=disable", n)
	}
	duck, err := Load(ctx, dsn, b.TempDir())
	if err != nil {
		b.Skipf("no PostgreSQL benchmark database (run BenchmarkEngineVsSQL first): %v", err)
	}
	defer duck.Close()
	p := court.Period{From: court.DateOf(2025, 1, 1), To: court.DateOf(2025, 6, 30)}
	q, err := store.IndicatorQuery(store.DialectDuckDB, p, store.GroupJudge, store.SQLFilter{})
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for range b.N {
		rows, err := duck.QueryContext(ctx, q)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := store.ScanIndicators(rows, p, store.GroupJudge); err != nil {
			b.Fatal(err)
		}
		rows.Close()
	}
}
