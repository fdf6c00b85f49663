package indicator

import (
	"math"
	"testing"

	"github.com/zhixiao/zhixiao/internal/court"
)

// P is the period of most hand-built tests: 2025-01-01..2025-06-30, days(P) = 181.
var P = period("2025-01-01", "2025-06-30")

var null = Number{}

// want is an expected result.
type want struct {
	id            string
	unit          string
	filter        Filter
	num, den, val Number
}

// checkAll evaluates each expectation against one data set.
func checkAll(t *testing.T, src *memSource, p court.Period, ws []want) {
	t.Helper()
	e := engineFor(t, src)
	for _, w := range ws {
		r := one(t, e, Query{Period: p, Unit: w.unit, Filter: w.filter}, w.id)
		if !sameNumber(r.Numerator, w.num) || !sameNumber(r.Denominator, w.den) || !sameNumber(r.Value, w.val) {
			t.Errorf("%s %s %v: got %v/%v = %v, want %v/%v = %v", w.id, w.unit, w.filter,
				show(r.Numerator), show(r.Denominator), show(r.Value), show(w.num), show(w.den), show(w.val))
		}
	}
}

func sameNumber(a, b Number) bool {
	if a.Valid != b.Valid {
		return false
	}
	return !a.Valid || math.Abs(a.V-b.V) <= 1e-9*math.Max(1, math.Abs(b.V))
}

func show(n Number) any {
	if !n.Valid {
		return "null"
	}
	return n.V
}

// basicSet exercises the period sets: every case's sets for P are noted.
func basicSet() *memSource {
	return &memSource{cases: []court.Case{
		cs("（2024）京0101民初1号", "2024-11-01", "2024-12-31"), // closed before T0: in no set
		cs("（2024）京0101民初2号", "2024-12-01", "2025-01-01"), // closed on T0: 旧存 + 已结, 31 days
		cs("（2024）京0101民初3号", "2024-12-15", ""),           // pending: 旧存 + 未结, age at T1 197
		cs("（2025）京0101民初4号", "2025-01-01", "2025-06-30"), // filed on T0, closed on T1: 新收 + 已结, 180 days
		cs("（2025）京0101民初5号", "2025-03-01", "2025-03-01"), // filed and closed the same day: 新收 + 已结, 0 days
		cs("（2025）京0101民初6号", "2025-06-30", ""),           // filed on T1: 新收 + 未结, age 0
		cs("（2025）京0101民初7号", "2025-05-01", "2025-07-01"), // closed after T1: 新收 + 未结, age 60
		cs("（2025）京0101民初8号", "2025-07-01", ""),           // filed after T1: in no set
	}}
}

func TestPeriodSets(t *testing.T) {
	// 新收 = 4, 5, 6, 7 → 4; 旧存 = 2, 3 → 2; 已结 = 2, 4, 5 → 3; 未结 = 3, 6, 7 → 3.
	checkAll(t, basicSet(), P, []want{
		{id: "filed", num: Num(4), den: null, val: Num(4)},
		{id: "pending_start", num: Num(2), den: null, val: Num(2)},
		{id: "closed", num: Num(3), den: null, val: Num(3)},
		{id: "pending_end", num: Num(3), den: null, val: Num(3)},
		// 结收比 = 已结 3 / 新收 4.
		{id: "clearance", num: Num(3), den: Num(4), val: Num(0.75)},
		// 结案率 = 已结 3 / (旧存 2 + 新收 4).
		{id: "closure_rate", num: Num(3), den: Num(6), val: Num(0.5)},
		// 处置时间 = 未结 3 / 已结 3 × 181.
		{id: "disposition_time", num: Num(3), den: Num(3), val: Num(181)},
		// 审理天数 31 + 180 + 0 = 211 over 3 cases.
		{id: "avg_days", num: Num(211), den: Num(3), val: Num(211.0 / 3)},
		// sorted 0, 31, 180: the median is 31.
		{id: "median_days", num: null, den: Num(3), val: Num(31)},
		// ages 197, 0, 60: none over 365.
		{id: "over_12m_ratio", num: Num(0), den: Num(3), val: Num(0)},
		{id: "age_0_90", num: Num(2), den: null, val: Num(2)},
		{id: "age_181_365", num: Num(1), den: null, val: Num(1)},
		{id: "age_366_730", num: Num(0), den: null, val: Num(0)},
		// A unit of that court: the same figures; the 中院 has no cases.
		{id: "closure_rate", unit: basicCourt, num: Num(3), den: Num(6), val: Num(0.5)},
		{id: "closure_rate", unit: basicCourt + "/民一庭/张三", num: Num(3), den: Num(6), val: Num(0.5)},
		{id: "closure_rate", unit: midCourt, num: Num(0), den: Num(0), val: null},
		{id: "median_days", unit: midCourt, num: null, den: Num(0), val: null},
		// Kind filter 刑事: nothing.
		{id: "avg_days", filter: Filter{Kinds: []court.Kind{court.KindCriminal}}, num: Num(0), den: Num(0), val: null},
	})
}

