package store

import (
	"context"

	"github.com/zhixiao/zhixiao/internal/court"
	"github.com/zhixiao/zhixiao/internal/deid"
)

// DeidParties are the parties of a case from the 当事人表, as the
// de-identification (文书脱敏) takes them: the parties themselves with their
// type, ID number (natural persons only) and address. Their agents are left
// to the document, which says whether an agent is a lawyer (kept) or not.
// A party without a type is taken as a natural person, so that it is masked
// rather than left.
func (db *DB) DeidParties(ctx context.Context, caseNo string) ([]deid.Party, error) {
	if no, err := court.ParseCaseNo(caseNo); err == nil {
		caseNo = no.String()
	}
	ps, err := db.Parties(ctx, caseNo)
	if err != nil {
		return nil, err
	}
	out := make([]deid.Party, 0, len(ps))
	for _, p := range ps {
		q := deid.Party{Name: p.Name, Role: p.Role, Type: deid.Natural, Address: p.Address, Of: -1}
		switch p.Type {
		case court.LegalPerson:
			q.Type = deid.LegalPerson
		case court.UnincorporatedOrg:
			q.Type = deid.Organization
		default:
			q.IDNumber = p.IDNo
		}
		out = append(out, q)
	}
	return out, nil
}
