package web

import (
	"net/url"
	"strconv"
	"strings"

	"github.com/zhixiao/zhixiao/internal/court"
	"github.com/zhixiao/zhixiao/internal/indicator"
)

// tile is one indicator of a unit on the dashboard.
type tile struct {
	ID, Name, Category, Unit string
	Value, Num, Den          string
	HasDen                   bool
	Status, StatusClass      string
	Band                     string
	YoY, YoYClass            string
	URL, NumURL, DenURL      string
	Spark                    chartSpec
}

// tileGroup is the tiles of one category.
type tileGroup struct {
	Category string
	Tiles    []tile
}

// chartSpec is what js/app.js draws with ECharts; the page shows the same
// figures as a table for printing and when ECharts is absent.
type chartSpec struct {
	Type   string        `json:"type"` // line, bar or spark
	X      []string      `json:"x"`
	Series []chartSeries `json:"series"`
	Band   *chartBand    `json:"band,omitempty"`
	Unit   string        `json:"unit,omitempty"`
	Links  []string      `json:"links,omitempty"`
	Rotate bool          `json:"rotate,omitempty"`
	YName  string        `json:"yName,omitempty"`
}

type chartSeries struct {
	Name string     `json:"name"`
	Data []*float64 `json:"data"`
}

type chartBand struct {
	Lower *float64 `json:"lower"`
	Upper *float64 `json:"upper"`
}

// figureQuery is the period, kind filter and unit of a figures request.
type figureQuery struct {
	Unit   *unit
	Period periodSel
	Kind   string
	Filter indicator.Filter
}

// params is the period and kind as URL parameters.
func (fq *figureQuery) params() string {
	s := fq.Period.Query()
	if fq.Kind != "" {
		s += "&kind=" + url.QueryEscape(fq.Kind)
	}
	return s
}

// indicatorURL is the page of indicator id for the query's unit.
func (fq *figureQuery) indicatorURL(id string) string {
	return fq.Unit.URL() + "/indicators/" + id + "?" + fq.params()
}

// drillURL is the case list behind one part of indicator id.
func (fq *figureQuery) drillURL(id string, part indicator.Part) string {
	return fq.Unit.URL() + "/indicators/" + id + "/cases?part=" + part.String() + "&" + fq.params()
}

func (fq *figureQuery) query(eng *indicator.Engine) indicator.Query {
	return indicator.Query{Period: fq.Period.Period, Unit: engineName(fq.Unit), Filter: fq.Filter}
}

// categoryOrder is the order of the tile groups.
var categoryOrder = []string{"管理", "效率", "质量", "效果", "执行"}

// dashboardFigures evaluates every indicator of the unit: tiles by
// category, and the age of its pending cases.
func (s *Server) dashboardFigures(eng *indicator.Engine, fq *figureQuery) ([]tileGroup, *ageChart, error) {
	type figures struct {
		groups []tileGroup
		ages   *ageChart
	}
	key := "dashboard|" + fq.Unit.Kind + "|" + strconv.FormatInt(fq.Unit.ID, 10) + "|" + fq.params()
	v, err := s.figures.get(eng, key, func() (any, error) {
		g, a, err := s.computeDashboard(eng, fq)
		return figures{g, a}, err
	})
	if err != nil {
		return nil, nil, err
	}
	f := v.(figures)
	return f.groups, f.ages, nil
}

