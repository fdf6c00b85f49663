package petitions

import "github.com/zhixiao/zhixiao/internal/workdays"

// The holiday calendar is the product's shared one (internal/workdays):
// these names keep the petitions module's vocabulary.
type (
	// DayKind says how a calendar entry changes a day: 休 or 班.
	DayKind = workdays.Kind
	// CalendarDay is one entry of the holiday calendar.
	CalendarDay = workdays.Day
	// Calendar tells working days from days off.
	Calendar = workdays.Calendar
)

// The day kinds.
const (
	DayOff  = workdays.Off  // a public holiday: no work even on a weekday
	DayWork = workdays.Work // an adjusted working day (调休): work even on a weekend
)

// NewCalendar builds a calendar from its entries; a later entry for the
// same day wins.
func NewCalendar(days []CalendarDay) *Calendar { return workdays.New(days) }

// StateCouncilDays is the 国务院办公厅 holiday schedule for 2024–2026
// (workdays.StateCouncilDays).
func StateCouncilDays() []CalendarDay { return workdays.StateCouncilDays() }
