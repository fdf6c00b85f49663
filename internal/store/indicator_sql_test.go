package store

import (
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/zhixiao/zhixiao/internal/court"
)

// The hand-built court of the SQL indicator tests. Period P is the first
// quarter of 2025 (90 days) unless a test says otherwise.
//
//	甲区法院 (1): 民一庭 (1), 刑庭 (2), 执行局 (3); 乙区法院 (2): 民一庭 (4)
//	张三 1, 李四 2, 周九 7 民一庭; 王五 3 刑庭; 赵六 4 执行局 (not in post);
//	钱七 5 民一庭 (法官助理); 孙八 6 乙区民一庭.
var sqlFixture = []string{
	`INSERT INTO courts (id, name, code, level) VALUES (1, '甲区法院', '甲01', '基层'), (2, '乙区法院', '甲02', '基层')`,
	`INSERT INTO departments (id, court_id, name) VALUES (1, 1, '民一庭'), (2, 1, '刑庭'), (3, 1, '执行局'), (4, 2, '民一庭')`,
	`INSERT INTO people (id, court_id, department_id, name, staff_no, category, active) VALUES
	 (1, 1, 1, '张三', 'A1', '员额法官', TRUE), (2, 1, 1, '李四', 'A2', '员额法官', TRUE),
	 (3, 1, 2, '王五', 'A3', '员额法官', TRUE), (4, 1, 3, '赵六', 'A4', '员额法官', FALSE),
	 (5, 1, 1, '钱七', 'A5', '法官助理', TRUE), (6, 2, 4, '孙八', 'B1', '员额法官', TRUE),
	 (7, 1, 1, '周九', 'A7', '员额法官', TRUE)`,
}

// fixtureCase is one row of cases; the 案号 gives year, court and type code.
type fixtureCase struct {
	id                       int
	no, kind, level          string
	court, dept, judge       int
	filed, closed, method    string
	limit, ext, susp         int // limit 0 = NULL
	origin                   string
	appealed                 string // "", "TRUE", "FALSE"
	hearings                 int
	execAmount, execRecovery int64 // 分; 0 = NULL
	efile                    string
	reads                    int
}

