package indicator

import (
	"math"
	"runtime"
	"slices"
	"sort"
	"sync"
	"sync/atomic"

	"github.com/zhixiao/zhixiao/internal/court"
)

// Filter narrows a query to case kinds and levels; empty means all. Filters
// apply to the case an indicator attributes a row to: the 一审 case for
// reversal_rate, the receipt's case for funds (INDICATORS.md, attribution).
type Filter struct {
	Kinds  []court.Kind
	Levels []court.Level
}

func (f Filter) pass(k court.Kind, l court.Level) bool {
	return (len(f.Kinds) == 0 || containsKind(f.Kinds, k)) && (len(f.Levels) == 0 || containsLevel(f.Levels, l))
}

// casesPerChunk is the largest work unit of the parallel pass; a small data
// set is cut into at least 16 chunks of at least 2048 cases.
const casesPerChunk = 1 << 15

// concreteRange is a rangeSpec resolved for one period: lo <= col <= hi.
type concreteRange struct {
	col    int
	lo, hi court.Date
}

// run is one evaluation of a plan over a range of judge units for one period.
type run struct {
	s        *Snapshot
	pl       *plan
	t        tenv
	t0, t1   court.Date
	filter   Filter
	pass     []bool            // per profile
	ranges   [][]concreteRange // per counter
	ops      []op              // per counter
	dateCols [3][]court.Date
	l0, l1   int32
	g        Grouping     // the grouping results are asked for
	courts   []int32      // courts whose mediations count
	acc      []int64      // (l1-l0) x nslots, rows of judge units
	courtAcc []int64      // courts x nslots, mediation slots only
	breaks   []court.Date // interval bounds on the plan's interval column
	ivMask   []uint64     // per counter: the intervals its ranges cover
	chunks   []chunk
	medLo    [][]int32 // per median collector, per leaf - l0
	medHi    [][]int32
	leafOf   []int32 // chunk of each leaf - l0
}

type chunk struct {
	l0, l1 int32
	med    [][]int32
}

// op is a counter resolved for one run: its first range inline.
type op struct {
	value  valueKind
	nr     uint8 // number of ranges; beyond one, see run.ranges
	col    uint8
	lo, hi court.Date
	slot   int32
	slot2  int32 // roleSlot or median collector
	k0     int64 // the constant part of a value: c + t0*T0 + t1*T1
}

func newRun(s *Snapshot, pl *plan, p court.Period, f Filter, l0, l1 int32) *run {
	r := &run{s: s, pl: pl, t: tenv{int64(p.From), int64(p.To)}, t0: p.From, t1: p.To, filter: f,
		dateCols: [3][]court.Date{s.filed, s.closed, s.efile}, l0: l0, l1: l1}
	r.pass = make([]bool, len(pl.profiles))
	for i, pk := range pl.profiles {
		r.pass[i] = f.pass(pk.kind, pk.level)
	}
	r.ranges = make([][]concreteRange, len(pl.counters))
	r.ops = make([]op, len(pl.counters))
	for ci, c := range pl.counters {
		rs := resolveRanges(c.ranges, r.t)
		r.ranges[ci] = rs
		o := op{value: c.value, nr: uint8(min(len(rs), 2)), slot: c.slot, slot2: c.roleSlot,
			k0: c.lin.c + c.lin.t0*r.t.t0 + c.lin.t1*r.t.t1}
		if c.value == vMedian {
			o.slot2 = c.median
		}
		if len(rs) == 1 {
			o.col, o.lo, o.hi = uint8(rs[0].col), rs[0].lo, rs[0].hi
		}
		r.ops[ci] = o
	}
	r.intervals()
	ns := pl.nslots
	r.acc = make([]int64, int(l1-l0)*ns)
	r.courtAcc = make([]int64, len(s.courtName)*ns)
	r.medLo = make([][]int32, pl.nmedians)
	r.medHi = make([][]int32, pl.nmedians)
	for m := range pl.nmedians {
		r.medLo[m] = make([]int32, l1-l0)
		r.medHi[m] = make([]int32, l1-l0)
	}
	r.leafOf = make([]int32, l1-l0)
	start := l0
	target := min(max((s.leafCaseStart[l1]-s.leafCaseStart[l0])/16, 2048), casesPerChunk)
	for l := l0; l < l1; l++ {
		if s.leafCaseStart[l+1]-s.leafCaseStart[start] >= target || l == l1-1 {
			for k := start; k <= l; k++ {
				r.leafOf[k-l0] = int32(len(r.chunks))
			}
			r.chunks = append(r.chunks, chunk{l0: start, l1: l + 1})
			start = l + 1
		}
	}
	return r
}

