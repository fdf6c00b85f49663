package store_test

import (
	"context"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/zhixiao/zhixiao/internal/court"
	"github.com/zhixiao/zhixiao/internal/store"
	"github.com/zhixiao/zhixiao/internal/store/storetest"
)

// The hand-built court of the SQL indicator tests. Period P is the first
// quarter of 2025 (90 days) unless a test says otherwise.
//
//	甲区法院: 民一庭 (张三, 李四, 周九; 钱七 法官助理), 刑庭 (王五), 执行局 (赵六, not in post)
//	乙区法院: 民一庭 (孙八)
var sqlCourts = []court.Court{
	{Name: "甲区法院", Code: "甲01", Level: court.CourtBasic},
	{Name: "乙区法院", Code: "甲02", Level: court.CourtBasic},
}

var sqlPeople = []court.Person{
	{Court: "甲区法院", Department: "民一庭", Name: "张三", StaffNo: "A1", Category: court.CategoryJudge, Active: true},
	{Court: "甲区法院", Department: "民一庭", Name: "李四", StaffNo: "A2", Category: court.CategoryJudge, Active: true},
	{Court: "甲区法院", Department: "刑庭", Name: "王五", StaffNo: "A3", Category: court.CategoryJudge, Active: true},
	{Court: "甲区法院", Department: "执行局", Name: "赵六", StaffNo: "A4", Category: court.CategoryJudge, Active: false},
	{Court: "甲区法院", Department: "民一庭", Name: "钱七", StaffNo: "A5", Category: court.CategoryAssistant, Active: true},
	{Court: "乙区法院", Department: "民一庭", Name: "孙八", StaffNo: "B1", Category: court.CategoryJudge, Active: true},
	{Court: "甲区法院", Department: "民一庭", Name: "周九", StaffNo: "A7", Category: court.CategoryJudge, Active: true},
}

// sqlCase is one case of the fixture, written as a test table row.
type sqlCase struct {
	no                    string
	court, dept, judge    string
	filed, closed, method string
	limit, ext, susp      int
	origin                string
	appealed              court.Tri
	hearings              int
	execAmount, execRecov court.Money // 分; 0 = absent
	efile                 string
	reads                 int
	panel                 []string
}

const (
	jia = "甲区法院"
	yi  = "乙区法院"
)

