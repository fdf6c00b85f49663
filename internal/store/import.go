package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"github.com/zhixiao/zhixiao/internal/court"
)

// ImportMeta describes one import run: what kind of data, from which file
// (name and SHA-256 of its bytes), who ran it and when it started.
type ImportMeta struct {
	Kind, FileName, SHA256, Actor string
	Started                       time.Time
}

// Counts are the rows of an import: read from the file, and of those
// inserted, updated, unchanged or rejected.
type Counts struct {
	Read, Inserted, Updated, Unchanged, Rejected int
}

// ImportRun is one row of the import log.
type ImportRun struct {
	ID                            int64
	Kind, FileName, SHA256, Actor string
	Started, Finished             time.Time
	Counts
	Result string // 成功 or 部分导入
}

// The results of an import run.
const (
	ResultSuccess = "成功"
	ResultPartial = "部分导入"
)

// The record kinds an import counts separately.
const (
	kindCourts = iota
	kindPeople
	kindCases
	kindFunds
	kindMediations
	kindParties
	kindCount
)

// The SQLite page cache of an import's connection and of the others, in KiB
// (negative numbers, as PRAGMA cache_size takes them).
const (
	importCacheSize  = "-131072"
	defaultCacheSize = "-32768"
)

// caseBatch and rowBatch are the numbers of records an import holds before
// it writes them.
const (
	caseBatch = 4096
	rowBatch  = 2048
)

// Import is one import run: a single transaction that either commits all its
// records with its import_runs row, or leaves the database as it was. Its
// Add methods resolve names against an in-memory directory and return
// row-level problems (kind Invalid) at once; writes are batched. After an
// error of another kind the import is broken: every later call returns that
// error and Commit rolls back. An Import is not safe for concurrent use.
type Import struct {
	db   *DB
	ctx  context.Context
	conn *sql.Conn
	tx   *sql.Tx
	id   int64 // import_runs.id
	meta ImportMeta
	dir  *directory
	err  error // sticky: the error that broke the import
	done bool

	added  [kindCount]int
	counts [kindCount]Counts

	stmts map[string]*sql.Stmt // prepared multi-row statements by text
	raw   map[string]*rawStmt  // the same on the driver connection (SQLite)

	cur       *caseBuf   // the batch being added to
	spare     *caseBuf   // the batch being written, then the next one
	writing   chan error // the writing goroutine's result; nil when none runs
	lastID    int64      // highest cases.id so far
	fresh     bool       // the cases table was empty at the start: no lookups
	dropped   []indexDef // indexes to build again before committing
	changeBuf []caseChange

	funds   []fundRow
	fundOcc map[fundKey]int
	meds    []medRow
	medIdx  map[string]int
	parties partyBuf
	scratch []any
}

// BeginImport starts an import run. In SQLite it takes the database's write
// lock, in PostgreSQL a lock that lets one import run at a time; readers are
// not blocked. The caller must end it with Commit or Rollback.
func (db *DB) BeginImport(ctx context.Context, meta ImportMeta) (im *Import, err error) {
	defer wrap(&err, "开始导入")
	if meta.Started.IsZero() {
		meta.Started = time.Now()
	}
	conn, err := db.db.Conn(ctx)
	if err != nil {
		return nil, err
	}
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		conn.Close()
		if strings.Contains(err.Error(), "SQLITE_BUSY") || strings.Contains(err.Error(), "database is locked") {
			return nil, &court.Error{Kind: court.Conflict, Message: "数据库正忙：另一个导入正在进行，请稍后再试", Err: err}
		}
		return nil, err
	}
	im = &Import{db: db, ctx: ctx, conn: conn, tx: tx, meta: meta, stmts: map[string]*sql.Stmt{}, raw: map[string]*rawStmt{},
		cur: newCaseBuf(), spare: newCaseBuf(), fundOcc: map[fundKey]int{}, medIdx: map[string]int{}}
	if err := im.start(); err != nil {
		im.close(false)
		return nil, err
	}
	return im, nil
}

// start locks, loads the directory and writes the import_runs row, which
// Commit completes: cases and changes refer to it.
func (im *Import) start() error {
	db, ctx := im.db, im.ctx
	if db.pg() {
		if _, err := im.tx.ExecContext(ctx, "LOCK TABLE cases IN SHARE ROW EXCLUSIVE MODE"); err != nil {
			return err
		}
	}
	if !db.pg() {
		// A bigger page cache for the bulk writes and the index builds;
		// close puts back the connection's default.
		if _, err := im.tx.ExecContext(ctx, "PRAGMA cache_size = "+importCacheSize); err != nil {
			return err
		}
		// Index builds sort with helper threads: both cores work at the end.
		if _, err := im.tx.ExecContext(ctx, "PRAGMA threads = 2"); err != nil {
			return err
		}
	}
	dir, err := db.loadDirectory(ctx, im.tx)
	if err != nil {
		return err
	}
	im.dir = dir
	if err := im.tx.QueryRowContext(ctx, "SELECT COALESCE(MAX(id), 0) FROM cases").Scan(&im.lastID); err != nil {
		return err
	}
	im.fresh = im.lastID == 0
	m := im.meta
	return im.tx.QueryRowContext(ctx, db.rebind(`INSERT INTO import_runs
    (kind, file_name, sha256, actor, started_at, finished_at, rows_read, inserted, updated, unchanged, rejected, result)
    VALUES (?, ?, ?, ?, ?, '', 0, 0, 0, 0, 0, '')
    RETURNING id`), m.Kind, m.FileName, m.SHA256, m.Actor, m.Started.Format(time.RFC3339)).Scan(&im.id)
}

