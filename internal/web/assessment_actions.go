package web

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/zhixiao/zhixiao/internal/assessment"
	"github.com/zhixiao/zhixiao/internal/auth"
	"github.com/zhixiao/zhixiao/internal/court"
	"github.com/zhixiao/zhixiao/internal/store"
	"github.com/zhixiao/zhixiao/internal/workdays"
)

// The POST handlers of the 绩效考核: each checks the role, calls one
// function and redirects; bad input comes back with its Chinese message.

func requireManage(v *visitor, courtID int64) error {
	if !managesAssessment(v) || courtID != v.User.CourtID {
		return forbidden("仅本院政治部可以进行此操作")
	}
	return nil
}

// assessmentSchemePost answers POST /assessment/schemes/{id}: the JSON of
// the form becomes the next version of the scheme's code.
func (s *Server) assessmentSchemePost(w http.ResponseWriter, r *http.Request, v *visitor) error {
	sc, err := s.visibleScheme(r, v)
	if err != nil {
		return err
	}
	if err := requireManage(v, sc.Court); err != nil {
		return err
	}
	text := r.PostFormValue("json")
	next, err := assessment.ParseScheme([]byte(text))
	if err == nil && next.Code != sc.Code {
		err = court.Errorf(court.Invalid, "方案代码不能修改（原为“%s”）；如需新方案请用“试算”另存", sc.Code)
	}
	if err == nil {
		next.Court = sc.Court
		next.Draft = r.PostFormValue("draft") == "1"
		next, err = s.mods.assessment.db.SaveAssessmentScheme(r.Context(), next, s.audit(v, auth.ActionAssessmentScheme, "", s.clientIP(r)))
	}
	if err != nil {
		if court.KindOf(err) == court.Internal {
			return err
		}
		status, _ := statusOf(err)
		return s.renderScheme(w, r, v, status, sc, text, court.Message(err))
	}
	return redirect(w, r, fmt.Sprintf("/assessment/schemes/%d?done=saved", next.ID))
}

// assessmentSchemeNew answers POST /assessment/schemes/new: the default
// scheme of a category for the visitor's court.
func (s *Server) assessmentSchemeNew(w http.ResponseWriter, r *http.Request, v *visitor) error {
	if err := requireManage(v, v.User.CourtID); err != nil {
		return err
	}
	cat := r.PostFormValue("category")
	for _, d := range assessment.DefaultSchemes(v.User.CourtID) {
		if d.Category == cat {
			saved, err := s.mods.assessment.db.SaveAssessmentScheme(r.Context(), d, s.audit(v, auth.ActionAssessmentScheme, "", s.clientIP(r)))
			if err != nil {
				return err
			}
			return redirect(w, r, fmt.Sprintf("/assessment/schemes/%d?done=saved", saved.ID))
		}
	}
	return court.Errorf(court.Invalid, "人员类别“%s”无效", cat)
}

// whatIfPage is /assessment/schemes/{id}/whatif.
type whatIfPage struct {
	Scheme *assessment.Scheme
	Month  string
	JSON   string
	Moves  []assessment.Move
	Moved  int
	Error  string
	Manage bool
}

// assessmentWhatIf answers GET and POST /assessment/schemes/{id}/whatif:
// a copy of the scheme to edit, and on POST both rankings of the month side
// by side (who moves, by how much). Nothing is saved.
func (s *Server) assessmentWhatIf(w http.ResponseWriter, r *http.Request, v *visitor) error {
	sc, err := s.visibleScheme(r, v)
	if err != nil {
		return err
	}
	p := whatIfPage{Scheme: sc, Month: r.FormValue("month"), JSON: sc.Copy().JSON(), Manage: managesAssessment(v) && sc.Court == v.User.CourtID}
	if p.Month == "" {
		p.Month = s.defaultMonth()
	}
	status := http.StatusOK
	if r.Method == http.MethodPost {
		p.JSON = r.PostFormValue("json")
		if p.Moves, err = s.whatIf(r, sc, p.JSON, p.Month); err != nil {
			if court.KindOf(err) == court.Internal {
				return err
			}
			status, _ = statusOf(err)
			p.Error = court.Message(err)
		}
		for _, m := range p.Moves {
			if m.Delta != 0 {
				p.Moved++
			}
		}
	}
	return s.render(w, status, "assessment_whatif", view{Title: "试算：" + sc.Name, Nav: "assessment", Visitor: v, CSRF: v.Session.CSRF, Error: p.Error, Data: p})
}

