package web

import (
	"context"
	"net/http"

	"github.com/zhixiao/zhixiao/internal/court"
	"github.com/zhixiao/zhixiao/internal/store"
)

// casePage is the data of the case page.
type casePage struct {
	Case   court.Case
	No     string
	Status limitStatus
	Chain  []chainNode
	Panels []panel // the modules' panels
}

// OriginVisible reports whether the visitor may open the 原审 case (a
// judge of a 二审 may not see the 一审 of a court below).
func (p *casePage) OriginVisible() bool {
	for _, n := range p.Chain {
		if n.No == p.Case.OriginNo {
			return n.Visible
		}
	}
	return false
}

// chainNode is one case of the chain of related cases.
type chainNode struct {
	No, Level, Kind, Court string
	FiledOn, ClosedOn      court.Date
	CloseMethod            string
	Current                bool
	Visible                bool // the visitor may open it
	Stored                 bool // the case is in the data
}

// URL is the case page of the node.
func (n chainNode) URL() string { return caseURL(n.No) }

// caseView reads a case for the visitor: NotFound when it does not exist,
// Forbidden when it lies outside the scope.
func (s *Server) caseView(ctx context.Context, v *visitor, raw string) (*casePage, error) {
	no, err := court.ParseCaseNo(raw)
	if err != nil {
		return nil, err
	}
	key := no.String()
	ref, err := s.data.CaseRef(ctx, key)
	if err != nil {
		return nil, err
	}
	if err := v.Scope.CheckCase(ref); err != nil {
		return nil, err
	}
	c, err := s.data.Case(ctx, key)
	if err != nil {
		return nil, err
	}
	chain, err := s.data.CaseChain(ctx, key)
	if err != nil {
		return nil, err
	}
	p := &casePage{Case: c, No: key}
	sum := store.CaseSummary{FiledOn: c.FiledOn, ClosedOn: c.ClosedOn, LimitDays: c.LimitDays, ExtendedDays: c.ExtendedDays, SuspendedDays: c.SuspendedDays}
	p.Status = timeLimit(&sum, s.today())
	for _, cs := range chain {
		p.Chain = append(p.Chain, s.chainNode(ctx, v, cs, key))
	}
	return p, nil
}

func (s *Server) chainNode(ctx context.Context, v *visitor, cs store.CaseSummary, current string) chainNode {
	n := chainNode{No: cs.No, Level: cs.Level, Kind: cs.Kind, Court: cs.Court, FiledOn: cs.FiledOn, ClosedOn: cs.ClosedOn,
		CloseMethod: cs.CloseMethod, Current: cs.No == current, Stored: cs.Court != ""}
	if n.Stored {
		ref, err := s.data.CaseRef(ctx, cs.No)
		n.Visible = err == nil && v.Scope.Case(ref)
	}
	return n
}

// casePageGet answers GET /cases/{no}.
func (s *Server) casePageGet(w http.ResponseWriter, r *http.Request, v *visitor) error {
	p, err := s.caseView(r.Context(), v, r.PathValue("no"))
	if err != nil {
		return err
	}
	p.Panels = s.panels(r.Context(), v, panelPlace{Case: p})
	return s.render(w, http.StatusOK, "case", view{Title: p.No, Nav: "dashboard", Visitor: v, CSRF: v.Session.CSRF, Data: p})
}
