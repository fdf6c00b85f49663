package ingest

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/zhixiao/zhixiao/internal/court"
)

// categorySynonyms maps the spellings of 人员类别 found in exports to DATA.md's categories.
var categorySynonyms = map[string]court.Category{
	"法官": court.CategoryJudge, "入额法官": court.CategoryJudge,
	"法警":   court.CategoryPolice,
	"司法行政": court.CategoryAdmin, "行政人员": court.CategoryAdmin,
}

// checkPerson reads a row of a people file, and the court it names when the
// file has court columns.
func (c *rowCtx) checkPerson() (*court.Person, *court.Court) {
	p := &court.Person{
		Name:       c.required(pName),
		StaffNo:    c.required(pStaffNo),
		Court:      c.required(pCourt),
		Department: c.required(pDepartment),
		Category:   c.category(),
		Title:      c.cell(pTitle),
		Active:     c.tri(pActive) != court.No,
	}
	p.JoinedOn, _ = c.date(pJoinedOn)
	if p.StaffNo != "" && p.Court != "" {
		c.s.seen.key(c, pStaffNo, p.Court+"\x00"+p.StaffNo, "同一法院的工号")
	}
	lay := c.s.lay
	if lay.colOf[pCourtCode] < 0 && lay.colOf[pCourtLevel] < 0 && lay.colOf[pParentCourt] < 0 || p.Court == "" {
		return p, nil
	}
	return p, c.court(p.Court)
}

func (c *rowCtx) category() court.Category {
	v := c.required(pCategory)
	for _, cat := range court.Categories {
		if v == string(cat) {
			return cat
		}
	}
	if cat, ok := categorySynonyms[v]; ok {
		return cat
	}
	if v != "" {
		names := make([]string, len(court.Categories))
		for i, cat := range court.Categories {
			names[i] = string(cat)
		}
		c.problem(pCategory, "无法识别的人员类别，应为："+strings.Join(names, "、"))
	}
	return ""
}

// courtSeen is the first description of a court in a people file.
type courtSeen struct {
	line  int
	court court.Court
}

// court reads 法院代字, 法院级别 and 上级法院 and checks that every row
// describes the court the same way.
func (c *rowCtx) court(name string) *court.Court {
	ct := &court.Court{Name: name, Code: c.cell(pCourtCode), Parent: c.cell(pParentCourt)}
	if ct.Code != "" && !validCourtCode(ct.Code) {
		c.problem(pCourtCode, "法院代字应为一至三个汉字加数字，如 京0105、京01、京")
	}
	if ct.Parent == name {
		c.problem(pParentCourt, "上级法院不能是本院")
	}
	ct.Level = c.courtLevel(name)
	prev, ok := c.s.seen.courts[name]
	switch {
	case !ok:
		c.s.seen.courts[name] = courtSeen{c.rec.line, *ct}
	case prev.court != *ct:
		c.problem(pCourt, "法院“"+name+"”的法院代字、级别或上级法院与第"+strconv.Itoa(prev.line)+"行不一致")
	}
	return ct
}

func (c *rowCtx) courtLevel(name string) court.CourtLevel {
	v := c.cell(pCourtLevel)
	if v == "" {
		return court.GuessCourtLevel(name)
	}
	l, ok := court.ParseCourtLevel(v)
	if !ok {
		c.problem(pCourtLevel, "无法识别的法院级别，应为：最高院、高院、中院、基层")
	}
	return l
}

// validCourtCode accepts one to three Han characters followed by up to six
// digits, the form of a 法院代字.
func validCourtCode(s string) bool {
	han := 0
	for _, r := range s {
		if !unicode.Is(unicode.Han, r) {
			break
		}
		han++
		s = s[len(string(r)):]
	}
	return han >= 1 && han <= 3 && len(s) <= 6 && allDigits(s)
}
