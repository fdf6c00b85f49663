package auth

import "github.com/zhixiao/zhixiao/internal/court"

// Role is what an account may do and see.
type Role uint8

// The roles. RoleNone is the zero value and grants nothing.
const (
	RoleNone       Role = iota
	RoleAdmin           // 系统管理员: accounts and the audit log
	RolePresident       // 院领导: the whole court, and the courts below it
	RoleTrialMgmt       // 审管办: the whole court; edits bands and indicator versions
	RolePersonnel       // 政治部: the whole court, for assessment
	RoleChief           // 庭长: the own department
	RoleJudge           // 法官: the own cases and own figures
	RoleDiscipline      // 纪检监察: the whole court, for complaints and supervision
)

var roleNames = [...]string{"", "系统管理员", "院领导", "审管办", "政治部", "庭长", "法官", "纪检监察"}
var roleKeys = [...]string{"", "admin", "president", "trialmgmt", "personnel", "chief", "judge", "discipline"}

// Roles lists the roles in the order the admin page shows them.
func Roles() []Role {
	return []Role{RoleAdmin, RolePresident, RoleTrialMgmt, RolePersonnel, RoleChief, RoleJudge, RoleDiscipline}
}

// String returns the Chinese name of the role.
func (r Role) String() string {
	if int(r) < len(roleNames) {
		return roleNames[r]
	}
	return "未知角色"
}

// Key returns the English key of the role, as stored.
func (r Role) Key() string {
	if int(r) < len(roleKeys) {
		return roleKeys[r]
	}
	return ""
}

// ParseRole reads a role from its Chinese name or its English key.
func ParseRole(s string) (Role, error) {
	for i := 1; i < len(roleNames); i++ {
		if s == roleNames[i] || s == roleKeys[i] {
			return Role(i), nil
		}
	}
	return RoleNone, court.Errorf(court.Invalid, "未知角色“%s”，应为 系统管理员、院领导、审管办、政治部、庭长、法官、纪检监察 之一（或 admin、president、trialmgmt、personnel、chief、judge、discipline）", s)
}

// CourtWide reports whether the role sees its whole court.
func (r Role) CourtWide() bool {
	switch r {
	case RoleAdmin, RolePresident, RoleTrialMgmt, RolePersonnel, RoleDiscipline:
		return true
	}
	return false
}

// ManagesUsers reports whether the role administers accounts and reads the audit log.
func (r Role) ManagesUsers() bool { return r == RoleAdmin }

// EditsBands reports whether the role edits bands and indicator versions.
func (r Role) EditsBands() bool { return r == RoleTrialMgmt }
