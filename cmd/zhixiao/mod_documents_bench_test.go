package main

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/zhixiao/zhixiao/internal/court"
	"github.com/zhixiao/zhixiao/internal/demo"
	"github.com/zhixiao/zhixiao/internal/documents"
	"github.com/zhixiao/zhixiao/internal/importer"
	"github.com/zhixiao/zhixiao/internal/store"
)

// The benchmarks of the 文书 module run on the 150,000-case demo in a
// SQLite file, built once per process.
var benchDemo struct {
	once sync.Once
	db   *store.DB
	ds   *demo.Dataset
	err  error
}

func documentsBenchDB(b *testing.B) (*store.DB, *demo.Dataset) {
	b.Helper()
	benchDemo.once.Do(func() {
		ctx := context.Background()
		ds := demo.Generate(demo.Config{Seed: 1})
		dir, err := mkTemp()
		if err != nil {
			benchDemo.err = err
			return
		}
		db, err := store.Open(ctx, filepath.Join(dir, "bench.db"))
		if err != nil {
			benchDemo.err = err
			return
		}
		if _, err = importer.Load(ctx, db, importer.Dataset{Courts: ds.Courts, People: ds.People, Cases: ds.Cases, Funds: ds.Funds, Mediations: ds.Mediations}, "demo", "bench"); err == nil {
			err = seedDocumentsDemo(ctx, db, ds, io.Discard)
		}
		benchDemo.db, benchDemo.ds, benchDemo.err = db, ds, err
	})
	if benchDemo.err != nil {
		b.Fatal(benchDemo.err)
	}
	return benchDemo.db, benchDemo.ds
}

// BenchmarkDocumentsBulletin writes the 中院's bulletin of 2025-06 (DOCX with
// charts when a font is installed, and XLSX) on the 150,000-case demo:
// "served" with the snapshot the server already holds, "command" as
// `zhixiao bulletin` does it, snapshot build included. Issue 9: under 3 s.
func BenchmarkDocumentsBulletin(b *testing.B) {
	db, ds := documentsBenchDB(b)
	ctx := context.Background()
	month, _ := documents.ParseMonth("2025-06")
	name := ds.Courts[0].Name
	charts, err := chartsFor(&env{stderr: io.Discard, getenv: func(string) string { return "" }}, "")
	if err != nil {
		b.Fatal(err)
	}
	b.Run("served", func(b *testing.B) {
		req, src, err := bulletinSetup(ctx, db, name, "", month)
		if err != nil {
			b.Fatal(err)
		}
		src.Charts = charts
		cpu := documentsCPUTime()
		for b.Loop() {
			if _, _, err := documents.ProduceBulletin(ctx, req, src, nil); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric((documentsCPUTime()-cpu).Seconds()/float64(b.N), "cpu-s/op")
	})
	b.Run("command", func(b *testing.B) {
		cpu := documentsCPUTime()
		defer func() { b.ReportMetric((documentsCPUTime()-cpu).Seconds()/float64(b.N), "cpu-s/op") }()
		for b.Loop() {
			req, src, err := bulletinSetup(ctx, db, name, "", month)
			if err != nil {
				b.Fatal(err)
			}
			src.Charts = charts
			if _, _, err := documents.ProduceBulletin(ctx, req, src, nil); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkDocumentsDraft writes a 民事判决书 draft of a demo case, reading
// the case, its parties and the clerk from the database.
func BenchmarkDocumentsDraft(b *testing.B) {
	db, ds := documentsBenchDB(b)
	ctx := context.Background()
	var no string
	for _, p := range demo.Parties(ds) {
		if strings.Contains(p.CaseNo, "民初") {
			no = p.CaseNo
		}
	}
	t := documents.ParseDefault(documents.KindJudgmentOrdinary)
	for b.Loop() {
		in, err := draftInput(ctx, db, no, court.DateOf(2025, 6, 3))
		if err != nil {
			b.Fatal(err)
		}
		if _, err := documents.WriteDraft(documents.KindJudgmentOrdinary, in, t); err != nil {
			b.Fatal(err)
		}
	}
}

// mkTemp is the directory of the benchmark database: one fixed directory,
// emptied first, so that runs do not pile up copies.
func mkTemp() (string, error) {
	dir := filepath.Join(os.TempDir(), "zhixiao-documents-bench")
	if err := os.RemoveAll(dir); err != nil {
		return "", err
	}
	return dir, os.MkdirAll(dir, 0o755)
}
