package web

import (
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
