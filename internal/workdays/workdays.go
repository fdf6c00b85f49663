// Package workdays is the product's one working-day calendar: Monday to
// Friday, except the public holidays (休) of the 国务院 schedule, plus the
// adjusted working weekends (班, 调休). The court edits it on the petitions
// setup page (the store keeps it in petition_calendar); the petitions
// deadlines and the assessment's 公示 window both count on it.
package workdays

import (
	"sort"
	"time"

	"github.com/zhixiao/zhixiao/internal/court"
)

// Kind says how a calendar entry changes a day: a holiday (休) on a
// weekday, or a working day (班, 调休) on a weekend.
type Kind string

// The day kinds.
const (
	Off  Kind = "休" // a public holiday: no work even on a weekday
	Work Kind = "班" // an adjusted working day (调休): work even on a weekend
)

// Day is one entry of the holiday calendar.
type Day struct {
	Day  court.Date
	Kind Kind
	Name string // 春节, 国庆节 ...
}

// Calendar tells working days from days off: Monday to Friday work unless
// an entry says 休, Saturday and Sunday are off unless an entry says 班.
type Calendar struct{ days map[court.Date]Kind }

// New builds a calendar from its entries; a later entry for the
// same day wins.
func New(days []Day) *Calendar {
	c := &Calendar{days: make(map[court.Date]Kind, len(days))}
	for _, d := range days {
		c.days[d.Day] = d.Kind
	}
	return c
}

// Workday reports whether the court works on d.
func (c *Calendar) Workday(d court.Date) bool {
	if k, ok := c.days[d]; ok {
		return k == Work
	}
	w := time.Weekday((int(d) + 6) % 7)
	return w != time.Saturday && w != time.Sunday
}

// NextWorkday returns d when it is a working day, else the first working day after it.
func (c *Calendar) NextWorkday(d court.Date) court.Date {
	for i := 0; i < 60 && !c.Workday(d); i++ {
		d++
	}
	return d
}

// AddWorkdays returns the n-th working day after d (n >= 0): a request
// received on d is due n working days later; received on a day off it
// counts from the next working day.
func (c *Calendar) AddWorkdays(d court.Date, n int) court.Date {
	d = c.NextWorkday(d)
	for n > 0 {
		d++
		if c.Workday(d) {
			n--
		}
	}
	return d
}

// WorkdaysAfter counts the working days in (from, to]: 0 when to <= from.
func (c *Calendar) WorkdaysAfter(from, to court.Date) int {
	n := 0
	for d := from + 1; d <= to; d++ {
		if c.Workday(d) {
			n++
		}
	}
	return n
}

// StateCouncilDays is the 国务院办公厅 holiday schedule (部分节假日安排) for
// 2024, 2025 and 2026: every public holiday on a weekday or weekend and
// every adjusted working weekend (调休上班). Courts load it as the start of
// their own calendar and edit it when the next year's schedule is published.
func StateCouncilDays() []Day {
	var out []Day
	off := func(name string, y, m, d0, d1 int) {
		for d := d0; d <= d1; d++ {
			out = append(out, Day{court.DateOf(y, time.Month(m), d), Off, name})
		}
	}
	work := func(name string, y, m, d int) {
		out = append(out, Day{court.DateOf(y, time.Month(m), d), Work, name + "调休上班"})
	}
	// 国办发明电〔2023〕7号: 2024
	off("元旦", 2024, 1, 1, 1)
	off("春节", 2024, 2, 10, 17)
	work("春节", 2024, 2, 4)
	work("春节", 2024, 2, 18)
	off("清明节", 2024, 4, 4, 6)
	work("清明节", 2024, 4, 7)
	off("劳动节", 2024, 5, 1, 5)
	work("劳动节", 2024, 4, 28)
	work("劳动节", 2024, 5, 11)
	off("端午节", 2024, 6, 10, 10)
	off("中秋节", 2024, 9, 15, 17)
	work("中秋节", 2024, 9, 14)
	off("国庆节", 2024, 10, 1, 7)
	work("国庆节", 2024, 9, 29)
	work("国庆节", 2024, 10, 12)
	// 国办发明电〔2024〕12号: 2025
	off("元旦", 2025, 1, 1, 1)
	off("春节", 2025, 1, 28, 31)
	off("春节", 2025, 2, 1, 4)
	work("春节", 2025, 1, 26)
	work("春节", 2025, 2, 8)
	off("清明节", 2025, 4, 4, 6)
	off("劳动节", 2025, 5, 1, 5)
	work("劳动节", 2025, 4, 27)
	off("端午节", 2025, 5, 31, 31)
	off("端午节", 2025, 6, 1, 2)
	off("国庆节、中秋节", 2025, 10, 1, 8)
	work("国庆节", 2025, 9, 28)
	work("国庆节", 2025, 10, 11)
	// 2026: 国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日，新华社全文），逐日核对
	off("元旦", 2026, 1, 1, 3)
	work("元旦", 2026, 1, 4)
	off("春节", 2026, 2, 15, 23)
	work("春节", 2026, 2, 14)
	work("春节", 2026, 2, 28)
	off("清明节", 2026, 4, 4, 6)
	off("劳动节", 2026, 5, 1, 5)
	work("劳动节", 2026, 5, 9)
	off("端午节", 2026, 6, 19, 21)
	off("中秋节", 2026, 9, 25, 27)
	off("国庆节", 2026, 10, 1, 7)
	work("国庆节", 2026, 9, 20)
	work("国庆节", 2026, 10, 10)
	sort.Slice(out, func(i, j int) bool { return out[i].Day < out[j].Day })
	return out
}
