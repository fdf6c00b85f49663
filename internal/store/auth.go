package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"github.com/zhixiao/zhixiao/internal/auth"
	"github.com/zhixiao/zhixiao/internal/court"
)

// This file keeps accounts, sessions, login attempts and the audit log
// (migration 0002). Times are stored as RFC 3339 text in UTC, to the second,
// so that they compare as text in both dialects. Every change that the audit
// log records is written in one transaction with its audit entry.

// authTime is the layout of the times of this file.
const authTime = "2006-01-02T15:04:05Z"

func authTimeText(t time.Time) string { return t.UTC().Format(authTime) }

func parseAuthTime(s string) time.Time {
	t, _ := time.Parse(authTime, s)
	return t
}

// userColumns are the columns scanAuthUser reads, with the names of the post.
const userColumns = `u.id, u.login, u.role, COALESCE(u.court_id, 0), COALESCE(u.department_id, 0),
    COALESCE(u.person_id, 0), COALESCE(c.name, ''), COALESCE(d.name, ''), COALESCE(p.name, ''),
    COALESCE(p.staff_no, ''), u.disabled, u.created_at, u.password_hash
FROM users u
LEFT JOIN courts c ON c.id = u.court_id
LEFT JOIN departments d ON d.id = u.department_id
LEFT JOIN people p ON p.id = u.person_id`

func scanAuthUser(row interface{ Scan(...any) error }) (auth.User, string, error) {
	var u auth.User
	var role, created, hash string
	err := row.Scan(&u.ID, &u.Login, &role, &u.CourtID, &u.DepartmentID, &u.PersonID,
		&u.Court, &u.Department, &u.Person, &u.StaffNo, &u.Disabled, &created, &hash)
	if err != nil {
		return u, "", err
	}
	u.Role, _ = auth.ParseRole(role)
	u.CreatedAt = parseAuthTime(created)
	return u, hash, nil
}

// UserByLogin returns the account with the given login and its password hash.
func (db *DB) UserByLogin(ctx context.Context, login string) (u auth.User, hash string, err error) {
	defer wrap(&err, "读取账号")
	u, hash, err = scanAuthUser(db.db.QueryRowContext(ctx, db.rebind("SELECT "+userColumns+" WHERE u.login = ?"), login))
	if errors.Is(err, sql.ErrNoRows) {
		return u, "", errNotFound("账号", login)
	}
	return u, hash, err
}

// UserByID returns the account with the given id.
func (db *DB) UserByID(ctx context.Context, id int64) (u auth.User, err error) {
	defer wrap(&err, "读取账号")
	u, _, err = scanAuthUser(db.db.QueryRowContext(ctx, db.rebind("SELECT "+userColumns+" WHERE u.id = ?"), id))
	if errors.Is(err, sql.ErrNoRows) {
		return u, court.Errorf(court.NotFound, "账号不存在")
	}
	return u, err
}

// Users returns every account, by login.
func (db *DB) Users(ctx context.Context) (us []auth.User, err error) {
	defer wrap(&err, "读取账号列表")
	rows, err := db.db.QueryContext(ctx, "SELECT "+userColumns+" ORDER BY u.login")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		u, _, err := scanAuthUser(rows)
		if err != nil {
			return nil, err
		}
		us = append(us, u)
	}
	return us, rows.Err()
}

