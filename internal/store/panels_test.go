package store_test

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/zhixiao/zhixiao/internal/assessment"
	"github.com/zhixiao/zhixiao/internal/auth"
	"github.com/zhixiao/zhixiao/internal/store"
	"github.com/zhixiao/zhixiao/internal/store/storetest"
	"github.com/zhixiao/zhixiao/internal/supervision"
)

// TestWarningsLimit: a dashboard's first n warnings (read colour by colour,
// migration 0011) are the first n of the whole list, gravest first, for
// the scopes of a court, a department and a 承办人.
func TestWarningsLimit(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		users := svFixture(t, db)
		if _, err := db.RunSupervision(ctx, svToday, svJob); err != nil {
			t.Fatal(err)
		}
		gravity := map[supervision.Colour]int{supervision.ColourRed: 0, supervision.ColourYellow: 1, supervision.ColourBlue: 2}
		for _, tc := range []struct {
			login string
			want  int
			unit  func(f *store.WarningFilter, u auth.User)
		}{
			{"yz", 4, func(f *store.WarningFilter, u auth.User) { f.Court = u.CourtID }},
			{"tz1", 2, func(f *store.WarningFilter, u auth.User) { f.Department = u.DepartmentID }},
			{"fg2", 2, func(f *store.WarningFilter, u auth.User) { f.Judge = u.PersonID }},
		} {
			u := users[tc.login]
			f := store.WarningFilter{Scope: svScope(t, u)}
			tc.unit(&f, u)
			all, err := db.Warnings(ctx, f)
			if err != nil || len(all) != tc.want {
				t.Fatalf("%s: %d warnings, want %d (%v)", tc.login, len(all), tc.want, err)
			}
			for i := 1; i < len(all); i++ {
				if gravity[all[i-1].Colour] > gravity[all[i].Colour] {
					t.Errorf("%s: warning %d (%s) before %d (%s)", tc.login, i-1, all[i-1].Colour, i, all[i].Colour)
				}
			}
			for n := 1; n <= len(all)+1; n++ {
				f.Limit = n
				got, err := db.Warnings(ctx, f)
				if err != nil {
					t.Fatal(err)
				}
				if d := cmp.Diff(all[:min(n, len(all))], got); d != "" {
					t.Errorf("%s, limit %d (-all +got):\n%s", tc.login, n, d)
				}
			}
		}
	})
}

// TestLatestAssessmentRuns: the dashboard's runs are the first of the
// court's list, with their counts of people.
func TestLatestAssessmentRuns(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		courtID, p := assessmentSetup(t, db)
		e := auth.AuditEntry{At: authT0, Actor: "zhengzhi", IP: "10.0.0.2"}
		s, err := db.SaveAssessmentScheme(ctx, assessment.DefaultSchemes(courtID)[0], e)
		if err != nil {
			t.Fatal(err)
		}
		p.Category = s.Category
		for _, m := range []string{"2025-01", "2025-03", "2025-02", "2025-03"} {
			month, _ := assessment.MonthPeriod(m)
			tb, err := assessment.Compute(assessment.Inputs{Scheme: s, Period: month, People: []assessment.Person{p}})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := db.SaveAssessmentScores(ctx, s, assessment.Run{Month: m}, tb, e); err != nil {
				t.Fatal(err)
			}
		}
		all, err := db.AssessmentRuns(ctx, courtID)
		if err != nil || len(all) != 4 || all[0].Month != "2025-03" || all[0].Version != 2 || all[0].People != 1 {
			t.Fatalf("runs: %+v %v", all, err)
		}
		for n := 1; n <= len(all)+1; n++ {
			got, err := db.LatestAssessmentRuns(ctx, courtID, n)
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(all[:min(n, len(all))], got); d != "" {
				t.Errorf("latest %d (-all +got):\n%s", n, d)
			}
		}
		if got, err := db.LatestAssessmentRuns(ctx, courtID+1000, 6); err != nil || len(got) != 0 {
			t.Errorf("another court's runs: %+v %v", got, err)
		}
	})
}
