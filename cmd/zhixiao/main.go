// Command zhixiao is the whole of 质效: import, demo data, indicators and the
// web app, one subcommand each. Every subcommand takes --db: a SQLite file
// path (default ./zhixiao.db) or a postgres:// URL.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"syscall"

	"github.com/zhixiao/zhixiao/internal/court"
)

// env is what a subcommand gets from main: its arguments and streams.
type env struct {
	args   []string
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	getenv func(string) string
}

// command is one subcommand.
type command struct {
	summary string // one line, Chinese
	run     func(ctx context.Context, e *env) error
}

// commandTable lists every subcommand; each lives in a file cmd_<name>.go.
func commandTable() map[string]command {
	table := map[string]command{
		"import":     {"导入案件、人员、执行案款、诉前调解或当事人数据（CSV/XLSX）", runImport},
		"demo":       {"生成示例市的演示数据", runDemo},
		"serve":      {"启动网页服务", runServe},
		"user":       {"管理账号：新增、改密码、停用、列出", runUser},
		"indicators": {"计算审判质效指标（按全部、法院、部门或承办人）", runIndicators},
		"cases":      {"列出某指标分子或分母所含的案号", runCases},
	}
	for name, c := range moduleCommands() {
		table[name] = c
	}
	return table
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr, os.Getenv)
	stop()
	os.Exit(code)
}

// exitError carries an exit status without a message of its own (the
// command has already printed its report).
type exitError struct{ code int }

func (e exitError) Error() string { return fmt.Sprintf("exit status %d", e.code) }

// run executes one subcommand and returns the process exit status.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage(stdout)
		return 0
	}
	commands := commandTable()
	c, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "未知命令 %q\n\n", args[0])
		usage(stderr)
		return 2
	}
	err := c.run(ctx, &env{args: args[1:], stdin: stdin, stdout: stdout, stderr: stderr, getenv: getenv})
	if err == nil {
		return 0
	}
	var ee exitError
	if errors.As(err, &ee) {
		return ee.code
	}
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	fmt.Fprintln(stderr, "错误：", userMessage(err))
	switch court.KindOf(err) {
	case court.Invalid, court.NotFound, court.Conflict, court.Forbidden:
		return 1
	}
	return 3
}

// userMessage is the Chinese message of err, with the cause for internal errors.
func userMessage(err error) string {
	var ce *court.Error
	if errors.As(err, &ce) {
		return ce.Error()
	}
	return err.Error()
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "质效 zhixiao：审判质效、绩效考核、督办与文书平台")
	fmt.Fprintln(w, "\n用法：zhixiao <命令> [--db 数据库] [选项]")
	fmt.Fprintln(w, "\n命令：")
	commands := commandTable()
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-12s %s\n", n, commands[n].summary)
	}
	fmt.Fprintln(w, "\n--db 为 SQLite 文件路径（默认 ./zhixiao.db）或 postgres:// 连接串。")
}

// newFlags returns a flag set for a subcommand with the common --db flag.
func newFlags(e *env, name string) (*flag.FlagSet, *string) {
	fs := flag.NewFlagSet("zhixiao "+name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	db := fs.String("db", "./zhixiao.db", "SQLite 文件路径或 postgres:// 连接串")
	return fs, db
}
