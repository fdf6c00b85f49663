package judgments

import (
	"archive/zip"
	"bufio"
	"bytes"
	"encoding/json"
	"encoding/xml"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/zhixiao/zhixiao/internal/court"
)

// MaxFileBytes bounds a file to import: a TXT or DOCX holds one judgment,
// a JSONL many.
const (
	MaxFileBytes  = 512 << 20
	MaxJudgmentKB = MaxTextBytes >> 10
)

// ReadPath reads the judgments of a file or of every .txt, .docx, .jsonl
// and .json file under a directory (sorted by name). Errors name the file,
// the line and the field; reading stops at the first file with errors and
// returns them all (up to 20).
func ReadPath(path string) ([]Judgment, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, court.Errorf(court.NotFound, "文件或目录“%s”不存在", path)
	}
	var files []string
	if st.IsDir() {
		err := filepath.WalkDir(path, func(p string, d os.DirEntry, err error) error {
			if err != nil {
				return err
			}
			switch strings.ToLower(filepath.Ext(p)) {
			case ".txt", ".docx", ".jsonl", ".json":
				if !d.IsDir() {
					files = append(files, p)
				}
			}
			return nil
		})
		if err != nil {
			return nil, court.Errorf(court.Invalid, "无法读取目录“%s”：%v", path, err)
		}
		sort.Strings(files)
		if len(files) == 0 {
			return nil, court.Errorf(court.Invalid, "目录“%s”中没有 .txt、.docx 或 .jsonl 文件", path)
		}
	} else {
		files = []string{path}
	}
	var out []Judgment
	for _, f := range files {
		js, err := ReadFile(f)
		if err != nil {
			return nil, err
		}
		out = append(out, js...)
	}
	return out, nil
}

// ReadFile reads one file by its extension: .txt (one judgment, UTF-8),
// .docx (one judgment), .jsonl / .json (one judgment a line).
func ReadFile(path string) ([]Judgment, error) {
	name := filepath.Base(path)
	st, err := os.Stat(path)
	if err != nil {
		return nil, court.Errorf(court.NotFound, "文件“%s”不存在", path)
	}
	if st.Size() > MaxFileBytes {
		return nil, court.Errorf(court.Invalid, "文件“%s”有 %d MB，超过上限 %d MB", name, st.Size()>>20, MaxFileBytes>>20)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, court.Errorf(court.Invalid, "无法读取文件“%s”：%v", name, err)
	}
	switch strings.ToLower(filepath.Ext(path)) {
	case ".txt":
		j, err := textJudgment(name, "", string(data))
		if err != nil {
			return nil, err
		}
		return []Judgment{j}, nil
	case ".docx":
		text, err := DocxText(data)
		if err != nil {
			return nil, court.Errorf(court.Invalid, "文件“%s”不是有效的 DOCX 文档（%v）", name, err)
		}
		j, err := textJudgment(name, "", text)
		if err != nil {
			return nil, err
		}
		return []Judgment{j}, nil
	case ".jsonl", ".json":
		return ReadJSONL(name, bytes.NewReader(data))
	}
	return nil, court.Errorf(court.Invalid, "文件“%s”的类型不支持：应为 .txt、.docx 或 .jsonl", name)
}

// textJudgment makes a judgment from the text of a TXT or DOCX file; the
// 案号, court and 案由 come from the text.
func textJudgment(name, where, text string) (Judgment, error) {
	if !utf8.ValidString(text) {
		return Judgment{}, court.Errorf(court.Invalid, "文件“%s”不是 UTF-8 编码的文本", name)
	}
	j := Judgment{Text: text, Source: name + where}
	if err := check(&j, name+where); err != nil {
		return j, err
	}
	Parse(&j)
	if j.CaseNo == "" {
		return j, court.Errorf(court.Invalid, "%s：文中找不到案号（如“（2024）京0105民初123号”）", name+where)
	}
	return j, nil
}

// check rejects an empty or oversized text.
func check(j *Judgment, at string) error {
	j.Text = strings.TrimPrefix(j.Text, "\ufeff")
	if strings.TrimSpace(j.Text) == "" {
		return court.Errorf(court.Invalid, "%s：全文为空", at)
	}
	if len(j.Text) > MaxTextBytes {
		return court.Errorf(court.Invalid, "%s：全文有 %d KB，超过一份裁判文书的上限 %d KB", at, len(j.Text)>>10, MaxJudgmentKB)
	}
	return nil
}

