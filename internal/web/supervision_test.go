package web

import (
	"bytes"
	"context"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/zhixiao/zhixiao/internal/auth"
	"github.com/zhixiao/zhixiao/internal/court"
	"github.com/zhixiao/zhixiao/internal/store"
	"github.com/zhixiao/zhixiao/internal/supervision"
)

// supervisionSamples has data for the module's pages (TestEveryPageRenders).
func supervisionSamples(v *visitor) map[string]view {
	today := court.DateOf(2026, 3, 2)
	w := store.WarningRow{CaseNo: "（2024）示01民初1号", CourtName: "示例市中级人民法院", DeptName: "民一庭", JudgeName: "王庭长",
		Colour: supervision.ColourRed, Reasons: "已超审限", Deadline: today - 3, Since: today - 3}
	it := supervision.Item{ID: 1, CaseNo: w.CaseNo, JudgeName: "王庭长", Source: supervision.SourceRedWarning, Action: "限期审结",
		DueOn: today - 1, Status: supervision.ItemOpen, OpenedBy: "督办预警任务", OpenedOn: today - 16, EscalatedOn: today}
	m := supervision.Measure{ID: 3, PlanID: 1, ProblemID: 2, Title: "清理长期未结案件", Leader: 7, LeaderName: "院长", Department: 11, DeptName: "民一庭",
		DueOn: today + 3, Status: supervision.MeasurePending, Progress: 60, Milestones: []supervision.Milestone{{Title: "摸底", DueOn: today - 10, DoneOn: today - 9}}}
	plan := supervision.Plan{ID: 1, Title: "脱薄争先实施方案", Source: "自查", CreatedBy: "sgb", CreatedOn: today - 30,
		Description: "根据巡查反馈编制",
		Problems: []supervision.Problem{{ID: 2, Ord: 1, Title: "审判质效有待优化", Measures: []supervision.Measure{m}},
			{ID: 4, Ord: 2, Title: "队伍建设", WithdrawnOn: today - 1, WithdrawReason: "并入问题1", Measures: []supervision.Measure{{ID: 5, Title: "培训",
				Status: supervision.MeasureWithdrawn, WithdrawnOn: today - 1, WithdrawReason: "所属问题撤销", DueOn: today}}}}}
	counts := map[supervision.Colour]int{supervision.ColourRed: 1}
	reports := []supervision.Report{{Kind: supervision.ReportRequest, Body: "已完成", Login: "tz1", On: today,
		Attachments: []supervision.AttachmentInfo{{ID: 1, Name: "报告.pdf", Size: 10, SHA256: "ab"}}}}
	mk := func(title string, data any) view {
		return view{Title: title, Nav: "supervision", Visitor: v, CSRF: "t", Data: data}
	}
	return map[string]view{
		"supervision_home":  mk("督办", svHomePage{Counts: counts, Warnings: []store.WarningRow{w}, Items: []supervision.Item{it}, Plans: []supervision.Plan{plan}, Unread: 2, Today: today, CanPlan: true, Settings: true}),
		"supervision_items": mk("督办单", svItemsPage{Items: []supervision.Item{it}, Escalated: true, Today: today}),
		"supervision_item":  mk("督办单 1", svItemPage{Item: it, Today: today, CanExplain: true, CanReview: true}),
		"supervision_plan": mk("作战图", svBoardPage{Plan: plan, Tally: supervision.TallyOf(&plan, today), Today: today, Leaders: []svOption{{7, "院长"}},
			Depts: []svOption{{11, "民一庭"}}, CanEdit: true, Users: []svOption{{7, "院长"}}, AllDepts: []svOption{{11, "民一庭"}}}),
		"supervision_measure": mk("整改措施", svMeasurePage{Measure: m, Reports: reports, Today: today, CanReport: true, CanRequest: true, CanDecide: true, MaxMB: 10,
			CanEdit: true, Plan: plan, Users: []svOption{{7, "院长"}}, Depts: []svOption{{11, "民一庭"}}, Milestones: "2026-03-20 清理"}),
		"supervision_weekly": mk("周调度", &svWeeklyPage{Plan: plan, From: today, To: today + 6, Rows: []svWeeklyRow{{Problem: "审判质效", Measure: m, Reports: reports}}}),
		"supervision_inbox":  mk("督办消息", svInboxPage{Entries: []store.InboxEntry{{ID: 1, At: time.Now(), Kind: "督办", Title: "新开具督办单 1 件", Link: "/supervision/items"}}, Unread: 1}),
		"supervision_settings": mk("督办设置", svSettingsPage{Rules: supervision.DefaultRules().JSON(), WebhookURL: "https://sms.example/hook", HasSecret: true, Header: supervision.SignatureHeader,
			Leaders: []svLeaderRow{{Dept: svOption{11, "民一庭"}, Leader: 7}, {Dept: svOption{12, "民二庭"}}}, Presidents: []svOption{{7, "院长"}}}),
		"supervision_parts": mk("督办面板", svPanel{Counts: counts, Warnings: []store.WarningRow{w}, Unit: "dept=11", Today: today}),
	}
}

