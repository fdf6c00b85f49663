package indicator

import (
	"cmp"
	"math"
	"strings"
	"sync"

	"github.com/zhixiao/zhixiao/internal/court"
)

// profileKey is what the plan needs to know of a case apart from its dates:
// the outcomes of the static predicates, its kind and level (filters, kind
// weight) and whether it has a panel (role weight).
type profileKey struct {
	cat, num [2]uint64
	kind     court.Kind
	level    court.Level
	panel    bool
}

// maxPredicates bounds the static predicates of each sort in one plan.
const maxPredicates = 128

// computeProfiles gives every case its profile. Categorical predicates are
// evaluated once per distinct combination of the categorical columns they
// can read; the others once per case. Two halves of the cases are done at
// once, each with profile numbers of its own, then merged.
func (pl *plan) computeProfiles() error {
	catQ, numQ, useCause, useOrigin := pl.classify()
	if len(catQ) > maxPredicates || len(numQ) > maxPredicates {
		return court.Errorf(court.Invalid, "指标定义中的不同条件超过 %d 组，无法编译", maxPredicates)
	}
	n := int32(pl.s.n)
	pl.prof = make([]uint16, n)
	bounds := []int32{0, n / 2, n}
	local := make([][]profileKey, 2)
	errs := make([]error, 2)
	var wg sync.WaitGroup
	for h := range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			local[h], errs[h] = pl.profileRange(bounds[h], bounds[h+1], catQ, numQ, useCause, useOrigin)
		}()
	}
	wg.Wait()
	if err := cmp.Or(errs...); err != nil {
		return err
	}
	global := map[profileKey]uint16{}
	remap := make([][]uint16, 2)
	for h, ks := range local {
		for _, pk := range ks {
			p, ok := global[pk]
			if !ok {
				if len(pl.profiles) > math.MaxUint16 {
					return court.Errorf(court.Invalid, "案件的条件组合过多，无法编译指标定义")
				}
				p = uint16(len(pl.profiles))
				global[pk] = p
				pl.profiles = append(pl.profiles, pk)
			}
			remap[h] = append(remap[h], p)
		}
	}
	parallel([]func(){
		func() { remapRange(pl.prof[bounds[0]:bounds[1]], remap[0]) },
		func() { remapRange(pl.prof[bounds[1]:bounds[2]], remap[1]) },
	})
	pl.weighProfiles()
	return nil
}

// classify sorts the predicates into categorical and the others, numbers
// them within their sort, and tells which columns the categorical ones read.
func (pl *plan) classify() (catQ, numQ []int32, useCause, useOrigin bool) {
	pl.predBit = make([]int, len(pl.preds))
	for q, p := range pl.preds {
		if !p.categorical {
			pl.predBit[q] = len(numQ)
			numQ = append(numQ, int32(q))
			continue
		}
		pl.predBit[q] = len(catQ)
		catQ = append(catQ, int32(q))
		for _, col := range p.node.columns() {
			useCause = useCause || col == "cause" || col == "origin.cause"
			useOrigin = useOrigin || strings.HasPrefix(col, "origin.")
		}
	}
	return catQ, numQ, useCause, useOrigin
}

func remapRange(prof, remap []uint16) {
	for i, p := range prof {
		prof[i] = remap[p]
	}
}

// profileRange gives the cases [lo, hi) profile numbers local to the range
// and returns the range's profiles.
func (pl *plan) profileRange(lo, hi int32, catQ, numQ []int32, useCause, useOrigin bool) ([]profileKey, error) {
	s := pl.s
	tuples := map[[2]uint64]int32{}
	var tupleBits [][2]uint64
	profiles := map[profileKey]uint16{}
	var out []profileKey
	for i := lo; i < hi; i++ {
		k := s.tupleKey(i, useCause, useOrigin)
		t, ok := tuples[k]
		if !ok {
			t = int32(len(tupleBits))
			tuples[k] = t
			tupleBits = append(tupleBits, pl.predBits(i, catQ))
		}
		pk := profileKey{cat: tupleBits[t], num: pl.predBits(i, numQ), kind: s.kind[i], level: s.level[i],
			panel: s.flags[i]&flagHasPanel != 0}
		p, ok := profiles[pk]
		if !ok {
			if len(out) > math.MaxUint16 {
				return nil, court.Errorf(court.Invalid, "案件的条件组合过多，无法编译指标定义")
			}
			p = uint16(len(out))
			profiles[pk] = p
			out = append(out, pk)
		}
		pl.prof[i] = p
	}
	return out, nil
}

