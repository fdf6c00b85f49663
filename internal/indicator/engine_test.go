package indicator

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/zhixiao/zhixiao/internal/court"
	"github.com/zhixiao/zhixiao/internal/demo"
)

func TestGroupings(t *testing.T) {
	e := engineFor(t, weightSet())
	ids := e.Definitions().IDs()
	for _, tt := range []struct {
		g     Grouping
		units []string
	}{
		{ByAll, []string{AllUnit}},
		// Listed courts first, in the Source's order.
		{ByCourt, []string{midCourt, basicCourt}},
		{ByDepartment, []string{basicCourt + "/刑庭", basicCourt + "/执行局", basicCourt + "/民一庭", basicCourt + "/民二庭"}},
		// 承办人, panel members, and 在岗员额法官 without cases (none here).
		{ByJudge, []string{basicCourt + "/刑庭/孙七", basicCourt + "/执行局/赵六", basicCourt + "/民一庭/张三",
			basicCourt + "/民一庭/李四", basicCourt + "/民一庭/王五", basicCourt + "/民二庭/李四"}},
	} {
		rs, err := e.Evaluate(Query{Period: P, By: tt.g})
		if err != nil {
			t.Fatal(err)
		}
		if len(rs) != len(tt.units)*len(ids) {
			t.Fatalf("%v: %d results, want %d", tt.g, len(rs), len(tt.units)*len(ids))
		}
		for k, r := range rs {
			if r.UnitType != tt.g.String() || r.Unit != tt.units[k/len(ids)] || r.Indicator != ids[k%len(ids)] {
				t.Errorf("%v result %d: %s %s %s", tt.g, k, r.UnitType, r.Unit, r.Indicator)
			}
		}
	}
}

func TestResultJSON(t *testing.T) {
	e := engineFor(t, basicSet())
	rs, err := e.Evaluate(Query{Period: P, By: ByCourt, Indicators: []string{"filed", "closure_rate", "median_days", "exec_recovery_rate"}})
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(rs)
	if err != nil {
		t.Fatal(err)
	}
	want := `[{"unit_type":"court","unit":"第一中级人民法院","indicator":"filed","numerator":0,"denominator":null,"value":0},` +
		`{"unit_type":"court","unit":"第一中级人民法院","indicator":"closure_rate","numerator":0,"denominator":0,"value":null},` +
		`{"unit_type":"court","unit":"第一中级人民法院","indicator":"median_days","numerator":null,"denominator":0,"value":null},` +
		`{"unit_type":"court","unit":"第一中级人民法院","indicator":"exec_recovery_rate","numerator":0,"denominator":0,"value":null},` +
		`{"unit_type":"court","unit":"东城区人民法院","indicator":"filed","numerator":4,"denominator":null,"value":4},` +
		`{"unit_type":"court","unit":"东城区人民法院","indicator":"closure_rate","numerator":3,"denominator":6,"value":0.5},` +
		`{"unit_type":"court","unit":"东城区人民法院","indicator":"median_days","numerator":null,"denominator":3,"value":31},` +
		`{"unit_type":"court","unit":"东城区人民法院","indicator":"exec_recovery_rate","numerator":0,"denominator":0,"value":null}]`
	if string(b) != want {
		t.Errorf("JSON:\n%s\nwant\n%s", b, want)
	}
	var back []Result
	if err := json.Unmarshal(b, &back); err != nil || back[1].Value.Valid || back[5].Value.V != 0.5 {
		t.Errorf("round trip: %v %+v", err, back)
	}
}

func TestOneDayPeriods(t *testing.T) {
	src := &memSource{cases: []court.Case{
		cs("（2025）京0101民初1号", "2025-03-01", "2025-03-01"), // filed and closed that day: 新收 + 已结
		cs("（2025）京0101民初2号", "2025-03-01", ""),           // filed that day: 新收 + 未结
		cs("（2025）京0101民初3号", "2025-02-01", "2025-03-01"), // closed that day: 旧存 + 已结
		cs("（2025）京0101民初4号", "2025-02-01", "2025-03-02"), // closed the next day: 旧存 + 未结
		cs("（2025）京0101民初5号", "2025-02-01", "2025-02-28"), // closed the day before: nothing
		cs("（2025）京0101民初6号", "2025-03-02", ""),           // filed the next day: nothing
	}}
	checkAll(t, src, period("2025-03-01", "2025-03-01"), []want{
		{id: "filed", num: Num(2), den: null, val: Num(2)},
		{id: "pending_start", num: Num(2), den: null, val: Num(2)},
		{id: "closed", num: Num(2), den: null, val: Num(2)},
		{id: "pending_end", num: Num(2), den: null, val: Num(2)},
		// 2 / 2 × days(P) = 1.
		{id: "disposition_time", num: Num(2), den: Num(2), val: Num(1)},
		// 0 and 28 days: (0 + 28) / 2 = 14.
		{id: "median_days", num: null, den: Num(2), val: Num(14)},
		{id: "age_0_90", num: Num(2), den: null, val: Num(2)},
	})
}

