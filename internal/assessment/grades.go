package assessment

import (
	"cmp"
	"slices"
)

// The annual grades of the SPC's 2021 guideline on judges' assessment.
const (
	GradeExcellent = "优秀"
	GradeCompetent = "称职"
	GradeBasic     = "基本称职"
	GradeFail      = "不称职"
)

// GradeRules set the annual grades: 优秀 for at most Quota of the group
// (best first) with at least ExcellentMin; 称职 from CompetentMin; 基本称职
// from BasicMin; below it 不称职.
type GradeRules struct {
	Quota        float64 `json:"excellent_quota"`
	ExcellentMin float64 `json:"excellent_min"`
	CompetentMin float64 `json:"competent_min"`
	BasicMin     float64 `json:"basic_min"`
}

// DefaultGrades: 优秀 at most 20% and at least 90, 称职 from 70, 基本称职 from 60.
func DefaultGrades() GradeRules {
	return GradeRules{Quota: 0.2, ExcellentMin: 90, CompetentMin: 70, BasicMin: 60}
}

func (g GradeRules) validate() error {
	if g.Quota <= 0 || g.Quota > 1 {
		return invalid("年度等次：优秀比例 %s 应大于 0 且不超过 1", fmtNum(g.Quota))
	}
	if !(g.BasicMin <= g.CompetentMin && g.CompetentMin <= g.ExcellentMin && g.ExcellentMin <= 100 && g.BasicMin >= 0) {
		return invalid("年度等次：分数线应满足 0 ≤ 基本称职 ≤ 称职 ≤ 优秀 ≤ 100")
	}
	return nil
}

// PeriodScore is a person's roll-up over a quarter or a year: the mean of
// their monthly totals, months 本月无办案 left out.
type PeriodScore struct {
	Person  Person  `json:"person"`
	Months  int     `json:"months"` // months scored (本月无办案 not counted)
	Average float64 `json:"average"`
	Rank    int     `json:"rank"`
	Grade   string  `json:"grade,omitempty"`
	// Consequence is what the SPC guideline makes of the grade (with the
	// year before's), for people in the 员额.
	Consequence string `json:"consequence,omitempty"`
	// NoCaseMonths counts the months 本月无办案; NoCases: every month was,
	// so the person is listed (mean of those totals) but not ranked nor
	// graded.
	NoCaseMonths int  `json:"no_case_months,omitempty"`
	NoCases      bool `json:"no_cases,omitempty"`
}

// Rollup averages the monthly totals of each person over the tables given
// (a quarter's or a year's), best first, ranked. Months 本月无办案 are left
// out of a person's mean; a person with no other month is listed last,
// unranked (NoCases).
func Rollup(tables []*Table) []PeriodScore {
	type acc struct {
		ps        PeriodScore
		noCaseSum float64
	}
	sums := map[int64]*acc{}
	var order []int64
	for _, t := range tables {
		for _, s := range t.Scores {
			a, ok := sums[s.Person.ID]
			if !ok {
				a = &acc{ps: PeriodScore{Person: s.Person}}
				sums[s.Person.ID] = a
				order = append(order, s.Person.ID)
			}
			if s.NoCases {
				a.ps.NoCaseMonths++
				a.noCaseSum += s.Total
				continue
			}
			a.ps.Months++
			a.ps.Average += s.Total
		}
	}
	out := make([]PeriodScore, 0, len(order))
	for _, id := range order {
		a := sums[id]
		ps := a.ps
		if ps.Months == 0 {
			ps.NoCases = true
			ps.Average = round2(a.noCaseSum / float64(ps.NoCaseMonths))
		} else {
			ps.Average = round2(ps.Average / float64(ps.Months))
		}
		out = append(out, ps)
	}
	slices.SortStableFunc(out, func(a, b PeriodScore) int {
		return cmp.Or(cmpBool(a.NoCases, b.NoCases), cmp.Compare(b.Average, a.Average), cmp.Compare(a.Person.Name, b.Person.Name), cmp.Compare(a.Person.ID, b.Person.ID))
	})
	for i := range out {
		switch {
		case out[i].NoCases:
			out[i].Rank = 0
		case i > 0 && out[i].Average == out[i-1].Average:
			out[i].Rank = out[i-1].Rank
		default:
			out[i].Rank = i + 1
		}
	}
	return out
}

// noCaseGrade is what a roll-up of people 本月无办案 every month gets
// instead of a grade.
const noCaseGrade = "各月均无办案，不评定等次"

// Grade sets the annual grades of a year's roll-up (best first) by the
// rules, and the consequences given last year's grades by person id.
// The 优秀 quota is floor(quota × n): 2 of 10 at 20%.
func Grade(year []PeriodScore, g GradeRules, lastYear map[int64]string) {
	graded := 0
	for _, ps := range year {
		if !ps.NoCases {
			graded++
		}
	}
	quota := int(g.Quota*float64(graded) + 1e-9)
	excellent := 0
	for i := range year {
		ps := &year[i]
		switch {
		case ps.NoCases:
			ps.Grade, ps.Consequence = "", noCaseGrade
			continue
		case ps.Average >= g.ExcellentMin && excellent < quota:
			ps.Grade = GradeExcellent
			excellent++
		case ps.Average >= g.CompetentMin:
			ps.Grade = GradeCompetent
		case ps.Average >= g.BasicMin:
			ps.Grade = GradeBasic
		default:
			ps.Grade = GradeFail
		}
		ps.Consequence = Consequence(ps.Person.Category, ps.Grade, lastYear[ps.Person.ID])
	}
}

// GradeQuarterly marks the quarter's 季度优秀 (季评选): the best of a
// quarter's roll-up (best first) within the 优秀 quota and score line.
func GradeQuarterly(quarter []PeriodScore, g GradeRules) {
	graded := 0
	for _, ps := range quarter {
		if !ps.NoCases {
			graded++
		}
	}
	quota := int(g.Quota*float64(graded) + 1e-9)
	for i := range quarter {
		if i < quota && quarter[i].Average >= g.ExcellentMin {
			quarter[i].Grade = QuarterExcellent
		}
	}
}

// QuarterExcellent is the title of the quarterly selection.
const QuarterExcellent = "季度优秀"

// Consequence applies the SPC guideline to a person in the 员额 (员额法官
// and 院庭长): one year of 不称职, or two years running of 基本称职, leads
// out of the 员额 (退出员额); one year of 基本称职 is a warning.
func Consequence(category, grade, lastYear string) string {
	if category != "员额法官" && category != CategoryLeader {
		return ""
	}
	switch {
	case grade == GradeFail:
		return "年度考核不称职：应当退出员额"
	case grade == GradeBasic && lastYear == GradeBasic:
		return "连续两年基本称职：应当退出员额"
	case grade == GradeBasic:
		return "基本称职：再有一年基本称职将退出员额"
	}
	return ""
}

func sortMoves(ms []Move) {
	abs := func(x int) int {
		if x < 0 {
			return -x
		}
		return x
	}
	slices.SortStableFunc(ms, func(a, b Move) int {
		return cmp.Or(cmp.Compare(abs(b.Delta), abs(a.Delta)), cmpBool(a.RankB == 0, b.RankB == 0), cmp.Compare(a.RankB, b.RankB))
	})
}
