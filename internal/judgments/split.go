package judgments

import (
	"strings"
	"unicode/utf8"
)

// Field is a part of a judgment that the index keeps apart.
type Field int

// The fields of a judgment, in the order they appear.
const (
	FieldParties     Field = iota // 当事人: the heading and the parties
	FieldClaims                   // 诉称/辩称/指控
	FieldFacts                    // 经审理查明
	FieldReasoning                // 本院认为
	FieldDisposition              // 判决如下
	NumFields
)

// FieldNames are the fields' Chinese names.
var FieldNames = [NumFields]string{"当事人", "诉辩意见", "查明事实", "本院认为", "裁判结果"}

// Span is a part of a text by byte offsets; End = Start when absent.
type Span struct{ Start, End int }

// Parts are the spans of the fields in a judgment's text.
type Parts [NumFields]Span

// Text returns field f of text.
func (p Parts) Text(text string, f Field) string { return text[p[f].Start:p[f].End] }

var (
	claimMarks       = []string{"诉称", "诉讼请求", "上诉请求", "公诉机关指控", "检察院指控", "指控：", "指控:", "申请称", "辩称"}
	factMarks        = []string{"本院经审理查明", "经本院审理查明", "经审理查明", "本院经审理认定", "经审理认定", "本院查明", "审理查明", "本院认定事实如下", "本院确认以下事实"}
	reasonMarks      = []string{"本院认为"}
	dispositionMarks = []string{"判决如下", "裁定如下", "决定如下"}
	endMarks         = []string{"如不服本判决", "如不服本裁定", "审判长", "审判员", "人民陪审员", "代理审判员"}
	appendixMarks    = []string{"附：相关法律条文", "附:相关法律条文", "附：本判决适用的法律条文", "附：本案适用的法律条文", "附：相关法律规定", "附：法律条文", "附相关法律条文"}
)

// first returns the first offset at or after from where one of marks
// occurs, or -1.
func first(text string, from int, marks []string) int {
	best := -1
	for _, m := range marks {
		if i := strings.Index(text[from:], m); i >= 0 && (best < 0 || from+i < best) {
			best = from + i
		}
	}
	return best
}

// sentenceStart moves i back to the start of its sentence (after the last
// 。；\n before it), but not before lo.
func sentenceStart(text string, lo, i int) int {
	j := strings.LastIndexAny(text[lo:i], "。；;\n")
	if j < 0 {
		return lo
	}
	_, n := utf8.DecodeRuneInString(text[lo+j:])
	return lo + j + n
}

// Split finds the fields of a judgment. It looks for the headings judgments
// use (诉称, 经审理查明, 本院认为, 判决如下, ...); the appendix of cited
// provisions and the signatures are left out of every field. A criminal
// judgment without 经审理查明 takes the 指控 paragraphs as its facts, as
// the court adopted them; a text without any heading (a description of a
// case) is all facts.
func Split(text string) Parts {
	var p Parts
	end := len(text)
	if a := first(text, 0, appendixMarks); a >= 0 {
		end = a
	}
	body := text[:end]
	reason := first(body, 0, reasonMarks)
	disp := -1
	if reason >= 0 {
		disp = first(body, reason, dispositionMarks)
	} else {
		disp = first(body, 0, dispositionMarks)
	}
	limit := end
	for _, x := range []int{reason, disp} {
		if x >= 0 && x < limit {
			limit = x
		}
	}
	facts := first(body[:limit], 0, factMarks)
	claims := first(body[:limit], 0, claimMarks)
	if claims >= 0 && (facts < 0 || claims < facts) {
		claims = sentenceStart(body, 0, claims)
	} else {
		claims = -1
	}
	if facts >= 0 {
		facts = sentenceStart(body, 0, facts)
		if claims >= facts {
			claims = -1
		}
	}
	if reason < 0 && disp < 0 && facts < 0 && claims < 0 {
		p[FieldFacts] = Span{0, end}
		return p
	}
	// the tail: signatures and the note on appeal end the disposition
	tail := end
	if disp >= 0 {
		if e := first(body, disp, endMarks); e >= 0 {
			tail = e
		}
	}
	// boundaries in order; absent parts get an empty span
	cuts := []struct {
		f  Field
		at int
	}{{FieldClaims, claims}, {FieldFacts, facts}, {FieldReasoning, reason}, {FieldDisposition, disp}}
	starts := [NumFields]int{FieldParties: 0}
	for _, c := range cuts {
		starts[c.f] = c.at
	}
	next := func(f Field) int {
		for g := f + 1; g < NumFields; g++ {
			if starts[g] >= 0 {
				return starts[g]
			}
		}
		return tail
	}
	for f := Field(0); f < NumFields; f++ {
		if starts[f] < 0 {
			p[f] = Span{0, 0}
			continue
		}
		e := next(f)
		if e < starts[f] {
			e = starts[f]
		}
		p[f] = Span{starts[f], e}
	}
	if facts < 0 && claims >= 0 { // criminal: the 指控 paragraphs are the facts
		p[FieldFacts], p[FieldClaims] = p[FieldClaims], Span{0, 0}
	}
	return p
}
