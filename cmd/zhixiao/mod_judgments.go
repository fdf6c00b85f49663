package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"os"
	"strings"
	"time"

	"github.com/zhixiao/zhixiao/internal/court"
	"github.com/zhixiao/zhixiao/internal/demo"
	"github.com/zhixiao/zhixiao/internal/judgments"
	"github.com/zhixiao/zhixiao/internal/judgments/corpus"
	"github.com/zhixiao/zhixiao/internal/store"
	"github.com/zhixiao/zhixiao/internal/web"
)

// This file is the 类案 module of the command line (issue 10: similar-case retrieval).

// judgmentsCommands are the module's subcommands.
func judgmentsCommands() map[string]command {
	return map[string]command{
		"judgments": {"类案检索：导入裁判文书（import）、检索类案（search）、评测（eval）、统计（stats）", runJudgments},
	}
}

func judgmentsUsage(w io.Writer) {
	fmt.Fprint(w, `用法：
  zhixiao judgments import --db DSN FILE|DIR        导入裁判文书（TXT、DOCX、JSONL），建立检索索引
  zhixiao judgments search --db DSN (--case 案号 | --text-file FILE | --text 文字) [--limit N] [--format json]
                                                    检索类案
  zhixiao judgments eval --data 目录                 在公开数据上评测（P@10、MAP、nDCG@10，对比普通 BM25）
  zhixiao judgments stats --db DSN                  类案库与索引的规模
`)
}

func runJudgments(ctx context.Context, e *env) error {
	if len(e.args) == 0 || e.args[0] == "-h" || e.args[0] == "--help" || e.args[0] == "help" {
		judgmentsUsage(e.stdout)
		return nil
	}
	sub := &env{args: e.args[1:], stdin: e.stdin, stdout: e.stdout, stderr: e.stderr, getenv: e.getenv}
	switch e.args[0] {
	case "import":
		return runJudgmentsImport(ctx, sub)
	case "search":
		return runJudgmentsSearch(ctx, sub)
	case "eval":
		return runJudgmentsEval(ctx, sub)
	case "stats":
		return runJudgmentsStats(ctx, sub)
	}
	fmt.Fprintf(e.stderr, "未知的 judgments 子命令 %q\n\n", e.args[0])
	judgmentsUsage(e.stderr)
	return exitError{2}
}

