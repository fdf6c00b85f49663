package web

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/zhixiao/zhixiao/internal/auth"
	"github.com/zhixiao/zhixiao/internal/court"
	"github.com/zhixiao/zhixiao/internal/documents"
	"github.com/zhixiao/zhixiao/internal/indicator"
	"github.com/zhixiao/zhixiao/internal/store"
)

// sampleDocuments is the /documents page for TestEveryPageRenders.
func sampleDocuments() documentsPage {
	return documentsPage{
		Units:   []docUnit{{"court:1", "示例市中级人民法院"}, {"department:2", "示例市中级人民法院 民一庭"}},
		Month:   "2025-06",
		Stored:  []store.StoredBulletin{{ID: 1, Court: "示例市中级人民法院", Month: "2025-05", CreatedBy: "定时任务", CreatedAt: time.Now()}},
		Kinds:   []docKind{{Key: "mediation", Title: "民事调解书", FileName: "本院.docx", Custom: true, Placeholders: "法院、案号"}},
		CanEdit: true, FontNote: documents.NoFontNote, Flash: "模板已保存", Unit: "court:1", Title: "示例市中级人民法院审判质效月通报（2025年6月）",
		Preview: []documents.Section{{Heading: "总体情况", Lines: []string{"2025年6月，示例市中级人民法院新收案件1件。"}}},
	}
}

// docsEnv is the test env with the 文书 module on, and the parties of the
// fixture's first-instance cases.
func docsEnv(t *testing.T) *env {
	t.Helper()
	return docsEnvWith(t, func(db *store.DB) DocumentsStore { return db })
}

// withSummaries is the store as it will be once the supervision and
// petitions modules are merged: it has their summaries.
type withSummaries struct{ *store.DB }

func (withSummaries) SupervisionSummary(context.Context, int64, court.Date) (court.SupervisionSummary, error) {
	return court.SupervisionSummary{Red: 7, ItemsOpen: 2}, nil
}

func (withSummaries) PetitionSummary(context.Context, int64, court.Period) (court.PetitionSummary, error) {
	return court.PetitionSummary{Received: 9, Closed: 4}, nil
}

// docsEnvWith is docsEnv with the store the module gets made by docs.
func docsEnvWith(t *testing.T, docs func(*store.DB) DocumentsStore) *env {
	t.Helper()
	e := newEnv(t)
	ctx := context.Background()
	im, err := e.db.BeginImport(ctx, store.ImportMeta{Kind: "parties", FileName: "parties.csv", SHA256: "-", Actor: "test"})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []court.Party{
		{CaseNo: "（2025）示01民初3号", Name: "张三", Role: "原告", Type: court.NaturalPerson, IDNo: "110105198503020011", Agents: []string{"李律师"}},
		{CaseNo: "（2025）示01民初3号", Name: "示例市某某有限公司", Role: "被告", Type: court.LegalPerson, IDNo: "91110105MA01ABCD13"},
	} {
		if err := im.AddParty(&p); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := im.Commit(0); err != nil {
		t.Fatal(err)
	}
	e.ts.Close()
	c := &clock{t: time.Now().UTC()}
	cfg := DefaultConfig()
	cfg.Passwords, cfg.Now = auth.TestParams(), c.Now
	cfg.Log = slog.New(slog.NewTextHandler(testLog{t}, nil))
	eng, err := indicator.New(ctx, e.db, nil)
	if err != nil {
		t.Fatal(err)
	}
	bands, _ := indicator.IllustrativeBands()
	asOf, _ := e.db.LatestDay(ctx)
	srv, err := New(cfg, Deps{Accounts: e.db, Data: e.db, Engine: eng, AsOf: asOf, Bands: bands, BandStore: e.db, DefinitionStore: e.db, Documents: docs(e.db)})
	if err != nil {
		t.Fatal(err)
	}
	e.srv, e.clock = srv, c
	e.ts = httptest.NewServer(srv)
	t.Cleanup(e.ts.Close)
	return e
}

func TestDocumentsDraftDownloadAndScope(t *testing.T) {
	e := docsEnv(t)
	no := url.QueryEscape("（2025）示01民初3号")
	c := e.loggedIn("fg") // 李法官 handles 民初3
	r := c.get("/cases/" + url.PathEscape("（2025）示01民初3号"))
	wantStatus(t, "case page", r, 200, `id="panel-documents"`)
	for _, want := range []string{"原告 张三", "民事判决书（一审普通程序）", "约谈通知书"} {
		if !strings.Contains(r.body, want) {
			t.Errorf("case panel lacks %q", want)
		}
	}
	d := c.get("/documents/draft?case=" + no + "&type=judgment_ordinary")
	if d.status != 200 || !strings.HasPrefix(d.body, "PK") || !strings.Contains(d.header.Get("Content-Disposition"), "attachment") {
		t.Fatalf("draft: %d %.300s", d.status, d.body)
	}
	text, err := documents.DocumentText([]byte(d.body))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"示例市中级人民法院", "（2025）示01民初3号", "原告：张三，男，1985年3月2日出生", "委托诉讼代理人：李律师。", "审　判　长　李法官"} {
		if !strings.Contains(text, want) {
			t.Errorf("draft lacks %q:\n%s", want, text)
		}
	}
	// 民一庭's chief sees it; 民二庭's chief does not; a case without parties
	// gets a clear error.
	if r := e.loggedIn("tz1").get("/documents/draft?case=" + no + "&type=mediation"); r.status != 200 {
		t.Errorf("chief of the case's department: %d", r.status)
	}
	wantStatus(t, "other department", e.loggedIn("tz2").get("/documents/draft?case="+no+"&type=mediation"), 403, "")
	wantStatus(t, "no parties", e.loggedIn("yz").get("/documents/draft?case="+url.QueryEscape("（2020）示01民初1号")+"&type=judgment_ordinary"), 400, "没有当事人信息")
	wantStatus(t, "unknown kind", c.get("/documents/draft?case="+no+"&type=公告"), 400, "未知的文书类型")
}

