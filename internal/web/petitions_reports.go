package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/zhixiao/zhixiao/internal/auth"
	"github.com/zhixiao/zhixiao/internal/court"
	"github.com/zhixiao/zhixiao/internal/petitions"
	"github.com/zhixiao/zhixiao/internal/store"
)

// petitionBulletinPage is the data of the monthly petitionBulletinData (月通报).
type petitionBulletinPage struct {
	Month  string
	Period court.Period
	Rows   []petitions.BulletinRow
	Total  petitions.BulletinRow
	Types  []petitions.Type
	Rules  petitions.Rules
}

// petitionMonth reads ?month=YYYY-MM (this month by default).
func (s *Server) petitionMonth(r *http.Request) (string, court.Period, error) {
	m := r.URL.Query().Get("month")
	if m == "" {
		m = s.petitionToday().Time().Format("2006-01")
	}
	t, err := time.Parse("2006-01", m)
	if err != nil {
		return m, court.Period{}, court.Errorf(court.Invalid, "月份“%s”无法识别，应为 YYYY-MM", m)
	}
	from := court.DateOf(t.Year(), t.Month(), 1)
	return m, court.Period{From: from, To: court.DateOf(t.Year(), t.Month()+1, 1) - 1}, nil
}

// petitionBulletinData computes the petitionBulletinData the visitor may see: the whole court for
// the roles that see it, the own department's row and the total for a 庭长.
func (s *Server) petitionBulletinData(r *http.Request, v *visitor) (petitionBulletinPage, error) {
	courtID, err := petitionCourt(v)
	if err != nil {
		return petitionBulletinPage{}, err
	}
	if !v.User.Role.CourtWide() && v.User.Role != auth.RoleChief {
		return petitionBulletinPage{}, court.Errorf(court.Forbidden, "月通报供院领导、审管办、政治部、纪检监察和庭长查看")
	}
	page := petitionBulletinPage{Types: petitions.Types()}
	if page.Month, page.Period, err = s.petitionMonth(r); err != nil {
		return page, err
	}
	if page.Rows, page.Total, err = s.mods.petitions.db.PetitionBulletin(r.Context(), courtID, page.Period); err != nil {
		return page, err
	}
	if page.Rules, _, err = s.mods.petitions.db.PetitionCalendar(r.Context()); err != nil {
		return page, err
	}
	if v.User.Role == auth.RoleChief {
		var own []petitions.BulletinRow
		for _, row := range page.Rows {
			if row.DeptID == v.User.DepartmentID {
				own = append(own, row)
			}
		}
		page.Rows = own
	}
	return page, nil
}

// petitionBulletin is GET /petitions/bulletin?month=YYYY-MM.
func (s *Server) petitionBulletin(w http.ResponseWriter, r *http.Request, v *visitor) error {
	page, err := s.petitionBulletinData(r, v)
	if err != nil {
		return err
	}
	return s.render(w, http.StatusOK, "petitions_bulletin", view{Title: "群众诉求月通报 " + page.Month, Nav: "petitions", Visitor: v, CSRF: v.Session.CSRF, Data: page})
}

// petitionBulletinXLSX is GET /petitions/bulletin.xlsx?month=YYYY-MM.
func (s *Server) petitionBulletinXLSX(w http.ResponseWriter, r *http.Request, v *visitor) error {
	page, err := s.petitionBulletinData(r, v)
	if err != nil {
		return err
	}
	f, err := petitionWorkbook(page)
	if err != nil {
		return err
	}
	defer f.Close()
	name := "群众诉求月通报-" + page.Month + ".xlsx"
	w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	w.Header().Set("Content-Disposition", "attachment; filename*=UTF-8''"+url.PathEscape(name))
	return f.Write(w)
}

// petitionBulletinHeader is the header row of the petitionBulletinData's sheet, before the types.
var petitionBulletinHeader = []string{"部门", "收到", "办结", "应反馈", "按期反馈", "按期反馈率", "超期未办结", "投诉查实"}

