package supervision

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"path"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/zhixiao/zhixiao/internal/court"
)

// MaxAttachmentBytes is the default size limit of an attachment (佐证材料).
const MaxAttachmentBytes = 10 << 20

// fileType is an accepted type: the extensions it may carry and how its
// content starts.
type fileType struct {
	contentType string
	exts        []string
	magic       []byte
}

// acceptedTypes are the types an attachment may have, recognised by their
// content (the extension must agree): PDF, images, Office files and text.
var acceptedTypes = []fileType{
	{"application/pdf", []string{".pdf"}, []byte("%PDF-")},
	{"image/png", []string{".png"}, []byte("\x89PNG\r\n\x1a\n")},
	{"image/jpeg", []string{".jpg", ".jpeg"}, []byte("\xff\xd8\xff")},
	{"application/vnd.openxmlformats-officedocument.wordprocessingml.document", []string{".docx"}, []byte("PK\x03\x04")},
	{"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", []string{".xlsx"}, []byte("PK\x03\x04")},
	{"application/msword", []string{".doc"}, []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")},
	{"application/vnd.ms-excel", []string{".xls"}, []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")},
	{"application/vnd.ofd", []string{".ofd"}, []byte("PK\x03\x04")},
}

// Attachment is a checked file, ready to store.
type Attachment struct {
	Name        string // sanitised
	ContentType string
	SHA256      string // hex
	Data        []byte
}

// CheckAttachment checks an uploaded file: not empty, at most limit bytes,
// of an accepted type recognised from its content (PDF, PNG, JPEG, DOCX,
// XLSX, DOC, XLS, OFD, or UTF-8 text as .txt) whose extension agrees, and
// returns it with a sanitised name and its SHA-256.
func CheckAttachment(name string, data []byte, limit int64) (Attachment, error) {
	clean := SanitizeName(name)
	switch {
	case len(data) == 0:
		return Attachment{}, court.Errorf(court.Invalid, "附件“%s”为空文件", clean)
	case int64(len(data)) > limit:
		return Attachment{}, court.Errorf(court.Invalid, "附件“%s”大小 %.1f MB，超过上限 %.1f MB", clean, float64(len(data))/(1<<20), float64(limit)/(1<<20))
	}
	ct, ok := sniff(strings.ToLower(path.Ext(clean)), data)
	if !ok {
		return Attachment{}, court.Errorf(court.Invalid, "附件“%s”的类型不受支持或与扩展名不符：仅接受 PDF、PNG、JPEG、Word、Excel、OFD 文件和 UTF-8 文本（.txt）", clean)
	}
	sum := sha256.Sum256(data)
	return Attachment{Name: clean, ContentType: ct, SHA256: hex.EncodeToString(sum[:]), Data: data}, nil
}

// sniff returns the content type of data when its content is of an
// accepted type whose extensions include ext.
func sniff(ext string, data []byte) (string, bool) {
	if ext == ".txt" {
		head := data[:min(len(data), 8192)]
		return "text/plain; charset=utf-8", !bytes.ContainsRune(head, 0) && utf8.Valid(trimPartialRune(head))
	}
	for _, t := range acceptedTypes {
		for _, e := range t.exts {
			if e == ext && bytes.HasPrefix(data, t.magic) {
				return t.contentType, true
			}
		}
	}
	return "", false
}

// trimPartialRune drops an incomplete UTF-8 sequence at the end of b.
func trimPartialRune(b []byte) []byte {
	for i := 0; i < utf8.UTFMax && len(b) > 0; i++ {
		r, size := utf8.DecodeLastRune(b)
		if r != utf8.RuneError || size != 1 {
			return b
		}
		b = b[:len(b)-1]
	}
	return b
}

// SanitizeName makes a stored file name of an uploaded one: the last path
// element only (both / and \ separate), no control or reserved characters,
// no leading dots, at most 100 characters; "附件" when nothing is left.
// "../../etc/passwd" becomes "passwd".
func SanitizeName(name string) string {
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	name = strings.Map(func(r rune) rune {
		switch {
		case r == utf8.RuneError, unicode.IsControl(r), strings.ContainsRune(`<>:"|?*`, r):
			return -1
		case unicode.IsSpace(r):
			return ' '
		}
		return r
	}, name)
	name = strings.TrimLeft(strings.TrimSpace(name), ". ")
	if r := []rune(name); len(r) > 100 {
		ext := []rune(path.Ext(name))
		if len(ext) > 10 {
			ext = nil
		}
		name = string(r[:100-len(ext)]) + string(ext)
	}
	if name == "" {
		return "附件"
	}
	return name
}
