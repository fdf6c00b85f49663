package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"time"

	"github.com/zhixiao/zhixiao/internal/court"
	"github.com/zhixiao/zhixiao/internal/indicator"
	"github.com/zhixiao/zhixiao/internal/store"
	"github.com/zhixiao/zhixiao/internal/web"
)

// runServe is `zhixiao serve [--db DSN] [--addr :8080]`: the web app, until
// ctx ends (Ctrl-C or SIGTERM), then a graceful shutdown.
func runServe(ctx context.Context, e *env) error {
	fs, dsn := newFlags(e, "serve")
	addr := fs.String("addr", ":8080", "监听地址")
	secure := fs.Bool("secure-cookies", false, "总是给 Cookie 加 Secure 标记（经 HTTPS 访问时）")
	proxy := fs.Bool("trust-proxy", false, "信任反向代理的 X-Forwarded-Proto 与 X-Forwarded-For")
	demoAcc := fs.Bool("demo-accounts", false, "为示例市演示数据创建演示账号（已存在的不变）并列出")
	bandsFile := fs.String("bands", "", "参考区间文件（JSON），本院尚未在“合理区间”页面保存区间时使用；默认使用示意区间")
	if _, err := parseInterspersed(fs, e.args); err != nil {
		return exitError{2}
	}
	db, err := store.Open(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	if *demoAcc {
		if err := ensureDemoAccounts(ctx, db, e.stdout); err != nil {
			return err
		}
	}
	bands, err := loadBands(*bandsFile)
	if err != nil {
		return err
	}
	cfg := web.DefaultConfig()
	cfg.SecureCookies, cfg.TrustProxy = *secure, *proxy
	cfg.Log = slog.New(slog.NewTextHandler(e.stderr, nil))
	srv, err := web.New(cfg, web.Deps{Accounts: db, Data: db, Bands: bands, BandStore: db, DefinitionStore: db,
		Assessment: db, Supervision: db, Petitions: db, Documents: db, Deid: db, Judgments: db})
	if err != nil {
		return err
	}
	if err := srv.LoadBands(ctx); err != nil {
		return err
	}
	if err := srv.LoadDefinitions(ctx); err != nil {
		return err
	}
	// The data's latest day is "today" for the pages (and the modules' dates)
	// from the first request, before the snapshot is built.
	if asOf, err := db.LatestDay(ctx); err == nil {
		srv.SetEngine(nil, asOf)
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return court.Errorf(court.Invalid, "无法监听地址 %s：%v", *addr, err)
	}
	fmt.Fprintf(e.stdout, "质效网页服务已启动：http://%s/（按 Ctrl-C 停止）\n", displayAddr(ln.Addr()))
	go pruneSessions(ctx, db, cfg, cfg.Log)
	go watchImports(ctx, db, srv, e.stdout, cfg.Log, importPoll)
	startModuleJobs(ctx, db, srv, cfg.Log)
	return serveUntil(ctx, ln, srv)
}

// importPoll is how often the server looks for imports made by other
// processes (zhixiao import on the command line) to rebuild its snapshot.
const importPoll = 30 * time.Second

// watchImports builds the indicator snapshot at start and again whenever a
// new import run appears in the database, so that figures follow each import.
func watchImports(ctx context.Context, db *store.DB, srv *web.Server, out io.Writer, log *slog.Logger, every time.Duration) {
	last := int64(-1)
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		id, err := db.LastImportID(ctx)
		if err != nil && ctx.Err() == nil {
			log.Error("read the last import run", slog.Any("err", err))
		}
		if err == nil && id != last {
			loadEngine(ctx, db, srv, out, log)
			last = id
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// loadEngine builds the indicator snapshot, with the definitions the web app
// serves (the court's versions added), and hands it to the web app; pages
// show a notice until then.
func loadEngine(ctx context.Context, db *store.DB, srv *web.Server, out io.Writer, log *slog.Logger) {
	start := time.Now()
	eng, err := indicator.New(ctx, db, srv.Definitions())
	if err != nil {
		log.Error("build indicator snapshot", slog.Any("err", err))
		return
	}
	asOf, err := db.LatestDay(ctx)
	if err != nil {
		log.Error("read the data's latest day", slog.Any("err", err))
	}
	srv.SetEngine(eng, asOf)
	fmt.Fprintf(out, "指标快照已载入：%d 件案件，用时 %.1f 秒\n", eng.Snapshot().Len(), time.Since(start).Seconds())
	if err := srv.Warm(ctx); err != nil && ctx.Err() == nil {
		log.Error("warm the dashboards", slog.Any("err", err))
	}
}

// loadBands reads a band file, or returns the illustrative bands.
func loadBands(path string) (*indicator.BandSet, error) {
	if path == "" {
		return indicator.IllustrativeBands()
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, court.Errorf(court.Invalid, "无法读取参考区间文件 %s：%v", path, err)
	}
	return indicator.ParseBands(b)
}

// serveUntil serves on ln until ctx ends, then shuts down gracefully.
func serveUntil(ctx context.Context, ln net.Listener, h http.Handler) error {
	hs := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      120 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
	}
	done := make(chan error, 1)
	go func() { done <- hs.Serve(ln) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil {
		return err
	}
	if err := <-done; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// pruneSessions deletes ended sessions and old login attempts every hour.
func pruneSessions(ctx context.Context, db *store.DB, cfg web.Config, log *slog.Logger) {
	t := time.NewTicker(time.Hour)
	defer t.Stop()
	for {
		now := time.Now()
		if err := db.PruneAuth(ctx, now, now.Add(-cfg.Sessions.Idle), now.Add(-24*time.Hour)); err != nil && ctx.Err() == nil {
			log.Error("prune sessions", slog.Any("err", err))
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// displayAddr turns a listening address into one a browser can open.
func displayAddr(a net.Addr) string {
	host, port, err := net.SplitHostPort(a.String())
	if err != nil {
		return a.String()
	}
	if ip := net.ParseIP(host); ip == nil || ip.IsUnspecified() {
		host = "localhost"
	}
	return net.JoinHostPort(host, port)
}
