// Package storetest gives tests a fresh database of each dialect: a SQLite
// file in the test's temporary directory, and a PostgreSQL schema of its own
// on the local server (postgres://postgres@127.0.0.1:5432/test, or
// $ZHIXIAO_TEST_PG), dropped when the test ends. When PostgreSQL cannot be
// reached its tests are skipped, except under CI=true, where they fail.
package storetest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/zhixiao/zhixiao/internal/store"
)

// DefaultPostgres is the server the tests use unless ZHIXIAO_TEST_PG names another.
const DefaultPostgres = "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"

// Dialects runs fn as the subtests "sqlite" and "postgres", each on a fresh
// database with the migrations applied.
func Dialects(t *testing.T, fn func(t *testing.T, db *store.DB)) {
	t.Helper()
	for _, dialect := range []string{store.DialectSQLite, store.DialectPostgres} {
		t.Run(dialect, func(t *testing.T) {
			fn(t, Open(t, dialect))
		})
	}
}

// DSN returns the DSN of a fresh, empty database of the dialect: a SQLite
// file path or a PostgreSQL URL. It skips the test when PostgreSQL is
// unreachable (fails under CI=true).
func DSN(t testing.TB, dialect string) string {
	t.Helper()
	switch dialect {
	case store.DialectSQLite:
		return filepath.Join(t.TempDir(), "zhixiao.db")
	case store.DialectPostgres:
		dsn, ok := PostgresDSN(t)
		if !ok {
			t.Skip("PostgreSQL 不可达，跳过 PostgreSQL 测试（CI=true 时为失败）")
		}
		return dsn
	}
	t.Fatalf("unknown dialect %q", dialect)
	return ""
}

// Open returns a fresh database of the dialect ("sqlite" or "postgres"),
// closed when the test ends. It skips the test when PostgreSQL is unreachable
// (fails under CI=true).
func Open(t testing.TB, dialect string) *store.DB {
	t.Helper()
	db, err := store.Open(context.Background(), DSN(t, dialect))
	if err != nil {
		t.Fatalf("open %s: %v", dialect, err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// Checksum is the SHA-256 of every row of every data table (see
// store.DB.Checksum): equal before and after an operation, it proves the
// operation changed nothing.
func Checksum(t *testing.T, db *store.DB) string {
	t.Helper()
	sum, err := db.Checksum(context.Background())
	if err != nil {
		t.Fatalf("checksum: %v", err)
	}
	return sum
}

// PostgresDSN creates a fresh schema on the test server and returns a DSN
// whose search_path is that schema; the schema is dropped when the test ends.
// It returns false when the server cannot be reached, and fails the test
// instead under CI=true.
func PostgresDSN(t testing.TB) (string, bool) {
	t.Helper()
	base := os.Getenv("ZHIXIAO_TEST_PG")
	if base == "" {
		base = DefaultPostgres
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	admin, err := pgx.Connect(ctx, base)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("PostgreSQL 不可达（%s）：%v", base, err)
		}
		t.Logf("PostgreSQL 不可达（%s）：%v", base, err)
		return "", false
	}
	defer admin.Close(ctx)
	schema := "zt_" + randomHex(6)
	if _, err := admin.Exec(ctx, "CREATE SCHEMA "+schema); err != nil {
		t.Fatalf("create schema %s: %v", schema, err)
	}
	t.Cleanup(func() { dropSchema(t, base, schema) })
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("ZHIXIAO_TEST_PG %q: %v", base, err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String(), true
}

func dropSchema(t testing.TB, base, schema string) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	admin, err := pgx.Connect(ctx, base)
	if err != nil {
		t.Errorf("drop schema %s: %v", schema, err)
		return
	}
	defer admin.Close(ctx)
	if _, err := admin.Exec(ctx, "DROP SCHEMA "+schema+" CASCADE"); err != nil {
		t.Errorf("drop schema %s: %v", schema, err)
	}
}

func randomHex(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic(fmt.Sprintf("crypto/rand: %v", err))
	}
	return hex.EncodeToString(b)
}
