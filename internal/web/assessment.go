package web

import (
	"context"
	"fmt"
	"html/template"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/zhixiao/zhixiao/internal/assessment"
	"github.com/zhixiao/zhixiao/internal/auth"
	"github.com/zhixiao/zhixiao/internal/court"
	"github.com/zhixiao/zhixiao/internal/store"
	"github.com/zhixiao/zhixiao/internal/workdays"
)

// This file is the 绩效考核 module of the web app (issue 6: schemes, monthly
// scores, warnings, objections). 政治部 edits the schemes and runs the
// workflow; 院领导 sees everything in scope; 庭长 sees their department's
// people and records 日常评价 and 约谈 for them; anyone with a person sees
// their own scores and the anonymous distribution of their peer group.

// AssessmentStore is what the 绩效考核 pages need of the store; *store.DB implements it.
type AssessmentStore interface {
	assessment.Directory
	AssessmentSchemes(ctx context.Context, courtID int64) ([]*assessment.Scheme, error)
	AssessmentScheme(ctx context.Context, id int64) (*assessment.Scheme, error)
	SaveAssessmentScheme(ctx context.Context, s *assessment.Scheme, e auth.AuditEntry) (*assessment.Scheme, error)
	AddAssessmentEntry(ctx context.Context, courtID int64, en assessment.Entry, e auth.AuditEntry) (int64, error)
	AssessmentEntry(ctx context.Context, id int64) (assessment.Entry, int64, error)
	DeleteAssessmentEntry(ctx context.Context, id int64, e auth.AuditEntry) error
	AssessmentRuns(ctx context.Context, courtID int64) ([]store.AssessmentRun, error)
	LatestAssessmentRuns(ctx context.Context, courtID int64, n int) ([]store.AssessmentRun, error)
	AssessmentRunByID(ctx context.Context, id int64) (store.AssessmentRun, error)
	SaveAssessmentScores(ctx context.Context, s *assessment.Scheme, r assessment.Run, t *assessment.Table, e auth.AuditEntry) (store.AssessmentRun, error)
	SetAssessmentRunState(ctx context.Context, r assessment.Run, from string, e auth.AuditEntry) error
	AssessmentTable(ctx context.Context, runID int64) (*assessment.Table, error)
	AssessmentScore(ctx context.Context, runID, personID int64) (assessment.Score, error)
	AssessmentMonthTables(ctx context.Context, courtID int64, code string, months []string) ([]*assessment.Table, error)
	AddAssessmentObjection(ctx context.Context, o assessment.Objection, e auth.AuditEntry) (int64, error)
	AssessmentObjections(ctx context.Context, runID int64) ([]assessment.Objection, error)
	ReviewAssessmentObjection(ctx context.Context, o assessment.Objection, e auth.AuditEntry) error
	AddAssessmentInterview(ctx context.Context, courtID int64, iv assessment.Interview, e auth.AuditEntry) (int64, error)
	AssessmentInterviews(ctx context.Context, courtID, personID int64) ([]assessment.Interview, error)
	// HolidayCalendar is the product's one working-day calendar (the
	// petitions setup page edits it): the 公示 window counts on it.
	HolidayCalendar(ctx context.Context) ([]workdays.Day, error)
}

// assessmentModule is the state of the 绩效考核 pages.
type assessmentModule struct {
	db AssessmentStore
	// outcomes are the other modules' reports (督办超期, 投诉查实 ...). The
	// store's SupervisionOutcomes and PetitionOutcomes are picked up here
	// when it has them.
	outcomes []assessment.OutcomeSource
	mu       sync.Mutex // one workflow change at a time
}

// outcomeMethods are the methods of the supervision and petitions stores
// that report outcomes; the module uses those the store implements.
type supervisionOutcomes interface {
	SupervisionOutcomes(ctx context.Context, courtID int64, from, to court.Date) ([]court.Outcome, error)
}
type petitionOutcomes interface {
	PetitionOutcomes(ctx context.Context, courtID int64, from, to court.Date) ([]court.Outcome, error)
}

// init takes the module's store from the deps.
func (m *assessmentModule) init(d Deps) error {
	m.db = d.Assessment
	m.outcomes = OutcomeSourcesOf(d.Assessment)
	return nil
}

// OutcomeSourcesOf returns the outcome reports a store offers: its
// SupervisionOutcomes and PetitionOutcomes methods, when it has them.
func OutcomeSourcesOf(db any) []assessment.OutcomeSource {
	var out []assessment.OutcomeSource
	if s, ok := db.(supervisionOutcomes); ok {
		out = append(out, assessment.OutcomeFunc(s.SupervisionOutcomes))
	}
	if p, ok := db.(petitionOutcomes); ok {
		out = append(out, assessment.OutcomeFunc(p.PetitionOutcomes))
	}
	return out
}

