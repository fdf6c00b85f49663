package documents

import (
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/zhixiao/zhixiao/internal/indicator"
)

// Fields returns the placeholders of the bulletin's DOCX; charts are drawn
// here.
func (b *Bulletin) Fields() (Fields, error) {
	req := b.Request
	f := Fields{
		"单位": TextValue(req.Court + req.Department), "法院": TextValue(req.Court), "月份": TextValue(monthLabel(req.Month)),
		"期间": TextValue(req.Month.String()), "标题": TextValue(req.Title()), "日期": TextValue(upperDate(req.Today)),
		"摘要":    ParasValue(SummarySentences(b.Summary)...),
		"收结情况":  ParasValue(b.caseloadSentences()...),
		"质效指标":  ParasValue(b.indicatorSentences()...),
		"区间外指标": ParasValue(b.bandSentences()...),
		"部门表":   TableValue(unitTable(b.Departments, "部门")),
		"法官表":   TableValue(unitTable(b.Judges, "部门 承办人")),
		"督办情况":  ParasValue(SupervisionSentences(b.Supervision)...),
		"群众诉求":  ParasValue(PetitionSentences(b.Petitions)...),
		"说明":    ParasValue(b.note()),
	}
	if len(b.Pending) == 0 {
		f["长期未结表"] = ParasValue("月末无未结案件。")
	} else {
		f["长期未结表"] = TableValue(pendingTable(b.Pending))
	}
	if len(b.Judges) == 0 {
		f["法官表"] = ParasValue("本月无承办人数据。")
	}
	if len(b.Departments) == 0 {
		f["部门表"] = ParasValue("本月无部门数据。")
	}
	var err error
	if f["收结趋势图"], err = b.trendChart(); err != nil {
		return nil, err
	}
	f["部门结收比图"], err = b.clearanceChart()
	return f, err
}

func (b *Bulletin) note() string {
	s := "说明：本通报由质效平台根据" + b.Request.Month.String() + "的案件数据自动生成，统计口径见指标定义页；同比为与去年同月相比。"
	if b.BandsLabel != "" {
		s += "合理区间为“" + b.BandsLabel + "”。"
	}
	return s
}

func (b *Bulletin) caseloadSentences() []string {
	s := b.Summary
	out := []string{"本月旧存" + countText(b.value("pending_start")) + "件，新收" + countText(s.Filed.V) + "件，审结" +
		countText(s.Closed.V) + "件，月末未结" + countText(s.PendingEnd.V) + "件。"}
	return append(out, PendingSentence(b.Pending))
}

func (b *Bulletin) value(id string) float64 {
	for _, l := range b.Indicators {
		if l.ID == id {
			return l.Now.V
		}
	}
	return 0
}

// indicatorSentences list the main rates and averages of the month and of
// the year to date.
func (b *Bulletin) indicatorSentences() []string {
	month := b.indicatorList(func(l IndicatorLine) indicator.Number { return l.Now })
	ytd := b.indicatorList(func(l IndicatorLine) indicator.Number { return l.YTD })
	if month == "" && ytd == "" {
		return []string{"本月无可计算的质效指标。"}
	}
	var out []string
	if month != "" {
		out = append(out, "本月主要质效指标："+month+"。")
	}
	if ytd != "" {
		out = append(out, b.ytdLabel()+"："+ytd+"。")
	}
	return out
}

// indicatorList writes the rates and averages of one column, comma-separated.
func (b *Bulletin) indicatorList(value func(IndicatorLine) indicator.Number) string {
	var parts []string
	for _, l := range b.Indicators {
		if v := value(l); l.Unit != "件" && v.Valid {
			parts = append(parts, l.Name+figureText(v, l.Unit))
		}
	}
	return strings.Join(parts, "，")
}

// ytdLabel is 本年累计（2025年1月至6月）.
func (b *Bulletin) ytdLabel() string {
	t := b.Request.Month.From.Time()
	return "本年累计（" + strconv.Itoa(t.Year()) + "年1月至" + strconv.Itoa(int(t.Month())) + "月）"
}

func (b *Bulletin) bandSentences() []string {
	if b.BandsLabel == "" {
		return []string{"未设定合理区间，本月不作对照。"}
	}
	return BandSentences(b.OutOfBand, b.ytdLabel(), b.BandsLabel)
}

func (b *Bulletin) trendChart() (Value, error) {
	if b.charts == nil {
		return ImageValue(&Image{Note: NoFontNote}), nil
	}
	png, err := b.charts.Trend("近十二个月收结案情况", b.Trend)
	if err != nil {
		return Value{}, err
	}
	return ImageValue(&Image{PNG: png, Width: 15, Height: 6.56}), nil
}

func (b *Bulletin) clearanceChart() (Value, error) {
	rows, title := b.Departments, "各部门结收比"
	if b.Request.Department != "" {
		rows, title = b.Judges, "各承办人结收比"
	}
	switch {
	case len(rows) == 0:
		return ParasValue(), nil
	case b.charts == nil:
		return ImageValue(&Image{Note: NoFontNote}), nil
	}
	png, err := b.charts.Clearance(title, rows)
	if err != nil {
		return Value{}, err
	}
	return ImageValue(&Image{PNG: png, Width: 15, Height: 6.56}), nil
}

var unitColumns = []string{"旧存", "新收", "已结", "未结", "结收比", "审限内结案率", "平均审理天数"}

