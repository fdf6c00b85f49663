package assessment

import (
	"time"

	"github.com/zhixiao/zhixiao/internal/court"
	"github.com/zhixiao/zhixiao/internal/workdays"
)

// The states of a run (考核批次).
const (
	StateDraft      = "草稿"  // computed, may be recomputed
	StateNotice     = "公示"  // 预发布: open to objections until NoticeUntil
	StateReady      = "待发布" // the 公示 window ended with no objection open: a person publishes
	StatePublished  = "已发布" // locked
	StateSuperseded = "已更正" // a published version replaced by a correction
)

// Run is one month of one scheme on its way to publication. Versions count
// from 1; a correction of a published run is a new run with the next
// version, the old one kept as 已更正 once the new one is published.
type Run struct {
	ID          int64
	Scheme      int64
	Month       string // 2025-03
	Version     int
	State       string
	NoticeUntil time.Time // end of the 公示 window (exclusive)
	ComputedAt  time.Time
	PublishedAt time.Time
}

// Period returns the month of the run as a period.
func (r Run) Period() (court.Period, error) { return MonthPeriod(r.Month) }

// MonthPeriod reads a month "2025-03" as the period of its days.
func MonthPeriod(month string) (court.Period, error) {
	t, err := time.Parse("2006-01", month)
	if err != nil {
		return court.Period{}, invalid("月份“%s”无效，应为 YYYY-MM，如 2025-03", month)
	}
	from := court.DateOf(t.Year(), t.Month(), 1)
	to := court.DateOf(t.Year(), t.Month()+1, 1) - 1
	return court.Period{From: from, To: to}, nil
}

// MonthOf returns the month "YYYY-MM" of a day.
func MonthOf(d court.Date) string { return d.Time().Format("2006-01") }

// PrevMonth returns the month before.
func PrevMonth(month string) string {
	t, err := time.Parse("2006-01", month)
	if err != nil {
		return ""
	}
	return t.AddDate(0, -1, 0).Format("2006-01")
}

// CheckEditable reports whether the run's scores may be (re)computed or
// corrected: a draft, a run in notice (after an accepted objection) or one
// ready to publish (recomputing it sends it back to 草稿: changed scores
// need a new 公示).
func (r Run) CheckEditable() error {
	switch r.State {
	case StateDraft, StateNotice, StateReady:
		return nil
	case StatePublished, StateSuperseded:
		return court.Errorf(court.Conflict, "%s 第 %d 版考核结果已发布，不能修改；如需更正请发起更正（生成新版本）", r.Month, r.Version)
	}
	return court.Errorf(court.Conflict, "考核批次状态“%s”无效", r.State)
}

// StartNotice moves a draft into 公示 (预发布) for days working days from
// now, Monday to Friday.
func (r Run) StartNotice(now time.Time, days int) (Run, error) {
	return r.StartNoticeIn(now, days, Calendar{})
}

// StartNoticeIn is StartNotice with the court's calendar of holidays and
// working weekends (调休).
func (r Run) StartNoticeIn(now time.Time, days int, cal Calendar) (Run, error) {
	if r.State != StateDraft {
		return r, court.Errorf(court.Conflict, "只有草稿可以预发布（当前状态：%s）", r.State)
	}
	r.State = StateNotice
	r.NoticeUntil = cal.AddWorkingDays(now, days)
	return r, nil
}

// CheckObjection reports whether an objection may be filed now: only in 公示,
// before the window ends.
func (r Run) CheckObjection(now time.Time) error {
	if r.State != StateNotice {
		return court.Errorf(court.Conflict, "%s 考核结果不在公示期（当前状态：%s），不能提出异议", r.Month, r.State)
	}
	if !now.Before(r.NoticeUntil) {
		return court.Errorf(court.Conflict, "公示期已于 %s 结束，不能再提出异议", r.NoticeUntil.In(chinaTime).Format("2006-01-02 15:04"))
	}
	return nil
}

// MarkReady moves a run in 公示 whose window has ended with no objection
// open to 待发布 (the background job does it; a person still publishes).
// ok is false when the run is not ready yet.
func (r Run) MarkReady(now time.Time, openObjections int) (next Run, ok bool) {
	if r.State != StateNotice || now.Before(r.NoticeUntil) || openObjections > 0 {
		return r, false
	}
	r.State = StateReady
	return r, true
}

// Publish locks the run: after its 公示 window, with no objection open.
func (r Run) Publish(now time.Time, openObjections int) (Run, error) {
	switch {
	case r.State != StateNotice && r.State != StateReady:
		return r, court.Errorf(court.Conflict, "只有公示中的考核结果可以发布（当前状态：%s）", r.State)
	case now.Before(r.NoticeUntil):
		return r, court.Errorf(court.Conflict, "公示期至 %s 结束，期间不能发布", r.NoticeUntil.In(chinaTime).Format("2006-01-02 15:04"))
	case openObjections > 0:
		return r, court.Errorf(court.Conflict, "尚有 %d 件考核异议未处理，不能发布", openObjections)
	}
	r.State, r.PublishedAt = StatePublished, now
	return r, nil
}

// Correct starts a correction of a published run: a new draft of the next
// version; the published one stays until the correction is published.
func (r Run) Correct() (Run, error) {
	if r.State != StatePublished {
		return r, court.Errorf(court.Conflict, "只有已发布的考核结果可以更正（当前状态：%s）", r.State)
	}
	return Run{Scheme: r.Scheme, Month: r.Month, Version: r.Version + 1, State: StateDraft}, nil
}