func runJudgmentsImport(ctx context.Context, e *env) error {
	fs, dsn := newFlags(e, "judgments import")
	quiet := fs.Bool("quiet", false, "不显示进度")
	pos, err := parseInterspersed(fs, e.args)
	if err != nil {
		return exitError{2}
	}
	if len(pos) != 1 {
		return court.Errorf(court.Invalid, "请给出一个要导入的文件或目录：zhixiao judgments import --db DSN FILE|DIR")
	}
	start := time.Now()
	js, err := judgments.ReadPath(pos[0])
	if err != nil {
		return err
	}
	db, err := store.Open(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	last := time.Now()
	progress := func(done int) {
		if !*quiet && (time.Since(last) > 2*time.Second || done == len(js)) {
			last = time.Now()
			fmt.Fprintf(e.stderr, "分词与索引 %d / %d\n", done, len(js))
		}
	}
	if err := corpus.Import(ctx, db, js, progress); err != nil {
		return err
	}
	st, err := db.JudgmentStats(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "已导入 %d 份裁判文书（%.1f 秒）；类案库共 %d 份，索引 %d 段、%.1f MB\n",
		len(js), time.Since(start).Seconds(), st.Judgments, st.Segments, float64(st.PostingBytes)/(1<<20))
	return nil
}

// searchResult is one line of `judgments search --format json`.
type searchResult struct {
	CaseNo string  `json:"case_no"`
	Score  float64 `json:"score"`
	Cause  string  `json:"cause"`
	Why    string  `json:"why"`
}

func runJudgmentsSearch(ctx context.Context, e *env) error {
	fs, dsn := newFlags(e, "judgments search")
	caseNo := fs.String("case", "", "以该案号的裁判文书（或案件信息表中的案由）为查询")
	textFile := fs.String("text-file", "", "以该文本文件（UTF-8）的内容为查询")
	text := fs.String("text", "", "以这段文字（案情简述）为查询")
	limit := fs.Int("limit", 10, "返回的类案数")
	format := fs.String("format", "table", "输出格式：table 或 json")
	cause := fs.String("cause", "", "只检索该案由")
	courtName := fs.String("court", "", "只检索法院名称含此文字的")
	year := fs.Int("year", 0, "只检索该年度的裁判文书")
	if _, err := parseInterspersed(fs, e.args); err != nil {
		return exitError{2}
	}
	given := 0
	for _, s := range []string{*caseNo, *textFile, *text} {
		if s != "" {
			given++
		}
	}
	if given != 1 {
		return court.Errorf(court.Invalid, "请给出且只给出 --case 案号、--text-file 文件 或 --text 文字 之一")
	}
	if *limit <= 0 || *limit > 1000 {
		return court.Errorf(court.Invalid, "--limit 应在 1 到 1000 之间")
	}
	if *format != "table" && *format != "json" {
		return court.Errorf(court.Invalid, "输出格式“%s”无效，应为 table 或 json", *format)
	}
	db, err := store.Open(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	var q judgments.Query
	var basis corpus.Basis
	switch {
	case *caseNo != "":
		if q, basis, err = corpus.QueryForCase(ctx, db, *caseNo); err != nil {
			return err
		}
	case *textFile != "":
		b, err := os.ReadFile(*textFile)
		if err != nil {
			return court.Errorf(court.NotFound, "无法读取文件“%s”", *textFile)
		}
		if len(b) > judgments.MaxTextBytes {
			return court.Errorf(court.Invalid, "文件“%s”有 %d KB，超过查询文本的上限 %d KB", *textFile, len(b)>>10, judgments.MaxJudgmentKB)
		}
		if strings.TrimSpace(string(b)) == "" {
			return court.Errorf(court.Invalid, "文件“%s”是空的", *textFile)
		}
		q = judgments.QueryFromText(string(b))
	default:
		q = judgments.QueryFromText(*text)
	}
	q.Limit, q.FilterCause, q.FilterCourt, q.FilterYear = *limit, *cause, *courtName, *year
	c := corpus.New(db)
	hits, err := c.Search(ctx, q)
	if err != nil {
		return err
	}
	if *format == "json" {
		out := make([]searchResult, 0, len(hits))
		for _, h := range hits {
			out = append(out, searchResult{h.CaseNo, round4(h.Score), h.Cause, h.Why})
		}
		enc := json.NewEncoder(e.stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	if d := basis.Describe(); d != "" {
		fmt.Fprintln(e.stdout, d)
	}
	if len(hits) == 0 {
		fmt.Fprintln(e.stdout, "没有找到类案")
		return nil
	}
	for i, h := range hits {
		fmt.Fprintf(e.stdout, "%d. %s  %s  %s  得分 %.3f\n   %s\n", i+1, h.CaseNo, orDash(h.Cause), orDash(h.Court), h.Score, h.Why)
	}
	return nil
}

func round4(x float64) float64 { return float64(int64(x*10000+0.5)) / 10000 }

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

func runJudgmentsEval(ctx context.Context, e *env) error {
	fs := newFlagSetNoDB(e, "judgments eval")
	data := fs.String("data", "../shared/data", "公开数据目录（含 cail2019_cjrc 与 judge_cn_judgment_generation）")
	if _, err := parseInterspersed(fs, e.args); err != nil {
		return exitError{2}
	}
	cjrc, err := judgments.LoadCJRC(*data)
	if err != nil {
		return err
	}
	judge, err := judgments.LoadJuDGE(*data)
	if err != nil {
		return err
	}
	noCause := judgments.DefaultWeights
	noCause.NoCause = true
	textOnly := judgments.DefaultWeights
	textOnly.Cause, textOnly.Articles, textOnly.Level = 0, 0, 0
	for _, run := range []struct {
		set  judgments.EvalSet
		note string
		ws   []struct {
			name string
			w    judgments.Weights
		}
	}{
		{cjrc, "案由即相关性定义：案由不作为排序信号（两侧都不使用）；查询本身不计入结果。", []struct {
			name string
			w    judgments.Weights
		}{{"普通 BM25（同一分词）", judgments.PlainBM25}, {"BM25F（分字段）", textOnly}, {"BM25F + 结构（法条、层级；不用案由）", noCause}}},
		{judge, "查询只含查明事实，不含罪名与所引法条；查询本身不计入结果。结构信号只用查询文本中自带的罪名/法条（若有）。", []struct {
			name string
			w    judgments.Weights
		}{{"普通 BM25（同一分词）", judgments.PlainBM25}, {"BM25F（分字段）", textOnly}, {"BM25F + 结构", judgments.DefaultWeights}}},
	} {
		fmt.Fprintf(e.stdout, "== %s\n相关：%s；查询：%s\n%s\n", run.set.Name, run.set.Relevant, run.set.Query, run.note)
		for _, w := range run.ws {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			start := time.Now()
			m := judgments.Evaluate(run.set, w.w)
			fmt.Fprintf(e.stdout, "  %-36s %s  %.1f 秒\n", w.name, m, time.Since(start).Seconds())
		}
	}
	return nil
}

func runJudgmentsStats(ctx context.Context, e *env) error {
	fs, dsn := newFlags(e, "judgments stats")
	if _, err := parseInterspersed(fs, e.args); err != nil {
		return exitError{2}
	}
	db, err := store.Open(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	st, err := db.JudgmentStats(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "裁判文书 %d 份（全文 %.1f MB）；索引 %d 段、%d 行，编码后 %.1f MB，占用磁盘 %.1f MB\n",
		st.Judgments, float64(st.TextBytes)/(1<<20), st.Segments, st.PostingRows, float64(st.PostingBytes)/(1<<20), float64(st.IndexDiskBytes)/(1<<20))
	return nil
}

// judgmentsJobs runs the module's background jobs in `serve` until ctx ends:
// it loads the segmenter and the 类案 index once at start, so that the
// first search does not wait for them (searches then load new segments
// as other processes import them).
func judgmentsJobs(ctx context.Context, db *store.DB, srv *web.Server, log *slog.Logger) {
	if srv == nil {
		return
	}
	start := time.Now()
	if err := srv.JudgmentsWarm(ctx); err != nil {
		log.Error("类案索引加载失败", "err", err)
		return
	}
	log.Info("类案索引已加载", "seconds", time.Since(start).Seconds())
}

// demoJudgmentsPerCause bounds the demo judgments of one 案由.
const demoJudgmentsPerCause = 30

// seedJudgmentsDemo adds the module's demo data after `zhixiao demo` has
// loaded ds: judgments generated from templates (judgments.DemoJudgment)
// for up to 30 closed first-instance cases of each 案由 that has a
// template, so that those cases' pages show the 类案 panel at work. It
// does nothing when the corpus already has judgments.
func seedJudgmentsDemo(ctx context.Context, db *store.DB, ds *demo.Dataset, out io.Writer) error {
	st, err := db.JudgmentStats(ctx)
	if err != nil || st.Judgments > 0 {
		return err
	}
	start := time.Now()
	rng := rand.New(rand.NewPCG(10, 10))
	per := map[string]int{}
	var js []judgments.Judgment
	for i := range ds.Cases {
		c := &ds.Cases[i]
		if per[c.Cause] >= demoJudgmentsPerCause {
			continue
		}
		if j, ok := judgments.DemoJudgment(c, c.Court, rng); ok {
			per[c.Cause]++
			js = append(js, j)
		}
	}
	if len(js) == 0 {
		return nil
	}
	if err := corpus.Import(ctx, db, js, nil); err != nil {
		return err
	}
	fmt.Fprintf(out, "类案库：生成 %d 份演示裁判文书（%.1f 秒）\n", len(js), time.Since(start).Seconds())
	return nil
}

// newFlagSetNoDB is a flag set for a subcommand without a database.
func newFlagSetNoDB(e *env, name string) *flag.FlagSet {
	fs := flag.NewFlagSet("zhixiao "+name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	return fs
}