// ID is the import run's id (import_runs.id).
func (im *Import) ID() int64 { return im.id }

// usable returns the error that makes the import unusable, if any.
func (im *Import) usable() error {
	if im.done {
		return court.Errorf(court.Conflict, "导入已经结束")
	}
	return im.err
}

// fail records err as the error that broke the import and returns it.
func (im *Import) fail(err error) error {
	if err == nil {
		return nil
	}
	if im.err == nil {
		wrap(&err, "写入数据库")
		im.err = err
	}
	return im.err
}

// Commit writes what is still buffered and the import_runs row (result 成功,
// or 部分导入 when rejected > 0), commits, and returns the counts. Read is
// the records added plus rejected. When the import added records of several
// kinds, courts named only to place people (a people file's 法院) are not
// counted.
func (im *Import) Commit(rejected int) (Counts, error) {
	if err := im.usable(); err != nil {
		if !im.done {
			im.close(false)
		}
		return Counts{}, err
	}
	c, err := im.finish(rejected)
	if err != nil {
		im.fail(err)
		im.close(false)
		return Counts{}, im.err
	}
	if err := im.close(true); err != nil {
		return Counts{}, &court.Error{Kind: court.Internal, Message: "提交导入失败", Err: err}
	}
	return c, nil
}

// finish flushes the buffers and completes the import_runs row.
func (im *Import) finish(rejected int) (Counts, error) {
	if err := im.flushAll(); err != nil {
		return Counts{}, err
	}
	if err := im.restoreIndexes(); err != nil {
		return Counts{}, err
	}
	c := im.total()
	c.Rejected = rejected
	c.Read += rejected
	result := ResultSuccess
	if rejected > 0 {
		result = ResultPartial
	}
	_, err := im.tx.ExecContext(im.ctx, im.db.rebind(`UPDATE import_runs SET finished_at = ?, rows_read = ?,
    inserted = ?, updated = ?, unchanged = ?, rejected = ?, result = ? WHERE id = ?`),
		time.Now().Format(time.RFC3339), c.Read, c.Inserted, c.Updated, c.Unchanged, c.Rejected, result, im.id)
	if err != nil {
		return Counts{}, err
	}
	if im.db.pg() && im.lastID > 0 {
		// cases.id was assigned here, past the identity sequence.
		_, err = im.tx.ExecContext(im.ctx, "SELECT setval(pg_get_serial_sequence('cases', 'id'), (SELECT MAX(id) FROM cases))")
	}
	return c, err
}

// total adds up the counts of the kinds, leaving out courts when other
// kinds were added.
func (im *Import) total() Counts {
	var c Counts
	others := false
	for k := kindPeople; k < kindCount; k++ {
		others = others || im.added[k] > 0
	}
	for k := range kindCount {
		if k == kindCourts && others {
			continue
		}
		c.Read += im.added[k]
		c.Inserted += im.counts[k].Inserted
		c.Updated += im.counts[k].Updated
		c.Unchanged += im.counts[k].Unchanged
	}
	return c
}

// kindNames name the kinds for KindCounts.
var kindNames = [kindCount]string{"courts", "people", "cases", "funds", "mediations", "parties"}

// KindCounts returns, once the import is committed, the counts of each kind
// of record it added: "courts", "people", "cases", "funds", "mediations" and "parties"
// (Read is the records added; Rejected is not split by kind).
func (im *Import) KindCounts() map[string]Counts {
	out := make(map[string]Counts, kindCount)
	for k := range kindCount {
		c := im.counts[k]
		c.Read = im.added[k]
		out[kindNames[k]] = c
	}
	return out
}

// flushAll writes every buffer.
func (im *Import) flushAll() error {
	if err := im.wait(); err != nil {
		return err
	}
	if err := im.flushCases(); err != nil {
		return err
	}
	if err := im.flushFunds(); err != nil {
		return err
	}
	if err := im.flushMediations(); err != nil {
		return err
	}
	return im.flushParties()
}

// Rollback abandons the import: nothing it did remains, not even its
// import_runs row. It is a no-op after Commit or Rollback.
func (im *Import) Rollback() error {
	if im.done {
		return nil
	}
	return im.close(false)
}

// close commits or rolls back and releases the connection.
func (im *Import) close(commit bool) error {
	im.wait()
	im.done = true
	for _, s := range im.stmts {
		s.Close()
	}
	im.closeRaw()
	var err error
	if commit {
		err = im.tx.Commit()
	} else {
		err = im.tx.Rollback()
		if errors.Is(err, sql.ErrTxDone) {
			err = nil
		}
	}
	if !im.db.pg() {
		im.conn.ExecContext(context.Background(), "PRAGMA cache_size = "+defaultCacheSize)
	}
	if cerr := im.conn.Close(); err == nil {
		err = cerr
	}
	im.cur, im.spare, im.funds, im.meds, im.dir = nil, nil, nil, nil, nil
	im.parties = partyBuf{}
	return err
}
