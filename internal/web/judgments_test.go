package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/zhixiao/zhixiao/internal/judgments"
	"github.com/zhixiao/zhixiao/internal/judgments/corpus"
)

// judgmentsEnv is the test server with the 类案 module on its database and,
// unless empty, three judgments: one for the fixture's closed case 民初4.
func judgmentsEnv(t *testing.T, empty bool) *env {
	t.Helper()
	e := newEnv(t)
	if err := e.srv.mods.judgments.init(Deps{Judgments: e.db}); err != nil {
		t.Fatal(err)
	}
	if empty {
		return e
	}
	var js []judgments.Judgment
	for _, x := range []struct{ no, text string }{
		{"（2024）示01民初4号", "示例市中级人民法院\n民事判决书\n原告与被告民间借贷纠纷一案。本院经审理查明：被告向原告借款十万元，出具借条，到期未还。本院认为，被告应归还借款。依照《中华人民共和国民法典》第六百七十五条之规定，判决如下：被告归还借款。"},
		{"（2023）示0101民初9号", "示例市甲区人民法院\n民事判决书\n原告与被告民间借贷纠纷一案。本院经审理查明：被告向原告借款五万元，出具借条，逾期未还。本院认为，被告借款未还，应承担还款责任。依照《中华人民共和国民法典》第六百七十五条、第六百七十六条之规定，判决如下：被告归还借款。二〇二三年六月一日"},
		{"（2023）示0101民初10号", "示例市甲区人民法院\n民事判决书\n原告与被告不当得利纠纷一案。本院经审理查明：原告误将款项转入被告账户，被告拒不返还。本院认为，被告构成不当得利。判决如下：被告返还款项。二〇二三年七月一日"},
	} {
		j := judgments.Judgment{CaseNo: x.no, Text: x.text, Source: "test"}
		judgments.Parse(&j)
		js = append(js, j)
	}
	if err := corpus.Import(context.Background(), e.db, js, nil); err != nil {
		t.Fatal(err)
	}
	return e
}

func TestJudgmentsSearchPage(t *testing.T) {
	e := judgmentsEnv(t, false)
	if r := e.client().get("/judgments"); r.status != http.StatusSeeOther {
		t.Errorf("anonymous: status %d, want a redirect to the login", r.status)
	}
	c := e.loggedIn("fg")
	r := c.get("/judgments")
	wantStatus(t, "form", r, http.StatusOK, `<strong id="judgments-size">3</strong>`)
	if !strings.Contains(r.body, `<a href="/judgments" class="active">类案</a>`) {
		t.Error("the navigation has no 类案 link")
	}
	if !strings.Contains(r.body, `<option value="民间借贷纠纷">民间借贷纠纷（2）</option>`) {
		t.Error("the 案由 filter does not list the corpus's causes")
	}
	// pasted text
	r = c.post("/judgments", url.Values{"q": {"被告借款后到期未还，原告持借条起诉"}})
	wantStatus(t, "search", r, http.StatusOK, `id="hit-0"`)
	for _, want := range []string{"<mark>借条</mark>", "（2023）示0101民初9号", "得分 <strong>", "文本相似 1.00"} {
		if !strings.Contains(r.body, want) {
			t.Errorf("results lack %q", want)
		}
	}
	if strings.Contains(r.body, "（2023）示0101民初10号") {
		t.Error("the 不当得利 judgment answers a loan query")
	}
	// filters
	r = c.post("/judgments", url.Values{"q": {"借款 借条 款项 返还"}, "cause": {"不当得利纠纷"}})
	if !strings.Contains(r.body, "（2023）示0101民初10号") || strings.Contains(r.body, "（2023）示0101民初9号") {
		t.Error("the 案由 filter lets other causes through")
	}
	r = c.post("/judgments", url.Values{"q": {"借款"}, "year": {"二〇二三"}})
	wantStatus(t, "bad year", r, http.StatusBadRequest, "年度“二〇二三”无效")
	r = c.post("/judgments", url.Values{"q": {"借款"}, "year": {"2023"}, "court": {"甲区"}})
	if !strings.Contains(r.body, "（2023）示0101民初9号") || strings.Contains(r.body, "（2024）示01民初4号") {
		t.Error("the year and court filters do not filter")
	}
	// without the form's token
	r = c.post("/judgments", url.Values{"q": {"借款"}, "csrf": {"wrong"}})
	if r.status != http.StatusForbidden {
		t.Errorf("wrong CSRF: status %d", r.status)
	}
	// by 案号: the stored judgment is the query, itself excluded
	r = c.get("/judgments?case=" + url.QueryEscape("(2024)示01民初4号"))
	wantStatus(t, "by case", r, http.StatusOK, "以案号（2024）示01民初4号的裁判文书全文检索")
	if !strings.Contains(r.body, `<span class="badge ok">案由相同</span>`) || !strings.Contains(r.body, "《中华人民共和国民法典》第六百七十五条") {
		t.Error("the result does not explain the same 案由 and the shared article")
	}
	if strings.Contains(r.body, `民初4号</a>`) {
		t.Error("the query judgment is among its results")
	}
	r = c.get("/judgments?case=" + url.QueryEscape("（2020）示01民初1号"))
	wantStatus(t, "case without judgment or cause", r, http.StatusNotFound, "案件信息表中也没有案由")
}

