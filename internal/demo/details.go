package demo

import (
	"math"

	"github.com/zhixiao/zhixiao/internal/court"
)

// awarded is the amount a judgment or mediation of a claim grants: rarely
// all of it, less in a mediation.
func (s *sim) awarded(claim court.Money, m court.CloseMethod) court.Money {
	if claim <= 0 {
		claim = court.Money(s.r.lognormal(30000, 1) * 100)
	}
	f := s.r.uniform(0.55, 1)
	if m == court.CloseMediation {
		f = s.r.uniform(0.4, 0.9)
	}
	return max(court.Money(math.Round(float64(claim)*f)), 100_00)
}

// recovered is the 执行到位金额 of an enforcement: all of it when completed
// (执行完毕), most of it in a settlement, nothing or a little when the case
// ends without finding property (终本) or is terminated.
func (s *sim) recovered(amount court.Money, m court.CloseMethod, pending bool) court.Money {
	f := 0.0
	switch {
	case pending:
		if s.r.chance(0.3) {
			f = s.r.uniform(0.05, 0.5)
		}
	case m == court.CloseExecCompleted:
		f = 1
	case m == court.CloseSettlement:
		f = s.r.uniform(0.5, 1)
	case m == court.CloseExecSuspended:
		if s.r.chance(0.35) {
			f = s.r.uniform(0.01, 0.4)
		}
	case m == court.CloseExecTerminated:
		if s.r.chance(0.5) {
			f = s.r.uniform(0.05, 0.6)
		}
	}
	return court.Money(math.Round(float64(amount) * f))
}

// hearings is the 开庭次数 of a case: none for most withdrawals and
// enforcement, one or more for judgments, some 二审 decided on the papers
// (不开庭审理), most criminal 二审.
func (s *sim) hearings(t caseType, c *court.Case, ti *typeInfo) int {
	m := c.CloseMethod
	if !c.Closed() {
		if t.isFirst() && float64(s.end-c.FiledOn) > ti.median {
			return 1
		}
		return 0
	}
	switch {
	case t.isFirst():
		return s.firstHearings(c)
	case t.isSecond():
		p := [numTypes]float64{civilSecond: 0.7, criminalSecond: 0.15, adminSecond: 0.55}[t]
		if m == court.CloseModify || m == court.CloseRemand {
			p += 0.2
		}
		if m == court.CloseAppealWithdrawn || !s.r.chance(p) {
			return 0
		}
		return 1 + s.r.poisson(0.2)
	case t == civilRetrial:
		return 1 + s.r.poisson(0.3)
	case t == execObjection && s.r.chance(0.15): // 听证
		return 1
	}
	return 0
}

// firstHearings is the 开庭次数 of a closed first-instance case.
func (s *sim) firstHearings(c *court.Case) int {
	switch c.CloseMethod {
	case court.CloseWithdrawal:
		return boolInt(s.r.chance(0.3))
	case court.CloseMediation:
		return boolInt(s.r.chance(0.6))
	case court.CloseDismissal:
		return boolInt(s.r.chance(0.7))
	case court.CloseJudgment:
		if c.Track == court.TrackOrdinary {
			return 1 + s.r.poisson(0.6)
		}
		return 1 + boolInt(s.r.chance(0.12))
	}
	return boolInt(s.r.chance(0.5))
}

// efile sets the 电子卷宗 of c: generated on the day of filing for most
// cases, within three days for more, later for some, never for a few; and
// read online (网上阅卷) a few times.
func (s *sim) efile(c *court.Case, ti *typeInfo) {
	u := s.r.Float64()
	var delay int
	switch {
	case u < 0.03:
		return
	case u < 0.72:
		delay = 0
	case u < 0.90:
		delay = s.r.between(1, 3)
	default:
		delay = s.r.between(4, 30)
	}
	on := c.FiledOn + court.Date(delay)
	if on > s.end {
		return
	}
	c.EfileOn = on
	mean := ti.reads
	if c.Track == court.TrackOrdinary {
		mean *= 1.8
	}
	c.EfileReads = s.r.poisson(mean)
}

// funds draws the execution-fund receipts of an enforcement case in the
// window: the part of the recovered amount paid through the court's account,
// in one to three receipts, most paid out within 30 days (法发〔2017〕6号),
// some late, a few not yet.
func (s *sim) funds(c *court.Case) error {
	if c.ExecRecovered <= 0 {
		return nil
	}
	total := float64(c.ExecRecovered) * s.r.uniform(0.6, 1)
	hi := c.ClosedOn
	if !c.Closed() {
		hi = s.end
	}
	lo := max(c.FiledOn+7, hi-150)
	switch {
	case lo <= hi:
	case c.Closed(): // paid at once
		lo = c.FiledOn
	default: // filed in the last days of the window
		return nil
	}
	n := 1 + receiptCounts.pick(s.r)
	days := make([]court.Date, n)
	for i := range days {
		days[i] = max(min(closingDay(lo+court.Date(s.r.between(0, int(hi-lo)))), hi), lo)
	}
	if c.Closed() {
		days[n-1] = hi // the last payment closes the case
	}
	for i := range n {
		amount := court.Money(math.Round(total / float64(n) * s.r.uniform(0.7, 1.3)))
		if amount <= 0 || days[i] < s.start || days[i] > s.end {
			continue
		}
		fr := &court.FundReceipt{CaseNo: c.No.String(), ReceivedOn: days[i], Amount: amount, PaidOn: court.NoDate, PaidAmount: court.NoMoney}
		if paid := s.payout(days[i]); paid != court.NoDate && paid <= s.end {
			fr.PaidOn, fr.PaidAmount = paid, amount
		}
		if err := s.sink.Fund(fr); err != nil {
			return err
		}
	}
	return nil
}

// receiptCounts is the distribution of the number of receipts, less one.
var receiptCounts = newWeights(0.65, 0.25, 0.10)

// payout is the day a receipt is paid out, NoDate for never.
func (s *sim) payout(received court.Date) court.Date {
	u := s.r.Float64()
	switch {
	case u < 0.86:
		d := received + court.Date(min(s.r.days(9, 0.6, 1), 30))
		if !workday(d) && workday(d-1) {
			d--
		} else if !workday(d) {
			d = nextWorkday(d)
		}
		return d
	case u < 0.96:
		return nextWorkday(received + court.Date(s.r.between(31, 120)))
	}
	return court.NoDate
}
