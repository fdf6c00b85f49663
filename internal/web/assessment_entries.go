package web

// The 加减分与评价 (entries) of the 绩效考核: the page, recording and deleting.

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/zhixiao/zhixiao/internal/assessment"
	"github.com/zhixiao/zhixiao/internal/auth"
	"github.com/zhixiao/zhixiao/internal/court"
)

// entriesPage is /assessment/entries.
type entriesPage struct {
	Month   string
	People  []assessment.Person
	Entries []entryRow
	Items   []itemChoice
	Today   string
}

type entryRow struct {
	assessment.Entry
	Name     string
	ItemName string
	Mine     bool
}

// itemChoice is an item one may enter for: events or ratings.
type itemChoice struct {
	Scheme, Category, ID, Name, Kind, Rating string
	Max                                      float64
	Events                                   []assessment.EventType
}

// entryItems are the items the visitor may enter for, of the schemes in
// force (events; ratings: 庭长 only 日常评价), and every item's name into names.
func entryItems(v *visitor, schemes []*assessment.Scheme, names map[string]string) []itemChoice {
	var out []itemChoice
	for _, sc := range assessment.Current(schemes) {
		if sc.Draft {
			continue
		}
		for _, gi := range sc.Items() {
			it := gi.Item
			names[it.ID] = it.Name
			if it.Rule.Kind == assessment.RuleEvents || it.Rule.Kind == assessment.RuleRating && (managesAssessment(v) || it.Rule.Rating == "日常评价") {
				out = append(out, itemChoice{Scheme: sc.Name, Category: sc.Category, ID: it.ID, Name: it.Name, Kind: it.Rule.Kind, Rating: it.Rule.Rating, Max: it.Max, Events: it.Rule.Events})
			}
		}
	}
	return out
}

// assessmentEntries answers GET /assessment/entries?month=: the events and
// ratings of the month for the people the visitor enters for.
func (s *Server) assessmentEntries(w http.ResponseWriter, r *http.Request, v *visitor) error {
	if !managesAssessment(v) && v.User.Role != auth.RoleChief {
		return forbidden("仅政治部和庭长可以录入加减分与评价")
	}
	ctx := r.Context()
	month := r.URL.Query().Get("month")
	if month == "" {
		month = assessment.MonthOf(s.today())
	}
	period, err := assessment.MonthPeriod(month)
	if err != nil {
		return err
	}
	db := s.mods.assessment.db
	people, err := db.AssessmentPeople(ctx, visitorCourt(v))
	if err != nil {
		return err
	}
	p := entriesPage{Month: month, Today: s.today().String()}
	names := map[int64]string{}
	for _, x := range people {
		if canEnterFor(v, x) {
			p.People = append(p.People, x)
			names[x.ID] = x.Name
		}
	}
	schemes, err := db.AssessmentSchemes(ctx, visitorCourt(v))
	if err != nil {
		return err
	}
	itemNames := map[string]string{}
	p.Items = entryItems(v, schemes, itemNames)
	ens, err := db.AssessmentEntries(ctx, visitorCourt(v), period)
	if err != nil {
		return err
	}
	for _, en := range ens {
		if n, ok := names[en.Person]; ok {
			p.Entries = append(p.Entries, entryRow{Entry: en, Name: n, ItemName: itemNames[en.Item], Mine: en.By == v.User.Login || managesAssessment(v)})
		}
	}
	return s.render(w, http.StatusOK, "assessment_entries", view{Title: "加减分与评价", Nav: "assessment", Visitor: v, CSRF: v.Session.CSRF, Flash: flashOf(r), Error: r.URL.Query().Get("error"), Data: p})
}

