package web

import (
	"context"
	"net/http"

	"github.com/zhixiao/zhixiao/internal/court"
	"github.com/zhixiao/zhixiao/internal/indicator"
	"github.com/zhixiao/zhixiao/internal/store"
)

// drillGet answers GET /units/{kind}/{id}/indicators/{ind}/cases?part=:
// the cases behind the numerator or the denominator of an indicator.
func (s *Server) drillGet(w http.ResponseWriter, r *http.Request, v *visitor) error {
	u, _, err := s.resolveUnit(r.Context(), v, r.PathValue("kind"), r.PathValue("id"))
	if err != nil {
		return err
	}
	fq, err := s.parseFigureQuery(r, u)
	if err != nil {
		return err
	}
	part, err := indicator.ParsePart(r.URL.Query().Get("part"))
	if err != nil {
		return court.Errorf(court.Invalid, "part 应为 numerator（分子）或 denominator（分母）")
	}
	o, err := parseListOptions(r.URL.Query(), "filed")
	if err != nil {
		return err
	}
	eng, err := s.engineOrErr()
	if err != nil {
		return err
	}
	d, err := lookupDefinition(eng, r.PathValue("ind"), fq.Period.Period.To)
	if err != nil {
		return err
	}
	rows, err := s.drillRows(r.Context(), eng, v, fq, d.ID, part)
	if err != nil {
		return err
	}
	title := d.Name + "（" + partName(part) + "）" + fq.Period.Period.String()
	if fq.Kind != "" {
		title += " · " + fq.Kind
	}
	return s.showCases(w, r, v, u, title, rows, o)
}

func partName(p indicator.Part) string {
	if p == indicator.PartDenominator {
		return "分母"
	}
	return "分子"
}

// drillRows lists what stands behind one part of an indicator, one row per
// entry, so that the list counts what the tile counts. Cases are read
// within the visitor's scope; an entry that is not a case the visitor may
// see (a 二审 case of another department, a mediation's 编号) keeps only its
// number.
func (s *Server) drillRows(ctx context.Context, eng *indicator.Engine, v *visitor, fq *figureQuery, id string, part indicator.Part) ([]caseRow, error) {
	q := fq.query(eng)
	entries, err := eng.DrillDown(q, id, part)
	if err != nil {
		return nil, noCasesOK(err)
	}
	seen := map[string]bool{}
	var nos []string
	for _, e := range entries {
		if !seen[e] {
			seen[e] = true
			nos = append(nos, e)
		}
	}
	if len(nos) == 0 {
		return nil, nil // a nil Nos would select every case in scope
	}
	cs, err := s.data.CaseSummaries(ctx, store.CaseFilter{Scope: v.Scope, Nos: nos})
	if err != nil {
		return nil, err
	}
	byNo := map[string]store.CaseSummary{}
	for _, c := range cs {
		byNo[c.No] = c
	}
	today := s.today()
	rows := make([]caseRow, 0, len(entries))
	for _, e := range entries {
		c, ok := byNo[e]
		if !ok {
			rows = append(rows, caseRow{CaseSummary: store.CaseSummary{No: e}, Hidden: true})
			continue
		}
		rows = append(rows, rowsOf([]store.CaseSummary{c}, today)...)
	}
	return rows, nil
}