func (s *Server) whatIf(r *http.Request, sc *assessment.Scheme, text, month string) ([]assessment.Move, error) {
	alt, err := assessment.ParseScheme([]byte(text))
	if err != nil {
		return nil, err
	}
	alt.Court, alt.Category = sc.Court, sc.Category
	src, err := s.assessmentSources()
	if err != nil {
		return nil, err
	}
	db := s.mods.assessment.db
	a, err := assessment.ComputeMonth(r.Context(), db, src, sc, month)
	if err != nil {
		return nil, err
	}
	b, err := assessment.ComputeMonth(r.Context(), db, src, alt, month)
	if err != nil {
		return nil, err
	}
	return assessment.Compare(a, b), nil
}

// assessmentCompute answers POST /assessment/runs: compute a month of a
// scheme as a new draft run (or into the month's open draft).
func (s *Server) assessmentCompute(w http.ResponseWriter, r *http.Request, v *visitor) error {
	if err := requireManage(v, v.User.CourtID); err != nil {
		return err
	}
	m := &s.mods.assessment
	m.mu.Lock()
	defer m.mu.Unlock()
	ctx := r.Context()
	code, month := r.PostFormValue("scheme"), r.PostFormValue("month")
	if _, err := assessment.MonthPeriod(month); err != nil {
		return err
	}
	all, err := m.db.AssessmentSchemes(ctx, v.User.CourtID)
	if err != nil {
		return err
	}
	sc := assessment.InForce(all, v.User.CourtID, code, month)
	if sc == nil {
		return court.Errorf(court.Invalid, "考核方案“%s”在 %s 没有生效的版本", code, month)
	}
	runs, err := m.db.AssessmentRuns(ctx, v.User.CourtID)
	if err != nil {
		return err
	}
	target := assessment.Run{Month: month}
	for _, run := range runs {
		if run.SchemeCode == code && run.Month == month {
			if run.State == assessment.StateDraft || run.State == assessment.StateNotice || run.State == assessment.StateReady {
				target = run.Run
			} else if run.State == assessment.StatePublished {
				return court.Errorf(court.Conflict, "%s 已发布，不能重新计算；如需更正请在该批次页面发起更正", run.Object())
			}
			break
		}
	}
	saved, err := s.computeInto(r, v, sc, target)
	if err != nil {
		return err
	}
	return redirect(w, r, fmt.Sprintf("/assessment/runs/%d?done=computed", saved.ID))
}

// computeInto computes the month of run under sc and stores it.
func (s *Server) computeInto(r *http.Request, v *visitor, sc *assessment.Scheme, run assessment.Run) (store.AssessmentRun, error) {
	if run.ID != 0 {
		if err := run.CheckEditable(); err != nil {
			return store.AssessmentRun{}, err
		}
	}
	src, err := s.assessmentSources()
	if err != nil {
		return store.AssessmentRun{}, err
	}
	t, err := assessment.ComputeMonth(r.Context(), s.mods.assessment.db, src, sc, run.Month)
	if err != nil {
		return store.AssessmentRun{}, err
	}
	return s.mods.assessment.db.SaveAssessmentScores(r.Context(), sc, run, t, s.audit(v, auth.ActionAssessmentScores, "", s.clientIP(r)))
}

// managedRun reads the run of the path for a workflow step by 政治部.
func (s *Server) managedRun(r *http.Request, v *visitor) (store.AssessmentRun, error) {
	run, err := s.visibleRun(r.Context(), r, v)
	if err != nil {
		return run, err
	}
	return run, requireManage(v, run.Court)
}

