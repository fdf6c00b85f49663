package web

import (
	"maps"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/zhixiao/zhixiao/internal/auth"
	"github.com/zhixiao/zhixiao/internal/court"
	"github.com/zhixiao/zhixiao/internal/indicator"
	"github.com/zhixiao/zhixiao/internal/store"
)

// samplePages has data for every page; a page without an entry fails the test.
func samplePages(v *visitor) map[string]view {
	users := []auth.User{
		{ID: 1, Login: "admin", Role: auth.RoleAdmin, CreatedAt: time.Now()},
		{ID: 2, Login: "tz1", Role: auth.RoleChief, Court: "示例市中级人民法院", Department: "民一庭", Disabled: true},
		{ID: 3, Login: "fg", Role: auth.RoleJudge, Court: "示例市中级人民法院", Person: "李法官", StaffNo: "Z002"},
	}
	entries := []auth.AuditEntry{{ID: 1, At: time.Now(), Actor: "admin", Action: auth.ActionUserDisable, Object: "账号 tz1", Before: `{"停用":false}`, After: `{"停用":true}`, IP: "127.0.0.1"}}
	m := map[string]view{
		"login":       {Title: "登录", CSRF: "t", Data: loginPage{Login: "admin", Next: "/"}, Error: "登录名或密码错误"},
		"error":       {Title: "无权访问", Visitor: v, CSRF: "t", Data: errorPage{Status: 403, Heading: "无权访问", Message: "您无权查看该单位的数据"}},
		"dashboard":   {Title: "驾驶舱", Visitor: v, CSRF: "t", Data: sampleDashboard()},
		"cases":       {Title: "长期未结案件", Visitor: v, CSRF: "t", Data: sampleCaseList()},
		"indicator":   {Title: "审限内结案率", Visitor: v, CSRF: "t", Data: sampleIndicator()},
		"case":        {Title: "（2024）示01民初1号", Visitor: v, CSRF: "t", Data: sampleCase()},
		"password":    {Title: "修改密码", Visitor: v, CSRF: "t", Flash: "密码已修改。"},
		"admin_users": {Title: "账号管理", Visitor: v, CSRF: "t", Data: usersPage{Users: users, Roles: auth.Roles(), Form: userForm{Login: "x"}}},
		"admin_audit": {Title: "审计日志", Visitor: v, CSRF: "t", Data: auditPage{Entries: entries, Total: 1, Page: 1, Pages: 1, Actions: auditActions}},
		"bands":       {Title: "合理区间", Visitor: v, CSRF: "t", Data: sampleBands()},
		"definitions": {Title: "指标口径", Visitor: v, CSRF: "t", Data: sampleDefinitions()},

		// 文书 (issue 9)
		"documents_index": {Title: "文书", Visitor: v, CSRF: "t", Data: sampleDocuments()},
		// 文书脱敏 (issue 9)
		"deid_form":   sampleDeidForm(v),
		"deid_result": sampleDeidResult(v),
		// 类案 (issue 10)
		"judgments_search": judgmentsSampleSearch(v), // judgments_test.go
		"judgments_doc":    judgmentsSampleDoc(v),
	}
	// The modules' pages (issues 6–10), each from its own test file.
	for _, samples := range []map[string]view{supervisionSamples(v), petitionsSamplePages(v), assessmentSamplePages(v)} {
		maps.Copy(m, samples)
	}
	return m
}

// inline finds what the CSP forbids: inline scripts, style attributes or
// elements, and event handler attributes.
// Data blocks (<script type="application/json">) are not code and are allowed.
var inline = regexp.MustCompile(`<script(?:\s[^>]*)?>[^<]|\sstyle=|<style|\son[a-z]+=|javascript:`)

func inlineCode(body string) string {
	for _, m := range inline.FindAllString(body, -1) {
		if !strings.HasPrefix(m, "<script") || !strings.Contains(m, `type="application/json"`) {
			return m
		}
	}
	return ""
}

