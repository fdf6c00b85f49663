package store

import (
	"context"
	"database/sql"
	"encoding/base64"
	"encoding/json"
	"errors"
	"time"

	"github.com/zhixiao/zhixiao/internal/auth"
	"github.com/zhixiao/zhixiao/internal/court"
	"github.com/zhixiao/zhixiao/internal/documents"
)

// This file keeps what the 文书 module stores (migration 0008): the
// templates the court uploads, and the monthly bulletins the server
// writes; and reads what drafts and bulletins need of the cases.

// DocTemplate is a template the court uploaded for a kind of document.
type DocTemplate struct {
	Kind      string // documents.Kind
	FileName  string
	Content   []byte // the DOCX
	UpdatedBy string
	UpdatedAt time.Time
}

// DocTemplate returns the court's template for a kind; NotFound when the
// court uses the default one.
func (db *DB) DocTemplate(ctx context.Context, kind string) (t DocTemplate, err error) {
	defer wrap(&err, "读取文书模板")
	var content, at string
	err = db.db.QueryRowContext(ctx, db.rebind(`SELECT kind, file_name, content, updated_by, updated_at
FROM document_templates WHERE kind = ?`), kind).Scan(&t.Kind, &t.FileName, &content, &t.UpdatedBy, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return t, court.Errorf(court.NotFound, "文书类型 %s 使用默认模板", kind)
	}
	if err != nil {
		return t, err
	}
	t.UpdatedAt = parseAuthTime(at)
	t.Content, err = base64.StdEncoding.DecodeString(content)
	return t, err
}

// DocTemplates lists the court's templates, without their content.
func (db *DB) DocTemplates(ctx context.Context) (ts []DocTemplate, err error) {
	defer wrap(&err, "读取文书模板")
	rows, err := db.db.QueryContext(ctx, "SELECT kind, file_name, updated_by, updated_at FROM document_templates ORDER BY kind")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var t DocTemplate
		var at string
		if err := rows.Scan(&t.Kind, &t.FileName, &t.UpdatedBy, &at); err != nil {
			return nil, err
		}
		t.UpdatedAt = parseAuthTime(at)
		ts = append(ts, t)
	}
	return ts, rows.Err()
}

// SaveDocTemplate stores the court's template for a kind (nil content:
// back to the default) with its audit entry (e's time, actor and address),
// in one transaction.
func (db *DB) SaveDocTemplate(ctx context.Context, t DocTemplate, e auth.AuditEntry) (err error) {
	defer wrap(&err, "保存文书模板")
	title := documents.Kind(t.Kind).Title()
	return db.authTx(ctx, func(tx *sql.Tx) error {
		var before string
		err := tx.QueryRowContext(ctx, db.rebind("SELECT file_name FROM document_templates WHERE kind = ?"), t.Kind).Scan(&before)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		if _, err := tx.ExecContext(ctx, db.rebind("DELETE FROM document_templates WHERE kind = ?"), t.Kind); err != nil {
			return err
		}
		entry := e
		entry.Action, entry.Object = auth.ActionTemplateEdit, "文书模板 "+title
		entry.Before, entry.After = templateAudit(before), templateAudit("")
		if t.Content != nil {
			_, err = tx.ExecContext(ctx, db.rebind(`INSERT INTO document_templates (kind, file_name, content, updated_by, updated_at)
VALUES (?, ?, ?, ?, ?)`), t.Kind, t.FileName, base64.StdEncoding.EncodeToString(t.Content), e.Actor, authTimeText(e.At))
			if err != nil {
				return err
			}
			entry.After = templateAudit(t.FileName)
		}
		return db.appendAudit(ctx, tx, entry)
	})
}

func templateAudit(fileName string) string {
	if fileName == "" {
		return `{"模板":"默认模板"}`
	}
	b, _ := json.Marshal(map[string]string{"模板": fileName})
	return string(b)
}

// StoredBulletin is a monthly bulletin the server wrote.
type StoredBulletin struct {
	ID        int64
	CourtID   int64
	Court     string
	Month     string // 2025-06
	DOCX      []byte // nil in lists
	XLSX      []byte // nil in lists
	CreatedBy string
	CreatedAt time.Time
}

// SaveBulletin stores (or replaces) a court's bulletin of a month.
func (db *DB) SaveBulletin(ctx context.Context, b StoredBulletin) (err error) {
	defer wrap(&err, "保存月通报")
	return db.authTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, db.rebind("DELETE FROM bulletins WHERE court_id = ? AND month = ?"), b.CourtID, b.Month); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, db.rebind(`INSERT INTO bulletins (court_id, month, docx, xlsx, created_by, created_at)
VALUES (?, ?, ?, ?, ?, ?)`), b.CourtID, b.Month, base64.StdEncoding.EncodeToString(b.DOCX), base64.StdEncoding.EncodeToString(b.XLSX),
			b.CreatedBy, authTimeText(b.CreatedAt))
		return err
	})
}

