package ingest

import (
	"testing"
)

// partyHeader is a complete header of the 当事人表.
const partyHeader = "案号,名称,诉讼地位,类型,证件号码,住所,代理人\n"

var partyGoldenTests = []struct {
	name  string
	table Table
	in    input
}{
	{"parties", Parties, csvFile("parties.csv", partyHeader+
		"（2025）京0105民初1号,张三,原告,自然人,110105198503020011,北京市朝阳区某街道1号,李律师、王律师\n"+
		"(2025)京0105民初1号,北京某某科技有限公司,被告,法人,91110105MA01ABCD13,北京市朝阳区某路2号,\n"+
		"（2025）京0105民初1号,某某合伙企业,第三人,其他组织,91350100m000100y43,,赵六\n")},
	{"parties_bad_rows", Parties, csvFile("parties.csv", partyHeader+
		"（2025）京0105民初1号,张三,原告,自然人,110105198503020012,,\n"+
		"（2025）京0105民初1号,北京某某科技有限公司,被告,法人,91110105MA01ABCD14,,\n"+
		"（2025）京0105民初1号,张三,原告,自然人,,,\n"+
		"（2025）京0105民初2号,李四,原告人,个体户,,,\n"+
		"2025京0105民初3号,,,,,,\n")},
	{"parties_split_id_columns", Parties, gbkFile("parties.csv", "案号,当事人名称,当事人诉讼地位,当事人类型,身份证号,统一社会信用代码,住址,委托诉讼代理人\n"+
		"（2025）京0105执1号,王五,申请执行人,自然人,110105199007150022,,,\n"+
		"（2025）京0105执1号,某某公司,被执行人,法人,110105199007150022,,,\n"+
		"（2025）京0105执1号,赵六,被执行人,自然人,110105199007150022,91110105MA01ABCD13,,\n")},
	{"parties_xlsx_detect", Parties, xlsxFile("parties.xlsx",
		sheet{"案件", [][]any{{"案号", "承办法院"}, {"（2025）京0105民初1号", "朝阳法院"}}},
		sheet{"当事人", [][]any{{"案号", "名称", "诉讼地位", "类型"}, {"（2025）京0105民初1号", "张三", "原告", "自然人"}}})},
	{"parties_missing_column", Parties, csvFile("parties.csv", "案号,名称,类型,备注\n（2025）京0105民初1号,张三,自然人,x\n")},
}

func TestPartiesGolden(t *testing.T) {
	for _, tt := range partyGoldenTests {
		t.Run(tt.name, func(t *testing.T) {
			path := tt.in(t, t.TempDir())
			checkGolden(t, tt.name, report(path, tt.table))
		})
	}
}
