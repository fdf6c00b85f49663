package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"strconv"
	"strings"

	"github.com/zhixiao/zhixiao/internal/court"
)

// caseColumns is the select list that reads a cases row (alias c), in
// decode's order; casePanelColumn adds the panel as a comma-separated list
// of person ids.
func (db *DB) caseColumns() string {
	return "c.id, c.year, c.court_code, c.type_code, c.seq, c.suffix, c.court_id, c.department_id, c.judge_id, " +
		db.dateCol("c.filed_on") + ", " + db.dateCol("c.closed_on") + ", c.close_method, c.cause, c.track, " +
		"c.limit_days, c.extended_days, c.suspended_days, c.origin_no, c.appealed, c.hearings, " +
		"c.claim_amount, c.exec_amount, c.exec_recovered, " + db.dateCol("c.efile_on") + ", c.efile_reads"
}

const casePanelColumn = "(SELECT string_agg(CAST(p.person_id AS TEXT), ',' ORDER BY p.ord) FROM case_panel p WHERE p.case_id = c.id)"

// caseColumnCount is the number of columns of caseColumns.
const caseColumnCount = 25

// caseDecoder turns rows of caseColumns into caseRows, sharing the strings
// that repeat (法院代字, 类型代字, 案由) between cases.
type caseDecoder struct {
	intern map[string]string
	panel  []int64
}

func newCaseDecoder() *caseDecoder {
	return &caseDecoder{intern: map[string]string{}}
}

// share returns the interned copy of the text value v.
func (dec *caseDecoder) share(v any) string {
	switch x := v.(type) {
	case string:
		if s, ok := dec.intern[x]; ok {
			return s
		}
		if len(dec.intern) < 1<<16 {
			dec.intern[x] = x
		}
		return x
	case []byte:
		if s, ok := dec.intern[string(x)]; ok {
			return s
		}
		s := string(x)
		if len(dec.intern) < 1<<16 {
			dec.intern[s] = s
		}
		return s
	}
	return textOf(v)
}

// caseInts are the integer columns of caseColumns and where decode puts them.
var caseInts = [...]int{0, 1, 4, 6, 7, 8, 14, 15, 16, 19, 20, 21, 22, 24}

// decode reads the values of one row of caseColumns (and, when there is a
// 26th value, casePanelColumn) into r; r.panel is only valid until the next
// call.
func (dec *caseDecoder) decode(v []driver.Value, r *caseRow) error {
	var ints [len(caseInts)]int64
	var err error
	for i, col := range caseInts {
		def := int64(0)
		if col >= 20 && col <= 22 {
			def = int64(court.NoMoney)
		}
		if ints[i], err = intOf(v[col], def); err != nil {
			return fmt.Errorf("cases column %d: %w", col, err)
		}
	}
	*r = caseRow{
		id: ints[0], court: ints[3], dept: ints[4], judge: ints[5],
		limitDays: int(ints[6]), extendedDays: int(ints[7]), suspendedDays: int(ints[8]), hearings: int(ints[9]),
		claim: court.Money(ints[10]), execAmount: court.Money(ints[11]), execRecovered: court.Money(ints[12]),
		efileReads: int(ints[13]),
		cause:      dec.share(v[12]), originNo: textOf(v[17]),
	}
	r.no = court.CaseNo{Year: int(ints[1]), CourtCode: dec.share(v[2]), TypeCode: dec.share(v[3]), Seq: int(ints[2]), Suffix: textOf(v[5])}
	if tc, ok := court.LookupTypeCode(r.no.TypeCode); ok {
		r.no.Kind, r.no.Level = tc.Kind, tc.Level
	}
	if r.filedOn, err = dateOf(v[9]); err == nil {
		if r.closedOn, err = dateOf(v[10]); err == nil {
			r.efileOn, err = dateOf(v[23])
		}
	}
	if err != nil {
		return err
	}
	if r.appealed, err = triOf(v[18]); err != nil {
		return err
	}
	r.closeMethod = closeMethodOf(v[11])
	r.track, _ = court.ParseTrack(textOf(v[13]))
	if len(v) > caseColumnCount {
		dec.panel, err = parseIDs(v[caseColumnCount], dec.panel[:0])
		r.panel = dec.panel
	}
	return err
}

// scanCaseRows reads the rows of a query of caseColumns + casePanelColumn.
func scanCaseRows(rows *sql.Rows, dec *caseDecoder, each func(r *caseRow) error) error {
	var vals [caseColumnCount + 1]any
	var ptrs [caseColumnCount + 1]any
	var dvals [caseColumnCount + 1]driver.Value
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	var r caseRow
	for rows.Next() {
		if err := rows.Scan(ptrs[:]...); err != nil {
			return err
		}
		for i, v := range vals {
			dvals[i] = v
		}
		if err := dec.decode(dvals[:], &r); err != nil {
			return err
		}
		if err := each(&r); err != nil {
			return err
		}
	}
	return rows.Err()
}

