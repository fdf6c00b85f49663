package main

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/zhixiao/zhixiao/internal/auth"
	"github.com/zhixiao/zhixiao/internal/store"
	"github.com/zhixiao/zhixiao/internal/supervision"
)

// svDemoDB builds a small demo database with `zhixiao demo` and returns it
// open.
func svDemoDB(t *testing.T) (*store.DB, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "demo.db")
	code, out, errs := zhixiao(t, "demo", "--db", path, "--cases", "3000")
	if code != 0 {
		t.Fatalf("demo: %d\n%s\n%s", code, out, errs)
	}
	if !strings.Contains(out, "预警：未结案件") {
		t.Errorf("demo did not run the warning job:\n%s", out)
	}
	db, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db, path
}

// TestSupervisionWebhookDelivery: notices reach a local gateway signed with
// the court's secret; a failing gateway is retried after the back-off, and
// the failure is logged, not raised.
func TestSupervisionWebhookDelivery(t *testing.T) {
	db, _ := svDemoDB(t)
	ctx := context.Background()
	var mu sync.Mutex
	var got []string
	fail := true
	secret := "0123456789abcdef-secret"
	gw := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		mu.Lock()
		defer mu.Unlock()
		if !supervision.Verify([]byte(secret), body, r.Header.Get(supervision.SignatureHeader)) {
			t.Errorf("bad signature %q", r.Header.Get(supervision.SignatureHeader))
		}
		if fail {
			w.WriteHeader(http.StatusBadGateway)
			return
		}
		got = append(got, string(body))
	}))
	defer gw.Close()
	if err := db.SaveSupervisionWebhook(ctx, store.Webhook{URL: gw.URL, Secret: secret}, auth.AuditEntry{At: time.Now(), Actor: "test"}); err != nil {
		t.Fatal(err)
	}
	u, err := db.CreateUser(ctx, auth.User{Login: "fg-test", Role: auth.RoleAdmin}, "$h", auth.AuditEntry{At: time.Now(), Actor: "test"})
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	var logs strings.Builder
	j := &svJobs{db: db, log: slog.New(slog.NewTextHandler(&logs, nil)), now: func() time.Time { return now }, client: gw.Client()}
	if err := db.SendNotice(ctx, supervision.Message{UserID: u.ID, Kind: "督办", Title: "新开具督办单 1 件", Link: "/supervision/items"}, now); err != nil {
		t.Fatal(err)
	}
	if err := j.deliver(ctx); err != nil {
		t.Fatalf("a failing gateway must not fail the job: %v", err)
	}
	if !strings.Contains(logs.String(), "稍后重试") {
		t.Errorf("the failure was not logged: %s", logs.String())
	}
	mu.Lock()
	fail = false
	mu.Unlock()
	j.deliver(ctx) // not due yet: the back-off is a minute
	if len(got) != 0 {
		t.Fatalf("retried before the back-off: %v", got)
	}
	now = now.Add(2 * time.Minute)
	if err := j.deliver(ctx); err != nil {
		t.Fatal(err)
	}
	j.deliver(ctx) // sent: not again
	if len(got) != 1 || !strings.Contains(got[0], `"login":"fg-test"`) || !strings.Contains(got[0], "新开具督办单 1 件") {
		t.Errorf("gateway got %v", got)
	}
}

// TestSupervisionDemoPlan: after `zhixiao demo` and the demo accounts, the
// jobs add the 作战图 once, with a closing waiting for yuanzhang.
func TestSupervisionDemoPlan(t *testing.T) {
	db, _ := svDemoDB(t)
	ctx := context.Background()
	var out strings.Builder
	if err := ensureDemoAccounts(ctx, db, &out); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if err := svSeedDemoPlan(ctx, db, time.Now); err != nil {
			t.Fatal(err)
		}
	}
	yz, _, err := db.UserByLogin(ctx, "yuanzhang")
	if err != nil {
		t.Fatal(err)
	}
	s, _ := auth.NewScope(yz, nil)
	plans, err := db.Plans(ctx, s, yz.ID, 0)
	if err != nil || len(plans) != 1 {
		t.Fatalf("plans: %d, %v (want exactly one)", len(plans), err)
	}
	p, err := db.Plan(ctx, plans[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	var n, pending, closed int
	for _, q := range p.Problems {
		for _, m := range q.Measures {
			n++
			switch m.Status {
			case supervision.MeasurePending:
				pending++
			case supervision.MeasureClosed:
				closed++
			}
		}
	}
	if len(p.Problems) != 9 || n != 10 || pending != 1 || closed != 1 {
		t.Errorf("demo plan: %d problems, %d measures, %d pending, %d closed", len(p.Problems), n, pending, closed)
	}
}

// TestSupervisionCommands: supervision-run on a given day, supervision-rules
// shows the rules and refuses a bad file naming the file and the rule.
func TestSupervisionCommands(t *testing.T) {
	_, path := svDemoDB(t)
	code, out, errs := zhixiao(t, "supervision-run", "--db", path, "--today", "2026-01-05")
	if code != 0 || !strings.Contains(out, "2026-01-05 预警：未结案件") || !strings.Contains(out, "未变") {
		t.Errorf("supervision-run: %d\n%s\n%s", code, out, errs)
	}
	code, out, _ = zhixiao(t, "supervision-rules", "--db", path)
	if code != 0 || !strings.Contains(out, `"item_due_days": 15`) || !strings.Contains(out, "审限已过三分之二") {
		t.Errorf("supervision-rules: %d\n%s", code, out)
	}
	bad := filepath.Join(t.TempDir(), "rules.json")
	os.WriteFile(bad, []byte(`{"item_due_days": 10, "rules": [{"colour": "红", "test": "days_left", "reason": "x"}]}`), 0o644)
	code, _, errs = zhixiao(t, "supervision-rules", "--db", path, "--set", bad)
	if code == 0 || !strings.Contains(errs, "rules.json") || !strings.Contains(errs, "第 1 条预警规则") {
		t.Errorf("bad rules file: %d %s", code, errs)
	}
}
