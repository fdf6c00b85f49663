package ingest

import (
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/zhixiao/zhixiao/internal/court"
)

// The reasons a value is refused; each says what is expected.
const (
	reasonDateFormat   = "无法识别的日期，应为 2025-03-07、2025/3/7、2025.3.7、20250307 或 2025年3月7日 等格式"
	reasonDateMissing  = "日期不存在"
	reasonDateRange    = "日期超出范围，年份应在 1900 至 2199 之间"
	reasonTimeFormat   = "日期后的时间部分无法识别，应为 10:00 或 10:00:00"
	reasonAmountFormat = "不是有效的金额，应为数字（如 12345.67、12,345.67元、￥12345）"
	reasonAmountNeg    = "金额不能为负数"
	reasonAmountScale  = "金额最多两位小数（精确到分）"
	reasonAmountLarge  = "金额过大"
	reasonIntFormat    = "应为不小于 0 的整数"
	reasonIntNeg       = "不能为负数，应为不小于 0 的整数"
	reasonIntLarge     = "数值过大，应不超过 1000000"
	reasonTri          = "应为“是”或“否”（也可写 Y/N、1/0）"
)

// maxInt is the largest count or number of days accepted in an integer column.
const maxInt = 1_000_000

// maxYuanDigits bounds the integer part of an amount: 10¹⁵ yuan is more than
// any case and far from overflowing Money.
const maxYuanDigits = 15

// ParseDate reads a date as exports write it: 2025-03-07, 2025/3/7, 2025.3.7,
// 20250307 or 2025年3月7日, optionally followed by a time of day that is
// dropped. An empty string is NoDate. Errors are court.Invalid with a
// Chinese message.
func ParseDate(s string) (court.Date, error) {
	d, reason := parseDate(strings.TrimSpace(s), false)
	if reason != "" {
		return court.NoDate, court.Errorf(court.Invalid, "日期“%s”：%s", s, reason)
	}
	return d, nil
}

// ParseAmount reads an amount in yuan, with optional thousands separators, a
// 元 suffix and a ￥ prefix, into 分. An empty string is court.NoMoney.
func ParseAmount(s string) (court.Money, error) {
	m, reason := parseAmount(strings.TrimSpace(s), false)
	if reason != "" {
		return court.NoMoney, court.Errorf(court.Invalid, "金额“%s”：%s", s, reason)
	}
	return m, nil
}

// parseDate reads a trimmed date; reason is "" on success. In a workbook
// (serial true) a plain number is a spreadsheet date serial, whose fraction
// (the time of day) is dropped.
func parseDate(s string, serial bool) (court.Date, string) {
	if s == "" {
		return court.NoDate, ""
	}
	if hasNonASCII(s) {
		s = foldWidth(s)
	}
	if serial && isSerial(s) {
		return parseSerial(s)
	}
	if y, m, d, ok := isoDate(s); ok {
		return checkDate(y, m, d)
	}
	datePart, timePart := splitDateTime(s)
	if timePart != "" && !validTime(timePart) {
		return court.NoDate, reasonTimeFormat
	}
	y, m, d, ok := splitDate(datePart)
	if !ok {
		return court.NoDate, reasonDateFormat
	}
	return checkDate(y, m, d)
}

// isoDate is the fast path for the commonest form, 2025-03-07 (or / or .).
func isoDate(s string) (y, m, d int, ok bool) {
	if len(s) != 10 || s[4] != s[7] || s[4] != '-' && s[4] != '/' && s[4] != '.' {
		return 0, 0, 0, false
	}
	if !allDigits(s[:4]) || !allDigits(s[5:7]) || !allDigits(s[8:]) {
		return 0, 0, 0, false
	}
	y = int(s[0]-'0')*1000 + int(s[1]-'0')*100 + int(s[2]-'0')*10 + int(s[3]-'0')
	return y, int(s[5]-'0')*10 + int(s[6]-'0'), int(s[8]-'0')*10 + int(s[9]-'0'), true
}

// checkDate turns year, month and day into a Date, or says why it cannot.
func checkDate(y, m, d int) (court.Date, string) {
	if y < 1900 || y > 2199 {
		return court.NoDate, reasonDateRange
	}
	date, ok := validDate(y, m, d)
	if !ok {
		return court.NoDate, reasonDateMissing
	}
	return date, ""
}

