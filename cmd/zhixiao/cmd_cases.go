package main

import (
	"context"
	"io"
	"strings"

	"github.com/zhixiao/zhixiao/internal/court"
	"github.com/zhixiao/zhixiao/internal/indicator"
)

// runCases lists the 案号 behind the numerator or denominator of one
// indicator, one a line (for execution funds the receipts' 案号, for
// pre-litigation mediations their 编号).
func runCases(ctx context.Context, e *env) error {
	fs, dsn := newFlags(e, "cases")
	f := addIndicatorFlags(fs)
	id := fs.String("indicator", "", "指标 id，如 closure_rate（必填）")
	partName := fs.String("part", "numerator", "numerator（分子）或 denominator（分母）")
	if _, err := parseInterspersed(fs, e.args); err != nil {
		return exitError{2}
	}
	if *id == "" {
		return court.Errorf(court.Invalid, "请用 --indicator 给出指标 id，如 --indicator closure_rate")
	}
	part, err := indicator.ParsePart(*partName)
	if err != nil {
		return err
	}
	q, err := f.query()
	if err != nil {
		return err
	}
	eng, err := openEngine(ctx, *dsn)
	if err != nil {
		return err
	}
	list, err := eng.DrillDown(q, *id, part)
	if err != nil {
		return err
	}
	var b strings.Builder
	for _, no := range list {
		b.WriteString(no)
		b.WriteString("\n")
	}
	_, err = io.WriteString(e.stdout, b.String())
	return err
}
