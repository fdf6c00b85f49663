package store_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/zhixiao/zhixiao/internal/court"
	"github.com/zhixiao/zhixiao/internal/store"
	"github.com/zhixiao/zhixiao/internal/store/storetest"
)

// threeCases: a closed first-instance case, its pending appeal, and an
// enforcement case with a panel.
func threeCases(t *testing.T) []court.Case {
	first := newCase(t, "（2025）示0101民初1号", east, "民一庭", "张三", "2025-01-02")
	first.ClosedOn, first.CloseMethod, first.Cause, first.Track = day(t, "2025-03-01"), court.CloseJudgment, "民间借贷纠纷", court.TrackSimple
	first.LimitDays = 90
	appeal := newCase(t, "（2025）示01民终5号", middle, "民一庭", "李四", "2025-03-20")
	appeal.OriginNo = first.No.String()
	exec := newCase(t, "（2025）示0101执7号", east, "执行局", "王五", "2025-04-01")
	exec.Panel = []string{"赵六", "钱七"}
	exec.ExecAmount, exec.ExecRecovered = 1_000_000, 0
	return []court.Case{first, appeal, exec}
}

func TestReimportUnchanged(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		cases := threeCases(t)
		if got := load(t, db, batch{cases: cases}); got != (store.Counts{Read: 3, Inserted: 3}) {
			t.Fatalf("first import counts = %+v, want 3 inserted", got)
		}
		before := allCases(t, db)
		if got := load(t, db, batch{cases: cases}); got != (store.Counts{Read: 3, Unchanged: 3}) {
			t.Fatalf("second import counts = %+v, want 3 unchanged", got)
		}
		for _, c := range cases {
			changes, err := db.CaseChanges(context.Background(), c.No.String())
			if err != nil {
				t.Fatal(err)
			}
			if len(changes) != 0 {
				t.Errorf("%s: changes after an identical import: %+v", c.No, changes)
			}
		}
		if diff := cmp.Diff(before, allCases(t, db)); diff != "" {
			t.Errorf("cases changed after an identical import (-before +after):\n%s", diff)
		}
		runs, err := db.ImportRuns(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if len(runs) != 2 || runs[1].Unchanged != 3 || runs[1].Result != store.ResultSuccess {
			t.Errorf("import runs = %+v, want two, the second with 3 unchanged and 成功", runs)
		}
	})
}

func TestChangedFieldsAreLogged(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		cases := threeCases(t)
		load(t, db, batch{cases: cases})
		newer := threeCases(t)
		appeal := &newer[1]
		appeal.ClosedOn, appeal.CloseMethod = day(t, "2025-06-10"), court.CloseModify
		appeal.Judge = "周八"
		appeal.ClaimAmount = 12_345_67
		appeal.Appealed = court.No
		exec := &newer[2]
		exec.Panel = []string{"钱七"}
		got := load(t, db, batch{cases: newer})
		if want := (store.Counts{Read: 3, Updated: 2, Unchanged: 1}); got != want {
			t.Fatalf("counts = %+v, want %+v", got, want)
		}
		type change struct{ Field, Old, New string }
		want := map[string][]change{
			"（2025）示01民终5号": {
				{"承办人", "李四", "周八"},
				{"结案日期", "", "2025-06-10"},
				{"结案方式", "", "改判"},
				{"是否上诉", "", "否"},
				{"诉讼标的额", "", "12345.67"},
			},
			"（2025）示0101执7号":  {{"合议庭成员", "赵六、钱七", "钱七"}},
			"（2025）示0101民初1号": nil,
		}
		for no, w := range want {
			changes, err := db.CaseChanges(context.Background(), no)
			if err != nil {
				t.Fatal(err)
			}
			var got []change
			for _, c := range changes {
				got = append(got, change{c.Field, c.OldValue, c.NewValue})
			}
			if diff := cmp.Diff(w, got); diff != "" {
				t.Errorf("changes of %s (-want +got):\n%s", no, diff)
			}
		}
		if diff := cmp.Diff(newer, allCases(t, db)); diff != "" {
			t.Errorf("stored cases after the update (-want +got):\n%s", diff)
		}
	})
}

