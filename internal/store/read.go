package store

import (
	"context"
	"time"

	"github.com/zhixiao/zhixiao/internal/court"
)

// Courts returns every court, in the order they were added.
func (db *DB) Courts(ctx context.Context) (out []court.Court, err error) {
	defer wrap(&err, "读取法院")
	d := newDirectory()
	if err := db.loadCourts(ctx, db.db, d, ""); err != nil {
		return nil, err
	}
	for _, c := range sortedCourts(d) {
		out = append(out, court.Court{Name: c.name, Code: c.code, Level: c.level, Parent: d.courtName(c.parent)})
	}
	return out, nil
}

func sortedCourts(d *directory) []*courtRec {
	out := make([]*courtRec, 0, len(d.courts))
	for _, c := range d.courts {
		out = append(out, c)
	}
	sortByID(out, func(c *courtRec) int64 { return c.id })
	return out
}

// Departments returns every department, by court and then in the order they
// were added.
func (db *DB) Departments(ctx context.Context) (out []court.Department, err error) {
	defer wrap(&err, "读取部门")
	rows, err := db.db.QueryContext(ctx, `SELECT c.name, d.name FROM departments d JOIN courts c ON c.id = d.court_id
    ORDER BY d.court_id, d.id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var d court.Department
		if err := rows.Scan(&d.Court, &d.Name); err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// People returns every person, in the order they were added.
func (db *DB) People(ctx context.Context) (out []court.Person, err error) {
	defer wrap(&err, "读取人员")
	tx, err := db.readTx(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	d, err := db.loadDirectory(ctx, tx)
	if err != nil {
		return nil, err
	}
	ps := make([]*personRec, 0, len(d.people))
	for _, p := range d.people {
		ps = append(ps, p)
	}
	sortByID(ps, func(p *personRec) int64 { return p.id })
	out = make([]court.Person, 0, len(ps))
	for _, p := range ps {
		out = append(out, court.Person{Court: d.courtName(p.court), Department: d.deptName(p.dept), Name: p.name,
			StaffNo: p.staffNo, Category: p.category, Title: p.title, JoinedOn: p.joinedOn, Active: p.active})
	}
	return out, nil
}

// FundReceipts returns every receipt of execution funds, in the order they
// were added.
func (db *DB) FundReceipts(ctx context.Context) (out []court.FundReceipt, err error) {
	defer wrap(&err, "读取执行案款")
	rows, err := db.db.QueryContext(ctx, "SELECT case_no, "+db.dateCol("received_on")+", amount, occurrence, "+
		db.dateCol("paid_on")+", paid_amount FROM fund_receipts ORDER BY id")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		f, err := scanFund(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, court.FundReceipt{CaseNo: f.caseNo, ReceivedOn: f.receivedOn, Amount: f.amount,
			PaidOn: f.paidOn, PaidAmount: f.paidAmount})
	}
	return out, rows.Err()
}

// Mediations returns every pre-litigation mediation, in the order they were
// added.
func (db *DB) Mediations(ctx context.Context) (out []court.Mediation, err error) {
	defer wrap(&err, "读取诉前调解")
	d := newDirectory()
	if err := db.loadCourts(ctx, db.db, d, ""); err != nil {
		return nil, err
	}
	rows, err := db.db.QueryContext(ctx, db.mediationSelect()+" ORDER BY id")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		m, err := scanMediation(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, court.Mediation{ID: m.code, Court: d.courtName(m.court), Mediator: m.mediator,
			RegisteredOn: m.registeredOn, EndedOn: m.endedOn, Result: m.result, Confirmed: m.confirmed})
	}
	return out, rows.Err()
}

// ImportRuns returns the import log, oldest first.
func (db *DB) ImportRuns(ctx context.Context) (out []ImportRun, err error) {
	defer wrap(&err, "读取导入记录")
	rows, err := db.db.QueryContext(ctx, `SELECT id, kind, file_name, sha256, actor, started_at, finished_at,
    rows_read, inserted, updated, unchanged, rejected, result FROM import_runs ORDER BY id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var r ImportRun
		var started, finished string
		if err := rows.Scan(&r.ID, &r.Kind, &r.FileName, &r.SHA256, &r.Actor, &started, &finished,
			&r.Read, &r.Inserted, &r.Updated, &r.Unchanged, &r.Rejected, &r.Result); err != nil {
			return nil, err
		}
		r.Started, _ = time.Parse(time.RFC3339, started)
		r.Finished, _ = time.Parse(time.RFC3339, finished)
		out = append(out, r)
	}
	return out, rows.Err()
}

