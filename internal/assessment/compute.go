package assessment

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/zhixiao/zhixiao/internal/court"
)

// Person is a member of a scheme's peer group.
type Person struct {
	ID         int64  `json:"id"`
	Name       string `json:"name"`
	StaffNo    string `json:"staff_no,omitempty"`
	Court      int64  `json:"court"`
	Department int64  `json:"department"`
	DeptName   string `json:"dept_name,omitempty"`
	Category   string `json:"category"`
	Title      string `json:"title,omitempty"`
	// Unit is the person's judge unit in the indicator engine
	// (court/department/name); "" for people who handle no cases.
	Unit string `json:"unit,omitempty"`
	// DeptUnit is the person's department in the engine (court/department),
	// for rules on the department's figures.
	DeptUnit string `json:"dept_unit,omitempty"`
}

// unitFor is the engine unit an indicator rule reads for a person: their
// own judge unit, or their department's.
func unitFor(p Person, r *Rule) string {
	if r.Of == OfDepartment {
		return p.DeptUnit
	}
	return p.Unit
}

// Value is an indicator's figures for one person in a period.
type Value struct {
	Num    float64 `json:"num"`
	Den    float64 `json:"den"`
	HasDen bool    `json:"has_den,omitempty"`
	Rate   bool    `json:"rate,omitempty"` // a proportion of counted rows: Wilson intervals apply
	V      float64 `json:"v"`
	Valid  bool    `json:"valid"`
}

// Entry is a hand-entered input: an event of a 负面清单 or a bonus (Event
// set), or a rating (Event empty, Value the points given).
type Entry struct {
	ID       int64      `json:"id"`
	Person   int64      `json:"person"`
	Item     string     `json:"item"`
	Event    string     `json:"event,omitempty"`
	Value    float64    `json:"value,omitempty"`
	Day      court.Date `json:"day"`
	Evidence string     `json:"evidence,omitempty"`
	By       string     `json:"by,omitempty"`
}

// Inputs are what a month's scores are computed from.
type Inputs struct {
	Scheme   *Scheme
	Period   court.Period
	People   []Person
	Values   map[string]map[string]Value // by person unit, then indicator id
	Entries  []Entry
	Outcomes []court.Outcome
	Names    map[string]string // indicator id → 中文名, for explanations
}

// Table is a month's scores of a scheme, best first.
type Table struct {
	Scheme  string  `json:"scheme"`
	Version int     `json:"version"`
	From    string  `json:"from"`
	To      string  `json:"to"`
	Ranked  bool    `json:"ranked"`
	Scores  []Score `json:"scores"`
}

// Score is one person's score with its explanation.
type Score struct {
	Person Person  `json:"person"`
	Total  float64 `json:"total"`
	Rank   int     `json:"rank"` // 0 when the scheme does not rank, or 本月无办案
	// NoCases marks 本月无办案 (the scheme's WorkloadIndicator): listed and
	// scored, but not ranked nor counted in the group's figures;
	// NoCasesReason says why, in Chinese.
	NoCases       bool             `json:"no_cases,omitempty"`
	NoCasesReason string           `json:"no_cases_reason,omitempty"`
	Groups        []GroupScore     `json:"groups"`
	Values        map[string]Value `json:"values,omitempty"` // the indicators read, for warnings
}

// GroupScore is a category's points.
type GroupScore struct {
	Name   string      `json:"name"`
	Weight float64     `json:"weight"`
	Points float64     `json:"points"`
	Items  []ItemScore `json:"items"`
}

// ItemScore is an item's points, the rule applied and its inputs.
type ItemScore struct {
	ID     string  `json:"id"`
	Name   string  `json:"name"`
	Max    float64 `json:"max"`
	Points float64 `json:"points"`
	Rule   string  `json:"rule"` // the rule applied, in Chinese
	Inputs []Input `json:"inputs"`
}

// Input is one figure an item read. Indicator is set for an engine input
// (the web links it to the cases behind it).
type Input struct {
	Label     string `json:"label"`
	Value     string `json:"value"`
	Indicator string `json:"indicator,omitempty"`
	HasDen    bool   `json:"has_den,omitempty"` // the indicator has a denominator to drill into
	// Department: the figure is the person's department's, not their own.
	Department bool `json:"department,omitempty"`
}

