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

// CreatePlan stores a new rectification plan with its audit entry.
func (db *DB) CreatePlan(ctx context.Context, p supervision.Plan, e auth.AuditEntry) (id int64, err error) {
	defer wrap(&err, "新建整改方案")
	if err := supervision.CheckPlanText("方案名称", p.Title); err != nil {
		return 0, err
	}
	if err := supervision.CheckDescription(p.Description); err != nil {
		return 0, err
	}
	err = db.authTx(ctx, func(tx *sql.Tx) error {
		var err error
		id, err = db.insertID(ctx, tx, "INSERT INTO sv_plans (court_id, title, source, created_by, created_on, description) VALUES (?, ?, ?, ?, ?, ?)",
			p.Court, p.Title, p.Source, p.CreatedBy, db.dateArg(p.CreatedOn), p.Description)
		if err != nil {
			return err
		}
		e.Action, e.Object, e.After = ActionSvPlan, fmt.Sprintf("整改方案 %d", id), jsonText(map[string]string{"方案": p.Title, "来源": p.Source})
		return db.appendAudit(ctx, tx, e)
	})
	return id, err
}

// AddProblem adds a problem to a plan, audited, and returns its id.
func (db *DB) AddProblem(ctx context.Context, planID int64, title string, e auth.AuditEntry) (id int64, err error) {
	defer wrap(&err, "新增问题")
	if err := supervision.CheckPlanText("问题", title); err != nil {
		return 0, err
	}
	err = db.authTx(ctx, func(tx *sql.Tx) error {
		var ord int
		if err := tx.QueryRowContext(ctx, db.rebind("SELECT COALESCE(MAX(ord), 0) + 1 FROM sv_problems WHERE plan_id = ?"), planID).Scan(&ord); err != nil {
			return err
		}
		var err error
		if id, err = db.insertID(ctx, tx, "INSERT INTO sv_problems (plan_id, ord, title) VALUES (?, ?, ?)", planID, ord, title); err != nil {
			return err
		}
		e.Action, e.Object, e.After = ActionSvPlan, fmt.Sprintf("整改方案 %d 问题 %d", planID, ord), jsonText(map[string]string{"问题": title})
		return db.appendAudit(ctx, tx, e)
	})
	return id, err
}

// AddMeasure adds a measure (and its milestones) to a problem, audited, and
// returns its id. The leader must be an account of the plan's court and the
// department a department of it.
func (db *DB) AddMeasure(ctx context.Context, m supervision.Measure, e auth.AuditEntry) (id int64, err error) {
	defer wrap(&err, "新增整改措施")
	err = db.authTx(ctx, func(tx *sql.Tx) error {
		var planCourt int64
		var withdrawn court.Date
		if err := tx.QueryRowContext(ctx, db.rebind("SELECT p.court_id, "+db.dateCol("q.withdrawn_on")+" FROM sv_problems q JOIN sv_plans p ON p.id = q.plan_id WHERE q.id = ? AND p.id = ?"),
			m.ProblemID, m.PlanID).Scan(&planCourt, dateScan{&withdrawn}); errors.Is(err, sql.ErrNoRows) {
			return court.Errorf(court.NotFound, "整改方案中没有该问题")
		} else if err != nil {
			return err
		}
		if !withdrawn.IsZero() {
			return court.Errorf(court.Conflict, "该问题已于%s撤销，不能再新增措施", withdrawn)
		}
		if err := db.checkLeaderDept(ctx, tx, planCourt, m.Leader, m.Department); err != nil {
			return err
		}
		if err := tx.QueryRowContext(ctx, db.rebind("SELECT COUNT(*) + 1 FROM sv_measures WHERE problem_id = ?"), m.ProblemID).Scan(&m.Ord); err != nil {
			return err
		}
		var err error
		id, err = db.insertID(ctx, tx, `INSERT INTO sv_measures (plan_id, problem_id, ord, title, leader_id, department_id, due_on, status, reject_reason, progress, description)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, '', 0, ?)`, m.PlanID, m.ProblemID, m.Ord, m.Title, m.Leader, m.Department, db.dateArg(m.DueOn), string(supervision.MeasureActive), m.Description)
		if err != nil {
			return err
		}
		for _, ms := range m.Milestones {
			if _, err := tx.ExecContext(ctx, db.rebind("INSERT INTO sv_milestones (measure_id, title, due_on, done_on) VALUES (?, ?, ?, ?)"),
				id, ms.Title, db.dateArg(ms.DueOn), db.dateArg(ms.DoneOn)); err != nil {
				return err
			}
		}
		e.Action, e.Object = ActionSvPlan, fmt.Sprintf("整改措施 %d", id)
		e.After = jsonText(map[string]any{"措施": m.Title, "责任领导": m.Leader, "责任部门": m.Department, "完成时限": m.DueOn.String(), "节点": len(m.Milestones)})
		return db.appendAudit(ctx, tx, e)
	})
	return id, err
}

