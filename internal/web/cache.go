package web

import (
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
	c.mu.Unlock()
	if ok {
		return v, nil
	}
	v, err := compute()
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	if c.engine == eng {
		c.m[key] = v
	}
	c.mu.Unlock()
	return v, nil
}
