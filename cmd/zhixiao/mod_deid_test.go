package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zhixiao/zhixiao/internal/auth"
	"github.com/zhixiao/zhixiao/internal/court"
	"github.com/zhixiao/zhixiao/internal/deid"
	"github.com/zhixiao/zhixiao/internal/importer"
	"github.com/zhixiao/zhixiao/internal/store"
)

const deidJudgment = "民事判决书\n（2024）京0105民初12345号\n原告：张小红，女，住北京市朝阳区建国路88号，电话13912345678。\n" +
	"被告：王大伟，男，公民身份号码11010519491231002X。\n原告张小红与被告王大伟离婚纠纷一案。\n审判员　李晓杰\n"

func TestDeidCommand(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "判决书.txt")
	if err := os.WriteFile(in, []byte(deidJudgment), 0o644); err != nil {
		t.Fatal(err)
	}
	out, report := filepath.Join(dir, "out.txt"), filepath.Join(dir, "r.json")
	code, stdout, stderr := zhixiao(t, "deidentify", "--in", in, "--out", out, "--report", report)
	if code != 0 {
		t.Fatalf("deidentify: %d\n%s\n%s", code, stdout, stderr)
	}
	got, _ := os.ReadFile(out)
	for _, s := range []string{"张小红", "王大伟", "建国路", "13912345678", "11010519491231002X"} {
		if strings.Contains(string(got), s) {
			t.Errorf("output still has %q:\n%s", s, got)
		}
	}
	if !strings.Contains(string(got), "审判员　李晓杰") || !strings.Contains(stdout, "姓名 4") || !strings.Contains(stdout, "第四条") {
		t.Errorf("output %q, summary %q", got, stdout)
	}
	var changes []map[string]any
	b, _ := os.ReadFile(report)
	if err := json.Unmarshal(b, &changes); err != nil || len(changes) != 7 {
		t.Fatalf("report: %v, %d changes:\n%s", err, len(changes), b)
	}
	for _, c := range changes {
		if len(c) != 4 || c["type"] == nil || c["original"] == nil || c["replacement"] == nil || c["offset"] == nil {
			t.Errorf("report entry is not {type, original, replacement, offset}: %v", c)
		}
	}
	if changes[0]["type"] != "name" || changes[0]["original"] != "张小红" || changes[0]["offset"] != float64(29) {
		t.Errorf("first change: %v", changes[0])
	}
	// positional input, default output name, CSV report, strict, a parties list
	parties := filepath.Join(dir, "p.csv")
	os.WriteFile(parties, []byte("名称,诉讼地位,类型\n李晓杰,审判员,自然人\n"), 0o644)
	code, stdout, stderr = zhixiao(t, "deid", in, "--strict", "--report", filepath.Join(dir, "r.csv"))
	def, err := os.ReadFile(filepath.Join(dir, "判决书_脱敏.txt"))
	csvb, _ := os.ReadFile(filepath.Join(dir, "r.csv"))
	if code != 0 || err != nil || strings.Contains(string(def), "张小红") || !strings.HasPrefix(string(csvb), "\ufeff位置,类型,原文,替换为,依据\n") {
		t.Errorf("deid positional: %d %v\n%s\n%s\n%s", code, err, stdout, stderr, csvb)
	}
}

func TestDeidCommandErrors(t *testing.T) {
	dir := t.TempDir()
	txt := filepath.Join(dir, "a.txt")
	os.WriteFile(txt, []byte(deidJudgment), 0o644)
	bad := filepath.Join(dir, "bad.docx")
	os.WriteFile(bad, []byte("hello"), 0o644)
	empty := filepath.Join(dir, "empty.txt")
	os.WriteFile(empty, nil, 0o644)
	parties := filepath.Join(dir, "p.csv")
	os.WriteFile(parties, []byte("名称,诉讼地位,类型\n张三,原告,公民\n"), 0o644)
	fresh := filepath.Join(dir, "fresh.db")
	db, err := store.Open(context.Background(), fresh)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"deid"}, "请给出要脱敏的文书"},
		{[]string{"deid", filepath.Join(dir, "none.txt")}, "无法打开文书"},
		{[]string{"deid", bad}, "不是有效的 DOCX"},
		{[]string{"deid", empty}, "是空的"},
		{[]string{"deid", txt, "--out", txt}, "不能与原文件相同"},
		{[]string{"deid", txt, "--parties", parties}, "第 2 行“类型”"},
		{[]string{"deid", txt, "--case", "2024民初1号"}, "案号“2024民初1号”无法解析"},
		{[]string{"deid", txt, "--case", "（2024）京0105民初9号", "--db", fresh}, "案件"},
		{[]string{"deid", txt, "--case", "（2024）京0105民初9号", "--db", filepath.Join(dir, "none.db")}, "不存在"},
	}
	for _, tc := range tests {
		code, _, stderr := zhixiao(t, tc.args...)
		if code != 1 || !strings.Contains(stderr, tc.want) {
			t.Errorf("%v: exit %d, %q; want 1 and %q", tc.args, code, stderr, tc.want)
		}
	}
}

