package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/zhixiao/zhixiao/internal/court"
)

// This file keeps the judgment corpus of 类案推送 (migration 0009): the
// judgments, their cited articles and the search index's segments. The
// store knows nothing of segmentation or ranking (package judgments); it
// writes and reads rows.

// JudgmentRow is one stored judgment.
type JudgmentRow struct {
	ID         int64
	CaseNo     string
	Cause      string
	Charges    string // separated by 、
	Court      string
	CourtLevel string
	Decided    court.Date
	Parts      string // "s-e s-e s-e s-e s-e"
	Lengths    string // "n n n n n"
	Body       string // empty in JudgmentMetas
	Source     string
	Articles   []ArticleRow
}

// ArticleRow is a cited article.
type ArticleRow struct {
	Law                        string
	Article, Sub, Clause, Item int
}

// PostingRow is one term's postings in a segment.
type PostingRow struct {
	Term     string
	Postings []byte
}

// JudgmentBatch is a batch of judgments to add: their 案号, and the
// function that makes their rows and their index segment once their ids are
// known (the i-th 案号 gets firstID+i). Build runs inside the transaction,
// so that a large import holds one batch in memory at a time.
type JudgmentBatch struct {
	CaseNos []string
	Build   func(firstID int64) ([]JudgmentRow, []PostingRow, error)
}

