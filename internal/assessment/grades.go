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
// their monthly totals.
type PeriodScore struct {
	Person  Person  `json:"person"`
	Months  int     `json:"months"`
	Average float64 `json:"average"`
	Rank    int     `json:"rank"`
	Grade   string  `json:"grade,omitempty"`
	// Consequence is what the SPC guideline makes of the grade (with the
	// year before's), for people in the 员额.
	Consequence string `json:"consequence,omitempty"`
}

// Rollup averages the monthly totals of each person over the tables given
// (a quarter's or a year's), best first, ranked.
func Rollup(tables []*Table) []PeriodScore {
	sums := map[int64]*PeriodScore{}
	var order []int64
	for _, t := range tables {
		for _, s := range t.Scores {
			ps, ok := sums[s.Person.ID]
			if !ok {
				ps = &PeriodScore{Person: s.Person}
				sums[s.Person.ID] = ps
				order = append(order, s.Person.ID)
			}
			ps.Months++
			ps.Average += s.Total
		}
	}
	out := make([]PeriodScore, 0, len(order))
	for _, id := range order {
		ps := sums[id]
		ps.Average = round2(ps.Average / float64(ps.Months))
		out = append(out, *ps)
	}
	slices.SortStableFunc(out, func(a, b PeriodScore) int {
		return cmp.Or(cmp.Compare(b.Average, a.Average), cmp.Compare(a.Person.Name, b.Person.Name), cmp.Compare(a.Person.ID, b.Person.ID))
	})
	for i := range out {
		out[i].Rank = i + 1
		if i > 0 && out[i].Average == out[i-1].Average {
			out[i].Rank = out[i-1].Rank
		}
	}
	return out
}

// Grade sets the annual grades of a year's roll-up (best first) by the
// rules, and the consequences given last year's grades by person id.
// The 优秀 quota is floor(quota × n): 2 of 10 at 20%.
func Grade(year []PeriodScore, g GradeRules, lastYear map[int64]string) {
	quota := int(g.Quota*float64(len(year)) + 1e-9)
	excellent := 0
	for i := range year {
		ps := &year[i]
		switch {
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
	quota := int(g.Quota*float64(len(quarter)) + 1e-9)
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
		return cmp.Or(cmp.Compare(abs(b.Delta), abs(a.Delta)), cmp.Compare(a.RankB, b.RankB))
	})
}
