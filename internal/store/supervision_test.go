package store_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/zhixiao/zhixiao/internal/auth"
	"github.com/zhixiao/zhixiao/internal/court"
	"github.com/zhixiao/zhixiao/internal/store"
	"github.com/zhixiao/zhixiao/internal/store/storetest"
	"github.com/zhixiao/zhixiao/internal/supervision"
)

// svToday is the fake "today" of the supervision store tests.
var svToday = court.DateOf(2026, 3, 2)

// svFixture loads a court with two departments, a judge, five pending
// cases (one long pending, one near its limit, one past 2/3, one fresh, one
// enforcement case with funds unpaid for 40 days) and the accounts of the
// module's roles, and returns the accounts by login.
func svFixture(t *testing.T, db *store.DB) map[string]auth.User {
	t.Helper()
	mk := func(no string, dept, judge string, filedAgo int) court.Case {
		c := newCase(t, no, east, dept, judge, "2025-01-01")
		c.FiledOn = svToday - court.Date(filedAgo)
		return c
	}
	load(t, db, batch{
		courts: []court.Court{{Name: east, Code: "京0101", Level: court.CourtBasic}},
		people: []court.Person{
			{Court: east, Department: "民一庭", Name: "李法官", StaffNo: "L1", Category: court.CategoryJudge, Active: true},
			{Court: east, Department: "民二庭", Name: "赵法官", StaffNo: "Z1", Category: court.CategoryJudge, Active: true},
			{Court: east, Department: "民一庭", Name: "王庭长", StaffNo: "W1", Category: court.CategoryJudge, Active: true},
		},
		cases: []court.Case{
			mk("（2024）京0101民初1号", "民一庭", "李法官", 400),
			mk("（2025）京0101民初2号", "民一庭", "李法官", 155),
			mk("（2025）京0101民初3号", "民二庭", "赵法官", 125),
			mk("（2026）京0101民初4号", "民二庭", "赵法官", 10),
			mk("（2026）京0101执5号", "民二庭", "赵法官", 50),
		},
		funds: []court.FundReceipt{{CaseNo: "（2026）京0101执5号", ReceivedOn: svToday - 40, Amount: 100000, PaidAmount: court.NoMoney}},
	})
	users := map[string]auth.User{}
	for _, u := range []auth.User{
		{Login: "sgb", Role: auth.RoleTrialMgmt, Court: east},
		{Login: "yz", Role: auth.RolePresident, Court: east},
		{Login: "tz1", Role: auth.RoleChief, Court: east, Department: "民一庭", StaffNo: "W1"},
		{Login: "fg", Role: auth.RoleJudge, Court: east, StaffNo: "L1"},
		{Login: "fg2", Role: auth.RoleJudge, Court: east, StaffNo: "Z1"},
	} {
		if err := db.ResolvePost(context.Background(), &u); err != nil {
			t.Fatal(err)
		}
		c, err := db.CreateUser(context.Background(), u, "$h", auth.AuditEntry{At: authT0, Actor: "test", Action: auth.ActionUserAdd})
		if err != nil {
			t.Fatal(err)
		}
		users[u.Login] = c
	}
	return users
}