func TestMedianEven(t *testing.T) {
	// Durations 10, 20, 30, 41 → the mean of the middle two: (20 + 30) / 2 = 25.
	src := &memSource{cases: []court.Case{
		cs("（2025）京0101民初1号", "2025-01-01", "2025-01-11"),
		cs("（2025）京0101民初2号", "2025-01-01", "2025-01-21"),
		cs("（2025）京0101民初3号", "2025-01-01", "2025-01-31"),
		cs("（2025）京0101民初4号", "2025-01-01", "2025-02-11"),
	}}
	checkAll(t, src, P, []want{{id: "median_days", num: null, den: Num(4), val: Num(25)}})
}

func TestWithinLimit(t *testing.T) {
	// (closed - filed - suspended) <= limit + extended, over closed cases with a limit.
	src := &memSource{cases: []court.Case{
		cs("（2025）京0101民初1号", "2025-01-10", "2025-04-10", limit(90, 0, 0)),   // 90 <= 90: yes
		cs("（2025）京0101民初2号", "2025-01-10", "2025-04-11", limit(90, 0, 0)),   // 91 > 90: no
		cs("（2025）京0101民初3号", "2025-01-10", "2025-05-10", limit(90, 0, 30)),  // 120 - 30 = 90 <= 90: yes
		cs("（2025）京0101民初4号", "2025-01-10", "2025-05-10", limit(90, 20, 10)), // 120 - 10 = 110 <= 110: yes
		cs("（2025）京0101民特5号", "2025-01-10", "2025-02-01", limit(0, 0, 0)),    // no limit: not counted
		cs("（2025）京0101民初6号", "2025-01-10", "", limit(90, 0, 0)),             // pending: not counted
	}}
	checkAll(t, src, P, []want{{id: "within_limit_rate", num: Num(3), den: Num(4), val: Num(0.75)}})
}

func TestAppealRate(t *testing.T) {
	src := &memSource{cases: []court.Case{
		cs("（2025）京0101民初1号", "2025-01-01", "2025-02-01", appealed(court.Yes)), // 是: appealed
		cs("（2025）京0101民初2号", "2025-01-01", "2025-02-01", appealed(court.No)),  // 否, though a 二审 names it: not
		cs("（2025）京0101民初3号", "2025-01-01", "2025-02-01"),                      // empty, a 二审 names it: appealed
		cs("（2025）京0101民初4号", "2025-01-01", "2025-02-01"),                      // empty, nobody names it: not
		cs("（2025）京0101刑初5号", "2025-01-01", "2025-02-01"),                      // empty, a 刑终 names it: appealed
		cs("（2025）京0101民初6号", "2025-01-01", "2025-02-01"),                      // empty, only a 执 names it: not
		cs("（2025）京0101民初7号", "2025-01-01", "2025-02-01"),                      // empty, nobody: not
		cs("（2025）京01民终8号", "2025-01-01", "2025-02-01", appealed(court.Yes)),   // 二审: not a 一审 case
		cs("（2025）京0101民初9号", "2025-01-01", "2025-07-01", appealed(court.Yes)), // closed after T1
		cs("（2025）京01民终1号", "2025-03-01", "", origin("（2025）京0101民初2号"), at(midCourt)),
		cs("（2025）京01民终2号", "2025-08-01", "", origin("（2025）京0101民初3号"), at(midCourt)), // filed after T1: still names it
		cs("（2025）京01刑终3号", "2025-03-01", "", origin("（2025）京0101刑初5号"), at(midCourt)),
		cs("（2025）京0101执1号", "2025-03-01", "", origin("（2025）京0101民初6号"), judge("执行局", "赵六")),
	}}
	// 一审 closed in P: 1..7 → 7; appealed: 1, 3, 5 → 3; not appealed 7 - 3 = 4.
	checkAll(t, src, P, []want{
		{id: "appeal_rate", num: Num(3), den: Num(7), val: Num(3.0 / 7)},
		{id: "acceptance_rate", num: Num(4), den: Num(7), val: Num(4.0 / 7)},
		{id: "appeal_rate", filter: Filter{Kinds: []court.Kind{court.KindCriminal}}, num: Num(1), den: Num(1), val: Num(1)},
		{id: "appeal_rate", unit: midCourt, num: Num(0), den: Num(0), val: null},
	})
}

