package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/zhixiao/zhixiao/internal/auth"
	"github.com/zhixiao/zhixiao/internal/court"
	"github.com/zhixiao/zhixiao/internal/demo"
	"github.com/zhixiao/zhixiao/internal/petitions"
	"github.com/zhixiao/zhixiao/internal/store"
	"github.com/zhixiao/zhixiao/internal/web"
)

// This file is the 群众诉求 module of the command line (issue 8: citizens'
// requests and complaints): `zhixiao petitions escalate|bulletin|holidays`,
// the escalation job of `serve`, and the demo's requests
// (mod_petitions_demo.go).

// petitionsCommands are the module's subcommands.
func petitionsCommands() map[string]command {
	return map[string]command{"petitions": {"群众诉求：超期升级（escalate）、月通报（bulletin）、节假日安排（holidays）", runPetitions}}
}

// petitionsToday is the day in China at now.
func petitionsToday(now time.Time) court.Date {
	t := now.In(time.FixedZone("CST", 8*3600))
	return court.DateOf(t.Year(), t.Month(), t.Day())
}

// petitionsMeasureDay is the day deadlines and escalation are measured from
// (petitions.Today): the clock's day, or the case data's latest day when the
// data is old (the demo).
func petitionsMeasureDay(ctx context.Context, db *store.DB, now time.Time) (court.Date, error) {
	latest, err := db.LatestDay(ctx)
	return petitions.Today(petitionsToday(now), latest), err
}

// runPetitions dispatches `zhixiao petitions SUB`.
func runPetitions(ctx context.Context, e *env) error {
	subs := map[string]func(context.Context, *env) error{"escalate": runPetitionsEscalate, "bulletin": runPetitionsBulletin, "holidays": runPetitionsHolidays}
	if len(e.args) == 0 || subs[e.args[0]] == nil {
		fmt.Fprintln(e.stderr, "用法：zhixiao petitions escalate [--today YYYY-MM-DD] | bulletin --month YYYY-MM [--court 法院] | holidays [--set YYYY-MM-DD --kind 休|班|删除 --name 名称]")
		return exitError{2}
	}
	sub := *e
	sub.args = e.args[1:]
	return subs[e.args[0]](ctx, &sub)
}

