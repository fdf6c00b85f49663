package main

import (
	"context"
	"io"
	"log/slog"

	"github.com/zhixiao/zhixiao/internal/demo"
	"github.com/zhixiao/zhixiao/internal/store"
	"github.com/zhixiao/zhixiao/internal/web"
)

// This file is the 文书 module of the command line (issue 9: the monthly bulletin and document drafts).

// documentsCommands are the module's subcommands.
func documentsCommands() map[string]command { return nil }

// documentsJobs runs the module's background jobs in `serve` until ctx ends.
func documentsJobs(ctx context.Context, db *store.DB, srv *web.Server, log *slog.Logger) {}

// seedDocumentsDemo adds the module's demo data after `zhixiao demo` has loaded ds.
func seedDocumentsDemo(ctx context.Context, db *store.DB, ds *demo.Dataset, out io.Writer) error {
	return nil
}