// predBits evaluates predicates qs on case i.
func (pl *plan) predBits(i int32, qs []int32) [2]uint64 {
	var bits [2]uint64
	for b, q := range qs {
		if pl.preds[q].cond.eval(i, nil) {
			bits[b>>6] |= 1 << (b & 63)
		}
	}
	return bits
}

// weighProfiles sets the kind and role weights of every profile.
func (pl *plan) weighProfiles() {
	pl.kindW = make([]int64, len(pl.profiles))
	pl.roleW = make([]int64, len(pl.profiles))
	for p, pk := range pl.profiles {
		pl.kindW[p] = pl.weights.kindWeight(pk.kind, pk.level)
		pl.roleW[p] = fixed(pl.weights.Sole)
		if pk.panel {
			pl.roleW[p] = fixed(pl.weights.InCharge)
		}
	}
}

// tupleKey packs the categorical columns of case i (and of its 原审 case).
func (s *Snapshot) tupleKey(i int32, useCause, useOrigin bool) [2]uint64 {
	one := func(j int32) uint64 {
		k := uint64(s.kind[j]) | uint64(s.level[j])<<8 | uint64(s.closeMethod[j])<<16 |
			uint64(s.track[j])<<24 | uint64(s.flags[j])<<32
		if useCause {
			k |= uint64(s.cause[j]) << 40
		}
		return k
	}
	k := [2]uint64{one(i), 0}
	if o := s.origin[i]; useOrigin && o >= 0 {
		k[1] = one(o) | 1<<63
	}
	return k
}

// buildLists fills, for every profile and state, the counters a case adds
// to. used selects counters (nil: all).
func (pl *plan) buildLists(used []bool) {
	np := len(pl.profiles)
	pl.ivCol = pl.intervalColumn(used)
	pl.hasPanel = false
	pl.lists = make([]caseList, np*stStates)
	pl.originLists = make([]caseList, np*stStates)
	for p := range np {
		for st := 1; st < stStates; st++ {
			for ci := range pl.counters {
				c := &pl.counters[ci]
				if (used != nil && !used[ci]) || c.setMask&uint8(st) == 0 || !pl.holds(p, c.static) ||
					(c.value == vPanel && !pl.profiles[p].panel) {
					continue
				}
				l := &pl.lists[p*stStates+st]
				if c.origin {
					l = &pl.originLists[p*stStates+st]
				}
				switch {
				case c.value == vCount && len(c.ranges) == 0:
					l.fast = append(l.fast, c.slot)
				case c.value == vWeight && len(c.ranges) == 0 && !c.origin:
					l.agg = append(l.agg, int32(ci))
				case c.value == vLinear && !c.origin && len(c.ranges) == 0 && c.aggOK && (c.aggC == 0 || st&stClosed != 0):
					l.sums = append(l.sums, int32(ci))
				case c.value == vMedian && !c.origin && len(c.ranges) == 0 && c.aggOK && (c.aggC == 0 || st&stClosed != 0):
					l.fast = append(l.fast, c.slot)
					l.meds = append(l.meds, int32(ci))
				case pl.intervalCounter(c) && c.ranges[0].col == pl.ivCol:
					l.ranged = append(l.ranged, int32(ci))
				default:
					l.slow = append(l.slow, int32(ci))
				}
				pl.hasPanel = pl.hasPanel || c.value == vPanel
			}
		}
	}
	pl.flatten()
	pl.originRefs()
}

