package documents

import (
	"strings"
	"testing"

	"github.com/zhixiao/zhixiao/internal/court"
)

func TestDocumentsCountChange(t *testing.T) {
	for _, tt := range []struct {
		name string
		f    Figure
		want string
	}{
		{"increase", Figure{V: 120, Prev: 100, Valid: true, PrevValid: true, HasPrev: true}, "同比上升20.0%（去年同期100件）"},
		{"decrease", Figure{V: 75, Prev: 100, Valid: true, PrevValid: true, HasPrev: true}, "同比下降25.0%（去年同期100件）"},
		{"flat", Figure{V: 100, Prev: 100, Valid: true, PrevValid: true, HasPrev: true}, "同比持平（去年同期100件）"},
		{"zero last year", Figure{V: 5, Prev: 0, Valid: true, PrevValid: true, HasPrev: true}, "去年同期为0件，无法计算增幅"},
		{"zero both", Figure{V: 0, Prev: 0, Valid: true, PrevValid: true, HasPrev: true}, "与去年同期持平（均为0件）"},
		{"no data last year", Figure{V: 5, Valid: true}, "去年同期无数据，无法同比"},
	} {
		if got := CountChange(tt.f); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestDocumentsRateChange(t *testing.T) {
	for _, tt := range []struct {
		name string
		f    Figure
		want string
	}{
		{"up", Figure{V: 0.95, Prev: 0.9, Valid: true, PrevValid: true, HasPrev: true}, "同比上升5.00个百分点（去年同期90.00%）"},
		{"down", Figure{V: 0.8, Prev: 0.9, Valid: true, PrevValid: true, HasPrev: true}, "同比下降10.00个百分点（去年同期90.00%）"},
		{"same", Figure{V: 0.9, Prev: 0.9, Valid: true, PrevValid: true, HasPrev: true}, "与去年同期持平（去年同期90.00%）"},
		{"zero denominator last year", Figure{V: 0.9, Valid: true, HasPrev: true}, "去年同期无法计算"},
		{"no data last year", Figure{V: 0.9, Valid: true}, "去年同期无数据，无法同比"},
	} {
		if got := RateChange(tt.f); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestDocumentsSummarySentences(t *testing.T) {
	prev := func(v, p float64) Figure { return Figure{V: v, Prev: p, Valid: true, PrevValid: true, HasPrev: true} }
	s := Summary{Unit: "示例市中级人民法院", Month: "2025年6月", Filed: prev(120, 100), Closed: prev(90, 100),
		Clearance: prev(0.75, 1), PendingEnd: prev(300, 250), WithinLimit: prev(0.98, 0.97)}
	got := strings.Join(SummarySentences(s), "")
	for _, want := range []string{"2025年6月，示例市中级人民法院新收案件120件，同比上升20.0%", "审结案件90件，同比下降10.0%",
		"结收比为75.00%，同比下降25.00个百分点", "新收多于审结，未结案件增加", "审限内结案率98.00%，同比上升1.00个百分点"} {
		if !strings.Contains(got, want) {
			t.Errorf("summary lacks %q:\n%s", want, got)
		}
	}
	// Nothing filed: the clearance has a zero denominator; no data a year before.
	s = Summary{Unit: "甲庭", Month: "2025年6月", Filed: Figure{Valid: true}, Closed: Figure{V: 3, Valid: true},
		Clearance: Figure{}, PendingEnd: Figure{V: 4, Valid: true}, WithinLimit: Figure{}}
	got = strings.Join(SummarySentences(s), "")
	for _, want := range []string{"新收案件0件，去年同期无数据，无法同比", "本月无新收案件，结收比无法计算", "审限内结案率无法计算"} {
		if !strings.Contains(got, want) {
			t.Errorf("summary lacks %q:\n%s", want, got)
		}
	}
	if got := SummarySentences(Summary{Unit: "甲庭", Month: "2020年1月"}); len(got) != 1 || !strings.Contains(got[0], "本月无数据") {
		t.Errorf("a month with no data: %v", got)
	}
}

func TestDocumentsSectionSentences(t *testing.T) {
	if got := SupervisionSentences(nil); len(got) != 1 || !strings.Contains(got[0], "本月无数据") {
		t.Errorf("nil supervision: %v", got)
	}
	sup := strings.Join(SupervisionSentences(&court.SupervisionSummary{Red: 2, Yellow: 3, Blue: 4, ItemsOpen: 5, ItemsOverdue: 1, ItemsClosed: 6, Measures: 7, MeasuresClosed: 3, MeasuresLate: 2}), "")
	for _, want := range []string{"红色预警2件、黄色预警3件、蓝色预警4件", "督办单在办5件，其中超期1件；本月办结6件", "整改措施共7项，已销号3项，逾期未销号2项"} {
		if !strings.Contains(sup, want) {
			t.Errorf("supervision lacks %q: %s", want, sup)
		}
	}
	if got := PetitionSentences(nil); !strings.Contains(got[0], "本月无数据") {
		t.Errorf("nil petitions: %v", got)
	}
	pet := strings.Join(PetitionSentences(&court.PetitionSummary{Received: 10, Closed: 8, FeedbackDue: 4, FeedbackOnTime: 3, Overdue: 1, Substantiated: 2}), "")
	for _, want := range []string{"收到群众诉求10件，办结8件", "按期反馈率75.00%", "超期未办结1件", "属实的投诉2件"} {
		if !strings.Contains(pet, want) {
			t.Errorf("petitions lack %q: %s", want, pet)
		}
	}
	if got := PetitionSentences(&court.PetitionSummary{}); got[0] != "本月未收到群众诉求。" {
		t.Errorf("zero petitions: %v", got)
	}
	band := strings.Join(BandSentences([]BandLine{{Name: "结收比", Value: "85.00%", Band: "95.00%–110.00%"}, {Name: "调撤率", Value: "30.00%", Band: "≥35.00%", Uncertain: true}}, "本年累计（2025年1月至6月）", "示意"), "")
	if !strings.Contains(band, "本年累计（2025年1月至6月）数据对照合理区间（示意），以下1项指标未达标：结收比85.00%（合理区间95.00%–110.00%）") || !strings.Contains(band, "尚不足以判断：调撤率") {
		t.Errorf("bands: %s", band)
	}
	if got := BandSentences(nil, "", "本院设定"); got[0] != "对照合理区间（本院设定），各项可判断的指标均在区间内。" {
		t.Errorf("no band lines: %v", got)
	}
	if got := PendingSentence(nil); got != "月末无未结案件。" {
		t.Errorf("no pending: %q", got)
	}
}

func TestDocumentsDates(t *testing.T) {
	d := court.DateOf(2025, 6, 3)
	if got := upperDate(d); got != "二〇二五年六月三日" {
		t.Errorf("upperDate: %s", got)
	}
	if got := upperDate(court.DateOf(2024, 12, 31)); got != "二〇二四年十二月三十一日" {
		t.Errorf("upperDate: %s", got)
	}
	if got := upperDate(court.DateOf(2024, 10, 20)); got != "二〇二四年十月二十日" {
		t.Errorf("upperDate: %s", got)
	}
	if got := chineseDate(d); got != "2025年6月3日" {
		t.Errorf("chineseDate: %s", got)
	}
	p, err := ParseMonth("2024-02")
	if err != nil || p.From != court.DateOf(2024, 2, 1) || p.To != court.DateOf(2024, 2, 29) {
		t.Errorf("ParseMonth: %v %v", p, err)
	}
	if p2, _ := ParseMonth("2024年2月"); p2 != p {
		t.Errorf("ParseMonth 2024年2月: %v", p2)
	}
	for _, bad := range []string{"2024-13", "2024", "六月", ""} {
		if _, err := ParseMonth(bad); court.KindOf(err) != court.Invalid {
			t.Errorf("ParseMonth(%q): %v", bad, err)
		}
	}
}
