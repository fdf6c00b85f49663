package zzprobe

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"testing"
	"time"
	"strconv"
	"os"
	"syscall"

	_ "modernc.org/sqlite"
)

func run(t *testing.T, fk string, verb string, idx bool) {
	ctx := context.Background()
	path := t.TempDir() + "/x.db"
	db, _ := sql.Open("sqlite", path+"?_pragma=foreign_keys("+map[string]string{"D":"1","1":"1","0":"0"}[fk]+")&_pragma=journal_mode(WAL)&_pragma=temp_store(MEMORY)&_pragma=cache_size(-65536)&_txlock=immediate")
	db.SetMaxOpenConns(1)
	db.Exec(`create table p(id integer primary key, name text)`)
	db.Exec(`create table c(id integer primary key, no text not null unique, pid bigint not null references p(id), a text, b int, d text, e text)`)
	if idx {
		db.Exec(`create index c_pid on c(pid)`)
		db.Exec(`create index c_a on c(a)`)
	}
	db.Exec(`insert into p values (1, 'x')`)
	tx, _ := db.BeginTx(ctx, nil)
	if fk == "D" { tx.Exec("PRAGMA defer_foreign_keys = ON") }
	per, _ := strconv.Atoi(os.Getenv("PER"))
	q := verb + " INTO c (id, no, pid, a, b, d, e) VALUES " + strings.TrimSuffix(strings.Repeat("(?,?,?,?,?,?,?),", per), ",")
	st, err := tx.Prepare(q)
	if err != nil { t.Fatal(err) }
	start := cpu()
	args := make([]any, 0, per*7)
	for i := 0; i < 100000; i += per {
		args = args[:0]
		for j := i; j < i+per; j++ {
			args = append(args, int64(j+1), fmt.Sprintf("（2025）京0105民初%d号", j*7919%100003), int64(1), "民间借贷纠纷", int64(j), "2025-03-07", nil)
		}
		if _, err := st.Exec(args...); err != nil { t.Fatal(err) }
	}
	tx.Commit()
	t.Logf("fk=%s verb=%q idx=%v: %v", fk, verb, idx, cpu()-start)
}

func TestP(t *testing.T) {
	run(t, os.Getenv("FK"), os.Getenv("VERB"), true)
}

func cpu() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
