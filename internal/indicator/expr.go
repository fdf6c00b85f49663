package indicator

import (
	"strconv"
	"strings"

	"github.com/zhixiao/zhixiao/internal/court"
)

// The condition language of the definitions file. An atom is one of
//
//	expr op expr        op: = != < <= > >=; expr: a sum of columns, T0, T1 and integers
//	                    joined by + and -, e.g. "closed_on - filed_on - suspended_days"
//	column in v1 v2 ... a categorical column (kind, level, close_method ...) and its values
//	column not in v1 ...
//	column = v          the same with one value (also !=)
//	column present      the column has a value (also absent)
//	flag                a yes/no column, e.g. named_by_second
//
// Tokens are separated by spaces. A comparison that involves an absent value
// (an empty 结案日期, say) is false.

// colType is the type of a column of a source.
type colType uint8

const (
	colDate  colType = iota + 1 // a day; absent allowed
	colInt                      // a whole number
	colMoney                    // 分; absent allowed
	colCat                      // a dictionary-coded category
	colBool                     // yes / no
)

// colInfo describes one column name of a source.
type colInfo struct {
	typ   colType
	parse func(string) (int, bool) // category values (colCat)
}

func parseKindValue(s string) (int, bool) {
	k, ok := court.ParseKind(s)
	return int(k), ok
}

func parseLevelValue(s string) (int, bool) {
	l, ok := court.ParseLevel(s)
	return int(l), ok
}

func parseCloseValue(s string) (int, bool) {
	if s == "空" {
		return int(court.CloseNone), true
	}
	m, ok := court.ParseCloseMethod(s)
	return int(m), ok
}

func parseTrackValue(s string) (int, bool) {
	if s == "空" {
		return int(court.TrackNone), true
	}
	t, ok := court.ParseTrack(s)
	return int(t), ok && s != ""
}

func parseTriValue(s string) (int, bool) {
	switch s {
	case "是":
		return int(court.Yes), true
	case "否":
		return int(court.No), true
	case "空":
		return int(court.Unknown), true
	}
	return 0, false
}

// causeValue accepts any 案由; the snapshot maps it to its code.
func causeValue(string) (int, bool) { return 0, true }

// caseColumn returns the columns of the cases source; "origin." before a
// name reads the column of the case's 原审 case (absent when there is none).
func caseColumn(name string) (colInfo, bool) {
	name = strings.TrimPrefix(name, "origin.")
	switch name {
	case "filed_on", "closed_on", "efile_on":
		return colInfo{typ: colDate}, true
	case "limit_days", "extended_days", "suspended_days", "hearings", "efile_reads":
		return colInfo{typ: colInt}, true
	case "exec_amount", "exec_recovered":
		return colInfo{typ: colMoney}, true
	case "kind":
		return colInfo{colCat, parseKindValue}, true
	case "level":
		return colInfo{colCat, parseLevelValue}, true
	case "close_method":
		return colInfo{colCat, parseCloseValue}, true
	case "track":
		return colInfo{colCat, parseTrackValue}, true
	case "appealed":
		return colInfo{colCat, parseTriValue}, true
	case "cause":
		return colInfo{colCat, causeValue}, true
	case "named_by_second", "named_by_exec_first", "has_origin", "has_panel":
		return colInfo{typ: colBool}, true
	}
	return colInfo{}, false
}

func fundColumn(name string) (colInfo, bool) {
	switch name {
	case "received_on", "paid_on":
		return colInfo{typ: colDate}, true
	}
	return colInfo{}, false
}

func mediationColumn(name string) (colInfo, bool) {
	switch name {
	case "registered_on", "ended_on":
		return colInfo{typ: colDate}, true
	case "result":
		return colInfo{colCat, func(s string) (int, bool) {
			switch s {
			case "成功":
				return int(court.MediationSuccess), true
			case "不成功":
				return int(court.MediationFailure), true
			case "空":
				return int(court.MediationPending), true
			}
			return 0, false
		}}, true
	case "confirmed":
		return colInfo{typ: colBool}, true
	}
	return colInfo{}, false
}

