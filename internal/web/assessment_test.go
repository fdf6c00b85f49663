package web

import (
	"context"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/zhixiao/zhixiao/internal/assessment"
	"github.com/zhixiao/zhixiao/internal/auth"
)

// newAssessmentEnv is newEnv with the 绩效考核 module's store and the
// accounts it needs: zz (政治部), yz (院领导), tz1 (庭长 民一庭), fg
// (李法官, 民一庭) and fg3 (赵法官, 民二庭).
func newAssessmentEnv(t *testing.T) *env {
	t.Helper()
	e := newEnv(t)
	addTestUser(t, e.db, "zz", "personnel", "示例市中级人民法院", "", "")
	addTestUser(t, e.db, "fg3", "judge", "示例市中级人民法院", "", "Z003")
	return e
}

var locationID = regexp.MustCompile(`/(\d+)`)

// idOf returns the last number of a redirect's Location.
func idOf(t *testing.T, r resp) int64 {
	t.Helper()
	loc := r.header.Get("Location")
	ms := locationID.FindAllStringSubmatch(loc, -1)
	if r.status != http.StatusSeeOther || len(ms) == 0 {
		t.Fatalf("want a redirect to an id, got %d %q\n%.500s", r.status, loc, r.body)
	}
	var id int64
	fmt.Sscan(ms[len(ms)-1][1], &id)
	return id
}

// simpleScheme is a judge scheme without indicators: 纪律 100 from a 负面清单.
const simpleScheme = `{"code":"judge","name":"员额法官绩效考核方案","category":"员额法官","effective_from":"2000-01-01","rank":true,"notice_days":3,
"groups":[{"name":"纪律","weight":100,"items":[
 {"id":"D1","name":"负面清单","max":60,"rule":{"kind":"events","base":1,"events":[{"name":"违规会客","points":-10,"cap":30}]}},
 {"id":"C1","name":"庭长日常评价","max":40,"rule":{"kind":"rating","rating":"日常评价","default":1}}]}],
"warnings":[{"color":"蓝","months":1,"bottom":0.1},{"color":"黄","months":2,"bottom":0.1},{"color":"红","months":3,"bottom":0.1}],
"grades":{"excellent_quota":0.2,"excellent_min":90,"competent_min":70,"basic_min":60}}`