// ResolvePost fills the ids of u's post from the names it carries: the court
// by name or 法院代字, the department by name within the court, the person by
// 工号 within the court (and, when no department is named, the person's
// department). A name that matches nothing is an error of kind NotFound.
func (db *DB) ResolvePost(ctx context.Context, u *auth.User) (err error) {
	defer wrap(&err, "查找账号的所在单位")
	if u.Court == "" {
		if u.Department != "" || u.StaffNo != "" {
			return court.Errorf(court.Invalid, "指定部门或工号时须同时指定法院")
		}
		return nil
	}
	err = db.db.QueryRowContext(ctx, db.rebind("SELECT id, name FROM courts WHERE name = ? OR code = ? ORDER BY id LIMIT 1"),
		u.Court, u.Court).Scan(&u.CourtID, &u.Court)
	if errors.Is(err, sql.ErrNoRows) {
		return errNotFound("法院", u.Court)
	}
	if err != nil {
		return err
	}
	if u.Department != "" {
		err = db.db.QueryRowContext(ctx, db.rebind("SELECT id FROM departments WHERE court_id = ? AND name = ?"),
			u.CourtID, u.Department).Scan(&u.DepartmentID)
		if errors.Is(err, sql.ErrNoRows) {
			return court.Errorf(court.NotFound, "%s没有部门“%s”", u.Court, u.Department)
		}
		if err != nil {
			return err
		}
	}
	if u.StaffNo != "" {
		return db.resolvePerson(ctx, u)
	}
	return nil
}

func (db *DB) resolvePerson(ctx context.Context, u *auth.User) error {
	var dept int64
	var deptName string
	err := db.db.QueryRowContext(ctx, db.rebind(`SELECT p.id, p.name, COALESCE(p.department_id, 0), COALESCE(d.name, '')
FROM people p LEFT JOIN departments d ON d.id = p.department_id WHERE p.court_id = ? AND p.staff_no = ?`),
		u.CourtID, u.StaffNo).Scan(&u.PersonID, &u.Person, &dept, &deptName)
	if errors.Is(err, sql.ErrNoRows) {
		return court.Errorf(court.NotFound, "%s没有工号为“%s”的人员", u.Court, u.StaffNo)
	}
	if err != nil {
		return err
	}
	if u.DepartmentID == 0 {
		u.DepartmentID, u.Department = dept, deptName
	}
	return nil
}

// CreateUser adds an account with its audit entry and returns it with its id.
// A login that exists already is an error of kind Conflict.
func (db *DB) CreateUser(ctx context.Context, u auth.User, hash string, e auth.AuditEntry) (_ auth.User, err error) {
	defer wrap(&err, "新增账号")
	if err := u.Check(); err != nil {
		return u, err
	}
	err = db.authTx(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, db.rebind("SELECT COUNT(*) FROM users WHERE login = ?"), u.Login).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return court.Errorf(court.Conflict, "登录名“%s”已存在", u.Login)
		}
		now := authTimeText(e.At)
		err := tx.QueryRowContext(ctx, db.rebind(`INSERT INTO users
    (login, role, court_id, department_id, person_id, password_hash, disabled, created_at, password_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`),
			u.Login, u.Role.Key(), nullID(u.CourtID), nullID(u.DepartmentID), nullID(u.PersonID), hash, u.Disabled, now, now).Scan(&u.ID)
		if err != nil {
			return loginConflict(err, u.Login)
		}
		return db.appendAudit(ctx, tx, e)
	})
	u.CreatedAt = e.At.UTC().Truncate(time.Second)
	return u, err
}

// loginConflict turns a unique violation on users.login into Conflict.
func loginConflict(err error, login string) error {
	s := err.Error()
	if strings.Contains(s, "UNIQUE") || strings.Contains(s, "23505") {
		return court.Errorf(court.Conflict, "登录名“%s”已存在", login)
	}
	return err
}

// SetPassword replaces the password hash of an account and ends its other
// sessions: every one when the entry's actor is someone else (a reset), all
// but the actor's own otherwise.
func (db *DB) SetPassword(ctx context.Context, userID int64, hash string, e auth.AuditEntry, keepSession string) (err error) {
	defer wrap(&err, "设置密码")
	return db.authTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, db.rebind("UPDATE users SET password_hash = ?, password_at = ? WHERE id = ?"),
			hash, authTimeText(e.At), userID)
		if err := mustChangeUser(res, err); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, db.rebind("DELETE FROM sessions WHERE user_id = ? AND token_hash <> ?"), userID, keepSession); err != nil {
			return err
		}
		return db.appendAudit(ctx, tx, e)
	})
}

