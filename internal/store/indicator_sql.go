package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/zhixiao/zhixiao/internal/court"
)

// This file computes every indicator of INDICATORS.md with plain SQL over the
// stored cases, independently of the in-memory engine (internal/indicator):
// the differential test requires the two to agree, and the benchmarks run the
// same query on PostgreSQL, SQLite and DuckDB. One query per grouping returns
// one wide row per unit with every numerator, denominator and median; Go turns
// it into one SQLResult per (unit, indicator).
//
// Conventions shared with the engine:
//   - counts (filed ... age buckets, weighted_closed): numerator = value, no denominator;
//   - ratios: numerator and denominator, value NULL when the denominator is 0;
//   - median_days: no numerator, denominator = cases closed in P;
//   - reversal_rate, case_to_matter_ratio and enforcement_request_rate count for
//     the unit of the 一审 case, and the kind and level filters apply to it;
//   - a fund receipt counts for the unit of its case (a receipt whose case is
//     not stored counts nowhere), and the filters apply to that case;
//   - a pre-litigation mediation counts for its court and for 全部 only, and the
//     kind and level filters do not apply to mediations;
//   - judge units are 承办法院/承办部门/承办人 of the case; for weighted_closed a
//     panel member (case_panel) counts in the department the people table gives
//     them, else in the case's department.

// SQLGrouping is the kind of unit the SQL indicators are computed for.
type SQLGrouping string

// The groupings.
const (
	GroupAll        SQLGrouping = "all"
	GroupCourt      SQLGrouping = "court"
	GroupDepartment SQLGrouping = "department"
	GroupJudge      SQLGrouping = "judge"
)

// SQLFilter narrows the cases by kind and level, named as stored in
// cases.kind and cases.level (刑事, 一审 ...); "" means any.
type SQLFilter struct {
	Kind, Level string
}

// SQLResult is one indicator of one unit. Value is nil when the ratio has a
// zero denominator; Denominator is nil for counts, Numerator for median_days.
type SQLResult struct {
	UnitType    string // all, court, department, judge
	Unit        string // 全部, court, court/department or court/department/judge
	Indicator   string // id of INDICATORS.md
	Numerator   *float64
	Denominator *float64
	Value       *float64
}

// The dialects IndicatorQuery writes for.
const (
	DialectSQLite   = "sqlite"
	DialectPostgres = "postgres"
	DialectDuckDB   = "duckdb"
)

// UnitAll is the name of the unit that covers the whole data set.
const UnitAll = "全部"

// SQLIndicatorIDs lists the indicators IndicatorsSQL returns for each unit, in
// the order of INDICATORS.md.
var SQLIndicatorIDs = []string{
	"filed", "pending_start", "closed", "pending_end", "clearance", "closure_rate",
	"within_limit_rate", "avg_days", "median_days", "over_12m_ratio", "disposition_time",
	"appeal_rate", "acceptance_rate", "reversal_rate", "appeal_modify_remand_ratio",
	"retrial_modify_remand_ratio", "appeal_hearing_rate", "mediation_withdrawal_rate",
	"mediation_rate", "case_to_matter_ratio", "enforcement_request_rate", "exec_recovery_rate",
	"exec_completion_rate", "exec_termination_rate", "funds_timely_rate", "efile_sync_rate",
	"efile_read_rate", "prelit_mediation_rate", "weighted_closed", "closed_per_judge",
	"age_0_90", "age_91_180", "age_181_365", "age_366_730", "age_731_1095", "age_over_1095",
}

// IndicatorsSQL computes every indicator for every unit of the grouping over
// period p, with plain SQL on the stored cases.
func (db *DB) IndicatorsSQL(ctx context.Context, p court.Period, by SQLGrouping, f SQLFilter) ([]SQLResult, error) {
	q, err := IndicatorQuery(db.dialectName(), p, by, f)
	if err != nil {
		return nil, err
	}
	rows, err := db.sqlDB().QueryContext(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("SQL indicators: %w", err)
	}
	defer rows.Close()
	return ScanIndicators(rows, p, by)
}

