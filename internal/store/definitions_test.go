package store_test

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/zhixiao/zhixiao/internal/auth"
	"github.com/zhixiao/zhixiao/internal/court"
	"github.com/zhixiao/zhixiao/internal/store"
	"github.com/zhixiao/zhixiao/internal/store/storetest"
)

func TestAddDefinitionVersion(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		if vs, err := db.DefinitionVersions(ctx); err != nil || len(vs) != 0 {
			t.Fatalf("fresh database: %v, %v", vs, err)
		}
		e := auth.AuditEntry{At: authT0, Actor: "sgb", IP: "127.0.0.1"}
		july := court.DateOf(2025, 7, 1)
		v := store.DefinitionVersion{Indicator: "within_limit_rate", EffectiveFrom: july, JSON: `{"id":"within_limit_rate","version":2}`}
		if err := db.AddDefinitionVersion(ctx, v, `{"version":1}`, e); err != nil {
			t.Fatal(err)
		}
		earlier := store.DefinitionVersion{Indicator: "closed", EffectiveFrom: court.DateOf(2024, 1, 1), JSON: `{"id":"closed"}`}
		if err := db.AddDefinitionVersion(ctx, earlier, "", e); err != nil {
			t.Fatal(err)
		}
		got, err := db.DefinitionVersions(ctx)
		if err != nil {
			t.Fatal(err)
		}
		earlier.CreatedBy, earlier.CreatedAt = "sgb", authT0
		v.CreatedBy, v.CreatedAt = "sgb", authT0
		if d := cmp.Diff([]store.DefinitionVersion{earlier, v}, got); d != "" {
			t.Errorf("versions (-want +got):\n%s", d)
		}
		log, n, err := db.AuditLog(ctx, auth.AuditQuery{Action: auth.ActionIndicatorEdit})
		if err != nil || n != 2 {
			t.Fatalf("audit: %d entries, %v", n, err)
		}
		var entry *auth.AuditEntry
		for i := range log {
			if log[i].Object == "指标口径 within_limit_rate · 2025-07-01 起" {
				entry = &log[i]
			}
		}
		if entry == nil || entry.Before != `{"version":1}` || entry.After != v.JSON || entry.Actor != "sgb" {
			t.Errorf("audit entry: %+v", entry)
		}

		sum := storetest.Checksum(t, db)
		for _, tt := range []struct {
			name string
			v    store.DefinitionVersion
			kind court.ErrorKind
		}{
			{"duplicate date", store.DefinitionVersion{Indicator: "within_limit_rate", EffectiveFrom: july, JSON: "{}"}, court.Conflict},
			{"no date", store.DefinitionVersion{Indicator: "within_limit_rate", JSON: "{}"}, court.Invalid},
			{"no JSON", store.DefinitionVersion{Indicator: "within_limit_rate", EffectiveFrom: july + 1}, court.Invalid},
		} {
			if err := db.AddDefinitionVersion(ctx, tt.v, "", e); court.KindOf(err) != tt.kind {
				t.Errorf("%s: %v, want kind %v", tt.name, err, tt.kind)
			}
		}
		if storetest.Checksum(t, db) != sum {
			t.Error("a refused add changed the database")
		}
	})
}
