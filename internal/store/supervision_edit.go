package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/zhixiao/zhixiao/internal/auth"
	"github.com/zhixiao/zhixiao/internal/court"
	"github.com/zhixiao/zhixiao/internal/supervision"
)

// Editing plans, problems and measures, and withdrawing (撤销) problems and
// measures: nothing is deleted; every change has its audit entry (before
// and after) in its transaction, and a measure's change is also an entry
// of its history (sv_reports, kinds 调整 and 撤销).

// The audit actions of edits and withdrawals.
const (
	ActionSvPlanEdit = auth.Action("supervision_plan_edit") // 修改整改方案 / 问题 / 措施
	ActionSvWithdraw = auth.Action("supervision_withdraw")  // 撤销整改问题 / 措施
)

func init() {
	auth.RegisterAction(ActionSvPlanEdit, "修改整改方案 / 问题 / 措施")
	auth.RegisterAction(ActionSvWithdraw, "撤销整改问题 / 措施")
}

// UpdatePlan writes a plan's new title, source and description, audited.
func (db *DB) UpdatePlan(ctx context.Context, before, after supervision.Plan, e auth.AuditEntry) (err error) {
	defer wrap(&err, "修改整改方案")
	if err := supervision.CheckPlanText("方案名称", after.Title); err != nil {
		return err
	}
	if err := supervision.CheckDescription(after.Description); err != nil {
		return err
	}
	show := func(p supervision.Plan) string {
		return jsonText(map[string]string{"方案": p.Title, "来源": p.Source, "说明": p.Description})
	}
	return db.authTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, db.rebind("UPDATE sv_plans SET title = ?, source = ?, description = ? WHERE id = ?"),
			after.Title, after.Source, after.Description, before.ID); err != nil {
			return err
		}
		e.Action, e.Object, e.Before, e.After = ActionSvPlanEdit, fmt.Sprintf("整改方案 %d", before.ID), show(before), show(after)
		return db.appendAudit(ctx, tx, e)
	})
}

// Problem returns a problem (without its measures); NotFound when none.
func (db *DB) Problem(ctx context.Context, id int64) (q supervision.Problem, err error) {
	defer wrap(&err, "读取整改问题")
	err = db.db.QueryRowContext(ctx, db.rebind("SELECT id, plan_id, ord, title, description, "+db.dateCol("withdrawn_on")+", withdraw_reason FROM sv_problems WHERE id = ?"), id).
		Scan(&q.ID, &q.PlanID, &q.Ord, &q.Title, &q.Description, dateScan{&q.WithdrawnOn}, &q.WithdrawReason)
	if errors.Is(err, sql.ErrNoRows) {
		return q, court.Errorf(court.NotFound, "整改问题不存在")
	}
	return q, err
}

func auditProblem(q supervision.Problem) string {
	return jsonText(map[string]string{"问题": q.Title, "说明": q.Description, "撤销日期": q.WithdrawnOn.String(), "撤销理由": q.WithdrawReason})
}

// UpdateProblem writes a problem's new title and description, audited. A
// withdrawn problem is not edited (Conflict).
func (db *DB) UpdateProblem(ctx context.Context, before, after supervision.Problem, e auth.AuditEntry) (err error) {
	defer wrap(&err, "修改整改问题")
	if err := supervision.CheckPlanText("问题", after.Title); err != nil {
		return err
	}
	if err := supervision.CheckDescription(after.Description); err != nil {
		return err
	}
	return db.authTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, db.rebind("UPDATE sv_problems SET title = ?, description = ? WHERE id = ? AND withdrawn_on IS NULL"),
			after.Title, after.Description, before.ID)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return errOr(err, court.Errorf(court.Conflict, "该问题已撤销，不能修改"))
		}
		e.Action, e.Object, e.Before, e.After = ActionSvPlanEdit, fmt.Sprintf("整改方案 %d 问题 %d", before.PlanID, before.Ord), auditProblem(before), auditProblem(after)
		return db.appendAudit(ctx, tx, e)
	})
}

