package supervision

import (
	"strings"
	"unicode/utf8"

	"github.com/zhixiao/zhixiao/internal/court"
)

// Plan is a rectification plan (整改方案 / 实施方案) of a court: problems
// found by an inspection or a self-check, each with its measures.
type Plan struct {
	ID        int64
	Court     int64
	Title     string
	Source    string // e.g. 巡查整改, 脱薄争先自查
	CreatedBy string
	CreatedOn court.Date
	// Description is the plan's 说明 (background, basis, goals).
	Description string
	Problems    []Problem
}

// Problem is one weakness (薄弱问题) of a plan.
type Problem struct {
	ID          int64
	PlanID      int64
	Ord         int
	Title       string
	Description string
	// WithdrawnOn is the day the problem was withdrawn (撤销), NoDate while not.
	WithdrawnOn    court.Date
	WithdrawReason string
	Measures       []Measure
}

// MeasureStatus is the state of a rectification measure.
type MeasureStatus string

// The states of a measure: under way (推进中), its closing waiting for the
// leader (待审批), closed (已销号).
const (
	MeasureActive  MeasureStatus = "推进中"
	MeasurePending MeasureStatus = "销号待审批"
	MeasureClosed  MeasureStatus = "已销号"
)

// Measure is one 整改措施: a responsible leader (an account), a
// responsible department, a deadline, milestones and progress reports.
type Measure struct {
	ID           int64
	PlanID       int64
	ProblemID    int64
	Ord          int
	Title        string
	Leader       int64 // users.id of the responsible leader (责任领导)
	LeaderName   string
	Department   int64 // departments.id of the responsible department (责任部门)
	DeptName     string
	DueOn        court.Date
	Status       MeasureStatus
	ClosedOn     court.Date
	RejectReason string // the reason of the last rejected closing
	Progress     int    // percent, 0..100, as last reported
	LastReport   court.Date
	Description  string
	// WithdrawnOn is the day the measure was withdrawn (status
	// MeasureWithdrawn), NoDate while not.
	WithdrawnOn    court.Date
	WithdrawReason string
	Milestones     []Milestone
	// Dropped are the milestones an edit took out (kept for the history).
	Dropped []Milestone
}

// Milestone is a 节点 of a measure.
type Milestone struct {
	ID        int64
	Title     string
	DueOn     court.Date
	DoneOn    court.Date
	DroppedOn court.Date // the day an edit took it out; NoDate while in
}

// ReportKind is what a measure's report records.
type ReportKind string

// The kinds of report: progress (进展), a closing request with evidence
// (销号申请), the leader's approval (批准销号) or rejection (退回).
const (
	ReportProgress ReportKind = "进展"
	ReportRequest  ReportKind = "销号申请"
	ReportApproved ReportKind = "批准销号"
	ReportRejected ReportKind = "退回"
)

// Report is one entry of a measure's history.
type Report struct {
	ID          int64
	MeasureID   int64
	Kind        ReportKind
	Body        string
	Progress    int
	UserID      int64
	Login       string
	PersonID    int64 // the account's person, 0 when none
	On          court.Date
	At          string // RFC 3339
	Milestone   int64  // a progress report may mark this milestone done (0 for none)
	Attachments []AttachmentInfo
}

// AttachmentInfo describes a stored attachment.
type AttachmentInfo struct {
	ID          int64
	Name        string
	ContentType string
	Size        int64
	SHA256      string
}

// CheckMeasure validates a new measure.
func CheckMeasure(m Measure, today court.Date) error {
	switch {
	case strings.TrimSpace(m.Title) == "":
		return court.Errorf(court.Invalid, "请填写整改措施")
	case utf8.RuneCountInString(m.Title) > 500:
		return court.Errorf(court.Invalid, "整改措施不能超过 500 字")
	case m.Leader == 0:
		return court.Errorf(court.Invalid, "请指定责任领导（账号）")
	case m.Department == 0:
		return court.Errorf(court.Invalid, "请指定责任部门")
	case m.DueOn.IsZero():
		return court.Errorf(court.Invalid, "请填写完成时限")
	}
	return CheckDescription(m.Description)
}

// CheckPlanText validates a plan's or a problem's title.
func CheckPlanText(what, s string) error {
	switch {
	case strings.TrimSpace(s) == "":
		return court.Errorf(court.Invalid, "请填写%s", what)
	case utf8.RuneCountInString(s) > 200:
		return court.Errorf(court.Invalid, "%s不能超过 200 字", what)
	}
	return nil
}

// InDepartment reports whether a belongs to the measure's responsible
// department: only its accounts report progress and ask for 销号.
func (m *Measure) InDepartment(a Actor) bool {
	return a.DepartmentID != 0 && a.DepartmentID == m.Department
}

