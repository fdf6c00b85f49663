package ingest

import (
	"bufio"
	"bytes"
	"io"
	"os"
	"strconv"
	"sync/atomic"
	"unicode/utf8"
)

// maxField is the longest field kept: a longer one is cut there and reported
// as 字段过长, and the reader skips the rest without holding it.
const maxField = 64 << 10

// Flags of a CSV field.
const (
	flagLong     uint8 = 1 << iota // longer than maxField, cut
	flagQuote                      // text after the closing quote
	flagUnclosed                   // the quote is never closed
)

// The states of the CSV scanner.
const (
	stStart  = iota // at the start of a field
	stPlain         // in a field without quotes
	stQuoted        // in a quoted field
	stQuote         // just after a quote in a quoted field: "" or the end
)

// csvScanner splits a CSV file (RFC 4180, as Excel writes it) into records
// of raw bytes, counting physical lines. Fields are kept up to maxField bytes
// and up to maxFields fields a record; beyond that they are only counted.
type csvScanner struct {
	br        *bufio.Reader
	line      int          // lines consumed
	read      atomic.Int64 // bytes consumed, read by Progress from another goroutine
	maxFields int

	// the current record
	start  int     // line it starts on
	buf    []byte  // the kept bytes of its fields
	ends   []int   // end of each kept field in buf
	flags  []uint8 // flags of each kept field
	count  int     // fields, kept or not
	fStart int     // start of the current field in buf
	fFlags uint8
}

func newCSVScanner(f *os.File) *csvScanner {
	return &csvScanner{br: bufio.NewReaderSize(f, 256<<10), maxFields: 1024}
}

// next reads one record; io.EOF after the last.
func (s *csvScanner) next() error {
	s.start, s.buf, s.ends, s.flags, s.count, s.fStart, s.fFlags = s.line+1, s.buf[:0], s.ends[:0], s.flags[:0], 0, 0, 0
	st := stStart
	for {
		chunk, err := s.br.ReadSlice('\n')
		s.read.Add(int64(len(chunk)))
		if err != nil && err != bufio.ErrBufferFull && err != io.EOF {
			return err
		}
		if len(chunk) == 0 && err == io.EOF && st == stStart && s.count == 0 {
			return io.EOF
		}
		var done bool
		st, done = s.scan(chunk, st)
		if len(chunk) > 0 && chunk[len(chunk)-1] == '\n' {
			s.line++
		}
		if done {
			return nil
		}
		if err == io.EOF {
			s.finish(st)
			return nil
		}
	}
}

// scan consumes one chunk (a line or part of one) in state st; done says the
// record ended with the chunk.
func (s *csvScanner) scan(chunk []byte, st int) (int, bool) {
	for i := 0; i < len(chunk); {
		switch st {
		case stStart:
			if chunk[i] == '"' {
				st, i = stQuoted, i+1
				continue
			}
			st = stPlain
		case stPlain:
			j := bytes.IndexByte(chunk[i:], ',')
			if j >= 0 {
				s.add(chunk[i : i+j])
				s.endField()
				st, i = stStart, i+j+1
				continue
			}
			rest := chunk[i:]
			if n := len(rest); rest[n-1] == '\n' {
				s.add(rest[:n-1])
				s.trimCR()
				s.endField()
				return stStart, true
			}
			s.add(rest)
			return stPlain, false
		case stQuoted:
			j := bytes.IndexByte(chunk[i:], '"')
			if j < 0 {
				s.addQuoted(chunk[i:])
				return stQuoted, false
			}
			s.addQuoted(chunk[i : i+j])
			st, i = stQuote, i+j+1
		case stQuote:
			st, i = s.afterQuote(chunk[i], st, i)
			if st == stStart && chunk[i-1] == '\n' {
				return stStart, true
			}
		}
	}
	return st, false
}

// afterQuote handles the byte after a quote inside a quoted field.
func (s *csvScanner) afterQuote(c byte, st, i int) (int, int) {
	switch c {
	case '"':
		s.add([]byte{'"'})
		return stQuoted, i + 1
	case ',', '\n':
		s.endField()
		return stStart, i + 1
	case '\r':
		return st, i + 1
	}
	s.fFlags |= flagQuote
	s.add([]byte{'"'})
	return stPlain, i
}

