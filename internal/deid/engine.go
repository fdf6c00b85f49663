package deid

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/zhixiao/zhixiao/internal/court"
)

// doc is one document being de-identified.
type doc struct {
	text      string
	opt       Options
	kind      court.Kind
	caseYear  int
	family    bool
	mediation bool
	parties   []Party
	byName    map[string]int
	year      int             // the judgment's year (documentYear), 0 when unknown
	paras     []para          // the 当事人 paragraphs found
	protected map[string]bool // judges, clerks, prosecutors, lawyers
}

// para is a 当事人 paragraph: its byte range and its party.
type para struct {
	start, end int
	party      int
}

func newDoc(text string, opt Options) *doc {
	return &doc{text: text, opt: opt, byName: map[string]int{}, protected: map[string]bool{}}
}

// officials are the words before the names that keep them: the panel, the
// clerk, the prosecutor, the enforcement officer.
var officials = []string{"审判长", "代理审判员", "审判员", "人民陪审员", "陪审员", "书记员", "法官助理", "检察员", "代理检察员", "检察官", "速录员", "执行员"}

// inlineRoles are role words whose names are read in running text too (被害人王某
// 的陈述), with the class they give.
var inlineRoles = []struct {
	word  string
	class roleClass
}{
	{"附带民事诉讼原告人", roleVictim}, {"被害人", roleVictim}, {"证人", roleVictim}, {"鉴定人", roleVictim},
	{"婚生子", rolePrincipal}, {"婚生女", rolePrincipal}, {"非婚生子", rolePrincipal}, {"非婚生女", rolePrincipal},
	{"养子", rolePrincipal}, {"养女", rolePrincipal}, {"长子", rolePrincipal}, {"次子", rolePrincipal},
	{"长女", rolePrincipal}, {"次女", rolePrincipal}, {"之子", rolePrincipal}, {"之女", rolePrincipal},
	{"儿子", rolePrincipal}, {"女儿", rolePrincipal}, {"其子", rolePrincipal}, {"其女", rolePrincipal},
	{"孙子", rolePrincipal}, {"孙女", rolePrincipal}, {"外孙", rolePrincipal}, {"外孙女", rolePrincipal},
	{"原告", roleParty}, {"被告", roleParty}, {"第三人", roleParty}, {"上诉人", roleParty}, {"被上诉人", roleParty},
	{"申请人", roleParty}, {"被申请人", roleParty}, {"申请执行人", roleParty}, {"被执行人", roleParty},
	{"被告人", roleParty}, {"自诉人", roleParty}, {"原审原告", roleParty}, {"原审被告", roleParty}, {"原审被告人", roleParty},
	{"曾用名", roleParty}, {"别名", roleParty}, {"又名", roleParty}, {"化名", roleParty},
	{"被继承人", roleFamily},
}

// partyNameEnds may follow a party's name read in running text.
const partyNameEnds = "，。、；：,;:与诉及（(等"

// childNameEnds may follow a child's name read in running text (女儿潘甲随原告
// 生活), besides partyNameEnds.
const childNameEnds = "随由跟现于已在出系"

// childWords name a child: masked in 婚姻家庭 and 继承 cases, and elsewhere
// when the text shows a minor.
var childWords = setOfWords(`婚生子 婚生女 非婚生子 非婚生女 养子 养女 长子 次子 长女 次女 之子 之女 儿子 女儿 其子 其女 孙子 孙女 外孙 外孙女`)

// childRole reports whether a role word names a child.
func childRole(w string) bool { return childWords[w] }

// findProtected finds the names of the panel, clerks and prosecutors, and of
// the lawyers among the agents; they are never masked.
func (d *doc) findProtected() {
	newMatcher(officials).scan(d.text, func(i int, w string) {
		at := skipAny(d.text, i+len(w), " \u3000：:")
		if name := readPersonName(d.text[at:]); name != "" {
			d.protected[name] = true
		}
	})
	for _, p := range d.parties {
		if p.Lawyer {
			d.protected[p.Name] = true
		}
	}
	d.findInline()
}

// findInline adds the people that running text names after a victim's or
// witness's role (and, in 婚姻家庭 and 继承 cases, the children named after
// 婚生子, 长女 ...): 证人汪某、张某1的证言.
func (d *doc) findInline() {
	var words []string
	class := map[string]roleClass{}
	for _, r := range inlineRoles {
		if r.class == roleVictim && !d.isCriminal() && d.opt.Setting != Strict {
			continue
		}
		if r.class == roleParty && !d.family && d.opt.Setting != Strict || r.class == roleFamily && !d.family {
			continue
		}
		words = append(words, r.word)
		class[r.word] = r.class
	}
	newMatcher(words).scan(d.text, func(i int, w string) {
		if w == "证人" && precededBy(d.text, i, "保见公作查") {
			return // 保证人, 见证人, 公证人 are not witnesses
		}
		d.readInline(i+len(w), w, class[w] == roleParty)
	})
}

