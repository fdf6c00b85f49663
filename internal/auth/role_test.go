package auth

import (
	"testing"

	"github.com/zhixiao/zhixiao/internal/court"
)

func TestParseRole(t *testing.T) {
	tests := []struct {
		in   string
		want Role
		ok   bool
	}{
		{"系统管理员", RoleAdmin, true},
		{"admin", RoleAdmin, true},
		{"院领导", RolePresident, true},
		{"trialmgmt", RoleTrialMgmt, true},
		{"审管办", RoleTrialMgmt, true},
		{"政治部", RolePersonnel, true},
		{"庭长", RoleChief, true},
		{"judge", RoleJudge, true},
		{"纪检监察", RoleDiscipline, true},
		{"", RoleNone, false},
		{"Admin", RoleNone, false},
		{"院长", RoleNone, false},
	}
	for _, tt := range tests {
		got, err := ParseRole(tt.in)
		if got != tt.want || (err == nil) != tt.ok {
			t.Errorf("ParseRole(%q) = %v, %v; want %v, ok=%v", tt.in, got, err, tt.want, tt.ok)
		}
		if err != nil && court.KindOf(err) != court.Invalid {
			t.Errorf("ParseRole(%q): kind %v, want Invalid", tt.in, court.KindOf(err))
		}
	}
}

func TestRoleRoundTrip(t *testing.T) {
	for _, r := range Roles() {
		for _, s := range []string{r.String(), r.Key()} {
			if got, err := ParseRole(s); err != nil || got != r {
				t.Errorf("ParseRole(%q) = %v, %v; want %v", s, got, err, r)
			}
		}
	}
}

func TestUserCheck(t *testing.T) {
	tests := []struct {
		name string
		u    User
		ok   bool
	}{
		{"admin without court", User{Login: "admin", Role: RoleAdmin}, true},
		{"president", User{Login: "yz", Role: RolePresident, CourtID: 1}, true},
		{"president without court", User{Login: "yz", Role: RolePresident}, false},
		{"chief without department", User{Login: "tz", Role: RoleChief, CourtID: 1}, false},
		{"chief", User{Login: "tz", Role: RoleChief, CourtID: 1, DepartmentID: 2}, true},
		{"judge without person", User{Login: "fg", Role: RoleJudge, CourtID: 1, DepartmentID: 2}, false},
		{"judge", User{Login: "法官张三", Role: RoleJudge, CourtID: 1, PersonID: 9}, true},
		{"no role", User{Login: "x1", CourtID: 1}, false},
		{"short login", User{Login: "x", Role: RoleAdmin}, false},
		{"login with space", User{Login: "a b", Role: RoleAdmin}, false},
		{"login with ideographic space", User{Login: "张　三", Role: RoleAdmin}, false},
	}
	for _, tt := range tests {
		err := tt.u.Check()
		if (err == nil) != tt.ok {
			t.Errorf("%s: Check() = %v, want ok=%v", tt.name, err, tt.ok)
		}
	}
}

// TestActionsNamed checks that every action the audit page offers has a
// Chinese name, and that registering one twice is refused.
func TestActionsNamed(t *testing.T) {
	seen := map[Action]bool{}
	for _, a := range Actions() {
		if a.String() == string(a) {
			t.Errorf("action %q has no Chinese name", a)
		}
		if seen[a] {
			t.Errorf("action %q listed twice", a)
		}
		seen[a] = true
	}
	defer func() {
		if recover() == nil {
			t.Error("registering login twice did not panic")
		}
	}()
	RegisterAction(ActionLogin, "登录")
}
