package demo

import (
	"testing"
	"time"

	"github.com/zhixiao/zhixiao/internal/court"
)

// The checks of this file look at the shape of the default city: rates and
// shares that a small or unusual Config need not have.

func checkDerivedKinds(t *testing.T, ix *index) {
	derived := map[string]int{}
	for _, c := range ix.ds.Cases {
		if c.OriginNo != "" {
			derived[c.No.TypeCode]++
		}
	}
	for _, code := range []string{"民终", "刑终", "行终", "执", "执恢", "执异", "执复", "执保", "民申", "民再", "民初", "刑初"} {
		if derived[code] == 0 {
			t.Errorf("no derived %s case", code)
		}
	}
}

func checkMix(t *testing.T, ix *index) {
	n := map[string]int{}
	basic, mid := 0, 0
	for _, c := range ix.ds.Cases {
		if ix.courts[c.Court].Level == court.CourtIntermediate {
			mid++
			continue
		}
		basic++
		n[c.No.TypeCode]++
	}
	tests := []struct {
		code   string
		lo, hi float64
	}{
		{"民初", 0.50, 0.62}, {"执", 0.20, 0.30}, {"刑初", 0.06, 0.10}, {"行初", 0.005, 0.02},
		{"执恢", 0.005, 0.03}, {"执异", 0.005, 0.03}, {"民特", 0.01, 0.05}, {"民督", 0.003, 0.02},
	}
	for _, tt := range tests {
		if s := float64(n[tt.code]) / float64(basic); s < tt.lo || s > tt.hi {
			t.Errorf("%s is %.1f%% of the basic courts' cases, want %.1f-%.1f%%", tt.code, 100*s, 100*tt.lo, 100*tt.hi)
		}
	}
	if s := float64(mid) / float64(len(ix.ds.Cases)); s < 0.05 || s > 0.15 {
		t.Errorf("the 中院 has %.1f%% of the cases, want 5-15%%", 100*s)
	}
}

// appealed is INDICATORS.md's rule: 是否上诉 says 是, or it is empty and a 二审 names the case.
func (ix *index) appealed(c *court.Case) bool {
	if c.Appealed != court.Unknown {
		return c.Appealed == court.Yes
	}
	for _, i := range ix.named[c.No.String()] {
		if ix.ds.Cases[i].No.Level == court.LevelSecond {
			return true
		}
	}
	return false
}

func checkAppeals(t *testing.T, ix *index) {
	closed, appealed, unknown := 0, 0, 0
	for i := range ix.ds.Cases {
		c := &ix.ds.Cases[i]
		if c.No.Level != court.LevelFirst || !ix.lastDay.Contains(c.ClosedOn) {
			continue
		}
		closed++
		if ix.appealed(c) {
			appealed++
		}
		if c.Appealed == court.Unknown {
			unknown++
		}
	}
	if r := float64(appealed) / float64(closed); r < 0.07 || r > 0.13 {
		t.Errorf("上诉率 %.3f, want about 0.10", r)
	}
	if u := float64(unknown) / float64(closed); u < 0.05 || u > 0.3 {
		t.Errorf("是否上诉 empty for %.2f of closed 一审 cases, want some but not most", u)
	}
}

func checkEnforcement(t *testing.T, ix *index) {
	base, enforced := 0, 0
	for _, c := range ix.ds.Cases {
		if c.No.TypeCode != "民初" || !ix.lastDay.Contains(c.ClosedOn) ||
			(c.CloseMethod != court.CloseJudgment && c.CloseMethod != court.CloseMediation) {
			continue
		}
		base++
		for _, i := range ix.named[c.No.String()] {
			if ix.ds.Cases[i].No.TypeCode == "执" {
				enforced++
				break
			}
		}
	}
	if r := float64(enforced) / float64(base); r < 0.12 || r > 0.25 {
		t.Errorf("裁判申请执行率 %.3f, want 0.15-0.25", r)
	}
	var asked, got court.Money
	suspended, nothing := 0, 0
	for _, c := range ix.ds.Cases {
		if c.No.Level != court.LevelExecFirst && c.No.Level != court.LevelExecResume {
			if c.ExecAmount != court.NoMoney || c.ExecRecovered != court.NoMoney {
				t.Fatalf("%s has execution amounts", c.No)
			}
			continue
		}
		if c.ExecAmount <= 0 || c.ExecRecovered < 0 || c.ExecRecovered > c.ExecAmount {
			t.Fatalf("%s asks %d and recovers %d", c.No, c.ExecAmount, c.ExecRecovered)
		}
		asked += c.ExecAmount
		got += c.ExecRecovered
		if c.CloseMethod == court.CloseExecSuspended {
			suspended++
			if c.ExecRecovered == 0 {
				nothing++
			}
		}
	}
	if r := float64(got) / float64(asked); r < 0.2 || r > 0.7 {
		t.Errorf("执行到位率 %.2f", r)
	}
	if r := float64(nothing) / float64(suspended); r < 0.4 {
		t.Errorf("only %.2f of 终本 cases recovered nothing", r)
	}
}

