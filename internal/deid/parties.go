package deid

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/zhixiao/zhixiao/internal/court"
)

// roleClass is what a role says about the person who holds it.
type roleClass uint8

const (
	rolePrincipal      roleClass = iota // 原告, 被告, 被告人 ...: a party to the case
	roleVictim                          // 被害人, 附带民事诉讼原告人, 证人, 鉴定人: masked in criminal cases
	roleLegalRep                        // 法定代理人: masked with the person represented
	roleAgent                           // 委托诉讼代理人, 辩护人: lawyers keep their names
	roleRepresentative                  // 法定代表人, 负责人 of a legal person
	// roleParty: a party's role read in running text (原告张三与被告李四…), only
	// where parties are masked (严格, or a 婚姻家庭 or 继承 case), and only a
	// name that a delimiter or a joining word follows.
	roleParty
	// roleFamily: the 被继承人, read only in 婚姻家庭 and 继承 cases: the name
	// tells who the heirs are.
	roleFamily
)

// roles are the words that open a 当事人 paragraph, longest first where one
// is the start of another.
var roles = []struct {
	word  string
	class roleClass
}{
	{"附带民事诉讼原告人", roleVictim}, {"附带民事诉讼被告人", rolePrincipal},
	{"委托诉讼代理人", roleAgent}, {"共同委托诉讼代理人", roleAgent}, {"委托代理人", roleAgent}, {"诉讼代理人", roleAgent},
	{"指定辩护人", roleAgent}, {"辩护人", roleAgent}, {"诉讼代表人", roleAgent},
	{"法定代理人", roleLegalRep}, {"指定代理人", roleLegalRep}, {"监护人", roleLegalRep},
	{"法定代表人", roleRepresentative}, {"主要负责人", roleRepresentative}, {"负责人", roleRepresentative}, {"经营者", roleRepresentative},
	{"再审申请人", rolePrincipal}, {"申请再审人", rolePrincipal}, {"复议申请人", rolePrincipal}, {"申请执行人", rolePrincipal},
	{"原审被告人", rolePrincipal}, {"原审自诉人", rolePrincipal}, {"原审原告", rolePrincipal}, {"原审被告", rolePrincipal}, {"原审第三人", rolePrincipal}, {"被上诉人", rolePrincipal},
	{"上诉人", rolePrincipal}, {"被申请人", rolePrincipal}, {"申请人", rolePrincipal}, {"被执行人", rolePrincipal},
	{"被申诉人", rolePrincipal}, {"申诉人", rolePrincipal}, {"利害关系人", rolePrincipal}, {"案外人", rolePrincipal},
	{"异议人", rolePrincipal}, {"起诉人", rolePrincipal}, {"自诉人", rolePrincipal}, {"被告人", rolePrincipal},
	{"罪犯", rolePrincipal}, {"第三人", rolePrincipal}, {"原告", rolePrincipal}, {"被告", rolePrincipal},
	{"被害人", roleVictim}, {"证人", roleVictim}, {"鉴定人", roleVictim},
	{"被告单位", rolePrincipal}, {"原告单位", rolePrincipal}, {"被害单位", roleVictim}, {"自诉单位", rolePrincipal},
}

// roleAt returns the role that text begins with.
func roleAt(text string) (string, roleClass, bool) {
	for _, r := range roles {
		if strings.HasPrefix(text, r.word) {
			return r.word, r.class, true
		}
	}
	return "", 0, false
}

func classOf(role string) roleClass {
	for _, r := range roles {
		if r.word == role {
			return r.class
		}
	}
	if strings.Contains(role, "代理人") {
		return roleAgent
	}
	return rolePrincipal
}

// orgWords mark the name of a legal person or organisation.
var orgWords = splitWords(`公司 银行 支行 分行 信用社 合作社 委员会 政府 人民检察院 人民法院 公安 检察院 法院 集团 事务所 中心 学校
大学 学院 医院 卫生院 协会 学会 商会 基金会 联合会 办事处 管理处 管理局 厂 店 局 所 部 社 站 队 馆 行 场 院 处 厅 署 室 村 组 园 会 企业 商行 超市 酒店 宾馆 工作室 俱乐部 机关 幼儿园`)

var branchWords = splitWords(`分公司 支行 分行 分理处 营业部 经营部 门市部 办事处 合伙 个人独资`)

// orgType reports whether name is a legal person's or organisation's, and which.
func orgType(name string) (PartyType, bool) {
	org := false
	for _, w := range orgWords {
		if strings.HasSuffix(name, w) {
			org = true
			break
		}
	}
	if !org {
		return Natural, false
	}
	for _, w := range branchWords {
		if strings.Contains(name, w) {
			return Organization, true
		}
	}
	return LegalPerson, true
}