// svEnv is the test web app with the 督办 module on and the warning job
// run once on the fixture's today.
func svEnv(t *testing.T) *env {
	t.Helper()
	e := newEnv(t)
	srv, err := New(e.srv.cfg, Deps{Accounts: e.db, Data: e.db, Engine: e.srv.engine.Load(), AsOf: court.Date(e.srv.asOf.Load()),
		Bands: e.srv.defBands, BandStore: e.db, DefinitionStore: e.db, Supervision: e.db})
	if err != nil {
		t.Fatal(err)
	}
	e.srv = srv
	e.ts.Config.Handler = srv
	if _, err := e.db.RunSupervision(context.Background(), srv.svToday(), svJobEntry()); err != nil {
		t.Fatal(err)
	}
	return e
}

// svItemID finds the open item of a case.
func svItemID(t *testing.T, e *env, no string) int64 {
	t.Helper()
	all, _ := auth.NewScope(auth.User{Login: "admin", Role: auth.RoleAdmin}, nil)
	its, err := e.db.Items(context.Background(), store.ItemFilter{Scope: all})
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range its {
		if it.CaseNo == no {
			return it.ID
		}
	}
	t.Fatalf("no item for %s in %+v", no, its)
	return 0
}

// TestSupervisionScopeByURL: each role sees its own warnings and items; a
// URL edited to another unit, item, measure or attachment is refused.
func TestSupervisionScopeByURL(t *testing.T) {
	e := svEnv(t)
	ids := e.ids()
	fg, tz2, tz1 := e.loggedIn("fg"), e.loggedIn("tz2"), e.loggedIn("tz1")
	r := fg.get("/supervision")
	wantStatus(t, "judge's home", r, 200, "（2025）示01民初3号")
	if strings.Contains(r.body, "民初1号") || strings.Contains(r.body, "民初2号") {
		t.Error("the judge sees other judges' warnings")
	}
	home := fg.get("/").header.Get("Location")
	wantStatus(t, "judge's dashboard panel", fg.get(home), 200, `id="panel-supervision"`)
	wantStatus(t, "another department by URL", fg.get(fmt.Sprintf("/supervision?dept=%d", ids["示例市中级人民法院/民二庭"])), 403, "无权")
	wantStatus(t, "another judge by URL", fg.get(fmt.Sprintf("/supervision?judge=%d", ids["赵法官"])), 403, "无权")
	wantStatus(t, "another court by URL", tz2.get(fmt.Sprintf("/supervision?court=%d", ids["示例市甲区人民法院"])), 403, "无权")
	r = tz2.get("/supervision")
	if !strings.Contains(r.body, "民初2号") || strings.Contains(r.body, "民初3号") {
		t.Errorf("民二庭's chief sees the wrong warnings:\n%.2000s", r.body)
	}
	other := svItemID(t, e, "（2020）示01民初2号")
	wantStatus(t, "chief opens another department's item", tz1.get(fmt.Sprintf("/supervision/items/%d", other)), 403, "无权")
	wantStatus(t, "chief opens own department's item", tz2.get(fmt.Sprintf("/supervision/items/%d", other)), 200, "红色预警")
	wantStatus(t, "missing item", tz2.get("/supervision/items/99999"), 404, "不存在")
	wantStatus(t, "bad item id", tz2.get("/supervision/items/abc"), 404, "无效")
	wantStatus(t, "settings for a chief", tz2.get("/supervision/settings"), 403, "仅审管办")
}