func checkTimeLimits(t *testing.T, ix *index) {
	limited, within, extended, suspended := 0, 0, 0, 0
	for _, c := range ix.ds.Cases {
		if !c.Closed() || c.LimitDays == 0 {
			continue
		}
		limited++
		if int(c.ClosedOn-c.FiledOn)-c.SuspendedDays <= c.LimitDays+c.ExtendedDays {
			within++
		}
		if c.ExtendedDays > 0 {
			extended++
		}
		if c.SuspendedDays > 0 {
			suspended++
		}
		want := court.DefaultLimitDays(c.No.Kind, c.No.Level, c.Track)
		if want != 0 && c.LimitDays != want {
			t.Fatalf("%s (%s) has 审限 %d, DATA.md says %d", c.No, c.Track, c.LimitDays, want)
		}
	}
	if r := float64(within) / float64(limited); r < 0.97 || r > 0.999 {
		t.Errorf("审限内结案率 %.4f, want 0.97-0.999", r)
	}
	if extended < limited/200 || suspended < limited/200 {
		t.Errorf("%d extended and %d suspended of %d cases with a limit", extended, suspended, limited)
	}
}

func checkYearEnd(t *testing.T, ix *index) {
	closed := map[[2]int]int{}
	filed := map[[2]int]int{}
	for _, c := range ix.ds.Cases {
		y, m, _ := civil(c.FiledOn)
		filed[[2]int{y, m}]++
		if c.Closed() {
			y, m, _ := civil(c.ClosedOn)
			closed[[2]int{y, m}]++
		}
	}
	y, _, _ := civil(ix.lastDay.From)
	if dec, nov, jan := closed[[2]int{y, 12}], closed[[2]int{y, 11}], closed[[2]int{y, 1}]; dec < nov*11/10 || dec < jan*13/10 {
		t.Errorf("closed in %d: January %d, November %d, December %d: no year-end surge", y, jan, nov, dec)
	}
	if jan, mar := filed[[2]int{y, 1}], filed[[2]int{y, 3}]; jan >= mar {
		t.Errorf("filed in %d: January %d, March %d: no year-start dip", y, jan, mar)
	}
}

func checkPendingAge(t *testing.T, ix *index) {
	var buckets [4]int // <= 365, 366-730, 731-1095, > 1095 days at the end of the window
	for _, c := range ix.ds.Cases {
		if c.Closed() {
			continue
		}
		age := int(ix.period.To - c.FiledOn)
		buckets[min(age/366, 3)]++
	}
	if buckets[1] == 0 || buckets[2] == 0 || buckets[3] == 0 {
		t.Errorf("pending by age (years) %v: want cases over one, two and three years old", buckets)
	}
	if buckets[3] > buckets[0]/50 {
		t.Errorf("pending by age (years) %v: too many very old cases", buckets)
	}
}

func checkPeople(t *testing.T, ix *index) {
	ps := ix.ds.People
	if len(ps) < 350 || len(ps) > 450 {
		t.Errorf("%d people, want about 400", len(ps))
	}
	cat := map[court.Category]int{}
	inDept := map[[3]string]bool{}
	courtsOf := map[string]map[string]bool{}
	staffNos := map[[2]string]bool{}
	inactive := 0
	for _, p := range ps {
		cat[p.Category]++
		k := [3]string{p.Court, p.Department, p.Name}
		if inDept[k] {
			t.Errorf("two people named %s in %s %s", p.Name, p.Court, p.Department)
		}
		inDept[k] = true
		if staffNos[[2]string{p.Court, p.StaffNo}] {
			t.Errorf("工号 %s twice in %s", p.StaffNo, p.Court)
		}
		staffNos[[2]string{p.Court, p.StaffNo}] = true
		if courtsOf[p.Name] == nil {
			courtsOf[p.Name] = map[string]bool{}
		}
		courtsOf[p.Name][p.Court] = true
		if (p.Category == court.CategoryJudge) != (p.JoinedOn != court.NoDate) {
			t.Errorf("%s (%s) has 入额日期 %q", p.Name, p.Category, p.JoinedOn)
		}
		if !p.Active {
			inactive++
		}
	}
	for _, c := range court.Categories {
		if cat[c] == 0 {
			t.Errorf("nobody in category %s", c)
		}
	}
	if r := float64(cat[court.CategoryJudge]) / float64(len(ps)); r < 0.3 || r > 0.4 {
		t.Errorf("员额法官 are %.2f of the staff, want about 0.35", r)
	}
	shared := 0
	for _, cs := range courtsOf {
		if len(cs) > 1 {
			shared++
		}
	}
	if shared < 3 || inactive < 3 || inactive > len(ps)/20 {
		t.Errorf("%d names in several courts, %d people not in post", shared, inactive)
	}
}

