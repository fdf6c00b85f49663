package web

import (
	"context"
	"sync"

	"github.com/zhixiao/zhixiao/internal/indicator"
)

// figureCache keeps computed figures for the engine that computed them:
// a snapshot never changes, so a dashboard asked for again (the same unit,
// period and kind) is served from memory. A new engine starts afresh; the
// cache is emptied when it holds maxCached entries.
type figureCache struct {
	mu     sync.Mutex
	engine *indicator.Engine
	gen    int // counts resets, so that a value computed before one is not kept
	m      map[string]any
}

const maxCached = 2048

// get returns the value cached under key for eng, or computes and keeps it.
func (c *figureCache) get(eng *indicator.Engine, key string, compute func() (any, error)) (any, error) {
	c.mu.Lock()
	if c.engine != eng || len(c.m) >= maxCached {
		c.engine, c.m = eng, map[string]any{}
	}
	v, ok := c.m[key]
	gen := c.gen
	c.mu.Unlock()
	if ok {
		return v, nil
	}
	v, err := compute()
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	if c.engine == eng && c.gen == gen {
		c.m[key] = v
	}
	c.mu.Unlock()
	return v, nil
}

// reset forgets every cached value, when something other than the engine
// that figures depend on changed (the bands).
func (c *figureCache) reset() {
	c.mu.Lock()
	c.m, c.gen = map[string]any{}, c.gen+1
	c.mu.Unlock()
}

// Warm computes the dashboard figures of every court and department for the
// default period (本年, all kinds), so that first visits need not wait for
// the engine. Run it in the background after SetEngine.
func (s *Server) Warm(ctx context.Context) error {
	eng := s.engine.Load()
	if eng == nil {
		return nil
	}
	x, err := s.loadOrg(ctx)
	if err != nil {
		return err
	}
	per, err := parsePeriod(nil, s.today())
	if err != nil {
		return err
	}
	var units []*unit
	for _, c := range x.org.Courts {
		u, _ := x.unit(kindCourt, c.ID)
		units = append(units, u)
	}
	for _, d := range x.org.Departments {
		u, _ := x.unit(kindDepartment, d.ID)
		units = append(units, u)
	}
	for _, u := range units {
		if err := ctx.Err(); err != nil {
			return err
		}
		if _, _, err := s.dashboardFigures(eng, &figureQuery{Unit: u, Period: per}); err != nil {
			return err
		}
	}
	return nil
}
