package corpus

import (
	"context"
	"strconv"
	"strings"

	"github.com/zhixiao/zhixiao/internal/court"
	"github.com/zhixiao/zhixiao/internal/judgments"
)

// Hit is a search result with what explains it: the snippet with the shared
// terms marked, and the reasons in words.
type Hit struct {
	judgments.Result
	Snippet []judgments.Fragment
	Why     string // one line in Chinese: 案由相同；共同引用…；共同关键词…；得分构成…
}

// Basis says what a query by 案号 was made of.
type Basis struct {
	CaseNo   string
	Stored   bool   // the 案号 has a stored judgment: its text is the query
	FromCase bool   // no judgment: the case's 案由 from the cases table is the query
	Cause    string // the query's 案由
}

// Describe is the basis in Chinese.
func (b Basis) Describe() string {
	switch {
	case b.Stored:
		return "以案号" + b.CaseNo + "的裁判文书全文检索"
	case b.FromCase:
		return "案号" + b.CaseNo + "尚无裁判文书，以案件信息表中的案由“" + b.Cause + "”检索"
	}
	return ""
}

// QueryForCase makes the query of a case: the stored judgment of the 案号
// (its text, 案由, charges, court level and articles; itself excluded), or,
// when none, the case's 案由 from the cases table as a short description
// (and the 案由 as evidence). NotFound when neither exists.
func QueryForCase(ctx context.Context, db DB, caseNo string) (judgments.Query, Basis, error) {
	no := judgments.NormalCaseNo(caseNo)
	b := Basis{CaseNo: no}
	r, err := db.JudgmentByCaseNo(ctx, no)
	if err == nil {
		arts, err := db.JudgmentArticles(ctx, r.ID)
		if err != nil {
			return judgments.Query{}, b, err
		}
		r.Articles = arts
		j := Judgment(r)
		b.Stored, b.Cause = true, j.Cause
		return judgments.Query{Text: j.Text, Cause: j.Cause, Charges: j.Charges, Level: j.Level, Articles: j.Articles, ExcludeID: r.ID}, b, nil
	}
	if court.KindOf(err) != court.NotFound {
		return judgments.Query{}, b, err
	}
	c, err := db.Case(ctx, no)
	if err != nil {
		if court.KindOf(err) == court.NotFound {
			return judgments.Query{}, b, court.Errorf(court.NotFound, "案号“%s”既没有已导入的裁判文书，也不在案件信息表中", caseNo)
		}
		return judgments.Query{}, b, err
	}
	if strings.TrimSpace(c.Cause) == "" {
		return judgments.Query{}, b, court.Errorf(court.NotFound, "案号“%s”没有已导入的裁判文书，案件信息表中也没有案由，无法检索类案", caseNo)
	}
	b.FromCase, b.Cause = true, c.Cause
	q := judgments.Query{Text: c.Cause, Cause: c.Cause, Level: judgments.CourtLevel(c.Court)}
	return q, b, nil
}

// Search runs q and explains each result.
func (c *Corpus) Search(ctx context.Context, q judgments.Query) ([]Hit, error) {
	ix, err := c.Index(ctx)
	if err != nil {
		return nil, err
	}
	rs := ix.Search(q)
	return Explain(ctx, c.db, rs)
}

// Explain adds snippets and reasons to results.
func Explain(ctx context.Context, db DB, rs []judgments.Result) ([]Hit, error) {
	ids := make([]int64, len(rs))
	for i, r := range rs {
		ids[i] = r.ID
	}
	texts, err := db.JudgmentTexts(ctx, ids)
	if err != nil {
		return nil, err
	}
	hits := make([]Hit, len(rs))
	for i, r := range rs {
		h := Hit{Result: r}
		var terms []string
		for _, t := range r.Terms {
			terms = append(terms, t.Term)
		}
		if row, ok := texts[r.ID]; ok {
			h.Snippet = judgments.Snippet(row.Body, Parts(row), terms, 120)
		}
		h.Why = Why(r)
		hits[i] = h
	}
	return hits, nil
}

// Why is a result's explanation in one line.
func Why(r judgments.Result) string {
	var parts []string
	if r.SameCause {
		parts = append(parts, "案由相同（"+r.Cause+"）")
	}
	if len(r.Shared) > 0 {
		parts = append(parts, "共同引用"+strings.Join(r.Shared, "、"))
	}
	if len(r.Terms) > 0 {
		var ts []string
		for k, t := range r.Terms {
			if k == 6 {
				break
			}
			ts = append(ts, t.Term)
		}
		parts = append(parts, "共同关键词："+strings.Join(ts, "、"))
	}
	if r.SameLevel {
		parts = append(parts, "同为"+r.Level+"法院")
	}
	b := r.Breakdown
	parts = append(parts, "得分 "+f2(r.Score)+" = 文本 "+f2(b.Text)+" + 案由 "+f2(b.Cause)+" + 法条 "+f2(b.Articles)+" + 层级 "+f2(b.Level))
	return strings.Join(parts, "；")
}

func f2(x float64) string { return strconv.FormatFloat(x, 'f', 2, 64) }
