package main

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"time"

	"github.com/zhixiao/zhixiao/internal/auth"
	"github.com/zhixiao/zhixiao/internal/court"
	"github.com/zhixiao/zhixiao/internal/petitions"
	"github.com/zhixiao/zhixiao/internal/store"
)

// The demo's requests: three months of a window's work at 示例市中级人民法院
// up to the data's latest day (petitions.Today: the demo's cases end before
// the clock, and every page reads them as of that day), from every channel,
// handed to departments, answered (mostly in time), closed, some complaints
// found true; reception days; surveys. The demo accounts do not exist yet
// when `zhixiao demo` runs: the seed acts as petitionsDemoActor on requests
// of the departments that will have a demo account (and on reports), and
// `serve --demo-accounts` makes those accounts their owners
// (assignDemoPetitions). A few recent requests of any department wait in
// their queues (待认领).

// petitionsDemoActor is the seed's name in the requests' records.
const petitionsDemoActor = "演示数据"

var petitionsDemoSubjects = map[petitions.Type][]string{
	petitions.TypeInquiry:    {"咨询立案所需材料", "咨询案件审理进度", "咨询执行款发放时间", "咨询诉讼费缓交", "咨询开庭时间变更"},
	petitions.TypeComplaint:  {"投诉承办法官不接电话", "投诉窗口人员态度生硬", "投诉书记员未按时送达", "投诉执行干警拖延"},
	petitions.TypeSuggestion: {"建议增加周末立案窗口", "建议诉讼服务中心增设导诉", "建议网上缴费说明更清楚"},
	petitions.TypeReport:     {"举报干警违规会见当事人", "举报执行人员收受财物"},
	petitions.TypePetition:   {"对判决结果不服要求再审", "反映案件久拖不执"},
	petitions.TypeNoFiling:   {"起诉材料被退回未出具不予受理裁定"},
}

var petitionsDemoCitizens = []string{"张建国", "李秀英", "王磊", "刘芳", "陈伟", "杨丽", "赵强", "黄敏", "周军", "吴静"}

// seedPetitionsAt fills the module's demo data as of the day the module
// measures from at now (the data's latest day for the demo); it does nothing
// when the demo court has requests already.
func seedPetitionsAt(ctx context.Context, db *store.DB, now time.Time, out io.Writer) error {
	start := time.Now()
	o, err := db.Org(ctx)
	if err != nil {
		return err
	}
	var courtID int64
	for _, c := range o.Courts {
		if c.Name == demoCourt {
			courtID = c.ID
		}
	}
	if courtID == 0 {
		return nil
	}
	if ps, err := db.Petitions(ctx, store.PetitionQuery{CourtID: courtID, Limit: 1}); err != nil || len(ps) > 0 {
		return err
	}
	depts, staff := petitionsDemoDepts(o, courtID)
	desk := petitionsDemoDesk(depts)
	if len(desk) == 0 {
		return nil
	}
	r := rand.New(rand.NewPCG(8, 2026))
	_, cal, err := db.PetitionCalendar(ctx)
	if err != nil {
		return err
	}
	today, err := petitionsMeasureDay(ctx, db, now)
	if err != nil {
		return err
	}
	at := today.Time().Add(time.Hour) // 09:00 in China
	n := 0
	t := today.Time()
	for d := court.DateOf(t.Year(), t.Month()-2, 1); d <= today; d++ {
		if !cal.Workday(d) {
			continue
		}
		for k := r.IntN(3); k > 0; k-- {
			if err := petitionsDemoRequest(ctx, db, r, cal, courtID, depts, desk, staff, d, today); err != nil {
				return err
			}
			n++
		}
	}
	// The last three working days leave one request each in a queue.
	for d, k := today, 0; k < 3; d-- {
		if cal.Workday(d) {
			if err := petitionsDemoRequest(ctx, db, r, cal, courtID, depts, nil, staff, d, today); err != nil {
				return err
			}
			n, k = n+1, k+1
		}
	}
	if _, err := db.EscalatePetitions(ctx, today, at); err != nil {
		return err
	}
	if err := petitionsDemoReceptions(ctx, db, r, courtID, today, at); err != nil {
		return err
	}
	surveys, err := petitionsDemoSurveys(ctx, db, r, courtID, depts, at)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "群众诉求演示数据（截至 %s）：%d 件诉求，4 个院长接待日，%d 份满意度问卷，用时 %.1f 秒\n", today, n, surveys, time.Since(start).Seconds())
	return nil
}

