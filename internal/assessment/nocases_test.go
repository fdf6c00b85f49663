package assessment

import (
	"context"
	"strings"
	"testing"

	"github.com/zhixiao/zhixiao/internal/court"
)

// noCaseScheme: 审判 60 (A 功效系数 and L 线性 on 加权结案数, 20 each; B
// 审限内结案率 linear 20, 80% without data), 纪律 40 (负面清单 from full);
// 本月无办案 decided by weighted_closed.
func noCaseScheme() *Scheme {
	return &Scheme{Court: 1, Code: "nc", Name: "无办案测试方案", Category: "员额法官", From: "2025-01-01", Rank: true,
		WorkloadIndicator: "weighted_closed",
		Groups: []Group{
			{Name: "审判", Weight: 60, Items: []Item{
				ind("A", "加权结案数（功效）", 20, "weighted_closed", MethodEfficacy, nil),
				ind("L", "加权结案数（线性）", 20, "weighted_closed", MethodLinear, nil),
				ind("B", "审限内结案率", 20, "within_limit_rate", MethodLinear, func(r *Rule) { r.NoData = 0.8 }),
			}},
			{Name: "纪律", Weight: 40, Items: []Item{events("C", "负面清单", 40, 1, ev("迟到早退", -5, 20))}},
		},
		Warnings: DefaultWarnings(), Grades: DefaultGrades()}
}

// noCaseMonth computes a month of three judges: 甲 (加权结案数 30, 审限内
// 9/10), 乙 (10, 3/5) and 丙, who closed nothing (加权结案数 0, no rate);
// late is how many times 丙 came late (5 points each, at most 20).
func noCaseMonth(t *testing.T, s *Scheme, month string, late int) *Table {
	t.Helper()
	p, _ := MonthPeriod(month)
	people := []Person{
		{ID: 1, Name: "甲", Court: 1, Category: "员额法官", Unit: "院/庭/甲"},
		{ID: 2, Name: "乙", Court: 1, Category: "员额法官", Unit: "院/庭/乙"},
		{ID: 3, Name: "丙", Court: 1, Category: "员额法官", Unit: "院/立案庭/丙"},
	}
	vals := fakeValues{
		"院/庭/甲":   {"weighted_closed": {Num: 30, V: 30, Valid: true}, "within_limit_rate": {Num: 9, Den: 10, HasDen: true, Rate: true, V: 0.9, Valid: true}},
		"院/庭/乙":   {"weighted_closed": {Num: 10, V: 10, Valid: true}, "within_limit_rate": {Num: 3, Den: 5, HasDen: true, Rate: true, V: 0.6, Valid: true}},
		"院/立案庭/丙": {"weighted_closed": {V: 0, Valid: true}, "within_limit_rate": {HasDen: true, Rate: true}},
	}
	var entries []Entry
	for k := range late {
		entries = append(entries, Entry{Person: 3, Item: "C", Event: "迟到早退", Day: p.From + court.Date(k)})
	}
	in, err := Sources{Indicators: vals}.Gather(context.Background(), s, p, people, entries)
	if err != nil {
		t.Fatal(err)
	}
	tb, err := Compute(in)
	if err != nil {
		t.Fatal(err)
	}
	return tb
}

func scoreOf(t *testing.T, tb *Table, name string) Score {
	t.Helper()
	for _, s := range tb.Scores {
		if s.Person.Name == name {
			return s
		}
	}
	t.Fatalf("no score of %s", name)
	return Score{}
}

func itemOf(s Score, id string) ItemScore {
	for _, g := range s.Groups {
		for _, it := range g.Items {
			if it.ID == id {
				return it
			}
		}
	}
	return ItemScore{}
}

