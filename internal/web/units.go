package web

import (
	"context"
	"strconv"

	"github.com/zhixiao/zhixiao/internal/auth"
	"github.com/zhixiao/zhixiao/internal/court"
	"github.com/zhixiao/zhixiao/internal/store"
)

// Unit kinds in URLs: /units/{kind}/{id}.
const (
	kindAll        = "all"
	kindCourt      = "court"
	kindDepartment = "department"
	kindJudge      = "judge"
)

// unit is a unit of the organisation as the pages show it: its kind and
// store id, its names, and the ids a scope check needs.
type unit struct {
	Kind       string
	ID         int64
	Name       string // what the page title says
	CourtName  string
	DeptName   string
	JudgeName  string
	StaffNo    string
	Level      court.CourtLevel
	Ref        auth.Unit
	Parents    []unitLink // from the top down, for the breadcrumbs
	Children   []unitLink // the units one level down the visitor may see
	ChildLabel string     // 法院 / 部门 / 法官
	Courts     []unitLink // a court's courts below (基层法院 of a 中院) the visitor may see
}

// unitLink is a link to a unit.
type unitLink struct {
	Kind, Name string
	ID         int64
}

// URL is the dashboard of the unit.
func (l unitLink) URL() string { return unitURL(l.Kind, l.ID) }

// URL is the dashboard of the unit.
func (u *unit) URL() string { return unitURL(u.Kind, u.ID) }

// Link is the unit as a link.
func (u *unit) Link() unitLink { return unitLink{Kind: u.Kind, Name: u.Name, ID: u.ID} }

func unitURL(kind string, id int64) string {
	if kind == kindAll {
		return "/units/all/0"
	}
	return "/units/" + kind + "/" + strconv.FormatInt(id, 10)
}

// orgIndex is the organisation indexed by id.
type orgIndex struct {
	courts map[int64]store.OrgCourt
	depts  map[int64]store.OrgDepartment
	people map[int64]store.OrgPerson
	org    store.Org
}

func newOrgIndex(o store.Org) *orgIndex {
	x := &orgIndex{courts: map[int64]store.OrgCourt{}, depts: map[int64]store.OrgDepartment{}, people: map[int64]store.OrgPerson{}, org: o}
	for _, c := range o.Courts {
		x.courts[c.ID] = c
	}
	for _, d := range o.Departments {
		x.depts[d.ID] = d
	}
	for _, p := range o.People {
		x.people[p.ID] = p
	}
	return x
}

// loadOrg returns the organisation. It changes only with an import, after
// which the engine is replaced: so it is kept with the engine it was read
// for, and read afresh while there is no engine.
func (s *Server) loadOrg(ctx context.Context) (*orgIndex, error) {
	eng := s.engine.Load()
	if eng == nil {
		o, err := s.data.Org(ctx)
		if err != nil {
			return nil, err
		}
		return newOrgIndex(o), nil
	}
	v, err := s.figures.get(eng, "org", func() (any, error) {
		o, err := s.data.Org(ctx)
		if err != nil {
			return nil, err
		}
		return newOrgIndex(o), nil
	})
	if err != nil {
		return nil, err
	}
	return v.(*orgIndex), nil
}

// links is the court hierarchy, for auth.NewScope.
func (x *orgIndex) links() []auth.CourtLink {
	ls := make([]auth.CourtLink, len(x.org.Courts))
	for i, c := range x.org.Courts {
		ls[i] = auth.CourtLink{ID: c.ID, Parent: c.Parent}
	}
	return ls
}

// resolveUnit finds the unit of a URL and checks the visitor may see it:
// an unknown unit is NotFound, one outside the scope Forbidden.
func (s *Server) resolveUnit(ctx context.Context, v *visitor, kind, idText string) (*unit, *orgIndex, error) {
	id, err := strconv.ParseInt(idText, 10, 64)
	if err != nil || id < 0 {
		return nil, nil, court.Errorf(court.NotFound, "单位编号“%s”无效", idText)
	}
	x, err := s.loadOrg(ctx)
	if err != nil {
		return nil, nil, err
	}
	u, err := x.unit(kind, id)
	if err != nil {
		return nil, nil, err
	}
	if err := v.Scope.CheckUnit(u.Ref); err != nil {
		return nil, nil, err
	}
	x.fill(u, v.Scope)
	return u, x, nil
}

