package indicator

import (
	"math"
	"slices"
	"strconv"
	"sync"
)

// Number is a figure that may be absent (JSON null): the denominator of a
// count, the value of a ratio whose denominator is 0.
type Number struct {
	V     float64
	Valid bool
}

// Num returns a present Number.
func Num(v float64) Number { return Number{V: v, Valid: true} }

// MarshalJSON writes the number, or null.
func (n Number) MarshalJSON() ([]byte, error) {
	if !n.Valid || math.IsNaN(n.V) || math.IsInf(n.V, 0) {
		return []byte("null"), nil
	}
	return strconv.AppendFloat(nil, n.V, 'f', -1, 64), nil
}

// UnmarshalJSON reads a number or null.
func (n *Number) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*n = Number{}
		return nil
	}
	v, err := strconv.ParseFloat(string(b), 64)
	*n = Number{V: v, Valid: err == nil}
	return err
}

// Result is one indicator for one unit: the CLI's JSON object.
type Result struct {
	UnitType    string `json:"unit_type"` // all, court, department, judge
	Unit        string `json:"unit"`
	Indicator   string `json:"indicator"`
	Numerator   Number `json:"numerator"`
	Denominator Number `json:"denominator"`
	Value       Number `json:"value"`

	Definition *Definition `json:"-"` // the version evaluated
	unit       unitRef
}

// side is the integer total of one side of an indicator.
type side struct {
	sum   int64
	scale int64 // 0 when the terms mix scales (then f holds the value)
	f     float64
}

func (sd side) float() float64 {
	if sd.scale == 0 {
		return sd.f
	}
	return float64(sd.sum) / float64(sd.scale)
}

func (sd side) zero() bool { return sd.sum == 0 && sd.f == 0 }

// ratio divides two sides exactly when they share a scale.
func ratio(a, b side) float64 {
	if a.scale != 0 && a.scale == b.scale {
		return float64(a.sum) / float64(b.sum)
	}
	return a.float() / b.float()
}

// total sums the terms of one side for a unit row.
func (r *run) total(terms []termRef, row []int64, g Grouping, u unitRef) side {
	sd := side{scale: -1}
	for _, t := range terms {
		var v int64
		switch t.src {
		case refCaseTerm:
			c := &r.pl.counters[t.idx]
			v = row[c.slot]
			if c.value == vWeight && g == ByJudge {
				v = row[c.roleSlot]
			}
		case refFundTerm:
			v = row[r.pl.fundTerms[t.idx].slot]
		case refMedTerm:
			v = row[r.pl.medTerms[t.idx].slot]
		case refJudges:
			v = r.s.judges(u)
		}
		switch sd.scale {
		case -1, t.scale:
			sd.sum += v
			sd.scale = t.scale
		default:
			if sd.scale != 0 {
				sd.f = sd.float()
				sd.scale = 0
			}
			sd.f += float64(v) / float64(t.scale)
		}
	}
	if sd.scale == -1 {
		sd.scale = scaleOne
	}
	return sd
}

// unitRow sums the rows of a unit: its judge units, plus the mediations of
// its courts.
func (r *run) unitRow(u unitRef, buf []int64) []int64 {
	ns := r.pl.nslots
	a, b := r.s.leafRange(u)
	if u.g == ByJudge {
		return r.acc[int(a-r.l0)*ns : int(a-r.l0+1)*ns]
	}
	clear(buf)
	for l := a; l < b; l++ {
		row := r.acc[int(l-r.l0)*ns : int(l-r.l0+1)*ns]
		for k, v := range row {
			buf[k] += v
		}
	}
	addRow := func(row []int64) {
		for k, v := range row {
			buf[k] += v
		}
	}
	switch u.g {
	case ByCourt:
		addRow(r.courtAcc[int(u.idx)*ns : int(u.idx+1)*ns])
	case ByAll:
		for c := range r.s.courtName {
			addRow(r.courtAcc[c*ns : (c+1)*ns])
		}
	}
	return buf
}