func TestRollbackLeavesNothing(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		load(t, db, batch{cases: threeCases(t)})
		before := storetest.Checksum(t, db)
		im := begin(t, db)
		changed := threeCases(t)
		changed[0].Cause = "买卖合同纠纷"
		b := batch{
			courts: []court.Court{{Name: "示例市西城区人民法院", Code: "示0102", Parent: middle}},
			people: []court.Person{{Court: east, Department: "民二庭", Name: "孙九", StaffNo: "E9", Category: court.CategoryJudge, Active: true}},
			cases:  append(changed, manyCases(t, 5000, 100)...), // more than one batch: some are written before Rollback
			funds:  []court.FundReceipt{{CaseNo: "（2025）示0101执7号", ReceivedOn: day(t, "2025-05-01"), Amount: 100, PaidAmount: court.NoMoney}},
			mediations: []court.Mediation{{ID: "TJ-1", Court: east, Mediator: "调解员甲",
				RegisteredOn: day(t, "2025-01-01"), Result: court.MediationPending}},
		}
		if err := add(im, b); err != nil {
			t.Fatal(err)
		}
		if err := im.Rollback(); err != nil {
			t.Fatal(err)
		}
		if after := storetest.Checksum(t, db); after != before {
			t.Error("the database changed after Rollback")
		}
		if err := im.AddCase(&changed[0]); err == nil {
			t.Error("AddCase after Rollback succeeded")
		}
		if err := im.Rollback(); err != nil {
			t.Errorf("a second Rollback: %v", err)
		}
		// Afterwards the same import commits normally.
		if got := load(t, db, b); got.Inserted < 5000 || got.Updated != 1 {
			t.Errorf("import after the rollback: %+v", got)
		}
	})
}

// manyCases returns n pending 民初 cases of the east court, numbered from seq.
func manyCases(t testing.TB, n, seq int) []court.Case {
	out := make([]court.Case, n)
	for i := range out {
		out[i] = newCase(t, fmt.Sprintf("（2024）示0101民初%d号", seq+i), east, "民二庭", "孙九", "2024-05-06")
	}
	return out
}

func TestJudgeResolution(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		load(t, db, batch{people: []court.Person{
			{Court: east, Department: "民一庭", Name: "张三", StaffNo: "E1", Category: court.CategoryJudge, Active: true},
			{Court: east, Department: "民二庭", Name: "张三", StaffNo: "E2", Category: court.CategoryJudge, Active: true},
		}})
		tests := []struct {
			name, dept, staffNo string
			wantStaff, wantErr  string
		}{
			{"in the department of one of them", "民二庭", "", "E2", ""},
			{"by 工号", "立案庭", "E1", "E1", ""},
			{"ambiguous", "立案庭", "", "", "承办人“张三”在示例市东城区人民法院有多名同名人员，请填写承办人工号"},
			{"工号 of someone else", "民一庭", "E9", "E9", ""},
		}
		for i, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				c := newCase(t, fmt.Sprintf("（2025）示0101民初%d号", 100+i), east, tt.dept, "张三", "2025-02-01")
				c.JudgeStaffNo = tt.staffNo
				im := begin(t, db)
				defer im.Rollback()
				err := im.AddCase(&c)
				if tt.wantErr != "" {
					if court.KindOf(err) != court.Invalid || court.Message(err) != tt.wantErr {
						t.Fatalf("err = %v, want Invalid %q", err, tt.wantErr)
					}
					// The row is refused but the import goes on.
					ok := newCase(t, "（2025）示0101民初999号", east, "民一庭", "张三", "2025-02-01")
					if err := im.AddCase(&ok); err != nil {
						t.Fatalf("the next row: %v", err)
					}
					if _, err := im.Commit(1); err != nil {
						t.Fatal(err)
					}
					return
				}
				if err != nil {
					t.Fatal(err)
				}
				if _, err := im.Commit(0); err != nil {
					t.Fatal(err)
				}
				got, err := db.Case(context.Background(), c.No.String())
				if err != nil {
					t.Fatal(err)
				}
				if got.JudgeStaffNo != tt.wantStaff {
					t.Errorf("judge 工号 = %q, want %q", got.JudgeStaffNo, tt.wantStaff)
				}
			})
		}
		runs, err := db.ImportRuns(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		partial := 0
		for _, r := range runs {
			if r.Result == store.ResultPartial && r.Rejected == 1 && r.Read == 2 && r.Inserted == 1 {
				partial++
			}
		}
		if partial != 1 {
			t.Errorf("import runs = %+v, want one 部分导入 with 2 read, 1 inserted and 1 rejected", runs)
		}
	})
}

