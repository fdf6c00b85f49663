package store

import (
	"context"
	"database/sql"

	"github.com/zhixiao/zhixiao/internal/auth"
	"github.com/zhixiao/zhixiao/internal/petitions"
)

// SeededOwner names the account that takes over a request a seed handled:
// its id (0 leaves the request alone) and its label in the request's
// records, as petitionOwnerLabel writes it (张三（zhangsan）).
type SeededOwner func(p *petitions.Petition) (id int64, label string)

// AssignSeededPetitions gives owners to the court's requests that seeder
// recorded and handled without an account (the demo's, made before its
// accounts exist): those whose 登记 event is by seeder with no account, that
// have no owner and are no longer 待签收. The account owner names becomes
// the request's owner and the actor of seeder's events on it, with an audit
// entry made from e. Requests still waiting to be signed for stay in their
// queues; running it again changes nothing. It returns how many requests got
// an owner.
func (db *DB) AssignSeededPetitions(ctx context.Context, courtID int64, seeder string, owner SeededOwner, e auth.AuditEntry) (n int, err error) {
	defer wrap(&err, "指定演示诉求的负责人")
	ps, err := db.seededPetitions(ctx, courtID, seeder)
	if err != nil {
		return 0, err
	}
	err = db.authTx(ctx, func(tx *sql.Tx) error {
		for i := range ps {
			id, label := owner(&ps[i])
			if id == 0 {
				continue
			}
			if err := db.assignSeeded(ctx, tx, &ps[i], seeder, id, label, e); err != nil {
				return err
			}
			n++
		}
		return nil
	})
	if err != nil {
		n = 0
	}
	return n, err
}

// seededPetitions are the court's requests seeder handled without an owner,
// with their staff.
func (db *DB) seededPetitions(ctx context.Context, courtID int64, seeder string) ([]petitions.Petition, error) {
	rows, err := db.db.QueryContext(ctx, db.rebind(petitionColumns+` WHERE p.court_id = ? AND p.owner_id IS NULL AND p.status <> ?
AND EXISTS (SELECT 1 FROM petition_events ev WHERE ev.petition_id = p.id AND ev.kind = '登记' AND ev.actor = ? AND ev.actor_id IS NULL)
ORDER BY p.id`), courtID, string(petitions.StatusReceived), seeder)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ps []petitions.Petition
	for rows.Next() {
		p, err := scanPetition(rows)
		if err != nil {
			return nil, err
		}
		ps = append(ps, p)
	}
	if err := rows.Err(); err != nil || len(ps) == 0 {
		return ps, err
	}
	return ps, db.addStaff(ctx, courtID, ps)
}

// assignSeeded makes account id (label) the owner of p and the actor of
// seeder's events on it.
func (db *DB) assignSeeded(ctx context.Context, tx *sql.Tx, p *petitions.Petition, seeder string, id int64, label string, e auth.AuditEntry) error {
	before := petitionAuditJSON(p)
	if _, err := tx.ExecContext(ctx, db.rebind("UPDATE petitions SET owner_id = ? WHERE id = ? AND owner_id IS NULL"), id, p.ID); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, db.rebind("UPDATE petition_events SET actor_id = ?, actor = ? WHERE petition_id = ? AND actor = ? AND actor_id IS NULL"),
		id, label, p.ID, seeder); err != nil {
		return err
	}
	p.OwnerID, p.Owner = id, label
	entry := e
	entry.Action, entry.Object, entry.Before, entry.After = ActionPetitionChange, "群众诉求 "+p.No+" 指定负责人", before, petitionAuditJSON(p)
	return db.appendAudit(ctx, tx, entry)
}