// WithdrawProblem withdraws a problem (after, from before.Withdraw) and
// every open measure under it, each with its audit entry and a 撤销 entry
// in the measure's history (r gives the account and the day). The
// measures' leaders and departments get notices. It returns how many
// measures it withdrew.
func (db *DB) WithdrawProblem(ctx context.Context, before, after supervision.Problem, r supervision.Report, e auth.AuditEntry) (n int, err error) {
	defer wrap(&err, "撤销整改问题")
	err = db.authTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, db.rebind("UPDATE sv_problems SET withdrawn_on = ?, withdraw_reason = ? WHERE id = ? AND withdrawn_on IS NULL"),
			db.dateArg(after.WithdrawnOn), after.WithdrawReason, before.ID)
		if err != nil {
			return err
		}
		if k, err := res.RowsAffected(); err != nil || k == 0 {
			return errOr(err, court.Errorf(court.Conflict, "该问题已撤销"))
		}
		pe := e
		pe.Action, pe.Object, pe.Before, pe.After = ActionSvWithdraw, fmt.Sprintf("整改方案 %d 问题 %d", before.PlanID, before.Ord), auditProblem(before), auditProblem(after)
		if err := db.appendAudit(ctx, tx, pe); err != nil {
			return err
		}
		ms, err := db.measuresIn(ctx, tx, before.ID)
		if err != nil {
			return err
		}
		for _, m := range ms {
			mAfter := m
			if mAfter.Withdraw("所属问题撤销："+after.WithdrawReason, after.WithdrawnOn) != nil {
				continue // closed or already withdrawn: history stays as it is
			}
			rep := r
			rep.Kind, rep.Body, rep.Progress = supervision.ReportWithdrawn, mAfter.WithdrawReason, m.Progress
			if err := db.withdrawMeasure(ctx, tx, m, mAfter, rep, e); err != nil {
				return err
			}
			n++
		}
		return nil
	})
	return n, err
}

// measuresIn reads the id, title, status, leader and department of a
// problem's measures, inside tx.
func (db *DB) measuresIn(ctx context.Context, tx *sql.Tx, problemID int64) ([]supervision.Measure, error) {
	rows, err := tx.QueryContext(ctx, db.rebind("SELECT id, plan_id, problem_id, title, status, leader_id, department_id, progress FROM sv_measures WHERE problem_id = ? ORDER BY ord"), problemID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ms []supervision.Measure
	for rows.Next() {
		var m supervision.Measure
		var status string
		if err := rows.Scan(&m.ID, &m.PlanID, &m.ProblemID, &m.Title, &status, &m.Leader, &m.Department, &m.Progress); err != nil {
			return nil, err
		}
		m.Status = supervision.MeasureStatus(status)
		ms = append(ms, m)
	}
	return ms, rows.Err()
}

// WithdrawMeasure withdraws a measure (after, from before.Withdraw): its
// status, a 撤销 entry in its history (r), the audit entry and notices to
// its leader and department, in one transaction; Conflict when someone
// acted in between.
func (db *DB) WithdrawMeasure(ctx context.Context, before, after supervision.Measure, r supervision.Report, e auth.AuditEntry) (err error) {
	defer wrap(&err, "撤销整改措施")
	return db.authTx(ctx, func(tx *sql.Tx) error { return db.withdrawMeasure(ctx, tx, before, after, r, e) })
}

func (db *DB) withdrawMeasure(ctx context.Context, tx *sql.Tx, before, after supervision.Measure, r supervision.Report, e auth.AuditEntry) error {
	res, err := tx.ExecContext(ctx, db.rebind("UPDATE sv_measures SET status = ?, withdrawn_on = ?, withdraw_reason = ? WHERE id = ? AND status = ?"),
		string(after.Status), db.dateArg(after.WithdrawnOn), after.WithdrawReason, before.ID, string(before.Status))
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return errOr(err, court.Errorf(court.Conflict, "该措施已被他人处理，请刷新页面后重试"))
	}
	if _, err := db.insertReport(ctx, tx, after.ID, r); err != nil {
		return err
	}
	e.Action, e.Object = ActionSvWithdraw, fmt.Sprintf("整改措施 %d（%s）", before.ID, before.Title)
	e.Before = auditMeasure(before)
	e.After = auditMeasure(after)
	if err := db.appendAudit(ctx, tx, e); err != nil {
		return err
	}
	to, err := db.measurePeople(ctx, tx, after)
	if err != nil {
		return err
	}
	return db.notify(ctx, tx, e.At, messages(to, "整改", "整改措施已撤销："+after.Title, fmt.Sprintf("/supervision/measures/%d", after.ID)))
}

// measurePeople are the accounts concerned by a measure: its leader and the
// accounts of its department.
func (db *DB) measurePeople(ctx context.Context, q querier, m supervision.Measure) ([]int64, error) {
	return db.userIDs(ctx, q, "disabled = ? AND (id = ? OR department_id = ?)", false, m.Leader, m.Department)
}