// AddJudgments adds the batches, each with its index segment, in one
// transaction: all or none. A 案号 already stored is an error of kind
// Conflict naming it (and up to 9 more).
func (db *DB) AddJudgments(ctx context.Context, batches []JudgmentBatch, at time.Time) (err error) {
	defer wrap(&err, "导入裁判文书")
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if db.pg() {
		if _, err := tx.ExecContext(ctx, "LOCK TABLE judgments IN EXCLUSIVE MODE"); err != nil {
			return err
		}
	}
	if err := db.checkNewCaseNos(ctx, tx, batches); err != nil {
		return err
	}
	var next int64
	if err := tx.QueryRowContext(ctx, "SELECT COALESCE(MAX(id), 0) FROM judgments").Scan(&next); err != nil {
		return err
	}
	next++
	when := at.UTC().Format(time.RFC3339)
	for _, b := range batches {
		n := int64(len(b.CaseNos))
		if n == 0 {
			continue
		}
		rows, ps, err := b.Build(next)
		if err != nil {
			return err
		}
		if int64(len(rows)) != n {
			return fmt.Errorf("judgment batch: %d rows for %d case numbers", len(rows), n)
		}
		var seg int64
		q := "INSERT INTO judgment_segments (first_id, last_id, docs, created_at) VALUES (?, ?, ?, ?)"
		args := []any{next, next + n - 1, n, when}
		if db.pg() {
			err = tx.QueryRowContext(ctx, db.rebind(q+" RETURNING id"), args...).Scan(&seg)
		} else {
			var res sql.Result
			if res, err = tx.ExecContext(ctx, q, args...); err == nil {
				seg, err = res.LastInsertId()
			}
		}
		if err != nil {
			return err
		}
		if err := db.insertJudgments(ctx, tx, rows, next, seg, when); err != nil {
			return err
		}
		if err := db.insertPostings(ctx, tx, seg, ps); err != nil {
			return err
		}
		next += n
	}
	if db.pg() {
		// explicit ids do not move the identity sequence
		if _, err := tx.ExecContext(ctx, "SELECT setval(pg_get_serial_sequence('judgments', 'id'), (SELECT MAX(id) FROM judgments))"); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// ExistingJudgments returns those of the 案号 that have a stored judgment.
func (db *DB) ExistingJudgments(ctx context.Context, caseNos []string) (dup []string, err error) {
	defer wrap(&err, "读取裁判文书")
	return db.existing(ctx, db.db, caseNos)
}

// checkNewCaseNos reports the batches' 案号 that are already stored.
func (db *DB) checkNewCaseNos(ctx context.Context, tx *sql.Tx, batches []JudgmentBatch) error {
	var nos []string
	for _, b := range batches {
		nos = append(nos, b.CaseNos...)
	}
	dup, err := db.existing(ctx, tx, nos)
	if err != nil {
		return err
	}
	if len(dup) > 0 {
		return DuplicateJudgments(dup)
	}
	return nil
}

// DuplicateJudgments is the error for 案号 already stored.
func DuplicateJudgments(dup []string) error {
	more := ""
	if len(dup) > 10 {
		more = "等 " + strconv.Itoa(len(dup)) + " 份"
		dup = dup[:10]
	}
	return court.Errorf(court.Conflict, "案号%s%s的裁判文书已导入过，本次未导入任何文书（请先去掉重复的文书）", "“"+strings.Join(dup, "”“")+"”", more)
}

func (db *DB) existing(ctx context.Context, tx querier, nos []string) ([]string, error) {
	var dup []string
	for lo := 0; lo < len(nos); lo += 500 {
		hi := min(lo+500, len(nos))
		args := make([]any, hi-lo)
		for i := range args {
			args[i] = nos[lo+i]
		}
		rows, err := tx.QueryContext(ctx, db.rebind("SELECT case_no FROM judgments WHERE case_no IN (?"+strings.Repeat(", ?", hi-lo-1)+")"), args...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var s string
			if err := rows.Scan(&s); err != nil {
				rows.Close()
				return nil, err
			}
			dup = append(dup, s)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return dup, nil
}

func (db *DB) insertJudgments(ctx context.Context, tx *sql.Tx, rows []JudgmentRow, first, seg int64, when string) error {
	cols := []string{"id", "case_no", "cause", "charges", "court", "court_level", "decided", "parts", "lengths", "body", "source", "segment_id", "imported_at"}
	if err := db.insertMany(ctx, tx, "judgments", cols, len(rows), func(i int, a []any) []any {
		r := rows[i]
		return append(a, first+int64(i), r.CaseNo, r.Cause, r.Charges, r.Court, r.CourtLevel, db.dateArg(r.Decided), r.Parts, r.Lengths, r.Body, r.Source, seg, when)
	}); err != nil {
		return err
	}
	type art struct {
		id  int64
		seq int
		a   ArticleRow
	}
	var arts []art
	for i, r := range rows {
		for k, a := range r.Articles {
			arts = append(arts, art{first + int64(i), k + 1, a})
		}
	}
	return db.insertMany(ctx, tx, "judgment_articles", []string{"judgment_id", "seq", "law", "article", "sub", "clause", "item"}, len(arts), func(i int, a []any) []any {
		x := arts[i]
		return append(a, x.id, x.seq, x.a.Law, x.a.Article, x.a.Sub, x.a.Clause, x.a.Item)
	})
}

func (db *DB) insertPostings(ctx context.Context, tx *sql.Tx, seg int64, ps []PostingRow) error {
	return db.insertMany(ctx, tx, "judgment_postings", []string{"segment_id", "term", "postings"}, len(ps), func(i int, a []any) []any {
		return append(a, seg, ps[i].Term, ps[i].Postings)
	})
}

// insertMany writes n rows with multi-row INSERT statements.
func (db *DB) insertMany(ctx context.Context, tx *sql.Tx, table string, cols []string, n int, row rowFunc) error {
	per := min(maxRows, maxParams/len(cols))
	var args []any
	stmts := map[int]*sql.Stmt{}
	defer func() {
		for _, st := range stmts {
			st.Close()
		}
	}()
	for lo := 0; lo < n; lo += per {
		hi := min(lo+per, n)
		args = args[:0]
		for i := lo; i < hi; i++ {
			args = row(i, args)
		}
		st := stmts[hi-lo]
		if st == nil {
			var err error
			if st, err = tx.PrepareContext(ctx, db.rebind(insertSQL(table, cols, hi-lo, ""))); err != nil {
				return err
			}
			stmts[hi-lo] = st
		}
		if _, err := st.ExecContext(ctx, args...); err != nil {
			return err
		}
	}
	return nil
}

// JudgmentMetas calls fn for each judgment with an id above after, in id
// order, without its text but with its articles.
func (db *DB) JudgmentMetas(ctx context.Context, after int64, fn func(JudgmentRow) error) (err error) {
	defer wrap(&err, "读取裁判文书")
	arts := map[int64][]ArticleRow{}
	rows, err := db.db.QueryContext(ctx, db.rebind("SELECT judgment_id, law, article, sub, clause, item FROM judgment_articles WHERE judgment_id > ? ORDER BY judgment_id, seq"), after)
	if err != nil {
		return err
	}
	for rows.Next() {
		var id int64
		var a ArticleRow
		if err := rows.Scan(&id, &a.Law, &a.Article, &a.Sub, &a.Clause, &a.Item); err != nil {
			rows.Close()
			return err
		}
		arts[id] = append(arts[id], a)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	rows, err = db.db.QueryContext(ctx, db.rebind(`SELECT id, case_no, cause, charges, court, court_level, `+db.dateCol("decided")+`, parts, lengths, source
FROM judgments WHERE id > ? ORDER BY id`), after)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var r JudgmentRow
		var decided any
		if err := rows.Scan(&r.ID, &r.CaseNo, &r.Cause, &r.Charges, &r.Court, &r.CourtLevel, &decided, &r.Parts, &r.Lengths, &r.Source); err != nil {
			return err
		}
		if r.Decided, err = dateOf(decided); err != nil {
			return err
		}
		r.Articles = arts[r.ID]
		if err := fn(r); err != nil {
			return err
		}
	}
	return rows.Err()
}

// JudgmentArticles returns the articles a judgment cites, in order.
func (db *DB) JudgmentArticles(ctx context.Context, id int64) (out []ArticleRow, err error) {
	defer wrap(&err, "读取裁判文书")
	rows, err := db.db.QueryContext(ctx, db.rebind("SELECT law, article, sub, clause, item FROM judgment_articles WHERE judgment_id = ? ORDER BY seq"), id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var a ArticleRow
		if err := rows.Scan(&a.Law, &a.Article, &a.Sub, &a.Clause, &a.Item); err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// JudgmentSegments calls fn for each index segment above after, in order,
// with a function that reads the segment's postings.
func (db *DB) JudgmentSegments(ctx context.Context, after int64, fn func(seg int64, postings func(func(term string, data []byte) error) error) error) (err error) {
	defer wrap(&err, "读取类案索引")
	var segs []int64
	rows, err := db.db.QueryContext(ctx, db.rebind("SELECT id FROM judgment_segments WHERE id > ? ORDER BY id"), after)
	if err != nil {
		return err
	}
	for rows.Next() {
		var s int64
		if err := rows.Scan(&s); err != nil {
			rows.Close()
			return err
		}
		segs = append(segs, s)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, s := range segs {
		read := func(each func(term string, data []byte) error) error {
			rows, err := db.db.QueryContext(ctx, db.rebind("SELECT term, postings FROM judgment_postings WHERE segment_id = ?"), s)
			if err != nil {
				return err
			}
			defer rows.Close()
			for rows.Next() {
				var t string
				var b []byte
				if err := rows.Scan(&t, &b); err != nil {
					return err
				}
				if err := each(t, b); err != nil {
					return err
				}
			}
			return rows.Err()
		}
		if err := fn(s, read); err != nil {
			return err
		}
	}
	return nil
}

// JudgmentGeneration is the newest index segment (0 when none): a process
// whose index has loaded it is up to date.
func (db *DB) JudgmentGeneration(ctx context.Context) (seg int64, err error) {
	defer wrap(&err, "读取类案索引")
	err = db.db.QueryRowContext(ctx, "SELECT COALESCE(MAX(id), 0) FROM judgment_segments").Scan(&seg)
	return seg, err
}

// JudgmentTexts returns the judgments with the ids, with their text (no
// articles), by id; ids not stored are left out.
func (db *DB) JudgmentTexts(ctx context.Context, ids []int64) (out map[int64]JudgmentRow, err error) {
	defer wrap(&err, "读取裁判文书")
	out = map[int64]JudgmentRow{}
	for lo := 0; lo < len(ids); lo += 500 {
		hi := min(lo+500, len(ids))
		args := make([]any, hi-lo)
		for i := range args {
			args[i] = ids[lo+i]
		}
		if err := db.readJudgments(ctx, "id IN (?"+strings.Repeat(", ?", hi-lo-1)+")", args, func(r JudgmentRow) { out[r.ID] = r }); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// JudgmentByCaseNo returns the judgment of the 案号 with its text; an
// error of kind NotFound when none is stored.
func (db *DB) JudgmentByCaseNo(ctx context.Context, caseNo string) (r JudgmentRow, err error) {
	defer wrap(&err, "读取裁判文书")
	found := false
	if err := db.readJudgments(ctx, "case_no = ?", []any{caseNo}, func(x JudgmentRow) { r, found = x, true }); err != nil {
		return r, err
	}
	if !found {
		return r, errNotFound("案号的裁判文书", caseNo)
	}
	return r, nil
}

func (db *DB) readJudgments(ctx context.Context, where string, args []any, fn func(JudgmentRow)) error {
	rows, err := db.db.QueryContext(ctx, db.rebind(`SELECT id, case_no, cause, charges, court, court_level, `+db.dateCol("decided")+`, parts, lengths, body, source
FROM judgments WHERE `+where), args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var r JudgmentRow
		var decided any
		if err := rows.Scan(&r.ID, &r.CaseNo, &r.Cause, &r.Charges, &r.Court, &r.CourtLevel, &decided, &r.Parts, &r.Lengths, &r.Body, &r.Source); err != nil {
			return err
		}
		if r.Decided, err = dateOf(decided); err != nil {
			return err
		}
		fn(r)
	}
	return rows.Err()
}

// JudgmentStats are the corpus's size: judgments, index segments, posting
// rows, the bytes of the encoded postings and terms, the bytes of the
// texts, and the index's size on disk (the postings and segments tables
// with their keys; the encoded size when the database cannot tell).
type JudgmentStats struct {
	Judgments, Segments, PostingRows, PostingBytes, TextBytes, IndexDiskBytes int64
}

// JudgmentStats counts the corpus and its index.
func (db *DB) JudgmentStats(ctx context.Context) (s JudgmentStats, err error) {
	defer wrap(&err, "统计类案库")
	bytes := "LENGTH(CAST(%s AS BLOB))" // SQLite's LENGTH of text counts characters
	if db.pg() {
		bytes = "OCTET_LENGTH(%s)"
	}
	if err = db.db.QueryRowContext(ctx, "SELECT COUNT(*), COALESCE(SUM("+fmt.Sprintf(bytes, "body")+"), 0) FROM judgments").Scan(&s.Judgments, &s.TextBytes); err != nil {
		return s, err
	}
	if err = db.db.QueryRowContext(ctx, "SELECT COUNT(*) FROM judgment_segments").Scan(&s.Segments); err != nil {
		return s, err
	}
	err = db.db.QueryRowContext(ctx, "SELECT COUNT(*), COALESCE(SUM("+fmt.Sprintf(bytes, "postings")+"), 0) + COALESCE(SUM("+fmt.Sprintf(bytes, "term")+"), 0) FROM judgment_postings").Scan(&s.PostingRows, &s.PostingBytes)
	if err != nil {
		return s, err
	}
	s.IndexDiskBytes = s.PostingBytes
	q := "SELECT COALESCE(SUM(pgsize), 0) FROM dbstat WHERE name IN ('judgment_postings', 'sqlite_autoindex_judgment_postings_1', 'judgment_segments')"
	if db.pg() {
		q = "SELECT pg_total_relation_size('judgment_postings') + pg_total_relation_size('judgment_segments')"
	}
	var n int64
	if err := db.db.QueryRowContext(ctx, q).Scan(&n); err == nil && n > 0 {
		s.IndexDiskBytes = n
	}
	return s, nil
}
