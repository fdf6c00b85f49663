package web

import "github.com/zhixiao/zhixiao/internal/indicator"

// Engine units are named (court, court/department, court/department/judge);
// URLs and scopes use store ids. These map one to the other.

// engineName is the engine's name of unit u.
func engineName(u *unit) string {
	switch u.Kind {
	case kindCourt:
		return u.CourtName
	case kindDepartment:
		return u.CourtName + "/" + u.DeptName
	case kindJudge:
		return u.CourtName + "/" + u.DeptName + "/" + u.JudgeName
	}
	return indicator.AllUnit
}

// linkOf finds the store unit of an engine unit; false when the
// organisation does not know it.
func (x *orgIndex) linkOf(eu indicator.Unit) (unitLink, bool) {
	var courtID int64
	for _, c := range x.org.Courts {
		if c.Name == eu.Court {
			courtID = c.ID
			break
		}
	}
	if courtID == 0 {
		return unitLink{}, false
	}
	if eu.Type == indicator.ByCourt {
		return unitLink{Kind: kindCourt, ID: courtID, Name: eu.Court}, true
	}
	var deptID int64
	for _, d := range x.org.Departments {
		if d.Court == courtID && d.Name == eu.Department {
			deptID = d.ID
			break
		}
	}
	if deptID == 0 {
		return unitLink{}, false
	}
	if eu.Type == indicator.ByDepartment {
		return unitLink{Kind: kindDepartment, ID: deptID, Name: eu.Department}, true
	}
	for _, p := range x.org.People {
		if p.Court == courtID && p.Department == deptID && p.Name == eu.Judge {
			return unitLink{Kind: kindJudge, ID: p.ID, Name: p.Name}, true
		}
	}
	for _, p := range x.org.People {
		if p.Court == courtID && p.Name == eu.Judge {
			return unitLink{Kind: kindJudge, ID: p.ID, Name: p.Name}, true
		}
	}
	return unitLink{}, false
}

// childGrouping is the grouping of the units one level below u.
func childGrouping(u *unit) (indicator.Grouping, bool) {
	switch u.Kind {
	case kindAll:
		return indicator.ByCourt, true
	case kindCourt:
		return indicator.ByDepartment, true
	case kindDepartment:
		return indicator.ByJudge, true
	}
	return 0, false
}
