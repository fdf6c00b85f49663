package web

import (
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/zhixiao/zhixiao/internal/auth"
	"github.com/zhixiao/zhixiao/internal/court"
	"github.com/zhixiao/zhixiao/internal/supervision"
)

// svOption is a choice of a select.
type svOption struct {
	ID   int64
	Name string
}

// svBoardPage is the data of the 作战图 of a plan.
type svBoardPage struct {
	Plan     supervision.Plan // with the measures the filter and the scope keep
	Tally    supervision.Tally
	Today    court.Date
	Filter   supervision.BoardFilter
	Leaders  []svOption // of the visible measures, for the filter
	Depts    []svOption
	Timeline bool
	Months   []svMonth
	CanEdit  bool       // 审管办, 院领导 and the creator edit the plan, add problems and measures
	Users    []svOption // the court's accounts, for a new measure's leader
	AllDepts []svOption // the court's departments
	Me       int64      // the visitor's account: its pending closings are marked 待您审批
	MyDept   int64      // the visitor's department: its measures are marked 本部门
}

// svMonth is a month of the timeline: the measures due in it.
type svMonth struct {
	Label    string
	Measures []supervision.Measure
}

// svPlanFor reads a plan and keeps the measures the visitor may see: all
// for the roles that see the plan's court whole, else those the visitor
// leads or whose department is the visitor's. A plan with none is 403.
func (s *Server) svPlanFor(r *http.Request, v *visitor) (supervision.Plan, bool, error) {
	id, err := svID(r)
	if err != nil {
		return supervision.Plan{}, false, err
	}
	p, err := s.mods.supervision.db.Plan(r.Context(), id)
	if err != nil {
		return p, false, err
	}
	whole, seen := svKeepVisible(v, &p)
	if !whole && seen == 0 {
		return p, false, court.Errorf(court.Forbidden, "您无权查看该整改方案")
	}
	return p, whole, nil
}

// svKeepVisible keeps the measures of a plan the visitor may see: all for
// the roles that see the plan's court whole (whole), else those the
// visitor leads or whose department is the visitor's; seen counts them.
func svKeepVisible(v *visitor, p *supervision.Plan) (whole bool, seen int) {
	if v.Scope.Unit(auth.Unit{Court: p.Court}) {
		return true, -1
	}
	a := svActor(v)
	for i := range p.Problems {
		p.Problems[i].Measures = slices.DeleteFunc(p.Problems[i].Measures, func(m supervision.Measure) bool {
			return m.Leader != a.UserID && !m.InDepartment(a)
		})
		seen += len(p.Problems[i].Measures)
	}
	return false, seen
}

// svBoard answers GET /supervision/plans/{id}[?leader=&dept=&view=timeline]: the 作战图.
func (s *Server) svBoard(w http.ResponseWriter, r *http.Request, v *visitor) error {
	p, whole, err := s.svPlanFor(r, v)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	b := svBoardPage{Today: s.svToday(), Timeline: q.Get("view") == "timeline", Me: v.User.ID, MyDept: v.User.DepartmentID}
	b.Filter.Leader, _ = strconv.ParseInt(q.Get("leader"), 10, 64)
	b.Filter.Department, _ = strconv.ParseInt(q.Get("dept"), 10, 64)
	b.Leaders, b.Depts = svBoardChoices(&p)
	for i := range p.Problems {
		p.Problems[i].Measures = slices.DeleteFunc(p.Problems[i].Measures, func(m supervision.Measure) bool { return !b.Filter.Keep(&m) })
	}
	b.Plan, b.Tally = p, supervision.TallyOf(&p, b.Today)
	if b.Timeline {
		b.Months = svTimeline(&p)
	}
	if b.CanEdit = whole && supervision.CanEditPlan(svActor(v), &p) == nil; b.CanEdit {
		if b.Users, b.AllDepts, err = s.svCourtChoices(r, p.Court); err != nil {
			return err
		}
	}
	return s.render(w, http.StatusOK, "supervision_plan", view{Title: p.Title + " · 作战图", Nav: "supervision", Visitor: v, CSRF: v.Session.CSRF, Data: b})
}

