package assessment

import (
	"fmt"
	"math"
	"slices"

	"github.com/zhixiao/zhixiao/internal/indicator"
)

// The warning colours (红黄蓝预警).
const (
	Blue   = "蓝"
	Yellow = "黄"
	Red    = "红"
)

// WarningRule is one rule of the 红黄蓝 warnings: a person in the bottom
// share of the group for Months months running gets Color. With Indicator
// set, the bottom is by that indicator (a rate) instead of the total, and
// the rule does not fire while the person's Wilson 95% interval overlaps
// the group's median (small caseloads are not punished).
type WarningRule struct {
	Color       string  `json:"color"`
	Months      int     `json:"months"`
	Bottom      float64 `json:"bottom"` // share of the group, e.g. 0.1
	Indicator   string  `json:"indicator,omitempty"`
	LowerBetter bool    `json:"lower_better,omitempty"`
}

func (w WarningRule) validate(i int) error {
	where := fmt.Sprintf("第 %d 条预警规则", i+1)
	if !slices.Contains([]string{Blue, Yellow, Red}, w.Color) {
		return invalid("%s：颜色“%s”无效，应为 蓝、黄 或 红", where, w.Color)
	}
	if w.Months < 1 || w.Months > 12 {
		return invalid("%s：连续月数 %d 超出范围（1–12）", where, w.Months)
	}
	if w.Bottom <= 0 || w.Bottom > 0.5 {
		return invalid("%s：末位比例 %s 应大于 0 且不超过 0.5", where, fmtNum(w.Bottom))
	}
	return nil
}

// DefaultWarnings: 蓝 for the bottom 10% in a month, 黄 two months running, 红 three.
func DefaultWarnings() []WarningRule {
	return []WarningRule{{Color: Blue, Months: 1, Bottom: 0.1}, {Color: Yellow, Months: 2, Bottom: 0.1}, {Color: Red, Months: 3, Bottom: 0.1}}
}

// Warning is a person's warning as of a month.
type Warning struct {
	Person Person `json:"person"`
	Color  string `json:"color"`
	Months int    `json:"months"` // months running in the bottom
	Reason string `json:"reason"`
	// NeedsInterview: a 红 warning requires a 约谈 record by the
	// responsible leader.
	NeedsInterview bool `json:"needs_interview"`
}

// Bottom returns the ids of the people in the bottom share of one month's
// table by the rule: by total, or by the rule's indicator (people without a
// value, or whose interval overlaps the median, never count; nor people
// 本月无办案, who are not in the group the share is taken of). Ties with the
// last one in are in; when the whole group ties, nobody is.
func Bottom(w WarningRule, t *Table) map[int64]bool {
	type entry struct {
		id int64
		v  float64
	}
	var es []entry
	var vals []float64
	for _, s := range t.Scores {
		if s.NoCases {
			continue // 本月无办案: not in the bottom share
		}
		if w.Indicator == "" {
			es = append(es, entry{s.Person.ID, s.Total})
			continue
		}
		if v, ok := s.Values[w.Indicator]; ok && v.Valid {
			x := v.V
			if w.LowerBetter {
				x = -x
			}
			es = append(es, entry{s.Person.ID, x})
			vals = append(vals, v.V)
		}
	}
	out := map[int64]bool{}
	if len(es) == 0 {
		return out
	}
	slices.SortStableFunc(es, func(a, b entry) int { return cmpFloat(a.v, b.v) })
	n := int(math.Ceil(float64(len(es)) * w.Bottom))
	cut := es[n-1].v
	if cut == es[len(es)-1].v {
		return out // the whole group ties: nobody is at the bottom
	}
	med := statsOf(vals).median
	for _, e := range es {
		if e.v > cut {
			break
		}
		if w.Indicator != "" && overlapsMedian(t, e.id, w.Indicator, med) {
			continue
		}
		out[e.id] = true
	}
	return out
}

func overlapsMedian(t *Table, id int64, ind string, med float64) bool {
	for _, s := range t.Scores {
		if s.Person.ID != id {
			continue
		}
		v := s.Values[ind]
		if !v.Rate || v.Den <= 0 || v.Num < 0 || v.Num > v.Den {
			return false
		}
		lo, hi := indicator.Wilson(v.Num, v.Den)
		return lo <= med && med <= hi
	}
	return false
}

// Warnings computes the warnings as of the last of months (tables in
// chronological order, one a month): for each person the rule with the
// most months that their run in the bottom reaches.
func Warnings(rules []WarningRule, months []*Table) []Warning {
	if len(months) == 0 {
		return nil
	}
	last := months[len(months)-1]
	best := map[int64]Warning{}
	for _, w := range rules {
		if w.Months > len(months) {
			continue
		}
		bottoms := make([]map[int64]bool, w.Months)
		for k := range w.Months {
			bottoms[k] = Bottom(w, months[len(months)-1-k])
		}
		for _, s := range last.Scores {
			run := 0
			for run < w.Months && bottoms[run][s.Person.ID] {
				run++
			}
			if run < w.Months {
				continue
			}
			if old, ok := best[s.Person.ID]; ok && old.Months >= w.Months {
				continue
			}
			reason := fmt.Sprintf("连续 %d 个月总分位于末位 %s", w.Months, pct(w.Bottom))
			if w.Indicator != "" {
				reason = fmt.Sprintf("连续 %d 个月指标 %s 位于末位 %s（置信区间未与组内中位数重叠）", w.Months, w.Indicator, pct(w.Bottom))
			}
			best[s.Person.ID] = Warning{Person: s.Person, Color: w.Color, Months: w.Months, Reason: reason, NeedsInterview: w.Color == Red}
		}
	}
	var out []Warning
	for _, s := range last.Scores {
		if w, ok := best[s.Person.ID]; ok {
			out = append(out, w)
		}
	}
	order := map[string]int{Red: 0, Yellow: 1, Blue: 2}
	slices.SortStableFunc(out, func(a, b Warning) int { return order[a.Color] - order[b.Color] })
	return out
}
