package indicator

import (
	"sort"

	"github.com/zhixiao/zhixiao/internal/court"
)

// maxChain bounds the walk up a chain of 原审案号, against cycles in bad data.
const maxChain = 64

// sortedKeys is every case's packed 案号, sorted, with the arrival index of
// its case.
type sortedKeys struct {
	keys []uint64
	idx  []int32
}

// sortPairs sorts keys ascending, carrying vals along (a radix sort on 16
// bits at a time, skipping digits all keys share).
func sortPairs(keys []uint64, vals []int32) ([]uint64, []int32) {
	n := len(keys)
	if n < 2 {
		return keys, vals
	}
	k2, v2 := make([]uint64, n), make([]int32, n)
	count := make([]int, 1<<16)
	for shift := uint(0); shift < 64; shift += 16 {
		clear(count)
		for _, k := range keys {
			count[(k>>shift)&0xffff]++
		}
		if count[(keys[0]>>shift)&0xffff] == n {
			continue
		}
		sum := 0
		for d, c := range count {
			count[d] = sum
			sum += c
		}
		for i, k := range keys {
			d := (k >> shift) & 0xffff
			k2[count[d]], v2[count[d]] = k, vals[i]
			count[d]++
		}
		keys, k2, vals, v2 = k2, keys, v2, vals
	}
	return keys, vals
}

// sortKeys sorts the case keys and rejects a duplicate 案号.
func (b *builder) sortKeys() (sortedKeys, error) {
	keys, idx := sortPairs(b.keys, iota32(b.n))
	b.keys = nil
	for k := 1; k < len(keys); k++ {
		if keys[k] == keys[k-1] {
			return sortedKeys{}, court.Errorf(court.Conflict, "案号“%s”重复，无法建立快照", b.no.string(idx[k], b.prefixes))
		}
	}
	return sortedKeys{keys, idx}, nil
}

// lookup returns, for every query key, the arrival index of its case or -1.
func (sk sortedKeys) lookup(queries []uint64, found []bool) []int32 {
	out := make([]int32, len(queries))
	for i := range out {
		out[i] = -1
	}
	qs, qi := sortPairs(append([]uint64(nil), queries...), iota32(len(queries)))
	k := 0
	for j, q := range qs {
		if !found[qi[j]] {
			continue
		}
		for k < len(sk.keys) && sk.keys[k] < q {
			k++
		}
		if k < len(sk.keys) && sk.keys[k] == q {
			out[qi[j]] = sk.idx[k]
		}
	}
	return out
}

// linkOrigins resolves 原审案号 to case indices and sets the named-by flags.
func (b *builder) linkOrigins(s *Snapshot, sk sortedKeys, inv []int32) {
	s.origin = make([]int32, s.n)
	for p := range s.origin {
		s.origin[p] = -1
	}
	queries := make([]uint64, len(b.originNo))
	found := make([]bool, len(b.originNo))
	for k, no := range b.originNo {
		queries[k], found[k] = b.keyOfText(no)
	}
	at := sk.lookup(queries, found)
	for k, a := range at {
		p := inv[b.originCase[k]]
		if a < 0 || inv[a] == p {
			continue
		}
		o := inv[a]
		s.origin[p] = o
		s.flags[p] |= flagHasOrigin
		switch {
		case s.level[p] == court.LevelSecond && trialKind(s.kind[p]):
			s.flags[o] |= flagNamedBySecond
		case s.level[p] == court.LevelExecFirst:
			s.flags[o] |= flagNamedByExecFirst
		}
	}
	b.originCase, b.originNo = nil, nil
}

// trialKind reports whether k is 刑事, 民事 or 行政, the kinds whose levels
// 一审, 二审 and 再审 INDICATORS.md speaks of.
func trialKind(k court.Kind) bool {
	return k == court.KindCriminal || k == court.KindCivil || k == court.KindAdministrative
}

// ancestors returns the cases case p derives from, nearest first, up the
// chain of 原审案号 (cut at a cycle), reusing path.
func (s *Snapshot) ancestors(p int32, path []int32) []int32 {
	path = path[:0]
	for a := s.origin[p]; a >= 0 && a != p && len(path) < maxChain; a = s.origin[a] {
		if containsInt32(path, a) {
			break
		}
		path = append(path, a)
	}
	return path
}

// buildDescendants lists, for every case that has any, the cases deriving
// from it directly or through a chain of 原审案号, ordered by filing day.
func (s *Snapshot) buildDescendants() {
	count := make([]int32, s.n)
	var path []int32
	owners := 0
	for p := range int32(s.n) {
		path = s.ancestors(p, path)
		for _, a := range path {
			if count[a] == 0 {
				owners++
			}
			count[a]++
		}
	}
	s.descOwner = make([]int32, 0, owners)
	s.descStart = make([]int32, 0, owners+1)
	total := int32(0)
	for p, c := range count {
		if c > 0 {
			s.descOwner = append(s.descOwner, int32(p))
			s.descStart = append(s.descStart, total)
			count[p] = total // now the next free slot
			total += c
		}
	}
	s.descStart = append(s.descStart, total)
	s.desc = make([]int32, total)
	for p := range int32(s.n) {
		path = s.ancestors(p, path)
		for _, a := range path {
			s.desc[count[a]] = p
			count[a]++
		}
	}
	s.sortDescendants()
}

