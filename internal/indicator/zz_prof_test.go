package indicator

import (
	"context"
	"testing"

	"github.com/zhixiao/zhixiao/internal/demo"
)

func BenchmarkZZBuild(b *testing.B) {
	ds := demo.Generate(demo.Config{Seed: 1, Cases: 150000})
	src := &memSource{courts: ds.Courts, people: ds.People, cases: ds.Cases, funds: ds.Funds, meds: ds.Mediations}
	b.ResetTimer()
	for range b.N {
		s, _ := Build(context.Background(), src)
		e, _ := NewEngine(s, nil)
		e.Prepare(Query{Period: period("2025-01-01", "2025-06-30")})
	}
}

func BenchmarkZZEval(b *testing.B) {
	ds := demo.Generate(demo.Config{Seed: 1, Cases: 150000})
	src := &memSource{courts: ds.Courts, people: ds.People, cases: ds.Cases, funds: ds.Funds, meds: ds.Mediations}
	e := engineFor(b, src)
	q := Query{Period: period("2025-01-01", "2025-06-30"), By: ByJudge}
	e.Evaluate(q)
	b.ResetTimer()
	for range b.N {
		e.Evaluate(q)
	}
}