func TestEveryPageRenders(t *testing.T) {
	a, err := loadAssets()
	if err != nil {
		t.Fatal(err)
	}
	p, err := loadPages(a)
	if err != nil {
		t.Fatal(err)
	}
	s := &Server{pages: p, assets: a}
	v := &visitor{User: auth.User{ID: 1, Login: "admin", Role: auth.RoleAdmin}}
	samples := samplePages(v)
	dash := samples["dashboard"].Data.(dashboardPage)
	if dash.Body, err = s.renderPart("dashboard", "dashboard-body", &dash); err != nil {
		t.Fatal(err)
	}
	samples["dashboard"] = view{Title: samples["dashboard"].Title, Visitor: v, CSRF: "t", Data: dash}
	for name := range p.byName {
		data, ok := samples[name]
		if !ok {
			t.Errorf("page %s has no sample data in samplePages", name)
			continue
		}
		w := httptest.NewRecorder()
		if err := s.render(w, http.StatusOK, name, data); err != nil {
			t.Errorf("render %s: %v", name, err)
			continue
		}
		body := w.Body.String()
		if !strings.Contains(body, "<title>"+data.Title+" · 质效</title>") || !strings.HasSuffix(strings.TrimSpace(body), "</html>") ||
			name == "dashboard" && !strings.Contains(body, `id="tile-within_limit_rate"`) {
			t.Errorf("page %s is incomplete:\n%.300s", name, body)
		}
		if m := inlineCode(body); m != "" {
			t.Errorf("page %s has inline code or style %q", name, m)
		}
	}
	if len(samples) != len(p.byName) {
		t.Errorf("%d samples for %d pages", len(samples), len(p.byName))
	}
}

func TestSecurityHeaders(t *testing.T) {
	e := newEnv(t)
	r := e.client().get("/login")
	h := r.header
	csp := h.Get("Content-Security-Policy")
	if !strings.Contains(csp, "script-src 'self'") || !strings.Contains(csp, "style-src 'self'") || strings.Contains(csp, "unsafe") {
		t.Errorf("CSP = %q", csp)
	}
	for k, want := range map[string]string{"X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY", "Referrer-Policy": "same-origin", "Cache-Control": "no-store"} {
		if got := h.Get(k); got != want {
			t.Errorf("%s = %q, want %q", k, got, want)
		}
	}
}

func TestStaticAssets(t *testing.T) {
	e := newEnv(t)
	c := e.client()
	page := c.get("/login").body
	url := e.srv.assets.URL("css/app.css")
	if !regexp.MustCompile(`^/static/css/app\.[0-9a-f]{12}\.css$`).MatchString(url) || !strings.Contains(page, url) {
		t.Fatalf("css URL %q not hashed or not on the page", url)
	}
	r := c.get(url)
	if r.status != 200 || r.header.Get("Cache-Control") != "public, max-age=31536000, immutable" || !strings.HasPrefix(r.header.Get("Content-Type"), "text/css") {
		t.Errorf("css: %d %q %q", r.status, r.header.Get("Cache-Control"), r.header.Get("Content-Type"))
	}
	if !strings.Contains(r.body, `"PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif`) {
		t.Error("css lacks the Chinese font stack")
	}
	for _, bad := range []string{"/static/css/app.css", "/static/css/app.000000000000.css", "/static/js/app.js"} {
		if r := c.get(bad); r.status != http.StatusNotFound {
			t.Errorf("%s: %d, want 404", bad, r.status)
		}
	}
	hasECharts := e.srv.assets.URL("vendor/echarts.min.js") != ""
	if hasECharts != strings.Contains(page, "/static/vendor/echarts.min.") {
		t.Errorf("echarts embedded %v but the page says otherwise", hasECharts)
	}
}

func sampleUnit() *unit {
	return &unit{Kind: kindDepartment, ID: 11, Name: "示例市中级人民法院 民一庭", CourtName: "示例市中级人民法院", DeptName: "民一庭",
		Parents:  []unitLink{{Kind: kindCourt, ID: 1, Name: "示例市中级人民法院"}},
		Children: []unitLink{{Kind: kindJudge, ID: 101, Name: "李法官"}}, ChildLabel: "法官"}
}

func sampleDashboard() dashboardPage {
	today, _ := court.ParseISODate("2025-05-20")
	per, _ := parsePeriod(nil, today)
	fq := &figureQuery{Unit: sampleUnit(), Period: per}
	def := &indicator.Definition{ID: "within_limit_rate", Name: "审限内结案率", Category: "效率", Unit: "%", Direction: "band"}
	a := indicator.Assessment{Result: indicator.Result{Indicator: def.ID, Numerator: indicator.Num(9), Denominator: indicator.Num(10), Value: indicator.Num(0.9), Definition: def},
		Band: indicator.Band{Lower: 0.95, Upper: 1}, HasBand: true, Status: indicator.StatusUncertain}
	t := fq.tile(a, indicator.Result{Value: indicator.Num(0.8), Definition: def})
	ageDef := &indicator.Definition{ID: "age_0_90", Name: "未结案件账龄0-90天", Unit: "件"}
	ages := fq.ageChart([]indicator.Result{{Indicator: "age_0_90", Numerator: indicator.Num(3), Value: indicator.Num(3), Definition: ageDef}})
	return dashboardPage{Unit: sampleUnit(), Period: per, Periods: periodChoices, Kind: "民事", Kinds: dashboardKinds, AsOf: today,
		Engine: true, Groups: []tileGroup{{Category: "效率", Tiles: []tile{t}}}, Ages: ages}
}

