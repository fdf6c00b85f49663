package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/zhixiao/zhixiao/internal/assessment"
	"github.com/zhixiao/zhixiao/internal/auth"
	"github.com/zhixiao/zhixiao/internal/court"
	"github.com/zhixiao/zhixiao/internal/demo"
	"github.com/zhixiao/zhixiao/internal/indicator"
	"github.com/zhixiao/zhixiao/internal/store"
	"github.com/zhixiao/zhixiao/internal/web"
)

// This file is the 绩效考核 module of the command line (issue 6: schemes, monthly scores, warnings, objections).

// assessmentCommands are the module's subcommands.
func assessmentCommands() map[string]command {
	return map[string]command{
		"assessment": {"绩效考核：列出或初始化考核方案（schemes），计算月度得分（compute）", runAssessment},
	}
}

// runAssessment is `zhixiao assessment schemes|compute ...`.
func runAssessment(ctx context.Context, e *env) error {
	if len(e.args) == 0 {
		fmt.Fprintln(e.stderr, "用法：zhixiao assessment schemes [--court 法院] [--init]\n      zhixiao assessment compute --scheme judge --month 2025-03 [--court 法院] [--dry-run] [--format table|json]")
		return exitError{2}
	}
	sub := *e
	sub.args = e.args[1:]
	switch e.args[0] {
	case "schemes":
		return runAssessmentSchemes(ctx, &sub)
	case "compute":
		return runAssessmentCompute(ctx, &sub)
	}
	return court.Errorf(court.Invalid, "未知的子命令“%s”，应为 schemes 或 compute", e.args[0])
}

// assessmentCourt finds a court by name; "" is the only court, or an error
// listing them when there are several.
func assessmentCourt(ctx context.Context, db *store.DB, name string) (store.OrgCourt, error) {
	org, err := db.Org(ctx)
	if err != nil {
		return store.OrgCourt{}, err
	}
	var names []string
	for _, c := range org.Courts {
		if c.Name == name || name == "" && len(org.Courts) == 1 {
			return c, nil
		}
		names = append(names, c.Name)
	}
	if name == "" {
		return store.OrgCourt{}, court.Errorf(court.Invalid, "请用 --court 指明法院：%s", strings.Join(names, "、"))
	}
	return store.OrgCourt{}, court.Errorf(court.NotFound, "法院“%s”不存在", name)
}

func assessmentAudit() auth.AuditEntry {
	return auth.AuditEntry{At: time.Now().UTC().Truncate(time.Second), Actor: actor(), IP: "命令行"}
}

func runAssessmentSchemes(ctx context.Context, e *env) error {
	fs, dsn := newFlags(e, "assessment schemes")
	courtName := fs.String("court", "", "法院名称")
	initDefaults := fs.Bool("init", false, "为该法院建立缺少的默认考核方案（每个人员类别一套）")
	if _, err := parseInterspersed(fs, e.args); err != nil {
		return exitError{2}
	}
	db, err := store.Open(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	c, err := assessmentCourt(ctx, db, *courtName)
	if err != nil {
		return err
	}
	if *initDefaults {
		if err := ensureDefaultSchemes(ctx, db, c.ID, assessmentAudit()); err != nil {
			return err
		}
	}
	all, err := db.AssessmentSchemes(ctx, c.ID)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "代码\t名称\t人员类别\t版本\t生效\t项目数")
	for _, s := range assessment.Current(all) {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%s\t%d\n", s.Code, s.Name, s.Category, s.Version, s.From, len(s.Items()))
	}
	return tw.Flush()
}

// ensureDefaultSchemes saves the default scheme of each category the court
// has none of.
func ensureDefaultSchemes(ctx context.Context, db *store.DB, courtID int64, e auth.AuditEntry) error {
	all, err := db.AssessmentSchemes(ctx, courtID)
	if err != nil {
		return err
	}
	for _, d := range assessment.DefaultSchemes(courtID) {
		have := false
		for _, s := range all {
			have = have || s.Code == d.Code
		}
		if !have {
			if _, err := db.SaveAssessmentScheme(ctx, d, e); err != nil {
				return err
			}
		}
	}
	return nil
}