// Compute scores every person of the inputs under the scheme: each item by
// its rule, indicator items against the peer group (the people given, less
// those 本月无办案), then totals and ranks (competition ranking, 1 2 2 4;
// people 本月无办案 last, unranked).
func Compute(in Inputs) (*Table, error) {
	s := in.Scheme
	if err := s.Validate(); err != nil {
		return nil, err
	}
	t := &Table{Scheme: s.Code, Version: s.Version, From: in.Period.From.String(), To: in.Period.To.String(), Ranked: s.Rank}
	byPerson := indexInputs(in)
	noCases := map[int64]string{}
	peerIn := in
	peerIn.People = nil
	for _, p := range in.People {
		if why, ok := NoCasesReason(in, p); ok {
			noCases[p.ID] = why
			continue
		}
		peerIn.People = append(peerIn.People, p)
	}
	groups := map[string]*peerStats{}
	for _, gi := range s.Items() {
		if r := gi.Item.Rule; r.Kind == RuleIndicator {
			groups[gi.Item.ID] = newPeerStats(peerIn, r)
		}
	}
	for _, p := range in.People {
		sc := Score{Person: p, Values: map[string]Value{}}
		sc.NoCasesReason, sc.NoCases = noCases[p.ID]
		for _, id := range s.Indicators() {
			if v, ok := in.Values[p.Unit][id]; ok && p.Unit != "" {
				sc.Values[id] = v
			}
		}
		for _, g := range s.Groups {
			gs := GroupScore{Name: g.Name, Weight: g.Weight}
			for _, it := range g.Items {
				is := scoreItem(in, it, p, byPerson[p.ID], groups[it.ID])
				gs.Points += is.Points
				gs.Items = append(gs.Items, is)
			}
			gs.Points = round2(gs.Points)
			sc.Total += gs.Points
			sc.Groups = append(sc.Groups, gs)
		}
		sc.Total = round2(sc.Total)
		t.Scores = append(t.Scores, sc)
	}
	RankScores(t.Scores)
	if !s.Rank {
		for i := range t.Scores {
			t.Scores[i].Rank = 0
		}
	}
	return t, nil
}

// RankScores sorts scores best first (then by name and id) and sets
// competition ranks; people 本月无办案 come last with rank 0.
func RankScores(ss []Score) {
	slices.SortStableFunc(ss, func(a, b Score) int {
		return cmp.Or(cmpBool(a.NoCases, b.NoCases), cmp.Compare(b.Total, a.Total), cmp.Compare(a.Person.Name, b.Person.Name), cmp.Compare(a.Person.ID, b.Person.ID))
	})
	for i := range ss {
		switch {
		case ss[i].NoCases:
			ss[i].Rank = 0
		case i > 0 && ss[i].Total == ss[i-1].Total:
			ss[i].Rank = ss[i-1].Rank
		default:
			ss[i].Rank = i + 1
		}
	}
}

// cmpBool orders false before true.
func cmpBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

// NoCasesReason reports whether a person is 本月无办案 under the scheme's
// WorkloadIndicator setting, and why in Chinese: their value of that
// indicator is 0 or absent and no other indicator item read of themself
// has data (a rate with a denominator, or a count other than 0). Always
// false when the setting is off.
func NoCasesReason(in Inputs, p Person) (string, bool) {
	s := in.Scheme
	if s.WorkloadIndicator == "" {
		return "", false
	}
	// has: the person has a figure of the indicator: a rate with cases
	// behind it, or a count that is not 0.
	has := func(id string) bool {
		v, ok := in.Values[p.Unit][id]
		return ok && p.Unit != "" && v.Valid && !math.IsNaN(v.V) && (v.V != 0 || (v.HasDen && id != s.WorkloadIndicator))
	}
	if has(s.WorkloadIndicator) {
		return "", false
	}
	for _, gi := range s.Items() {
		if r := gi.Item.Rule; r != nil && r.Kind == RuleIndicator && r.Of != OfDepartment && r.Indicator != s.WorkloadIndicator {
			if has(r.Indicator) {
				return "", false
			}
		}
	}
	name := in.Names[s.WorkloadIndicator]
	if name == "" {
		name = s.WorkloadIndicator
	}
	return fmt.Sprintf("本月无办案：本人%s为 0（或无数据），其他按本人取数的指标均无数据（方案设置 workload_indicator = %s）。得分照列，但不参加排名，不计入同组最低、最高、平均、中位数，不计入匿名分布和红黄蓝预警。",
		name, s.WorkloadIndicator), true
}

// personInputs are the entries and outcomes of one person.
type personInputs struct {
	entries  []Entry
	outcomes []court.Outcome
}

func indexInputs(in Inputs) map[int64]*personInputs {
	m := map[int64]*personInputs{}
	get := func(id int64) *personInputs {
		if m[id] == nil {
			m[id] = &personInputs{}
		}
		return m[id]
	}
	for _, e := range in.Entries {
		if in.Period.Contains(e.Day) {
			get(e.Person).entries = append(get(e.Person).entries, e)
		}
	}
	for _, o := range in.Outcomes {
		if in.Period.Contains(o.Day) {
			get(o.Person).outcomes = append(get(o.Person).outcomes, o)
		}
	}
	return m
}

func scoreItem(in Inputs, it Item, p Person, pi *personInputs, peers *peerStats) ItemScore {
	if pi == nil {
		pi = &personInputs{}
	}
	is := ItemScore{ID: it.ID, Name: it.Name, Max: it.Max}
	switch it.Rule.Kind {
	case RuleIndicator:
		scoreIndicator(&is, in, it, p, peers)
	case RuleEvents:
		scoreEvents(&is, it, pi.entries)
	case RuleOutcome:
		scoreOutcomes(&is, it, pi.outcomes)
	case RuleRating:
		scoreRatings(&is, it, pi.entries)
	}
	is.Points = round2(is.Points)
	return is
}

