package documents

import (
	"math"
	"strconv"
	"strings"

	"github.com/zhixiao/zhixiao/internal/court"
)

// Figure is one number of the bulletin with the same figure a year before
// (同比). Valid is false when the number does not exist (a ratio over 0);
// PrevValid when the year before has no such number; HasPrev is false when
// the data do not reach back a year at all.
type Figure struct {
	V, Prev          float64
	Valid, PrevValid bool
	HasPrev          bool
}

// countText writes a count: 1234.
func countText(v float64) string { return strconv.FormatInt(int64(math.Round(v)), 10) }

// pct writes a fraction as a percentage with two decimals: 95.20%.
func pct(v float64) string { return strconv.FormatFloat(v*100, 'f', 2, 64) + "%" }

// oneDecimal writes 12.5.
func oneDecimal(v float64) string { return strconv.FormatFloat(v, 'f', 1, 64) }

// CountChange is the 同比 clause of a count: 同比上升12.5%（去年同期80件）,
// 同比下降…, 同比持平, or why there is no comparison.
func CountChange(f Figure) string {
	switch {
	case !f.HasPrev:
		return "去年同期无数据，无法同比"
	case !f.PrevValid:
		return "去年同期无可比数据"
	case f.Prev == 0 && f.V == 0:
		return "与去年同期持平（均为0件）"
	case f.Prev == 0:
		return "去年同期为0件，无法计算增幅"
	}
	prev := "（去年同期" + countText(f.Prev) + "件）"
	d := (f.V - f.Prev) / f.Prev * 100
	switch {
	case math.Abs(d) < 0.05:
		return "同比持平" + prev
	case d > 0:
		return "同比上升" + oneDecimal(d) + "%" + prev
	}
	return "同比下降" + oneDecimal(-d) + "%" + prev
}

// RateChange is the 同比 clause of a rate, in percentage points.
func RateChange(f Figure) string {
	switch {
	case !f.HasPrev:
		return "去年同期无数据，无法同比"
	case !f.PrevValid:
		return "去年同期无法计算"
	}
	d := (f.V - f.Prev) * 100
	prev := "（去年同期" + pct(f.Prev) + "）"
	switch {
	case math.Abs(d) < 0.005:
		return "与去年同期持平" + prev
	case d > 0:
		return "同比上升" + strconv.FormatFloat(d, 'f', 2, 64) + "个百分点" + prev
	}
	return "同比下降" + strconv.FormatFloat(-d, 'f', 2, 64) + "个百分点" + prev
}

// Summary are the figures the written summary speaks of.
type Summary struct {
	Unit        string // e.g. 示例市中级人民法院, 示例市某区人民法院民一庭
	Month       string // 2025年6月
	Filed       Figure // 新收
	Closed      Figure // 已结
	Clearance   Figure // 结收比, a fraction; invalid when nothing was filed
	PendingEnd  Figure // 月末未结
	WithinLimit Figure // 审限内结案率
}

// SummarySentences write the opening of the bulletin from the numbers.
func SummarySentences(s Summary) []string {
	if s.Filed.V == 0 && s.Closed.V == 0 && s.PendingEnd.V == 0 {
		return []string{s.Month + "，" + s.Unit + "无新收、审结或未结案件，本月无数据。"}
	}
	var b strings.Builder
	b.WriteString(s.Month + "，" + s.Unit + "新收案件" + countText(s.Filed.V) + "件，" + CountChange(s.Filed) + "；")
	b.WriteString("审结案件" + countText(s.Closed.V) + "件，" + CountChange(s.Closed) + "。")
	first := b.String()
	var second string
	if s.Clearance.Valid {
		second = "结收比为" + pct(s.Clearance.V) + "，" + RateChange(s.Clearance) + "，"
		switch {
		case s.Clearance.V > 1:
			second += "审结多于新收，未结案件减少。"
		case s.Clearance.V < 1:
			second += "新收多于审结，未结案件增加。"
		default:
			second += "收结持平。"
		}
	} else {
		second = "本月无新收案件，结收比无法计算。"
	}
	third := "月末未结案件" + countText(s.PendingEnd.V) + "件，" + CountChange(s.PendingEnd) + "。"
	if s.WithinLimit.Valid {
		third += "审限内结案率" + pct(s.WithinLimit.V) + "，" + RateChange(s.WithinLimit) + "。"
	} else {
		third += "本月无审结的计审限案件，审限内结案率无法计算。"
	}
	return []string{first, second, third}
}

