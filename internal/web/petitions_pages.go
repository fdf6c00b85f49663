package web

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/zhixiao/zhixiao/internal/auth"
	"github.com/zhixiao/zhixiao/internal/court"
	"github.com/zhixiao/zhixiao/internal/petitions"
	"github.com/zhixiao/zhixiao/internal/store"
)

// petitionRow is a request as a list shows it to a visitor: masked unless
// the visitor handles it.
type petitionRow struct {
	P        petitions.Petition
	Access   petitions.Access
	Due      petitions.Deadlines
	Late     string // the step that is late, "" when none
	Mine     bool
	Queue    bool // it waits in a queue the visitor may take it from
	Owner    string
	Reported bool
}

// petitionRow shapes p for v: the citizen masked unless v may see them.
func (s *Server) petitionRow(v *visitor, p *petitions.Petition, r petitions.Rules, cal *petitions.Calendar) petitionRow {
	acc := petitions.AccessOf(petitionViewer(v), p)
	row := petitionRow{P: *p, Access: acc, Due: r.DeadlinesOf(cal, p.ReceivedOn), Owner: p.OwnerLabel(), Mine: p.OwnerID == v.User.ID}
	row.Late, _ = r.Overdue(cal, p, s.petitionToday())
	row.Queue = acc.Act && p.OwnerID == 0 && p.Status != petitions.StatusClosed
	if !acc.Personal {
		row.P.Citizen = p.Citizen.Masked()
	}
	return row
}

// matches reports whether the row shows s in its number, subject, case
// number, or the citizen's name or phone as the visitor sees them (a masked
// phone is not searched, so that searching does not reveal it).
func (row petitionRow) matches(s string) bool {
	fields := []string{row.P.No, row.P.Subject, row.P.CaseNo}
	if row.Access.Personal {
		fields = append(fields, row.P.Citizen.Name, row.P.Citizen.Phone)
	}
	for _, f := range fields {
		if strings.Contains(f, s) {
			return true
		}
	}
	return false
}

// petitionListPage is the data of the list of requests.
type petitionListPage struct {
	Rows   []petitionRow
	Filter string
	Search string // 编号, 事由, 案号, or the citizen's name or phone (as the visitor may see them)
	Counts map[string]int
	Sets   bool
	Report bool // the visitor is 纪检监察
	// Bulletin and CourtWide say which report links the visitor may follow
	// (月通报: the court-wide roles and 庭长; 接待日 and 满意度: court-wide).
	Bulletin, CourtWide bool
}

// petitionList is GET /petitions: the requests the visitor may see, with
// filters 我负责的, 待认领, 超期, 未办结, 全部.
func (s *Server) petitionList(w http.ResponseWriter, r *http.Request, v *visitor) error {
	courtID, err := petitionCourt(v)
	if err != nil {
		return err
	}
	db := s.mods.petitions.db
	ps, err := db.Petitions(r.Context(), store.PetitionQuery{CourtID: courtID, Limit: 5000, Staff: true})
	if err != nil {
		return err
	}
	rules, cal, err := db.PetitionCalendar(r.Context())
	if err != nil {
		return err
	}
	f := r.URL.Query().Get("f")
	search := strings.TrimSpace(r.URL.Query().Get("q"))
	if petitions.Limit("查找", search, 60) != nil {
		search = ""
	}
	page := petitionListPage{Filter: f, Search: search, Counts: map[string]int{}, Sets: setsPetitions(v), Report: v.User.Role == auth.RoleDiscipline,
		Bulletin: v.User.Role.CourtWide() || v.User.Role == auth.RoleChief, CourtWide: v.User.Role.CourtWide()}
	for i := range ps {
		if !petitions.AccessOf(petitionViewer(v), &ps[i]).See {
			continue
		}
		row := s.petitionRow(v, &ps[i], rules, cal)
		if search != "" && !row.matches(search) {
			continue
		}
		open := row.P.Status != petitions.StatusClosed
		escalated := open && row.P.Escalation >= petitions.LevelChief
		for k, in := range map[string]bool{"mine": row.Mine && open, "queue": row.Queue, "late": row.Late != "", "escalated": escalated, "open": open, "all": true} {
			if in {
				page.Counts[k]++
			}
			if in && (k == f || f == "" && k == "open") && len(page.Rows) < 500 {
				page.Rows = append(page.Rows, row)
			}
		}
	}
	if page.Filter == "" {
		page.Filter = "open"
	}
	flash := r.URL.Query().Get("done")
	if petitions.Limit("", flash, 100) != nil {
		flash = ""
	}
	return s.render(w, http.StatusOK, "petitions_list", view{Title: "群众诉求", Nav: "petitions", Visitor: v, CSRF: v.Session.CSRF, Flash: flash, Data: page})
}

