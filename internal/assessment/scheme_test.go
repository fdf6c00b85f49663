package assessment

import (
	"strings"
	"testing"

	"github.com/zhixiao/zhixiao/internal/court"
)

func TestValidateBadSchemes(t *testing.T) {
	tests := []struct {
		name  string
		edit  func(s *Scheme)
		error string
	}{
		{"weights not 100", func(s *Scheme) { s.Groups[1].Weight = 20; s.Groups[1].Items[0].Max = 13 }, "权重之和为 105，应为 100"},
		{"items not weight", func(s *Scheme) { s.Groups[0].Items[0].Max = 10 }, "考核类别“审判质效”：各项目满分之和为 38，应等于权重 40"},
		{"item without rule", func(s *Scheme) { s.Groups[2].Items[0].Rule = nil }, "考核类别“队伍建设”项目“庭长日常评价”没有评分规则"},
		{"points beyond cap", func(s *Scheme) { s.Groups[3].Items[0].Rule.Events[0].Points = -7 }, "事项“违规会客”每次 -7 分，超过累计上限 6 分"},
		{"cap beyond max", func(s *Scheme) { s.Groups[3].Items[0].Rule.Events[0].Cap = 9 }, "累计上限 9 应大于 0 且不超过项目满分 6"},
		{"bad method", func(s *Scheme) { s.Groups[0].Items[0].Rule.Method = "magic" }, "计分方法“magic”无效"},
		{"band without bounds", func(s *Scheme) { s.Groups[0].Items[1].Rule.Lower = nil }, "合理区间法须给出下限或上限"},
		{"unknown outcome", func(s *Scheme) { s.Groups[3].Items[1].Rule.Events[0].Name = "被表扬" }, "“被表扬”不是其他模块报送的事项"},
		{"bad category", func(s *Scheme) { s.Category = "法警队" }, "人员类别“法警队”无效"},
		{"bad date", func(s *Scheme) { s.From = "2025-13-01" }, "生效日期“2025-13-01”无效"},
		{"duplicate item", func(s *Scheme) { s.Groups[1].Items[1].ID = "B1" }, "编号为空或重复"},
		{"bad warning", func(s *Scheme) { s.Warnings[0].Color = "绿" }, "颜色“绿”无效"},
		{"bad quota", func(s *Scheme) { s.Grades.Quota = 1.5 }, "优秀比例 1.5"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := DefaultSchemes(1)[0]
			tt.edit(s)
			err := s.Validate()
			if err == nil || !strings.Contains(err.Error(), tt.error) {
				t.Fatalf("got %v, want …%s…", err, tt.error)
			}
			if court.KindOf(err) != court.Invalid {
				t.Errorf("kind %v, want Invalid", court.KindOf(err))
			}
		})
	}
}

func TestParseSchemeRejectsUnknownField(t *testing.T) {
	_, err := ParseScheme([]byte(`{"name":"x","code":"x","categroy":"员额法官"}`))
	if err == nil || !strings.Contains(err.Error(), "无法解析") {
		t.Fatalf("got %v", err)
	}
}

func TestCategoryOf(t *testing.T) {
	if got := CategoryOf(court.CategoryJudge, "庭长"); got != CategoryLeader {
		t.Errorf("庭长: %s", got)
	}
	if got := CategoryOf(court.CategoryJudge, "审判员"); got != "员额法官" {
		t.Errorf("审判员: %s", got)
	}
	if got := CategoryOf(court.CategoryClerk, "院长"); got != "书记员" {
		t.Errorf("书记员: %s", got)
	}
}
