package web

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/zhixiao/zhixiao/internal/auth"
	"github.com/zhixiao/zhixiao/internal/court"
	"github.com/zhixiao/zhixiao/internal/importer"
	"github.com/zhixiao/zhixiao/internal/indicator"
	"github.com/zhixiao/zhixiao/internal/petitions"
	"github.com/zhixiao/zhixiao/internal/store"
)

// petitionsSamplePages are the module's pages for TestEveryPageRenders.
func petitionsSamplePages(v *visitor) map[string]view {
	p := petitions.Petition{ID: 1, CourtID: 1, No: "诉〔2026〕1号", Channel: petitions.ChannelWindow, Type: petitions.TypeComplaint, Matter: "投诉",
		Subject: "<script>alert(1)</script>", Content: "内容", Citizen: petitions.Citizen{Name: "张三", Phone: "13800001234"},
		ReceivedOn: court.DateOf(2026, 11, 2), Status: petitions.StatusHandling, OwnerID: 1, Owner: "admin", Staff: []petitions.Staff{{PersonID: 1, Name: "李法官"}}}
	cal := petitions.NewCalendar(petitions.StateCouncilDays())
	row := petitionRow{P: p, Access: petitions.Access{See: true, Personal: true, Act: true}, Due: petitions.DefaultRules().DeadlinesOf(cal, p.ReceivedOn), Owner: "admin", Late: "答复"}
	cl := petitions.DefaultChecklists()[0]
	evs := []petitions.Event{{At: time.Now(), Actor: "admin", Kind: "移交", From: "a", To: "b", Note: "理由", Public: true, PublicNote: "已转民一庭办理"}}
	total := petitions.BulletinRow{Dept: "合计", Received: 3, ByType: map[petitions.Type]int{petitions.TypeComplaint: 3}, FeedbackDue: 2, FeedbackOnTime: 1}
	ptDay := store.ReceptionDay{ID: 1, Day: p.ReceivedOn, Leader: "院长", Place: "接待室", Slots: 2, Bookings: []store.ReceptionBooking{{ID: 1, Citizen: p.Citizen, Topic: "执行"}}}
	o := []store.OrgCourt{{ID: 1, Name: "示例市中级人民法院"}}
	mk := func(title string, data any) view {
		return view{Title: title, Nav: "petitions", Visitor: v, CSRF: "t", Data: data}
	}
	return map[string]view{
		"petitions_list":      mk("群众诉求", petitionListPage{Rows: []petitionRow{row}, Filter: "open", Counts: map[string]int{"open": 1}}),
		"petitions_new":       mk("登记群众诉求", petitionNewPage{Form: p, Channels: petitions.Channels(), Types: petitions.Types(), Checklists: petitions.DefaultChecklists()}),
		"petitions_created":   mk("诉求已登记", petitionCreatedPage{P: p, Code: "7K3M-Q9TX-2HRB-W5NC", Checklist: &cl}),
		"petitions_show":      mk("群众诉求 诉〔2026〕1号", petitionShowPage{Row: row, Events: evs, Targets: []petitionTargetOpt{{"d1", "民一庭"}}, Findings: petitions.Findings()}),
		"petitions_notice":    mk("一次性告知书", petitionNoticePage{P: p, Checklist: &cl}),
		"petitions_setup":     mk("诉求设置", petitionSetupPage{Checklists: petitions.DefaultChecklists(), Days: petitions.StateCouncilDays()[:3], Rules: petitions.DefaultRules(), Edit: true}),
		"petitions_bulletin":  mk("群众诉求月通报", petitionBulletinPage{Month: "2026-11", Rows: []petitions.BulletinRow{total}, Total: total, Types: petitions.Types()}),
		"petitions_reception": mk("院长接待日", receptionView{Days: []store.ReceptionDay{ptDay}, Edit: true}),
		"petitions_surveys":   mk("满意度评价结果", petitionSurveysPage{From: "2026-06", To: "2026-11", Items: petitions.SurveyItems(), Rows: []store.SurveyRow{{Month: "2026-11", Dept: "立案庭", N: 1}}}),
		"petitions_public":    {Title: "网上提交诉求", Data: petitionPublicPage{Token: "t", Courts: o, Types: petitions.Types()}},
		"petitions_track":     {Title: "诉求进度查询", Data: petitionTrackPage{Token: "t", Found: true, No: p.No, Events: evs, Survey: true, Items: petitions.SurveyItems()}},
		"petitions_survey":    {Title: "满意度评价", Data: petitionSurveyPage{Token: "t", Items: petitions.SurveyItems(), Courts: o}},
	}
}

