package store

import (
	"context"
	"database/sql"
	"strconv"
	"strings"

	"github.com/zhixiao/zhixiao/internal/auth"
	"github.com/zhixiao/zhixiao/internal/court"
	"github.com/zhixiao/zhixiao/internal/supervision"
)

// PendingCaseFacts reads what the warning rules need of every pending case,
// with the oldest unpaid execution-fund receipt of each: two queries over
// the partial index of pending cases and the receipts not paid out.
func (db *DB) PendingCaseFacts(ctx context.Context) (fs []supervision.CaseFacts, err error) {
	defer wrap(&err, "读取未结案件")
	funds, err := db.unpaidFunds(ctx)
	if err != nil {
		return nil, err
	}
	rows, err := db.db.QueryContext(ctx, `SELECT id, case_no, court_id, department_id, judge_id, kind, `+db.dateCol("filed_on")+`,
    COALESCE(limit_days, 0), extended_days, suspended_days FROM cases WHERE closed_on IS NULL`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	kinds := map[string]court.Kind{}
	for rows.Next() {
		var f supervision.CaseFacts
		var kind string
		if err := rows.Scan(&f.CaseID, &f.CaseNo, &f.Court, &f.Department, &f.Judge, &kind, dateScan{&f.FiledOn},
			&f.LimitDays, &f.Extended, &f.Susp); err != nil {
			return nil, err
		}
		k, ok := kinds[kind]
		if !ok {
			k, _ = court.ParseKind(kind)
			kinds[kind] = k
		}
		f.Kind, f.OldestUnpaidFund = k, funds[f.CaseNo]
		fs = append(fs, f)
	}
	return fs, rows.Err()
}

// unpaidFunds maps a 案号 to the 到账日期 of its oldest receipt not paid out.
func (db *DB) unpaidFunds(ctx context.Context) (map[string]court.Date, error) {
	rows, err := db.db.QueryContext(ctx, "SELECT case_no, "+db.dateCol("MIN(received_on)")+" FROM fund_receipts WHERE paid_on IS NULL GROUP BY case_no")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	m := map[string]court.Date{}
	for rows.Next() {
		var no string
		var d court.Date
		if err := rows.Scan(&no, dateScan{&d}); err != nil {
			return nil, err
		}
		m[no] = d
	}
	return m, rows.Err()
}

// WarningDelta counts what SaveWarnings changed.
type WarningDelta struct {
	Added, Changed, Removed, Unchanged int
	NewRed                             []supervision.Warning // the cases that turned red in this run
}

// storedWarning is a row of sv_warnings as the diff needs it.
type storedWarning struct {
	colour, reasons string
	deadline        court.Date
}

// SaveWarnings replaces the stored warnings with ws, as of today, writing
// only the rows that differ: new warnings, changed colours, reasons or
// deadlines, and the warnings of cases that no longer have one.
func (db *DB) SaveWarnings(ctx context.Context, ws []supervision.Warning, today court.Date) (d WarningDelta, err error) {
	defer wrap(&err, "保存案件预警")
	old, err := db.storedWarnings(ctx)
	if err != nil {
		return d, err
	}
	err = db.authTx(ctx, func(tx *sql.Tx) error {
		ins, err := tx.PrepareContext(ctx, db.rebind(`INSERT INTO sv_warnings (case_id, case_no, court_id, department_id, judge_id, colour, reasons, deadline, since)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`))
		if err != nil {
			return err
		}
		defer ins.Close()
		del, err := tx.PrepareContext(ctx, db.rebind("DELETE FROM sv_warnings WHERE case_id = ?"))
		if err != nil {
			return err
		}
		defer del.Close()
		for i := range ws {
			w := &ws[i]
			o, had := old[w.CaseID]
			delete(old, w.CaseID)
			if had && o.colour == w.Colour.Key() && o.reasons == w.Reasons && o.deadline == w.Deadline {
				d.Unchanged++
				continue
			}
			if had {
				d.Changed++
				if _, err := del.ExecContext(ctx, w.CaseID); err != nil {
					return err
				}
			} else {
				d.Added++
			}
			if w.Colour == supervision.ColourRed && (!had || o.colour != "red") {
				d.NewRed = append(d.NewRed, *w)
			}
			if _, err := ins.ExecContext(ctx, w.CaseID, w.CaseNo, w.Court, w.Department, w.Judge, w.Colour.Key(), w.Reasons,
				db.dateArg(w.Deadline), db.dateArg(today)); err != nil {
				return err
			}
		}
		for id := range old {
			d.Removed++
			if _, err := del.ExecContext(ctx, id); err != nil {
				return err
			}
		}
		return nil
	})
	return d, err
}

func (db *DB) storedWarnings(ctx context.Context) (map[int64]storedWarning, error) {
	rows, err := db.db.QueryContext(ctx, "SELECT case_id, colour, reasons, "+db.dateCol("deadline")+" FROM sv_warnings")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	m := map[int64]storedWarning{}
	for rows.Next() {
		var id int64
		var w storedWarning
		if err := rows.Scan(&id, &w.colour, &w.reasons, dateScan{&w.deadline}); err != nil {
			return nil, err
		}
		m[id] = w
	}
	return m, rows.Err()
}

// WarningRow is a stored warning with the names of its case's units.
type WarningRow struct {
	CaseID          int64
	CaseNo          string
	Court           int64
	Department      int64
	Judge           int64
	CourtName       string
	DeptName        string
	JudgeName       string
	Colour          supervision.Colour
	Reasons         string
	Deadline, Since court.Date
	ItemID          int64 // the case's open 督办单, 0 when none
}

// WarningFilter selects warnings: within a scope, optionally of one unit
// (Court, Department or Judge, 0 for any) and one colour.
type WarningFilter struct {
	Scope                    auth.Scope
	Court, Department, Judge int64
	Colour                   supervision.Colour
	CaseID                   int64
	Limit                    int
}

// scopeSQL is the condition that keeps the rows a scope sees, given the
// columns of court, department and 承办人. A 法官 also sees the cases whose
// 合议庭 they sit on when panel is true.
func (db *DB) scopeSQL(s auth.Scope, courtCol, deptCol, judgeCol string) (string, []any) {
	switch {
	case s.All():
		return "1 = 1", nil
	case len(s.Courts()) > 0:
		ids := s.Courts()
		ph := strings.TrimSuffix(strings.Repeat("?, ", len(ids)), ", ")
		args := make([]any, len(ids))
		for i, id := range ids {
			args[i] = id
		}
		return courtCol + " IN (" + ph + ")", args
	case s.Department() != 0:
		return courtCol + " = ? AND " + deptCol + " = ?", []any{s.Home().Court, s.Department()}
	case s.Person() != 0:
		return judgeCol + " = ?", []any{s.Person()}
	}
	return "1 = 0", nil
}

// Warnings lists the warnings the filter selects, gravest and oldest
// deadline first.
func (db *DB) Warnings(ctx context.Context, f WarningFilter) (ws []WarningRow, err error) {
	defer wrap(&err, "读取案件预警")
	where, args := db.scopeSQL(f.Scope, "w.court_id", "w.department_id", "w.judge_id")
	for _, c := range []struct {
		col string
		v   int64
	}{{"w.court_id", f.Court}, {"w.department_id", f.Department}, {"w.judge_id", f.Judge}, {"w.case_id", f.CaseID}} {
		if c.v != 0 {
			where += " AND " + c.col + " = ?"
			args = append(args, c.v)
		}
	}
	if f.Colour != supervision.ColourNone {
		where += " AND w.colour = ?"
		args = append(args, f.Colour.Key())
	}
	limit := f.Limit
	if limit <= 0 {
		limit = 200
	}
	inner, innerArgs := warningsByColour(where, args, limit)
	rows, err := db.db.QueryContext(ctx, db.rebind(`SELECT w.case_id, w.case_no, w.court_id, w.department_id, w.judge_id,
    COALESCE(c.name, ''), COALESCE(d.name, ''), COALESCE(p.name, ''), w.colour, w.reasons, `+db.dateCol("w.deadline")+`, `+db.dateCol("w.since")+`,
    COALESCE((SELECT MIN(i.id) FROM sv_items i WHERE i.case_id = w.case_id AND i.status <> '已办结'), 0)
FROM (`+inner+`) w LEFT JOIN courts c ON c.id = w.court_id LEFT JOIN departments d ON d.id = w.department_id
LEFT JOIN people p ON p.id = w.judge_id
ORDER BY `+warningOrder+` LIMIT ?`), append(innerArgs, limit)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var w WarningRow
		var colour string
		if err := rows.Scan(&w.CaseID, &w.CaseNo, &w.Court, &w.Department, &w.Judge, &w.CourtName, &w.DeptName, &w.JudgeName,
			&colour, &w.Reasons, dateScan{&w.Deadline}, dateScan{&w.Since}, &w.ItemID); err != nil {
			return nil, err
		}
		w.Colour, _ = supervision.ParseColour(colour)
		ws = append(ws, w)
	}
	return ws, rows.Err()
}

// warningOrder is the order of the warnings: gravest first, then the
// oldest deadline.
const warningOrder = "CASE w.colour WHEN 'red' THEN 0 WHEN 'yellow' THEN 1 ELSE 2 END, w.deadline, w.case_id"

// warningsByColour is the union of the first limit warnings of each colour
// that where selects, in warningOrder within the colour: each part is a
// range of an index of migration 0011, so a panel of ten warnings reads a
// few dozen rows, not all of a court's. The last part takes the colours
// other than the three, should there be any.
func warningsByColour(where string, args []any, limit int) (string, []any) {
	var parts []string
	var all []any
	for _, cond := range []string{"w.colour = 'red'", "w.colour = 'yellow'", "w.colour = 'blue'", "w.colour NOT IN ('red', 'yellow', 'blue')"} {
		parts = append(parts, `SELECT * FROM (SELECT w.case_id, w.case_no, w.court_id, w.department_id, w.judge_id, w.colour, w.reasons, w.deadline, w.since
    FROM sv_warnings w WHERE `+where+` AND `+cond+` ORDER BY w.deadline, w.case_id LIMIT ?) wc`+strconv.Itoa(len(parts)))
		all = append(append(all, args...), limit)
	}
	return strings.Join(parts, "\nUNION ALL\n"), all
}

// WarningCounts counts the warnings the filter selects (its colour and
// limit aside), by colour.
func (db *DB) WarningCounts(ctx context.Context, f WarningFilter) (counts map[supervision.Colour]int, err error) {
	defer wrap(&err, "统计案件预警")
	where, args := db.scopeSQL(f.Scope, "court_id", "department_id", "judge_id")
	for _, c := range []struct {
		col string
		v   int64
	}{{"court_id", f.Court}, {"department_id", f.Department}, {"judge_id", f.Judge}} {
		if c.v != 0 {
			where += " AND " + c.col + " = ?"
			args = append(args, c.v)
		}
	}
	rows, err := db.db.QueryContext(ctx, db.rebind("SELECT colour, COUNT(*) FROM sv_warnings WHERE "+where+" GROUP BY colour"), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	counts = map[supervision.Colour]int{}
	for rows.Next() {
		var colour string
		var n int
		if err := rows.Scan(&colour, &n); err != nil {
			return nil, err
		}
		c, _ := supervision.ParseColour(colour)
		counts[c] = n
	}
	return counts, rows.Err()
}
