package store_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/zhixiao/zhixiao/internal/assessment"
	"github.com/zhixiao/zhixiao/internal/auth"
	"github.com/zhixiao/zhixiao/internal/court"
	"github.com/zhixiao/zhixiao/internal/store"
	"github.com/zhixiao/zhixiao/internal/store/storetest"
)

// assessmentSetup loads two courts with 王庭长 and returns the court id and
// the person.
func assessmentSetup(t *testing.T, db *store.DB) (int64, assessment.Person) {
	t.Helper()
	loadPosts(t, db)
	ps, err := db.AssessmentPeople(context.Background(), 0)
	if err != nil || len(ps) != 1 {
		t.Fatalf("people: %v %v", ps, err)
	}
	p := ps[0]
	if p.Category != assessment.CategoryLeader && p.Category != "员额法官" || p.Unit != "示例市中级人民法院/民一庭/王庭长" || p.DeptUnit != "示例市中级人民法院/民一庭" {
		t.Fatalf("person: %+v", p)
	}
	return p.Court, p
}

func TestAssessmentSchemeVersions(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		courtID, _ := assessmentSetup(t, db)
		s := assessment.DefaultSchemes(courtID)[0]
		e := auth.AuditEntry{At: authT0, Actor: "zhengzhi", IP: "10.0.0.2"}
		v1, err := db.SaveAssessmentScheme(ctx, s, e)
		if err != nil || v1.Version != 1 || v1.ID == 0 {
			t.Fatalf("v1: %+v %v", v1, err)
		}
		s2 := s.Copy()
		s2.Draft = false
		s2.Groups[0].Items[0].Max, s2.Groups[0].Items[1].Max = 10, 8
		v2, err := db.SaveAssessmentScheme(ctx, s2, e)
		if err != nil || v2.Version != 2 {
			t.Fatalf("v2: %+v %v", v2, err)
		}
		sum := storetest.Checksum(t, db)
		bad := s.Copy()
		bad.Groups[0].Weight = 50
		if _, err := db.SaveAssessmentScheme(ctx, bad, e); err == nil || !strings.Contains(err.Error(), "应等于权重 50") {
			t.Errorf("bad weights: %v", err)
		}
		if storetest.Checksum(t, db) != sum {
			t.Error("a rejected scheme changed the database")
		}
		all, err := db.AssessmentSchemes(ctx, courtID)
		if err != nil || len(all) != 2 || all[0].Version != 2 || all[0].Groups[0].Items[0].Max != 10 {
			t.Fatalf("schemes: %d %v", len(all), err)
		}
		log, n, err := db.AuditLog(ctx, auth.AuditQuery{Action: auth.ActionAssessmentScheme})
		if err != nil || n != 2 || log[0].Before == "" || !strings.Contains(log[0].Object, "第 2 版") {
			t.Errorf("audit: %d %v %+v", n, err, log)
		}
		if _, err := db.AssessmentScheme(ctx, 999); court.KindOf(err) != court.NotFound {
			t.Errorf("missing scheme: %v", err)
		}
	})
}