// notOrgWords are not found in an organisation's name but in a sentence
// that a role word opens (被告人张三到案后如实供述自己的罪行).
var notOrgWords = splitWords(`的 了 罪 如实 供述 到案 认为 诉称 辩称 提出 请求 自愿 与 诉 向 及其 能 对 于`)

// personWords follow a natural person's name in a 当事人 paragraph.
var personWords = splitWords(`男 女 出生 生于 族 身份 住 户籍 职业 无业 农民 工人 职员 干部 学生 个体 退休 文化 公民 系 岁 国籍`)

// lawyerWords mark an agent who is a lawyer or legal worker.
var lawyerWords = splitWords(`律师 法律服务所 法律工作者 法律援助`)

// notNames are words that follow a role word but are not a name.
var notNames = setOfWords(`辩称 诉称 述称 认为 主张 供述 称 同意 否认 承认 陈述 答辩 提出 提交 请求 要求 表示 坚持 确认 当庭 到庭
未到庭 对此 经传 均 共同 方 一方 双方 证言 证实 辨认 笔录 家属 亲属 证明 出庭 明知 随后 于是 遂 即 当即 报警 诉讼 上诉 辩护
全身 全部 全家 左耳 左手 左腿 左脚 左眼 左侧 左肩 右耳 右手 右腿 右脚 右眼 右侧 右肩 应该 应当 母亲 父亲 向公 向法 向银
向其 向被 向原 向本 向他 向她 向警 索要 索取 经常 马上 当场 当天 当晚 随即 多次 多处 于当 于某 时年 时任 曾经 曾因 常住 成功
高度 何时 任何 余款 余额 范围 程度 方面 方式 司机 车辆 林地 钱款 钱财 金额 金钱 田地 房屋 房间 家中 包括 单位 单独
申请 陆续 成立 公司 管理 施工 查阅 安装 应否 应负 修改 门诊 储存 公章 成年 方派 方书 方应 方起 方提 和女 满两 施救 索赔 修理 权益 利益 损失 诉讼`)

