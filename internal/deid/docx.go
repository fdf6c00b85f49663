package deid

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"path"
	"sort"
	"strings"

	"github.com/zhixiao/zhixiao/internal/court"
)

// MaxInput is the largest file accepted (20 MB); a part of a DOCX may not
// unpack to more than MaxPart.
const (
	MaxInput = 20 << 20
	MaxPart  = 100 << 20
)

const wordNS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

// textPart reports whether a DOCX part holds text to de-identify: the body,
// headers, footers, notes and comments, and the document's properties.
func textPart(name string) bool {
	if name == "docProps/core.xml" {
		return true
	}
	if !strings.HasPrefix(name, "word/") || path.Ext(name) != ".xml" || strings.Contains(name[5:], "/") {
		return false
	}
	base := strings.TrimSuffix(path.Base(name), ".xml")
	for _, p := range []string{"document", "header", "footer", "footnotes", "endnotes", "comments"} {
		if strings.HasPrefix(base, p) {
			return true
		}
	}
	return false
}

// part is a text part of a DOCX, its bytes and its segments.
type part struct {
	file *zip.File
	data []byte
	segs []segment
}

// segment is one text element of a part (a w:t run text, w:delText, or a
// property such as dc:title): where its content lies in the part's bytes and
// in the document's plain text.
type segment struct {
	start, end int // the element's content in the part's bytes
	tagStart   int // the start tag, to add xml:space="preserve"
	tagEnd     int
	textAt     int // where its text begins in the plain text
	text       string
	out        string
	changed    bool
}

// DOCX de-identifies a Word document: the text of every paragraph (Word's
// runs joined, so that a name split over runs is found) in the body,
// headers, footers, notes, comments and the title properties. Everything
// else in the file is copied byte for byte. The Result's text is the
// document's plain text, paragraphs on lines of their own, and the offsets
// of its changes count characters in it.
func DOCX(data []byte, name string, opt Options) ([]byte, Result, error) {
	if len(data) > MaxInput {
		return nil, Result{}, court.Errorf(court.Invalid, "文件“%s”超过 %d MB，不能处理", name, MaxInput>>20)
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, Result{}, court.Errorf(court.Invalid, "文件“%s”不是有效的 DOCX 文件（无法作为 zip 读取）", name)
	}
	parts, err := readParts(zr, name)
	if err != nil {
		return nil, Result{}, err
	}
	var plain strings.Builder
	for _, p := range parts {
		if p.segs, err = segments(p.data, &plain); err != nil {
			return nil, Result{}, court.Errorf(court.Invalid, "文件“%s”已损坏：%s 不是有效的 XML（%v）", name, p.file.Name, err)
		}
	}
	text := plain.String()
	if strings.TrimSpace(text) == "" {
		return nil, Result{}, court.Errorf(court.Invalid, "文件“%s”没有文字内容", name)
	}
	res, spans := run(text, opt)
	for _, p := range parts {
		rewrite(text, spans, p.segs)
	}
	out, err := writeDOCX(zr, parts)
	if err != nil {
		return nil, Result{}, err
	}
	return out, res, nil
}

// readParts reads the text parts, the body first.
func readParts(zr *zip.Reader, name string) ([]*part, error) {
	var parts []*part
	hasBody := false
	for _, f := range zr.File {
		if !textPart(f.Name) {
			continue
		}
		b, err := readPart(f)
		if err != nil {
			return nil, court.Errorf(court.Invalid, "文件“%s”已损坏：%s 无法读取（%v）", name, f.Name, err)
		}
		hasBody = hasBody || f.Name == "word/document.xml"
		parts = append(parts, &part{file: f, data: b})
	}
	if !hasBody {
		return nil, court.Errorf(court.Invalid, "文件“%s”不是 Word 文档：缺少 word/document.xml", name)
	}
	sort.SliceStable(parts, func(i, j int) bool {
		return parts[i].file.Name == "word/document.xml" && parts[j].file.Name != "word/document.xml"
	})
	return parts, nil
}

func readPart(f *zip.File) ([]byte, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	b, err := io.ReadAll(io.LimitReader(rc, MaxPart+1))
	if err != nil {
		return nil, err
	}
	if len(b) > MaxPart {
		return nil, errors.New("解压后过大")
	}
	return b, nil
}

