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

// prefilled is the JSON the form of indicator id offers, as a browser submits it.
func prefilled(t *testing.T, page, id string) string {
	t.Helper()
	m := regexp.MustCompile(`id="json-` + id + `"[^>]*>([^<]*)</textarea>`).FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("the definitions page has no form for %s", id)
	}
	return html.UnescapeString(m[1])
}

func versionPost(id, from, def string) url.Values {
	return url.Values{"indicator": {id}, "effective_from": {from}, "definition": {def}}
}

// noneClosed is a version of 已结 that counts no case: no limit is that long.
func noneClosed(t *testing.T, page string) string {
	t.Helper()
	def := prefilled(t, page, "closed")
	if !strings.Contains(def, `"where": null`) {
		t.Fatalf("unexpected prefilled JSON:\n%s", def)
	}
	return strings.Replace(def, `"where": null`, `"where": ["limit_days > 100000"]`, 1)
}

func TestDefinitionsAdd(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	sgb := e.loggedIn("sgb")
	mid := e.ids()["示例市中级人民法院"]
	dash := func(from, to string) string {
		_, n := tileNumerator(t, sgb.get(fmt.Sprintf("/units/court/%d?p=custom&from=%s&to=%s", mid, from, to)).body, "closed")
		return n
	}
	today := e.srv.today().String()
	before, before2020 := dash("2020-01-01", today), dash("2020-01-01", "2020-12-31")
	if before == "0" {
		t.Fatal("the fixture has no closed case")
	}
	page := sgb.get("/indicators/definitions").body
	r := sgb.post("/indicators/definitions", versionPost("closed", "2021-01-01", noneClosed(t, page)))
	if r.status != http.StatusSeeOther || r.header.Get("Location") != "/indicators/definitions?done=added#def-closed" {
		t.Fatalf("add: %d %q\n%.800s", r.status, r.header.Get("Location"), r.body)
	}
	future := (e.srv.today() + 400).String()
	if r := sgb.post("/indicators/definitions", versionPost("closed", future, prefilled(t, page, "closed"))); r.status != http.StatusSeeOther {
		t.Fatalf("add a future version: %d\n%.800s", r.status, r.body)
	}
	page = sgb.get("/indicators/definitions?done=added").body
	for _, re := range []string{`口径版本已保存`, `(?s)id="def-closed-2" class="current">.*?2021-01-01.*?<strong>现行</strong>`,
		`(?s)id="def-closed-3">.*?` + future + `.*?尚未生效`, `(?s)id="def-closed-1">.*?已被取代`} {
		if !regexp.MustCompile(re).MatchString(page) {
			t.Errorf("the definitions page does not match %s", re)
		}
	}
	if got := dash("2020-01-01", today); got != "0" {
		t.Errorf("closed after the court version: %s, want 0 (was %s)", got, before)
	}
	if got := dash("2020-01-01", "2020-12-31"); got != before2020 {
		t.Errorf("closed in 2020, before the court version: %s, want the old %s", got, before2020)
	}
	log, n, err := e.db.AuditLog(ctx, auth.AuditQuery{Actor: "sgb", Action: auth.ActionIndicatorEdit})
	if err != nil || n != 2 {
		t.Fatalf("audit: %d entries (%v), want 2", n, err)
	}
	var found bool
	for _, en := range log {
		if en.Object == "指标口径 closed · 2021-01-01 起" {
			found = strings.Contains(en.Before, `"version": 1`) && strings.Contains(en.After, `"version": 2`) && strings.Contains(en.After, "limit_days > 100000")
		}
	}
	if !found {
		t.Errorf("no audit entry with the old and new versions: %+v", log)
	}
	if r := e.loggedIn("admin").get("/admin/audit?action=indicator_edit"); !strings.Contains(r.body, "修改指标版本") {
		t.Error("the audit page does not show the version added")
	}
	if r := e.loggedIn("yz").get("/indicators/definitions"); strings.Contains(r.body, `name="definition"`) || !strings.Contains(r.body, "尚未生效") {
		t.Error("院领导 sees a form, or not the versions")
	}
}

func TestDefinitionsRefused(t *testing.T) {
	e := newEnv(t)
	sgb := e.loggedIn("sgb")
	page := sgb.get("/indicators/definitions").body
	good := noneClosed(t, page)
	tests := []struct {
		name   string
		c      *client
		form   url.Values
		status int
		text   string
	}{
		{"庭长", e.loggedIn("tz1"), versionPost("closed", "2025-07-01", good), 403, "仅审管办和系统管理员可以新增指标口径版本"},
		{"法官", e.loggedIn("fg"), versionPost("closed", "2025-07-01", good), 403, "仅审管办和系统管理员可以新增指标口径版本"},
		{"院领导", e.loggedIn("yz"), versionPost("closed", "2025-07-01", good), 403, "仅审管办和系统管理员可以新增指标口径版本"},
		{"forged CSRF", sgb, withCSRF(versionPost("closed", "2025-07-01", good), "forged-token"), 403, "表单校验码无效"},
		{"bad JSON", sgb, versionPost("closed", "2025-07-01", `{"name": `), 400, "已结：口径不是有效的 JSON 对象"},
		{"not an object", sgb, versionPost("closed", "2025-07-01", `[]`), 400, "口径不是有效的 JSON 对象"},
		{"unknown column", sgb, versionPost("closed", "2025-07-01", strings.Replace(good, "limit_days", "happiness", 1)), 400, "happiness"},
		{"unknown field", sgb, versionPost("closed", "2025-07-01", strings.Replace(good, `"unit"`, `"colour": "红", "unit"`, 1)), 400, "colour"},
		{"bad date", sgb, versionPost("closed", "2025-02-30", good), 400, "已结：生效日期“2025-02-30”无法识别"},
		{"no date", sgb, versionPost("closed", "", good), 400, "生效日期“”无法识别"},
		{"unknown indicator", sgb, versionPost("happiness", "2025-07-01", good), 400, "未知指标“happiness”"},
		{"duplicate date", sgb, versionPost("closed", "1990-01-01", good), 409, "重复"},
	}
	for _, tt := range tests {
		wantStatus(t, tt.name, tt.c.post("/indicators/definitions", tt.form), tt.status, tt.text)
	}
	r := sgb.post("/indicators/definitions", versionPost("closed", "2025-02-30", good))
	if !strings.Contains(r.body, `value="2025-02-30"`) || !strings.Contains(r.body, "limit_days &gt; 100000") {
		t.Error("a refused version does not come back as entered")
	}
	if vs, err := e.db.DefinitionVersions(context.Background()); err != nil || len(vs) != 0 {
		t.Errorf("refused adds stored %d versions (%v)", len(vs), err)
	}
	if _, n, _ := e.db.AuditLog(context.Background(), auth.AuditQuery{Action: auth.ActionIndicatorEdit}); n != 0 {
		t.Errorf("refused adds wrote %d audit entries", n)
	}

	// A second version on the same date as a stored one: 409.
	if r := sgb.post("/indicators/definitions", versionPost("closed", "2025-07-01", good)); r.status != http.StatusSeeOther {
		t.Fatalf("add: %d", r.status)
	}
	wantStatus(t, "duplicate stored date", sgb.post("/indicators/definitions", versionPost("closed", "2025-07-01", good)), 409, "重复")
}
