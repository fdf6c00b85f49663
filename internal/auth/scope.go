package auth

import (
	"slices"

	"github.com/zhixiao/zhixiao/internal/court"
)

// CourtLink is a court and the court directly above it (0 for none): what a
// scope needs to know of the court hierarchy.
type CourtLink struct{ ID, Parent int64 }

// Unit is what figures are computed for: a court, a department of it, or a
// person. Court 0 is the whole data set; Person, when set, comes with the
// person's department.
type Unit struct{ Court, Department, Person int64 }

// CaseRef is what a scope needs to know of a case: where it is handled and
// by whom (承办人 and the other members of the 合议庭).
type CaseRef struct {
	Court, Department, Judge int64
	Panel                    []int64
}

// Scope is the data a user may see (数据范围). Its zero value sees nothing.
// Build it with NewScope; the query layer filters with it and the web
// answers 403 when a request reaches beyond it.
type Scope struct {
	role       Role
	all        bool           // every court of the installation
	courts     map[int64]bool // courts seen whole
	home       Unit
	department int64 // 庭长: the only department seen
	person     int64 // 法官: the only person seen
}

// NewScope computes the scope of u. 院领导 (and a 系统管理员 bound to a court)
// see their court and every court below it; 审管办, 政治部 and 纪检监察 their
// court; 庭长 their department; 法官 their own cases and figures. A 系统管理员
// without a court sees every court. A disabled account sees nothing.
func NewScope(u User, courts []CourtLink) (Scope, error) {
	if err := u.Check(); err != nil {
		return Scope{}, err
	}
	if u.Disabled {
		return Scope{}, court.Errorf(court.Forbidden, "账号“%s”已停用", u.Login)
	}
	s := Scope{role: u.Role, home: Unit{Court: u.CourtID, Department: u.DepartmentID}}
	switch u.Role {
	case RoleAdmin, RolePresident:
		s.all = u.CourtID == 0
		s.courts = descendants(u.CourtID, courts)
	case RoleTrialMgmt, RolePersonnel, RoleDiscipline:
		s.courts = map[int64]bool{u.CourtID: true}
	case RoleChief:
		s.department = u.DepartmentID
	case RoleJudge:
		s.person = u.PersonID
		s.home.Person = u.PersonID
	}
	return s, nil
}

// descendants returns root and every court below it.
func descendants(root int64, courts []CourtLink) map[int64]bool {
	seen := map[int64]bool{root: true}
	for grew := true; grew; {
		grew = false
		for _, c := range courts {
			if seen[c.Parent] && !seen[c.ID] && c.Parent != 0 {
				seen[c.ID] = true
				grew = true
			}
		}
	}
	return seen
}

// Role returns the role the scope was computed for.
func (s Scope) Role() Role { return s.role }

// Home is the unit the user's dashboard opens on.
func (s Scope) Home() Unit { return s.home }

// All reports whether the scope covers every court, and the whole data set.
func (s Scope) All() bool { return s.all }

// Courts returns the courts seen whole, sorted; nil when All or when the
// scope is a department or a person.
func (s Scope) Courts() []int64 {
	if s.all || len(s.courts) == 0 {
		return nil
	}
	ids := make([]int64, 0, len(s.courts))
	for id := range s.courts {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}

// Department returns the only department a 庭长 sees (0 for other roles).
func (s Scope) Department() int64 { return s.department }

// Person returns the only person a 法官 sees (0 for other roles).
func (s Scope) Person() int64 { return s.person }

// courtWhole reports whether the scope sees court id as a whole.
func (s Scope) courtWhole(id int64) bool { return s.all || (id != 0 && s.courts[id]) }

// Unit reports whether the user may see the figures of u.
func (s Scope) Unit(u Unit) bool {
	switch {
	case u.Court == 0:
		return s.all
	case s.courtWhole(u.Court):
		return true
	case s.department != 0:
		return u.Court == s.home.Court && u.Department == s.department
	case s.person != 0:
		return u.Court == s.home.Court && u.Person == s.person
	}
	return false
}

// Case reports whether the user may see case c.
func (s Scope) Case(c CaseRef) bool {
	switch {
	case s.courtWhole(c.Court):
		return true
	case s.department != 0:
		return c.Court == s.home.Court && c.Department == s.department
	case s.person != 0:
		return c.Judge == s.person || slices.Contains(c.Panel, s.person)
	}
	return false
}

// CheckUnit is Unit as an error of kind Forbidden.
func (s Scope) CheckUnit(u Unit) error {
	if !s.Unit(u) {
		return court.Errorf(court.Forbidden, "您无权查看该单位的数据")
	}
	return nil
}

// CheckCase is Case as an error of kind Forbidden.
func (s Scope) CheckCase(c CaseRef) error {
	if !s.Case(c) {
		return court.Errorf(court.Forbidden, "您无权查看该案件")
	}
	return nil
}

// CheckAdmin returns a Forbidden error unless the role administers accounts.
func (s Scope) CheckAdmin() error {
	if !s.role.ManagesUsers() {
		return court.Errorf(court.Forbidden, "仅系统管理员可以进行此操作")
	}
	return nil
}