var sqlCases = []sqlCase{
	{no: "（2024）甲01民初1号", court: jia, dept: "民一庭", judge: "张三", filed: "2024-11-01", closed: "2025-01-10", method: "判决", limit: 180, efile: "2024-11-02", reads: 2},
	{no: "（2025）甲01民初2号", court: jia, dept: "民一庭", judge: "张三", filed: "2025-01-05", closed: "2025-03-31", method: "调解", limit: 90, appealed: court.No, efile: "2025-01-09"},
	{no: "（2025）甲01民初3号", court: jia, dept: "民一庭", judge: "李四", filed: "2025-02-01", limit: 180, efile: "2025-02-01"},
	{no: "（2023）甲01民初4号", court: jia, dept: "民一庭", judge: "李四", filed: "2023-06-01", limit: 180},
	{no: "（2024）甲01刑初5号", court: jia, dept: "刑庭", judge: "王五", filed: "2024-12-01", closed: "2025-01-01", method: "判决", limit: 60, appealed: court.Yes, hearings: 1, panel: []string{"周九"}},
	{no: "（2025）甲01刑初6号", court: jia, dept: "刑庭", judge: "王五", filed: "2025-02-10", closed: "2025-02-10", method: "判决", limit: 60},
	{no: "（2025）甲01执1号", court: jia, dept: "执行局", judge: "赵六", filed: "2025-01-20", closed: "2025-03-01", method: "执行完毕", limit: 180, origin: "（2024）甲01民初1号", execAmount: 100000, execRecov: 100000, efile: "2025-01-20", reads: 1},
	{no: "（2025）甲02刑终1号", court: yi, dept: "民一庭", judge: "孙八", filed: "2025-02-20", closed: "2025-03-20", method: "改判", limit: 60, origin: "（2025）甲01刑初6号"},
	{no: "（2024）甲01执2号", court: jia, dept: "执行局", judge: "赵六", filed: "2024-03-01", closed: "2025-02-15", method: "终结本次执行程序", limit: 180, ext: 60, susp: 100, execAmount: 50000, execRecov: 10000},
	{no: "（2024）甲02民终1号", court: yi, dept: "民一庭", judge: "孙八", filed: "2024-12-15", closed: "2025-01-15", method: "发回重审", limit: 90, origin: "（2024）甲01民初7号", hearings: 2},
	{no: "（2024）甲01民初7号", court: jia, dept: "民一庭", judge: "李四", filed: "2024-01-10", closed: "2024-06-30", method: "判决", limit: 180, appealed: court.Yes},
	{no: "（2025）甲01执恢1号", court: jia, dept: "执行局", judge: "赵六", filed: "2025-04-10", limit: 180, origin: "（2025）甲01执1号"},
	{no: "（2025）甲01执异1号", court: jia, dept: "执行局", judge: "赵六", filed: "2025-03-05", closed: "2025-03-25", method: "驳回申请", origin: "（2025）甲01执1号"},
	// These two name each other: a broken chain that must not loop.
	{no: "（2025）甲01民初8号", court: jia, dept: "民一庭", judge: "李四", filed: "2025-01-02", closed: "2025-02-02", method: "撤诉", limit: 180, origin: "（2025）甲02民终2号"},
	{no: "（2025）甲02民终2号", court: yi, dept: "民一庭", judge: "孙八", filed: "2025-02-10", limit: 90, origin: "（2025）甲01民初8号"},
	// Pending cases on the edges of the age buckets at T1 = 2025-03-31.
	{no: "（2024）甲01民初18号", court: jia, dept: "民一庭", judge: "张三", filed: "2024-12-31", limit: 180}, // 90 days
	{no: "（2024）甲01民初19号", court: jia, dept: "民一庭", judge: "张三", filed: "2024-12-30", limit: 180}, // 91
	{no: "（2024）甲01民初20号", court: jia, dept: "民一庭", judge: "张三", filed: "2024-03-31", limit: 180}, // 365
	{no: "（2024）甲01民初21号", court: jia, dept: "民一庭", judge: "张三", filed: "2024-03-30", limit: 180}, // 366
	{no: "（2022）甲01民初22号", court: jia, dept: "民一庭", judge: "张三", filed: "2022-01-01", limit: 180}, // 1185
}

// sqlFunds are receipts of execution funds; the last names a case not stored.
var sqlFunds = []struct{ no, received, paid string }{
	{"（2025）甲01执1号", "2025-01-25", "2025-02-20"}, // 26 days: timely
	{"（2025）甲01执1号", "2025-02-01", "2025-03-15"}, // 42 days: late
	{"（2025）甲01执1号", "2025-03-10", ""},           // its 30 days end after T1: not counted
	{"（2025）甲01执1号", "2025-02-15", ""},           // its 30 days ended on 03-17: late
	{"（2024）甲01执2号", "2024-12-20", "2025-01-05"}, // received before P
	{"（2025）甲01执1号", "2025-03-20", "2025-03-30"}, // timely
	{"（2025）甲09执9号", "2025-02-01", "2025-02-02"}, // no such case
}

var sqlMediations = []struct {
	id, court, ended string
	ok               bool
}{
	{"M1", jia, "2025-02-01", true}, {"M2", jia, "2025-02-02", false},
	{"M3", jia, "2024-12-31", true}, {"M4", yi, "2025-03-31", true},
}

