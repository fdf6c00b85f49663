package ingest

import (
	"strings"

	"github.com/zhixiao/zhixiao/internal/court"
)

// The columns of the 当事人表 (docs/DOCUMENTS.md). 证件号码 is 身份证号 for a
// natural person and 统一社会信用代码 for an organisation; a file may give
// it in one generic column or in the two specific ones.
const (
	ptCaseNo = iota
	ptName
	ptRole
	ptType
	ptIDNo
	ptResidentID
	ptCreditCode
	ptAddress
	ptAgents
)

var partySchema = newSchema([]fieldSpec{
	ptCaseNo:     {"案号", "case_no", []string{"案件字号", "案件号"}, true},
	ptName:       {"名称", "name", []string{"当事人", "当事人名称", "当事人姓名", "姓名或名称", "姓名/名称", "姓名"}, true},
	ptRole:       {"诉讼地位", "role", []string{"当事人诉讼地位", "地位", "诉讼身份", "当事人类别"}, true},
	ptType:       {"类型", "party_type", []string{"当事人类型", "主体类型", "当事人性质", "type"}, true},
	ptIDNo:       {"证件号码", "id_no", []string{"身份证号或统一社会信用代码", "身份证号/统一社会信用代码", "证件号", "证照号码"}, false},
	ptResidentID: {"身份证号", "id_card", []string{"身份证号码", "公民身份号码", "居民身份证号码"}, false},
	ptCreditCode: {"统一社会信用代码", "credit_code", []string{"社会信用代码", "信用代码"}, false},
	ptAddress:    {"住所", "address", []string{"住址", "地址", "住所地", "经常居住地"}, false},
	ptAgents:     {"代理人", "agents", []string{"委托诉讼代理人", "诉讼代理人", "委托代理人"}, false},
})

// PartyRoles are the 诉讼地位 the 当事人表 accepts.
var PartyRoles = []string{"原告", "被告", "第三人", "上诉人", "被上诉人", "原审原告", "原审被告", "原审第三人",
	"申请人", "被申请人", "再审申请人", "申请执行人", "被执行人", "案外人", "利害关系人", "异议人", "复议申请人",
	"自诉人", "被告人", "附带民事诉讼原告人", "附带民事诉讼被告人", "被害人", "起诉人"}

// checkParty reads a row of the 当事人表.
func (c *rowCtx) checkParty() *court.Party {
	p := &court.Party{Name: c.required(ptName), Role: c.required(ptRole), Address: c.cell(ptAddress)}
	no, okNo := c.caseNo(ptCaseNo)
	if okNo {
		p.CaseNo = no.String()
	}
	if p.Role != "" && !contains(PartyRoles, p.Role) {
		c.problem(ptRole, "无法识别的诉讼地位，应为："+strings.Join(PartyRoles, "、"))
	}
	if v := c.required(ptType); v != "" {
		t, ok := court.ParsePartyType(v)
		if !ok {
			c.problem(ptType, "无法识别的当事人类型，应为：自然人、法人、非法人组织")
		}
		p.Type = t
	}
	p.IDNo = c.identity(p.Type)
	p.Agents = splitNames(c.cell(ptAgents))
	if okNo && p.Name != "" && p.Role != "" {
		c.s.seen.key(c, ptName, p.CaseNo+"\x00"+p.Role+"\x00"+p.Name, "同一案件中同一诉讼地位的当事人")
	}
	return p
}

// identity reads the 证件号码 of a party of type t and checks its check
// character: GB 11643 for a 身份证号, GB 32100 for a 统一社会信用代码.
func (c *rowCtx) identity(t court.PartyType) string {
	f, v := -1, ""
	for _, g := range []int{ptIDNo, ptResidentID, ptCreditCode} {
		if s := strings.ToUpper(strings.ReplaceAll(c.cell(g), " ", "")); s != "" {
			if v != "" {
				c.problem(g, "证件号码填写了两次（另见“"+c.s.lay.header[c.col(f)]+"”列）")
				return ""
			}
			f, v = g, s
		}
	}
	switch {
	case v == "" || t == court.PartyTypeNone:
		return v
	case t == court.NaturalPerson && f == ptCreditCode:
		c.problem(f, "自然人应填写身份证号，不应填写统一社会信用代码")
	case t != court.NaturalPerson && f == ptResidentID:
		c.problem(f, t.String()+"应填写统一社会信用代码，不应填写身份证号")
	case t == court.NaturalPerson && !court.ValidResidentID(v):
		c.problem(f, "身份证号无效：应为18位，前17位为数字，末位校验码（0-9或X）须与前17位相符")
	case t != court.NaturalPerson && !court.ValidCreditCode(v):
		c.problem(f, "统一社会信用代码无效：应为18位数字或大写字母（不含I、O、Z、S、V），末位校验码须与前17位相符")
	}
	return v
}

// splitNames splits a list of names at 、 ; ； , ，, dropping empty ones.
func splitNames(s string) []string {
	var out []string
	for _, n := range strings.FieldsFunc(s, func(r rune) bool { return strings.ContainsRune("、;；,，", r) }) {
		if n = strings.TrimSpace(n); n != "" {
			out = append(out, n)
		}
	}
	return out
}
