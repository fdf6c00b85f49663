// Package importer runs an import: it reads an export with ingest, writes the
// valid rows to the store in one transaction, and reports. Strict by default:
// one bad row and nothing is written. With SkipInvalid the good rows are
// written and the bad ones saved, with a reason column, to a rejects file.
package importer

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/zhixiao/zhixiao/internal/court"
	"github.com/zhixiao/zhixiao/internal/ingest"
	"github.com/zhixiao/zhixiao/internal/store"
)

// Options are the choices of one import.
type Options struct {
	SkipInvalid bool
	RejectsPath string    // where rejected rows go with SkipInvalid; default FILE.rejects.csv
	Actor       string    // who runs the import, recorded in import_runs
	Progress    io.Writer // where a progress bar goes for big files; nil for none
}

// Report is the outcome of one import.
type Report struct {
	File        string
	Table       ingest.Table
	Encoding    string
	Counts      store.Counts
	Problems    []ingest.Problem
	RejectsPath string // set when rejected rows were saved
	Committed   bool
	Elapsed     time.Duration
}

// Summary is the one-line summary printed after every import.
func (r *Report) Summary() string {
	state := "已写入"
	if !r.Committed {
		state = "未写入任何数据"
	}
	return fmt.Sprintf("%s：读取 %d 行，新增 %d，更新 %d，未变 %d，拒绝 %d，用时 %.1f 秒（%s）",
		filepath.Base(r.File), r.Counts.Read, r.Counts.Inserted, r.Counts.Updated, r.Counts.Unchanged,
		r.Counts.Rejected, r.Elapsed.Seconds(), state)
}

// progressAfter is the number of rows after which a progress bar appears.
const progressAfter = 100_000

// Run imports one file into db. A file-level problem (unreadable file,
// unknown column ...) is returned as an error of kind Invalid. Row problems
// are in the report; in strict mode any of them means nothing was written
// and the returned error is of kind Invalid too.
func Run(ctx context.Context, db *store.DB, table ingest.Table, path string, opt Options) (rep *Report, err error) {
	start := time.Now()
	rep = &Report{File: path, Table: table}
	defer func() { rep.Elapsed = time.Since(start) }()

	sum, err := fileSHA256(path)
	if err != nil {
		return rep, err
	}
	src, err := ingest.Open(path, table)
	if err != nil {
		return rep, err
	}
	defer src.Close()
	rep.Encoding = src.Encoding()

	im, err := db.BeginImport(ctx, store.ImportMeta{
		Kind: table.String(), FileName: filepath.Base(path), SHA256: sum, Actor: opt.Actor, Started: start,
	})
	if err != nil {
		return rep, err
	}
	committed := false
	defer func() {
		if !committed {
			im.Rollback()
		}
	}()

	var rejects *ingest.RejectWriter
	if opt.SkipInvalid {
		rep.RejectsPath = opt.RejectsPath
		if rep.RejectsPath == "" {
			rep.RejectsPath = path + ".rejects.csv"
		}
	}
	bar := newProgress(opt.Progress, src)
	for n := 0; ; n++ {
		if n%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return rep, err
			}
			if n >= progressAfter {
				bar.update()
			}
		}
		row, err := src.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return rep, err
		}
		rep.Counts.Read++
		if len(row.Problems) == 0 && (opt.SkipInvalid || len(rep.Problems) == 0) {
			row.Problems = add(im, &row)
		}
		if len(row.Problems) == 0 {
			continue
		}
		rep.Problems = append(rep.Problems, row.Problems...)
		rep.Counts.Rejected++
		if opt.SkipInvalid {
			if rejects == nil {
				if rejects, err = ingest.NewRejectWriter(rep.RejectsPath, src.Header()); err != nil {
					return rep, err
				}
				defer rejects.Close()
			}
			if err := rejects.Write(row); err != nil {
				return rep, err
			}
		}
	}
	bar.finish()
	if rejects != nil {
		if err := rejects.Close(); err != nil {
			return rep, err
		}
	} else {
		rep.RejectsPath = ""
	}
	if rep.Counts.Rejected > 0 && !opt.SkipInvalid {
		return rep, court.Errorf(court.Invalid, "文件 %s 有 %d 行数据有误，未导入任何数据", filepath.Base(path), rep.Counts.Rejected)
	}
	counts, err := im.Commit(rep.Counts.Rejected)
	if err != nil {
		return rep, err
	}
	committed = true
	rep.Committed = true
	counts.Read, counts.Rejected = rep.Counts.Read, rep.Counts.Rejected
	rep.Counts = counts
	return rep, nil
}

// add writes one valid row; a row-level refusal of the store (an ambiguous
// 承办人, say) comes back as the row's problem.
func add(im *store.Import, row *ingest.Row) []ingest.Problem {
	var err error
	switch {
	case row.Case != nil:
		err = im.AddCase(row.Case)
	case row.Person != nil:
		if row.Court != nil {
			if err = im.AddCourt(row.Court); err != nil {
				break
			}
		}
		err = im.AddPerson(row.Person)
	case row.Fund != nil:
		err = im.AddFund(row.Fund)
	case row.Mediation != nil:
		err = im.AddMediation(row.Mediation)
	case row.Party != nil:
		err = im.AddParty(row.Party)
	}
	if err == nil {
		return nil
	}
	return []ingest.Problem{{Ref: row.Ref, Reason: court.Message(err) + detail(err)}}
}

func detail(err error) string {
	if court.KindOf(err) == court.Internal {
		return "：" + err.Error()
	}
	return ""
}

func fileSHA256(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", court.Errorf(court.Invalid, "无法打开文件 %s：%v", path, err)
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", court.Errorf(court.Invalid, "无法读取文件 %s：%v", path, err)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
