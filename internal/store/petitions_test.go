package store_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/zhixiao/zhixiao/internal/auth"
	"github.com/zhixiao/zhixiao/internal/court"
	"github.com/zhixiao/zhixiao/internal/petitions"
	"github.com/zhixiao/zhixiao/internal/store"
	"github.com/zhixiao/zhixiao/internal/store/storetest"
)

// petitionFixture loads a court with 民一庭 (王庭长, 李法官) and 立案庭 (孙立案)
// and returns the ids by name.
func petitionFixture(t *testing.T, db *store.DB) map[string]int64 { return petitionFixtureTB(t, db) }

func petitionFixtureTB(t testing.TB, db *store.DB) map[string]int64 {
	t.Helper()
	const c = "示例市中级人民法院"
	load(t, db, batch{
		courts: []court.Court{{Name: c, Code: "示01", Level: court.CourtIntermediate}},
		people: []court.Person{
			{Court: c, Department: "民一庭", Name: "王庭长", StaffNo: "Z001", Category: court.CategoryJudge, Active: true},
			{Court: c, Department: "民一庭", Name: "李法官", StaffNo: "Z002", Category: court.CategoryJudge, Active: true},
			{Court: c, Department: "立案庭", Name: "孙立案", StaffNo: "Z010", Category: court.CategoryClerk, Active: true},
		},
	})
	o, err := db.Org(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]int64{c: o.Courts[0].ID}
	for _, d := range o.Departments {
		ids[d.Name] = d.ID
	}
	for _, p := range o.People {
		ids[p.Name] = p.ID
	}
	return ids
}

var petitionT0 = time.Date(2026, 11, 2, 1, 30, 0, 0, time.UTC)

func petitionComplaint(ids map[string]int64, received court.Date) *petitions.Petition {
	return &petitions.Petition{CourtID: ids["示例市中级人民法院"], Channel: petitions.ChannelWindow, Type: petitions.TypeComplaint, Matter: "投诉",
		Subject: "投诉法官", Citizen: petitions.Citizen{Name: "张三", Phone: "13800001234"}, Staff: []petitions.Staff{{PersonID: ids["李法官"]}},
		ReceivedAt: petitionT0, ReceivedOn: received, DeptID: ids["立案庭"]}
}

func TestPetitionLifecycle(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		ids := petitionFixture(t, db)
		e := auth.AuditEntry{At: petitionT0, Actor: "lian", IP: "127.0.0.1"}
		p := petitionComplaint(ids, day(t, "2026-11-02"))
		code := petitions.NewCode()
		if err := db.CreatePetition(ctx, p, petitions.HashCode(code), petitions.HashSurveyCode(code), e); err != nil {
			t.Fatal(err)
		}
		q := petitionComplaint(ids, day(t, "2026-11-02"))
		if err := db.CreatePetition(ctx, q, petitions.HashCode(petitions.NewCode()), petitions.HashSurveyCode(petitions.NewCode()), e); err != nil {
			t.Fatal(err)
		}
		if p.No != "诉〔2026〕1号" || q.No != "诉〔2026〕2号" {
			t.Errorf("numbers %q %q", p.No, q.No)
		}
		got, evs, err := db.PetitionByTracking(ctx, petitions.HashCode(strings.ToLower(code)))
		if err != nil || got.ID != p.ID || len(got.Staff) != 1 || got.Staff[0].Name != "李法官" || got.Dept != "立案庭" || len(evs) != 1 {
			t.Fatalf("by tracking: %+v %v %v", got, evs, err)
		}
		if _, _, err := db.PetitionByTracking(ctx, petitions.HashCode(petitions.NewCode())); court.KindOf(err) != court.NotFound {
			t.Errorf("unknown code: %v", err)
		}

		before := storetest.Checksum(t, db)
		_, err = db.ChangePetition(ctx, p.ID, func(p *petitions.Petition) (petitions.Event, error) {
			return petitions.Handover(p, petitions.Actor{Name: "lian"}, petitions.Target{DeptID: ids["民一庭"], Dept: "民一庭"}, "", petitionT0)
		}, e)
		if court.KindOf(err) != court.Invalid || storetest.Checksum(t, db) != before {
			t.Fatalf("a refused hand-over: %v, or it changed the database", err)
		}
		after, err := db.ChangePetition(ctx, p.ID, func(p *petitions.Petition) (petitions.Event, error) {
			return petitions.Handover(p, petitions.Actor{Name: "lian"}, petitions.Target{DeptID: ids["民一庭"], Dept: "民一庭"}, "涉及民一庭", petitionT0)
		}, e)
		if err != nil || after.DeptID != ids["民一庭"] || after.OwnerID != 0 {
			t.Fatalf("hand-over: %+v %v", after, err)
		}
		all, err := db.PetitionEvents(ctx, p.ID)
		if err != nil || len(all) != 2 || all[1].Kind != "移交" || all[1].Note != "涉及民一庭" || all[1].To != "民一庭（待认领）" {
			t.Errorf("history %+v %v", all, err)
		}
		log, n, err := db.AuditLog(ctx, auth.AuditQuery{Limit: 10})
		if err != nil || n != 3 || log[0].Action != store.ActionPetitionChange || !strings.Contains(log[0].Before, "立案庭") || strings.Contains(log[0].After, "13800001234") {
			t.Errorf("audit %+v %d %v", log, n, err)
		}
		open, err := db.Petitions(ctx, store.PetitionQuery{CourtID: ids["示例市中级人民法院"], Open: true, From: day(t, "2026-11-01")})
		if err != nil || len(open) != 2 {
			t.Errorf("open: %d %v", len(open), err)
		}
	})
}

