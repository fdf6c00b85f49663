package indicator_test

import (
	"context"
	"fmt"
	"math"
	"sort"
	"testing"

	"github.com/zhixiao/zhixiao/internal/court"
	"github.com/zhixiao/zhixiao/internal/demo"
	"github.com/zhixiao/zhixiao/internal/importer"
	"github.com/zhixiao/zhixiao/internal/indicator"
	"github.com/zhixiao/zhixiao/internal/store"
	"github.com/zhixiao/zhixiao/internal/store/storetest"
)

// TestEngineAgreesWithSQL is the differential test of issue 4: the demo
// data set is imported into SQLite and PostgreSQL, and the engine (built
// from that store) must give, for every indicator and unit, the numbers of
// the independent SQL implementation (store.DB.IndicatorsSQL): counts
// exactly, everything else to 1e-9 relative.
func TestEngineAgreesWithSQL(t *testing.T) {
	if testing.Short() {
		t.Skip("differential test on demo data: skipped in -short")
	}
	ds := demo.Generate(demo.Config{Seed: 5, Cases: 20000})
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		if _, err := importer.Load(ctx, db, importer.Dataset{Courts: ds.Courts, People: ds.People, Cases: ds.Cases,
			Funds: ds.Funds, Mediations: ds.Mediations}, "demo", "sqldiff"); err != nil {
			t.Fatal(err)
		}
		e, err := indicator.New(ctx, db, nil)
		if err != nil {
			t.Fatal(err)
		}
		for _, q := range diffCases() {
			name := fmt.Sprintf("%s/%s/%s%s", q.p, q.by, q.f.Kind, q.f.Level)
			rs, err := e.Evaluate(indicator.Query{Period: q.p, By: q.by, Filter: engineFilter(q.f)})
			if err != nil {
				t.Fatalf("%s: engine: %v", name, err)
			}
			ss, err := db.IndicatorsSQL(ctx, q.p, store.SQLGrouping(q.by.String()), q.f)
			if err != nil {
				t.Fatalf("%s: SQL: %v", name, err)
			}
			compareEngineSQL(t, name, rs, ss)
		}
	})
}

// TestEngineAgreesWithSQLOnEdges runs the same comparison on a small hand-made
// data set of edge cases the demo may lack: chains that loop, 原审 not
// stored, panel members from another department, two judges of one name,
// cases filed and closed on T0, T1 and 2月29日, receipts of unknown cases.
func TestEngineAgreesWithSQLOnEdges(t *testing.T) {
	periods := []court.Period{
		diffPeriod("2024-02-29", "2024-02-29"), diffPeriod("2024-01-01", "2024-03-31"),
		diffPeriod("2024-03-01", "2025-02-28"), diffPeriod("2023-01-01", "2025-12-31"),
	}
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		if _, err := importer.Load(ctx, db, edgeDataset(t), "edges", "sqldiff"); err != nil {
			t.Fatal(err)
		}
		e, err := indicator.New(ctx, db, nil)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range periods {
			for g := indicator.ByAll; g <= indicator.ByJudge; g++ {
				for _, f := range []store.SQLFilter{{}, {Kind: "民事"}, {Level: "一审"}} {
					name := fmt.Sprintf("%s/%s/%s%s", p, g, f.Kind, f.Level)
					rs, err := e.Evaluate(indicator.Query{Period: p, By: g, Filter: engineFilter(f)})
					if err != nil {
						t.Fatalf("%s: engine: %v", name, err)
					}
					ss, err := db.IndicatorsSQL(ctx, p, store.SQLGrouping(g.String()), f)
					if err != nil {
						t.Fatalf("%s: SQL: %v", name, err)
					}
					compareEngineSQL(t, name, rs, ss)
				}
			}
		}
	})
}

