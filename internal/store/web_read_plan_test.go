package store

import (
	"context"
	"database/sql"
	"fmt"
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
	if p := queryPlan(t, db, db.summarySelect()+where+" ORDER BY c.filed_on, c.id", args); strings.Contains(p, "CORRELATED") || strings.Contains(p, "SCAN c") {
		t.Errorf("a judge's case list scans the cases:\n%s", p)
	}
}

// TestCaseNosPlan: a drill-down's chunk of 案号 is looked up by 案号, not by
// reading the scope's every case (seconds for a court's year on the demo).
func TestCaseNosPlan(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(t.TempDir(), "plan.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	nos := make([]string, 500)
	for i := range nos {
		nos[i] = fmt.Sprintf("（2025）示01民初%d号", i+1)
	}
	users := []auth.User{
		{Login: "yz", Role: auth.RolePresident, CourtID: 1},
		{Login: "tz", Role: auth.RoleChief, CourtID: 1, DepartmentID: 2},
		{Login: "fg", Role: auth.RoleJudge, CourtID: 1, PersonID: 6},
	}
	for _, u := range users {
		scope, err := auth.NewScope(u, []auth.CourtLink{{ID: 1}, {ID: 2, Parent: 1}, {ID: 3, Parent: 1}})
		if err != nil {
			t.Fatal(err)
		}
		f := CaseFilter{Scope: scope, Nos: nos}
		where, args := f.where()
		args = append(args, webStrings(nos)...)
		q := db.summarySelect() + where + " AND c.case_no IN (" + placeholders(len(nos)) + ")"
		if p := queryPlan(t, db, q, args); !strings.Contains(p, "SEARCH c USING INDEX cases_case_no") {
			t.Errorf("%s: the 案号 are not looked up:\n%s", u.Login, p)
		}
	}
}

func queryPlan(t *testing.T, db *DB, q string, args []any) string {
	t.Helper()
	var plan []string
	err := webEach(context.Background(), db.db, "EXPLAIN QUERY PLAN "+q, args, func(rows *sql.Rows) error {
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
	return strings.Join(plan, "\n")
}
