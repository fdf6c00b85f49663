package assessment

import (
	"fmt"
	"github.com/zhixiao/zhixiao/internal/workdays"
	"strings"
	"testing"
	"time"

	"github.com/zhixiao/zhixiao/internal/court"
)

func TestWorkflow(t *testing.T) {
	// Friday 2025-04-04 10:00 China time; 3 working days → Mon, Tue, Wed; window ends Thu 00:00.
	fri := time.Date(2025, 4, 4, 2, 0, 0, 0, time.UTC)
	r := Run{Month: "2025-03", Version: 1, State: StateDraft}
	if err := r.CheckEditable(); err != nil {
		t.Fatalf("draft not editable: %v", err)
	}
	if _, err := r.Publish(fri, 0); err == nil {
		t.Fatal("a draft was published without 公示")
	}
	if err := r.CheckObjection(fri); err == nil {
		t.Fatal("objection to a draft accepted")
	}
	r, err := r.StartNotice(fri, 3)
	if err != nil {
		t.Fatal(err)
	}
	if want := time.Date(2025, 4, 10, 0, 0, 0, 0, chinaTime); !r.NoticeUntil.Equal(want) {
		t.Fatalf("window ends %v, want %v", r.NoticeUntil, want)
	}
	wed := time.Date(2025, 4, 9, 8, 0, 0, 0, time.UTC)
	if err := r.CheckObjection(wed); err != nil {
		t.Errorf("objection in the window: %v", err)
	}
	if _, err := r.Publish(wed, 0); err == nil || !strings.Contains(err.Error(), "期间不能发布") {
		t.Errorf("publish in the window: %v", err)
	}
	thu := time.Date(2025, 4, 10, 1, 0, 0, 0, time.UTC)
	if err := r.CheckObjection(thu); err == nil || !strings.Contains(err.Error(), "公示期已于 2025-04-10 00:00 结束") {
		t.Errorf("objection after the window: %v", err)
	}
	if _, err := r.Publish(thu, 1); err == nil || !strings.Contains(err.Error(), "尚有 1 件考核异议未处理") {
		t.Errorf("publish with an open objection: %v", err)
	}
	p, err := r.Publish(thu, 0)
	if err != nil || p.State != StatePublished {
		t.Fatalf("publish: %v %v", p.State, err)
	}
	if err := p.CheckEditable(); err == nil || court.KindOf(err) != court.Conflict || !strings.Contains(err.Error(), "不能修改") {
		t.Errorf("edit of a published run: %v", err)
	}
	c, err := p.Correct()
	if err != nil || c.Version != 2 || c.State != StateDraft || c.Month != "2025-03" {
		t.Errorf("correction: %+v %v", c, err)
	}
	if _, err := r.Correct(); err == nil {
		t.Error("correction of a run in notice")
	}
}

func TestObjectionReview(t *testing.T) {
	now := time.Date(2025, 4, 8, 0, 0, 0, 0, time.UTC)
	o := Objection{State: ObjectionOpen}
	if _, err := o.Review(false, "", "zhengzhi", now); err == nil || !strings.Contains(err.Error(), "书面答复") {
		t.Errorf("reject without answer: %v", err)
	}
	r, err := o.Review(false, "经核实，结案数无误。", "zhengzhi", now)
	if err != nil || r.State != ObjectionRejected {
		t.Fatalf("reject: %v %v", r.State, err)
	}
	if _, err := r.Review(true, "", "zhengzhi", now); err == nil {
		t.Error("second review accepted")
	}
	a, _ := o.Review(true, "", "zhengzhi", now)
	if a.State != ObjectionAccepted {
		t.Errorf("accept: %v", a.State)
	}
	if err := CheckReason("  "[:0]); err == nil {
		t.Error("empty reason accepted")
	}
}

func TestInterviewCheck(t *testing.T) {
	iv := Interview{Person: 1, Month: "2025-03", Leader: "张院长", HeldOn: court.DateOf(2025, 4, 2), Content: "谈话", FollowUp: "每周报告"}
	if err := iv.Check(); err != nil {
		t.Fatal(err)
	}
	iv.FollowUp = ""
	if err := iv.Check(); err == nil || !strings.Contains(err.Error(), "跟进") {
		t.Errorf("no follow-up: %v", err)
	}
	iv.FollowUp = strings.Repeat("跟", 2001)
	if err := iv.Check(); err == nil || !strings.Contains(err.Error(), "2000 字") {
		t.Errorf("long follow-up: %v", err)
	}
}

func TestMonthPeriod(t *testing.T) {
	p, err := MonthPeriod("2024-02")
	if err != nil || p.From != court.DateOf(2024, 2, 1) || p.To != court.DateOf(2024, 2, 29) {
		t.Errorf("2024-02: %v %v", p, err)
	}
	if _, err := MonthPeriod("2024-2x"); err == nil || !strings.Contains(err.Error(), "YYYY-MM") {
		t.Errorf("bad month: %v", err)
	}
	if PrevMonth("2025-01") != "2024-12" {
		t.Error("PrevMonth")
	}
}

