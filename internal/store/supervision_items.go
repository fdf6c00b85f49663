package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/zhixiao/zhixiao/internal/auth"
	"github.com/zhixiao/zhixiao/internal/court"
	"github.com/zhixiao/zhixiao/internal/supervision"
)

// itemColumns are the columns scanItem reads.
func (db *DB) itemColumns() string {
	return `i.id, i.court_id, i.department_id, i.judge_id, i.case_id, i.case_no, COALESCE(p.name, ''), COALESCE(d.name, ''), i.source, i.action,
    ` + db.dateCol("i.due_on") + `, i.status, i.opened_by, ` + db.dateCol("i.opened_on") + `, i.explanation, i.explained_by,
    ` + db.dateCol("i.closed_on") + `, i.close_note, ` + db.dateCol("i.escalated_on") + `, i.escalated_to
FROM sv_items i LEFT JOIN people p ON p.id = i.judge_id LEFT JOIN departments d ON d.id = i.department_id`
}

func scanItem(row interface{ Scan(...any) error }) (supervision.Item, error) {
	var it supervision.Item
	var status string
	err := row.Scan(&it.ID, &it.Court, &it.Department, &it.Judge, &it.CaseID, &it.CaseNo, &it.JudgeName, &it.DeptName, &it.Source, &it.Action,
		dateScan{&it.DueOn}, &status, &it.OpenedBy, dateScan{&it.OpenedOn}, &it.Explanation, &it.ExplainedBy,
		dateScan{&it.ClosedOn}, &it.CloseNote, dateScan{&it.EscalatedOn}, &it.EscalatedTo)
	it.Status = supervision.ItemStatus(status)
	return it, err
}

// auditItem is the form of a 督办单 in the audit log.
func auditItem(it supervision.Item) string {
	return jsonText(map[string]any{"案号": it.CaseNo, "来源": it.Source, "督办要求": it.Action, "办理期限": it.DueOn.String(),
		"状态": string(it.Status), "说明": it.Explanation, "办结日期": it.ClosedOn.String(), "办结情况": it.CloseNote, "升级日期": it.EscalatedOn.String(), "提请": it.EscalatedTo})
}

func itemObject(it supervision.Item) string {
	return fmt.Sprintf("督办单 %d（%s）", it.ID, it.CaseNo)
}

// CaseForItem returns the case a 督办单 would supervise, by 案号: its id,
// court, department and 承办人; NotFound when there is no such case,
// Conflict when it is closed.
func (db *DB) CaseForItem(ctx context.Context, no string) (it supervision.Item, err error) {
	defer wrap(&err, "读取案件")
	var closed court.Date
	err = db.db.QueryRowContext(ctx, db.rebind("SELECT id, case_no, court_id, department_id, judge_id, "+db.dateCol("closed_on")+" FROM cases WHERE case_no = ?"), no).
		Scan(&it.CaseID, &it.CaseNo, &it.Court, &it.Department, &it.Judge, dateScan{&closed})
	if errors.Is(err, sql.ErrNoRows) {
		return it, errNotFound("案件", no)
	}
	if err == nil && !closed.IsZero() {
		return it, court.Errorf(court.Conflict, "案件%s已于%s结案，无需督办", no, closed)
	}
	return it, err
}

// OpenItem stores a new 督办单 with its audit entry and notices to the
// people responsible, and returns its id. A case that has an open item
// already is an error of kind Conflict.
func (db *DB) OpenItem(ctx context.Context, it supervision.Item, e auth.AuditEntry) (id int64, err error) {
	defer wrap(&err, "开具督办单")
	err = db.authTx(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, db.rebind("SELECT COUNT(*) FROM sv_items WHERE case_id = ? AND status <> ?"), it.CaseID, string(supervision.ItemClosed)).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return court.Errorf(court.Conflict, "案件%s已有未办结的督办单", it.CaseNo)
		}
		var err error
		if id, err = db.insertItem(ctx, tx, it); err != nil {
			return err
		}
		it.ID = id
		e.Action, e.Object, e.After = ActionSvItemOpen, itemObject(it), auditItem(it)
		if err := db.appendAudit(ctx, tx, e); err != nil {
			return err
		}
		to, err := db.itemPeople(ctx, tx, it)
		if err != nil {
			return err
		}
		return db.notify(ctx, tx, e.At, messages(to, "督办", fmt.Sprintf("%s：案件%s，请于%s前%s", it.Source, it.CaseNo, it.DueOn, it.Action), itemLink(id)))
	})
	return id, err
}

