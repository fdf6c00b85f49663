package indicator

import (
	"sort"
	"strings"

	"github.com/zhixiao/zhixiao/internal/court"
)

// tenv is the period a condition is evaluated for.
type tenv struct{ t0, t1 int64 }

// columnSource gives typed access to the columns of one source (cases,
// funds or mediations) by row index.
type columnSource interface {
	num(col string) func(int32) (int64, bool)
	cat(col string) (get func(int32) int, code func(string) (int, bool))
	flag(col string) func(int32) bool
}

// caseColumns reads the columns of the snapshot's cases; "origin." reads
// those of the 原审 case.
type caseColumns struct{ s *Snapshot }

func (c caseColumns) wrap(col string) (string, func(int32) (int32, bool)) {
	if rest, ok := strings.CutPrefix(col, "origin."); ok {
		return rest, func(i int32) (int32, bool) {
			o := c.s.origin[i]
			return o, o >= 0
		}
	}
	return col, func(i int32) (int32, bool) { return i, true }
}

func (c caseColumns) num(col string) func(int32) (int64, bool) {
	name, at := c.wrap(col)
	s := c.s
	var get func(int32) (int64, bool)
	switch name {
	case "filed_on":
		get = func(i int32) (int64, bool) { return int64(s.filed[i]), s.filed[i] != court.NoDate }
	case "closed_on":
		get = func(i int32) (int64, bool) { return int64(s.closed[i]), s.closed[i] != openDay }
	case "efile_on":
		get = func(i int32) (int64, bool) { return int64(s.efile[i]), s.efile[i] != court.NoDate }
	case "limit_days":
		get = func(i int32) (int64, bool) { return int64(s.limitDays[i]), true }
	case "extended_days":
		get = func(i int32) (int64, bool) { return int64(s.extDays[i]), true }
	case "suspended_days":
		get = func(i int32) (int64, bool) { return int64(s.suspDays[i]), true }
	case "hearings":
		get = func(i int32) (int64, bool) { return int64(s.hearings[i]), true }
	case "efile_reads":
		get = func(i int32) (int64, bool) { return int64(s.reads[i]), true }
	case "exec_amount":
		get = func(i int32) (int64, bool) { return s.amount(i, false) }
	case "exec_recovered":
		get = func(i int32) (int64, bool) { return s.amount(i, true) }
	default:
		return nil
	}
	return func(i int32) (int64, bool) {
		j, ok := at(i)
		if !ok {
			return 0, false
		}
		return get(j)
	}
}

// amount returns the 申请执行标的额 (or 执行到位金额) of case i, in 分.
func (s *Snapshot) amount(i int32, recovered bool) (int64, bool) {
	k := sort.Search(len(s.amtCase), func(k int) bool { return s.amtCase[k] >= i })
	if k == len(s.amtCase) || s.amtCase[k] != i {
		return 0, false
	}
	m := s.execAmount.at(k)
	if recovered {
		m = s.execRecovered.at(k)
	}
	return int64(m), m >= 0
}

func (c caseColumns) cat(col string) (func(int32) int, func(string) (int, bool)) {
	name, at := c.wrap(col)
	s := c.s
	var get func(int32) int
	info, _ := caseColumn(name)
	code := info.parse
	switch name {
	case "kind":
		get = func(i int32) int { return int(s.kind[i]) }
	case "level":
		get = func(i int32) int { return int(s.level[i]) }
	case "close_method":
		get = func(i int32) int { return int(s.closeMethod[i]) }
	case "track":
		get = func(i int32) int { return int(s.track[i]) }
	case "appealed":
		get = func(i int32) int {
			switch {
			case s.flags[i]&flagAppealedYes != 0:
				return int(court.Yes)
			case s.flags[i]&flagAppealedNo != 0:
				return int(court.No)
			}
			return int(court.Unknown)
		}
	case "cause":
		get = func(i int32) int { return int(s.cause[i]) }
		code = func(v string) (int, bool) {
			for k, c := range s.causes {
				if c == v {
					return k, true
				}
			}
			return -1, true
		}
	default:
		return nil, nil
	}
	return func(i int32) int {
		j, ok := at(i)
		if !ok {
			return -1
		}
		return get(j)
	}, code
}