// TestCalendar: 3 working days from Tuesday 2025-09-30 over the National
// Day holidays (10-01..10-08 off; Saturday 10-11 worked, 调休) are 10-09,
// 10-10 and 10-11: the window ends at 10-12 00:00.
func TestCalendar(t *testing.T) {
	s := &Scheme{Name: "x"}
	for d := 1; d <= 8; d++ {
		s.Holidays = append(s.Holidays, fmt.Sprintf("2025-10-%02d", d))
	}
	s.Workdays = []string{"2025-09-28", "2025-10-11"}
	cal, err := s.Calendar()
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2025, 9, 30, 2, 0, 0, 0, time.UTC)
	r, err := Run{State: StateDraft}.StartNoticeIn(now, 3, cal)
	if err != nil {
		t.Fatal(err)
	}
	if want := time.Date(2025, 10, 12, 0, 0, 0, 0, chinaTime); !r.NoticeUntil.Equal(want) {
		t.Errorf("window ends %v, want %v", r.NoticeUntil.In(chinaTime), want)
	}
	s.Holidays = append(s.Holidays, "2025-10-32")
	if _, err := s.Calendar(); err == nil || !strings.Contains(err.Error(), "节假日“2025-10-32”无效") {
		t.Errorf("bad holiday: %v", err)
	}
}

// TestCalendarOnCourt: the court's calendar (the 国务院 schedule of
// internal/workdays) alone gives the same National Day window as the
// scheme's list did; a scheme override on top (10-10 off) moves it a day.
func TestCalendarOnCourt(t *testing.T) {
	base := workdays.New(workdays.StateCouncilDays())
	s := &Scheme{Name: "x"}
	cal, err := s.CalendarOn(base)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2025, 9, 30, 2, 0, 0, 0, time.UTC)
	r, err := Run{State: StateDraft}.StartNoticeIn(now, 3, cal)
	if err != nil {
		t.Fatal(err)
	}
	if want := time.Date(2025, 10, 12, 0, 0, 0, 0, chinaTime); !r.NoticeUntil.Equal(want) {
		t.Errorf("court calendar: window ends %v, want %v", r.NoticeUntil.In(chinaTime), want)
	}
	s.Holidays = []string{"2025-10-10"}
	if cal, err = s.CalendarOn(base); err != nil {
		t.Fatal(err)
	}
	r, _ = Run{State: StateDraft}.StartNoticeIn(now, 3, cal)
	if want := time.Date(2025, 10, 14, 0, 0, 0, 0, chinaTime); !r.NoticeUntil.Equal(want) {
		t.Errorf("override: window ends %v, want %v (10-09, 10-11, 10-13)", r.NoticeUntil.In(chinaTime), want)
	}
	// Spring Festival 2026: from Friday 02-13, 班 on Saturday 02-14, then
	// 02-15..02-23 off: 02-14, 02-24, 02-25.
	r, _ = Run{State: StateDraft}.StartNoticeIn(time.Date(2026, 2, 13, 3, 0, 0, 0, time.UTC), 3, Calendar{Base: base})
	if want := time.Date(2026, 2, 26, 0, 0, 0, 0, chinaTime); !r.NoticeUntil.Equal(want) {
		t.Errorf("spring festival: window ends %v, want %v", r.NoticeUntil.In(chinaTime), want)
	}
}

// TestMarkReady: only a run in 公示, after its window, with no objection open
// becomes 待发布; a 待发布 run publishes and may be recomputed.
func TestMarkReady(t *testing.T) {
	until := time.Date(2025, 10, 12, 0, 0, 0, 0, time.UTC)
	r := Run{State: StateNotice, NoticeUntil: until}
	if _, ok := r.MarkReady(until.Add(-time.Second), 0); ok {
		t.Error("ready inside the window")
	}
	if _, ok := r.MarkReady(until, 1); ok {
		t.Error("ready with an open objection")
	}
	if _, ok := (Run{State: StatePublished, NoticeUntil: until}).MarkReady(until, 0); ok {
		t.Error("a published run marked ready")
	}
	next, ok := r.MarkReady(until, 0)
	if !ok || next.State != StateReady {
		t.Fatalf("MarkReady: %v %s", ok, next.State)
	}
	if err := next.CheckEditable(); err != nil {
		t.Errorf("待发布 not editable: %v", err)
	}
	if err := next.CheckObjection(until.Add(time.Hour)); err == nil {
		t.Error("objection accepted after the window")
	}
	if pub, err := next.Publish(until.Add(time.Hour), 0); err != nil || pub.State != StatePublished {
		t.Errorf("publish 待发布: %v %s", err, pub.State)
	}
}
