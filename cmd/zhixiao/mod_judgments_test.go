package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const judgmentsJSONL = `{"案号":"（2023）京0105民初1号","案由":"民间借贷纠纷","法院":"北京市朝阳区人民法院","日期":"2023-03-01","全文":"原告与被告民间借贷纠纷一案。本院经审理查明：被告向原告借款十万元，出具借条，到期未还。本院认为，被告应归还借款。依照《中华人民共和国民法典》第六百七十五条之规定，判决如下：被告归还借款。"}
{"case_no":"（2023）京0105民初2号","cause":"民间借贷纠纷","court":"北京市朝阳区人民法院","date":"2023-04-01","text":"原告与被告民间借贷纠纷一案。本院经审理查明：被告向原告借款五万元，出具借条，逾期未还。本院认为，被告借款未还，应承担还款责任。依照《中华人民共和国民法典》第六百七十五条、第六百七十六条之规定，判决如下：被告归还借款。"}
{"case_no":"（2023）京0105民初3号","cause":"不当得利纠纷","court":"北京市朝阳区人民法院","date":"2023-05-01","text":"原告与被告不当得利纠纷一案。本院经审理查明：原告误将款项转入被告账户，被告拒不返还。本院认为，被告构成不当得利。判决如下：被告返还款项。"}
`

// TestJudgmentsCommand imports a JSONL file and a TXT directory on SQLite
// and PostgreSQL, searches by 案号 and by text as JSON, and refuses a second
// import of the same 案号 with exit status 1 and a Chinese message.
func TestJudgmentsCommand(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "j.jsonl")
	if err := os.WriteFile(file, []byte(judgmentsJSONL), 0o644); err != nil {
		t.Fatal(err)
	}
	txts := filepath.Join(dir, "txt")
	os.Mkdir(txts, 0o755)
	os.WriteFile(filepath.Join(txts, "a.txt"), []byte("北京市朝阳区人民法院\n刑事判决书\n（2023）京0105刑初7号\n公诉机关指控：被告人秘密窃取他人手机。本院认为，被告人构成盗窃罪。依照《中华人民共和国刑法》第二百六十四条之规定，判决如下：被告人犯盗窃罪，判处有期徒刑六个月。"), 0o644)
	query := filepath.Join(dir, "q.txt")
	os.WriteFile(query, []byte("被告借款后出具借条，到期未还"), 0o644)
	for name, dsn := range dsns(t) {
		t.Run(name, func(t *testing.T) {
			code, out, errs := zhixiao(t, "judgments", "import", "--db", dsn, file, "--quiet")
			if code != 0 || !strings.Contains(out, "已导入 3 份裁判文书") {
				t.Fatalf("import: exit %d\n%s\n%s", code, out, errs)
			}
			if code, out, errs = zhixiao(t, "judgments", "import", txts, "--db", dsn, "--quiet"); code != 0 || !strings.Contains(out, "类案库共 4 份") {
				t.Fatalf("import txt: exit %d\n%s\n%s", code, out, errs)
			}
			code, out, errs = zhixiao(t, "judgments", "search", "--db", dsn, "--case", "(2023)京0105民初1号", "--format", "json")
			if code != 0 {
				t.Fatalf("search: exit %d\n%s", code, errs)
			}
			var rs []struct {
				CaseNo string  `json:"case_no"`
				Score  float64 `json:"score"`
				Cause  string  `json:"cause"`
				Why    string  `json:"why"`
			}
			if err := json.Unmarshal([]byte(out), &rs); err != nil {
				t.Fatalf("json %v\n%s", err, out)
			}
			if len(rs) == 0 || rs[0].CaseNo != "（2023）京0105民初2号" || rs[0].Cause != "民间借贷纠纷" || !strings.Contains(rs[0].Why, "案由相同") || rs[0].Score <= 1 {
				t.Errorf("search by case: %+v", rs)
			}
			for k := 1; k < len(rs); k++ {
				if rs[k].Score > rs[k-1].Score {
					t.Errorf("not best first: %+v", rs)
				}
			}
			code, out, _ = zhixiao(t, "judgments", "search", "--db", dsn, "--text-file", query, "--limit", "1", "--format", "json")
			if code != 0 || !strings.Contains(out, `"case_no": "（2023）京0105民初`) || strings.Count(out, "case_no") != 1 {
				t.Errorf("search by text: exit %d\n%s", code, out)
			}
			code, _, errs = zhixiao(t, "judgments", "import", "--db", dsn, file, "--quiet")
			if code != 1 || !strings.Contains(errs, "已导入过，本次未导入任何文书") {
				t.Errorf("second import: exit %d\n%s", code, errs)
			}
			code, _, errs = zhixiao(t, "judgments", "search", "--db", dsn, "--case", "（2023）京0105民初99号")
			if code != 1 || !strings.Contains(errs, "既没有已导入的裁判文书，也不在案件信息表中") {
				t.Errorf("unknown case: exit %d\n%s", code, errs)
			}
		})
	}
	code, _, errs := zhixiao(t, "judgments", "search", "--db", filepath.Join(dir, "x.db"))
	if code != 1 || !strings.Contains(errs, "请给出且只给出 --case 案号、--text-file 文件 或 --text 文字 之一") {
		t.Errorf("no query: exit %d\n%s", code, errs)
	}
	if code, _, _ := zhixiao(t, "judgments", "frobnicate"); code != 2 {
		t.Errorf("unknown subcommand: exit %d", code)
	}
}
