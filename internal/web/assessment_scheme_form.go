package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/zhixiao/zhixiao/internal/assessment"
	"github.com/zhixiao/zhixiao/internal/auth"
	"github.com/zhixiao/zhixiao/internal/court"
)

// assessmentSchemeForm answers POST /assessment/schemes/{id}/form: the
// table form of the scheme page (effective period, ranking, 公示 days,
// category weights, item maxima and indicator methods) applied to a copy,
// validated and saved as the next version.
func (s *Server) assessmentSchemeForm(w http.ResponseWriter, r *http.Request, v *visitor) error {
	sc, err := s.visibleScheme(r, v)
	if err != nil {
		return err
	}
	if err := requireManage(v, sc.Court); err != nil {
		return err
	}
	next := sc.Copy()
	next.Draft = false
	err = applySchemeForm(next, r)
	if err == nil {
		next, err = s.mods.assessment.db.SaveAssessmentScheme(r.Context(), next, s.audit(v, auth.ActionAssessmentScheme, "", s.clientIP(r)))
	}
	if err != nil {
		if court.KindOf(err) == court.Internal {
			return err
		}
		status, _ := statusOf(err)
		return s.renderScheme(w, r, v, status, sc, sc.JSON(), court.Message(err))
	}
	return redirect(w, r, fmt.Sprintf("/assessment/schemes/%d?done=saved", next.ID))
}

// applySchemeForm sets the form's fields on s; a field that is not a
// number is an error naming it.
func applySchemeForm(s *assessment.Scheme, r *http.Request) error {
	num := func(field, what string) (float64, error) {
		text := strings.TrimSpace(r.PostFormValue(field))
		f, err := strconv.ParseFloat(text, 64)
		if err != nil {
			return 0, court.Errorf(court.Invalid, "%s“%s”不是数字", what, text)
		}
		return f, nil
	}
	s.From, s.To = strings.TrimSpace(r.PostFormValue("effective_from")), strings.TrimSpace(r.PostFormValue("effective_to"))
	s.Rank = r.PostFormValue("rank") == "1"
	days, err := num("notice_days", "公示期工作日数")
	if err != nil {
		return err
	}
	s.NoticeDays = int(days)
	for gi := range s.Groups {
		g := &s.Groups[gi]
		if g.Weight, err = num(fmt.Sprintf("weight-%d", gi), "考核类别“"+g.Name+"”的权重"); err != nil {
			return err
		}
		for ii := range g.Items {
			it := &g.Items[ii]
			if it.Max, err = num("max-"+it.ID, "项目“"+it.Name+"”的满分"); err != nil {
				return err
			}
			if m := r.PostFormValue("method-" + it.ID); m != "" && it.Rule != nil && it.Rule.Kind == assessment.RuleIndicator {
				it.Rule.Method = m
			}
		}
	}
	return s.Validate()
}
