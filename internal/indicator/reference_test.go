package indicator

import (
	"slices"
	"sort"

	"github.com/zhixiao/zhixiao/internal/court"
)

// This file computes INDICATORS.md directly from the court types, case by
// case, with none of the engine's machinery: the differential tests require
// the engine to agree with it to the case.

// refFigures is num, den (and the median's values) per unit and indicator.
type refFigures struct {
	num, den map[string]map[string]float64
	medians  map[string][]int
}

func (f *refFigures) add(unit, id string, num, den float64) {
	if f.num[unit] == nil {
		f.num[unit], f.den[unit] = map[string]float64{}, map[string]float64{}
	}
	f.num[unit][id] += num
	f.den[unit][id] += den
}

type refData struct {
	src        *memSource
	courtName  map[string]string // name or code -> name
	byNo       map[string]*court.Case
	originOf   map[*court.Case]*court.Case
	namedBy2   map[*court.Case]bool
	namedByExe map[*court.Case]bool
	desc       map[*court.Case][]*court.Case
}

func newRefData(src *memSource) *refData {
	d := &refData{src: src, courtName: map[string]string{}, byNo: map[string]*court.Case{},
		originOf: map[*court.Case]*court.Case{}, namedBy2: map[*court.Case]bool{},
		namedByExe: map[*court.Case]bool{}, desc: map[*court.Case][]*court.Case{}}
	for _, c := range src.courts {
		d.courtName[c.Name] = c.Name
	}
	for _, c := range src.courts {
		if _, ok := d.courtName[c.Code]; c.Code != "" && !ok {
			d.courtName[c.Code] = c.Name
		}
	}
	for i := range src.cases {
		d.byNo[src.cases[i].No.String()] = &src.cases[i]
	}
	trial := func(k court.Kind) bool {
		return k == court.KindCriminal || k == court.KindCivil || k == court.KindAdministrative
	}
	for i := range src.cases {
		c := &src.cases[i]
		if c.OriginNo == "" {
			continue
		}
		no, err := court.ParseCaseNo(c.OriginNo)
		if err != nil {
			continue
		}
		o := d.byNo[no.String()]
		if o == nil || o == c {
			continue
		}
		d.originOf[c] = o
		if c.No.Level == court.LevelSecond && trial(c.No.Kind) {
			d.namedBy2[o] = true
		}
		if c.No.Level == court.LevelExecFirst {
			d.namedByExe[o] = true
		}
	}
	for i := range src.cases {
		c := &src.cases[i]
		var seen []*court.Case
		for a := d.originOf[c]; a != nil && a != c && !slices.Contains(seen, a) && len(seen) < maxChain; a = d.originOf[a] {
			seen = append(seen, a)
			d.desc[a] = append(d.desc[a], c)
		}
	}
	return d
}

func (d *refData) court(s string) string {
	if n, ok := d.courtName[s]; ok {
		return n
	}
	return s
}

// unitOf names the unit of a case's 承办 in a grouping.
func (d *refData) unitOf(c *court.Case, g Grouping) string {
	return d.unitName(g, d.court(c.Court), c.Department, c.Judge)
}

func (d *refData) unitName(g Grouping, courtName, dept, judge string) string {
	switch g {
	case ByCourt:
		return courtName
	case ByDepartment:
		return courtName + "/" + dept
	case ByJudge:
		return courtName + "/" + dept + "/" + judge
	}
	return AllUnit
}

// memberDept is the department a panel member counts in.
func (d *refData) memberDept(c *court.Case, name string) string {
	dept, found := c.Department, false
	for _, p := range d.src.people {
		if d.court(p.Court) != d.court(c.Court) || p.Name != name {
			continue
		}
		if p.Department == c.Department {
			return p.Department
		}
		if !found {
			dept, found = p.Department, true
		}
	}
	return dept
}

// judges counts the 在岗员额法官 of a unit.
func (d *refData) judges(g Grouping, unit string) float64 {
	var n float64
	inDept := false
	for _, p := range d.src.people {
		if g == ByJudge && d.unitName(ByJudge, d.court(p.Court), p.Department, p.Name) == unit {
			inDept = true
		}
	}
	for _, p := range d.src.people {
		if p.Category != court.CategoryJudge || !p.Active {
			continue
		}
		pc := d.court(p.Court)
		switch g {
		case ByJudge:
			if d.unitName(ByJudge, pc, p.Department, p.Name) == unit ||
				(!inDept && sameCourtAndName(unit, pc, p.Name)) {
				return 1
			}
		default:
			if d.unitName(g, pc, p.Department, p.Name) == unit {
				n++
			}
		}
	}
	return n
}

func sameCourtAndName(unit, courtName, name string) bool {
	return len(unit) > len(courtName) && unit[:len(courtName)+1] == courtName+"/" &&
		unit[len(unit)-len(name)-1:] == "/"+name
}

