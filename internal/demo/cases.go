package demo

import (
	"math"

	"github.com/zhixiao/zhixiao/internal/court"
)

// fate is how a case ends, decided when it is filed.
type fate struct {
	filed, closed court.Date // closed: the day it closes, after the window when pending
	pending       bool       // still open at the end of the window
	method        court.CloseMethod
	track         court.Track
	exec          court.Money // 申请执行标的额
	recovered     court.Money // 执行到位金额
}

// file files a case on day d and gives it to the sink when the data set
// keeps it: always in the window; in the warm-up only when it is still
// pending at the start of the window or a kept case derives from it.
func (s *sim) file(d court.Date, sp spec) error {
	ti := &s.types[sp.typ]
	seq := s.nextSeq(sp.court, sp.typ, d)
	f := fate{filed: d, track: s.chooseTrack(&sp)}
	oc := s.chooseOutcome(&sp, ti)
	dur, suspended := s.duration(&sp, ti, f.track, oc)
	f.closed = s.closingDate(d, dur, sp.dur > 0)
	f.pending = f.closed > s.end
	f.method = oc.method
	if sp.typ.isExec() {
		f.exec = sp.exec
		if f.exec <= 0 { // a matter without a claim amount: what the judgment awarded
			f.exec = court.Money(math.Round(s.r.lognormal(40000, 1.1))) * 100
		}
		f.recovered = s.recovered(f.exec, f.method, f.pending)
	}
	s.kids = s.kids[:0]
	appealed := s.derive(&sp, &f)
	if f.closed < s.start && len(s.kids) == 0 {
		return nil
	}
	c := s.build(&sp, ti, &f, seq, suspended, appealed)
	if err := s.sink.Case(c); err != nil {
		return err
	}
	s.kept++
	if sp.typ.isExec() {
		if err := s.funds(c); err != nil {
			return err
		}
	}
	no := c.No.String()
	for _, k := range s.kids {
		if k.sp.origin == "" {
			k.sp.origin = no
		}
		if k.sp.src == nil {
			k.sp.src, k.sp.srcDept = sp.court, sp.dept
		}
		k.sp.anchor = f.closed < s.start
		i := int(k.day - s.warm)
		s.buckets[i] = append(s.buckets[i], k.sp)
	}
	return nil
}

// build makes the court.Case of a case that is kept. It also settles the
// department of sp, for the cases derived from it.
func (s *sim) build(sp *spec, ti *typeInfo, f *fate, seq, suspended int, appealed bool) *court.Case {
	year, _, _ := civil(f.filed)
	c := &court.Case{
		No:    court.CaseNo{Year: year, CourtCode: sp.court.Code, TypeCode: ti.code, Seq: seq, Kind: ti.kind, Level: ti.level},
		Court: sp.court.Name, FiledOn: f.filed, Cause: sp.cause.name, Track: f.track, OriginNo: sp.origin,
		ClaimAmount: sp.claim, ExecAmount: court.NoMoney, ExecRecovered: court.NoMoney,
	}
	if !f.pending {
		c.ClosedOn, c.CloseMethod = f.closed, f.method
	}
	s.limits(c, ti, suspended)
	sp.dept = s.route(sp, c.Track)
	sp.dept.refresh(f.filed, s.version)
	j := sp.dept.eligible[sp.dept.load.pick(s.r)]
	c.Department, c.Judge, c.JudgeStaffNo = sp.dept.name, j.name, j.staffNo
	if ti.panel || c.Track == court.TrackOrdinary {
		c.Panel = s.panel(sp.dept, j)
	}
	if sp.typ.isExec() {
		c.ClaimAmount, c.ExecAmount, c.ExecRecovered = court.NoMoney, f.exec, f.recovered
	}
	if sp.typ.isFirst() && !f.pending {
		c.Appealed = s.appealFlag(appealed)
	}
	c.Hearings = s.hearings(sp.typ, c, ti)
	s.efile(c, ti)
	return c
}

