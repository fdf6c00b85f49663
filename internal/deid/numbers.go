package deid

import (
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"
)

// mask replaces what 第十条 deletes, so that the reader sees where it was.
const mask = "×××"

// digitRun is a run of digits at a byte range, in ASCII digits.
type digitRun struct {
	start, end int
	digits     string
}

// digitRuns finds the maximal runs of digits (ASCII or full-width) that are
// not part of a longer code of letters and digits; an ID number's final X
// belongs to its run.
func digitRuns(text string) []digitRun {
	var runs []digitRun
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if digitOf(r) < 0 {
			i += size
			continue
		}
		start := i
		var b strings.Builder
		for i < len(text) {
			r, size = utf8.DecodeRuneInString(text[i:])
			d := digitOf(r)
			if d < 0 {
				break
			}
			b.WriteByte(byte('0' + d))
			i += size
		}
		if b.Len() == 17 && i < len(text) && (text[i] == 'X' || text[i] == 'x') {
			b.WriteByte('X')
			i++
		} else if b.Len() == 17 && strings.HasPrefix(text[i:], "Ｘ") {
			b.WriteByte('X')
			i += len("Ｘ")
		}
		if asciiLetterBefore(text, start) || asciiLetterAt(text, i) {
			continue
		}
		runs = append(runs, digitRun{start, i, b.String()})
	}
	return runs
}

func digitOf(r rune) int {
	switch {
	case r >= '0' && r <= '9':
		return int(r - '0')
	case r >= '０' && r <= '９':
		return int(r - '０')
	}
	return -1
}

func asciiLetterAt(text string, i int) bool {
	return i < len(text) && (text[i]|0x20 >= 'a' && text[i]|0x20 <= 'z')
}

func asciiLetterBefore(text string, i int) bool {
	if i == 0 {
		return false
	}
	c := text[i-1] | 0x20
	if c < 'a' || c > 'z' {
		return false
	}
	// "Tel" or "QQ" before a number is context, not part of a code
	tail := strings.ToLower(text[max(0, i-3):i])
	return !strings.HasSuffix(tail, "tel") && !strings.HasSuffix(tail, "qq")
}

// separators may split a phone number or a bank account into groups.
func separatorBetween(text string, a, b int) bool {
	gap := text[a:b]
	return gap == " " || gap == "-" || gap == "－" || gap == "—" || gap == "\u3000"
}

// numberSpans deletes ID numbers, telephone numbers, bank accounts and QQ
// numbers. A number split into groups by spaces or hyphens is joined first;
// the longest joined form that is one of them wins.
func (d *doc) numberSpans() []span {
	runs := digitRuns(d.text)
	var spans []span
	for i := 0; i < len(runs); {
		best, bestType, bestRule := -1, Type(""), ""
		digits := ""
		for j := i; j < len(runs) && j < i+5; j++ {
			if j > i && !separatorBetween(d.text, runs[j-1].end, runs[j].start) {
				break
			}
			digits += runs[j].digits
			if t, rule, ok := classifyNumber(digits, d.context(runs[i].start), j > i); ok {
				best, bestType, bestRule = j, t, rule
			}
		}
		if best < 0 || (bestType == TypeBankAccount && d.documentNumber(runs[i].start, runs[best].end)) ||
			(bestType != TypeIDNumber && quantity(d.text, runs[i].start, runs[best].end)) {
			i++
			continue
		}
		spans = append(spans, span{start: runs[i].start, end: runs[best].end, repl: mask, typ: bestType, rule: bestRule})
		i = best + 1
	}
	return spans
}

// unitWords after a number make it a quantity, not a telephone number or
// an account: 1959906.4元, 31100平方米.
var unitWords = splitWords(`元 万 亿 平方 米 亩 公里 千克 公斤 克 吨 件 个 人 次 天 日 年 月 份 股 % ％`)

// quantity reports whether the number at [start, end) is an amount or a
// measure: a decimal, or followed by a unit.
func quantity(text string, start, end int) bool {
	if strings.HasPrefix(text[end:], ".") || strings.HasSuffix(text[:start], ".") {
		return true
	}
	for _, u := range unitWords {
		if strings.HasPrefix(text[end:], u) {
			return true
		}
	}
	return false
}

