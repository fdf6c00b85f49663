package store_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/zhixiao/zhixiao/internal/auth"
	"github.com/zhixiao/zhixiao/internal/court"
	"github.com/zhixiao/zhixiao/internal/store"
	"github.com/zhixiao/zhixiao/internal/store/storetest"
	"github.com/zhixiao/zhixiao/internal/supervision"
)

// TestSupervisionStoreEscalationInCharge: with the 分管院领导 set for 民二庭,
// an overdue item of 民二庭 escalates, with a fake clock, the day after its
// due date to that leader only; an item of 民一庭 (no leader set) to every
// 院领导; the setting is audited and refuses an account that is not a
// 院领导 of the court; a disabled leader falls back to every 院领导.
func TestSupervisionStoreEscalationInCharge(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		users := svFixture(t, db)
		u2 := auth.User{Login: "fyz", Role: auth.RolePresident, Court: east}
		if err := db.ResolvePost(ctx, &u2); err != nil {
			t.Fatal(err)
		}
		fyz, err := db.CreateUser(ctx, u2, "$h", auth.AuditEntry{At: authT0, Actor: "test", Action: auth.ActionUserAdd})
		if err != nil {
			t.Fatal(err)
		}
		yz, sgb, fg2 := users["yz"], users["sgb"], users["fg2"]
		min2 := fg2.DepartmentID // 民二庭
		if min2 == 0 {
			t.Fatal("fixture: fg2 has no department")
		}
		e := auth.AuditEntry{At: authT0, ActorID: sgb.ID, Actor: sgb.Login}
		if err := db.SaveSupervisionLeaders(ctx, sgb.CourtID, map[int64]int64{min2: users["tz1"].ID}, e); court.KindOf(err) != court.Invalid {
			t.Errorf("a 庭长 as 分管院领导: %v, want Invalid", err)
		}
		if err := db.SaveSupervisionLeaders(ctx, sgb.CourtID, map[int64]int64{min2: fyz.ID}, e); err != nil {
			t.Fatal(err)
		}
		got, err := db.SupervisionLeaders(ctx, sgb.CourtID)
		if err != nil || len(got) != 1 || got[min2] != fyz.ID {
			t.Fatalf("leaders: %v, %v", got, err)
		}
		log, total, err := db.AuditLog(ctx, auth.AuditQuery{Action: store.ActionSvLeaders})
		if err != nil || total != 1 || !strings.Contains(log[0].After, "民二庭") || !strings.Contains(log[0].After, "fyz") {
			t.Fatalf("leaders audit: %d %+v %v", total, log, err)
		}

		// Red warnings open two items due svToday+15: 民一庭's long-pending
		// case and 民二庭's enforcement case.
		if r, err := db.RunSupervision(ctx, svToday, svJob); err != nil || r.Opened != 2 {
			t.Fatalf("first run: %+v %v", r, err)
		}
		if r, err := db.RunSupervision(ctx, svToday+15, svJob); err != nil || r.Escalated != 0 {
			t.Fatalf("on the due date: %+v %v", r, err)
		}
		if r, err := db.RunSupervision(ctx, svToday+16, svJob); err != nil || r.Escalated != 2 {
			t.Fatalf("the day after: %+v %v", r, err)
		}
		its, err := db.Items(ctx, store.ItemFilter{Scope: svScope(t, yz), Escalated: true})
		if err != nil || len(its) != 2 {
			t.Fatalf("escalated items: %+v %v", its, err)
		}
		for _, it := range its {
			inCharge := it.Department == min2
			if it.EscalatedOn != svToday+16 || inCharge != strings.HasPrefix(it.EscalatedTo, "分管院领导 fyz") ||
				!inCharge && (!strings.Contains(it.EscalatedTo, "yz") || !strings.Contains(it.EscalatedTo, "fyz")) {
				t.Errorf("item %s escalated on %s to %q", it.CaseNo, it.EscalatedOn, it.EscalatedTo)
			}
		}
		// yz gets the 民一庭 item only; fyz both, in one notice.
		for login, want := range map[string]string{"yz": "超期未办结 1 件", "fyz": "超期未办结 2 件"} {
			id := yz.ID
			if login == "fyz" {
				id = fyz.ID
			}
			es, _ := db.Inbox(ctx, id, 10)
			if len(es) != 1 || !strings.Contains(es[0].Title, want) {
				t.Errorf("%s's inbox: %+v, want one notice %q", login, es, want)
			}
		}
		log, total, err = db.AuditLog(ctx, auth.AuditQuery{Action: store.ActionSvItemEscalate})
		if err != nil || total != 2 || !strings.Contains(log[0].After+log[1].After, "分管院领导 fyz") {
			t.Errorf("escalation audit: %d entries %v", total, err)
		}

		// A disabled leader in charge: a new overdue item of 民二庭 goes to every 院领导.
		if err := db.SetDisabled(ctx, fyz.ID, true, auth.AuditEntry{At: authT0, Actor: "test", Action: auth.ActionUserDisable}); err != nil {
			t.Fatal(err)
		}
		it, err := db.CaseForItem(ctx, "（2026）京0101民初4号")
		if err != nil {
			t.Fatal(err)
		}
		it.Source, it.Action, it.DueOn, it.Status, it.OpenedBy, it.OpenedOn = supervision.SourceLeader, "限期审结", svToday+20, supervision.ItemOpen, "yz", svToday+16
		if _, err := db.OpenItem(ctx, it, auth.AuditEntry{At: authT0, ActorID: yz.ID, Actor: "yz"}); err != nil {
			t.Fatal(err)
		}
		if r, err := db.RunSupervision(ctx, svToday+21, svJob); err != nil || r.Escalated != 1 {
			t.Fatalf("run with the leader disabled: %+v %v", r, err)
		}
		its, _ = db.Items(ctx, store.ItemFilter{Scope: svScope(t, yz), CaseID: it.CaseID})
		if len(its) != 1 || !strings.HasPrefix(its[0].EscalatedTo, "本院院领导 yz") {
			t.Errorf("with the leader in charge disabled: %+v", its)
		}
	})
}

