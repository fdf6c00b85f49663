// Package corpus joins the judgment corpus in the database (package store)
// to the search index (package judgments): it imports judgments with their
// index segments, loads the index once per process, keeps it up to date
// with the segments other processes write, and answers searches with the
// texts the explanations need.
package corpus

import (
	"context"
	"fmt"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/zhixiao/zhixiao/internal/court"
	"github.com/zhixiao/zhixiao/internal/judgments"
	"github.com/zhixiao/zhixiao/internal/store"
)

// DB is what the corpus needs of the database; *store.DB implements it.
type DB interface {
	AddJudgments(ctx context.Context, batches []store.JudgmentBatch, at time.Time) error
	ExistingJudgments(ctx context.Context, caseNos []string) ([]string, error)
	JudgmentMetas(ctx context.Context, after int64, fn func(store.JudgmentRow) error) error
	JudgmentSegments(ctx context.Context, after int64, fn func(seg int64, postings func(func(term string, data []byte) error) error) error) error
	JudgmentGeneration(ctx context.Context) (int64, error)
	JudgmentTexts(ctx context.Context, ids []int64) (map[int64]store.JudgmentRow, error)
	JudgmentByCaseNo(ctx context.Context, caseNo string) (store.JudgmentRow, error)
	JudgmentArticles(ctx context.Context, id int64) ([]store.ArticleRow, error)
	JudgmentStats(ctx context.Context) (store.JudgmentStats, error)
	Case(ctx context.Context, caseNo string) (court.Case, error)
}

// BatchSize is the number of judgments of one index segment.
const BatchSize = 5000

// Corpus is the corpus of one database with its in-memory index.
type Corpus struct {
	db      DB
	w       judgments.Weights
	mu      sync.Mutex // serialises loading
	ix      *judgments.Index
	checked time.Time // when the database was last asked for new segments
}

// New returns the corpus of db; the index loads on first use.
func New(db DB) *Corpus { return &Corpus{db: db, w: judgments.DefaultWeights} }

// refreshEvery is how often a search asks the database for new segments.
const refreshEvery = 2 * time.Second

// Index returns the index, loading what the database has that it has not
// (all of it the first time).
func (c *Corpus) Index(ctx context.Context) (*judgments.Index, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.ix != nil && time.Since(c.checked) < refreshEvery {
		return c.ix, nil
	}
	if c.ix == nil {
		c.ix = judgments.NewIndex(c.w)
	}
	gen, err := c.db.JudgmentGeneration(ctx)
	if err != nil {
		return nil, err
	}
	c.checked = time.Now()
	if gen <= c.ix.LastSegment {
		return c.ix, nil
	}
	if err := Load(ctx, c.db, c.ix); err != nil {
		c.ix = nil
		return nil, err
	}
	if c.ix.Drift() > MaxDrift {
		// the corpus has grown so much that the oldest impacts use stale
		// average lengths: load it afresh (this search waits for it)
		fresh := judgments.NewIndex(c.w)
		if err := Load(ctx, c.db, fresh); err != nil {
			return nil, err
		}
		c.ix = fresh
	}
	return c.ix, nil
}

// MaxDrift is the change of the average part lengths (see Index.Drift)
// beyond which the index is loaded afresh rather than extended.
const MaxDrift = 0.2

// Load adds to ix the judgments and segments of db it does not have.
func Load(ctx context.Context, db DB, ix *judgments.Index) error {
	var metas []judgments.DocMeta
	err := db.JudgmentMetas(ctx, ix.LastDoc, func(r store.JudgmentRow) error {
		m, err := Meta(r)
		if err != nil {
			return err
		}
		metas = append(metas, m)
		return nil
	})
	if err != nil {
		return err
	}
	ix.AddDocs(metas)
	return db.JudgmentSegments(ctx, ix.LastSegment, func(seg int64, postings func(func(string, []byte) error) error) error {
		return ix.AddSegment(seg, postings)
	})
}

// Meta is the index's view of a stored judgment.
func Meta(r store.JudgmentRow) (judgments.DocMeta, error) {
	m := judgments.DocMeta{ID: r.ID, CaseNo: r.CaseNo, Cause: r.Cause, Court: r.Court, Level: r.CourtLevel}
	if r.Charges != "" {
		m.Charges = strings.Split(r.Charges, "、")
	}
	if r.Decided != court.NoDate {
		m.Year = r.Decided.Time().Year()
	}
	for _, a := range r.Articles {
		m.Articles = append(m.Articles, articleOf(a).Key())
	}
	f := strings.Fields(r.Lengths)
	if len(f) != int(judgments.NumFields) {
		return m, fmt.Errorf("judgment %d: lengths %q", r.ID, r.Lengths)
	}
	for i, s := range f {
		n, err := strconv.Atoi(s)
		if err != nil {
			return m, fmt.Errorf("judgment %d: lengths %q", r.ID, r.Lengths)
		}
		m.Len[i] = int32(n)
	}
	return m, nil
}

func articleOf(a store.ArticleRow) judgments.Article {
	return judgments.Article{Law: a.Law, No: a.Article, Sub: a.Sub, Clause: a.Clause, Item: a.Item}
}

