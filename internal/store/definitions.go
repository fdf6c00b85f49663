package store

import (
	"context"
	"database/sql"
	"time"

	"github.com/zhixiao/zhixiao/internal/auth"
	"github.com/zhixiao/zhixiao/internal/court"
)

// This file keeps the indicator versions (口径版本) the court adds to the
// default definitions (migration 0004). Versions are only added: an add
// writes the version and its audit entry in one transaction.

// DefinitionVersion is one stored version of one indicator: its JSON in
// the format of one entry of the definitions file.
type DefinitionVersion struct {
	Indicator     string
	EffectiveFrom court.Date
	JSON          string
	CreatedBy     string
	CreatedAt     time.Time
}

// Object names the version in the audit log.
func (v DefinitionVersion) Object() string {
	return "指标口径 " + v.Indicator + " · " + v.EffectiveFrom.String() + " 起"
}

// DefinitionVersions returns the stored versions by indicator and
// effective date; none (and no error) while the court has added none.
func (db *DB) DefinitionVersions(ctx context.Context) (vs []DefinitionVersion, err error) {
	defer wrap(&err, "读取指标口径版本")
	rows, err := db.db.QueryContext(ctx, `SELECT indicator, `+db.dateCol("effective_from")+`, definition, created_by, created_at
FROM indicator_versions ORDER BY indicator, effective_from`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var v DefinitionVersion
		var from any
		var at string
		if err := rows.Scan(&v.Indicator, &from, &v.JSON, &v.CreatedBy, &at); err != nil {
			return nil, err
		}
		if v.EffectiveFrom, err = dateOf(from); err != nil {
			return nil, err
		}
		v.CreatedAt = parseAuthTime(at)
		vs = append(vs, v)
	}
	return vs, rows.Err()
}

// AddDefinitionVersion stores v with an audit entry made from e (its time,
// actor and address; action indicator_edit) whose before is the JSON of
// the version in force on that date until now ("" for none), in one
// transaction. A stored version of the same indicator and date is an error
// of kind Conflict.
func (db *DB) AddDefinitionVersion(ctx context.Context, v DefinitionVersion, before string, e auth.AuditEntry) (err error) {
	defer wrap(&err, "保存指标口径版本")
	if v.Indicator == "" || v.EffectiveFrom == court.NoDate || v.JSON == "" {
		return court.Errorf(court.Invalid, "指标口径版本须指明指标、生效日期和口径")
	}
	v.CreatedBy, v.CreatedAt = e.Actor, e.At.UTC().Truncate(time.Second)
	return db.authTx(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, db.rebind("SELECT COUNT(*) FROM indicator_versions WHERE indicator = ? AND effective_from = ?"),
			v.Indicator, db.dateArg(v.EffectiveFrom)).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return court.Errorf(court.Conflict, "指标 %s 已有 %s 起生效的版本；同一生效日期只能有一个版本", v.Indicator, v.EffectiveFrom)
		}
		if _, err := tx.ExecContext(ctx, db.rebind(`INSERT INTO indicator_versions
    (indicator, effective_from, definition, created_by, created_at) VALUES (?, ?, ?, ?, ?)`),
			v.Indicator, db.dateArg(v.EffectiveFrom), v.JSON, v.CreatedBy, authTimeText(v.CreatedAt)); err != nil {
			return err
		}
		entry := e
		entry.Action, entry.Object, entry.Before, entry.After = auth.ActionIndicatorEdit, v.Object(), before, v.JSON
		return db.appendAudit(ctx, tx, entry)
	})
}
