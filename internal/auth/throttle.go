package auth

import (
	"errors"
	"strconv"
	"time"

	"github.com/zhixiao/zhixiao/internal/court"
)

// ErrThrottled is the cause of the error Limits.Check returns; the web
// answers it with 429.
var ErrThrottled = errors.New("auth: too many failed logins")

// Limits bound failed logins within a sliding window, per login name and
// per client address. A client over either limit is refused before its
// password is checked, so that guessing stops even for the right password.
type Limits struct {
	PerLogin int
	PerIP    int
	Window   time.Duration
}

// DefaultLimits allow 5 failures per login name and 30 per address in 15
// minutes (a court's offices often share one address).
func DefaultLimits() Limits {
	return Limits{PerLogin: 5, PerIP: 30, Window: 15 * time.Minute}
}

// Since is the start of the window that ends at now.
func (l Limits) Since(now time.Time) time.Time { return now.Add(-l.Window) }

// Check returns an error of kind Forbidden wrapping ErrThrottled when the
// failures counted in the window reach either limit.
func (l Limits) Check(loginFailures, ipFailures int) error {
	if loginFailures < l.PerLogin && ipFailures < l.PerIP {
		return nil
	}
	return &court.Error{
		Kind:    court.Forbidden,
		Message: "登录失败次数过多，请 " + minutes(l.Window) + " 分钟后再试",
		Err:     ErrThrottled,
	}
}

func minutes(d time.Duration) string { return strconv.Itoa(int(d.Round(time.Minute) / time.Minute)) }
