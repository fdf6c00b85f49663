package petitions

import (
	"strings"
	"testing"
	"time"

	"github.com/zhixiao/zhixiao/internal/auth"
	"github.com/zhixiao/zhixiao/internal/court"
)

func day(s string) court.Date {
	d, err := court.ParseISODate(s)
	if err != nil {
		panic(err)
	}
	return d
}

var cal = NewCalendar(StateCouncilDays())

func TestWorkdays(t *testing.T) {
	cases := []struct {
		from string
		n    int
		want string
		why  string
	}{
		{"2026-11-02", 5, "2026-11-09", "Monday + 5 skips the weekend"},
		{"2026-11-06", 1, "2026-11-09", "Friday + 1 is Monday"},
		{"2026-11-07", 0, "2026-11-09", "received on Saturday: acknowledged Monday"},
		{"2026-11-07", 5, "2026-11-16", "received on Saturday counts from Monday"},
		{"2025-09-30", 5, "2025-10-14", "国庆 1–8 Oct off, Saturday 11 Oct works"},
		{"2025-09-26", 1, "2025-09-28", "Sunday 28 Sep is a 调休 working day"},
		{"2026-02-13", 1, "2026-02-14", "Saturday 14 Feb 2026 works before 春节"},
		{"2026-02-14", 1, "2026-02-24", "春节 15–23 Feb 2026"},
		{"2024-02-09", 2, "2024-02-19", "春节 2024: 10–17 off, Sunday 18 works"},
		{"2024-12-31", 1, "2025-01-02", "元旦"},
		{"2026-12-31", 1, "2027-01-01", "2027 is not in the schedule: plain weekdays"},
	}
	for _, c := range cases {
		if got := cal.AddWorkdays(day(c.from), c.n); got != day(c.want) {
			t.Errorf("%s + %d = %s, want %s (%s)", c.from, c.n, got, c.want, c.why)
		}
	}
	if !cal.Workday(day("2026-01-04")) || cal.Workday(day("2026-01-02")) {
		t.Error("2026 元旦: 2 Jan off, Sunday 4 Jan works")
	}
	if n := cal.WorkdaysAfter(day("2026-09-30"), day("2026-10-10")); n != 3 {
		t.Errorf("working days in (30 Sep, 10 Oct 2026] = %d, want 3 (8, 9 and Saturday 10 Oct)", n)
	}
}

func TestStateCouncilDays(t *testing.T) {
	off, work := map[int]int{}, map[int]int{}
	for _, d := range StateCouncilDays() {
		y := d.Day.Time().Year()
		w := d.Day.Time().Weekday()
		switch d.Kind {
		case DayOff:
			off[y]++
		case DayWork:
			work[y]++
			if w != time.Saturday && w != time.Sunday {
				t.Errorf("%s %s is a 调休 working day on a weekday", d.Day, d.Name)
			}
		}
	}
	// Public holidays of the year (weekdays and weekends alike) and adjusted working weekends.
	for y, want := range map[int][2]int{2024: {28, 8}, 2025: {28, 5}, 2026: {33, 6}} {
		if off[y] != want[0] || work[y] != want[1] {
			t.Errorf("%d: %d days off and %d working weekends, want %d and %d", y, off[y], work[y], want[0], want[1])
		}
	}
}

func TestDeadlinesAndEscalation(t *testing.T) {
	r := DefaultRules()
	p := &Petition{ReceivedOn: day("2026-09-28"), Status: StatusReceived} // Monday before 国庆
	d := r.DeadlinesOf(cal, p.ReceivedOn)
	if d.Ack != day("2026-09-28") || d.Feedback != day("2026-10-10") || d.Close != day("2026-10-23") {
		t.Fatalf("deadlines %+v", d)
	}
	cases := []struct {
		today string
		ack   string
		ans   string
		step  string
		level Level
	}{
		{"2026-09-28", "", "", "", LevelNone},
		{"2026-09-29", "", "", "签收", LevelChief},
		{"2026-09-30", "", "", "签收", LevelChief},
		{"2026-10-09", "", "", "签收", LevelLeader},
		{"2026-10-10", "2026-09-28", "", "", LevelNone}, // a 调休 Saturday is the 5th working day
		{"2026-10-12", "2026-09-28", "", "答复", LevelChief},
		{"2026-10-13", "2026-09-28", "", "答复", LevelChief},
		{"2026-10-14", "2026-09-28", "", "答复", LevelLeader},
		{"2026-10-23", "2026-09-28", "2026-10-12", "", LevelNone},
		{"2026-10-26", "2026-09-28", "2026-10-12", "办结", LevelChief},
	}
	for _, c := range cases {
		q := *p
		if c.ack != "" {
			q.AckOn, q.Status = day(c.ack), StatusHandling
		}
		if c.ans != "" {
			q.AnsweredOn, q.Status = day(c.ans), StatusAnswered
		}
		step, _ := r.Overdue(cal, &q, day(c.today))
		if l := r.EscalationOf(cal, &q, day(c.today)); step != c.step || l != c.level {
			t.Errorf("%s (ack %s, answered %s): late %q level %d, want %q %d", c.today, c.ack, c.ans, step, l, c.step, c.level)
		}
	}
	q := *p
	if _, ok := Escalate(&q, LevelChief, "签收", time.Now()); !ok || q.Escalation != LevelChief {
		t.Error("escalation to the chief not recorded")
	}
	if _, ok := Escalate(&q, LevelChief, "签收", time.Now()); ok {
		t.Error("the same level escalated twice")
	}
	q.Status = StatusClosed
	if _, ok := Escalate(&q, LevelLeader, "签收", time.Now()); ok {
		t.Error("a closed request escalated")
	}
}

