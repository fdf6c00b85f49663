package auth

import (
	"strings"
	"time"
	"unicode/utf8"

	"github.com/zhixiao/zhixiao/internal/court"
)

// User is an account. Its post (court, department, person) fixes its scope
// together with its role.
type User struct {
	ID           int64
	Login        string
	Role         Role
	CourtID      int64 // 0 = none (an administrator of the whole installation)
	DepartmentID int64 // required for 庭长
	PersonID     int64 // required for 法官; optional for the others
	Court        string
	Department   string
	Person       string // name of the person, for display
	StaffNo      string // 工号 of the person
	Disabled     bool
	CreatedAt    time.Time
}

// CheckLogin validates a login name: 2 to 64 characters, no spaces or control
// characters. Chinese names are allowed.
func CheckLogin(login string) error {
	n := utf8.RuneCountInString(login)
	if n < 2 || n > 64 {
		return court.Errorf(court.Invalid, "登录名应为 2 至 64 个字符")
	}
	if strings.ContainsFunc(login, func(r rune) bool { return r <= ' ' || r == 0x7f || r == '\u3000' }) {
		return court.Errorf(court.Invalid, "登录名不能包含空格或控制字符")
	}
	return nil
}

// Check validates the post of the user against its role: every role but
// 系统管理员 needs a court, a 庭长 a department, a 法官 a person.
func (u *User) Check() error {
	if err := CheckLogin(u.Login); err != nil {
		return err
	}
	switch {
	case u.Role == RoleNone:
		return court.Errorf(court.Invalid, "账号“%s”没有角色", u.Login)
	case u.Role != RoleAdmin && u.CourtID == 0:
		return court.Errorf(court.Invalid, "角色“%s”须指定所在法院", u.Role)
	case u.Role == RoleChief && u.DepartmentID == 0:
		return court.Errorf(court.Invalid, "角色“庭长”须指定所在部门")
	case u.Role == RoleJudge && u.PersonID == 0:
		return court.Errorf(court.Invalid, "角色“法官”须指定本人工号")
	}
	return nil
}

// NewUser checks a new account (login, role and password policy) and hashes
// its password. The admin page and `zhixiao user add` share it; the store
// then resolves the post named by court, department and staff number.
func NewUser(login, role, courtName, department, staffNo, password string, p Params) (User, string, error) {
	r, err := ParseRole(strings.TrimSpace(role))
	if err != nil {
		return User{}, "", err
	}
	u := User{Login: strings.TrimSpace(login), Role: r, Court: strings.TrimSpace(courtName),
		Department: strings.TrimSpace(department), StaffNo: strings.TrimSpace(staffNo)}
	if err := CheckLogin(u.Login); err != nil {
		return User{}, "", err
	}
	if err := CheckPassword(password); err != nil {
		return User{}, "", err
	}
	return u, HashPassword(password, p), nil
}
