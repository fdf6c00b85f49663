package indicator

import (
	"testing"

	"github.com/zhixiao/zhixiao/internal/court"
	"github.com/zhixiao/zhixiao/internal/demo"
)

// diffQueries are the periods, groupings and filters the engine is checked on.
func diffQueries() []Query {
	periods := []court.Period{
		period("2025-01-01", "2025-06-30"),
		period("2024-01-01", "2024-12-31"),
		period("2024-02-29", "2024-02-29"),
		period("2024-02-01", "2024-02-29"),
		period("2023-07-01", "2025-12-31"),
		period("2025-03-15", "2025-03-15"),
	}
	filters := []Filter{
		{},
		{Kinds: []court.Kind{court.KindCivil}},
		{Kinds: []court.Kind{court.KindEnforcement}},
		{Levels: []court.Level{court.LevelFirst}},
		{Kinds: []court.Kind{court.KindCriminal, court.KindAdministrative}, Levels: []court.Level{court.LevelSecond, court.LevelFirst}},
	}
	var qs []Query
	for i, p := range periods {
		for g := ByAll; g <= ByJudge; g++ {
			qs = append(qs, Query{Period: p, By: g, Filter: filters[(i+int(g))%len(filters)]})
		}
	}
	return qs
}

// compareWithReference requires the engine to agree with the reference
// implementation for every unit and indicator of each query.
func compareWithReference(t *testing.T, src *memSource, qs []Query) {
	t.Helper()
	e := engineFor(t, src)
	ref := newRefData(src)
	defs := e.Definitions()
	for _, q := range qs {
		rs, err := e.Evaluate(q)
		if err != nil {
			t.Fatal(err)
		}
		fig := ref.reference(q.Period, q.By, q.Filter)
		for unit := range fig.num {
			if _, err := e.LookupUnit(unit); err != nil && unit != AllUnit {
				t.Errorf("%v: the reference has unit %q, the engine none", q.Period, unit)
			}
		}
		bad := 0
		for _, r := range rs {
			def, _ := defs.Select(r.Indicator, q.Period.To, 0)
			want := ref.refResult(fig, q.By, r.Unit, def, float64(q.Period.Days()))
			if !sameNumber(r.Numerator, want.Numerator) || !sameNumber(r.Denominator, want.Denominator) || !sameNumber(r.Value, want.Value) {
				if bad++; bad <= 10 {
					t.Errorf("%v %v %v %s %s: engine %v/%v=%v, reference %v/%v=%v", q.Period, q.By, q.Filter, r.Unit, r.Indicator,
						show(r.Numerator), show(r.Denominator), show(r.Value), show(want.Numerator), show(want.Denominator), show(want.Value))
				}
			}
		}
	}
}

func TestAgainstReferenceRandom(t *testing.T) {
	for _, seed := range []uint64{1, 2, 3} {
		compareWithReference(t, synthetic(seed, 3000), diffQueries())
	}
}

func TestAgainstReferenceDemo(t *testing.T) {
	if testing.Short() {
		t.Skip("demo data: skipped in -short")
	}
	ds := demo.Generate(demo.Config{Seed: 7, Cases: 20000})
	src := &memSource{courts: ds.Courts, people: ds.People, cases: ds.Cases, funds: ds.Funds, meds: ds.Mediations}
	compareWithReference(t, src, diffQueries())
}
