package indicator

import (
	"slices"
	"sort"

	"github.com/zhixiao/zhixiao/internal/court"
)

// Part is the numerator or the denominator of an indicator.
type Part uint8

// The parts.
const (
	PartNumerator Part = iota + 1
	PartDenominator
)

// ParsePart reads numerator / denominator (or 分子 / 分母).
func ParsePart(s string) (Part, error) {
	switch s {
	case "numerator", "分子", "num":
		return PartNumerator, nil
	case "denominator", "分母", "den":
		return PartDenominator, nil
	}
	return 0, court.Errorf(court.Invalid, "--part 应为 numerator（分子）或 denominator（分母），而不是“%s”", s)
}

// String returns 分子 or 分母.
func (p Part) String() string {
	if p == PartDenominator {
		return "分母"
	}
	return "分子"
}

// drillItem is one row behind a number: a case, a receipt, a mediation or a
// judge.
type drillItem struct {
	src int   // refCaseTerm, refFundTerm, refMedTerm, refJudges
	idx int32 // case, receipt or mediation index
	txt string
}

// DrillDown lists what is behind one part of one indicator for the query's
// unit (全部 when q.Unit is empty): the 案号 of the cases; for execution
// funds the receipts' 案号 (once per receipt); for pre-litigation mediations
// their 编号; for closed_per_judge's denominator the judges. The list has as
// many entries as the part counts (for case_to_matter_ratio's numerator:
// the 一审 cases and then their derived cases).
func (e *Engine) DrillDown(q Query, id string, part Part) ([]string, error) {
	q.Indicators = []string{id}
	pl, err := e.planFor(q)
	if err != nil {
		return nil, err
	}
	if q.Unit == "" {
		q.Unit = AllUnit
	}
	r, us, _, err := e.prepareRun(q, pl)
	if err != nil {
		return nil, err
	}
	ind := &pl.inds[0]
	d := ind.def
	var items []drillItem
	switch {
	case d.IsCount() && part == PartDenominator:
		return nil, court.Errorf(court.Invalid, "指标“%s”是计数，没有分母", d.Name)
	case d.Formula.Agg == AggMedian && part == PartNumerator:
		return nil, court.Errorf(court.Invalid, "指标“%s”是中位数，没有分子；分母为参与计算的案件", d.Name)
	case d.Formula.Agg == AggMedian:
		items = r.drillTerms(ind.num, us[0])
	case d.Formula.Agg == AggComplement && part == PartNumerator:
		items = minus(r.drillTerms(ind.den, us[0]), r.drillTerms(ind.num, us[0]))
	case part == PartDenominator:
		items = r.drillTerms(ind.den, us[0])
	default:
		items = r.drillTerms(ind.num, us[0])
	}
	out := make([]string, len(items))
	for k, it := range items {
		out[k] = r.itemText(it)
	}
	return out, nil
}

func (r *run) itemText(it drillItem) string {
	switch it.src {
	case refCaseTerm:
		return r.s.caseNo(it.idx)
	case refFundTerm:
		return r.s.caseNo(r.s.funds.caseIdx[it.idx])
	case refMedTerm:
		return r.s.meds.id.string(it.idx, r.s.prefixes)
	}
	return it.txt
}

// minus removes from a the items of b (as multisets).
func minus(a, b []drillItem) []drillItem {
	drop := map[drillItem]int{}
	for _, it := range b {
		drop[it]++
	}
	var out []drillItem
	for _, it := range a {
		if drop[it] > 0 {
			drop[it]--
			continue
		}
		out = append(out, it)
	}
	return out
}

func (r *run) drillTerms(terms []termRef, u unitRef) []drillItem {
	var out []drillItem
	for _, t := range terms {
		var part []drillItem
		switch t.src {
		case refCaseTerm:
			part = r.drillCases(t.idx, u)
			r.s.sortCases(part)
		case refFundTerm:
			part = r.drillFunds(t.idx, u)
			sort.SliceStable(part, func(i, j int) bool { return r.itemText(part[i]) < r.itemText(part[j]) })
		case refMedTerm:
			part = r.drillMediations(t.idx)
			sort.SliceStable(part, func(i, j int) bool { return r.s.meds.id.less(part[i].idx, part[j].idx, r.s.prefixes) })
		case refJudges:
			for _, s := range r.s.judgePeople(u) {
				part = append(part, drillItem{src: refJudges, txt: s})
			}
		}
		out = append(out, part...)
	}
	return out
}

// sortCases orders case items by 案号: 法院代字 and 类型代字, year, 序号.
func (s *Snapshot) sortCases(items []drillItem) {
	rank := s.prefixRanks()
	keys := make([]uint64, len(items))
	for k, it := range items {
		keys[k] = uint64(rank[s.no.prefix[it.idx]])<<40 | uint64(s.no.year[it.idx])<<32 | uint64(s.no.seq[it.idx])
	}
	_, order := sortPairs(keys, iota32(len(items)))
	sorted := permute(items, order)
	copy(items, sorted)
}

