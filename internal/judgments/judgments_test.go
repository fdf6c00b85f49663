package judgments

import (
	"archive/zip"
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/zhixiao/zhixiao/internal/court"
)

func TestJudgmentsSegmentation(t *testing.T) {
	for _, c := range []struct {
		text string
		want []string // tokens that must appear whole
		not  []string // tokens that must not appear
	}{
		{"原告张三诉被告李四民间借贷纠纷一案", []string{"民间借贷"}, []string{"民间", "借贷", "一案", "原告"}},
		{"被告取得的款项没有合法根据，构成不当得利，应予返还", []string{"不当得利", "返还"}, []string{"不当", "得利"}},
		{"因被执行人无财产可供执行，裁定终结本次执行程序", []string{"终结本次执行程序", "被执行人"}, []string{"终结", "本次"}},
		{"被告人醉酒驾驶机动车，血液酒精含量为180毫克/100毫升", []string{"醉酒驾驶", "机动车", "血液酒精含量"}, []string{"180", "100"}},
		{"1975年4月16日出生，汉族", []string{"出生", "汉族"}, []string{"日出", "1975"}},
		{"判处有期徒刑七个月，并处罚金人民币三万元", []string{"有期徒刑", "罚金"}, []string{"人民币", "七个", "三万"}},
		{"依照《中华人民共和国民法典》第六百七十五条之规定", []string{"民法典"}, []string{"第六", "七十", "百七十", "六百"}},
	} {
		got := Tokens(c.text)
		for _, w := range c.want {
			if !slices.Contains(got, w) {
				t.Errorf("Tokens(%q) = %v, want %q among them", c.text, got, w)
			}
		}
		for _, w := range c.not {
			if slices.Contains(got, w) {
				t.Errorf("Tokens(%q) = %v, must not contain %q", c.text, got, w)
			}
		}
	}
}

func TestJudgmentsNumerals(t *testing.T) {
	for s, want := range map[string]int{"六百七十五": 675, "一千零八十四": 1084, "十": 10, "十二": 12, "二十": 20, "一百零二": 102, "两百": 200, "二百六十四": 264, "675": 675, "一万零一": 10001} {
		if got, ok := ParseNumeral(s); !ok || got != want {
			t.Errorf("ParseNumeral(%q) = %d, %v; want %d", s, got, ok, want)
		}
		if n, _ := ParseNumeral(Numeral(want)); want < 10000 && n != want {
			t.Errorf("Numeral(%d) = %q reads back as %d", want, Numeral(want), n)
		}
	}
	if _, ok := ParseNumeral("第五"); ok {
		t.Error("ParseNumeral(第五) ok, want not")
	}
}

func TestJudgmentsArticles(t *testing.T) {
	for _, c := range []struct {
		text string
		want []string
	}{
		{"依照《中华人民共和国民法典》第六百七十五条、第六百七十六条之规定", []string{"《中华人民共和国民法典》第六百七十五条", "《中华人民共和国民法典》第六百七十六条"}},
		{"依照《中华人民共和国民法典》第一千零八十四条第二款，《中华人民共和国民事诉讼法》第一百四十五条第一款第（一）项", []string{"《中华人民共和国民法典》第一千零八十四条第二款", "《中华人民共和国民事诉讼法》第一百四十五条第一款"}},
		{"依照《中华人民共和国刑法》第二百六十六条、第二十三条、第六十七条第三款之规定", []string{"《中华人民共和国刑法》第二百六十六条", "《中华人民共和国刑法》第二十三条", "《中华人民共和国刑法》第六十七条第三款"}},
		{"依照《中华人民共和国合同法》第二百零六条，《最高人民法院关于审理民间借贷案件适用法律若干问题的规定》第二十九条，同法第三十条", []string{"《中华人民共和国合同法》第二百零六条", "《最高人民法院关于审理民间借贷案件适用法律若干问题的规定》第二十九条", "《最高人民法院关于审理民间借贷案件适用法律若干问题的规定》第三十条"}},
		{"依照刑法第一百三十三条之一第一款第（二）项", []string{"《中华人民共和国刑法》第一百三十三条之一第一款"}},
		{"依照《中华人民共和国民事诉讼法》第一百四十四条第三项", []string{"《中华人民共和国民事诉讼法》第一百四十四条第三项"}},
		{"依照《中华人民共和国民法典》第五百七十七条至第五百七十九条", []string{"《中华人民共和国民法典》第五百七十七条", "《中华人民共和国民法典》第五百七十八条", "《中华人民共和国民法典》第五百七十九条"}},
		{"本案适用该法第十条", nil}, // no law named yet
	} {
		var got []string
		for _, a := range ExtractArticles(c.text) {
			got = append(got, a.String())
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("ExtractArticles(%q)\n got %v\nwant %v", c.text, got, c.want)
		}
	}
}