// SetDisabled disables or enables an account; disabling ends its sessions.
func (db *DB) SetDisabled(ctx context.Context, userID int64, disabled bool, e auth.AuditEntry) (err error) {
	defer wrap(&err, "修改账号状态")
	return db.authTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, db.rebind("UPDATE users SET disabled = ? WHERE id = ?"), disabled, userID)
		if err := mustChangeUser(res, err); err != nil {
			return err
		}
		if disabled {
			if _, err := tx.ExecContext(ctx, db.rebind("DELETE FROM sessions WHERE user_id = ?"), userID); err != nil {
				return err
			}
		}
		return db.appendAudit(ctx, tx, e)
	})
}

// mustChangeUser turns an update that touched no row into NotFound.
func mustChangeUser(res sql.Result, err error) error {
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return court.Errorf(court.NotFound, "账号不存在")
	}
	return nil
}

// authTx runs fn in a transaction, committed when fn returns nil.
func (db *DB) authTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return err
	}
	return tx.Commit()
}

// CreateSession stores a new session.
func (db *DB) CreateSession(ctx context.Context, s auth.Session) (err error) {
	defer wrap(&err, "创建会话")
	_, err = db.db.ExecContext(ctx, db.rebind(`INSERT INTO sessions
    (token_hash, user_id, csrf_token, created_at, seen_at, expires_at, ip) VALUES (?, ?, ?, ?, ?, ?, ?)`),
		s.TokenHash, s.UserID, s.CSRF, authTimeText(s.CreatedAt), authTimeText(s.SeenAt), authTimeText(s.ExpiresAt), s.IP)
	return err
}

// Session returns the session stored under tokenHash.
func (db *DB) Session(ctx context.Context, tokenHash string) (s auth.Session, err error) {
	defer wrap(&err, "读取会话")
	var created, seen, expires string
	err = db.db.QueryRowContext(ctx, db.rebind(`SELECT token_hash, user_id, csrf_token, created_at, seen_at, expires_at, ip
FROM sessions WHERE token_hash = ?`), tokenHash).Scan(&s.TokenHash, &s.UserID, &s.CSRF, &created, &seen, &expires, &s.IP)
	if errors.Is(err, sql.ErrNoRows) {
		return s, court.Errorf(court.NotFound, "会话不存在或已结束")
	}
	s.CreatedAt, s.SeenAt, s.ExpiresAt = parseAuthTime(created), parseAuthTime(seen), parseAuthTime(expires)
	return s, err
}

// TouchSession records a request of the session at at.
func (db *DB) TouchSession(ctx context.Context, tokenHash string, at time.Time) (err error) {
	defer wrap(&err, "更新会话")
	_, err = db.db.ExecContext(ctx, db.rebind("UPDATE sessions SET seen_at = ? WHERE token_hash = ?"), authTimeText(at), tokenHash)
	return err
}

// DeleteSession ends a session; ending one that does not exist is no error.
func (db *DB) DeleteSession(ctx context.Context, tokenHash string) (err error) {
	defer wrap(&err, "结束会话")
	_, err = db.db.ExecContext(ctx, db.rebind("DELETE FROM sessions WHERE token_hash = ?"), tokenHash)
	return err
}

// PruneAuth deletes the sessions that expired before now, sessions idle
// since before idleSince, and login attempts older than attemptsSince.
func (db *DB) PruneAuth(ctx context.Context, now, idleSince, attemptsSince time.Time) (err error) {
	defer wrap(&err, "清理过期会话")
	if _, err = db.db.ExecContext(ctx, db.rebind("DELETE FROM sessions WHERE expires_at <= ? OR seen_at <= ?"),
		authTimeText(now), authTimeText(idleSince)); err != nil {
		return err
	}
	_, err = db.db.ExecContext(ctx, db.rebind("DELETE FROM login_attempts WHERE at < ?"), authTimeText(attemptsSince))
	return err
}

