package web

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// TestScopeEveryRoute proves, for every data route, that a 庭长 of 民一庭
// who edits a URL to reach 民二庭 (or the court, or another court) gets 403,
// while the same route for 民一庭 answers 200.
func TestScopeEveryRoute(t *testing.T) {
	e := newEnv(t)
	id := e.ids()
	const mid = "示例市中级人民法院"
	own := map[string]any{"court": id[mid], "dept": id[mid+"/民一庭"], "judge": id["李法官"], "case": "（2020）示01民初1号"}
	other := map[string]any{"court": id[mid], "dept": id[mid+"/民二庭"], "judge": id["赵法官"], "case": "（2020）示01民初2号"}
	routes := []struct {
		path     string
		ownOK    bool // a 庭长 of 民一庭 may see the 民一庭 version
		needsKey string
	}{
		{"/units/department/{dept}", true, "dept"},
		{"/units/department/{dept}?p=month&kind=民事", true, "dept"},
		{"/units/department/{dept}/cases/pending", true, "dept"},
		{"/units/department/{dept}/cases/pending-long", true, "dept"},
		{"/units/department/{dept}/cases/near-limit", true, "dept"},
		{"/units/department/{dept}/cases/pending?format=xlsx", true, "dept"},
		{"/units/judge/{judge}", true, "judge"},
		{"/units/judge/{judge}/cases/pending", true, "judge"},
		{"/units/judge/{judge}/cases/near-limit", true, "judge"},
		{"/units/department/{dept}/indicators/pending_end", true, "dept"},
		{"/units/department/{dept}/indicators/within_limit_rate?p=12m&sort=value&dir=desc", true, "dept"},
		{"/units/department/{dept}/indicators/pending_end/cases?part=numerator", true, "dept"},
		{"/units/department/{dept}/indicators/over_12m_ratio/cases?part=denominator&format=xlsx", true, "dept"},
		{"/units/judge/{judge}/indicators/filed", true, "judge"},
		{"/units/judge/{judge}/indicators/filed/cases?part=numerator", true, "judge"},
		{"/cases/{case}", true, "case"},
		{"/units/court/{court}", false, "court"},
		{"/units/court/{court}/cases/pending-long", false, "court"},
		{"/bands", false, ""},
		{"/indicators/definitions", false, ""},
		{"/units/all/0", false, ""},
	}
	fill := func(p string, m map[string]any) string {
		for k, v := range m {
			p = strings.ReplaceAll(p, "{"+k+"}", url.PathEscape(fmt.Sprint(v)))
		}
		return p
	}
	for _, dr := range e.srv.dataRoutes() {
		re := regexp.MustCompile("^" + regexp.MustCompile(`\\{[a-z]+\\}`).ReplaceAllString(regexp.QuoteMeta(strings.TrimPrefix(dr.pattern, "GET ")), `[^/?]+`) + `(\?.*)?$`)
		covered := false
		for _, rt := range routes {
			covered = covered || re.MatchString(fill(rt.path, other))
		}
		if !covered {
			t.Errorf("data route %s has no case in the scope table", dr.pattern)
		}
	}
	chief := e.loggedIn("tz1")
	for _, rt := range routes {
		r := chief.get(fill(rt.path, other))
		wantStatus(t, "民一庭庭长 "+fill(rt.path, other), r, http.StatusForbidden, "您无权查看")
		r = chief.get(fill(rt.path, own))
		if want := map[bool]int{true: 200, false: 403}[rt.ownOK]; r.status != want {
			t.Errorf("民一庭庭长 %s: %d, want %d", fill(rt.path, own), r.status, want)
		}
	}
	for _, path := range []string{"/bands", "/indicators/definitions"} { // the edits: POST, whole court only
		wantStatus(t, "民一庭庭长 POST "+path, chief.post(path, url.Values{"indicator": {"closed"}}), http.StatusForbidden, "仅审管办和系统管理员")
	}
	president := e.loggedIn("yz")
	for _, rt := range routes[:len(routes)-1] {
		if r := president.get(fill(rt.path, other)); r.status != http.StatusOK {
			t.Errorf("院领导 %s: %d", fill(rt.path, other), r.status)
		}
	}
}

func TestJudgeScope(t *testing.T) {
	e := newEnv(t)
	id := e.ids()
	judge := e.loggedIn("fg") // 李法官, 民一庭
	tests := []struct {
		path   string
		status int
	}{
		{fmt.Sprintf("/units/judge/%d", id["李法官"]), 200},
		{fmt.Sprintf("/units/judge/%d", id["王庭长"]), 403},
		{fmt.Sprintf("/units/department/%d", id["示例市中级人民法院/民一庭"]), 403},
		{"/cases/" + url.PathEscape("（2025）示01民初3号"), 200},
		{"/cases/" + url.PathEscape("（2024）示01民初4号"), 200}, // on the panel
		{"/cases/" + url.PathEscape("（2020）示01民初1号"), 403},
		{"/cases/" + url.PathEscape("（2024）示01民终1号"), 403},
	}
	for _, tt := range tests {
		if r := judge.get(tt.path); r.status != tt.status {
			t.Errorf("法官 %s: %d, want %d", tt.path, r.status, tt.status)
		}
	}
	r := judge.get("/")
	if loc := r.header.Get("Location"); loc != fmt.Sprintf("/units/judge/%d", id["李法官"]) {
		t.Errorf("judge's home goes to %q", loc)
	}
}

