package importer_test

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"testing"

	"github.com/zhixiao/zhixiao/internal/demo"
	"github.com/zhixiao/zhixiao/internal/importer"
	"github.com/zhixiao/zhixiao/internal/ingest"
	"github.com/zhixiao/zhixiao/internal/store"
	"github.com/zhixiao/zhixiao/internal/store/storetest"
)

// benchCases is the size of the import benchmark of issue 3: a 1,000,000-case CSV.
const benchCases = 1_000_000

// casesFile writes the demo court's cases once per run to a CSV file.
func casesFile(b *testing.B, n int) string {
	b.Helper()
	path := filepath.Join(os.TempDir(), fmt.Sprintf("zhixiao-bench-cases-%d.csv", n))
	if _, err := os.Stat(path); err == nil {
		return path
	}
	ds := demo.Generate(demo.Config{Seed: 1, Cases: n})
	if err := demo.ExportCasesCSV(ds.Cases, path+".tmp"); err != nil {
		b.Fatal(err)
	}
	if err := os.Rename(path+".tmp", path); err != nil {
		b.Fatal(err)
	}
	return path
}

// BenchmarkImportCases imports a 1,000,000-case CSV into a fresh SQLite file
// and a fresh PostgreSQL database: parse, validate, resolve units, write, in
// one transaction. It reports rows/s and the peak resident memory of the import.
func BenchmarkImportCases(b *testing.B) {
	path := casesFile(b, benchCases)
	for _, dialect := range []string{"sqlite", "postgres"} {
		b.Run(dialect, func(b *testing.B) {
			var rows int
			var peak int64
			for b.Loop() {
				b.StopTimer()
				db := storetest.Open(b, dialect)
				runtime.GC()
				debug.FreeOSMemory()
				resetPeakRSS()
				b.StartTimer()
				rep, err := importer.Run(context.Background(), db, ingest.Cases, path, importer.Options{Actor: "bench"})
				if err != nil {
					b.Fatalf("import: %v (%d problems)", err, len(rep.Problems))
				}
				b.StopTimer()
				peak = max(peak, peakRSS())
				rows += rep.Counts.Inserted
				db.Close()
				b.StartTimer()
			}
			b.ReportMetric(float64(rows)/b.Elapsed().Seconds(), "rows/s")
			b.ReportMetric(float64(peak)/(1<<20), "peak-MiB")
		})
	}
	_ = store.Counts{}
}

// resetPeakRSS resets the kernel's high-water mark of this process's
// resident memory (Linux: writing 5 to /proc/self/clear_refs).
func resetPeakRSS() { os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) }

// peakRSS reads VmHWM, the peak resident memory since the last reset, in bytes.
func peakRSS() int64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			return kb << 10
		}
	}
	return 0
}
