package indicator

import (
	"context"
	"strconv"
	"strings"
	"sync"

	"github.com/zhixiao/zhixiao/internal/court"
)

// maxPlans bounds the plans an engine keeps; beyond it the plans for
// subsets of indicators are dropped.
const maxPlans = 64

// Engine evaluates indicator definitions over a Snapshot. It compiles a plan
// per set of definition versions on first use and keeps it; it is safe for
// concurrent use.
type Engine struct {
	s    *Snapshot
	defs *Definitions

	mu    sync.Mutex
	plans map[string]*plan
}

// NewEngine returns an engine over s; nil defs means DefaultDefinitions.
func NewEngine(s *Snapshot, defs *Definitions) (*Engine, error) {
	if defs == nil {
		var err error
		if defs, err = DefaultDefinitions(); err != nil {
			return nil, err
		}
	}
	return &Engine{s: s, defs: defs, plans: map[string]*plan{}}, nil
}

// New builds a snapshot from src and returns an engine over it.
func New(ctx context.Context, src Source, defs *Definitions) (*Engine, error) {
	s, err := Build(ctx, src)
	if err != nil {
		return nil, err
	}
	return NewEngine(s, defs)
}

// Snapshot returns the engine's snapshot.
func (e *Engine) Snapshot() *Snapshot { return e.s }

// Definitions returns the engine's definitions.
func (e *Engine) Definitions() *Definitions { return e.defs }

// Query asks for indicators over one period.
type Query struct {
	Period court.Period
	By     Grouping // the units results are given for
	Unit   string   // when set, only this unit (its grouping overrides By)
	Filter
	Indicators     []string       // when set, only these ids, in this order
	Versions       map[string]int // pinned definition versions by id; others: in force at T1
	WeightsVersion int            // pinned weight table version; 0: in force at T1
}

func (q Query) check() error {
	_, err := court.NewPeriod(q.Period.From, q.Period.To)
	return err
}

// Prepare compiles the plan a query would use, so that the first query
// does not pay for it.
func (e *Engine) Prepare(q Query) error {
	_, err := e.planFor(q)
	return err
}

// planFor returns the compiled plan for the definitions a query uses.
func (e *Engine) planFor(q Query) (*plan, error) {
	if err := q.check(); err != nil {
		return nil, err
	}
	for id := range q.Versions {
		if len(e.defs.byID[id]) == 0 {
			return nil, court.Errorf(court.NotFound, "未知指标“%s”", id)
		}
	}
	var defs []*Definition
	var key strings.Builder
	for _, id := range e.defs.order {
		d, err := e.defs.Select(id, q.Period.To, q.Versions[id])
		if err != nil {
			return nil, err
		}
		defs = append(defs, d)
		key.WriteString(id + ":" + strconv.Itoa(d.Version) + ",")
	}
	w, err := e.defs.weightsAt(q.Period.To, q.WeightsVersion)
	if err != nil {
		return nil, err
	}
	key.WriteString("w:" + strconv.Itoa(w.Version))
	full := key.String()
	e.mu.Lock()
	defer e.mu.Unlock()
	pl, ok := e.plans[full]
	if !ok {
		if pl, err = compilePlan(e.s, defs, w); err != nil {
			return nil, err
		}
		e.plans[full] = pl
	}
	if len(q.Indicators) == 0 {
		return pl, nil
	}
	sub := full + "|" + strings.Join(q.Indicators, ",")
	if sp, ok := e.plans[sub]; ok {
		return sp, nil
	}
	sp, err := pl.restrict(q.Indicators)
	if err != nil {
		return nil, err
	}
	if len(e.plans) >= maxPlans {
		for k := range e.plans {
			if strings.Contains(k, "|") {
				delete(e.plans, k) // sub-plans are cheap to make again
			}
		}
	}
	e.plans[sub] = sp
	return sp, nil
}

// Evaluate computes the indicators of a query for every unit of its grouping
// (or for its one unit), in one pass over the cases. Results are ordered by
// unit, then by indicator in definition order (or the query's order).
func (e *Engine) Evaluate(q Query) ([]Result, error) {
	pl, err := e.planFor(q)
	if err != nil {
		return nil, err
	}
	r, us, g, err := e.prepareRun(q, pl)
	if err != nil {
		return nil, err
	}
	r.execute()
	res := r.results(us, g)
	r.release()
	return res, nil
}

