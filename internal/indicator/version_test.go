package indicator

import (
	"context"
	"os"
	"testing"

	"github.com/zhixiao/zhixiao/internal/court"
)

func versionedDefinitions(t *testing.T) *Definitions {
	t.Helper()
	ind, err := os.ReadFile("testdata/versioned-indicators.json")
	if err != nil {
		t.Fatal(err)
	}
	w, err := os.ReadFile("testdata/versioned-weights.json")
	if err != nil {
		t.Fatal(err)
	}
	ds, err := ParseDefinitions(ind, w)
	if err != nil {
		t.Fatal(err)
	}
	return ds
}

// versionSet has, in 2024 and in 2025, one case within its limit only
// after the suspended days are deducted.
func versionSet() *memSource {
	return &memSource{courts: testCourts(), cases: []court.Case{
		cs("（2024）京0101民初1号", "2024-01-10", "2024-05-09", limit(90, 0, 30)), // 120 (2024 is a leap year) - 30 = 90: within under v1 only
		cs("（2024）京0101民初2号", "2024-01-10", "2024-03-10", limit(90, 0, 0)),  // 60: within under both
		cs("（2025）京0101民初3号", "2025-01-10", "2025-05-10", limit(90, 0, 30)), // 120 - 30 = 90: within under v1 only
		cs("（2025）京0101民初4号", "2025-01-10", "2025-03-10", limit(90, 0, 0), panel("李四")),
	}}
}

func TestVersions(t *testing.T) {
	src := versionSet()
	e, err := New(context.Background(), src, versionedDefinitions(t))
	if err != nil {
		t.Fatal(err)
	}
	y2024, y2025 := period("2024-01-01", "2024-12-31"), period("2025-01-01", "2025-12-31")
	tests := []struct {
		name     string
		q        Query
		id       string
		num, den float64
		version  int
	}{
		// 2024: version 1 is in force; both cases are within their limit.
		{"2024 in force", Query{Period: y2024}, "within_limit_rate", 2, 2, 1},
		// 2025: version 2 no longer deducts: 民初3 (120 > 90) is late.
		{"2025 in force", Query{Period: y2025}, "within_limit_rate", 1, 2, 2},
		// Asking for version 1 reproduces the old 口径 on 2025's cases.
		{"2025 old version", Query{Period: y2025, Versions: map[string]int{"within_limit_rate": 1}}, "within_limit_rate", 2, 2, 1},
		// A period ending on the day version 2 takes effect uses it: 民初1 is late, 民初2 within.
		{"effective day", Query{Period: period("2024-01-01", "2025-01-01")}, "within_limit_rate", 1, 2, 2},
		// Weights: 2024 一审 1.5 each = 3; 2025 一审 2 each: 2 + 2 × 0.5 (张三 on a panel) for 张三.
		{"weights 2024", Query{Period: y2024}, "weighted_closed", 3, 0, 1},
		{"weights 2025", Query{Period: y2025}, "weighted_closed", 4, 0, 1},
		{"weights 2025 judge", Query{Period: y2025, Unit: basicCourt + "/民一庭/张三"}, "weighted_closed", 3, 0, 1},
		{"weights 2025 member", Query{Period: y2025, Unit: basicCourt + "/民一庭/李四"}, "weighted_closed", 0.5, 0, 1},
		{"weights 2025 old table", Query{Period: y2025, WeightsVersion: 1}, "weighted_closed", 3, 0, 1},
	}
	for _, tt := range tests {
		r := one(t, e, tt.q, tt.id)
		if r.Numerator.V != tt.num || (tt.den != 0 && r.Denominator.V != tt.den) || r.Definition.Version != tt.version {
			t.Errorf("%s: got %v/%v version %d, want %v/%v version %d", tt.name, show(r.Numerator), show(r.Denominator),
				r.Definition.Version, tt.num, tt.den, tt.version)
		}
	}
	// The default definitions give the 2024 figures of version 1 too: old figures stay reproducible.
	d := engineFor(t, versionSet())
	if r := one(t, d, Query{Period: y2024}, "within_limit_rate"); r.Numerator.V != 2 || r.Denominator.V != 2 {
		t.Errorf("default definitions in 2024: %v/%v", show(r.Numerator), show(r.Denominator))
	}
	if _, err := e.Evaluate(Query{Period: y2025, Versions: map[string]int{"within_limit_rate": 3}}); court.KindOf(err) != court.NotFound {
		t.Errorf("unknown version: err %v", err)
	}
}

