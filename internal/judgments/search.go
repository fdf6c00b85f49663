package judgments

import (
	"container/heap"
	"math"
	"sort"
	"strings"
)

// Query is a search: a judgment of the corpus, pasted text, or a short
// description, with optional filters.
type Query struct {
	Text      string   // the query text (a judgment, facts, or a few words)
	Cause     string   // the query's 案由, when known (a stored judgment's or the case's)
	Charges   []string // the query's charges, when known
	Level     string   // the query's court level, when known
	Articles  []Article
	ExcludeID int64 // a judgment not to return (the query itself)

	FilterCause string // only judgments with this 案由
	FilterCourt string // only judgments of courts whose name contains this
	FilterYear  int    // only judgments of this year
	Limit       int    // results wanted; 10 when 0
}

// QueryFromText parses text into a query: its fields, articles, charges
// and 案由 as for a judgment of the corpus.
func QueryFromText(text string) Query {
	j := Judgment{Text: text}
	Parse(&j)
	return Query{Text: text, Cause: j.Cause, Charges: j.Charges, Level: j.Level, Articles: j.Articles}
}

// Result is one similar judgment with why it was found.
type Result struct {
	DocMeta
	Score     float64
	Breakdown Breakdown
	Terms     []SharedTerm // the shared terms that weigh most, heaviest first
	Shared    []string     // the cited articles both share (Article.Key)
	SameCause bool
	SameLevel bool
}

// Breakdown is the score's parts; they add up to the score.
type Breakdown struct {
	Text     float64 // BM25F, scaled so that the best text match scores 1 × the weight
	Cause    float64
	Articles float64
	Level    float64
}

// SharedTerm is a query term the judgment has, with its part of the text score.
type SharedTerm struct {
	Term   string
	Weight float64
}

type qterm struct {
	term   string
	list   *plist
	weight float64 // query weight × idf
}

// Search ranks the corpus for q.
func (ix *Index) Search(q Query) []Result {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	w := ix.w
	limit := q.Limit
	if limit <= 0 {
		limit = 10
	}
	n := len(ix.docs)
	if n == 0 {
		return nil
	}
	qts := ix.queryTerms(q.Text)
	// the filters
	filterCause := NormalCause(q.FilterCause)
	pass := func(p int32) bool {
		d := &ix.docs[p]
		if d.ID == q.ExcludeID {
			return false
		}
		if filterCause != "" && NormalCause(d.Cause) != filterCause && !contains(d.Charges, q.FilterCause) {
			return false
		}
		if q.FilterCourt != "" && !strings.Contains(d.Court, q.FilterCourt) {
			return false
		}
		return q.FilterYear == 0 || d.Year == q.FilterYear
	}
	acc := make([]float32, n)
	for _, t := range qts {
		wt := float32(t.weight / 255)
		for i, d := range t.list.docs {
			acc[d] += wt * float32(t.list.imp[i])
		}
	}
	// candidates: the best text matches that pass the filters, plus, when
	// the query cites articles or has a 案由, none others (structure only
	// reranks: a judgment with no word in common is not similar)
	cands := &candHeap{}
	for p, s := range acc {
		if s <= 0 || !pass(int32(p)) {
			continue
		}
		if cands.Len() < w.Candidates {
			heap.Push(cands, cand{int32(p), s})
		} else if s > (*cands)[0].s {
			(*cands)[0] = cand{int32(p), s}
			heap.Fix(cands, 0)
		}
	}
	if cands.Len() == 0 {
		return nil
	}
	top := float32(0)
	for _, c := range *cands {
		top = max(top, c.s)
	}
	qCause := NormalCause(q.Cause)
	qArts := map[string]float64{}
	var qArtSum float64
	for _, a := range q.Articles {
		k := a.Key()
		if _, ok := qArts[k]; ok {
			continue
		}
		v := math.Log(1 + float64(n)/float64(ix.artDF[k]+1))
		qArts[k] = v
		qArtSum += v
	}
	out := make([]Result, 0, cands.Len())
	for _, c := range *cands {
		d := ix.docs[c.p]
		r := Result{DocMeta: d}
		r.Breakdown.Text = float64(c.s / top)
		if !w.NoCause && qCause != "" && (NormalCause(d.Cause) == qCause || contains(d.Charges, q.Cause) || anyShared(q.Charges, d.Charges)) {
			r.SameCause = true
			r.Breakdown.Cause = w.Cause
		}
		if qArtSum > 0 {
			var s float64
			for _, a := range d.Articles {
				if v, ok := qArts[a]; ok {
					s += v
					r.Shared = append(r.Shared, a)
				}
			}
			r.Breakdown.Articles = w.Articles * s / qArtSum
		}
		if q.Level != "" && q.Level == d.Level {
			r.SameLevel = true
			r.Breakdown.Level = w.Level
		}
		r.Score = r.Breakdown.Text + r.Breakdown.Cause + r.Breakdown.Articles + r.Breakdown.Level
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Score != out[j].Score {
			return out[i].Score > out[j].Score
		}
		return out[i].ID < out[j].ID
	})
	if len(out) > limit {
		out = out[:limit]
	}
	// the shared terms of the results returned
	for k := range out {
		p := ix.pos[out[k].ID]
		for _, t := range qts {
			i := sort.Search(len(t.list.docs), func(i int) bool { return t.list.docs[i] >= p })
			if i < len(t.list.docs) && t.list.docs[i] == p {
				out[k].Terms = append(out[k].Terms, SharedTerm{t.term, t.weight * float64(t.list.imp[i]) / 255 / float64(top)})
			}
		}
		sort.SliceStable(out[k].Terms, func(i, j int) bool { return out[k].Terms[i].Weight > out[k].Terms[j].Weight })
		if len(out[k].Terms) > 12 {
			out[k].Terms = out[k].Terms[:12]
		}
	}
	return out
}

