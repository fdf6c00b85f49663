package web

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// The browser tests drive Debian's chromium through chromedp: log in, see
// the dashboard draw its charts, follow a tile to its cases, be refused a
// unit outside the scope and a forged POST, log out. Screenshots go to
// test-artifacts/ at the root of the repository (gitignored).

// artifacts is where the screenshots go.
const artifacts = "../../test-artifacts"

func browser(t *testing.T) context.Context {
	t.Helper()
	path, err := exec.LookPath("chromium")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("chromium is missing (apt-get install chromium; make test installs it)")
		}
		t.Skip("chromium 未安装，跳过浏览器测试（CI=true 时为失败）")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path), chromedp.NoSandbox, chromedp.DisableGPU, chromedp.WindowSize(1366, 768),
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.Flag("lang", "zh-CN"))
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancel)
	ctx, cancel2 := chromedp.NewContext(actx)
	t.Cleanup(cancel2)
	watch := chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: cspWatch})
		return err
	})
	if err := chromedp.Do(ctx, watch); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	return ctx
}

// cspWatch records, in every page, what the Content-Security-Policy blocks.
const cspWatch = `window.__csp = []; document.addEventListener("securitypolicyviolation",
	function (e) { window.__csp.push(e.violatedDirective + " " + e.blockedURI + " " + (e.sample || "")); });`

// noCSPViolations fails the test when the page broke its own policy.
func noCSPViolations(t *testing.T, ctx context.Context, page string) {
	t.Helper()
	if v := eval[string](t, ctx, `JSON.stringify(window.__csp || [])`); v != "[]" {
		t.Errorf("%s violates the CSP: %s", page, v)
	}
}

// step runs browser actions with a time limit.
func step(t *testing.T, ctx context.Context, what string, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	sctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	if err := chromedp.Do(sctx, actions...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

func eval[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("evaluate %s: %v", js, err)
	}
	return v
}

func screenshot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	if err := os.MkdirAll(artifacts, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(artifacts, name), png, 0o644); err != nil {
		t.Fatal(err)
	}
}

func browserLogin(t *testing.T, ctx context.Context, base, login string) {
	t.Helper()
	step(t, ctx, "login "+login,
		chromedp.Navigate(base+"/login"),
		chromedp.WaitVisible(chromedp.ID("login")),
		chromedp.SendKeys(chromedp.ID("login"), login),
		chromedp.SendKeys(chromedp.ID("password"), testPassword),
		chromedp.Click(chromedp.CSS(`.login button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.CSS("header .who")))
}

func TestBrowser(t *testing.T) {
	ctx := browser(t)
	e := newEnv(t)
	id := e.ids()
	base := e.ts.URL
	period := fmt.Sprintf("?p=custom&from=2020-01-01&to=%s", e.srv.today())
	charts := e.srv.assets.URL("vendor/echarts.min.js") != ""

	browserLogin(t, ctx, base, "yz")
	step(t, ctx, "dashboard", chromedp.Navigate(base+fmt.Sprintf("/units/court/%d%s", id["示例市中级人民法院"], period)),
		chromedp.WaitVisible(chromedp.ID("tile-pending_end")))
	if charts {
		step(t, ctx, "charts drawn", chromedp.WaitVisible(chromedp.CSS(`[data-chart="ages-chart"] canvas`)))
		if n := eval[string](t, ctx, `document.body.getAttribute("data-charts")`); n == "" || n == "0" {
			t.Errorf("dashboard drew %q charts", n)
		}
	} else if os.Getenv("CI") == "true" {
		t.Error("ECharts is not embedded: run scripts/assets.sh")
	} else {
		t.Log("ECharts 未嵌入（未运行 scripts/assets.sh）：图表以表格显示")
	}
	noCSPViolations(t, ctx, "dashboard")
	screenshot(t, ctx, "dashboard.png")
	if charts {
		partialUpdate(t, ctx)
	}

	count := eval[string](t, ctx, `document.querySelector("#tile-pending_end .num-link").textContent`)
	step(t, ctx, "tile to cases", chromedp.Click(chromedp.CSS("#tile-pending_end .num-link")), chromedp.WaitVisible(chromedp.ID("case-count")))
	if got := eval[string](t, ctx, `document.getElementById("case-count").textContent`); got != count {
		t.Errorf("case list counts %s, the tile's numerator is %s", got, count)
	}
	if rows := eval[int](t, ctx, `document.querySelectorAll("#cases tbody tr").length`); fmt.Sprint(rows) != count {
		t.Errorf("case list shows %d rows for %s cases", rows, count)
	}

	step(t, ctx, "indicator page", chromedp.Navigate(base+fmt.Sprintf("/units/court/%d/indicators/pending_end%s", id["示例市中级人民法院"], period)),
		chromedp.WaitVisible(chromedp.ID("subs")))
	if charts {
		step(t, ctx, "trend chart", chromedp.WaitVisible(chromedp.CSS(`[data-chart="trend-chart"] canvas`)))
	}
	noCSPViolations(t, ctx, "indicator page")
	screenshot(t, ctx, "indicator.png")
	logout(t, ctx)

	browserLogin(t, ctx, base, "tz1")
	resp, err := chromedp.Run(ctx, chromedp.NavigateResponse(base+fmt.Sprintf("/units/department/%d", id["示例市中级人民法院/民二庭"])))
	if err != nil || resp.Status != 403 {
		t.Errorf("民一庭庭长 on 民二庭: %v, %v", resp, err)
	}
	if msg := eval[string](t, ctx, `document.getElementById("error-message").textContent`); !strings.Contains(msg, "您无权查看") {
		t.Errorf("denial message %q", msg)
	}
	status := eval[int](t, ctx, `fetch("/logout", {method: "POST", headers: {"Content-Type": "application/x-www-form-urlencoded"}, body: "csrf=forged"}).then(r => r.status)`)
	if status != 403 {
		t.Errorf("forged POST: %d, want 403", status)
	}
	if n := eval[int](t, ctx, `fetch("/account/password").then(r => r.status)`); n != 200 {
		t.Errorf("the session did not survive the forged POST: %d", n)
	}
	logout(t, ctx)
}

func logout(t *testing.T, ctx context.Context) {
	t.Helper()
	step(t, ctx, "logout", chromedp.Click(chromedp.CSS(`header .who button[type="submit"]`)), chromedp.WaitVisible(chromedp.ID("login")))
	if msg := eval[string](t, ctx, `document.querySelector(".flash.info") ? document.querySelector(".flash.info").textContent : ""`); msg != "您已安全退出。" {
		t.Errorf("after logout: %q", msg)
	}
}

// partialUpdate picks another period in the toolbar: htmx replaces the
// figures without reloading the page, updates the address and redraws.
func partialUpdate(t *testing.T, ctx context.Context) {
	t.Helper()
	eval[bool](t, ctx, `window.__samePage = true`)
	step(t, ctx, "period picker", chromedp.Click(chromedp.CSS(`.toolbar a[href*="p=12m"]`)),
		chromedp.WaitVisible(chromedp.CSS(`.toolbar a.active[href*="p=12m"]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-chart="ages-chart"] canvas`)))
	if !eval[bool](t, ctx, `window.__samePage === true`) {
		t.Error("the period picker reloaded the whole page")
	}
	if loc := eval[string](t, ctx, `location.search`); !strings.Contains(loc, "p=12m") {
		t.Errorf("address after the period picker: %q", loc)
	}
	step(t, ctx, "back to the custom period", chromedp.NavigateBack(), chromedp.WaitVisible(chromedp.ID("tile-pending_end")))
}
