package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

func TestLoginOutcomes(t *testing.T) {
	e := newEnv(t)
	tests := []struct {
		name, login, password string
		status                int
		text                  string
	}{
		{"wrong password", "tz1", "wrong-password-1", http.StatusUnauthorized, "登录名或密码错误"},
		{"unknown login", "nobody", testPassword, http.StatusUnauthorized, "登录名或密码错误"},
		{"empty", "", "", http.StatusUnauthorized, "登录名或密码错误"},
		{"right", "tz1", testPassword, http.StatusSeeOther, ""},
	}
	for _, tt := range tests {
		c := e.client()
		c.get("/login")
		r := c.post("/login", url.Values{"login": {tt.login}, "password": {tt.password}})
		wantStatus(t, tt.name, r, tt.status, tt.text)
	}
}

func TestLoginCookieAndRedirect(t *testing.T) {
	e := newEnv(t)
	c := e.client()
	c.get("/login?next=/admin/audit")
	r := c.post("/login", url.Values{"login": {"admin"}, "password": {testPassword}, "next": {"/admin/audit"}})
	if r.status != http.StatusSeeOther || r.header.Get("Location") != "/admin/audit" {
		t.Fatalf("login: %d to %q", r.status, r.header.Get("Location"))
	}
	cookie := cookieLine(r.header, sessionCookie)
	for _, want := range []string{"HttpOnly", "SameSite=Lax", "Path=/"} {
		if !strings.Contains(cookie, want) {
			t.Errorf("session cookie %q lacks %s", cookie, want)
		}
	}
	if strings.Contains(cookie, "Secure") {
		t.Errorf("session cookie %q is Secure over plain HTTP", cookie)
	}
	wantStatus(t, "audit page", c.get("/admin/audit"), http.StatusOK, "审计日志")
}

func TestSecureCookieBehindProxy(t *testing.T) {
	e := newEnv(t)
	e.srv.cfg.TrustProxy = true
	c := e.client()
	c.get("/login")
	r := c.post("/login", url.Values{"login": {"admin"}, "password": {testPassword}}, "X-Forwarded-Proto", "https")
	if cookie := cookieLine(r.header, sessionCookie); !strings.Contains(cookie, "Secure") {
		t.Errorf("cookie behind an HTTPS proxy is not Secure: %q", cookie)
	}
	if r.header.Get("Strict-Transport-Security") == "" {
		t.Error("no HSTS header behind an HTTPS proxy")
	}
}

func cookieLine(h http.Header, name string) string {
	for _, c := range h.Values("Set-Cookie") {
		if strings.HasPrefix(c, name+"=") {
			return c
		}
	}
	return ""
}

func TestOpenRedirectRefused(t *testing.T) {
	for _, next := range []string{"//evil.example/", "https://evil.example/", "/\\evil.example", "javascript:alert(1)"} {
		if got := localPath(next); got != "/" {
			t.Errorf("localPath(%q) = %q, want /", next, got)
		}
	}
	if got := localPath("/cases?page=2"); got != "/cases?page=2" {
		t.Errorf("localPath kept %q", got)
	}
}

func TestThrottle(t *testing.T) {
	e := newEnv(t)
	c := e.client()
	for i := 0; i < 5; i++ {
		c.get("/login")
		wantStatus(t, "failure", c.post("/login", url.Values{"login": {"tz1"}, "password": {"bad-password-9"}}), http.StatusUnauthorized, "登录名或密码错误")
	}
	c.get("/login")
	wantStatus(t, "right password after 5 failures", c.post("/login", url.Values{"login": {"tz1"}, "password": {testPassword}}),
		http.StatusTooManyRequests, "登录失败次数过多，请 15 分钟后再试")
	other := e.client()
	other.get("/login")
	if r := other.post("/login", url.Values{"login": {"tz2"}, "password": {testPassword}}); r.status != http.StatusSeeOther {
		t.Errorf("another login from the same address is refused: %d", r.status)
	}
	e.clock.Advance(16 * time.Minute)
	c.get("/login")
	if r := c.post("/login", url.Values{"login": {"tz1"}, "password": {testPassword}}); r.status != http.StatusSeeOther {
		t.Errorf("login after the window: %d\n%s", r.status, r.body)
	}
}