// petitionsEnv is the test server of helpers_test.go with the module's
// store, a 立案庭 clerk (lian, a 法官 of 立案庭), a 纪检监察 account (jj)
// and a 政治部 account (zz), on a fixed clock: Monday 2026-11-02, 09:00 in China.
func petitionsEnv(t *testing.T) *env {
	t.Helper()
	e := newEnv(t)
	ctx := context.Background()
	people := []court.Person{{Court: "示例市中级人民法院", Department: "立案庭", Name: "孙立案", StaffNo: "Z010", Category: court.CategoryClerk, Title: "书记员", Active: true}}
	if _, err := importer.Load(ctx, e.db, importer.Dataset{People: people}, "fixture", "test"); err != nil {
		t.Fatal(err)
	}
	for _, u := range []struct{ login, role, staff string }{{"jj", "discipline", ""}, {"zz", "personnel", ""}, {"lian", "judge", "Z010"}} {
		addTestUser(t, e.db, u.login, u.role, "示例市中级人民法院", "", u.staff)
	}
	c := &clock{t: time.Date(2026, 11, 2, 1, 0, 0, 0, time.UTC)}
	cfg := DefaultConfig()
	cfg.Passwords, cfg.Now = auth.TestParams(), c.Now
	cfg.Log = slog.New(slog.NewTextHandler(testLog{t}, nil))
	eng, err := indicator.New(ctx, e.db, nil)
	if err != nil {
		t.Fatal(err)
	}
	bands, err := indicator.IllustrativeBands()
	if err != nil {
		t.Fatal(err)
	}
	asOf, err := e.db.LatestDay(ctx)
	if err != nil {
		t.Fatal(err)
	}
	srv, err := New(cfg, Deps{Accounts: e.db, Data: e.db, Engine: eng, AsOf: asOf, Bands: bands, BandStore: e.db, DefinitionStore: e.db, Petitions: e.db})
	if err != nil {
		t.Fatal(err)
	}
	if err := srv.LoadBands(ctx); err != nil {
		t.Fatal(err)
	}
	if err := srv.LoadDefinitions(ctx); err != nil {
		t.Fatal(err)
	}
	e.ts.Close()
	e.srv, e.clock, e.ts = srv, c, httptest.NewServer(srv)
	t.Cleanup(e.ts.Close)
	return e
}

var (
	ptToken = regexp.MustCompile(`name="token" value="([^"]+)"`)
	ptID    = regexp.MustCompile(`data-id="(\d+)"`)
	ptCode  = regexp.MustCompile(`id="pt-code">([0-9A-Z-]+)<`)
)

func ptMatch(t *testing.T, re *regexp.Regexp, body string) string {
	t.Helper()
	m := re.FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no %s in:\n%.1500s", re, body)
	}
	return m[1]
}

// ptIntake files a request at the window as c and returns its id and tracking code.
func ptIntake(t *testing.T, c *client, form url.Values) (string, string) {
	t.Helper()
	c.get("/petitions/new")
	r := c.post("/petitions", form)
	wantStatus(t, "intake", r, http.StatusOK, "诉求已登记")
	return ptMatch(t, ptID, r.body), ptMatch(t, ptCode, r.body)
}

func ptComplaint(subject string) url.Values {
	return url.Values{"channel": {"窗口"}, "type": {"投诉"}, "matter": {"投诉"}, "subject": {subject}, "content": {"承办法官多次不接电话"},
		"name": {"张三"}, "phone": {"13800001234"}, "id_no": {"110101199001011234"}, "address": {"示例市甲区人民路1号"},
		"case_no": {"(2025)示01民初3号"}, "staff": {"李法官"}}
}