func TestAssessmentRunWorkflow(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		courtID, p := assessmentSetup(t, db)
		e := auth.AuditEntry{At: authT0, Actor: "zhengzhi", IP: "10.0.0.2"}
		s, err := db.SaveAssessmentScheme(ctx, assessment.DefaultSchemes(courtID)[0], e)
		if err != nil {
			t.Fatal(err)
		}
		month, _ := assessment.MonthPeriod("2025-02")
		if _, err := db.AddAssessmentEntry(ctx, courtID, assessment.Entry{Person: p.ID, Item: "D1", Event: "违规会客", Day: month.From + 3, Evidence: "登记表"}, e); err != nil {
			t.Fatal(err)
		}
		ens, err := db.AssessmentEntries(ctx, courtID, month)
		if err != nil || len(ens) != 1 || ens[0].Day != month.From+3 || ens[0].By != "zhengzhi" {
			t.Fatalf("entries: %+v %v", ens, err)
		}
		p.Category = s.Category
		tb, err := assessment.Compute(assessment.Inputs{Scheme: s, Period: month, People: []assessment.Person{p}, Entries: ens})
		if err != nil {
			t.Fatal(err)
		}
		run, err := db.SaveAssessmentScores(ctx, s, assessment.Run{Month: "2025-02"}, tb, e)
		if err != nil || run.Version != 1 || run.State != assessment.StateDraft || run.People != 1 {
			t.Fatalf("run: %+v %v", run, err)
		}
		got, err := db.AssessmentScore(ctx, run.ID, p.ID)
		if err != nil || got.Total != tb.Scores[0].Total || got.Groups[3].Items[0].Points != 3 {
			t.Fatalf("score: %+v %v", got, err)
		}
		// 预发布, objection, publish
		noticed, _ := run.StartNotice(authT0, 3)
		if err := db.SetAssessmentRunState(ctx, noticed, assessment.StateDraft, e); err != nil {
			t.Fatal(err)
		}
		if err := db.SetAssessmentRunState(ctx, noticed, assessment.StateDraft, e); court.KindOf(err) != court.Conflict {
			t.Errorf("stale state change: %v", err)
		}
		oe := e
		oe.At = authT0.Add(24 * time.Hour)
		oid, err := db.AddAssessmentObjection(ctx, assessment.Objection{Run: run.ID, Person: p.ID, Reason: "违规会客系误记"}, oe)
		if err != nil {
			t.Fatal(err)
		}
		late := e
		late.At = noticed.NoticeUntil.Add(time.Minute)
		if _, err := db.AddAssessmentObjection(ctx, assessment.Objection{Run: run.ID, Person: p.ID, Reason: "再议"}, late); err == nil || !strings.Contains(err.Error(), "不能再提出异议") {
			t.Errorf("late objection: %v", err)
		}
		os, err := db.AssessmentObjections(ctx, run.ID)
		if err != nil || len(os) != 1 || os[0].ID != oid || os[0].State != assessment.ObjectionOpen {
			t.Fatalf("objections: %+v %v", os, err)
		}
		rej, _ := os[0].Review(false, "经核实无误", "zhengzhi", late.At)
		if err := db.ReviewAssessmentObjection(ctx, rej, late); err != nil {
			t.Fatal(err)
		}
		if err := db.ReviewAssessmentObjection(ctx, rej, late); court.KindOf(err) != court.Conflict {
			t.Errorf("second review: %v", err)
		}
		pub, err := noticed.Publish(late.At, 0)
		if err != nil {
			t.Fatal(err)
		}
		if err := db.SetAssessmentRunState(ctx, pub, assessment.StateNotice, late); err != nil {
			t.Fatal(err)
		}
		// a published run is locked
		if _, err := db.SaveAssessmentScores(ctx, s, pub, tb, late); court.KindOf(err) != court.Conflict {
			t.Errorf("recompute of a published run: %v", err)
		}
		// a correction is version 2; publishing it supersedes version 1
		corr, _ := pub.Correct()
		tb2 := *tb
		tb2.Scores = append([]assessment.Score(nil), tb.Scores...)
		tb2.Scores[0].Total = 42
		run2, err := db.SaveAssessmentScores(ctx, s, corr, &tb2, late)
		if err != nil || run2.Version != 2 {
			t.Fatalf("correction: %+v %v", run2, err)
		}
		// while the correction is a draft, the published version is the month's table
		if tabs, _ := db.AssessmentMonthTables(ctx, courtID, s.Code, []string{"2025-02"}); tabs[0] == nil || tabs[0].Scores[0].Total == 42 {
			t.Errorf("month table during a correction: %+v", tabs)
		}
		n2, _ := run2.StartNotice(late.At, 0)
		db.SetAssessmentRunState(ctx, n2, assessment.StateDraft, late)
		p2, _ := n2.Publish(late.At.Add(48*time.Hour), 0)
		if err := db.SetAssessmentRunState(ctx, p2, assessment.StateNotice, late); err != nil {
			t.Fatal(err)
		}
		old, _ := db.AssessmentRunByID(ctx, run.ID)
		if old.State != assessment.StateSuperseded {
			t.Errorf("version 1 is %s, want 已更正", old.State)
		}
		tabs, err := db.AssessmentMonthTables(ctx, courtID, s.Code, []string{"2025-01", "2025-02"})
		if err != nil || len(tabs) != 2 || tabs[0] != nil || tabs[1] == nil || len(tabs[1].Scores) != 1 || tabs[1].Scores[0].Total != 42 {
			t.Errorf("month tables: %v %v", tabs, err)
		}
		for _, a := range []auth.Action{auth.ActionAssessmentEntry, auth.ActionAssessmentScores, auth.ActionAssessmentObjection} {
			if _, n, err := db.AuditLog(ctx, auth.AuditQuery{Action: a}); err != nil || n == 0 {
				t.Errorf("audit %s: %d %v", a, n, err)
			}
		}
		// 约谈
		iv := assessment.Interview{Person: p.ID, Month: "2025-02", Leader: "院长", HeldOn: month.To + 2, Content: "谈话", FollowUp: "跟进"}
		if _, err := db.AddAssessmentInterview(ctx, courtID, iv, e); err != nil {
			t.Fatal(err)
		}
		ivs, err := db.AssessmentInterviews(ctx, courtID, p.ID)
		if err != nil || len(ivs) != 1 || ivs[0].HeldOn != month.To+2 {
			t.Errorf("interviews: %+v %v", ivs, err)
		}
		if _, n, _ := db.AuditLog(ctx, auth.AuditQuery{Action: auth.ActionAssessmentInterview}); n != 1 {
			t.Errorf("interview audit: %d", n)
		}
	})
}