// petitionNewPage is the data of the intake form.
type petitionNewPage struct {
	Form       petitions.Petition
	Staff      string
	Channels   []petitions.Channel
	Types      []petitions.Type
	Checklists []petitions.Checklist
}

func (s *Server) renderPetitionNew(w http.ResponseWriter, r *http.Request, v *visitor, status int, p petitionNewPage, msg string) error {
	cs, _, err := s.mods.petitions.db.Checklists(r.Context(), v.User.CourtID)
	if err != nil {
		return err
	}
	p.Channels, p.Types, p.Checklists = petitions.Channels(), petitions.Types(), cs
	return s.render(w, status, "petitions_new", view{Title: "登记群众诉求", Nav: "petitions", Visitor: v, CSRF: v.Session.CSRF, Error: msg, Data: p})
}

// petitionNew is GET /petitions/new: the window's intake form, blank or
// filled from the query (channel, type, subject, name, phone, case_no), as
// the reception days' "登记为诉求" link fills it.
func (s *Server) petitionNew(w http.ResponseWriter, r *http.Request, v *visitor) error {
	if _, err := petitionCourt(v); err != nil {
		return err
	}
	q := r.URL.Query()
	f := petitions.Petition{Channel: petitions.Channel(q.Get("channel")), Type: petitions.Type(q.Get("type")), Subject: q.Get("subject"), CaseNo: q.Get("case_no"),
		Citizen: petitions.Citizen{Name: q.Get("name"), Phone: q.Get("phone")}}
	if !slices.Contains(petitions.Channels(), f.Channel) {
		f.Channel = petitions.ChannelWindow
	}
	if !slices.Contains(petitions.Types(), f.Type) {
		f.Type = petitions.TypeInquiry
	}
	return s.renderPetitionNew(w, r, v, http.StatusOK, petitionNewPage{Form: f}, "")
}

// petitionCreatedPage is the answer to an intake: the receipt with the tracking
// code (shown this once) and the one-time notice, ready to print.
type petitionCreatedPage struct {
	P         petitions.Petition
	Code      string
	Checklist *petitions.Checklist
	Due       petitions.Deadlines
	Reported  bool // a report recorded by someone outside 纪检监察: handed on at once
}

// petitionCreate is POST /petitions: a request taken at the window (or on
// the phone, from a letter ...). The visitor becomes its first-contact
// owner; a report goes to 纪检监察 at once.
func (s *Server) petitionCreate(w http.ResponseWriter, r *http.Request, v *visitor) error {
	courtID, err := petitionCourt(v)
	if err != nil {
		return err
	}
	if err := petitionParseForm(w, r); err != nil {
		return err
	}
	f := r.PostFormValue
	p := petitions.Petition{CourtID: courtID, Channel: petitions.Channel(f("channel")), Type: petitions.Type(f("type")), Matter: f("matter"),
		Subject: f("subject"), Content: f("content"), CaseNo: f("case_no"),
		Citizen: petitions.Citizen{Name: f("name"), Phone: f("phone"), IDNo: strings.ToUpper(f("id_no")), Address: f("address")}}
	page := petitionNewPage{Form: p, Staff: f("staff")}
	if err := p.Check(); err != nil {
		return s.renderPetitionNew(w, r, v, http.StatusBadRequest, page, court.Message(err))
	}
	o, err := s.data.Org(r.Context())
	if err != nil {
		return err
	}
	if p.Staff, err = resolveStaff(o, courtID, f("staff")); err != nil {
		return s.renderPetitionNew(w, r, v, http.StatusBadRequest, page, court.Message(err))
	}
	a := petitionActor(v)
	now := s.now()
	p.ReceivedAt, p.ReceivedOn, p.CreatedBy = now, s.petitionDay(), v.User.ID
	reported := p.Type == petitions.TypeReport && v.User.Role != auth.RoleDiscipline
	if !reported {
		p.OwnerID, p.Owner, p.DeptID, p.Dept, p.AckOn = a.UserID, a.Name, a.DeptID, a.Dept, p.ReceivedOn
	}
	code := petitions.NewCode()
	if err := s.mods.petitions.db.CreatePetition(r.Context(), &p, petitions.HashCode(code), petitions.HashSurveyCode(code), s.petitionAudit(v, r)); err != nil {
		return err
	}
	page2 := petitionCreatedPage{P: p, Code: code, Reported: reported}
	rules, cal, err := s.mods.petitions.db.PetitionCalendar(r.Context())
	if err != nil {
		return err
	}
	page2.Due = rules.DeadlinesOf(cal, p.ReceivedOn)
	if page2.Checklist, err = s.petitionChecklist(r, courtID, p.Matter); err != nil {
		return err
	}
	if reported {
		page2.P.Subject, page2.P.Content, page2.P.Citizen = "（举报内容已转纪检监察）", "", petitions.Citizen{}
	}
	return s.render(w, http.StatusOK, "petitions_created", view{Title: "诉求已登记 " + p.No, Nav: "petitions", Visitor: v, CSRF: v.Session.CSRF, Data: page2})
}

