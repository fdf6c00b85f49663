package store

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/zhixiao/zhixiao/internal/auth"
	"github.com/zhixiao/zhixiao/internal/court"
	"github.com/zhixiao/zhixiao/internal/petitions"
)

// This file keeps the 院长接待日 (leaders' reception days with their
// bookings and records) and the satisfaction surveys.

// ReceptionDay is one leader's reception day.
type ReceptionDay struct {
	ID       int64
	CourtID  int64
	Day      court.Date
	Leader   string
	Place    string
	Slots    int
	Bookings []ReceptionBooking
}

// ReceptionBooking is a citizen booked for a reception day, and its record once held.
type ReceptionBooking struct {
	ID         int64
	Reception  int64
	Citizen    petitions.Citizen // Name and Phone
	Topic      string
	CaseNo     string
	BookedBy   string
	BookedAt   time.Time
	Record     string
	PetitionID int64
}

// Check validates a reception day.
func (r ReceptionDay) Check() error {
	if r.Day == 0 {
		return court.Errorf(court.Invalid, "请填写接待日期")
	}
	if strings.TrimSpace(r.Leader) == "" {
		return court.Errorf(court.Invalid, "请填写“接待领导”")
	}
	if r.Slots < 1 || r.Slots > 100 {
		return court.Errorf(court.Invalid, "“名额”应为 1 至 100")
	}
	if err := petitions.Limit("接待领导", r.Leader, 40); err != nil {
		return err
	}
	return petitions.Limit("地点", r.Place, 60)
}

// AddReceptionDay stores a reception day with an audit entry.
func (db *DB) AddReceptionDay(ctx context.Context, r ReceptionDay, e auth.AuditEntry) (id int64, err error) {
	defer wrap(&err, "安排院长接待日")
	if err := r.Check(); err != nil {
		return 0, err
	}
	err = db.authTx(ctx, func(tx *sql.Tx) error {
		if err := tx.QueryRowContext(ctx, db.rebind("INSERT INTO reception_days (court_id, day, leader, place, slots) VALUES (?, ?, ?, ?, ?) RETURNING id"),
			r.CourtID, petitionDayText(r.Day), r.Leader, r.Place, r.Slots).Scan(&id); err != nil {
			return err
		}
		entry := e
		entry.Action, entry.Object, entry.After = ActionReception, "院长接待日 "+r.Day.String(), r.Leader+" "+r.Place+" 名额 "+strconv.Itoa(r.Slots)
		return db.appendAudit(ctx, tx, entry)
	})
	return id, err
}

// ReceptionDays returns the court's reception days from day on, with bookings.
func (db *DB) ReceptionDays(ctx context.Context, courtID int64, from court.Date) (out []ReceptionDay, err error) {
	defer wrap(&err, "读取院长接待日")
	err = webEach(ctx, db.db, db.rebind("SELECT id, court_id, day, leader, place, slots FROM reception_days WHERE court_id = ? AND day >= ? ORDER BY day, id"),
		[]any{courtID, petitionDayText(from)}, func(rows *sql.Rows) error {
			var r ReceptionDay
			var day string
			err := rows.Scan(&r.ID, &r.CourtID, &day, &r.Leader, &r.Place, &r.Slots)
			r.Day = petitionParseDay(day)
			out = append(out, r)
			return err
		})
	for i := range out {
		if err == nil {
			out[i].Bookings, err = db.bookings(ctx, db.db, out[i].ID)
		}
	}
	return out, err
}

func (db *DB) bookings(ctx context.Context, q querier, reception int64) (bs []ReceptionBooking, err error) {
	err = webEach(ctx, q, db.rebind(`SELECT id, reception_id, citizen_name, citizen_phone, topic, case_no, booked_by, booked_at, record, COALESCE(petition_id, 0)
FROM reception_bookings WHERE reception_id = ? ORDER BY id`), []any{reception}, func(rows *sql.Rows) error {
		var b ReceptionBooking
		var at string
		err := rows.Scan(&b.ID, &b.Reception, &b.Citizen.Name, &b.Citizen.Phone, &b.Topic, &b.CaseNo, &b.BookedBy, &at, &b.Record, &b.PetitionID)
		b.BookedAt = parseAuthTime(at)
		bs = append(bs, b)
		return err
	})
	return bs, err
}

// receptionDay reads one reception day with its bookings.
func (db *DB) receptionDay(ctx context.Context, q querier, id int64) (r ReceptionDay, err error) {
	var day string
	err = q.QueryRowContext(ctx, db.rebind("SELECT id, court_id, day, leader, place, slots FROM reception_days WHERE id = ?"), id).
		Scan(&r.ID, &r.CourtID, &day, &r.Leader, &r.Place, &r.Slots)
	if errors.Is(err, sql.ErrNoRows) {
		return r, court.Errorf(court.NotFound, "接待日不存在")
	}
	if err != nil {
		return r, err
	}
	r.Day = petitionParseDay(day)
	r.Bookings, err = db.bookings(ctx, q, id)
	return r, err
}

