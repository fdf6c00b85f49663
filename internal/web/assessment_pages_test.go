package web

import (
	"testing"
	"time"

	"github.com/zhixiao/zhixiao/internal/assessment"
	"github.com/zhixiao/zhixiao/internal/court"
	"github.com/zhixiao/zhixiao/internal/store"
)

// assessmentSamplePages are sample data for the 绩效考核 pages (see samplePages).
func assessmentSamplePages(v *visitor) map[string]view {
	sc := assessment.DefaultSchemes(1)[0]
	sc.ID, sc.Version = 1, 1
	person := assessment.Person{ID: 3, Name: "李法官", Court: 1, Department: 1, DeptName: "民一庭", Category: "员额法官", Unit: "示例市中级人民法院/民一庭/李法官"}
	score := assessment.Score{Person: person, Total: 85.5, Rank: 2, Groups: []assessment.GroupScore{{Name: "审判质效", Weight: 40, Points: 30,
		Items: []assessment.ItemScore{{ID: "A1", Name: "加权结案数", Max: 12, Points: 9.6, Rule: "功效系数法",
			Inputs: []assessment.Input{{Label: "加权结案数", Value: "31.2", Indicator: "weighted_closed"}}}}}}}
	run := store.AssessmentRun{Run: assessment.Run{ID: 1, Scheme: 1, Month: "2025-03", Version: 1, State: assessment.StateNotice,
		NoticeUntil: time.Now().Add(48 * time.Hour), ComputedAt: time.Now()}, Court: 1, SchemeCode: "judge", People: 12}
	table := &assessment.Table{Scores: []assessment.Score{score}}
	dist := assessment.Distribute(table, 3)
	warn := assessment.Warning{Person: person, Color: assessment.Red, Months: 3, Reason: "连续 3 个月总分位于末位 10%", NeedsInterview: true}
	period := court.Period{From: court.DateOf(2025, 3, 1), To: court.DateOf(2025, 3, 31)}
	return map[string]view{
		"assessment_home": {Title: "绩效考核", Visitor: v, CSRF: "t", Data: assessmentHomePage{Manage: true, SeesCourt: true, Schemes: []*assessment.Scheme{sc},
			Runs: []store.AssessmentRun{run}, Month: "2025-03", Person: 3, Own: []ownScore{{Run: run, Total: 85.5, Rank: 2, Of: 12}}, Categories: assessment.SchemeCategories}},
		"assessment_scheme": {Title: sc.Name, Visitor: v, CSRF: "t", Data: schemePage{Scheme: sc, Versions: []*assessment.Scheme{sc}, JSON: sc.JSON(), Manage: true, Names: map[string]string{"weighted_closed": "加权结案数"}, Methods: assessmentMethods()}},
		"assessment_run": {Title: "考核结果", Visitor: v, CSRF: "t", Data: runPage{Run: run, Scheme: sc, Scores: table.Scores, Hidden: 3, Dist: &dist, Own: &table.Scores[0], Manage: true,
			Objections: []objectionRow{{Objection: assessment.Objection{ID: 1, Run: 1, Person: 3, Reason: "结案数有误", State: assessment.ObjectionOpen, FiledAt: time.Now()}, Name: "李法官"}}, Open: 1, Warnings: []assessment.Warning{warn}}},
		"assessment_score": {Title: "得分说明", Visitor: v, CSRF: "t", Data: scorePage{Run: run, Score: score, Links: map[string]drillLinks{"A1/weighted_closed": {"/units/judge/3/indicators/weighted_closed/cases?part=numerator", "/units/judge/3/indicators/weighted_closed/cases?part=denominator"}}, CanObject: true, Own: true, Period: period}},
		"assessment_entries": {Title: "加减分与评价", Visitor: v, CSRF: "t", Data: entriesPage{Month: "2025-03", People: []assessment.Person{person},
			Items:   []itemChoice{{Scheme: sc.Name, Category: "员额法官", ID: "D1", Name: "负面清单", Kind: "events", Max: 6, Events: sc.Groups[3].Items[0].Rule.Events}},
			Entries: []entryRow{{Entry: assessment.Entry{ID: 1, Person: 3, Item: "D1", Event: "违规会客", Day: period.From, Evidence: "登记表", By: "zz"}, Name: "李法官", ItemName: "负面清单", Mine: true}}, Today: "2025-04-01"}},
		"assessment_warnings": {Title: "预警与约谈", Visitor: v, CSRF: "t", Data: warningsPage{Run: run, Runs: []store.AssessmentRun{run}, Warnings: []warningRow{{Warning: warn, CanRecord: true}},
			Interviews: []assessment.Interview{{Person: 3, Month: "2025-03", Leader: "王庭长", HeldOn: period.To, Content: "谈话", FollowUp: "跟进"}}, Names: map[int64]string{3: "李法官"}, Today: "2025-04-01"}},
		"assessment_whatif": {Title: "试算", Visitor: v, CSRF: "t", Data: whatIfPage{Scheme: sc, Month: "2025-03", JSON: sc.JSON(), Moves: []assessment.Move{{Person: person, RankA: 2, RankB: 1, TotalA: 85, TotalB: 90, Delta: 1}}, Moved: 1, Manage: true}},
		"assessment_rollup": {Title: "季度与年度汇总", Visitor: v, CSRF: "t", Data: rollupPage{Schemes: []*assessment.Scheme{sc}, Scheme: sc, Period: "2025", Annual: true,
			Rows: []assessment.PeriodScore{{Person: person, Months: 12, Average: 85, Rank: 1, Grade: "基本称职", Consequence: "基本称职：再有一年基本称职将退出员额"}}}},
		"assessment_archive": {Title: "业绩档案", Visitor: v, CSRF: "t", Data: &archive{Person: person, Year: 2025, Figures: []archiveFigure{{"工作量", "已结", "120"}},
			Months: []archiveMonth{{Month: "2025-03", Total: 85, Rank: 2, Of: 12, Has: true}}, Average: 85, Grade: &assessment.PeriodScore{Grade: "称职"}}},
	}
}

func TestDeptRanks(t *testing.T) {
	mk := func(id, dept int64, total float64) assessment.Score {
		return assessment.Score{Person: assessment.Person{ID: id, Department: dept}, Total: total}
	}
	got := deptRanks([]assessment.Score{mk(1, 1, 90), mk(2, 2, 88), mk(3, 1, 80), mk(4, 1, 80), mk(5, 2, 70), mk(6, 1, 60)})
	want := map[int64]int{1: 1, 2: 1, 3: 2, 4: 2, 5: 2, 6: 4}
	for id, r := range want {
		if got[id] != r {
			t.Errorf("person %d: rank %d, want %d", id, got[id], r)
		}
	}
}

func TestPickRun(t *testing.T) {
	mk := func(id int64, month string, people int) store.AssessmentRun {
		return store.AssessmentRun{Run: assessment.Run{ID: id, Month: month}, People: people}
	}
	runs := []store.AssessmentRun{mk(1, "2025-12", 3), mk(2, "2025-12", 19), mk(3, "2025-11", 40)}
	if r, _ := pickRun(runs, ""); r.ID != 2 {
		t.Errorf("default run %d, want 2", r.ID)
	}
	if r, err := pickRun(runs, "3"); err != nil || r.ID != 3 {
		t.Errorf("run 3: %d %v", r.ID, err)
	}
	if _, err := pickRun(runs, "9"); err == nil {
		t.Error("unknown run accepted")
	}
}
