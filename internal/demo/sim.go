package demo

import (
	"math"

	"github.com/zhixiao/zhixiao/internal/court"
)

// freshShare is the share of cases filed fresh rather than derived from
// another case, used to set the filing rate of the warm-up.
const freshShare = 0.85

// spec is what a case is made of before it is filed.
type spec struct {
	typ     caseType
	court   *courtInfo
	dept    *dept // nil: routed by type and 案由
	cause   *cause
	claim   court.Money // 诉讼标的额
	exec    court.Money // 申请执行标的额
	origin  string      // 原审案号
	track   court.Track // forced 适用程序 (重审: 普通程序); TrackNone: chosen
	src     *courtInfo  // court of the 一审 behind a 二审 or 民申
	srcDept *dept
	dur     int  // duration drawn in advance for a warm-up case; 0: drawn at filing
	anchor  bool // the reason its origin, closed before the window, is in the data set
}

// child is a derived case planned by its origin.
type child struct {
	day court.Date
	sp  spec
}

// seqCounter numbers the cases of one court, type and year.
type seqCounter struct{ year, n int }

// sim is one generation run.
type sim struct {
	cfg    Config
	r      rng
	sink   Sink
	org    *org
	types  [numTypes]typeInfo
	causes *causes

	warm, start, end court.Date
	version, change  int // eligibility version; index of the next judge change
	seq              [][numTypes]seqCounter
	buckets          [][]spec // planned derived cases by filing day - warm
	fresh            []freshPair
	freshPick        weights
	kids             []child
	kept             int // cases given to the sink in the current phase (warm-up, then window)
	windowTarget     int // cases the window must have
	med              mediations
}

// freshPair is a court and a type of fresh case with its share.
type freshPair struct {
	court *courtInfo
	typ   caseType
}

func newSim(cfg Config, sink Sink) *sim {
	s := &sim{cfg: cfg, r: newRNG(cfg.Seed), sink: sink, types: typeTable(), causes: newCauses()}
	p := cfg.Period()
	s.start, s.end, s.warm = p.From, p.To, addYears(p.From, -3)
	s.org = buildOrg(s.r, cfg, newNameGen())
	s.seq = make([][numTypes]seqCounter, len(s.org.courts))
	s.buckets = make([][]spec, int(s.end-s.warm)+1)
	s.version = 1
	s.buildFreshMix()
	s.med = newMediations(s)
	return s
}

// basicShares is the mix of fresh cases of a 基层法院 per unit of its weight;
// the 行初 share goes to the first court (集中管辖).
var basicShares = []struct {
	typ   caseType
	share float64
}{
	{civilFirst, 0.60}, {execFirst, 0.14}, {criminalFirst, 0.095}, {civilSpecial, 0.035}, {civilDunning, 0.012},
}

// midShares is the mix of fresh cases of the 中院 per unit of the basic courts' weight.
var midShares = []struct {
	typ   caseType
	share float64
}{
	{civilFirst, 0.012}, {criminalFirst, 0.003}, {adminFirst, 0.004}, {execFirst, 0.008}, {civilSpecial, 0.003},
}

// adminShare is the share of 行初 among the basic courts' fresh cases.
const adminShare = 0.011

func (s *sim) buildFreshMix() {
	var ws []float64
	total := 0.0
	for _, ci := range s.org.courts[1:] {
		total += ci.weight
		for _, b := range basicShares {
			s.fresh = append(s.fresh, freshPair{ci, b.typ})
			ws = append(ws, ci.weight*b.share)
		}
	}
	s.fresh = append(s.fresh, freshPair{s.org.courts[1], adminFirst})
	ws = append(ws, total*adminShare)
	for _, m := range midShares {
		s.fresh = append(s.fresh, freshPair{s.org.courts[0], m.typ})
		ws = append(ws, total*m.share)
	}
	s.freshPick = newWeights(ws...)
}

// run emits the whole city: the organisation, the warm-up, the window.
func (s *sim) run() error {
	if err := s.emitOrg(); err != nil {
		return err
	}
	windowWeight := 0.0
	for d := s.start; d <= s.end; d++ {
		windowWeight += filingWeight(d) * growthFactor(d, s.start)
	}
	if err := s.warmUp(float64(s.cfg.Cases) * freshShare / windowWeight); err != nil {
		return err
	}
	s.windowTarget = s.cfg.Cases - s.kept
	s.kept = 0
	return s.window(windowWeight)
}

// warmUp files the cases of the three years before the window at rate
// fresh cases per unit of filing weight. Few of them are kept.
func (s *sim) warmUp(rate float64) error {
	acc := 0.0
	for d := s.warm; d < s.start; d++ {
		s.advance(d)
		if err := s.drain(d); err != nil {
			return err
		}
		acc += rate * filingWeight(d) * growthFactor(d, s.start)
		for ; acc >= 1; acc-- {
			if err := s.file(d, s.freshSpec()); err != nil {
				return err
			}
		}
	}
	return nil
}

