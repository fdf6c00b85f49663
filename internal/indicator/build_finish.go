package indicator

import (
	"sort"

	"github.com/zhixiao/zhixiao/internal/court"
)

// maxChain bounds the walk up a chain of 原审案号, against cycles in bad data.
const maxChain = 64

// finish orders units and cases, resolves links and returns the snapshot.
func (b *builder) finish(fs []court.FundReceipt, ms []court.Mediation) *Snapshot {
	s := &Snapshot{n: b.n, causes: b.causes, prefixes: b.prefixes}
	leafNew := b.orderUnits(&s.units)
	perm, inv := b.orderCases(&s.units, leafNew)
	b.permuteColumns(s, perm, inv)
	b.linkOrigins(s, perm, inv)
	s.buildDescendants()
	b.buildPanel(s, inv, leafNew)
	b.buildFunds(s, fs, inv)
	b.buildMediations(s, ms)
	b.countJudges(&s.units, leafNew)
	s.units.buildIndex()
	return s
}

// orderUnits sorts courts (listed ones first, in their order; others by
// name), departments by name within a court and judge units by name within a
// department. It returns the new index of every old leaf.
func (b *builder) orderUnits(u *units) []int32 {
	nc := len(b.courtName)
	courts := make([]int32, nc)
	for i := range courts {
		courts[i] = int32(i)
	}
	sort.SliceStable(courts[b.courtListed:], func(i, j int) bool {
		return b.courtName[courts[b.courtListed+i]] < b.courtName[courts[b.courtListed+j]]
	})
	courtNew := invert(courts)
	depts := iota32(len(b.deptName))
	sort.SliceStable(depts, func(i, j int) bool {
		ci, cj := courtNew[b.deptCourt[depts[i]]], courtNew[b.deptCourt[depts[j]]]
		if ci != cj {
			return ci < cj
		}
		return b.deptName[depts[i]] < b.deptName[depts[j]]
	})
	deptNew := invert(depts)
	leaves := iota32(len(b.leafName))
	sort.SliceStable(leaves, func(i, j int) bool {
		di, dj := deptNew[b.leafDept[leaves[i]]], deptNew[b.leafDept[leaves[j]]]
		if di != dj {
			return di < dj
		}
		return b.leafName[leaves[i]] < b.leafName[leaves[j]]
	})
	leafNew := invert(leaves)

	u.courtName = make([]string, nc)
	u.courtLevel = make([]court.CourtLevel, nc)
	for newIdx, old := range courts {
		u.courtName[newIdx], u.courtLevel[newIdx] = b.courtName[old], b.courtLevel[old]
	}
	u.deptCourt = make([]int32, len(depts))
	u.deptName = make([]string, len(depts))
	u.courtDeptStart = make([]int32, nc+1)
	for newIdx, old := range depts {
		u.deptCourt[newIdx], u.deptName[newIdx] = courtNew[b.deptCourt[old]], b.deptName[old]
		u.courtDeptStart[u.deptCourt[newIdx]+1]++
	}
	prefixSum(u.courtDeptStart)
	u.leafDept = make([]int32, len(leaves))
	u.leafName = make([]string, len(leaves))
	u.deptLeafStart = make([]int32, len(depts)+1)
	for newIdx, old := range leaves {
		u.leafDept[newIdx], u.leafName[newIdx] = deptNew[b.leafDept[old]], b.leafName[old]
		u.deptLeafStart[u.leafDept[newIdx]+1]++
	}
	prefixSum(u.deptLeafStart)
	return leafNew
}

func iota32(n int) []int32 {
	out := make([]int32, n)
	for i := range out {
		out[i] = int32(i)
	}
	return out
}

// invert returns q with q[p[i]] = i.
func invert(p []int32) []int32 {
	q := make([]int32, len(p))
	for i, v := range p {
		q[v] = int32(i)
	}
	return q
}

func prefixSum(xs []int32) {
	for i := 1; i < len(xs); i++ {
		xs[i] += xs[i-1]
	}
}