// sortDescendants orders each case's descendants by 立案日期 and notes their days.
func (s *Snapshot) sortDescendants() {
	s.descFiled = make([]court.Date, len(s.desc))
	for k := range s.descOwner {
		list := s.desc[s.descStart[k]:s.descStart[k+1]]
		sort.Slice(list, func(i, j int) bool {
			if s.filed[list[i]] != s.filed[list[j]] {
				return s.filed[list[i]] < s.filed[list[j]]
			}
			return list[i] < list[j]
		})
		for j, d := range list {
			s.descFiled[int(s.descStart[k])+j] = s.filed[d]
		}
	}
}

func containsInt32(xs []int32, x int32) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}

// buildPanel orders the panel memberships by case.
func (b *builder) buildPanel(s *Snapshot, inv, leafNew []int32) {
	keys := make([]uint64, len(b.panelCase))
	for k, c := range b.panelCase {
		keys[k] = uint64(inv[c])<<32 | uint64(k)
	}
	keys, _ = sortPairs(keys, make([]int32, len(keys)))
	s.panelCase = make([]int32, len(keys))
	s.panelLeaf = make([]int32, len(keys))
	for j, key := range keys {
		k := uint32(key)
		s.panelCase[j], s.panelLeaf[j] = int32(key>>32), leafNew[b.panelLeaf[k]]
	}
	b.panelCase, b.panelLeaf = nil, nil
}

// buildFunds resolves each receipt's 案号 and orders receipts by case;
// receipts whose case is not in the data are left out.
func (b *builder) buildFunds(s *Snapshot, fs []court.FundReceipt, sk sortedKeys, inv []int32) {
	queries := make([]uint64, len(fs))
	found := make([]bool, len(fs))
	for i := range fs {
		queries[i], found[i] = b.keyOfText(fs[i].CaseNo)
	}
	at := sk.lookup(queries, found)
	// By judge unit, and within a unit by 到账日期, so that a period's
	// receipts of a unit are a range.
	f := &s.funds
	f.leafStart = make([]int32, len(s.leafName)+1)
	var keys []uint64
	var idx []int32
	for i, a := range at {
		if a >= 0 {
			l := sort.Search(len(s.leafName), func(l int) bool { return s.leafCaseStart[l+1] > inv[a] })
			f.leafStart[l+1]++
			keys = append(keys, uint64(l)<<32|uint64(uint32(fs[i].ReceivedOn)))
			idx = append(idx, int32(i))
		}
	}
	prefixSum(f.leafStart)
	_, idx = sortPairs(keys, idx)
	n := len(idx)
	f.caseIdx, f.received, f.paid = make([]int32, n), make([]court.Date, n), make([]court.Date, n)
	for k, i := range idx {
		r := &fs[i]
		f.caseIdx[k], f.received[k], f.paid[k] = inv[at[i]], r.ReceivedOn, r.PaidOn
	}
}

// buildMediations orders mediations by court and stores their 编号 as
// 案号 where they are.
func (b *builder) buildMediations(s *Snapshot, ms []court.Mediation) {
	courtNew := make(map[string]int32, len(s.courtName))
	for i, n := range s.courtName {
		courtNew[n] = int32(i)
	}
	m := &s.meds
	m.courtStart = make([]int32, len(s.courtName)+1)
	cidx := make([]int32, len(ms))
	for i := range ms {
		cidx[i] = courtNew[b.courtName[b.courtOf(ms[i].Court)]]
		m.courtStart[cidx[i]+1]++
	}
	prefixSum(m.courtStart)
	// By court, and within a court by 结束日期, so that a period's ended
	// mediations are a range.
	keys := make([]uint64, len(ms))
	for i, c := range cidx {
		keys[i] = uint64(c)<<32 | uint64(uint32(ms[i].EndedOn))
	}
	_, order := sortPairs(keys, iota32(len(ms)))
	n := len(ms)
	m.registered, m.ended = make([]court.Date, n), make([]court.Date, n)
	m.result, m.confirmed = make([]court.MediationResult, n), make([]bool, n)
	for k, o := range order {
		x := &ms[o]
		m.registered[k], m.ended[k], m.result[k], m.confirmed[k] = x.RegisteredOn, x.EndedOn, x.Result, x.Confirmed
		year, mid, seq, suffix, ok := splitCanonical(x.ID)
		var p uint16
		if ok && year >= yearBase && year <= yearBase+254 {
			p, ok = b.newPrefix(mid, suffix)
		}
		if ok && year >= yearBase && year <= yearBase+254 {
			m.id.add(year, p, seq)
		} else {
			m.id.addText(x.ID)
		}
	}
}
