package assessment

import (
	"math"
	"strings"
	"testing"
)

func approx(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

// group of four values: 0.2, 0.4, 0.6, 1.0 → min 0.2, max 1.0, mean 0.55.
var peers = statsOf([]float64{0.2, 0.4, 0.6, 1.0})

func TestIndicatorPointsHandComputed(t *testing.T) {
	tests := []struct {
		name string
		rule Rule
		max  float64
		v    Value
		want float64
		text string
	}{
		// (0.6−0.2)/(1.0−0.2) = 0.5 → 10 × 0.5 = 5
		{"linear", Rule{Method: MethodLinear}, 10, Value{V: 0.6, Valid: true}, 5, "0.5"},
		// lower better: 1 − 0.5 = 0.5 → 5; at 0.2 → 10
		{"linear lower better", Rule{Method: MethodLinear, LowerBetter: true}, 10, Value{V: 0.2, Valid: true}, 10, "1"},
		// 功效系数: (60 + 40 × 0.5)/100 × 10 = 8
		{"efficacy", Rule{Method: MethodEfficacy}, 10, Value{V: 0.6, Valid: true}, 8, "0.5"},
		// worst of the group still gets 60%: 6
		{"efficacy worst", Rule{Method: MethodEfficacy}, 10, Value{V: 0.2, Valid: true}, 6, ""},
		// average 0.55: 0.6 ≥ 0.55 → full
		{"average above", Rule{Method: MethodAverage}, 6, Value{V: 0.6, Valid: true}, 6, "0.55"},
		// 0.44 / 0.55 = 0.8 → 4.8
		{"average below", Rule{Method: MethodAverage}, 6, Value{V: 0.44, Valid: true}, 4.8, "80%"},
		// lower better, 1.1 > 0.55: 0.55/1.1 = 0.5 → 3
		{"average lower better", Rule{Method: MethodAverage, LowerBetter: true}, 6, Value{V: 1.1, Valid: true}, 3, "50%"},
		{"band inside", Rule{Method: MethodBand, Lower: ptr(0.9), Upper: ptr(1.2)}, 5, Value{V: 1.0, Valid: true}, 5, "区间"},
		// 90/100 = 0.9 below 0.95: Wilson(90,100) ≈ [0.826, 0.945] < 0.95 → 0
		{"band outside rate", Rule{Method: MethodBand, Lower: ptr(0.95)}, 6, Value{Num: 90, Den: 100, HasDen: true, Rate: true, V: 0.9, Valid: true}, 0, "不得分"},
		// 4/5 = 0.8 below 0.95 but Wilson(4,5) ≈ [0.376, 0.964] overlaps → full
		{"band small caseload", Rule{Method: MethodBand, Lower: ptr(0.95)}, 6, Value{Num: 4, Den: 5, HasDen: true, Rate: true, V: 0.8, Valid: true}, 6, "置信区间"},
		// steps 0.3→60%, 0.45→80%, 0.6→100%; 0.5 reaches 0.45 → 5 × 0.8 = 4
		{"thresholds", Rule{Method: MethodThresholds, Thresholds: []Threshold{{0.6, 1}, {0.3, 0.6}, {0.45, 0.8}}}, 5, Value{V: 0.5, Valid: true}, 4, "80%"},
		{"thresholds below all", Rule{Method: MethodThresholds, Thresholds: []Threshold{{0.3, 0.6}}}, 5, Value{V: 0.1, Valid: true}, 0, "0%"},
		// lower better: steps ≤0.05→100%, ≤0.1→50%; 0.08 → 50%
		{"thresholds lower better", Rule{Method: MethodThresholds, LowerBetter: true, Thresholds: []Threshold{{0.05, 1}, {0.1, 0.5}}}, 4, Value{V: 0.08, Valid: true}, 2, "50%"},
		{"no data", Rule{Method: MethodLinear, NoData: 0.5}, 10, Value{}, 5, "无数据"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.rule.Kind = RuleIndicator
			got, text := IndicatorPoints(&tt.rule, tt.max, tt.v, tt.v.Valid, peers)
			if !approx(got, tt.want) {
				t.Errorf("points %v, want %v (%s)", got, tt.want, text)
			}
			if !strings.Contains(text, tt.text) {
				t.Errorf("explanation %q lacks %q", text, tt.text)
			}
		})
	}
}

func TestEventPointsHandComputed(t *testing.T) {
	neg := &Rule{Kind: RuleEvents, Base: 1, Events: []EventType{{"违规会客", -3, 6}, {"文书错漏", -1, 3}}}
	tests := []struct {
		name   string
		r      *Rule
		max    float64
		counts map[string]int
		want   float64
	}{
		{"nothing", neg, 6, nil, 6},
		// 6 − 3 − 2 = 1
		{"two kinds", neg, 6, map[string]int{"违规会客": 1, "文书错漏": 2}, 1},
		// 文书错漏 5 × −1 = −5 capped at −3; 违规会客 −3: 6 − 6 = 0
		{"capped", neg, 6, map[string]int{"违规会客": 1, "文书错漏": 5}, 0},
		// 违规会客 3 × −3 = −9 capped −6, 文书错漏 −3: −3 → floor 0
		{"floor", neg, 6, map[string]int{"违规会客": 3, "文书错漏": 3}, 0},
		// bonuses from 0: 2 × 4 = 8 capped at cap 8, + 2 → 10 clipped to max 8
		{"bonus clipped", &Rule{Kind: RuleEvents, Events: []EventType{{"优秀案例", 4, 8}, {"优秀裁判文书", 2, 4}}}, 8, map[string]int{"优秀案例": 2, "优秀裁判文书": 1}, 8},
		// training from 0.5 × 4 = 2, + 1 → 3
		{"outcome", &Rule{Kind: RuleOutcome, Base: 0.5, Events: []EventType{{"参加培训", 1, 2}}}, 4, map[string]int{"参加培训": 1}, 3},
	}
	for _, tt := range tests {
		got, text := EventPoints(tt.r, tt.max, tt.counts)
		if !approx(got, tt.want) {
			t.Errorf("%s: %v, want %v (%s)", tt.name, got, tt.want, text)
		}
	}
}

func TestRatingPoints(t *testing.T) {
	r := &Rule{Kind: RuleRating, Rating: "日常评价", Default: 0.8}
	if got, _ := RatingPoints(r, 10, nil); !approx(got, 8) {
		t.Errorf("no rating: %v, want 8", got)
	}
	// (9 + 7) / 2 = 8
	if got, text := RatingPoints(r, 10, []float64{9, 7}); !approx(got, 8) || !strings.Contains(text, "2 次") {
		t.Errorf("mean: %v %q", got, text)
	}
	it := &Item{Name: "庭长日常评价", Max: 10}
	if err := CheckRating(it, 11); err == nil || !strings.Contains(err.Error(), "超出范围（0–10）") {
		t.Errorf("rating 11 of 10: %v", err)
	}
	if err := CheckRating(it, 10); err != nil {
		t.Errorf("rating 10 of 10: %v", err)
	}
}