func TestBadInput(t *testing.T) {
	e := newEnv(t)
	id := e.ids()
	c := e.loggedIn("yz")
	dept := fmt.Sprintf("/units/department/%d", id["示例市中级人民法院/民一庭"])
	tests := []struct {
		name, path string
		status     int
		text       string
	}{
		{"unknown department", "/units/department/99999", 404, "部门编号 99999 不存在"},
		{"unknown judge", "/units/judge/99999", 404, "人员编号 99999 不存在"},
		{"unknown court", "/units/court/99999/cases/pending", 404, "法院编号 99999 不存在"},
		{"bad unit id", "/units/court/abc", 404, "单位编号“abc”无效"},
		{"bad unit kind", "/units/planet/1", 404, "单位类别“planet”无效"},
		{"T1 before T0", dept + "?p=custom&from=2025-06-01&to=2025-01-01", 400, "统计期间的结束日期 2025-01-01 早于开始日期 2025-06-01"},
		{"unparseable date", dept + "?p=custom&from=2025-02-30&to=2025-06-01", 400, "日期 &#34;2025-02-30&#34; 无法识别"},
		{"unknown period", dept + "?p=decade", 400, "统计期间“decade”无效"},
		{"unknown kind", dept + "?kind=海事", 400, "案件类别“海事”无效"},
		{"unknown list", dept + "/cases/everything", 404, "案件清单“everything”不存在"},
		{"bad sort", dept + "/cases/pending?sort=color", 400, "排序字段“color”无效"},
		{"bad page", dept + "/cases/pending?page=0", 400, "页码“0”无效"},
		{"page past the end", dept + "/cases/pending?page=9", 404, "第 9 页不存在"},
		{"bad export format", dept + "/cases/pending?format=pdf", 400, "导出格式“pdf”无效"},
		{"unknown indicator", dept + "/indicators/happiness", 404, "指标“happiness”不存在"},
		{"bad part", dept + "/indicators/filed/cases?part=half", 400, "part 应为 numerator"},
		{"bad sub-unit sort", dept + "/indicators/filed?sort=rank", 400, "排序字段“rank”无效"},
		{"period on the indicator page", dept + "/indicators/filed?p=custom&from=2025-06-01&to=2025-01-01", 400, "早于开始日期"},
		{"unparseable case number", "/cases/" + url.PathEscape("2024民初1"), 400, "无法解析"},
		{"unknown case", "/cases/" + url.PathEscape("（2024）示01民初999号"), 404, "未找到案件"},
	}
	for _, tt := range tests {
		wantStatus(t, tt.name, c.get(tt.path), tt.status, tt.text)
	}
}

func TestCaseListsAndPage(t *testing.T) {
	e := newEnv(t)
	id := e.ids()
	c := e.loggedIn("yz")
	dept := fmt.Sprintf("/units/department/%d", id["示例市中级人民法院/民一庭"])
	r := c.get(dept + "/cases/pending-long")
	wantStatus(t, "long pending", r, 200, `<strong id="case-count">1</strong>`)
	if !strings.Contains(r.body, "（2020）示01民初1号") || strings.Contains(r.body, "（2025）示01民初3号") {
		t.Errorf("long pending list is wrong:\n%s", r.body)
	}
	r = c.get(dept + "/cases/near-limit")
	if !strings.Contains(r.body, "（2025）示01民初3号") || !strings.Contains(r.body, "临近审限（剩 10 天）") || !strings.Contains(r.body, "已超审限") {
		t.Errorf("near-limit list lacks the near case or the overdue one:\n%.3000s", r.body)
	}
	r = c.get(dept + "/cases/pending?sort=filed&dir=desc")
	if i, j := strings.Index(r.body, "（2025）示01民初3号"), strings.Index(r.body, "（2020）示01民初1号"); i < 0 || j < 0 || i > j {
		t.Errorf("descending sort by 立案日期 is wrong")
	}
	x := c.get(dept + "/cases/pending?format=xlsx")
	if x.status != 200 || !strings.HasPrefix(x.body, "PK") || !strings.Contains(x.header.Get("Content-Disposition"), "attachment") {
		t.Errorf("xlsx export: %d %q", x.status, x.header.Get("Content-Disposition"))
	}
	r = c.get("/cases/" + url.PathEscape("(2024)示01民终1号"))
	wantStatus(t, "case page", r, 200, "（2024）示01民初4号")
	for _, want := range []string{"赵法官", "已超审限", `<span class="node current">（2024）示01民终1号`} {
		if !strings.Contains(r.body, want) {
			t.Errorf("case page lacks %q", want)
		}
	}
	r = c.get("/cases/" + url.PathEscape("（2024）示01民初4号"))
	for _, want := range []string{"李法官", "审限内结案", "（2024）示01民终1号", "判决"} {
		if !strings.Contains(r.body, want) {
			t.Errorf("first-instance case page lacks %q", want)
		}
	}
}
