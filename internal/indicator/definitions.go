package indicator

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"sort"

	"github.com/zhixiao/zhixiao/internal/court"
)

//go:embed definitions/*.json
var embedded embed.FS

// Aggregations of a Formula.
const (
	AggCount      = "count"      // numerator = count, value = count, no denominator
	AggSum        = "sum"        // numerator = sum, value = sum, no denominator
	AggRatio      = "ratio"      // value = numerator / denominator
	AggComplement = "complement" // value = 1 - numerator / denominator; reported numerator = denominator - numerator
	AggRatioDays  = "ratio_days" // value = numerator / denominator * days(P)
	AggMedian     = "median"     // value = the median of the term's values; denominator = their number
)

// Base sets of a Term, by source (INDICATORS.md, period semantics).
const (
	SetFiled        = "filed"         // 新收: T0 <= filed_on <= T1
	SetPendingStart = "pending_start" // 旧存: filed_on < T0 and (open or closed_on >= T0)
	SetCaseload     = "caseload"      // 收案 = 旧存 + 新收
	SetClosed       = "closed"        // 已结: T0 <= closed_on <= T1
	SetPendingEnd   = "pending_end"   // 未结: filed_on <= T1 and (open or closed_on > T1)
	SetReceived     = "received"      // funds: T0 <= received_on <= T1
	SetEnded        = "ended"         // mediations: T0 <= ended_on <= T1
	SetRegistered   = "registered"    // mediations: T0 <= registered_on <= T1
)

// Sources of a Term.
const (
	SourceCases      = "cases"
	SourceFunds      = "funds"
	SourceMediations = "mediations"
	SourceJudges     = "judges" // 在岗员额法官 of the unit, from the people table
)

// Definition is one version of one indicator: its metadata, its 口径 in
// words and its formula. Several versions of one id differ by EffectiveFrom.
type Definition struct {
	ID            string     `json:"id"`
	Version       int        `json:"version"`
	EffectiveFrom court.Date `json:"-"`
	Name          string     `json:"name"`      // 中文名
	Category      string     `json:"category"`  // 质量 / 效率 / 效果 / 执行 / 管理
	Unit          string     `json:"unit"`      // 件, %, 天, 比值 ...
	Direction     string     `json:"direction"` // higher / lower / band / none
	Text          string     `json:"definition"`
	Formula       Formula    `json:"formula"`
}

// Formula is the declarative form the engine evaluates: sums of Terms for the
// numerator and the denominator, combined by Agg.
type Formula struct {
	Agg         string `json:"agg"`
	Numerator   []Term `json:"numerator"`
	Denominator []Term `json:"denominator"`
}

// Term is a set of rows of one source, narrowed by conditions, counted or summed.
type Term struct {
	Source    string `json:"source"`    // cases (default), funds, mediations, judges
	Set       string `json:"set"`       // base set, see the Set constants
	Where     []Cond `json:"where"`     // all must hold
	Sum       string `json:"sum"`       // summed value; empty = count rows
	Value     string `json:"value"`     // median value (AggMedian)
	Attribute string `json:"attribute"` // "" = the row's own unit; "origin" = the unit of its 原审 case
}

// Cond is a condition: an atom such as "level = 一审" or
// "T1 - filed_on > 365", or a group {"any": [...]}, {"all": [...]}, {"not": c}.
type Cond struct {
	Atom string
	Any  []Cond
	All  []Cond
	Not  *Cond
}

// UnmarshalJSON reads a string atom or a group object.
func (c *Cond) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '"' {
		return json.Unmarshal(b, &c.Atom)
	}
	var g struct {
		Any []Cond `json:"any"`
		All []Cond `json:"all"`
		Not *Cond  `json:"not"`
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&g); err != nil {
		return err
	}
	n := 0
	for _, set := range []bool{g.Any != nil, g.All != nil, g.Not != nil} {
		if set {
			n++
		}
	}
	if n != 1 {
		return fmt.Errorf("条件组应恰好为 any、all、not 之一")
	}
	c.Any, c.All, c.Not = g.Any, g.All, g.Not
	return nil
}

