package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"flag"
	"io"
	"os"
	"strconv"
	"strings"

	"golang.org/x/text/width"

	"github.com/zhixiao/zhixiao/internal/court"
	"github.com/zhixiao/zhixiao/internal/indicator"
	"github.com/zhixiao/zhixiao/internal/store"
)

// indicatorFlags are the flags indicators and cases share: the period and
// the filters.
type indicatorFlags struct {
	from, to, kind, level, unit *string
}

func addIndicatorFlags(fs *flag.FlagSet) indicatorFlags {
	return indicatorFlags{
		from:  fs.String("from", "", "统计期间开始日期 T0，YYYY-MM-DD（必填）"),
		to:    fs.String("to", "", "统计期间结束日期 T1，YYYY-MM-DD（必填）"),
		kind:  fs.String("kind", "", "案件类别：刑事、民事、行政、执行（可用逗号分隔多个）"),
		level: fs.String("level", "", "审级：一审、二审、再审、首次执行……（可用逗号分隔多个）"),
		unit:  fs.String("unit", "", "单位：全部、法院、法院/部门 或 法院/部门/承办人"),
	}
}

// query turns the flags into a query.
func (f indicatorFlags) query() (indicator.Query, error) {
	var q indicator.Query
	if *f.from == "" || *f.to == "" {
		return q, court.Errorf(court.Invalid, "请用 --from 和 --to 给出统计期间，如 --from 2025-01-01 --to 2025-06-30")
	}
	var err error
	if q.Period, err = court.ParsePeriod(*f.from, *f.to); err != nil {
		return q, err
	}
	for _, s := range splitList(*f.kind) {
		k, ok := court.ParseKind(s)
		if !ok {
			return q, court.Errorf(court.Invalid, "案件类别“%s”无效，应为 刑事、民事、行政 或 执行", s)
		}
		q.Kinds = append(q.Kinds, k)
	}
	for _, s := range splitList(*f.level) {
		l, ok := court.ParseLevel(s)
		if !ok {
			return q, court.Errorf(court.Invalid, "审级“%s”无效，应为 一审、二审、再审、再审审查、首次执行、恢复执行 等", s)
		}
		q.Levels = append(q.Levels, l)
	}
	q.Unit = *f.unit
	return q, nil
}

// splitList splits a flag value at commas (half- or full-width) and 、.
func splitList(s string) []string {
	var out []string
	for _, p := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == '，' || r == '、' }) {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// openEngine opens the database and builds the indicator engine over it.
func openEngine(ctx context.Context, dsn string) (*indicator.Engine, error) {
	if !strings.Contains(dsn, "://") {
		if _, err := os.Stat(dsn); err != nil {
			return nil, court.Errorf(court.NotFound, "数据库文件“%s”不存在，请先用 zhixiao import 或 zhixiao demo 导入数据", dsn)
		}
	}
	db, err := store.Open(ctx, dsn)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	return indicator.New(ctx, db, nil)
}

func runIndicators(ctx context.Context, e *env) error {
	fs, dsn := newFlags(e, "indicators")
	f := addIndicatorFlags(fs)
	by := fs.String("by", "all", "分组：all（全部）、court（法院）、department（部门）、judge（承办人）")
	ids := fs.String("indicator", "", "只算这些指标（指标 id，逗号分隔）；默认全部")
	format := fs.String("format", "table", "输出格式：table、csv 或 json")
	if _, err := parseInterspersed(fs, e.args); err != nil {
		return exitError{2}
	}
	q, err := f.query()
	if err != nil {
		return err
	}
	if q.By, err = indicator.ParseGrouping(*by); err != nil {
		return err
	}
	q.Indicators = splitList(*ids)
	if *format != "table" && *format != "csv" && *format != "json" {
		return court.Errorf(court.Invalid, "输出格式“%s”无效，应为 table、csv 或 json", *format)
	}
	eng, err := openEngine(ctx, *dsn)
	if err != nil {
		return err
	}
	rs, err := eng.Evaluate(q)
	if err != nil {
		return err
	}
	switch *format {
	case "json":
		return writeJSON(e.stdout, rs)
	case "csv":
		return writeCSV(e.stdout, rs)
	}
	return writeTable(e.stdout, rs)
}

// writeJSON writes one JSON array, one result object a line.
func writeJSON(w io.Writer, rs []indicator.Result) error {
	var b strings.Builder
	b.WriteString("[")
	for k, r := range rs {
		line, err := json.Marshal(r)
		if err != nil {
			return err
		}
		if k > 0 {
			b.WriteString(",")
		}
		b.WriteString("\n")
		b.Write(line)
	}
	b.WriteString("\n]\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// writeCSV writes the JSON fields as columns; null is an empty field.
func writeCSV(w io.Writer, rs []indicator.Result) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"unit_type", "unit", "indicator", "numerator", "denominator", "value"})
	plain := func(n indicator.Number) string {
		if !n.Valid {
			return ""
		}
		return strconv.FormatFloat(n.V, 'f', -1, 64)
	}
	for _, r := range rs {
		cw.Write([]string{r.UnitType, r.Unit, r.Indicator, plain(r.Numerator), plain(r.Denominator), plain(r.Value)})
	}
	cw.Flush()
	return cw.Error()
}

var unitTypeNames = map[string]string{"all": "全部", "court": "法院", "department": "部门", "judge": "承办人"}

// writeTable writes a table in Chinese with aligned columns; "—" marks a
// figure that does not exist.
func writeTable(w io.Writer, rs []indicator.Result) error {
	rows := [][]string{{"单位类型", "单位", "指标", "名称", "分子", "分母", "值"}}
	for _, r := range rs {
		name, unit := r.Indicator, ""
		if d := r.Definition; d != nil {
			name, unit = d.Name, d.Unit
		}
		rows = append(rows, []string{unitTypeNames[r.UnitType], r.Unit, r.Indicator, name,
			figure(r.Numerator, ""), figure(r.Denominator, ""), figure(r.Value, unit)})
	}
	widths := make([]int, len(rows[0]))
	for _, row := range rows {
		for c, cell := range row {
			widths[c] = max(widths[c], displayWidth(cell))
		}
	}
	var b strings.Builder
	for _, row := range rows {
		for c, cell := range row {
			pad := strings.Repeat(" ", widths[c]-displayWidth(cell))
			if c >= 4 { // figures align right
				b.WriteString(pad + cell)
			} else {
				b.WriteString(cell + pad)
			}
			if c < len(row)-1 {
				b.WriteString("  ")
			}
		}
		b.WriteString("\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// figure formats a number for the table: percentages for rates (unit %),
// whole numbers when whole, else two decimals.
func figure(n indicator.Number, unit string) string {
	switch {
	case !n.Valid:
		return "—"
	case unit == "%":
		return strconv.FormatFloat(n.V*100, 'f', 2, 64) + "%"
	case n.V == float64(int64(n.V)):
		return strconv.FormatInt(int64(n.V), 10)
	}
	return strconv.FormatFloat(n.V, 'f', 2, 64)
}

// displayWidth counts East Asian wide characters as two columns.
func displayWidth(s string) int {
	n := 0
	for _, r := range s {
		switch width.LookupRune(r).Kind() {
		case width.EastAsianWide, width.EastAsianFullwidth:
			n += 2
		default:
			n++
		}
	}
	return n
}