// assessmentRecompute answers POST /assessment/runs/{id}/compute.
func (s *Server) assessmentRecompute(w http.ResponseWriter, r *http.Request, v *visitor) error {
	m := &s.mods.assessment
	m.mu.Lock()
	defer m.mu.Unlock()
	run, err := s.managedRun(r, v)
	if err != nil {
		return err
	}
	if err := run.CheckEditable(); err != nil {
		return err
	}
	sc, err := s.schemeOfRun(r, run)
	if err != nil {
		return err
	}
	if _, err := s.computeInto(r, v, sc, run.Run); err != nil {
		return err
	}
	return redirect(w, r, fmt.Sprintf("/assessment/runs/%d?done=computed", run.ID))
}

// schemeOfRun is the scheme version in force for the run's month (the
// newest), else the one it was computed with.
func (s *Server) schemeOfRun(r *http.Request, run store.AssessmentRun) (*assessment.Scheme, error) {
	all, err := s.mods.assessment.db.AssessmentSchemes(r.Context(), run.Court)
	if err != nil {
		return nil, err
	}
	if sc := assessment.InForce(all, run.Court, run.SchemeCode, run.Month); sc != nil {
		return sc, nil
	}
	return s.mods.assessment.db.AssessmentScheme(r.Context(), run.Scheme)
}

// assessmentNotice answers POST /assessment/runs/{id}/notice: 预发布.
func (s *Server) assessmentNotice(w http.ResponseWriter, r *http.Request, v *visitor) error {
	m := &s.mods.assessment
	m.mu.Lock()
	defer m.mu.Unlock()
	run, err := s.managedRun(r, v)
	if err != nil {
		return err
	}
	sc, err := m.db.AssessmentScheme(r.Context(), run.Scheme)
	if err != nil {
		return err
	}
	cal, err := AssessmentCalendar(r.Context(), m.db, sc)
	if err != nil {
		return err
	}
	next, err := run.StartNoticeIn(s.now(), sc.NoticeDays, cal)
	if err != nil {
		return err
	}
	if err := m.db.SetAssessmentRunState(r.Context(), next, run.State, s.audit(v, auth.ActionAssessmentScores, "", s.clientIP(r))); err != nil {
		return err
	}
	return redirect(w, r, fmt.Sprintf("/assessment/runs/%d?done=notice", run.ID))
}

// assessmentPublish answers POST /assessment/runs/{id}/publish.
func (s *Server) assessmentPublish(w http.ResponseWriter, r *http.Request, v *visitor) error {
	m := &s.mods.assessment
	m.mu.Lock()
	defer m.mu.Unlock()
	run, err := s.managedRun(r, v)
	if err != nil {
		return err
	}
	os, err := m.db.AssessmentObjections(r.Context(), run.ID)
	if err != nil {
		return err
	}
	open := 0
	for _, o := range os {
		if o.State == assessment.ObjectionOpen {
			open++
		}
	}
	next, err := run.Publish(s.now(), open)
	if err != nil {
		return err
	}
	if err := m.db.SetAssessmentRunState(r.Context(), next, run.State, s.audit(v, auth.ActionAssessmentScores, "", s.clientIP(r))); err != nil {
		return err
	}
	return redirect(w, r, fmt.Sprintf("/assessment/runs/%d?done=published", run.ID))
}

// assessmentCorrect answers POST /assessment/runs/{id}/correct: a new draft
// version of a published month; the published one stays.
func (s *Server) assessmentCorrect(w http.ResponseWriter, r *http.Request, v *visitor) error {
	m := &s.mods.assessment
	m.mu.Lock()
	defer m.mu.Unlock()
	run, err := s.managedRun(r, v)
	if err != nil {
		return err
	}
	next, err := run.Correct()
	if err != nil {
		return err
	}
	runs, err := m.db.AssessmentRuns(r.Context(), run.Court)
	if err != nil {
		return err
	}
	for _, x := range runs {
		if x.SchemeCode == run.SchemeCode && x.Month == run.Month && x.Version > run.Version {
			return court.Errorf(court.Conflict, "该月已有第 %d 版（%s），请在新版本上继续", x.Version, x.State)
		}
	}
	sc, err := s.schemeOfRun(r, run)
	if err != nil {
		return err
	}
	saved, err := s.computeInto(r, v, sc, next)
	if err != nil {
		return err
	}
	return redirect(w, r, fmt.Sprintf("/assessment/runs/%d?done=corrected", saved.ID))
}

