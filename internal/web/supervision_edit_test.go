package web

import (
	"context"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/zhixiao/zhixiao/internal/auth"
	"github.com/zhixiao/zhixiao/internal/store"
	"github.com/zhixiao/zhixiao/internal/supervision"
)

// TestSupervisionEditPermissions: only 审管办, 院领导 and the plan's creator
// edit a plan, a problem or a measure or withdraw one; a 庭长 and a judge
// of the responsible department get 403 and no edit form; each change is
// audited and recorded in the measure's history; a withdrawn measure leaves
// the board's count and takes no more reports.
func TestSupervisionEditPermissions(t *testing.T) {
	e := svEnv(t)
	plan, measure := svPlanWithMeasure(t, e)
	fg, tz1, yz, sgb := e.loggedIn("fg"), e.loggedIn("tz1"), e.loggedIn("yz"), e.loggedIn("sgb")
	ctx := context.Background()
	board := sgb.get(plan).body
	prob := regexp.MustCompile(`action="/supervision/problems/(\d+)/edit"`).FindStringSubmatch(board)
	if prob == nil {
		t.Fatalf("no problem edit form for 审管办:\n%.3000s", board)
	}
	problem := "/supervision/problems/" + prob[1]
	// The department's chief sees the board and the measure but may not edit.
	if r := tz1.get(plan); r.status != 200 || strings.Contains(r.body, "/edit\"") {
		t.Errorf("the chief's board: %d, edit forms shown: %v", r.status, strings.Contains(r.body, "/edit\""))
	}
	if r := tz1.get(measure); r.status != 200 || strings.Contains(r.body, `id="sv-edit-form"`) {
		t.Errorf("the chief's measure page: %d, edit form shown", r.status)
	}
	due := (e.srv.svToday() + 40).String()
	u, _, _ := e.db.UserByLogin(ctx, "sgb")
	edit := url.Values{"title": {"清理长期未结案件（调整）"}, "leader": {fmt.Sprint(u.ID)}, "dept": {fmt.Sprint(e.ids()["示例市中级人民法院/民一庭"])},
		"due": {due}, "milestones": {(e.srv.svToday() + 10).String() + " 完成摸底\n" + (e.srv.svToday() + 30).String() + " 评估"}}
	for who, c := range map[string]*client{"tz1": tz1, "fg": fg} {
		c.get(measure)
		wantStatus(t, who+" edits the measure", c.post(measure+"/edit", svClone(edit)), 403, "仅本院审管办、院领导和方案编制人")
		wantStatus(t, who+" withdraws the measure", c.post(measure+"/withdraw", url.Values{"reason": {"x"}}), 403, "仅本院审管办")
		wantStatus(t, who+" edits the plan", c.post(plan+"/edit", url.Values{"title": {"x"}}), 403, "仅本院审管办")
		wantStatus(t, who+" edits the problem", c.post(problem+"/edit", url.Values{"title": {"x"}}), 403, "仅本院审管办")
		wantStatus(t, who+" withdraws the problem", c.post(problem+"/withdraw", url.Values{"reason": {"x"}}), 403, "仅本院审管办")
	}
	if _, n, _ := e.db.AuditLog(ctx, auth.AuditQuery{Action: store.ActionSvPlanEdit}); n != 0 {
		t.Fatalf("refused edits left %d audit entries", n)
	}

	// 院领导 edits the measure: the leader, the deadline, a milestone moved and one added.
	r := yz.get(measure)
	wantStatus(t, "院领导's measure page", r, 200, `id="sv-edit-form"`)
	bad := svClone(edit)
	bad.Set("due", "2026-13-40")
	wantStatus(t, "a bad deadline", yz.post(measure+"/edit", bad), 422, "完成时限“2026-13-40”无法识别")
	r = yz.post(measure+"/edit", svClone(edit))
	wantStatus(t, "院领导 edits", r, 200, "措施已调整")
	for _, want := range []string{"责任领导：", "完成时限：", "节点：新增 1 个，调整 1 个", "<strong>调整</strong>"} {
		if !strings.Contains(r.body, want) {
			t.Errorf("the edited measure's page lacks %q", want)
		}
	}
	drop := svClone(edit)
	drop.Set("milestones", (e.srv.svToday()+10).String()+" 完成摸底")
	r = yz.post(measure+"/edit", drop)
	wantStatus(t, "a milestone dropped", r, 200, "节点：取消 1 个")
	if !regexp.MustCompile(`id="sv-dropped"><li><del>[0-9-]+ 评估</del>`).MatchString(r.body) {
		t.Error("the dropped milestone is not kept on the measure's page")
	}
	// 审管办 edits the plan and the problem, then withdraws the measure.
	sgb.get(plan)
	if r := sgb.post(plan+"/edit", url.Values{"title": {"脱薄争先实施方案（修订）"}, "source": {"自查"}, "description": {"第二版"}}); r.status != 303 {
		t.Fatalf("plan edit: %d %.500s", r.status, r.body)
	}
	if r := sgb.post(problem+"/edit", url.Values{"title": {"审判质效有待提升"}}); r.status != 303 {
		t.Fatalf("problem edit: %d", r.status)
	}
	wantStatus(t, "the edited board", sgb.get(plan), 200, "审判质效有待提升")
	sgb.get(measure)
	wantStatus(t, "withdraw without reason", sgb.post(measure+"/withdraw", url.Values{"reason": {" "}}), 422, "请填写理由")
	wantStatus(t, "withdraw", sgb.post(measure+"/withdraw", url.Values{"reason": {"与其他措施重复"}}), 200, "已撤销")
	wantStatus(t, "the board after", sgb.get(plan), 200, "已撤销 1（不计入）")
	fg.get(measure)
	wantStatus(t, "a report on a withdrawn measure", svUpload(fg, measure+"/progress", map[string]string{"body": "x", "progress": "50"}, nil), 422, "已撤销")
	if r := sgb.get(measure); strings.Contains(r.body, `id="sv-edit-form"`) || !strings.Contains(r.body, "与其他措施重复") {
		t.Error("a withdrawn measure is still offered for editing, or its reason is not shown")
	}
	if _, n, _ := e.db.AuditLog(ctx, auth.AuditQuery{Action: store.ActionSvPlanEdit}); n != 4 {
		t.Errorf("%d edit entries in the audit log, want 4 (measure twice, plan, problem)", n)
	}
	if _, n, _ := e.db.AuditLog(ctx, auth.AuditQuery{Action: store.ActionSvWithdraw}); n != 1 {
		t.Errorf("%d withdrawal entries in the audit log, want 1", n)
	}
	// The problem's withdrawal by the 院领导.
	yz.get(plan)
	if r := yz.post(problem+"/withdraw", url.Values{"reason": {"已并入其他问题"}}); r.status != 303 {
		t.Fatalf("problem withdrawal: %d %.500s", r.status, r.body)
	}
	if b := yz.get(plan).body; !strings.Contains(b, "已并入其他问题") || strings.Contains(b, `action="/supervision/problems/`+prob[1]+`/edit"`) {
		t.Error("the withdrawn problem is not shown as withdrawn")
	}
	id := regexp.MustCompile(`\d+$`).FindString(measure)
	var mid int64
	fmt.Sscan(id, &mid)
	m, _, err := e.db.Measure(ctx, mid)
	if err != nil || m.Status != supervision.MeasureWithdrawn || m.Title != "清理长期未结案件（调整）" {
		t.Errorf("the measure is kept with its edits: %+v %v", m, err)
	}
}

