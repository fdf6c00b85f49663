package store

import (
	"context"
	"database/sql"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zhixiao/zhixiao/internal/auth"
)

// TestPersonScopePlan: a judge's case list must not run a subquery per case
// (on the 150,000-case demo the correlated EXISTS took minutes).
func TestPersonScopePlan(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(t.TempDir(), "plan.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	scope, err := auth.NewScope(auth.User{Login: "fg", Role: auth.RoleJudge, CourtID: 1, PersonID: 6}, []auth.CourtLink{{ID: 1}})
	if err != nil {
		t.Fatal(err)
	}
	f := CaseFilter{Scope: scope}
	where, args := f.where()
	var plan []string
	err = webEach(ctx, db.db, "EXPLAIN QUERY PLAN "+db.summarySelect()+where+" ORDER BY c.filed_on, c.id", args, func(rows *sql.Rows) error {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			return err
		}
		plan = append(plan, detail)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if p := strings.Join(plan, "\n"); strings.Contains(p, "CORRELATED") || strings.Contains(p, "SCAN c") {
		t.Errorf("a judge's case list scans the cases:\n%s", p)
	}
}
