package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/zhixiao/zhixiao/internal/court"
	"github.com/zhixiao/zhixiao/internal/petitions"
)

// petitionSetupPage is the data of the module's settings: the checklists of the
// one-time notice, the holiday calendar and the deadlines.
type petitionSetupPage struct {
	Checklists []petitions.Checklist
	Stored     bool
	Days       []petitions.CalendarDay
	Rules      petitions.Rules
	Edit       bool
}

// petitionSetup is GET /petitions/setup: everyone of the court reads it;
// 院领导 and 审管办 edit it.
func (s *Server) petitionSetup(w http.ResponseWriter, r *http.Request, v *visitor) error {
	return s.renderPetitionSetup(w, r, v, http.StatusOK, r.URL.Query().Get("saved"), "")
}

func (s *Server) renderPetitionSetup(w http.ResponseWriter, r *http.Request, v *visitor, status int, flash, msg string) error {
	courtID, err := petitionCourt(v)
	if err != nil {
		return err
	}
	db := s.mods.petitions.db
	page := petitionSetupPage{Edit: setsPetitions(v)}
	if page.Checklists, page.Stored, err = db.Checklists(r.Context(), courtID); err != nil {
		return err
	}
	if page.Days, err = db.HolidayCalendar(r.Context()); err != nil {
		return err
	}
	if page.Rules, _, err = db.PetitionCalendar(r.Context()); err != nil {
		return err
	}
	if flash != "" {
		flash = "已保存。"
	}
	return s.render(w, status, "petitions_setup", view{Title: "诉求设置", Nav: "petitions", Visitor: v, CSRF: v.Session.CSRF, Flash: flash, Error: msg, Data: page})
}

// petitionSetupPost runs save for 院领导 and 审管办, and shows the settings again
// with the error of bad input or a note that it was saved.
func (s *Server) petitionSetupPost(w http.ResponseWriter, r *http.Request, v *visitor, save func() error) error {
	if !setsPetitions(v) {
		return court.Errorf(court.Forbidden, "仅院领导和审管办可以修改诉求设置")
	}
	if err := petitionParseForm(w, r); err != nil {
		return err
	}
	err := save()
	if court.KindOf(err) == court.Invalid {
		return s.renderPetitionSetup(w, r, v, http.StatusBadRequest, "", court.Message(err))
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, "/petitions/setup?saved=1", http.StatusSeeOther)
	return nil
}

// petitionChecklistPost is POST /petitions/setup/checklist.
func (s *Server) petitionChecklistPost(w http.ResponseWriter, r *http.Request, v *visitor) error {
	return s.petitionSetupPost(w, r, v, func() error {
		c := petitions.Checklist{Matter: strings.TrimSpace(r.PostFormValue("matter")), Title: strings.TrimSpace(r.PostFormValue("title")),
			Items: petitions.ParseItems(r.PostFormValue("items")), Note: strings.TrimSpace(r.PostFormValue("note"))}
		if c.Matter == "" {
			return court.Errorf(court.Invalid, "请填写告知事项的名称")
		}
		return s.mods.petitions.db.SaveChecklist(r.Context(), v.User.CourtID, c, r.PostFormValue("remove") == "1", s.petitionAudit(v, r))
	})
}

// petitionCalendarPost is POST /petitions/setup/calendar: one day set to
// 休 or 班, or cleared.
func (s *Server) petitionCalendarPost(w http.ResponseWriter, r *http.Request, v *visitor) error {
	return s.petitionSetupPost(w, r, v, func() error {
		d, err := court.ParseISODate(r.PostFormValue("day"))
		if err != nil {
			return court.Errorf(court.Invalid, "“日期”%s", court.Message(err))
		}
		return s.mods.petitions.db.SaveCalendarDay(r.Context(), petitions.CalendarDay{Day: d, Kind: petitions.DayKind(r.PostFormValue("kind")),
			Name: strings.TrimSpace(r.PostFormValue("name"))}, s.petitionAudit(v, r))
	})
}

// petitionRulesPost is POST /petitions/setup/rules.
func (s *Server) petitionRulesPost(w http.ResponseWriter, r *http.Request, v *visitor) error {
	return s.petitionSetupPost(w, r, v, func() error {
		var rules petitions.Rules
		for _, f := range []struct {
			name, label string
			v           *int
		}{{"feedback_days", "反馈期限", &rules.FeedbackDays}, {"close_days", "办结期限", &rules.CloseDays}, {"leader_after", "报分管院领导", &rules.LeaderAfter}} {
			n, err := strconv.Atoi(strings.TrimSpace(r.PostFormValue(f.name)))
			if err != nil {
				return court.Errorf(court.Invalid, "“%s”应为整数（工作日数）", f.label)
			}
			*f.v = n
		}
		return s.mods.petitions.db.SavePetitionRules(r.Context(), rules, s.petitionAudit(v, r))
	})
}
