package ingest

import (
	"strings"
	"testing"

	"github.com/zhixiao/zhixiao/internal/court"
)

func date(y, m, d int) court.Date {
	v, ok := court.ValidDate(y, m, d)
	if !ok {
		panic("bad test date")
	}
	return v
}

func TestParseDate(t *testing.T) {
	tests := []struct {
		in     string
		serial bool
		want   court.Date
		reason string
	}{
		{"", false, court.NoDate, ""},
		{"2025-03-07", false, date(2025, 3, 7), ""},
		{"2025-3-7", false, date(2025, 3, 7), ""},
		{"2025/3/7", false, date(2025, 3, 7), ""},
		{"2025.3.7", false, date(2025, 3, 7), ""},
		{"20250307", false, date(2025, 3, 7), ""},
		{"2025年3月7日", false, date(2025, 3, 7), ""},
		{"2025年03月07日", false, date(2025, 3, 7), ""},
		{"２０２５－０３－０７", false, date(2025, 3, 7), ""},
		{"2025-03-07 10:00:00", false, date(2025, 3, 7), ""},
		{"2025-03-07 10:00", false, date(2025, 3, 7), ""},
		{"2025/3/7 9:05:00.123", false, date(2025, 3, 7), ""},
		{"2025-03-07T10:00:00Z", false, date(2025, 3, 7), ""},
		{"2024-02-29", false, date(2024, 2, 29), ""},
		{"2199-12-31", false, 109574, ""},
		{"109574", true, 109574, ""},
		{"109575", true, court.NoDate, reasonDateRange},
		{"2025-02-29", false, court.NoDate, reasonDateMissing},
		{"2025-02-30", false, court.NoDate, reasonDateMissing},
		{"2025-13-01", false, court.NoDate, reasonDateMissing},
		{"20250230", false, court.NoDate, reasonDateMissing},
		{"1899-12-31", false, court.NoDate, reasonDateRange},
		{"2025-03-07 25:00", false, court.NoDate, reasonTimeFormat},
		{"2025-03-07 上午", false, court.NoDate, reasonTimeFormat},
		{"2025-03/07", false, court.NoDate, reasonDateFormat},
		{"25-3-7", false, court.NoDate, reasonDateFormat},
		{"3/7/2025", false, court.NoDate, reasonDateFormat},
		{"2025年3月7", false, court.NoDate, reasonDateFormat},
		{"45723", false, court.NoDate, reasonDateFormat},
		{"45723", true, date(2025, 3, 7), ""},
		{"45723.75", true, date(2025, 3, 7), ""},
		{"20250307", true, date(2025, 3, 7), ""},
		{"12", true, court.NoDate, reasonDateRange},
		{"2025-03-07", true, date(2025, 3, 7), ""},
	}
	for _, tt := range tests {
		got, reason := parseDate(tt.in, tt.serial)
		if got != tt.want || reason != tt.reason {
			t.Errorf("parseDate(%q, %v) = %v, %q; want %v, %q", tt.in, tt.serial, got, reason, tt.want, tt.reason)
		}
	}
}

func TestParseAmount(t *testing.T) {
	tests := []struct {
		in     string
		float  bool
		want   court.Money
		reason string
	}{
		{"", false, court.NoMoney, ""},
		{"0", false, 0, ""},
		{"12345", false, 1234500, ""},
		{"12345.6", false, 1234560, ""},
		{"12345.67", false, 1234567, ""},
		{"12345.670", false, 1234567, ""},
		{".5", false, 50, ""},
		{"12,345.67", false, 1234567, ""},
		{"12,345.67元", false, 1234567, ""},
		{"￥12,345", false, 1234500, ""},
		{"¥ 12345.00", false, 1234500, ""},
		{"１２３４５元", false, 1234500, ""},
		{"12345.678", false, court.NoMoney, reasonAmountScale},
		{"-1", false, court.NoMoney, reasonAmountNeg},
		{"-1,000.00元", false, court.NoMoney, reasonAmountNeg},
		{"abc", false, court.NoMoney, reasonAmountFormat},
		{"12,", false, court.NoMoney, reasonAmountFormat},
		{",12", false, court.NoMoney, reasonAmountFormat},
		{"1.2.3", false, court.NoMoney, reasonAmountFormat},
		{".", false, court.NoMoney, reasonAmountFormat},
		{"1e5", false, court.NoMoney, reasonAmountFormat},
		{"1234567890123456", false, court.NoMoney, reasonAmountLarge},
		{"0.30000000000000004", true, 30, ""},
		{"1.5E+7", true, 1500000000, ""},
		{"12.345", true, court.NoMoney, reasonAmountScale},
		{"-0.5", true, court.NoMoney, reasonAmountNeg},
	}
	for _, tt := range tests {
		got, reason := parseAmount(tt.in, tt.float)
		if got != tt.want || reason != tt.reason {
			t.Errorf("parseAmount(%q, %v) = %v, %q; want %v, %q", tt.in, tt.float, got, reason, tt.want, tt.reason)
		}
	}
}

