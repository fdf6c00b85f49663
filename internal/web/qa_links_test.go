package web

import (
	"fmt"
	"net/url"

	"github.com/zhixiao/zhixiao/internal/assessment"
	"net/http"
	"regexp"
	"strings"
	"testing"
)

var qaHref = regexp.MustCompile(`<a [^>]*href="(/[^"#]*)"`)

// qaLinksOpen fails for every link in the main part of path that c is refused: a page must
// not offer what its visitor may not open.
func qaLinksOpen(t *testing.T, c *client, who, path string) {
	t.Helper()
	page := c.get(path)
	if page.status != http.StatusOK {
		t.Fatalf("%s %s: %d", who, path, page.status)
	}
	main := page.body[strings.Index(page.body, "<main>")+1:] // the navigation has tests of its own
	for _, m := range qaHref.FindAllStringSubmatch(main, -1) {
		link := strings.ReplaceAll(m[1], "&amp;", "&")
		if strings.HasPrefix(link, "/static/") {
			continue
		}
		if r := c.get(link); r.status == http.StatusForbidden || r.status == http.StatusNotFound || r.status >= 500 {
			t.Errorf("%s: %s links to %s, which answers %d", who, path, link, r.status)
		}
	}
}

// TestPetitionsListLinksOpen: the 群众诉求 page offers 月通报, 接待日 and
// 满意度 only to the roles that may open them (a judge was shown all three
// and got 403).
func TestPetitionsListLinksOpen(t *testing.T) {
	e := petitionsEnv(t)
	for _, login := range []string{"yz", "sgb", "tz1", "fg", "jj", "zz", "lian"} {
		qaLinksOpen(t, e.loggedIn(login), login, "/petitions")
	}
}

var qaPanelID = regexp.MustCompile(`<section[^>]* id="(panel-[a-z-]+)"`)

// TestDashboardPanelOrder: on a dashboard the warnings to act on (督办与预警)
// and the open 群众诉求 come before 绩效考核 and the documents; the
// assessment panel came first and pushed the warnings below the fold.
func TestDashboardPanelOrder(t *testing.T) {
	e := newEnv(t)
	addTestUser(t, e.db, "zz", "personnel", "示例市中级人民法院", "", "")
	zz := e.loggedIn("zz")
	idOf(t, zz.post("/assessment/schemes/new", url.Values{"category": {"员额法官"}}))
	idOf(t, zz.post("/assessment/runs", url.Values{"scheme": {"judge"}, "month": {assessment.MonthOf(e.srv.today())}}))
	rank := map[string]int{"panel-supervision": 1, "panel-petitions": 2, "panel-assessment": 3, "panel-documents": 4, "panel-deid": 5, "panel-judgments": 6}
	for _, login := range []string{"yz", "fg"} {
		c := e.loggedIn(login)
		home := c.get(c.get("/").header.Get("Location"))
		if home.status != http.StatusOK {
			t.Fatalf("%s home: %d", login, home.status)
		}
		var got []string
		for _, m := range qaPanelID.FindAllStringSubmatch(home.body, -1) {
			got = append(got, m[1])
		}
		for i := 1; i < len(got); i++ {
			if rank[got[i-1]] > rank[got[i]] {
				t.Errorf("%s: panels in the order %v", login, got)
			}
		}
		t.Log(login, got)
	}
}

// TestCasePageLinksOpen: a case page links only to what its visitor may
// open; the 原审案号 of a 二审 linked to a 一审 outside the 庭长's scope (403).
func TestCasePageLinksOpen(t *testing.T) {
	e := newEnv(t)
	for _, tt := range []struct{ login, no string }{
		{"tz2", "（2024）示01民终1号"},
		{"tz1", "（2024）示01民初4号"},
		{"yz", "（2024）示01民终1号"},
	} {
		qaLinksOpen(t, e.loggedIn(tt.login), tt.login, "/cases/"+url.PathEscape(tt.no))
	}
}

// TestNavGroupsSettings: the navigation keeps the daily modules in view and
// puts 合理区间, 指标口径, 账号管理 and 审计日志 under one 设置 menu (with the
// modules of issues 6–10 the bar held up to eleven links).
func TestNavGroupsSettings(t *testing.T) {
	e := newEnv(t)
	for _, tt := range []struct {
		login    string
		settings bool
	}{{"admin", true}, {"sgb", true}, {"yz", true}, {"fg", false}} {
		c := e.loggedIn(tt.login)
		page := c.get("/account/password")
		nav := page.body[strings.Index(page.body, "<nav>"):strings.Index(page.body, "</nav>")]
		i := strings.Index(nav, `<details class="nav-group" id="nav-settings">`)
		if (i >= 0) != tt.settings {
			t.Errorf("%s: 设置 menu %v, want %v", tt.login, i >= 0, tt.settings)
		}
		for _, link := range []string{`href="/bands"`, `href="/indicators/definitions"`, `href="/admin/users"`, `href="/admin/audit"`} {
			if j := strings.Index(nav, link); j >= 0 && (i < 0 || j < i) {
				t.Errorf("%s: %s outside the 设置 menu", tt.login, link)
			}
		}
	}
}

// TestPetitionsPanelShort: a dashboard's 群众诉求 panel lists the late and
// newest five and says how many there are (the demo court's dashboard
// carried a 15-row table below the indicators).
func TestPetitionsPanelShort(t *testing.T) {
	e := petitionsEnv(t)
	clerk := e.loggedIn("lian")
	for i := range 7 {
		ptIntake(t, clerk, ptComplaint(fmt.Sprintf("投诉%d", i)))
	}
	home := e.loggedIn("yz").get(fmt.Sprintf("/units/court/%d", e.ids()["示例市中级人民法院"]))
	panel := home.body[strings.Index(home.body, `id="panel-petitions"`):]
	panel = panel[:strings.Index(panel, "</section>")]
	if n := strings.Count(panel, `<tr id="pt-`); n != 5 || !strings.Contains(panel, `<strong id="pt-panel-total">7</strong>`) {
		t.Errorf("panel lists %d requests:\n%s", n, panel)
	}
}

// TestDashboardCourtsBelow: a 中院 leader reaches the 基层法院 from the 中院's
// dashboard and comes back by the breadcrumbs; before, the courts below
// could only be opened by typing their URL.
func TestDashboardCourtsBelow(t *testing.T) {
	e := newEnv(t)
	ids := e.ids()
	mid, basic := fmt.Sprintf("/units/court/%d", ids["示例市中级人民法院"]), fmt.Sprintf("/units/court/%d", ids["示例市甲区人民法院"])
	yz := e.loggedIn("yz")
	if page := yz.get(mid); !strings.Contains(page.body, `id="courts-below"`) || !strings.Contains(page.body, `href="`+basic+`?`) {
		t.Errorf("中院 dashboard does not link to 示例市甲区人民法院")
	}
	if page := yz.get(basic); !strings.Contains(page.body, `<div class="crumbs"><a href="`+mid+`">示例市中级人民法院</a>`) {
		t.Errorf("基层法院 dashboard has no breadcrumb to the 中院")
	}
	tz := e.loggedIn("tz1")
	if page := tz.get(fmt.Sprintf("/units/department/%d", ids["示例市中级人民法院/民一庭"])); strings.Contains(page.body, "courts-below") || strings.Contains(page.body, `href="`+basic) {
		t.Errorf("a 庭长 is offered the court below")
	}
	qaLinksOpen(t, yz, "yz", basic)
}