func TestAssessmentWebWorkflow(t *testing.T) {
	e := newAssessmentEnv(t)
	ids := e.ids()
	li, zhao := ids["李法官"], ids["赵法官"]
	zz, fg, fg3, tz1 := e.loggedIn("zz"), e.loggedIn("fg"), e.loggedIn("fg3"), e.loggedIn("tz1")
	month := assessment.PrevMonth(assessment.MonthOf(e.srv.today()))
	p, _ := assessment.MonthPeriod(month)

	wantStatus(t, "home", zz.get("/assessment"), 200, "本院尚未设定考核方案")
	r := zz.post("/assessment/schemes/new", url.Values{"category": {"员额法官"}})
	scheme := idOf(t, r)
	wantStatus(t, "scheme", zz.get(fmt.Sprintf("/assessment/schemes/%d", scheme)), 200, "加权结案数")
	bad := strings.Replace(simpleScheme, `"max":60`, `"max":65`, 1)
	wantStatus(t, "bad weights", zz.post(fmt.Sprintf("/assessment/schemes/%d", scheme), url.Values{"json": {bad}}), 400, "各项目满分之和为 105，应等于权重 100")
	noRule := strings.Replace(simpleScheme, `"rule":{"kind":"rating","rating":"日常评价","default":1}`, `"rule":null`, 1)
	wantStatus(t, "no rule", zz.post(fmt.Sprintf("/assessment/schemes/%d", scheme), url.Values{"json": {noRule}}), 400, "项目“庭长日常评价”没有评分规则")
	scheme = idOf(t, zz.post(fmt.Sprintf("/assessment/schemes/%d", scheme), url.Values{"json": {simpleScheme}}))
	wantStatus(t, "fg reads a scheme", fg.get(fmt.Sprintf("/assessment/schemes/%d", scheme)), 403, "")

	// entries: an event with evidence; a rating beyond the cap; 庭长 for another department
	day := p.From + 4
	wantStatus(t, "event", zz.post("/assessment/entries", url.Values{"person": {fmt.Sprint(li)}, "item": {"D1"}, "event": {"违规会客"}, "evidence": {"会客登记表"}, "day": {day.String()}}), 303, "")
	wantStatus(t, "rating too high", tz1.post("/assessment/entries", url.Values{"person": {fmt.Sprint(li)}, "item": {"C1"}, "value": {"41"}, "day": {day.String()}}), 400, "超出范围（0–40）")
	tz1.get("/assessment/entries")
	wantStatus(t, "chief rates other department", tz1.post("/assessment/entries", url.Values{"person": {fmt.Sprint(zhao)}, "item": {"C1"}, "value": {"30"}, "day": {day.String()}}), 403, "")
	wantStatus(t, "chief rates", tz1.post("/assessment/entries", url.Values{"person": {fmt.Sprint(li)}, "item": {"C1"}, "value": {"35"}, "day": {day.String()}}), 303, "")

	run := idOf(t, zz.post("/assessment/runs", url.Values{"scheme": {"judge"}, "month": {month}}))
	runURL := fmt.Sprintf("/assessment/runs/%d", run)
	page := zz.get(runURL)
	wantStatus(t, "run", page, 200, "赵法官")
	// 李法官: 60 − 10 + 35 = 85; 赵法官: 60 + 40 = 100
	if !strings.Contains(page.body, "85.00") || !strings.Contains(page.body, "100.00") {
		t.Errorf("run totals missing:\n%.2000s", page.body)
	}
	wantStatus(t, "judge reads a draft", fg.get(runURL), 403, "")
	wantStatus(t, "publish a draft", zz.post(runURL+"/publish", nil), 409, "只有公示中")
	wantStatus(t, "notice", zz.post(runURL+"/notice", nil), 303, "")

	own := fg.get(runURL)
	wantStatus(t, "judge reads the run", own, 200, "同组得分分布（匿名）")
	if strings.Contains(own.body, "赵法官") {
		t.Error("a judge sees a colleague's name in the run")
	}
	wantStatus(t, "colleague's explanation", fg.get(fmt.Sprintf("%s/people/%d", runURL, zhao)), 403, "您无权查看他人的考核得分")
	expl := fg.get(fmt.Sprintf("%s/people/%d", runURL, li))
	wantStatus(t, "own explanation", expl, 200, "违规会客 1 次 × -10 = -10")
	if !strings.Contains(expl.body, "会客登记表") || !strings.Contains(expl.body, "提出考核异议") {
		t.Errorf("explanation lacks evidence or objection form:\n%.1500s", expl.body)
	}
	wantStatus(t, "chief sees own department", tz1.get(runURL), 200, "李法官")
	if strings.Contains(tz1.get(runURL).body, "赵法官") {
		t.Error("庭长 sees another department's person")
	}

	wantStatus(t, "publish in the window", zz.post(runURL+"/publish", nil), 409, "期间不能发布")
	wantStatus(t, "objection", fg.post(runURL+"/objections", url.Values{"reason": {"会客系经批准的公务接待"}}), 303, "")
	wantStatus(t, "colleague objects for another", fg3.post(runURL+"/objections", url.Values{"reason": {"x"}}), 303, "")
	e.clock.Advance(10 * 24 * time.Hour)
	zz, fg, fg3 = e.loggedIn("zz"), e.loggedIn("fg"), e.loggedIn("fg3")
	fg.get(runURL)
	wantStatus(t, "late objection", fg.post(runURL+"/objections", url.Values{"reason": {"再议"}}), 409, "不能再提出异议")
	wantStatus(t, "publish with objections", zz.post(runURL+"/publish", nil), 409, "尚有 2 件考核异议未处理")
	os, _ := e.db.AssessmentObjections(context.Background(), run)
	wantStatus(t, "reject without answer", zz.post(fmt.Sprintf("/assessment/objections/%d/review", os[0].ID), url.Values{"run": {fmt.Sprint(run)}, "decision": {"reject"}}), 400, "书面答复")
	zz.get(runURL)
	wantStatus(t, "reject", zz.post(fmt.Sprintf("/assessment/objections/%d/review", os[0].ID), url.Values{"run": {fmt.Sprint(run)}, "decision": {"reject"}, "answer": {"未见审批记录"}}), 303, "")
	wantStatus(t, "accept", zz.post(fmt.Sprintf("/assessment/objections/%d/review", os[1].ID), url.Values{"run": {fmt.Sprint(run)}, "decision": {"accept"}}), 303, "")
	wantStatus(t, "publish", zz.post(runURL+"/publish", nil), 303, "")
	wantStatus(t, "published", zz.get(runURL), 200, "结果已锁定")
	wantStatus(t, "recompute published", zz.post(runURL+"/compute", nil), 409, "已发布，不能修改")
	wantStatus(t, "compute published month", zz.post("/assessment/runs", url.Values{"scheme": {"judge"}, "month": {month}}), 409, "已发布，不能重新计算")
	corr := idOf(t, zz.post(runURL+"/correct", nil))
	if corr == run {
		t.Fatal("a correction reused the published run")
	}
	wantStatus(t, "correction", zz.get(fmt.Sprintf("/assessment/runs/%d", corr)), 200, "第 2 版")
	wantStatus(t, "v1 kept", zz.get(runURL), 200, "已发布")
	xr := zz.get(runURL + "/scores.xlsx")
	if xr.status != 200 || !strings.HasPrefix(xr.body, "PK") {
		t.Fatalf("run xlsx: %d", xr.status)
	}
	if book, err := excelize.OpenReader(strings.NewReader(xr.body)); err != nil {
		t.Error(err)
	} else if rows, _ := book.GetRows("考核结果"); len(rows) != 4 || rows[2][1] != "赵法官" || rows[2][len(rows[2])-1] != "100" {
		t.Errorf("run xlsx rows: %v", rows)
	}
	wantStatus(t, "judge exports the table", fg.get(runURL+"/scores.xlsx"), 403, "")

	// the judge's archive; a colleague's is forbidden
	wantStatus(t, "archive", fg.get(fmt.Sprintf("/assessment/people/%d/archive?year=%s", li, month[:4])), 200, "业绩档案")
	wantStatus(t, "colleague's archive", fg3.get(fmt.Sprintf("/assessment/people/%d/archive", li)), 403, "")
	x := fg.get(fmt.Sprintf("/assessment/people/%d/archive.xlsx?year=%s", li, month[:4]))
	if x.status != 200 || !strings.HasPrefix(x.body, "PK") {
		t.Fatalf("xlsx: %d %.80q", x.status, x.body)
	}
	book, err := excelize.OpenReader(strings.NewReader(x.body))
	if err != nil {
		t.Fatal(err)
	}
	if a1, _ := book.GetCellValue("业绩档案", "A1"); a1 != "李法官 "+month[:4]+" 年业绩档案" {
		t.Errorf("xlsx A1 %q", a1)
	}
	rows, _ := book.GetRows("业绩档案")
	found := false
	for _, r := range rows {
		found = found || len(r) > 1 && r[0] == month && r[1] == "85"
	}
	if !found {
		t.Errorf("xlsx lacks the month's 85 points: %v", rows)
	}

	for _, a := range []auth.Action{auth.ActionAssessmentScheme, auth.ActionAssessmentEntry, auth.ActionAssessmentScores, auth.ActionAssessmentObjection} {
		if _, n, err := e.db.AuditLog(context.Background(), auth.AuditQuery{Action: a}); err != nil || n == 0 {
			t.Errorf("no audit entry %s (%v)", a, err)
		}
	}
}