func TestParseCount(t *testing.T) {
	tests := []struct {
		in     string
		want   int
		reason string
	}{
		{"", 7, ""},
		{"0", 0, ""},
		{"180", 180, ""},
		{"180天", 180, ""},
		{"3次", 3, ""},
		{"90.0", 90, ""},
		{"-0", 0, ""},
		{"-3", 0, reasonIntNeg},
		{"1.5", 0, reasonIntFormat},
		{"abc", 0, reasonIntFormat},
		{"99999999", 0, reasonIntLarge},
	}
	for _, tt := range tests {
		got, reason := parseCount(tt.in, 7)
		if got != tt.want || reason != tt.reason {
			t.Errorf("parseCount(%q) = %d, %q; want %d, %q", tt.in, got, reason, tt.want, tt.reason)
		}
	}
}

func TestParseTri(t *testing.T) {
	for in, want := range map[string]court.Tri{"": court.Unknown, "是": court.Yes, "Y": court.Yes, "1": court.Yes, "否": court.No, "n": court.No, "0": court.No} {
		if got, reason := parseTri(in); got != want || reason != "" {
			t.Errorf("parseTri(%q) = %v, %q; want %v", in, got, reason, want)
		}
	}
	if _, reason := parseTri("也许"); reason != reasonTri {
		t.Errorf("parseTri(也许) reason = %q", reason)
	}
}

func TestHeaderSpellings(t *testing.T) {
	tests := []struct {
		header string
		table  Table
		want   int
	}{
		{"案号", Cases, cCaseNo},
		{" 案　号 ", Cases, cCaseNo},
		{"*案号", Cases, cCaseNo},
		{"Case_No", Cases, cCaseNo},
		{"case no", Cases, cCaseNo},
		{"承办法官", Cases, cJudge},
		{"收案日期", Cases, cFiledOn},
		{"审判长/合议庭", Cases, cPanel},
		{"诉讼标的额（元）", Cases, cClaimAmount},
		{"诉讼标的额(元)", Cases, cClaimAmount},
		{"审限天数（天）", Cases, cLimitDays},
		{"人员类别", People, pCategory},
		{"到账金额（元）", Funds, fAmount},
		{"是否司法确认", Mediations, mConfirmed},
	}
	for _, tt := range tests {
		got, ok := tt.table.schema().index[normHeader(tt.header)]
		if !ok || got != tt.want {
			t.Errorf("header %q of %s = %d, %v; want %d", tt.header, tt.table, got, ok, tt.want)
		}
	}
	if _, ok := caseSchema.index[normHeader("诉讼标的额（万元）")]; ok {
		t.Error("诉讼标的额（万元） accepted: amounts would be off by 10000")
	}
}

func TestSplitPanel(t *testing.T) {
	got := splitPanel(" 李四；王五、张三,, 赵六，李四;", "张三")
	if strings.Join(got, "|") != "李四|王五|赵六" {
		t.Errorf("splitPanel = %q", got)
	}
	if got := splitPanel("张三", "张三"); got != nil {
		t.Errorf("splitPanel of the judge alone = %q, want nil", got)
	}
}

func TestParseTable(t *testing.T) {
	for in, want := range map[string]Table{"cases": Cases, "People": People, "funds": Funds, "mediations": Mediations, "案件": Cases} {
		if got, err := ParseTable(in); err != nil || got != want {
			t.Errorf("ParseTable(%q) = %v, %v", in, got, err)
		}
	}
	if _, err := ParseTable("judges"); court.KindOf(err) != court.Invalid {
		t.Errorf("ParseTable(judges) error = %v, want Invalid", err)
	}
}