// jsonKeys are the accepted keys of a JSONL line, English and Chinese.
var jsonKeys = map[string]string{
	"case_no": "case_no", "案号": "case_no",
	"cause": "cause", "案由": "cause",
	"court": "court", "法院": "court",
	"date": "date", "日期": "date", "裁判日期": "date",
	"text": "text", "全文": "text",
}

// ReadJSONL reads one judgment a line: case_no, cause, court, date, text
// (or 案号, 案由, 法院, 日期, 全文). Every bad line is reported (up to 20)
// and none is returned then.
func ReadJSONL(name string, r io.Reader) ([]Judgment, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 1<<20), MaxTextBytes*3)
	var out []Judgment
	var problems []string
	seen := map[string]int{}
	line := 0
	for sc.Scan() {
		line++
		b := bytes.TrimSpace(sc.Bytes())
		if len(b) == 0 {
			continue
		}
		at := name + " 第 " + itoa(line) + " 行"
		var raw map[string]any
		if err := json.Unmarshal(b, &raw); err != nil {
			problems = append(problems, at+"：不是有效的 JSON 对象")
			continue
		}
		v := map[string]string{}
		for k, x := range raw {
			key, ok := jsonKeys[k]
			if !ok {
				continue
			}
			s, ok := x.(string)
			if !ok {
				problems = append(problems, at+"：字段“"+k+"”应为文本")
				continue
			}
			v[key] = strings.TrimSpace(s)
		}
		j := Judgment{CaseNo: v["case_no"], Cause: v["cause"], Court: v["court"], Text: v["text"], Source: at}
		if err := check(&j, at+" 字段“text/全文”"); err != nil {
			problems = append(problems, court.Message(err))
			continue
		}
		if d := v["date"]; d != "" {
			t, err := time.Parse("2006-01-02", d)
			if err != nil {
				problems = append(problems, at+"：字段“date/日期”的值“"+d+"”不是 YYYY-MM-DD 日期")
				continue
			}
			j.Date = court.DateOf(t.Year(), t.Month(), t.Day())
		}
		Parse(&j)
		if j.CaseNo == "" {
			problems = append(problems, at+"：缺少字段“case_no/案号”，文中也找不到案号")
			continue
		}
		if prev, dup := seen[j.CaseNo]; dup {
			problems = append(problems, at+"：案号“"+j.CaseNo+"”与第 "+itoa(prev)+" 行重复")
			continue
		}
		seen[j.CaseNo] = line
		out = append(out, j)
	}
	if err := sc.Err(); err != nil {
		problems = append(problems, name+" 第 "+itoa(line+1)+" 行：无法读取（"+err.Error()+"）")
	}
	if len(problems) > 0 {
		if len(problems) > 20 {
			problems = append(problems[:20], "……共 "+itoa(len(problems))+" 处错误")
		}
		return nil, court.Errorf(court.Invalid, "%s", strings.Join(problems, "\n"))
	}
	if len(out) == 0 {
		return nil, court.Errorf(court.Invalid, "文件“%s”中没有裁判文书", name)
	}
	return out, nil
}

// DocxText is the text of a DOCX document's body, a paragraph a line.
func DocxText(data []byte) (string, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return "", err
	}
	var doc *zip.File
	for _, f := range zr.File {
		if f.Name == "word/document.xml" {
			doc = f
		}
	}
	if doc == nil {
		return "", errNoDocument
	}
	rc, err := doc.Open()
	if err != nil {
		return "", err
	}
	defer rc.Close()
	dec := xml.NewDecoder(io.LimitReader(rc, MaxFileBytes))
	var b strings.Builder
	inText := false
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return "", err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "t":
				inText = true
			case "tab":
				b.WriteString("\t")
			case "br":
				b.WriteString("\n")
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "t":
				inText = false
			case "p":
				b.WriteString("\n")
			}
		case xml.CharData:
			if inText {
				b.Write(t)
			}
		}
	}
	return b.String(), nil
}

type docxError string

func (e docxError) Error() string { return string(e) }

const errNoDocument = docxError("缺少 word/document.xml")

func itoa(n int) string {
	var b [20]byte
	i := len(b)
	if n == 0 {
		return "0"
	}
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	return string(b[i:])
}