// readInline reads the names after a role word at i: 证人汪某、张某1. Outside
// 婚姻家庭 and 继承 cases a child counts only when the text shows a minor
// (其子王小明（8岁）, 女儿李丽（2012年3月出生）).
func (d *doc) readInline(at int, word string, party bool) {
	for {
		at = skipAny(d.text, at, "：:")
		name := readPersonName(d.text[at:])
		if name == "" || d.protected[name] {
			return
		}
		next, _ := utf8.DecodeRuneInString(d.text[at+len(name):])
		if party && !d.known(name) && (!strings.ContainsRune(partyNameEnds, next) || utf8.RuneCountInString(name) == 2 && !strings.HasSuffix(word, "名") && strings.Count(d.text, name) < 2) {
			return // a two-character reading must recur: 原告索赔， is no name
		}
		if childRole(word) && !d.known(name) && !strings.ContainsRune(partyNameEnds+childNameEnds, next) {
			return
		}
		role, minor := word, false
		if childRole(role) {
			role, minor = "子女", d.minorAfter(at+len(name))
			if !d.family && !minor {
				return
			}
		}
		if short := shorterKnown(name, d.byName); short != "" {
			name = short
		} else {
			d.addParty(Party{Name: name, Role: role, Of: -1, Minor: minor}, -1, -1)
		}
		at += len(name)
		next, size := utf8.DecodeRuneInString(d.text[at:])
		if next != '、' && next != '和' && next != '及' {
			return
		}
		at += size
	}
}

// shorterKnown returns the known two-character name that a three-character
// reading begins with (被害人徐林先后…: 徐林 is known, 徐林先 is not a name).
func shorterKnown(name string, known map[string]int) string {
	if _, ok := known[name]; ok || utf8.RuneCountInString(name) != 3 {
		return ""
	}
	_, size := utf8.DecodeLastRuneInString(name)
	if _, ok := known[name[:len(name)-size]]; ok {
		return name[:len(name)-size]
	}
	return ""
}

// nameStops may not be the last character of a name read from running text:
// 王明家中 is 王明, not 王明家.
var nameStops = setOf(`的家等在于因被与和及向将所处称说之系是为对从到已也均都并又即就把给让拿持用驾骑乘报陈证供诉辩签出作借欠还付收交打踢砍刺杀抢偷盗骗拉推殴戴到经分后前时以由自共同犯涉曾现仍各认欲其间先随`)

// readPersonName reads a natural person's name from the start of s in
// running text: an already masked name (张某, 刘某某, 张某1, 张3), or a surname
// and one or two more Han characters, the last not a word that follows names.
func readPersonName(s string) string {
	sur := surnameOf(s)
	if sur == "" || !startsWithSurname(s) {
		return ""
	}
	rest := s[len(sur):]
	if j := maskedRun(rest); j > 0 { // already masked: 某, 某某, 某1, ××, 3
		return sur + rest[:j]
	}
	if notNames[firstRunes(s, 2)] {
		return ""
	}
	var given []rune
	for _, r := range rest {
		if !unicode.Is(unicode.Han, r) || len(given) == 2 {
			break
		}
		if r == '〇' || r == '○' {
			break
		}
		given = append(given, r)
	}
	if len(given) == 2 && nameStops[given[1]] {
		given = given[:1]
	}
	// a name masked after its first given character: 李五×, 王小某
	if tail := rest[len(string(given)):]; len(given) > 0 && maskedRun(tail) > 0 {
		return sur + string(given) + tail[:maskedRun(tail)]
	}
	if len(given) == 0 || nameStops[given[0]] {
		return ""
	}
	name := sur + string(given)
	if notNames[name] || notNames[string(given)] {
		return ""
	}
	return name
}

// agePattern finds an age in brackets: （8岁）, (现年15周岁).
var agePattern = regexp.MustCompile(`^[（(][^）)]{0,6}?(\d{1,2})周?岁`)

// minorAfter reports whether the words after a name at i show a minor: an
// age under 18 or a date of birth less than 18 years before the judgment, in
// brackets, or 未成年.
func (d *doc) minorAfter(i int) bool {
	after := firstRunes(d.text[i:], 20)
	if m := agePattern.FindStringSubmatch(after); m != nil {
		age, _ := strconv.Atoi(m[1])
		return age < 18
	}
	if strings.HasPrefix(after, "（") || strings.HasPrefix(after, "(") {
		if m := birthPattern.FindStringSubmatch(after); m != nil {
			born, _ := strconv.Atoi(m[1])
			return d.year > 0 && d.year-born < 18
		}
	}
	return strings.Contains(after, "未成年")
}

