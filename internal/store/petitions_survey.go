package store

import (
	"context"
	"database/sql"
	"errors"
	"sort"
	"strings"

	"github.com/zhixiao/zhixiao/internal/auth"
	"github.com/zhixiao/zhixiao/internal/court"
	"github.com/zhixiao/zhixiao/internal/petitions"
)

// SurveyTarget is what a survey link is about: a request (PetitionID) or,
// for the court's general link, a court and a department.
type SurveyTarget struct {
	CourtID, DeptID, PetitionID int64
	No                          string
	Done                        bool // the request's survey was answered already
	Closed                      bool // the request is closed: only then is it surveyed
}

// SurveyTargetByCode returns the request whose survey code hashes to hash;
// any other hash is the same NotFound error.
func (db *DB) SurveyTargetByCode(ctx context.Context, hash string) (t SurveyTarget, err error) {
	defer wrap(&err, "读取满意度问卷")
	var year, seq int
	var status string
	err = db.db.QueryRowContext(ctx, db.rebind("SELECT id, court_id, COALESCE(department_id, 0), year, seq, survey_done, status FROM petitions WHERE survey_hash = ?"), hash).
		Scan(&t.PetitionID, &t.CourtID, &t.DeptID, &year, &seq, &t.Done, &status)
	t.Closed = status == string(petitions.StatusClosed)
	if errors.Is(err, sql.ErrNoRows) {
		return t, court.Errorf(court.NotFound, "问卷链接无效或已过期")
	}
	t.No = PetitionNo(year, seq)
	return t, err
}

// SubmitSurvey stores one answered survey for t in month (YYYY-MM); a
// request's survey is answered once. Audited as the public's action,
// without the answers.
func (db *DB) SubmitSurvey(ctx context.Context, t SurveyTarget, month string, a petitions.Answers, comment string, e auth.AuditEntry) (err error) {
	defer wrap(&err, "提交满意度问卷")
	if err := a.Check(); err != nil {
		return err
	}
	if err := petitions.Limit("意见建议", comment, 500); err != nil {
		return err
	}
	var digits strings.Builder
	for _, x := range a {
		digits.WriteByte(byte('0' + x))
	}
	if t.PetitionID != 0 && !t.Closed {
		return court.Errorf(court.Conflict, "诉求 %s 办结后才能评价", t.No)
	}
	return db.authTx(ctx, func(tx *sql.Tx) error {
		if t.PetitionID != 0 {
			res, err := tx.ExecContext(ctx, db.rebind("UPDATE petitions SET survey_done = ? WHERE id = ? AND survey_done = ?"), true, t.PetitionID, false)
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n == 0 {
				return court.Errorf(court.Conflict, "该问卷已提交，感谢您的评价")
			}
		}
		if _, err := tx.ExecContext(ctx, db.rebind(`INSERT INTO petition_surveys (court_id, petition_id, department_id, month, answers, comment, submitted_at)
VALUES (?, ?, ?, ?, ?, ?, ?)`), t.CourtID, nullID(t.PetitionID), nullID(t.DeptID), month, digits.String(), strings.TrimSpace(comment), authTimeText(e.At)); err != nil {
			return err
		}
		entry := e
		entry.Action, entry.Object = ActionSurvey, "满意度问卷"
		if t.No != "" {
			entry.Object += " " + t.No
		}
		return db.appendAudit(ctx, tx, entry)
	})
}

// SurveyRow is the result of the surveys of one department in one month.
type SurveyRow struct {
	Month  string
	DeptID int64
	Dept   string
	N      int
	petitions.Scores
}

// SurveyResults returns the court's survey results by month and department
// for the months in [from, to] (YYYY-MM).
func (db *DB) SurveyResults(ctx context.Context, courtID int64, from, to string) (out []SurveyRow, err error) {
	defer wrap(&err, "读取满意度结果")
	type key struct {
		month string
		dept  int64
	}
	groups := map[key][]petitions.Answers{}
	names := map[int64]string{0: "全院"}
	err = webEach(ctx, db.db, db.rebind(`SELECT s.month, COALESCE(s.department_id, 0), COALESCE(d.name, ''), s.answers FROM petition_surveys s
LEFT JOIN departments d ON d.id = s.department_id WHERE s.court_id = ? AND s.month >= ? AND s.month <= ?`), []any{courtID, from, to},
		func(rows *sql.Rows) error {
			var k key
			var name, digits string
			if err := rows.Scan(&k.month, &k.dept, &name, &digits); err != nil {
				return err
			}
			if name != "" {
				names[k.dept] = name
			}
			a := make(petitions.Answers, len(digits))
			for i := range digits {
				a[i] = int(digits[i] - '0')
			}
			groups[k] = append(groups[k], a)
			return nil
		})
	for k, as := range groups {
		out = append(out, SurveyRow{Month: k.month, DeptID: k.dept, Dept: names[k.dept], N: len(as), Scores: petitions.Score(as)})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Month != out[j].Month {
			return out[i].Month > out[j].Month
		}
		return out[i].Dept < out[j].Dept
	})
	return out, err
}