// loadSQLFixture writes the hand-built courts into db in one import.
func loadSQLFixture(t *testing.T, db *store.DB) {
	t.Helper()
	im, err := db.BeginImport(context.Background(), store.ImportMeta{
		Kind: "test", FileName: "indicator_sql", SHA256: "-", Actor: "测试", Started: time.Now(),
	})
	if err != nil {
		t.Fatal(err)
	}
	defer im.Rollback()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	for i := range sqlCourts {
		must(im.AddCourt(&sqlCourts[i]))
	}
	for i := range sqlPeople {
		must(im.AddPerson(&sqlPeople[i]))
	}
	for _, sc := range sqlCases {
		c := sc.toCase(t)
		must(im.AddCase(&c))
	}
	for _, f := range sqlFunds {
		paid := court.Money(100)
		if f.paid == "" {
			paid = court.NoMoney
		}
		must(im.AddFund(&court.FundReceipt{CaseNo: f.no, ReceivedOn: sqlDay(t, f.received), Amount: 100,
			PaidOn: sqlDay(t, f.paid), PaidAmount: paid}))
	}
	for _, m := range sqlMediations {
		res := court.MediationFailure
		if m.ok {
			res = court.MediationSuccess
		}
		must(im.AddMediation(&court.Mediation{ID: m.id, Court: m.court, RegisteredOn: sqlDay(t, "2024-12-01"),
			EndedOn: sqlDay(t, m.ended), Result: res}))
	}
	if _, err := im.Commit(0); err != nil {
		t.Fatal(err)
	}
}

func (sc sqlCase) toCase(t *testing.T) court.Case {
	no, err := court.ParseCaseNo(sc.no)
	if err != nil {
		t.Fatal(err)
	}
	method, ok := court.ParseCloseMethod(sc.method)
	if !ok {
		t.Fatalf("结案方式 %q", sc.method)
	}
	money := func(m court.Money) court.Money {
		if m == 0 {
			return court.NoMoney
		}
		return m
	}
	return court.Case{
		No: no, Court: sc.court, Department: sc.dept, Judge: sc.judge, Panel: sc.panel,
		FiledOn: sqlDay(t, sc.filed), ClosedOn: sqlDay(t, sc.closed), CloseMethod: method,
		LimitDays: sc.limit, ExtendedDays: sc.ext, SuspendedDays: sc.susp, OriginNo: sc.origin,
		Appealed: sc.appealed, Hearings: sc.hearings, ClaimAmount: court.NoMoney,
		ExecAmount: money(sc.execAmount), ExecRecovered: money(sc.execRecov),
		EfileOn: sqlDay(t, sc.efile), EfileReads: sc.reads,
	}
}

