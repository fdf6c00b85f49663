package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"strings"

	"github.com/zhixiao/zhixiao/internal/auth"
	"github.com/zhixiao/zhixiao/internal/court"
	"github.com/zhixiao/zhixiao/internal/petitions"
)

// This file keeps what the court sets for its requests: the deadlines
// (Rules), the holiday calendar and the checklists of the one-time notice.

// PetitionRules returns the court's deadlines, the defaults until saved.
func (db *DB) PetitionRules(ctx context.Context) (r petitions.Rules, err error) {
	defer wrap(&err, "读取诉求期限设置")
	var v string
	err = db.db.QueryRowContext(ctx, "SELECT value FROM petition_settings WHERE name = 'rules'").Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return petitions.DefaultRules(), nil
	}
	if err != nil {
		return r, err
	}
	r = petitions.DefaultRules()
	return r, json.Unmarshal([]byte(v), &r)
}

// SavePetitionRules stores the deadlines with an audit entry.
func (db *DB) SavePetitionRules(ctx context.Context, r petitions.Rules, e auth.AuditEntry) (err error) {
	defer wrap(&err, "保存诉求期限设置")
	if err := r.Check(); err != nil {
		return err
	}
	old, err := db.PetitionRules(ctx)
	if err != nil {
		return err
	}
	b, _ := json.Marshal(r)
	ob, _ := json.Marshal(old)
	return db.authTx(ctx, func(tx *sql.Tx) error {
		if err := db.putSetting(ctx, tx, "rules", string(b)); err != nil {
			return err
		}
		entry := e
		entry.Action, entry.Object, entry.Before, entry.After = ActionPetitionSetup, "诉求期限设置", string(ob), string(b)
		return db.appendAudit(ctx, tx, entry)
	})
}

func (db *DB) putSetting(ctx context.Context, q querier, name, value string) error {
	if _, err := q.ExecContext(ctx, db.rebind("DELETE FROM petition_settings WHERE name = ?"), name); err != nil {
		return err
	}
	_, err := q.ExecContext(ctx, db.rebind("INSERT INTO petition_settings (name, value) VALUES (?, ?)"), name, value)
	return err
}

// HolidayCalendar returns the holiday calendar, sorted by day. The first
// call fills it with the 国务院 schedule (petitions.StateCouncilDays); after
// that it holds what the court made of it.
func (db *DB) HolidayCalendar(ctx context.Context) (days []petitions.CalendarDay, err error) {
	defer wrap(&err, "读取节假日安排")
	if err := db.seedCalendar(ctx); err != nil {
		return nil, err
	}
	rows, err := db.db.QueryContext(ctx, "SELECT day, kind, name FROM petition_calendar ORDER BY day")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var d petitions.CalendarDay
		var day, kind string
		if err := rows.Scan(&day, &kind, &d.Name); err != nil {
			return nil, err
		}
		d.Day, d.Kind = petitionParseDay(day), petitions.DayKind(kind)
		days = append(days, d)
	}
	return days, rows.Err()
}

func (db *DB) seedCalendar(ctx context.Context) error {
	var n int
	if err := db.db.QueryRowContext(ctx, "SELECT COUNT(*) FROM petition_settings WHERE name = 'calendar_seeded'").Scan(&n); err != nil || n > 0 {
		return err
	}
	return db.authTx(ctx, func(tx *sql.Tx) error {
		if err := tx.QueryRowContext(ctx, "SELECT COUNT(*) FROM petition_settings WHERE name = 'calendar_seeded'").Scan(&n); err != nil || n > 0 {
			return err
		}
		for _, d := range petitions.StateCouncilDays() {
			if _, err := tx.ExecContext(ctx, db.rebind("INSERT INTO petition_calendar (day, kind, name) VALUES (?, ?, ?)"), petitionDayText(d.Day), string(d.Kind), d.Name); err != nil {
				return err
			}
		}
		return db.putSetting(ctx, tx, "calendar_seeded", "1")
	})
}

