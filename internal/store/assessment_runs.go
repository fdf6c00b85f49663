package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/zhixiao/zhixiao/internal/assessment"
	"github.com/zhixiao/zhixiao/internal/auth"
	"github.com/zhixiao/zhixiao/internal/court"
)

// This file keeps the runs of the 绩效考核 (a month of a scheme), their
// scores, the objections and the 约谈 records (migration 0005).

// AssessmentRun is a stored run with its court and scheme code.
type AssessmentRun struct {
	assessment.Run
	Court      int64
	SchemeCode string
	SchemeName string // the name of the scheme version it was computed with
	People     int
	// Ranked is how many have a rank (the rest are 本月无办案, or the
	// scheme does not rank: then 0).
	Ranked int
}

// Object names the run in the audit log and on pages.
func (r AssessmentRun) Object() string {
	return fmt.Sprintf("考核结果 %s %s 第 %d 版", r.SchemeCode, r.Month, r.Version)
}

const runColumns = "r.id, r.scheme_id, r.month, r.version, r.state, r.notice_until, r.computed_at, r.published_at, r.court_id, r.scheme_code, " +
	"(SELECT COUNT(*) FROM assessment_scores s WHERE s.run_id = r.id), " +
	"(SELECT COUNT(*) FROM assessment_scores s WHERE s.run_id = r.id AND s.rank > 0), " +
	"COALESCE((SELECT sc.name FROM assessment_schemes sc WHERE sc.id = r.scheme_id), r.scheme_code)"

func scanRun(row interface{ Scan(...any) error }) (AssessmentRun, error) {
	var r AssessmentRun
	var until, computed, published string
	err := row.Scan(&r.ID, &r.Scheme, &r.Month, &r.Version, &r.State, &until, &computed, &published, &r.Court, &r.SchemeCode, &r.People, &r.Ranked, &r.SchemeName)
	r.NoticeUntil, r.ComputedAt, r.PublishedAt = parseAuthTime(until), parseAuthTime(computed), parseAuthTime(published)
	return r, err
}

// AssessmentRuns returns the runs of a court (0: every court), newest month first.
func (db *DB) AssessmentRuns(ctx context.Context, courtID int64) (out []AssessmentRun, err error) {
	defer wrap(&err, "读取考核批次")
	q := "SELECT " + runColumns + " FROM assessment_runs r"
	var args []any
	if courtID != 0 {
		q += " WHERE r.court_id = ?"
		args = append(args, courtID)
	}
	err = webEach(ctx, db.db, db.rebind(q+" ORDER BY r.month DESC, r.scheme_code, r.version DESC"), args, func(rows *sql.Rows) error {
		r, err := scanRun(rows)
		out = append(out, r)
		return err
	})
	return out, err
}

// LatestAssessmentRuns returns the first n runs of a court in the order of
// AssessmentRuns, for a dashboard's panel: it counts the scores of those
// runs only.
func (db *DB) LatestAssessmentRuns(ctx context.Context, courtID int64, n int) (out []AssessmentRun, err error) {
	defer wrap(&err, "读取考核批次")
	const order = " ORDER BY r.month DESC, r.scheme_code, r.version DESC"
	q := "SELECT " + runColumns + " FROM (SELECT * FROM assessment_runs r WHERE r.court_id = ?" + order + " LIMIT ?) r" + order
	err = webEach(ctx, db.db, db.rebind(q), []any{courtID, n}, func(rows *sql.Rows) error {
		r, err := scanRun(rows)
		out = append(out, r)
		return err
	})
	return out, err
}

// AssessmentRunByID returns one run, or NotFound.
func (db *DB) AssessmentRunByID(ctx context.Context, id int64) (r AssessmentRun, err error) {
	defer wrap(&err, "读取考核批次")
	return db.runByID(ctx, db.db, id)
}

func (db *DB) runByID(ctx context.Context, q querier, id int64) (AssessmentRun, error) {
	r, err := scanRun(q.QueryRowContext(ctx, db.rebind("SELECT "+runColumns+" FROM assessment_runs r WHERE r.id = ?"), id))
	if errors.Is(err, sql.ErrNoRows) {
		return r, court.Errorf(court.NotFound, "考核批次 %d 不存在", id)
	}
	return r, err
}