const civilJudgment = `北京市朝阳区人民法院
民事判决书
（2024）京0105民初12345号
原告：张某，男，1980年1月1日出生。
被告：李某，女，1985年2月2日出生。
原告张某与被告李某民间借贷纠纷一案，本院立案后，依法适用简易程序，公开开庭进行了审理。
张某向本院提出诉讼请求：判令被告归还借款20万元及利息。事实和理由：被告向原告借款，到期未还。
李某辩称：借款已部分归还。
本院经审理查明：2022年3月1日，被告向原告借款20万元，约定月利率1%，出具借条一张。
本院认为，合法的借贷关系受法律保护。被告借款到期未还，应承担还款责任。依照《中华人民共和国民法典》第六百七十五条、第六百七十六条之规定，判决如下：
一、被告李某于本判决生效之日起十日内归还原告张某借款20万元；
如不服本判决，可以在判决书送达之日起十五日内提出上诉。
审判员　王某
二〇二四年五月二十日
书记员　赵某`

func TestJudgmentsSplitCivil(t *testing.T) {
	j := Judgment{Text: civilJudgment}
	Parse(&j)
	for f, want := range map[Field]string{
		FieldParties:     "原告：张某",
		FieldClaims:      "诉讼请求：判令被告归还借款",
		FieldFacts:       "本院经审理查明：2022年3月1日",
		FieldReasoning:   "本院认为，合法的借贷关系",
		FieldDisposition: "判决如下",
	} {
		if got := j.Parts.Text(j.Text, f); !strings.Contains(got, want) {
			t.Errorf("%s = %q, want it to contain %q", FieldNames[f], got, want)
		}
	}
	if strings.Contains(j.Parts.Text(j.Text, FieldDisposition), "审判员") {
		t.Error("the disposition keeps the signatures")
	}
	if strings.Contains(j.Parts.Text(j.Text, FieldFacts), "本院认为") {
		t.Error("the facts run into the reasoning")
	}
	if j.CaseNo != "（2024）京0105民初12345号" || j.Cause != "民间借贷纠纷" || j.Court != "北京市朝阳区人民法院" || j.Level != "基层" {
		t.Errorf("case %q cause %q court %q level %q", j.CaseNo, j.Cause, j.Court, j.Level)
	}
	if j.Date.String() != "2024-05-20" {
		t.Errorf("date %s, want 2024-05-20", j.Date)
	}
	if len(j.Articles) != 2 || j.Articles[0].Key() != "《中华人民共和国民法典》第六百七十五条" {
		t.Errorf("articles %v", j.Articles)
	}
}

// sharedData is ../shared/data, or the test is skipped.
func sharedData(t *testing.T) string {
	dir := filepath.Join("..", "..", "..", "shared", "data")
	if _, err := os.Stat(dir); err != nil {
		dir = "/work/shared/data"
	}
	if _, err := os.Stat(filepath.Join(dir, "judge_cn_judgment_generation", "test.jsonl")); err != nil {
		t.Skip("../shared/data 不可用，跳过真实裁判文书测试")
	}
	return dir
}

