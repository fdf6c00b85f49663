package assessment

import (
	"testing"
)

// monthTable makes a month's table of ten people from their totals.
func monthTable(totals map[int64]float64) *Table {
	t := &Table{}
	for id := int64(1); id <= 10; id++ {
		t.Scores = append(t.Scores, Score{Person: Person{ID: id, Name: string(rune('A' + id))}, Total: totals[id]})
	}
	RankScores(t.Scores)
	return t
}

// TestWarningsOverMonths steps a fake monthly clock: person 10 is last three
// months running, person 9 last in months 2 and 3, person 8 in month 3 only.
func TestWarningsOverMonths(t *testing.T) {
	base := func() map[int64]float64 {
		m := map[int64]float64{}
		for id := int64(1); id <= 10; id++ {
			m[id] = 90 - float64(id)
		}
		return m
	}
	m1 := base() // person 10 lowest
	m2 := base()
	m2[9], m2[10] = 50, 50 // tie at the bottom: both in
	m3 := base()
	m3[8], m3[9], m3[10] = 40, 40, 40
	var months []*Table
	want := []map[int64]string{
		{10: Blue},
		{10: Yellow, 9: Blue},
		{10: Red, 9: Yellow, 8: Blue},
	}
	for step, totals := range []map[int64]float64{m1, m2, m3} {
		months = append(months, monthTable(totals))
		ws := Warnings(DefaultWarnings(), months)
		got := map[int64]string{}
		for _, w := range ws {
			got[w.Person.ID] = w.Color
			if (w.Color == Red) != w.NeedsInterview {
				t.Errorf("month %d: %d %s needs interview %v", step+1, w.Person.ID, w.Color, w.NeedsInterview)
			}
		}
		if len(got) != len(want[step]) {
			t.Errorf("month %d: warnings %v, want %v", step+1, got, want[step])
		}
		for id, c := range want[step] {
			if got[id] != c {
				t.Errorf("month %d: person %d %q, want %q", step+1, id, got[id], c)
			}
		}
	}
	// a month out of the bottom breaks the run
	m4 := base()
	m4[10] = 95
	months = append(months, monthTable(m4))
	for _, w := range Warnings(DefaultWarnings(), months) {
		if w.Person.ID == 10 {
			t.Errorf("month 4: person 10 still warned %s", w.Color)
		}
	}
}

// TestWarningRateWilson: a rate rule does not fire for a person whose 95%
// interval overlaps the group median (2 of 3 cases), but fires for one with
// many cases (60 of 100).
func TestWarningRateWilson(t *testing.T) {
	rule := WarningRule{Color: Blue, Months: 1, Bottom: 0.2, Indicator: "within_limit_rate"}
	tb := &Table{}
	add := func(id int64, num, den float64) {
		tb.Scores = append(tb.Scores, Score{Person: Person{ID: id}, Values: map[string]Value{
			"within_limit_rate": {Num: num, Den: den, HasDen: true, Rate: true, V: num / den, Valid: true}}})
	}
	for id := int64(1); id <= 8; id++ {
		add(id, 90, 100) // median 0.9
	}
	add(9, 2, 3)     // 0.667, Wilson ≈ [0.21, 0.94] overlaps 0.9
	add(10, 60, 100) // 0.6, Wilson ≈ [0.50, 0.69]
	b := Bottom(rule, tb)
	if !b[10] || b[9] || len(b) != 1 {
		t.Errorf("bottom %v, want only 10", b)
	}
}

func TestGrades(t *testing.T) {
	var months []*Table
	totals := []float64{95, 93, 91, 85, 80, 75, 72, 65, 62, 50}
	for m := 0; m < 2; m++ {
		tb := &Table{}
		for i, v := range totals {
			tb.Scores = append(tb.Scores, Score{Person: Person{ID: int64(i + 1), Category: "员额法官"}, Total: v + float64(m)*2})
		}
		months = append(months, tb)
	}
	year := Rollup(months)
	if year[0].Average != 96 || year[0].Months != 2 {
		t.Fatalf("roll-up: %+v", year[0])
	}
	Grade(year, DefaultGrades(), map[int64]string{9: GradeBasic})
	// quota 20% of 10 = 2 优秀, though 3 are ≥ 90
	want := []string{"优秀", "优秀", "称职", "称职", "称职", "称职", "称职", "基本称职", "基本称职", "不称职"}
	for i, w := range want {
		if year[i].Grade != w {
			t.Errorf("#%d (%v): %s, want %s", i+1, year[i].Average, year[i].Grade, w)
		}
	}
	if year[8].Consequence != "连续两年基本称职：应当退出员额" || year[9].Consequence != "年度考核不称职：应当退出员额" || year[7].Consequence == "" {
		t.Errorf("consequences: %q %q %q", year[7].Consequence, year[8].Consequence, year[9].Consequence)
	}
	if Consequence("书记员", GradeFail, "") != "" {
		t.Error("书记员 outside the 员额 got a 员额 consequence")
	}
}

func TestGradeQuarterly(t *testing.T) {
	q := []PeriodScore{{Average: 95}, {Average: 92}, {Average: 91}, {Average: 80}, {Average: 70}, {Average: 60}, {Average: 60}, {Average: 50}, {Average: 40}, {Average: 30}}
	GradeQuarterly(q, DefaultGrades())
	// quota 2 of 10: 95 and 92; 91 is above the line but beyond the quota
	if q[0].Grade != QuarterExcellent || q[1].Grade != QuarterExcellent || q[2].Grade != "" {
		t.Errorf("quarter: %+v", q[:3])
	}
	low := []PeriodScore{{Average: 85}, {Average: 80}, {Average: 70}, {Average: 60}, {Average: 50}}
	GradeQuarterly(low, DefaultGrades())
	if low[0].Grade != "" {
		t.Errorf("85 under the 90 line was selected")
	}
}

func TestBottomAllTied(t *testing.T) {
	tb := &Table{Scores: []Score{{Person: Person{ID: 1}, Total: 80}, {Person: Person{ID: 2}, Total: 80}, {Person: Person{ID: 3}, Total: 80}}}
	if b := Bottom(WarningRule{Color: Blue, Months: 1, Bottom: 0.1}, tb); len(b) != 0 {
		t.Errorf("a fully tied group has a bottom: %v", b)
	}
	tb.Scores[2].Total = 70
	if b := Bottom(WarningRule{Color: Blue, Months: 1, Bottom: 0.1}, tb); len(b) != 1 || !b[3] {
		t.Errorf("bottom %v, want 3", b)
	}
}
