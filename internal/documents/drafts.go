package documents

import (
	"strconv"
	"strings"

	"github.com/zhixiao/zhixiao/internal/court"
)

// DraftInput is what a draft is made of: the case, its parties, the court's
// full name and the court above it (for the appeal sentence), the clerk,
// and the day of the draft.
type DraftInput struct {
	Case       court.Case
	CourtName  string
	UpperCourt string // "" when unknown: the sentence keeps a blank
	Parties    []court.Party
	Clerk      string // 书记员, "" when unknown
	Today      court.Date
}

// needsParties are the kinds that cannot be written without the parties.
func needsParties(k Kind) bool {
	return k != KindInterviewNotice && k != KindSupervisionNotice
}

// checkCase tells whether kind k fits the case.
func checkCase(k Kind, c *court.Case) error {
	no := c.No.String()
	switch k {
	case KindJudgmentOrdinary, KindJudgmentSimple, KindMediation, KindWithdrawal:
		if c.No.Kind != court.KindCivil || c.No.Level != court.LevelFirst {
			return court.Errorf(court.Invalid, "%s只适用于民事一审案件，案件 %s 是%s%s案件", k.Title(), no, c.No.Kind, c.No.Level)
		}
	case KindExecSuspension:
		if c.No.Kind != court.KindEnforcement {
			return court.Errorf(court.Invalid, "%s只适用于执行案件，案件 %s 是%s案件", k.Title(), no, c.No.Kind)
		}
	}
	return nil
}

// Draft returns the fields of a draft of kind k. A case without parties,
// for a kind that names them, is an Invalid error.
func Draft(k Kind, in DraftInput) (Fields, error) {
	if k == KindBulletin {
		return nil, court.Errorf(court.Invalid, "月通报不是案件文书，请用 bulletin 命令或文书页面生成")
	}
	c := &in.Case
	if err := checkCase(k, c); err != nil {
		return nil, err
	}
	no := c.No.String()
	if needsParties(k) && len(in.Parties) == 0 {
		return nil, court.Errorf(court.Invalid, "案件 %s 没有当事人信息，无法生成%s：请先导入当事人表（zhixiao import parties 文件）", no, k.Title())
	}
	roles := byRole(in.Parties)
	f := Fields{
		"法院": TextValue(in.CourtName), "文书名称": TextValue(k.Title()), "案号": TextValue(no),
		"当事人": ParasValue(partyParas(in.Parties)...), "案由": TextValue(c.Cause),
		"立案日期": TextValue(chineseDate(c.FiledOn)), "结案日期": TextValue(chineseDate(c.ClosedOn)),
		"适用程序": TextValue(c.Track.String()), "承办部门": TextValue(c.Department), "承办人": TextValue(c.Judge),
		"合议庭": ParasValue(panelLines(k, c)...), "书记员": TextValue(blank(in.Clerk)),
		"日期": TextValue(upperDate(in.Today)), "上级法院": TextValue(blank(in.UpperCourt)),
		"原告": TextValue(names(roles, "原告")), "被告": TextValue(names(roles, "被告")),
		"申请执行人": TextValue(names(roles, "申请执行人")), "被执行人": TextValue(names(roles, "被执行人")),
		"收件人": TextValue(addressee(in.Parties)), "对方当事人": TextValue(opponents(in.Parties)), "原审案号": TextValue(c.OriginNo),
		"诉讼标的额": TextValue(c.ClaimAmount.String()), "申请执行标的额": TextValue(c.ExecAmount.String()),
		"执行到位金额": TextValue(orZero(c.ExecRecovered)),
	}
	days, limit, due := timeLimitFacts(c, in.Today)
	f["已审理天数"], f["审限天数"], f["审限届满日期"] = TextValue(days), TextValue(limit), TextValue(due)
	f["审理经过"] = TextValue(procedure(k, c, roles))
	return f, nil
}

func blank(s string) string {
	if s == "" {
		return "【　　】"
	}
	return s
}

func orZero(m court.Money) string {
	if m < 0 {
		return "0.00"
	}
	return m.String()
}

// roleOrder is the order of 诉讼地位 in a document's header.
var roleOrder = []string{"原告", "上诉人", "申请人", "申请执行人", "被告", "被上诉人", "被申请人", "被执行人", "第三人"}

