package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"time"

	"github.com/zhixiao/zhixiao/internal/auth"
	"github.com/zhixiao/zhixiao/internal/court"
)

// This file keeps the reference bands (合理区间) the court sets (migration
// 0003). A save writes its changes and one audit entry for each in one
// transaction.

// BandRow is one stored band: an indicator's band for a court level and a
// case kind ("" = any). A nil bound is no bound on that side; rates are
// fractions. UpdatedBy is "" for a band that is not stored (示意).
type BandRow struct {
	Indicator  string
	CourtLevel string
	Kind       string
	Lower      *float64
	Upper      *float64
	Note       string
	UpdatedBy  string
	UpdatedAt  time.Time
}

// Source is 本院设定 for a stored band and 示意 for one that is not.
func (b BandRow) Source() string {
	if b.UpdatedBy == "" {
		return "示意"
	}
	return "本院设定"
}

// Object names the band in the audit log.
func (b BandRow) Object() string {
	return "合理区间 " + b.Indicator + " · " + orAny(b.CourtLevel, "各层级") + " · " + orAny(b.Kind, "各类别")
}

func orAny(s, anyText string) string {
	if s == "" {
		return anyText
	}
	return s
}

// auditBand is the form of a band in the audit log.
type auditBand struct {
	Indicator  string   `json:"指标"`
	CourtLevel string   `json:"法院层级"`
	Kind       string   `json:"案件类别"`
	Lower      *float64 `json:"下限"`
	Upper      *float64 `json:"上限"`
	Note       string   `json:"说明,omitempty"`
	Source     string   `json:"来源"`
}

// AuditJSON is b as the audit log records it.
func (b BandRow) AuditJSON() string {
	out, _ := json.Marshal(auditBand{b.Indicator, orAny(b.CourtLevel, "各层级"), orAny(b.Kind, "各类别"), b.Lower, b.Upper, b.Note, b.Source()})
	return string(out)
}

// Check reports a band without indicator or bound, or with lower > upper.
func (b BandRow) Check() error {
	switch {
	case b.Indicator == "":
		return court.Errorf(court.Invalid, "合理区间须指明指标")
	case b.Lower == nil && b.Upper == nil:
		return court.Errorf(court.Invalid, "%s：下限和上限至少填写一个", b.Object())
	case b.Lower != nil && b.Upper != nil && *b.Lower > *b.Upper:
		return court.Errorf(court.Invalid, "%s：下限不能大于上限", b.Object())
	}
	return nil
}

// BandChange is one band written by SaveBands: After replaces Before, the
// band as the editor saw it (nil when there was none; UpdatedBy "" when it
// was the illustrative one, not stored).
type BandChange struct {
	Before *BandRow
	After  BandRow
}

// Bands returns the stored bands by indicator, court level and kind; none
// (and no error) while the court has not saved its own.
func (db *DB) Bands(ctx context.Context) (bs []BandRow, err error) {
	defer wrap(&err, "读取合理区间")
	rows, err := db.db.QueryContext(ctx, `SELECT indicator, court_level, kind, lower_bound, upper_bound, note, updated_by, updated_at
FROM bands ORDER BY indicator, court_level, kind`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var b BandRow
		var lo, hi sql.NullFloat64
		var at string
		if err := rows.Scan(&b.Indicator, &b.CourtLevel, &b.Kind, &lo, &hi, &b.Note, &b.UpdatedBy, &at); err != nil {
			return nil, err
		}
		b.Lower, b.Upper, b.UpdatedAt = floatPtr(lo), floatPtr(hi), parseAuthTime(at)
		bs = append(bs, b)
	}
	return bs, rows.Err()
}

func floatPtr(n sql.NullFloat64) *float64 {
	if !n.Valid {
		return nil
	}
	return &n.Float64
}

// SaveBands writes the changes, each with an audit entry made from e (its
// time, actor and address; action band_edit), in one transaction: all or
// none. A change whose Before no longer matches the stored band (someone
// saved in between) is an error of kind Conflict.
func (db *DB) SaveBands(ctx context.Context, changes []BandChange, e auth.AuditEntry) (err error) {
	defer wrap(&err, "保存合理区间")
	for _, c := range changes {
		if err := c.After.Check(); err != nil {
			return err
		}
	}
	return db.authTx(ctx, func(tx *sql.Tx) error {
		for _, c := range changes {
			if err := db.saveBand(ctx, tx, c, e); err != nil {
				return err
			}
		}
		return nil
	})
}

func (db *DB) saveBand(ctx context.Context, tx *sql.Tx, c BandChange, e auth.AuditEntry) error {
	a := c.After
	a.UpdatedBy, a.UpdatedAt = e.Actor, e.At.UTC().Truncate(time.Second)
	if err := db.checkUnchanged(ctx, tx, c); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, db.rebind("DELETE FROM bands WHERE indicator = ? AND court_level = ? AND kind = ?"),
		a.Indicator, a.CourtLevel, a.Kind); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, db.rebind(`INSERT INTO bands
    (indicator, court_level, kind, lower_bound, upper_bound, note, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
		a.Indicator, a.CourtLevel, a.Kind, nullFloat(a.Lower), nullFloat(a.Upper), a.Note, a.UpdatedBy, authTimeText(a.UpdatedAt))
	if err != nil {
		return err
	}
	entry := e
	entry.Action, entry.Object, entry.After = auth.ActionBandEdit, a.Object(), a.AuditJSON()
	if c.Before != nil {
		entry.Before = c.Before.AuditJSON()
	}
	return db.appendAudit(ctx, tx, entry)
}

// checkUnchanged compares the stored band with the one the editor saw.
func (db *DB) checkUnchanged(ctx context.Context, tx *sql.Tx, c BandChange) error {
	var lo, hi sql.NullFloat64
	err := tx.QueryRowContext(ctx, db.rebind("SELECT lower_bound, upper_bound FROM bands WHERE indicator = ? AND court_level = ? AND kind = ?"),
		c.After.Indicator, c.After.CourtLevel, c.After.Kind).Scan(&lo, &hi)
	stored := err == nil
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	saw := c.Before != nil && c.Before.UpdatedBy != ""
	if stored != saw || stored && !(sameBound(floatPtr(lo), c.Before.Lower) && sameBound(floatPtr(hi), c.Before.Upper)) {
		return court.Errorf(court.Conflict, "%s已被他人修改，请刷新页面后重试", c.After.Object())
	}
	return nil
}

func sameBound(a, b *float64) bool {
	return a == nil && b == nil || a != nil && b != nil && *a == *b
}

// nullFloat is *f, or NULL when nil.
func nullFloat(f *float64) any {
	if f == nil {
		return nil
	}
	return *f
}