func (c caseColumns) flag(col string) func(int32) bool {
	name, at := c.wrap(col)
	s := c.s
	var bit uint8
	switch name {
	case "named_by_second":
		bit = flagNamedBySecond
	case "named_by_exec_first":
		bit = flagNamedByExecFirst
	case "has_origin":
		bit = flagHasOrigin
	case "has_panel":
		bit = flagHasPanel
	default:
		return nil
	}
	return func(i int32) bool {
		j, ok := at(i)
		return ok && s.flags[j]&bit != 0
	}
}

// fundColumns reads the execution-fund receipts.
type fundColumns struct{ f *funds }

func (c fundColumns) num(col string) func(int32) (int64, bool) {
	f := c.f
	switch col {
	case "received_on":
		return func(j int32) (int64, bool) { return int64(f.received[j]), f.received[j] != court.NoDate }
	case "paid_on":
		return func(j int32) (int64, bool) { return int64(f.paid[j]), f.paid[j] != court.NoDate }
	}
	return nil
}

func (c fundColumns) cat(string) (func(int32) int, func(string) (int, bool)) { return nil, nil }
func (c fundColumns) flag(string) func(int32) bool                           { return nil }

// mediationColumns reads the pre-litigation mediations.
type mediationColumns struct{ m *mediations }

func (c mediationColumns) num(col string) func(int32) (int64, bool) {
	m := c.m
	switch col {
	case "registered_on":
		return func(j int32) (int64, bool) { return int64(m.registered[j]), m.registered[j] != court.NoDate }
	case "ended_on":
		return func(j int32) (int64, bool) { return int64(m.ended[j]), m.ended[j] != court.NoDate }
	}
	return nil
}

func (c mediationColumns) cat(col string) (func(int32) int, func(string) (int, bool)) {
	if col != "result" {
		return nil, nil
	}
	info, _ := mediationColumn(col)
	return func(j int32) int { return int(c.m.result[j]) }, info.parse
}

func (c mediationColumns) flag(col string) func(int32) bool {
	if col != "confirmed" {
		return nil
	}
	return func(j int32) bool { return c.m.confirmed[j] }
}

// rowCond is a compiled condition over rows of one source.
type rowCond func(r int32, t *tenv) bool

// compileAtom turns an atom into a closure over src.
func compileAtom(a *atom, src columnSource) rowCond {
	switch a.op {
	case "flag":
		f := src.flag(a.col)
		return func(r int32, _ *tenv) bool { return f(r) }
	case "present", "absent":
		want := a.op == "present"
		if get := src.num(a.col); get != nil {
			return func(r int32, _ *tenv) bool { _, ok := get(r); return ok == want }
		}
		get, _ := src.cat(a.col)
		return func(r int32, _ *tenv) bool { return (get(r) > 0) == want }
	case "in", "notin":
		get, code := src.cat(a.col)
		set := map[int]bool{}
		for _, v := range a.values {
			if c, ok := code(v); ok && c >= 0 {
				set[c] = true
			}
		}
		top := 0
		for c := range set {
			top = max(top, c)
		}
		member := make([]bool, top+1)
		for c := range set {
			member[c] = true
		}
		in := a.op == "in"
		return func(r int32, _ *tenv) bool {
			v := get(r)
			if v < 0 {
				return false
			}
			return (v < len(member) && member[v]) == in
		}
	}
	left, right := compileLinear(a.left, src), compileLinear(a.right, src)
	cmp := comparator(a.op)
	return func(r int32, t *tenv) bool {
		l, ok := left(r, t)
		if !ok {
			return false
		}
		rv, ok := right(r, t)
		return ok && cmp(l, rv)
	}
}

func comparator(op string) func(a, b int64) bool {
	switch op {
	case "=":
		return func(a, b int64) bool { return a == b }
	case "!=":
		return func(a, b int64) bool { return a != b }
	case "<":
		return func(a, b int64) bool { return a < b }
	case "<=":
		return func(a, b int64) bool { return a <= b }
	case ">":
		return func(a, b int64) bool { return a > b }
	}
	return func(a, b int64) bool { return a >= b }
}

// compileLinear evaluates a linear expression; absent when a column is.
func compileLinear(e linExpr, src columnSource) func(int32, *tenv) (int64, bool) {
	gets := make([]func(int32) (int64, bool), len(e.cols))
	for i, c := range e.cols {
		gets[i] = src.num(c)
	}
	return func(r int32, t *tenv) (int64, bool) {
		v := e.c
		if t != nil {
			v += e.t0*t.t0 + e.t1*t.t1
		}
		for i, g := range gets {
			x, ok := g(r)
			if !ok {
				return 0, false
			}
			v += e.coefs[i] * x
		}
		return v, true
	}
}
