package documents

import (
	"strings"
	"testing"

	"github.com/zhixiao/zhixiao/internal/court"
)

// draftCase is a civil first-instance case of the tests, with its parties.
func draftCase(t *testing.T, no string) DraftInput {
	t.Helper()
	n, err := court.ParseCaseNo(no)
	if err != nil {
		t.Fatal(err)
	}
	c := court.Case{No: n, Court: "示例市南山区人民法院", Department: "民一庭", Judge: "王法官", Panel: []string{"李法官", "陈陪审员"},
		FiledOn: court.DateOf(2025, 3, 5), Cause: "民间借贷纠纷", Track: court.TrackOrdinary, LimitDays: 180, Hearings: 1,
		ClaimAmount: 12345600, ExecAmount: court.NoMoney, ExecRecovered: court.NoMoney}
	ps := []court.Party{
		{CaseNo: no, Name: "示例市某某有限公司", Role: "被告", Type: court.LegalPerson, IDNo: "91110105MA01ABCD13", Address: "示例市开发区中山路1号"},
		{CaseNo: no, Name: "张三", Role: "原告", Type: court.NaturalPerson, IDNo: "110105198503020011", Address: "示例市东城区人民路2号", Agents: []string{"李律师", "王律师"}},
		{CaseNo: no, Name: "李四", Role: "第三人", Type: court.NaturalPerson},
	}
	return DraftInput{Case: c, CourtName: c.Court, UpperCourt: "示例市中级人民法院", Parties: ps, Clerk: "赵书记员", Today: court.DateOf(2025, 6, 3)}
}

func execCase(t *testing.T) DraftInput {
	in := draftCase(t, "（2025）示0103执88号")
	in.Case.Cause, in.Case.Track, in.Case.Panel, in.Case.OriginNo = "民间借贷纠纷", court.TrackNone, nil, "（2024）示0103民初7号"
	in.Case.ExecAmount, in.Case.ExecRecovered = 5000000, 120000
	in.Parties = []court.Party{
		{Name: "张三", Role: "申请执行人", Type: court.NaturalPerson, IDNo: "110105198503020011"},
		{Name: "示例市某某有限公司", Role: "被执行人", Type: court.LegalPerson},
	}
	return in
}

// TestDocumentsDraftGolden writes every draft from its default template and
// compares the normalised document.xml with testdata/draft_KIND.golden
// (go test -update rewrites them).
func TestDocumentsDraftGolden(t *testing.T) {
	want := map[Kind][]string{
		KindJudgmentOrdinary:  {"民事判决书", "原告：张三，男，1985年3月2日出生，住示例市东城区人民路2号，公民身份号码110105198503020011。", "委托诉讼代理人：李律师。", "依法适用普通程序，组成合议庭，公开开庭进行了审理", "上诉于示例市中级人民法院", "审　判　长　王法官", "审　判　员　陈陪审员", "二〇二五年六月三日", "书　记　员　赵书记员"},
		KindJudgmentSimple:    {"依法适用简易程序，公开开庭进行了审理", "审　判　员　王法官"},
		KindMediation:         {"民事调解书", "当事人自愿达成如下协议", "本调解书经各方当事人签收后，即具有法律效力。"},
		KindWithdrawal:        {"民事裁定书", "第一百四十八条第一款、第一百五十七条第一款第五项", "准许张三撤诉。"},
		KindExecSuspension:    {"执行裁定书", "申请执行人张三与被执行人示例市某某有限公司民间借贷纠纷一案", "（2024）示0103民初7号法律文书", "已执行到位1200.00元", "第五百一十七条", "终结本次执行程序。"},
		KindOneTimeNotice:     {"一次性告知书", "张三：", "由民一庭王法官法官承办"},
		KindInterviewNotice:   {"约谈通知书", "民一庭王法官同志：", "已审理90天（审限180天，审限届满日2025年9月1日）"},
		KindSupervisionNotice: {"督办通知单", "案号：（2025）示0103民初1号；案由：民间借贷纠纷；承办人：王法官"},
	}
	for _, k := range DraftKinds {
		t.Run(string(k), func(t *testing.T) {
			in := draftCase(t, "（2025）示0103民初1号")
			if k == KindExecSuspension {
				in = execCase(t)
			}
			b, err := WriteDraft(k, in, nil)
			if err != nil {
				t.Fatal(err)
			}
			golden(t, "draft_"+string(k)+".golden", normalised(t, b))
			text, err := DocumentText(b)
			if err != nil {
				t.Fatal(err)
			}
			if strings.Contains(text, "{{") {
				t.Errorf("a placeholder is left:\n%s", text)
			}
			for _, w := range want[k] {
				if !strings.Contains(text, w) {
					t.Errorf("lacks %q:\n%s", w, text)
				}
			}
		})
	}
}

