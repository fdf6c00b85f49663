package auth

import (
	"slices"
	"testing"

	"github.com/zhixiao/zhixiao/internal/court"
)

// The hierarchy of the tests: 中院 1 with 基层 2 and 3 below it, and 4 below 2
// (a made-up fourth level to check that the walk is transitive); court 5 is
// elsewhere. Departments: 民一庭 11 and 民二庭 12 of court 1, 民一庭 21 of court 2.
// People: 101 and 102 in 11, 103 in 12.
var links = []CourtLink{{1, 0}, {2, 1}, {3, 1}, {4, 2}, {5, 0}}

func scopeOf(t *testing.T, u User) Scope {
	t.Helper()
	s, err := NewScope(u, links)
	if err != nil {
		t.Fatalf("NewScope(%+v): %v", u, err)
	}
	return s
}

func TestScopeUnit(t *testing.T) {
	users := map[string]User{
		"admin":      {Login: "admin", Role: RoleAdmin},
		"president":  {Login: "yz", Role: RolePresident, CourtID: 1},
		"president2": {Login: "yz2", Role: RolePresident, CourtID: 2},
		"trialmgmt":  {Login: "sgb", Role: RoleTrialMgmt, CourtID: 1},
		"personnel":  {Login: "zzb", Role: RolePersonnel, CourtID: 1},
		"discipline": {Login: "jj", Role: RoleDiscipline, CourtID: 1},
		"chief":      {Login: "tz", Role: RoleChief, CourtID: 1, DepartmentID: 11},
		"judge":      {Login: "fg", Role: RoleJudge, CourtID: 1, DepartmentID: 11, PersonID: 101},
	}
	units := map[string]Unit{
		"all":        {},
		"court1":     {Court: 1},
		"court2":     {Court: 2},
		"court4":     {Court: 4},
		"court5":     {Court: 5},
		"dept11":     {Court: 1, Department: 11},
		"dept12":     {Court: 1, Department: 12},
		"dept21":     {Court: 2, Department: 21},
		"person101":  {Court: 1, Department: 11, Person: 101},
		"person102":  {Court: 1, Department: 11, Person: 102},
		"person103":  {Court: 1, Department: 12, Person: 103},
		"dept11@c2":  {Court: 2, Department: 11},
		"person101x": {Court: 2, Department: 21, Person: 101},
	}
	allowed := map[string][]string{
		"admin":      {"all", "court1", "court2", "court4", "court5", "dept11", "dept12", "dept21", "person101", "person102", "person103", "dept11@c2", "person101x"},
		"president":  {"court1", "court2", "court4", "dept11", "dept12", "dept21", "person101", "person102", "person103", "dept11@c2", "person101x"},
		"president2": {"court2", "court4", "dept21", "dept11@c2", "person101x"},
		"trialmgmt":  {"court1", "dept11", "dept12", "person101", "person102", "person103"},
		"personnel":  {"court1", "dept11", "dept12", "person101", "person102", "person103"},
		"discipline": {"court1", "dept11", "dept12", "person101", "person102", "person103"},
		"chief":      {"dept11", "person101", "person102"},
		"judge":      {"person101"},
	}
	for un, u := range users {
		s := scopeOf(t, u)
		for name, unit := range units {
			want := slices.Contains(allowed[un], name)
			if got := s.Unit(unit); got != want {
				t.Errorf("%s.Unit(%s) = %v, want %v", un, name, got, want)
			}
			if err := s.CheckUnit(unit); (err == nil) != want || (err != nil && court.KindOf(err) != court.Forbidden) {
				t.Errorf("%s.CheckUnit(%s) = %v", un, name, err)
			}
		}
	}
}

