package web

import (
	"bytes"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/zhixiao/zhixiao/internal/auth"
	"github.com/zhixiao/zhixiao/internal/court"
	"github.com/zhixiao/zhixiao/internal/store"
	"github.com/zhixiao/zhixiao/internal/supervision"
)

// svInboxPage is the data of the inbox.
type svInboxPage struct {
	Entries []store.InboxEntry
	Unread  int
}

// svInbox answers GET /supervision/inbox: the visitor's notices.
func (s *Server) svInbox(w http.ResponseWriter, r *http.Request, v *visitor) error {
	db := s.mods.supervision.db
	es, err := db.Inbox(r.Context(), v.User.ID, 200)
	if err != nil {
		return err
	}
	p := svInboxPage{Entries: es}
	for _, e := range es {
		if !e.Read {
			p.Unread++
		}
	}
	return s.render(w, http.StatusOK, "supervision_inbox", view{Title: "督办消息", Nav: "supervision", Visitor: v, CSRF: v.Session.CSRF, Data: p})
}

// svInboxRead answers POST /supervision/inbox/read (id, or none for all).
func (s *Server) svInboxRead(w http.ResponseWriter, r *http.Request, v *visitor) error {
	id, _ := strconv.ParseInt(r.FormValue("id"), 10, 64)
	if err := s.mods.supervision.db.MarkRead(r.Context(), v.User.ID, id, s.now()); err != nil {
		return err
	}
	http.Redirect(w, r, "/supervision/inbox", http.StatusSeeOther)
	return nil
}

// svSettingsPage is the data of the settings page.
type svSettingsPage struct {
	Rules      string
	WebhookURL string
	HasSecret  bool
	Header     string
	Leaders    []svLeaderRow // the court's departments and their 分管院领导
	Presidents []svOption    // the court's 院领导 accounts
}

// svLeaderRow is a department on the 分管院领导 form.
type svLeaderRow struct {
	Dept   svOption
	Leader int64 // 0: every 院领导
}

// svCheckSettings refuses anyone but 审管办.
func svCheckSettings(v *visitor) error {
	if v.User.Role != auth.RoleTrialMgmt {
		return court.Errorf(court.Forbidden, "仅审管办可以修改督办设置")
	}
	return nil
}

// svSettings answers GET /supervision/settings: the warning rules and the webhook.
func (s *Server) svSettings(w http.ResponseWriter, r *http.Request, v *visitor) error {
	if err := svCheckSettings(v); err != nil {
		return err
	}
	return s.renderSettings(w, r, v, http.StatusOK, "", "", "")
}

func (s *Server) renderSettings(w http.ResponseWriter, r *http.Request, v *visitor, status int, rules, flash, errMsg string) error {
	db := s.mods.supervision.db
	p := svSettingsPage{Rules: rules, Header: supervision.SignatureHeader}
	if rules == "" {
		rs, err := db.SupervisionRules(r.Context())
		if err != nil {
			return err
		}
		p.Rules = rs.JSON()
	}
	wh, err := db.SupervisionWebhook(r.Context())
	if err != nil {
		return err
	}
	p.WebhookURL, p.HasSecret = wh.URL, wh.Secret != ""
	inCharge, err := db.SupervisionLeaders(r.Context(), v.User.CourtID)
	if err != nil {
		return err
	}
	users, depts, err := s.svCourtChoices(r, v.User.CourtID)
	if err != nil {
		return err
	}
	for _, d := range depts {
		p.Leaders = append(p.Leaders, svLeaderRow{Dept: d, Leader: inCharge[d.ID]})
	}
	us, err := db.Users(r.Context())
	if err != nil {
		return err
	}
	for _, u := range us {
		if u.CourtID == v.User.CourtID && u.Role == auth.RolePresident && !u.Disabled {
			p.Presidents = append(p.Presidents, svOption{u.ID, svOptionName(users, u.ID)})
		}
	}
	return s.render(w, status, "supervision_settings", view{Title: "督办设置", Nav: "supervision", Visitor: v, CSRF: v.Session.CSRF, Flash: flash, Error: errMsg, Data: p})
}

// svRulesSave answers POST /supervision/settings/rules (rules: JSON).
func (s *Server) svRulesSave(w http.ResponseWriter, r *http.Request, v *visitor) error {
	if err := svCheckSettings(v); err != nil {
		return err
	}
	text := r.FormValue("rules")
	rules, err := supervision.ParseRules([]byte(text))
	if err == nil {
		err = s.mods.supervision.db.SaveSupervisionRules(r.Context(), rules, s.svAudit(r, v))
	}
	if err != nil {
		if court.KindOf(err) != court.Invalid {
			return err
		}
		return s.renderSettings(w, r, v, http.StatusUnprocessableEntity, text, "", court.Message(err))
	}
	return s.renderSettings(w, r, v, http.StatusOK, "", "预警规则已保存，下次预警计算（每晚及每次导入后）起生效。", "")
}