func TestPetitionEscalationAndReports(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		ids := petitionFixture(t, db)
		e := auth.AuditEntry{At: petitionT0, Actor: "lian"}
		late := petitionComplaint(ids, day(t, "2026-11-02"))
		done := petitionComplaint(ids, day(t, "2026-11-02"))
		done.Staff = append(done.Staff, petitions.Staff{PersonID: ids["王庭长"]})
		for _, p := range []*petitions.Petition{late, done} {
			if err := db.CreatePetition(ctx, p, petitions.HashCode(petitions.NewCode()), petitions.HashSurveyCode(petitions.NewCode()), e); err != nil {
				t.Fatal(err)
			}
		}
		a := petitions.Actor{UserID: 0, Name: "tz1"}
		for _, step := range []func(p *petitions.Petition) (petitions.Event, error){
			func(p *petitions.Petition) (petitions.Event, error) {
				return petitions.Answer(p, a, "已处理", petitionT0, day(t, "2026-11-04"))
			},
			func(p *petitions.Petition) (petitions.Event, error) {
				return petitions.Close(p, a, "属实", petitions.FindingPartly, petitionT0, day(t, "2026-11-05"))
			},
		} {
			if _, err := db.ChangePetition(ctx, done.ID, step, e); err != nil {
				t.Fatal(err)
			}
		}
		for _, c := range []struct {
			today string
			want  int
			level petitions.Level
		}{{"2026-11-02", 0, 0}, {"2026-11-03", 1, petitions.LevelChief}, {"2026-11-04", 0, 0}, {"2026-11-06", 1, petitions.LevelLeader}, {"2026-11-30", 0, 0}} {
			got, err := db.EscalatePetitions(ctx, day(t, c.today), petitionT0)
			if err != nil || len(got) != c.want || c.want > 0 && (got[0].No != late.No || got[0].Level != c.level) {
				t.Errorf("escalate on %s: %+v %v", c.today, got, err)
			}
		}
		evs, _ := db.PetitionEvents(ctx, late.ID)
		if len(evs) != 3 || evs[1].Kind != "升级" || !strings.Contains(evs[2].Note, "分管院领导") {
			t.Errorf("escalation history %+v", evs)
		}

		nov, _ := court.NewPeriod(day(t, "2026-11-01"), day(t, "2026-11-30"))
		s, err := db.PetitionSummary(ctx, ids["示例市中级人民法院"], nov)
		want := court.PetitionSummary{Received: 2, Closed: 1, FeedbackOnTime: 1, FeedbackDue: 2, Overdue: 1, Substantiated: 1}
		if err != nil || s != want {
			t.Errorf("summary %+v %v, want %+v", s, err, want)
		}
		out, err := db.PetitionOutcomes(ctx, ids["示例市中级人民法院"], day(t, "2026-11-01"), day(t, "2026-11-30"))
		if err != nil || len(out) != 2 || out[0].Kind != court.OutcomeComplaintUpheld || out[0].Ref != done.No || out[0].Day != day(t, "2026-11-05") ||
			out[0].Person != ids["王庭长"] && out[0].Person != ids["李法官"] || out[0].Person == out[1].Person {
			t.Errorf("outcomes %+v %v", out, err)
		}
		if out, _ := db.PetitionOutcomes(ctx, ids["示例市中级人民法院"], day(t, "2026-12-01"), day(t, "2026-12-31")); len(out) != 0 {
			t.Errorf("outcomes out of the period: %+v", out)
		}
	})
}

