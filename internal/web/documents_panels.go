package web

import (
	"context"
	"net/url"
	"strconv"

	"github.com/zhixiao/zhixiao/internal/court"
	"github.com/zhixiao/zhixiao/internal/documents"
)

// draftLink is a button of the case panel.
type draftLink struct{ Title, URL string }

// casePanel is the data of the 文书草稿 panel of a case page.
type casePanel struct {
	Drafts  []draftLink
	Parties []court.Party
}

// documentsCasePanel lists the drafts that fit the case.
func (s *Server) documentsCasePanel(ctx context.Context, p *casePage) ([]panel, error) {
	parties, err := s.mods.documents.db.Parties(ctx, p.No)
	if err != nil {
		return nil, err
	}
	data := casePanel{Parties: parties}
	for _, k := range documents.DraftKinds {
		if documents.Applies(k, &p.Case) {
			data.Drafts = append(data.Drafts, draftLink{k.Title(), "/documents/draft?" + url.Values{"case": {p.No}, "type": {string(k)}}.Encode()})
		}
	}
	body, err := s.renderPart("documents_index", "documents-case-panel", data)
	if err != nil {
		return nil, err
	}
	return []panel{{ID: "panel-documents", Title: "文书草稿", Body: body}}, nil
}

// unitPanel is the data of the 月通报 panel of a court's or department's
// dashboard.
type unitPanel struct {
	Month, DOCX, XLSX string
}

// documentsUnitPanel links last month's bulletin of the unit.
func (s *Server) documentsUnitPanel(u *unit) ([]panel, error) {
	m := s.lastMonth()
	q := url.Values{"unit": {u.Kind + ":" + strconv.FormatInt(u.ID, 10)}, "month": {monthKey(m)}}
	data := unitPanel{Month: monthKey(m)}
	q.Set("format", "docx")
	data.DOCX = "/documents/bulletin?" + q.Encode()
	q.Set("format", "xlsx")
	data.XLSX = "/documents/bulletin?" + q.Encode()
	body, err := s.renderPart("documents_index", "documents-unit-panel", data)
	if err != nil {
		return nil, err
	}
	return []panel{{ID: "panel-documents", Title: "月通报", Body: body}}, nil
}