func runAssessmentCompute(ctx context.Context, e *env) error {
	fs, dsn := newFlags(e, "assessment compute")
	courtName := fs.String("court", "", "法院名称")
	code := fs.String("scheme", "judge", "考核方案代码")
	month := fs.String("month", "", "月份，如 2025-03")
	dry := fs.Bool("dry-run", false, "只计算和输出，不保存")
	format := fs.String("format", "table", "输出格式：table 或 json")
	if _, err := parseInterspersed(fs, e.args); err != nil {
		return exitError{2}
	}
	if _, err := assessment.MonthPeriod(*month); err != nil {
		return err
	}
	if *format != "table" && *format != "json" {
		return court.Errorf(court.Invalid, "输出格式“%s”无效，应为 table 或 json", *format)
	}
	eng, err := openEngine(ctx, *dsn)
	if err != nil {
		return err
	}
	db, err := store.Open(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	c, err := assessmentCourt(ctx, db, *courtName)
	if err != nil {
		return err
	}
	t, err := computeAndStore(ctx, db, assessment.EngineSource{Engine: eng}, c.ID, *code, *month, !*dry, assessmentAudit())
	if err != nil {
		return err
	}
	if *format == "json" {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(t)
	}
	return writeScoreTable(e.stdout, t)
}

// computeAndStore computes a month of the scheme code in force and, when
// store is set, saves it as a draft run (into the month's open draft).
func computeAndStore(ctx context.Context, db *store.DB, ind assessment.IndicatorSource, courtID int64, code, month string, save bool, e auth.AuditEntry) (*assessment.Table, error) {
	all, err := db.AssessmentSchemes(ctx, courtID)
	if err != nil {
		return nil, err
	}
	s := assessment.InForce(all, courtID, code, month)
	if s == nil {
		return nil, court.Errorf(court.NotFound, "考核方案“%s”在 %s 没有生效的版本（可先运行 zhixiao assessment schemes --init）", code, month)
	}
	src := assessment.Sources{Indicators: ind, Outcomes: web.OutcomeSourcesOf(db)}
	t, err := assessment.ComputeMonth(ctx, db, src, s, month)
	if err != nil || !save {
		return t, err
	}
	run := assessment.Run{Month: month}
	runs, err := db.AssessmentRuns(ctx, courtID)
	if err != nil {
		return nil, err
	}
	for _, r := range runs {
		if r.SchemeCode == code && r.Month == month {
			if err := r.CheckEditable(); err != nil {
				return nil, err
			}
			run = r.Run
			break
		}
	}
	_, err = db.SaveAssessmentScores(ctx, s, run, t, e)
	return t, err
}

// writeScoreTable prints a table: rank, name, department, group points, total.
func writeScoreTable(w io.Writer, t *assessment.Table) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	head := []string{"名次", "姓名", "部门"}
	if len(t.Scores) > 0 {
		for _, g := range t.Scores[0].Groups {
			head = append(head, g.Name)
		}
	}
	fmt.Fprintln(tw, strings.Join(append(head, "总分"), "\t")+"\t")
	for _, s := range t.Scores {
		rank := fmt.Sprint(s.Rank)
		if s.NoCases {
			rank = "本月无办案"
		}
		row := []string{rank, s.Person.Name, s.Person.DeptName}
		for _, g := range s.Groups {
			row = append(row, fmt.Sprintf("%.2f", g.Points))
		}
		fmt.Fprintln(tw, strings.Join(append(row, fmt.Sprintf("%.2f", s.Total)), "\t")+"\t")
	}
	return tw.Flush()
}