// TestSupervisionStoreEditWithdraw: edits of a plan, a problem and a
// measure (leader, deadline, milestones) and the withdrawal of a measure
// and of a problem are audited, kept in the measure's history, delete
// nothing, and take withdrawn measures out of the summary.
func TestSupervisionStoreEditWithdraw(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		users := svFixture(t, db)
		sgb, yz, tz := users["sgb"], users["yz"], users["tz1"]
		e := auth.AuditEntry{At: authT0, ActorID: sgb.ID, Actor: sgb.Login}
		planID, err := db.CreatePlan(ctx, supervision.Plan{Court: sgb.CourtID, Title: "整改方案", Source: "巡查", CreatedBy: "sgb", CreatedOn: svToday}, e)
		if err != nil {
			t.Fatal(err)
		}
		p1, _ := db.AddProblem(ctx, planID, "问题一", e)
		p2, _ := db.AddProblem(ctx, planID, "问题二", e)
		add := func(problem int64, title string) int64 {
			t.Helper()
			id, err := db.AddMeasure(ctx, supervision.Measure{PlanID: planID, ProblemID: problem, Title: title, Leader: yz.ID, Department: tz.DepartmentID,
				DueOn: svToday + 30, Milestones: []supervision.Milestone{{Title: "摸底", DueOn: svToday + 5}, {Title: "清理", DueOn: svToday + 20}}}, e)
			if err != nil {
				t.Fatal(err)
			}
			return id
		}
		m1, m2, m3 := add(p1, "措施一"), add(p1, "措施二"), add(p2, "措施三")

		before, err := db.PlanHead(ctx, planID)
		if err != nil {
			t.Fatal(err)
		}
		after := before
		after.Title, after.Description = "整改方案（修订）", "根据巡查反馈修订"
		if err := db.UpdatePlan(ctx, before, after, e); err != nil {
			t.Fatal(err)
		}
		if got, _ := db.PlanHead(ctx, planID); got.Title != "整改方案（修订）" || got.Description != "根据巡查反馈修订" {
			t.Errorf("plan after edit: %+v", got)
		}
		q, err := db.Problem(ctx, p1)
		if err != nil {
			t.Fatal(err)
		}
		qa := q
		qa.Title = "问题一（修订）"
		if err := db.UpdateProblem(ctx, q, qa, e); err != nil {
			t.Fatal(err)
		}

		// Edit 措施一: another leader (sgb), a later deadline, 清理 moved, 摸底 dropped, 总结 added.
		mb, _, err := db.Measure(ctx, m1)
		if err != nil {
			t.Fatal(err)
		}
		ma := mb
		ma.Leader, ma.LeaderName, ma.DueOn = sgb.ID, "sgb", svToday+60
		me := supervision.EditMilestones(mb.Milestones, []supervision.Milestone{{Title: "清理", DueOn: svToday + 40}, {Title: "总结", DueOn: svToday + 55}})
		r := supervision.Report{UserID: sgb.ID, Login: "sgb", On: svToday + 1, At: "2026-03-03T08:00:00Z", Body: supervision.EditSummary(&mb, &ma, me)}
		if err := db.EditMeasure(ctx, mb, ma, me, r, e); err != nil {
			t.Fatal(err)
		}
		got, _, err := db.Measure(ctx, m1)
		if err != nil || got.Leader != sgb.ID || got.DueOn != svToday+60 || len(got.Milestones) != 2 ||
			got.Milestones[0].Title != "清理" || got.Milestones[0].DueOn != svToday+40 || got.Milestones[1].Title != "总结" ||
			len(got.Dropped) != 1 || got.Dropped[0].Title != "摸底" || got.Dropped[0].DroppedOn != svToday+1 {
			t.Fatalf("measure after edit: %+v %v", got, err)
		}
		bad := got
		bad.Department = 99999
		if err := db.EditMeasure(ctx, got, bad, supervision.MilestoneEdit{Keep: got.Milestones}, r, e); court.KindOf(err) != court.Invalid {
			t.Errorf("an edit to an unknown department: %v", err)
		}

		// Withdraw 措施二, then 问题二 (and with it 措施三).
		wb, _, _ := db.Measure(ctx, m2)
		wa := wb
		if err := wa.Withdraw("与措施一重复", svToday+1); err != nil {
			t.Fatal(err)
		}
		r.Kind, r.Body = supervision.ReportWithdrawn, wa.WithdrawReason
		if err := db.WithdrawMeasure(ctx, wb, wa, r, e); err != nil {
			t.Fatal(err)
		}
		if err := db.WithdrawMeasure(ctx, wb, wa, r, e); court.KindOf(err) != court.Conflict {
			t.Errorf("withdrawing twice from a stale state: %v, want Conflict", err)
		}
		q2, _ := db.Problem(ctx, p2)
		q2a := q2
		if err := q2a.Withdraw("并入问题一", svToday+1); err != nil {
			t.Fatal(err)
		}
		if n, err := db.WithdrawProblem(ctx, q2, q2a, r, e); err != nil || n != 1 {
			t.Fatalf("withdraw problem: %d measures, %v", n, err)
		}
		if _, err := db.AddMeasure(ctx, supervision.Measure{PlanID: planID, ProblemID: p2, Title: "x", Leader: yz.ID, Department: tz.DepartmentID, DueOn: svToday}, e); court.KindOf(err) != court.Conflict {
			t.Errorf("a measure added to a withdrawn problem: %v", err)
		}

		p, err := db.Plan(ctx, planID)
		if err != nil || len(p.Problems) != 2 || len(p.Problems[0].Measures) != 2 || len(p.Problems[1].Measures) != 1 {
			t.Fatalf("plan after withdrawals: nothing may be deleted: %+v %v", p, err)
		}
		if !p.Problems[1].Withdrawn() || p.Problems[1].WithdrawReason != "并入问题一" || p.Problems[0].Title != "问题一（修订）" {
			t.Errorf("problems: %+v", p.Problems)
		}
		m3got := p.Problems[1].Measures[0]
		if m3got.ID != m3 || m3got.Status != supervision.MeasureWithdrawn || !strings.Contains(m3got.WithdrawReason, "并入问题一") {
			t.Errorf("措施三 after its problem's withdrawal: %+v", m3got)
		}
		if tl := supervision.TallyOf(&p, svToday+1); tl.Measures != 1 || tl.Withdrawn != 2 {
			t.Errorf("tally: %+v", tl)
		}
		sum, err := db.SupervisionSummary(ctx, sgb.CourtID, svToday+1)
		if err != nil || sum.Measures != 1 {
			t.Errorf("summary counts withdrawn measures: %+v %v", sum, err)
		}
		rs, err := db.Reports(ctx, m1)
		if err != nil || len(rs) != 1 || rs[0].Kind != supervision.ReportEdited || !strings.Contains(rs[0].Body, "责任领导") {
			t.Errorf("措施一's history: %+v %v", rs, err)
		}
		rs, _ = db.Reports(ctx, m2)
		if len(rs) != 1 || rs[0].Kind != supervision.ReportWithdrawn || rs[0].Body != "与措施一重复" {
			t.Errorf("措施二's history: %+v", rs)
		}
		// The audit log has every change, with before and after.
		_, edits, _ := db.AuditLog(ctx, auth.AuditQuery{Action: store.ActionSvPlanEdit})
		_, withdrawals, _ := db.AuditLog(ctx, auth.AuditQuery{Action: store.ActionSvWithdraw})
		if edits != 3 || withdrawals != 3 {
			t.Errorf("audit: %d edits (want plan, problem, measure), %d withdrawals (want 措施二, 问题二, 措施三)", edits, withdrawals)
		}
		log, _, _ := db.AuditLog(ctx, auth.AuditQuery{Action: store.ActionSvPlanEdit})
		for len(log) > 0 && !strings.HasPrefix(log[0].Object, "整改措施") {
			log = log[1:]
		}
		if len(log) == 0 || !strings.Contains(log[0].Before, "摸底") || strings.Contains(log[0].After, "摸底") || !strings.Contains(log[0].After, "总结") {
			t.Errorf("the measure's edit audit: %+v", log)
		}
		wlog, _, _ := db.AuditLog(ctx, auth.AuditQuery{Action: store.ActionSvWithdraw})
		for _, x := range wlog {
			if strings.HasPrefix(x.Object, "整改措施") && (!strings.Contains(x.After, `"撤销理由":"`) || strings.Contains(x.After, `\"`)) {
				t.Errorf("a withdrawal's audit entry is not one flat JSON object with its reason: %s", x.After)
			}
		}
		// The 调整 and 撤销 notices reach the department.
		es, _ := db.Inbox(ctx, tz.ID, 10)
		var titles []string
		for _, x := range es {
			titles = append(titles, x.Title)
		}
		if all := strings.Join(titles, "|"); !strings.Contains(all, "整改措施已调整") || !strings.Contains(all, "整改措施已撤销") {
			t.Errorf("department's notices: %v", titles)
		}
	})
}

// TestSupervisionStoreDigestOnce: the daily digest goes out once a day,
// even when asked again (a restart, a second app server); the next day it
// goes out again.
func TestSupervisionStoreDigestOnce(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		users := svFixture(t, db)
		if _, err := db.RunSupervision(ctx, svToday, svJob); err != nil {
			t.Fatal(err)
		}
		n, err := db.SendDigest(ctx, authT0.Add(time.Hour), svToday)
		if err != nil || n == 0 {
			t.Fatalf("first digest: %d accounts, %v", n, err)
		}
		if n, err := db.SendDigest(ctx, authT0.Add(2*time.Hour), svToday); err != nil || n != 0 {
			t.Errorf("the same day's digest again: %d accounts, %v", n, err)
		}
		if n, err := db.SendDigest(ctx, authT0.Add(3*time.Hour), svToday+1); err != nil || n == 0 {
			t.Errorf("the next day's digest: %d accounts, %v", n, err)
		}
		es, _ := db.Inbox(ctx, users["fg"].ID, 20)
		digests := 0
		for _, x := range es {
			if x.Kind == "每日摘要" {
				digests++
			}
		}
		if digests != 2 {
			t.Errorf("the judge got %d digests over two days, want 2", digests)
		}
	})
}