func sampleIndicator() *indicatorPage {
	d := sampleDashboard()
	t := d.Groups[0].Tiles[0]
	lo, hi := 95.0, 100.0
	return &indicatorPage{Unit: d.Unit, Period: d.Period, Def: &indicator.Definition{ID: t.ID, Name: t.Name, Unit: "%", Text: "审限内结案数 / 有审限的结案数"},
		Tile: t, Trend: chartSpec{Type: "line", X: []string{"2025-01"}, Series: []chartSeries{{Name: t.Name, Data: []*float64{&lo}}}, Band: &chartBand{Lower: &lo, Upper: &hi}},
		TrendRows: []trendRow{{Month: "2025-01", Value: "95.0%", Num: "19", Den: "20", NumURL: "/x"}},
		Subs:      []subRow{{Name: "李法官", URL: "/u", Value: "90.0%", Num: "9", Den: "10", Status: "不足以判断", Class: "warn", NumURL: "/n"}},
		SubChart:  chartSpec{Type: "bar"}, SubLabel: "法官", Sort: "name", Dir: "asc", Base: "/units/department/11/indicators/within_limit_rate?", Ages: d.Ages}
}

func sampleBands() bandsPage {
	today, _ := court.ParseISODate("2025-05-20")
	return bandsPage{Source: "示意", CanEdit: true, Editable: true, AsOf: today, Indicators: []bandIndicator{
		{ID: "within_limit_rate", Name: "审限内结案率", Category: "效率", Unit: "%", Rows: []bandFormRow{
			{Key: "within_limit_rate||", Level: "各层级", Kind: "各类别", Lower: "95", Upper: "99.5", Source: "示意", Note: "示意", Percent: true},
			{Key: "within_limit_rate|中院|", Level: "中院", Kind: "各类别", Lower: "90", Source: "本院设定", UpdatedBy: "sgb", Percent: true}}},
		{ID: "avg_days", Name: "平均审理天数", Category: "效率", Unit: "天", Rows: []bandFormRow{{Key: "avg_days||", Level: "各层级", Kind: "各类别", Source: "未设区间"}}},
	}}
}

func sampleDefinitions() definitionsPage {
	today, _ := court.ParseISODate("2025-05-20")
	from, _ := court.ParseISODate("2025-01-01")
	v1 := &indicator.Definition{ID: "within_limit_rate", Version: 1, Name: "审限内结案率", Category: "效率", Unit: "%", Text: "审限内结案数 / 结案数"}
	v2 := &indicator.Definition{ID: "within_limit_rate", Version: 2, EffectiveFrom: from, Name: "审限内结案率", Category: "效率", Unit: "%", Text: "审限内结案数 / 有审限的结案数"}
	return definitionsPage{AsOf: today, CanEdit: true, Indicators: []definitionGroup{{ID: v1.ID, Name: v1.Name, Category: v1.Category, Unit: v1.Unit, JSON: marshalDef(editableOf(v2)),
		Versions: []definitionVersion{{Def: v1, From: "最初版本", State: "已被取代"}, {Def: v2, From: "2025-01-01", InForce: true, State: "现行"}}}}}
}

func sampleCaseList() *caseListPage {
	today, _ := court.ParseISODate("2025-05-20")
	filed, _ := court.ParseISODate("2024-01-10")
	rows := rowsOf([]store.CaseSummary{{No: "（2024）示01民初1号", Judge: "李法官", Department: "民一庭", Cause: "民间借贷纠纷", FiledOn: filed, LimitDays: 180}}, today)
	return &caseListPage{Unit: sampleUnit(), Title: "长期未结案件", Rows: rows, Total: 1, Page: 1, Pages: 1, Sort: "filed", Dir: "asc", Base: "/units/department/11/cases/pending-long?", Columns: sortColumns}
}

func sampleCase() *casePage {
	no, _ := court.ParseCaseNo("（2024）示01民初1号")
	filed, _ := court.ParseISODate("2024-01-10")
	c := court.Case{No: no, Court: "示例市中级人民法院", Department: "民一庭", Judge: "王庭长", Panel: []string{"李法官"}, FiledOn: filed, LimitDays: 180}
	return &casePage{Case: c, No: no.String(), Status: limitStatus{Label: "已超审限 1 天", Class: "bad"},
		Chain: []chainNode{{No: no.String(), Level: "一审", Kind: "民事", Court: c.Court, Current: true, Stored: true}, {No: "（2024）示01民终5号", Visible: true, Stored: true}, {No: "（2023）示01民初9号"}}}
}