func TestJudgeStaffNoOfAnotherName(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		load(t, db, batch{people: []court.Person{{Court: east, Department: "民一庭", Name: "张三", StaffNo: "E1", Active: true}}})
		c := newCase(t, "（2025）示0101民初1号", east, "民一庭", "李四", "2025-02-01")
		c.JudgeStaffNo = "E1"
		im := begin(t, db)
		defer im.Rollback()
		err := im.AddCase(&c)
		if court.KindOf(err) != court.Invalid || !strings.Contains(court.Message(err), "E1") {
			t.Errorf("err = %v, want an Invalid error naming the 工号", err)
		}
	})
}

func TestOriginKeptWhenAbsent(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		c := newCase(t, "（2025）示01民终8号", middle, "民一庭", "李四", "2025-03-20")
		c.OriginNo = "（2025）示0101民初77号"
		load(t, db, batch{cases: []court.Case{c}})
		got, err := db.Case(context.Background(), "(2025)示01民终8号")
		if err != nil {
			t.Fatal(err)
		}
		if got.OriginNo != c.OriginNo {
			t.Errorf("origin = %q, want %q", got.OriginNo, c.OriginNo)
		}
		if _, err := db.Case(context.Background(), "（2025）示01民终9号"); court.KindOf(err) != court.NotFound {
			t.Errorf("missing case: err = %v, want NotFound", err)
		}
	})
}

func TestPeopleAdoption(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		c := newCase(t, "（2025）示0101民初1号", east, "民一庭", "张三", "2025-01-02")
		c.Panel = []string{"李四"}
		load(t, db, batch{cases: []court.Case{c}})
		joined := day(t, "2018-07-01")
		got := load(t, db, batch{
			courts: []court.Court{{Name: east}},
			people: []court.Person{
				{Court: east, Department: "民一庭", Name: "张三", StaffNo: "E1", Category: court.CategoryJudge, Title: "审判员", JoinedOn: joined, Active: true},
				{Court: east, Department: "民二庭", Name: "王五", StaffNo: "E5", Category: court.CategoryClerk, Active: false},
			},
		})
		if want := (store.Counts{Read: 2, Inserted: 1, Updated: 1}); got != want {
			t.Errorf("people counts = %+v, want %+v (courts not counted)", got, want)
		}
		people, err := db.People(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		want := []court.Person{
			{Court: east, Department: "民一庭", Name: "张三", StaffNo: "E1", Category: court.CategoryJudge, Title: "审判员", JoinedOn: joined, Active: true},
			{Court: east, Department: "民一庭", Name: "李四", Active: true},
			{Court: east, Department: "民二庭", Name: "王五", StaffNo: "E5", Category: court.CategoryClerk},
		}
		if diff := cmp.Diff(want, people); diff != "" {
			t.Errorf("people (-want +got):\n%s", diff)
		}
		// The case now shows the adopted 工号, and a re-import is unchanged.
		c.JudgeStaffNo = "E1"
		if got := load(t, db, batch{cases: []court.Case{c}}); got.Unchanged != 1 {
			t.Errorf("re-import with the 工号: %+v, want unchanged", got)
		}
		if diff := cmp.Diff([]court.Case{c}, allCases(t, db)); diff != "" {
			t.Errorf("case (-want +got):\n%s", diff)
		}
		im := begin(t, db)
		if err := add(im, batch{courts: []court.Court{{Name: east}}, people: want[:1]}); err != nil {
			t.Fatal(err)
		}
		if got, err := im.Commit(0); err != nil || got != (store.Counts{Read: 1, Unchanged: 1}) {
			t.Errorf("people re-import: %+v, %v; want unchanged", got, err)
		}
		kinds := im.KindCounts()
		if kinds["people"] != (store.Counts{Read: 1, Unchanged: 1}) || kinds["courts"] != (store.Counts{Read: 1, Unchanged: 1}) {
			t.Errorf("counts by kind = %+v", kinds)
		}
	})
}

