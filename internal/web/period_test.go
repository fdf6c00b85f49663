package web

import (
	"net/url"
	"testing"

	"github.com/zhixiao/zhixiao/internal/court"
)

func TestParsePeriod(t *testing.T) {
	today, _ := court.ParseISODate("2025-05-20")
	tests := []struct {
		query, want, err string
	}{
		{"", "2025-01-01至2025-05-20", ""},
		{"p=month", "2025-05-01至2025-05-20", ""},
		{"p=quarter", "2025-04-01至2025-05-20", ""},
		{"p=year", "2025-01-01至2025-05-20", ""},
		{"p=12m", "2024-05-21至2025-05-20", ""},
		{"p=custom&from=2024-01-01&to=2024-12-31", "2024-01-01至2024-12-31", ""},
		{"p=custom&from=2024-12-31&to=2024-01-01", "", "统计期间的结束日期 2024-01-01 早于开始日期 2024-12-31"},
		{"p=custom&from=2024-13-01&to=2024-12-31", "", "日期 \"2024-13-01\" 无法识别，应为 YYYY-MM-DD 格式"},
		{"p=custom&from=2024/1/1&to=2024-12-31", "", "日期 \"2024/1/1\" 无法识别，应为 YYYY-MM-DD 格式"},
		{"p=week", "", "统计期间“week”无效，应为 本月、本季度、本年、近12个月 或 自定义"},
	}
	for _, tt := range tests {
		q, _ := url.ParseQuery(tt.query)
		got, err := parsePeriod(q, today)
		if tt.err != "" {
			if court.KindOf(err) != court.Invalid || court.Message(err) != tt.err {
				t.Errorf("%s: err %v, want %q", tt.query, err, tt.err)
			}
			continue
		}
		if err != nil || got.Period.String() != tt.want {
			t.Errorf("%s: %s, %v; want %s", tt.query, got.Period, err, tt.want)
		}
	}
}
