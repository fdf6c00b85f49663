package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zhixiao/zhixiao/internal/auth"
	"github.com/zhixiao/zhixiao/internal/store"
)

// zhixiaoIn runs the command line with stdin.
func zhixiaoIn(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), args, strings.NewReader(stdin), &out, &errb, func(string) string { return "" })
	return code, out.String(), errb.String()
}

const userPeopleCSV = "姓名,工号,法院,部门,人员类别,职务,在岗\n" +
	"王庭长,Z001,示例市中级人民法院,民一庭,员额法官,庭长,是\n" +
	"李法官,Z002,示例市中级人民法院,民一庭,员额法官,审判员,是\n"

func TestUserCommands(t *testing.T) {
	people := filepath.Join(t.TempDir(), "people.csv")
	if err := os.WriteFile(people, []byte(userPeopleCSV), 0o644); err != nil {
		t.Fatal(err)
	}
	for name, dsn := range dsns(t) {
		t.Run(name, func(t *testing.T) {
			if code, out, errs := zhixiao(t, "import", "people", people, "--db", dsn); code != 0 {
				t.Fatalf("import people: %d\n%s\n%s", code, out, errs)
			}
			steps := []struct {
				stdin  string
				args   []string
				code   int
				output string
			}{
				{"abc12345\n", []string{"user", "add", "--login", "admin", "--role", "系统管理员", "--password-stdin"}, 0, "已新增账号 admin（系统管理员）"},
				{"abc12345\n", []string{"user", "add", "--login", "tz", "--role", "chief", "--court", "示例市中级人民法院", "--department", "民一庭", "--password-stdin"}, 0, "已新增账号 tz（庭长 · 示例市中级人民法院 · 民一庭）"},
				{"abc12345", []string{"user", "add", "--login", "li", "--role", "法官", "--court", "示例市中级人民法院", "--person", "Z002", "--password-stdin"}, 0, "李法官（工号 Z002）"},
				{"abc12345\n", []string{"user", "add", "--login", "admin", "--role", "admin", "--password-stdin"}, 1, "登录名“admin”已存在"},
				{"abc12345\n", []string{"user", "add", "--login", "x1", "--role", "boss", "--password-stdin"}, 1, "未知角色“boss”"},
				{"abc\n", []string{"user", "add", "--login", "x2", "--role", "admin", "--password-stdin"}, 1, "密码应为 8 至 128 个字符"},
				{"", []string{"user", "add", "--login", "x3", "--role", "admin"}, 1, "请用 --password-stdin"},
				{"abc12345\n", []string{"user", "add", "--login", "x4", "--role", "法官", "--court", "示例市中级人民法院", "--person", "Z999", "--password-stdin"}, 1, "没有工号为“Z999”的人员"},
				{"new-pass-42\n", []string{"user", "passwd", "--login", "tz", "--password-stdin"}, 0, "已重新设置账号 tz 的密码"},
				{"new-pass-42\n", []string{"user", "passwd", "--login", "nobody", "--password-stdin"}, 1, "未找到账号“nobody”"},
				{"", []string{"user", "disable", "--login", "li"}, 0, "已停用账号 li"},
				{"", []string{"user", "list"}, 0, "已停用"},
				{"", []string{"user", "frobnicate"}, 2, "zhixiao user add"},
			}
			for _, s := range steps {
				code, out, errs := zhixiaoIn(t, s.stdin, append(s.args, "--db", dsn)...)
				if code != s.code || !strings.Contains(out+errs, s.output) {
					t.Errorf("%v: exit %d, want %d with %q\nstdout: %s\nstderr: %s", s.args, code, s.code, s.output, out, errs)
				}
			}
			checkUserState(t, dsn)
		})
	}
}

// checkUserState checks what the commands left in the database.
func checkUserState(t *testing.T, dsn string) {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	u, hash, err := db.UserByLogin(ctx, "tz")
	if err != nil {
		t.Fatal(err)
	}
	if ok, _ := auth.VerifyPassword("new-pass-42", hash); !ok || u.Department != "民一庭" {
		t.Errorf("tz after passwd: %+v, password ok %v", u, ok)
	}
	if li, _, _ := db.UserByLogin(ctx, "li"); !li.Disabled || li.Person != "李法官" {
		t.Errorf("li = %+v", li)
	}
	es, total, err := db.AuditLog(ctx, auth.AuditQuery{})
	if err != nil || total != 5 || es[0].Action != auth.ActionUserDisable || !strings.HasPrefix(es[0].Actor, "命令行") {
		t.Errorf("audit log: %d entries, newest %+v, %v", total, es[0], err)
	}
}
