package web

import (
	"context"
	"errors"
	"testing"

	"github.com/zhixiao/zhixiao/internal/indicator"
)

func TestFigureCache(t *testing.T) {
	var c figureCache
	e1, e2 := &indicator.Engine{}, &indicator.Engine{}
	calls := 0
	compute := func() (any, error) { calls++; return calls, nil }
	steps := []struct {
		eng   *indicator.Engine
		key   string
		want  int
		calls int
	}{
		{e1, "a", 1, 1},
		{e1, "a", 1, 1}, // cached
		{e1, "b", 2, 2},
		{e2, "a", 3, 3}, // a new engine computes afresh
		{e2, "a", 3, 3},
	}
	for i, s := range steps {
		v, err := c.get(s.eng, s.key, compute)
		if err != nil || v.(int) != s.want || calls != s.calls {
			t.Errorf("step %d: %v, %v after %d calls; want %d after %d", i, v, err, calls, s.want, s.calls)
		}
	}
	boom := errors.New("boom")
	if _, err := c.get(e2, "x", func() (any, error) { return nil, boom }); err != boom {
		t.Errorf("error not passed on: %v", err)
	}
	if v, _ := c.get(e2, "x", compute); v.(int) != 4 {
		t.Errorf("a failed computation was cached: %v", v)
	}
}

func TestWarm(t *testing.T) {
	e := newEnv(t)
	if err := e.srv.Warm(context.Background()); err != nil {
		t.Fatal(err)
	}
	e.srv.figures.mu.Lock()
	n := len(e.srv.figures.m)
	e.srv.figures.mu.Unlock()
	// the organisation, 2 courts and 3 departments
	if n != 6 {
		t.Errorf("%d entries after Warm, want 6", n)
	}
}
