package store

import (
	"context"
	"time"

	"github.com/zhixiao/zhixiao/internal/auth"
)

// This file serves the 文书脱敏 module (issue 9, part 3). Nothing of an
// uploaded judgment is stored: a de-identification leaves one audit entry
// (who, when, the hashes of the file and of its copy, the setting and the
// number of changes of each type), which is the module's only write.

// RecordDeid writes the audit entry of a de-identification.
func (db *DB) RecordDeid(ctx context.Context, e auth.AuditEntry) (err error) {
	defer wrap(&err, "记录文书脱敏")
	if e.Action != auth.ActionDeid {
		e.Action = auth.ActionDeid
	}
	return db.appendAudit(ctx, db.db, e)
}

// DeidRecords returns the newest de-identifications in the audit log, of
// one account (login) or of all ("").
func (db *DB) DeidRecords(ctx context.Context, login string, limit int) ([]auth.AuditEntry, error) {
	es, _, err := db.AuditLog(ctx, auth.AuditQuery{Actor: login, Action: auth.ActionDeid, Limit: limit})
	return es, err
}

// DeidCount returns how many de-identifications login made since a time
// (by the index on the audit log's time).
func (db *DB) DeidCount(ctx context.Context, login string, since time.Time) (n int, err error) {
	defer wrap(&err, "统计文书脱敏")
	err = db.db.QueryRowContext(ctx, db.rebind(`SELECT COUNT(*) FROM audit_log WHERE at >= ? AND action = ? AND actor = ?`),
		authTimeText(since), string(auth.ActionDeid), login).Scan(&n)
	return n, err
}
