package assessment

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/zhixiao/zhixiao/internal/indicator"
)

// IndicatorPoints scores an indicator value against the peer group by the
// rule's method and says how, in Chinese. With lower_better the scale is
// turned round (a smaller 被改判发回率 is better).
//
//   - linear: max × (v − min) / (max − min) over the group; all equal → full.
//   - efficacy (功效系数法): max × (60 + 40 × (v − min)/(max − min)) / 100.
//   - average: full at or above the group mean, else max × v / mean
//     (lower better: full at or below, else max × mean / v).
//   - band: full inside [lower, upper]; for a rate (with a denominator) also
//     full while its Wilson 95% interval overlaps the band, so that a small
//     caseload is not punished; else 0.
//   - thresholds: the share of the highest step reached (lower better: the
//     lowest step not exceeded); below every step 0.
//
// A person without a value gets no_data × max.
func IndicatorPoints(r *Rule, max float64, v Value, ok bool, g *peerStats) (float64, string) {
	name := MethodName(r.Method)
	if !ok || !v.Valid || math.IsNaN(v.V) {
		return max * r.NoData, fmt.Sprintf("%s：本人无数据，按满分的 %s 计", name, pct(r.NoData))
	}
	if g == nil {
		g = statsOf([]float64{v.V})
	}
	switch r.Method {
	case MethodLinear, MethodEfficacy:
		x := normalised(v.V, g, r.LowerBetter)
		if r.Method == MethodLinear {
			return max * x, fmt.Sprintf("%s：(本人值 − 组内最差) ÷ (最好 − 最差) = %s，× 满分 %s", name, fmtValue(x), fmtNum(max))
		}
		return max * (60 + 40*x) / 100, fmt.Sprintf("%s：(60 + 40 × 标准化值 %s) ÷ 100 × 满分 %s", name, fmtValue(x), fmtNum(max))
	case MethodAverage:
		sh := 1.0
		switch {
		case !r.LowerBetter && v.V < g.mean && g.mean > 0:
			sh = math.Max(v.V, 0) / g.mean
		case r.LowerBetter && v.V > g.mean && v.V > 0:
			sh = math.Max(g.mean, 0) / v.V
		}
		return max * sh, fmt.Sprintf("%s：组内平均 %s，本人 %s，得满分的 %s", name, fmtValue(g.mean), fmtValue(v.V), pct(sh))
	case MethodBand:
		return bandPoints(r, max, v)
	case MethodThresholds:
		sh := thresholdShare(r, v.V)
		return max * sh, fmt.Sprintf("%s：本人 %s，得满分的 %s", name, fmtValue(v.V), pct(sh))
	}
	return 0, "未知方法"
}

// normalised is (v − min)/(max − min) in [0, 1], turned round when lower is
// better; 1 when the whole group has one value.
func normalised(v float64, g *peerStats, lowerBetter bool) float64 {
	if g.max == g.min {
		return 1
	}
	x := (v - g.min) / (g.max - g.min)
	if lowerBetter {
		x = 1 - x
	}
	return math.Min(1, math.Max(0, x))
}

func inBand(x float64, lo, hi *float64) bool {
	return (lo == nil || x >= *lo) && (hi == nil || x <= *hi)
}

func bandText(lo, hi *float64) string {
	l, h := "−∞", "+∞"
	if lo != nil {
		l = fmtValue(*lo)
	}
	if hi != nil {
		h = fmtValue(*hi)
	}
	return "[" + l + ", " + h + "]"
}

func bandPoints(r *Rule, max float64, v Value) (float64, string) {
	name := MethodName(r.Method)
	band := bandText(r.Lower, r.Upper)
	if inBand(v.V, r.Lower, r.Upper) {
		return max, fmt.Sprintf("%s：本人 %s 在区间 %s 内，得满分", name, fmtValue(v.V), band)
	}
	if v.Rate && v.Den > 0 && v.Num >= 0 && v.Num <= v.Den {
		lo, hi := indicator.Wilson(v.Num, v.Den)
		if (r.Upper == nil || lo <= *r.Upper) && (r.Lower == nil || hi >= *r.Lower) {
			return max, fmt.Sprintf("%s：本人 %s 在区间 %s 外，但 95%% 置信区间 [%s, %s] 与之重叠（案件少，不足以判断），得满分",
				name, fmtValue(v.V), band, fmtValue(lo), fmtValue(hi))
		}
	}
	return 0, fmt.Sprintf("%s：本人 %s 在区间 %s 外，不得分", name, fmtValue(v.V), band)
}

func thresholdShare(r *Rule, v float64) float64 {
	ts := slices.Clone(r.Thresholds)
	slices.SortFunc(ts, func(a, b Threshold) int { return cmpFloat(a.At, b.At) })
	sh := 0.0
	if r.LowerBetter {
		for i := len(ts) - 1; i >= 0; i-- {
			if v <= ts[i].At {
				sh = ts[i].Share
			}
		}
		return sh
	}
	for _, t := range ts {
		if v >= t.At {
			sh = t.Share
		}
	}
	return sh
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// EventPoints scores events (or outcomes) counted by name: the item starts
// at base × max; each type adds count × points, its total held within its
// cap; the item stays within [0, max].
func EventPoints(r *Rule, max float64, counts map[string]int) (float64, string) {
	pts := r.Base * max
	parts := []string{"起始 " + fmtNum(pts) + " 分"}
	for _, e := range r.Events {
		n := counts[e.Name]
		if n == 0 {
			continue
		}
		sum := float64(n) * e.Points
		capped := math.Copysign(math.Min(math.Abs(sum), e.Cap), sum)
		note := ""
		if capped != sum {
			note = "（封顶）"
		}
		pts += capped
		parts = append(parts, fmt.Sprintf("%s %d 次 × %s = %s%s", e.Name, n, fmtNum(e.Points), fmtNum(capped), note))
	}
	out := math.Min(max, math.Max(0, pts))
	text := strings.Join(parts, "；")
	if out != pts {
		text += "；得分限于 0–" + fmtNum(max)
	}
	return out, text
}

// RatingPoints is the mean of the ratings given, each within [0, max];
// default × max when nobody rated.
func RatingPoints(r *Rule, max float64, vs []float64) (float64, string) {
	if len(vs) == 0 {
		return r.Default * max, fmt.Sprintf("%s：本期无评价，按满分的 %s 计", r.Rating, pct(r.Default))
	}
	sum := 0.0
	for _, v := range vs {
		sum += math.Min(max, math.Max(0, v))
	}
	m := sum / float64(len(vs))
	return m, fmt.Sprintf("%s：%d 次评价的平均分 %s", r.Rating, len(vs), fmtNum(round2(m)))
}

// CheckRating reports a rating outside [0, max] of its item.
func CheckRating(it *Item, v float64) error {
	if v < 0 || v > it.Max || math.IsNaN(v) {
		return invalid("项目“%s”的评分 %s 超出范围（0–%s）", it.Name, fmtNum(v), fmtNum(it.Max))
	}
	return nil
}

func pct(x float64) string { return fmtNum(x*100) + "%" }