// runSummary is a table as the audit log records it: every total by person.
func runSummary(state string, t *assessment.Table) string {
	totals := make(map[string]float64, len(t.Scores))
	for _, s := range t.Scores {
		totals[fmt.Sprintf("%s(%d)", s.Person.Name, s.Person.ID)] = s.Total
	}
	b, _ := json.Marshal(struct {
		State  string             `json:"状态"`
		People int                `json:"人数"`
		Totals map[string]float64 `json:"总分"`
	}{state, len(t.Scores), totals})
	return string(b)
}

// SaveAssessmentScores stores a computed table as run r of scheme s: a new
// run when r.ID is 0 (its version the next of its month, or r.Version when
// set), else the run's scores replaced, which only a draft or a run in 公示
// allows. The audit entry holds every total before and after.
func (db *DB) SaveAssessmentScores(ctx context.Context, s *assessment.Scheme, r assessment.Run, t *assessment.Table, e auth.AuditEntry) (out AssessmentRun, err error) {
	defer wrap(&err, "保存考核结果")
	err = db.authTx(ctx, func(tx *sql.Tx) (err error) {
		before := ""
		if r.ID != 0 {
			before, err = db.clearRun(ctx, tx, s, r.ID, e)
		} else {
			r.ID, err = db.insertRun(ctx, tx, s, r, e)
		}
		if err != nil {
			return err
		}
		if err := db.insertScores(ctx, tx, r.ID, t.Scores); err != nil {
			return err
		}
		if out, err = db.runByID(ctx, tx, r.ID); err != nil {
			return err
		}
		entry := e
		entry.Action, entry.Object, entry.Before, entry.After = auth.ActionAssessmentScores, out.Object()+"（计算）", before, runSummary(out.State, t)
		return db.appendAudit(ctx, tx, entry)
	})
	return out, err
}

// clearRun empties a run that may still be recomputed (草稿, 公示, 待发布) and
// returns its totals as the audit log records them.
func (db *DB) clearRun(ctx context.Context, tx *sql.Tx, s *assessment.Scheme, id int64, e auth.AuditEntry) (string, error) {
	old, err := db.runByID(ctx, tx, id)
	if err != nil {
		return "", err
	}
	if err := old.CheckEditable(); err != nil {
		return "", err
	}
	oldT, err := db.table(ctx, tx, id)
	if err != nil {
		return "", err
	}
	if _, err := tx.ExecContext(ctx, db.rebind("DELETE FROM assessment_scores WHERE run_id = ?"), id); err != nil {
		return "", err
	}
	_, err = tx.ExecContext(ctx, db.rebind("UPDATE assessment_runs SET computed_at = ?, scheme_id = ? WHERE id = ?"), authTimeText(e.At), s.ID, id)
	if err == nil && old.State == assessment.StateReady {
		// recomputed after its 公示: back to 草稿, to be noticed again
		_, err = tx.ExecContext(ctx, db.rebind("UPDATE assessment_runs SET state = ?, notice_until = '' WHERE id = ?"), assessment.StateDraft, id)
	}
	return runSummary(old.State, oldT), err
}

// insertRun adds a new run of the month: version the next of its month
// unless given, state 草稿 unless given.
func (db *DB) insertRun(ctx context.Context, tx *sql.Tx, s *assessment.Scheme, r assessment.Run, e auth.AuditEntry) (id int64, err error) {
	if r.Version == 0 {
		var last sql.NullInt64
		if err := tx.QueryRowContext(ctx, db.rebind("SELECT MAX(version) FROM assessment_runs WHERE court_id = ? AND scheme_code = ? AND month = ?"),
			s.Court, s.Code, r.Month).Scan(&last); err != nil {
			return 0, err
		}
		r.Version = int(last.Int64) + 1
	}
	if r.State == "" {
		r.State = assessment.StateDraft
	}
	err = tx.QueryRowContext(ctx, db.rebind(`INSERT INTO assessment_runs
    (court_id, scheme_id, scheme_code, month, version, state, notice_until, computed_at, published_at)
VALUES (?, ?, ?, ?, ?, ?, '', ?, '') RETURNING id`), s.Court, s.ID, s.Code, r.Month, r.Version, r.State, authTimeText(e.At)).Scan(&id)
	return id, err
}

