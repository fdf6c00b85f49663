package main

import (
	"context"
	"io"
	"log/slog"

	"github.com/zhixiao/zhixiao/internal/demo"
	"github.com/zhixiao/zhixiao/internal/store"
	"github.com/zhixiao/zhixiao/internal/web"
)

// This file is the 文书脱敏 module of the command line (issue 9: de-identified copies of judgments for publication).

// deidCommands are the module's subcommands.
func deidCommands() map[string]command { return nil }

// deidJobs runs the module's background jobs in `serve` until ctx ends.
func deidJobs(ctx context.Context, db *store.DB, srv *web.Server, log *slog.Logger) {}

// seedDeidDemo adds the module's demo data after `zhixiao demo` has loaded ds.
func seedDeidDemo(ctx context.Context, db *store.DB, ds *demo.Dataset, out io.Writer) error {
	return nil
}