func checkFunds(t *testing.T, ix *index) {
	recovered := map[string]court.Money{}
	late, unpaid := 0, 0
	for _, f := range ix.ds.Funds {
		i, ok := ix.byNo[f.CaseNo]
		if !ok {
			t.Fatalf("receipt for unknown case %s", f.CaseNo)
		}
		c := ix.ds.Cases[i]
		switch {
		case c.No.Level != court.LevelExecFirst && c.No.Level != court.LevelExecResume:
			t.Fatalf("receipt for %s", c.No)
		case f.Amount <= 0 || !ix.period.Contains(f.ReceivedOn) || f.ReceivedOn < c.FiledOn:
			t.Fatalf("receipt %+v of %s filed %s", f, c.No, c.FiledOn)
		case f.PaidOn != court.NoDate && (f.PaidOn < f.ReceivedOn || f.PaidAmount != f.Amount):
			t.Fatalf("receipt %+v paid out wrongly", f)
		case f.PaidOn == court.NoDate && f.PaidAmount != court.NoMoney:
			t.Fatalf("receipt %+v unpaid with an amount", f)
		}
		recovered[f.CaseNo] += f.Amount
		if recovered[f.CaseNo] > c.ExecRecovered*13/10 {
			t.Fatalf("%s recovered %d, receipts add up to %d", c.No, c.ExecRecovered, recovered[f.CaseNo])
		}
		if f.PaidOn == court.NoDate {
			unpaid++
		} else if f.PaidOn-f.ReceivedOn > court.FundPayoutDays {
			late++
		}
	}
	n := len(ix.ds.Funds)
	if n < 1000 || late < n/50 || late > n/5 || unpaid == 0 {
		t.Errorf("%d receipts, %d paid late, %d unpaid", n, late, unpaid)
	}
}

func checkMediations(t *testing.T, ix *index) {
	ids := map[string]bool{}
	perCourt := map[string]int{}
	success, failure, confirmed, open := 0, 0, 0, 0
	for _, m := range ix.ds.Mediations {
		if ids[m.ID] {
			t.Fatalf("编号 %s twice", m.ID)
		}
		ids[m.ID] = true
		if _, err := court.ParseCaseNo(m.ID); err != nil {
			t.Fatalf("编号 %s: %v", m.ID, err)
		}
		if ix.courts[m.Court].Level != court.CourtBasic || m.Mediator == "" || !ix.period.Contains(m.RegisteredOn) {
			t.Fatalf("mediation %+v", m)
		}
		perCourt[m.Court]++
		switch {
		case m.Result == court.MediationPending && (m.EndedOn != court.NoDate || m.Confirmed):
			t.Fatalf("open mediation %+v", m)
		case m.Result == court.MediationPending:
			open++
		case m.EndedOn < m.RegisteredOn || m.EndedOn > ix.period.To:
			t.Fatalf("mediation %+v ends out of order", m)
		case m.Result == court.MediationSuccess:
			success++
			if m.Confirmed {
				confirmed++
			}
		default:
			failure++
			if m.Confirmed {
				t.Fatalf("failed mediation %s confirmed", m.ID)
			}
		}
	}
	if r := float64(success) / float64(success+failure); r < 0.4 || r > 0.6 {
		t.Errorf("诉前调解 success %.2f, want 0.4-0.6", r)
	}
	if confirmed == 0 || open == 0 {
		t.Errorf("%d confirmed, %d open mediations", confirmed, open)
	}
	for name, n := range perCourt {
		if n < 1000 {
			t.Errorf("%s has %d mediations, want a few thousand", name, n)
		}
	}
}

func checkEfiles(t *testing.T, ix *index) {
	filed, synced, missing := 0, 0, 0
	for _, c := range ix.ds.Cases {
		if !ix.lastDay.Contains(c.FiledOn) {
			continue
		}
		filed++
		switch {
		case c.EfileOn == court.NoDate:
			missing++
		case c.EfileOn-c.FiledOn <= 3:
			synced++
		}
	}
	if r := float64(synced) / float64(filed); r < 0.8 || r > 0.95 || missing == 0 {
		t.Errorf("电子卷宗随案同步生成率 %.3f, %d without an e-file", r, missing)
	}
	weekend := 0
	for _, c := range ix.ds.Cases {
		if w := weekday(c.ClosedOn); c.Closed() && (w == time.Saturday || w == time.Sunday) {
			weekend++
		}
	}
	if weekend > len(ix.ds.Cases)/100 {
		t.Errorf("%d cases closed on a weekend", weekend)
	}
}