// petitionWorkbook writes the petitionBulletinData as a workbook of one sheet.
func petitionWorkbook(page petitionBulletinPage) (*excelize.File, error) {
	f := excelize.NewFile()
	sheet := "诉求月通报"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return nil, err
	}
	title := fmt.Sprintf("群众诉求月通报（%s，%s）", page.Month, page.Period)
	if err := f.SetCellValue(sheet, "A1", title); err != nil {
		return nil, err
	}
	header := append([]any{}, petitionCells(petitionBulletinHeader)...)
	for _, t := range page.Types {
		header = append(header, "其中"+string(t))
	}
	if err := f.SetSheetRow(sheet, "A2", &header); err != nil {
		return nil, err
	}
	for i, row := range append(page.Rows, page.Total) {
		rate := any("")
		if x := row.OnTimeRate(); x >= 0 {
			rate = x
		}
		cells := []any{row.Dept, row.Received, row.Closed, row.FeedbackDue, row.FeedbackOnTime, rate, row.Overdue, row.Substantiated}
		for _, t := range page.Types {
			cells = append(cells, row.ByType[t])
		}
		if err := f.SetSheetRow(sheet, "A"+strconv.Itoa(i+3), &cells); err != nil {
			return nil, err
		}
	}
	pct, err := f.NewStyle(&excelize.Style{NumFmt: 10})
	if err != nil {
		return nil, err
	}
	last := strconv.Itoa(len(page.Rows) + 3)
	if err := f.SetCellStyle(sheet, "F3", "F"+last, pct); err != nil {
		return nil, err
	}
	return f, f.SetColWidth(sheet, "A", "A", 18)
}

func petitionCells(xs []string) []any {
	out := make([]any, len(xs))
	for i, x := range xs {
		out[i] = x
	}
	return out
}

// receptionView is the data of the 院长接待日 page.
type receptionView struct {
	Days     []store.ReceptionDay
	Edit     bool // 院领导 and 审管办 arrange days and book
	Personal bool // the citizen's data is shown unmasked
	Today    court.Date
}

// petitionSeesReceptions reports whether the visitor sees the reception days: the
// roles that see the whole court.
func petitionSeesReceptions(v *visitor) error {
	if v.User.CourtID == 0 || !v.User.Role.CourtWide() {
		return court.Errorf(court.Forbidden, "院长接待日由院领导、审管办安排，仅全院范围的角色可以查看")
	}
	return nil
}

// receptionPage is GET /petitions/reception: the days from a month ago on.
func (s *Server) receptionPage(w http.ResponseWriter, r *http.Request, v *visitor) error {
	return s.renderReception(w, r, v, http.StatusOK, "")
}

func (s *Server) renderReception(w http.ResponseWriter, r *http.Request, v *visitor, status int, msg string) error {
	if err := petitionSeesReceptions(v); err != nil {
		return err
	}
	page := receptionView{Edit: setsPetitions(v), Today: s.petitionToday()}
	page.Personal = page.Edit || v.User.Role == auth.RoleDiscipline
	days, err := s.mods.petitions.db.ReceptionDays(r.Context(), v.User.CourtID, page.Today-31)
	if err != nil {
		return err
	}
	if !page.Personal {
		for i := range days {
			for j := range days[i].Bookings {
				days[i].Bookings[j].Citizen = days[i].Bookings[j].Citizen.Masked()
			}
		}
	}
	page.Days = days
	return s.render(w, status, "petitions_reception", view{Title: "院长接待日", Nav: "petitions", Visitor: v, CSRF: v.Session.CSRF, Error: msg, Data: page})
}

// receptionChange runs a change of the reception days for 院领导 and 审管办
// of the court that holds them.
func (s *Server) receptionChange(w http.ResponseWriter, r *http.Request, v *visitor, courtOf func() (int64, error), change func() error) error {
	if !setsPetitions(v) {
		return court.Errorf(court.Forbidden, "仅院领导和审管办可以安排院长接待日")
	}
	if err := petitionParseForm(w, r); err != nil {
		return err
	}
	if courtOf != nil {
		c, err := courtOf()
		if err != nil {
			return err
		}
		if c != v.User.CourtID {
			return court.Errorf(court.Forbidden, "该接待日不属于本院")
		}
	}
	err := change()
	if k := court.KindOf(err); k == court.Invalid || k == court.Conflict {
		status, _ := statusOf(err)
		return s.renderReception(w, r, v, status, court.Message(err))
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, "/petitions/reception", http.StatusSeeOther)
	return nil
}

