package ingest

import (
	"strconv"
	"strings"

	"github.com/zhixiao/zhixiao/internal/court"
)

// rowCtx checks one row: it reads the cells of the table's fields and
// collects every problem. A cell that could not be read (too long, bad
// encoding) gets that one problem and no others.
type rowCtx struct {
	s   *Source
	rec *record
	row *Row
	bad []bool // columns whose reading failed
}

// checkShape reports what went wrong while reading: the number of fields,
// cells that did not decode, values in columns without a header.
func (c *rowCtx) checkShape() {
	lay := c.s.lay
	if p := c.widthProblem(); p != "" {
		c.add(-1, -1, p)
	}
	if len(c.rec.issues) > 0 {
		c.bad = make([]bool, max(len(c.rec.cells), len(lay.header)))
	}
	for _, is := range c.rec.issues {
		c.add(is.col, -1, is.reason)
		c.bad[is.col] = true
	}
	for col, f := range lay.fieldOf {
		if f == colBlank && col < len(c.rec.cells) && strings.TrimSpace(c.rec.cells[col]) != "" {
			c.add(-1, -1, "第"+strconv.Itoa(col+1)+"列没有表头，但该行在此列有值“"+displayValue(c.rec.cells[col])+"”：请补上表头或删除该列")
		}
	}
}

// widthProblem compares the row's fields with the header's.
func (c *rowCtx) widthProblem() string {
	n, w := len(c.s.lay.header), c.rec.width
	switch {
	case c.s.xlsx && w > n:
		return "该行第" + strconv.Itoa(w) + "列有值，但表头只有" + strconv.Itoa(n) + "列"
	case !c.s.xlsx && w != n:
		return widthProblem(w, n)
	}
	return ""
}

// col is the column of field f, or -1.
func (c *rowCtx) col(f int) int { return c.s.lay.colOf[f] }

// cell is the trimmed value of field f, "" when the column is absent.
func (c *rowCtx) cell(f int) string {
	col := c.col(f)
	if col < 0 || col >= len(c.rec.cells) {
		return ""
	}
	return trim(c.rec.cells[col])
}

// problem reports reason for field f, unless its cell already failed to read.
func (c *rowCtx) problem(f int, reason string) {
	col := c.col(f)
	if col >= 0 && col < len(c.bad) && c.bad[col] {
		return
	}
	c.add(col, f, reason)
}

// add appends a problem for column col (the table's field f when the file
// has no such column; -1 and -1 for the whole row).
func (c *rowCtx) add(col, f int, reason string) {
	p := Problem{Ref: c.row.Ref, Reason: reason}
	switch {
	case col >= 0:
		p.Column = c.s.lay.header[col]
		if col < len(c.rec.cells) {
			p.Value = displayValue(strings.TrimSpace(c.rec.cells[col]))
		}
	case f >= 0:
		p.Column = c.s.table.schema().fields[f].name
	}
	c.row.Problems = append(c.row.Problems, p)
}

// required is the value of f, with a problem when it is empty.
func (c *rowCtx) required(f int) string {
	v := c.cell(f)
	if v == "" {
		c.problem(f, "不能为空")
	}
	return v
}

// setRaw replaces the raw cell of f, so that a workbook's date serial or
// floating-point amount goes to the rejects file as text that imports again.
func (c *rowCtx) setRaw(f int, v string) {
	if col := c.col(f); col >= 0 && col < len(c.rec.cells) {
		c.rec.cells[col] = v
	}
}

// date reads a date of f; ok is false when the cell is not a date.
func (c *rowCtx) date(f int) (court.Date, bool) {
	v := c.cell(f)
	d, reason := parseDate(v, c.s.xlsx)
	if reason != "" {
		c.problem(f, reason)
		return court.NoDate, false
	}
	if c.s.xlsx && d != court.NoDate && isSerial(v) {
		d += court.Date(c.s.shift)
		c.setRaw(f, d.String())
	}
	return d, true
}

// requiredDate reads a date that must be given.
func (c *rowCtx) requiredDate(f int) (court.Date, bool) {
	if c.cell(f) == "" {
		c.problem(f, "不能为空，应填写日期（如 2025-03-07）")
		return court.NoDate, false
	}
	return c.date(f)
}

// amount reads an amount in yuan, court.NoMoney when empty.
func (c *rowCtx) amount(f int) court.Money {
	v := c.cell(f)
	m, reason := parseAmount(v, c.s.xlsx)
	if reason != "" {
		c.problem(f, reason)
		return court.NoMoney
	}
	if c.s.xlsx && m != court.NoMoney && strings.ContainsAny(v, ".eE") && !strings.ContainsAny(v, ",元￥¥") {
		c.setRaw(f, formatMoney(m))
	}
	return m
}

// requiredAmount reads an amount that must be given.
func (c *rowCtx) requiredAmount(f int) court.Money {
	if c.cell(f) == "" {
		c.problem(f, "不能为空，应填写金额（元）")
		return court.NoMoney
	}
	return c.amount(f)
}

// count reads a non-negative integer, def when empty.
func (c *rowCtx) count(f, def int) int {
	n, reason := parseCount(c.cell(f), def)
	if reason != "" {
		c.problem(f, reason)
	}
	return n
}

// tri reads a 是/否 cell.
func (c *rowCtx) tri(f int) court.Tri {
	t, reason := parseTri(c.cell(f))
	if reason != "" {
		c.problem(f, reason)
	}
	return t
}

// caseNo parses the 案号 of f; ok is false when it is empty or does not parse.
func (c *rowCtx) caseNo(f int) (court.CaseNo, bool) {
	v := c.cell(f)
	if v == "" {
		c.problem(f, "不能为空，应填写案号，如（2025）京0105民初12345号")
		return court.CaseNo{}, false
	}
	no, err := court.ParseCaseNo(v)
	if err != nil {
		c.problem(f, caseNoReason(v, err))
		return court.CaseNo{}, false
	}
	return no, true
}

// caseNoReason is ParseCaseNo's message without the 案号 it repeats (the
// problem shows the value already).
func caseNoReason(v string, err error) string {
	msg := court.Message(err)
	rest, ok := strings.CutPrefix(msg, "案号“"+v+"”")
	if !ok {
		return msg
	}
	if r, ok := strings.CutPrefix(rest, "中的"); ok {
		return r
	}
	return rest
}