// validDate is court.ValidDate by arithmetic rather than package time,
// which is faster and stays right after 2192-04-09, where court.DateOf's
// time.Duration overflows: the days since 1899-12-30 of a Gregorian date,
// after H. Hinnant's days_from_civil. A test checks it for every day.
func validDate(y, m, d int) (court.Date, bool) {
	if y < 1900 || y > 2199 || m < 1 || m > 12 || d < 1 || d > daysIn(y, m) {
		return court.NoDate, false
	}
	if m <= 2 {
		y--
	}
	era, yoe := y/400, y%400
	doy := (153*((m+9)%12)+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return court.Date(era*146097 + doe - 719468 + 25569), true
}

func daysIn(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// firstSerial and lastSerial bound the date serials accepted from a workbook:
// 1900-03-01 (before it, spreadsheets count a 1900-02-29 that never was) to 2199-12-31.
var (
	firstSerial, _ = validDate(1900, 3, 1)
	lastSerial, _  = validDate(2199, 12, 31)
)

// isSerial reports whether s is a plain non-negative decimal number short of
// eight integer digits (20250307 is a date written as digits, not a serial).
func isSerial(s string) bool {
	intPart, frac, _ := strings.Cut(s, ".")
	return len(intPart) > 0 && len(intPart) < 8 && allDigits(intPart) && allDigits(frac)
}

func parseSerial(s string) (court.Date, string) {
	intPart, _, _ := strings.Cut(s, ".")
	n, _ := strconv.Atoi(intPart)
	if court.Date(n) < firstSerial || court.Date(n) > lastSerial {
		return court.NoDate, reasonDateRange
	}
	return court.Date(n), ""
}

// splitDateTime separates "2025-03-07 10:00:00" (or ISO's "2025-03-07T10:00:00Z")
// into its date and time parts.
func splitDateTime(s string) (string, string) {
	if i := strings.IndexAny(s, " T"); i > 0 {
		return s[:i], strings.TrimSpace(s[i+1:])
	}
	return s, ""
}

// validTime accepts hh:mm, hh:mm:ss and hh:mm:ss.fff, with an optional Z.
func validTime(s string) bool {
	s = strings.TrimSuffix(s, "Z")
	s, frac, hasFrac := strings.Cut(s, ".")
	if hasFrac && (frac == "" || !allDigits(frac)) {
		return false
	}
	parts := strings.Split(s, ":")
	if len(parts) < 2 || len(parts) > 3 {
		return false
	}
	limits := [3]int{23, 59, 59}
	for i, p := range parts {
		n, ok := smallNumber(p, 1, 2)
		if !ok || n > limits[i] {
			return false
		}
	}
	return true
}

// splitDate reads year, month and day from the date forms of DATA.md.
func splitDate(s string) (y, m, d int, ok bool) {
	if len(s) == 8 && allDigits(s) {
		y, _ = strconv.Atoi(s[:4])
		m, _ = strconv.Atoi(s[4:6])
		d, _ = strconv.Atoi(s[6:])
		return y, m, d, true
	}
	if rest, found := strings.CutSuffix(s, "日"); found {
		return splitDateWith(rest, "年", "月")
	}
	for _, sep := range []string{"-", "/", "."} {
		if strings.Contains(s, sep) {
			return splitDateWith(s, sep, sep)
		}
	}
	return 0, 0, 0, false
}

// splitDateWith reads "y sep1 m sep2 d" with a four-digit year and one- or
// two-digit month and day.
func splitDateWith(s, sep1, sep2 string) (y, m, d int, ok bool) {
	ys, rest, ok1 := strings.Cut(s, sep1)
	ms, ds, ok2 := strings.Cut(rest, sep2)
	if !ok1 || !ok2 || len(ys) != 4 {
		return 0, 0, 0, false
	}
	y, okY := smallNumber(ys, 4, 4)
	m, okM := smallNumber(ms, 1, 2)
	d, okD := smallNumber(ds, 1, 2)
	return y, m, d, okY && okM && okD
}

// smallNumber reads an unsigned decimal of minLen to maxLen digits.
func smallNumber(s string, minLen, maxLen int) (int, bool) {
	if len(s) < minLen || len(s) > maxLen || !allDigits(s) {
		return 0, false
	}
	n, _ := strconv.Atoi(s)
	return n, true
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func hasNonASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return true
		}
	}
	return false
}

// foldWidth turns full-width digits and punctuation (２０２５／３／７, －, ：, ．, ，)
// into ASCII and drops full-width spaces.
func foldWidth(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\u3000':
			return -1
		case r >= '！' && r <= '～':
			return r - '！' + '!'
		}
		return r
	}, s)
}

// parseAmount reads a trimmed amount in yuan into 分; reason is "" on success.
// In a workbook (float true) a cell may hold a binary floating-point number
// such as 0.30000000000000004, which is rounded to the 分 when the excess is
// only rounding noise.
func parseAmount(s string, float bool) (court.Money, string) {
	if s == "" {
		return court.NoMoney, ""
	}
	if float && strings.ContainsAny(s, "eE.") {
		if m, reason, ok := parseFloatAmount(s); ok {
			return m, reason
		}
	}
	s, ok := stripMoneyMarks(s)
	if !ok {
		return court.NoMoney, reasonAmountFormat
	}
	if strings.HasPrefix(s, "-") {
		if _, reason := parseAmount(s[1:], false); reason == "" {
			return court.NoMoney, reasonAmountNeg
		}
		return court.NoMoney, reasonAmountFormat
	}
	return parseDecimal(strings.TrimPrefix(s, "+"))
}