func svScope(t *testing.T, u auth.User) auth.Scope {
	t.Helper()
	s, err := auth.NewScope(u, []auth.CourtLink{{ID: u.CourtID}})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

var svJob = auth.AuditEntry{At: authT0, Actor: "督办预警任务"}

// TestSupervisionStoreNightly runs the warning job across days: colours,
// write-only-what-changed, 督办单 opened for red warnings, closed with the
// case, escalated the day after their due date, and the outcomes and
// summary the other modules read.
func TestSupervisionStoreNightly(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		users := svFixture(t, db)
		r, err := db.RunSupervision(ctx, svToday, svJob)
		if err != nil {
			t.Fatal(err)
		}
		if r.Pending != 5 || r.Blue != 1 || r.Yellow != 1 || r.Red != 2 || r.Added != 4 || r.Opened != 2 {
			t.Fatalf("first run: %+v", r)
		}
		again, err := db.RunSupervision(ctx, svToday, svJob)
		if err != nil {
			t.Fatal(err)
		}
		if again.Unchanged != 4 || again.Added+again.Changed+again.Removed != 0 || again.Opened != 0 {
			t.Fatalf("second run of the same day rewrote rows or opened items: %+v", again)
		}
		// The judge sees his warnings and his item, not the others'.
		ws, err := db.Warnings(ctx, store.WarningFilter{Scope: svScope(t, users["fg"])})
		if err != nil || len(ws) != 2 || ws[0].Colour != supervision.ColourRed || ws[0].JudgeName != "李法官" {
			t.Fatalf("judge's warnings: %+v, %v", ws, err)
		}
		its, err := db.Items(ctx, store.ItemFilter{Scope: svScope(t, users["fg"]), Open: true})
		if err != nil || len(its) != 1 || its[0].CaseNo != "（2024）京0101民初1号" || its[0].DueOn != svToday+15 {
			t.Fatalf("judge's items: %+v, %v", its, err)
		}
		if n, _ := db.UnreadCount(ctx, users["fg"].ID); n != 1 {
			t.Errorf("judge has %d unread notices, want 1", n)
		}
		if n, _ := db.UnreadCount(ctx, users["tz1"].ID); n != 1 {
			t.Errorf("chief has %d unread notices, want 1", n)
		}

		// The long-pending case closes; its item closes on the next run.
		closed := newCase(t, "（2024）京0101民初1号", east, "民一庭", "李法官", "2025-01-01")
		closed.FiledOn, closed.ClosedOn, closed.CloseMethod = svToday-400, svToday+1, court.CloseJudgment
		load(t, db, batch{cases: []court.Case{closed}})
		r, err = db.RunSupervision(ctx, svToday+1, svJob)
		if err != nil {
			t.Fatal(err)
		}
		if r.Closed != 1 || r.Removed != 1 {
			t.Fatalf("after the case closed: %+v", r)
		}
		it, err := db.Item(ctx, its[0].ID)
		if err != nil || it.Status != supervision.ItemClosed || it.CloseNote != "案件已结案" || it.ClosedOn != svToday+1 {
			t.Fatalf("item after close: %+v, %v", it, err)
		}

		// The enforcement case's item is due on svToday+15: not escalated
		// that day, escalated the day after, once.
		for day, want := range map[court.Date]int{svToday + 15: 0, svToday + 16: 1} {
			r, err = db.RunSupervision(ctx, day, svJob)
			if err != nil || r.Escalated != want {
				t.Fatalf("run on %s: escalated %d, want %d (%v)", day, r.Escalated, want, err)
			}
		}
		if r, _ = db.RunSupervision(ctx, svToday+17, svJob); r.Escalated != 0 {
			t.Errorf("escalated twice")
		}
		es, _ := db.Inbox(ctx, users["yz"].ID, 10)
		if len(es) != 1 || !strings.Contains(es[0].Title, "超期未办结 1 件") {
			t.Errorf("president's inbox: %+v", es)
		}
		os, err := db.SupervisionOutcomes(ctx, users["yz"].CourtID, svToday, svToday+30)
		if err != nil || len(os) != 1 || os[0].Kind != court.OutcomeSupervisionOverdue || os[0].Day != svToday+16 || !strings.Contains(os[0].Ref, "执5号") {
			t.Fatalf("outcomes: %+v, %v", os, err)
		}
		sum, err := db.SupervisionSummary(ctx, users["yz"].CourtID, svToday+17)
		if err != nil {
			t.Fatal(err)
		}
		if sum.ItemsOpen != 1 || sum.ItemsOverdue != 1 || sum.ItemsClosed != 1 || sum.Red != 1 || sum.Blue != 1 {
			t.Errorf("summary on %s: %+v", svToday+17, sum)
		}
		log, total, err := db.AuditLog(ctx, auth.AuditQuery{Action: store.ActionSvItemEscalate})
		if err != nil || total != 1 || !strings.Contains(log[0].After, "升级日期") {
			t.Errorf("escalation audit: %d entries, %v", total, err)
		}
	})
}

