package supervision

import (
	"strings"
	"testing"

	"github.com/zhixiao/zhixiao/internal/auth"
	"github.com/zhixiao/zhixiao/internal/court"
)

// TestSupervisionCanEditPlan: 审管办 and 院领导 of the plan's court and the
// plan's creator edit; a 庭长, a judge, 政治部 and another court's 审管办 do not.
func TestSupervisionCanEditPlan(t *testing.T) {
	p := Plan{ID: 1, Court: 1, CreatedBy: "shenguan"}
	for _, c := range []struct {
		who  string
		a    Actor
		want court.ErrorKind
	}{
		{"审管办", Actor{Login: "sgb2", Role: auth.RoleTrialMgmt, Court: 1}, 0},
		{"院领导", Actor{Login: "yuanzhang", Role: auth.RolePresident, Court: 1}, 0},
		{"creator", Actor{Login: "shenguan", Role: auth.RoleTrialMgmt, Court: 1}, 0},
		{"庭长", Actor{Login: "tingzhang1", Role: auth.RoleChief, Court: 1, DepartmentID: 3}, court.Forbidden},
		{"法官", Actor{Login: "faguan", Role: auth.RoleJudge, Court: 1}, court.Forbidden},
		{"政治部", Actor{Login: "zhengzhi", Role: auth.RolePersonnel, Court: 1}, court.Forbidden},
		{"another court's 审管办", Actor{Login: "sgb9", Role: auth.RoleTrialMgmt, Court: 2}, court.Forbidden},
		{"another court's 院领导", Actor{Login: "yz9", Role: auth.RolePresident, Court: 2}, court.Forbidden},
	} {
		wantErr(t, c.who, CanEditPlan(c.a, &p), c.want)
	}
}

// TestSupervisionWithdraw: a measure or a problem is withdrawn only with a
// reason; a closed measure is not withdrawn; a withdrawn measure takes no
// report, no closing request and no edit, and leaves the tally.
func TestSupervisionWithdraw(t *testing.T) {
	today := d(t, "2026-03-01")
	dept := Actor{UserID: 20, Login: "tingzhang1", Role: auth.RoleChief, Court: 1, DepartmentID: 3}
	m := Measure{ID: 1, Title: "压降长期未结案件", Leader: 7, Department: 3, DueOn: today - 3, Status: MeasureActive}
	wantErr(t, "withdraw without reason", m.Withdraw("  ", today), court.Invalid)
	if m.Status != MeasureActive {
		t.Fatalf("a refused withdrawal changed the status to %s", m.Status)
	}
	p := Plan{Problems: []Problem{{Measures: []Measure{m, {Status: MeasureActive, DueOn: today + 30}}}}}
	if tl := TallyOf(&p, today); tl.Measures != 2 || tl.Late != 1 || tl.Withdrawn != 0 {
		t.Fatalf("tally before: %+v", tl)
	}
	wantErr(t, "withdraw", m.Withdraw("与问题3重复", today), 0)
	if m.Status != MeasureWithdrawn || m.WithdrawnOn != today || m.WithdrawReason != "与问题3重复" || m.Open() {
		t.Fatalf("after withdrawal: %+v", m)
	}
	wantErr(t, "withdraw twice", m.Withdraw("再次", today), court.Conflict)
	wantErr(t, "report on a withdrawn measure", m.CheckProgress(dept, "x", 10), court.Conflict)
	wantErr(t, "closing a withdrawn measure", m.RequestCloseout(dept, "x", 1), court.Conflict)
	after := m
	wantErr(t, "editing a withdrawn measure", m.Edit(&after, today), court.Conflict)
	if l := LatenessOf(&m, today); l != Withdrawn || l.Class() != "withdrawn" {
		t.Errorf("lateness of a withdrawn measure: %s", l)
	}
	p.Problems[0].Measures[0] = m
	if tl := TallyOf(&p, today); tl.Measures != 1 || tl.Late != 0 || tl.Withdrawn != 1 {
		t.Errorf("tally after: %+v (a withdrawn measure counts only as withdrawn)", tl)
	}

	closed := Measure{Status: MeasureClosed, ClosedOn: today}
	wantErr(t, "withdraw a closed measure", closed.Withdraw("不再需要", today), court.Conflict)

	q := Problem{ID: 2, Title: "审判质效有待优化"}
	wantErr(t, "problem without reason", q.Withdraw("", today), court.Invalid)
	wantErr(t, "problem", q.Withdraw("并入问题1", today), 0)
	if !q.Withdrawn() || q.WithdrawReason != "并入问题1" {
		t.Errorf("problem after withdrawal: %+v", q)
	}
	wantErr(t, "problem twice", q.Withdraw("x", today), court.Conflict)
}

