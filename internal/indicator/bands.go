package indicator

import (
	"bytes"
	"encoding/json"
	"math"

	"github.com/zhixiao/zhixiao/internal/court"
)

// Band is the reference band (合理区间) of an indicator for a court level and
// a case kind; CourtLevelNone and KindNone mean any. Lower or Upper may be
// infinite (no bound on that side). Rates are fractions (0.95 = 95%).
type Band struct {
	Indicator  string
	CourtLevel court.CourtLevel
	Kind       court.Kind
	Lower      float64
	Upper      float64
}

// BandSet is a set of bands, as data. Illustrative sets (示意) are for the
// demo only: the SPC's bands are internal and differ by province.
type BandSet struct {
	Label        string // e.g. 示意
	Illustrative bool
	Note         string
	Bands        []Band
}

// IllustrativeBands returns the embedded illustrative band set of the demo.
func IllustrativeBands() (*BandSet, error) {
	b, err := embedded.ReadFile("definitions/bands-illustrative.json")
	if err != nil {
		return nil, err
	}
	return ParseBands(b)
}

// ParseBands reads a band set in the format of definitions/bands-illustrative.json.
func ParseBands(b []byte) (*BandSet, error) {
	var file struct {
		Label        string `json:"label"`
		Illustrative bool   `json:"illustrative"`
		Note         string `json:"note"`
		Bands        []struct {
			Indicator  string   `json:"indicator"`
			CourtLevel string   `json:"court_level"`
			Kind       string   `json:"kind"`
			Lower      *float64 `json:"lower"`
			Upper      *float64 `json:"upper"`
		} `json:"bands"`
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&file); err != nil {
		return nil, court.Errorf(court.Invalid, "区间文件无法解析：%v", err)
	}
	bs := &BandSet{Label: file.Label, Illustrative: file.Illustrative, Note: file.Note}
	for i, x := range file.Bands {
		band := Band{Indicator: x.Indicator, Lower: math.Inf(-1), Upper: math.Inf(1)}
		if x.CourtLevel != "" {
			l, ok := court.ParseCourtLevel(x.CourtLevel)
			if !ok {
				return nil, court.Errorf(court.Invalid, "区间第 %d 条：法院层级“%s”无效", i+1, x.CourtLevel)
			}
			band.CourtLevel = l
		}
		if x.Kind != "" {
			k, ok := court.ParseKind(x.Kind)
			if !ok {
				return nil, court.Errorf(court.Invalid, "区间第 %d 条：案件类别“%s”无效", i+1, x.Kind)
			}
			band.Kind = k
		}
		if x.Lower != nil {
			band.Lower = *x.Lower
		}
		if x.Upper != nil {
			band.Upper = *x.Upper
		}
		if band.Indicator == "" || band.Lower > band.Upper || (x.Lower == nil && x.Upper == nil) {
			return nil, court.Errorf(court.Invalid, "区间第 %d 条无效：须有指标和至少一个界限，且下限不大于上限", i+1)
		}
		bs.Bands = append(bs.Bands, band)
	}
	return bs, nil
}

// Lookup returns the band of an indicator for a court level and kind: the
// exact match first, then any kind, then any level, then any of both. A nil
// set has no bands.
func (bs *BandSet) Lookup(indicator string, level court.CourtLevel, kind court.Kind) (Band, bool) {
	if bs == nil {
		return Band{}, false
	}
	for _, try := range [][2]int{{int(level), int(kind)}, {int(level), 0}, {0, int(kind)}, {0, 0}} {
		for _, b := range bs.Bands {
			if b.Indicator == indicator && int(b.CourtLevel) == try[0] && int(b.Kind) == try[1] {
				return b, true
			}
		}
	}
	return Band{}, false
}

// Status is a value's standing against its band.
type Status string

// The statuses. StatusNone: no value or no band.
const (
	StatusNone      Status = ""
	StatusMet       Status = "达标"
	StatusNotMet    Status = "未达标"
	StatusUncertain Status = "不足以判断"
)

// Wilson returns the 95% Wilson score interval of k successes in n trials.
func Wilson(k, n float64) (lo, hi float64) {
	if n <= 0 {
		return 0, 1
	}
	const z = 1.959963984540054
	p := k / n
	z2 := z * z
	den := 1 + z2/n
	centre := (p + z2/(2*n)) / den
	half := z * math.Sqrt(p*(1-p)/n+z2/(4*n*n)) / den
	return math.Max(0, centre-half), math.Min(1, centre+half)
}

// Judge places a result against a band: 达标 when the value lies in the
// band; for a rate (a proportion of counted rows) whose value lies outside,
// 不足以判断 while the 95% Wilson interval still overlaps the band, else
// 未达标. Other values compare directly (INDICATORS.md, small numbers).
func Judge(r Result, b Band) Status {
	if !r.Value.Valid {
		return StatusNone
	}
	v := r.Value.V
	if v >= b.Lower && v <= b.Upper {
		return StatusMet
	}
	if r.Definition != nil && r.Definition.IsRate() && r.Numerator.Valid && r.Denominator.Valid &&
		r.Numerator.V >= 0 && r.Numerator.V <= r.Denominator.V {
		lo, hi := Wilson(r.Numerator.V, r.Denominator.V)
		if hi >= b.Lower && lo <= b.Upper {
			return StatusUncertain
		}
	}
	return StatusNotMet
}

// Assessment is a result with its band and status.
type Assessment struct {
	Result
	Band    Band
	HasBand bool
	Status  Status
}

// Assess judges results against a band set, using each unit's court level
// and the query's kind (when it names exactly one).
func (e *Engine) Assess(results []Result, f Filter, bs *BandSet) []Assessment {
	kind := court.KindNone
	if len(f.Kinds) == 1 {
		kind = f.Kinds[0]
	}
	out := make([]Assessment, len(results))
	for i, r := range results {
		out[i].Result = r
		level := e.s.unit(r.unit).CourtLevel
		b, ok := bs.Lookup(r.Indicator, level, kind)
		if !ok {
			continue
		}
		out[i].Band, out[i].HasBand, out[i].Status = b, true, Judge(r, b)
	}
	return out
}
