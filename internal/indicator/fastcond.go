package indicator

import (
	"github.com/zhixiao/zhixiao/internal/court"
)

// flin is a linear expression over a source's own numeric columns,
// evaluated without closures: c + t0*T0 + t1*T1 + sum(coef * column).
// Columns that are not plain slices fall back to a compiled closure.
type flin struct {
	cols   []fcol
	c      int64
	t0, t1 int64
	slow   func(int32, *tenv) (int64, bool)
}

// fcol is one column of a flin: a day (absent when equal to absent), or a
// small whole number.
type fcol struct {
	dates  []court.Date
	absent court.Date
	small  []uint16
	tiny   []uint8
	coef   int64
}

// colSlices gives the plain slices of a source's numeric columns.
type colSlices func(name string) (fcol, bool)

func caseSlices(s *Snapshot) colSlices {
	return func(name string) (fcol, bool) {
		switch name {
		case "filed_on":
			return fcol{dates: s.filed}, true
		case "closed_on":
			return fcol{dates: s.closed, absent: openDay}, true
		case "efile_on":
			return fcol{dates: s.efile}, true
		case "limit_days":
			return fcol{small: s.limitDays}, true
		case "extended_days":
			return fcol{small: s.extDays}, true
		case "suspended_days":
			return fcol{small: s.suspDays}, true
		case "efile_reads":
			return fcol{small: s.reads}, true
		case "hearings":
			return fcol{tiny: s.hearings}, true
		}
		return fcol{}, false
	}
}

func fundSlices(f *funds) colSlices {
	return func(name string) (fcol, bool) {
		switch name {
		case "received_on":
			return fcol{dates: f.received}, true
		case "paid_on":
			return fcol{dates: f.paid}, true
		}
		return fcol{}, false
	}
}

func mediationSlices(m *mediations) colSlices {
	return func(name string) (fcol, bool) {
		switch name {
		case "registered_on":
			return fcol{dates: m.registered}, true
		case "ended_on":
			return fcol{dates: m.ended}, true
		}
		return fcol{}, false
	}
}

// compileFlin compiles e over the slices, or falls back to closures over src.
func compileFlin(e linExpr, slices colSlices, src columnSource) flin {
	f := flin{c: e.c, t0: e.t0, t1: e.t1}
	for i, name := range e.cols {
		col, ok := slices(name)
		if !ok {
			return flin{slow: compileLinear(e, src)}
		}
		col.coef = e.coefs[i]
		f.cols = append(f.cols, col)
	}
	return f
}

func (f *flin) eval(i int32, t *tenv) (int64, bool) {
	if f.slow != nil {
		return f.slow(i, t)
	}
	v := f.c
	if t != nil {
		v += f.t0*t.t0 + f.t1*t.t1
	}
	for k := range f.cols {
		c := &f.cols[k]
		switch {
		case c.dates != nil:
			x := c.dates[i]
			if x == c.absent {
				return 0, false
			}
			v += c.coef * int64(x)
		case c.small != nil:
			v += c.coef * int64(c.small[i])
		default:
			v += c.coef * int64(c.tiny[i])
		}
	}
	return v, true
}

// fcond is a compiled condition: comparisons of flins as structs, other
// atoms as closures.
type fcond struct {
	op   uint8 // fAtom, fAll, fAny, fNot, fSlow
	cmp  uint8 // cEq ... cAbsent
	lin  flin  // left - right, or the one column of present/absent
	kids []fcond
	slow rowCond
}

const (
	fAtom = iota
	fAll
	fAny
	fNot
	fSlow
)

// Comparisons of an fcond atom: lin compared with 0, or lin's column present.
const (
	cEq = iota
	cNe
	cLt
	cLe
	cGt
	cGe
	cPresent
	cAbsent
)

var cmpCodes = map[string]uint8{"=": cEq, "!=": cNe, "<": cLt, "<=": cLe, ">": cGt, ">=": cGe, "present": cPresent, "absent": cAbsent}

// compileFcond compiles a condition tree over a source.
func compileFcond(n *condNode, slices colSlices, src columnSource) fcond {
	switch {
	case n.not != nil:
		return fcond{op: fNot, kids: []fcond{compileFcond(n.not, slices, src)}}
	case n.atom == nil:
		f := fcond{op: fAll}
		for _, c := range n.all {
			f.kids = append(f.kids, compileFcond(c, slices, src))
		}
		if len(n.any) > 0 {
			g := fcond{op: fAny}
			for _, c := range n.any {
				g.kids = append(g.kids, compileFcond(c, slices, src))
			}
			f.kids = append(f.kids, g)
		}
		return f
	}
	a := n.atom
	switch a.op {
	case "present", "absent":
		if _, ok := slices(a.col); ok {
			return fcond{op: fAtom, cmp: cmpCodes[a.op], lin: compileFlin(linExpr{cols: []string{a.col}, coefs: []int64{1}}, slices, src)}
		}
	case "=", "!=", "<", "<=", ">", ">=":
		l := compileFlin(a.left.minus(a.right), slices, src)
		if l.slow == nil {
			return fcond{op: fAtom, cmp: cmpCodes[a.op], lin: l}
		}
	}
	return fcond{op: fSlow, slow: compileAtom(a, src)}
}

func (f *fcond) eval(r int32, t *tenv) bool {
	switch f.op {
	case fAtom:
		v, ok := f.lin.eval(r, t)
		switch f.cmp {
		case cPresent:
			return ok
		case cAbsent:
			return !ok
		}
		if !ok {
			return false
		}
		switch f.cmp {
		case cEq:
			return v == 0
		case cNe:
			return v != 0
		case cLt:
			return v < 0
		case cLe:
			return v <= 0
		case cGt:
			return v > 0
		}
		return v >= 0
	case fAll:
		for k := range f.kids {
			if !f.kids[k].eval(r, t) {
				return false
			}
		}
		return true
	case fAny:
		for k := range f.kids {
			if f.kids[k].eval(r, t) {
				return true
			}
		}
		return false
	case fNot:
		return !f.kids[0].eval(r, t)
	}
	return f.slow(r, t)
}
