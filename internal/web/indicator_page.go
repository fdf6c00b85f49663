package web

import (
	"math"
	"net/http"
	"sort"

	"github.com/zhixiao/zhixiao/internal/court"
	"github.com/zhixiao/zhixiao/internal/indicator"
)

// indicatorPage is the data of the page of one indicator of one unit.
type indicatorPage struct {
	Unit      *unit
	Period    periodSel
	Kind      string
	Def       *indicator.Definition
	Tile      tile
	Trend     chartSpec
	TrendRows []trendRow
	Subs      []subRow
	SubChart  chartSpec
	SubLabel  string
	Sort, Dir string
	Base      string
	Ages      *ageChart
}

// trendRow is one month of the trend.
type trendRow struct{ Month, Value, Num, Den, NumURL string }

// subRow is one sub-unit against the band.
type subRow struct {
	Name, URL, Value, Num, Den string
	Status, Class              string
	NumURL                     string
	v                          float64
	valid                      bool
}

// lookupDefinition finds indicator id in force at the end of the period.
func lookupDefinition(eng *indicator.Engine, id string, t court.Date) (*indicator.Definition, error) {
	d, err := eng.Definitions().Select(id, t, 0)
	if err != nil {
		return nil, court.Errorf(court.NotFound, "指标“%s”不存在", id)
	}
	return d, nil
}

// engineOrErr returns the engine, or an error page while it is not loaded.
func (s *Server) engineOrErr() (*indicator.Engine, error) {
	eng := s.engine.Load()
	if eng == nil {
		return nil, court.Errorf(court.Conflict, "指标引擎尚未载入数据，请稍候刷新")
	}
	return eng, nil
}

// indicatorGet answers GET /units/{kind}/{id}/indicators/{ind}.
func (s *Server) indicatorGet(w http.ResponseWriter, r *http.Request, v *visitor) error {
	u, x, err := s.resolveUnit(r.Context(), v, r.PathValue("kind"), r.PathValue("id"))
	if err != nil {
		return err
	}
	fq, err := s.parseFigureQuery(r, u)
	if err != nil {
		return err
	}
	eng, err := s.engineOrErr()
	if err != nil {
		return err
	}
	o, err := parseListOptions(r.URL.Query(), "name")
	if err != nil {
		return err
	}
	p, err := s.indicatorFigures(eng, x, v, fq, r.PathValue("ind"), o)
	if err != nil {
		return err
	}
	p.Base = listBase(r.URL)
	return s.render(w, http.StatusOK, "indicator", view{Title: p.Def.Name + " · " + u.Name, Nav: "dashboard", Visitor: v, CSRF: v.Session.CSRF, Data: p})
}

// indicatorFigures computes the figures of the indicator page.
func (s *Server) indicatorFigures(eng *indicator.Engine, x *orgIndex, v *visitor, fq *figureQuery, id string, o listOptions) (*indicatorPage, error) {
	d, err := lookupDefinition(eng, id, fq.Period.Period.To)
	if err != nil {
		return nil, err
	}
	p := &indicatorPage{Unit: fq.Unit, Period: fq.Period, Kind: fq.Kind, Def: d, Sort: o.Sort, Dir: o.Dir}
	q := fq.query(eng)
	q.Indicators = []string{id}
	cur, prev, err := eng.YearOverYear(q)
	if err != nil {
		return nil, err
	}
	as := eng.Assess(cur, fq.Filter, s.bandSet())
	if len(as) == 1 && len(prev) == 1 {
		p.Tile = fq.tile(as[0], prev[0])
	}
	if err := s.trend(eng, fq, p); err != nil {
		return nil, err
	}
	if err := s.subUnits(eng, x, v, fq, p, o); err != nil {
		return nil, err
	}
	q.Indicators = []string{"age_0_90", "age_91_180", "age_181_365", "age_366_730", "age_731_1095", "age_over_1095"}
	if ages, err := eng.Evaluate(q); err == nil {
		p.Ages = fq.ageChart(ages)
	}
	return p, nil
}

// trend is the last twelve months of the indicator.
func (s *Server) trend(eng *indicator.Engine, fq *figureQuery, p *indicatorPage) error {
	q := fq.query(eng)
	q.Indicators = []string{p.Def.ID}
	q.Period = last12Months(fq.Period.Period.To)
	series, err := eng.Series(q)
	if err != nil {
		return err
	}
	p.Trend = chartSpec{Type: "line", Series: []chartSeries{{Name: p.Def.Name}}, Unit: unitOf(p.Def)}
	for _, pt := range series {
		if len(pt.Results) == 0 {
			continue
		}
		r := pt.Results[0]
		month := monthLabel(pt.Period)
		mq := *fq
		mq.Period = periodSel{Key: "custom", Period: pt.Period}
		p.Trend.X = append(p.Trend.X, month)
		p.Trend.Series[0].Data = append(p.Trend.Series[0].Data, chartValue(r.Definition, r.Value))
		p.Trend.Links = append(p.Trend.Links, mq.drillURL(p.Def.ID, indicator.PartNumerator))
		p.TrendRows = append(p.TrendRows, trendRow{Month: month, Value: formatValue(r.Definition, r.Value),
			Num: formatCount(r.Numerator), Den: formatCount(r.Denominator), NumURL: mq.drillURL(p.Def.ID, indicator.PartNumerator)})
	}
	if b, ok := s.bandOf(p.Def, fq); ok {
		p.Trend.Band = b
	}
	return nil
}

