package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/zhixiao/zhixiao/internal/importer"
	"github.com/zhixiao/zhixiao/internal/indicator"
	"github.com/zhixiao/zhixiao/internal/ingest"
	"github.com/zhixiao/zhixiao/internal/store"
	"github.com/zhixiao/zhixiao/internal/web"
)

// TestWatchImportsRebuildsTheSnapshot: an import made while the server runs
// (by another process, here directly through the importer) leads to a new
// snapshot with the new case.
func TestWatchImportsRebuildsTheSnapshot(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "z.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	csv := func(name, rows string) string {
		p := filepath.Join(t.TempDir(), name)
		os.WriteFile(p, []byte("案号,承办法院,承办部门,承办人,立案日期\n"+rows), 0o644)
		return p
	}
	if _, err := importer.Run(ctx, db, ingest.Cases, csv("a.csv", "（2025）示0101民初1号,示例市东城区人民法院,民一庭,张三,2025-01-02\n"), importer.Options{}); err != nil {
		t.Fatal(err)
	}
	bands, err := indicator.IllustrativeBands()
	if err != nil {
		t.Fatal(err)
	}
	srv, err := web.New(web.DefaultConfig(), web.Deps{Accounts: db, Data: db, Bands: bands})
	if err != nil {
		t.Fatal(err)
	}
	var out syncBuffer
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	go watchImports(ctx, db, srv, &out, log, 20*time.Millisecond)

	waitFor(t, &out, "指标快照已载入：1 件案件")
	if _, err := importer.Run(ctx, db, ingest.Cases, csv("b.csv", "（2025）示0101民初2号,示例市东城区人民法院,民一庭,张三,2025-01-03\n"), importer.Options{}); err != nil {
		t.Fatal(err)
	}
	waitFor(t, &out, "指标快照已载入：2 件案件")
}

func waitFor(t *testing.T, out fmt.Stringer, want string) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !strings.Contains(out.String(), want) {
		if time.Now().After(deadline) {
			t.Fatalf("no %q in %q", want, out.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
}
