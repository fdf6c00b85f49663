package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/zhixiao/zhixiao/internal/assessment"
	"github.com/zhixiao/zhixiao/internal/auth"
	"github.com/zhixiao/zhixiao/internal/court"
)

// This file keeps the 绩效考核 schemes and hand entries (migration 0005).
// Every change is written with its audit entry in one transaction.

const schemeColumns = "id, court_id, version, draft, body"

func scanScheme(rows interface{ Scan(...any) error }) (*assessment.Scheme, error) {
	var id, courtID int64
	var version int
	var draft bool
	var body string
	if err := rows.Scan(&id, &courtID, &version, &draft, &body); err != nil {
		return nil, err
	}
	var s assessment.Scheme
	if err := json.Unmarshal([]byte(body), &s); err != nil {
		return nil, fmt.Errorf("考核方案 %d 的 JSON 已损坏：%w", id, err)
	}
	s.ID, s.Court, s.Version, s.Draft = id, courtID, version, draft
	return &s, nil
}

// AssessmentSchemes returns every scheme version of a court (0: every
// court), by code then newest version first.
func (db *DB) AssessmentSchemes(ctx context.Context, courtID int64) (out []*assessment.Scheme, err error) {
	defer wrap(&err, "读取考核方案")
	q := "SELECT " + schemeColumns + " FROM assessment_schemes"
	var args []any
	if courtID != 0 {
		q += " WHERE court_id = ?"
		args = append(args, courtID)
	}
	err = webEach(ctx, db.db, db.rebind(q+" ORDER BY court_id, code, version DESC"), args, func(rows *sql.Rows) error {
		s, err := scanScheme(rows)
		out = append(out, s)
		return err
	})
	return out, err
}