// CaseChange is one changed field of a case, recorded by the import that
// changed it. Values are text as in the export; "" is empty.
type CaseChange struct {
	ImportID int64
	At       time.Time // when that import started
	CaseNo   string
	Field    string // the Chinese header of DATA.md: 结案日期, 承办人 ...
	OldValue string
	NewValue string
}

// CaseChanges returns the change log of the case with 案号 caseNo, oldest
// first; empty when it never changed.
func (db *DB) CaseChanges(ctx context.Context, caseNo string) (out []CaseChange, err error) {
	defer wrap(&err, "读取案件变更记录")
	key := caseNo
	if no, err := court.ParseCaseNo(caseNo); err == nil {
		key = no.String()
	}
	rows, err := db.db.QueryContext(ctx, db.rebind(`SELECT ch.import_id, r.started_at, ch.case_no, ch.field,
    ch.old_value, ch.new_value FROM case_changes ch JOIN import_runs r ON r.id = ch.import_id
    WHERE ch.case_no = ? ORDER BY ch.id`), key)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var c CaseChange
		var at string
		var old, new any
		if err := rows.Scan(&c.ImportID, &at, &c.CaseNo, &c.Field, &old, &new); err != nil {
			return nil, err
		}
		c.At, _ = time.Parse(time.RFC3339, at)
		c.OldValue, c.NewValue = textOf(old), textOf(new)
		out = append(out, c)
	}
	return out, rows.Err()
}

// CourtOverview is one court's line on the overview page.
type CourtOverview struct {
	Name        string
	Code        string
	Level       court.CourtLevel
	Departments int
	People      int
	Cases       int
	Pending     int // cases without 结案日期
}

// Overview returns every court with the number of its departments, people,
// cases and pending cases, in the order the courts were added.
func (db *DB) Overview(ctx context.Context) (out []CourtOverview, err error) {
	defer wrap(&err, "读取概况")
	rows, err := db.db.QueryContext(ctx, `SELECT c.name, c.code, c.level,
    (SELECT COUNT(*) FROM departments d WHERE d.court_id = c.id),
    (SELECT COUNT(*) FROM people p WHERE p.court_id = c.id),
    COALESCE(k.n, 0), COALESCE(k.pending, 0)
  FROM courts c
  LEFT JOIN (SELECT court_id, COUNT(*) AS n, SUM(CASE WHEN closed_on IS NULL THEN 1 ELSE 0 END) AS pending
    FROM cases GROUP BY court_id) k ON k.court_id = c.id
  ORDER BY c.id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var o CourtOverview
		var code any
		var level string
		if err := rows.Scan(&o.Name, &code, &level, &o.Departments, &o.People, &o.Cases, &o.Pending); err != nil {
			return nil, err
		}
		o.Code = textOf(code)
		o.Level, _ = court.ParseCourtLevel(level)
		out = append(out, o)
	}
	return out, rows.Err()
}

// LastImportID is the id of the latest import run, 0 when there is none: a
// server compares it over time to notice imports made by another process.
func (db *DB) LastImportID(ctx context.Context) (id int64, err error) {
	defer wrap(&err, "读取导入记录")
	err = db.db.QueryRowContext(ctx, `SELECT COALESCE(MAX(id), 0) FROM import_runs`).Scan(&id)
	return id, err
}
