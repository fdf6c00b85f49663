package ingest

import (
	"fmt"
	"strings"

	"github.com/zhixiao/zhixiao/internal/court"
)

// Table is the kind of export a file holds (DATA.md).
type Table uint8

// The tables of DATA.md.
const (
	Cases      Table = iota + 1 // 案件信息表
	People                      // 人员
	Funds                       // 执行案款表
	Mediations                  // 诉前调解表
	Parties                     // 当事人表
)

var tableNames = [...]string{"", "案件", "人员", "执行案款", "诉前调解", "当事人"}
var tableKeys = [...]string{"", "cases", "people", "funds", "mediations", "parties"}

// String returns the Chinese name of the table.
func (t Table) String() string {
	if int(t) < len(tableNames) {
		return tableNames[t]
	}
	return "未知"
}

// ParseTable reads cases, people, funds, mediations or parties (or 案件, 人员, 执行案款, 诉前调解, 当事人).
func ParseTable(s string) (Table, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	for i := 1; i < len(tableKeys); i++ {
		if s == tableKeys[i] || s == tableNames[i] {
			return Table(i), nil
		}
	}
	return 0, court.Errorf(court.Invalid, "无法识别的数据类型“%s”，应为 cases（案件）、people（人员）、funds（执行案款）、mediations（诉前调解）或 parties（当事人）", s)
}

// sheetNames are the worksheet names that mark a table's sheet in a workbook.
var sheetNames = [...][]string{
	Cases:      {"案件", "案件信息", "案件信息表", "案件表", "cases"},
	People:     {"人员", "人员信息", "人员信息表", "人员表", "people"},
	Funds:      {"执行案款", "执行案款表", "案款", "案款表", "funds"},
	Mediations: {"诉前调解", "诉前调解表", "调解", "mediations"},
	Parties:    {"当事人", "当事人表", "当事人信息", "当事人信息表", "parties"},
}

// rejectColumn is the last column of a rejects file; the reader ignores it so
// that a fixed rejects file imports as is.
const rejectColumn = "错误原因"

// fieldSpec is one column a table accepts.
type fieldSpec struct {
	name     string   // the header of DATA.md
	alias    string   // its English alias
	variants []string // other headers found in vendors' exports
	required bool
}

// schema is the set of columns of a table, with an index from normalized
// header to field.
type schema struct {
	fields []fieldSpec
	index  map[string]int
}

func newSchema(fields []fieldSpec) *schema {
	s := &schema{fields: fields, index: make(map[string]int)}
	for i, f := range fields {
		s.index[normHeader(f.name)] = i
		s.index[normHeader(f.alias)] = i
		for _, v := range f.variants {
			s.index[normHeader(v)] = i
		}
	}
	return s
}

// accepted lists the columns for an error message: 案号（case_no）、….
func (s *schema) accepted() string {
	names := make([]string, len(s.fields))
	for i, f := range s.fields {
		names[i] = f.name + "（" + f.alias + "）"
	}
	return strings.Join(names, "、")
}

// normHeader folds the spellings of one header together: surrounding and
// full-width spaces, a required-field star, a unit in brackets such as （元）,
// and the case of English aliases.
func normHeader(h string) string {
	h = strings.TrimSpace(strings.ReplaceAll(h, "\u3000", ""))
	h = strings.TrimRight(strings.TrimLeft(h, "*＊"), "*＊")
	for _, unit := range []string{"（元）", "(元)", "（天）", "(天)", "（日）", "(日)", "（次）", "(次)"} {
		h = strings.TrimSuffix(h, unit)
	}
	if hasNonASCII(h) {
		return strings.Join(strings.Fields(h), "")
	}
	h = strings.ToLower(strings.TrimSpace(h))
	return strings.NewReplacer(" ", "_", "-", "_").Replace(h)
}

// Column indexes of the tables, in the order of their schemas.
const (
	cCaseNo = iota
	cCourt
	cDepartment
	cJudge
	cJudgeStaffNo
	cPanel
	cFiledOn
	cClosedOn
	cCloseMethod
	cCause
	cTrack
	cLimitDays
	cExtendedDays
	cSuspendedDays
	cOriginNo
	cAppealed
	cHearings
	cClaimAmount
	cExecAmount
	cExecRecovered
	cEfileOn
	cEfileReads
)

