package store

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"time"

	"github.com/zhixiao/zhixiao/internal/court"
	"github.com/zhixiao/zhixiao/internal/supervision"
)

// notify puts the messages in their accounts' inboxes and, when a webhook
// is set, in the outbox for the gateway; inside the caller's transaction.
func (db *DB) notify(ctx context.Context, tx *sql.Tx, at time.Time, ms []supervision.Message) error {
	if len(ms) == 0 {
		return nil
	}
	var url string
	err := tx.QueryRowContext(ctx, db.rebind("SELECT value FROM sv_settings WHERE name = ?"), settingWebhook).Scan(&url)
	if err != nil && err != sql.ErrNoRows {
		return err
	}
	webhook := url != "" && url[0] != '\n'
	now := authTimeText(at)
	for _, m := range ms {
		if _, err := tx.ExecContext(ctx, db.rebind("INSERT INTO sv_inbox (user_id, at, kind, title, link) VALUES (?, ?, ?, ?, ?)"),
			m.UserID, now, m.Kind, m.Title, m.Link); err != nil {
			return err
		}
		if !webhook {
			continue
		}
		var login string
		if err := tx.QueryRowContext(ctx, db.rebind("SELECT login FROM users WHERE id = ?"), m.UserID).Scan(&login); err != nil {
			return err
		}
		payload := jsonText(map[string]string{"login": login, "kind": m.Kind, "title": m.Title, "link": m.Link, "at": now})
		if _, err := tx.ExecContext(ctx, db.rebind("INSERT INTO sv_outbox (created_at, payload, attempts, next_at, last_error) VALUES (?, ?, 0, ?, '')"),
			now, payload, now); err != nil {
			return err
		}
	}
	return nil
}

// InboxEntry is one notice of an account's inbox.
type InboxEntry struct {
	ID          int64
	At          time.Time
	Kind, Title string
	Link        string
	Read        bool
}

// Inbox returns an account's latest notices, unread first.
func (db *DB) Inbox(ctx context.Context, userID int64, limit int) (es []InboxEntry, err error) {
	defer wrap(&err, "读取消息")
	rows, err := db.db.QueryContext(ctx, db.rebind(`SELECT id, at, kind, title, link, read_at IS NOT NULL FROM sv_inbox WHERE user_id = ?
ORDER BY CASE WHEN read_at IS NULL THEN 0 ELSE 1 END, id DESC LIMIT ?`), userID, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var e InboxEntry
		var at string
		if err := rows.Scan(&e.ID, &at, &e.Kind, &e.Title, &e.Link, &e.Read); err != nil {
			return nil, err
		}
		e.At = parseAuthTime(at)
		es = append(es, e)
	}
	return es, rows.Err()
}

// UnreadCount counts an account's unread notices.
func (db *DB) UnreadCount(ctx context.Context, userID int64) (n int, err error) {
	defer wrap(&err, "统计未读消息")
	err = db.db.QueryRowContext(ctx, db.rebind("SELECT COUNT(*) FROM sv_inbox WHERE user_id = ? AND read_at IS NULL"), userID).Scan(&n)
	return n, err
}

// MarkRead marks the account's notices read: one (id) or all (id 0). Only
// the account's own notices change.
func (db *DB) MarkRead(ctx context.Context, userID, id int64, at time.Time) (err error) {
	defer wrap(&err, "标记消息已读")
	_, err = db.db.ExecContext(ctx, db.rebind("UPDATE sv_inbox SET read_at = ? WHERE user_id = ? AND read_at IS NULL AND (? = 0 OR id = ?)"),
		authTimeText(at), userID, id, id)
	return err
}

// DigestLine is one account's line of the daily digest: its unread notices of the last day.
type DigestLine struct {
	UserID int64
	Count  int
}

// DigestSince counts each account's unread notices since a time, for the
// daily digest.
func (db *DB) DigestSince(ctx context.Context, since time.Time) (ls []DigestLine, err error) {
	defer wrap(&err, "汇总每日消息")
	rows, err := db.db.QueryContext(ctx, db.rebind("SELECT user_id, COUNT(*) FROM sv_inbox WHERE read_at IS NULL AND at >= ? AND kind <> '每日摘要' GROUP BY user_id ORDER BY user_id"), authTimeText(since))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var l DigestLine
		if err := rows.Scan(&l.UserID, &l.Count); err != nil {
			return nil, err
		}
		ls = append(ls, l)
	}
	return ls, rows.Err()
}

