package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/zhixiao/zhixiao/internal/court"
	"github.com/zhixiao/zhixiao/internal/deid"
)

// This file is the batch form of zhixiao deid: several files, or a
// directory's .txt and .docx files, each de-identified on its own.

func isDir(name string) bool {
	st, err := os.Stat(name)
	return err == nil && st.IsDir()
}

// deidBatch de-identifies every input, going on after a file that fails,
// and fails at the end when one did. --out, --report, --case and --parties
// belong to one judgment and are refused here.
func deidBatch(ctx context.Context, e *env, o deidOptions, inputs []string) error {
	if o.out != "" || o.report != "" || o.caseNo != "" || o.parties != "" {
		return court.Errorf(court.Invalid, "批量处理时不能用 --out、--report、--case 或 --parties（它们只适用于一份文书）；请用 --out-dir 和 --report-dir")
	}
	files, err := batchFiles(inputs)
	if err != nil {
		return err
	}
	for _, dir := range []string{o.outDir, o.reportDir} {
		if dir != "" {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return court.Errorf(court.Invalid, "无法创建目录“%s”：%v", dir, err)
			}
		}
	}
	opt, err := deidSettings(ctx, e, o)
	if err != nil {
		return err
	}
	failed := 0
	for _, f := range files {
		if n, err := deidOne(f, o, opt); err != nil {
			failed++
			fmt.Fprintf(e.stdout, "失败  %s：%s\n", f, userMessage(err))
		} else {
			fmt.Fprintf(e.stdout, "完成  %s：变更 %d 处\n", f, n)
		}
	}
	fmt.Fprintf(e.stdout, "共 %d 份，完成 %d 份，失败 %d 份（%s）\n", len(files), len(files)-failed, failed, opt.Setting)
	if failed > 0 {
		return exitError{1}
	}
	return nil
}

// batchFiles expands directories into their .txt and .docx files (not the
// copies of an earlier run, named …_脱敏), in name order.
func batchFiles(inputs []string) ([]string, error) {
	var files []string
	for _, in := range inputs {
		if !isDir(in) {
			files = append(files, in)
			continue
		}
		entries, err := os.ReadDir(in)
		if err != nil {
			return nil, court.Errorf(court.NotFound, "无法读取目录“%s”：%v", in, err)
		}
		var found []string
		for _, en := range entries {
			ext := strings.ToLower(filepath.Ext(en.Name()))
			if en.Type().IsRegular() && (ext == ".txt" || ext == ".docx") && !strings.HasSuffix(strings.TrimSuffix(en.Name(), filepath.Ext(en.Name())), "_脱敏") {
				found = append(found, filepath.Join(in, en.Name()))
			}
		}
		sort.Strings(found)
		files = append(files, found...)
	}
	if len(files) == 0 {
		return nil, court.Errorf(court.Invalid, "没有找到 .txt 或 .docx 文书")
	}
	return files, nil
}

// deidOne de-identifies one file of a batch and returns its number of changes.
func deidOne(in string, o deidOptions, opt deid.Options) (int, error) {
	data, err := readLimited(in)
	if err != nil {
		return 0, err
	}
	out, res, err := deid.File(filepath.Base(in), data, opt)
	if err != nil {
		return 0, err
	}
	ext := filepath.Ext(in)
	name := strings.TrimSuffix(filepath.Base(in), ext) + "_脱敏" + ext
	dir := filepath.Dir(in)
	if o.outDir != "" {
		dir = o.outDir
	}
	if err := os.WriteFile(filepath.Join(dir, name), out, 0o644); err != nil {
		return 0, court.Errorf(court.Invalid, "无法写入脱敏文书：%v", err)
	}
	if o.reportDir != "" {
		report := filepath.Join(o.reportDir, strings.TrimSuffix(filepath.Base(in), ext)+"_变更报告.json")
		if err := writeDeidReport(report, res.Changes); err != nil {
			return 0, err
		}
	}
	return len(res.Changes), nil
}
