package web

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// petitionsMedia emulates a CSS media type ("print"; "" for the screen).
func petitionsMedia(media string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: media})
		return err
	})
}

// TestPetitionsBrowser: a citizen files through the public form and keeps
// the tracking code; the 立案庭 clerk acknowledges the request from the
// department's queue and answers it; the citizen sees the answer with the
// code. The window's ptIntake prints its notice from a page without inline code.
func TestPetitionsBrowser(t *testing.T) {
	ctx := browser(t)
	e := petitionsEnv(t)
	base := e.ts.URL

	step(t, ctx, "public form", chromedp.Navigate(base+"/public/petition"), chromedp.WaitVisible(chromedp.ID("pt-public-form")),
		chromedp.SetValue(chromedp.ID("pt-type"), "咨询"),
		chromedp.SendKeys(chromedp.ID("pt-subject"), "咨询执行款何时发放"),
		chromedp.SendKeys(chromedp.ID("pt-content"), "我的案件已判决，执行款尚未收到。<b>急</b>"),
		chromedp.SendKeys(chromedp.ID("pt-name"), "王五"),
		chromedp.SendKeys(chromedp.ID("pt-phone"), "13900002222"),
		chromedp.Click(chromedp.ID("pt-submit")), chromedp.WaitVisible(chromedp.ID("pt-code")))
	code := eval[string](t, ctx, `document.getElementById("pt-code").textContent`)
	if len(code) != 19 {
		t.Fatalf("tracking code %q", code)
	}
	noCSPViolations(t, ctx, "public form")
	screenshot(t, ctx, "petitions-public.png")

	browserLogin(t, ctx, base, "lian")
	step(t, ctx, "queue", chromedp.Navigate(base+"/petitions?f=queue"), chromedp.WaitVisible(chromedp.ID("petitions")))
	if n := eval[int](t, ctx, `document.querySelectorAll("#petitions tbody tr[id]").length`); n != 1 {
		t.Fatalf("立案庭 queue holds %d requests, want 1", n)
	}
	step(t, ctx, "open", chromedp.Click(chromedp.CSS(`#petitions tbody tr[id] a`)), chromedp.WaitVisible(chromedp.ID("pt-ack")))
	step(t, ctx, "acknowledge", chromedp.Click(chromedp.ID("pt-ack")), chromedp.WaitNotPresent(chromedp.ID("pt-ack")))
	if owner := eval[string](t, ctx, `document.getElementById("pt-owner").textContent`); !strings.Contains(owner, "孙立案") {
		t.Errorf("owner after acknowledging: %q", owner)
	}
	step(t, ctx, "answer", chromedp.SendKeys(chromedp.ID("pt-answer-text"), "执行款已于今日发放，请注意查收。"),
		chromedp.Click(chromedp.ID("pt-answer-submit")), chromedp.WaitVisible(chromedp.ID("pt-answer")))
	noCSPViolations(t, ctx, "request page")
	screenshot(t, ctx, "petitions-show.png")

	step(t, ctx, "intake", chromedp.Navigate(base+"/petitions/new"), chromedp.WaitVisible(chromedp.ID("pt-intake")),
		chromedp.SetValue(chromedp.ID("pt-type"), "投诉"),
		chromedp.SendKeys(chromedp.ID("pt-subject"), "投诉书记员未送达"),
		chromedp.SendKeys(chromedp.ID("pt-name"), "赵六"),
		chromedp.Click(chromedp.ID("pt-save")), chromedp.WaitVisible(chromedp.ID("pt-print")))
	if n := eval[int](t, ctx, `document.querySelectorAll("#pt-notice li").length`); n == 0 {
		t.Error("the ptIntake page shows no one-time notice")
	}
	noCSPViolations(t, ctx, "intake result")
	screenshot(t, ctx, "petitions-created.png")
	step(t, ctx, "print layout", petitionsMedia("print"))
	if v := eval[string](t, ctx, `[getComputedStyle(document.querySelector("header.top")).display, getComputedStyle(document.getElementById("pt-print")).display,
		getComputedStyle(document.getElementById("pt-notice")).display, getComputedStyle(document.getElementById("pt-receipt")).display].join(" ")`); v != "none none block block" {
		t.Errorf("printed, the header, the button, the notice and the receipt show as %q", v)
	}
	screenshot(t, ctx, "petitions-print.png")
	step(t, ctx, "screen layout", petitionsMedia(""))
	logout(t, ctx)

	step(t, ctx, "track", chromedp.Navigate(base+"/public/track"), chromedp.WaitVisible(chromedp.ID("pt-track-form")),
		chromedp.SendKeys(chromedp.ID("pt-code-in"), strings.ToLower(code)),
		chromedp.Click(chromedp.ID("pt-track")), chromedp.WaitVisible(chromedp.ID("pt-status")))
	if a := eval[string](t, ctx, `document.getElementById("pt-answer").textContent`); a != "执行款已于今日发放，请注意查收。" {
		t.Errorf("the citizen sees the answer %q", a)
	}
	if s := eval[string](t, ctx, `document.getElementById("pt-state").textContent`); s != "已答复" {
		t.Errorf("status %q", s)
	}
	if eval[bool](t, ctx, `document.body.textContent.includes("孙立案")`) {
		t.Error("the tracking page names the clerk")
	}
	noCSPViolations(t, ctx, "tracking page")
	screenshot(t, ctx, "petitions-track.png")
}
