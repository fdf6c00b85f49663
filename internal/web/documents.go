package web

import (
	"context"
	"html/template"
	"net/http"
	"os"

	"github.com/zhixiao/zhixiao/internal/auth"
	"github.com/zhixiao/zhixiao/internal/court"
	"github.com/zhixiao/zhixiao/internal/documents"
	"github.com/zhixiao/zhixiao/internal/store"
)

// This file is the 文书 module of the web app (issue 9: the monthly bulletin and document drafts).

// DocumentsStore is what the 文书 pages need of the store; *store.DB implements it.
type DocumentsStore interface {
	Parties(ctx context.Context, caseNo string) ([]court.Party, error)
	DraftFacts(ctx context.Context, caseNo string) (store.DraftFacts, error)
	LongestPending(ctx context.Context, courtName, department string, asOf court.Date, limit int) ([]documents.PendingCase, error)
	DocTemplate(ctx context.Context, kind string) (store.DocTemplate, error)
	DocTemplates(ctx context.Context) ([]store.DocTemplate, error)
	SaveDocTemplate(ctx context.Context, t store.DocTemplate, e auth.AuditEntry) error
	SaveBulletin(ctx context.Context, b store.StoredBulletin) error
	HasBulletin(ctx context.Context, courtID int64, month string) (bool, error)
	StoredBulletins(ctx context.Context, courts []int64) ([]store.StoredBulletin, error)
	StoredBulletin(ctx context.Context, id int64) (store.StoredBulletin, error)
}

// documentsModule is the state of the 文书 pages: the store, the charts'
// font (nil when none was found: charts are left out with a note), and the
// supervision and petitions summaries when the store has them.
type documentsModule struct {
	db          DocumentsStore
	charts      *documents.Charts
	fontNote    string
	supervision documents.SupervisionSource
	petitions   documents.PetitionSource
}

// init takes the module's store from the deps and finds the charts' font
// ($ZHIXIAO_FONT or a Debian CJK .ttf).
func (m *documentsModule) init(d Deps) error {
	m.db = d.Documents
	if m.db == nil {
		return nil
	}
	m.supervision, _ = m.db.(documents.SupervisionSource)
	m.petitions, _ = m.db.(documents.PetitionSource)
	path, err := documents.FindFont("", os.Getenv(documents.FontEnv))
	if err == nil && path != "" {
		m.charts, err = documents.LoadCharts(path)
	}
	if err != nil || m.charts == nil {
		m.fontNote = documents.NoFontNote
		if err != nil {
			m.fontNote = court.Message(err) + m.fontNote
		}
	}
	return nil
}

// documentsRoutes adds the module's routes under /documents.
func (s *Server) documentsRoutes(mux *http.ServeMux) {
	if s.mods.documents.db == nil {
		return
	}
	mux.Handle("GET /documents", s.member(s.documentsPage))
	mux.Handle("GET /documents/bulletin", s.member(s.documentsBulletin))
	mux.Handle("GET /documents/bulletins/{id}/{format}", s.member(s.documentsStoredBulletin))
	mux.Handle("GET /documents/draft", s.member(s.documentsDraft))
	mux.Handle("GET /documents/templates/{kind}", s.member(s.documentsTemplateGet))
	mux.Handle("POST /documents/templates/{kind}", s.member(s.documentsTemplatePost))
	mux.Handle("POST /documents/templates/{kind}/reset", s.member(s.documentsTemplateReset))
}

// ShowsDocuments reports whether the navigation shows 文书: for every
// signed-in visitor (drafts of their cases, bulletins of their units).
func (v *visitor) ShowsDocuments() bool { return v != nil && v.User.Role != auth.RoleNone }

// EditsTemplates reports whether the visitor uploads the court's document
// templates: 审管办.
func (v *visitor) EditsTemplates() bool { return v.User.Role == auth.RoleTrialMgmt }

// documentsPanels are the module's panels on a unit's dashboard or a case page.
func (s *Server) documentsPanels(ctx context.Context, v *visitor, at panelPlace) ([]panel, error) {
	if s.mods.documents.db == nil {
		return nil, nil
	}
	if at.Case != nil {
		return s.documentsCasePanel(ctx, at.Case)
	}
	if at.Unit != nil && (at.Unit.Kind == kindCourt || at.Unit.Kind == kindDepartment) {
		return s.documentsUnitPanel(at.Unit)
	}
	return nil, nil
}

// documentsFuncs are the module's template functions.
func documentsFuncs() template.FuncMap { return nil }
