package web

import (
	"context"
	"crypto/rand"
	"html/template"
	"net/http"
	"sort"
	"strconv"

	"github.com/zhixiao/zhixiao/internal/auth"
	"github.com/zhixiao/zhixiao/internal/court"
	"github.com/zhixiao/zhixiao/internal/petitions"
	"github.com/zhixiao/zhixiao/internal/store"
)

// This file is the 群众诉求 module of the web app (issue 8: citizens' requests
// and complaints). petitions_pages.go serves the staff's pages (the window's
// intake, a request, its actions), petitions_public.go the citizen's pages
// without an account (form, tracking, survey), petitions_setup.go what the
// court sets (checklists, calendar, deadlines), petitions_reports.go the
// petitionBulletinData, the reception days and the survey results.

// PetitionsStore is what the 群众诉求 pages need of the store; *store.DB implements it.
type PetitionsStore interface {
	CreatePetition(ctx context.Context, p *petitions.Petition, trackingHash, surveyHash string, e auth.AuditEntry) error
	ChangePetition(ctx context.Context, id int64, change func(p *petitions.Petition) (petitions.Event, error), e auth.AuditEntry) (petitions.Petition, error)
	Petition(ctx context.Context, id int64) (petitions.Petition, error)
	PetitionEvents(ctx context.Context, id int64) ([]petitions.Event, error)
	Petitions(ctx context.Context, q store.PetitionQuery) ([]petitions.Petition, error)
	PetitionByTracking(ctx context.Context, hash string) (petitions.Petition, []petitions.Event, error)

	PetitionCalendar(ctx context.Context) (petitions.Rules, *petitions.Calendar, error)
	HolidayCalendar(ctx context.Context) ([]petitions.CalendarDay, error)
	SaveCalendarDay(ctx context.Context, d petitions.CalendarDay, e auth.AuditEntry) error
	SavePetitionRules(ctx context.Context, r petitions.Rules, e auth.AuditEntry) error
	Checklists(ctx context.Context, courtID int64) ([]petitions.Checklist, bool, error)
	SaveChecklist(ctx context.Context, courtID int64, c petitions.Checklist, remove bool, e auth.AuditEntry) error

	PetitionBulletin(ctx context.Context, courtID int64, p court.Period) ([]petitions.BulletinRow, petitions.BulletinRow, error)

	AddReceptionDay(ctx context.Context, r store.ReceptionDay, e auth.AuditEntry) (int64, error)
	ReceptionDays(ctx context.Context, courtID int64, from court.Date) ([]store.ReceptionDay, error)
	BookReception(ctx context.Context, id int64, b store.ReceptionBooking, e auth.AuditEntry) (store.ReceptionDay, error)
	RecordReception(ctx context.Context, bookingID int64, record string, petitionID int64, e auth.AuditEntry) (store.ReceptionDay, error)
	ReceptionCourt(ctx context.Context, receptionID, bookingID int64) (int64, error)

	SurveyTargetByCode(ctx context.Context, hash string) (store.SurveyTarget, error)
	SubmitSurvey(ctx context.Context, t store.SurveyTarget, month string, a petitions.Answers, comment string, e auth.AuditEntry) error
	SurveyResults(ctx context.Context, courtID int64, from, to string) ([]store.SurveyRow, error)
}

// petitionsModule is the state of the 群众诉求 pages: the store, the key
// that signs the public forms and the public pages' rate limits.
type petitionsModule struct {
	db      PetitionsStore
	formKey []byte
	limits  *petitionLimiter
}

// init takes the module's store from the deps.
func (m *petitionsModule) init(d Deps) error {
	m.db = d.Petitions
	m.formKey = make([]byte, 32)
	if _, err := rand.Read(m.formKey); err != nil {
		return err
	}
	m.limits = newPetitionLimiter()
	return nil
}

