package web

import (
	"context"
	"html/template"
	"net/http"

	"github.com/zhixiao/zhixiao/internal/court"
)

// The modules of issues 6–10 live in files of their own (assessment.go,
// supervision.go, petitions.go, documents.go, deid.go, judgments.go and the
// files they name); this file joins them to the server.

// modules are the modules' states, one field each.
type modules struct {
	assessment  assessmentModule
	supervision supervisionModule
	petitions   petitionsModule
	documents   documentsModule
	deid        deidModule
	judgments   judgmentsModule
}

// initModules gives each module its store.
func (s *Server) initModules(d Deps) error {
	for _, init := range []func(Deps) error{s.mods.assessment.init, s.mods.supervision.init, s.mods.petitions.init, s.mods.documents.init, s.mods.deid.init, s.mods.judgments.init} {
		if err := init(d); err != nil {
			return err
		}
	}
	return nil
}

// moduleRoutes adds every module's routes.
func (s *Server) moduleRoutes(mux *http.ServeMux) {
	s.assessmentRoutes(mux)
	s.supervisionRoutes(mux)
	s.petitionsRoutes(mux)
	s.documentsRoutes(mux)
	s.deidRoutes(mux)
	s.judgmentsRoutes(mux)
}

// moduleFuncs are every module's template functions.
func moduleFuncs() []template.FuncMap {
	return []template.FuncMap{assessmentFuncs(), supervisionFuncs(), petitionsFuncs(), documentsFuncs(), deidFuncs(), judgmentsFuncs()}
}

// panel is a part of a page that a module adds: on a unit's dashboard
// (below the figures) or on a case page.
type panel struct {
	ID    string // the element id, e.g. "panel-supervision"
	Title string
	Body  template.HTML
}

// panelPlace is where panels go: exactly one of Unit and Case is set.
type panelPlace struct {
	Unit *unit
	Case *casePage
}

// panels collects the modules' panels for a page, what asks for action
// first: 督办与预警, 群众诉求, then 绩效考核 and the documents. A module that
// fails shows its error in its panel; the page itself still answers.
func (s *Server) panels(ctx context.Context, v *visitor, at panelPlace) []panel {
	var out []panel
	for _, f := range []func(context.Context, *visitor, panelPlace) ([]panel, error){
		s.supervisionPanels, s.petitionsPanels, s.assessmentPanels, s.documentsPanels, s.deidPanels, s.judgmentsPanels,
	} {
		ps, err := f(ctx, v, at)
		if err != nil {
			s.cfg.Log.Error("panel", "err", err)
			out = append(out, panel{ID: "panel-error", Title: "加载失败", Body: template.HTML(template.HTMLEscapeString(court.Message(err)))})
			continue
		}
		out = append(out, ps...)
	}
	return out
}
