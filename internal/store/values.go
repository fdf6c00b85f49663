package store

import (
	"fmt"
	"strconv"
	"time"

	"github.com/zhixiao/zhixiao/internal/court"
)

// Conversions between court values and what the two drivers take and give.
// Dates are 'YYYY-MM-DD' text in SQLite and DATE in PostgreSQL, where they
// are read as day numbers (col - DATE '1899-12-30', the court.Date epoch).
// Absent values (NoDate, NoMoney, "", Unknown) are NULL.

// unixToSerial is the court.Date of 1970-01-01.
const unixToSerial = 25569

// daysFromCivil returns the days from 1970-01-01 to y-m-d (proleptic
// Gregorian), after Howard Hinnant's algorithm.
func daysFromCivil(y, m, d int) int {
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era = (y - 399) / 400
	}
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

// civilFromDays is the inverse of daysFromCivil.
func civilFromDays(z int) (y, m, d int) {
	z += 719468
	era := z / 146097
	if z < 0 && z%146097 != 0 {
		era = (z - 146096) / 146097
	}
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y = yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d = doy - (153*mp+2)/5 + 1
	m = mp + 3
	if m > 12 {
		m -= 12
	}
	if m <= 2 {
		y++
	}
	return y, m, d
}

// dateText formats d as YYYY-MM-DD, "" for NoDate.
func dateText(d court.Date) string {
	if d == court.NoDate {
		return ""
	}
	y, m, day := civilFromDays(int(d) - unixToSerial)
	if y < 0 || y > 9999 {
		return d.String()
	}
	var b [10]byte
	b[0], b[1], b[2], b[3] = byte('0'+y/1000), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10)
	b[4], b[7] = '-', '-'
	b[5], b[6] = byte('0'+m/10), byte('0'+m%10)
	b[8], b[9] = byte('0'+day/10), byte('0'+day%10)
	return string(b[:])
}

// parseDateText reads YYYY-MM-DD (or a longer text that starts with it, as a
// timestamp) into a court.Date.
func parseDateText[T string | []byte](s T) (court.Date, error) {
	if len(s) < 10 || s[4] != '-' || s[7] != '-' {
		return 0, fmt.Errorf("date %q: want YYYY-MM-DD", s)
	}
	n := func(i, j int) int {
		v := 0
		for ; i < j; i++ {
			c := s[i]
			if c < '0' || c > '9' {
				return -1
			}
			v = v*10 + int(c-'0')
		}
		return v
	}
	y, m, d := n(0, 4), n(5, 7), n(8, 10)
	if y < 0 || m < 1 || m > 12 || d < 1 || d > 31 {
		return 0, fmt.Errorf("date %q: want YYYY-MM-DD", s)
	}
	return court.Date(daysFromCivil(y, m, d) + unixToSerial), nil
}

// dateArg is the statement argument of d in the database's dialect.
func (db *DB) dateArg(d court.Date) any {
	if d == court.NoDate {
		return nil
	}
	if db.pg() {
		return d.Time()
	}
	return dateText(d)
}

// dateCol is the select expression that reads the date column col: the text
// in SQLite, the day number in PostgreSQL.
func (db *DB) dateCol(col string) string {
	if db.pg() {
		return "(" + col + " - DATE '1899-12-30')"
	}
	return col
}

// dateOf reads a value of a dateCol expression.
func dateOf(v any) (court.Date, error) {
	switch x := v.(type) {
	case nil:
		return court.NoDate, nil
	case int64:
		return court.Date(x), nil
	case string:
		return parseDateText(x)
	case []byte:
		return parseDateText(x)
	case time.Time:
		return court.DateOf(x.Year(), x.Month(), x.Day()), nil
	}
	return 0, fmt.Errorf("date: unexpected %T", v)
}

// intOf reads an integer value; NULL is def.
func intOf(v any, def int64) (int64, error) {
	switch x := v.(type) {
	case nil:
		return def, nil
	case int64:
		return x, nil
	case int32:
		return int64(x), nil
	case float64:
		return int64(x), nil
	case bool:
		if x {
			return 1, nil
		}
		return 0, nil
	case string:
		return strconv.ParseInt(x, 10, 64)
	case []byte:
		return strconv.ParseInt(string(x), 10, 64)
	}
	return 0, fmt.Errorf("integer: unexpected %T", v)
}

// textOf reads a text value; NULL is "".
func textOf(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case []byte:
		return string(x)
	case nil:
		return ""
	}
	return fmt.Sprint(v)
}

// triOf reads a nullable boolean as a Tri.
func triOf(v any) (court.Tri, error) {
	if v == nil {
		return court.Unknown, nil
	}
	n, err := intOf(v, 0)
	if err != nil {
		return court.Unknown, err
	}
	if n != 0 {
		return court.Yes, nil
	}
	return court.No, nil
}

// moneyOf reads a nullable amount in 分.
func moneyOf(v any) (court.Money, error) {
	n, err := intOf(v, int64(court.NoMoney))
	return court.Money(n), err
}

// nullText is s, or NULL when empty.
func nullText(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// nullMoney is m, or NULL when absent.
func nullMoney(m court.Money) any {
	if m < 0 {
		return nil
	}
	return int64(m)
}

// nullTri is t as a boolean, or NULL when unknown.
func nullTri(t court.Tri) any {
	switch t {
	case court.Yes:
		return true
	case court.No:
		return false
	}
	return nil
}

// nullPositive is n, or NULL when zero (审限 0 = 不计审限).
func nullPositive(n int) any {
	if n == 0 {
		return nil
	}
	return int64(n)
}

// nullID is id, or NULL when zero.
func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}