var fixtureCases = []fixtureCase{
	{id: 1, no: "（2024）甲01民初1号", kind: "民事", level: "一审", court: 1, dept: 1, judge: 1, filed: "2024-11-01", closed: "2025-01-10", method: "判决", limit: 180, efile: "2024-11-02", reads: 2},
	{id: 2, no: "（2025）甲01民初2号", kind: "民事", level: "一审", court: 1, dept: 1, judge: 1, filed: "2025-01-05", closed: "2025-03-31", method: "调解", limit: 90, appealed: "FALSE", efile: "2025-01-09"},
	{id: 3, no: "（2025）甲01民初3号", kind: "民事", level: "一审", court: 1, dept: 1, judge: 2, filed: "2025-02-01", limit: 180, efile: "2025-02-01"},
	{id: 4, no: "（2023）甲01民初4号", kind: "民事", level: "一审", court: 1, dept: 1, judge: 2, filed: "2023-06-01", limit: 180},
	{id: 5, no: "（2024）甲01刑初5号", kind: "刑事", level: "一审", court: 1, dept: 2, judge: 3, filed: "2024-12-01", closed: "2025-01-01", method: "判决", limit: 60, appealed: "TRUE", hearings: 1},
	{id: 6, no: "（2025）甲01刑初6号", kind: "刑事", level: "一审", court: 1, dept: 2, judge: 3, filed: "2025-02-10", closed: "2025-02-10", method: "判决", limit: 60},
	{id: 7, no: "（2025）甲01执1号", kind: "执行", level: "首次执行", court: 1, dept: 3, judge: 4, filed: "2025-01-20", closed: "2025-03-01", method: "执行完毕", limit: 180, origin: "（2024）甲01民初1号", execAmount: 100000, execRecovery: 100000, efile: "2025-01-20", reads: 1},
	{id: 8, no: "（2025）甲02刑终1号", kind: "刑事", level: "二审", court: 2, dept: 4, judge: 6, filed: "2025-02-20", closed: "2025-03-20", method: "改判", limit: 60, origin: "（2025）甲01刑初6号"},
	{id: 9, no: "（2024）甲01执2号", kind: "执行", level: "首次执行", court: 1, dept: 3, judge: 4, filed: "2024-03-01", closed: "2025-02-15", method: "终结本次执行程序", limit: 180, ext: 60, susp: 100, execAmount: 50000, execRecovery: 10000},
	{id: 11, no: "（2024）甲02民终1号", kind: "民事", level: "二审", court: 2, dept: 4, judge: 6, filed: "2024-12-15", closed: "2025-01-15", method: "发回重审", limit: 90, origin: "（2024）甲01民初7号", hearings: 2},
	{id: 12, no: "（2024）甲01民初7号", kind: "民事", level: "一审", court: 1, dept: 1, judge: 2, filed: "2024-01-10", closed: "2024-06-30", method: "判决", limit: 180, appealed: "TRUE"},
	{id: 14, no: "（2025）甲01执恢1号", kind: "执行", level: "恢复执行", court: 1, dept: 3, judge: 4, filed: "2025-04-10", limit: 180, origin: "（2025）甲01执1号"},
	{id: 15, no: "（2025）甲01执异1号", kind: "执行", level: "执行异议", court: 1, dept: 3, judge: 4, filed: "2025-03-05", closed: "2025-03-25", method: "驳回申请", origin: "（2025）甲01执1号"},
	// 16 and 17 name each other: a broken chain that must not loop.
	{id: 16, no: "（2025）甲01民初8号", kind: "民事", level: "一审", court: 1, dept: 1, judge: 2, filed: "2025-01-02", closed: "2025-02-02", method: "撤诉", limit: 180, origin: "（2025）甲02民终2号"},
	{id: 17, no: "（2025）甲02民终2号", kind: "民事", level: "二审", court: 2, dept: 4, judge: 6, filed: "2025-02-10", limit: 90, origin: "（2025）甲01民初8号"},
	// Pending cases on the edges of the age buckets at T1 = 2025-03-31.
	{id: 18, no: "（2024）甲01民初18号", kind: "民事", level: "一审", court: 1, dept: 1, judge: 1, filed: "2024-12-31", limit: 180}, // 90 days
	{id: 19, no: "（2024）甲01民初19号", kind: "民事", level: "一审", court: 1, dept: 1, judge: 1, filed: "2024-12-30", limit: 180}, // 91
	{id: 20, no: "（2024）甲01民初20号", kind: "民事", level: "一审", court: 1, dept: 1, judge: 1, filed: "2024-03-31", limit: 180}, // 365
	{id: 21, no: "（2024）甲01民初21号", kind: "民事", level: "一审", court: 1, dept: 1, judge: 1, filed: "2024-03-30", limit: 180}, // 366
	{id: 22, no: "（2022）甲01民初22号", kind: "民事", level: "一审", court: 1, dept: 1, judge: 1, filed: "2022-01-01", limit: 180}, // 1185
}

// fixturePanel: 周九 sits with 王五 on the 刑事 case 5.
var fixturePanel = `INSERT INTO case_panel (case_id, ord, person_id) VALUES (5, 1, 7)`

var fixtureFunds = []string{
	`INSERT INTO fund_receipts (case_no, received_on, amount, occurrence, paid_on, paid_amount) VALUES
	 ('（2025）甲01执1号', '2025-01-25', 100, 1, '2025-02-20', 100),
	 ('（2025）甲01执1号', '2025-02-01', 100, 1, '2025-03-15', 100),
	 ('（2025）甲01执1号', '2025-03-10', 100, 1, NULL, NULL),
	 ('（2025）甲01执1号', '2025-02-15', 100, 1, NULL, NULL),
	 ('（2024）甲01执2号', '2024-12-20', 100, 1, '2025-01-05', 100),
	 ('（2025）甲01执1号', '2025-03-20', 100, 1, '2025-03-30', 100),
	 ('（2025）甲09执9号', '2025-02-01', 100, 1, '2025-02-02', 100)`,
	`INSERT INTO mediations (code, court_id, registered_on, ended_on, result, confirmed) VALUES
	 ('M1', 1, '2025-01-10', '2025-02-01', '成功', TRUE),
	 ('M2', 1, '2025-01-10', '2025-02-02', '不成功', FALSE),
	 ('M3', 1, '2024-12-01', '2024-12-31', '成功', FALSE),
	 ('M4', 2, '2025-03-01', '2025-03-31', '成功', TRUE)`,
}

