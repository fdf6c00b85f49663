package indicator

import (
	"github.com/zhixiao/zhixiao/internal/court"
)

// Grouping is the kind of unit results are given for.
type Grouping uint8

// The groupings. A judge unit is a 承办人 name within the court and
// department of the case.
const (
	ByAll        Grouping = iota // the whole data set, unit "全部"
	ByCourt                      // 承办法院, unit = court name
	ByDepartment                 // 承办部门, unit = "court/department"
	ByJudge                      // 承办人, unit = "court/department/judge name"
)

// AllUnit is the name of the unit of the whole data set.
const AllUnit = "全部"

var groupingNames = [...]string{"all", "court", "department", "judge"}

// String returns all, court, department or judge (the unit_type of results).
func (g Grouping) String() string { return groupingNames[g] }

// ParseGrouping reads all / court / department / judge, or 全部 / 法院 / 部门 / 法官.
func ParseGrouping(s string) (Grouping, error) {
	switch s {
	case "all", "全部", "":
		return ByAll, nil
	case "court", "法院":
		return ByCourt, nil
	case "department", "部门", "庭室":
		return ByDepartment, nil
	case "judge", "法官", "承办人":
		return ByJudge, nil
	}
	return ByAll, court.Errorf(court.Invalid, "分组方式“%s”无效，应为 all、court、department 或 judge", s)
}

// Unit is a unit results are given for.
type Unit struct {
	Type       Grouping
	Name       string // 全部, court, court/department or court/department/judge
	Court      string
	Department string
	Judge      string
	CourtLevel court.CourtLevel // CourtLevelNone for 全部
}

// unitRef points at one unit of the snapshot.
type unitRef struct {
	g   Grouping
	idx int32
}

// units is the hierarchy court > department > judge unit (leaf). Each level
// is ordered so that the children of one parent are contiguous, and cases
// are ordered by leaf, so every unit is a range of leaves and of cases.
type units struct {
	courtName      []string
	courtLevel     []court.CourtLevel
	courtDeptStart []int32 // departments of court c: [courtDeptStart[c], courtDeptStart[c+1])
	deptCourt      []int32
	deptName       []string
	deptLeafStart  []int32
	leafDept       []int32
	leafName       []string
	leafCaseStart  []int32

	// 在岗员额法官 by unit (closed_per_judge).
	judgesLeaf  []uint8
	judgesDept  []int32
	judgesCourt []int32
	judgesAll   int32

	people []court.Person // with court names resolved
	index  map[string]unitRef
}

func (u *units) memoryBytes() int64 {
	var b int64
	for _, ss := range [][]string{u.courtName, u.deptName, u.leafName} {
		for _, s := range ss {
			b += int64(len(s)) + 16
		}
	}
	n32 := len(u.courtDeptStart) + len(u.deptCourt) + len(u.deptLeafStart) + len(u.leafDept) +
		len(u.leafCaseStart) + len(u.judgesDept) + len(u.judgesCourt)
	b += int64(n32)*4 + int64(len(u.judgesLeaf)+len(u.courtLevel))
	b += int64(len(u.index)) * 48
	return b
}

func (u *units) leafCourt(l int32) int32 { return u.deptCourt[u.leafDept[l]] }

// count returns the number of units of a grouping.
func (u *units) count(g Grouping) int {
	switch g {
	case ByCourt:
		return len(u.courtName)
	case ByDepartment:
		return len(u.deptName)
	case ByJudge:
		return len(u.leafName)
	}
	return 1
}

// leafRange returns the leaves of a unit.
func (u *units) leafRange(r unitRef) (int32, int32) {
	switch r.g {
	case ByCourt:
		d0, d1 := u.courtDeptStart[r.idx], u.courtDeptStart[r.idx+1]
		return u.deptLeafStart[d0], u.deptLeafStart[d1]
	case ByDepartment:
		return u.deptLeafStart[r.idx], u.deptLeafStart[r.idx+1]
	case ByJudge:
		return r.idx, r.idx + 1
	}
	return 0, int32(len(u.leafName))
}

// unit describes one unit.
func (u *units) unit(r unitRef) Unit {
	switch r.g {
	case ByCourt:
		return Unit{Type: ByCourt, Name: u.courtName[r.idx], Court: u.courtName[r.idx], CourtLevel: u.courtLevel[r.idx]}
	case ByDepartment:
		c := u.deptCourt[r.idx]
		return Unit{Type: ByDepartment, Name: u.courtName[c] + "/" + u.deptName[r.idx], Court: u.courtName[c],
			Department: u.deptName[r.idx], CourtLevel: u.courtLevel[c]}
	case ByJudge:
		d := u.leafDept[r.idx]
		c := u.deptCourt[d]
		return Unit{Type: ByJudge, Name: u.courtName[c] + "/" + u.deptName[d] + "/" + u.leafName[r.idx],
			Court: u.courtName[c], Department: u.deptName[d], Judge: u.leafName[r.idx], CourtLevel: u.courtLevel[c]}
	}
	return Unit{Type: ByAll, Name: AllUnit}
}

// judges returns the number of 在岗员额法官 of a unit.
func (u *units) judges(r unitRef) int64 {
	switch r.g {
	case ByCourt:
		return int64(u.judgesCourt[r.idx])
	case ByDepartment:
		return int64(u.judgesDept[r.idx])
	case ByJudge:
		return int64(u.judgesLeaf[r.idx])
	}
	return int64(u.judgesAll)
}

// judgePeople returns the 在岗员额法官 counted for a unit, as
// "court/department/name（工号）".
func (u *units) judgePeople(r unitRef) []string {
	un := u.unit(r)
	var idx []int
	if r.g == ByJudge {
		idx = u.leafPersons(un.Court, un.Department, un.Judge)
	} else {
		for i, p := range u.people {
			if (r.g == ByAll || p.Court == un.Court) && (r.g != ByDepartment || p.Department == un.Department) {
				idx = append(idx, i)
			}
		}
	}
	var out []string
	for _, i := range idx {
		p := u.people[i]
		if p.Category != court.CategoryJudge || !p.Active {
			continue
		}
		s := p.Court + "/" + p.Department + "/" + p.Name
		if p.StaffNo != "" {
			s += "（" + p.StaffNo + "）"
		}
		out = append(out, s)
		if r.g == ByJudge {
			break
		}
	}
	return out
}

// leafPersons returns the people a judge unit stands for: those of that
// name in its court and department, or, when there are none, those of that
// name anywhere in its court (a judge who has since moved department).
func (u *units) leafPersons(courtName, dept, name string) []int {
	var same, other []int
	for i, p := range u.people {
		if p.Court != courtName || p.Name != name {
			continue
		}
		if p.Department == dept {
			same = append(same, i)
		} else {
			other = append(other, i)
		}
	}
	if len(same) > 0 {
		return same
	}
	return other
}

// Units returns every unit of a grouping, in order.
func (s *Snapshot) Units(g Grouping) []Unit {
	n := s.count(g)
	out := make([]Unit, n)
	for i := range out {
		out[i] = s.unit(unitRef{g, int32(i)})
	}
	return out
}

// lookupUnit finds a unit by its name (全部, court, court/department,
// court/department/judge).
func (u *units) lookupUnit(name string) (unitRef, error) {
	if name == "" || name == AllUnit {
		return unitRef{g: ByAll}, nil
	}
	if r, ok := u.index[name]; ok {
		return r, nil
	}
	return unitRef{}, court.Errorf(court.NotFound, "未找到单位“%s”（单位写作 法院、法院/部门 或 法院/部门/承办人）", name)
}
