// Package duckdb runs the indicator query of internal/store (IndicatorQuery)
// in an in-process DuckDB, as a baseline for the engine's benchmark. It is a
// module of its own because DuckDB needs cgo and the product is built
// without it. The data come from a PostgreSQL database of the store: every
// table the query reads is copied out as CSV and read into DuckDB with the
// same column types.
package duckdb

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	_ "github.com/duckdb/duckdb-go/v2" // registers the "duckdb" driver
	"github.com/jackc/pgx/v5"
)

// Tables are the tables the indicator query reads.
var Tables = []string{"courts", "departments", "people", "cases", "case_panel", "fund_receipts", "mediations"}

// duckType maps a PostgreSQL column type to DuckDB's.
var duckType = map[string]string{
	"bigint": "BIGINT", "integer": "INTEGER", "text": "VARCHAR", "date": "DATE", "boolean": "BOOLEAN",
}

// Load opens an in-memory DuckDB and copies the Tables of the PostgreSQL
// database at pgDSN into it, through CSV files in dir.
func Load(ctx context.Context, pgDSN, dir string) (*sql.DB, error) {
	pg, err := pgx.Connect(ctx, pgDSN)
	if err != nil {
		return nil, err
	}
	defer pg.Close(ctx)
	db, err := sql.Open("duckdb", "")
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(1) // one in-memory database, one connection
	for _, t := range Tables {
		if err := copyTable(ctx, pg, db, t, dir); err != nil {
			db.Close()
			return nil, fmt.Errorf("copy %s: %w", t, err)
		}
	}
	return db, nil
}

// copyTable writes table t of pg to dir/t.csv and creates it in db.
func copyTable(ctx context.Context, pg *pgx.Conn, db *sql.DB, t, dir string) error {
	cols, err := columns(ctx, pg, t)
	if err != nil {
		return err
	}
	path := filepath.Join(dir, t+".csv")
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	names := make([]string, len(cols))
	types := make([]string, len(cols))
	for i, c := range cols {
		names[i] = c[0]
		types[i] = fmt.Sprintf("'%s': '%s'", c[0], c[1])
	}
	_, err = pg.PgConn().CopyTo(ctx, f, fmt.Sprintf("COPY (SELECT %s FROM %s) TO STDOUT WITH (FORMAT csv, HEADER true)",
		strings.Join(names, ", "), t))
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	_, err = db.ExecContext(ctx, fmt.Sprintf("CREATE TABLE %s AS SELECT * FROM read_csv('%s', header = true, columns = {%s})",
		t, path, strings.Join(types, ", ")))
	return err
}

// columns lists the name and DuckDB type of every column of table t.
func columns(ctx context.Context, pg *pgx.Conn, t string) ([][2]string, error) {
	rows, err := pg.Query(ctx, `SELECT column_name, data_type FROM information_schema.columns
		WHERE table_name = $1 AND table_schema = current_schema() ORDER BY ordinal_position`, t)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out [][2]string
	for rows.Next() {
		var name, typ string
		if err := rows.Scan(&name, &typ); err != nil {
			return nil, err
		}
		d, ok := duckType[typ]
		if !ok {
			return nil, fmt.Errorf("column %s.%s: type %s has no DuckDB mapping", t, name, typ)
		}
		out = append(out, [2]string{name, d})
	}
	if len(out) == 0 && rows.Err() == nil {
		return nil, fmt.Errorf("table %s not found", t)
	}
	return out, rows.Err()
}
