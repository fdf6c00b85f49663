package store_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/zhixiao/zhixiao/internal/auth"
	"github.com/zhixiao/zhixiao/internal/court"
	"github.com/zhixiao/zhixiao/internal/store"
	"github.com/zhixiao/zhixiao/internal/store/storetest"
)

var authT0 = time.Date(2025, 3, 7, 9, 0, 0, 0, time.UTC)

// loadPosts stores 示例市中级人民法院 (民一庭 with 王庭长 Z001) and
// 示例市甲区人民法院 below it.
func loadPosts(t *testing.T, db *store.DB) {
	t.Helper()
	ctx := context.Background()
	im, err := db.BeginImport(ctx, store.ImportMeta{Kind: "people", FileName: "t", SHA256: "-", Actor: "test", Started: authT0})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []court.Court{
		{Name: "示例市中级人民法院", Code: "示01", Level: court.CourtIntermediate},
		{Name: "示例市甲区人民法院", Code: "示0101", Level: court.CourtBasic, Parent: "示例市中级人民法院"},
	} {
		if err := im.AddCourt(&c); err != nil {
			t.Fatal(err)
		}
	}
	p := court.Person{Court: "示例市中级人民法院", Department: "民一庭", Name: "王庭长", StaffNo: "Z001", Category: court.CategoryJudge, Active: true}
	if err := im.AddPerson(&p); err != nil {
		t.Fatal(err)
	}
	if _, err := im.Commit(0); err != nil {
		t.Fatal(err)
	}
}

func entry(a auth.Action, object string) auth.AuditEntry {
	return auth.AuditEntry{At: authT0, Actor: "admin", ActorID: 0, Action: a, Object: object, After: `{"x":1}`, IP: "10.0.0.1"}
}

func TestUsers(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		loadPosts(t, db)
		judge := auth.User{Login: "wang", Role: auth.RoleJudge, Court: "示01", StaffNo: "Z001"}
		if err := db.ResolvePost(ctx, &judge); err != nil {
			t.Fatal(err)
		}
		if judge.CourtID == 0 || judge.DepartmentID == 0 || judge.PersonID == 0 || judge.Court != "示例市中级人民法院" || judge.Department != "民一庭" || judge.Person != "王庭长" {
			t.Fatalf("ResolvePost = %+v", judge)
		}
		created, err := db.CreateUser(ctx, judge, "$hash", entry(auth.ActionUserAdd, "账号 wang"))
		if err != nil || created.ID == 0 {
			t.Fatalf("CreateUser = %+v, %v", created, err)
		}
		if _, err := db.CreateUser(ctx, auth.User{Login: "wang", Role: auth.RoleAdmin}, "$h", entry(auth.ActionUserAdd, "x")); court.KindOf(err) != court.Conflict {
			t.Errorf("duplicate login: %v, want Conflict", err)
		}
		got, hash, err := db.UserByLogin(ctx, "wang")
		if err != nil || hash != "$hash" || got.ID != created.ID || got.Role != auth.RoleJudge || got.StaffNo != "Z001" || !got.CreatedAt.Equal(authT0) {
			t.Errorf("UserByLogin = %+v, %q, %v", got, hash, err)
		}
		if _, _, err := db.UserByLogin(ctx, "nobody"); court.KindOf(err) != court.NotFound {
			t.Errorf("unknown login: %v", err)
		}
		if _, err := db.UserByID(ctx, 999); court.KindOf(err) != court.NotFound {
			t.Errorf("unknown id: %v", err)
		}
		if _, err := db.CreateUser(ctx, auth.User{Login: "admin", Role: auth.RoleAdmin}, "$h", entry(auth.ActionUserAdd, "账号 admin")); err != nil {
			t.Fatal(err)
		}
		us, err := db.Users(ctx)
		if err != nil || len(us) != 2 || us[0].Login != "admin" || us[1].Login != "wang" || us[0].CourtID != 0 {
			t.Errorf("Users = %+v, %v", us, err)
		}
	})
}

