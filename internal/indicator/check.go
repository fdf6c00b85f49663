package indicator

import (
	"strings"

	"github.com/zhixiao/zhixiao/internal/court"
)

// checkFormula checks a definition's formula when the file is read, so that
// a bad 口径 is reported with its indicator before any query.
func checkFormula(d *Definition) error {
	f := &d.Formula
	switch f.Agg {
	case AggCount, AggSum, AggMedian:
		if len(f.Denominator) > 0 {
			return court.Errorf(court.Invalid, "指标 %s：%s 不应有分母", d.ID, f.Agg)
		}
	case AggRatio, AggComplement, AggRatioDays:
		if len(f.Denominator) == 0 {
			return court.Errorf(court.Invalid, "指标 %s：%s 需要分母", d.ID, f.Agg)
		}
	default:
		return court.Errorf(court.Invalid, "指标 %s：未知的聚合方式 %q", d.ID, f.Agg)
	}
	if len(f.Numerator) == 0 {
		return court.Errorf(court.Invalid, "指标 %s 缺少分子", d.ID)
	}
	if f.Agg == AggMedian && (len(f.Numerator) != 1 || f.Numerator[0].Value == "") {
		return court.Errorf(court.Invalid, "指标 %s：中位数需要恰好一项并给出 value", d.ID)
	}
	for i := range f.Numerator {
		if err := checkTerm(d.ID, &f.Numerator[i], f.Agg == AggMedian); err != nil {
			return err
		}
	}
	for i := range f.Denominator {
		if err := checkTerm(d.ID, &f.Denominator[i], false); err != nil {
			return err
		}
	}
	return nil
}

// checkTerm checks one term and fills in its default source.
func checkTerm(id string, t *Term, median bool) error {
	if t.Source == "" {
		t.Source = SourceCases
	}
	if t.Source == SourceJudges {
		if t.Set != "" || len(t.Where) > 0 || t.Sum != "" {
			return court.Errorf(court.Invalid, "指标 %s：judges 项不接受 set、where 或 sum", id)
		}
		return nil
	}
	if !validSet(t.Source, t.Set) {
		return court.Errorf(court.Invalid, "指标 %s：来源 %s 没有基础集合 %q", id, t.Source, t.Set)
	}
	if t.Attribute != "" && (t.Attribute != "origin" || t.Source != SourceCases) {
		return court.Errorf(court.Invalid, "指标 %s：attribute 只能是 origin，且只用于案件", id)
	}
	if (t.Value != "") != median {
		return court.Errorf(court.Invalid, "指标 %s：value 只用于中位数", id)
	}
	cols := columnsOf(t.Source)
	for _, c := range t.Where {
		n, err := parseCond(c, cols)
		if err != nil {
			return court.Errorf(court.Invalid, "指标 %s：%s", id, court.Message(err))
		}
		if t.Source == SourceCases && n.usesT() && n.atom == nil {
			return court.Errorf(court.Invalid, "指标 %s：引用 T0/T1 的案件条件须为顶层的简单比较", id)
		}
		if t.Source == SourceCases && n.usesT() {
			if _, _, err := rangeForm(n.atom); err != nil {
				return court.Errorf(court.Invalid, "指标 %s：%s", id, court.Message(err))
			}
		}
	}
	for _, v := range []string{t.Sum, t.Value} {
		if v == "" || (t.Source == SourceCases && (v == ValueDescendants || v == ValueCaseWeight) && !median) {
			continue
		}
		if _, err := parseValue(v, cols); err != nil {
			return court.Errorf(court.Invalid, "指标 %s：值“%s”无法解析：%s", id, v, court.Message(err))
		}
	}
	return nil
}

// validSet reports whether a source has the base set.
func validSet(source, set string) bool {
	switch source {
	case SourceCases:
		switch set {
		case SetFiled, SetPendingStart, SetCaseload, SetClosed, SetPendingEnd:
			return true
		}
	case SourceFunds:
		return set == SetReceived
	case SourceMediations:
		return set == SetEnded || set == SetRegistered
	}
	return false
}

// rangeForm turns an atom that refers to T0/T1 into a range on one date
// column: col in [lo.c + lo.t0*T0 + lo.t1*T1, hi ...]. It returns the column
// and the atom rearranged as "col op rhs" with op one of < <= > >= =.
func rangeForm(a *atom) (string, rangeBound, error) {
	if a.op == "in" || a.op == "notin" || a.op == "flag" || a.op == "present" || a.op == "absent" || a.op == "!=" {
		return "", rangeBound{}, court.Errorf(court.Invalid, "引用 T0/T1 的条件须为 =、<、<=、>、>= 比较")
	}
	d := a.left.minus(a.right) // d op 0
	if len(d.cols) != 1 || (d.coefs[0] != 1 && d.coefs[0] != -1) {
		return "", rangeBound{}, court.Errorf(court.Invalid, "引用 T0/T1 的条件须恰好含一个日期列")
	}
	if info, _ := caseColumn(d.cols[0]); info.typ != colDate || strings.HasPrefix(d.cols[0], "origin.") {
		return "", rangeBound{}, court.Errorf(court.Invalid, "引用 T0/T1 的条件须针对本案的日期列")
	}
	// coef*col + rest op 0  =>  col op' -rest/coef
	op := a.op
	rb := rangeBound{t0: -d.t0, t1: -d.t1, c: -d.c}
	if d.coefs[0] == -1 {
		rb = rangeBound{t0: d.t0, t1: d.t1, c: d.c}
		op = flipOp(op)
	}
	rb.op = op
	return d.cols[0], rb, nil
}

// rangeBound is "column op c + t0*T0 + t1*T1".
type rangeBound struct {
	op        string
	t0, t1, c int64
}

// flipOp mirrors a comparison: a < b is b > a.
func flipOp(op string) string {
	switch op {
	case "<":
		return ">"
	case "<=":
		return ">="
	case ">":
		return "<"
	case ">=":
		return "<="
	}
	return op
}