// HasBulletin reports whether a court's bulletin of a month is stored.
func (db *DB) HasBulletin(ctx context.Context, courtID int64, month string) (bool, error) {
	var n int
	err := db.db.QueryRowContext(ctx, db.rebind("SELECT COUNT(*) FROM bulletins WHERE court_id = ? AND month = ?"), courtID, month).Scan(&n)
	if err != nil {
		return false, &court.Error{Kind: court.Internal, Message: "读取月通报失败", Err: err}
	}
	return n > 0, nil
}

// StoredBulletins lists the stored bulletins of some courts (nil: all),
// newest month first, without their files.
func (db *DB) StoredBulletins(ctx context.Context, courts []int64) (bs []StoredBulletin, err error) {
	defer wrap(&err, "读取月通报")
	q := `SELECT b.id, b.court_id, c.name, b.month, b.created_by, b.created_at FROM bulletins b JOIN courts c ON c.id = b.court_id`
	var args []any
	if courts != nil {
		if len(courts) == 0 {
			return nil, nil
		}
		q += " WHERE b.court_id IN (" + placeholders(len(courts)) + ")"
		args = webInt64s(courts)
	}
	rows, err := db.db.QueryContext(ctx, db.rebind(q+" ORDER BY b.month DESC, c.name"), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var b StoredBulletin
		var at string
		if err := rows.Scan(&b.ID, &b.CourtID, &b.Court, &b.Month, &b.CreatedBy, &at); err != nil {
			return nil, err
		}
		b.CreatedAt = parseAuthTime(at)
		bs = append(bs, b)
	}
	return bs, rows.Err()
}

// StoredBulletin reads one stored bulletin with its files.
func (db *DB) StoredBulletin(ctx context.Context, id int64) (b StoredBulletin, err error) {
	defer wrap(&err, "读取月通报")
	var docx, xlsx, at string
	err = db.db.QueryRowContext(ctx, db.rebind(`SELECT b.id, b.court_id, c.name, b.month, b.docx, b.xlsx, b.created_by, b.created_at
FROM bulletins b JOIN courts c ON c.id = b.court_id WHERE b.id = ?`), id).Scan(&b.ID, &b.CourtID, &b.Court, &b.Month, &docx, &xlsx, &b.CreatedBy, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return b, court.Errorf(court.NotFound, "月通报 %d 不存在", id)
	}
	if err != nil {
		return b, err
	}
	b.CreatedAt = parseAuthTime(at)
	if b.DOCX, err = base64.StdEncoding.DecodeString(docx); err != nil {
		return b, err
	}
	b.XLSX, err = base64.StdEncoding.DecodeString(xlsx)
	return b, err
}

// LongestPending returns the cases of a court (and department, when not
// "") pending at the end of asOf, longest-pending first.
func (db *DB) LongestPending(ctx context.Context, courtName, department string, asOf court.Date, limit int) (out []documents.PendingCase, err error) {
	defer wrap(&err, "读取长期未结案件")
	q := `SELECT c.case_no, COALESCE(c.cause, ''), d.name, p.name, ` + db.dateCol("c.filed_on") + `
FROM cases c JOIN courts ct ON ct.id = c.court_id JOIN departments d ON d.id = c.department_id JOIN people p ON p.id = c.judge_id
WHERE ct.name = ? AND c.filed_on <= ? AND (c.closed_on IS NULL OR c.closed_on > ?)`
	args := []any{courtName, db.dateArg(asOf), db.dateArg(asOf)}
	if department != "" {
		q += " AND d.name = ?"
		args = append(args, department)
	}
	rows, err := db.db.QueryContext(ctx, db.rebind(q+" ORDER BY c.filed_on, c.id LIMIT ?"), append(args, limit)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var pc documents.PendingCase
		var filed any
		if err := rows.Scan(&pc.No, &pc.Cause, &pc.Department, &pc.Judge, &filed); err != nil {
			return nil, err
		}
		if pc.FiledOn, err = dateOf(filed); err != nil {
			return nil, err
		}
		pc.Days = int(asOf - pc.FiledOn)
		out = append(out, pc)
	}
	return out, rows.Err()
}

// DraftFacts are what a draft needs beyond the case and its parties.
type DraftFacts struct {
	UpperCourt string // the court above the case's court, "" when none
	Clerk      string // the first active 书记员 of the case's department, "" when none
}

// DraftFacts reads the court above a case's court and a clerk of its
// department (the case data names no 书记员).
func (db *DB) DraftFacts(ctx context.Context, caseNo string) (f DraftFacts, err error) {
	defer wrap(&err, "读取文书信息")
	err = db.db.QueryRowContext(ctx, db.rebind(`SELECT COALESCE(up.name, ''), COALESCE((SELECT p.name FROM people p
    WHERE p.department_id = c.department_id AND p.category = ? AND p.active = ? ORDER BY p.id LIMIT 1), '')
FROM cases c JOIN courts ct ON ct.id = c.court_id LEFT JOIN courts up ON up.id = ct.parent_id WHERE c.case_no = ?`),
		string(court.CategoryClerk), true, caseNo).Scan(&f.UpperCourt, &f.Clerk)
	if errors.Is(err, sql.ErrNoRows) {
		return f, errNotFound("案件", caseNo)
	}
	return f, err
}