// nextSeq numbers a case of court ci and type t filed on d: 序号 run per
// court, type and year in filing order.
func (s *sim) nextSeq(ci *courtInfo, t caseType, d court.Date) int {
	year, _, _ := civil(d)
	n := &s.seq[ci.idx][t]
	if n.year != year {
		n.year, n.n = year, 0
	}
	n.n++
	return n.n
}

// smallClaimLimit is the ceiling of 小额诉讼 in 分 (50% of the province's
// average wage, about 5万元).
const smallClaimLimit = 50000_00

// chooseTrack draws the 适用程序 of a first-instance case.
func (s *sim) chooseTrack(sp *spec) court.Track {
	if sp.track != court.TrackNone || !sp.typ.isFirst() {
		return sp.track
	}
	c := sp.cause
	switch {
	case sp.typ == adminFirst || !sp.court.basic:
		return court.TrackOrdinary
	case sp.typ == criminalFirst:
		u := s.r.Float64()
		switch {
		case u < c.expedite:
			return court.TrackExpedited
		case u < c.expedite+c.ordinary:
			return court.TrackOrdinary
		}
		return court.TrackSimple
	case s.r.chance(c.ordinary), sp.claim > 1_000_000_00 && s.r.chance(0.7):
		return court.TrackOrdinary
	case sp.claim != court.NoMoney && sp.claim <= smallClaimLimit && s.r.chance(c.small):
		return court.TrackSmallClaim
	}
	return court.TrackSimple
}

// chooseOutcome draws the 结案方式 a case is heading for. A 基层法院 cannot
// remand (发回重审) a retrial it hears itself: it changes the judgment.
func (s *sim) chooseOutcome(sp *spec, ti *typeInfo) *outcome {
	oc := &ti.outcomes[ti.pick.pick(s.r)]
	if oc.method == court.CloseRemand && sp.typ == civilRetrial && sp.court.basic {
		oc = &ti.outcomes[1]
	}
	return oc
}

// duration draws how many days a case takes, log-normal by type, track and
// 结案方式, with a few cases stuck for years (中止, 鉴定, parties not found)
// and some ordinary cases suspended for an expert opinion or a public notice
// (扣除审限), which it returns.
func (s *sim) duration(sp *spec, ti *typeInfo, track court.Track, oc *outcome) (dur, suspended int) {
	if sp.dur > 0 {
		return sp.dur, 0
	}
	median, sigma := ti.median, ti.sigma
	if m, sg := trackDuration(sp.typ, track); m > 0 {
		median, sigma = m, sg
	}
	if oc.sigma > 0 {
		sigma = oc.sigma
	}
	dur = s.r.days(median*oc.dur, sigma, 1)
	mayStick := sp.typ == execFirst || sp.typ == execResume || sp.typ == adminFirst ||
		sp.typ == civilFirst && track == court.TrackOrdinary
	if mayStick && s.r.chance(0.0015) {
		dur = s.r.between(400, 2200)
	}
	if (track == court.TrackOrdinary || sp.typ == civilRetrial) && sp.typ != criminalFirst && s.r.chance(0.06) {
		suspended = s.r.between(30, 120)
		dur += suspended
	}
	return dur, suspended
}

// closingDate is the day a case filed on d and taking dur days closes: a
// working day, and, for a third of the cases that would close in January or
// February, a day in late December instead (年底结案冲刺).
// A warm-up case drawn to be pending at the start of the window stays so.
func (s *sim) closingDate(d court.Date, dur int, warm bool) court.Date {
	closed := d + court.Date(dur)
	if warm {
		return max(closingDay(closed), nextWorkday(s.start))
	}
	if y, m, _ := civil(closed); m <= 2 {
		dec := dateOf(y-1, 12, 10)
		if d < dec-20 && s.r.chance(0.33) {
			closed = dec + court.Date(s.r.between(0, 21))
		}
	}
	if c := closingDay(closed); c >= d {
		return c
	}
	return nextWorkday(d)
}

