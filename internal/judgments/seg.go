package judgments

import (
	_ "embed"
	"regexp"
	"strings"
	"sync"
	"unicode"

	"github.com/go-ego/gse"
)

// The segmenter is gse with its embedded simplified-Chinese dictionary plus
// our legal dictionary (data/legal_dict.txt) and stopwords
// (data/stopwords.txt), both written for this project. Loading takes about
// two seconds, so it happens once per process, on first use.

//go:embed data/legal_dict.txt
var legalDict string

//go:embed data/stopwords.txt
var stopwordText string

var (
	segOnce   sync.Once
	segShared gse.Segmenter
	stopwords map[string]bool
)

// segmenter returns the process's segmenter, loading it on first use.
func segmenter() *gse.Segmenter {
	segOnce.Do(func() {
		var err error
		segShared, err = gse.NewEmbed("zh_s")
		if err != nil {
			panic("judgments: gse dictionary: " + err.Error())
		}
		for _, line := range strings.Split(legalDict, "\n") {
			f := strings.Fields(line)
			if len(f) < 2 || strings.HasPrefix(f[0], "#") || strings.Contains(f[0], "、") {
				continue // charges with 、 are for ExtractCharges: the segmenter cuts at punctuation
			}
			segShared.AddToken(f[0], 20000, "n")
		}
		segShared.CalcToken()
		stopwords = map[string]bool{}
		for _, line := range strings.Split(stopwordText, "\n") {
			if w := strings.TrimSpace(line); w != "" && !strings.HasPrefix(w, "#") {
				stopwords[w] = true
			}
		}
	})
	return &segShared
}

// numberRun is a number with its unit (2017年, 16日, 10万元): cut out
// before segmentation so that 16日出生 does not become 日出.
// Citations of articles (第六百七十五条) and Chinese numerals of two
// characters or more (二〇一七年, 七个月, 三万元) go the same way: the
// articles are evidence of their own, and 第六, 七十 are not terms.
var numberRun = regexp.MustCompile(`[0-9０-９.，,]+\s*(万元|元|年|月|日|时|分|号|岁|次|克|毫升|米)?` +
	`|第[零〇一二两三四五六七八九十百千万0-9０-９]+[条款项章节编]` +
	`|[零〇一二两三四五六七八九十百千万亿]+(个月|个|万元|元|年|月|日|岁|次|条|款|项|名)` +
	`|[零〇一二两三四五六七八九十百千万亿]{2,}`)

// Preload loads the segmenter now (serve calls it in the background so that
// the first search does not wait).
func Preload() { segmenter() }

// Tokens segments text into the words that count for retrieval: no
// punctuation, digits, single Latin letters, one-character function words
// or stopwords. Legal terms of our dictionary stay whole (民间借贷,
// 终结本次执行程序).
func Tokens(text string) []string {
	seg := segmenter()
	var out []string
	for _, w := range seg.Cut(numberRun.ReplaceAllString(text, " "), false) {
		if keep(w) {
			out = append(out, w)
		}
	}
	return out
}

// keep reports whether a segmented word is a retrieval term.
func keep(w string) bool {
	if w == "" || stopwords[w] {
		return false
	}
	han, n := 0, 0
	for _, r := range w {
		n++
		switch {
		case unicode.Is(unicode.Han, r):
			han++
		case unicode.IsLetter(r):
		default:
			return false // digits, punctuation, spaces, mixed tokens like 2017年
		}
	}
	if han == 0 {
		return n >= 2 && n <= 20 // Latin words such as ETC, KTV
	}
	return han >= 2 || n >= 2 && han == 1 && false
}
