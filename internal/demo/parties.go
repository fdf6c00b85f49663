package demo

import (
	"fmt"
	"hash/fnv"
	"strings"

	"github.com/zhixiao/zhixiao/internal/court"
)

// PartiesCSV is the 当事人表 Export writes (UTF-8 with a BOM).
const PartiesCSV = "parties.csv"

var partyHeader = []string{"案号", "名称", "诉讼地位", "类型", "证件号码", "住所", "代理人"}

// The words of 示例市's companies and streets.
var (
	companyWords  = []string{"恒信", "华泰", "金鼎", "宏远", "瑞丰", "鑫达", "安居", "联创", "中和", "永盛", "佳禾", "新源", "东方", "博远", "汇通", "润丰"}
	companyTrades = []string{"建筑工程", "商贸", "物业管理", "房地产开发", "小额贷款", "汽车销售", "网络科技", "餐饮管理", "物流", "装饰工程"}
	districts     = []string{"东城区", "西城区", "南湖区", "北山区", "滨江区", "开发区"}
	streets       = []string{"人民路", "解放路", "建设路", "和平街", "文化路", "新华街", "中山路", "胜利路", "朝阳街", "光明路"}
)

// Parties returns the parties of the civil, administrative and enforcement
// cases that are pending at the end of the data set's window or were filed
// in its last year (the cases users open; older closed ones have none, which
// keeps `zhixiao demo` fast): plaintiffs and defendants (上诉人 and 被上诉人 on
// appeal, 申请执行人 and 被执行人 in enforcement), natural persons with valid
// 身份证号 and companies with valid 统一社会信用代码, some with agents. Each
// case's parties depend only on its 案号.
func Parties(ds *Dataset) []court.Party {
	end := ds.Period.To
	return partiesOf(ds.Cases, func(c *court.Case) bool {
		return c.FiledOn > end-365 || !c.Closed() || c.ClosedOn > end
	})
}

// partiesOf returns the parties of the cases keep selects.
func partiesOf(cases []court.Case, keep func(*court.Case) bool) []court.Party {
	names := newNameGen()
	var out []court.Party
	for i := range cases {
		if keep(&cases[i]) {
			out = appendParties(out, &cases[i], names)
		}
	}
	return out
}

func appendParties(out []court.Party, c *court.Case, names *nameGen) []court.Party {
	first, second := "原告", "被告"
	switch {
	case c.No.Kind == court.KindEnforcement && (c.No.Level == court.LevelExecFirst || c.No.Level == court.LevelExecResume):
		first, second = "申请执行人", "被执行人"
	case c.No.Kind == court.KindCivil && c.No.Level == court.LevelSecond:
		first, second = "上诉人", "被上诉人"
	case c.No.Kind == court.KindCivil && c.No.Level == court.LevelFirst, c.No.Kind == court.KindAdministrative && c.No.Level == court.LevelFirst:
	default:
		return out
	}
	no := c.No.String()
	h := fnv.New64a()
	h.Write([]byte(no))
	r := newRNG(int64(h.Sum64()))
	out = append(out, demoParty(r, names, no, first, false))
	out = append(out, demoParty(r, names, no, second, c.No.Kind == court.KindAdministrative))
	if r.chance(0.15) {
		out = append(out, demoParty(r, names, no, second, false))
	}
	return out
}

// demoParty is one party; an organ is a 法人 (the defendant of an
// administrative case).
func demoParty(r rng, names *nameGen, no, role string, organ bool) court.Party {
	p := court.Party{CaseNo: no, Role: role}
	switch {
	case organ:
		p.Name, p.Type = "示例市"+districts[r.IntN(len(districts))]+"人民政府", court.LegalPerson
		p.IDNo = creditCode(r, "11")
	case r.chance(0.35):
		p.Name = "示例市" + companyWords[r.IntN(len(companyWords))] + companyTrades[r.IntN(len(companyTrades))] + "有限公司"
		p.Type, p.IDNo = court.LegalPerson, creditCode(r, "91")
	default:
		p.Name, p.Type, p.IDNo = names.draw(r), court.NaturalPerson, residentID(r)
	}
	p.Address = "示例市" + districts[r.IntN(len(districts))] + streets[r.IntN(len(streets))] + fmt.Sprint(r.between(1, 300)) + "号"
	if r.chance(0.45) {
		p.Agents = []string{names.draw(r)}
	}
	return p
}

// residentID is a valid 身份证号 of 示例市 (area code 370102, fictional use).
func residentID(r rng) string {
	y, m, d := r.between(1950, 2002), r.between(1, 12), r.between(1, 28)
	s := fmt.Sprintf("370102%04d%02d%02d%03d", y, m, d, r.between(1, 999))
	return s + string(court.ResidentIDCheck(s))
}

// creditCode is a valid 统一社会信用代码 with the given registration kind.
func creditCode(r rng, kind string) string {
	const chars = "0123456789ABCDEFGHJKLMNPQRTUWXY"
	var b strings.Builder
	b.WriteString(kind + "370102")
	for range 9 {
		b.WriteByte(chars[r.IntN(len(chars))])
	}
	s := b.String()
	return s + string(court.CreditCodeCheck(s))
}

func partyRow(ps []court.Party) func(int, []string) {
	return func(i int, row []string) {
		p := &ps[i]
		row[0], row[1], row[2], row[3] = p.CaseNo, p.Name, p.Role, p.Type.String()
		row[4], row[5], row[6] = p.IDNo, p.Address, strings.Join(p.Agents, "、")
	}
}