// IndicatorQuery returns the one SQL query that computes every indicator for
// every unit of the grouping over period p, in the given dialect (sqlite,
// postgres or duckdb). Dates and filter values are written into the text, so
// the query takes no parameters; the filter values must be a known kind and
// level. ScanIndicators reads its rows.
func IndicatorQuery(dialect string, p court.Period, by SQLGrouping, f SQLFilter) (string, error) {
	if p.From.IsZero() || p.To < p.From {
		return "", court.Errorf(court.Invalid, "统计期间无效：%s", p)
	}
	if f.Kind != "" {
		if _, ok := court.ParseKind(f.Kind); !ok {
			return "", court.Errorf(court.Invalid, "未知的案件类别“%s”", f.Kind)
		}
	}
	if f.Level != "" {
		if _, ok := court.ParseLevel(f.Level); !ok {
			return "", court.Errorf(court.Invalid, "未知的审级“%s”", f.Level)
		}
	}
	q := &querySQL{dialect: dialect, by: by, f: f, p: p}
	switch dialect {
	case DialectSQLite, DialectPostgres, DialectDuckDB:
	default:
		return "", court.Errorf(court.Invalid, "未知的数据库类型“%s”", dialect)
	}
	switch by {
	case GroupAll, GroupCourt, GroupDepartment, GroupJudge:
	default:
		return "", court.Errorf(court.Invalid, "未知的统计单位“%s”", by)
	}
	return q.build(), nil
}

// querySQL writes the indicator query for one dialect, grouping, filter and period.
type querySQL struct {
	dialect string
	by      SQLGrouping
	f       SQLFilter
	p       court.Period
}

// date is the SQL literal of d: DATE '2025-01-01', or the text in SQLite.
func (q *querySQL) date(d court.Date) string {
	if q.dialect == DialectSQLite {
		return "'" + d.String() + "'"
	}
	return "DATE '" + d.String() + "'"
}

// t0 and t1 are the period's bounds; t1Minus(n) is T1 - n days, so that
// "T1 - filed_on > 365" becomes "filed_on < T1-365".
func (q *querySQL) t0() string           { return q.date(q.p.From) }
func (q *querySQL) t1() string           { return q.date(q.p.To) }
func (q *querySQL) t1Minus(n int) string { return q.date(q.p.To - court.Date(n)) }

// days is the number of days from b to a (a - b).
func (q *querySQL) days(a, b string) string {
	if q.dialect == DialectSQLite {
		return fmt.Sprintf("CAST(julianday(%s) - julianday(%s) AS INTEGER)", a, b)
	}
	return fmt.Sprintf("(%s - %s)", a, b)
}

// in is "alias.column between T0 and T1".
func (q *querySQL) in(col string) string {
	return fmt.Sprintf("(%s BETWEEN %s AND %s)", col, q.t0(), q.t1())
}

// filter is the kind and level condition on the case alias a.
func (q *querySQL) filter(a string) string {
	var conds []string
	if q.f.Kind != "" {
		conds = append(conds, fmt.Sprintf("%s.kind = %s", a, quote(q.f.Kind)))
	}
	if q.f.Level != "" {
		conds = append(conds, fmt.Sprintf("%s.level = %s", a, quote(q.f.Level)))
	}
	if len(conds) == 0 {
		return "TRUE"
	}
	return strings.Join(conds, " AND ")
}

