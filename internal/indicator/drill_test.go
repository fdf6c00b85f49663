package indicator

import (
	"slices"
	"testing"

	"github.com/zhixiao/zhixiao/internal/court"
)

// countedPart reports whether a part of an indicator counts rows (and so
// must equal the length of its drill-down).
func countedPart(d *Definition, part Part) bool {
	terms := d.Formula.Numerator
	switch {
	case d.Formula.Agg == AggMedian:
		return part == PartDenominator
	case part == PartDenominator:
		if d.IsCount() {
			return false
		}
		terms = d.Formula.Denominator
	}
	for _, t := range terms {
		if t.Sum != "" && t.Sum != ValueDescendants {
			return false
		}
	}
	if d.Formula.Agg == AggComplement && part == PartNumerator {
		return countedPart(d, PartDenominator)
	}
	return true
}

func TestDrillDownMatchesCounts(t *testing.T) {
	src := synthetic(5, 2500)
	e := engineFor(t, src)
	var units []string
	for _, g := range []Grouping{ByAll, ByCourt, ByDepartment, ByJudge} {
		for i, u := range e.Units(g) {
			if i%5 == 0 || g <= ByCourt {
				units = append(units, u.Name)
			}
		}
	}
	checked := 0
	for _, q := range []Query{
		{Period: period("2024-01-01", "2024-12-31")},
		{Period: period("2025-02-01", "2025-02-28"), Filter: Filter{Kinds: []court.Kind{court.KindCivil}}},
		{Period: period("2024-02-29", "2024-02-29")},
	} {
		for _, unit := range units {
			q.Unit = unit
			rs, err := e.Evaluate(q)
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range rs {
				for _, part := range []Part{PartNumerator, PartDenominator} {
					if !countedPart(r.Definition, part) {
						continue
					}
					want := r.Numerator
					if part == PartDenominator {
						want = r.Denominator
					}
					list, err := e.DrillDown(q, r.Indicator, part)
					if err != nil {
						t.Fatalf("%s %s %v: %v", unit, r.Indicator, part, err)
					}
					checked++
					if float64(len(list)) != want.V {
						t.Errorf("%v %s %s %v: %d listed, figure %v", q.Period, unit, r.Indicator, part, len(list), want.V)
					}
				}
			}
		}
	}
	if checked < 1000 {
		t.Errorf("only %d drill-downs checked", checked)
	}
}

func TestDrillDownLists(t *testing.T) {
	src := &memSource{
		people: weightSet().people,
		cases: []court.Case{
			cs("（2025）京0101民初2号", "2025-01-01", "2025-02-01"),
			cs("（2025）京0101民初10号", "2025-01-01", "2025-02-01", panel("李四")),
			cs("（2025）京01民终1号", "2025-05-01", "", at(midCourt), origin("（2025）京0101民初2号")),
			cs("（2025）京0101执1号", "2025-06-15", "", origin("（2025）京0101民初2号"), judge("执行局", "赵六")),
			cs("（2025）京0101执2号", "2025-08-15", "", origin("（2025）京0101民初10号"), judge("执行局", "赵六")),
		},
		funds: []court.FundReceipt{
			{CaseNo: "（2025）京0101执1号", ReceivedOn: day("2025-06-16"), PaidOn: day("2025-06-20")},
			{CaseNo: "（2025）京0101执1号", ReceivedOn: day("2025-06-17"), PaidOn: day("2025-06-18")},
		},
		meds: []court.Mediation{
			{ID: "（2025）京0101民诉前调7号", Court: basicCourt, RegisteredOn: day("2025-01-02"), EndedOn: day("2025-01-20"), Result: court.MediationSuccess},
			{ID: "TJ-2025-001", Court: basicCourt, RegisteredOn: day("2025-01-02"), EndedOn: day("2025-01-21"), Result: court.MediationSuccess},
		},
	}
	e := engineFor(t, src)
	q := Query{Period: P}
	for _, tt := range []struct {
		id, unit string
		part     Part
		want     []string
	}{
		// The 一审 cases (ordered by 案号: 序号 2 before 10), then what derives from them by T1.
		{"case_to_matter_ratio", "", PartNumerator, []string{"（2025）京0101民初2号", "（2025）京0101民初10号", "（2025）京0101执1号", "（2025）京01民终1号"}},
		{"case_to_matter_ratio", "", PartDenominator, []string{"（2025）京0101民初2号", "（2025）京0101民初10号"}},
		// One line per receipt.
		{"funds_timely_rate", basicCourt, PartNumerator, []string{"（2025）京0101执1号", "（2025）京0101执1号"}},
		// Mediations by 编号, then the 民事 一审 cases filed in P.
		{"prelit_mediation_rate", basicCourt, PartDenominator, []string{"（2025）京0101民诉前调7号", "TJ-2025-001", "（2025）京0101民初2号", "（2025）京0101民初10号"}},
		{"prelit_mediation_rate", basicCourt + "/民一庭", PartNumerator, nil},
		// 李四 sits on 民初10's panel in his own department.
		{"weighted_closed", basicCourt + "/民二庭/李四", PartNumerator, []string{"（2025）京0101民初10号"}},
		{"closed_per_judge", basicCourt, PartDenominator, []string{basicCourt + "/刑庭/孙七", basicCourt + "/民一庭/张三", basicCourt + "/民二庭/李四"}},
		// 1 - appeal_rate: the 一审 cases not appealed (民终1 appeals 民初2).
		{"acceptance_rate", "", PartNumerator, []string{"（2025）京0101民初10号"}},
		{"appeal_rate", "", PartNumerator, []string{"（2025）京0101民初2号"}},
		{"median_days", "", PartDenominator, []string{"（2025）京0101民初2号", "（2025）京0101民初10号"}},
	} {
		q.Unit = tt.unit
		got, err := e.DrillDown(q, tt.id, tt.part)
		if err != nil {
			t.Fatalf("%s: %v", tt.id, err)
		}
		if tt.id == "closed_per_judge" {
			slices.Sort(got)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s %s %v: %q, want %q", tt.id, tt.unit, tt.part, got, tt.want)
		}
	}
	for _, bad := range []struct {
		id   string
		part Part
		unit string
		kind court.ErrorKind
	}{
		{"filed", PartDenominator, "", court.Invalid},     // a count has no denominator
		{"median_days", PartNumerator, "", court.Invalid}, // a median has no numerator
		{"nonesuch", PartNumerator, "", court.NotFound},
		{"filed", PartNumerator, "无此法院", court.NotFound},
	} {
		q.Unit = bad.unit
		if _, err := e.DrillDown(q, bad.id, bad.part); court.KindOf(err) != bad.kind {
			t.Errorf("%s %v %q: err %v", bad.id, bad.part, bad.unit, err)
		}
	}
}
