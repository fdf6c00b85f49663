package demo

import (
	"testing"

	"github.com/zhixiao/zhixiao/internal/court"
)

// discard is a Sink that keeps nothing.
type discard struct{ cases int }

func (d *discard) Court(*court.Court) error         { return nil }
func (d *discard) Person(*court.Person) error       { return nil }
func (d *discard) Case(*court.Case) error           { d.cases++; return nil }
func (d *discard) Fund(*court.FundReceipt) error    { return nil }
func (d *discard) Mediation(*court.Mediation) error { return nil }

func BenchmarkGenerate(b *testing.B) {
	for i := 0; b.Loop(); i++ {
		ds := Generate(Config{Seed: int64(i)})
		b.ReportMetric(float64(len(ds.Cases)), "cases/op")
	}
}

func BenchmarkStream(b *testing.B) {
	for _, size := range []struct {
		name  string
		cases int
	}{{"150k", 150_000}, {"3M", 3_000_000}} {
		n := size.cases
		b.Run(size.name, func(b *testing.B) {
			for i := 0; b.Loop(); i++ {
				var d discard
				if err := Stream(Config{Seed: int64(i), Cases: n}, &d); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "cases/s")
		})
	}
}

func BenchmarkExport(b *testing.B) {
	ds := Generate(Config{Seed: 1})
	dir := b.TempDir()
	for b.Loop() {
		if err := Export(ds, dir); err != nil {
			b.Fatal(err)
		}
	}
}
