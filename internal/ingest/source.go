package ingest

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/zhixiao/zhixiao/internal/court"
)

// Row is one data row of an export, read and checked. When Problems is
// empty, exactly one of Case, Person, Fund, Mediation and Party is set, per Table
// (and Court too for a people file that describes its courts); when it is
// not, none of them is.
type Row struct {
	Ref       Ref
	Raw       []string // the cells as read, in the order of Header (for the rejects file)
	Case      *court.Case
	Person    *court.Person
	Court     *court.Court // people files with 法院代字, 法院级别 or 上级法院 columns
	Fund      *court.FundReceipt
	Mediation *court.Mediation
	Party     *court.Party
	Problems  []Problem
}

// record is one row as a reader delivers it: decoded cells and what went
// wrong while reading them.
type record struct {
	line   int
	cells  []string
	width  int // fields in the row (CSV) or up to its last non-empty cell (XLSX)
	issues []issue
}

// issue is a reading problem of one cell.
type issue struct {
	col    int
	reason string
}

func (r *record) issue(col int, reason string) {
	r.issues = append(r.issues, issue{col, reason})
}

// recordReader is a CSV or XLSX reader.
type recordReader interface {
	next(rec *record) error // io.EOF after the last row
	progress() (done, total int64)
	close() error
}

// Source reads the rows of one export file: a CSV in UTF-8 or GB18030, or an
// XLSX workbook.
type Source struct {
	file    string // base name, for messages
	table   Table
	enc     string
	rd      recordReader
	sheet   string
	xlsx    bool
	shift   int // added to workbook date serials
	lay     *layout
	header  []string // as Header returns it
	drop    int      // column of 错误原因, -1 when none
	pending []record // rows read ahead while looking for the header
	pf      *prefetch
	closed  bool
	seen    seen
	cases   []court.Case // Cases are cut from it: one allocation for many rows
}

// newCase returns a zero Case.
func (s *Source) newCase() *court.Case {
	if len(s.cases) == 0 {
		s.cases = make([]court.Case, 256)
	}
	k := &s.cases[0]
	s.cases = s.cases[1:]
	return k
}

// The magic numbers that tell a workbook from text.
var (
	magicZip = []byte("PK\x03\x04")
	magicOLE = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
)

// Open opens an export of table t, telling XLSX from CSV by the file's
// content, and reads its header. File-level problems (empty file, header
// only, not text, undecodable, unknown, missing or duplicate columns) are
// court.Invalid errors naming the file.
func Open(path string, t Table) (*Source, error) {
	if t < Cases || t > Parties {
		return nil, court.Errorf(court.Invalid, "未知的数据类型 %d", t)
	}
	s := &Source{file: filepath.Base(path), table: t, drop: -1}
	if err := s.open(path); err != nil {
		return nil, err
	}
	s.seen.init(t)
	return s, nil
}

func (s *Source) open(path string) error {
	f, err := os.Open(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return &court.Error{Kind: court.NotFound, Message: "找不到文件 " + s.file, Err: err}
		}
		return &court.Error{Kind: court.Invalid, Message: "无法打开文件 " + s.file, Err: err}
	}
	magic := make([]byte, 8)
	n, _ := f.ReadAt(magic, 0)
	switch magic = magic[:n]; {
	case bytes.HasPrefix(magic, magicZip):
		f.Close()
		return s.openXLSX(path)
	case bytes.Equal(magic, magicOLE):
		f.Close()
		return court.Errorf(court.Invalid, "文件 %s 是旧版 Excel（.xls）或加密的工作簿：请在 Excel 中另存为 .xlsx 或 CSV 后再导入", s.file)
	}
	if err := s.openCSV(f); err != nil {
		f.Close()
		return err
	}
	if err := s.readHeader(); err != nil {
		s.rd.close()
		return err
	}
	return nil
}

// openXLSX opens the first worksheet whose header fits the table, trying
// the sheets named like the table first; when none fits, the error is that
// of the first sheet with data.
func (s *Source) openXLSX(path string) error {
	f, err := openWorkbook(path, s.file)
	if err != nil {
		return err
	}
	s.xlsx, s.enc = true, EncodingXLSX
	var first error
	for _, sheet := range sheetOrder(f, s.table) {
		err := s.trySheet(f, sheet)
		if err == nil {
			return nil
		}
		if court.KindOf(err) != court.Invalid {
			f.Close()
			return err
		}
		if first == nil && err != errNoData {
			first = err
		}
	}
	f.Close()
	if first == nil {
		first = court.Errorf(court.Invalid, "文件 %s 是空文件：工作簿中没有任何数据", s.file)
	}
	return first
}