// prepareRun resolves the units of a query and sets up its run.
func (e *Engine) prepareRun(q Query, pl *plan) (*run, []unitRef, Grouping, error) {
	s := e.s
	g := q.By
	var us []unitRef
	l0, l1 := int32(0), int32(len(s.leafName))
	all := true
	var courts []int32
	if q.Unit != "" {
		u, err := s.lookupUnit(q.Unit)
		if err != nil {
			return nil, nil, 0, err
		}
		us, g = []unitRef{u}, u.g
		l0, l1 = s.leafRange(u)
		all = u.g == ByAll
		if u.g == ByCourt {
			courts = []int32{u.idx}
		}
	} else {
		if g > ByJudge {
			return nil, nil, 0, court.Errorf(court.Invalid, "分组方式无效")
		}
		for i := range s.count(g) {
			us = append(us, unitRef{g, int32(i)})
		}
	}
	if all {
		courts = iota32(len(s.courtName))
	}
	r := newRun(s, pl, q.Period, q.Filter, l0, l1)
	r.courts, r.g = courts, g
	return r, us, g, nil
}

// Units returns the units of a grouping, in result order.
func (e *Engine) Units(g Grouping) []Unit { return e.s.Units(g) }

// LookupUnit returns the unit of that name (全部, court, court/department,
// court/department/judge), or a NotFound error.
func (e *Engine) LookupUnit(name string) (Unit, error) {
	r, err := e.s.lookupUnit(name)
	if err != nil {
		return Unit{}, err
	}
	return e.s.unit(r), nil
}

// SeriesPoint is one month of a series.
type SeriesPoint struct {
	Period  court.Period
	Results []Result
}

// Series evaluates the query for every calendar month of its period (the
// first and last months cut to the period), with the definitions in force
// at the end of each month.
func (e *Engine) Series(q Query) ([]SeriesPoint, error) {
	if err := q.check(); err != nil {
		return nil, err
	}
	var out []SeriesPoint
	for from := q.Period.From; from <= q.Period.To; {
		t := from.Time()
		end := court.DateOf(t.Year(), t.Month()+1, 1) - 1
		mq := q
		mq.Period = court.Period{From: from, To: min(end, q.Period.To)}
		rs, err := e.Evaluate(mq)
		if err != nil {
			return nil, err
		}
		out = append(out, SeriesPoint{Period: mq.Period, Results: rs})
		from = end + 1
	}
	return out, nil
}

// YearOverYear evaluates the query and the same period one year earlier
// (同比, court.Period.YearBefore). The earlier period uses the same
// definition versions as the current one, so the two are comparable.
func (e *Engine) YearOverYear(q Query) (current, previous []Result, err error) {
	if current, err = e.Evaluate(q); err != nil {
		return nil, nil, err
	}
	pq := q
	pq.Period = q.Period.YearBefore()
	pq.Versions = map[string]int{}
	for _, id := range e.defs.order {
		d, _ := e.defs.Select(id, q.Period.To, q.Versions[id])
		pq.Versions[id] = d.Version
	}
	w, err := e.defs.weightsAt(q.Period.To, q.WeightsVersion)
	if err != nil {
		return nil, nil, err
	}
	pq.WeightsVersion = w.Version
	previous, err = e.Evaluate(pq)
	return current, previous, err
}

// MemoryBytes returns the memory of the snapshot and of the plans compiled
// so far that hold a profile per case (one per set of definition versions).
func (e *Engine) MemoryBytes() int64 {
	b := e.s.MemoryBytes()
	e.mu.Lock()
	defer e.mu.Unlock()
	seen := map[*uint16]bool{}
	for _, pl := range e.plans {
		if len(pl.prof) > 0 && !seen[&pl.prof[0]] {
			seen[&pl.prof[0]] = true
			b += int64(cap(pl.prof)) * 2
		}
	}
	return b
}