// petitionsRoutes adds the module's routes under /petitions and /public.
func (s *Server) petitionsRoutes(mux *http.ServeMux) {
	if s.mods.petitions.db == nil {
		return
	}
	for _, rt := range []route{
		{"GET /petitions", s.petitionList},
		{"GET /petitions/new", s.petitionNew},
		{"POST /petitions", s.petitionCreate},
		{"GET /petitions/{id}", s.petitionShow},
		{"GET /petitions/{id}/notice", s.petitionNotice},
		{"GET /petitions/{id}/notice.docx", s.petitionNoticeDocx},
		{"POST /petitions/{id}/{action}", s.petitionAction},
		{"GET /petitions/setup", s.petitionSetup},
		{"POST /petitions/setup/checklist", s.petitionChecklistPost},
		{"POST /petitions/setup/calendar", s.petitionCalendarPost},
		{"POST /petitions/setup/rules", s.petitionRulesPost},
		{"GET /petitions/bulletin", s.petitionBulletin},
		{"GET /petitions/bulletin.xlsx", s.petitionBulletinXLSX},
		{"GET /petitions/reception", s.receptionPage},
		{"POST /petitions/reception", s.receptionAdd},
		{"POST /petitions/reception/{id}/book", s.receptionBook},
		{"POST /petitions/reception/bookings/{id}/record", s.receptionRecord},
		{"GET /petitions/surveys", s.petitionSurveyResults},
		{"GET /petitions/qr.png", s.petitionQR},
	} {
		mux.Handle(rt.pattern, s.member(rt.h))
	}
	mux.Handle("GET /public/petition", s.public(s.petitionPublicForm))
	mux.Handle("POST /public/petition", s.public(s.petitionPublicFile))
	mux.Handle("GET /public/track", s.public(s.petitionTrackForm))
	mux.Handle("POST /public/track", s.public(s.petitionTrack))
	mux.Handle("GET /public/survey", s.public(s.petitionSurveyForm))
	mux.Handle("POST /public/survey", s.public(s.petitionSurvey))
}

// ShowsPetitions reports whether the navigation shows 群众诉求: every account
// of a court takes requests at its window.
func (v *visitor) ShowsPetitions() bool { return v.User.CourtID != 0 }

// petitionViewer is the visitor as the access rules see it.
func petitionViewer(v *visitor) petitions.Viewer {
	return petitions.Viewer{UserID: v.User.ID, Role: v.User.Role, CourtID: v.User.CourtID, DepartmentID: v.User.DepartmentID, PersonID: v.User.PersonID}
}

// petitionActor is the visitor as the history records them.
func petitionActor(v *visitor) petitions.Actor {
	name := v.User.Login
	if v.User.Person != "" {
		name = v.User.Person + "（" + v.User.Login + "）"
	}
	return petitions.Actor{UserID: v.User.ID, Name: name, DeptID: v.User.DepartmentID, Dept: v.User.Department}
}

// petitionCourt returns the visitor's court, or Forbidden for an account
// without one.
func petitionCourt(v *visitor) (int64, error) {
	if v.User.CourtID == 0 {
		return 0, court.Errorf(court.Forbidden, "群众诉求按法院办理：您的账号未归属任何法院")
	}
	return v.User.CourtID, nil
}

// sets reports whether the visitor sets the module up for the court
// (checklists, calendar, deadlines, reception days): 院领导 and 审管办.
func setsPetitions(v *visitor) bool {
	return v.User.CourtID != 0 && (v.User.Role == auth.RolePresident || v.User.Role == auth.RoleTrialMgmt)
}

// petitionsPanels are the module's panels: on a court's or department's
// dashboard the requests open and late there, on a case page the requests
// about the case that the visitor may see.
func (s *Server) petitionsPanels(ctx context.Context, v *visitor, at panelPlace) ([]panel, error) {
	db := s.mods.petitions.db
	if db == nil || v.User.CourtID == 0 {
		return nil, nil
	}
	q := store.PetitionQuery{CourtID: v.User.CourtID, Open: at.Case == nil, Limit: 2000, Staff: true}
	if at.Case != nil {
		q.CaseNo = at.Case.No
	}
	ps, err := db.Petitions(ctx, q)
	if err != nil {
		return nil, err
	}
	rules, cal, err := db.PetitionCalendar(ctx)
	if err != nil {
		return nil, err
	}
	var rows []petitionRow
	for i := range ps {
		p := &ps[i]
		if !petitions.AccessOf(petitionViewer(v), p).See || !petitionPanelHolds(at, p) {
			continue
		}
		rows = append(rows, s.petitionRow(v, p, rules, cal))
	}
	if len(rows) == 0 && at.Case != nil {
		return nil, nil
	}
	// The late ones first, then the newest; a dashboard shows the first 5
	// (the whole list is one click away), a case page the first 20.
	sort.SliceStable(rows, func(i, j int) bool { return rows[i].Late != "" && rows[j].Late == "" })
	pp := petitionPanel{Rows: rows, Case: at.Case != nil, Total: len(rows)}
	for _, r := range rows {
		if r.Late != "" {
			pp.Late++
		}
	}
	if n := petitionPanelRows(at); len(pp.Rows) > n {
		pp.Rows = pp.Rows[:n]
	}
	body, err := s.renderPart("petitions_list", "petitions-panel", pp)
	if err != nil {
		return nil, err
	}
	return []panel{{ID: "panel-petitions", Title: "群众诉求", Body: body}}, nil
}

