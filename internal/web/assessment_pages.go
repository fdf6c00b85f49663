package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"

	"github.com/zhixiao/zhixiao/internal/assessment"
	"github.com/zhixiao/zhixiao/internal/auth"
	"github.com/zhixiao/zhixiao/internal/court"
	"github.com/zhixiao/zhixiao/internal/store"
)

// assessmentHomePage is /assessment.
type assessmentHomePage struct {
	Court      int64
	Courts     []courtChoice
	Manage     bool
	SeesCourt  bool
	Chief      bool
	Schemes    []*assessment.Scheme
	Runs       []store.AssessmentRun
	Todo       []store.AssessmentRun // for 政治部: drafts to notice, runs ready to publish
	Month      string
	Own        []ownScore
	Person     int64
	Categories []string
}

// ownScore is one of the visitor's own scores.
type ownScore struct {
	Run     store.AssessmentRun
	Total   float64
	Rank    int
	Of      int // people ranked
	NoCases bool
}

// runVisible: drafts only for 政治部 and 院领导.
func runVisible(v *visitor, r store.AssessmentRun) bool {
	if canSeeCourt(v, r.Court) {
		return true
	}
	if r.State == assessment.StateDraft {
		return false
	}
	return r.Court == v.User.CourtID
}

// assessmentHome answers GET /assessment.
func (s *Server) assessmentHome(w http.ResponseWriter, r *http.Request, v *visitor) error {
	if !v.ShowsAssessment() {
		return forbidden("您无权查看绩效考核")
	}
	ctx := r.Context()
	db := s.mods.assessment.db
	courtID, err := courtOf(r, v)
	if err != nil {
		return err
	}
	p := assessmentHomePage{Court: courtID, Manage: managesAssessment(v), SeesCourt: canSeeCourt(v, courtID), Chief: v.User.Role == auth.RoleChief,
		Month: s.defaultMonth(), Person: v.User.PersonID, Categories: assessment.SchemeCategories}
	if p.Courts, err = s.courtChoices(ctx, v, courtID); err != nil {
		return err
	}
	p.Manage = p.Manage && courtID == v.User.CourtID
	if p.SeesCourt {
		all, err := db.AssessmentSchemes(ctx, courtID)
		if err != nil {
			return err
		}
		p.Schemes = assessment.Current(all)
	}
	runs, err := db.AssessmentRuns(ctx, courtID)
	if err != nil {
		return err
	}
	for _, run := range runs {
		if !runVisible(v, run) {
			continue
		}
		if p.SeesCourt || p.Chief {
			p.Runs = append(p.Runs, run)
		}
		if p.Manage && (run.State == assessment.StateReady || run.State == assessment.StateDraft) {
			p.Todo = append(p.Todo, run)
		}
		if v.User.PersonID != 0 && run.State != assessment.StateDraft && run.State != assessment.StateSuperseded {
			if sc, err := db.AssessmentScore(ctx, run.ID, v.User.PersonID); err == nil {
				p.Own = append(p.Own, ownScore{Run: run, Total: sc.Total, Rank: sc.Rank, Of: run.Ranked, NoCases: sc.NoCases})
			} else if court.KindOf(err) != court.NotFound {
				return err
			}
		}
	}
	flash := flashOf(r)
	return s.render(w, http.StatusOK, "assessment_home", view{Title: "绩效考核", Nav: "assessment", Visitor: v, CSRF: v.Session.CSRF, Flash: flash, Data: p})
}

// flashOf turns ?done= into a message.
func flashOf(r *http.Request) string {
	return map[string]string{
		"saved": "已保存。", "computed": "已计算考核结果（草稿）。", "notice": "已预发布，进入公示期。", "published": "已发布，结果已锁定。",
		"corrected": "已生成更正版本（草稿）。", "objected": "异议已提交，请等待复核。", "reviewed": "异议已处理。",
		"entered": "已记录。", "deleted": "已删除。", "interview": "约谈记录已保存。",
	}[r.URL.Query().Get("done")]
}

// schemePage is /assessment/schemes/{id}.
type schemePage struct {
	Scheme   *assessment.Scheme
	Versions []*assessment.Scheme
	JSON     string
	Manage   bool
	Names    map[string]string
	Methods  map[string]string // indicator methods by key, with their Chinese names
	Error    string
}

// assessmentSchemeGet answers GET /assessment/schemes/{id}.
func (s *Server) assessmentSchemeGet(w http.ResponseWriter, r *http.Request, v *visitor) error {
	sc, err := s.visibleScheme(r, v)
	if err != nil {
		return err
	}
	return s.renderScheme(w, r, v, http.StatusOK, sc, sc.JSON(), "")
}

func (s *Server) visibleScheme(r *http.Request, v *visitor) (*assessment.Scheme, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return nil, err
	}
	sc, err := s.mods.assessment.db.AssessmentScheme(r.Context(), id)
	if err != nil {
		return nil, err
	}
	if !canSeeCourt(v, sc.Court) {
		return nil, forbidden("仅政治部和院领导可以查看考核方案")
	}
	return sc, nil
}