// flatten derives from the lists the flat slow lists and what the main
// loop reads of each list.
func (pl *plan) flatten() {
	pl.slowFlat, pl.rangedLists = nil, nil
	pl.meta = make([]listMeta, len(pl.lists))
	pl.hasSums = false
	for k := range pl.lists {
		l, m := &pl.lists[k], &pl.meta[k]
		m.slowA = int32(len(pl.slowFlat))
		pl.slowFlat = append(pl.slowFlat, l.slow...)
		m.slowB = int32(len(pl.slowFlat))
		if len(l.sums) > 0 {
			m.bits |= metaSums
			pl.hasSums = true
		}
		if len(l.meds) > 0 {
			m.bits |= metaMeds
		}
		if len(l.ranged) > 0 {
			m.bits |= metaRanged
			m.ranged = int32(len(pl.rangedLists))
			pl.rangedLists = append(pl.rangedLists, int32(k))
		}
	}
}

// intervalCounter reports whether a counter counts cases whose one date
// column lies in ranges: such counts are summed per interval between the
// range bounds instead of case by case.
func (pl *plan) intervalCounter(c *caseCounter) bool {
	if c.value != vCount || c.origin || len(c.ranges) == 0 {
		return false
	}
	for _, r := range c.ranges {
		if r.col != c.ranges[0].col {
			return false
		}
	}
	return true
}

// intervalColumn picks the date column most interval counters use.
func (pl *plan) intervalColumn(used []bool) int {
	var n [3]int
	for ci := range pl.counters {
		if c := &pl.counters[ci]; (used == nil || used[ci]) && pl.intervalCounter(c) {
			n[c.ranges[0].col]++
		}
	}
	best := 0
	for col := range n {
		if n[col] > n[best] {
			best = col
		}
	}
	return best
}

// originRefs keeps the references whose referring case can add to an
// origin-attributed counter.
func (pl *plan) originRefs() {
	useful := make([]bool, len(pl.profiles))
	for p := range pl.profiles {
		for st := 1; st < stStates; st++ {
			l := &pl.originLists[p*stStates+st]
			useful[p] = useful[p] || len(l.fast)+len(l.slow) > 0
		}
	}
	s := pl.s
	var keys []uint64
	for rc, o := range s.origin {
		if o >= 0 && useful[pl.prof[rc]] {
			keys = append(keys, uint64(o)<<32|uint64(rc))
		}
	}
	keys, _ = sortPairs(keys, make([]int32, len(keys)))
	pl.refOrigin, pl.refCase = make([]int32, len(keys)), make([]int32, len(keys))
	for k, key := range keys {
		pl.refOrigin[k], pl.refCase[k] = int32(key>>32), int32(uint32(key))
	}
}

// restrict returns a plan for a subset of its indicators, sharing the
// profiles.
func (pl *plan) restrict(ids []string) (*plan, error) {
	sub := *pl
	sub.inds = nil
	used := make([]bool, len(pl.counters))
	sub.activeFunds, sub.activeMeds = nil, nil
	seenF, seenM := map[int32]bool{}, map[int32]bool{}
	for _, id := range ids {
		var found *compiledIndicator
		for k := range pl.inds {
			if pl.inds[k].def.ID == id {
				found = &pl.inds[k]
			}
		}
		if found == nil {
			return nil, court.Errorf(court.NotFound, "未知指标“%s”", id)
		}
		sub.inds = append(sub.inds, *found)
		for _, r := range append(append([]termRef(nil), found.num...), found.den...) {
			switch {
			case r.src == refCaseTerm:
				used[r.idx] = true
				if tw := pl.counters[r.idx].twin; tw >= 0 {
					used[tw] = true
				}
			case r.src == refFundTerm && !seenF[r.idx]:
				seenF[r.idx] = true
				sub.activeFunds = append(sub.activeFunds, r.idx)
			case r.src == refMedTerm && !seenM[r.idx]:
				seenM[r.idx] = true
				sub.activeMeds = append(sub.activeMeds, r.idx)
			}
		}
	}
	sub.buildLists(used)
	return &sub, nil
}
