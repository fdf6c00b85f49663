package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/zhixiao/zhixiao/internal/auth"
	"github.com/zhixiao/zhixiao/internal/court"
	"github.com/zhixiao/zhixiao/internal/petitions"
)

// This file keeps citizens' requests (群众诉求, migration 0007): recording
// one, changing one through the rules of internal/petitions, and their
// history. Every change writes its event and its audit entry in the same
// transaction.

// The audit actions of the module (defined in internal/auth).
const (
	ActionPetitionAdd    = auth.ActionPetitionAdd
	ActionPetitionChange = auth.ActionPetitionChange
	ActionPetitionSetup  = auth.ActionPetitionSetup
	ActionReception      = auth.ActionReception
	ActionSurvey         = auth.ActionSurvey
)

func petitionDayText(d court.Date) string { return d.String() }

func petitionParseDay(s string) court.Date {
	if s == "" {
		return 0
	}
	d, _ := court.ParseISODate(s)
	return d
}

// PetitionNo is how a request's number reads: 诉〔2026〕12号.
func PetitionNo(year, seq int) string { return fmt.Sprintf("诉〔%d〕%d号", year, seq) }

// auditPetition is the form of a request in the audit log: never the
// citizen's data, and for a report not even its subject.
type auditPetition struct {
	No      string `json:"编号"`
	Type    string `json:"类型"`
	Subject string `json:"事由"`
	Status  string `json:"状态"`
	Owner   string `json:"负责人"`
	Finding string `json:"核查结论,omitempty"`
}

func petitionAuditJSON(p *petitions.Petition) string {
	subject := p.Subject
	if p.Type == petitions.TypeReport {
		subject = "（举报，内容保密）"
	}
	b, _ := json.Marshal(auditPetition{p.No, string(p.Type), subject, string(p.Status), p.OwnerLabel(), string(p.Finding)})
	return string(b)
}

// CreatePetition records a new request with its tracking and survey code
// hashes, its first event (登记) and an audit entry made from e. It fills in
// the id, the number and the status: 办理中 when AckOn is set (a request
// taken in person is acknowledged as it is recorded), else 待签收.
func (db *DB) CreatePetition(ctx context.Context, p *petitions.Petition, trackingHash, surveyHash string, e auth.AuditEntry) (err error) {
	defer wrap(&err, "登记诉求")
	if err := p.Check(); err != nil {
		return err
	}
	p.Status = petitions.StatusReceived
	if p.AckOn != 0 {
		p.Status = petitions.StatusHandling
	}
	// Two clerks may number a request at once: on PostgreSQL the court's
	// row is locked while numbering (SQLite's write transactions are
	// serial already); should a number still be taken, try again.
	for attempt := 0; ; attempt++ {
		err := db.createPetition(ctx, p, trackingHash, surveyHash, e)
		if err == nil || attempt == 4 || !petitionUniqueViolation(err) {
			return err
		}
	}
}

// petitionUniqueViolation reports whether err is a broken unique constraint.
func petitionUniqueViolation(err error) bool {
	s := err.Error()
	return strings.Contains(s, "UNIQUE") || strings.Contains(s, "23505")
}

