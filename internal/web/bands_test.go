package web

import (
	"context"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/zhixiao/zhixiao/internal/auth"
)

var bandInputs = regexp.MustCompile(`name="(key|lower|upper)" value="([^"]*)"`)

// bandForm reads the band form of /bands as a browser would submit it,
// with the bounds of the band key replaced by lower and upper.
func bandFormOf(t *testing.T, page, key, lower, upper string) url.Values {
	t.Helper()
	f := url.Values{}
	cur := ""
	found := false
	for _, m := range bandInputs.FindAllStringSubmatch(page, -1) {
		name, val := m[1], html.UnescapeString(m[2])
		if name == "key" {
			cur = val
		}
		if cur == key && name != "key" {
			found = true
			val = map[string]string{"lower": lower, "upper": upper}[name]
		}
		f.Add(name, val)
	}
	if !found {
		t.Fatalf("the band form has no band %q", key)
	}
	return f
}

// tileOf is the HTML of one dashboard tile.
func tileOf(page, id string) string {
	i := strings.Index(page, `id="tile-`+id+`"`)
	if i < 0 {
		return ""
	}
	rest := page[i+1:]
	if j := strings.Index(rest, `id="tile-`); j >= 0 {
		rest = rest[:j]
	}
	return rest
}

func TestBandsPages(t *testing.T) {
	e := newEnv(t)
	tests := []struct {
		login  string
		status int
		texts  []string
	}{
		{"sgb", 200, []string{"当前使用：<strong>示意</strong>", `name="lower"`, "审限内结案率", "保存合理区间"}},
		{"admin", 200, []string{`name="lower"`, "保存合理区间"}},
		{"yz", 200, []string{"审限内结案率", "仅审管办和系统管理员可以修改合理区间"}},
		{"tz1", 403, []string{"您无权查看合理区间"}},
		{"fg", 403, []string{"您无权查看合理区间"}},
	}
	for _, tt := range tests {
		c := e.loggedIn(tt.login)
		r := c.get("/bands")
		for _, text := range tt.texts {
			wantStatus(t, tt.login+" /bands", r, tt.status, text)
		}
		if tt.login == "yz" && strings.Contains(r.body, `name="lower"`) {
			t.Error("院领导 gets an editable band form")
		}
	}
	r := e.loggedIn("sgb").get("/indicators/definitions")
	for _, text := range []string{"审限内结案率", "现行", "1990-01-01", "<th>口径</th>"} {
		wantStatus(t, "definitions", r, 200, text)
	}
}