// TestNoCasesNotRanked: with the setting, 丙 is listed but not ranked and
// the group's figures are 甲's and 乙's alone:
//
//	加权结案数 min 10, max 30; 审限内结案率 min 0.6, max 0.9.
//	甲: A 20 × (60 + 40 × 1)/100 = 20, L 20, B 20, C 40 → 100, rank 1.
//	乙: A 20 × (60 + 40 × 0)/100 = 12, L 0, B 0, C 40 → 52, rank 2.
//	丙: A 12 (0 is below the minimum: normalised 0), L 0, B 0.8 × 20 = 16,
//	    C 40 → 68, 本月无办案, rank 0, listed last.
//
// Without the setting 丙 (68) would outrank 乙, whose figures the group's
// minimum of 0 also moved (A 14.67, L 6.67 → 61.34).
func TestNoCasesNotRanked(t *testing.T) {
	tb := noCaseMonth(t, noCaseScheme(), "2025-12", 0)
	want := []struct {
		name    string
		total   float64
		rank    int
		noCases bool
	}{{"甲", 100, 1, false}, {"乙", 52, 2, false}, {"丙", 68, 0, true}}
	for i, w := range want {
		got := tb.Scores[i]
		if got.Person.Name != w.name || got.Total != w.total || got.Rank != w.rank || got.NoCases != w.noCases {
			t.Errorf("row %d: %s %v #%d 无办案=%v, want %s %v #%d %v", i, got.Person.Name, got.Total, got.Rank, got.NoCases, w.name, w.total, w.rank, w.noCases)
		}
	}
	yi := scoreOf(t, tb, "乙")
	if a, l := itemOf(yi, "A"), itemOf(yi, "L"); a.Points != 12 || l.Points != 0 {
		t.Errorf("乙: A %v L %v, want 12 and 0 (group minimum is 乙's own 10)", a.Points, l.Points)
	}
	var peers string
	for _, in := range itemOf(yi, "A").Inputs {
		if strings.HasPrefix(in.Label, "同组") {
			peers = in.Label + "：" + in.Value
		}
	}
	if peers != "同组 2 人：最低 / 平均 / 最高：10 / 20 / 30" {
		t.Errorf("peer input %q, want the two judges with cases only", peers)
	}
	bing := scoreOf(t, tb, "丙")
	if !strings.Contains(bing.NoCasesReason, "本月无办案") || !strings.Contains(bing.NoCasesReason, "加权结案数") || !strings.Contains(bing.NoCasesReason, "不参加排名") {
		t.Errorf("丙's reason %q should say 本月无办案, which indicator and what follows", bing.NoCasesReason)
	}
	if yi.NoCasesReason != "" {
		t.Errorf("乙 has cases but a reason %q", yi.NoCasesReason)
	}

	// The same month without the setting: the trap the setting closes.
	off := noCaseScheme()
	off.WorkloadIndicator = ""
	tb = noCaseMonth(t, off, "2025-12", 0)
	if got := scoreOf(t, tb, "丙"); got.Rank != 2 || got.Total != 68 || got.NoCases {
		t.Errorf("without the setting 丙: %v #%d, want 68 #2", got.Total, got.Rank)
	}
	if got := scoreOf(t, tb, "乙"); got.Rank != 3 || got.Total != 61.34 {
		t.Errorf("without the setting 乙: %v #%d, want 61.34 #3", got.Total, got.Rank)
	}
}

// TestNoCasesWarningsAndDistribution: 丙 late four times (C 20, total 48)
// is the lowest of the three but not in the bottom 10% (乙 is: ceil(2 ×
// 0.1) = 1 of the two ranked), nor in the anonymous distribution.
func TestNoCasesWarningsAndDistribution(t *testing.T) {
	s := noCaseScheme()
	tb := noCaseMonth(t, s, "2025-12", 4)
	if got := scoreOf(t, tb, "丙"); got.Total != 48 || !got.NoCases {
		t.Fatalf("丙 %v 无办案=%v, want 48 true", got.Total, got.NoCases)
	}
	bottom := Bottom(DefaultWarnings()[0], tb)
	if len(bottom) != 1 || !bottom[2] {
		t.Errorf("bottom %v, want 乙 (2) alone", bottom)
	}
	ws := Warnings(s.Warnings, []*Table{noCaseMonth(t, s, "2025-10", 4), noCaseMonth(t, s, "2025-11", 4), tb})
	if len(ws) != 1 || ws[0].Person.Name != "乙" || ws[0].Color != Red {
		t.Errorf("warnings %+v, want 乙 红 alone", ws)
	}

	d := Distribute(tb, 3)
	if d.N != 2 || d.Min != 52 || d.Max != 100 || d.Mean != 76 || d.NoCases != 1 || !d.OwnNoCases {
		t.Errorf("丙's distribution %+v, want 2 people 52–100 mean 76, one 无办案 (丙)", d)
	}
	for _, b := range d.Bins {
		if b.Own {
			t.Errorf("bin %s marked as 丙's own", b.Label)
		}
	}
	if d := Distribute(tb, 2); d.Above != 1 || d.OwnNoCases {
		t.Errorf("乙's distribution: %d above, want 1", d.Above)
	}
}

