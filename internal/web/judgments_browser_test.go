package web

import (
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestJudgmentsBrowser pastes a case description into the search page,
// sees the results with marked terms and the score's parts, opens a
// judgment, and finds the 类案 panel on the case page; no page breaks the
// Content-Security-Policy.
func TestJudgmentsBrowser(t *testing.T) {
	ctx := browser(t)
	e := judgmentsEnv(t, false)
	base := e.ts.URL
	browserLogin(t, ctx, base, "tz1")
	step(t, ctx, "search page", chromedp.Navigate(base+"/judgments"), chromedp.WaitVisible(chromedp.ID("q")),
		chromedp.SendKeys(chromedp.ID("q"), "被告向原告借款后出具借条，到期未还"),
		chromedp.Click(chromedp.CSS(`#judgments-form button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.ID("hit-0")))
	if n := eval[int](t, ctx, `document.querySelectorAll("#hit-0 mark").length`); n == 0 {
		t.Error("the first result marks no shared term")
	}
	if s := eval[string](t, ctx, `document.querySelector("#hit-0 .muted strong").textContent`); s == "" {
		t.Error("the first result shows no score")
	}
	noCSPViolations(t, ctx, "search page")
	screenshot(t, ctx, "judgments_search.png")
	step(t, ctx, "open a judgment", chromedp.Click(chromedp.CSS("#hit-0 h3 a")), chromedp.WaitVisible(chromedp.ID("judgment-articles")))
	if a := eval[string](t, ctx, `document.getElementById("judgment-articles").textContent`); !strings.Contains(a, "第六百七十五条") {
		t.Errorf("judgment page articles %q", a)
	}
	noCSPViolations(t, ctx, "judgment page")
	step(t, ctx, "case page panel", chromedp.Navigate(base+"/cases/"+url.PathEscape("（2024）示01民初4号")), chromedp.WaitVisible(chromedp.ID("panel-judgments")))
	if rows := eval[int](t, ctx, `document.querySelectorAll("#panel-judgments tbody tr").length`); rows == 0 {
		t.Error("the 类案 panel lists no judgment")
	}
	noCSPViolations(t, ctx, "case page")
	screenshot(t, ctx, "judgments_panel.png")
}
