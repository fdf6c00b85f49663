package deid

import (
	"regexp"
	"strings"

	"github.com/zhixiao/zhixiao/internal/court"
)

// caseNoPattern finds a 案号 in a document.
var caseNoPattern = regexp.MustCompile(`[（(〔\[［【]\s*[0-9０-９]{4}\s*[）)〕\]］】][^\s，。；、（）()]{1,24}?号(?:之[一二三四五六七八九十]+)?`)

// familyCause finds a 婚姻家庭 or 继承 cause (民事案件案由规定 第二部分).
var familyCause = regexp.MustCompile(`(?:婚约财产|离婚|婚姻无效|撤销婚姻|夫妻财产|同居关系|亲子关系|抚养|扶养|赡养|收养|监护权|探望权|分家析产|继承|遗赠|遗嘱)[^，。；\s]{0,12}?纠纷`)

// classify decides the case kind (from the 案号, else the title) and whether
// it is a 婚姻家庭 or 继承 case (from the 案由 given, else the document's head).
func (d *doc) classify() {
	no := d.opt.CaseNo
	if no == "" {
		no = caseNoPattern.FindString(d.head(4000))
	}
	if n, err := court.ParseCaseNo(no); err == nil {
		d.kind = n.Kind
		d.caseYear = n.Year
	}
	head := d.head(600)
	if d.kind == court.KindNone {
		switch {
		case strings.Contains(head, "刑事"):
			d.kind = court.KindCriminal
		case strings.Contains(head, "民事"):
			d.kind = court.KindCivil
		case strings.Contains(head, "行政"):
			d.kind = court.KindAdministrative
		case strings.Contains(head, "执行"):
			d.kind = court.KindEnforcement
		}
	}
	if d.opt.Cause != "" {
		d.family = familyCause.MatchString(d.opt.Cause + "纠纷")
	} else if d.kind != court.KindCriminal {
		d.family = familyCause.MatchString(d.head(3000))
	}
	d.mediation = strings.Contains(head, "调解书")
	d.year = d.documentYear()
}

// head returns about the first n bytes of the text, cut at a character.
func (d *doc) head(n int) string {
	if len(d.text) <= n {
		return d.text
	}
	for n > 0 && !isRuneStart(d.text[n]) {
		n--
	}
	return d.text[:n]
}

func isRuneStart(b byte) bool { return b&0xC0 != 0x80 }
