package web

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/zhixiao/zhixiao/internal/auth"
	"github.com/zhixiao/zhixiao/internal/deid"
)

func sampleDeidForm(v *visitor) view {
	return view{Title: "文书脱敏", Nav: "deid", Visitor: v, CSRF: "t", Error: "请选择要脱敏的文书（.txt 或 .docx）",
		Data: deidFormPage{Case: "（2024）示01民初4号", Strict: true, Keep: 15, Recent: []deidRecent{{At: time.Now(), Object: "文书 sha256:0123456789abcdef", Setting: "严格", Changes: "姓名 3"}}}}
}

func sampleDeidResult(v *visitor) view {
	r := deid.Text(deid.Sample(), deid.Options{})
	return view{Title: "脱敏结果", Nav: "deid", Visitor: v, CSRF: "t", Data: deidResultView{Token: "t0", Name: "示例判决书.txt", OutName: "示例判决书_脱敏.txt",
		Setting: "最低要求", Kind: "民事", Family: true, Counts: "姓名 15", Warnings: r.Warnings, Parties: partyRows(r, deid.Minimum), Changes: r.Changes, More: 3, Preview: r.Text, Cut: true, Expires: time.Now()}}
}

// newDeidEnv is the test web app with the module's store.
func newDeidEnv(t *testing.T) *env {
	e := newEnv(t)
	e.srv.mods.deid.db = e.db
	return e
}