func columnsOf(source string) func(string) (colInfo, bool) {
	switch source {
	case SourceFunds:
		return fundColumn
	case SourceMediations:
		return mediationColumn
	}
	return caseColumn
}

// linExpr is c + t0*T0 + t1*T1 + sum(coefs[i] * cols[i]).
type linExpr struct {
	cols   []string
	coefs  []int64
	t0, t1 int64
	c      int64
}

// usesT reports whether the expression refers to the period.
func (e linExpr) usesT() bool { return e.t0 != 0 || e.t1 != 0 }

// minus returns e - f.
func (e linExpr) minus(f linExpr) linExpr {
	out := linExpr{t0: e.t0 - f.t0, t1: e.t1 - f.t1, c: e.c - f.c}
	out.cols = append(append(out.cols, e.cols...), f.cols...)
	out.coefs = append(out.coefs, e.coefs...)
	for _, k := range f.coefs {
		out.coefs = append(out.coefs, -k)
	}
	return out
}

// atom is one parsed condition atom.
type atom struct {
	op     string // = != < <= > >= in notin present absent flag
	col    string // categorical, presence and flag atoms
	values []string
	left   linExpr
	right  linExpr
}

// condNode is a parsed condition tree.
type condNode struct {
	atom *atom
	any  []*condNode
	all  []*condNode
	not  *condNode
}

// usesT reports whether any atom of the tree refers to T0 or T1.
func (n *condNode) usesT() bool {
	switch {
	case n.atom != nil:
		return n.atom.left.usesT() || n.atom.right.usesT()
	case n.not != nil:
		return n.not.usesT()
	}
	for _, c := range append(append([]*condNode(nil), n.any...), n.all...) {
		if c.usesT() {
			return true
		}
	}
	return false
}

// columns lists the column names the tree reads.
func (n *condNode) columns() []string {
	var out []string
	switch {
	case n.atom != nil:
		if n.atom.col != "" {
			out = append(out, n.atom.col)
		}
		out = append(append(out, n.atom.left.cols...), n.atom.right.cols...)
	case n.not != nil:
		out = n.not.columns()
	default:
		for _, c := range append(append([]*condNode(nil), n.any...), n.all...) {
			out = append(out, c.columns()...)
		}
	}
	return out
}

func parseCond(c Cond, cols func(string) (colInfo, bool)) (*condNode, error) {
	switch {
	case c.Not != nil:
		n, err := parseCond(*c.Not, cols)
		return &condNode{not: n}, err
	case c.Any != nil || c.All != nil:
		group := &condNode{}
		for _, sub := range c.Any {
			n, err := parseCond(sub, cols)
			if err != nil {
				return nil, err
			}
			group.any = append(group.any, n)
		}
		for _, sub := range c.All {
			n, err := parseCond(sub, cols)
			if err != nil {
				return nil, err
			}
			group.all = append(group.all, n)
		}
		if len(group.any)+len(group.all) == 0 {
			return nil, court.Errorf(court.Invalid, "条件组为空")
		}
		return group, nil
	}
	a, err := parseAtom(c.Atom, cols)
	if err != nil {
		return nil, err
	}
	return &condNode{atom: a}, nil
}

var comparisonOps = map[string]bool{"=": true, "!=": true, "<": true, "<=": true, ">": true, ">=": true}

