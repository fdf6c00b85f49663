package main

import (
	"context"
	"io"
	"log/slog"

	"github.com/zhixiao/zhixiao/internal/demo"
	"github.com/zhixiao/zhixiao/internal/store"
	"github.com/zhixiao/zhixiao/internal/web"
)

// This file is the 督办 module of the command line (issue 7: case warnings, 督办单, rectification plans and 销号).

// supervisionCommands are the module's subcommands.
func supervisionCommands() map[string]command { return nil }

// supervisionJobs runs the module's background jobs in `serve` until ctx ends.
func supervisionJobs(ctx context.Context, db *store.DB, srv *web.Server, log *slog.Logger) {}

// seedSupervisionDemo adds the module's demo data after `zhixiao demo` has loaded ds.
func seedSupervisionDemo(ctx context.Context, db *store.DB, ds *demo.Dataset, out io.Writer) error {
	return nil
}