// TestSupervisionStorePlans: a plan with a measure; progress and a closing
// request with evidence by the department, a rejection and an approval by
// the leader, each audited; the rejection is an outcome for the member who
// asked; a stale transition is a conflict.
func TestSupervisionStorePlans(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		users := svFixture(t, db)
		sgb, yz, tz := users["sgb"], users["yz"], users["tz1"]
		e := auth.AuditEntry{At: authT0, ActorID: sgb.ID, Actor: sgb.Login}
		planID, err := db.CreatePlan(ctx, supervision.Plan{Court: sgb.CourtID, Title: "脱薄争先实施方案", Source: "自查", CreatedBy: "sgb", CreatedOn: svToday}, e)
		if err != nil {
			t.Fatal(err)
		}
		probID, err := db.AddProblem(ctx, planID, "审判质效有待优化", e)
		if err != nil {
			t.Fatal(err)
		}
		m := supervision.Measure{PlanID: planID, ProblemID: probID, Title: "清理长期未结案件", Leader: yz.ID, Department: tz.DepartmentID, DueOn: svToday + 30,
			Milestones: []supervision.Milestone{{Title: "摸底", DueOn: svToday + 5}}}
		if _, err := db.AddMeasure(ctx, supervision.Measure{PlanID: planID, ProblemID: probID, Title: "x", Leader: 99999, Department: tz.DepartmentID, DueOn: svToday}, e); court.KindOf(err) != court.Invalid {
			t.Errorf("a measure with an unknown leader: %v", err)
		}
		mid, err := db.AddMeasure(ctx, m, e)
		if err != nil {
			t.Fatal(err)
		}
		p, err := db.Plan(ctx, planID)
		if err != nil || len(p.Problems) != 1 || len(p.Problems[0].Measures) != 1 || p.Problems[0].Measures[0].DeptName != "民一庭" ||
			len(p.Problems[0].Measures[0].Milestones) != 1 || p.Problems[0].Measures[0].Status != supervision.MeasureActive {
			t.Fatalf("plan: %+v, %v", p, err)
		}
		// The chief's account sees the plan through its department; fg2 (民二庭) does not.
		if ps, _ := db.Plans(ctx, svScope(t, tz), tz.ID, tz.DepartmentID); len(ps) != 1 {
			t.Errorf("chief sees %d plans, want 1", len(ps))
		}
		if ps, _ := db.Plans(ctx, svScope(t, users["fg2"]), users["fg2"].ID, users["fg2"].DepartmentID); len(ps) != 0 {
			t.Errorf("a judge of another department sees %d plans", len(ps))
		}
		step := func(a auth.User, kind supervision.ReportKind, body string, atts []supervision.Attachment, change func(*supervision.Measure) error) {
			t.Helper()
			before, _, err := db.Measure(ctx, mid)
			if err != nil {
				t.Fatal(err)
			}
			after := before
			if err := change(&after); err != nil {
				t.Fatalf("%s: %v", kind, err)
			}
			r := supervision.Report{Kind: kind, Body: body, UserID: a.ID, Login: a.Login, PersonID: a.PersonID, On: svToday + 1, At: "2026-03-03T08:00:00Z"}
			if _, err := db.MeasureReport(ctx, before, after, r, atts, auth.AuditEntry{At: authT0, ActorID: a.ID, Actor: a.Login}, nil); err != nil {
				t.Fatalf("%s: %v", kind, err)
			}
		}
		act := supervision.ActorOf
		att, err := supervision.CheckAttachment("../../报告.pdf", []byte("%PDF-1.4 证据"), supervision.MaxAttachmentBytes)
		if err != nil {
			t.Fatal(err)
		}
		step(tz, supervision.ReportProgress, "已摸底", nil, func(m *supervision.Measure) error { return m.CheckProgress(act(tz), "已摸底", 40) })
		step(tz, supervision.ReportRequest, "已完成", []supervision.Attachment{att}, func(m *supervision.Measure) error { return m.RequestCloseout(act(tz), "已完成", 1) })
		step(yz, supervision.ReportRejected, "材料不足", nil, func(m *supervision.Measure) error { return m.Decide(act(yz), false, "材料不足", svToday+1) })
		step(tz, supervision.ReportRequest, "补充材料", []supervision.Attachment{att}, func(m *supervision.Measure) error { return m.RequestCloseout(act(tz), "补充", 1) })
		step(yz, supervision.ReportApproved, "同意销号", nil, func(m *supervision.Measure) error { return m.Decide(act(yz), true, "", svToday+1) })

		got, _, err := db.Measure(ctx, mid)
		if err != nil || got.Status != supervision.MeasureClosed || got.ClosedOn != svToday+1 {
			t.Fatalf("measure after approval: %+v, %v", got, err)
		}
		// A transition computed from a stale state is refused.
		stale := got
		stale.Status = supervision.MeasurePending
		if _, err := db.MeasureReport(ctx, stale, got, supervision.Report{Kind: supervision.ReportApproved, UserID: yz.ID, Login: "yz", On: svToday, At: "x"}, nil, svJob, nil); court.KindOf(err) != court.Conflict {
			t.Errorf("stale transition: %v, want a conflict", err)
		}
		rs, err := db.Reports(ctx, mid)
		if err != nil || len(rs) != 5 || len(rs[1].Attachments) != 1 || rs[1].Attachments[0].Name != "报告.pdf" {
			t.Fatalf("reports: %+v, %v", rs, err)
		}
		a, data, am, err := db.Attachment(ctx, rs[1].Attachments[0].ID)
		if err != nil || string(data) != "%PDF-1.4 证据" || am != mid || a.SHA256 != att.SHA256 {
			t.Errorf("attachment: %+v %q %d %v", a, data, am, err)
		}
		os, err := db.SupervisionOutcomes(ctx, sgb.CourtID, svToday, svToday+5)
		if err != nil || len(os) != 1 || os[0].Kind != court.OutcomeClosingRejected || os[0].Person != tz.PersonID {
			t.Errorf("outcomes: %+v, %v (want 销号被退回 for person %d)", os, err, tz.PersonID)
		}
		sum, err := db.SupervisionSummary(ctx, sgb.CourtID, svToday+2)
		if err != nil || sum.Measures != 1 || sum.MeasuresClosed != 1 || sum.MeasuresLate != 0 {
			t.Errorf("summary: %+v, %v", sum, err)
		}
		if _, total, _ := db.AuditLog(ctx, auth.AuditQuery{Action: store.ActionSvCloseout}); total != 2 {
			t.Errorf("%d closeout decisions audited, want 2", total)
		}
	})
}