func TestDocumentsDraftErrors(t *testing.T) {
	in := draftCase(t, "（2025）示0103民初1号")
	in.Parties = nil
	_, err := WriteDraft(KindJudgmentOrdinary, in, nil)
	if court.KindOf(err) != court.Invalid || !strings.Contains(court.Message(err), "没有当事人信息") || !strings.Contains(court.Message(err), "（2025）示0103民初1号") {
		t.Errorf("a case without parties: %v", err)
	}
	if _, err := WriteDraft(KindInterviewNotice, in, nil); err != nil {
		t.Errorf("a notice to the judge needs no parties: %v", err)
	}
	if _, err := WriteDraft(KindExecSuspension, draftCase(t, "（2025）示0103民初1号"), nil); court.KindOf(err) != court.Invalid || !strings.Contains(court.Message(err), "只适用于执行案件") {
		t.Errorf("exec ruling for a civil case: %v", err)
	}
	if _, err := WriteDraft(KindMediation, execCase(t), nil); court.KindOf(err) != court.Invalid {
		t.Errorf("mediation for an enforcement case: %v", err)
	}
	if _, err := ParseKind("判决"); court.KindOf(err) != court.Invalid {
		t.Errorf("ParseKind(判决): %v", err)
	}
	if k, err := ParseKind("民事判决书"); err != nil || k != KindJudgmentOrdinary {
		t.Errorf("ParseKind(民事判决书): %v %v", k, err)
	}
}

// TestDocumentsCourtTemplate fills a template as a court edits it in Word:
// placeholders split over runs, its own fonts, a header part.
func TestDocumentsCourtTemplate(t *testing.T) {
	body := `<w:p><w:r><w:rPr><w:rFonts w:eastAsia="方正小标宋简体"/><w:sz w:val="44"/></w:rPr><w:t>{{法</w:t></w:r><w:r><w:rPr><w:rFonts w:eastAsia="方正小标宋简体"/><w:sz w:val="44"/></w:rPr><w:t>院}}</w:t></w:r></w:p>` +
		`<w:p><w:r><w:t>{{当事人}}</w:t></w:r></w:p><w:p><w:r><w:t xml:space="preserve">案由：{</w:t></w:r><w:r><w:t>{案由}</w:t></w:r><w:r><w:t>}</w:t></w:r></w:p>`
	tp, err := CheckTemplate(KindJudgmentOrdinary, "本院判决书.docx", docxWith(t, body))
	if err != nil {
		t.Fatal(err)
	}
	b, err := WriteDraft(KindJudgmentOrdinary, draftCase(t, "（2025）示0103民初1号"), tp)
	if err != nil {
		t.Fatal(err)
	}
	text, _ := DocumentText(b)
	want := "示例市南山区人民法院\n原告：张三，男，1985年3月2日出生，住示例市东城区人民路2号，公民身份号码110105198503020011。\n委托诉讼代理人：李律师。\n委托诉讼代理人：王律师。\n" +
		"被告：示例市某某有限公司，住所地示例市开发区中山路1号。统一社会信用代码：91110105MA01ABCD13。\n法定代表人（负责人）：【姓名】，【职务】。\n第三人：李四。\n案由：民间借贷纠纷"
	if text != want {
		t.Errorf("text\n%s\nwant\n%s", text, want)
	}
	if !strings.Contains(partOf(t, b, "word/document.xml"), `w:eastAsia="方正小标宋简体"/><w:sz w:val="44"/></w:rPr><w:t xml:space="preserve">示例市南山区人民法院</w:t>`) {
		t.Error("the court's font is lost")
	}
}

// TestDocumentsNoticeToApplicant addresses the one-time notice of an
// enforcement case to the 申请执行人, naming the 被执行人 across.
func TestDocumentsNoticeToApplicant(t *testing.T) {
	b, err := WriteDraft(KindOneTimeNotice, execCase(t), nil)
	if err != nil {
		t.Fatal(err)
	}
	text, _ := DocumentText(b)
	if !strings.Contains(text, "张三：") || !strings.Contains(text, "你（单位）与示例市某某有限公司民间借贷纠纷一案") {
		t.Errorf("notice:\n%s", text)
	}
}
