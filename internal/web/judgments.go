package web

import (
	"context"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"

	"github.com/zhixiao/zhixiao/internal/court"
	"github.com/zhixiao/zhixiao/internal/judgments"
	"github.com/zhixiao/zhixiao/internal/judgments/corpus"
)

// This file is the 类案 module of the web app (issue 10: similar-case
// retrieval): the search page /judgments, a judgment's page
// /judgments/doc/{id}, and the 类案 panel of the case page.
//
// The corpus is of published judgments (裁判文书), not of the court's case
// data: every signed-in user may search it. The panel shows on case pages,
// which the case page's own scope check already guards.

// JudgmentsStore is what the 类案 pages need of the store; *store.DB implements it.
type JudgmentsStore interface {
	corpus.DB
}

// judgmentsModule is the state of the 类案 pages: the corpus with its
// in-memory index, loaded on first use and kept up to date.
type judgmentsModule struct {
	db     JudgmentsStore
	once   sync.Once
	corpus *corpus.Corpus
}

// init takes the module's store from the deps.
func (m *judgmentsModule) init(d Deps) error { m.db = d.Judgments; return nil }

// get returns the corpus, or nil when the server has no database.
func (m *judgmentsModule) get() *corpus.Corpus {
	if m.db == nil {
		return nil
	}
	m.once.Do(func() { m.corpus = corpus.New(m.db) })
	return m.corpus
}

// JudgmentsWarm loads the segmenter and the index now, so that the first
// search does not wait (serve runs it in the background).
func (s *Server) JudgmentsWarm(ctx context.Context) error {
	judgments.Preload()
	c := s.mods.judgments.get()
	if c == nil {
		return nil
	}
	_, err := c.Index(ctx)
	return err
}

// judgmentsRoutes adds the module's routes under /judgments.
func (s *Server) judgmentsRoutes(mux *http.ServeMux) {
	mux.Handle("GET /judgments", s.member(s.judgmentsSearch))
	mux.Handle("POST /judgments", s.member(s.judgmentsSearch))
	mux.Handle("GET /judgments/doc/{id}", s.member(s.judgmentsDoc))
}

// ShowsJudgments reports whether the navigation shows 类案: for every
// signed-in user.
func (v *visitor) ShowsJudgments() bool { return v != nil }

// judgmentsForm is the search form as entered.
type judgmentsForm struct {
	Text, Case, Cause, Court, Year string
}

// judgmentsPage is the search page's data.
type judgmentsPage struct {
	Form     judgmentsForm
	Causes   []judgments.CauseCount
	Size     int  // judgments in the corpus
	Searched bool // a query was run
	Basis    string
	Hits     []judgmentHit
	Weights  judgments.Weights
}

// judgmentHit is a result as the page shows it.
type judgmentHit struct {
	corpus.Hit
	URL string
}

// maxQueryBytes bounds a pasted query (a long judgment is a few hundred KB).
const maxQueryBytes = judgments.MaxTextBytes

// judgmentsSearch answers GET and POST /judgments: the form, and the
// results when there is a query (text, or a 案号 by ?case=).
func (s *Server) judgmentsSearch(w http.ResponseWriter, r *http.Request, v *visitor) error {
	c := s.mods.judgments.get()
	if c == nil {
		return court.Errorf(court.NotFound, "本服务未连接数据库，无法检索类案")
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxQueryBytes+64<<10)
	if err := r.ParseForm(); err != nil {
		return court.Errorf(court.Invalid, "查询文本过长：上限为 %d KB", judgments.MaxJudgmentKB)
	}
	f := judgmentsForm{Text: strings.TrimSpace(r.Form.Get("q")), Case: strings.TrimSpace(r.Form.Get("case")),
		Cause: strings.TrimSpace(r.Form.Get("cause")), Court: strings.TrimSpace(r.Form.Get("court")), Year: strings.TrimSpace(r.Form.Get("year"))}
	ctx := r.Context()
	ix, err := c.Index(ctx)
	if err != nil {
		return err
	}
	p := judgmentsPage{Form: f, Causes: ix.Causes(), Size: ix.Len(), Weights: judgments.DefaultWeights}
	if len(p.Causes) > 200 {
		p.Causes = p.Causes[:200]
	}
	status := http.StatusOK
	errMsg := ""
	if f.Text != "" || f.Case != "" {
		hits, basis, err := s.judgmentsRun(ctx, c, f)
		switch {
		case err == nil:
			p.Searched, p.Basis, p.Hits = true, basis, hits
		case court.KindOf(err) == court.Internal:
			return err
		default:
			status, errMsg = http.StatusBadRequest, court.Message(err)
			if court.KindOf(err) == court.NotFound {
				status = http.StatusNotFound
			}
		}
	}
	return s.render(w, status, "judgments_search", view{Title: "类案检索", Nav: "judgments", Visitor: v, CSRF: v.Session.CSRF, Error: errMsg, Data: &p})
}

