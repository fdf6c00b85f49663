package demo

import (
	"testing"
	"time"

	"github.com/zhixiao/zhixiao/internal/court"
)

// index is what the invariant checks look up.
type index struct {
	ds      *Dataset
	byNo    map[string]int // 案号 -> position in ds.Cases
	courts  map[string]court.Court
	staff   map[[2]string]court.Person // court, 工号
	named   map[string][]int           // 原审案号 -> the cases that name it
	period  court.Period
	lastDay court.Period // the last calendar year of the window
}

func newIndex(t *testing.T, ds *Dataset) *index {
	t.Helper()
	ix := &index{ds: ds, byNo: map[string]int{}, courts: map[string]court.Court{}, staff: map[[2]string]court.Person{},
		named: map[string][]int{}, period: ds.Period}
	ix.lastDay = court.Period{From: addYears(ds.Period.To+1, -1), To: ds.Period.To}
	for _, c := range ds.Courts {
		ix.courts[c.Name] = c
	}
	for _, p := range ds.People {
		ix.staff[[2]string{p.Court, p.StaffNo}] = p
	}
	for i, c := range ds.Cases {
		ix.byNo[c.No.String()] = i
		if c.OriginNo != "" {
			ix.named[c.OriginNo] = append(ix.named[c.OriginNo], i)
		}
	}
	return ix
}

// invariant is a named check over a data set.
type invariant struct {
	name  string
	check func(*testing.T, *index)
}

// structural are the invariants that hold for any Config.
var structural = []invariant{
	{"案号 parse, are unique and match their court", checkCaseNumbers},
	{"dates and close methods are consistent", checkDates},
	{"warm-up cases are pending at the start or origins", checkWarmUp},
	{"origins exist, come first and have the right kind", checkOrigins},
	{"二审 are in the 中院, 一审 appeals come from basic courts", checkLevels},
	{"judges and panels belong to the case's department", checkJudges},
	{"tracks and panels go together", checkTracks},
	{"是否上诉 否 is never contradicted by a 二审", checkAppealFlag},
}

func TestCityInvariants(t *testing.T) {
	ix := newIndex(t, cityOnce())
	tests := append(structural, []invariant{
		{"every kind of derived case occurs", checkDerivedKinds},
		{"kinds mix like a real city", checkMix},
		{"appeal rate is about 10%", checkAppeals},
		{"enforcement follows a fifth of judgments", checkEnforcement},
		{"most cases close within the time limit, a few do not", checkTimeLimits},
		{"December closes more", checkYearEnd},
		{"the pending caseload has old cases", checkPendingAge},
		{"people are staffed like courts", checkPeople},
		{"fund receipts belong to enforcement cases", checkFunds},
		{"mediations are well formed", checkMediations},
		{"e-files are mostly generated on time", checkEfiles},
	}...)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { tt.check(t, ix) })
	}
}

func TestOtherCities(t *testing.T) {
	tests := []struct {
		name string
		cfg  Config
	}{
		{"one basic court", Config{Seed: 3, Cases: 8000, Courts: 1}},
		{"every basic court", Config{Seed: 4, Cases: 30000, Courts: MaxCourts}},
		{"one year from July", Config{Seed: 5, Cases: 10000, Start: court.DateOf(2022, 7, 1), Years: 1}},
		{"five years", Config{Seed: 6, Cases: 20000, Years: 5}},
		{"tiny", Config{Seed: 8, Cases: 300}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ds := Generate(tt.cfg)
			if len(ds.Cases) != tt.cfg.Cases {
				t.Errorf("%d cases, want %d", len(ds.Cases), tt.cfg.Cases)
			}
			if got := len(ds.Courts); got != 1+min(tt.cfg.withDefaults().Courts, MaxCourts) {
				t.Errorf("%d courts", got)
			}
			ix := newIndex(t, ds)
			for _, inv := range structural {
				t.Run(inv.name, func(t *testing.T) { inv.check(t, ix) })
			}
		})
	}
}

