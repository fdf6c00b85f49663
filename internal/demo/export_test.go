package demo

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/zhixiao/zhixiao/internal/court"
)

// The headers of DATA.md, written out here so that the test checks the code against the contract.
var (
	dataCaseHeader = []string{"案号", "承办法院", "承办部门", "承办人", "承办人工号", "合议庭成员", "立案日期", "结案日期",
		"结案方式", "案由", "适用程序", "审限天数", "延长审限天数", "扣除审限天数", "原审案号", "是否上诉", "开庭次数",
		"诉讼标的额", "申请执行标的额", "执行到位金额", "电子卷宗生成日期", "阅卷次数"}
	dataPersonHeader    = []string{"姓名", "工号", "法院", "部门", "人员类别", "职务", "入额日期", "在岗", "法院代字", "法院级别", "上级法院"}
	dataFundHeader      = []string{"案号", "到账日期", "到账金额", "发放日期", "发放金额"}
	dataMediationHeader = []string{"编号", "法院", "调解员", "登记日期", "结束日期", "结果", "司法确认"}
)

func TestExportCSV(t *testing.T) {
	ds := Generate(Config{Seed: 2, Cases: 3000})
	dir := t.TempDir()
	if err := Export(ds, dir); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		file   string
		bom    bool
		gbk    bool
		header []string
		rows   int
	}{
		{CasesCSV, true, false, dataCaseHeader, len(ds.Cases)},
		{PeopleCSV, false, true, dataPersonHeader, len(ds.People)},
		{FundsCSV, false, false, dataFundHeader, len(ds.Funds)},
		{MediationsCSV, true, false, dataMediationHeader, len(ds.Mediations)},
	}
	files := map[string][][]string{}
	for _, tt := range tests {
		raw, err := os.ReadFile(filepath.Join(dir, tt.file))
		if err != nil {
			t.Fatal(err)
		}
		if got := bytes.HasPrefix(raw, []byte("\ufeff")); got != tt.bom {
			t.Errorf("%s: BOM %v, want %v", tt.file, got, tt.bom)
		}
		if tt.gbk {
			if utf8.Valid(raw) {
				t.Errorf("%s is valid UTF-8, want GBK", tt.file)
			}
			if raw, err = simplifiedchinese.GBK.NewDecoder().Bytes(raw); err != nil {
				t.Fatal(err)
			}
		}
		recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(raw, []byte("\ufeff")))).ReadAll()
		if err != nil {
			t.Fatalf("%s: %v", tt.file, err)
		}
		if !slices.Equal(recs[0], tt.header) {
			t.Errorf("%s header %v, want %v", tt.file, recs[0], tt.header)
		}
		if len(recs)-1 != tt.rows {
			t.Errorf("%s has %d rows, want %d", tt.file, len(recs)-1, tt.rows)
		}
		files[tt.file] = recs
	}
	checkPeopleRow(t, ds, files[PeopleCSV])
	checkCaseRows(t, ds, files[CasesCSV])
}

// checkPeopleRow finds the president of the 中院, read back from GBK.
func checkPeopleRow(t *testing.T, ds *Dataset, recs [][]string) {
	t.Helper()
	var head court.Person
	for _, p := range ds.People {
		if p.Court == intermediateName && p.Title == "院长" {
			head = p
		}
	}
	want := []string{head.Name, head.StaffNo, intermediateName, head.Department, "员额法官", "院长", head.JoinedOn.String(), "是", "示01", "中院", ""}
	for _, r := range recs[1:] {
		if slices.Equal(r, want) {
			return
		}
	}
	t.Errorf("people.csv has no row %v", want)
}

