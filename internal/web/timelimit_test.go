package web

import (
	"testing"

	"github.com/zhixiao/zhixiao/internal/court"
	"github.com/zhixiao/zhixiao/internal/store"
)

func TestTimeLimit(t *testing.T) {
	d := func(s string) court.Date {
		x, err := court.ParseISODate(s)
		if err != nil {
			t.Fatal(err)
		}
		return x
	}
	today := d("2025-06-30")
	tests := []struct {
		name                   string
		filed, closed          string
		limit, ext, susp       int
		label, class, deadline string
	}{
		{"no limit", "2025-01-01", "", 0, 0, 0, "不计审限", "", ""},
		{"closed within", "2025-01-01", "2025-03-01", 90, 0, 0, "审限内结案", "ok", "2025-04-01"},
		{"closed on the last day", "2025-01-01", "2025-04-01", 90, 0, 0, "审限内结案", "ok", "2025-04-01"},
		{"closed a day late", "2025-01-01", "2025-04-02", 90, 0, 0, "超审限 1 天结案", "bad", "2025-04-01"},
		{"late but extended", "2025-01-01", "2025-04-02", 90, 30, 0, "审限内结案", "ok", "2025-05-01"},
		{"late but suspended", "2025-01-01", "2025-04-02", 90, 0, 5, "审限内结案", "ok", "2025-04-06"},
		{"pending far", "2025-06-01", "", 180, 0, 0, "审限内（剩 151 天）", "ok", "2025-11-28"},
		{"pending near", "2025-01-15", "", 180, 0, 0, "临近审限（剩 14 天）", "warn", "2025-07-14"},
		{"pending overdue", "2024-12-01", "", 180, 0, 0, "已超审限 31 天", "bad", "2025-05-30"},
	}
	for _, tt := range tests {
		c := store.CaseSummary{FiledOn: d(tt.filed), LimitDays: tt.limit, ExtendedDays: tt.ext, SuspendedDays: tt.susp}
		if tt.closed != "" {
			c.ClosedOn = d(tt.closed)
		}
		st := timeLimit(&c, today)
		if st.Label != tt.label || st.Class != tt.class || st.Deadline.String() != tt.deadline {
			t.Errorf("%s: %q %q %s; want %q %q %s", tt.name, st.Label, st.Class, st.Deadline, tt.label, tt.class, tt.deadline)
		}
	}
}
