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
// number is an error naming it. Only the fields the form carries are
// applied (a form of an older page leaves the other rules as they are).
func applySchemeForm(s *assessment.Scheme, r *http.Request) error {
	f := schemeForm{r}
	s.From, s.To = strings.TrimSpace(r.PostFormValue("effective_from")), strings.TrimSpace(r.PostFormValue("effective_to"))
	s.Rank = r.PostFormValue("rank") == "1"
	if _, ok := r.PostForm["workload_indicator"]; ok {
		s.WorkloadIndicator = strings.TrimSpace(r.PostFormValue("workload_indicator"))
	}
	days, err := f.num("notice_days", "公示期工作日数")
	if err != nil {
		return err
	}
	s.NoticeDays = int(days)
	for gi := range s.Groups {
		g := &s.Groups[gi]
		if g.Weight, err = f.num(fmt.Sprintf("weight-%d", gi), "考核类别“"+g.Name+"”的权重"); err != nil {
			return err
		}
		for ii := range g.Items {
			it := &g.Items[ii]
			if it.Max, err = f.num("max-"+it.ID, "项目“"+it.Name+"”的满分"); err != nil {
				return err
			}
			if it.Rule == nil {
				continue
			}
			if err := f.rule(it); err != nil {
				return err
			}
		}
	}
	for i := range s.Warnings {
		w := &s.Warnings[i]
		what := fmt.Sprintf("%s色预警的", w.Color)
		if err := f.optInt(fmt.Sprintf("warn-%d-months", i), what+"连续月数", &w.Months); err != nil {
			return err
		}
		if err := f.optPct(fmt.Sprintf("warn-%d-bottom", i), what+"末位比例", &w.Bottom); err != nil {
			return err
		}
	}
	for _, x := range []struct {
		field, what string
		into        *float64
		pct         bool
	}{{"grade-quota", "优秀比例上限", &s.Grades.Quota, true}, {"grade-excellent", "优秀分数线", &s.Grades.ExcellentMin, false},
		{"grade-competent", "称职分数线", &s.Grades.CompetentMin, false}, {"grade-basic", "基本称职分数线", &s.Grades.BasicMin, false}} {
		var err error
		if x.pct {
			err = f.optPct(x.field, x.what, x.into)
		} else {
			err = f.opt(x.field, x.what, x.into)
		}
		if err != nil {
			return err
		}
	}
	return s.Validate()
}

// schemeForm reads the fields of the scheme's table form.
type schemeForm struct{ r *http.Request }

func (f schemeForm) has(field string) bool { _, ok := f.r.PostForm[field]; return ok }

func (f schemeForm) text(field string) string { return strings.TrimSpace(f.r.PostFormValue(field)) }

// num reads a required number.
func (f schemeForm) num(field, what string) (float64, error) {
	text := f.text(field)
	v, err := strconv.ParseFloat(text, 64)
	if err != nil {
		return 0, court.Errorf(court.Invalid, "%s“%s”不是数字", what, text)
	}
	return v, nil
}

// opt sets *into from the field when the form has it.
func (f schemeForm) opt(field, what string, into *float64) error {
	if !f.has(field) {
		return nil
	}
	v, err := f.num(field, what)
	if err == nil {
		*into = v
	}
	return err
}

// optPct sets a share (0–1) from a percentage field ("80" is 0.8).
func (f schemeForm) optPct(field, what string, into *float64) error {
	if !f.has(field) {
		return nil
	}
	v, err := f.num(field, what+"（%）")
	if err == nil {
		*into = v / 100
	}
	return err
}

func (f schemeForm) optInt(field, what string, into *int) error {
	if !f.has(field) {
		return nil
	}
	text := f.text(field)
	v, err := strconv.Atoi(text)
	if err != nil {
		return court.Errorf(court.Invalid, "%s“%s”不是整数", what, text)
	}
	*into = v
	return nil
}