// insertScores writes scores in batches of multi-row inserts.
func (db *DB) insertScores(ctx context.Context, tx *sql.Tx, run int64, scores []assessment.Score) error {
	const batch = 200
	for i := 0; i < len(scores); i += batch {
		part := scores[i:min(i+batch, len(scores))]
		args := make([]any, 0, len(part)*5)
		var q strings.Builder
		q.WriteString("INSERT INTO assessment_scores (run_id, person_id, total, rank, body) VALUES ")
		for k, s := range part {
			if k > 0 {
				q.WriteString(", ")
			}
			q.WriteString("(?, ?, ?, ?, ?)")
			body, err := json.Marshal(s)
			if err != nil {
				return err
			}
			args = append(args, run, s.Person.ID, s.Total, s.Rank, string(body))
		}
		if _, err := tx.ExecContext(ctx, db.rebind(q.String()), args...); err != nil {
			return err
		}
	}
	return nil
}

// SetAssessmentRunState writes the run's new state (预发布, 发布) if the
// stored one is still from, with its audit entry. Publishing a correction
// marks the versions published before it 已更正.
func (db *DB) SetAssessmentRunState(ctx context.Context, r assessment.Run, from string, e auth.AuditEntry) (err error) {
	defer wrap(&err, "更新考核批次")
	return db.authTx(ctx, func(tx *sql.Tx) error {
		old, err := db.runByID(ctx, tx, r.ID)
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, db.rebind("UPDATE assessment_runs SET state = ?, notice_until = ?, published_at = ? WHERE id = ? AND state = ?"),
			r.State, timeText(r.NoticeUntil), timeText(r.PublishedAt), r.ID, from)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return court.Errorf(court.Conflict, "%s的状态已被他人更改，请刷新页面后重试", old.Object())
		}
		if r.State == assessment.StatePublished {
			if _, err := tx.ExecContext(ctx, db.rebind(`UPDATE assessment_runs SET state = ?
WHERE court_id = ? AND scheme_code = ? AND month = ? AND version < ? AND state = ?`),
				assessment.StateSuperseded, old.Court, old.SchemeCode, old.Month, old.Version, assessment.StatePublished); err != nil {
				return err
			}
		}
		entry := e
		entry.Action, entry.Object = auth.ActionAssessmentScores, old.Object()
		entry.Before, entry.After = stateJSON(old.State, old.NoticeUntil), stateJSON(r.State, r.NoticeUntil)
		return db.appendAudit(ctx, tx, entry)
	})
}

func stateJSON(state string, until time.Time) string {
	b, _ := json.Marshal(struct {
		State string `json:"状态"`
		Until string `json:"公示截止,omitempty"`
	}{state, timeText(until)})
	return string(b)
}

// AssessmentTable returns a run's scores, best first.
func (db *DB) AssessmentTable(ctx context.Context, runID int64) (t *assessment.Table, err error) {
	defer wrap(&err, "读取考核结果")
	return db.table(ctx, db.db, runID)
}

func (db *DB) table(ctx context.Context, q querier, runID int64) (*assessment.Table, error) {
	t := &assessment.Table{}
	err := webEach(ctx, q, db.rebind("SELECT body FROM assessment_scores WHERE run_id = ? ORDER BY total DESC, person_id"), []any{runID}, func(rows *sql.Rows) error {
		var body string
		if err := rows.Scan(&body); err != nil {
			return err
		}
		var s assessment.Score
		if err := json.Unmarshal([]byte(body), &s); err != nil {
			return err
		}
		t.Scores = append(t.Scores, s)
		return nil
	})
	return t, err
}