func (db *DB) createPetition(ctx context.Context, p *petitions.Petition, trackingHash, surveyHash string, e auth.AuditEntry) error {
	year := p.ReceivedOn.Time().Year()
	return db.authTx(ctx, func(tx *sql.Tx) error {
		if db.pg() {
			if _, err := tx.ExecContext(ctx, "SELECT id FROM courts WHERE id = $1 FOR UPDATE", p.CourtID); err != nil {
				return err
			}
		}
		var seq int
		if err := tx.QueryRowContext(ctx, db.rebind("SELECT COALESCE(MAX(seq), 0) + 1 FROM petitions WHERE court_id = ? AND year = ?"), p.CourtID, year).Scan(&seq); err != nil {
			return err
		}
		p.No = PetitionNo(year, seq)
		err := tx.QueryRowContext(ctx, db.rebind(`INSERT INTO petitions (court_id, year, seq, channel, type, matter, subject, content,
    citizen_name, citizen_phone, citizen_id_no, citizen_address, case_no, received_at, received_on, created_by, owner_id, department_id,
    status, ack_on, answered_on, answer, closed_on, result, finding, escalation, tracking_hash, survey_hash, survey_done)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '', '', '', '', '', 0, ?, ?, ?) RETURNING id`),
			p.CourtID, year, seq, string(p.Channel), string(p.Type), p.Matter, p.Subject, p.Content,
			p.Citizen.Name, p.Citizen.Phone, p.Citizen.IDNo, p.Citizen.Address, p.CaseNo, authTimeText(p.ReceivedAt), petitionDayText(p.ReceivedOn),
			nullID(p.CreatedBy), nullID(p.OwnerID), nullID(p.DeptID), string(p.Status), petitionDayText(p.AckOn), trackingHash, surveyHash, false).Scan(&p.ID)
		if err != nil {
			return err
		}
		for _, s := range p.Staff {
			if _, err := tx.ExecContext(ctx, db.rebind("INSERT INTO petition_staff (petition_id, person_id) VALUES (?, ?)"), p.ID, s.PersonID); err != nil {
				return err
			}
		}
		ev := petitions.Event{At: p.ReceivedAt, ActorID: e.ActorID, Actor: e.Actor, Kind: "登记", To: p.OwnerLabel(),
			Note: "来源：" + string(p.Channel), Public: true, PublicNote: "已登记"}
		if err := db.insertPetitionEvent(ctx, tx, p.ID, ev); err != nil {
			return err
		}
		entry := e
		entry.Action, entry.Object, entry.After = ActionPetitionAdd, "群众诉求 "+p.No, petitionAuditJSON(p)
		return db.appendAudit(ctx, tx, entry)
	})
}

func (db *DB) insertPetitionEvent(ctx context.Context, q querier, id int64, ev petitions.Event) error {
	_, err := q.ExecContext(ctx, db.rebind(`INSERT INTO petition_events (petition_id, at, actor_id, actor, kind, from_owner, to_owner, note, public, public_note)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`), id, authTimeText(ev.At), nullID(ev.ActorID), ev.Actor, ev.Kind, ev.From, ev.To, ev.Note, ev.Public, ev.PublicNote)
	return err
}

// ChangePetition applies change to request id inside a transaction: change
// sees the stored request, edits it and returns the event to record; the
// request, the event and an audit entry made from e are written together,
// or nothing when change fails.
func (db *DB) ChangePetition(ctx context.Context, id int64, change func(p *petitions.Petition) (petitions.Event, error), e auth.AuditEntry) (p petitions.Petition, err error) {
	defer wrap(&err, "变更诉求")
	err = db.authTx(ctx, func(tx *sql.Tx) error {
		if p, err = db.petition(ctx, tx, "p.id = ?", id); err != nil {
			return err
		}
		before := petitionAuditJSON(&p)
		ev, err := change(&p)
		if err != nil {
			return err
		}
		if err := db.writePetition(ctx, tx, &p); err != nil {
			return err
		}
		if err := db.insertPetitionEvent(ctx, tx, p.ID, ev); err != nil {
			return err
		}
		entry := e
		entry.Action, entry.Object, entry.Before, entry.After = ActionPetitionChange, "群众诉求 "+p.No+" "+ev.Kind, before, petitionAuditJSON(&p)
		return db.appendAudit(ctx, tx, entry)
	})
	return p, err
}

func (db *DB) writePetition(ctx context.Context, tx *sql.Tx, p *petitions.Petition) error {
	_, err := tx.ExecContext(ctx, db.rebind(`UPDATE petitions SET owner_id = ?, department_id = ?, status = ?, ack_on = ?, answered_on = ?,
    answer = ?, closed_on = ?, result = ?, finding = ?, escalation = ? WHERE id = ?`),
		nullID(p.OwnerID), nullID(p.DeptID), string(p.Status), petitionDayText(p.AckOn), petitionDayText(p.AnsweredOn), p.Answer,
		petitionDayText(p.ClosedOn), p.Result, string(p.Finding), int(p.Escalation), p.ID)
	return err
}

