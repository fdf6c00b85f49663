package petitions

import (
	"strings"

	"github.com/zhixiao/zhixiao/internal/auth"
)

// Viewer is the signed-in user looking at a request.
type Viewer struct {
	UserID       int64
	Role         auth.Role
	CourtID      int64
	DepartmentID int64
	PersonID     int64 // the viewer as a member of staff, 0 when unknown
}

// Access is what a viewer may do with a request.
type Access struct {
	See      bool // the request, with the citizen's data masked unless Personal
	Personal bool // the citizen's name, phone, ID number and address
	Act      bool // acknowledge, hand over, answer, close, take from the queue
}

// AccessOf decides what v may do with p:
//   - a 举报 is seen only by 纪检监察 of its court, who handle it;
//   - the staff a request names (a complaint against them) do not see it,
//     unless they are 院领导 or 纪检监察 (who answer for the court);
//   - the people handling a request (its owner, the members of the
//     department handling it with their 庭长) and the leaders (院领导) see
//     it whole and act on it; 纪检监察 do the same for a 投诉;
//   - the other roles that see the whole court (审管办, 政治部, 系统管理员)
//     and the account that recorded it see it with the citizen masked;
//   - nobody else sees it.
func AccessOf(v Viewer, p *Petition) Access {
	if v.CourtID == 0 || v.CourtID != p.CourtID {
		return Access{}
	}
	if p.Type == TypeReport {
		ok := v.Role == auth.RoleDiscipline
		return Access{See: ok, Personal: ok, Act: ok}
	}
	if v.PersonID != 0 && v.Role != auth.RolePresident && v.Role != auth.RoleDiscipline && p.Names(v.PersonID) {
		return Access{}
	}
	handler := v.UserID != 0 && v.UserID == p.OwnerID ||
		p.DeptID != 0 && v.DepartmentID == p.DeptID && (v.Role == auth.RoleChief || v.Role == auth.RoleJudge)
	if handler || v.Role == auth.RolePresident || v.Role == auth.RoleDiscipline && p.Type == TypeComplaint {
		return Access{See: true, Personal: true, Act: true}
	}
	if v.Role.CourtWide() || v.UserID == p.CreatedBy {
		return Access{See: true}
	}
	return Access{}
}

// Names reports whether the request concerns the member of staff person.
func (p *Petition) Names(person int64) bool {
	for _, s := range p.Staff {
		if s.PersonID == person {
			return true
		}
	}
	return false
}

// Masked returns c with every field masked: the first character of the
// name, the first three and last four digits of the phone, the first and
// last character of the ID number, the first six characters of the address.
func (c Citizen) Masked() Citizen {
	return Citizen{Name: maskKeep(c.Name, 1, 0), Phone: maskKeep(c.Phone, 3, 4), IDNo: maskKeep(c.IDNo, 1, 1), Address: maskKeep(c.Address, 6, 0)}
}

// maskKeep keeps the first head and last tail characters of s and stars the
// rest; a short value is starred whole but its first character.
func maskKeep(s string, head, tail int) string {
	r := []rune(s)
	if len(r) == 0 {
		return ""
	}
	if len(r) <= head+tail {
		head, tail = min(1, len(r)-1), 0
	}
	return string(r[:head]) + strings.Repeat("*", max(len(r)-head-tail, 1)) + string(r[len(r)-tail:])
}