// AssessmentScore returns one person's score in a run, or NotFound.
func (db *DB) AssessmentScore(ctx context.Context, runID, personID int64) (s assessment.Score, err error) {
	defer wrap(&err, "读取考核得分")
	var body string
	err = db.db.QueryRowContext(ctx, db.rebind("SELECT body FROM assessment_scores WHERE run_id = ? AND person_id = ?"), runID, personID).Scan(&body)
	if errors.Is(err, sql.ErrNoRows) {
		return s, court.Errorf(court.NotFound, "该人员在此考核批次中没有得分")
	}
	if err != nil {
		return s, err
	}
	err = json.Unmarshal([]byte(body), &s)
	return s, err
}

// AssessmentMonthTables returns, for each month asked for, the current
// table of a scheme code: the published version when there is one (a
// correction in progress does not count until published), else the newest;
// nil for a month without one.
func (db *DB) AssessmentMonthTables(ctx context.Context, courtID int64, code string, months []string) (out []*assessment.Table, err error) {
	defer wrap(&err, "读取各月考核结果")
	for _, m := range months {
		var id int64
		err := db.db.QueryRowContext(ctx, db.rebind(`SELECT id FROM assessment_runs WHERE court_id = ? AND scheme_code = ? AND month = ? AND state <> ?
ORDER BY CASE WHEN state = ? THEN 0 ELSE 1 END, version DESC LIMIT 1`), courtID, code, m, assessment.StateSuperseded, assessment.StatePublished).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			out = append(out, nil)
			continue
		}
		if err != nil {
			return nil, err
		}
		t, err := db.table(ctx, db.db, id)
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, nil
}

// AddAssessmentObjection files an objection to a run, which must be in its
// 公示 window at e.At, with its audit entry.
func (db *DB) AddAssessmentObjection(ctx context.Context, o assessment.Objection, e auth.AuditEntry) (id int64, err error) {
	defer wrap(&err, "提出考核异议")
	if err := assessment.CheckReason(o.Reason); err != nil {
		return 0, err
	}
	err = db.authTx(ctx, func(tx *sql.Tx) error {
		r, err := db.runByID(ctx, tx, o.Run)
		if err != nil {
			return err
		}
		if err := r.CheckObjection(e.At); err != nil {
			return err
		}
		if err := tx.QueryRowContext(ctx, db.rebind(`INSERT INTO assessment_objections
    (run_id, person_id, reason, filed_by, filed_at, state, answer, reviewer, answered_at) VALUES (?, ?, ?, ?, ?, ?, '', '', '') RETURNING id`),
			o.Run, o.Person, o.Reason, e.Actor, authTimeText(e.At), assessment.ObjectionOpen).Scan(&id); err != nil {
			return err
		}
		entry := e
		entry.Action, entry.Object, entry.After = auth.ActionAssessmentObjection, fmt.Sprintf("考核异议 %d（%s，人员 %d）", id, r.Object(), o.Person), objectionJSON(o.Reason, assessment.ObjectionOpen, "")
		return db.appendAudit(ctx, tx, entry)
	})
	return id, err
}

func objectionJSON(reason, state, answer string) string {
	b, _ := json.Marshal(struct {
		Reason string `json:"理由"`
		State  string `json:"状态"`
		Answer string `json:"答复,omitempty"`
	}{reason, state, answer})
	return string(b)
}

// AssessmentObjections returns the objections of a run (0: of every run of
// the court courtID), oldest first.
func (db *DB) AssessmentObjections(ctx context.Context, runID int64) (out []assessment.Objection, err error) {
	defer wrap(&err, "读取考核异议")
	err = webEach(ctx, db.db, db.rebind(`SELECT id, run_id, person_id, reason, filed_at, state, answer, reviewer, answered_at
FROM assessment_objections WHERE run_id = ? ORDER BY id`), []any{runID}, func(rows *sql.Rows) error {
		var o assessment.Objection
		var filed, answered string
		err := rows.Scan(&o.ID, &o.Run, &o.Person, &o.Reason, &filed, &o.State, &o.Answer, &o.Reviewer, &answered)
		o.FiledAt, o.AnsweredAt = parseAuthTime(filed), parseAuthTime(answered)
		out = append(out, o)
		return err
	})
	return out, err
}

