package documents

import (
	"archive/zip"
	"bytes"
	"fmt"
	"strconv"
	"strings"

	"github.com/zhixiao/zhixiao/internal/court"
)

// renderer fills one template.
type renderer struct {
	t      *Template
	f      Fields
	images []renderedImage
}

type renderedImage struct {
	rid, file string
	png       []byte
}

// part fills the placeholders of one XML part.
func (r *renderer) part(name, s string) (string, error) {
	var err error
	out := paraRe.ReplaceAllStringFunc(s, func(p string) string {
		if err != nil {
			return p
		}
		var res string
		res, err = r.paragraph(name, p)
		return res
	})
	return out, err
}

// paragraph fills one paragraph: a block value replaces the whole
// paragraph, inline values replace their placeholder's text.
func (r *renderer) paragraph(part, p string) (string, error) {
	text := plainText(p)
	if !strings.Contains(text, "{{") {
		return p, nil
	}
	trimmed := strings.TrimSpace(text)
	if m := placeholderRe.FindString(trimmed); m == trimmed {
		if v := r.f[placeholderName(m)]; v.block {
			return r.block(part, p, m, v)
		}
	}
	var err error
	out := textRe.ReplaceAllStringFunc(p, func(t string) string {
		return placeholderRe.ReplaceAllStringFunc(t, func(m string) string {
			v := r.f[placeholderName(m)]
			if v.block && err == nil {
				err = court.Errorf(court.Invalid, "模板 %s 中的占位符 %s 代表段落、表格或图片，须单独占一段", r.t.name, m)
			}
			return inlineText(v.Text)
		})
	})
	return out, err
}

// inlineText escapes text for a w:t and turns line breaks into w:br.
func inlineText(s string) string {
	lines := strings.Split(s, "\n")
	for i := range lines {
		lines[i] = escape(lines[i])
	}
	return strings.Join(lines, `</w:t><w:br/><w:t xml:space="preserve">`)
}

// block replaces a paragraph by the block value of its one placeholder.
func (r *renderer) block(part, p, m string, v Value) (string, error) {
	switch {
	case v.Table != nil:
		return tableXML(v.Table), nil
	case v.Image != nil:
		if part != "word/document.xml" {
			return "", court.Errorf(court.Invalid, "模板 %s：图片占位符 %s 只能用在正文中", r.t.name, m)
		}
		if v.Image.PNG == nil {
			return replaceInParagraph(p, m, v.Image.Note), nil
		}
		return r.imageParagraph(v.Image), nil
	}
	var b strings.Builder
	for _, s := range v.Paras {
		b.WriteString(replaceInParagraph(p, m, s))
	}
	return b.String(), nil
}

// replaceInParagraph copies a paragraph with its placeholder m replaced by s.
func replaceInParagraph(p, m, s string) string {
	return textRe.ReplaceAllStringFunc(p, func(t string) string {
		return strings.ReplaceAll(t, m, inlineText(s))
	})
}

// emuPerCM is the number of English Metric Units in a centimetre.
const emuPerCM = 360000

func (r *renderer) imageParagraph(img *Image) string {
	n := len(r.images) + 1
	ri := renderedImage{rid: "rIdZxImg" + strconv.Itoa(n), file: "media/zhixiao_image" + strconv.Itoa(n) + ".png", png: img.PNG}
	r.images = append(r.images, ri)
	cx, cy := int(img.Width*emuPerCM), int(img.Height*emuPerCM)
	// An exact line height (the body text's) would clip the picture.
	return `<w:p><w:pPr><w:spacing w:before="120" w:after="120" w:line="240" w:lineRule="auto"/><w:ind w:firstLine="0"/><w:jc w:val="center"/></w:pPr><w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing">` +
		fmt.Sprintf(`<wp:extent cx="%d" cy="%d"/><wp:docPr id="%d" name="图%d"/>`, cx, cy, 1000+n, n) +
		`<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">` +
		`<pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture">` +
		fmt.Sprintf(`<pic:nvPicPr><pic:cNvPr id="%d" name="zhixiao_image%d.png"/><pic:cNvPicPr/></pic:nvPicPr>`, 1000+n, n) +
		`<pic:blipFill><a:blip r:embed="` + ri.rid + `" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>` +
		fmt.Sprintf(`<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="%d" cy="%d"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr>`, cx, cy) +
		`</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>`
}