// petitionsDemoDepts lists the court's departments and, by department, its people.
func petitionsDemoDepts(o store.Org, courtID int64) ([]store.OrgDepartment, map[int64][]store.OrgPerson) {
	var depts []store.OrgDepartment
	for _, d := range o.Departments {
		if d.Court == courtID {
			depts = append(depts, d)
		}
	}
	staff := map[int64][]store.OrgPerson{}
	for _, p := range o.People {
		if p.Court == courtID {
			staff[p.Department] = append(staff[p.Department], p)
		}
	}
	return depts, staff
}

// petitionsDemoDesk are the departments that get a demo account
// (demoAccounts): the requests the seed handles go there.
func petitionsDemoDesk(depts []store.OrgDepartment) []store.OrgDepartment {
	var desk []store.OrgDepartment
	for _, d := range depts {
		for _, a := range demoAccounts {
			if a.department == d.Name && (len(desk) == 0 || desk[len(desk)-1].ID != d.ID) {
				desk = append(desk, d)
			}
		}
	}
	return desk
}

func petitionsPick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

// petitionsDemoRequest records one request received on day and, when desk
// is not empty, hands it to one of the desk's departments and plays it
// forward to today; else it waits in the queue of one of depts.
func petitionsDemoRequest(ctx context.Context, db *store.DB, r *rand.Rand, cal *petitions.Calendar, courtID int64, depts, desk []store.OrgDepartment,
	staff map[int64][]store.OrgPerson, day, today court.Date) error {
	types := petitions.Types()
	weights := []int{40, 20, 10, 4, 16, 10}
	t := types[0]
	for x, i := r.IntN(100), 0; i < len(types); i++ {
		if x -= weights[i]; x < 0 {
			t = types[i]
			break
		}
	}
	at := day.Time().Add(time.Duration(1+r.IntN(7)) * time.Hour)
	dept := petitionsPick(r, depts)
	if len(desk) > 0 {
		dept = petitionsPick(r, desk)
	}
	p := &petitions.Petition{CourtID: courtID, Channel: petitionsPick(r, petitions.Channels()), Type: t, Matter: petitionsDemoMatter(t), Subject: petitionsPick(r, petitionsDemoSubjects[t]),
		Content: "（演示数据）群众来访反映的具体情况。", Citizen: petitions.Citizen{Name: petitionsPick(r, petitionsDemoCitizens), Phone: fmt.Sprintf("139%08d", r.IntN(1e8))},
		ReceivedAt: at, ReceivedOn: day}
	if t != petitions.TypeReport {
		p.DeptID, p.Dept = dept.ID, dept.Name
	}
	if t.Judged() && len(staff[dept.ID]) > 0 {
		p.Staff = []petitions.Staff{{PersonID: petitionsPick(r, staff[dept.ID]).ID}}
	}
	e := auth.AuditEntry{At: at, Actor: petitionsDemoActor, IP: "本机"}
	if err := db.CreatePetition(ctx, p, petitions.HashCode(petitions.NewCode()), petitions.HashSurveyCode(petitions.NewCode()), e); err != nil {
		return err
	}
	if len(desk) == 0 {
		return nil
	}
	a := petitions.Actor{Name: petitionsDemoActor}
	steps := []func(*petitions.Petition) (petitions.Event, error){
		func(p *petitions.Petition) (petitions.Event, error) { return petitions.Ack(p, a, at, day) },
	}
	answerOn := cal.AddWorkdays(day, 1+r.IntN(6))
	// The older requests are all answered and closed: a few recent ones are late.
	if answerOn <= today && (r.IntN(10) < 8 || today-day > 14) {
		steps = append(steps, func(p *petitions.Petition) (petitions.Event, error) {
			return petitions.Answer(p, a, "已联系群众并告知办理情况。", answerOn.Time().Add(3*time.Hour), answerOn)
		})
	}
	closeOn := cal.AddWorkdays(day, 5+r.IntN(12))
	if closeOn <= today && (r.IntN(10) < 8 || today-day > 25) {
		f := petitions.FindingNone
		if t.Judged() {
			f = petitionsPick(r, []petitions.Finding{petitions.FindingUpheld, petitions.FindingPartly, petitions.FindingUnfounded, petitions.FindingUnfounded})
		}
		steps = append(steps, func(p *petitions.Petition) (petitions.Event, error) {
			return petitions.Close(p, a, "已办结，群众表示理解。", f, closeOn.Time().Add(4*time.Hour), closeOn)
		})
	}
	for _, step := range steps {
		if _, err := db.ChangePetition(ctx, p.ID, step, e); err != nil {
			return err
		}
	}
	return nil
}

