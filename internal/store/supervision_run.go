package store

import (
	"context"
	"time"

	"github.com/zhixiao/zhixiao/internal/auth"
	"github.com/zhixiao/zhixiao/internal/court"
)

// SupervisionRun is what one run of the warning job did and how long its
// steps took.
type SupervisionRun struct {
	Pending int // pending cases evaluated
	Warnings
	WarningDelta
	SyncResult
	Read, Evaluate, Write, Sync time.Duration
}

// Warnings counts the warnings of a run by colour.
type Warnings struct{ Blue, Yellow, Red int }

// RunSupervision is the warning job (nightly and after each import): it
// reads the pending cases, evaluates the court's rules on today in memory,
// writes the warnings that changed, then opens, closes and escalates 督办单
// (SyncItems). e names the actor of the audit entries (the job).
func (db *DB) RunSupervision(ctx context.Context, today court.Date, e auth.AuditEntry) (r SupervisionRun, err error) {
	rules, err := db.SupervisionRules(ctx)
	if err != nil {
		return r, err
	}
	t0 := time.Now()
	facts, err := db.PendingCaseFacts(ctx)
	if err != nil {
		return r, err
	}
	t1 := time.Now()
	ws := rules.EvaluateAll(facts, today)
	r.Pending = len(facts)
	for _, w := range ws {
		switch w.Colour.Key() {
		case "blue":
			r.Blue++
		case "yellow":
			r.Yellow++
		case "red":
			r.Red++
		}
	}
	t2 := time.Now()
	if r.WarningDelta, err = db.SaveWarnings(ctx, ws, today); err != nil {
		return r, err
	}
	t3 := time.Now()
	if r.SyncResult, err = db.SyncItems(ctx, today, rules, e); err != nil {
		return r, err
	}
	r.Read, r.Evaluate, r.Write, r.Sync = t1.Sub(t0), t2.Sub(t1), t3.Sub(t2), time.Since(t3)
	return r, nil
}