// unit builds the unit of kind and id, without its links.
func (x *orgIndex) unit(kind string, id int64) (*unit, error) {
	switch kind {
	case kindAll:
		return &unit{Kind: kindAll, Name: "全部法院"}, nil
	case kindCourt:
		if c, ok := x.courts[id]; ok {
			return &unit{Kind: kind, ID: id, Name: c.Name, CourtName: c.Name, Level: c.Level, Ref: auth.Unit{Court: id}}, nil
		}
		return nil, court.Errorf(court.NotFound, "法院编号 %d 不存在", id)
	case kindDepartment:
		if d, ok := x.depts[id]; ok {
			c := x.courts[d.Court]
			return &unit{Kind: kind, ID: id, Name: c.Name + " " + d.Name, CourtName: c.Name, DeptName: d.Name, Level: c.Level,
				Ref: auth.Unit{Court: d.Court, Department: id}}, nil
		}
		return nil, court.Errorf(court.NotFound, "部门编号 %d 不存在", id)
	case kindJudge:
		if p, ok := x.people[id]; ok {
			c, d := x.courts[p.Court], x.depts[p.Department]
			return &unit{Kind: kind, ID: id, Name: p.Name, CourtName: c.Name, DeptName: d.Name, JudgeName: p.Name, StaffNo: p.StaffNo,
				Level: c.Level, Ref: auth.Unit{Court: p.Court, Department: p.Department, Person: id}}, nil
		}
		return nil, court.Errorf(court.NotFound, "人员编号 %d 不存在", id)
	}
	return nil, court.Errorf(court.NotFound, "单位类别“%s”无效，应为 court、department 或 judge", kind)
}

// fill adds the breadcrumbs and the children the scope allows.
func (x *orgIndex) fill(u *unit, sc auth.Scope) {
	if sc.All() {
		u.Parents = append(u.Parents, unitLink{Kind: kindAll, Name: "全部法院"})
	}
	if c, ok := x.courts[u.Ref.Court]; ok && c.Parent != 0 && c.Parent != c.ID {
		if pc, ok := x.courts[c.Parent]; ok {
			x.addParent(u, sc, unitLink{Kind: kindCourt, ID: pc.ID, Name: pc.Name}, auth.Unit{Court: pc.ID})
		}
	}
	if u.Kind == kindDepartment || u.Kind == kindJudge {
		x.addParent(u, sc, unitLink{Kind: kindCourt, ID: u.Ref.Court, Name: u.CourtName}, auth.Unit{Court: u.Ref.Court})
	}
	if u.Kind == kindJudge && u.Ref.Department != 0 {
		x.addParent(u, sc, unitLink{Kind: kindDepartment, ID: u.Ref.Department, Name: u.DeptName}, auth.Unit{Court: u.Ref.Court, Department: u.Ref.Department})
	}
	switch u.Kind {
	case kindAll:
		u.ChildLabel = "法院"
		for _, c := range x.org.Courts {
			x.addChild(u, sc, unitLink{Kind: kindCourt, ID: c.ID, Name: c.Name}, auth.Unit{Court: c.ID})
		}
	case kindCourt:
		u.ChildLabel = "部门"
		for _, c := range x.org.Courts {
			if c.Parent == u.ID && c.ID != u.ID && sc.Unit(auth.Unit{Court: c.ID}) {
				u.Courts = append(u.Courts, unitLink{Kind: kindCourt, ID: c.ID, Name: c.Name})
			}
		}
		for _, d := range x.org.Departments {
			if d.Court == u.ID {
				x.addChild(u, sc, unitLink{Kind: kindDepartment, ID: d.ID, Name: d.Name}, auth.Unit{Court: d.Court, Department: d.ID})
			}
		}
	case kindDepartment:
		u.ChildLabel = "法官"
		for _, p := range x.org.People {
			if p.Department == u.ID && p.Category == court.CategoryJudge {
				x.addChild(u, sc, unitLink{Kind: kindJudge, ID: p.ID, Name: p.Name}, auth.Unit{Court: p.Court, Department: p.Department, Person: p.ID})
			}
		}
	}
}

func (x *orgIndex) addParent(u *unit, sc auth.Scope, l unitLink, ref auth.Unit) {
	if sc.Unit(ref) {
		u.Parents = append(u.Parents, l)
	}
}

func (x *orgIndex) addChild(u *unit, sc auth.Scope, l unitLink, ref auth.Unit) {
	if sc.Unit(ref) {
		u.Children = append(u.Children, l)
	}
}

// homeUnit is the unit a visitor's dashboard opens on.
func homeUnit(sc auth.Scope) (kind string, id int64) {
	h := sc.Home()
	switch {
	case sc.All() && h.Court == 0:
		return kindAll, 0
	case h.Person != 0:
		return kindJudge, h.Person
	case sc.Department() != 0:
		return kindDepartment, h.Department
	}
	return kindCourt, h.Court
}
