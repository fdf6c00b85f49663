package supervision

import (
	"strings"
	"unicode/utf8"

	"github.com/zhixiao/zhixiao/internal/auth"
	"github.com/zhixiao/zhixiao/internal/court"
)

// ItemStatus is the state of a 督办单.
type ItemStatus string

// The states of a 督办单: open (办理中), explained and waiting for 审管办
// (待审核), closed (已办结).
const (
	ItemOpen      ItemStatus = "办理中"
	ItemExplained ItemStatus = "待审核"
	ItemClosed    ItemStatus = "已办结"
)

// The sources of a 督办单.
const (
	SourceRedWarning = "红色预警"
	SourceLeader     = "挂牌督办"
)

// Item is a 督办单: a pending case under supervision, the people
// responsible (the 承办人 and the 庭长 of the department), a due date and
// the required action.
type Item struct {
	ID                       int64
	Court, Department, Judge int64 // the case's court, department and 承办人 (people.id)
	CaseID                   int64
	CaseNo                   string
	JudgeName                string
	DeptName                 string // the case's department, for the pages
	Source                   string // SourceRedWarning or SourceLeader
	Action                   string // the required action (督办要求)
	DueOn                    court.Date
	Status                   ItemStatus
	OpenedBy                 string
	OpenedOn                 court.Date
	Explanation              string
	ExplainedBy              string
	ClosedOn                 court.Date
	CloseNote                string
	EscalatedOn              court.Date // the day it went to the 院领导; NoDate while not
	EscalatedTo              string     // the leaders it went to, for the page (e.g. "yuanzhang（张院长）")
}

// Actor is who does a transition: the account and its post.
type Actor struct {
	UserID       int64
	Login        string
	Role         auth.Role
	Court        int64
	DepartmentID int64
	PersonID     int64
}

// ActorOf is the Actor of an account.
func ActorOf(u auth.User) Actor {
	return Actor{UserID: u.ID, Login: u.Login, Role: u.Role, Court: u.CourtID, DepartmentID: u.DepartmentID, PersonID: u.PersonID}
}

// Overdue reports whether the item is past its due date and not closed on today.
func (it *Item) Overdue(today court.Date) bool {
	return it.Status != ItemClosed && today > it.DueOn
}

// NewLeaderItem checks a leader's 挂牌督办 of a case: only a 院领导 decides
// it, with a required action and a due date after today.
func NewLeaderItem(a Actor, action string, due, today court.Date) error {
	if a.Role != auth.RolePresident {
		return court.Errorf(court.Forbidden, "仅院领导可以决定挂牌督办")
	}
	return checkItemText(action, due, today)
}

func checkItemText(action string, due, today court.Date) error {
	switch {
	case strings.TrimSpace(action) == "":
		return court.Errorf(court.Invalid, "请填写督办要求")
	case utf8.RuneCountInString(action) > 500:
		return court.Errorf(court.Invalid, "督办要求不能超过 500 字")
	case due.IsZero():
		return court.Errorf(court.Invalid, "请填写办理期限")
	case due <= today:
		return court.Errorf(court.Invalid, "办理期限应晚于今天（%s）", today)
	}
	return nil
}

// responsible reports whether a is one of the people responsible for the
// item: the 承办人 (by person) or an account of the case's department with
// the role 庭长.
func (it *Item) responsible(a Actor) bool {
	return a.PersonID != 0 && a.PersonID == it.Judge ||
		a.Role == auth.RoleChief && a.DepartmentID == it.Department
}

// Explain records the written explanation of the people responsible; the
// item waits for 审管办.
func (it *Item) Explain(a Actor, text string, today court.Date) error {
	switch {
	case !it.responsible(a):
		return court.Errorf(court.Forbidden, "仅承办人或所在部门庭长可以提交督办说明")
	case it.Status != ItemOpen:
		return court.Errorf(court.Conflict, "督办单当前状态为“%s”，不能提交说明", it.Status)
	case strings.TrimSpace(text) == "":
		return court.Errorf(court.Invalid, "请填写书面说明")
	case utf8.RuneCountInString(text) > 2000:
		return court.Errorf(court.Invalid, "书面说明不能超过 2000 字")
	}
	it.Status, it.Explanation, it.ExplainedBy = ItemExplained, strings.TrimSpace(text), a.Login
	return nil
}

// Review is 审管办's decision on an explanation: approved, the item closes;
// rejected, it goes back open with the reason.
func (it *Item) Review(a Actor, approve bool, note string, today court.Date) error {
	switch {
	case a.Role != auth.RoleTrialMgmt:
		return court.Errorf(court.Forbidden, "仅审管办可以审核督办说明")
	case it.Status != ItemExplained:
		return court.Errorf(court.Conflict, "督办单当前状态为“%s”，没有待审核的说明", it.Status)
	case !approve && strings.TrimSpace(note) == "":
		return court.Errorf(court.Invalid, "退回说明时请填写理由")
	}
	if approve {
		it.Status, it.ClosedOn, it.CloseNote = ItemClosed, today, "书面说明经审管办审核通过"
		if n := strings.TrimSpace(note); n != "" {
			it.CloseNote += "：" + n
		}
		return nil
	}
	it.Status, it.CloseNote = ItemOpen, "说明被退回："+strings.TrimSpace(note)
	return nil
}

// CaseClosed closes the item because its case has closed on day.
func (it *Item) CaseClosed(day court.Date) bool {
	if it.Status == ItemClosed {
		return false
	}
	it.Status, it.ClosedOn, it.CloseNote = ItemClosed, day, "案件已结案"
	return true
}

// Escalate marks an overdue item as escalated to the 院领导 on today; it
// reports whether it did (an item escalates once).
func (it *Item) Escalate(today court.Date) bool {
	if !it.Overdue(today) || !it.EscalatedOn.IsZero() {
		return false
	}
	it.EscalatedOn = today
	return true
}