func sqlDay(t *testing.T, s string) court.Date {
	t.Helper()
	if s == "" {
		return court.NoDate
	}
	d, err := court.ParseISODate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// sqlWant is an expected numerator, denominator and value; nil fields are not
// checked, none means the value must be NULL.
type sqlWant struct {
	num, den, val *float64
	none          bool
}

func fp(v float64) *float64 { return &v }

func wantCount(v float64) sqlWant { return sqlWant{num: fp(v), val: fp(v)} }
func wantRatio(num, den float64) sqlWant {
	return sqlWant{num: fp(num), den: fp(den), val: fp(num / den)}
}
func wantNone(num, den float64) sqlWant { return sqlWant{num: fp(num), den: fp(den), none: true} }

func sqlPeriod(from, to string) court.Period {
	p, err := court.ParsePeriod(from, to)
	if err != nil {
		panic(err)
	}
	return p
}

func TestIndicatorsSQL(t *testing.T) {
	q1 := sqlPeriod("2025-01-01", "2025-03-31")
	tests := []struct {
		name string
		p    court.Period
		by   store.SQLGrouping
		f    store.SQLFilter
		unit string
		want map[string]sqlWant
	}{
		{name: "whole data set", p: q1, by: store.GroupAll, unit: "全部", want: map[string]sqlWant{
			// 新收 2,3,6,7,8,15,16,17; 旧存 1,4,5,9,11,18-22; 已结 1,2,5,6,7,8,9,11,15,16.
			"filed": wantCount(8), "pending_start": wantCount(10), "closed": wantCount(10), "pending_end": wantCount(8),
			"clearance": wantRatio(10, 8), "closure_rate": wantRatio(10, 18),
			"within_limit_rate":           wantRatio(8, 9), // 9: 351-100 days > 180+60; 15 has no limit
			"avg_days":                    wantRatio(687, 10),
			"median_days":                 {den: fp(10), val: fp(31)},
			"over_12m_ratio":              wantRatio(3, 8), // 4, 21, 22
			"disposition_time":            {num: fp(8), den: fp(10), val: fp(72)},
			"appeal_rate":                 wantRatio(3, 5), // 5 says 是; 6 and 16 are named by a 二审
			"acceptance_rate":             wantRatio(2, 5),
			"reversal_rate":               wantRatio(2, 5), // 8 改判 of 6; 11 发回 of 12 (closed in 2024)
			"appeal_modify_remand_ratio":  wantRatio(1, 1),
			"retrial_modify_remand_ratio": wantNone(0, 0),
			"appeal_hearing_rate":         wantRatio(1, 2),
			"mediation_withdrawal_rate":   wantRatio(2, 4), // 1 判决, 2 调解, 11 发回, 16 撤诉
			"mediation_rate":              wantRatio(1, 4),
			"case_to_matter_ratio":        wantRatio(9, 5), // 1→7→15 (14 filed after T1), 6→8, 16→17
			"enforcement_request_rate":    wantRatio(1, 2),
			"exec_recovery_rate":          wantRatio(1100, 1500),
			"exec_completion_rate":        wantRatio(1, 2),
			"exec_termination_rate":       wantRatio(1, 2),
			"funds_timely_rate":           wantRatio(2, 4),
			"efile_sync_rate":             wantRatio(2, 8),
			"efile_read_rate":             wantRatio(2, 3),
			"prelit_mediation_rate":       wantRatio(2, 5),
			"weighted_closed":             wantCount(12),
			"closed_per_judge":            wantRatio(10, 5),
			"age_0_90":                    wantCount(3), "age_91_180": wantCount(1), "age_181_365": wantCount(1),
			"age_366_730": wantCount(2), "age_731_1095": wantCount(0), "age_over_1095": wantCount(1),
		}},
		{name: "court receives the reversals of its 一审 cases", p: q1, by: store.GroupCourt, unit: "甲区法院", want: map[string]sqlWant{
			"closed": wantCount(8), "reversal_rate": wantRatio(2, 5), "case_to_matter_ratio": wantRatio(9, 5),
			"prelit_mediation_rate": wantRatio(1, 4), "closed_per_judge": wantRatio(8, 4), "funds_timely_rate": wantRatio(2, 4),
			"appeal_modify_remand_ratio": wantNone(0, 0),
		}},
		{name: "appellate court", p: q1, by: store.GroupCourt, unit: "乙区法院", want: map[string]sqlWant{
			"closed": wantCount(2), "reversal_rate": wantNone(0, 0), "appeal_modify_remand_ratio": wantRatio(1, 1),
			"prelit_mediation_rate": wantRatio(1, 1), "closed_per_judge": wantRatio(2, 1), "weighted_closed": wantCount(2),
		}},
		{name: "department without judges in post", p: q1, by: store.GroupDepartment, unit: "甲区法院/执行局", want: map[string]sqlWant{
			"closed": wantCount(3), "closed_per_judge": wantNone(3, 0), "weighted_closed": wantCount(2.5),
			"prelit_mediation_rate": wantNone(0, 0), "exec_recovery_rate": wantRatio(1100, 1500),
		}},
		{name: "department", p: q1, by: store.GroupDepartment, unit: "甲区法院/民一庭", want: map[string]sqlWant{
			"closed": wantCount(3), "closed_per_judge": wantRatio(3, 3), "weighted_closed": wantCount(4.5),
			"prelit_mediation_rate": wantRatio(0, 3),
		}},
		{name: "judge with two closed cases", p: q1, by: store.GroupJudge, unit: "甲区法院/民一庭/张三", want: map[string]sqlWant{
			"closed": wantCount(2), "median_days": {den: fp(2), val: fp(77.5)}, "weighted_closed": wantCount(3),
			"closed_per_judge": wantRatio(2, 1), "appeal_rate": wantRatio(0, 2), "enforcement_request_rate": wantRatio(1, 2),
		}},
		{name: "judge reversed on a case closed before P", p: q1, by: store.GroupJudge, unit: "甲区法院/民一庭/李四", want: map[string]sqlWant{
			"filed": wantCount(2), "pending_start": wantCount(1), "closed": wantCount(1), "pending_end": wantCount(2),
			"reversal_rate": wantRatio(1, 1), "appeal_rate": wantRatio(1, 1), "case_to_matter_ratio": wantRatio(2, 1),
			"weighted_closed": wantCount(1.5),
		}},
		{name: "judge on a panel", p: q1, by: store.GroupJudge, unit: "甲区法院/刑庭/王五", want: map[string]sqlWant{
			"closed": wantCount(2), "weighted_closed": wantCount(2.4), "median_days": {den: fp(2), val: fp(15.5)},
			"reversal_rate": wantRatio(1, 2),
		}},
		{name: "panel member in their own department", p: q1, by: store.GroupJudge, unit: "甲区法院/民一庭/周九", want: map[string]sqlWant{
			"closed": wantCount(0), "weighted_closed": wantCount(0.3), "closed_per_judge": wantRatio(0, 1),
			"median_days": {den: fp(0), none: true},
		}},
		{name: "judge not in post", p: q1, by: store.GroupJudge, unit: "甲区法院/执行局/赵六", want: map[string]sqlWant{
			"closed": wantCount(3), "closed_per_judge": wantNone(3, 0), "funds_timely_rate": wantRatio(2, 4),
			"weighted_closed": wantCount(2.5),
		}},
		{name: "civil only", p: q1, by: store.GroupAll, f: store.SQLFilter{Kind: "民事"}, unit: "全部", want: map[string]sqlWant{
			"filed": wantCount(4), "closed": wantCount(4), "reversal_rate": wantRatio(1, 3),
			"funds_timely_rate": wantNone(0, 0), "prelit_mediation_rate": wantRatio(2, 5),
		}},
		{name: "enforcement only", p: q1, by: store.GroupAll, f: store.SQLFilter{Kind: "执行"}, unit: "全部", want: map[string]sqlWant{
			"closed": wantCount(3), "funds_timely_rate": wantRatio(2, 4), "case_to_matter_ratio": wantNone(0, 0),
		}},
		{name: "criminal first instance", p: q1, by: store.GroupAll, f: store.SQLFilter{Kind: "刑事", Level: "一审"}, unit: "全部", want: map[string]sqlWant{
			"closed": wantCount(2), "reversal_rate": wantRatio(1, 2), "case_to_matter_ratio": wantRatio(3, 2),
		}},
		{name: "one day, filed and closed that day", p: sqlPeriod("2025-02-10", "2025-02-10"), by: store.GroupAll, unit: "全部", want: map[string]sqlWant{
			"filed": wantCount(2), "closed": wantCount(1), "pending_start": wantCount(10), "pending_end": wantCount(11),
			"disposition_time": {num: fp(11), den: fp(1), val: fp(11)}, "avg_days": wantRatio(0, 1),
		}},
		{name: "closed on T0 and T1", p: sqlPeriod("2025-01-01", "2025-01-01"), by: store.GroupJudge, unit: "甲区法院/刑庭/王五", want: map[string]sqlWant{
			"pending_start": wantCount(1), "closed": wantCount(1), "pending_end": wantCount(0), "filed": wantCount(0),
			"clearance": wantNone(1, 0),
		}},
	}
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		loadSQLFixture(t, db)
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				res, err := db.IndicatorsSQL(context.Background(), tt.p, tt.by, tt.f)
				if err != nil {
					t.Fatal(err)
				}
				got := map[string]store.SQLResult{}
				for _, r := range res {
					if r.Unit == tt.unit {
						got[r.Indicator] = r
					}
				}
				if len(got) != len(store.SQLIndicatorIDs) {
					t.Fatalf("unit %s: %d indicators, want %d", tt.unit, len(got), len(store.SQLIndicatorIDs))
				}
				for id, w := range tt.want {
					checkSQLResult(t, id, got[id], w)
				}
			})
		}
	})
}