// kindWeight is INDICATORS.md's kind weight.
func kindWeight(c *court.Case) float64 {
	k, l := c.No.Kind, c.No.Level
	trial := k == court.KindCriminal || k == court.KindCivil || k == court.KindAdministrative
	switch {
	case trial && l == court.LevelFirst:
		return 1.5
	case trial && (l == court.LevelSecond || l == court.LevelRetrial):
		return 1.0
	case l == court.LevelRetrialReview:
		return 0.5
	case l == court.LevelExecFirst:
		return 1.0
	case l == court.LevelExecResume, l == court.LevelExecObjection, l == court.LevelExecReview:
		return 0.5
	case l == court.LevelSpecial, l == court.LevelDunning, l == court.LevelPublicNotice:
		return 0.3
	case k == court.KindPreLitigation, l == court.LevelPreLitigation:
		return 0
	}
	return 0.5
}

// reference computes every indicator for grouping g, period p and filter f.
func (d *refData) reference(p court.Period, g Grouping, f Filter) *refFigures {
	r := &refFigures{num: map[string]map[string]float64{}, den: map[string]map[string]float64{}, medians: map[string][]int{}}
	t0, t1 := p.From, p.To
	in := func(x court.Date) bool { return x != court.NoDate && x >= t0 && x <= t1 }
	pass := func(c *court.Case) bool { return f.pass(c.No.Kind, c.No.Level) }
	trial := func(c *court.Case) bool {
		k := c.No.Kind
		return k == court.KindCriminal || k == court.KindCivil || k == court.KindAdministrative
	}
	first := func(c *court.Case) bool { return trial(c) && c.No.Level == court.LevelFirst }
	for i := range d.src.cases {
		c := &d.src.cases[i]
		if !pass(c) {
			continue
		}
		u := d.unitOf(c, g)
		open := c.ClosedOn == court.NoDate
		ps := c.FiledOn < t0 && (open || c.ClosedOn >= t0)
		fi := in(c.FiledOn)
		cl := in(c.ClosedOn)
		pe := c.FiledOn <= t1 && (open || c.ClosedOn > t1)
		b := func(x bool) float64 {
			if x {
				return 1
			}
			return 0
		}
		r.add(u, "filed", b(fi), 0)
		r.add(u, "pending_start", b(ps), 0)
		r.add(u, "closed", b(cl), 0)
		r.add(u, "pending_end", b(pe), 0)
		r.add(u, "clearance", b(cl), b(fi))
		r.add(u, "closure_rate", b(cl), b(ps || fi))
		r.add(u, "disposition_time", b(pe), b(cl))
		r.add(u, "closed_per_judge", b(cl), 0)
		if pe {
			age := int(t1 - c.FiledOn)
			r.add(u, "over_12m_ratio", b(age > 365), 1)
			for _, bk := range []struct {
				id     string
				lo, hi int
			}{{"age_0_90", 0, 90}, {"age_91_180", 91, 180}, {"age_181_365", 181, 365}, {"age_366_730", 366, 730}, {"age_731_1095", 731, 1095}, {"age_over_1095", 1096, 1 << 30}} {
				r.add(u, bk.id, b(age >= bk.lo && age <= bk.hi), 0)
			}
		}
		if fi {
			r.add(u, "efile_sync_rate", b(c.EfileOn != court.NoDate && c.EfileOn-c.FiledOn <= 3), 1)
			if c.No.Kind == court.KindCivil && c.No.Level == court.LevelFirst {
				r.add(u, "prelit_mediation_rate", 0, 1)
			}
		}
		if !cl {
			continue
		}
		days := float64(c.ClosedOn - c.FiledOn)
		r.add(u, "avg_days", days, 1)
		r.medians[u] = append(r.medians[u], int(c.ClosedOn-c.FiledOn))
		if c.EfileOn != court.NoDate {
			r.add(u, "efile_read_rate", b(c.EfileReads >= 1), 1)
		}
		if c.LimitDays > 0 {
			r.add(u, "within_limit_rate", b(int(c.ClosedOn-c.FiledOn)-c.SuspendedDays <= c.LimitDays+c.ExtendedDays), 1)
		}
		if first(c) {
			app := c.Appealed == court.Yes || (c.Appealed == court.Unknown && d.namedBy2[c])
			r.add(u, "appeal_rate", b(app), 1)
			r.add(u, "acceptance_rate", b(!app), 1)
			r.add(u, "reversal_rate", 0, 1)
			n := 0
			for _, x := range d.desc[c] {
				if x.FiledOn <= t1 {
					n++
				}
			}
			r.add(u, "case_to_matter_ratio", 1+float64(n), 1)
		}
		lvl, cm := c.No.Level, c.CloseMethod
		if trial(c) && lvl == court.LevelSecond {
			r.add(u, "appeal_modify_remand_ratio", b(cm == court.CloseModify), b(cm == court.CloseRemand))
			r.add(u, "appeal_hearing_rate", b(c.Hearings >= 1), 1)
		}
		if trial(c) && lvl == court.LevelRetrial {
			r.add(u, "retrial_modify_remand_ratio", b(cm == court.CloseModify), b(cm == court.CloseRemand))
		}
		if (c.No.Kind == court.KindCivil || c.No.Kind == court.KindAdministrative) && (lvl == court.LevelFirst || lvl == court.LevelSecond) {
			r.add(u, "mediation_withdrawal_rate", b(cm == court.CloseMediation || cm == court.CloseWithdrawal || cm == court.CloseAppealWithdrawn || cm == court.CloseSettlement), 1)
		}
		if c.No.Kind == court.KindCivil {
			r.add(u, "mediation_rate", b(cm == court.CloseMediation), 1)
			if lvl == court.LevelFirst && (cm == court.CloseJudgment || cm == court.CloseMediation) {
				r.add(u, "enforcement_request_rate", b(d.namedByExe[c]), 1)
			}
		}
		if lvl == court.LevelExecFirst {
			r.add(u, "exec_recovery_rate", max(c.ExecRecovered.Yuan(), 0), max(c.ExecAmount.Yuan(), 0))
			r.add(u, "exec_completion_rate", b(cm == court.CloseExecCompleted), 1)
			r.add(u, "exec_termination_rate", b(cm == court.CloseExecSuspended), 1)
		}
		d.weights(r, c, g, u)
	}
	d.reversals(r, p, g, f)
	d.fundsAndMediations(r, p, g, f)
	return r
}

