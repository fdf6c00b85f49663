package store

import (
	"github.com/zhixiao/zhixiao/internal/court"
)

// Resolution of the names of an export against the import's directory, and
// creation of the courts, departments and people an export names first.
// Lookups never write, so that a row that fails leaves nothing behind.

// findPerson finds the person named name (工号 staffNo when given) in court
// ct, preferring department dept among namesakes. It returns nil when the
// person is to be created, and adopt when the person found is known only
// from case files and is to receive staffNo. role names the column in errors.
func (im *Import) findPerson(ct *courtRec, dept int64, name, staffNo, role string) (p *personRec, adopt bool, err error) {
	if ct == nil {
		return nil, false, nil
	}
	d := im.dir
	if staffNo != "" {
		if p := d.byStaff[nameKey{ct.id, staffNo}]; p != nil {
			if p.name != name {
				return nil, false, court.Errorf(court.Invalid, "%s工号“%s”在%s属于“%s”，与%s“%s”不符",
					role, staffNo, ct.name, p.name, role, name)
			}
			return p, false, nil
		}
		var unnumbered []*personRec
		for _, q := range d.byName[nameKey{ct.id, name}] {
			if q.staffNo == "" {
				unnumbered = append(unnumbered, q)
			}
		}
		if p := pickNamesake(unnumbered, dept); p != nil {
			return p, true, nil
		}
		return nil, false, nil
	}
	cands := d.byName[nameKey{ct.id, name}]
	if len(cands) == 0 {
		return nil, false, nil
	}
	if p := pickNamesake(cands, dept); p != nil {
		return p, false, nil
	}
	if role == roleJudge {
		return nil, false, court.Errorf(court.Invalid, "承办人“%s”在%s有多名同名人员，请填写承办人工号", name, ct.name)
	}
	return nil, false, court.Errorf(court.Invalid, "%s“%s”在%s有多名同名人员，无法确定是哪一位", role, name, ct.name)
}

// The roles of people on a case, as the export's headers name them.
const (
	roleJudge = "承办人"
	rolePanel = "合议庭成员"
)

// pickNamesake returns the only candidate, or the only one in department
// dept, or nil.
func pickNamesake(cands []*personRec, dept int64) *personRec {
	if len(cands) == 1 {
		return cands[0]
	}
	var found *personRec
	for _, p := range cands {
		if dept != 0 && p.dept == dept {
			if found != nil {
				return nil
			}
			found = p
		}
	}
	return found
}

// ensureCourt returns the court named nameOrCode, creating it when missing
// with the level its name suggests and code (the 法院代字 of a 案号) unless
// another court has that code. An existing court without a code gets code.
func (im *Import) ensureCourt(nameOrCode, code string) (*courtRec, error) {
	d := im.dir
	if ct := d.court(nameOrCode); ct != nil {
		if ct.code == "" && code != "" && d.courtByCode[code] == nil {
			if err := im.wait(); err != nil {
				return nil, err
			}
			if _, err := im.tx.ExecContext(im.ctx, im.db.rebind("UPDATE courts SET code = ? WHERE id = ?"), code, ct.id); err != nil {
				return nil, im.fail(err)
			}
			ct.code = code
			d.courtByCode[code] = ct
		}
		return ct, nil
	}
	if d.courtByCode[code] != nil {
		code = ""
	}
	return im.insertCourt(&courtRec{name: nameOrCode, code: code, level: court.GuessCourtLevel(nameOrCode)})
}

func (im *Import) insertCourt(c *courtRec) (*courtRec, error) {
	if err := im.wait(); err != nil {
		return nil, err
	}
	err := im.tx.QueryRowContext(im.ctx, im.db.rebind("INSERT INTO courts (name, code, level, parent_id) VALUES (?, ?, ?, ?) RETURNING id"),
		c.name, nullText(c.code), c.level.String(), nullID(c.parent)).Scan(&c.id)
	if err != nil {
		return nil, im.fail(err)
	}
	im.dir.addCourt(c)
	return c, nil
}

