package demo

import (
	"bufio"
	"encoding/csv"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/transform"

	"github.com/zhixiao/zhixiao/internal/court"
)

// The headers of the import files, exactly as DATA.md names them.
var (
	caseHeader = []string{"案号", "承办法院", "承办部门", "承办人", "承办人工号", "合议庭成员", "立案日期", "结案日期",
		"结案方式", "案由", "适用程序", "审限天数", "延长审限天数", "扣除审限天数", "原审案号", "是否上诉", "开庭次数",
		"诉讼标的额", "申请执行标的额", "执行到位金额", "电子卷宗生成日期", "阅卷次数"}
	personHeader    = []string{"姓名", "工号", "法院", "部门", "人员类别", "职务", "入额日期", "在岗", "法院代字", "法院级别", "上级法院"}
	fundHeader      = []string{"案号", "到账日期", "到账金额", "发放日期", "发放金额"}
	mediationHeader = []string{"编号", "法院", "调解员", "登记日期", "结束日期", "结果", "司法确认"}
)

// The files Export writes.
const (
	CasesCSV      = "cases.csv"      // UTF-8 with a BOM
	CasesXLSX     = "cases.xlsx"     // dates as date cells, amounts as numbers
	PeopleCSV     = "people.csv"     // GBK, CRLF line ends, as older systems export
	PeopleXLSX    = "people.xlsx"    // 入额日期 as date cells
	FundsCSV      = "funds.csv"      // UTF-8 without a BOM
	MediationsCSV = "mediations.csv" // UTF-8 with a BOM
)

// Export writes ds into dir (created when missing) as the import files of
// DATA.md: cases, people, execution-fund receipts and pre-litigation
// mediations, and the 当事人表 of docs/DOCUMENTS.md. Dates are 2006-01-02 in CSV and date cells in XLSX, amounts
// yuan with two decimals, 是否上诉 是/否 or empty, 合议庭成员 joined with 、.
func Export(ds *Dataset, dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return exportError(dir, err)
	}
	courts := map[string]*court.Court{}
	for i := range ds.Courts {
		courts[ds.Courts[i].Name] = &ds.Courts[i]
	}
	jobs := []struct {
		name  string
		write func(string) error
	}{
		{CasesXLSX, func(p string) error { return writeCasesXLSX(p, ds.Cases) }},
		{CasesCSV, func(p string) error { return writeCSV(p, utf8BOM, false, caseHeader, len(ds.Cases), caseRow(ds.Cases)) }},
		{PeopleCSV, func(p string) error {
			return writeCSV(p, gbk, true, personHeader, len(ds.People), personRow(ds.People, courts))
		}},
		{PeopleXLSX, func(p string) error { return writePeopleXLSX(p, ds.People, courts) }},
		{FundsCSV, func(p string) error {
			return writeCSV(p, utf8Plain, false, fundHeader, len(ds.Funds), fundRow(ds.Funds))
		}},
		{MediationsCSV, func(p string) error {
			return writeCSV(p, utf8BOM, false, mediationHeader, len(ds.Mediations), mediationRow(ds.Mediations))
		}},
		{PartiesCSV, func(p string) error {
			ps := Parties(ds)
			return writeCSV(p, utf8BOM, false, partyHeader, len(ps), partyRow(ps))
		}},
	}
	// The large XLSX file takes as long as all the rest: write it alongside.
	errs := make([]error, len(jobs))
	var wg sync.WaitGroup
	wg.Go(func() { errs[0] = jobs[0].write(filepath.Join(dir, jobs[0].name)) })
	for i, j := range jobs[1:] {
		errs[i+1] = j.write(filepath.Join(dir, j.name))
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			return exportError(filepath.Join(dir, jobs[i].name), err)
		}
	}
	return nil
}

func exportError(path string, err error) error {
	return &court.Error{Kind: court.Internal, Message: "写入示例数据文件 " + path + " 失败", Err: err}
}

