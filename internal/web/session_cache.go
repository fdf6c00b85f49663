package web

import (
	"sync"
	"time"
)

// sessionTTL is how long a signed-in visitor is kept in memory before the
// session, account and scope are read again. Changes made through this
// server (logout, disabling, a new password) take effect at once; changes
// made elsewhere (the command line, another server) within sessionTTL.
const sessionTTL = 10 * time.Second

// maxSessions bounds the cache; it is emptied when full.
const maxSessions = 10000

// sessionCache keeps recent visitors by the hash of their session token.
type sessionCache struct {
	mu sync.Mutex
	m  map[string]cachedVisitor
}

type cachedVisitor struct {
	v     *visitor
	until time.Time
}

func (c *sessionCache) get(hash string, now time.Time) *visitor {
	c.mu.Lock()
	defer c.mu.Unlock()
	cv, ok := c.m[hash]
	if !ok || !now.Before(cv.until) {
		return nil
	}
	return cv.v
}

func (c *sessionCache) put(hash string, v *visitor, now time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil || len(c.m) >= maxSessions {
		c.m = map[string]cachedVisitor{}
	}
	c.m[hash] = cachedVisitor{v: v, until: now.Add(sessionTTL)}
}

// drop forgets one session.
func (c *sessionCache) drop(hash string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.m, hash)
}

// dropUser forgets every session of an account.
func (c *sessionCache) dropUser(id int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for h, cv := range c.m {
		if cv.v.User.ID == id {
			delete(c.m, h)
		}
	}
}