// ensureDept returns the department name of court ct, created when missing.
func (im *Import) ensureDept(ct *courtRec, name string) (*deptRec, error) {
	if r := im.dir.deptByKey[nameKey{ct.id, name}]; r != nil {
		return r, nil
	}
	if err := im.wait(); err != nil {
		return nil, err
	}
	r := &deptRec{court: ct.id, name: name}
	err := im.tx.QueryRowContext(im.ctx, im.db.rebind("INSERT INTO departments (court_id, name) VALUES (?, ?) RETURNING id"),
		ct.id, name).Scan(&r.id)
	if err != nil {
		return nil, im.fail(err)
	}
	im.dir.addDept(r)
	return r, nil
}

// insertPerson writes a new person and adds them to the directory.
func (im *Import) insertPerson(p *personRec) (*personRec, error) {
	if err := im.wait(); err != nil {
		return nil, err
	}
	err := im.tx.QueryRowContext(im.ctx, im.db.rebind(`INSERT INTO people
    (court_id, department_id, name, staff_no, category, title, joined_on, active)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`),
		p.court, nullID(p.dept), p.name, nullText(p.staffNo), nullText(string(p.category)), nullText(p.title),
		im.db.dateArg(p.joinedOn), p.active).Scan(&p.id)
	if err != nil {
		return nil, im.fail(err)
	}
	im.dir.addPerson(p)
	return p, nil
}

// updatePerson writes every field of p (already changed in the directory).
func (im *Import) updatePerson(p *personRec) error {
	if err := im.wait(); err != nil {
		return err
	}
	_, err := im.tx.ExecContext(im.ctx, im.db.rebind(`UPDATE people SET department_id = ?, name = ?, staff_no = ?,
    category = ?, title = ?, joined_on = ?, active = ? WHERE id = ?`),
		nullID(p.dept), p.name, nullText(p.staffNo), nullText(string(p.category)), nullText(p.title),
		im.db.dateArg(p.joinedOn), p.active, p.id)
	return im.fail(err)
}

// adoptStaffNo gives a person known only from case files their 工号.
func (im *Import) adoptStaffNo(p *personRec, staffNo string) error {
	if err := im.wait(); err != nil {
		return err
	}
	p.staffNo = staffNo
	im.dir.byStaff[nameKey{p.court, staffNo}] = p
	return im.updatePerson(p)
}

// caseUnits are the resolved court, department, judge and panel of a case.
type caseUnits struct {
	court *courtRec
	dept  *deptRec
	judge *personRec
}

// resolveUnits finds or creates the court, department and people that case c
// names, and appends the panel's ids to panel. Ambiguities are found before
// anything is created.
func (im *Import) resolveUnits(c *court.Case, panel []int64) (u caseUnits, _ []int64, err error) {
	d := im.dir
	ct := d.court(c.Court)
	var dept *deptRec
	if ct != nil {
		dept = d.deptByKey[nameKey{ct.id, c.Department}]
	}
	var deptID int64
	if dept != nil {
		deptID = dept.id
	}
	judge, adopt, err := im.findPerson(ct, deptID, c.Judge, c.JudgeStaffNo, roleJudge)
	if err != nil {
		return u, panel, err
	}
	for _, name := range c.Panel {
		if _, _, err := im.findPerson(ct, deptID, name, "", rolePanel); err != nil {
			return u, panel, err
		}
	}
	if u.court, err = im.ensureCourt(c.Court, c.No.CourtCode); err != nil {
		return u, panel, err
	}
	if u.dept, err = im.ensureDept(u.court, c.Department); err != nil {
		return u, panel, err
	}
	switch {
	case judge == nil:
		judge, err = im.insertPerson(&personRec{court: u.court.id, dept: u.dept.id, name: c.Judge, staffNo: c.JudgeStaffNo, active: true})
	case adopt:
		err = im.adoptStaffNo(judge, c.JudgeStaffNo)
	}
	if err != nil {
		return u, panel, err
	}
	u.judge = judge
	for _, name := range c.Panel {
		p, _, err := im.findPerson(u.court, u.dept.id, name, "", rolePanel)
		if err == nil && p == nil {
			p, err = im.insertPerson(&personRec{court: u.court.id, dept: u.dept.id, name: name, active: true})
		}
		if err != nil {
			return u, panel, err
		}
		panel = append(panel, p.id)
	}
	return u, panel, nil
}