func TestLeapDays(t *testing.T) {
	src := &memSource{cases: []court.Case{
		cs("（2024）京0101民初1号", "2024-02-29", "2024-03-01"), // one day
		cs("（2024）京0101民初2号", "2024-02-28", "2024-02-29"), // closed on the leap day
		cs("（2024）京0101民初3号", "2023-03-01", ""),           // pending: 366 days old on 2024-03-01
		cs("（2023）京0101民初4号", "2023-02-28", "2023-02-28"), // closed on 2023-02-28, the 同比 day of 2024-02-29
	}}
	// February 2024 has 29 days: closed 1 (民初2), pending at T1 民初1 and 民初3 → 2 / 1 × 29.
	checkAll(t, src, period("2024-02-01", "2024-02-29"), []want{
		{id: "disposition_time", num: Num(2), den: Num(1), val: Num(58)},
		{id: "closed", num: Num(1), den: null, val: Num(1)},
	})
	// 2023-03-01 to 2024-03-01 is 366 days: over 12 months.
	checkAll(t, src, period("2024-03-01", "2024-03-01"), []want{
		{id: "over_12m_ratio", num: Num(1), den: Num(1), val: Num(1)},
		{id: "avg_days", num: Num(1), den: Num(1), val: Num(1)},
	})
	e := engineFor(t, src)
	cur, prev, err := e.YearOverYear(Query{Period: period("2024-02-29", "2024-02-29"), Indicators: []string{"closed"}})
	if err != nil {
		t.Fatal(err)
	}
	// 同比 of 2024-02-29 is 2023-02-28 (court.Period.YearBefore).
	if cur[0].Value.V != 1 || prev[0].Value.V != 1 {
		t.Errorf("leap day 同比: %v and %v, want 1 and 1", show(cur[0].Value), show(prev[0].Value))
	}
}

func TestSeries(t *testing.T) {
	e := engineFor(t, basicSet())
	pts, err := e.Series(Query{Period: period("2024-12-15", "2025-03-10"), Indicators: []string{"closed", "filed"}})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range pts {
		got = append(got, p.Period.String())
	}
	want := []string{"2024-12-15至2024-12-31", "2025-01-01至2025-01-31", "2025-02-01至2025-02-28", "2025-03-01至2025-03-10"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Fatalf("months %q, want %q", got, want)
	}
	// Closed: 民初1 on 12-31; 民初2 on 01-01; 民初5 on 03-01. Filed: 民初3 12-15, 民初4 01-01, 民初5 03-01.
	for k, w := range [][2]float64{{1, 1}, {1, 1}, {0, 0}, {1, 1}} {
		if c, f := pts[k].Results[0].Value.V, pts[k].Results[1].Value.V; c != w[0] || f != w[1] {
			t.Errorf("%s: closed %v filed %v, want %v", pts[k].Period, c, f, w)
		}
	}
}

func TestQueryErrors(t *testing.T) {
	e := engineFor(t, basicSet())
	for _, tt := range []struct {
		name string
		q    Query
		kind court.ErrorKind
	}{
		{"T1 before T0", Query{Period: period("2025-06-30", "2025-01-01")}, court.Invalid},
		{"no period", Query{}, court.Invalid},
		{"unknown indicator", Query{Period: P, Indicators: []string{"happiness"}}, court.NotFound},
		{"unknown unit", Query{Period: P, Unit: "火星法院"}, court.NotFound},
		{"unknown version", Query{Period: P, Versions: map[string]int{"filed": 9}}, court.NotFound},
	} {
		_, err := e.Evaluate(tt.q)
		if court.KindOf(err) != tt.kind || court.Message(err) == "内部错误" {
			t.Errorf("%s: %v", tt.name, err)
		}
	}
}

// TestMemoryPerCase measures the snapshot and the plan in force on 示例市:
// at most 64 bytes a case.
func TestMemoryPerCase(t *testing.T) {
	if testing.Short() {
		t.Skip("demo data: skipped in -short")
	}
	ds := demo.Generate(demo.Config{Seed: 1, Cases: 100000})
	e := engineFor(t, &memSource{courts: ds.Courts, people: ds.People, cases: ds.Cases, funds: ds.Funds, meds: ds.Mediations})
	if err := e.Prepare(Query{Period: period("2025-01-01", "2025-06-30")}); err != nil {
		t.Fatal(err)
	}
	per := float64(e.MemoryBytes()) / float64(e.Snapshot().Len())
	t.Logf("%.1f bytes a case (snapshot %.1f) over %d cases", per, float64(e.Snapshot().MemoryBytes())/float64(e.Snapshot().Len()), e.Snapshot().Len())
	if per > 64 {
		t.Errorf("%.1f bytes a case, want at most 64", per)
	}
}

func TestUnitWithoutCases(t *testing.T) {
	src := basicSet()
	src.people = []court.Person{{Court: basicCourt, Department: "政治部", Name: "钱一", Category: court.CategoryAdmin, Active: true}}
	e := engineFor(t, src)
	q := Query{Period: P, Unit: basicCourt + "/政治部"}
	rs, err := e.Evaluate(q)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rs {
		if r.Numerator.V != 0 || r.Denominator.V != 0 || (r.Value.Valid && r.Value.V != 0) {
			t.Errorf("%s: %v/%v=%v", r.Indicator, show(r.Numerator), show(r.Denominator), show(r.Value))
		}
	}
	if list, err := e.DrillDown(q, "closed", PartNumerator); err != nil || len(list) != 0 {
		t.Errorf("drill-down: %q %v", list, err)
	}
}
