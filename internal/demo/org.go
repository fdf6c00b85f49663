package demo

import (
	"math"
	"slices"
	"strconv"

	"github.com/zhixiao/zhixiao/internal/court"
)

// courtInfo is a court of 示例市 with its departments, as the simulation uses it.
type courtInfo struct {
	court.Court
	idx       int
	basic     bool
	weight    float64 // share of the city's caseload, relative
	depts     []*dept
	byRole    [numRoles]*dept
	tribunals []*dept
	mediators []string
}

// dept is a department (庭室) and the judges who handle its cases.
type dept struct {
	name   string
	court  *courtInfo
	role   role
	judges []*judge

	version  int      // eligibility version the pickers were built for
	eligible []*judge // judges in post on the current day
	load     weights  // caseload weights of eligible
	panel    weights  // panel weights of eligible
}

// judge is an 员额法官 who can handle cases from the day from (入额日期)
// until the day until (left the post; 0 while in post).
type judge struct {
	name    string
	staffNo string
	load    float64
	from    court.Date
	until   court.Date
}

// eligibleOn reports whether j can take a case filed on d.
func (j *judge) eligibleOn(d court.Date) bool {
	return j.from <= d && (j.until == 0 || d < j.until)
}

// refresh rebuilds the pickers of d for the day when the version changed.
func (d *dept) refresh(day court.Date, version int) {
	if d.version == version && d.eligible != nil {
		return
	}
	d.version = version
	d.eligible = d.eligible[:0]
	for _, j := range d.judges {
		if j.load > 0 && j.eligibleOn(day) {
			d.eligible = append(d.eligible, j)
		}
	}
	if len(d.eligible) == 0 { // nobody in post yet: take whoever the plan has
		for _, j := range d.judges {
			if j.load > 0 {
				d.eligible = append(d.eligible, j)
			}
		}
	}
	lw := make([]float64, len(d.eligible))
	pw := make([]float64, len(d.eligible))
	for i, j := range d.eligible {
		lw[i], pw[i] = j.load, max(j.load, 0.5)
	}
	d.load, d.panel = newWeights(lw...), newWeights(pw...)
}

// org is the whole of 示例市's courts and staff.
type org struct {
	courts  []*courtInfo // the 中院 first
	people  []court.Person
	depts   []court.Department
	changes []court.Date // sorted days on which a judge joins or leaves
}

// draft is a person before names are settled and judges are made.
type draft struct {
	court.Person
	dept *dept
	load float64
	core bool // one of the first three judges of a department, in post throughout
}

// scaleFor is how many times the default staffing a city of cfg needs, so
// that caseloads per judge stay those of a real court when Cases grows.
func scaleFor(cfg Config) float64 {
	perCourtYear := float64(cfg.Cases) * 0.9 / float64(cfg.Courts*cfg.Years)
	return max(1, perCourtYear/12500)
}

// buildOrg makes the courts, departments and people of 示例市.
func buildOrg(r rng, cfg Config, names *nameGen) *org {
	o := &org{}
	scale := scaleFor(cfg)
	mid := &courtInfo{Court: court.Court{Name: intermediateName, Code: intermediateCode, Level: court.CourtIntermediate}, weight: 1}
	o.courts = append(o.courts, mid)
	for i, bc := range basicCourts[:cfg.Courts] {
		o.courts = append(o.courts, &courtInfo{
			Court: court.Court{Name: bc.name, Code: bc.code, Level: court.CourtBasic, Parent: intermediateName},
			idx:   i + 1, basic: true, weight: bc.weight,
		})
	}
	var drafts [][]*draft
	for i, ci := range o.courts {
		plan := intermediatePlan()
		if ci.basic {
			plan = basicPlan(basicCourts[i-1], i == 1)
		}
		drafts = append(drafts, staffCourt(r, cfg, ci, plan, scale, names))
	}
	shareNames(r, drafts)
	for i, ci := range o.courts {
		o.finishCourt(r, cfg.Start, ci, drafts[i])
		if ci.basic {
			taken := map[string]bool{}
			for range 6 + int(math.Round(2*scale)) {
				ci.mediators = append(ci.mediators, names.drawUnique(r, taken))
			}
		}
	}
	slices.Sort(o.changes)
	o.changes = slices.Compact(o.changes)
	return o
}