func setOfWords(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// nameEnds end a name in a 当事人 paragraph.
const nameEnds = "，,。；;：:（(、）) \t\n\u3000"

// findParties reads the 当事人 paragraphs: a role word at the start of a
// line (or after a space or a full stop), an optional bracket, an optional
// colon, and the name up to the next comma or bracket. The parties given in
// the options come first.
func (d *doc) findParties() {
	for _, p := range d.opt.Parties {
		if p.Name = strings.TrimSpace(p.Name); p.Name == "" {
			continue
		}
		p.Of = -1
		if _, org := orgType(p.Name); org && p.Type == Natural {
			p.Type = LegalPerson
		}
		d.addParty(p, -1, -1)
	}
	principal := -1
	for i := 0; i < len(d.text); {
		start := d.paragraphStart(i)
		if start < 0 {
			break
		}
		i = start + 1
		if next, ok := d.readParagraph(start, &principal); ok {
			i = next
		}
	}
}

// readParagraph reads the 当事人 paragraph that may begin at start; principal
// is the last party an agent or representative acts for.
func (d *doc) readParagraph(start int, principal *int) (int, bool) {
	role, class, ok := roleAt(d.text[start:])
	if !ok {
		return 0, false
	}
	at := skipAny(d.text, skipBracket(d.text, start+len(role)), "：: ")
	name, next, ok := readPartyName(d.text, at)
	if !ok {
		return 0, false
	}
	end := d.paragraphEnd(next)
	rest := d.text[next:end]
	p := Party{Name: name, Role: role, Of: -1}
	if t, org := orgType(name); org {
		p.Type = t
	} else if class == rolePrincipal && !containsAny(firstRunes(rest, 60), personWords) && !d.known(name) {
		return 0, false
	}
	p.Lawyer = class == roleAgent && containsAny(rest, lawyerWords)
	if class == roleLegalRep || class == roleAgent || class == roleRepresentative {
		p.Of = *principal
	}
	idx := d.addParty(p, start, end)
	if class == rolePrincipal || class == roleVictim {
		*principal = idx
	}
	return next, true
}

// addParty adds p, or merges it into the party of the same name, and
// records its paragraph.
func (d *doc) addParty(p Party, start, end int) int {
	idx, seen := d.byName[p.Name]
	if !seen {
		idx = len(d.parties)
		d.parties = append(d.parties, p)
		d.byName[p.Name] = idx
	} else {
		q := &d.parties[idx]
		q.Lawyer = q.Lawyer || p.Lawyer
		q.Minor = q.Minor || p.Minor
		if q.Of < 0 {
			q.Of = p.Of
		}
		if classOf(p.Role) == roleVictim && classOf(q.Role) != roleVictim {
			q.Role = p.Role
		}
	}
	if start >= 0 {
		d.paras = append(d.paras, para{start: start, end: end, party: idx})
	}
	return idx
}

func (d *doc) known(name string) bool { _, ok := d.byName[name]; return ok }

// paragraphStart returns the first position at or after i where a
// paragraph may begin: the start of the text, or after a line break, a
// space or a full stop.
func (d *doc) paragraphStart(i int) int {
	if i == 0 {
		return skipAny(d.text, 0, " \t\r\n\u3000")
	}
	for i < len(d.text) {
		j := strings.IndexAny(d.text[i:], "\n 。\u3000\t")
		if j < 0 {
			return -1
		}
		k := i + j
		_, size := utf8.DecodeRuneInString(d.text[k:])
		k = skipAny(d.text, k+size, " \t\r\n\u3000")
		if k < len(d.text) {
			return k
		}
		i = k
	}
	return -1
}

// paragraphEnd returns the end of the paragraph that goes on at i: the next
// line break, or the next space (a flattened document), or the next
// paragraph that opens with a role.
func (d *doc) paragraphEnd(i int) int {
	for j := i; j < len(d.text); {
		r, size := utf8.DecodeRuneInString(d.text[j:])
		switch r {
		case '\n', '\r', ' ', '\u3000', '\t':
			return j
		case '。':
			if _, _, ok := roleAt(d.text[j+size:]); ok {
				return j + size
			}
		}
		j += size
	}
	return len(d.text)
}

// readPartyName reads a name at i up to the next comma or bracket. A natural
// person's name must be short and begin with a Han character; an
// organisation's may be long.
func readPartyName(text string, i int) (string, int, bool) {
	if latinStart(text, i) {
		return readLatinName(text, i)
	}
	j := i
	n := 0
	for j < len(text) && n <= 40 {
		r, size := utf8.DecodeRuneInString(text[j:])
		if strings.ContainsRune(nameEnds, r) {
			break
		}
		j += size
		n++
	}
	name := text[i:j]
	if name == "" || n > 40 || notNames[name] {
		return "", j, false
	}
	if _, org := orgType(name); org && !containsAny(name, notOrgWords) {
		return name, j, true
	}
	if !plausiblePerson(name) {
		return "", j, false
	}
	if !strings.ContainsAny(name, "·•") {
		short := readPersonName(name)
		if short == "" {
			return "", j, false
		}
		return short, i + len(short), true
	}
	return name, j, true
}

func latinStart(text string, i int) bool {
	return i < len(text) && (text[i]|0x20) >= 'a' && (text[i]|0x20) <= 'z'
}

// readLatinName reads a foreigner's name written in Latin letters (JOHN
// SMITH, Maria de la Cruz) up to the next comma or bracket.
func readLatinName(text string, i int) (string, int, bool) {
	j := i
	for j < len(text) {
		c := text[j]
		if !(c|0x20 >= 'a' && c|0x20 <= 'z') && c != ' ' && c != '.' && c != '-' && c != '\'' {
			break
		}
		j++
	}
	name := strings.TrimSpace(text[i:j])
	if len(name) < 3 || len(name) > 60 || !strings.Contains(name, " ") && len(name) < 4 {
		return "", j, false
	}
	return name, i + len(name), true
}

// plausiblePerson reports whether s has the shape of a natural person's
// name: two to four Han characters (the first a surname, or a name already
// masked such as 张某 or 张3), or a minority name with a middle dot.
func plausiblePerson(s string) bool {
	n := utf8.RuneCountInString(s)
	if strings.ContainsAny(s, "·•") {
		return n <= 16
	}
	if n < 2 || n > 4 {
		return false
	}
	first, _ := utf8.DecodeRuneInString(s)
	if !unicode.Is(unicode.Han, first) {
		return false
	}
	return startsWithSurname(s) || masked(s)
}

// masked reports whether a name is already masked: a surname followed by 某,
// ×, * or digits (张某, 张某某, 刘某1, 张3, 王××).
func masked(name string) bool {
	_, size := utf8.DecodeRuneInString(name)
	rest := name[size:]
	if s := surnameOf(name); len(s) < len(name) {
		rest = name[len(s):]
	}
	if rest == "" {
		return false
	}
	return strings.ContainsAny(rest, "某×*＊xX0123456789")
}

func skipBracket(text string, i int) int {
	r, size := utf8.DecodeRuneInString(text[i:])
	if r != '（' && r != '(' {
		return i
	}
	j := strings.IndexAny(text[i+size:], "）)")
	if j < 0 || j > 60 {
		return i
	}
	_, csize := utf8.DecodeRuneInString(text[i+size+j:])
	return i + size + j + csize
}

func skipAny(text string, i int, chars string) int {
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !strings.ContainsRune(chars, r) {
			break
		}
		i += size
	}
	return i
}

func firstRunes(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}

func containsAny(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// isCriminal reports whether the case is criminal.
func (d *doc) isCriminal() bool { return d.kind == court.KindCriminal }