// petitionPanelRows is how many requests the panel lists at a place.
func petitionPanelRows(at panelPlace) int {
	if at.Case != nil {
		return 20
	}
	return 5
}

// petitionPanelHolds reports whether a request belongs on the panel's page.
func petitionPanelHolds(at panelPlace, p *petitions.Petition) bool {
	switch {
	case at.Case != nil:
		return p.CaseNo != "" && p.CaseNo == at.Case.No
	case at.Unit == nil:
		return false
	case at.Unit.Kind == kindCourt:
		return at.Unit.ID == p.CourtID
	case at.Unit.Kind == kindDepartment:
		return at.Unit.ID == p.DeptID
	case at.Unit.Kind == kindJudge:
		for _, st := range p.Staff {
			if st.PersonID == at.Unit.ID {
				return true
			}
		}
	}
	return false
}

// petitionPanel is the data of the panel.
type petitionPanel struct {
	Rows        []petitionRow // the first 5 on a dashboard, 20 on a case page
	Case        bool
	Total, Late int
}

// petitionsFuncs are the module's template functions.
func petitionsFuncs() template.FuncMap {
	return template.FuncMap{
		"petitionsRate": func(r petitions.BulletinRow) string {
			if x := r.OnTimeRate(); x >= 0 {
				return strconv.FormatFloat(x*100, 'f', 1, 64) + "%"
			}
			return "—"
		},
		"petitionsScale": func() []int { return []int{1, 2, 3, 4, 5, 0} },
		"petitionsRow": func(r petitions.BulletinRow, types []petitions.Type) petitionBulletinLine {
			return petitionBulletinLine{Row: r, Types: types}
		},
		"petitionsScore": func(x float64, n int) string {
			if n == 0 {
				return "—"
			}
			return strconv.FormatFloat(x, 'f', 1, 64)
		},
	}
}

// petitionBulletinLine is one row of the bulletin with the types to count.
type petitionBulletinLine struct {
	Row   petitions.BulletinRow
	Types []petitions.Type
}

// petitionDay is today in China by the server's clock: the day of what
// happens at the desk (received, acknowledged, answered, closed).
func (s *Server) petitionDay() court.Date {
	t := s.cfg.Now().In(shanghai)
	return court.DateOf(t.Year(), t.Month(), t.Day())
}

// petitionToday is the day the module measures deadlines from
// (petitions.Today): the clock's, or the data's latest day when the data is
// old (the demo).
func (s *Server) petitionToday() court.Date {
	return petitions.Today(s.petitionDay(), court.Date(s.asOf.Load()))
}

// petitionFormLimit bounds the body of every form of the module.
const petitionFormLimit = 64 << 10

// petitionParseForm reads a form of at most petitionFormLimit bytes.
func petitionParseForm(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, petitionFormLimit)
	if err := r.ParseForm(); err != nil {
		return court.Errorf(court.Invalid, "表单过大或格式有误（最多 %d KB）", petitionFormLimit>>10)
	}
	return nil
}

// petitionAudit is an audit entry of the visitor at the request's address.
func (s *Server) petitionAudit(v *visitor, r *http.Request) auth.AuditEntry {
	return auth.AuditEntry{At: s.now(), ActorID: v.User.ID, Actor: v.User.Login, IP: s.clientIP(r)}
}
