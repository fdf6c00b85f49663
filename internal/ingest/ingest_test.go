package ingest

import (
	"archive/zip"
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/zhixiao/zhixiao/internal/court"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

// caseHeader is a short but complete header of the 案件信息表.
const caseHeader = "案号,承办法院,承办部门,承办人,合议庭成员,立案日期,结案日期,结案方式,适用程序,诉讼标的额\n"

// input makes the file a test reads and returns its path.
type input func(t *testing.T, dir string) string

// csvFile is a file with the given bytes.
func csvFile(name, content string) input {
	return func(t *testing.T, dir string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
}

// gbkFile is content encoded in GBK.
func gbkFile(name, content string) input {
	return func(t *testing.T, dir string) string {
		b, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(content))
		if err != nil {
			t.Fatal(err)
		}
		return csvFile(name, string(b))(t, dir)
	}
}

// sheet is a worksheet for xlsxFile.
type sheet struct {
	name string
	rows [][]any
}

// xlsxFile is a workbook of the given sheets; a time.Time becomes a date cell.
func xlsxFile(name string, sheets ...sheet) input {
	return func(t *testing.T, dir string) string {
		f := excelize.NewFile()
		defer f.Close()
		for i, sh := range sheets {
			if i == 0 {
				if err := f.SetSheetName("Sheet1", sh.name); err != nil {
					t.Fatal(err)
				}
			} else if _, err := f.NewSheet(sh.name); err != nil {
				t.Fatal(err)
			}
			for j, row := range sh.rows {
				cell, _ := excelize.CoordinatesToCellName(1, j+1)
				if err := f.SetSheetRow(sh.name, cell, &row); err != nil {
					t.Fatal(err)
				}
			}
		}
		path := filepath.Join(dir, name)
		if err := f.SaveAs(path); err != nil {
			t.Fatal(err)
		}
		return path
	}
}

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

var goldenTests = []struct {
	name  string
	table Table
	in    input
}{
	{"empty_file", Cases, csvFile("cases.csv", "")},
	{"header_only", Cases, csvFile("cases.csv", caseHeader+"\r\n,,,,,,,,,\r\n")},
	{"unknown_column", Cases, csvFile("cases.csv", strings.TrimSuffix(caseHeader, "\n")+",备注,foo\n（2025）京0105民初1号,朝阳法院,民一庭,张三,,2025-01-02,,,,,x,y\n")},
	{"missing_column", Cases, csvFile("cases.csv", "案号,承办法院,承办部门,结案日期\n（2025）京0105民初1号,朝阳法院,民一庭,\n")},
	{"duplicate_column", Cases, csvFile("cases.csv", "案号,承办法院,承办部门,承办人,承办法官,立案日期\n（2025）京0105民初1号,朝阳法院,民一庭,张三,张三,2025-01-02\n")},
	{"gbk", Cases, gbkFile("cases.csv", caseHeader+
		"（2025）京0105民初1号,北京市朝阳区人民法院,民一庭,张三,李四、王五；张三,2025-01-02,2025-03-04,判决,简易程序,\"12,345.60元\"\n"+
		"(2025)京0105执2号,北京市朝阳区人民法院,执行局,赵六,,2025/1/5,,,,\n")},
	// The bad row lies beyond the sample that decides the encoding.
	{"gbk_bad_row", Cases, func(t *testing.T, dir string) string {
		var text strings.Builder
		text.WriteString(caseHeader)
		for i := 1; text.Len() < 2*sampleSize; i++ {
			fmt.Fprintf(&text, "（2025）京0105民初%d号,北京市朝阳区人民法院,民一庭,张三,,2025-01-02,,,,\n", i)
		}
		text.WriteString("（2025）京0105民初99999号,朝阳法院,民一庭,张三,,2025-01-02,,,,\n")
		b, _ := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(text.String()))
		i := bytes.LastIndex(b, []byte(",,2025-01-02"))
		b = append(b[:i:i], append([]byte{0xFF}, b[i:]...)...) // a stray byte after 张三
		return csvFile("cases.csv", string(b))(t, dir)
	}},
	{"utf8_bom", Cases, csvFile("cases.csv", "\uFEFF"+caseHeader+"（2025）京0105民初1号,朝阳法院,民一庭,张三,,2025-01-02,,,,\n")},
	{"xlsx_date_cells", Cases, xlsxFile("cases.xlsx", sheet{"填表说明", [][]any{{"日期请填写为日期格式"}}}, sheet{"案件", [][]any{
		{"北京市朝阳区人民法院案件信息表"},
		{"案号", "承办法院", "承办部门", "承办人", "立案日期", "结案日期", "结案方式", "诉讼标的额", "审限天数"},
		{"（2025）京0105民初1号", "朝阳法院", "民一庭", "张三", day(2025, 3, 7), time.Date(2025, 4, 1, 15, 30, 0, 0, time.UTC), "调解", 0.1 + 0.2, 30},
		{"（2025）京0105民初2号", "朝阳法院", "民一庭", "张三", day(2025, 3, 7), day(2025, 3, 1), "判决", 12.345},
	}})},
	// The first sheet is a note; the data is on the next one.
	{"xlsx_text_dates", Cases, xlsxFile("cases.xlsx", sheet{"说明", [][]any{{"本表由审判管理办公室导出"}, {"导出时间", "2025-04-02"}}}, sheet{"Sheet2", [][]any{
		{"案号", "承办法院", "承办部门", "承办人", "立案日期", "结案日期", "结案方式"},
		{"（2025）京0105民初1号", "朝阳法院", "民一庭", "张三", "2025年3月7日", "2025/04/01", "撤诉"},
		{"（2025）京0105民初2号", "朝阳法院", "民一庭", "张三", "2025-02-30", "", ""},
		{"（2025）京0105民初3号", "朝阳法院", "民一庭", "张三", "2025-01-01", "", "", "多余"},
	}})},
	{"xlsx_no_fitting_sheet", Cases, xlsxFile("cases.xlsx", sheet{"Sheet1", [][]any{{"案号", "法院", "日期"}, {"（2025）京0105民初1号", "朝阳法院", "2025-01-01"}}}, sheet{"空表", nil})},
	{"xlsx_empty", Cases, xlsxFile("cases.xlsx", sheet{"Sheet1", nil})},
	{"zip_not_xlsx", Cases, func(t *testing.T, dir string) string {
		var b bytes.Buffer
		z := zip.NewWriter(&b)
		w, _ := z.Create("readme.txt")
		w.Write([]byte("not a workbook"))
		z.Close()
		return csvFile("cases.csv", b.String())(t, dir)
	}},
	{"xls_file", Cases, csvFile("cases.xls", "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00\x00\x00\x00")},
	{"utf16_file", Cases, csvFile("cases.csv", "\xFF\xFE\x48\x68\x00\x00")},
	{"date_formats", Cases, csvFile("cases.csv", "案号,承办法院,承办部门,承办人,立案日期\n"+
		"（2025）京0105民初1号,朝阳法院,民一庭,张三,2025-03-07\n"+
		"（2025）京0105民初2号,朝阳法院,民一庭,张三,2025/3/7\n"+
		"（2025）京0105民初3号,朝阳法院,民一庭,张三,2025.3.7\n"+
		"（2025）京0105民初4号,朝阳法院,民一庭,张三,20250307\n"+
		"（2025）京0105民初5号,朝阳法院,民一庭,张三,2025年3月7日\n"+
		"（2025）京0105民初6号,朝阳法院,民一庭,张三,2025-03-07 10:00:00\n"+
		"（2025）京0105民初7号,朝阳法院,民一庭,张三,2025-02-30\n"+
		"（2025）京0105民初8号,朝阳法院,民一庭,张三,2025-03-07 25:00\n"+
		"（2025）京0105民初9号,朝阳法院,民一庭,张三,3/7/2025\n"+
		"（2025）京0105民初10号,朝阳法院,民一庭,张三,\n")},
	{"closed_before_filed", Cases, csvFile("cases.csv", caseHeader+"（2025）京0105民初1号,朝阳法院,民一庭,张三,,2025-03-07,2025-03-01,判决,,\n")},
	{"closed_without_method", Cases, csvFile("cases.csv", caseHeader+
		"（2025）京0105民初1号,朝阳法院,民一庭,张三,,2025-03-07,2025-05-01,,,\n"+
		"（2025）京0105民初2号,朝阳法院,民一庭,张三,,2025-03-07,,判决,,\n")},
	{"unknown_close_method", Cases, csvFile("cases.csv", caseHeader+"（2025）京0105民初1号,朝阳法院,民一庭,张三,,2025-03-07,2025-05-01,和稀泥,,\n")},
	{"unknown_type_code", Cases, csvFile("cases.csv", caseHeader+"（2025）京0105民乙1号,朝阳法院,民一庭,张三,,2025-03-07,,,,\n")},
	{"unparseable_case_no", Cases, csvFile("cases.csv", caseHeader+
		"2025京0105民初1号,朝阳法院,民一庭,张三,,2025-03-07,,,,\n"+
		"（2025）京0105民初号,朝阳法院,民一庭,张三,,2025-03-07,,,,\n"+
		",朝阳法院,民一庭,张三,,2025-03-07,,,,\n")},
	{"duplicate_case_no", Cases, csvFile("cases.csv", caseHeader+
		"（2025）京0105民初1号,朝阳法院,民一庭,张三,,2025-03-07,,,,\n"+
		"（2025）京0105民初2号,朝阳法院,民一庭,张三,,2025-03-07,,,,\n"+
		"(2025)京0105民初1号,朝阳法院,民一庭,李四,,2025-03-08,,,,\n")},
	{"bad_amounts", Cases, csvFile("cases.csv", caseHeader+
		"（2025）京0105民初1号,朝阳法院,民一庭,张三,,2025-03-07,,,,-500\n"+
		"（2025）京0105民初2号,朝阳法院,民一庭,张三,,2025-03-07,,,,五百元\n"+
		"（2025）京0105民初3号,朝阳法院,民一庭,张三,,2025-03-07,,,,12.345\n"+
		"（2025）京0105民初4号,朝阳法院,民一庭,张三,,2025-03-07,,,,\"￥1,234,567.8\"\n")},
	{"field_count", Cases, csvFile("cases.csv", caseHeader+
		"（2025）京0105民初1号,朝阳法院,民一庭,张三,,2025-03-07\n"+
		"（2025）京0105民初2号,朝阳法院,民一庭,张三,,2025-03-07,,,,1,000\n"+
		"（2025）京0105民初3号,朝阳法院,民一庭,张三,,2025-03-07,,,,\n")},
	{"huge_field", Cases, csvFile("cases.csv", caseHeader+
		"（2025）京0105民初1号,朝阳法院,民一庭,张三,\""+strings.Repeat("李四、", 10<<20/len("李四、"))+"\",2025-03-07,,,,\n"+
		"（2025）京0105民初2号,朝阳法院,民一庭,张三,,2025-03-07,,,,\n")},
	{"binary_file", Cases, csvFile("cases.csv", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00")},
	{"multiline_field", Cases, csvFile("cases.csv", "案号,承办法院,承办部门,承办人,案由,立案日期\r\n"+
		"（2025）京0105民初1号,朝阳法院,民一庭,张三,\"民间借贷纠纷\r\n（反诉）\",2025-03-07\r\n"+
		"（2025）京0105民初2号,朝阳法院,民一庭,张三,\"买卖\"\"合同\"\"纠纷\",2025-02-30\r\n")},
	{"origin_self", Cases, csvFile("cases.csv", "案号,承办法院,承办部门,承办人,立案日期,原审案号\n"+
		"（2025）京01民终1号,北京一中院,民一庭,张三,2025-03-07,(2025)京01民终1号\n"+
		"（2025）京01民终2号,北京一中院,民一庭,张三,2025-03-07,（2024）京0105民初77号\n"+
		"（2025）京01民终3号,北京一中院,民一庭,张三,2025-03-07,一审案号不详\n")},
	{"all_problems_of_a_row", Cases, csvFile("cases.csv", "案号,承办法院,承办部门,承办人,立案日期,结案日期,结案方式,适用程序,审限天数,开庭次数,是否上诉,执行到位金额,电子卷宗生成日期\n"+
		"（2025）京0105民初1号,朝阳法院,,,2025-13-01,2025-05-01,,普通程序加速版,-3,两次,也许,1.234,昨天\n")},
	{"people", People, csvFile("people.csv", "姓名,工号,法院,部门,人员类别,职务,入额日期,在岗,法院代字,法院级别,上级法院\n"+
		"张三,1001,北京市朝阳区人民法院,民一庭,员额法官,审判员,2017-07-01,是,京0105,基层,北京市第一中级人民法院\n"+
		"李四,1002,北京市朝阳区人民法院,民一庭,助理,,,否,京0105,基层,北京市第一中级人民法院\n"+
		"王五,1001,北京市朝阳区人民法院,民二庭,书记员,,,,京0106,基层,北京市第一中级人民法院\n")},
	{"funds", Funds, csvFile("funds.csv", "案号,到账日期,到账金额,发放日期,发放金额\n"+
		"（2025）京0105执1号,2025-03-01,\"10,000.00\",2025-03-20,10000\n"+
		"（2025）京0105执1号,2025-03-01,\"10,000.00\",2025-03-20,10000\n"+
		"（2025）京0105执2号,2025-03-01,-5,2025-02-20,\n"+
		"（2025）京0105执3号,2025-03-01,500,,500\n")},
	{"mediations", Mediations, csvFile("mediations.csv", "编号,法院,调解员,登记日期,结束日期,结果,司法确认\n"+
		"T2025-001,朝阳法院,周七,2025-03-01,2025-03-15,成功,是\n"+
		"T2025-002,朝阳法院,周七,2025-03-01,,,否\n"+
		"T2025-003,朝阳法院,周七,2025-03-01,2025-02-15,不成功,是\n"+
		"T2025-001,朝阳法院,周七,2025-03-01,2025-03-20,,\n")},
}

func TestGolden(t *testing.T) {
	for _, tt := range goldenTests {
		t.Run(tt.name, func(t *testing.T) {
			path := tt.in(t, t.TempDir())
			checkGolden(t, tt.name, report(path, tt.table))
		})
	}
}

// report reads a file as an import would and renders what the user sees.
func report(path string, table Table) string {
	src, err := Open(path, table)
	if err != nil {
		return fmt.Sprintf("打开失败（kind=%d）：%s\n", court.KindOf(err), court.Message(err))
	}
	defer src.Close()
	var b strings.Builder
	fmt.Fprintf(&b, "编码：%s\n表头：%s\n", src.Encoding(), strings.Join(src.Header(), "|"))
	passed, rejected := 0, 0
	for {
		row, err := src.Next()
		if err == io.EOF {
			break
		} else if err != nil {
			fmt.Fprintf(&b, "读取失败：%v\n", err)
			break
		}
		if len(row.Problems) == 0 {
			passed++
		} else {
			rejected++
		}
		writeRow(&b, row, passed)
	}
	done, total := src.Progress()
	fmt.Fprintf(&b, "通过 %d 行，有问题 %d 行；进度：%d/%d\n", passed, rejected, done, total)
	return b.String()
}

// maxPassedShown is how many good rows a report shows in full.
const maxPassedShown = 5

func writeRow(b *strings.Builder, row Row, passed int) {
	if len(row.Problems) == 0 {
		if passed <= maxPassedShown {
			fmt.Fprintf(b, "%s 通过：%s\n", row.Ref, describe(row))
		}
		return
	}
	for _, p := range row.Problems {
		fmt.Fprintln(b, p)
	}
	fmt.Fprintf(b, "  原始：%s\n", displayValue(strings.Join(row.Raw, "|")))
}

func describe(row Row) string {
	switch {
	case row.Case != nil:
		return fmt.Sprintf("%+v", *row.Case)
	case row.Person != nil && row.Court != nil:
		return fmt.Sprintf("%+v %+v", *row.Person, *row.Court)
	case row.Person != nil:
		return fmt.Sprintf("%+v", *row.Person)
	case row.Fund != nil:
		return fmt.Sprintf("%+v", *row.Fund)
	case row.Mediation != nil:
		return fmt.Sprintf("%+v", *row.Mediation)
	case row.Party != nil:
		return fmt.Sprintf("%+v", *row.Party)
	}
	return "（空）"
}

func checkGolden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("%s differs from the golden file (-want +got):\n%s", name, diff)
	}
}

