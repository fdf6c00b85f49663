package web

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"net/http"
	"net/url"
	"strconv"
)

// The one-time notice as a Word document (DOCX): the receipt and the
// checklist, in 宋体, for courts that print from Word or keep the file.

const petitionDocxTypes = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`

const petitionDocxRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`

// petitionDocxPara is one paragraph: its text, centred and bold for a heading.
type petitionDocxPara struct {
	text    string
	heading bool
}

// petitionDocxBody writes the paragraphs as the body of word/document.xml.
func petitionDocxBody(ps []petitionDocxPara) []byte {
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
		`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>`)
	for _, p := range ps {
		b.WriteString("<w:p>")
		size := "24"
		if p.heading {
			b.WriteString(`<w:pPr><w:jc w:val="center"/></w:pPr>`)
			size = "36"
		}
		b.WriteString(`<w:r><w:rPr><w:rFonts w:ascii="宋体" w:hAnsi="宋体" w:eastAsia="宋体"/>`)
		if p.heading {
			b.WriteString("<w:b/>")
		}
		b.WriteString(`<w:sz w:val="` + size + `"/></w:rPr><w:t xml:space="preserve">`)
		xml.EscapeText(&b, []byte(p.text))
		b.WriteString("</w:t></w:r></w:p>")
	}
	b.WriteString(`<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440"/></w:sectPr></w:body></w:document>`)
	return b.Bytes()
}

// petitionNoticeDocxFile is the receipt and the one-time notice of a request as a DOCX file.
func petitionNoticeDocxFile(page petitionNoticePage) ([]byte, error) {
	p := page.P
	ps := []petitionDocxPara{{"群众诉求受理回执", true},
		{"编号：" + p.No + "　受理日期：" + p.ReceivedOn.String() + "　诉求人：" + p.Citizen.Name, false},
		{"事由：" + p.Subject, false},
		{"我们将于 " + page.Due.Feedback.String() + " 前答复您，于 " + page.Due.Close.String() + " 前办结。查询码已于登记时告知。", false}}
	if c := page.Checklist; c != nil {
		ps = append(ps, petitionDocxPara{"", false}, petitionDocxPara{c.Title, true},
			petitionDocxPara{"您好！根据一次性告知制度，办理“" + c.Matter + "”事项，请一次备齐以下材料或完成以下事项：", false})
		for i, it := range c.Items {
			ps = append(ps, petitionDocxPara{strconv.Itoa(i+1) + "、" + it, false})
		}
		ps = append(ps, petitionDocxPara{c.Note, false}, petitionDocxPara{"告知人：____________　　被告知人签收：____________", false})
	}
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	for _, f := range []struct {
		name string
		body []byte
	}{{"[Content_Types].xml", []byte(petitionDocxTypes)}, {"_rels/.rels", []byte(petitionDocxRels)}, {"word/document.xml", petitionDocxBody(ps)}} {
		w, err := z.Create(f.name)
		if err != nil {
			return nil, err
		}
		if _, err := w.Write(f.body); err != nil {
			return nil, err
		}
	}
	err := z.Close()
	return buf.Bytes(), err
}

// petitionNoticeDocx is GET /petitions/{id}/notice.docx.
func (s *Server) petitionNoticeDocx(w http.ResponseWriter, r *http.Request, v *visitor) error {
	page, err := s.petitionNoticeData(r, v)
	if err != nil {
		return err
	}
	body, err := petitionNoticeDocxFile(page)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
	w.Header().Set("Content-Disposition", "attachment; filename*=UTF-8''"+url.PathEscape("一次性告知书-"+page.P.No+".docx"))
	_, err = w.Write(body)
	return err
}
