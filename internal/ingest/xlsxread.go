package ingest

import (
	"io"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"

	"github.com/xuri/excelize/v2"

	"github.com/zhixiao/zhixiao/internal/court"
)

// date1904Shift is the difference between the 1904 date system of some Mac
// workbooks and the 1900 one that court.Date follows.
const date1904Shift = 1462

// xlsxReader reads the rows of one worksheet with excelize's streaming
// iterator, cells as raw values: a date cell arrives as its serial.
type xlsxReader struct {
	f     *excelize.File
	rows  *excelize.Rows
	sheet string
	line  int          // row number of the last row read
	done  atomic.Int64 // line, for Progress from another goroutine
	total int64
	shift int // added to date serials: date1904Shift or 0
}

// openWorkbook opens an XLSX file with raw cell values.
func openWorkbook(path, file string) (*excelize.File, error) {
	f, err := excelize.OpenFile(path, excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, &court.Error{Kind: court.Invalid, Message: "文件 " + file + " 不是有效的 XLSX 工作簿（可能已损坏或加密）", Err: err}
	}
	return f, nil
}

// sheetOrder lists the sheets to try for table t: those named like the
// table (案件, 人员 ...) first, then the others in workbook order.
func sheetOrder(f *excelize.File, t Table) []string {
	var named, others []string
	for _, name := range f.GetSheetList() {
		if slices.Contains(sheetNames[t], normHeader(name)) {
			named = append(named, name)
		} else {
			others = append(others, name)
		}
	}
	return append(named, others...)
}

// openSheet starts reading a sheet of f.
func openSheet(f *excelize.File, sheet string) (*xlsxReader, error) {
	r := &xlsxReader{f: f, sheet: sheet}
	if props, err := f.GetWorkbookProps(); err == nil && props.Date1904 != nil && *props.Date1904 {
		r.shift = date1904Shift
	}
	if dim, err := f.GetSheetDimension(sheet); err == nil {
		r.total = lastRow(dim)
	}
	var err error
	r.rows, err = f.Rows(sheet)
	return r, err
}

// lastRow reads the last row number of a dimension such as A1:V200001, 0
// when the dimension is a single cell (some writers never update it).
func lastRow(dim string) int64 {
	_, ref, ok := strings.Cut(dim, ":")
	if !ok {
		return 0
	}
	n, _ := strconv.ParseInt(strings.TrimLeft(ref, "ABCDEFGHIJKLMNOPQRSTUVWXYZ$"), 10, 64)
	return n
}

func (r *xlsxReader) next(rec *record) error {
	if !r.rows.Next() {
		if err := r.rows.Error(); err != nil {
			return err
		}
		return io.EOF
	}
	r.line++
	r.done.Store(int64(r.line))
	cells, err := r.rows.Columns()
	if err != nil {
		return err
	}
	*rec = record{line: r.line, cells: cells, width: len(cells)}
	for i, c := range cells {
		if len(c) > maxField {
			cells[i] = string(truncateUTF8([]byte(c), maxField))
			rec.issue(i, "字段过长（超过 64 KiB），只读取了开头部分")
		}
	}
	return nil
}

func (r *xlsxReader) progress() (int64, int64) {
	done := r.done.Load()
	if done > r.total {
		return done, 0
	}
	return done, r.total
}

func (r *xlsxReader) close() error {
	err := r.rows.Close()
	if cerr := r.f.Close(); err == nil {
		err = cerr
	}
	return err
}
