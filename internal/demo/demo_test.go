package demo

import (
	"errors"
	"reflect"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/zhixiao/zhixiao/internal/court"
)

// cityOnce holds the default-size 示例市 the invariant tests share.
var cityOnce = sync.OnceValue(func() *Dataset { return Generate(Config{Seed: 1}) })

func TestConfigDefaults(t *testing.T) {
	tests := []struct {
		name string
		cfg  Config
		want court.Period
	}{
		{"zero", Config{}, court.Period{From: court.DateOf(2024, 1, 1), To: court.DateOf(2025, 12, 31)}},
		{"one year from March", Config{Start: court.DateOf(2023, 3, 1), Years: 1},
			court.Period{From: court.DateOf(2023, 3, 1), To: court.DateOf(2024, 2, 29)}},
	}
	for _, tt := range tests {
		if got := tt.cfg.Period(); got != tt.want {
			t.Errorf("%s: Period() = %v, want %v", tt.name, got, tt.want)
		}
	}
	if got := (Config{Courts: 99}).withDefaults().Courts; got != MaxCourts {
		t.Errorf("Courts: 99 became %d, want MaxCourts %d", got, MaxCourts)
	}
}

func TestGenerateIsDeterministic(t *testing.T) {
	cfg := Config{Seed: 42, Cases: 20000}
	a, b := Generate(cfg), Generate(cfg)
	if diff := cmp.Diff(a, b); diff != "" {
		t.Fatalf("same seed, different data (-first +second):\n%.2000s", diff)
	}
	c := Generate(Config{Seed: 43, Cases: 20000})
	if reflect.DeepEqual(a.Cases, c.Cases) || reflect.DeepEqual(a.People, c.People) {
		t.Error("seeds 42 and 43 gave the same cases or people")
	}
	if len(a.Cases) != cfg.Cases {
		t.Errorf("got %d cases, want %d", len(a.Cases), cfg.Cases)
	}
}

// recorder is a Sink that keeps everything with the order it came in.
type recorder struct {
	Dataset
	order   []string
	failAt  int // fail on this case (1-based); 0: never
	failErr error
}

func (r *recorder) Court(c *court.Court) error {
	r.order = append(r.order, "court")
	r.Courts = append(r.Courts, *c)
	return nil
}
func (r *recorder) Department(d *court.Department) error {
	r.order = append(r.order, "department")
	r.Departments = append(r.Departments, *d)
	return nil
}
func (r *recorder) Person(p *court.Person) error {
	r.order = append(r.order, "person")
	r.People = append(r.People, *p)
	return nil
}
func (r *recorder) Case(c *court.Case) error {
	r.order = append(r.order, "case")
	r.Cases = append(r.Cases, *c)
	if len(r.Cases) == r.failAt {
		return r.failErr
	}
	return nil
}
func (r *recorder) Fund(f *court.FundReceipt) error {
	r.order = append(r.order, "fund")
	r.Funds = append(r.Funds, *f)
	return nil
}
func (r *recorder) Mediation(m *court.Mediation) error {
	r.order = append(r.order, "mediation")
	r.Mediations = append(r.Mediations, *m)
	return nil
}

func TestStreamGivesGenerate(t *testing.T) {
	cfg := Config{Seed: 7, Cases: 15000, Courts: 3}
	var rec recorder
	if err := Stream(cfg, &rec); err != nil {
		t.Fatal(err)
	}
	want := Generate(cfg)
	rec.Period = want.Period
	if diff := cmp.Diff(want, &rec.Dataset); diff != "" {
		t.Fatalf("Stream and Generate differ (-Generate +Stream):\n%.2000s", diff)
	}
	rank := map[string]int{"court": 0, "department": 1, "person": 2, "case": 3, "fund": 3, "mediation": 3}
	for i := 1; i < len(rec.order); i++ {
		if rank[rec.order[i]] < rank[rec.order[i-1]] {
			t.Fatalf("item %d: a %s after a %s", i, rec.order[i], rec.order[i-1])
		}
	}
}

func TestStreamStopsOnSinkError(t *testing.T) {
	boom := errors.New("磁盘已满")
	rec := &recorder{failAt: 100, failErr: boom}
	if err := Stream(Config{Seed: 1, Cases: 5000}, rec); !errors.Is(err, boom) {
		t.Fatalf("Stream returned %v, want the sink's error", err)
	}
	if len(rec.Cases) != 100 {
		t.Errorf("the sink got %d cases, want Stream to stop at 100", len(rec.Cases))
	}
}

func TestScaledCityKeepsCaseloads(t *testing.T) {
	small, big := Config{Cases: 150000}.withDefaults(), Config{Cases: 1_500_000}.withDefaults()
	if s := scaleFor(small); s != 1 {
		t.Errorf("default city scaled by %v, want 1", s)
	}
	if s := scaleFor(big); s < 8 || s > 12 {
		t.Errorf("a city of 1.5M cases scaled by %v, want about 10", s)
	}
}