// TestSupervisionItemFlow: the chief explains a red warning's item, 审管办
// approves it; a 院领导 opens a 挂牌督办 on a case from its page.
func TestSupervisionItemFlow(t *testing.T) {
	e := svEnv(t)
	id := svItemID(t, e, "（2020）示01民初1号")
	path := fmt.Sprintf("/supervision/items/%d", id)
	tz1, sgb, yz, fg := e.loggedIn("tz1"), e.loggedIn("sgb"), e.loggedIn("yz"), e.loggedIn("fg")
	tz1.get(path)
	wantStatus(t, "empty explanation", tz1.post(path+"/explain", url.Values{"explanation": {" "}}), 422, "请填写书面说明")
	wantStatus(t, "explanation", tz1.post(path+"/explain", url.Values{"explanation": {"鉴定意见尚未出具"}}), 200, "待审核")
	fg.get(path)
	wantStatus(t, "a judge not responsible reviews", fg.post(path+"/review", url.Values{"approve": {"1"}}), 403, "无权")
	sgb.get(path)
	wantStatus(t, "review", sgb.post(path+"/review", url.Values{"approve": {"1"}}), 200, "已办结")
	if _, n, _ := e.db.AuditLog(context.Background(), auth.AuditQuery{Action: store.ActionSvItemReview}); n != 1 {
		t.Errorf("%d review entries in the audit log, want 1", n)
	}
	// 挂牌督办 of the judge's case from the case page, by the 院领导 only.
	casePath := "/cases/" + url.PathEscape("（2025）示01民初3号")
	wantStatus(t, "case panel for the 院领导", yz.get(casePath), 200, `id="sv-open-form"`)
	if r := fg.get(casePath); strings.Contains(r.body, `id="sv-open-form"`) {
		t.Error("the judge is offered 挂牌督办")
	}
	form := url.Values{"case_no": {"（2025）示01民初3号"}, "action": {"限期一个月审结"}, "due": {(e.srv.svToday() + 30).String()}}
	wantStatus(t, "judge opens 挂牌督办", fg.post("/supervision/items", svClone(form)), 403, "仅院领导")
	yz.get(casePath)
	if r := yz.post("/supervision/items", svClone(form)); r.status != http.StatusSeeOther {
		t.Fatalf("挂牌督办: %d %s", r.status, regexp.MustCompile(`error-message">[^<]*`).FindString(r.body))
	}
	wantStatus(t, "the judge sees the 挂牌督办 on the case", fg.get(casePath), 200, "挂牌督办")
	wantStatus(t, "the judge's inbox", fg.get("/supervision/inbox"), 200, "限期一个月审结")
	wantStatus(t, "a second item on the same case", yz.post("/supervision/items", svClone(form)), 409, "已有未办结")
}