// errNoData marks a worksheet without data, which openXLSX passes over.
var errNoData = court.Errorf(court.Invalid, "工作表没有数据")

// trySheet reads the header of one sheet; on failure the sheet is closed.
func (s *Source) trySheet(f *excelize.File, sheet string) error {
	r, err := openSheet(f, sheet)
	if err != nil {
		return &court.Error{Kind: court.Internal, Message: "读取文件 " + s.file + " 时出错", Err: err}
	}
	s.rd, s.sheet, s.shift, s.pending = r, sheet, r.shift, nil
	if err = s.readHeader(); err != nil {
		r.rows.Close()
	}
	return err
}

// label names the file, and the worksheet of a workbook, for messages of
// the form "文件 "+label+"的…": cases.csv + space, or cases.xlsx 工作表“案件”.
func (s *Source) label() string {
	if s.sheet != "" {
		return s.file + " 工作表“" + s.sheet + "”"
	}
	return s.file + " "
}

// sampleSize is how much of a CSV file decides its encoding.
const sampleSize = 64 << 10

func (s *Source) openCSV(f *os.File) error {
	st, err := f.Stat()
	if err != nil {
		return &court.Error{Kind: court.Internal, Message: "无法读取文件 " + s.file, Err: err}
	}
	sc := newCSVScanner(f)
	sample, err := sc.br.Peek(sampleSize)
	if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
		return &court.Error{Kind: court.Internal, Message: "无法读取文件 " + s.file, Err: err}
	}
	partial := int64(len(sample)) < st.Size()
	if err := s.checkSample(sample, partial); err != nil {
		return err
	}
	r := &csvReader{f: f, sc: sc, dec: newTextDecoder(s.enc), size: st.Size()}
	if s.enc == EncodingUTF8BOM {
		r.bom = int64(len(bomUTF8))
		sc.br.Discard(len(bomUTF8)) // peeked above: cannot fail
	}
	s.rd = r
	return nil
}

// checkSample refuses files that are empty or not text, and sets the encoding.
func (s *Source) checkSample(sample []byte, partial bool) error {
	switch {
	case !partial && len(bytes.TrimSpace(bytes.TrimPrefix(sample, bomUTF8))) == 0:
		return court.Errorf(court.Invalid, "文件 %s 是空文件", s.file)
	case bytes.HasPrefix(sample, bomUTF16LE) || bytes.HasPrefix(sample, bomUTF16BE):
		return court.Errorf(court.Invalid, "文件 %s 是 UTF-16 编码的文本：请另存为“CSV UTF-8（逗号分隔）”或 GBK 编码的 CSV 后再导入", s.file)
	}
	s.enc = detectEncoding(sample, partial)
	if s.enc == "" {
		return court.Errorf(court.Invalid, "文件 %s 不是 CSV 文本文件或 XLSX 工作簿（既不是 UTF-8 也不是 GBK/GB18030 编码的文本）", s.file)
	}
	return nil
}

// readHeader finds the header row, skipping one title row above it (a row
// with a single cell, such as “某某法院案件信息表”), checks it against the
// table, and reads ahead to the first data row.
func (s *Source) readHeader() error {
	first, err := s.nextNonBlank()
	if err == io.EOF && s.xlsx {
		return errNoData
	} else if err == io.EOF {
		return court.Errorf(court.Invalid, "文件 %s 是空文件", s.file)
	} else if err != nil {
		return err
	}
	header := first
	if nonBlank(first.cells) == 1 {
		second, err := s.nextNonBlank()
		switch {
		case err != nil && err != io.EOF:
			return err
		case err == nil && nonBlank(second.cells) >= 2:
			header = second
		case err == nil:
			s.pending = append(s.pending, second)
		}
	}
	if err := s.useHeader(header); err != nil {
		return err
	}
	if len(s.pending) == 0 {
		rec, err := s.nextNonBlank()
		if err == io.EOF {
			return court.Errorf(court.Invalid, "文件 %s只有表头，没有数据行", s.label())
		} else if err != nil {
			return err
		}
		s.pending = append(s.pending, rec)
	}
	return nil
}