func checkCaseNumbers(t *testing.T, ix *index) {
	if len(ix.byNo) != len(ix.ds.Cases) {
		t.Errorf("%d cases but %d distinct 案号", len(ix.ds.Cases), len(ix.byNo))
	}
	for _, c := range ix.ds.Cases {
		no := c.No.String()
		got, err := court.ParseCaseNo(no)
		if err != nil {
			t.Fatalf("%s: %v", no, err)
		}
		if got != c.No {
			t.Fatalf("%s parses to %+v, case has %+v", no, got, c.No)
		}
		if ix.courts[c.Court].Code != c.No.CourtCode {
			t.Fatalf("%s is filed in %s, whose 法院代字 is %s", no, c.Court, ix.courts[c.Court].Code)
		}
		if y, _, _ := civil(c.FiledOn); y != c.No.Year {
			t.Fatalf("%s filed on %s", no, c.FiledOn)
		}
	}
	// 序号 follow filing order within a court, type and year.
	last := map[string]court.Date{}
	seq := map[string]int{}
	for _, c := range ix.ds.Cases {
		k := c.No.CourtCode + c.No.TypeCode + string(rune(c.No.Year))
		if c.No.Seq <= seq[k] || c.FiledOn < last[k] {
			t.Fatalf("%s (filed %s) after 序号 %d filed %s", c.No, c.FiledOn, seq[k], last[k])
		}
		seq[k], last[k] = c.No.Seq, c.FiledOn
	}
}

func checkDates(t *testing.T, ix *index) {
	pending := 0
	for _, c := range ix.ds.Cases {
		switch {
		case c.FiledOn > ix.period.To:
			t.Fatalf("%s filed after the window: %s", c.No, c.FiledOn)
		case c.Closed() && c.ClosedOn < c.FiledOn:
			t.Fatalf("%s closed %s before it was filed %s", c.No, c.ClosedOn, c.FiledOn)
		case c.Closed() && c.ClosedOn > ix.period.To:
			t.Fatalf("%s closed after the window: %s", c.No, c.ClosedOn)
		case c.Closed() != (c.CloseMethod != court.CloseNone):
			t.Fatalf("%s: closed %q with 结案方式 %q", c.No, c.ClosedOn, c.CloseMethod)
		case c.SuspendedDays < 0 || c.ExtendedDays < 0 || c.Hearings < 0 || c.EfileReads < 0:
			t.Fatalf("%s has a negative count: %+v", c.No, c)
		case c.EfileOn != court.NoDate && c.EfileOn < c.FiledOn:
			t.Fatalf("%s: e-file %s before filing %s", c.No, c.EfileOn, c.FiledOn)
		}
		if !c.Closed() {
			pending++
			if c.Appealed != court.Unknown {
				t.Fatalf("pending %s says 是否上诉 %v", c.No, c.Appealed)
			}
		}
	}
	if share := float64(pending) / float64(len(ix.ds.Cases)); share < 0.03 || share > 0.15 {
		t.Errorf("%.1f%% of cases pending at the end, want 3-15%%", 100*share)
	}
}

func checkWarmUp(t *testing.T, ix *index) {
	warm := 0
	for _, c := range ix.ds.Cases {
		if c.FiledOn >= ix.period.From {
			continue
		}
		warm++
		if c.Closed() && c.ClosedOn < ix.period.From && len(ix.named[c.No.String()]) == 0 {
			t.Fatalf("%s closed %s before the window and no case derives from it", c.No, c.ClosedOn)
		}
	}
	if warm == 0 {
		t.Error("no case pending at the start of the window (旧存)")
	}
}

// originKinds lists, by the 类型代字 of a derived case, the 类型代字 its origin may have.
var originKinds = map[string][]string{
	"民终": {"民初"}, "刑终": {"刑初"}, "行终": {"行初"},
	"民初": {"民终"}, "刑初": {"刑终"}, "行初": {"行终"}, // 重审 after 发回重审
	"民申": {"民初"}, "民再": {"民初", "民终"},
	"执":  {"民初", "民终", "刑初", "民特", "民督"},
	"执恢": {"执"}, "执异": {"执", "执恢"}, "执复": {"执异"}, "执保": {"民初"},
}

