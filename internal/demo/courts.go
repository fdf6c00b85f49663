package demo

import "github.com/zhixiao/zhixiao/internal/court"

// The 中院 of 示例市.
const (
	intermediateName = "示例市中级人民法院"
	intermediateCode = "示01"
)

// courtSize is the shape of a basic court: a large urban district court has
// a 民三庭; a county court has 人民法庭 in its towns.
type courtSize uint8

const (
	sizeUrbanLarge courtSize = iota
	sizeUrban
	sizeCounty
)

// basicCourt describes one 基层法院 of 示例市.
type basicCourt struct {
	name   string
	code   string
	weight float64 // share of the city's caseload, relative
	size   courtSize
	towns  []string // seats of the 人民法庭, county courts only
}

// basicCourts are the 基层法院 in the order Config.Courts takes them. The
// first one has the 行政审判庭 that hears the whole city's first-instance
// administrative cases (集中管辖).
var basicCourts = [MaxCourts]basicCourt{
	{"示例市东城区人民法院", "示0101", 1.25, sizeUrbanLarge, nil},
	{"示例市西城区人民法院", "示0102", 1.15, sizeUrbanLarge, nil},
	{"示例市南山区人民法院", "示0103", 1.00, sizeUrban, nil},
	{"示例市北湖区人民法院", "示0104", 0.90, sizeUrban, nil},
	{"青山县人民法院", "示0121", 0.65, sizeCounty, []string{"城关", "石门"}},
	{"白河县人民法院", "示0122", 0.55, sizeCounty, []string{"白河", "柳林"}},
	{"示例市石桥区人民法院", "示0105", 0.85, sizeUrban, nil},
	{"临江县人民法院", "示0123", 0.50, sizeCounty, []string{"城关", "临江"}},
	{"云岭县人民法院", "示0124", 0.45, sizeCounty, []string{"云岭", "双河"}},
	{"示例市河口区人民法院", "示0106", 0.80, sizeUrban, nil},
	{"松林县人民法院", "示0125", 0.45, sizeCounty, []string{"松林", "马坊"}},
	{"丰安县人民法院", "示0126", 0.50, sizeCounty, []string{"城关", "新集"}},
	{"示例市东湖区人民法院", "示0107", 0.75, sizeUrban, nil},
	{"长宁县人民法院", "示0127", 0.40, sizeCounty, []string{"长宁", "龙潭"}},
	{"示例市新港区人民法院", "示0108", 0.70, sizeUrban, nil},
	{"柳溪县人民法院", "示0128", 0.40, sizeCounty, []string{"柳溪", "桥头"}},
	{"示例市高新区人民法院", "示0109", 0.70, sizeUrbanLarge, nil},
	{"安平县人民法院", "示0129", 0.40, sizeCounty, []string{"安平", "东坝"}},
	{"示例市北山区人民法院", "示0110", 0.65, sizeUrban, nil},
	{"清河县人民法院", "示0130", 0.40, sizeCounty, []string{"清河", "三里"}},
}

// MaxCourts is the largest Config.Courts: the number of 基层法院 示例市 has names for.
const MaxCourts = 20

// role is what a department does, for routing cases to it.
type role uint8

const (
	roleNone role = iota
	roleFiling
	roleCivil1 // 婚姻家庭、劳动、侵权、物业
	roleCivil2 // 合同、金融
	roleCivil3 // 房地产、建设工程、知识产权
	roleCriminal
	roleAdmin
	roleSupervision
	roleExec
	roleTribunal
	numRoles
)

// slot is a group of posts in a department.
type slot struct {
	category court.Category
	title    string
	n        int
	load     float64 // caseload weight of a judge; 0 for a judge who handles no cases
	fixed    bool    // a leader's post: not multiplied when the city is scaled up
}

func leader(title string, load float64) slot {
	return slot{court.CategoryJudge, title, 1, load, true}
}
func judges(n int) slot        { return slot{court.CategoryJudge, "审判员", n, 1, false} }
func assistants(n int) slot    { return slot{court.CategoryAssistant, "法官助理", n, 0, false} }
func clerks(n int) slot        { return slot{court.CategoryClerk, "书记员", n, 0, false} }
func staff(title string) slot  { return slot{court.CategoryAdmin, title, 1, 0, true} }
func clerical(n int) slot      { return slot{court.CategoryAdmin, "科员", n, 0, false} }
func police(title string) slot { return slot{court.CategoryPolice, title, 1, 0, true} }
func officers(n int) slot      { return slot{court.CategoryPolice, "司法警察", n, 0, false} }