// Parts reads the stored spans of a judgment's parts.
func Parts(r store.JudgmentRow) judgments.Parts {
	var p judgments.Parts
	for i, s := range strings.Fields(r.Parts) {
		if i >= int(judgments.NumFields) {
			break
		}
		a, b, _ := strings.Cut(s, "-")
		p[i].Start, _ = strconv.Atoi(a)
		p[i].End, _ = strconv.Atoi(b)
		if p[i].End > len(r.Body) || p[i].Start > p[i].End {
			p[i] = judgments.Span{}
		}
	}
	return p
}

// Judgment is a stored judgment, parsed again from its row.
func Judgment(r store.JudgmentRow) judgments.Judgment {
	j := judgments.Judgment{CaseNo: r.CaseNo, Cause: r.Cause, Court: r.Court, Level: r.CourtLevel, Date: r.Decided, Text: r.Body, Parts: Parts(r), Source: r.Source}
	if r.Charges != "" {
		j.Charges = strings.Split(r.Charges, "、")
	}
	for _, a := range r.Articles {
		j.Articles = append(j.Articles, articleOf(a))
	}
	if len(j.Articles) == 0 {
		j.Articles = judgments.ExtractArticles(r.Body)
	}
	return j
}

// Row is the stored form of a judgment and its analysis.
func Row(j *judgments.Judgment, a *judgments.Analysis) store.JudgmentRow {
	r := store.JudgmentRow{CaseNo: j.CaseNo, Cause: j.Cause, Charges: strings.Join(j.Charges, "、"), Court: j.Court,
		CourtLevel: j.Level, Decided: j.Date, Body: j.Text, Source: j.Source}
	var ps, ls []string
	for f := range judgments.NumFields {
		ps = append(ps, strconv.Itoa(j.Parts[f].Start)+"-"+strconv.Itoa(j.Parts[f].End))
		ls = append(ls, strconv.Itoa(int(a.Len[f])))
	}
	r.Parts, r.Lengths = strings.Join(ps, " "), strings.Join(ls, " ")
	for _, x := range j.Articles {
		r.Articles = append(r.Articles, store.ArticleRow{Law: x.Law, Article: x.No, Sub: x.Sub, Clause: x.Clause, Item: x.Item})
	}
	return r
}

// Import analyses the judgments (on every core) and stores them with their
// index segments, all or none. Progress, when not nil, hears of every
// analysed judgment.
func Import(ctx context.Context, db DB, js []judgments.Judgment, progress func(done int)) error {
	seen := map[string]string{}
	for _, j := range js {
		if prev, dup := seen[j.CaseNo]; dup {
			return court.Errorf(court.Conflict, "案号“%s”重复：%s 与 %s", j.CaseNo, prev, j.Source)
		}
		seen[j.CaseNo] = j.Source
	}
	nos := make([]string, len(js))
	for i := range js {
		nos[i] = js[i].CaseNo
	}
	dup, err := db.ExistingJudgments(ctx, nos)
	if err != nil {
		return err
	}
	if len(dup) > 0 {
		return store.DuplicateJudgments(dup)
	}
	// analysis runs one batch ahead of the database, on every core
	type analysed struct {
		lo, hi int
		as     []judgments.Analysis
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	ready := make(chan analysed, 1)
	go func() {
		defer close(ready)
		done := 0
		for lo := 0; lo < len(js); lo += BatchSize {
			hi := min(lo+BatchSize, len(js))
			as := AnalyzeAll(ctx, js[lo:hi], func(n int) {
				if progress != nil {
					progress(done + n)
				}
			})
			done += hi - lo
			select {
			case ready <- analysed{lo, hi, as}:
			case <-ctx.Done():
				return
			}
		}
	}()
	var batches []store.JudgmentBatch
	for lo := 0; lo < len(js); lo += BatchSize {
		hi := min(lo+BatchSize, len(js))
		batches = append(batches, store.JudgmentBatch{CaseNos: nos[lo:hi], Build: func(first int64) ([]store.JudgmentRow, []store.PostingRow, error) {
			a, ok := <-ready
			if !ok {
				if err := ctx.Err(); err != nil {
					return nil, nil, err
				}
				return nil, nil, fmt.Errorf("judgment analysis ended early")
			}
			rows := make([]store.JudgmentRow, 0, a.hi-a.lo)
			for i := a.lo; i < a.hi; i++ {
				rows = append(rows, Row(&js[i], &a.as[i-a.lo]))
			}
			seg := judgments.BuildSegment(first, a.as)
			ps := make([]store.PostingRow, 0, len(seg))
			for t, b := range seg {
				ps = append(ps, store.PostingRow{Term: t, Postings: b})
			}
			return rows, ps, nil
		}})
	}
	return db.AddJudgments(ctx, batches, time.Now())
}

// AnalyzeAll analyses the judgments on every core.
func AnalyzeAll(ctx context.Context, js []judgments.Judgment, progress func(done int)) []judgments.Analysis {
	judgments.Preload()
	as := make([]judgments.Analysis, len(js))
	next := make(chan int, 256)
	var wg sync.WaitGroup
	var mu sync.Mutex
	done := 0
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				as[i] = judgments.Analyze(&js[i])
				if progress != nil {
					mu.Lock()
					done++
					progress(done)
					mu.Unlock()
				}
			}
		}()
	}
	for i := range js {
		if ctx.Err() != nil {
			break
		}
		next <- i
	}
	close(next)
	wg.Wait()
	return as
}
