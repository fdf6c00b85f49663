package web

import (
	"context"
	"net/http"
	"net/url"
	"sort"
	"strconv"

	"github.com/zhixiao/zhixiao/internal/court"
	"github.com/zhixiao/zhixiao/internal/store"
)

// casePageSize is the number of cases on one page of a list.
const casePageSize = 50

// caseSet is a named list of cases of a unit.
type caseSet struct {
	Title string
	keep  func(r *caseRow) bool
	order string // default sort
}

// caseSets are the lists a unit has besides the indicator drill-downs.
var caseSets = map[string]caseSet{
	"pending":      {"未结案件", func(*caseRow) bool { return true }, "filed"},
	"pending-long": {"长期未结案件（立案超过12个月）", func(r *caseRow) bool { return r.Days > longPendingDays }, "filed"},
	"near-limit":   {"临近审限及已超审限案件", func(r *caseRow) bool { return r.Status.Allowed > 0 && r.Status.Left <= nearLimitDays }, "left"},
}

// caseRow is one case of a list.
type caseRow struct {
	store.CaseSummary
	Status limitStatus
	Days   int  // 审理天数 of a closed case, days since 立案 of a pending one
	Hidden bool // outside the visitor's scope or not a case: only its number is shown
}

// URL is the case page.
func (r *caseRow) URL() string { return caseURL(r.No) }

func caseURL(no string) string { return "/cases/" + url.PathEscape(no) }

// caseListPage is the data of a case list.
type caseListPage struct {
	Unit      *unit
	Title     string
	Rows      []caseRow
	Total     int
	Page      int
	Pages     int
	Sort, Dir string
	Base      string // the list's URL without sort and page
	Columns   []sortColumn
}

// sortColumn is a sortable column heading.
type sortColumn struct{ Key, Label string }

var sortColumns = []sortColumn{{"no", "案号"}, {"judge", "承办人"}, {"filed", "立案日期"}, {"closed", "结案日期"}, {"days", "天数"}, {"left", "审限"}}

// rowsOf turns summaries into rows measured on today.
func rowsOf(cs []store.CaseSummary, today court.Date) []caseRow {
	rows := make([]caseRow, len(cs))
	for i := range cs {
		r := &rows[i]
		r.CaseSummary = cs[i]
		r.Status = timeLimit(&cs[i], today)
		end := cs[i].ClosedOn
		if end.IsZero() {
			end = today
		}
		r.Days = int(end - cs[i].FiledOn)
	}
	return rows
}

// setCases returns the cases of a set of unit u, within the visitor's scope
// (the filter carries it, so the query itself cannot reach further).
func (s *Server) setCases(ctx context.Context, v *visitor, u *unit, set caseSet) ([]caseRow, error) {
	f := store.CaseFilter{Scope: v.Scope, Pending: true}
	switch u.Kind {
	case kindCourt:
		f.CourtID = u.ID
	case kindDepartment:
		f.DepartmentID = u.ID
	case kindJudge:
		f.JudgeID = u.ID
	}
	cs, err := s.data.CaseSummaries(ctx, f)
	if err != nil {
		return nil, err
	}
	rows := rowsOf(cs, s.today())
	kept := rows[:0]
	for i := range rows {
		if set.keep(&rows[i]) {
			kept = append(kept, rows[i])
		}
	}
	return kept, nil
}

// sortRows orders rows by a column; ties keep 立案日期 order.
func sortRows(rows []caseRow, key, dir string) error {
	less, ok := rowOrders[key]
	if !ok {
		return court.Errorf(court.Invalid, "排序字段“%s”无效", key)
	}
	if dir != "asc" && dir != "desc" {
		return court.Errorf(court.Invalid, "排序方向“%s”无效，应为 asc 或 desc", dir)
	}
	sort.SliceStable(rows, func(i, j int) bool {
		if dir == "desc" {
			return less(&rows[j], &rows[i])
		}
		return less(&rows[i], &rows[j])
	})
	return nil
}

var rowOrders = map[string]func(a, b *caseRow) bool{
	"no":     func(a, b *caseRow) bool { return a.No < b.No },
	"judge":  func(a, b *caseRow) bool { return a.Judge < b.Judge },
	"filed":  func(a, b *caseRow) bool { return a.FiledOn < b.FiledOn },
	"closed": func(a, b *caseRow) bool { return a.ClosedOn < b.ClosedOn },
	"days":   func(a, b *caseRow) bool { return a.Days < b.Days },
	"left":   func(a, b *caseRow) bool { return leftKey(a) < leftKey(b) },
}