func (db *DB) insertReport(ctx context.Context, q querier, measureID int64, r supervision.Report) (int64, error) {
	return db.insertID(ctx, q, `INSERT INTO sv_reports (measure_id, kind, body, progress, user_id, login, person_id, day, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		measureID, string(r.Kind), r.Body, r.Progress, r.UserID, r.Login, nullID(r.PersonID), db.dateArg(r.On), r.At)
}

// auditMeasureFull is the form of a measure's editable fields in the audit log.
func auditMeasureFull(m supervision.Measure, ms []supervision.Milestone) string {
	var lines []string
	for _, s := range ms {
		line := s.DueOn.String() + " " + s.Title
		if !s.DoneOn.IsZero() {
			line += "（" + s.DoneOn.String() + " 完成）"
		}
		lines = append(lines, line)
	}
	return jsonText(map[string]any{"措施": m.Title, "说明": m.Description, "责任领导": m.LeaderName, "责任领导账号": m.Leader,
		"责任部门": m.DeptName, "责任部门编号": m.Department, "完成时限": m.DueOn.String(), "状态": string(m.Status), "节点": lines})
}

// EditMeasure writes an edit of an open measure (after, checked by
// before.Edit): title, description, leader, department, deadline, and the
// milestones as ms says (dropped ones are marked, not deleted); a 调整
// entry in its history (r, with the summary of the change as its body);
// the audit entry; notices to the leader and department after the edit.
// The leader must be an active account of the plan's court and the
// department one of its departments.
func (db *DB) EditMeasure(ctx context.Context, before, after supervision.Measure, ms supervision.MilestoneEdit, r supervision.Report, e auth.AuditEntry) (err error) {
	defer wrap(&err, "修改整改措施")
	return db.authTx(ctx, func(tx *sql.Tx) error {
		var planCourt int64
		if err := tx.QueryRowContext(ctx, db.rebind("SELECT court_id FROM sv_plans WHERE id = ?"), before.PlanID).Scan(&planCourt); err != nil {
			return err
		}
		if err := db.checkLeaderDept(ctx, tx, planCourt, after.Leader, after.Department); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, db.rebind(`UPDATE sv_measures SET title = ?, description = ?, leader_id = ?, department_id = ?, due_on = ?
WHERE id = ? AND status = ?`), after.Title, after.Description, after.Leader, after.Department, db.dateArg(after.DueOn), before.ID, string(before.Status))
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return errOr(err, court.Errorf(court.Conflict, "该措施已被他人处理，请刷新页面后重试"))
		}
		for _, s := range ms.Keep {
			if _, err := tx.ExecContext(ctx, db.rebind("UPDATE sv_milestones SET due_on = ? WHERE id = ? AND measure_id = ?"), db.dateArg(s.DueOn), s.ID, before.ID); err != nil {
				return err
			}
		}
		for _, s := range ms.Drop {
			if _, err := tx.ExecContext(ctx, db.rebind("UPDATE sv_milestones SET dropped_on = ? WHERE id = ? AND measure_id = ? AND done_on IS NULL"), db.dateArg(r.On), s.ID, before.ID); err != nil {
				return err
			}
		}
		for _, s := range ms.Add {
			if _, err := tx.ExecContext(ctx, db.rebind("INSERT INTO sv_milestones (measure_id, title, due_on) VALUES (?, ?, ?)"), before.ID, s.Title, db.dateArg(s.DueOn)); err != nil {
				return err
			}
		}
		r.Kind, r.Progress = supervision.ReportEdited, before.Progress
		if _, err := db.insertReport(ctx, tx, before.ID, r); err != nil {
			return err
		}
		newMs := append(append([]supervision.Milestone{}, ms.Keep...), ms.Add...)
		e.Action, e.Object = ActionSvPlanEdit, fmt.Sprintf("整改措施 %d（%s）", before.ID, after.Title)
		e.Before, e.After = auditMeasureFull(before, before.Milestones), auditMeasureFull(after, newMs)
		if err := db.appendAudit(ctx, tx, e); err != nil {
			return err
		}
		to, err := db.measurePeople(ctx, tx, after)
		if err != nil {
			return err
		}
		return db.notify(ctx, tx, e.At, messages(to, "整改", "整改措施已调整："+after.Title+"（"+r.Body+"）", fmt.Sprintf("/supervision/measures/%d", after.ID)))
	})
}

// checkLeaderDept checks a measure's leader and department against the
// plan's court.
func (db *DB) checkLeaderDept(ctx context.Context, q querier, planCourt, leader, dept int64) error {
	var n int
	if err := q.QueryRowContext(ctx, db.rebind("SELECT COUNT(*) FROM users WHERE id = ? AND court_id = ? AND disabled = ?"), leader, planCourt, false).Scan(&n); err != nil || n == 0 {
		return errOr(err, court.Errorf(court.Invalid, "责任领导须为本院在用账号"))
	}
	if err := q.QueryRowContext(ctx, db.rebind("SELECT COUNT(*) FROM departments WHERE id = ? AND court_id = ?"), dept, planCourt).Scan(&n); err != nil || n == 0 {
		return errOr(err, court.Errorf(court.Invalid, "责任部门须为本院部门"))
	}
	return nil
}