func checkSQLResult(t *testing.T, id string, r store.SQLResult, w sqlWant) {
	t.Helper()
	check := func(what string, got, want *float64) {
		if want == nil {
			return
		}
		if got == nil || math.Abs(*got-*want) > 1e-9*math.Max(1, math.Abs(*want)) {
			t.Errorf("%s %s = %s, want %g", id, what, showFloat(got), *want)
		}
	}
	check("numerator", r.Numerator, w.num)
	check("denominator", r.Denominator, w.den)
	check("value", r.Value, w.val)
	if w.none && r.Value != nil {
		t.Errorf("%s value = %g, want none", id, *r.Value)
	}
}

func showFloat(f *float64) string {
	if f == nil {
		return "NULL"
	}
	return fmt.Sprint(*f)
}

// TestIndicatorsSQLUnits checks the unit names and that every unit has every indicator.
func TestIndicatorsSQLUnits(t *testing.T) {
	q1 := sqlPeriod("2025-01-01", "2025-03-31")
	tests := []struct {
		by   store.SQLGrouping
		want []string
	}{
		{store.GroupAll, []string{"全部"}},
		{store.GroupCourt, []string{"乙区法院", "甲区法院"}},
		{store.GroupDepartment, []string{"乙区法院/民一庭", "甲区法院/刑庭", "甲区法院/执行局", "甲区法院/民一庭"}},
		{store.GroupJudge, []string{"乙区法院/民一庭/孙八", "甲区法院/刑庭/王五", "甲区法院/执行局/赵六",
			"甲区法院/民一庭/周九", "甲区法院/民一庭/张三", "甲区法院/民一庭/李四"}},
	}
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		loadSQLFixture(t, db)
		for _, tt := range tests {
			res, err := db.IndicatorsSQL(context.Background(), q1, tt.by, store.SQLFilter{})
			if err != nil {
				t.Fatal(err)
			}
			seen := map[string]int{}
			for _, r := range res {
				if r.UnitType != string(tt.by) {
					t.Errorf("%s: unit type %q", tt.by, r.UnitType)
				}
				seen[r.Unit]++
			}
			var units []string
			for u, k := range seen {
				units = append(units, u)
				if k != len(store.SQLIndicatorIDs) {
					t.Errorf("%s %s: %d rows, want %d", tt.by, u, k, len(store.SQLIndicatorIDs))
				}
			}
			if got, want := strings.Join(sortedUnits(units), ","), strings.Join(sortedUnits(tt.want), ","); got != want {
				t.Errorf("%s units = %s, want %s", tt.by, got, want)
			}
		}
	})
}

func TestIndicatorQueryRejects(t *testing.T) {
	q1 := sqlPeriod("2025-01-01", "2025-03-31")
	tests := []struct {
		name    string
		dialect string
		p       court.Period
		by      store.SQLGrouping
		f       store.SQLFilter
	}{
		{"unknown dialect", "oracle", q1, store.GroupAll, store.SQLFilter{}},
		{"unknown grouping", store.DialectSQLite, q1, "province", store.SQLFilter{}},
		{"unknown kind", store.DialectSQLite, q1, store.GroupAll, store.SQLFilter{Kind: "民事' OR 1=1 --"}},
		{"unknown level", store.DialectPostgres, q1, store.GroupAll, store.SQLFilter{Level: "三审"}},
		{"reversed period", store.DialectPostgres, court.Period{From: q1.To, To: q1.From}, store.GroupAll, store.SQLFilter{}},
	}
	for _, tt := range tests {
		if _, err := store.IndicatorQuery(tt.dialect, tt.p, tt.by, tt.f); court.KindOf(err) != court.Invalid {
			t.Errorf("%s: err = %v, want Invalid", tt.name, err)
		}
	}
}

func sortedUnits(s []string) []string {
	out := append([]string(nil), s...)
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j] < out[j-1]; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}