func itemLink(id int64) string { return fmt.Sprintf("/supervision/items/%d", id) }

func (db *DB) insertItem(ctx context.Context, q querier, it supervision.Item) (int64, error) {
	return db.insertID(ctx, q, `INSERT INTO sv_items (court_id, case_id, case_no, department_id, judge_id, source, action, due_on, status,
    opened_by, opened_on, explanation, explained_by, close_note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '', '', '')`,
		it.Court, it.CaseID, it.CaseNo, it.Department, it.Judge, it.Source, it.Action, db.dateArg(it.DueOn), string(supervision.ItemOpen),
		it.OpenedBy, db.dateArg(it.OpenedOn))
}

// insertID runs an INSERT and returns the new row's id.
func (db *DB) insertID(ctx context.Context, q querier, stmt string, args ...any) (int64, error) {
	if db.pg() {
		var id int64
		err := q.QueryRowContext(ctx, db.rebind(stmt+" RETURNING id"), args...).Scan(&id)
		return id, err
	}
	res, err := q.ExecContext(ctx, stmt, args...)
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}

// Item returns a 督办单; NotFound when there is none.
func (db *DB) Item(ctx context.Context, id int64) (it supervision.Item, err error) {
	defer wrap(&err, "读取督办单")
	it, err = scanItem(db.db.QueryRowContext(ctx, db.rebind("SELECT "+db.itemColumns()+" WHERE i.id = ?"), id))
	if errors.Is(err, sql.ErrNoRows) {
		return it, court.Errorf(court.NotFound, "督办单不存在")
	}
	return it, err
}

// ItemFilter selects 督办单 within a scope.
type ItemFilter struct {
	Scope     auth.Scope
	Open      bool // only those not closed
	Escalated bool // only those escalated
	CaseID    int64
	// Court, Department and Judge narrow to a unit (0: any).
	Court, Department, Judge int64
	// ExceptDepartments leaves out the items of these departments.
	ExceptDepartments []int64
	Limit             int
}

// Items lists the 督办单 the filter selects, open first, by due date.
func (db *DB) Items(ctx context.Context, f ItemFilter) (its []supervision.Item, err error) {
	defer wrap(&err, "读取督办单")
	where, args := db.scopeSQL(f.Scope, "i.court_id", "i.department_id", "i.judge_id")
	if f.Open {
		where += " AND i.status <> ?"
		args = append(args, string(supervision.ItemClosed))
	}
	if f.Escalated {
		where += " AND i.escalated_on IS NOT NULL"
	}
	for _, c := range []struct {
		col string
		v   int64
	}{{"i.case_id", f.CaseID}, {"i.court_id", f.Court}, {"i.department_id", f.Department}, {"i.judge_id", f.Judge}} {
		if c.v != 0 {
			where += " AND " + c.col + " = ?"
			args = append(args, c.v)
		}
	}
	if n := len(f.ExceptDepartments); n > 0 {
		where += " AND i.department_id NOT IN (" + strings.TrimSuffix(strings.Repeat("?, ", n), ", ") + ")"
		for _, d := range f.ExceptDepartments {
			args = append(args, d)
		}
	}
	limit := f.Limit
	if limit <= 0 {
		limit = 200
	}
	rows, err := db.db.QueryContext(ctx, db.rebind("SELECT "+db.itemColumns()+" WHERE "+where+
		" ORDER BY CASE WHEN i.status = '已办结' THEN 1 ELSE 0 END, i.due_on, i.id LIMIT ?"), append(args, limit)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		it, err := scanItem(rows)
		if err != nil {
			return nil, err
		}
		its = append(its, it)
	}
	return its, rows.Err()
}

// UpdateItem writes a transition of a 督办单 (after, computed by the
// supervision package from before) with its audit entry (action from e) and
// notices, in one transaction. When the stored status is no longer
// before's, someone acted in between: Conflict.
func (db *DB) UpdateItem(ctx context.Context, before, after supervision.Item, e auth.AuditEntry, notices []supervision.Message) (err error) {
	defer wrap(&err, "保存督办单")
	return db.authTx(ctx, func(tx *sql.Tx) error {
		if err := db.updateItem(ctx, tx, before, after); err != nil {
			return err
		}
		e.Object, e.Before, e.After = itemObject(after), auditItem(before), auditItem(after)
		if err := db.appendAudit(ctx, tx, e); err != nil {
			return err
		}
		return db.notify(ctx, tx, e.At, notices)
	})
}