// encoding is how a CSV file is encoded.
type encoding uint8

const (
	utf8Plain encoding = iota
	utf8BOM
	gbk
)

// writeCSV writes a CSV file of n rows; row(i, buf) fills row i.
func writeCSV(path string, enc encoding, crlf bool, header []string, n int, row func(int, []string)) (err error) {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}()
	bw := bufio.NewWriterSize(f, 1<<16)
	var w io.Writer = bw
	var tw *transform.Writer
	switch enc {
	case utf8BOM:
		bw.WriteString("\ufeff")
	case gbk:
		tw = transform.NewWriter(bw, simplifiedchinese.GBK.NewEncoder())
		w = tw
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = crlf
	if err := cw.Write(header); err != nil {
		return err
	}
	rec := make([]string, len(header))
	for i := range n {
		row(i, rec)
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	if tw != nil {
		if err := tw.Close(); err != nil {
			return err
		}
	}
	return bw.Flush()
}

func caseRow(cases []court.Case) func(int, []string) {
	return func(i int, r []string) {
		c := &cases[i]
		r[0], r[1], r[2], r[3], r[4] = c.No.String(), c.Court, c.Department, c.Judge, c.JudgeStaffNo
		r[5], r[6], r[7] = strings.Join(c.Panel, "、"), c.FiledOn.String(), c.ClosedOn.String()
		r[8], r[9], r[10] = closeText(c.CloseMethod), c.Cause, c.Track.String()
		r[11], r[12], r[13] = positive(c.LimitDays), strconv.Itoa(c.ExtendedDays), strconv.Itoa(c.SuspendedDays)
		r[14], r[15], r[16] = c.OriginNo, c.Appealed.String(), strconv.Itoa(c.Hearings)
		r[17], r[18], r[19] = c.ClaimAmount.String(), c.ExecAmount.String(), c.ExecRecovered.String()
		r[20], r[21] = c.EfileOn.String(), strconv.Itoa(c.EfileReads)
	}
}

func personRow(people []court.Person, courts map[string]*court.Court) func(int, []string) {
	return func(i int, r []string) {
		p := &people[i]
		ct := courts[p.Court]
		r[0], r[1], r[2], r[3], r[4], r[5] = p.Name, p.StaffNo, p.Court, p.Department, string(p.Category), p.Title
		r[6], r[7] = p.JoinedOn.String(), yesNo(p.Active)
		r[8], r[9], r[10] = "", "", ""
		if ct != nil {
			r[8], r[9], r[10] = ct.Code, ct.Level.String(), ct.Parent
		}
	}
}

func fundRow(funds []court.FundReceipt) func(int, []string) {
	return func(i int, r []string) {
		f := &funds[i]
		r[0], r[1], r[2], r[3], r[4] = f.CaseNo, f.ReceivedOn.String(), f.Amount.String(), f.PaidOn.String(), f.PaidAmount.String()
	}
}

func mediationRow(ms []court.Mediation) func(int, []string) {
	return func(i int, r []string) {
		m := &ms[i]
		r[0], r[1], r[2], r[3] = m.ID, m.Court, m.Mediator, m.RegisteredOn.String()
		r[4], r[5], r[6] = m.EndedOn.String(), m.Result.String(), yesNo(m.Confirmed)
	}
}

func positive(n int) string {
	if n <= 0 {
		return ""
	}
	return strconv.Itoa(n)
}

func closeText(m court.CloseMethod) string {
	if m == court.CloseNone {
		return ""
	}
	return m.String()
}

func yesNo(b bool) string {
	if b {
		return "是"
	}
	return "否"
}

// ExportCasesCSV writes only the 案件信息表 of cases to path, UTF-8 with a
// BOM, as Export does; the import benchmarks use it for big files.
func ExportCasesCSV(cases []court.Case, path string) error {
	if err := writeCSV(path, utf8BOM, false, caseHeader, len(cases), caseRow(cases)); err != nil {
		return exportError(path, err)
	}
	return nil
}
