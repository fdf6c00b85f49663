package petitions

import (
	"sort"

	"github.com/zhixiao/zhixiao/internal/court"
)

// BulletinRow is one department's line of the monthly bulletin (月通报).
type BulletinRow struct {
	DeptID         int64
	Dept           string // "未分派" for requests no department handles yet
	Received       int
	ByType         map[Type]int // received, by type
	Closed         int
	FeedbackDue    int
	FeedbackOnTime int
	Overdue        int // open and late at the period's end
	Substantiated  int
}

// OnTimeRate is FeedbackOnTime / FeedbackDue, or -1 when none fell due.
func (r BulletinRow) OnTimeRate() float64 {
	if r.FeedbackDue == 0 {
		return -1
	}
	return float64(r.FeedbackOnTime) / float64(r.FeedbackDue)
}

// asOf returns p as it stood at the end of day: what happened later is undone.
func asOf(p Petition, day court.Date) Petition {
	if p.ClosedOn > day {
		p.ClosedOn, p.Status = 0, StatusAnswered
	}
	if p.AnsweredOn > day {
		p.AnsweredOn, p.Status = 0, StatusHandling
	}
	if p.AckOn > day {
		p.AckOn, p.Status = 0, StatusReceived
	}
	return p
}

// Bulletin counts the requests of a period by department: received and
// closed in the period, answered in time of those whose feedback fell due
// in it, open and late at its end, complaints found true in it. ps are
// every request of the court received on or before the period's end.
func Bulletin(ps []Petition, per court.Period, r Rules, cal *Calendar) (rows []BulletinRow, total BulletinRow) {
	byDept := map[int64]*BulletinRow{}
	total = BulletinRow{Dept: "合计", ByType: map[Type]int{}}
	due := map[court.Date]Deadlines{} // requests received on the same day share their deadlines
	for i := range ps {
		p := asOf(ps[i], per.To)
		if p.ReceivedOn > per.To {
			continue
		}
		d, ok := due[p.ReceivedOn]
		if !ok {
			d = r.DeadlinesOf(cal, p.ReceivedOn)
			due[p.ReceivedOn] = d
		}
		row := byDept[p.DeptID]
		if row == nil {
			row = &BulletinRow{DeptID: p.DeptID, Dept: p.Dept, ByType: map[Type]int{}}
			if p.DeptID == 0 {
				row.Dept = "未分派"
			}
			byDept[p.DeptID] = row
		}
		late := r.overdueBy(d, &p, per.To) != ""
		for _, x := range []*BulletinRow{row, &total} {
			count(x, &p, per, d, late)
		}
	}
	for _, row := range byDept {
		if row.Received+row.Closed+row.FeedbackDue+row.Overdue > 0 {
			rows = append(rows, *row)
		}
	}
	sort.Slice(rows, func(i, j int) bool {
		if (rows[i].DeptID == 0) != (rows[j].DeptID == 0) {
			return rows[j].DeptID == 0
		}
		return rows[i].Dept < rows[j].Dept
	})
	return rows, total
}

func count(x *BulletinRow, p *Petition, per court.Period, d Deadlines, late bool) {
	if per.Contains(p.ReceivedOn) {
		x.Received++
		x.ByType[p.Type]++
	}
	if per.Contains(p.ClosedOn) {
		x.Closed++
		if p.Type.Judged() && p.Finding.Substantiated() {
			x.Substantiated++
		}
	}
	if per.Contains(d.Feedback) {
		x.FeedbackDue++
		if p.AnsweredOn != 0 && p.AnsweredOn <= d.Feedback {
			x.FeedbackOnTime++
		}
	}
	if late {
		x.Overdue++
	}
}

// Summary is the court's total in the form the monthly bulletin of the
// documents module reads.
func Summary(total BulletinRow) court.PetitionSummary {
	return court.PetitionSummary{Received: total.Received, Closed: total.Closed, FeedbackOnTime: total.FeedbackOnTime,
		FeedbackDue: total.FeedbackDue, Overdue: total.Overdue, Substantiated: total.Substantiated}
}