// receptionAdd is POST /petitions/reception: a leader's reception day.
func (s *Server) receptionAdd(w http.ResponseWriter, r *http.Request, v *visitor) error {
	return s.receptionChange(w, r, v, nil, func() error {
		d, err := court.ParseISODate(r.PostFormValue("day"))
		if err != nil {
			return court.Errorf(court.Invalid, "“接待日期”%s", court.Message(err))
		}
		slots, err := strconv.Atoi(r.PostFormValue("slots"))
		if err != nil {
			return court.Errorf(court.Invalid, "“名额”应为整数")
		}
		_, err = s.mods.petitions.db.AddReceptionDay(r.Context(), store.ReceptionDay{CourtID: v.User.CourtID, Day: d,
			Leader: strings.TrimSpace(r.PostFormValue("leader")), Place: strings.TrimSpace(r.PostFormValue("place")), Slots: slots}, s.petitionAudit(v, r))
		return err
	})
}

// receptionBook is POST /petitions/reception/{id}/book.
func (s *Server) receptionBook(w http.ResponseWriter, r *http.Request, v *visitor) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	return s.receptionChange(w, r, v, func() (int64, error) { return s.mods.petitions.db.ReceptionCourt(r.Context(), id, 0) }, func() error {
		f := r.PostFormValue
		_, err := s.mods.petitions.db.BookReception(r.Context(), id, store.ReceptionBooking{Citizen: petitions.Citizen{Name: strings.TrimSpace(f("name")),
			Phone: strings.TrimSpace(f("phone"))}, Topic: strings.TrimSpace(f("topic")), CaseNo: strings.TrimSpace(f("case_no"))}, s.petitionAudit(v, r))
		return err
	})
}

// receptionRecord is POST /petitions/reception/bookings/{id}/record: the
// record of a reception held, optionally with the request it opened.
func (s *Server) receptionRecord(w http.ResponseWriter, r *http.Request, v *visitor) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	return s.receptionChange(w, r, v, func() (int64, error) { return s.mods.petitions.db.ReceptionCourt(r.Context(), 0, id) }, func() error {
		_, err := s.mods.petitions.db.RecordReception(r.Context(), id, r.PostFormValue("record"), 0, s.petitionAudit(v, r))
		return err
	})
}

// petitionSurveysPage is the data of the survey results.
type petitionSurveysPage struct {
	From, To string
	Rows     []store.SurveyRow
	Items    []petitions.SurveyItem
	CourtID  int64
}

// petitionSurveyResults is GET /petitions/surveys?from=YYYY-MM&to=YYYY-MM: the
// CourTools access and fairness scores per department and month.
func (s *Server) petitionSurveyResults(w http.ResponseWriter, r *http.Request, v *visitor) error {
	if v.User.CourtID == 0 || !v.User.Role.CourtWide() {
		return court.Errorf(court.Forbidden, "满意度结果供全院范围的角色查看")
	}
	now := s.petitionToday().Time()
	page := petitionSurveysPage{From: r.URL.Query().Get("from"), To: r.URL.Query().Get("to"), Items: petitions.SurveyItems(), CourtID: v.User.CourtID}
	if page.From == "" {
		page.From = now.AddDate(0, -5, 0).Format("2006-01")
	}
	if page.To == "" {
		page.To = now.Format("2006-01")
	}
	for _, m := range []string{page.From, page.To} {
		if _, err := time.Parse("2006-01", m); err != nil {
			return court.Errorf(court.Invalid, "月份“%s”无法识别，应为 YYYY-MM", m)
		}
	}
	var err error
	if page.Rows, err = s.mods.petitions.db.SurveyResults(r.Context(), v.User.CourtID, page.From, page.To); err != nil {
		return err
	}
	return s.render(w, http.StatusOK, "petitions_surveys", view{Title: "满意度评价结果", Nav: "petitions", Visitor: v, CSRF: v.Session.CSRF, Data: page})
}
