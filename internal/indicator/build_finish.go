package indicator

import (
	"slices"
	"sort"
	"sync"

	"github.com/zhixiao/zhixiao/internal/court"
)

// finish orders units and cases, resolves links and returns the snapshot.
func (b *builder) finish(fs []court.FundReceipt, ms []court.Mediation) (*Snapshot, error) {
	sorted, err := b.sortKeys()
	if err != nil {
		return nil, err
	}
	s := &Snapshot{n: b.n, causes: b.causes}
	leafNew := b.orderUnits(&s.units)
	perm, inv := b.orderCases(&s.units, leafNew)
	b.permuteColumns(s, perm, inv)
	b.linkOrigins(s, sorted, inv)
	s.buildDescendants()
	s.filedAlways = !slices.Contains(s.filed, court.NoDate)
	s.closedAfterFiled = true
	for i := range s.filed {
		if s.closed[i] < s.filed[i] {
			s.closedAfterFiled = false
			break
		}
	}
	b.buildPanel(s, inv, leafNew)
	b.buildFunds(s, fs, sorted, inv)
	b.buildMediations(s, ms)
	s.prefixes = b.prefixes
	b.countJudges(&s.units, leafNew)
	s.units.buildIndex()
	return s, nil
}

// orderUnits sorts courts (listed ones first, in their order; others by
// name), departments by name within a court and judge units by name within a
// department. It returns the new index of every old leaf.
func (b *builder) orderUnits(u *units) []int32 {
	nc := len(b.courtName)
	courts := iota32(nc)
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

// orderCases sorts cases by their new leaf and, within a leaf, by 结案日期
// (so that the cases closed before a period are a head to skip), and returns
// perm (new position -> arrival index) and inv (arrival -> new).
func (b *builder) orderCases(u *units, leafNew []int32) (perm, inv []int32) {
	u.leafCaseStart = make([]int32, len(u.leafName)+1)
	keys := make([]uint64, b.n)
	for i, l := range b.leaf {
		u.leafCaseStart[leafNew[l]+1]++
		keys[i] = uint64(leafNew[l])<<32 | uint64(uint32(b.closed[i]))
	}
	prefixSum(u.leafCaseStart)
	_, perm = sortPairs(keys, iota32(b.n))
	inv = invert(perm)
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

// permuteColumns moves every column into unit order, two at a time.
func (b *builder) permuteColumns(s *Snapshot, perm, inv []int32) {
	jobs := []func(){
		func() { s.filed = permute(b.filed, perm) },
		func() { s.closed = permute(b.closed, perm) },
		func() { s.efile = permute(b.efile, perm) },
		func() { s.limitDays, s.extDays = permute(b.limitDays, perm), permute(b.extDays, perm) },
		func() { s.suspDays, s.reads = permute(b.suspDays, perm), permute(b.reads, perm) },
		func() {
			s.hearings, s.kind, s.level = permute(b.hearings, perm), permute(b.kind, perm), permute(b.level, perm)
		},
		func() { s.closeMethod, s.track = permute(b.closeMethod, perm), permute(b.track, perm) },
		func() { s.flags, s.cause = permute(b.flags, perm), permute(b.cause, perm) },
		func() { s.no = b.no.permute(perm) },
		func() { b.permuteAmounts(s, perm) },
	}
	parallel(jobs)
	b.filed, b.closed, b.efile, b.limitDays, b.extDays, b.suspDays, b.reads = nil, nil, nil, nil, nil, nil, nil
	b.hearings, b.kind, b.level, b.closeMethod, b.track, b.cause, b.no = nil, nil, nil, nil, nil, nil, caseNos{}
}

// parallel runs jobs on two goroutines.
func parallel(jobs []func()) {
	var wg sync.WaitGroup
	var mu sync.Mutex
	next := 0
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				mu.Lock()
				j := next
				next++
				mu.Unlock()
				if j >= len(jobs) {
					return
				}
				jobs[j]()
			}
		}()
	}
	wg.Wait()
}

// permuteAmounts lists the amounts in unit order.
func (b *builder) permuteAmounts(s *Snapshot, perm []int32) {
	at := make([]int32, b.n) // arrival case -> amount index + 1
	for k, c := range b.amtCase {
		at[c] = int32(k) + 1
	}
	n := len(b.amtCase)
	s.amtCase = make([]int32, 0, n)
	s.execAmount.small = make([]uint32, 0, n)
	s.execRecovered.small = make([]uint32, 0, n)
	for p, i := range perm {
		if k := at[i] - 1; k >= 0 {
			s.amtCase = append(s.amtCase, int32(p))
			s.execAmount.add(b.execAmount.at(int(k)))
			s.execRecovered.add(b.execRecovered.at(int(k)))
		}
	}
	b.amtCase, b.execAmount, b.execRecovered = nil, amounts{}, amounts{}
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
