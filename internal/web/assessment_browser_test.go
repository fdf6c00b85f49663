package web

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestAssessmentBrowser: 政治部 creates the default 员额法官 scheme, computes
// last month and puts it in 公示 by clicking through the pages; the judge
// then opens their score's explanation (本月无办案 in the fixture, with the
// reason shown) and files an objection. No page
// breaks the CSP. Screenshots: assessment_run.png, assessment_score.png.
func TestAssessmentBrowser(t *testing.T) {
	ctx := browser(t)
	e := newAssessmentEnv(t)
	base := e.ts.URL

	browserLogin(t, ctx, base, "zz")
	step(t, ctx, "home", chromedp.Navigate(base+"/assessment"), chromedp.WaitVisible(chromedp.ID("new-category")))
	step(t, ctx, "new scheme", chromedp.SetValue(chromedp.ID("new-category"), "员额法官"),
		chromedp.Click(chromedp.CSS(`form[action="/assessment/schemes/new"] button`)), chromedp.WaitVisible(chromedp.ID("scheme-items")))
	noCSPViolations(t, ctx, "scheme")
	step(t, ctx, "compute", chromedp.Navigate(base+"/assessment"), chromedp.WaitVisible(chromedp.ID("compute-form")),
		chromedp.Click(chromedp.CSS(`#compute-form button`)), chromedp.WaitVisible(chromedp.ID("scores")))
	step(t, ctx, "notice", chromedp.Click(chromedp.CSS(`#workflow form[action$="/notice"] button`)),
		chromedp.WaitVisible(chromedp.CSS(`#workflow form[action$="/publish"]`)))
	if s := eval[string](t, ctx, `document.getElementById("run-state").textContent`); s != "公示" {
		t.Errorf("run state %q, want 公示", s)
	}
	noCSPViolations(t, ctx, "run")
	screenshot(t, ctx, "assessment_run.png")

	step(t, ctx, "entries", chromedp.Navigate(base+"/assessment/entries"), chromedp.WaitVisible(chromedp.ID("entry-form")),
		chromedp.SetValue(chromedp.ID("e-person"), fmt.Sprint(e.ids()["李法官"])), chromedp.SetValue(chromedp.ID("e-item"), "D1"))
	shown := eval[string](t, ctx, `document.getElementById("e-item").dispatchEvent(new Event("change"));
		Array.from(document.querySelectorAll("#e-event option")).filter(o => !o.hidden && o.value).map(o => o.value).join(",")`)
	if shown != "违规会客,文书错漏,超审限" {
		t.Errorf("events offered for D1: %q", shown)
	}
	if dis := eval[bool](t, ctx, `document.getElementById("e-value").disabled`); !dis {
		t.Error("the rating field is enabled for an events item")
	}
	step(t, ctx, "record", chromedp.SendKeys(chromedp.ID("e-evidence"), "会客登记表"),
		chromedp.Click(chromedp.CSS(`#entry-form button`)), chromedp.WaitVisible(chromedp.CSS(".flash")))
	if n := eval[int](t, ctx, `document.querySelectorAll("#entries tbody tr").length`); n != 1 {
		t.Errorf("%d entries listed after one was recorded", n)
	}
	noCSPViolations(t, ctx, "entries")
	logout(t, ctx)

	browserLogin(t, ctx, base, "fg")
	step(t, ctx, "own scores", chromedp.Navigate(base+"/assessment"), chromedp.WaitVisible(chromedp.ID("own-scores")))
	step(t, ctx, "explanation", chromedp.Click(chromedp.CSS(`#own-scores a`)), chromedp.WaitVisible(chromedp.ID("item-A1")))
	if txt := eval[string](t, ctx, `document.getElementById("item-A1").textContent`); !strings.Contains(txt, "功效系数法") {
		t.Errorf("A1 row: %q", txt)
	}
	// the fixture's 李法官 closed no case last month: marked, with the reason
	if txt := eval[string](t, ctx, `(document.getElementById("no-cases-reason") || {}).textContent || ""`); !strings.Contains(txt, "本月无办案") || !strings.Contains(txt, "加权结案数") {
		t.Errorf("no 本月无办案 reason on the explanation: %q", txt)
	}
	noCSPViolations(t, ctx, "explanation")
	screenshot(t, ctx, "assessment_score.png")
	step(t, ctx, "objection", chromedp.SendKeys(chromedp.CSS(`#objection textarea`), "结案数未计入本月调解结案"),
		chromedp.Click(chromedp.CSS(`#objection button`)), chromedp.WaitVisible(chromedp.CSS(".flash")))
	os, err := e.db.AssessmentObjections(t.Context(), 1)
	if err != nil || len(os) != 1 || os[0].Reason != "结案数未计入本月调解结案" {
		t.Errorf("objection stored: %+v %v", os, err)
	}
	resp, err := chromedp.Run(ctx, chromedp.NavigateResponse(base+fmt.Sprintf("/assessment/runs/1/people/%d", e.ids()["赵法官"])))
	if err != nil || resp.Status != 403 {
		t.Errorf("a colleague's explanation: %v, %v", resp, err)
	}
	logout(t, ctx)
}