// TestAssessmentWebWarnings: 李法官 is last three months running → 红, which
// asks for a 约谈 that his 庭长 records.
func TestAssessmentWebWarnings(t *testing.T) {
	e := newAssessmentEnv(t)
	ids := e.ids()
	li := ids["李法官"]
	zz, tz1, fg := e.loggedIn("zz"), e.loggedIn("tz1"), e.loggedIn("fg")
	scheme := idOf(t, zz.post("/assessment/schemes/new", url.Values{"category": {"员额法官"}}))
	idOf(t, zz.post(fmt.Sprintf("/assessment/schemes/%d", scheme), url.Values{"json": {simpleScheme}}))
	month := assessment.PrevMonth(assessment.MonthOf(e.srv.today()))
	months := []string{assessment.PrevMonth(assessment.PrevMonth(month)), assessment.PrevMonth(month), month}
	var last int64
	for _, m := range months {
		p, _ := assessment.MonthPeriod(m)
		zz.get("/assessment/entries")
		wantStatus(t, "event "+m, zz.post("/assessment/entries", url.Values{"person": {fmt.Sprint(li)}, "item": {"D1"}, "event": {"违规会客"}, "evidence": {"登记"}, "day": {(p.From + 2).String()}}), 303, "")
		last = idOf(t, zz.post("/assessment/runs", url.Values{"scheme": {"judge"}, "month": {m}}))
	}
	w := zz.get(fmt.Sprintf("/assessment/warnings?run=%d", last))
	wantStatus(t, "warnings", w, 200, "须约谈，尚未记录")
	if !strings.Contains(w.body, "连续 3 个月总分位于末位") {
		t.Errorf("no 红 warning:\n%.2000s", w.body)
	}
	wantStatus(t, "judge reads warnings", fg.get("/assessment/warnings"), 403, "")
	// The links of the 庭长's /assessment page name their own court: they open.
	tzHome := tz1.get("/assessment")
	for _, link := range []string{"/assessment/warnings?court=", "/assessment/rollup?court="} {
		i := strings.Index(tzHome.body, link)
		if i < 0 {
			t.Fatalf("庭长's /assessment lacks %s", link)
		}
		href := tzHome.body[i : i+len(link)+strings.IndexByte(tzHome.body[i+len(link):], '"')]
		wantStatus(t, "庭长 follows "+href, tz1.get(href), 200, "")
	}
	wantStatus(t, "庭长 asks another court", tz1.get("/assessment/warnings?court=999"), 403, "")
	tz1.get("/assessment/warnings")
	form := url.Values{"person": {fmt.Sprint(li)}, "month": {month}, "run": {fmt.Sprint(last)}, "leader": {"王庭长"}, "held_on": {e.srv.today().String()}, "content": {"谈话提醒"}, "follow_up": {""}}
	wantStatus(t, "interview without follow-up", tz1.post("/assessment/interviews", form), 400, "跟进")
	form.Set("follow_up", "每周报告整改")
	wantStatus(t, "interview", tz1.post("/assessment/interviews", form), 303, "")
	wantStatus(t, "after interview", zz.get(fmt.Sprintf("/assessment/warnings?run=%d", last)), 200, "已约谈")
	if _, n, _ := e.db.AuditLog(context.Background(), auth.AuditQuery{Action: auth.ActionAssessmentInterview}); n != 1 {
		t.Errorf("interview audit entries: %d", n)
	}
	// roll-up of the year with grades
	wantStatus(t, "rollup", zz.get("/assessment/rollup?scheme=judge&period="+month[:4]), 200, "年度等次")
	mm, _ := strconv.Atoi(month[5:])
	q := zz.get(fmt.Sprintf("/assessment/rollup?scheme=judge&period=%s-Q%d", month[:4], (mm-1)/3+1))
	wantStatus(t, "quarter", q, 200, "季度评选")
	if !strings.Contains(q.body, "李法官") {
		t.Errorf("quarter roll-up lacks 李法官:\n%.1500s", q.body)
	}
	wantStatus(t, "bad period", zz.get("/assessment/rollup?scheme=judge&period=2025-Q5"), 400, "期间“2025-Q5”无效")
}