func unitCells(r UnitRow) []string {
	return []string{r.Name, countText(r.PendingStart), countText(r.Filed), countText(r.Closed), countText(r.PendingEnd),
		figureText(r.Clearance, "%"), figureText(r.WithinLimit, "%"), figureText(r.AvgDays, "")}
}

func unitTable(rows []UnitRow, first string) *Table {
	t := &Table{Header: append([]string{first}, unitColumns...)}
	for _, r := range rows {
		t.Rows = append(t.Rows, unitCells(r))
	}
	return t
}

var pendingColumns = []string{"案号", "案由", "承办部门", "承办人", "立案日期", "已审理天数"}

func pendingTable(cs []PendingCase) *Table {
	t := &Table{Header: pendingColumns}
	for _, c := range cs {
		t.Rows = append(t.Rows, []string{c.No, c.Cause, c.Department, c.Judge, c.FiledOn.String(), strconv.Itoa(c.Days)})
	}
	return t
}

// XLSX writes the bulletin's tables to a workbook: 概况, 部门, 承办人,
// 长期未结 and 收结趋势; numbers are numeric cells.
func (b *Bulletin) XLSX() ([]byte, error) {
	x := excelize.NewFile()
	defer x.Close()
	x.SetSheetName("Sheet1", "概况")
	rows := [][]any{{"指标", "单位", "本月", "去年同月", "本年累计", "去年同期累计", "合理区间", "状态（本年累计）"}}
	for _, l := range b.Indicators {
		rows = append(rows, []any{l.Name, l.Unit, numberCell(l.Now, l.Unit), numberCell(l.Prev, l.Unit),
			numberCell(l.YTD, l.Unit), numberCell(l.YTDPrev, l.Unit), l.Band, l.Status})
	}
	if err := writeSheet(x, "概况", rows); err != nil {
		return nil, err
	}
	percent, err := x.NewStyle(&excelize.Style{NumFmt: 10}) // 0.00%
	if err != nil {
		return nil, err
	}
	for i, l := range b.Indicators {
		if l.Unit == "%" {
			row := strconv.Itoa(i + 2)
			if err := x.SetCellStyle("概况", "C"+row, "F"+row, percent); err != nil {
				return nil, err
			}
		}
	}
	for _, sh := range []struct {
		name, first string
		rows        []UnitRow
	}{{"部门", "部门", b.Departments}, {"承办人", "部门 承办人", b.Judges}} {
		if err := writeSheet(x, sh.name, unitSheet(sh.rows, sh.first)); err != nil {
			return nil, err
		}
		if err := x.SetCellStyle(sh.name, "F2", "G"+strconv.Itoa(len(sh.rows)+1), percent); err != nil {
			return nil, err
		}
	}
	pend := [][]any{{"案号", "案由", "承办部门", "承办人", "立案日期", "已审理天数"}}
	for _, c := range b.Pending {
		pend = append(pend, []any{c.No, c.Cause, c.Department, c.Judge, c.FiledOn.String(), c.Days})
	}
	if err := writeSheet(x, "长期未结", pend); err != nil {
		return nil, err
	}
	trend := [][]any{{"月份", "新收", "已结"}}
	for _, p := range b.Trend {
		trend = append(trend, []any{p.Label, p.Filed, p.Closed})
	}
	if err := writeSheet(x, "收结趋势", trend); err != nil {
		return nil, err
	}
	buf, err := x.WriteToBuffer()
	if err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// numberCell is a figure as a number (rates as fractions rounded to 4
// places), "" when absent.
func numberCell(n indicator.Number, unit string) any {
	if !n.Valid {
		return ""
	}
	if unit == "%" {
		return float64(int64(n.V*10000+0.5)) / 10000
	}
	return float64(int64(n.V*100+0.5)) / 100
}

func unitSheet(rs []UnitRow, first string) [][]any {
	out := [][]any{append([]any{first}, anySlice(unitColumns)...)}
	for _, r := range rs {
		out = append(out, []any{r.Name, r.PendingStart, r.Filed, r.Closed, r.PendingEnd,
			numberCell(r.Clearance, "%"), numberCell(r.WithinLimit, "%"), numberCell(r.AvgDays, "")})
	}
	return out
}

func anySlice(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

func writeSheet(x *excelize.File, name string, rows [][]any) error {
	if _, err := x.GetSheetIndex(name); err != nil {
		return err
	}
	if idx, _ := x.GetSheetIndex(name); idx < 0 {
		if _, err := x.NewSheet(name); err != nil {
			return err
		}
	}
	for i, row := range rows {
		cell, err := excelize.CoordinatesToCellName(1, i+1)
		if err != nil {
			return err
		}
		if err := x.SetSheetRow(name, cell, &row); err != nil {
			return err
		}
	}
	return x.SetColWidth(name, "A", "A", 24)
}

// Section is a heading of the bulletin with its sentences, for a preview
// in the web page.
type Section struct {
	Heading string
	Lines   []string
}

// Preview returns the written sections of the bulletin (no tables, no
// charts).
func (b *Bulletin) Preview() []Section {
	return []Section{
		{"总体情况", SummarySentences(b.Summary)},
		{"收结案情况", b.caseloadSentences()},
		{"主要质效指标", append(b.indicatorSentences(), b.bandSentences()...)},
		{"督办情况", SupervisionSentences(b.Supervision)},
		{"群众诉求", PetitionSentences(b.Petitions)},
	}
}