func (db *DB) updateItem(ctx context.Context, q querier, before, after supervision.Item) error {
	res, err := q.ExecContext(ctx, db.rebind(`UPDATE sv_items SET status = ?, explanation = ?, explained_by = ?, closed_on = ?,
    close_note = ?, escalated_on = ?, escalated_to = ? WHERE id = ? AND status = ?`),
		string(after.Status), after.Explanation, after.ExplainedBy, db.dateArg(after.ClosedOn), after.CloseNote,
		db.dateArg(after.EscalatedOn), after.EscalatedTo, after.ID, string(before.Status))
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return court.Errorf(court.Conflict, "督办单已被他人处理，请刷新页面后重试")
	}
	return nil
}

// ItemNotices are the notices of a transition: for the people responsible,
// or for 审管办 when an explanation waits for review.
func (db *DB) ItemNotices(ctx context.Context, it supervision.Item, title string) (ms []supervision.Message, err error) {
	defer wrap(&err, "查找通知对象")
	var to []int64
	if it.Status == supervision.ItemExplained {
		to, err = db.userIDs(ctx, db.db, "role = ? AND court_id = ?", auth.RoleTrialMgmt.Key(), it.Court)
	} else {
		to, err = db.itemPeople(ctx, db.db, it)
	}
	return messages(to, "督办", title, itemLink(it.ID)), err
}

// itemPeople are the accounts responsible for an item: the 承办人's and
// the 庭长 of the case's department.
func (db *DB) itemPeople(ctx context.Context, q querier, it supervision.Item) ([]int64, error) {
	return db.userIDs(ctx, q, "disabled = ? AND (person_id = ? OR (role = ? AND department_id = ?))", false, it.Judge, auth.RoleChief.Key(), it.Department)
}

