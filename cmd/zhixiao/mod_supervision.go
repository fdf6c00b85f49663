package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"time"

	"github.com/zhixiao/zhixiao/internal/auth"
	"github.com/zhixiao/zhixiao/internal/court"
	"github.com/zhixiao/zhixiao/internal/demo"
	"github.com/zhixiao/zhixiao/internal/store"
	"github.com/zhixiao/zhixiao/internal/supervision"
	"github.com/zhixiao/zhixiao/internal/web"
)

// This file is the 督办 module of the command line (issue 7: case warnings, 督办单, rectification plans and 销号).
// The background work is in mod_supervision_jobs.go, the demo plan in
// mod_supervision_demo.go.

// supervisionCommands are the module's subcommands.
func supervisionCommands() map[string]command {
	return map[string]command{
		"supervision-run":   {"督办：立即计算案件预警，生成、办结和升级督办单（serve 每晚及每次导入后自动运行）", runSupervisionCmd},
		"supervision-rules": {"督办：查看预警规则，或用 --set 文件.json 修改", runSupervisionRules},
	}
}

// runSupervisionCmd is `zhixiao supervision-run [--today YYYY-MM-DD]`.
func runSupervisionCmd(ctx context.Context, e *env) error {
	fs, dsn := newFlags(e, "supervision-run")
	todayFlag := fs.String("today", "", "按该日计算预警（YYYY-MM-DD）；默认为今天与数据截止日中较早者")
	if _, err := parseInterspersed(fs, e.args); err != nil {
		return exitError{2}
	}
	db, err := store.Open(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	today, err := svTodayFlag(ctx, db, *todayFlag, time.Now)
	if err != nil {
		return err
	}
	r, err := db.RunSupervision(ctx, today, auth.AuditEntry{At: time.Now(), Actor: actor()})
	if err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, svRunLine(today, r))
	return nil
}

// svRunLine describes a run of the warning job.
func svRunLine(today court.Date, r store.SupervisionRun) string {
	return fmt.Sprintf("%s 预警：未结案件 %d 件，红色 %d、黄色 %d、蓝色 %d；写入 %d 条（新增 %d，变更 %d，解除 %d，未变 %d）；督办单新开 %d、随结案办结 %d、超期升级 %d；用时 读 %.2f 秒 算 %.2f 秒 写 %.2f 秒 督办单 %.2f 秒",
		today, r.Pending, r.Red, r.Yellow, r.Blue, r.Added+r.Changed+r.Removed, r.Added, r.Changed, r.Removed, r.Unchanged,
		r.Opened, r.Closed, r.Escalated, r.Read.Seconds(), r.Evaluate.Seconds(), r.Write.Seconds(), r.Sync.Seconds())
}

// svTodayFlag is the day given, or the default day of the warning job.
func svTodayFlag(ctx context.Context, db *store.DB, flag string, now func() time.Time) (court.Date, error) {
	if flag != "" {
		return court.ParseISODate(flag)
	}
	return svToday(ctx, db, now)
}

// svShanghai is China Standard Time, the courts' day.
var svShanghai = time.FixedZone("CST", 8*3600)

// svToday is the day the warning job works on: today in China Standard
// Time, or the data's latest day when that is earlier (an export of last
// month is judged as of its own day), as the web pages do.
func svToday(ctx context.Context, db *store.DB, now func() time.Time) (court.Date, error) {
	t := now().In(svShanghai)
	d := court.DateOf(t.Year(), t.Month(), t.Day())
	latest, err := db.LatestDay(ctx)
	if err != nil {
		return 0, err
	}
	if latest != 0 && latest < d {
		return latest, nil
	}
	return d, nil
}

// runSupervisionRules is `zhixiao supervision-rules [--set FILE]`.
func runSupervisionRules(ctx context.Context, e *env) error {
	fs, dsn := newFlags(e, "supervision-rules")
	set := fs.String("set", "", "用该 JSON 文件替换预警规则（写入审计日志）")
	if _, err := parseInterspersed(fs, e.args); err != nil {
		return exitError{2}
	}
	db, err := store.Open(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	if *set != "" {
		b, err := os.ReadFile(*set)
		if err != nil {
			return court.Errorf(court.Invalid, "无法读取预警规则文件 %s：%v", *set, err)
		}
		r, err := supervision.ParseRules(b)
		if err != nil {
			return court.Errorf(court.Invalid, "预警规则文件 %s：%s", *set, court.Message(err))
		}
		if err := db.SaveSupervisionRules(ctx, r, auth.AuditEntry{At: time.Now(), Actor: actor()}); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "预警规则已保存（%d 条），下次预警计算起生效\n", len(r.Rules))
		return nil
	}
	r, err := db.SupervisionRules(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, r.JSON())
	return nil
}

// supervisionJobs runs the module's background jobs in `serve` until ctx ends.
func supervisionJobs(ctx context.Context, db *store.DB, srv *web.Server, log *slog.Logger) {
	j := &svJobs{db: db, log: log, now: time.Now, client: &http.Client{Timeout: 10 * time.Second}}
	j.loop(ctx, time.Minute)
}

// seedSupervisionDemo adds the module's demo data after `zhixiao demo` has
// loaded ds: it computes the warnings and opens the red warnings' 督办单,
// and marks the demo plan (脱薄争先作战图) to be added by `serve
// --demo-accounts` once the accounts of its leaders exist.
func seedSupervisionDemo(ctx context.Context, db *store.DB, ds *demo.Dataset, out io.Writer) error {
	today, err := svToday(ctx, db, time.Now)
	if err != nil {
		return err
	}
	r, err := db.RunSupervision(ctx, today, auth.AuditEntry{At: time.Now(), Actor: "督办预警任务（演示数据）"})
	if err != nil {
		return err
	}
	fmt.Fprintln(out, svRunLine(today, r))
	return db.MarkSupervisionDemo(ctx)
}