func TestAssessmentWebWhatIf(t *testing.T) {
	e := newAssessmentEnv(t)
	zz := e.loggedIn("zz")
	scheme := idOf(t, zz.post("/assessment/schemes/new", url.Values{"category": {"员额法官"}}))
	month := assessment.PrevMonth(assessment.MonthOf(e.srv.today()))
	wantStatus(t, "whatif form", zz.get(fmt.Sprintf("/assessment/schemes/%d/whatif", scheme)), 200, "试算")
	r := zz.post(fmt.Sprintf("/assessment/schemes/%d/whatif", scheme), url.Values{"json": {simpleScheme}, "month": {month}})
	wantStatus(t, "whatif compare", r, 200, "名次变化")
	if !strings.Contains(r.body, "李法官") || !strings.Contains(r.body, "赵法官") {
		t.Errorf("compare lacks people:\n%.1500s", r.body)
	}
	wantStatus(t, "whatif bad", zz.post(fmt.Sprintf("/assessment/schemes/%d/whatif", scheme), url.Values{"json": {"{"}, "month": {month}}), 400, "无法解析")
	if all, _ := e.db.AssessmentSchemes(context.Background(), 0); len(all) != 1 {
		t.Errorf("what-if saved a scheme: %d", len(all))
	}
}

// TestAssessmentWebDrillLink: an indicator input of the explanation links
// to the cases behind it, which the judge may open.
func TestAssessmentWebDrillLink(t *testing.T) {
	e := newAssessmentEnv(t)
	zz, fg := e.loggedIn("zz"), e.loggedIn("fg")
	idOf(t, zz.post("/assessment/schemes/new", url.Values{"category": {"员额法官"}}))
	month := assessment.MonthOf(e.srv.today())
	run := idOf(t, zz.post("/assessment/runs", url.Values{"scheme": {"judge"}, "month": {month}}))
	zz.get(fmt.Sprintf("/assessment/runs/%d", run))
	wantStatus(t, "notice", zz.post(fmt.Sprintf("/assessment/runs/%d/notice", run), nil), 303, "")
	page := fg.get(fmt.Sprintf("/assessment/runs/%d/people/%d", run, e.ids()["李法官"]))
	link := regexp.MustCompile(`href="(/units/judge/\d+/indicators/pending_end/cases[^"]*|/units/judge/\d+/indicators/weighted_closed/cases[^"]*)"`).FindStringSubmatch(page.body)
	if link == nil {
		t.Fatalf("no drill-down link:\n%.3000s", page.body)
	}
	wantStatus(t, "cases behind the input", fg.get(strings.ReplaceAll(link[1], "&amp;", "&")), 200, "")
	home := fg.get(fmt.Sprintf("/units/judge/%d", e.ids()["李法官"]))
	wantStatus(t, "judge's dashboard panel", home, 200, `id="panel-assessment"`)
	wantStatus(t, "court dashboard panel", zz.get(fmt.Sprintf("/units/court/%d", e.ids()["示例市中级人民法院"])), 200, "公示，2 人")
}