var caseSchema = newSchema([]fieldSpec{
	cCaseNo:        {"案号", "case_no", []string{"案件字号", "案件号"}, true},
	cCourt:         {"承办法院", "court", []string{"法院", "法院名称", "经办法院", "审理法院", "立案法院"}, true},
	cDepartment:    {"承办部门", "department", []string{"部门", "承办庭室", "庭室", "承办庭", "审判庭", "承办业务庭", "承办部门名称"}, true},
	cJudge:         {"承办人", "judge", []string{"承办法官", "承办审判员", "主审法官", "主办法官", "承办人姓名", "执行法官", "承办人员"}, true},
	cJudgeStaffNo:  {"承办人工号", "judge_id", []string{"承办法官工号", "承办人编号", "承办人员工号"}, false},
	cPanel:         {"合议庭成员", "panel", []string{"合议庭", "合议庭组成人员", "审判长/合议庭", "审判长", "审判组织成员"}, false},
	cFiledOn:       {"立案日期", "filed_on", []string{"收案日期", "立案时间", "收案时间"}, true},
	cClosedOn:      {"结案日期", "closed_on", []string{"结案时间", "审结日期", "审结时间", "办结日期"}, false},
	cCloseMethod:   {"结案方式", "close_method", []string{"结案方式名称", "结案类型"}, false},
	cCause:         {"案由", "cause", []string{"立案案由", "案由名称"}, false},
	cTrack:         {"适用程序", "track", []string{"审理程序", "程序", "适用程序名称"}, false},
	cLimitDays:     {"审限天数", "limit_days", []string{"审限", "法定审限", "审理期限", "审限期限"}, false},
	cExtendedDays:  {"延长审限天数", "extended_days", []string{"延长审限", "延长天数", "审限延长天数"}, false},
	cSuspendedDays: {"扣除审限天数", "suspended_days", []string{"扣除审限", "扣除天数", "扣除审限期间", "扣审天数"}, false},
	cOriginNo:      {"原审案号", "origin_case_no", []string{"原案号", "一审案号", "前审案号", "原审案件案号"}, false},
	cAppealed:      {"是否上诉", "appealed", []string{"上诉", "是否上诉案件"}, false},
	cHearings:      {"开庭次数", "hearings", []string{"开庭数"}, false},
	cClaimAmount:   {"诉讼标的额", "claim_amount", []string{"标的额", "诉讼标的金额", "标的金额", "诉讼标的"}, false},
	cExecAmount:    {"申请执行标的额", "exec_amount", []string{"申请执行标的", "申请执行金额", "执行标的额", "执行标的金额", "申请执行标的金额"}, false},
	cExecRecovered: {"执行到位金额", "exec_recovered", []string{"实际执行到位金额", "到位金额", "执行到位额", "实际到位金额"}, false},
	cEfileOn:       {"电子卷宗生成日期", "efile_on", []string{"电子卷宗生成时间", "电子卷宗日期"}, false},
	cEfileReads:    {"阅卷次数", "efile_reads", []string{"电子卷宗阅卷次数", "网上阅卷次数", "在线阅卷次数"}, false},
})

const (
	pName = iota
	pStaffNo
	pCourt
	pDepartment
	pCategory
	pTitle
	pJoinedOn
	pActive
	pCourtCode
	pCourtLevel
	pParentCourt
)

var personSchema = newSchema([]fieldSpec{
	pName:        {"姓名", "name", []string{"人员姓名", "名字"}, true},
	pStaffNo:     {"工号", "staff_no", []string{"人员编号", "人员工号", "员工编号", "编号"}, true},
	pCourt:       {"法院", "court", []string{"所属法院", "法院名称", "单位", "所在法院"}, true},
	pDepartment:  {"部门", "department", []string{"所在部门", "所属部门", "庭室", "部门名称"}, true},
	pCategory:    {"人员类别", "category", []string{"人员分类", "类别", "人员类型"}, true},
	pTitle:       {"职务", "title", []string{"行政职务"}, false},
	pJoinedOn:    {"入额日期", "joined_on", []string{"入额时间"}, false},
	pActive:      {"在岗", "active", []string{"是否在岗", "在岗状态"}, false},
	pCourtCode:   {"法院代字", "court_code", []string{"法院代码"}, false},
	pCourtLevel:  {"法院级别", "court_level", []string{"法院层级"}, false},
	pParentCourt: {"上级法院", "parent_court", []string{"上级法院名称"}, false},
})

const (
	fCaseNo = iota
	fReceivedOn
	fAmount
	fPaidOn
	fPaidAmount
)

