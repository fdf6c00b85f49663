package deid

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// addressWords introduce a natural person's address in a 当事人 paragraph.
var addressWords = splitWords(`户籍所在地 户籍地 经常居住地 现居住地 居住地 暂住地 暂住 现住址 现住 住址 住所地 住所 家住 住 住处 租住 租住在 居住在 暂住在 暂住的 居住的 租住的 住于 居住于`)

// strongAddressWords name a home without doubt: outside a 当事人 paragraph an
// address after them goes even without a county (租住的笕桥村4组28号).
var strongAddressWords = setOfWords(`户籍所在地 户籍地 经常居住地 现居住地 居住地 暂住地 现住址 现住 住址 家住 住处 租住 租住在 居住在 暂住在 暂住的 居住的 租住的 住于 居住于`)

// adminUnit is one level of the address down to the county: a name ending
// in 省, 市, 区, 县 ... with none of the words of a street, village or building.
var adminUnit = regexp.MustCompile(`^(?:[^\s，。；;,、（）()0-9０-９路街巷号村组的]{2,10}?(?:特别行政区|自治区|自治州|自治县|自治旗|省|市|州|盟|地区|县|区|旗)|[^\s，。；;,、（）()0-9０-９路街巷号村组的](?:区|县|市))`)

// countyLevel ends the part of an address that stays.
func countyLevel(unit string, cities int) bool {
	switch {
	case strings.HasSuffix(unit, "县"), strings.HasSuffix(unit, "旗"), strings.HasSuffix(unit, "区") && !strings.HasSuffix(unit, "自治区") && !strings.HasSuffix(unit, "地区"):
		return true
	case strings.HasSuffix(unit, "市") && cities > 0:
		return true
	}
	return false
}

// addressEnds end an address.
const addressEnds = "，,。；;（(）)、\n\r\t"

// streetPart is the part of an address below the county: it ends with a
// word of a street, a village, a building or a room (up to 30 characters).
var streetPart = regexp.MustCompile(`^[^，,。；;、\s的]{0,29}(?:号|室|组|村|屯|房|楼|层|单元|幢|栋|弄|队|社区|小区|街道|街|路|镇|乡|巷|院|区)`)

// addressSpans deletes, in the paragraphs of natural persons (and wherever
// an address follows 家住, 户籍地 ...), the part of a home address below the
// county: 住上海市奉贤区南桥镇某路1号 keeps 上海市奉贤区 (第十一条 keeps the county).
// A legal person's 住所地 stays whole.
func (d *doc) addressSpans() []span {
	var spans []span
	for _, m := range literalMatches(d.text, addressWords) {
		if !d.personAddress(m[0], d.text[m[0]:m[1]]) {
			continue
		}
		at := skipAny(d.text, m[1], "：:")
		for _, p := range []string{"位于", "在", "于", "为"} {
			if strings.HasPrefix(d.text[at:], p) {
				at += len(p)
				break
			}
		}
		start, end := d.addressRange(at, strongAddressWords[d.text[m[0]:m[1]]])
		if start < end {
			spans = append(spans, span{start: start, end: end, repl: "", typ: TypeAddress, rule: ruleAddress})
		}
	}
	for _, p := range d.parties {
		if p.Type != Natural || p.Address == "" {
			continue
		}
		for i := 0; ; {
			j := strings.Index(d.text[i:], p.Address)
			if j < 0 {
				break
			}
			keep := keptPart(p.Address)
			if keep < len(p.Address) {
				spans = append(spans, span{start: i + j + keep, end: i + j + len(p.Address), typ: TypeAddress, rule: ruleAddress})
			}
			i += j + len(p.Address)
		}
	}
	return spans
}

// personAddress reports whether the address word at i is a natural
// person's: inside a natural person's 当事人 paragraph (not 住院, 住宿), or
// outside the paragraphs any word but a bare 住. A legal person's 住所地 stays.
func (d *doc) personAddress(i int, word string) bool {
	if word == "住" && (!precededBy(d.text, i, "，,、；前租现家") || containsAny(firstRunes(d.text[i:], 2), splitWords("住院 住宿 住宅 住房 住户"))) {
		return false
	}
	for _, p := range d.paras {
		if i >= p.start && i < p.end {
			return d.parties[p.party].Type == Natural
		}
	}
	// outside the paragraphs, 住所地 and 住所： are an organisation's
	return word != "住所地" && !(word == "住所" && (strings.HasPrefix(d.text[i+len(word):], "：") || strings.HasPrefix(d.text[i+len(word):], ":")))
}

func precededBy(text string, i int, chars string) bool {
	r, _ := utf8.DecodeLastRuneInString(text[:i])
	return strings.ContainsRune(chars, r)
}

// addressRange returns the part of the address starting at i that goes: from
// the end of its county-level unit to the end of the address. An address
// that does not start with an administrative unit is left alone unless it
// names a street or a building, in which case it all goes.
func (d *doc) addressRange(i int, strong bool) (int, int) {
	end := i
	for end < len(d.text) {
		r, size := utf8.DecodeRuneInString(d.text[end:])
		if strings.ContainsRune(addressEnds, r) || (r == ' ' && end > i) {
			break
		}
		end += size
	}
	addr := d.text[i:end]
	keep := keptPart(addr)
	street := streetPart.FindString(addr[keep:])
	if k := strings.IndexAny(street, "室房"); k >= 0 {
		_, size := utf8.DecodeRuneInString(street[k:])
		street = street[:k+size]
	}
	if !d.inParagraph(i) && keep == 0 && !(strong && strings.ContainsAny(street, "0123456789") && strings.ContainsAny(street, "号室")) {
		return i, i
	}
	if utf8.RuneCountInString(street) < 2 {
		return i, i
	}
	if d.inParagraph(i) && keep > 0 && utf8.RuneCountInString(addr[keep:]) <= 40 {
		return i + keep, end // a 当事人 paragraph's address runs to its comma: all of it goes
	}
	return i + keep, i + keep + len(street)
}

// keptPart returns the length of the administrative units down to the
// county at the start of an address.
func keptPart(addr string) int {
	at, cities := 0, 0
	for at < len(addr) {
		m := adminUnit.FindString(addr[at:])
		if m == "" {
			break
		}
		if strings.ContainsAny(m, "镇乡") && !strings.HasSuffix(m, "市") && !strings.HasSuffix(m, "县") || strings.HasSuffix(m, "社区") || innerUnit(m) {
			break
		}
		at += len(m)
		if countyLevel(m, cities) {
			break
		}
		if strings.HasSuffix(m, "市") || strings.HasSuffix(m, "州") || strings.HasSuffix(m, "盟") || strings.HasSuffix(m, "地区") {
			cities++
		}
	}
	return at
}

// innerUnit reports whether a unit read as one has 区, 市 or 县 inside its
// name (社区矫正部门衡阳市 is not a place).
func innerUnit(m string) bool {
	_, first := utf8.DecodeRuneInString(m)
	_, last := utf8.DecodeLastRuneInString(m)
	if first+last > len(m) {
		return false
	}
	inner := m[first : len(m)-last]
	for _, suffix := range []string{"自治", "特别行政", "地"} {
		inner = strings.TrimSuffix(inner, suffix)
	}
	return strings.ContainsAny(inner, "区市县")
}

// inParagraph reports whether byte i lies in a 当事人 paragraph.
func (d *doc) inParagraph(i int) bool {
	for _, p := range d.paras {
		if i >= p.start && i < p.end {
			return true
		}
	}
	return false
}
