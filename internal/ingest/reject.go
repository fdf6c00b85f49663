package ingest

import (
	"bufio"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"

	"github.com/zhixiao/zhixiao/internal/court"
)

// RejectWriter saves rejected rows to a CSV file the user can fix and import
// again: the original columns, then 错误原因. It writes UTF-8 with a BOM so
// that Excel opens it correctly.
type RejectWriter struct {
	f     *os.File
	bw    *bufio.Writer
	w     *csv.Writer
	width int
	cells []string
}

// NewRejectWriter creates the rejects file at path with the source's header
// (Source.Header) plus 错误原因.
func NewRejectWriter(path string, header []string) (*RejectWriter, error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, &court.Error{Kind: court.Internal, Message: "无法创建文件 " + filepath.Base(path), Err: err}
	}
	bw := bufio.NewWriter(f)
	bw.Write(bomUTF8)
	w := &RejectWriter{f: f, bw: bw, w: csv.NewWriter(bw), width: len(header)}
	w.w.UseCRLF = true
	if err := w.w.Write(append(append([]string(nil), header...), rejectColumn)); err != nil {
		f.Close()
		return nil, err
	}
	return w, nil
}

// Write appends a row: its cells under their headers, the problems joined by
// "；" under 错误原因, and cells beyond the header (a row with too many
// fields) after that.
func (w *RejectWriter) Write(row Row) error {
	w.cells = w.cells[:0]
	for i := 0; i < w.width; i++ {
		v := ""
		if i < len(row.Raw) {
			v = row.Raw[i]
		}
		w.cells = append(w.cells, v)
	}
	w.cells = append(w.cells, Reasons(row.Problems))
	if len(row.Raw) > w.width {
		w.cells = append(w.cells, row.Raw[w.width:]...)
	}
	return w.w.Write(w.cells)
}

// Reasons joins problems for the 错误原因 column: 列“结案日期”：日期不存在；….
// The line is left out: it changes in the rejects file.
func Reasons(problems []Problem) string {
	parts := make([]string, len(problems))
	for i, p := range problems {
		parts[i] = p.Reason
		if p.Column != "" {
			parts[i] = "列“" + p.Column + "”：" + p.Reason
		}
	}
	return strings.Join(parts, "；")
}

// Close flushes and closes the file.
func (w *RejectWriter) Close() error {
	w.w.Flush()
	err := w.w.Error()
	if ferr := w.bw.Flush(); err == nil {
		err = ferr
	}
	if cerr := w.f.Close(); err == nil {
		err = cerr
	}
	return err
}
