package demo

import "github.com/zhixiao/zhixiao/internal/court"

// caseType is a 类型代字 示例市 uses.
type caseType uint8

const (
	civilFirst       caseType = iota // 民初
	criminalFirst                    // 刑初
	adminFirst                       // 行初
	civilSecond                      // 民终
	criminalSecond                   // 刑终
	adminSecond                      // 行终
	civilReview                      // 民申
	civilRetrial                     // 民再
	civilSpecial                     // 民特
	civilDunning                     // 民督
	execFirst                        // 执
	execResume                       // 执恢
	execObjection                    // 执异
	execReview                       // 执复
	execPreservation                 // 执保
	numTypes
)

// outcome is a 结案方式 with its share and how long such cases take.
type outcome struct {
	method court.CloseMethod
	p      float64
	dur    float64 // multiplier of the type's median duration
	sigma  float64 // log-sd of the duration; 0: the type's
}

// typeInfo is how cases of one 类型代字 behave.
type typeInfo struct {
	code     string
	kind     court.Kind
	level    court.Level
	limit    int     // 审限天数 written in the export where DATA.md has no default; 0: the default
	ext      int     // days of an approved extension of the 审限 (延长审限)
	panel    bool    // always heard by a 合议庭
	median   float64 // median duration in days (first instance: by track, see trackDuration)
	sigma    float64
	reads    float64 // mean 阅卷次数
	outcomes []outcome
	pick     weights
}

