package indicator

import (
	"math"
	"testing"

	"github.com/zhixiao/zhixiao/internal/court"
)

func TestWilson(t *testing.T) {
	for _, tt := range []struct {
		k, n, lo, hi float64
	}{
		{1, 3, 0.0615, 0.7923},    // the classic small sample
		{0, 10, 0, 0.2775},        // no successes: the lower end is 0
		{10, 10, 0.7225, 1},       // all successes: the upper end is 1
		{50, 100, 0.4038, 0.5962}, // a half
		{1, 10, 0.0179, 0.4042},
	} {
		lo, hi := Wilson(tt.k, tt.n)
		if math.Abs(lo-tt.lo) > 1e-4 || math.Abs(hi-tt.hi) > 1e-4 {
			t.Errorf("Wilson(%v, %v) = [%.4f, %.4f], want [%.4f, %.4f]", tt.k, tt.n, lo, hi, tt.lo, tt.hi)
		}
	}
}

func TestJudge(t *testing.T) {
	defs, err := DefaultDefinitions()
	if err != nil {
		t.Fatal(err)
	}
	def := func(id string) *Definition {
		d, err := defs.Select(id, day("2025-06-30"), 0)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	upper3 := Band{Indicator: "reversal_rate", Lower: math.Inf(-1), Upper: 0.03}
	ratio := func(id string, num, den float64) Result {
		r := Result{Indicator: id, Definition: def(id), Numerator: Num(num), Denominator: Num(den)}
		if den != 0 {
			r.Value = Num(num / den)
		}
		return r
	}
	for _, tt := range []struct {
		name string
		r    Result
		b    Band
		want Status
	}{
		{"0 of 5 inside", ratio("reversal_rate", 0, 5), upper3, StatusMet},
		// 1 of 3 = 33%: Wilson [6.2%, 79%] lies wholly above 3%.
		{"1 of 3 clearly out", ratio("reversal_rate", 1, 3), upper3, StatusNotMet},
		// 1 of 10 = 10%: Wilson [1.8%, 40%] still reaches below 3%.
		{"1 of 10 uncertain", ratio("reversal_rate", 1, 10), upper3, StatusUncertain},
		// 10 of 100 = 10%: Wilson [5.5%, 17.4%] is above 3%.
		{"10 of 100 out", ratio("reversal_rate", 10, 100), upper3, StatusNotMet},
		{"no value", ratio("reversal_rate", 0, 0), upper3, StatusNone},
		{"on the bound", ratio("reversal_rate", 3, 100), upper3, StatusMet},
		// Not a proportion of counted rows: compared directly.
		{"days over", Result{Indicator: "avg_days", Definition: def("avg_days"), Numerator: Num(1000), Denominator: Num(10), Value: Num(100)},
			Band{Lower: math.Inf(-1), Upper: 90}, StatusNotMet},
		{"ratio of ratios", ratio("appeal_modify_remand_ratio", 1, 2), Band{Lower: 1, Upper: math.Inf(1)}, StatusNotMet},
		{"money rate", ratio("exec_recovery_rate", 100, 1000), Band{Lower: 0.4, Upper: math.Inf(1)}, StatusNotMet},
		// A two-sided band: 2 of 3 = 67% over 45%; Wilson [21%, 94%] overlaps [15%, 45%].
		{"band above, uncertain", ratio("mediation_rate", 2, 3), Band{Lower: 0.15, Upper: 0.45}, StatusUncertain},
		// 结收比 may exceed 100%: not a proportion, compared directly.
		{"clearance over", ratio("clearance", 12, 10), Band{Lower: 0.95, Upper: 1.10}, StatusNotMet},
	} {
		if got := Judge(tt.r, tt.b); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestBands(t *testing.T) {
	bs, err := IllustrativeBands()
	if err != nil {
		t.Fatal(err)
	}
	if !bs.Illustrative || bs.Label != "示意" {
		t.Errorf("the demo band set must be labelled illustrative: %q %v", bs.Label, bs.Illustrative)
	}
	// Lookup prefers the exact court level and kind, then falls back.
	b, ok := bs.Lookup("avg_days", court.CourtBasic, court.KindCriminal)
	if !ok || b.Upper != 45 {
		t.Errorf("avg_days 基层 刑事: %+v %v, want upper 45", b, ok)
	}
	b, _ = bs.Lookup("avg_days", court.CourtBasic, court.KindCivil)
	if b.Upper != 90 {
		t.Errorf("avg_days 基层 民事: %+v, want the general band", b)
	}
	b, _ = bs.Lookup("closure_rate", court.CourtIntermediate, court.KindNone)
	if b.Lower != 0.65 {
		t.Errorf("closure_rate 中院: %+v, want lower 0.65", b)
	}
	if _, ok := bs.Lookup("filed", court.CourtBasic, court.KindNone); ok {
		t.Error("counts have no band")
	}
	for _, bad := range []string{
		`{"bands": [{"indicator": "x"}]}`,
		`{"bands": [{"indicator": "x", "lower": 2, "upper": 1}]}`,
		`{"bands": [{"indicator": "x", "lower": 0.1, "court_level": "区院"}]}`,
	} {
		if _, err := ParseBands([]byte(bad)); court.KindOf(err) != court.Invalid {
			t.Errorf("%s: err %v", bad, err)
		}
	}
}

func TestAssess(t *testing.T) {
	src := &memSource{cases: []court.Case{
		cs("（2025）京0101民初1号", "2025-01-01", "2025-02-01"),
		cs("（2025）京0101民初2号", "2025-01-01", "2025-02-01"),
		cs("（2025）京0101民初3号", "2025-01-01", "2025-02-01"),
		cs("（2025）京01民终1号", "2025-03-01", "2025-05-01", at(midCourt), origin("（2025）京0101民初1号"), by(court.CloseModify)),
	}}
	e := engineFor(t, src)
	bs, _ := IllustrativeBands()
	rs, err := e.Evaluate(Query{Period: P, By: ByCourt, Indicators: []string{"reversal_rate", "filed"}})
	if err != nil {
		t.Fatal(err)
	}
	as := e.Assess(rs, Filter{}, bs)
	got := map[string]Status{}
	for _, a := range as {
		got[a.Unit+" "+a.Indicator] = a.Status
	}
	// 东城: 1 of 3 reversed = 33%, Wilson [6.2%, 79%] above the 3% band: 未达标.
	// The 中院 has no 一审 case: no value; counts have no band.
	want := map[string]Status{basicCourt + " reversal_rate": StatusNotMet, midCourt + " reversal_rate": StatusNone,
		basicCourt + " filed": StatusNone, midCourt + " filed": StatusNone}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s: %q, want %q", k, got[k], w)
		}
	}
}

// TestNilBandSet checks that no bands (web.Deps.Bands nil) judge nothing
// rather than crash.
func TestNilBandSet(t *testing.T) {
	var bs *BandSet
	if b, ok := bs.Lookup("审限内结案率", 0, 0); ok || b.Indicator != "" {
		t.Errorf("nil set found band %+v", b)
	}
}