// petitionChecklist returns the court's petitionChecklist of matter, nil for none.
func (s *Server) petitionChecklist(r *http.Request, courtID int64, matter string) (*petitions.Checklist, error) {
	cs, _, err := s.mods.petitions.db.Checklists(r.Context(), courtID)
	if err != nil {
		return nil, err
	}
	for i := range cs {
		if cs[i].Matter == matter {
			return &cs[i], nil
		}
	}
	return nil, nil
}

// resolveStaff reads the staff a request concerns: names or 工号 of the
// court's people, separated by 、，, or spaces. A name that fits nobody or
// several people is an error that names it.
func resolveStaff(o store.Org, courtID int64, text string) ([]petitions.Staff, error) {
	var out []petitions.Staff
	for _, w := range strings.FieldsFunc(text, func(r rune) bool { return strings.ContainsRune("、，,;； \t\n", r) }) {
		var hits []store.OrgPerson
		for _, p := range o.People {
			if p.Court == courtID && (p.Name == w || p.StaffNo == w) {
				hits = append(hits, p)
			}
		}
		switch {
		case len(hits) == 0:
			return nil, court.Errorf(court.Invalid, "“涉及干警”中的“%s”不是本院人员的姓名或工号", w)
		case len(hits) > 1:
			return nil, court.Errorf(court.Invalid, "“涉及干警”中的“%s”有 %d 人同名，请改填工号", w, len(hits))
		}
		if !slices.ContainsFunc(out, func(s petitions.Staff) bool { return s.PersonID == hits[0].ID }) {
			out = append(out, petitions.Staff{PersonID: hits[0].ID, Name: hits[0].Name})
		}
	}
	return out, nil
}

// petitionShowPage is the data of a request's page.
type petitionShowPage struct {
	Row      petitionRow
	Events   []petitions.Event
	Targets  []petitionTargetOpt
	Findings []petitions.Finding
	Checked  bool // the petitionChecklist of its matter exists
}

// petitionTargetOpt is a department's queue or an account a request may go to.
type petitionTargetOpt struct {
	Value, Label string
}

// loadPetition reads request id and checks that v may see it. Every
// reading of a report (举报) is written to the audit log.
func (s *Server) loadPetition(r *http.Request, v *visitor) (petitions.Petition, petitions.Access, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return petitions.Petition{}, petitions.Access{}, err
	}
	p, err := s.mods.petitions.db.Petition(r.Context(), id)
	if err != nil {
		return p, petitions.Access{}, err
	}
	acc := petitions.AccessOf(petitionViewer(v), &p)
	if !acc.See {
		return p, acc, court.Errorf(court.Forbidden, "您无权查看该诉求")
	}
	if p.Type == petitions.TypeReport {
		e := s.petitionAudit(v, r)
		e.Action, e.Object = auth.ActionReportView, "群众诉求 "+p.No+" "+r.URL.Path
		if err := s.accounts.AppendAudit(r.Context(), e); err != nil {
			return p, acc, err
		}
	}
	return p, acc, nil
}