// typeTable is the behaviour of each type: durations after the published
// averages of Chinese courts, 结案方式 shares after typical 审判质效 reports.
func typeTable() [numTypes]typeInfo {
	o := func(m court.CloseMethod, p, dur float64) outcome { return outcome{method: m, p: p, dur: dur} }
	t := [numTypes]typeInfo{
		civilFirst: {code: "民初", ext: 180, median: 45, sigma: 0.6, reads: 1.6, outcomes: []outcome{
			o(court.CloseJudgment, 0.44, 1.15), o(court.CloseMediation, 0.19, 0.75), o(court.CloseWithdrawal, 0.29, 0.45),
			o(court.CloseDismissal, 0.03, 0.8), o(court.CloseTransfer, 0.015, 0.35), o(court.CloseTermination, 0.005, 1),
			o(court.CloseOther, 0.015, 0.8)}},
		criminalFirst: {code: "刑初", ext: 30, median: 22, sigma: 0.45, reads: 1.2, outcomes: []outcome{
			o(court.CloseJudgment, 0.965, 1), o(court.CloseWithdrawal, 0.012, 0.8), o(court.CloseTermination, 0.005, 0.6),
			o(court.CloseOther, 0.018, 0.9)}},
		adminFirst: {code: "行初", ext: 90, median: 95, sigma: 0.55, panel: true, reads: 2, outcomes: []outcome{
			o(court.CloseJudgment, 0.42, 1.1), o(court.CloseWithdrawal, 0.33, 0.6), o(court.CloseDismissal, 0.2, 0.7),
			o(court.CloseMediation, 0.03, 0.8), o(court.CloseTransfer, 0.02, 0.4)}},
		civilSecond: {code: "民终", ext: 90, median: 52, sigma: 0.45, panel: true, reads: 3.5, outcomes: []outcome{
			o(court.CloseUphold, 0.66, 1), o(court.CloseModify, 0.09, 1.2), o(court.CloseRemand, 0.035, 1.1),
			o(court.CloseAppealWithdrawn, 0.17, 0.5), o(court.CloseMediation, 0.045, 0.8)}},
		criminalSecond: {code: "刑终", ext: 60, median: 36, sigma: 0.45, panel: true, reads: 3, outcomes: []outcome{
			o(court.CloseUphold, 0.84, 1), o(court.CloseModify, 0.08, 1.2), o(court.CloseRemand, 0.035, 1.1),
			o(court.CloseAppealWithdrawn, 0.045, 0.5)}},
		adminSecond: {code: "行终", ext: 90, median: 55, sigma: 0.45, panel: true, reads: 3, outcomes: []outcome{
			o(court.CloseUphold, 0.84, 1), o(court.CloseModify, 0.035, 1.2), o(court.CloseRemand, 0.03, 1.1),
			o(court.CloseAppealWithdrawn, 0.095, 0.5)}},
		civilReview: {code: "民申", limit: 90, ext: 90, median: 55, sigma: 0.4, panel: true, reads: 2.5, outcomes: []outcome{
			o(court.CloseApplicationDenied, 0.8, 1), o(court.CloseWithdrawal, 0.07, 0.5), o(court.CloseOther, 0.13, 1.1)}},
		civilRetrial: {code: "民再", ext: 180, median: 105, sigma: 0.5, panel: true, reads: 3, outcomes: []outcome{
			o(court.CloseUphold, 0.48, 1), o(court.CloseModify, 0.32, 1.1), o(court.CloseRemand, 0.1, 1),
			o(court.CloseMediation, 0.05, 0.8), o(court.CloseWithdrawal, 0.05, 0.5)}},
		civilSpecial: {code: "民特", limit: 30, ext: 30, median: 9, sigma: 0.5, reads: 0.5, outcomes: []outcome{
			o(court.CloseOther, 0.72, 1), o(court.CloseJudgment, 0.12, 1.5), o(court.CloseApplicationDenied, 0.12, 1),
			o(court.CloseWithdrawal, 0.04, 0.5)}},
		civilDunning: {code: "民督", limit: 15, median: 7, sigma: 0.4, reads: 0.3, outcomes: []outcome{
			o(court.CloseOther, 0.62, 1), o(court.CloseTermination, 0.28, 1.2), o(court.CloseApplicationDenied, 0.06, 1),
			o(court.CloseWithdrawal, 0.04, 0.5)}},
		execFirst: {code: "执", ext: 90, median: 100, sigma: 0.85, reads: 0.8, outcomes: []outcome{
			o(court.CloseExecCompleted, 0.36, 0.55), {court.CloseExecSuspended, 0.40, 1.05, 0.35},
			o(court.CloseExecTerminated, 0.08, 0.85), o(court.CloseSettlement, 0.11, 0.5), o(court.CloseNoEnforcement, 0.01, 0.3),
			o(court.CloseCancelled, 0.03, 0.1), o(court.CloseOther, 0.01, 0.5)}},
		execResume: {code: "执恢", ext: 90, median: 90, sigma: 0.8, reads: 0.6, outcomes: []outcome{
			o(court.CloseExecCompleted, 0.30, 0.6), {court.CloseExecSuspended, 0.50, 1.0, 0.4},
			o(court.CloseExecTerminated, 0.08, 0.9), o(court.CloseSettlement, 0.12, 0.5)}},
		execObjection: {code: "执异", limit: 15, ext: 15, median: 10, sigma: 0.35, panel: true, reads: 1, outcomes: []outcome{
			o(court.CloseApplicationDenied, 0.62, 1), o(court.CloseWithdrawal, 0.1, 0.6), o(court.CloseOther, 0.28, 1)}},
		execReview: {code: "执复", limit: 30, ext: 30, median: 22, sigma: 0.35, panel: true, reads: 1.5, outcomes: []outcome{
			o(court.CloseApplicationDenied, 0.78, 1), o(court.CloseOther, 0.22, 1)}},
		execPreservation: {code: "执保", median: 5, sigma: 0.5, reads: 0.2, outcomes: []outcome{
			o(court.CloseOther, 0.9, 1), o(court.CloseWithdrawal, 0.1, 0.6)}},
	}
	for i := range t {
		tc, ok := court.LookupTypeCode(t[i].code)
		if !ok {
			panic("demo: unknown 类型代字 " + t[i].code)
		}
		t[i].kind, t[i].level = tc.Kind, tc.Level
		ps := make([]float64, len(t[i].outcomes))
		for k, oc := range t[i].outcomes {
			ps[k] = oc.p
		}
		t[i].pick = newWeights(ps...)
	}
	return t
}

// trackDuration is the median and log-sd of a first-instance case's
// duration by 适用程序.
func trackDuration(typ caseType, track court.Track) (median, sigma float64) {
	switch typ {
	case civilFirst:
		switch track {
		case court.TrackSmallClaim:
			return 26, 0.55
		case court.TrackOrdinary:
			return 110, 0.55
		}
		return 45, 0.6
	case criminalFirst:
		switch track {
		case court.TrackExpedited:
			return 6, 0.3
		case court.TrackOrdinary:
			return 45, 0.45
		}
		return 22, 0.45
	}
	return 0, 0
}

// isFirst reports whether typ is a 一审 (刑初, 民初, 行初).
func (t caseType) isFirst() bool { return t <= adminFirst }

// isSecond reports whether typ is a 二审.
func (t caseType) isSecond() bool { return t >= civilSecond && t <= adminSecond }

// isExec reports whether typ is 首次执行 or 恢复执行.
func (t caseType) isExec() bool { return t == execFirst || t == execResume }

// appealOf is the 二审 type of a 一审 type.
func (t caseType) appealOf() caseType { return t + civilSecond }