// assessmentJobs runs the module's background job in `serve` until ctx
// ends, every 10 minutes (web.Server.AssessmentJob: last month's drafts of
// the schemes that have none, 公示 windows ended without objections marked
// 待发布). Publishing stays with 政治部.
func assessmentJobs(ctx context.Context, db *store.DB, srv *web.Server, log *slog.Logger) {
	tick := time.NewTicker(time.Minute)
	defer tick.Stop()
	var last time.Time
	for {
		// every 10 minutes, and every minute while the indicators load
		if time.Since(last) >= 10*time.Minute && runAssessmentJob(ctx, srv, log) {
			last = time.Now()
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}

// runAssessmentJob is one pass of the job, logged; false while the
// indicator snapshot is not loaded yet.
func runAssessmentJob(ctx context.Context, srv *web.Server, log *slog.Logger) bool {
	rep, err := srv.AssessmentJob(ctx)
	switch {
	case ctx.Err() != nil:
	case court.KindOf(err) == court.Conflict:
		return false // 指标引擎尚未载入数据: again in a minute
	case err != nil:
		log.Error("绩效考核定时任务失败", "err", err)
	default:
		if len(rep.Drafts) > 0 {
			log.Info("绩效考核定时任务：已计算上月草稿", "runs", strings.Join(rep.Drafts, "；"))
		}
		if len(rep.Ready) > 0 {
			log.Info("绩效考核定时任务：公示期满，待发布", "runs", strings.Join(rep.Ready, "；"))
		}
	}
	return true
}

// seedAssessmentDemo adds the module's demo data after `zhixiao demo` has
// loaded ds: the default schemes of every court, a few events and ratings,
// and the scores of every scheme for the last three full months of the
// data: the first two published, the last in 公示 (its window open from
// now), with an objection by the demo judge (faguan).
func seedAssessmentDemo(ctx context.Context, db *store.DB, ds *demo.Dataset, out io.Writer) error {
	start := time.Now()
	eng, err := indicator.New(ctx, demoSource{ds}, nil)
	if err != nil {
		return err
	}
	ind := &assessment.CachedSource{Engine: eng}
	org, err := db.Org(ctx)
	if err != nil {
		return err
	}
	last := assessment.MonthOf(ds.Period.To)
	if p, _ := assessment.MonthPeriod(last); p.To != ds.Period.To {
		last = assessment.PrevMonth(last)
	}
	months := []string{assessment.PrevMonth(assessment.PrevMonth(last)), assessment.PrevMonth(last), last}
	now := time.Now().UTC().Truncate(time.Second)
	e := auth.AuditEntry{At: now.Add(-60 * 24 * time.Hour), Actor: "演示数据", IP: "命令行"}
	runs := 0
	for _, c := range org.Courts {
		if err := ensureDefaultSchemes(ctx, db, c.ID, e); err != nil {
			return err
		}
		if err := seedDemoEntries(ctx, db, c.ID, months, e); err != nil {
			return err
		}
		for i, m := range months {
			at := e
			at.At = now.Add(time.Duration(i-len(months)+1) * 20 * 24 * time.Hour)
			n, err := seedDemoMonth(ctx, db, ind, c.ID, m, i < len(months)-1, at)
			if err != nil {
				return err
			}
			runs += n
			if i == 0 && c.Name == demoCourt {
				if err := seedDemoBottom(ctx, db, c.ID, m, months[1:], e); err != nil {
					return err
				}
			}
		}
	}
	if err := seedDemoObjection(ctx, db, org, last, now); err != nil {
		return err
	}
	fmt.Fprintf(out, "绩效考核演示数据：%d 个法院的默认考核方案，%d 个月度考核批次（%s 至 %s），用时 %.1f 秒\n",
		len(org.Courts), runs, months[0], months[len(months)-1], time.Since(start).Seconds())
	return nil
}

// seedDemoMonth computes every scheme of the court for the month and
// publishes the runs, or leaves them in 公示.
func seedDemoMonth(ctx context.Context, db *store.DB, ind assessment.IndicatorSource, courtID int64, month string, publish bool, e auth.AuditEntry) (int, error) {
	all, err := db.AssessmentSchemes(ctx, courtID)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, s := range assessment.Current(all) {
		t, err := computeAndStore(ctx, db, ind, courtID, s.Code, month, true, e)
		if court.KindOf(err) == court.Invalid && t == nil {
			continue // nobody of this category in this court
		}
		if err != nil {
			return n, err
		}
		if err := seedDemoWorkflow(ctx, db, courtID, s.Code, month, publish, e); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}

// seedDemoWorkflow puts the month's run of a scheme in 公示 and, when
// publish is set, publishes it at the end of its window.
func seedDemoWorkflow(ctx context.Context, db *store.DB, courtID int64, code, month string, publish bool, e auth.AuditEntry) error {
	runs, err := db.AssessmentRuns(ctx, courtID)
	if err != nil {
		return err
	}
	for _, r := range runs {
		if r.SchemeCode != code || r.Month != month {
			continue
		}
		sc, err := db.AssessmentScheme(ctx, r.Scheme)
		if err != nil {
			return err
		}
		cal, err := web.AssessmentCalendar(ctx, db, sc)
		if err != nil {
			return err
		}
		noticed, err := r.StartNoticeIn(e.At, sc.NoticeDays, cal)
		if err != nil {
			return err
		}
		if err := db.SetAssessmentRunState(ctx, noticed, r.State, e); err != nil {
			return err
		}
		if !publish {
			return nil
		}
		later := e
		later.At = noticed.NoticeUntil.Add(time.Hour)
		pub, err := noticed.Publish(later.At, 0)
		if err != nil {
			return err
		}
		return db.SetAssessmentRunState(ctx, pub, noticed.State, later)
	}
	return nil
}

// seedDemoBottom gives the last ranked 员额法官 of the first month deductions and
// a low 日常评价 in the months after, so that the demo shows a 红 warning
// (three months at the bottom) waiting for its 约谈.
func seedDemoBottom(ctx context.Context, db *store.DB, courtID int64, first string, later []string, e auth.AuditEntry) error {
	tabs, err := db.AssessmentMonthTables(ctx, courtID, "judge", []string{first})
	if err != nil || tabs[0] == nil || len(tabs[0].Scores) == 0 {
		return err
	}
	// the last one ranked: people 本月无办案 (listed after them) are never
	// in the bottom share
	var last assessment.Person
	for _, sc := range tabs[0].Scores {
		if !sc.NoCases {
			last = sc.Person
		}
	}
	if last.ID == 0 {
		return nil
	}
	for _, m := range later {
		per, _ := assessment.MonthPeriod(m)
		for i, en := range []assessment.Entry{
			{Item: "D1", Event: "违规会客", Evidence: "来访登记与监控记录"},
			{Item: "D1", Event: "文书错漏", Evidence: "裁判文书质量评查通报"},
			{Item: "C4", Event: "迟到早退", Evidence: "考勤记录"},
			{Item: "C1", Value: 4, Evidence: "庭长月度评价"},
		} {
			en.Person, en.Day = last.ID, per.From+court.Date(5+i)
			if _, err := db.AddAssessmentEntry(ctx, courtID, en, e); err != nil {
				return err
			}
		}
	}
	return nil
}

// seedDemoObjection files an objection by the demo judge (the first 员额法官
// of 民一庭 of the demo court) against their score of the last month.
func seedDemoObjection(ctx context.Context, db *store.DB, org store.Org, month string, now time.Time) error {
	staff := ""
	var courtID int64
	for _, c := range org.Courts {
		if c.Name == demoCourt {
			courtID, staff = c.ID, firstJudge(org, c.ID, "民一庭")
		}
	}
	runs, err := db.AssessmentRuns(ctx, courtID)
	if err != nil || staff == "" {
		return err
	}
	for _, p := range org.People {
		if p.Court != courtID || p.StaffNo != staff {
			continue
		}
		for _, r := range runs {
			if r.Month != month || r.State != assessment.StateNotice {
				continue
			}
			if _, err := db.AssessmentScore(ctx, r.ID, p.ID); err != nil {
				continue
			}
			o := assessment.Objection{Run: r.ID, Person: p.ID, Reason: "本月有两件调解结案未计入加权结案数，请核实。"}
			_, err := db.AddAssessmentObjection(ctx, o, auth.AuditEntry{At: now, Actor: "演示数据", IP: "命令行"})
			return err
		}
	}
	return nil
}

// seedDemoEntries records a few 负面清单 events, bonuses and 庭长 ratings
// for the court's 员额法官, chosen by their position in the list.
func seedDemoEntries(ctx context.Context, db *store.DB, courtID int64, months []string, e auth.AuditEntry) error {
	people, err := db.AssessmentPeople(ctx, courtID)
	if err != nil {
		return err
	}
	k := 0
	for _, p := range people {
		if p.Category != string(court.CategoryJudge) {
			continue
		}
		k++
		for i, m := range months {
			per, _ := assessment.MonthPeriod(m)
			var en []assessment.Entry
			switch {
			case k%11 == 3 && i > 0 || k%17 == 5:
				en = append(en, assessment.Entry{Item: "D1", Event: "文书错漏", Evidence: "案件质量评查通报"})
			case k%13 == 1:
				en = append(en, assessment.Entry{Item: "B1", Event: "优秀案例", Evidence: "入选全市法院优秀案例"})
			case k%9 == 2:
				en = append(en, assessment.Entry{Item: "C4", Event: "迟到早退", Evidence: "考勤记录"})
			}
			if k%3 == 0 {
				en = append(en, assessment.Entry{Item: "C1", Value: float64(7 + (k+i)%4), Evidence: "庭长月度评价"})
			}
			for j, x := range en {
				x.Person, x.Day = p.ID, per.From+court.Date(3+j+k%20)
				if _, err := db.AddAssessmentEntry(ctx, courtID, x, e); err != nil {
					return err
				}
			}
		}
		if k >= 60 {
			break
		}
	}
	return nil
}

// demoSource is a demo data set as the indicator engine's source.
type demoSource struct{ ds *demo.Dataset }

func (s demoSource) Courts(context.Context) ([]court.Court, error)  { return s.ds.Courts, nil }
func (s demoSource) People(context.Context) ([]court.Person, error) { return s.ds.People, nil }
func (s demoSource) FundReceipts(context.Context) ([]court.FundReceipt, error) {
	return s.ds.Funds, nil
}
func (s demoSource) Mediations(context.Context) ([]court.Mediation, error) {
	return s.ds.Mediations, nil
}
func (s demoSource) ScanCases(ctx context.Context, fn func(*court.Case) error) error {
	for i := range s.ds.Cases {
		if err := fn(&s.ds.Cases[i]); err != nil {
			return err
		}
	}
	return nil
}