func errOr(err, otherwise error) error {
	if err != nil {
		return err
	}
	return otherwise
}

// PlanRow is a plan in a list, with its measures counted.
type PlanRow struct {
	supervision.Plan
	CourtName string
	Tally     supervision.Tally
}

// Plans lists the plans of the courts a scope sees whole, and the plans in
// which the account leads a measure or its department is responsible for
// one.
func (db *DB) Plans(ctx context.Context, s auth.Scope, userID, deptID int64) (ps []supervision.Plan, err error) {
	defer wrap(&err, "读取整改方案")
	where, args := db.scopeSQL(s, "p.court_id", "-1", "-1")
	if s.Department() != 0 || s.Person() != 0 {
		where = "1 = 0"
		args = nil
	}
	where = "(" + where + ") OR EXISTS (SELECT 1 FROM sv_measures m WHERE m.plan_id = p.id AND (m.leader_id = ? OR m.department_id = ?))"
	rows, err := db.db.QueryContext(ctx, db.rebind(`SELECT p.id, p.court_id, p.title, p.source, p.created_by, `+db.dateCol("p.created_on")+`, p.description
FROM sv_plans p WHERE `+where+` ORDER BY p.id DESC`), append(args, userID, deptID)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var p supervision.Plan
		if err := rows.Scan(&p.ID, &p.Court, &p.Title, &p.Source, &p.CreatedBy, dateScan{&p.CreatedOn}, &p.Description); err != nil {
			return nil, err
		}
		ps = append(ps, p)
	}
	return ps, rows.Err()
}

// PlanHead returns a plan without its problems; NotFound when none.
func (db *DB) PlanHead(ctx context.Context, id int64) (p supervision.Plan, err error) {
	defer wrap(&err, "读取整改方案")
	err = db.db.QueryRowContext(ctx, db.rebind("SELECT id, court_id, title, source, created_by, "+db.dateCol("created_on")+", description FROM sv_plans WHERE id = ?"), id).
		Scan(&p.ID, &p.Court, &p.Title, &p.Source, &p.CreatedBy, dateScan{&p.CreatedOn}, &p.Description)
	if errors.Is(err, sql.ErrNoRows) {
		return p, court.Errorf(court.NotFound, "整改方案不存在")
	}
	return p, err
}

// Plan returns a plan with its problems, measures and milestones, in order.
func (db *DB) Plan(ctx context.Context, id int64) (p supervision.Plan, err error) {
	if p, err = db.PlanHead(ctx, id); err != nil {
		return p, err
	}
	defer wrap(&err, "读取整改方案")
	if p.Problems, err = db.problems(ctx, id); err != nil {
		return p, err
	}
	ms, err := db.measuresWhere(ctx, "m.plan_id = ?", id)
	if err != nil {
		return p, err
	}
	at := map[int64]int{}
	for i := range p.Problems {
		at[p.Problems[i].ID] = i
	}
	for _, m := range ms {
		i := at[m.ProblemID]
		p.Problems[i].Measures = append(p.Problems[i].Measures, m)
	}
	return p, nil
}