func TestCourtsUpsert(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		load(t, db, batch{cases: []court.Case{newCase(t, "（2025）示0101民初1号", east, "民一庭", "张三", "2025-01-02")}})
		got := load(t, db, batch{courts: []court.Court{
			{Name: "示例市高级人民法院", Code: "示", Level: court.CourtHigh},
			{Name: middle, Code: "示01", Parent: "示例市高级人民法院"},
			{Name: east, Parent: middle},
		}})
		if want := (store.Counts{Read: 3, Inserted: 2, Updated: 1}); got != want {
			t.Errorf("courts counts = %+v, want %+v", got, want)
		}
		courts, err := db.Courts(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		want := []court.Court{
			{Name: east, Code: "示0101", Level: court.CourtBasic, Parent: middle},
			{Name: "示例市高级人民法院", Code: "示", Level: court.CourtHigh},
			{Name: middle, Code: "示01", Level: court.CourtIntermediate, Parent: "示例市高级人民法院"},
		}
		if diff := cmp.Diff(want, courts); diff != "" {
			t.Errorf("courts (-want +got):\n%s", diff)
		}
		// A case naming its court by 法院代字 lands in that court.
		c := newCase(t, "（2025）示01民终3号", "示01", "民一庭", "李四", "2025-02-01")
		load(t, db, batch{cases: []court.Case{c}})
		stored, err := db.Case(context.Background(), c.No.String())
		if err != nil {
			t.Fatal(err)
		}
		if stored.Court != middle {
			t.Errorf("court of a case named by 法院代字 = %q, want %q", stored.Court, middle)
		}
		im := begin(t, db)
		defer im.Rollback()
		if err := im.AddCourt(&court.Court{Name: "另一法院", Code: "示01"}); court.KindOf(err) != court.Invalid {
			t.Errorf("a second court with code 示01: err = %v, want Invalid", err)
		}
	})
}

func TestFundsIdempotent(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		no := "（2025）示0101执7号"
		funds := []court.FundReceipt{
			{CaseNo: no, ReceivedOn: day(t, "2025-05-01"), Amount: 50_000, PaidOn: day(t, "2025-05-20"), PaidAmount: 50_000},
			{CaseNo: no, ReceivedOn: day(t, "2025-05-01"), Amount: 50_000, PaidAmount: court.NoMoney}, // a second, equal receipt
			{CaseNo: "（2025）示0101执8号", ReceivedOn: day(t, "2025-06-01"), Amount: 0, PaidAmount: court.NoMoney},
		}
		if got := load(t, db, batch{funds: funds}); got != (store.Counts{Read: 3, Inserted: 3}) {
			t.Fatalf("first import = %+v", got)
		}
		if got := load(t, db, batch{funds: funds}); got != (store.Counts{Read: 3, Unchanged: 3}) {
			t.Fatalf("second import = %+v, want all unchanged", got)
		}
		funds[1].PaidOn, funds[1].PaidAmount = day(t, "2025-07-01"), 50_000
		if got := load(t, db, batch{funds: funds}); got != (store.Counts{Read: 3, Updated: 1, Unchanged: 2}) {
			t.Fatalf("third import = %+v, want 1 updated", got)
		}
		stored, err := db.FundReceipts(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(funds, stored); diff != "" {
			t.Errorf("receipts (-want +got):\n%s", diff)
		}
	})
}

