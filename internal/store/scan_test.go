package store_test

import (
	"context"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/zhixiao/zhixiao/internal/court"
	"github.com/zhixiao/zhixiao/internal/store"
	"github.com/zhixiao/zhixiao/internal/store/storetest"
)

// fullCases sets every field of court.Case, with the absent and zero values
// that must stay apart (NoMoney and 0, Unknown and No, no limit and 0 days).
func fullCases(t *testing.T) []court.Case {
	a := newCase(t, "（2024）示0101民初12345号之一", east, "民一庭", "张三", "2024-02-29")
	a.JudgeStaffNo = "E001"
	a.Panel = []string{"李四", "王五"}
	a.ClosedOn, a.CloseMethod = day(t, "2024-12-31"), court.CloseMediation
	a.Cause, a.Track = "民间借贷纠纷", court.TrackOrdinary
	a.LimitDays, a.ExtendedDays, a.SuspendedDays = 180, 90, 15
	a.OriginNo = "（2023）示0101民诉前调88号"
	a.Appealed, a.Hearings = court.Yes, 3
	a.ClaimAmount, a.ExecAmount, a.ExecRecovered = 123_456_789, 0, court.NoMoney
	a.EfileOn, a.EfileReads = day(t, "2024-03-01"), 17

	b := newCase(t, "（2025）示0101执恢3号", east, "执行局", "赵六", "2025-01-01")
	b.LimitDays = 0 // 不计审限
	b.Appealed = court.No
	b.ExecAmount, b.ExecRecovered = 99, 1
	b.Cause = "民间借贷纠纷"

	c := newCase(t, "（2025）示01刑终2号", middle, "刑一庭", "钱七", "2025-05-05")
	c.Track = court.TrackExpedited
	c.Panel = []string{"孙九", "周八", "吴十"}
	c.ClosedOn, c.CloseMethod = day(t, "2025-05-06"), court.CloseUphold
	return []court.Case{a, b, c}
}

func TestScanCasesRoundTrip(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		want := fullCases(t)
		load(t, db, batch{cases: want})
		if diff := cmp.Diff(want, allCases(t, db)); diff != "" {
			t.Errorf("ScanCases (-want +got):\n%s", diff)
		}
		for _, w := range want {
			got, err := db.Case(context.Background(), w.No.String())
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(w, got); diff != "" {
				t.Errorf("Case(%s) (-want +got):\n%s", w.No, diff)
			}
		}
		// The same cases again: nothing changes.
		if got := load(t, db, batch{cases: want}); got.Unchanged != len(want) {
			t.Errorf("re-import = %+v, want all unchanged", got)
		}
	})
}

func TestScanCasesStopsOnError(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		load(t, db, batch{cases: fullCases(t)})
		stop := errors.New("stop")
		n := 0
		err := db.ScanCases(context.Background(), func(*court.Case) error {
			n++
			return stop
		})
		if !errors.Is(err, stop) || n != 1 {
			t.Errorf("err = %v after %d calls, want stop after 1", err, n)
		}
	})
}

// TestScanCasesInChunks reads more chunks than workers: order, panels and
// names must come out as imported.
func TestScanCasesInChunks(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		want := manyCases(t, 3000, 1)
		judges := []string{"甲", "乙", "丙", "丁"}
		for i := range want {
			want[i].Judge = judges[i%len(judges)]
			switch i % 3 {
			case 1:
				want[i].Panel = []string{judges[(i+1)%4]}
			case 2:
				want[i].Panel = []string{judges[(i+2)%4], judges[(i+3)%4]}
			}
		}
		load(t, db, batch{cases: want})
		store.SetScanChunk(db, 97)
		if diff := cmp.Diff(want, allCases(t, db)); diff != "" {
			t.Errorf("ScanCases in chunks (-want +got):\n%s", diff)
		}
		n := 0
		stop := errors.New("stop")
		err := db.ScanCases(context.Background(), func(*court.Case) error {
			if n++; n == 500 {
				return stop
			}
			return nil
		})
		if !errors.Is(err, stop) || n != 500 {
			t.Errorf("err = %v after %d cases, want stop after 500", err, n)
		}
	})
}