// deptPlan is the staffing plan of one department.
type deptPlan struct {
	name  string
	roles []role
	slots []slot
}

func plan(name string, r role, slots ...slot) deptPlan { return deptPlan{name, []role{r}, slots} }

// intermediatePlan is the staffing of the 中院 (about 85 people).
func intermediatePlan() []deptPlan {
	return []deptPlan{
		plan("立案庭", roleFiling, leader("庭长", 0.7), judges(1), assistants(1), clerks(2)),
		plan("民一庭", roleCivil1, leader("院长", 0.04), leader("庭长", 0.75), judges(2), assistants(3), clerks(3)),
		plan("民二庭", roleCivil2, leader("副院长", 0.12), leader("庭长", 0.75), judges(2), assistants(3), clerks(3)),
		plan("民三庭", roleCivil3, leader("庭长", 0.75), judges(2), assistants(2), clerks(2)),
		plan("刑事审判庭", roleCriminal, leader("副院长", 0.12), leader("庭长", 0.75), judges(2), assistants(2), clerks(3)),
		plan("行政审判庭", roleAdmin, leader("庭长", 0.75), judges(2), assistants(2), clerks(2)),
		plan("审判监督庭", roleSupervision, leader("庭长", 0.75), judges(2), assistants(1), clerks(2)),
		plan("执行局", roleExec, leader("局长", 0.4), leader("副局长", 0.85), judges(2), assistants(3), clerks(3)),
		plan("审判管理办公室", roleNone, leader("主任", 0), clerical(2)),
		plan("政治部", roleNone, staff("主任"), clerical(3)),
		plan("办公室", roleNone, staff("主任"), clerical(4)),
		plan("纪检监察室", roleNone, staff("主任"), clerical(1)),
		plan("司法警察支队", roleNone, police("支队长"), officers(5)),
	}
}

// basicPlan is the staffing of a 基层法院 (about 45 to 70 people). A county
// court has one 民事审判庭 and its 人民法庭 in the towns.
func basicPlan(bc basicCourt, hasAdmin bool) []deptPlan {
	big := boolInt(bc.size == sizeUrbanLarge)
	var out []deptPlan
	if bc.size == sizeCounty {
		out = []deptPlan{
			plan("立案庭", roleFiling, leader("庭长", 0.7), assistants(1), clerks(2)),
			{"民事审判庭", []role{roleCivil1, roleCivil2}, []slot{leader("院长", 0.04), leader("庭长", 0.75), judges(2), assistants(2), clerks(3)}},
		}
	} else {
		out = []deptPlan{
			plan("立案庭", roleFiling, leader("庭长", 0.7), judges(1), assistants(1+big), clerks(2+big)),
			plan("民一庭", roleCivil1, leader("院长", 0.04), leader("庭长", 0.75), judges(2), assistants(2+big), clerks(3)),
			plan("民二庭", roleCivil2, leader("副院长", 0.12), leader("庭长", 0.75), judges(2+big), assistants(2+big), clerks(3)),
		}
	}
	if bc.size == sizeUrbanLarge {
		out = append(out, plan("民三庭", roleCivil3, leader("庭长", 0.75), judges(2), assistants(1), clerks(2)))
	}
	out = append(out, plan("刑事审判庭", roleCriminal, leader("副院长", 0.12), leader("庭长", 0.75), judges(1), assistants(1+big), clerks(2)))
	if hasAdmin {
		out = append(out, plan("行政审判庭", roleAdmin, leader("庭长", 0.75), judges(2), assistants(1), clerks(2)))
	}
	out = append(out, plan("执行局", roleExec, leader("局长", 0.4), leader("副局长", 0.85), judges(1+boolInt(bc.size != sizeCounty)),
		assistants(2+big), clerks(3+big)))
	for _, town := range bc.towns {
		out = append(out, plan(town+"人民法庭", roleTribunal, leader("庭长", 0.8), judges(2), assistants(1), clerks(1)))
	}
	admin := []slot{staff("主任")}
	if big == 1 {
		admin = []slot{leader("主任", 0), clerical(1)}
	}
	return append(out,
		deptPlan{"审判管理办公室", []role{roleNone}, admin},
		plan("政治部", roleNone, staff("主任"), clerical(1)),
		plan("办公室", roleNone, staff("主任"), clerical(1+big)),
		plan("纪检监察室", roleNone, staff("主任")),
		plan("司法警察大队", roleNone, police("大队长"), officers(2+big)),
	)
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
