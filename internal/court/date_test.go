package court

import "testing"

func TestDate(t *testing.T) {
	d, ok := ValidDate(2024, 2, 29)
	if !ok || d.String() != "2024-02-29" {
		t.Fatalf("ValidDate(2024,2,29) = %v %v", d, ok)
	}
	if _, ok := ValidDate(2025, 2, 29); ok {
		t.Error("2025-02-29 accepted")
	}
	if _, ok := ValidDate(2025, 2, 30); ok {
		t.Error("2025-02-30 accepted")
	}
	// 2025-03-07 is spreadsheet serial 45723.
	if d := DateOf(2025, 3, 7); d != 45723 {
		t.Errorf("DateOf(2025-03-07) = %d, want serial 45723", d)
	}
	if NoDate.String() != "" {
		t.Error("NoDate prints")
	}
}

func TestPeriod(t *testing.T) {
	from, _ := ParseISODate("2024-02-29")
	to, _ := ParseISODate("2024-03-31")
	p, err := NewPeriod(from, to)
	if err != nil {
		t.Fatal(err)
	}
	if p.Days() != 32 {
		t.Errorf("Days = %d, want 32", p.Days())
	}
	yb := p.YearBefore()
	if yb.From.String() != "2023-02-28" || yb.To.String() != "2023-03-31" {
		t.Errorf("YearBefore = %s", yb)
	}
	if _, err := NewPeriod(to, from); err == nil || KindOf(err) != Invalid {
		t.Errorf("NewPeriod(to < from) = %v, want Invalid", err)
	}
	if _, err := ParseISODate("2025/13/01"); err == nil {
		t.Error("ParseISODate accepted 2025/13/01")
	}
	if !p.Contains(to) || p.Contains(NoDate) {
		t.Error("Contains")
	}
}

func TestDateFarFuture(t *testing.T) {
	d, ok := ValidDate(2199, 12, 31)
	if !ok || d.String() != "2199-12-31" {
		t.Errorf("ValidDate(2199-12-31) = %v %v", d, ok)
	}
}

func TestParsePeriod(t *testing.T) {
	p, err := ParsePeriod("2025-01-01", "2025-06-30")
	if err != nil || p.Days() != 181 {
		t.Errorf("ParsePeriod = %v, %v; want 181 days", p, err)
	}
	for _, tt := range [][2]string{{"2025-06-30", "2025-01-01"}, {"2025-02-30", "2025-03-01"}, {"2025-01-01", ""}} {
		if _, err := ParsePeriod(tt[0], tt[1]); err == nil || KindOf(err) != Invalid {
			t.Errorf("ParsePeriod(%q, %q) = %v, want an Invalid error", tt[0], tt[1], err)
		}
	}
}
