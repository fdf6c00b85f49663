package court

import (
	"fmt"
	"time"
)

// Date is a calendar day counted from 1899-12-30, the epoch of spreadsheet
// date serials, so that an XLSX date cell and a Date are the same number.
// The zero Date means "no date" (an empty 结案日期, say).
type Date int32

// NoDate is the absent date.
const NoDate Date = 0

var epoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)

// unixEpochSerial is the Date of 1970-01-01.
const unixEpochSerial = 25569

// DateOf returns the Date of a calendar day; it does not check the day.
func DateOf(year int, month time.Month, day int) Date {
	t := time.Date(year, month, day, 0, 0, 0, 0, time.UTC)
	return Date(t.Unix()/86400 + unixEpochSerial)
}

// ValidDate returns the Date of year-month-day, or false when that day does
// not exist (2025-02-30) or lies outside 1900..2199.
func ValidDate(year, month, day int) (Date, bool) {
	if year < 1900 || year > 2199 || month < 1 || month > 12 || day < 1 || day > 31 {
		return NoDate, false
	}
	t := time.Date(year, time.Month(month), day, 0, 0, 0, 0, time.UTC)
	if t.Day() != day || int(t.Month()) != month {
		return NoDate, false
	}
	return DateOf(year, time.Month(month), day), true
}

// Time returns the day as a UTC midnight.
func (d Date) Time() time.Time { return epoch.AddDate(0, 0, int(d)) }

// IsZero reports whether d is the absent date.
func (d Date) IsZero() bool { return d == NoDate }

// String formats d as 2006-01-02, or "" for the absent date.
func (d Date) String() string {
	if d == NoDate {
		return ""
	}
	return d.Time().Format("2006-01-02")
}

// ParseISODate reads a 2006-01-02 date, the form used on command lines and URLs.
func ParseISODate(s string) (Date, error) {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return NoDate, Errorf(Invalid, "日期 %q 无法识别，应为 YYYY-MM-DD 格式", s)
	}
	return DateOf(t.Year(), t.Month(), t.Day()), nil
}

// Period is the closed interval [From, To] of days that an indicator query covers.
type Period struct {
	From, To Date
}

// NewPeriod checks that from <= to.
func NewPeriod(from, to Date) (Period, error) {
	if from.IsZero() || to.IsZero() {
		return Period{}, Errorf(Invalid, "统计期间的起止日期不能为空")
	}
	if to < from {
		return Period{}, Errorf(Invalid, "统计期间的结束日期 %s 早于开始日期 %s", to, from)
	}
	return Period{From: from, To: to}, nil
}

// ParsePeriod reads a period given as two 2006-01-02 dates, as the command
// line (--from, --to) and the web app's custom period give it.
func ParsePeriod(from, to string) (Period, error) {
	f, err := ParseISODate(from)
	if err != nil {
		return Period{}, err
	}
	t, err := ParseISODate(to)
	if err != nil {
		return Period{}, err
	}
	return NewPeriod(f, t)
}

// Days is days(P) = T1 - T0 + 1.
func (p Period) Days() int { return int(p.To-p.From) + 1 }

// Contains reports whether d lies in the period.
func (p Period) Contains(d Date) bool { return d != NoDate && d >= p.From && d <= p.To }

// String formats the period as "2025-01-01至2025-06-30".
func (p Period) String() string { return fmt.Sprintf("%s至%s", p.From, p.To) }

// YearBefore returns the same period one year earlier (同比), with 2月29日 mapped to 2月28日.
func (p Period) YearBefore() Period {
	return Period{From: shiftYear(p.From, -1), To: shiftYear(p.To, -1)}
}

func shiftYear(d Date, years int) Date {
	t := d.Time()
	day := t.Day()
	if t.Month() == time.February && day == 29 {
		day = 28
	}
	return DateOf(t.Year()+years, t.Month(), day)
}