func (c fixtureCase) insert() string {
	no, err := court.ParseCaseNo(c.no)
	if err != nil {
		panic(err)
	}
	null := func(s string) string {
		if s == "" {
			return "NULL"
		}
		return "'" + s + "'"
	}
	num := func(n int64) string {
		if n == 0 {
			return "NULL"
		}
		return fmt.Sprint(n)
	}
	appealed := c.appealed
	if appealed == "" {
		appealed = "NULL"
	}
	return fmt.Sprintf(`INSERT INTO cases (id, case_no, year, court_code, type_code, seq, kind, level, court_id,
 department_id, judge_id, filed_on, closed_on, close_method, limit_days, extended_days, suspended_days,
 origin_no, appealed, hearings, exec_amount, exec_recovered, efile_on, efile_reads, row_hash)
 VALUES (%d, '%s', %d, '%s', '%s', %d, '%s', '%s', %d, %d, %d, '%s', %s, %s, %s, %d, %d, %s, %s, %d, %s, %s, %s, %d, 'x')`,
		c.id, c.no, no.Year, no.CourtCode, no.TypeCode, no.Seq, c.kind, c.level, c.court, c.dept, c.judge,
		c.filed, null(c.closed), null(c.method), num(int64(c.limit)), c.ext, c.susp, null(c.origin), appealed,
		c.hearings, num(c.execAmount), num(c.execRecovery), null(c.efile), c.reads)
}

