package documents

import (
	"archive/zip"
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/zhixiao/zhixiao/internal/court"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// docxWith returns a DOCX whose document.xml body is body, with the parts a
// template needs.
func docxWith(t *testing.T, body string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	doc := xmlHeader + `<w:document xmlns:w="` + nsW + `" xmlns:r="` + nsR + `"><w:body>` + body + `</w:body></w:document>`
	for name, data := range map[string]string{
		"[Content_Types].xml": contentTypes, "_rels/.rels": rootRels,
		"word/document.xml": doc, "word/_rels/document.xml.rels": documentRels, "word/styles.xml": stylesXML(),
	} {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(data))
	}
	zw.Close()
	return buf.Bytes()
}

// partOf returns one part of a DOCX.
func partOf(t *testing.T, docx []byte, name string) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(docx), int64(len(docx)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if f.Name == name {
			rc, _ := f.Open()
			var b bytes.Buffer
			b.ReadFrom(rc)
			rc.Close()
			return b.String()
		}
	}
	t.Fatalf("no part %s", name)
	return ""
}

func TestDocumentsSplitPlaceholderIsMerged(t *testing.T) {
	// Word split {{案号}} over three runs, the middle one bold.
	body := `<w:p><w:r><w:rPr><w:rFonts w:eastAsia="仿宋"/></w:rPr><w:t>案号：{{</w:t></w:r><w:proofErr w:type="spellStart"/>` +
		`<w:r><w:rPr><w:b/></w:rPr><w:t>案</w:t></w:r><w:r><w:t xml:space="preserve">号}} 完</w:t></w:r></w:p>`
	tp, err := ParseTemplate("拆分.docx", docxWith(t, body))
	if err != nil {
		t.Fatal(err)
	}
	if got := tp.Placeholders(); !cmp.Equal(got, []string{"案号"}) {
		t.Fatalf("placeholders %v", got)
	}
	out, err := tp.Render(Fields{"案号": TextValue("（2025）京0105民初1号")})
	if err != nil {
		t.Fatal(err)
	}
	if err := WellFormed(out); err != nil {
		t.Fatal(err)
	}
	text, _ := DocumentText(out)
	if text != "案号：（2025）京0105民初1号 完" {
		t.Errorf("text %q", text)
	}
	doc := partOf(t, out, "word/document.xml")
	if !strings.Contains(doc, `<w:rFonts w:eastAsia="仿宋"/></w:rPr><w:t xml:space="preserve">案号：（2025）京0105民初1号</w:t>`) {
		t.Errorf("the value should take the formatting of the run where the placeholder starts:\n%s", doc)
	}
}

func TestDocumentsTemplateErrors(t *testing.T) {
	good := docxWith(t, `<w:p><w:r><w:t>{{案号}}{{不存在的字段}}</w:t></w:r></w:p>`)
	_, err := CheckTemplate(KindJudgmentOrdinary, "法院版.docx", good)
	if err == nil || court.KindOf(err) != court.Invalid || !strings.Contains(court.Message(err), "{{不存在的字段}}") ||
		!strings.Contains(court.Message(err), "法院版.docx") || strings.Contains(court.Message(err), "未知的占位符：{{案号}}") {
		t.Errorf("unknown placeholder: %v", err)
	}
	corrupt := docxWith(t, `<w:p><w:r><w:t>x</w:t></w:r></w:p>`)
	for name, b := range map[string][]byte{
		"truncated": corrupt[:len(corrupt)/2],
		"text":      []byte("这不是 DOCX"),
		"no body":   zipOf(t, map[string]string{"word/styles.xml": "<x/>"}),
		"bad xml":   zipOf(t, map[string]string{"word/document.xml": "<w:document><w:body>"}),
	} {
		_, err := ParseTemplate(name+".docx", b)
		if err == nil || court.KindOf(err) != court.Invalid || !strings.Contains(court.Message(err), name+".docx") {
			t.Errorf("%s: %v", name, err)
		}
	}
	inline := docxWith(t, `<w:p><w:r><w:t>当事人：{{当事人}}</w:t></w:r></w:p>`)
	tp, _ := ParseTemplate("x.docx", inline)
	if _, err := tp.Render(Fields{"当事人": ParasValue("原告：甲。")}); err == nil || !strings.Contains(court.Message(err), "单独占一段") {
		t.Errorf("block value inline: %v", err)
	}
}

func zipOf(t *testing.T, files map[string]string) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for n, d := range files {
		w, _ := zw.Create(n)
		w.Write([]byte(d))
	}
	zw.Close()
	return buf.Bytes()
}