// TestAssessmentWebSchemeForm: the table form changes weights and maxima;
// sums that do not fit are refused with the group named.
func TestAssessmentWebSchemeForm(t *testing.T) {
	e := newAssessmentEnv(t)
	zz := e.loggedIn("zz")
	id := idOf(t, zz.post("/assessment/schemes/new", url.Values{"category": {"员额法官"}}))
	page := zz.get(fmt.Sprintf("/assessment/schemes/%d", id))
	form := url.Values{"effective_from": {"2020-01-01"}, "notice_days": {"5"}, "rank": {"1"}}
	for _, m := range regexp.MustCompile(`name="((?:weight|max)-[^"]+)" value="([^"]+)"`).FindAllStringSubmatch(page.body, -1) {
		form.Set(m[1], m[2])
	}
	// 审判质效 40 → 45 with A1 12 → 17, 队伍建设 25 → 20 with C1 10 → 5
	form.Set("weight-0", "45")
	form.Set("max-A1", "17")
	form.Set("weight-2", "20")
	form.Set("max-C1", "5")
	bad := url.Values{}
	for k, v := range form {
		bad[k] = v
	}
	bad.Set("max-C1", "10")
	wantStatus(t, "sums off", zz.post(fmt.Sprintf("/assessment/schemes/%d/form", id), bad), 400, "考核类别“队伍建设”：各项目满分之和为 25，应等于权重 20")
	bad.Set("max-C1", "三")
	wantStatus(t, "not a number", zz.post(fmt.Sprintf("/assessment/schemes/%d/form", id), bad), 400, "项目“庭长日常评价”的满分“三”不是数字")
	form.Set("method-A1", "linear")
	next := idOf(t, zz.post(fmt.Sprintf("/assessment/schemes/%d/form", id), form))
	sc, err := e.db.AssessmentScheme(context.Background(), next)
	if err != nil || sc.Version != 2 || sc.Groups[0].Weight != 45 || sc.Item("A1").Max != 17 || sc.Item("A1").Rule.Method != "linear" || sc.NoticeDays != 5 {
		t.Errorf("saved: %+v %v", sc, err)
	}
}