// MarshalJSON writes the form UnmarshalJSON reads.
func (c Cond) MarshalJSON() ([]byte, error) {
	switch {
	case c.Any != nil:
		return json.Marshal(map[string][]Cond{"any": c.Any})
	case c.All != nil:
		return json.Marshal(map[string][]Cond{"all": c.All})
	case c.Not != nil:
		return json.Marshal(map[string]*Cond{"not": c.Not})
	}
	return json.Marshal(c.Atom)
}

// IsCount reports whether the indicator is a plain count or sum (no denominator).
func (d *Definition) IsCount() bool { return d.Formula.Agg == AggCount || d.Formula.Agg == AggSum }

// IsRate reports whether the value is a proportion of counted rows (unit %,
// a ratio of counts), to which the Wilson interval applies.
func (d *Definition) IsRate() bool {
	if d.Unit != "%" || (d.Formula.Agg != AggRatio && d.Formula.Agg != AggComplement) {
		return false
	}
	for _, t := range append(append([]Term(nil), d.Formula.Numerator...), d.Formula.Denominator...) {
		if t.Sum != "" || t.Source == SourceJudges {
			return false
		}
	}
	return true
}

// Definitions is a set of indicator definitions, each id with one or more
// versions, and the weight tables of 加权结案数.
type Definitions struct {
	order   []string                 // ids in file order
	byID    map[string][]*Definition // versions ascending by EffectiveFrom
	weights []*WeightTable           // ascending by EffectiveFrom
}

// DefaultDefinitions returns the embedded default set of INDICATORS.md.
func DefaultDefinitions() (*Definitions, error) {
	ind, err := embedded.ReadFile("definitions/indicators.json")
	if err != nil {
		return nil, err
	}
	w, err := embedded.ReadFile("definitions/weights.json")
	if err != nil {
		return nil, err
	}
	return ParseDefinitions(ind, w)
}

// ParseDefinitions reads an indicators file and a weights file (the format
// of definitions/indicators.json and definitions/weights.json) and checks
// every formula.
func ParseDefinitions(indicators, weights []byte) (*Definitions, error) {
	var file struct {
		Indicators []json.RawMessage `json:"indicators"`
	}
	if err := json.Unmarshal(indicators, &file); err != nil {
		return nil, court.Errorf(court.Invalid, "指标定义文件无法解析：%v", err)
	}
	ds := &Definitions{byID: map[string][]*Definition{}}
	for i, raw := range file.Indicators {
		d, err := parseDefinition(raw)
		if err != nil {
			return nil, court.Errorf(court.Invalid, "指标定义第 %d 条：%s", i+1, court.Message(err)+detail(err))
		}
		if _, ok := ds.byID[d.ID]; !ok {
			ds.order = append(ds.order, d.ID)
		}
		for _, o := range ds.byID[d.ID] {
			if o.Version == d.Version || o.EffectiveFrom == d.EffectiveFrom {
				return nil, court.Errorf(court.Invalid, "指标 %s 的版本 %d 与版本 %d 重复（版本号或生效日期相同）", d.ID, d.Version, o.Version)
			}
		}
		ds.byID[d.ID] = append(ds.byID[d.ID], d)
	}
	for _, vs := range ds.byID {
		sort.Slice(vs, func(i, j int) bool { return vs[i].EffectiveFrom < vs[j].EffectiveFrom })
	}
	ws, err := parseWeights(weights)
	if err != nil {
		return nil, err
	}
	ds.weights = ws
	return ds, nil
}

func detail(err error) string {
	if ce, ok := err.(*court.Error); ok && ce.Err != nil {
		return "（" + ce.Err.Error() + "）"
	}
	return ""
}

