package store

import (
	"context"
	"database/sql"
	"time"

	"github.com/zhixiao/zhixiao/internal/court"
	"github.com/zhixiao/zhixiao/internal/petitions"
)

// This file computes from the stored requests: escalation of the overdue
// ones, the monthly bulletin, and what the module tells the others
// (PetitionOutcomes for the assessment, PetitionSummary for the bulletin).

// PetitionCalendar returns the rules and the calendar the deadlines are counted on.
func (db *DB) PetitionCalendar(ctx context.Context) (petitions.Rules, *petitions.Calendar, error) {
	r, err := db.PetitionRules(ctx)
	if err != nil {
		return r, nil, err
	}
	days, err := db.HolidayCalendar(ctx)
	return r, petitions.NewCalendar(days), err
}

// PetitionEscalated is a request that EscalatePetitions raised.
type PetitionEscalated struct {
	CourtID int64
	No      string
	Level   petitions.Level
}

// EscalatePetitions raises every open request that is late on today to the
// level the rules give it (庭长, then 分管院领导), each with its event and an
// audit entry of the system at time at. It returns those it raised.
func (db *DB) EscalatePetitions(ctx context.Context, today court.Date, at time.Time) (out []PetitionEscalated, err error) {
	defer wrap(&err, "诉求超期升级")
	r, cal, err := db.PetitionCalendar(ctx)
	if err != nil {
		return nil, err
	}
	// One read of every open request that can still go up; each to raise
	// is then changed in a transaction of its own (ChangePetition reads it
	// again, so that a request closed meanwhile is left alone).
	var open []petitions.Petition
	err = webEach(ctx, db.db, db.rebind(petitionColumns+" WHERE p.status <> ? AND p.escalation < 2"), []any{string(petitions.StatusClosed)},
		func(rows *sql.Rows) error {
			p, err := scanPetition(rows)
			open = append(open, p)
			return err
		})
	if err != nil {
		return nil, err
	}
	for _, p := range open {
		id := p.ID
		l := r.EscalationOf(cal, &p, today)
		if l <= p.Escalation {
			continue
		}
		step, _ := r.Overdue(cal, &p, today)
		p, err = db.ChangePetition(ctx, id, func(p *petitions.Petition) (petitions.Event, error) {
			ev, ok := petitions.Escalate(p, l, step, at)
			if !ok {
				return ev, errPetitionNoChange
			}
			return ev, nil
		}, petitionSystemAudit(at))
		if err == errPetitionNoChange {
			continue
		}
		if err != nil {
			return out, err
		}
		out = append(out, PetitionEscalated{p.CourtID, p.No, l})
	}
	return out, nil
}

// errPetitionNoChange tells ChangePetition's caller that another writer got there first.
var errPetitionNoChange = &court.Error{Kind: court.Conflict, Message: "无需变更"}

// PetitionBulletin is the monthly bulletin (月通报) of a court for a period:
// one row per department and the court's total.
func (db *DB) PetitionBulletin(ctx context.Context, courtID int64, p court.Period) (rows []petitions.BulletinRow, total petitions.BulletinRow, err error) {
	defer wrap(&err, "生成诉求通报")
	r, cal, err := db.PetitionCalendar(ctx)
	if err != nil {
		return nil, total, err
	}
	// A request counts in the period when received, answered, due or closed
	// in it, or open at its end: received at most 120 working days (the
	// longest close limit, under 200 days) before it, or closed in it, or open.
	ps, err := db.Petitions(ctx, PetitionQuery{CourtID: courtID, To: p.To, Since: p.From - 200})
	if err != nil {
		return nil, total, err
	}
	rows, total = petitions.Bulletin(ps, p, r, cal)
	return rows, total, nil
}

// PetitionSummary counts a court's requests in a period for the monthly
// bulletin of the documents module (court.PetitionSummary).
func (db *DB) PetitionSummary(ctx context.Context, courtID int64, p court.Period) (court.PetitionSummary, error) {
	_, total, err := db.PetitionBulletin(ctx, courtID, p)
	return petitions.Summary(total), err
}

// PetitionOutcomes returns an outcome 投诉查实 for every member of staff
// named by a complaint or report of the court that was closed in [from, to]
// as 查实 or 部分查实: an input of that person's assessment.
func (db *DB) PetitionOutcomes(ctx context.Context, courtID int64, from, to court.Date) (out []court.Outcome, err error) {
	defer wrap(&err, "读取投诉查实记录")
	err = webEach(ctx, db.db, db.rebind(`SELECT s.person_id, p.closed_on, p.year, p.seq FROM petitions p
JOIN petition_staff s ON s.petition_id = p.id
WHERE p.court_id = ? AND p.status = ? AND p.type IN (?, ?) AND p.finding IN (?, ?) AND p.closed_on >= ? AND p.closed_on <= ?
ORDER BY p.closed_on, p.id, s.person_id`),
		[]any{courtID, string(petitions.StatusClosed), string(petitions.TypeComplaint), string(petitions.TypeReport),
			string(petitions.FindingUpheld), string(petitions.FindingPartly), petitionDayText(from), petitionDayText(to)},
		func(rows *sql.Rows) error {
			var o court.Outcome
			var day string
			var year, seq int
			if err := rows.Scan(&o.Person, &day, &year, &seq); err != nil {
				return err
			}
			o.Kind, o.Day, o.Ref = court.OutcomeComplaintUpheld, petitionParseDay(day), PetitionNo(year, seq)
			out = append(out, o)
			return nil
		})
	return out, err
}