func TestReversalRate(t *testing.T) {
	src := &memSource{cases: []court.Case{
		cs("（2025）京0101民初1号", "2025-01-01", "2025-02-01"), // 一审 closed in P
		cs("（2025）京0101民初2号", "2025-01-01", "2025-02-01"), // 一审 closed in P
		cs("（2024）京0101民初3号", "2024-01-01", "2024-06-01"), // 一审 closed before P
		cs("（2025）京01民终1号", "2025-03-01", "2025-05-01", at(midCourt), judge("民二庭", "王五"), origin("（2025）京0101民初1号"), by(court.CloseModify)),
		cs("（2025）京01民终2号", "2025-03-01", "2025-05-01", at(midCourt), judge("民二庭", "王五"), origin("（2024）京0101民初3号"), by(court.CloseRemand)),
		cs("（2025）京01民终3号", "2025-03-01", "2025-05-01", at(midCourt), judge("民二庭", "王五"), origin("（2025）京0101民初2号"), by(court.CloseUphold)),
		cs("（2025）京01民终4号", "2025-03-01", "2025-07-02", at(midCourt), judge("民二庭", "王五"), origin("（2025）京0101民初2号"), by(court.CloseModify)),
		cs("（2025）京01民终5号", "2025-03-01", "2025-05-01", at(midCourt), judge("民二庭", "王五"), origin("（2024）京0101民初999号"), by(court.CloseModify)),
	}}
	// Numerator for 东城: 民终1 (改判, 原审 民初1) and 民终2 (发回, 原审 民初3 closed before P) = 2;
	// 民终3 is 维持, 民终4 closed after T1, 民终5's 原审 is missing (broken chain): none count.
	// Denominator: 东城's 一审 closed in P: 民初1, 民初2 = 2.
	checkAll(t, src, P, []want{
		{id: "reversal_rate", num: Num(2), den: Num(2), val: Num(1)},
		{id: "reversal_rate", unit: basicCourt, num: Num(2), den: Num(2), val: Num(1)},
		{id: "reversal_rate", unit: basicCourt + "/民一庭", num: Num(2), den: Num(2), val: Num(1)},
		{id: "reversal_rate", unit: basicCourt + "/民一庭/张三", num: Num(2), den: Num(2), val: Num(1)},
		{id: "reversal_rate", unit: midCourt, num: Num(0), den: Num(0), val: null},
		{id: "reversal_rate", unit: midCourt + "/民二庭/王五", num: Num(0), den: Num(0), val: null},
		// Filters apply to the 一审 case: level 二审 leaves nothing.
		{id: "reversal_rate", filter: Filter{Levels: []court.Level{court.LevelSecond}}, num: Num(0), den: Num(0), val: null},
		{id: "reversal_rate", filter: Filter{Kinds: []court.Kind{court.KindCivil}, Levels: []court.Level{court.LevelFirst}}, num: Num(2), den: Num(2), val: Num(1)},
	})
}

func TestModifyRemandAndHearings(t *testing.T) {
	src := &memSource{courts: testCourts(), cases: []court.Case{
		cs("（2025）京01民终1号", "2025-01-01", "2025-02-01", at(midCourt), by(court.CloseModify), hearings(1)),
		cs("（2025）京01民终2号", "2025-01-01", "2025-02-01", at(midCourt), by(court.CloseModify), hearings(3)),
		cs("（2025）京01刑终3号", "2025-01-01", "2025-02-01", at(midCourt), by(court.CloseModify)),
		cs("（2025）京01民终4号", "2025-01-01", "2025-02-01", at(midCourt), by(court.CloseRemand)),
		cs("（2025）京01行终5号", "2025-01-01", "2025-02-01", at(midCourt), by(court.CloseRemand), hearings(2)),
		cs("（2025）京01民终6号", "2025-01-01", "2025-02-01", at(midCourt), by(court.CloseUphold)),
		cs("（2025）京01民终7号", "2025-01-01", "2025-07-01", at(midCourt), by(court.CloseModify), hearings(1)), // after T1
		cs("（2025）京01民再1号", "2025-01-01", "2025-02-01", at(midCourt), by(court.CloseModify)),
		cs("（2025）京01刑再2号", "2025-01-01", "2025-02-01", at(midCourt), by(court.CloseRemand)),
		cs("（2025）京01民再3号", "2025-01-01", "2025-02-01", at(midCourt), by(court.CloseRemand)),
		cs("（2025）京01民再4号", "2025-01-01", "2025-02-01", at(midCourt), by(court.CloseUphold)),
	}}
	checkAll(t, src, P, []want{
		// 二审 closed in P: 改判 1, 2, 3 = 3; 发回 4, 5 = 2.
		{id: "appeal_modify_remand_ratio", num: Num(3), den: Num(2), val: Num(1.5)},
		// 再审: 改判 民再1 = 1; 发回 刑再2, 民再3 = 2.
		{id: "retrial_modify_remand_ratio", num: Num(1), den: Num(2), val: Num(0.5)},
		// 二审 closed in P: 1..6 = 6; with hearings 1, 2, 5 = 3.
		{id: "appeal_hearing_rate", num: Num(3), den: Num(6), val: Num(0.5)},
		{id: "appeal_hearing_rate", unit: basicCourt, num: Num(0), den: Num(0), val: null},
	})
}

