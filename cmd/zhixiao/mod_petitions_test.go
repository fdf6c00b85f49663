package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/zhixiao/zhixiao/internal/documents"
	"github.com/zhixiao/zhixiao/internal/petitions"
	"github.com/zhixiao/zhixiao/internal/store"
)

func TestPetitionsCommands(t *testing.T) {
	db := demoDB(t)
	month := "2025-12" // the demo data's last month
	code, out, errs := zhixiao(t, "petitions", "bulletin", "--db", db, "--month", month, "--court", "示例市中级人民法院")
	if code != 0 || !strings.Contains(out, "群众诉求月通报 "+month) || !strings.Contains(out, "合计") {
		t.Errorf("bulletin: exit %d\n%s\n%s", code, out, errs)
	}
	code, out, _ = zhixiao(t, "petitions", "holidays", "--db", db, "--set", "2027-01-01", "--kind", "休", "--name", "元旦", "--year", "2027")
	if code != 0 || strings.TrimSpace(out) != "2027-01-01 休 元旦" {
		t.Errorf("holidays --set: exit %d %q", code, out)
	}
	code, out, _ = zhixiao(t, "petitions", "holidays", "--db", db, "--year", "2026")
	if code != 0 || !strings.Contains(out, "2026-02-14 班 春节调休上班") || strings.Contains(out, "2027") {
		t.Errorf("holidays --year 2026: exit %d\n%s", code, out)
	}
	code, out, _ = zhixiao(t, "petitions", "escalate", "--db", db, "--today", time.Now().AddDate(0, 2, 0).Format("2006-01-02"))
	if code != 0 || !strings.Contains(out, "件诉求超期升级") || strings.Contains(out, "：0 件") {
		t.Errorf("escalate: exit %d\n%s", code, out)
	}
	for _, c := range []struct {
		args []string
		code int
		err  string
	}{
		{[]string{"petitions"}, 2, "用法：zhixiao petitions"},
		{[]string{"petitions", "bulletin", "--db", db}, 1, "--month"},
		{[]string{"petitions", "bulletin", "--db", db, "--month", "2026-11", "--court", "不存在法院"}, 1, "没有名为“不存在法院”的法院"},
		{[]string{"petitions", "holidays", "--db", db, "--set", "2027-13-01"}, 1, "无法识别"},
		{[]string{"petitions", "holidays", "--db", db, "--set", "2027-01-02", "--kind", "假"}, 1, "休 或 班"},
	} {
		code, out, errs := zhixiao(t, c.args...)
		if code != c.code || !strings.Contains(errs, c.err) {
			t.Errorf("%v: exit %d, stderr %q (stdout %q)", c.args, code, errs, out)
		}
	}
}

// TestPetitionsDemo checks that the demo's requests live in the demo's
// months (up to the data's latest day, as every page reads it), that the
// demo accounts own those the seed handled, once, leaving a few in the
// queues, and that the 审判质效通报 of the last month counts them.
func TestPetitionsDemo(t *testing.T) {
	ctx := context.Background()
	dsn := demoDB(t)
	db, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	latest, err := db.LatestDay(ctx)
	if err != nil || latest == 0 {
		t.Fatalf("LatestDay = %s, %v", latest, err)
	}
	courtID, _, err := petitionsCourt(ctx, db, demoCourt)
	if err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	if err := ensureDemoAccounts(ctx, db, &out); err != nil {
		t.Fatal(err)
	} else if !strings.Contains(out.String(), "件交由演示账号负责") {
		t.Errorf("demo accounts: no requests assigned\n%s", out.String())
	}
	ps, err := db.Petitions(ctx, store.PetitionQuery{CourtID: courtID})
	if err != nil {
		t.Fatal(err)
	}
	months, queued := map[string]int{}, 0
	for _, p := range ps {
		months[p.ReceivedOn.Time().Format("2006-01")]++
		switch {
		case p.ReceivedOn > latest || latest-p.ReceivedOn > 95:
			t.Errorf("%s received on %s, the data ends on %s", p.No, p.ReceivedOn, latest)
		case p.Status == petitions.StatusReceived && p.OwnerID == 0:
			queued++
		case p.OwnerID == 0:
			t.Errorf("%s %s has no owner", p.No, p.Status)
		case p.Type == petitions.TypeReport && p.Owner != "jijian":
			t.Errorf("report %s is owned by %q", p.No, p.Owner)
		}
	}
	lt := latest.Time()
	for m := 0; m < 3; m++ {
		if k := lt.AddDate(0, -m, 0).Format("2006-01"); months[k] == 0 {
			t.Errorf("no requests in %s: %v", k, months)
		}
	}
	if queued < 2 {
		t.Errorf("%d requests wait in the queues, want a few", queued)
	}
	out.Reset()
	if err := ensureDemoAccounts(ctx, db, &out); err != nil || strings.Contains(out.String(), "交由") {
		t.Errorf("demo accounts again: %v\n%s", err, out.String())
	}
	month := lt.Format("2006-01")
	doc := filepath.Join(t.TempDir(), "通报.docx")
	if code, _, errs := zhixiao(t, "bulletin", "--db", dsn, "--court", demoCourt, "--month", month, "--out", doc); code != 0 {
		t.Fatalf("bulletin %s: exit %d %s", month, code, errs)
	}
	text, err := documents.DocumentText(mustRead(t, doc))
	if err != nil || !strings.Contains(text, "本月收到群众诉求") {
		t.Errorf("bulletin %s without the requests: %v\n%s", month, err, text)
	}
}
