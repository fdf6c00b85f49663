package web

import (
	"context"
	"html/template"
	"net/http"
)

// This file is the 督办 module of the web app (issue 7: case warnings, 督办单, rectification plans and 销号).

// SupervisionStore is what the 督办 pages need of the store; *store.DB implements it.
type SupervisionStore interface{}

// supervisionModule is the state of the 督办 pages.
type supervisionModule struct{ db SupervisionStore }

// init takes the module's store from the deps.
func (m *supervisionModule) init(d Deps) error { m.db = d.Supervision; return nil }

// supervisionRoutes adds the module's routes under /supervision.
func (s *Server) supervisionRoutes(mux *http.ServeMux) {}

// ShowsSupervision reports whether the navigation shows 督办.
func (v *visitor) ShowsSupervision() bool { return false }

// supervisionPanels are the module's panels on a unit's dashboard or a case page.
func (s *Server) supervisionPanels(ctx context.Context, v *visitor, at panelPlace) ([]panel, error) {
	return nil, nil
}

// supervisionFuncs are the module's template functions.
func supervisionFuncs() template.FuncMap { return nil }
