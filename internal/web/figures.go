package web

import (
	"fmt"
	"math"
	"strings"

	"github.com/zhixiao/zhixiao/internal/court"
	"github.com/zhixiao/zhixiao/internal/indicator"
)

// Formatting of indicator figures: rates as percentages, days and ratios
// with decimals, counts as integers; an absent value is "—" (INDICATORS.md:
// a ratio with denominator 0 has no value, never 0 or 100%).

// formatValue formats the value of an indicator of definition d.
func formatValue(d *indicator.Definition, n indicator.Number) string {
	if !n.Valid || math.IsNaN(n.V) || math.IsInf(n.V, 0) {
		return "—"
	}
	switch d.Unit {
	case "%":
		return fmt.Sprintf("%.1f%%", n.V*100)
	case "天", "件/人":
		return fmt.Sprintf("%.1f", n.V)
	case "比值":
		return fmt.Sprintf("%.2f", n.V)
	}
	return formatCount(n)
}

// formatCount formats a numerator or denominator: whole numbers without
// decimals (加权结案数 has fractions).
func formatCount(n indicator.Number) string {
	if !n.Valid {
		return "—"
	}
	if n.V == math.Trunc(n.V) {
		return groupDigits(int64(n.V))
	}
	return fmt.Sprintf("%.1f", n.V)
}

// groupDigits writes 12345 as 12,345.
func groupDigits(n int64) string {
	s := fmt.Sprint(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// chartValue is the value as a chart plots it (rates in percent), nil when absent.
func chartValue(d *indicator.Definition, n indicator.Number) *float64 {
	if !n.Valid || math.IsNaN(n.V) || math.IsInf(n.V, 0) {
		return nil
	}
	v := n.V
	if d.Unit == "%" {
		v *= 100
	}
	v = math.Round(v*100) / 100
	return &v
}

// yoy describes the change from prev to cur (同比): percentage points for
// rates, a relative change for the rest; its class says whether the change
// goes the definition's better way.
func yoy(d *indicator.Definition, cur, prev indicator.Number) (text, class string) {
	if !cur.Valid || !prev.Valid {
		return "同比 —", ""
	}
	diff := cur.V - prev.V
	switch {
	case d.Unit == "%" && math.Abs(diff) < 0.0005:
		return "同比 持平", ""
	case d.Unit == "%":
		text = fmt.Sprintf("同比 %+.1f 个百分点", diff*100)
	case prev.V == 0:
		return "同比 —", ""
	default:
		text = fmt.Sprintf("同比 %+.1f%%", diff/math.Abs(prev.V)*100)
	}
	switch {
	case diff == 0 || d.Direction == "none" || d.Direction == "band":
		class = ""
	case (diff > 0) == (d.Direction == "higher"):
		class = "better"
	default:
		class = "worse"
	}
	return text, class
}

// statusClass is the CSS class of a band status.
func statusClass(s indicator.Status) string {
	switch s {
	case indicator.StatusMet:
		return "ok"
	case indicator.StatusNotMet:
		return "bad"
	case indicator.StatusUncertain:
		return "warn"
	}
	return ""
}

// bandText describes a band: 合理区间 90.0%–110.0%, 不低于 95.0%, 不高于 3.0%.
func bandText(d *indicator.Definition, b indicator.Band) string {
	f := func(v float64) string { return formatValue(d, indicator.Num(v)) }
	switch {
	case math.IsInf(b.Lower, -1) && math.IsInf(b.Upper, 1):
		return ""
	case math.IsInf(b.Lower, -1):
		return "不高于 " + f(b.Upper)
	case math.IsInf(b.Upper, 1):
		return "不低于 " + f(b.Lower)
	}
	return "合理区间 " + f(b.Lower) + "–" + f(b.Upper)
}

// kindFilter is the engine filter of the dashboard's kind parameter.
func kindFilter(kind string) (indicator.Filter, error) {
	if kind == "" {
		return indicator.Filter{}, nil
	}
	k, ok := court.ParseKind(kind)
	if !ok {
		return indicator.Filter{}, court.Errorf(court.Invalid, "案件类别“%s”无效，应为 刑事、民事、行政 或 执行", kind)
	}
	return indicator.Filter{Kinds: []court.Kind{k}}, nil
}

// last12Months is the twelve calendar months that end with the month of
// to, the first cut to its first day: the window of sparklines and trends.
func last12Months(to court.Date) court.Period {
	t := to.Time()
	return court.Period{From: court.DateOf(t.Year(), t.Month()-11, 1), To: to}
}

// monthLabel names the month of a period: 2025-03.
func monthLabel(p court.Period) string { return p.From.Time().Format("2006-01") }
