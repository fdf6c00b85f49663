package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/zhixiao/zhixiao/internal/auth"
	"github.com/zhixiao/zhixiao/internal/court"
)

// The 分管院领导 of a court: which 院领导 account is in charge of each
// department. An overdue 督办单 escalates to the leader in charge of the
// case's department; to every 院领导 of the court when the department has
// none (or that account is disabled).

// ActionSvLeaders is the audit action of a change of the 分管院领导.
const ActionSvLeaders auth.Action = "supervision_leaders"

func init() { auth.RegisterAction(ActionSvLeaders, "修改分管院领导") }

// settingLeaders is the name of a court's setting: the JSON object
// {"<department id>": <user id>}.
func settingLeaders(courtID int64) string { return "leaders_" + strconv.FormatInt(courtID, 10) }

// SupervisionLeaders returns the court's 分管院领导: department id → the
// account (users.id) in charge. Departments without one are absent.
func (db *DB) SupervisionLeaders(ctx context.Context, courtID int64) (m map[int64]int64, err error) {
	defer wrap(&err, "读取分管院领导")
	return db.leadersIn(ctx, db.db, courtID)
}

func (db *DB) leadersIn(ctx context.Context, q querier, courtID int64) (map[int64]int64, error) {
	var v string
	err := q.QueryRowContext(ctx, db.rebind("SELECT value FROM sv_settings WHERE name = ?"), settingLeaders(courtID)).Scan(&v)
	if err == sql.ErrNoRows || err == nil && v == "" {
		return map[int64]int64{}, nil
	}
	if err != nil {
		return nil, err
	}
	var raw map[string]int64
	if err := json.Unmarshal([]byte(v), &raw); err != nil {
		return nil, fmt.Errorf("分管院领导设置无法读取：%w", err)
	}
	m := make(map[int64]int64, len(raw))
	for k, u := range raw {
		d, err := strconv.ParseInt(k, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("分管院领导设置中的部门编号“%s”无效", k)
		}
		m[d] = u
	}
	return m, nil
}

// SaveSupervisionLeaders replaces the court's 分管院领导, audited (action
// supervision_leaders; before and after by department and account name).
// Every department must be the court's and every account an active 院领导
// of the court; 0 (or absent) leaves a department to every 院领导.
func (db *DB) SaveSupervisionLeaders(ctx context.Context, courtID int64, m map[int64]int64, e auth.AuditEntry) (err error) {
	defer wrap(&err, "保存分管院领导")
	clean := map[int64]int64{}
	for d, u := range m {
		if u != 0 {
			clean[d] = u
		}
	}
	return db.authTx(ctx, func(tx *sql.Tx) error {
		depts, err := db.namesIn(ctx, tx, "SELECT id, name FROM departments WHERE court_id = ?", courtID)
		if err != nil {
			return err
		}
		leaders, err := db.namesIn(ctx, tx, `SELECT u.id, u.login || COALESCE('（' || p.name || '）', '') FROM users u LEFT JOIN people p ON p.id = u.person_id
WHERE u.court_id = ? AND u.role = ? AND u.disabled = ?`, courtID, auth.RolePresident.Key(), false)
		if err != nil {
			return err
		}
		for d, u := range clean {
			if _, ok := depts[d]; !ok {
				return court.Errorf(court.Invalid, "部门编号 %d 不是本院部门", d)
			}
			if _, ok := leaders[u]; !ok {
				return court.Errorf(court.Invalid, "%s的分管院领导须为本院在用的院领导账号", depts[d])
			}
		}
		old, err := db.leadersIn(ctx, tx, courtID)
		if err != nil {
			return err
		}
		show := func(m map[int64]int64) string {
			out := map[string]string{}
			for d, u := range m {
				name, ok := leaders[u]
				if !ok {
					name = fmt.Sprintf("账号 %d", u)
				}
				out[depts[d]] = name
			}
			return jsonText(out)
		}
		raw := map[string]int64{}
		for d, u := range clean {
			raw[strconv.FormatInt(d, 10)] = u
		}
		value, _ := json.Marshal(raw)
		name := settingLeaders(courtID)
		if _, err := tx.ExecContext(ctx, db.rebind("DELETE FROM sv_settings WHERE name = ?"), name); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, db.rebind("INSERT INTO sv_settings (name, value, updated_by, updated_at) VALUES (?, ?, ?, ?)"),
			name, string(value), e.Actor, authTimeText(e.At)); err != nil {
			return err
		}
		e.Action, e.Object, e.Before, e.After = ActionSvLeaders, "分管院领导", show(old), show(clean)
		return db.appendAudit(ctx, tx, e)
	})
}

// namesIn reads (id, name) rows into a map.
func (db *DB) namesIn(ctx context.Context, q querier, stmt string, args ...any) (map[int64]string, error) {
	rows, err := q.QueryContext(ctx, db.rebind(stmt), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	m := map[int64]string{}
	for rows.Next() {
		var id int64
		var name string
		if err := rows.Scan(&id, &name); err != nil {
			return nil, err
		}
		m[id] = name
	}
	return m, rows.Err()
}

// escalationTargets says to whom an overdue item of a department escalates:
// the leader in charge when set and active, else every active 院领导 of
// the court. It caches per court in c.
type escalationTargets struct {
	db         *DB
	inCharge   map[int64]map[int64]int64  // court → department → user
	presidents map[int64]map[int64]string // court → user → "login（name）"
}

func (t *escalationTargets) of(ctx context.Context, q querier, courtID, deptID int64) ([]int64, string, error) {
	if t.inCharge == nil {
		t.inCharge, t.presidents = map[int64]map[int64]int64{}, map[int64]map[int64]string{}
	}
	ps, ok := t.presidents[courtID]
	if !ok {
		var err error
		if ps, err = t.db.namesIn(ctx, q, `SELECT u.id, u.login || COALESCE('（' || p.name || '）', '') FROM users u LEFT JOIN people p ON p.id = u.person_id
WHERE u.court_id = ? AND u.role = ? AND u.disabled = ?`, courtID, auth.RolePresident.Key(), false); err != nil {
			return nil, "", err
		}
		t.presidents[courtID] = ps
		if t.inCharge[courtID], err = t.db.leadersIn(ctx, q, courtID); err != nil {
			return nil, "", err
		}
	}
	if u := t.inCharge[courtID][deptID]; u != 0 {
		if name, ok := ps[u]; ok {
			return []int64{u}, "分管院领导 " + name, nil
		}
	}
	ids := make([]int64, 0, len(ps))
	for u := range ps {
		ids = append(ids, u)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	names := make([]string, len(ids))
	for i, u := range ids {
		names[i] = ps[u]
	}
	if len(names) == 0 {
		return nil, "本院院领导（暂无在用账号）", nil
	}
	return ids, "本院院领导 " + strings.Join(names, "、"), nil
}
