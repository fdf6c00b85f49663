package importer_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zhixiao/zhixiao/internal/court"
	"github.com/zhixiao/zhixiao/internal/importer"
	"github.com/zhixiao/zhixiao/internal/ingest"
	"github.com/zhixiao/zhixiao/internal/store"
	"github.com/zhixiao/zhixiao/internal/store/storetest"
)

const header = "案号,承办法院,承办部门,承办人,立案日期,结案日期,结案方式,案由,适用程序\n"

// good is a valid file of three cases; the second derives from the first.
const good = header +
	"（2025）示0101民初1号,示例市东城区人民法院,民一庭,张三,2025-01-02,2025-03-01,判决,民间借贷纠纷,简易程序\n" +
	"（2025）示01民终5号,示例市中级人民法院,民一庭,李四,2025-03-20,,,民间借贷纠纷,\n" +
	"（2025）示0101执7号,示例市东城区人民法院,执行局,王五,2025-04-01,2025-05-01,执行完毕,,\n"

func write(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func importFile(t *testing.T, db *store.DB, path string, opt importer.Options) (*importer.Report, error) {
	t.Helper()
	return importer.Run(context.Background(), db, ingest.Cases, path, opt)
}

// TestStrictImportChangesNothing feeds bad files after a good one and
// requires the database to be exactly as before each time.
func TestStrictImportChangesNothing(t *testing.T) {
	bad := map[string]struct{ content, want string }{
		"empty":          {"", "空文件"},
		"header only":    {header, "没有数据"},
		"impossible day": {header + "（2025）示0101民初2号,示例市东城区人民法院,民一庭,张三,2025-02-30,,,,\n", "2025-02-30"},
		"closed before filed": {header +
			"（2025）示0101民初2号,示例市东城区人民法院,民一庭,张三,2025-03-01,2025-02-01,判决,,\n", "结案日期"},
		"closed without method": {header + "（2025）示0101民初2号,示例市东城区人民法院,民一庭,张三,2025-03-01,2025-04-01,,,\n", "结案方式"},
		"unknown method":        {header + "（2025）示0101民初2号,示例市东城区人民法院,民一庭,张三,2025-03-01,2025-04-01,拍脑袋,,\n", "拍脑袋"},
		"unknown type code":     {header + "（2025）示0101民X2号,示例市东城区人民法院,民一庭,张三,2025-03-01,,,,\n", "民X"},
		"duplicate case no": {header +
			"（2025）示0101民初2号,示例市东城区人民法院,民一庭,张三,2025-03-01,,,,\n" +
			"（2025）示0101民初2号,示例市东城区人民法院,民一庭,张三,2025-03-02,,,,\n", "重复"},
		"one bad among good": {good + "（2025）示0101民初9号,示例市东城区人民法院,民一庭,张三,2025-13-01,,,,\n", "2025-13-01"},
	}
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		if _, err := importFile(t, db, write(t, "good.csv", good), importer.Options{}); err != nil {
			t.Fatalf("good file: %v", err)
		}
		before := storetest.Checksum(t, db)
		for name, tt := range bad {
			t.Run(name, func(t *testing.T) {
				rep, err := importFile(t, db, write(t, "bad.csv", tt.content), importer.Options{})
				if err == nil || court.KindOf(err) != court.Invalid {
					t.Fatalf("import of %s: err = %v, want an Invalid error", name, err)
				}
				text := court.Message(err)
				for _, p := range rep.Problems {
					text += "\n" + p.String()
				}
				if !strings.Contains(text, tt.want) || !strings.Contains(text, "bad.csv") {
					t.Errorf("report of %s = %q, want it to name the file and contain %q", name, text, tt.want)
				}
				if rep.Committed {
					t.Error("a strict import with bad rows committed")
				}
				if after := storetest.Checksum(t, db); after != before {
					t.Errorf("the database changed after a failed import of %s", name)
				}
			})
		}
	})
}

