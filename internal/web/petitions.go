package web

import (
	"context"
	"html/template"
	"net/http"
)

// This file is the 群众诉求 module of the web app (issue 8: citizens' requests and complaints).

// PetitionsStore is what the 群众诉求 pages need of the store; *store.DB implements it.
type PetitionsStore interface{}

// petitionsModule is the state of the 群众诉求 pages.
type petitionsModule struct{ db PetitionsStore }

// init takes the module's store from the deps.
func (m *petitionsModule) init(d Deps) error { m.db = d.Petitions; return nil }

// petitionsRoutes adds the module's routes under /petitions.
func (s *Server) petitionsRoutes(mux *http.ServeMux) {}

// ShowsPetitions reports whether the navigation shows 群众诉求.
func (v *visitor) ShowsPetitions() bool { return false }

// petitionsPanels are the module's panels on a unit's dashboard or a case page.
func (s *Server) petitionsPanels(ctx context.Context, v *visitor, at panelPlace) ([]panel, error) {
	return nil, nil
}

// petitionsFuncs are the module's template functions.
func petitionsFuncs() template.FuncMap { return nil }