// TestJudgmentsSplitReal splits the real criminal judgments of JuDGE: each
// has its facts, reasoning and disposition in order, the appendix of
// provisions is in no part, and the charge and articles are found.
func TestJudgmentsSplitReal(t *testing.T) {
	f, err := os.Open(filepath.Join(sharedData(t), "judge_cn_judgment_generation", "test.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<24)
	n, withParts, withCharge, withArticles, articlesMatch := 0, 0, 0, 0, 0
	for sc.Scan() {
		var d struct {
			Fd string `json:"fd"`
			La []int  `json:"la"`
		}
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			t.Fatal(err)
		}
		n++
		j := Judgment{Text: d.Fd}
		Parse(&j)
		p := j.Parts
		if p[FieldFacts].End > p[FieldFacts].Start && p[FieldReasoning].Start >= p[FieldFacts].End && p[FieldDisposition].Start >= p[FieldReasoning].End &&
			strings.HasPrefix(p.Text(j.Text, FieldReasoning), "本院认为") {
			withParts++
		}
		for f := range NumFields {
			if strings.Contains(p.Text(j.Text, f), "附：相关法律条文") {
				t.Fatalf("judgment %d: the appendix is in %s", n, FieldNames[f])
			}
		}
		if len(j.Charges) > 0 {
			withCharge++
		}
		var got []int
		for _, a := range j.Articles {
			if a.Law == "中华人民共和国刑法" {
				got = append(got, a.No)
				withArticles++
			}
		}
		all := true
		for _, a := range d.La {
			all = all && slices.Contains(got, a)
		}
		if all {
			articlesMatch++
		}
	}
	t.Logf("%d judgments: %d split in order, %d with a charge, %d with every cited 刑法 article of la", n, withParts, withCharge, articlesMatch)
	if n < 500 || withParts < n*95/100 || withCharge < n*95/100 || articlesMatch < n*90/100 {
		t.Errorf("%d judgments: %d split in order, %d with a charge, %d with all articles of la (want ≥ 95%%, 95%%, 90%%)", n, withParts, withCharge, articlesMatch)
	}
}

// buildIndex indexes the judgments (ids 1, 2, ...).
func buildIndex(t *testing.T, w Weights, js []Judgment) *Index {
	t.Helper()
	ix := NewIndex(w)
	var as []Analysis
	var ms []DocMeta
	for i := range js {
		Parse(&js[i])
		a := Analyze(&js[i])
		as = append(as, a)
		m := DocMeta{ID: int64(i + 1), CaseNo: js[i].CaseNo, Cause: js[i].Cause, Charges: js[i].Charges, Court: js[i].Court, Level: js[i].Level, Year: js[i].Year(), Len: a.Len}
		for _, x := range js[i].Articles {
			m.Articles = append(m.Articles, x.Key())
		}
		ms = append(ms, m)
	}
	ix.AddDocs(ms)
	seg := BuildSegment(1, as)
	if err := ix.AddSegment(1, func(fn func(string, []byte) error) error {
		for k, v := range seg {
			if err := fn(k, v); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return ix
}

func handCorpus() []Judgment {
	return []Judgment{
		{CaseNo: "（2023）京0105民初1号", Court: "北京市朝阳区人民法院", Text: "原告与被告民间借贷纠纷一案。本院经审理查明：被告向原告借款十万元，出具借条，约定月利率，到期未还。本院认为，借贷关系合法有效，被告应归还借款并支付利息。依照《中华人民共和国民法典》第六百七十五条之规定，判决如下：被告归还借款。"},
		{CaseNo: "（2023）京0105民初2号", Court: "北京市朝阳区人民法院", Text: "原告与被告民间借贷纠纷一案。本院经审理查明：被告向原告借款五万元用于经营，出具借条，逾期未还。本院认为，被告借款未还，应承担还款责任。依照《中华人民共和国民法典》第六百七十五条、第六百七十六条之规定，判决如下：被告归还借款及逾期利息。"},
		{CaseNo: "（2023）京0105民初3号", Court: "北京市朝阳区人民法院", Text: "原告与被告不当得利纠纷一案。本院经审理查明：原告误将款项转入被告账户，被告拒不返还。本院认为，被告取得款项没有法律根据，构成不当得利，应予返还。依照《中华人民共和国民法典》第九百八十五条之规定，判决如下：被告返还原告款项。"},
		{CaseNo: "（2023）京0105民初4号", Court: "北京市朝阳区人民法院", Text: "原告与被告离婚纠纷一案。本院经审理查明：原被告婚后感情不和，分居两年，子女随原告生活。本院认为，夫妻感情确已破裂，准予离婚，子女由原告抚养，被告支付抚养费。依照《中华人民共和国民法典》第一千零七十九条、第一千零八十四条之规定，判决如下：准予离婚。"},
		{CaseNo: "（2023）京01民终5号", Court: "北京市第一中级人民法院", Text: "上诉人与被上诉人民间借贷纠纷一案。本院经审理查明：被上诉人向上诉人借款二十万元，出具借条，到期未还。本院认为，借款事实清楚，原审判决归还借款正确。依照《中华人民共和国民事诉讼法》第一百七十七条第一款第一项之规定，判决如下：驳回上诉，维持原判。"},
		{CaseNo: "（2023）京0105刑初6号", Court: "北京市朝阳区人民法院", Text: "公诉机关指控：被告人秘密窃取他人手机一部，价值三千元。本院认为，被告人以非法占有为目的，秘密窃取他人财物，数额较大，其行为已构成盗窃罪。依照《中华人民共和国刑法》第二百六十四条、第六十七条第三款之规定，判决如下：被告人犯盗窃罪，判处有期徒刑六个月。"},
	}
}

func TestJudgmentsRanking(t *testing.T) {
	ix := buildIndex(t, DefaultWeights, handCorpus())
	ids := func(rs []Result) []string {
		var out []string
		for _, r := range rs {
			out = append(out, r.CaseNo)
		}
		return out
	}
	// a description of a loan case finds the loan cases first
	rs := ix.Search(Query{Text: "被告借款后到期未还，原告持借条起诉要求归还借款", Limit: 3})
	if len(rs) < 3 || !strings.Contains(strings.Join(ids(rs[:3]), ""), "民初1号") || !strings.Contains(strings.Join(ids(rs[:3]), ""), "民初2号") {
		t.Errorf("loan query: %v, want the two 民初 loan cases among the first three", ids(rs))
	}
	for _, r := range rs {
		if r.CaseNo == "（2023）京0105刑初6号" || r.CaseNo == "（2023）京0105民初4号" {
			t.Errorf("loan query returns %s, which shares no loan term", r.CaseNo)
		}
	}
	// a stored judgment as the query: itself excluded, same 案由 and shared article explained
	js := handCorpus()
	q := QueryFromText(js[0].Text)
	q.ExcludeID, q.Level = 1, "基层"
	rs = ix.Search(q)
	if len(rs) == 0 || rs[0].CaseNo != "（2023）京0105民初2号" {
		t.Fatalf("query by 民初1号: %v, want 民初2号 first", ids(rs))
	}
	for _, r := range rs {
		if r.ID == 1 {
			t.Error("the query judgment is among its own results")
		}
	}
	top := rs[0]
	if !top.SameCause || len(top.Shared) != 1 || top.Shared[0] != "《中华人民共和国民法典》第六百七十五条" || !top.SameLevel {
		t.Errorf("explanation of the first result: same cause %v, shared %v, same level %v", top.SameCause, top.Shared, top.SameLevel)
	}
	b := top.Breakdown
	if d := b.Text + b.Cause + b.Articles + b.Level - top.Score; d > 1e-9 || d < -1e-9 || b.Cause != DefaultWeights.Cause {
		t.Errorf("breakdown %+v does not add up to %v", b, top.Score)
	}
	if len(top.Terms) == 0 || !slices.ContainsFunc(top.Terms, func(s SharedTerm) bool { return s.Term == "借条" }) {
		t.Errorf("shared terms %v, want 借条 among them", top.Terms)
	}
	// structure breaks a tie the text cannot: the 中院 loan case ranks below
	// the 基层 one that shares the article
	if pos(ids(rs), "（2023）京01民终5号") < pos(ids(rs), "（2023）京0105民初2号") {
		t.Errorf("order %v", ids(rs))
	}
	// filters
	rs = ix.Search(Query{Text: "借款 借条 归还", FilterCourt: "第一中级"})
	if len(rs) != 1 || rs[0].CaseNo != "（2023）京01民终5号" {
		t.Errorf("court filter: %v", ids(rs))
	}
	rs = ix.Search(Query{Text: "款项 返还 借款", FilterCause: "不当得利纠纷"})
	if len(rs) != 1 || rs[0].CaseNo != "（2023）京0105民初3号" {
		t.Errorf("cause filter: %v", ids(rs))
	}
	if rs := ix.Search(Query{Text: "借款", FilterYear: 2019}); len(rs) != 0 {
		t.Errorf("year filter 2019: %v, want none", ids(rs))
	}
	// plain BM25 ranks too, without structure
	plain := buildIndex(t, PlainBM25, handCorpus())
	rs = plain.Search(Query{Text: "窃取 手机 盗窃", Cause: "盗窃罪"})
	if len(rs) != 1 || rs[0].Breakdown.Cause != 0 {
		t.Errorf("plain BM25: %+v", rs)
	}
}

func pos(xs []string, x string) int {
	for i, y := range xs {
		if y == x {
			return i
		}
	}
	return len(xs)
}

func TestJudgmentsSnippet(t *testing.T) {
	j := Judgment{Text: civilJudgment}
	Parse(&j)
	fr := Snippet(j.Text, j.Parts, []string{"借款", "借条"}, 60)
	var marked []string
	var all strings.Builder
	for _, f := range fr {
		all.WriteString(f.Text)
		if f.Mark {
			marked = append(marked, f.Text)
		}
	}
	if !slices.Contains(marked, "借条") || !slices.Contains(marked, "借款") || !strings.Contains(all.String(), "出具借条") {
		t.Errorf("snippet %q marks %v", all.String(), marked)
	}
}

func TestJudgmentsBadInput(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	big := bytes.Repeat([]byte("被告借款未还。"), 20<<20/21+1) // 20 MB
	var zbuf bytes.Buffer
	zw := zip.NewWriter(&zbuf)
	w, _ := zw.Create("word/other.xml")
	w.Write([]byte("<x/>"))
	zw.Close()
	for _, c := range []struct {
		name string
		path string
		want string
	}{
		{"empty txt", write("empty.txt", []byte("  \n")), "empty.txt：全文为空"},
		{"20 MB txt", write("big.txt", big), "big.txt：全文有 20480 KB，超过一份裁判文书的上限 2048 KB"},
		{"not a docx", write("fake.docx", []byte("这不是 Word 文档")), "文件“fake.docx”不是有效的 DOCX 文档"},
		{"docx without body", write("nobody.docx", zbuf.Bytes()), "不是有效的 DOCX 文档（缺少 word/document.xml）"},
		{"duplicate 案号", write("dup.jsonl", []byte(`{"案号":"（2024）京0105民初1号","全文":"借款未还"}`+"\n"+`{"case_no":"(2024)京0105民初1号","text":"借款未还"}`+"\n")), "dup.jsonl 第 2 行：案号“（2024）京0105民初1号”与第 1 行重复"},
		{"bad json", write("bad.jsonl", []byte("{\"案号\":\"x\"\n")), "bad.jsonl 第 1 行：不是有效的 JSON 对象"},
		{"bad date", write("date.jsonl", []byte(`{"案号":"（2024）京0105民初1号","日期":"2024/13/01","全文":"借款"}`+"\n")), "date.jsonl 第 1 行：字段“date/日期”的值“2024/13/01”不是 YYYY-MM-DD 日期"},
		{"empty text in jsonl", write("blank.jsonl", []byte(`{"案号":"（2024）京0105民初1号","全文":""}`+"\n")), "blank.jsonl 第 1 行 字段“text/全文”：全文为空"},
		{"no case number", write("nocase.txt", []byte("被告借款未还。")), "nocase.txt：文中找不到案号"},
		{"unknown type", write("a.pdf", []byte("%PDF")), "文件“a.pdf”的类型不支持"},
	} {
		_, err := ReadPath(c.path)
		if err == nil || court.KindOf(err) != court.Invalid || !strings.Contains(court.Message(err), c.want) {
			t.Errorf("%s: error %v, want Invalid containing %q", c.name, err, c.want)
		}
	}
	// a good DOCX reads
	var dbuf bytes.Buffer
	zw = zip.NewWriter(&dbuf)
	w, _ = zw.Create("word/document.xml")
	w.Write([]byte(`<w:document xmlns:w="x"><w:body><w:p><w:r><w:t>北京市朝阳区人民法院</w:t></w:r></w:p><w:p><w:r><w:t>（2024）京0105民初7号</w:t></w:r></w:p><w:p><w:r><w:t>本院认为，被告借款未还。判决如下：归还借款。</w:t></w:r></w:p></w:body></w:document>`))
	zw.Close()
	js, err := ReadPath(write("good.docx", dbuf.Bytes()))
	if err != nil || len(js) != 1 || js[0].CaseNo != "（2024）京0105民初7号" || js[0].Court != "北京市朝阳区人民法院" {
		t.Fatalf("good docx: %+v, %v", js, err)
	}
}

func TestJudgmentsPostingsRoundTrip(t *testing.T) {
	in := []Posting{{Doc: 3, TF: [NumFields]uint16{1, 0, 2, 0, 0}}, {Doc: 300, TF: [NumFields]uint16{0, 0, 0, 0, 700}}, {Doc: 100000, TF: [NumFields]uint16{1, 1, 1, 1, 1}}}
	var out []Posting
	if err := DecodePostings(EncodePostings(in), func(doc int64, tf *[NumFields]uint16) { out = append(out, Posting{doc, *tf}) }); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(in, out) {
		t.Errorf("round trip %v → %v", in, out)
	}
	if err := DecodePostings([]byte{0x80}, func(int64, *[NumFields]uint16) {}); err == nil {
		t.Error("a truncated posting list decodes without error")
	}
}

// TestJudgmentsSplitTemplates splits the official 民事/刑事判决书 styles
// (法院诉讼文书样式, 1992): wherever a style has 经审理查明, 本院认为 and
// 判决如下, the three parts come out in that order and start with their
// heading.
func TestJudgmentsSplitTemplates(t *testing.T) {
	dir := filepath.Join(sharedData(t), "court_doc_templates_1992")
	checked := 0
	for _, sub := range []string{"mspanjue", "xspanjue"} {
		files, _ := filepath.Glob(filepath.Join(dir, sub, "*.txt"))
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			text := string(b)
			if !strings.Contains(text, "经审理查明") || !strings.Contains(text, "本院认为") || !strings.Contains(text, "判决如下") {
				continue
			}
			checked++
			p := Split(text)
			facts, reason, disp := p.Text(text, FieldFacts), p.Text(text, FieldReasoning), p.Text(text, FieldDisposition)
			if !strings.Contains(facts, "经审理查明") || !strings.HasPrefix(reason, "本院认为") || !strings.HasPrefix(disp, "判决如下") ||
				p[FieldFacts].End > p[FieldReasoning].Start || p[FieldReasoning].End > p[FieldDisposition].Start {
				t.Errorf("%s: facts %v reasoning %v disposition %v", filepath.Base(f), p[FieldFacts], p[FieldReasoning], p[FieldDisposition])
			}
		}
	}
	if checked < 5 {
		t.Errorf("only %d styles have the three headings", checked)
	}
}

func TestJudgmentsCharges(t *testing.T) {
	for text, want := range map[string][]string{
		"被告人张某犯盗窃罪，判处有期徒刑六个月；犯诈骗罪，判处有期徒刑一年": {"盗窃罪", "诈骗罪"},
		"其行为已构成掩饰、隐瞒犯罪所得、犯罪所得收益罪":           {"掩饰、隐瞒犯罪所得、犯罪所得收益罪"},
		"被告人犯走私、贩卖、运输、制造毒品罪，判处有期徒刑":         {"走私、贩卖、运输、制造毒品罪"},
		"其行为已构成帮助信息网络犯罪活动罪":                 {"帮助信息网络犯罪活动罪"},
		"被告人犯罪以后自动投案，依照本法规定之罪，构成故意毁坏财物罪":    {"故意毁坏财物罪"},
		"对被告人犯数罪的，应当数罪并罚":                   nil,
	} {
		if got := ExtractCharges(text); !slices.Equal(got, want) {
			t.Errorf("ExtractCharges(%q) = %v, want %v", text, got, want)
		}
	}
}

func TestJudgmentsDrift(t *testing.T) {
	js := handCorpus()
	ix := buildIndex(t, DefaultWeights, js[:2])
	if d := ix.Drift(); d != 0 {
		t.Fatalf("drift of a fresh index %v", d)
	}
	long := Judgment{CaseNo: "（2023）京0105民初99号", Text: "本院经审理查明：" + strings.Repeat("被告借款未还，原告多次催收，被告以经营困难为由拖延。", 40)}
	Parse(&long)
	a := Analyze(&long)
	ix.AddDocs([]DocMeta{{ID: 3, CaseNo: long.CaseNo, Len: a.Len}})
	if d := ix.Drift(); d < 0.2 {
		t.Errorf("drift after a judgment ten times as long: %v, want ≥ 0.2", d)
	}
}