// svBoardChoices lists the leaders and departments of a plan's measures.
func svBoardChoices(p *supervision.Plan) (leaders, depts []svOption) {
	seenL, seenD := map[int64]bool{}, map[int64]bool{}
	for _, q := range p.Problems {
		for _, m := range q.Measures {
			if !seenL[m.Leader] {
				seenL[m.Leader] = true
				leaders = append(leaders, svOption{m.Leader, m.LeaderName})
			}
			if !seenD[m.Department] {
				seenD[m.Department] = true
				depts = append(depts, svOption{m.Department, m.DeptName})
			}
		}
	}
	return leaders, depts
}

// svTimeline groups a plan's measures by the month of their deadline.
func svTimeline(p *supervision.Plan) []svMonth {
	var all []supervision.Measure
	for _, q := range p.Problems {
		all = append(all, q.Measures...)
	}
	slices.SortStableFunc(all, func(a, b supervision.Measure) int { return int(a.DueOn - b.DueOn) })
	var months []svMonth
	for _, m := range all {
		t := m.DueOn.Time()
		label := fmt.Sprintf("%d年%d月", t.Year(), t.Month())
		if len(months) == 0 || months[len(months)-1].Label != label {
			months = append(months, svMonth{Label: label})
		}
		months[len(months)-1].Measures = append(months[len(months)-1].Measures, m)
	}
	return months
}

// svCourtChoices lists a court's active accounts and departments.
func (s *Server) svCourtChoices(r *http.Request, courtID int64) (users, depts []svOption, err error) {
	us, err := s.mods.supervision.db.Users(r.Context())
	if err != nil {
		return nil, nil, err
	}
	for _, u := range us {
		if u.CourtID == courtID && !u.Disabled {
			name := u.Login + "（" + u.Role.String()
			if u.Person != "" {
				name += " · " + u.Person
			}
			users = append(users, svOption{u.ID, name + "）"})
		}
	}
	o, err := s.data.Org(r.Context())
	if err != nil {
		return nil, nil, err
	}
	for _, d := range o.Departments {
		if d.Court == courtID {
			depts = append(depts, svOption{d.ID, d.Name})
		}
	}
	return users, depts, nil
}

// svCheckPlanCreator refuses anyone but 审管办 of a court: they make plans.
func svCheckPlanCreator(v *visitor) error {
	if v.User.Role != auth.RoleTrialMgmt || v.User.CourtID == 0 {
		return court.Errorf(court.Forbidden, "仅本院审管办可以新建整改方案")
	}
	return nil
}

// svPlanCreate answers POST /supervision/plans (title, source).
func (s *Server) svPlanCreate(w http.ResponseWriter, r *http.Request, v *visitor) error {
	if err := svCheckPlanCreator(v); err != nil {
		return err
	}
	p := supervision.Plan{Court: v.User.CourtID, Title: strings.TrimSpace(r.FormValue("title")), Source: strings.TrimSpace(r.FormValue("source")),
		Description: strings.TrimSpace(r.FormValue("description")), CreatedBy: v.User.Login, CreatedOn: s.svToday()}
	id, err := s.mods.supervision.db.CreatePlan(r.Context(), p, s.svAudit(r, v))
	if err != nil {
		return err
	}
	http.Redirect(w, r, fmt.Sprintf("/supervision/plans/%d", id), http.StatusSeeOther)
	return nil
}

