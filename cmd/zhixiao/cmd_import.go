package main

import (
	"context"
	"fmt"
	"os"
	"os/user"

	"golang.org/x/term"

	"github.com/zhixiao/zhixiao/internal/court"
	"github.com/zhixiao/zhixiao/internal/importer"
	"github.com/zhixiao/zhixiao/internal/ingest"
	"github.com/zhixiao/zhixiao/internal/store"
)

// runImport is `zhixiao import cases|people|funds|mediations|parties FILE`.
func runImport(ctx context.Context, e *env) error {
	fs, dsn := newFlags(e, "import")
	skip := fs.Bool("skip-invalid", false, "写入有效行，把有误的行连同原因保存到 --rejects 文件")
	rejects := fs.String("rejects", "", "有误行的保存文件（默认：原文件名.rejects.csv）")
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, "用法：zhixiao import cases|people|funds|mediations|parties 文件 [--db 数据库] [--skip-invalid --rejects 输出.csv]")
		fs.PrintDefaults()
	}
	pos, err := parseInterspersed(fs, e.args)
	if err != nil {
		return exitError{2}
	}
	if len(pos) != 2 {
		fs.Usage()
		return exitError{2}
	}
	table, err := ingest.ParseTable(pos[0])
	if err != nil {
		return err
	}
	if *rejects != "" && !*skip {
		return court.Errorf(court.Invalid, "--rejects 只能与 --skip-invalid 一起使用")
	}
	db, err := store.Open(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()

	opt := importer.Options{SkipInvalid: *skip, RejectsPath: *rejects, Actor: actor()}
	if f, ok := e.stderr.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		opt.Progress = e.stderr
	}
	rep, err := importer.Run(ctx, db, table, pos[1], opt)
	for _, p := range rep.Problems {
		fmt.Fprintln(e.stderr, p.String())
	}
	if rep.Counts.Read > 0 || rep.Committed {
		fmt.Fprintln(e.stdout, rep.Summary())
	}
	if rep.RejectsPath != "" {
		fmt.Fprintf(e.stdout, "有误的 %d 行已保存到 %s，改正后可再次导入。\n", rep.Counts.Rejected, rep.RejectsPath)
	}
	return err
}

// actor names who runs a command-line import, for the import log.
func actor() string {
	if u, err := user.Current(); err == nil {
		return "命令行:" + u.Username
	}
	return "命令行"
}
