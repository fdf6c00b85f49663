package store

import (
	"cmp"
	"context"
	"slices"

	"github.com/zhixiao/zhixiao/internal/court"
)

// A directory holds the courts, departments and people in memory, by id and
// by the keys an export names them with. An import keeps one for the whole
// transaction so that resolving a case's units is a few map lookups; reads
// use one to put names on the ids of the cases table.
type directory struct {
	courts      map[int64]*courtRec
	courtByName map[string]*courtRec
	courtByCode map[string]*courtRec
	depts       map[int64]*deptRec
	deptByKey   map[nameKey]*deptRec
	people      map[int64]*personRec
	byStaff     map[nameKey]*personRec   // (court, 工号)
	byName      map[nameKey][]*personRec // (court, 姓名), in id order
}

// nameKey is a name within a court.
type nameKey struct {
	court int64
	name  string
}

type courtRec struct {
	id     int64
	name   string
	code   string
	level  court.CourtLevel
	parent int64
}

type deptRec struct {
	id    int64
	court int64
	name  string
}

type personRec struct {
	id       int64
	court    int64
	dept     int64 // 0 when none
	name     string
	staffNo  string
	category court.Category
	title    string
	joinedOn court.Date
	active   bool
}

func newDirectory() *directory {
	return &directory{
		courts:      map[int64]*courtRec{},
		courtByName: map[string]*courtRec{},
		courtByCode: map[string]*courtRec{},
		depts:       map[int64]*deptRec{},
		deptByKey:   map[nameKey]*deptRec{},
		people:      map[int64]*personRec{},
		byStaff:     map[nameKey]*personRec{},
		byName:      map[nameKey][]*personRec{},
	}
}

// loadDirectory reads every court, department and person.
func (db *DB) loadDirectory(ctx context.Context, q querier) (*directory, error) {
	d := newDirectory()
	if err := db.loadCourts(ctx, q, d, ""); err != nil {
		return nil, err
	}
	if err := db.loadDepts(ctx, q, d, ""); err != nil {
		return nil, err
	}
	if err := db.loadPeople(ctx, q, d, ""); err != nil {
		return nil, err
	}
	return d, nil
}

// loadDirectoryOf reads the court, department and people of one case.
func (db *DB) loadDirectoryOf(ctx context.Context, q querier, r *caseRow) (*directory, error) {
	d := newDirectory()
	if err := db.loadCourts(ctx, q, d, "WHERE id = ?", r.court); err != nil {
		return nil, err
	}
	if err := db.loadDepts(ctx, q, d, "WHERE id = ?", r.dept); err != nil {
		return nil, err
	}
	ids := append([]any{r.judge}, int64sToAny(r.panel)...)
	if err := db.loadPeople(ctx, q, d, "WHERE id IN ("+placeholders(len(ids))+")", ids...); err != nil {
		return nil, err
	}
	return d, nil
}

func int64sToAny(ids []int64) []any {
	out := make([]any, len(ids))
	for i, id := range ids {
		out[i] = id
	}
	return out
}

// loadCourts, loadDepts and loadPeople read the rows that where (a WHERE
// clause with ? placeholders, or "") selects.
func (db *DB) loadCourts(ctx context.Context, q querier, d *directory, where string, args ...any) error {
	rows, err := q.QueryContext(ctx, db.rebind("SELECT id, name, code, level, parent_id FROM courts "+where+" ORDER BY id"), args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var c courtRec
		var code, level, parent any
		if err := rows.Scan(&c.id, &c.name, &code, &level, &parent); err != nil {
			return err
		}
		c.code = textOf(code)
		c.level, _ = court.ParseCourtLevel(textOf(level))
		if c.parent, err = intOf(parent, 0); err != nil {
			return err
		}
		d.addCourt(&c)
	}
	return rows.Err()
}

func (db *DB) loadDepts(ctx context.Context, q querier, d *directory, where string, args ...any) error {
	rows, err := q.QueryContext(ctx, db.rebind("SELECT id, court_id, name FROM departments "+where+" ORDER BY id"), args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var r deptRec
		if err := rows.Scan(&r.id, &r.court, &r.name); err != nil {
			return err
		}
		d.addDept(&r)
	}
	return rows.Err()
}

func (db *DB) loadPeople(ctx context.Context, q querier, d *directory, where string, args ...any) error {
	rows, err := q.QueryContext(ctx, db.rebind("SELECT id, court_id, department_id, name, staff_no, category, title, "+
		db.dateCol("joined_on")+", active FROM people "+where+" ORDER BY id"), args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var p personRec
		var dept, staff, cat, title, joined, active any
		if err := rows.Scan(&p.id, &p.court, &dept, &p.name, &staff, &cat, &title, &joined, &active); err != nil {
			return err
		}
		if p.dept, err = intOf(dept, 0); err != nil {
			return err
		}
		if p.joinedOn, err = dateOf(joined); err != nil {
			return err
		}
		n, err := intOf(active, 0)
		if err != nil {
			return err
		}
		p.staffNo, p.category, p.title, p.active = textOf(staff), court.Category(textOf(cat)), textOf(title), n != 0
		d.addPerson(&p)
	}
	return rows.Err()
}

func (d *directory) addCourt(c *courtRec) {
	d.courts[c.id] = c
	d.courtByName[c.name] = c
	if c.code != "" && d.courtByCode[c.code] == nil {
		d.courtByCode[c.code] = c
	}
}

func (d *directory) addDept(r *deptRec) {
	d.depts[r.id] = r
	d.deptByKey[nameKey{r.court, r.name}] = r
}

func (d *directory) addPerson(p *personRec) {
	d.people[p.id] = p
	if p.staffNo != "" {
		d.byStaff[nameKey{p.court, p.staffNo}] = p
	}
	k := nameKey{p.court, p.name}
	d.byName[k] = append(d.byName[k], p)
}

// renamePerson moves p in the name index from its old name to name.
func (d *directory) renamePerson(p *personRec, name string) {
	k := nameKey{p.court, p.name}
	list := d.byName[k]
	for i, q := range list {
		if q == p {
			list = append(list[:i:i], list[i+1:]...)
			break
		}
	}
	if len(list) == 0 {
		delete(d.byName, k)
	} else {
		d.byName[k] = list
	}
	p.name = name
	k.name = name
	d.byName[k] = append(d.byName[k], p)
}

// court finds a court by name, or else by 法院代字.
func (d *directory) court(nameOrCode string) *courtRec {
	if c := d.courtByName[nameOrCode]; c != nil {
		return c
	}
	return d.courtByCode[nameOrCode]
}

// courtName, deptName and person put names on ids; unknown ids give "".
func (d *directory) courtName(id int64) string {
	if c := d.courts[id]; c != nil {
		return c.name
	}
	return ""
}

func (d *directory) deptName(id int64) string {
	if r := d.depts[id]; r != nil {
		return r.name
	}
	return ""
}

func (d *directory) person(id int64) *personRec {
	if p := d.people[id]; p != nil {
		return p
	}
	return &personRec{}
}

// sortByID sorts recs by their id.
func sortByID[T any](recs []T, id func(T) int64) {
	slices.SortFunc(recs, func(a, b T) int { return cmp.Compare(id(a), id(b)) })
}
