package web

import (
	"fmt"
	"net/http"
	"net/url"
	"time"

	"github.com/xuri/excelize/v2"
)

// caseColumns are the columns of an exported case list.
var caseColumns = []string{"案号", "法院", "部门", "承办人", "类别", "审级", "案由", "立案日期", "结案日期", "结案方式", "天数", "审限天数", "审限状态"}

// writeCasesXLSX writes rows as an XLSX workbook for download.
func writeCasesXLSX(w http.ResponseWriter, title string, rows []caseRow) error {
	f := excelize.NewFile()
	defer f.Close()
	sheet := "案件清单"
	f.SetSheetName("Sheet1", sheet)
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	head := make([]any, len(caseColumns))
	for i, c := range caseColumns {
		head[i] = c
	}
	if err := sw.SetRow("A1", head); err != nil {
		return err
	}
	for i := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := sw.SetRow(cell, xlsxRow(&rows[i])); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	name := fmt.Sprintf("%s_%s.xlsx", title, time.Now().Format("20060102"))
	w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	w.Header().Set("Content-Disposition", "attachment; filename*=UTF-8''"+url.PathEscape(name))
	return f.Write(w)
}

func xlsxRow(r *caseRow) []any {
	limit := any("")
	if r.Status.Allowed > 0 {
		limit = r.Status.Allowed
	}
	return []any{r.No, r.Court, r.Department, r.Judge, r.Kind, r.Level, r.Cause, r.FiledOn.String(), r.ClosedOn.String(),
		r.CloseMethod, r.Days, limit, r.Status.Label}
}