func TestMediationRates(t *testing.T) {
	src := &memSource{cases: []court.Case{
		cs("（2025）京0101民初1号", "2025-01-01", "2025-02-01", by(court.CloseMediation)),
		cs("（2025）京0101民初2号", "2025-01-01", "2025-02-01", by(court.CloseWithdrawal)),
		cs("（2025）京0101行初3号", "2025-01-01", "2025-02-01", by(court.CloseWithdrawal)),
		cs("（2025）京01民终4号", "2025-01-01", "2025-02-01", at(midCourt), by(court.CloseAppealWithdrawn)),
		cs("（2025）京01民终5号", "2025-01-01", "2025-02-01", at(midCourt), by(court.CloseSettlement)),
		cs("（2025）京0101民初6号", "2025-01-01", "2025-02-01", by(court.CloseJudgment)),
		cs("（2025）京01行终7号", "2025-01-01", "2025-02-01", at(midCourt), by(court.CloseUphold)),
		cs("（2025）京0101刑初8号", "2025-01-01", "2025-02-01", by(court.CloseJudgment)),
		cs("（2025）京0101民特9号", "2025-01-01", "2025-02-01", by(court.CloseMediation)),
		cs("（2025）京0101执10号", "2025-01-01", "2025-02-01", by(court.CloseSettlement)),
		cs("（2025）京01民终11号", "2025-01-01", "2025-02-01", at(midCourt), by(court.CloseMediation)),
		cs("（2025）京0101民初12号", "2025-01-01", "2025-07-01", by(court.CloseMediation)), // after T1
	}}
	checkAll(t, src, P, []want{
		// 民事/行政 一审/二审 closed: 1, 2, 3, 4, 5, 6, 7, 11 = 8; by 调解/撤诉/撤回上诉/和解: 1, 2, 3, 4, 5, 11 = 6.
		{id: "mediation_withdrawal_rate", num: Num(6), den: Num(8), val: Num(0.75)},
		// 民事 closed: 1, 2, 4, 5, 6, 9, 11 = 7; by 调解: 1, 9, 11 = 3.
		{id: "mediation_rate", num: Num(3), den: Num(7), val: Num(3.0 / 7)},
		// The 中院 alone: 民终 4, 5, 11 and 行终 7 → 3 of 4; 民事: 4, 5, 11 → 调解 1 of 3.
		{id: "mediation_withdrawal_rate", unit: midCourt, num: Num(3), den: Num(4), val: Num(0.75)},
		{id: "mediation_rate", unit: midCourt, num: Num(1), den: Num(3), val: Num(1.0 / 3)},
	})
}

func TestCaseToMatterRatio(t *testing.T) {
	src := &memSource{cases: []court.Case{
		cs("（2025）京0101民初1号", "2025-01-01", "2025-02-01"), // M1
		cs("（2025）京0101民初2号", "2025-01-01", "2025-02-01"), // M2
		cs("（2025）京0101刑初3号", "2025-01-01", "2025-02-01"), // M3
		cs("（2024）京0101民初4号", "2024-01-01", "2024-02-01"), // closed before P
		cs("（2025）京01民终1号", "2025-05-01", "2025-06-01", at(midCourt), origin("（2025）京0101民初1号"), by(court.CloseRemand)),
		cs("（2025）京0101执1号", "2025-06-15", "", origin("（2025）京0101民初1号"), judge("执行局", "赵六")),
		cs("（2025）京0101执恢1号", "2025-08-01", "", origin("（2025）京0101执1号"), judge("执行局", "赵六")), // after T1
		cs("（2025）京01民再1号", "2025-06-20", "", at(midCourt), origin("（2025）京01民终1号")),
		cs("（2025）京0101民初10号", "2025-06-25", "", origin("（2025）京01民终1号")),              // 重审 after 发回: derives from M1 too
		cs("（2025）京01民终2号", "2025-07-15", "", at(midCourt), origin("（2025）京0101民初2号")), // after T1
		cs("（2025）京0101执2号", "2025-03-01", "", origin("（2025）京0101刑初3号"), judge("执行局", "赵六")),
		cs("（2024）京01民终9号", "2024-03-01", "", at(midCourt), origin("（2024）京0101民初4号")),
		cs("（2025）京0101执3号", "2025-03-01", "", origin("（2023）京0101民初404号"), judge("执行局", "赵六")), // broken chain
	}}
	// M1's descendants filed by T1: 民终1, 执1, 民再1 (via 民终1), 民初10 (via 民终1) = 4 (执恢1 is after T1).
	// M2: 民终2 is after T1 = 0. M3: 执2 = 1. Numerator 3 + 4 + 0 + 1 = 8; denominator 3.
	checkAll(t, src, P, []want{
		{id: "case_to_matter_ratio", num: Num(8), den: Num(3), val: Num(8.0 / 3)},
		{id: "case_to_matter_ratio", unit: basicCourt, num: Num(8), den: Num(3), val: Num(8.0 / 3)},
		{id: "case_to_matter_ratio", unit: midCourt, num: Num(0), den: Num(0), val: null},
		// Filter on the 一审 case: 刑事 keeps M3 only: (1 + 1) / 1.
		{id: "case_to_matter_ratio", filter: Filter{Kinds: []court.Kind{court.KindCriminal}}, num: Num(2), den: Num(1), val: Num(2)},
	})
	// With T1 = 2025-08-31, 执恢1 and 民终2 count: M1 5, M2 1, M3 1 → 3 + 7 = 10.
	checkAll(t, src, period("2025-01-01", "2025-08-31"), []want{
		{id: "case_to_matter_ratio", num: Num(10), den: Num(3), val: Num(10.0 / 3)},
	})
}

