package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"runtime"
	"sync"

	"github.com/zhixiao/zhixiao/internal/court"
)

// ScanCases reads the cases in chunks of consecutive ids (DB.scanChunk), with up to
// scanWorkers goroutines, each on its own connection and read transaction,
// all on one snapshot: PostgreSQL shares it with pg_export_snapshot; SQLite
// checks that every transaction sees the same last import run (cases change
// only in imports). The caller's goroutine calls fn in id order.

// defaultScanChunk is the number of ids a worker reads at a time.
const defaultScanChunk = 16384

// scanWorkers bounds the goroutines that read and decode cases.
const scanWorkers = 4

// ScanCases calls fn for every case, in id order, with its court,
// department, judge and panel named. Each call gets a fresh *court.Case
// (allocated in blocks), which fn may keep. An error of fn stops the scan
// and is returned.
func (db *DB) ScanCases(ctx context.Context, fn func(*court.Case) error) (err error) {
	defer wrap(&err, "读取案件")
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	lead, err := db.beginSnapshot(ctx)
	if err != nil {
		return err
	}
	workers := []*snapshotConn{lead}
	defer func() {
		for _, w := range workers {
			w.close()
		}
	}()
	dir, err := db.loadDirectory(ctx, lead.tx)
	if err != nil {
		return err
	}
	var lo, hi int64
	if err := lead.tx.QueryRowContext(ctx, "SELECT COALESCE(MIN(id), 1), COALESCE(MAX(id), 0) FROM cases").Scan(&lo, &hi); err != nil {
		return err
	}
	chunk := db.scanChunk
	chunks := int((hi - lo + chunk) / chunk)
	for len(workers) < min(scanWorkers, runtime.GOMAXPROCS(0), chunks) {
		w, err := db.joinSnapshot(ctx, lead)
		if err != nil || w == nil {
			break // fewer workers
		}
		workers = append(workers, w)
	}
	results := make([]chan scanResult, len(workers))
	var wg sync.WaitGroup
	for i, w := range workers {
		results[i] = make(chan scanResult, 1)
		wg.Add(1)
		go func() {
			defer wg.Done()
			w.scanChunks(ctx, db, dir, lo, chunk, i, len(workers), chunks, results[i])
		}()
	}
	err = deliver(ctx, results, chunks, fn)
	cancel()
	wg.Wait()
	return err
}

// deliver calls fn for the cases of every chunk, in order.
func deliver(ctx context.Context, results []chan scanResult, chunks int, fn func(*court.Case) error) error {
	for k := range chunks {
		var res scanResult
		select {
		case res = <-results[k%len(results)]:
		case <-ctx.Done():
			return ctx.Err()
		}
		if res.err != nil {
			return res.err
		}
		for i := range res.cases {
			if err := fn(&res.cases[i]); err != nil {
				return err
			}
		}
	}
	return nil
}

// scanResult is one chunk of cases, or the error that stopped a worker.
type scanResult struct {
	cases []court.Case
	err   error
}

// snapshotConn is a connection with a read-only transaction.
type snapshotConn struct {
	conn     *sql.Conn
	tx       *sql.Tx
	marker   int64  // SQLite: the last import run the transaction sees
	snapshot string // PostgreSQL: the exported snapshot
}

// beginSnapshot starts the read transaction the others join.
func (db *DB) beginSnapshot(ctx context.Context) (*snapshotConn, error) {
	s, err := db.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	if db.pg() {
		err = s.tx.QueryRowContext(ctx, "SELECT pg_export_snapshot()").Scan(&s.snapshot)
	} else {
		err = s.tx.QueryRowContext(ctx, "SELECT COALESCE(MAX(id), 0) FROM import_runs").Scan(&s.marker)
	}
	if err != nil {
		s.close()
		return nil, err
	}
	return s, nil
}

// joinSnapshot starts a read transaction on lead's snapshot; nil when
// SQLite's transaction would see another one.
func (db *DB) joinSnapshot(ctx context.Context, lead *snapshotConn) (*snapshotConn, error) {
	s, err := db.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	if db.pg() {
		_, err = s.tx.ExecContext(ctx, "SET TRANSACTION SNAPSHOT '"+lead.snapshot+"'")
	} else {
		err = s.tx.QueryRowContext(ctx, "SELECT COALESCE(MAX(id), 0) FROM import_runs").Scan(&s.marker)
	}
	if err == nil && s.marker != lead.marker {
		err = errors.New("another snapshot")
	}
	if err != nil {
		s.close()
		return nil, nil
	}
	return s, nil
}

