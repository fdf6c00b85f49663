package assessment

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/zhixiao/zhixiao/internal/court"
)

// tinyScheme: 结案 60 (linear weighted_closed), 纪律 40 (负面清单 from full).
func tinyScheme() *Scheme {
	return &Scheme{Court: 1, Code: "t", Name: "测试方案", Category: "员额法官", From: "2025-01-01", Rank: true,
		Groups: []Group{
			{Name: "办案", Weight: 60, Items: []Item{ind("A", "加权结案数", 60, "weighted_closed", MethodLinear, nil)}},
			{Name: "纪律", Weight: 40, Items: []Item{
				events("B", "负面清单", 20, 1, ev("迟到早退", -5, 10)),
				outcome("C", "投诉查实", 20, 1, ev("投诉查实", -10, 20)),
			}},
		}, Grades: DefaultGrades()}
}

type fakeValues map[string]map[string]Value

func (f fakeValues) Values(p court.Period, units, ids []string) (map[string]map[string]Value, map[string]string, error) {
	return f, map[string]string{"weighted_closed": "加权结案数"}, nil
}

type fakeOutcomes []court.Outcome

func (f fakeOutcomes) Outcomes(ctx context.Context, courtID int64, from, to court.Date) ([]court.Outcome, error) {
	return f, nil
}

func TestComputeMonth(t *testing.T) {
	s := tinyScheme()
	p, _ := MonthPeriod("2025-03")
	day := p.From + 4
	people := []Person{
		{ID: 1, Name: "甲", Court: 1, Category: "员额法官", Unit: "院/庭/甲"},
		{ID: 2, Name: "乙", Court: 1, Category: "员额法官", Unit: "院/庭/乙"},
		{ID: 3, Name: "丙", Court: 1, Category: "员额法官", Unit: "院/庭/丙"},
		{ID: 4, Name: "丁", Court: 1, Category: "书记员"},
	}
	vals := fakeValues{
		"院/庭/甲": {"weighted_closed": {Num: 30, V: 30, Valid: true}},
		"院/庭/乙": {"weighted_closed": {Num: 20, V: 20, Valid: true}},
		"院/庭/丙": {"weighted_closed": {Num: 10, V: 10, Valid: true}},
	}
	entries := []Entry{
		{Person: 1, Item: "B", Event: "迟到早退", Day: day, Evidence: "考勤记录"},
		{Person: 1, Item: "B", Event: "迟到早退", Day: day + 1},
		{Person: 1, Item: "B", Event: "迟到早退", Day: day + 2},    // 3 × −5 capped at −10
		{Person: 2, Item: "B", Event: "迟到早退", Day: p.From - 1}, // last month: ignored
	}
	outs := fakeOutcomes{{Person: 3, Kind: court.OutcomeComplaintUpheld, Day: day, Ref: "诉求2025-001"}, {Person: 9, Kind: court.OutcomeComplaintUpheld, Day: day}}
	src := Sources{Indicators: vals, Outcomes: []OutcomeSource{outs}}
	members := Members(people, s)
	if len(members) != 3 {
		t.Fatalf("members %d, want 3", len(members))
	}
	in, err := src.Gather(context.Background(), s, p, members, entries)
	if err != nil {
		t.Fatal(err)
	}
	tb, err := Compute(in)
	if err != nil {
		t.Fatal(err)
	}
	// 甲: 60 + (20−10) + 20 = 90; 乙: 30 + 20 + 20 = 70; 丙: 0 + 20 + 10 = 30
	want := []struct {
		name  string
		total float64
		rank  int
	}{{"甲", 90, 1}, {"乙", 70, 2}, {"丙", 30, 3}}
	for i, w := range want {
		got := tb.Scores[i]
		if got.Person.Name != w.name || got.Total != w.total || got.Rank != w.rank {
			t.Errorf("row %d: %s %v #%d, want %s %v #%d", i, got.Person.Name, got.Total, got.Rank, w.name, w.total, w.rank)
		}
	}
	b := tb.Scores[0].Groups[1].Items[0]
	if b.Points != 10 || !strings.Contains(b.Rule, "封顶") || len(b.Inputs) != 3 || b.Inputs[0].Value != "考勤记录" {
		t.Errorf("甲's 负面清单: %+v", b)
	}
	c := tb.Scores[2].Groups[1].Items[1]
	if c.Points != 10 || len(c.Inputs) != 1 || c.Inputs[0].Value != "诉求2025-001" {
		t.Errorf("丙's 投诉查实: %+v", c)
	}
	a := tb.Scores[1].Groups[0].Items[0]
	if a.Inputs[0].Indicator != "weighted_closed" || a.Inputs[0].Label != "加权结案数" {
		t.Errorf("乙's indicator input: %+v", a.Inputs)
	}

	s.Rank = false
	tb2, _ := Compute(in)
	if tb2.Scores[0].Rank != 0 {
		t.Errorf("unranked scheme shows rank %d", tb2.Scores[0].Rank)
	}
}