func TestEnforcementRequestRate(t *testing.T) {
	src := &memSource{cases: []court.Case{
		cs("（2025）京0101民初1号", "2025-01-01", "2025-02-01"),                            // E1: 判决, a 执 names it
		cs("（2025）京0101民初2号", "2025-01-01", "2025-02-01", by(court.CloseMediation)),  // E2: 调解, a 执 filed after T1 names it
		cs("（2025）京0101民初3号", "2025-01-01", "2025-02-01"),                            // E3: only a 执恢 names it
		cs("（2025）京0101民初4号", "2025-01-01", "2025-02-01"),                            // E4: nobody
		cs("（2025）京0101民初5号", "2025-01-01", "2025-02-01", by(court.CloseWithdrawal)), // 撤诉: not in the denominator
		cs("（2025）京0101刑初6号", "2025-01-01", "2025-02-01"),                            // 刑事: not counted
		cs("（2025）京0101执1号", "2025-03-01", "", origin("（2025）京0101民初1号")),
		cs("（2025）京0101执2号", "2025-08-01", "", origin("（2025）京0101民初2号")),
		cs("（2025）京0101执恢3号", "2025-03-01", "", origin("（2025）京0101民初3号")),
		cs("（2025）京0101执5号", "2025-03-01", "", origin("（2025）京0101民初5号")),
		cs("（2025）京0101执6号", "2025-03-01", "", origin("（2025）京0101刑初6号")),
	}}
	// Denominator E1..E4 = 4; numerator E1, E2 = 2.
	checkAll(t, src, P, []want{{id: "enforcement_request_rate", num: Num(2), den: Num(4), val: Num(0.5)}})
}

func TestExecRates(t *testing.T) {
	ex := func(no, closed string, m court.CloseMethod, a, r court.Money) court.Case {
		return cs(no, "2025-01-01", closed, by(m), money(a, r), judge("执行局", "赵六"))
	}
	src := &memSource{cases: []court.Case{
		ex("（2025）京0101执1号", "2025-02-01", court.CloseExecSuspended, 1000000, 250050), // 10000.00 元, 2500.50 元
		ex("（2025）京0101执2号", "2025-02-01", court.CloseExecCompleted, 500000, 500000),  // 5000 元, 5000 元
		ex("（2025）京0101执3号", "2025-02-01", court.CloseExecCompleted, court.NoMoney, court.NoMoney),
		ex("（2025）京0101执4号", "2025-02-01", court.CloseExecSuspended, 0, 0),
		ex("（2025）京0101执5号", "2025-02-01", court.CloseExecSuspended, 0, 0),
		ex("（2025）京0101执6号", "2025-02-01", court.CloseExecTerminated, 0, 0),
		ex("（2025）京0101执7号", "2025-02-01", court.CloseSettlement, 0, 0),
		ex("（2025）京0101执恢1号", "2025-02-01", court.CloseExecCompleted, 100000, 100000), // 执恢: not 首次执行
		ex("（2025）京0101执8号", "", court.CloseNone, 900000, 0),                          // pending
	}}
	checkAll(t, src, P, []want{
		// 到位 2500.50 + 5000 = 7500.50 元 over 标的 10000 + 5000 = 15000 元.
		{id: "exec_recovery_rate", num: Num(7500.50), den: Num(15000), val: Num(750050.0 / 1500000)},
		// 首次执行 closed: 执1..执7 = 7; 执行完毕: 执2, 执3 = 2; 终本: 执1, 执4, 执5 = 3.
		{id: "exec_completion_rate", num: Num(2), den: Num(7), val: Num(2.0 / 7)},
		{id: "exec_termination_rate", num: Num(3), den: Num(7), val: Num(3.0 / 7)},
		{id: "exec_termination_rate", filter: Filter{Kinds: []court.Kind{court.KindCivil}}, num: Num(0), den: Num(0), val: null},
	})
}