// assessmentObject answers POST /assessment/runs/{id}/objections: a person
// objects to their own score during the 公示 window.
func (s *Server) assessmentObject(w http.ResponseWriter, r *http.Request, v *visitor) error {
	run, err := s.visibleRun(r.Context(), r, v)
	if err != nil {
		return err
	}
	if v.User.PersonID == 0 {
		return forbidden("只有被考核人本人可以提出考核异议")
	}
	if _, err := s.mods.assessment.db.AssessmentScore(r.Context(), run.ID, v.User.PersonID); err != nil {
		if court.KindOf(err) == court.NotFound {
			return forbidden("您不在该考核批次中，不能提出异议")
		}
		return err
	}
	o := assessment.Objection{Run: run.ID, Person: v.User.PersonID, Reason: strings.TrimSpace(r.PostFormValue("reason"))}
	if _, err := s.mods.assessment.db.AddAssessmentObjection(r.Context(), o, s.audit(v, auth.ActionAssessmentObjection, "", s.clientIP(r))); err != nil {
		return err
	}
	return redirect(w, r, fmt.Sprintf("/assessment/runs/%d/people/%d?done=objected", run.ID, v.User.PersonID))
}

// assessmentReview answers POST /assessment/objections/{id}/review?run=:
// accept (the run is recomputed) or reject with a written answer.
func (s *Server) assessmentReview(w http.ResponseWriter, r *http.Request, v *visitor) error {
	m := &s.mods.assessment
	m.mu.Lock()
	defer m.mu.Unlock()
	oid, err := pathID(r, "id")
	if err != nil {
		return err
	}
	runID, err := strconv.ParseInt(r.PostFormValue("run"), 10, 64)
	if err != nil {
		return court.Errorf(court.Invalid, "表单不完整，请刷新页面后重试")
	}
	run, err := m.db.AssessmentRunByID(r.Context(), runID)
	if err != nil {
		return err
	}
	if err := requireManage(v, run.Court); err != nil {
		return err
	}
	os, err := m.db.AssessmentObjections(r.Context(), run.ID)
	if err != nil {
		return err
	}
	var o *assessment.Objection
	for i := range os {
		if os[i].ID == oid {
			o = &os[i]
		}
	}
	if o == nil {
		return court.Errorf(court.NotFound, "考核异议 %d 不存在", oid)
	}
	accept := r.PostFormValue("decision") == "accept"
	decided, err := o.Review(accept, strings.TrimSpace(r.PostFormValue("answer")), v.User.Login, s.now())
	if err != nil {
		return err
	}
	if accept {
		sc, err := s.schemeOfRun(r, run)
		if err != nil {
			return err
		}
		if _, err := s.computeInto(r, v, sc, run.Run); err != nil {
			return err
		}
	}
	if err := m.db.ReviewAssessmentObjection(r.Context(), decided, s.audit(v, auth.ActionAssessmentObjection, "", s.clientIP(r))); err != nil {
		return err
	}
	return redirect(w, r, fmt.Sprintf("/assessment/runs/%d?done=reviewed", run.ID))
}

// HolidaySource is a store that keeps the working-day calendar.
type HolidaySource interface {
	HolidayCalendar(context.Context) ([]workdays.Day, error)
}

// AssessmentCalendar is the court's working-day calendar (the 国务院
// holidays and 调休 as the court keeps them, edited on the petitions setup
// page) with the scheme's overrides on top: the 公示 window counts on it.
func AssessmentCalendar(ctx context.Context, db HolidaySource, sc *assessment.Scheme) (assessment.Calendar, error) {
	days, err := db.HolidayCalendar(ctx)
	if err != nil {
		return assessment.Calendar{}, err
	}
	return sc.CalendarOn(workdays.New(days))
}
