package store_test

import (
	"context"
	"strings"
	"testing"

	"github.com/zhixiao/zhixiao/internal/auth"
	"github.com/zhixiao/zhixiao/internal/court"
	"github.com/zhixiao/zhixiao/internal/store"
	"github.com/zhixiao/zhixiao/internal/store/storetest"
)

// webBatch: 中院 with 民一庭 (王, 李) and 民二庭 (赵); a 一审 of 民一庭 appealed
// to a 二审 of 民二庭, and executed (执) by 民二庭.
func webBatch(t *testing.T) batch {
	first := newCase(t, "（2024）示01民初1号", middle, "民一庭", "王", "2024-01-10")
	first.ClosedOn, first.CloseMethod = day(t, "2024-03-01"), court.CloseJudgment
	first.Panel = []string{"李"}
	second := newCase(t, "（2024）示01民终5号", middle, "民二庭", "赵", "2024-04-01")
	second.OriginNo = first.No.String()
	exec := newCase(t, "（2024）示01执9号", middle, "民二庭", "赵", "2024-06-01")
	exec.OriginNo = second.No.String()
	other := newCase(t, "（2024）示01民初2号", middle, "民一庭", "李", "2024-02-01")
	return batch{
		courts: []court.Court{{Name: middle, Code: "示01", Level: court.CourtIntermediate}},
		people: []court.Person{
			{Court: middle, Department: "民一庭", Name: "王", StaffNo: "W1", Category: court.CategoryJudge, Active: true},
			{Court: middle, Department: "民一庭", Name: "李", StaffNo: "L1", Category: court.CategoryJudge, Active: true},
			{Court: middle, Department: "民二庭", Name: "赵", StaffNo: "Z1", Category: court.CategoryJudge, Active: true},
		},
		cases: []court.Case{first, second, exec, other},
	}
}

func TestWebReads(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		load(t, db, webBatch(t))
		org, err := db.Org(ctx)
		if err != nil || len(org.Courts) != 1 || len(org.Departments) != 2 || len(org.People) != 3 {
			t.Fatalf("Org = %+v, %v", org, err)
		}
		ids := map[string]int64{}
		for _, d := range org.Departments {
			ids[d.Name] = d.ID
		}
		for _, p := range org.People {
			ids[p.Name] = p.ID
			if p.Court != org.Courts[0].ID || p.Category != court.CategoryJudge || !p.Active {
				t.Errorf("person %+v", p)
			}
		}
		courtID := org.Courts[0].ID
		links := []auth.CourtLink{{ID: courtID}}
		scope := func(u auth.User) auth.Scope {
			s, err := auth.NewScope(u, links)
			if err != nil {
				t.Fatal(err)
			}
			return s
		}
		president := scope(auth.User{Login: "yz", Role: auth.RolePresident, CourtID: courtID})
		chief1 := scope(auth.User{Login: "tz", Role: auth.RoleChief, CourtID: courtID, DepartmentID: ids["民一庭"]})
		judgeLi := scope(auth.User{Login: "li", Role: auth.RoleJudge, CourtID: courtID, PersonID: ids["李"]})
		tests := []struct {
			name string
			f    store.CaseFilter
			want string
		}{
			{"president", store.CaseFilter{Scope: president}, "（2024）示01民初1号 （2024）示01民初2号 （2024）示01民终5号 （2024）示01执9号"},
			{"president pending", store.CaseFilter{Scope: president, Pending: true}, "（2024）示01民初2号 （2024）示01民终5号 （2024）示01执9号"},
			{"president 民二庭", store.CaseFilter{Scope: president, DepartmentID: ids["民二庭"]}, "（2024）示01民终5号 （2024）示01执9号"},
			{"chief 民一庭", store.CaseFilter{Scope: chief1}, "（2024）示01民初1号 （2024）示01民初2号"},
			{"chief asks 民二庭", store.CaseFilter{Scope: chief1, DepartmentID: ids["民二庭"]}, ""},
			{"judge 李: own and panel", store.CaseFilter{Scope: judgeLi}, "（2024）示01民初1号 （2024）示01民初2号"},
			{"judge by judge id", store.CaseFilter{Scope: president, JudgeID: ids["赵"]}, "（2024）示01民终5号 （2024）示01执9号"},
			{"numbers within scope", store.CaseFilter{Scope: chief1, Nos: []string{"（2024）示01民初1号", "（2024）示01执9号", "（2024）示01民初99号"}}, "（2024）示01民初1号"},
			{"zero scope", store.CaseFilter{}, ""},
		}
		for _, tt := range tests {
			got, err := db.CaseSummaries(ctx, tt.f)
			var nos []string
			for _, s := range got {
				nos = append(nos, s.No)
			}
			if err != nil || strings.Join(nos, " ") != tt.want {
				t.Errorf("%s: %v, %v; want %s", tt.name, nos, err, tt.want)
			}
		}
		got, _ := db.CaseSummaries(ctx, store.CaseFilter{Scope: president, Nos: []string{"（2024）示01民初1号"}})
		if s := got[0]; s.Department != "民一庭" || s.Judge != "王" || s.Kind != "民事" || s.Level != "一审" || s.FiledOn != day(t, "2024-01-10") ||
			s.ClosedOn != day(t, "2024-03-01") || s.CloseMethod != "判决" || s.LimitDays != 180 {
			t.Errorf("summary = %+v", s)
		}

		ref, err := db.CaseRef(ctx, "（2024）示01民初1号")
		if err != nil || ref.Court != courtID || ref.Department != ids["民一庭"] || ref.Judge != ids["王"] || len(ref.Panel) != 1 || ref.Panel[0] != ids["李"] {
			t.Errorf("CaseRef = %+v, %v", ref, err)
		}
		if _, err := db.CaseRef(ctx, "（2024）示01民初77号"); court.KindOf(err) != court.NotFound {
			t.Errorf("CaseRef(unknown) = %v", err)
		}

		if d, err := db.LatestDay(ctx); err != nil || d != day(t, "2024-06-01") {
			t.Errorf("LatestDay = %s, %v", d, err)
		}
		for _, no := range []string{"（2024）示01民初1号", "（2024）示01民终5号", "（2024）示01执9号"} {
			chain, err := db.CaseChain(ctx, no)
			var nos []string
			for _, s := range chain {
				nos = append(nos, s.No)
			}
			if want := "（2024）示01民初1号 （2024）示01民终5号 （2024）示01执9号"; err != nil || strings.Join(nos, " ") != want {
				t.Errorf("CaseChain(%s) = %v, %v", no, nos, err)
			}
		}
	})
}