// TestNoCasesRollup: months 本月无办案 are left out of the mean; a person
// with no other month is listed last, unranked and not graded.
func TestNoCasesRollup(t *testing.T) {
	s := noCaseScheme()
	nov, dec := noCaseMonth(t, s, "2025-11", 0), noCaseMonth(t, s, "2025-12", 0)
	rows := Rollup([]*Table{nov, dec})
	Grade(rows, s.Grades, nil)
	if rows[2].Person.Name != "丙" || !rows[2].NoCases || rows[2].Rank != 0 || rows[2].Grade != "" || rows[2].NoCaseMonths != 2 || rows[2].Average != 68 {
		t.Errorf("丙's roll-up %+v, want last, unranked, ungraded, 2 months 无办案, mean 68", rows[2])
	}
	if rows[1].Person.Name != "乙" || rows[1].Rank != 2 || rows[1].Grade != GradeFail {
		t.Errorf("乙's roll-up %+v, want #2 不称职 (52)", rows[1])
	}

	// 丙 scored in November (closed a case): December is left out of the mean.
	nov.Scores[2].NoCases, nov.Scores[2].Total = false, 70
	rows = Rollup([]*Table{nov, dec})
	for _, r := range rows {
		if r.Person.Name == "丙" && (r.Months != 1 || r.NoCaseMonths != 1 || r.Average != 70 || r.Rank == 0) {
			t.Errorf("丙's roll-up %+v, want 1 month scored (70), 1 无办案, ranked", r)
		}
	}
}

// TestNoCasesCompare: in a what-if, a person 本月无办案 has no rank and no
// move.
func TestNoCasesCompare(t *testing.T) {
	a := noCaseMonth(t, noCaseScheme(), "2025-12", 0)
	off := noCaseScheme()
	off.WorkloadIndicator = ""
	b := noCaseMonth(t, off, "2025-12", 0)
	for _, m := range Compare(a, b) {
		if m.Person.Name == "丙" && (m.RankA != 0 || m.RankB != 2 || m.Delta != 0) {
			t.Errorf("丙's move %+v, want unranked under A, #2 under B, no delta", m)
		}
		if m.Person.Name == "乙" && (m.RankA != 2 || m.RankB != 3 || m.Delta != -1) {
			t.Errorf("乙's move %+v, want #2 → #3", m)
		}
	}
}

// TestNoCasesSettingValidated: the indicator must be one an item reads of
// the person themself.
func TestNoCasesSettingValidated(t *testing.T) {
	s := noCaseScheme()
	s.WorkloadIndicator = "closed"
	err := s.Validate()
	if err == nil || !strings.Contains(err.Error(), "workload_indicator") || !strings.Contains(err.Error(), "closed") {
		t.Errorf("unknown workload indicator: %v", err)
	}
	s = noCaseScheme()
	s.Groups[0].Items[0].Rule.Of = OfDepartment
	s.Groups[0].Items[1].Rule.Of = OfDepartment
	if err := s.Validate(); err == nil {
		t.Error("a workload indicator read of the department only should be refused")
	}
	for _, d := range DefaultSchemes(1) {
		on := d.WorkloadIndicator == "weighted_closed"
		if want := d.Category == "员额法官" || d.Category == CategoryLeader; on != want {
			t.Errorf("default %s: workload_indicator %q", d.Category, d.WorkloadIndicator)
		}
	}
}

// TestNoCasesCountsAndRates: a judge who closed nothing but has a rate
// with cases behind it (结收比 0 of 4 received) handles cases and is
// ranked; a count of 0 is no data.
func TestNoCasesCountsAndRates(t *testing.T) {
	s := noCaseScheme()
	s.Groups[0].Items[2].Rule.Indicator = "clearance"
	p := Person{ID: 1, Unit: "u"}
	in := Inputs{Scheme: s, Values: map[string]map[string]Value{"u": {"weighted_closed": {V: 0, Valid: true}, "clearance": {Num: 0, Den: 4, HasDen: true, Rate: true, V: 0, Valid: true}}}}
	if why, ok := NoCasesReason(in, p); ok {
		t.Errorf("a judge with 4 cases received is 无办案: %s", why)
	}
	in.Values["u"]["clearance"] = Value{HasDen: true, Rate: true}
	if _, ok := NoCasesReason(in, p); !ok {
		t.Error("no case closed nor received should be 无办案")
	}
	if _, ok := NoCasesReason(in, Person{ID: 2}); !ok {
		t.Error("a person without a judge unit should be 无办案")
	}
}