func TestResolvePostErrors(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		loadPosts(t, db)
		tests := []struct {
			u    auth.User
			kind court.ErrorKind
			msg  string
		}{
			{auth.User{Court: "无此法院"}, court.NotFound, "未找到法院“无此法院”"},
			{auth.User{Court: "示例市中级人民法院", Department: "民九庭"}, court.NotFound, "示例市中级人民法院没有部门“民九庭”"},
			{auth.User{Court: "示例市甲区人民法院", StaffNo: "Z001"}, court.NotFound, "示例市甲区人民法院没有工号为“Z001”的人员"},
			{auth.User{Department: "民一庭"}, court.Invalid, "指定部门或工号时须同时指定法院"},
		}
		for _, tt := range tests {
			err := db.ResolvePost(context.Background(), &tt.u)
			if court.KindOf(err) != tt.kind || court.Message(err) != tt.msg {
				t.Errorf("ResolvePost(%+v) = %v, want %q", tt.u, err, tt.msg)
			}
		}
	})
}

func TestSessionsAndPasswords(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		u, err := db.CreateUser(ctx, auth.User{Login: "admin", Role: auth.RoleAdmin}, "$h1", entry(auth.ActionUserAdd, "账号 admin"))
		if err != nil {
			t.Fatal(err)
		}
		pol := auth.DefaultSessionPolicy()
		s1, _ := pol.NewSession(u.ID, "10.0.0.1", authT0)
		s2, _ := pol.NewSession(u.ID, "10.0.0.2", authT0)
		for _, s := range []auth.Session{s1, s2} {
			if err := db.CreateSession(ctx, s); err != nil {
				t.Fatal(err)
			}
		}
		got, err := db.Session(ctx, s1.TokenHash)
		if err != nil || got != s1 {
			t.Errorf("Session = %+v, %v; want %+v", got, err, s1)
		}
		later := authT0.Add(5 * time.Minute)
		if err := db.TouchSession(ctx, s1.TokenHash, later); err != nil {
			t.Fatal(err)
		}
		if got, _ := db.Session(ctx, s1.TokenHash); !got.SeenAt.Equal(later) {
			t.Errorf("SeenAt after touch = %v", got.SeenAt)
		}
		if err := db.SetPassword(ctx, u.ID, "$h2", entry(auth.ActionPasswordOwn, "账号 admin"), s1.TokenHash); err != nil {
			t.Fatal(err)
		}
		if _, hash, _ := db.UserByLogin(ctx, "admin"); hash != "$h2" {
			t.Errorf("hash after SetPassword = %q", hash)
		}
		if _, err := db.Session(ctx, s1.TokenHash); err != nil {
			t.Errorf("kept session gone: %v", err)
		}
		if _, err := db.Session(ctx, s2.TokenHash); court.KindOf(err) != court.NotFound {
			t.Errorf("other session after SetPassword: %v", err)
		}
		if err := db.SetDisabled(ctx, u.ID, true, entry(auth.ActionUserDisable, "账号 admin")); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Session(ctx, s1.TokenHash); court.KindOf(err) != court.NotFound {
			t.Errorf("session after disable: %v", err)
		}
		if got, _, _ := db.UserByLogin(ctx, "admin"); !got.Disabled {
			t.Error("not disabled")
		}
		if err := db.SetDisabled(ctx, 999, true, entry(auth.ActionUserDisable, "x")); court.KindOf(err) != court.NotFound {
			t.Errorf("disable unknown: %v", err)
		}
		if err := db.DeleteSession(ctx, "no-such"); err != nil {
			t.Errorf("DeleteSession(unknown) = %v", err)
		}
	})
}

func TestPruneAuth(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		u, _ := db.CreateUser(ctx, auth.User{Login: "admin", Role: auth.RoleAdmin}, "$h", entry(auth.ActionUserAdd, "x"))
		pol := auth.SessionPolicy{Idle: time.Hour, Absolute: 4 * time.Hour}
		old, _ := pol.NewSession(u.ID, "a", authT0)
		fresh, _ := pol.NewSession(u.ID, "b", authT0.Add(3*time.Hour))
		db.CreateSession(ctx, old)
		db.CreateSession(ctx, fresh)
		now := authT0.Add(3*time.Hour + time.Minute)
		if err := db.PruneAuth(ctx, now, now.Add(-pol.Idle), now.Add(-24*time.Hour)); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Session(ctx, old.TokenHash); court.KindOf(err) != court.NotFound {
			t.Errorf("idle session survives: %v", err)
		}
		if _, err := db.Session(ctx, fresh.TokenHash); err != nil {
			t.Errorf("fresh session pruned: %v", err)
		}
	})
}