func TestPetitionsWindowDay(t *testing.T) {
	e := petitionsEnv(t)
	clerk := e.loggedIn("lian")
	id, code := ptIntake(t, clerk, ptComplaint("投诉法官态度"))
	if len(strings.ReplaceAll(code, "-", "")) != petitions.CodeLength {
		t.Errorf("tracking code %q", code)
	}
	notice := clerk.get("/petitions/" + id + "/notice")
	wantStatus(t, "notice", notice, http.StatusOK, "投诉干警作风一次性告知书")
	if strings.Contains(notice.body, code) {
		t.Error("the notice shows the tracking code again: it must not be stored")
	}
	show := clerk.get("/petitions/" + id)
	wantStatus(t, "show", show, http.StatusOK, "孙立案（lian）")
	wantStatus(t, "case no canonical", show, http.StatusOK, "（2025）示01民初3号")

	r := clerk.post("/petitions/"+id+"/handover", url.Values{"to": {fmt.Sprintf("d%d", e.ids()["示例市中级人民法院/民一庭"])}, "reason": {""}})
	wantStatus(t, "handover without reason", r, http.StatusBadRequest, "移交理由")
	r = clerk.post("/petitions/"+id+"/handover", url.Values{"to": {fmt.Sprintf("d%d", e.ids()["示例市中级人民法院/民一庭"])}, "reason": {"涉及民一庭干警"}})
	if r.status != http.StatusSeeOther {
		t.Fatalf("handover: %d %.500s", r.status, r.body)
	}

	chief := e.loggedIn("tz1")
	wantStatus(t, "queue", chief.get("/petitions?f=queue"), http.StatusOK, "投诉法官态度")
	if r := chief.post("/petitions/"+id+"/take", nil); r.status != http.StatusSeeOther {
		t.Fatalf("take: %d %.500s", r.status, r.body)
	}
	wantStatus(t, "acknowledged at the window", chief.post("/petitions/"+id+"/ack", nil), http.StatusConflict, "已于 2026-11-02 签收")
	chief.post("/petitions/"+id+"/answer", url.Values{"answer": {"已约谈承办法官，将于本周内回电"}})
	r = chief.post("/petitions/"+id+"/close", url.Values{"result": {"经核查属实，已批评教育"}})
	wantStatus(t, "close without finding", r, http.StatusBadRequest, "核查结论")
	chief.post("/petitions/"+id+"/close", url.Values{"result": {"经核查属实，已批评教育"}, "finding": {"查实"}})

	show = chief.get("/petitions/" + id)
	for _, want := range []string{"已办结", "查实", "孙立案（lian）", "民一庭（待认领）", "涉及民一庭干警", "认领", "已约谈承办法官"} {
		if !strings.Contains(show.body, want) {
			t.Errorf("history lacks %q", want)
		}
	}
	b := e.loggedIn("yz").get("/petitions/bulletin?month=2026-11")
	wantStatus(t, "bulletin", b, http.StatusOK, "民一庭")
	if !regexp.MustCompile(`<td>民一庭</td><td class="num">1</td><td class="num">1</td>`).MatchString(b.body) {
		t.Errorf("bulletin does not count the request for 民一庭:\n%.2000s", b.body)
	}
	docx := chief.get("/petitions/" + id + "/notice.docx")
	zr, err := zip.NewReader(strings.NewReader(docx.body), int64(len(docx.body)))
	if err != nil {
		t.Fatalf("notice.docx: %d %v", docx.status, err)
	}
	for _, f := range zr.File {
		if f.Name == "word/document.xml" {
			rc, _ := f.Open()
			b, _ := io.ReadAll(rc)
			for _, want := range []string{"投诉干警作风一次性告知书", "1、投诉人身份证明和联系方式", "诉〔2026〕1号", "张三", `w:eastAsia="宋体"`} {
				if !strings.Contains(string(b), want) {
					t.Errorf("notice.docx lacks %q", want)
				}
			}
		}
	}
	x := e.loggedIn("yz").get("/petitions/bulletin.xlsx?month=2026-11")
	if x.status != http.StatusOK || !strings.HasPrefix(x.body, "PK") || !strings.Contains(x.header.Get("Content-Disposition"), ".xlsx") {
		t.Errorf("xlsx: %d %q", x.status, x.header)
	}
	es, _, err := e.db.AuditLog(context.Background(), auth.AuditQuery{Action: store.ActionPetitionChange, Limit: 100})
	if err != nil || len(es) != 4 {
		t.Errorf("audit: %d petition changes (want 4: handover, take, answer, close), %v", len(es), err)
	}
	for _, en := range es {
		if strings.Contains(en.After+en.Before, "13800001234") {
			t.Errorf("the audit log holds the citizen's phone: %s", en.After)
		}
	}
}

