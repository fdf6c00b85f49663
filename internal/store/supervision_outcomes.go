package store

import (
	"context"
	"fmt"

	"github.com/zhixiao/zhixiao/internal/court"
	"github.com/zhixiao/zhixiao/internal/supervision"
)

// SupervisionOutcomes returns what the 督办 module reports to the assessment
// (绩效考核) about a court's people between two days:
//   - 督办超期 (court.OutcomeSupervisionOverdue): for each 督办单 that passed
//     its due date unclosed, the 承办人 of its case, on the day after the due
//     date (the first day it was overdue);
//   - 销号被退回 (court.OutcomeClosingRejected): for each rejected closing of a
//     rectification measure, the person of the account that asked for the
//     closing (the responsible department's member who submitted the
//     evidence), on the day of the rejection; accounts without a person are
//     left out.
func (db *DB) SupervisionOutcomes(ctx context.Context, courtID int64, from, to court.Date) (os []court.Outcome, err error) {
	defer wrap(&err, "读取督办考核事项")
	rows, err := db.db.QueryContext(ctx, db.rebind(`SELECT id, case_no, judge_id, `+db.dateCol("due_on")+`, `+db.dateCol("closed_on")+`
FROM sv_items WHERE court_id = ? AND due_on BETWEEN ? AND ? ORDER BY due_on, id`), courtID, db.dateArg(from-1), db.dateArg(to-1))
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var id, judge int64
		var no string
		var due, closed court.Date
		if err := rows.Scan(&id, &no, &judge, dateScan{&due}, dateScan{&closed}); err != nil {
			rows.Close()
			return nil, err
		}
		if closed.IsZero() || closed > due {
			os = append(os, court.Outcome{Person: judge, Kind: court.OutcomeSupervisionOverdue, Day: due + 1, Ref: fmt.Sprintf("督办单%d（%s）", id, no)})
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows, err = db.db.QueryContext(ctx, db.rebind(`SELECT r.measure_id, m.title, `+db.dateCol("r.day")+`,
    (SELECT q.person_id FROM sv_reports q WHERE q.measure_id = r.measure_id AND q.kind = ? AND q.id < r.id ORDER BY q.id DESC LIMIT 1)
FROM sv_reports r JOIN sv_measures m ON m.id = r.measure_id JOIN sv_plans p ON p.id = m.plan_id
WHERE p.court_id = ? AND r.kind = ? AND r.day BETWEEN ? AND ? ORDER BY r.day, r.id`),
		string(supervision.ReportRequest), courtID, string(supervision.ReportRejected), db.dateArg(from), db.dateArg(to))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var mid int64
		var title string
		var day court.Date
		var person *int64
		if err := rows.Scan(&mid, &title, dateScan{&day}, &person); err != nil {
			return nil, err
		}
		if person != nil && *person != 0 {
			os = append(os, court.Outcome{Person: *person, Kind: court.OutcomeClosingRejected, Day: day, Ref: fmt.Sprintf("整改措施%d（%s）", mid, title)})
		}
	}
	return os, rows.Err()
}

// SupervisionSummary is the state of a court's supervision on day, for the
// monthly bulletin: the warnings of the last run of the warning job (the
// job runs nightly, so they are today's, not day's, when day is past); the
// 督办单 open on day and of them overdue, and those closed from the first of
// day's month to day; the measures of the court's plans, those closed (销号)
// by day, and those past their deadline unclosed on day.
func (db *DB) SupervisionSummary(ctx context.Context, courtID int64, day court.Date) (s court.SupervisionSummary, err error) {
	defer wrap(&err, "汇总督办情况")
	rows, err := db.db.QueryContext(ctx, db.rebind("SELECT colour, COUNT(*) FROM sv_warnings WHERE court_id = ? GROUP BY colour"), courtID)
	if err != nil {
		return s, err
	}
	for rows.Next() {
		var colour string
		var n int
		if err := rows.Scan(&colour, &n); err != nil {
			rows.Close()
			return s, err
		}
		switch colour {
		case "blue":
			s.Blue = n
		case "yellow":
			s.Yellow = n
		case "red":
			s.Red = n
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return s, err
	}
	t := day.Time()
	first := court.DateOf(t.Year(), t.Month(), 1)
	d := db.dateArg(day)
	err = db.db.QueryRowContext(ctx, db.rebind(`SELECT
    COALESCE(SUM(CASE WHEN opened_on <= ? AND (closed_on IS NULL OR closed_on > ?) THEN 1 ELSE 0 END), 0),
    COALESCE(SUM(CASE WHEN opened_on <= ? AND (closed_on IS NULL OR closed_on > ?) AND due_on < ? THEN 1 ELSE 0 END), 0),
    COALESCE(SUM(CASE WHEN closed_on BETWEEN ? AND ? THEN 1 ELSE 0 END), 0)
FROM sv_items WHERE court_id = ?`), d, d, d, d, d, db.dateArg(first), d, courtID).Scan(&s.ItemsOpen, &s.ItemsOverdue, &s.ItemsClosed)
	if err != nil {
		return s, err
	}
	err = db.db.QueryRowContext(ctx, db.rebind(`SELECT COUNT(*),
    COALESCE(SUM(CASE WHEN m.closed_on <= ? THEN 1 ELSE 0 END), 0),
    COALESCE(SUM(CASE WHEN (m.closed_on IS NULL OR m.closed_on > ?) AND m.due_on < ? THEN 1 ELSE 0 END), 0)
FROM sv_measures m JOIN sv_plans p ON p.id = m.plan_id WHERE p.court_id = ? AND m.status <> ?`), d, d, d, courtID, string(supervision.MeasureWithdrawn)).Scan(&s.Measures, &s.MeasuresClosed, &s.MeasuresLate)
	return s, err
}
