package supervision

import (
	"strings"
	"testing"

	"github.com/zhixiao/zhixiao/internal/court"
)

func d(t *testing.T, s string) court.Date {
	t.Helper()
	v, err := court.ParseISODate(s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// TestSupervisionWarningAcrossLimit walks a 民事一审 case (180 days, filed
// 2025-01-01) through its life with a fake clock, then extends and suspends it.
func TestSupervisionWarningAcrossLimit(t *testing.T) {
	r := DefaultRules()
	filed := d(t, "2025-01-01")
	base := CaseFacts{CaseNo: "（2025）示01民初1号", Kind: court.KindCivil, FiledOn: filed, LimitDays: 180}
	ext := base
	ext.Extended = 180 // 延长六个月
	susp := base
	susp.Susp = 60 // 鉴定 60 天
	tests := []struct {
		name   string
		c      CaseFacts
		day    int // days after filing
		colour Colour
		reason string
	}{
		{"fresh", base, 10, ColourNone, ""},
		{"just before 2/3", base, 119, ColourNone, ""},
		{"2/3 used", base, 120, ColourBlue, "三分之二"},
		{"31 days left", base, 149, ColourBlue, ""},
		{"30 days left", base, 150, ColourYellow, "不足30天"},
		{"6 days left", base, 174, ColourYellow, ""},
		{"5 days left", base, 175, ColourRed, "不足5天"},
		{"last day", base, 180, ColourRed, "不足5天"},
		{"passed", base, 181, ColourRed, "已超审限"},
		{"extended: day 181 has no warning", ext, 181, ColourNone, ""},
		{"extended: 2/3 of 360", ext, 240, ColourBlue, ""},
		{"extended: 5 left of 360", ext, 355, ColourRed, "不足5天"},
		{"suspended: 181 days is 121 used", susp, 181, ColourBlue, ""},
		{"suspended: 30 left", susp, 210, ColourYellow, ""},
		{"suspended: passed", susp, 241, ColourRed, "已超审限"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := r.Evaluate(&tt.c, filed+court.Date(tt.day))
			if w.Colour != tt.colour || !strings.Contains(w.Reasons, tt.reason) {
				t.Errorf("day %d: %s %q, want %s with %q", tt.day, w.Colour, w.Reasons, tt.colour, tt.reason)
			}
		})
	}
}

// TestSupervisionWarningKinds: 刑事 turns yellow at 15 days left, not 30;
// long pending and unpaid funds are red without a limit.
func TestSupervisionWarningKinds(t *testing.T) {
	r := DefaultRules()
	filed := d(t, "2025-01-01")
	crim := CaseFacts{Kind: court.KindCriminal, FiledOn: filed, LimitDays: 60}
	noLimit := CaseFacts{Kind: court.KindEnforcement, FiledOn: filed}
	fund := noLimit
	fund.OldestUnpaidFund = d(t, "2025-03-01")
	tests := []struct {
		name   string
		c      CaseFacts
		day    string
		colour Colour
	}{
		{"criminal 20 left is blue", crim, "2025-02-10", ColourBlue},
		{"criminal 15 left is yellow", crim, "2025-02-15", ColourYellow},
		{"no limit, 11 months", noLimit, "2025-12-31", ColourNone},
		{"no limit, exactly 12 months", noLimit, "2026-01-01", ColourNone},
		{"no limit, over 12 months", noLimit, "2026-01-02", ColourRed},
		{"fund waited 30 days", fund, "2025-03-31", ColourNone},
		{"fund waited 31 days", fund, "2025-04-01", ColourRed},
	}
	for _, tt := range tests {
		w := r.Evaluate(&tt.c, d(t, tt.day))
		if w.Colour != tt.colour {
			t.Errorf("%s: %s (%s), want %s", tt.name, w.Colour, w.Reasons, tt.colour)
		}
	}
}

func TestSupervisionRulesAsData(t *testing.T) {
	def := DefaultRules()
	back, err := ParseRules([]byte(def.JSON()))
	if err != nil {
		t.Fatalf("default rules do not read back: %v", err)
	}
	if len(back.Rules) != len(def.Rules) || back.Rules[1].Colour != ColourYellow || *back.Rules[0].AtLeast != 2.0/3 {
		t.Errorf("round trip changed the rules: %s", back.JSON())
	}
	// A court that wants yellow at 45 days for 民事 edits the data.
	custom, err := ParseRules([]byte(`{"item_due_days": 10, "rules": [{"colour": "黄", "test": "days_left", "kinds": ["民事"], "at_least": 0, "at_most": 45, "reason": "剩45天"}]}`))
	if err != nil {
		t.Fatal(err)
	}
	c := CaseFacts{Kind: court.KindCivil, FiledOn: d(t, "2025-01-01"), LimitDays: 180}
	if w := custom.Evaluate(&c, d(t, "2025-01-01")+140); w.Colour != ColourYellow {
		t.Errorf("custom rule: %s, want 黄", w.Colour)
	}
	bad := []struct{ json, want string }{
		{`{"item_due_days": 10, "rules": [{"colour": "紫", "test": "days_left", "at_most": 1, "reason": "x"}]}`, "预警等级“紫”"},
		{`{"item_due_days": 10, "rules": [{"colour": "红", "test": "age", "at_most": 1, "reason": "x"}]}`, "第 1 条预警规则：未知的判断项“age”"},
		{`{"item_due_days": 10, "rules": [{"colour": "红", "test": "days_left", "reason": "x"}]}`, "至少填写一个"},
		{`{"item_due_days": 10, "rules": [{"colour": "红", "test": "days_left", "kinds": ["民法"], "at_most": 1, "reason": "x"}]}`, "未知的案件类别“民法”"},
		{`{"item_due_days": 0, "rules": [{"colour": "红", "test": "days_left", "at_most": 1, "reason": "x"}]}`, "item_due_days"},
		{`{"rules": [], "extra": 1}`, "不是有效的 JSON"},
	}
	for _, b := range bad {
		_, err := ParseRules([]byte(b.json))
		if err == nil || !strings.Contains(err.Error(), b.want) {
			t.Errorf("%s: error %v, want %q", b.json, err, b.want)
		}
	}
}

func TestSupervisionTimeLimit(t *testing.T) {
	filed := d(t, "2025-01-01")
	l := TimeLimit(filed, court.NoDate, 90, 30, 10, filed+100)
	if l.Used != 90 || l.Allowed != 120 || l.Left != 30 || l.Deadline != filed+130 {
		t.Errorf("pending: %+v", l)
	}
	l = TimeLimit(filed, filed+50, 90, 0, 0, filed+300)
	if l.Used != 50 || l.Left != 40 {
		t.Errorf("closed: %+v", l)
	}
	if l := TimeLimit(filed, court.NoDate, 0, 0, 0, filed+5); l.Allowed != 0 || l.Deadline != court.NoDate {
		t.Errorf("no limit: %+v", l)
	}
}
