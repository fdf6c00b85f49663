package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zhixiao/zhixiao/internal/store"
	"github.com/zhixiao/zhixiao/internal/store/storetest"
)

// zhixiao runs the real command line in-process and returns exit code, stdout and stderr.
func zhixiao(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), args, strings.NewReader(""), &out, &errb, func(string) string { return "" })
	return code, out.String(), errb.String()
}

// dsns returns a SQLite file and, when reachable, a fresh PostgreSQL database.
func dsns(t *testing.T) map[string]string {
	m := map[string]string{"sqlite": filepath.Join(t.TempDir(), "z.db")}
	if dsn, ok := storetest.PostgresDSN(t); ok {
		m["postgres"] = dsn
	}
	return m
}

// TestDemoExportImportsThroughTheRealPath builds the demo court, exports it
// as import files (CSV, XLSX, one GBK) and imports them with `zhixiao
// import` into a second database: both must hold the same cases.
func TestDemoExportImportsThroughTheRealPath(t *testing.T) {
	dir := t.TempDir()
	direct := filepath.Join(t.TempDir(), "direct.db")
	code, out, errs := zhixiao(t, "demo", "--db", direct, "--seed", "7", "--cases", "3000", "--export", dir)
	if code != 0 {
		t.Fatalf("demo: exit %d\n%s\n%s", code, out, errs)
	}
	for name, dsn := range dsns(t) {
		t.Run(name, func(t *testing.T) {
			steps := [][]string{
				{"people", "people.csv"}, // the GBK file
				{"cases", "cases.xlsx"},
				{"cases", "cases.csv"}, // the same cases again: all unchanged
				{"funds", "funds.csv"},
				{"mediations", "mediations.csv"},
			}
			for _, s := range steps {
				code, out, errs := zhixiao(t, "import", s[0], filepath.Join(dir, s[1]), "--db", dsn)
				if code != 0 {
					t.Fatalf("import %s %s: exit %d\n%s\n%s", s[0], s[1], code, out, firstLines(errs, 20))
				}
				if !strings.Contains(out, "读取") {
					t.Errorf("import %s: no summary line in %q", s[1], out)
				}
				if s[1] == "cases.csv" && !strings.Contains(out, "新增 0，更新 0") {
					t.Errorf("re-import of the same cases changed something: %s", out)
				}
			}
			a := caseCount(t, direct)
			b := caseCount(t, dsn)
			if a != b || a < 3000 {
				t.Errorf("cases: direct %d, through import files %d", a, b)
			}
		})
	}
}

func caseCount(t *testing.T, dsn string) int {
	t.Helper()
	db, err := store.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ov, err := db.Overview(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, c := range ov {
		n += c.Cases
	}
	return n
}

func TestImportBadFileExitsOne(t *testing.T) {
	p := filepath.Join(t.TempDir(), "bad.csv")
	os.WriteFile(p, []byte("案号,承办法院,承办部门,承办人,立案日期\n（2025）示0101民初1号,示例市东城区人民法院,民一庭,张三,2025-02-30\n"), 0o644)
	code, _, errs := zhixiao(t, "import", "cases", p, "--db", filepath.Join(t.TempDir(), "z.db"))
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	if !strings.Contains(errs, "bad.csv") || !strings.Contains(errs, "第2行") || !strings.Contains(errs, "立案日期") {
		t.Errorf("stderr = %q, want file, line and column named", errs)
	}
}

func TestUnknownCommand(t *testing.T) {
	if code, _, errs := zhixiao(t, "frobnicate"); code != 2 || !strings.Contains(errs, "未知命令") {
		t.Errorf("unknown command: exit %d, %q", code, errs)
	}
}

func firstLines(s string, n int) string {
	lines := strings.SplitN(s, "\n", n+1)
	if len(lines) > n {
		lines = lines[:n]
	}
	return strings.Join(lines, "\n")
}

// BenchmarkDemoCommand is `zhixiao demo` at its default size into a fresh
// SQLite file (issue 3 asks for under 30 s).
func BenchmarkDemoCommand(b *testing.B) {
	for b.Loop() {
		b.StopTimer()
		db := filepath.Join(b.TempDir(), "demo.db")
		b.StartTimer()
		var out, errs bytes.Buffer
		if code := run(context.Background(), []string{"demo", "--db", db}, strings.NewReader(""), &out, &errs, func(string) string { return "" }); code != 0 {
			b.Fatalf("demo: exit %d: %s", code, errs.String())
		}
	}
}