func (s *Server) renderScheme(w http.ResponseWriter, r *http.Request, v *visitor, status int, sc *assessment.Scheme, text, errMsg string) error {
	all, err := s.mods.assessment.db.AssessmentSchemes(r.Context(), sc.Court)
	if err != nil {
		return err
	}
	p := schemePage{Scheme: sc, JSON: text, Manage: managesAssessment(v) && sc.Court == v.User.CourtID, Names: s.indicatorNames(), Methods: assessmentMethods(), Error: errMsg}
	for _, x := range all {
		if x.Code == sc.Code {
			p.Versions = append(p.Versions, x)
		}
	}
	return s.render(w, status, "assessment_scheme", view{Title: sc.Name, Nav: "assessment", Visitor: v, CSRF: v.Session.CSRF, Flash: flashOf(r), Error: errMsg, Data: p})
}

// assessmentMethods are the indicator methods with their Chinese names.
func assessmentMethods() map[string]string {
	out := map[string]string{}
	for _, m := range []string{assessment.MethodLinear, assessment.MethodEfficacy, assessment.MethodAverage, assessment.MethodBand, assessment.MethodThresholds} {
		out[m] = assessment.MethodName(m)
	}
	return out
}

// indicatorNames are the Chinese names of the engine's indicators.
func (s *Server) indicatorNames() map[string]string {
	names := map[string]string{}
	if eng := s.engine.Load(); eng != nil {
		defs := eng.Definitions()
		for _, id := range defs.IDs() {
			if vs := defs.Versions(id); len(vs) > 0 {
				names[id] = vs[len(vs)-1].Name
			}
		}
	}
	return names
}

// runPage is /assessment/runs/{id}.
type runPage struct {
	Run        store.AssessmentRun
	Scheme     *assessment.Scheme
	Scores     []assessment.Score
	DeptRank   map[int64]int // rank within the person's department (scope), when the scheme ranks
	Hidden     int           // rows the visitor may not see
	Dist       *assessment.Distribution
	Own        *assessment.Score
	Manage     bool
	Objections []objectionRow
	Open       int
	CanObject  bool
	Warnings   []assessment.Warning
	Now        string
}

type objectionRow struct {
	assessment.Objection
	Name string
}

// assessmentRunGet answers GET /assessment/runs/{id}: the table, filtered
// to what the visitor may see; a person alone sees their row and the
// anonymous distribution of the group.
func (s *Server) assessmentRunGet(w http.ResponseWriter, r *http.Request, v *visitor) error {
	ctx := r.Context()
	run, err := s.visibleRun(ctx, r, v)
	if err != nil {
		return err
	}
	db := s.mods.assessment.db
	t, err := db.AssessmentTable(ctx, run.ID)
	if err != nil {
		return err
	}
	sc, err := db.AssessmentScheme(ctx, run.Scheme)
	if err != nil {
		return err
	}
	p := runPage{Run: run, Scheme: sc, Manage: managesAssessment(v) && run.Court == v.User.CourtID}
	for i := range t.Scores {
		x := t.Scores[i]
		if x.Person.ID == v.User.PersonID {
			p.Own = &t.Scores[i]
		}
		if canSeePerson(v, x.Person) {
			p.Scores = append(p.Scores, x)
		} else {
			p.Hidden++
		}
	}
	if sc.Rank {
		p.DeptRank = deptRanks(t.Scores)
	}
	if p.Hidden > 0 || !canSeeCourt(v, run.Court) {
		d := assessment.Distribute(t, v.User.PersonID)
		p.Dist = &d
	}
	if err := s.runObjections(ctx, v, &p, t); err != nil {
		return err
	}
	p.CanObject = p.Own != nil && run.CheckObjection(s.now()) == nil
	if canSeeCourt(v, run.Court) {
		if p.Warnings, err = s.runWarnings(ctx, v, run, sc); err != nil {
			return err
		}
	}
	return s.render(w, http.StatusOK, "assessment_run", view{Title: run.Object(), Nav: "assessment", Visitor: v, CSRF: v.Session.CSRF, Flash: flashOf(r), Data: p})
}

// deptRanks ranks each person within their department (competition
// ranking, best first: the table's order); people 本月无办案 get none.
func deptRanks(ss []assessment.Score) map[int64]int {
	out := map[int64]int{}
	seen := map[int64][]assessment.Score{}
	for _, x := range ss {
		if x.NoCases {
			continue // 本月无办案: not ranked
		}
		d := x.Person.Department
		prev := seen[d]
		r := len(prev) + 1
		if len(prev) > 0 && prev[len(prev)-1].Total == x.Total {
			r = out[prev[len(prev)-1].Person.ID]
		}
		out[x.Person.ID] = r
		seen[d] = append(prev, x)
	}
	return out
}

