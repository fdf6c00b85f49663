package documents

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"

	"github.com/zhixiao/zhixiao/internal/court"
)

// Value is what a placeholder becomes: inline text (Text, where "\n" breaks
// the line), or a block that replaces the placeholder's whole paragraph:
// paragraphs (Paras, each a copy of the placeholder's paragraph), a table or
// an image. Exactly one of them is meant to be set; an empty Value is "".
type Value struct {
	Text  string
	Paras []string
	Table *Table
	Image *Image
	block bool
}

// TextValue is an inline value.
func TextValue(s string) Value { return Value{Text: s} }

// ParasValue is a block of paragraphs; none removes the paragraph.
func ParasValue(ps ...string) Value { return Value{Paras: ps, block: true} }

// TableValue is a table block.
func TableValue(t *Table) Value { return Value{Table: t, block: true} }

// ImageValue is a picture block; a nil PNG writes Note instead.
func ImageValue(img *Image) Value { return Value{Image: img, block: true} }

// Table is a table of text cells; the first row is the header.
type Table struct {
	Header []string
	Rows   [][]string
}

// Image is a PNG picture, its size on the page in centimetres, and the
// note written in its place when PNG is nil.
type Image struct {
	PNG           []byte
	Width, Height float64
	Note          string
}

// Fields are the values of a document's placeholders by name.
type Fields map[string]Value

// Template is a DOCX file whose text holds placeholders {{名称}}. Word
// often splits a placeholder over several runs; ParseTemplate merges them,
// so a template edited in an office suite works like one built by code.
type Template struct {
	name  string
	files []zipFile
	parts map[string]string // the XML parts that may hold placeholders, runs merged
	names []string          // the placeholders, in order of first appearance
}

type zipFile struct {
	name string
	data []byte
}

var (
	paraRe        = regexp.MustCompile(`(?s)<w:p(?:\s[^>]*[^/>])?>.*?</w:p>`)
	runRe         = regexp.MustCompile(`(?s)<w:r(?:\s[^>]*[^/>])?>.*?</w:r>`)
	textRe        = regexp.MustCompile(`(?s)<w:t(?:\s[^>]*[^/>])?>(.*?)</w:t>|<w:t(?:\s[^>]*)?/>`)
	placeholderRe = regexp.MustCompile(`\{\{[^{}]*\}\}`)
)

// isPart reports whether a zip entry is a part that may hold placeholders.
func isPart(name string) bool {
	if name == "word/document.xml" {
		return true
	}
	return strings.HasPrefix(name, "word/") && strings.HasSuffix(name, ".xml") &&
		(strings.HasPrefix(name, "word/header") || strings.HasPrefix(name, "word/footer"))
}

// ParseTemplate reads a DOCX template; name is how errors call it (a file
// name or 模板 title). A file that is not a DOCX is an Invalid error.
func ParseTemplate(name string, b []byte) (*Template, error) {
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return nil, court.Errorf(court.Invalid, "模板 %s 不是有效的 DOCX 文件（无法解压：%v）", name, err)
	}
	t := &Template{name: name, parts: map[string]string{}}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			return nil, court.Errorf(court.Invalid, "模板 %s 已损坏：无法读取其中的 %s", name, f.Name)
		}
		data, err := io.ReadAll(io.LimitReader(rc, 64<<20))
		rc.Close()
		if err != nil {
			return nil, court.Errorf(court.Invalid, "模板 %s 已损坏：无法读取其中的 %s", name, f.Name)
		}
		t.files = append(t.files, zipFile{f.Name, data})
		if isPart(f.Name) {
			if err := wellFormed(data); err != nil {
				return nil, court.Errorf(court.Invalid, "模板 %s 已损坏：%s 不是有效的 XML（%v）", name, f.Name, err)
			}
			t.parts[f.Name] = mergeRuns(string(data))
		}
	}
	if _, ok := t.parts["word/document.xml"]; !ok {
		return nil, court.Errorf(court.Invalid, "模板 %s 不是有效的 DOCX 文件：缺少 word/document.xml", name)
	}
	t.collectNames()
	return t, nil
}

func (t *Template) collectNames() {
	for _, p := range t.partNames() {
		for _, m := range placeholderRe.FindAllString(plainText(t.parts[p]), -1) {
			if n := placeholderName(m); !slices.Contains(t.names, n) {
				t.names = append(t.names, n)
			}
		}
	}
}