// chinaTime is UTC+8, in which working days are counted.
var chinaTime = time.FixedZone("CST", 8*3600)

// Calendar says which days are working days: those of the court's
// calendar Base (the product's one working-day calendar, with the 国务院
// holidays and 调休; nil: Monday to Friday), except the scheme's own
// Holidays, plus its Workdays (overrides, normally empty).
type Calendar struct {
	Base               *workdays.Calendar
	Holidays, Workdays map[court.Date]bool
}

// Working reports whether d is a working day.
func (c Calendar) Working(d court.Date) bool {
	switch {
	case c.Workdays[d]:
		return true
	case c.Holidays[d]:
		return false
	case c.Base != nil:
		return c.Base.Workday(d)
	}
	wd := d.Time().Weekday()
	return wd != time.Saturday && wd != time.Sunday
}

// AddWorkingDays returns the end of the days-th working day (China time)
// after now: the 公示 window's end.
func (c Calendar) AddWorkingDays(now time.Time, days int) time.Time {
	t := now.In(chinaTime)
	d := court.DateOf(t.Year(), t.Month(), t.Day())
	for n := 0; n < days; {
		d++
		if c.Working(d) {
			n++
		}
	}
	end := (d + 1).Time()
	return time.Date(end.Year(), end.Month(), end.Day(), 0, 0, 0, 0, chinaTime).UTC()
}

// AddWorkingDays is Calendar{}.AddWorkingDays: Monday to Friday.
func AddWorkingDays(now time.Time, days int) time.Time { return Calendar{}.AddWorkingDays(now, days) }

// The states of an objection (考核异议).
const (
	ObjectionOpen     = "待复核"
	ObjectionAccepted = "已采纳"
	ObjectionRejected = "已驳回"
)

// Objection is a person's objection to their score in a run.
type Objection struct {
	ID         int64
	Run        int64
	Person     int64
	Reason     string
	FiledAt    time.Time
	State      string
	Answer     string
	Reviewer   string
	AnsweredAt time.Time
}

// CheckReason reports an empty or too long reason.
func CheckReason(reason string) error {
	switch n := len([]rune(reason)); {
	case n == 0:
		return invalid("请填写异议理由")
	case n > 2000:
		return invalid("异议理由不能超过 2000 字")
	}
	return nil
}

// Review decides an objection: accept (the run is recomputed) or reject
// with a written answer.
func (o Objection) Review(accept bool, answer, reviewer string, now time.Time) (Objection, error) {
	if o.State != ObjectionOpen {
		return o, court.Errorf(court.Conflict, "该异议已处理（%s）", o.State)
	}
	if !accept && len([]rune(answer)) == 0 {
		return o, invalid("驳回异议须填写书面答复")
	}
	o.State = ObjectionRejected
	if accept {
		o.State = ObjectionAccepted
	}
	o.Answer, o.Reviewer, o.AnsweredAt = answer, reviewer, now
	return o, nil
}

// Interview is a 约谈 record: who talked with whom, when, what was said and
// the follow-up.
type Interview struct {
	ID       int64
	Person   int64
	Month    string // the warning's month
	Leader   string
	HeldOn   court.Date
	Content  string
	FollowUp string
	By       string
}

// Check reports a missing field.
func (iv Interview) Check() error {
	switch {
	case iv.Leader == "":
		return invalid("约谈记录须填写约谈人")
	case iv.HeldOn.IsZero():
		return invalid("约谈记录须填写约谈日期")
	case iv.Content == "":
		return invalid("约谈记录须填写谈话内容")
	case iv.FollowUp == "":
		return invalid("约谈记录须填写整改跟进措施")
	case len([]rune(iv.Leader)) > 50:
		return invalid("约谈人不能超过 50 字")
	case len([]rune(iv.Content)) > 2000 || len([]rune(iv.FollowUp)) > 2000:
		return invalid("谈话内容和跟进措施各不能超过 2000 字")
	}
	_, err := MonthPeriod(iv.Month)
	return err
}

// Move is a person's place under two schemes (what-if).
type Move struct {
	Person         Person
	RankA, RankB   int
	TotalA, TotalB float64
	Delta          int // RankA − RankB: positive moves up
}

// Compare pairs the rankings of two tables of the same people: who moves,
// by how much; the largest moves first.
func Compare(a, b *Table) []Move {
	ra, rb := ranked(a), ranked(b)
	var out []Move
	for _, s := range ra {
		o, ok := findScore(rb, s.Person.ID)
		if !ok {
			continue
		}
		m := Move{Person: s.Person, RankA: s.Rank, RankB: o.Rank, TotalA: s.Total, TotalB: o.Total}
		if s.Rank > 0 && o.Rank > 0 {
			m.Delta = s.Rank - o.Rank // rank 0: 本月无办案 under one scheme, no move
		}
		out = append(out, m)
	}
	sortMoves(out)
	return out
}

func ranked(t *Table) []Score {
	ss := append([]Score(nil), t.Scores...)
	RankScores(ss)
	return ss
}

func findScore(ss []Score, id int64) (Score, bool) {
	for _, s := range ss {
		if s.Person.ID == id {
			return s, true
		}
	}
	return Score{}, false
}
