package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/zhixiao/zhixiao/internal/court"
	"github.com/zhixiao/zhixiao/internal/supervision"
)

// Editing plans, problems and measures, withdrawing (撤销) problems and
// measures, and the 分管院领导 setting. Only 审管办 and 院领导 of the plan's
// court and the plan's creator edit (supervision.CanEditPlan).

// svEditRoutes adds the routes of this file.
func (s *Server) svEditRoutes(mux *http.ServeMux, m func(h memberFunc) http.Handler) {
	mux.Handle("POST /supervision/plans/{id}/edit", m(s.svPlanEdit))
	mux.Handle("POST /supervision/problems/{id}/edit", m(s.svProblemEdit))
	mux.Handle("POST /supervision/problems/{id}/withdraw", m(s.svProblemWithdraw))
	mux.Handle("POST /supervision/measures/{id}/edit", m(s.svMeasureEdit))
	mux.Handle("POST /supervision/measures/{id}/withdraw", m(s.svMeasureWithdraw))
	mux.Handle("POST /supervision/settings/leaders", m(s.svLeadersSave))
}

// svPlanEditable reads the plan of id and checks that the visitor may edit it.
func (s *Server) svPlanEditable(r *http.Request, v *visitor, id int64) (supervision.Plan, error) {
	p, err := s.mods.supervision.db.PlanHead(r.Context(), id)
	if err != nil {
		return p, err
	}
	return p, supervision.CanEditPlan(svActor(v), &p)
}

// svReport is a history entry of the visitor's request.
func (s *Server) svReport(v *visitor, kind supervision.ReportKind, body string) supervision.Report {
	return supervision.Report{Kind: kind, Body: body, UserID: v.User.ID, Login: v.User.Login, PersonID: v.User.PersonID,
		On: s.svToday(), At: s.now().UTC().Format("2006-01-02T15:04:05Z")}
}

// svPlanEdit answers POST /supervision/plans/{id}/edit (title, source, description).
func (s *Server) svPlanEdit(w http.ResponseWriter, r *http.Request, v *visitor) error {
	id, err := svID(r)
	if err != nil {
		return err
	}
	before, err := s.svPlanEditable(r, v, id)
	if err != nil {
		return err
	}
	after := before
	after.Title, after.Source = strings.TrimSpace(r.FormValue("title")), strings.TrimSpace(r.FormValue("source"))
	after.Description = strings.TrimSpace(r.FormValue("description"))
	if err := s.mods.supervision.db.UpdatePlan(r.Context(), before, after, s.svAudit(r, v)); err != nil {
		return err
	}
	http.Redirect(w, r, fmt.Sprintf("/supervision/plans/%d", id), http.StatusSeeOther)
	return nil
}

// svProblemFor reads the problem of the path and checks that the visitor may edit its plan.
func (s *Server) svProblemFor(r *http.Request, v *visitor) (supervision.Problem, error) {
	id, err := svID(r)
	if err != nil {
		return supervision.Problem{}, err
	}
	q, err := s.mods.supervision.db.Problem(r.Context(), id)
	if err != nil {
		return q, err
	}
	_, err = s.svPlanEditable(r, v, q.PlanID)
	return q, err
}

// svProblemEdit answers POST /supervision/problems/{id}/edit (title, description).
func (s *Server) svProblemEdit(w http.ResponseWriter, r *http.Request, v *visitor) error {
	before, err := s.svProblemFor(r, v)
	if err != nil {
		return err
	}
	after := before
	after.Title, after.Description = strings.TrimSpace(r.FormValue("title")), strings.TrimSpace(r.FormValue("description"))
	if err := s.mods.supervision.db.UpdateProblem(r.Context(), before, after, s.svAudit(r, v)); err != nil {
		return err
	}
	http.Redirect(w, r, fmt.Sprintf("/supervision/plans/%d#sv-problem-%d", before.PlanID, before.ID), http.StatusSeeOther)
	return nil
}

// svProblemWithdraw answers POST /supervision/problems/{id}/withdraw
// (reason): the problem and its open measures are withdrawn.
func (s *Server) svProblemWithdraw(w http.ResponseWriter, r *http.Request, v *visitor) error {
	before, err := s.svProblemFor(r, v)
	if err != nil {
		return err
	}
	after := before
	if err := after.Withdraw(r.FormValue("reason"), s.svToday()); err != nil {
		return err
	}
	if _, err := s.mods.supervision.db.WithdrawProblem(r.Context(), before, after, s.svReport(v, supervision.ReportWithdrawn, ""), s.svAudit(r, v)); err != nil {
		return err
	}
	http.Redirect(w, r, fmt.Sprintf("/supervision/plans/%d#sv-problem-%d", before.PlanID, before.ID), http.StatusSeeOther)
	return nil
}

// svMeasureEditable reads the measure of the path and checks that the visitor may edit it.
func (s *Server) svMeasureEditable(r *http.Request, v *visitor) (supervision.Measure, supervision.Plan, error) {
	m, err := s.svMeasureFor(r, v)
	if err != nil {
		return m, supervision.Plan{}, err
	}
	p, err := s.svPlanEditable(r, v, m.PlanID)
	return m, p, err
}