// TestSupervisionLeadersSetting: 审管办 sets the 分管院领导 of a department on
// the settings page (audited); a 院领导 may not; a non-院领导 account is refused.
func TestSupervisionLeadersSetting(t *testing.T) {
	e := svEnv(t)
	ctx := context.Background()
	sgb, yz := e.loggedIn("sgb"), e.loggedIn("yz")
	r := sgb.get("/supervision/settings")
	dept := e.ids()["示例市中级人民法院/民一庭"]
	field := fmt.Sprintf("dept-%d", dept)
	wantStatus(t, "settings page", r, 200, `name="`+field+`"`)
	u, _, _ := e.db.UserByLogin(ctx, "yz")
	tz, _, _ := e.db.UserByLogin(ctx, "tz1")
	wantStatus(t, "a chief as leader", sgb.post("/supervision/settings/leaders", url.Values{field: {fmt.Sprint(tz.ID)}}), 422, "须为本院在用的院领导账号")
	yz.get("/supervision")
	wantStatus(t, "院领导 edits the setting", yz.post("/supervision/settings/leaders", url.Values{field: {fmt.Sprint(u.ID)}}), 403, "仅审管办")
	r = sgb.post("/supervision/settings/leaders", url.Values{field: {fmt.Sprint(u.ID)}})
	wantStatus(t, "save", r, 200, "分管院领导已保存")
	if !regexp.MustCompile(`<option value="` + fmt.Sprint(u.ID) + `" selected>`).MatchString(r.body) {
		t.Error("the saved leader is not selected on the page")
	}
	m, err := e.db.SupervisionLeaders(ctx, u.CourtID)
	if err != nil || m[dept] != u.ID {
		t.Errorf("saved: %v %v", m, err)
	}
	if _, n, _ := e.db.AuditLog(ctx, auth.AuditQuery{Action: store.ActionSvLeaders}); n != 1 {
		t.Errorf("%d leader-setting entries in the audit log", n)
	}
}