func (d *refData) weights(r *refFigures, c *court.Case, g Grouping, u string) {
	kw := kindWeight(c)
	if g != ByJudge {
		r.add(u, "weighted_closed", kw, 0)
		return
	}
	var members []string
	for _, m := range c.Panel {
		if m != "" {
			members = append(members, m)
		}
	}
	if len(members) == 0 {
		r.add(u, "weighted_closed", kw, 0)
		return
	}
	r.add(u, "weighted_closed", kw*0.6, 0)
	for _, m := range members {
		r.add(d.unitName(ByJudge, d.court(c.Court), d.memberDept(c, m), m), "weighted_closed", kw*0.2, 0)
	}
}

func (d *refData) reversals(r *refFigures, p court.Period, g Grouping, f Filter) {
	for i := range d.src.cases {
		c := &d.src.cases[i]
		o := d.originOf[c]
		k := c.No.Kind
		if o == nil || c.No.Level != court.LevelSecond || !(k == court.KindCriminal || k == court.KindCivil || k == court.KindAdministrative) {
			continue
		}
		ok := o.No.Kind
		if o.No.Level != court.LevelFirst || !(ok == court.KindCriminal || ok == court.KindCivil || ok == court.KindAdministrative) {
			continue
		}
		if !p.Contains(c.ClosedOn) || (c.CloseMethod != court.CloseModify && c.CloseMethod != court.CloseRemand) || !f.pass(o.No.Kind, o.No.Level) {
			continue
		}
		r.add(d.unitOf(o, g), "reversal_rate", 1, 0)
	}
}

func (d *refData) fundsAndMediations(r *refFigures, p court.Period, g Grouping, f Filter) {
	for _, x := range d.src.funds {
		no, err := court.ParseCaseNo(x.CaseNo)
		if err != nil {
			continue
		}
		c := d.byNo[no.String()]
		if c == nil || !f.pass(c.No.Kind, c.No.Level) || !p.Contains(x.ReceivedOn) {
			continue
		}
		paid := x.PaidOn != court.NoDate && x.PaidOn <= p.To
		num := paid && x.PaidOn-x.ReceivedOn <= court.FundPayoutDays
		den := paid || x.ReceivedOn+court.FundPayoutDays <= p.To
		r.add(d.unitOf(c, g), "funds_timely_rate", b2f(num), b2f(den))
	}
	if g == ByDepartment || g == ByJudge {
		return
	}
	for _, m := range d.src.meds {
		if m.Result == court.MediationSuccess && p.Contains(m.EndedOn) {
			r.add(d.unitName(g, d.court(m.Court), "", ""), "prelit_mediation_rate", 1, 1)
		}
	}
}

func b2f(x bool) float64 {
	if x {
		return 1
	}
	return 0
}

// refResult turns the reference figures of one unit into a Result the way
// INDICATORS.md reports them.
func (d *refData) refResult(r *refFigures, g Grouping, unit string, def *Definition, days float64) Result {
	num, den := r.num[unit][def.ID], r.den[unit][def.ID]
	out := Result{UnitType: g.String(), Unit: unit, Indicator: def.ID}
	switch def.ID {
	case "closed_per_judge":
		den = d.judges(g, unit)
	}
	switch def.Formula.Agg {
	case AggCount, AggSum:
		out.Numerator, out.Value = Num(num), Num(num)
	case AggMedian:
		vs := append([]int(nil), r.medians[unit]...)
		out.Denominator = Num(float64(len(vs)))
		if len(vs) > 0 {
			sort.Ints(vs)
			out.Value = Num((float64(vs[(len(vs)-1)/2]) + float64(vs[len(vs)/2])) / 2)
		}
	default:
		out.Numerator, out.Denominator = Num(num), Num(den)
		if den != 0 {
			v := num / den
			if def.Formula.Agg == AggRatioDays {
				v *= days
			}
			out.Value = Num(v)
		}
	}
	return out
}