func (db *DB) problems(ctx context.Context, planID int64) ([]supervision.Problem, error) {
	rows, err := db.db.QueryContext(ctx, db.rebind("SELECT id, plan_id, ord, title, description, "+db.dateCol("withdrawn_on")+", withdraw_reason FROM sv_problems WHERE plan_id = ? ORDER BY ord"), planID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ps []supervision.Problem
	for rows.Next() {
		var q supervision.Problem
		if err := rows.Scan(&q.ID, &q.PlanID, &q.Ord, &q.Title, &q.Description, dateScan{&q.WithdrawnOn}, &q.WithdrawReason); err != nil {
			return nil, err
		}
		ps = append(ps, q)
	}
	return ps, rows.Err()
}

// measuresWhere reads measures with their leaders' and departments' names
// and their milestones.
func (db *DB) measuresWhere(ctx context.Context, where string, args ...any) ([]supervision.Measure, error) {
	rows, err := db.db.QueryContext(ctx, db.rebind(`SELECT m.id, m.plan_id, m.problem_id, m.ord, m.title, m.leader_id,
    COALESCE(NULLIF(p.name, ''), u.login), m.department_id, d.name, `+db.dateCol("m.due_on")+`, m.status, `+db.dateCol("m.closed_on")+`,
    m.reject_reason, m.progress, `+db.dateCol("m.last_report")+`, m.description, `+db.dateCol("m.withdrawn_on")+`, m.withdraw_reason
FROM sv_measures m JOIN users u ON u.id = m.leader_id LEFT JOIN people p ON p.id = u.person_id JOIN departments d ON d.id = m.department_id
JOIN sv_problems q ON q.id = m.problem_id
WHERE `+where+` ORDER BY q.ord, m.ord`), args...)
	if err != nil {
		return nil, err
	}
	var ms []supervision.Measure
	idx := map[int64]int{}
	for rows.Next() {
		var m supervision.Measure
		var status string
		if err := rows.Scan(&m.ID, &m.PlanID, &m.ProblemID, &m.Ord, &m.Title, &m.Leader, &m.LeaderName, &m.Department, &m.DeptName,
			dateScan{&m.DueOn}, &status, dateScan{&m.ClosedOn}, &m.RejectReason, &m.Progress, dateScan{&m.LastReport},
			&m.Description, dateScan{&m.WithdrawnOn}, &m.WithdrawReason); err != nil {
			rows.Close()
			return nil, err
		}
		m.Status = supervision.MeasureStatus(status)
		idx[m.ID] = len(ms)
		ms = append(ms, m)
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(ms) == 0 {
		return ms, err
	}
	return ms, db.milestones(ctx, ms, idx)
}

// milestones adds the milestones of the measures (one query when there are
// many, by plan; else by measure).
func (db *DB) milestones(ctx context.Context, ms []supervision.Measure, idx map[int64]int) error {
	q, arg := "s.measure_id = ?", any(ms[0].ID)
	if len(ms) > 1 {
		q, arg = "m.plan_id = ?", any(ms[0].PlanID)
	}
	rows, err := db.db.QueryContext(ctx, db.rebind(`SELECT s.id, s.measure_id, s.title, `+db.dateCol("s.due_on")+`, `+db.dateCol("s.done_on")+`, `+db.dateCol("s.dropped_on")+`
FROM sv_milestones s JOIN sv_measures m ON m.id = s.measure_id WHERE `+q+` ORDER BY s.due_on, s.id`), arg)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var s supervision.Milestone
		var mid int64
		if err := rows.Scan(&s.ID, &mid, &s.Title, dateScan{&s.DueOn}, dateScan{&s.DoneOn}, dateScan{&s.DroppedOn}); err != nil {
			return err
		}
		i, ok := idx[mid]
		switch {
		case !ok:
		case s.DroppedOn.IsZero():
			ms[i].Milestones = append(ms[i].Milestones, s)
		default:
			ms[i].Dropped = append(ms[i].Dropped, s)
		}
	}
	return rows.Err()
}

// Measure returns a measure and the court of its plan; NotFound when none.
func (db *DB) Measure(ctx context.Context, id int64) (m supervision.Measure, courtID int64, err error) {
	defer wrap(&err, "读取整改措施")
	ms, err := db.measuresWhere(ctx, "m.id = ?", id)
	if err != nil {
		return m, 0, err
	}
	if len(ms) == 0 {
		return m, 0, court.Errorf(court.NotFound, "整改措施不存在")
	}
	err = db.db.QueryRowContext(ctx, db.rebind("SELECT court_id FROM sv_plans WHERE id = ?"), ms[0].PlanID).Scan(&courtID)
	return ms[0], courtID, err
}
