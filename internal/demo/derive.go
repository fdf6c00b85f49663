package demo

import (
	"github.com/zhixiao/zhixiao/internal/court"
)

// derive plans the cases that derive from a case (its children, filed
// later), and reports whether a first-instance judgment is appealed.
func (s *sim) derive(sp *spec, f *fate) (appealed bool) {
	s.duringCase(sp, f)
	if f.pending {
		return false
	}
	switch {
	case sp.typ.isFirst():
		return s.afterFirst(sp, f)
	case sp.typ.isSecond():
		s.afterSecond(sp, f)
	case sp.typ == civilReview && f.method == court.CloseOther: // 裁定再审
		s.retrial(sp, f)
	case sp.typ == civilSpecial && (f.method == court.CloseOther || f.method == court.CloseJudgment),
		sp.typ == civilDunning && f.method == court.CloseOther: // 司法确认, 实现担保物权, 支付令
		if s.r.chance(sp.cause.exec) {
			s.plan(f.filed, f.closed+court.Date(s.r.days(45, 0.8, 16)), s.execSpec(sp.court, sp.cause, s.awarded(sp.claim, f.method)))
		}
	case sp.typ == execFirst && f.method == court.CloseExecSuspended: // 终本, then property is found
		if s.r.chance(0.12) {
			k := spec{typ: execResume, court: sp.court, dept: sp.court.byRole[roleExec], cause: sp.cause,
				claim: court.NoMoney, exec: max(f.exec-f.recovered, 100_00)}
			s.plan(f.filed, f.closed+court.Date(min(s.r.days(180, 0.7, 30), 900)), k)
		}
	case sp.typ == execObjection && f.method != court.CloseWithdrawal && sp.court.basic: // 执行复议
		if s.r.chance(0.15) {
			mid := s.org.courts[0]
			k := spec{typ: execReview, court: mid, dept: mid.byRole[roleExec], cause: s.causes.review.draw(s.r),
				claim: court.NoMoney, exec: court.NoMoney}
			s.plan(f.filed, f.closed+court.Date(s.r.days(18, 0.3, 10)), k)
		}
	}
	return false
}

// duringCase plans the cases filed while a case is open: 执行异议 during an
// enforcement, 财产保全 at the start of a large civil suit.
func (s *sim) duringCase(sp *spec, f *fate) {
	until := min(f.closed, s.end)
	switch {
	case sp.typ.isExec() && until-f.filed > 25:
		if s.r.chance(0.05) {
			k := spec{typ: execObjection, court: sp.court, dept: sp.court.byRole[roleExec],
				cause: s.causes.objection.draw(s.r), claim: court.NoMoney, exec: court.NoMoney}
			s.plan(f.filed, f.filed+court.Date(s.r.between(10, int(until-f.filed)-5)), k)
		}
	case sp.typ == civilFirst && f.track == court.TrackOrdinary && sp.claim >= 100000_00:
		if s.r.chance(0.08) {
			k := spec{typ: execPreservation, court: sp.court, dept: sp.court.byRole[roleExec],
				cause: s.causes.keep.draw(s.r), claim: court.NoMoney, exec: court.NoMoney}
			s.plan(f.filed, f.filed+court.Date(s.r.between(1, 6)), k)
		}
	}
}

// appealChance is the share of first-instance cases closed by method m
// that are appealed. 小额诉讼 judgments are final (一审终审).
func appealChance(t caseType, m court.CloseMethod, basic bool, track court.Track) float64 {
	if track == court.TrackSmallClaim {
		return 0
	}
	switch {
	case m == court.CloseDismissal && t != criminalFirst:
		return 0.3
	case m != court.CloseJudgment:
		return 0
	case t == civilFirst && basic:
		return 0.25
	case t == criminalFirst && basic && track == court.TrackExpedited:
		return 0.02
	case t == criminalFirst && basic:
		return 0.07
	case t == adminFirst:
		return 0.45
	}
	return 0.4 // the 中院's own first instance, appealed to the 高院
}

// afterFirst plans what follows a closed first-instance case: an appeal to
// the 中院, or an application for enforcement (申请执行) and, rarely, for a
// retrial (申请再审).
func (s *sim) afterFirst(sp *spec, f *fate) bool {
	mid := s.org.courts[0]
	if s.r.chance(appealChance(sp.typ, f.method, sp.court.basic, f.track)) {
		if sp.court.basic {
			k := spec{typ: sp.typ.appealOf(), court: mid, cause: sp.cause, claim: sp.claim, exec: court.NoMoney}
			s.plan(f.filed, f.closed+court.Date(s.r.days(33, 0.3, 16)), k)
		}
		return true
	}
	s.enforce(sp, f, sp.court, "")
	if sp.typ == civilFirst && sp.court.basic && f.method == court.CloseJudgment && s.r.chance(0.015) {
		k := spec{typ: civilReview, court: mid, cause: sp.cause, claim: sp.claim, exec: court.NoMoney}
		s.plan(f.filed, f.closed+court.Date(s.r.days(110, 0.5, 30)), k)
	}
	return false
}