// userIDs lists the accounts that match a condition on users.
func (db *DB) userIDs(ctx context.Context, q querier, where string, args ...any) ([]int64, error) {
	rows, err := q.QueryContext(ctx, db.rebind("SELECT id FROM users WHERE "+where+" ORDER BY id"), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

func messages(to []int64, kind, title, link string) []supervision.Message {
	ms := make([]supervision.Message, len(to))
	for i, id := range to {
		ms[i] = supervision.Message{UserID: id, Kind: kind, Title: title, Link: link}
	}
	return ms
}

// SyncResult counts what SyncItems did.
type SyncResult struct{ Opened, Closed, Escalated int }

// SyncItems runs the nightly work on 督办单 as of today, in one transaction:
// it opens an item (due after rules.ItemDueDays) for every red warning whose
// case has no open item and no red-warning item since the warning began;
// closes the open items whose case has closed; and escalates the overdue
// items to the court's 院领导. Each change has its audit entry (actor from
// e); the people concerned get one notice each per kind.
func (db *DB) SyncItems(ctx context.Context, today court.Date, rules supervision.Rules, e auth.AuditEntry) (r SyncResult, err error) {
	defer wrap(&err, "更新督办单")
	err = db.authTx(ctx, func(tx *sql.Tx) error {
		var err error
		if r.Opened, err = db.openRedItems(ctx, tx, today, rules, e); err != nil {
			return err
		}
		if r.Closed, err = db.closeFinishedItems(ctx, tx, e); err != nil {
			return err
		}
		r.Escalated, err = db.escalateItems(ctx, tx, today, e)
		return err
	})
	return r, err
}

func (db *DB) openRedItems(ctx context.Context, tx *sql.Tx, today court.Date, rules supervision.Rules, e auth.AuditEntry) (int, error) {
	rows, err := tx.QueryContext(ctx, db.rebind(`SELECT w.case_id, w.case_no, w.court_id, w.department_id, w.judge_id, w.reasons FROM sv_warnings w
WHERE w.colour = 'red' AND NOT EXISTS (SELECT 1 FROM sv_items i WHERE i.case_id = w.case_id
    AND (i.status <> ? OR (i.source = ? AND i.opened_on >= w.since))) ORDER BY w.case_id`),
		string(supervision.ItemClosed), supervision.SourceRedWarning)
	if err != nil {
		return 0, err
	}
	var its []supervision.Item
	for rows.Next() {
		it := supervision.Item{Source: supervision.SourceRedWarning, Status: supervision.ItemOpen, OpenedBy: e.Actor, OpenedOn: today,
			DueOn: today + court.Date(rules.ItemDueDays)}
		var reasons string
		if err := rows.Scan(&it.CaseID, &it.CaseNo, &it.Court, &it.Department, &it.Judge, &reasons); err != nil {
			rows.Close()
			return 0, err
		}
		it.Action = "红色预警（" + reasons + "）：请加快办理，逾期未结须书面说明"
		its = append(its, it)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, err
	}
	counts := map[int64]int{}
	for _, it := range its {
		id, err := db.insertItem(ctx, tx, it)
		if err != nil {
			return 0, err
		}
		it.ID = id
		a := e
		a.Action, a.Object, a.After = ActionSvItemOpen, itemObject(it), auditItem(it)
		if err := db.appendAudit(ctx, tx, a); err != nil {
			return 0, err
		}
		to, err := db.itemPeople(ctx, tx, it)
		if err != nil {
			return 0, err
		}
		for _, u := range to {
			counts[u]++
		}
	}
	return len(its), db.notifyCounts(ctx, tx, e.At, counts, "督办", "新开具红色预警督办单 %d 件", "/supervision/items")
}

// notifyCounts sends each account one notice with its count.
func (db *DB) notifyCounts(ctx context.Context, tx *sql.Tx, at time.Time, counts map[int64]int, kind, format, link string) error {
	var ms []supervision.Message
	for u, n := range counts {
		ms = append(ms, supervision.Message{UserID: u, Kind: kind, Title: fmt.Sprintf(format, n), Link: link})
	}
	return db.notify(ctx, tx, at, ms)
}

// itemsWhere reads the items of a condition, inside tx.
func (db *DB) itemsWhere(ctx context.Context, tx *sql.Tx, where string, args ...any) ([]supervision.Item, error) {
	rows, err := tx.QueryContext(ctx, db.rebind("SELECT "+db.itemColumns()+" WHERE "+where+" ORDER BY i.id"), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var its []supervision.Item
	for rows.Next() {
		it, err := scanItem(rows)
		if err != nil {
			return nil, err
		}
		its = append(its, it)
	}
	return its, rows.Err()
}

func (db *DB) closeFinishedItems(ctx context.Context, tx *sql.Tx, e auth.AuditEntry) (int, error) {
	its, err := db.itemsWhere(ctx, tx, "i.status <> ? AND EXISTS (SELECT 1 FROM cases c WHERE c.id = i.case_id AND c.closed_on IS NOT NULL)", string(supervision.ItemClosed))
	if err != nil {
		return 0, err
	}
	for _, before := range its {
		var closed court.Date
		if err := tx.QueryRowContext(ctx, db.rebind("SELECT "+db.dateCol("closed_on")+" FROM cases WHERE id = ?"), before.CaseID).Scan(dateScan{&closed}); err != nil {
			return 0, err
		}
		after := before
		after.CaseClosed(closed)
		if err := db.transition(ctx, tx, before, after, e, ActionSvItemClose); err != nil {
			return 0, err
		}
	}
	return len(its), nil
}

func (db *DB) transition(ctx context.Context, tx *sql.Tx, before, after supervision.Item, e auth.AuditEntry, action auth.Action) error {
	if err := db.updateItem(ctx, tx, before, after); err != nil {
		return err
	}
	e.Action, e.Object, e.Before, e.After = action, itemObject(after), auditItem(before), auditItem(after)
	return db.appendAudit(ctx, tx, e)
}

func (db *DB) escalateItems(ctx context.Context, tx *sql.Tx, today court.Date, e auth.AuditEntry) (int, error) {
	its, err := db.itemsWhere(ctx, tx, "i.status <> ? AND i.due_on < ? AND i.escalated_on IS NULL", string(supervision.ItemClosed), db.dateArg(today))
	if err != nil {
		return 0, err
	}
	counts := map[int64]int{}
	targets := escalationTargets{db: db}
	for _, before := range its {
		after := before
		if !after.Escalate(today) {
			continue
		}
		to, names, err := targets.of(ctx, tx, after.Court, after.Department)
		if err != nil {
			return 0, err
		}
		after.EscalatedTo = names
		if err := db.transition(ctx, tx, before, after, e, ActionSvItemEscalate); err != nil {
			return 0, err
		}
		for _, u := range to {
			counts[u]++
		}
	}
	return len(its), db.notifyCounts(ctx, tx, e.At, counts, "超期升级", "督办单超期未办结 %d 件，提请您督办", "/supervision/items?escalated=1&mine=1")
}
