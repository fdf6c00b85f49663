package web

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/zhixiao/zhixiao/internal/auth"
	"github.com/zhixiao/zhixiao/internal/court"
	"github.com/zhixiao/zhixiao/internal/importer"
	"github.com/zhixiao/zhixiao/internal/indicator"
	"github.com/zhixiao/zhixiao/internal/store"
)

// clock is a settable time for tests.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }

func (c *clock) Advance(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

// fixture is a small court system: 示例市中级人民法院 with 民一庭 and 民二庭, and
// 示例市甲区人民法院 below it.
var fixture = importer.Dataset{
	Courts: []court.Court{
		{Name: "示例市中级人民法院", Code: "示01", Level: court.CourtIntermediate},
		{Name: "示例市甲区人民法院", Code: "示0101", Level: court.CourtBasic, Parent: "示例市中级人民法院"},
	},
	People: []court.Person{
		{Court: "示例市中级人民法院", Department: "民一庭", Name: "王庭长", StaffNo: "Z001", Category: court.CategoryJudge, Title: "庭长", Active: true},
		{Court: "示例市中级人民法院", Department: "民一庭", Name: "李法官", StaffNo: "Z002", Category: court.CategoryJudge, Title: "审判员", Active: true},
		{Court: "示例市中级人民法院", Department: "民二庭", Name: "赵法官", StaffNo: "Z003", Category: court.CategoryJudge, Title: "审判员", Active: true},
		{Court: "示例市甲区人民法院", Department: "民一庭", Name: "钱法官", StaffNo: "J001", Category: court.CategoryJudge, Title: "审判员", Active: true},
	},
}

// testUsers are the accounts of the fixture; every password is testPassword.
var testUsers = []struct{ login, role, court, dept, staff string }{
	{"admin", "admin", "", "", ""},
	{"yz", "president", "示例市中级人民法院", "", ""},
	{"sgb", "trialmgmt", "示例市中级人民法院", "", ""},
	{"tz1", "chief", "示例市中级人民法院", "民一庭", ""},
	{"tz2", "chief", "示例市中级人民法院", "民二庭", ""},
	{"fg", "judge", "示例市中级人民法院", "", "Z002"},
}

const testPassword = "ceshi-2025"

// env is a web app on a fresh database with the fixture and its accounts.
type env struct {
	t     *testing.T
	db    *store.DB
	srv   *Server
	ts    *httptest.Server
	clock *clock
}

func newEnv(t *testing.T) *env {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "web.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	ds := fixture
	ds.Cases = fixtureCases(t, time.Now())
	if _, err := importer.Load(ctx, db, ds, "fixture", "test"); err != nil {
		t.Fatal(err)
	}
	for _, u := range testUsers {
		addTestUser(t, db, u.login, u.role, u.court, u.dept, u.staff)
	}
	return startEnv(t, db)
}

func addTestUser(t *testing.T, db *store.DB, login, role, courtName, dept, staff string) auth.User {
	t.Helper()
	u, hash, err := auth.NewUser(login, role, courtName, dept, staff, testPassword, auth.TestParams())
	if err == nil {
		err = db.ResolvePost(context.Background(), &u)
	}
	if err == nil {
		u, err = db.CreateUser(context.Background(), u, hash, auth.AuditEntry{At: time.Now(), Actor: "test", Action: auth.ActionUserAdd, Object: login})
	}
	if err != nil {
		t.Fatalf("add user %s: %v", login, err)
	}
	return u
}

func startEnv(t *testing.T, db *store.DB) *env {
	t.Helper()
	c := &clock{t: time.Now().UTC()}
	cfg := DefaultConfig()
	cfg.Passwords = auth.TestParams()
	cfg.Now = c.Now
	cfg.Log = slog.New(slog.NewTextHandler(testLog{t}, nil))
	eng, err := indicator.New(context.Background(), db, nil)
	if err != nil {
		t.Fatal(err)
	}
	bands, err := indicator.IllustrativeBands()
	if err != nil {
		t.Fatal(err)
	}
	asOf, err := db.LatestDay(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	srv, err := New(cfg, Deps{Accounts: db, Data: db, Engine: eng, AsOf: asOf, Bands: bands, BandStore: db, DefinitionStore: db,
		Assessment: db, Supervision: db, Petitions: db, Documents: db, Deid: db, Judgments: db})
	if err != nil {
		t.Fatal(err)
	}
	if err := srv.LoadBands(context.Background()); err != nil {
		t.Fatal(err)
	}
	if err := srv.LoadDefinitions(context.Background()); err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	return &env{t: t, db: db, srv: srv, ts: ts, clock: c}
}

// client is a browser: a cookie jar that does not follow redirects.
type client struct {
	e    *env
	http *http.Client
	csrf string // the last CSRF token seen on a page
}

func (e *env) client() *client {
	jar, _ := cookiejar.New(nil)
	return &client{e: e, http: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

// resp is an answer with its body read.
type resp struct {
	status int
	header http.Header
	body   string
}

var csrfField = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

func (c *client) do(req *http.Request) resp {
	c.e.t.Helper()
	res, err := c.http.Do(req)
	if err != nil {
		c.e.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	r := resp{status: res.StatusCode, header: res.Header, body: string(b)}
	if m := csrfField.FindStringSubmatch(r.body); m != nil {
		c.csrf = m[1]
	}
	return r
}

func (c *client) get(path string) resp {
	c.e.t.Helper()
	req, _ := http.NewRequest("GET", c.e.ts.URL+path, nil)
	return c.do(req)
}

// post sends a form; the CSRF token of the last page is added unless the
// form sets csrf itself.
func (c *client) post(path string, form url.Values, header ...string) resp {
	c.e.t.Helper()
	if form == nil {
		form = url.Values{}
	}
	if _, ok := form["csrf"]; !ok {
		form.Set("csrf", c.csrf)
	}
	req, _ := http.NewRequest("POST", c.e.ts.URL+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	return c.do(req)
}

// login signs in and fails the test unless it succeeds.
func (c *client) login(login string) {
	c.e.t.Helper()
	c.get("/login")
	r := c.post("/login", url.Values{"login": {login}, "password": {testPassword}, "next": {"/"}})
	if r.status != http.StatusSeeOther {
		c.e.t.Fatalf("login %s: status %d\n%s", login, r.status, r.body)
	}
	c.get("/account/password")
}

func (e *env) loggedIn(login string) *client {
	c := e.client()
	c.login(login)
	return c
}

func wantStatus(t *testing.T, what string, r resp, status int, text string) {
	t.Helper()
	if r.status != status || !strings.Contains(r.body, text) {
		t.Errorf("%s: status %d, want %d with %q; body:\n%.600s", what, r.status, status, text, r.body)
	}
}

// fixtureCases: 民一庭 has a long-pending case (民初1), one near its limit
// (民初3) and a closed one (民初4, panel 李法官) appealed to 民二庭 (民终1);
// 民二庭 has a long-pending case (民初2); 甲区 one case, filed today (so that
// the data's latest day is today).
func fixtureCases(t *testing.T, now time.Time) []court.Case {
	mk := func(no, courtName, dept, judge string, filed court.Date) court.Case {
		n, err := court.ParseCaseNo(no)
		if err != nil {
			t.Fatal(err)
		}
		return court.Case{No: n, Court: courtName, Department: dept, Judge: judge, FiledOn: filed,
			LimitDays: court.DefaultLimitDays(n.Kind, n.Level, court.TrackNone), ClaimAmount: court.NoMoney, ExecAmount: court.NoMoney, ExecRecovered: court.NoMoney}
	}
	const mid, district = "示例市中级人民法院", "示例市甲区人民法院"
	today := court.DateOf(now.Year(), now.Month(), now.Day())
	closed := mk("（2024）示01民初4号", mid, "民一庭", "王庭长", court.DateOf(2024, 1, 10))
	closed.ClosedOn, closed.CloseMethod, closed.Panel = court.DateOf(2024, 3, 1), court.CloseJudgment, []string{"李法官"}
	appeal := mk("（2024）示01民终1号", mid, "民二庭", "赵法官", court.DateOf(2024, 4, 1))
	appeal.OriginNo = closed.No.String()
	return []court.Case{
		mk("（2020）示01民初1号", mid, "民一庭", "王庭长", court.DateOf(2020, 3, 1)),
		mk("（2020）示01民初2号", mid, "民二庭", "赵法官", court.DateOf(2020, 3, 2)),
		mk("（2025）示01民初3号", mid, "民一庭", "李法官", today-170),
		closed, appeal,
		mk("（2024）示0101民初1号", district, "民一庭", "钱法官", today),
	}
}

// ids are the store ids of the fixture's units, by name.
func (e *env) ids() map[string]int64 {
	e.t.Helper()
	o, err := e.db.Org(context.Background())
	if err != nil {
		e.t.Fatal(err)
	}
	m := map[string]int64{}
	for _, c := range o.Courts {
		m[c.Name] = c.ID
	}
	for _, d := range o.Departments {
		for _, c := range o.Courts {
			if c.ID == d.Court {
				m[c.Name+"/"+d.Name] = d.ID
			}
		}
	}
	for _, p := range o.People {
		m[p.Name] = p.ID
	}
	return m
}

// testLog sends the server's log to the test's log.
type testLog struct{ t *testing.T }

func (l testLog) Write(p []byte) (int, error) {
	l.t.Log(strings.TrimSpace(string(p)))
	return len(p), nil
}
