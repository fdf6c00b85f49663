package assessment

import (
	"context"
	"maps"
	"slices"
	"strings"
	"sync"

	"github.com/zhixiao/zhixiao/internal/court"
	"github.com/zhixiao/zhixiao/internal/indicator"
)

// OutcomeSource reports the outcomes of other modules (督办超期, 销号被退回,
// 投诉查实, 参加培训) about the people of a court in a period. The
// supervision and petitions stores implement it (SupervisionOutcomes,
// PetitionOutcomes); the lead wires them into Sources.Outcomes.
type OutcomeSource interface {
	Outcomes(ctx context.Context, courtID int64, from, to court.Date) ([]court.Outcome, error)
}

// OutcomeFunc adapts a function (e.g. a method value such as
// db.SupervisionOutcomes) to an OutcomeSource.
type OutcomeFunc func(ctx context.Context, courtID int64, from, to court.Date) ([]court.Outcome, error)

// Outcomes calls f.
func (f OutcomeFunc) Outcomes(ctx context.Context, courtID int64, from, to court.Date) ([]court.Outcome, error) {
	return f(ctx, courtID, from, to)
}

// IndicatorSource gives the indicator values of engine units (judge units
// court/department/name and department units court/department) in a period.
type IndicatorSource interface {
	// Values returns, for each unit asked for that has cases, the values of
	// the indicators ids; and the Chinese names of the indicators.
	Values(p court.Period, units []string, ids []string) (map[string]map[string]Value, map[string]string, error)
}

// EngineSource reads indicator values from the in-memory indicator engine:
// one pass over the cases for every judge unit (and one for every
// department when department units are asked for).
type EngineSource struct{ Engine *indicator.Engine }

// groupingsOf returns the groupings the units need: judges when any unit
// (or none given: nil) is a judge unit, departments when any is one.
func groupingsOf(units []string) []indicator.Grouping {
	judges, depts := units == nil, false
	for _, u := range units {
		switch strings.Count(u, "/") {
		case 2:
			judges = true
		case 1:
			depts = true
		}
	}
	var gs []indicator.Grouping
	if judges {
		gs = append(gs, indicator.ByJudge)
	}
	if depts {
		gs = append(gs, indicator.ByDepartment)
	}
	return gs
}

// evaluate returns the values of every unit of a grouping, into out.
func (es EngineSource) evaluate(p court.Period, g indicator.Grouping, ids []string, out map[string]map[string]Value, names map[string]string) error {
	rs, err := es.Engine.Evaluate(indicator.Query{Period: p, By: g, Indicators: ids})
	if err != nil {
		return err
	}
	for _, r := range rs {
		if r.Definition != nil {
			names[r.Indicator] = r.Definition.Name
		}
		m := out[r.Unit]
		if m == nil {
			m = map[string]Value{}
			out[r.Unit] = m
		}
		m[r.Indicator] = Value{Num: r.Numerator.V, Den: r.Denominator.V, HasDen: r.Denominator.Valid,
			V: r.Value.V, Valid: r.Value.Valid, Rate: r.Definition != nil && r.Definition.IsRate()}
	}
	return nil
}

// Values evaluates the indicators for the units asked for (every judge
// unit when units is nil).
func (es EngineSource) Values(p court.Period, units []string, ids []string) (map[string]map[string]Value, map[string]string, error) {
	out := map[string]map[string]Value{}
	names := map[string]string{}
	if es.Engine == nil || len(ids) == 0 {
		return out, names, nil
	}
	for _, g := range groupingsOf(units) {
		if err := es.evaluate(p, g, ids, out, names); err != nil {
			return nil, nil, err
		}
	}
	if units != nil {
		want := make(map[string]bool, len(units))
		for _, u := range units {
			want[u] = true
		}
		for u := range out {
			if !want[u] {
				delete(out, u)
			}
		}
	}
	return out, names, nil
}

// JudgeUnit is the indicator engine's name of a person's judge unit.
func JudgeUnit(courtName, deptName, name string) string {
	return courtName + "/" + deptName + "/" + name
}

// Members returns the people a scheme assesses: active, of its court and
// its category (CategoryOf), in the order given.
func Members(people []Person, s *Scheme) []Person {
	var out []Person
	for _, p := range people {
		if p.Court == s.Court && p.Category == s.Category {
			out = append(out, p)
		}
	}
	return out
}

// Sources are where a month's inputs come from besides the hand entries.
type Sources struct {
	Indicators IndicatorSource
	Outcomes   []OutcomeSource
}

// Gather collects the inputs of a scheme's month: the indicator values of
// the members' units and the outcomes of the other modules.
func (src Sources) Gather(ctx context.Context, s *Scheme, p court.Period, members []Person, entries []Entry) (Inputs, error) {
	in := Inputs{Scheme: s, Period: p, People: members, Entries: entries, Values: map[string]map[string]Value{}, Names: map[string]string{}}
	ids := s.Indicators()
	if src.Indicators != nil && len(ids) > 0 {
		units := make([]string, 0, len(members))
		depts := s.ReadsDepartments()
		for _, m := range members {
			if m.Unit != "" {
				units = append(units, m.Unit)
			}
			if depts && m.DeptUnit != "" && !slices.Contains(units, m.DeptUnit) {
				units = append(units, m.DeptUnit)
			}
		}
		var err error
		if in.Values, in.Names, err = src.Indicators.Values(p, units, ids); err != nil {
			return in, err
		}
	}
	ids2 := map[int64]bool{}
	for _, m := range members {
		ids2[m.ID] = true
	}
	for _, os := range src.Outcomes {
		outs, err := os.Outcomes(ctx, s.Court, p.From, p.To)
		if err != nil {
			return in, err
		}
		for _, o := range outs {
			if ids2[o.Person] && slices.Contains(OutcomeKinds, o.Kind) {
				in.Outcomes = append(in.Outcomes, o)
			}
		}
	}
	return in, nil
}

// CachedSource evaluates the engine once per period, grouping and set of
// indicators for every unit of the grouping and keeps the result, so that
// the schemes of every court computed for one month share one pass over
// the cases.
type CachedSource struct {
	Engine *indicator.Engine
	mu     sync.Mutex
	m      map[string]cachedValues
}

type cachedValues struct {
	vals  map[string]map[string]Value
	names map[string]string
}

// Values returns the values of every unit of the groupings the units need
// (a superset of units).
func (c *CachedSource) Values(p court.Period, units []string, ids []string) (map[string]map[string]Value, map[string]string, error) {
	sorted := slices.Clone(ids)
	slices.Sort(sorted)
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = map[string]cachedValues{}
	}
	var parts []cachedValues
	for _, g := range groupingsOf(units) {
		key := p.String() + "|" + g.String() + "|" + strings.Join(sorted, ",")
		v, ok := c.m[key]
		if !ok {
			v = cachedValues{map[string]map[string]Value{}, map[string]string{}}
			if c.Engine != nil && len(ids) > 0 {
				if err := (EngineSource{Engine: c.Engine}).evaluate(p, g, sorted, v.vals, v.names); err != nil {
					return nil, nil, err
				}
			}
			c.m[key] = v
		}
		parts = append(parts, v)
	}
	switch len(parts) {
	case 0:
		return map[string]map[string]Value{}, map[string]string{}, nil
	case 1:
		return parts[0].vals, parts[0].names, nil
	}
	vals := maps.Clone(parts[0].vals)
	maps.Copy(vals, parts[1].vals)
	return vals, parts[0].names, nil
}
