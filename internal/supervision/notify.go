package supervision

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"time"

	"github.com/zhixiao/zhixiao/internal/court"
)

// SignatureHeader carries the webhook's signature: "sha256=" and the hex
// HMAC-SHA256 of the request body under the court's secret.
const SignatureHeader = "X-Zhixiao-Signature"

// Sign returns the value of SignatureHeader for body.
func Sign(secret, body []byte) string {
	m := hmac.New(sha256.New, secret)
	m.Write(body)
	return "sha256=" + hex.EncodeToString(m.Sum(nil))
}

// Verify reports whether sig is the signature of body under secret; a
// gateway checks it so.
func Verify(secret, body []byte, sig string) bool {
	return hmac.Equal([]byte(Sign(secret, body)), []byte(sig))
}

// RetryDelay is how long a failed webhook delivery waits before its next
// attempt: 1, 2, 4 ... minutes, at most an hour.
func RetryDelay(attempts int) time.Duration {
	d := time.Minute << min(max(attempts-1, 0), 6)
	return min(d, time.Hour)
}

// MaxAttempts is the number of deliveries after which a message is given up (and logged).
const MaxAttempts = 10

// Message is a notice for the inbox of an account, and for the gateway.
type Message struct {
	UserID int64
	Kind   string // 预警, 督办, 超期升级, 销号 ...
	Title  string
	Link   string // a path on the site
}

// WeekOf returns the Monday and the Sunday of the week of day.
func WeekOf(day court.Date) (court.Date, court.Date) {
	wd := int(day.Time().Weekday()+6) % 7 // Monday 0
	from := day - court.Date(wd)
	return from, from + 6
}
