package petitions

import (
	"strings"
	"time"

	"github.com/zhixiao/zhixiao/internal/court"
)

// Actor is who changes a request: an account, or the system (UserID 0).
type Actor struct {
	UserID int64
	Name   string // login and, when known, the person's name
	DeptID int64
	Dept   string
}

// Event is one step of a request's history. Public events show on the
// citizen's tracking page with their PublicNote; the others, and the Note
// of every event, are internal.
type Event struct {
	At         time.Time
	ActorID    int64
	Actor      string
	Kind       string // 登记 签收 移交 认领 答复 办结 升级 备注
	From, To   string // the owner before and after (移交, 认领)
	Note       string
	Public     bool
	PublicNote string
}

// OwnerLabel is how a request's owner reads: the account, or the
// department's queue, or 纪检监察 for a report no one has taken yet.
func (p Petition) OwnerLabel() string {
	switch {
	case p.OwnerID != 0:
		return p.Owner
	case p.DeptID != 0:
		return p.Dept + "（待认领）"
	case p.Type == TypeReport:
		return "纪检监察（待认领）"
	}
	return "待分派"
}

func open(p *Petition) error {
	if p.Status == StatusClosed {
		return court.Errorf(court.Conflict, "诉求 %s 已办结，不能再变更", p.No)
	}
	return nil
}

// Ack records that the request was acknowledged (签收) on day. Whoever
// acknowledges a request that waits in a queue becomes its owner.
func Ack(p *Petition, a Actor, at time.Time, day court.Date) (Event, error) {
	if err := open(p); err != nil {
		return Event{}, err
	}
	if p.AckOn != 0 {
		return Event{}, court.Errorf(court.Conflict, "诉求 %s 已于 %s 签收", p.No, p.AckOn)
	}
	e := Event{At: at, ActorID: a.UserID, Actor: a.Name, Kind: "签收", Public: true, PublicNote: "已签收，正在办理"}
	if p.OwnerID == 0 {
		e.From, e.To = p.OwnerLabel(), a.Name
		p.OwnerID, p.Owner = a.UserID, a.Name
		if p.DeptID == 0 {
			p.DeptID, p.Dept = a.DeptID, a.Dept
		}
	}
	p.AckOn, p.Status = day, StatusHandling
	return e, nil
}

// Target is who a request is handed to: a department's queue (UserID 0)
// or an account in it.
type Target struct {
	UserID int64
	Name   string
	DeptID int64
	Dept   string
}

// Handover hands the request over (移交) with a reason; the old owner stays
// in the history. A report can only go to 纪检监察, which the web enforces
// by offering no other target.
func Handover(p *Petition, a Actor, to Target, reason string, at time.Time) (Event, error) {
	if err := open(p); err != nil {
		return Event{}, err
	}
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return Event{}, court.Errorf(court.Invalid, "移交须写明“移交理由”")
	}
	if err := Limit("移交理由", reason, MaxReason); err != nil {
		return Event{}, err
	}
	if to.UserID == 0 && to.DeptID == 0 && p.Type != TypeReport { // a report may go back to 纪检监察's queue
		return Event{}, court.Errorf(court.Invalid, "请选择移交的部门或承办人")
	}
	if to.UserID != 0 && to.UserID == p.OwnerID {
		return Event{}, court.Errorf(court.Invalid, "诉求 %s 已由 %s 负责，无需移交", p.No, p.Owner)
	}
	from := p.OwnerLabel()
	p.OwnerID, p.Owner, p.DeptID, p.Dept = to.UserID, to.Name, to.DeptID, to.Dept
	pub := "已转" + p.Dept + "办理"
	if p.Dept == "" {
		pub = "已转有关部门办理"
	}
	return Event{At: at, ActorID: a.UserID, Actor: a.Name, Kind: "移交", From: from, To: p.OwnerLabel(), Note: reason, Public: true, PublicNote: pub}, nil
}