// leftKey sorts cases without a limit last.
func leftKey(r *caseRow) int {
	if r.Status.Allowed == 0 {
		return 1 << 30
	}
	return r.Status.Left
}

// listOptions are the sort and page of a list request.
type listOptions struct {
	Sort, Dir string
	Page      int
	XLSX      bool
}

func parseListOptions(q url.Values, defaultSort string) (listOptions, error) {
	o := listOptions{Sort: q.Get("sort"), Dir: q.Get("dir"), XLSX: q.Get("format") == "xlsx"}
	if o.Sort == "" {
		o.Sort = defaultSort
	}
	if o.Dir == "" {
		o.Dir = "asc"
	}
	if f := q.Get("format"); f != "" && f != "xlsx" && f != "html" {
		return o, court.Errorf(court.Invalid, "导出格式“%s”无效，应为 xlsx", f)
	}
	var err error
	o.Page, err = pageNumber(q.Get("page"))
	return o, err
}

// unitCaseList answers GET /units/{kind}/{id}/cases/{set}.
func (s *Server) unitCaseList(w http.ResponseWriter, r *http.Request, v *visitor) error {
	set, ok := caseSets[r.PathValue("set")]
	if !ok {
		return court.Errorf(court.NotFound, "案件清单“%s”不存在", r.PathValue("set"))
	}
	u, _, err := s.resolveUnit(r.Context(), v, r.PathValue("kind"), r.PathValue("id"))
	if err != nil {
		return err
	}
	o, err := parseListOptions(r.URL.Query(), set.order)
	if err != nil {
		return err
	}
	rows, err := s.setCases(r.Context(), v, u, set)
	if err != nil {
		return err
	}
	return s.showCases(w, r, v, u, set.Title, rows, o)
}

// showCases sorts, pages and renders a list, or writes it as XLSX.
func (s *Server) showCases(w http.ResponseWriter, r *http.Request, v *visitor, u *unit, title string, rows []caseRow, o listOptions) error {
	if err := sortRows(rows, o.Sort, o.Dir); err != nil {
		return err
	}
	if o.XLSX {
		return writeCasesXLSX(w, u.Name+" "+title, rows)
	}
	p := caseListPage{Unit: u, Title: title, Total: len(rows), Page: o.Page, Sort: o.Sort, Dir: o.Dir, Columns: sortColumns}
	p.Pages = max(1, (len(rows)+casePageSize-1)/casePageSize)
	if o.Page > p.Pages {
		return court.Errorf(court.NotFound, "第 %d 页不存在：共 %d 页", o.Page, p.Pages)
	}
	p.Rows = rows[(o.Page-1)*casePageSize : min(o.Page*casePageSize, len(rows))]
	p.Base = listBase(r.URL)
	return s.render(w, http.StatusOK, "cases", view{Title: title + " · " + u.Name, Nav: "dashboard", Visitor: v, CSRF: v.Session.CSRF, Data: &p})
}

// listBase is the URL of a list without its sort, direction, page and format.
func listBase(u *url.URL) string {
	q := u.Query()
	for _, k := range []string{"sort", "dir", "page", "format"} {
		q.Del(k)
	}
	if len(q) == 0 {
		return u.Path + "?"
	}
	return u.Path + "?" + q.Encode() + "&"
}

// SortURL is the list sorted by key, flipping the direction when it is
// already sorted by key.
func (p *caseListPage) SortURL(key string) string {
	dir := "asc"
	if p.Sort == key && p.Dir == "asc" {
		dir = "desc"
	}
	return p.Base + "sort=" + key + "&dir=" + dir
}

// PageURL is page n of the list in its order.
func (p *caseListPage) PageURL(n int) string {
	return p.Base + "sort=" + p.Sort + "&dir=" + p.Dir + "&page=" + strconv.Itoa(n)
}

// ExportURL is the list as XLSX.
func (p *caseListPage) ExportURL() string {
	return p.Base + "sort=" + p.Sort + "&dir=" + p.Dir + "&format=xlsx"
}

// Arrow marks the sorted column.
func (p *caseListPage) Arrow(key string) string {
	switch {
	case p.Sort != key:
		return ""
	case p.Dir == "asc":
		return " ▲"
	}
	return " ▼"
}
