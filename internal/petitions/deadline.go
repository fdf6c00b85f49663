package petitions

import "github.com/zhixiao/zhixiao/internal/court"

// Rules are the court's deadlines, in working days (日接收、周反馈、月通报).
type Rules struct {
	FeedbackDays int // the citizen hears back within this many working days; 5 by default
	CloseDays    int // the request is closed within this many working days; 15 by default
	LeaderAfter  int // overdue this many working days more, it goes up to the leader in charge; 2 by default
}

// DefaultRules are 5 working days to feedback, 15 to close, and 2 more
// before the leader in charge is told.
func DefaultRules() Rules { return Rules{FeedbackDays: 5, CloseDays: 15, LeaderAfter: 2} }

// Check reports rules that cannot work.
func (r Rules) Check() error {
	if r.FeedbackDays < 1 || r.FeedbackDays > 60 || r.CloseDays < r.FeedbackDays || r.CloseDays > 120 || r.LeaderAfter < 0 || r.LeaderAfter > 30 {
		return court.Errorf(court.Invalid, "期限设置无效：反馈期限应为 1–60 个工作日，办结期限不少于反馈期限且不超过 120 个工作日，升级间隔 0–30 个工作日")
	}
	return nil
}

// Deadlines are the due days of a request.
type Deadlines struct {
	Ack      court.Date // 签收: the day it arrives (the next working day when it arrives on a day off)
	Feedback court.Date // 答复
	Close    court.Date // 办结
}

// DeadlinesOf computes the due days of a request received on day.
func (r Rules) DeadlinesOf(cal *Calendar, day court.Date) Deadlines {
	return Deadlines{Ack: cal.NextWorkday(day), Feedback: cal.AddWorkdays(day, r.FeedbackDays), Close: cal.AddWorkdays(day, r.CloseDays)}
}

// Level is how far an overdue request has gone up.
type Level int

// The levels.
const (
	LevelNone   Level = iota
	LevelChief        // 庭长 of the department handling it (or of the owner's)
	LevelLeader       // 分管院领导
)

// String names the level in Chinese.
func (l Level) String() string {
	switch l {
	case LevelChief:
		return "已提醒庭长"
	case LevelLeader:
		return "已报分管院领导"
	}
	return ""
}

// Overdue returns the step that is late on today (签收, 答复 or 办结; ""
// when none) and the first day it was late.
func (r Rules) Overdue(cal *Calendar, p *Petition, today court.Date) (string, court.Date) {
	d := r.DeadlinesOf(cal, p.ReceivedOn)
	step := r.overdueBy(d, p, today)
	switch step {
	case "签收":
		return step, d.Ack + 1
	case "答复":
		return step, d.Feedback + 1
	case "办结":
		return step, d.Close + 1
	}
	return "", 0
}

// overdueBy is the step of p late on today given its deadlines d.
func (r Rules) overdueBy(d Deadlines, p *Petition, today court.Date) string {
	switch {
	case p.Status == StatusClosed:
		return ""
	case p.AckOn == 0 && today > d.Ack:
		return "签收"
	case p.AnsweredOn == 0 && today > d.Feedback:
		return "答复"
	case today > d.Close:
		return "办结"
	}
	return ""
}

// EscalationOf is the level a request should have reached on today: the
// 庭长 on the first working day a step is late, the leader in charge
// LeaderAfter working days later.
func (r Rules) EscalationOf(cal *Calendar, p *Petition, today court.Date) Level {
	step, since := r.Overdue(cal, p, today)
	if step == "" {
		return LevelNone
	}
	if cal.WorkdaysAfter(since-1, today) > r.LeaderAfter {
		return LevelLeader
	}
	return LevelChief
}

// AnsweredInTime reports whether p was answered by its feedback deadline.
func (r Rules) AnsweredInTime(cal *Calendar, p *Petition) bool {
	return p.AnsweredOn != 0 && p.AnsweredOn <= r.DeadlinesOf(cal, p.ReceivedOn).Feedback
}

// StaleAfter is how many days the case data may lag behind the clock and
// still be a live court's (a nightly import, a long holiday, an import that
// failed for a while).
const StaleAfter = 31

// Today is the day the desk measures deadlines and escalation from, given
// the clock's day in China and the case data's latest day (0 when
// unknown). A live desk runs on the clock, even when the import lags by a
// weekend or a holiday: the citizen's deadlines do not wait for the case
// data. Data that stopped more than StaleAfter days before the clock (the
// demo, an archived export) is read as of its own latest day, like every
// other page, so that its requests are not all a year overdue.
func Today(clock, latest court.Date) court.Date {
	if latest != 0 && latest < clock-StaleAfter {
		return latest
	}
	return clock
}