func TestDocumentsBulletinDownloadAndScope(t *testing.T) {
	e := docsEnv(t)
	ids := e.ids()
	yz := e.loggedIn("yz")
	wantStatus(t, "documents page", yz.get("/documents"), 200, "示例市中级人民法院 民一庭")
	month := time.Now().Format("2006-01")
	u := "/documents/bulletin?unit=court:" + itoa(ids["示例市中级人民法院"]) + "&month=" + month
	r := yz.get(u + "&format=docx")
	if r.status != 200 || !strings.HasPrefix(r.body, "PK") {
		t.Fatalf("bulletin docx: %d %.300s", r.status, r.body)
	}
	text, _ := documents.DocumentText([]byte(r.body))
	if !strings.Contains(text, "示例市中级人民法院审判质效月通报") || !strings.Contains(text, "长期未结") {
		t.Errorf("bulletin text:\n%s", text)
	}
	if x := yz.get(u + "&format=xlsx"); x.status != 200 || !strings.HasPrefix(x.body, "PK") {
		t.Errorf("bulletin xlsx: %d", x.status)
	}
	dept := "/documents/bulletin?unit=department:" + itoa(ids["示例市中级人民法院/民二庭"]) + "&month=" + month + "&format=xlsx"
	wantStatus(t, "chief of another department", e.loggedIn("tz1").get(dept), 403, "")
	if r := e.loggedIn("tz2").get(dept); r.status != 200 {
		t.Errorf("chief of the department: %d", r.status)
	}
	wantStatus(t, "bad month", yz.get("/documents/bulletin?unit=court:1&month=2025-13&format=docx"), 400, "月份")
	preview := yz.get("/documents?unit=court:" + itoa(ids["示例市中级人民法院"]) + "&month=" + month)
	wantStatus(t, "preview", preview, 200, `id="preview"`)
	for _, want := range []string{"预览：示例市中级人民法院审判质效月通报", "总体情况", "未结案件中审理时间最长的是", "督办单在办", "群众诉求"} {
		if !strings.Contains(preview.body, want) {
			t.Errorf("preview lacks %q", want)
		}
	}
	// The store gives the supervision and petitions summaries: neither section may say it has no source.
	if strings.Contains(preview.body, "模块未提供") {
		t.Error("preview says a module gave no summary: SupervisionSummary or PetitionSummary is not wired")
	}
	wantStatus(t, "preview outside the scope", e.loggedIn("tz1").get("/documents?unit=court:"+itoa(ids["示例市甲区人民法院"])+"&month="+month), 403, "")
	page := e.loggedIn("fg").get("/documents")
	wantStatus(t, "judge's documents page", page, 200, "数据范围不含法院或部门")
}