// enforce plans a 首次执行 case in court ci whose 执行依据 is the judgment
// or mediation of sp (or origin, when given): the creditor applies after
// the judgment takes effect and the time to perform has passed; a
// criminal court sends 罚金 and 退赔 for enforcement itself (移送执行).
func (s *sim) enforce(sp *spec, f *fate, ci *courtInfo, origin string) {
	var wait court.Date
	switch {
	case sp.typ == criminalFirst && f.method == court.CloseJudgment:
		if !s.r.chance(sp.cause.exec) {
			return
		}
		k := s.execSpec(ci, sp.cause, court.Money(s.r.lognormal(12000, 1.1)*100))
		s.plan(f.filed, f.closed+court.Date(s.r.days(40, 0.6, 10)), k)
		return
	case sp.typ != civilFirst && sp.typ != civilSecond:
		return
	case f.method == court.CloseJudgment, f.method == court.CloseUphold, f.method == court.CloseModify,
		f.method == court.CloseAppealWithdrawn:
		wait = 15
	case f.method != court.CloseMediation:
		return
	}
	p := sp.cause.exec
	if f.method == court.CloseMediation {
		p *= 0.8
	}
	if !s.r.chance(p) {
		return
	}
	k := s.execSpec(ci, sp.cause, s.awarded(sp.claim, f.method))
	k.origin = origin
	s.plan(f.filed, f.closed+wait+court.Date(min(s.r.days(65, 0.9, 5), 700)), k)
}

// execSpec is a 首次执行 case in court ci.
func (s *sim) execSpec(ci *courtInfo, c *cause, amount court.Money) spec {
	return spec{typ: execFirst, court: ci, dept: ci.byRole[roleExec], cause: c, claim: court.NoMoney, exec: amount}
}

// afterSecond plans what follows a closed 二审: the 重审 of a remanded case
// in the court below, enforcement of the judgment upheld or changed, and,
// rarely, a retrial.
func (s *sim) afterSecond(sp *spec, f *fate) {
	switch f.method {
	case court.CloseRemand:
		k := spec{typ: sp.typ - civilSecond, court: sp.src, dept: sp.srcDept, cause: sp.cause, claim: sp.claim,
			exec: court.NoMoney, track: court.TrackOrdinary}
		s.plan(f.filed, f.closed+court.Date(s.r.days(25, 0.4, 7)), k)
		return
	case court.CloseUphold, court.CloseAppealWithdrawn:
		s.enforce(sp, f, sp.src, sp.origin) // the 执行依据 is the 一审 judgment
	case court.CloseModify, court.CloseMediation:
		s.enforce(sp, f, sp.src, "")
	}
	if sp.typ == civilSecond && (f.method == court.CloseUphold || f.method == court.CloseModify) && s.r.chance(0.004) {
		mid := s.org.courts[0]
		k := spec{typ: civilRetrial, court: mid, cause: sp.cause, claim: sp.claim, exec: court.NoMoney}
		s.plan(f.filed, f.closed+court.Date(s.r.days(240, 0.5, 60)), k)
	}
}

// retrial plans the 再审 ordered by a 民申 case: heard by the 中院 itself
// (提审) or sent back to the court of the 一审 (指令再审). Its 原审 is the
// judgment under review.
func (s *sim) retrial(sp *spec, f *fate) {
	k := spec{typ: civilRetrial, court: sp.src, dept: sp.srcDept, cause: sp.cause, claim: sp.claim,
		exec: court.NoMoney, origin: sp.origin}
	if s.r.chance(0.5) {
		k.court, k.dept = s.org.courts[0], nil
	}
	s.plan(f.filed, f.closed+court.Date(s.r.days(20, 0.4, 5)), k)
}

// appealFlag is the 是否上诉 of a closed first-instance case: given for most
// cases, left empty for some.
func (s *sim) appealFlag(appealed bool) court.Tri {
	if s.r.chance(0.15) {
		return court.Unknown
	}
	if appealed {
		return court.Yes
	}
	return court.No
}
