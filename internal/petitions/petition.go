package petitions

import (
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/zhixiao/zhixiao/internal/court"
)

// Channel is how a request reached the court.
type Channel string

// The channels.
const (
	ChannelWindow     Channel = "窗口"
	ChannelHotline    Channel = "12368热线"
	ChannelLetter     Channel = "来信"
	ChannelWeb        Channel = "网上"
	ChannelReception  Channel = "院长接待日"
	ChannelSupervisor Channel = "作风监督员"
)

// Channels lists the channels in the order the intake form shows them.
func Channels() []Channel {
	return []Channel{ChannelWindow, ChannelHotline, ChannelLetter, ChannelWeb, ChannelReception, ChannelSupervisor}
}

// Type is what a request asks for.
type Type string

// The types.
const (
	TypeInquiry    Type = "咨询"
	TypeComplaint  Type = "投诉"    // about the conduct of staff
	TypeSuggestion Type = "建议"    //
	TypeReport     Type = "举报"    // misconduct; confidential, for 纪检监察 only
	TypePetition   Type = "信访"    // about a case's outcome
	TypeNoFiling   Type = "不立案投诉" // a case the court did not file
)

// Types lists the types in the order the intake form shows them.
func Types() []Type {
	return []Type{TypeInquiry, TypeComplaint, TypeSuggestion, TypeReport, TypePetition, TypeNoFiling}
}

// Judged reports whether a request of type t is closed with a finding
// (查实, 部分查实, 不实) about the staff it names.
func (t Type) Judged() bool { return t == TypeComplaint || t == TypeReport }

// Status is where a request stands.
type Status string

// The statuses, in order.
const (
	StatusReceived Status = "待签收"
	StatusHandling Status = "办理中"
	StatusAnswered Status = "已答复"
	StatusClosed   Status = "已办结"
)

// Finding is the result of checking a complaint or report.
type Finding string

// The findings.
const (
	FindingNone        Finding = ""
	FindingUpheld      Finding = "查实"
	FindingPartly      Finding = "部分查实"
	FindingUnfounded   Finding = "不实"
	FindingNotRequired Finding = "无需核查"
)

// Findings lists the findings a judged request may close with.
func Findings() []Finding {
	return []Finding{FindingUpheld, FindingPartly, FindingUnfounded}
}

// Substantiated reports whether the finding holds a complaint true, in
// whole or in part: the named staff get an outcome 投诉查实.
func (f Finding) Substantiated() bool { return f == FindingUpheld || f == FindingPartly }

// Citizen is the personal data of the person who made a request.
type Citizen struct {
	Name, Phone, IDNo, Address string
}

// Staff is a member of staff a request concerns.
type Staff struct {
	PersonID int64
	Name     string
}

// Petition is one request (诉求).
type Petition struct {
	ID         int64
	CourtID    int64
	No         string // 诉〔2026〕12号
	Channel    Channel
	Type       Type
	Matter     string // the checklist of the one-time notice, by its key
	Subject    string
	Content    string
	Citizen    Citizen
	CaseNo     string // canonical 案号, "" for none
	Staff      []Staff
	ReceivedAt time.Time
	ReceivedOn court.Date
	CreatedBy  int64 // the account that recorded it
	Creator    string
	OwnerID    int64 // 首问负责人 (an account); 0 while it waits in a department's queue
	Owner      string
	DeptID     int64 // department handling it; 0 for none
	Dept       string
	Status     Status
	AckOn      court.Date
	AnsweredOn court.Date
	Answer     string // the feedback to the citizen, shown on the tracking page
	ClosedOn   court.Date
	Result     string
	Finding    Finding
	Escalation Level // the highest level it was escalated to
}

// Field limits, in characters. The public form and the intake form share them.
const (
	MaxSubject = 100
	MaxContent = 2000
	MaxName    = 30
	MaxPhone   = 20
	MaxIDNo    = 18
	MaxAddress = 100
	MaxCaseNo  = 60
	MaxAnswer  = 2000
	MaxReason  = 500
)

// Limit returns an error of kind Invalid naming the field when s is longer
// than max characters, is not valid UTF-8 or holds control characters
// other than line breaks and tabs.
func Limit(field, s string, max int) error {
	if !utf8.ValidString(s) {
		return court.Errorf(court.Invalid, "“%s”含有无法识别的字符", field)
	}
	if n := utf8.RuneCountInString(s); n > max {
		return court.Errorf(court.Invalid, "“%s”最多 %d 个字，现有 %d 个字", field, max, n)
	}
	if strings.ContainsFunc(s, func(r rune) bool { return unicode.IsControl(r) && r != '\n' && r != '\r' && r != '\t' }) {
		return court.Errorf(court.Invalid, "“%s”含有控制字符", field)
	}
	return nil
}

// Check validates a request about to be recorded: every field within its
// limit, a known channel and type, a subject or content, a phone of digits,
// an ID number of 15 or 18 characters, a case number that parses. It
// canonicalises the case number.
func (p *Petition) Check() error {
	if !slices.Contains(Channels(), p.Channel) {
		return court.Errorf(court.Invalid, "“来源渠道”应为 %s 之一", joinStrings(Channels()))
	}
	if !slices.Contains(Types(), p.Type) {
		return court.Errorf(court.Invalid, "“诉求类型”应为 %s 之一", joinStrings(Types()))
	}
	p.Subject, p.Content = strings.TrimSpace(p.Subject), strings.TrimSpace(p.Content)
	if p.Subject == "" {
		return court.Errorf(court.Invalid, "请填写“事由”")
	}
	for _, f := range []struct {
		name string
		v    *string
		max  int
	}{{"事由", &p.Subject, MaxSubject}, {"诉求内容", &p.Content, MaxContent}, {"姓名", &p.Citizen.Name, MaxName},
		{"联系电话", &p.Citizen.Phone, MaxPhone}, {"身份证号", &p.Citizen.IDNo, MaxIDNo}, {"地址", &p.Citizen.Address, MaxAddress},
		{"案号", &p.CaseNo, MaxCaseNo}} {
		*f.v = strings.TrimSpace(*f.v)
		if err := Limit(f.name, *f.v, f.max); err != nil {
			return err
		}
	}
	if strings.ContainsFunc(p.Citizen.Phone, func(r rune) bool { return !strings.ContainsRune("0123456789-+ ", r) }) {
		return court.Errorf(court.Invalid, "“联系电话”只能含数字、空格、+ 和 -")
	}
	if n := len(p.Citizen.IDNo); n != 0 && n != 15 && n != 18 {
		return court.Errorf(court.Invalid, "“身份证号”应为 15 或 18 位")
	}
	if p.CaseNo != "" {
		no, err := court.ParseCaseNo(p.CaseNo)
		if err != nil {
			return court.Errorf(court.Invalid, "“案号”%s 无法识别：%s", p.CaseNo, court.Message(err))
		}
		p.CaseNo = no.String()
	}
	return nil
}

func joinStrings[T ~string](xs []T) string {
	s := make([]string, len(xs))
	for i, x := range xs {
		s[i] = string(x)
	}
	return strings.Join(s, "、")
}
