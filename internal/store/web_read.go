package store

import (
	"context"
	"database/sql"
	"errors"
	"sort"
	"strings"

	"github.com/zhixiao/zhixiao/internal/auth"
	"github.com/zhixiao/zhixiao/internal/court"
)

// This file holds the reads of the web app: the organisation with its ids
// (units in URLs and scopes are ids), case summaries selected by unit and
// scope, the ids a scope check needs, and the chain of related cases.

// OrgCourt is a court with its id and the id of the court above it.
type OrgCourt struct {
	ID, Parent int64
	Name, Code string
	Level      court.CourtLevel
}

// OrgDepartment is a department with its id.
type OrgDepartment struct {
	ID, Court int64
	Name      string
}

// OrgPerson is a person with the ids of their post.
type OrgPerson struct {
	ID, Court, Department int64
	Name, StaffNo, Title  string
	Category              court.Category
	Active                bool
}

// Org is every court, department and person, ordered by id.
type Org struct {
	Courts      []OrgCourt
	Departments []OrgDepartment
	People      []OrgPerson
}

// Org reads the organisation.
func (db *DB) Org(ctx context.Context) (o Org, err error) {
	defer wrap(&err, "读取机构与人员")
	err = webEach(ctx, db.db, "SELECT id, COALESCE(parent_id, 0), name, COALESCE(code, ''), level FROM courts ORDER BY id", nil,
		func(rows *sql.Rows) error {
			var c OrgCourt
			var level string
			err := rows.Scan(&c.ID, &c.Parent, &c.Name, &c.Code, &level)
			c.Level, _ = court.ParseCourtLevel(level)
			o.Courts = append(o.Courts, c)
			return err
		})
	if err != nil {
		return o, err
	}
	err = webEach(ctx, db.db, "SELECT id, court_id, name FROM departments ORDER BY id", nil, func(rows *sql.Rows) error {
		var d OrgDepartment
		err := rows.Scan(&d.ID, &d.Court, &d.Name)
		o.Departments = append(o.Departments, d)
		return err
	})
	if err != nil {
		return o, err
	}
	err = webEach(ctx, db.db, `SELECT id, court_id, COALESCE(department_id, 0), name, COALESCE(staff_no, ''),
    COALESCE(title, ''), COALESCE(category, ''), active FROM people ORDER BY id`, nil, func(rows *sql.Rows) error {
		var p OrgPerson
		var cat string
		err := rows.Scan(&p.ID, &p.Court, &p.Department, &p.Name, &p.StaffNo, &p.Title, &cat, &p.Active)
		p.Category = court.Category(cat)
		o.People = append(o.People, p)
		return err
	})
	return o, err
}