// maxIntervals bounds the intervals ranged counts are summed by; beyond it
// they are counted case by case.
const maxIntervals = 64

// intervals cuts the plan's interval column at the bounds of the ranged
// counters' ranges and notes which intervals each range covers. Days 0
// (absent) and openDay (open) are cut off so that no range covers them.
func (r *run) intervals() {
	set := map[court.Date]bool{1: true, openDay: true}
	for ci, c := range r.pl.counters {
		if r.pl.intervalCounter(&c) && c.ranges[0].col == r.pl.ivCol {
			rg := r.ranges[ci][0]
			set[rg.lo], set[rg.hi+1] = true, true
		}
	}
	r.breaks = r.breaks[:0]
	for d := range set {
		r.breaks = append(r.breaks, d)
	}
	slices.Sort(r.breaks)
	if len(r.breaks)+1 > maxIntervals {
		r.breaks = nil
		return
	}
	r.ivMask = make([]uint64, len(r.pl.counters))
	for ci, c := range r.pl.counters {
		if !r.pl.intervalCounter(&c) || c.ranges[0].col != r.pl.ivCol {
			continue
		}
		rg := r.ranges[ci][0]
		for j := 0; j <= len(r.breaks); j++ {
			from, to := court.Date(math.MinInt32), court.Date(math.MaxInt32)
			if j > 0 {
				from = r.breaks[j-1]
			}
			if j < len(r.breaks) {
				to = r.breaks[j] - 1
			}
			if from >= rg.lo && to <= rg.hi {
				r.ivMask[ci] |= 1 << j
			}
		}
	}
}

// worker is the scratch state of one goroutine of a run.
type worker struct {
	cnt, cntR         []int32 // per list (and interval): cases of the current unit
	sumF, sumC        []int64 // per list: their 立案日期 and 结案日期, for aggregated sums
	touched, touchedR []int32
	nIv               int
	shares            []int64 // (l1-l0) x nslots: panel members' shares
}

func (r *run) newWorker() *worker {
	pl := r.pl
	w := &worker{cnt: make([]int32, len(pl.lists)), nIv: len(r.breaks) + 1}
	w.cntR = make([]int32, len(pl.rangedLists)*w.nIv)
	if pl.hasSums {
		w.sumF, w.sumC = make([]int64, len(pl.lists)), make([]int64, len(pl.lists))
	}
	if pl.hasPanel {
		w.shares = make([]int64, len(r.acc))
	}
	return w
}

// execute runs every chunk, and the mediations, on up to GOMAXPROCS
// goroutines, then adds the panel members' shares.
func (r *run) execute() {
	jobs := len(r.chunks) + 1
	workers := min(runtime.GOMAXPROCS(0), jobs)
	if jobs <= 2 {
		workers = 1
	}
	ws := make([]*worker, workers)
	var next atomic.Int64
	var wg sync.WaitGroup
	for k := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w := r.newWorker()
			ws[k] = w
			for {
				j := int(next.Add(1) - 1)
				if j >= jobs {
					return
				}
				if j == len(r.chunks) {
					r.mediations()
					continue
				}
				r.chunk(&r.chunks[j], w)
			}
		}()
	}
	wg.Wait()
	for _, w := range ws {
		for k, v := range w.shares {
			r.acc[k] += v
		}
	}
	if r.pl.hasPanel && (r.l0 != 0 || int(r.l1) != len(r.s.leafName)) {
		r.outsideShares()
	}
}

// cursors walk the sparse case-ordered lists along a chunk's cases.
type cursors struct {
	amt, desc, panel int
}

func lowerBound(xs []int32, v int32) int {
	return sort.Search(len(xs), func(i int) bool { return xs[i] >= v })
}

