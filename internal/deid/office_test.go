package deid

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// wordPackage is what Word needs besides the body: content types and the
// package relationships.
var wordPackage = map[string]string{
	"[Content_Types].xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
		`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>` +
		`<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>`,
	"_rels/.rels": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
		`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>` +
		`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>`,
}

// TestDeidDOCXOpensInLibreOffice converts a de-identified DOCX to PDF with
// LibreOffice (headless) and reads the PDF's text: the document opens in a
// real office suite and shows the pseudonyms, not the names.
func TestDeidDOCXOpensInLibreOffice(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	pdftotext, err2 := exec.LookPath("pdftotext")
	if err != nil || err2 != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("LibreOffice or poppler-utils is missing (apt-get install libreoffice-writer-nogui poppler-utils)")
		}
		t.Skip("LibreOffice 或 pdftotext 未安装，跳过（CI=true 时为失败）")
	}
	var paras [][]string
	for _, line := range strings.Split(Sample(), "\n") {
		if line != "" {
			r := []rune(line)
			half := len(r) / 2
			paras = append(paras, []string{string(r[:half]), string(r[half:])}) // every line split over two runs
		}
	}
	files := map[string]string{}
	for k, v := range wordPackage {
		files[k] = v
	}
	in := makeDOCX(t, paras, files)
	out, _, err := DOCX(in, "判决书.docx", Options{})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	// convert runs one soffice for several files (each start costs seconds)
	convert := func(to string, files ...string) {
		t.Helper()
		args := append([]string{"-env:UserInstallation=file://" + filepath.Join(dir, "profile"), "--headless", "--convert-to", to, "--outdir", dir}, files...)
		if b, err := exec.Command(soffice, args...).CombinedOutput(); err != nil {
			t.Fatalf("soffice: %v\n%s", err, b)
		}
	}
	pdfText := func(pdf string) string {
		t.Helper()
		text, err := exec.Command(pdftotext, "-enc", "UTF-8", pdf, "-").Output()
		if err != nil {
			t.Fatalf("pdftotext %s: %v", pdf, err)
		}
		return strings.Join(strings.Fields(string(text)), "")
	}
	made := filepath.Join(dir, "made.docx")
	if err := os.WriteFile(made, out, 0o644); err != nil {
		t.Fatal(err)
	}
	// a DOCX written by LibreOffice itself, with its styles, fonts and settings
	txt := filepath.Join(dir, "lo.txt")
	os.WriteFile(txt, []byte(Sample()), 0o644)
	convert("docx:MS Word 2007 XML", txt)
	lo, err := os.ReadFile(filepath.Join(dir, "lo.docx"))
	if err != nil {
		t.Fatal(err)
	}
	if out, _, err = DOCX(lo, "lo.docx", Options{}); err != nil {
		t.Fatal(err)
	}
	written := filepath.Join(dir, "written.docx")
	os.WriteFile(written, out, 0o644)
	convert("pdf", made, written)
	checkPDF(t, "made by the test", pdfText(filepath.Join(dir, "made.pdf")))
	checkPDF(t, "written by LibreOffice", pdfText(filepath.Join(dir, "written.pdf")))
}

func checkPDF(t *testing.T, what, pdf string) {
	t.Helper()
	for _, s := range []string{"原告：张某，女", "审判员李晓杰", "婚生女王某某"} {
		if !strings.Contains(pdf, s) {
			t.Errorf("%s: the PDF lacks %q:\n%s", what, s, pdf)
		}
	}
	for _, s := range []string{"张小红", "王大伟", "13912345678"} {
		if strings.Contains(pdf, s) {
			t.Errorf("%s: the PDF still shows %q", what, s)
		}
	}
}
