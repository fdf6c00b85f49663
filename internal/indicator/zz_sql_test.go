package indicator

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/zhixiao/zhixiao/internal/court"
	"github.com/zhixiao/zhixiao/internal/demo"
	"github.com/zhixiao/zhixiao/internal/importer"
	"github.com/zhixiao/zhixiao/internal/store"
)

func TestZZSQL(t *testing.T) {
	if os.Getenv("ZZSQL") == "" {
		t.Skip()
	}
	ctx := context.Background()
	ds := demo.Generate(demo.Config{Seed: 11, Cases: 60000})
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "z.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := importer.Load(ctx, db, importer.Dataset{Courts: ds.Courts, People: ds.People, Cases: ds.Cases, Funds: ds.Funds, Mediations: ds.Mediations}, "demo", "t"); err != nil {
		t.Fatal(err)
	}
	e, err := New(ctx, db, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range diffQueries() {
		rs, err := e.Evaluate(q)
		if err != nil {
			t.Fatal(err)
		}
		var f store.SQLFilter
		if len(q.Kinds) == 1 {
			f.Kind = q.Kinds[0].String()
		}
		if len(q.Levels) == 1 {
			f.Level = q.Levels[0].String()
		}
		if len(q.Kinds) > 1 || len(q.Levels) > 1 {
			continue
		}
		q.Filter = Filter{}
		if f.Kind != "" {
			k, _ := court.ParseKind(f.Kind)
			q.Kinds = []court.Kind{k}
		}
		if f.Level != "" {
			l, _ := court.ParseLevel(f.Level)
			q.Levels = []court.Level{l}
		}
		rs, _ = e.Evaluate(q)
		sq, err := db.IndicatorsSQL(ctx, q.Period, store.SQLGrouping(q.By.String()), f)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%v %v %v: %d sql, %d engine", q.Period, q.By, f, len(sq), len(rs))
		mine := map[string]Result{}
		for _, r := range rs {
			mine[r.Unit+"|"+r.Indicator] = r
		}
		bad := 0
		for _, s := range sq {
			r, ok := mine[s.Unit+"|"+s.Indicator]
			if !ok {
				t.Errorf("%v %v: SQL unit %s %s missing in engine", q.Period, q.By, s.Unit, s.Indicator)
				continue
			}
			eq := func(a Number, b *float64) bool {
				if b == nil {
					return !a.Valid
				}
				return a.Valid && math.Abs(a.V-*b) <= 1e-6*math.Max(1, math.Abs(*b))
			}
			if !eq(r.Numerator, s.Numerator) || !eq(r.Denominator, s.Denominator) || !eq(r.Value, s.Value) {
				if bad++; bad < 15 {
					t.Errorf("%v %v %v %s %s: engine %v/%v=%v sql %v/%v=%v", q.Period, q.By, f, s.Unit, s.Indicator, show(r.Numerator), show(r.Denominator), show(r.Value), p(s.Numerator), p(s.Denominator), p(s.Value))
				}
			}
		}
	}
}

func p(x *float64) any {
	if x == nil {
		return "null"
	}
	return *x
}