// petitionColumns are the columns scanPetition reads.
const petitionColumns = `SELECT p.id, p.court_id, p.year, p.seq, p.channel, p.type, p.matter, p.subject, p.content,
    p.citizen_name, p.citizen_phone, p.citizen_id_no, p.citizen_address, p.case_no, p.received_at, p.received_on,
    COALESCE(p.created_by, 0), COALESCE(cu.login, '网上'), COALESCE(p.owner_id, 0), COALESCE(ou.login, ''), COALESCE(op.name, ''),
    COALESCE(p.department_id, 0), COALESCE(d.name, ''), p.status, p.ack_on, p.answered_on, p.answer, p.closed_on, p.result, p.finding, p.escalation
FROM petitions p
LEFT JOIN users cu ON cu.id = p.created_by
LEFT JOIN users ou ON ou.id = p.owner_id
LEFT JOIN people op ON op.id = ou.person_id
LEFT JOIN departments d ON d.id = p.department_id`

func scanPetition(row interface{ Scan(...any) error }) (petitions.Petition, error) {
	var p petitions.Petition
	var year, seq, esc int
	var channel, typ, at, on, status, ack, ans, closed, finding, ownerLogin, ownerName string
	err := row.Scan(&p.ID, &p.CourtID, &year, &seq, &channel, &typ, &p.Matter, &p.Subject, &p.Content,
		&p.Citizen.Name, &p.Citizen.Phone, &p.Citizen.IDNo, &p.Citizen.Address, &p.CaseNo, &at, &on,
		&p.CreatedBy, &p.Creator, &p.OwnerID, &ownerLogin, &ownerName, &p.DeptID, &p.Dept, &status, &ack, &ans, &p.Answer, &closed, &p.Result, &finding, &esc)
	if err != nil {
		return p, err
	}
	p.No, p.Channel, p.Type, p.Status, p.Finding = PetitionNo(year, seq), petitions.Channel(channel), petitions.Type(typ), petitions.Status(status), petitions.Finding(finding)
	p.ReceivedAt, p.ReceivedOn, p.AckOn, p.AnsweredOn, p.ClosedOn = parseAuthTime(at), petitionParseDay(on), petitionParseDay(ack), petitionParseDay(ans), petitionParseDay(closed)
	p.Escalation, p.Owner = petitions.Level(esc), petitionOwnerLabel(ownerLogin, ownerName)
	return p, nil
}

// petitionOwnerLabel is an account as a request's owner reads: 张三（zhangsan）.
func petitionOwnerLabel(login, name string) string {
	if name == "" || login == "" {
		return login
	}
	return name + "（" + login + "）"
}

// petition reads one request with its staff.
func (db *DB) petition(ctx context.Context, q querier, where string, arg any) (petitions.Petition, error) {
	p, err := scanPetition(q.QueryRowContext(ctx, db.rebind(petitionColumns+" WHERE "+where), arg))
	if errors.Is(err, sql.ErrNoRows) {
		return p, court.Errorf(court.NotFound, "诉求不存在")
	}
	if err != nil {
		return p, err
	}
	rows, err := q.QueryContext(ctx, db.rebind(`SELECT s.person_id, pe.name FROM petition_staff s JOIN people pe ON pe.id = s.person_id
WHERE s.petition_id = ? ORDER BY s.person_id`), p.ID)
	if err != nil {
		return p, err
	}
	defer rows.Close()
	for rows.Next() {
		var s petitions.Staff
		if err := rows.Scan(&s.PersonID, &s.Name); err != nil {
			return p, err
		}
		p.Staff = append(p.Staff, s)
	}
	return p, rows.Err()
}

// Petition returns request id; an unknown id is an error of kind NotFound.
// Who may see it is the caller's decision (petitions.AccessOf).
func (db *DB) Petition(ctx context.Context, id int64) (p petitions.Petition, err error) {
	defer wrap(&err, "读取诉求")
	return db.petition(ctx, db.db, "p.id = ?", id)
}

// PetitionByTracking returns the request whose tracking code hashes to
// hash, with its public events; any other hash is the same NotFound error.
func (db *DB) PetitionByTracking(ctx context.Context, hash string) (p petitions.Petition, evs []petitions.Event, err error) {
	defer wrap(&err, "查询诉求")
	if p, err = db.petition(ctx, db.db, "p.tracking_hash = ?", hash); err != nil {
		return p, nil, court.Errorf(court.NotFound, "未找到与该查询码对应的诉求，请核对后重新输入")
	}
	all, err := db.PetitionEvents(ctx, p.ID)
	for _, ev := range all {
		if ev.Public {
			evs = append(evs, ev)
		}
	}
	return p, evs, err
}