// TestSupervisionLinks: the chief's dashboard panel lists the department's
// open 督办单 with links to the item and the case; the warnings list links
// each warning to its item; the item names the people responsible.
func TestSupervisionLinks(t *testing.T) {
	e := svEnv(t)
	tz1 := e.loggedIn("tz1")
	id := svItemID(t, e, "（2020）示01民初1号")
	link := fmt.Sprintf(`href="/supervision/items/%d"`, id)
	home := tz1.get("/").header.Get("Location")
	r := tz1.get(home)
	wantStatus(t, "chief's dashboard", r, 200, `id="sv-panel-items"`)
	if !strings.Contains(r.body, `href="/supervision/inbox">督办消息 1 条未读`) {
		t.Error("the dashboard panel does not show the chief's unread notice")
	}
	if !strings.Contains(r.body, link) {
		t.Errorf("the dashboard panel does not link to 督办单 %d", id)
	}
	r = tz1.get("/supervision")
	if !regexp.MustCompile(`民初1号</a></td>.*?` + regexp.QuoteMeta(link)).MatchString(strings.ReplaceAll(r.body, "\n", " ")) {
		t.Error("the warning of 民初1号 does not link to its 督办单")
	}
	r = tz1.get(fmt.Sprintf("/supervision/items/%d", id))
	wantStatus(t, "item page", r, 200, "民一庭庭长")
	if !regexp.MustCompile(`id="sv-item-warning"><span class="badge sv-red">红色预警</span>`).MatchString(r.body) {
		t.Error("the item page does not show the case's current warning")
	}
	svPlanWithMeasure(t, e)
	wantStatus(t, "the plan's figures on the chief's 督办 page", tz1.get("/supervision"), 200, "措施 1 · 已销号 0 · 待审批 0")
	if r := e.loggedIn("tz2").get(home); strings.Contains(r.body, link) {
		t.Error("another department's chief sees the item on a dashboard")
	}
}

// TestSupervisionWeeklyAsOfToday: the weekly report of a week not over
// yet judges lateness as of today: a measure due after today is not late.
func TestSupervisionWeeklyAsOfToday(t *testing.T) {
	e := svEnv(t)
	plan, _ := svPlanWithMeasure(t, e) // due today + 20
	yz := e.loggedIn("yz")
	week := (e.srv.svToday() + 23).String()
	r := yz.get(plan + "/weekly?week=" + week)
	wantStatus(t, "weekly of a later week", r, 200, "清理长期未结案件")
	if strings.Contains(r.body, `<span class="sv-card late">`) || !strings.Contains(r.body, `<span class="sv-card ontrack">`) {
		t.Errorf("a measure due after today is shown late in the weekly report of a week not over")
	}
}

// TestSupervisionEscalatedToMe: with 民一庭 in yz's charge and 民二庭 in
// fyz's, once the items are overdue yz's "提请我督办的" lists 民一庭's item
// and not 民二庭's; the item names whom it went to.
func TestSupervisionEscalatedToMe(t *testing.T) {
	e := svEnv(t)
	ctx := context.Background()
	yzU, _, _ := e.db.UserByLogin(ctx, "yz")
	fyz := addTestUser(t, e.db, "fyz", "院领导", yzU.Court, "", "")
	ids := e.ids()
	min1, min2 := ids["示例市中级人民法院/民一庭"], ids["示例市中级人民法院/民二庭"]
	if err := e.db.SaveSupervisionLeaders(ctx, yzU.CourtID, map[int64]int64{min1: yzU.ID, min2: fyz.ID}, svJobEntry()); err != nil {
		t.Fatal(err)
	}
	if r, err := e.db.RunSupervision(ctx, e.srv.svToday()+16, svJobEntry()); err != nil || r.Escalated == 0 {
		t.Fatalf("escalation run: %+v %v", r, err)
	}
	yz := e.loggedIn("yz")
	r := yz.get("/supervision/items?escalated=1&mine=1")
	wantStatus(t, "escalated to me", r, 200, "（2020）示01民初1号")
	if strings.Contains(r.body, "（2020）示01民初2号") {
		t.Error("yz's list has 民二庭's item, which went to fyz")
	}
	if !strings.Contains(r.body, "提请分管院领导 yz") {
		t.Error("the list does not say whom the item went to")
	}
	wantStatus(t, "all escalated", yz.get("/supervision/items?escalated=1"), 200, "（2020）示01民初2号")
	wantStatus(t, "yz's inbox links to the list", yz.get("/supervision/inbox"), 200, `href="/supervision/items?escalated=1&amp;mine=1"`)
}

// TestSupervisionTodayBeforeSnapshot: before the indicator snapshot has
// loaded, the module's day is still the data's latest day, not the clock's.
func TestSupervisionTodayBeforeSnapshot(t *testing.T) {
	e := svEnv(t)
	latest, err := e.db.LatestDay(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	e.srv.asOf.Store(0)
	e.srv.cfg.Now = func() time.Time { return latest.Time().AddDate(0, 2, 0) } // the clock two months on
	if got := e.srv.svToday(); got != latest {
		t.Errorf("svToday before the snapshot = %s, want the data's latest day %s", got, latest)
	}
}