// TestSupervisionStoreOutbox: notices go to the outbox only while a webhook
// is set; a failing message is retried after its delay and given up after
// supervision.MaxAttempts; the inbox marks only the account's own notices read.
func TestSupervisionStoreOutbox(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		users := svFixture(t, db)
		fg, sgb := users["fg"], users["sgb"]
		msg := supervision.Message{UserID: fg.ID, Kind: "督办", Title: "测试", Link: "/supervision"}
		if err := db.SendNotice(ctx, msg, authT0); err != nil {
			t.Fatal(err)
		}
		if ms, _ := db.DueOutbox(ctx, authT0, 10); len(ms) != 0 {
			t.Fatalf("outbox without a webhook: %v", ms)
		}
		if err := db.SaveSupervisionWebhook(ctx, store.Webhook{URL: "http://127.0.0.1:1/hook", Secret: "0123456789abcdef"}, svJob); err != nil {
			t.Fatal(err)
		}
		if err := db.SendNotice(ctx, msg, authT0); err != nil {
			t.Fatal(err)
		}
		now := authT0
		for i := 1; i <= supervision.MaxAttempts; i++ {
			ms, err := db.DueOutbox(ctx, now, 10)
			if err != nil || len(ms) != 1 {
				t.Fatalf("attempt %d: %d due, %v", i, len(ms), err)
			}
			gaveUp, err := db.OutboxResult(ctx, ms[0], now, errors.New("connection refused"))
			if err != nil || gaveUp != (i == supervision.MaxAttempts) {
				t.Fatalf("attempt %d: gave up %v, %v", i, gaveUp, err)
			}
			if ms, _ := db.DueOutbox(ctx, now, 10); len(ms) != 0 {
				t.Fatalf("attempt %d: due again at once", i)
			}
			now = now.Add(supervision.RetryDelay(i) + time.Second)
		}
		if ms, _ := db.DueOutbox(ctx, now.Add(24*time.Hour), 10); len(ms) != 0 {
			t.Errorf("a given-up message is due again")
		}
		if n, _ := db.UnreadCount(ctx, fg.ID); n != 2 {
			t.Errorf("%d unread, want 2", n)
		}
		es, _ := db.Inbox(ctx, fg.ID, 10)
		if err := db.MarkRead(ctx, sgb.ID, es[0].ID, authT0); err != nil {
			t.Fatal(err)
		}
		if n, _ := db.UnreadCount(ctx, fg.ID); n != 2 {
			t.Errorf("another account marked fg's notice read")
		}
		db.MarkRead(ctx, fg.ID, 0, authT0)
		if n, _ := db.UnreadCount(ctx, fg.ID); n != 0 {
			t.Errorf("%d unread after marking all read", n)
		}
	})
}