func TestFundsTimelyRate(t *testing.T) {
	exec := cs("（2025）京0101执1号", "2025-01-01", "", judge("执行局", "赵六"))
	rc := func(no, recv, paid string) court.FundReceipt {
		r := court.FundReceipt{CaseNo: no, ReceivedOn: day(recv), Amount: 100}
		if paid != "" {
			r.PaidOn, r.PaidAmount = day(paid), 100
		}
		return r
	}
	no := "（2025）京0101执1号"
	src := &memSource{cases: []court.Case{exec, cs("（2025）京0101民初1号", "2025-01-01", "")}, funds: []court.FundReceipt{
		rc(no, "2025-03-01", "2025-03-31"),                // F1: paid on day 30: both
		rc(no, "2025-03-01", "2025-04-01"),                // F2: day 31: denominator only
		rc(no, "2025-06-20", ""),                          // F3: unpaid, 30 days end 07-20 > T1: neither
		rc(no, "2025-05-01", ""),                          // F4: unpaid, 30 days end 05-31 <= T1: denominator
		rc(no, "2025-06-20", "2025-06-25"),                // F5: both
		rc(no, "2025-06-10", "2025-07-05"),                // F6: paid after T1, 30 days end 07-10: neither
		rc(no, "2024-12-31", "2025-01-05"),                // F7: received before P: neither
		rc(no, "2025-05-31", "2025-07-01"),                // F8: paid after T1, 30 days end 06-30 = T1: denominator
		rc("（2025）京0101执99号", "2025-03-01", "2025-03-02"), // F9: its case is not in the data: counts nowhere
	}}
	checkAll(t, src, P, []want{
		// Numerator F1, F5 = 2; denominator F1, F2, F4, F5, F8 = 5.
		{id: "funds_timely_rate", num: Num(2), den: Num(5), val: Num(0.4)},
		{id: "funds_timely_rate", unit: basicCourt, num: Num(2), den: Num(5), val: Num(0.4)},
		{id: "funds_timely_rate", unit: basicCourt + "/执行局/赵六", num: Num(2), den: Num(5), val: Num(0.4)},
		{id: "funds_timely_rate", unit: basicCourt + "/民一庭", num: Num(0), den: Num(0), val: null},
		// Filters read the receipt's case.
		{id: "funds_timely_rate", filter: Filter{Kinds: []court.Kind{court.KindEnforcement}}, num: Num(2), den: Num(5), val: Num(0.4)},
		{id: "funds_timely_rate", filter: Filter{Kinds: []court.Kind{court.KindCivil}}, num: Num(0), den: Num(0), val: null},
	})
}

func TestEfileRates(t *testing.T) {
	src := &memSource{cases: []court.Case{
		cs("（2025）京0101民初1号", "2025-02-01", "", efile("2025-02-01", 0)),           // same day: synced
		cs("（2025）京0101民初2号", "2025-02-01", "", efile("2025-02-04", 0)),           // +3: synced
		cs("（2025）京0101民初3号", "2025-02-01", "", efile("2025-02-05", 0)),           // +4: not
		cs("（2025）京0101民初4号", "2025-02-01", ""),                                   // no e-file: not
		cs("（2025）京0101民初5号", "2025-02-01", "", efile("2025-01-31", 0)),           // -1: synced (<= 3)
		cs("（2024）京0101民初6号", "2024-12-01", "2025-02-01", efile("2024-12-01", 2)), // filed before P; closed, read
		cs("（2024）京0101民初7号", "2024-12-01", "2025-02-01", efile("2024-12-01", 0)), // closed, e-file not read
		cs("（2024）京0101民初8号", "2024-12-01", "2025-02-01", func(c *court.Case) { c.EfileReads = 3 }),
		cs("（2024）京0101民初9号", "2024-12-01", "2025-02-01", efile("2024-12-09", 1)), // closed, read
	}}
	checkAll(t, src, P, []want{
		// Filed in P: 1..5 = 5; synced 1, 2, 5 = 3.
		{id: "efile_sync_rate", num: Num(3), den: Num(5), val: Num(0.6)},
		// Closed in P with an e-file: 6, 7, 9 = 3 (8 has none); read: 6, 9 = 2.
		{id: "efile_read_rate", num: Num(2), den: Num(3), val: Num(2.0 / 3)},
	})
}

