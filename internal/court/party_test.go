package court

import "testing"

func TestPartyIdentityNumbers(t *testing.T) {
	for _, tt := range []struct {
		id         string
		resident   bool
		creditCode bool
	}{
		{"110105198503020011", true, false},
		{"37010220020514340X", true, false},
		{"37010220020514340x", true, false},
		{"110105198503020012", false, false}, // wrong check digit
		{"11010519850302001", false, false},  // 17 characters
		{"91350100M000100Y43", false, true},  // GB 32100 example
		{"91110105MA01ABCD13", false, true},
		{"91110105MA01ABCD14", false, false},
		{"91110105MA01ABCDI3", false, false}, // I is not a code character
		{"", false, false},
	} {
		if got := ValidResidentID(tt.id); got != tt.resident {
			t.Errorf("ValidResidentID(%q) = %v", tt.id, got)
		}
		if got := ValidCreditCode(tt.id); got != tt.creditCode {
			t.Errorf("ValidCreditCode(%q) = %v", tt.id, got)
		}
	}
	if c := ResidentIDCheck("11010519850302001"); c != '1' {
		t.Errorf("ResidentIDCheck = %c", c)
	}
	if c := CreditCodeCheck("91350100M000100Y4"); c != '3' {
		t.Errorf("CreditCodeCheck = %c", c)
	}
	for s, want := range map[string]PartyType{"自然人": NaturalPerson, "法人": LegalPerson, "其他组织": UnincorporatedOrg, "非法人组织": UnincorporatedOrg} {
		if got, ok := ParsePartyType(s); !ok || got != want {
			t.Errorf("ParsePartyType(%s) = %v", s, got)
		}
	}
	if _, ok := ParsePartyType("个体户"); ok {
		t.Error("个体户 is not a party type")
	}
}