// svWebhookSave answers POST /supervision/settings/webhook (url, secret;
// an empty secret keeps the saved one).
func (s *Server) svWebhookSave(w http.ResponseWriter, r *http.Request, v *visitor) error {
	if err := svCheckSettings(v); err != nil {
		return err
	}
	db := s.mods.supervision.db
	old, err := db.SupervisionWebhook(r.Context())
	if err != nil {
		return err
	}
	wh := store.Webhook{URL: strings.TrimSpace(r.FormValue("url")), Secret: r.FormValue("secret")}
	if wh.Secret == "" {
		wh.Secret = old.Secret
	}
	if err := db.SaveSupervisionWebhook(r.Context(), wh, s.svAudit(r, v)); err != nil {
		if court.KindOf(err) != court.Invalid {
			return err
		}
		return s.renderSettings(w, r, v, http.StatusUnprocessableEntity, "", "", court.Message(err))
	}
	return s.renderSettings(w, r, v, http.StatusOK, "", "消息网关设置已保存。", "")
}

// svWeeklyPage is the data of a plan's weekly progress report (高频调度).
type svWeeklyPage struct {
	Plan     supervision.Plan
	From, To court.Date
	Rows     []svWeeklyRow
	Tally    supervision.Tally
	Prev     court.Date
	Next     court.Date
}

// svWeeklyRow is a measure in the weekly report.
type svWeeklyRow struct {
	Problem  string
	Measure  supervision.Measure
	Lateness supervision.Lateness
	Reports  []supervision.Report // this week's
}

// svWeeklyData builds the weekly report of the week of ?week= (default today).
func (s *Server) svWeeklyData(r *http.Request, v *visitor) (*svWeeklyPage, error) {
	p, _, err := s.svPlanFor(r, v)
	if err != nil {
		return nil, err
	}
	day := s.svToday()
	if wk := r.URL.Query().Get("week"); wk != "" {
		if day, err = court.ParseISODate(wk); err != nil {
			return nil, err
		}
	}
	wp := &svWeeklyPage{Plan: p}
	wp.From, wp.To = supervision.WeekOf(day)
	wp.Prev, wp.Next = wp.From-7, wp.From+7
	reports, err := s.mods.supervision.db.WeeklyReports(r.Context(), p.ID, wp.From, wp.To)
	if err != nil {
		return nil, err
	}
	// The week's standing is as of its last day, or today for the week
	// under way: a measure due later this week is not late yet.
	asOf := min(wp.To, s.svToday())
	wp.Tally = supervision.TallyOf(&p, asOf)
	for _, q := range p.Problems {
		for _, m := range q.Measures {
			wp.Rows = append(wp.Rows, svWeeklyRow{Problem: q.Title, Measure: m, Lateness: supervision.LatenessOf(&m, asOf), Reports: reports[m.ID]})
		}
	}
	return wp, nil
}

// svWeekly answers GET /supervision/plans/{id}/weekly[?week=YYYY-MM-DD].
func (s *Server) svWeekly(w http.ResponseWriter, r *http.Request, v *visitor) error {
	wp, err := s.svWeeklyData(r, v)
	if err != nil {
		return err
	}
	return s.render(w, http.StatusOK, "supervision_weekly", view{Title: wp.Plan.Title + " · 周调度", Nav: "supervision", Visitor: v, CSRF: v.Session.CSRF, Data: wp})
}

// svWeeklyXLSX answers GET /supervision/plans/{id}/weekly.xlsx: the same report as a workbook.
func (s *Server) svWeeklyXLSX(w http.ResponseWriter, r *http.Request, v *visitor) error {
	wp, err := s.svWeeklyData(r, v)
	if err != nil {
		return err
	}
	b, err := svWeeklyWorkbook(wp)
	if err != nil {
		return err
	}
	name := fmt.Sprintf("周调度_%s_%s.xlsx", wp.Plan.Title, wp.From)
	w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	w.Header().Set("Content-Disposition", "attachment; filename*=UTF-8''"+url.PathEscape(supervision.SanitizeName(name)))
	_, err = w.Write(b)
	return err
}

// svWeeklyWorkbook writes the weekly report as XLSX: a title row, the
// week's tally and one row per measure.
func svWeeklyWorkbook(wp *svWeeklyPage) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	sheet := "周调度"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return nil, err
	}
	rows := [][]any{
		{fmt.Sprintf("%s 周调度（%s 至 %s）", wp.Plan.Title, wp.From, wp.To)},
		{"措施总数", wp.Tally.Measures, "已销号", wp.Tally.Closed, "待审批", wp.Tally.Pending, "已逾期", wp.Tally.Late, "临期", wp.Tally.DueSoon, "已撤销（不计入）", wp.Tally.Withdrawn},
		{},
		{"序号", "问题", "整改措施", "责任领导", "责任部门", "完成时限", "状态", "进度（%）", "时限情况", "本周进展"},
	}
	for i, row := range wp.Rows {
		var notes []string
		for _, rep := range row.Reports {
			notes = append(notes, fmt.Sprintf("%s %s（%s）：%s", rep.On, rep.Kind, rep.Login, rep.Body))
		}
		m := row.Measure
		rows = append(rows, []any{i + 1, row.Problem, m.Title, m.LeaderName, m.DeptName, m.DueOn.String(), string(m.Status), m.Progress, row.Lateness.String(), strings.Join(notes, "\n")})
	}
	for i, row := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(sheet, cell, &row); err != nil {
			return nil, err
		}
	}
	for col, width := range map[string]float64{"B": 24, "C": 36, "D": 12, "E": 12, "F": 12, "G": 12, "I": 10, "J": 60} {
		if err := f.SetColWidth(sheet, col, col, width); err != nil {
			return nil, err
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