// results computes every indicator of the plan for the units us, the units
// split between two goroutines when there are many.
func (r *run) results(us []unitRef, g Grouping) []Result {
	ni := len(r.pl.inds)
	out := make([]Result, len(us)*ni)
	if len(us) < 64 {
		r.resultsOf(us, g, out)
		return out
	}
	half := len(us) / 2
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		r.resultsOf(us[half:], g, out[half*ni:])
	}()
	r.resultsOf(us[:half], g, out[:half*ni])
	wg.Wait()
	return out
}

// resultsOf fills out with the results of the units us.
func (r *run) resultsOf(us []unitRef, g Grouping, out []Result) {
	buf := make([]int64, r.pl.nslots)
	var scratch []int32
	k := 0
	for _, u := range us {
		row := r.unitRow(u, buf)
		name := r.s.unit(u).Name
		for i := range r.pl.inds {
			ind := &r.pl.inds[i]
			out[k] = Result{UnitType: g.String(), Unit: name, Indicator: ind.def.ID, Definition: ind.def, unit: u}
			r.figures(&out[k], ind, row, g, u, &scratch)
			k++
		}
	}
}

// figures sets the numerator, denominator and value of one result
// (INDICATORS.md: counts have no denominator, ratios no value over 0).
func (r *run) figures(res *Result, ind *compiledIndicator, row []int64, g Grouping, u unitRef, scratch *[]int32) {
	num := r.total(ind.num, row, g, u)
	den := r.total(ind.den, row, g, u)
	switch ind.def.Formula.Agg {
	case AggCount, AggSum:
		res.Numerator, res.Value = Num(num.float()), Num(num.float())
	case AggMedian:
		res.Denominator = Num(num.float())
		*scratch = r.medianValues(ind.num[0], u, (*scratch)[:0])
		if len(*scratch) > 0 {
			res.Value = Num(median(*scratch))
		}
	case AggComplement:
		rest := side{sum: den.sum - num.sum, scale: den.scale, f: den.f - num.f}
		if num.scale != den.scale {
			rest = side{f: den.float() - num.float()}
		}
		res.Numerator, res.Denominator = Num(rest.float()), Num(den.float())
		if !den.zero() {
			res.Value = Num(ratio(rest, den))
		}
	default:
		res.Numerator, res.Denominator = Num(num.float()), Num(den.float())
		if !den.zero() {
			v := ratio(num, den)
			if ind.def.Formula.Agg == AggRatioDays {
				v *= float64(r.t1-r.t0) + 1
			}
			res.Value = Num(v)
		}
	}
}

// medianValues gathers the values a median counter collected for a unit.
func (r *run) medianValues(t termRef, u unitRef, dst []int32) []int32 {
	m := r.pl.counters[t.idx].median
	a, b := r.s.leafRange(u)
	for l := a; l < b; l++ {
		c := &r.chunks[r.leafOf[l-r.l0]]
		dst = append(dst, c.med[m][r.medLo[m][l-r.l0]:r.medHi[m][l-r.l0]]...)
	}
	return dst
}

// median returns the middle value, or the mean of the two middle values
// when their number is even. It reorders vs.
func median(vs []int32) float64 {
	n := len(vs)
	lo, hi := slices.Min(vs), slices.Max(vs)
	if n > 64 && int64(hi)-int64(lo) <= 1<<20 {
		counts := make([]int32, int64(hi)-int64(lo)+1)
		for _, v := range vs {
			counts[v-lo]++
		}
		a, b := nth(counts, (n-1)/2), nth(counts, n/2)
		return (float64(a)+float64(b))/2 + float64(lo)
	}
	slices.Sort(vs)
	return (float64(vs[(n-1)/2]) + float64(vs[n/2])) / 2
}

// nth returns the index of the k-th (0-based) value in a histogram.
func nth(counts []int32, k int) int {
	seen := 0
	for i, c := range counts {
		seen += int(c)
		if seen > k {
			return i
		}
	}
	return len(counts) - 1
}
