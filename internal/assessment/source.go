package assessment

import (
	"context"
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

// IndicatorSource gives the indicator values of judge units in a period.
type IndicatorSource interface {
	// Values returns, for each unit asked for that has cases, the values of
	// the indicators ids; and the Chinese names of the indicators.
	Values(p court.Period, units []string, ids []string) (map[string]map[string]Value, map[string]string, error)
}

// EngineSource reads indicator values from the in-memory indicator engine:
// one pass over the cases for every judge unit.
type EngineSource struct{ Engine *indicator.Engine }

// Values evaluates the indicators by judge unit and keeps the units asked
// for (every unit when units is nil).
func (es EngineSource) Values(p court.Period, units []string, ids []string) (map[string]map[string]Value, map[string]string, error) {
	out := map[string]map[string]Value{}
	names := map[string]string{}
	if es.Engine == nil || len(ids) == 0 {
		return out, names, nil
	}
	want := make(map[string]bool, len(units))
	for _, u := range units {
		if u != "" {
			want[u] = true
		}
	}
	rs, err := es.Engine.Evaluate(indicator.Query{Period: p, By: indicator.ByJudge, Indicators: ids})
	if err != nil {
		return nil, nil, err
	}
	for _, r := range rs {
		if r.Definition != nil {
			names[r.Indicator] = r.Definition.Name
		}
		if units != nil && !want[r.Unit] {
			continue
		}
		m := out[r.Unit]
		if m == nil {
			m = map[string]Value{}
			out[r.Unit] = m
		}
		m[r.Indicator] = Value{Num: r.Numerator.V, Den: r.Denominator.V, HasDen: r.Denominator.Valid,
			V: r.Value.V, Valid: r.Value.Valid, Rate: r.Definition != nil && r.Definition.IsRate()}
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
		for _, m := range members {
			units = append(units, m.Unit)
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

// CachedSource evaluates the engine once per period and set of indicators
// for every judge unit and keeps the result, so that the schemes of every
// court computed for one month share one pass over the cases.
type CachedSource struct {
	Engine *indicator.Engine
	mu     sync.Mutex
	m      map[string]cachedValues
}

type cachedValues struct {
	vals  map[string]map[string]Value
	names map[string]string
}

// Values returns the values of every judge unit (a superset of units).
func (c *CachedSource) Values(p court.Period, units []string, ids []string) (map[string]map[string]Value, map[string]string, error) {
	sorted := slices.Clone(ids)
	slices.Sort(sorted)
	key := p.String() + "|" + strings.Join(sorted, ",")
	c.mu.Lock()
	defer c.mu.Unlock()
	if v, ok := c.m[key]; ok {
		return v.vals, v.names, nil
	}
	vals, names, err := EngineSource{Engine: c.Engine}.Values(p, nil, sorted)
	if err != nil {
		return nil, nil, err
	}
	if c.m == nil {
		c.m = map[string]cachedValues{}
	}
	c.m[key] = cachedValues{vals, names}
	return vals, names, nil
}
