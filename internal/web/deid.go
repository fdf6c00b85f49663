package web

import (
	"context"
	"html/template"
	"net/http"
)

// This file is the 文书脱敏 module of the web app (issue 9: de-identified copies of judgments for publication).

// DeidStore is what the 文书脱敏 pages need of the store; *store.DB implements it.
type DeidStore interface{}

// deidModule is the state of the 文书脱敏 pages.
type deidModule struct{ db DeidStore }

// init takes the module's store from the deps.
func (m *deidModule) init(d Deps) error { m.db = d.Deid; return nil }

// deidRoutes adds the module's routes under /deid.
func (s *Server) deidRoutes(mux *http.ServeMux) {}

// ShowsDeid reports whether the navigation shows 文书脱敏.
func (v *visitor) ShowsDeid() bool { return false }

// deidPanels are the module's panels on a unit's dashboard or a case page.
func (s *Server) deidPanels(ctx context.Context, v *visitor, at panelPlace) ([]panel, error) {
	return nil, nil
}

// deidFuncs are the module's template functions.
func deidFuncs() template.FuncMap { return nil }
