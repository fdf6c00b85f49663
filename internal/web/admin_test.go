package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/zhixiao/zhixiao/internal/auth"
)

func TestAdminOnly(t *testing.T) {
	e := newEnv(t)
	for _, login := range []string{"yz", "sgb", "tz1", "fg"} {
		c := e.loggedIn(login)
		for _, path := range []string{"/admin/users", "/admin/audit"} {
			wantStatus(t, login+" "+path, c.get(path), http.StatusForbidden, "仅系统管理员可以进行此操作")
		}
		wantStatus(t, login+" add user", c.post("/admin/users", url.Values{"login": {"x9"}, "role": {"admin"}, "password": {"abc12345"}}),
			http.StatusForbidden, "仅系统管理员")
	}
}

func TestAdminAddUser(t *testing.T) {
	e := newEnv(t)
	c := e.loggedIn("admin")
	c.get("/admin/users")
	tests := []struct {
		name   string
		form   url.Values
		status int
		text   string
	}{
		{"chief", url.Values{"login": {"tz9"}, "role": {"庭长"}, "court": {"示例市中级人民法院"}, "department": {"民二庭"}, "password": {"abc12345"}}, http.StatusSeeOther, ""},
		{"judge by staff number", url.Values{"login": {"fg9"}, "role": {"judge"}, "court": {"示01"}, "staff_no": {"Z003"}, "password": {"abc12345"}}, http.StatusSeeOther, ""},
		{"duplicate", url.Values{"login": {"tz9"}, "role": {"admin"}, "password": {"abc12345"}}, http.StatusConflict, "登录名“tz9”已存在"},
		{"unknown role", url.Values{"login": {"x1"}, "role": {"boss"}, "password": {"abc12345"}}, http.StatusBadRequest, "未知角色"},
		{"weak password", url.Values{"login": {"x2"}, "role": {"admin"}, "password": {"12345678"}}, http.StatusBadRequest, "密码过于简单"},
		{"unknown court", url.Values{"login": {"x3"}, "role": {"院领导"}, "court": {"不存在法院"}, "password": {"abc12345"}}, http.StatusNotFound, "未找到法院“不存在法院”"},
		{"unknown department", url.Values{"login": {"x4"}, "role": {"庭长"}, "court": {"示例市中级人民法院"}, "department": {"民九庭"}, "password": {"abc12345"}}, http.StatusNotFound, "没有部门“民九庭”"},
		{"chief without department", url.Values{"login": {"x5"}, "role": {"庭长"}, "court": {"示例市中级人民法院"}, "password": {"abc12345"}}, http.StatusBadRequest, "须指定所在部门"},
		{"judge without person", url.Values{"login": {"x6"}, "role": {"法官"}, "court": {"示例市中级人民法院"}, "password": {"abc12345"}}, http.StatusBadRequest, "须指定本人工号"},
	}
	for _, tt := range tests {
		r := c.post("/admin/users", tt.form)
		wantStatus(t, tt.name, r, tt.status, tt.text)
		if tt.status != http.StatusSeeOther && !strings.Contains(r.body, `value="`+tt.form.Get("login")+`"`) {
			t.Errorf("%s: the form does not keep the login entered", tt.name)
		}
	}
	u, _, err := e.db.UserByLogin(context.Background(), "fg9")
	if err != nil || u.Role != auth.RoleJudge || u.Person != "赵法官" || u.Department != "民二庭" {
		t.Errorf("fg9 = %+v, %v", u, err)
	}
	wantStatus(t, "new chief logs in", e.client().postLogin("tz9", "abc12345"), http.StatusSeeOther, "")
	audit := c.get("/admin/audit?action=user_add")
	for _, want := range []string{"新增账号", "账号 tz9", "&#34;部门&#34;:&#34;民二庭&#34;"} {
		if !strings.Contains(audit.body, want) {
			t.Errorf("audit page lacks %q", want)
		}
	}
}

