package documents

import (
	"strings"
)

// mergeRuns rewrites every paragraph of an XML part whose text holds a
// placeholder split over several runs (w:r), so that each placeholder lies
// in the text of one run: the run where it starts, keeping that run's
// formatting.
func mergeRuns(part string) string {
	return paraRe.ReplaceAllStringFunc(part, func(p string) string {
		if !strings.Contains(plainText(p), "{{") {
			return p
		}
		return mergeParagraph(p)
	})
}

// run is one w:r of a paragraph: where it is and its text.
type run struct {
	start, end int
	text       string
}

func mergeParagraph(p string) string {
	locs := runRe.FindAllStringIndex(p, -1)
	runs := make([]run, len(locs))
	var full strings.Builder
	var owner []int // for each byte of full, the run that holds it
	for i, l := range locs {
		runs[i] = run{start: l[0], end: l[1], text: plainText(p[l[0]:l[1]])}
		full.WriteString(runs[i].text)
		for range len(runs[i].text) {
			owner = append(owner, i)
		}
	}
	text := full.String()
	for _, m := range placeholderRe.FindAllStringIndex(text, -1) {
		for k := m[0]; k < m[1]; k++ {
			owner[k] = owner[m[0]]
		}
	}
	newText := make([]strings.Builder, len(runs))
	for k := range len(text) {
		newText[owner[k]].WriteByte(text[k])
	}
	var b strings.Builder
	last := 0
	for i, r := range runs {
		if newText[i].String() == r.text {
			continue
		}
		b.WriteString(p[last:r.start])
		b.WriteString(setRunText(p[r.start:r.end], newText[i].String()))
		last = r.end
	}
	b.WriteString(p[last:])
	return b.String()
}

// setRunText puts text into the first w:t of a run and empties the others.
func setRunText(r, text string) string {
	first := true
	return textRe.ReplaceAllStringFunc(r, func(string) string {
		if !first {
			return ""
		}
		first = false
		return `<w:t xml:space="preserve">` + escape(text) + `</w:t>`
	})
}