// checkCaseRows compares cases.csv with the cases, field by field.
func checkCaseRows(t *testing.T, ds *Dataset, recs [][]string) {
	t.Helper()
	seen := map[string]bool{}
	for i, c := range ds.Cases {
		r := recs[i+1]
		limit := ""
		if c.LimitDays > 0 {
			limit = strconv.Itoa(c.LimitDays)
		}
		want := []string{c.No.String(), c.Court, c.Department, c.Judge, c.JudgeStaffNo, strings.Join(c.Panel, "、"),
			c.FiledOn.String(), c.ClosedOn.String(), closeText(c.CloseMethod), c.Cause, c.Track.String(), limit,
			strconv.Itoa(c.ExtendedDays), strconv.Itoa(c.SuspendedDays), c.OriginNo, c.Appealed.String(), strconv.Itoa(c.Hearings),
			c.ClaimAmount.String(), c.ExecAmount.String(), c.ExecRecovered.String(), c.EfileOn.String(), strconv.Itoa(c.EfileReads)}
		if !slices.Equal(r, want) {
			t.Fatalf("row %d: %v, want %v", i+1, r, want)
		}
		if strings.Contains(r[5], "、") {
			seen["panel"] = true
		}
		if r[15] != "" {
			seen["appealed"] = true
		}
		if strings.HasSuffix(r[17], ".00") || strings.HasSuffix(r[18], ".00") {
			seen["whole yuan"] = true
		}
	}
	if len(seen) != 3 {
		t.Errorf("cases.csv never shows some of panel, 是否上诉, whole amounts: %v", seen)
	}
}

func TestExportXLSX(t *testing.T) {
	ds := Generate(Config{Seed: 2, Cases: 2000})
	dir := t.TempDir()
	if err := Export(ds, dir); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		file, sheet string
		header      []string
		rows        int
		dateCol     int // 1-based column of a date that row 2 has
		date        court.Date
	}{
		{CasesXLSX, "案件信息表", dataCaseHeader, len(ds.Cases), 7, ds.Cases[0].FiledOn},
		{PeopleXLSX, "人员信息表", dataPersonHeader, len(ds.People), 7, ds.People[0].JoinedOn},
	}
	for _, tt := range tests {
		f, err := excelize.OpenFile(filepath.Join(dir, tt.file))
		if err != nil {
			t.Fatal(err)
		}
		rows, err := f.GetRows(tt.sheet)
		if err != nil {
			t.Fatalf("%s: %v", tt.file, err)
		}
		if !slices.Equal(rows[0], tt.header) || len(rows)-1 != tt.rows {
			t.Errorf("%s: header %v and %d rows, want %v and %d", tt.file, rows[0], len(rows)-1, tt.header, tt.rows)
		}
		cell, _ := excelize.CoordinatesToCellName(tt.dateCol, 2)
		raw, _ := f.GetCellValue(tt.sheet, cell, excelize.Options{RawCellValue: true})
		if raw != strconv.Itoa(int(tt.date)) {
			t.Errorf("%s %s holds %q, want the date serial %d", tt.file, cell, raw, tt.date)
		}
		shown, _ := f.GetCellValue(tt.sheet, cell)
		if shown != tt.date.String() {
			t.Errorf("%s %s shows %q, want the date %s", tt.file, cell, shown, tt.date)
		}
		if err := f.Close(); err != nil {
			t.Error(err)
		}
	}
}

func TestExportFormats(t *testing.T) {
	tests := []struct {
		m    court.Money
		want string
	}{
		{court.NoMoney, ""}, {0, "0.00"}, {5, "0.05"}, {100, "1.00"}, {1234567, "12345.67"}, {50000_00, "50000.00"},
	}
	for _, tt := range tests {
		if got := tt.m.String(); got != tt.want {
			t.Errorf("%d.String() = %q, want %q", tt.m, got, tt.want)
		}
	}
}

func TestExportReportsUnwritableDir(t *testing.T) {
	file := filepath.Join(t.TempDir(), "occupied")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	err := Export(Generate(Config{Seed: 1, Cases: 500}), file)
	if err == nil || court.KindOf(err) != court.Internal || !strings.Contains(court.Message(err), "写入示例数据文件") {
		t.Errorf("Export into a file returned %v, want an internal error in Chinese", err)
	}
}