func roleRank(role string) int {
	for i, r := range roleOrder {
		if role == r {
			return i
		}
	}
	return len(roleOrder)
}

// byRole groups the parties' names by 诉讼地位.
func byRole(ps []court.Party) map[string][]string {
	m := map[string][]string{}
	for _, p := range ps {
		m[p.Role] = append(m[p.Role], p.Name)
	}
	return m
}

func names(m map[string][]string, role string) string {
	if len(m[role]) == 0 {
		return "【" + role + "】"
	}
	return strings.Join(m[role], "、")
}

// addressee is the first party in the header order.
func addressee(ps []court.Party) string {
	best := -1
	for i, p := range ps {
		if best < 0 || roleRank(p.Role) < roleRank(ps[best].Role) {
			best = i
		}
	}
	if best < 0 {
		return "【收件人】"
	}
	return ps[best].Name
}

// opposite pairs each 诉讼地位 with the one across the case.
var opposite = map[string]string{"原告": "被告", "上诉人": "被上诉人", "申请人": "被申请人", "申请执行人": "被执行人",
	"被告": "原告", "被上诉人": "上诉人", "被申请人": "申请人", "被执行人": "申请执行人"}

// opponents names the parties across from the addressee.
func opponents(ps []court.Party) string {
	first := addressee(ps)
	var role string
	for _, p := range ps {
		if p.Name == first {
			role = opposite[p.Role]
			break
		}
	}
	var out []string
	for _, p := range ps {
		if role != "" && p.Role == role {
			out = append(out, p.Name)
		}
	}
	if len(out) == 0 {
		return "【对方当事人】"
	}
	return strings.Join(out, "、")
}

// partyParas are the header lines of the parties, in the order of
// roleOrder then of the file, each followed by its agents.
func partyParas(ps []court.Party) []string {
	var out []string
	for rank := 0; rank <= len(roleOrder); rank++ {
		for _, p := range ps {
			if roleRank(p.Role) != rank {
				continue
			}
			out = append(out, partyLine(p))
			for _, a := range p.Agents {
				out = append(out, "委托诉讼代理人："+a+"。")
			}
		}
	}
	return out
}

// partyLine is one party's line in the style of the 民事诉讼文书样式:
// a natural person with sex and date of birth read from the 身份证号, an
// organisation with its 住所地 and 统一社会信用代码.
func partyLine(p court.Party) string {
	var b strings.Builder
	b.WriteString(p.Role + "：" + p.Name)
	if p.Type == court.NaturalPerson {
		if sex, born, ok := fromResidentID(p.IDNo); ok {
			b.WriteString("，" + sex + "，" + born + "出生")
		}
		if p.Address != "" {
			b.WriteString("，住" + p.Address)
		}
		if p.IDNo != "" {
			b.WriteString("，公民身份号码" + p.IDNo)
		}
		b.WriteString("。")
		return b.String()
	}
	if p.Address != "" {
		b.WriteString("，住所地" + p.Address)
	}
	b.WriteString("。")
	if p.IDNo != "" {
		b.WriteString("统一社会信用代码：" + p.IDNo + "。")
	}
	b.WriteString("\n法定代表人（负责人）：【姓名】，【职务】。")
	return b.String()
}

// fromResidentID reads the sex and the date of birth of a valid 身份证号.
func fromResidentID(id string) (sex, born string, ok bool) {
	if !court.ValidResidentID(id) {
		return "", "", false
	}
	y, _ := strconv.Atoi(id[6:10])
	m, _ := strconv.Atoi(id[10:12])
	d, _ := strconv.Atoi(id[12:14])
	sex = "女"
	if (id[16]-'0')%2 == 1 {
		sex = "男"
	}
	return sex, strconv.Itoa(y) + "年" + strconv.Itoa(m) + "月" + strconv.Itoa(d) + "日", true
}

// panelLines are the signature lines: a 合议庭 (审判长 the 承办人, then the
// members) for the 普通程序, a single 审判员 otherwise.
func panelLines(k Kind, c *court.Case) []string {
	if k == KindJudgmentOrdinary || (k != KindJudgmentSimple && len(c.Panel) > 0 && c.Track != court.TrackSimple && c.Track != court.TrackSmallClaim) {
		lines := []string{"审　判　长　" + c.Judge}
		members := c.Panel
		if len(members) == 0 {
			members = []string{"【　　】", "【　　】"}
		}
		for _, m := range members {
			lines = append(lines, "审　判　员　"+m)
		}
		return lines
	}
	return []string{"审　判　员　" + c.Judge}
}

