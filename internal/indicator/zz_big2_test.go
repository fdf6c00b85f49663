package indicator

import (
	"context"
	"os"
	"testing"
	"time"
)

func TestZZBig2(t *testing.T) {
	if os.Getenv("ZZBIG") == "" {
		t.Skip()
	}
	var b testing.B
	src := benchSource(&b)
	e, _ := New(context.Background(), src, nil)
	for _, ids := range [][]string{nil, {"filed"}, {"age_0_90", "age_91_180", "age_181_365", "age_366_730", "age_731_1095", "age_over_1095", "over_12m_ratio"}, {"avg_days"}, {"median_days"}, {"weighted_closed"}, {"case_to_matter_ratio"}, {"reversal_rate"}, {"funds_timely_rate"}, {"prelit_mediation_rate"}, {"exec_recovery_rate"}} {
		q := benchQuery
		q.By = ByJudge
		q.Indicators = ids
		e.Evaluate(q)
		c0, w0 := cpuTime(), time.Now()
		for range 10 {
			e.Evaluate(q)
		}
		t.Logf("%v cpu %v wall %v", ids, (cpuTime()-c0)/10, time.Since(w0)/10)
	}
}
