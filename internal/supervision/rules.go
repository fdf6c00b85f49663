package supervision

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"

	"github.com/zhixiao/zhixiao/internal/court"
)

// Colour is the colour of a case warning (预警等级), ordered by gravity.
type Colour uint8

// The colours. ColourNone is no warning.
const (
	ColourNone Colour = iota
	ColourBlue
	ColourYellow
	ColourRed
)

var colourNames = [...]string{"", "蓝", "黄", "红"}
var colourKeys = [...]string{"", "blue", "yellow", "red"}

// String returns the Chinese name of the colour: 蓝, 黄, 红 ("" for none).
func (c Colour) String() string { return colourNames[c] }

// Key returns the English key of the colour (blue, yellow, red), as stored and in URLs.
func (c Colour) Key() string { return colourKeys[c] }

// ParseColour reads a colour from its Chinese name or its key.
func ParseColour(s string) (Colour, bool) {
	for i := 1; i < len(colourNames); i++ {
		if s == colourNames[i] || s == colourKeys[i] || s == colourNames[i]+"色" {
			return Colour(i), true
		}
	}
	return ColourNone, false
}

// MarshalJSON writes the Chinese name.
func (c Colour) MarshalJSON() ([]byte, error) { return json.Marshal(c.String()) }

// UnmarshalJSON reads a Chinese name or key.
func (c *Colour) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	v, ok := ParseColour(s)
	if !ok {
		return court.Errorf(court.Invalid, "预警等级“%s”无效，应为 蓝、黄、红 之一", s)
	}
	*c = v
	return nil
}

// Test names the fact of a case that a Rule measures.
type Test string

// The tests a Rule may use.
const (
	TestLimitUsed     Test = "limit_used"     // fraction of the net 审限 used (needs a limit)
	TestDaysLeft      Test = "days_left"      // days of the net 审限 left, negative when passed (needs a limit)
	TestMonthsPending Test = "months_pending" // whole months pending (12 = over 12 months)
	TestFundWaitDays  Test = "fund_wait_days" // days the oldest unpaid execution-fund receipt has waited
)

// Rule is one warning rule, kept as data: when the Test's value of a pending
// case lies within [AtLeast, AtMost] (a nil bound is open) and the case's
// kind is one of Kinds (empty for any), the case gets Colour, for Reason.
type Rule struct {
	Colour  Colour   `json:"colour"`
	Test    Test     `json:"test"`
	Kinds   []string `json:"kinds,omitempty"`
	AtLeast *float64 `json:"at_least,omitempty"`
	AtMost  *float64 `json:"at_most,omitempty"`
	Reason  string   `json:"reason"`
}

// Rules are the warning rules of a court and the due days of the 督办单 a
// red warning opens.
type Rules struct {
	Rules       []Rule `json:"rules"`
	ItemDueDays int    `json:"item_due_days"` // a red warning's 督办单 is due this many days after it opens
}

func f(v float64) *float64 { return &v }

// DefaultRules are the rules of issue 7: 蓝 when 2/3 of the net time limit
// has passed; 黄 when at most 15 days (刑事, 行政) or 30 days (民事, 执行)
// remain; 红 when at most 5 days remain, the limit has passed, the case has
// been pending over 12 months, or an execution-fund receipt has waited over
// 30 days for payout (法发〔2017〕6号). A red warning's 督办单 is due in 15 days.
func DefaultRules() Rules {
	return Rules{ItemDueDays: 15, Rules: []Rule{
		{Colour: ColourBlue, Test: TestLimitUsed, AtLeast: f(2.0 / 3), AtMost: f(1), Reason: "审限已过三分之二"},
		{Colour: ColourYellow, Test: TestDaysLeft, Kinds: []string{"刑事", "行政"}, AtLeast: f(0), AtMost: f(15), Reason: "审限剩余不足15天"},
		{Colour: ColourYellow, Test: TestDaysLeft, Kinds: []string{"民事", "执行"}, AtLeast: f(0), AtMost: f(30), Reason: "审限剩余不足30天"},
		{Colour: ColourRed, Test: TestDaysLeft, AtLeast: f(0), AtMost: f(5), Reason: "审限剩余不足5天"},
		{Colour: ColourRed, Test: TestDaysLeft, AtMost: f(-1), Reason: "已超审限"},
		{Colour: ColourRed, Test: TestMonthsPending, AtLeast: f(12), Reason: "长期未结（超12个月）"},
		{Colour: ColourRed, Test: TestFundWaitDays, AtLeast: f(court.FundPayoutDays + 1), Reason: "执行案款超30天未发放"},
	}}
}

// ParseRules reads rules from JSON and checks them; errors name the rule.
func ParseRules(b []byte) (Rules, error) {
	var r Rules
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&r); err != nil {
		var ce *court.Error
		if asCourtError(err, &ce) {
			return Rules{}, ce
		}
		return Rules{}, court.Errorf(court.Invalid, "预警规则不是有效的 JSON：%v", err)
	}
	return r, r.Check()
}

