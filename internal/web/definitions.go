package web

import (
	"net/http"

	"github.com/zhixiao/zhixiao/internal/court"
	"github.com/zhixiao/zhixiao/internal/indicator"
)

// definitionsPage is the data of /indicators/definitions: every indicator
// with its versions, and the one in force on AsOf.
type definitionsPage struct {
	AsOf       court.Date
	Indicators []definitionGroup
}

// definitionGroup is one indicator and its versions, oldest first.
type definitionGroup struct {
	ID, Name, Category, Unit string
	Versions                 []definitionVersion
}

// definitionVersion is one version of an indicator's 口径.
type definitionVersion struct {
	Def     *indicator.Definition
	From    string // 生效日期, or 最初版本
	InForce bool
	State   string // 现行 / 已被取代 / 尚未生效
}

// definitionsGet answers GET /indicators/definitions.
func (s *Server) definitionsGet(w http.ResponseWriter, r *http.Request, v *visitor) error {
	if err := canViewBands(v); err != nil {
		return err
	}
	defs, err := s.definitions()
	if err != nil {
		return err
	}
	p := definitionsPage{AsOf: s.today()}
	for _, id := range defs.IDs() {
		cur, err := defs.Select(id, p.AsOf, 0)
		if err != nil {
			return err
		}
		g := definitionGroup{ID: id, Name: cur.Name, Category: cur.Category, Unit: cur.Unit}
		for _, d := range defs.Versions(id) {
			dv := definitionVersion{Def: d, From: "最初版本", InForce: d == cur, State: versionState(d, cur, p.AsOf)}
			if !d.EffectiveFrom.IsZero() {
				dv.From = d.EffectiveFrom.String()
			}
			g.Versions = append(g.Versions, dv)
		}
		p.Indicators = append(p.Indicators, g)
	}
	return s.render(w, http.StatusOK, "definitions", view{Title: "指标口径", Nav: "definitions", Visitor: v, CSRF: v.Session.CSRF, Data: p})
}

// versionState says whether d is the version in force cur, an older one,
// or one that takes effect after asOf.
func versionState(d, cur *indicator.Definition, asOf court.Date) string {
	switch {
	case d == cur:
		return "现行"
	case d.EffectiveFrom > asOf:
		return "尚未生效"
	}
	return "已被取代"
}