func TestDocumentsMonthlyJob(t *testing.T) {
	e := docsEnv(t)
	n, err := e.srv.WriteBulletins(context.Background(), "定时任务")
	if err != nil || n != 2 {
		t.Fatalf("first run: %d, %v", n, err)
	}
	if n, err := e.srv.WriteBulletins(context.Background(), "定时任务"); err != nil || n != 0 {
		t.Errorf("second run writes nothing: %d, %v", n, err)
	}
	r := e.loggedIn("yz").get("/documents")
	wantStatus(t, "stored list", r, 200, "定时任务")
	if strings.Count(r.body, "/documents/bulletins/") != 4 {
		t.Errorf("the president sees both courts' bulletins:\n%.2000s", r.body)
	}
	tz := e.loggedIn("tz1")
	list := tz.get("/documents")
	if strings.Count(list.body, "/documents/bulletins/") != 0 {
		t.Error("a chief sees no court's stored bulletin")
	}
	bs, _ := e.db.StoredBulletins(context.Background(), nil)
	wantStatus(t, "chief downloads a court bulletin", tz.get("/documents/bulletins/"+itoa(bs[0].ID)+"/docx"), 403, "")
}

func TestDocumentsTemplateUpload(t *testing.T) {
	e := docsEnv(t)
	sgb := e.loggedIn("sgb")
	page := sgb.get("/documents")
	wantStatus(t, "page", page, 200, `enctype="multipart/form-data"`)
	good := documents.DefaultTemplate(documents.KindInterviewNotice)
	if r := upload(sgb, "/documents/templates/interview_notice", "本院约谈.docx", good); r.status != http.StatusSeeOther {
		t.Fatalf("upload: %d %.500s", r.status, r.body)
	}
	wantStatus(t, "saved", sgb.get("/documents?saved=interview_notice"), 200, "本院约谈.docx")
	bad := docxText(t, "{{案号}}{{承办人电话}}")
	wantStatus(t, "unknown placeholder", upload(sgb, "/documents/templates/interview_notice", "坏模板.docx", bad), 400, "{{承办人电话}}")
	wantStatus(t, "not a docx", upload(sgb, "/documents/templates/interview_notice", "x.docx", []byte("hello")), 400, "不是有效的 DOCX")
	tz := e.loggedIn("tz1")
	tz.get("/documents")
	wantStatus(t, "chief uploads", upload(tz, "/documents/templates/interview_notice", "x.docx", good), 403, "仅审管办")
	log, _, _ := e.db.AuditLog(context.Background(), auth.AuditQuery{Action: auth.ActionTemplateEdit, Limit: 5})
	if len(log) != 1 || log[0].Actor != "sgb" || !strings.Contains(log[0].After, "本院约谈.docx") {
		t.Errorf("audit: %+v", log)
	}
	if r := sgb.post("/documents/templates/interview_notice/reset", nil); r.status != http.StatusSeeOther {
		t.Errorf("reset: %d", r.status)
	}
	if _, err := e.db.DocTemplate(context.Background(), "interview_notice"); court.KindOf(err) != court.NotFound {
		t.Errorf("after reset: %v", err)
	}
}

// upload posts a file as 审管办's browser would.
func upload(c *client, path, name string, content []byte) resp {
	c.e.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	mw.WriteField("csrf", c.csrf)
	fw, _ := mw.CreateFormFile("file", name)
	fw.Write(content)
	mw.Close()
	req, _ := http.NewRequest("POST", c.e.ts.URL+path, &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return c.do(req)
}

// docxText is the default interview notice with its body replaced by one
// paragraph of text.
func docxText(t *testing.T, text string) []byte {
	t.Helper()
	src := documents.DefaultTemplate(documents.KindInterviewNotice)
	zr, err := zip.NewReader(bytes.NewReader(src), int64(len(src)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		rc, _ := f.Open()
		b, _ := io.ReadAll(rc)
		rc.Close()
		if f.Name == "word/document.xml" {
			s := string(b)
			b = []byte(s[:strings.Index(s, "<w:body>")+len("<w:body>")] + "<w:p><w:r><w:t>" + text + "</w:t></w:r></w:p></w:body></w:document>")
		}
		w, _ := zw.Create(f.Name)
		w.Write(b)
	}
	zw.Close()
	return buf.Bytes()
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// TestDocumentsSummariesWired checks that a store with the supervision and
// petitions summaries feeds the bulletin without further wiring.
func TestDocumentsSummariesWired(t *testing.T) {
	e := docsEnvWith(t, func(db *store.DB) DocumentsStore { return withSummaries{db} })
	u := "/documents/bulletin?unit=court:" + itoa(e.ids()["示例市中级人民法院"]) + "&month=" + time.Now().Format("2006-01") + "&format=docx"
	r := e.loggedIn("yz").get(u)
	text, err := documents.DocumentText([]byte(r.body))
	if err != nil || !strings.Contains(text, "红色预警7件") || !strings.Contains(text, "收到群众诉求9件，办结4件") {
		t.Errorf("summaries not in the bulletin: %v\n%s", err, text)
	}
}
