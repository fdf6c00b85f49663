package web

import (
	"context"
	"fmt"
	"html/template"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/zhixiao/zhixiao/internal/assessment"
	"github.com/zhixiao/zhixiao/internal/auth"
	"github.com/zhixiao/zhixiao/internal/court"
	"github.com/zhixiao/zhixiao/internal/indicator"
	"github.com/zhixiao/zhixiao/internal/store"
)

// rollupPage is /assessment/rollup: a quarter's or a year's roll-up of a
// scheme, with the annual grades.
type rollupPage struct {
	Court   int64
	Schemes []*assessment.Scheme
	Scheme  *assessment.Scheme
	Period  string // 2025-Q1 or 2025
	Annual  bool
	Months  []string
	Rows    []assessment.PeriodScore
	Hidden  int
}

// periodMonths reads 2025-Q1 (a quarter) or 2025 (a year).
func periodMonths(p string) ([]string, bool, error) {
	bad := court.Errorf(court.Invalid, "期间“%s”无效，应为年份（如 2025）或季度（如 2025-Q1）", p)
	year, q, isQ := strings.Cut(p, "-Q")
	y, err := strconv.Atoi(year)
	if err != nil || y < 1990 || y > 2100 {
		return nil, false, bad
	}
	first, n := 1, 12
	if isQ {
		k, err := strconv.Atoi(q)
		if err != nil || k < 1 || k > 4 {
			return nil, false, bad
		}
		first, n = (k-1)*3+1, 3
	}
	var ms []string
	for i := range n {
		ms = append(ms, fmt.Sprintf("%04d-%02d", y, first+i))
	}
	return ms, !isQ, nil
}

// rollup computes the roll-up of a scheme code over months and, for a
// year, the grades (with last year's for the SPC consequences).
func (s *Server) rollup(ctx context.Context, v *visitor, courtID int64, sc *assessment.Scheme, months []string, annual bool) ([]assessment.PeriodScore, error) {
	ts, err := s.visibleMonthTables(ctx, v, courtID, sc.Code, months)
	if err != nil {
		return nil, err
	}
	rows := assessment.Rollup(nonNil(ts))
	if !annual {
		assessment.GradeQuarterly(rows, sc.Grades)
		return rows, nil
	}
	last := map[int64]string{}
	prev, _, _ := periodMonths(strconv.Itoa(mustYear(months[0]) - 1))
	pts, err := s.visibleMonthTables(ctx, v, courtID, sc.Code, prev)
	if err != nil {
		return nil, err
	}
	if lastRows := assessment.Rollup(nonNil(pts)); len(lastRows) > 0 {
		assessment.Grade(lastRows, sc.Grades, nil)
		for _, r := range lastRows {
			last[r.Person.ID] = r.Grade
		}
	}
	assessment.Grade(rows, sc.Grades, last)
	return rows, nil
}

func mustYear(month string) int { y, _ := strconv.Atoi(month[:4]); return y }

func nonNil(ts []*assessment.Table) []*assessment.Table {
	var out []*assessment.Table
	for _, t := range ts {
		if t != nil {
			out = append(out, t)
		}
	}
	return out
}

// assessmentRollup answers GET /assessment/rollup?scheme=&period=.
func (s *Server) assessmentRollup(w http.ResponseWriter, r *http.Request, v *visitor) error {
	courtID, err := courtOf(r, v)
	if err != nil {
		return err
	}
	if !canSeeCourt(v, courtID) && v.User.Role != auth.RoleChief {
		return forbidden("仅政治部、院领导和庭长可以查看季度与年度汇总")
	}
	ctx := r.Context()
	all, err := s.mods.assessment.db.AssessmentSchemes(ctx, courtID)
	if err != nil {
		return err
	}
	p := rollupPage{Court: courtID, Schemes: assessment.Current(all), Period: r.URL.Query().Get("period")}
	if p.Period == "" {
		p.Period = strconv.Itoa(s.today().Time().Year())
	}
	code := r.URL.Query().Get("scheme")
	for _, sc := range p.Schemes {
		if sc.Code == code || code == "" && p.Scheme == nil && !sc.Draft {
			p.Scheme = sc
		}
	}
	if code == "" {
		// by default the 员额法官's scheme, the one most asked for
		for _, sc := range p.Schemes {
			if sc.Category == string(court.CategoryJudge) && !sc.Draft {
				p.Scheme = sc
				break
			}
		}
	}
	if p.Scheme != nil {
		if p.Months, p.Annual, err = periodMonths(p.Period); err != nil {
			return err
		}
		rows, err := s.rollup(ctx, v, courtID, p.Scheme, p.Months, p.Annual)
		if err != nil {
			return err
		}
		for _, row := range rows {
			if canSeePerson(v, row.Person) {
				p.Rows = append(p.Rows, row)
			} else {
				p.Hidden++
			}
		}
	}
	return s.render(w, http.StatusOK, "assessment_rollup", view{Title: "季度与年度汇总", Nav: "assessment", Visitor: v, CSRF: v.Session.CSRF, Data: p})
}

