package web

import (
	"context"
	"math"
	"net/http"
	"strconv"
	"strings"

	"github.com/zhixiao/zhixiao/internal/court"
	"github.com/zhixiao/zhixiao/internal/indicator"
	"github.com/zhixiao/zhixiao/internal/store"
)

// This file serves /bands, where 审管办 sets the reference bands (合理区间)
// the dashboard judges against, and /indicators/definitions, the 口径 of
// every indicator version. Rates are shown and entered in percent.

// bandSet is the band set served now.
func (s *Server) bandSet() *indicator.BandSet { return s.bands.Load() }

// LoadBands serves the bands the court saved, or the default set while it
// has saved none, and forgets the figures judged against the old ones.
func (s *Server) LoadBands(ctx context.Context) error {
	if s.bandDB == nil {
		return nil
	}
	rows, err := s.bandDB.Bands(ctx)
	if err != nil {
		return err
	}
	bs := s.defBands
	if len(rows) > 0 {
		if bs, err = bandSetOf(rows); err != nil {
			return err
		}
	}
	s.bands.Store(bs)
	s.figures.reset()
	return nil
}

// bandSetOf turns stored bands into a band set (本院设定).
func bandSetOf(rows []store.BandRow) (*indicator.BandSet, error) {
	bs := &indicator.BandSet{Label: "本院设定"}
	for _, r := range rows {
		b := indicator.Band{Indicator: r.Indicator, Lower: math.Inf(-1), Upper: math.Inf(1)}
		var ok bool
		if r.CourtLevel != "" {
			if b.CourtLevel, ok = court.ParseCourtLevel(r.CourtLevel); !ok {
				return nil, court.Errorf(court.Invalid, "%s：法院层级无效", r.Object())
			}
		}
		if r.Kind != "" {
			if b.Kind, ok = court.ParseKind(r.Kind); !ok {
				return nil, court.Errorf(court.Invalid, "%s：案件类别无效", r.Object())
			}
		}
		if r.Lower != nil {
			b.Lower = *r.Lower
		}
		if r.Upper != nil {
			b.Upper = *r.Upper
		}
		bs.Bands = append(bs.Bands, b)
	}
	return bs, nil
}

// rowsOfSet is a band set as rows that are not stored (UpdatedBy "").
func rowsOfSet(bs *indicator.BandSet) []store.BandRow {
	if bs == nil {
		return nil
	}
	var rows []store.BandRow
	for _, b := range bs.Bands {
		r := store.BandRow{Indicator: b.Indicator, CourtLevel: b.CourtLevel.String(), Note: bs.Label}
		if b.Kind != court.KindNone {
			r.Kind = b.Kind.String()
		}
		if !math.IsInf(b.Lower, 0) {
			r.Lower = &b.Lower
		}
		if !math.IsInf(b.Upper, 0) {
			r.Upper = &b.Upper
		}
		rows = append(rows, r)
	}
	return rows
}

// currentBands are the bands served now as rows, and whether they are stored.
func (s *Server) currentBands(ctx context.Context) ([]store.BandRow, bool, error) {
	if s.bandDB != nil {
		rows, err := s.bandDB.Bands(ctx)
		if err != nil || len(rows) > 0 {
			return rows, len(rows) > 0, err
		}
	}
	return rowsOfSet(s.defBands), false, nil
}

func bandKey(indicatorID, level, kind string) string { return indicatorID + "|" + level + "|" + kind }

func keyOf(r store.BandRow) string { return bandKey(r.Indicator, r.CourtLevel, r.Kind) }

// canViewBands: the roles that see the whole court.
func canViewBands(v *visitor) error {
	if !v.User.Role.CourtWide() {
		return court.Errorf(court.Forbidden, "您无权查看合理区间与指标口径：仅全院范围的角色可以查看")
	}
	return nil
}

// canEditBands: 审管办 and 系统管理员.
func canEditBands(v *visitor) error {
	if !v.User.Role.EditsBands() && !v.User.Role.ManagesUsers() {
		return court.Errorf(court.Forbidden, "仅审管办和系统管理员可以修改合理区间")
	}
	return nil
}

// definitions are the definitions of the engine, or those loaded (the
// default ones while none are) while the snapshot is being built.
func (s *Server) definitions() (*indicator.Definitions, error) {
	if eng := s.engine.Load(); eng != nil {
		return eng.Definitions(), nil
	}
	if d := s.defs.Load(); d != nil {
		return d, nil
	}
	return indicator.DefaultDefinitions()
}

// bandsPage is the data of /bands.
type bandsPage struct {
	Source     string // 示意 / 本院设定 / the label of the default set
	Stored     bool
	CanEdit    bool
	Editable   bool // a store is there to save into
	AsOf       court.Date
	Indicators []bandIndicator
	Note       string
}