// window files the cases of the window. Each day, after the derived cases
// due, fresh cases bring the count to the day's share of windowTarget, so
// that the data set has exactly Config.Cases cases.
func (s *sim) window(totalWeight float64) error {
	cum := 0.0
	for d := s.start; d <= s.end; d++ {
		s.advance(d)
		if err := s.drain(d); err != nil {
			return err
		}
		cum += filingWeight(d) * growthFactor(d, s.start)
		target := int(math.Round(float64(s.windowTarget) * cum / totalWeight))
		for s.kept < target {
			if err := s.file(d, s.freshSpec()); err != nil {
				return err
			}
		}
		if err := s.med.day(d); err != nil {
			return err
		}
	}
	return nil
}

// emitOrg gives the courts, departments and people to the sink.
func (s *sim) emitOrg() error {
	for _, ci := range s.org.courts {
		c := ci.Court
		if err := s.sink.Court(&c); err != nil {
			return err
		}
	}
	if ds, ok := s.sink.(DepartmentSink); ok {
		for i := range s.org.depts {
			d := s.org.depts[i]
			if err := ds.Department(&d); err != nil {
				return err
			}
		}
	}
	for i := range s.org.people {
		p := s.org.people[i]
		if err := s.sink.Person(&p); err != nil {
			return err
		}
	}
	return nil
}

// advance moves the eligibility of judges to day d.
func (s *sim) advance(d court.Date) {
	for s.change < len(s.org.changes) && s.org.changes[s.change] <= d {
		s.change++
		s.version++
	}
}

// drain files the derived cases planned for day d. In the window it skips
// them once the window has all its cases (they are not filed yet), except
// those whose origin is in the data set only because of them.
func (s *sim) drain(d court.Date) error {
	i := int(d - s.warm)
	due := s.buckets[i]
	s.buckets[i] = nil
	for _, sp := range due {
		if d >= s.start && s.kept >= s.windowTarget && !sp.anchor {
			continue
		}
		if err := s.file(d, sp); err != nil {
			return err
		}
	}
	return nil
}

// plan records a derived case to be filed on day (moved to a working day).
// A case filed before the window is kept only if it is still pending when
// the window starts, so its duration is drawn now; it is dropped otherwise.
func (s *sim) plan(today, day court.Date, sp spec) {
	day = nextWorkday(max(day, today+1))
	if day > s.end {
		return
	}
	if day < s.start {
		ti := &s.types[sp.typ]
		med, sigma := ti.median, ti.sigma
		if sp.typ.isFirst() {
			med, sigma = trackDuration(sp.typ, court.TrackOrdinary)
			if med == 0 {
				med, sigma = ti.median, ti.sigma
			}
		}
		sp.dur = s.r.days(med, sigma, 1)
		if day+court.Date(sp.dur) < s.start {
			return
		}
	}
	s.kids = append(s.kids, child{day, sp})
}

// freshSpec draws a fresh case: its court, type, 案由 and amounts.
func (s *sim) freshSpec() spec {
	fp := s.fresh[s.freshPick.pick(s.r)]
	sp := spec{typ: fp.typ, court: fp.court, claim: court.NoMoney, exec: court.NoMoney}
	sp.cause = s.freshCauses(fp.typ, !fp.court.basic).draw(s.r)
	if fp.typ == execFirst {
		sp.exec = s.claim(sp.cause, 0.6, 1.1)
		return sp
	}
	sp.claim = s.claim(sp.cause, 1, 1)
	return sp
}

// claim draws an amount for a matter of cause c, times a factor in [lo, hi];
// NoMoney when the matter has none.
func (s *sim) claim(c *cause, lo, hi float64) court.Money {
	if c.claim == 0 || s.r.chance(c.noClaim) {
		return court.NoMoney
	}
	yuan := max(s.r.lognormal(c.claim, c.spread)*s.r.uniform(lo, hi), 200)
	if s.r.chance(0.7) {
		return court.Money(math.Round(yuan)) * 100
	}
	return court.Money(math.Round(yuan * 100))
}

// freshCauses is where the 案由 of a fresh case of type t come from.
func (s *sim) freshCauses(t caseType, mid bool) *causeSet {
	cs := s.causes
	switch t {
	case criminalFirst:
		return pickSet(mid, &cs.serious, &cs.criminal)
	case adminFirst:
		return pickSet(mid, &cs.bigAdmin, &cs.admin)
	case civilSpecial:
		return pickSet(mid, &cs.arbitration, &cs.special)
	case civilDunning:
		return &cs.dunning
	case execFirst:
		return pickSet(mid, &cs.execBig, &cs.execCivil)
	}
	return pickSet(mid, &cs.bigCivil, &cs.civil)
}

func pickSet(mid bool, ifMid, otherwise *causeSet) *causeSet {
	if mid {
		return ifMid
	}
	return otherwise
}