// assessmentEntryPost answers POST /assessment/entries: an event (with
// evidence) or a rating for a person the visitor enters for.
func (s *Server) assessmentEntryPost(w http.ResponseWriter, r *http.Request, v *visitor) error {
	ctx := r.Context()
	pid, err := strconv.ParseInt(r.PostFormValue("person"), 10, 64)
	if err != nil {
		return court.Errorf(court.Invalid, "请选择人员")
	}
	p, err := s.assessmentPerson(ctx, v.User.CourtID, pid)
	if err != nil {
		return err
	}
	if !canEnterFor(v, p) {
		return forbidden("您无权为该人员录入考核事项")
	}
	day, err := court.ParseISODate(r.PostFormValue("day"))
	if err != nil {
		return court.Errorf(court.Invalid, "日期“%s”无效，应为 YYYY-MM-DD", r.PostFormValue("day"))
	}
	en := assessment.Entry{Person: pid, Item: r.PostFormValue("item"), Day: day, Evidence: strings.TrimSpace(r.PostFormValue("evidence"))}
	if len([]rune(en.Evidence)) > 500 {
		return court.Errorf(court.Invalid, "依据不能超过 500 字")
	}
	if err := s.checkEntry(r, v, p, &en); err != nil {
		return err
	}
	if _, err := s.mods.assessment.db.AddAssessmentEntry(ctx, v.User.CourtID, en, s.audit(v, auth.ActionAssessmentEntry, "", s.clientIP(r))); err != nil {
		return err
	}
	return redirect(w, r, "/assessment/entries?done=entered&month="+url.QueryEscape(assessment.MonthOf(day)))
}

// checkEntry checks an entry against the item of the person's scheme: the
// event must be one of the item's, the rating within [0, max], evidence
// given for an event; 庭长 only 日常评价 and events.
func (s *Server) checkEntry(r *http.Request, v *visitor, p assessment.Person, en *assessment.Entry) error {
	all, err := s.mods.assessment.db.AssessmentSchemes(r.Context(), p.Court)
	if err != nil {
		return err
	}
	sc := assessment.InForce(all, p.Court, schemeCodeFor(all, p), assessment.MonthOf(en.Day))
	if sc == nil {
		return court.Errorf(court.Invalid, "%s 在 %s 没有生效的考核方案", p.Name, assessment.MonthOf(en.Day))
	}
	it := sc.Item(en.Item)
	if it == nil {
		return court.Errorf(court.Invalid, "考核方案“%s”没有项目“%s”", sc.Name, en.Item)
	}
	switch it.Rule.Kind {
	case assessment.RuleEvents:
		en.Event = r.PostFormValue("event")
		known := false
		for _, e := range it.Rule.Events {
			known = known || e.Name == en.Event
		}
		if !known {
			return court.Errorf(court.Invalid, "项目“%s”没有事项“%s”", it.Name, en.Event)
		}
		if en.Evidence == "" {
			return court.Errorf(court.Invalid, "请填写事项“%s”的依据（如考勤记录、通报文号）", en.Event)
		}
	case assessment.RuleRating:
		if v.User.Role == auth.RoleChief && it.Rule.Rating != "日常评价" {
			return forbidden("庭长只能录入日常评价")
		}
		val, err := strconv.ParseFloat(strings.TrimSpace(r.PostFormValue("value")), 64)
		if err != nil {
			return court.Errorf(court.Invalid, "评分“%s”不是数字", r.PostFormValue("value"))
		}
		if err := assessment.CheckRating(it, val); err != nil {
			return err
		}
		en.Value = val
	default:
		return court.Errorf(court.Invalid, "项目“%s”由系统计算，不能手工录入", it.Name)
	}
	return nil
}

// schemeCodeFor is the code of the schemes of the person's category.
func schemeCodeFor(all []*assessment.Scheme, p assessment.Person) string {
	for _, sc := range all {
		if sc.Court == p.Court && sc.Category == p.Category && !sc.Draft {
			return sc.Code
		}
	}
	return ""
}

// assessmentEntryDelete answers POST /assessment/entries/{id}/delete.
func (s *Server) assessmentEntryDelete(w http.ResponseWriter, r *http.Request, v *visitor) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	en, courtID, err := s.mods.assessment.db.AssessmentEntry(r.Context(), id)
	if err != nil {
		return err
	}
	p, err := s.assessmentPerson(r.Context(), courtID, en.Person)
	if err != nil {
		return err
	}
	if !canEnterFor(v, p) || !(managesAssessment(v) || en.By == v.User.Login) {
		return forbidden("您无权删除该考核事项")
	}
	if err := s.mods.assessment.db.DeleteAssessmentEntry(r.Context(), id, s.audit(v, auth.ActionAssessmentEntry, "", s.clientIP(r))); err != nil {
		return err
	}
	return redirect(w, r, "/assessment/entries?done=deleted&month="+url.QueryEscape(assessment.MonthOf(en.Day)))
}