// queryTerms are the query's terms that tell most: weighted by field
// (as in the index), frequency (dampened) and rarity; the QueryTerms best.
func (ix *Index) queryTerms(text string) []qterm {
	j := Judgment{Text: text}
	j.Parts = Split(text)
	a := Analyze(&j)
	n := len(ix.docs)
	var qts []qterm
	for _, tf := range a.Terms {
		t, ok := ix.terms[tf.Term]
		if !ok {
			continue
		}
		l := &ix.lists[t]
		if len(l.docs) == 0 {
			continue
		}
		var f float64
		for k := range NumFields {
			if ix.w.Plain {
				f += float64(tf.TF[k])
			} else {
				f += ix.w.Field[k] * float64(tf.TF[k])
			}
		}
		if f <= 0 {
			continue
		}
		qts = append(qts, qterm{tf.Term, l, (1 + math.Log(f)) * idf(n, len(l.docs))})
	}
	sort.Slice(qts, func(i, j int) bool {
		if qts[i].weight != qts[j].weight {
			return qts[i].weight > qts[j].weight
		}
		return qts[i].term < qts[j].term
	})
	if ix.w.QueryTerms > 0 && len(qts) > ix.w.QueryTerms {
		qts = qts[:ix.w.QueryTerms]
	}
	return qts
}

func anyShared(a, b []string) bool {
	for _, x := range a {
		if contains(b, x) {
			return true
		}
	}
	return false
}

type cand struct {
	p int32
	s float32
}

// candHeap is a min-heap of candidates by text score.
type candHeap []cand

func (h candHeap) Len() int           { return len(h) }
func (h candHeap) Less(i, j int) bool { return h[i].s < h[j].s || h[i].s == h[j].s && h[i].p > h[j].p }
func (h candHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *candHeap) Push(x any)        { *h = append(*h, x.(cand)) }
func (h *candHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}