func TestPrelitMediationRate(t *testing.T) {
	med := func(id, courtName, reg, ended string, r court.MediationResult) court.Mediation {
		m := court.Mediation{ID: id, Court: courtName, RegisteredOn: day(reg), Result: r}
		if ended != "" {
			m.EndedOn = day(ended)
		}
		return m
	}
	src := &memSource{
		cases: []court.Case{
			cs("（2025）京0101民初1号", "2025-02-01", ""),
			cs("（2025）京0101民初2号", "2025-03-01", "", judge("民二庭", "李四")),
			cs("（2025）京0101刑初3号", "2025-03-01", ""),
			cs("（2025）京01民终4号", "2025-03-01", "", at(midCourt)),
			cs("（2024）京0101民初5号", "2024-03-01", ""),
		},
		meds: []court.Mediation{
			med("TJ-1", basicCourt, "2025-01-05", "2025-02-01", court.MediationSuccess),
			med("TJ-2", basicCourt, "2025-01-05", "2025-02-01", court.MediationFailure),
			med("TJ-3", basicCourt, "2024-11-05", "2024-12-01", court.MediationSuccess), // ended before P
			med("TJ-4", basicCourt, "2025-01-05", "", court.MediationPending),           // not ended
			med("TJ-5", "京01", "2025-01-05", "2025-03-01", court.MediationSuccess),      // the 中院, by its code
		},
	}
	checkAll(t, src, P, []want{
		// 东城: successes TJ-1 = 1; 民事一审 filed in P: 民初1, 民初2 = 2 → 1 / (1 + 2).
		{id: "prelit_mediation_rate", unit: basicCourt, num: Num(1), den: Num(3), val: Num(1.0 / 3)},
		// 中院: TJ-5 = 1; no 民事一审 filed → 1 / 1.
		{id: "prelit_mediation_rate", unit: midCourt, num: Num(1), den: Num(1), val: Num(1)},
		// 全部: 2 / (2 + 2).
		{id: "prelit_mediation_rate", num: Num(2), den: Num(4), val: Num(0.5)},
		// A department has no mediations: 0 / (0 + 1).
		{id: "prelit_mediation_rate", unit: basicCourt + "/民一庭", num: Num(0), den: Num(1), val: Num(0)},
		{id: "prelit_mediation_rate", unit: basicCourt + "/民二庭/李四", num: Num(0), den: Num(1), val: Num(0)},
		// Filters do not apply to mediations: under 刑事 only the case part goes, 1 / (1 + 0).
		{id: "prelit_mediation_rate", unit: basicCourt, filter: Filter{Kinds: []court.Kind{court.KindCriminal}}, num: Num(1), den: Num(1), val: Num(1)},
		// 民事 一审 keeps both.
		{id: "prelit_mediation_rate", unit: basicCourt, filter: Filter{Kinds: []court.Kind{court.KindCivil}, Levels: []court.Level{court.LevelFirst}}, num: Num(1), den: Num(3), val: Num(1.0 / 3)},
	})
}

// weightSet is the data of the 加权结案数 and 人均结案数 tests.
func weightSet() *memSource {
	return &memSource{
		people: []court.Person{
			{Court: basicCourt, Department: "民一庭", Name: "张三", Category: court.CategoryJudge, Active: true},
			{Court: basicCourt, Department: "民二庭", Name: "李四", Category: court.CategoryJudge, Active: true},
			{Court: basicCourt, Department: "民一庭", Name: "王五", Category: court.CategoryAssistant, Active: true},
			{Court: basicCourt, Department: "执行局", Name: "赵六", Category: court.CategoryJudge, Active: false},
			{Court: basicCourt, Department: "刑庭", Name: "孙七", Category: court.CategoryJudge, Active: true},
		},
		cases: []court.Case{
			cs("（2025）京0101民初1号", "2025-01-01", "2025-02-01"),                     // W1 一审 1.5, 张三 alone 1.0
			cs("（2025）京0101民初2号", "2025-01-01", "2025-02-01", panel("李四", "王五")),  // W2 一审 1.5: 张三 0.6, 李四 0.2, 王五 0.2
			cs("（2025）京0101民特3号", "2025-01-01", "2025-02-01", judge("民一庭", "李四")), // W3 特别程序 0.3
			cs("（2025）京0101执4号", "2025-01-01", "2025-02-01", judge("执行局", "赵六")),  // W4 首次执行 1.0
			cs("（2025）京0101民诉前调5号", "2025-01-01", "2025-02-01"),                   // W5 诉前调解 0
			cs("（2025）京0101民申6号", "2025-01-01", "2025-02-01"),                     // W6 再审审查 0.5
			cs("（2025）京0101执异7号", "2025-01-01", "2025-02-01", judge("执行局", "赵六")), // W7 执行异议 0.5
			cs("（2025）京0101刑核8号", "2025-01-01", "2025-02-01", judge("刑庭", "孙七")),  // W8 others 0.5
			cs("（2025）京0101民初9号", "2025-01-01", "2025-07-01", panel("李四")),        // closed after T1
		},
	}
}

