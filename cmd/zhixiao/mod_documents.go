package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
	"time"

	"github.com/zhixiao/zhixiao/internal/court"
	"github.com/zhixiao/zhixiao/internal/demo"
	"github.com/zhixiao/zhixiao/internal/documents"
	"github.com/zhixiao/zhixiao/internal/indicator"
	"github.com/zhixiao/zhixiao/internal/store"
	"github.com/zhixiao/zhixiao/internal/web"
)

// This file is the 文书 module of the command line (issue 9: the monthly bulletin and document drafts).

// documentsCommands are the module's subcommands.
func documentsCommands() map[string]command {
	return map[string]command{
		"bulletin": {"生成法院或部门的审判质效月通报（DOCX，可另出 XLSX）", runBulletin},
		"draft":    {"根据案件数据生成文书草稿（判决书、调解书、裁定书、通知书等，DOCX）", runDraft},
		"template": {"导出某类文书当前使用的 DOCX 模板，供法院修改后上传", runTemplate},
	}
}

// documentsJobs runs the module's background jobs in `serve` until ctx ends:
// once the indicator snapshot is ready, and then every hour, it writes last
// month's bulletin of every court that has none yet (web.WriteBulletins).
func documentsJobs(ctx context.Context, db *store.DB, srv *web.Server, log *slog.Logger) {
	tick := time.NewTicker(time.Minute)
	defer tick.Stop()
	var last time.Time
	for {
		if time.Since(last) >= time.Hour && srv.DocumentsReady() {
			n, err := srv.WriteBulletins(ctx, "定时任务")
			switch {
			case ctx.Err() != nil:
				return
			case err != nil:
				log.Error("月通报定时任务失败", "err", err)
			case n > 0:
				log.Info("月通报已生成", "count", n)
			}
			last = time.Now()
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}

// seedDocumentsDemo adds the parties of the demo cases (当事人表) after
// `zhixiao demo` has loaded ds, so that drafts work in `make run`.
func seedDocumentsDemo(ctx context.Context, db *store.DB, ds *demo.Dataset, out io.Writer) error {
	start := time.Now()
	ps := demo.Parties(ds)
	im, err := db.BeginImport(ctx, store.ImportMeta{Kind: "demo-parties", FileName: demo.PartiesCSV, SHA256: "-", Actor: actor(), Started: start})
	if err != nil {
		return err
	}
	for i := range ps {
		if err := im.AddParty(&ps[i]); err != nil {
			im.Rollback()
			return err
		}
	}
	if _, err := im.Commit(0); err != nil {
		return err
	}
	fmt.Fprintf(out, "示例市当事人：%d 名，用时 %.1f 秒\n", len(ps), time.Since(start).Seconds())
	return nil
}

// today is the date of the machine's clock in 北京时间.
func today() court.Date {
	t := time.Now().In(time.FixedZone("CST", 8*3600))
	return court.DateOf(t.Year(), t.Month(), t.Day())
}

// openExisting opens a database that must already exist.
func openExisting(ctx context.Context, dsn string) (*store.DB, error) {
	if !strings.Contains(dsn, "://") {
		if _, err := os.Stat(dsn); err != nil {
			return nil, court.Errorf(court.NotFound, "数据库文件“%s”不存在，请先用 zhixiao import 或 zhixiao demo 导入数据", dsn)
		}
	}
	return store.Open(ctx, dsn)
}

// templateFor returns the template of kind k: the file path when given,
// else the one the court uploaded, else the default.
func templateFor(ctx context.Context, db *store.DB, k documents.Kind, path string) (*documents.Template, error) {
	if path != "" {
		b, err := os.ReadFile(path)
		if err != nil {
			return nil, court.Errorf(court.NotFound, "无法读取模板文件 %s", path)
		}
		return documents.CheckTemplate(k, path, b)
	}
	t, err := db.DocTemplate(ctx, string(k))
	switch {
	case court.KindOf(err) == court.NotFound:
		return documents.ParseDefault(k), nil
	case err != nil:
		return nil, err
	}
	return documents.LoadTemplate(k, t.FileName, t.Content)
}

// writeFile writes a generated file and says so.
func writeFile(e *env, path string, b []byte) error {
	if err := os.WriteFile(path, b, 0o644); err != nil {
		return court.Errorf(court.Invalid, "无法写入文件 %s：%v", path, err)
	}
	fmt.Fprintf(e.stdout, "已写入 %s（%d 字节）\n", path, len(b))
	return nil
}

func runDraft(ctx context.Context, e *env) error {
	fs, dsn := newFlags(e, "draft")
	caseNo := fs.String("case", "", "案号（必填）")
	kindText := fs.String("type", "", "文书类型（必填）："+draftKindList())
	out := fs.String("out", "", "输出的 DOCX 文件（必填）")
	tmpl := fs.String("template", "", "使用此 DOCX 模板（默认：本院上传的模板，否则默认模板）")
	date := fs.String("date", "", "落款日期 YYYY-MM-DD（默认今天）")
	if _, err := parseInterspersed(fs, e.args); err != nil {
		return exitError{2}
	}
	if *caseNo == "" || *kindText == "" || *out == "" {
		return court.Errorf(court.Invalid, "请用 --case、--type 和 --out 给出案号、文书类型和输出文件")
	}
	k, err := documents.ParseKind(*kindText)
	if err != nil {
		return err
	}
	day := today()
	if *date != "" {
		if day, err = court.ParseISODate(*date); err != nil {
			return err
		}
	}
	db, err := openExisting(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	in, err := draftInput(ctx, db, *caseNo, day)
	if err != nil {
		return err
	}
	t, err := templateFor(ctx, db, k, *tmpl)
	if err != nil {
		return err
	}
	b, err := documents.WriteDraft(k, in, t)
	if err != nil {
		return err
	}
	return writeFile(e, *out, b)
}

// draftInput reads a case, its parties and the facts a draft needs.
func draftInput(ctx context.Context, db *store.DB, raw string, day court.Date) (documents.DraftInput, error) {
	no, err := court.ParseCaseNo(raw)
	if err != nil {
		return documents.DraftInput{}, err
	}
	c, err := db.Case(ctx, no.String())
	if err != nil {
		return documents.DraftInput{}, err
	}
	ps, err := db.Parties(ctx, no.String())
	if err != nil {
		return documents.DraftInput{}, err
	}
	f, err := db.DraftFacts(ctx, no.String())
	if err != nil {
		return documents.DraftInput{}, err
	}
	return documents.DraftInput{Case: c, CourtName: c.Court, UpperCourt: f.UpperCourt, Parties: ps, Clerk: f.Clerk, Today: day}, nil
}

func draftKindList() string {
	var names []string
	for _, k := range documents.DraftKinds {
		names = append(names, string(k)+"（"+k.Title()+"）")
	}
	return strings.Join(names, "、")
}

func runTemplate(ctx context.Context, e *env) error {
	fs, dsn := newFlags(e, "template")
	kindText := fs.String("type", "", "文书类型（必填）：bulletin（月通报）、"+draftKindList())
	out := fs.String("out", "", "输出的 DOCX 文件（必填）")
	def := fs.Bool("default", false, "导出默认模板，而不是本院上传的模板")
	if _, err := parseInterspersed(fs, e.args); err != nil {
		return exitError{2}
	}
	if *kindText == "" || *out == "" {
		return court.Errorf(court.Invalid, "请用 --type 和 --out 给出文书类型和输出文件")
	}
	k, err := documents.ParseKind(*kindText)
	if err != nil {
		return err
	}
	if *def {
		return writeFile(e, *out, documents.DefaultTemplate(k))
	}
	db, err := openExisting(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	t, err := db.DocTemplate(ctx, string(k))
	switch {
	case court.KindOf(err) == court.NotFound:
		return writeFile(e, *out, documents.DefaultTemplate(k))
	case err != nil:
		return err
	}
	return writeFile(e, *out, t.Content)
}

func runBulletin(ctx context.Context, e *env) error {
	fs, dsn := newFlags(e, "bulletin")
	courtName := fs.String("court", "", "法院名称或法院代字（必填）")
	dept := fs.String("department", "", "部门名称：只通报该部门")
	month := fs.String("month", "", "月份，如 2025-06（必填）")
	out := fs.String("out", "", "输出的 DOCX 文件（必填）")
	xlsx := fs.String("xlsx", "", "另将表格写入此 XLSX 文件")
	font := fs.String("font", "", "图表所用的 TrueType 字体文件（默认：环境变量 "+documents.FontEnv+"，或系统中的文楷、宋体 .ttf）")
	tmpl := fs.String("template", "", "使用此 DOCX 模板（默认：本院上传的模板，否则默认模板）")
	if _, err := parseInterspersed(fs, e.args); err != nil {
		return exitError{2}
	}
	if *courtName == "" || *month == "" || *out == "" {
		return court.Errorf(court.Invalid, "请用 --court、--month 和 --out 给出法院、月份和输出文件，如 --court 示例市中级人民法院 --month 2025-06 --out 通报.docx")
	}
	m, err := documents.ParseMonth(*month)
	if err != nil {
		return err
	}
	charts, err := chartsFor(e, *font)
	if err != nil {
		return err
	}
	db, err := openExisting(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	req, src, err := bulletinSetup(ctx, db, *courtName, *dept, m)
	if err != nil {
		return err
	}
	src.Charts = charts
	t, err := templateFor(ctx, db, documents.KindBulletin, *tmpl)
	if err != nil {
		return err
	}
	docx, x, err := documents.ProduceBulletin(ctx, req, src, t)
	if err != nil {
		return err
	}
	if err := writeFile(e, *out, docx); err != nil {
		return err
	}
	if *xlsx != "" {
		return writeFile(e, *xlsx, x)
	}
	return nil
}

// chartsFor loads the font of the charts, or says why there are none.
func chartsFor(e *env, explicit string) (*documents.Charts, error) {
	path, err := documents.FindFont(explicit, e.getenv(documents.FontEnv))
	if err != nil {
		return nil, err
	}
	if path == "" {
		fmt.Fprintln(e.stderr, "提示："+documents.NoFontNote)
		return nil, nil
	}
	return documents.LoadCharts(path)
}

// bulletinSetup finds the court (by name or 法院代字) and builds the
// engine and the other sources of a bulletin.
func bulletinSetup(ctx context.Context, db *store.DB, courtName, dept string, m court.Period) (documents.BulletinRequest, documents.Sources, error) {
	var req documents.BulletinRequest
	var src documents.Sources
	org, err := db.Org(ctx)
	if err != nil {
		return req, src, err
	}
	for _, c := range org.Courts {
		if c.Name == courtName || c.Code != "" && c.Code == courtName {
			req = documents.BulletinRequest{CourtID: c.ID, Court: c.Name, Department: dept, Month: m, Today: today()}
		}
	}
	if req.CourtID == 0 {
		return req, src, court.Errorf(court.NotFound, "法院“%s”不存在", courtName)
	}
	if src.Engine, err = indicator.New(ctx, db, nil); err != nil {
		return req, src, err
	}
	if src.Bands, err = courtBands(ctx, db); err != nil {
		return req, src, err
	}
	src.Pending = db
	src.Supervision, src.Petitions = moduleSources(db)
	return req, src, nil
}

// moduleSources are the supervision and petitions summaries when the store
// has them (the modules of issues 6 and 7); nil leaves their sections with
// 本月无数据.
func moduleSources(db any) (documents.SupervisionSource, documents.PetitionSource) {
	s, _ := db.(documents.SupervisionSource)
	p, _ := db.(documents.PetitionSource)
	return s, p
}
