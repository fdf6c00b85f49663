package deid

import (
	"archive/zip"
	"bytes"
	"io"
	"strings"
	"testing"
)

// makeDOCX builds a small Word document: each paragraph is a list of runs.
func makeDOCX(t testing.TB, paragraphs [][]string, extra map[string]string) []byte {
	t.Helper()
	var body strings.Builder
	for _, p := range paragraphs {
		body.WriteString(`<w:p><w:pPr><w:jc w:val="both"/></w:pPr>`)
		for i, r := range p {
			if i%2 == 1 {
				body.WriteString(`<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">` + r + `</w:t></w:r>`)
			} else {
				body.WriteString(`<w:r><w:t>` + r + `</w:t></w:r>`)
			}
		}
		body.WriteString(`</w:p>`)
	}
	files := map[string]string{
		"[Content_Types].xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>`,
		"word/document.xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
			`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>` +
			body.String() + `<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>`,
		"word/media/image1.png": "\x89PNG\r\n\x1a\n not really a picture 13912345678",
		"docProps/core.xml":     `<?xml version="1.0"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>张小红与王大伟离婚纠纷</dc:title><dc:creator>书记员</dc:creator></cp:coreProperties>`,
	}
	for k, v := range extra {
		files[k] = v
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range []string{"[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/media/image1.png", "docProps/core.xml", "word/header1.xml"} {
		content, ok := files[name]
		if !ok {
			continue
		}
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, content)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func zipFiles(t *testing.T, data []byte) map[string]string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("output is not a zip: %v", err)
	}
	out := map[string]string{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(rc)
		rc.Close()
		out[f.Name] = string(b)
	}
	return out
}

func TestDeidDOCX(t *testing.T) {
	in := makeDOCX(t, [][]string{
		{"北京市朝阳区人民法院"},
		{"民事判决书"},
		{"（2024）京0105民初12345号"},
		{"原告：", "张", "小红", "，女，汉族，住北京市朝阳区建国路88号，电话139", "12345678", "。"},
		{"被告：王大伟，男，汉族，住北京市海淀区。"},
		{"原告张小", "红与被告", "王大伟离婚纠纷一案，", "A &amp; B", " 审理终结。"},
		{"审判员　李晓杰"},
	}, map[string]string{"word/header1.xml": `<w:hdr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p><w:r><w:t>张小红离婚案</w:t></w:r></w:p></w:hdr>`})
	out, res, err := DOCX(in, "判决书.docx", Options{})
	if err != nil {
		t.Fatal(err)
	}
	files := zipFiles(t, out)
	before := zipFiles(t, in)
	doc := files["word/document.xml"]
	for _, s := range []string{`<w:t xml:space="preserve">张某</w:t>`, "<w:t>王某离婚纠纷一案，</w:t>", "A &amp; B", `<w:jc w:val="both"/>`, "审判员　李晓杰", `<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr>`} {
		if !strings.Contains(doc, s) {
			t.Errorf("document.xml lacks %q:\n%s", s, doc)
		}
	}
	for _, s := range []string{"小红", "王大伟", "建国路", "12345678"} {
		if strings.Contains(doc, s) {
			t.Errorf("document.xml still has %q", s)
		}
	}
	if !strings.Contains(files["word/header1.xml"], "张某离婚案") {
		t.Errorf("header not de-identified: %s", files["word/header1.xml"])
	}
	if !strings.Contains(files["docProps/core.xml"], "<dc:title>张某与王某离婚纠纷</dc:title>") {
		t.Errorf("title not de-identified: %s", files["docProps/core.xml"])
	}
	if files["word/media/image1.png"] != before["word/media/image1.png"] || files["[Content_Types].xml"] != before["[Content_Types].xml"] {
		t.Error("a file that holds no text was changed")
	}
	if !strings.Contains(res.Text, "原告：张某，女") || res.Counts()[TypeName] < 4 || res.Counts()[TypePhone] != 1 {
		t.Errorf("result: %q %v", res.Text, res.Counts())
	}
	again, _, err := DOCX(out, "again.docx", Options{})
	if err != nil || !strings.Contains(zipFiles(t, again)["word/document.xml"], `<w:t xml:space="preserve">张某</w:t>`) {
		t.Errorf("the output does not read again: %v", err)
	}
}

func TestDeidDOCXBad(t *testing.T) {
	good := makeDOCX(t, [][]string{{"原告：张小红，女。"}}, nil)
	noBody := func() []byte {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		w, _ := zw.Create("word/styles.xml")
		io.WriteString(w, "<x/>")
		zw.Close()
		return buf.Bytes()
	}()
	badXML := makeDOCX(t, nil, map[string]string{"word/document.xml": "<w:document><w:body><w:p>"})
	empty := makeDOCX(t, [][]string{{" "}}, map[string]string{"docProps/core.xml": "<x/>"})
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"truncated", good[:len(good)/2], "不是有效的 DOCX"},
		{"no body", noBody, "缺少 word/document.xml"},
		{"bad xml", badXML, "不是有效的 XML"},
		{"no text", empty, "没有文字内容"},
	}
	for _, tc := range tests {
		_, _, err := DOCX(tc.data, tc.name+".docx", Options{})
		if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), tc.name+".docx") {
			t.Errorf("%s: err = %v, want %q with the file's name", tc.name, err, tc.want)
		}
	}
}
