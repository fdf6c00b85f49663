package judgments

import (
	"math"
	"sort"
	"sync"
)

// DocMeta is what the index keeps of a judgment besides its terms.
type DocMeta struct {
	ID       int64
	CaseNo   string
	Cause    string
	Charges  []string
	Court    string
	Level    string
	Year     int
	Articles []string // Article.Key of each cited article
	Len      [NumFields]int32
}

// plist is one term's postings: documents (index positions, ascending) and
// their impacts, the BM25F saturated frequency tf/(k1+tf) scaled to 1–255.
type plist struct {
	docs []int32
	imp  []uint8
}

// Index is the in-memory search index: postings per term with impacts,
// the documents' metadata, and document frequencies of cited articles. It
// is filled from the stored segments (see package corpus) and then kept up
// to date by adding new documents and segments; it is safe for concurrent
// use.
type Index struct {
	mu     sync.RWMutex
	w      Weights
	docs   []DocMeta
	pos    []int32 // pos[id] is the position of document id in docs, -1 when none
	byCase map[string]int32
	terms  map[string]int32
	lists  []plist
	lenSum [NumFields]float64
	artDF  map[string]int32
	// avgAt are the average field lengths the oldest impacts were computed
	// with (set by the first segment)
	avgAt    [NumFields]float64
	avgAtSet bool

	// LastSegment and LastDoc are the newest segment and document added.
	LastSegment, LastDoc int64
}

// NewIndex returns an empty index that ranks with w.
func NewIndex(w Weights) *Index {
	return &Index{w: w, byCase: map[string]int32{}, terms: map[string]int32{}, artDF: map[string]int32{}}
}

// Len is the number of documents.
func (ix *Index) Len() int {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return len(ix.docs)
}

// Terms is the number of distinct terms.
func (ix *Index) Terms() int {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return len(ix.terms)
}

// AddDocs adds documents' metadata; their postings follow with AddSegment.
// Documents must come in ascending ID order.
func (ix *Index) AddDocs(ms []DocMeta) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	for _, m := range ms {
		if m.ID <= ix.LastDoc {
			continue
		}
		for int64(len(ix.pos)) <= m.ID {
			ix.pos = append(ix.pos, -1)
		}
		p := int32(len(ix.docs))
		ix.pos[m.ID] = p
		ix.docs = append(ix.docs, m)
		ix.byCase[m.CaseNo] = p
		for f := range NumFields {
			ix.lenSum[f] += float64(m.Len[f])
		}
		for _, a := range m.Articles {
			ix.artDF[a]++
		}
		ix.LastDoc = m.ID
	}
}

// AddSegment adds the postings of a stored segment: terms and their
// encoded postings (see EncodePostings). The documents must have been
// added. Impacts use the average field lengths at the time of the call.
func (ix *Index) AddSegment(segment int64, postings func(fn func(term string, data []byte) error) error) error {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	var avg [NumFields]float64
	var avgAll float64
	n := float64(len(ix.docs))
	for f := range NumFields {
		avg[f] = max(ix.lenSum[f]/max(n, 1), 1)
		avgAll += ix.lenSum[f] / max(n, 1)
	}
	avgAll = max(avgAll, 1)
	if !ix.avgAtSet {
		ix.avgAt, ix.avgAtSet = avg, true
	}
	w := ix.w
	err := postings(func(term string, data []byte) error {
		t, ok := ix.terms[term]
		if !ok {
			t = int32(len(ix.lists))
			ix.terms[term] = t
			ix.lists = append(ix.lists, plist{})
		}
		l := &ix.lists[t]
		return DecodePostings(data, func(doc int64, tf *[NumFields]uint16) {
			if doc >= int64(len(ix.pos)) || ix.pos[doc] < 0 {
				return
			}
			p := ix.pos[doc]
			m := &ix.docs[p]
			var tfw float64
			if w.Plain {
				var sum, total float64
				for f := range NumFields {
					sum += float64(tf[f])
					total += float64(m.Len[f])
				}
				tfw = sum / (1 - w.B[0] + w.B[0]*total/avgAll)
			} else {
				for f := range NumFields {
					if tf[f] > 0 {
						tfw += w.Field[f] * float64(tf[f]) / (1 - w.B[f] + w.B[f]*float64(m.Len[f])/avg[f])
					}
				}
			}
			s := tfw / (w.K1 + tfw)
			imp := uint8(math.Round(s * 255))
			if imp == 0 {
				imp = 1
			}
			l.docs = append(l.docs, p)
			l.imp = append(l.imp, imp)
		})
	})
	if err != nil {
		return err
	}
	// a segment may hold documents older than the last one of a list
	// (segments are written in id order, so this is rare): keep lists sorted
	for i := range ix.lists {
		l := &ix.lists[i]
		if !sort.SliceIsSorted(l.docs, func(a, b int) bool { return l.docs[a] < l.docs[b] }) {
			sortList(l)
		}
	}
	if segment > ix.LastSegment {
		ix.LastSegment = segment
	}
	return nil
}

func sortList(l *plist) {
	idx := make([]int, len(l.docs))
	for i := range idx {
		idx[i] = i
	}
	sort.Slice(idx, func(a, b int) bool { return l.docs[idx[a]] < l.docs[idx[b]] })
	docs := make([]int32, len(idx))
	imp := make([]uint8, len(idx))
	for i, k := range idx {
		docs[i], imp[i] = l.docs[k], l.imp[k]
	}
	l.docs, l.imp = docs, imp
}

// Drift is how far the average field lengths have moved since the oldest
// impacts were computed, as the largest relative change over the fields
// with text: when the corpus has grown a lot, the index is best reloaded.
func (ix *Index) Drift() float64 {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	if !ix.avgAtSet || len(ix.docs) == 0 {
		return 0
	}
	d := 0.0
	for f := range NumFields {
		now := ix.lenSum[f] / float64(len(ix.docs))
		if ix.avgAt[f] > 1 && now > 0 {
			d = max(d, math.Abs(now-ix.avgAt[f])/ix.avgAt[f])
		}
	}
	return d
}

// idf is the BM25 inverse document frequency of a term in df documents.
func idf(n, df int) float64 {
	return math.Log(1 + (float64(n)-float64(df)+0.5)/(float64(df)+0.5))
}

// Doc returns the metadata of the judgment with the case number.
func (ix *Index) Doc(caseNo string) (DocMeta, bool) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	p, ok := ix.byCase[caseNo]
	if !ok {
		return DocMeta{}, false
	}
	return ix.docs[p], true
}

// Causes are the 案由 of the corpus with their number of judgments, most
// frequent first (for the search page's filter).
func (ix *Index) Causes() []CauseCount {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	n := map[string]int{}
	for _, d := range ix.docs {
		if d.Cause != "" {
			n[d.Cause]++
		}
	}
	out := make([]CauseCount, 0, len(n))
	for c, k := range n {
		out = append(out, CauseCount{c, k})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].N != out[j].N {
			return out[i].N > out[j].N
		}
		return out[i].Cause < out[j].Cause
	})
	return out
}

// CauseCount is a 案由 and its number of judgments.
type CauseCount struct {
	Cause string
	N     int
}