// prefixRanks numbers the prefixes in the order of their text.
func (s *Snapshot) prefixRanks() []uint16 {
	s.rankOnce.Do(func() {
		order := iota32(len(s.prefixes))
		sort.Slice(order, func(i, j int) bool {
			a, b := s.prefixes[order[i]], s.prefixes[order[j]]
			return a.mid < b.mid || a.mid == b.mid && a.suffix < b.suffix
		})
		s.rank = make([]uint16, len(s.prefixes))
		for r, p := range order {
			s.rank[p] = uint16(r)
		}
	})
	return s.rank
}

// inList reports whether counter ci is in a case list.
func (pl *plan) inList(l *caseList, ci int32) bool {
	return slices.Contains(l.slow, ci) || slices.Contains(l.agg, ci) || slices.Contains(l.ranged, ci) || slices.Contains(l.sums, ci) ||
		slices.Contains(l.fast, pl.counters[ci].slot)
}

func (r *run) drillCases(ci int32, u unitRef) []drillItem {
	s, pl := r.s, r.pl
	c := &pl.counters[ci]
	a, b := s.leafRange(u)
	lo, hi := s.leafCaseStart[a], s.leafCaseStart[b]
	if c.origin {
		return r.drillOrigin(ci, lo, hi)
	}
	var out []drillItem
	add := func(i int32) { out = append(out, drillItem{src: refCaseTerm, idx: i}) }
	for i := lo; i < hi; i++ {
		st := caseState(s.filed[i], s.closed[i], r.t0, r.t1)
		p := pl.prof[i]
		if st == 0 || !r.pass[p] || !pl.inList(&pl.lists[int(p)<<4|st], ci) || !r.inRanges(ci, i) {
			continue
		}
		switch c.value {
		case vDescendants:
			if k := lowerBound(s.descOwner, i); k < len(s.descOwner) && s.descOwner[k] == i {
				for _, d := range s.desc[s.descStart[k] : s.descStart[k]+int32(s.descendantsBy(k, r.t1))] {
					add(d)
				}
			}
		case vLinear, vMedian:
			if _, ok := c.lin.eval(i, &r.t); ok {
				add(i)
			}
		default:
			add(i)
		}
	}
	if c.value == vWeight && c.twin >= 0 && u.g == ByJudge {
		for k, m := range s.panelLeaf {
			if m != a {
				continue
			}
			i := s.panelCase[k]
			st := caseState(s.filed[i], s.closed[i], r.t0, r.t1)
			p := pl.prof[i]
			if st != 0 && r.pass[p] && pl.inList(&pl.lists[int(p)<<4|st], c.twin) && r.inRanges(c.twin, i) {
				add(i)
			}
		}
	}
	return out
}

// drillOrigin lists the cases that add to origin counter ci for the 原审
// cases [lo, hi).
func (r *run) drillOrigin(ci, lo, hi int32) []drillItem {
	s, pl := r.s, r.pl
	var out []drillItem
	for k := lowerBound(pl.refOrigin, lo); k < len(pl.refOrigin) && pl.refOrigin[k] < hi; k++ {
		o, rc := pl.refOrigin[k], pl.refCase[k]
		st := caseState(s.filed[rc], s.closed[rc], r.t0, r.t1)
		if st != 0 && r.pass[pl.prof[o]] && pl.inList(&pl.originLists[int(pl.prof[rc])<<4|st], ci) && r.inRanges(ci, rc) {
			out = append(out, drillItem{src: refCaseTerm, idx: rc})
		}
	}
	return out
}

func (r *run) drillFunds(ft int32, u unitRef) []drillItem {
	s := r.s
	f := &s.funds
	t := &r.pl.fundTerms[ft]
	a, b := s.leafRange(u)
	ok := func(j int32) bool {
		return f.received[j] >= r.t0 && f.received[j] <= r.t1 && t.cond.eval(j, &r.t)
	}
	var out []drillItem
	for j := f.leafStart[a]; j < f.leafStart[b]; j++ {
		if r.pass[r.pl.prof[f.caseIdx[j]]] && ok(j) {
			out = append(out, drillItem{src: refFundTerm, idx: j})
		}
	}
	return out
}

func (r *run) drillMediations(mt int32) []drillItem {
	m := &r.s.meds
	t := &r.pl.medTerms[mt]
	var out []drillItem
	for _, c := range r.courts {
		for j := m.courtStart[c]; j < m.courtStart[c+1]; j++ {
			if r.mediationIn(t, j) {
				out = append(out, drillItem{src: refMedTerm, idx: j})
			}
		}
	}
	return out
}
