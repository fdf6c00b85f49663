package indicator

import (
	"testing"
	"time"

	"github.com/zhixiao/zhixiao/internal/demo"
)

func TestZZDemoProbe(t *testing.T) {
	t0 := time.Now()
	ds := demo.Generate(demo.Config{Seed: 1, Cases: 150000})
	t.Logf("generate %v: %d cases %d funds %d meds %d people %d courts, period %v", time.Since(t0), len(ds.Cases), len(ds.Funds), len(ds.Mediations), len(ds.People), len(ds.Courts), ds.Period)
	src := &memSource{courts: ds.Courts, people: ds.People, cases: ds.Cases, funds: ds.Funds, meds: ds.Mediations}
	t0 = time.Now()
	e := engineFor(t, src)
	t.Logf("build %v, bytes/case %.1f, leaves %d", time.Since(t0), float64(e.s.MemoryBytes())/float64(e.s.n), len(e.s.leafName))
	q := Query{Period: period("2025-01-01", "2025-06-30"), By: ByJudge}
	t0 = time.Now()
	if err := e.Prepare(q); err != nil {
		t.Fatal(err)
	}
	t.Logf("plan %v profiles %d", time.Since(t0), len(e.plans))
	t0 = time.Now()
	rs, err := e.Evaluate(q)
	t.Logf("eval %v %d results err %v", time.Since(t0), len(rs), err)
	q.By = ByCourt
	rs, _ = e.Evaluate(q)
	for _, r := range rs[:40] {
		t.Logf("%s %s %v %v %v", r.Unit, r.Indicator, show(r.Numerator), show(r.Denominator), show(r.Value))
	}
}