// CheckProgress checks a progress report (进展): by the responsible
// department, on a measure not closed, with text and a percentage.
func (m *Measure) CheckProgress(a Actor, body string, progress int) error {
	switch {
	case !m.InDepartment(a):
		return court.Errorf(court.Forbidden, "仅责任部门（%s）可以报送进展", m.DeptName)
	case !m.Open():
		return court.Errorf(court.Conflict, "该措施%s，不能再报送进展", m.Status)
	case strings.TrimSpace(body) == "":
		return court.Errorf(court.Invalid, "请填写进展情况")
	case utf8.RuneCountInString(body) > 2000:
		return court.Errorf(court.Invalid, "进展情况不能超过 2000 字")
	case progress < 0 || progress > 100:
		return court.Errorf(court.Invalid, "完成进度应在 0 至 100 之间")
	}
	return nil
}

// RequestCloseout asks for 销号: by the responsible department, on a measure
// under way, with a statement and at least one piece of evidence.
func (m *Measure) RequestCloseout(a Actor, body string, evidence int) error {
	switch {
	case !m.InDepartment(a):
		return court.Errorf(court.Forbidden, "仅责任部门（%s）可以申请销号", m.DeptName)
	case m.Status != MeasureActive:
		return court.Errorf(court.Conflict, "该措施当前状态为“%s”，不能申请销号", m.Status)
	case strings.TrimSpace(body) == "":
		return court.Errorf(court.Invalid, "请填写整改完成情况")
	case evidence < 1:
		return court.Errorf(court.Invalid, "申请销号须上传至少一份佐证材料")
	}
	m.Status = MeasurePending
	return nil
}

// Decide is the responsible leader's decision on a closing request:
// approved, the measure is closed (销号) on today; rejected, it goes back
// under way with the reason.
func (m *Measure) Decide(a Actor, approve bool, reason string, today court.Date) error {
	switch {
	case a.UserID == 0 || a.UserID != m.Leader:
		return court.Errorf(court.Forbidden, "仅责任领导（%s）可以审批销号", m.LeaderName)
	case m.Status != MeasurePending:
		return court.Errorf(court.Conflict, "该措施当前状态为“%s”，没有待审批的销号申请", m.Status)
	case !approve && strings.TrimSpace(reason) == "":
		return court.Errorf(court.Invalid, "退回销号申请时请填写理由")
	}
	if approve {
		m.Status, m.ClosedOn, m.RejectReason, m.Progress = MeasureClosed, today, "", 100
		return nil
	}
	m.Status, m.RejectReason = MeasureActive, strings.TrimSpace(reason)
	return nil
}

// Lateness is how a measure stands against its deadline, the colour of its
// card on the 作战图.
type Lateness uint8

// The lateness classes: closed in time, closed late, on track, due within
// DueSoonDays, past the deadline, withdrawn (撤销, out of the count).
const (
	OnTrack Lateness = iota
	DueSoon
	Late
	DoneInTime
	DoneLate
	Withdrawn
)

// DueSoonDays is how close to its deadline an open measure turns 临期.
const DueSoonDays = 7

var latenessNames = [...]string{"按期推进", "临期", "已逾期", "按期销号", "逾期销号", "已撤销"}
var latenessClasses = [...]string{"ontrack", "soon", "late", "done", "donelate", "withdrawn"}

// String returns the Chinese name.
func (l Lateness) String() string { return latenessNames[l] }

// Class returns the CSS class of the colour.
func (l Lateness) Class() string { return latenessClasses[l] }

// LatenessOf classes a measure on today.
func LatenessOf(m *Measure, today court.Date) Lateness {
	switch {
	case m.Status == MeasureWithdrawn:
		return Withdrawn
	case m.Status == MeasureClosed && m.ClosedOn <= m.DueOn:
		return DoneInTime
	case m.Status == MeasureClosed:
		return DoneLate
	case today > m.DueOn:
		return Late
	case int(m.DueOn-today) <= DueSoonDays:
		return DueSoon
	}
	return OnTrack
}

// BoardFilter selects the measures of a 作战图: by leader and department (0 for any).
type BoardFilter struct{ Leader, Department int64 }

// Keep reports whether the filter keeps m.
func (f BoardFilter) Keep(m *Measure) bool {
	return (f.Leader == 0 || m.Leader == f.Leader) && (f.Department == 0 || m.Department == f.Department)
}

// Tally counts a plan's measures by status and lateness. Withdrawn
// measures count only in Withdrawn.
type Tally struct {
	Measures, Closed, Pending, Late, DueSoon, Withdrawn int
}

// TallyOf counts the measures of a plan on today.
func TallyOf(p *Plan, today court.Date) Tally {
	var t Tally
	for i := range p.Problems {
		for j := range p.Problems[i].Measures {
			m := &p.Problems[i].Measures[j]
			if m.Status == MeasureWithdrawn {
				t.Withdrawn++
				continue
			}
			t.Measures++
			switch LatenessOf(m, today) {
			case DoneInTime, DoneLate:
				t.Closed++
			case Late:
				t.Late++
			case DueSoon:
				t.DueSoon++
			}
			if m.Status == MeasurePending {
				t.Pending++
			}
		}
	}
	return t
}