// edgeDataset is the data set of TestEngineAgreesWithSQLOnEdges.
func edgeDataset(t *testing.T) importer.Dataset {
	const a, b = "边城区人民法院", "边城市中级人民法院"
	ds := importer.Dataset{
		Courts: []court.Court{{Name: a, Code: "边01", Level: court.CourtBasic, Parent: b}, {Name: b, Code: "边1", Level: court.CourtIntermediate}},
		People: []court.Person{
			{Court: a, Department: "民一庭", Name: "林一", StaffNo: "1", Category: court.CategoryJudge, Active: true},
			{Court: a, Department: "民一庭", Name: "林二", StaffNo: "2", Category: court.CategoryJudge, Active: true},
			{Court: a, Department: "民二庭", Name: "林二", StaffNo: "3", Category: court.CategoryJudge, Active: true},
			{Court: a, Department: "刑庭", Name: "林三", StaffNo: "4", Category: court.CategoryJudge, Active: false},
			{Court: a, Department: "执行局", Name: "林四", StaffNo: "5", Category: court.CategoryJudge, Active: true},
			{Court: a, Department: "民二庭", Name: "林五", StaffNo: "6", Category: court.CategoryAssistant, Active: true},
			{Court: b, Department: "民一庭", Name: "林六", StaffNo: "7", Category: court.CategoryJudge, Active: true},
		},
	}
	type row struct {
		no, dept, judge, filed, closed, method, origin string
		appealed                                       court.Tri
		panel                                          []string
	}
	rows := []row{
		{"（2024）边01民初1号", "民一庭", "林一", "2024-02-29", "2024-02-29", "判决", "", court.Unknown, nil},
		{"（2024）边01民初2号", "民一庭", "林一", "2023-12-31", "2024-01-01", "调解", "", court.No, []string{"林二", "林五"}},
		{"（2024）边01民初3号", "民一庭", "林二", "2024-01-15", "2024-03-31", "撤诉", "（2024）边1民终9号", court.Unknown, nil},
		{"（2024）边1民终9号", "民一庭", "林六", "2024-02-01", "2024-02-29", "发回重审", "（2024）边01民初3号", court.Unknown, nil},
		{"（2024）边01民初4号", "民二庭", "林二", "2024-02-28", "", "", "", court.Unknown, []string{"林一"}},
		{"（2024）边01民初5号", "民二庭", "林二", "2023-02-28", "2024-03-01", "判决", "（2023）边01民初99号", court.Yes, nil},
		{"（2024）边1民终10号", "民一庭", "林六", "2024-03-10", "2024-06-30", "改判", "（2024）边01民初5号", court.Unknown, []string{"林二"}},
		{"（2024）边01刑初1号", "刑庭", "林三", "2024-01-01", "2024-02-29", "判决", "", court.Unknown, nil},
		{"（2024）边01执1号", "执行局", "林四", "2024-03-01", "2025-02-28", "执行完毕", "（2024）边01民初1号", court.Unknown, nil},
		{"（2025）边01执恢1号", "执行局", "林四", "2025-03-01", "", "", "（2024）边01执1号", court.Unknown, nil},
		{"（2024）边01民特1号", "民一庭", "林一", "2024-02-29", "2024-03-05", "判决", "", court.Unknown, nil},
		{"（2024）边01民申1号", "民一庭", "林一", "2024-02-29", "", "", "（2024）边01民初1号", court.Unknown, nil},
	}
	for _, r := range rows {
		no, err := court.ParseCaseNo(r.no)
		if err != nil {
			t.Fatal(err)
		}
		m, _ := court.ParseCloseMethod(r.method)
		c := court.Case{No: no, Court: a, Department: r.dept, Judge: r.judge, Panel: r.panel,
			FiledOn: diffDay(r.filed), ClosedOn: diffDay(r.closed), CloseMethod: m, OriginNo: r.origin,
			Appealed: r.appealed, LimitDays: court.DefaultLimitDays(no.Kind, no.Level, court.TrackNone),
			ClaimAmount: court.NoMoney, ExecAmount: 1000, ExecRecovered: 400, EfileOn: diffDay(r.filed), EfileReads: 1}
		if no.CourtCode == "边1" {
			c.Court = b
		}
		ds.Cases = append(ds.Cases, c)
	}
	ds.Funds = []court.FundReceipt{
		{CaseNo: "（2024）边01执1号", ReceivedOn: diffDay("2024-02-29"), Amount: 100, PaidOn: diffDay("2024-03-30"), PaidAmount: 100},
		{CaseNo: "（2024）边01执1号", ReceivedOn: diffDay("2024-03-01"), Amount: 100, PaidOn: court.NoDate, PaidAmount: court.NoMoney},
		{CaseNo: "（2024）边01执9号", ReceivedOn: diffDay("2024-03-01"), Amount: 100, PaidOn: diffDay("2024-03-02"), PaidAmount: 100},
	}
	ds.Mediations = []court.Mediation{
		{ID: "E1", Court: a, RegisteredOn: diffDay("2024-02-01"), EndedOn: diffDay("2024-02-29"), Result: court.MediationSuccess},
		{ID: "E2", Court: b, RegisteredOn: diffDay("2024-02-01"), EndedOn: diffDay("2024-03-01"), Result: court.MediationFailure},
	}
	return ds
}

func diffDay(s string) court.Date {
	if s == "" {
		return court.NoDate
	}
	return diffPeriod(s, s).From
}

type diffCase struct {
	p  court.Period
	by indicator.Grouping
	f  store.SQLFilter
}

// diffCases are the periods (a month, a quarter, a year, a single day, the
// leap day, a month ending on it, a period longer than a year), each for
// every grouping, with and without kind and level filters.
func diffCases() []diffCase {
	periods := []court.Period{
		diffPeriod("2025-03-01", "2025-03-31"),
		diffPeriod("2024-10-01", "2024-12-31"),
		diffPeriod("2025-01-01", "2025-12-31"),
		diffPeriod("2025-05-20", "2025-05-20"),
		diffPeriod("2024-02-29", "2024-02-29"),
		diffPeriod("2024-02-01", "2024-02-29"),
		diffPeriod("2024-07-01", "2025-09-30"),
	}
	filters := []store.SQLFilter{
		{}, {Kind: "民事"}, {Kind: "执行"}, {Kind: "刑事", Level: "一审"}, {Level: "二审"}, {Kind: "行政"},
	}
	var out []diffCase
	for i, p := range periods {
		for g := indicator.ByAll; g <= indicator.ByJudge; g++ {
			out = append(out, diffCase{p, g, store.SQLFilter{}})
			if i == 2 { // the year: every filter
				for _, f := range filters[1:] {
					out = append(out, diffCase{p, g, f})
				}
			} else {
				out = append(out, diffCase{p, g, filters[1+(i+int(g))%(len(filters)-1)]})
			}
		}
	}
	return out
}

