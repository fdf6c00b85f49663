package store

import (
	"strconv"
	"strings"

	"github.com/zhixiao/zhixiao/internal/court"
)

// caseRow is a case as stored: its units by id.
type caseRow struct {
	id            int64
	no            court.CaseNo
	key           string // canonical 案号
	court         int64
	dept          int64
	judge         int64
	panel         []int64
	filedOn       court.Date
	closedOn      court.Date
	efileOn       court.Date
	closeMethod   court.CloseMethod
	track         court.Track
	cause         string
	originNo      string
	limitDays     int
	extendedDays  int
	suspendedDays int
	hearings      int
	efileReads    int
	appealed      court.Tri
	claim         court.Money
	execAmount    court.Money
	execRecovered court.Money
	hash          uint64
}

// AddCase adds or updates one case, keyed by its canonical 案号. Its court,
// department and people are resolved by name (see the package comment) and
// created when missing. A problem with the row (an ambiguous 承办人, a
// missing required value) is returned at once with kind Invalid, and the
// row is not added; the caller may report it and go on. Full batches are
// written by a goroutine of the import while the caller adds the next ones;
// an error there is returned by a later call.
func (im *Import) AddCase(c *court.Case) error {
	if err := im.usable(); err != nil {
		return err
	}
	if err := checkCase(c); err != nil {
		return err
	}
	key := c.No.String()
	if _, dup := im.cur.index[key]; dup {
		// Twice in one batch: write the first, then look the second up.
		if err := im.flushCases(); err != nil {
			return err
		}
		im.fresh = false
		if err := im.restoreIndexes(); err != nil {
			return im.fail(err)
		}
	}
	buf := im.cur
	start := len(buf.panel)
	u, panel, err := im.resolveUnits(c, buf.panel)
	if err != nil {
		buf.panel = panel[:start]
		return err
	}
	buf.panel = panel
	buf.rows = append(buf.rows, caseRow{})
	r := &buf.rows[len(buf.rows)-1]
	fillCaseRow(r, c, key, u)
	r.panel = panel[start:len(panel):len(panel)]
	r.hash = r.sum()
	buf.index[key] = len(buf.rows) - 1
	im.added[kindCases]++
	if len(buf.rows) >= caseBatch {
		return im.startFlush()
	}
	return nil
}

// caseBuf is a batch of cases: the rows, the backing array of their
// panels, and their index by 案号.
type caseBuf struct {
	rows  []caseRow
	panel []int64
	index map[string]int
}

func newCaseBuf() *caseBuf {
	return &caseBuf{rows: make([]caseRow, 0, caseBatch), index: make(map[string]int, caseBatch)}
}

func (b *caseBuf) reset() {
	b.rows, b.panel = b.rows[:0], b.panel[:0]
	clear(b.index)
}

// startFlush hands the current batch to a writing goroutine, after the
// previous one is done; the caller goes on with the spare batch.
func (im *Import) startFlush() error {
	if err := im.wait(); err != nil {
		return err
	}
	if len(im.cur.rows) == 0 {
		return nil
	}
	buf := im.cur
	im.cur, im.spare = im.spare, buf
	done := make(chan error, 1)
	im.writing = done
	go func() { done <- im.writeCases(buf) }()
	return nil
}

// wait waits for the writing goroutine, if any, and returns the error that
// broke the import, if any. Every use of the transaction outside the writing
// goroutine, and every change to the directory, comes after a wait.
func (im *Import) wait() error {
	if im.writing != nil {
		err := <-im.writing
		im.writing = nil
		im.spare.reset()
		if err != nil {
			im.fail(err)
		}
	}
	return im.err
}

// flushCases writes the current batch and waits until it is written.
func (im *Import) flushCases() error {
	if err := im.startFlush(); err != nil {
		return err
	}
	return im.wait()
}

// checkCase refuses a case without the values the table requires.
func checkCase(c *court.Case) error {
	switch {
	case c.No.Year == 0 || c.No.TypeCode == "" || c.No.Seq == 0:
		return court.Errorf(court.Invalid, "案号为空或不完整")
	case strings.TrimSpace(c.Court) == "":
		return court.Errorf(court.Invalid, "案件%s的承办法院为空", c.No)
	case strings.TrimSpace(c.Department) == "":
		return court.Errorf(court.Invalid, "案件%s的承办部门为空", c.No)
	case strings.TrimSpace(c.Judge) == "":
		return court.Errorf(court.Invalid, "案件%s的承办人为空", c.No)
	case c.FiledOn == court.NoDate:
		return court.Errorf(court.Invalid, "案件%s的立案日期为空", c.No)
	case c.OriginNo != "" && c.OriginNo == c.No.String():
		return court.Errorf(court.Invalid, "案件%s的原审案号指向自身", c.No)
	}
	return nil
}

