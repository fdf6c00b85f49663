package web

import (
	"encoding/json"
	"fmt"
	"html"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

var (
	tileNum   = regexp.MustCompile(`(?s)id="tile-%s">.*?class="num-link" href="([^"]+)">([^<]+)</a>`)
	dataBlock = regexp.MustCompile(`data-chart="([^"]+)" data-spec="([^"]*)"`)
)

// tileNumerator finds a tile's numerator and the link behind it.
func tileNumerator(t *testing.T, body, id string) (link, count string) {
	t.Helper()
	m := regexp.MustCompile(fmt.Sprintf(tileNum.String(), id)).FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no tile %s on the page", id)
	}
	return html.UnescapeString(m[1]), m[2]
}

func TestDashboardTilesDrillDown(t *testing.T) {
	e := newEnv(t)
	id := e.ids()
	c := e.loggedIn("yz")
	r := c.get("/")
	if loc := r.header.Get("Location"); loc != fmt.Sprintf("/units/court/%d", id["示例市中级人民法院"]) {
		t.Fatalf("president's home: %q", loc)
	}
	page := c.get(fmt.Sprintf("/units/court/%d?p=custom&from=2020-01-01&to=%s", id["示例市中级人民法院"], e.srv.today()))
	wantStatus(t, "dashboard", page, 200, "驾驶舱 · 示例市中级人民法院")
	if n := len(dataBlock.FindAllStringSubmatch(page.body, -1)); n < 30 {
		t.Errorf("dashboard has %d charts", n)
	}
	for _, m := range dataBlock.FindAllStringSubmatch(page.body, -1) {
		var v any
		if err := json.Unmarshal([]byte(html.UnescapeString(m[2])), &v); err != nil {
			t.Errorf("data block %s is not JSON: %v", m[1], err)
		}
	}
	for _, ind := range []string{"filed", "closed", "pending_end", "within_limit_rate"} {
		link, count := tileNumerator(t, page.body, ind)
		list := c.get(link)
		want := `<strong id="case-count">` + count + `</strong>`
		if list.status != 200 || !strings.Contains(list.body, want) {
			t.Errorf("%s: tile numerator %s, list %d:\n%.1500s", ind, count, list.status, list.body)
		}
	}
	if !strings.Contains(page.body, `id="children"`) || !strings.Contains(page.body, "民一庭") || !strings.Contains(page.body, "民二庭") {
		t.Error("the court's departments are not offered")
	}
}

func TestIndicatorPage(t *testing.T) {
	e := newEnv(t)
	id := e.ids()
	c := e.loggedIn("yz")
	base := fmt.Sprintf("/units/court/%d/indicators/pending_end?p=custom&from=2020-01-01&to=%s", id["示例市中级人民法院"], e.srv.today())
	r := c.get(base)
	wantStatus(t, "indicator page", r, 200, "未结 · 示例市中级人民法院")
	for _, want := range []string{`id="trend"`, `id="subs"`, "民一庭", "民二庭", `id="ages"`, "口径"} {
		if !strings.Contains(r.body, want) {
			t.Errorf("indicator page lacks %q", want)
		}
	}
	chief := e.loggedIn("tz1")
	r = chief.get(fmt.Sprintf("/units/department/%d/indicators/pending_end?p=12m", id["示例市中级人民法院/民一庭"]))
	if r.status != 200 || strings.Contains(r.body, "赵法官") || !strings.Contains(r.body, "李法官") {
		t.Errorf("chief's indicator page: %d; it must list 民一庭's judges and no other", r.status)
	}
	q := url.Values{"part": {"numerator"}}
	r = chief.get(fmt.Sprintf("/units/department/%d/indicators/pending_end/cases?%s", id["示例市中级人民法院/民一庭"], q.Encode()))
	if r.status != 200 || strings.Contains(r.body, "（2020）示01民初2号") {
		t.Errorf("chief's drill-down: %d, or it shows 民二庭's case", r.status)
	}
}
