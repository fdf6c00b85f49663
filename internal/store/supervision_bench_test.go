package store_test

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/zhixiao/zhixiao/internal/auth"
	"github.com/zhixiao/zhixiao/internal/court"
	"github.com/zhixiao/zhixiao/internal/store"
)

// BenchmarkSupervisionNightly runs the warning job (RunSupervision) on the
// SQLite database ZHIXIAO_BENCH_DB (the 3M-case demo data of make bench;
// skipped without it), one night after another from 2026-01-01. The first
// run, which writes every warning and opens the first 督办单, is reported
// as first-run-ms; the timed runs are the nights after it, which write only
// what changed.
func BenchmarkSupervisionNightly(b *testing.B) {
	path := os.Getenv("ZHIXIAO_BENCH_DB")
	if path == "" {
		b.Skip("ZHIXIAO_BENCH_DB 未设置：跳过 3M 案件的预警任务基准")
	}
	ctx := context.Background()
	db, err := store.Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	today := court.DateOf(2026, 1, 1)
	e := auth.AuditEntry{At: time.Now(), Actor: "督办预警任务（基准）"}
	start := time.Now()
	first, err := db.RunSupervision(ctx, today, e)
	if err != nil {
		b.Fatal(err)
	}
	firstMS := float64(time.Since(start).Milliseconds())
	b.ResetTimer()
	var r store.SupervisionRun
	for i := range b.N {
		if r, err = db.RunSupervision(ctx, today+court.Date(i+1), e); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	b.ReportMetric(firstMS, "first-run-ms")
	b.ReportMetric(float64(first.Pending), "pending-cases")
	b.ReportMetric(float64(r.Red+r.Yellow+r.Blue), "warnings")
	b.ReportMetric(float64(r.Added+r.Changed+r.Removed), "rows-written")
	b.ReportMetric(float64(r.Read.Milliseconds()), "read-ms")
}