// svMeasureEdit answers POST /supervision/measures/{id}/edit (title,
// description, leader, dept, due, milestones: the undone ones, one per
// line "YYYY-MM-DD 节点名称"; done ones stay as they are).
func (s *Server) svMeasureEdit(w http.ResponseWriter, r *http.Request, v *visitor) error {
	before, p, err := s.svMeasureEditable(r, v)
	if err != nil {
		return err
	}
	after := before
	after.Title, after.Description = strings.TrimSpace(r.FormValue("title")), strings.TrimSpace(r.FormValue("description"))
	after.Leader, _ = strconv.ParseInt(r.FormValue("leader"), 10, 64)
	after.Department, _ = strconv.ParseInt(r.FormValue("dept"), 10, 64)
	fail := func(err error) error {
		if k := court.KindOf(err); k == court.Invalid || k == court.Conflict {
			return s.renderMeasure(w, r, v, http.StatusUnprocessableEntity, before, "", court.Message(err))
		}
		return err
	}
	if after.DueOn, err = svDate(r, "due", "完成时限"); err != nil {
		return fail(err)
	}
	want, err := svMilestones(r.FormValue("milestones"))
	if err != nil {
		return fail(err)
	}
	if err := before.Edit(&after, s.svToday()); err != nil {
		return fail(err)
	}
	users, depts, err := s.svCourtChoices(r, p.Court)
	if err != nil {
		return err
	}
	after.LeaderName, after.DeptName = svOptionName(users, after.Leader), svOptionName(depts, after.Department)
	me := supervision.EditMilestones(before.Milestones, want)
	named := before // the names in the summary read alike on both sides
	if n := svOptionName(users, before.Leader); n != "" {
		named.LeaderName = n
	}
	summary := supervision.EditSummary(&named, &after, me)
	if summary == "未作修改" {
		return s.renderMeasure(w, r, v, http.StatusOK, before, "未作修改。", "")
	}
	if err := s.mods.supervision.db.EditMeasure(r.Context(), before, after, me, s.svReport(v, supervision.ReportEdited, summary), s.svAudit(r, v)); err != nil {
		return fail(err)
	}
	saved, _, err := s.mods.supervision.db.Measure(r.Context(), before.ID)
	if err != nil {
		return err
	}
	return s.renderMeasure(w, r, v, http.StatusOK, saved, "措施已调整："+summary, "")
}

// svOptionName is the name of an option by id ("" when none).
func svOptionName(os []svOption, id int64) string {
	for _, o := range os {
		if o.ID == id {
			return o.Name
		}
	}
	return ""
}

// svMeasureWithdraw answers POST /supervision/measures/{id}/withdraw (reason).
func (s *Server) svMeasureWithdraw(w http.ResponseWriter, r *http.Request, v *visitor) error {
	before, _, err := s.svMeasureEditable(r, v)
	if err != nil {
		return err
	}
	after := before
	if err := after.Withdraw(r.FormValue("reason"), s.svToday()); err != nil {
		return s.renderMeasure(w, r, v, http.StatusUnprocessableEntity, before, "", court.Message(err))
	}
	rep := s.svReport(v, supervision.ReportWithdrawn, after.WithdrawReason)
	rep.Progress = before.Progress
	if err := s.mods.supervision.db.WithdrawMeasure(r.Context(), before, after, rep, s.svAudit(r, v)); err != nil {
		return err
	}
	saved, _, err := s.mods.supervision.db.Measure(r.Context(), before.ID)
	if err != nil {
		return err
	}
	return s.renderMeasure(w, r, v, http.StatusOK, saved, "措施已撤销。", "")
}

// svLeadersSave answers POST /supervision/settings/leaders: for each
// department of the court, the field "dept-<id>" names the 院领导 account in
// charge (empty: every 院领导).
func (s *Server) svLeadersSave(w http.ResponseWriter, r *http.Request, v *visitor) error {
	if err := svCheckSettings(v); err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return court.Errorf(court.Invalid, "表单无法读取")
	}
	m := map[int64]int64{}
	for k, vs := range r.PostForm {
		d, ok := strings.CutPrefix(k, "dept-")
		if !ok || len(vs) == 0 || vs[0] == "" {
			continue
		}
		dept, err1 := strconv.ParseInt(d, 10, 64)
		u, err2 := strconv.ParseInt(vs[0], 10, 64)
		if err1 != nil || err2 != nil {
			return court.Errorf(court.Invalid, "分管院领导设置“%s=%s”无效", k, vs[0])
		}
		m[dept] = u
	}
	if err := s.mods.supervision.db.SaveSupervisionLeaders(r.Context(), v.User.CourtID, m, s.svAudit(r, v)); err != nil {
		if court.KindOf(err) == court.Invalid {
			return s.renderSettings(w, r, v, http.StatusUnprocessableEntity, "", "", court.Message(err))
		}
		return err
	}
	return s.renderSettings(w, r, v, http.StatusOK, "", "分管院领导已保存，此后超期的督办单提请分管院领导督办。", "")
}