func fillCaseRow(r *caseRow, c *court.Case, key string, u caseUnits) {
	*r = caseRow{
		no: c.No, key: key, court: u.court.id, dept: u.dept.id, judge: u.judge.id,
		filedOn: c.FiledOn, closedOn: c.ClosedOn, efileOn: c.EfileOn,
		closeMethod: c.CloseMethod, track: c.Track, cause: c.Cause, originNo: c.OriginNo,
		limitDays: c.LimitDays, extendedDays: c.ExtendedDays, suspendedDays: c.SuspendedDays,
		hearings: c.Hearings, efileReads: c.EfileReads, appealed: c.Appealed,
		claim: c.ClaimAmount, execAmount: c.ExecAmount, execRecovered: c.ExecRecovered,
	}
	if tc, ok := court.LookupTypeCode(c.No.TypeCode); ok {
		r.no.Kind, r.no.Level = tc.Kind, tc.Level
	}
	if r.claim < 0 {
		r.claim = court.NoMoney
	}
	if r.execAmount < 0 {
		r.execAmount = court.NoMoney
	}
	if r.execRecovered < 0 {
		r.execRecovered = court.NoMoney
	}
}

// sum is the FNV-1a 64 hash of every stored field of the row, so that an
// unchanged row is recognised without reading it.
func (r *caseRow) sum() uint64 {
	h := fnv64{h: 14695981039346656037}
	h.str(r.key)
	h.ints(r.court, r.dept, r.judge, int64(len(r.panel)))
	h.ints(r.panel...)
	h.ints(int64(r.filedOn), int64(r.closedOn), int64(r.efileOn), int64(r.closeMethod), int64(r.track))
	h.str(r.cause)
	h.str(r.originNo)
	h.ints(int64(r.limitDays), int64(r.extendedDays), int64(r.suspendedDays), int64(r.hearings),
		int64(r.efileReads), int64(r.appealed), int64(r.claim), int64(r.execAmount), int64(r.execRecovered))
	return h.h
}

type fnv64 struct{ h uint64 }

func (f *fnv64) byte(b byte) {
	f.h ^= uint64(b)
	f.h *= 1099511628211
}

func (f *fnv64) str(s string) {
	f.ints(int64(len(s)))
	for i := 0; i < len(s); i++ {
		f.byte(s[i])
	}
}

func (f *fnv64) ints(vs ...int64) {
	for _, v := range vs {
		for i := 0; i < 8; i++ {
			f.byte(byte(v >> (8 * i)))
		}
	}
}

func hashText(h uint64) string {
	s := strconv.FormatUint(h, 16)
	return strings.Repeat("0", 16-len(s)) + s
}

// storedCase is what a lookup finds of a case already stored.
type storedCase struct {
	id   int64
	hash uint64
}

// writeCases writes a batch: new cases are inserted, changed ones updated
// with their changes logged, unchanged ones only counted. It runs on the
// writing goroutine.
func (im *Import) writeCases(buf *caseBuf) error {
	if im.fresh && im.dropped == nil && len(buf.rows) >= caseBatch {
		if err := im.dropIndexes(); err != nil {
			return err
		}
	}
	var stored map[string]storedCase
	if !im.fresh {
		var err error
		if stored, err = im.lookupCases(buf.rows); err != nil {
			return err
		}
	}
	var fresh, changed []*caseRow
	cnt := &im.counts[kindCases]
	for i := range buf.rows {
		r := &buf.rows[i]
		s, ok := stored[r.key]
		switch {
		case !ok:
			im.lastID++
			r.id = im.lastID
			fresh = append(fresh, r)
		case s.hash == r.hash:
			cnt.Unchanged++
		default:
			r.id = s.id
			changed = append(changed, r)
		}
	}
	if err := im.updateCases(changed); err != nil {
		return err
	}
	if err := im.insertCases(fresh); err != nil {
		return im.duplicateError(err)
	}
	cnt.Inserted += len(fresh)
	cnt.Updated += len(changed)
	return nil
}

// duplicateError explains a unique violation on cases.case_no, which means
// that the caller added one 案号 twice.
func (im *Import) duplicateError(err error) error {
	if err != nil && strings.Contains(err.Error(), "case_no") &&
		(strings.Contains(err.Error(), "UNIQUE") || strings.Contains(err.Error(), "23505")) {
		return &court.Error{Kind: court.Conflict, Message: "本次导入中有重复的案号，导入已取消", Err: err}
	}
	return err
}

// lookupCases finds the stored id and hash of cases.
func (im *Import) lookupCases(cases []caseRow) (map[string]storedCase, error) {
	stored := make(map[string]storedCase, len(cases))
	const chunk = 500
	for lo := 0; lo < len(cases); lo += chunk {
		hi := min(lo+chunk, len(cases))
		args := im.scratch[:0]
		for i := lo; i < hi; i++ {
			args = append(args, cases[i].key)
		}
		im.scratch = args
		q := "SELECT case_no, id, row_hash FROM cases WHERE case_no IN (" + placeholders(hi-lo) + ")"
		rows, err := im.tx.QueryContext(im.ctx, im.db.rebind(q), args...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var key, hash string
			var s storedCase
			if err := rows.Scan(&key, &s.id, &hash); err != nil {
				rows.Close()
				return nil, err
			}
			s.hash, _ = strconv.ParseUint(hash, 16, 64)
			stored[key] = s
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return stored, nil
}

// placeholders is "?, ?, ..." n times.
func placeholders(n int) string {
	if n <= 0 {
		return ""
	}
	return strings.Repeat("?, ", n-1) + "?"
}
