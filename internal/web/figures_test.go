package web

import (
	"math"
	"testing"

	"github.com/zhixiao/zhixiao/internal/court"
	"github.com/zhixiao/zhixiao/internal/indicator"
)

func TestFormatting(t *testing.T) {
	rate := &indicator.Definition{Unit: "%", Direction: "higher"}
	days := &indicator.Definition{Unit: "天", Direction: "lower"}
	count := &indicator.Definition{Unit: "件", Direction: "none"}
	ratio := &indicator.Definition{Unit: "比值", Direction: "lower"}
	tests := []struct {
		d    *indicator.Definition
		n    indicator.Number
		want string
	}{
		{rate, indicator.Num(0.9534), "95.3%"},
		{rate, indicator.Number{}, "—"},
		{days, indicator.Num(37.25), "37.2"},
		{count, indicator.Num(12345), "12,345"},
		{count, indicator.Num(12.5), "12.5"},
		{ratio, indicator.Num(1.234), "1.23"},
		{rate, indicator.Num(math.NaN()), "—"},
	}
	for _, tt := range tests {
		if got := formatValue(tt.d, tt.n); got != tt.want {
			t.Errorf("formatValue(%s, %v) = %q, want %q", tt.d.Unit, tt.n, got, tt.want)
		}
	}
	yoys := []struct {
		d         *indicator.Definition
		cur, prev indicator.Number
		text, cls string
	}{
		{rate, indicator.Num(0.95), indicator.Num(0.93), "同比 +2.0 个百分点", "better"},
		{days, indicator.Num(40), indicator.Num(50), "同比 -20.0%", "better"},
		{days, indicator.Num(60), indicator.Num(50), "同比 +20.0%", "worse"},
		{count, indicator.Num(60), indicator.Num(50), "同比 +20.0%", ""},
		{count, indicator.Num(60), indicator.Num(0), "同比 —", ""},
		{rate, indicator.Num(0.5), indicator.Number{}, "同比 —", ""},
		{rate, indicator.Num(0.5), indicator.Num(0.5001), "同比 持平", ""},
	}
	for _, tt := range yoys {
		text, cls := yoy(tt.d, tt.cur, tt.prev)
		if text != tt.text || cls != tt.cls {
			t.Errorf("yoy(%v, %v) = %q %q, want %q %q", tt.cur, tt.prev, text, cls, tt.text, tt.cls)
		}
	}
	bands := []struct {
		b    indicator.Band
		want string
	}{
		{indicator.Band{Lower: 0.9, Upper: 1.1}, "合理区间 90.0%–110.0%"},
		{indicator.Band{Lower: 0.95, Upper: math.Inf(1)}, "不低于 95.0%"},
		{indicator.Band{Lower: math.Inf(-1), Upper: 0.03}, "不高于 3.0%"},
	}
	for _, tt := range bands {
		if got := bandText(rate, tt.b); got != tt.want {
			t.Errorf("bandText(%v) = %q, want %q", tt.b, got, tt.want)
		}
	}
	d, _ := court.ParseISODate("2025-03-15")
	if got := last12Months(d).String(); got != "2024-04-01至2025-03-15" {
		t.Errorf("last12Months = %s", got)
	}
}