// petitionsDemoMatter is the checklist a request of type t gets at the window.
func petitionsDemoMatter(t petitions.Type) string {
	switch t {
	case petitions.TypeComplaint:
		return "投诉"
	case petitions.TypePetition:
		return "涉诉信访"
	case petitions.TypeNoFiling, petitions.TypeInquiry:
		return "民事立案"
	}
	return ""
}

// petitionsDemoReceptions arranges two past reception days with records and
// two to come with bookings; now is the seed's time on today.
func petitionsDemoReceptions(ctx context.Context, db *store.DB, r *rand.Rand, courtID int64, today court.Date, now time.Time) error {
	e := auth.AuditEntry{At: now, Actor: petitionsDemoActor, IP: "本机"}
	for i, d := range []court.Date{today - 35, today - 7, today + 7, today + 35} {
		id, err := db.AddReceptionDay(ctx, store.ReceptionDay{CourtID: courtID, Day: d, Leader: []string{"院长", "副院长（分管执行）", "院长", "副院长（分管立案）"}[i],
			Place: "诉讼服务中心院长接待室", Slots: 6}, e)
		if err != nil {
			return err
		}
		for k := 0; k < 2+r.IntN(3); k++ {
			rd, err := db.BookReception(ctx, id, store.ReceptionBooking{Citizen: petitions.Citizen{Name: petitionsPick(r, petitionsDemoCitizens), Phone: fmt.Sprintf("138%08d", r.IntN(1e8))},
				Topic: petitionsPick(r, petitionsDemoSubjects[petitions.TypePetition])}, e)
			if err != nil {
				return err
			}
			if d < today {
				if _, err := db.RecordReception(ctx, rd.Bookings[len(rd.Bookings)-1].ID, "院领导当场听取陈述，责成承办部门五个工作日内答复。", 0, e); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// petitionsDemoSurveys answers surveys for the last three months, per department.
func petitionsDemoSurveys(ctx context.Context, db *store.DB, r *rand.Rand, courtID int64, depts []store.OrgDepartment, now time.Time) (int, error) {
	n := 0
	for m := 0; m < 3; m++ {
		month := now.AddDate(0, -m, 0).Format("2006-01")
		for k := 0; k < 20; k++ {
			a := make(petitions.Answers, len(petitions.SurveyItems()))
			base := 3 + r.IntN(3)
			for i := range a {
				a[i] = max(1, min(5, base+r.IntN(3)-1))
			}
			a[8] = 0 // 网站: often not used
			t := store.SurveyTarget{CourtID: courtID, DeptID: petitionsPick(r, depts).ID}
			if err := db.SubmitSurvey(ctx, t, month, a, "", auth.AuditEntry{At: now, Actor: petitionsDemoActor, IP: "本机"}); err != nil {
				return n, err
			}
			n++
		}
	}
	return n, nil
}

// assignDemoPetitions makes the demo accounts the owners of the requests the
// seed handled (store.AssignSeededPetitions): a report goes to 纪检监察, a
// request of a department to one of its accounts (never to the person it
// complains about). The requests the seed left in the queues stay there.
func assignDemoPetitions(ctx context.Context, db *store.DB, courtID int64, users []auth.User, out io.Writer) error {
	owner := func(p *petitions.Petition) (int64, string) {
		var fit []auth.User
		for _, u := range users {
			switch {
			case p.Type == petitions.TypeReport && u.Role == auth.RoleDiscipline,
				p.Type != petitions.TypeReport && p.Dept != "" && u.Department == p.Dept && !petitionsNames(p, u.PersonID):
				fit = append(fit, u)
			}
		}
		if len(fit) == 0 {
			return 0, ""
		}
		u := fit[int(p.ID)%len(fit)]
		if u.Person == "" {
			return u.ID, u.Login
		}
		return u.ID, u.Person + "（" + u.Login + "）"
	}
	e := auth.AuditEntry{At: time.Now(), Actor: actor(), IP: "命令行"}
	n, err := db.AssignSeededPetitions(ctx, courtID, petitionsDemoActor, owner, e)
	if n > 0 {
		fmt.Fprintf(out, "演示诉求：%d 件交由演示账号负责\n", n)
	}
	return err
}

// petitionsNames reports whether request p names person (a complaint about them).
func petitionsNames(p *petitions.Petition, person int64) bool {
	for _, s := range p.Staff {
		if person != 0 && s.PersonID == person {
			return true
		}
	}
	return false
}
