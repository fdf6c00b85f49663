package web

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/zhixiao/zhixiao/internal/deid"
)

// TestDeidBrowser uploads a judgment on /deid in chromium, chooses the
// strict setting, and reads the result page: the change table, the
// preview without the names, the download links; then tries the sample.
func TestDeidBrowser(t *testing.T) {
	ctx := browser(t)
	e := newDeidEnv(t)
	base := e.ts.URL
	file := filepath.Join(t.TempDir(), "离婚判决书.txt")
	if err := os.WriteFile(file, []byte(deid.Sample()), 0o644); err != nil {
		t.Fatal(err)
	}
	browserLogin(t, ctx, base, "fg")
	step(t, ctx, "form", chromedp.Navigate(base+"/deid"), chromedp.WaitVisible(chromedp.ID("deid-form")))
	noCSPViolations(t, ctx, "deid form")
	screenshot(t, ctx, "deid_form.png")
	step(t, ctx, "upload",
		chromedp.SetUploadFiles(chromedp.ID("deid-document"), []string{file}),
		chromedp.Click(chromedp.CSS(`input[name="setting"][value="strict"]`)),
		chromedp.Click(chromedp.ID("deid-submit")),
		chromedp.WaitVisible(chromedp.ID("deid-changes")))
	preview := eval[string](t, ctx, `document.getElementById("deid-preview").textContent`)
	if strings.Contains(preview, "张小红") || strings.Contains(preview, "王建国") || !strings.Contains(preview, "原告：张某") || !strings.Contains(preview, "李晓杰") {
		t.Errorf("preview:\n%s", preview)
	}
	if rows := eval[int](t, ctx, `document.querySelectorAll("#deid-changes tbody tr").length`); rows < 20 {
		t.Errorf("change table has %d rows", rows)
	}
	if href := eval[string](t, ctx, `document.getElementById("deid-download").getAttribute("href")`); !strings.HasSuffix(href, "/file") {
		t.Errorf("download link %q", href)
	}
	if got := eval[string](t, ctx, `fetch(document.getElementById("deid-download").href).then(r => r.text())`); strings.Contains(got, "张小红") || !strings.Contains(got, "王某某") {
		t.Errorf("downloaded file:\n%.300s", got)
	}
	noCSPViolations(t, ctx, "deid result")
	screenshot(t, ctx, "deid_result.png")
	step(t, ctx, "sample", chromedp.Navigate(base+"/deid"), chromedp.WaitVisible(chromedp.ID("deid-try")),
		chromedp.Click(chromedp.ID("deid-try")), chromedp.WaitVisible(chromedp.ID("deid-counts")))
	if counts := eval[string](t, ctx, `document.getElementById("deid-counts").textContent`); !strings.Contains(counts, "姓名") {
		t.Errorf("sample counts %q", counts)
	}
	step(t, ctx, "recent", chromedp.Navigate(base+"/deid"), chromedp.WaitVisible(chromedp.ID("deid-recent")))
	if n := eval[int](t, ctx, `document.querySelectorAll("#deid-recent tbody tr").length`); n != 2 {
		t.Errorf("recent records: %d rows, want 2", n)
	}
	logout(t, ctx)
}
