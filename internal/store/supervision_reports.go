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

// auditMeasure is the form of a measure in the audit log, with extra
// fields (the report's content, its attachments ...) in the same object.
func auditMeasure(m supervision.Measure, extra ...any) string {
	v := map[string]any{"措施": m.Title, "状态": string(m.Status), "进度": m.Progress, "退回理由": m.RejectReason, "销号日期": m.ClosedOn.String()}
	if !m.WithdrawnOn.IsZero() {
		v["撤销日期"], v["撤销理由"] = m.WithdrawnOn.String(), m.WithdrawReason
	}
	for i := 0; i+1 < len(extra); i += 2 {
		v[extra[i].(string)] = extra[i+1]
	}
	return jsonText(v)
}

// MeasureReport writes a report on a measure (progress, closing request,
// approval or rejection) with its attachments, the measure's new state
// (after, computed by the supervision package from before), the audit
// entry and the notices, in one transaction. When the stored status is no
// longer before's, someone acted in between: Conflict.
func (db *DB) MeasureReport(ctx context.Context, before, after supervision.Measure, r supervision.Report, atts []supervision.Attachment,
	e auth.AuditEntry, notices []supervision.Message) (id int64, err error) {
	defer wrap(&err, "保存整改进展")
	err = db.authTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, db.rebind(`UPDATE sv_measures SET status = ?, closed_on = ?, reject_reason = ?, progress = ?, last_report = ?
WHERE id = ? AND status = ?`), string(after.Status), db.dateArg(after.ClosedOn), after.RejectReason, after.Progress, db.dateArg(r.On),
			after.ID, string(before.Status))
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return court.Errorf(court.Conflict, "该措施已被他人处理，请刷新页面后重试")
		}
		id, err = db.insertID(ctx, tx, `INSERT INTO sv_reports (measure_id, kind, body, progress, user_id, login, person_id, day, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			after.ID, string(r.Kind), r.Body, r.Progress, r.UserID, r.Login, nullID(r.PersonID), db.dateArg(r.On), r.At)
		if err != nil {
			return err
		}
		if r.Milestone != 0 {
			res, err := tx.ExecContext(ctx, db.rebind("UPDATE sv_milestones SET done_on = ? WHERE id = ? AND measure_id = ? AND done_on IS NULL"),
				db.dateArg(r.On), r.Milestone, after.ID)
			if err != nil {
				return err
			}
			if n, err := res.RowsAffected(); err != nil || n == 0 {
				return court.Errorf(court.Invalid, "该措施没有这个未完成的节点")
			}
		}
		names := []string{}
		for _, a := range atts {
			if _, err := tx.ExecContext(ctx, db.rebind(`INSERT INTO sv_attachments (report_id, measure_id, name, content_type, size, sha256, data) VALUES (?, ?, ?, ?, ?, ?, ?)`),
				id, after.ID, a.Name, a.ContentType, len(a.Data), a.SHA256, a.Data); err != nil {
				return err
			}
			names = append(names, a.Name+" sha256:"+a.SHA256)
		}
		action := ActionSvReport
		if r.Kind == supervision.ReportApproved || r.Kind == supervision.ReportRejected {
			action = ActionSvCloseout
		}
		e.Action, e.Object = action, fmt.Sprintf("整改措施 %d（%s）%s", after.ID, after.Title, r.Kind)
		e.Before = auditMeasure(before)
		e.After = auditMeasure(after, "内容", r.Body, "附件", names, "完成节点", r.Milestone)
		if err := db.appendAudit(ctx, tx, e); err != nil {
			return err
		}
		return db.notify(ctx, tx, e.At, notices)
	})
	return id, err
}

// MeasureNotices are the notices of a report: a closing request goes to
// the leader; a decision to the department's accounts.
func (db *DB) MeasureNotices(ctx context.Context, m supervision.Measure, kind supervision.ReportKind) (ms []supervision.Message, err error) {
	defer wrap(&err, "查找通知对象")
	link := fmt.Sprintf("/supervision/measures/%d", m.ID)
	switch kind {
	case supervision.ReportRequest:
		return messages([]int64{m.Leader}, "销号", "销号待审批："+m.Title, link), nil
	case supervision.ReportApproved, supervision.ReportRejected:
		to, err := db.userIDs(ctx, db.db, "department_id = ? AND disabled = ?", m.Department, false)
		return messages(to, "销号", string(kind)+"："+m.Title, link), err
	}
	return nil, nil
}

// Reports returns a measure's history, oldest first, with its attachments described.
func (db *DB) Reports(ctx context.Context, measureID int64) (rs []supervision.Report, err error) {
	defer wrap(&err, "读取整改进展")
	rows, err := db.db.QueryContext(ctx, db.rebind(`SELECT id, measure_id, kind, body, progress, user_id, login, COALESCE(person_id, 0), `+db.dateCol("day")+`, at
FROM sv_reports WHERE measure_id = ? ORDER BY id`), measureID)
	if err != nil {
		return nil, err
	}
	idx := map[int64]int{}
	for rows.Next() {
		var r supervision.Report
		var kind string
		if err := rows.Scan(&r.ID, &r.MeasureID, &kind, &r.Body, &r.Progress, &r.UserID, &r.Login, &r.PersonID, dateScan{&r.On}, &r.At); err != nil {
			rows.Close()
			return nil, err
		}
		r.Kind = supervision.ReportKind(kind)
		idx[r.ID] = len(rs)
		rs = append(rs, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	arows, err := db.db.QueryContext(ctx, db.rebind("SELECT id, report_id, name, content_type, size, sha256 FROM sv_attachments WHERE measure_id = ? ORDER BY id"), measureID)
	if err != nil {
		return nil, err
	}
	defer arows.Close()
	for arows.Next() {
		var a supervision.AttachmentInfo
		var rid int64
		if err := arows.Scan(&a.ID, &rid, &a.Name, &a.ContentType, &a.Size, &a.SHA256); err != nil {
			return nil, err
		}
		if i, ok := idx[rid]; ok {
			rs[i].Attachments = append(rs[i].Attachments, a)
		}
	}
	return rs, arows.Err()
}

// Attachment returns a stored attachment, its content and its measure;
// NotFound when none.
func (db *DB) Attachment(ctx context.Context, id int64) (a supervision.AttachmentInfo, data []byte, measureID int64, err error) {
	defer wrap(&err, "读取附件")
	err = db.db.QueryRowContext(ctx, db.rebind("SELECT id, name, content_type, size, sha256, data, measure_id FROM sv_attachments WHERE id = ?"), id).
		Scan(&a.ID, &a.Name, &a.ContentType, &a.Size, &a.SHA256, &data, &measureID)
	if errors.Is(err, sql.ErrNoRows) {
		return a, nil, 0, court.Errorf(court.NotFound, "附件不存在")
	}
	return a, data, measureID, err
}

// WeeklyReports returns the reports on a plan's measures between two days,
// by measure.
func (db *DB) WeeklyReports(ctx context.Context, planID int64, from, to court.Date) (rs map[int64][]supervision.Report, err error) {
	defer wrap(&err, "读取本周进展")
	rows, err := db.db.QueryContext(ctx, db.rebind(`SELECT r.id, r.measure_id, r.kind, r.body, r.progress, r.login, `+db.dateCol("r.day")+`
FROM sv_reports r JOIN sv_measures m ON m.id = r.measure_id WHERE m.plan_id = ? AND r.day BETWEEN ? AND ? ORDER BY r.id`),
		planID, db.dateArg(from), db.dateArg(to))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	rs = map[int64][]supervision.Report{}
	for rows.Next() {
		var r supervision.Report
		var kind string
		if err := rows.Scan(&r.ID, &r.MeasureID, &kind, &r.Body, &r.Progress, &r.Login, dateScan{&r.On}); err != nil {
			return nil, err
		}
		r.Kind = supervision.ReportKind(kind)
		rs[r.MeasureID] = append(rs[r.MeasureID], r)
	}
	return rs, rows.Err()
}
