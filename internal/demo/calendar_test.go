package demo

import (
	"testing"
	"time"

	"github.com/zhixiao/zhixiao/internal/court"
)

func TestCivilMatchesTime(t *testing.T) {
	for d := court.DateOf(1990, 1, 1); d < court.DateOf(2040, 1, 1); d += 17 {
		tm := d.Time()
		y, m, day := civil(d)
		if y != tm.Year() || m != int(tm.Month()) || day != tm.Day() || weekday(d) != tm.Weekday() {
			t.Fatalf("civil(%v) = %d-%d-%d %v, want %s %v", d, y, m, day, weekday(d), tm.Format("2006-01-02"), tm.Weekday())
		}
	}
}

func TestClosingDay(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"2025-03-07", "2025-03-07"}, // Friday
		{"2025-03-08", "2025-03-07"}, // Saturday -> Friday
		{"2025-03-09", "2025-03-10"}, // Sunday -> Monday
		{"2025-10-03", "2025-10-08"}, // 国庆
		{"2025-01-01", "2025-01-02"}, // 元旦
		{"2025-01-30", "2025-02-05"}, // 春节 week
	}
	for _, tt := range tests {
		in, _ := court.ParseISODate(tt.in)
		if got := closingDay(in).String(); got != tt.want {
			t.Errorf("closingDay(%s) = %s, want %s", tt.in, got, tt.want)
		}
	}
	if w := closingDay(court.DateOf(2025, time.October, 4)); !workday(w) {
		t.Errorf("closingDay gave a day off: %s", w)
	}
}