func TestWeightedClosed(t *testing.T) {
	checkAll(t, weightSet(), P, []want{
		// Court and 全部, each case once: 1.5 + 1.5 + 0.3 + 1.0 + 0 + 0.5 + 0.5 + 0.5 = 5.8.
		{id: "weighted_closed", num: Num(5.8), den: null, val: Num(5.8)},
		{id: "weighted_closed", unit: basicCourt, num: Num(5.8), den: null, val: Num(5.8)},
		// 民一庭: W1, W2, W3, W5, W6 = 1.5 + 1.5 + 0.3 + 0 + 0.5 = 3.8.
		{id: "weighted_closed", unit: basicCourt + "/民一庭", num: Num(3.8), den: null, val: Num(3.8)},
		{id: "weighted_closed", unit: basicCourt + "/执行局", num: Num(1.5), den: null, val: Num(1.5)},
		// 张三: W1 1.5 × 1.0 + W2 1.5 × 0.6 + W5 0 + W6 0.5 × 1.0 = 2.9.
		{id: "weighted_closed", unit: basicCourt + "/民一庭/张三", num: Num(2.9), den: null, val: Num(2.9)},
		// 李四 on W2's panel counts in his own department (民二庭): 1.5 × 0.2 = 0.3.
		{id: "weighted_closed", unit: basicCourt + "/民二庭/李四", num: Num(0.3), den: null, val: Num(0.3)},
		// 李四 as 承办人 of W3 in 民一庭: 0.3 × 1.0.
		{id: "weighted_closed", unit: basicCourt + "/民一庭/李四", num: Num(0.3), den: null, val: Num(0.3)},
		// 王五 (in the people table in 民一庭): 1.5 × 0.2 = 0.3.
		{id: "weighted_closed", unit: basicCourt + "/民一庭/王五", num: Num(0.3), den: null, val: Num(0.3)},
		// The department 民二庭 has no case of its own: 0.
		{id: "weighted_closed", unit: basicCourt + "/民二庭", num: Num(0), den: null, val: Num(0)},
	})
}

func TestClosedPerJudge(t *testing.T) {
	checkAll(t, weightSet(), P, []want{
		// Closed in P: W1..W8 = 8; 在岗员额法官: 张三, 李四, 孙七 = 3 (赵六 is not in post, 王五 is an assistant).
		{id: "closed_per_judge", num: Num(8), den: Num(3), val: Num(8.0 / 3)},
		{id: "closed_per_judge", unit: basicCourt, num: Num(8), den: Num(3), val: Num(8.0 / 3)},
		// 民一庭: W1, W2, W3, W5, W6 = 5 over 张三 = 1.
		{id: "closed_per_judge", unit: basicCourt + "/民一庭", num: Num(5), den: Num(1), val: Num(5)},
		// 执行局: 2 cases, no judge in post.
		{id: "closed_per_judge", unit: basicCourt + "/执行局", num: Num(2), den: Num(0), val: null},
		{id: "closed_per_judge", unit: basicCourt + "/执行局/赵六", num: Num(2), den: Num(0), val: null},
		// 李四 handles W3 in 民一庭, but sits in 民二庭: still a judge in post → 1 / 1.
		{id: "closed_per_judge", unit: basicCourt + "/民一庭/李四", num: Num(1), den: Num(1), val: Num(1)},
		{id: "closed_per_judge", unit: basicCourt + "/民二庭/李四", num: Num(0), den: Num(1), val: Num(0)},
		// 王五 is an assistant: no denominator.
		{id: "closed_per_judge", unit: basicCourt + "/民一庭/王五", num: Num(0), den: Num(0), val: null},
	})
}

func TestAgeBuckets(t *testing.T) {
	t1 := day("2025-06-30")
	pend := func(seq int, age court.Date) court.Case {
		c := cs("（2020）京0101民初1号", "2025-01-01", "")
		c.No.Seq, c.FiledOn = seq, t1-age
		return c
	}
	src := &memSource{cases: []court.Case{
		pend(1, 0), pend(2, 90), // 0..90
		pend(3, 91), pend(4, 180), // 91..180
		pend(5, 181), pend(6, 365), // 181..365
		pend(7, 366), pend(8, 730), // 366..730
		pend(9, 731), pend(10, 1095), // 731..1095
		pend(11, 1096), // over 1095
	}}
	closedOnT1 := cs("（2020）京0101民初12号", "2025-01-01", "2025-06-30")
	closedOnT1.FiledOn = t1 - 1000 // closed on T1: not pending
	closedAfter := cs("（2020）京0101民初13号", "2025-01-01", "2025-07-01")
	closedAfter.FiledOn = t1 - 400 // closed after T1: pending at T1, age 400
	src.cases = append(src.cases, closedOnT1, closedAfter)
	checkAll(t, src, P, []want{
		{id: "age_0_90", num: Num(2), den: null, val: Num(2)},
		{id: "age_91_180", num: Num(2), den: null, val: Num(2)},
		{id: "age_181_365", num: Num(2), den: null, val: Num(2)},
		{id: "age_366_730", num: Num(3), den: null, val: Num(3)},
		{id: "age_731_1095", num: Num(2), den: null, val: Num(2)},
		{id: "age_over_1095", num: Num(1), den: null, val: Num(1)},
		// Pending 12; over 365 days: ages 366, 730, 731, 1095, 1096, 400 = 6.
		{id: "over_12m_ratio", num: Num(6), den: Num(12), val: Num(0.5)},
		{id: "pending_end", num: Num(12), den: null, val: Num(12)},
	})
}
