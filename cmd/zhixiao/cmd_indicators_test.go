package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

// demoDB writes a small 示例市 into a SQLite file.
func demoDB(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "z.db")
	if code, out, errs := zhixiao(t, "demo", "--db", db, "--seed", "3", "--cases", "3000"); code != 0 {
		t.Fatalf("demo: exit %d\n%s\n%s", code, out, errs)
	}
	return db
}

type jsonResult struct {
	UnitType    string   `json:"unit_type"`
	Unit        string   `json:"unit"`
	Indicator   string   `json:"indicator"`
	Numerator   *float64 `json:"numerator"`
	Denominator *float64 `json:"denominator"`
	Value       *float64 `json:"value"`
}

func TestIndicatorsCommand(t *testing.T) {
	db := demoDB(t)
	period := []string{"--db", db, "--from", "2025-01-01", "--to", "2025-06-30"}
	code, out, errs := zhixiao(t, append([]string{"indicators", "--by", "court", "--format", "json"}, period...)...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var rs []jsonResult
	if err := json.Unmarshal([]byte(out), &rs); err != nil {
		t.Fatalf("not one JSON array: %v\n%s", err, out[:min(len(out), 500)])
	}
	if len(rs) != 7*36 {
		t.Errorf("%d results, want 7 courts × 36 indicators", len(rs))
	}
	var closure jsonResult
	for _, r := range rs {
		if r.UnitType != "court" || r.Unit == "" {
			t.Fatalf("bad unit: %+v", r)
		}
		if r.Indicator == "filed" && (r.Denominator != nil || r.Numerator == nil || *r.Value != *r.Numerator) {
			t.Errorf("a count has numerator = value and no denominator: %+v", r)
		}
		if r.Indicator == "closure_rate" && closure.Unit == "" && r.Numerator != nil && *r.Numerator > 0 {
			closure = r
		}
	}
	// The drill-down lists as many 案号 as the numerator counts.
	code, out, errs = zhixiao(t, append([]string{"cases", "--indicator", "closure_rate", "--part", "numerator", "--unit", closure.Unit}, period...)...)
	if code != 0 {
		t.Fatalf("cases: exit %d: %s", code, errs)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if float64(len(lines)) != *closure.Numerator || !strings.HasPrefix(lines[0], "（") {
		t.Errorf("cases: %d lines (%q...), numerator %v", len(lines), lines[0], *closure.Numerator)
	}
	code, out, _ = zhixiao(t, append([]string{"indicators", "--kind", "民事", "--level", "一审"}, period...)...)
	if code != 0 || !strings.Contains(out, "单位类型") || !strings.Contains(out, "结案率") || !strings.Contains(out, "—") {
		t.Errorf("table: exit %d\n%s", code, out)
	}
	code, out, _ = zhixiao(t, append([]string{"indicators", "--format", "csv"}, period...)...)
	if code != 0 || !strings.HasPrefix(out, "unit_type,unit,indicator,numerator,denominator,value\nall,全部,filed,") {
		t.Errorf("csv: exit %d\n%s", code, out[:min(len(out), 200)])
	}
}

func TestIndicatorsCommandErrors(t *testing.T) {
	db := demoDB(t)
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"indicators", "--db", db, "--from", "2025-06-30", "--to", "2025-01-01"}, "早于开始日期"},
		{[]string{"indicators", "--db", db, "--from", "2025-13-01", "--to", "2025-12-31"}, "无法识别"},
		{[]string{"indicators", "--db", db, "--from", "2025-01-01", "--to", "2025-06-30", "--indicator", "nonesuch"}, "未知指标"},
		{[]string{"indicators", "--db", db, "--from", "2025-01-01", "--to", "2025-06-30", "--unit", "火星法院"}, "未找到单位"},
		{[]string{"indicators", "--db", db, "--from", "2025-01-01", "--to", "2025-06-30", "--kind", "民法"}, "案件类别"},
		{[]string{"cases", "--db", db, "--from", "2025-01-01", "--to", "2025-06-30", "--indicator", "nonesuch"}, "未知指标"},
		{[]string{"cases", "--db", db, "--from", "2025-01-01", "--to", "2025-06-30", "--indicator", "filed", "--part", "denominator"}, "没有分母"},
		{[]string{"cases", "--db", db, "--from", "2025-01-01", "--to", "2025-06-30", "--indicator", "filed", "--part", "whole"}, "--part"},
		{[]string{"indicators", "--db", filepath.Join(t.TempDir(), "none.db"), "--from", "2025-01-01", "--to", "2025-06-30"}, "不存在"},
	} {
		code, _, errs := zhixiao(t, tt.args...)
		if code != 1 || !strings.Contains(errs, tt.want) {
			t.Errorf("%v: exit %d, stderr %q, want 1 and %q", tt.args, code, errs, tt.want)
		}
	}
}
