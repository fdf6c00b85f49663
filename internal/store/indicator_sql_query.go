package store

import (
	"fmt"
	"strings"

	"github.com/zhixiao/zhixiao/internal/court"
)

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

// build writes the query: one CTE per attribution rule, joined on the units.
func (q *querySQL) build() string {
	var w strings.Builder
	w.WriteString("WITH RECURSIVE\n")
	q.writeBase(&w)
	q.writeCaseAgg(&w)
	q.writeMedian(&w)
	q.writeReversals(&w)
	q.writeChain(&w)
	q.writeFunds(&w)
	q.writeMediations(&w)
	q.writeWeights(&w)
	q.writeHeads(&w)
	q.writeUnits(&w)
	q.writeSelect(&w)
	return w.String()
}

// writeBase: the cases of the filter that are 旧存, 新收, 已结 or 未结 in P,
// with the key (u1, u2) of their 承办 unit.
func (q *querySQL) writeBase(w *strings.Builder) {
	fmt.Fprintf(w, `base AS %s(
  SELECT c.id, c.case_no, c.kind, c.level, c.department_id, c.filed_on, c.closed_on, c.close_method,
    c.limit_days, c.extended_days, c.suspended_days, c.appealed, c.hearings, c.exec_amount,
    c.exec_recovered, c.efile_on, c.efile_reads, %s
  FROM cases c
  WHERE %s AND ((c.filed_on <= %s AND (c.closed_on IS NULL OR c.closed_on >= %s)) OR %s)
),
`, q.notMaterialized(), q.unit("c"), q.filter("c"), q.t1(), q.t0(), q.in("c.closed_on"))
}

// writeCaseAgg: every figure that counts the cases of base for their own unit.
func (q *querySQL) writeCaseAgg(w *strings.Builder) {
	w.WriteString("case_agg AS (\n  SELECT b.u1, b.u2")
	for _, c := range q.caseFigures() {
		fmt.Fprintf(w, ",\n    %s AS %s", c[1], c[0])
	}
	w.WriteString("\n  FROM base b\n  GROUP BY b.u1, b.u2\n),\n")
}

// caseFigures are the columns of case_agg: name and aggregate, each after
// the definition of INDICATORS.md it serves.
func (q *querySQL) caseFigures() [][2]string {
	t0, t1 := q.t0(), q.t1()
	filed, closed := q.in("b.filed_on"), q.in("b.closed_on")
	pendEnd := fmt.Sprintf("b.filed_on <= %s AND (b.closed_on IS NULL OR b.closed_on > %s)", t1, t1)
	dur := q.days("b.closed_on", "b.filed_on")
	count := func(conds ...string) string { return "COUNT(*) FILTER (WHERE " + strings.Join(conds, " AND ") + ")" }
	sum := func(expr string, conds ...string) string {
		return fmt.Sprintf("CAST(COALESCE(SUM(%s) FILTER (WHERE %s), 0) AS BIGINT)", expr, strings.Join(conds, " AND "))
	}
	// named by a case of the class (二审, 首次执行) as its 原审
	namedBy := func(class string) string {
		return "EXISTS (SELECT 1 FROM cases x WHERE x.origin_no = b.case_no AND " + class + ")"
	}
	withLimit := closed + " AND b.limit_days > 0"
	firstClosed := first("b") + " AND " + closed
	secondClosed := second("b") + " AND " + closed
	retrialClosed := retrial("b") + " AND " + closed
	withdrawable := "b.kind IN ('民事', '行政') AND b.level IN ('一审', '二审') AND " + closed
	civilClosed := "b.kind = '民事' AND " + closed
	civilFirst := "b.level = '一审' AND b.kind = '民事'"
	enforceable := civilFirst + " AND " + closed + " AND b.close_method IN ('判决', '调解')"
	execClosed := execFirst("b") + " AND " + closed
	age := func(from, to int) string { // T1 - filed_on in [from, to]
		c := pendEnd
		if to >= 0 {
			c += " AND b.filed_on >= " + q.t1Minus(to)
		}
		if from > 0 {
			c += " AND b.filed_on <= " + q.t1Minus(from)
		}
		return count(c)
	}
	return [][2]string{
		{"filed", count(filed)},
		{"pending_start", count(fmt.Sprintf("b.filed_on < %s AND (b.closed_on IS NULL OR b.closed_on >= %s)", t0, t0))},
		{"closed", count(closed)},
		{"pending_end", count(pendEnd)},
		{"limit_num", count(withLimit, dur+" - b.suspended_days <= b.limit_days + b.extended_days")},
		{"limit_den", count(withLimit)},
		{"days_sum", sum(dur, closed)},
		{"median", q.medianAgg(dur, closed)},
		{"over_12m", count(pendEnd, "b.filed_on < "+q.t1Minus(365))},
		{"appealed", count(firstClosed, "(b.appealed OR (b.appealed IS NULL AND "+namedBy(second("x"))+"))")},
		{"first_closed", count(firstClosed)},
		{"appeal_modify", count(secondClosed, "b.close_method = '改判'")},
		{"appeal_remand", count(secondClosed, "b.close_method = '发回重审'")},
		{"retrial_modify", count(retrialClosed, "b.close_method = '改判'")},
		{"retrial_remand", count(retrialClosed, "b.close_method = '发回重审'")},
		{"appeal_heard", count(secondClosed, "b.hearings >= 1")},
		{"appeal_closed", count(secondClosed)},
		{"withdraw_num", count(withdrawable, "b.close_method IN ('调解', '撤诉', '撤回上诉', '和解')")},
		{"withdraw_den", count(withdrawable)},
		{"mediation_num", count(civilClosed, "b.close_method = '调解'")},
		{"mediation_den", count(civilClosed)},
		{"enforce_num", count(enforceable, namedBy(execFirst("x")))},
		{"enforce_den", count(enforceable)},
		{"exec_recovered", sum("b.exec_recovered", execClosed, "b.exec_recovered > 0")},
		{"exec_amount", sum("b.exec_amount", execClosed, "b.exec_amount > 0")},
		{"exec_done", count(execClosed, "b.close_method = '执行完毕'")},
		{"exec_suspended", count(execClosed, "b.close_method = '终结本次执行程序'")},
		{"exec_closed", count(execClosed)},
		{"efile_sync", count(filed, "b.efile_on IS NOT NULL", q.days("b.efile_on", "b.filed_on")+" <= 3")},
		{"efile_read", count(closed, "b.efile_on IS NOT NULL", "b.efile_reads >= 1")},
		{"efile_closed", count(closed, "b.efile_on IS NOT NULL")},
		{"civil_first_filed", count(civilFirst, filed)},
		{"weight10", sum(kindWeight10("b"), closed)},
		{"age1", age(0, 90)},
		{"age2", age(91, 180)},
		{"age3", age(181, 365)},
		{"age4", age(366, 730)},
		{"age5", age(731, 1095)},
		{"age6", age(1096, -1)},
	}
}