func TestScopeCase(t *testing.T) {
	cases := map[string]CaseRef{
		"own":       {Court: 1, Department: 11, Judge: 101},
		"colleague": {Court: 1, Department: 11, Judge: 102},
		"panel":     {Court: 1, Department: 11, Judge: 102, Panel: []int64{101}},
		"other":     {Court: 1, Department: 12, Judge: 103},
		"below":     {Court: 3, Department: 31, Judge: 301},
		"elsewhere": {Court: 5, Department: 51, Judge: 501},
	}
	tests := []struct {
		u    User
		want []string
	}{
		{User{Login: "admin", Role: RoleAdmin}, []string{"own", "colleague", "panel", "other", "below", "elsewhere"}},
		{User{Login: "admin1", Role: RoleAdmin, CourtID: 1}, []string{"own", "colleague", "panel", "other", "below"}},
		{User{Login: "yz", Role: RolePresident, CourtID: 1}, []string{"own", "colleague", "panel", "other", "below"}},
		{User{Login: "sgb", Role: RoleTrialMgmt, CourtID: 1}, []string{"own", "colleague", "panel", "other"}},
		{User{Login: "tz", Role: RoleChief, CourtID: 1, DepartmentID: 11}, []string{"own", "colleague", "panel"}},
		{User{Login: "tz2", Role: RoleChief, CourtID: 1, DepartmentID: 12}, []string{"other"}},
		{User{Login: "fg", Role: RoleJudge, CourtID: 1, PersonID: 101}, []string{"own", "panel"}},
	}
	for _, tt := range tests {
		s := scopeOf(t, tt.u)
		for name, c := range cases {
			want := slices.Contains(tt.want, name)
			if got := s.Case(c); got != want {
				t.Errorf("%s.Case(%s) = %v, want %v", tt.u.Login, name, got, want)
			}
		}
	}
}

func TestScopeCourts(t *testing.T) {
	tests := []struct {
		u    User
		want []int64
		all  bool
	}{
		{User{Login: "admin", Role: RoleAdmin}, nil, true},
		{User{Login: "yz", Role: RolePresident, CourtID: 1}, []int64{1, 2, 3, 4}, false},
		{User{Login: "yz3", Role: RolePresident, CourtID: 3}, []int64{3}, false},
		{User{Login: "sgb", Role: RoleTrialMgmt, CourtID: 1}, []int64{1}, false},
		{User{Login: "tz", Role: RoleChief, CourtID: 1, DepartmentID: 11}, nil, false},
	}
	for _, tt := range tests {
		s := scopeOf(t, tt.u)
		if got := s.Courts(); !slices.Equal(got, tt.want) || s.All() != tt.all {
			t.Errorf("%s: Courts() = %v, All() = %v; want %v, %v", tt.u.Login, got, s.All(), tt.want, tt.all)
		}
	}
}

func TestScopeRefusesDisabledAndInvalid(t *testing.T) {
	_, err := NewScope(User{Login: "yz", Role: RolePresident, CourtID: 1, Disabled: true}, links)
	if court.KindOf(err) != court.Forbidden {
		t.Errorf("disabled: err = %v, want Forbidden", err)
	}
	_, err = NewScope(User{Login: "tz", Role: RoleChief, CourtID: 1}, links)
	if court.KindOf(err) != court.Invalid {
		t.Errorf("chief without department: err = %v, want Invalid", err)
	}
	var zero Scope
	if zero.Unit(Unit{Court: 1}) || zero.Case(CaseRef{Court: 1}) || zero.Unit(Unit{}) {
		t.Error("the zero Scope sees something")
	}
}

func TestScopeHomeAndAdmin(t *testing.T) {
	s := scopeOf(t, User{Login: "fg", Role: RoleJudge, CourtID: 1, DepartmentID: 11, PersonID: 101})
	if got, want := s.Home(), (Unit{Court: 1, Department: 11, Person: 101}); got != want {
		t.Errorf("Home() = %+v, want %+v", got, want)
	}
	if court.KindOf(s.CheckAdmin()) != court.Forbidden {
		t.Error("judge passes CheckAdmin")
	}
	if err := scopeOf(t, User{Login: "admin", Role: RoleAdmin}).CheckAdmin(); err != nil {
		t.Errorf("admin fails CheckAdmin: %v", err)
	}
}
