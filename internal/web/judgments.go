package web

import (
	"context"
	"html/template"
	"net/http"
)

// This file is the 类案 module of the web app (issue 10: similar-case retrieval).

// JudgmentsStore is what the 类案 pages need of the store; *store.DB implements it.
type JudgmentsStore interface{}

// judgmentsModule is the state of the 类案 pages.
type judgmentsModule struct{ db JudgmentsStore }

// init takes the module's store from the deps.
func (m *judgmentsModule) init(d Deps) error { m.db = d.Judgments; return nil }

// judgmentsRoutes adds the module's routes under /judgments.
func (s *Server) judgmentsRoutes(mux *http.ServeMux) {}

// ShowsJudgments reports whether the navigation shows 类案.
func (v *visitor) ShowsJudgments() bool { return false }

// judgmentsPanels are the module's panels on a unit's dashboard or a case page.
func (s *Server) judgmentsPanels(ctx context.Context, v *visitor, at panelPlace) ([]panel, error) {
	return nil, nil
}

// judgmentsFuncs are the module's template functions.
func judgmentsFuncs() template.FuncMap { return nil }