// bandOf is the band of the indicator for the unit's court level, as a chart draws it.
func (s *Server) bandOf(d *indicator.Definition, fq *figureQuery) (*chartBand, bool) {
	bs := s.bandSet()
	if bs == nil {
		return nil, false
	}
	kind := court.KindNone
	if len(fq.Filter.Kinds) == 1 {
		kind = fq.Filter.Kinds[0]
	}
	b, ok := bs.Lookup(d.ID, fq.Unit.Level, kind)
	if !ok {
		return nil, false
	}
	return &chartBand{Lower: chartValue(d, finite(b.Lower)), Upper: chartValue(d, finite(b.Upper))}, true
}

func finite(v float64) indicator.Number {
	if math.IsInf(v, 0) {
		return indicator.Number{}
	}
	return indicator.Num(v)
}

// subUnits evaluates the indicator for the units one level down that the
// visitor may see, each against its band (not a league table: ordered by
// name unless the visitor sorts).
func (s *Server) subUnits(eng *indicator.Engine, x *orgIndex, v *visitor, fq *figureQuery, p *indicatorPage, o listOptions) error {
	g, ok := childGrouping(fq.Unit)
	if !ok {
		return nil
	}
	p.SubLabel = fq.Unit.ChildLabel
	q := indicator.Query{Period: fq.Period.Period, By: g, Filter: fq.Filter, Indicators: []string{p.Def.ID}}
	rs, err := eng.Evaluate(q)
	if err != nil {
		return err
	}
	visible := map[unitLink]bool{}
	for _, c := range fq.Unit.Children {
		visible[c] = true
	}
	for _, a := range eng.Assess(rs, fq.Filter, s.bandSet()) {
		eu, err := eng.LookupUnit(a.Unit)
		if err != nil {
			continue
		}
		l, ok := x.linkOf(eu)
		if !ok || !visible[l] {
			continue
		}
		sub := figureQuery{Unit: &unit{Kind: l.Kind, ID: l.ID}, Period: fq.Period, Kind: fq.Kind, Filter: fq.Filter}
		p.Subs = append(p.Subs, subRow{Name: l.Name, URL: sub.indicatorURL(p.Def.ID), Value: formatValue(a.Definition, a.Value),
			Num: formatCount(a.Numerator), Den: formatCount(a.Denominator), Status: string(a.Status), Class: statusClass(a.Status),
			NumURL: sub.drillURL(p.Def.ID, indicator.PartNumerator), v: a.Value.V, valid: a.Value.Valid})
	}
	if err := sortSubs(p.Subs, o.Sort, o.Dir); err != nil {
		return err
	}
	p.SubChart = chartSpec{Type: "bar", Series: []chartSeries{{Name: p.Def.Name}}, Unit: unitOf(p.Def), Rotate: len(p.Subs) > 8}
	p.SubChart.Band, _ = s.bandOf(p.Def, fq)
	for _, sr := range p.Subs {
		p.SubChart.X = append(p.SubChart.X, sr.Name)
		val := indicator.Number{V: sr.v, Valid: sr.valid}
		p.SubChart.Series[0].Data = append(p.SubChart.Series[0].Data, chartValue(p.Def, val))
		p.SubChart.Links = append(p.SubChart.Links, sr.URL)
	}
	return nil
}

// sortSubs orders sub-units by name (default) or value; units without a
// value come last.
func sortSubs(subs []subRow, key, dir string) error {
	if key != "name" && key != "value" {
		return court.Errorf(court.Invalid, "排序字段“%s”无效，应为 name 或 value", key)
	}
	if dir != "asc" && dir != "desc" {
		return court.Errorf(court.Invalid, "排序方向“%s”无效，应为 asc 或 desc", dir)
	}
	less := func(a, b subRow) bool {
		if key == "value" {
			return a.v < b.v
		}
		return a.Name < b.Name
	}
	sort.SliceStable(subs, func(i, j int) bool {
		a, b := subs[i], subs[j]
		if key == "value" && a.valid != b.valid {
			return a.valid
		}
		if dir == "desc" {
			return less(b, a)
		}
		return less(a, b)
	})
	return nil
}

// SortURL is the sub-unit table sorted by key.
func (p *indicatorPage) SortURL(key string) string {
	dir := "asc"
	if p.Sort == key && p.Dir == "asc" {
		dir = "desc"
	}
	return p.Base + "sort=" + key + "&dir=" + dir
}
