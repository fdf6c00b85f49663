package main

import (
	"context"
	"io"
	"log/slog"

	"github.com/zhixiao/zhixiao/internal/demo"
	"github.com/zhixiao/zhixiao/internal/store"
	"github.com/zhixiao/zhixiao/internal/web"
)

// This file is the 类案 module of the command line (issue 10: similar-case retrieval).

// judgmentsCommands are the module's subcommands.
func judgmentsCommands() map[string]command { return nil }

// judgmentsJobs runs the module's background jobs in `serve` until ctx ends.
func judgmentsJobs(ctx context.Context, db *store.DB, srv *web.Server, log *slog.Logger) {}

// seedJudgmentsDemo adds the module's demo data after `zhixiao demo` has loaded ds.
func seedJudgmentsDemo(ctx context.Context, db *store.DB, ds *demo.Dataset, out io.Writer) error {
	return nil
}
