package judgments

import (
	"sort"
	"strings"
	"unicode/utf8"
)

// Fragment is a piece of a snippet; Mark is true for a shared term.
type Fragment struct {
	Text string
	Mark bool
}

// Snippet picks from text the sentence (of the facts when there are any,
// else the reasoning, else the whole text) that holds the most of terms,
// shortened to about maxRunes, and marks the terms in it.
func Snippet(text string, p Parts, terms []string, maxRunes int) []Fragment {
	if len(terms) == 0 {
		return nil
	}
	src := ""
	for _, f := range []Field{FieldFacts, FieldReasoning, FieldClaims, FieldDisposition, FieldParties} {
		if s := p.Text(text, f); strings.TrimSpace(s) != "" {
			// prefer the first field that has a shared term
			for _, t := range terms {
				if strings.Contains(s, t) {
					src = s
					break
				}
			}
		}
		if src != "" {
			break
		}
	}
	if src == "" {
		return nil
	}
	sentences := strings.FieldsFunc(src, func(r rune) bool { return r == '。' || r == '；' || r == '\n' })
	best, bestN := "", -1
	for _, s := range sentences {
		n := 0
		for _, t := range terms {
			if strings.Contains(s, t) {
				n++
			}
		}
		if n > bestN {
			best, bestN = s, n
		}
	}
	best = strings.TrimSpace(best)
	if utf8.RuneCountInString(best) > maxRunes {
		// centre on the first shared term
		at := len(best)
		for _, t := range terms {
			if i := strings.Index(best, t); i >= 0 && i < at {
				at = i
			}
		}
		rs := []rune(best)
		start := utf8.RuneCountInString(best[:at]) - maxRunes/4
		start = max(0, min(start, len(rs)-maxRunes))
		best = string(rs[start : start+maxRunes])
		if start > 0 {
			best = "…" + best
		}
		if start+maxRunes < len(rs) {
			best += "…"
		}
	}
	return Mark(best, terms)
}

// Mark splits s into fragments with the terms marked, longest terms first.
func Mark(s string, terms []string) []Fragment {
	ts := append([]string(nil), terms...)
	sort.Slice(ts, func(i, j int) bool { return len(ts[i]) > len(ts[j]) })
	var out []Fragment
	plain := 0
	for i := 0; i < len(s); {
		hit := ""
		for _, t := range ts {
			if t != "" && strings.HasPrefix(s[i:], t) {
				hit = t
				break
			}
		}
		if hit == "" {
			_, n := utf8.DecodeRuneInString(s[i:])
			i += n
			continue
		}
		if plain < i {
			out = append(out, Fragment{Text: s[plain:i]})
		}
		out = append(out, Fragment{Text: hit, Mark: true})
		i += len(hit)
		plain = i
	}
	if plain < len(s) {
		out = append(out, Fragment{Text: s[plain:]})
	}
	return out
}
