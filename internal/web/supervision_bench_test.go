package web

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"path/filepath"
	"testing"
	"time"

	"github.com/zhixiao/zhixiao/internal/auth"
	"github.com/zhixiao/zhixiao/internal/court"
	"github.com/zhixiao/zhixiao/internal/importer"
	"github.com/zhixiao/zhixiao/internal/store"
	"github.com/zhixiao/zhixiao/internal/supervision"
)

// BenchmarkSupervisionBoard measures the server time of the 作战图 of a
// plan with 500 measures (50 problems of 10, each measure with two
// milestones), as the 院领导 sees it, and reports p50 and p99.
func BenchmarkSupervisionBoard(b *testing.B) {
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(b.TempDir(), "board.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	ds := fixture
	ds.Cases = fixtureCases(&testing.T{}, time.Now())
	if _, err := importer.Load(ctx, db, ds, "fixture", "bench"); err != nil {
		b.Fatal(err)
	}
	cfg := DefaultConfig()
	cfg.Passwords = auth.TestParams()
	cfg.Log = slog.New(slog.NewTextHandler(io.Discard, nil))
	srv, err := New(cfg, Deps{Accounts: db, Data: db, Supervision: db})
	if err != nil {
		b.Fatal(err)
	}
	yz, hash, _ := auth.NewUser("yz", "院领导", "示例市中级人民法院", "", "", "bench-pass-1", cfg.Passwords)
	if err := db.ResolvePost(ctx, &yz); err != nil {
		b.Fatal(err)
	}
	if yz, err = db.CreateUser(ctx, yz, hash, auth.AuditEntry{At: time.Now(), Actor: "bench", Action: auth.ActionUserAdd, Object: "yz"}); err != nil {
		b.Fatal(err)
	}
	sess, token := cfg.Sessions.NewSession(yz.ID, "127.0.0.1", time.Now())
	if err := db.CreateSession(ctx, sess); err != nil {
		b.Fatal(err)
	}
	cookie := &http.Cookie{Name: sessionCookie, Value: token}
	o, err := db.Org(ctx)
	if err != nil {
		b.Fatal(err)
	}
	var dept int64
	for _, d := range o.Departments {
		if d.Court == yz.CourtID && d.Name == "民一庭" {
			dept = d.ID
		}
	}
	today := srv.svToday()
	entry := auth.AuditEntry{At: time.Now(), Actor: "bench"}
	planID, err := db.CreatePlan(ctx, supervision.Plan{Court: yz.CourtID, Title: "五百项措施的作战图", CreatedBy: "bench", CreatedOn: today}, entry)
	if err != nil {
		b.Fatal(err)
	}
	for p := range 50 {
		probID, err := db.AddProblem(ctx, planID, fmt.Sprintf("问题 %d", p+1), entry)
		if err != nil {
			b.Fatal(err)
		}
		for m := range 10 {
			due := today + court.Date(p-25+m)
			_, err := db.AddMeasure(ctx, supervision.Measure{PlanID: planID, ProblemID: probID, Title: fmt.Sprintf("措施 %d.%d：压降长期未结案件", p+1, m+1),
				Leader: yz.ID, Department: dept, DueOn: due, Milestones: []supervision.Milestone{{Title: "摸底", DueOn: due - 20}, {Title: "推进", DueOn: due - 10}}}, entry)
			if err != nil {
				b.Fatal(err)
			}
		}
	}
	url := fmt.Sprintf("/supervision/plans/%d", planID)
	benchPage(b, srv, url, cookie, nil)
}
