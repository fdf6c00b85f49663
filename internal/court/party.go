package court

import (
	"strings"
)

// PartyType is the kind of a party (当事人类型).
type PartyType uint8

// The party types.
const (
	PartyTypeNone     PartyType = iota
	NaturalPerson               // 自然人
	LegalPerson                 // 法人
	UnincorporatedOrg           // 非法人组织
)

var partyTypeNames = [...]string{"", "自然人", "法人", "非法人组织"}

// String returns the Chinese name of the type.
func (t PartyType) String() string {
	if int(t) < len(partyTypeNames) {
		return partyTypeNames[t]
	}
	return ""
}

// ParsePartyType reads 自然人, 法人 or 非法人组织 (and 其他组织, the name
// before 民法典).
func ParsePartyType(s string) (PartyType, bool) {
	switch strings.TrimSpace(s) {
	case "自然人", "个人", "公民":
		return NaturalPerson, true
	case "法人", "单位", "企业法人", "机关法人", "事业单位法人", "社会团体法人":
		return LegalPerson, true
	case "非法人组织", "其他组织":
		return UnincorporatedOrg, true
	}
	return PartyTypeNone, false
}

// Party is one row of the 当事人表: a party of a case with its 诉讼地位
// (原告, 被告, 第三人, 上诉人, 申请执行人, 被执行人 ...), its identity
// number (身份证号 for a natural person, 统一社会信用代码 otherwise), its
// 住所 and its agents (代理人).
type Party struct {
	CaseNo  string // canonical 案号
	Name    string
	Role    string // 诉讼地位
	Type    PartyType
	IDNo    string // 身份证号 or 统一社会信用代码, "" when not given
	Address string
	Agents  []string
}

// ValidResidentID checks an 18-character 居民身份证号码 (GB 11643-1999):
// 17 digits and an ISO 7064 MOD 11-2 check character (0-9 or X).
func ValidResidentID(s string) bool {
	if len(s) != 18 {
		return false
	}
	weights := [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}
	sum := 0
	for i := range 17 {
		c := s[i]
		if c < '0' || c > '9' {
			return false
		}
		sum += int(c-'0') * weights[i]
	}
	return s[17] == "10X98765432"[sum%11] || (s[17] == 'x' && sum%11 == 2)
}

// creditCodeChars are the characters of a 统一社会信用代码 (GB 32100-2015),
// in the order of their values: digits and capitals without I, O, Z, S, V.
const creditCodeChars = "0123456789ABCDEFGHJKLMNPQRTUWXY"

// ValidCreditCode checks an 18-character 统一社会信用代码 (GB 32100-2015):
// its characters and its check character (weights 3^i mod 31).
func ValidCreditCode(s string) bool {
	if len(s) != 18 {
		return false
	}
	weights := [17]int{1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28}
	sum := 0
	for i := range 17 {
		v := strings.IndexByte(creditCodeChars, s[i])
		if v < 0 {
			return false
		}
		sum += v * weights[i]
	}
	check := (31 - sum%31) % 31
	return s[17] == creditCodeChars[check]
}

// ResidentIDCheck returns the check character of 17 digits, for test data
// and the demo.
func ResidentIDCheck(first17 string) byte {
	weights := [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}
	sum := 0
	for i := range 17 {
		sum += int(first17[i]-'0') * weights[i]
	}
	return "10X98765432"[sum%11]
}

// CreditCodeCheck returns the check character of the first 17 characters
// of a 统一社会信用代码, for test data and the demo.
func CreditCodeCheck(first17 string) byte {
	weights := [17]int{1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28}
	sum := 0
	for i := range 17 {
		sum += strings.IndexByte(creditCodeChars, first17[i]) * weights[i]
	}
	return creditCodeChars[(31-sum%31)%31]
}
