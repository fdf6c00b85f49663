package documents

import (
	"archive/zip"
	"bytes"
	"strings"
)

// The paragraph styles of the default templates (styles.xml). Fonts are
// named, not shipped: 仿宋, 宋体 and 黑体 as the court's machines have them
// (方正小标宋 and 仿宋_GB2312 are proprietary; a court that owns them edits
// the template).
const (
	styleCourt   = "ZxCourt"   // 法院名称: 宋体 22 pt bold, centred
	styleTitle   = "ZxTitle"   // 文书名称: 宋体 26 pt bold, centred
	styleCaseNo  = "ZxCaseNo"  // 案号: 仿宋 16 pt, right
	styleBody    = "ZxBody"    // 正文: 仿宋 16 pt, first line indented two characters
	styleHeading = "ZxHeading" // 标题: 黑体 16 pt
	styleSign    = "ZxSign"    // 落款: 仿宋 16 pt, right
	stylePlain   = "ZxPlain"   // 仿宋 16 pt, no indent
	styleNote    = "ZxNote"    // 仿宋 12 pt, no indent
)

// block is one paragraph of a default template.
type block struct {
	style, text string
}

func p(style, text string) block { return block{style, text} }

// buildDocx writes a DOCX of A4 pages with the margins of GB/T 9704 and the
// styles above.
func buildDocx(blocks []block) []byte {
	var body strings.Builder
	for _, b := range blocks {
		body.WriteString(`<w:p><w:pPr><w:pStyle w:val="` + b.style + `"/></w:pPr>`)
		for i, line := range strings.Split(b.text, "\n") {
			if i > 0 {
				body.WriteString(`<w:r><w:br/></w:r>`)
			}
			if line != "" {
				body.WriteString(`<w:r><w:t xml:space="preserve">` + escape(line) + `</w:t></w:r>`)
			}
		}
		body.WriteString(`</w:p>`)
	}
	doc := xmlHeader + `<w:document xmlns:w="` + nsW + `" xmlns:r="` + nsR + `" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><w:body>` +
		body.String() +
		`<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1588" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr></w:body></w:document>`
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range []zipFile{
		{"[Content_Types].xml", []byte(contentTypes)},
		{"_rels/.rels", []byte(rootRels)},
		{"word/document.xml", []byte(doc)},
		{"word/styles.xml", []byte(stylesXML())},
		{"word/_rels/document.xml.rels", []byte(documentRels)},
	} {
		w, _ := zw.CreateHeader(&zip.FileHeader{Name: f.name, Method: zip.Deflate})
		w.Write(f.data) // writes to a bytes.Buffer do not fail
	}
	zw.Close()
	return buf.Bytes()
}

const (
	xmlHeader = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"
	nsW       = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	nsR       = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

	contentTypes = xmlHeader + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
		`<Default Extension="xml" ContentType="application/xml"/>` +
		`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>` +
		`<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>` +
		`</Types>`
	rootRels = xmlHeader + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
		`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>` +
		`</Relationships>`
	documentRels = xmlHeader + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
		`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
		`</Relationships>`
)

// stylesXML declares the default fonts (eastAsia 仿宋, Latin Times New
// Roman, 16 pt) and the paragraph styles.
func stylesXML() string {
	var b strings.Builder
	b.WriteString(xmlHeader + `<w:styles xmlns:w="` + nsW + `"><w:docDefaults><w:rPrDefault><w:rPr>` +
		`<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="仿宋" w:cs="Times New Roman"/>` +
		`<w:sz w:val="32"/><w:szCs w:val="32"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault>` +
		`<w:pPrDefault><w:pPr><w:spacing w:line="560" w:lineRule="exact"/></w:pPr></w:pPrDefault></w:docDefaults>` +
		`<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>`)
	style := func(id, name, ppr, rpr string) {
		b.WriteString(`<w:style w:type="paragraph" w:customStyle="1" w:styleId="` + id + `"><w:name w:val="` + name + `"/><w:basedOn w:val="Normal"/><w:qFormat/>` +
			`<w:pPr>` + ppr + `</w:pPr><w:rPr>` + rpr + `</w:rPr></w:style>`)
	}
	font := func(east string) string {
		return `<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="` + east + `"/>`
	}
	size := func(half string) string { return `<w:sz w:val="` + half + `"/><w:szCs w:val="` + half + `"/>` }
	style(styleCourt, "法院名称", `<w:jc w:val="center"/><w:spacing w:line="640" w:lineRule="exact"/>`, font("宋体")+`<w:b/>`+size("44"))
	style(styleTitle, "文书名称", `<w:jc w:val="center"/><w:spacing w:line="720" w:lineRule="exact" w:after="200"/>`, font("宋体")+`<w:b/>`+size("52"))
	style(styleCaseNo, "案号", `<w:jc w:val="right"/>`, font("仿宋")+size("32"))
	style(styleBody, "正文", `<w:ind w:firstLine="640"/><w:jc w:val="both"/>`, font("仿宋")+size("32"))
	style(styleHeading, "标题", `<w:ind w:firstLine="640"/><w:spacing w:before="120" w:after="60" w:line="560" w:lineRule="exact"/>`, font("黑体")+size("32"))
	style(styleSign, "落款", `<w:jc w:val="right"/><w:ind w:right="640"/>`, font("仿宋")+size("32"))
	style(stylePlain, "顶格", ``, font("仿宋")+size("32"))
	style(styleNote, "附注", `<w:spacing w:line="360" w:lineRule="auto"/>`, font("仿宋")+size("24"))
	b.WriteString(`</w:styles>`)
	return b.String()
}
