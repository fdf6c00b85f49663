package judgments

import (
	"regexp"
	"strings"
)

// Article is one cited provision: 《中华人民共和国民法典》第六百七十五条,
// 《中华人民共和国刑法》第六十七条第三款, 第一百三十三条之一.
type Article struct {
	Law    string // the law's name as cited, normalised (中华人民共和国 added to national laws cited without it)
	No     int    // 条
	Sub    int    // 之一 = 1; 0 when none
	Clause int    // 款; 0 when none
	Item   int    // 项; 0 when none
}

// Key is the law and article without 款 and 项: two judgments citing the
// same Key share the article.
func (a Article) Key() string {
	k := "《" + a.Law + "》第" + Numeral(a.No) + "条"
	if a.Sub > 0 {
		k += "之" + Numeral(a.Sub)
	}
	return k
}

// String is the full citation.
func (a Article) String() string {
	s := "《" + a.Law + "》第" + Numeral(a.No) + "条"
	if a.Sub > 0 {
		s += "之" + Numeral(a.Sub)
	}
	if a.Clause > 0 {
		s += "第" + Numeral(a.Clause) + "款"
	}
	if a.Item > 0 {
		s += "第" + Numeral(a.Item) + "项"
	}
	return s
}

const num = `[零〇一二两三四五六七八九十百千万0-9]+`

// citeRe finds, in order: a law in 《》, a bare national law name, a
// reference to the last named law (同法, 该法, 本法 ...), 至 between two
// articles, and an article with its optional 之X, 款 and 项.
var citeRe = regexp.MustCompile(`《([^《》]{2,60})》` +
	`|((?:中华人民共和国)?(?:刑法|民法典|民法通则|民法总则|合同法|物权法|担保法|侵权责任法|婚姻法|继承法|公司法|劳动法|劳动合同法|民事诉讼法|刑事诉讼法|行政诉讼法|道路交通安全法|消费者权益保护法|保险法|票据法|治安管理处罚法))第` +
	`|(同法|该法|本法|前述法律|上述法律)` +
	`|(至)` +
	`|第(` + num + `)条(?:之(` + num + `))?(?:第(` + num + `)款)?(?:第(` + num + `)项)?`)

// lawPrefix adds 中华人民共和国 to national laws cited by their short name.
func normaliseLaw(name string) string {
	name = strings.TrimSpace(name)
	switch name {
	case "刑法", "民法典", "民法通则", "民法总则", "合同法", "物权法", "担保法", "侵权责任法", "婚姻法", "继承法", "公司法", "劳动法", "劳动合同法",
		"民事诉讼法", "刑事诉讼法", "行政诉讼法", "道路交通安全法", "消费者权益保护法", "保险法", "票据法", "治安管理处罚法":
		return "中华人民共和国" + name
	}
	return name
}

// ExtractArticles returns the articles text cites, in order, each once
// (same law, article, 款 and 项). An article cited before any law is named
// is left out: its law is unknown. 同法/该法/本法 refer to the last named
// law; 第X条至第Y条 cites every article of the range (at most 30).
func ExtractArticles(text string) []Article {
	var out []Article
	seen := map[Article]bool{}
	add := func(a Article) {
		if a.Law != "" && a.No > 0 && !seen[a] {
			seen[a] = true
			out = append(out, a)
		}
	}
	law := ""
	var last *Article
	rangeNext := false
	lastEnd := -1
	for _, m := range citeRe.FindAllStringSubmatchIndex(text, -1) {
		g := func(i int) string {
			if m[2*i] < 0 {
				return ""
			}
			return text[m[2*i]:m[2*i+1]]
		}
		switch {
		case g(1) != "":
			law = normaliseLaw(g(1))
			last, rangeNext = nil, false
		case g(2) != "":
			law = normaliseLaw(g(2))
			last, rangeNext = nil, false
			// the 第 that ended the match starts an article: rescan it below
			start := m[1] - len("第")
			if a, n, ok := articleAt(text[start:]); ok {
				a.Law = law
				add(a)
				last = &a
				lastEnd = start + n
			}
			continue
		case g(3) != "":
			// 同法、该法、本法: the last named law stays current
		case g(4) != "":
			rangeNext = last != nil && m[0] == lastEnd
		case g(5) != "":
			a := Article{Law: law}
			a.No, _ = ParseNumeral(g(5))
			a.Sub, _ = ParseNumeral(g(6))
			a.Clause, _ = ParseNumeral(g(7))
			a.Item, _ = ParseNumeral(g(8))
			if rangeNext && last != nil && last.Law == law && a.No > last.No && a.No-last.No <= 30 {
				for n := last.No + 1; n < a.No; n++ {
					add(Article{Law: law, No: n})
				}
			}
			rangeNext = false
			add(a)
			last = &a
			lastEnd = m[1]
		}
	}
	return out
}

var articleOnly = regexp.MustCompile(`^第(` + num + `)条(?:之(` + num + `))?(?:第(` + num + `)款)?(?:第(` + num + `)项)?`)

// articleAt reads an article at the start of s.
func articleAt(s string) (Article, int, bool) {
	m := articleOnly.FindStringSubmatch(s)
	if m == nil {
		return Article{}, 0, false
	}
	var a Article
	a.No, _ = ParseNumeral(m[1])
	a.Sub, _ = ParseNumeral(m[2])
	a.Clause, _ = ParseNumeral(m[3])
	a.Item, _ = ParseNumeral(m[4])
	return a, len(m[0]), a.No > 0
}
