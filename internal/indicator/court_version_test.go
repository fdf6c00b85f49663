package indicator

import (
	"context"
	"strings"
	"testing"

	"github.com/zhixiao/zhixiao/internal/court"
)

// courtVersion is a court's version of 审限内结案率 from 2025-07-01 that no
// longer deducts the suspended days, with its formula replaced by formula.
func courtVersion(id, version, from, formula string) []byte {
	return []byte(`{"id": "` + id + `", "version": ` + version + `, "effective_from": "` + from + `",
  "name": "审限内结案率", "category": "效率", "unit": "%", "direction": "band",
  "definition": "不再扣除审限（本院口径）。", "formula": ` + formula + `}`)
}

const noDeduction = `{"agg": "ratio",
  "numerator": [{"set": "closed", "where": ["limit_days > 0", "closed_on - filed_on <= limit_days + extended_days"]}],
  "denominator": [{"set": "closed", "where": ["limit_days > 0"]}]}`

func TestWithVersions(t *testing.T) {
	def, err := DefaultDefinitions()
	if err != nil {
		t.Fatal(err)
	}
	ds, err := def.WithVersions([][]byte{courtVersion("within_limit_rate", "2", "2025-07-01", noDeduction)})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(def.Versions("within_limit_rate")); n != 1 {
		t.Errorf("WithVersions changed the default definitions: %d versions", n)
	}
	if n := ds.NextVersion("within_limit_rate"); n != 3 {
		t.Errorf("next version %d, want 3", n)
	}
	e, err := New(context.Background(), versionSet(), ds)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		p        court.Period
		num, den float64
		version  int
	}{
		// 民初3 (closed 2025-05-10, 120 days with 30 suspended) is within its limit only under version 1.
		{"period ending before the court version", period("2025-01-01", "2025-06-30"), 2, 2, 1},
		{"period ending on its first day", period("2025-01-01", "2025-07-01"), 1, 2, 2},
		{"period ending after it", period("2025-01-01", "2025-12-31"), 1, 2, 2},
		{"last year", period("2024-01-01", "2024-12-31"), 2, 2, 1},
	}
	for _, tt := range tests {
		r := one(t, e, Query{Period: tt.p}, "within_limit_rate")
		if r.Numerator.V != tt.num || r.Denominator.V != tt.den || r.Definition.Version != tt.version {
			t.Errorf("%s: %v/%v version %d, want %v/%v version %d", tt.name, show(r.Numerator), show(r.Denominator),
				r.Definition.Version, tt.num, tt.den, tt.version)
		}
	}
}

func TestWithVersionsRefused(t *testing.T) {
	def, err := DefaultDefinitions()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		json string
		kind court.ErrorKind
		text string
	}{
		{"not JSON", `{"id": `, court.Invalid, "格式错误"},
		{"unknown field", strings.Replace(string(courtVersion("within_limit_rate", "2", "2025-07-01", noDeduction)), `"direction"`, `"colour": "红", "direction"`, 1), court.Invalid, "colour"},
		{"unknown column", string(courtVersion("within_limit_rate", "2", "2025-07-01", strings.Replace(noDeduction, "extended_days", "happiness", 1))), court.Invalid, "happiness"},
		{"unknown set", string(courtVersion("within_limit_rate", "2", "2025-07-01", strings.Replace(noDeduction, `"closed"`, `"happy"`, 1))), court.Invalid, "happy"},
		{"unknown indicator", string(courtVersion("happiness_rate", "2", "2025-07-01", noDeduction)), court.Invalid, "未知指标"},
		{"bad date", string(courtVersion("within_limit_rate", "2", "2025-13-01", noDeduction)), court.Invalid, "无法识别"},
		{"duplicate date", string(courtVersion("within_limit_rate", "2", "1990-01-01", noDeduction)), court.Conflict, "重复"},
		{"duplicate version", string(courtVersion("within_limit_rate", "1", "2025-07-01", noDeduction)), court.Conflict, "重复"},
	}
	for _, tt := range tests {
		_, err := def.WithVersions([][]byte{[]byte(tt.json)})
		if court.KindOf(err) != tt.kind || !strings.Contains(court.Message(err)+detail(err), tt.text) {
			t.Errorf("%s: %v, want kind %v with %q", tt.name, err, tt.kind, tt.text)
		}
	}
}
