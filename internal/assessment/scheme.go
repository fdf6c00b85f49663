package assessment

import (
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/zhixiao/zhixiao/internal/court"
	"github.com/zhixiao/zhixiao/internal/workdays"
)

// The personnel categories a scheme is for: the 人员类别 of DATA.md, and
// 院庭长 (员额法官 with a leading 职务) who also handle cases.
const (
	CategoryLeader = "院庭长"
)

// SchemeCategories lists the categories a scheme may be for.
var SchemeCategories = []string{string(court.CategoryJudge), CategoryLeader, string(court.CategoryAssistant),
	string(court.CategoryClerk), string(court.CategoryPolice), string(court.CategoryAdmin)}

// leaderTitles are the 职务 that put a 员额法官 into the 院庭长 category.
var leaderTitles = []string{"院长", "副院长", "庭长", "副庭长", "审判委员会专职委员", "执行局局长", "执行局副局长"}

// CategoryOf returns the scheme category of a person: 院庭长 for a 员额法官
// with a leading 职务, else the 人员类别.
func CategoryOf(c court.Category, title string) string {
	if c == court.CategoryJudge && slices.Contains(leaderTitles, title) {
		return CategoryLeader
	}
	return string(c)
}

// The rule kinds.
const (
	RuleIndicator = "indicator" // 指标得分
	RuleEvents    = "events"    // 加减分事项
	RuleRating    = "rating"    // 评价打分
	RuleOutcome   = "outcome"   // 其他模块报送
)

// Whose figures an indicator rule reads.
const (
	OfSelf       = "self"       // 本人（承办人）
	OfDepartment = "department" // 所在部门
)

// The methods of an indicator rule.
const (
	MethodLinear     = "linear"     // 线性插值：组内最低 0 分，最高满分
	MethodEfficacy   = "efficacy"   // 功效系数法：60 + 40 × 标准化值（百分制）
	MethodAverage    = "average"    // 达到组内平均即满分，否则按比例
	MethodBand       = "band"       // 在合理区间内满分
	MethodThresholds = "thresholds" // 分段计分
)

var methodNames = map[string]string{
	MethodLinear: "线性插值法", MethodEfficacy: "功效系数法", MethodAverage: "对标平均值",
	MethodBand: "合理区间法", MethodThresholds: "分段计分",
}

// MethodName returns the Chinese name of a method.
func MethodName(m string) string {
	if n, ok := methodNames[m]; ok {
		return n
	}
	return m
}

// Scheme is a 考核方案: what the JSON on the scheme page holds. ID, Court
// and Version are kept by the store.
type Scheme struct {
	ID       int64  `json:"-"`
	Court    int64  `json:"-"`
	Version  int    `json:"-"`
	Code     string `json:"code"`     // stable across versions, e.g. judge-2025
	Name     string `json:"name"`     // 员额法官绩效考核方案
	Category string `json:"category"` // one of SchemeCategories
	From     string `json:"effective_from"`
	To       string `json:"effective_to,omitempty"` // "" = open
	Rank     bool   `json:"rank"`                   // publish rankings (some courts do not rank)
	// WorkloadIndicator switches on 本月无办案: a person whose value of
	// this indicator (read of themself, e.g. weighted_closed) is 0 or
	// absent in the month and who has no data on any other indicator item
	// read of themself is marked 本月无办案 and left out of the ranking,
	// the peer-group figures, the anonymous distribution and the warnings
	// (still listed, score shown). "" = off (everyone is ranked).
	WorkloadIndicator string `json:"workload_indicator,omitempty"`
	// NoticeDays is the 公示 window in working days (default 3).
	NoticeDays int `json:"notice_days"`
	// Holidays and Workdays (YYYY-MM-DD) are optional overrides of the
	// court's working-day calendar (internal/workdays, edited on the
	// petitions setup page) for the 公示 window only: days off, days worked.
	// Normally empty: the court's calendar already has the 国务院 schedule.
	Holidays []string      `json:"holidays,omitempty"`
	Workdays []string      `json:"workdays,omitempty"`
	Groups   []Group       `json:"groups"`
	Warnings []WarningRule `json:"warnings"`
	Grades   GradeRules    `json:"grades"`
	Draft    bool          `json:"-"` // a what-if copy: never in force
}

// Group is a 考核类别 with its weight: the maximum points of its items sum to it.
type Group struct {
	Name   string  `json:"name"`
	Weight float64 `json:"weight"`
	Items  []Item  `json:"items"`
}

// Item is a 考核项目 with its maximum points and its rule.
type Item struct {
	ID   string  `json:"id"` // unique within the scheme, e.g. A1
	Name string  `json:"name"`
	Max  float64 `json:"max"`
	Rule *Rule   `json:"rule"`
}

