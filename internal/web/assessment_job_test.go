package web

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/zhixiao/zhixiao/internal/assessment"
	"github.com/zhixiao/zhixiao/internal/auth"
)

// TestAssessmentJob drives the background job with the server's fake clock:
// it drafts last month once, leaves a run with an open objection in 公示
// after its window, marks it 待发布 once the objection is answered (never
// publishing it), sends a recomputed 待发布 run back to 草稿, and never
// touches a published month.
func TestAssessmentJob(t *testing.T) {
	e := newAssessmentEnv(t)
	ctx := context.Background()
	zz, fg := e.loggedIn("zz"), e.loggedIn("fg")
	month := assessment.PrevMonth(assessment.MonthOf(e.srv.today()))
	scheme := idOf(t, zz.post("/assessment/schemes/new", url.Values{"category": {"员额法官"}}))
	idOf(t, zz.post(fmt.Sprintf("/assessment/schemes/%d", scheme), url.Values{"json": {simpleScheme}}))

	rep, err := e.srv.AssessmentJob(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Drafts) != 1 || !strings.Contains(rep.Drafts[0], month) || len(rep.Ready) != 0 {
		t.Fatalf("first pass: %+v, want one draft of %s", rep, month)
	}
	runs, _ := e.db.AssessmentRuns(ctx, e.ids()["示例市中级人民法院"])
	if len(runs) != 1 || runs[0].State != assessment.StateDraft || runs[0].Month != month || runs[0].People != 2 {
		t.Fatalf("runs after the job: %+v", runs)
	}
	if ents, n, _ := e.db.AuditLog(ctx, auth.AuditQuery{Action: auth.ActionAssessmentScores}); n != 1 || ents[0].Actor != AssessmentJobActor {
		t.Errorf("audit of the draft: %d entries %+v", n, ents)
	}
	if rep, _ = e.srv.AssessmentJob(ctx); len(rep.Drafts)+len(rep.Ready) != 0 {
		t.Errorf("second pass changed something: %+v", rep)
	}
	home := zz.get("/assessment")
	wantStatus(t, "todo draft", home, 200, "核对后预发布进入公示")

	runURL := fmt.Sprintf("/assessment/runs/%d", runs[0].ID)
	wantStatus(t, "notice", zz.post(runURL+"/notice", nil), 303, "")
	wantStatus(t, "objection", fg.post(runURL+"/objections", url.Values{"reason": {"评价未计入"}}), 303, "")
	if rep, _ = e.srv.AssessmentJob(ctx); len(rep.Ready) != 0 {
		t.Errorf("ready inside the window: %+v", rep)
	}
	e.clock.Advance(10 * 24 * time.Hour)
	if rep, _ = e.srv.AssessmentJob(ctx); len(rep.Ready) != 0 {
		t.Errorf("ready with an open objection: %+v", rep)
	}
	zz, fg = e.loggedIn("zz"), e.loggedIn("fg")
	os, _ := e.db.AssessmentObjections(ctx, runs[0].ID)
	zz.get(runURL)
	wantStatus(t, "reject", zz.post(fmt.Sprintf("/assessment/objections/%d/review", os[0].ID), url.Values{"run": {fmt.Sprint(runs[0].ID)}, "decision": {"reject"}, "answer": {"评价已计入"}}), 303, "")
	if rep, _ = e.srv.AssessmentJob(ctx); len(rep.Ready) != 1 {
		t.Fatalf("not ready after the window without objections: %+v", rep)
	}
	run, _ := e.db.AssessmentRunByID(ctx, runs[0].ID)
	if run.State != assessment.StateReady {
		t.Fatalf("state %s, want 待发布 (not published by the job)", run.State)
	}
	wantStatus(t, "todo ready", zz.get("/assessment"), 200, "没有待复核的异议，请核对后发布")
	fg.get(runURL)
	wantStatus(t, "late objection", fg.post(runURL+"/objections", url.Values{"reason": {"再议"}}), 409, "不能提出异议")

	// recomputing a 待发布 run sends it back to 草稿: changed scores need a new 公示
	wantStatus(t, "recompute ready", zz.post(runURL+"/compute", nil), 303, "")
	if run, _ = e.db.AssessmentRunByID(ctx, runs[0].ID); run.State != assessment.StateDraft || !run.NoticeUntil.IsZero() {
		t.Fatalf("after recompute: %s until %v, want 草稿", run.State, run.NoticeUntil)
	}
	wantStatus(t, "notice again", zz.post(runURL+"/notice", nil), 303, "")
	e.clock.Advance(10 * 24 * time.Hour)
	if rep, _ = e.srv.AssessmentJob(ctx); len(rep.Ready) != 1 {
		t.Fatalf("second window: %+v", rep)
	}
	zz = e.loggedIn("zz")
	page := zz.get(runURL)
	wantStatus(t, "ready page", page, 200, "可以发布")
	wantStatus(t, "publish ready", zz.post(runURL+"/publish", nil), 303, "")
	if rep, _ = e.srv.AssessmentJob(ctx); len(rep.Drafts)+len(rep.Ready) != 0 {
		t.Errorf("job touched something after publication: %+v", rep)
	}
	if run, _ = e.db.AssessmentRunByID(ctx, runs[0].ID); run.State != assessment.StatePublished {
		t.Errorf("state %s, want 已发布", run.State)
	}
	ents, _, _ := e.db.AuditLog(ctx, auth.AuditQuery{Action: auth.ActionAssessmentScores})
	ready := 0
	for _, en := range ents {
		if en.Actor == AssessmentJobActor && strings.Contains(en.After, assessment.StateReady) {
			ready++
		}
	}
	if ready != 2 {
		t.Errorf("%d audit entries of the job marking 待发布, want 2", ready)
	}
}

