package web

// The 红黄蓝 warnings of the 绩效考核 and the 约谈 they require.

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/zhixiao/zhixiao/internal/assessment"
	"github.com/zhixiao/zhixiao/internal/auth"
	"github.com/zhixiao/zhixiao/internal/court"
	"github.com/zhixiao/zhixiao/internal/store"
)

// warningsPage is /assessment/warnings.
type warningsPage struct {
	Run        store.AssessmentRun
	Runs       []store.AssessmentRun
	Warnings   []warningRow
	Interviews []assessment.Interview
	Names      map[int64]string
	Today      string
}

type warningRow struct {
	assessment.Warning
	Interviewed bool
	CanRecord   bool
}

// assessmentWarnings answers GET /assessment/warnings?run=: the 红黄蓝
// warnings as of a run's month, with the 约谈 a 红 warning requires.
func (s *Server) assessmentWarnings(w http.ResponseWriter, r *http.Request, v *visitor) error {
	courtID, err := courtOf(r, v)
	if err != nil {
		return err
	}
	if !canSeeCourt(v, courtID) && v.User.Role != auth.RoleChief {
		return forbidden("仅政治部、院领导和庭长可以查看预警")
	}
	ctx := r.Context()
	db := s.mods.assessment.db
	runs, err := db.AssessmentRuns(ctx, courtID)
	if err != nil {
		return err
	}
	p := warningsPage{Names: map[int64]string{}, Today: s.today().String()}
	for _, run := range runs {
		if runVisible(v, run) && run.State != assessment.StateSuperseded {
			p.Runs = append(p.Runs, run)
		}
	}
	if len(p.Runs) == 0 {
		return s.render(w, http.StatusOK, "assessment_warnings", view{Title: "预警与约谈", Nav: "assessment", Visitor: v, CSRF: v.Session.CSRF, Data: p})
	}
	if p.Run, err = pickRun(p.Runs, r.URL.Query().Get("run")); err != nil {
		return err
	}
	sc, err := db.AssessmentScheme(ctx, p.Run.Scheme)
	if err != nil {
		return err
	}
	ws, err := s.runWarnings(ctx, v, p.Run, sc)
	if err != nil {
		return err
	}
	ivs, err := db.AssessmentInterviews(ctx, p.Run.Court, 0)
	if err != nil {
		return err
	}
	for _, wn := range ws {
		if !canSeePerson(v, wn.Person) {
			continue
		}
		p.Names[wn.Person.ID] = wn.Person.Name
		row := warningRow{Warning: wn, CanRecord: canInterview(v, wn.Person)}
		row.Interviewed = slices.ContainsFunc(ivs, func(iv assessment.Interview) bool { return iv.Person == wn.Person.ID && iv.Month == p.Run.Month })
		p.Warnings = append(p.Warnings, row)
	}
	for _, iv := range ivs {
		if _, ok := p.Names[iv.Person]; ok || canSeeCourt(v, p.Run.Court) {
			p.Interviews = append(p.Interviews, iv)
		}
	}
	return s.render(w, http.StatusOK, "assessment_warnings", view{Title: "预警与约谈", Nav: "assessment", Visitor: v, CSRF: v.Session.CSRF, Flash: flashOf(r), Data: p})
}

// pickRun returns the run of that id among runs (newest month first);
// when id is "", the newest month's run with the most people.
func pickRun(runs []store.AssessmentRun, id string) (store.AssessmentRun, error) {
	if id == "" {
		best := runs[0]
		for _, r := range runs {
			if r.Month == runs[0].Month && r.People > best.People {
				best = r
			}
		}
		return best, nil
	}
	i := slices.IndexFunc(runs, func(x store.AssessmentRun) bool { return fmt.Sprint(x.ID) == id })
	if i < 0 {
		return store.AssessmentRun{}, court.Errorf(court.NotFound, "考核批次“%s”不存在或无权查看", id)
	}
	return runs[i], nil
}

// canInterview: the responsible leader records a 约谈: 庭长 for their
// department, 院领导 and 政治部 for the court.
func canInterview(v *visitor, p assessment.Person) bool {
	switch v.User.Role {
	case auth.RolePresident, auth.RolePersonnel:
		return canSeeCourt(v, p.Court)
	case auth.RoleChief:
		return canEnterFor(v, p)
	}
	return false
}

// assessmentInterviewPost answers POST /assessment/interviews: a 约谈 record.
func (s *Server) assessmentInterviewPost(w http.ResponseWriter, r *http.Request, v *visitor) error {
	pid, err := strconv.ParseInt(r.PostFormValue("person"), 10, 64)
	if err != nil {
		return court.Errorf(court.Invalid, "请选择人员")
	}
	p, err := s.assessmentPerson(r.Context(), 0, pid)
	if err != nil {
		return err
	}
	if !canInterview(v, p) {
		return forbidden("您无权为该人员记录约谈")
	}
	day, err := court.ParseISODate(r.PostFormValue("held_on"))
	if err != nil {
		return court.Errorf(court.Invalid, "约谈日期“%s”无效，应为 YYYY-MM-DD", r.PostFormValue("held_on"))
	}
	iv := assessment.Interview{Person: pid, Month: r.PostFormValue("month"), Leader: strings.TrimSpace(r.PostFormValue("leader")), HeldOn: day,
		Content: strings.TrimSpace(r.PostFormValue("content")), FollowUp: strings.TrimSpace(r.PostFormValue("follow_up"))}
	if _, err := s.mods.assessment.db.AddAssessmentInterview(r.Context(), p.Court, iv, s.audit(v, auth.ActionAssessmentInterview, "", s.clientIP(r))); err != nil {
		return err
	}
	return redirect(w, r, "/assessment/warnings?done=interview&run="+url.QueryEscape(r.PostFormValue("run")))
}
