package main

import (
	"context"
	"log/slog"
	"time"

	"github.com/zhixiao/zhixiao/internal/auth"
	"github.com/zhixiao/zhixiao/internal/court"
	"github.com/zhixiao/zhixiao/internal/store"
	"github.com/zhixiao/zhixiao/internal/supervision"
)

// svDemoProblems are the nine weaknesses of the 脱薄争先 report (seed 003)
// with a measure each: its department and its deadline in days from today
// (negative: already past).
var svDemoProblems = []struct {
	problem, measure, dept string
	due                    int
}{
	{"政治建设与业务工作融合不够深入", "开展“四学”模式理论学习，党组书记讲专题党课", "政治部", 40},
	{"队伍结构不合理，业务骨干断层", "实施青年干警导师制，每名青年干警配备一名业务导师", "政治部", 90},
	{"审判质效有待优化，部分案件审理周期偏长", "清理长期未结案件，超12个月未结案件清零", "民一庭", 5},
	{"审判质效有待优化，部分案件审理周期偏长", "开展发改案件评查，压降一审被改判发回率", "民二庭", 45},
	{"司法精品意识不强", "评选优秀裁判文书和典型案例，每季度报送上级法院", "民二庭", -10},
	{"党建工作规范化水平不高", "开展支部标准化建设，完善“三会一课”记录", "政治部", 20},
	{"考核激励机制不够完善", "修订《绩效考核管理办法》，按月通报考核结果", "政治部", 60},
	{"信息化应用水平不高", "推进电子卷宗随案生成和深度应用", "立案庭", 30},
	{"矛盾纠纷多元化解机制不够健全", "健全诉前调解工作机制，提高诉前调解成功率", "立案庭", -3},
	{"司法公开力度不够", "执行案款30日内发放到位，每周通报超期未发放案款", "执行局", 14},
}

// seedDemoPlan adds the demo 作战图 when `zhixiao demo` asked for it and
// the demo accounts exist (serve --demo-accounts): the nine problems, a
// measure each led by yuanzhang, and three measures further along: one
// closed, one waiting for the leader's approval, one rejected once.
func (j *svJobs) seedDemoPlan(ctx context.Context) {
	if err := svSeedDemoPlan(ctx, j.db, j.now); err != nil {
		j.log.Error("演示整改方案创建失败", slog.Any("err", err))
	}
}

func svSeedDemoPlan(ctx context.Context, db *store.DB, now func() time.Time) error {
	leader, _, err := db.UserByLogin(ctx, "yuanzhang")
	if court.KindOf(err) == court.NotFound {
		return nil
	}
	if err != nil {
		return err
	}
	sgb, _, err := db.UserByLogin(ctx, "shenguan")
	if err != nil {
		return nil
	}
	if ok, err := db.TakeSupervisionDemo(ctx); err != nil || !ok {
		return err
	}
	today, err := svToday(ctx, db, now)
	if err != nil {
		return err
	}
	org, err := db.Org(ctx)
	if err != nil {
		return err
	}
	depts := map[string]int64{}
	for _, d := range org.Departments {
		if d.Court == leader.CourtID {
			depts[d.Name] = d.ID
		}
	}
	e := auth.AuditEntry{At: now(), ActorID: sgb.ID, Actor: sgb.Login}
	// yuanzhang is the 分管院领导 of 民一庭 and 民二庭: their overdue 督办单 go to him.
	inCharge := map[int64]int64{}
	for _, name := range []string{"民一庭", "民二庭"} {
		if depts[name] != 0 {
			inCharge[depts[name]] = leader.ID
		}
	}
	if err := db.SaveSupervisionLeaders(ctx, leader.CourtID, inCharge, e); err != nil {
		return err
	}
	planID, err := db.CreatePlan(ctx, supervision.Plan{Court: leader.CourtID, Title: "脱薄争先工作实施方案（脱薄作战图）", Source: "自我检视、上级点评、群众反馈、横向对比",
		CreatedBy: sgb.Login, CreatedOn: today - 60}, e)
	if err != nil {
		return err
	}
	var ids []int64
	var probID int64
	for i, p := range svDemoProblems {
		if i == 0 || p.problem != svDemoProblems[i-1].problem {
			if probID, err = db.AddProblem(ctx, planID, p.problem, e); err != nil {
				return err
			}
		}
		dept := depts[p.dept]
		if dept == 0 {
			dept = depts["民一庭"]
		}
		m := supervision.Measure{PlanID: planID, ProblemID: probID, Title: p.measure, Leader: leader.ID, Department: dept, DueOn: today + court.Date(p.due),
			Milestones: []supervision.Milestone{{Title: "制定工作方案", DueOn: today - 30, DoneOn: today - 32}, {Title: "中期推进", DueOn: today + court.Date(p.due/2)}}}
		id, err := db.AddMeasure(ctx, m, e)
		if err != nil {
			return err
		}
		ids = append(ids, id)
	}
	return svDemoProgress(ctx, db, ids, leader, today, now)
}

