package court

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestParseCaseNo(t *testing.T) {
	tests := []struct {
		in        string
		canonical string
		court     string
		code      string
		year, seq int
		kind      Kind
		level     Level
	}{
		{"（2025）京0105民初12345号", "（2025）京0105民初12345号", "京0105", "民初", 2025, 12345, KindCivil, LevelFirst},
		{"(2025)京0105民初12345号", "（2025）京0105民初12345号", "京0105", "民初", 2025, 12345, KindCivil, LevelFirst},
		{" （２０２４）沪01民终 7号 ", "（2024）沪01民终7号", "沪01", "民终", 2024, 7, KindCivil, LevelSecond},
		{"〔2023〕粤0304刑初1号", "（2023）粤0304刑初1号", "粤0304", "刑初", 2023, 1, KindCriminal, LevelFirst},
		{"（2024）最高法民申1234号", "（2024）最高法民申1234号", "最高法", "民申", 2024, 1234, KindCivil, LevelRetrialReview},
		{"（2024）最高法行再5号", "（2024）最高法行再5号", "最高法", "行再", 2024, 5, KindAdministrative, LevelRetrial},
		{"（2025）浙0102执3321号", "（2025）浙0102执3321号", "浙0102", "执", 2025, 3321, KindEnforcement, LevelExecFirst},
		{"（2025）浙0102执恢88号", "（2025）浙0102执恢88号", "浙0102", "执恢", 2025, 88, KindEnforcement, LevelExecResume},
		{"（2025）浙0102执异9号", "（2025）浙0102执异9号", "浙0102", "执异", 2025, 9, KindEnforcement, LevelExecObjection},
		{"（2025）浙01执复9号", "（2025）浙01执复9号", "浙01", "执复", 2025, 9, KindEnforcement, LevelExecReview},
		{"（2025）川0107民特12号", "（2025）川0107民特12号", "川0107", "民特", 2025, 12, KindCivil, LevelSpecial},
		{"（2025）川0107民督12号", "（2025）川0107民督12号", "川0107", "民督", 2025, 12, KindCivil, LevelDunning},
		{"（2025）川0107民催2号", "（2025）川0107民催2号", "川0107", "民催", 2025, 2, KindCivil, LevelPublicNotice},
		{"（2025）川0107民诉前调456号", "（2025）川0107民诉前调456号", "川0107", "民诉前调", 2025, 456, KindPreLitigation, LevelPreLitigation},
		{"（2025）京01民辖终33号", "（2025）京01民辖终33号", "京01", "民辖终", 2025, 33, KindCivil, LevelOther},
		{"（2025）京刑监1号", "（2025）京刑监1号", "京", "刑监", 2025, 1, KindCriminal, LevelRetrialReview},
		{"（2021）沪72民初1号", "（2021）沪72民初1号", "沪72", "民初", 2021, 1, KindCivil, LevelFirst},
		{"（2025）京0105民初12345号之一", "（2025）京0105民初12345号之一", "京0105", "民初", 2025, 12345, KindCivil, LevelFirst},
		{"【2025】示0101行初3号", "（2025）示0101行初3号", "示0101", "行初", 2025, 3, KindAdministrative, LevelFirst},
		{"（2025）京0105司救民2号", "（2025）京0105司救民2号", "京0105", "司救民", 2025, 2, KindJudicialAid, LevelOther},
	}
	for _, tt := range tests {
		n, err := ParseCaseNo(tt.in)
		if err != nil {
			t.Errorf("ParseCaseNo(%q): %v", tt.in, err)
			continue
		}
		if n.String() != tt.canonical || n.CourtCode != tt.court || n.TypeCode != tt.code ||
			n.Year != tt.year || n.Seq != tt.seq || n.Kind != tt.kind || n.Level != tt.level {
			t.Errorf("ParseCaseNo(%q) = %s %s %s %d %d %v %v, want %s %s %s %d %d %v %v", tt.in,
				n, n.CourtCode, n.TypeCode, n.Year, n.Seq, n.Kind, n.Level,
				tt.canonical, tt.court, tt.code, tt.year, tt.seq, tt.kind, tt.level)
		}
	}
}

