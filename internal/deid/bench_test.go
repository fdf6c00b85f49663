package deid

import (
	"strings"
	"testing"
)

// BenchmarkDeidJudgments de-identifies the 501 real judgments of JuDGE, one
// op being all of them: ns/judgment is the time per judgment, MB/s the
// speed on their text (issue 9 asks at least 1 MB/s).
func BenchmarkDeidJudgments(b *testing.B) {
	docs := judgments(b)
	size := 0
	for _, d := range docs {
		size += len(d)
	}
	for _, s := range []Setting{Minimum, Strict} {
		b.Run(map[Setting]string{Minimum: "minimum", Strict: "strict"}[s], func(b *testing.B) {
			b.SetBytes(int64(size))
			for b.Loop() {
				for _, d := range docs {
					Text(d, Options{Setting: s})
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(docs)), "ns/judgment")
		})
	}
}

// BenchmarkDeidLarge de-identifies one document of about 1.5 MB (the 501
// judgments' first 300 one after another), where every name of every
// judgment is a party of the one document.
func BenchmarkDeidLarge(b *testing.B) {
	docs := judgments(b)
	text := strings.Join(docs[:300], "\n")
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Text(text, Options{Setting: Strict})
	}
}

// BenchmarkDeidDOCX de-identifies a DOCX of 100 judgments, each sentence
// its own run.
func BenchmarkDeidDOCX(b *testing.B) {
	docs := judgments(b)
	var paras [][]string
	size := 0
	for _, d := range docs[:100] {
		for _, p := range strings.Split(d, " ") {
			paras = append(paras, strings.SplitAfter(p, "，"))
			size += len(p)
		}
	}
	data := makeDOCX(b, paras, nil)
	b.SetBytes(int64(size))
	for b.Loop() {
		if _, _, err := DOCX(data, "bench.docx", Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