func TestDeidCommandAudit(t *testing.T) {
	ctx := context.Background()
	dsn := filepath.Join(t.TempDir(), "a.db")
	db, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rec := deid.NewRecord([]byte("原文"), []byte("脱敏"), deid.FormatTXT, deid.Options{CaseNo: "（2024）京0105民初1号"}, deid.Result{Changes: []deid.Change{{Type: deid.TypeName}}})
	if err := recordDeidCLI(ctx, dsn, rec); err != nil {
		t.Fatal(err)
	}
	es, err := db.DeidRecords(ctx, "", 5)
	if err != nil || len(es) != 1 || !strings.HasPrefix(es[0].Actor, "命令行") || es[0].Action != auth.ActionDeid ||
		!strings.Contains(es[0].After, `"姓名":1`) || strings.Contains(es[0].After, "原文") {
		t.Errorf("audit: %+v, %v", es, err)
	}
}

// TestDeidCommandWithCase takes the 案由 from the case data: the document
// says nothing of 离婚, the case is a 离婚纠纷, so the parties are masked at
// the minimum setting; the run is audited.
func TestDeidCommandWithCase(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	dsn := filepath.Join(dir, "z.db")
	db, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	no, _ := court.ParseCaseNo("（2024）示01民初7号")
	ds := importer.Dataset{
		Courts: []court.Court{{Name: "示例市中级人民法院", Code: "示01", Level: court.CourtIntermediate}},
		People: []court.Person{{Court: "示例市中级人民法院", Department: "民一庭", Name: "李法官", StaffNo: "Z1", Category: court.CategoryJudge, Active: true}},
		Cases: []court.Case{{No: no, Court: "示例市中级人民法院", Department: "民一庭", Judge: "李法官", FiledOn: court.DateOf(2024, 1, 2),
			Cause: "离婚纠纷", ClaimAmount: court.NoMoney, ExecAmount: court.NoMoney, ExecRecovered: court.NoMoney}},
	}
	if _, err := importer.Load(ctx, db, ds, "test", "test"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	in := filepath.Join(dir, "a.txt")
	os.WriteFile(in, []byte("民事判决书\n原告：周芳，女，汉族。\n被告：吴刚，男，汉族。\n本院受理原告周芳与被告吴刚一案。\n"), 0o644)
	code, stdout, stderr := zhixiao(t, "deid", in, "--db", dsn, "--case", "(2024)示01民初7号")
	out, _ := os.ReadFile(filepath.Join(dir, "a_脱敏.txt"))
	if code != 0 || strings.Contains(string(out), "周芳") || strings.Contains(string(out), "吴刚") || !strings.Contains(stderr, "当事人表中没有该案的当事人") {
		t.Fatalf("deid --case: %d\n%s\n%s\n%s", code, stdout, stderr, out)
	}
	db, _ = store.Open(ctx, dsn)
	defer db.Close()
	es, err := db.DeidRecords(ctx, "", 5)
	if err != nil || len(es) != 1 || !strings.Contains(es[0].After, `"案号":"（2024）示01民初7号"`) || !strings.Contains(es[0].After, `"姓名":4`) {
		t.Errorf("audit: %+v, %v", es, err)
	}
}

// TestDeidCommandBatch de-identifies a directory and a file in one run; a
// bad file fails on its own and the run exits 1.
func TestDeidCommandBatch(t *testing.T) {
	dir := t.TempDir()
	docs := filepath.Join(dir, "docs")
	os.Mkdir(docs, 0o755)
	os.WriteFile(filepath.Join(docs, "a.txt"), []byte(deidJudgment), 0o644)
	os.WriteFile(filepath.Join(docs, "b.txt"), []byte("原告：周芳，女，电话13800001111。离婚纠纷"), 0o644)
	os.WriteFile(filepath.Join(docs, "c_脱敏.txt"), []byte("已处理"), 0o644)
	os.WriteFile(filepath.Join(docs, "notes.md"), []byte("x"), 0o644)
	bad := filepath.Join(dir, "bad.docx")
	os.WriteFile(bad, []byte("no zip"), 0o644)
	out, reports := filepath.Join(dir, "out"), filepath.Join(dir, "reports")
	code, stdout, stderr := zhixiao(t, "deid", docs, bad, "--out-dir", out, "--report-dir", reports, "--strict")
	if code != 1 || !strings.Contains(stdout, "共 3 份，完成 2 份，失败 1 份") || !strings.Contains(stdout, "失败  "+bad) {
		t.Fatalf("batch: %d\n%s\n%s", code, stdout, stderr)
	}
	b, err := os.ReadFile(filepath.Join(out, "b_脱敏.txt"))
	if err != nil || strings.Contains(string(b), "周芳") || strings.Contains(string(b), "13800001111") {
		t.Errorf("b_脱敏.txt: %q, %v", b, err)
	}
	if _, err := os.Stat(filepath.Join(reports, "a_变更报告.json")); err != nil {
		t.Errorf("report of a.txt: %v", err)
	}
	if _, err := os.Stat(filepath.Join(out, "c_脱敏_脱敏.txt")); err == nil {
		t.Error("an earlier copy was de-identified again")
	}
	if code, _, stderr := zhixiao(t, "deid", docs, "--report", "r.json"); code != 1 || !strings.Contains(stderr, "批量处理时不能用") {
		t.Errorf("batch with --report: %d %s", code, stderr)
	}
}