// RecordLogin records a login attempt. A successful one clears the failed
// attempts of its login name (not those of its address).
func (db *DB) RecordLogin(ctx context.Context, login, ip string, ok bool, at time.Time) (err error) {
	defer wrap(&err, "记录登录尝试")
	return db.authTx(ctx, func(tx *sql.Tx) error {
		if ok {
			if _, err := tx.ExecContext(ctx, db.rebind("DELETE FROM login_attempts WHERE login = ? AND ok = ?"), login, false); err != nil {
				return err
			}
		}
		_, err := tx.ExecContext(ctx, db.rebind("INSERT INTO login_attempts (login, ip, at, ok) VALUES (?, ?, ?, ?)"),
			login, ip, authTimeText(at), ok)
		return err
	})
}

// FailedLogins counts the failed attempts since since, for the login name
// and for the address.
func (db *DB) FailedLogins(ctx context.Context, login, ip string, since time.Time) (byLogin, byIP int, err error) {
	defer wrap(&err, "统计登录失败次数")
	err = db.db.QueryRowContext(ctx, db.rebind(`SELECT
    COALESCE(SUM(CASE WHEN login = ? THEN 1 ELSE 0 END), 0),
    COALESCE(SUM(CASE WHEN ip = ? THEN 1 ELSE 0 END), 0)
FROM login_attempts WHERE ok = ? AND at >= ? AND (login = ? OR ip = ?)`),
		login, ip, false, authTimeText(since), login, ip).Scan(&byLogin, &byIP)
	return byLogin, byIP, err
}

// AppendAudit writes one entry of the audit log.
func (db *DB) AppendAudit(ctx context.Context, e auth.AuditEntry) (err error) {
	defer wrap(&err, "写入审计日志")
	return db.appendAudit(ctx, db.db, e)
}

func (db *DB) appendAudit(ctx context.Context, q querier, e auth.AuditEntry) error {
	_, err := q.ExecContext(ctx, db.rebind(`INSERT INTO audit_log
    (at, actor_id, actor, action, object, before_json, after_json, ip) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
		authTimeText(e.At), nullID(e.ActorID), e.Actor, string(e.Action), e.Object, nullText(e.Before), nullText(e.After), e.IP)
	return err
}

// AuditLog returns one page of the audit log, newest first, and the number
// of entries that match.
func (db *DB) AuditLog(ctx context.Context, q auth.AuditQuery) (es []auth.AuditEntry, total int, err error) {
	defer wrap(&err, "读取审计日志")
	where, args := "WHERE (? = '' OR actor = ?) AND (? = '' OR action = ?)", []any{q.Actor, q.Actor, string(q.Action), string(q.Action)}
	if err = db.db.QueryRowContext(ctx, db.rebind("SELECT COUNT(*) FROM audit_log "+where), args...).Scan(&total); err != nil {
		return nil, 0, err
	}
	limit := q.Limit
	if limit <= 0 {
		limit = 50
	}
	rows, err := db.db.QueryContext(ctx, db.rebind(`SELECT id, at, COALESCE(actor_id, 0), actor, action, object,
    COALESCE(before_json, ''), COALESCE(after_json, ''), ip FROM audit_log `+where+` ORDER BY id DESC LIMIT ? OFFSET ?`),
		append(args, limit, max(q.Offset, 0))...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	for rows.Next() {
		var e auth.AuditEntry
		var at, action string
		if err := rows.Scan(&e.ID, &at, &e.ActorID, &e.Actor, &action, &e.Object, &e.Before, &e.After, &e.IP); err != nil {
			return nil, 0, err
		}
		e.At, e.Action = parseAuthTime(at), auth.Action(action)
		es = append(es, e)
	}
	return es, total, rows.Err()
}

// CourtLinks returns every court with the court above it, for auth.NewScope.
func (db *DB) CourtLinks(ctx context.Context) (links []auth.CourtLink, err error) {
	defer wrap(&err, "读取法院层级")
	rows, err := db.db.QueryContext(ctx, "SELECT id, COALESCE(parent_id, 0) FROM courts")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var l auth.CourtLink
		if err := rows.Scan(&l.ID, &l.Parent); err != nil {
			return nil, err
		}
		links = append(links, l)
	}
	return links, rows.Err()
}