func TestJudgmentsDocPage(t *testing.T) {
	e := judgmentsEnv(t, false)
	c := e.loggedIn("tz2")
	r := c.get("/judgments/doc/2")
	wantStatus(t, "doc", r, http.StatusOK, "（2023）示0101民初9号")
	for _, want := range []string{"<h2>查明事实</h2>", "<h2>本院认为</h2>", "《中华人民共和国民法典》第六百七十六条", "2023-06-01", "民间借贷纠纷"} {
		if !strings.Contains(r.body, want) {
			t.Errorf("judgment page lacks %q", want)
		}
	}
	wantStatus(t, "missing doc", c.get("/judgments/doc/99"), http.StatusNotFound, "没有这份裁判文书")
	wantStatus(t, "bad id", c.get("/judgments/doc/x"), http.StatusNotFound, "没有这份裁判文书")
}

func TestJudgmentsCasePanel(t *testing.T) {
	e := judgmentsEnv(t, false)
	c := e.loggedIn("tz1")
	r := c.get(caseURL("（2024）示01民初4号"))
	wantStatus(t, "case page", r, http.StatusOK, `id="panel-judgments"`)
	if !strings.Contains(r.body, "（2023）示0101民初9号") || !strings.Contains(r.body, "<mark>借条</mark>") {
		t.Error("the panel does not show the similar judgment with its shared terms")
	}
	// a case with neither judgment nor 案由: the panel says so
	r = c.get(caseURL("（2020）示01民初1号"))
	wantStatus(t, "case without judgment", r, http.StatusOK, "案件信息表中也没有案由，无法检索类案")
	// the panel follows the case page's scope: 民二庭's chief cannot open 民一庭's case
	r = e.loggedIn("tz2").get(caseURL("（2020）示01民初1号"))
	if r.status != http.StatusForbidden || strings.Contains(r.body, "panel-judgments") {
		t.Errorf("out of scope: status %d", r.status)
	}
}

func TestJudgmentsEmptyCorpus(t *testing.T) {
	e := judgmentsEnv(t, true)
	c := e.loggedIn("tz1")
	r := c.get(caseURL("（2024）示01民初4号"))
	wantStatus(t, "empty corpus panel", r, http.StatusOK, "zhixiao judgments import --db zhixiao.db")
	r = c.get("/judgments")
	wantStatus(t, "empty corpus page", r, http.StatusOK, `id="judgments-empty"`)
}

// judgmentsSampleSearch is the search page with a result, for TestEveryPageRenders.
func judgmentsSampleSearch(v *visitor) view {
	h := judgmentHit{URL: "/judgments/doc/2"}
	h.CaseNo, h.Cause, h.Court, h.Level, h.Year, h.Score = "（2023）示0101民初9号", "民间借贷纠纷", "示例市甲区人民法院", "基层", 2023, 1.3
	h.SameCause, h.Shared = true, []string{"《中华人民共和国民法典》第六百七十五条"}
	h.Terms = []judgments.SharedTerm{{Term: "借条", Weight: 0.4}}
	h.Breakdown = judgments.Breakdown{Text: 1, Cause: 0.25, Articles: 0.05}
	h.Snippet = []judgments.Fragment{{Text: "被告出具"}, {Text: "借条", Mark: true}}
	p := &judgmentsPage{Form: judgmentsForm{Text: "借条"}, Causes: []judgments.CauseCount{{Cause: "民间借贷纠纷", N: 2}}, Size: 3, Searched: true,
		Basis: "以案号（2024）示01民初4号的裁判文书全文检索", Hits: []judgmentHit{h}, Weights: judgments.DefaultWeights}
	return view{Title: "类案检索", Nav: "judgments", Visitor: v, CSRF: "t", Data: p}
}

// judgmentsSampleDoc is a judgment's page, for TestEveryPageRenders.
func judgmentsSampleDoc(v *visitor) view {
	d := &judgmentDoc{CaseNo: "（2023）示0101民初9号", Cause: "民间借贷纠纷", Court: "示例市甲区人民法院", Level: "基层", Date: "2023-06-01", Source: "test",
		Parts: []judgmentPart{{"查明事实", "被告借款未还。"}}, Articles: []string{"《中华人民共和国民法典》第六百七十五条"}, SimilarURL: "/judgments?case=x"}
	return view{Title: d.CaseNo, Nav: "judgments", Visitor: v, CSRF: "t", Data: d}
}