// archive is a person's 业绩档案 for a year.
type archive struct {
	Person  assessment.Person
	Year    int
	Figures []archiveFigure
	Months  []archiveMonth
	Entries []assessment.Entry
	Average float64
	Grade   *assessment.PeriodScore
	Scheme  *assessment.Scheme
}

// archiveFigure is one indicator of the year, grouped as workload,
// quality, efficiency or effect.
type archiveFigure struct {
	Group, Name, Value string
}

// archiveMonth is one month's score.
type archiveMonth struct {
	Month   string
	Total   float64
	Rank    int
	Of      int // people ranked that month
	Has     bool
	NoCases bool // 本月无办案: not ranked, not in the year's mean
}

var archiveIndicators = []struct{ group, id string }{
	{"工作量", "closed"}, {"工作量", "weighted_closed"},
	{"质量", "reversal_rate"}, {"质量", "acceptance_rate"},
	{"效率", "within_limit_rate"}, {"效率", "avg_days"},
	{"效果", "mediation_withdrawal_rate"}, {"效果", "exec_recovery_rate"},
}

// buildArchive assembles a person's yearly file.
func (s *Server) buildArchive(ctx context.Context, v *visitor, pid int64, year int) (*archive, error) {
	if year < 1990 || year > 2100 {
		return nil, court.Errorf(court.Invalid, "年份 %d 无效", year)
	}
	p, err := s.assessmentPerson(ctx, 0, pid)
	if err != nil {
		return nil, err
	}
	if !canSeePerson(v, p) {
		return nil, forbidden("您无权查看他人的业绩档案")
	}
	a := &archive{Person: p, Year: year}
	period := court.Period{From: court.DateOf(year, time.January, 1), To: court.DateOf(year, time.December, 31)}
	if err := s.archiveFigures(a, period); err != nil {
		return nil, err
	}
	db := s.mods.assessment.db
	all, err := db.AssessmentSchemes(ctx, p.Court)
	if err != nil {
		return nil, err
	}
	a.Scheme = assessment.InForce(all, p.Court, schemeCodeFor(all, p), fmt.Sprintf("%04d-12", year))
	if a.Scheme == nil {
		a.Scheme = assessment.InForce(all, p.Court, schemeCodeFor(all, p), fmt.Sprintf("%04d-01", year))
	}
	if err := s.archiveMonths(ctx, v, a); err != nil {
		return nil, err
	}
	ens, err := db.AssessmentEntries(ctx, p.Court, period)
	if err != nil {
		return nil, err
	}
	for _, en := range ens {
		if en.Person == pid {
			a.Entries = append(a.Entries, en)
		}
	}
	return a, nil
}

// archiveMonths fills the year's monthly scores, their mean and the grade.
func (s *Server) archiveMonths(ctx context.Context, v *visitor, a *archive) error {
	if a.Scheme == nil {
		return nil
	}
	months, _, _ := periodMonths(strconv.Itoa(a.Year))
	ts, err := s.visibleMonthTables(ctx, v, a.Person.Court, a.Scheme.Code, months)
	if err != nil {
		return err
	}
	n := 0
	for i, t := range ts {
		am := archiveMonth{Month: months[i]}
		for _, sc := range nonNil([]*assessment.Table{t}) {
			for _, x := range sc.Scores {
				if x.Person.ID == a.Person.ID {
					am.Total, am.Rank, am.Of, am.Has, am.NoCases = x.Total, x.Rank, rankedCount(sc), true, x.NoCases
					if !x.NoCases {
						a.Average += x.Total
						n++
					}
				}
			}
		}
		a.Months = append(a.Months, am)
	}
	if n == 0 {
		return nil
	}
	a.Average = math.Round(a.Average/float64(n)*100) / 100
	rows, err := s.rollup(ctx, v, a.Person.Court, a.Scheme, months, true)
	if err != nil {
		return err
	}
	for i := range rows {
		if rows[i].Person.ID == a.Person.ID {
			a.Grade = &rows[i]
		}
	}
	return nil
}