func diffPeriod(from, to string) court.Period {
	p, err := court.ParsePeriod(from, to)
	if err != nil {
		panic(err)
	}
	return p
}

func engineFilter(f store.SQLFilter) indicator.Filter {
	var out indicator.Filter
	if k, ok := court.ParseKind(f.Kind); ok {
		out.Kinds = []court.Kind{k}
	}
	if l, ok := court.ParseLevel(f.Level); ok {
		out.Levels = []court.Level{l}
	}
	return out
}

// exactIDs are the counts, compared exactly.
var exactIDs = map[string]bool{
	"filed": true, "pending_start": true, "closed": true, "pending_end": true,
	"age_0_90": true, "age_91_180": true, "age_181_365": true, "age_366_730": true,
	"age_731_1095": true, "age_over_1095": true,
}

// compareEngineSQL requires the same figures for every unit and indicator
// that both give; a unit only one side lists must have nothing in it.
func compareEngineSQL(t *testing.T, name string, rs []indicator.Result, ss []store.SQLResult) {
	t.Helper()
	type key struct{ unit, id string }
	sql := make(map[key]store.SQLResult, len(ss))
	sqlUnits := map[string]bool{}
	for _, s := range ss {
		sql[key{s.Unit, s.Indicator}] = s
		sqlUnits[s.Unit] = true
	}
	engUnits := map[string]bool{}
	ids := map[string]bool{}
	var bad []string
	compared := 0
	for _, r := range rs {
		engUnits[r.Unit] = true
		ids[r.Indicator] = true
		s, ok := sql[key{r.Unit, r.Indicator}]
		if !ok {
			if sqlUnits[r.Unit] {
				bad = append(bad, fmt.Sprintf("%s %s: engine only", r.Unit, r.Indicator))
			} else if !emptyEngine(r) {
				bad = append(bad, fmt.Sprintf("%s %s: unit not in SQL, engine %s", r.Unit, r.Indicator, showEngine(r)))
			}
			continue
		}
		compared++
		exact := exactIDs[r.Indicator]
		if !sameFigure(r.Numerator, s.Numerator, exact) || !sameFigure(r.Denominator, s.Denominator, exact) ||
			!sameFigure(r.Value, s.Value, exact) {
			bad = append(bad, fmt.Sprintf("%s %s: engine %s, SQL %s", r.Unit, r.Indicator, showEngine(r), showSQL(s)))
		}
	}
	for _, s := range ss {
		if !ids[s.Indicator] {
			bad = append(bad, fmt.Sprintf("%s: the engine has no indicator %s", s.Unit, s.Indicator))
			ids[s.Indicator] = true
		}
		if !engUnits[s.Unit] && !emptySQL(s) {
			bad = append(bad, fmt.Sprintf("%s %s: unit not in engine, SQL %s", s.Unit, s.Indicator, showSQL(s)))
		}
	}
	if compared == 0 {
		t.Errorf("%s: nothing to compare (engine %d results, SQL %d)", name, len(rs), len(ss))
	}
	if len(bad) == 0 {
		return
	}
	sort.Strings(bad)
	t.Errorf("%s: %d disagreements, the first:", name, len(bad))
	for _, b := range bad[:min(len(bad), 12)] {
		t.Log("  " + b)
	}
}

func sameFigure(a indicator.Number, b *float64, exact bool) bool {
	if b == nil || math.IsNaN(*b) {
		return !a.Valid || math.IsNaN(a.V)
	}
	if !a.Valid {
		return false
	}
	if exact {
		return a.V == *b
	}
	return math.Abs(a.V-*b) <= 1e-9*math.Max(1, math.Abs(*b))
}

// emptyEngine and emptySQL: a unit that has no cases in it (numerator 0 or
// none) may be listed by one side only.
func emptyEngine(r indicator.Result) bool { return !r.Numerator.Valid || r.Numerator.V == 0 }
func emptySQL(s store.SQLResult) bool     { return s.Numerator == nil || *s.Numerator == 0 }

func showEngine(r indicator.Result) string {
	f := func(n indicator.Number) string {
		if !n.Valid {
			return "—"
		}
		return fmt.Sprint(n.V)
	}
	return f(r.Numerator) + "/" + f(r.Denominator) + "=" + f(r.Value)
}

func showSQL(s store.SQLResult) string {
	f := func(p *float64) string {
		if p == nil {
			return "—"
		}
		return fmt.Sprint(*p)
	}
	return f(s.Numerator) + "/" + f(s.Denominator) + "=" + f(s.Value)
}
