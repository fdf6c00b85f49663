package web

import (
	"context"
	"html/template"
	"net/http"
	"time"

	"github.com/zhixiao/zhixiao/internal/auth"
	"github.com/zhixiao/zhixiao/internal/court"
	"github.com/zhixiao/zhixiao/internal/deid"
)

// This file is the 文书脱敏 module of the web app (issue 9: de-identified
// copies of judgments for publication). The pages are in deid_pages.go, the
// results kept for download in deid_results.go.

// DeidStore is what the 文书脱敏 pages need of the store; *store.DB
// implements it. A de-identification's only write is its audit entry.
type DeidStore interface {
	RecordDeid(ctx context.Context, e auth.AuditEntry) error
	DeidRecords(ctx context.Context, login string, limit int) ([]auth.AuditEntry, error)
	DeidCount(ctx context.Context, login string, since time.Time) (int, error)
}

// DeidPartySource is what a store offers once it keeps the case's parties
// (the 当事人表 of issue 9 part 2): when DeidStore also implements it, a 案号
// given on /deid brings the case's parties. Not found is an error of kind
// NotFound; a case without parties gives none.
type DeidPartySource interface {
	DeidParties(ctx context.Context, caseNo string) ([]deid.Party, error)
}

// deidModule is the state of the 文书脱敏 pages: the store and the results
// waiting to be downloaded.
type deidModule struct {
	db      DeidStore
	results *deidResults
}

// init takes the module's store from the deps.
func (m *deidModule) init(d Deps) error {
	m.db = d.Deid
	m.results = newDeidResults()
	return nil
}

// deidRoutes adds the module's routes under /deid. The upload's body is
// limited before the CSRF check reads the form.
func (s *Server) deidRoutes(mux *http.ServeMux) {
	mux.Handle("GET /deid", s.member(s.deidForm))
	mux.Handle("POST /deid", limitBody(deidMaxBody, s.member(s.deidPost)))
	mux.Handle("GET /deid/sample.txt", s.member(s.deidSample))
	mux.Handle("GET /deid/results/{token}", s.member(s.deidResultPage))
	mux.Handle("GET /deid/results/{token}/file", s.member(s.deidDownload))
	mux.Handle("GET /deid/results/{token}/report.json", s.member(s.deidReportJSON))
	mux.Handle("GET /deid/results/{token}/report.csv", s.member(s.deidReportCSV))
}

// ExpireDeidResults drops the results of de-identification older than 15
// minutes from memory; `serve` calls it every minute (cmd/zhixiao deidJobs),
// so that an upload does not outlive its time when nobody uses the page.
func (s *Server) ExpireDeidResults() {
	rs := s.mods.deid.results
	rs.mu.Lock()
	defer rs.mu.Unlock()
	rs.expire(s.now())
}

// ShowsDeid reports whether the navigation shows 文书脱敏: to 院领导, 审管办,
// 庭长 and 法官, who prepare judgments for publication.
func (v *visitor) ShowsDeid() bool {
	switch v.User.Role {
	case auth.RolePresident, auth.RoleTrialMgmt, auth.RoleChief, auth.RoleJudge:
		return true
	}
	return false
}

// canDeid refuses the roles that do not prepare judgments for publication.
func canDeid(v *visitor) error {
	if !v.ShowsDeid() {
		return court.Errorf(court.Forbidden, "文书脱敏仅对院领导、审管办、庭长和法官开放")
	}
	return nil
}

// deidPanels are the module's panels, for the roles that use it: on a case
// page, a link to de-identify the case's judgment with its 案号 filled in; on
// the visitor's own dashboard (home unit), the link and how many
// de-identifications they made in the last 30 days.
func (s *Server) deidPanels(ctx context.Context, v *visitor, at panelPlace) ([]panel, error) {
	if !v.ShowsDeid() || s.mods.deid.db == nil {
		return nil, nil
	}
	var body template.HTML
	var err error
	switch {
	case at.Case != nil:
		body, err = s.renderPart("deid_form", "deid-panel", at.Case.No)
	case at.Unit != nil && at.Unit.Ref == v.Scope.Home():
		var n int
		if n, err = s.mods.deid.db.DeidCount(ctx, v.User.Login, s.now().Add(-30*24*time.Hour)); err != nil {
			return nil, err
		}
		body, err = s.renderPart("deid_form", "deid-home-panel", n)
	default:
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return []panel{{ID: "panel-deid", Title: "文书脱敏", Body: body}}, nil
}

// deidFuncs are the module's template functions.
func deidFuncs() template.FuncMap { return nil }