func (c *client) postLogin(login, password string) resp {
	c.e.t.Helper()
	c.get("/login")
	return c.post("/login", url.Values{"login": {login}, "password": {password}})
}

func TestAdminDisableEnableReset(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	admin := e.loggedIn("admin")
	victim := e.loggedIn("tz2")
	u, _, _ := e.db.UserByLogin(ctx, "tz2")
	id := strconv.FormatInt(u.ID, 10)

	admin.get("/admin/users")
	wantStatus(t, "disable", admin.post("/admin/users/"+id+"/disable", nil), http.StatusSeeOther, "")
	if r := victim.get("/"); r.status != http.StatusUnauthorized {
		t.Errorf("disabled user's session still works: %d", r.status)
	}
	wantStatus(t, "disabled login", e.client().postLogin("tz2", testPassword), http.StatusForbidden, "账号“tz2”已停用")
	wantStatus(t, "enable", admin.post("/admin/users/"+id+"/enable", nil), http.StatusSeeOther, "")
	wantStatus(t, "reset weak", admin.post("/admin/users/"+id+"/password", url.Values{"password": {"short"}}), http.StatusBadRequest, "密码应为 8 至 128 个字符")
	wantStatus(t, "reset", admin.post("/admin/users/"+id+"/password", url.Values{"password": {"new-pass-42"}}), http.StatusSeeOther, "")
	wantStatus(t, "old password", e.client().postLogin("tz2", testPassword), http.StatusUnauthorized, "登录名或密码错误")
	wantStatus(t, "new password", e.client().postLogin("tz2", "new-pass-42"), http.StatusSeeOther, "")

	me, _, _ := e.db.UserByLogin(ctx, "admin")
	wantStatus(t, "disable self", admin.post("/admin/users/"+strconv.FormatInt(me.ID, 10)+"/disable", nil), http.StatusConflict, "不能停用自己的账号")
	wantStatus(t, "unknown id", admin.post("/admin/users/99999/disable", nil), http.StatusNotFound, "账号不存在")
	wantStatus(t, "bad id", admin.post("/admin/users/abc/disable", nil), http.StatusNotFound, "编号“abc”无效")

	entries, _, err := e.db.AuditLog(ctx, auth.AuditQuery{Actor: "admin", Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, en := range entries {
		got = append(got, string(en.Action))
	}
	want := "user_password user_enable user_disable login"
	if strings.Join(got, " ") != want {
		t.Errorf("admin's audit entries = %v, want %s", got, want)
	}
	if !strings.Contains(entries[2].Before, `"停用":false`) || !strings.Contains(entries[2].After, `"停用":true`) {
		t.Errorf("disable entry before %s after %s", entries[2].Before, entries[2].After)
	}
}

func TestChangeOwnPassword(t *testing.T) {
	e := newEnv(t)
	c := e.loggedIn("fg")
	other := e.loggedIn("fg")
	c.get("/account/password")
	tests := []struct {
		name            string
		old, new1, new2 string
		status          int
		text            string
	}{
		{"wrong current", "nope-1234", "abc12345", "abc12345", http.StatusBadRequest, "当前密码不正确"},
		{"mismatch", testPassword, "abc12345", "abc12346", http.StatusBadRequest, "两次输入的新密码不一致"},
		{"weak", testPassword, "aaaaaaaa", "aaaaaaaa", http.StatusBadRequest, "密码过于简单"},
		{"ok", testPassword, "abc12345", "abc12345", http.StatusSeeOther, ""},
	}
	for _, tt := range tests {
		wantStatus(t, tt.name, c.post("/account/password", url.Values{"old": {tt.old}, "password": {tt.new1}, "password2": {tt.new2}}), tt.status, tt.text)
	}
	if r := c.get("/account/password"); r.status != http.StatusOK {
		t.Errorf("own session ended by the change: %d", r.status)
	}
	if r := other.get("/"); r.status != http.StatusUnauthorized {
		t.Errorf("other session survives the change: %d", r.status)
	}
}
