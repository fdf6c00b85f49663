package main

import (
	"context"
	"io"
	"log/slog"

	"github.com/zhixiao/zhixiao/internal/demo"
	"github.com/zhixiao/zhixiao/internal/store"
	"github.com/zhixiao/zhixiao/internal/web"
)

// This file is the 群众诉求 module of the command line (issue 8: citizens' requests and complaints).

// petitionsCommands are the module's subcommands.
func petitionsCommands() map[string]command { return nil }

// petitionsJobs runs the module's background jobs in `serve` until ctx ends.
func petitionsJobs(ctx context.Context, db *store.DB, srv *web.Server, log *slog.Logger) {}

// seedPetitionsDemo adds the module's demo data after `zhixiao demo` has loaded ds.
func seedPetitionsDemo(ctx context.Context, db *store.DB, ds *demo.Dataset, out io.Writer) error {
	return nil
}