func (s *Server) archiveFigures(a *archive, period court.Period) error {
	eng := s.engine.Load()
	if eng == nil || a.Person.Unit == "" {
		return nil
	}
	var ids []string
	for _, x := range archiveIndicators {
		ids = append(ids, x.id)
	}
	rs, err := eng.Evaluate(indicator.Query{Period: period, Unit: a.Person.Unit, Indicators: ids})
	if court.KindOf(err) == court.NotFound {
		return nil // no cases under this name
	}
	if err != nil {
		return err
	}
	for i, res := range rs {
		val := "—"
		if res.Value.Valid {
			val = strconv.FormatFloat(res.Value.V, 'f', 2, 64)
			if res.Value.V == math.Trunc(res.Value.V) {
				val = strconv.FormatFloat(res.Value.V, 'f', 0, 64) // a count: 22, not 22.00
			}
			if res.Definition != nil && res.Definition.Unit == "%" {
				val = strconv.FormatFloat(res.Value.V*100, 'f', 1, 64) + "%"
			}
		}
		name := res.Indicator
		if res.Definition != nil {
			name = res.Definition.Name
		}
		a.Figures = append(a.Figures, archiveFigure{Group: archiveIndicators[i].group, Name: name, Value: val})
	}
	return nil
}

func archiveYear(r *http.Request, s *Server) (int, error) {
	y := r.URL.Query().Get("year")
	if y == "" {
		return s.today().Time().Year(), nil
	}
	n, err := strconv.Atoi(y)
	if err != nil {
		return 0, court.Errorf(court.Invalid, "年份“%s”无效", y)
	}
	return n, nil
}

// assessmentArchive answers GET /assessment/people/{pid}/archive?year=.
func (s *Server) assessmentArchive(w http.ResponseWriter, r *http.Request, v *visitor) error {
	pid, err := pathID(r, "pid")
	if err != nil {
		return err
	}
	year, err := archiveYear(r, s)
	if err != nil {
		return err
	}
	a, err := s.buildArchive(r.Context(), v, pid, year)
	if err != nil {
		return err
	}
	return s.render(w, http.StatusOK, "assessment_archive", view{Title: fmt.Sprintf("%s · %d 年业绩档案", a.Person.Name, year), Nav: "assessment", Visitor: v, CSRF: v.Session.CSRF, Data: a})
}

// assessmentArchiveXLSX answers GET /assessment/people/{pid}/archive.xlsx?year=.
func (s *Server) assessmentArchiveXLSX(w http.ResponseWriter, r *http.Request, v *visitor) error {
	pid, err := pathID(r, "pid")
	if err != nil {
		return err
	}
	year, err := archiveYear(r, s)
	if err != nil {
		return err
	}
	a, err := s.buildArchive(r.Context(), v, pid, year)
	if err != nil {
		return err
	}
	f, err := archiveWorkbook(a)
	if err != nil {
		return err
	}
	defer f.Close()
	name := fmt.Sprintf("业绩档案_%s_%d.xlsx", a.Person.Name, year)
	w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	w.Header().Set("Content-Disposition", "attachment; filename*=UTF-8''"+url.PathEscape(name))
	return f.Write(w)
}

// archiveWorkbook lays a yearly file out on one sheet.
func archiveWorkbook(a *archive) (*excelize.File, error) {
	f := excelize.NewFile()
	sheet := "业绩档案"
	f.SetSheetName("Sheet1", sheet)
	rows := [][]any{
		{fmt.Sprintf("%s %d 年业绩档案", a.Person.Name, a.Year)},
		{"工号", a.Person.StaffNo, "部门", a.Person.DeptName, "考核类别", a.Person.Category},
		{},
		{"类别", "指标", "全年"},
	}
	for _, x := range a.Figures {
		rows = append(rows, []any{x.Group, x.Name, x.Value})
	}
	rows = append(rows, []any{}, []any{"月份", "总分", "名次", "参加排名人数"})
	for _, m := range a.Months {
		if m.Has {
			rows = append(rows, []any{m.Month, m.Total, rankCell(m.Rank, m.NoCases), m.Of})
		}
	}
	rows = append(rows, []any{}, []any{"加减分与评价", "项目", "事项", "评分", "依据"})
	for _, en := range a.Entries {
		rows = append(rows, []any{en.Day.String(), en.Item, en.Event, en.Value, en.Evidence})
	}
	rows = append(rows, []any{})
	rows = append(rows, []any{"月均得分", a.Average})
	if a.Grade != nil {
		rows = append(rows, []any{"年度等次", a.Grade.Grade, a.Grade.Consequence})
	}
	for i, row := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(sheet, cell, &row); err != nil {
			return nil, err
		}
	}
	return f, nil
}

// rankedCount is how many of a month's table have a rank.
func rankedCount(t *assessment.Table) int {
	n := 0
	for _, x := range t.Scores {
		if x.Rank > 0 {
			n++
		}
	}
	return n
}

func rankCell(r int, noCases bool) any {
	if noCases {
		return "本月无办案"
	}
	if r == 0 {
		return "不排名"
	}
	return r
}