// petitionShow is GET /petitions/{id}.
func (s *Server) petitionShow(w http.ResponseWriter, r *http.Request, v *visitor) error {
	p, acc, err := s.loadPetition(r, v)
	if err != nil {
		return err
	}
	return s.renderPetitionShow(w, r, v, &p, acc, http.StatusOK, "", "")
}

func (s *Server) renderPetitionShow(w http.ResponseWriter, r *http.Request, v *visitor, p *petitions.Petition, acc petitions.Access, status int, flash, msg string) error {
	db := s.mods.petitions.db
	rules, cal, err := db.PetitionCalendar(r.Context())
	if err != nil {
		return err
	}
	page := petitionShowPage{Row: s.petitionRow(v, p, rules, cal), Findings: petitions.Findings()}
	if page.Events, err = db.PetitionEvents(r.Context(), p.ID); err != nil {
		return err
	}
	if acc.Act {
		if page.Targets, err = s.petitionTargets(r, v, p); err != nil {
			return err
		}
	}
	c, err := s.petitionChecklist(r, p.CourtID, p.Matter)
	page.Checked = c != nil
	if err != nil {
		return err
	}
	return s.render(w, status, "petitions_show", view{Title: "群众诉求 " + p.No, Nav: "petitions", Visitor: v, CSRF: v.Session.CSRF, Flash: flash, Error: msg, Data: page})
}

// petitionTargets are where p may go: for a report the accounts of 纪检监察
// and their queue; otherwise each department's queue and each account of
// the court with a department.
func (s *Server) petitionTargets(r *http.Request, v *visitor, p *petitions.Petition) ([]petitionTargetOpt, error) {
	users, err := s.accounts.Users(r.Context())
	if err != nil {
		return nil, err
	}
	var out []petitionTargetOpt
	if p.Type == petitions.TypeReport {
		out = append(out, petitionTargetOpt{"d0", "纪检监察（待认领）"})
		for _, u := range users {
			if u.CourtID == p.CourtID && u.Role == auth.RoleDiscipline && !u.Disabled {
				out = append(out, petitionTargetOpt{"u" + strconv.FormatInt(u.ID, 10), "纪检监察 · " + petitionUserLabel(u)})
			}
		}
		return out, nil
	}
	o, err := s.data.Org(r.Context())
	if err != nil {
		return nil, err
	}
	for _, d := range o.Departments {
		if d.Court == p.CourtID {
			out = append(out, petitionTargetOpt{"d" + strconv.FormatInt(d.ID, 10), d.Name + "（部门待认领）"})
		}
	}
	for _, u := range users {
		if u.CourtID == p.CourtID && u.DepartmentID != 0 && !u.Disabled && u.ID != p.OwnerID {
			out = append(out, petitionTargetOpt{"u" + strconv.FormatInt(u.ID, 10), u.Department + " · " + petitionUserLabel(u) + " · " + u.Role.String()})
		}
	}
	return out, nil
}

func petitionUserLabel(u auth.User) string {
	if u.Person != "" {
		return u.Person + "（" + u.Login + "）"
	}
	return u.Login
}

// petitionTarget reads a hand-over target (d<department id> or u<account id>).
func (s *Server) petitionTarget(r *http.Request, v *visitor, p *petitions.Petition) (petitions.Target, error) {
	ts, err := s.petitionTargets(r, v, p)
	if err != nil {
		return petitions.Target{}, err
	}
	val := r.PostFormValue("to")
	if !slices.ContainsFunc(ts, func(t petitionTargetOpt) bool { return t.Value == val }) {
		return petitions.Target{}, court.Errorf(court.Invalid, "请选择移交的部门或承办人")
	}
	id, _ := strconv.ParseInt(val[1:], 10, 64)
	if val[0] == 'u' {
		u, err := s.accounts.UserByID(r.Context(), id)
		if err != nil {
			return petitions.Target{}, err
		}
		return petitions.Target{UserID: u.ID, Name: petitionUserLabel(u), DeptID: u.DepartmentID, Dept: u.Department}, nil
	}
	if id == 0 {
		return petitions.Target{Dept: "纪检监察"}, nil
	}
	o, err := s.data.Org(r.Context())
	if err != nil {
		return petitions.Target{}, err
	}
	for _, d := range o.Departments {
		if d.ID == id {
			return petitions.Target{DeptID: d.ID, Dept: d.Name}, nil
		}
	}
	return petitions.Target{}, court.Errorf(court.Invalid, "部门不存在")
}

