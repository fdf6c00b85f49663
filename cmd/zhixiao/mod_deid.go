package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/zhixiao/zhixiao/internal/auth"
	"github.com/zhixiao/zhixiao/internal/court"
	"github.com/zhixiao/zhixiao/internal/deid"
	"github.com/zhixiao/zhixiao/internal/demo"
	"github.com/zhixiao/zhixiao/internal/store"
	"github.com/zhixiao/zhixiao/internal/web"
)

// This file is the 文书脱敏 module of the command line (issue 9: de-identified copies of judgments for publication).

// deidCommands are the module's subcommands: deidentify, as issue 9 names
// it, and deid, the same command under a short name.
func deidCommands() map[string]command {
	return map[string]command{
		"deidentify": {"裁判文书脱敏：生成互联网公布用的文书（TXT/DOCX）和变更报告，可批量", runDeid},
		"deid":       {"同 deidentify（简称）", runDeid},
	}
}

// deidJobs runs the module's background job in `serve` until ctx ends:
// every minute it drops the de-identified copies waiting for download
// longer than their 15 minutes.
func deidJobs(ctx context.Context, db *store.DB, srv *web.Server, log *slog.Logger) {
	t := time.NewTicker(time.Minute)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			srv.ExpireDeidResults()
		}
	}
}

// seedDeidDemo adds the module's demo data after `zhixiao demo` has loaded
// ds: none is needed, the /deid page offers a sample judgment to try.
func seedDeidDemo(ctx context.Context, db *store.DB, ds *demo.Dataset, out io.Writer) error {
	return nil
}

// deidOptions are the flags of zhixiao deid.
type deidOptions struct {
	in, out, report, parties, caseNo, cause, dsn string
	outDir, reportDir                            string
	strict, numbered, dbGiven                    bool
}

func runDeid(ctx context.Context, e *env) error {
	fs, dsn := newFlags(e, "deid")
	o := deidOptions{}
	fs.StringVar(&o.in, "in", "", "要脱敏的文书（.txt 或 .docx）；也可直接写在命令末尾")
	fs.StringVar(&o.out, "out", "", "脱敏后的文书（默认在原文件名后加“_脱敏”）")
	fs.StringVar(&o.report, "report", "", "变更报告：.json（每项 type、original、replacement、offset）或 .csv（另有“依据”一列）")
	fs.StringVar(&o.parties, "parties", "", "当事人 CSV（列：名称、诉讼地位、类型；可选 身份证号、住所）")
	fs.StringVar(&o.caseNo, "case", "", "案号：决定案件类别；与 --db 一起时从案件库读取案由")
	fs.StringVar(&o.cause, "cause", "", "案由，如 离婚纠纷（婚姻家庭、继承案件按第八条第（一）项隐名）")
	fs.BoolVar(&o.strict, "strict", false, "严格设置：所有自然人的姓名都作隐名处理")
	fs.BoolVar(&o.numbered, "numbered", false, "同姓重名时按第九条加阿拉伯数字（张某1、张某2），默认为 张某、张某某、张某甲……")
	fs.StringVar(&o.outDir, "out-dir", "", "批量处理：脱敏文书写入此目录（默认在各原文件旁）")
	fs.StringVar(&o.reportDir, "report-dir", "", "批量处理：每份文书的变更报告（JSON）写入此目录")
	pos, err := parseInterspersed(fs, e.args)
	if err != nil {
		return exitError{2}
	}
	fs.Visit(func(f *flag.Flag) { o.dbGiven = o.dbGiven || f.Name == "db" })
	o.dsn = *dsn
	if o.in != "" {
		pos = append([]string{o.in}, pos...)
	}
	if len(pos) == 0 {
		return court.Errorf(court.Invalid, "请给出要脱敏的文书，如 zhixiao deid 判决书.docx 或 --in 判决书.txt（批量：多个文件或一个目录）")
	}
	if len(pos) == 1 && !isDir(pos[0]) && o.outDir == "" && o.reportDir == "" {
		o.in = pos[0]
		return deidFile(ctx, e, o)
	}
	return deidBatch(ctx, e, o, pos)
}

func deidFile(ctx context.Context, e *env, o deidOptions) error {
	data, err := readLimited(o.in)
	if err != nil {
		return err
	}
	opt, err := deidSettings(ctx, e, o)
	if err != nil {
		return err
	}
	out, res, err := deid.File(filepath.Base(o.in), data, opt)
	if err != nil {
		return err
	}
	if o.out == "" {
		ext := filepath.Ext(o.in)
		o.out = strings.TrimSuffix(o.in, ext) + "_脱敏" + ext
	}
	if same, _ := samePath(o.in, o.out); same {
		return court.Errorf(court.Invalid, "输出文件不能与原文件相同：%s", o.out)
	}
	if err := os.WriteFile(o.out, out, 0o644); err != nil {
		return court.Errorf(court.Invalid, "无法写入脱敏文书“%s”：%v", o.out, err)
	}
	if o.report != "" {
		if err := writeDeidReport(o.report, res.Changes); err != nil {
			return err
		}
	}
	if o.dbGiven && o.caseNo != "" {
		f, _ := deid.FormatOf(o.in, data)
		rec := deid.NewRecord(data, out, f, opt, res)
		if err := recordDeidCLI(ctx, o.dsn, rec); err != nil {
			return err
		}
	}
	printDeidSummary(e.stdout, o, res)
	return nil
}

