package judgments

import (
	"bufio"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"sync"

	"github.com/zhixiao/zhixiao/internal/court"
)

// EvalDoc is a document of an evaluation set: what is indexed, what is
// asked, and the labels that define relevance (never given to the ranker).
type EvalDoc struct {
	Judgment Judgment // indexed
	Query    string   // the query text when this document asks
	Labels   []string // two documents are relevant when they share a label
}

// EvalSet is a named evaluation set.
type EvalSet struct {
	Name     string
	Relevant string // how relevance is defined, in words
	Query    string // what a query is, in words
	Docs     []EvalDoc
}

// Metrics are the mean figures over the queries with at least one relevant
// document.
type Metrics struct {
	Queries int
	P10     float64
	MAP     float64
	NDCG10  float64
}

// LoadCJRC reads cail2019_cjrc/dev_ground_truth.json: each fact paragraph
// is a document and a query; relevance is the same 案由 (casename). The
// 案由 is neither indexed nor asked: the cause evidence is off for this set
// and the documents' Cause is left empty.
func LoadCJRC(dir string) (EvalSet, error) {
	path := filepath.Join(dir, "cail2019_cjrc", "dev_ground_truth.json")
	b, err := os.ReadFile(path)
	if err != nil {
		return EvalSet{}, court.Errorf(court.NotFound, "无法读取 %s：%v", path, err)
	}
	var f struct {
		Data []struct {
			Paragraphs []struct {
				Context  string `json:"context"`
				Casename string `json:"casename"`
			} `json:"paragraphs"`
		} `json:"data"`
	}
	if err := json.Unmarshal(b, &f); err != nil {
		return EvalSet{}, court.Errorf(court.Invalid, "%s 不是预期的 JSON：%v", path, err)
	}
	set := EvalSet{Name: "CAIL2019-CJRC dev（1,000 段查明事实）", Relevant: "案由相同（casename）", Query: "每段事实依次作查询，检索其余各段"}
	for i, d := range f.Data {
		for _, p := range d.Paragraphs {
			j := Judgment{CaseNo: "cjrc-" + strconv.Itoa(i), Text: p.Context}
			j.Parts = Split(j.Text)
			j.Articles = ExtractArticles(j.Text)
			set.Docs = append(set.Docs, EvalDoc{Judgment: j, Query: p.Context, Labels: []string{p.Casename}})
		}
	}
	return set, nil
}

// LoadJuDGE reads judge_cn_judgment_generation/test.jsonl: the full
// judgments (fd) are indexed; a query is a judgment's facts (text) only,
// which is what a judge has before deciding. Relevance: the same charge
// (from the judgment's 犯…罪) or a shared article of the 刑法's specific
// provisions (第一百零二条 onwards: the article that defines the crime);
// the general provisions (自首, 累犯, 罚金 ...) that nearly every judgment
// cites do not make two cases similar. Labels come from the data's la and
// the judgment text, and are not given to the ranker.
func LoadJuDGE(dir string) (EvalSet, error) {
	path := filepath.Join(dir, "judge_cn_judgment_generation", "test.jsonl")
	fh, err := os.Open(path)
	if err != nil {
		return EvalSet{}, court.Errorf(court.NotFound, "无法读取 %s：%v", path, err)
	}
	defer fh.Close()
	set := EvalSet{Name: "JuDGE test（501 份刑事判决书）", Relevant: "罪名相同，或共同引用刑法分则条文（第一百零二条起）", Query: "每份判决书的查明事实（text）作查询，检索其余判决书全文"}
	sc := bufio.NewScanner(fh)
	sc.Buffer(nil, 1<<24)
	line := 0
	for sc.Scan() {
		line++
		var d struct {
			Text string `json:"text"`
			Fd   string `json:"fd"`
			La   []int  `json:"la"`
		}
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			return set, court.Errorf(court.Invalid, "%s 第 %d 行不是有效的 JSON：%v", path, line, err)
		}
		j := Judgment{CaseNo: "judge-" + strconv.Itoa(line), Text: d.Fd}
		Parse(&j)
		var labels []string
		for _, c := range j.Charges {
			labels = append(labels, "罪名:"+c)
		}
		for _, a := range d.La {
			if a >= 102 {
				labels = append(labels, "条:"+strconv.Itoa(a))
			}
		}
		set.Docs = append(set.Docs, EvalDoc{Judgment: j, Query: d.Text, Labels: labels})
	}
	return set, sc.Err()
}

// Evaluate indexes the set with w and runs every query against the other
// documents (the query's own document is excluded), on every core.
func Evaluate(set EvalSet, w Weights) Metrics {
	ix := NewIndex(w)
	metas := make([]DocMeta, len(set.Docs))
	as := make([]Analysis, len(set.Docs))
	parallel(len(set.Docs), func(i int) {
		j := &set.Docs[i].Judgment
		as[i] = Analyze(j)
		m := DocMeta{ID: int64(i + 1), CaseNo: j.CaseNo, Cause: j.Cause, Charges: j.Charges, Court: j.Court, Level: j.Level, Len: as[i].Len}
		for _, a := range j.Articles {
			m.Articles = append(m.Articles, a.Key())
		}
		metas[i] = m
	})
	ix.AddDocs(metas)
	seg := BuildSegment(1, as)
	ix.AddSegment(1, func(fn func(string, []byte) error) error {
		for t, b := range seg {
			if err := fn(t, b); err != nil {
				return err
			}
		}
		return nil
	})
	type score struct{ p10, ap, ndcg float64 }
	scores := make([]*score, len(set.Docs))
	parallel(len(set.Docs), func(i int) {
		d := set.Docs[i]
		rel := map[int64]bool{}
		for k, o := range set.Docs {
			if k != i && anyShared(d.Labels, o.Labels) {
				rel[int64(k+1)] = true
			}
		}
		if len(rel) == 0 {
			return
		}
		q := QueryFromText(d.Query)
		q.ExcludeID = int64(i + 1)
		q.Limit = 1000
		rs := ix.Search(q)
		var s score
		hits := 0
		var dcg float64
		for k, r := range rs {
			if rel[r.ID] {
				hits++
				s.ap += float64(hits) / float64(k+1)
				if k < 10 {
					s.p10++
					dcg += 1 / math.Log2(float64(k+2))
				}
			}
		}
		s.ap /= float64(len(rel))
		s.p10 /= 10
		var ideal float64
		for k := 0; k < min(10, len(rel)); k++ {
			ideal += 1 / math.Log2(float64(k+2))
		}
		s.ndcg = dcg / ideal
		scores[i] = &s
	})
	var m Metrics
	for _, s := range scores {
		if s == nil {
			continue
		}
		m.Queries++
		m.P10 += s.p10
		m.MAP += s.ap
		m.NDCG10 += s.ndcg
	}
	if m.Queries > 0 {
		n := float64(m.Queries)
		m.P10, m.MAP, m.NDCG10 = m.P10/n, m.MAP/n, m.NDCG10/n
	}
	return m
}

// String is the metrics on one line.
func (m Metrics) String() string {
	return fmt.Sprintf("P@10 %.4f  MAP %.4f  nDCG@10 %.4f  （%d 个查询）", m.P10, m.MAP, m.NDCG10, m.Queries)
}

func parallel(n int, fn func(i int)) {
	var wg sync.WaitGroup
	next := make(chan int, 64)
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				fn(i)
			}
		}()
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}