// Check reports a rule with an unknown test or kind, no bound, bounds in the
// wrong order, or no reason, and due days outside 1..365.
func (r Rules) Check() error {
	if len(r.Rules) == 0 {
		return court.Errorf(court.Invalid, "预警规则为空")
	}
	if r.ItemDueDays < 1 || r.ItemDueDays > 365 {
		return court.Errorf(court.Invalid, "督办期限天数（item_due_days）应在 1 至 365 之间")
	}
	for i, x := range r.Rules {
		n := i + 1
		switch {
		case x.Colour == ColourNone:
			return court.Errorf(court.Invalid, "第 %d 条预警规则：缺少预警等级（colour）", n)
		case !slices.Contains([]Test{TestLimitUsed, TestDaysLeft, TestMonthsPending, TestFundWaitDays}, x.Test):
			return court.Errorf(court.Invalid, "第 %d 条预警规则：未知的判断项“%s”，应为 limit_used、days_left、months_pending、fund_wait_days 之一", n, x.Test)
		case x.AtLeast == nil && x.AtMost == nil:
			return court.Errorf(court.Invalid, "第 %d 条预警规则：at_least 和 at_most 至少填写一个", n)
		case x.AtLeast != nil && x.AtMost != nil && *x.AtLeast > *x.AtMost:
			return court.Errorf(court.Invalid, "第 %d 条预警规则：at_least 不能大于 at_most", n)
		case strings.TrimSpace(x.Reason) == "":
			return court.Errorf(court.Invalid, "第 %d 条预警规则：缺少预警原因（reason）", n)
		}
		for _, k := range x.Kinds {
			if _, ok := court.ParseKind(k); !ok {
				return court.Errorf(court.Invalid, "第 %d 条预警规则：未知的案件类别“%s”", n, k)
			}
		}
	}
	return nil
}

// JSON is the rules as indented JSON, the form ParseRules reads.
func (r Rules) JSON() string {
	b, _ := json.MarshalIndent(r, "", "  ")
	return string(b)
}

// CaseFacts are what the rules read of a pending case.
type CaseFacts struct {
	CaseID                    int64
	CaseNo                    string
	Court, Department, Judge  int64 // store ids
	Kind                      court.Kind
	FiledOn                   court.Date
	LimitDays, Extended, Susp int
	OldestUnpaidFund          court.Date // 到账日期 of the oldest receipt not paid out; NoDate for none
}

// Warning is the colour of a pending case on a day and why.
type Warning struct {
	CaseID                   int64
	CaseNo                   string
	Court, Department, Judge int64
	Colour                   Colour
	Reasons                  string     // the reasons of the matching rules, joined by "；"
	Deadline                 court.Date // the day the 审限 runs out; NoDate for 不计审限
}

// Evaluate applies the rules to a pending case on today. The warning's
// colour is the gravest of the matching rules; its reasons are those of
// the matching rules of that colour, in rule order (a red case reads
// "审限剩余不足5天", not also the yellow and blue reasons it has passed). A
// case no rule matches has ColourNone.
func (r *Rules) Evaluate(c *CaseFacts, today court.Date) Warning {
	w := Warning{CaseID: c.CaseID, CaseNo: c.CaseNo, Court: c.Court, Department: c.Department, Judge: c.Judge}
	lim := TimeLimit(c.FiledOn, court.NoDate, c.LimitDays, c.Extended, c.Susp, today)
	w.Deadline = lim.Deadline
	kind := c.Kind.String()
	var hits [8]int // the matching rules, by index (up to 8 kept; rules beyond are rare)
	n := 0
	for i := range r.Rules {
		x := &r.Rules[i]
		if len(x.Kinds) > 0 && !slices.Contains(x.Kinds, kind) {
			continue
		}
		v, ok := measure(x.Test, c, lim, today)
		if !ok || x.AtLeast != nil && v < *x.AtLeast || x.AtMost != nil && v > *x.AtMost {
			continue
		}
		if x.Colour > w.Colour {
			w.Colour, n = x.Colour, 0
		}
		if x.Colour == w.Colour && n < len(hits) {
			hits[n] = i
			n++
		}
	}
	switch n {
	case 0:
	case 1:
		w.Reasons = r.Rules[hits[0]].Reason
	default:
		reasons := make([]string, n)
		for k := range n {
			reasons[k] = r.Rules[hits[k]].Reason
		}
		w.Reasons = strings.Join(reasons, "；")
	}
	return w
}

// measure is the value of test t for the case, false when it has none (no
// time limit, no unpaid receipt).
func measure(t Test, c *CaseFacts, lim Limit, today court.Date) (float64, bool) {
	switch t {
	case TestLimitUsed:
		return float64(lim.Used) / float64(lim.Allowed), lim.Allowed > 0
	case TestDaysLeft:
		return float64(lim.Left), lim.Allowed > 0
	case TestMonthsPending:
		return float64(monthsPending(c.FiledOn, today)), true
	case TestFundWaitDays:
		return float64(today - c.OldestUnpaidFund), !c.OldestUnpaidFund.IsZero()
	}
	return 0, false
}

// EvaluateAll evaluates every case and returns the warnings of the cases
// that have one.
func (r *Rules) EvaluateAll(cases []CaseFacts, today court.Date) []Warning {
	var out []Warning
	for i := range cases {
		if w := r.Evaluate(&cases[i], today); w.Colour != ColourNone {
			out = append(out, w)
		}
	}
	return out
}