// orderCases sorts cases by their new leaf (a counting sort, stable), and
// returns perm (new position -> arrival index) and inv (arrival -> new).
func (b *builder) orderCases(u *units, leafNew []int32) (perm, inv []int32) {
	u.leafCaseStart = make([]int32, len(u.leafName)+1)
	for _, l := range b.leaf {
		u.leafCaseStart[leafNew[l]+1]++
	}
	prefixSum(u.leafCaseStart)
	next := append([]int32(nil), u.leafCaseStart[:len(u.leafName)]...)
	perm = make([]int32, b.n)
	inv = make([]int32, b.n)
	for i, l := range b.leaf {
		p := next[leafNew[l]]
		next[leafNew[l]]++
		perm[p] = int32(i)
		inv[i] = p
	}
	b.leaf = nil
	return perm, inv
}

func permute[T any](src []T, perm []int32) []T {
	dst := make([]T, len(perm))
	for p, i := range perm {
		dst[p] = src[i]
	}
	return dst
}

func (b *builder) permuteColumns(s *Snapshot, perm, inv []int32) {
	s.filed, s.closed, s.efile = permute(b.filed, perm), permute(b.closed, perm), permute(b.efile, perm)
	s.limitDays, s.extDays = permute(b.limitDays, perm), permute(b.extDays, perm)
	s.suspDays, s.reads = permute(b.suspDays, perm), permute(b.reads, perm)
	s.hearings, s.kind, s.level = permute(b.hearings, perm), permute(b.kind, perm), permute(b.level, perm)
	s.closeMethod, s.track = permute(b.closeMethod, perm), permute(b.track, perm)
	s.flags, s.cause = permute(b.flags, perm), permute(b.cause, perm)
	s.noYear, s.noPrefix, s.noSeq = permute(b.noYear, perm), permute(b.noPrefix, perm), permute(b.noSeq, perm)
	b.filed, b.closed, b.efile, b.limitDays, b.extDays, b.suspDays, b.reads = nil, nil, nil, nil, nil, nil, nil
	b.hearings, b.kind, b.level, b.closeMethod, b.track, b.cause = nil, nil, nil, nil, nil, nil
	b.noYear, b.noPrefix, b.noSeq = nil, nil, nil

	// Amounts, sorted by new position.
	order := iota32(len(b.amtCase))
	sort.Slice(order, func(i, j int) bool { return inv[b.amtCase[order[i]]] < inv[b.amtCase[order[j]]] })
	s.amtCase = make([]int32, len(order))
	s.execAmount = make([]court.Money, len(order))
	s.execRecovered = make([]court.Money, len(order))
	for k, o := range order {
		s.amtCase[k], s.execAmount[k], s.execRecovered[k] = inv[b.amtCase[o]], b.execAmount[o], b.execRecovered[o]
	}
	b.amtCase, b.execAmount, b.execRecovered = nil, nil, nil
}

// linkOrigins resolves 原审案号 to case indices, sets the named-by flags and
// builds the list of referring cases ordered by their 原审 case.
func (b *builder) linkOrigins(s *Snapshot, perm, inv []int32) {
	s.origin = make([]int32, s.n)
	refs := 0
	for p, i := range perm {
		s.origin[p] = -1
		k := b.originKey[i]
		if k == 0 {
			continue
		}
		a, ok := b.keys[k]
		if !ok || inv[a] == int32(p) {
			continue
		}
		o := inv[a]
		s.origin[p] = o
		s.flags[p] |= flagHasOrigin
		refs++
		switch {
		case s.level[p] == court.LevelSecond && trialKind(s.kind[p]):
			s.flags[o] |= flagNamedBySecond
		case s.level[p] == court.LevelExecFirst:
			s.flags[o] |= flagNamedByExecFirst
		}
	}
	b.originKey = nil
	start := make([]int32, s.n+1)
	for _, o := range s.origin {
		if o >= 0 {
			start[o+1]++
		}
	}
	prefixSum(start)
	s.refOrigin = make([]int32, refs)
	s.refCase = make([]int32, refs)
	for p, o := range s.origin {
		if o >= 0 {
			k := start[o]
			start[o]++
			s.refOrigin[k], s.refCase[k] = o, int32(p)
		}
	}
}