// runObjections lists the run's objections the visitor may see (政治部 and
// 院领导 all, a person their own) and counts the open ones.
func (s *Server) runObjections(ctx context.Context, v *visitor, p *runPage, t *assessment.Table) error {
	os, err := s.mods.assessment.db.AssessmentObjections(ctx, p.Run.ID)
	if err != nil {
		return err
	}
	names := map[int64]string{}
	for _, x := range t.Scores {
		names[x.Person.ID] = x.Person.Name
	}
	for _, o := range os {
		if o.State == assessment.ObjectionOpen {
			p.Open++
		}
		if canSeeCourt(v, p.Run.Court) || o.Person == v.User.PersonID {
			p.Objections = append(p.Objections, objectionRow{o, names[o.Person]})
		}
	}
	return nil
}

// visibleRun reads the run of the path and checks the visitor may see it.
func (s *Server) visibleRun(ctx context.Context, r *http.Request, v *visitor) (store.AssessmentRun, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return store.AssessmentRun{}, err
	}
	run, err := s.mods.assessment.db.AssessmentRunByID(ctx, id)
	if err != nil {
		return run, err
	}
	if !runVisible(v, run) {
		return run, forbidden("您无权查看该考核批次")
	}
	return run, nil
}

// runWarnings are the warnings as of the run's month, from the scheme's
// current tables of the months before it.
func (s *Server) runWarnings(ctx context.Context, v *visitor, run store.AssessmentRun, sc *assessment.Scheme) ([]assessment.Warning, error) {
	rules := sc.Warnings
	most := 0
	for _, w := range rules {
		most = max(most, w.Months)
	}
	months := []string{run.Month}
	for len(months) < most {
		months = append([]string{assessment.PrevMonth(months[0])}, months...)
	}
	ts, err := s.visibleMonthTables(ctx, v, run.Court, run.SchemeCode, months)
	if err != nil {
		return nil, err
	}
	var chain []*assessment.Table
	for i := len(ts) - 1; i >= 0 && ts[i] != nil; i-- {
		chain = append([]*assessment.Table{ts[i]}, chain...)
	}
	return assessment.Warnings(rules, chain), nil
}

// scorePage is /assessment/runs/{id}/people/{pid}: the explanation.
type scorePage struct {
	Run       store.AssessmentRun
	Score     assessment.Score
	Links     map[string]drillLinks // item id/indicator id → the cases behind it
	CanObject bool
	Own       bool
	Period    court.Period
}

// drillLinks are the drill-down pages of an indicator input.
type drillLinks struct{ Numerator, Denominator string }

// assessmentScoreGet answers GET /assessment/runs/{id}/people/{pid}: every
// category, item, input and rule of one score, with links to the cases
// behind each indicator input. A person may open only their own.
func (s *Server) assessmentScoreGet(w http.ResponseWriter, r *http.Request, v *visitor) error {
	ctx := r.Context()
	run, err := s.visibleRun(ctx, r, v)
	if err != nil {
		return err
	}
	pid, err := pathID(r, "pid")
	if err != nil {
		return err
	}
	sc, err := s.mods.assessment.db.AssessmentScore(ctx, run.ID, pid)
	if err != nil {
		if court.KindOf(err) == court.NotFound && !canSeeCourt(v, run.Court) && pid != v.User.PersonID {
			return forbidden("您无权查看他人的考核得分")
		}
		return err
	}
	if !canSeePerson(v, sc.Person) {
		return forbidden("您无权查看他人的考核得分")
	}
	period, _ := run.Period()
	p := scorePage{Run: run, Score: sc, Links: map[string]drillLinks{}, Own: pid == v.User.PersonID, Period: period}
	p.CanObject = p.Own && run.CheckObjection(s.now()) == nil
	q := url.Values{"p": {"custom"}, "from": {period.From.String()}, "to": {period.To.String()}}
	for _, g := range sc.Groups {
		for _, it := range g.Items {
			for _, in := range it.Inputs {
				unit := fmt.Sprintf("judge/%d", pid)
				if in.Department {
					unit = fmt.Sprintf("department/%d", sc.Person.Department)
				}
				if in.Indicator != "" && (in.Department && sc.Person.Department != 0 || !in.Department && sc.Person.Unit != "") {
					base := fmt.Sprintf("/units/%s/indicators/%s/cases?%s&part=", unit, url.PathEscape(in.Indicator), q.Encode())
					p.Links[it.ID+"/"+in.Indicator] = drillLinks{Numerator: base + "numerator", Denominator: base + "denominator"}
				}
			}
		}
	}
	return s.render(w, http.StatusOK, "assessment_score", view{Title: sc.Person.Name + " · " + run.Month + " 考核得分", Nav: "assessment", Visitor: v, CSRF: v.Session.CSRF, Flash: flashOf(r), Data: p})
}
