package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"strings"
	"time"

	"github.com/zhixiao/zhixiao/internal/auth"
	"github.com/zhixiao/zhixiao/internal/court"
	"github.com/zhixiao/zhixiao/internal/supervision"
)

// This file and supervision_*.go keep the 督办 module (issue 7, migration
// 0006): settings, case warnings, 督办单, rectification plans, the inbox and
// the webhook outbox. Every transition is written with its audit entry in
// one transaction.

// The audit actions of the module (auth.Action values).
const (
	ActionSvRules        auth.Action = "supervision_rules"         // 修改预警规则
	ActionSvWebhook      auth.Action = "supervision_webhook"       // 修改消息网关设置
	ActionSvItemOpen     auth.Action = "supervision_item_open"     // 开具督办单
	ActionSvItemExplain  auth.Action = "supervision_item_explain"  // 提交督办说明
	ActionSvItemReview   auth.Action = "supervision_item_review"   // 审核督办说明
	ActionSvItemClose    auth.Action = "supervision_item_close"    // 督办单随结案办结
	ActionSvItemEscalate auth.Action = "supervision_item_escalate" // 督办单超期升级
	ActionSvPlan         auth.Action = "supervision_plan"          // 新建整改方案 / 问题 / 措施
	ActionSvReport       auth.Action = "supervision_report"        // 报送进展 / 申请销号
	ActionSvCloseout     auth.Action = "supervision_closeout"      // 审批销号（批准或退回）
)

func init() {
	auth.RegisterAction(ActionSvRules, "修改预警规则")
	auth.RegisterAction(ActionSvWebhook, "修改消息网关设置")
	auth.RegisterAction(ActionSvItemOpen, "开具督办单")
	auth.RegisterAction(ActionSvItemExplain, "提交督办说明")
	auth.RegisterAction(ActionSvItemReview, "审核督办说明")
	auth.RegisterAction(ActionSvItemClose, "督办单随结案办结")
	auth.RegisterAction(ActionSvItemEscalate, "督办单超期升级")
	auth.RegisterAction(ActionSvPlan, "新建整改方案 / 问题 / 措施")
	auth.RegisterAction(ActionSvReport, "报送进展 / 申请销号")
	auth.RegisterAction(ActionSvCloseout, "审批销号（批准或退回）")
}

// jsonText is v as JSON text, for the audit log.
func jsonText(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// dateScan reads a dateCol expression into a court.Date.
type dateScan struct{ d *court.Date }

// Scan implements sql.Scanner.
func (s dateScan) Scan(v any) error {
	d, err := dateOf(v)
	*s.d = d
	return err
}

// The names of the settings.
const (
	settingRules   = "rules"
	settingWebhook = "webhook"
)

// setting reads a setting; "" when not set.
func (db *DB) setting(ctx context.Context, name string) (string, error) {
	var v string
	err := db.db.QueryRowContext(ctx, db.rebind("SELECT value FROM sv_settings WHERE name = ?"), name).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return v, err
}

// saveSetting writes a setting and its audit entry in one transaction.
func (db *DB) saveSetting(ctx context.Context, name, value, before, after string, e auth.AuditEntry) error {
	return db.authTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, db.rebind("DELETE FROM sv_settings WHERE name = ?"), name); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, db.rebind("INSERT INTO sv_settings (name, value, updated_by, updated_at) VALUES (?, ?, ?, ?)"),
			name, value, e.Actor, authTimeText(e.At)); err != nil {
			return err
		}
		e.Before, e.After = before, after
		return db.appendAudit(ctx, tx, e)
	})
}

// SupervisionRules returns the court's warning rules: the saved ones, or
// supervision.DefaultRules while none are saved.
func (db *DB) SupervisionRules(ctx context.Context) (r supervision.Rules, err error) {
	defer wrap(&err, "读取预警规则")
	v, err := db.setting(ctx, settingRules)
	if err != nil || v == "" {
		return supervision.DefaultRules(), err
	}
	return supervision.ParseRules([]byte(v))
}

// SaveSupervisionRules checks and saves the warning rules, audited (action
// supervision_rules, from e).
func (db *DB) SaveSupervisionRules(ctx context.Context, r supervision.Rules, e auth.AuditEntry) (err error) {
	defer wrap(&err, "保存预警规则")
	if err := r.Check(); err != nil {
		return err
	}
	old, err := db.SupervisionRules(ctx)
	if err != nil {
		return err
	}
	e.Action, e.Object = ActionSvRules, "预警规则"
	return db.saveSetting(ctx, settingRules, r.JSON(), old.JSON(), r.JSON(), e)
}

// Webhook is the court's messaging gateway: notices are POSTed as JSON to
// URL, signed with Secret in supervision.SignatureHeader. An empty URL
// sends nothing.
type Webhook struct {
	URL    string `json:"url"`
	Secret string `json:"secret"`
}

// CheckWebhook validates the gateway's address.
func (w Webhook) Check() error {
	if w.URL == "" {
		return nil
	}
	if !strings.HasPrefix(w.URL, "http://") && !strings.HasPrefix(w.URL, "https://") {
		return court.Errorf(court.Invalid, "消息网关地址应以 http:// 或 https:// 开头")
	}
	if len(w.Secret) < 16 {
		return court.Errorf(court.Invalid, "签名密钥至少 16 个字符")
	}
	return nil
}

// SupervisionWebhook returns the gateway setting (empty when not set).
func (db *DB) SupervisionWebhook(ctx context.Context) (w Webhook, err error) {
	defer wrap(&err, "读取消息网关设置")
	v, err := db.setting(ctx, settingWebhook)
	if err != nil || v == "" {
		return w, err
	}
	url, secret, _ := strings.Cut(v, "\n")
	return Webhook{URL: url, Secret: secret}, nil
}

// SaveSupervisionWebhook saves the gateway setting, audited without the secret.
func (db *DB) SaveSupervisionWebhook(ctx context.Context, w Webhook, e auth.AuditEntry) (err error) {
	defer wrap(&err, "保存消息网关设置")
	if err := w.Check(); err != nil {
		return err
	}
	old, err := db.SupervisionWebhook(ctx)
	if err != nil {
		return err
	}
	e.Action, e.Object = ActionSvWebhook, "消息网关"
	return db.saveSetting(ctx, settingWebhook, w.URL+"\n"+w.Secret, jsonText(map[string]string{"地址": old.URL}), jsonText(map[string]string{"地址": w.URL}), e)
}

// settingDemo marks the demo plan: "pending" after `zhixiao demo`, "done"
// once `serve --demo-accounts` has added it.
const settingDemo = "demo_plan"

// MarkSupervisionDemo records that the demo data wants its demo plan.
func (db *DB) MarkSupervisionDemo(ctx context.Context) (err error) {
	defer wrap(&err, "标记演示整改方案")
	return db.authTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, db.rebind("DELETE FROM sv_settings WHERE name = ?"), settingDemo); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, db.rebind("INSERT INTO sv_settings (name, value, updated_by, updated_at) VALUES (?, 'pending', 'demo', ?)"),
			settingDemo, authTimeText(time.Now()))
		return err
	})
}

// TakeSupervisionDemo reports whether the demo plan is wanted and marks it
// done, so that only one caller adds it.
func (db *DB) TakeSupervisionDemo(ctx context.Context) (ok bool, err error) {
	defer wrap(&err, "读取演示整改方案标记")
	res, err := db.db.ExecContext(ctx, db.rebind("UPDATE sv_settings SET value = 'done' WHERE name = ? AND value = 'pending'"), settingDemo)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}
