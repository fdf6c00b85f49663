package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/stdlib"
	_ "modernc.org/sqlite" // registers the "sqlite" database/sql driver

	"github.com/zhixiao/zhixiao/internal/court"
)

// DefaultPath is the SQLite file Open uses when the DSN is empty.
const DefaultPath = "./zhixiao.db"

// connectTimeout bounds the time Open waits for a PostgreSQL server.
const connectTimeout = 5 * time.Second

// DB is an open database, SQLite or PostgreSQL, with its migrations applied.
// It is safe for concurrent use.
type DB struct {
	db      *sql.DB
	dialect string // DialectSQLite or DialectPostgres
	where   string // the file or the server, for messages (no password)

	scanChunk int64 // ids per chunk of ScanCases
}

// Open opens the database named by dsn and applies the pending migrations.
// A dsn that starts with postgres:// or postgresql:// names a PostgreSQL
// database; anything else is the path of a SQLite file (DefaultPath when
// empty), created when missing.
func Open(ctx context.Context, dsn string) (*DB, error) {
	var db *DB
	var err error
	if isPostgres(dsn) {
		db, err = openPostgres(ctx, dsn)
	} else {
		db, err = openSQLite(ctx, dsn)
	}
	if err != nil {
		return nil, err
	}
	if err := db.migrate(ctx); err != nil {
		db.db.Close()
		return nil, err
	}
	return db, nil
}

func isPostgres(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// sqlitePragmas are set on every SQLite connection: write-ahead log, foreign
// keys, a generous wait for locks, and write transactions that take the
// write lock at BEGIN (read-only ones do not).
const sqlitePragmas = "_pragma=busy_timeout(10000)&_pragma=foreign_keys(1)&_pragma=journal_mode(WAL)" +
	"&_pragma=synchronous(NORMAL)&_pragma=cache_size(" + defaultCacheSize + ")&_pragma=temp_store(MEMORY)&_txlock=immediate"

func openSQLite(ctx context.Context, path string) (*DB, error) {
	if path == "" {
		path = DefaultPath
	}
	if strings.ContainsAny(path, "?#") {
		return nil, court.Errorf(court.Invalid, "SQLite 数据库路径“%s”不能包含 ? 或 #", path)
	}
	sdb, err := sql.Open("sqlite", path+"?"+sqlitePragmas)
	if err != nil {
		return nil, &court.Error{Kind: court.Internal, Message: "无法打开 SQLite 数据库 " + path, Err: err}
	}
	sdb.SetMaxOpenConns(8)
	sdb.SetMaxIdleConns(4)
	sdb.SetConnMaxIdleTime(5 * time.Minute)
	if err := sdb.PingContext(ctx); err != nil {
		sdb.Close()
		return nil, &court.Error{Kind: court.Invalid, Message: "无法打开 SQLite 数据库 " + path + "（请检查路径和目录权限）", Err: err}
	}
	return &DB{db: sdb, dialect: DialectSQLite, where: path, scanChunk: defaultScanChunk}, nil
}

func openPostgres(ctx context.Context, dsn string) (*DB, error) {
	where := redact(dsn)
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		return nil, &court.Error{Kind: court.Invalid, Message: "PostgreSQL 连接串“" + where + "”无效", Err: err}
	}
	if cfg.ConnectTimeout == 0 || cfg.ConnectTimeout > connectTimeout {
		cfg.ConnectTimeout = connectTimeout
	}
	sdb := stdlib.OpenDB(*cfg)
	sdb.SetMaxOpenConns(16)
	sdb.SetMaxIdleConns(4)
	sdb.SetConnMaxIdleTime(5 * time.Minute)
	pctx, cancel := context.WithTimeout(ctx, connectTimeout+time.Second)
	defer cancel()
	if err := sdb.PingContext(pctx); err != nil {
		sdb.Close()
		return nil, &court.Error{Kind: court.Invalid, Message: fmt.Sprintf(
			"无法连接 PostgreSQL 数据库 %s：%s（请确认服务已启动、地址端口正确、用户有权访问该数据库）", where, pgReason(err)), Err: err}
	}
	return &DB{db: sdb, dialect: DialectPostgres, where: where, scanChunk: defaultScanChunk}, nil
}

// pgReason says in Chinese why a connection failed.
func pgReason(err error) string {
	var pgErr *pgconn.PgError
	switch {
	case errors.As(err, &pgErr) && pgErr.Code == "3D000":
		return "数据库不存在"
	case errors.As(err, &pgErr) && (pgErr.Code == "28P01" || pgErr.Code == "28000"):
		return "用户名或密码错误，或不允许该用户登录"
	case errors.Is(err, context.DeadlineExceeded) || strings.Contains(err.Error(), "timeout"):
		return fmt.Sprintf("%d 秒内未能建立连接", int(connectTimeout/time.Second))
	case strings.Contains(err.Error(), "connection refused"):
		return "连接被拒绝"
	case strings.Contains(err.Error(), "no such host"):
		return "找不到该主机"
	}
	return "连接失败"
}