// SendDigest writes each account's daily digest (每日摘要) as one notice,
// which the gateway also receives when set.
func (db *DB) SendDigest(ctx context.Context, at time.Time, day court.Date) (n int, err error) {
	defer wrap(&err, "发送每日摘要")
	ls, err := db.DigestSince(ctx, at.Add(-24*time.Hour))
	if err != nil {
		return 0, err
	}
	var ms []supervision.Message
	for _, l := range ls {
		ms = append(ms, supervision.Message{UserID: l.UserID, Kind: "每日摘要", Title: day.String() + " 督办每日摘要：未读消息 " + itoa(l.Count) + " 条", Link: "/supervision/inbox"})
	}
	err = db.authTx(ctx, func(tx *sql.Tx) error {
		// The day of the last digest is kept with the messages, so that a
		// restart (or a second app server) does not send the day's digest again.
		var last string
		err := tx.QueryRowContext(ctx, db.rebind("SELECT value FROM sv_settings WHERE name = ?"), settingDigest).Scan(&last)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		if last >= day.String() {
			ms = nil
			return nil
		}
		if _, err := tx.ExecContext(ctx, db.rebind("DELETE FROM sv_settings WHERE name = ?"), settingDigest); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, db.rebind("INSERT INTO sv_settings (name, value, updated_by, updated_at) VALUES (?, ?, '督办每日摘要', ?)"),
			settingDigest, day.String(), authTimeText(at)); err != nil {
			return err
		}
		return db.notify(ctx, tx, at, ms)
	})
	return len(ms), err
}

// settingDigest is the setting that keeps the day of the last daily digest.
const settingDigest = "digest_day"

func itoa(n int) string { return strconv.Itoa(n) }

// OutboxMessage is a message waiting for the gateway.
type OutboxMessage struct {
	ID       int64
	Payload  string
	Attempts int
}

// DueOutbox returns the messages due for (another) delivery at now.
func (db *DB) DueOutbox(ctx context.Context, now time.Time, limit int) (ms []OutboxMessage, err error) {
	defer wrap(&err, "读取待发消息")
	rows, err := db.db.QueryContext(ctx, db.rebind("SELECT id, payload, attempts FROM sv_outbox WHERE sent_at IS NULL AND failed_at IS NULL AND next_at <= ? ORDER BY id LIMIT ?"),
		authTimeText(now), limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var m OutboxMessage
		if err := rows.Scan(&m.ID, &m.Payload, &m.Attempts); err != nil {
			return nil, err
		}
		ms = append(ms, m)
	}
	return ms, rows.Err()
}

// OutboxResult records a delivery attempt: sent, or failed with the error
// (retried after supervision.RetryDelay, given up after
// supervision.MaxAttempts). It reports whether the message was given up.
func (db *DB) OutboxResult(ctx context.Context, m OutboxMessage, now time.Time, failure error) (gaveUp bool, err error) {
	defer wrap(&err, "记录消息发送结果")
	if failure == nil {
		_, err = db.db.ExecContext(ctx, db.rebind("UPDATE sv_outbox SET sent_at = ?, attempts = ? WHERE id = ?"), authTimeText(now), m.Attempts+1, m.ID)
		return false, err
	}
	attempts := m.Attempts + 1
	var failed any
	if attempts >= supervision.MaxAttempts {
		failed, gaveUp = authTimeText(now), true
	}
	_, err = db.db.ExecContext(ctx, db.rebind("UPDATE sv_outbox SET attempts = ?, next_at = ?, failed_at = ?, last_error = ? WHERE id = ?"),
		attempts, authTimeText(now.Add(supervision.RetryDelay(attempts))), failed, failure.Error(), m.ID)
	return gaveUp, err
}

// SendNotice puts one notice in an account's inbox (and the outbox when a
// webhook is set).
func (db *DB) SendNotice(ctx context.Context, m supervision.Message, at time.Time) (err error) {
	defer wrap(&err, "发送消息")
	return db.authTx(ctx, func(tx *sql.Tx) error { return db.notify(ctx, tx, at, []supervision.Message{m}) })
}
