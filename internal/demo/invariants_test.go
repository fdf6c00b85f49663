package demo

import (
	"testing"

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
