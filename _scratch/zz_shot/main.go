package main

import (
	"context"
	"os"

	"github.com/chromedp/chromedp"
)

func main() {
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath("/usr/bin/chromium"), chromedp.NoSandbox, chromedp.DisableGPU, chromedp.WindowSize(1920, 1080))
	actx, c1 := chromedp.NewExecAllocator(context.Background(), opts...)
	defer c1()
	ctx, c2 := chromedp.NewContext(actx)
	defer c2()
	base := "http://127.0.0.1:18080"
	err := chromedp.Do(ctx, chromedp.Navigate(base+"/login"), chromedp.WaitVisible(chromedp.ID("login")),
		chromedp.SendKeys(chromedp.ID("login"), os.Args[1]), chromedp.SendKeys(chromedp.ID("password"), "zhixiao-demo1"),
		chromedp.Click(chromedp.CSS(".login button")), chromedp.WaitVisible(chromedp.CSS("header .who")),
		chromedp.Navigate(base+os.Args[2]), chromedp.WaitVisible(chromedp.CSS("main")))
	if err != nil {
		panic(err)
	}
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		panic(err)
	}
	os.WriteFile(os.Args[3], png, 0o644)
}
