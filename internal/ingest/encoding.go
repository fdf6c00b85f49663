package ingest

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// The text encodings a CSV file may be in, as Source.Encoding names them.
const (
	EncodingUTF8    = "UTF-8"
	EncodingUTF8BOM = "UTF-8 (BOM)"
	EncodingGB18030 = "GB18030"
	EncodingXLSX    = "XLSX"
)

var (
	bomUTF8    = []byte{0xEF, 0xBB, 0xBF}
	bomUTF16LE = []byte{0xFF, 0xFE}
	bomUTF16BE = []byte{0xFE, 0xFF}
)

// gbReplacement is U+FFFD written in GB18030: the one sequence after which a
// U+FFFD in the decoded text is not a decoding failure.
var gbReplacement = []byte{0x84, 0x31, 0xA4, 0x37}

// detectEncoding names the encoding of a CSV sample, or "" when the sample is
// not text. partial says the sample stops before the end of the file, so
// that its last character may be cut.
func detectEncoding(sample []byte, partial bool) string {
	if bytes.HasPrefix(sample, bomUTF8) {
		return EncodingUTF8BOM
	}
	if looksBinary(sample) {
		return ""
	}
	if validUTF8Prefix(sample, partial) {
		return EncodingUTF8
	}
	if validGB18030(sample, partial) {
		return EncodingGB18030
	}
	return ""
}

// looksBinary reports NUL bytes, or control characters in more than 1% of the sample.
func looksBinary(b []byte) bool {
	if bytes.IndexByte(b, 0) >= 0 {
		return true
	}
	ctl := 0
	for _, c := range b {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' {
			ctl++
		}
	}
	return ctl*100 > len(b)
}

// validUTF8Prefix is utf8.Valid, allowing a character cut at the end of a partial sample.
func validUTF8Prefix(b []byte, partial bool) bool {
	if partial {
		for i := 1; i < utf8.UTFMax && i <= len(b); i++ {
			if utf8.RuneStart(b[len(b)-i]) {
				if !utf8.FullRune(b[len(b)-i:]) {
					b = b[:len(b)-i]
				}
				break
			}
		}
	}
	return utf8.Valid(b)
}

// validGB18030 checks the byte structure of GB18030 (one, two or four bytes a
// character; 0x80 is the euro sign of code page 936), allowing a character cut
// at the end of a partial sample.
func validGB18030(b []byte, partial bool) bool {
	for i := 0; i < len(b); {
		n := gbCharLen(b[i:])
		switch {
		case n > 0:
			i += n
		case n < 0 && partial:
			return true
		default:
			return false
		}
	}
	return true
}

// gbCharLen is the length of the GB18030 character that starts b, 0 when b
// does not start with one, -1 when b ends in the middle of one.
func gbCharLen(b []byte) int {
	c := b[0]
	switch {
	case c <= 0x80:
		return 1
	case c == 0xFF:
		return 0
	case len(b) < 2:
		return -1
	}
	switch c1 := b[1]; {
	case c1 >= 0x40 && c1 <= 0x7E || c1 >= 0x80 && c1 <= 0xFE:
		return 2
	case c1 < 0x30 || c1 > 0x39:
		return 0
	case len(b) < 4:
		return -1
	case b[2] >= 0x81 && b[2] <= 0xFE && b[3] >= 0x30 && b[3] <= 0x39:
		return 4
	}
	return 0
}

// textDecoder turns the bytes of one field into a string, reporting bytes
// that are not valid in the file's encoding.
type textDecoder struct {
	gb  *encoding.Decoder // nil for UTF-8
	enc string
}

func newTextDecoder(enc string) *textDecoder {
	d := &textDecoder{enc: EncodingUTF8}
	if enc == EncodingGB18030 {
		d.enc = enc
		d.gb = simplifiedchinese.GB18030.NewDecoder()
	}
	return d
}

// decode returns the text of b; ok is false when b holds bytes that are not
// valid in the encoding, which then appear as U+FFFD.
func (d *textDecoder) decode(b []byte) (s string, ok bool) {
	if d.gb == nil {
		if utf8.Valid(b) {
			return string(b), true
		}
		return strings.ToValidUTF8(string(b), "\uFFFD"), false
	}
	if isASCII(b) {
		return string(b), true
	}
	out, err := d.gb.Bytes(b)
	s = string(out)
	ok = err == nil && validGB18030(b, false) &&
		(!strings.Contains(s, "\uFFFD") || bytes.Contains(b, gbReplacement))
	return s, ok
}

// badEncoding is the problem of a field that does not decode.
func (d *textDecoder) badEncoding() string {
	return "含有不是 " + d.enc + " 编码的字符（无法识别的字符显示为 \uFFFD）；请确认整个文件使用同一种编码（UTF-8 或 GBK）"
}

func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