// chunk evaluates the cases of a chunk's judge units. It is one long
// function on purpose: it is the inner loop of the engine, and every call
// in it is paid per case.
func (r *run) chunk(c *chunk, w *worker) {
	s, pl := r.s, r.pl
	ns := pl.nslots
	c.med = make([][]int32, pl.nmedians)
	for m := range c.med {
		c.med[m] = pl.buffer()
	}
	first := s.leafCaseStart[c.l0]
	cur := cursors{amt: lowerBound(s.amtCase, first), desc: lowerBound(s.descOwner, first), panel: lowerBound(s.panelCase, first)}
	ref := lowerBound(pl.refOrigin, first)
	t0, t1 := r.t0, r.t1
	filed, closed, prof, pass := s.filed, s.closed, pl.prof, r.pass
	meta, slowFlat := pl.meta, pl.slowFlat
	ivCol, breaks := r.dateCols[pl.ivCol], r.breaks
	for l := c.l0; l < c.l1; l++ {
		row := r.acc[int(l-r.l0)*ns : int(l-r.l0+1)*ns]
		for m := range c.med {
			r.medLo[m][l-r.l0] = int32(len(c.med[m]))
		}
		lo, hi := s.leafCaseStart[l], s.leafCaseStart[l+1]
		// Cases are ordered by 结案日期 within a unit: those closed before T0
		// are in no set (unless some case closed before it was filed).
		start := lo
		if s.closedAfterFiled {
			start += int32(sort.Search(int(hi-lo), func(k int) bool { return closed[lo+int32(k)] >= t0 }))
		}
		for i := start; i < hi; i++ {
			f, cl := filed[i], closed[i]
			st := caseState(f, cl, t0, t1)
			if st == 0 {
				continue
			}
			p := prof[i]
			if !pass[p] {
				continue
			}
			k := int(p)<<4 | st
			if w.cnt[k] == 0 {
				w.touched = append(w.touched, int32(k))
			}
			w.cnt[k]++
			m := &meta[k]
			if m.bits&metaSums != 0 {
				w.sumF[k] += int64(f)
				w.sumC[k] += int64(cl)
			}
			if m.bits&metaMeds != 0 {
				for _, ci := range pl.lists[k].meds {
					cc, o := &pl.counters[ci], &r.ops[ci]
					c.med[o.slot2] = append(c.med[o.slot2], int32(cc.aggF*int64(f)+cc.aggC*int64(cl)+o.k0))
				}
			}
			if m.bits&metaRanged != 0 {
				if breaks == nil {
					r.slow(pl.lists[k].ranged, i, p, row, c, &cur, w)
				} else {
					x, iv := ivCol[i], 0
					for iv < len(breaks) && breaks[iv] <= x {
						iv++
					}
					key := int(m.ranged)*w.nIv + iv
					if w.cntR[key] == 0 {
						w.touchedR = append(w.touchedR, int32(key))
					}
					w.cntR[key]++
				}
			}
			if m.slowA < m.slowB {
				r.slow(slowFlat[m.slowA:m.slowB], i, p, row, c, &cur, w)
			}
		}
		if r.lastOfUnit(l, c.l1) {
			r.flush(w, row)
		}
		for ; ref < len(pl.refOrigin) && pl.refOrigin[ref] < hi; ref++ {
			r.originRow(pl.refOrigin[ref], pl.refCase[ref], row)
		}
		r.fundRows(s.funds.leafStart[l], s.funds.leafStart[l+1], row)
		for m := range c.med {
			r.medHi[m][l-r.l0] = int32(len(c.med[m]))
		}
	}
}

// lastOfUnit reports whether judge unit l is the last of its unit of the
// run's grouping within a chunk ending before leaf end: the counts summed
// per profile and state are added to a row once per unit of the grouping.
func (r *run) lastOfUnit(l, end int32) bool {
	if l+1 == end {
		return true
	}
	s := r.s
	switch r.g {
	case ByJudge:
		return true
	case ByDepartment:
		return s.leafDept[l] != s.leafDept[l+1]
	case ByCourt:
		return s.leafCourt(l) != s.leafCourt(l+1)
	}
	return false
}

