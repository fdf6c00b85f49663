package web

import (
	"context"
	"html/template"
	"net/http"
)

// This file is the 绩效考核 module of the web app (issue 6: schemes, monthly scores, warnings, objections).

// AssessmentStore is what the 绩效考核 pages need of the store; *store.DB implements it.
type AssessmentStore interface{}

// assessmentModule is the state of the 绩效考核 pages.
type assessmentModule struct{ db AssessmentStore }

// init takes the module's store from the deps.
func (m *assessmentModule) init(d Deps) error { m.db = d.Assessment; return nil }

// assessmentRoutes adds the module's routes under /assessment.
func (s *Server) assessmentRoutes(mux *http.ServeMux) {}

// ShowsAssessment reports whether the navigation shows 绩效考核.
func (v *visitor) ShowsAssessment() bool { return false }

// assessmentPanels are the module's panels on a unit's dashboard or a case page.
func (s *Server) assessmentPanels(ctx context.Context, v *visitor, at panelPlace) ([]panel, error) {
	return nil, nil
}

// assessmentFuncs are the module's template functions.
func assessmentFuncs() template.FuncMap { return nil }