func TestThrottlePerAddress(t *testing.T) {
	e := newEnv(t)
	c := e.client()
	for i := 0; i < 30; i++ {
		c.get("/login")
		c.post("/login", url.Values{"login": {"guess" + strings.Repeat("x", i%7)}, "password": {"bad-password-9"}})
	}
	c.get("/login")
	wantStatus(t, "after 30 failures from one address", c.post("/login", url.Values{"login": {"admin"}, "password": {testPassword}}),
		http.StatusTooManyRequests, "登录失败次数过多")
}

func TestExpiredSession(t *testing.T) {
	e := newEnv(t)
	c := e.loggedIn("yz")
	e.clock.Advance(2*time.Hour + time.Minute)
	wantStatus(t, "idle session", c.get("/"), http.StatusUnauthorized, "登录已过期，请重新登录")
	wantStatus(t, "cookie cleared", c.get("/"), http.StatusSeeOther, "")
}

func TestSessionAbsoluteLimit(t *testing.T) {
	e := newEnv(t)
	c := e.loggedIn("yz")
	for i := 0; i < 12; i++ {
		e.clock.Advance(time.Hour)
		r := c.get("/account/password")
		if i < 11 && r.status != http.StatusOK {
			t.Fatalf("after %d hours: %d", i+1, r.status)
		}
		if i == 11 {
			wantStatus(t, "after 12 hours", r, http.StatusUnauthorized, "登录已过期")
		}
	}
}

func TestAnonymousRedirectsToLogin(t *testing.T) {
	e := newEnv(t)
	r := e.client().get("/admin/users")
	if r.status != http.StatusSeeOther || r.header.Get("Location") != "/login?next=%2Fadmin%2Fusers" {
		t.Errorf("anonymous: %d to %q", r.status, r.header.Get("Location"))
	}
	r = e.client().get("/nope")
	wantStatus(t, "unknown page", r, http.StatusNotFound, "页面 /nope 不存在")
}

func TestCSRF(t *testing.T) {
	e := newEnv(t)
	c := e.loggedIn("admin")
	form := func(csrf string) url.Values {
		return url.Values{"csrf": {csrf}, "login": {"new1"}, "role": {"admin"}, "password": {"abc12345"}}
	}
	const refused = "表单校验码无效或已过期"
	wantStatus(t, "no token", c.post("/admin/users", form("")), http.StatusForbidden, refused)
	wantStatus(t, "forged token", c.post("/admin/users", form(strings.Repeat("A", 43))), http.StatusForbidden, refused)
	other := e.loggedIn("yz")
	wantStatus(t, "another session's token", c.post("/admin/users", form(other.csrf)), http.StatusForbidden, refused)
	wantStatus(t, "cross-site", c.post("/admin/users", form(c.csrf), "Sec-Fetch-Site", "cross-site"), http.StatusForbidden, "跨站请求已被拒绝")
	wantStatus(t, "foreign origin", c.post("/admin/users", form(c.csrf), "Origin", "http://evil.example"), http.StatusForbidden, "跨站请求已被拒绝")
	if r := c.post("/admin/users", form(c.csrf), "X-CSRF-Token", c.csrf); r.status != http.StatusSeeOther {
		t.Errorf("right token: %d\n%.500s", r.status, r.body)
	}
	anon := e.client()
	wantStatus(t, "login without its token", anon.post("/login", url.Values{"login": {"admin"}, "password": {testPassword}}), http.StatusForbidden, refused)
}

func TestLogout(t *testing.T) {
	e := newEnv(t)
	c := e.loggedIn("tz1")
	old := c.csrf
	r := c.post("/logout", nil)
	if r.status != http.StatusSeeOther || r.header.Get("Location") != "/login?out=1" {
		t.Fatalf("logout: %d to %q", r.status, r.header.Get("Location"))
	}
	wantStatus(t, "after logout", c.get("/login?out=1"), http.StatusOK, "您已安全退出")
	if r := c.get("/"); r.status != http.StatusSeeOther {
		t.Errorf("home after logout: %d", r.status)
	}
	c.csrf = old
	if r := c.post("/logout", nil); r.status == http.StatusOK {
		t.Error("second logout with the old token succeeded")
	}
}