func TestCodes(t *testing.T) {
	seen := map[string]bool{}
	for i := 0; i < 1000; i++ {
		c := NewCode()
		if len(c) != 19 || strings.Count(c, "-") != 3 || strings.ContainsAny(c, "ILOU") {
			t.Fatalf("code %q", c)
		}
		if seen[c] {
			t.Fatalf("code %q twice", c)
		}
		seen[c] = true
		spoken := strings.ToLower(strings.ReplaceAll(c, "-", " "))
		if HashCode(spoken) != HashCode(c) || NormalizeCode(spoken) == "" {
			t.Fatalf("%q as spoken (%q) does not match", c, spoken)
		}
		if HashSurveyCode(c) == HashCode(c) {
			t.Fatal("survey and tracking hashes coincide")
		}
	}
	if NormalizeCode("0O1I-L000-0000-000") != "" || NormalizeCode("00110000000000000") != "" {
		t.Error("a code of the wrong length normalizes")
	}
	if NormalizeCode("O0I1-L000-0000-0000") != "0011100000000000" {
		t.Errorf("O and I/L are read as 0 and 1: %q", NormalizeCode("O0I1-L000-0000-0000"))
	}
	if HashCode("bad") != HashCode("worse") {
		t.Error("malformed codes should hash alike (one path for every miss)")
	}
}

func TestAccessAndMasking(t *testing.T) {
	base := Petition{CourtID: 1, Type: TypeComplaint, OwnerID: 10, DeptID: 3, CreatedBy: 11, Staff: []Staff{{PersonID: 77}}}
	report := base
	report.Type, report.OwnerID, report.DeptID = TypeReport, 0, 0
	v := func(id int64, r auth.Role, court, dept int64) Viewer {
		return Viewer{UserID: id, Role: r, CourtID: court, DepartmentID: dept}
	}
	named := func(x Viewer, person int64) Viewer { x.PersonID = person; return x }
	cases := []struct {
		name string
		v    Viewer
		p    Petition
		want Access
	}{
		{"owner", v(10, auth.RoleJudge, 1, 9), base, Access{true, true, true}},
		{"department judge", v(12, auth.RoleJudge, 1, 3), base, Access{true, true, true}},
		{"department chief", v(13, auth.RoleChief, 1, 3), base, Access{true, true, true}},
		{"other chief", v(14, auth.RoleChief, 1, 4), base, Access{}},
		{"president", v(15, auth.RolePresident, 1, 0), base, Access{true, true, true}},
		{"discipline on a complaint", v(16, auth.RoleDiscipline, 1, 0), base, Access{true, true, true}},
		{"trial management", v(17, auth.RoleTrialMgmt, 1, 0), base, Access{See: true}},
		{"recorder after hand-over", v(11, auth.RoleJudge, 1, 8), base, Access{See: true}},
		{"other court's president", v(18, auth.RolePresident, 2, 0), base, Access{}},
		{"discipline on a report", v(16, auth.RoleDiscipline, 1, 0), report, Access{true, true, true}},
		{"president on a report", v(15, auth.RolePresident, 1, 0), report, Access{}},
		{"recorder of a report", v(11, auth.RoleJudge, 1, 8), report, Access{}},
		{"admin on a report", v(19, auth.RoleAdmin, 1, 0), report, Access{}},
		{"the judge complained about, in the handling department", named(v(20, auth.RoleJudge, 1, 3), 77), base, Access{}},
		{"the chief complained about", named(v(13, auth.RoleChief, 1, 3), 77), base, Access{}},
		{"a president complained about still answers", named(v(15, auth.RolePresident, 1, 0), 77), base, Access{true, true, true}},
		{"another judge of the department", named(v(12, auth.RoleJudge, 1, 3), 78), base, Access{true, true, true}},
	}
	for _, c := range cases {
		if got := AccessOf(c.v, &c.p); got != c.want {
			t.Errorf("%s: %+v, want %+v", c.name, got, c.want)
		}
	}
	m := Citizen{Name: "欧阳明", Phone: "13800001234", IDNo: "11010119900101123X", Address: "示例市甲区人民路1号3单元"}.Masked()
	want := Citizen{Name: "欧**", Phone: "138****1234", IDNo: "1****************X", Address: "示例市甲区人*******"}
	if m != want {
		t.Errorf("masked %+v, want %+v", m, want)
	}
	if (Citizen{Name: "王"}).Masked().Name != "*" || (Citizen{}).Masked() != (Citizen{}) {
		t.Error("short values are masked whole; empty stay empty")
	}
}