// TestSupervisionEditMeasure: an edit is checked like a new measure; the
// milestones match by title, done ones are kept, undone ones not wanted
// are dropped (not deleted), new titles are added; the summary names what
// changed.
func TestSupervisionEditMeasure(t *testing.T) {
	today := d(t, "2026-03-01")
	old := []Milestone{
		{ID: 1, Title: "摸底", DueOn: today - 10, DoneOn: today - 11},
		{ID: 2, Title: "清理", DueOn: today + 10},
		{ID: 3, Title: "评估", DueOn: today + 20},
	}
	m := Measure{ID: 1, Title: "清理长期未结", Leader: 7, LeaderName: "yuanzhang", Department: 3, DeptName: "民一庭", DueOn: today + 30,
		Status: MeasurePending, Milestones: old}
	after := m
	after.Title = ""
	wantErr(t, "edit without a title", m.Edit(&after, today), court.Invalid)
	after.Title, after.Leader, after.LeaderName, after.DueOn = "清理长期未结案件", 8, "fuyuanzhang", today+60
	wantErr(t, "edit of a pending measure", m.Edit(&after, today), 0)

	want := []Milestone{{Title: "清理", DueOn: today + 15}, {Title: "总结", DueOn: today + 50}, {Title: "摸底", DueOn: today + 1}}
	me := EditMilestones(old, want)
	if len(me.Keep) != 2 || me.Keep[0].ID != 1 || me.Keep[0].DueOn != today-10 || me.Keep[1].ID != 2 || me.Keep[1].DueOn != today+15 {
		t.Errorf("kept: %+v (the done one unchanged, 清理 moved)", me.Keep)
	}
	if len(me.Drop) != 1 || me.Drop[0].ID != 3 {
		t.Errorf("dropped: %+v, want 评估", me.Drop)
	}
	if len(me.Add) != 1 || me.Add[0].Title != "总结" || me.Add[0].ID != 0 {
		t.Errorf("added: %+v, want 总结", me.Add)
	}
	if !me.Changed(old) {
		t.Error("the edit reports no change")
	}
	same := EditMilestones(old, []Milestone{{Title: "清理", DueOn: today + 10}, {Title: "评估", DueOn: today + 20}})
	if same.Changed(old) {
		t.Errorf("an unchanged list reports a change: %+v", same)
	}
	sum := EditSummary(&m, &after, me)
	for _, part := range []string{"措施：清理长期未结 → 清理长期未结案件", "责任领导：yuanzhang → fuyuanzhang", "完成时限：", "节点：新增 1 个，调整 1 个，取消 1 个"} {
		if !strings.Contains(sum, part) {
			t.Errorf("summary %q lacks %q", sum, part)
		}
	}
	if strings.Contains(sum, "责任部门") {
		t.Errorf("summary %q names the department, which did not change", sum)
	}
	if s := EditSummary(&m, &m, same); s != "未作修改" {
		t.Errorf("summary of no change: %q", s)
	}
}

// TestSupervisionReasonsOfGravestColour: a warning lists the reasons of its
// colour only, all of them, in rule order.
func TestSupervisionReasonsOfGravestColour(t *testing.T) {
	r := DefaultRules()
	filed := d(t, "2024-06-01")
	c := CaseFacts{CaseNo: "（2024）示01民初9号", Kind: court.KindCivil, FiledOn: filed, LimitDays: 365}
	tests := []struct {
		day  int
		want string
	}{
		{250, "审限已过三分之二"},
		{340, "审限剩余不足30天"},
		{362, "审限剩余不足5天"},
		{400, "已超审限；长期未结（超12个月）"},
	}
	for _, tt := range tests {
		if w := r.Evaluate(&c, filed+court.Date(tt.day)); w.Reasons != tt.want {
			t.Errorf("day %d: %s %q, want %q", tt.day, w.Colour, w.Reasons, tt.want)
		}
	}
}