// scoreIndicator scores an indicator item against the peer group.
func scoreIndicator(is *ItemScore, in Inputs, it Item, p Person, peers *peerStats) {
	r := it.Rule
	unit := unitFor(p, r)
	v, ok := in.Values[unit][r.Indicator]
	ok = ok && unit != ""
	name := in.Names[r.Indicator]
	if name == "" {
		name = r.Indicator
	}
	is.Points, is.Rule = IndicatorPoints(r, it.Max, v, ok, peers)
	if r.Of == OfDepartment {
		name = "所在部门" + name
		is.Rule = strings.ReplaceAll(is.Rule, "本人", "所在部门")
	}
	is.Inputs = indicatorInputs(name, r.Indicator, v, ok, peers)
	is.Inputs[0].Department = r.Of == OfDepartment
}

// scoreEvents scores the person's events of the item (负面清单, bonuses).
func scoreEvents(is *ItemScore, it Item, entries []Entry) {
	counts := map[string]int{}
	for _, e := range entries {
		if e.Item == it.ID && e.Event != "" {
			counts[e.Event]++
			is.Inputs = append(is.Inputs, Input{Label: e.Event + "（" + e.Day.String() + "）", Value: e.Evidence})
		}
	}
	is.Points, is.Rule = EventPoints(it.Rule, it.Max, counts)
}

// scoreOutcomes scores the outcomes other modules reported of the person.
func scoreOutcomes(is *ItemScore, it Item, outcomes []court.Outcome) {
	counts := map[string]int{}
	for _, o := range outcomes {
		counts[o.Kind]++
		if slices.ContainsFunc(it.Rule.Events, func(e EventType) bool { return e.Name == o.Kind }) {
			is.Inputs = append(is.Inputs, Input{Label: o.Kind + "（" + o.Day.String() + "）", Value: o.Ref})
		}
	}
	is.Points, is.Rule = EventPoints(it.Rule, it.Max, counts)
}

// scoreRatings scores the ratings given to the person on the item.
func scoreRatings(is *ItemScore, it Item, entries []Entry) {
	var vs []float64
	for _, e := range entries {
		if e.Item == it.ID && e.Event == "" {
			vs = append(vs, e.Value)
			is.Inputs = append(is.Inputs, Input{Label: it.Rule.Rating + "（" + e.By + "，" + e.Day.String() + "）", Value: fmtNum(e.Value)})
		}
	}
	is.Points, is.Rule = RatingPoints(it.Rule, it.Max, vs)
}

func indicatorInputs(name, id string, v Value, ok bool, peers *peerStats) []Input {
	if !ok || !v.Valid {
		return []Input{{Label: name, Value: "无数据", Indicator: id}}
	}
	in := []Input{{Label: name, Value: fmtValue(v.V), Indicator: id, HasDen: v.HasDen}}
	if v.HasDen {
		in = append(in, Input{Label: name + "（分子/分母）", Value: fmtNum(v.Num) + " / " + fmtNum(v.Den)})
	}
	if peers != nil && peers.n > 0 {
		in = append(in, Input{Label: "同组 " + fmt.Sprint(peers.n) + " 人：最低 / 平均 / 最高",
			Value: fmtValue(peers.min) + " / " + fmtValue(peers.mean) + " / " + fmtValue(peers.max)})
	}
	return in
}

// fmtValue prints an indicator value with up to four decimals.
func fmtValue(v float64) string {
	s := fmt.Sprintf("%.4f", v)
	for len(s) > 1 && s[len(s)-1] == '0' {
		s = s[:len(s)-1]
	}
	if s[len(s)-1] == '.' {
		s = s[:len(s)-1]
	}
	return s
}

// peerStats are the group's figures of one indicator: the values of the
// members that have one.
type peerStats struct {
	n                      int
	min, max, mean, median float64
}

func newPeerStats(in Inputs, r *Rule) *peerStats {
	var vs []float64
	for _, p := range in.People {
		u := unitFor(p, r)
		if v, ok := in.Values[u][r.Indicator]; ok && u != "" && v.Valid && !math.IsNaN(v.V) {
			vs = append(vs, v.V)
		}
	}
	return statsOf(vs)
}

func statsOf(vs []float64) *peerStats {
	ps := &peerStats{n: len(vs)}
	if len(vs) == 0 {
		return ps
	}
	slices.Sort(vs)
	ps.min, ps.max = vs[0], vs[len(vs)-1]
	sum := 0.0
	for _, v := range vs {
		sum += v
	}
	ps.mean = sum / float64(len(vs))
	ps.median = (vs[(len(vs)-1)/2] + vs[len(vs)/2]) / 2
	return ps
}