// svDemoProgress moves three measures of 民一庭 and 民二庭 along, by an
// account of their department: progress and a closing request waiting for
// yuanzhang's approval; a request approved; a request rejected. A measure
// whose department has no account is left as it is.
func svDemoProgress(ctx context.Context, db *store.DB, ids []int64, leader auth.User, today court.Date, now func() time.Time) error {
	users, err := db.Users(ctx)
	if err != nil {
		return err
	}
	member := func(dept int64) auth.User {
		for _, u := range users {
			if u.DepartmentID == dept && !u.Disabled {
				return u
			}
		}
		return auth.User{}
	}
	evidence, _ := supervision.CheckAttachment("清理长期未结案件情况报告.txt", []byte("民一庭超12个月未结案件已全部审结，附案件清单。"), supervision.MaxAttachmentBytes)
	steps := []struct {
		measure int
		kind    supervision.ReportKind
		body    string
	}{
		{2, supervision.ReportProgress, "已完成长期未结案件摸底，逐案明确结案时限"},
		{2, supervision.ReportRequest, "超12个月未结案件已清零，申请销号"},
		{3, supervision.ReportRequest, "已完成发改案件评查 32 件，形成评查报告，申请销号"},
		{3, supervision.ReportApproved, "同意销号"},
		{4, supervision.ReportRequest, "已评选优秀文书 5 篇，申请销号"},
		{4, supervision.ReportRejected, "典型案例尚未报送上级法院，请补充后再申请"},
	}
	for _, s := range steps {
		before, _, err := db.Measure(ctx, ids[s.measure])
		if err != nil {
			return err
		}
		actor := member(before.Department)
		if s.kind == supervision.ReportApproved || s.kind == supervision.ReportRejected {
			actor = leader
		}
		if actor.ID == 0 || member(before.Department).ID == 0 {
			continue
		}
		after, atts := before, []supervision.Attachment(nil)
		a := supervision.ActorOf(actor)
		switch s.kind {
		case supervision.ReportProgress:
			err = after.CheckProgress(a, s.body, 60)
			after.Progress = 60
		case supervision.ReportRequest:
			atts = []supervision.Attachment{evidence}
			err = after.RequestCloseout(a, s.body, 1)
		default:
			err = after.Decide(a, s.kind == supervision.ReportApproved, s.body, today)
		}
		if err != nil {
			return err
		}
		r := supervision.Report{Kind: s.kind, Body: s.body, Progress: after.Progress, UserID: actor.ID, Login: actor.Login, PersonID: actor.PersonID,
			On: today, At: now().UTC().Format("2006-01-02T15:04:05Z")}
		if _, err := db.MeasureReport(ctx, before, after, r, atts, auth.AuditEntry{At: now(), ActorID: actor.ID, Actor: actor.Login}, nil); err != nil {
			return err
		}
	}
	return nil
}
