package judgments

import (
	"encoding/binary"
	"errors"
	"sort"
)

// TermFreq is a term's frequency in each field of one document.
type TermFreq struct {
	Term string
	TF   [NumFields]uint16
}

// Analysis is a document as the index sees it: its terms by field and the
// length of each field in terms.
type Analysis struct {
	Terms []TermFreq // sorted by term
	Len   [NumFields]int32
}

// Analyze segments each field of j.
func Analyze(j *Judgment) Analysis {
	var a Analysis
	at := map[string]int{}
	for f := Field(0); f < NumFields; f++ {
		for _, t := range Tokens(j.Parts.Text(j.Text, f)) {
			k, ok := at[t]
			if !ok {
				k = len(a.Terms)
				at[t] = k
				a.Terms = append(a.Terms, TermFreq{Term: t})
			}
			if a.Terms[k].TF[f] < 65535 {
				a.Terms[k].TF[f]++
			}
			a.Len[f]++
		}
	}
	sort.Slice(a.Terms, func(x, y int) bool { return a.Terms[x].Term < a.Terms[y].Term })
	return a
}

// Posting is one document's frequencies of a term.
type Posting struct {
	Doc int64
	TF  [NumFields]uint16
}

// BuildSegment turns the analyses of documents firstID, firstID+1, ... into
// the segment's postings: for each term, its documents in ascending order,
// encoded.
func BuildSegment(firstID int64, as []Analysis) map[string][]byte {
	lists := map[string][]Posting{}
	for i, a := range as {
		for _, t := range a.Terms {
			lists[t.Term] = append(lists[t.Term], Posting{Doc: firstID + int64(i), TF: t.TF})
		}
	}
	out := make(map[string][]byte, len(lists))
	for t, ps := range lists {
		out[t] = EncodePostings(ps)
	}
	return out
}

// EncodePostings writes postings sorted by document: for each, the gap to
// the previous document (varint), a byte with a bit per field present, and
// the frequency of each present field (varint).
func EncodePostings(ps []Posting) []byte {
	b := make([]byte, 0, len(ps)*4)
	prev := int64(0)
	for _, p := range ps {
		b = binary.AppendUvarint(b, uint64(p.Doc-prev))
		prev = p.Doc
		var mask byte
		for f := range NumFields {
			if p.TF[f] > 0 {
				mask |= 1 << f
			}
		}
		b = append(b, mask)
		for f := range NumFields {
			if p.TF[f] > 0 {
				b = binary.AppendUvarint(b, uint64(p.TF[f]))
			}
		}
	}
	return b
}

var errCorrupt = errors.New("索引数据损坏")

// DecodePostings calls fn for each posting of b, in document order.
func DecodePostings(b []byte, fn func(doc int64, tf *[NumFields]uint16)) error {
	doc := int64(0)
	for len(b) > 0 {
		gap, n := binary.Uvarint(b)
		if n <= 0 || len(b) < n+1 {
			return errCorrupt
		}
		doc += int64(gap)
		mask := b[n]
		b = b[n+1:]
		var tf [NumFields]uint16
		for f := range NumFields {
			if mask&(1<<f) != 0 {
				v, n := binary.Uvarint(b)
				if n <= 0 {
					return errCorrupt
				}
				tf[f] = uint16(v)
				b = b[n:]
			}
		}
		fn(doc, &tf)
	}
	return nil
}