// Rule is how an item is scored; Kind says which fields apply.
type Rule struct {
	Kind string `json:"kind"`

	// indicator
	Indicator   string      `json:"indicator,omitempty"`
	Method      string      `json:"method,omitempty"`
	LowerBetter bool        `json:"lower_better,omitempty"`
	Lower       *float64    `json:"lower,omitempty"` // band
	Upper       *float64    `json:"upper,omitempty"`
	Thresholds  []Threshold `json:"thresholds,omitempty"`
	// Of is whose figures the rule reads: "" (or "self") the person's own
	// as 承办人, "department" their department's (法官助理, 书记员).
	Of string `json:"of,omitempty"`
	// NoData is the share of the maximum given when the person has no
	// value (no cases); 0 by default.
	NoData float64 `json:"no_data,omitempty"`

	// events and outcome: Base is the share of the maximum one starts from
	// (1 for a 负面清单 that deducts, 0 for bonuses).
	Base   float64     `json:"base,omitempty"`
	Events []EventType `json:"events,omitempty"`

	// rating: the kind of rating (日常评价, 民主测评) and the share of the
	// maximum given when nobody rated.
	Rating  string  `json:"rating,omitempty"`
	Default float64 `json:"default,omitempty"`
}

// Threshold is one step of a thresholds rule: from At on, Share of the
// maximum (at or below At when lower is better).
type Threshold struct {
	At    float64 `json:"at"`
	Share float64 `json:"share"`
}

// EventType is one behaviour of a 负面清单 or one bonus: its points per
// occurrence (negative deducts) and the cap of its total in a period. For
// an outcome rule the name is a court.Outcome kind.
type EventType struct {
	Name   string  `json:"name"`
	Points float64 `json:"points"`
	Cap    float64 `json:"cap"`
}

