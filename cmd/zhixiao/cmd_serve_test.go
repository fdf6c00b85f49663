package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a bytes.Buffer safe for one writer and one reader.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string { s.mu.Lock(); defer s.mu.Unlock(); return s.b.String() }

// TestServeDemo runs the real `zhixiao serve --demo-accounts` on a free
// port over a small demo database, signs in as the demo 院领导, opens the
// dashboard, and stops the server through its context.
func TestServeDemo(t *testing.T) {
	db := filepath.Join(t.TempDir(), "demo.db")
	if code, out, errs := zhixiao(t, "demo", "--db", db, "--cases", "3000"); code != 0 {
		t.Fatalf("demo: %d\n%s\n%s", code, out, errs)
	}
	ctx, cancel := context.WithCancel(context.Background())
	var out, errs syncBuffer
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--db", db, "--addr", "127.0.0.1:0", "--demo-accounts"}, strings.NewReader(""), &out, &errs, func(string) string { return "" })
	}()
	base := serveWait(t, &out, regexp.MustCompile(`已启动：(http://[^/]+)/`))
	serveWait(t, &out, regexp.MustCompile(`指标快照已载入`))
	for _, want := range []string{"yuanzhang", "tingzhang1", "faguan", "zhixiao-demo1"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("the demo accounts printed lack %q:\n%s", want, out.String())
		}
	}
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar}
	page := serveGet(t, c, base+"/login")
	token := regexp.MustCompile(`name="csrf" value="([^"]+)"`).FindStringSubmatch(page)
	if token == nil {
		t.Fatalf("login page without a token:\n%s", page)
	}
	res, err := c.PostForm(base+"/login", url.Values{"login": {"yuanzhang"}, "password": {demoPassword}, "csrf": {token[1]}})
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || !strings.Contains(string(body), `id="tile-within_limit_rate"`) {
		t.Errorf("dashboard after login: %d\n%.800s", res.StatusCode, body)
	}
	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("serve exited %d: %s", code, errs.String())
		}
	case <-time.After(15 * time.Second):
		t.Fatal("serve did not stop")
	}
}

func serveWait(t *testing.T, out *syncBuffer, re *regexp.Regexp) string {
	t.Helper()
	for i := 0; i < 600; i++ {
		if m := re.FindStringSubmatch(out.String()); m != nil {
			return m[len(m)-1]
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("waited for %s; output:\n%s", re, out.String())
	return ""
}

func serveGet(t *testing.T, c *http.Client, u string) string {
	t.Helper()
	res, err := c.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return string(b)
}
