package indicator

import (
	"context"
	"os"
	"runtime"
	"runtime/pprof"
	"sync"
	"testing"
	"time"
)

func TestZZBig(t *testing.T) {
	if os.Getenv("ZZBIG") == "" {
		t.Skip()
	}
	var b testing.B
	src := benchSource(&b)
	runtime.GC()
	f, _ := os.Create("/tmp/build.prof")
	pprof.StartCPUProfile(f)
	c0, w0 := processCPU(), time.Now()
	s, err := Build(context.Background(), src)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("build cpu %v wall %v", processCPU()-c0, time.Since(w0))
	c0, w0 = processCPU(), time.Now()
	e, _ := NewEngine(s, nil)
	e.Prepare(benchQuery)
	t.Logf("plan cpu %v wall %v", processCPU()-c0, time.Since(w0))
	pprof.StopCPUProfile()
	n := float64(s.n)
	t.Logf("cases %d leaves %d desc %d/%d panel %d amt %d funds %d meds %d causes %d prefixes %d", s.n, len(s.leafName), len(s.descOwner), len(s.desc), len(s.panelCase), len(s.amtCase), len(s.funds.caseIdx), len(s.meds.ended), len(s.causes), len(s.prefixes))
	t.Logf("total %.1f units %.2f", float64(s.MemoryBytes())/n, float64(s.units.memoryBytes())/n)
	bench.src, bench.once = nil, sync.Once{}
	src = nil
	runtime.GC()
	q := benchQuery
	q.By = ByJudge
	f2, _ := os.Create("/tmp/evalbig.prof")
	pprof.StartCPUProfile(f2)
	c0, w0 = processCPU(), time.Now()
	for range 30 {
		e.Evaluate(q)
	}
	pprof.StopCPUProfile()
	t.Logf("eval cpu %v wall %v", (processCPU()-c0)/30, time.Since(w0)/30)
}
