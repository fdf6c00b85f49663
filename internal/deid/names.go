package deid

import (
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// ordinals tell apart the third and further people who would share a
// pseudonym: 张某, 张某某, 张某甲, 张某乙 ...
var ordinals = []string{"甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸"}

// basePseudonym is 第九条's form of a name: the surname and 某; the first
// character and 某 for a minority name (with a middle dot); the first letter
// of a Latin name.
func basePseudonym(name string) string {
	first, _ := utf8.DecodeRuneInString(name)
	switch {
	case first < unicode.MaxASCII && unicode.IsLetter(first):
		return string(unicode.ToUpper(first))
	case strings.ContainsAny(name, "·•"):
		return string(first) + "某"
	}
	return surnameOf(name) + "某"
}

// pseudonyms gives every masked name its pseudonym, in order of first
// appearance, so that two people never share one and no pseudonym is a
// masked name the text already holds (张某 of the source stays 张某).
func (d *doc) pseudonyms(names []string) map[string]string {
	first := map[string]int{}
	for _, n := range names {
		i := strings.Index(d.text, n)
		if i < 0 {
			i = len(d.text)
		}
		first[n] = i
	}
	sort.SliceStable(names, func(i, j int) bool { return first[names[i]] < first[names[j]] })
	groups := map[string][]string{}
	var bases []string
	for _, n := range names {
		b := basePseudonym(n)
		if groups[b] == nil {
			bases = append(bases, b)
		}
		groups[b] = append(groups[b], n)
	}
	out := map[string]string{}
	for _, b := range bases {
		taken := func(p string) bool { return strings.Contains(d.text, p) }
		k := 0
		for _, n := range groups[b] {
			for {
				p := d.variant(b, k, len(groups[b]))
				k++
				if !taken(p) {
					out[n] = p
					break
				}
			}
		}
	}
	return out
}

// variant is the k-th pseudonym of a base shared by n people.
func (d *doc) variant(base string, k, n int) string {
	if d.opt.Numbered {
		if n == 1 && k == 0 {
			return base
		}
		return base + strconv.Itoa(k+1)
	}
	switch {
	case k == 0:
		return base
	case k == 1:
		return base + "某"
	case k-2 < len(ordinals):
		return base + ordinals[k-2]
	}
	return base + strconv.Itoa(k-len(ordinals)-1)
}

// nameSpans replaces every occurrence of a masked name with its pseudonym.
// At each position the longest known name wins, so that a judge 李晓杰 is not
// read as a party 李晓 followed by 杰.
func (d *doc) nameSpans() []span {
	rules := map[string]string{}
	var names []string
	for i, p := range d.parties {
		if rule, ok := d.masks(i); ok {
			rules[p.Name] = rule
			names = append(names, p.Name)
		}
	}
	if len(names) == 0 {
		return nil
	}
	pseudo := d.pseudonyms(names)
	byFirst := map[rune][]string{}
	add := func(n string) {
		r, _ := utf8.DecodeRuneInString(n)
		byFirst[r] = append(byFirst[r], n)
	}
	for _, n := range names {
		add(n)
	}
	for n := range d.protected {
		if _, ok := rules[n]; !ok {
			add(n)
		}
	}
	for _, p := range d.parties {
		if _, ok := rules[p.Name]; !ok && !d.protected[p.Name] {
			add(p.Name)
		}
	}
	for r := range byFirst {
		sort.Slice(byFirst[r], func(i, j int) bool { return len(byFirst[r][i]) > len(byFirst[r][j]) })
	}
	var spans []span
	for i := 0; i < len(d.text); {
		r, size := utf8.DecodeRuneInString(d.text[i:])
		cands := byFirst[r]
		matched := ""
		for _, n := range cands {
			if strings.HasPrefix(d.text[i:], n) {
				matched = n
				break
			}
		}
		if matched == "" {
			i += size
			continue
		}
		if p, ok := pseudo[matched]; ok {
			spans = append(spans, span{start: i, end: i + len(matched), repl: p, typ: TypeName, rule: rules[matched]})
		}
		i += len(matched)
	}
	return spans
}