func (db *DB) beginRead(ctx context.Context) (*snapshotConn, error) {
	conn, err := db.db.Conn(ctx)
	if err != nil {
		return nil, err
	}
	opts := &sql.TxOptions{ReadOnly: true}
	if db.pg() {
		opts.Isolation = sql.LevelRepeatableRead
	}
	tx, err := conn.BeginTx(ctx, opts)
	if err != nil {
		conn.Close()
		return nil, err
	}
	return &snapshotConn{conn: conn, tx: tx}, nil
}

func (s *snapshotConn) close() {
	s.tx.Rollback()
	s.conn.Close()
}

// scanChunks reads chunks first, first+step ... of the ids from lo, and
// sends them to out until done or ctx ends.
func (s *snapshotConn) scanChunks(ctx context.Context, db *DB, dir *directory, lo, chunk int64, first, step, chunks int, out chan<- scanResult) {
	casesQ := "SELECT " + db.caseColumns() + " FROM cases c WHERE c.id BETWEEN $1 AND $2 ORDER BY c.id"
	panelQ := "SELECT case_id, person_id FROM case_panel WHERE case_id BETWEEN $1 AND $2 ORDER BY case_id, ord"
	if !db.pg() {
		casesQ = "SELECT " + db.caseColumns() + " FROM cases c WHERE c.id BETWEEN ?1 AND ?2 ORDER BY c.id"
		panelQ = "SELECT case_id, person_id FROM case_panel WHERE case_id BETWEEN ?1 AND ?2 ORDER BY case_id, ord"
	}
	sc := &chunkScanner{dir: dir, dec: newCaseDecoder(), casesQ: casesQ, panelQ: panelQ}
	err := s.conn.Raw(func(dc any) error {
		q, ok := dc.(driver.QueryerContext)
		if !ok {
			return fmt.Errorf("driver %T cannot query", dc)
		}
		for k := first; k < chunks; k += step {
			a := lo + int64(k)*chunk
			cases, err := sc.chunk(ctx, q, a, a+chunk-1)
			select {
			case out <- scanResult{cases: cases, err: err}:
			case <-ctx.Done():
				return ctx.Err()
			}
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		select {
		case out <- scanResult{err: err}:
		default:
		}
	}
}

// chunkScanner reads chunks of cases through the driver, without
// database/sql's per-value conversions.
type chunkScanner struct {
	dir            *directory
	dec            *caseDecoder
	casesQ, panelQ string
	panel          []panelMember
	ids            []int64
	vals           []driver.Value
}

type panelMember struct{ caseID, person int64 }

// chunk reads the cases with ids from a to b.
func (sc *chunkScanner) chunk(ctx context.Context, q driver.QueryerContext, a, b int64) ([]court.Case, error) {
	args := []driver.NamedValue{{Ordinal: 1, Value: a}, {Ordinal: 2, Value: b}}
	if err := sc.readPanel(ctx, q, args); err != nil {
		return nil, err
	}
	rows, err := q.QueryContext(ctx, sc.casesQ, args)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	if cap(sc.vals) < caseColumnCount {
		sc.vals = make([]driver.Value, caseColumnCount)
	}
	vals := sc.vals[:caseColumnCount]
	cases := make([]court.Case, 0, b-a+1)
	names := make([]string, 0, len(sc.panel))
	p := 0
	var r caseRow
	for {
		if err := rows.Next(vals); err == io.EOF {
			break
		} else if err != nil {
			return nil, err
		}
		if err := sc.dec.decode(vals, &r); err != nil {
			return nil, err
		}
		for p < len(sc.panel) && sc.panel[p].caseID < r.id {
			p++
		}
		ids := sc.ids[:0]
		for ; p < len(sc.panel) && sc.panel[p].caseID == r.id; p++ {
			ids = append(ids, sc.panel[p].person)
		}
		sc.ids, r.panel = ids, ids
		cases = append(cases, court.Case{})
		toCase(sc.dir, &r, &cases[len(cases)-1], &names)
	}
	return cases, nil
}

// readPanel reads the panel members of the chunk's cases, in order.
func (sc *chunkScanner) readPanel(ctx context.Context, q driver.QueryerContext, args []driver.NamedValue) error {
	rows, err := q.QueryContext(ctx, sc.panelQ, args)
	if err != nil {
		return err
	}
	defer rows.Close()
	sc.panel = sc.panel[:0]
	vals := make([]driver.Value, 2)
	for {
		if err := rows.Next(vals); err == io.EOF {
			return nil
		} else if err != nil {
			return err
		}
		caseID, err := intOf(vals[0], 0)
		if err != nil {
			return err
		}
		person, err := intOf(vals[1], 0)
		if err != nil {
			return err
		}
		sc.panel = append(sc.panel, panelMember{caseID, person})
	}
}