// TestAssessmentBrowserSchemeForm: 政治部 changes an event's points and a
// band bound in the scheme's table form and saves a new version; the
// background job's draft then shows under 待办 on the home page.
// Screenshots: assessment_scheme_form.png, assessment_todo.png.
func TestAssessmentBrowserSchemeForm(t *testing.T) {
	ctx := browser(t)
	e := newAssessmentEnv(t)
	base := e.ts.URL

	browserLogin(t, ctx, base, "zz")
	step(t, ctx, "home", chromedp.Navigate(base+"/assessment"), chromedp.WaitVisible(chromedp.ID("new-category")))
	step(t, ctx, "new scheme", chromedp.SetValue(chromedp.ID("new-category"), "员额法官"),
		chromedp.Click(chromedp.CSS(`form[action="/assessment/schemes/new"] button`)), chromedp.WaitVisible(chromedp.ID("scheme-table-form")))
	step(t, ctx, "edit", chromedp.SetValue(chromedp.CSS(`input[name="ev-D1-0-points"]`), "-4"),
		chromedp.SetValue(chromedp.CSS(`input[name="upper-A6"]`), "1.3"))
	eval[bool](t, ctx, `(document.getElementById("scheme-table-form").scrollIntoView(), true)`)
	screenshot(t, ctx, "assessment_scheme_form.png")
	noCSPViolations(t, ctx, "scheme form")
	step(t, ctx, "save", chromedp.Click(chromedp.CSS(`#scheme-table-form .form-actions button`)), chromedp.WaitVisible(chromedp.CSS(".flash")))
	if h := eval[string](t, ctx, `document.querySelector("h1").textContent`); !strings.Contains(h, "第 2 版") {
		t.Errorf("after saving: %q, want version 2", h)
	}
	if p := eval[string](t, ctx, `document.querySelector('input[name="ev-D1-0-points"]').value + " " + document.querySelector('input[name="upper-A6"]').value`); p != "-4 1.3" {
		t.Errorf("saved values shown as %q", p)
	}
	if _, err := e.srv.AssessmentJob(t.Context()); err != nil {
		t.Fatal(err)
	}
	step(t, ctx, "todo", chromedp.Navigate(base+"/assessment"), chromedp.WaitVisible(chromedp.ID("todo")))
	if txt := eval[string](t, ctx, `document.getElementById("todo").textContent`); !strings.Contains(txt, "员额法官绩效考核方案") || !strings.Contains(txt, "核对后预发布") {
		t.Errorf("待办: %q", txt)
	}
	screenshot(t, ctx, "assessment_todo.png")
	logout(t, ctx)
}
