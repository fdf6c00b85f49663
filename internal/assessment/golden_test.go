package assessment_test

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/zhixiao/zhixiao/internal/assessment"
	"github.com/zhixiao/zhixiao/internal/court"
	"github.com/zhixiao/zhixiao/internal/demo"
	"github.com/zhixiao/zhixiao/internal/indicator"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// demoSource is a demo data set as the indicator engine's source.
type demoSource struct{ ds *demo.Dataset }

func (s demoSource) Courts(context.Context) ([]court.Court, error)  { return s.ds.Courts, nil }
func (s demoSource) People(context.Context) ([]court.Person, error) { return s.ds.People, nil }
func (s demoSource) FundReceipts(context.Context) ([]court.FundReceipt, error) {
	return s.ds.Funds, nil
}
func (s demoSource) Mediations(context.Context) ([]court.Mediation, error) {
	return s.ds.Mediations, nil
}
func (s demoSource) ScanCases(ctx context.Context, fn func(*court.Case) error) error {
	for i := range s.ds.Cases {
		if err := fn(&s.ds.Cases[i]); err != nil {
			return err
		}
	}
	return nil
}

// TestGoldenDemoMonth computes November 2025 of the default 员额法官,
// 院庭长 and 法官助理 schemes of 示例市中级人民法院 on the demo data (seed 1, 30,000
// cases) with a few entries and outcomes, and compares the score tables
// with testdata/*.golden (go test -run Golden -update rewrites them).
func TestGoldenDemoMonth(t *testing.T) {
	ds := demo.Generate(demo.Config{Seed: 1, Cases: 30_000})
	eng, err := indicator.New(context.Background(), demoSource{ds}, nil)
	if err != nil {
		t.Fatal(err)
	}
	const mid = "示例市中级人民法院"
	var people []assessment.Person
	for i, p := range ds.People {
		if p.Court != mid || !p.Active {
			continue
		}
		people = append(people, assessment.Person{ID: int64(i + 1), Name: p.Name, Court: 1, DeptName: p.Department,
			Category: assessment.CategoryOf(p.Category, p.Title), Title: p.Title, Unit: assessment.JudgeUnit(p.Court, p.Department, p.Name),
			DeptUnit: p.Court + "/" + p.Department})
	}
	month := "2025-11"
	per, _ := assessment.MonthPeriod(month)
	for _, s := range assessment.DefaultSchemes(1)[:3] {
		members := assessment.Members(people, s)
		var entries []assessment.Entry
		var outs []court.Outcome
		for k, m := range members {
			switch k % 5 {
			case 1:
				entries = append(entries, assessment.Entry{Person: m.ID, Item: "D1", Event: "文书错漏", Day: per.From + 3})
			case 2:
				entries = append(entries, assessment.Entry{Person: m.ID, Item: "C1", Value: 8.5, Day: per.From + 5, By: "庭长"})
			case 3:
				outs = append(outs, court.Outcome{Person: m.ID, Kind: court.OutcomeSupervisionOverdue, Day: per.From + 9, Ref: "督办2025-11"})
			}
		}
		src := assessment.Sources{Indicators: &assessment.CachedSource{Engine: eng}, Outcomes: []assessment.OutcomeSource{fakeOutcomes(outs)}}
		in, err := src.Gather(context.Background(), s, per, members, entries)
		if err != nil {
			t.Fatal(err)
		}
		tb, err := assessment.Compute(in)
		if err != nil {
			t.Fatal(err)
		}
		if len(tb.Scores) < 5 {
			t.Fatalf("%s: only %d people", s.Code, len(tb.Scores))
		}
		golden(t, filepath.Join("testdata", s.Code+"_"+month+".golden"), scoreText(tb))
	}
}

type fakeOutcomes []court.Outcome

func (f fakeOutcomes) Outcomes(ctx context.Context, courtID int64, from, to court.Date) ([]court.Outcome, error) {
	return f, nil
}

// scoreText is a table as text: one line a person with rank (or 本月无办案),
// group points and total, then the items of the first person.
func scoreText(t *assessment.Table) string {
	var b strings.Builder
	for _, s := range t.Scores {
		rank := fmt.Sprint(s.Rank)
		if s.NoCases {
			rank = "本月无办案"
		}
		fmt.Fprintf(&b, "%s\t%s\t%s", rank, s.Person.Name, s.Person.DeptName)
		for _, g := range s.Groups {
			fmt.Fprintf(&b, "\t%s %.2f", g.Name, g.Points)
		}
		fmt.Fprintf(&b, "\t总分 %.2f\n", s.Total)
	}
	b.WriteString("\n")
	for _, g := range t.Scores[0].Groups {
		for _, it := range g.Items {
			fmt.Fprintf(&b, "%s %s %.2f/%g：%s\n", it.ID, it.Name, it.Points, it.Max, it.Rule)
		}
	}
	return b.String()
}

func golden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if d := cmp.Diff(string(want), got); d != "" {
		t.Errorf("%s (-want +got):\n%s", path, d)
	}
}