func TestPetitionsConfidentiality(t *testing.T) {
	e := petitionsEnv(t)
	clerk := e.loggedIn("lian")
	form := ptComplaint("举报法官收受财物")
	form.Set("type", "举报")
	report, _ := ptIntake(t, clerk, form)
	id, _ := ptIntake(t, clerk, ptComplaint("投诉窗口态度"))
	clerk.post("/petitions/"+id+"/handover", url.Values{"to": {fmt.Sprintf("d%d", e.ids()["示例市中级人民法院/民一庭"])}, "reason": {"转民一庭"}})

	cases := []struct {
		login      string
		path       string
		status     int
		want, deny string
	}{
		{"jj", report, 200, "13800001234", ""},
		{"lian", report, 403, "无权查看", "举报法官"},
		{"yz", report, 403, "无权查看", "举报法官"},
		{"sgb", report, 403, "无权查看", "举报法官"},
		{"tz1", report, 403, "无权查看", "举报法官"},
		{"admin", report, 403, "", "举报法官"},
		{"tz1", id, 200, "13800001234", ""},
		{"fg", id, 403, "无权查看", "投诉窗口态度"}, // 李法官 of 民一庭, whom the ptComplaint names
		{"yz", id, 200, "13800001234", ""},
		{"jj", id, 200, "13800001234", ""},
		{"zz", id, 200, "138****1234", "13800001234"},
		{"sgb", id, 200, "张*", "110101199001011234"},
		{"lian", id, 200, "已脱敏", "13800001234"},
		{"tz2", id, 403, "无权查看", "投诉窗口态度"},
	}
	clients := map[string]*client{}
	for _, c := range cases {
		cl := clients[c.login]
		if cl == nil {
			cl = e.loggedIn(c.login)
			clients[c.login] = cl
		}
		r := cl.get("/petitions/" + c.path)
		if r.status != c.status || !strings.Contains(r.body, c.want) || c.deny != "" && strings.Contains(r.body, c.deny) {
			t.Errorf("%s GET /petitions/%s: %d (want %d with %q without %q)", c.login, c.path, r.status, c.status, c.want, c.deny)
		}
		list := cl.get("/petitions?f=all")
		if c.deny != "" && strings.Contains(list.body, c.deny) {
			t.Errorf("%s sees %q in the list", c.login, c.deny)
		}
	}
	// Searching by phone: found by those who may see it, not through a mask.
	if r := clients["tz1"].get("/petitions?f=all&q=13800001234"); !strings.Contains(r.body, "投诉窗口态度") {
		t.Error("the handling chief does not find the request by phone")
	}
	if r := clients["zz"].get("/petitions?f=all&q=13800001234"); strings.Contains(r.body, "投诉窗口态度") {
		t.Error("政治部 finds a request by the phone it may not see")
	}
	if r := clients["zz"].get("/petitions?f=all&q=" + url.QueryEscape("窗口态度")); !strings.Contains(r.body, "投诉窗口态度") {
		t.Error("政治部 does not find the request by its subject")
	}
	// URL editing: acting on a request one may not handle.
	for _, c := range []struct{ login, path string }{{"tz2", id + "/answer"}, {"zz", id + "/close"}, {"lian", report + "/take"}, {"sgb", id + "/handover"}} {
		r := clients[c.login].post("/petitions/"+c.path, url.Values{"answer": {"x"}, "result": {"x"}, "reason": {"x"}, "to": {"d1"}})
		if r.status != http.StatusForbidden {
			t.Errorf("%s POST /petitions/%s: %d, want 403", c.login, c.path, r.status)
		}
	}
	views, _, err := e.db.AuditLog(context.Background(), auth.AuditQuery{Action: auth.ActionReportView, Limit: 10})
	if err != nil || len(views) != 1 || views[0].Actor != "jj" || !strings.Contains(views[0].Object, "/petitions/"+report) {
		t.Errorf("readings of the report in the audit log: %+v %v", views, err)
	}
	if r := clients["jj"].get("/petitions/999999"); r.status != http.StatusNotFound {
		t.Errorf("unknown id: %d", r.status)
	}
}