func TestSelectVersion(t *testing.T) {
	ds := versionedDefinitions(t)
	for _, tt := range []struct {
		day  string
		want int
	}{{"1999-12-31", 1}, {"2000-01-01", 1}, {"2024-12-31", 1}, {"2025-01-01", 2}, {"2030-06-30", 2}} {
		d, err := ds.Select("within_limit_rate", day(tt.day), 0)
		if err != nil || d.Version != tt.want {
			t.Errorf("%s: version %v (%v), want %d", tt.day, d.Version, err, tt.want)
		}
	}
	if got := len(ds.Versions("within_limit_rate")); got != 2 {
		t.Errorf("%d versions, want 2", got)
	}
}

func TestDefaultDefinitionsCoverINDICATORS(t *testing.T) {
	ds, err := DefaultDefinitions()
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"filed", "pending_start", "closed", "pending_end", "clearance", "closure_rate", "within_limit_rate",
		"avg_days", "median_days", "over_12m_ratio", "disposition_time", "appeal_rate", "acceptance_rate", "reversal_rate",
		"appeal_modify_remand_ratio", "retrial_modify_remand_ratio", "appeal_hearing_rate", "mediation_withdrawal_rate",
		"mediation_rate", "case_to_matter_ratio", "enforcement_request_rate", "exec_recovery_rate", "exec_completion_rate",
		"exec_termination_rate", "funds_timely_rate", "efile_sync_rate", "efile_read_rate", "prelit_mediation_rate",
		"weighted_closed", "closed_per_judge", "age_0_90", "age_91_180", "age_181_365", "age_366_730", "age_731_1095",
		"age_over_1095"}
	got := ds.IDs()
	if len(got) != len(want) {
		t.Fatalf("%d indicators, want %d: %v", len(got), len(want), got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("indicator %d is %s, want %s", i, got[i], want[i])
		}
	}
	for _, d := range ds.InForce(day("2025-06-30")) {
		if d.Name == "" || d.Text == "" || d.Unit == "" {
			t.Errorf("%s lacks a name, definition or unit", d.ID)
		}
	}
}

func TestBadDefinitions(t *testing.T) {
	w, _ := embedded.ReadFile("definitions/weights.json")
	wrap := func(formula string) []byte {
		return []byte(`{"indicators": [{"id": "x", "version": 1, "effective_from": "2020-01-01", "name": "某指标",
			"category": "效率", "unit": "%", "direction": "higher", "definition": "…", "formula": ` + formula + `}]}`)
	}
	for _, f := range []string{
		`{"agg": "ratio", "numerator": [{"set": "closed"}]}`,                                             // no denominator
		`{"agg": "count", "numerator": [{"set": "decided"}]}`,                                            // unknown set
		`{"agg": "count", "numerator": [{"set": "closed", "where": ["level = 三审"]}]}`,                    // unknown value
		`{"agg": "count", "numerator": [{"set": "closed", "where": ["colour = 红"]}]}`,                    // unknown column
		`{"agg": "count", "numerator": [{"set": "closed", "where": ["T1 - filed_on - closed_on > 3"]}]}`, // two columns with T1
		`{"agg": "count", "numerator": [{"set": "closed", "where": ["filed_on >"]}]}`,                    // incomplete
		`{"agg": "average", "numerator": [{"set": "closed"}]}`,                                           // unknown aggregation
		`{"agg": "median", "numerator": [{"set": "closed"}]}`,                                            // median without value
	} {
		if _, err := ParseDefinitions(wrap(f), w); court.KindOf(err) != court.Invalid {
			t.Errorf("%s: err %v, want an Invalid error", f, err)
		}
	}
	if _, err := ParseDefinitions(wrap(`{"agg": "count", "numerator": [{"set": "closed", "where": ["kind in 民事 行政", {"any": ["hearings >= 1", "efile_on present"]}]}]}`), w); err != nil {
		t.Errorf("a good formula: %v", err)
	}
}
