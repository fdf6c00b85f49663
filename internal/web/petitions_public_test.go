package web

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/zhixiao/zhixiao/internal/petitions"
)

// The citizen's pages against abuse, and the tracking page with the survey.

// ptPublicPost fetches the public page at get for its form token and posts form to post.
func ptPublicPost(t *testing.T, c *client, get, post string, form url.Values, header ...string) resp {
	t.Helper()
	form.Set("token", ptMatch(t, ptToken, c.get(get).body))
	return c.post(post, form, header...)
}

func TestPetitionsPublicAbuse(t *testing.T) {
	e := petitionsEnv(t)
	courtID := fmt.Sprint(e.ids()["示例市中级人民法院"])
	citizen := e.client()
	file := func(subject, content string) resp {
		return ptPublicPost(t, citizen, "/public/petition", "/public/petition", url.Values{"court": {courtID}, "type": {"咨询"},
			"subject": {subject}, "content": {content}, "name": {"王五"}, "phone": {"13900002222"}})
	}
	wantStatus(t, "oversized", file("立案咨询", strings.Repeat("长", petitions.MaxContent+1)), http.StatusBadRequest, "最多 2000 个字")
	wantStatus(t, "huge body", file("立案咨询", strings.Repeat("x", 70<<10)), http.StatusBadRequest, "表单过大")
	r := file("<script>alert(1)</script>", "<img src=x onerror=alert(2)>")
	wantStatus(t, "script filed", r, http.StatusOK, `<strong id="pt-due">2026-11-09</strong>`)
	code := ptMatch(t, ptCode, r.body)
	track := ptPublicPost(t, citizen, "/public/track", "/public/track", url.Values{"code": {strings.ToLower(code)}})
	wantStatus(t, "track", track, http.StatusOK, "&lt;script&gt;alert(1)&lt;/script&gt;")
	if strings.Contains(track.body, "<script>alert") || strings.Contains(track.body, "<img src=x") {
		t.Error("the tracking page renders the citizen's markup")
	}
	wantStatus(t, "queue of 立案庭? none here: 待分派", track, http.StatusOK, "待签收")

	wantStatus(t, "no token", citizen.post("/public/petition", url.Values{"subject": {"x"}}), http.StatusForbidden, "表单已过期")
	forged := url.Values{"court": {courtID}, "type": {"咨询"}, "subject": {"x"}, "name": {"a"}, "phone": {"1"}, "token": {"1700000000.00000000000000000000000000000000"}}
	wantStatus(t, "forged token", citizen.post("/public/petition", forged), http.StatusForbidden, "表单已过期")
	cross := ptPublicPost(t, citizen, "/public/petition", "/public/petition", url.Values{"court": {courtID}, "type": {"咨询"}, "subject": {"x"}, "name": {"a"}, "phone": {"1"}},
		"Sec-Fetch-Site", "cross-site")
	wantStatus(t, "cross-site", cross, http.StatusForbidden, "跨站请求")

	// Two filings counted so far (the oversized one and the script; the huge
	// body is refused before the count): five more pass the limit of five.
	var last resp
	for i := 0; i < 5; i++ {
		last = file("咨询立案材料", "请问需要什么材料")
	}
	if last.status != http.StatusTooManyRequests {
		t.Errorf("burst of filings: last status %d, want 429", last.status)
	}

	guess := petitions.NewCode()
	miss := ptPublicPost(t, citizen, "/public/track", "/public/track", url.Values{"code": {guess}})
	bad := ptPublicPost(t, citizen, "/public/track", "/public/track", url.Values{"code": {"not a code"}})
	wantStatus(t, "guessed code", miss, http.StatusNotFound, "未找到与该查询码对应的诉求")
	if ptStrip(miss.body) != ptStrip(bad.body) {
		t.Error("a guessed code and a malformed one get different answers")
	}
	for i := 0; i < 10; i++ {
		last = ptPublicPost(t, citizen, "/public/track", "/public/track", url.Values{"code": {petitions.NewCode()}})
	}
	if last.status != http.StatusTooManyRequests {
		t.Errorf("burst of lookups: last status %d, want 429", last.status)
	}
	e.clock.Advance(petitionWindow)
	other := e.client()
	wantStatus(t, "after the window", ptPublicPost(t, other, "/public/track", "/public/track", url.Values{"code": {code}}), http.StatusOK, "待签收")
}

// ptStrip removes the form tokens, which differ between answers.
func ptStrip(body string) string { return ptToken.ReplaceAllString(body, "") }

func TestPetitionsTrackingAndSurvey(t *testing.T) {
	e := petitionsEnv(t)
	clerk := e.loggedIn("lian")
	form := ptComplaint("咨询执行进度")
	form.Set("type", "咨询")
	form.Set("staff", "")
	id, code := ptIntake(t, clerk, form)
	clerk.post("/petitions/"+id+"/note", url.Values{"note": {"内部：当事人情绪激动"}})
	clerk.post("/petitions/"+id+"/answer", url.Values{"answer": {"执行款已于本周发放"}})
	citizen := e.client()
	r := ptPublicPost(t, citizen, "/public/track", "/public/track", url.Values{"code": {code}})
	wantStatus(t, "answered", r, http.StatusOK, "执行款已于本周发放")
	for _, deny := range []string{"当事人情绪激动", "13800001234", "孙立案", "pt-survey-form"} {
		if strings.Contains(r.body, deny) {
			t.Errorf("tracking page shows %q", deny)
		}
	}
	clerk.post("/petitions/"+id+"/close", url.Values{"result": {"已告知"}})
	r = ptPublicPost(t, citizen, "/public/track", "/public/track", url.Values{"code": {code}})
	wantStatus(t, "survey offered", r, http.StatusOK, "pt-survey-form")
	answers := url.Values{"code": {code}, "token": {ptMatch(t, regexp.MustCompile(`name="token" value="([^"]+)"><input type="hidden" name="code"`), r.body)}}
	for i := 1; i <= 15; i++ {
		answers.Set(fmt.Sprintf("q%d", i), "5")
	}
	answers.Set("q9", "0")
	wantStatus(t, "survey", citizen.post("/public/survey", answers), http.StatusOK, "评价已提交")
	wantStatus(t, "survey twice", citizen.post("/public/survey", answers), http.StatusConflict, "已提交")
	res := e.loggedIn("yz").get("/petitions/surveys?from=2026-11&to=2026-11")
	if !regexp.MustCompile(`<td>2026-11</td><td>立案庭</td><td class="num">1</td><td class="num">100.0</td><td class="num">100.0</td>`).MatchString(res.body) {
		t.Errorf("survey results:\n%.3000s", res.body)
	}
	wantStatus(t, "judge may not see results", e.loggedIn("fg").get("/petitions/surveys"), http.StatusForbidden, "")
}