// runPetitionsEscalate raises the overdue requests now (serve does it every ten minutes).
func runPetitionsEscalate(ctx context.Context, e *env) error {
	fs, dsn := newFlags(e, "petitions escalate")
	today := fs.String("today", "", "按此日期判断超期（默认今天；数据截止日期早于今天一个月以上时为数据截止日期），YYYY-MM-DD")
	if _, err := parseInterspersed(fs, e.args); err != nil {
		return exitError{2}
	}
	db, err := store.Open(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	day, err := petitionsMeasureDay(ctx, db, time.Now())
	if err != nil {
		return err
	}
	if *today != "" {
		if day, err = court.ParseISODate(*today); err != nil {
			return err
		}
	}
	out, err := db.EscalatePetitions(ctx, day, time.Now())
	for _, x := range out {
		fmt.Fprintf(e.stdout, "%s %s\n", x.No, x.Level)
	}
	fmt.Fprintf(e.stdout, "%s：%d 件诉求超期升级\n", day, len(out))
	return err
}

// runPetitionsBulletin prints the monthly bulletin of a court.
func runPetitionsBulletin(ctx context.Context, e *env) error {
	fs, dsn := newFlags(e, "petitions bulletin")
	month := fs.String("month", "", "月份 YYYY-MM（必填）")
	courtName := fs.String("court", "", "法院名称（默认第一个法院）")
	if _, err := parseInterspersed(fs, e.args); err != nil {
		return exitError{2}
	}
	t, err := time.Parse("2006-01", *month)
	if err != nil {
		return court.Errorf(court.Invalid, "请用 --month 给出月份，如 --month 2026-11")
	}
	db, err := store.Open(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	courtID, name, err := petitionsCourt(ctx, db, *courtName)
	if err != nil {
		return err
	}
	from := court.DateOf(t.Year(), t.Month(), 1)
	per := court.Period{From: from, To: court.DateOf(t.Year(), t.Month()+1, 1) - 1}
	rows, total, err := db.PetitionBulletin(ctx, courtID, per)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%s 群众诉求月通报 %s（%s）\n", name, *month, per)
	tw := tabwriter.NewWriter(e.stdout, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "部门\t收到\t办结\t应反馈\t按期反馈\t超期未办结\t投诉查实")
	for _, r := range append(rows, total) {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%d\t%d\n", r.Dept, r.Received, r.Closed, r.FeedbackDue, r.FeedbackOnTime, r.Overdue, r.Substantiated)
	}
	return tw.Flush()
}

// petitionsCourt finds a court by name, or the first one.
func petitionsCourt(ctx context.Context, db *store.DB, name string) (int64, string, error) {
	o, err := db.Org(ctx)
	if err != nil {
		return 0, "", err
	}
	for _, c := range o.Courts {
		if name == "" || c.Name == name || c.Code == name {
			return c.ID, c.Name, nil
		}
	}
	if name == "" {
		return 0, "", court.Errorf(court.NotFound, "数据库中没有法院，请先导入数据")
	}
	return 0, "", court.Errorf(court.NotFound, "没有名为“%s”的法院", name)
}

// runPetitionsHolidays lists the holiday calendar, or sets one day of it.
func runPetitionsHolidays(ctx context.Context, e *env) error {
	fs, dsn := newFlags(e, "petitions holidays")
	set := fs.String("set", "", "要设置的日期 YYYY-MM-DD")
	kind := fs.String("kind", "休", "休（节假日）、班（调休上班）或 删除")
	name := fs.String("name", "", "名称，如 元旦")
	year := fs.Int("year", 0, "只列出该年")
	if _, err := parseInterspersed(fs, e.args); err != nil {
		return exitError{2}
	}
	db, err := store.Open(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	if *set != "" {
		d, err := court.ParseISODate(*set)
		if err != nil {
			return err
		}
		k := petitions.DayKind(*kind)
		if *kind == "删除" {
			k = ""
		}
		entry := auth.AuditEntry{At: time.Now(), Actor: actor(), IP: "本机"}
		if err := db.SaveCalendarDay(ctx, petitions.CalendarDay{Day: d, Kind: k, Name: *name}, entry); err != nil {
			return err
		}
	}
	days, err := db.HolidayCalendar(ctx)
	if err != nil {
		return err
	}
	for _, d := range days {
		if *year == 0 || d.Day.Time().Year() == *year {
			fmt.Fprintf(e.stdout, "%s %s %s\n", d.Day, d.Kind, d.Name)
		}
	}
	return nil
}

// petitionsEscalate raises the requests overdue on the measuring day at now.
func petitionsEscalate(ctx context.Context, db *store.DB, now time.Time) ([]store.PetitionEscalated, error) {
	day, err := petitionsMeasureDay(ctx, db, now)
	if err != nil {
		return nil, err
	}
	return db.EscalatePetitions(ctx, day, now)
}

// petitionsJobs raises the overdue requests at start and every ten minutes
// while `serve` runs.
func petitionsJobs(ctx context.Context, db *store.DB, srv *web.Server, log *slog.Logger) {
	tick := time.NewTicker(10 * time.Minute)
	defer tick.Stop()
	for {
		if out, err := petitionsEscalate(ctx, db, time.Now()); err != nil {
			if ctx.Err() != nil {
				return
			}
			log.Error("petitions: escalate", "err", err)
		} else if len(out) > 0 {
			nos := make([]string, len(out))
			for i, x := range out {
				nos[i] = x.No + " " + x.Level.String()
			}
			log.Info("petitions: escalated", "n", len(out), "requests", strings.Join(nos, "；"))
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}

// seedPetitionsDemo adds the module's demo data after `zhixiao demo` has loaded ds.
func seedPetitionsDemo(ctx context.Context, db *store.DB, ds *demo.Dataset, out io.Writer) error {
	return seedPetitionsAt(ctx, db, time.Now(), out)
}