// svProblemAdd answers POST /supervision/plans/{id}/problems (title).
func (s *Server) svProblemAdd(w http.ResponseWriter, r *http.Request, v *visitor) error {
	p, _, err := s.svPlanFor(r, v)
	if err != nil {
		return err
	}
	if err := supervision.CanEditPlan(svActor(v), &p); err != nil {
		return err
	}
	if _, err := s.mods.supervision.db.AddProblem(r.Context(), p.ID, strings.TrimSpace(r.FormValue("title")), s.svAudit(r, v)); err != nil {
		return err
	}
	http.Redirect(w, r, fmt.Sprintf("/supervision/plans/%d", p.ID), http.StatusSeeOther)
	return nil
}

// svMeasureAdd answers POST /supervision/plans/{id}/measures (problem,
// title, leader, dept, due, milestones: one per line, "YYYY-MM-DD 节点").
func (s *Server) svMeasureAdd(w http.ResponseWriter, r *http.Request, v *visitor) error {
	p, _, err := s.svPlanFor(r, v)
	if err != nil {
		return err
	}
	if err := supervision.CanEditPlan(svActor(v), &p); err != nil {
		return err
	}
	m := supervision.Measure{PlanID: p.ID, Title: strings.TrimSpace(r.FormValue("title"))}
	m.ProblemID, _ = strconv.ParseInt(r.FormValue("problem"), 10, 64)
	m.Leader, _ = strconv.ParseInt(r.FormValue("leader"), 10, 64)
	m.Department, _ = strconv.ParseInt(r.FormValue("dept"), 10, 64)
	if m.DueOn, err = svDate(r, "due", "完成时限"); err != nil {
		return err
	}
	if m.Milestones, err = svMilestones(r.FormValue("milestones")); err != nil {
		return err
	}
	m.Description = strings.TrimSpace(r.FormValue("description"))
	if err := supervision.CheckMeasure(m, s.svToday()); err != nil {
		return err
	}
	if _, err := s.mods.supervision.db.AddMeasure(r.Context(), m, s.svAudit(r, v)); err != nil {
		return err
	}
	http.Redirect(w, r, fmt.Sprintf("/supervision/plans/%d", p.ID), http.StatusSeeOther)
	return nil
}

// svMilestones reads milestones, one per line: "YYYY-MM-DD 节点名称".
func svMilestones(text string) ([]supervision.Milestone, error) {
	var ms []supervision.Milestone
	for i, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		day, title, _ := strings.Cut(line, " ")
		d, err := court.ParseISODate(day)
		if err != nil || strings.TrimSpace(title) == "" {
			return nil, court.Errorf(court.Invalid, "节点第 %d 行“%s”：应为“YYYY-MM-DD 节点名称”", i+1, line)
		}
		ms = append(ms, supervision.Milestone{Title: strings.TrimSpace(title), DueOn: d})
	}
	return ms, nil
}

// svMeasurePage is the data of a measure's page.
type svMeasurePage struct {
	Measure    supervision.Measure
	Reports    []supervision.Report
	Today      court.Date
	CanReport  bool // the responsible department
	CanRequest bool
	CanDecide  bool // the responsible leader, with a request waiting
	MaxMB      int64
	CanEdit    bool // 审管办, 院领导 and the plan's creator, on an open measure
	Plan       supervision.Plan
	Users      []svOption // for the edit form
	Depts      []svOption
	Milestones string // the undone milestones, one per line, for the edit form
}

// svMeasureFor reads a measure the visitor may see: the roles that see its
// plan's court whole, its leader and its department.
func (s *Server) svMeasureFor(r *http.Request, v *visitor) (supervision.Measure, error) {
	id, err := svID(r)
	if err != nil {
		return supervision.Measure{}, err
	}
	m, courtID, err := s.mods.supervision.db.Measure(r.Context(), id)
	if err != nil {
		return m, err
	}
	if !v.Scope.Unit(auth.Unit{Court: courtID}) && m.Leader != v.User.ID && !m.InDepartment(svActor(v)) {
		return m, court.Errorf(court.Forbidden, "您无权查看该整改措施")
	}
	return m, nil
}