// TestHugeFieldMemory reads a 10 MB field: the reader must skip it, not hold it.
func TestHugeFieldMemory(t *testing.T) {
	path := csvFile("cases.csv", caseHeader+"（2025）京0105民初1号,朝阳法院,民一庭,张三,\""+strings.Repeat("x", 10<<20)+"\",2025-03-07,,,,\n")(t, t.TempDir())
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	src, err := Open(path, Cases)
	if err != nil {
		t.Fatal(err)
	}
	row, err := src.Next()
	if err != nil {
		t.Fatal(err)
	}
	if err := src.Close(); err != nil {
		t.Fatal(err)
	}
	runtime.ReadMemStats(&after)
	if err := src.Close(); err != nil {
		t.Errorf("second Close = %v, want nil", err)
	}
	if _, err := src.Next(); !errors.Is(err, os.ErrClosed) {
		t.Errorf("Next after Close = %v, want os.ErrClosed", err)
	}
	if len(row.Problems) != 1 || !strings.Contains(row.Problems[0].Reason, "字段过长") {
		t.Errorf("problems = %v, want one 字段过长", row.Problems)
	}
	if got := after.TotalAlloc - before.TotalAlloc; got > 3<<20 {
		t.Errorf("reading a 10 MB field allocated %d bytes, want under 3 MB", got)
	}
}