// AssessmentScheme returns one scheme version by id, or NotFound.
func (db *DB) AssessmentScheme(ctx context.Context, id int64) (s *assessment.Scheme, err error) {
	defer wrap(&err, "读取考核方案")
	s, err = scanScheme(db.db.QueryRowContext(ctx, db.rebind("SELECT "+schemeColumns+" FROM assessment_schemes WHERE id = ?"), id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, court.Errorf(court.NotFound, "考核方案 %d 不存在", id)
	}
	return s, err
}

// SaveAssessmentScheme validates s and adds it as the next version of its
// code in its court (version 1 for a new code), with an audit entry whose
// before is the previous version. It returns s with its id and version.
func (db *DB) SaveAssessmentScheme(ctx context.Context, s *assessment.Scheme, e auth.AuditEntry) (_ *assessment.Scheme, err error) {
	defer wrap(&err, "保存考核方案")
	if err := s.Validate(); err != nil {
		return nil, err
	}
	if s.Court == 0 {
		return nil, court.Errorf(court.Invalid, "考核方案须属于一个法院")
	}
	out := *s
	err = db.authTx(ctx, func(tx *sql.Tx) error {
		var before sql.NullString
		var last sql.NullInt64
		err := tx.QueryRowContext(ctx, db.rebind(`SELECT version, body FROM assessment_schemes WHERE court_id = ? AND code = ?
ORDER BY version DESC LIMIT 1`), s.Court, s.Code).Scan(&last, &before)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		out.Version = int(last.Int64) + 1
		body := s.JSON()
		if err := tx.QueryRowContext(ctx, db.rebind(`INSERT INTO assessment_schemes
    (court_id, code, version, category, name, effective_from, effective_to, draft, body, created_by, created_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`),
			s.Court, s.Code, out.Version, s.Category, s.Name, s.From, s.To, s.Draft, body, e.Actor, authTimeText(e.At)).Scan(&out.ID); err != nil {
			return err
		}
		entry := e
		entry.Action = auth.ActionAssessmentScheme
		entry.Object = fmt.Sprintf("考核方案 %s（%s）第 %d 版", s.Name, s.Code, out.Version)
		entry.Before, entry.After = before.String, body
		return db.appendAudit(ctx, tx, entry)
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// AssessmentPeople returns the active people of a court (0: every court)
// with a 人员类别, as the assessment sees them: their scheme category and
// their judge unit in the indicator engine.
func (db *DB) AssessmentPeople(ctx context.Context, courtID int64) (out []assessment.Person, err error) {
	defer wrap(&err, "读取考核人员")
	q := `SELECT p.id, p.name, COALESCE(p.staff_no, ''), p.court_id, COALESCE(p.department_id, 0), c.name, COALESCE(d.name, ''),
    p.category, COALESCE(p.title, '')
FROM people p JOIN courts c ON c.id = p.court_id LEFT JOIN departments d ON d.id = p.department_id
WHERE p.active = ? AND p.category IS NOT NULL`
	args := []any{true}
	if courtID != 0 {
		q += " AND p.court_id = ?"
		args = append(args, courtID)
	}
	err = webEach(ctx, db.db, db.rebind(q+" ORDER BY p.id"), args, func(rows *sql.Rows) error {
		var p assessment.Person
		var courtName, cat, title string
		if err := rows.Scan(&p.ID, &p.Name, &p.StaffNo, &p.Court, &p.Department, &courtName, &p.DeptName, &cat, &title); err != nil {
			return err
		}
		p.Title = title
		p.Category = assessment.CategoryOf(court.Category(cat), title)
		if p.DeptName != "" {
			p.Unit = assessment.JudgeUnit(courtName, p.DeptName, p.Name)
			p.DeptUnit = courtName + "/" + p.DeptName
		}
		out = append(out, p)
		return nil
	})
	return out, err
}

// auditEntryJSON is an entry as the audit log records it.
func auditEntryJSON(en assessment.Entry) string {
	b, _ := json.Marshal(struct {
		Person   int64   `json:"人员"`
		Item     string  `json:"项目"`
		Event    string  `json:"事项,omitempty"`
		Value    float64 `json:"评分,omitempty"`
		Day      string  `json:"日期"`
		Evidence string  `json:"依据,omitempty"`
	}{en.Person, en.Item, en.Event, en.Value, en.Day.String(), en.Evidence})
	return string(b)
}

// AddAssessmentEntry records an event or a rating of a person of the court,
// with its audit entry, and returns its id.
func (db *DB) AddAssessmentEntry(ctx context.Context, courtID int64, en assessment.Entry, e auth.AuditEntry) (id int64, err error) {
	defer wrap(&err, "记录考核事项")
	if en.Day.IsZero() {
		return 0, court.Errorf(court.Invalid, "须填写发生日期")
	}
	err = db.authTx(ctx, func(tx *sql.Tx) error {
		if err := tx.QueryRowContext(ctx, db.rebind(`INSERT INTO assessment_entries
    (court_id, person_id, item, event, value, day, evidence, entered_by, entered_at, deleted)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`),
			courtID, en.Person, en.Item, en.Event, en.Value, db.dateArg(en.Day), en.Evidence, e.Actor, authTimeText(e.At), false).Scan(&id); err != nil {
			return err
		}
		entry := e
		entry.Action, entry.Object, entry.After = auth.ActionAssessmentEntry, fmt.Sprintf("考核事项 %d", id), auditEntryJSON(en)
		return db.appendAudit(ctx, tx, entry)
	})
	return id, err
}

// DeleteAssessmentEntry marks an entry deleted (it stays for the record),
// with its audit entry.
func (db *DB) DeleteAssessmentEntry(ctx context.Context, id int64, e auth.AuditEntry) (err error) {
	defer wrap(&err, "删除考核事项")
	return db.authTx(ctx, func(tx *sql.Tx) error {
		ens, err := db.assessmentEntries(ctx, tx, "id = ? AND deleted = ?", id, false)
		if err != nil {
			return err
		}
		if len(ens) == 0 {
			return court.Errorf(court.NotFound, "考核事项 %d 不存在", id)
		}
		if _, err := tx.ExecContext(ctx, db.rebind("UPDATE assessment_entries SET deleted = ? WHERE id = ?"), true, id); err != nil {
			return err
		}
		entry := e
		entry.Action, entry.Object, entry.Before = auth.ActionAssessmentEntry, fmt.Sprintf("考核事项 %d（删除）", id), auditEntryJSON(ens[0])
		return db.appendAudit(ctx, tx, entry)
	})
}

// AssessmentEntries returns the entries of a court's people in a period.
func (db *DB) AssessmentEntries(ctx context.Context, courtID int64, p court.Period) (_ []assessment.Entry, err error) {
	defer wrap(&err, "读取考核事项")
	return db.assessmentEntries(ctx, db.db, "court_id = ? AND day >= ? AND day <= ? AND deleted = ?", courtID, db.dateArg(p.From), db.dateArg(p.To), false)
}

// AssessmentEntry returns one entry, or NotFound; court is its court.
func (db *DB) AssessmentEntry(ctx context.Context, id int64) (en assessment.Entry, courtID int64, err error) {
	defer wrap(&err, "读取考核事项")
	ens, err := db.assessmentEntries(ctx, db.db, "id = ? AND deleted = ?", id, false)
	if err != nil {
		return en, 0, err
	}
	if len(ens) == 0 {
		return en, 0, court.Errorf(court.NotFound, "考核事项 %d 不存在", id)
	}
	err = db.db.QueryRowContext(ctx, db.rebind("SELECT court_id FROM assessment_entries WHERE id = ?"), id).Scan(&courtID)
	return ens[0], courtID, err
}

func (db *DB) assessmentEntries(ctx context.Context, q querier, where string, args ...any) (out []assessment.Entry, err error) {
	err = webEach(ctx, q, db.rebind("SELECT id, person_id, item, event, value, "+db.dateCol("day")+", evidence, entered_by FROM assessment_entries WHERE "+where+" ORDER BY day, id"), args,
		func(rows *sql.Rows) error {
			var en assessment.Entry
			var day any
			if err := rows.Scan(&en.ID, &en.Person, &en.Item, &en.Event, &en.Value, &day, &en.Evidence, &en.By); err != nil {
				return err
			}
			var err error
			en.Day, err = dateOf(day)
			out = append(out, en)
			return err
		})
	return out, err
}

// timeText is t as stored, "" for the zero time.
func timeText(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return authTimeText(t)
}
