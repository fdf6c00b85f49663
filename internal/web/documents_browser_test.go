package web

import (
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestDocumentsBrowser drives chromium through the 文书 pages as 审管办:
// the documents page, a bulletin and a draft fetched as the browser would,
// the case page's draft panel and the dashboard's bulletin panel.
func TestDocumentsBrowser(t *testing.T) {
	ctx := browser(t)
	e := docsEnv(t)
	id := e.ids()
	base := e.ts.URL
	browserLogin(t, ctx, base, "sgb")

	step(t, ctx, "documents page", chromedp.Navigate(base+"/documents"), chromedp.WaitVisible(chromedp.ID("bulletin-form")))
	noCSPViolations(t, ctx, "/documents")
	if n := eval[int](t, ctx, `document.querySelectorAll("#bulletin-unit option").length`); n < 3 {
		t.Errorf("%d units in the bulletin form", n)
	}
	if n := eval[int](t, ctx, `document.querySelectorAll("#template-list input[type=file]").length`); n != 9 {
		t.Errorf("审管办 sees %d upload fields, want 9", n)
	}
	screenshot(t, ctx, "documents-page.png")
	got := eval[string](t, ctx, `(async () => { const f = document.getElementById("bulletin-form");
		const q = new URLSearchParams(new FormData(f)); q.set("format", "docx");
		const r = await fetch(f.action + "?" + q); const b = new Uint8Array(await r.arrayBuffer());
		return r.status + " " + r.headers.get("content-type") + " " + String.fromCharCode(b[0], b[1]); })()`)
	if !strings.HasPrefix(got, "200 application/vnd.openxmlformats-officedocument.wordprocessingml.document PK") {
		t.Errorf("bulletin download from the form: %s", got)
	}

	step(t, ctx, "preview", chromedp.Click(chromedp.CSS(`#bulletin-form button[formaction]`)), chromedp.WaitVisible(chromedp.ID("preview")))
	noCSPViolations(t, ctx, "preview")
	if txt := eval[string](t, ctx, `document.getElementById("preview").textContent`); !strings.Contains(txt, "总体情况") {
		t.Errorf("preview: %s", txt)
	}
	screenshot(t, ctx, "documents-preview.png")

	step(t, ctx, "case page", chromedp.Navigate(base+"/cases/"+url.PathEscape("（2025）示01民初3号")), chromedp.WaitVisible(chromedp.ID("panel-documents")))
	noCSPViolations(t, ctx, "case page")
	screenshot(t, ctx, "documents-case-panel.png")
	got = eval[string](t, ctx, `(async () => { const a = document.querySelector("#panel-documents a.badge");
		const r = await fetch(a.href); return a.textContent + " " + r.status + " " + r.headers.get("content-disposition"); })()`)
	if !strings.Contains(got, "民事判决书（一审普通程序） 200 attachment") {
		t.Errorf("draft link: %s", got)
	}

	step(t, ctx, "dashboard", chromedp.Navigate(base+fmt.Sprintf("/units/court/%d", id["示例市中级人民法院"])), chromedp.WaitVisible(chromedp.ID("panel-documents")))
	if txt := eval[string](t, ctx, `document.getElementById("panel-documents").textContent`); !strings.Contains(txt, "审判质效月通报") {
		t.Errorf("dashboard panel: %s", txt)
	}
}