func TestCheck(t *testing.T) {
	ok := Petition{Channel: ChannelWindow, Type: TypeInquiry, Subject: " 立案 ", CaseNo: "(2025)示01民初3号"}
	if err := ok.Check(); err != nil || ok.CaseNo != "（2025）示01民初3号" || ok.Subject != "立案" {
		t.Fatalf("check: %v %q %q", err, ok.CaseNo, ok.Subject)
	}
	bad := []struct {
		edit func(*Petition)
		want string
	}{
		{func(p *Petition) { p.Subject = strings.Repeat("字", MaxSubject+1) }, "“事由”最多 100 个字，现有 101 个字"},
		{func(p *Petition) { p.Content = "a\x00b" }, "“诉求内容”含有控制字符"},
		{func(p *Petition) { p.Citizen.Phone = "138-abc" }, "联系电话"},
		{func(p *Petition) { p.Citizen.IDNo = "123" }, "身份证号"},
		{func(p *Petition) { p.CaseNo = "不是案号" }, "“案号”不是案号 无法识别"},
		{func(p *Petition) { p.Type = "闲聊" }, "诉求类型"},
		{func(p *Petition) { p.Channel = "微信" }, "来源渠道"},
		{func(p *Petition) { p.Subject = "" }, "事由"},
		{func(p *Petition) { p.Citizen.Name = "\xff" }, "“姓名”含有无法识别的字符"},
	}
	for _, b := range bad {
		p := Petition{Channel: ChannelWindow, Type: TypeInquiry, Subject: "立案"}
		b.edit(&p)
		if err := p.Check(); err == nil || court.KindOf(err) != court.Invalid || !strings.Contains(court.Message(err), b.want) {
			t.Errorf("want %q, got %v", b.want, err)
		}
	}
}

func TestTransitionsKeepHistory(t *testing.T) {
	now, today := time.Now(), day("2026-11-02")
	clerk := Actor{UserID: 1, Name: "孙立案（lian）", DeptID: 5, Dept: "立案庭"}
	chief := Actor{UserID: 2, Name: "王庭长（tz1）", DeptID: 3, Dept: "民一庭"}
	p := &Petition{No: "诉〔2026〕1号", Type: TypeComplaint, OwnerID: 1, Owner: clerk.Name, DeptID: 5, Dept: "立案庭", Status: StatusReceived, ReceivedOn: today}
	var log []Event
	must := func(e Event, err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		log = append(log, e)
	}
	must(Ack(p, clerk, now, today))
	if _, err := Handover(p, clerk, Target{DeptID: 3, Dept: "民一庭"}, " ", now); err == nil {
		t.Error("hand-over without a reason")
	}
	must(Handover(p, clerk, Target{DeptID: 3, Dept: "民一庭"}, "涉及民一庭", now))
	if p.OwnerLabel() != "民一庭（待认领）" {
		t.Errorf("owner after hand-over to a queue: %q", p.OwnerLabel())
	}
	must(Take(p, chief, now))
	if _, err := Take(p, clerk, now); court.KindOf(err) != court.Conflict {
		t.Errorf("taking an owned request: %v", err)
	}
	must(Answer(p, chief, "已核实", now, today+1))
	if _, err := Close(p, chief, "结果", FindingNone, now, today+2); err == nil {
		t.Error("a complaint closed without a finding")
	}
	must(Close(p, chief, "属实，已处理", FindingUpheld, now, today+2))
	if _, err := Answer(p, chief, "again", now, today+3); court.KindOf(err) != court.Conflict {
		t.Error("a closed request changed")
	}
	rep := &Petition{No: "诉〔2026〕2号", Type: TypeReport, OwnerID: 9, Owner: "纪检（jj）", Status: StatusHandling}
	if _, err := Handover(rep, Actor{UserID: 9}, Target{Dept: "纪检监察"}, "回到队列", now); err != nil || rep.OwnerLabel() != "纪检监察（待认领）" {
		t.Errorf("a report back to the queue: %v %q", err, rep.OwnerLabel())
	}
	want := []string{"签收  ", "移交 孙立案（lian） 民一庭（待认领）", "认领 民一庭（待认领） 王庭长（tz1）", "答复  ", "办结  "}
	for i, e := range log {
		if got := e.Kind + " " + e.From + " " + e.To; got != want[i] {
			t.Errorf("event %d: %q, want %q", i, got, want[i])
		}
	}
	if p.Status != StatusClosed || p.AnsweredOn != today+1 || !p.Finding.Substantiated() || p.Owner != chief.Name {
		t.Errorf("final state %+v", p)
	}
}