func TestPetitionsSetupAndReception(t *testing.T) {
	e := petitionsEnv(t)
	sgb, fg := e.loggedIn("sgb"), e.loggedIn("fg")
	sgb.get("/petitions/setup")
	r := sgb.post("/petitions/setup/checklist", url.Values{"matter": {"民事立案"}, "title": {"民事立案告知书"}, "items": {"起诉状\n\n身份证明\n"}, "note": {"请备齐"}})
	if r.status != http.StatusSeeOther {
		t.Fatalf("save checklist: %d %.400s", r.status, r.body)
	}
	wantStatus(t, "bad rules", sgb.post("/petitions/setup/rules", url.Values{"feedback_days": {"0"}, "close_days": {"5"}, "leader_after": {"1"}}), http.StatusBadRequest, "期限设置无效")
	sgb.post("/petitions/setup/rules", url.Values{"feedback_days": {"3"}, "close_days": {"10"}, "leader_after": {"1"}})
	sgb.post("/petitions/setup/calendar", url.Values{"day": {"2026-11-04"}, "kind": {"休"}, "name": {"院庆"}})
	page := fg.get("/petitions/setup")
	for _, want := range []string{"民事立案告知书", "身份证明", `value="3"`, "院庆", "2026-02-14"} {
		if !strings.Contains(page.body, want) {
			t.Errorf("setup page lacks %q", want)
		}
	}
	fg.get("/petitions/setup")
	wantStatus(t, "judge edits", fg.post("/petitions/setup/rules", url.Values{"feedback_days": {"9"}, "close_days": {"10"}, "leader_after": {"1"}}), http.StatusForbidden, "仅院领导和审管办")
	// The court's rules and calendar count the deadline: Monday 2 Nov + 3 working days, the 4th off = Friday 6 Nov.
	id, _ := ptIntake(t, e.loggedIn("lian"), ptComplaint("期限"))
	wantStatus(t, "deadline", e.loggedIn("lian").get("/petitions/"+id), http.StatusOK, "<dt>反馈期限</dt><dd>2026-11-06</dd>")

	yz := e.loggedIn("yz")
	yz.get("/petitions/reception")
	yz.post("/petitions/reception", url.Values{"day": {"2026-11-10"}, "leader": {"王院长"}, "place": {"接待室"}, "slots": {"1"}})
	rec := yz.get("/petitions/reception")
	rid := ptMatch(t, regexp.MustCompile(`id="reception-(\d+)"`), rec.body)
	yz.post("/petitions/reception/"+rid+"/book", url.Values{"name": {"赵六"}, "phone": {"13700003333"}, "topic": {"执行难"}})
	wantStatus(t, "full", yz.post("/petitions/reception/"+rid+"/book", url.Values{"name": {"钱七"}, "topic": {"立案"}}), http.StatusConflict, "已约满")
	bid := ptMatch(t, regexp.MustCompile(`action="/petitions/reception/bookings/(\d+)/record"`), yz.get("/petitions/reception").body)
	yz.post("/petitions/reception/bookings/"+bid+"/record", url.Values{"record": {"当场协调执行局，三日内答复"}})
	wantStatus(t, "record", yz.get("/petitions/reception"), http.StatusOK, "当场协调执行局")
	zz := e.loggedIn("zz")
	wantStatus(t, "masked for 政治部", zz.get("/petitions/reception"), http.StatusOK, "137****3333")
	wantStatus(t, "judge", fg.get("/petitions/reception"), http.StatusForbidden, "")
	zz.get("/petitions/reception")
	wantStatus(t, "政治部 books", zz.post("/petitions/reception/"+rid+"/book", url.Values{"name": {"x"}, "topic": {"y"}}), http.StatusForbidden, "")
}

