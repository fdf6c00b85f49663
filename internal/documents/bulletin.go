package documents

import (
	"context"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/zhixiao/zhixiao/internal/court"
	"github.com/zhixiao/zhixiao/internal/indicator"
)

// ParseMonth reads a month written 2025-06 (or 2025-6, 2025年6月) and
// returns its days.
func ParseMonth(s string) (court.Period, error) {
	t := strings.TrimSpace(s)
	t = strings.TrimSuffix(strings.ReplaceAll(t, "年", "-"), "月")
	y, m, ok := strings.Cut(t, "-")
	year, err1 := strconv.Atoi(y)
	month, err2 := strconv.Atoi(m)
	if !ok || err1 != nil || err2 != nil || year < 1990 || year > 2200 || month < 1 || month > 12 {
		return court.Period{}, court.Errorf(court.Invalid, "月份“%s”无效，应写作 2025-06", s)
	}
	from := court.DateOf(year, time.Month(month), 1)
	return court.Period{From: from, To: court.DateOf(year, time.Month(month)+1, 1) - 1}, nil
}

// MonthOf returns the calendar month that holds d.
func MonthOf(d court.Date) court.Period {
	t := d.Time()
	from := court.DateOf(t.Year(), t.Month(), 1)
	return court.Period{From: from, To: court.DateOf(t.Year(), t.Month()+1, 1) - 1}
}

// monthLabel writes 2025年6月.
func monthLabel(p court.Period) string {
	t := p.From.Time()
	return strconv.Itoa(t.Year()) + "年" + strconv.Itoa(int(t.Month())) + "月"
}

// BulletinRequest says which bulletin to write: a court, or a department
// of it, and a month.
type BulletinRequest struct {
	CourtID    int64  // store id of the court, for the supervision and petition sources
	Court      string // court name as the engine knows it
	Department string // "" for the whole court
	Month      court.Period
	Today      court.Date // the date printed on the bulletin
}

// unitName is the engine's name of the unit.
func (r BulletinRequest) unitName() string {
	if r.Department == "" {
		return r.Court
	}
	return r.Court + "/" + r.Department
}

// yearToDate is January 1 to the month's last day (本年累计).
func (r BulletinRequest) yearToDate() court.Period {
	return court.Period{From: court.DateOf(r.Month.From.Time().Year(), time.January, 1), To: r.Month.To}
}

// Title is the bulletin's title, e.g. 示例市中院审判质效月通报（2025年6月）.
func (r BulletinRequest) Title() string {
	return r.Court + r.Department + "审判质效月通报（" + monthLabel(r.Month) + "）"
}

// PendingSource lists the cases of a court (or department) pending at the
// end of a day, longest-pending first. *store.DB implements it.
type PendingSource interface {
	LongestPending(ctx context.Context, courtName, department string, asOf court.Date, limit int) ([]PendingCase, error)
}

// SupervisionSource is the supervision module's summary of a court on a
// day (*store.DB SupervisionSummary, wired at merge).
type SupervisionSource interface {
	SupervisionSummary(ctx context.Context, courtID int64, day court.Date) (court.SupervisionSummary, error)
}

// PetitionSource is the petitions module's summary of a court for a period
// (*store.DB PetitionSummary, wired at merge).
type PetitionSource interface {
	PetitionSummary(ctx context.Context, courtID int64, p court.Period) (court.PetitionSummary, error)
}

// Sources are where a bulletin's numbers come from. Engine and Pending are
// required; nil Supervision or Petitions leaves their section with
// 本月无数据; nil Bands judges nothing.
type Sources struct {
	Engine      *indicator.Engine
	Bands       *indicator.BandSet
	Pending     PendingSource
	Supervision SupervisionSource
	Petitions   PetitionSource
	Charts      *Charts // nil: charts are left out with a note
}

// UnitRow is one line of the department or judge table.
type UnitRow struct {
	Name                                    string
	PendingStart, Filed, Closed, PendingEnd float64
	Clearance, WithinLimit, AvgDays         indicator.Number
}

// MonthPoint is one month of the trend.
type MonthPoint struct {
	Label         string // 6月
	Filed, Closed float64
}

// IndicatorLine is one indicator of the bulletin's 概况 table: the month
// and the same month a year before, the year to date and the same period a
// year before, and the year to date's standing against its band.
type IndicatorLine struct {
	ID, Name, Unit, Category string
	Now, Prev                indicator.Number
	YTD, YTDPrev             indicator.Number
	Band, Status             string
}

// Bulletin is everything a monthly bulletin says, gathered from the
// sources; Fields and XLSX write it.
type Bulletin struct {
	Request     BulletinRequest
	Summary     Summary
	Indicators  []IndicatorLine
	OutOfBand   []BandLine
	BandsLabel  string
	Departments []UnitRow // the court's departments, or the one department
	Judges      []UnitRow
	Trend       []MonthPoint
	Pending     []PendingCase
	Supervision *court.SupervisionSummary
	Petitions   *court.PetitionSummary
	charts      *Charts
}

