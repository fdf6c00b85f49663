package demo

import (
	"math"
	"time"

	"github.com/zhixiao/zhixiao/internal/court"
)

// unixDay is the Date of 1970-01-01.
const unixDay = 25569

// civil returns the year, month and day of d (the days-to-civil algorithm
// of H. Hinnant), without going through time.Time: it runs for every case.
func civil(d court.Date) (year, month, day int) {
	z := int(d) - unixDay + 719468
	era := z / 146097
	if z < 0 {
		era = (z - 146096) / 146097
	}
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	day = doy - (153*mp+2)/5 + 1
	month = mp + 3
	if mp >= 10 {
		month = mp - 9
	}
	year = yoe + era*400
	if month <= 2 {
		year++
	}
	return year, month, day
}

// dateOf returns the Date of year-month-day.
func dateOf(year, month, day int) court.Date { return court.DateOf(year, time.Month(month), day) }

// weekday returns the day of the week of d, Sunday = 0.
func weekday(d court.Date) time.Weekday { return time.Weekday((int(d) + 6) % 7) }

// springFestival lists 春节 (正月初一) by year; the courts close for the week around it.
var springFestival = map[int][2]int{
	2018: {2, 16}, 2019: {2, 5}, 2020: {1, 25}, 2021: {2, 12}, 2022: {2, 1}, 2023: {1, 22},
	2024: {2, 10}, 2025: {1, 29}, 2026: {2, 17}, 2027: {2, 6}, 2028: {1, 26}, 2029: {2, 13},
	2030: {2, 3}, 2031: {1, 23}, 2032: {2, 11}, 2033: {1, 31}, 2034: {2, 19}, 2035: {2, 8},
}

// festival returns the Date of 春节 in year (5 February when the table has no entry).
func festival(year int) court.Date {
	md, ok := springFestival[year]
	if !ok {
		md = [2]int{2, 5}
	}
	return dateOf(year, md[0], md[1])
}

// holiday reports whether d is a public holiday: 元旦, the 春节 week, the
// 劳动节 and 国庆 weeks.
func holiday(d court.Date) bool {
	y, m, day := civil(d)
	switch {
	case m == 1 && day == 1, m == 5 && day <= 5, m == 10 && day <= 7:
		return true
	case m <= 2:
		f := festival(y)
		return d >= f-1 && d <= f+6
	}
	return false
}

// workday reports whether the courts work on d.
func workday(d court.Date) bool {
	w := weekday(d)
	return w != time.Saturday && w != time.Sunday && !holiday(d)
}

// nextWorkday returns d or the first working day after it.
func nextWorkday(d court.Date) court.Date {
	for !workday(d) {
		d++
	}
	return d
}

// closingDay moves a closing date off weekends and holidays: a Saturday
// becomes the Friday before, anything else the next working day.
func closingDay(d court.Date) court.Date {
	if weekday(d) == time.Saturday && workday(d-1) {
		return d - 1
	}
	return nextWorkday(d)
}

// monthWeight is the filing intensity by month: the dip of 元旦 and 春节,
// the spring pick-up, the 国庆 week.
var monthWeight = [13]float64{0, 0.86, 0.78, 1.10, 1.04, 1.00, 1.05, 1.00, 0.95, 1.05, 0.92, 1.10, 0.98}

// filingWeight is the relative number of cases filed on d: small on days
// off (online filings), lower at the end of December (收案控制, a sign of
// gaming the product shows) and in the week after 春节.
func filingWeight(d court.Date) float64 {
	if !workday(d) {
		return 0.04
	}
	y, m, day := civil(d)
	w := monthWeight[m]
	if m == 12 && day > 20 {
		w *= 0.65
	}
	if f := festival(y); d > f+6 && d <= f+13 {
		w *= 0.8
	}
	return w
}

// growth is the yearly growth of the caseload (案件数量逐年上升).
const growth = 0.05

// growthFactor is the caseload on d relative to the start of the window.
func growthFactor(d, start court.Date) float64 {
	return math.Exp(math.Log1p(growth) * float64(d-start) / 365.25)
}

// addYears returns d moved by n years (29 February becomes 28 February).
func addYears(d court.Date, n int) court.Date {
	y, m, day := civil(d)
	if m == 2 && day == 29 {
		day = 28
	}
	return dateOf(y+n, m, day)
}
