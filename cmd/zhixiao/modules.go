package main

import (
	"context"
	"io"
	"log/slog"

	"github.com/zhixiao/zhixiao/internal/demo"
	"github.com/zhixiao/zhixiao/internal/store"
	"github.com/zhixiao/zhixiao/internal/web"
)

// The modules of issues 6–10 live in files mod_<module>.go; this file joins
// their subcommands, background jobs and demo data to the command.

// moduleCommands are every module's subcommands.
func moduleCommands() map[string]command {
	all := map[string]command{}
	for _, cs := range []map[string]command{assessmentCommands(), supervisionCommands(), petitionsCommands(), documentsCommands(), deidCommands(), judgmentsCommands()} {
		for name, c := range cs {
			all[name] = c
		}
	}
	return all
}

// startModuleJobs starts every module's background jobs for `serve`.
func startModuleJobs(ctx context.Context, db *store.DB, srv *web.Server, log *slog.Logger) {
	for _, job := range []func(context.Context, *store.DB, *web.Server, *slog.Logger){assessmentJobs, supervisionJobs, petitionsJobs, documentsJobs, deidJobs, judgmentsJobs} {
		go job(ctx, db, srv, log)
	}
}

// seedModuleDemo adds every module's demo data after the cases are loaded.
func seedModuleDemo(ctx context.Context, db *store.DB, ds *demo.Dataset, out io.Writer) error {
	for _, seed := range []func(context.Context, *store.DB, *demo.Dataset, io.Writer) error{seedAssessmentDemo, seedSupervisionDemo, seedPetitionsDemo, seedDocumentsDemo, seedDeidDemo, seedJudgmentsDemo} {
		if err := seed(ctx, db, ds, out); err != nil {
			return err
		}
	}
	return nil
}
