package deid

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzDeidText checks on any text that Text does not panic, that every
// change points at its original, and that the changes, applied in order,
// give the output.
func FuzzDeidText(f *testing.F) {
	f.Add(Sample(), false)
	f.Add("原告：张三，男，住北京市朝阳区建国路1号，电话13912345678。\n被告：李四。离婚纠纷", true)
	f.Add("被害人王某、证人李小明的证言；京A12345；身份证号11010519491231002X", false)
	f.Fuzz(func(t *testing.T, text string, strict bool) {
		if !utf8.ValidString(text) {
			return
		}
		opt := Options{}
		if strict {
			opt.Setting = Strict
		}
		r := Text(text, opt)
		runes := []rune(text)
		var b strings.Builder
		at := 0
		for _, c := range r.Changes {
			n := utf8.RuneCountInString(c.Original)
			if c.Offset < at || c.Offset+n > len(runes) || string(runes[c.Offset:c.Offset+n]) != c.Original {
				t.Fatalf("change %+v does not point at its original", c)
			}
			b.WriteString(string(runes[at:c.Offset]))
			b.WriteString(c.Replacement)
			at = c.Offset + n
		}
		b.WriteString(string(runes[at:]))
		if b.String() != r.Text {
			t.Fatalf("the changes do not give the output")
		}
	})
}

// FuzzDeidDOCX checks that any bytes given as a DOCX give an error or a
// result, never a panic.
func FuzzDeidDOCX(f *testing.F) {
	f.Add(makeDOCX(f, [][]string{{"原告：张", "小红，女。"}}, nil))
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, data []byte) {
		DOCX(data, "f.docx", Options{})
	})
}
