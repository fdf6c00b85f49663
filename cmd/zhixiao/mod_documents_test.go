package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zhixiao/zhixiao/internal/demo"
	"github.com/zhixiao/zhixiao/internal/documents"
)

// TestDocumentsCommands runs the demo (which seeds the parties), imports
// the exported 当事人表 through `zhixiao import parties` (all unchanged), and
// writes a bulletin, a draft and a template.
func TestDocumentsCommands(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "z.db")
	code, out, errs := zhixiao(t, "demo", "--db", db, "--seed", "5", "--cases", "3000", "--export", dir)
	if code != 0 || !strings.Contains(out, "示例市当事人") {
		t.Fatalf("demo: exit %d\n%s\n%s", code, out, errs)
	}
	code, out, errs = zhixiao(t, "import", "parties", filepath.Join(dir, demo.PartiesCSV), "--db", db)
	if code != 0 || !strings.Contains(out, "新增 0，更新 0") {
		t.Fatalf("import parties again: exit %d\n%s\n%s", code, out, firstLines(errs, 10))
	}
	ds := demo.Generate(demo.Config{Seed: 5, Cases: 3000})
	var civil, criminal string
	for _, p := range demo.Parties(ds) {
		if civil == "" && strings.Contains(p.CaseNo, "民初") {
			civil = p.CaseNo
		}
	}
	for _, c := range ds.Cases {
		if criminal == "" && c.No.TypeCode == "刑初" {
			criminal = c.No.String()
		}
	}
	draft := filepath.Join(dir, "判决书.docx")
	if code, out, errs := zhixiao(t, "draft", "--db", db, "--case", civil, "--type", "民事判决书", "--out", draft); code != 0 {
		t.Fatalf("draft: exit %d\n%s\n%s", code, out, errs)
	}
	b, _ := os.ReadFile(draft)
	if text, err := documents.DocumentText(b); err != nil || !strings.Contains(text, civil) || !strings.Contains(text, "原告：") {
		t.Errorf("draft text: %v\n%.500s", err, text)
	}
	code, _, errs = zhixiao(t, "draft", "--db", db, "--case", criminal, "--type", "one_time_notice", "--out", draft)
	if code != 1 || !strings.Contains(errs, "没有当事人信息") {
		t.Errorf("a case without parties: exit %d, %s", code, errs)
	}
	bulletin, xlsx := filepath.Join(dir, "通报.docx"), filepath.Join(dir, "通报.xlsx")
	code, out, errs = zhixiao(t, "bulletin", "--db", db, "--court", ds.Courts[0].Name, "--month", "2025-06", "--out", bulletin, "--xlsx", xlsx)
	if code != 0 || !strings.Contains(out, "通报.xlsx") {
		t.Fatalf("bulletin: exit %d\n%s\n%s", code, out, errs)
	}
	b, _ = os.ReadFile(bulletin)
	if text, _ := documents.DocumentText(b); !strings.Contains(text, ds.Courts[0].Name+"审判质效月通报（2025年6月）") {
		t.Errorf("bulletin text:\n%.500s", text)
	}
	if code, _, errs := zhixiao(t, "bulletin", "--db", db, "--court", "不存在法院", "--month", "2025-06", "--out", bulletin); code != 1 || !strings.Contains(errs, "不存在") {
		t.Errorf("unknown court: %d %s", code, errs)
	}
	if code, _, errs := zhixiao(t, "bulletin", "--db", db, "--court", ds.Courts[0].Name, "--month", "六月", "--out", bulletin); code != 1 || !strings.Contains(errs, "月份") {
		t.Errorf("bad month: %d %s", code, errs)
	}
	// A court-edited template with an unknown placeholder is refused.
	tmpl := filepath.Join(dir, "调解书.docx")
	if code, _, errs := zhixiao(t, "template", "--db", db, "--type", "mediation", "--out", tmpl); code != 0 {
		t.Fatalf("template: %d %s", code, errs)
	}
	if _, err := documents.CheckTemplate(documents.KindMediation, tmpl, mustRead(t, tmpl)); err != nil {
		t.Errorf("the exported template does not check: %v", err)
	}
	bt := filepath.Join(dir, "通报模板.docx")
	if code, _, errs := zhixiao(t, "template", "--type", "bulletin", "--default", "--out", bt); code != 0 {
		t.Fatalf("default template: %d %s", code, errs)
	}
	if code, _, errs := zhixiao(t, "draft", "--db", db, "--case", civil, "--type", "judgment_simple", "--template", bt, "--out", draft); code != 1 || !strings.Contains(errs, "未知的占位符") {
		t.Errorf("a template of another kind: %d %s", code, errs)
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