// documentNumber reports whether the number at [start, end) is written
// 第……号, as the number of a document is, with no bank word before it.
func (d *doc) documentNumber(start, end int) bool {
	return strings.HasSuffix(d.text[:start], "第") && strings.HasPrefix(d.text[end:], "号") && !containsAny(d.context(start), bankWords)
}

// context is the 16 characters before byte i.
func (d *doc) context(i int) string {
	j := i
	for n := 0; n < 16 && j > 0; n++ {
		_, size := utf8.DecodeLastRuneInString(d.text[:j])
		j -= size
	}
	return d.text[j:i]
}

var (
	phoneWords = splitWords(`电话 联系 手机 座机 传真 热线 Tel TEL tel 致电 拨打`)
	bankWords  = splitWords(`账号 帐号 账户 帐户 卡号 银行卡 存折 开户 尾号 转账 转入 汇入`)
	idWords    = splitWords(`身份 证件号 公民身份号码`)
)

const (
	ruleID      = "第十条第（一）项：身份证号码"
	rulePhone   = "第十条第（一）项：通讯方式"
	ruleBank    = "第十条第（一）项、第（二）项：银行账号"
	rulePlate   = "第十条第（一）项、第（二）项：车牌号码"
	ruleCert    = "第十条第（一）项、第（二）项：动产或不动产权属证书编号"
	ruleAddress = "第十条第（一）项、第十一条：家庭住址只保留到县、区"
	ruleHealth  = "第十条第（一）项：健康状况"
)

// classifyNumber says what a number is, from its digits, the words before
// it and whether it was written in groups.
func classifyNumber(n, ctx string, grouped bool) (Type, string, bool) {
	switch l := len(n); {
	case l == 18 && validIDShape(n) && (idChecksum(n) || containsAny(ctx, idWords)):
		return TypeIDNumber, ruleID, true
	case l == 15 && containsAny(ctx, idWords) && validDate("19"+n[6:12]):
		return TypeIDNumber, ruleID, true
	case l == 11 && n[0] == '1' && n[1] >= '3':
		return TypePhone, rulePhone, true
	case l == 13 && strings.HasPrefix(n, "861") && n[3] >= '3':
		return TypePhone, rulePhone, true
	case l >= 10 && l <= 12 && n[0] == '0' && (grouped || containsAny(ctx, phoneWords)):
		return TypePhone, rulePhone, true
	case l == 10 && (strings.HasPrefix(n, "400") || strings.HasPrefix(n, "800")) && (grouped || containsAny(ctx, phoneWords)):
		return TypePhone, rulePhone, true
	case (l == 7 || l == 8) && containsAny(ctx, phoneWords) && !containsAny(ctx, bankWords):
		return TypePhone, rulePhone, true
	case l >= 5 && l <= 11 && (strings.Contains(ctx, "QQ") || strings.Contains(ctx, "qq")):
		return TypeContact, rulePhone, true
	case l >= 12 && l <= 19 && containsAny(ctx, bankWords):
		return TypeBankAccount, ruleBank, true
	case l >= 16 && l <= 19 && (luhn(n) || strings.Contains(ctx, "银行")) && !strings.Contains(ctx, "编号"):
		return TypeBankAccount, ruleBank, true
	case l == 18 && validIDShape(n):
		return TypeIDNumber, ruleID, true
	}
	return "", "", false
}

// validIDShape reports whether an 18-character number has the shape of a
// 公民身份号码 (GB 11643): an area code, a date of birth, a sequence and a check.
func validIDShape(n string) bool {
	if len(n) != 18 || n[0] < '1' || n[0] > '9' {
		return false
	}
	return validDate(n[6:14])
}

func validDate(s string) bool {
	if len(s) != 8 || (s[:2] != "19" && s[:2] != "20") {
		return false
	}
	m := int(s[4]-'0')*10 + int(s[5]-'0')
	day := int(s[6]-'0')*10 + int(s[7]-'0')
	return m >= 1 && m <= 12 && day >= 1 && day <= 31
}

// idChecksum checks the last character of an 18-digit ID number (ISO 7064 MOD 11-2).
func idChecksum(n string) bool {
	weights := [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}
	sum := 0
	for i := 0; i < 17; i++ {
		if n[i] < '0' || n[i] > '9' {
			return false
		}
		sum += int(n[i]-'0') * weights[i]
	}
	return "10X98765432"[sum%11] == n[17]
}

