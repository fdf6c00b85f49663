package assessment

import (
	"context"
	"math"

	"github.com/zhixiao/zhixiao/internal/court"
)

// Directory is what computing a month needs of the store: the people of a
// court and their hand entries in a period. *store.DB implements it.
type Directory interface {
	AssessmentPeople(ctx context.Context, courtID int64) ([]Person, error)
	AssessmentEntries(ctx context.Context, courtID int64, p court.Period) ([]Entry, error)
}

// ComputeMonth computes a month ("2025-03") of a scheme for its members:
// reads the people and entries, gathers the indicator values and the other
// modules' outcomes, and scores.
func ComputeMonth(ctx context.Context, dir Directory, src Sources, s *Scheme, month string) (*Table, error) {
	p, err := MonthPeriod(month)
	if err != nil {
		return nil, err
	}
	people, err := dir.AssessmentPeople(ctx, s.Court)
	if err != nil {
		return nil, err
	}
	members := Members(people, s)
	if len(members) == 0 {
		return nil, court.Errorf(court.Invalid, "考核方案“%s”在本院没有适用人员（人员类别：%s）", s.Name, s.Category)
	}
	entries, err := dir.AssessmentEntries(ctx, s.Court, p)
	if err != nil {
		return nil, err
	}
	in, err := src.Gather(ctx, s, p, members, entries)
	if err != nil {
		return nil, err
	}
	return Compute(in)
}

// InForce returns, of the scheme versions given (any order), the newest
// non-draft version of code in force in month; nil when there is none.
func InForce(schemes []*Scheme, courtID int64, code, month string) *Scheme {
	p, err := MonthPeriod(month)
	if err != nil {
		return nil
	}
	var best *Scheme
	for _, s := range schemes {
		if s.Court == courtID && s.Code == code && s.InForce(p) && (best == nil || s.Version > best.Version) {
			best = s
		}
	}
	return best
}

// Current returns the newest version of each code (drafts included), in
// the order first seen.
func Current(schemes []*Scheme) []*Scheme {
	idx := map[[2]any]int{}
	var out []*Scheme
	for _, s := range schemes {
		k := [2]any{s.Court, s.Code}
		if i, ok := idx[k]; ok {
			if s.Version > out[i].Version {
				out[i] = s
			}
			continue
		}
		idx[k] = len(out)
		out = append(out, s)
	}
	return out
}

// Distribution is the anonymous distribution of a group's totals: what a
// person sees of their peers.
type Distribution struct {
	N              int
	Min, Max, Mean float64
	Median         float64
	Bins           []Bin   // of 1, 2, 5 or 10 points over the group's range
	Own            float64 // the person's own total
	Above          int     // peers with a higher total
	// NoCases is how many of the group are 本月无办案 (not in the figures);
	// OwnNoCases: the person themself is.
	NoCases    int
	OwnNoCases bool
}

// Bin is a histogram bar.
type Bin struct {
	Label string
	Count int
	Own   bool
}

// Distribute summarises a table for the person own (0: nobody). People
// 本月无办案 are left out; when own is one of them, OwnNoCases is set and
// their total is not marked in the bars.
func Distribute(t *Table, own int64) Distribution {
	var vs []float64
	d := Distribution{}
	hasOwn := false
	for _, s := range t.Scores {
		if s.Person.ID == own {
			d.Own, d.OwnNoCases, hasOwn = s.Total, s.NoCases, !s.NoCases
		}
		if s.NoCases {
			d.NoCases++
			continue
		}
		vs = append(vs, s.Total)
	}
	st := statsOf(vs)
	d.N, d.Min, d.Max, d.Mean, d.Median = st.n, st.min, st.max, round2(st.mean), round2(st.median)
	d.Bins = bins(vs, hasOwn, d.Own)
	for _, v := range vs {
		if v > d.Own {
			d.Above++
		}
	}
	return d
}

// bins are bars of equal width (1, 2, 5 or 10 points: at most 6 bars unless
// 10-point ones need more) from the group's minimum to its maximum: a group
// within 70–80 shows its spread, not one bar of 100%.
func bins(vs []float64, hasOwn bool, own float64) []Bin {
	if len(vs) == 0 {
		return nil
	}
	lo, hi := vs[0], vs[0]
	for _, v := range vs {
		lo, hi = math.Min(lo, v), math.Max(hi, v)
	}
	width := 10.0
	for _, w := range []float64{1, 2, 5, 10} {
		if math.Floor(hi/w)-math.Floor(lo/w) < 6 {
			width = w
			break
		}
	}
	start := math.Floor(lo/width) * width
	n := int(math.Floor(hi/width)-math.Floor(lo/width)) + 1
	out := make([]Bin, n)
	at := func(v float64) int { return min(n-1, max(0, int(math.Floor(v/width)-start/width))) }
	for i := range out {
		out[i].Label = fmtNum(start+float64(i)*width) + "–" + fmtNum(start+float64(i+1)*width)
	}
	for _, v := range vs {
		out[at(v)].Count++
	}
	if hasOwn {
		out[at(own)].Own = true
	}
	return out
}