// closeMethods maps the stored 结案方式 to its value.
var closeMethods = func() map[string]court.CloseMethod {
	m := map[string]court.CloseMethod{}
	for _, n := range court.CloseMethodNames() {
		m[n], _ = court.ParseCloseMethod(n)
	}
	return m
}()

func closeMethodOf(v any) court.CloseMethod {
	switch x := v.(type) {
	case string:
		return closeMethods[x]
	case []byte:
		return closeMethods[string(x)]
	}
	return court.CloseNone
}

// parseIDs appends the ids of a comma-separated list to ids.
func parseIDs(v any, ids []int64) ([]int64, error) {
	s := textOf(v)
	for s != "" {
		var part string
		part, s, _ = strings.Cut(s, ",")
		id, err := strconv.ParseInt(part, 10, 64)
		if err != nil {
			return ids, fmt.Errorf("panel %q: %w", part, err)
		}
		ids = append(ids, id)
	}
	return ids, nil
}

// toCase fills c from r with the names of d. Panel names are appended to
// *names, whose backing array c.Panel then shares.
func toCase(d *directory, r *caseRow, c *court.Case, names *[]string) {
	judge := d.person(r.judge)
	*c = court.Case{
		No: r.no, Court: d.courtName(r.court), Department: d.deptName(r.dept),
		Judge: judge.name, JudgeStaffNo: judge.staffNo,
		FiledOn: r.filedOn, ClosedOn: r.closedOn, CloseMethod: r.closeMethod, Cause: r.cause, Track: r.track,
		LimitDays: r.limitDays, ExtendedDays: r.extendedDays, SuspendedDays: r.suspendedDays,
		OriginNo: r.originNo, Appealed: r.appealed, Hearings: r.hearings,
		ClaimAmount: r.claim, ExecAmount: r.execAmount, ExecRecovered: r.execRecovered,
		EfileOn: r.efileOn, EfileReads: r.efileReads,
	}
	if len(r.panel) == 0 {
		return
	}
	if cap(*names)-len(*names) < len(r.panel) {
		*names = make([]string, 0, max(4096, len(r.panel)))
	}
	start := len(*names)
	for _, id := range r.panel {
		*names = append(*names, d.person(id).name)
	}
	c.Panel = (*names)[start:len(*names):len(*names)]
}

// readTx starts a read-only transaction: one snapshot for several queries.
func (db *DB) readTx(ctx context.Context) (*sql.Tx, error) {
	opts := &sql.TxOptions{ReadOnly: true}
	if db.pg() {
		opts.Isolation = sql.LevelRepeatableRead
	}
	return db.db.BeginTx(ctx, opts)
}

// Case returns the case with 案号 caseNo (in any form ParseCaseNo accepts).
func (db *DB) Case(ctx context.Context, caseNo string) (c court.Case, err error) {
	defer wrap(&err, "读取案件")
	key := caseNo
	if no, err := court.ParseCaseNo(caseNo); err == nil {
		key = no.String()
	}
	tx, err := db.readTx(ctx)
	if err != nil {
		return c, err
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, db.rebind("SELECT "+db.caseColumns()+", "+casePanelColumn+" FROM cases c WHERE c.case_no = ?"), key)
	if err != nil {
		return c, err
	}
	var r caseRow
	found := false
	err = scanCaseRows(rows, newCaseDecoder(), func(row *caseRow) error {
		r, found = *row, true
		r.panel = append([]int64(nil), row.panel...)
		return nil
	})
	rows.Close()
	if err != nil {
		return c, err
	}
	if !found {
		return c, errNotFound("案件", caseNo)
	}
	dir, err := db.loadDirectoryOf(ctx, tx, &r)
	if err != nil {
		return c, err
	}
	var names []string
	toCase(dir, &r, &c, &names)
	return c, nil
}

// caseRowsByID reads the stored rows of ids, by id.
func (db *DB) caseRowsByID(ctx context.Context, q querier, ids []int64) (map[int64]caseRow, error) {
	out := make(map[int64]caseRow, len(ids))
	dec := newCaseDecoder()
	const chunk = 500
	for lo := 0; lo < len(ids); lo += chunk {
		hi := min(lo+chunk, len(ids))
		args := make([]any, 0, hi-lo)
		for _, id := range ids[lo:hi] {
			args = append(args, id)
		}
		rows, err := q.QueryContext(ctx, db.rebind("SELECT "+db.caseColumns()+", "+casePanelColumn+
			" FROM cases c WHERE c.id IN ("+placeholders(hi-lo)+")"), args...)
		if err != nil {
			return nil, err
		}
		err = scanCaseRows(rows, dec, func(r *caseRow) error {
			row := *r
			row.panel = append([]int64(nil), r.panel...)
			out[r.id] = row
			return nil
		})
		rows.Close()
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}