// SaveCalendarDay sets (kind 休 or 班) or, with kind "", removes the
// calendar entry of a day, with an audit entry.
func (db *DB) SaveCalendarDay(ctx context.Context, d petitions.CalendarDay, e auth.AuditEntry) (err error) {
	defer wrap(&err, "保存节假日安排")
	if d.Day == 0 {
		return court.Errorf(court.Invalid, "请填写日期")
	}
	if d.Kind != "" && d.Kind != petitions.DayOff && d.Kind != petitions.DayWork {
		return court.Errorf(court.Invalid, "“类别”应为 休 或 班")
	}
	if err := petitions.Limit("名称", d.Name, 30); err != nil {
		return err
	}
	if err := db.seedCalendar(ctx); err != nil {
		return err
	}
	return db.authTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, db.rebind("DELETE FROM petition_calendar WHERE day = ?"), petitionDayText(d.Day)); err != nil {
			return err
		}
		entry := e
		entry.Action, entry.Object = ActionPetitionSetup, "节假日安排 "+d.Day.String()
		if d.Kind != "" {
			if _, err := tx.ExecContext(ctx, db.rebind("INSERT INTO petition_calendar (day, kind, name) VALUES (?, ?, ?)"), petitionDayText(d.Day), string(d.Kind), d.Name); err != nil {
				return err
			}
			entry.After = string(d.Kind) + " " + d.Name
		}
		return db.appendAudit(ctx, tx, entry)
	})
}

// Checklists returns the court's one-time notices by matter: the stored
// ones, or petitions.DefaultChecklists while the court has saved none
// (stored false).
func (db *DB) Checklists(ctx context.Context, courtID int64) (cs []petitions.Checklist, stored bool, err error) {
	defer wrap(&err, "读取一次性告知事项")
	rows, err := db.db.QueryContext(ctx, db.rebind("SELECT matter, title, items, note FROM petition_checklists WHERE court_id = ? ORDER BY id"), courtID)
	if err != nil {
		return nil, false, err
	}
	defer rows.Close()
	for rows.Next() {
		var c petitions.Checklist
		var items string
		if err := rows.Scan(&c.Matter, &c.Title, &items, &c.Note); err != nil {
			return nil, false, err
		}
		c.Items = petitions.ParseItems(items)
		cs = append(cs, c)
	}
	if err := rows.Err(); err != nil {
		return nil, false, err
	}
	if len(cs) == 0 {
		return petitions.DefaultChecklists(), false, nil
	}
	return cs, true, nil
}

// SaveChecklist stores one matter's checklist for the court (the first save
// stores the defaults with it), with an audit entry; remove deletes it.
func (db *DB) SaveChecklist(ctx context.Context, courtID int64, c petitions.Checklist, remove bool, e auth.AuditEntry) (err error) {
	defer wrap(&err, "保存一次性告知事项")
	if !remove {
		if err := c.Check(); err != nil {
			return err
		}
	}
	all, stored, err := db.Checklists(ctx, courtID)
	if err != nil {
		return err
	}
	return db.authTx(ctx, func(tx *sql.Tx) error {
		if !stored {
			for _, d := range all {
				if err := db.putChecklist(ctx, tx, courtID, d, e); err != nil {
					return err
				}
			}
		}
		before := ""
		for _, d := range all {
			if d.Matter == c.Matter {
				before = strings.Join(d.Items, "\n")
			}
		}
		if _, err := tx.ExecContext(ctx, db.rebind("DELETE FROM petition_checklists WHERE court_id = ? AND matter = ?"), courtID, c.Matter); err != nil {
			return err
		}
		entry := e
		entry.Action, entry.Object, entry.Before = ActionPetitionSetup, "一次性告知事项 "+c.Matter, before
		if !remove {
			if err := db.putChecklist(ctx, tx, courtID, c, e); err != nil {
				return err
			}
			entry.After = strings.Join(c.Items, "\n")
		}
		return db.appendAudit(ctx, tx, entry)
	})
}

func (db *DB) putChecklist(ctx context.Context, tx *sql.Tx, courtID int64, c petitions.Checklist, e auth.AuditEntry) error {
	_, err := tx.ExecContext(ctx, db.rebind(`INSERT INTO petition_checklists (court_id, matter, title, items, note, updated_by, updated_at)
VALUES (?, ?, ?, ?, ?, ?, ?)`), courtID, c.Matter, c.Title, strings.Join(c.Items, "\n"), c.Note, e.Actor, authTimeText(e.At))
	return err
}