func (s *Source) useHeader(rec record) error {
	if len(rec.issues) > 0 {
		return court.Errorf(court.Invalid, "文件 %s的表头（第%d行）无法读取：%s", s.label(), rec.line, rec.issues[0].reason)
	}
	lay, err := resolveHeader(s.label(), s.table, rec.cells)
	if err != nil {
		return err
	}
	s.lay = lay
	for col, f := range lay.fieldOf {
		if f == colIgnored && normHeader(lay.header[col]) == rejectColumn {
			s.drop = col
		}
	}
	s.header = dropColumn(lay.header, s.drop)
	if r, ok := s.rd.(*csvReader); ok {
		r.sc.maxFields = 2*len(lay.header) + 8
	}
	return nil
}

// nextNonBlank reads the next row that has a non-empty cell.
func (s *Source) nextNonBlank() (record, error) {
	var rec record
	for {
		if err := s.rd.next(&rec); err != nil {
			if err != io.EOF {
				err = &court.Error{Kind: court.Internal, Message: "读取文件 " + s.file + " 时出错", Err: err}
			}
			return rec, err
		}
		if !blank(rec.cells) || len(rec.issues) > 0 {
			return rec, nil
		}
	}
}

func blank(cells []string) bool {
	for _, c := range cells {
		if trim(c) != "" {
			return false
		}
	}
	return true
}

func nonBlank(cells []string) int {
	n := 0
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			n++
		}
	}
	return n
}

// dropColumn returns cells without column col (no copy when col < 0).
func dropColumn(cells []string, col int) []string {
	if col < 0 || col >= len(cells) {
		return cells
	}
	out := make([]string, 0, len(cells)-1)
	return append(append(out, cells[:col]...), cells[col+1:]...)
}

// Header returns the column headers as written in the file, without the
// 错误原因 column of a rejects file. Row.Raw follows the same order.
func (s *Source) Header() []string { return s.header }

// Encoding names how the file was read: UTF-8, UTF-8 (BOM), GB18030 or XLSX.
func (s *Source) Encoding() string { return s.enc }

// Sheet is the worksheet read from a workbook, "" for CSV.
func (s *Source) Sheet() string { return s.sheet }

// Progress reports how far reading has come, for a progress bar: bytes of a
// CSV file, rows of a worksheet; total is 0 when unknown (a workbook that
// does not record its size).
func (s *Source) Progress() (done, total int64) { return s.rd.progress() }

// Close stops reading and releases the file. Closing again does nothing.
func (s *Source) Close() error {
	if s.closed {
		return nil
	}
	s.closed = true
	if s.pf != nil {
		s.pf.stop()
	}
	return s.rd.close()
}

// Next reads and checks the next data row; io.EOF after the last. Problems
// of the row are in Row.Problems; the error is only for failures to read.
// Rows are read ahead on another goroutine; Next itself is not safe for
// concurrent use.
func (s *Source) Next() (Row, error) {
	var rec record
	if s.closed {
		return Row{}, os.ErrClosed
	}
	if len(s.pending) > 0 {
		rec, s.pending = s.pending[0], s.pending[1:]
	} else {
		if s.pf == nil {
			s.pf = startPrefetch(s.nextNonBlank)
		}
		var err error
		if rec, err = s.pf.next(); err != nil {
			return Row{}, err
		}
	}
	return s.check(&rec), nil
}

func (s *Source) ref(line int) Ref { return Ref{File: s.file, Sheet: s.sheet, Line: line} }

// check turns a record into a Row: reading problems first, then the table's rules.
func (s *Source) check(rec *record) Row {
	row := Row{Ref: s.ref(rec.line)}
	c := &rowCtx{s: s, rec: rec, row: &row}
	c.checkShape()
	switch s.table {
	case Cases:
		row.Case = c.checkCase()
	case People:
		row.Person, row.Court = c.checkPerson()
	case Funds:
		row.Fund = c.checkFund()
	case Mediations:
		row.Mediation = c.checkMediation()
	case Parties:
		row.Party = c.checkParty()
	}
	row.Raw = dropColumn(rec.cells, s.drop)
	if len(row.Problems) > 0 {
		row.Case, row.Person, row.Court, row.Fund, row.Mediation, row.Party = nil, nil, nil, nil, nil, nil
	}
	return row
}