// writeMedian: SQLite has no median aggregate, so median_agg takes the
// middle one or two of the ordered durations of the cases closed in P.
func (q *querySQL) writeMedian(w *strings.Builder) {
	if q.dialect != DialectSQLite {
		return
	}
	dur := q.days("b.closed_on", "b.filed_on")
	fmt.Fprintf(w, `median_agg AS (
  SELECT u1, u2, AVG(d) AS median FROM (
    SELECT b.u1, b.u2, %s AS d,
      ROW_NUMBER() OVER (PARTITION BY b.u1, b.u2 ORDER BY %s) AS rn,
      COUNT(*) OVER (PARTITION BY b.u1, b.u2) AS n
    FROM base b WHERE %s
  ) m WHERE rn = (n + 1) / 2 OR rn = (n + 2) / 2
  GROUP BY u1, u2
),
`, dur, dur, q.in("b.closed_on"))
}

// writeReversals: reversal_rate's numerator, the 二审 cases closed in P with
// 改判 or 发回重审, for the unit of the 一审 case they review (the filters
// apply to that case; it may have been closed before P).
func (q *querySQL) writeReversals(w *strings.Builder) {
	fmt.Fprintf(w, `reversal_agg AS (
  SELECT %s, COUNT(*) AS reversed
  FROM cases s JOIN cases o ON o.case_no = s.origin_no
  WHERE %s AND %s AND s.close_method IN ('改判', '发回重审') AND %s AND %s
  GROUP BY 1, 2
),
`, q.unit("o"), second("s"), q.in("s.closed_on"), first("o"), q.filter("o"))
}

// writeChain: case_to_matter_ratio counts every case that derives from a 一审
// case closed in P through a chain of 原审案号, when it was filed by T1. The
// chain follows every descendant (UNION stops at cycles); the root itself,
// met again through a cycle, does not count.
func (q *querySQL) writeChain(w *strings.Builder) {
	fmt.Fprintf(w, `chain (root_id, u1, u2, id, case_no, filed_on) AS (
  SELECT b.id, b.u1, b.u2, b.id, b.case_no, b.filed_on FROM base b WHERE %s AND %s
  UNION
  SELECT ch.root_id, ch.u1, ch.u2, x.id, x.case_no, x.filed_on
  FROM chain ch %s
),
chain_agg AS (
  SELECT u1, u2, COUNT(*) AS derived FROM chain
  WHERE id <> root_id AND filed_on <= %s
  GROUP BY u1, u2
),
`, first("b"), q.in("b.closed_on"), q.children("ch"), q.t1())
}

// writeFunds: funds_timely_rate over the receipts received in P, for the
// unit of their case (a receipt of a case not stored counts nowhere).
func (q *querySQL) writeFunds(w *strings.Builder) {
	fmt.Fprintf(w, `fund_agg AS (
  SELECT %s,
    COUNT(*) FILTER (WHERE f.paid_on <= %s AND %s <= %d) AS funds_num,
    COUNT(*) FILTER (WHERE f.paid_on <= %s OR f.received_on <= %s) AS funds_den
  FROM fund_receipts f JOIN cases c ON c.case_no = f.case_no
  WHERE %s AND %s
  GROUP BY 1, 2
),
`, q.unit("c"), q.t1(), q.days("f.paid_on", "f.received_on"), court.FundPayoutDays, q.t1(),
		q.t1Minus(court.FundPayoutDays), q.in("f.received_on"), q.filter("c"))
}

// children joins the cases whose 原审案号 is alias.case_no. PostgreSQL gets
// a LATERAL subquery, which it runs as an index lookup per row of the chain,
// instead of hashing every case on each step of the recursion.
func (q *querySQL) children(alias string) string {
	if q.dialect == DialectPostgres {
		return "CROSS JOIN LATERAL (SELECT y.id, y.case_no, y.filed_on FROM cases y WHERE y.origin_no = " + alias + ".case_no OFFSET 0) x"
	}
	return "JOIN cases x ON x.origin_no = " + alias + ".case_no"
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
func (q *querySQL) writeWeights(w *strings.Builder) {
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
`, kindWeight10("b"), q.in("b.closed_on"))
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