// TestAssessmentScoresBatches stores a table of 450 people (three batches
// of the multi-row insert) and reads it back in order.
func TestAssessmentScoresBatches(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		im, err := db.BeginImport(ctx, store.ImportMeta{Kind: "people", FileName: "t", SHA256: "-", Actor: "test", Started: authT0})
		if err != nil {
			t.Fatal(err)
		}
		c := court.Court{Name: "示例市中级人民法院", Level: court.CourtIntermediate}
		if err := im.AddCourt(&c); err != nil {
			t.Fatal(err)
		}
		for i := range 450 {
			p := court.Person{Court: c.Name, Department: "民一庭", Name: fmt.Sprintf("法官%03d", i), StaffNo: fmt.Sprintf("S%03d", i), Category: court.CategoryJudge, Title: "审判员", Active: true}
			if err := im.AddPerson(&p); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := im.Commit(0); err != nil {
			t.Fatal(err)
		}
		people, err := db.AssessmentPeople(ctx, 0)
		if err != nil || len(people) != 450 {
			t.Fatalf("people: %d %v", len(people), err)
		}
		s, err := db.SaveAssessmentScheme(ctx, assessment.DefaultSchemes(people[0].Court)[0], auth.AuditEntry{At: authT0, Actor: "zz"})
		if err != nil {
			t.Fatal(err)
		}
		month, _ := assessment.MonthPeriod("2025-03")
		tb, err := assessment.Compute(assessment.Inputs{Scheme: s, Period: month, People: people})
		if err != nil {
			t.Fatal(err)
		}
		for i := range tb.Scores {
			tb.Scores[i].Total = float64(i) // distinct, descending order is the reverse
		}
		run, err := db.SaveAssessmentScores(ctx, s, assessment.Run{Month: "2025-03"}, tb, auth.AuditEntry{At: authT0, Actor: "zz"})
		if err != nil || run.People != 450 {
			t.Fatalf("run: %+v %v", run, err)
		}
		back, err := db.AssessmentTable(ctx, run.ID)
		if err != nil || len(back.Scores) != 450 || back.Scores[0].Total != 449 || back.Scores[449].Total != 0 {
			t.Fatalf("table: %d %v", len(back.Scores), err)
		}
	})
}