// maskedRun returns the length of the masking characters (某, ×, *, digits)
// at the start of s.
func maskedRun(s string) int {
	j := 0
	for j < len(s) {
		r, size := utf8.DecodeRuneInString(s[j:])
		if r != '某' && r != '×' && r != '*' && r != '＊' && !(r >= '0' && r <= '9') {
			break
		}
		j += size
	}
	return j
}

// birthPattern finds a date of birth in a 当事人 paragraph.
var birthPattern = regexp.MustCompile(`(\d{4})年(\d{1,2})月(?:(\d{1,2})日)?(?:出生|生)`)

// decideMinors marks as minors the people whose paragraph says so or whose
// date of birth is less than 18 years before the judgment's year.
func (d *doc) decideMinors() {
	year := d.year
	for _, p := range d.paras {
		body := d.text[p.start:p.end]
		party := &d.parties[p.party]
		if party.Type != Natural {
			continue
		}
		if strings.Contains(body, "未成年") {
			party.Minor = true
		}
		if m := birthPattern.FindStringSubmatch(body); m != nil && year > 0 {
			born, _ := strconv.Atoi(m[1])
			if year-born < 18 {
				party.Minor = true
			}
		}
	}
}

var chineseDigits = map[rune]int{'〇': 0, '○': 0, '零': 0, '一': 1, '二': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}

// documentYear is the year of the judgment's date (the last year written
// in Chinese numerals, 二〇一七年), else the year of its 案号.
func (d *doc) documentYear() int {
	for i := len(d.text); ; {
		j := strings.LastIndex(d.text[:i], "年")
		if j < 0 {
			break
		}
		i = j
		y, n := 0, 0
		for k := j; n < 4 && k > 0; n++ {
			r, size := utf8.DecodeLastRuneInString(d.text[:k])
			v, ok := chineseDigits[r]
			if !ok {
				break
			}
			y += v * pow10(n)
			k -= size
		}
		if n == 4 && y > 1900 {
			return y
		}
	}
	return d.caseYear
}

func pow10(n int) int {
	p := 1
	for ; n > 0; n-- {
		p *= 10
	}
	return p
}

// masks reports whether the name of party i is masked, and by which rule.
func (d *doc) masks(i int) (string, bool) {
	p := d.parties[i]
	if p.Type != Natural || p.Lawyer || d.protected[p.Name] || masked(p.Name) {
		return "", false
	}
	class := classOf(p.Role)
	switch {
	case p.Minor:
		return "第八条第（三）项：未成年人", true
	case class == roleLegalRep && p.Of >= 0 && d.parties[p.Of].Minor:
		return "第八条第（三）项：未成年人的法定代理人", true
	case d.family && p.Role == "子女":
		return "第八条第（一）项：婚姻家庭、继承纠纷案件当事人的子女", true
	case d.family && p.Role == "被继承人":
		return "第八条第（一）项：继承纠纷案件的被继承人（其姓名可识别当事人）", true
	case d.family && class == rolePrincipal:
		return "第八条第（一）项：婚姻家庭、继承纠纷案件的当事人", true
	case d.family && class == roleLegalRep:
		return "第八条第（一）项：婚姻家庭、继承纠纷案件当事人的法定代理人", true
	case d.isCriminal() && class == roleVictim:
		return "第八条第（二）项：刑事案件" + p.Role, true
	case d.isCriminal() && class == roleLegalRep && p.Of >= 0 && classOf(d.parties[p.Of].Role) == roleVictim:
		return "第八条第（二）项：刑事案件被害人的法定代理人", true
	case d.opt.Setting == Strict:
		return "严格设置：自然人" + p.Role, true
	}
	return "", false
}

// warnings are what a person must still check: 第四条 keeps some judgments
// off the internet altogether.
func (d *doc) warnings() []string {
	var w []string
	if len(d.parties) == 0 {
		w = append(w, "未识别出当事人段落：已删除号码等个人信息，但姓名未作隐名处理，请人工核对。")
	}
	for _, p := range d.parties {
		if d.isCriminal() && p.Minor && classOf(p.Role) == rolePrincipal {
			w = append(w, "被告人"+p.Name+"系未成年人：依第四条第（二）项，未成年人犯罪的裁判文书不在互联网公布。")
			break
		}
	}
	if d.family && strings.Contains(d.head(3000), "离婚") {
		w = append(w, "离婚诉讼或者涉及未成年子女抚养、监护的裁判文书，依第四条第（四）项不在互联网公布。")
	}
	if d.mediation {
		w = append(w, "调解书一般不在互联网公布（第四条第（三）项）。")
	}
	return w
}
