package duckdb

import (
	"database/sql"
	"testing"

	_ "github.com/duckdb/duckdb-go/v2"
)

func TestProbe(t *testing.T) {
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	var d int64
	var m float64
	if err := db.QueryRow("SELECT DATE '2025-03-01' - DATE '2025-02-01', (SELECT quantile_cont(x, 0.5) FILTER (WHERE x > 0) FROM (VALUES (1),(2),(3),(10)) t(x))").Scan(&d, &m); err != nil {
		t.Fatal(err)
	}
	t.Log(d, m)
}