// trialKind reports whether k is 刑事, 民事 or 行政, the kinds whose levels
// 一审, 二审 and 再审 INDICATORS.md speaks of.
func trialKind(k court.Kind) bool {
	return k == court.KindCriminal || k == court.KindCivil || k == court.KindAdministrative
}

// buildDescendants lists, for every case that has any, the cases deriving
// from it directly or through a chain of 原审案号, ordered by filing day.
func (s *Snapshot) buildDescendants() {
	count := make([]int32, s.n)
	var path []int32
	walk := func(p int32, visit func(a int32)) {
		path = path[:0]
		for a := s.origin[p]; a >= 0 && a != p && len(path) < maxChain; a = s.origin[a] {
			if containsInt32(path, a) {
				break
			}
			path = append(path, a)
			visit(a)
		}
	}
	owners := 0
	for p := range int32(s.n) {
		if s.origin[p] >= 0 {
			walk(p, func(a int32) {
				if count[a] == 0 {
					owners++
				}
				count[a]++
			})
		}
	}
	s.descOwner = make([]int32, 0, owners)
	s.descStart = make([]int32, 0, owners+1)
	pos := make([]int32, s.n) // next free slot per owner
	total := int32(0)
	for p, c := range count {
		if c > 0 {
			s.descOwner = append(s.descOwner, int32(p))
			s.descStart = append(s.descStart, total)
			pos[p] = total
			total += c
		}
	}
	s.descStart = append(s.descStart, total)
	s.desc = make([]int32, total)
	for p := range int32(s.n) {
		if s.origin[p] >= 0 {
			walk(p, func(a int32) {
				s.desc[pos[a]] = p
				pos[a]++
			})
		}
	}
	for k := range s.descOwner {
		list := s.desc[s.descStart[k]:s.descStart[k+1]]
		sort.Slice(list, func(i, j int) bool {
			if s.filed[list[i]] != s.filed[list[j]] {
				return s.filed[list[i]] < s.filed[list[j]]
			}
			return list[i] < list[j]
		})
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
	n := len(b.panelCase)
	start := make([]int32, s.n+1)
	for _, c := range b.panelCase {
		start[inv[c]+1]++
	}
	prefixSum(start)
	s.panelLeaf = make([]int32, n)
	s.panelCase = make([]int32, n)
	for k := range n {
		p := inv[b.panelCase[k]]
		j := start[p]
		start[p]++
		s.panelLeaf[j], s.panelCase[j] = leafNew[b.panelLeaf[k]], p
	}
	b.panelCase, b.panelLeaf = nil, nil
	s.panelLeafStart = make([]int32, len(s.leafName)+1)
	for _, l := range s.panelLeaf {
		s.panelLeafStart[l+1]++
	}
	prefixSum(s.panelLeafStart)
	next := append([]int32(nil), s.panelLeafStart[:len(s.leafName)]...)
	s.panelByLeaf = make([]int32, n)
	for k, l := range s.panelLeaf {
		s.panelByLeaf[next[l]] = int32(k)
		next[l]++
	}
}

// buildFunds resolves each receipt's 案号 and orders receipts by case;
// receipts whose case is not in the data are left out.
func (b *builder) buildFunds(s *Snapshot, fs []court.FundReceipt, inv []int32) {
	var order, pos []int32
	for i, r := range fs {
		no, err := court.ParseCaseNo(r.CaseNo)
		if err != nil {
			continue
		}
		if k, ok := b.keyOf(no, false); ok {
			if a, ok := b.keys[k]; ok {
				order = append(order, int32(i))
				pos = append(pos, inv[a])
			}
		}
	}
	idx := iota32(len(order))
	sort.SliceStable(idx, func(i, j int) bool { return pos[idx[i]] < pos[idx[j]] })
	f := &s.funds
	n := len(order)
	f.caseIdx, f.received, f.paid = make([]int32, n), make([]court.Date, n), make([]court.Date, n)
	f.amount, f.paidAmount = make([]court.Money, n), make([]court.Money, n)
	for k, x := range idx {
		r := fs[order[x]]
		f.caseIdx[k], f.received[k], f.paid[k], f.amount[k], f.paidAmount[k] = pos[x], r.ReceivedOn, r.PaidOn, r.Amount, r.PaidAmount
	}
	f.leafStart = make([]int32, len(s.leafName)+1)
	k := int32(0)
	for l := range s.leafName {
		for int(k) < n && f.caseIdx[k] < s.leafCaseStart[l] {
			k++
		}
		f.leafStart[l] = k
	}
	f.leafStart[len(s.leafName)] = int32(n)
}

// buildMediations orders mediations by court.
func (b *builder) buildMediations(s *Snapshot, ms []court.Mediation) {
	courtNew := make(map[string]int32, len(s.courtName))
	for i, n := range s.courtName {
		courtNew[n] = int32(i)
	}
	cidx := make([]int32, len(ms))
	for i := range ms {
		cidx[i] = courtNew[b.courtName[b.courtOf(ms[i].Court)]]
	}
	order := iota32(len(ms))
	sort.SliceStable(order, func(i, j int) bool { return cidx[order[i]] < cidx[order[j]] })
	m := &s.meds
	n := len(ms)
	m.court, m.registered, m.ended = make([]int32, n), make([]court.Date, n), make([]court.Date, n)
	m.result, m.confirmed, m.id = make([]court.MediationResult, n), make([]bool, n), make([]string, n)
	m.courtStart = make([]int32, len(s.courtName)+1)
	for k, o := range order {
		x := ms[o]
		m.court[k], m.registered[k], m.ended[k] = cidx[o], x.RegisteredOn, x.EndedOn
		m.result[k], m.confirmed[k], m.id[k] = x.Result, x.Confirmed, x.ID
		m.courtStart[cidx[o]+1]++
	}
	prefixSum(m.courtStart)
}

// countJudges counts the 在岗员额法官 of every unit (closed_per_judge).
func (b *builder) countJudges(u *units, leafNew []int32) {
	u.people = b.people
	u.judgesCourt = make([]int32, len(u.courtName))
	u.judgesDept = make([]int32, len(u.deptName))
	u.judgesLeaf = make([]uint8, len(u.leafName))
	courtNew := make(map[string]int32, len(u.courtName))
	for i, n := range u.courtName {
		courtNew[n] = int32(i)
	}
	deptNew := make(map[deptKey]int32, len(u.deptName))
	for i, n := range u.deptName {
		deptNew[deptKey{u.deptCourt[i], n}] = int32(i)
	}
	for _, p := range b.people {
		if p.Category != court.CategoryJudge || !p.Active {
			continue
		}
		c := courtNew[p.Court]
		u.judgesAll++
		u.judgesCourt[c]++
		u.judgesDept[deptNew[deptKey{c, p.Department}]]++
	}
	for old, name := range b.leafName {
		d := b.leafDept[old]
		c := b.deptCourt[d]
		inDept := b.hasPersonIn(c, d, name)
		for _, pi := range b.personIdx[personKey{c, name}] {
			p := b.people[pi]
			if (p.Department == b.deptName[d]) != inDept {
				continue
			}
			if p.Category == court.CategoryJudge && p.Active {
				u.judgesLeaf[leafNew[old]] = 1
				break
			}
		}
	}
}

func (b *builder) hasPersonIn(c, d int32, name string) bool {
	for _, pi := range b.personIdx[personKey{c, name}] {
		if b.people[pi].Department == b.deptName[d] {
			return true
		}
	}
	return false
}

func (u *units) buildIndex() {
	u.index = make(map[string]unitRef, len(u.courtName)+len(u.deptName)+len(u.leafName))
	for _, g := range []Grouping{ByCourt, ByDepartment, ByJudge} {
		for i := range u.count(g) {
			name := u.unit(unitRef{g, int32(i)}).Name
			if _, ok := u.index[name]; !ok {
				u.index[name] = unitRef{g, int32(i)}
			}
		}
	}
}