// segments reads the text elements of a part and appends their text to
// plain: paragraphs end with a line break, tabs and breaks become \t and \n.
// It reads raw tokens (fast) and knows the WordprocessingML elements by the
// prefixes the part binds to their namespace.
func segments(b []byte, plain *strings.Builder) ([]segment, error) {
	dec := xml.NewDecoder(bytes.NewReader(b))
	word := map[string]bool{}
	var segs []segment
	cur := -1
	depth := 0
	for {
		before := dec.InputOffset()
		tok, err := dec.RawToken()
		if err == io.EOF {
			if depth != 0 {
				return nil, errors.New("元素没有闭合")
			}
			return segs, nil
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			if startSegment(t, word, plain) {
				after := int(dec.InputOffset())
				segs = append(segs, segment{start: after, end: after, tagStart: int(before), tagEnd: after, textAt: plain.Len()})
				cur = len(segs) - 1
			}
		case xml.CharData:
			if cur >= 0 {
				s := &segs[cur]
				if s.text == "" {
					s.start = int(before)
				}
				s.text += string(t)
				s.end = int(dec.InputOffset())
				plain.Write(t)
			}
		case xml.EndElement:
			depth--
			if depth < 0 {
				return nil, errors.New("多余的结束标签")
			}
			if cur >= 0 {
				cur = -1
				if !word[t.Name.Space] {
					plain.WriteByte('\n')
				}
			}
			if word[t.Name.Space] && t.Name.Local == "p" {
				plain.WriteByte('\n')
			}
		}
	}
}

// startSegment notes the namespace prefixes of t, writes a tab or a break
// to plain, and reports whether t holds text: w:t, w:delText, or a title
// property.
func startSegment(t xml.StartElement, word map[string]bool, plain *strings.Builder) bool {
	for _, a := range t.Attr {
		if a.Value == wordNS && a.Name.Space == "xmlns" {
			word[a.Name.Local] = true
		} else if a.Value == wordNS && a.Name.Space == "" && a.Name.Local == "xmlns" {
			word[""] = true
		}
	}
	inWord := word[t.Name.Space]
	switch {
	case inWord && (t.Name.Local == "t" || t.Name.Local == "delText"), !inWord && corePropText(t.Name.Local):
		return true
	case inWord && t.Name.Local == "tab":
		plain.WriteByte('\t')
	case inWord && (t.Name.Local == "br" || t.Name.Local == "cr"):
		plain.WriteByte('\n')
	}
	return false
}

func corePropText(local string) bool {
	return local == "title" || local == "subject" || local == "description" || local == "keywords"
}

// rewrite gives each segment its new text: a change that spans segments
// (a name split over runs) puts its replacement in the first and removes
// the rest of the original from the others.
func rewrite(text string, spans []span, segs []segment) {
	k := 0
	for i := range segs {
		s := &segs[i]
		from, to := s.textAt, s.textAt+len(s.text)
		for k < len(spans) && spans[k].end <= from {
			k++
		}
		var b strings.Builder
		at := from
		for j := k; j < len(spans) && spans[j].start < to; j++ {
			sp := spans[j]
			if sp.start > at {
				b.WriteString(text[at:sp.start])
			}
			if sp.start >= from || (i == 0 || segs[i-1].textAt+len(segs[i-1].text) <= sp.start) {
				b.WriteString(sp.repl)
			}
			at = min(sp.end, to)
			s.changed = true
		}
		if s.changed {
			b.WriteString(text[at:to])
			s.out = b.String()
		}
	}
}

// writeDOCX copies the archive, each unchanged file byte for byte, each
// changed part with its new text.
func writeDOCX(zr *zip.Reader, parts []*part) ([]byte, error) {
	changed := map[string][]byte{}
	for _, p := range parts {
		if b, ok := patch(p); ok {
			changed[p.file.Name] = b
		}
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		if b, ok := changed[f.Name]; ok {
			w, err := zw.CreateHeader(&zip.FileHeader{Name: f.Name, Method: zip.Deflate, Modified: f.Modified})
			if err != nil {
				return nil, err
			}
			if _, err := w.Write(b); err != nil {
				return nil, err
			}
			continue
		}
		if err := copyRaw(zw, f); err != nil {
			return nil, court.Errorf(court.Invalid, "DOCX 中的 %s 无法复制（%v）", f.Name, err)
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func copyRaw(zw *zip.Writer, f *zip.File) error {
	r, err := f.OpenRaw()
	if err != nil {
		return err
	}
	h := f.FileHeader
	w, err := zw.CreateRaw(&h)
	if err != nil {
		return err
	}
	_, err = io.Copy(w, r)
	return err
}

// patch writes a part's changed segments into its bytes.
func patch(p *part) ([]byte, bool) {
	var b bytes.Buffer
	at := 0
	any := false
	for _, s := range p.segs {
		if !s.changed {
			continue
		}
		any = true
		tag := p.data[s.tagStart:s.tagEnd]
		b.Write(p.data[at:s.tagStart])
		if needsPreserve(s.out) && !bytes.Contains(tag, []byte("xml:space")) && bytes.HasSuffix(tag, []byte(">")) && !bytes.HasSuffix(tag, []byte("/>")) {
			b.Write(tag[:len(tag)-1])
			b.WriteString(` xml:space="preserve">`)
		} else {
			b.Write(tag)
		}
		b.Write(p.data[s.tagEnd:s.start])
		xml.EscapeText(&b, []byte(s.out))
		at = s.end
	}
	if !any {
		return nil, false
	}
	b.Write(p.data[at:])
	return b.Bytes(), true
}

func needsPreserve(s string) bool {
	return s != strings.TrimSpace(s)
}