// bandIndicator is one indicator in force with its bands.
type bandIndicator struct {
	ID, Name, Category, Unit string
	Rows                     []bandFormRow
}

// bandFormRow is one band as the form shows it, rates in percent.
type bandFormRow struct {
	Key, Level, Kind string
	Lower, Upper     string
	Source, Note     string
	UpdatedBy        string
	Percent          bool
}

var bandDone = map[string]string{
	"saved":     "合理区间已保存；驾驶舱和指标页已按新区间判断。",
	"unchanged": "没有改动，未保存。",
}

// bandsGet answers GET /bands.
func (s *Server) bandsGet(w http.ResponseWriter, r *http.Request, v *visitor) error {
	if err := canViewBands(v); err != nil {
		return err
	}
	return s.renderBands(w, r, v, http.StatusOK, nil, "", bandDone[r.URL.Query().Get("done")], "")
}

// renderBands shows the bands, with the values entered (by key) when a
// form comes back with an error.
func (s *Server) renderBands(w http.ResponseWriter, r *http.Request, v *visitor, status int, entered map[string][2]string, note, flash, errMsg string) error {
	rows, stored, err := s.currentBands(r.Context())
	if err != nil {
		return err
	}
	defs, err := s.definitions()
	if err != nil {
		return err
	}
	p := bandsPage{Stored: stored, Source: "本院设定", CanEdit: canEditBands(v) == nil, Editable: s.bandDB != nil, AsOf: s.today(), Note: note}
	if !stored {
		p.Source = "示意"
		if s.defBands != nil && s.defBands.Label != "" {
			p.Source = s.defBands.Label
		}
	}
	for _, d := range defs.InForce(p.AsOf) {
		p.Indicators = append(p.Indicators, bandIndicatorOf(d, rows, entered, p.Source))
	}
	return s.render(w, status, "bands", view{Title: "合理区间", Nav: "bands", Visitor: v, CSRF: v.Session.CSRF, Flash: flash, Error: errMsg, Data: p})
}

func bandIndicatorOf(d *indicator.Definition, rows []store.BandRow, entered map[string][2]string, source string) bandIndicator {
	bi := bandIndicator{ID: d.ID, Name: d.Name, Category: d.Category, Unit: d.Unit}
	pct := d.Unit == "%"
	for _, r := range rows {
		if r.Indicator != d.ID {
			continue
		}
		fr := bandFormRow{Key: keyOf(r), Level: orAny(r.CourtLevel, "各层级"), Kind: orAny(r.Kind, "各类别"),
			Lower: showBound(r.Lower, pct), Upper: showBound(r.Upper, pct), Source: source, Note: r.Note, UpdatedBy: r.UpdatedBy, Percent: pct}
		if r.UpdatedBy != "" {
			fr.Source = "本院设定"
		}
		bi.Rows = append(bi.Rows, fr)
	}
	if len(bi.Rows) == 0 {
		bi.Rows = []bandFormRow{{Key: bandKey(d.ID, "", ""), Level: "各层级", Kind: "各类别", Source: "未设区间", Percent: pct}}
	}
	for i, fr := range bi.Rows {
		if e, ok := entered[fr.Key]; ok {
			bi.Rows[i].Lower, bi.Rows[i].Upper = e[0], e[1]
		}
	}
	return bi
}

func orAny(s, anyText string) string {
	if s == "" {
		return anyText
	}
	return s
}

// showBound is a bound as the form shows it: "" for none, rates in percent.
func showBound(b *float64, pct bool) string {
	if b == nil {
		return ""
	}
	x := *b
	if pct {
		x *= 100
	}
	return strconv.FormatFloat(math.Round(x*1e6)/1e6, 'f', -1, 64)
}

// overOne are the percentages that may exceed 100%: 结收比 = 结案数 / 收案数.
var overOne = map[string]bool{"clearance": true}

// parseBound reads a bound entered on the form: "" for none, percentages
// (pct) between 0 and 100, or 1000 for those of overOne.
func parseBound(s, what string, pct bool, maxPct float64) (*float64, error) {
	s = strings.TrimSpace(s)
	if pct {
		s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSuffix(s, "%"), "％"))
	}
	if s == "" {
		return nil, nil
	}
	x, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
		return nil, court.Errorf(court.Invalid, "%s“%s”不是数字", what, s)
	}
	if pct {
		if x < 0 || x > maxPct {
			return nil, court.Errorf(court.Invalid, "%s %s%% 超出范围：比率应在 0%% 到 %g%% 之间", what, s, maxPct)
		}
		x /= 100
	}
	return &x, nil
}
