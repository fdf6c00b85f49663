package court

import (
	"strconv"
	"strings"
)

// Money is an amount in 分 (hundredths of a yuan), exact.
type Money int64

// NoMoney marks an amount the export did not give.
const NoMoney Money = -1

// Yuan returns the amount in yuan; an absent amount is 0.
func (m Money) Yuan() float64 {
	if m < 0 {
		return 0
	}
	return float64(m) / 100
}

// String formats the amount in yuan with two decimals, "" when absent.
func (m Money) String() string {
	if m < 0 {
		return ""
	}
	cents := strconv.FormatInt(int64(m%100)+100, 10)[1:]
	return strconv.FormatInt(int64(m/100), 10) + "." + cents
}

// Tri is a yes/no answer that may be missing (是否上诉 left empty).
type Tri int8

// The three answers.
const (
	Unknown Tri = 0
	Yes     Tri = 1
	No      Tri = -1
)

// String is 是, 否 or "" when not given.
func (t Tri) String() string {
	switch t {
	case Yes:
		return "是"
	case No:
		return "否"
	}
	return ""
}

// Case is one row of the 案件信息表 (DATA.md), with its 案号 parsed and its
// 审限 resolved. The court, department and people are named as in the export.
type Case struct {
	No            CaseNo
	Court         string   // 承办法院 (name or 法院代字)
	Department    string   // 承办部门
	Judge         string   // 承办人
	JudgeStaffNo  string   // 承办人工号, optional
	Panel         []string // 合议庭成员 other than the 承办人
	FiledOn       Date     // 立案日期
	ClosedOn      Date     // 结案日期, NoDate while pending
	CloseMethod   CloseMethod
	Cause         string // 案由
	Track         Track
	LimitDays     int    // effective 审限: given or the default; 0 = no limit
	ExtendedDays  int    // 延长审限天数
	SuspendedDays int    // 扣除审限天数
	OriginNo      string // 原审案号, canonical form, "" when none
	Appealed      Tri    // 是否上诉 as given
	Hearings      int
	ClaimAmount   Money // 诉讼标的额
	ExecAmount    Money // 申请执行标的额
	ExecRecovered Money // 执行到位金额
	EfileOn       Date  // 电子卷宗生成日期
	EfileReads    int   // 阅卷次数
}

// Closed reports whether the case has a 结案日期.
func (c *Case) Closed() bool { return c.ClosedOn != NoDate }

// CourtLevel is the level of a court.
type CourtLevel uint8

// The court levels.
const (
	CourtLevelNone    CourtLevel = iota
	CourtSupreme                 // 最高院
	CourtHigh                    // 高院
	CourtIntermediate            // 中院
	CourtBasic                   // 基层
)

var courtLevelNames = [...]string{"", "最高院", "高院", "中院", "基层"}

// String returns the Chinese name of the level.
func (l CourtLevel) String() string { return courtLevelNames[l] }

// ParseCourtLevel reads 高院 / 中院 / 基层 and their long forms.
func ParseCourtLevel(s string) (CourtLevel, bool) {
	switch s {
	case "最高院", "最高人民法院":
		return CourtSupreme, true
	case "高院", "高级人民法院", "高级法院":
		return CourtHigh, true
	case "中院", "中级人民法院", "中级法院", "专门法院":
		return CourtIntermediate, true
	case "基层", "基层法院", "基层人民法院":
		return CourtBasic, true
	}
	return CourtLevelNone, false
}

// GuessCourtLevel infers the level from a court's name when no level is given.
func GuessCourtLevel(name string) CourtLevel {
	switch {
	case name == "最高人民法院":
		return CourtSupreme
	case containsAny(name, "高级人民法院", "高院"):
		return CourtHigh
	case containsAny(name, "中级人民法院", "中院", "海事法院", "知识产权法院", "金融法院"):
		return CourtIntermediate
	}
	return CourtBasic
}

func containsAny(s string, subs ...string) bool {
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}

// Court is a people's court.
type Court struct {
	Name   string
	Code   string // 法院代字, e.g. 京0105
	Level  CourtLevel
	Parent string // name of the court above, "" for the top
}

// Department is a 庭室 of a court.
type Department struct {
	Court string
	Name  string
}

// Category is a personnel category (人员类别).
type Category string

// The personnel categories of DATA.md.
const (
	CategoryJudge     Category = "员额法官"
	CategoryAssistant Category = "法官助理"
	CategoryClerk     Category = "书记员"
	CategoryPolice    Category = "司法警察"
	CategoryAdmin     Category = "司法行政人员"
)

// Categories lists the personnel categories.
var Categories = []Category{CategoryJudge, CategoryAssistant, CategoryClerk, CategoryPolice, CategoryAdmin}

// Person is one member of a court's staff.
type Person struct {
	Court      string
	Department string
	Name       string
	StaffNo    string // 工号, unique within a court
	Category   Category
	Title      string // 职务: 院长, 副院长, 庭长, 审判员 ...
	JoinedOn   Date   // 入额日期
	Active     bool   // 在岗
}

// FundReceipt is one receipt of execution funds (执行案款表). The rule
// (法发〔2017〕6号) is payout within 30 days of receipt.
type FundReceipt struct {
	CaseNo     string // canonical 案号
	ReceivedOn Date
	Amount     Money
	PaidOn     Date // NoDate while not paid out
	PaidAmount Money
}

// FundPayoutDays is the payout deadline for execution funds, in days after receipt.
const FundPayoutDays = 30

// Mediation is one pre-litigation mediation (诉前调解表).
type Mediation struct {
	ID           string // 编号
	Court        string
	Mediator     string
	RegisteredOn Date
	EndedOn      Date
	Result       MediationResult
	Confirmed    bool // 司法确认
}

// MediationResult is the outcome of a pre-litigation mediation.
type MediationResult uint8

// The outcomes; MediationPending while not ended.
const (
	MediationPending MediationResult = iota
	MediationSuccess                 // 成功
	MediationFailure                 // 不成功
)

// String returns 成功, 不成功 or "".
func (r MediationResult) String() string {
	return [...]string{"", "成功", "不成功"}[r]
}
