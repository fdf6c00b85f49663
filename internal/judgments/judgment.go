package judgments

import (
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/zhixiao/zhixiao/internal/court"
)

// Judgment is one judgment of the corpus, read and parsed.
type Judgment struct {
	CaseNo   string
	Cause    string // 案由 (civil) or the first charge (criminal); "" when unknown
	Charges  []string
	Court    string
	Level    string // 最高院, 高院, 中院, 基层 (court.CourtLevel names); "" when the court is unknown
	Date     court.Date
	Text     string
	Parts    Parts
	Articles []Article
	Source   string // file and row, for messages
}

// MaxTextBytes bounds a judgment's text: the longest real judgments are a
// few hundred kilobytes.
const MaxTextBytes = 2 << 20

// Parse completes j from its text: the fields, the cited articles, the
// charges, the 案由 when not given, the court and its level when not given.
func Parse(j *Judgment) {
	j.Text = strings.TrimPrefix(j.Text, "\ufeff")
	j.Parts = Split(j.Text)
	cited := j.Text
	if a := first(j.Text, 0, appendixMarks); a >= 0 {
		cited = j.Text[:a]
	}
	j.Articles = ExtractArticles(cited)
	j.Charges = ExtractCharges(j.Text[j.Parts[FieldReasoning].Start:max(j.Parts[FieldDisposition].End, j.Parts[FieldReasoning].End)])
	if j.Cause == "" {
		j.Cause = ExtractCause(j.Text, j.Charges)
	}
	if j.Court == "" {
		j.Court = ExtractCourt(j.Text)
	}
	if j.CaseNo == "" {
		j.CaseNo = ExtractCaseNo(j.Text)
	}
	j.CaseNo = NormalCaseNo(j.CaseNo)
	if j.Date == court.NoDate {
		j.Date = ExtractDate(j.Text)
	}
	j.Level = CourtLevel(j.Court)
}

// Year is the year of the judgment's date, 0 when unknown.
func (j *Judgment) Year() int {
	if j.Date == court.NoDate {
		return 0
	}
	return j.Date.Time().Year()
}

var (
	chargeRe   = regexp.MustCompile(`^(\p{Han}{2,16}?罪)`)
	disputeRe  = regexp.MustCompile(`(\p{Han}{2,30}?)纠纷(?:一案|案)`)
	courtRe    = regexp.MustCompile(`\p{Han}{2,30}?人民法院`)
	caseNoRe   = regexp.MustCompile(`[（(]\d{4}[）)][\p{Han}\d]{1,12}?\d+号`)
	notCharges = []string{"之罪", "本法", "数罪", "该罪", "此罪", "何罪", "的罪", "一罪", "重罪", "轻罪", "新罪", "前罪", "后罪", "余罪", "其罪", "本罪", "上述"}
)

// knownCharges are the charges of the legal dictionary (its words ending in
// 罪), longest first, so that 掩饰、隐瞒犯罪所得、犯罪所得收益罪 is read whole.
var knownCharges = func() []string {
	var out []string
	for _, line := range strings.Split(legalDict, "\n") {
		f := strings.Fields(line)
		if len(f) >= 1 && !strings.HasPrefix(f[0], "#") && strings.HasSuffix(f[0], "罪") {
			out = append(out, f[0])
		}
	}
	sort.Slice(out, func(i, j int) bool { return len(out[i]) > len(out[j]) })
	return out
}()

var chargeLead = regexp.MustCompile(`犯|构成`)

// ExtractCharges returns the charges named in text (犯盗窃罪, 构成诈骗罪),
// each once, in order: a charge of the legal dictionary when one follows
// 犯 or 构成, else the words up to the next 罪 (2 to 16 characters, not
// 本法规定之罪, 数罪 and the like).
func ExtractCharges(text string) []string {
	var out []string
	for _, m := range chargeLead.FindAllStringIndex(text, -1) {
		rest := text[m[1]:]
		c := ""
		for _, k := range knownCharges {
			if strings.HasPrefix(rest, k) {
				c = k
				break
			}
		}
		if c == "" {
			sm := chargeRe.FindStringSubmatch(rest)
			if sm == nil {
				continue
			}
			c = sm[1]
			if strings.HasPrefix(c, "罪") || strings.HasPrefix(c, "被告") || strings.Contains(c, "犯罪") {
				continue
			}
			bad := false
			for _, n := range notCharges {
				bad = bad || strings.Contains(c, n)
			}
			if bad {
				continue
			}
		}
		if !contains(out, c) {
			out = append(out, c)
		}
	}
	return out
}