// assessmentRoutes adds the module's routes under /assessment.
func (s *Server) assessmentRoutes(mux *http.ServeMux) {
	if s.mods.assessment.db == nil {
		return
	}
	for _, rt := range []route{
		{"GET /assessment", s.assessmentHome},
		{"GET /assessment/schemes/{id}", s.assessmentSchemeGet},
		{"POST /assessment/schemes/{id}", s.assessmentSchemePost},
		{"POST /assessment/schemes/new", s.assessmentSchemeNew},
		{"POST /assessment/schemes/{id}/form", s.assessmentSchemeForm},
		{"GET /assessment/schemes/{id}/whatif", s.assessmentWhatIf},
		{"POST /assessment/schemes/{id}/whatif", s.assessmentWhatIf},
		{"POST /assessment/runs", s.assessmentCompute},
		{"GET /assessment/runs/{id}", s.assessmentRunGet},
		{"GET /assessment/runs/{id}/scores.xlsx", s.assessmentRunXLSX},
		{"POST /assessment/runs/{id}/compute", s.assessmentRecompute},
		{"POST /assessment/runs/{id}/notice", s.assessmentNotice},
		{"POST /assessment/runs/{id}/publish", s.assessmentPublish},
		{"POST /assessment/runs/{id}/correct", s.assessmentCorrect},
		{"GET /assessment/runs/{id}/people/{pid}", s.assessmentScoreGet},
		{"POST /assessment/runs/{id}/objections", s.assessmentObject},
		{"POST /assessment/objections/{id}/review", s.assessmentReview},
		{"GET /assessment/entries", s.assessmentEntries},
		{"POST /assessment/entries", s.assessmentEntryPost},
		{"POST /assessment/entries/{id}/delete", s.assessmentEntryDelete},
		{"GET /assessment/warnings", s.assessmentWarnings},
		{"POST /assessment/interviews", s.assessmentInterviewPost},
		{"GET /assessment/rollup", s.assessmentRollup},
		{"GET /assessment/people/{pid}/archive", s.assessmentArchive},
		{"GET /assessment/people/{pid}/archive.xlsx", s.assessmentArchiveXLSX},
	} {
		mux.Handle(rt.pattern, s.member(rt.h))
	}
}

// ShowsAssessment reports whether the navigation shows 绩效考核: for 政治部,
// 院领导, 庭长 and every account with a person.
func (v *visitor) ShowsAssessment() bool {
	switch v.User.Role {
	case auth.RolePersonnel, auth.RolePresident, auth.RoleChief:
		return true
	}
	return v.User.PersonID != 0
}

// assessmentPanels are the module's panels: on a person's dashboard their
// latest score, on a court's the runs in 公示 and the warnings to follow.
func (s *Server) assessmentPanels(ctx context.Context, v *visitor, at panelPlace) ([]panel, error) {
	m := &s.mods.assessment
	if m.db == nil || at.Unit == nil {
		return nil, nil
	}
	switch at.Unit.Kind {
	case kindJudge:
		return s.assessmentPersonPanel(ctx, v, at.Unit.Ref.Court, at.Unit.ID)
	case kindCourt:
		if !canSeeCourt(v, at.Unit.ID) {
			return nil, nil
		}
		return s.assessmentCourtPanel(ctx, at.Unit.ID)
	}
	return nil, nil
}

// assessmentFuncs are the module's template functions.
func assessmentFuncs() template.FuncMap {
	return template.FuncMap{
		"assessmentNum": func(v float64) string { return strconv.FormatFloat(v, 'f', 2, 64) },
		"assessmentPct": func(n, d int) string {
			if d == 0 {
				return "—"
			}
			return fmt.Sprintf("%.0f%%", float64(n)*100/float64(d))
		},
		// assessmentShare writes a share (0.8) as the percentage the forms take (80).
		"assessmentShare": func(v float64) string { return strconv.FormatFloat(v*100, 'f', -1, 64) },
		// assessmentBound writes a band bound, "" when there is none.
		"assessmentBound": func(v *float64) string {
			if v == nil {
				return ""
			}
			return strconv.FormatFloat(*v, 'f', -1, 64)
		},
		"assessmentThresholds": thresholdsText,
		// assessmentUntil writes the end of a 公示 window (midnight, China
		// time) as the last day's "24:00".
		"assessmentUntil": func(t time.Time) string {
			if t.IsZero() {
				return ""
			}
			return t.Add(-time.Second).In(shanghai).Format("2006-01-02") + " 24:00"
		},
		// assessmentEventRows are an item's events and one blank row to add one.
		"assessmentEventRows": func(es []assessment.EventType) []assessment.EventType {
			return append(append([]assessment.EventType(nil), es...), assessment.EventType{})
		},
		"assessmentBar": func(n, max int) int {
			if max == 0 {
				return 0
			}
			return n * 20 / max
		},
	}
}

