package store

import (
	"database/sql/driver"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
)

// Bulk writes inside an import's transaction: multi-row INSERT statements in
// both dialects, and COPY in PostgreSQL for rows that are all new.

// maxParams bounds the parameters of one statement (SQLite allows 32766,
// PostgreSQL 65535); maxRows the rows.
const (
	maxParams = 30000
	maxRows   = 500
)

// rowFunc appends the values of row i to args and returns it.
type rowFunc func(i int, args []any) []any

// insertRows writes n rows into table with multi-row INSERT statements, each
// followed by tail (an ON CONFLICT clause, say).
func (im *Import) insertRows(table string, cols []string, n int, tail string, row rowFunc) error {
	per := min(maxRows, maxParams/len(cols))
	for lo := 0; lo < n; lo += per {
		hi := min(lo+per, n)
		args := im.scratch[:0]
		for i := lo; i < hi; i++ {
			args = row(i, args)
		}
		im.scratch = args
		q := im.db.rebind(insertSQL(table, cols, hi-lo, tail))
		var err error
		if hi-lo == per {
			err = im.execPrepared(q, args)
		} else {
			_, err = im.tx.ExecContext(im.ctx, q, args...)
		}
		clear(args)
		if err != nil {
			return err
		}
	}
	return nil
}

// execPrepared runs q, prepared once per import. In SQLite it goes to the
// driver's statement directly: database/sql's checks and conversions of
// every argument cost more than the values need.
func (im *Import) execPrepared(q string, args []any) error {
	if !im.db.pg() {
		return im.execRaw(q, args)
	}
	st := im.stmts[q]
	if st == nil {
		var err error
		if st, err = im.tx.PrepareContext(im.ctx, q); err != nil {
			return err
		}
		im.stmts[q] = st
	}
	_, err := st.ExecContext(im.ctx, args...)
	return err
}

// insertSQL is INSERT INTO table (cols) VALUES (?, ...), ... for n rows.
func insertSQL(table string, cols []string, n int, tail string) string {
	var b strings.Builder
	one := "(" + placeholders(len(cols)) + ")"
	b.Grow(len(table) + 16*len(cols) + n*(len(one)+2) + len(tail) + 32)
	b.WriteString("INSERT INTO ")
	b.WriteString(table)
	b.WriteString(" (")
	b.WriteString(strings.Join(cols, ", "))
	b.WriteString(") VALUES ")
	for i := range n {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(one)
	}
	if tail != "" {
		b.WriteString(" ")
		b.WriteString(tail)
	}
	return b.String()
}

// copyRows writes n new rows into table: COPY in PostgreSQL, multi-row
// INSERT statements in SQLite.
func (im *Import) copyRows(table string, cols []string, n int, row rowFunc) error {
	if n == 0 {
		return nil
	}
	if !im.db.pg() {
		return im.insertRows(table, cols, n, "", row)
	}
	return im.conn.Raw(func(dc any) error {
		c := dc.(*stdlib.Conn).Conn()
		args := make([]any, 0, len(cols))
		_, err := c.CopyFrom(im.ctx, pgx.Identifier{table}, cols, pgx.CopyFromSlice(n, func(i int) ([]any, error) {
			return row(i, args[:0]), nil
		}))
		return err
	})
}

// upsertTail is the ON CONFLICT clause that overwrites every column of cols
// but the key columns.
func upsertTail(key string, cols []string) string {
	var b strings.Builder
	b.WriteString("ON CONFLICT (" + key + ") DO UPDATE SET ")
	first := true
	for _, c := range cols {
		if strings.Contains(", "+key+",", ", "+c+",") || c == "id" {
			continue
		}
		if !first {
			b.WriteString(", ")
		}
		first = false
		b.WriteString(c + " = excluded." + c)
	}
	return b.String()
}

// deleteIDs deletes the rows of table whose column col is one of ids.
func (im *Import) deleteIDs(table, col string, ids []int64) error {
	const chunk = 500
	for lo := 0; lo < len(ids); lo += chunk {
		hi := min(lo+chunk, len(ids))
		args := im.scratch[:0]
		for _, id := range ids[lo:hi] {
			args = append(args, id)
		}
		im.scratch = args
		q := "DELETE FROM " + table + " WHERE " + col + " IN (" + placeholders(hi-lo) + ")"
		if _, err := im.tx.ExecContext(im.ctx, im.db.rebind(q), args...); err != nil {
			return err
		}
	}
	return nil
}

// rawStmt is a statement prepared on the import's driver connection.
type rawStmt struct {
	st   driver.Stmt
	args []driver.NamedValue
}

// execRaw runs q with args on the driver connection of the import.
func (im *Import) execRaw(q string, args []any) error {
	return im.conn.Raw(func(dc any) error {
		rs := im.raw[q]
		if rs == nil {
			prep, ok := dc.(driver.ConnPrepareContext)
			if !ok {
				return fmt.Errorf("driver %T cannot prepare", dc)
			}
			st, err := prep.PrepareContext(im.ctx, q)
			if err != nil {
				return err
			}
			rs = &rawStmt{st: st}
			im.raw[q] = rs
		}
		exec, ok := rs.st.(driver.StmtExecContext)
		if !ok {
			return fmt.Errorf("driver statement %T cannot execute", rs.st)
		}
		nv := rs.args[:0]
		for i, a := range args {
			nv = append(nv, driver.NamedValue{Ordinal: i + 1, Value: a})
		}
		rs.args = nv
		_, err := exec.ExecContext(im.ctx, nv)
		clear(nv)
		return err
	})
}

// closeRaw closes the statements execRaw prepared.
func (im *Import) closeRaw() {
	if len(im.raw) == 0 {
		return
	}
	im.conn.Raw(func(any) error {
		for _, rs := range im.raw {
			rs.st.Close()
		}
		return nil
	})
	clear(im.raw)
}