func TestPetitionsEscalationShown(t *testing.T) {
	e := petitionsEnv(t)
	citizen := e.client()
	r := ptPublicPost(t, citizen, "/public/petition", "/public/petition", url.Values{"court": {fmt.Sprint(e.ids()["示例市中级人民法院"])}, "type": {"咨询"},
		"subject": {"无人签收的诉求"}, "name": {"王五"}, "phone": {"13900002222"}})
	wantStatus(t, "filed", r, http.StatusOK, "诉求已提交")
	ctx := context.Background()
	ps, _ := e.db.Petitions(ctx, store.PetitionQuery{CourtID: e.ids()["示例市中级人民法院"]})
	id := fmt.Sprint(ps[0].ID)
	yz := e.loggedIn("yz")
	if strings.Contains(yz.get("/petitions?f=late").body, "无人签收的诉求") {
		t.Error("late on the ptDay it arrived")
	}
	for _, c := range []struct {
		days  int
		today string
		badge string
	}{{1, "2026-11-03", "已提醒庭长"}, {4, "2026-11-06", "已报分管院领导"}} {
		e.clock.Advance(time.Duration(c.days) * 24 * time.Hour)
		if _, err := e.db.EscalatePetitions(ctx, ptDay(c.today), e.clock.Now()); err != nil {
			t.Fatal(err)
		}
		yz = e.loggedIn("yz") // a session does not outlive days of idleness
		show := yz.get("/petitions/" + id)
		if !strings.Contains(show.body, "签收超期") || !strings.Contains(show.body, c.badge) {
			t.Errorf("%s: no %q on the request:\n%.1500s", c.today, c.badge, show.body)
		}
	}
	wantStatus(t, "escalated tab", yz.get("/petitions?f=escalated"), http.StatusOK, "无人签收的诉求")
	wantStatus(t, "history", yz.get("/petitions/"+id), http.StatusOK, "签收超期，已提醒分管院领导")
}

