package store_test

import (
	"context"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/zhixiao/zhixiao/internal/auth"
	"github.com/zhixiao/zhixiao/internal/court"
	"github.com/zhixiao/zhixiao/internal/store"
	"github.com/zhixiao/zhixiao/internal/store/storetest"
)

func bound(v float64) *float64 { return &v }

func TestSaveBands(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		if bs, err := db.Bands(ctx); err != nil || len(bs) != 0 {
			t.Fatalf("fresh database: %v, %v", bs, err)
		}
		e := auth.AuditEntry{At: authT0, ActorID: 0, Actor: "sgb", IP: "127.0.0.1"}
		illustrative := store.BandRow{Indicator: "closure_rate", Lower: bound(0.7), Note: "示意"}
		changes := []store.BandChange{
			{Before: &illustrative, After: store.BandRow{Indicator: "closure_rate", Lower: bound(0.75), Note: "本院"}},
			{After: store.BandRow{Indicator: "avg_days", Kind: "刑事", Upper: bound(40)}},
		}
		if err := db.SaveBands(ctx, changes, e); err != nil {
			t.Fatal(err)
		}
		got, err := db.Bands(ctx)
		if err != nil {
			t.Fatal(err)
		}
		want := []store.BandRow{
			{Indicator: "avg_days", Kind: "刑事", Upper: bound(40), UpdatedBy: "sgb", UpdatedAt: authT0},
			{Indicator: "closure_rate", Lower: bound(0.75), Note: "本院", UpdatedBy: "sgb", UpdatedAt: authT0},
		}
		if d := cmp.Diff(want, got); d != "" {
			t.Errorf("bands (-want +got):\n%s", d)
		}
		log, n, err := db.AuditLog(ctx, auth.AuditQuery{Action: auth.ActionBandEdit})
		if err != nil || n != 2 {
			t.Fatalf("audit: %d entries, %v", n, err)
		}
		closure := log[1]
		if !strings.Contains(closure.Before, `"下限":0.7`) || !strings.Contains(closure.Before, `"来源":"示意"`) ||
			!strings.Contains(closure.After, `"下限":0.75`) || !strings.Contains(closure.After, `"来源":"本院设定"`) {
			t.Errorf("audit entry: %+v", closure)
		}

		sum := storetest.Checksum(t, db)
		bad := []struct {
			name    string
			changes []store.BandChange
			kind    court.ErrorKind
		}{
			{"lower above upper", []store.BandChange{{After: store.BandRow{Indicator: "x", Lower: bound(2), Upper: bound(1)}}}, court.Invalid},
			{"no bound", []store.BandChange{{After: store.BandRow{Indicator: "x"}}}, court.Invalid},
			{"stale before", []store.BandChange{
				{After: store.BandRow{Indicator: "median_days", Upper: bound(50)}},
				{Before: &illustrative, After: store.BandRow{Indicator: "closure_rate", Lower: bound(0.8)}},
			}, court.Conflict},
		}
		for _, tt := range bad {
			if err := db.SaveBands(ctx, tt.changes, e); court.KindOf(err) != tt.kind {
				t.Errorf("%s: %v, want kind %v", tt.name, err, tt.kind)
			}
		}
		if storetest.Checksum(t, db) != sum {
			t.Error("a refused save changed the database")
		}
	})
}
