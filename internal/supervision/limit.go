package supervision

import "github.com/zhixiao/zhixiao/internal/court"

// Limit is the 审限 arithmetic of a case on a day, after the rule of
// within_limit_rate (INDICATORS.md): the days used are (end - 立案日期) -
// 扣除天数, the days allowed 审限天数 + 延长天数, where end is the 结案日期 or,
// while the case is pending, today.
type Limit struct {
	Used     int        // days used
	Allowed  int        // 审限天数 + 延长天数; 0 = 不计审限
	Left     int        // Allowed - Used (meaningful when Allowed > 0)
	Deadline court.Date // the day the limit runs out: 立案日期 + Allowed + 扣除天数
}

// TimeLimit computes the Limit of a case filed on filed, closed on closed
// (NoDate while pending), with limitDays (0 = no limit), extended and
// suspended days, on today.
func TimeLimit(filed, closed court.Date, limitDays, extended, suspended int, today court.Date) Limit {
	end := closed
	if end.IsZero() {
		end = today
	}
	l := Limit{Used: int(end-filed) - suspended}
	if limitDays == 0 {
		return l
	}
	l.Allowed = limitDays + extended
	l.Left = l.Allowed - l.Used
	l.Deadline = filed + court.Date(l.Allowed+suspended)
	return l
}

// monthsPending counts the whole months from filed that lie strictly before
// today: 12 on the day after the first anniversary, so that "over 12
// months" (超12个月) is monthsPending >= 12.
func monthsPending(filed, today court.Date) int {
	if filed.IsZero() || today <= filed {
		return 0
	}
	f, t := filed.Time(), today.Time()
	m := (t.Year()-f.Year())*12 + int(t.Month()) - int(f.Month())
	for m > 0 && !f.AddDate(0, m, 0).Before(t) {
		m--
	}
	return m
}
