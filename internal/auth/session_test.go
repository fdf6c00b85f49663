package auth

import (
	"errors"
	"testing"
	"time"

	"github.com/zhixiao/zhixiao/internal/court"
)

func TestTokens(t *testing.T) {
	a, ha := NewToken()
	b, hb := NewToken()
	if a == b || ha == hb {
		t.Fatal("two tokens are equal")
	}
	if HashToken(a) != ha || len(ha) != 64 {
		t.Errorf("HashToken(a) = %q, want %q", HashToken(a), ha)
	}
	tests := []struct {
		s  string
		ok bool
	}{
		{a, true},
		{a[:42], false},
		{a + "A", false},
		{"", false},
		{"+" + a[1:], false},
	}
	for _, tt := range tests {
		if got := WellFormedToken(tt.s); got != tt.ok {
			t.Errorf("WellFormedToken(%q) = %v, want %v", tt.s, got, tt.ok)
		}
	}
	if !EqualTokens(a, a) || EqualTokens(a, b) || EqualTokens(a, "") {
		t.Error("EqualTokens is wrong")
	}
}

func TestSessionExpiry(t *testing.T) {
	p := SessionPolicy{Idle: time.Hour, Absolute: 8 * time.Hour, TouchEvery: time.Minute}
	t0 := time.Date(2025, 3, 7, 9, 0, 0, 0, time.UTC)
	s, token := p.NewSession(7, "10.0.0.1", t0)
	if HashToken(token) != s.TokenHash || s.UserID != 7 || s.CSRF == "" {
		t.Fatalf("NewSession = %+v", s)
	}
	tests := []struct {
		name    string
		seen    time.Duration // after t0
		now     time.Duration
		expired bool
		touch   bool
	}{
		{"fresh", 0, 0, false, false},
		{"thirty seconds", 0, 30 * time.Second, false, false},
		{"a minute", 0, time.Minute, false, true},
		{"idle just under", 0, time.Hour - time.Second, false, true},
		{"idle", 0, time.Hour, true, true},
		{"active near the end", 7*time.Hour + 59*time.Minute, 8*time.Hour - time.Second, false, false},
		{"absolute end", 7*time.Hour + 59*time.Minute, 8 * time.Hour, true, true},
	}
	for _, tt := range tests {
		s.SeenAt = t0.Add(tt.seen)
		now := t0.Add(tt.now)
		if got := p.Expired(s, now); got != tt.expired {
			t.Errorf("%s: Expired = %v, want %v", tt.name, got, tt.expired)
		}
		if got := p.NeedsTouch(s, now); got != tt.touch {
			t.Errorf("%s: NeedsTouch = %v, want %v", tt.name, got, tt.touch)
		}
	}
}

func TestLimits(t *testing.T) {
	l := DefaultLimits()
	tests := []struct {
		login, ip int
		ok        bool
	}{
		{0, 0, true},
		{4, 29, true},
		{5, 0, false},
		{0, 30, false},
		{9, 99, false},
	}
	for _, tt := range tests {
		err := l.Check(tt.login, tt.ip)
		if (err == nil) != tt.ok {
			t.Errorf("Check(%d, %d) = %v, want ok=%v", tt.login, tt.ip, err, tt.ok)
		}
		if err != nil && (!errors.Is(err, ErrThrottled) || court.KindOf(err) != court.Forbidden || court.Message(err) != "登录失败次数过多，请 15 分钟后再试") {
			t.Errorf("Check(%d, %d) = %q (kind %v)", tt.login, tt.ip, court.Message(err), court.KindOf(err))
		}
	}
	now := time.Date(2025, 3, 7, 9, 0, 0, 0, time.UTC)
	if got := l.Since(now); !got.Equal(now.Add(-15 * time.Minute)) {
		t.Errorf("Since = %v", got)
	}
}

func TestActionString(t *testing.T) {
	if ActionUserAdd.String() != "新增账号" || Action("x").String() != "x" {
		t.Error("Action.String is wrong")
	}
}

func TestAuditJSON(t *testing.T) {
	u := User{Login: "tz", Role: RoleChief, Court: "示例市中级人民法院", Department: "民一庭", Disabled: true}
	want := `{"登录名":"tz","角色":"庭长","法院":"示例市中级人民法院","部门":"民一庭","停用":true}`
	if got := u.AuditJSON(); got != want {
		t.Errorf("AuditJSON() = %s, want %s", got, want)
	}
}