// flush adds the counts of one unit to its row.
func (r *run) flush(w *worker, row []int64) {
	pl := r.pl
	for _, k := range w.touched {
		n := int64(w.cnt[k])
		w.cnt[k] = 0
		e := &pl.lists[k]
		for _, slot := range e.fast {
			row[slot] += n
		}
		for _, ci := range e.agg {
			cc := &pl.counters[ci]
			kw := pl.kindW[k>>4]
			row[cc.slot] += n * kw * weightScale
			row[cc.roleSlot] += n * kw * pl.roleW[k>>4]
		}
		if len(e.sums) > 0 {
			for _, ci := range e.sums {
				cc := &pl.counters[ci]
				c := cc.lin.c + cc.lin.t0*r.t.t0 + cc.lin.t1*r.t.t1
				row[cc.slot] += cc.aggF*w.sumF[k] + cc.aggC*w.sumC[k] + c*n
			}
			w.sumF[k], w.sumC[k] = 0, 0
		}
	}
	for _, key := range w.touchedR {
		n := int64(w.cntR[key])
		w.cntR[key] = 0
		k, iv := pl.rangedLists[int(key)/w.nIv], int(key)%w.nIv
		for _, ci := range pl.lists[k].ranged {
			if r.ivMask[ci]&(1<<iv) != 0 {
				row[pl.counters[ci].slot] += n
			}
		}
	}
	w.touched, w.touchedR = w.touched[:0], w.touchedR[:0]
}

// caseState returns the state bits of a case for [t0, t1].
func caseState(f, c, t0, t1 court.Date) int {
	st := 0
	if f < t0 {
		if c >= t0 {
			st = stPendingStart
		}
	} else if f <= t1 {
		st = stFiled
	}
	if c >= t0 && c <= t1 {
		st |= stClosed
	} else if c > t1 && f <= t1 {
		st |= stPendingEnd
	}
	return st
}

func (r *run) inRanges(ci int32, i int32) bool {
	o := &r.ops[ci]
	switch o.nr {
	case 0:
		return true
	case 1:
		x := r.dateCols[o.col][i]
		return x >= o.lo && x <= o.hi
	}
	for _, rg := range r.ranges[ci] {
		x := r.dateCols[rg.col][i]
		if x < rg.lo || x > rg.hi {
			return false
		}
	}
	return true
}

// slow adds case i (of profile p) to the counters that need the case
// itself. It is long because it is the inner loop's one call: a switch over
// value kinds costs less than a call per kind.
func (r *run) slow(list []int32, i int32, p uint16, row []int64, c *chunk, cur *cursors, w *worker) {
	s, pl := r.s, r.pl
	for _, ci := range list {
		o := &r.ops[ci]
		if o.nr != 0 && !r.inRanges(ci, i) {
			continue
		}
		switch o.value {
		case vCount:
			row[o.slot]++
		case vLinear:
			if v, ok := pl.counters[ci].lin.eval(i, &r.t); ok {
				row[o.slot] += v
			}
		case vMedian:
			if v, ok := pl.counters[ci].lin.eval(i, &r.t); ok {
				row[o.slot]++
				c.med[o.slot2] = append(c.med[o.slot2], int32(v))
			}
		case vExecAmount, vExecRecovered:
			for cur.amt < len(s.amtCase) && s.amtCase[cur.amt] < i {
				cur.amt++
			}
			if cur.amt < len(s.amtCase) && s.amtCase[cur.amt] == i {
				m := s.execAmount.at(cur.amt)
				if o.value == vExecRecovered {
					m = s.execRecovered.at(cur.amt)
				}
				row[o.slot] += int64(max(m, 0))
			}
		case vDescendants:
			for cur.desc < len(s.descOwner) && s.descOwner[cur.desc] < i {
				cur.desc++
			}
			if cur.desc < len(s.descOwner) && s.descOwner[cur.desc] == i {
				row[o.slot] += int64(s.descendantsBy(cur.desc, r.t1))
			}
		case vWeight:
			kw := pl.kindW[p]
			row[o.slot] += kw * weightScale
			row[o.slot2] += kw * pl.roleW[p]
		case vPanel:
			for cur.panel < len(s.panelCase) && s.panelCase[cur.panel] < i {
				cur.panel++
			}
			v := pl.kindW[p] * pl.memberW
			for k := cur.panel; k < len(s.panelCase) && s.panelCase[k] == i; k++ {
				if m := s.panelLeaf[k]; m >= r.l0 && m < r.l1 {
					w.shares[int(m-r.l0)*len(row)+int(o.slot)] += v
				}
			}
		}
	}
}
