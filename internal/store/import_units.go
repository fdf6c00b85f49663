package store

import (
	"strings"

	"github.com/zhixiao/zhixiao/internal/court"
)

// AddCourt adds a court or updates it, keyed by name. Empty values (code,
// level, parent) leave the stored ones as they are; a new court without a
// level gets the one its name suggests. The parent, named by name or 法院代字,
// is created when missing.
func (im *Import) AddCourt(c *court.Court) error {
	if err := im.usable(); err != nil {
		return err
	}
	name := strings.TrimSpace(c.Name)
	if name == "" {
		return court.Errorf(court.Invalid, "法院名称为空")
	}
	if other := im.dir.courtByCode[c.Code]; c.Code != "" && other != nil && other.name != name {
		return court.Errorf(court.Invalid, "法院代字“%s”已属于%s，不能再用于%s", c.Code, other.name, name)
	}
	var parent int64
	if c.Parent != "" {
		if c.Parent == name || c.Parent == c.Code {
			return court.Errorf(court.Invalid, "%s的上级法院不能是它自己", name)
		}
		p, err := im.ensureCourt(c.Parent, "")
		if err != nil {
			return err
		}
		parent = p.id
	}
	im.added[kindCourts]++
	next := courtRec{name: name, code: c.Code, level: c.Level, parent: parent}
	if ct := im.dir.courtByName[name]; ct != nil {
		return im.updateCourt(ct, next)
	}
	if next.level == court.CourtLevelNone {
		next.level = court.GuessCourtLevel(name)
	}
	_, err := im.insertCourt(&next)
	if err == nil {
		im.counts[kindCourts].Inserted++
	}
	return err
}

// updateCourt gives ct the non-empty values of next.
func (im *Import) updateCourt(ct *courtRec, next courtRec) error {
	cnt := &im.counts[kindCourts]
	merged := *ct
	if next.code != "" {
		merged.code = next.code
	}
	if next.level != court.CourtLevelNone {
		merged.level = next.level
	}
	if next.parent != 0 {
		merged.parent = next.parent
	}
	if merged == *ct {
		cnt.Unchanged++
		return nil
	}
	if err := im.wait(); err != nil {
		return err
	}
	_, err := im.tx.ExecContext(im.ctx, im.db.rebind("UPDATE courts SET code = ?, level = ?, parent_id = ? WHERE id = ?"),
		nullText(merged.code), merged.level.String(), nullID(merged.parent), ct.id)
	if err != nil {
		return im.fail(err)
	}
	if merged.code != ct.code && im.dir.courtByCode[merged.code] == nil {
		im.dir.courtByCode[merged.code] = ct
	}
	*ct = merged
	cnt.Updated++
	return nil
}

// AddPerson adds a person or updates them, keyed by court and 工号. A person
// known so far only from case files (same court and name, no 工号) is
// adopted: they get the 工号 and the other fields. Without a 工号 the
// person is found by name, as a case's 承办人 is. The court and department
// are created when missing.
func (im *Import) AddPerson(p *court.Person) error {
	if err := im.usable(); err != nil {
		return err
	}
	name, staffNo := strings.TrimSpace(p.Name), strings.TrimSpace(p.StaffNo)
	switch {
	case name == "":
		return court.Errorf(court.Invalid, "人员姓名为空")
	case strings.TrimSpace(p.Court) == "":
		return court.Errorf(court.Invalid, "人员“%s”的法院为空", name)
	}
	ct := im.dir.court(p.Court)
	var deptID int64
	if ct != nil && p.Department != "" {
		if r := im.dir.deptByKey[nameKey{ct.id, p.Department}]; r != nil {
			deptID = r.id
		}
	}
	found, _, err := im.findPerson(ct, deptID, name, staffNo, "人员")
	if err != nil && staffNo != "" {
		// The 工号 belongs to someone else's name: the people file renames them.
		found, err = im.dir.byStaff[nameKey{ct.id, staffNo}], nil
	}
	if err != nil {
		return court.Errorf(court.Invalid, "%s，请填写工号", strings.TrimSuffix(court.Message(err), "，无法确定是哪一位"))
	}
	if ct == nil {
		if ct, err = im.ensureCourt(p.Court, ""); err != nil {
			return err
		}
	}
	if p.Department != "" {
		r, err := im.ensureDept(ct, p.Department)
		if err != nil {
			return err
		}
		deptID = r.id
	}
	im.added[kindPeople]++
	next := personRec{court: ct.id, dept: deptID, name: name, staffNo: staffNo, category: p.Category,
		title: p.Title, joinedOn: p.JoinedOn, active: p.Active}
	return im.savePerson(found, next)
}

// savePerson inserts next, or updates found to next when they differ.
func (im *Import) savePerson(found *personRec, next personRec) error {
	cnt := &im.counts[kindPeople]
	if found == nil {
		_, err := im.insertPerson(&next)
		if err == nil {
			cnt.Inserted++
		}
		return err
	}
	next.id = found.id
	if next.staffNo == "" {
		next.staffNo = found.staffNo
	}
	if next == *found {
		cnt.Unchanged++
		return nil
	}
	if err := im.wait(); err != nil {
		return err
	}
	if next.name != found.name {
		im.dir.renamePerson(found, next.name)
	}
	if next.staffNo != found.staffNo {
		im.dir.byStaff[nameKey{found.court, next.staffNo}] = found
	}
	*found = next
	cnt.Updated++
	return im.updatePerson(found)
}