// luhn checks a bank card number's check digit.
func luhn(n string) bool {
	sum := 0
	for i := len(n) - 1; i >= 0; i-- {
		c := int(n[i] - '0')
		if c < 0 || c > 9 {
			return false
		}
		if (len(n)-1-i)%2 == 1 {
			c *= 2
			if c > 9 {
				c -= 9
			}
		}
		sum += c
	}
	return sum%10 == 0
}

// platePattern finds a licence plate: a province, the authority's letter,
// and five characters (six for a new-energy vehicle), with 挂 or 学 after.
var platePattern = regexp.MustCompile(`^[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-HJ-NP-Za-hj-np-z][·•\s]?[A-HJ-NP-Za-hj-np-z0-9]{5,6}[挂学警]?`)

var (
	certWords      = splitWords(`不动产权 不动产证 不动产登记证明 房权证 房产证 房屋所有权证 房地产权证 房地产证 土地使用权证 土地使用证 土地证 宅基地使用证 林权证 产权证 权属证书 机动车登记证书 车辆登记证书 登记证书编号 船舶所有权登记证书`)
	certNumber     = regexp.MustCompile(`[A-Za-z0-9０-９\-－]*[0-9０-９]{5,}[A-Za-z0-9０-９\-－]*`)
	emailPattern   = regexp.MustCompile(`[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}`)
	wechatPattern  = regexp.MustCompile(`(?:微信号|微信账号|微信ID|微信 ID)[：:\s]*([A-Za-z][-_A-Za-z0-9]{5,19})`)
	diagnosisWords = splitWords(`患有 罹患 身患 患上 确诊为 确诊患有 诊断为 被诊断为 诊断患有 诊断结论为`)
	diagnosis      = regexp.MustCompile(`^[^，。；、：\s“”"‘’「」]{0,10}?(?:病|症|炎|癌|瘤|综合征|障碍|感染)`)
	history        = regexp.MustCompile(`(?:有|患)([^，。；、：\s有患“”"‘’「」]{2,8})$`)
	patient        = regexp.MustCompile(`(?:系|为|是)([^，。；、：\s“”"‘’「」]{1,8}?(?:病|症|炎|癌|瘤|综合征|障碍))$`)
	carrierOf      = regexp.MustCompile(`(?:艾滋病|HIV|乙肝|乙型肝炎|丙肝|梅毒)(?:病毒)?$`)
)

// keywordSpans deletes plates, property certificate numbers, e-mail
// addresses and WeChat accounts.
func (d *doc) keywordSpans() []span {
	var spans []span
	for _, m := range plates(d.text) {
		s := d.text[m[0]:m[1]]
		if asciiLetterAt(d.text, m[1]) || (m[1] < len(d.text) && d.text[m[1]] >= '0' && d.text[m[1]] <= '9') || strings.Count(s, "")-1 < 7 || countDigits(s) < 2 {
			continue
		}
		_, p := utf8.DecodeRuneInString(s)
		head := s[:p+1]
		spans = append(spans, span{start: m[0], end: m[1], repl: head + strings.Repeat("×", utf8.RuneCountInString(s[p+1:])), typ: TypePlate, rule: rulePlate})
	}
	for _, m := range literalMatches(d.text, certWords) {
		window := firstRunes(d.text[m[1]:], 40)
		if k := strings.IndexAny(window, "，,。；;"); k >= 0 {
			window = window[:k]
		}
		if n := certNumber.FindStringIndex(window); n != nil && !quantity(d.text, m[1]+n[0], m[1]+n[1]) {
			spans = append(spans, span{start: m[1] + n[0], end: m[1] + n[1], repl: mask, typ: TypeCertificate, rule: ruleCert})
		}
	}
	if strings.Contains(d.text, "@") {
		for _, m := range emailPattern.FindAllStringIndex(d.text, -1) {
			spans = append(spans, span{start: m[0], end: m[1], repl: mask, typ: TypeContact, rule: rulePhone})
		}
	}
	if strings.Contains(d.text, "微信") {
		for _, m := range wechatPattern.FindAllStringSubmatchIndex(d.text, -1) {
			spans = append(spans, span{start: m[2], end: m[3], repl: mask, typ: TypeContact, rule: rulePhone})
		}
	}
	return spans
}

