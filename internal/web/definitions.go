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
	CanEdit    bool // 审管办 and 系统管理员, with a store to save into
	Indicators []definitionGroup
}

// definitionGroup is one indicator and its versions, oldest first.
type definitionGroup struct {
	ID, Name, Category, Unit string
	Versions                 []definitionVersion
	From, JSON               string // the form of a new version: prefilled with the one in force, or as entered
}

// definitionVersion is one version of an indicator's 口径.
type definitionVersion struct {
	Def     *indicator.Definition
	From    string // 生效日期, or 最初版本
	InForce bool
	State   string // 现行 / 已被取代 / 尚未生效
}

var definitionDone = map[string]string{
	"added": "口径版本已保存；生效日期及以后结束的统计期间按新版本计算。",
}

// definitionsGet answers GET /indicators/definitions.
func (s *Server) definitionsGet(w http.ResponseWriter, r *http.Request, v *visitor) error {
	if err := canViewBands(v); err != nil {
		return err
	}
	return s.renderDefinitions(w, v, http.StatusOK, nil, definitionDone[r.URL.Query().Get("done")], "")
}

// renderDefinitions shows every version, and to those who may add one the
// forms, with the values entered when a form comes back with an error.
func (s *Server) renderDefinitions(w http.ResponseWriter, v *visitor, status int, entered *versionForm, flash, errMsg string) error {
	defs, err := s.definitions()
	if err != nil {
		return err
	}
	p := definitionsPage{AsOf: s.today(), CanEdit: canEditDefinitions(v) == nil && s.defDB != nil}
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
		if p.CanEdit {
			g.JSON = marshalDef(editableOf(cur))
			if entered != nil && entered.Indicator == id {
				g.From, g.JSON = entered.From, entered.JSON
			}
		}
		p.Indicators = append(p.Indicators, g)
	}
	return s.render(w, status, "definitions", view{Title: "指标口径", Nav: "definitions", Visitor: v, CSRF: v.Session.CSRF, Flash: flash, Error: errMsg, Data: p})
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
