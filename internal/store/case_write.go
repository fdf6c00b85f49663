package store

import (
	"strconv"
	"strings"

	"github.com/zhixiao/zhixiao/internal/court"
)

// caseCols are the columns an import writes to cases, id first.
var caseCols = []string{
	"id", "case_no", "year", "court_code", "type_code", "seq", "suffix", "kind", "level",
	"court_id", "department_id", "judge_id", "filed_on", "closed_on", "close_method", "cause", "track",
	"limit_days", "extended_days", "suspended_days", "origin_no", "appealed", "hearings",
	"claim_amount", "exec_amount", "exec_recovered", "efile_on", "efile_reads", "row_hash", "import_id",
}

var panelCols = []string{"case_id", "ord", "person_id"}

var changeCols = []string{"import_id", "case_no", "field", "old_value", "new_value"}

// caseUpsert is the clause that turns the insert of a stored 案号 into an update.
var caseUpsert = upsertTail("case_no", caseCols)

// caseArgs appends the values of r for caseCols (without id unless withID).
func (im *Import) caseArgs(r *caseRow, args []any, withID bool) []any {
	db := im.db
	if withID {
		args = append(args, r.id)
	}
	return append(args, r.key, int64(r.no.Year), r.no.CourtCode, r.no.TypeCode, int64(r.no.Seq),
		nullText(r.no.Suffix), r.no.Kind.String(), r.no.Level.String(), r.court, r.dept, r.judge,
		db.dateArg(r.filedOn), db.dateArg(r.closedOn), nullText(closeName(r.closeMethod)), nullText(r.cause),
		nullText(trackName(r.track)), nullPositive(r.limitDays), int64(r.extendedDays), int64(r.suspendedDays),
		nullText(r.originNo), nullTri(r.appealed), int64(r.hearings), nullMoney(r.claim),
		nullMoney(r.execAmount), nullMoney(r.execRecovered), db.dateArg(r.efileOn), int64(r.efileReads),
		hashText(r.hash), im.id)
}

func closeName(m court.CloseMethod) string {
	if m == court.CloseNone {
		return ""
	}
	return m.String()
}

func trackName(t court.Track) string {
	if int(t) > int(court.TrackExpedited) {
		return ""
	}
	return t.String()
}

// insertCases writes new cases and their panels.
func (im *Import) insertCases(rows []*caseRow) error {
	if len(rows) == 0 {
		return nil
	}
	err := im.copyRows("cases", caseCols, len(rows), func(i int, args []any) []any {
		return im.caseArgs(rows[i], args, true)
	})
	if err != nil {
		return err
	}
	return im.insertPanels(rows)
}

// insertPanels writes the case_panel rows of rows.
func (im *Import) insertPanels(rows []*caseRow) error {
	type member struct {
		caseID int64
		ord    int
		person int64
	}
	var ms []member
	for _, r := range rows {
		for i, p := range r.panel {
			ms = append(ms, member{r.id, i + 1, p})
		}
	}
	return im.copyRows("case_panel", panelCols, len(ms), func(i int, args []any) []any {
		return append(args, ms[i].caseID, int64(ms[i].ord), ms[i].person)
	})
}

// caseChange is one changed field of a re-imported case.
type caseChange struct {
	caseNo, field, old, new string
}

// updateCases writes changed cases, their panels and the log of their changes.
func (im *Import) updateCases(rows []*caseRow) error {
	if len(rows) == 0 {
		return nil
	}
	ids := make([]int64, len(rows))
	for i, r := range rows {
		ids[i] = r.id
	}
	old, err := im.db.caseRowsByID(im.ctx, im.tx, ids)
	if err != nil {
		return err
	}
	changes := im.changeBuf[:0]
	for _, r := range rows {
		if o, ok := old[r.id]; ok {
			changes = appendChanges(changes, im.dir, &o, r)
		}
	}
	im.changeBuf = changes
	err = im.insertRows("case_changes", changeCols, len(changes), "", func(i int, args []any) []any {
		c := &changes[i]
		return append(args, im.id, c.caseNo, c.field, nullText(c.old), nullText(c.new))
	})
	if err != nil {
		return err
	}
	err = im.insertRows("cases", caseCols[1:], len(rows), caseUpsert, func(i int, args []any) []any {
		return im.caseArgs(rows[i], args, false)
	})
	if err != nil {
		return err
	}
	if err := im.deleteIDs("case_panel", "case_id", ids); err != nil {
		return err
	}
	return im.insertPanels(rows)
}

// caseFields are the fields of a case as the change log names them (the
// headers of DATA.md) and their text.
var caseFields = []struct {
	header string
	text   func(d *directory, r *caseRow) string
}{
	{"承办法院", func(d *directory, r *caseRow) string { return d.courtName(r.court) }},
	{"承办部门", func(d *directory, r *caseRow) string { return d.deptName(r.dept) }},
	{"承办人", func(d *directory, r *caseRow) string { return d.person(r.judge).name }},
	{"承办人工号", func(d *directory, r *caseRow) string { return d.person(r.judge).staffNo }},
	{"合议庭成员", func(d *directory, r *caseRow) string { return panelText(d, r.panel) }},
	{"立案日期", func(_ *directory, r *caseRow) string { return dateText(r.filedOn) }},
	{"结案日期", func(_ *directory, r *caseRow) string { return dateText(r.closedOn) }},
	{"结案方式", func(_ *directory, r *caseRow) string { return closeName(r.closeMethod) }},
	{"案由", func(_ *directory, r *caseRow) string { return r.cause }},
	{"适用程序", func(_ *directory, r *caseRow) string { return trackName(r.track) }},
	{"审限天数", func(_ *directory, r *caseRow) string { return positiveText(r.limitDays) }},
	{"延长审限天数", func(_ *directory, r *caseRow) string { return strconv.Itoa(r.extendedDays) }},
	{"扣除审限天数", func(_ *directory, r *caseRow) string { return strconv.Itoa(r.suspendedDays) }},
	{"原审案号", func(_ *directory, r *caseRow) string { return r.originNo }},
	{"是否上诉", func(_ *directory, r *caseRow) string { return r.appealed.String() }},
	{"开庭次数", func(_ *directory, r *caseRow) string { return strconv.Itoa(r.hearings) }},
	{"诉讼标的额", func(_ *directory, r *caseRow) string { return r.claim.String() }},
	{"申请执行标的额", func(_ *directory, r *caseRow) string { return r.execAmount.String() }},
	{"执行到位金额", func(_ *directory, r *caseRow) string { return r.execRecovered.String() }},
	{"电子卷宗生成日期", func(_ *directory, r *caseRow) string { return dateText(r.efileOn) }},
	{"阅卷次数", func(_ *directory, r *caseRow) string { return strconv.Itoa(r.efileReads) }},
}

// appendChanges appends a change for every field whose text differs between
// the stored row old and the imported row r.
func appendChanges(changes []caseChange, d *directory, old, r *caseRow) []caseChange {
	for _, f := range caseFields {
		o, n := f.text(d, old), f.text(d, r)
		if o != n {
			changes = append(changes, caseChange{caseNo: r.key, field: f.header, old: o, new: n})
		}
	}
	return changes
}

func panelText(d *directory, ids []int64) string {
	names := make([]string, len(ids))
	for i, id := range ids {
		names[i] = d.person(id).name
	}
	return strings.Join(names, "、")
}

func positiveText(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}
