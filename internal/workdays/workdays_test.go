package workdays

import (
	"testing"
	"time"

	"github.com/zhixiao/zhixiao/internal/court"
)

// TestCalendar: the 国务院 schedule's days off and 调休 working weekends,
// and a court's own entry overriding it.
func TestCalendar(t *testing.T) {
	day := func(y int, m time.Month, d int) court.Date { return court.DateOf(y, m, d) }
	c := New(StateCouncilDays())
	for _, x := range []struct {
		d    court.Date
		work bool
	}{
		{day(2026, 2, 14), true},  // Saturday, 春节调休上班
		{day(2026, 2, 16), false}, // Monday, 春节
		{day(2025, 10, 8), false}, // Wednesday, 国庆节、中秋节
		{day(2025, 10, 11), true}, // Saturday, 国庆节调休上班
		{day(2025, 10, 13), true}, // an ordinary Monday
		{day(2025, 10, 12), false},
	} {
		if got := c.Workday(x.d); got != x.work {
			t.Errorf("%s: workday %v, want %v", x.d, got, x.work)
		}
	}
	if got := c.AddWorkdays(day(2025, 9, 30), 3); got != day(2025, 10, 11) {
		t.Errorf("3 working days after 2025-09-30: %s, want 2025-10-11", got)
	}
	own := New(append(StateCouncilDays(), Day{Day: day(2025, 10, 13), Kind: Off, Name: "本院调整"}))
	if own.Workday(day(2025, 10, 13)) {
		t.Error("the court's own 休 entry is not applied")
	}
}
