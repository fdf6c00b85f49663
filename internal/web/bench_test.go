package web

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"testing"
	"time"

	"github.com/zhixiao/zhixiao/internal/auth"
	"github.com/zhixiao/zhixiao/internal/demo"
	"github.com/zhixiao/zhixiao/internal/importer"
	"github.com/zhixiao/zhixiao/internal/indicator"
	"github.com/zhixiao/zhixiao/internal/store"
)

// BenchmarkDashboard measures the server time of a court's dashboard (the
// 中院 of 示例市, 本年, all kinds) on the demo data: ZHIXIAO_BENCH_CASES cases
// (default 50000), or the SQLite database ZHIXIAO_BENCH_DB when set (for the
// 3M-case data of scripts/bench.sh). It reports p50 and p99.
func BenchmarkDashboard(b *testing.B) { benchDashboard(b, false) }

// BenchmarkDashboardUncached is BenchmarkDashboard with the figures
// computed afresh for every request (the first visit of a unit and period).
func BenchmarkDashboardUncached(b *testing.B) { benchDashboard(b, true) }

func benchDashboard(b *testing.B, uncached bool) {
	srv, cookie := benchServer(b)
	var before func()
	if uncached {
		before = func() {
			srv.figures.mu.Lock()
			srv.figures.m = map[string]any{}
			srv.figures.mu.Unlock()
		}
	}
	benchPage(b, srv, "/units/court/1?p=year", cookie, before)
}

// benchPage serves GET url b.N times to the holder of cookie and reports the
// server time's p50 and p99; before, when not nil, runs ahead of each
// request (timed with the rest of the loop, not with the request).
func benchPage(b *testing.B, srv *Server, url string, cookie *http.Cookie, before func()) {
	b.Helper()
	lat := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for range b.N {
		req := httptest.NewRequest("GET", url, nil)
		req.AddCookie(cookie)
		w := httptest.NewRecorder()
		if before != nil {
			before()
		}
		start := time.Now()
		srv.ServeHTTP(w, req)
		lat = append(lat, time.Since(start))
		if w.Code != http.StatusOK {
			b.Fatalf("%s: %d\n%.500s", url, w.Code, w.Body.String())
		}
	}
	b.StopTimer()
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, "p99-ms")
}

func benchServer(b *testing.B) (*Server, *http.Cookie) {
	b.Helper()
	ctx := context.Background()
	path := os.Getenv("ZHIXIAO_BENCH_DB")
	if path == "" {
		path = filepath.Join(b.TempDir(), "bench.db")
	}
	db, err := store.Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	if os.Getenv("ZHIXIAO_BENCH_DB") == "" {
		n, _ := strconv.Atoi(os.Getenv("ZHIXIAO_BENCH_CASES"))
		ds := demo.Generate(demo.Config{Seed: 1, Cases: max(n, 50000)})
		if _, err := importer.Load(ctx, db, importer.Dataset{Courts: ds.Courts, People: ds.People, Cases: ds.Cases, Funds: ds.Funds, Mediations: ds.Mediations}, "demo", "bench"); err != nil {
			b.Fatal(err)
		}
	}
	eng, err := indicator.New(ctx, db, nil)
	if err != nil {
		b.Fatal(err)
	}
	asOf, _ := db.LatestDay(ctx)
	bands, _ := indicator.IllustrativeBands()
	cfg := DefaultConfig()
	cfg.Passwords = auth.TestParams()
	cfg.Log = slog.New(slog.NewTextHandler(io.Discard, nil))
	srv, err := New(cfg, Deps{Accounts: db, Data: db, Engine: eng, AsOf: asOf, Bands: bands,
		Assessment: db, Supervision: db, Petitions: db, Documents: db, Deid: db, Judgments: db}) // the modules' panels too, as serve has them
	if err != nil {
		b.Fatal(err)
	}
	login := fmt.Sprintf("bench%d", time.Now().UnixNano())
	u, hash, _ := auth.NewUser(login, "院领导", "示例市中级人民法院", "", "", "bench-pass-1", cfg.Passwords)
	if err := db.ResolvePost(ctx, &u); err != nil {
		b.Fatal(err)
	}
	if u, err = db.CreateUser(ctx, u, hash, auth.AuditEntry{At: time.Now(), Actor: "bench", Action: auth.ActionUserAdd, Object: login}); err != nil {
		b.Fatal(err)
	}
	sess, token := cfg.Sessions.NewSession(u.ID, "127.0.0.1", time.Now())
	if err := db.CreateSession(ctx, sess); err != nil {
		b.Fatal(err)
	}
	return srv, &http.Cookie{Name: sessionCookie, Value: token}
}