func TestLoginAttempts(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		rec := func(login, ip string, ok bool, min int) {
			if err := db.RecordLogin(ctx, login, ip, ok, authT0.Add(time.Duration(min)*time.Minute)); err != nil {
				t.Fatal(err)
			}
		}
		rec("a", "1.1.1.1", false, 0)
		rec("a", "1.1.1.1", false, 10)
		rec("a", "2.2.2.2", false, 20)
		rec("b", "1.1.1.1", false, 20)
		rec("b", "1.1.1.1", true, 21)
		tests := []struct {
			login, ip     string
			sinceMin      int
			byLogin, byIP int
		}{
			{"a", "1.1.1.1", 0, 3, 2},
			{"a", "1.1.1.1", 5, 2, 1},
			{"b", "1.1.1.1", 0, 0, 2},
			{"c", "3.3.3.3", 0, 0, 0},
		}
		for _, tt := range tests {
			l, i, err := db.FailedLogins(ctx, tt.login, tt.ip, authT0.Add(time.Duration(tt.sinceMin)*time.Minute))
			if err != nil || l != tt.byLogin || i != tt.byIP {
				t.Errorf("FailedLogins(%s, %s, +%d) = %d, %d, %v; want %d, %d", tt.login, tt.ip, tt.sinceMin, l, i, err, tt.byLogin, tt.byIP)
			}
		}
	})
}

func TestAuditLog(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		for i, a := range []auth.Action{auth.ActionLogin, auth.ActionUserAdd, auth.ActionLogin, auth.ActionLogout} {
			e := entry(a, "账号 x")
			e.At = authT0.Add(time.Duration(i) * time.Second)
			if i == 3 {
				e.Actor, e.Before, e.After = "other", `{"停用":false}`, ""
			}
			if err := db.AppendAudit(ctx, e); err != nil {
				t.Fatal(err)
			}
		}
		tests := []struct {
			q     auth.AuditQuery
			total int
			want  string
		}{
			{auth.AuditQuery{}, 4, "logout login user_add login"},
			{auth.AuditQuery{Limit: 2, Offset: 1}, 4, "login user_add"},
			{auth.AuditQuery{Action: auth.ActionLogin}, 2, "login login"},
			{auth.AuditQuery{Actor: "other"}, 1, "logout"},
			{auth.AuditQuery{Actor: "nobody"}, 0, ""},
		}
		for _, tt := range tests {
			es, total, err := db.AuditLog(ctx, tt.q)
			var got []string
			for _, e := range es {
				got = append(got, string(e.Action))
			}
			if err != nil || total != tt.total || strings.Join(got, " ") != tt.want {
				t.Errorf("AuditLog(%+v) = %v, %d, %v; want %s, %d", tt.q, got, total, err, tt.want, tt.total)
			}
		}
		es, _, _ := db.AuditLog(ctx, auth.AuditQuery{Actor: "other"})
		if e := es[0]; e.Before != `{"停用":false}` || e.After != "" || e.IP != "10.0.0.1" || !e.At.Equal(authT0.Add(3*time.Second)) {
			t.Errorf("entry = %+v", e)
		}
	})
}

func TestCourtLinks(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		loadPosts(t, db)
		links, err := db.CourtLinks(context.Background())
		if err != nil || len(links) != 2 {
			t.Fatalf("CourtLinks = %v, %v", links, err)
		}
		var parent, child auth.CourtLink
		for _, l := range links {
			if l.Parent == 0 {
				parent = l
			} else {
				child = l
			}
		}
		if child.Parent != parent.ID || parent.ID == 0 {
			t.Errorf("links = %+v", links)
		}
	})
}
