package indicator

import (
	"bytes"
	"encoding/json"
	"math"
	"sort"

	"github.com/zhixiao/zhixiao/internal/court"
)

// weightScale is the fixed point of a weight: 1.5 is 15000. A case weight
// (kind weight x role weight) is in weightScale² units, so sums are exact.
const weightScale = 10000

// WeightTable is one version of the weight tables of 加权结案数: kind weights
// by case kind and level (first matching rule wins, else Other) and role
// weights for judge units (INDICATORS.md, "Default weights").
type WeightTable struct {
	Version       int
	EffectiveFrom court.Date
	Rules         []WeightRule
	Other         float64 // kind weight of a case no rule matches
	Sole          float64 // 独任: the 承办人 alone
	InCharge      float64 // 承办人 on a panel
	Member        float64 // each other panel member
}

// WeightRule gives Weight to cases whose kind is in Kinds (any when empty)
// and whose level is in Levels (any when empty).
type WeightRule struct {
	Label  string
	Kinds  []court.Kind
	Levels []court.Level
	Weight float64
}

// kindWeight returns the kind weight of a case, in weightScale units.
func (w *WeightTable) kindWeight(k court.Kind, l court.Level) int64 {
	for _, r := range w.Rules {
		if (len(r.Kinds) == 0 || containsKind(r.Kinds, k)) && (len(r.Levels) == 0 || containsLevel(r.Levels, l)) {
			return fixed(r.Weight)
		}
	}
	return fixed(w.Other)
}

func containsKind(ks []court.Kind, k court.Kind) bool {
	for _, x := range ks {
		if x == k {
			return true
		}
	}
	return false
}

func containsLevel(ls []court.Level, l court.Level) bool {
	for _, x := range ls {
		if x == l {
			return true
		}
	}
	return false
}

func fixed(w float64) int64 { return int64(math.Round(w * weightScale)) }

// checkFixed reports whether w has at most four decimals.
func checkFixed(w float64) bool {
	return w >= 0 && w <= 1000 && math.Abs(float64(fixed(w))-w*weightScale) < 1e-6
}

// weightsFile is the format of definitions/weights.json.
type weightsFile struct {
	Title  string            `json:"title"`
	Tables []weightTableJSON `json:"tables"`
}

type weightTableJSON struct {
	Version       int    `json:"version"`
	EffectiveFrom string `json:"effective_from"`
	KindWeights   []struct {
		Label  string   `json:"label"`
		Kinds  []string `json:"kinds"`
		Levels []string `json:"levels"`
		Weight float64  `json:"weight"`
	} `json:"kind_weights"`
	OtherWeight float64 `json:"other_weight"`
	RoleWeights struct {
		Sole     float64 `json:"sole"`
		InCharge float64 `json:"in_charge"`
		Member   float64 `json:"member"`
	} `json:"role_weights"`
}

func parseWeights(b []byte) ([]*WeightTable, error) {
	var file weightsFile
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&file); err != nil {
		return nil, court.Errorf(court.Invalid, "权重文件无法解析：%v", err)
	}
	if len(file.Tables) == 0 {
		return nil, court.Errorf(court.Invalid, "权重文件没有权重表")
	}
	var out []*WeightTable
	for _, t := range file.Tables {
		wt, err := t.table()
		if err != nil {
			return nil, err
		}
		for _, o := range out {
			if o.Version == wt.Version || o.EffectiveFrom == wt.EffectiveFrom {
				return nil, court.Errorf(court.Invalid, "权重表版本 %d 重复", wt.Version)
			}
		}
		out = append(out, wt)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].EffectiveFrom < out[j].EffectiveFrom })
	return out, nil
}

// table checks one weight table and converts its names.
func (t *weightTableJSON) table() (*WeightTable, error) {
	eff, err := court.ParseISODate(t.EffectiveFrom)
	if err != nil {
		return nil, court.Errorf(court.Invalid, "权重表版本 %d 的生效日期 %q 无法识别", t.Version, t.EffectiveFrom)
	}
	wt := &WeightTable{Version: t.Version, EffectiveFrom: eff, Other: t.OtherWeight,
		Sole: t.RoleWeights.Sole, InCharge: t.RoleWeights.InCharge, Member: t.RoleWeights.Member}
	for _, r := range t.KindWeights {
		rule := WeightRule{Label: r.Label, Weight: r.Weight}
		for _, s := range r.Kinds {
			k, ok := court.ParseKind(s)
			if !ok {
				return nil, court.Errorf(court.Invalid, "权重表版本 %d：未知案件类别“%s”", t.Version, s)
			}
			rule.Kinds = append(rule.Kinds, k)
		}
		for _, s := range r.Levels {
			l, ok := court.ParseLevel(s)
			if !ok {
				return nil, court.Errorf(court.Invalid, "权重表版本 %d：未知审级“%s”", t.Version, s)
			}
			rule.Levels = append(rule.Levels, l)
		}
		wt.Rules = append(wt.Rules, rule)
	}
	for _, w := range append([]float64{wt.Other, wt.Sole, wt.InCharge, wt.Member}, ruleWeights(wt.Rules)...) {
		if !checkFixed(w) {
			return nil, court.Errorf(court.Invalid, "权重表版本 %d：权重 %v 应为 0 至 1000 之间、至多四位小数的数", t.Version, w)
		}
	}
	return wt, nil
}

func ruleWeights(rs []WeightRule) []float64 {
	out := make([]float64, len(rs))
	for i, r := range rs {
		out[i] = r.Weight
	}
	return out
}

// WeightTables returns the weight tables, oldest first.
func (ds *Definitions) WeightTables() []*WeightTable {
	return append([]*WeightTable(nil), ds.weights...)
}

// weightsAt returns the table in force on day t (the oldest when t precedes
// them all), or the table with the given version when version > 0.
func (ds *Definitions) weightsAt(t court.Date, version int) (*WeightTable, error) {
	if version > 0 {
		for _, w := range ds.weights {
			if w.Version == version {
				return w, nil
			}
		}
		return nil, court.Errorf(court.NotFound, "没有版本为 %d 的权重表", version)
	}
	w := ds.weights[0]
	for _, v := range ds.weights[1:] {
		if v.EffectiveFrom <= t {
			w = v
		}
	}
	return w, nil
}