// ParseScheme reads a scheme's JSON and validates it.
func ParseScheme(b []byte) (*Scheme, error) {
	var s Scheme
	dec := json.NewDecoder(strings.NewReader(string(b)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&s); err != nil {
		return nil, court.Errorf(court.Invalid, "考核方案 JSON 无法解析：%v", err)
	}
	if err := s.Validate(); err != nil {
		return nil, err
	}
	return &s, nil
}

// JSON returns the scheme as indented JSON.
func (s *Scheme) JSON() string {
	b, _ := json.MarshalIndent(s, "", "  ")
	return string(b)
}

// Period returns the effective period; To is far in the future when open.
func (s *Scheme) Period() (court.Period, error) {
	from, err := court.ParseISODate(s.From)
	if err != nil {
		return court.Period{}, court.Errorf(court.Invalid, "考核方案“%s”：生效日期“%s”无效", s.Name, s.From)
	}
	to := court.DateOf(9999, 12, 31)
	if s.To != "" {
		if to, err = court.ParseISODate(s.To); err != nil {
			return court.Period{}, court.Errorf(court.Invalid, "考核方案“%s”：失效日期“%s”无效", s.Name, s.To)
		}
	}
	if to < from {
		return court.Period{}, court.Errorf(court.Invalid, "考核方案“%s”：失效日期早于生效日期", s.Name)
	}
	return court.Period{From: from, To: to}, nil
}

// Calendar returns the working-day calendar of the scheme's own overrides
// (holidays and working weekends) on Monday to Friday; a date that does not
// read is an error naming it. CalendarOn puts them on the court's calendar.
func (s *Scheme) Calendar() (Calendar, error) { return s.CalendarOn(nil) }

// CalendarOn returns the court's working-day calendar base (nil: Monday to
// Friday) with the scheme's overrides on top.
func (s *Scheme) CalendarOn(base *workdays.Calendar) (Calendar, error) {
	c := Calendar{Base: base, Holidays: map[court.Date]bool{}, Workdays: map[court.Date]bool{}}
	for _, l := range []struct {
		days []string
		into map[court.Date]bool
		what string
	}{{s.Holidays, c.Holidays, "节假日"}, {s.Workdays, c.Workdays, "调休工作日"}} {
		for _, x := range l.days {
			d, err := court.ParseISODate(x)
			if err != nil {
				return c, invalid("考核方案“%s”：%s“%s”无效，应为 YYYY-MM-DD", s.Name, l.what, x)
			}
			l.into[d] = true
		}
	}
	return c, nil
}

// InForce reports whether the scheme applies to the month p (its first day).
func (s *Scheme) InForce(p court.Period) bool {
	sp, err := s.Period()
	return err == nil && !s.Draft && sp.From <= p.From && p.From <= sp.To
}

func invalid(format string, a ...any) error { return court.Errorf(court.Invalid, format, a...) }

// Validate reports the first fault of a scheme, in Chinese, naming the
// group and item: weights that do not sum to 100, items whose points do not
// sum to their group's weight, an item without a rule, bounds and caps.
func (s *Scheme) Validate() error {
	if strings.TrimSpace(s.Name) == "" {
		return invalid("考核方案须有名称")
	}
	if strings.TrimSpace(s.Code) == "" {
		return invalid("考核方案“%s”须有代码（code）", s.Name)
	}
	if !slices.Contains(SchemeCategories, s.Category) {
		return invalid("考核方案“%s”：人员类别“%s”无效，应为 %s 之一", s.Name, s.Category, strings.Join(SchemeCategories, "、"))
	}
	if _, err := s.Period(); err != nil {
		return err
	}
	if s.NoticeDays < 0 || s.NoticeDays > 30 {
		return invalid("考核方案“%s”：公示期 %d 个工作日超出范围（0–30）", s.Name, s.NoticeDays)
	}
	if _, err := s.Calendar(); err != nil {
		return err
	}
	if len(s.Groups) == 0 {
		return invalid("考核方案“%s”没有考核类别", s.Name)
	}
	total := 0.0
	seen := map[string]bool{}
	for _, g := range s.Groups {
		if err := g.validate(seen); err != nil {
			return err
		}
		total += g.Weight
	}
	if !near(total, 100) {
		return invalid("考核方案“%s”：各考核类别权重之和为 %s，应为 100", s.Name, fmtNum(total))
	}
	if err := s.validateWorkload(); err != nil {
		return err
	}
	for i, w := range s.Warnings {
		if err := w.validate(i); err != nil {
			return err
		}
	}
	return s.Grades.validate()
}

func (g Group) validate(seen map[string]bool) error {
	if strings.TrimSpace(g.Name) == "" {
		return invalid("考核类别须有名称")
	}
	if g.Weight <= 0 || g.Weight > 100 {
		return invalid("考核类别“%s”：权重 %s 超出范围（0–100）", g.Name, fmtNum(g.Weight))
	}
	if len(g.Items) == 0 {
		return invalid("考核类别“%s”没有考核项目", g.Name)
	}
	sum := 0.0
	for _, it := range g.Items {
		if it.ID == "" || seen[it.ID] {
			return invalid("考核类别“%s”：项目“%s”的编号为空或重复", g.Name, it.Name)
		}
		seen[it.ID] = true
		if err := it.validate(g.Name); err != nil {
			return err
		}
		sum += it.Max
	}
	if !near(sum, g.Weight) {
		return invalid("考核类别“%s”：各项目满分之和为 %s，应等于权重 %s", g.Name, fmtNum(sum), fmtNum(g.Weight))
	}
	return nil
}

func (it Item) validate(group string) error {
	where := fmt.Sprintf("考核类别“%s”项目“%s”", group, it.Name)
	if strings.TrimSpace(it.Name) == "" {
		return invalid("考核类别“%s”：项目 %s 须有名称", group, it.ID)
	}
	if it.Max <= 0 || it.Max > 100 {
		return invalid("%s：满分 %s 超出范围（0–100）", where, fmtNum(it.Max))
	}
	if it.Rule == nil || it.Rule.Kind == "" {
		return invalid("%s没有评分规则", where)
	}
	return it.Rule.validate(where, it.Max)
}

func share(v float64) bool { return v >= 0 && v <= 1 }

func (r *Rule) validate(where string, max float64) error {
	switch r.Kind {
	case RuleIndicator:
		return r.validateIndicator(where)
	case RuleEvents, RuleOutcome:
		if len(r.Events) == 0 {
			return invalid("%s：须列出至少一种加减分事项", where)
		}
		if !share(r.Base) {
			return invalid("%s：起始分比例 %s 应在 0–1 之间", where, fmtNum(r.Base))
		}
		for _, e := range r.Events {
			if err := e.validate(where, r.Kind, max); err != nil {
				return err
			}
		}
	case RuleRating:
		if r.Rating == "" {
			return invalid("%s：须写明评价方式（如 日常评价、民主测评）", where)
		}
		if !share(r.Default) {
			return invalid("%s：未评价时的得分比例 %s 应在 0–1 之间", where, fmtNum(r.Default))
		}
	default:
		return invalid("%s：评分规则类型“%s”无效，应为 indicator、events、rating 或 outcome", where, r.Kind)
	}
	return nil
}

func (r *Rule) validateIndicator(where string) error {
	if r.Indicator == "" {
		return invalid("%s：须指明指标", where)
	}
	if !share(r.NoData) {
		return invalid("%s：无数据时的得分比例应在 0–1 之间", where)
	}
	if r.Of != "" && r.Of != OfSelf && r.Of != OfDepartment {
		return invalid("%s：取数对象“%s”无效，应为 self（本人）或 department（所在部门）", where, r.Of)
	}
	switch r.Method {
	case MethodLinear, MethodEfficacy, MethodAverage:
	case MethodBand:
		if r.Lower == nil && r.Upper == nil {
			return invalid("%s：合理区间法须给出下限或上限", where)
		}
		if r.Lower != nil && r.Upper != nil && *r.Lower > *r.Upper {
			return invalid("%s：合理区间下限大于上限", where)
		}
	case MethodThresholds:
		if len(r.Thresholds) == 0 {
			return invalid("%s：分段计分须给出分段", where)
		}
		for _, t := range r.Thresholds {
			if !share(t.Share) {
				return invalid("%s：分段得分比例 %s 应在 0–1 之间", where, fmtNum(t.Share))
			}
		}
	default:
		return invalid("%s：计分方法“%s”无效，应为 linear、efficacy、average、band 或 thresholds", where, r.Method)
	}
	return nil
}

func (e EventType) validate(where, kind string, max float64) error {
	if e.Name == "" {
		return invalid("%s：加减分事项须有名称", where)
	}
	if kind == RuleOutcome && !slices.Contains(OutcomeKinds, e.Name) {
		return invalid("%s：“%s”不是其他模块报送的事项，应为 %s 之一", where, e.Name, strings.Join(OutcomeKinds, "、"))
	}
	if e.Points == 0 {
		return invalid("%s：事项“%s”的分值不能为 0", where, e.Name)
	}
	if e.Cap <= 0 || e.Cap > max {
		return invalid("%s：事项“%s”的累计上限 %s 应大于 0 且不超过项目满分 %s", where, e.Name, fmtNum(e.Cap), fmtNum(max))
	}
	if math.Abs(e.Points) > e.Cap {
		return invalid("%s：事项“%s”每次 %s 分，超过累计上限 %s 分", where, e.Name, fmtNum(e.Points), fmtNum(e.Cap))
	}
	return nil
}

// OutcomeKinds are the court.Outcome kinds an outcome rule may count.
var OutcomeKinds = []string{court.OutcomeSupervisionOverdue, court.OutcomeClosingRejected, court.OutcomeComplaintUpheld, court.OutcomeTraining}

// Items returns every item of the scheme with its group, in order.
func (s *Scheme) Items() []GroupItem {
	var out []GroupItem
	for gi := range s.Groups {
		for ii := range s.Groups[gi].Items {
			out = append(out, GroupItem{Group: &s.Groups[gi], Item: &s.Groups[gi].Items[ii]})
		}
	}
	return out
}

// GroupItem is an item with its group.
type GroupItem struct {
	Group *Group
	Item  *Item
}

// Item returns the item of that id, or nil.
func (s *Scheme) Item(id string) *Item {
	for _, gi := range s.Items() {
		if gi.Item.ID == id {
			return gi.Item
		}
	}
	return nil
}

// ReadsDepartments reports whether an item reads department figures.
func (s *Scheme) ReadsDepartments() bool {
	for _, gi := range s.Items() {
		if r := gi.Item.Rule; r != nil && r.Kind == RuleIndicator && r.Of == OfDepartment {
			return true
		}
	}
	return false
}

// Indicators returns the indicator ids the scheme's items and warning rules read.
func (s *Scheme) Indicators() []string {
	var ids []string
	for _, gi := range s.Items() {
		if r := gi.Item.Rule; r != nil && r.Kind == RuleIndicator && !slices.Contains(ids, r.Indicator) {
			ids = append(ids, r.Indicator)
		}
	}
	for _, w := range s.Warnings {
		if w.Indicator != "" && !slices.Contains(ids, w.Indicator) {
			ids = append(ids, w.Indicator)
		}
	}
	return ids
}

// validateWorkload checks the 本月无办案 setting: its indicator must be one
// an item of the scheme reads of the person themself.
func (s *Scheme) validateWorkload() error {
	if s.WorkloadIndicator == "" {
		return nil
	}
	for _, gi := range s.Items() {
		if r := gi.Item.Rule; r != nil && r.Kind == RuleIndicator && r.Of != OfDepartment && r.Indicator == s.WorkloadIndicator {
			return nil
		}
	}
	return invalid("考核方案“%s”：本月无办案的判定指标（workload_indicator）“%s”须为本方案中按本人取数的指标项目所用指标", s.Name, s.WorkloadIndicator)
}

// Copy returns a deep copy (through JSON) marked as a what-if draft.
func (s *Scheme) Copy() *Scheme {
	var c Scheme
	_ = json.Unmarshal([]byte(s.JSON()), &c)
	c.Court, c.Draft = s.Court, true
	return &c
}

func near(a, b float64) bool { return math.Abs(a-b) < 0.005 }

// fmtNum prints a number without trailing zeros.
func fmtNum(v float64) string {
	return strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%.2f", v), "0"), ".")
}

// round2 rounds to two decimals.
func round2(v float64) float64 { return math.Round(v*100) / 100 }
