package ingest

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// Ref says where a row is: a file and its physical line (CSV, header = 1), or
// a file, worksheet and row number (XLSX).
type Ref struct {
	File  string // base name of the file
	Sheet string // worksheet, "" for CSV
	Line  int
}

// String is 文件 cases.csv 第12行 or 文件 cases.xlsx 工作表“案件”第12行.
func (r Ref) String() string {
	var b strings.Builder
	b.WriteString("文件 ")
	b.WriteString(r.File)
	b.WriteString(" ")
	if r.Sheet != "" {
		b.WriteString("工作表“" + r.Sheet + "”")
	}
	b.WriteString("第" + strconv.Itoa(r.Line) + "行")
	return b.String()
}

// Problem is one reason a row cannot be imported.
type Problem struct {
	Ref    Ref
	Column string // the header as written in the file; "" for the row as a whole
	Value  string // the cell, shortened for display
	Reason string // in Chinese, says what is expected
}

// String is the problem as shown to the user, e.g.
// 文件 cases.csv 第12行，列“结案日期”，值“2025-02-30”：日期不存在.
func (p Problem) String() string {
	return p.Ref.String() + p.where() + "：" + p.Reason
}

// where is the column and value part: ，列“结案日期”，值“2025-02-30”.
func (p Problem) where() string {
	if p.Column == "" {
		return ""
	}
	if p.Value == "" {
		return "，列“" + p.Column + "”，值为空"
	}
	return "，列“" + p.Column + "”，值“" + p.Value + "”"
}

// displayRunes is how much of a value a problem shows.
const displayRunes = 40

// displayValue shortens v to 40 characters plus "…" and puts line breaks and
// tabs on one line.
func displayValue(v string) string {
	if len(v) > displayRunes {
		n, cut := 0, len(v)
		for i := range v {
			if n == displayRunes {
				cut = i
				break
			}
			n++
		}
		if cut < len(v) {
			v = strings.ToValidUTF8(v[:cut], "\uFFFD") + "…"
		}
	}
	if strings.ContainsAny(v, "\r\n\t") {
		v = strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ", "\t", " ").Replace(v)
	}
	return v
}

// truncateUTF8 cuts s to at most n bytes without splitting a character.
func truncateUTF8(s []byte, n int) []byte {
	if len(s) <= n {
		return s
	}
	s = s[:n]
	for i := 0; i < utf8.UTFMax && len(s) > 0; i++ {
		if r, size := utf8.DecodeLastRune(s); r != utf8.RuneError || size > 1 {
			break
		}
		s = s[:len(s)-1]
	}
	return s
}