func parseAtom(s string, cols func(string) (colInfo, bool)) (*atom, error) {
	bad := func(why string) (*atom, error) {
		return nil, court.Errorf(court.Invalid, "条件“%s”无法解析：%s", s, why)
	}
	tok := strings.Fields(s)
	if len(tok) == 0 {
		return bad("条件为空")
	}
	if len(tok) == 1 {
		info, ok := cols(tok[0])
		if !ok || info.typ != colBool {
			return bad("单独的词只能是是/否型列")
		}
		return &atom{op: "flag", col: tok[0]}, nil
	}
	if last := tok[len(tok)-1]; len(tok) == 2 && (last == "present" || last == "absent") {
		if _, ok := cols(tok[0]); !ok {
			return bad("未知列 " + tok[0])
		}
		return &atom{op: last, col: tok[0]}, nil
	}
	opAt := findOp(tok)
	if opAt <= 0 || opAt == len(tok)-1 {
		return bad("缺少比较运算符或其两侧")
	}
	op := tok[opAt]
	rest := tok[opAt+1:]
	if op == "not" {
		op, rest = "notin", tok[opAt+2:]
	}
	if info, ok := cols(tok[0]); ok && info.typ == colCat && opAt == 1 {
		return parseCatAtom(s, tok[0], info, op, rest)
	}
	if op == "in" || op == "notin" {
		return bad("in 只能用于类别列")
	}
	left, err := parseLinear(tok[:opAt], cols)
	if err != nil {
		return bad(court.Message(err))
	}
	right, err := parseLinear(rest, cols)
	if err != nil {
		return bad(court.Message(err))
	}
	return &atom{op: op, left: left, right: right}, nil
}

// findOp returns the index of the operator token, or -1.
func findOp(tok []string) int {
	for i, t := range tok {
		if comparisonOps[t] || t == "in" || (t == "not" && i+1 < len(tok) && tok[i+1] == "in") {
			return i
		}
	}
	return -1
}

func parseCatAtom(s, col string, info colInfo, op string, values []string) (*atom, error) {
	switch op {
	case "=", "in":
		op = "in"
	case "!=", "notin":
		op = "notin"
	default:
		return nil, court.Errorf(court.Invalid, "条件“%s”：类别列 %s 只能用 =、!=、in、not in", s, col)
	}
	if len(values) == 0 {
		return nil, court.Errorf(court.Invalid, "条件“%s”缺少取值", s)
	}
	for _, v := range values {
		if _, ok := info.parse(v); !ok {
			return nil, court.Errorf(court.Invalid, "条件“%s”：%s 没有取值“%s”", s, col, v)
		}
	}
	return &atom{op: op, col: col, values: values}, nil
}

// parseLinear reads operand (+|- operand)*.
func parseLinear(tok []string, cols func(string) (colInfo, bool)) (linExpr, error) {
	var e linExpr
	sign := int64(1)
	for i, t := range tok {
		if i%2 == 1 {
			switch t {
			case "+":
				sign = 1
			case "-":
				sign = -1
			default:
				return e, court.Errorf(court.Invalid, "应为 + 或 -，却是“%s”", t)
			}
			continue
		}
		switch {
		case t == "T0":
			e.t0 += sign
		case t == "T1":
			e.t1 += sign
		default:
			if n, err := strconv.ParseInt(t, 10, 64); err == nil {
				e.c += sign * n
				continue
			}
			info, ok := cols(t)
			if !ok {
				return e, court.Errorf(court.Invalid, "未知列“%s”", t)
			}
			if info.typ == colCat || info.typ == colBool {
				return e, court.Errorf(court.Invalid, "类别列“%s”不能参与计算", t)
			}
			e.cols = append(e.cols, t)
			e.coefs = append(e.coefs, sign)
		}
	}
	if len(tok)%2 == 0 {
		return e, court.Errorf(court.Invalid, "表达式不完整")
	}
	return e, nil
}

// parseValue reads a sum or median value: a linear expression of columns, or
// one of the special values descendants and case_weight.
func parseValue(s string, cols func(string) (colInfo, bool)) (linExpr, error) {
	return parseLinear(strings.Fields(s), cols)
}

// Special summed values of the cases source.
const (
	ValueDescendants = "descendants" // derived cases filed on or before T1 (案-件比)
	ValueCaseWeight  = "case_weight" // kind weight x role weight (加权结案数)
)
