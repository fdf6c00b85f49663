package web

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestSupervisionBrowser: a leader opens the 作战图, sees a closing waiting
// for approval, opens the measure, approves the closing, and the board
// changes (one more 已销号, none waiting, the card turns 按期销号).
func TestSupervisionBrowser(t *testing.T) {
	ctx := browser(t)
	e := svEnv(t)
	plan, measure := svPlanWithMeasure(t, e)
	fg := e.loggedIn("fg")
	fg.get(measure)
	if r := svUpload(fg, measure+"/closeout", map[string]string{"body": "已完成清理"}, map[string][]byte{"整改报告.pdf": []byte("%PDF-1.4 报告")}); r.status != 200 {
		t.Fatalf("closeout request: %d", r.status)
	}
	base := e.ts.URL
	browserLogin(t, ctx, base, "yz")
	step(t, ctx, "作战图", chromedp.Navigate(base+plan), chromedp.WaitVisible(chromedp.ID("sv-tally")))
	if got := eval[string](t, ctx, `document.getElementById("sv-pending").textContent + "/" + document.getElementById("sv-closed").textContent`); got != "1/0" {
		t.Fatalf("board before approval: pending/closed = %s", got)
	}
	card := eval[string](t, ctx, `document.querySelector(".sv-card[id^='sv-measure-']").className`)
	noCSPViolations(t, ctx, "作战图")
	screenshot(t, ctx, "supervision-board-before.png")

	step(t, ctx, "open the measure", chromedp.Click(chromedp.CSS(".sv-card .title a")), chromedp.WaitVisible(chromedp.ID("sv-decide-form")))
	screenshot(t, ctx, "supervision-measure.png")
	step(t, ctx, "approve", chromedp.Click(chromedp.ID("sv-approve")), chromedp.WaitVisible(chromedp.CSS(".flash.info")))
	if st := eval[string](t, ctx, `document.getElementById("sv-measure-status").textContent`); st[:len("已销号")] != "已销号" {
		t.Errorf("measure after approval: %q", st)
	}
	noCSPViolations(t, ctx, "整改措施")

	step(t, ctx, "back to the 作战图", chromedp.Navigate(base+plan), chromedp.WaitVisible(chromedp.ID("sv-tally")))
	if got := eval[string](t, ctx, `document.getElementById("sv-pending").textContent + "/" + document.getElementById("sv-closed").textContent`); got != "0/1" {
		t.Errorf("board after approval: pending/closed = %s", got)
	}
	after := eval[string](t, ctx, `document.querySelector(".sv-card[id^='sv-measure-']").className`)
	if after == card || after != "sv-card done" {
		t.Errorf("card class %q before, %q after; want it to turn \"sv-card done\"", card, after)
	}
	screenshot(t, ctx, "supervision-board-after.png")
	step(t, ctx, "督办 home", chromedp.Navigate(base+"/supervision"), chromedp.WaitVisible(chromedp.ID("sv-warnings")))
	noCSPViolations(t, ctx, "督办")
	screenshot(t, ctx, "supervision-home.png")
	logout(t, ctx)
}

// TestSupervisionBrowserEdit: a 审管办 clerk opens a measure, moves its
// deadline to yesterday in the 调整 form, sees the change in its history,
// and the card on the 作战图 turns 已逾期; the settings page shows the
// 分管院领导 form.
func TestSupervisionBrowserEdit(t *testing.T) {
	ctx := browser(t)
	e := svEnv(t)
	plan, measure := svPlanWithMeasure(t, e)
	base := e.ts.URL
	browserLogin(t, ctx, base, "sgb")
	step(t, ctx, "作战图", chromedp.Navigate(base+plan), chromedp.WaitVisible(chromedp.ID("sv-tally")))
	if c := eval[string](t, ctx, `document.querySelector(".sv-card[id^='sv-measure-']").className`); c != "sv-card ontrack" {
		t.Fatalf("card before the edit: %q", c)
	}
	yesterday := (e.srv.svToday() - 1).String()
	step(t, ctx, "open the measure", chromedp.Navigate(base+measure), chromedp.WaitVisible(chromedp.ID("sv-measure-edit")),
		chromedp.Click(chromedp.CSS("#sv-measure-edit > summary")), chromedp.WaitVisible(chromedp.ID("sv-edit-form")),
		chromedp.SetValue(chromedp.CSS(`#sv-edit-form input[name="due"]`), yesterday))
	screenshot(t, ctx, "supervision-measure-edit.png")
	step(t, ctx, "save the edit", chromedp.Click(chromedp.CSS(`#sv-edit-form button[type="submit"]`)), chromedp.WaitVisible(chromedp.CSS(".flash.info")))
	if h := eval[string](t, ctx, `document.getElementById("sv-history").textContent`); !strings.Contains(h, "调整") || !strings.Contains(h, "完成时限") {
		t.Errorf("the measure's history after the edit: %q", h)
	}
	noCSPViolations(t, ctx, "整改措施")
	step(t, ctx, "back to the 作战图", chromedp.Navigate(base+plan), chromedp.WaitVisible(chromedp.ID("sv-tally")))
	if c := eval[string](t, ctx, `document.querySelector(".sv-card[id^='sv-measure-']").className`); c != "sv-card late" {
		t.Errorf("card after moving the deadline to yesterday: %q, want \"sv-card late\"", c)
	}
	screenshot(t, ctx, "supervision-board-edited.png")
	step(t, ctx, "settings", chromedp.Navigate(base+"/supervision/settings"), chromedp.WaitVisible(chromedp.ID("sv-leaders")))
	noCSPViolations(t, ctx, "督办设置")
	screenshot(t, ctx, "supervision-settings.png")
	logout(t, ctx)
}