// stripMoneyMarks removes a currency sign, a 元 suffix, spaces and the
// thousands separators between digits; ok is false for a separator elsewhere.
func stripMoneyMarks(s string) (string, bool) {
	if hasNonASCII(s) {
		s = strings.TrimSuffix(strings.TrimSpace(s), "元")
		s = strings.NewReplacer("￥", "", "¥", "", "\u3000", "").Replace(s)
		s = foldWidth(s)
	}
	s = strings.TrimSpace(s)
	if !strings.Contains(s, ",") {
		return s, true
	}
	for i := 0; i < len(s); i++ {
		if s[i] == ',' && (i == 0 || i == len(s)-1 || !isDigit(s[i-1]) || !isDigit(s[i+1])) {
			return "", false
		}
	}
	return s, true
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// parseDecimal reads digits (with the thousands separators that
// stripMoneyMarks has checked) and at most two decimals into 分.
func parseDecimal(s string) (court.Money, string) {
	intPart, frac, _ := strings.Cut(s, ".")
	if intPart == "" && frac == "" || !allDigits(frac) {
		return court.NoMoney, reasonAmountFormat
	}
	frac = strings.TrimRight(frac, "0")
	if len(frac) > 2 {
		return court.NoMoney, reasonAmountScale
	}
	var yuan int64
	digits := 0
	for i := 0; i < len(intPart); i++ {
		switch c := intPart[i]; {
		case c == ',':
		case !isDigit(c):
			return court.NoMoney, reasonAmountFormat
		default:
			if digits > 0 || c != '0' {
				digits++
			}
			yuan = yuan*10 + int64(c-'0')
		}
		if digits > maxYuanDigits {
			return court.NoMoney, reasonAmountLarge
		}
	}
	fen, _ := strconv.ParseInt((frac + "00")[:2], 10, 64)
	return court.Money(yuan*100 + fen), ""
}

// trim is strings.TrimSpace with a fast path for text that starts and ends
// with a visible character, as nearly every cell does.
func trim(s string) string {
	if s == "" {
		return s
	}
	if c := s[0]; c > ' ' && c < utf8.RuneSelf || c >= 0xE4 {
		if c := s[len(s)-1]; c > ' ' && c < utf8.RuneSelf {
			return s
		}
		if r, _ := utf8.DecodeLastRuneInString(s); r >= 0x4000 && !unicode.IsSpace(r) {
			return s
		}
	}
	return strings.TrimSpace(s)
}

// parseFloatAmount reads a workbook number; ok is false when s is not one.
func parseFloatAmount(s string) (court.Money, string, bool) {
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return court.NoMoney, "", false
	}
	switch {
	case f < 0:
		return court.NoMoney, reasonAmountNeg, true
	case f >= 1e15:
		return court.NoMoney, reasonAmountLarge, true
	}
	fen := math.Round(f * 100)
	if math.Abs(f*100-fen) > 1e-6*math.Max(1, fen) {
		return court.NoMoney, reasonAmountScale, true
	}
	return court.Money(fen), "", true
}

// formatMoney writes m in yuan with the decimals it needs: 1234, 1234.5, 0.05.
func formatMoney(m court.Money) string {
	s := strconv.FormatInt(int64(m)/100, 10)
	if fen := int64(m) % 100; fen != 0 {
		s += strings.TrimRight("."+strconv.FormatInt(100+fen, 10)[1:], "0")
	}
	return s
}

// parseCount reads a non-negative integer such as 审限天数 or 开庭次数, with an
// optional 天, 日 or 次 unit; empty gives def.
func parseCount(s string, def int) (int, string) {
	if s == "" {
		return def, ""
	}
	if hasNonASCII(s) {
		s = strings.TrimSpace(strings.TrimRight(foldWidth(s), "天日次"))
	}
	if intPart, frac, ok := strings.Cut(s, "."); ok && strings.Trim(frac, "0") == "" {
		s = intPart
	}
	neg := strings.HasPrefix(s, "-")
	digits := strings.TrimPrefix(strings.TrimPrefix(s, "-"), "+")
	if digits == "" || !allDigits(digits) {
		return 0, reasonIntFormat
	}
	if neg && strings.Trim(digits, "0") != "" {
		return 0, reasonIntNeg
	}
	if len(strings.TrimLeft(digits, "0")) > 7 {
		return 0, reasonIntLarge
	}
	n, _ := strconv.Atoi(digits)
	if n > maxInt {
		return 0, reasonIntLarge
	}
	return n, ""
}

// parseTri reads 是/否 and its usual spellings; empty is court.Unknown.
func parseTri(s string) (court.Tri, string) {
	switch strings.ToLower(s) {
	case "":
		return court.Unknown, ""
	case "是", "y", "yes", "1", "true", "有", "已上诉", "√":
		return court.Yes, ""
	case "否", "n", "no", "0", "false", "无", "未上诉", "×":
		return court.No, ""
	}
	return court.Unknown, reasonTri
}
