package store

import (
	"context"
	"database/sql"
	"fmt"

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
//     them, else in the case's department;
//   - units: every court, every department, and the judge units the period
//     touches; a judge unit is one person (people.id), so two namesakes in one
//     department are two rows of the same name (the engine merges them);
//   - case_to_matter_ratio follows every chain of 原审案号 and counts each
//     derived case filed by T1, whatever the dates of the cases between.

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
// period p, with plain SQL on the stored cases. On PostgreSQL the query runs
// in a read-only transaction with PostgresSessionSettings.
func (db *DB) IndicatorsSQL(ctx context.Context, p court.Period, by SQLGrouping, f SQLFilter) (res []SQLResult, err error) {
	defer wrap(&err, "用 SQL 计算指标")
	q, err := IndicatorQuery(db.dialectName(), p, by, f)
	if err != nil {
		return nil, err
	}
	tx, err := db.sqlDB().BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	if db.pg() {
		for _, set := range PostgresSessionSettings {
			if _, err := tx.ExecContext(ctx, "SET LOCAL "+set); err != nil {
				return nil, err
			}
		}
	}
	rows, err := tx.QueryContext(ctx, q)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	if res, err = ScanIndicators(rows, p, by); err != nil {
		return nil, err
	}
	return res, tx.Commit()
}

// PostgresSessionSettings are set (SET LOCAL) around the indicator query on
// PostgreSQL. With the server's defaults (work_mem 4MB) PostgreSQL 15 spills
// the query's hash tables to disk, and its JIT compiler spends seconds
// compiling the many aggregate expressions; both make the query many times
// slower without changing its result.
var PostgresSessionSettings = []string{"work_mem = '64MB'", "jit = off"}

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