// The access rules of the module.

// managesAssessment: 政治部 edits schemes, enters events and runs the workflow.
func managesAssessment(v *visitor) bool { return v.User.Role == auth.RolePersonnel }

// canSeeCourt: 政治部 and 院领导 see every person of the courts of their scope.
func canSeeCourt(v *visitor, courtID int64) bool {
	switch v.User.Role {
	case auth.RolePersonnel, auth.RolePresident:
		return v.Scope.Unit(auth.Unit{Court: courtID})
	}
	return false
}

// canSeePerson: oneself; 政治部 and 院领导 within scope; 庭长 their department.
func canSeePerson(v *visitor, p assessment.Person) bool {
	switch {
	case v.User.PersonID != 0 && p.ID == v.User.PersonID:
		return true
	case canSeeCourt(v, p.Court):
		return true
	case v.User.Role == auth.RoleChief:
		return p.Court == v.User.CourtID && p.Department == v.User.DepartmentID && p.Department != 0
	}
	return false
}

// canEnterFor: 政治部 for anyone of their court; 庭长 for their department.
func canEnterFor(v *visitor, p assessment.Person) bool {
	switch v.User.Role {
	case auth.RolePersonnel:
		return p.Court == v.User.CourtID
	case auth.RoleChief:
		return p.Court == v.User.CourtID && p.Department == v.User.DepartmentID && p.Department != 0
	}
	return false
}

func forbidden(msg string) error { return court.Errorf(court.Forbidden, "%s", msg) }

// visitorCourt is the court the visitor's assessment pages are about.
func visitorCourt(v *visitor) int64 { return v.User.CourtID }

// courtOf is the court a page is about: ?court= when the visitor sees that
// court whole (院领导 of the courts below), else their own.
func courtOf(r *http.Request, v *visitor) (int64, error) {
	q := r.URL.Query().Get("court")
	if q == "" {
		return visitorCourt(v), nil
	}
	id, err := strconv.ParseInt(q, 10, 64)
	if err == nil && id == visitorCourt(v) {
		return id, nil // the own court: the page narrows it to what the visitor sees (a 庭长 their department)
	}
	if err != nil || !canSeeCourt(v, id) {
		return 0, forbidden("您无权查看该法院的绩效考核")
	}
	return id, nil
}

// courtChoice is a court the visitor may switch the pages to.
type courtChoice struct {
	ID      int64
	Name    string
	Current bool
}

// courtChoices are the courts in the visitor's scope, when more than one.
func (s *Server) courtChoices(ctx context.Context, v *visitor, current int64) ([]courtChoice, error) {
	org, err := s.data.Org(ctx)
	if err != nil {
		return nil, err
	}
	var out []courtChoice
	for _, c := range org.Courts {
		if canSeeCourt(v, c.ID) {
			out = append(out, courtChoice{c.ID, c.Name, c.ID == current})
		}
	}
	if len(out) < 2 {
		return nil, nil
	}
	return out, nil
}

// sources are where computing reads indicator values and outcomes.
func (s *Server) assessmentSources() (assessment.Sources, error) {
	eng, err := s.engineOrErr()
	if err != nil {
		return assessment.Sources{}, err
	}
	return assessment.Sources{Indicators: assessment.EngineSource{Engine: eng}, Outcomes: s.mods.assessment.outcomes}, nil
}

// personByID finds a person of the court among the assessment's people.
func (s *Server) assessmentPerson(ctx context.Context, courtID, id int64) (assessment.Person, error) {
	ps, err := s.mods.assessment.db.AssessmentPeople(ctx, courtID)
	if err != nil {
		return assessment.Person{}, err
	}
	for _, p := range ps {
		if p.ID == id {
			return p, nil
		}
	}
	return assessment.Person{}, court.Errorf(court.NotFound, "人员 %d 不存在或不在考核范围内", id)
}

// defaultMonth is the last full month before the data's latest day.
func (s *Server) defaultMonth() string {
	return assessment.PrevMonth(assessment.MonthOf(s.today()))
}

// redirect answers a POST with 303 to url.
func redirect(w http.ResponseWriter, r *http.Request, url string) error {
	http.Redirect(w, r, url, http.StatusSeeOther)
	return nil
}