// TestAssessmentWebCourts: 院领导 of the 中院 switches to the court below;
// a judge asking for another court gets 403.
func TestAssessmentWebCourts(t *testing.T) {
	e := newAssessmentEnv(t)
	ids := e.ids()
	yz, fg, zz := e.loggedIn("yz"), e.loggedIn("fg"), e.loggedIn("zz")
	home := yz.get("/assessment")
	wantStatus(t, "president home", home, 200, `id="court-choice"`)
	district := ids["示例市甲区人民法院"]
	wantStatus(t, "president on the district court", yz.get(fmt.Sprintf("/assessment?court=%d", district)), 200, "本院尚未设定考核方案")
	wantStatus(t, "judge on another court", fg.get(fmt.Sprintf("/assessment?court=%d", district)), 403, "您无权查看该法院的绩效考核")
	wantStatus(t, "政治部 on the court below", zz.get(fmt.Sprintf("/assessment/warnings?court=%d", district)), 403, "")
	wantStatus(t, "bad court", yz.get("/assessment/rollup?court=x"), 403, "")
}

var (
	formInput  = regexp.MustCompile(`<input type="(?:text|date|hidden)" name="([^"]+)" value="([^"]*)"`)
	formSelect = regexp.MustCompile(`(?s)<select name="([^"]+)"[^>]*>(.*?)</select>`)
	formChosen = regexp.MustCompile(`<option value="([^"]*)" selected>`)
)

// pageForm collects the text inputs and the selected options of a page.
func pageForm(body string) url.Values {
	form := url.Values{}
	for _, m := range formInput.FindAllStringSubmatch(body, -1) {
		form.Set(m[1], html.UnescapeString(m[2]))
	}
	for _, m := range formSelect.FindAllStringSubmatch(body, -1) {
		if c := formChosen.FindStringSubmatch(m[2]); c != nil {
			form.Set(m[1], c[1])
		}
	}
	return form
}

