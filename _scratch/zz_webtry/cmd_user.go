package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/zhixiao/zhixiao/internal/auth"
	"github.com/zhixiao/zhixiao/internal/court"
	"github.com/zhixiao/zhixiao/internal/store"
)

// userCommands are the subcommands of `zhixiao user`.
var userCommands = map[string]func(ctx context.Context, e *env, db *store.DB, o *userOptions) error{
	"add":     userAdd,
	"passwd":  userPasswd,
	"disable": userDisable,
	"enable":  userEnable,
	"list":    userList,
}

// userOptions are the flags of `zhixiao user`.
type userOptions struct {
	login, role, court, department, person string
	passwordStdin                          bool
}

// runUser is `zhixiao user add|passwd|disable|enable|list`.
func runUser(ctx context.Context, e *env) error {
	fs, dsn := newFlags(e, "user")
	var o userOptions
	fs.StringVar(&o.login, "login", "", "登录名")
	fs.StringVar(&o.role, "role", "", "角色：系统管理员 院领导 审管办 政治部 庭长 法官 纪检监察（或 admin president trialmgmt personnel chief judge discipline）")
	fs.StringVar(&o.court, "court", "", "所在法院（名称或法院代字）")
	fs.StringVar(&o.department, "department", "", "所在部门（庭长必填）")
	fs.StringVar(&o.person, "person", "", "本人工号（法官必填）")
	fs.BoolVar(&o.passwordStdin, "password-stdin", false, "从标准输入读取密码（一行）")
	fs.Usage = func() { userUsage(e.stderr, fs) }
	pos, err := parseInterspersed(fs, e.args)
	if err != nil {
		return exitError{2}
	}
	if len(pos) != 1 || userCommands[pos[0]] == nil {
		fs.Usage()
		return exitError{2}
	}
	db, err := store.Open(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	return userCommands[pos[0]](ctx, e, db, &o)
}

func userUsage(w io.Writer, fs *flag.FlagSet) {
	fmt.Fprintln(w, "用法：")
	fmt.Fprintln(w, "  zhixiao user add --login 登录名 --role 角色 [--court 法院] [--department 部门] [--person 工号] --password-stdin")
	fmt.Fprintln(w, "  zhixiao user passwd --login 登录名 --password-stdin")
	fmt.Fprintln(w, "  zhixiao user disable|enable --login 登录名")
	fmt.Fprintln(w, "  zhixiao user list")
	fs.PrintDefaults()
}

// readPassword reads one line from standard input.
func readPassword(e *env, o *userOptions) (string, error) {
	if !o.passwordStdin {
		return "", court.Errorf(court.Invalid, "请用 --password-stdin 从标准输入提供密码（不要把密码写在命令行上）")
	}
	line, err := bufio.NewReader(e.stdin).ReadString('\n')
	if err != nil && err != io.EOF {
		return "", err
	}
	return strings.TrimRight(line, "\r\n"), nil
}

// cliAudit starts an audit entry for a change made on the command line.
func cliAudit(a auth.Action, login string) auth.AuditEntry {
	return auth.AuditEntry{At: time.Now(), Actor: actor(), Action: a, Object: "账号 " + login, IP: "命令行"}
}

func userAdd(ctx context.Context, e *env, db *store.DB, o *userOptions) error {
	pw, err := readPassword(e, o)
	if err != nil {
		return err
	}
	u, hash, err := auth.NewUser(o.login, o.role, o.court, o.department, o.person, pw, auth.DefaultParams())
	if err != nil {
		return err
	}
	if err := db.ResolvePost(ctx, &u); err != nil {
		return err
	}
	ae := cliAudit(auth.ActionUserAdd, u.Login)
	ae.After = u.AuditJSON()
	if u, err = db.CreateUser(ctx, u, hash, ae); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "已新增账号 %s（%s）\n", u.Login, describePost(u))
	return nil
}

func userPasswd(ctx context.Context, e *env, db *store.DB, o *userOptions) error {
	u, _, err := db.UserByLogin(ctx, o.login)
	if err != nil {
		return err
	}
	pw, err := readPassword(e, o)
	if err != nil {
		return err
	}
	if err := auth.CheckPassword(pw); err != nil {
		return err
	}
	ae := cliAudit(auth.ActionUserPassword, u.Login)
	ae.After = `{"密码":"已重新设置"}`
	if err := db.SetPassword(ctx, u.ID, auth.HashPassword(pw, auth.DefaultParams()), ae, ""); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "已重新设置账号 %s 的密码，其登录会话已全部注销\n", u.Login)
	return nil
}

func userDisable(ctx context.Context, e *env, db *store.DB, o *userOptions) error {
	return setUserDisabled(ctx, e, db, o.login, true)
}

func userEnable(ctx context.Context, e *env, db *store.DB, o *userOptions) error {
	return setUserDisabled(ctx, e, db, o.login, false)
}

func setUserDisabled(ctx context.Context, e *env, db *store.DB, login string, disabled bool) error {
	u, _, err := db.UserByLogin(ctx, login)
	if err != nil {
		return err
	}
	action, done := auth.ActionUserEnable, "启用"
	if disabled {
		action, done = auth.ActionUserDisable, "停用"
	}
	ae := cliAudit(action, u.Login)
	ae.Before = u.AuditJSON()
	u.Disabled = disabled
	ae.After = u.AuditJSON()
	if err := db.SetDisabled(ctx, u.ID, disabled, ae); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "已%s账号 %s\n", done, u.Login)
	return nil
}

func userList(ctx context.Context, e *env, db *store.DB, _ *userOptions) error {
	us, err := db.Users(ctx)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "登录名\t角色\t所在单位\t状态")
	for _, u := range us {
		state := "正常"
		if u.Disabled {
			state = "已停用"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", u.Login, u.Role, describePost(u), state)
	}
	return tw.Flush()
}

// describePost names a user's role and post in one phrase.
func describePost(u auth.User) string {
	parts := []string{u.Role.String()}
	for _, p := range []string{u.Court, u.Department, u.Person} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	if u.StaffNo != "" {
		parts[len(parts)-1] += "（工号 " + u.StaffNo + "）"
	}
	return strings.Join(parts, " · ")
}