// causes are frequent civil 案由 that the text names before 纠纷一案.
var causes = []string{"民间借贷", "金融借款合同", "借款合同", "买卖合同", "房屋买卖合同", "房屋租赁合同", "租赁合同", "建设工程施工合同", "承揽合同",
	"服务合同", "物业服务合同", "劳务合同", "劳动争议", "追索劳动报酬", "离婚", "离婚后财产", "抚养费", "变更抚养关系", "赡养费", "继承", "法定继承",
	"机动车交通事故责任", "提供劳务者受害责任", "生命权、健康权、身体权", "健康权", "不当得利", "信用卡", "保证合同", "追偿权", "债权转让合同",
	"股权转让", "财产损害赔偿", "物权保护", "排除妨害", "相邻关系", "合伙协议", "委托合同", "运输合同", "保险合同", "财产保险合同",
	"人身保险合同", "医疗损害责任", "名誉权", "肖像权", "隐私权", "案外人执行异议之诉", "执行异议之诉", "房屋拆迁安置补偿合同", "土地承包经营权"}

// ExtractCause finds the 案由 in text: the charge for a criminal judgment,
// else the dispute named before 纠纷一案 (a known 案由 when one ends it,
// else the last words before 纠纷), or "" when none.
func ExtractCause(text string, charges []string) string {
	if len(charges) > 0 {
		return charges[0]
	}
	head := text
	if len(head) > 4000 {
		head = head[:4000]
		for !utf8.ValidString(head) {
			head = head[:len(head)-1]
		}
	}
	m := disputeRe.FindStringSubmatch(head)
	if m == nil {
		return ""
	}
	before := m[1]
	best := ""
	for _, c := range causes {
		if strings.HasSuffix(before, c) && len(c) > len(best) {
			best = c
		}
	}
	if best == "" {
		ts := Tokens(before)
		if len(ts) == 0 {
			return ""
		}
		best = ts[len(ts)-1]
		if len(ts) >= 2 && utf8.RuneCountInString(best) <= 2 {
			best = ts[len(ts)-2] + best
		}
	}
	return best + "纠纷"
}

// NormalCause is the form in which two 案由 are compared: without 纠纷 or
// a trailing 罪 qualifier of spelling, trimmed.
func NormalCause(c string) string {
	c = strings.TrimSpace(c)
	c = strings.TrimSuffix(c, "纠纷")
	return c
}

// ExtractCourt is the first court named in the text's heading.
func ExtractCourt(text string) string {
	head := text
	if len(head) > 600 {
		head = head[:600]
		for !utf8.ValidString(head) {
			head = head[:len(head)-1]
		}
	}
	return courtRe.FindString(head)
}

// ExtractCaseNo is the first 案号 in the text's heading, e.g. （2017）沪0120刑初684号.
func ExtractCaseNo(text string) string {
	head := text
	if len(head) > 1000 {
		head = head[:1000]
		for !utf8.ValidString(head) {
			head = head[:len(head)-1]
		}
	}
	s := caseNoRe.FindString(head)
	s = strings.NewReplacer("(", "（", ")", "）").Replace(s)
	return s
}

// CourtLevel is the level of a court by its name: 最高院, 高院, 中院 or 基层.
func CourtLevel(name string) string {
	switch {
	case name == "":
		return ""
	case strings.Contains(name, "最高人民法院"):
		return court.CourtSupreme.String()
	case strings.Contains(name, "高级人民法院"):
		return court.CourtHigh.String()
	case strings.Contains(name, "中级人民法院"):
		return court.CourtIntermediate.String()
	}
	return court.CourtBasic.String()
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

var chineseDateRe = regexp.MustCompile(`([〇零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日`)

// ExtractDate is the date a judgment is signed (二〇一七年六月二十八日),
// the last such date of the text; court.NoDate when none.
func ExtractDate(text string) court.Date {
	ms := chineseDateRe.FindAllStringSubmatch(text, -1)
	if len(ms) == 0 {
		return court.NoDate
	}
	m := ms[len(ms)-1]
	y := 0
	for _, r := range m[1] {
		d, _ := ParseNumeral(string(r))
		if r == '〇' || r == '零' {
			d = 0
		}
		y = y*10 + d
	}
	mo, _ := ParseNumeral(m[2])
	d, _ := ParseNumeral(m[3])
	date, ok := court.ValidDate(y, mo, d)
	if !ok {
		return court.NoDate
	}
	return date
}

// NormalCaseNo is the canonical form of a 案号 (court.ParseCaseNo) when it
// parses, else the text trimmed, with half-width brackets made full-width.
func NormalCaseNo(s string) string {
	s = strings.TrimSpace(s)
	if n, err := court.ParseCaseNo(s); err == nil {
		return n.String()
	}
	return strings.NewReplacer("(", "（", ")", "）").Replace(s)
}