func TestBulletinAndSurvey(t *testing.T) {
	r := DefaultRules()
	nov := court.Period{From: day("2026-11-01"), To: day("2026-11-30")}
	ps := []Petition{
		{DeptID: 3, Dept: "民一庭", Type: TypeComplaint, ReceivedOn: day("2026-11-02"), AckOn: day("2026-11-02"), AnsweredOn: day("2026-11-05"), ClosedOn: day("2026-11-06"), Finding: FindingUpheld, Status: StatusClosed},
		{DeptID: 3, Dept: "民一庭", Type: TypeInquiry, ReceivedOn: day("2026-11-02"), AckOn: day("2026-11-03"), AnsweredOn: day("2026-11-20"), Status: StatusAnswered},
		{DeptID: 0, Type: TypeReport, ReceivedOn: day("2026-11-25"), Status: StatusReceived},
		{DeptID: 4, Dept: "民二庭", Type: TypeSuggestion, ReceivedOn: day("2026-10-28"), AckOn: day("2026-10-28"), ClosedOn: day("2026-12-02"), AnsweredOn: day("2026-12-01"), Status: StatusClosed},
		{DeptID: 4, Dept: "民二庭", Type: TypeInquiry, ReceivedOn: day("2026-12-01"), Status: StatusReceived},
	}
	rows, total := Bulletin(ps, nov, r, cal)
	if len(rows) != 3 || rows[0].Dept != "民一庭" || rows[2].Dept != "未分派" {
		t.Fatalf("rows %+v", rows)
	}
	m1, m2 := rows[0], rows[1]
	if m1.Received != 2 || m1.Closed != 1 || m1.FeedbackDue != 2 || m1.FeedbackOnTime != 1 || m1.Substantiated != 1 || m1.Overdue != 1 || m1.ByType[TypeComplaint] != 1 {
		t.Errorf("民一庭 %+v", m1)
	}
	// 民二庭: received in October, answered in December: as of 30 Nov it was late.
	if m2.Received != 0 || m2.FeedbackDue != 1 || m2.FeedbackOnTime != 0 || m2.Overdue != 1 {
		t.Errorf("民二庭 %+v", m2)
	}
	if s := Summary(total); s != (court.PetitionSummary{Received: 3, Closed: 1, FeedbackOnTime: 1, FeedbackDue: 3, Overdue: 3, Substantiated: 1}) {
		t.Errorf("summary %+v", s)
	}
	if x := m2.OnTimeRate(); x != 0 {
		t.Errorf("rate %v", x)
	}
	s := Score([]Answers{{5, 5, 5, 5, 5, 5, 5, 5, 0, 5, 3, 3, 3, 3, 3}, {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0}})
	if s.AccessN != 19 || s.FairnessN != 5 || s.Fairness != 60 || s.Access < 57.89 || s.Access > 57.9 {
		t.Errorf("scores %+v", s)
	}
	if err := (Answers{6}).Check(); err == nil {
		t.Error("a short answer sheet passes")
	}
}

func TestToday(t *testing.T) {
	for _, c := range []struct {
		clock, latest, want string
	}{
		{"2026-11-23", "", "2026-11-23"},           // no case data
		{"2026-11-23", "2026-11-20", "2026-11-23"}, // a Monday after Friday's import: the clock
		{"2026-11-23", "2026-10-23", "2026-11-23"}, // a month behind: still live
		{"2026-11-23", "2026-10-22", "2026-10-22"}, // older: read as of the data's day
		{"2026-11-23", "2025-12-31", "2025-12-31"}, // the demo
		{"2025-12-01", "2025-12-31", "2025-12-01"}, // data ahead of the clock
	} {
		latest := court.Date(0)
		if c.latest != "" {
			latest = day(c.latest)
		}
		if got := Today(day(c.clock), latest); got != day(c.want) {
			t.Errorf("Today(%s, %s) = %s, want %s", c.clock, c.latest, got, c.want)
		}
	}
}