// Take makes the actor the owner of a request that waits in a queue (认领).
func Take(p *Petition, a Actor, at time.Time) (Event, error) {
	if err := open(p); err != nil {
		return Event{}, err
	}
	if p.OwnerID != 0 {
		return Event{}, court.Errorf(court.Conflict, "诉求 %s 已由 %s 负责", p.No, p.Owner)
	}
	from := p.OwnerLabel()
	p.OwnerID, p.Owner = a.UserID, a.Name
	if p.DeptID == 0 {
		p.DeptID, p.Dept = a.DeptID, a.Dept
	}
	return Event{At: at, ActorID: a.UserID, Actor: a.Name, Kind: "认领", From: from, To: a.Name}, nil
}

// Answer records the feedback to the citizen (答复): the text shows on the
// tracking page. The first answer's day counts for timeliness.
func Answer(p *Petition, a Actor, text string, at time.Time, day court.Date) (Event, error) {
	if err := open(p); err != nil {
		return Event{}, err
	}
	text = strings.TrimSpace(text)
	if text == "" {
		return Event{}, court.Errorf(court.Invalid, "请填写“答复内容”")
	}
	if err := Limit("答复内容", text, MaxAnswer); err != nil {
		return Event{}, err
	}
	if p.AckOn == 0 {
		p.AckOn = day
	}
	if p.AnsweredOn == 0 {
		p.AnsweredOn = day
	}
	p.Answer, p.Status = text, StatusAnswered
	return Event{At: at, ActorID: a.UserID, Actor: a.Name, Kind: "答复", Public: true, PublicNote: text}, nil
}

// Close closes the request (办结) with a result and, for a complaint or a
// report, a finding. A request never answered is answered by its result.
func Close(p *Petition, a Actor, result string, f Finding, at time.Time, day court.Date) (Event, error) {
	if err := open(p); err != nil {
		return Event{}, err
	}
	result = strings.TrimSpace(result)
	if result == "" {
		return Event{}, court.Errorf(court.Invalid, "请填写“办理结果”")
	}
	if err := Limit("办理结果", result, MaxAnswer); err != nil {
		return Event{}, err
	}
	switch {
	case p.Type.Judged() && f != FindingUpheld && f != FindingPartly && f != FindingUnfounded:
		return Event{}, court.Errorf(court.Invalid, "%s办结时须选择“核查结论”：查实、部分查实或不实", p.Type)
	case !p.Type.Judged() && f != FindingNone:
		return Event{}, court.Errorf(court.Invalid, "%s不需要核查结论", p.Type)
	}
	if p.AckOn == 0 {
		p.AckOn = day
	}
	if p.AnsweredOn == 0 {
		p.AnsweredOn, p.Answer = day, result
	}
	p.ClosedOn, p.Result, p.Finding, p.Status = day, result, f, StatusClosed
	note := result
	if f != FindingNone {
		note = "核查结论：" + string(f) + "。" + result
	}
	return Event{At: at, ActorID: a.UserID, Actor: a.Name, Kind: "办结", Note: note, Public: true, PublicNote: "已办结：" + result}, nil
}

// Note adds an internal note (备注).
func Note(p *Petition, a Actor, text string, at time.Time) (Event, error) {
	text = strings.TrimSpace(text)
	if text == "" {
		return Event{}, court.Errorf(court.Invalid, "请填写备注内容")
	}
	if err := Limit("备注", text, MaxReason); err != nil {
		return Event{}, err
	}
	return Event{At: at, ActorID: a.UserID, Actor: a.Name, Kind: "备注", Note: text}, nil
}

// Escalate raises p to level l (升级督促) and names who is told.
func Escalate(p *Petition, l Level, step string, at time.Time) (Event, bool) {
	if l <= p.Escalation || p.Status == StatusClosed {
		return Event{}, false
	}
	p.Escalation = l
	who := "部门负责人（庭长）"
	if l == LevelLeader {
		who = "分管院领导"
	}
	return Event{At: at, Actor: "系统", Kind: "升级", Note: step + "超期，已提醒" + who}, true
}
