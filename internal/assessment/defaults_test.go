package assessment

import "testing"

func TestDefaultSchemesValid(t *testing.T) {
	ss := DefaultSchemes(1)
	if len(ss) != len(SchemeCategories) {
		t.Fatalf("%d default schemes, want one per category (%d)", len(ss), len(SchemeCategories))
	}
	for i, s := range ss {
		if s.Category != SchemeCategories[i] {
			t.Errorf("default scheme %d is for %s, want %s", i, s.Category, SchemeCategories[i])
		}
	}
	for _, s := range ss {
		if err := s.Validate(); err != nil {
			t.Errorf("%s: %v", s.Code, err)
		}
		back, err := ParseScheme([]byte(s.JSON()))
		if err != nil {
			t.Errorf("%s round trip: %v", s.Code, err)
			continue
		}
		if back.JSON() != s.JSON() {
			t.Errorf("%s: JSON round trip differs", s.Code)
		}
	}
	if n := len(ss[0].Items()); n < 18 {
		t.Errorf("judge scheme has %d items, want about 20", n)
	}
}