// optBound sets a band bound: empty is none.
func (f schemeForm) optBound(field, what string, into **float64) error {
	if !f.has(field) {
		return nil
	}
	if f.text(field) == "" {
		*into = nil
		return nil
	}
	v, err := f.num(field, what)
	if err == nil {
		*into = &v
	}
	return err
}

// rule applies the fields of an item's rule: for an indicator the method,
// direction, share without data, band bounds and thresholds; for events and
// outcomes the starting share and each event's name, points and cap (an
// emptied name removes the event, the blank last row adds one); for a
// rating the share given without ratings.
func (f schemeForm) rule(it *assessment.Item) error {
	ru, id := it.Rule, it.ID
	where := "项目“" + it.Name + "”的"
	switch ru.Kind {
	case assessment.RuleIndicator:
		if m := f.r.PostFormValue("method-" + id); m != "" {
			ru.Method = m
		}
		if f.has("dir-" + id) {
			ru.LowerBetter = f.r.PostFormValue("dir-"+id) == "low"
		}
		if err := f.optPct("nodata-"+id, where+"无数据得分比例", &ru.NoData); err != nil {
			return err
		}
		if err := f.optBound("lower-"+id, where+"区间下限", &ru.Lower); err != nil {
			return err
		}
		if err := f.optBound("upper-"+id, where+"区间上限", &ru.Upper); err != nil {
			return err
		}
		if f.has("thresholds-" + id) {
			ts, err := parseThresholds(f.text("thresholds-"+id), where+"分段")
			if err != nil {
				return err
			}
			ru.Thresholds = ts
		}
	case assessment.RuleEvents, assessment.RuleOutcome:
		if err := f.optPct("base-"+id, where+"起始分比例", &ru.Base); err != nil {
			return err
		}
		if !f.has(fmt.Sprintf("ev-%s-0-name", id)) {
			return nil
		}
		var evs []assessment.EventType
		for k := 0; k <= len(ru.Events); k++ {
			key := fmt.Sprintf("ev-%s-%d-", id, k)
			name := f.text(key + "name")
			if name == "" {
				continue
			}
			e := assessment.EventType{Name: name}
			var err error
			if e.Points, err = f.num(key+"points", where+"事项“"+name+"”每次分值"); err != nil {
				return err
			}
			if e.Cap, err = f.num(key+"cap", where+"事项“"+name+"”累计上限"); err != nil {
				return err
			}
			evs = append(evs, e)
		}
		ru.Events = evs
	case assessment.RuleRating:
		return f.optPct("default-"+id, where+"未评价得分比例", &ru.Default)
	}
	return nil
}

// parseThresholds reads the steps of a thresholds rule written as
// “0.3:0.6 0.45:0.8 0.6:1” (from the value on, the share of the maximum);
// commas, semicolons and full-width colons are accepted.
func parseThresholds(text, what string) ([]assessment.Threshold, error) {
	text = strings.NewReplacer("：", ":", "，", " ", ",", " ", "；", " ", ";", " ", "、", " ").Replace(text)
	var out []assessment.Threshold
	for _, part := range strings.Fields(text) {
		at, sh, ok := strings.Cut(part, ":")
		a, err1 := strconv.ParseFloat(at, 64)
		b, err2 := strconv.ParseFloat(sh, 64)
		if !ok || err1 != nil || err2 != nil {
			return nil, court.Errorf(court.Invalid, "%s“%s”无效，应写作 数值:得分比例，如 0.45:0.8", what, part)
		}
		out = append(out, assessment.Threshold{At: a, Share: b})
	}
	return out, nil
}

// thresholdsText writes the steps as parseThresholds reads them.
func thresholdsText(ts []assessment.Threshold) string {
	parts := make([]string, len(ts))
	for i, t := range ts {
		parts[i] = strconv.FormatFloat(t.At, 'f', -1, 64) + ":" + strconv.FormatFloat(t.Share, 'f', -1, 64)
	}
	return strings.Join(parts, " ")
}