// readLimited reads the input, refusing a file over deid.MaxInput.
func readLimited(name string) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, court.Errorf(court.NotFound, "无法打开文书“%s”：%v", name, err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, deid.MaxInput+1))
	if err != nil {
		return nil, court.Errorf(court.Invalid, "无法读取文书“%s”：%v", name, err)
	}
	if len(data) > deid.MaxInput {
		return nil, court.Errorf(court.Invalid, "文件“%s”超过 %d MB，不能处理", name, deid.MaxInput>>20)
	}
	return data, nil
}

func samePath(a, b string) (bool, error) {
	sa, err := os.Stat(a)
	if err != nil {
		return false, err
	}
	sb, err := os.Stat(b)
	if err != nil {
		return false, err
	}
	return os.SameFile(sa, sb), nil
}

// deidSettings builds the options from the flags: the parties from the CSV,
// the case kind from the 案号, and with --db the 案由 from the case data.
func deidSettings(ctx context.Context, e *env, o deidOptions) (deid.Options, error) {
	opt := deid.Options{CaseNo: strings.TrimSpace(o.caseNo), Cause: o.cause, Numbered: o.numbered}
	if o.strict {
		opt.Setting = deid.Strict
	}
	if opt.CaseNo != "" {
		no, err := court.ParseCaseNo(opt.CaseNo)
		if err != nil {
			return opt, err
		}
		opt.CaseNo = no.String()
	}
	if o.parties != "" {
		f, err := os.Open(o.parties)
		if err != nil {
			return opt, court.Errorf(court.NotFound, "无法打开当事人文件“%s”：%v", o.parties, err)
		}
		defer f.Close()
		if opt.Parties, err = deid.ReadParties(filepath.Base(o.parties), f); err != nil {
			return opt, err
		}
	}
	if o.dbGiven && opt.CaseNo != "" {
		if err := caseFromDB(ctx, e, o.dsn, &opt); err != nil {
			return opt, err
		}
	}
	return opt, nil
}

// caseFromDB takes the case's 案由 and its parties (the 当事人表) from the
// database.
func caseFromDB(ctx context.Context, e *env, dsn string, opt *deid.Options) error {
	db, err := openStoreFor(ctx, dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	c, err := db.Case(ctx, opt.CaseNo)
	if err != nil {
		return err
	}
	if opt.Cause == "" {
		opt.Cause = c.Cause
	}
	if len(opt.Parties) > 0 {
		return nil
	}
	if opt.Parties, err = db.DeidParties(ctx, opt.CaseNo); err != nil {
		return err
	}
	if len(opt.Parties) == 0 {
		fmt.Fprintln(e.stderr, "提示：当事人表中没有该案的当事人，当事人取自文书本身的当事人段落；可用 --parties 提供当事人名单。")
	}
	return nil
}

func openStoreFor(ctx context.Context, dsn string) (*store.DB, error) {
	if !strings.Contains(dsn, "://") {
		if _, err := os.Stat(dsn); err != nil {
			return nil, court.Errorf(court.NotFound, "数据库文件“%s”不存在", dsn)
		}
	}
	return store.Open(ctx, dsn)
}

// recordDeidCLI writes the audit entry of a de-identification made on the
// command line against a database.
func recordDeidCLI(ctx context.Context, dsn string, rec deid.Record) error {
	db, err := openStoreFor(ctx, dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	return db.RecordDeid(ctx, auth.AuditEntry{At: time.Now(), Actor: actor(), Action: auth.ActionDeid, Object: rec.Object(), After: rec.JSON(), IP: "命令行"})
}

// writeDeidReport writes the changes as JSON (a list of {"type",
// "original", "replacement", "offset"}) or, for a .csv name, as CSV with
// the rule of each.
func writeDeidReport(name string, changes []deid.Change) error {
	data := deid.ReportJSON(changes)
	if strings.EqualFold(filepath.Ext(name), ".csv") {
		data = deid.ReportCSV(changes)
	}
	if err := os.WriteFile(name, data, 0o644); err != nil {
		return court.Errorf(court.Invalid, "无法写入变更报告“%s”：%v", name, err)
	}
	return nil
}

func printDeidSummary(w io.Writer, o deidOptions, r deid.Result) {
	fmt.Fprintf(w, "已生成 %s（%s）\n", o.out, map[bool]string{false: deid.Minimum.String(), true: deid.Strict.String()}[o.strict])
	counts := r.Counts()
	var parts []string
	for _, t := range deid.Types() {
		if counts[t] > 0 {
			parts = append(parts, fmt.Sprintf("%s %d", t.Label(), counts[t]))
		}
	}
	if len(parts) == 0 {
		parts = []string{"无"}
	}
	fmt.Fprintf(w, "变更 %d 处：%s\n", len(r.Changes), strings.Join(parts, "，"))
	if o.report != "" {
		fmt.Fprintf(w, "变更报告：%s\n", o.report)
	}
	for _, s := range r.Warnings {
		fmt.Fprintf(w, "注意：%s\n", s)
	}
}
