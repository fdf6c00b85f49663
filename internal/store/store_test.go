package store_test

import (
	"context"
	"strings"
	"testing"

	"github.com/zhixiao/zhixiao/internal/court"
	"github.com/zhixiao/zhixiao/internal/store"
	"github.com/zhixiao/zhixiao/internal/store/storetest"
)

func TestMigrationsIdempotent(t *testing.T) {
	for _, dialect := range []string{store.DialectSQLite, store.DialectPostgres} {
		t.Run(dialect, func(t *testing.T) {
			dsn := storetest.DSN(t, dialect)
			ctx := context.Background()
			db, err := store.Open(ctx, dsn)
			if err != nil {
				t.Fatal(err)
			}
			if db.Dialect() != dialect {
				t.Errorf("Dialect() = %q, want %q", db.Dialect(), dialect)
			}
			load(t, db, batch{cases: threeCases(t)})
			v1, err := db.SchemaVersion(ctx)
			if err != nil {
				t.Fatal(err)
			}
			sum := storetest.Checksum(t, db)
			db.Close()
			for range 2 {
				db, err = store.Open(ctx, dsn)
				if err != nil {
					t.Fatalf("reopen: %v", err)
				}
				v2, err := db.SchemaVersion(ctx)
				if err != nil {
					t.Fatal(err)
				}
				if v1 < 1 || v2 != v1 {
					t.Errorf("schema version %d after reopening, %d before", v2, v1)
				}
				if storetest.Checksum(t, db) != sum {
					t.Error("reopening changed the data")
				}
				db.Close()
			}
		})
	}
}

func TestOpenUnreachablePostgres(t *testing.T) {
	_, err := store.Open(context.Background(), "postgres://postgres@127.0.0.1:1/none?sslmode=disable")
	if err == nil {
		t.Fatal("Open of an unreachable server succeeded")
	}
	if msg := court.Message(err); !strings.Contains(msg, "无法连接 PostgreSQL") || !strings.Contains(msg, "127.0.0.1:1") {
		t.Errorf("message = %q, want it to say in Chinese which server could not be reached", msg)
	}
}

func TestOpenBadSQLitePath(t *testing.T) {
	_, err := store.Open(context.Background(), t.TempDir()+"/no/such/dir/x.db")
	if err == nil || !strings.Contains(court.Message(err), "SQLite") {
		t.Errorf("err = %v, want a Chinese message about the SQLite file", err)
	}
}