func checkOrigins(t *testing.T, ix *index) {
	for i, c := range ix.ds.Cases {
		if c.OriginNo == "" {
			continue
		}
		j, ok := ix.byNo[c.OriginNo]
		if !ok {
			t.Fatalf("%s names %s, which is not in the data set", c.No, c.OriginNo)
		}
		o := ix.ds.Cases[j]
		switch {
		case j >= i:
			t.Fatalf("%s comes before its origin %s", c.No, o.No)
		case !contains(originKinds[c.No.TypeCode], o.No.TypeCode):
			t.Fatalf("%s derives from %s", c.No, o.No)
		case c.FiledOn <= o.FiledOn:
			t.Fatalf("%s filed %s, its origin %s filed %s", c.No, c.FiledOn, o.No, o.FiledOn)
		}
		during := c.No.TypeCode == "执异" || c.No.TypeCode == "执保"
		if !during && (!o.Closed() || c.FiledOn <= o.ClosedOn) {
			t.Fatalf("%s filed %s, its origin %s closed %q", c.No, c.FiledOn, o.No, o.ClosedOn)
		}
		if c.No.Level == court.LevelFirst && o.CloseMethod != court.CloseRemand {
			t.Fatalf("重审 %s derives from %s closed by %s", c.No, o.No, o.CloseMethod)
		}
		if c.No.TypeCode == "执恢" && o.CloseMethod != court.CloseExecSuspended {
			t.Fatalf("执恢 %s derives from %s closed by %s", c.No, o.No, o.CloseMethod)
		}
	}
}

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

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func checkLevels(t *testing.T, ix *index) {
	for _, c := range ix.ds.Cases {
		level := ix.courts[c.Court].Level
		switch {
		case c.No.Level == court.LevelSecond && level != court.CourtIntermediate:
			t.Fatalf("二审 %s in %s", c.No, c.Court)
		case c.No.Level == court.LevelSecond:
			o := ix.ds.Cases[ix.byNo[c.OriginNo]]
			if ix.courts[o.Court].Parent != c.Court || o.No.Kind != c.No.Kind {
				t.Fatalf("二审 %s in %s from %s in %s", c.No, c.Court, o.No, o.Court)
			}
		case c.No.TypeCode == "民申" || c.No.TypeCode == "执复":
			if level != court.CourtIntermediate {
				t.Fatalf("%s in %s", c.No, c.Court)
			}
		}
	}
}

func checkJudges(t *testing.T, ix *index) {
	byDept := map[[3]string]court.Person{} // court, department, name -> judge
	for _, p := range ix.ds.People {
		if p.Category == court.CategoryJudge {
			byDept[[3]string{p.Court, p.Department, p.Name}] = p
		}
	}
	for _, c := range ix.ds.Cases {
		j, ok := ix.staff[[2]string{c.Court, c.JudgeStaffNo}]
		switch {
		case !ok:
			t.Fatalf("%s: 承办人工号 %s is nobody in %s", c.No, c.JudgeStaffNo, c.Court)
		case j.Name != c.Judge || j.Department != c.Department || j.Category != court.CategoryJudge:
			t.Fatalf("%s: 承办人 %s of %s is %+v", c.No, c.Judge, c.Department, j)
		case j.JoinedOn > c.FiledOn:
			t.Fatalf("%s filed %s, its judge %s entered %s", c.No, c.FiledOn, j.Name, j.JoinedOn)
		}
		seen := map[string]bool{c.Judge: true}
		for _, m := range c.Panel {
			if _, ok := byDept[[3]string{c.Court, c.Department, m}]; !ok || seen[m] {
				t.Fatalf("%s: panel %v of %s %s", c.No, c.Panel, c.Court, c.Department)
			}
			seen[m] = true
		}
	}
}

func checkTracks(t *testing.T, ix *index) {
	for _, c := range ix.ds.Cases {
		first := c.No.Level == court.LevelFirst
		switch {
		case first != (c.Track != court.TrackNone):
			t.Fatalf("%s has 适用程序 %q", c.No, c.Track)
		case c.Track == court.TrackOrdinary || c.No.Level == court.LevelSecond:
			if len(c.Panel) != 2 {
				t.Fatalf("%s (%s) has panel %v, want two members", c.No, c.Track, c.Panel)
			}
		case c.Track == court.TrackSimple || c.Track == court.TrackSmallClaim || c.Track == court.TrackExpedited:
			if len(c.Panel) != 0 {
				t.Fatalf("%s (%s) is heard alone, has panel %v", c.No, c.Track, c.Panel)
			}
		}
		if c.Track == court.TrackExpedited && c.No.Kind != court.KindCriminal {
			t.Fatalf("%s on 速裁程序", c.No)
		}
		if c.Closed() && first && c.CloseMethod == court.CloseJudgment && c.Hearings == 0 {
			t.Fatalf("%s judged without a hearing", c.No)
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

func checkAppealFlag(t *testing.T, ix *index) {
	for _, c := range ix.ds.Cases {
		if c.No.Level != court.LevelSecond {
			continue
		}
		o := ix.ds.Cases[ix.byNo[c.OriginNo]]
		if o.Appealed == court.No || o.CloseMethod == court.CloseMediation || o.Track == court.TrackSmallClaim {
			t.Fatalf("二审 %s appeals %s (是否上诉 %v, %s, %s)", c.No, o.No, o.Appealed, o.CloseMethod, o.Track)
		}
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
