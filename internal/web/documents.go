package web

import (
	"context"
	"html/template"
	"net/http"
)

// This file is the 文书 module of the web app (issue 9: the monthly bulletin and document drafts).

// DocumentsStore is what the 文书 pages need of the store; *store.DB implements it.
type DocumentsStore interface{}

// documentsModule is the state of the 文书 pages.
type documentsModule struct{ db DocumentsStore }

// init takes the module's store from the deps.
func (m *documentsModule) init(d Deps) error { m.db = d.Documents; return nil }

// documentsRoutes adds the module's routes under /documents.
func (s *Server) documentsRoutes(mux *http.ServeMux) {}

// ShowsDocuments reports whether the navigation shows 文书.
func (v *visitor) ShowsDocuments() bool { return false }

// documentsPanels are the module's panels on a unit's dashboard or a case page.
func (s *Server) documentsPanels(ctx context.Context, v *visitor, at panelPlace) ([]panel, error) {
	return nil, nil
}

// documentsFuncs are the module's template functions.
func documentsFuncs() template.FuncMap { return nil }