// bulletinIndicators are the indicators of the 概况 table.
var bulletinIndicators = []string{"pending_start", "filed", "closed", "pending_end", "clearance", "closure_rate",
	"within_limit_rate", "avg_days", "median_days", "over_12m_ratio", "appeal_rate", "reversal_rate",
	"mediation_withdrawal_rate", "exec_recovery_rate", "exec_completion_rate", "funds_timely_rate", "closed_per_judge"}

// tableIndicators are the columns of the department and judge tables.
var tableIndicators = []string{"pending_start", "filed", "closed", "pending_end", "clearance", "within_limit_rate", "avg_days"}

// pendingRows is the number of longest-pending cases the bulletin lists.
const pendingRows = 10

// GatherBulletin reads a bulletin's numbers.
func GatherBulletin(ctx context.Context, req BulletinRequest, src Sources) (*Bulletin, error) {
	if src.Engine == nil {
		return nil, court.Errorf(court.Conflict, "指标数据尚未就绪，请稍后再试")
	}
	if _, err := src.Engine.LookupUnit(req.unitName()); err != nil {
		return nil, court.Errorf(court.NotFound, "“%s”没有任何案件数据，无法生成月通报", req.Court+req.Department)
	}
	b := &Bulletin{Request: req, charts: src.Charts}
	if err := b.gatherFigures(src); err != nil {
		return nil, err
	}
	if err := b.gatherTables(src.Engine); err != nil {
		return nil, err
	}
	if err := b.gatherTrend(src.Engine); err != nil {
		return nil, err
	}
	return b, b.gatherOthers(ctx, src)
}

// gatherFigures evaluates the unit's indicators for the month and for the
// year to date (本年累计, January to the month's end), each with the same
// period a year before, and judges the year to date against the bands: a
// band is set for a year's figures, and one month's 结案率 says little.
func (b *Bulletin) gatherFigures(src Sources) error {
	req := b.Request
	q := indicator.Query{Period: req.Month, Unit: req.unitName(), Indicators: bulletinIndicators}
	now, prev, err := src.Engine.YearOverYear(q)
	if err != nil {
		return err
	}
	q.Period = req.yearToDate()
	ytd, ytdPrev, err := src.Engine.YearOverYear(q)
	if err != nil {
		return err
	}
	n, p := byID(now), byID(prev)
	hasPrev := p["pending_start"].Value.V+p["filed"].Value.V > 0
	fig := func(id string) Figure {
		return Figure{V: n[id].Value.V, Valid: n[id].Value.Valid, Prev: p[id].Value.V, PrevValid: p[id].Value.Valid, HasPrev: hasPrev}
	}
	b.Summary = Summary{Unit: req.Court + req.Department, Month: monthLabel(req.Month), Filed: fig("filed"), Closed: fig("closed"),
		Clearance: fig("clearance"), PendingEnd: fig("pending_end"), WithinLimit: fig("within_limit_rate")}
	var assessed []indicator.Assessment
	if src.Bands != nil {
		assessed = src.Engine.Assess(ytd, indicator.Filter{}, src.Bands)
		b.BandsLabel = src.Bands.Label
	}
	yp := byID(ytdPrev)
	for i, r := range now {
		l := b.indicatorLine(ytd[i], assessed, i)
		l.Now, l.Prev, l.YTD, l.YTDPrev = r.Value, p[r.Indicator].Value, ytd[i].Value, yp[r.Indicator].Value
		b.Indicators = append(b.Indicators, l)
	}
	return nil
}

func byID(rs []indicator.Result) map[string]indicator.Result {
	m := map[string]indicator.Result{}
	for _, r := range rs {
		m[r.Indicator] = r
	}
	return m
}

// indicatorLine describes the indicator of r (a year-to-date result) and
// its standing against its band.
func (b *Bulletin) indicatorLine(r indicator.Result, assessed []indicator.Assessment, i int) IndicatorLine {
	l := IndicatorLine{ID: r.Indicator, Name: r.Indicator}
	if d := r.Definition; d != nil {
		l.Name, l.Unit, l.Category = d.Name, d.Unit, d.Category
	}
	if assessed == nil || !assessed[i].HasBand {
		return l
	}
	a := assessed[i]
	l.Band, l.Status = bandText(a.Band, l.Unit), string(a.Status)
	if a.Status == indicator.StatusNotMet || a.Status == indicator.StatusUncertain {
		b.OutOfBand = append(b.OutOfBand, BandLine{Name: l.Name, Value: figureText(r.Value, l.Unit), Band: l.Band,
			Uncertain: a.Status == indicator.StatusUncertain})
	}
	return l
}