// computeDashboard evaluates the figures of a dashboard.
func (s *Server) computeDashboard(eng *indicator.Engine, fq *figureQuery) ([]tileGroup, *ageChart, error) {
	q := fq.query(eng)
	cur, prev, err := eng.YearOverYear(q)
	if err != nil {
		return nil, nil, noCasesOK(err)
	}
	sq := q
	sq.Period = last12Months(q.Period.To)
	series, err := eng.Series(sq)
	if err != nil {
		return nil, nil, err
	}
	spark := sparkData(series)
	prevOf := map[string]indicator.Result{}
	for _, r := range prev {
		prevOf[r.Indicator] = r
	}
	byCat := map[string][]tile{}
	var ages []indicator.Result
	for _, a := range eng.Assess(cur, fq.Filter, s.bandSet()) {
		if strings.HasPrefix(a.Indicator, "age_") {
			ages = append(ages, a.Result)
			continue
		}
		t := fq.tile(a, prevOf[a.Indicator])
		t.Spark = chartSpec{Type: "spark", X: spark.months, Series: []chartSeries{{Name: t.Name, Data: spark.values[a.Indicator]}}, Unit: unitOf(a.Definition)}
		byCat[a.Definition.Category] = append(byCat[a.Definition.Category], t)
	}
	var groups []tileGroup
	for _, c := range categoryOrder {
		if len(byCat[c]) > 0 {
			groups = append(groups, tileGroup{Category: c, Tiles: byCat[c]})
		}
	}
	return groups, fq.ageChart(ages), nil
}

// noCasesOK turns "unit not found" of the engine (a unit without cases) into
// no error: the page then shows no figures.
func noCasesOK(err error) error {
	if court.KindOf(err) == court.NotFound {
		return nil
	}
	return err
}

// tile builds the tile of an assessed result.
func (fq *figureQuery) tile(a indicator.Assessment, prev indicator.Result) tile {
	d := a.Definition
	t := tile{ID: a.Indicator, Name: d.Name, Category: d.Category, Unit: d.Unit,
		Value: formatValue(d, a.Value), Num: formatCount(a.Numerator), Den: formatCount(a.Denominator), HasDen: a.Denominator.Valid,
		Status: string(a.Status), StatusClass: statusClass(a.Status),
		URL: fq.indicatorURL(a.Indicator)}
	if a.Numerator.Valid {
		t.NumURL = fq.drillURL(a.Indicator, indicator.PartNumerator)
	}
	if t.HasDen {
		t.DenURL = fq.drillURL(a.Indicator, indicator.PartDenominator)
	}
	if a.HasBand {
		t.Band = bandText(d, a.Band)
	}
	if prev.Definition != nil {
		t.YoY, t.YoYClass = yoy(d, a.Value, prev.Value)
	}
	return t
}

func unitOf(d *indicator.Definition) string {
	if d.Unit == "%" {
		return "%"
	}
	return ""
}

// sparks are the monthly values of every indicator.
type sparks struct {
	months []string
	values map[string][]*float64
}

func sparkData(series []indicator.SeriesPoint) sparks {
	sp := sparks{values: map[string][]*float64{}}
	for _, pt := range series {
		sp.months = append(sp.months, monthLabel(pt.Period))
		for _, r := range pt.Results {
			sp.values[r.Indicator] = append(sp.values[r.Indicator], chartValue(r.Definition, r.Value))
		}
	}
	return sp
}

// ageChart is the age of the pending caseload (未结案件账龄).
type ageChart struct {
	Rows  []ageRow
	Chart chartSpec
}

type ageRow struct {
	Label, Count, URL string
}

var ageLabels = map[string]string{
	"age_0_90": "0–90天", "age_91_180": "91–180天", "age_181_365": "181–365天",
	"age_366_730": "1–2年", "age_731_1095": "2–3年", "age_over_1095": "3年以上",
}

func (fq *figureQuery) ageChart(ages []indicator.Result) *ageChart {
	if len(ages) == 0 {
		return nil
	}
	ac := &ageChart{Chart: chartSpec{Type: "bar", Series: []chartSeries{{Name: "未结案件"}}, YName: "件"}}
	for _, r := range ages {
		row := ageRow{Label: ageLabels[r.Indicator], Count: formatCount(r.Numerator), URL: fq.drillURL(r.Indicator, indicator.PartNumerator)}
		if row.Label == "" {
			row.Label = r.Definition.Name
		}
		ac.Rows = append(ac.Rows, row)
		ac.Chart.X = append(ac.Chart.X, row.Label)
		ac.Chart.Series[0].Data = append(ac.Chart.Series[0].Data, chartValue(r.Definition, r.Numerator))
		ac.Chart.Links = append(ac.Chart.Links, row.URL)
	}
	return ac
}