// TestRejectRoundTrip writes the rejected rows of a file, fixes the rejects
// file as a user would, and imports it again: the 错误原因 column is ignored.
func TestRejectRoundTrip(t *testing.T) {
	dir := t.TempDir()
	path := csvFile("cases.csv", caseHeader+
		"（2025）京0105民初1号,朝阳法院,民一庭,张三,,2025-03-07,,,,\n"+
		"（2025）京0105民初2号,朝阳法院,民一庭,张三,\"李四,王五\",2025-03-07,2025-03-01,判决,,\n"+
		"（2025）京0105民初3号,朝阳法院,民一庭,张三,,2025-02-30,,,,1,2\n")(t, dir)
	rejects := filepath.Join(dir, "cases.rejects.csv")
	writeRejects(t, path, rejects)
	raw, err := os.ReadFile(rejects)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(raw, bomUTF8) {
		t.Error("rejects file has no UTF-8 BOM")
	}
	fixed := strings.NewReplacer("2025-03-01,判决", "2025-04-01,判决", "2025-02-30", "2025-02-28", ",1,该行", ",12,该行", "日期不存在,2\r\n", "日期不存在\r\n").Replace(string(raw))
	if err := os.WriteFile(rejects, []byte(fixed), 0o644); err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "拒收文件：\n%s\n重新导入：\n%s", strings.TrimPrefix(string(raw), "\uFEFF"), report(rejects, Cases))
	checkGolden(t, "reject_roundtrip", b.String())
}

// writeRejects copies the rejected rows of path to rejects.
func writeRejects(t *testing.T, path, rejects string) {
	t.Helper()
	src, err := Open(path, Cases)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	w, err := NewRejectWriter(rejects, src.Header())
	if err != nil {
		t.Fatal(err)
	}
	for {
		row, err := src.Next()
		if errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		if len(row.Problems) > 0 {
			if err := w.Write(row); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
}