// TestAssessmentWebReviewFixes: the 司法警察 default scheme exists; the
// roll-up opens on the 员额法官's scheme; runs are listed by scheme name;
// the 公示 deadline reads as its last day's 24:00.
func TestAssessmentWebReviewFixes(t *testing.T) {
	e := newAssessmentEnv(t)
	zz := e.loggedIn("zz")
	wantStatus(t, "police default", zz.post("/assessment/schemes/new", url.Values{"category": {"司法警察"}}), 303, "")
	wantStatus(t, "judge default", zz.post("/assessment/schemes/new", url.Values{"category": {"员额法官"}}), 303, "")
	wantStatus(t, "admin default", zz.post("/assessment/schemes/new", url.Values{"category": {"司法行政人员"}}), 303, "")
	wantStatus(t, "rollup default", zz.get("/assessment/rollup"), 200, "季度与年度汇总 · 员额法官绩效考核方案")
	month := assessment.PrevMonth(assessment.MonthOf(e.srv.today()))
	run := idOf(t, zz.post("/assessment/runs", url.Values{"scheme": {"judge"}, "month": {month}}))
	// Monday 2026-11-23 10:00 in Beijing: 3 working days end on Thursday 11-26
	e.clock.Advance(time.Date(2026, 11, 23, 2, 0, 0, 0, time.UTC).Sub(e.clock.Now()))
	zz = e.loggedIn("zz")
	wantStatus(t, "notice", zz.post(fmt.Sprintf("/assessment/runs/%d/notice", run), nil), 303, "")
	wantStatus(t, "deadline", zz.get(fmt.Sprintf("/assessment/runs/%d", run)), 200, "公示期至 2026-11-26 24:00")
	home := zz.get("/assessment")
	if !strings.Contains(home.body, "<td>员额法官绩效考核方案</td>") {
		t.Errorf("home lists runs without the scheme's name:\n%.3000s", home.body)
	}
}

// TestAssessmentWebDraftHidden: a draft month is not in the judge's 业绩档案
// nor in the 庭长's roll-up until it goes into 公示; 政治部 sees it at once.
func TestAssessmentWebDraftHidden(t *testing.T) {
	e := newAssessmentEnv(t)
	zz, fg, tz1 := e.loggedIn("zz"), e.loggedIn("fg"), e.loggedIn("tz1")
	li := e.ids()["李法官"]
	scheme := idOf(t, zz.post("/assessment/schemes/new", url.Values{"category": {"员额法官"}}))
	idOf(t, zz.post(fmt.Sprintf("/assessment/schemes/%d", scheme), url.Values{"json": {simpleScheme}}))
	month := assessment.PrevMonth(assessment.MonthOf(e.srv.today()))
	run := idOf(t, zz.post("/assessment/runs", url.Values{"scheme": {"judge"}, "month": {month}}))
	archive := fmt.Sprintf("/assessment/people/%d/archive?year=%s", li, month[:4])
	row := "<tr><td>" + month + "</td>"
	rollup := "/assessment/rollup?period=" + month[:4]
	if body := fg.get(archive).body; strings.Contains(body, row) {
		t.Error("the judge's archive shows a draft month")
	}
	if body := tz1.get(rollup).body; strings.Contains(body, "李法官") {
		t.Error("the 庭长's roll-up shows a draft month")
	}
	if body := zz.get(archive).body; !strings.Contains(body, row) {
		t.Error("政治部 does not see the draft month in the archive")
	}
	wantStatus(t, "notice", zz.post(fmt.Sprintf("/assessment/runs/%d/notice", run), nil), 303, "")
	if body := fg.get(archive).body; !strings.Contains(body, row) {
		t.Error("the judge's archive lacks the month in 公示")
	}
	if body := tz1.get(rollup).body; !strings.Contains(body, "李法官") {
		t.Error("the 庭长's roll-up lacks the month in 公示")
	}
}
