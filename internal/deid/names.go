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
func (d *doc) pseudonyms(names []string, first map[string]int) map[string]string {
	for _, n := range names {
		if _, ok := first[n]; !ok {
			first[n] = len(d.text)
		}
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
	existing := d.maskedInText()
	for _, b := range bases {
		taken := func(p string) bool { return existing[p] }
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

// maskedInText collects the masked names the text already holds, with
// their shorter forms: 张某某1 gives 张某, 张某某 and 张某某1, under a one- and a
// two-character surname.
func (d *doc) maskedInText() map[string]bool {
	m := map[string]bool{}
	for i := 0; ; {
		j := strings.Index(d.text[i:], "某")
		if j < 0 {
			return m
		}
		at := i + j
		end := at + len("某")
		for end < len(d.text) {
			r, size := utf8.DecodeRuneInString(d.text[end:])
			if r != '某' && !(r >= '0' && r <= '9') && !strings.ContainsRune("甲乙丙丁戊己庚辛壬癸", r) {
				break
			}
			end += size
		}
		start := at
		for n := 0; n < 2 && start > 0; n++ {
			_, size := utf8.DecodeLastRuneInString(d.text[:start])
			start -= size
			for k := at + len("某"); k <= end; {
				m[d.text[start:k]] = true
				if k == end {
					break
				}
				_, size := utf8.DecodeRuneInString(d.text[k:])
				k += size
			}
		}
		i = end
	}
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
	var words []string
	words = append(words, names...)
	for n := range d.protected {
		if _, ok := rules[n]; !ok {
			words = append(words, n)
		}
	}
	for _, p := range d.parties {
		if _, ok := rules[p.Name]; !ok && !d.protected[p.Name] {
			words = append(words, p.Name)
		}
	}
	type hit struct {
		at   int
		name string
	}
	var hits []hit
	first := map[string]int{}
	newMatcher(words).scan(d.text, func(i int, w string) {
		if _, ok := rules[w]; !ok {
			return
		}
		hits = append(hits, hit{i, w})
		if _, seen := first[w]; !seen {
			first[w] = i
		}
	})
	pseudo := d.pseudonyms(names, first)
	var spans []span
	for _, h := range hits {
		spans = append(spans, span{start: h.at, end: h.at + len(h.name), repl: pseudo[h.name], typ: TypeName, rule: rules[h.name]})
	}
	return spans
}
