package store_test

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"os"
	"testing"
	"time"

	_ "modernc.org/sqlite"

	"github.com/zhixiao/zhixiao/internal/store"
)

// TestZZScanProbe measures raw scan variants on an existing bench database.
func TestZZScanProbe(t *testing.T) {
	path := os.Getenv("ZZ_DB")
	if path == "" {
		t.Skip()
	}
	if _, err := os.Stat(path); err != nil {
		sdb, err := store.Open(context.Background(), path)
		if err != nil {
			t.Fatal(err)
		}
		importSynthetic(t, sdb, 300000)
		sdb.Close()
	}
	db, _ := sql.Open("sqlite", path+"?_pragma=journal_mode(WAL)&_pragma=cache_size(-65536)")
	for _, q := range []string{
		"SELECT c.id, c.year, c.court_code, c.type_code, c.seq, c.suffix, c.court_id, c.department_id, c.judge_id, c.filed_on, c.closed_on, c.close_method, c.cause, c.track, c.limit_days, c.extended_days, c.suspended_days, c.origin_no, c.appealed, c.hearings, c.claim_amount, c.exec_amount, c.exec_recovered, c.efile_on, c.efile_reads, (SELECT string_agg(CAST(p.person_id AS TEXT), ',' ORDER BY p.ord) FROM case_panel p WHERE p.case_id = c.id) FROM cases c ORDER BY c.id",
		"SELECT c.id, c.year, c.court_code, c.type_code, c.seq, c.suffix, c.court_id, c.department_id, c.judge_id, c.filed_on, c.closed_on, c.close_method, c.cause, c.track, c.limit_days, c.extended_days, c.suspended_days, c.origin_no, c.appealed, c.hearings, c.claim_amount, c.exec_amount, c.exec_recovered, c.efile_on, c.efile_reads, NULL FROM cases c ORDER BY c.id",
		"SELECT c.id FROM cases c ORDER BY c.id",
		"SELECT case_id, person_id FROM case_panel ORDER BY case_id, ord",
	} {
		for range 2 {
			start, cpu0 := time.Now(), cpuTime()
			rows, err := db.Query(q)
			if err != nil {
				t.Fatal(err)
			}
			cols, _ := rows.Columns()
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			n := 0
			for rows.Next() {
				rows.Scan(ptrs...)
				n++
			}
			rows.Close()
			t.Logf("%d rows wall %v cpu %v: %.60s", n, time.Since(start), cpuTime()-cpu0, q[max(0, len(q)-60):])
		}
	}
	q := "SELECT c.id, c.year, c.court_code, c.type_code, c.seq, c.suffix, c.court_id, c.department_id, c.judge_id, c.filed_on, c.closed_on, c.close_method, c.cause, c.track, c.limit_days, c.extended_days, c.suspended_days, c.origin_no, c.appealed, c.hearings, c.claim_amount, c.exec_amount, c.exec_recovered, c.efile_on, c.efile_reads FROM cases c ORDER BY c.id"
	for range 2 {
		conn, _ := db.Conn(context.Background())
		start, cpu0 := time.Now(), cpuTime()
		n := 0
		err := conn.Raw(func(dc any) error {
			rows, err := dc.(driver.QueryerContext).QueryContext(context.Background(), q, nil)
			if err != nil {
				return err
			}
			defer rows.Close()
			dest := make([]driver.Value, len(rows.Columns()))
			for rows.Next(dest) == nil {
				n++
			}
			return nil
		})
		conn.Close()
		t.Logf("driver: %d rows wall %v cpu %v %v", n, time.Since(start), cpuTime()-cpu0, err)
	}
}
