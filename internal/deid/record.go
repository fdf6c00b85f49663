package deid

import (
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"strconv"
)

// Record is what the audit log keeps of a de-identification: the hashes of
// the file and of its copy, the setting and the number of changes of each
// type; never the text, the file's name or what was replaced.
type Record struct {
	File    string         `json:"文件SHA256"`
	Output  string         `json:"脱敏件SHA256"`
	Format  string         `json:"格式"`
	Setting string         `json:"设置"`
	CaseNo  string         `json:"案号,omitempty"`
	Changes map[string]int `json:"变更数"`
}

// NewRecord describes a de-identification of in into out.
func NewRecord(in, out []byte, f Format, opt Options, r Result) Record {
	rec := Record{File: Hash(in), Output: Hash(out), Format: "txt", Setting: opt.Setting.String(), CaseNo: opt.CaseNo, Changes: map[string]int{}}
	if f == FormatDOCX {
		rec.Format = "docx"
	}
	for t, n := range r.Counts() {
		rec.Changes[t.Label()] = n
	}
	return rec
}

// JSON is the record as the audit log stores it.
func (r Record) JSON() string {
	b, _ := json.Marshal(r)
	return string(b)
}

// Object names the de-identified file in the audit log by its hash.
func (r Record) Object() string {
	return "文书 sha256:" + r.File[:16]
}

// Hash is the SHA-256 of data in hex.
func Hash(data []byte) string {
	h := sha256.Sum256(data)
	return hex.EncodeToString(h[:])
}

// reportEntry is one replacement in the JSON report, with exactly the
// fields issue 9 names (the rule is in the CSV report and on the page).
type reportEntry struct {
	Type        Type   `json:"type"`
	Original    string `json:"original"`
	Replacement string `json:"replacement"`
	Offset      int    `json:"offset"`
}

// ReportJSON is the change report as JSON: a list of {"type", "original",
// "replacement", "offset"}, offset in characters of the original text.
func ReportJSON(changes []Change) []byte {
	entries := make([]reportEntry, 0, len(changes))
	for _, c := range changes {
		entries = append(entries, reportEntry{c.Type, c.Original, c.Replacement, c.Offset})
	}
	b, _ := json.MarshalIndent(entries, "", "  ")
	return append(b, '\n')
}

// ReportCSV is the change report as CSV with Chinese headers, UTF-8 with a
// BOM so that Excel opens it.
func ReportCSV(changes []Change) []byte {
	var b bytes.Buffer
	b.WriteString("\ufeff")
	w := csv.NewWriter(&b)
	w.Write([]string{"位置", "类型", "原文", "替换为", "依据"})
	for _, c := range changes {
		w.Write([]string{strconv.Itoa(c.Offset), c.Type.Label(), c.Original, c.Replacement, c.Rule})
	}
	w.Flush()
	return b.Bytes()
}