// TestAssessmentWebSchemeRulesForm: the table form edits event points and
// caps (and adds and removes events), band bounds, thresholds, warning
// rules and grade lines; bad values get errors naming the item and field.
func TestAssessmentWebSchemeRulesForm(t *testing.T) {
	e := newAssessmentEnv(t)
	zz := e.loggedIn("zz")
	id := idOf(t, zz.post("/assessment/schemes/new", url.Values{"category": {"员额法官"}}))
	path := fmt.Sprintf("/assessment/schemes/%d", id)
	form := pageForm(zz.get(path).body)
	if form.Get("ev-D1-0-name") != "违规会客" || form.Get("ev-D1-0-points") != "-3" || form.Get("thresholds-A5") != "0.3:0.6 0.45:0.8 0.6:1" ||
		form.Get("upper-A6") != "1.2" || form.Get("warn-0-bottom") != "10" || form.Get("grade-quota") != "20" || form.Get("nodata-A2") != "80" {
		t.Fatalf("form as shown: %v", form)
	}
	with := func(kv ...string) url.Values {
		f := url.Values{}
		for k, v := range form {
			f[k] = v
		}
		for i := 0; i < len(kv); i += 2 {
			f.Set(kv[i], kv[i+1])
		}
		return f
	}
	wantStatus(t, "bad thresholds", zz.post(path+"/form", with("thresholds-A5", "0.3-0.5")), 400, "项目“调撤率”的分段“0.3-0.5”无效")
	wantStatus(t, "points beyond cap", zz.post(path+"/form", with("ev-D1-1-points", "-4")), 400, "事项“文书错漏”每次 -4 分，超过累计上限 3 分")
	wantStatus(t, "points not a number", zz.post(path+"/form", with("ev-D1-0-cap", "六")), 400, "项目“负面清单”的事项“违规会客”累计上限“六”不是数字")
	wantStatus(t, "band reversed", zz.post(path+"/form", with("lower-A6", "1.5")), 400, "合理区间下限大于上限")
	// D1: 违规会客 −4, 文书错漏 removed, 酒驾 added (the blank row is index 3)
	next := idOf(t, zz.post(path+"/form", with("ev-D1-0-points", "-4", "ev-D1-1-name", "", "ev-D1-3-name", "酒后驾驶", "ev-D1-3-points", "-6", "ev-D1-3-cap", "6",
		"upper-A6", "1.3", "thresholds-A5", "0.3：0.5，0.6：1", "dir-A3", "high", "warn-0-bottom", "15", "grade-quota", "15", "base-B1", "40")))
	sc, err := e.db.AssessmentScheme(context.Background(), next)
	if err != nil {
		t.Fatal(err)
	}
	d1 := sc.Item("D1").Rule.Events
	if len(d1) != 3 || d1[0].Points != -4 || d1[1].Name != "超审限" || d1[2] != (assessment.EventType{Name: "酒后驾驶", Points: -6, Cap: 6}) {
		t.Errorf("D1 events: %+v", d1)
	}
	a5 := sc.Item("A5").Rule.Thresholds
	if a6 := sc.Item("A6").Rule; *a6.Upper != 1.3 || *a6.Lower != 0.9 || len(a5) != 2 || a5[0] != (assessment.Threshold{At: 0.3, Share: 0.5}) {
		t.Errorf("A6 %v–%v, A5 %+v", *a6.Lower, *a6.Upper, a5)
	}
	if sc.Warnings[0].Bottom != 0.15 || sc.Grades.Quota != 0.15 || sc.Item("B1").Rule.Base != 0.4 || sc.Item("A4").Rule.LowerBetter != true {
		t.Errorf("warnings %+v grades %+v B1 base %v", sc.Warnings[0], sc.Grades, sc.Item("B1").Rule.Base)
	}
	if _, n, _ := e.db.AuditLog(context.Background(), auth.AuditQuery{Action: auth.ActionAssessmentScheme}); n != 2 {
		t.Errorf("%d scheme audit entries, want 2", n)
	}
}