func ptDay(s string) court.Date {
	d, err := court.ParseISODate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func TestPetitionsQR(t *testing.T) {
	e := petitionsEnv(t)
	c := e.loggedIn("yz")
	for _, f := range []string{"track", "survey"} {
		r := c.get("/petitions/qr.png?for=" + f)
		if r.status != http.StatusOK || r.header.Get("Content-Type") != "image/png" || !strings.HasPrefix(r.body, "\x89PNG") {
			t.Errorf("qr for %s: %d %s", f, r.status, r.header.Get("Content-Type"))
		}
	}
	wantStatus(t, "other targets", c.get("/petitions/qr.png?for=https://evil.example"), http.StatusNotFound, "二维码")
	if r := e.client().get("/petitions/qr.png?for=track"); r.status != http.StatusSeeOther {
		t.Errorf("without an account: %d", r.status)
	}
}

func TestPetitionsPanels(t *testing.T) {
	e := petitionsEnv(t)
	clerk := e.loggedIn("lian")
	id, _ := ptIntake(t, clerk, ptComplaint("面板上的投诉"))
	clerk.post("/petitions/"+id+"/handover", url.Values{"to": {fmt.Sprintf("d%d", e.ids()["示例市中级人民法院/民一庭"])}, "reason": {"转民一庭"}})
	home := e.loggedIn("tz1").get(fmt.Sprintf("/units/department/%d", e.ids()["示例市中级人民法院/民一庭"]))
	wantStatus(t, "民一庭 dashboard", home, http.StatusOK, `id="panel-petitions"`)
	if !strings.Contains(home.body, "面板上的投诉") || !strings.Contains(home.body, `<strong id="pt-panel-total">1</strong>`) {
		t.Error("the department's dashboard does not list its open request")
	}
	other := e.loggedIn("tz2").get(fmt.Sprintf("/units/department/%d", e.ids()["示例市中级人民法院/民二庭"]))
	if strings.Contains(other.body, "面板上的投诉") {
		t.Error("民二庭's dashboard lists 民一庭's request")
	}
	casePage := e.loggedIn("yz").get("/cases/" + url.PathEscape("（2025）示01民初3号"))
	wantStatus(t, "case page", casePage, http.StatusOK, "涉及本案的群众诉求")
	if !strings.Contains(casePage.body, "面板上的投诉") {
		t.Error("the case page does not list the request about the case")
	}
	if c := e.loggedIn("yz").get("/cases/" + url.PathEscape("（2020）示01民初1号")); strings.Contains(c.body, "panel-petitions") {
		t.Error("a case without requests shows the panel")
	}
}

// TestPetitionsNoticeDocxGolden compares the Word notice's document.xml with
// testdata/petitions_notice.docx.xml.golden (PETITIONS_UPDATE_GOLDEN=1 rewrites it).
func TestPetitionsNoticeDocxGolden(t *testing.T) {
	cl := petitions.DefaultChecklists()[1]
	page := petitionNoticePage{P: petitions.Petition{No: "诉〔2026〕7号", ReceivedOn: court.DateOf(2026, 11, 2), Subject: "申请执行 <&> 咨询",
		Citizen: petitions.Citizen{Name: "张三"}}, Checklist: &cl,
		Due: petitions.Deadlines{Feedback: court.DateOf(2026, 11, 9), Close: court.DateOf(2026, 11, 23)}}
	body, err := petitionNoticeDocxFile(page)
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(body), int64(len(body)))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	var doc []byte
	for _, f := range zr.File {
		names = append(names, f.Name)
		if f.Name == "word/document.xml" {
			rc, _ := f.Open()
			doc, _ = io.ReadAll(rc)
		}
	}
	if strings.Join(names, " ") != "[Content_Types].xml _rels/.rels word/document.xml" {
		t.Errorf("parts %v", names)
	}
	if err := xml.Unmarshal(doc, new(struct{})); err != nil {
		t.Errorf("document.xml is not XML: %v", err)
	}
	golden := filepath.Join("testdata", "petitions_notice.docx.xml.golden")
	if os.Getenv("PETITIONS_UPDATE_GOLDEN") == "1" {
		os.MkdirAll("testdata", 0o755)
		if err := os.WriteFile(golden, doc, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(doc, want) {
		t.Errorf("document.xml differs from %s (PETITIONS_UPDATE_GOLDEN=1 to rewrite):\n%s", golden, doc)
	}
}

// TestPetitionsOldData reads data whose cases end more than a month before
// the clock (the demo) as of its latest day, as the other pages do: a request
// of that day is not late yet and the bulletin opens on that month, while a
// request taken in now is received on the clock's day.
func TestPetitionsOldData(t *testing.T) {
	e := petitionsEnv(t)
	latest := ptDay("2025-12-31")
	e.srv.asOf.Store(int32(latest))
	ctx := context.Background()
	courtID := e.ids()["示例市中级人民法院"]
	p := &petitions.Petition{CourtID: courtID, Channel: petitions.ChannelWindow, Type: petitions.TypeInquiry, Subject: "年末的咨询", Content: "内容",
		Citizen: petitions.Citizen{Name: "王五", Phone: "13900002222"}, ReceivedAt: latest.Time().Add(time.Hour), ReceivedOn: latest}
	if err := e.db.CreatePetition(ctx, p, petitions.HashCode(petitions.NewCode()), petitions.HashSurveyCode(petitions.NewCode()), auth.AuditEntry{At: p.ReceivedAt, Actor: "test"}); err != nil {
		t.Fatal(err)
	}
	yz := e.loggedIn("yz")
	wantStatus(t, "open", yz.get("/petitions?f=all"), http.StatusOK, "年末的咨询")
	if body := yz.get("/petitions?f=late").body; strings.Contains(body, "年末的咨询") {
		t.Error("a request of the data's last day is late on the clock's day")
	}
	wantStatus(t, "bulletin", yz.get("/petitions/bulletin"), http.StatusOK, "2025-12")
	ptIntake(t, e.loggedIn("lian"), ptComplaint("今天的投诉"))
	ps, err := e.db.Petitions(ctx, store.PetitionQuery{CourtID: courtID, Limit: 1})
	if err != nil || len(ps) != 1 || ps[0].Subject != "今天的投诉" || ps[0].ReceivedOn != ptDay("2026-11-02") {
		t.Errorf("the new request: %v %+v", err, ps)
	}
}