// procedure is the paragraph of the procedure (审理经过): filing, track,
// hearing.
func procedure(k Kind, c *court.Case, roles map[string][]string) string {
	filed := chineseDate(c.FiledOn)
	plaintiff, defendant := names(roles, "原告"), names(roles, "被告")
	caseTitle := "原告" + plaintiff + "与被告" + defendant + c.Cause + "一案"
	hearing := "公开开庭进行了审理"
	if c.Hearings == 0 {
		hearing = "【开庭情况】"
	}
	switch k {
	case KindJudgmentOrdinary:
		return caseTitle + "，本院于" + filed + "立案后，依法适用普通程序，组成合议庭，" + hearing + "。原告" + plaintiff + "、被告" + defendant + "【及其委托诉讼代理人】到庭参加诉讼。本案现已审理终结。"
	case KindJudgmentSimple:
		return caseTitle + "，本院于" + filed + "立案后，依法适用简易程序，" + hearing + "。原告" + plaintiff + "、被告" + defendant + "【及其委托诉讼代理人】到庭参加诉讼。本案现已审理终结。"
	case KindMediation:
		return caseTitle + "，本院于" + filed + "立案后，依法适用" + trackName(c) + "进行了审理。"
	case KindWithdrawal:
		return "本院在审理" + caseTitle + "中，原告" + plaintiff + "于【　年　月　日】向本院提出撤诉申请。"
	case KindExecSuspension:
		origin := "【执行依据】"
		if c.OriginNo != "" {
			origin = c.OriginNo + "法律文书"
		}
		return "本院在执行申请执行人" + names(roles, "申请执行人") + "与被执行人" + names(roles, "被执行人") + c.Cause + "一案中，依据" + origin +
			"，被执行人应当履行【给付义务】。申请执行人于" + filed + "向本院申请强制执行，申请执行标的额" + orZero(c.ExecAmount) + "元。"
	}
	return caseTitle + "，本院于" + filed + "立案。"
}

func trackName(c *court.Case) string {
	if c.Track == court.TrackNone {
		return "【适用程序】"
	}
	return c.Track.String()
}

// timeLimitFacts are the days the case has run until today (or its
// closing), its 审限 and the day it ends, as text.
func timeLimitFacts(c *court.Case, today court.Date) (days, limit, due string) {
	end := today
	if c.Closed() && c.ClosedOn < end {
		end = c.ClosedOn
	}
	days = strconv.Itoa(max(0, int(end-c.FiledOn)))
	if c.LimitDays == 0 {
		return days, "不计", "无"
	}
	total := c.LimitDays + c.ExtendedDays
	limit = strconv.Itoa(total) + "天"
	dueDay := c.FiledOn + court.Date(total+c.SuspendedDays)
	return days, limit, chineseDate(dueDay)
}

// chineseDate writes 2025年6月3日, "" for no date.
func chineseDate(d court.Date) string {
	if d == court.NoDate {
		return ""
	}
	t := d.Time()
	return strconv.Itoa(t.Year()) + "年" + strconv.Itoa(int(t.Month())) + "月" + strconv.Itoa(t.Day()) + "日"
}

// upperDate writes the date of a document's signature in Chinese numerals:
// 二〇二五年六月三日.
func upperDate(d court.Date) string {
	if d == court.NoDate {
		return "【　年　月　日】"
	}
	t := d.Time()
	digits := []rune("〇一二三四五六七八九")
	var b strings.Builder
	for _, r := range strconv.Itoa(t.Year()) {
		b.WriteRune(digits[r-'0'])
	}
	return b.String() + "年" + chineseNumber(int(t.Month())) + "月" + chineseNumber(t.Day()) + "日"
}

// chineseNumber writes 1 to 31 as 一 … 三十一.
func chineseNumber(n int) string {
	digits := []string{"", "一", "二", "三", "四", "五", "六", "七", "八", "九"}
	switch {
	case n < 10:
		return digits[n]
	case n == 10:
		return "十"
	case n < 20:
		return "十" + digits[n-10]
	}
	return digits[n/10] + "十" + digits[n%10]
}