func TestDisplayValue(t *testing.T) {
	long := strings.Repeat("案", 50)
	if got := displayValue(long); got != strings.Repeat("案", 40)+"…" {
		t.Errorf("displayValue(50 chars) = %q", got)
	}
	if got := displayValue("a\r\nb\tc"); got != "a b c" {
		t.Errorf("displayValue = %q", got)
	}
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2025-03-07", "2025/3/7", "2025.3.7", "20250307", "2025年3月7日", "2025-03-07 10:00:00", "2025-02-30", "45723.5", "", "２０２５－３－７", "2025-03-07T10:00:00Z", "2199-12-31", "109574"} {
		f.Add(s, false)
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, s string, serial bool) {
		d, reason := parseDate(s, serial)
		if reason != "" {
			if d != court.NoDate {
				t.Fatalf("parseDate(%q) = %v with reason %q", s, d, reason)
			}
			return
		}
		if d == court.NoDate {
			if s != "" {
				t.Fatalf("parseDate(%q) gave no date and no reason", s)
			}
			return
		}
		if d < firstSerial || d > lastSerial {
			t.Fatalf("parseDate(%q) = %d, out of range", s, d)
		}
		if again, reason := parseDate(d.String(), false); again != d || reason != "" {
			t.Fatalf("parseDate(%q) = %v, which reads back as %v, %q", s, d, again, reason)
		}
	})
}

func FuzzParseAmount(f *testing.F) {
	for _, s := range []string{"0", "12345.67", "12,345.67元", "￥1,234", "-5", "abc", "12.345", "1e5", "0.30000000000000004", "", "9999999999999999"} {
		f.Add(s, false)
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, s string, float bool) {
		m, reason := parseAmount(s, float)
		if reason != "" || m == court.NoMoney {
			if m != court.NoMoney {
				t.Fatalf("parseAmount(%q) = %d with reason %q", s, m, reason)
			}
			return
		}
		if m < 0 {
			t.Fatalf("parseAmount(%q) = %d, negative", s, m)
		}
		if again, reason := parseAmount(formatMoney(m), false); again != m || reason != "" {
			t.Fatalf("parseAmount(%q) = %d, formatted %q reads back as %d, %q", s, m, formatMoney(m), again, reason)
		}
	})
}

// TestValidDate checks the arithmetic date for every day from 1899 to 2200:
// validity as court.ValidDate says, the day as Date.Time says.
// (court.ValidDate's numbers themselves are wrong after 2192-04-09, where
// DateOf's time.Duration overflows.)
func TestValidDate(t *testing.T) {
	for y := 1899; y <= 2200; y++ {
		for m := 0; m <= 13; m++ {
			for d := 0; d <= 32; d++ {
				_, wantOK := court.ValidDate(y, m, d)
				got, ok := validDate(y, m, d)
				if ok != wantOK {
					t.Fatalf("validDate(%d, %d, %d) ok = %v, court.ValidDate says %v", y, m, d, ok, wantOK)
				}
				if tm := got.Time(); ok && (tm.Year() != y || int(tm.Month()) != m || tm.Day() != d) {
					t.Fatalf("validDate(%d, %d, %d) = %d, which is %s", y, m, d, got, got)
				}
			}
		}
	}
}

func TestCaseIndex(t *testing.T) {
	x := newCaseIndex()
	no := func(s string) court.CaseNo {
		n, err := court.ParseCaseNo(s)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	adds := []struct {
		no   string
		line int
		dup  int // expected first line, 0 = new
	}{
		{"（2025）京0105民初1号", 2, 0},
		{"（2025）京0105民初900000000号", 3, 0}, // far beyond the slice: the map
		{"（2025）京0105民终1号", 4, 0},
		{"（2024）京0105民初1号", 5, 0},
		{"（2025）京0105民初1号之一", 6, 0},
		{"（2025）京0106民初1号", 7, 0},
		{"(2025)京0105民初1号", 8, 2},
		{"（2025）京0105民初900000000号", 9, 3},
		{"（2025）京0105民初2000号", 10, 0},
		{"（2025）京0105民初2000号", 11, 10},
	}
	for _, a := range adds {
		first, dup := x.add(no(a.no), a.line)
		if dup != (a.dup != 0) || first != a.dup {
			t.Errorf("add(%s) at line %d = %d, %v; want first line %d", a.no, a.line, first, dup, a.dup)
		}
	}
}

func TestTrim(t *testing.T) {
	for _, s := range []string{"", " ", "张三", " 张三 ", "\u3000张三\u3000", "张三\u00a0", "a\u2003", "\t（2025）京0105民初1号\r", "…", "案…", "x", "\ufeff张"} {
		if got, want := trim(s), strings.TrimSpace(s); got != want {
			t.Errorf("trim(%q) = %q, want %q", s, got, want)
		}
	}
}