// partNames returns the names of the parts in a fixed order.
func (t *Template) partNames() []string {
	var ns []string
	for _, f := range t.files {
		if _, ok := t.parts[f.name]; ok {
			ns = append(ns, f.name)
		}
	}
	return ns
}

// Placeholders returns the placeholder names the template uses.
func (t *Template) Placeholders() []string { return slices.Clone(t.names) }

// Check reports the placeholders that are not among known, in one Invalid
// error that names them and lists the known ones.
func (t *Template) Check(known []string) error {
	var bad []string
	for _, n := range t.names {
		if !slices.Contains(known, n) {
			bad = append(bad, "{{"+n+"}}")
		}
	}
	if len(bad) == 0 {
		return nil
	}
	return court.Errorf(court.Invalid, "模板 %s 中有未知的占位符：%s。可用的占位符：%s", t.name, strings.Join(bad, "、"), braceList(known))
}

func braceList(names []string) string {
	var b strings.Builder
	for i, n := range names {
		if i > 0 {
			b.WriteString("、")
		}
		b.WriteString("{{" + n + "}}")
	}
	return b.String()
}

func placeholderName(m string) string { return strings.TrimSpace(m[2 : len(m)-2]) }

// Render fills the placeholders and returns the DOCX. A placeholder without
// a value, or a block value placed inside a line of text, is an Invalid
// error naming it.
func (t *Template) Render(f Fields) ([]byte, error) {
	if err := t.Check(fieldNames(f)); err != nil {
		return nil, err
	}
	r := &renderer{t: t, f: f}
	out := map[string]string{}
	for name, xmlText := range t.parts {
		s, err := r.part(name, xmlText)
		if err != nil {
			return nil, err
		}
		if err := wellFormed([]byte(s)); err != nil {
			// A block placeholder inside a text box (paragraphs within a
			// paragraph) is beyond what the template language handles.
			return nil, court.Errorf(court.Invalid, "模板 %s 的 %s 填写后不是有效的 XML：表格、段落或图片占位符不能放在文本框或域代码中（%v）", t.name, name, err)
		}
		out[name] = s
	}
	return r.zip(out)
}

func fieldNames(f Fields) []string {
	ns := make([]string, 0, len(f))
	for n := range f {
		ns = append(ns, n)
	}
	slices.Sort(ns)
	return ns
}

// wellFormed checks that b parses as XML.
func wellFormed(b []byte) error {
	d := xml.NewDecoder(bytes.NewReader(b))
	for {
		_, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// WellFormed checks that every XML part of a DOCX parses, for tests and
// for checking uploads.
func WellFormed(docx []byte) error {
	zr, err := zip.NewReader(bytes.NewReader(docx), int64(len(docx)))
	if err != nil {
		return err
	}
	for _, f := range zr.File {
		if !strings.HasSuffix(f.Name, ".xml") && !strings.HasSuffix(f.Name, ".rels") {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return err
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return err
		}
		if err := wellFormed(b); err != nil {
			return fmt.Errorf("%s: %w", f.Name, err)
		}
	}
	return nil
}

// DocumentText returns the text of a DOCX's body, one line per paragraph
// (table cells as paragraphs), for tests and previews.
func DocumentText(docx []byte) (string, error) {
	zr, err := zip.NewReader(bytes.NewReader(docx), int64(len(docx)))
	if err != nil {
		return "", court.Errorf(court.Invalid, "不是有效的 DOCX 文件")
	}
	for _, f := range zr.File {
		if f.Name != "word/document.xml" {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return "", err
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return "", err
		}
		var lines []string
		for _, p := range paraRe.FindAllString(string(b), -1) {
			lines = append(lines, plainText(strings.ReplaceAll(p, "<w:br/>", "<w:t>\n</w:t>")))
		}
		return strings.Join(lines, "\n"), nil
	}
	return "", court.Errorf(court.Invalid, "DOCX 文件缺少 word/document.xml")
}

// plainText concatenates the text of every w:t element of an XML fragment.
func plainText(fragment string) string {
	var b strings.Builder
	for _, m := range textRe.FindAllStringSubmatch(fragment, -1) {
		b.WriteString(unescape(m[1]))
	}
	return b.String()
}

func unescape(s string) string {
	if !strings.Contains(s, "&") {
		return s
	}
	return strings.NewReplacer("&lt;", "<", "&gt;", ">", "&quot;", `"`, "&apos;", "'", "&amp;", "&").Replace(s)
}

func escape(s string) string {
	var b bytes.Buffer
	xml.EscapeText(&b, []byte(s))
	return strings.ReplaceAll(b.String(), "&#xA;", "\n")
}
