package store

import (
	"context"
	"slices"
	"strings"

	"github.com/zhixiao/zhixiao/internal/court"
)

// This file imports and reads the parties of cases (当事人表, migration
// 0008). An import replaces the parties of each case it names: a newer
// export of a case's parties wins (the change log, case_changes, records
// the parties before and after under 当事人), and the same file twice
// changes nothing.

// partyRow is a party as stored.
type partyRow struct {
	name, role, partyType, idNo, address, agents string
}

// partyBuf holds an import's parties by case until Commit: one case's rows
// may lie anywhere in the file.
type partyBuf struct {
	byCase map[string][]partyRow
	order  []string
}

var partyCols = []string{"case_no", "ord", "name", "role", "party_type", "id_no", "address", "agents"}

// AddParty adds one party of a case (a row of the 当事人表). Parties of one
// 案号 are kept in the order they are added.
func (im *Import) AddParty(p *court.Party) error {
	if err := im.usable(); err != nil {
		return err
	}
	caseNo, name := strings.TrimSpace(p.CaseNo), strings.TrimSpace(p.Name)
	switch {
	case caseNo == "":
		return court.Errorf(court.Invalid, "当事人的案号为空")
	case name == "":
		return court.Errorf(court.Invalid, "案号%s的当事人名称为空", caseNo)
	case p.Role == "" || p.Type == court.PartyTypeNone:
		return court.Errorf(court.Invalid, "案号%s的当事人%s缺少诉讼地位或类型", caseNo, name)
	}
	b := &im.parties
	if b.byCase == nil {
		b.byCase = map[string][]partyRow{}
	}
	if _, ok := b.byCase[caseNo]; !ok {
		b.order = append(b.order, caseNo)
	}
	b.byCase[caseNo] = append(b.byCase[caseNo], partyRow{name: name, role: p.Role, partyType: p.Type.String(),
		idNo: p.IDNo, address: p.Address, agents: strings.Join(p.Agents, "、")})
	im.added[kindParties]++
	return nil
}

// flushParties writes the parties of the cases whose stored parties differ,
// after deleting the stored ones.
func (im *Import) flushParties() error {
	b := &im.parties
	const chunk = 500
	for lo := 0; lo < len(b.order); lo += chunk {
		if err := im.flushPartyChunk(b.order[lo:min(lo+chunk, len(b.order))]); err != nil {
			return im.fail(err)
		}
	}
	return nil
}

func (im *Import) flushPartyChunk(cases []string) error {
	stored, err := im.storedParties(cases)
	if err != nil {
		return err
	}
	type write struct {
		caseNo string
		ord    int
		row    *partyRow
	}
	var changed []any
	var changes []caseChange
	var writes []write
	cnt := &im.counts[kindParties]
	for _, no := range cases {
		rows, old := im.parties.byCase[no], stored[no]
		if slices.Equal(rows, old) {
			cnt.Unchanged += len(rows)
			continue
		}
		if len(old) > 0 {
			changed = append(changed, no)
			changes = append(changes, caseChange{caseNo: no, field: "当事人", old: partiesText(old), new: partiesText(rows)})
		}
		for i := range rows {
			switch {
			case i >= len(old):
				cnt.Inserted++
			case old[i] == rows[i]:
				cnt.Unchanged++
			default:
				cnt.Updated++
			}
			writes = append(writes, write{no, i + 1, &rows[i]})
		}
	}
	if len(changed) > 0 {
		if _, err := im.tx.ExecContext(im.ctx, im.db.rebind("DELETE FROM parties WHERE case_no IN ("+placeholders(len(changed))+")"), changed...); err != nil {
			return err
		}
	}
	err = im.insertRows("case_changes", changeCols, len(changes), "", func(i int, args []any) []any {
		c := &changes[i]
		return append(args, im.id, c.caseNo, c.field, nullText(c.old), nullText(c.new))
	})
	if err != nil {
		return err
	}
	return im.insertRows("parties", partyCols, len(writes), "", func(i int, args []any) []any {
		w := writes[i]
		r := w.row
		return append(args, w.caseNo, int64(w.ord), r.name, r.role, r.partyType, r.idNo, r.address, r.agents)
	})
}

// partiesText is the parties of a case for the change log: 原告 张三；被告 某公司.
func partiesText(rows []partyRow) string {
	parts := make([]string, len(rows))
	for i, r := range rows {
		parts[i] = r.role + " " + r.name
	}
	return strings.Join(parts, "；")
}

// storedParties reads the stored parties of some cases, in order.
func (im *Import) storedParties(cases []string) (map[string][]partyRow, error) {
	args := make([]any, len(cases))
	for i, c := range cases {
		args[i] = c
	}
	rows, err := im.tx.QueryContext(im.ctx, im.db.rebind(`SELECT case_no, name, role, party_type, id_no, address, agents
FROM parties WHERE case_no IN (`+placeholders(len(cases))+`) ORDER BY case_no, ord`), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string][]partyRow{}
	for rows.Next() {
		var no string
		var r partyRow
		if err := rows.Scan(&no, &r.name, &r.role, &r.partyType, &r.idNo, &r.address, &r.agents); err != nil {
			return nil, err
		}
		out[no] = append(out[no], r)
	}
	return out, rows.Err()
}

// Parties returns the parties of a case in the order of the import; none
// (and no error) when the 当事人表 did not name the case.
func (db *DB) Parties(ctx context.Context, caseNo string) (ps []court.Party, err error) {
	defer wrap(&err, "读取当事人")
	rows, err := db.db.QueryContext(ctx, db.rebind(`SELECT name, role, party_type, id_no, address, agents
FROM parties WHERE case_no = ? ORDER BY ord`), caseNo)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var r partyRow
		if err := rows.Scan(&r.name, &r.role, &r.partyType, &r.idNo, &r.address, &r.agents); err != nil {
			return nil, err
		}
		t, _ := court.ParsePartyType(r.partyType)
		p := court.Party{CaseNo: caseNo, Name: r.name, Role: r.role, Type: t, IDNo: r.idNo, Address: r.address}
		if r.agents != "" {
			p.Agents = strings.Split(r.agents, "、")
		}
		ps = append(ps, p)
	}
	return ps, rows.Err()
}