// bandText writes a band: ≥95.00%, ≤1.20, 60.00%–80.00%.
func bandText(bd indicator.Band, unit string) string {
	f := func(v float64) string { return figureText(indicator.Num(v), unit) }
	switch {
	case math.IsInf(bd.Lower, -1):
		return "≤" + f(bd.Upper)
	case math.IsInf(bd.Upper, 1):
		return "≥" + f(bd.Lower)
	}
	return f(bd.Lower) + "–" + f(bd.Upper)
}

// figureText writes a value with its unit: 95.20%, 12.5天, 1234件, — when absent.
func figureText(n indicator.Number, unit string) string {
	switch {
	case !n.Valid:
		return "—"
	case unit == "%":
		return pct(n.V)
	case n.V == math.Trunc(n.V):
		return strconv.FormatFloat(n.V, 'f', 0, 64) + unitSuffix(unit)
	}
	return strconv.FormatFloat(n.V, 'f', 2, 64) + unitSuffix(unit)
}

func unitSuffix(unit string) string {
	if unit == "比值" {
		return ""
	}
	return unit
}

// gatherTables evaluates the departments of the court (or the one
// department) and their judges.
func (b *Bulletin) gatherTables(e *indicator.Engine) error {
	req := b.Request
	inDept := func(u string) bool { return strings.HasPrefix(u, req.Court+"/") }
	if req.Department != "" {
		inDept = func(u string) bool { return u == req.unitName() }
	}
	var err error
	if b.Departments, err = unitRows(e, req.Month, indicator.ByDepartment, inDept); err != nil {
		return err
	}
	b.Judges, err = unitRows(e, req.Month, indicator.ByJudge, func(u string) bool { return strings.HasPrefix(u, req.unitName()+"/") })
	return err
}

// unitRows evaluates the table's indicators for the units that match,
// named without their court, busiest first.
func unitRows(e *indicator.Engine, p court.Period, g indicator.Grouping, match func(string) bool) ([]UnitRow, error) {
	rs, err := e.Evaluate(indicator.Query{Period: p, By: g, Indicators: tableIndicators})
	if err != nil {
		return nil, err
	}
	var rows []UnitRow
	ni := len(tableIndicators)
	for k := 0; k+ni <= len(rs); k += ni {
		if !match(rs[k].Unit) {
			continue
		}
		r := rs[k : k+ni]
		name := rs[k].Unit[strings.Index(rs[k].Unit, "/")+1:]
		row := UnitRow{Name: strings.ReplaceAll(name, "/", " "), PendingStart: r[0].Value.V, Filed: r[1].Value.V, Closed: r[2].Value.V,
			PendingEnd: r[3].Value.V, Clearance: r[4].Value, WithinLimit: r[5].Value, AvgDays: r[6].Value}
		if row.PendingStart+row.Filed+row.Closed+row.PendingEnd > 0 {
			rows = append(rows, row)
		}
	}
	slices.SortStableFunc(rows, func(a, b UnitRow) int {
		return int(b.Filed+b.PendingStart) - int(a.Filed+a.PendingStart)
	})
	return rows, nil
}

// gatherTrend evaluates 新收 and 已结 for the twelve months up to the
// bulletin's month.
func (b *Bulletin) gatherTrend(e *indicator.Engine) error {
	from := b.Request.Month.From.Time().AddDate(0, -11, 0)
	p := court.Period{From: court.DateOf(from.Year(), from.Month(), 1), To: b.Request.Month.To}
	series, err := e.Series(indicator.Query{Period: p, Unit: b.Request.unitName(), Indicators: []string{"filed", "closed"}})
	if err != nil {
		return err
	}
	for _, pt := range series {
		b.Trend = append(b.Trend, MonthPoint{Label: strconv.Itoa(int(pt.Period.From.Time().Month())) + "月",
			Filed: pt.Results[0].Value.V, Closed: pt.Results[1].Value.V})
	}
	return nil
}

// gatherOthers reads the longest-pending cases, the supervision and the
// petitions.
func (b *Bulletin) gatherOthers(ctx context.Context, src Sources) error {
	req := b.Request
	var err error
	if src.Pending != nil {
		if b.Pending, err = src.Pending.LongestPending(ctx, req.Court, req.Department, req.Month.To, pendingRows); err != nil {
			return err
		}
	}
	if src.Supervision != nil {
		s, err := src.Supervision.SupervisionSummary(ctx, req.CourtID, req.Month.To)
		if err != nil {
			return err
		}
		b.Supervision = &s
	}
	if src.Petitions != nil {
		p, err := src.Petitions.PetitionSummary(ctx, req.CourtID, req.Month)
		if err != nil {
			return err
		}
		b.Petitions = &p
	}
	return nil
}