// finish ends a record at the end of the file without a line break.
func (s *csvScanner) finish(st int) {
	switch st {
	case stQuoted:
		s.fFlags |= flagUnclosed
	case stPlain:
		s.trimCR()
	}
	s.endField()
}

func (s *csvScanner) add(b []byte) {
	if s.count >= s.maxFields {
		return
	}
	if room := maxField - (len(s.buf) - s.fStart); len(b) > room {
		b = b[:max(room, 0)]
		s.fFlags |= flagLong
	}
	s.buf = append(s.buf, b...)
}

// addQuoted adds the text of a quoted field, turning CR LF into LF.
func (s *csvScanner) addQuoted(b []byte) {
	for {
		i := bytes.Index(b, []byte("\r\n"))
		if i < 0 {
			s.add(b)
			return
		}
		s.add(b[:i])
		b = b[i+1:]
	}
}

func (s *csvScanner) trimCR() {
	if n := len(s.buf); n > s.fStart && s.buf[n-1] == '\r' {
		s.buf = s.buf[:n-1]
	}
}

func (s *csvScanner) endField() {
	if s.count < s.maxFields {
		s.ends = append(s.ends, len(s.buf))
		s.flags = append(s.flags, s.fFlags)
	}
	s.count++
	s.fStart, s.fFlags = len(s.buf), 0
}

// field returns the bytes of kept field i.
func (s *csvScanner) field(i int) []byte {
	from := 0
	if i > 0 {
		from = s.ends[i-1]
	}
	return s.buf[from:s.ends[i]]
}

// csvReader reads the records of a CSV file as decoded text.
type csvReader struct {
	f    *os.File
	sc   *csvScanner
	dec  *textDecoder
	bom  int64
	size int64
	slab []string // cells are cut from it: one allocation for many rows
}

// cells returns a slice of n empty cells.
func (r *csvReader) cells(n int) []string {
	if n > len(r.slab) {
		r.slab = make([]string, max(n, 4096))
	}
	c := r.slab[:n:n]
	r.slab = r.slab[n:]
	return c
}

// next decodes the next record into rec.
func (r *csvReader) next(rec *record) error {
	if err := r.sc.next(); err != nil {
		return err
	}
	sc := r.sc
	*rec = record{line: sc.start, width: sc.count, cells: r.cells(len(sc.ends))}
	if r.dec.gb == nil && !hasFlags(sc.flags) && utf8.Valid(sc.buf) {
		all := string(sc.buf)
		from := 0
		for i, end := range sc.ends {
			rec.cells[i], from = all[from:end], end
		}
		return nil
	}
	for i := range sc.ends {
		r.decodeField(rec, i)
	}
	return nil
}

// decodeField decodes field i, reporting what went wrong with it.
func (r *csvReader) decodeField(rec *record, i int) {
	b, fl := r.sc.field(i), r.sc.flags[i]
	s, ok := r.dec.decode(b)
	rec.cells[i] = s
	switch {
	case fl&flagLong != 0:
		rec.issue(i, "字段过长（超过 64 KiB），只读取了开头部分；请检查该单元格的内容或引号是否正确")
	case !ok:
		rec.issue(i, r.dec.badEncoding())
	}
	if fl&flagUnclosed != 0 {
		rec.issue(i, "引号没有闭合：从该字段的引号起直到文件末尾都被读成了一个字段")
	}
	if fl&flagQuote != 0 {
		rec.issue(i, "引号使用不当：带引号的字段在结束引号之后还有字符（字段中的引号应写成两个引号 \"\"）")
	}
}

func hasFlags(flags []uint8) bool {
	for _, f := range flags {
		if f != 0 {
			return true
		}
	}
	return false
}

func (r *csvReader) progress() (int64, int64) { return r.bom + r.sc.read.Load(), r.size }

func (r *csvReader) close() error { return r.f.Close() }

// widthProblem is the row-level problem of a CSV row with the wrong number of fields.
func widthProblem(width, header int) string {
	return "该行有" + strconv.Itoa(width) + "列，表头有" + strconv.Itoa(header) + "列；请检查是否有未加引号的逗号或缺少的字段"
}