func TestRankTies(t *testing.T) {
	ss := []Score{{Person: Person{ID: 1, Name: "a"}, Total: 80}, {Person: Person{ID: 2, Name: "b"}, Total: 90}, {Person: Person{ID: 3, Name: "c"}, Total: 80}, {Person: Person{ID: 4, Name: "d"}, Total: 70}}
	RankScores(ss)
	var got []int
	for _, s := range ss {
		got = append(got, s.Rank)
	}
	if want := []int{1, 2, 2, 4}; !equalInts(got, want) {
		t.Errorf("ranks %v, want %v", got, want)
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestCompareWhatIf(t *testing.T) {
	a := &Table{Scores: []Score{{Person: Person{ID: 1, Name: "甲"}, Total: 90}, {Person: Person{ID: 2, Name: "乙"}, Total: 80}, {Person: Person{ID: 3, Name: "丙"}, Total: 70}}}
	b := &Table{Scores: []Score{{Person: Person{ID: 1, Name: "甲"}, Total: 75}, {Person: Person{ID: 2, Name: "乙"}, Total: 80}, {Person: Person{ID: 3, Name: "丙"}, Total: 85}}}
	ms := Compare(a, b)
	if len(ms) != 3 || ms[0].Person.Name != "丙" || ms[0].Delta != 2 || ms[1].Person.Name != "甲" || ms[1].Delta != -2 || ms[2].Delta != 0 {
		t.Errorf("moves: %+v", ms)
	}
}

// TestDepartmentRule: a rule "of department" reads the person's
// department's figure and compares it among the group's departments.
func TestDepartmentRule(t *testing.T) {
	s := &Scheme{Court: 1, Code: "a", Name: "助理", Category: "法官助理", From: "2025-01-01",
		Groups: []Group{{Name: "辅助", Weight: 100, Items: []Item{
			ind("W", "部门结案", 100, "closed", MethodLinear, func(r *Rule) { r.Of = OfDepartment }),
		}}}, Grades: DefaultGrades()}
	p, _ := MonthPeriod("2025-03")
	people := []Person{
		{ID: 1, Name: "甲", Court: 1, Category: "法官助理", Unit: "院/一庭/甲", DeptUnit: "院/一庭"},
		{ID: 2, Name: "乙", Court: 1, Category: "法官助理", Unit: "院/二庭/乙", DeptUnit: "院/二庭"},
		{ID: 3, Name: "丙", Court: 1, Category: "法官助理", Unit: "院/一庭/丙", DeptUnit: "院/一庭"},
	}
	vals := fakeValues{
		"院/一庭":   {"closed": {V: 40, Valid: true}},
		"院/二庭":   {"closed": {V: 20, Valid: true}},
		"院/一庭/甲": {"closed": {V: 1, Valid: true}}, // their own: not read
	}
	in, err := Sources{Indicators: vals}.Gather(context.Background(), s, p, people, nil)
	if err != nil {
		t.Fatal(err)
	}
	tb, err := Compute(in)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]float64{}
	for _, sc := range tb.Scores {
		got[sc.Person.Name] = sc.Total
	}
	// 一庭 40 is the best (100), 二庭 20 the worst (0)
	if got["甲"] != 100 || got["丙"] != 100 || got["乙"] != 0 {
		t.Errorf("totals %v", got)
	}
	it := tb.Scores[0].Groups[0].Items[0]
	if !it.Inputs[0].Department || it.Inputs[0].Label != "所在部门部门结案" && !strings.HasPrefix(it.Inputs[0].Label, "所在部门") || strings.Contains(it.Rule, "本人") {
		t.Errorf("explanation: %+v", it)
	}
	bad := s.Copy()
	bad.Groups[0].Items[0].Rule.Of = "court"
	if err := bad.Validate(); err == nil || !strings.Contains(err.Error(), "取数对象“court”无效") {
		t.Errorf("bad of: %v", err)
	}
}

func TestGroupingsOf(t *testing.T) {
	for _, tt := range []struct {
		units []string
		want  string
	}{
		{nil, "[judge]"},
		{[]string{"院/庭/甲"}, "[judge]"},
		{[]string{"院/庭"}, "[department]"},
		{[]string{"院/庭/甲", "院/庭"}, "[judge department]"},
		{[]string{}, "[]"},
	} {
		if got := fmt.Sprint(groupingsOf(tt.units)); got != tt.want {
			t.Errorf("%v: %s, want %s", tt.units, got, tt.want)
		}
	}
}

// TestDistributeBins: a group between 71.5 and 79 gets 2-point bars from
// 70 to 80, the person's bar marked; a wide group keeps 10-point bars.
func TestDistributeBins(t *testing.T) {
	tab := &Table{}
	for i, v := range []float64{71.54, 74.13, 74.2, 75.5, 79.03} {
		tab.Scores = append(tab.Scores, Score{Person: Person{ID: int64(i + 1)}, Total: v})
	}
	d := Distribute(tab, 2)
	var got []string
	for _, b := range d.Bins {
		s := fmt.Sprintf("%s:%d", b.Label, b.Count)
		if b.Own {
			s += "*"
		}
		got = append(got, s)
	}
	if want := "70–72:1 72–74:0 74–76:3* 76–78:0 78–80:1"; strings.Join(got, " ") != want {
		t.Errorf("bins %v, want %s", got, want)
	}
	tab.Scores[0].Total = 12
	if d = Distribute(tab, 0); len(d.Bins) != 7 || d.Bins[0].Label != "10–20" || d.Bins[6].Label != "70–80" {
		t.Errorf("wide bins: %+v", d.Bins)
	}
}