func TestParseCaseNoErrors(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", "案号为空"},
		{"2025京0105民初1号", "应以括号括起的年度开头"},
		{"（2025京0105民初1号", "年度的括号没有闭合"},
		{"（25）京0105民初1号", "年度应为四位数字"},
		{"（2025）京0105民初1", "缺少“号”字"},
		{"（2025）京0105民初号", "缺少序号"},
		{"（2025）京0105民初0号", "序号应为正整数"},
		{"（2025）京0105民X1号", "类型代字“民X”不在"},
		{"（2025）京0105民初1号之", "“号”之后只能是"},
		{"（2025）0105民初1号", "法院代字或类型代字缺失或不合规范"},
		{"（2025）京0105刑事初1号", "类型代字“刑事初”不在"},
	}
	for _, tt := range tests {
		_, err := ParseCaseNo(tt.in)
		if err == nil {
			t.Errorf("ParseCaseNo(%q) succeeded, want error %q", tt.in, tt.want)
			continue
		}
		if KindOf(err) != Invalid || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("ParseCaseNo(%q) = %v (kind %d), want Invalid containing %q", tt.in, err, KindOf(err), tt.want)
		}
	}
}

// TestTypeCodeTable checks that every 类型代字 of the table parses back to its entry.
func TestTypeCodeTable(t *testing.T) {
	seen := map[string]bool{}
	for _, tc := range TypeCodes() {
		if seen[tc.Code] {
			t.Errorf("类型代字 %s twice in the table", tc.Code)
		}
		seen[tc.Code] = true
		if utf8.RuneCountInString(tc.Code) > maxTypeCodeRunes {
			t.Errorf("类型代字 %s longer than maxTypeCodeRunes", tc.Code)
		}
		for _, court := range []string{"京0105", "最高法"} {
			s := "（2025）" + court + tc.Code + "17号"
			n, err := ParseCaseNo(s)
			if err != nil {
				t.Errorf("ParseCaseNo(%q): %v", s, err)
				continue
			}
			if n.TypeCode != tc.Code || n.Kind != tc.Kind || n.Level != tc.Level || n.CourtCode != court {
				t.Errorf("ParseCaseNo(%q) = %s/%s/%v/%v, want %s/%s/%v/%v", s, n.CourtCode, n.TypeCode, n.Kind, n.Level, court, tc.Code, tc.Kind, tc.Level)
			}
		}
	}
	if len(seen) < 100 {
		t.Errorf("the table has %d codes; the official table has well over 100", len(seen))
	}
}

func TestDefaultLimitDays(t *testing.T) {
	tests := []struct {
		kind  Kind
		level Level
		track Track
		want  int
	}{
		{KindCivil, LevelFirst, TrackOrdinary, 180},
		{KindCivil, LevelFirst, TrackNone, 180},
		{KindCivil, LevelFirst, TrackSimple, 90},
		{KindCivil, LevelFirst, TrackSmallClaim, 60},
		{KindCivil, LevelSecond, TrackNone, 90},
		{KindCriminal, LevelFirst, TrackOrdinary, 60},
		{KindCriminal, LevelFirst, TrackExpedited, 10},
		{KindCriminal, LevelSecond, TrackNone, 60},
		{KindAdministrative, LevelFirst, TrackNone, 180},
		{KindAdministrative, LevelSecond, TrackNone, 90},
		{KindEnforcement, LevelExecFirst, TrackNone, 180},
		{KindEnforcement, LevelExecResume, TrackNone, 180},
		{KindCivil, LevelRetrial, TrackNone, 180},
		{KindCriminal, LevelRetrial, TrackNone, 180},
		{KindCivil, LevelRetrialReview, TrackNone, 0},
		{KindEnforcement, LevelExecObjection, TrackNone, 0},
		{KindCivil, LevelSpecial, TrackNone, 0},
		{KindPreLitigation, LevelPreLitigation, TrackNone, 0},
	}
	for _, tt := range tests {
		if got := DefaultLimitDays(tt.kind, tt.level, tt.track); got != tt.want {
			t.Errorf("DefaultLimitDays(%v, %v, %v) = %d, want %d", tt.kind, tt.level, tt.track, got, tt.want)
		}
	}
}

// FuzzParseCaseNo checks that the parser never panics and that whatever it
// accepts prints to a canonical form that parses back to the same value.
func FuzzParseCaseNo(f *testing.F) {
	for _, s := range []string{
		"（2025）京0105民初12345号", "(2024)最高法民终12号", "（2025）浙0102执恢88号", "（2025）京01民辖终33号之一",
		"（2025）川0107民诉前调456号", "〔2023〕粤0304刑初1号", "（2025）京0105民X1号", "", "（", "（2025）号", "（2025）京号1",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := ParseCaseNo(s)
		if err != nil {
			if KindOf(err) != Invalid {
				t.Fatalf("ParseCaseNo(%q): error of kind %d, want Invalid", s, KindOf(err))
			}
			return
		}
		again, err := ParseCaseNo(n.String())
		if err != nil || again != n {
			t.Fatalf("ParseCaseNo(%q) = %+v; its canonical form %q parses to %+v, %v", s, n, n.String(), again, err)
		}
	})
}
