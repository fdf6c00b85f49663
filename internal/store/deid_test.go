package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/zhixiao/zhixiao/internal/auth"
	"github.com/zhixiao/zhixiao/internal/store"
	"github.com/zhixiao/zhixiao/internal/store/storetest"
)

func TestDeidRecords(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		for i, login := range []string{"sgb", "fg", "sgb"} {
			e := auth.AuditEntry{At: authT0, Actor: login, Object: "文书 sha256:" + string(rune('a'+i)), After: `{"姓名":3}`, IP: "127.0.0.1"}
			if err := db.RecordDeid(ctx, e); err != nil {
				t.Fatal(err)
			}
		}
		if err := db.AppendAudit(ctx, auth.AuditEntry{At: authT0, Actor: "sgb", Action: auth.ActionLogin}); err != nil {
			t.Fatal(err)
		}
		mine, err := db.DeidRecords(ctx, "sgb", 10)
		if err != nil || len(mine) != 2 || mine[0].Object != "文书 sha256:c" || mine[0].Action != auth.ActionDeid || mine[0].After != `{"姓名":3}` {
			t.Fatalf("DeidRecords(sgb) = %+v, %v", mine, err)
		}
		all, err := db.DeidRecords(ctx, "", 2)
		if err != nil || len(all) != 2 {
			t.Fatalf("DeidRecords(all, 2) = %+v, %v", all, err)
		}
		if n, err := db.DeidCount(ctx, "sgb", authT0.Add(-time.Hour)); err != nil || n != 2 {
			t.Errorf("DeidCount(sgb, before) = %d, %v; want 2", n, err)
		}
		if n, err := db.DeidCount(ctx, "sgb", authT0.Add(time.Second)); err != nil || n != 0 {
			t.Errorf("DeidCount(sgb, after) = %d, %v; want 0", n, err)
		}
	})
}
