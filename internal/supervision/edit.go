package supervision

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/zhixiao/zhixiao/internal/auth"
	"github.com/zhixiao/zhixiao/internal/court"
)

// This file is the editing of plans, problems and measures after they are
// made, and their withdrawal (撤销) with a reason. Nothing is deleted: a
// withdrawn problem or measure stays, marked, with its history; a milestone
// taken out of a measure is marked dropped.

// MeasureWithdrawn is the state of a withdrawn measure (已撤销): it no longer
// counts on the 作战图, and takes no reports.
const MeasureWithdrawn MeasureStatus = "已撤销"

// The report kinds that record edits and withdrawals in a measure's history.
const (
	ReportEdited    ReportKind = "调整"
	ReportWithdrawn ReportKind = "撤销"
)

// CanEditPlan reports (as an error of kind Forbidden) whether a may edit the
// plan, add to it or withdraw from it: 审管办 and 院领导 of the plan's court,
// and the account that made the plan.
func CanEditPlan(a Actor, p *Plan) error {
	if a.Court == p.Court && (a.Role == auth.RoleTrialMgmt || a.Role == auth.RolePresident) ||
		a.Login != "" && a.Login == p.CreatedBy {
		return nil
	}
	return court.Errorf(court.Forbidden, "仅本院审管办、院领导和方案编制人可以修改整改方案")
}

// CheckDescription validates a description (说明), which may be empty.
func CheckDescription(s string) error {
	if utf8.RuneCountInString(s) > 2000 {
		return court.Errorf(court.Invalid, "说明不能超过 2000 字")
	}
	return nil
}

// Withdrawn reports whether the problem is withdrawn.
func (q *Problem) Withdrawn() bool { return !q.WithdrawnOn.IsZero() }

// Withdraw withdraws the problem on today with a reason.
func (q *Problem) Withdraw(reason string, today court.Date) error {
	if err := checkReason(reason); err != nil {
		return err
	}
	if q.Withdrawn() {
		return court.Errorf(court.Conflict, "该问题已于%s撤销", q.WithdrawnOn)
	}
	q.WithdrawnOn, q.WithdrawReason = today, strings.TrimSpace(reason)
	return nil
}

func checkReason(reason string) error {
	switch r := strings.TrimSpace(reason); {
	case r == "":
		return court.Errorf(court.Invalid, "撤销时请填写理由")
	case utf8.RuneCountInString(r) > 500:
		return court.Errorf(court.Invalid, "撤销理由不能超过 500 字")
	}
	return nil
}

// Open reports whether the measure still takes edits and reports: not
// closed (已销号) and not withdrawn.
func (m *Measure) Open() bool { return m.Status != MeasureClosed && m.Status != MeasureWithdrawn }

// Withdraw withdraws an open measure on today with a reason. A measure
// already closed stays closed: its 销号 is history.
func (m *Measure) Withdraw(reason string, today court.Date) error {
	if err := checkReason(reason); err != nil {
		return err
	}
	if !m.Open() {
		return court.Errorf(court.Conflict, "该措施当前状态为“%s”，不能撤销", m.Status)
	}
	m.Status, m.WithdrawnOn, m.WithdrawReason = MeasureWithdrawn, today, strings.TrimSpace(reason)
	return nil
}

// Edit checks an edit of an open measure: after carries the new title,
// description, leader, department, deadline and milestones.
func (m *Measure) Edit(after *Measure, today court.Date) error {
	if !m.Open() {
		return court.Errorf(court.Conflict, "该措施当前状态为“%s”，不能修改", m.Status)
	}
	if err := CheckMeasure(*after, today); err != nil {
		return err
	}
	return CheckDescription(after.Description)
}

// MilestoneEdit is how an edit changes a measure's milestones: the
// milestones kept (with their new due dates), the ones dropped and the new
// ones.
type MilestoneEdit struct {
	Keep, Drop, Add []Milestone
}

// Changed reports whether the edit changes anything.
func (e MilestoneEdit) Changed(old []Milestone) bool {
	if len(e.Drop) > 0 || len(e.Add) > 0 {
		return true
	}
	due := map[int64]court.Date{}
	for _, s := range old {
		due[s.ID] = s.DueOn
	}
	for _, s := range e.Keep {
		if due[s.ID] != s.DueOn {
			return true
		}
	}
	return false
}

// EditMilestones matches the wanted milestones (title and due date, from the
// edit form) to the old ones by title: a done milestone is always kept as
// it is (it is history); an undone one whose title is wanted is kept with
// the wanted due date; an undone one not wanted is dropped; a wanted title
// that matches none is added.
func EditMilestones(old, want []Milestone) MilestoneEdit {
	var e MilestoneEdit
	wanted := map[string]court.Date{}
	for _, w := range want {
		wanted[w.Title] = w.DueOn
	}
	matched := map[string]bool{}
	for _, s := range old {
		if !s.DoneOn.IsZero() {
			e.Keep = append(e.Keep, s)
			matched[s.Title] = true
			continue
		}
		if d, ok := wanted[s.Title]; ok && !matched[s.Title] {
			s.DueOn = d
			e.Keep = append(e.Keep, s)
			matched[s.Title] = true
			continue
		}
		e.Drop = append(e.Drop, s)
	}
	for _, w := range want {
		if !matched[w.Title] {
			matched[w.Title] = true
			e.Add = append(e.Add, Milestone{Title: w.Title, DueOn: w.DueOn})
		}
	}
	return e
}

// EditSummary says in Chinese what an edit changes, for the measure's
// history and the notices: "完成时限：2026-03-31 → 2026-04-30；责任领导：甲 → 乙".
// The names come from before's and after's LeaderName and DeptName.
func EditSummary(before, after *Measure, me MilestoneEdit) string {
	var parts []string
	change := func(what, a, b string) {
		if a != b {
			parts = append(parts, what+"："+a+" → "+b)
		}
	}
	change("措施", before.Title, after.Title)
	if before.Description != after.Description {
		parts = append(parts, "说明已修改")
	}
	if before.Leader != after.Leader {
		change("责任领导", before.LeaderName, after.LeaderName)
	}
	if before.Department != after.Department {
		change("责任部门", before.DeptName, after.DeptName)
	}
	change("完成时限", before.DueOn.String(), after.DueOn.String())
	if me.Changed(before.Milestones) {
		moved := 0
		due := map[int64]court.Date{}
		for _, s := range before.Milestones {
			due[s.ID] = s.DueOn
		}
		for _, s := range me.Keep {
			if due[s.ID] != s.DueOn {
				moved++
			}
		}
		var ms []string
		for _, c := range []struct {
			n    int
			what string
		}{{len(me.Add), "新增"}, {moved, "调整"}, {len(me.Drop), "取消"}} {
			if c.n > 0 {
				ms = append(ms, fmt.Sprintf("%s %d 个", c.what, c.n))
			}
		}
		parts = append(parts, "节点："+strings.Join(ms, "，"))
	}
	if len(parts) == 0 {
		return "未作修改"
	}
	return strings.Join(parts, "；")
}