// TestAssessmentWebNoCases: under the default 员额法官 scheme a month
// without cases marks the judges 本月无办案: the explanation says so and
// why, the table gives no rank, the judge's own page says so; 王庭长, who
// closed a case in March 2024, is ranked under the 院庭长 scheme.
func TestAssessmentWebNoCases(t *testing.T) {
	e := newAssessmentEnv(t)
	zz, fg := e.loggedIn("zz"), e.loggedIn("fg")
	li := e.ids()["李法官"]
	idOf(t, zz.post("/assessment/schemes/new", url.Values{"category": {"员额法官"}}))

	empty := idOf(t, zz.post("/assessment/runs", url.Values{"scheme": {"judge"}, "month": {"2020-02"}}))
	page := zz.get(fmt.Sprintf("/assessment/runs/%d/people/%d", empty, li))
	wantStatus(t, "explanation without cases", page, 200, `id="no-cases"`)
	for _, want := range []string{"本月无办案：本人加权结案数为 0", "workload_indicator = weighted_closed", "不参加排名"} {
		if !strings.Contains(page.body, want) {
			t.Errorf("explanation lacks %q:\n%.3000s", want, page.body)
		}
	}
	if strings.Contains(page.body, "名（共") {
		t.Errorf("a judge without cases is given a rank:\n%.2000s", page.body)
	}
	wantStatus(t, "run table", zz.get(fmt.Sprintf("/assessment/runs/%d", empty)), 200, `<span class="badge" title="本月无办案`)
	wantStatus(t, "notice", zz.post(fmt.Sprintf("/assessment/runs/%d/notice", empty), nil), 303, "")
	own := fg.get(fmt.Sprintf("/assessment/runs/%d", empty))
	wantStatus(t, "judge's own run page", own, 200, "本月无办案，不参加排名")

	// 王庭长 (院庭长) closed a case in March 2024: ranked.
	idOf(t, zz.post("/assessment/schemes/new", url.Values{"category": {"院庭长"}}))
	run := idOf(t, zz.post("/assessment/runs", url.Values{"scheme": {"leader"}, "month": {"2024-03"}}))
	page = zz.get(fmt.Sprintf("/assessment/runs/%d/people/%d", run, e.ids()["王庭长"]))
	wantStatus(t, "explanation with cases", page, 200, "第 1 名（共 1 人参加排名）")
	if strings.Contains(page.body, `id="no-cases"`) {
		t.Errorf("王庭长 closed a case in 2024-03 but is marked 本月无办案")
	}
}

// TestAssessmentWebNoCasesSetting: the scheme page shows the 本月无办案
// setting of the default 员额法官 scheme; the table form turns it off, and
// an indicator no item reads of the person is refused.
func TestAssessmentWebNoCasesSetting(t *testing.T) {
	e := newAssessmentEnv(t)
	zz := e.loggedIn("zz")
	id := idOf(t, zz.post("/assessment/schemes/new", url.Values{"category": {"员额法官"}}))
	path := fmt.Sprintf("/assessment/schemes/%d", id)
	page := zz.get(path)
	wantStatus(t, "scheme page", page, 200, `id="workload-setting"`)
	form := pageForm(page.body)
	if form.Get("workload_indicator") != "weighted_closed" {
		t.Fatalf("workload_indicator shown as %q", form.Get("workload_indicator"))
	}
	form.Set("workload_indicator", "closed")
	wantStatus(t, "unknown indicator", zz.post(path+"/form", form), 400, "本月无办案的判定指标（workload_indicator）“closed”须为本方案中按本人取数的指标项目所用指标")
	form.Set("workload_indicator", "")
	next := idOf(t, zz.post(path+"/form", form))
	sc, err := e.db.AssessmentScheme(context.Background(), next)
	if err != nil || sc.WorkloadIndicator != "" {
		t.Errorf("turned off: %q %v", sc.WorkloadIndicator, err)
	}
	if strings.Contains(zz.get(fmt.Sprintf("/assessment/schemes/%d", next)).body, `id="workload-setting"`) {
		t.Error("the scheme page still shows the setting")
	}
}