// staffCourt fills the departments of a court after its plan.
func staffCourt(r rng, cfg Config, ci *courtInfo, plan []deptPlan, scale float64, names *nameGen) []*draft {
	taken := map[string]bool{}
	var out []*draft
	for _, p := range plan {
		d := &dept{name: p.name, court: ci, role: p.roles[0]}
		ci.depts = append(ci.depts, d)
		for _, r := range p.roles {
			switch r {
			case roleNone:
			case roleTribunal:
				ci.tribunals = append(ci.tribunals, d)
			default:
				ci.byRole[r] = d
			}
		}
		judgesSoFar := 0
		for _, s := range p.slots {
			n := s.n
			if !s.fixed {
				n = int(math.Round(float64(n) * scale))
			}
			for range n {
				dr := &draft{dept: d}
				dr.Person = court.Person{Court: ci.Name, Department: d.name, Name: names.drawUnique(r, taken),
					Category: s.category, Title: s.title, Active: true}
				if s.category == court.CategoryJudge {
					dr.load = s.load
					dr.core = judgesSoFar < 3
					dr.JoinedOn = joinDate(r, cfg.Start, s.fixed, dr.core)
					judgesSoFar++
				}
				out = append(out, dr)
			}
		}
	}
	// Newly appointed judges (新入额法官) join during the window and take few cases.
	newcomers := 1 + boolInt(!ci.basic)
	for k := range newcomers {
		d := ci.byRole[roleCivil1+role(k%2)]
		out = append(out, &draft{dept: d, load: 0.35, Person: court.Person{Court: ci.Name, Department: d.name,
			Name: names.drawUnique(r, taken), Category: court.CategoryJudge, Title: "审判员",
			JoinedOn: cfg.Start + court.Date(r.between(150, 540)), Active: true}})
	}
	return out
}

// joinDate draws an 入额日期: leaders and the core of each department
// entered in the first rounds of the reform, the others later.
func joinDate(r rng, start court.Date, leader, core bool) court.Date {
	switch {
	case leader:
		return start - court.Date(r.between(2190, 2900))
	case core:
		return start - court.Date(r.between(1650, 2900))
	}
	return start - court.Date(r.between(420, 2900))
}

// shareNames gives the popular names to people of different courts, and
// one name to two people of the first basic court, a judge and a clerk of
// different departments: names identify nobody, 工号 does.
func shareNames(r rng, drafts [][]*draft) {
	n := len(drafts)
	names := func(c []*draft) map[string]bool {
		m := map[string]bool{}
		for _, d := range c {
			m[d.Name] = true
		}
		return m
	}
	for i, name := range popularNames {
		for _, c := range []int{(2*i + 1) % n, (2*i + 2) % n} {
			taken := names(drafts[c])
			if taken[name] {
				continue
			}
			cands := rankAndFile(drafts[c])
			cands[r.IntN(len(cands))].Name = name
		}
	}
	if n < 2 {
		return
	}
	var judge, clerk *draft
	for _, d := range drafts[1] {
		switch {
		case judge == nil && d.dept.role == roleCivil1 && d.Title == "审判员" && !d.core:
			judge = d
		case clerk == nil && d.dept.role == roleExec && d.Category == court.CategoryClerk:
			clerk = d
		}
	}
	if judge != nil && clerk != nil {
		clerk.Name = judge.Name
	}
}

// rankAndFile returns the people of a court who hold no leading post.
func rankAndFile(c []*draft) []*draft {
	var out []*draft
	for _, d := range c {
		if d.Title == "审判员" || d.Title == "法官助理" || d.Title == "书记员" || d.Title == "科员" {
			out = append(out, d)
		}
	}
	return out
}

// finishCourt sets who has left, hands out 工号 and makes the judges.
func (o *org) finishCourt(r rng, start court.Date, ci *courtInfo, drafts []*draft) {
	var leavers []*draft
	for _, d := range drafts {
		if d.Category == court.CategoryJudge && d.Title == "审判员" && !d.core && d.JoinedOn < start-365 {
			leavers = append(leavers, d)
		}
	}
	if len(leavers) > 0 {
		leavers[r.IntN(len(leavers))].Active = false
	}
	if !ci.basic || ci.idx == 2 {
		cands := rankAndFile(drafts)
		if d := cands[r.IntN(len(cands))]; d.Category != court.CategoryJudge {
			d.Active = false
		}
	}
	perm := r.Perm(len(drafts))
	for i, d := range drafts {
		d.StaffNo = strconv.Itoa(10001 + perm[i])
		o.people = append(o.people, d.Person)
		if d.Category != court.CategoryJudge {
			continue
		}
		j := &judge{name: d.Name, staffNo: d.StaffNo, load: d.load * r.uniform(0.8, 1.2), from: d.JoinedOn}
		if !d.Active {
			j.until = start + court.Date(r.between(200, 600))
		}
		d.dept.judges = append(d.dept.judges, j)
		o.changes = append(o.changes, j.from)
		if j.until != 0 {
			o.changes = append(o.changes, j.until)
		}
	}
	for _, d := range ci.depts {
		o.depts = append(o.depts, court.Department{Court: ci.Name, Name: d.name})
	}
}
