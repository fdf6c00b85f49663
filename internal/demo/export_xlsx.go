package demo

import (
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/zhixiao/zhixiao/internal/court"
)

// The sheet names of the XLSX files.
const (
	caseSheet   = "案件信息表"
	personSheet = "人员信息表"
)

// sheet is an XLSX file being written row by row.
type sheet struct {
	f      *excelize.File
	sw     *excelize.StreamWriter
	row    int
	date   int // style of date cells
	amount int // style of amounts in yuan
}

func newSheet(name string, header []string, widths map[int]float64) (*sheet, error) {
	f := excelize.NewFile()
	if err := f.SetSheetName("Sheet1", name); err != nil {
		return nil, err
	}
	sw, err := f.NewStreamWriter(name)
	if err != nil {
		return nil, err
	}
	dateFmt, amountFmt := "yyyy-mm-dd", "#,##0.00"
	s := &sheet{f: f, sw: sw}
	if s.date, err = f.NewStyle(&excelize.Style{CustomNumFmt: &dateFmt}); err != nil {
		return nil, err
	}
	if s.amount, err = f.NewStyle(&excelize.Style{CustomNumFmt: &amountFmt}); err != nil {
		return nil, err
	}
	for col, w := range widths {
		if err := sw.SetColWidth(col, col, w); err != nil {
			return nil, err
		}
	}
	cells := make([]any, len(header))
	for i, h := range header {
		cells[i] = h
	}
	return s, s.add(cells)
}

func (s *sheet) add(cells []any) error {
	s.row++
	cell, err := excelize.CoordinatesToCellName(1, s.row)
	if err != nil {
		return err
	}
	return s.sw.SetRow(cell, cells)
}

// dateCell is a real date cell (the Date is the spreadsheet serial), nil when absent.
func (s *sheet) dateCell(d court.Date) any {
	if d == court.NoDate {
		return nil
	}
	return excelize.Cell{StyleID: s.date, Value: int(d)}
}

// amountCell is an amount in yuan, nil when absent.
func (s *sheet) amountCell(m court.Money) any {
	if m < 0 {
		return nil
	}
	return excelize.Cell{StyleID: s.amount, Value: float64(m) / 100}
}

func (s *sheet) save(path string) error {
	if err := s.sw.Flush(); err != nil {
		return err
	}
	if err := s.f.SaveAs(path); err != nil {
		return err
	}
	return s.f.Close()
}

// text is a string cell, nil when empty.
func text(v string) any {
	if v == "" {
		return nil
	}
	return v
}

func writeCasesXLSX(path string, cases []court.Case) error {
	s, err := newSheet(caseSheet, caseHeader, map[int]float64{1: 28, 2: 24, 6: 20, 10: 22, 15: 28})
	if err != nil {
		return err
	}
	row := make([]any, len(caseHeader))
	for i := range cases {
		c := &cases[i]
		row[0], row[1], row[2], row[3], row[4] = c.No.String(), c.Court, c.Department, c.Judge, c.JudgeStaffNo
		row[5], row[6], row[7] = text(strings.Join(c.Panel, "、")), s.dateCell(c.FiledOn), s.dateCell(c.ClosedOn)
		row[8], row[9], row[10] = text(closeText(c.CloseMethod)), text(c.Cause), text(c.Track.String())
		row[11], row[12], row[13] = nil, c.ExtendedDays, c.SuspendedDays
		if c.LimitDays > 0 {
			row[11] = c.LimitDays
		}
		row[14], row[15], row[16] = text(c.OriginNo), text(c.Appealed.String()), c.Hearings
		row[17], row[18], row[19] = s.amountCell(c.ClaimAmount), s.amountCell(c.ExecAmount), s.amountCell(c.ExecRecovered)
		row[20], row[21] = s.dateCell(c.EfileOn), c.EfileReads
		if err := s.add(row); err != nil {
			return err
		}
	}
	return s.save(path)
}

func writePeopleXLSX(path string, people []court.Person, courts map[string]*court.Court) error {
	s, err := newSheet(personSheet, personHeader, map[int]float64{3: 24, 4: 16})
	if err != nil {
		return err
	}
	row := make([]any, len(personHeader))
	for i := range people {
		p := &people[i]
		row[0], row[1], row[2], row[3] = p.Name, p.StaffNo, p.Court, p.Department
		row[4], row[5], row[6], row[7] = string(p.Category), p.Title, s.dateCell(p.JoinedOn), yesNo(p.Active)
		row[8], row[9], row[10] = nil, nil, nil
		if ct := courts[p.Court]; ct != nil {
			row[8], row[9], row[10] = ct.Code, ct.Level.String(), text(ct.Parent)
		}
		if err := s.add(row); err != nil {
			return err
		}
	}
	return s.save(path)
}