// svMeasure answers GET /supervision/measures/{id}.
func (s *Server) svMeasure(w http.ResponseWriter, r *http.Request, v *visitor) error {
	m, err := s.svMeasureFor(r, v)
	if err != nil {
		return err
	}
	return s.renderMeasure(w, r, v, http.StatusOK, m, "", "")
}

func (s *Server) renderMeasure(w http.ResponseWriter, r *http.Request, v *visitor, status int, m supervision.Measure, flash, errMsg string) error {
	rs, err := s.mods.supervision.db.Reports(r.Context(), m.ID)
	if err != nil {
		return err
	}
	a := svActor(v)
	p := svMeasurePage{Measure: m, Reports: rs, Today: s.svToday(), MaxMB: s.mods.supervision.maxBytes >> 20}
	p.CanReport = m.CheckProgress(a, "x", 0) == nil
	try := m
	p.CanRequest = try.RequestCloseout(a, "x", 1) == nil
	try = m
	p.CanDecide = try.Decide(a, true, "", p.Today) == nil
	if p.Plan, err = s.mods.supervision.db.PlanHead(r.Context(), m.PlanID); err != nil {
		return err
	}
	if p.CanEdit = m.Open() && supervision.CanEditPlan(a, &p.Plan) == nil; p.CanEdit {
		if p.Users, p.Depts, err = s.svCourtChoices(r, p.Plan.Court); err != nil {
			return err
		}
		var lines []string
		for _, ms := range m.Milestones {
			if ms.DoneOn.IsZero() {
				lines = append(lines, ms.DueOn.String()+" "+ms.Title)
			}
		}
		p.Milestones = strings.Join(lines, "\n")
	}
	return s.render(w, status, "supervision_measure", view{Title: "整改措施：" + m.Title, Nav: "supervision", Visitor: v, CSRF: v.Session.CSRF,
		Flash: flash, Error: errMsg, Data: p})
}

// svMeasureReport answers POST /supervision/measures/{id}/progress and
// .../closeout: a progress report or a closing request (multipart, with
// attachments in the field "files"), by the responsible department.
func (s *Server) svMeasureReport(w http.ResponseWriter, r *http.Request, v *visitor) error {
	before, err := s.svMeasureFor(r, v)
	if err != nil {
		return err
	}
	closeout := strings.HasSuffix(r.URL.Path, "/closeout")
	atts, err := s.svAttachments(r)
	if err != nil {
		return s.renderMeasure(w, r, v, http.StatusUnprocessableEntity, before, "", court.Message(err))
	}
	body := strings.TrimSpace(r.FormValue("body"))
	progress, _ := strconv.Atoi(r.FormValue("progress"))
	after, kind, done := before, supervision.ReportProgress, "进展已报送"
	if closeout {
		kind, done, progress = supervision.ReportRequest, "销号申请已提交责任领导审批", before.Progress
		err = after.RequestCloseout(svActor(v), body, len(atts))
	} else {
		err = before.CheckProgress(svActor(v), body, progress)
		after.Progress = progress
	}
	if err != nil {
		if court.KindOf(err) == court.Forbidden {
			return err
		}
		return s.renderMeasure(w, r, v, http.StatusUnprocessableEntity, before, "", court.Message(err))
	}
	milestone, _ := strconv.ParseInt(r.FormValue("milestone"), 10, 64)
	return s.svSaveReport(w, r, v, before, after, supervision.Report{Kind: kind, Body: body, Progress: progress, Milestone: milestone}, atts, done)
}