// svUpload posts a multipart form with files (name → content).
func svUpload(c *client, path string, fields map[string]string, files map[string][]byte) resp {
	c.e.t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	mw.WriteField("csrf", c.csrf)
	for k, v := range fields {
		mw.WriteField(k, v)
	}
	for name, data := range files {
		fw, _ := mw.CreateFormFile("files", name)
		fw.Write(data)
	}
	mw.Close()
	req, _ := http.NewRequest("POST", c.e.ts.URL+path, &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return c.do(req)
}

// svPlanWithMeasure creates, as 审管办, a plan with one problem and one
// measure led by yz for 民一庭, and returns the plan's and measure's paths.
func svPlanWithMeasure(t *testing.T, e *env) (string, string) {
	t.Helper()
	sgb := e.loggedIn("sgb")
	sgb.get("/supervision")
	r := sgb.post("/supervision/plans", url.Values{"title": {"脱薄争先实施方案"}, "source": {"自查"}})
	plan := r.header.Get("Location")
	if r.status != http.StatusSeeOther || plan == "" {
		t.Fatalf("create plan: %d %.400s", r.status, r.body)
	}
	sgb.get(plan)
	sgb.post(plan+"/problems", url.Values{"title": {"审判质效有待优化"}})
	board := sgb.get(plan).body
	prob := regexp.MustCompile(`<option value="(\d+)">问题1`).FindStringSubmatch(board)
	if prob == nil {
		t.Fatalf("no problem on the board:\n%.3000s", board)
	}
	u, _, _ := e.db.UserByLogin(context.Background(), "yz")
	form := url.Values{"problem": {prob[1]}, "title": {"清理长期未结案件"}, "leader": {fmt.Sprint(u.ID)},
		"dept": {fmt.Sprint(e.ids()["示例市中级人民法院/民一庭"])}, "due": {(e.srv.svToday() + 20).String()}, "milestones": {(e.srv.svToday() + 5).String() + " 完成摸底"}}
	if r := sgb.post(plan+"/measures", form); r.status != http.StatusSeeOther {
		t.Fatalf("add measure: %d %.600s", r.status, r.body)
	}
	m := regexp.MustCompile(`href="(/supervision/measures/\d+)"`).FindStringSubmatch(sgb.get(plan).body)
	if m == nil {
		t.Fatal("no measure on the board")
	}
	return plan, m[1]
}

// TestSupervisionMeasureFlow: only the department reports and asks; no
// 销号 without evidence; attachments too large, of the wrong type or named
// ../../etc/passwd are refused; only the named leader approves; downloads
// are scoped; the weekly report as a page and an XLSX.
func TestSupervisionMeasureFlow(t *testing.T) {
	e := svEnv(t)
	e.srv.mods.supervision.maxBytes = 1 << 10
	plan, measure := svPlanWithMeasure(t, e)
	fg, tz2, yz, sgb := e.loggedIn("fg"), e.loggedIn("tz2"), e.loggedIn("yz"), e.loggedIn("sgb")
	pdf := []byte("%PDF-1.4\n整改报告")

	wantStatus(t, "another department opens the measure", tz2.get(measure), 403, "无权")
	fg.get(measure)
	ms := regexp.MustCompile(`<option value="(\d+)">[0-9-]+ 完成摸底`).FindStringSubmatch(fg.get(measure).body)
	if ms == nil {
		t.Fatal("no milestone to mark done on the measure's page")
	}
	r := svUpload(fg, measure+"/progress", map[string]string{"body": "已完成摸底", "progress": "40", "milestone": ms[1]}, nil)
	wantStatus(t, "progress", r, 200, "进展已报送")
	if !regexp.MustCompile(`完成摸底（[0-9-]+ 完成）`).MatchString(r.body) {
		t.Error("the milestone is not marked done")
	}
	wantStatus(t, "the same milestone twice", svUpload(fg, measure+"/progress", map[string]string{"body": "x", "progress": "40", "milestone": ms[1]}, nil), 422, "没有这个未完成的节点")
	wantStatus(t, "closeout without evidence", svUpload(fg, measure+"/closeout", map[string]string{"body": "已完成"}, nil), 422, "至少一份佐证材料")
	wantStatus(t, "too large", svUpload(fg, measure+"/closeout", map[string]string{"body": "已完成"}, map[string][]byte{"报告.pdf": bytes.Repeat([]byte("%PDF-"), 300)}), 422, "超过上限")
	wantStatus(t, "wrong type", svUpload(fg, measure+"/closeout", map[string]string{"body": "已完成"}, map[string][]byte{"报告.pdf": []byte("MZ\x90\x00")}), 422, "类型不受支持")
	wantStatus(t, "path name", svUpload(fg, measure+"/closeout", map[string]string{"body": "已完成"}, map[string][]byte{"../../etc/passwd": []byte("root:x:0:0")}), 422, "“passwd”的类型不受支持")
	yz.get(measure)
	wantStatus(t, "leader approves before a request", yz.post(measure+"/decide", url.Values{"approve": {"1"}}), 422, "没有待审批")
	r = svUpload(fg, measure+"/closeout", map[string]string{"body": "已完成"}, map[string][]byte{"../../整改报告.pdf": pdf})
	wantStatus(t, "closeout", r, 200, "销号待审批")
	att := regexp.MustCompile(`href="(/supervision/attachments/\d+)">整改报告.pdf<`).FindStringSubmatch(r.body)
	if att == nil {
		t.Fatalf("no sanitised attachment on the page:\n%.3000s", r.body)
	}
	sgb.get(measure)
	wantStatus(t, "审管办 approves", sgb.post(measure+"/decide", url.Values{"approve": {"1"}}), 403, "仅责任领导")
	yz.get(measure)
	wantStatus(t, "reject without reason", yz.post(measure+"/decide", url.Values{"approve": {"0"}}), 422, "请填写理由")
	wantStatus(t, "approve", yz.post(measure+"/decide", url.Values{"approve": {"1"}}), 200, "已销号")

	if d := fg.get(att[1]); d.status != 200 || d.body != string(pdf) || d.header.Get("Content-Type") != "application/pdf" || !strings.Contains(d.header.Get("Content-Disposition"), "attachment") {
		t.Errorf("download: %d %q %v", d.status, d.body, d.header)
	}
	wantStatus(t, "another department downloads", tz2.get(att[1]), 403, "无权")
	wantStatus(t, "board", yz.get(plan), 200, `<strong id="sv-closed">1</strong>`)
	wantStatus(t, "timeline", yz.get(plan+"?view=timeline"), 200, `id="sv-timeline"`)
	wantStatus(t, "weekly", yz.get(plan+"/weekly"), 200, "已完成摸底")
	x := yz.get(plan + "/weekly.xlsx")
	f, err := excelize.OpenReader(strings.NewReader(x.body))
	if err != nil {
		t.Fatalf("weekly.xlsx: %v (%d)", err, x.status)
	}
	if v, _ := f.GetCellValue("周调度", "C5"); v != "清理长期未结案件" {
		t.Errorf("weekly.xlsx C5 = %q", v)
	}
	if v, _ := f.GetCellValue("周调度", "G5"); v != "已销号" {
		t.Errorf("weekly.xlsx G5 = %q", v)
	}
	if _, n, _ := e.db.AuditLog(context.Background(), auth.AuditQuery{Action: store.ActionSvCloseout}); n != 1 {
		t.Errorf("%d closeout entries in the audit log, want 1", n)
	}
}

// TestSupervisionSettings: 审管办 edits the rules and the webhook; bad
// rules are refused with the rule's number.
func TestSupervisionSettings(t *testing.T) {
	e := svEnv(t)
	sgb := e.loggedIn("sgb")
	sgb.get("/supervision/settings")
	wantStatus(t, "bad rules", sgb.post("/supervision/settings/rules", url.Values{"rules": {`{"item_due_days": 10, "rules": [{"colour": "红", "test": "age", "at_most": 1, "reason": "x"}]}`}}), 422, "第 1 条预警规则")
	rules := supervision.DefaultRules()
	rules.ItemDueDays = 7
	wantStatus(t, "rules", sgb.post("/supervision/settings/rules", url.Values{"rules": {rules.JSON()}}), 200, "预警规则已保存")
	if got, _ := e.db.SupervisionRules(context.Background()); got.ItemDueDays != 7 {
		t.Errorf("saved rules: %d due days", got.ItemDueDays)
	}
	wantStatus(t, "short secret", sgb.post("/supervision/settings/webhook", url.Values{"url": {"https://sms.example/hook"}, "secret": {"short"}}), 422, "至少 16 个字符")
	wantStatus(t, "webhook", sgb.post("/supervision/settings/webhook", url.Values{"url": {"https://sms.example/hook"}, "secret": {"0123456789abcdef"}}), 200, "消息网关设置已保存")
	if _, n, _ := e.db.AuditLog(context.Background(), auth.AuditQuery{Action: store.ActionSvWebhook}); n != 1 {
		t.Errorf("%d webhook entries in the audit log", n)
	}
}

func svJobEntry() auth.AuditEntry {
	return auth.AuditEntry{At: time.Now(), Actor: "督办预警任务"}
}

// svClone copies a form, since client.post adds its token to the form it gets.
func svClone(v url.Values) url.Values { return url.Values(http.Header(v).Clone()) }