// BandLine is an indicator whose value lies outside its band, or cannot be
// judged against it yet (不足以判断).
type BandLine struct {
	Name, Value, Band string
	Uncertain         bool
}

// BandSentences describe the indicators outside their bands; period names
// the figures judged (本年累计（2025年1月至6月）), "" for none.
func BandSentences(lines []BandLine, period, bandsLabel string) []string {
	var out, unsure []string
	for _, l := range lines {
		t := l.Name + l.Value + "（合理区间" + l.Band + "）"
		if l.Uncertain {
			unsure = append(unsure, t)
		} else {
			out = append(out, t)
		}
	}
	lead := "对照合理区间"
	if period != "" {
		lead = period + "数据对照合理区间"
	}
	if bandsLabel != "" {
		lead += "（" + bandsLabel + "）"
	}
	var res []string
	if len(out) == 0 {
		res = append(res, lead+"，各项可判断的指标均在区间内。")
	} else {
		res = append(res, lead+"，以下"+strconv.Itoa(len(out))+"项指标未达标："+strings.Join(out, "；")+"。")
	}
	if len(unsure) > 0 {
		res = append(res, "以下指标落在区间外，但案件数较少，尚不足以判断："+strings.Join(unsure, "；")+"。")
	}
	return res
}

// PendingCase is a case pending at the end of the month.
type PendingCase struct {
	No, Cause, Department, Judge string
	FiledOn                      court.Date
	Days                         int // days from filing to the month's end
}

// PendingSentence names the longest-pending case.
func PendingSentence(cs []PendingCase) string {
	if len(cs) == 0 {
		return "月末无未结案件。"
	}
	c := cs[0]
	return "未结案件中审理时间最长的是" + c.No + "（" + c.Department + c.Judge + "承办，" + chineseDate(c.FiledOn) + "立案，已" + strconv.Itoa(c.Days) + "天）。"
}

// SupervisionSentences describe the supervision summary; nil is 本月无数据.
func SupervisionSentences(s *court.SupervisionSummary) []string {
	if s == nil {
		return []string{"本月无数据（督办模块未提供）。"}
	}
	first := "截至月末，未结案件中红色预警" + strconv.Itoa(s.Red) + "件、黄色预警" + strconv.Itoa(s.Yellow) + "件、蓝色预警" + strconv.Itoa(s.Blue) + "件。"
	second := "督办单在办" + strconv.Itoa(s.ItemsOpen) + "件，其中超期" + strconv.Itoa(s.ItemsOverdue) + "件；本月办结" + strconv.Itoa(s.ItemsClosed) + "件。"
	third := "整改措施共" + strconv.Itoa(s.Measures) + "项，已销号" + strconv.Itoa(s.MeasuresClosed) + "项，逾期未销号" + strconv.Itoa(s.MeasuresLate) + "项。"
	if s.Measures == 0 {
		third = "本月无整改措施。"
	}
	return []string{first, second, third}
}

// PetitionSentences describe the complaints and requests; nil is 本月无数据.
func PetitionSentences(p *court.PetitionSummary) []string {
	if p == nil {
		return []string{"本月无数据（群众诉求模块未提供）。"}
	}
	if p.Received == 0 && p.Closed == 0 && p.FeedbackDue == 0 && p.Overdue == 0 {
		return []string{"本月未收到群众诉求。"}
	}
	s := "本月收到群众诉求" + strconv.Itoa(p.Received) + "件，办结" + strconv.Itoa(p.Closed) + "件。"
	if p.FeedbackDue > 0 {
		s += "应反馈" + strconv.Itoa(p.FeedbackDue) + "件，按期反馈" + strconv.Itoa(p.FeedbackOnTime) + "件，按期反馈率" +
			pct(float64(p.FeedbackOnTime)/float64(p.FeedbackDue)) + "。"
	} else {
		s += "本月无到期应反馈的诉求。"
	}
	t := "月末超期未办结" + strconv.Itoa(p.Overdue) + "件；经核查属实的投诉" + strconv.Itoa(p.Substantiated) + "件。"
	return []string{s, t}
}