// BookReception books a citizen for reception day id, refusing a full day,
// with an audit entry. It returns the reception day with the new booking last.
func (db *DB) BookReception(ctx context.Context, id int64, b ReceptionBooking, e auth.AuditEntry) (r ReceptionDay, err error) {
	defer wrap(&err, "预约院长接待")
	if strings.TrimSpace(b.Citizen.Name) == "" || strings.TrimSpace(b.Topic) == "" {
		return r, court.Errorf(court.Invalid, "预约须填写“姓名”和“反映事项”")
	}
	for _, f := range []struct {
		name, v string
		max     int
	}{{"姓名", b.Citizen.Name, petitions.MaxName}, {"联系电话", b.Citizen.Phone, petitions.MaxPhone}, {"反映事项", b.Topic, petitions.MaxSubject}, {"案号", b.CaseNo, petitions.MaxCaseNo}} {
		if err := petitions.Limit(f.name, f.v, f.max); err != nil {
			return r, err
		}
	}
	err = db.authTx(ctx, func(tx *sql.Tx) error {
		if r, err = db.receptionDay(ctx, tx, id); err != nil {
			return err
		}
		if len(r.Bookings) >= r.Slots {
			return court.Errorf(court.Conflict, "%s 的接待名额（%d 个）已约满", r.Day, r.Slots)
		}
		if _, err := tx.ExecContext(ctx, db.rebind(`INSERT INTO reception_bookings (reception_id, citizen_name, citizen_phone, topic, case_no, booked_by, booked_at, record)
VALUES (?, ?, ?, ?, ?, ?, ?, '')`), id, b.Citizen.Name, b.Citizen.Phone, b.Topic, b.CaseNo, e.Actor, authTimeText(e.At)); err != nil {
			return err
		}
		if r.Bookings, err = db.bookings(ctx, tx, id); err != nil {
			return err
		}
		entry := e
		entry.Action, entry.Object, entry.After = ActionReception, "院长接待日 "+r.Day.String()+" 预约", b.Topic
		return db.appendAudit(ctx, tx, entry)
	})
	return r, err
}

// RecordReception writes the record of a held reception and, when
// petitionID is not 0, the request the reception opened; audited.
func (db *DB) RecordReception(ctx context.Context, bookingID int64, record string, petitionID int64, e auth.AuditEntry) (r ReceptionDay, err error) {
	defer wrap(&err, "记录院长接待")
	record = strings.TrimSpace(record)
	if record == "" {
		return r, court.Errorf(court.Invalid, "请填写“接待记录”")
	}
	if err := petitions.Limit("接待记录", record, petitions.MaxAnswer); err != nil {
		return r, err
	}
	err = db.authTx(ctx, func(tx *sql.Tx) error {
		var rid int64
		var old string
		err := tx.QueryRowContext(ctx, db.rebind("SELECT reception_id, record FROM reception_bookings WHERE id = ?"), bookingID).Scan(&rid, &old)
		if errors.Is(err, sql.ErrNoRows) {
			return court.Errorf(court.NotFound, "预约不存在")
		}
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, db.rebind("UPDATE reception_bookings SET record = ?, petition_id = COALESCE(?, petition_id) WHERE id = ?"),
			record, nullID(petitionID), bookingID); err != nil {
			return err
		}
		if r, err = db.receptionDay(ctx, tx, rid); err != nil {
			return err
		}
		entry := e
		entry.Action, entry.Object, entry.Before, entry.After = ActionReception, "院长接待记录 "+r.Day.String(), old, record
		return db.appendAudit(ctx, tx, entry)
	})
	return r, err
}

// ReceptionCourt returns the court of a reception day or of a booking's day.
func (db *DB) ReceptionCourt(ctx context.Context, receptionID, bookingID int64) (courtID int64, err error) {
	defer wrap(&err, "读取院长接待日")
	q := "SELECT court_id FROM reception_days WHERE id = ?"
	arg := receptionID
	if bookingID != 0 {
		q, arg = "SELECT d.court_id FROM reception_bookings b JOIN reception_days d ON d.id = b.reception_id WHERE b.id = ?", bookingID
	}
	err = db.db.QueryRowContext(ctx, db.rebind(q), arg).Scan(&courtID)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, court.Errorf(court.NotFound, "接待日不存在")
	}
	return courtID, err
}
