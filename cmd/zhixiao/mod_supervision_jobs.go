package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"time"

	"github.com/zhixiao/zhixiao/internal/auth"
	"github.com/zhixiao/zhixiao/internal/court"
	"github.com/zhixiao/zhixiao/internal/store"
	"github.com/zhixiao/zhixiao/internal/supervision"
)

// svJobs is the 督办 module's background work in `serve`: the warning job
// each night and after each import, the daily digest at 8:00 (China
// Standard Time), and the delivery of the outbox to the court's gateway
// with retries. Nothing here blocks a request: requests only write rows.
type svJobs struct {
	db     *store.DB
	log    *slog.Logger
	now    func() time.Time
	client *http.Client

	lastDay    court.Date // the day of the last warning run
	lastImport int64      // the import run it saw
	lastDigest court.Date // the day of the last digest
}

// svDigestHour is the hour (China Standard Time) of the daily digest.
const svDigestHour = 8

// loop ticks every interval until ctx ends.
func (j *svJobs) loop(ctx context.Context, every time.Duration) {
	j.lastImport = -1
	j.seedDemoPlan(ctx)
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		j.tick(ctx)
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// tick does what is due: the warning job when the day or the data changed,
// the digest once a day, the outbox always.
func (j *svJobs) tick(ctx context.Context) {
	if err := j.warnings(ctx); err != nil && ctx.Err() == nil {
		j.log.Error("督办预警计算失败", slog.Any("err", err))
	}
	if err := j.digest(ctx); err != nil && ctx.Err() == nil {
		j.log.Error("督办每日摘要失败", slog.Any("err", err))
	}
	if err := j.deliver(ctx); err != nil && ctx.Err() == nil {
		j.log.Error("督办消息发送失败", slog.Any("err", err))
	}
}

// warnings runs the warning job when the day or the last import changed.
func (j *svJobs) warnings(ctx context.Context) error {
	today, err := svToday(ctx, j.db, j.now)
	if err != nil {
		return err
	}
	imp, err := j.db.LastImportID(ctx)
	if err != nil {
		return err
	}
	if today == j.lastDay && imp == j.lastImport {
		return nil
	}
	r, err := j.db.RunSupervision(ctx, today, auth.AuditEntry{At: j.now(), Actor: "督办预警任务"})
	if err != nil {
		return err
	}
	j.lastDay, j.lastImport = today, imp
	j.log.Info(svRunLine(today, r))
	return nil
}

// digest sends the daily digest once a day after svDigestHour.
func (j *svJobs) digest(ctx context.Context) error {
	t := j.now().In(svShanghai)
	day := court.DateOf(t.Year(), t.Month(), t.Day())
	if t.Hour() < svDigestHour || day == j.lastDigest {
		return nil
	}
	n, err := j.db.SendDigest(ctx, j.now(), day)
	if err != nil {
		return err
	}
	j.lastDigest = day
	j.log.Info("督办每日摘要已发送", slog.Int("accounts", n))
	return nil
}

// deliver posts the due messages of the outbox to the gateway; a failure
// is logged and retried later (supervision.RetryDelay), up to
// supervision.MaxAttempts.
func (j *svJobs) deliver(ctx context.Context) error {
	wh, err := j.db.SupervisionWebhook(ctx)
	if err != nil || wh.URL == "" {
		return err
	}
	ms, err := j.db.DueOutbox(ctx, j.now(), 100)
	if err != nil {
		return err
	}
	for _, m := range ms {
		sendErr := j.post(ctx, wh, []byte(m.Payload))
		gaveUp, err := j.db.OutboxResult(ctx, m, j.now(), sendErr)
		if err != nil {
			return err
		}
		switch {
		case gaveUp:
			j.log.Error("督办消息多次发送失败，已放弃", slog.Int64("id", m.ID), slog.Any("err", sendErr))
		case sendErr != nil:
			j.log.Warn("督办消息发送失败，稍后重试", slog.Int64("id", m.ID), slog.Int("attempt", m.Attempts+1), slog.Any("err", sendErr))
		}
	}
	return nil
}

// post sends one message to the gateway, signed; any status but 2xx fails.
func (j *svJobs) post(ctx context.Context, wh store.Webhook, body []byte) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, wh.URL, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json; charset=utf-8")
	req.Header.Set(supervision.SignatureHeader, supervision.Sign([]byte(wh.Secret), body))
	res, err := j.client.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	io.Copy(io.Discard, io.LimitReader(res.Body, 1<<16))
	if res.StatusCode/100 != 2 {
		return fmt.Errorf("消息网关返回 %s", res.Status)
	}
	return nil
}