// upload posts the /deid form with files (field → name → content).
func (c *client) upload(fields map[string]string, files map[string][2]string) resp {
	c.e.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	if _, ok := fields["csrf"]; !ok {
		mw.WriteField("csrf", c.csrf)
	}
	for k, v := range fields {
		mw.WriteField(k, v)
	}
	for field, f := range files {
		w, _ := mw.CreateFormFile(field, f[0])
		io.WriteString(w, f[1])
	}
	mw.Close()
	req, _ := http.NewRequest("POST", c.e.ts.URL+"/deid", &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return c.do(req)
}

var resultPath = regexp.MustCompile(`^/deid/results/[0-9a-f]{32}$`)

func TestDeidPageAccess(t *testing.T) {
	e := newDeidEnv(t)
	for _, login := range []string{"yz", "sgb", "tz1", "fg"} {
		c := e.loggedIn(login)
		wantStatus(t, login+" /deid", c.get("/deid"), http.StatusOK, `id="deid-form"`)
		if r := c.get("/deid"); !strings.Contains(r.body, `<a href="/deid" class="active">文书脱敏</a>`) {
			t.Errorf("%s: navigation lacks 文书脱敏", login)
		}
	}
	admin := e.loggedIn("admin")
	wantStatus(t, "admin /deid", admin.get("/deid"), http.StatusForbidden, "文书脱敏仅对院领导、审管办、庭长和法官开放")
	if r := admin.get("/admin/users"); r.status != 200 || strings.Contains(r.body, `href="/deid"`) {
		t.Error("admin's navigation shows 文书脱敏")
	}
	if r := e.client().get("/deid"); r.status != http.StatusSeeOther {
		t.Errorf("anonymous /deid: status %d, want a redirect to the login", r.status)
	}
	bare := newEnv(t)
	bare.srv.mods.deid.db = nil // a server built without the store
	wantStatus(t, "no store", bare.loggedIn("sgb").get("/deid"), http.StatusConflict, "无法记录审计日志")
}

func TestDeidUploadSample(t *testing.T) {
	e := newDeidEnv(t)
	c := e.loggedIn("sgb")
	c.get("/deid")
	r := c.upload(map[string]string{"sample": "1", "setting": "strict"}, nil)
	loc := r.header.Get("Location")
	if r.status != http.StatusSeeOther || !resultPath.MatchString(loc) {
		t.Fatalf("upload: status %d, location %q\n%.500s", r.status, loc, r.body)
	}
	page := c.get(loc)
	wantStatus(t, "result", page, http.StatusOK, `id="deid-changes"`)
	for _, s := range []string{"隐名为 张某", "严格", "第四条第（四）项", "王某某", "保留（律师）", "保留（单位）"} {
		if !strings.Contains(page.body, s) {
			t.Errorf("result page lacks %q", s)
		}
	}
	file := c.get(loc + "/file")
	if file.status != 200 || strings.Contains(file.body, "张小红") || !strings.Contains(file.body, "原告：张某") ||
		!strings.Contains(file.header.Get("Content-Disposition"), "filename*=UTF-8''%E7%A4%BA%E4%BE%8B") {
		t.Errorf("download: %d %q\n%.300s", file.status, file.header.Get("Content-Disposition"), file.body)
	}
	var changes []map[string]any
	if rj := c.get(loc + "/report.json"); json.Unmarshal([]byte(rj.body), &changes) != nil || len(changes) < 20 || changes[0]["type"] != "name" {
		t.Errorf("report.json: %.300s", rj.body)
	}
	if rc := c.get(loc + "/report.csv"); !strings.HasPrefix(rc.body, "\ufeff位置,类型,原文,替换为,依据\n") {
		t.Errorf("report.csv: %.200s", rc.body)
	}
	es, err := e.db.DeidRecords(t.Context(), "sgb", 5)
	if err != nil || len(es) != 1 || es[0].Action != auth.ActionDeid || !strings.Contains(es[0].After, deid.Hash([]byte(deid.Sample()))) ||
		strings.Contains(es[0].After, "张小红") || strings.Contains(es[0].Object, "示例") {
		t.Errorf("audit: %+v, %v", es, err)
	}
	wantStatus(t, "recent records", c.get("/deid"), http.StatusOK, es[0].Object)
	other := e.loggedIn("fg")
	wantStatus(t, "another user's result", other.get(loc+"/file"), http.StatusNotFound, "不存在或已过期")
	e.clock.Advance(deidKeep + time.Minute)
	e.srv.ExpireDeidResults()
	if n := len(e.srv.mods.deid.results.byToken); n != 0 || e.srv.mods.deid.results.bytes != 0 {
		t.Errorf("%d results (%d bytes) kept after their time", n, e.srv.mods.deid.results.bytes)
	}
	wantStatus(t, "expired result", c.get(loc), http.StatusNotFound, "不存在或已过期")
}

func TestDeidUploadDOCX(t *testing.T) {
	e := newDeidEnv(t)
	c := e.loggedIn("fg")
	c.get("/deid")
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.Create("word/document.xml")
	io.WriteString(w, `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>`+
		`<w:p><w:r><w:t>（2024）示01民初4号 离婚纠纷</w:t></w:r></w:p>`+
		`<w:p><w:r><w:t>原告：赵</w:t></w:r><w:r><w:t>小燕，女，电话13800001111。</w:t></w:r></w:p>`+
		`<w:p><w:r><w:t>被告：钱多多，男。</w:t></w:r></w:p></w:body></w:document>`)
	zw.Close()
	r := c.upload(map[string]string{"case": "（2024）示01民初4号"}, map[string][2]string{"document": {"判决书.docx", buf.String()}})
	loc := r.header.Get("Location")
	if r.status != http.StatusSeeOther {
		t.Fatalf("upload: %d\n%.500s", r.status, r.body)
	}
	file := c.get(loc + "/file")
	zr, err := zip.NewReader(strings.NewReader(file.body), int64(len(file.body)))
	if err != nil {
		t.Fatalf("download is not a DOCX: %v", err)
	}
	rc, _ := zr.File[0].Open()
	doc, _ := io.ReadAll(rc)
	if !strings.Contains(string(doc), "<w:t>原告：赵某</w:t>") || strings.Contains(string(doc), "小燕") || strings.Contains(string(doc), "钱多多") || strings.Contains(string(doc), "13800001111") {
		t.Errorf("document.xml: %s", doc)
	}
	if ct := file.header.Get("Content-Type"); !strings.Contains(ct, "wordprocessingml") {
		t.Errorf("content type %q", ct)
	}
}

func TestDeidUploadErrors(t *testing.T) {
	e := newDeidEnv(t)
	c := e.loggedIn("tz2")
	c.get("/deid")
	tests := []struct {
		what   string
		fields map[string]string
		files  map[string][2]string
		status int
		text   string
	}{
		{"no file", nil, nil, 400, "请选择要脱敏的文书"},
		{"not a docx", nil, map[string][2]string{"document": {"a.docx", "hello"}}, 400, "不是有效的 DOCX 文件"},
		{"empty", nil, map[string][2]string{"document": {"a.txt", ""}}, 400, "是空的"},
		{"pdf", nil, map[string][2]string{"document": {"a.pdf", "%PDF-1.4"}}, 400, "只接受 .txt 和 .docx"},
		{"bad case number", map[string]string{"case": "2024民初1号"}, map[string][2]string{"document": {"a.txt", "原告张三"}}, 400, "无法解析"},
		{"a case outside the scope", map[string]string{"case": "（2020）示01民初1号"}, map[string][2]string{"document": {"a.txt", "原告张三"}}, 403, ""},
		{"bad parties", nil, map[string][2]string{"document": {"a.txt", "原告张三"}, "parties": {"p.csv", "名称,诉讼地位\n张三,原告\n"}}, 400, "缺少列“类型”"},
		{"no csrf", map[string]string{"csrf": "x", "sample": "1"}, nil, 403, "表单校验码无效"},
		{"unknown setting", map[string]string{"setting": "loose", "sample": "1"}, nil, 400, "未知的脱敏设置“loose”"},
	}
	for _, tc := range tests {
		wantStatus(t, tc.what, c.upload(tc.fields, tc.files), tc.status, tc.text)
	}
	if es, _ := e.db.DeidRecords(t.Context(), "", 5); len(es) != 0 {
		t.Errorf("failed uploads were audited: %+v", es)
	}
	small := httptest.NewRequest("POST", "/deid", strings.NewReader("x"))
	small.ContentLength = deidMaxBody + 1
	small.Header.Set("Content-Type", "multipart/form-data; boundary=x")
	w := httptest.NewRecorder()
	e.srv.ServeHTTP(w, small)
	if w.Code != http.StatusRequestEntityTooLarge || !strings.Contains(w.Body.String(), "20 MB") {
		t.Errorf("too large: %d %s", w.Code, w.Body)
	}
	// a body that does not say its length (chunked) and runs over the limit
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	mw.WriteField("csrf", c.csrf)
	fw, _ := mw.CreateFormFile("document", "big.txt")
	io.WriteString(fw, strings.Repeat("原告张三。", deidMaxBody/15+1000))
	mw.Close()
	req, _ := http.NewRequest("POST", e.ts.URL+"/deid", io.MultiReader(&body))
	req.Header.Set("Content-Type", mw.FormDataContentType())
	if big := c.do(req); big.status != http.StatusRequestEntityTooLarge || req.ContentLength != 0 {
		t.Errorf("too large without Content-Length: %d %.200s", big.status, big.body)
	}
}

func TestDeidCasePanel(t *testing.T) {
	e := newDeidEnv(t)
	r := e.loggedIn("sgb").get("/cases/" + "（2024）示01民初4号")
	wantStatus(t, "case page", r, http.StatusOK, `id="panel-deid"`)
	if !strings.Contains(r.body, `href="/deid?case=%ef%bc%882024%ef%bc%89%e7%a4%ba01%e6%b0%91%e5%88%9d4%e5%8f%b7"`) {
		t.Errorf("panel link: %.2000s", r.body[strings.Index(r.body, "panel-deid"):])
	}
	if r := e.loggedIn("admin").get("/cases/（2024）示01民初4号"); strings.Contains(r.body, `id="panel-deid"`) {
		t.Error("admin sees the 文书脱敏 panel")
	}
}

// TestDeidHomePanel: the visitor's own dashboard counts their
// de-identifications of the last 30 days; another unit's dashboard has no
// such panel.
func TestDeidHomePanel(t *testing.T) {
	e := newDeidEnv(t)
	c := e.loggedIn("fg")
	c.get("/deid")
	c.upload(map[string]string{"sample": "1"}, nil)
	home := c.get("/")
	for home.status == http.StatusSeeOther || home.status == http.StatusFound {
		home = c.get(home.header.Get("Location"))
	}
	wantStatus(t, "home", home, http.StatusOK, `id="deid-home-count">1</strong>`)
	sgb := e.loggedIn("sgb")
	r := sgb.get("/")
	for r.status == http.StatusSeeOther || r.status == http.StatusFound {
		r = sgb.get(r.header.Get("Location"))
	}
	wantStatus(t, "sgb home", r, http.StatusOK, `id="deid-home-count">0</strong>`)
	ids := e.ids()
	if r := sgb.get(fmt.Sprintf("/units/department/%d", ids["示例市中级人民法院/民一庭"])); r.status != 200 || strings.Contains(r.body, "deid-home-count") {
		t.Errorf("a unit that is not home: %d, panel shown: %v", r.status, strings.Contains(r.body, "deid-home-count"))
	}
}

func TestDeidResultsEvictOldest(t *testing.T) {
	rs := newDeidResults()
	now := time.Now()
	var first string
	for i := 0; i < deidMaxResults+1; i++ {
		tok := rs.put(&deidResult{owner: 1, out: []byte("x"), created: now}, now)
		if i == 0 {
			first = tok
		}
	}
	if _, ok := rs.get(first, 1, now); ok {
		t.Error("the oldest result was kept beyond deidMaxResults")
	}
	if len(rs.order) != deidMaxResults || len(rs.byToken) != deidMaxResults {
		t.Errorf("%d results kept, want %d", len(rs.order), deidMaxResults)
	}
}

func TestDeidAttrEscape(t *testing.T) {
	if got := attrEscape(`判决书 "a";b.docx`); got != "%E5%88%A4%E5%86%B3%E4%B9%A6%20%22a%22%3Bb.docx" {
		t.Errorf("attrEscape = %q", got)
	}
}

// partyStore is the store once it keeps the case's parties (issue 9 part 2).
type partyStore struct {
	DeidStore
	asked []string
}

func (p *partyStore) DeidParties(ctx context.Context, caseNo string) ([]deid.Party, error) {
	p.asked = append(p.asked, caseNo)
	return []deid.Party{{Name: "马丽娟", Role: "原告", Type: deid.Natural, Of: -1}}, nil
}

// TestDeidCaseParties: with a store that keeps parties, the 案号 brings the
// case's parties, which are masked even where the document has no 当事人
// paragraph (the strict setting).
func TestDeidCaseParties(t *testing.T) {
	e := newDeidEnv(t)
	ps := &partyStore{DeidStore: e.db}
	e.srv.mods.deid.db = ps
	c := e.loggedIn("sgb")
	c.get("/deid")
	r := c.upload(map[string]string{"case": "（2024）示01民初4号", "setting": "strict"}, map[string][2]string{"document": {"a.txt", "本院受理马丽娟诉示例公司一案。"}})
	if r.status != http.StatusSeeOther || len(ps.asked) != 1 || ps.asked[0] != "（2024）示01民初4号" {
		t.Fatalf("upload: %d, asked %v\n%.300s", r.status, ps.asked, r.body)
	}
	if file := c.get(r.header.Get("Location") + "/file"); file.body != "本院受理马某诉示例公司一案。" {
		t.Errorf("copy: %q", file.body)
	}
}
