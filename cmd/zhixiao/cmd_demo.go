package main

import (
	"context"
	"fmt"
	"time"

	"github.com/zhixiao/zhixiao/internal/demo"
	"github.com/zhixiao/zhixiao/internal/importer"
	"github.com/zhixiao/zhixiao/internal/store"
)

// runDemo is `zhixiao demo`: it builds the synthetic 示例市 into the database
// and, with --export, writes the same data as import files.
func runDemo(ctx context.Context, e *env) error {
	fs, dsn := newFlags(e, "demo")
	seed := fs.Int64("seed", 1, "随机种子：同一种子生成同样的数据")
	cases := fs.Int("cases", 150_000, "案件数")
	export := fs.String("export", "", "把同样的数据导出为导入文件（CSV、XLSX，其一为 GBK 编码）到此目录")
	if _, err := parseInterspersed(fs, e.args); err != nil {
		return exitError{2}
	}
	start := time.Now()
	ds := demo.Generate(demo.Config{Seed: *seed, Cases: *cases})
	db, err := store.Open(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	kinds, err := importer.Load(ctx, db, importer.Dataset{
		Courts: ds.Courts, People: ds.People, Cases: ds.Cases, Funds: ds.Funds, Mediations: ds.Mediations,
	}, "demo", actor())
	if err != nil {
		return err
	}
	if err := seedModuleDemo(ctx, db, ds, e.stdout); err != nil {
		return err
	}
	counts := kinds["cases"]
	fmt.Fprintf(e.stdout, "示例市演示数据：%d 个法院，%d 名人员，%d 件案件（新增 %d，更新 %d，未变 %d），%d 笔执行案款，%d 件诉前调解，用时 %.1f 秒\n",
		len(ds.Courts), len(ds.People), len(ds.Cases), counts.Inserted, counts.Updated, counts.Unchanged,
		len(ds.Funds), len(ds.Mediations), time.Since(start).Seconds())
	if *export != "" {
		if err := demo.Export(ds, *export); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "导入文件已写入 %s\n", *export)
	}
	return nil
}
