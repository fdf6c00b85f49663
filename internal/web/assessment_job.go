package web

import (
	"context"
	"fmt"

	"github.com/zhixiao/zhixiao/internal/assessment"
	"github.com/zhixiao/zhixiao/internal/auth"
	"github.com/zhixiao/zhixiao/internal/store"
)

// AssessmentJobReport says what one pass of the 绩效考核 background job did:
// the runs it computed as drafts and those it marked ready to publish.
type AssessmentJobReport struct {
	Drafts []string // "示例市中级人民法院 员额法官绩效考核方案 2025-10"
	Ready  []string
}

// AssessmentJobActor is the actor of the job's audit entries.
const AssessmentJobActor = "绩效考核定时任务"

// AssessmentJob is one pass of the 绩效考核 background job (`serve` runs it
// every hour; the clock is the server's, cfg.Now):
//   - for every court and every scheme in force last month (the month before
//     today, today being the data's latest day when that is earlier) with no
//     run of that month yet, it computes the month and stores it as a draft;
//     it never touches a month that has a run, whatever its state;
//   - every run in 公示 whose window has ended with no objection open
//     becomes 待发布 (ready to publish): it is not published, a person
//     publishes it on the run's page.
//
// Both changes are in the audit log (actor 绩效考核定时任务, in the same
// transaction) and on the module's home page (待办).
func (s *Server) AssessmentJob(ctx context.Context) (rep AssessmentJobReport, err error) {
	m := &s.mods.assessment
	if m.db == nil {
		return rep, nil
	}
	org, err := s.data.Org(ctx)
	if err != nil {
		return rep, err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	now := s.now()
	entry := auth.AuditEntry{At: now, Actor: AssessmentJobActor, IP: "后台任务", Action: auth.ActionAssessmentScores}
	month := s.defaultMonth()
	var src *assessment.Sources
	for _, c := range org.Courts {
		runs, err := m.db.AssessmentRuns(ctx, c.ID)
		if err != nil {
			return rep, err
		}
		for _, run := range runs {
			if run.State != assessment.StateNotice || now.Before(run.NoticeUntil) {
				continue
			}
			os, err := m.db.AssessmentObjections(ctx, run.ID)
			if err != nil {
				return rep, err
			}
			open := 0
			for _, o := range os {
				if o.State == assessment.ObjectionOpen {
					open++
				}
			}
			next, ok := run.MarkReady(now, open)
			if !ok {
				continue
			}
			if err := m.db.SetAssessmentRunState(ctx, next, run.State, entry); err != nil {
				return rep, err
			}
			rep.Ready = append(rep.Ready, fmt.Sprintf("%s %s", c.Name, run.Object()))
		}
		all, err := m.db.AssessmentSchemes(ctx, c.ID)
		if err != nil {
			return rep, err
		}
		people, err := m.db.AssessmentPeople(ctx, c.ID)
		if err != nil {
			return rep, err
		}
		for _, cur := range assessment.Current(all) {
			sc := assessment.InForce(all, c.ID, cur.Code, month)
			if sc == nil || len(assessment.Members(people, sc)) == 0 || hasRun(runs, cur.Code, month) {
				continue
			}
			if src == nil {
				eng, err := s.engineOrErr()
				if err != nil {
					return rep, err
				}
				// one pass over the engine for every scheme of every court
				src = &assessment.Sources{Indicators: &assessment.CachedSource{Engine: eng}, Outcomes: m.outcomes}
			}
			t, err := assessment.ComputeMonth(ctx, m.db, *src, sc, month)
			if err != nil {
				return rep, err
			}
			if _, err := m.db.SaveAssessmentScores(ctx, sc, assessment.Run{Month: month}, t, entry); err != nil {
				return rep, err
			}
			rep.Drafts = append(rep.Drafts, fmt.Sprintf("%s %s %s", c.Name, sc.Name, month))
		}
	}
	return rep, nil
}

// hasRun reports whether the court has a run of the scheme code for month.
func hasRun(runs []store.AssessmentRun, code, month string) bool {
	for _, r := range runs {
		if r.SchemeCode == code && r.Month == month {
			return true
		}
	}
	return false
}