func countDigits(s string) int {
	n := 0
	for _, r := range s {
		if r >= '0' && r <= '9' {
			n++
		}
	}
	return n
}

// healthSpans deletes named diagnoses: an illness after 患有, 诊断为 ... (the
// name ending in 病, 症, 炎, 癌, 瘤, 综合征, 障碍 or 感染) and the carriers of
// HIV, hepatitis B or C and syphilis. Injuries (骨折, 轻伤二级) are the facts of
// a case and stay.
func (d *doc) healthSpans() []span {
	var spans []span
	add := func(start, end int) {
		if diag := d.text[start:end]; strings.HasSuffix(diag, "疾病") || strings.Contains(diag, "的") {
			return
		}
		spans = append(spans, span{start: start, end: end, repl: mask, typ: TypeHealth, rule: ruleHealth})
	}
	for _, m := range literalMatches(d.text, diagnosisWords) {
		if n := diagnosis.FindStringIndex(firstRunes(d.text[m[1]:], 16)); n != nil {
			add(m[1]+n[0], m[1]+n[1])
		}
	}
	for _, m := range literalMatches(d.text, []string{"患者", "病人"}) {
		from := runeStartBefore(d.text, m[0], 30)
		if n := patient.FindStringSubmatchIndex(d.text[from:m[0]]); n != nil {
			add(from+n[2], from+n[3])
		}
	}
	for _, m := range literalMatches(d.text, []string{"病史"}) {
		from := runeStartBefore(d.text, m[0], 30)
		if n := history.FindStringSubmatchIndex(d.text[from:m[0]]); n != nil {
			add(from+n[2], from+n[3])
		}
	}
	for _, m := range literalMatches(d.text, []string{"携带者", "阳性", "感染者"}) {
		from := runeStartBefore(d.text, m[0], 24)
		if n := carrierOf.FindStringIndex(d.text[from:m[0]]); n != nil {
			spans = append(spans, span{start: from + n[0], end: m[1], repl: mask, typ: TypeHealth, rule: ruleHealth})
		}
	}
	return spans
}

// literalMatches finds every occurrence of the words, the longest where two
// begin at the same place, without overlaps, in order.
func literalMatches(text string, words []string) [][2]int {
	var out [][2]int
	newMatcher(words).scan(text, func(i int, w string) { out = append(out, [2]int{i, i + len(w)}) })
	return out
}

// matcher finds a set of words in one pass over a text.
type matcher map[rune][]string

// newMatcher indexes the words by their first character, longest first.
func newMatcher(words []string) matcher {
	m := matcher{}
	for _, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		m[r] = append(m[r], w)
	}
	for r := range m {
		sort.SliceStable(m[r], func(i, j int) bool { return len(m[r][i]) > len(m[r][j]) })
	}
	return m
}

// scan calls found for each word in text, the longest at each place,
// without overlaps.
func (m matcher) scan(text string, found func(i int, w string)) {
	for i := 0; i < len(text); {
		r, size := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[i:])
		}
		hit := ""
		for _, w := range m[r] {
			if strings.HasPrefix(text[i:], w) {
				hit = w
				break
			}
		}
		if hit == "" {
			i += size
			continue
		}
		found(i, hit)
		i += len(hit)
	}
}

// runeStartBefore returns the start of a character at most n bytes before i.
func runeStartBefore(text string, i, n int) int {
	j := max(0, i-n)
	for j < i && !isRuneStart(text[j]) {
		j++
	}
	return j
}

// provinces begin a licence plate.
var provinces = setOf("京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼")

// plates finds the licence plates: at each Latin letter that follows a
// province's character, platePattern is tried.
func plates(text string) [][2]int {
	var out [][2]int
	for i := 3; i < len(text); i++ {
		c := text[i] | 0x20
		if c < 'a' || c > 'z' {
			continue
		}
		r, size := utf8.DecodeLastRuneInString(text[:i])
		if !provinces[r] {
			continue
		}
		if m := platePattern.FindStringIndex(text[i-size:]); m != nil && m[0] == 0 {
			out = append(out, [2]int{i - size, i - size + m[1]})
			i += m[1] - size - 1
		}
	}
	return out
}