// judgmentsRun runs the form's query.
func (s *Server) judgmentsRun(ctx context.Context, c *corpus.Corpus, f judgmentsForm) ([]judgmentHit, string, error) {
	var q judgments.Query
	basis := ""
	if f.Text != "" {
		q = judgments.QueryFromText(f.Text)
	} else {
		var b corpus.Basis
		var err error
		if q, b, err = corpus.QueryForCase(ctx, s.mods.judgments.db, f.Case); err != nil {
			return nil, "", err
		}
		basis = b.Describe()
	}
	q.FilterCause, q.FilterCourt, q.Limit = f.Cause, f.Court, 20
	if f.Year != "" {
		y, err := strconv.Atoi(f.Year)
		if err != nil || y < 1949 || y > 2100 {
			return nil, "", court.Errorf(court.Invalid, "年度“%s”无效，应为四位年份，如 2024", f.Year)
		}
		q.FilterYear = y
	}
	hits, err := c.Search(ctx, q)
	if err != nil {
		return nil, "", err
	}
	out := make([]judgmentHit, len(hits))
	for i, h := range hits {
		out[i] = judgmentHit{Hit: h, URL: "/judgments/doc/" + strconv.FormatInt(h.ID, 10)}
	}
	return out, basis, nil
}

// judgmentDoc is a judgment's page data.
type judgmentDoc struct {
	CaseNo, Cause, Court, Level, Date, Source string
	Charges                                   []string
	Parts                                     []judgmentPart
	Articles                                  []string
	SimilarURL                                string
}

type judgmentPart struct{ Name, Text string }

// judgmentsDoc answers GET /judgments/doc/{id}: the judgment by its parts.
func (s *Server) judgmentsDoc(w http.ResponseWriter, r *http.Request, v *visitor) error {
	db := s.mods.judgments.db
	if db == nil {
		return court.Errorf(court.NotFound, "本服务未连接数据库")
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return court.Errorf(court.NotFound, "没有这份裁判文书")
	}
	rows, err := db.JudgmentTexts(r.Context(), []int64{id})
	if err != nil {
		return err
	}
	row, ok := rows[id]
	if !ok {
		return court.Errorf(court.NotFound, "没有这份裁判文书")
	}
	full, err := db.JudgmentByCaseNo(r.Context(), row.CaseNo)
	if err != nil {
		return err
	}
	j := corpus.Judgment(full)
	d := judgmentDoc{CaseNo: j.CaseNo, Cause: j.Cause, Court: j.Court, Level: j.Level, Source: j.Source, Charges: j.Charges,
		SimilarURL: "/judgments?case=" + url.QueryEscape(j.CaseNo)}
	if j.Date != court.NoDate {
		d.Date = j.Date.String()
	}
	for f := range judgments.NumFields {
		if t := strings.TrimSpace(j.Parts.Text(j.Text, f)); t != "" {
			d.Parts = append(d.Parts, judgmentPart{judgments.FieldNames[f], t})
		}
	}
	if len(d.Parts) == 0 {
		d.Parts = []judgmentPart{{"全文", j.Text}}
	}
	for _, a := range j.Articles {
		d.Articles = append(d.Articles, a.String())
	}
	return s.render(w, http.StatusOK, "judgments_doc", view{Title: j.CaseNo, Nav: "judgments", Visitor: v, CSRF: v.Session.CSRF, Data: &d})
}

// judgmentsPanel is the case page panel's data.
type judgmentsPanel struct {
	Empty   bool   // the corpus has no judgment yet
	Message string // why there are no results
	Basis   string
	Hits    []judgmentHit
	MoreURL string
}

// judgmentsPanels are the module's panels: 类案 on a case page.
func (s *Server) judgmentsPanels(ctx context.Context, v *visitor, at panelPlace) ([]panel, error) {
	if at.Case == nil {
		return nil, nil
	}
	c := s.mods.judgments.get()
	if c == nil {
		return nil, nil
	}
	ix, err := c.Index(ctx)
	if err != nil {
		return nil, err
	}
	p := judgmentsPanel{MoreURL: "/judgments?case=" + url.QueryEscape(at.Case.No)}
	if ix.Len() == 0 {
		p.Empty = true
	} else {
		hits, basis, err := s.judgmentsRun(ctx, c, judgmentsForm{Case: at.Case.No})
		switch {
		case court.KindOf(err) == court.NotFound:
			p.Message = court.Message(err)
		case err != nil:
			return nil, err
		default:
			p.Basis = basis
			if len(hits) > 5 {
				hits = hits[:5]
			}
			p.Hits = hits
			if len(hits) == 0 {
				p.Message = "类案库中没有找到相似的裁判文书"
			}
		}
	}
	body, err := s.renderPart("judgments_search", "judgments_panel", &p)
	if err != nil {
		return nil, err
	}
	return []panel{{ID: "panel-judgments", Title: "类案推送", Body: body}}, nil
}

// judgmentsFuncs are the module's template functions.
func judgmentsFuncs() template.FuncMap {
	return template.FuncMap{
		// judgmentsScore prints a score part with two decimals.
		"judgmentsScore": func(x float64) string { return strconv.FormatFloat(x, 'f', 2, 64) },
	}
}