// webEach runs a query and calls fn for each row.
func webEach(ctx context.Context, q querier, query string, args []any, fn func(*sql.Rows) error) error {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// CaseSummary is what a case list shows of a case.
type CaseSummary struct {
	No                                     string
	CourtID, DepartmentID, JudgeID         int64
	Court, Department, Judge               string
	Kind, Level                            string
	Cause                                  string
	FiledOn, ClosedOn                      court.Date
	CloseMethod                            string
	LimitDays, ExtendedDays, SuspendedDays int
	OriginNo                               string
}

// CaseFilter selects cases for a list. The unit and the scope are both
// applied: the scope's courts (unless it sees all), its department, its
// person (承办人 or member of the 合议庭). Zero values select everything.
type CaseFilter struct {
	Scope        auth.Scope
	CourtID      int64
	DepartmentID int64
	JudgeID      int64
	Pending      bool     // only cases without 结案日期
	Nos          []string // only these 案号 (canonical)
}

// webDate selects a date column as YYYY-MM-DD text in both dialects.
func (db *DB) webDate(col string) string {
	if db.pg() {
		return "to_char(" + col + ", 'YYYY-MM-DD')"
	}
	return col
}

func (db *DB) summarySelect() string {
	return `SELECT c.case_no, c.court_id, c.department_id, c.judge_id, ct.name, d.name, p.name, c.kind, c.level,
    COALESCE(c.cause, ''), ` + db.webDate("c.filed_on") + `, COALESCE(` + db.webDate("c.closed_on") + `, ''),
    COALESCE(c.close_method, ''), COALESCE(c.limit_days, 0), c.extended_days, c.suspended_days, COALESCE(c.origin_no, '')
FROM cases c JOIN courts ct ON ct.id = c.court_id JOIN departments d ON d.id = c.department_id JOIN people p ON p.id = c.judge_id`
}

// where builds the condition of f. With Nos, the columns of the other
// conditions are written +c.x so that no index serves them: SQLite (which
// has no statistics here) would otherwise read a court's every case through
// cases_court_dept for each chunk of 案号 (seconds for a court's year)
// instead of looking the 案号 up.
func (f *CaseFilter) where() (string, []any) {
	var conds []string
	var args []any
	add := func(cond string, a ...any) { conds = append(conds, cond); args = append(args, a...) }
	c := "c."
	if f.Nos != nil {
		c = "+c."
	}
	if !f.Scope.All() {
		courts := f.Scope.Courts()
		switch {
		case len(courts) > 0:
			add(c+"court_id IN ("+placeholders(len(courts))+")", webInt64s(courts)...)
		case f.Scope.Department() != 0:
			add(c+"court_id = ? AND "+c+"department_id = ?", f.Scope.Home().Court, f.Scope.Department())
		case f.Scope.Person() != 0:
			// IN (not a correlated EXISTS): SQLite then reads the person's
			// few panel rows once instead of once per case (minutes on the demo).
			add("("+c+"judge_id = ? OR "+c+"id IN (SELECT cp.case_id FROM case_panel cp WHERE cp.person_id = ?))", f.Scope.Person(), f.Scope.Person())
		default:
			add("1 = 0")
		}
	}
	if f.CourtID != 0 {
		add(c+"court_id = ?", f.CourtID)
	}
	if f.DepartmentID != 0 {
		add(c+"department_id = ?", f.DepartmentID)
	}
	if f.JudgeID != 0 {
		add(c+"judge_id = ?", f.JudgeID)
	}
	if f.Pending {
		add("c.closed_on IS NULL")
	}
	if len(conds) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(conds, " AND "), args
}

func webInt64s(ids []int64) []any {
	out := make([]any, len(ids))
	for i, id := range ids {
		out[i] = id
	}
	return out
}

// CaseSummaries returns the cases f selects, by 立案日期 and 案号. With Nos, the
// 案号 are looked up in chunks; a 案号 outside the scope is left out.
func (db *DB) CaseSummaries(ctx context.Context, f CaseFilter) (out []CaseSummary, err error) {
	defer wrap(&err, "读取案件列表")
	where, args := f.where()
	if f.Nos == nil {
		return out, db.scanSummaries(ctx, db.summarySelect()+where+" ORDER BY c.filed_on, c.id", args, &out)
	}
	const chunk = 500
	for i := 0; i < len(f.Nos); i += chunk {
		nos := f.Nos[i:min(i+chunk, len(f.Nos))]
		cond := " WHERE "
		if where != "" {
			cond = where + " AND "
		}
		q := db.summarySelect() + cond + "c.case_no IN (" + placeholders(len(nos)) + ")"
		a := append(append([]any(nil), args...), webStrings(nos)...)
		if err := db.scanSummaries(ctx, q, a, &out); err != nil {
			return nil, err
		}
	}
	sortSummariesByFiled(out)
	return out, nil
}

func webStrings(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

func (db *DB) scanSummaries(ctx context.Context, q string, args []any, out *[]CaseSummary) error {
	return webEach(ctx, db.db, db.rebind(q), args, func(rows *sql.Rows) error {
		var s CaseSummary
		var filed, closed string
		err := rows.Scan(&s.No, &s.CourtID, &s.DepartmentID, &s.JudgeID, &s.Court, &s.Department, &s.Judge, &s.Kind, &s.Level,
			&s.Cause, &filed, &closed, &s.CloseMethod, &s.LimitDays, &s.ExtendedDays, &s.SuspendedDays, &s.OriginNo)
		if err != nil {
			return err
		}
		s.FiledOn, _ = court.ParseISODate(filed)
		if closed != "" {
			s.ClosedOn, _ = court.ParseISODate(closed)
		}
		*out = append(*out, s)
		return nil
	})
}

// CaseRef returns what a scope check needs of the case with 案号 no.
func (db *DB) CaseRef(ctx context.Context, no string) (r auth.CaseRef, err error) {
	defer wrap(&err, "读取案件")
	var id int64
	err = db.db.QueryRowContext(ctx, db.rebind("SELECT id, court_id, department_id, judge_id FROM cases WHERE case_no = ?"), no).
		Scan(&id, &r.Court, &r.Department, &r.Judge)
	if errors.Is(err, sql.ErrNoRows) {
		return r, errNotFound("案件", no)
	}
	if err != nil {
		return r, err
	}
	err = webEach(ctx, db.db, db.rebind("SELECT person_id FROM case_panel WHERE case_id = ? ORDER BY ord"), []any{id}, func(rows *sql.Rows) error {
		var p int64
		err := rows.Scan(&p)
		r.Panel = append(r.Panel, p)
		return err
	})
	return r, err
}

// CaseChain returns the cases related to no through 原审案号: the chain of
// its origins up to the first case, then no itself, then every case that
// derives from it, directly or not, ordered by 立案日期. An origin that is
// not stored ends the chain upwards and is returned with only its 案号.
func (db *DB) CaseChain(ctx context.Context, no string) (chain []CaseSummary, err error) {
	defer wrap(&err, "读取关联案件")
	var up []CaseSummary
	seen := map[string]bool{}
	for cur := no; cur != "" && !seen[cur] && len(up) < 20; {
		seen[cur] = true
		var got []CaseSummary
		if err := db.scanSummaries(ctx, db.summarySelect()+" WHERE c.case_no = ?", []any{cur}, &got); err != nil {
			return nil, err
		}
		if len(got) == 0 {
			up = append(up, CaseSummary{No: cur})
			break
		}
		up = append(up, got[0])
		cur = got[0].OriginNo
	}
	for i, j := 0, len(up)-1; i < j; i, j = i+1, j-1 {
		up[i], up[j] = up[j], up[i]
	}
	down, err := db.descendants(ctx, no, seen)
	return append(up, down...), err
}

func (db *DB) descendants(ctx context.Context, no string, seen map[string]bool) ([]CaseSummary, error) {
	var out []CaseSummary
	frontier := []string{no}
	for len(frontier) > 0 && len(out) < 200 {
		var next []CaseSummary
		q := db.summarySelect() + " WHERE c.origin_no IN (" + placeholders(len(frontier)) + ")"
		if err := db.scanSummaries(ctx, q, webStrings(frontier), &next); err != nil {
			return nil, err
		}
		frontier = frontier[:0]
		for _, s := range next {
			if !seen[s.No] {
				seen[s.No] = true
				out = append(out, s)
				frontier = append(frontier, s.No)
			}
		}
	}
	sortSummariesByFiled(out)
	return out, nil
}

// sortSummariesByFiled orders cases by 立案日期, then 案号.
func sortSummariesByFiled(cs []CaseSummary) {
	sort.Slice(cs, func(i, j int) bool {
		if cs[i].FiledOn != cs[j].FiledOn {
			return cs[i].FiledOn < cs[j].FiledOn
		}
		return cs[i].No < cs[j].No
	})
}

// LatestDay is the last day the case data knows of: the latest 立案日期 or
// 结案日期 (NoDate without cases). Pages measure "today" no later than it,
// so that an export of last month is read as of its own day.
func (db *DB) LatestDay(ctx context.Context) (d court.Date, err error) {
	defer wrap(&err, "读取数据截止日期")
	var filed, closed sql.NullString
	q := "SELECT MAX(" + db.webDate("filed_on") + "), MAX(" + db.webDate("closed_on") + ") FROM cases"
	if err := db.db.QueryRowContext(ctx, q).Scan(&filed, &closed); err != nil {
		return 0, err
	}
	for _, s := range []sql.NullString{filed, closed} {
		if s.Valid && s.String != "" {
			if x, err := court.ParseISODate(s.String); err == nil && x > d {
				d = x
			}
		}
	}
	return d, nil
}
