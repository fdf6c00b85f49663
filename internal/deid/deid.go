package deid

import (
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/zhixiao/zhixiao/internal/court"
)

// Setting is how far de-identification goes.
type Setting uint8

// The settings.
const (
	// Minimum is the rule as written (法释〔2016〕19号 第八条 to 第十条).
	Minimum Setting = iota
	// Strict also masks the name of every other natural person.
	Strict
)

// String returns the Chinese name of the setting.
func (s Setting) String() string {
	if s == Strict {
		return "严格（所有自然人隐名）"
	}
	return "最低要求（法释〔2016〕19号）"
}

// ParseSetting reads a setting from its key (minimum, strict) or Chinese name.
func ParseSetting(s string) (Setting, error) {
	switch strings.TrimSpace(s) {
	case "", "minimum", "最低", "最低要求":
		return Minimum, nil
	case "strict", "严格":
		return Strict, nil
	}
	return Minimum, court.Errorf(court.Invalid, "未知的脱敏设置“%s”，应为 minimum（最低要求）或 strict（严格）", s)
}

// PartyType is the type of a party: 自然人, 法人 or 非法人组织.
type PartyType uint8

// The party types.
const (
	Natural PartyType = iota
	LegalPerson
	Organization
)

var partyTypeNames = [...]string{"自然人", "法人", "非法人组织"}

// String returns the Chinese name of the type.
func (t PartyType) String() string {
	if int(t) < len(partyTypeNames) {
		return partyTypeNames[t]
	}
	return "未知"
}

// ParsePartyType reads a type from its Chinese name.
func ParsePartyType(s string) (PartyType, bool) {
	switch strings.TrimSpace(s) {
	case "自然人", "个人", "":
		return Natural, true
	case "法人", "单位", "机关":
		return LegalPerson, true
	case "非法人组织", "其他组织":
		return Organization, true
	}
	return Natural, false
}

// Party is a person or organisation a judgment names. Role is the 诉讼地位
// (原告, 被告人, 被害人, 法定代理人 ...). Minor is set when the person is known
// to be under 18; Lawyer for a lawyer or legal worker acting as agent.
type Party struct {
	Name     string
	Role     string
	Type     PartyType
	IDNumber string
	Address  string
	Minor    bool
	Lawyer   bool
	// Of is the index of the party a 法定代理人 or 委托诉讼代理人 acts for, -1 for
	// none; it is set for the parties read from the document.
	Of int
}

// Options are what Text needs besides the text.
type Options struct {
	Setting Setting
	// Parties are the case's parties when known; the document's own 当事人
	// paragraphs are read in any case and add to them.
	Parties []Party
	// CaseNo is the 案号 when known; otherwise the document's first 案号 is used.
	CaseNo string
	// Cause is the 案由 when known (e.g. from the case data).
	Cause string
	// Numbered gives the second and further people who would share a
	// pseudonym numbers (张某1, 张某2), as 第九条 words it, instead of 某某, 某甲.
	Numbered bool
}

// Type is the type of a change, as the report names it.
type Type string

// The types of change.
const (
	TypeName        Type = "name"
	TypeIDNumber    Type = "id_number"
	TypePhone       Type = "phone"
	TypeContact     Type = "contact"
	TypeBankAccount Type = "bank_account"
	TypePlate       Type = "plate"
	TypeCertificate Type = "certificate"
	TypeAddress     Type = "address"
	TypeHealth      Type = "health"
)

var typeNames = map[Type]string{
	TypeName: "姓名", TypeIDNumber: "身份证号码", TypePhone: "电话号码", TypeContact: "其他联系方式",
	TypeBankAccount: "银行账号", TypePlate: "车牌号码", TypeCertificate: "权属证书编号",
	TypeAddress: "家庭住址", TypeHealth: "健康状况",
}

// Types lists the types of change in the order reports show them.
func Types() []Type {
	return []Type{TypeName, TypeIDNumber, TypePhone, TypeContact, TypeBankAccount, TypePlate, TypeCertificate, TypeAddress, TypeHealth}
}

// Label returns the Chinese name of the type.
func (t Type) Label() string {
	if n, ok := typeNames[t]; ok {
		return n
	}
	return string(t)
}

// Change is one replacement: Offset is in characters (runes) from the start
// of the original text; an empty Replacement is a deletion.
type Change struct {
	Type        Type   `json:"type"`
	Original    string `json:"original"`
	Replacement string `json:"replacement"`
	Offset      int    `json:"offset"`
	Rule        string `json:"rule"`
}

// Result is the copy for publication and what was done to make it.
type Result struct {
	Text     string
	Changes  []Change
	Kind     court.Kind
	Family   bool    // a 婚姻家庭 or 继承 case
	Parties  []Party // the parties used: given and found
	Warnings []string
}

// Counts returns the number of changes of each type.
func (r Result) Counts() map[Type]int {
	m := map[Type]int{}
	for _, c := range r.Changes {
		m[c.Type]++
	}
	return m
}

// span is a change in byte offsets of the text, before it is applied.
type span struct {
	start, end int
	repl       string
	typ        Type
	rule       string
}

// Text de-identifies a judgment's text.
func Text(text string, opt Options) Result {
	r, _ := run(text, opt)
	return r
}

// run de-identifies text and returns the spans it made, in order.
func run(text string, opt Options) (Result, []span) {
	d := newDoc(text, opt)
	d.classify()
	d.findParties()
	d.findProtected()
	d.decideMinors()
	var spans []span
	spans = append(spans, d.numberSpans()...)
	spans = append(spans, d.keywordSpans()...)
	spans = append(spans, d.addressSpans()...)
	spans = append(spans, d.healthSpans()...)
	spans = append(spans, d.nameSpans()...)
	out, changes, made := apply(text, spans)
	return Result{Text: out, Changes: changes, Kind: d.kind, Family: d.family, Parties: d.parties, Warnings: d.warnings()}, made
}

// apply makes the spans, earliest first; a span that overlaps one already
// taken is dropped (numbers and addresses are found before names, so a name
// inside a deleted address goes with it).
func apply(text string, spans []span) (string, []Change, []span) {
	sort.SliceStable(spans, func(i, j int) bool {
		if spans[i].start != spans[j].start {
			return spans[i].start < spans[j].start
		}
		return spans[i].end > spans[j].end
	})
	var b strings.Builder
	b.Grow(len(text))
	var changes []Change
	var made []span
	at, runes := 0, 0
	for _, s := range spans {
		if s.start < at || s.end <= s.start {
			continue
		}
		runes += utf8.RuneCountInString(text[at:s.start])
		b.WriteString(text[at:s.start])
		b.WriteString(s.repl)
		changes = append(changes, Change{Type: s.typ, Original: text[s.start:s.end], Replacement: s.repl, Offset: runes, Rule: s.rule})
		runes += utf8.RuneCountInString(text[s.start:s.end])
		at = s.end
		made = append(made, s)
	}
	b.WriteString(text[at:])
	return b.String(), changes, made
}
