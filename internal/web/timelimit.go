package web

import (
	"fmt"

	"github.com/zhixiao/zhixiao/internal/court"
	"github.com/zhixiao/zhixiao/internal/store"
	"github.com/zhixiao/zhixiao/internal/supervision"
)

// nearLimitDays is how close to its 审限 a pending case is listed as 临近审限.
const nearLimitDays = 30

// longPendingDays is the age past which a pending case is 长期未结 (超12个月,
// as the indicator over_12m_ratio counts it).
const longPendingDays = 365

// limitStatus is the 审限 status of a case on a day.
type limitStatus struct {
	Label    string
	Class    string // ok, warn, bad or "" (no limit)
	Used     int    // days used: (end - 立案日期) - 扣除天数
	Allowed  int    // 审限天数 + 延长天数, 0 = no limit
	Left     int    // Allowed - Used, for pending cases with a limit
	Deadline court.Date
}

// timeLimit applies the rule of within_limit_rate (INDICATORS.md): a case
// is within its limit when (结案日期 - 立案日期 - 扣除天数) <= 审限天数 + 延长天数.
// A pending case is measured on today. The arithmetic is
// supervision.TimeLimit, which the case warnings use too.
func timeLimit(c *store.CaseSummary, today court.Date) limitStatus {
	l := supervision.TimeLimit(c.FiledOn, c.ClosedOn, c.LimitDays, c.ExtendedDays, c.SuspendedDays, today)
	st := limitStatus{Used: l.Used, Allowed: l.Allowed, Left: l.Left, Deadline: l.Deadline}
	if c.LimitDays == 0 {
		st.Label = "不计审限"
		return st
	}
	switch {
	case !c.ClosedOn.IsZero() && st.Left >= 0:
		st.Label, st.Class = "审限内结案", "ok"
	case !c.ClosedOn.IsZero():
		st.Label, st.Class = fmt.Sprintf("超审限 %d 天结案", -st.Left), "bad"
	case st.Left < 0:
		st.Label, st.Class = fmt.Sprintf("已超审限 %d 天", -st.Left), "bad"
	case st.Left <= nearLimitDays:
		st.Label, st.Class = fmt.Sprintf("临近审限（剩 %d 天）", st.Left), "warn"
	default:
		st.Label, st.Class = fmt.Sprintf("审限内（剩 %d 天）", st.Left), "ok"
	}
	return st
}

// today is the day the pages measure from: today in China Standard Time,
// or the data's latest day when that is earlier (an export of last month
// is read as of its own day).
func (s *Server) today() court.Date {
	t := s.cfg.Now().In(shanghai)
	d := court.DateOf(t.Year(), t.Month(), t.Day())
	if asOf := court.Date(s.asOf.Load()); asOf != 0 && asOf < d {
		return asOf
	}
	return d
}