func quote(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// unit is the unit key (u1, u2) of the case alias a as the 承办 unit.
func (q *querySQL) unit(a string) string {
	switch q.by {
	case GroupCourt:
		return a + ".court_id AS u1, 0 AS u2"
	case GroupDepartment:
		return a + ".department_id AS u1, 0 AS u2"
	case GroupJudge:
		return a + ".department_id AS u1, " + a + ".judge_id AS u2"
	}
	return "0 AS u1, 0 AS u2"
}

// Case classes of INDICATORS.md, on the case alias a.
const trialKinds = "('刑事', '民事', '行政')"

func first(a string) string   { return a + ".level = '一审' AND " + a + ".kind IN " + trialKinds }
func second(a string) string  { return a + ".level = '二审' AND " + a + ".kind IN " + trialKinds }
func retrial(a string) string { return a + ".level = '再审' AND " + a + ".kind IN " + trialKinds }
func execFirst(a string) string {
	return a + ".level = '首次执行'"
}

// kindWeight10 is ten times the 加权结案数 kind weight of the case alias a.
func kindWeight10(a string) string {
	return `CASE
      WHEN ` + first(a) + ` THEN 15
      WHEN (` + second(a) + `) OR (` + retrial(a) + `) THEN 10
      WHEN ` + a + `.level = '首次执行' THEN 10
      WHEN ` + a + `.level IN ('特别程序', '督促', '公示催告') THEN 3
      WHEN ` + a + `.level = '诉前' THEN 0
      ELSE 5 END`
}

// build writes the query: CTEs per attribution rule, joined on the units.
func (q *querySQL) build() string {
	t0, t1 := q.t0(), q.t1()
	closedIn := q.in("b.closed_on")
	filedIn := q.in("b.filed_on")
	pendEnd := fmt.Sprintf("(b.filed_on <= %s AND (b.closed_on IS NULL OR b.closed_on > %s))", t1, t1)
	var w strings.Builder
	w.WriteString("WITH RECURSIVE\n")
	// base: the cases of the filter that are 旧存, 新收, 已结 or 未结 in P.
	fmt.Fprintf(&w, `base AS %s(
  SELECT c.id, c.case_no, c.kind, c.level, c.department_id, c.filed_on, c.closed_on, c.close_method,
    c.limit_days, c.extended_days, c.suspended_days, c.appealed, c.hearings, c.exec_amount,
    c.exec_recovered, c.efile_on, c.efile_reads, %s
  FROM cases c
  WHERE %s AND ((c.filed_on <= %s AND (c.closed_on IS NULL OR c.closed_on >= %s)) OR %s)
),
`, q.notMaterialized(), q.unit("c"), q.filter("c"), t1, t0, q.in("c.closed_on"))
	// appeal_targets: 案号 that a 二审 case names as 原审; exec_targets: likewise for 首次执行.
	fmt.Fprintf(&w, `appeal_targets AS (
  SELECT DISTINCT x.origin_no AS case_no FROM cases x WHERE %s AND x.origin_no IS NOT NULL
),
exec_targets AS (
  SELECT DISTINCT x.origin_no AS case_no FROM cases x WHERE %s AND x.origin_no IS NOT NULL
),
`, second("x"), execFirst("x"))
	dur := q.days("b.closed_on", "b.filed_on")
	civilFirst := "b.level = '一审' AND b.kind = '民事'"
	medWithdraw := "b.kind IN ('民事', '行政') AND b.level IN ('一审', '二审')"
	fmt.Fprintf(&w, `case_agg AS (
  SELECT b.u1, b.u2,
    COUNT(*) FILTER (WHERE %[1]s) AS filed,
    COUNT(*) FILTER (WHERE b.filed_on < %[3]s AND (b.closed_on IS NULL OR b.closed_on >= %[3]s)) AS pending_start,
    COUNT(*) FILTER (WHERE %[2]s) AS closed,
    COUNT(*) FILTER (WHERE %[4]s) AS pending_end,
    COUNT(*) FILTER (WHERE %[2]s AND b.limit_days > 0 AND %[5]s - b.suspended_days <= b.limit_days + b.extended_days) AS limit_num,
    COUNT(*) FILTER (WHERE %[2]s AND b.limit_days > 0) AS limit_den,
    CAST(COALESCE(SUM(%[5]s) FILTER (WHERE %[2]s), 0) AS BIGINT) AS days_sum,
    %[6]s AS median,
    COUNT(*) FILTER (WHERE %[4]s AND b.filed_on < %[7]s) AS over_12m,
    COUNT(*) FILTER (WHERE %[8]s AND %[2]s AND (b.appealed OR (b.appealed IS NULL AND apt.case_no IS NOT NULL))) AS appealed,
    COUNT(*) FILTER (WHERE %[8]s AND %[2]s) AS first_closed,
    COUNT(*) FILTER (WHERE %[9]s AND %[2]s AND b.close_method = '改判') AS appeal_modify,
    COUNT(*) FILTER (WHERE %[9]s AND %[2]s AND b.close_method = '发回重审') AS appeal_remand,
    COUNT(*) FILTER (WHERE %[10]s AND %[2]s AND b.close_method = '改判') AS retrial_modify,
    COUNT(*) FILTER (WHERE %[10]s AND %[2]s AND b.close_method = '发回重审') AS retrial_remand,
    COUNT(*) FILTER (WHERE %[9]s AND %[2]s AND b.hearings >= 1) AS appeal_heard,
    COUNT(*) FILTER (WHERE %[9]s AND %[2]s) AS appeal_closed,
    COUNT(*) FILTER (WHERE %[11]s AND %[2]s AND b.close_method IN ('调解', '撤诉', '撤回上诉', '和解')) AS withdraw_num,
    COUNT(*) FILTER (WHERE %[11]s AND %[2]s) AS withdraw_den,
    COUNT(*) FILTER (WHERE b.kind = '民事' AND %[2]s AND b.close_method = '调解') AS mediation_num,
    COUNT(*) FILTER (WHERE b.kind = '民事' AND %[2]s) AS mediation_den,
    COUNT(*) FILTER (WHERE %[12]s AND %[2]s AND b.close_method IN ('判决', '调解') AND ext.case_no IS NOT NULL) AS enforce_num,
    COUNT(*) FILTER (WHERE %[12]s AND %[2]s AND b.close_method IN ('判决', '调解')) AS enforce_den,
    CAST(COALESCE(SUM(b.exec_recovered) FILTER (WHERE %[13]s AND %[2]s AND b.exec_recovered > 0), 0) AS BIGINT) AS exec_recovered,
    CAST(COALESCE(SUM(b.exec_amount) FILTER (WHERE %[13]s AND %[2]s AND b.exec_amount > 0), 0) AS BIGINT) AS exec_amount,
    COUNT(*) FILTER (WHERE %[13]s AND %[2]s AND b.close_method = '执行完毕') AS exec_done,
    COUNT(*) FILTER (WHERE %[13]s AND %[2]s AND b.close_method = '终结本次执行程序') AS exec_suspended,
    COUNT(*) FILTER (WHERE %[13]s AND %[2]s) AS exec_closed,
    COUNT(*) FILTER (WHERE %[1]s AND b.efile_on IS NOT NULL AND %[14]s <= 3) AS efile_sync,
    COUNT(*) FILTER (WHERE %[2]s AND b.efile_on IS NOT NULL AND b.efile_reads >= 1) AS efile_read,
    COUNT(*) FILTER (WHERE %[2]s AND b.efile_on IS NOT NULL) AS efile_closed,
    COUNT(*) FILTER (WHERE %[12]s AND %[1]s) AS civil_first_filed,
    CAST(COALESCE(SUM(%[15]s) FILTER (WHERE %[2]s), 0) AS BIGINT) AS weight10,
    COUNT(*) FILTER (WHERE %[4]s AND b.filed_on >= %[16]s) AS age1,
    COUNT(*) FILTER (WHERE %[4]s AND b.filed_on < %[16]s AND b.filed_on >= %[17]s) AS age2,
    COUNT(*) FILTER (WHERE %[4]s AND b.filed_on < %[17]s AND b.filed_on >= %[7]s) AS age3,
    COUNT(*) FILTER (WHERE %[4]s AND b.filed_on < %[7]s AND b.filed_on >= %[18]s) AS age4,
    COUNT(*) FILTER (WHERE %[4]s AND b.filed_on < %[18]s AND b.filed_on >= %[19]s) AS age5,
    COUNT(*) FILTER (WHERE %[4]s AND b.filed_on < %[19]s) AS age6
  FROM base b
  LEFT JOIN appeal_targets apt ON apt.case_no = b.case_no
  LEFT JOIN exec_targets ext ON ext.case_no = b.case_no
  GROUP BY b.u1, b.u2
),
`, filedIn, closedIn, t0, pendEnd, dur, q.medianAgg(dur, closedIn), q.t1Minus(365),
		first("b"), second("b"), retrial("b"), medWithdraw, civilFirst, execFirst("b"),
		q.days("b.efile_on", "b.filed_on"), kindWeight10("b"),
		q.t1Minus(90), q.t1Minus(180), q.t1Minus(730), q.t1Minus(1095))
	if q.dialect == DialectSQLite {
		// SQLite has no median aggregate: the middle one or two of the ordered durations.
		fmt.Fprintf(&w, `median_agg AS (
  SELECT u1, u2, AVG(d) AS median FROM (
    SELECT b.u1, b.u2, %s AS d,
      ROW_NUMBER() OVER (PARTITION BY b.u1, b.u2 ORDER BY %s) AS rn,
      COUNT(*) OVER (PARTITION BY b.u1, b.u2) AS n
    FROM base b WHERE %s
  ) m WHERE rn = (n + 1) / 2 OR rn = (n + 2) / 2
  GROUP BY u1, u2
),
`, dur, dur, closedIn)
	}
	// reversal_rate: 二审 改判/发回重审 closed in P, for the unit of the 一审 case it reviews.
	fmt.Fprintf(&w, `reversal_agg AS (
  SELECT %s, COUNT(*) AS reversed
  FROM cases s JOIN cases o ON o.case_no = s.origin_no
  WHERE %s AND %s AND s.close_method IN ('改判', '发回重审') AND %s AND %s
  GROUP BY 1, 2
),
`, q.unit("o"), second("s"), q.in("s.closed_on"), first("o"), q.filter("o"))
	// case_to_matter_ratio: every case that derives from a 一审 case closed in P
	// through a chain of 原审案号 (UNION stops at cycles), counted when filed by T1.
	fmt.Fprintf(&w, `chain (root_id, u1, u2, id, case_no, filed_on) AS (
  SELECT b.id, b.u1, b.u2, b.id, b.case_no, b.filed_on FROM base b WHERE %s AND %s
  UNION
  SELECT ch.root_id, ch.u1, ch.u2, x.id, x.case_no, x.filed_on
  FROM chain ch JOIN cases x ON x.origin_no = ch.case_no
),
chain_agg AS (
  SELECT u1, u2, COUNT(*) AS derived FROM chain
  WHERE id <> root_id AND filed_on <= %s
  GROUP BY u1, u2
),
`, first("b"), closedIn, t1)
	// funds_timely_rate: receipts received in P, for the unit of their case.
	fmt.Fprintf(&w, `fund_agg AS (
  SELECT %s,
    COUNT(*) FILTER (WHERE f.paid_on <= %s AND %s <= 30) AS funds_num,
    COUNT(*) FILTER (WHERE f.paid_on <= %s OR f.received_on <= %s) AS funds_den
  FROM fund_receipts f JOIN cases c ON c.case_no = f.case_no
  WHERE %s AND %s
  GROUP BY 1, 2
),
`, q.unit("c"), t1, q.days("f.paid_on", "f.received_on"), t1, q.t1Minus(court.FundPayoutDays),
		q.in("f.received_on"), q.filter("c"))
	q.writeMediations(&w)
	q.writeWeights(&w, closedIn)
	q.writeHeads(&w)
	q.writeUnits(&w)
	q.writeSelect(&w)
	return w.String()
}

// notMaterialized keeps PostgreSQL from writing base to a temporary table.
func (q *querySQL) notMaterialized() string {
	if q.dialect == DialectPostgres {
		return "NOT MATERIALIZED "
	}
	return ""
}

// double is the dialect's 8-byte float type.
func (q *querySQL) double() string {
	if q.dialect == DialectPostgres {
		return "DOUBLE PRECISION"
	}
	return "DOUBLE"
}

// medianAgg is the median aggregate of expr over the rows where cond holds,
// or NULL in SQLite, where median_agg computes it.
func (q *querySQL) medianAgg(expr, cond string) string {
	switch q.dialect {
	case DialectPostgres:
		return fmt.Sprintf("percentile_cont(0.5) WITHIN GROUP (ORDER BY %s) FILTER (WHERE %s)", expr, cond)
	case DialectDuckDB:
		return fmt.Sprintf("quantile_cont(%s, 0.5) FILTER (WHERE %s)", expr, cond)
	}
	return "NULL"
}

// writeMediations: successful pre-litigation mediations ended in P, for their
// court and for 全部; the kind and level filters do not apply to them.
func (q *querySQL) writeMediations(w *strings.Builder) {
	key := "0 AS u1, 0 AS u2"
	switch q.by {
	case GroupCourt:
		key = "m.court_id AS u1, 0 AS u2"
	case GroupDepartment, GroupJudge:
		w.WriteString("mediation_agg AS (SELECT 0 AS u1, 0 AS u2, 0 AS mediated WHERE FALSE),\n")
		return
	}
	fmt.Fprintf(w, `mediation_agg AS (
  SELECT %s, COUNT(*) AS mediated FROM mediations m
  WHERE m.result = '成功' AND %s
  GROUP BY 1, 2
),
`, key, q.in("m.ended_on"))
}

// writeWeights: 加权结案数 x100. Judges get the role weight (独任 1.0; on a
// panel 承办人 0.6, each member 0.2); other units count each case once.
func (q *querySQL) writeWeights(w *strings.Builder, closedIn string) {
	if q.by != GroupJudge {
		w.WriteString("weight_agg AS (SELECT u1, u2, 10 * weight10 AS weight100 FROM case_agg),\n")
		return
	}
	fmt.Fprintf(w, `paneled AS (SELECT DISTINCT case_id FROM case_panel),
weight_parts AS (
  SELECT b.u1, b.u2, SUM(%[1]s * CASE WHEN pc.case_id IS NULL THEN 10 ELSE 6 END) AS weight100
  FROM base b LEFT JOIN paneled pc ON pc.case_id = b.id
  WHERE %[2]s
  GROUP BY b.u1, b.u2
  UNION ALL
  SELECT COALESCE(pp.department_id, b.department_id) AS u1, pp.id AS u2, SUM(%[1]s * 2) AS weight100
  FROM base b JOIN case_panel cp ON cp.case_id = b.id JOIN people pp ON pp.id = cp.person_id
  WHERE %[2]s
  GROUP BY 1, 2
),
weight_agg AS (
  SELECT u1, u2, CAST(SUM(weight100) AS BIGINT) AS weight100 FROM weight_parts GROUP BY u1, u2
),
`, kindWeight10("b"), closedIn)
}

// writeHeads: 员额法官 in post (在岗) of each unit, for closed_per_judge.
func (q *querySQL) writeHeads(w *strings.Builder) {
	const judge = "pp.category = '员额法官' AND pp.active"
	switch q.by {
	case GroupAll:
		fmt.Fprintf(w, "head_agg AS (SELECT 0 AS u1, 0 AS u2, COUNT(*) AS heads FROM people pp WHERE %s),\n", judge)
	case GroupCourt:
		fmt.Fprintf(w, "head_agg AS (SELECT pp.court_id AS u1, 0 AS u2, COUNT(*) AS heads FROM people pp WHERE %s GROUP BY pp.court_id),\n", judge)
	case GroupDepartment:
		fmt.Fprintf(w, "head_agg AS (SELECT pp.department_id AS u1, 0 AS u2, COUNT(*) AS heads FROM people pp WHERE %s AND pp.department_id IS NOT NULL GROUP BY pp.department_id),\n", judge)
	case GroupJudge:
		// A judge unit has one head when its person is a 员额法官 in post; units are written next.
		fmt.Fprintf(w, "head_agg AS (SELECT pp.id AS person_id, 1 AS heads FROM people pp WHERE %s),\n", judge)
	}
}

// writeUnits: every court or department; for judges, every (department,
// person) that any part of the query attributes something to.
func (q *querySQL) writeUnits(w *strings.Builder) {
	switch q.by {
	case GroupAll:
		fmt.Fprintf(w, "units AS (SELECT 0 AS u1, 0 AS u2, '%s' AS unit)\n", UnitAll)
	case GroupCourt:
		w.WriteString("units AS (SELECT ct.id AS u1, 0 AS u2, ct.name AS unit FROM courts ct)\n")
	case GroupDepartment:
		w.WriteString(`units AS (
  SELECT d.id AS u1, 0 AS u2, ct.name || '/' || d.name AS unit
  FROM departments d JOIN courts ct ON ct.id = d.court_id
)
`)
	case GroupJudge:
		w.WriteString(`unit_keys AS (
  SELECT u1, u2 FROM case_agg UNION SELECT u1, u2 FROM reversal_agg
  UNION SELECT u1, u2 FROM fund_agg UNION SELECT u1, u2 FROM weight_agg
),
units AS (
  SELECT k.u1, k.u2, ct.name || '/' || d.name || '/' || pp.name AS unit
  FROM unit_keys k JOIN departments d ON d.id = k.u1 JOIN courts ct ON ct.id = d.court_id
  JOIN people pp ON pp.id = k.u2
)
`)
	}
}

// sqlColumns are the columns of the final select, in ScanIndicators' order.
var sqlColumns = []string{
	"filed", "pending_start", "closed", "pending_end", "limit_num", "limit_den", "days_sum",
	"over_12m", "appealed", "first_closed", "appeal_modify", "appeal_remand", "retrial_modify",
	"retrial_remand", "appeal_heard", "appeal_closed", "withdraw_num", "withdraw_den",
	"mediation_num", "mediation_den", "enforce_num", "enforce_den", "exec_recovered",
	"exec_amount", "exec_done", "exec_suspended", "exec_closed", "efile_sync", "efile_read",
	"efile_closed", "civil_first_filed", "age1", "age2", "age3", "age4", "age5", "age6",
}

func (q *querySQL) writeSelect(w *strings.Builder) {
	w.WriteString("SELECT u.unit")
	for _, c := range sqlColumns {
		fmt.Fprintf(w, ",\n  COALESCE(a.%s, 0) AS %s", c, c)
	}
	median := "a.median"
	if q.dialect == DialectSQLite {
		median = "md.median"
	}
	heads := "COALESCE(h.heads, 0)"
	headJoin := "LEFT JOIN head_agg h ON h.u1 = u.u1 AND h.u2 = u.u2"
	if q.by == GroupJudge {
		headJoin = "LEFT JOIN head_agg h ON h.person_id = u.u2"
	}
	fmt.Fprintf(w, `,
  CAST(%s AS %s) AS median,
  COALESCE(r.reversed, 0) AS reversed,
  COALESCE(ch.derived, 0) AS derived,
  COALESCE(f.funds_num, 0) AS funds_num,
  COALESCE(f.funds_den, 0) AS funds_den,
  COALESCE(m.mediated, 0) AS mediated,
  COALESCE(wt.weight100, 0) AS weight100,
  %s AS heads
FROM units u
LEFT JOIN case_agg a ON a.u1 = u.u1 AND a.u2 = u.u2
LEFT JOIN reversal_agg r ON r.u1 = u.u1 AND r.u2 = u.u2
LEFT JOIN chain_agg ch ON ch.u1 = u.u1 AND ch.u2 = u.u2
LEFT JOIN fund_agg f ON f.u1 = u.u1 AND f.u2 = u.u2
LEFT JOIN mediation_agg m ON m.u1 = u.u1 AND m.u2 = u.u2
LEFT JOIN weight_agg wt ON wt.u1 = u.u1 AND wt.u2 = u.u2
%s
`, median, q.double(), heads, headJoin)
	if q.dialect == DialectSQLite {
		w.WriteString("LEFT JOIN median_agg md ON md.u1 = u.u1 AND md.u2 = u.u2\n")
	}
	w.WriteString("ORDER BY u.unit, u.u1, u.u2\n")
}

// sqlRow is one row of the indicator query.
type sqlRow struct {
	unit   string
	n      map[string]int64
	median sql.NullFloat64
}

// ScanIndicators reads the rows of an IndicatorQuery for period p and grouping
// by into one SQLResult per unit and indicator.
func ScanIndicators(rows *sql.Rows, p court.Period, by SQLGrouping) ([]SQLResult, error) {
	extra := []string{"reversed", "derived", "funds_num", "funds_den", "mediated", "weight100", "heads"}
	names := append(append([]string(nil), sqlColumns...), extra...)
	var out []SQLResult
	for rows.Next() {
		r := sqlRow{n: make(map[string]int64, len(names))}
		vals := make([]int64, len(names))
		dest := []any{&r.unit}
		for i := range sqlColumns {
			dest = append(dest, &vals[i])
		}
		dest = append(dest, &r.median)
		for i := range extra {
			dest = append(dest, &vals[len(sqlColumns)+i])
		}
		if err := rows.Scan(dest...); err != nil {
			return nil, fmt.Errorf("SQL indicators: %w", err)
		}
		for i, name := range names {
			r.n[name] = vals[i]
		}
		out = append(out, r.results(string(by), p)...)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("SQL indicators: %w", err)
	}
	return out, nil
}

// results turns one row into the indicators of its unit.
func (r *sqlRow) results(unitType string, p court.Period) []SQLResult {
	n := func(k string) float64 { return float64(r.n[k]) }
	out := make([]SQLResult, 0, len(SQLIndicatorIDs))
	count := func(id string, v float64) {
		out = append(out, SQLResult{UnitType: unitType, Unit: r.unit, Indicator: id, Numerator: &v, Value: ptr(v)})
	}
	ratio := func(id string, num, den float64) {
		res := SQLResult{UnitType: unitType, Unit: r.unit, Indicator: id, Numerator: ptr(num), Denominator: ptr(den)}
		if den != 0 {
			res.Value = ptr(num / den)
		}
		out = append(out, res)
	}
	count("filed", n("filed"))
	count("pending_start", n("pending_start"))
	count("closed", n("closed"))
	count("pending_end", n("pending_end"))
	ratio("clearance", n("closed"), n("filed"))
	ratio("closure_rate", n("closed"), n("pending_start")+n("filed"))
	ratio("within_limit_rate", n("limit_num"), n("limit_den"))
	ratio("avg_days", n("days_sum"), n("closed"))
	med := SQLResult{UnitType: unitType, Unit: r.unit, Indicator: "median_days", Denominator: ptr(n("closed"))}
	if r.median.Valid && r.n["closed"] > 0 {
		med.Value = ptr(r.median.Float64)
	}
	out = append(out, med)
	ratio("over_12m_ratio", n("over_12m"), n("pending_end"))
	dt := SQLResult{UnitType: unitType, Unit: r.unit, Indicator: "disposition_time", Numerator: ptr(n("pending_end")), Denominator: ptr(n("closed"))}
	if r.n["closed"] != 0 {
		dt.Value = ptr(n("pending_end") / n("closed") * float64(p.Days()))
	}
	out = append(out, dt)
	ratio("appeal_rate", n("appealed"), n("first_closed"))
	ratio("acceptance_rate", n("first_closed")-n("appealed"), n("first_closed"))
	ratio("reversal_rate", n("reversed"), n("first_closed"))
	ratio("appeal_modify_remand_ratio", n("appeal_modify"), n("appeal_remand"))
	ratio("retrial_modify_remand_ratio", n("retrial_modify"), n("retrial_remand"))
	ratio("appeal_hearing_rate", n("appeal_heard"), n("appeal_closed"))
	ratio("mediation_withdrawal_rate", n("withdraw_num"), n("withdraw_den"))
	ratio("mediation_rate", n("mediation_num"), n("mediation_den"))
	ratio("case_to_matter_ratio", n("first_closed")+n("derived"), n("first_closed"))
	ratio("enforcement_request_rate", n("enforce_num"), n("enforce_den"))
	ratio("exec_recovery_rate", n("exec_recovered")/100, n("exec_amount")/100)
	ratio("exec_completion_rate", n("exec_done"), n("exec_closed"))
	ratio("exec_termination_rate", n("exec_suspended"), n("exec_closed"))
	ratio("funds_timely_rate", n("funds_num"), n("funds_den"))
	ratio("efile_sync_rate", n("efile_sync"), n("filed"))
	ratio("efile_read_rate", n("efile_read"), n("efile_closed"))
	ratio("prelit_mediation_rate", n("mediated"), n("mediated")+n("civil_first_filed"))
	count("weighted_closed", n("weight100")/100)
	ratio("closed_per_judge", n("closed"), n("heads"))
	for i, id := range []string{"age_0_90", "age_91_180", "age_181_365", "age_366_730", "age_731_1095", "age_over_1095"} {
		count(id, n(fmt.Sprintf("age%d", i+1)))
	}
	return out
}

func ptr(f float64) *float64 { return &f }