func TestIdempotentAndUpdate(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		p := write(t, "cases.csv", good)
		rep, err := importFile(t, db, p, importer.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if rep.Counts.Inserted != 3 || rep.Counts.Read != 3 {
			t.Fatalf("first import counts = %+v, want 3 read and inserted", rep.Counts)
		}
		rep, err = importFile(t, db, p, importer.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if rep.Counts.Unchanged != 3 || rep.Counts.Inserted+rep.Counts.Updated != 0 {
			t.Fatalf("second import counts = %+v, want 3 unchanged", rep.Counts)
		}
		// A newer export: the 二审 case is now closed.
		newer := strings.Replace(good, "2025-03-20,,,", "2025-03-20,2025-06-10,改判,", 1)
		rep, err = importFile(t, db, write(t, "newer.csv", newer), importer.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if rep.Counts.Updated != 1 || rep.Counts.Unchanged != 2 {
			t.Fatalf("newer export counts = %+v, want 1 updated and 2 unchanged", rep.Counts)
		}
		changes, err := db.CaseChanges(context.Background(), "（2025）示01民终5号")
		if err != nil {
			t.Fatal(err)
		}
		fields := map[string]string{}
		for _, c := range changes {
			fields[c.Field] = c.NewValue
		}
		if fields["结案日期"] != "2025-06-10" || fields["结案方式"] != "改判" || len(fields) != 2 {
			t.Errorf("change log = %+v, want 结案日期 and 结案方式 only", changes)
		}
	})
}

func TestSkipInvalid(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		content := good + "（2025）示0101民初9号,示例市东城区人民法院,民一庭,张三,2025-13-01,,,,\n"
		p := write(t, "cases.csv", content)
		rejects := filepath.Join(t.TempDir(), "rejects.csv")
		rep, err := importFile(t, db, p, importer.Options{SkipInvalid: true, RejectsPath: rejects})
		if err != nil {
			t.Fatal(err)
		}
		if rep.Counts.Inserted != 3 || rep.Counts.Rejected != 1 || !rep.Committed {
			t.Fatalf("counts = %+v, want 3 inserted and 1 rejected", rep.Counts)
		}
		data, err := os.ReadFile(rejects)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(data), "示0101民初9号") || !strings.Contains(string(data), "错误原因") {
			t.Errorf("rejects file = %q, want the bad row and a 错误原因 column", data)
		}
		// Fixed and imported again, the rejects file adds the missing case.
		fixed := strings.Replace(string(data), "2025-13-01", "2025-12-01", 1)
		if err := os.WriteFile(rejects, []byte(fixed), 0o644); err != nil {
			t.Fatal(err)
		}
		rep, err = importFile(t, db, rejects, importer.Options{})
		if err != nil {
			t.Fatalf("re-import of the fixed rejects: %v", err)
		}
		if rep.Counts.Inserted != 1 {
			t.Errorf("fixed rejects counts = %+v, want 1 inserted", rep.Counts)
		}
	})
}

// TestOriginArrivesLater: a 原审案号 not yet in the database is kept, not an error.
func TestOriginArrivesLater(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		appeal := header + "（2025）示01民终8号,示例市中级人民法院,民一庭,李四,2025-03-20,,,,\n"
		appeal = strings.Replace(appeal, "适用程序\n", "适用程序,原审案号\n", 1)
		appeal = strings.Replace(appeal, "2025-03-20,,,,\n", "2025-03-20,,,,,（2025）示0101民初77号\n", 1)
		if _, err := importFile(t, db, write(t, "appeal.csv", appeal), importer.Options{}); err != nil {
			t.Fatalf("appeal whose origin is absent: %v", err)
		}
		c, err := db.Case(context.Background(), "（2025）示01民终8号")
		if err != nil {
			t.Fatal(err)
		}
		if c.OriginNo != "（2025）示0101民初77号" {
			t.Errorf("origin = %q, want it kept", c.OriginNo)
		}
	})
}
