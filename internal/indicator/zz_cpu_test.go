package indicator

import (
	"syscall"
	"testing"
	"time"

	"github.com/zhixiao/zhixiao/internal/demo"
)

func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func TestZZCPU(t *testing.T) {
	ds := demo.Generate(demo.Config{Seed: 1, Cases: 150000})
	src := &memSource{courts: ds.Courts, people: ds.People, cases: ds.Cases, funds: ds.Funds, meds: ds.Mediations}
	e := engineFor(t, src)
	for _, ids := range [][]string{nil, {"filed"}, {"age_0_90", "age_91_180", "age_181_365", "age_366_730", "age_731_1095", "age_over_1095", "over_12m_ratio"}, {"avg_days"}, {"median_days"}, {"weighted_closed"}, {"case_to_matter_ratio"}, {"reversal_rate"}, {"funds_timely_rate"}, {"prelit_mediation_rate"}} {
		q := Query{Period: period("2025-01-01", "2025-06-30"), By: ByJudge, Indicators: ids}
		e.Evaluate(q)
		c0 := cpuTime()
		w0 := time.Now()
		const n = 50
		for range n {
			e.Evaluate(q)
		}
		t.Logf("%v eval cpu %v wall %v per op", ids, (cpuTime()-c0)/n, time.Since(w0)/n)
	}
}
