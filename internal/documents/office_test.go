package documents

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestDocumentsOpenInOffice converts every draft and a bulletin to PDF with
// LibreOffice headless and checks the text of the pages (pdftotext, Debian
// poppler-utils), as issue 9 asks. LibreOffice is not a dependency of the
// binary: `make test` installs libreoffice-writer-nogui and poppler-utils;
// without them the test is skipped with a message, and fails under CI=true.
func TestDocumentsOpenInOffice(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		if soffice, err = exec.LookPath("libreoffice"); err != nil {
			missing(t, "LibreOffice 未安装，跳过 DOCX→PDF 转换检查（apt-get install libreoffice-writer-nogui poppler-utils；make test 会安装）")
		}
	}
	pdftotext, err := exec.LookPath("pdftotext")
	if err != nil {
		missing(t, "pdftotext 未安装，跳过 DOCX→PDF 转换检查（apt-get install poppler-utils；make test 会安装）")
	}
	dir := t.TempDir()
	want := map[string]string{}
	for _, k := range DraftKinds {
		in := draftCase(t, "（2025）示0103民初1号")
		if k == KindExecSuspension {
			in = execCase(t)
		}
		b, err := WriteDraft(k, in, nil)
		if err != nil {
			t.Fatal(err)
		}
		name := string(k) + ".docx"
		os.WriteFile(filepath.Join(dir, name), b, 0o644)
		want[name] = k.Title()[:strings.Index(k.Title()+"（", "（")]
	}
	ds, src := smallCity(t)
	month, _ := ParseMonth("2025-06")
	if path, _ := FindFont("", ""); path != "" {
		if src.Charts, err = LoadCharts(path); err != nil {
			t.Fatal(err)
		}
	}
	docx, _, err := ProduceBulletin(context.Background(), BulletinRequest{Court: midCourt(ds), Month: month}, src, nil)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "bulletin.docx"), docx, 0o644)
	want["bulletin.docx"] = "审判质效月通报"
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	args := []string{"--headless", "-env:UserInstallation=file://" + filepath.Join(dir, "profile"), "--convert-to", "pdf", "--outdir", dir}
	for name := range want {
		args = append(args, filepath.Join(dir, name))
	}
	if out, err := exec.CommandContext(ctx, soffice, args...).CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	for name, text := range want {
		in := filepath.Join(dir, name)
		pdf := strings.TrimSuffix(in, ".docx") + ".pdf"
		out, err := exec.CommandContext(ctx, pdftotext, "-layout", pdf, "-").Output()
		if err != nil {
			t.Fatalf("%s: pdftotext: %v", name, err)
		}
		got := strings.Join(strings.Fields(string(out)), "")
		if !strings.Contains(got, text) || name == "judgment_ordinary.docx" && !strings.Contains(got, "原告：张三") {
			t.Errorf("%s: the PDF lacks %q:\n%.500s", name, text, got)
		}
	}
}

// missing skips the test, or fails it under CI=true.
func missing(t *testing.T, msg string) {
	t.Helper()
	if os.Getenv("CI") == "true" {
		t.Fatal(msg)
	}
	t.Skip(msg)
}
