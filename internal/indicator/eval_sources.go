package indicator

import (
	"sort"

	"github.com/zhixiao/zhixiao/internal/court"
)

// outsideShares adds the shares of the run's judge units in panels of
// cases outside the run's cases (a one-unit query).
func (r *run) outsideShares() {
	s, pl := r.s, r.pl
	lo, hi := s.leafCaseStart[r.l0], s.leafCaseStart[r.l1]
	ns := pl.nslots
	for k, l := range s.panelLeaf {
		if l >= r.l0 && l < r.l1 {
			i := s.panelCase[k]
			if i >= lo && i < hi {
				continue
			}
			st := caseState(s.filed[i], s.closed[i], r.t0, r.t1)
			p := pl.prof[i]
			if st == 0 || !r.pass[p] {
				continue
			}
			m := &pl.meta[int(p)<<4|st]
			for _, ci := range pl.slowFlat[m.slowA:m.slowB] {
				if pl.counters[ci].value == vPanel && r.inRanges(ci, i) {
					r.acc[int(l-r.l0)*ns+int(pl.counters[ci].slot)] += pl.kindW[p] * pl.memberW
				}
			}
		}
	}
}

// originRow adds case rc, which names case o as its 原审, to the counters
// attributed to o's unit; the filter applies to o.
func (r *run) originRow(o, rc int32, row []int64) {
	pl := r.pl
	if !r.pass[pl.prof[o]] {
		return
	}
	st := caseState(r.s.filed[rc], r.s.closed[rc], r.t0, r.t1)
	if st == 0 {
		return
	}
	p := pl.prof[rc]
	e := &pl.originLists[int(p)<<4|st]
	for _, k := range e.fast {
		row[k]++
	}
	for _, ci := range e.slow {
		cc := &pl.counters[ci]
		if !r.inRanges(ci, rc) {
			continue
		}
		switch cc.value {
		case vCount:
			row[cc.slot]++
		case vLinear:
			if v, ok := cc.lin.eval(rc, &r.t); ok {
				row[cc.slot] += v
			}
		case vExecAmount, vExecRecovered:
			if v, ok := r.s.amount(rc, cc.value == vExecRecovered); ok {
				row[cc.slot] += v
			}
		}
	}
}

// fundRows adds the receipts [j0, j1) to their case's unit.
func (r *run) fundRows(j0, j1 int32, row []int64) {
	if len(r.pl.activeFunds) == 0 {
		return
	}
	f := &r.s.funds
	j0 += int32(sort.Search(int(j1-j0), func(k int) bool { return f.received[j0+int32(k)] >= r.t0 }))
	for j := j0; j < j1 && f.received[j] <= r.t1; j++ {
		if !r.pass[r.pl.prof[f.caseIdx[j]]] {
			continue
		}
		for _, ft := range r.pl.activeFunds {
			t := &r.pl.fundTerms[ft]
			if t.cond.eval(j, &r.t) {
				row[t.slot]++
			}
		}
	}
}

// mediations adds the pre-litigation mediations to their courts. They have
// no case, kind or level: the query's filters do not apply to them.
func (r *run) mediations() {
	m := &r.s.meds
	if len(r.pl.activeMeds) == 0 {
		return
	}
	ns := r.pl.nslots
	ended := true // mediations are ordered by 结束日期 within a court
	for _, mt := range r.pl.activeMeds {
		ended = ended && !r.pl.medTerms[mt].registered
	}
	for _, c := range r.courts {
		row := r.courtAcc[int(c)*ns : int(c+1)*ns]
		j0, j1 := m.courtStart[c], m.courtStart[c+1]
		if ended {
			j0 += int32(sort.Search(int(j1-j0), func(k int) bool { return m.ended[j0+int32(k)] >= r.t0 }))
		}
		for j := j0; j < j1 && (!ended || m.ended[j] <= r.t1); j++ {
			for _, mt := range r.pl.activeMeds {
				t := &r.pl.medTerms[mt]
				if r.mediationIn(t, j) {
					row[t.slot]++
				}
			}
		}
	}
}

// mediationIn reports whether mediation j is in a term.
func (r *run) mediationIn(t *medTerm, j int32) bool {
	m := &r.s.meds
	d := m.ended[j]
	if t.registered {
		d = m.registered[j]
	}
	return d != court.NoDate && d >= r.t0 && d <= r.t1 && t.cond.eval(j, &r.t)
}

// descendantsBy counts the descendants of descOwner[k] filed on or before t1.
func (s *Snapshot) descendantsBy(k int, t1 court.Date) int {
	n := 0
	for _, d := range s.descFiled[s.descStart[k]:s.descStart[k+1]] {
		if d > t1 {
			break
		}
		n++
	}
	return n
}

// resolveRanges turns a counter's date conditions into day ranges for a
// period, one per column, clipped to present days.
func resolveRanges(specs []rangeSpec, t tenv) []concreteRange {
	var out []concreteRange
	for _, sp := range specs {
		v := sp.b.c + sp.b.t0*t.t0 + sp.b.t1*t.t1
		k := -1
		for i := range out {
			if out[i].col == sp.col {
				k = i
			}
		}
		if k < 0 {
			out = append(out, concreteRange{col: sp.col, lo: 1, hi: openDay - 1})
			k = len(out) - 1
		}
		lo, hi := int64(out[k].lo), int64(out[k].hi)
		switch sp.b.op {
		case "<":
			hi = min(hi, v-1)
		case "<=":
			hi = min(hi, v)
		case ">":
			lo = max(lo, v+1)
		case ">=":
			lo = max(lo, v)
		case "=":
			lo, hi = max(lo, v), min(hi, v)
		}
		out[k].lo, out[k].hi = court.Date(max(lo, 1)), court.Date(min(hi, int64(openDay-1)))
	}
	return out
}