// assessmentPersonPanel is the panel on a person's dashboard: their latest
// published (or 公示) score.
func (s *Server) assessmentPersonPanel(ctx context.Context, v *visitor, courtID, pid int64) ([]panel, error) {
	p, err := s.assessmentPerson(ctx, courtID, pid)
	if err != nil || !canSeePerson(v, p) {
		return nil, nil
	}
	db := s.mods.assessment.db
	runs, err := db.AssessmentRuns(ctx, p.Court)
	if err != nil {
		return nil, err
	}
	for _, run := range runs {
		if run.State != assessment.StatePublished && run.State != assessment.StateNotice && run.State != assessment.StateReady {
			continue
		}
		sc, err := db.AssessmentScore(ctx, run.ID, pid)
		if court.KindOf(err) == court.NotFound {
			continue
		}
		if err != nil {
			return nil, err
		}
		body, err := s.renderPart("assessment_home", "assessment-person-panel", struct {
			Run   any
			Score assessment.Score
		}{run, sc})
		if err != nil {
			return nil, err
		}
		return []panel{{ID: "panel-assessment", Title: "绩效考核", Body: body}}, nil
	}
	return nil, nil
}

// assessmentCourtPanel is the panel on a court's dashboard: its runs in
// progress.
func (s *Server) assessmentCourtPanel(ctx context.Context, courtID int64) ([]panel, error) {
	runs, err := s.mods.assessment.db.LatestAssessmentRuns(ctx, courtID, 6)
	if err != nil {
		return nil, err
	}
	if len(runs) == 0 {
		return nil, nil
	}
	body, err := s.renderPart("assessment_home", "assessment-court-panel", runs)
	if err != nil {
		return nil, err
	}
	return []panel{{ID: "panel-assessment", Title: "绩效考核", Body: template.HTML(body)}}, nil
}

// assessmentRunXLSX answers GET /assessment/runs/{id}/scores.xlsx: the
// month's table (the rows the visitor may see) for the monthly 通报.
func (s *Server) assessmentRunXLSX(w http.ResponseWriter, r *http.Request, v *visitor) error {
	run, err := s.visibleRun(r.Context(), r, v)
	if err != nil {
		return err
	}
	if !canSeeCourt(v, run.Court) && v.User.Role != auth.RoleChief {
		return forbidden("仅政治部、院领导和庭长可以导出考核结果")
	}
	t, err := s.mods.assessment.db.AssessmentTable(r.Context(), run.ID)
	if err != nil {
		return err
	}
	f := excelize.NewFile()
	defer f.Close()
	sheet := "考核结果"
	f.SetSheetName("Sheet1", sheet)
	head := []any{"名次", "姓名", "工号", "部门"}
	if len(t.Scores) > 0 {
		for _, g := range t.Scores[0].Groups {
			head = append(head, fmt.Sprintf("%s（%g）", g.Name, g.Weight))
		}
	}
	rows := [][]any{{run.Object() + "（" + run.State + "）"}, append(head, "总分")}
	for _, sc := range t.Scores {
		if !canSeePerson(v, sc.Person) {
			continue
		}
		row := []any{rankCell(sc.Rank, sc.NoCases), sc.Person.Name, sc.Person.StaffNo, sc.Person.DeptName}
		for _, g := range sc.Groups {
			row = append(row, g.Points)
		}
		rows = append(rows, append(row, sc.Total))
	}
	for i, row := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(sheet, cell, &row); err != nil {
			return err
		}
	}
	name := fmt.Sprintf("考核结果_%s_%s_第%d版.xlsx", run.SchemeCode, run.Month, run.Version)
	w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	w.Header().Set("Content-Disposition", "attachment; filename*=UTF-8''"+url.PathEscape(name))
	return f.Write(w)
}

// visibleMonthTables is AssessmentMonthTables as the visitor may see it:
// 政治部 and 院领导 get each month's current table, drafts included; the
// others (the person, 庭长) only runs in 公示, 待发布 or 已发布 (the
// published version first), never a draft.
func (s *Server) visibleMonthTables(ctx context.Context, v *visitor, courtID int64, code string, months []string) ([]*assessment.Table, error) {
	db := s.mods.assessment.db
	if canSeeCourt(v, courtID) {
		return db.AssessmentMonthTables(ctx, courtID, code, months)
	}
	runs, err := db.AssessmentRuns(ctx, courtID)
	if err != nil {
		return nil, err
	}
	out := make([]*assessment.Table, len(months))
	for i, m := range months {
		var best *store.AssessmentRun
		for j := range runs {
			r := &runs[j]
			if r.SchemeCode != code || r.Month != m || r.State == assessment.StateDraft || r.State == assessment.StateSuperseded {
				continue
			}
			if best == nil || r.State == assessment.StatePublished && best.State != assessment.StatePublished ||
				(r.State == assessment.StatePublished) == (best.State == assessment.StatePublished) && r.Version > best.Version {
				best = r
			}
		}
		if best != nil {
			if out[i], err = db.AssessmentTable(ctx, best.ID); err != nil {
				return nil, err
			}
		}
	}
	return out, nil
}
