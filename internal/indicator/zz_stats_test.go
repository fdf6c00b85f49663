package indicator

import (
	"testing"

	"github.com/zhixiao/zhixiao/internal/demo"
)

func TestZZStats(t *testing.T) {
	ds := demo.Generate(demo.Config{Seed: 1, Cases: 150000})
	src := &memSource{courts: ds.Courts, people: ds.People, cases: ds.Cases, funds: ds.Funds, meds: ds.Mediations}
	e := engineFor(t, src)
	q := Query{Period: period("2025-01-01", "2025-06-30"), By: ByJudge}
	pl, _ := e.planFor(q)
	s := e.s
	active, fast, slow := 0, 0, 0
	for i := range int32(s.n) {
		st := caseState(s.filed[i], s.closed[i], q.Period.From, q.Period.To)
		if st == 0 {
			continue
		}
		active++
		l := pl.lists[int(pl.prof[i])<<4|st]
		fast += len(l.fast)
		slow += len(l.slow)
	}
	t.Logf("profiles %d counters %d slots %d active %d fast/case %.1f slow/case %.1f", len(pl.profiles), len(pl.counters), pl.nslots, active, float64(fast)/float64(active), float64(slow)/float64(active))
}