var fundSchema = newSchema([]fieldSpec{
	fCaseNo:     {"案号", "case_no", []string{"执行案号", "案件字号"}, true},
	fReceivedOn: {"到账日期", "received_on", []string{"到账时间", "收款日期", "案款到账日期"}, true},
	fAmount:     {"到账金额", "amount", []string{"收款金额", "案款金额", "到账案款"}, true},
	fPaidOn:     {"发放日期", "paid_on", []string{"发放时间", "支付日期", "付款日期", "案款发放日期"}, true},
	fPaidAmount: {"发放金额", "paid_amount", []string{"支付金额", "付款金额", "发放案款"}, true},
})

const (
	mID = iota
	mCourt
	mMediator
	mRegisteredOn
	mEndedOn
	mResult
	mConfirmed
)

var mediationSchema = newSchema([]fieldSpec{
	mID:           {"编号", "id", []string{"调解编号", "诉前调解编号", "案号", "诉前调解案号"}, true},
	mCourt:        {"法院", "court", []string{"所属法院", "法院名称", "委派法院"}, true},
	mMediator:     {"调解员", "mediator", []string{"调解人员", "调解人"}, true},
	mRegisteredOn: {"登记日期", "registered_on", []string{"登记时间", "收案日期", "委派日期"}, true},
	mEndedOn:      {"结束日期", "ended_on", []string{"结束时间", "办结日期", "调解结束日期"}, true},
	mResult:       {"结果", "result", []string{"调解结果"}, true},
	mConfirmed:    {"司法确认", "confirmed", []string{"是否司法确认"}, true},
})

func (t Table) schema() *schema {
	switch t {
	case Cases:
		return caseSchema
	case People:
		return personSchema
	case Funds:
		return fundSchema
	case Parties:
		return partySchema
	}
	return mediationSchema
}

// Special values of layout.fieldOf for columns that map to no field.
const (
	colIgnored = -1 // the 错误原因 column of a rejects file
	colBlank   = -2 // a column without a header
)

// layout maps a file's columns to a table's fields.
type layout struct {
	header  []string // the headers as written (trimmed), every column
	fieldOf []int    // for each column: the field, colIgnored or colBlank
	colOf   []int    // for each field: its column, or -1
}

// resolveHeader checks a header row against the table's schema. All the
// problems of the header are reported together, in one court.Invalid error
// that names file (Source.label).
func resolveHeader(file string, t Table, cells []string) (*layout, error) {
	s := t.schema()
	l := &layout{header: make([]string, len(cells)), fieldOf: make([]int, len(cells)), colOf: make([]int, len(s.fields))}
	for i := range l.colOf {
		l.colOf[i] = -1
	}
	var unknown, dup []string
	for col, cell := range cells {
		h := strings.TrimSpace(strings.ReplaceAll(cell, "\u3000", " "))
		l.header[col] = h
		f, msg := l.place(s, col, h)
		l.fieldOf[col] = f
		switch {
		case msg == "unknown":
			unknown = append(unknown, "“"+h+"”")
		case msg != "":
			dup = append(dup, msg)
		}
	}
	return l, l.check(file, t, s, unknown, dup)
}

// place finds the field of one column; msg is "unknown" or a duplicate's description.
func (l *layout) place(s *schema, col int, h string) (int, string) {
	switch norm := normHeader(h); {
	case norm == "":
		return colBlank, ""
	case norm == rejectColumn:
		return colIgnored, ""
	default:
		f, ok := s.index[norm]
		if !ok {
			return colIgnored, "unknown"
		}
		if prev := l.colOf[f]; prev >= 0 {
			return colIgnored, fmt.Sprintf("第%d列“%s”与第%d列“%s”重复（都表示“%s”）", prev+1, l.header[prev], col+1, h, s.fields[f].name)
		}
		l.colOf[f] = col
		return f, ""
	}
}

func (l *layout) check(file string, t Table, s *schema, unknown, dup []string) error {
	var msgs []string
	if len(unknown) > 0 {
		msgs = append(msgs, fmt.Sprintf("有无法识别的列：%s。%s表可用的列：%s", strings.Join(unknown, "、"), t, s.accepted()))
	}
	var missing []string
	for f, spec := range s.fields {
		if spec.required && l.colOf[f] < 0 {
			missing = append(missing, "“"+spec.name+"”")
		}
	}
	if len(missing) > 0 {
		msgs = append(msgs, "缺少必需的列："+strings.Join(missing, "、"))
	}
	msgs = append(msgs, dup...)
	if len(msgs) == 0 {
		return nil
	}
	return court.Errorf(court.Invalid, "文件 %s的表头有误：%s", file, strings.Join(msgs, "；"))
}