func TestBandsSave(t *testing.T) {
	e := newEnv(t)
	const key = "closure_rate|中院|"
	court := fmt.Sprintf("/units/court/%d", e.ids()["示例市中级人民法院"])
	sgb := e.loggedIn("sgb")
	if tile := tileOf(sgb.get(court).body, "closure_rate"); !strings.Contains(tile, "未达标") {
		t.Fatalf("before: closure_rate tile is not 未达标:\n%s", tile)
	}
	page := sgb.get("/bands").body
	form := bandFormOf(t, page, key, "0", "")
	form.Set("note", "测试调整")
	r := sgb.post("/bands", form)
	if r.status != http.StatusSeeOther || r.header.Get("Location") != "/bands?done=saved" {
		i := strings.Index(r.body, "<main>")
		t.Fatalf("save: %d %q\n%.600s", r.status, r.header.Get("Location"), r.body[i:])
	}
	page = sgb.get("/bands?done=saved").body
	for _, text := range []string{"合理区间已保存", "当前使用：<strong>本院设定</strong>", "测试调整（sgb）"} {
		if !strings.Contains(page, text) {
			t.Errorf("after the save /bands lacks %q", text)
		}
	}
	if tile := tileOf(sgb.get(court).body, "closure_rate"); !strings.Contains(tile, ">达标<") {
		t.Errorf("after: closure_rate tile is not 达标:\n%s", tile)
	}
	rows, err := e.db.Bands(context.Background())
	if err != nil || len(rows) != len(e.srv.defBands.Bands) {
		t.Fatalf("stored %d bands (%v), want the whole set of %d", len(rows), err, len(e.srv.defBands.Bands))
	}
	log, _, err := e.db.AuditLog(context.Background(), auth.AuditQuery{Actor: "sgb", Action: auth.ActionBandEdit, Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, en := range log {
		if en.Object == "合理区间 closure_rate · 中院 · 各类别" {
			found = strings.Contains(en.Before, `"下限":0.65`) && strings.Contains(en.After, `"下限":0`) && strings.Contains(en.After, "测试调整")
		}
	}
	if !found || len(log) != len(rows) {
		t.Errorf("audit log: %d entries for %d bands; closure_rate entry found %v", len(log), len(rows), found)
	}
	if r := e.loggedIn("admin").get("/admin/audit?action=band_edit"); !strings.Contains(r.body, "修改合理区间") {
		t.Error("the audit page does not show the band edits")
	}

	// A second save writes only what changed.
	form = bandFormOf(t, sgb.get("/bands").body, key, "10", "")
	if r := sgb.post("/bands", form); r.status != http.StatusSeeOther {
		t.Fatalf("second save: %d", r.status)
	}
	if _, n, _ := e.db.AuditLog(context.Background(), auth.AuditQuery{Action: auth.ActionBandEdit}); n != len(rows)+1 {
		t.Errorf("after a second save of one band: %d audit entries, want %d", n, len(rows)+1)
	}
	if r := sgb.post("/bands", bandFormOf(t, sgb.get("/bands").body, key, "10", "")); r.header.Get("Location") != "/bands?done=unchanged" {
		t.Errorf("a save without change: %d %q", r.status, r.header.Get("Location"))
	}
}

func TestBandsRefused(t *testing.T) {
	e := newEnv(t)
	const key = "within_limit_rate||"
	sgb := e.loggedIn("sgb")
	page := sgb.get("/bands").body
	chief := e.loggedIn("tz1")
	president := e.loggedIn("yz")
	tests := []struct {
		name   string
		c      *client
		form   url.Values
		status int
		text   string
	}{
		{"庭长", chief, bandFormOf(t, page, key, "50", ""), 403, "仅审管办和系统管理员可以修改合理区间"},
		{"院领导", president, bandFormOf(t, page, key, "50", ""), 403, "仅审管办和系统管理员可以修改合理区间"},
		{"forged CSRF", sgb, withCSRF(bandFormOf(t, page, key, "50", ""), "forged-token"), 403, "表单校验码无效"},
		{"no CSRF", sgb, withCSRF(bandFormOf(t, page, key, "50", ""), ""), 403, "表单校验码无效"},
		{"lower above upper", sgb, bandFormOf(t, page, key, "99", "90"), 400, "审限内结案率（各层级 · 各类别）：下限 99 大于上限 90"},
		{"not a number", sgb, bandFormOf(t, page, key, "九十五", ""), 400, "审限内结案率（各层级 · 各类别）的下限“九十五”不是数字"},
		{"rate out of range", sgb, bandFormOf(t, page, key, "95", "120"), 400, "超出范围：比率应在 0% 到 100% 之间"},
		{"no bound", sgb, bandFormOf(t, page, key, "", ""), 400, "下限和上限至少填写一个"},
		{"unknown band", sgb, url.Values{"key": {"happiness||"}, "lower": {"1"}, "upper": {""}}, 400, "表单中的区间“happiness||”无效"},
	}
	for _, tt := range tests {
		wantStatus(t, tt.name, tt.c.post("/bands", tt.form), tt.status, tt.text)
	}
	if rows, err := e.db.Bands(context.Background()); err != nil || len(rows) != 0 {
		t.Errorf("refused saves stored %d bands (%v)", len(rows), err)
	}
	if _, n, _ := e.db.AuditLog(context.Background(), auth.AuditQuery{Action: auth.ActionBandEdit}); n != 0 {
		t.Errorf("refused saves wrote %d audit entries", n)
	}
	if r := sgb.get("/bands"); !strings.Contains(r.body, "当前使用：<strong>示意</strong>") {
		t.Error("after refused saves the bands are no longer the illustrative set")
	}
}

func withCSRF(f url.Values, token string) url.Values {
	f.Set("csrf", token)
	return f
}