// loadSQLFixture writes the hand-built court into db.
func loadSQLFixture(t *testing.T, db *DB) {
	t.Helper()
	stmts := append([]string(nil), sqlFixture...)
	for _, c := range fixtureCases {
		stmts = append(stmts, c.insert())
	}
	stmts = append(stmts, fixturePanel)
	stmts = append(stmts, fixtureFunds...)
	for _, s := range stmts {
		if _, err := db.sqlDB().ExecContext(context.Background(), s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
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
	f, err := court.ParseISODate(from)
	if err != nil {
		panic(err)
	}
	t, err := court.ParseISODate(to)
	if err != nil {
		panic(err)
	}
	return court.Period{From: f, To: t}
}

func TestIndicatorsSQL(t *testing.T) {
	q1 := sqlPeriod("2025-01-01", "2025-03-31")
	tests := []struct {
		name string
		p    court.Period
		by   SQLGrouping
		f    SQLFilter
		unit string
		want map[string]sqlWant
	}{
		{name: "whole data set", p: q1, by: GroupAll, unit: "全部", want: map[string]sqlWant{
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
		{name: "court receives the reversals of its 一审 cases", p: q1, by: GroupCourt, unit: "甲区法院", want: map[string]sqlWant{
			"closed": wantCount(8), "reversal_rate": wantRatio(2, 5), "case_to_matter_ratio": wantRatio(9, 5),
			"prelit_mediation_rate": wantRatio(1, 4), "closed_per_judge": wantRatio(8, 4), "funds_timely_rate": wantRatio(2, 4),
			"appeal_modify_remand_ratio": wantNone(0, 0),
		}},
		{name: "appellate court", p: q1, by: GroupCourt, unit: "乙区法院", want: map[string]sqlWant{
			"closed": wantCount(2), "reversal_rate": wantNone(0, 0), "appeal_modify_remand_ratio": wantRatio(1, 1),
			"prelit_mediation_rate": wantRatio(1, 1), "closed_per_judge": wantRatio(2, 1), "weighted_closed": wantCount(2),
		}},
		{name: "department without judges in post", p: q1, by: GroupDepartment, unit: "甲区法院/执行局", want: map[string]sqlWant{
			"closed": wantCount(3), "closed_per_judge": wantNone(3, 0), "weighted_closed": wantCount(2.5),
			"prelit_mediation_rate": wantNone(0, 0), "exec_recovery_rate": wantRatio(1100, 1500),
		}},
		{name: "department", p: q1, by: GroupDepartment, unit: "甲区法院/民一庭", want: map[string]sqlWant{
			"closed": wantCount(3), "closed_per_judge": wantRatio(3, 3), "weighted_closed": wantCount(4.5),
			"prelit_mediation_rate": wantRatio(0, 3),
		}},
		{name: "judge with two closed cases", p: q1, by: GroupJudge, unit: "甲区法院/民一庭/张三", want: map[string]sqlWant{
			"closed": wantCount(2), "median_days": {den: fp(2), val: fp(77.5)}, "weighted_closed": wantCount(3),
			"closed_per_judge": wantRatio(2, 1), "appeal_rate": wantRatio(0, 2), "enforcement_request_rate": wantRatio(1, 2),
		}},
		{name: "judge reversed on a case closed before P", p: q1, by: GroupJudge, unit: "甲区法院/民一庭/李四", want: map[string]sqlWant{
			"filed": wantCount(2), "pending_start": wantCount(1), "closed": wantCount(1), "pending_end": wantCount(2),
			"reversal_rate": wantRatio(1, 1), "appeal_rate": wantRatio(1, 1), "case_to_matter_ratio": wantRatio(2, 1),
			"weighted_closed": wantCount(1.5),
		}},
		{name: "judge on a panel", p: q1, by: GroupJudge, unit: "甲区法院/刑庭/王五", want: map[string]sqlWant{
			"closed": wantCount(2), "weighted_closed": wantCount(2.4), "median_days": {den: fp(2), val: fp(15.5)},
			"reversal_rate": wantRatio(1, 2),
		}},
		{name: "panel member in their own department", p: q1, by: GroupJudge, unit: "甲区法院/民一庭/周九", want: map[string]sqlWant{
			"closed": wantCount(0), "weighted_closed": wantCount(0.3), "closed_per_judge": wantRatio(0, 1),
			"median_days": {den: fp(0), none: true},
		}},
		{name: "judge not in post", p: q1, by: GroupJudge, unit: "甲区法院/执行局/赵六", want: map[string]sqlWant{
			"closed": wantCount(3), "closed_per_judge": wantNone(3, 0), "funds_timely_rate": wantRatio(2, 4),
			"weighted_closed": wantCount(2.5),
		}},
		{name: "civil only", p: q1, by: GroupAll, f: SQLFilter{Kind: "民事"}, unit: "全部", want: map[string]sqlWant{
			"filed": wantCount(4), "closed": wantCount(4), "reversal_rate": wantRatio(1, 3),
			"funds_timely_rate": wantNone(0, 0), "prelit_mediation_rate": wantRatio(2, 5),
		}},
		{name: "enforcement only", p: q1, by: GroupAll, f: SQLFilter{Kind: "执行"}, unit: "全部", want: map[string]sqlWant{
			"closed": wantCount(3), "funds_timely_rate": wantRatio(2, 4), "case_to_matter_ratio": wantNone(0, 0),
		}},
		{name: "criminal first instance", p: q1, by: GroupAll, f: SQLFilter{Kind: "刑事", Level: "一审"}, unit: "全部", want: map[string]sqlWant{
			"closed": wantCount(2), "reversal_rate": wantRatio(1, 2), "case_to_matter_ratio": wantRatio(3, 2),
		}},
		{name: "one day, filed and closed that day", p: sqlPeriod("2025-02-10", "2025-02-10"), by: GroupAll, unit: "全部", want: map[string]sqlWant{
			"filed": wantCount(2), "closed": wantCount(1), "pending_start": wantCount(10), "pending_end": wantCount(11),
			"disposition_time": {num: fp(11), den: fp(1), val: fp(11)}, "avg_days": wantRatio(0, 1),
		}},
		{name: "closed on T0 and T1", p: sqlPeriod("2025-01-01", "2025-01-01"), by: GroupJudge, unit: "甲区法院/刑庭/王五", want: map[string]sqlWant{
			"pending_start": wantCount(1), "closed": wantCount(1), "pending_end": wantCount(0), "filed": wantCount(0),
			"clearance": wantNone(1, 0),
		}},
	}
	sqlDialects(t, func(t *testing.T, db *DB) {
		loadSQLFixture(t, db)
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				res, err := db.IndicatorsSQL(context.Background(), tt.p, tt.by, tt.f)
				if err != nil {
					t.Fatal(err)
				}
				got := map[string]SQLResult{}
				for _, r := range res {
					if r.Unit == tt.unit {
						got[r.Indicator] = r
					}
				}
				if len(got) != len(SQLIndicatorIDs) {
					t.Fatalf("unit %s: %d indicators, want %d", tt.unit, len(got), len(SQLIndicatorIDs))
				}
				for id, w := range tt.want {
					checkSQLResult(t, id, got[id], w)
				}
			})
		}
	})
}

func checkSQLResult(t *testing.T, id string, r SQLResult, w sqlWant) {
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
		by   SQLGrouping
		want []string
	}{
		{GroupAll, []string{"全部"}},
		{GroupCourt, []string{"乙区法院", "甲区法院"}},
		{GroupDepartment, []string{"乙区法院/民一庭", "甲区法院/刑庭", "甲区法院/执行局", "甲区法院/民一庭"}},
		{GroupJudge, []string{"乙区法院/民一庭/孙八", "甲区法院/刑庭/王五", "甲区法院/执行局/赵六",
			"甲区法院/民一庭/周九", "甲区法院/民一庭/张三", "甲区法院/民一庭/李四"}},
	}
	sqlDialects(t, func(t *testing.T, db *DB) {
		loadSQLFixture(t, db)
		for _, tt := range tests {
			res, err := db.IndicatorsSQL(context.Background(), q1, tt.by, SQLFilter{})
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
				if k != len(SQLIndicatorIDs) {
					t.Errorf("%s %s: %d rows, want %d", tt.by, u, k, len(SQLIndicatorIDs))
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
		by      SQLGrouping
		f       SQLFilter
	}{
		{"unknown dialect", "oracle", q1, GroupAll, SQLFilter{}},
		{"unknown grouping", DialectSQLite, q1, "province", SQLFilter{}},
		{"unknown kind", DialectSQLite, q1, GroupAll, SQLFilter{Kind: "民事' OR 1=1 --"}},
		{"unknown level", DialectPostgres, q1, GroupAll, SQLFilter{Level: "三审"}},
		{"reversed period", DialectPostgres, court.Period{From: q1.To, To: q1.From}, GroupAll, SQLFilter{}},
	}
	for _, tt := range tests {
		if _, err := IndicatorQuery(tt.dialect, tt.p, tt.by, tt.f); court.KindOf(err) != court.Invalid {
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

// sqlDialects runs fn on a fresh SQLite database and, when the local server
// answers, a fresh PostgreSQL database (a failure under CI=true, else a skip).
func sqlDialects(t *testing.T, fn func(t *testing.T, db *DB)) {
	t.Run(DialectSQLite, func(t *testing.T) {
		db, err := Open(context.Background(), filepath.Join(t.TempDir(), "test.db"))
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		fn(t, db)
	})
	t.Run(DialectPostgres, func(t *testing.T) {
		ctx := context.Background()
		admin, err := Open(ctx, "postgres://postgres@127.0.0.1:5432/test?sslmode=disable")
		if err != nil {
			if os.Getenv("CI") == "true" {
				t.Fatalf("PostgreSQL: %v", err)
			}
			t.Skipf("PostgreSQL not reachable: %v", err)
		}
		defer admin.Close()
		name := fmt.Sprintf("zx_sqlind_%d_%d", os.Getpid(), time.Now().UnixNano())
		if _, err := admin.sqlDB().ExecContext(ctx, "CREATE DATABASE "+name); err != nil {
			t.Fatal(err)
		}
		defer admin.sqlDB().ExecContext(ctx, "DROP DATABASE "+name+" WITH (FORCE)")
		db, err := Open(ctx, "postgres://postgres@127.0.0.1:5432/"+name+"?sslmode=disable")
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		fn(t, db)
	})
}
