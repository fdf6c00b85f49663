package web

import (
	"testing"
	"time"

	"github.com/zhixiao/zhixiao/internal/auth"
)

func TestSessionCache(t *testing.T) {
	var c sessionCache
	t0 := time.Date(2025, 3, 7, 9, 0, 0, 0, time.UTC)
	a := &visitor{User: auth.User{ID: 1}}
	b := &visitor{User: auth.User{ID: 2}}
	c.put("a1", a, t0)
	c.put("a2", a, t0)
	c.put("b1", b, t0)
	tests := []struct {
		name string
		do   func()
		hash string
		at   time.Duration
		want *visitor
	}{
		{"fresh", func() {}, "a1", time.Second, a},
		{"stale", func() {}, "a1", sessionTTL, nil},
		{"dropped", func() { c.drop("a1") }, "a1", 0, nil},
		{"other session of the user kept", func() {}, "a2", 0, a},
		{"user dropped", func() { c.dropUser(1) }, "a2", 0, nil},
		{"other user kept", func() {}, "b1", 0, b},
		{"unknown", func() {}, "zz", 0, nil},
	}
	for _, tt := range tests {
		tt.do()
		if got := c.get(tt.hash, t0.Add(tt.at)); got != tt.want {
			t.Errorf("%s: get(%s) = %v, want %v", tt.name, tt.hash, got, tt.want)
		}
	}
}