func TestMediationsIdempotent(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		meds := []court.Mediation{
			{ID: "TJ-1", Court: east, Mediator: "调解员甲", RegisteredOn: day(t, "2025-01-01"),
				EndedOn: day(t, "2025-01-20"), Result: court.MediationSuccess, Confirmed: true},
			{ID: "TJ-2", Court: east, RegisteredOn: day(t, "2025-02-01")},
		}
		if got := load(t, db, batch{mediations: meds}); got != (store.Counts{Read: 2, Inserted: 2}) {
			t.Fatalf("first import = %+v", got)
		}
		if got := load(t, db, batch{mediations: meds}); got != (store.Counts{Read: 2, Unchanged: 2}) {
			t.Fatalf("second import = %+v, want all unchanged", got)
		}
		meds[1].EndedOn, meds[1].Result = day(t, "2025-03-01"), court.MediationFailure
		if got := load(t, db, batch{mediations: meds}); got != (store.Counts{Read: 2, Updated: 1, Unchanged: 1}) {
			t.Fatalf("third import = %+v, want 1 updated", got)
		}
		stored, err := db.Mediations(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(meds, stored); diff != "" {
			t.Errorf("mediations (-want +got):\n%s", diff)
		}
	})
}

func TestOverview(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		load(t, db, batch{cases: threeCases(t)})
		got, err := db.Overview(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		want := []store.CourtOverview{
			{Name: east, Code: "示0101", Level: court.CourtBasic, Departments: 2, People: 4, Cases: 2, Pending: 1},
			{Name: middle, Code: "示01", Level: court.CourtIntermediate, Departments: 1, People: 1, Cases: 1, Pending: 1},
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("overview (-want +got):\n%s", diff)
		}
	})
}

func TestDuplicateCaseNoFailsTheImport(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		cases := manyCases(t, 5000, 1)
		cases = append(cases, cases[0]) // in a later batch than the first
		before := storetest.Checksum(t, db)
		im := begin(t, db)
		err := add(im, batch{cases: cases})
		if err == nil {
			_, err = im.Commit(0)
		} else {
			im.Rollback()
		}
		if err == nil || court.KindOf(err) == court.Invalid {
			t.Fatalf("err = %v, want a non-row error", err)
		}
		if after := storetest.Checksum(t, db); after != before {
			t.Error("a failed import changed the database")
		}
		// Twice within one batch, the later row wins.
		dup := threeCases(t)
		again := dup[0]
		again.Cause = "买卖合同纠纷"
		got := load(t, db, batch{cases: append(dup, again)})
		if got.Inserted != 3 || got.Updated != 1 {
			t.Errorf("counts = %+v, want 3 inserted and 1 updated", got)
		}
		c, err := db.Case(context.Background(), again.No.String())
		if err != nil || c.Cause != "买卖合同纠纷" {
			t.Errorf("case = %+v, %v; want the later row", c, err)
		}
	})
}

// TestRollbackOfBulkImport rolls back an import into an empty table that
// dropped the indexes: they must be back, and the data as before.
func TestRollbackOfBulkImport(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		load(t, db, batch{people: []court.Person{{Court: east, Department: "民二庭", Name: "孙九", StaffNo: "E9", Active: true}}})
		before := storetest.Checksum(t, db)
		im := begin(t, db)
		if err := add(im, batch{cases: manyCases(t, 9000, 1)}); err != nil {
			t.Fatal(err)
		}
		if err := im.Rollback(); err != nil {
			t.Fatal(err)
		}
		if after := storetest.Checksum(t, db); after != before {
			t.Error("the schema or data changed after rolling back a bulk import")
		}
		// Committed, the same import leaves the same indexes as the migrations.
		load(t, db, batch{cases: manyCases(t, 9000, 1)})
		if got := load(t, db, batch{cases: manyCases(t, 10, 1)}); got.Unchanged != 10 {
			t.Errorf("re-import after a bulk import = %+v, want unchanged", got)
		}
	})
}