func TestPetitionSetupStore(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		ids := petitionFixture(t, db)
		courtID := ids["示例市中级人民法院"]
		e := auth.AuditEntry{At: petitionT0, Actor: "sgb"}
		days, err := db.HolidayCalendar(ctx)
		if err != nil || len(days) != len(petitions.StateCouncilDays()) {
			t.Fatalf("calendar: %d %v", len(days), err)
		}
		if err := db.SaveCalendarDay(ctx, petitions.CalendarDay{Day: day(t, "2026-10-01")}, e); err != nil {
			t.Fatal(err)
		}
		if err := db.SaveCalendarDay(ctx, petitions.CalendarDay{Day: day(t, "2027-01-01"), Kind: petitions.DayOff, Name: "元旦"}, e); err != nil {
			t.Fatal(err)
		}
		_, cal, err := db.PetitionCalendar(ctx)
		if err != nil || !cal.Workday(day(t, "2026-10-01")) || cal.Workday(day(t, "2027-01-01")) {
			t.Errorf("edited calendar: %v", err)
		}
		if err := db.SavePetitionRules(ctx, petitions.Rules{FeedbackDays: 3, CloseDays: 2}, e); court.KindOf(err) != court.Invalid {
			t.Errorf("bad rules: %v", err)
		}
		cs, stored, err := db.Checklists(ctx, courtID)
		if err != nil || stored || len(cs) != len(petitions.DefaultChecklists()) {
			t.Fatalf("default checklists: %v %v", stored, err)
		}
		c := petitions.Checklist{Matter: "执行立案", Title: "执行立案告知书", Items: []string{"申请书", "生效文书"}}
		if err := db.SaveChecklist(ctx, courtID, c, false, e); err != nil {
			t.Fatal(err)
		}
		if err := db.SaveChecklist(ctx, courtID, petitions.Checklist{Matter: "投诉"}, true, e); err != nil {
			t.Fatal(err)
		}
		cs, stored, err = db.Checklists(ctx, courtID)
		if err != nil || !stored || len(cs) != len(petitions.DefaultChecklists()) || cs[len(cs)-1].Matter != "执行立案" || cs[len(cs)-1].Items[1] != "生效文书" {
			t.Errorf("stored checklists %+v %v", cs, err)
		}
		if err := db.SaveChecklist(ctx, courtID, petitions.Checklist{Matter: "空", Title: "空"}, false, e); court.KindOf(err) != court.Invalid {
			t.Errorf("empty checklist: %v", err)
		}

		rid, err := db.AddReceptionDay(ctx, store.ReceptionDay{CourtID: courtID, Day: day(t, "2026-11-10"), Leader: "王院长", Slots: 1}, e)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.BookReception(ctx, rid, store.ReceptionBooking{Citizen: petitions.Citizen{Name: "赵六"}, Topic: "执行"}, e); err != nil {
			t.Fatal(err)
		}
		if _, err := db.BookReception(ctx, rid, store.ReceptionBooking{Citizen: petitions.Citizen{Name: "钱七"}, Topic: "立案"}, e); court.KindOf(err) != court.Conflict {
			t.Errorf("full day: %v", err)
		}
		rs, err := db.ReceptionDays(ctx, courtID, day(t, "2026-11-01"))
		if err != nil || len(rs) != 1 || len(rs[0].Bookings) != 1 {
			t.Fatalf("receptions %+v %v", rs, err)
		}
		if r, err := db.RecordReception(ctx, rs[0].Bookings[0].ID, "已协调", 0, e); err != nil || r.Bookings[0].Record != "已协调" {
			t.Errorf("record %+v %v", r, err)
		}

		p := petitionComplaint(ids, day(t, "2026-11-02"))
		code := petitions.NewCode()
		if err := db.CreatePetition(ctx, p, petitions.HashCode(code), petitions.HashSurveyCode(code), e); err != nil {
			t.Fatal(err)
		}
		target, err := db.SurveyTargetByCode(ctx, petitions.HashSurveyCode(code))
		if err != nil || target.PetitionID != p.ID || target.Done {
			t.Fatalf("survey target %+v %v", target, err)
		}
		if _, err := db.SurveyTargetByCode(ctx, petitions.HashCode(code)); court.KindOf(err) != court.NotFound {
			t.Error("the tracking hash opens the survey")
		}
		five := petitions.Answers{5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 4, 4, 4, 4, 4}
		if err := db.SubmitSurvey(ctx, target, "2026-11", five, "", e); court.KindOf(err) != court.Conflict {
			t.Errorf("survey of an open request: %v", err)
		}
		if _, err := db.ChangePetition(ctx, p.ID, func(p *petitions.Petition) (petitions.Event, error) {
			return petitions.Close(p, petitions.Actor{Name: "tz1"}, "不实", petitions.FindingUnfounded, petitionT0, day(t, "2026-11-03"))
		}, e); err != nil {
			t.Fatal(err)
		}
		if target, err = db.SurveyTargetByCode(ctx, petitions.HashSurveyCode(code)); err != nil || !target.Closed {
			t.Fatalf("closed survey target %+v %v", target, err)
		}
		if err := db.SubmitSurvey(ctx, target, "2026-11", five, "", e); err != nil {
			t.Fatal(err)
		}
		if err := db.SubmitSurvey(ctx, target, "2026-11", five, "", e); court.KindOf(err) != court.Conflict {
			t.Errorf("second survey: %v", err)
		}
		rows, err := db.SurveyResults(ctx, courtID, "2026-01", "2026-12")
		if err != nil || len(rows) != 1 || rows[0].Dept != "立案庭" || rows[0].N != 1 || rows[0].Access != 100 || rows[0].Fairness != 80 {
			t.Errorf("survey results %+v %v", rows, err)
		}
	})
}

// TestPetitionNumbersUnderConcurrency: clerks recording at the same moment
// get distinct numbers and none fails.
func TestPetitionNumbersUnderConcurrency(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		ids := petitionFixture(t, db)
		const n = 8
		errs := make(chan error, n)
		nos := make(chan string, n)
		for i := 0; i < n; i++ {
			go func() {
				p := petitionComplaint(ids, day(t, "2026-11-02"))
				err := db.CreatePetition(context.Background(), p, petitions.HashCode(petitions.NewCode()), petitions.HashSurveyCode(petitions.NewCode()),
					auth.AuditEntry{At: petitionT0, Actor: "lian"})
				errs <- err
				nos <- p.No
			}()
		}
		seen := map[string]bool{}
		for i := 0; i < n; i++ {
			if err := <-errs; err != nil {
				t.Error(err)
			}
			seen[<-nos] = true
		}
		if len(seen) != n {
			t.Errorf("%d distinct numbers for %d requests: %v", len(seen), n, seen)
		}
	})
}
