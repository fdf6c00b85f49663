package main

import (
	"context"
	"io"
	"log/slog"

	"github.com/zhixiao/zhixiao/internal/demo"
	"github.com/zhixiao/zhixiao/internal/store"
	"github.com/zhixiao/zhixiao/internal/web"
)

// This file is the 绩效考核 module of the command line (issue 6: schemes, monthly scores, warnings, objections).

// assessmentCommands are the module's subcommands.
func assessmentCommands() map[string]command { return nil }

// assessmentJobs runs the module's background jobs in `serve` until ctx ends.
func assessmentJobs(ctx context.Context, db *store.DB, srv *web.Server, log *slog.Logger) {}

// seedAssessmentDemo adds the module's demo data after `zhixiao demo` has loaded ds.
func seedAssessmentDemo(ctx context.Context, db *store.DB, ds *demo.Dataset, out io.Writer) error {
	return nil
}
