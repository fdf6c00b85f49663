package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/zhixiao/zhixiao/internal/court"
	"github.com/zhixiao/zhixiao/internal/store"
)

// day parses a YYYY-MM-DD date of a test table.
func day(t testing.TB, s string) court.Date {
	t.Helper()
	if s == "" {
		return court.NoDate
	}
	d, err := court.ParseISODate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// caseNo parses a 案号 of a test table.
func caseNo(t testing.TB, s string) court.CaseNo {
	t.Helper()
	n, err := court.ParseCaseNo(s)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// newCase is a pending case with the required fields and the defaults an
// export without the optional columns gives.
func newCase(t testing.TB, no, courtName, dept, judge, filed string) court.Case {
	t.Helper()
	n := caseNo(t, no)
	return court.Case{
		No: n, Court: courtName, Department: dept, Judge: judge, FiledOn: day(t, filed),
		LimitDays:   court.DefaultLimitDays(n.Kind, n.Level, court.TrackNone),
		ClaimAmount: court.NoMoney, ExecAmount: court.NoMoney, ExecRecovered: court.NoMoney,
	}
}

// batch is what one import adds.
type batch struct {
	courts     []court.Court
	people     []court.Person
	cases      []court.Case
	funds      []court.FundReceipt
	mediations []court.Mediation
}

// load imports b in one run and commits it; any error fails the test.
func load(t testing.TB, db *store.DB, b batch) store.Counts {
	t.Helper()
	im := begin(t, db)
	if err := add(im, b); err != nil {
		im.Rollback()
		t.Fatalf("import: %v", err)
	}
	c, err := im.Commit(0)
	if err != nil {
		t.Fatalf("commit: %v", err)
	}
	return c
}

func begin(t testing.TB, db *store.DB) *store.Import {
	t.Helper()
	im, err := db.BeginImport(context.Background(), store.ImportMeta{
		Kind: "test", FileName: t.Name() + ".csv", SHA256: "0", Actor: "测试", Started: time.Now(),
	})
	if err != nil {
		t.Fatalf("begin import: %v", err)
	}
	return im
}

func add(im *store.Import, b batch) error {
	for i := range b.courts {
		if err := im.AddCourt(&b.courts[i]); err != nil {
			return err
		}
	}
	for i := range b.people {
		if err := im.AddPerson(&b.people[i]); err != nil {
			return err
		}
	}
	for i := range b.cases {
		if err := im.AddCase(&b.cases[i]); err != nil {
			return err
		}
	}
	for i := range b.funds {
		if err := im.AddFund(&b.funds[i]); err != nil {
			return err
		}
	}
	for i := range b.mediations {
		if err := im.AddMediation(&b.mediations[i]); err != nil {
			return err
		}
	}
	return nil
}

// allCases reads every case with ScanCases.
func allCases(t testing.TB, db *store.DB) []court.Case {
	t.Helper()
	var out []court.Case
	err := db.ScanCases(context.Background(), func(c *court.Case) error {
		out = append(out, *c)
		return nil
	})
	if err != nil {
		t.Fatalf("scan cases: %v", err)
	}
	return out
}

const (
	east   = "示例市东城区人民法院"
	middle = "示例市中级人民法院"
)
