package ingest

import (
	"github.com/zhixiao/zhixiao/internal/court"
)

// checkFund reads a row of the 执行案款表. The same receipt may appear twice
// (two equal payments on one day); counting occurrences is the store's job.
func (c *rowCtx) checkFund() *court.FundReceipt {
	r := &court.FundReceipt{}
	if no, ok := c.caseNo(fCaseNo); ok {
		r.CaseNo = no.String()
	}
	received, okReceived := c.requiredDate(fReceivedOn)
	r.ReceivedOn = received
	r.Amount = c.requiredAmount(fAmount)
	paid, okPaid := c.date(fPaidOn)
	r.PaidOn = paid
	r.PaidAmount = c.amount(fPaidAmount)
	switch {
	case okReceived && okPaid && paid != court.NoDate && paid < received:
		c.problem(fPaidOn, "发放日期早于到账日期（"+received.String()+"）")
	case okPaid && paid == court.NoDate && r.PaidAmount != court.NoMoney:
		c.problem(fPaidOn, "填写了发放金额，但发放日期为空")
	case okPaid && paid != court.NoDate && r.PaidAmount == court.NoMoney && c.cell(fPaidAmount) == "":
		c.problem(fPaidAmount, "填写了发放日期，但发放金额为空")
	}
	return r
}

// mediationResults maps the spellings of 结果 to the outcomes.
var mediationResults = map[string]court.MediationResult{
	"":   court.MediationPending,
	"成功": court.MediationSuccess, "调解成功": court.MediationSuccess, "达成调解协议": court.MediationSuccess,
	"不成功": court.MediationFailure, "调解不成功": court.MediationFailure, "失败": court.MediationFailure,
	"调解失败": court.MediationFailure, "未成功": court.MediationFailure, "未达成调解协议": court.MediationFailure,
}

// checkMediation reads a row of the 诉前调解表.
func (c *rowCtx) checkMediation() *court.Mediation {
	m := &court.Mediation{
		ID:       c.required(mID),
		Court:    c.required(mCourt),
		Mediator: c.cell(mMediator),
	}
	registered, okReg := c.requiredDate(mRegisteredOn)
	ended, okEnd := c.date(mEndedOn)
	m.RegisteredOn, m.EndedOn = registered, ended
	result, okResult := mediationResults[c.cell(mResult)]
	if !okResult {
		c.problem(mResult, "无法识别的调解结果，应为“成功”或“不成功”")
	}
	m.Result = result
	m.Confirmed = c.tri(mConfirmed) == court.Yes
	c.checkMediationDates(m, okReg && okEnd, okEnd && okResult)
	if m.ID != "" {
		c.s.seen.key(c, mID, m.ID, "编号")
	}
	return m
}

// checkMediationDates checks that a mediation ends after it is registered,
// that an ended one has a result and a pending one none, and that only a
// successful one is confirmed.
func (c *rowCtx) checkMediationDates(m *court.Mediation, okDates, okResult bool) {
	if okDates && m.EndedOn != court.NoDate && m.EndedOn < m.RegisteredOn {
		c.problem(mEndedOn, "结束日期早于登记日期（"+m.RegisteredOn.String()+"）")
	}
	switch {
	case !okResult:
	case m.EndedOn != court.NoDate && m.Result == court.MediationPending:
		c.problem(mResult, "已结束的调解（结束日期 "+m.EndedOn.String()+"）必须填写结果：成功或不成功")
	case m.EndedOn == court.NoDate && m.Result != court.MediationPending:
		c.problem(mResult, "调解尚未结束（结束日期为空），不应填写结果；如已结束，请填写结束日期")
	}
	if m.Confirmed && okResult && m.Result != court.MediationSuccess {
		c.problem(mConfirmed, "只有调解成功的才能司法确认")
	}
}