// ReviewAssessmentObjection stores the decision on an objection (o as
// returned by Objection.Review) if it is still open, with its audit entry.
func (db *DB) ReviewAssessmentObjection(ctx context.Context, o assessment.Objection, e auth.AuditEntry) (err error) {
	defer wrap(&err, "处理考核异议")
	return db.authTx(ctx, func(tx *sql.Tx) error {
		var reason string
		if err := tx.QueryRowContext(ctx, db.rebind("SELECT reason FROM assessment_objections WHERE id = ?"), o.ID).Scan(&reason); err != nil {
			if errors.Is(err, sql.ErrNoRows) {
				return court.Errorf(court.NotFound, "考核异议 %d 不存在", o.ID)
			}
			return err
		}
		res, err := tx.ExecContext(ctx, db.rebind("UPDATE assessment_objections SET state = ?, answer = ?, reviewer = ?, answered_at = ? WHERE id = ? AND state = ?"),
			o.State, o.Answer, o.Reviewer, authTimeText(o.AnsweredAt), o.ID, assessment.ObjectionOpen)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return court.Errorf(court.Conflict, "该异议已处理")
		}
		entry := e
		entry.Action, entry.Object = auth.ActionAssessmentObjection, fmt.Sprintf("考核异议 %d", o.ID)
		entry.Before, entry.After = objectionJSON(reason, assessment.ObjectionOpen, ""), objectionJSON(reason, o.State, o.Answer)
		return db.appendAudit(ctx, tx, entry)
	})
}

// AddAssessmentInterview records a 约谈, with its audit entry.
func (db *DB) AddAssessmentInterview(ctx context.Context, courtID int64, iv assessment.Interview, e auth.AuditEntry) (id int64, err error) {
	defer wrap(&err, "记录约谈")
	if err := iv.Check(); err != nil {
		return 0, err
	}
	err = db.authTx(ctx, func(tx *sql.Tx) error {
		if err := tx.QueryRowContext(ctx, db.rebind(`INSERT INTO assessment_interviews
    (court_id, person_id, month, leader, held_on, content, follow_up, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`),
			courtID, iv.Person, iv.Month, iv.Leader, db.dateArg(iv.HeldOn), iv.Content, iv.FollowUp, e.Actor, authTimeText(e.At)).Scan(&id); err != nil {
			return err
		}
		b, _ := json.Marshal(struct {
			Person   int64  `json:"人员"`
			Month    string `json:"预警月份"`
			Leader   string `json:"约谈人"`
			HeldOn   string `json:"约谈日期"`
			Content  string `json:"谈话内容"`
			FollowUp string `json:"跟进措施"`
		}{iv.Person, iv.Month, iv.Leader, iv.HeldOn.String(), iv.Content, iv.FollowUp})
		entry := e
		entry.Action, entry.Object, entry.After = auth.ActionAssessmentInterview, fmt.Sprintf("约谈记录 %d", id), string(b)
		return db.appendAudit(ctx, tx, entry)
	})
	return id, err
}

// AssessmentInterviews returns the 约谈 records of a court (person 0: of
// everyone), newest first.
func (db *DB) AssessmentInterviews(ctx context.Context, courtID, personID int64) (out []assessment.Interview, err error) {
	defer wrap(&err, "读取约谈记录")
	q := "SELECT id, person_id, month, leader, " + db.dateCol("held_on") + ", content, follow_up, recorded_by FROM assessment_interviews WHERE court_id = ?"
	args := []any{courtID}
	if personID != 0 {
		q += " AND person_id = ?"
		args = append(args, personID)
	}
	err = webEach(ctx, db.db, db.rebind(q+" ORDER BY held_on DESC, id DESC"), args, func(rows *sql.Rows) error {
		var iv assessment.Interview
		var day any
		if err := rows.Scan(&iv.ID, &iv.Person, &iv.Month, &iv.Leader, &day, &iv.Content, &iv.FollowUp, &iv.By); err != nil {
			return err
		}
		var err error
		iv.HeldOn, err = dateOf(day)
		out = append(out, iv)
		return err
	})
	return out, err
}
