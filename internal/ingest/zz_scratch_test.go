package ingest

import (
	"encoding/csv"
	"io"
	"os"
	"path/filepath"
	"testing"
)

func BenchmarkScratchStdCSV(b *testing.B) {
	path := filepath.Join(b.TempDir(), "cases.csv")
	writeSyntheticCases(b, path, benchRows)
	b.ResetTimer()
	n := 0
	for b.Loop() {
		f, _ := os.Open(path)
		r := csv.NewReader(f)
		r.ReuseRecord = true
		for {
			_, err := r.Read()
			if err == io.EOF {
				break
			}
			n++
		}
		f.Close()
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "rows/s")
}
