package main

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/zhixiao/zhixiao/internal/assessment"
	"github.com/zhixiao/zhixiao/internal/auth"
	"github.com/zhixiao/zhixiao/internal/store"
)

// TestAssessmentDemoAndCommand: the demo seeds schemes and three months
// (two published, one in 公示); `assessment compute` prints and stores a
// month; bad input gets Chinese errors.
func TestAssessmentDemoAndCommand(t *testing.T) {
	dsn := demoDB(t)
	ctx := context.Background()
	db, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	runs, err := db.AssessmentRuns(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	states := map[string]int{}
	objections := 0
	for _, r := range runs {
		states[r.State]++
		os, err := db.AssessmentObjections(ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		objections += len(os)
	}
	if objections != 1 {
		t.Errorf("demo objections: %d, want 1", objections)
	}
	if states[assessment.StatePublished] == 0 || states[assessment.StateNotice] == 0 {
		t.Errorf("demo runs by state: %v", states)
	}
	if _, n, _ := db.AuditLog(ctx, auth.AuditQuery{Action: auth.ActionAssessmentScheme}); n < 5 {
		t.Errorf("%d scheme audit entries", n)
	}
	// the demo court shows a 红 warning (three months at the bottom)
	var demoCourtID int64
	var months []string
	for _, r := range runs {
		if r.SchemeCode == "judge" && r.State == assessment.StateNotice && r.Court == demoCourtOf(t, db) {
			demoCourtID = r.Court
			months = []string{assessment.PrevMonth(assessment.PrevMonth(r.Month)), assessment.PrevMonth(r.Month), r.Month}
			break
		}
	}
	tabs, err := db.AssessmentMonthTables(ctx, demoCourtID, "judge", months)
	if err != nil {
		t.Fatal(err)
	}
	red := 0
	for _, w := range assessment.Warnings(assessment.DefaultWarnings(), tabs) {
		if w.Color == assessment.Red {
			red++
		}
	}
	if red == 0 {
		t.Error("the demo has no 红 warning")
	}
	db.Close()

	const mid = "示例市中级人民法院"
	code, out, errs := zhixiao(t, "assessment", "compute", "--db", dsn, "--court", mid, "--month", "2025-06", "--format", "json")
	if code != 0 {
		t.Fatalf("compute: exit %d: %s", code, errs)
	}
	var tb assessment.Table
	if err := json.Unmarshal([]byte(out), &tb); err != nil || len(tb.Scores) == 0 || tb.Scores[0].Rank != 1 {
		t.Fatalf("compute output: %v\n%.300s", err, out)
	}
	code, out, _ = zhixiao(t, "assessment", "schemes", "--db", dsn, "--court", mid)
	if code != 0 || !strings.Contains(out, "员额法官绩效考核方案") {
		t.Errorf("schemes: %d\n%s", code, out)
	}
	for _, bad := range []struct {
		args []string
		want string
	}{
		{[]string{"assessment", "compute", "--db", dsn, "--court", mid, "--month", "2025-13"}, "月份“2025-13”无效"},
		{[]string{"assessment", "compute", "--db", dsn, "--month", "2025-06"}, "请用 --court 指明法院"},
		{[]string{"assessment", "compute", "--db", dsn, "--court", mid, "--month", "2025-06", "--scheme", "nope"}, "考核方案“nope”在 2025-06 没有生效的版本"},
		{[]string{"assessment", "frobnicate", "--db", dsn}, "未知的子命令“frobnicate”"},
	} {
		code, _, errs := zhixiao(t, bad.args...)
		if code == 0 || !strings.Contains(errs, bad.want) {
			t.Errorf("%v: exit %d, stderr %q, want %q", bad.args, code, errs, bad.want)
		}
	}
}

// demoCourtOf is the id of the demo court (示例市中级人民法院).
func demoCourtOf(t *testing.T, db *store.DB) int64 {
	t.Helper()
	org, err := db.Org(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range org.Courts {
		if c.Name == demoCourt {
			return c.ID
		}
	}
	t.Fatal("no demo court")
	return 0
}