// svSaveReport stores a report with the measure's new state and shows the measure.
func (s *Server) svSaveReport(w http.ResponseWriter, r *http.Request, v *visitor, before, after supervision.Measure, rep supervision.Report,
	atts []supervision.Attachment, done string) error {
	db := s.mods.supervision.db
	notices, err := db.MeasureNotices(r.Context(), after, rep.Kind)
	if err != nil {
		return err
	}
	rep.UserID, rep.Login, rep.PersonID = v.User.ID, v.User.Login, v.User.PersonID
	rep.On, rep.At = s.svToday(), s.now().Format("2006-01-02T15:04:05Z")
	if _, err := db.MeasureReport(r.Context(), before, after, rep, atts, s.svAudit(r, v), notices); err != nil {
		if court.KindOf(err) == court.Invalid {
			return s.renderMeasure(w, r, v, http.StatusUnprocessableEntity, before, "", court.Message(err))
		}
		return err
	}
	saved, _, err := db.Measure(r.Context(), after.ID)
	if err != nil {
		return err
	}
	return s.renderMeasure(w, r, v, http.StatusOK, saved, done, "")
}

// svAttachments reads and checks the uploaded files of the field "files".
func (s *Server) svAttachments(r *http.Request) ([]supervision.Attachment, error) {
	if err := r.ParseMultipartForm(8 << 20); err != nil && err != http.ErrNotMultipart {
		return nil, court.Errorf(court.Invalid, "上传内容过大或格式有误：一次最多上传 %d MB", s.mods.supervision.svBodyLimit()>>20)
	}
	if r.MultipartForm == nil {
		return nil, nil
	}
	var atts []supervision.Attachment
	for _, fh := range r.MultipartForm.File["files"] {
		if fh.Size > s.mods.supervision.maxBytes {
			return nil, court.Errorf(court.Invalid, "附件“%s”大小 %.1f MB，超过上限 %.1f MB", supervision.SanitizeName(fh.Filename),
				float64(fh.Size)/(1<<20), float64(s.mods.supervision.maxBytes)/(1<<20))
		}
		f, err := fh.Open()
		if err != nil {
			return nil, err
		}
		data := make([]byte, fh.Size)
		_, err = io.ReadFull(f, data)
		f.Close()
		if err != nil {
			return nil, err
		}
		a, err := supervision.CheckAttachment(fh.Filename, data, s.mods.supervision.maxBytes)
		if err != nil {
			return nil, err
		}
		atts = append(atts, a)
	}
	return atts, nil
}

// svMeasureDecide answers POST /supervision/measures/{id}/decide (approve=1
// or 0, reason): the responsible leader's decision on a closing request.
func (s *Server) svMeasureDecide(w http.ResponseWriter, r *http.Request, v *visitor) error {
	before, err := s.svMeasureFor(r, v)
	if err != nil {
		return err
	}
	approve := r.FormValue("approve") == "1"
	reason := strings.TrimSpace(r.FormValue("reason"))
	after := before
	if err := after.Decide(svActor(v), approve, reason, s.svToday()); err != nil {
		if court.KindOf(err) == court.Forbidden {
			return err
		}
		return s.renderMeasure(w, r, v, http.StatusUnprocessableEntity, before, "", court.Message(err))
	}
	kind, done := supervision.ReportRejected, "销号申请已退回"
	if approve {
		kind, done = supervision.ReportApproved, "已批准销号"
	}
	return s.svSaveReport(w, r, v, before, after, supervision.Report{Kind: kind, Body: reason, Progress: after.Progress}, nil, done)
}

// svAttachment answers GET /supervision/attachments/{id}: the file, for
// those who may see its measure, as a download.
func (s *Server) svAttachment(w http.ResponseWriter, r *http.Request, v *visitor) error {
	id, err := svID(r)
	if err != nil {
		return err
	}
	a, data, measureID, err := s.mods.supervision.db.Attachment(r.Context(), id)
	if err != nil {
		return err
	}
	r.SetPathValue("id", strconv.FormatInt(measureID, 10))
	if _, err := s.svMeasureFor(r, v); err != nil {
		return err
	}
	w.Header().Set("Content-Type", a.ContentType)
	w.Header().Set("Content-Disposition", "attachment; filename*=UTF-8''"+url.PathEscape(a.Name))
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Content-Length", strconv.Itoa(len(data)))
	_, err = w.Write(data)
	return err
}