// tableXML writes a bordered table, the header row bold and repeated on
// every page, text in 10.5 pt; the first column (names) is twice as wide.
func tableXML(t *Table) string {
	cols := len(t.Header)
	if cols == 0 {
		return `<w:p/>`
	}
	const total = 9000 // twips across the text area of an A4 page
	widths := make([]int, cols)
	for i := range widths {
		widths[i] = total / (cols + 1)
	}
	widths[0] = total - (cols-1)*widths[1%cols]
	if cols == 1 {
		widths[0] = total
	}
	var b strings.Builder
	b.WriteString(`<w:tbl><w:tblPr><w:tblW w:w="` + strconv.Itoa(total) + `" w:type="dxa"/><w:jc w:val="center"/><w:tblBorders>`)
	for _, side := range []string{"top", "left", "bottom", "right", "insideH", "insideV"} {
		b.WriteString(`<w:` + side + ` w:val="single" w:sz="4" w:space="0" w:color="000000"/>`)
	}
	b.WriteString(`</w:tblBorders><w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>`)
	for _, w := range widths {
		b.WriteString(`<w:gridCol w:w="` + strconv.Itoa(w) + `"/>`)
	}
	b.WriteString(`</w:tblGrid>`)
	writeRow(&b, t.Header, widths, true)
	for _, row := range t.Rows {
		cells := make([]string, cols)
		copy(cells, row)
		writeRow(&b, cells, widths, false)
	}
	b.WriteString(`</w:tbl><w:p/>`)
	return b.String()
}

func writeRow(b *strings.Builder, cells []string, widths []int, header bool) {
	b.WriteString(`<w:tr>`)
	if header {
		b.WriteString(`<w:trPr><w:tblHeader/></w:trPr>`)
	}
	rpr := `<w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="宋体"/><w:sz w:val="21"/><w:szCs w:val="21"/></w:rPr>`
	if header {
		rpr = `<w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="黑体"/><w:b/><w:sz w:val="21"/><w:szCs w:val="21"/></w:rPr>`
	}
	for i, c := range cells {
		b.WriteString(`<w:tc><w:tcPr><w:tcW w:w="` + strconv.Itoa(widths[i]) + `" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>`)
		b.WriteString(`<w:p><w:pPr><w:spacing w:line="300" w:lineRule="auto" w:before="0" w:after="0"/><w:ind w:firstLine="0"/><w:jc w:val="center"/></w:pPr>`)
		b.WriteString(`<w:r>` + rpr + `<w:t xml:space="preserve">` + escape(c) + `</w:t></w:r></w:p></w:tc>`)
	}
	b.WriteString(`</w:tr>`)
}

// zip writes the DOCX: the filled parts, the images with their
// relationships, PNG declared in the content types.
func (r *renderer) zip(parts map[string]string) ([]byte, error) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	write := func(name string, data []byte) error {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate})
		if err != nil {
			return err
		}
		_, err = w.Write(data)
		return err
	}
	for _, f := range r.t.files {
		data := f.data
		if s, ok := parts[f.name]; ok {
			data = []byte(s)
		}
		if len(r.images) > 0 {
			data = r.patch(f.name, data)
		}
		if err := write(f.name, data); err != nil {
			return nil, err
		}
	}
	for _, img := range r.images {
		if err := write("word/"+img.file, img.png); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// patch adds the images to the document's relationships and PNG to the
// content types.
func (r *renderer) patch(name string, data []byte) []byte {
	s := string(data)
	switch name {
	case "word/_rels/document.xml.rels":
		var b strings.Builder
		for _, img := range r.images {
			b.WriteString(`<Relationship Id="` + img.rid + `" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="` + img.file + `"/>`)
		}
		s = strings.Replace(s, "</Relationships>", b.String()+"</Relationships>", 1)
	case "[Content_Types].xml":
		if !strings.Contains(strings.ToLower(s), `extension="png"`) {
			s = strings.Replace(s, "<Default ", `<Default Extension="png" ContentType="image/png"/><Default `, 1)
		}
	}
	return []byte(s)
}
