package indicator_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/zhixiao/zhixiao/internal/court"
	"github.com/zhixiao/zhixiao/internal/demo"
	"github.com/zhixiao/zhixiao/internal/importer"
	"github.com/zhixiao/zhixiao/internal/indicator"
	"github.com/zhixiao/zhixiao/internal/store"
)

// BenchmarkEngineVsSQL compares, on the demo data set of the benchmarks
// (3,000,000 cases, seed 1, or ZHIXIAO_BENCH_CASES), the full evaluation
// (every indicator, every judge, the first half of 2025) by the engine with
// the same indicators as one SQL query (store.IndicatorQuery) on the local
// PostgreSQL and on SQLite. The stored data sets are kept between runs: a
// SQLite file in ZHIXIAO_BENCH_DIR (default $TMPDIR/zhixiao-bench) and a
// PostgreSQL database zhixiao_bench_<cases>_s1 on ZHIXIAO_BENCH_PG (default
// the test server); delete them to rebuild. bench/duckdb runs the same query
// in DuckDB on the PostgreSQL copy, and scripts/bench.sh prints the ratios.
func BenchmarkEngineVsSQL(b *testing.B) {
	ctx := context.Background()
	n := benchCases()
	p := court.Period{From: court.DateOf(2025, 1, 1), To: court.DateOf(2025, 6, 30)}
	lite := openBenchDB(b, benchSQLitePath(b, n), n)
	var pg *store.DB
	if dsn, ok := benchPostgresDSN(b, n); ok {
		pg = openBenchDB(b, dsn, n)
	}
	// Issue 4: building the snapshot from SQLite for 3M cases in under 10 s.
	b.Run("snapshot-from-sqlite", func(b *testing.B) {
		for range b.N {
			if _, err := indicator.New(ctx, lite, nil); err != nil {
				b.Fatal(err)
			}
		}
	})
	e, err := indicator.New(ctx, lite, nil)
	if err != nil {
		b.Fatal(err)
	}
	q := indicator.Query{Period: p, By: indicator.ByJudge}
	if err := e.Prepare(q); err != nil {
		b.Fatal(err)
	}
	b.Run("engine", func(b *testing.B) {
		for range b.N {
			if _, err := e.Evaluate(q); err != nil {
				b.Fatal(err)
			}
		}
	})
	sqlBench := func(db *store.DB) func(b *testing.B) {
		return func(b *testing.B) {
			for range b.N {
				if _, err := db.IndicatorsSQL(ctx, p, store.GroupJudge, store.SQLFilter{}); err != nil {
					b.Fatal(err)
				}
			}
		}
	}
	if pg != nil {
		b.Run("postgres", sqlBench(pg))
	}
	if os.Getenv("ZHIXIAO_BENCH_SQLITE") != "0" {
		b.Run("sqlite", sqlBench(lite))
	}
}

func benchCases() int {
	if v, err := strconv.Atoi(os.Getenv("ZHIXIAO_BENCH_CASES")); err == nil && v > 0 {
		return v
	}
	return 3_000_000
}

// benchSQLitePath is the SQLite file of the data set of n cases.
func benchSQLitePath(b *testing.B, n int) string {
	dir := os.Getenv("ZHIXIAO_BENCH_DIR")
	if dir == "" {
		dir = filepath.Join(os.TempDir(), "zhixiao-bench")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		b.Fatal(err)
	}
	return filepath.Join(dir, fmt.Sprintf("demo_%d_s1.db", n))
}

// benchPostgresName is the PostgreSQL database of the data set of n cases.
func benchPostgresName(n int) string { return fmt.Sprintf("zhixiao_bench_%d_s1", n) }

// benchPostgresDSN returns the DSN of the benchmark database on the server,
// creating the database when missing; false when the server does not answer.
func benchPostgresDSN(b *testing.B, n int) (string, bool) {
	base := os.Getenv("ZHIXIAO_BENCH_PG")
	if base == "" {
		base = "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"
	}
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, base)
	if err != nil {
		b.Logf("PostgreSQL 不可达，跳过：%v", err)
		return "", false
	}
	defer conn.Close(ctx)
	name := benchPostgresName(n)
	var found int
	err = conn.QueryRow(ctx, "SELECT COUNT(*) FROM pg_database WHERE datname = $1", name).Scan(&found)
	if err == nil && found == 0 {
		_, err = conn.Exec(ctx, "CREATE DATABASE "+name)
	}
	if err != nil {
		b.Fatal(err)
	}
	cfg := conn.Config()
	return fmt.Sprintf("postgres://%s@%s:%d/%s?sslmode=disable", cfg.User, cfg.Host, cfg.Port, name), true
}

// openBenchDB opens dsn and, unless it already holds the demo data set of n
// cases, imports it (minutes for 3,000,000 cases).
func openBenchDB(b *testing.B, dsn string, n int) *store.DB {
	ctx := context.Background()
	db, err := store.Open(ctx, dsn)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	marker := fmt.Sprintf("bench-%d", n)
	runs, err := db.ImportRuns(ctx)
	if err != nil {
		b.Fatal(err)
	}
	for _, r := range runs {
		if r.Actor == marker && r.Result == store.ResultSuccess {
			return db
		}
	}
	if len(runs) != 0 {
		b.Fatalf("%s holds other data than the %d demo cases of the benchmark: delete it", dsn, n)
	}
	start := time.Now()
	ds := demo.Generate(demo.Config{Seed: 1, Cases: n})
	if _, err := importer.Load(ctx, db, importer.Dataset{Courts: ds.Courts, People: ds.People, Cases: ds.Cases,
		Funds: ds.Funds, Mediations: ds.Mediations}, "demo", marker); err != nil {
		b.Fatal(err)
	}
	if db.Dialect() == store.DialectPostgres {
		// The planner needs statistics of the fresh tables.
		conn, err := pgx.Connect(ctx, dsn)
		if err != nil {
			b.Fatal(err)
		}
		defer conn.Close(ctx)
		if _, err := conn.Exec(ctx, "ANALYZE"); err != nil {
			b.Fatal(err)
		}
	}
	b.Logf("imported %d demo cases into %s in %s", n, db.Dialect(), time.Since(start).Round(time.Second))
	return db
}
