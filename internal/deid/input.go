package deid

import (
	"bytes"
	"encoding/csv"
	"io"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/zhixiao/zhixiao/internal/court"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// Format is the kind of file de-identified.
type Format uint8

// The formats.
const (
	FormatTXT Format = iota
	FormatDOCX
)

// FormatOf tells the format from the file's name and first bytes: a zip
// is a DOCX, and a .docx that is not a zip is an error.
func FormatOf(name string, data []byte) (Format, error) {
	ext := strings.ToLower(filepath.Ext(name))
	isZip := bytes.HasPrefix(data, []byte("PK\x03\x04"))
	switch {
	case ext == ".docx" || (ext != ".txt" && isZip):
		if !isZip {
			return FormatDOCX, court.Errorf(court.Invalid, "文件“%s”不是有效的 DOCX 文件（不是 zip 格式）；旧版 .doc 请先在 Word 中另存为 .docx", name)
		}
		return FormatDOCX, nil
	case ext == ".txt" || ext == "":
		return FormatTXT, nil
	case ext == ".doc":
		return FormatTXT, court.Errorf(court.Invalid, "文件“%s”是旧版 Word（.doc）格式，请另存为 .docx 后再上传", name)
	}
	return FormatTXT, court.Errorf(court.Invalid, "文件“%s”的类型不受支持：只接受 .txt 和 .docx", name)
}

// DecodeText reads a TXT judgment: UTF-8 (a BOM is dropped) or GBK/GB18030.
func DecodeText(name string, data []byte) (string, error) {
	if len(data) > MaxInput {
		return "", court.Errorf(court.Invalid, "文件“%s”超过 %d MB，不能处理", name, MaxInput>>20)
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	var text string
	if utf8.Valid(data) {
		text = string(data)
	} else {
		b, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
		if err != nil || !utf8.Valid(b) {
			return "", court.Errorf(court.Invalid, "文件“%s”既不是 UTF-8 也不是 GBK 编码的文本", name)
		}
		text = string(b)
	}
	if strings.ContainsRune(text, 0) {
		return "", court.Errorf(court.Invalid, "文件“%s”不是文本文件", name)
	}
	if strings.TrimSpace(text) == "" {
		return "", court.Errorf(court.Invalid, "文件“%s”是空的", name)
	}
	return text, nil
}

// File de-identifies a TXT or DOCX file. It returns the file for
// publication (a TXT comes back as UTF-8) and the result.
func File(name string, data []byte, opt Options) ([]byte, Result, error) {
	if len(data) == 0 {
		return nil, Result{}, court.Errorf(court.Invalid, "文件“%s”是空的", name)
	}
	f, err := FormatOf(name, data)
	if err != nil {
		return nil, Result{}, err
	}
	if f == FormatDOCX {
		return DOCX(data, name, opt)
	}
	text, err := DecodeText(name, data)
	if err != nil {
		return nil, Result{}, err
	}
	r := Text(text, opt)
	return []byte(r.Text), r, nil
}

// ReadParties reads a parties CSV (UTF-8 or GBK) with the columns 名称,
// 诉讼地位 and 类型 (自然人, 法人, 非法人组织); 身份证号 and 住所 are optional. Any bad
// row fails the whole file with its line and column.
func ReadParties(name string, r io.Reader) ([]Party, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxInput+1))
	if err != nil {
		return nil, court.Errorf(court.Invalid, "当事人文件“%s”无法读取：%v", name, err)
	}
	text, err := DecodeText(name, data)
	if err != nil {
		return nil, err
	}
	cr := csv.NewReader(strings.NewReader(text))
	cr.FieldsPerRecord = -1
	rows, err := cr.ReadAll()
	if err != nil {
		return nil, court.Errorf(court.Invalid, "当事人文件“%s”不是有效的 CSV：%v", name, err)
	}
	if len(rows) == 0 {
		return nil, court.Errorf(court.Invalid, "当事人文件“%s”是空的", name)
	}
	col, err := partyColumns(name, rows[0])
	if err != nil {
		return nil, err
	}
	get := func(row []string, h string) string {
		if i, ok := col[h]; ok && i < len(row) {
			return strings.TrimSpace(row[i])
		}
		return ""
	}
	var parties []Party
	var problems []string
	for n, row := range rows[1:] {
		line := n + 2
		p := Party{Name: get(row, "名称"), Role: get(row, "诉讼地位"), IDNumber: get(row, "身份证号"), Address: get(row, "住所"), Of: -1}
		t, ok := ParsePartyType(get(row, "类型"))
		switch {
		case p.Name == "":
			problems = append(problems, lineProblem(name, line, "名称", "不能为空"))
		case !ok:
			problems = append(problems, lineProblem(name, line, "类型", "“"+get(row, "类型")+"”应为 自然人、法人 或 非法人组织"))
		}
		p.Type = t
		parties = append(parties, p)
	}
	if len(problems) > 0 {
		return nil, court.Errorf(court.Invalid, "%s", strings.Join(problems, "；"))
	}
	return parties, nil
}

// partyColumns finds the columns of a parties CSV by their headers.
func partyColumns(name string, header []string) (map[string]int, error) {
	col := map[string]int{}
	for i, h := range header {
		col[strings.TrimSpace(h)] = i
	}
	for _, h := range []string{"名称", "诉讼地位", "类型"} {
		if _, ok := col[h]; !ok {
			return nil, court.Errorf(court.Invalid, "当事人文件“%s”第 1 行：缺少列“%s”（应有 名称、诉讼地位、类型）", name, h)
		}
	}
	return col, nil
}

func lineProblem(name string, line int, field, why string) string {
	return "当事人文件“" + name + "”第 " + itoa(line) + " 行“" + field + "”：" + why
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for n > 0 {
		b = append([]byte{byte('0' + n%10)}, b...)
		n /= 10
	}
	return string(b)
}