func TestDocumentsBlocks(t *testing.T) {
	body := `<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:t>{{段落}}</w:t></w:r></w:p><w:p><w:r><w:t>{{表}}</w:t></w:r></w:p>` +
		`<w:p><w:r><w:t>{{图}}</w:t></w:r></w:p><w:p><w:r><w:t>{{无图}}</w:t></w:r></w:p><w:p><w:r><w:t>甲&amp;乙{{多行}}</w:t></w:r></w:p>`
	tp, err := ParseTemplate("块.docx", docxWith(t, body))
	if err != nil {
		t.Fatal(err)
	}
	out, err := tp.Render(Fields{
		"段落": ParasValue("第一段<", "第二段"),
		"表":  TableValue(&Table{Header: []string{"部门", "新收"}, Rows: [][]string{{"民一庭", "12"}}}),
		"图":  ImageValue(&Image{PNG: []byte("\x89PNG fake"), Width: 10, Height: 5}),
		"无图": ImageValue(&Image{Note: "图表从略"}),
		"多行": TextValue("一\n二"),
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := WellFormed(out); err != nil {
		t.Fatal(err)
	}
	text, _ := DocumentText(out)
	want := "第一段<\n第二段\n部门\n新收\n民一庭\n12\n\n图表从略\n甲&乙一\n二"
	if text != want {
		t.Errorf("text\n%q\nwant\n%q", text, want)
	}
	if !strings.Contains(partOf(t, out, "word/_rels/document.xml.rels"), `Target="media/zhixiao_image1.png"`) ||
		!strings.Contains(partOf(t, out, "[Content_Types].xml"), `Extension="png"`) ||
		partOf(t, out, "word/media/zhixiao_image1.png") != "\x89PNG fake" {
		t.Error("image part, relationship or content type missing")
	}
	if n := strings.Count(partOf(t, out, "word/document.xml"), `<w:jc w:val="center"/></w:pPr>`); n < 2 {
		t.Errorf("each paragraph should keep the placeholder paragraph's properties, found %d", n)
	}
}

// normalised returns document.xml one element a line, for golden files.
func normalised(t *testing.T, docx []byte) string {
	t.Helper()
	if err := WellFormed(docx); err != nil {
		t.Fatal(err)
	}
	doc := partOf(t, docx, "word/document.xml")
	return strings.ReplaceAll(strings.ReplaceAll(doc, "><", ">\n<"), "\r", "") + "\n"
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("%s differs (-want +got):\n%s", name, diff)
	}
}

// TestDocumentsTextBoxAndHeader fills a placeholder in a header part and
// refuses a block placeholder inside a text box instead of writing a
// broken file.
func TestDocumentsTextBoxAndHeader(t *testing.T) {
	box := `<w:p><w:r><w:t>正文</w:t></w:r><w:r><w:pict><w:txbxContent><w:p><w:r><w:t>{{当事人}}</w:t></w:r></w:p></w:txbxContent></w:pict></w:r></w:p>`
	tp, err := ParseTemplate("文本框.docx", docxWith(t, box))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tp.Render(Fields{"当事人": ParasValue("原告：甲。", "被告：乙。")}); court.KindOf(err) != court.Invalid || !strings.Contains(court.Message(err), "文本框") {
		t.Errorf("block placeholder in a text box: %v", err)
	}
	b := docxWith(t, `<w:p><w:r><w:t>{{案号}}</w:t></w:r></w:p>`)
	b = withPart(t, b, "word/header1.xml", `<w:hdr xmlns:w="`+nsW+`"><w:p><w:r><w:t>{{法</w:t></w:r><w:r><w:t>院}}</w:t></w:r></w:p></w:hdr>`)
	tp, err = ParseTemplate("页眉.docx", b)
	if err != nil {
		t.Fatal(err)
	}
	out, err := tp.Render(Fields{"案号": TextValue("（2025）示01民初1号"), "法院": TextValue("示例市中级人民法院")})
	if err != nil {
		t.Fatal(err)
	}
	if h := partOf(t, out, "word/header1.xml"); !strings.Contains(h, "示例市中级人民法院") {
		t.Errorf("header not filled: %s", h)
	}
}

// withPart returns a DOCX with one more part.
func withPart(t *testing.T, docx []byte, name, content string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(docx), int64(len(docx)))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{name: content}
	for _, f := range zr.File {
		files[f.Name] = partOf(t, docx, f.Name)
	}
	return zipOf(t, files)
}