func parseDefinition(raw json.RawMessage) (*Definition, error) {
	var d struct {
		Definition
		Effective string `json:"effective_from"`
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&d); err != nil {
		return nil, &court.Error{Kind: court.Invalid, Message: "格式错误", Err: err}
	}
	def := d.Definition
	if def.ID == "" || def.Name == "" {
		return nil, court.Errorf(court.Invalid, "缺少 id 或 name")
	}
	eff, err := court.ParseISODate(d.Effective)
	if err != nil {
		return nil, court.Errorf(court.Invalid, "指标 %s 的生效日期 %q 无法识别", def.ID, d.Effective)
	}
	def.EffectiveFrom = eff
	if !validCategory(def.Category) {
		return nil, court.Errorf(court.Invalid, "指标 %s 的类别 %q 应为 质量、效率、效果、执行 或 管理", def.ID, def.Category)
	}
	switch def.Direction {
	case "higher", "lower", "band", "none":
	default:
		return nil, court.Errorf(court.Invalid, "指标 %s 的方向 %q 应为 higher、lower、band 或 none", def.ID, def.Direction)
	}
	if err := checkFormula(&def); err != nil {
		return nil, err
	}
	return &def, nil
}

func validCategory(c string) bool {
	switch c {
	case "质量", "效率", "效果", "执行", "管理":
		return true
	}
	return false
}

// IDs returns the indicator ids in file order.
func (ds *Definitions) IDs() []string { return append([]string(nil), ds.order...) }

// Versions returns every version of one indicator, oldest first.
func (ds *Definitions) Versions(id string) []*Definition {
	return append([]*Definition(nil), ds.byID[id]...)
}

// Select returns the version of id in force on day t: the newest whose
// EffectiveFrom is not after t, or the oldest when t precedes them all.
// A version > 0 asks for that version whatever its date.
func (ds *Definitions) Select(id string, t court.Date, version int) (*Definition, error) {
	vs := ds.byID[id]
	if len(vs) == 0 {
		return nil, court.Errorf(court.NotFound, "未知指标 %q", id)
	}
	if version > 0 {
		for _, d := range vs {
			if d.Version == version {
				return d, nil
			}
		}
		return nil, court.Errorf(court.NotFound, "指标 %s 没有版本 %d", id, version)
	}
	d := vs[0]
	for _, v := range vs[1:] {
		if v.EffectiveFrom <= t {
			d = v
		}
	}
	return d, nil
}

// InForce returns, for every id, the version in force on day t.
func (ds *Definitions) InForce(t court.Date) []*Definition {
	out := make([]*Definition, 0, len(ds.order))
	for _, id := range ds.order {
		d, _ := ds.Select(id, t, 0)
		out = append(out, d)
	}
	return out
}

// WithVersions returns ds with the court's versions added: each JSON is one
// entry in the format of the indicators file (id, version, effective_from,
// name, category, unit, direction, definition, formula), of an indicator
// ds knows. Each is checked as the file is: a field, column or set the
// engine does not know is an error of kind Invalid; a version number or an
// effective date that the indicator already has, of kind Conflict. ds is
// not changed.
func (ds *Definitions) WithVersions(jsons [][]byte) (*Definitions, error) {
	out := &Definitions{order: ds.order, byID: make(map[string][]*Definition, len(ds.byID)), weights: ds.weights}
	for id, vs := range ds.byID {
		out.byID[id] = vs
	}
	for _, raw := range jsons {
		d, err := parseDefinition(raw)
		if err != nil {
			return nil, court.Errorf(court.Invalid, "指标口径版本：%s", court.Message(err)+detail(err))
		}
		vs, ok := out.byID[d.ID]
		if !ok {
			return nil, court.Errorf(court.Invalid, "未知指标 %q：只能为已有指标新增口径版本", d.ID)
		}
		for _, o := range vs {
			if o.Version == d.Version || o.EffectiveFrom == d.EffectiveFrom {
				return nil, court.Errorf(court.Conflict, "指标 %s 已有版本 %d（%s 起生效），新版本的版本号或生效日期与之重复", d.ID, o.Version, o.EffectiveFrom)
			}
		}
		vs = append(append([]*Definition(nil), vs...), d)
		sort.Slice(vs, func(i, j int) bool { return vs[i].EffectiveFrom < vs[j].EffectiveFrom })
		out.byID[d.ID] = vs
	}
	return out, nil
}

// NextVersion is the version number a new version of id gets: one more
// than the highest it has.
func (ds *Definitions) NextVersion(id string) int {
	n := 0
	for _, d := range ds.byID[id] {
		n = max(n, d.Version)
	}
	return n + 1
}