// petitionAction is POST /petitions/{id}/{action}: ack, take, handover,
// answer, close or note, by someone who handles the request.
func (s *Server) petitionAction(w http.ResponseWriter, r *http.Request, v *visitor) error {
	if err := petitionParseForm(w, r); err != nil {
		return err
	}
	p, acc, err := s.loadPetition(r, v)
	if err != nil {
		return err
	}
	if !acc.Act {
		return court.Errorf(court.Forbidden, "您不是该诉求的承办人，不能办理")
	}
	a, now, today := petitionActor(v), s.now(), s.petitionDay()
	var target petitions.Target
	action := r.PathValue("action")
	if action == "handover" {
		if target, err = s.petitionTarget(r, v, &p); err != nil {
			return s.renderPetitionShow(w, r, v, &p, acc, http.StatusBadRequest, "", court.Message(err))
		}
	}
	change := func(p *petitions.Petition) (petitions.Event, error) {
		switch action {
		case "ack":
			return petitions.Ack(p, a, now, today)
		case "take":
			return petitions.Take(p, a, now)
		case "handover":
			return petitions.Handover(p, a, target, r.PostFormValue("reason"), now)
		case "answer":
			return petitions.Answer(p, a, r.PostFormValue("answer"), now, today)
		case "close":
			return petitions.Close(p, a, r.PostFormValue("result"), petitions.Finding(r.PostFormValue("finding")), now, today)
		case "note":
			return petitions.Note(p, a, r.PostFormValue("note"), now)
		}
		return petitions.Event{}, court.Errorf(court.NotFound, "未知操作“%s”", action)
	}
	q, err := s.mods.petitions.db.ChangePetition(r.Context(), p.ID, change, s.petitionAudit(v, r))
	if k := court.KindOf(err); k == court.Invalid || k == court.Conflict {
		status, _ := statusOf(err)
		return s.renderPetitionShow(w, r, v, &p, acc, status, "", court.Message(err))
	}
	if err != nil {
		return err
	}
	if !petitions.AccessOf(petitionViewer(v), &q).See {
		return s.petitionListFlash(w, r, v, "诉求 "+q.No+" 已移交 "+q.OwnerLabel()+"。")
	}
	http.Redirect(w, r, "/petitions/"+strconv.FormatInt(q.ID, 10), http.StatusSeeOther)
	return nil
}

// petitionListFlash sends the visitor to the list after a request left their hands.
func (s *Server) petitionListFlash(w http.ResponseWriter, r *http.Request, v *visitor, msg string) error {
	http.Redirect(w, r, "/petitions?done="+url.QueryEscape(msg), http.StatusSeeOther)
	return nil
}

// petitionNoticePage is the data of the printable one-time notice.
type petitionNoticePage struct {
	P         petitions.Petition
	Checklist *petitions.Checklist
	Due       petitions.Deadlines
	Code      string
}

// petitionNotice is GET /petitions/{id}/notice: the one-time notice again,
// for printing (the tracking code is not shown again: it is not stored).
func (s *Server) petitionNotice(w http.ResponseWriter, r *http.Request, v *visitor) error {
	page, err := s.petitionNoticeData(r, v)
	if err != nil {
		return err
	}
	return s.render(w, http.StatusOK, "petitions_notice", view{Title: "一次性告知书 " + page.P.No, Nav: "petitions", Visitor: v, CSRF: v.Session.CSRF, Data: page})
}

// petitionNoticeData is the receipt and notice of the request of the path,
// the citizen masked unless v may see them.
func (s *Server) petitionNoticeData(r *http.Request, v *visitor) (petitionNoticePage, error) {
	p, acc, err := s.loadPetition(r, v)
	if err != nil {
		return petitionNoticePage{}, err
	}
	if !acc.Personal {
		p.Citizen = p.Citizen.Masked()
	}
	page := petitionNoticePage{P: p}
	if page.Checklist, err = s.petitionChecklist(r, p.CourtID, p.Matter); err != nil {
		return page, err
	}
	rules, cal, err := s.mods.petitions.db.PetitionCalendar(r.Context())
	if err != nil {
		return page, err
	}
	page.Due = rules.DeadlinesOf(cal, p.ReceivedOn)
	return page, nil
}