// limits sets the 审限 of c. A case running past its limit is, in most
// courts most of the time, moved to a longer track (简转普), given an
// approved extension (延长审限) or a lawful deduction (扣除审限); the rest
// are the over-limit cases the indicators show.
func (s *sim) limits(c *court.Case, ti *typeInfo, suspended int) {
	c.SuspendedDays = suspended
	c.LimitDays = ti.limit
	if c.LimitDays == 0 {
		c.LimitDays = court.DefaultLimitDays(ti.kind, ti.level, c.Track)
	}
	if c.LimitDays == 0 {
		return
	}
	last := c.ClosedOn
	if !c.Closed() {
		last = s.end
	}
	total := int(last - c.FiledOn)
	over := func() int { return total - c.SuspendedDays - c.LimitDays - c.ExtendedDays }
	if over() <= 0 {
		return
	}
	if s.r.chance(0.9) && s.upgradeTrack(c, total-c.SuspendedDays) {
		c.LimitDays = court.DefaultLimitDays(ti.kind, ti.level, c.Track)
	}
	if over() > 0 && ti.ext > 0 && s.r.chance(0.85) {
		c.ExtendedDays = ti.ext
	}
	if o := over(); o > 0 && s.r.chance(0.7) {
		c.SuspendedDays = min(total, c.SuspendedDays+o+s.r.between(3, 30))
	}
}

// upgradeTrack moves a first-instance case that needs more days than its
// track allows to a longer track, reporting whether it did.
func (s *sim) upgradeTrack(c *court.Case, used int) bool {
	switch {
	case c.No.TypeCode == "民初" && c.Track == court.TrackSmallClaim && used <= 90:
		c.Track = court.TrackSimple
	case c.No.TypeCode == "民初" && (c.Track == court.TrackSmallClaim || c.Track == court.TrackSimple):
		c.Track = court.TrackOrdinary
	case c.No.TypeCode == "刑初" && c.Track == court.TrackExpedited:
		c.Track = court.TrackSimple
	default:
		return false
	}
	return true
}

// route chooses the department of a case: by type, by 案由 for civil
// matters, 人民法庭 for part of a county court's civil cases, the 立案庭's
// 速裁团队 for part of the small claims.
func (s *sim) route(sp *spec, track court.Track) *dept {
	ci := sp.court
	panel := s.types[sp.typ].panel || track == court.TrackOrdinary
	if sp.dept != nil && !(panel && sp.dept.role == roleFiling) {
		return sp.dept
	}
	switch sp.typ {
	case criminalFirst, criminalSecond:
		return ci.byRole[roleCriminal]
	case adminFirst, adminSecond:
		return ci.byRole[roleAdmin]
	case civilReview:
		return ci.byRole[roleSupervision]
	case civilRetrial:
		if !ci.basic {
			return ci.byRole[roleSupervision]
		}
	case civilSpecial:
		if !ci.basic {
			return ci.byRole[roleCivil2]
		}
		return ci.byRole[roleFiling]
	case civilDunning:
		return ci.byRole[roleFiling]
	case execFirst, execResume, execObjection, execReview, execPreservation:
		return ci.byRole[roleExec]
	}
	g := sp.cause.group
	switch {
	case ci.basic && len(ci.tribunals) == 0 && track == court.TrackSmallClaim && s.r.chance(0.45):
		return ci.byRole[roleFiling]
	case len(ci.tribunals) > 0 && g != groupProperty && sp.typ == civilFirst && s.r.chance(0.45):
		return ci.tribunals[s.r.IntN(len(ci.tribunals))]
	case g == groupProperty && ci.byRole[roleCivil3] != nil:
		return ci.byRole[roleCivil3]
	case g == groupFamily:
		return ci.byRole[roleCivil1]
	}
	return ci.byRole[roleCivil2]
}

// panel draws the two other members of a 合议庭 from the judges of the
// department in post.
func (s *sim) panel(d *dept, j *judge) []string {
	out := make([]string, 0, 2)
	var first *judge
	for tries := 0; len(out) < 2 && tries < 30; tries++ {
		k := d.eligible[d.panel.pick(s.r)]
		if k != j && k != first {
			first = k
			out = append(out, k.name)
		}
	}
	for _, k := range d.eligible {
		if len(out) == 2 {
			break
		}
		if k != j && k != first {
			first = k
			out = append(out, k.name)
		}
	}
	return out
}