// PetitionEvents returns the history of request id, oldest first.
func (db *DB) PetitionEvents(ctx context.Context, id int64) (evs []petitions.Event, err error) {
	defer wrap(&err, "读取诉求记录")
	rows, err := db.db.QueryContext(ctx, db.rebind(`SELECT at, COALESCE(actor_id, 0), actor, kind, from_owner, to_owner, note, public, public_note
FROM petition_events WHERE petition_id = ? ORDER BY id`), id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var ev petitions.Event
		var at string
		if err := rows.Scan(&at, &ev.ActorID, &ev.Actor, &ev.Kind, &ev.From, &ev.To, &ev.Note, &ev.Public, &ev.PublicNote); err != nil {
			return nil, err
		}
		ev.At = parseAuthTime(at)
		evs = append(evs, ev)
	}
	return evs, rows.Err()
}

// PetitionQuery selects requests of a court.
type PetitionQuery struct {
	CourtID  int64
	From, To court.Date // received in [From, To]; 0 for no bound
	Open     bool       // only requests not closed
	// Since, when set, keeps only the requests that may still count on or
	// after that day: received since, or closed since, or open.
	Since  court.Date
	CaseNo string // only requests about this case (canonical 案号); "" for all
	Limit  int    // 0 for no limit
	Staff  bool   // read the staff each request names, too
}

// Petitions returns the requests of a court, newest first, with their
// staff when q.Staff.
func (db *DB) Petitions(ctx context.Context, q PetitionQuery) (ps []petitions.Petition, err error) {
	defer wrap(&err, "读取诉求列表")
	where := []string{"p.court_id = ?"}
	args := []any{q.CourtID}
	if q.From != 0 {
		where, args = append(where, "p.received_on >= ?"), append(args, petitionDayText(q.From))
	}
	if q.To != 0 {
		where, args = append(where, "p.received_on <= ?"), append(args, petitionDayText(q.To))
	}
	if q.CaseNo != "" {
		where, args = append(where, "p.case_no = ?"), append(args, q.CaseNo)
	}
	if q.Since != 0 {
		where, args = append(where, "(p.received_on >= ? OR p.closed_on = '' OR p.closed_on >= ?)"), append(args, petitionDayText(q.Since), petitionDayText(q.Since))
	}
	if q.Open {
		where, args = append(where, "p.status <> ?"), append(args, string(petitions.StatusClosed))
	}
	query := petitionColumns + " WHERE " + strings.Join(where, " AND ") + " ORDER BY p.received_at DESC, p.id DESC"
	if q.Limit > 0 {
		query += fmt.Sprintf(" LIMIT %d", q.Limit)
	}
	rows, err := db.db.QueryContext(ctx, db.rebind(query), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		p, err := scanPetition(rows)
		if err != nil {
			return nil, err
		}
		ps = append(ps, p)
	}
	if err := rows.Err(); err != nil || len(ps) == 0 || !q.Staff {
		return ps, err
	}
	return ps, db.addStaff(ctx, q.CourtID, ps)
}

// addStaff fills in the staff of the requests ps of a court.
func (db *DB) addStaff(ctx context.Context, courtID int64, ps []petitions.Petition) error {
	at := make(map[int64]int, len(ps))
	for i := range ps {
		at[ps[i].ID] = i
	}
	return webEach(ctx, db.db, db.rebind(`SELECT s.petition_id, s.person_id, pe.name FROM petition_staff s
JOIN petitions p ON p.id = s.petition_id JOIN people pe ON pe.id = s.person_id WHERE p.court_id = ? ORDER BY s.petition_id, s.person_id`), []any{courtID},
		func(rows *sql.Rows) error {
			var id int64
			var s petitions.Staff
			if err := rows.Scan(&id, &s.PersonID, &s.Name); err != nil {
				return err
			}
			if i, ok := at[id]; ok {
				ps[i].Staff = append(ps[i].Staff, s)
			}
			return nil
		})
}

// petitionSystemAudit is an audit entry of the server itself.
func petitionSystemAudit(at time.Time) auth.AuditEntry {
	return auth.AuditEntry{At: at, Actor: "系统", IP: "本机"}
}