// redact removes the password from a PostgreSQL URL.
func redact(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil {
		return "postgres://…"
	}
	if u.User != nil {
		if _, ok := u.User.Password(); ok {
			u.User = url.UserPassword(u.User.Username(), "xxxxx")
		}
	}
	return u.String()
}

// Close closes the database.
func (db *DB) Close() error { return db.db.Close() }

// Dialect returns "sqlite" or "postgres".
func (db *DB) Dialect() string { return db.dialect }

// dialectName is Dialect, for the files of this package.
func (db *DB) dialectName() string { return db.dialect }

// sqlDB is the underlying pool, for the read-only queries of this package.
func (db *DB) sqlDB() *sql.DB { return db.db }

// pg reports whether the database is PostgreSQL.
func (db *DB) pg() bool { return db.dialect == DialectPostgres }

// querier is what *sql.DB, *sql.Tx and *sql.Conn have in common.
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// rebind turns the ? placeholders of q into PostgreSQL's $1, $2 ...; the
// queries of this package have no ? inside string literals.
func (db *DB) rebind(q string) string {
	if !db.pg() || !strings.Contains(q, "?") {
		return q
	}
	var b strings.Builder
	b.Grow(len(q) + 16)
	n := 0
	for i := 0; i < len(q); i++ {
		if q[i] == '?' {
			n++
			fmt.Fprintf(&b, "$%d", n)
			continue
		}
		b.WriteByte(q[i])
	}
	return b.String()
}

// wrap gives err, unless it already is a *court.Error, the kind Internal and
// a Chinese message naming what failed. Use as defer wrap(&err, "读取法院").
func wrap(errp *error, what string) {
	err := *errp
	if err == nil {
		return
	}
	var ce *court.Error
	if errors.As(err, &ce) {
		return
	}
	*errp = &court.Error{Kind: court.Internal, Message: what + "失败", Err: err}
}

// Checksum returns the SHA-256 of the schema's indexes and constraints and
// of every row of every table but schema_migrations, in a fixed order, so
// that a test can prove that a failed import changed nothing. Ids are part
// of the rows; sequences are not.
func (db *DB) Checksum(ctx context.Context) (sum string, err error) {
	defer wrap(&err, "计算数据库校验和")
	tables, err := db.tables(ctx)
	if err != nil {
		return "", err
	}
	h := sha256.New()
	schema, err := db.schemaLines(ctx)
	if err != nil {
		return "", err
	}
	for _, l := range schema {
		h.Write([]byte(l))
	}
	for _, t := range tables {
		lines, err := db.tableLines(ctx, t)
		if err != nil {
			return "", err
		}
		fmt.Fprintf(h, "table %s %d\n", t, len(lines))
		for _, l := range lines {
			h.Write([]byte(l))
		}
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// schemaLines lists the definitions of the schema's indexes and constraints.
func (db *DB) schemaLines(ctx context.Context) ([]string, error) {
	q := "SELECT type || ' ' || name || ': ' || COALESCE(sql, '') FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
	if db.pg() {
		q = `SELECT 'index ' || indexname || ': ' || indexdef FROM pg_indexes WHERE schemaname = current_schema()
    UNION ALL
    SELECT 'constraint ' || conname || ': ' || pg_get_constraintdef(oid) FROM pg_constraint
    WHERE connamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema())`
	}
	lines, err := db.sortedStrings(ctx, q)
	for i := range lines {
		lines[i] += "\n"
	}
	return lines, err
}

// sortedStrings runs a query of one text column and returns its values, sorted.
func (db *DB) sortedStrings(ctx context.Context, q string) ([]string, error) {
	rows, err := db.db.QueryContext(ctx, q)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var l string
		if err := rows.Scan(&l); err != nil {
			return nil, err
		}
		out = append(out, l)
	}
	sort.Strings(out)
	return out, rows.Err()
}

// tables lists the tables of the schema but schema_migrations, sorted.
func (db *DB) tables(ctx context.Context) ([]string, error) {
	q := "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
	if db.pg() {
		q = "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
	}
	all, err := db.sortedStrings(ctx, q)
	return slices.DeleteFunc(all, func(t string) bool { return t == "schema_migrations" }), err
}

// tableLines renders every row of table t as a line, sorted.
func (db *DB) tableLines(ctx context.Context, t string) ([]string, error) {
	rows, err := db.db.QueryContext(ctx, "SELECT * FROM "+t)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	var lines []string
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		var b strings.Builder
		for i, v := range vals {
			if b2, ok := v.([]byte); ok {
				v = string(b2)
			}
			fmt.Fprintf(&b, "%s=%T:%q\t", cols[i], v, fmt.Sprint(v))
		}
		b.WriteByte('\n')
		lines = append(lines, b.String())
	}
	sort.Strings(lines)
	return lines, rows.Err()
}
