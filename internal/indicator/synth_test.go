package indicator

import (
	"fmt"
	"math/rand/v2"

	"github.com/zhixiao/zhixiao/internal/court"
)

// synthCodes are the 类型代字 the random data sets draw from.
var synthCodes = []string{"民初", "民初", "民初", "刑初", "行初", "民终", "刑终", "行终", "民再", "刑再", "民申",
	"民特", "民督", "执", "执", "执恢", "执异", "执复", "执保", "民诉前调", "刑核", "民辖"}

var synthMethods = []court.CloseMethod{court.CloseJudgment, court.CloseMediation, court.CloseWithdrawal,
	court.CloseDismissal, court.CloseUphold, court.CloseModify, court.CloseRemand, court.CloseAppealWithdrawn,
	court.CloseSettlement, court.CloseExecCompleted, court.CloseExecSuspended, court.CloseExecTerminated, court.CloseOther}

// synthetic returns a random data set that exercises the corners the demo
// avoids: 原审案号 that point nowhere or into cycles, 是否上诉 given against
// the facts, courts named by their 法院代字, panels of people not in the
// people table, receipts of missing cases, leap days.
func synthetic(seed uint64, n int) *memSource {
	rng := rand.New(rand.NewPCG(seed, seed*7+1))
	courts := []court.Court{
		{Name: "甲市中级人民法院", Code: "甲01", Level: court.CourtIntermediate},
		{Name: "甲市一区人民法院", Code: "甲0101", Level: court.CourtBasic},
		{Name: "甲市二区人民法院", Code: "甲0102", Level: court.CourtBasic},
	}
	depts := []string{"民一庭", "民二庭", "刑庭", "执行局"}
	names := []string{"张三", "李四", "王五", "赵六", "孙七", "周八", "吴九", "郑十"}
	src := &memSource{courts: courts}
	for ci, c := range courts {
		for di, d := range depts {
			for ni, name := range names {
				if (ci+di+ni)%3 == 0 {
					continue
				}
				cat := court.CategoryJudge
				if ni%4 == 3 {
					cat = court.CategoryClerk
				}
				courtRef := c.Name
				if ni == 1 {
					courtRef = c.Code
				}
				src.people = append(src.people, court.Person{Court: courtRef, Department: d, Name: name,
					StaffNo: fmt.Sprint(ci*100 + di*10 + ni), Category: cat, Active: ni%5 != 4})
			}
		}
	}
	base := court.DateOf(2022, 1, 1)
	var nos []string
	for i := range n {
		ci := rng.IntN(len(courts))
		code := synthCodes[rng.IntN(len(synthCodes))]
		filed := base + court.Date(rng.IntN(1600))
		no, err := court.ParseCaseNo(fmt.Sprintf("（%d）%s%s%d号", filed.Time().Year(), courts[ci].Code, code, i+1))
		if err != nil {
			panic(err)
		}
		c := court.Case{No: no, Court: courts[ci].Name, Department: depts[rng.IntN(len(depts))],
			Judge: names[rng.IntN(len(names))], FiledOn: filed, Appealed: court.Tri(rng.IntN(3) - 1),
			ExecAmount: court.NoMoney, ExecRecovered: court.NoMoney, ClaimAmount: court.NoMoney,
			Hearings: rng.IntN(3), EfileReads: rng.IntN(3)}
		if rng.IntN(10) == 0 {
			c.Court = courts[ci].Code
		}
		c.LimitDays = court.DefaultLimitDays(no.Kind, no.Level, court.TrackNone)
		if rng.IntN(4) == 0 {
			c.ExtendedDays = rng.IntN(60)
		}
		if rng.IntN(4) == 0 {
			c.SuspendedDays = rng.IntN(90)
		}
		if rng.IntN(5) != 0 {
			c.ClosedOn = filed + court.Date(rng.IntN(400))
			c.CloseMethod = synthMethods[rng.IntN(len(synthMethods))]
		}
		if rng.IntN(3) != 0 {
			c.EfileOn = filed + court.Date(rng.IntN(8)-1)
		}
		if no.Kind == court.KindEnforcement && rng.IntN(5) != 0 {
			c.ExecAmount = court.Money(rng.Int64N(1e9))
			c.ExecRecovered = court.Money(rng.Int64N(int64(c.ExecAmount) + 1))
			if rng.IntN(20) == 0 {
				c.ExecAmount = court.Money(5e9 + rng.Int64N(1e9)) // more than uint32 分
			}
		}
		switch r := rng.IntN(10); {
		case r < 5 && len(nos) > 0:
			c.OriginNo = nos[rng.IntN(len(nos))]
		case r == 5:
			c.OriginNo = fmt.Sprintf("（2019）%s民初%d号", courts[ci].Code, 900000+i) // missing
		case r == 6 && len(nos) > 0:
			c.OriginNo = nos[len(nos)-1]
		}
		if rng.IntN(3) == 0 {
			for range 1 + rng.IntN(2) {
				c.Panel = append(c.Panel, names[rng.IntN(len(names))]+[]string{"", "", "甲"}[rng.IntN(3)])
			}
		}
		nos = append(nos, no.String())
		src.cases = append(src.cases, c)
		if no.Kind == court.KindEnforcement {
			for range rng.IntN(3) {
				r := court.FundReceipt{CaseNo: no.String(), ReceivedOn: filed + court.Date(rng.IntN(300)), Amount: 100}
				if rng.IntN(4) != 0 {
					r.PaidOn, r.PaidAmount = r.ReceivedOn+court.Date(rng.IntN(60)), 100
				}
				src.funds = append(src.funds, r)
			}
		}
	}
	// Cases closed before they were filed (the importer refuses them; a
	// Source need not), a cycle of 原审案号 and a receipt of a missing case.
	if seed%3 == 0 {
		for i := 5; i < n; i += 97 {
			if c := &src.cases[i]; c.ClosedOn != court.NoDate {
				c.ClosedOn = c.FiledOn - court.Date(1+i%40)
			}
		}
	}
	if n > 2 {
		src.cases[0].OriginNo = src.cases[1].No.String()
		src.cases[1].OriginNo = src.cases[0].No.String()
	}
	src.funds = append(src.funds, court.FundReceipt{CaseNo: "（2024）甲0101执99999999号", ReceivedOn: base + 800, Amount: 1})
	for i := range n / 10 {
		m := court.Mediation{ID: fmt.Sprintf("（%d）%s民诉前调%d号", 2023+i%3, courts[i%3].Code, i+1), Court: courts[i%3].Name,
			RegisteredOn: base + court.Date(rng.IntN(1500)), Result: court.MediationResult(rng.IntN(3))}
		if i%7 == 0 {
			m.ID, m.Court = fmt.Sprintf("TJ-%d", i), courts[i%3].Code
		}
		if m.Result != court.MediationPending {
			m.EndedOn = m.RegisteredOn + court.Date(rng.IntN(40))
		}
		src.meds = append(src.meds, m)
	}
	return src
}
