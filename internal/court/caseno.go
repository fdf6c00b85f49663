package court

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// CaseNo is a parsed 案号: （年度）法院代字 类型代字 序号 号, as in
// （2025）京0105民初12345号. Kind and Level come from the 类型代字.
type CaseNo struct {
	Year      int
	CourtCode string // 法院代字, e.g. 京0105, 最高法
	TypeCode  string // 类型代字, e.g. 民初
	Seq       int    // 序号
	Suffix    string // 之一, 之二 ... for a case split from another; usually empty
	Kind      Kind
	Level     Level
}

// String returns the canonical form of the 案号, with full-width brackets.
func (n CaseNo) String() string {
	var b strings.Builder
	b.Grow(40)
	b.WriteString("（")
	b.WriteString(strconv.Itoa(n.Year))
	b.WriteString("）")
	b.WriteString(n.CourtCode)
	b.WriteString(n.TypeCode)
	b.WriteString(strconv.Itoa(n.Seq))
	b.WriteString("号")
	b.WriteString(n.Suffix)
	return b.String()
}

var openBrackets = "(（〔[［【"
var closeBrackets = ")）〕]］】"

// ParseCaseNo reads a 案号. It accepts full-width and half-width brackets
// (and 〔〕, 【】), full-width digits and stray spaces, and requires a 类型代字
// of the official table. Errors are *Error of kind Invalid with a Chinese message.
func ParseCaseNo(s string) (CaseNo, error) {
	raw := s
	s = normalizeCaseNo(s)
	if s == "" {
		return CaseNo{}, Errorf(Invalid, "案号为空")
	}
	bad := func(why string) (CaseNo, error) {
		return CaseNo{}, Errorf(Invalid, "案号“%s”无法解析：%s", raw, why)
	}
	r, size := utf8.DecodeRuneInString(s)
	if !strings.ContainsRune(openBrackets, r) {
		return bad("应以括号括起的年度开头，如（2025）")
	}
	s = s[size:]
	i := strings.IndexFunc(s, func(r rune) bool { return strings.ContainsRune(closeBrackets, r) })
	if i < 0 {
		return bad("年度的括号没有闭合")
	}
	year, err := strconv.Atoi(s[:i])
	if err != nil || i != 4 || year < 1949 || year > 2199 {
		return bad("年度应为四位数字")
	}
	_, size = utf8.DecodeRuneInString(s[i:])
	s = s[i+size:]

	var no CaseNo
	no.Year = year
	hao := strings.LastIndex(s, "号")
	if hao < 0 {
		return bad("缺少“号”字")
	}
	no.Suffix = s[hao+len("号"):]
	if no.Suffix != "" && !validSuffix(no.Suffix) {
		return bad("“号”之后只能是“之一”“之二”等")
	}
	body := s[:hao]
	j := len(body)
	for j > 0 && body[j-1] >= '0' && body[j-1] <= '9' {
		j--
	}
	if j == len(body) {
		return bad("缺少序号")
	}
	if len(body)-j > 9 {
		return bad("序号过长")
	}
	no.Seq, _ = strconv.Atoi(body[j:])
	if no.Seq <= 0 {
		return bad("序号应为正整数")
	}
	court, code, ok := splitCourtAndType(body[:j])
	if !ok {
		if code == "" {
			return bad("法院代字或类型代字缺失或不合规范")
		}
		return CaseNo{}, Errorf(Invalid, "案号“%s”中的类型代字“%s”不在最高人民法院案号规定的类型代字表中", raw, code)
	}
	tc := typeCodeIndex[code]
	no.CourtCode, no.TypeCode, no.Kind, no.Level = court, code, tc.Kind, tc.Level
	return no, nil
}

// splitCourtAndType splits "京0105民初" into 京0105 and 民初. When the 法院代字
// has digits, the 类型代字 is what follows the last digit; otherwise (最高法民终)
// it is the longest known code that ends the text. On failure the returned
// code is the candidate that was not found, for the error message.
func splitCourtAndType(s string) (court, code string, ok bool) {
	last := strings.LastIndexFunc(s, func(r rune) bool { return r >= '0' && r <= '9' })
	if last >= 0 {
		court, code = s[:last+1], s[last+1:]
		if !validCourtCode(court) || code == "" {
			return "", "", false
		}
		_, ok = typeCodeIndex[code]
		return court, code, ok
	}
	runes := []rune(s)
	for n := min(maxTypeCodeRunes, len(runes)-1); n >= 1; n-- {
		c := string(runes[len(runes)-n:])
		if _, found := typeCodeIndex[c]; found && validCourtCode(string(runes[:len(runes)-n])) {
			return string(runes[:len(runes)-n]), c, true
		}
	}
	if len(runes) > 1 {
		return "", string(runes[1:]), false
	}
	return "", "", false
}

// validCourtCode accepts one to three Han characters followed by digits.
func validCourtCode(s string) bool {
	han := 0
	for _, r := range s {
		if r >= '0' && r <= '9' {
			break
		}
		if !unicode.Is(unicode.Han, r) {
			return false
		}
		han++
		s = s[utf8.RuneLen(r):]
	}
	if han < 1 || han > 3 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return len(s) <= 6
}

func validSuffix(s string) bool {
	rest, ok := strings.CutPrefix(s, "之")
	if !ok || rest == "" {
		return false
	}
	for _, r := range rest {
		if !strings.ContainsRune("一二三四五六七八九十", r) {
			return false
		}
	}
	return true
}

// normalizeCaseNo removes spaces and turns full-width digits into ASCII.
func normalizeCaseNo(s string) string {
	if !strings.ContainsFunc(s, needsNormalizing) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case unicode.IsSpace(r) || r == '\u3000' || r == '\ufeff':
		case r >= '０' && r <= '９':
			b.WriteRune(r - '０' + '0')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func needsNormalizing(r rune) bool {
	return unicode.IsSpace(r) || r == '\u3000' || r == '\ufeff' || (r >= '０' && r <= '９')
}
